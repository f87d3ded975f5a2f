"""Cited extractive answers: golden answers, refusals, grounding, multi-part questions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import assistant
from assistant.answer import Answerer, numbers_grounded
from assistant.evaluate import answer_correct, evaluate_answers
from assistant.query import read_question
from assistant.quotes import clauses
from assistant.retrieve import Retriever
from assistant.tokenize import is_english

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def answerer(built_index):
    return Answerer(Retriever(built_index))


@pytest.fixture(scope="module")
def golden_answers(answerer, golden):
    return [(q, answerer.ask(q.question)) for q in golden]


def test_golden_answer_accuracy_per_language(answerer, golden):
    scores = evaluate_answers(answerer, golden)
    for lang in ("zh", "en"):
        assert scores[lang].n >= 39
        assert scores[lang].accuracy >= 0.9, (lang, scores[lang].failures)


def test_unanswerable_questions_are_refused(golden_answers):
    unanswerable = [(q, a) for q, a in golden_answers if q.unanswerable]
    assert len(unanswerable) >= 10
    refused = [a for _, a in unanswerable if not a.found]
    assert len(refused) / len(unanswerable) >= 0.9
    for q, a in ((q, a) for q, a in unanswerable if not a.found):
        refusal = "The indexed reports do not answer" if is_english(q.question) else "报告中没有找到"
        assert a.text.startswith(refusal) and not a.citations  # in the question's language
        assert a.related, "a refusal offers the closest passages"


def test_every_number_in_an_answer_is_in_its_citations(golden_answers):
    found = [a for _, a in golden_answers if a.found]
    assert len(found) >= 70
    for a in found:
        assert numbers_grounded(a), a.text
        for c in a.citations:
            # The quote is the report's own words, inside the span it claims.
            span = c.text[c.quote_start - c.start : c.quote_end - c.start]
            assert c.start <= c.quote_start < c.quote_end <= c.end
            assert all(part in span for part in c.quote.split("；")), (c.quote, span)
            assert f"[{c.n}]" in a.text


def test_numbers_grounded_detects_an_invented_figure(answerer):
    a = answerer.ask("2023年固定资产投资增长目标是多少？")
    assert numbers_grounded(a)
    a.text = a.text.replace("8.5", "9.5")
    assert not numbers_grounded(a)


def test_answers_are_short(golden_answers):
    lengths = sorted(len(re.sub(r"\[\d+\]|According to the report: ", "", a.text))
                     for _, a in golden_answers if a.found)
    assert lengths[len(lengths) // 2] <= 60


@pytest.mark.parametrize("question", ["2023年固定资产投资增长目标是多少？", "What is the 2023 investment target?"])
def test_investment_target(answerer, question):
    a = answerer.ask(question)
    assert a.found and "固定资产投资增长8.5%以上" in a.text and "[1]" in a.text
    c = a.citations[0]
    assert c.n == 1 and c.section == "二、2023年工作安排" and "8.5%" in c.quote
    assert c.source == "maoming-2023-government-work-report.txt"
    if question.isascii():  # an English sentence made from the table row, the Chinese clause quoted
        assert a.text.startswith("From Maoming's 2023 report: Fixed-asset investment growth target for 2023: 8.5% or more")


def test_positioning_of_high_tech_zone(answerer):
    a = answerer.ask("高新区的定位是什么？")
    assert a.found and "科创新城" in a.text
    assert a.citations[0].section.endswith("抓大平台大载体")



@pytest.mark.parametrize("question", ["四大平台是哪些？", "What are the four platforms?"])
def test_a_counted_list_quotes_its_items_not_only_the_announcing_lead(answerer, question):
    a = answerer.ask(question)
    assert a.found
    for platform in ("滨海新区", "高新区", "水东湾新城", "临空经济区"):
        assert platform in a.text and platform in a.citations[0].quote


def test_an_english_list_answer_names_the_items_the_glossary_knows(answerer):
    a = answerer.ask("What are the three traditional industries worth 100 billion yuan?")
    assert a.found and "石油化工、农业、建筑业" in a.citations[0].quote
    assert "petrochemicals (石油化工)" in a.text and "agriculture (农业)" in a.text and "construction (建筑业)" in a.text

def test_two_part_question_covers_both_parts(answerer):
    a = answerer.ask("地区生产总值和居民消费价格的目标分别是多少？")
    assert a.found and "6.0%" in a.text and "3%左右" in a.text


def test_two_part_question_across_passages(answerer):
    a = answerer.ask("高新区和临空经济区分别锚定什么定位？")
    assert a.found and "科创新城" in a.text and "空港新城" in a.text


@pytest.mark.parametrize("question", [
    "2023年茂名的房价调控目标是多少？",
    "What is the 2023 target for housing prices?",
    "2022年茂名地区生产总值实际增长了多少？",
    "深圳市2023年的地区生产总值增长目标是多少？",
    "What is the weather in Beijing today?",  # its passage names 北京大兴临空经济区, no clause is about Beijing
])
def test_refusals(answerer, question):
    a = answerer.ask(question)
    assert not a.found and not a.citations and a.related


def test_ask_module_function_and_dict(built_index):
    a = assistant.ask("高新区的定位是什么？", index_dir=built_index)
    d = a.to_dict()
    assert set(d) >= {"question", "answer", "found", "citations"}
    assert set(d["citations"][0]) >= {"n", "score", "source", "section", "text", "start", "end"}
    json.dumps(d, ensure_ascii=False)


def test_golden_answers_are_correct_markers(golden_answers):
    """answer_correct needs the gold string in the answer AND in a cited passage."""
    q, a = next((q, a) for q, a in golden_answers if q.gold and a.found and answer_correct(a, q.gold))
    a.citations = []
    assert not answer_correct(a, q.gold)


def test_ask_cli_json(built_index):
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "What is the 2023 investment target?", "--json", "-q",
         "--index", str(built_index), "--data", str(built_index.parent / "data")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["found"] is True and "8.5%" in out["answer"]
    assert [c["n"] for c in out["citations"]] == list(range(1, len(out["citations"]) + 1))
    c = out["citations"][0]
    text = (built_index.parent / "data" / c["source"]).read_text(encoding="utf-8")
    assert text[c["start"] : c["end"]] == c["text"]
    assert text[c["quote_start"] : c["quote_end"]] == c["quote"]


HAIBIN_2024 = """海滨市政府工作报告
——2024年1月10日在海滨市第五届人民代表大会第三次会议上
海滨市市长 王明

一、2023年工作回顾
过去一年，全市地区生产总值1200亿元，增长5%。城市大脑建成全国首个政务模型训练场，数字经济核心产业增加值增长7.1%、占地区生产总值比重达18.5%。
全市机场旅客吞吐量达2100万人次，排名全省第二，港口货物吞吐量1.2亿吨，重回全省沿海五大港口之列，海滨成为全省第三个经济总量过千亿元的城市。货物进出口总额300亿元，增长12%，增速全省第一。农民人均可支配收入达3.2万元、增长6.5%。新能源汽车产量增长35%，常住人口城镇化率达70.5%。

二、2024年工作安排
做强数字经济，数字经济核心产业增加值增长6%、力争占地区生产总值比重达到20%。
扩大开放通道，启动临港国际机场二期工程前期研究，新开国际航线5条。
实施更加积极的财政政策。今年财政赤字率拟按3%左右安排、比上年提高1个百分点，赤字规模566亿元、比上年增加16亿元。
"""


def _indexed(tmp_path_factory: pytest.TempPathFactory, name: str, text: str,
             more: dict[str, str] | None = None) -> Answerer:
    """A made-up report (and more, by file name) indexed with the default model."""
    root = tmp_path_factory.mktemp(name.split("-")[0])
    (root / "data").mkdir()
    for file, body in {name: text, **(more or {})}.items():
        (root / "data" / file).write_text(body, encoding="utf-8")
    assistant.build_index(root / "data", root / "index")
    return Answerer(Retriever(root / "index"))


@pytest.fixture(scope="module")
def haibin(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report (review of 2023, plan for 2024), indexed with the default model."""
    return _indexed(tmp_path_factory, "haibin-2024.txt", HAIBIN_2024)


def test_a_figure_asked_with_no_year_or_aim_is_the_one_reached(haibin):
    """No year and no aim named: the share the review says was reached, not the plan's aim."""
    a = haibin.ask("海滨数字经济核心产业增加值占地区生产总值的比重是多少？")
    assert a.found and "18.5%" in a.text and "20%" not in a.text
    assert "20%" in haibin.ask("海滨2024年数字经济核心产业增加值占地区生产总值比重的目标是多少？").text


def test_a_growth_target_the_plan_does_not_set_is_answered_in_english_too(tmp_path: Path):
    """"What was the GDP growth target?" over a plan saying it sets none (as China's 2020 report)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "haibin-2024.txt").write_text(HAIBIN_2024.replace(
        "二、2024年工作安排\n", "二、2024年工作安排\n今年主要预期目标是：城镇新增就业5万人，居民消费价格涨幅3%左右。"
        "需要说明的是，我们没有提出全年经济增速具体目标，主要因为形势不确定性很大。\n"), encoding="utf-8")
    assistant.build_index(tmp_path / "data", tmp_path / "index")
    answer = Answerer(Retriever(tmp_path / "index")).ask("What was Haibin's GDP growth target for 2024?")
    assert answer.found and "没有提出全年经济增速具体目标" in answer.text, answer.text


def test_where_a_passages_figure_ranks_is_quoted_when_asked(haibin):
    ranked = haibin.ask("How many passengers did Haibin's airport handle in 2023, and how did it rank?")
    assert ranked.found and "2100万人次" in ranked.text and "排名全省第二" in ranked.text, ranked.text


def test_the_clause_naming_the_measure_asked_is_quoted(haibin):
    """赤字率 asked: the clause saying it, not the deficit's size in the clause beside it."""
    answer = haibin.ask("海滨赤字率定为多少？")
    assert answer.found and "赤字率拟按3%左右" in answer.text and "566亿元" not in answer.text, answer.text


def test_where_a_figure_ranks_is_quoted_when_asked(haibin):
    """The clause after a figure that says where it ranks comes with it when the question asks."""
    ranked = haibin.ask("What was Haibin's growth in imports and exports in 2023, and how did it rank?")
    assert ranked.found and "12%" in ranked.text and "增速全省第一" in ranked.text, ranked.text
    plain = haibin.ask("海滨2023年货物进出口总额增长多少？")
    assert plain.found and "12%" in plain.text and "全省第一" not in plain.text, plain.text


def test_a_rank_said_as_one_of_the_top_few_is_quoted_when_asked(haibin):
    """重回全省沿海五大港口之列 says where the port ranks (one of the five largest): quoted up to it, not on
    to a later clause's rank of something else (全省第三个经济总量过千亿元的城市)."""
    answer = haibin.ask("What cargo throughput did Haibin's port handle in 2023, and what ranking did it return to?")
    assert answer.found and "1.2亿吨" in answer.text and "五大港口之列" in answer.text, answer.text
    assert "经济总量" not in answer.text, answer.text


def test_a_romanised_name_must_be_said_by_the_quoted_figure(haibin):
    """"Lingang International Airport" is 临港国际机场: the city's airports together (2100万人次)
    are not its passengers; what the report plans for it is quoted by its Chinese name."""
    assert haibin.retriever.spelled_names(haibin.retriever.understand(
        "What is planned for Lingang International Airport?")) == {"lingang": ["临港"]}
    assert not haibin.ask("How many passengers passed through Lingang International Airport in 2023?").found
    assert "2100万人次" in haibin.ask("How many passengers did Haibin's airport handle in 2023?").text
    assert "临港国际机场" in haibin.ask("What is planned for Lingang International Airport?").text


def test_a_which_question_naming_an_amount_as_a_threshold_is_answered(haibin):
    """"哪个城市…经济总量过千亿元" asks which city, not how large its economy is: no level figure needed."""
    a = haibin.ask("2023年哪个城市成为全省第三个经济总量过千亿元的城市？")
    assert a.found and "海滨成为全省第三个经济总量过千亿元的城市" in a.text


def test_one_group_of_residents_figure_does_not_answer_for_another(haibin):
    """Only the farmers' income is given: asked for urban residents' or all residents', it is refused."""
    assert "3.2万元" in haibin.ask("海滨2023年农村居民人均可支配收入是多少？").text
    assert not haibin.ask("海滨2023年城镇居民人均可支配收入是多少？").found
    assert not haibin.ask("海滨2023年居民人均可支配收入是多少？").found
    assert not haibin.ask("What was Haibin's urban per capita disposable income in 2023?").found


def test_a_count_asked_is_not_answered_by_a_growth_rate(haibin):
    """Only the growth of the vehicles made is given: how many were made is not in the report."""
    assert not haibin.ask("海滨2023年新能源汽车产量是多少辆？").found
    assert not haibin.ask("How many new energy vehicles did Haibin make in 2023?").found
    assert "1.2亿吨" in haibin.ask("How many tonnes of cargo did Haibin's port handle in 2023?").text


def test_a_count_is_not_answered_by_a_rate_named_after_it(haibin):
    """人口 asked, 常住人口城镇化率 quoted: the figure is the rate's, not the population."""
    assert not haibin.ask("海滨的人口有多少？").found
    assert "70.5%" in haibin.ask("海滨常住人口城镇化率是多少？").text


def test_a_district_of_the_city_is_answered_only_by_a_clause_naming_it(haibin):
    """东湖区 is a part of 海滨: the city's GDP is not the district's."""
    assert not haibin.ask("海滨东湖区2023年地区生产总值是多少？").found
    assert not haibin.ask("How much did Haibin's Donghu district grow in 2023?").found
    assert "1200亿元" in haibin.ask("海滨2023年地区生产总值是多少？").text


LINJIANG_2024 = """---
title: 临江市政府工作报告（2024年1月12日 李华）
---
——2024年1月12日在临江市第六届人民代表大会第二次会议上
临江市市长 李华

一、2023年工作回顾
过去一年，全市地区生产总值900亿元，增长4.8%。最鼓舞的是，我们抢抓机遇稳经济，全省首个外商独资石化项目、外商在我市投资规模最大的单体项目——投资80亿欧元的临江石化一体化基地项目做出最终投资决策并全面开工建设成为我市扩大高水平对外开放的标志性工程，充分体现了外商看好临江的坚定决心。
临江石化一体化基地项目首套装置投产，一、二期项目全面动工。全面推行商事登记改革，发放电子营业执照4521份。全市包括零工在内的灵活就业人员数以万计。空气质量优良天数比例达94%、提升3.6个百分点。在第5届全省技能大赛上，我市选手荣获3块金牌、占全省一半。
二是大力培养技能人才，我市选手在第7届全省技能大赛上勇夺6块金牌、位居全省第二。

二、2024年工作安排
**五、扎实推进城镇生活污水治理。**新增改造城镇供排水管网超500公里，新增改造污水处理能力10万吨/日。
**六、全面推动农村公路桥梁安全改造。**对全市120座公路桥梁进行改造，巩固“四好农村路”建设成果。

名词解释

多评合一：指推动项目行政审批制度改革，把项目前期涉及的节能评估、环境影响评价、安全评价、水土保持方案等7项评估由串联方式调整为并联方式进行，实行统一受理、统一评估、统一评审、统一审批的服务新模式。

四好农村路：指把农村公路建好、管好、护好、运营好。
"""


@pytest.fixture(scope="module")
def linjiang(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report with Markdown bold headings inside its paragraphs."""
    return _indexed(tmp_path_factory, "linjiang-2024.md", LINJIANG_2024)


def test_a_figure_asked_is_quoted_from_the_clause_saying_as_much_with_one(linjiang):
    """The clause closest to the question has no figure (首套装置投产); the one saying all it says
    and the amount (投资80亿欧元的…项目) is quoted."""
    answer = linjiang.ask("临江2024年的报告里，临江石化一体化基地项目的投资规模是多少？")
    assert answer.found and "80亿欧元" in answer.citations[0].quote, answer.text


def test_a_quote_never_starts_with_a_bold_headings_closing_marks(linjiang):
    answer = linjiang.ask("How many kilometres of urban water supply pipes will Linjiang add or upgrade in 2024?")
    assert answer.found and "500公里" in answer.text, answer.text
    assert not answer.citations[0].quote.startswith("*"), answer.citations[0].quote


def test_an_english_word_with_two_readings_is_known_when_one_is_said(linjiang):
    """"highway" reads 高速公路 and 公路: 公路桥梁 says it (高速公路 need not be in the passages)."""
    answer = linjiang.ask("How many highway bridges will Linjiang renovate in 2024?")
    assert answer.found and "120座" in answer.text, answer.text


def test_a_count_in_copies_is_a_figure(linjiang):
    answer = linjiang.ask("临江2023年一共发放了多少份电子营业执照？")
    assert answer.found and "4521份" in answer.text, answer.text


@pytest.mark.parametrize("question", ["临江灵活就业人员有多少？", "How many flexible workers does Linjiang have?"])
def test_a_count_in_words_is_a_figure(linjiang, question: str):
    """数以万计 ("tens of thousands") answers how many."""
    answer = linjiang.ask(question)
    assert answer.found and "数以万计" in answer.text, answer.text


@pytest.mark.parametrize("question", ["临江选手在第5届全省技能大赛上获得多少块金牌？",
                                      "How many gold medals did Linjiang's contestants win at the 5th provincial skills contest?"])
def test_a_session_named_is_answered_by_that_session_not_another(linjiang, question: str):
    """第5届 asked: 第7届's medals do not answer; the clause naming the session is no figure itself."""
    answer = linjiang.ask(question)
    assert answer.found and "3块金牌" in answer.text and "6块" not in answer.text, answer.text


def test_a_definition_from_a_glossary_entry_quotes_the_whole_entry(linjiang):
    """The clauses of an entry closest to an English question (…审批制度改革; 实行统一受理…) are
    parts of it: what the term means is the whole entry, the 7 assessments run in parallel included."""
    from assistant.query import read_question
    from assistant.quotes import Clause
    from assistant.retrieve import Hit

    answer = linjiang.ask("What does the 'multiple assessments in one' reform in Linjiang's 2024 report mean?")
    assert answer.found and "并联方式" in answer.text and answer.citations[0].quote.startswith("多评合一：")
    text = ("名词解释\n多评合一：指推动项目行政审批制度改革，把节能评估、安全评价等7项评估由串联方式调整为并联方式进行，"
            "实行统一受理、统一评审的服务新模式。\n四好农村路：指把农村公路建好、管好、护好、运营好。")
    hit = Hit(text=text, score=1.0, source="linjiang-2024.md", section="名词解释", start=1000, end=1000 + len(text),
              chunk_id="g", rank=1, kind="glossary")
    at = text.index("实行统一受理")
    clause = Clause(hit=hit, start=1000 + at, end=1000 + text.index("。"), text=text[at : text.index("。")],
                    terms=frozenset())
    query = linjiang.retriever.understand(read_question("What does 'multiple assessments in one' mean?"))
    whole = linjiang._whole_entry(query, clause)
    assert whole is not None and whole.citations[0].quote == text[5 : text.index("。")]
    # not for a question asking a figure
    figure = linjiang.retriever.understand(read_question("How many assessments are run in parallel?"))
    assert linjiang._whole_entry(figure, clause) is None


QINGHE_2025 = """清河市政府工作报告
——2025年1月8日在清河市第七届人民代表大会第四次会议上
清河市市长 张伟

一、2024年和过去五年工作回顾
过去一年，全市地区生产总值2050亿元，增长5.2%。人均地区生产总值达到9.6万元。固定资产投资增长8.1%。
2024年是新中国成立75周年。面对极端天气，我们经受了18轮强降水和4个台风影响，全力保障群众生命财产安全。
五年来，全市累计完成固定资产投资6120亿元，是前五年的1.6倍。地铁运营里程达到180公里，清河迈入地铁城市行列。
多年累计改造棚户区住房3500多套。
展望二〇三五年，清河将基本建成现代化国际化城市。

二、2025年工作安排
今年主要预期目标是：地区生产总值增长5%左右，固定资产投资增长6%。
"""


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report reviewing a year and five years, indexed with the default model."""
    return _indexed(tmp_path_factory, "qinghe-2025.txt", QINGHE_2025)


@pytest.mark.parametrize("question", ["清河五年来累计完成固定资产投资多少？", "清河过去五年累计完成固定资产投资多少？",
                                      "How much fixed-asset investment did Qinghe complete over the preceding five years?"])
def test_a_sum_over_years_is_not_one_years_figure_from_the_targets_table(qinghe, question: str):
    answer = qinghe.ask(question)
    assert answer.found and "6120亿元" in answer.text and "8.1%" not in answer.text, answer.text


def test_english_weather_words_find_the_reports_words(qinghe):
    """"heavy rainfall" is 强降水 (the dictionary knows only 降雨, 雨量): the clause saying it answers, not
    "2024年是…75周年"."""
    answer = qinghe.ask("How many rounds of heavy rainfall hit Qinghe in 2024?")
    assert answer.found and "18轮强降水" in answer.text, answer.text


def test_a_figure_with_more_than_is_a_figure(qinghe):
    """3500多套 ("more than 3,500 units") states the count asked."""
    answer = qinghe.ask("How many shantytown housing units has Qinghe rebuilt over the years?")
    assert answer.found and "3500多套" in answer.text, answer.text


def test_a_year_beyond_the_named_reports_periods_is_found_where_the_report_names_it(qinghe):
    """2035 is no year the 2025 report reviews or plans: its passage saying 二〇三五年 (the year in
    Chinese numerals) answers."""
    answer = qinghe.ask("清河2025年政府工作报告展望2035年，清河将基本建成什么样的城市？")
    assert answer.found and "现代化国际化城市" in answer.text, answer.text


NANHU_2025 = """# 南湖市政府工作报告
——2025年1月9日在南湖市第八届人民代表大会第三次会议上
南湖市市长 李强

## 一、2024年工作回顾
过去一年，全市地区生产总值2300亿元，增长5.6%。战略性新兴产业增加值增长8.8%，占地区生产总值比重提高到41.9%。
加大稳外贸力度，成功举办南湖进出口商品交易会、首届南湖国际食品博览会等重大展会。
下半年，遭遇建市以来秋季登陆我省的最强台风“海燕”正面袭击，中心城区大面积停电停水，部分镇村通信一度中断，全市上下迅速行动、全力抢险救灾，受灾人口34.5万、企业123家，直接经济损失25.6亿元，灾后重建任务艰巨。
交通建设提速，港口、机场、铁路、公路项目加快推进，全年完成投资86.4亿元，增长37%。民间投资超500亿元、增长9%。城镇新增就业3.2万人。
投资结构持续优化，基础设施投资增长4.6%，新型基础设施投资增长11.2%。
率先制定充电场站建设等4项地方标准，新增充电桩2.1万个，累计建成超充站320座、综合能源补给站41座。
细颗粒物年均浓度21微克/立方米。河湖水质持续改善，空气质量优良天数达到340天、排名全省第一。
去年政府工作报告提出的50项工作任务，有48项按期完成。

## 二、2025年工作安排
新增筹集建设保障性租赁住房不少于2万套（间），有效解决新市民、青年人住房困难。新增市区义务教育学位3700个、学前教育学位1500个。
持续优化税费服务，增值税留抵退税政策全面落实。落实好结构性减税政策，全年预计退税减税约12亿元，其中留抵退税约5亿元。
提升交通运输清洁化水平，新推广新能源汽车3万辆以上。巩固提升“超充之城”优势，新建小区充电桩5000个、综合能源补给站15座。

## 南湖市2025年民生实事项目
### 一、畅行南湖
新开公交线路20条，优化调整公交线路50条。
### 二、绿色南湖
新建口袋公园30个，新增绿道100公里。
### 三、平安南湖
改造老旧燃气管道200公里。
"""


@pytest.fixture(scope="module")
def nanhu(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report with a typhoon's toll, fairs held for trade and a list of projects by
    heading, indexed with the default model."""
    return _indexed(tmp_path_factory, "nanhu-2025.md", NANHU_2025)


def test_which_things_asked_beside_an_indicator_are_named_not_counted(nanhu):
    """"Which fairs did it host to shore up foreign trade?" asks the fairs: foreign trade is why, not a
    figure asked (it was refused for quoting no trade figure)."""
    answer = nanhu.ask("Which trade fairs did Nanhu host in 2024 to shore up foreign trade?")
    assert answer.found and "南湖进出口商品交易会" in answer.text, answer.text
    from assistant.query import read_question
    from assistant.table_answer import names_things
    assert names_things(read_question("Facing high global inflation, which two areas did China prioritise in 2023?"))
    assert not names_things(read_question("Facing high inflation, which growth target did China set?"))


def test_a_quote_closes_the_brackets_it_opens(nanhu):
    answer = nanhu.ask("南湖2025年计划新增筹集保障性租赁住房多少套？")
    assert answer.found and "2万套（间）" in answer.text, answer.text
    quote = answer.citations[0].quote
    assert quote.count("（") == quote.count("）")


def test_a_share_of_a_places_gdp_is_not_its_gdp(nanhu):
    """"What share of Nanhu's GDP…": the share asked, not the GDP's growth from the targets table."""
    answer = nanhu.ask("What share of Nanhu's GDP did strategic emerging industries account for in 2024?")
    assert answer.found and "41.9%" in answer.text, answer.text


def test_two_figures_asked_are_both_quoted(nanhu):
    """"How many…, and how big…?": a second clause with a figure and the words the others leave out
    (受灾人口 beside 直接经济损失), though it adds less of a long question than another clause must."""
    answer = nanhu.ask("How hard did the strongest autumn typhoon since the city was founded hit Nanhu in 2024, cutting "
                       "power and water in the city centre — how many people were affected and how big were the direct "
                       "economic losses?")
    assert answer.found and "34.5万" in answer.text and "25.6亿元" in answer.text, answer.text


def test_by_how_much_two_things_grew_asks_both_rates(nanhu):
    """"By how much did A and B grow?": one asking word, two figures (each thing's own rate)."""
    answer = nanhu.ask("By how much did infrastructure investment and new-type infrastructure investment grow in Nanhu "
                       "in 2024?")
    assert answer.found and "4.6%" in answer.text and "11.2%" in answer.text, answer.text


def test_a_rate_said_right_after_an_amount_is_the_amounts_growth(nanhu):
    """"How much…, and how fast did it grow?": the amount whose rate follows it in its sentence
    (完成投资86.4亿元，增长37%), not another clause holding an amount and a rate of its own."""
    answer = nanhu.ask("How much transport investment did Nanhu complete in 2024, and how fast did it grow?")
    assert answer.found and "86.4亿元" in answer.text and "37%" in answer.text and "500亿元" not in answer.text, answer.text
    # (the clause read with its rate is quoted with it, however the question asks the growth)
    answer = nanhu.ask("What growth did Nanhu's transport investment post in 2024, and how much was completed?")
    assert answer.found and "86.4亿元，增长37%" in answer.text, answer.text


def test_the_second_figure_asked_is_the_neighbour_saying_the_words_left(nanhu):
    """Of the clauses beside the first figure, the second figure asked is the one saying words of the
    question the first does not ("built", "in total": 累计建成), not one sharing the first's words."""
    answer = nanhu.ask("How many charging piles did Nanhu add in 2024, and how many supercharging stations had it "
                       "built in total?")
    assert answer.found and "2.1万个" in answer.text and "320座" in answer.text, answer.text


def test_pm25_is_fine_particulate_matter(nanhu):
    """PM2.5 is 细颗粒物, not air quality in general (优良天数)."""
    for question in ("南湖2024年PM2.5年均浓度是多少？", "What was Nanhu's average PM2.5 concentration in 2024?"):
        answer = nanhu.ask(question)
        assert answer.found and "21微克" in answer.text and "340天" not in answer.text, answer.text


def test_a_dictionary_name_for_a_kind_of_a_glossary_term_is_read():
    """"compulsory education" is 义务教育, a kind of education (教育): the dictionary's longer name is
    read beside the glossary's; "growth rates" is no kind of growth."""
    from assistant.query import read_question
    translated = dict(read_question("How many compulsory-education places will Nanhu add in 2025?").translated)
    assert "义务教育" in translated.get("compulsory-education", ())
    assert not read_question("Did Nanhu grow faster than Linjiang? Give both growth rates.").translated


def test_a_list_asked_by_a_headings_words_is_its_sub_headings(nanhu):
    """成都2025年的民生实事项目分成哪几大类: the sub-headings under the heading 成都市2025年民生实事项目;
    a question about something inside one of them is not the list of headings."""
    answer = nanhu.ask("南湖2025年的民生实事项目分成哪几大类？")
    assert answer.found and all(h in answer.text for h in ("畅行南湖", "绿色南湖", "平安南湖")), answer.text
    inner = nanhu.ask("南湖2025年民生实事里，要新建哪些公园？")
    assert inner.found and "口袋公园" in inner.text and "平安南湖" not in inner.text, inner.text


def test_an_english_question_looks_through_more_passages(nanhu, monkeypatch: pytest.MonkeyPatch):
    """An English question reaches the reports' words only through the glossary and the dictionary,
    so it weighs the clauses of twelve passages, a Chinese one of five (a caller's k stands)."""
    search, asked = nanhu.retriever.search, []

    def counted(query, k=5, **kwargs):
        asked.append(k)
        return search(query, k, **kwargs)

    monkeypatch.setattr(nanhu.retriever, "search", counted)
    nanhu.explain("What share of Nanhu's GDP did strategic emerging industries account for in 2024?")
    nanhu.explain("南湖2024年战略性新兴产业增加值占地区生产总值比重是多少？")
    nanhu.explain("What share of Nanhu's GDP did strategic emerging industries account for in 2024?", k=3)
    assert asked == [12, 5, 3]


def test_a_figure_clause_speaking_of_the_one_before_brings_it(nanhu):
    """有48项按期完成 says 48 of what: the clause before it (50项工作任务) is quoted with it."""
    answer = nanhu.ask("南湖2025年政府工作报告说，上一年报告定下的工作按期完成了多少项？")
    assert answer.found and "50项工作任务，有48项按期完成" in answer.text, answer.text


def test_a_target_the_plan_does_not_set_is_not_answered_with_last_years_outcome(nanhu):
    """The review says how many jobs were added (城镇新增就业3.2万人); the plan sets no such target:
    a question for the target is refused, one for the outcome answered."""
    for question in ("What target for new urban jobs did Nanhu set for 2025 in its 2025 government work report?",
                     "南湖2025年政府工作报告设定的城镇新增就业目标是多少？"):
        answer = nanhu.ask(question)
        assert not answer.found, answer.text
    answer = nanhu.ask("How many new urban jobs did Nanhu add in 2024?")
    assert answer.found and "3.2万人" in answer.text, answer.text


def test_two_figures_asked_begin_with_a_clause_holding_one(nanhu):
    """Two amounts asked: the first clause quoted holds a figure when one scores nearly as well as the
    clause naming the topic without any (增值税留抵退税政策全面落实), so both figures follow."""
    answer = nanhu.ask("How much in VAT credit refunds does Nanhu expect to pay out in 2025, and what is the expected "
                       "total of tax refunds and cuts?")
    assert answer.found and "12亿元" in answer.text and "5亿元" in answer.text, answer.text


def test_a_figure_the_question_states_is_not_its_answer(nanhu):
    """"Of the 50 tasks…, how many were completed?": 50项 is said by the question; the figure after it
    in its sentence (有48项按期完成) answers."""
    answer = nanhu.ask("Of the 50 tasks set in Nanhu's previous government work report, how many were completed on "
                       "schedule in 2024?")
    assert answer.found and "48项" in answer.text, answer.text


DONGGANG_2025 = """# 东港市政府工作报告
——2025年1月10日在东港市第九届人民代表大会第四次会议上
东港市市长 王海

## 一、2024年工作回顾
过去一年，全市地区生产总值1800亿元，增长5.2%。一般公共预算收入160.5亿元、连续3年居全省第2。
全社会研发经费投入连续6年保持两位数增长，新增国家高新技术企业210家。

## 二、“十四五”时期主要任务
实现“十四五”规划目标任务，我们必须坚持稳中求进、以进促稳，推动东港发展迈上新台阶。市政府编制了《东港市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》。着力打造国家级海洋装备制造基地、区域性冷链物流基地、滨海文旅度假基地，构建现代产业体系。

## 三、2025年工作安排
稳定粮食生产，力争全年粮食总产 60万吨以上。新建高标准农田5万亩。规范推进基础设施PPP项目建设。

## 名词解释
1.东港“双15%”税收优惠政策：对东港合作区符合条件的产业企业减按15%的税率征收企业所得税；对在合作区工作的高端人才，其个人所得税负超过15%的部分予以免征。
2.“啄木鸟”城市运行问题预警机制：指聚焦公共安全领域突出问题，每日通报问题责任清单。
3.县市新城：指东山县、西岭县、南溪市。
4.基础设施PPP项目：指政府与社会资本合作建设运营的基础设施项目，由社会资本承担设计、建设和运营。
"""


@pytest.fixture(scope="module")
def donggang(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report with a five-year plan's tasks, a grain target and a glossary whose
    heads quote and hold figures, indexed with the default model."""
    return _indexed(tmp_path_factory, "donggang-2025.md", DONGGANG_2025)


def test_a_total_output_said_without_its_measure_word_is_the_one_asked(donggang):
    """粮食总产 60万吨 is the grain output (粮食总产量) asked, not another measure."""
    answer = donggang.ask("东港2025年的政府工作报告里，全年粮食总产量定的目标是多少？")
    assert answer.found and "60万吨以上" in answer.text, answer.text


def test_a_growth_target_is_not_answered_by_a_level(donggang):
    """增长目标 asks a rate: last year's revenue (160.5亿元) is no growth target."""
    answer = donggang.ask("东港今年一般公共预算收入的增长目标是多少？")
    assert not answer.found, answer.text


def test_the_whole_regions_measure_is_the_indicator_asked(donggang):
    """全社会研发经费投入强度 is R&D intensity (全社会 says whose, as 全市 does): six years of
    double-digit growth is no intensity."""
    answer = donggang.ask("东港2024年全社会研发经费投入强度达到了多少？")
    assert not answer.found, answer.text


def test_which_ones_of_a_five_year_plan_are_its_items(donggang):
    """哪几个基地 asks the bases, not how many; “十四五” says which years, as a year does, not what
    about (the plan's title names it too)."""
    answer = donggang.ask("东港“十四五”要打造哪几个基地？")
    assert answer.found and "国家级海洋装备制造基地" in answer.text and "滨海文旅度假基地" in answer.text, answer.text


def test_who_presented_the_report_is_its_speaker(donggang):
    answer = donggang.ask("Who was the mayor presenting Donggang's 2025 government work report?")
    assert answer.found and "王海" in answer.text, answer.text


def test_a_glossary_entry_whose_head_quotes_a_figure_is_quoted_whole(donggang):
    answer = donggang.ask("What is Donggang's 'double 15%' tax preference, as the report explains it?")
    assert answer.found and "减按15%的税率" in answer.text and "超过15%的部分予以免征" in answer.text, answer.text


def test_an_english_list_of_a_quoted_term_is_its_glossary_entry(donggang):
    """'county and city new towns' is the entry 县市新城 (new towns: 新城, two words said), not an
    entry that only says 城市 (city)."""
    answer = donggang.ask("Which counties and county-level cities make up Donggang's 'county and city new towns'?")
    assert answer.found and "东山县" in answer.text and "南溪市" in answer.text and "啄木鸟" not in answer.text, \
        answer.text


def test_a_term_defined_without_quotes_is_its_glossary_entry(donggang):
    """"How does it define infrastructure PPP projects?": the entry whose head holds the term's words and
    its acronym (基础设施PPP项目：), not the plan's sentence naming it."""
    answer = donggang.ask("How does Donggang's 2025 government work report define infrastructure PPP projects?")
    assert answer.found and "政府与社会资本合作" in answer.text, answer.text


def test_a_five_year_plan_named_weighs_as_little_as_a_year(donggang):
    """“十四五” says which years: the clauses are chosen by what is asked (基地), not by the plan's
    name (the title of its outline names it too)."""
    weights = donggang._weights(donggang.retriever.understand("东港“十四五”要打造哪几个基地？"))
    assert weights["十四五"] < weights["基地"] / 2, weights


XIJIANG_2014 = """# 西江市政府工作报告
——2014年2月20日在西江市第十四届人民代表大会第三次会议上
西江市市长 陈明

## 一、2013年工作回顾
过去一年，全市公共财政预算收入 90.3亿元，增长 15.6%。新认定国高企 128家，技术合同成交额 35亿元。
项目建设提速，江口海上风电场项目等41个项目开工建设，华能西江电厂等18个项目建成投产。
面对汛期连续强降雨，迅速启动防汛一级应急响应，转移安置群众3.2万人，抢修道路120公里。
纵深开展“3+2”专项打击行动，街面“两抢”警情下降26.6%。

## 二、2014年工作安排
全市生产总值增长10%，公共财政预算收入增长12%。

## 名词解释
1.3+2：指“3+2”专项打击整治行动，即涉毒、涉黑恶、涉盗抢和涉赌、涉枪打击行动。
"""


@pytest.fixture(scope="module")
def xijiang(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report of 2014, in that time's words (公共财政预算收入, 国高企), indexed with the
    default model."""
    return _indexed(tmp_path_factory, "xijiang-2014.md", XIJIANG_2014)


@pytest.mark.parametrize(("question", "figure"), [
    ("What was Xijiang's public finance budget revenue in 2013?", "90.3亿元"),  # 公共财政预算收入: the name before 2015
    ("西江2013年公共财政预算收入是多少？", "90.3亿元"),
])
def test_an_indicator_in_its_older_name_is_known(xijiang, question: str, figure: str):
    answer = xijiang.ask(question)
    assert answer.found and figure in answer.text, answer.text


def test_a_term_quoted_as_the_report_writes_it_is_what_is_asked_about(xijiang):
    """'3+2' is written so in the report too: what the question asks of it is in its entry, though
    the question asks neither a definition nor a list ("what types of crime are targeted by…")."""
    answer = xijiang.ask("In Xijiang's 2014 report, what types of crime are targeted by the '3+2' special crackdown?")
    assert answer.found and "涉毒" in answer.text and "涉枪" in answer.text, answer.text


def test_two_figures_each_with_its_own_named_example_are_answered(xijiang):
    answer = xijiang.ask("How many projects, including the Jiangkou offshore wind farm, broke ground in Xijiang in "
                         "2013, and how many, including the Huaneng Xijiang power plant, were completed?")
    assert answer.found and "41个" in answer.text and "18个" in answer.text, answer.text



BEIWAN_2024 = """# 北湾市政府工作报告
——2024年1月12日在北湾市第八届人民代表大会第三次会议上
北湾市市长 李明

## 一、2023年工作回顾
过去一年，全市地区生产总值增长6.1%，总量突破2100亿元。出台招商引资奖励办法，全年招商引资签约项目212个，总投资额865.4亿元，完成投资占年度计划118.2%。
生态环境持续改善，细颗粒物年均浓度26微克/立方米、下降4.1%，优良天数达到331天、增加12天。
农业总产值达530亿元，增长4.6%，总量位居全省第三。预计实现社会消费品零售总额980亿元，增长5.1%。规上工业增加值612亿元，增长8.3%。
龙湾片区开发开放提速，龙湾地区生产总值增长12.5%。北湾数据交易所上架数据产品超500款。累计实现18类港澳专业人才跨境执业。
连续5年获评“全国文明城市”。全面推动第二批225个典型村建设，基本建成29条乡村振兴示范带，90%以上村庄达到干净整洁村标准。

## 二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，实际工作按6.5%左右争取。深入开展“两违”整治，深化“放管服”改革。
完善住房保障体系，新开工公租房1200套，发放住房货币补贴230户。
推行“多评合一”、“一址多照”，缩短项目审批周期。实施文旅“掌门人”计划和文旅“领航员”计划，培育发展主理人经济。推进“北湾工匠”等重点培训，年度培训2.4万人。
全面推动“南粤家政”工程提质，开展家政服务类培训8万人次以上，带动就业4万人次。
实现“十五五”发展目标，我们必须坚持以高质量发展为中心，坚持在创新、协调、绿色、开放、共享五大理念引领下推动发展。
今后五年，我市发展的主要目标任务，体现在“强产业、优城区、兴乡村、护生态、惠民生”。推进职业院校“双高计划”和“新双高”建设。深入开展河湖“五清”行动。

## 名词解释
1. “两违”：指违法用地和违法建设。
2. “放管服”：指简政放权、放管结合、优化服务。
3. “双高计划”：指中国特色高水平高职学校和专业建设计划。
4. “新双高”：指第二轮职业院校建设计划，突出办学能力高水平。
5. 多评合一：指把节能评估、环境影响评价、安全评价等多项评估由串联方式调整为并联方式。
6. “五清”：指在江河湖库开展清理非法排污口、清理水面漂浮物、清理底泥污染物的专项行动。
7. 文旅“领航员”计划：组织北湾文旅企业骨干赴外地学习，提升经营管理水平。
8. 文旅“掌门人”计划：挖掘、培育一批北湾文旅领域的优秀主理人，鼓励其创新呈现本土文化。
"""


@pytest.fixture(scope="module")
def beiwan(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's review of 2023 that says two figures of a thing in a row, a rank two clauses
    after an amount and a count of years, and a glossary of terms an English question may spell in
    pinyin, indexed with the default model."""
    return _indexed(tmp_path_factory, "beiwan-2024.md", BEIWAN_2024)


def _quotes_all(answerer: Answerer, question: str, figures: list[str]) -> str:
    """The answer's text, after checking it is found and quotes every figure asked."""
    answer = answerer.ask(question)
    assert answer.found and all(f in answer.text for f in figures), answer.text
    return answer.text


@pytest.mark.parametrize(("question", "figures"), [
    # the second figure asked of the same thing is the clause right after the first
    ("How many investment projects did Beiwan sign in 2023, and with what total investment?", ["212个", "865.4亿元"]),
    # "What were X and its number of Y?" asks two figures
    ("What were Beiwan's average PM2.5 concentration and its number of good-air days in 2023?",
     ["26微克/立方米", "331天"]),
    # each in its own unit, though the question names one unit of the two
    ("How many households were to receive housing cash subsidies in Beiwan in 2024, and how many public rental "
     "housing units were to be started?", ["1200套", "230户"]),
    # the second figure in the same sentence, not the one ending the sentence before
    ("What was the value added of Beiwan's industrial enterprises above designated size in 2023, and how fast did "
     "it grow?", ["612亿元", "8.3%"]),
    # the second figure said before the first
    ("How many villages were in Beiwan's second batch of typical villages in 2023, and how many rural revitalization "
     "demonstration belts were basically completed?", ["225个", "29条"]),
])
def test_a_question_asking_two_figures_gets_both(beiwan, question: str, figures: list[str]):
    assert "118.2%" not in _quotes_all(beiwan, question, figures)


def test_a_target_is_quoted_with_the_higher_aim_said_after_it(beiwan):
    """生产总值增长6%左右，实际工作按6.5%左右争取: the target is both figures, in Chinese and English."""
    _quotes_all(beiwan, "北湾2024年地区生产总值增长目标是多少？", ["6%左右", "6.5%左右"])
    _quotes_all(beiwan, "What is Beiwan's GDP growth target for 2024?", ["6%左右", "6.5%左右"])


def test_where_an_amount_ranks_is_quoted_from_the_clause_that_says_it(beiwan):
    """农业总产值达530亿元，增长4.6%，总量位居全省第三: the rank two clauses after the amount."""
    answer = beiwan.ask("What was Beiwan's total agricultural output value in 2023, and where did it rank?")
    assert answer.found and "总量位居全省第三" in answer.text, answer.text
    answer = beiwan.ask("北湾2023年农业总产值多少？排名第几？")
    assert answer.text.count("总量位居全省第三") == 1, answer.text


def test_a_count_said_right_after_the_clause_found_is_its_figure(beiwan):
    """推进“北湾工匠”等重点培训，年度培训2.4万人: the figure is the next clause's."""
    answer = beiwan.ask("How many people did Beiwan plan to train in 2024 through key programmes such as its "
                        "'craftsmen' training?")
    assert answer.found and "2.4万人" in answer.text, answer.text


def test_a_name_said_earlier_in_the_figures_sentence_is_the_figures(beiwan):
    """“南粤家政”工程提质，开展家政服务类培训8万人次以上: Nanyue is said in the sentence, not the clause."""
    answer = beiwan.ask("How many domestic-service training sessions did Beiwan target under the 'Nanyue "
                        "Housekeeping' programme in 2024?")
    assert answer.found and "8万人次" in answer.text, answer.text


def test_a_count_of_items_asked_is_the_clause_quoting_as_many(beiwan):
    answer = beiwan.ask("Beiwan's 2024 report sums up its goals for the next five years in five short slogans. "
                        "What are they?")
    assert answer.found and "强产业、优城区" in answer.text, answer.text


def test_how_many_years_is_answered_by_a_number_of_years(beiwan):
    answer = beiwan.ask("For how many consecutive years has Beiwan been named a national civilized city?")
    assert answer.found and "连续5年" in answer.text, answer.text


@pytest.mark.parametrize(("question", "words", "not_words"), [
    ("What does the 'Double High Plan' in Beiwan's 2024 report refer to?", "高水平高职学校", "第二轮"),
    ("What does the 'multiple assessments in one' reform in Beiwan's report mean?", "串联方式", "一址多照"),
    ("What does Beiwan's 'Five Cleanups' campaign for rivers and lakes cover?", "清理非法排污口", "双高"),
])
def test_a_term_named_in_english_is_the_one_whose_characters_say_it(beiwan, question: str, words: str,
                                                                    not_words: str):
    """双 double, 高 high, 计划 plan: the glossary entry of 双高计划, not of 新双高 nor another."""
    answer = beiwan.ask(question)
    assert answer.found and words in answer.text and not_words not in answer.text, answer.text


@pytest.mark.parametrize(("question", "words"), [
    ("What does the 'two violations' (liang wei) crackdown in Beiwan's 2024 report refer to?", "违法用地和违法建设"),
    ("How is the (fang guan fu) reform explained in Beiwan's report?", "简政放权"),
])
def test_a_term_spelled_in_pinyin_is_the_one_the_report_writes_so(beiwan, question: str, words: str):
    """“两违” spelled liang wei: its glossary entry, though the English words say nothing of it."""
    answer = beiwan.ask(question)
    assert answer.found and words in answer.text, answer.text


def test_a_term_spelled_in_one_word_is_its_glossary_entry(beiwan):
    """'Zhangmenren' (after an adjective): the entry of 掌门人, not the sentence naming it beside another."""
    answer = beiwan.ask("What is Beiwan's cultural-tourism 'Zhangmenren' programme, as described in its 2024 report?")
    assert answer.found and "呈现本土文化" in answer.text and "领航员" not in answer.text, answer.text


def test_a_part_the_question_names_in_pinyin_is_asked_for(beiwan):
    """龙湾地区生产总值 is the part's GDP, and "Longwan's GDP" asks it: no refusal for quoting a part."""
    answer = beiwan.ask("How fast did Longwan's GDP grow in 2023, according to Beiwan's 2024 report?")
    assert answer.found and "12.5%" in answer.text, answer.text


@pytest.mark.parametrize(("question", "figure"), [
    ("How many data products did Beiwan's data exchange offer by the end of 2023?", "500款"),
    ("By the end of 2023, how many categories of Hong Kong and Macao professionals could practise across the border "
     "in Beiwan?", "18类"),
])
def test_a_count_in_kinds_or_products_is_a_figure(beiwan, question: str, figure: str):
    answer = beiwan.ask(question)
    assert answer.found and figure in answer.text, answer.text


XILING_2016 = """# 西岭市政府工作报告
——2016年1月10日在西岭市第九届人民代表大会第五次会议上
西岭市市长 周平

## 一、2015年工作回顾
过去一年，全市完成生产总值1380亿元，增长7.5%。基本完成改革任务137项；市级审批事项取消18项、下放9项。

## 二、2016年工作安排
继续发行一定数量的置换债券，减轻利息负担。今年拟安排专项债券额度80亿元，重点支持交通和水利项目。

## 名词解释
1. 多评合一：指推动项目行政审批制度改革，把多项评估合并办理。
"""

XILING_2018 = """# 西岭市政府工作报告
——2018年1月12日在西岭市第十届人民代表大会第二次会议上
西岭市市长 周平

## 一、2017年工作回顾
县域生产总值达到859亿元，占全市比重过半。预计实现生产总值1650亿元，增长7.2%。长岭县生产总值突破300亿元。
新增普惠性托位近9千个，适龄儿童入园率达到92%；新增中小学学位近2.1万个。
人才集聚加快，连续5年新引进35岁以下大学生每年超3万名。全年新引进35岁以下大学生4.1万名，新认定高层次人才2100名。

## 二、2018年工作安排
加快重大项目建设。开工建设500千伏西岭第二通道等18项电网重点工程，推动220千伏岭南输变电工程等16项电网重点工程投产。
新增近零碳排放区12个以上，城镇竣工建筑中绿色建筑面积占比达到80%，绿色低碳产业规模提升至900亿元以上。
今年拟安排专项债券额度120亿元，重点支持新型基础设施。
"""


@pytest.fixture(scope="module")
def xiling(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's 2016 and 2018 reports: a county's GDP beside the city's, figures asked two or
    three at a time, a glossary entry sharing a figure's words, indexed together with the default model."""
    return _indexed(tmp_path_factory, "xiling-2016.md", XILING_2016, {"xiling-2018.md": XILING_2018})


def test_a_parts_figure_is_not_the_citys(xiling):
    """县域生产总值 and 长岭县生产总值 are the counties' output; the city's economy is asked."""
    answer = xiling.ask("How large was Xiling's economy in 2017, according to the city's 2018 government work report?")
    assert answer.found and "1650亿元" in answer.text and "859亿元" not in answer.text, answer.text


def test_one_years_figure_is_not_each_years_of_several(xiling):
    answer = xiling.ask("How many university graduates under 35 did Xiling attract in 2017?")
    assert answer.found and "4.1万名" in answer.text and "3万名" not in answer.text, answer.text


def test_two_reports_named_by_one_noun_are_each_asked(xiling):
    answer = xiling.ask("How much larger was Xiling's economy in 2017 than in 2015, going by the city's 2016 and "
                        "2018 government work reports?")
    assert answer.found and "1380亿元" in answer.text and "1650亿元" in answer.text, answer.text
    answer = xiling.ask("How did Xiling's planned quota of special-purpose bonds change from the 2016 to the 2018 "
                        "government work report?")
    assert answer.found and "80亿元" in answer.text and "120亿元" in answer.text, answer.text


@pytest.mark.parametrize(("question", "figures"), [
    # one "how many" of two things
    ("How many affordable childcare places and primary/secondary school places did Xiling add in 2017?",
     ["9千个", "2.1万个"]),
    # the targets for three things named
    ("What were Xiling's 2018 goals for new near-zero-carbon zones, the green-building share of completed urban "
     "buildings, and the size of its green low-carbon industries?", ["12个以上", "80%", "900亿元以上"]),
    # the second figure beside the first, of the same thing, though the question's other words are said already
    ("How many key power grid projects did Xiling plan to start construction on in 2018, and how many to bring "
     "into operation?", ["18项", "16项"]),
    ("How many key power grid projects did Xiling plan to bring into operation in 2018, and how many were to be "
     "begun?", ["16项", "18项"]),
    # a figure asked: not a glossary entry's definition that shares its words
    ("According to Xiling's 2016 report, how many reform tasks were basically completed in 2015, and how many "
     "city-level approval items were scrapped or delegated?", ["137项", "取消18项"]),
])
def test_each_figure_asked_is_quoted(xiling, question: str, figures: list[str]):
    _quotes_all(xiling, question, figures)


JIANGXI_2022 = """# 江西省政府工作报告
——2022年1月18日在江西省第十三届人民代表大会第六次会议上
江西省省长 叶建春

## 一、2021年工作回顾
过去一年，全省地区生产总值增长8.8%，规模以上工业增加值增长11.4%。
"""


def test_a_city_asked_of_its_provinces_report_is_answered_only_where_named(tmp_path_factory):
    """The province's growth is not the growth of a city it does not name."""
    answerer = _indexed(tmp_path_factory, "jiangxi-2022.md", JIANGXI_2022)
    answer = answerer.ask("How fast did Ganzhou's economy grow in 2021, according to Jiangxi's 2022 report?")
    assert not answer.found, answer.text
    answer = answerer.ask("How fast did Jiangxi's economy grow in 2021, according to its 2022 report?")
    assert answer.found and "8.8%" in answer.text, answer.text


NATION_2019 = """# 政府工作报告
——2019年3月5日在第十三届全国人民代表大会第二次会议上
国务院总理 李克强

## 一、2018年工作回顾
过去一年，国内生产总值增长6.6%，总量突破90万亿元。港珠澳大桥建成通车，支持珠海横琴开发。

## 二、2019年政府工作任务
今年赤字率拟按2.8%安排，比去年预算高0.2个百分点。新改扩建中小学校300所以上。
"""

NATION_2020 = """# 政府工作报告
——2020年5月22日在第十三届全国人民代表大会第三次会议上
国务院总理 李克强

## 一、2019年工作回顾
过去一年，国内生产总值增长6.1%。港珠澳大桥车流量增长90%，完成127宗小型水库标准化建设。
国内经济增长基础尚需巩固，需求不足仍是突出矛盾，一些基层财政收支矛盾较大。
推动三项工程标准化品牌化发展，培育一批乡村工匠。
发布超充设备等6项标准，新增充电桩13.4万个，累计建成超充站1030座。
坚决支援武汉和湖北打赢疫情阻击战，统筹调度全国力量，派出3万多名医疗队员驰援，建成一批方舱医院。

## 二、2020年政府工作任务
今年赤字率拟按3.6%以上安排，财政赤字规模比去年增加1万亿元。
深入实施质量提升行动，打响“中国质量”“中国标准”“中国服务”品牌。
新兴产业加快成长，计划新兴产业发展壮大。培育壮大集成电路、生物医药、人工智能等新兴产业。
推进高水平对外开放，新招引国际组织总部和分支机构8家。
"""


@pytest.fixture(scope="module")
def nation(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up pair of national reports (2019, 2020), indexed together with the default model."""
    return _indexed(tmp_path_factory, "nation-2019.md", NATION_2019, {"nation-2020.md": NATION_2020})


def test_a_clause_saying_the_words_the_glossary_lacks_answers(nation):
    """The glossary knows few of "headquarters or branch offices of international organizations",
    but the clause says nearly every content word in the dictionary's senses (总部, 分支机构, 国际组织):
    answered. A question of the same clause whose words it mostly does not say stays refused."""
    _quotes_all(nation, "How many headquarters or branch offices of international organizations did the State "
                "Council's 2020 government work report aim to attract?", ["8家"])
    answer = nation.ask("How many foreign consulates and trade missions did the State Council's 2020 government "
                        "work report aim to attract to the capital?")
    assert not answer.found, answer.text


def test_a_city_in_a_joined_name_is_no_place_asked(nation):
    """"the Hong Kong-Zhuhai-Macao Bridge" names a bridge (港珠澳大桥), not Zhuhai: no clause must say 珠海."""
    _quotes_all(nation, "According to the State Council's 2020 government work report, how much did traffic on the "
                "Hong Kong-Zhuhai-Macao Bridge grow?", ["90%"])


def test_the_words_naming_the_report_say_nothing_of_the_topic(nation):
    """"government work report" is the document: its "work" (工作, 劳动) is not a word a clause must say."""
    _quotes_all(nation, "How many small reservoirs were brought up to standard, according to the State Council's 2020 "
                "government work report?", ["127宗"])


def test_the_state_councils_english_name_is_no_stranger(nation):
    """A question whose words the glossary does not know: "State Council" names the country's report, not
    something the reports never mention."""
    _quotes_all(nation, "According to the State Council's 2020 government work report, what is still the prominent "
                "contradiction facing the domestic economy?", ["需求不足"])


def test_each_report_named_is_asked_of_the_targets_table_too(nation):
    from assistant.query import parts
    from assistant.table_answer import TableAnswerer

    question = "国务院2019年和2020年政府工作报告分别将当年赤字率拟定为多少？"
    answer = nation.ask(question)
    table = TableAnswerer(nation.retriever.store, True)
    tabled = [table.answer(sub) for _, sub in parts(nation.retriever.understand(question))]
    assert all(t is not None for t in tabled)
    assert [c.quote for c in answer.citations] == [t.citations[0].quote for t in tabled], answer.text
    assert "2.8%" in answer.text and "3.6%" in answer.text, answer.text


def test_an_english_answer_of_several_parts_starts_with_a_capital(nation):
    answer = nation.ask("What deficit ratios did the State Council's 2019 and 2020 government work reports set?")
    assert answer.text.startswith("The State Council's 2019 report: "), answer.text
    assert "2.8%" in answer.text and "3.6%" in answer.text, answer.text


def test_a_count_of_things_asked_is_the_clause_quoting_as_many_in_a_row(nation):
    """“中国质量”“中国标准”“中国服务”品牌 are the three brands; 三项工程标准化品牌化 counts projects, not brands."""
    answer = nation.ask("Which three brands does the State Council's 2020 government work report aim to promote "
                        "through its quality improvement campaign?")
    assert answer.found and "“中国质量”“中国标准”“中国服务”" in answer.citations[0].quote, answer.text


def test_a_second_figure_asked_is_the_one_said_right_after_the_first(nation):
    """No other clause says a word of the second thing asked (超充站 is no glossary word): the figure said
    right after the first, in its sentence, is quoted."""
    _quotes_all(nation, "How many charging piles did China add in 2019, and how many supercharging stations had it "
                "built in total, according to the State Council's 2020 report?", ["13.4万个", "1030座"])


def test_a_count_of_things_asked_is_a_clause_naming_as_many_unquoted(nation):
    """集成电路、生物医药、人工智能 are the three asked, though the clause before says the question's words too."""
    answer = nation.ask("Which three emerging industries does the State Council's 2020 government work report plan "
                        "to grow?")
    assert answer.found and "集成电路、生物医药、人工智能" in answer.citations[0].quote, answer.text


APPENDED_2020 = """# 政府工作报告
——2020年1月15日在海湾市第十届人民代表大会第五次会议上

## 一、2019年工作回顾
过去一年，全市地区生产总值增长6.2%。

## 二、2020年工作安排
让我们风雨无阻，为实现中华民族伟大复兴的中国梦作出新的更大贡献！

**附件1：**

**2020年市十件民生实事**

一、新建改造农村公路200公里。二、新增公办学位1万个。
"""


def test_no_clause_quoted_is_markdown_marks_alone(tmp_path_factory):
    """"**附件1：**" leaves a "**" after its lead-in: no clause of it is a candidate, and a question of
    codes, not words ("r4:U021"), is refused."""
    answerer = _indexed(tmp_path_factory, "haiwan-2020.md", APPENDED_2020)
    retriever = answerer.retriever
    query = retriever.understand("附件1")
    q = retriever.embed_question(query)
    hits = retriever.search(query, 5, query_vector=q)
    texts = [c.text for hit in hits for c in clauses(retriever.store, hit, q)]
    assert texts and all(any(ch.isalnum() for ch in t) for t in texts), texts
    answer = answerer.ask("r4:U021")
    assert not answer.found and not answer.citations, answer.text


YUNXI_2021 = """# 云溪市政府工作报告
——2021年2月3日在云溪市第九届人民代表大会第七次会议上

云溪市市长 林青

## 一、“十三五”与2020年工作回顾
“十三五”时期，云溪综合实力跨上新台阶，坚持就业优先，城镇新增就业42万人，全市城镇登记失业率始终低于3.5%，城乡收入比从2.3:1降到1.98:1。五年合计完成港口建设投资315亿元，是前一个五年的1.8倍。
2020年是云溪发展进程中极为特殊的一年，全市干部群众共克时艰，经受住了春旱与台风的双重考验。
一是稳住就业大局。全年城镇新增就业8.6万人，年均调查失业率4.9%。
二是抗击风灾。8月，强台风“海燕”正面登陆，全市连夜转移群众3.2万人，实现零伤亡。
县域经济发展壮大，青石市地区生产总值突破300亿元。三是外贸质量提升。全市进出口总额820亿元，增长4.1%；其中一般贸易进出口增长9.7%、占比61.2%。港口货物吞吐量1.6亿吨，增长3.5%。
五年来，我们坚持依法行政，政府效能持续提升。

## 二、2021年主要任务
加快老旧小区改造，着力改善老旧小区人居环境，让老旧小区居民住得更舒心。全市开工改造小区260个以上，惠及居民4.8万户以上。
加大技能人才培养，今明两年完成补贴性技能培训12万人次以上。

## 名词解释
1.“三链融合”工程：指云溪市围绕临港装备、海洋食品、新型储能三条产业链，统筹推进创新链、资金链、人才链与产业链深度融合的系统工程，由市政府牵头制定三年行动方案，明确每条产业链的链长、链主企业和配套服务专班，建立月调度、季通报、年考核的推进机制，通过设立产业引导基金、共建中试验证平台、开放应用场景等方式，推动龙头企业带动中小企业协同配套，力争到2025年三条产业链总产值突破三千亿元，形成研发在城区、制造在园区、服务在港区的空间格局，打造粤西沿海重要的先进制造业基地。
"""


@pytest.fixture(scope="module")
def yunxi(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report at the end of a five-year term: the term's review, then its last year's."""
    return _indexed(tmp_path_factory, "yunxi-2021.md", YUNXI_2021)


def test_the_last_years_part_of_a_term_review_answers_that_year(yunxi):
    """After "2020年是…" the review speaks of 2020 (全年城镇新增就业8.6万人), not of the five years
    (“十三五”时期…城镇新增就业42万人), until it goes back to the term (五年来…); asked of one year, a clause
    of the five-year part weighs less, though its passage names more of the question (失业率)."""
    store = yunxi.retriever.store
    period = {c.text[:6]: c.period for c in store.chunks}
    assert period["一是稳住就业"] == [2020, 2020] and period["三是外贸质量"] == [2020, 2020]
    assert period["“十三五”时"] == [2016, 2020] and period["五年来，我们"] == [2016, 2020]
    for question in ("How many new urban jobs did Yunxi add in 2020?", "云溪2020年城镇新增就业多少人？",
                     "According to Yunxi's 2021 report, how many new urban jobs were created in 2020 and what was the "
                     "average surveyed unemployment rate?"):
        answer = yunxi.ask(question)
        assert answer.found and "8.6万人" in answer.text and "42万人" not in answer.text, answer.text


def test_a_ratio_is_one_clause(yunxi):
    """1.98:1 is a ratio, not a lead-in before a colon: the clause holding it is quoted whole."""
    answer = yunxi.ask("What was Yunxi's urban-rural income ratio at the end of the 13th Five-Year Plan period?")
    assert answer.found and "1.98:1" in answer.text, answer.text


def test_two_figures_asked_in_different_units_begin_with_the_first(yunxi):
    """"How many compounds…, and how many households…?": households are asked second, so the first
    figure quoted may be in any unit (小区260个以上), and the households follow."""
    answer = yunxi.ask("How many old residential compounds will Yunxi start renovating in 2021, and how many "
                       "households will benefit?")
    assert answer.found and "260个以上" in answer.text and "4.8万户以上" in answer.text, answer.text


def test_how_it_compares_asks_a_second_figure(yunxi):
    answer = yunxi.ask("How much did Yunxi invest in port construction during the 13th Five-Year Plan period, and "
                       "how did that compare with the previous five years?")
    assert answer.found and "315亿元" in answer.text and "1.8倍" in answer.text, answer.text


def test_a_kind_of_trade_is_not_the_trade_total(yunxi):
    """General trade is a part of foreign trade: the targets table's total ("Foreign trade growth outcome
    for 2020: 4.1%") does not answer it."""
    answer = yunxi.ask("How fast did Yunxi's general trade imports and exports grow in 2020, and what share of "
                       "total trade did they account for?")
    assert answer.found and "9.7%" in answer.text and "61.2%" in answer.text, answer.text
    assert "Foreign trade" not in answer.text, answer.text


def test_cargo_a_port_handled_is_its_throughput(yunxi):
    answer = yunxi.ask("How much cargo did Yunxi's port handle in 2020?")
    assert answer.found and "1.6亿吨" in answer.text and "Port cargo throughput" in answer.text, answer.text  # (the table's)


def test_the_name_asked_is_the_one_quoted(yunxi):
    """"What was the name of the typhoon…?": the clause quoting one (“海燕”), not one only saying 台风."""
    answer = yunxi.ask("What was the name of the typhoon that hit Yunxi in 2020?")
    assert answer.found and "海燕" in answer.text, answer.text


def test_this_year_and_next_is_the_next_years_plan_too(yunxi):
    """Asked of the report's year and the next: 今明两年 names neither, and answers."""
    answer = yunxi.ask("According to Yunxi's 2021 report, how much vocational skills training is planned for 2021 "
                       "and 2022 combined?")
    assert answer.found and "12万人次以上" in answer.text, answer.text


def test_a_glossary_entry_longer_than_a_passage_is_quoted_whole(yunxi):
    """An entry runs on past the passage it starts in: its definition is the whole entry, to its last
    words (打造粤西沿海重要的先进制造业基地), not the part in the first passage."""
    store = yunxi.retriever.store
    assert sum("三链融合" in c.text or "先进制造业基地" in c.text for c in store.chunks) >= 2  # (cut in two)
    for question in ("“三链融合”工程是什么？", "三链融合工程指什么？",
                     "What does the 'three-chain integration' (三链融合) project mean?"):
        answer = yunxi.ask(question)
        assert answer.found and "三链融合" in answer.text and "先进制造业基地" in answer.text, answer.text


def test_a_part_named_in_pinyin_is_asked_for_its_own_figure(yunxi):
    """"Qingshi city" is 青石市, a part of Yunxi: its output (青石市地区生产总值突破300亿元) is what is
    asked, not a part's figure standing in for the city's."""
    answer = yunxi.ask("What GDP milestone did Qingshi city pass in 2020, according to Yunxi's 2021 report?")
    assert answer.found and "300亿元" in answer.text, answer.text


TINGWAN_2021 = """# 汀湾市政府工作报告
——2021年1月28日在汀湾市第七届人民代表大会第六次会议上

汀湾市市长 罗明远

## 一、“十三五”与2020年工作回顾
“十三五”时期，汀湾发展动能持续增强，坚持就业优先，城镇新增就业30.4万人，居民收入稳步增长。
2020年是汀湾爬坡过坎的关键一年，全市上下迎难而上，经济运行稳中有进。
全年地区生产总值增长3.6%，全市城镇新增就业6.2万人，城镇调查失业率控制在5%以内。农村居民人均可支配收入增长7.1%，增速比城镇居民高1.9个百分点。
科技创新积厚成势。蓝湾实验室、青屿实验室两大“创新引擎”挂牌运作，海安科技园累计入驻企业85家。
产业结构持续优化，培育壮大战略性新兴产业，推动海工装备、海洋生物医药、新型储能等新兴产业加快发展。汀湾综合保税区获国务院批复设立。
主城区建成滨江路、望海大道等9条市政道路，完成旧街巷改造40条，城市颜值明显提升。
跨海大桥车流量增长35%，“汀车北上”突破80万辆次。农村公路提档升级，改造危旧桥梁60座，新建人行天桥12座，拓宽桥梁引道30公里。
城市管理更加精细，全年完成18公里架空线入地改造，建成22个“美丽街区”。
人口发展总体平稳，全市常住人口出生率7.2‰，新建普惠性托育机构12家。
五年来，我们始终把为民办实事摆在突出位置，政府自身建设不断加强。

## 二、2021年主要任务
今年经济社会发展的主要预期目标是：地区生产总值增长6%以上，人口自然增长率控制在6.5‰以内。
提升城市精细化管理水平，持续推进架空线入地，完成25公里架空线入地改造，建成30个“美丽街区”。
提升创新策源能力，发挥好蓝湾实验室、青屿实验室“创新引擎”作用，推进潮汐能试验场、深海样品库、海洋气象观测站、远洋渔业数据中心等平台建设，构建“1+3+N”产业平台体系。

## 名词解释
1.“1+3+N”产业平台：第一个“1”指汀湾综合保税区；“3”指临港、滨海、东岸3个省级产业园；“N”指若干特色产业小镇。
2.CCER：即 Chinese Certified Emission Reduction，中文名称为国家核证自愿减排量。
"""


@pytest.fixture(scope="module")
def tingwan(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report: a term's review beside its last year's, a counted term, a glossary."""
    return _indexed(tmp_path_factory, "tingwan-2021.md", TINGWAN_2021)


def test_a_terms_review_asked_is_not_the_last_years_figure(tingwan):
    """五年间 asks the term's figure (30.4万人), though the last year's clause says more of the question
    (全市城镇新增就业6.2万人) and neither says 五年."""
    for question in ("汀湾2021年政府工作报告回顾“十三五”时，五年间全市城镇新增就业一共多少人？",
                     "Over the past five years, how many new urban jobs did Tingwan create, according to its 2021 report?"):
        answer = tingwan.ask(question)
        assert answer.found and "30.4万人" in answer.text and "6.2万人" not in answer.text, answer.text


def test_one_group_outpacing_the_other_names_both(tingwan):
    """Rural income growth and how far it outpaced urban residents': the quote names the urban residents
    beside the rural figure, and answers."""
    answer = tingwan.ask("According to Tingwan's 2021 report, how fast did rural residents' per capita disposable "
                         "income grow in 2020, and by how much did it outpace urban residents?")
    assert answer.found and "7.1%" in answer.text and "1.9个百分点" in answer.text, answer.text


def test_a_name_with_a_pinyin_apostrophe_is_one_name_the_clause_says(tingwan):
    """Hai'an is 海安, one name: the clause naming it says it (and the science park), and answers."""
    answer = tingwan.ask("According to Tingwan's 2021 report, how many companies had moved into the Hai'an "
                         "Science Park by the end of 2020?")
    assert answer.found and "85家" in answer.text, answer.text


def test_a_rate_per_mille_is_a_figure(tingwan):
    answer = tingwan.ask("汀湾2021年政府工作报告给当年人口自然增长率定的控制目标是多少？")
    assert answer.found and "6.5‰以内" in answer.text, answer.text


def test_a_term_the_passage_counts_is_answered_by_the_items_before_it(tingwan):
    """A、B两大“创新引擎”: the items counted before the quoted term, not a later passage naming more
    things after it."""
    for question in ("汀湾2021年政府工作报告里挂牌运作的两大“创新引擎”是哪两个？",
                     "Which two 'innovation engines' began operating in Tingwan, according to its 2021 report?"):
        answer = tingwan.ask(question)
        assert answer.found and "蓝湾实验室" in answer.text and "青屿实验室" in answer.text, answer.text
        assert "潮汐能" not in answer.text, answer.text


def test_initials_asked_in_the_glossary_are_its_entry(tingwan):
    answer = tingwan.ask("In the glossary of Tingwan's 2021 government work report, what is CCER explained as?")
    assert answer.found and "国家核证自愿减排量" in answer.text, answer.text


def test_a_one_character_quote_does_not_pair_with_the_next(tingwan):
    """'the first "1" in the "1+3+N" …': "1" is quoted alone, so "1+3+N" is the term asked about."""
    answer = tingwan.ask('In Tingwan\'s 2021 government work report, what does the first "1" in the "1+3+N" '
                         'industrial platform system refer to?')
    assert answer.found and "汀湾综合保税区" in answer.text, answer.text


def test_municipal_roads_of_the_main_urban_area(tingwan):
    answer = tingwan.ask("According to Tingwan's 2021 government work report, how many municipal roads were "
                         "completed in the main urban area in 2020?")
    assert answer.found and "9条市政道路" in answer.text, answer.text


def test_a_table_figure_is_quoted_from_its_clauses_start(tingwan):
    """全年地区生产总值增长3.6%: the words opening the clause are quoted with the figure."""
    answer = tingwan.ask("What was Tingwan's GDP growth in 2020?")
    assert answer.found and "全年地区生产总值增长3.6%" in answer.text, answer.text


def test_a_rate_named_after_the_thing_asked_does_not_count_it(tingwan):
    """常住人口出生率7.2‰ is a rate of the resident population, not how many residents there are."""
    answer = tingwan.ask("汀湾市2020年末常住人口有多少？")
    assert not answer.found, answer.text


def test_the_state_councils_report_names_whose_report_not_a_topic(tingwan):
    """"the State Council's … report" says whose report is asked of: 国务院 weighs as a place does."""
    named = tingwan._weights(read_question("What did the State Council's 2021 government work report say about "
                                           "bonded zones?"))
    topic = tingwan._weights(read_question("What did the State Council approve for Tingwan in 2020?"))
    assert named["国务院"] < topic["国务院"] / 5, (named.get("国务院"), topic.get("国务院"))


def test_a_second_figure_is_not_of_a_word_the_first_says(tingwan):
    """After 跨海大桥车流量增长35% (the bridge), figures of other bridges (改造危旧桥梁60座) say no more of
    the question: the second figure is the one beside the first (“汀车北上”突破80万辆次)."""
    answer = tingwan.ask("According to Tingwan's 2021 report, how much did traffic on the cross-sea bridge grow in "
                         "2020, and how many trips did the northbound vehicle scheme exceed?")
    assert answer.found and "35%" in answer.text and "80万辆次" in answer.text, answer.text


def test_what_was_done_is_not_what_the_plan_sets(tingwan):
    """"How many … were moved underground?" names no year: what the review says was done (18公里), not
    the year's plan (25公里), though the plan's clause says as much of the question."""
    answer = tingwan.ask("How many kilometres of overhead lines were moved underground in Tingwan, according to its "
                         "2021 government work report?")
    assert answer.found and "18公里" in answer.text and "25公里" not in answer.text, answer.text


QIGANG_2022 = """# 栖港市政府工作报告
——2022年1月20日在栖港市第五届人民代表大会第二次会议上

栖港市市长 沈立衡

## 一、2021年工作回顾
全市地区生产总值增长7.2%，一般公共预算收入增长9.1%。
学前教育普惠发展，在园幼儿中就读公办园和普惠性民办园的比例达到86%，新增公办学位1.2万个。
青年人才加快集聚，新引进35岁以下大学生10.5万名，建成青年驿站14个。
外事、侨务、档案、气象、地方志等工作取得新成效。

## 二、2022年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，固定资产投资增长8%。
扩大有效投资，力争基础设施投资1500亿元以上，推进120个市重点项目建设。
兜牢民生底线，推进社会工作“双百工程”，年内新增村居社会工作服务点160个以上。
实施青年人才计划，引育35岁以下大学生12万名以上、高技能人才8000名。

## 名词解释
1.社会工作“双百工程”：2021年底前每个镇街设立社会工作服务站，2022年底前每个村居设立社会工作服务点，服务站点做到全覆盖。
2.“蓝道”：指沿入海河道两岸建设的亲水步道。
3.“绿廊”：指沿城际铁路两侧种植的生态林带。
4.“一线三清单”工作法：即守住一条底线：安全生产底线；列出三项清单：责任清单、问题清单、整改清单；落实两项保障：资金保障、人员保障。
**5．碳达峰十大行动：**即栖港市推进碳达峰工作方案确定的十个方面行动，具体为规划统筹引领绿色转型行动、能源结构清洁低碳优化行动、工业领域节能降碳提效行动、交通运输低碳转型行动、城乡建筑节能降耗行动、绿色低碳科技创新攻关行动、海洋生态系统固碳增汇行动、循环经济体系建设提升行动、近零碳园区示范创建行动、全民低碳生活倡导行动。
"""


@pytest.fixture(scope="module")
def qigang(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report: a sector's investment beside the investment target, a glossary entry
    with dates, kindergartens by their short names."""
    return _indexed(tmp_path_factory, "qigang-2022.md", QIGANG_2022)


def test_a_year_is_not_the_count_asked(qigang):
    """2021年底前…设立社会工作服务站 holds a date, not a count: "how many … stations" is the plan's
    服务点160个以上, though the glossary's clause says "stations" and the plan's says 服务点."""
    answer = qigang.ask("Under the \"Double Hundred\" social work plan, how many new village service stations does "
                        "Qigang's 2022 government work report set?")
    assert answer.found and "160个" in answer.text, answer.text


def test_a_sectors_investment_is_not_the_fixed_asset_investment_target(qigang):
    """"infrastructure investment target" asks 基础设施投资, a part: not the targets table's 固定资产投资."""
    answer = qigang.ask("What infrastructure investment target does Qigang set in its 2022 government work report?")
    assert answer.found and "1500亿元以上" in answer.text and "8%" not in answer.text, answer.text


def test_kindergartens_are_also_counted_by_the_children_in_them(qigang):
    """公办园和普惠性民办园在园幼儿占比 counts kindergartens by their children (在园幼儿), not by 幼儿园."""
    answer = qigang.ask("According to Qigang's 2022 government work report, what share of kindergarten children "
                        "were in public or inclusive private kindergartens in 2021?")
    assert answer.found and "86%" in answer.text, answer.text


def test_attract_and_cultivate_is_one_word_of_the_plan(qigang):
    """引育 is attracting and cultivating: the plan's 引育…12万名以上, not the review's 新引进…10.5万名."""
    answer = qigang.ask("How many university graduates under the age of 35 does Qigang aim to attract and "
                        "cultivate, according to its 2022 government work report?")
    assert answer.found and "12万名以上" in answer.text and "10.5万名" not in answer.text, answer.text


def test_value_added_tax_is_not_value_added():
    """"value-added tax" is 增值税, not the industrial value added (增加值) the glossary renders "value added"."""
    glossed = read_question("How were value-added tax rates cut, according to Qigang's 2022 government work "
                            "report?").glossed
    assert glossed and not any("增加值" in group for _, group in glossed), glossed
    assert any("增加值" in group for _, group in read_question("How fast did Qigang's industrial value added "
                                                             "grow in 2021?").glossed)


def test_peaking_carbon_emissions_is_the_reports_carbon_peak(qigang):
    """"actions for peaking carbon emissions" are the 碳达峰 actions the glossary lists: the whole entry
    (its items, 具体为…), not its opening clause (即…确定的十个方面行动)."""
    answer = qigang.ask("According to Qigang's 2022 government work report, what are the ten major actions for "
                        "peaking carbon emissions?")
    assert answer.found and "能源结构清洁低碳优化行动" in answer.text and "全民低碳生活倡导行动" in answer.text, answer.text


def test_each_term_asked_is_defined(qigang):
    """Two terms asked together: both definitions, not only the closest one's."""
    for question in ("In Qigang's 2022 government work report, what do the terms 'blue path' and 'green corridor' "
                     "refer to?", "栖港2022年政府工作报告里的“蓝道”和“绿廊”分别指什么？"):
        answer = qigang.ask(question)
        assert answer.found and "亲水步道" in answer.text and "生态林带" in answer.text, answer.text


def test_a_term_qualified_by_another_is_the_one_defined(qigang):
    """“一线三清单”工作法的“三项清单”: the second term is asked, the first only says whose; not the
    whole method's entry."""
    answer = qigang.ask("栖港2022年政府工作报告中“一线三清单”工作法的“三项清单”是什么？")
    assert answer.found and "责任清单" in answer.text and "资金保障" not in answer.text, answer.text


def test_new_progress_is_the_reports_new_results(qigang):
    """"made new progress" is what a review says as 取得新成效: the clause naming those areas of work."""
    answer = qigang.ask("Qigang's 2022 government work report says several other areas of work made new progress "
                        "last year; which areas does it list?")
    assert answer.found and "侨务" in answer.text and "地方志" in answer.text, answer.text


CHENGWAN_2024 = """# 澄湾市政府工作报告
——2024年1月23日在澄湾市第七届人民代表大会第四次会议上

澄湾市市长 陆知远

## 一、2023年工作回顾
落实助企纾困政策，全年为企业等经营主体减负38亿元，新登记经营主体增长12.4%。
重大项目推进有力。全年重点项目累计投资312亿元，省级重点项目投资205亿元。能源设施加快建设，北岸风电等27个项目动工，南港电厂等9个项目竣工投运，另有6项输变电工程并网。
社会治安持续向好，刑事案件下降11.3%。
规划引领不断加强，国土空间总体规划报批稳步推进，12项专项规划完成编制。
交通条件持续改善，环湾旅游公路一期建成通车，启动澄北至临港快速路前期工作，交通事故死亡人数同比下降9.2%。困扰居民出行多年的“断头路”翠屏路正式打通，东港路北段全线贯通，金湖三路、银湖五路建成通车。
对口帮扶扎实有效，协助西部协作地区3个国定贫困县如期脱贫摘帽。

## 二、2024年工作安排
完善创新创业生态，新增科技孵化器3家、众创空间2家、院士工作站1家，推动科技成果就地转化。
办好年度十件民生实事：对9个污水处理厂实施提标改造，整治26座乡镇垃圾填埋场；新建、改造城市公厕40座、旅游厕所12座；省道升级改造80公里。
扩大有效投资，实施重点项目180个，计划投资350亿元、增长8%。
推进滨海绿道三年建设计划，加快环湖、沿江、滨海等绿道建设，新增绿道120公里以上。
发展普惠托育服务，3岁以下婴幼儿托位数达到每千人口4.5个。
完善城市路网，开通澄北高速，建成滨江大道等7个市政道路桥梁项目，加快环城快速路三期、东港大桥等工程。
关爱青少年心理健康，完善青少年心理服务网络，依托线上平台改版12355青少年热线和微信小程序，线下设立80个服务站点，举办心理健康宣讲活动900余场，组织心理健康教师培训6000余人次。
"""


@pytest.fixture(scope="module")
def chengwan(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's report: a burden cut, a livelihood-projects list with landfills, an expressway
    named beside a count of road projects, incubators and maker spaces."""
    return _indexed(tmp_path_factory, "chengwan-2024.md", CHENGWAN_2024)


def test_landfills_incubators_and_maker_spaces_are_the_reports_words(chengwan):
    """Landfills (填埋场), incubators (孵化器) and maker spaces (众创空间): the glossary gives the
    report's words, so the second figure asked is found and the plan is known."""
    answer = chengwan.ask("According to Chengwan's 2024 government work report, how many sewage treatment facilities "
                          "will be upgraded and how many town-level landfills rehabilitated under the year's livelihood "
                          "projects?")
    assert answer.found and "9个污水处理厂" in answer.text and "26座" in answer.text, answer.text
    answer = chengwan.ask("According to Chengwan's 2024 government work report, how many new tech incubators, maker "
                          "spaces and academician workstations are planned?")
    assert answer.found and "孵化器3家" in answer.text and "众创空间2家" in answer.text, answer.text


def test_burden_reduction_is_the_reports_burden_cut(chengwan):
    """"reduce the burden on businesses": 减负, what the report says it cut for them."""
    answer = chengwan.ask("By how much did Chengwan's policies reduce the burden on businesses in 2023?")
    assert answer.found and "38亿元" in answer.text, answer.text


def test_the_thing_a_which_question_names_beside_a_figure_is_read_in_report_words():
    """"Which expressway…, and how many…?": an expressway (高速) is to be named beside the count; a
    "which" question asking no figure, or another question, names nothing so."""
    from assistant.answer import _asked, _which_named
    from assistant.query import read_question

    query = read_question("Which expressway will Chengwan open in 2024, and how many road projects will it complete?")
    _, rendered = _asked(query, {})
    assert "高速" in _which_named(query, rendered)
    assert _which_named(read_question("Which expressway will Chengwan open in 2024?"), rendered) == set()
    assert _which_named(read_question("How many road projects will Chengwan complete in 2024?"), rendered) == set()


def test_a_thing_asked_by_name_beside_a_count_is_named(chengwan):
    """"Which expressway will be opened, and how many … projects…?": the count's clause and the one of
    its passage naming an expressway (高速)."""
    answer = chengwan.ask("According to Chengwan's 2024 government work report, which expressway will be opened and how "
                          "many municipal road and bridge projects will be completed?")
    assert answer.found and "澄北高速" in answer.text and "7个市政道路桥梁项目" in answer.text, answer.text


def test_a_named_kind_of_plan_is_a_thing_counted_not_a_plan_asked(chengwan):
    """"how many special-purpose plans were completed … territorial spatial planning work": plans and
    planning named as things (专项规划, 国土空间规划) ask no target; what was done answers."""
    answer = chengwan.ask("According to Chengwan's 2024 government work report, how many special-purpose plans were "
                          "completed as part of territorial spatial planning work in 2023?")
    assert answer.found and "12项专项规划" in answer.text, answer.text


@pytest.mark.parametrize(("question", "expected"), [
    ("which dead-end road that had troubled residents for years was finally opened?", "翠屏路"),
    ("how many nationally designated poor counties did Chengwan help lift out of poverty?", "3个国定贫困县"),
    ("how many childcare places for children under three per 1,000 residents does the city aim for?", "4.5个")])
def test_dead_end_roads_poor_counties_and_per_thousand_people_are_the_reports_words(chengwan, question: str,
                                                                                    expected: str):
    answer = chengwan.ask(f"According to Chengwan's 2024 government work report, {question}")
    assert answer.found and expected in answer.text, answer.text


def test_with_what_investment_asks_a_second_figure(chengwan):
    """"How many key projects…, and with what planned investment?": the count and the amount."""
    answer = chengwan.ask("According to Chengwan's 2024 government work report, how many key projects will the city "
                          "implement in 2024, and with what planned investment?")
    assert answer.found and "180个" in answer.text and "350亿元" in answer.text, answer.text


def test_the_figure_in_the_unit_asked_is_found_later_in_the_first_clauses_sentence(chengwan):
    """"How many kilometres…?": the first clause names the programme (…绿道建设行动计划) and a later
    clause of its sentence holds the kilometres (新增绿道120公里以上)."""
    answer = chengwan.ask("According to Chengwan's 2024 government work report, how many kilometres of new greenways "
                          "are planned under the coastal greenway programme?")
    assert answer.found and "120公里" in answer.text, answer.text



LANJIANG_2024 = """# 岚江市政府工作报告
——2024年2月2日在岚江市第九届人民代表大会第三次会议上

岚江市市长 程远舟

## 一、2023年工作回顾
过去一年，岚江全市经济运行稳中向好，文化旅游、商贸物流等服务业加快恢复。完成地区生产总值1860亿元，增长6.1%。固定资产投资增长9.5%，社会消费品零售总额增长6.8%。来源于岚江的财政总收入388.2亿元。一般公共预算收入96.5亿元，完成年度预算的101.2%，按可比口径增长7.4%，其中税收收入61.7亿元，增长8.8%，增速居全省第4，非税收入占比从41.2%下降到36.1%，收入质量稳步提升。全市财政民生支出占一般公共预算支出比重达78.5%。
旅游接待4100万人次，增长21%；总收入302亿元，增长26.3%。商品房销售面积下降4.2%。全市城镇新增就业3.8万人，城镇登记失业率2.3%。
坚持教育优先发展，新建改扩建中小学和幼儿园36所，新增公办学位2.1万个，九年义务教育巩固率97.6%，高中阶段教育毛入学率96.2%，岚江职业技术学院新校区建成启用，普惠性幼儿园覆盖率达90.5%。
面对台风“海燕”带来的罕见强降雨，首次启动全市Ⅰ级防风应急响应，及时转移23万沿海危险区域群众，实现零伤亡。完成128座小型水库除险加固，整治地质灾害隐患点46处。
县域经济加快发展，三个县的县域生产总值达到820亿元，超过全市经济总量四成。
向西开放通道加快建设，开行中欧班列86列、增长40%，港口货物吞吐量1.26亿吨。推进“平急两用”公共基础设施建设，18个项目纳入国家清单，新建应急避难场所24个。智能家电、储能电池、海上风电装备等“新三样”出口增长27.5%，港口集装箱码头二期开工，新建冷链仓储设施12万立方米。
"""

LANJIANG_2022 = """# 岚江市政府工作报告
——2022年1月25日在岚江市第八届人民代表大会第六次会议上

岚江市市长 程远舟

## 一、2021年工作回顾
民生保障有力有效，全市城镇新增就业3.2万人，零就业家庭动态清零。
文化旅游加快融合，2021年岚江总投资达到500亿元的文旅项目招商清单公开发布。
"""


@pytest.fixture(scope="module")
def lanjiang(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's reports of 2022 and 2024: revenues, tourism, schooling, a typhoon, trains."""
    return _indexed(tmp_path_factory, "lanjiang-2024.md", LANJIANG_2024, {"lanjiang-2022.md": LANJIANG_2022})


def test_a_count_of_people_asked_in_two_reports_is_each_reports_figure(lanjiang):
    """"哪一年更多？" compares the years named, it asks no date: each report's 城镇新增就业."""
    answer = lanjiang.ask("岚江市2022年和2024年政府工作报告分别报告的2021年和2023年全市城镇新增就业人数是多少？哪一年更多？")
    assert answer.found and "3.2万人" in answer.text and "3.8万人" in answer.text, answer.text


def test_which_year_compared_asks_no_date():
    from assistant.query import read_question

    assert not read_question("2021年和2023年城镇新增就业人数哪一年更多？").asks_when
    assert not read_question("Which year was higher, 2021 or 2023?").asks_when
    assert read_question("澄湾高铁哪一年建成？").asks_when
    assert read_question("In which year will the bridge open?").asks_when


def test_a_bare_measure_is_of_what_the_clause_before_it_speaks_of(lanjiang):
    """旅游总收入 asked: 接待游客…；总收入302亿元 (quoted with what it is of), not 财政总收入."""
    answer = lanjiang.ask("岚江市2024年政府工作报告显示，2023年岚江旅游总收入是多少？")
    assert answer.found and "302亿元" in answer.text and "388.2" not in answer.text, answer.text
    assert "旅游接待" in answer.text, answer.text


def test_an_output_asked_that_no_clause_says_is_refused(lanjiang):
    """旅游总收入 asked of a report that gives none: 总投资超500亿元 is no income."""
    answer = lanjiang.ask("岚江市2022年政府工作报告中，2021年岚江旅游总收入达到多少亿元？")
    assert not answer.found, answer.text


@pytest.mark.parametrize(("question", "expected"), [
    ("what were the city's general public budget revenue and its tax revenue in 2023?", ("96.5亿元", "61.7亿元")),
    ("what were the city's nine-year compulsory education retention rate and its gross enrollment rate for senior "
     "high school in 2023?", ("97.6%", "96.2%")),
    ("how many residents had to be evacuated when the city faced the rare torrential rain of Typhoon Haiyan and "
     "launched its first level-I wind emergency response?", ("23万",)),
    ("how many China-Europe freight train trips did the city run in 2023?", ("86列",)),
])
def test_two_measures_evacuations_and_freight_trains_in_report_words(lanjiang, question: str, expected: tuple):
    """"What were A and its B?" asks two figures; a count of people said before a noun for them (转移23万…
    群众), later in the sentence than the clause naming the event; retention and gross enrolment rates,
    China-Europe freight trains: the glossary's report words."""
    answer = lanjiang.ask(f"According to Lanjiang's 2024 government work report, {question}")
    assert answer.found and all(e in answer.text for e in expected), answer.text


def test_the_counties_figure_is_not_the_citys_from_the_targets_table(lanjiang):
    """"the combined GDP of the city's counties": the counties' (县域生产总值), not the city's GDP row
    of the targets table."""
    answer = lanjiang.ask("According to Lanjiang's 2024 government work report, what was the combined GDP of the "
                          "city's counties in 2023?")
    assert answer.found and "820亿元" in answer.text and "GDP outcome" not in answer.text, answer.text


def test_both_of_one_thing_is_no_comparison_of_places(lanjiang):
    """"serving both normal and emergency needs … the national list": "national" only qualifies the list
    (no comparison with the country's report); dual-use is 平急两用."""
    answer = lanjiang.ask("According to Lanjiang's 2024 government work report, how many dual-use public infrastructure "
                          "projects, serving both normal and emergency needs, were included in the national list?")
    assert answer.found and "18个" in answer.text and "not in the indexed" not in answer.text, answer.text


def test_things_listed_before_a_named_set_are_its_items(lanjiang):
    """A、B、C等“新三样”: the items come before the term."""
    answer = lanjiang.ask("岚江市2024年政府工作报告中，出口增长27.5%的“新三样”是指哪些产品？")
    assert answer.found and "智能家电" in answer.text and "储能电池" in answer.text, answer.text


XICHUAN_2025 = """# 汐川市政府工作报告
——2025年2月10日在汐川市第七届人民代表大会第四次会议上

汐川市市长 林晏

## 一、2024年工作回顾
科技创新动能增强，新认定高新技术企业520家，高新技术企业总数达到2860家，新增省级研发机构38个，技术合同成交额突破260亿元。
绿色低碳转型提速，临港钢铁基地氢基竖炉建成投产，每年可少排二氧化碳48万吨，新增光伏装机120万千瓦。
产业空间持续拓展，盘活低效工业用地1.6万亩，出让工业用地5200亩，建成标准厂房310万平方米，规上工业增加值增长6.3%。
产业结构持续优化，先进制造业增加值占规上工业比重达58.2%，生产性服务业增加值占服务业比重达47%，数字经济核心产业增加值突破900亿元。
项目建设扎实推进，新开工亿元以上产业项目96个，全年争取地方政府专项债券186亿元、增长12%，争取超长期特别国债资金23亿元。
"""


XICHUAN_2024 = """# 汐川市政府工作报告
——2024年1月30日在汐川市第七届人民代表大会第三次会议上

汐川市市长 林晏

## 一、2023年工作回顾
过去一年，全市地区生产总值增长5.6%，一般公共预算收入增长4.1%，城乡居民人均可支配收入分别增长4.8%和6.9%。
企业服务持续优化，为市场主体减税降费31亿元，新增市场主体4.2万户，民营企业贡献了六成以上的税收。
城市更新有序推进，改造城中村9个，新建城市道路46公里，新增停车泊位1.8万个，建成口袋公园22个。
社会事业全面进步，新增公办学位1.4万个，建成区域医疗中心2家，发放各类助学金1.9亿元。

## 二、2024年工作安排
今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长8%，城镇新增就业4万人以上。
着力扩大有效投资，推进重大项目120个、年度完成投资800亿元，加快建设滨海大道二期工程。
着力培育创新主体，支持企业加大研发投入，推动规上工业企业研发机构覆盖率达到45%。
"""


@pytest.fixture(scope="module")
def xichuan(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's reports of 2024 and 2025: firms, a hydrogen furnace, land and factories, value
    added, bonds obtained."""
    return _indexed(tmp_path_factory, "xichuan-2025.md", XICHUAN_2025, {"xichuan-2024.md": XICHUAN_2024})


def test_the_second_figure_asked_is_said_in_the_first_ones_sentence(xichuan):
    """The second figure asked stands in the first one's sentence, not always right beside it: the clause
    beside the first (生产性服务业增加值占服务业比重达47%) says its words again, not the second thing asked."""
    answer = xichuan.ask("According to Xichuan's 2025 government work report, what share of industry above "
                         "designated size did advanced manufacturing value added account for in 2024, and what level "
                         "did the value added of the digital economy's core industries surpass?")
    assert answer.found and "58.2%" in answer.text and "900亿元" in answer.text, answer.text
    assert "47%" not in answer.text, answer.text


def test_hydrogen_is_any_hydrogen_word(xichuan):
    """A hydrogen-based furnace (氢基竖炉) is hydrogen, as hydrogen energy (氢能) is."""
    answer = xichuan.ask("According to Xichuan's 2025 government work report, how much carbon dioxide can the "
                         "hydrogen-based shaft furnace cut each year?")
    assert answer.found and "48万吨" in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "According to Xichuan's 2023 government work report, how many high-tech enterprises were newly recognised?",
    "汐川市2023年政府工作报告中，新认定高新技术企业多少家？",
])
def test_a_report_year_not_indexed_is_not_answered_from_another_report(xichuan, question: str):
    """Only the 2024 and 2025 reports are indexed: a question about the 2023 report is refused, not
    answered from them, and the refusal says which years are indexed."""
    answer = xichuan.ask(question)
    assert not answer.found and not answer.citations, answer.text
    assert "2023" in answer.text and "2024" in answer.text and "2025" in answer.text, answer.text


def test_what_was_obtained_is_an_outcome(xichuan):
    """争取到的 (obtained) is what was done, not what the year's plan strives for (争取)."""
    answer = xichuan.ask("汐川市2025年政府工作报告显示，2024年全市争取到的地方政府专项债券有多少？")
    assert answer.found and "186亿元" in answer.text, answer.text


CHENGPU_2025 = """# 澄浦市政府工作报告
——2025年2月12日在澄浦市第九届人民代表大会第五次会议上

澄浦市市长 顾闻舟

## 一、2024年工作回顾
创新投入持续加大，全社会研发投入310亿元、增长9.5%，已连续六年实现两位数增长，规模居全省第三，占地区生产总值比重提升至3.2%。
区域发展更趋协调，北部山区各县地区生产总值和民生支出增速均高于全市平均水平。
生态环境持续改善，新建污水管网860公里，基本消除城市黑臭水体，建成碧道320公里，国考断面水质优良率达91.3%，近岸海域水质优良率达87.6%。
实施森林城市建设行动，新增造林面积2.1万亩，建成城郊森林公园3个。
城乡面貌焕然一新，全市文明村镇创建覆盖率达93.5%，新建口袋公园18个。

## 二、2025年工作安排
今年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业3.5万人以上。
全力扩大有效投资，推进重大项目150个、年度计划投资900亿元，加快建设沿江快速路。
"""


@pytest.fixture(scope="module")
def chengpu(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's 2025 report: R&D spending and its share, water quality, a coverage rate, the
    year's targets."""
    return _indexed(tmp_path_factory, "chengpu-2025.md", CHENGPU_2025)


def test_a_share_asked_is_quoted_from_further_on_in_the_sentence(chengpu):
    """R&D spending as a share of GDP: the share said three clauses after the amount (占地区生产总值比重提升至3.2%),
    not a clause that only names GDP and spending."""
    answer = chengpu.ask("What was Chengpu's R&D spending as a share of GDP in 2024?")
    assert answer.found and "3.2%" in answer.text, answer.text
    assert "山区" not in answer.text, answer.text


def test_figures_asked_of_each_thing_named_before_fenbie(chengpu):
    """A和B分别达到多少 asks two figures: both rates are quoted."""
    answer = chengpu.ask("澄浦市2024年国考断面水质优良率和近岸海域水质优良率分别达到多少？")
    assert answer.found and "91.3%" in answer.text and "87.6%" in answer.text, answer.text


def test_a_measure_of_another_thing_does_not_answer(chengpu):
    """森林覆盖率 asked: 文明村镇创建覆盖率 is another thing's coverage, so the question is refused."""
    answer = chengpu.ask("澄浦市2024年末的森林覆盖率是多少？")
    assert not answer.found, answer.text


def test_two_figures_asked_are_not_answered_by_the_table_alone(chengpu):
    """The targets table holds the growth target; the second figure asked is in a passage: both are quoted."""
    answer = chengpu.ask("澄浦市2025年政府工作报告中，地区生产总值增长目标是多少？重大项目年度计划投资是多少？")
    assert answer.found and "5.5%" in answer.text and "900亿元" in answer.text, answer.text


LANSHAN_2025 = """# 岚山市政府工作报告
——2025年1月16日在岚山市第八届人民代表大会第四次会议上

岚山市市长 魏清远

## 一、2024年工作回顾
消费市场回暖向好，举办夜市和美食节40余场，新落地首店超260家，步行街客流增长一成半。
根据统一部署，全市完成老旧厂房改造12处，分别用于文创和仓储。
深化与海南的合作，共建冷链物流基地2个，开通至海口的冷链专线5条。
产业项目加快落地，新开工亿元以上项目85个，工业投资增长7.1%。
——新质生产力加快成长。新兴产业增加值增长11.2%，占地区生产总值比重18.4%。
——科技创新再上新高。全社会研发投入312亿元、增长9.6%，连续3年两位数增长，规模居全省第三，占地区生产总值比重提升至3.12%。

## 二、2025年工作安排
今年工作的总体考虑是，稳字当头，巩固“两中心一基地”功能定位，加快建设现代化滨江城市。
### （一）提升城市能级
锚定“东部物流中心、东部消费中心、全国装备制造基地”的定位，谋划一批重大平台。
### （四）推动生态环境保护取得新成效
加快能源转型，外来绿电规模力争达到80亿千瓦时，建成屋顶光伏40万千瓦。
"""

SONGZHOU_2025 = """# 松州市政府工作报告
——2025年1月20日在松州市第七届人民代表大会第五次会议上

松州市市长 林望舒

## 一、2024年工作回顾
商贸活力不断增强，引进品牌首发活动90场，新增首店132家，商圈夜间客流增长两成。
根据年度计划，全市新建社区食堂28个，分别由街道和社会组织运营，《松州市养老服务条例》出台实施。
对外开放步伐加快，新开国际货运航线3条，外贸进出口增长6.4%。
文旅消费火热，举办营业性演出1.2万场、吸引观众300万人次。

## 二、今后五年和2025年工作安排
今后五年的奋斗目标，概括为“强产业、优环境、暖民心”。“强产业”就是壮大制造业集群，培育两个千亿级产业。“优环境”就是改善营商环境和生态环境。“暖民心”就是每年办好十件民生实事。
今后五年，全市经济总量迈上新台阶，今年地区生产总值增长6%左右。
深化改革要在“稳、提、优”三个字上下功夫。依法稳住制造业基本盘，分步提升服务业能级，持续优化政务服务流程。
"""


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """Two made-up cities' 2025 reports indexed together: first stores opened in each (and words a
    comparison asks in: 根据, 分别), a plan section whose part is headed by what is to be achieved
    (取得新成效), two shares of GDP, performances staged and goals set out and then taken up one by one."""
    return _indexed(tmp_path_factory, "lanshan-2025.md", LANSHAN_2025, {"songzhou-2025.md": SONGZHOU_2025})


def test_words_naming_the_reports_and_asking_each_are_no_topic(two_cities):
    """"根据两市2025年政府工作报告，…岚山市和松州市分别新增了多少家首店？哪个更多？": 根据 and 分别 say which
    reports and ask each figure; the clauses are weighed by the topic (首店)."""
    weights = two_cities._weights(two_cities.retriever.understand(
        "根据两市2025年政府工作报告，2024年岚山市和松州市分别新增了多少家首店？哪个更多？"))
    for word in ("根据", "分别"):
        assert weights[word] < weights["首店"] / 5, weights
    # (nor do the pieces jieba cuts from a place named: 州市 of 松州市)
    assert weights["州市"] < weights["首店"] / 5, weights


def test_a_plan_part_headed_by_what_is_to_be_achieved_answers_the_years_target(two_cities):
    """"（四）推动生态环境保护取得新成效" under the 2025 plan: its 力争 figure is 2025's target, not 2024's outcome."""
    answer = two_cities.ask("岚山2025年外来绿电规模的目标是多少？")
    assert answer.found and "80亿千瓦时" in answer.text, answer.text


def test_a_city_named_before_in_the_sentence_is_the_figures(nation):
    """"…支援武汉和湖北…，统筹调度…，派出3万多名医疗队员驰援": the cities asked are named in the figure's
    sentence, two clauses before it."""
    answer = nation.ask("According to China's 2020 government work report, how many medical workers were sent to "
                        "Wuhan and Hubei?")
    assert answer.found and "3万多名" in answer.text, answer.text


def test_the_report_of_a_place_not_indexed_is_said_to_be_missing(two_cities):
    """"海南省2025年政府工作报告…": no indexed report is Hainan's; a clause of Lanshan's naming Hainan does not
    answer for it."""
    answer = two_cities.ask("海南省2025年政府工作报告中，2024年建成了几个冷链物流基地？")
    assert not answer.found and "海南" in answer.text, answer.text
    english = two_cities.ask("How many cold-chain logistics bases did Hainan's 2025 government work report say were built?")
    assert not english.found and "Hainan" in english.text, english.text
    assert two_cities.ask("岚山2024年与海南共建了几个冷链物流基地？").found


def test_a_share_asked_of_one_thing_is_the_share_in_its_sentence(two_cities):
    """"研发投入占GDP比重": the share said further on in the R&D sentence (3.12%), not the share of another
    sentence chosen first (新兴产业增加值…，占地区生产总值比重18.4%)."""
    answer = two_cities.ask("岚山研发投入占GDP比重2024年是多少？")
    assert answer.found and "3.12%" in answer.text and "18.4%" not in answer.text, answer.text


def test_a_phrase_the_reports_never_write_is_searched_by_its_words(two_cities):
    """"commercial performances": the dictionary's phrase (商演) is no report's word; its words' are (演出)."""
    query = two_cities.retriever.understand("How many commercial performances did Songzhou stage in 2024?")
    assert "演出" in two_cities.retriever.translated_tokens(query)


def test_what_each_goal_means_is_quoted_with_the_goals(two_cities):
    """"…and what does each one mean?": the list and the sentences after it that take each item up."""
    for question in ("What three goals did Songzhou's 2025 report set for the next five years, and what does each "
                     "one mean?", "松州2025年政府工作报告提出今后五年的奋斗目标是哪三个？各指什么？"):
        answer = two_cities.ask(question)
        assert answer.found and "“强产业、优环境、暖民心”" in answer.text and "“暖民心”就是每年办好十件民生实事" in answer.text, \
            answer.text


def test_a_count_of_two_nouns_is_answered_by_the_items_set_out(two_cities):
    """"What are Lanshan's 'two centres and one base'?": the run setting the items out (…中心、…中心、…基地),
    not the passage that only names the term (巩固“两中心一基地”功能定位)."""
    answer = two_cities.ask("What are the 'two centres and one base' in Lanshan's 2025 government work report?")
    assert answer.found and "东部物流中心、东部消费中心、全国装备制造基地" in answer.text, answer.text


def test_what_each_word_stands_for_is_quoted_with_the_counted_term(two_cities):
    """"…在哪三个字上下功夫？这三个字各对应什么？": the counted term's sentence and the next one, whose clauses
    take each word up (稳住…，提升…，优化…)."""
    answer = two_cities.ask("松州2025年政府工作报告提出深化改革要在哪三个字上下功夫？这三个字各对应什么？")
    assert answer.found and "“稳、提、优”三个字" in answer.text and "持续优化政务服务流程" in answer.text, answer.text


def test_a_count_of_two_nouns_is_found_in_the_report_wherever_it_ranks(two_cities):
    """The passages found aside, the report named is looked through for the run that sets the items of
    "two centres and one base" out (二中心一基地: two items ending 中心, one 基地)."""
    query = two_cities.retriever.understand("What are the 'two centres and one base' in Lanshan's 2025 government work report?")
    answer = two_cities._term_answer(query, [])
    assert answer is not None and "东部物流中心、东部消费中心、全国装备制造基地" in answer.text


def test_an_average_growth_asked_is_not_answered_by_one_years(two_cities):
    """"今后五年…年均增长目标": the year's 增长6%左右 is not an average over the five years."""
    answer = two_cities.ask("松州今后五年地区生产总值年均增长目标是多少？")
    assert not answer.found, answer.text
    assert two_cities.ask("松州2025年地区生产总值增长目标是多少？").found


LANSHAN_2024 = """# 岚山市政府工作报告
——2024年1月12日在岚山市第八届人民代表大会第三次会议上

岚山市市长 魏清远

## 一、2023年工作回顾
港航建设稳步推进，新开集装箱航线4条，临港工业产值增长8.2%。

## 二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，港口吞吐量达到1.2亿吨，新增城镇就业2.1万人。
"""

LANSHAN_2025_REVIEW = """# 岚山市政府工作报告
——2025年1月16日在岚山市第八届人民代表大会第四次会议上

岚山市市长 魏清远

## 一、2024年工作回顾
港口建设提速，岚山港30万吨级航道完成疏浚，港口集疏运体系加快完善，临港物流园开工建设。
开放型经济稳中提质，外贸进出口增长6%，全年货物吞吐量突破1.2亿吨，新开国际航线3条。
全市地区生产总值增长5.6%，新增城镇就业2.3万人。

## 二、2025年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
"""


@pytest.fixture(scope="module")
def lanshan_years(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A made-up city's 2024 report (a port target) and 2025 report (its outcome, beside a clause on the
    port that holds no throughput)."""
    return _indexed(tmp_path_factory, "lanshan-2024.md", LANSHAN_2024, {"lanshan-2025.md": LANSHAN_2025_REVIEW})


def test_a_targets_outcome_is_of_the_indicator_the_target_quoted(lanshan_years):
    """"…wanted its port to handle 120 million tonnes in 2024. Did it get there?": the outcome part is
    looked for also by the words of the target's quote (港口吞吐量), so its first quote is the throughput."""
    answer = lanshan_years.ask("Lanshan said it wanted its port to handle 120 million tonnes in 2024. Did it actually get there?")
    assert answer.found and "港口吞吐量达到1.2亿吨[1]" in answer.text, answer.text
    assert "全年货物吞吐量突破1.2亿吨[2]" in answer.text.split("Outcome for 2024")[1], answer.text
