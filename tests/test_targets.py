"""The targets table: extraction rules, the expected-rows fixture over the corpus, incremental
rebuilds, filters, the CLI and the page's tab functions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_units import BigramEmbedder

from assistant import FilterError, build_index, indicators
from assistant.chunk import ChunkerSettings, chunk_document
from assistant.cli import main
from assistant.load import load_file
from assistant.table import select
from assistant.targets import IndicatorRow, english_amount, extract
from assistant.targets_tab import chart_frame, csv_file, table_view

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reports"
EXPECTED = Path(__file__).with_name("fixtures") / "expected_rows.jsonl"

REPORT = (
    "——2023年2月10日在海滨市第十三届人民代表大会第二次会议上\n\n海滨市市长 张三\n\n各位代表：\n\n"
    "一、2022年工作回顾\n\n"
    "过去一年，全市地区生产总值1234.5亿元、增长2.5%；固定资产投资、社会消费品零售总额均突破500亿元。"
    "农村居民人均可支配收入增长6.1%。城镇新增就业5.2万人，居民消费价格上涨2%。\n\n"
    "五年来，地区生产总值年均增长5.1%，一般公共预算收入从80亿元增加到超过100亿元。\n\n"
    "二、2023年工作安排\n\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；固定资产投资增长8.5%以上；"
    "城镇调查失业率控制在5.5%以内；居民收入增长与经济增长同步；粮食产量超过30万吨。\n\n"
    "全力推进港口建设，港口货物吞吐量增长10%。\n"
)


def _rows(tmp_path: Path, text: str = REPORT, name: str = "haibin-2023.txt") -> list[IndicatorRow]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_file(path, tmp_path)
    return extract(doc, chunk_document(doc, ChunkerSettings()))


def _cells(rows: list[IndicatorRow]) -> set[tuple]:
    return {(r.kind, r.year, r.indicator, r.value, r.unit, r.qualifier) for r in rows}


def test_targets_come_from_the_main_targets_list_with_their_qualifiers(tmp_path: Path):
    rows = _rows(tmp_path)
    cells = _cells(r for r in rows if r.kind == "target" and r.main)
    assert cells == {
        ("target", 2023, "gdp_growth", "6", "%", "左右"),
        ("target", 2023, "fixed_asset_investment_growth", "8.5", "%", "以上"),
        ("target", 2023, "urban_unemployment_rate", "5.5", "%", "以内"),
        ("target", 2023, "disposable_income_growth", "", "", "同步"),
        ("target", 2023, "grain_output", "30", "万吨", "超过"),
    }
    # a this-year plan sentence after the list is a target too, but not one of the main ones
    port = [r for r in rows if r.indicator == "port_cargo_throughput_growth"]
    assert [(r.kind, r.value, r.main) for r in port] == [("target", "10", False)]


def test_outcomes_keep_levels_and_growth_apart_and_skip_parts_and_averages(tmp_path: Path):
    cells = _cells(r for r in _rows(tmp_path) if r.kind == "outcome")
    assert ("outcome", 2022, "gdp", "1234.5", "亿元", "") in cells
    assert ("outcome", 2022, "gdp_growth", "2.5", "%", "") in cells
    # listed indicators share their figure
    assert ("outcome", 2022, "fixed_asset_investment", "500", "亿元", "突破") in cells
    assert ("outcome", 2022, "retail_sales", "500", "亿元", "突破") in cells
    assert ("outcome", 2022, "urban_new_jobs", "5.2", "万人", "") in cells
    assert ("outcome", 2022, "cpi", "2", "%", "") in cells
    # 从…增加到超过…: the end of the term, not its start
    assert ("outcome", 2022, "budget_revenue", "100", "亿元", "超过") in cells
    assert not any(c[3] == "80" for c in cells)
    # 农村居民… is a part of the population; 年均增长 is an average over five years
    assert not any(c[2] == "disposable_income_growth" for c in cells)
    assert not any(c[3] == "5.1" for c in cells)


def test_a_total_said_after_a_growth_is_the_same_indicators_level(tmp_path: Path):
    """国内生产总值增长6.6%，总量突破90万亿元: the 总量 is GDP's level, as 、达… after it would be."""
    text = REPORT.replace("地区生产总值1234.5亿元、增长2.5%", "地区生产总值增长2.5%，总量突破1234.5亿元")
    assert text != REPORT
    cells = _cells(r for r in _rows(tmp_path, text) if r.kind == "outcome")
    assert ("outcome", 2022, "gdp", "1234.5", "亿元", "突破") in cells
    assert ("outcome", 2022, "gdp_growth", "2.5", "%", "") in cells


def test_a_share_of_gdp_is_its_own_indicator_not_gdp(tmp_path: Path):
    text = REPORT.replace("粮食产量超过30万吨。", "全社会研发经费支出相当于全市生产总值的比例达到4.5%左右；全社会固定资产投资增长9%。")
    cells = _cells(r for r in _rows(tmp_path, text) if r.kind == "target")
    assert ("target", 2023, "rd_intensity", "4.5", "%", "左右") in cells
    assert ("target", 2023, "fixed_asset_investment_growth", "9", "%", "") in cells  # 全社会: the whole
    assert not any(c[2] == "gdp_growth" and c[3] == "4.5" for c in cells)


def test_a_question_about_a_share_of_gdp_does_not_ask_about_gdp():
    from assistant.query import read_question
    from assistant.table_answer import named_indicators

    def ids(question: str) -> list[str]:
        return [i.id for i in named_indicators(read_question(question))]

    assert ids("深圳2024年全社会研发投入是多少，占GDP比重多少？") == []
    assert ids("What share of GDP did Guangdong's R&D spending account for in 2023?") == ["rd_intensity"]
    assert ids("How did the deficit-to-GDP ratio change?") == ["fiscal_deficit_ratio"]
    assert ids("2023年GDP增长目标是多少？") == ["gdp"]
    assert ids("What R&D intensity target (R&D spending relative to GDP) has Hangzhou set?") == ["rd_intensity"]
    assert ids("How large is Zhanjiang's economy?") == ids("What is the size of Beijing's economy?") == ["gdp"]


def test_every_row_quotes_its_exact_span(tmp_path: Path):
    rows = _rows(tmp_path)
    assert rows
    for r in rows:
        assert REPORT[r.start:r.end] == r.quote
        assert r.indicator_text in r.quote and (r.value in r.quote)
        assert r.region == "海滨" and r.report_year == 2023


def test_english_figures_are_computed_from_the_written_ones():
    assert english_amount("3279.31", "亿元") == "327.931 billion yuan"
    assert english_amount("1206", "万人") == "12.06 million people"
    assert english_amount("5", "万人") == "50,000 people"
    assert english_amount("1.4", "万亿斤") == "1.4 trillion jin"
    row = IndicatorRow("a.txt", "海滨市", "city", 2023, 2023, "target", "fixed_asset_investment_growth",
                       "fixed-asset investment growth", "固定资产投资", "8.5", "%", "以上", 0, 10, "固定资产投资增长8.5%以上")
    assert row.english() == "Fixed-asset investment growth target for 2023: 8.5% or more"
    assert row.figure() == "8.5%以上"
    for qualifier, english in (("左右", "about 3%"), ("以内", "within 3%"), ("超过", "more than 3%")):
        row.value, row.qualifier = "3", qualifier
        assert row.figure_en() == english


def test_select_filters_and_names_what_the_table_holds(tmp_path: Path):
    rows = _rows(tmp_path)
    assert {r.indicator for r in select(rows, indicator="gdp")} == {"gdp", "gdp_growth"}
    assert {r.kind for r in select(rows, region="haibin", kind="target")} == {"target"}
    assert select(rows, region="海滨", year=2022, indicator="gdp_growth")[0].value == "2.5"
    with pytest.raises(FilterError, match="海滨"):
        select(rows, region="北京")
    with pytest.raises(FilterError, match="2022, 2023"):
        select(rows, year=2019)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present (../shared/corpus)")
def test_extraction_matches_the_expected_rows_written_from_the_reports():
    """Recall over every expected row and precision over the cells the fixture covers, both ≥ 0.95."""
    expected = [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]

    def key(kind, year, ident, value, unit, qualifier):
        return kind, year, ident, float(value) if value else None, unit, qualifier

    found = right = judged = 0
    for name in sorted({e["file"] for e in expected}):
        doc = load_file(CORPUS / name, CORPUS)
        rows = extract(doc, chunk_document(doc, ChunkerSettings()))
        got = {key(r.kind, r.year, r.indicator, r.value, r.unit, r.qualifier) for r in rows}
        want = {key(e["kind"], e["period_year"], e["indicator"], e["value"], e["unit"], e["qualifier"])
                for e in expected if e["file"] == name}
        found += len(want & got)
        cells = {w[:3] for w in want}
        covered = [g for g in got if g[:3] in cells]
        judged += len(covered)
        right += sum(g in want for g in covered)
    recall, precision = found / len(expected), right / judged
    assert recall >= 0.95 and precision >= 0.95, (recall, precision)


def test_rows_are_rebuilt_with_their_report_only(tmp_path: Path):
    data, index = tmp_path / "data", tmp_path / "index"
    data.mkdir()
    (data / "haibin-2023.txt").write_text(REPORT, encoding="utf-8")
    other = REPORT.replace("海滨市", "山城市").replace("1234.5亿元", "888.8亿元")
    (data / "shancheng-2023.txt").write_text(other, encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, index, embedder=embedder)
    before = indicators(index_dir=index)
    assert {r.source for r in before} == {"haibin-2023.txt", "shancheng-2023.txt"}
    (data / "shancheng-2023.txt").write_text(other.replace("增长6%左右", "增长7%左右"), encoding="utf-8")
    report = build_index(data, index, embedder=embedder)
    assert report.unchanged == ["haibin-2023.txt"] and report.updated == ["shancheng-2023.txt"]
    after = indicators(index_dir=index)
    same = [r for r in after if r.source == "haibin-2023.txt"]
    assert same == [r for r in before if r.source == "haibin-2023.txt"]
    growth = indicators(region="山城", indicator="gdp_growth", kind="target", index_dir=index)
    assert [r.value for r in growth] == ["7"]
    (data / "haibin-2023.txt").write_text(REPORT.replace("5.2万人", "5.3万人"), encoding="utf-8")
    build_index(data, index, embedder=embedder)
    assert len(list(index.glob("indicators.*.jsonl"))) == 2  # this generation's and the one before


def test_cli_targets_prints_a_table_csv_and_json_and_exits_2_on_an_unknown_filter(tmp_path: Path, capsys):
    data, index = tmp_path / "data", tmp_path / "index"
    data.mkdir()
    (data / "haibin-2023.txt").write_text(REPORT, encoding="utf-8")
    build_index(data, index, embedder=BigramEmbedder())
    args = ["targets", "-q", "--data", str(data), "--index", str(index)]
    assert main([*args, "--kind", "target", "--csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["indicator"] for r in table} >= {"gdp_growth", "urban_unemployment_rate"}
    assert all(r["kind"] == "target" and r["quote"] for r in table)
    assert main([*args, "--indicator", "gdp_growth", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted((r["kind"], r["value"]) for r in rows) == [("outcome", "2.5"), ("target", "6")]
    assert main([*args, "--region", "北京"]) == 2
    assert "holds: 海滨" in capsys.readouterr().err


def test_the_targets_tab_shows_filters_charts_and_downloads_rows(tmp_path: Path):
    rows = _rows(tmp_path)
    frame = table_view(select(rows, kind="target"))
    assert len(frame) == 6 and "6%左右" in set(frame["Figure 数值"])
    chart = chart_frame(rows, "gdp_growth")
    assert sorted(zip(chart["year"], chart["value"])) == [(2022, 2.5), (2023, 6.0)]
    assert set(chart["series"]) == {"海滨 target 目标", "海滨 outcome 实际"}
    assert chart_frame(rows, None).empty  # several indicators are not drawn on one axis
    path = Path(csv_file(select(rows, indicator="gdp_growth")))
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("region,level,report_year,year,kind,indicator")
    assert len(text.splitlines()) == 3


REPORT_2024 = (
    "——2024年2月1日在海滨市第十三届人民代表大会第三次会议上\n\n海滨市市长 张三\n\n各位代表：\n\n"
    "一、2023年工作回顾\n\n过去一年，全市地区生产总值1301.2亿元、增长5.4%；固定资产投资增长7.9%。"
    "城镇调查失业率5.1%。\n\n"
    "二、2024年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；固定资产投资增长8%。\n"
)


def test_an_english_indicator_question_gets_an_english_sentence_with_the_chinese_quote(two_years):
    a = two_years.ask("What is Haibin's fixed-asset investment target for 2023?")
    assert a.found and a.text.startswith("From Haibin's 2023 report: Fixed-asset investment growth target for 2023: 8.5% or more")
    assert "固定资产投资增长8.5%以上" in a.text and "Haibin's 2023 report" in a.text
    c = a.citations[0]
    assert c.quote == "固定资产投资增长8.5%以上" and REPORT[c.quote_start:c.quote_end] == c.quote
    assert c.source == "haibin-2023.txt" and c.section == "二、2023年工作安排"


def test_a_target_met_question_cites_the_target_and_the_next_years_review(two_years):
    for question in ("Did Haibin meet its 2023 GDP growth target?", "海滨2023年GDP增长目标完成了吗？"):
        a = two_years.ask(question)
        assert [c.source for c in a.citations] == ["haibin-2023.txt", "haibin-2024.txt"]
        assert "6%左右" in a.text and "5.4%" in a.text
        assert ("not met" in a.text) if question.isascii() else ("未完成" in a.text)
    a = two_years.ask("Did Haibin meet its 2024 GDP growth target?")
    assert "not in the indexed reports" in a.text and len(a.citations) == 1


@pytest.mark.parametrize("question", [
    "海滨2023年政府工作报告提出的地区生产总值增长目标是否实现？",
    "海滨2023年政府工作报告提出的GDP增长目标，当年是否完成？",
    "Haibin's 2023 government work report set a GDP growth target for the year. Was it met, according to the 2024 report?",
    "According to its 2024 report, did Haibin meet its 2023 GDP growth target?"])
def test_a_target_met_question_naming_the_report_that_set_it_or_reviews_it(two_years, question: str):
    a = two_years.ask(question)
    assert [c.source for c in a.citations] == ["haibin-2023.txt", "haibin-2024.txt"]
    assert "6%左右" in a.text and "5.4%" in a.text


@pytest.mark.parametrize("question", [
    "How much fixed-asset investment growth was Haibin to achieve in 2023?",
    "By how much was Haibin's fixed-asset investment budgeted to grow in 2023?",
    "What fixed-asset investment growth did Haibin vow to deliver in 2023?",
    "How much fixed-asset investment growth was Haibin slated to reach in 2023?",
    "What fixed-asset investment growth did Haibin's report say would come in 2023?"])
def test_a_plan_asked_in_the_past_tense_is_the_years_target(two_years, question: str):
    """"was Haibin to achieve", "was budgeted to", "did it vow to", "slated to", "say would": what the year's plan set, not
    what the next year's review says was reached."""
    a = two_years.ask(question)
    assert "8.5%以上" in a.text and "7.9%" not in a.text, a.text


def test_a_past_tense_with_to_after_a_verb_is_no_plan():
    from assistant.query import read_question

    assert read_question("How much was added to Haibin's fixed-asset investment in 2023?").kind == "outcome"
    assert read_question("Was Haibin's 2023 fixed-asset investment growth target achieved?").kind == "met"


def test_retrieval_puts_the_passages_of_the_tables_figures_first(tmp_path: Path):
    """A target-met question: the year's targets and the next report's review, in two hits, even
    among passages that repeat the question's words."""
    from assistant.retrieve import Retriever

    noise = "".join(f"围绕完成海滨市地区生产总值增长目标，完成第{n}批重点项目，GDP增长目标完成了吗要看项目。\n\n"
                    for n in range(1, 9))
    data = tmp_path / "data"
    data.mkdir()
    (data / "haibin-2023.txt").write_text(REPORT + noise, encoding="utf-8")
    (data / "haibin-2024.txt").write_text(REPORT_2024 + noise, encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, tmp_path / "index", embedder=embedder)
    retriever = Retriever(tmp_path / "index", embedder=embedder)
    for question in ("Did Haibin meet its 2023 GDP growth target?", "海滨2023年GDP增长目标完成了吗？"):
        hits = retriever.search(question, 2)
        assert [h.source for h in hits] == ["haibin-2023.txt", "haibin-2024.txt"], question
        assert "地区生产总值增长6%左右" in hits[0].text and "5.4%" in hits[1].text
    hit = retriever.search("What is Haibin's fixed-asset investment target for 2023?", 1)[0]
    assert "固定资产投资增长8.5%以上" in hit.text


def test_a_comparison_across_years_cites_each_year(two_years):
    a = two_years.ask("How did Haibin's GDP growth target change from 2023 to 2024?")
    assert [c.source for c in a.citations] == ["haibin-2023.txt", "haibin-2024.txt"]
    assert "about 6%" in a.text and "about 5.5%" in a.text
    a = two_years.ask("海滨2022年和2023年地区生产总值分别是多少？")
    assert "1234.5亿元" in a.text and "1301.2亿元" in a.text


def test_english_figures_in_answers_pass_the_grounding_gate(two_years):
    from assistant.compose import numbers_grounded

    a = two_years.ask("How many new urban jobs did Haibin create in 2022?")
    assert a.found and "52,000 people" in a.text and numbers_grounded(a)


def test_a_target_met_question_naming_the_year_twice_and_the_reviewing_report(two_years):
    """"…2023年定下的…目标是多少？从2024年政府工作报告看，2023年…实际增长多少": the year said twice is one
    year; the target comes from the report that set it, though the question names the next one."""
    a = two_years.ask("海滨2023年定下的地区生产总值增长目标是多少？从2024年政府工作报告看，2023年全市经济实际增长多少，"
                      "是否完成了目标？")
    assert [c.source for c in a.citations] == ["haibin-2023.txt", "haibin-2024.txt"], a.text
    assert "6%左右" in a.text and "5.4%" in a.text


def test_a_comparison_of_a_named_reports_target_with_another_years(two_years):
    """"How did the target in its 2023 report compare with the one it set for 2024?": the report's
    own year is one of the two compared."""
    a = two_years.ask("How did the GDP growth target in Haibin's 2023 work report compare with the one it set for 2024?")
    assert [c.source for c in a.citations] == ["haibin-2023.txt", "haibin-2024.txt"], a.text
    assert "about 6%" in a.text and "about 5.5%" in a.text


# A second made-up city (北湖): its plan for 2023 and the next year's review of it.
BEIHU_2023 = (
    "——2023年1月16日在北湖市第九届人民代表大会第三次会议上\n\n北湖市市长 李四\n\n各位代表：\n\n"
    "一、2022年工作回顾\n\n过去一年，全市地区生产总值856.3亿元、增长3.1%，城镇新增就业3.4万人。\n\n"
    "二、2023年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业3.8万人；"
    "居民消费价格涨幅3%左右。\n\n财政政策加力提效，赤字率拟按2.6%左右安排，比上年略有下调。\n"
)
BEIHU_2024 = (
    "——2024年1月18日在北湖市第九届人民代表大会第四次会议上\n\n北湖市市长 李四\n\n各位代表：\n\n"
    "一、2023年工作回顾\n\n过去一年，全市地区生产总值902.7亿元、增长5.2%，城镇新增就业3.9万人，"
    "财政赤字率控制在2.6%。\n\n"
    "二、2024年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业4万人。\n"
)


@pytest.fixture
def two_cities(tmp_path: Path):
    """海滨 2023 and 北湖 2023–2024, built with a small embedder; its Answerer."""
    from assistant.answer import Answerer
    from assistant.retrieve import Retriever

    data, index = tmp_path / "data", tmp_path / "index"
    data.mkdir()
    for name, text in (("haibin-2023.txt", REPORT), ("beihu-2023.txt", BEIHU_2023), ("beihu-2024.txt", BEIHU_2024)):
        (data / name).write_text(text, encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, index, embedder=embedder)
    return Answerer(Retriever(index, embedder=embedder))


def test_each_named_report_part_asks_its_own_years_plan_or_review(two_cities):
    """"2023年政府工作报告把当年赤字率定在多少？2024年政府工作报告回顾2023年时，实际赤字率…": the 2023
    report's part asks its plan (the year asked is its own), the 2024 report's its review; 实际 says
    which figure, not another measure; a target's quote runs to the end of its clause (…左右安排)."""
    a = two_cities.ask("北湖2023年政府工作报告把当年赤字率定在多少？2024年政府工作报告回顾2023年时，实际赤字率控制在什么水平？")
    assert "赤字率拟按2.6%左右安排" in a.text and "财政赤字率控制在2.6%" in a.text, a.text
    assert [c.source for c in a.citations] == ["beihu-2023.txt", "beihu-2024.txt"]


def test_each_named_place_part_may_take_its_figure_from_the_targets_table(two_cities):
    """Two places asked, one of which sets no such target: the other's comes from its targets list,
    not from its review of the year before."""
    a = two_cities.ask("海滨与北湖2023年政府工作报告中的新增就业目标各是多少？")
    assert "城镇新增就业3.8万人" in a.text and "3.4万人" not in a.text, a.text
