"""Follow-up questions: what a question leaves out comes from the questions before it."""

from __future__ import annotations

import io

import pytest

from assistant import InvalidQuestionError
from assistant.conversation import check_history, resolve

REGIONS = frozenset({"海滨", "山城", "全国"})


def test_a_question_naming_only_a_place_swaps_the_place_of_the_previous_one():
    r = resolve("山城呢？", ["海滨2023年政府工作报告提出的城镇新增就业目标是多少？"], REGIONS)
    assert r.query.places == ["山城"] and r.query.report_year == 2023 and r.query.kind == "plan"
    assert "城镇新增就业" in r.text and "海滨" not in r.text
    assert r.follows and "城镇新增就业" in r.carried


def test_a_question_naming_only_a_year_swaps_the_year():
    r = resolve("那2022年呢？", ["海滨2023年政府工作报告提出的城镇新增就业目标是多少？"], REGIONS)
    assert r.query.report_year == 2022 and r.query.places == ["海滨"] and "城镇新增就业" in r.text


def test_a_new_subject_keeps_the_place_year_and_kind():
    r = resolve("那固定资产投资呢？", ["海滨2023年政府工作报告定的地区生产总值增长目标是多少？"], REGIONS)
    assert r.query.places == ["海滨"] and r.query.report_year == 2023 and r.query.kind == "plan"
    assert "固定资产投资" in r.text and "地区生产总值" not in r.text
    assert r.carried[:2] == ["海滨", "2023年"]


def test_a_new_question_about_the_same_subject_keeps_the_subject():
    r = resolve("比上年增长了多少？", ["海滨2023年政府工作报告中，2022年全市地区生产总值是多少？"], REGIONS)
    assert "地区生产总值" in r.text and r.query.years == [2022] and r.query.places == ["海滨"]
    r = resolve("去年实际新增了多少？",
                ["海滨2023年政府工作报告定的地区生产总值增长目标是多少？", "那城镇新增就业呢？"], REGIONS)
    assert "城镇新增就业" in r.text and r.query.years == [2022] and r.query.kind == "outcome"


def test_years_named_by_reference_to_the_previous_question():
    r = resolve("What about the year before?", ["What was Haibin's GDP growth target for 2023?"], REGIONS)
    assert r.query.years == [2022] and r.query.places == ["海滨"]
    r = resolve("那一年的城镇新增就业呢？", ["海滨2021年地区生产总值是多少？"], REGIONS)
    assert r.query.years == [2021] and "城镇新增就业" in r.text


def test_english_follow_ups_carry_place_report_and_kind():
    r = resolve("And the GDP target?", ["How many new urban jobs did Haibin's 2023 report aim for?"], REGIONS)
    assert r.query.places == ["海滨"] and r.query.report_year == 2023 and r.query.kind == "plan"
    r = resolve("And Shancheng?", ["What GDP growth target did Haibin set for 2024?"], REGIONS)
    assert r.query.places == ["山城"] and r.query.years == [2024]


def test_an_english_pronoun_points_at_the_chinese_subject_before_it():
    r = resolve("What industries will it develop?", ["高新区的定位是什么？"], REGIONS)
    assert "高新区" in r.text and r.query.is_english and "高新区 定位" in r.carried
    assert not resolve("What industries will it develop?", ["What is the GDP target?"], REGIONS).follows


def test_an_english_follow_up_about_a_chinese_subject_is_answered_in_english(built_index):
    import assistant

    a = assistant.ask("What industries will it develop?", index_dir=built_index, history=["高新区的定位是什么？"])
    assert a.found and "乙烯提质改造项目下游产业" in a.text and a.text.startswith("According to the report")
    assert a.citations[0].quote in a.text


def test_another_report_of_another_place_keeps_the_years_relation_to_its_report():
    history = ["What was Haibin's GDP growth in 2019, according to its 2020 report?",
               "What growth target did it set for 2020?"]
    r = resolve("What was Shancheng's target in its 2021 report?", history, REGIONS)
    assert r.query.places == ["山城"] and r.query.report_year == 2021 and r.query.kind == "plan"
    assert "2020" not in r.text and "GDP" in r.text
    r = resolve("那山城2021年报告呢？", ["海滨2020年政府工作报告中，2019年地区生产总值是多少？"], REGIONS)
    assert r.query.places == ["山城"] and r.query.report_year == 2021 and "2019" not in r.text
    assert "2020年地区生产总值" in r.text

def test_a_question_naming_its_own_place_or_year_and_subject_starts_afresh():
    first = "海滨2023年政府工作报告提出的城镇新增就业目标是多少？"
    for question in ("山城2021年地区生产总值是多少？", "What was China's grain output in 2020?"):
        r = resolve(question, [first], REGIONS)
        assert not r.follows and r.text == question
    assert not resolve(first, [], REGIONS).follows


def test_history_must_be_a_list_of_questions():
    assert check_history(None) == [] and check_history(["a", " "]) == ["a"]
    for bad in (3, [1, 2], {"q": "a"}):
        with pytest.raises(InvalidQuestionError, match="history"):
            check_history(bad)
    assert len(check_history([f"q{i}" for i in range(30)])) == 10


def test_the_answer_says_what_a_follow_up_took(two_years):
    first = "海滨2023年GDP增长目标是多少？"
    a = two_years.ask("那固定资产投资呢？", history=[first])
    assert a.found and "8.5%以上" in a.text and a.context[:2] == ["海滨", "2023年"]
    assert a.question == "那固定资产投资呢？" and "固定资产投资" in a.understood_as
    alone = two_years.ask("那固定资产投资呢？")  # without the conversation, no year or kind: another answer
    assert alone.context == [] and alone.understood_as == ""
    assert not two_years.ask("山城呢？", history=[first]).found  # no report of that place is indexed


def test_cli_chat_answers_follow_ups_from_stdin(two_years, monkeypatch, capsys):
    from assistant.cli import main

    index = two_years.retriever.index_dir
    data = index.parent / "data"
    monkeypatch.setattr("sys.stdin", io.StringIO("海滨2023年GDP增长目标是多少？\n那固定资产投资呢？\n/new\n那固定资产投资呢？\n"))
    assert main(["chat", "-q", "--data", str(data), "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "6%左右" in out and "↳ 海滨 · 2023年" in out and "8.5%以上" in out
    assert "(a new conversation)" in out and out.count("↳") == 1
