"""Fast known-answer tests without a real model: BM25 scoring, fusion, the found/refuse decision,
question reading, metadata and section periods, and the build's rebuild and reuse rules, using a
small deterministic embedder passed to `build_index(embedder=...)`."""

from __future__ import annotations

import hashlib
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant import build_index, resources
from assistant.answer import Answerer, Evidence
from assistant.bm25 import BM25
from assistant.index import IndexStore
from assistant.load import load_file
from assistant.metadata import read_metadata, section_kind
from assistant.query import parts, read_question
from assistant.retrieve import Retriever, fuse
from assistant.tokenize import tokens


class BigramEmbedder:
    """Character bigrams hashed into 64 dimensions: similar texts get similar vectors, in microseconds."""

    engine = "test"
    model = "bigram-64"
    dim = 64

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            v[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        return v / (np.linalg.norm(v) or 1.0)

    def embed_passages(self, texts, progress=None):
        self.embedded.extend(texts)
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text):
        return self._vector(text)


REPORT_2021 = (
    "---\ntitle: 海滨市政府工作报告（2021年2月6日 张三）\n---\n\n"
    "——2021年2月6日在海滨市第十二届人民代表大会第八次会议上\n\n海滨市市长 张三\n\n各位代表：\n\n"
    "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。\n\n"
    "一、2020年工作回顾\n\n全市实现地区生产总值1234.5亿元、增长2.5%。港口货物吞吐量突破2亿吨。\n\n"
    "二、2021年工作安排\n\n今年经济社会发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业5万人。\n\n"
    "建设滨海新区。推进海洋牧场建设，打造深海养殖基地。\n"
)


def indexed(data: Path, index: Path) -> Answerer:
    """An answerer over the reports in data, indexed with the bigram embedder."""
    embedder = BigramEmbedder()
    build_index(data, index, embedder=embedder)
    return Answerer(Retriever(index, embedder=embedder))


def indexed_report(text: str, tmp_path: Path) -> Answerer:
    """An answerer over one report of this text (a.md), indexed with the bigram embedder."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.md").write_text(text, encoding="utf-8")
    return indexed(data, tmp_path / "index")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.md").write_text(REPORT_2021, encoding="utf-8")
    return folder


# --- scoring ------------------------------------------------------------------------------------

def test_bm25_scores_match_the_formula():
    docs = [["港口", "吞吐量"], ["港口", "港口", "就业"], ["就业"]]
    bm = BM25.build(docs, k1=1.2, b=0.75)
    n, avg = 3, 2.0

    def expected(doc: list[str], term: str) -> float:
        df = sum(term in d for d in docs)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        tf = doc.count(term)
        return idf * tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * len(doc) / avg))

    got = bm.scores(["港口"])
    assert got == pytest.approx([expected(d, "港口") for d in docs], rel=1e-5)
    assert got[1] > got[0] > got[2] == 0
    assert bm.scores(["没有的词"]).tolist() == [0, 0, 0]


def test_blend_and_rrf_fusion_known_answers():
    dense, lexical = {0: 0.9, 1: 0.5}, {1: 4.0, 2: 2.0}
    blend = fuse(dense, lexical, "blend")
    # cosines scaled from the lowest (0.5 → 0) to the highest (0.9 → 1), BM25 by the best (4.0)
    assert blend == pytest.approx({0: 0.4, 1: 0.6, 2: 0.6 * 0.5})
    rrf = fuse(dense, lexical, "rrf")
    assert rrf[1] == pytest.approx(1 / 62 + 1 / 61) and rrf[0] == pytest.approx(1 / 61)


def evidence(**changes) -> Evidence:
    base = dict(coverage=0.6, known_share=1.0, top_dense=0.9, wants_number=True, has_number=True,
                year_mismatch=False, place_mismatch=False, best_sim=0.85)
    return Evidence(**(base | changes))


@pytest.mark.parametrize(("changes", "question", "found"), [
    ({}, "固定资产投资增长多少？", True),
    ({"year_mismatch": True}, "2019年固定资产投资增长多少？", False),
    ({"place_mismatch": True}, "南京市固定资产投资增长多少？", False),
    ({"has_number": False}, "固定资产投资增长多少？", False),
    ({"coverage": 0.1}, "房价调控目标是多少？", False),
    ({"known_share": 0.2}, "房价调控目标是多少？", False),
    ({}, "What is the investment target?", True),
    ({"best_sim": 0.7}, "What is the investment target?", False),
    ({"known_share": 0.5}, "What is the housing price target?", False),
    ({"known_share": 0.55}, "What is the housing price target?", True),  # more than half of it said
    # only the place known: the quoted clause must cover some of the question
    ({"place_only": True, "coverage": 0.2}, "Which award did Haibin's steel base win?", True),
    ({"place_only": True, "coverage": 0.02}, "Which award did Haibin's steel base win?", False),
])
def test_found_or_refused_from_the_evidence(changes: dict, question: str, found: bool):
    assert Answerer.found(evidence(**changes), question) is found


# --- reading questions --------------------------------------------------------------------------

REGIONS = frozenset({"茂名", "湛江", "广东", "全国"})


@pytest.mark.parametrize(("question", "places", "years", "kind"), [
    ("茂名2023年地区生产总值增长目标是多少？", ["茂名"], [2023], "plan"),
    ("2023年全国GDP增长目标是多少？", ["全国"], [2023], "plan"),
    ("What was Maoming's GDP in 2020?", ["茂名"], [2020], "outcome"),
    ("Did Guangdong meet its 2023 GDP growth target?", ["广东"], [2023], "met"),
    ("湛江2019年一般公共预算收入的增长目标完成了吗？", ["湛江"], [2019], "met"),
    ("What growth target did the State Council set for 2023?", ["全国"], [2023], "plan"),
    ("“五外联动”是什么意思？", [], [], "definition"),
    ("Which national-level designation is the new area applying for?", [], [], None),
    # the country by its premier or as 我国; "the province" when one province is indexed
    ("What did Premier Li Qiang's report target for CPI in 2025?", ["全国"], [2025], "plan"),
    ("我国2023年经济增长预期目标是多少？", ["全国"], [2023], "plan"),
    ("What was the CPI target nationally in 2022?", ["全国"], [2022], "plan"),
    ("全省2021年地区生产总值是多少？", ["广东"], [2021], None),
    ("2018年湛江港货物吞吐量在全省排第几？", ["湛江"], [2018], None),
    # a five-year plan's name asks for no plan; meeting a plan is a target met; committing is a plan
    ("What was Maoming's average annual GDP growth during the 13th Five-Year Plan period?", ["茂名"], [], "outcome"),
    ("Did Foshan's key projects meet their investment plan in 2024?", [], [2024], "met"),
    ("What minimum GDP growth rate did Guangzhou commit to for 2024?", [], [2024], "plan"),
    ("How did Zhanjiang's 2016 report define 'zombie enterprises'?", ["湛江"], [], "definition"),
    # a plan named, then asked whether it was met
    ("Zhanjiang said it wanted its port to handle 300 million tonnes in 2018. Did it get there?", ["湛江"], [2018],
     "met"),
    ("广东2024年城镇新增就业多少人？有没有完成年度任务？", ["广东"], [2024], "met"),
    ("How fast does Guangdong want its economy to grow in 2023?", ["广东"], [2023], "plan"),
    ('Foshan\'s report mentions the "3个11". What does that term cover?', [], [], "definition"),
    # beating or missing a target, or a target beside what actually happened, asks whether it was met
    ("Did Zhanjiang exceed its 2023 retail sales target?", ["湛江"], [2023], "met"),
    ("Guangdong's 2022 export growth: target vs actual?", ["广东"], [2022], "met"),
    ("What was Maoming's 2023 GDP target, and how did the year actually turn out?", ["茂名"], [2023], "met"),
    ("2023年湛江地区生产总值增长目标是多少？实际增长多少？", ["湛江"], [2023], "met"),
    ("2023年湛江实际利用外资目标是多少？", ["湛江"], [2023], "plan"),  # (an indicator's name)
    # a one-character name alone before its year is the place; inside a word (粤港澳) it is none
    ("粤2023年新能源汽车产量是多少辆？", ["广东"], [2023], None),
    ("粤港澳大湾区2023年建了哪些项目？", [], [2023], None),
    # work to be done (要推动, 将加快) is a plan, whatever it is to achieve; so is what a report calls for
    ("湛江市2024年要推动哪些重大平台建设取得新成效？", ["湛江"], [2024], "plan"),
    # what the year is to bring about (要让, 要使) is a plan, though it says 达到
    ("茂名市2025年政府工作报告说，当年要让多少个社区达到无障碍标准？", ["茂名"], [2025], "plan"),
    ("What did Guangdong's 2019 report call for on rural roads?", ["广东"], [], "plan"),
    ("广东2024年地区生产总值的主要来源是什么？", ["广东"], [2024], None),  # (主要 is no plan)
    # a province written right before a city of it names the city
    ("2022年广东湛江大型产业集聚区启动了哪个片区？", ["湛江"], [2022], None),
    ("How many rural residents were to get piped water in Guangdong in 2021?", ["广东"], [2021], "plan"),
    # a province named only as what owns something, in a question about its city; in a comparison, both
    ("Which hospital did Zhanjiang back in 2021 to join Guangdong's new batch of high-level hospitals?", ["湛江"], [2021],
     "outcome"),
    ("Did Zhanjiang grow faster than Guangdong's economy in 2022?", ["广东", "湛江"], [2022], "outcome"),
    ("广东省湛江市2023年地区生产总值是多少？", ["湛江"], [2023], None),
])
def test_a_question_is_read_once(question: str, places: list[str], years: list[int], kind: str | None):
    q = read_question(question, REGIONS)
    assert (sorted(q.places), q.years, q.kind) == (sorted(places), years, kind)


@pytest.mark.parametrize(("question", "gdp"), [
    ("What growth target did Foshan set for 2025?", True),
    ("Did Guangzhou grow faster than Shenzhen in 2024?", True),
    ("佛山2025年增长目标是多少？", True),
    ("How fast did Foshan's exports grow in 2024?", False),  # an indicator of its own
    ("How fast did Foshan's tourism grow in 2024?", False),  # a topic the table does not hold
    ("佛山2024年旅游收入增长多少？", False),
    ("What growth target did the plan set?", False),  # no place: nothing says whose economy
    ("2023年全国经济增长目标是多少？", True),  # 经济增长 of a place or year: its GDP's
    ("湛江2019年经济增速是多少？", True),
    ("湛江2024年数字经济增长多少？", False),  # a sector's
    ("Which city grew faster in 2024, Maoming or Zhanjiang?", True),  # ("city" asks, it names nothing)
    ("How did Maoming's economy do in 2022?", True),  # the economy's performance, its size: its GDP
    ("Zhanjiang's economy: how big was it in 2022?", True),
    ("湛江2022年经济怎么样？", True),
    ("2023年广东海洋生产总值占比是多少？", False),  # a noun before it: the ocean economy's output
    ("2024年北京市地区生产总值是多少？", True),  # (a place before it only says whose)
    ("广东省2023年全省地区生产总值增长多少？", True),
])
def test_a_places_growth_with_nothing_else_named_is_its_gdp(question: str, gdp: bool):
    from assistant.table_answer import named_indicators

    named = [ind.id for ind in named_indicators(read_question(question, REGIONS))]
    assert (named == ["gdp"]) == gdp, named


@pytest.mark.parametrize(("question", "trade"), [
    ("2023年深圳的进出口增长了多少？", True),
    ("2023年深圳对共建“一带一路”国家的进出口增长了多少？", False),  # with some partners: a part of it
    ("2023年广东对东盟进出口增长多少？", False),
])
def test_trade_with_some_partners_is_not_the_whole(question: str, trade: bool):
    from assistant.table_answer import named_indicators

    named = [ind.id for ind in named_indicators(read_question(question, frozenset({"深圳", "广东"})))]
    assert (named == ["foreign_trade"]) == trade, named


def test_a_named_report_year_sets_last_year_and_this_year():
    q = read_question("按广东省2025年政府工作报告，去年全省进出口总额增长多少？", REGIONS)
    assert (q.report_year, q.years, q.places) == (2025, [2024], ["广东"])
    q = read_question("In Zhanjiang's 2019 government work report, what was last year's unemployment rate?", REGIONS)
    assert (q.report_year, q.years) == (2019, [2018])


def test_a_five_year_plan_named_is_the_questions_span_and_a_report_of_a_year_its_report():
    from assistant.text import five_year_plans

    assert five_year_plans("“十三五”时期发展成就和“十四五”时期主要目标任务") == [(2016, 2020), (2021, 2025)]
    assert five_year_plans("over the thirteenth Five-Year Plan") == [(2016, 2020)]
    assert five_year_plans("over the 13th Five-Year Plan", english=False) == []
    assert five_year_plans("during the 2016-2020 Five-Year Plan period") == [(2016, 2020)]
    assert five_year_plans("the 2017-2021 five-year plan") == []
    q = read_question("Which projects did Guangdong bring in during the 2016-2020 Five-Year Plan period?", REGIONS)
    assert (q.span, q.years) == ((2016, 2020), []) and q.kind != "plan"
    assert read_question("“十三五”期间，广东研发经费占比提高到多少？", REGIONS).span == (2016, 2020)
    assert read_question("What does the 14th Five-Year Plan aim for?", REGIONS).span == (2021, 2025)
    assert read_question("What was Guangdong's growth?", REGIONS).span is None
    q = read_question("Which city became Guangdong's fourth trillion-yuan economy, according to the report of 2022?",
                      REGIONS)
    assert (q.report_year, q.years) == (2022, [])


@pytest.mark.parametrize("question", ["广东形成了哪8个万亿元级产业集群？", "茂名有哪五大平台？", "Which three industries lead?"])
def test_a_list_asked_with_its_count(question: str):
    assert read_question(question, REGIONS).wants_list


def test_compound_questions_split_into_parts():
    met = parts(read_question("茂名2021年GDP目标完成了吗？", REGIONS))
    assert [(label, q.kind, q.years) for label, q in met] == [("2021年目标", "plan", [2021]),
                                                             ("2021年实际", "outcome", [2021])]
    years = parts(read_question("How did China's GDP growth target change from 2022 to 2023?", REGIONS))
    assert [q.years for _, q in years] == [[2022], [2023]]
    assert parts(read_question("茂名2023年GDP增长目标是多少？", REGIONS)) == []
    # each report named with the year it reviews: that year's outcome in each
    reviewed = parts(read_question("Compare China's GDP as stated in the 2022 report (for 2021) with the figure in "
                                   "the 2025 report (for 2024).", REGIONS))
    assert [(q.report_year, q.years, q.kind) for _, q in reviewed] == [(2022, [2021], "outcome"),
                                                                       (2025, [2024], "outcome")]
    plans = parts(read_question("How did the deficit ratio in China's 2022 report compare with the 2021 report's?", REGIONS))
    assert [(q.report_year, q.years) for _, q in plans] == [(2021, []), (2022, [])]


def test_figures_and_what_asks_them():
    from assistant.answer import _FIGURE, _figures_asked, _misses_count
    from assistant.glossary import matched

    assert _figures_asked("What average annual GDP growth rate does the 2023 report cite, and what size had GDP "
                          "reached?") == 2
    assert _FIGURE.search("强化79段海岸线分段分类管控")
    # counts in words: twice, double digits, none
    assert all(_FIGURE.search(t) for t in ("两次下调存款准备金率", "研发投入保持两位数增长", "风险事件零发生"))
    assert _misses_count(read_question("How many risk incidents occurred?"), ["风险事件零发生"]) is False
    assert not _FIGURE.search("制定实施第三轮三年行动计划")  # an ordinal counts nothing
    # the digits of an ordinal in words are no figure; counts in words are
    assert not _FIGURE.search("编制第十四个五年规划纲要")
    assert all(_FIGURE.search(t) for t in ("三年行动计划实施满3年", "建成十四个公园", "2035年前建成20所学校"))
    # "what forest coverage rate" asks a figure
    assert read_question("What forest coverage rate was China aiming for in its 2021 report?").wants_number
    # GDP as what a ratio is taken of is not GDP asked
    assert not any("生产总值" in t for _, group in matched("What deficit-to-GDP ratio was planned?") for t in group)
    assert any("生产总值" in t for _, group in matched("What was the GDP growth target?") for t in group)


def test_a_count_of_kinds_is_the_reports_counted_term():
    from assistant.terms import english_counted_terms

    text = "统筹推进居住、产业、市政基础设施、公共服务设施、区域综合等五类更新改造"
    assert english_counted_terms("What five types of urban renewal did the city plan?", [text]) == ["五类更新改造"]
    assert english_counted_terms("What three kinds of urban renewal did the city plan?", [text]) == []


def _glossed(question: str) -> set[str]:
    """The report terms the glossary gives an English question."""
    from assistant.glossary import matched

    return {t for _, group in matched(question) for t in group}


def test_report_words_for_intercity_rail_and_product_origins():
    words = _glossed
    assert "城际" in words("Which intercity rail projects did it plan?")
    assert "地理标志" in words("Which geographical-indication brands did it promote?")
    assert "品牌" in words("Which geographical-indication brands did it promote?")


def test_a_list_question_counts_the_items_it_asks():
    from assistant.terms import count_asked, enumerates

    assert count_asked("The city will build five 'bases'. Which five?") == 5
    assert count_asked("茂名构成新区发展“三大实体平台”的是哪三个？") == 3
    assert count_asked("Which projects did it finish over the past five years?") is None
    assert count_asked("It sums up the next five years in five slogans. What are they?") == 5
    slogans = "体现在“奔小康、建中心、增后劲、优生态、惠民生”"
    assert enumerates(slogans, 5) and not enumerates(slogans, 4) and not enumerates(slogans, 6)
    assert enumerates("建立“财政补助+创业投资+科技信贷”联动机制", 3)
    # three things of a kind in a row are not yet the three a question asks of
    assert not enumerates("建设季华实验室、仙湖实验室、蓝橙实验室等重大创新平台", 3)


# --- metadata and periods -----------------------------------------------------------------------

def test_metadata_comes_from_the_meeting_and_speaker_lines_not_the_name():
    meta = read_metadata(REPORT_2021, "a")
    assert (meta.region, meta.level, meta.year) == ("海滨", "city", 2021)
    assert (meta.meeting_date, meta.speaker) == ("2021-02-06", "海滨市市长 张三")
    national = read_metadata("**政府工作报告**\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理　李克强\n", "b")
    assert (national.region, national.level, national.year) == ("全国", "national", 2023)
    province = read_metadata("——2024年1月23日在广东省第十四届人民代表大会第二次会议上\n广东省省长 王伟中\n", "c")
    assert (province.region, province.level, province.speaker) == ("广东", "province", "广东省省长 王伟中")


def test_an_unsure_region_stays_empty():
    assert read_metadata("我代表市人民政府，向大会作工作报告。我代表大家感谢。我代表……", "x").region is None


@pytest.mark.parametrize(("heads", "text", "expected"), [
    (["一、2020年工作回顾"], "全市实现地区生产总值", ("outcome", (2020, 2020))),
    (["二、2021年工作安排"], "今年经济社会发展主要预期目标是", ("plan", (2021, 2021))),
    (["一、过去一年和五年工作回顾"], "过去五年", ("outcome", (2016, 2020))),
    (["二、“十四五”时期主要目标任务"], "到2025年", ("plan", (2021, 2025))),
    (["附件", "名词解释"], "1.零基预算：是指", ("glossary", None)),
    (["名词解释", "2.“补改投”改革：选取部分省财政安排支持经济社会发展的补助资金"], "2.“补改投”改革：选取",
     ("glossary", None)),  # an entry's own title may hold plan words (安排): still glossary
    ([], "刚刚过去的2020年，是极不平凡的一年", ("outcome", (2020, 2020))),
    # a part of a review of several years, its heading naming none: the years of the review, unless
    # its words say one
    (["一、“十三五”时期和2020年工作回顾", "（五）社会事业全面进步，民生福祉取得新进展"], "五年民生支出增长",
     ("outcome", (2016, 2020))),
    (["一、“十三五”时期和2020年工作回顾", "（五）社会事业全面进步，民生福祉取得新进展"], "这一年，我们用心保障民生",
     ("outcome", (2020, 2020))),
    (["一、过去五年工作回顾", "（三）对外开放迈出新步伐，营商环境取得新进展"], "基本完成营商环境改革", ("outcome", (2016, 2020))),
    (["一、2020年工作回顾", "（三）对外开放迈出新步伐，营商环境取得新进展"], "基本完成营商环境改革", ("outcome", (2020, 2020))),
    # under the year's plan, a part that says what is to be achieved (取得新成效) is of the plan
    (["二、2021年工作总体要求和重点任务", "（六）加强生态保护，推动绿色发展取得新成效", "推进能源转型"],
     "新能源装机力争达到300万千瓦", ("plan", (2021, 2021))),
    (["一、2020年工作回顾", "（六）努力改善民生，社会事业扎实推进", "民生实事取得新进展"], "完成十件民生实事",
     ("outcome", (2020, 2020))),
    # a report delivered mid-year: its review's paragraph of the year so far is the report's own year
    (["一、2020年以来政府工作回顾", "（六）用心用力办实事"], "今年以来，市政府全力以赴拼经济，各类事故起数下降9%",
     ("outcome", (2021, 2021))),
    (["一、2020年以来政府工作回顾", "（六）用心用力办实事"], "各类事故起数下降7%", ("outcome", (2020, 2020))),
])
def test_section_period_and_kind(heads: list[str], text: str, expected: tuple):
    assert section_kind(heads, text, 2021) == expected


# --- build rules with a small embedder -------------------------------------------------------------

def test_furniture_is_never_a_passage_and_periods_route_years(data: Path, tmp_path: Path):
    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    store = IndexStore.load(tmp_path / "index")
    texts = [c.text for c in store.chunks]
    assert not any("人民代表大会" in t or t.startswith("海滨市市长") or "title:" in t or "向大会报告" in t
                   for t in texts)
    info = store.sources()["a.md"]
    assert (info.year, info.meeting_date, info.speaker) == (2021, "2021-02-06", "海滨市市长 张三")
    retriever = Retriever(tmp_path / "index", embedder=embedder)
    outcome = retriever.search("2020年地区生产总值是多少", 1)[0]
    assert outcome.kind == "outcome" and outcome.period == [2020, 2020] and "1234.5亿元" in outcome.text



def test_who_delivered_the_report_quotes_its_speaker_line(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    text = (data / "a.md").read_text(encoding="utf-8")
    for question, said in (("2021年政府工作报告是谁作的？", "由海滨市市长 张三作报告"),
                           ("Who delivered the 2021 government work report?", "delivered by Mayor Zhang San")):
        answer = answerer.ask(question)
        assert answer.found and said in answer.text, answer.text
        c = answer.citations[0]
        assert c.quote == "海滨市市长 张三" and c.source == "a.md"
        assert load_file(data / "a.md", data).text[c.quote_start : c.quote_end] == c.quote and c.quote in text
    assert not answerer.ask("2019年政府工作报告是谁作的？").found  # no such report: not another one's speaker
    first = answerer.retriever.search("Who delivered the 2021 government work report?", 3)[0]
    assert (first.text, first.source, first.rank) == ("海滨市市长 张三", "a.md", 1)  # retrieval finds the line too
    assert load_file(data / "a.md", data).text[first.start : first.end] == first.text


def test_when_the_report_was_delivered_quotes_its_meeting_line(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    line = "2021年2月6日在海滨市第十二届人民代表大会第八次会议上"
    for question, said in (("2021年政府工作报告是哪天作的？", line),
                           ("When was the 2021 government work report delivered?", "delivered on February 6, 2021")):
        answer = answerer.ask(question)
        assert answer.found and said in answer.text, answer.text
        c = answer.citations[0]
        assert c.quote == line and load_file(data / "a.md", data).text[c.quote_start : c.quote_end] == line
    both = answerer.ask("When was the 2021 report delivered, and who delivered it?")
    assert "February 6, 2021" in both.text and "Mayor Zhang San" in both.text and len(both.citations) == 2
    assert not answerer.ask("2019年政府工作报告是哪天作的？").found  # no such report
    # a date of something else in the report is no question about the meeting
    assert not read_question("When will the 2021 report's new district be delivered to residents?").wants_meeting
    assert not read_question("海滨新区什么时候建成？").wants_meeting


def test_a_speaker_surname_is_read_as_a_surname():
    from assistant.compose import speaker_in_english

    assert speaker_in_english("湛江市市长 曾进泽") == "Mayor Zeng Jinze"
    assert speaker_in_english("广东省代省长 王伟中") == "Acting Governor Wang Weizhong"


def test_a_bare_term_question_is_answered_by_any_reports_glossary(data: Path, tmp_path: Path):
    """"零基预算是什么？" with the term named in one report's body and defined in another's glossary."""
    assert read_question("零基预算是什么？").kind == "definition"
    assert read_question("高新区的定位是什么？").kind is None and read_question("GDP增长目标是什么？").kind == "plan"
    for year in (2022, 2023, 2024):  # three reports that only name it, better ranked than the glossary
        (data / f"b{year}.md").write_text(REPORT_2021.replace("2021", str(year)).replace("2020", str(year - 1)).replace(
            "建设滨海新区。", "零基预算是什么？深化零基预算改革，推进零基预算改革试点。"), encoding="utf-8")
    (data / "c.md").write_text(REPORT_2021.replace("海滨", "山城").replace("建设滨海新区。", "推进财政改革。") +
                               "\n## 名词解释\n\n1. 零基预算：不考虑过去的预算项目和收支水平，以零为基点编制的预算。\n",
                               encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    answer = Answerer(Retriever(tmp_path / "index", embedder=embedder)).ask("零基预算是什么？", k=3)
    assert answer.found and "以零为基点编制的预算" in answer.text and answer.citations[0].source == "c.md"


def test_a_qualified_indicator_is_not_answered_with_the_broader_ones_figure(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    assert answerer.ask("2020年地区生产总值是多少？").found
    for question in ("2020年人均地区生产总值是多少？", "What was the per-capita GDP in 2020?"):
        assert not answerer.ask(question).found, question  # the report gives GDP, not GDP per capita



def test_a_growth_question_is_not_answered_with_a_level(data: Path, tmp_path: Path):
    text = (data / "a.md").read_text(encoding="utf-8")
    (data / "a.md").write_text(text.replace("全市实现地区生产总值1234.5亿元、增长2.5%。", "全市实现地区生产总值1234.5亿元。"),
                               encoding="utf-8")
    answerer = indexed(data, tmp_path / "index")
    assert answerer.ask("2020年地区生产总值是多少？").found
    for question in ("2020年地区生产总值增长了多少？", "What was the GDP growth rate in 2020?"):
        assert not answerer.ask(question).found, question  # a level (1234.5亿元) is not a growth rate


def test_an_english_question_for_an_indicators_target_wants_its_figure(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    _, english = answerer.explain("What is the new urban jobs target for 2021?")
    assert english.wants_number  # "what is the target" asks for a figure, as 多少 does
    _, chinese = answerer.explain("2021年城镇新增就业目标是什么？")
    assert not chinese.wants_number  # a Chinese question asking one says 多少


def test_editing_one_paragraph_embeds_only_what_changed(data: Path, tmp_path: Path):
    index = tmp_path / "index"
    build_index(data, index, embedder=BigramEmbedder())
    (data / "a.md").write_text(REPORT_2021.replace("打造深海养殖基地", "打造深远海养殖基地"), encoding="utf-8")
    embedder = BigramEmbedder()
    report = build_index(data, index, embedder=embedder)
    assert report.updated == ["a.md"] and report.embedded == 1
    assert all("深远海" in t for t in embedder.embedded)  # the changed passage and its changed clause


def test_changing_a_stop_word_re_tokenises_the_index(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    index = tmp_path / "index"
    build_index(data, index, embedder=BigramEmbedder())
    assert "港口" in IndexStore.load(index).bm25.vocab
    folder = tmp_path / "resources"
    shutil.copytree(resources.FOLDER, folder)
    with open(folder / "stopwords.txt", "a", encoding="utf-8") as fh:
        fh.write("港口\n")
    monkeypatch.setattr(resources, "FOLDER", folder)
    for cached in (resources.stopwords, resources.lexical_hash):
        cached.cache_clear()
    try:
        embedder = BigramEmbedder()
        report = build_index(data, index, embedder=embedder)
        store = IndexStore.load(index)
        assert "港口" not in store.bm25.vocab and "港口" not in tokens("港口货物吞吐量")
        assert store.manifest["bm25"]["resources"] == resources.lexical_hash()
        assert report.unchanged == ["a.md"] and embedder.embedded == []  # re-read, nothing re-embedded
    finally:
        for cached in (resources.stopwords, resources.lexical_hash):
            cached.cache_clear()


def test_the_compact_jieba_dictionary_cuts_and_tags_like_jiebas_own(tmp_path: Path):
    """The fast-loading dictionary holds jieba's own entries: the same words, cuts and POS tags."""
    import jieba

    from assistant import wordfreq

    full = jieba.Tokenizer()
    full.initialize()
    dict_file = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    saved = tmp_path / "compact.npz"
    wordfreq.CompactFreq.from_dict(full.FREQ, full.total, wordfreq._word_tags(str(dict_file))).save(saved)
    compact_freq = wordfreq.CompactFreq.load(saved)
    compact = jieba.Tokenizer()
    compact.FREQ, compact.total, compact.initialized = compact_freq, full.total, True
    text = (Path(__file__).resolve().parents[1] / "data" / "maoming-2023-government-work-report.txt").read_text(
        encoding="utf-8")
    assert compact.lcut_for_search(text) == full.lcut_for_search(text)
    assert compact.lcut(text) == full.lcut(text)
    assert len(compact_freq) == len(full.FREQ) and compact_freq.get("地区生产总值") == full.FREQ.get("地区生产总值")
    assert "不是一个词语哈" not in compact_freq and compact_freq.get("不是一个词语哈", 7) == 7
    assert compact_freq.tag("城镇") == "ns" and compact_freq.tag("目标") == "n" and compact_freq.tag("xyz") == "x"


def test_an_english_glossary_phrase_starts_a_word():
    from assistant.glossary import expand_groups

    groups = expand_groups("What does the 2023 report say about support for sports?")
    assert ("港", "码头", "航道") not in groups  # "ports?" is not read inside report, support, sports
    assert ("港", "码头", "航道") in expand_groups("How much cargo did the ports handle?")


@pytest.mark.parametrize("text", ["优良天数达到290天", "世界文化遗产达到8处", "新增公交车300辆", "PM2.5平均浓度降至26微克/立方米",
                                  "新增装机容量120万千瓦", "货物通关时间压缩一半以上", "工业生产许可证种类压减三分之一以上",
                                  "8位专家学者受聘担任顾问"])
def test_counts_in_days_sites_and_vehicles_are_figures(text: str):
    from assistant.answer import _FIGURE

    assert _FIGURE.search(text)


def test_once_and_for_all_is_no_figure():
    from assistant.answer import _FIGURE

    assert not _FIGURE.search("存量税额于年底前一次性全部退还")
    assert _FIGURE.search("开展一次全面排查") and _FIGURE.search("举办三次招聘会")


def test_a_counted_term_the_report_does_not_write_is_found_by_its_items():
    from assistant.retrieve import Hit
    from assistant.terms import term_span

    text = ("锚定发展定位。着力打造世界级绿色化工基地、国家级现代农业产业基地、区域性商贸物流基地、南中国文旅康养度假基地、"
            "示范性城乡融合发展基地，构建现代产业体系。增强“西部经济中心、西部科技创新中心、西部对外交往中心、全国先进制造业基地”功能。")
    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "五大基地")
    assert text[start:end].startswith("着力打造世界级") and text[start:end].endswith("示范性城乡融合发展基地")
    start, end = term_span(hit, "三中心一基地")
    assert text[start:end] == "西部经济中心、西部科技创新中心、西部对外交往中心、全国先进制造业基地"
    assert term_span(hit, "四大基地") is None  # as many items as it counts, or none
    assert term_span(hit, "两中心两基地") is None



def test_things_said_to_make_up_a_counted_term_before_it_are_its_items():
    from assistant.retrieve import Hit
    from assistant.terms import term_span

    text = "创新体制机制，启动滨海试验区和东湾新城建设，与高新区一起构成新区发展三大实体平台。经过一年努力，三大平台拉开架势。"
    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "三大实体平台")
    assert text[start:end] == "创新体制机制，启动滨海试验区和东湾新城建设，与高新区一起构成新区发展三大实体平台"


def test_a_term_counting_items_by_their_first_character_is_found_by_its_items():
    from assistant.retrieve import Hit
    from assistant.terms import term_span

    text = "加大“六稳”工作力度，保就业、保民生、保市场主体、保能源安全、保供应链稳定、保基层运转，坚定实施扩大内需战略。"
    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "六保")
    assert text[start:end] == "保就业、保民生、保市场主体、保能源安全、保供应链稳定、保基层运转"
    assert term_span(hit, "五保") is None
    two = "清理巷道、清理杂物、拆除危房、拆除违建。"
    hit = Hit(text=two, score=1.0, source="x", section="", start=0, end=len(two), chunk_id="c", rank=1)
    assert term_span(hit, "两清两拆") == (0, len(two) - 1)


def test_list_terms_of_questions_and_where_their_items_stand():
    from assistant.retrieve import Hit
    from assistant.terms import count_of, english_counted_terms, key_terms, term_span

    assert key_terms("湛江2022年政府工作报告中的六大片区是哪些？")[0] == "六大片区"
    assert key_terms("广东提到的8个万亿元级产业集群有哪些？")[0] == "8个万亿元级产业集群"
    assert [count_of(t) for t in ("四大平台", "十件民生实事", "13个项目", "二十个", "平台", "5080")] == [4, 10, 13, 20, None, None]
    text = "着力壮大绿色钢铁、绿色石化、高端造纸五大先进制造业集群。建强四大平台。"
    assert english_counted_terms("What are the four platforms?", [text]) == ["四大平台"]
    assert english_counted_terms("The city's four 'platforms' - which are they?", [text]) == ["四大平台"]  # in quotes
    hit = Hit(text=text, score=1.0, source="x", section="", start=100, end=100 + len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "五大先进制造业集群")
    assert text[start - 100 : end - 100] == "着力壮大绿色钢铁、绿色石化、高端造纸五大先进制造业集群"
    for question in ("Which areas make up the six major zones?", "What does the plan consist of?", "六大片区由什么组成？"):
        assert read_question(question).wants_list, question
    # a noun no glossary entry knows: the report's own quoted counted term, quoted whole
    entry = "19.“四小园”：小菜园、小果园、小花园、小公园。20.“三个一”：一张图。"
    assert english_counted_terms('What are the "four small gardens"?', [entry]) == ["四小园"]
    assert english_counted_terms("What are the four small gardens?", ["四小园：小菜园、小果园。"]) == ["四小园"]
    # a counted term found by its noun's words comes before the ones a report merely sets apart
    entries = ["四大抓手：指交通基础设施建设、产业园区扩能增效。", "四篇文章：指临港产业、滨海旅游。"]
    assert english_counted_terms("The 'four articles': which four sectors are they?", entries) == ["四篇文章"]
    hit = Hit(text=entry, score=1.0, source="x", section="", start=0, end=len(entry), chunk_id="c", rank=1)
    start, end = term_span(hit, "四小园")
    assert entry[start:end] == "“四小园”：小菜园、小果园、小花园、小公园"
    # a counted term after a clause with 、 that goes on to announce its items: the items, not that clause
    text = "经市民、代表广泛征集，形成5件民生实事候选项目，分别是甲工程、乙工程、丙工程、丁工程、戊工程。下一段。"
    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "5件民生")
    assert text[start:end] == "5件民生实事候选项目，分别是甲工程、乙工程、丙工程、丁工程、戊工程"


def test_terms_an_english_question_names_and_asks_to_define():
    from assistant.terms import key_terms

    assert key_terms("What does 'split-line management' (分线管理) mean in Guangdong's 2025 report?")[0] == "分线管理"
    assert key_terms("According to Guangzhou's 2025 report, what is the '五乐计划' (Five Joys Plan)?") == ["五乐计划"]
    assert read_question("According to Guangzhou's 2025 report, what is the '五乐计划'?").kind == "definition"


def test_a_counted_list_quotes_every_item_though_the_passage_is_cut_in_pieces(tmp_path: Path):
    items = ["提升就业服务能力和强化产业技能人才支撑并扩大高校毕业生和退役军人等重点群体就业",
             "提高乡镇学校和县域高中办学质量并提升青少年心理健康服务水平和学生体质健康水平",
             "实施基层医疗卫生人才帮扶行动并推动优质医疗资源下沉到县镇村三级医疗卫生机构",
             "扎实推进城镇保障性安居工程建设并加快城中村改造和老旧小区改造及配套设施建设",
             "提升一老一小综合服务水平并增加普惠托育服务供给和社区居家养老服务网络覆盖面"]
    listed = "，".join(f"{n}是{item}" for n, item in zip("一二三四五", items))
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.md").write_text(REPORT_2021 + f"\n办好五件民生实事。{listed}。另有一句无关的话。\n", encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    store = IndexStore.load(tmp_path / "index")
    assert not any(all(item in c.text for item in items) for c in store.chunks)  # the list is cut in pieces
    answer = Answerer(Retriever(tmp_path / "index", embedder=embedder)).ask("五件民生实事是哪些？")
    assert answer.found and all(item in answer.text for item in items)
    assert "无关" not in answer.text
    c = answer.citations[0]
    assert load_file(data / "a.md", data).text[c.quote_start : c.quote_end] == c.quote


def test_clause_words_are_read_once_per_loaded_index(data: Path, tmp_path: Path):
    from assistant.quotes import bigrams, clause_terms

    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    retriever = Retriever(tmp_path / "index", embedder=embedder)
    hit = retriever.search("港口货物吞吐量", 1)[0]
    store = retriever.store
    first = clause_terms(store, hit)
    spans, _ = store.clauses_of_chunk(hit.chunk_id)
    bodies = [hit.text[s - hit.start : e - hit.start] for s, e in spans]
    assert first == [frozenset(tokens(b)) | {"#" + g for g in bigrams(b)} for b in bodies]
    assert clause_terms(store, hit) is first  # kept
    assert clause_terms(IndexStore.load(tmp_path / "index"), hit) is not first  # a newly loaded index reads again


def test_english_names_are_given_for_listed_items_only():
    from assistant.compose import english_names

    assert english_names("做强做优石油化工、农业、建筑业三大千亿传统产业") == [
        ("石油化工", "petrochemicals"), ("农业", "agriculture"), ("建筑业", "construction"),
        ("传统产业", "traditional industries")]
    assert english_names("推动企业发展") == []  # no listed item opens or closes with a named term


def test_a_counted_term_before_a_colon_quotes_each_of_its_items():
    from assistant.retrieve import Hit
    from assistant.terms import term_span

    text = ("三个一：“一通道”，就是参与共建西部陆海新通道，打通西南出海大通道；“一港区”，就是推动湛江港和东海岛纳入广东自贸区扩区的片区；"
            "“一示范”，就是建设国家海洋经济发展示范区。另一句话讲别的事情。")
    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "三个一")
    assert text[start:end].endswith("国家海洋经济发展示范区") and "另一句" not in text[start:end]


def test_an_english_kind_word_routes_but_does_not_search():
    q = read_question("What grain output goal did Haibin set for 2021?")
    assert "粮食" in q.tokens and q.kind == "plan"
    # 目标 is searched only as a part of 预期目标 (a report's table of targets), not on its own as well
    assert q.tokens.count("目标") == 1 and "预期" in q.tokens
    assert "目标" in q.expansion  # still known to the refusal check, as a kind word


def test_a_place_in_brackets_after_a_name_is_part_of_the_name():
    q = read_question("海滨市2023年政府工作报告中，巴斯夫（广东）一体化基地项目投资多少？", frozenset({"海滨", "广东"}))
    assert q.places == ["海滨"] and q.unknown_places == []
    assert read_question("广东2023年地区生产总值是多少？", frozenset({"海滨", "广东"})).places == ["广东"]


@pytest.mark.parametrize(("question", "unknown"), [
    ("武汉2025年地区生产总值增长目标是多少？", ["武汉"]),
    ("What is Wuhan's GDP growth target for 2025?", ["武汉"]),
    ("What GDP growth target did Xi'an set?", ["西安"]),
    ("What did Ji'an achieve?", ["吉安"]),
    ("中山大学深圳校区在哪里？", ["深圳"]),  # 中山大学 is a university, not the city of 中山
    ("建设出海口的计划是什么？", []),  # 出海口 is no 海口
    ("What is Jian's plan?", []),  # only Ji'an reads as 吉安
    ("海滨市的出口增长多少？", []),  # an indexed region
    # places abroad, as nouns; an adjective or a pronoun names none
    ("美国2023年GDP增长多少？", ["美国"]),
    ("What was Japan's GDP growth in 2023?", ["日本"]),
    ("How many gold medals did Haibin win at the Paris Olympics?", ["巴黎"]),
    ("What was the U.S. growth rate?", ["美国"]),
    ("Tell us Haibin's plan for German-funded firms and American schools", []),
    ("海滨对东盟进出口增长多少？", ["东盟"]),
    # a zone named right after the city: its figures are not the city's
    ("海滨高新区2020年地区生产总值是多少？", ["高新区"]),
    ("海滨市滨海新区的定位是什么？", ["滨海新区"]),
])
def test_cities_no_report_is_about_are_read_as_whole_words(question: str, unknown: list[str]):
    assert read_question(question, frozenset({"海滨"})).unknown_places == unknown


def test_a_place_that_only_qualifies_a_name_beside_another_place_is_not_asked_about():
    regions = frozenset({"海滨", "广东", "全国"})

    def places(question: str) -> list[str]:
        return read_question(question, regions).places

    assert places("Which Guangdong Provincial Games will Haibin host?") == ["海滨"]
    assert places("Which major national sports event does Haibin host in 2025?") == ["海滨"]
    assert places("How did Haibin's GDP growth compare with the national target in 2023?") == ["海滨", "全国"]
    assert places("What was the national GDP growth target for 2023?") == ["全国"]
    assert sorted(places("Compare Guangdong's and Haibin's GDP growth in 2022.")) == ["广东", "海滨"]


def test_a_counted_term_found_outside_the_top_passages_lists_its_marked_items(tmp_path: Path):
    items = ["为老年人提供健康管理服务", "提升困难群众兜底保障水平", "为重点群体提供稳定就业保障"]
    listed = "；".join(f"{n}是{item}" for n, item in zip("一二三", items))
    filler = "".join(f"推进第{i}项重点工作，完善配套政策。" for i in range(30))
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.md").write_text(REPORT_2021 + f"\n{filler}\n\n三件民生实事全部兑现。\n\n"
                               f"办好三件民生实事。今年首次由人大常委会测评候选项目。{listed}。另有一句无关的话。\n",
                               encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    retriever = Retriever(tmp_path / "index", embedder=embedder)
    answer = Answerer(retriever).ask("三件民生实事包括哪些？")
    assert answer.found and all(item in answer.text for item in items)
    assert "无关" not in answer.text and "全部兑现" not in answer.text
    assert retriever.search("三件民生实事包括哪些？", 1)[0].text.startswith("办好三件民生实事。")  # retrieval too


def test_key_terms_put_the_asked_term_before_the_ones_qualifying_it():
    from assistant.terms import head_term, introduces, key_terms

    assert key_terms("茂名乡村振兴“一四五”工作法的“四大要素”是什么？")[0] == "四大要素"
    assert key_terms("广东“十四五”时期经济社会发展的主要目标有哪些？")[:2] == [
        "广东“十四五”时期经济社会发展的主要目标", "主要目标"]
    assert head_term("广东“十四五”时期经济社会发展的主要目标有哪些？") == "主要目标"
    assert head_term("四大平台是哪些？") is None
    assert introduces("主要目标是：经济发展迈上新台阶", "主要目标")
    assert not introduces("经济工作会议精神，深入贯彻", "经济工作")


def test_a_bare_will_beside_a_past_tense_asks_for_neither_kind():
    from assistant.query import read_question

    assert read_question("Which games did Maoming win the bid to host, and when will they be held?").kind is None
    assert read_question("What will Maoming's GDP growth target be in 2023?").kind == "plan"
    assert read_question("What did Maoming plan for 2023?").kind == "plan"
    # an aim stated, then "Did it?": was it met; a mark in yuan is the level asked, not the growth
    aimed = read_question("Guangdong aimed for its GDP to break the 10-trillion-yuan mark in 2019. Did it?")
    from assistant.table_answer import LEVEL_ASKED

    assert aimed.kind == "met" and LEVEL_ASKED.search(aimed.text)
    assert read_question("Did Guangdong's GDP grow in 2019?").kind != "met"
    # what a figure is "to reach" (要达到) is a target, what it reached (达到) an outcome
    assert read_question("上海2025年研发经费支出相当于生产总值的比例要达到多少？").kind == "plan"
    assert read_question("上海2024年研发经费支出相当于生产总值的比例达到多少？").kind == "outcome"
    assert read_question("“四大要素”是什么？").kind == "definition"
    # what a thing "was to be" (cut, built) is a plan, however many words name the thing
    assert read_question("How much was the provincial list of powers and responsibilities to be cut?").kind == "plan"
    assert read_question("How much was the list cut in 2018?").kind == "outcome"


def test_how_a_quoted_term_is_explained_asks_its_definition():
    from assistant.query import read_question
    from assistant.terms import spelled_terms

    question = 'How is the "three to the countryside" (san xia xiang) activity explained in the glossary?'
    assert read_question(question).kind == "definition"
    assert spelled_terms(question) == ["sanxiaxiang"]
    assert spelled_terms("What is the hukou (household registration) system?") == []


def test_an_english_name_is_the_coined_term_whose_characters_say_it():
    from assistant.terms import coined_terms, quoted_names, rendered_in

    texts = ["推行“多评合一”、“一址多照”。推进“双高计划”和“新双高”建设。", "落实“千村示范、万村整治”工程。",
             "河湖“五清”“清四乱”专项行动。", "5.“红黄蓝”三色走访关爱机制：指按风险划分人群。", "多评合一：指…"]
    terms = coined_terms(texts)
    assert rendered_in(["Double High Plan"], terms) == ["双高计划"]
    assert rendered_in(["multiple assessments in one"], terms) == ["多评合一"]
    assert rendered_in(["Five Cleanups"], terms) == ["五清"]
    assert rendered_in(["red-yellow-blue"], terms) == ["红黄蓝"]
    assert rendered_in(["Thousand Villages Demonstration, Ten Thousand Villages Renovation"], terms) == ["千村示范、万村整治"]
    assert rendered_in(["Cleanups"], terms) == []  # one word: too many terms say one
    assert rendered_in(["Digital Silk Road"], terms) == []
    assert quoted_names("How is the 'one station per town, one point per village' rule explained?") == [
        "one station per town, one point per village"]


def test_a_count_an_english_name_says_is_said_by_the_coined_term():
    """'four-network integration': 四网融合, not 车路云一体化 (whose 路 and 一体化 say "network" and
    "integration" as well, but no four)."""
    from assistant.terms import coined_terms, rendered_in

    terms = coined_terms(["深化轨道交通“四网融合”，推进“车路云一体化”应用试点。"])
    assert rendered_in(["four-network integration"], terms) == ["四网融合"]


def test_what_a_quoted_campaign_covers_asks_its_items():
    assert read_question("What does Guangdong's 'Five Cleanups' campaign for rivers and lakes cover?").wants_list
    assert read_question("What did the plan involve?").wants_list
    assert not read_question("How many villages did the campaign cover in 2023?").wants_list


def test_a_when_question_needs_a_clause_that_names_a_date():
    from assistant.answer import _misses_when
    from assistant.query import read_question

    when = read_question("In what year will the games be held?")
    assert _misses_when(when, ["积极筹办第十七届省运动会"])
    assert not _misses_when(when, ["成功申办2026年第十七届省运会"])
    assert _misses_when(read_question("地铁1号线计划什么时候开通？"), ["加快推进地铁建设"])
    assert not _misses_when(read_question("地铁1号线计划什么时候开通？"), ["力争年底前开通"])
    assert not _misses_when(read_question("What is the 2023 GDP target?"), ["地区生产总值增长6%"])


def test_unemployment_insurance_is_not_the_unemployment_rate():
    from assistant.query import read_question
    from assistant.table_answer import named_indicators

    asked = named_indicators(read_question("How much did the province draw from the unemployment insurance fund?"))
    assert asked == []
    rate = named_indicators(read_question("What was the surveyed urban unemployment rate in 2019?"))
    assert [i.id for i in rate] == ["urban_unemployment_rate"]


def test_a_count_asked_needs_a_count_but_a_number_of_years_is_one():
    from assistant.answer import _misses_count
    from assistant.query import read_question

    assert _misses_count(read_question("How many new energy vehicles were sold?"), ["新能源汽车销量增长30%"])
    assert not _misses_count(read_question("How many new energy vehicles were sold?"), ["新能源汽车销量12万辆"])
    years = read_question("For how many consecutive years has the city been named the happiest city?")
    assert not _misses_count(years, ["连续16年获评“最具幸福感城市”"])
    times = read_question("How many consecutive times has the city been named a national model city?")
    assert not _misses_count(times, ["连续六届荣获全国双拥模范城"])


def test_an_indicator_named_inside_another_is_not_the_one_asked():
    from assistant.answer import _misses_qualifier
    from assistant.query import read_question
    from assistant.table_answer import named_indicators

    asked = named_indicators(read_question("What is the target for reducing energy consumption per unit of GDP?"))
    assert _misses_qualifier(asked, ["地区生产总值增长6.0%以上"])  # GDP growth is not energy intensity
    assert not _misses_qualifier(asked, ["单位地区生产总值能耗下降3%"])
    assert not _misses_qualifier(asked, ["能耗强度下降3%左右"])
    trade = named_indicators(read_question("进出口总额增长目标是多少？"))
    assert not _misses_qualifier(trade, ["进出口总额增长4.0%"])


def test_a_per_capita_a_level_or_a_quarter_is_not_answered_by_another_figure():
    from assistant.answer import _misses_level, _misses_part_of_year, _misses_qualifier, _unit_figure
    from assistant.table_answer import LEVEL_ASKED, named_indicators

    per_head = read_question("What was Shanghai's per-capita GDP in 2024?")
    # 人均 of 人均可支配收入 beside 生产总值 is not 人均地区生产总值
    assert _misses_qualifier(named_indicators(per_head), ["居民人均可支配收入8.8万元", "相当于全市生产总值的比例4.4%"])
    assert not _misses_qualifier(named_indicators(per_head), ["人均地区生产总值19万元"])
    size = read_question("What was the total size of Beijing's economy in 2024, in yuan?")
    assert _misses_level(size, named_indicators(size), ["预计全市地区生产总值增长5.2%左右"])
    assert not _misses_level(size, named_indicators(size), ["全市地区生产总值4.9万亿元、增长5.2%"])
    # a share asked is answered by a percentage, and "above-designated-size" asks no size
    shares = read_question("What shares of total industrial value added did advanced manufacturing and high-tech "
                           "manufacturing account for in Guangdong in 2019?")
    assert not _misses_level(shares, named_indicators(shares), ["先进制造业增加值占规模以上工业比重达48.5%"])
    sized = read_question("How fast did Guangdong's above-designated-size industrial value added grow in 2019?")
    assert not LEVEL_ASKED.search(sized.text) and LEVEL_ASKED.search("What size will the economy reach?")
    quarter = read_question("深圳2024年第一季度地区生产总值增速是多少？")
    assert _misses_part_of_year(quarter, ["地区生产总值达3.68万亿元、增长5.8%"])
    assert not _misses_part_of_year(quarter, ["一季度地区生产总值增长5.5%"])
    assert not _misses_part_of_year(read_question("深圳2024年地区生产总值增速是多少？"), ["增长5.8%"])
    # the noun a Chinese figure question asks about (产量) must be quoted, whole or in its parts
    from assistant.answer import _misses_head

    output = read_question("成都2024年新能源汽车产量是多少辆？")
    assert _misses_head(output, ["新能源汽车保有量超94万辆"])
    assert not _misses_head(output, ["新能源汽车年产量达30万辆"])
    assert not _misses_head(read_question("深圳2024年GDP增速是多少？"), ["地区生产总值增长5.8%"])  # a measure
    assert not _misses_head(read_question("What was Chengdu's car output?"), ["保有量"])  # Chinese questions only
    monthly = read_question("广州2024年11月份社会消费品零售总额是多少？")
    assert _misses_part_of_year(monthly, ["社会消费品零售总额1.11万亿元"])
    kilometres = _unit_figure(read_question("How many kilometres of subway did Shenzhen operate?"))
    assert kilometres.search("地铁运营里程增至595.1公里") and not kilometres.search("9个地铁项目")
    assert _unit_figure(read_question("What was Shenzhen's GDP?")) is None
    runway = _unit_figure(read_question("How long is the runway at Zhanjiang's airport?"))
    assert runway.search("飞行跑道由2800米延长到3200米") and not runway.search("飞行等级由4C升为4E")
    # people are counted with a noun before 人 or with 名 (16.38万贫困人口, 1000多万失业人员, 1.8万名群众)
    from assistant.answer import _has_unit

    for said in ("16.38万贫困人口稳定脱贫", "共向1000多万失业人员发放失业保险待遇", "1.8万名特殊困难群众参保", "新增就业5万人"):
        assert _has_unit("脱贫多少人？", [said]), said
    for said in ("实施扶贫项目32.2万个", "建成3个人工智能产业园", "增长8.5%"):
        assert not _has_unit("脱贫多少人？", [said]), said


def test_a_superlative_over_the_country_names_no_report():
    from assistant.query import read_question

    regions = frozenset({"茂名", "湛江", "全国"})
    assert read_question("Where is China's first sustainable aviation fuel base?", regions).places == []
    assert read_question("全国首个预制食品研究院在哪里成立？", regions).places == []
    assert read_question("What is China's GDP growth target for 2023?", regions).places == ["全国"]
    assert read_question("2023年全国GDP增长目标是多少？", regions).places == ["全国"]
    assert read_question("湛江水产养殖规模全国第一吗？", regions).places == ["湛江"]
    assert read_question("2023年湛江海洋生产总值总量连续多少年居全国首位？", regions).places == ["湛江"]
    # a city's first is of its own report
    assert read_question("Which library became Haibin's first national first-grade library?",
                         regions | {"海滨"}).places == ["海滨"]
    # a rank over the country is no question about the country's report
    regions = regions | {"杭州", "广东"}
    assert read_question("国家经开区全国前10位中杭州占几席？", regions).places == ["杭州"]
    assert read_question("Where does Xiaoshan Economic Development Zone rank nationally?", regions).places == []
    assert read_question("How did Zhanjiang's growth rank in China?", regions).places == ["湛江"]
    assert read_question("How many school places is Guangdong province planning to add?", regions).places == ["广东"]
    assert read_question("What is the national GDP target in 2023?", regions).places == ["全国"]


def test_counted_english_lists_and_the_forms_reports_write_them_in():
    from assistant.query import read_question
    from assistant.terms import english_counted_terms

    for question in ("Which five high-speed rail lines converge on Zhanjiang?", "湛江哪五条高铁交汇？",
                     "What were the six campaigns Maoming ran?"):
        assert read_question(question).wants_list, question
    assert not read_question("Which 2023 target was met?").wants_list
    texts = ["建成5条高铁线路。", "五条高铁：指深湛高铁、广湛客专。"]
    assert english_counted_terms("Which five high-speed rail lines?", texts) == ["5条高铁", "五条高铁"]


@pytest.mark.parametrize(("text", "word", "chinese"), [
    ("How many typhoons hit the city?", "typhoons", "台风"),  # plural folded
    ("What is the unemployment rate?", "unemployment rate", "失业率"),  # the longest phrase wins
    ("How long is the subway?", "subway", "地铁"),  # "underground railway; subway": each ; part a name
    ("Which airports were upgraded?", "airports", "机场"),
    ("Which four articles?", "articles", "文章"),  # a plural defined on its own ("articles": 文辞) and as singular
    ("Which typhoon-hit towns were rebuilt?", "typhoon", "台风"),  # a hyphenated word it lacks: its words
])
def test_english_words_the_glossary_lacks_are_looked_up_in_the_dictionary(text: str, word: str, chinese: str):
    from assistant.lexicon import english_terms

    found = dict(english_terms(text))
    assert chinese in found[word]


def test_words_that_ask_and_verbs_before_an_object_are_not_looked_up():
    from assistant.lexicon import english_terms

    words = [w for w, _ in english_terms("What is the first target for building a modern industrial system in 2025?")]
    assert words and not {"what", "first", "target", "building"} & set(words)
    assert "industrial" in words
    # an -ing noun before its head is looked up (housing prices → 住房)
    assert "housing" in dict(english_terms("How did housing prices change?"))


def test_a_question_skips_its_places_and_glossary_phrases_when_translating():
    query = read_question("What was Maoming's fixed-asset investment growth after the earthquake?", frozenset({"茂名"}))
    words = [w for w, _ in query.translated]
    assert "earthquake" in words  # (a word the glossary does not know; "typhoon" it now does)
    assert not {"maoming", "fixed-asset", "investment", "growth"} & set(words)
    assert read_question("茂名地震造成多少损失？", frozenset({"茂名"})).translated == []


def test_the_dictionary_is_read_once_then_from_the_users_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from assistant import lexicon

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon.entries.cache_clear()
    try:
        read = lexicon.entries()
        cached = list(tmp_path.glob("report-qa/cedict-*.pickle"))
        assert len(cached) == 1 and read["typhoon"] == ("台风",)
        lexicon.entries.cache_clear()
        monkeypatch.setattr(lexicon, "_read", lambda: pytest.fail("the cache was not used"))
        assert lexicon.entries() == read
    finally:
        lexicon.entries.cache_clear()


def test_every_dictionary_table_is_loaded_at_once():
    """What the page loads beside serving: the three tables English questions read."""
    from assistant import lexicon

    tables = (lexicon.entries, lexicon.senses, lexicon.glosses)
    for table in tables:
        table.cache_clear()
    lexicon.load_tables()
    assert all(table.cache_info().currsize == 1 for table in tables)
    assert "doubl" in lexicon.glosses()["双"]  # (stems)


def test_a_figure_of_another_indicator_does_not_answer_the_one_asked():
    from assistant.answer import _misses_indicator
    from assistant.table_answer import named_indicators

    query = read_question("湛江2022年一般公共预算收入是多少？", frozenset({"湛江"}))
    asked = named_indicators(query)
    assert [i.id for i in asked] == ["budget_revenue"]
    assert _misses_indicator(query, asked, ["民生支出占一般公共预算支出比重提高至69.7%"], query.wants_number)
    assert not _misses_indicator(query, asked, ["一般公共预算收入135.6亿元、增长3.2%"], query.wants_number)
    # not asked for a figure: any clause may speak of it
    what = read_question("湛江如何增加一般公共预算收入？", frozenset({"湛江"}))
    assert not _misses_indicator(what, named_indicators(what), ["民生支出占一般公共预算支出比重提高至69.7%"],
                                 what.wants_number)
    # an English name of an amount maps to the forms loosely: the check is for Chinese questions, rates, and
    # names said in full ("general public budget revenue", not "fiscal revenue")
    english = read_question("What was Zhanjiang's fiscal revenue in 2022?", frozenset({"湛江"}))
    assert not _misses_indicator(english, named_indicators(english), ["民生支出占一般公共预算支出比重提高至69.7%"], True)
    english = read_question("What was Zhanjiang's general public budget revenue in 2022?", frozenset({"湛江"}))
    assert _misses_indicator(english, named_indicators(english), ["民生支出占一般公共预算支出比重提高至69.7%"], True)
    assert not _misses_indicator(english, named_indicators(english), ["一般公共预算收入135.6亿元、增长3.2%"], True)


def test_a_dictionary_phrase_never_ends_in_a_grammar_word_or_runs_across_a_glossary_term():
    from assistant.lexicon import english_terms

    assert "major in" not in dict(english_terms("Which major in 2024?"))
    assert "major in" not in dict(english_terms("its major , in 2024"))
    query = read_question("Did Hangzhou finish its major provincial projects in 2024?", frozenset({"杭州"}))
    assert all(not w.endswith(" in") for w, _ in query.translated)


@pytest.mark.parametrize("question", ["Did Hangzhou complete the planned investment for its major projects in 2024?",
                                      "Did Maoming fulfil its 2023 plan for new jobs?"])
def test_completing_a_plan_asks_whether_a_target_was_met(question: str):
    assert read_question(question, frozenset({"杭州", "茂名"})).kind == "met"


def test_a_term_quoted_only_inside_a_rates_name_gives_no_figure_of_it():
    from assistant.answer import _only_in_rates

    query = read_question("How large was Maoming's resident population in 2022?", frozenset({"茂名"}))
    assert _only_in_rates(query, [], ["常住人口城镇化率达80.8%"])
    assert not _only_in_rates(query, [], ["常住人口2140.3万人，常住人口城镇化率达80.8%"])
    # a rate asked for is answered by it
    rate = read_question("What was Maoming's urbanisation rate of the resident population in 2022?", frozenset({"茂名"}))
    assert not _only_in_rates(rate, [], ["常住人口城镇化率达80.8%"])
    # how far something moved is answered by a rate
    fall = read_question("By how much did Maoming's resident population fall in 2022?", frozenset({"茂名"}))
    assert not _only_in_rates(fall, [], ["常住人口城镇化率达80.8%"])


def test_an_indicator_named_only_inside_a_narrower_ones_name_is_not_quoted():
    """GDP asked: a quote naming 地区生产总值 only inside 人均地区生产总值 gives the per-capita figure."""
    from assistant.answer import _misses_qualifier
    from assistant.targets import vocabulary

    gdp = [ind for ind in vocabulary() if ind.id == "gdp"]
    assert _misses_qualifier(gdp, ["人均地区生产总值9.4万元、年均增长4.2%"])
    assert not _misses_qualifier(gdp, ["地区生产总值超过11万亿元，人均地区生产总值9.4万元"])


@pytest.mark.parametrize("question", ["What year did Foshan's GDP first exceed 1 trillion yuan?", "佛山哪一年地区生产总值突破万亿元？"])
def test_the_year_something_happened_is_asked_as_when(question: str):
    assert read_question(question, REGIONS).asks_when


@pytest.mark.parametrize(("question", "part"), [("北京2024年12月CPI是多少？", True), ("2024年1-11月进出口增长多少？", True),
                                                ("2025年3月5日召开的会议说了什么？", False), ("今年6月底前完成什么？", False)])
def test_a_month_asked_is_part_of_a_year_and_a_date_is_not(question: str, part: bool):
    from assistant.query import asks_part_of_year

    assert asks_part_of_year(question) == part


def test_a_name_in_pinyin_is_found_among_the_index_words_with_or_without_its_kind():
    bm25 = BM25.build([["海淀区", "前海", "浅海", "发展", "洪湖", "红线"]])
    assert sorted(bm25.spelled("qianhai")) == ["前海", "浅海"]
    assert bm25.spelled("haidian") == ["海淀区"]  # (its kind written after it: 区)
    assert bm25.spelled("fazhanqu") == [] and bm25.spelled("tianfu") == []
    assert bm25.spelled("hong") == []  # (one syllable: not a place with its kind, 红线 or 洪湖)


def test_a_place_abroad_is_answered_only_by_a_clause_naming_it(tmp_path: Path):
    answerer = indexed_report(REPORT_2021 + "\n体育事业蓬勃发展。海滨健儿在全运会获金牌12枚。"
                              "海滨健儿在巴黎奥运会获4金2银2铜，创历届最佳成绩。\n", tmp_path)
    answer = answerer.ask("海滨健儿在巴黎奥运会获得几枚金牌？")
    assert answer.found and "4金2银2铜" in answer.text and "12枚" not in answer.text
    for question in ("海滨健儿在东京奥运会获得几枚金牌？", "美国2020年地区生产总值是多少？"):
        assert not answerer.ask(question).found, question


def test_a_year_whose_outcome_no_report_gives_is_not_answered_with_its_target(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    # 2021's jobs are only a target in the 2021 report; what 2021 came to would be in 2022's
    for question in ("海滨2021年城镇新增就业多少人？", "Haibin GDP growth in 2021?"):
        answer = answerer.ask(question)
        assert not answer.found and not answer.citations, answer.text
        assert "目标" in answer.text or "target" in answer.text  # the answer says what the reports hold
        assert answer.related and answer.related[0].kind == "plan"
    assert "6%左右" in answerer.ask("Haibin GDP growth in 2021?").text
    assert answerer.ask("海滨2021年城镇新增就业目标是多少？").found  # the target asked for is answered
    outcome = answerer.ask("Haibin GDP growth in 2020?")  # a terse figure request
    assert outcome.found and "2.5%" in outcome.text


def test_a_target_the_plan_says_it_does_not_set_is_answered_by_saying_so(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.md").write_text(REPORT_2021.replace(
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业5万人。",
        "今年经济社会发展主要预期目标是：城镇新增就业5万人，居民消费价格涨幅3.5%左右。"
        "需要说明的是，我们没有提出全年经济增速具体目标，主要因为形势不确定性很大。"), encoding="utf-8")
    # the next year's report, whose review says what 2021 came to
    (data / "b.md").write_text(REPORT_2021.replace("2021", "2022").replace("2020", "2021"), encoding="utf-8")
    answerer = indexed(data, tmp_path / "index")
    growth = answerer.ask("海滨2021年地区生产总值增长目标是多少？")
    assert growth.found and "没有提出全年经济增速具体目标" in growth.text, growth.text
    prices = answerer.ask("海滨2021年居民消费价格涨幅目标是多少？")  # a target it sets: its figure
    assert prices.found and "3.5%左右" in prices.text and "没有提出" not in prices.text, prices.text


def test_a_term_with_plus_signs_is_defined_from_its_opening_quote_mark(tmp_path: Path):
    answerer = indexed_report(REPORT_2021 + "\n名词解释\n\n[9]“1+6+N”社会治安综合治理工作体系：“1”是综治中心，"
                              "“6”是综合网格及基层政法力量，“N”是其他综治力量。\n", tmp_path)
    answer = answerer.ask("海滨的“1+6+N”社会治安综合治理工作体系指什么？")
    assert answer.found and "“1+6+N”社会治安综合治理工作体系：“1”是综治中心" in answer.text, answer.text


def test_a_parts_figure_does_not_answer_for_the_whole():
    from assistant.answer import _part_only
    from assistant.table_answer import TableAnswerer, named_indicators
    from assistant.targets import vocabulary

    regions = frozenset({"广东", "深圳"})
    trade = read_question("广东2023年进出口总额多少？", regions)
    asked = named_indicators(trade)
    assert _part_only(trade, asked, ["跨境电商进出口总额突破8000亿元、占全国超1/3"])
    assert _part_only(trade, asked, ["农产品进出口总额均居全国首位"])
    for whole in ("进出口总额突破9万亿元", "全省外贸进出口总额8.3万亿元", "2023年我省进出口总额增长0.3%"):
        assert not _part_only(trade, asked, [whole]), whole
    part = read_question("广东2023年跨境电商进出口总额多少？", regions)  # the part asked: its figure answers
    assert not _part_only(part, named_indicators(part), ["跨境电商进出口总额突破8000亿元"])
    # GDP asked, and the quote names it only as what a share is of: another thing's figure
    from assistant.answer import _only_in_a_share

    growth = read_question("海滨2024年地区生产总值增长目标是多少？", regions)
    assert _only_in_a_share(growth, named_indicators(growth), ["数字经济核心产业增加值增长6%、力争占地区生产总值比重达到20%"])
    assert not _only_in_a_share(growth, named_indicators(growth), ["地区生产总值增长5%左右"])
    share = read_question("数字经济占地区生产总值比重目标是多少？", regions)
    assert not _only_in_a_share(share, named_indicators(share), ["力争占地区生产总值比重达到20%"])
    # 总额 in 社会消费品零售总额 names the indicator: "增长多少" asks its growth, not its level
    retail = next(ind for ind in vocabulary() if ind.id == "retail_sales")
    ids = TableAnswerer._ids(read_question("深圳2024年社会消费品零售总额增长多少？", regions), retail, "outcome")
    assert ids == ["retail_sales_growth"]


def test_exports_are_not_answered_by_imports_and_exports_together():
    from assistant.answer import _misses_direction
    from assistant.query import read_question

    trade = ["外贸进出口总额达4.5万亿元、增长16.4%"]
    assert _misses_direction(read_question("深圳2024年出口总额是多少？"), trade)
    assert _misses_direction(read_question("How much did Shenzhen export in 2024?"), trade)
    assert not _misses_direction(read_question("深圳2024年进出口总额是多少？"), trade)
    assert not _misses_direction(read_question("What were Shenzhen's imports and exports in 2024?"), trade)
    assert not _misses_direction(read_question("How much did Shenzhen export in 2024?"), ["出口总额2.8万亿元"])
    assert read_question("What were Shenzhen's exports in 2024?").expansion[0] == "出口"


def test_a_report_form_is_found_with_its_subject_shared_by_listed_items():
    from assistant.answer import _says_form

    assert _says_form("粮食总产量", "粮食播种面积139万亩、总产量10.8亿斤")
    assert _says_form("粮食总产量", "粮食总产量10.8亿斤")
    assert not _says_form("粮食总产量", "粮食播种面积139万亩，蔬菜总产量10亿斤")
    assert _says_form("研发投入占地区生产总值比重", "全社会研发投入2236.6亿元 占地区生产总值比重提升至6.46%")
    assert not _says_form("研发投入占地区生产总值比重", "数字经济核心产业增加值占地区生产总值比重28.8%")


def test_a_zone_of_the_city_is_not_answered_with_the_citys_figure(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    assert answerer.ask("海滨2020年地区生产总值是多少？").found
    assert not answerer.ask("海滨滨海新区2020年地区生产总值是多少？").found  # 1234.5亿元 is the city's


TASKS_REPORT = (
    "——2021年2月6日在海滨市第十二届人民代表大会第八次会议上\n\n海滨市市长 张三\n\n各位代表：\n\n"
    "一、2020年工作回顾\n\n（一）经济稳中向好。全市实现地区生产总值1234.5亿元、增长2.5%。\n\n"
    "（二）民生持续改善。城镇新增就业5万人。\n\n"
    "二、2021年工作安排\n\n今年要重点做好以下工作。\n\n"
    "**（一）聚力扩大内需，保持经济稳定增长。**大力提振消费，推动投资增长。\n\n"
    "（二）加快科技创新，建设现代化产业体系。培育新兴产业集群，建设海洋牧场。\n\n"
    "**（三）增进民生福祉**\n\n新建学校5所，改造老旧小区30个。\n\n"
    "三、全面加强政府自身建设\n\n（一）坚持依法行政。\n"
)


def test_a_years_work_asked_as_a_whole_lists_its_chapters_headings(tmp_path: Path):
    from assistant.chunk import heading_spans

    data = tmp_path / "data"
    data.mkdir()
    (data / "a.md").write_text(TASKS_REPORT, encoding="utf-8")
    doc = load_file(data / "a.md", data)
    titles = [doc.text[s:e] for _, s, e in heading_spans(doc)]
    assert titles[:3] == ["一、2020年工作回顾", "（一）经济稳中向好", "（二）民生持续改善"]
    assert "（一）聚力扩大内需，保持经济稳定增长" in titles and "（三）增进民生福祉" in titles  # bold, run in or alone
    answerer = indexed(data, tmp_path / "index")
    items = ["（一）聚力扩大内需，保持经济稳定增长", "（二）加快科技创新，建设现代化产业体系", "（三）增进民生福祉"]
    for question in ("海滨2021年有哪些重点工作？", "What are Haibin's priorities for 2021?", "今年的工作安排是什么？"):
        answer = answerer.ask(question)
        assert answer.found and [c.quote for c in answer.citations] == items, (question, answer.text)
        assert all(doc.text[c.quote_start:c.quote_end] == c.quote for c in answer.citations)
        assert "2021年工作安排" in answer.text and "经济稳中向好" not in answer.text and "依法行政" not in answer.text
    # a topic of its own is for the passages; a year no report plans is not this one's
    assert [c.quote for c in answerer.ask("海滨2021年科技创新有哪些重点工作？").citations] != items
    assert not answerer.ask("海滨2019年有哪些重点工作？").found


def test_what_a_report_says_about_a_topic_asks_for_no_figure(data: Path, tmp_path: Path):
    answerer = indexed(data, tmp_path / "index")
    _, said = answerer.explain("What did the 2021 report say about GDP?")
    _, asked = answerer.explain("What GDP growth did the 2021 report set?")
    assert said is not None and not said.wants_number
    _, whether = answerer.explain("Did the 2021 report set a numerical GDP growth target?")
    assert whether is not None and not whether.wants_number  # whether one was set, not its figure
    assert asked is not None and asked.wants_number


def test_a_keyword_query_of_an_indicator_asks_its_figure(data: Path, tmp_path: Path):
    from assistant.query import read_question
    from assistant.table_answer import _bare
    from assistant.targets import vocabulary

    gdp = next(i for i in vocabulary() if i.id == "gdp")
    regions = frozenset({"海滨"})
    for question in ("haibin gdp 2020", "HAIBIN GDP GROWTH 2020?", "海滨 2020 地区生产总值", "海滨2020年GDP"):
        assert _bare(read_question(question, regions), gdp), question
    for question in ("gdp", "why did haibin gdp fall in 2020", "海滨2020年GDP为什么下降"):
        assert not _bare(read_question(question, regions), gdp), question
    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    answer = Answerer(Retriever(tmp_path / "index", embedder=embedder)).ask("海滨 2020 地区生产总值")
    assert answer.found and "1234.5亿元" in answer.text


def test_a_counted_list_of_a_named_year_is_that_years():
    from assistant.answer import _of_years
    from assistant.retrieve import Hit

    def hit(source: str, kind: str, year: int) -> Hit:
        return Hit(text="办好十件民生实事。一是…", score=1.0, source=source, section="", start=0, end=10, chunk_id=source,
                   rank=1, year=year, kind=kind, period=[year, year] if kind != "glossary" else None)

    plan_2025, plan_2024 = hit("2025.md", "plan", 2025), hit("2024.md", "plan", 2024)
    found = [("十件民生实事", plan_2025, (0, 10), "…"), ("十件民生实事", plan_2024, (0, 10), "…")]
    assert [f[1] for f in _of_years(found, [2024])] == [plan_2024]
    assert _of_years(found, [2019]) == found  # none about it: all stay
    glossary = ("十件民生实事", hit("g.md", "glossary", 2025), (0, 10), "…")
    assert glossary in _of_years([*found, glossary], [2024])


def test_a_list_set_out_as_a_heading_over_its_items_quotes_the_items(tmp_path: Path):
    from assistant.terms import key_terms

    assert key_terms("海滨2021年的三件民生实事都包括哪些？")[0] == "三件民生实事"  # 都 is no part of the term
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.md").write_text(REPORT_2021 + "\n附件\n\n**2021年市三件民生实事**\n\n"
                               "**一、新建公办幼儿园。**新增学位3000个。\n\n**二、改造老旧小区。**改造小区30个。\n\n"
                               "**三、建设口袋公园。**建成公园20个。\n", encoding="utf-8")
    answerer = indexed(data, tmp_path / "index")
    doc = load_file(data / "a.md", data)
    answer = answerer.ask("海滨2021年的三件民生实事都包括哪些？")
    assert [c.quote for c in answer.citations] == ["一、新建公办幼儿园", "二、改造老旧小区", "三、建设口袋公园"]
    assert all(doc.text[c.quote_start:c.quote_end] == c.quote for c in answer.citations)
    assert answerer.ask("海滨2021年的四件民生实事都包括哪些？").citations[:1] != answer.citations[:1]  # the count must agree


def test_pairs_of_one_character_names_are_read_as_their_places():
    from assistant.query import read_question

    regions = frozenset({"北京", "上海", "深圳", "广州"})
    assert sorted(read_question("京沪两地2024年城镇调查失业率各是多少？", regions).places) == ["上海", "北京"]
    assert sorted(read_question("深穗两城2024年GDP增长多少？", regions).places) == ["广州", "深圳"]
    assert read_question("沪深两市成交额是多少？", regions).places == []  # the stock exchanges
    assert read_question("京剧的发展情况", regions).places == []


def test_english_amounts_are_searched_as_reports_write_them():
    from assistant.glossary import expand_groups

    def forms(question: str) -> set[str]:
        return {t for group in expand_groups(question) for t in group}

    assert {"38000亿", "3.8万亿"} <= forms("Were 3.8 trillion yuan of special bonds planned?")
    assert {"1万亿", "万亿"} <= forms("Which city passed 1 trillion yuan?")
    assert "126万亿" in forms("GDP of 126 trillion yuan") and not any("e+" in f for f in forms("126 trillion"))
    assert forms("120 billion yuan") >= {"1200亿"}


def test_incubators_maker_spaces_and_dead_ends_are_the_reports_words():
    """An incubator is 孵化器 (not a pilot base, 中试基地); a maker space is 众创空间; a dead-end road is
    a 断头路."""
    from assistant.glossary import expand_groups

    def forms(question: str) -> set[str]:
        return {t for group in expand_groups(question) for t in group}

    assert "孵化器" in forms("How many new tech incubators are planned?")
    assert "中试基地" not in forms("How many new tech incubators are planned?")
    assert "众创空间" in forms("How many maker spaces are planned?")
    assert "断头路" in forms("Which dead-end road was finally opened?")


def test_how_many_in_no_unit_asks_a_count():
    """"How many key projects…?" is answered by a count (41个项目, 12 new parks), not by an amount of
    money or a rate; "how many billion yuan" asks money."""
    from assistant.answer import _unit_figure

    count = _unit_figure("How many key projects started construction in 2019?")
    assert count.search("徐闻海上风电场项目等41个项目开工建设") and count.search("新开工2.6万套")
    assert count.search("opened 12 new parks")
    assert not count.search("重点项目完成投资460亿元") and not count.search("投资增长15.0%")
    assert not count.search("到2021年底建成") and not count.search("126 trillion yuan")
    assert _unit_figure("How many billion yuan were invested?") is None


def test_other_names_of_a_government_name_it():
    from assistant.query import read_question

    regions = frozenset({"北京", "广东", "广州", "全国"})

    def places(question: str) -> list[str]:
        return read_question(question, regions).places

    assert places("首都2025年经济增长预期目标？") == ["北京"]
    assert places("What is the GDP growth target of China's capital for 2025?") == ["北京"]  # not China too
    assert places("省里2024年GDP增速目标定的多少？") == ["广东"]  # the one province indexed
    assert places("What is China's GDP target for 2025?") == ["全国"]
    assert places("Canton's GDP growth target for 2025?") == ["广州"]  # an older English name
    assert places("中央2023年定的经济增长目标是多少？") == ["全国"]  # the central government, naming no other place
    assert places("广东落实中央经济工作会议精神有哪些举措？") == ["广东"]
    # a provincial capital is its city, not the province (capitals.tsv), and its words are no topic
    regions = regions | {"成都"}
    assert places("广东省会2024年GDP是多少？") == ["广州"]
    assert places("What is the GDP of the capital of Guangdong province?") == ["广州"]
    assert places("四川省会2025年城镇化率目标是多少？") == ["成都"]
    sichuan = read_question("What urbanization rate is Sichuan's provincial capital aiming for in 2025?", regions)
    assert sichuan.places == ["成都"] and sichuan.unknown_places == [] and "Chengdu" in sichuan.text
    assert "capital" not in sichuan.tokens
    assert sichuan.words == "What urbanization rate is Sichuan's provincial capital aiming for in 2025?"  # as asked
    assert read_question("成都2025年城镇化率目标是多少？", regions).words == "成都2025年城镇化率目标是多少？"
    assert read_question("广西首府的GDP是多少？", regions).unknown_places == ["南宁"]  # a city no report is about


def test_a_percentage_or_a_unit_asked_is_not_answered_by_another_figure(tmp_path: Path):
    review = "全市实现地区生产总值1234.5亿元、增长2.5%。"
    assert review in REPORT_2021
    answerer = indexed_report(REPORT_2021.replace(review, "全市实现地区生产总值1234.5亿元、迈上新台阶。进出口总额突破900亿元、"
                                                  "增长9.8%。空气质量优良天数比率达90.4%，PM2.5平均浓度保持全省最优。"), tmp_path)
    # a level is no growth, nor is the next clause's rate of another amount
    assert not answerer.ask("海滨2020年地区生产总值比上年增长了百分之几？").found
    assert "1234.5亿元" in answerer.ask("海滨2020年地区生产总值是多少？").text
    # asked only by its unit: a figure in it (90.4% is none); the plain question takes what is said
    assert not answerer.ask("Haibin annual average PM2.5 in 2020, in μg/m³?").found



def test_the_clause_naming_what_a_which_question_asks_for_is_quoted(tmp_path: Path):
    from assistant.answer import _which_head

    assert _which_head(read_question("广州市2024年推进的国家城乡融合发展试验区是哪个片区？")) == "片区"
    assert _which_head(read_question("What is the pilot zone called?")) is None
    answerer = indexed_report(REPORT_2021.replace("建设滨海新区。", (
        "深化国家城乡融合发展试验区改革试点，扎实推进县镇村高质量发展引领区规划建设。"
        "深入开展全域土地综合整治、城乡融合发展试验区北岸片区、农村综合性改革等国家和省重大改革试点。")), tmp_path)
    answer = answerer.ask("海滨2021年推进的国家城乡融合发展试验区是哪个片区？")
    assert answer.found and "北岸片区" in answer.citations[0].quote, answer.text


def test_a_second_figure_asked_in_its_unit_is_quoted_from_the_clause_after(tmp_path: Path):
    answerer = indexed_report(REPORT_2021.replace("港口货物吞吐量突破2亿吨。", "港口货物吞吐量突破2亿吨。"
                                                  "落实对口协作财政帮扶资金1.58亿元，实施帮扶项目33个；签署深化合作协议。"), tmp_path)
    answer = answerer.ask("海滨2020年落实对口协作财政帮扶资金多少？实施了多少个帮扶项目？")
    assert answer.found and "1.58亿元" in answer.text and "33个" in answer.text, answer.text


def test_the_growth_asked_is_quoted_from_the_clause_after_the_level(tmp_path: Path):
    review = "全市实现地区生产总值1234.5亿元、增长2.5%。"
    answerer = indexed_report(REPORT_2021.replace(review, "全市地区生产总值从2015年987.6亿元增加到1234.5亿元，年均增长4.6%。"),
                              tmp_path)
    answer = answerer.ask("海滨2020年地区生产总值年均增长多少？")
    assert answer.found and "4.6%" in answer.text, answer.text


def test_a_five_year_plans_bounds_are_its_span_not_two_years_asked():
    q = read_question("What did Maoming win during the 13th Five-Year Plan period (2016–2020)?", REGIONS)
    assert (q.years, q.span) == ([], (2016, 2020))
    assert read_question("茂名2016年和2020年地区生产总值分别是多少？", REGIONS).years == [2016, 2020]


def test_each_place_of_an_english_answer_is_named_in_english():
    from assistant.query import parts

    labels = [label for label, _ in parts(read_question("Compare Guangdong's and China's GDP growth targets for 2023", REGIONS))]
    assert sorted(labels) == ["China", "Guangdong"]


def test_a_glossary_entry_said_only_inside_a_longer_ones_words_is_its_part():
    from assistant.glossary import matched

    terms = [chinese for _, chinese in matched("How many livelihood projects did Guangdong complete in 2021?")]
    assert any("民生实事" in t for t in terms)
    assert not any(t == ("项目",) or t == ("民生",) for t in terms)  # "projects", "livelihood" alone
    # said on its own elsewhere in the question, it stays
    terms = [chinese for _, chinese in matched("Which livelihood projects and which other projects were finished?")]
    assert ("项目",) in terms


def test_counts_written_with_their_noun_answer_a_count_asked_in_it(tmp_path: Path):
    from assistant.answer import _has_unit
    from assistant.retrieve import Hit
    from assistant.terms import count_of, term_span

    assert _has_unit("深圳对口帮扶协作覆盖多少个县？", ["扎实推进9省106县（市、区）对口帮扶协作"])
    assert not _has_unit("深圳对口帮扶协作覆盖多少个县？", ["扎实推进对口帮扶协作"])
    # a counted term by its levels (四级联创), its items before it, with its closing quote mark
    assert count_of("四级联创") == 4
    text = "大力创建全国文明城市，全面推进城市、县城、镇街、村居文明创建“四级联创”。"
    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(hit, "四级联创")
    assert text[start:end] == "全面推进城市、县城、镇街、村居文明创建“四级联创”"


def test_a_figure_asked_is_quoted_from_the_clause_after_the_one_naming_its_subject(tmp_path: Path):
    answerer = indexed_report(REPORT_2021.replace("港口货物吞吐量突破2亿吨。", "港口货物吞吐量突破2亿吨。"
                                                  "全面实施市场准入负面清单制度，清单管理措施比制度建立之初压减64%，"
                                                  "将行政许可事项全部纳入清单管理。"), tmp_path)
    answer = answerer.ask("海滨2020年市场准入负面清单措施比最初缩减了多少？")
    assert answer.found and "64%" in answer.text, answer.text


def test_which_ones_asks_a_list_not_a_number():
    q = read_question("湛江2020年推动哪几个片区联动开发？", REGIONS)
    assert q.wants_list and not q.wants_number
    assert read_question("湛江2020年推动了几个片区联动开发？", REGIONS).wants_number


def test_a_report_named_by_its_year_alone_and_two_reports_named_together():
    q = read_question("湛江2023年的报告里，巴斯夫项目的投资规模是多少？", REGIONS)
    assert (q.report_year, q.years) == (2023, [])
    q = read_question("2019年和2025年的国务院政府工作报告分别把赤字率定在多少？", REGIONS)
    assert (q.report_year, q.years) == (None, [2019, 2025])
    assert [label for label, _ in parts(q)] == ["2019年", "2025年"]
    # in English "the 2019 and 2025 government work reports" names two reports: each is asked
    q = read_question("What deficit ratios did the 2019 and 2025 government work reports set?", REGIONS)
    assert (q.report_year, q.report_years, q.years) == (None, [2019, 2025], [])
    assert [label for label, _ in parts(q)] == ["2019 report", "2025 report"]


def test_an_english_question_quoting_a_chinese_term_is_english():
    from assistant.text import language

    assert language('In Maoming\'s 2014 report, what kind of village is a "两不具备" village?') == "en"
    assert language("What is “新质生产力”?") == "en"
    assert language("GDP目标是多少？") == "zh"
    assert language("Guangzhou “三城一岛”是什么？") == "zh"
    assert language("What is 新质生产力?") == "zh"
    q = read_question('In Maoming\'s 2014 report, what kind of village is a "两不具备" village?', REGIONS)
    assert q.is_english and q.kind == "definition"


def test_a_term_of_two_counted_nouns_is_found_as_the_reports_write_it():
    from assistant.terms import english_counted_terms

    texts = ["高标准建设“三城一岛”产业增长极", "12.三城一岛：即中新广州知识城、广州科学城、广州海丝城，广州国际生物岛。"]
    assert english_counted_terms('What are the "three cities and one island"?', texts) == ["三城一岛"]
    from assistant.terms import _counted_pairs

    assert _counted_pairs("the three cities and one island", texts) == ["三城一岛"]
    assert _counted_pairs("the three cities and two islands", texts) == []
    assert _counted_pairs("the three ports and one island", texts) == []


def test_an_ordinal_is_no_figure():
    from assistant.answer import _FIGURE

    assert _FIGURE.search("在第45届世界技能大赛上") is None
    assert _FIGURE.search("荣获8块金牌") and _FIGURE.search("举办第十五届全运会等45场赛事")
    assert _FIGURE.search("人均预期寿命再提高1岁")


def test_energy_consumption_per_unit_of_gdp_is_one_indicator():
    from assistant.table_answer import named_indicators

    q = read_question("How much did China's energy consumption per unit of GDP fall in 2024?", REGIONS)
    assert [i.id for i in named_indicators(q)] == ["energy_intensity"]


def test_a_section_reviewing_one_plan_and_outlining_the_next_tells_its_halves_by_their_words():
    """Under "“十三五”时期发展成就和“十四五”时期主要目标任务", an item saying what is to be done
    (——着力提升…) belongs to the new plan; achievements to the old one."""
    heads = ["二、“十三五”时期发展成就和“十四五”时期主要目标任务"]
    assert section_kind(heads, "——着力提升发展质量效益，保持经济持续健康发展。发展是解决我国一切问题的基础", 2021) == (
        "plan", (2021, 2025))
    assert section_kind(heads, "——统筹发展和安全，建设更高水平的平安中国。", 2021) == ("plan", (2021, 2025))
    assert section_kind(heads, "脱贫攻坚成果举世瞩目，5575万农村贫困人口实现脱贫。", 2021) == ("outcome", (2016, 2020))
    assert section_kind(heads, "国防和军队建设水平大幅提升。", 2021) == ("outcome", (2016, 2020))


def test_the_state_council_approving_something_for_a_city_names_no_national_report():
    regions = frozenset({"深圳", "全国"})
    assert read_question("Which Shenzhen master plan did the State Council approve in 2024?", regions).places == ["深圳"]
    assert read_question("2024年国务院批复了深圳哪个总体规划？", regions).places == ["深圳"]
    assert read_question("What did the State Council approve in 2023?", regions).places == ["全国"]
    assert read_question("Compare Shenzhen and China GDP growth in 2023", regions).places == ["深圳", "全国"]
    # (a master plan or an action plan named is a thing, not a plan asked for)
    assert read_question("Which Shenzhen master plan did the State Council approve in 2024?", regions).kind == "outcome"
    assert read_question("What action plan did Shenzhen launch in 2024?", regions).kind == "outcome"
    assert read_question("What does Shenzhen plan to do in 2025?", regions).kind == "plan"
    assert read_question("What action plan did Shenzhen say it would carry out in 2024?", regions).kind == "plan"


def test_a_counted_term_written_without_a_measure_word_is_found():
    from assistant.terms import english_counted_terms

    texts = ["“六周边”（即市场、社区、交通站场、校园、医院、商业综合体周边）环境整治攻坚工程",
             "“两平台”指跨境电商线上综合服务平台和线下产业园区平台。“六体系”包括信息共享、金融服务、智能物流"]
    assert english_counted_terms("What are the 'six systems' of Maoming's framework?", texts) == ["六体系"]


def test_a_quoted_term_followed_by_its_kind_or_after_a_possessive_asks_a_definition():
    assert read_question("湛江2018年政府工作报告中的“三品”战略是什么？").kind == "definition"
    assert read_question("“百千万工程”行动是什么？").kind == "definition"
    assert read_question("“十四五”规划目标是什么？").kind != "definition"  # its target, not its meaning
    assert read_question("What is Foshan's '9+5+X' investment attraction mechanism?").kind == "definition"


def test_comparing_an_outcome_with_the_target_set_asks_whether_it_was_met():
    assert read_question("How did Guangzhou's 2024 job creation compare with the target it set that year?").kind == "met"
    assert read_question("2024年广州城镇新增就业与目标相比如何？").kind == "met"
    # two targets compared are targets
    assert read_question("How did Shenzhen's 2024 growth target compare with the target for 2023?").kind == "plan"


def test_that_year_of_a_named_report_is_the_reports_year():
    q = read_question("2023年政府工作报告给当年新能源汽车销量定了多少目标？")
    assert q.report_year == 2023 and q.years == [2023]


def test_a_count_of_things_asks_a_figure():
    assert read_question("What was Guangzhou's total count of 5G base stations in 2023?").wants_number


def test_an_english_question_asking_a_rate_needs_a_clause_naming_the_rate():
    from assistant.answer import _misses_indicator
    from assistant.table_answer import named_indicators

    q = read_question("What was Zhanjiang's registered urban unemployment rate at the end of 2019?")
    asked = named_indicators(q)
    assert [ind.id for ind in asked] == ["urban_registered_unemployment_rate"]
    assert _misses_indicator(q, asked, ["城镇新增就业7.38万人、失业再就业3.7万人"], True)
    assert not _misses_indicator(q, asked, ["城镇登记失业率2.3%"], True)
    # an amount is named loosely in English: the economy's growth is 经济增长
    grew = read_question("How fast did Zhanjiang's economy grow in 2019?")
    assert not _misses_indicator(grew, named_indicators(grew), ["经济增长4.2%"], True)


def test_an_english_question_naming_r_and_d_spending_is_not_asking_its_intensity():
    from assistant.answer import _misses_indicator
    from assistant.table_answer import named_indicators

    q = read_question("How much did Shenzhen spend on R&D in total in 2024?")
    assert not _misses_indicator(q, named_indicators(q), ["全社会研发投入2236.6亿元"], True)
    rate = read_question("What was Shenzhen's R&D intensity in 2024?")
    assert _misses_indicator(rate, named_indicators(rate), ["全社会研发投入2236.6亿元"], True)


def test_that_year_after_a_named_report_and_another_year_is_the_other_year():
    q = read_question("Zhanjiang's 2023 work report looks back on 2022 — how did GDP grow that year?")
    assert q.report_year == 2023 and q.years == [2022]


def test_a_glossary_entry_is_quoted_whole_not_to_its_first_semicolon():
    from assistant.retrieve import Hit
    from assistant.terms import term_span

    text = ("14．“1193”工作体系：指建强1个领导体系，建立四级田长和网格员体系，成立市县两级耕地保护工作领导小组；"
            "健全1个责任体系；建立动态监测、审核调度、分级查处等9项工作制度；开展3大专项行动。\n"
            "15．三馆一站：图书馆、博物馆、美术馆和文化站。\n16．雪亮工程：以综治中心为指挥平台。")
    entry = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1,
                kind="glossary")
    start, end = term_span(entry, "1193”工作体系")
    assert text[start:end].endswith("开展3大专项行动")
    start, end = term_span(entry, "三馆一站")
    assert text[start:end] == "三馆一站：图书馆、博物馆、美术馆和文化站"  # not on into the next entry
    # in running text a term's sentence still ends at its stop
    body = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    start, end = term_span(body, "1193”工作体系")
    assert text[start:end].endswith("耕地保护工作领导小组")



def test_an_english_which_question_naming_things_is_not_answered_from_the_targets_table():
    from assistant.table_answer import names_things

    assert names_things(read_question("Which major trade fairs did Guangdong pledge to host in 2024 to boost foreign trade?"))
    assert not names_things(read_question("Which growth target did Guangdong set for foreign trade in 2024?"))
    assert not names_things(read_question("What was Guangdong's foreign trade target for 2024?"))


def test_plan_words_are_whole_words():
    # "acclaim" is no aim, "unexpected" no expectation, 虚拟 (virtual) no 拟 (to plan)
    assert read_question("Which Shenzhen dance drama won acclaim overseas in 2024?").kind is None
    assert read_question("What caused the unexpected fall of exports in 2023?").kind != "plan"
    assert read_question("深圳2024年虚拟电厂接入能力有多大？").kind != "plan"
    assert read_question("What did Guangdong aim for in 2024?").kind == "plan"
    assert read_question("广东2024年拟安排多少专项债？").kind == "plan"


def test_a_total_asked_is_a_figure():
    assert read_question("What is the total investment of the petrochemical upgrade project?").wants_number
    assert read_question("What was the total output of Maoming's industry in 2013?").wants_number


def test_a_counted_term_the_report_sets_apart_must_share_a_word_with_the_noun_asked():
    from assistant.terms import english_counted_terms

    texts = ["“三馆合一”：对美术馆、非物质文化遗产展示中心、文学馆实行同一选址、合并建设。",
             "建设“四小园”：小菜园、小果园、小花园、小公园。", "13.“三线一单”：生态保护红线、环境质量底线、资源利用上线、生态环境准入清单。"]
    assert english_counted_terms("What are the four small gardens?", texts) == ["四小园"]
    # another count's term, sharing no character with the noun's words, is not the one asked
    assert english_counted_terms("What three elements make up the mechanism?", texts[:2]) == []
    assert english_counted_terms("What does 'three lines and one list' mean?", texts) == ["三线一单"]


def test_two_reports_named_are_asked_one_by_one():
    """"…its 2024 work report and … its 2025 report": each report's own figure, not the years 2024 and 2025."""
    q = read_question("How much did Shenzhen's metro operating mileage grow between the figure given in its 2024 "
                      "work report and the one in its 2025 report?", REGIONS)
    assert (q.report_year, q.report_years, q.years) == (None, [2024, 2025], [])
    assert [(label, p.report_year, p.years) for label, p in parts(q)] == [("2024 report", 2024, []),
                                                                          ("2025 report", 2025, [])]
    zh = read_question("茂名2021年政府工作报告和2023年政府工作报告分别说地区生产总值是多少？", REGIONS)
    assert [label for label, _ in parts(zh)] == ["2021年政府工作报告", "2023年政府工作报告"]
    one = read_question("茂名2023年政府工作报告说2022年地区生产总值是多少？", REGIONS)
    assert (one.report_year, one.report_years, one.years) == (2023, [], [2022])


def test_a_rate_asked_by_its_name_is_not_a_term_inside_another_rate():
    """"energy consumption per unit of GDP" asks 单位国内生产总值能耗 itself: its figure answers; GDP asked
    is not answered by it."""
    from assistant.answer import _only_in_rates
    from assistant.table_answer import named_indicators

    quoted = ["单位国内生产总值能耗降幅超过3%"]
    asked = read_question("How much did China's energy consumption per unit of GDP fall in 2024?", REGIONS)
    assert not _only_in_rates(asked, named_indicators(asked), quoted)
    gdp = read_question("How large was China's GDP in 2024?", REGIONS)
    assert _only_in_rates(gdp, named_indicators(gdp), quoted)


def test_english_words_for_lining_up_work_ask_a_plan():
    assert read_question("How many key projects did Zhanjiang line up for 2016?", REGIONS).kind == "plan"
    assert read_question("How many projects were scheduled to start in Qinghe in 2025?", REGIONS).kind == "plan"
    assert read_question("How many projects did Qinghe complete in 2024?", REGIONS).kind == "outcome"
    assert read_question("How many of the tasks were completed on schedule in 2013?", REGIONS).kind == "outcome"


def test_what_a_government_wanted_done_is_its_plan():
    """"…did Zhanjiang want fully operational in 2022?": the 2022 plan, not the next year's review."""
    assert read_question("Which platform did Zhanjiang want fully operational at its port in 2022?", REGIONS).kind == "plan"
    assert read_question("Which port did Zhanjiang open in 2022?", REGIONS).kind == "outcome"


@pytest.mark.parametrize(("question", "places"), [
    ("Chengdu versus Hangzhou: which has set the more ambitious GDP growth target for 2025?", ["成都", "杭州"]),
    ("Which city set the higher 2025 GDP growth target, Hangzhou or Chengdu?", ["杭州", "成都"]),
    ("杭州和成都2025年GDP增长目标谁更高？", ["杭州", "成都"]),
    ("2024年佛山和广州的GDP增速分别是多少？", ["佛山", "广州"]),
])
def test_places_are_taken_in_the_order_the_question_names_them(question: str, places: list[str]):
    """(not in the order of a set of names, which changes from one start of the program to the next)"""
    assert read_question(question, frozenset({"杭州", "成都", "广州", "佛山"})).places == places


def test_which_ones_asks_items_not_a_figure():
    """哪几个基地 asks the bases by name; 几个基地 asks how many."""
    from assistant.answer import _QUANTITY_Q

    assert not _QUANTITY_Q.search("茂名“十四五”要打造哪几个基地？")
    assert _QUANTITY_Q.search("茂名今年要新建几个基地？")


def test_a_measure_said_without_its_last_word_before_its_figure_is_said():
    """粮食总产 60万吨 says the grain output (总产量) asked; a sown area says no output."""
    from assistant.answer import _misses_head

    query = read_question("茂名2014年的政府工作报告里，全年粮食总产量定的目标是多少？", frozenset({"茂名"}))
    assert not _misses_head(query, ["力争全年粮食总产 145万吨以上"])
    assert _misses_head(query, ["粮食播种面积210万亩"])


def test_a_when_that_joins_a_clause_asks_no_date():
    """"When …, how many…?" and "…by 2015, when its plan was approved" ask no date; "When will…",
    "When is…" and "…, and when?" do."""
    assert not read_question("When Zhanjiang shifted its COVID-19 response in late 2022, how many beds did it set up?").asks_when
    assert not read_question("How many projects were completed by 2015, when its master plan won approval?").asks_when
    assert read_question("When is the Yangxin expressway expected to open to traffic?").asks_when
    assert read_question("Which games did Maoming win the bid for, and when?").asks_when


def test_how_much_investment_asks_an_amount_of_money():
    """"How much cumulative investment went into…?" is answered in 元 (累计投资478亿元), not by a count
    of projects (开工66个); how much it grew is a rate."""
    from assistant.answer import _unit_figure

    unit = _unit_figure(read_question("How much cumulative investment went into Hangzhou's seven key zones in 2024?"))
    assert unit is not None and unit.search("累计投资478亿元") and not unit.search("开工66个、完工30个")
    assert _unit_figure(read_question("How much did fixed-asset investment grow in Maoming in 2022?")) is None


def test_a_place_named_as_part_of_a_name_or_a_pair_is_not_the_government_asked():
    regions = frozenset({"茂名", "深圳", "广东", "全国"})
    # "South China" is a region of the country, not the State Council's report
    query = read_question("Maoming's 2023 work report says a plant that is the largest of its kind in South China "
                          "went into operation in 2022. What was it?", regions)
    assert query.places == ["茂名"]
    # a pair joined by a dash names a collaboration, beside the city asked about
    query = read_question("What record did Shenzhen achieve in the assessment of Guangdong–Guangxi collaboration, "
                          "according to its 2024 report?", regions)
    assert query.places == ["深圳"] and query.unknown_places == []
    # a pair naming a bridge, with no other place: the city named stays the one asked about
    query = read_question("What was the average daily traffic on the Shenzhen-Zhongshan Link in 2024?", regions)
    assert query.places == ["深圳"]
    # a quoted name that begins with a place, beside the city asked about: a title, not the State Council
    query = read_question("For how many years has Shenzhen been named 'China's Happiest City', according to its "
                          "2025 report?", regions)
    assert query.places == ["深圳"]


def test_a_city_no_report_is_about_must_be_said_when_asked_of_its_provinces_report():
    from assistant.answer import _unsaid_city

    query = read_question("How fast did Dongguan's economy grow in 2021, according to Guangdong's 2022 report?",
                          frozenset({"广东", "全国"}))
    assert query.places == ["广东"] and query.unknown_places == ["东莞"]
    assert _unsaid_city(query, ["全省地区生产总值达12.4万亿元、同比增长8%"])
    assert not _unsaid_city(query, ["东莞地区生产总值增长8.2%"])


def test_share_of_gdp_and_percentage_growth_ask_a_rate():
    from assistant.answer import _misses_growth, _misses_indicator
    from assistant.table_answer import named_indicators

    query = read_question("What share of GDP did Chengdu spend on research and development in 2024?",
                          frozenset({"成都"}))
    asked = named_indicators(query)
    assert _misses_indicator(query, asked, ["全社会研发经费投入连续9年保持两位数增长", "地区生产总值增长5.7%"], True)
    assert not _misses_indicator(query, asked, ["全社会研发经费投入强度达到3.6%"], True)
    # a share of firms is no share of GDP
    query = read_question("What share of Foshan's industrial firms were to have their own R&D institutions?",
                          frozenset({"佛山"}))
    assert not _misses_indicator(query, named_indicators(query), ["规上工业企业研发机构覆盖率达到60%"], True)
    query = read_question("In percentage terms, how much did Guangdong's GDP grow in 2024?", frozenset({"广东"}))
    assert _misses_growth(query, named_indicators(query), ["全省地区生产总值迈上14万亿元新台阶"])
    assert not _misses_growth(query, named_indicators(query), ["全省地区生产总值增长3.5%"])
    for question in ("What was Guangdong's GDP growth in 2024, in percentage terms?",
                     "How much did Guangdong's GDP grow in 2024?"):
        query = read_question(question, frozenset({"广东"}))
        assert _misses_growth(query, named_indicators(query), ["全省地区生产总值迈上14万亿元新台阶"]), question


def test_two_reports_named_by_one_noun_and_a_change_asked():
    from assistant.answer import _QUANTITY_Q

    query = read_question("How did China's planned quota of special-purpose bonds change from the 2019 to the 2020 "
                          "government work report?", REGIONS)
    assert query.report_years == [2019, 2020]
    query = read_question("How much larger was Zhanjiang's economy in 2017 than in 2015, going by the city's 2016 "
                          "and 2018 government work reports?", REGIONS)
    assert query.report_years == [2016, 2018] and sorted(query.years) == [2015, 2017]
    # two years of one report are not two reports
    assert read_question("How did GDP change from 2019 to 2020 in the 2021 report?", REGIONS).report_years == []
    assert _QUANTITY_Q.search("How did the planned quota of bonds change?")


def test_one_ask_of_several_things_asks_a_figure_of_each():
    from assistant.answer import _figures_asked

    assert _figures_asked("How many affordable childcare places and primary/secondary school places did it add?") == 2
    assert _figures_asked("What were its 2025 goals for new near-zero-carbon zones, the green-building share of "
                          "completed buildings, and the size of its green industries?") == 3
    assert _figures_asked("What were its 2020 targets for converting rural toilets and for upgrading school "
                          "toilets?") == 2
    # one thing of two words, and a "which" after the figure's verb
    assert _figures_asked("How many small and medium-sized enterprises did it support?") == 1
    assert _figures_asked("How many industrial design centres were added in 2023, and which city was selected?") == 1
    assert _figures_asked("What was the GDP target for 2024?") == 0
    # "what was the average growth of…" asks a figure; a growth strategy does not
    assert _figures_asked("How many clusters did it cultivate, and what was the average annual growth of park "
                          "output?") == 2
    assert _figures_asked("How many clusters did it cultivate, and what growth strategy did it follow?") == 1
    assert _figures_asked("How many parks were built, and what length did the greenway pass?") == 2
    # one "what" of two things; "what coverage", and a name in quotes within a thing's words
    assert _figures_asked("What deficit ratio and deficit size did the 2025 report propose?") == 2
    assert _figures_asked("What push rate does it aim for on new policies, and what coverage does it want for "
                          "no-application benefits?") == 2
    assert _figures_asked('How many "Shenyan" key research projects and technology breakthrough projects did '
                          "it carry out?") == 2


def test_a_counties_figure_is_a_parts():
    from assistant.answer import _only_of_a_part, _whole_asked
    from assistant.quotes import Clause

    class Hit:
        region = "湛江"

    def clause(text: str) -> Clause:
        return Clause(text=text, start=0, end=len(text), hit=Hit(), sim=0.0, terms=frozenset())

    forms = _whole_asked(read_question("How large was Zhanjiang's economy in 2017?", REGIONS), ["地区生产总值", "生产总值"])
    assert _only_of_a_part(forms, clause("县域生产总值达到1559亿元"))
    assert _only_of_a_part(forms, clause("廉江市生产总值突破500亿元"))
    assert not _only_of_a_part(forms, clause("预计实现生产总值2850亿元"))
    assert not _only_of_a_part(forms, clause("全市地区生产总值2850亿元"))
    assert not _only_of_a_part(forms, clause("湛江市生产总值2850亿元"))
    # a part asked is a part's figure
    assert _whole_asked(read_question("How large was the county economy of Zhanjiang in 2017?", REGIONS), forms) == []


def test_the_words_naming_a_report_are_not_translated():
    q = read_question("How many primary and secondary schools does Shenzhen plan to build, according to its 2025 "
                      "government work report?", REGIONS)
    assert "work" not in {word for word, _ in q.translated}
    assert "build" in {word for word, _ in q.translated}


def test_two_reports_named_together_in_chinese_are_each_asked():
    q = read_question("深圳市2024年与2025年政府工作报告中，深圳地铁运营里程分别达到多少公里？", REGIONS)
    assert (q.report_year, q.report_years, q.years) == (None, [2024, 2025], [])
    assert [label for label, _ in parts(q)] == ["2024年政府工作报告", "2025年政府工作报告"]


def test_a_city_joined_into_a_name_is_no_place_asked():
    q = read_question("According to Guangdong's 2025 report, how much did traffic on the Hong Kong-Zhuhai-Macao Bridge "
                      "grow?", REGIONS)
    assert "珠海" not in q.places + q.unknown_places
    q = read_question("According to Guangdong's 2025 report, how fast did Zhuhai's economy grow?", REGIONS)
    assert "珠海" in q.unknown_places


def test_a_what_before_and_how_many_asks_two_figures():
    from assistant.answer import _figures_asked

    assert _figures_asked("According to Beijing's 2025 report, what was the city's average PM2.5 concentration in "
                          "2024, and how many days of good air quality did it record?") == 2
    assert _figures_asked("What GDP growth target did the province set, and what size did it expect its economy to "
                          "pass?") == 2
    assert _figures_asked("What measures did it take, and how much did it spend?") == 1


def test_online_retail_sales_are_not_retail_sales_of_consumer_goods():
    from assistant.table_answer import named_indicators

    assert [i.id for i in named_indicators(read_question("What was the retail sales target?", REGIONS))] == [
        "retail_sales"]
    assert not named_indicators(read_question("What was the online retail sales target?", REGIONS))


def test_quoted_terms_in_a_row_are_items_and_a_count_is_said_close_to_its_noun():
    from assistant.terms import english_counted_terms, enumerates

    assert enumerates("打响“广东质量”“广东标准”“广东服务”品牌", 3)
    assert not enumerates("打响“广东质量”“广东标准”“广东服务”品牌", 2)
    question = "Which three brands does the province aim to promote?"
    assert english_counted_terms(question, ["推动三项工程标准化品牌化发展"]) == []
    assert english_counted_terms(question, ["培育三大区域品牌"]) == ["三大区域品牌"]


def test_total_fiscal_revenue_is_not_general_public_budget_revenue():
    from assistant.table_answer import named_indicators

    assert [i.id for i in named_indicators(read_question("What was Maoming's fiscal revenue in 2020?", REGIONS))] == [
        "budget_revenue"]
    assert not named_indicators(read_question("What was Maoming's total fiscal revenue in 2020?", REGIONS))


@pytest.mark.parametrize(("question", "words"), [
    ("How many regional headquarters of multinational companies had it by 2024?", {"总部"}),
    ("Which British university did it support?", {"大学"}),
    ("How much larger was its economy in 2017?", {"生产总值"}),
    ("How many had it accumulated by 2024?", {"累计"}),
    ("How many graduates did the city attract?", {"引进"}),
    ("How many new project starts did it aim for?", {"开工"}),
    ("How many water plants did it plan to start building?", {"开工", "水厂"}),
    ("How many small reservoirs were reinforced?", {"水库"}),
    ("How many business entities did the province have?", {"经营主体"}),
    ("How many sewage outlets discharging into rivers were rectified?", {"排污口"}),
    ("online retail sales by enterprises above designated size", {"限额以上"}),
    ("How much online retail sales did it add?", {"网络零售额"}),
    ("Which events did he send congratulatory letters to?", {"贺信"}),
    ("under the reform separating operating permits from business licenses", {"证照分离"}),
    ("What milestone did the number of self-employed individual businesses pass?", {"个体工商户"}),
    ("How many individual businesses were registered?", {"个体工商户"}),
    ("What was the total fiscal revenue originating in Maoming in 2020?", {"财政总收入"}),
    ("How much paddy land was returned to cultivation?", {"水田"}),
    ("Which grain depots were completed?", {"粮库"}),
    ("How much new grain storage capacity was built?", {"粮仓"}),
    ("How many ICU beds did it set up?", {"重症"}),
    ("What forest coverage rate was it aiming for?", {"森林覆盖率"}),
    ("Which five industrial bases does it aim to build?", {"基地"}),
    ("How many tourist toilets were upgraded?", {"旅游", "厕所"}),
    ("How many thatched houses were renovated?", {"茅草房"}),
    ("How many all-cargo air routes did the airport add?", {"全货机"}),
    ("How many river channels were dredged?", {"清淤"}),
    ("How many street-flooding black spots were fixed?", {"水浸街"}),
    ("How many small and medium-sized enterprises got loans?", {"中小企业"}),
    ("How many kilometres of small and medium rivers were treated?", {"中小"}),
])
def test_english_words_a_report_writes_otherwise_are_glossed(question: str, words: set[str]):
    assert words <= _glossed(question)


def test_small_and_medium_names_no_enterprises_unless_said():
    """"small and medium rivers" are 中小河流, not enterprises; "SMEs" are enterprises, and "smelting" is
    no SME."""
    assert "中小企业" not in _glossed("How many kilometres of small and medium rivers were treated?")
    assert "中小企业" in _glossed("How many SMEs were supported?")
    assert "中小企业" not in _glossed("How much steel smelting capacity was cut?")


def test_last_year_in_each_report_named_is_the_year_it_reviews():
    """"2014年和2021年政府工作报告中，上一年…各是多少": each report's part asks what it says was done the
    year before (not the five years a report at a term's end also reviews)."""
    query = read_question("海滨2014年和2021年政府工作报告中，上一年全市城镇新增就业各是多少人？", REGIONS)
    assert [(p.report_year, p.years, p.kind) for _, p in parts(query)] == [(2014, [2013], "outcome"),
                                                                           (2021, [2020], "outcome")]


def test_two_reports_target_and_record_ask_whether_it_was_met():
    """"What did the 2022 report target, and what did the 2023 report record for that year?" asks the
    target and the outcome; "实际工作按…争取" (the aim in practice) is part of a target, not an outcome."""
    met = read_question("What GDP growth did Haibin's 2022 government work report target for 2022, and what growth "
                        "did the 2023 report record for that year?", REGIONS)
    assert met.kind == "met" and met.years == [2022]
    # "reported in 2025" beside a report named is the next report; alone, a year asked
    met = read_question("Did Haibin meet its 2024 target for new urban jobs? Compare the target in the 2024 government "
                        "work report with the result reported in 2025.", REGIONS)
    assert met.kind == "met" and met.years == [2024] and met.report_year is None
    assert read_question("What GDP growth was reported in 2024 for Haibin?", REGIONS).years == [2024]
    assert read_question("海滨2018年政府工作报告中，生产总值增长的预期目标是多少？实际工作按多少来争取？",
                         REGIONS).kind == "plan"
    assert read_question("海滨2018年生产总值增长目标实际完成了吗？", REGIONS).kind == "met"


def test_a_count_before_a_quoted_noun_or_alone_asks_a_list():
    assert read_question("What five 'bases' does Maoming aim to build, according to its 2021 report?", REGIONS).wants_list
    assert read_question("The report says the city will build five bases. Which five?", REGIONS).wants_list


def test_which_ones_count_as_a_term_asks_its_members():
    assert read_question("Which counties count as 'county new towns' in Maoming's 2023 report?", REGIONS).wants_list
    assert read_question("Which districts belong to the 'eastern cluster'?", REGIONS).wants_list
    assert not read_question("How many counties count as poor?", REGIONS).wants_list


def test_urban_and_rural_residents_together_are_both_groups():
    from assistant.answer import _misses_residents

    both = read_question("What per-capita subsidy for urban and rural residents' medical insurance was set?", REGIONS)
    assert not _misses_residents(both, ["城乡居民医保人均财政补助标准从450元提高到610元"])
    urban = read_question("What was urban residents' per capita disposable income?", REGIONS)
    assert _misses_residents(urban, ["城乡居民人均可支配收入增长5%"])


def test_a_ratio_or_a_time_is_not_cut_at_its_colon():
    from assistant.chunk import clause_spans

    text = "城乡收入比降到1.98:1，会议8:30开始。主要目标：增长5%"
    assert [text[a:b] for a, b in clause_spans(text)] == ["城乡收入比降到1.98:1", "会议8:30开始", "主要目标", "增长5%"]


def test_a_paragraph_opens_a_term_reviews_last_year_or_goes_back_to_the_term():
    from assistant.metadata import opens_one_year

    span = (2016, 2020)
    assert opens_one_year("2020年是极为特殊的一年", span) and opens_one_year("过去一年，我们", span)
    assert opens_one_year("各位代表，刚刚过去的2020年是收官之年", span)
    assert opens_one_year("五年来，我们坚持依法行政", span) is False
    assert opens_one_year("各位代表！回顾五年历程", span) is False
    assert opens_one_year("全年新增市场主体", span) is None and opens_one_year("2018年以来，我们", span) is None


def test_an_indexed_citys_english_name_before_a_name_names_no_report():
    """"the Canton Fair" is a fair held in Guangzhou, asked of Guangdong's report: not Guangzhou's report."""
    regions = frozenset({"广州", "广东"})
    q = read_question("According to Guangdong's 2025 report, how many buyers did the Canton Fair attract?", regions)
    assert q.places == ["广东"]
    assert read_question("What was Canton's GDP in 2024?", regions).places == ["广州"]


def test_how_much_each_is_a_figure_not_a_list():
    assert not read_question("茂名2021年和2023年新增学位的目标分别是多少？", REGIONS).wants_list
    assert read_question("茂名2023年的四大平台分别是什么？", REGIONS).wants_list


def test_report_words_for_rural_areas_income_gaps_toilets_and_cargo():
    words = _glossed
    assert {"乡村", "农村"} <= words("How many doctors went to the countryside?")
    assert "乡村振兴" not in words("How many doctors went to the countryside?")  # (the countryside is no policy)
    assert "城乡居民收入比" in words("What was the urban-rural income ratio?")
    assert "城乡居民收入比" in words("What was the income ratio between urban and rural residents?")
    assert {"普及率", "户厕"} <= words("What was the penetration rate of household toilets?")
    assert "吞吐量" in words("How much cargo did the port handle?") and "吞吐量" in words("How much freight was handled?")
    assert "商业综合体" in words("How many commercial complexes opened?") and "商场" in words("How many malls opened?")
    assert "支柱产业" in words("How many pillar industries will it grow?")
    assert "林荫路" in words("How many tree-shaded roads will be renovated?")
    assert "两抢" in words("By how much did robbery and snatching cases fall?")


def test_a_term_asked_as_the_glossary_describes_it_asks_its_definition():
    q = "What is the city's green corridor plan described in the glossary of Maoming's 2023 report?"
    assert read_question(q, REGIONS).kind == "definition"
    assert read_question("What is the city's green corridor plan in Maoming's 2023 report?", REGIONS).kind == "plan"


@pytest.mark.parametrize(("text", "count"), [("四组企业战略性重组有序推进", True), ("组建两支应急队伍", True),
                                             ("举办十二场招聘会", True), ("探索一种新模式", False),
                                             ("发布一组数据", False), ("第二场比赛", False)])
def test_a_count_in_words_with_its_measure_word(text: str, count: bool):
    from assistant.answer import _COUNT_SAID, _FIGURE

    assert bool(_FIGURE.search(text)) is count and bool(_COUNT_SAID.search(text)) is count


def test_a_last_years_part_ends_with_its_section(tmp_path: Path):
    """The run of one year's paragraphs opened by "2020年是…" under one review of the term does not
    reach into the next section, though that one reviews the same five years."""
    from assistant import chunk_document

    (tmp_path / "r.md").write_text("""# 溪口市政府工作报告
——2021年1月12日在溪口市第八届人民代表大会第九次会议上

## 一、“十三五”时期工作回顾
“十三五”时期，溪口经济总量迈上新台阶，城乡面貌焕然一新。
2020年是极不寻常的一年，全市上下攻坚克难，各项工作稳步推进。
全年新建口袋公园12个，改造背街小巷80条，城市品质持续提升。

## 二、回顾“十三五”主要成就
城市面貌显著改善，累计建成口袋公园60个，老城区旧貌换新颜。
""", encoding="utf-8")
    chunks = chunk_document(load_file(tmp_path / "r.md", tmp_path))
    period = {c.text[:4]: c.period for c in chunks}
    assert period["全年新建"] == [2020, 2020] and period["“十三五"] == [2016, 2020]
    assert period["城市面貌"] == [2016, 2020], period


def test_an_irregular_verbs_form_is_read_as_its_verb():
    from assistant.lexicon import content_stems, stem

    assert stem("built") == stem("build") and stem("grew") == stem("grows") and stem("won") == stem("win")
    assert content_stems("roads built, jobs won") == content_stems("roads build, jobs win")


def test_a_pinyin_apostrophe_joins_one_name():
    from assistant.text import join_pinyin

    assert join_pinyin("Xiong'an New Area and Xi’an, not Shenzhen's") == "Xiongan New Area and Xian, not Shenzhen's"
    assert "xiongan" in read_question("How many firms moved into Xiong'an New Area in 2024?").names


def test_was_it_achieved_asks_whether_a_target_was_met():
    q = read_question("湛江2018年提出的港口吞吐量目标，到2019年报告回顾时实现了没有？")
    assert q.kind == "met" and q.years == [2018]
    q = read_question("Was China's 2022 GDP growth target achieved, according to the State Council's 2023 review of "
                      "that year?")
    assert q.kind == "met" and q.years == [2022] and q.report_year is None  # (2023 is the reviewing report's year)


def test_the_ratio_of_rd_spending_to_gdp_is_rd_intensity():
    from assistant.table_answer import named_indicators

    for question in ("What ratio of R&D spending to GDP does Shanghai aim to reach in 2025?",
                     "What share of GDP did R&D spending reach in Shanghai in 2024?"):
        assert [i.id for i in named_indicators(read_question(question))] == ["rd_intensity"], question
    assert [i.id for i in named_indicators(read_question("What was Shanghai's GDP in 2024?"))] == ["gdp"]


@pytest.mark.parametrize("question, term", [
    ("How many firms are in the science park?", "科技园"),
    ("What share of industry above designated size?", "规上"),
    ("How many venues were renovated for the 15th National Games?", "十五运会"),
    ("How many unloading stations for overloaded trucks?", "治超"),
    ("Was the poverty-reduction target met?", "贫困人口"),
    ("Which sports event did the city win the right to host?", "申办"),
    ("Which conferences will it host for overseas Chinese?", "华侨"),
    ("What new stock-market board was set up?", "科创板"),
    ("Which two cities was it to carry out paired cooperation with?", "对口合作"),
    ("What satisfaction rate did the hotline achieve?", "满意率"),
    ("What vehicle will counties use to grow?", "载体"),
    ("How many municipal roads were completed in the main urban area?", "市政道路"),
    ("How many municipal roads were completed in the main urban area?", "主城区"),
    ("How much new power generation capacity was added?", "电源装机"),
    ("How many new-type professional farmers will it train?", "新型职业农民"),
    ("How many new-type professional farmers will it train?", "培训"),
    ("Which newly opened port is the largest passenger and cargo roll-on/roll-off terminal?", "滚装"),
    ("How many provincial-level high-growth enterprises did it have?", "高成长企业"),
    ("How many services can the self-service terminals handle?", "自助服务终端"),
    ("How many kilometres of natural-village roads were paved?", "自然村"),
    ("How many kilometres of natural-village roads were paved?", "硬底化"),
    ("How many 'get one thing done efficiently' services were launched?", "高效办成一件事"),
    ("How many social work service stations were planned?", "社工站"),
    ("How many kilometres of overhead lines were moved underground?", "架空线"),
    ("How many beautiful blocks were built?", "美丽街区"),
    ("Which plan for the city did the State Council approve in 2024?", "批复"),
    ("What was the total number of registered business entities?", "商事主体"),
    ("Which vehicles face phased traffic restrictions?", "限行"),
    ("Which vehicles face phased traffic restrictions?", "分阶段"),
    ("How much did the budget provide in loan interest subsidies?", "贴息"),
    ("How many firms that had halted production resumed production after the disaster?", "停产"),
    ("How many firms that had halted production resumed production after the disaster?", "复产"),
    ("How many firms that had halted production resumed production after the disaster?", "受灾"),
    ("How much was invested to support hospitals?", "投入"),
])
def test_this_rounds_glossary_entries_render_the_report_words(question: str, term: str):
    assert any(term in group for _, group in read_question(question).glossed), question


def test_wind_power_capacity_is_not_power_generation_capacity():
    """Offshore wind's new capacity (新增装机规模) is not all new generating capacity (新增电源装机)."""
    assert not any("电源装机" in group for _, group in read_question("How much offshore wind power capacity?").glossed)


def test_a_romanised_name_is_said_where_the_clause_writes_it():
    """Hai'an is one name, said by a clause writing 海安: a word of the question like any other."""
    from assistant.answer import _asked
    from assistant.lexicon import stem

    asked, rendered = _asked(read_question("How many firms moved into the Hai'an Science Park?"), {"haian": ["海安"]})
    assert stem("haian") in asked and rendered[stem("haian")] == {"海安"}


def test_capitalised_syllables_apart_are_one_name():
    from assistant.answer import _asked

    q = read_question("Which Peng Cheng Laboratory campus will be completed in 2024?")
    assert "pengcheng" in q.names and "cheng" not in q.names
    asked, rendered = _asked(q, {"pengcheng": ["鹏城"]})
    assert rendered["peng"] == {"鹏城"} and rendered["cheng"] == {"鹏城"}


def test_what_a_report_expected_of_the_year_it_reviews_is_no_plan():
    """"…expected to fall in 2022?" of a 2023 report: its estimate of 2022 (预计下降8%), not a target;
    "life expectancy" is expected of nothing."""
    q = read_question("According to Maoming's 2023 government work report, by how much was energy consumption "
                      "expected to fall in 2022?")
    assert q.kind != "plan"
    assert read_question("What growth is expected in 2023, according to Maoming's 2023 report?").kind == "plan"
    q = read_question("What was average life expectancy in Guangdong by the end of the 13th Five-Year Plan period?")
    assert q.kind != "plan"


def test_what_growth_is_targeted_asks_a_figure():
    from assistant.answer import _figures_asked

    assert _figures_asked("How many new data catalogues will it add, and what growth is targeted for trading?") == 2


def test_which_things_did_asks_a_list():
    assert read_question("Which emerging industries did China push to develop faster?").wants_list
    assert read_question("Which events will the province host for overseas Chinese?").wants_list
    assert not read_question("Which process did the city reform in 2023?").wants_list
    # (a term quoted: the things asked are of that term's passage, not any list)
    assert not read_question("Which platforms will it strengthen under its 'two zones' (两区) drive?").wants_list


def test_a_figure_of_parks_is_not_the_whole_regions():
    from assistant.table_answer import named_indicators

    q = read_question("How fast did industrial value added above designated size grow in Guangdong's industrial "
                      "transfer parks in 2018?")
    assert named_indicators(q) == []


def test_listed_products_are_not_listed_companies():
    assert not any("上市" in group for _, group in read_question("How many listed products were added?").glossed)
    assert any("上市" in group for _, group in read_question("How many companies listed in 2023?").glossed)


def test_self_service_terminals_are_no_port():
    glossed = read_question("How many services can the self-service terminals handle?").glossed
    assert not any("码头" in group for _, group in glossed)


def test_growing_into_something_is_no_growth_rate():
    """"grow into new trillion-yuan clusters" is becoming something (打造, 成为), not growth (增长)."""
    glossed = read_question("Which industries does it want to grow into trillion-yuan industrial clusters?").glossed
    assert not any("增长" in group for _, group in glossed)
    assert any("增长" in group for _, group in read_question("How fast did exports grow in 2023?").glossed)


def _glossary_forms(question: str) -> set[str]:
    """The report words the glossary gives an English question."""
    from assistant.glossary import expand_groups

    return {t for group in expand_groups(question) for t in group}


def test_freight_trains_evacuations_and_dual_use_are_the_reports_words():
    """Retention rate 巩固率, gross enrolment rate 毛入学率, China-Europe freight trains 中欧班列, evacuation
    转移, dual-use 平急两用, shantytown renovation 棚改 as well as 棚户区."""
    forms = _glossary_forms
    assert "巩固率" in forms("What was the compulsory education retention rate?")
    assert "毛入学率" in forms("What was the gross enrollment rate for senior high school?")
    assert "中欧班列" in forms("How many China-Europe freight trains ran?")
    assert "转移" in forms("How many people were evacuated?")
    assert "平急两用" in forms("How many dual-use projects were listed?")
    assert "棚改" in forms("How many shantytown homes were started?")


def test_a_count_of_people_may_name_them_after_the_number():
    """转移155万危险区域群众: a count of people (in 人) with no measure word; 155万元 is money."""
    from assistant.answer import _COUNT, _figure_in

    assert _COUNT.search("及时转移23万沿海危险区域群众")
    assert _figure_in("人").search("及时转移23万沿海危险区域群众")
    assert not _figure_in("人").search("补助资金23万元")


def _clauses_of(text: str) -> list:
    """A passage's clauses (split at ，；。) with their offsets, as the answerer reads them."""
    import re as _re

    from assistant.quotes import Clause
    from assistant.retrieve import Hit

    hit = Hit(text=text, score=1.0, source="x", section="", start=0, end=len(text), chunk_id="c", rank=1)
    return [Clause(hit=hit, start=m.start(), end=m.end(), text=m.group(), terms=frozenset())
            for m in _re.finditer(r"[^，；。]+", text)]


def test_what_an_amount_did_against_its_plan_is_said_with_it():
    """一般公共预算收入96.5亿元，完成年度预算的101.2%: the share of the plan is the amount's, quoted with it,
    not a second figure asked ("…and its tax revenue?")."""
    from assistant.answer import _rate_tails

    clauses = _clauses_of("一般公共预算收入96.5亿元，完成年度预算的101.2%，按可比口径增长7.4%，其中税收收入61.7亿元，增长8.8%。")
    tails = {c.text: t.text for c in clauses for i, t in _rate_tails(clauses).items() if id(c) == i}
    assert tails["一般公共预算收入96.5亿元"] == "完成年度预算的101.2%"
    assert tails["其中税收收入61.7亿元"] == "增长8.8%"


def test_a_bare_measure_is_of_the_clause_before_it():
    """旅游接待4100万人次，增长21%；总收入302亿元: the income is tourism's (not after a sentence ends)."""
    from assistant.answer import _subjects

    clauses = _clauses_of("旅游接待4100万人次，增长21%；总收入302亿元，增长26.3%。总收入之外，商品房销售下降4.2%。")
    subjects = {c.text: s.text for c in clauses for i, s in _subjects(clauses).items() if id(c) == i}
    assert subjects == {"总收入302亿元": "旅游接待4100万人次"}


def test_a_measure_of_another_thing_is_not_the_one_asked():
    """旅游总收入 asked: 财政总收入 is another thing's income; a clause naming tourism's is not."""
    from assistant.answer import _measure_asked, _of_another
    from assistant.query import read_question

    asked = _measure_asked(read_question("岚江市2024年政府工作报告显示，2023年岚江旅游总收入是多少？"))
    assert _of_another(asked, "来源于岚江的财政总收入388.2亿元")
    assert not _of_another(asked, "旅游总收入302亿元")
    assert not _of_another(asked, "旅游接待4100万人次")
    assert _measure_asked(read_question("How much did tourism earn in 2023?")) is None


def test_what_were_a_and_its_b_asks_two_figures():
    """"What were the city's general public budget revenue and its tax revenue?" asks two figures; a
    long name before a rate still asks one ("what were the city's nine-year compulsory education
    retention rate")."""
    from assistant.answer import _ASKS_FIGURE, _figures_asked

    assert _figures_asked("According to Lanjiang's 2024 report, what were the city's general public budget revenue "
                          "and its tax revenue in 2023?") == 2
    assert _ASKS_FIGURE.search("what were the city's nine-year compulsory education retention rate in 2023?")
    assert _figures_asked("What annual average PM2.5 concentration does the city aim for, and what share of good "
                          "air-quality days should it maintain?") == 2
    assert _figures_asked("What was the city's general public budget revenue in 2023?") == 1


def test_both_of_one_thing_names_no_second_place():
    """"serving both normal and emergency needs, … the national list": the country is no place asked;
    "both Shanghai and Hangzhou" compares."""
    from assistant.query import read_question

    regions = frozenset({"广州", "深圳", "上海", "杭州", "全国"})
    query = read_question("According to Guangzhou's 2025 government work report, how many of the city's dual-use "
                          "projects, serving both normal and emergency needs, were included in the national list?", regions)
    assert query.places == ["广州"]
    query = read_question("What R&D intensity did both Shanghai and Hangzhou aim for in 2025?", regions)
    assert sorted(query.places) == ["上海", "杭州"]


def test_a_list_named_where_a_figure_is_asked_asks_no_list():
    """"Under its list of ten projects, how many…?" asks a figure; "what is on the list…?" and "list the…"
    ask the items."""
    from assistant.query import read_question

    assert not read_question("Under its list of ten livelihood projects for 2021, how many old residential "
                             "compounds did the province plan to renovate?").wants_list
    assert not read_question("Under Guangdong's 2025 list of ten livelihood projects, how many free health "
                             "check-ups are to be given?").wants_list
    assert read_question("What are the ten livelihood projects on Guangdong's list for 2021?").wants_list
    assert read_question("List the ten livelihood projects for 2021.").wants_list


def test_obtained_is_done_and_achieved_asks_if_met():
    """争取到 (obtained) is an outcome, 争取 (strive) a plan; 目标是否达成 asks whether a target was met."""
    from assistant.query import read_question

    assert read_question("2024年全市争取到的专项债券有多少？").kind == "outcome"
    assert read_question("2024年争取新增城镇就业多少人？").kind == "plan"
    assert read_question("2021年粮食产量目标是多少？这一目标是否达成？").kind == "met"


def test_report_words_for_amounts_deals_and_factories():
    """"over 100 million yuan" is 亿元 (亿元以上项目), not only 1亿; transaction value 成交额; standard factory
    buildings 标准厂房; "listed in the report" is no stock listing (上市), "companies listed" is; hydrogen is
    any 氢 word; going into production is 投产."""
    forms = _glossary_forms
    assert "亿元" in forms("How many projects worth over 100 million yuan each broke ground?")
    assert "亿元" not in forms("How many of its 100 million people live in cities?")
    assert "成交额" in forms("What was the transaction value at the fair?")
    assert "标准厂房" in forms("How much standard factory floor space was built?")
    assert "上市" not in forms("Among the ten projects listed in Guangdong's 2019 work report, which came first?")
    assert "上市" in forms("How many companies listed in 2023?")
    assert "氢" in forms("How much can the hydrogen-based furnace cut?")
    assert "投产" in forms("Which plant went into production last year?")
    assert "投产" not in forms("How much did industrial production grow?")


def test_an_amount_of_money_asked_in_the_singular_is_a_figure():
    """"…how large an area, and what average payment per mu?" asks two figures; "what was the new minimum
    wage?" one; "what subsidies did it give?" asks which subsidies, no figure."""
    from assistant.answer import _figures_asked

    assert _figures_asked("What forest area was compensated: how large an area, and what average payment per mu?") == 2
    assert _figures_asked("How much was the basic pension raised, and what was the new minimum wage?") == 2
    assert _figures_asked("What subsidies did the city give to first-time home buyers?") == 0


def test_services_the_three_sectors_and_contribution_to_growth_are_the_reports_words():
    """The services sector is 服务业; the primary, secondary and tertiary sectors are 三次产业 (一二三产业比重);
    a contribution to growth is 贡献率, not a pension contribution."""
    forms = _glossary_forms
    assert "服务业" in forms("How much did the services sector contribute to economic growth?")
    assert "贡献率" in forms("How much did the services sector contribute to economic growth?")
    assert "一二三产业" in forms("What was the ratio of the primary, secondary and tertiary sectors?")
    assert "贡献率" not in forms("What were the employers' contributions to the pension fund?")
    assert "服务业" not in forms("How many public services were put online?")


@pytest.mark.parametrize("question, word, given", [
    ("How many people are to be reached with first-aid training?", "救护", True),
    ("Which three priority start-up areas does it name?", "启动区", True),
    ("Which three priority start-up areas does it name?", "创业", False),  # (no start-up firm)
    ("How many start-ups received loans?", "创业", True),
    ("What are the nine actions for building spiritual civilization?", "精神文明", True),
    ("How many civilized villages were there?", "文明", True),
    ("What did it do for ecological civilization?", "生态文明", True),
    ("Which marine industries will grow?", "海洋", True),
    ("How many quality projects should state firms attract?", "优质", True),
    ("How many quality projects should state firms attract?", "招引", True),
    ("What growth is set for investment in strategic emerging industries?", "战略性新兴产业", True),
    ("Which emerging industries grew faster over the five years?", "新兴产业", True),
])
def test_first_aid_start_up_areas_civility_the_sea_and_emerging_industries(question: str, word: str, given: bool):
    """First aid is also 救护; a start-up area (启动区) is no start-up firm (创业); spiritual civilization
    精神文明; marine 海洋; quality projects 优质; attracting projects 招引; strategic emerging industries."""
    assert (word in _glossary_forms(question)) is given


def test_figures_asked_of_each_thing_named():
    """A和B分别…多少 asks a figure of each (two, or three with 、); a question of one thing asks one."""
    from assistant.answer import _figures_asked

    assert _figures_asked("国考断面水质优良率和近岸海域水质优良率分别达到多少？") == 2
    assert _figures_asked("深圳、广州和佛山分别新增就业多少人？") == 3
    assert _figures_asked("茂名2022年地区生产总值是多少？") == 1
    # "how many A were opened, B tackled and C added": each thing with what was done to it
    assert _figures_asked("How many dead-end roads were opened, congestion points tackled and parking spaces "
                          "added in 2024?") == 3
    assert _figures_asked("How many villages were renovated and roads built in 2023?") == 2
    assert _figures_asked("How many projects were started and completed in 2024?") == 1


def test_preschool_per_pupil_and_funding_are_the_reports_words():
    """Preschool education 学前教育 (a kindergarten 幼儿园 too); per pupil 生均; funding 经费, 拨款;
    congestion 拥堵, 堵点; the list of powers and responsibilities 权责清单."""
    forms = _glossary_forms
    assert {"学前教育", "幼儿园"} <= forms("What was the minimum preschool funding?")
    assert "幼儿园" in forms("How many kindergartens were built?")
    assert "生均" in forms("What was the per-pupil allocation?")
    assert {"经费", "拨款"} <= forms("How much funding was set aside?")
    assert {"拥堵", "堵点"} <= forms("How many congestion points were tackled?")
    assert "拥堵" not in forms("In which fields were technology bottlenecks broken through?")
    assert "权责清单" in forms("How much was the list of powers and responsibilities cut?")


def test_electricity_prices_and_a_price_in_fen():
    """Electricity prices 电价, industry and commerce 工商业, electricity 用电; 3分/千瓦时 is a figure (a price
    in fen per kilowatt-hour), a score of 90分 is not read as one."""
    from assistant.answer import _FIGURE

    forms = _glossary_forms
    question = "By how much will it cut industrial and commercial electricity prices?"
    assert {"电价", "工商业"} <= forms(question)
    assert "用电" in forms("How much electricity was used?")
    assert _FIGURE.search("力争工商业电价下降3分/千瓦时以上") and not _FIGURE.search("考试平均得分90分")


def test_to_accelerate_is_no_accelerator():
    """"Accelerated urban renewal" asks nothing of accelerator bases (加速基地); "business accelerators" do."""
    forms = _glossary_forms
    assert "加速基地" not in forms("Which areas were named for accelerated urban renewal?")
    assert "加速基地" in forms("How many business accelerators were built?")


@pytest.mark.parametrize("question, word, given", [
    ("How many supercharging stations were built?", "超充站", True),
    ("How many super-fast charging stations will it build?", "超充站", True),
    ("How much green electricity was brought in?", "绿电", True),
    ("Which stock exchange was set up?", "证券交易所", True),
    ("Which two exchanges did the country set up?", "交易所", True),
    ("How were cultural exchanges promoted?", "交易所", False),
    ("How many flood-prone waterlogging spots were fixed?", "易涝点", True),
    ("What share of buses were electric?", "电动化", True),
    ("Which works won a 'Five-One Project' award?", "五个一工程", True),
    ("How many Cantonese opera shows were staged?", "粤剧", True),
    ("How many lifts did the city retrofit?", "电梯", True),
    ("How did the policy lift restrictions on home buying?", "电梯", False),
    ("How many lifts were added to old residential buildings?", "既有住宅", True),
    ("How many beds per 1,000 older residents?", "老人", True),
    ("Which ports were opened to the outside world?", "对外开放", True),
    ("How was the nursing workforce built up?", "队伍", True),
    ("Which medical specialties were singled out?", "专科", True),
    ("How much hazardous waste could be disposed of?", "危险废物", True),
    ("What was the output of farming, forestry, animal husbandry and fisheries?", "农林牧渔业", True),
    ("How much did fisheries output grow?", "渔业", True),
    ("How many fishermen were resettled?", "渔民", True),
    ("How many fishermen were resettled?", "渔港", False),
    ("How much park space per resident was there?", "人均公园绿地", True),
    ("Which city is a capital of prepared seafood dishes?", "预制菜", True),
    ("How many turbines were connected to the grid?", "风机", True),
    ("How many turbines were connected to the grid?", "并网", True),
    ("How many AI computing clusters were built?", "智算", True),
    ("What rate of rural domestic sewage treatment was reached?", "生活污水", True),
    ("What rate of rural domestic sewage treatment was reached?", "治理", True),
    ("How many patients received treatment?", "治理", False),
    ("How much green electricity from outside the city was brought in?", "外调", True),
    ("How many international sister cities did it have?", "友城", True),
    ("What share of larger industrial firms went digital?", "规上工业企业", True),
    ("How many firms went through smart manufacturing and digital transformation?", "智改数转", True),
    ("How many licensed financial institutions were there?", "持牌金融机构", True),
    ("How many city check-in terminals did the airport have?", "城市候机楼", True),
    ("How large were the reserves of the national social security fund?", "社保基金", True),
    ("What share of pupils could lie flat for their midday nap?", "学生", True),
    ("What share of pupils could lie flat for their midday nap?", "午休", True),
    ("What share of pupils could lie flat for their midday nap?", "平躺", True),
    ("How many 'industry going upstairs' projects were started?", "工业上楼", True),
    ("How far did reported criminal and public-order incidents fall?", "警情", True),
    ("Which platform combines wind power with fish-farming cages?", "网箱", True),
    ("How much did aquaculture output grow?", "养殖", True),
])
def test_supercharging_green_electricity_exchanges_waterlogging_and_lifts(question: str, word: str, given: bool):
    """Supercharging 超充; green electricity 绿电; a stock or futures exchange, or exchanges set up, 交易所
    (cultural exchanges are none); waterlogging-prone spots 易涝点; electric buses 电动化; the Five-One
    Project 五个一工程; Cantonese opera 粤剧; lifts 电梯 (not lifting a restriction); old residential
    buildings also 既有住宅; older residents also 老人; opened to the outside world 对外开放; a workforce
    队伍; medical specialties 专科; hazardous waste 危险废物; farming, forestry, animal husbandry and fisheries
    农林牧渔业; fisheries 渔业; park space per resident 人均公园绿地; prepared dishes 预制菜; turbines 风机;
    connected to the grid 并网; computing clusters 智算; domestic sewage 生活污水 and its treatment 治理 (not a
    patient's); electricity from outside 外调; sister cities 友城; larger industrial firms 规上工业企业; smart and
    digital upgrading 智改数转; licensed financial institutions 持牌金融机构; city air terminals 城市候机楼; the
    social security fund 社保基金; pupils 学生, a midday nap 午休 lying flat 平躺; industry going upstairs 工业上楼;
    incidents reported to the police 警情; fish-farming cages 网箱; aquaculture 养殖."""
    assert (word in _glossary_forms(question)) is given


def test_how_many_of_a_thing_keeps_the_thing_a_search_word():
    """多少家首店: jieba joins the measure word to the noun (家首店); the question still searches 首店."""
    assert "首店" in read_question("成都2024年新增了多少家首店？").tokens
    assert "书店" in read_question("全市有几家书店？").tokens


def test_a_place_before_a_quoted_name_only_names_it():
    """"a Guangdong 'Five-One Project' award" in a question about Zhanjiang names an award, not the
    province's report; a name the glossary renders ("Leizhou opera" → 雷剧) is no name the report
    must spell (雷州)."""
    regions = frozenset({"湛江", "广东"})
    query = read_question("Which Leizhou opera from Zhanjiang won a Guangdong 'Five-One Project' award in 2017?", regions)
    assert query.places == ["湛江"]
    assert "leizhou" not in query.names
    assert "leizhou" in read_question("What was built in Leizhou in 2017?", regions).names


def test_what_qualifies_a_thing_as_a_quoted_term_asks_its_meaning():
    question = "In its 2025 report, what qualifies a village as a '七无三零' safe village?"
    assert read_question(question).kind == "definition"
    assert read_question("What counts as a '两不具备' village?").kind == "definition"


def test_a_growth_said_as_a_multiple_is_a_growth_rate():
    """增长3倍 says how fast an amount grew, as a percentage does."""
    from assistant.answer import _RATE_SAID

    assert _RATE_SAID.search("实际利用外资增长3倍") and _RATE_SAID.search("外贸进出口总额增长9.7%")
    assert not _RATE_SAID.search("实际利用外资12.5亿美元")


def test_the_citys_report_is_whose_report_not_a_topic():
    """"according to the city's 2025 government work report": whose report; "city" is not translated
    into a topic (城市) a clause may share."""
    query = read_question("How many babies were born in Haibin in 2024, according to the city's 2025 government "
                          "work report?", frozenset({"海滨"}))
    assert not any(term == "city" for term, _ in query.translated), query.translated
    assert any(term == "city" for term, _ in read_question("How many city parks were built?").translated)


def test_an_area_in_square_metres_is_a_figure():
    from assistant.answer import _FIGURE

    assert _FIGURE.search("人均公园绿地面积达12平方米") and _FIGURE.search("建成区面积扩大到86平方公里")


def test_what_it_aimed_to_exceed_asks_a_target():
    """"What rate did it aim to exceed by the end of 2024?" asks the target, not whether it was met."""
    assert read_question("What treatment rate for rural sewage did Guangdong aim to exceed by the end of 2024?").kind == "plan"
    assert read_question("Did Guangdong exceed the rural sewage treatment rate it aimed for in 2024?").kind == "met"


def test_the_report_of_a_place_no_report_is_about_is_named():
    regions = frozenset({"湛江", "广东"})
    assert read_question("What did Hainan's 2022 provincial government work report set as its target?",
                         regions).unindexed_reports == ["海南"]
    assert read_question("海南省2022年政府工作报告提出的目标是多少？", regions).unindexed_reports == ["海南"]
    assert read_question("How did Zhanjiang cooperate with Hainan in 2022?", regions).unindexed_reports == []



def test_nationally_and_within_a_province_only_say_where_a_city_stands():
    """"…where does that put it nationally?" and "…within Guangdong?" in a question about a city ask
    where it stands, not the national or the province's report."""
    regions = frozenset({"杭州", "全国", "湛江", "广东"})
    question = "How many national grade-one museums does Hangzhou have, and where does that put it nationally?"
    assert read_question(question, regions).places == ["杭州"]
    question = "How many provincial parks did Zhanjiang have, and what distinction did that give it within Guangdong?"
    assert read_question(question, regions).places == ["湛江"]
    assert read_question("How did Zhanjiang's growth compare with Guangdong's?", regions).places == ["湛江", "广东"]


def test_where_does_that_put_it_asks_a_rank():
    from assistant.table_answer import RANK_ASKED

    assert RANK_ASKED.search("How many museums does it have, and where does that put it nationally?")
    assert not RANK_ASKED.search("Where does the new line run?")


def test_a_distinction_asked_is_a_superlative_over_the_province_said():
    """"…and what distinction did that give it?": 成为全省拥有省级园区最多的地级市 says one, as a rank does."""
    from assistant.table_answer import RANK_ASKED, RANK_SAID

    assert RANK_ASKED.search("How many parks did it have, and what distinction did that give it?")
    assert RANK_SAID.search("成为全省拥有省级园区最多的地级市")
    assert not RANK_SAID.search("新增省级园区3个")


def test_a_count_of_things_the_report_only_lists_is_found_by_its_items():
    """The report writes no counted term: "four kinds of 'economies'" are the four items ending 经济 in one
    run; "three centres and one base" three ending 中心 and one 基地 (a run of other heads is none)."""
    from assistant.terms import english_counted_terms

    texts = ["大力发展早市经济、假日经济、楼宇经济、露营经济，带动新型消费。",
             "强化“湾区航运中心、湾区数据中心、湾区会展中心、全国装备制造基地”的功能定位。"]
    assert english_counted_terms("Which four kinds of consumption 'economies' will it develop?", texts) == ["四大经济"]
    assert english_counted_terms("What are the three centres and one base?", texts) == ["三中心一基地"]
    assert english_counted_terms("Which five kinds of 'economies' will it develop?", texts) == []


def test_what_each_listed_item_means_is_quoted_through_the_sentences_taking_it_up():
    from assistant.terms import EACH_MEANT, elaborated

    text = "目标体现在“甲方向、乙方向、丙方向”。“甲方向”就是做好一。其后再说。“乙方向”就是做好二。“丙方向”就是做好三。另起一段。"
    end = text.index("。") + 1
    quote = text[:end - 1]
    assert text[:elaborated(text, end, quote, 200)].endswith("“丙方向”就是做好三。")
    assert elaborated(text[:text.index("“丙")], end, quote, 200) == end  # (not all taken up: the list alone)
    assert EACH_MEANT.search("What are the five goals, and what does each one mean?")
    assert EACH_MEANT.search("这八个字各对应什么任务？")
    assert not EACH_MEANT.search("What are the five goals?")


def test_the_heads_a_term_of_counts_counts():
    from assistant.terms import counted_heads, enumeration

    assert counted_heads("三中心一基地") == {"中心": 3, "基地": 1}
    assert counted_heads("五大基地") == {"基地": 5}
    assert counted_heads("营商环境") == {} and counted_heads("一基地") == {}
    assert enumeration("打造“甲中心、乙中心、丙中心、丁基地”的定位", "三中心一基地") == (3, 18)
    assert enumeration("打造“甲中心、乙中心、丁基地”的定位", "三中心一基地") is None


def test_an_average_rate_asked_is_not_a_years_rate():
    """"average annual GDP growth … over the plan period", 年均增长多少: a year's rate (增长6%) is not it."""
    from assistant.answer import _misses_average

    question = read_question("What average annual GDP growth rate was set for the 14th Five-Year Plan period?")
    assert _misses_average(question, ["地区生产总值增长6%"])
    assert not _misses_average(question, ["地区生产总值年均增长6%左右"])
    assert not _misses_average(read_question("What was the annual average PM2.5 concentration?"), ["PM2.5浓度28微克"])
    assert _misses_average(read_question("五年来地区生产总值年均增长多少？"), ["地区生产总值增长5%"])


def test_a_part_of_the_year_asked_is_that_part():
    """The second quarter asked: a text naming only the first (一季度…增长5.2%) does not answer it."""
    from assistant.answer import _misses_part_of_year

    second = read_question("What was GDP growth in the second quarter of 2025?")
    assert _misses_part_of_year(second, ["一季度地区生产总值增长5.2%"])
    assert not _misses_part_of_year(second, ["二季度地区生产总值增长5.0%"])
    assert not _misses_part_of_year(read_question("一季度地区生产总值增长多少？"), ["第一季度地区生产总值增长5.2%"])
    assert _misses_part_of_year(read_question("上半年地区生产总值增长多少？"), ["前三季度地区生产总值增长5.2%"])
    assert not _misses_part_of_year(read_question("1-5月出口增长多少？"), ["1—5月出口增长5%"])
