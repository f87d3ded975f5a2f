"""The functions behind the page, without a browser: chat turns, the sources panel, escaping, the filter."""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import AssistantError
from assistant.ui import (
    ALL_REPORTS,
    SOURCES_PLACEHOLDER,
    ask_json,
    build_demo,
    chat_turn,
    ensure_index,
    md_text,
    report_choices,
    retrieve_json,
)

ROOT = Path(__file__).resolve().parent.parent
REPORT = "maoming-2023-government-work-report.txt"
INVESTMENT_ZH = "2023年固定资产投资增长目标是多少？"
INVESTMENT_EN = "What is the 2023 investment target?"
UNANSWERABLE = "2023年茂名的房价调控目标是多少？"
HIT_KEYS = {"rank", "score", "source", "section", "text", "start", "end", "chunk_id", "title", "year", "region",
            "level", "dense_score", "bm25_score", "locator", "kind", "period"}

# A small report whose text carries markup, a template expression and Markdown syntax.
HOSTILE = """测试市2024年政府工作报告

一、2024年工作安排

  今年经济社会发展的主要预期目标是:地区生产总值增长5.5%以上<script>alert(1)</script>;固定资产投资增长<b>9.0%</b>以上,社会消费品零售总额增长6.0%。

  抓好港口建设。港口吞吐量目标是1.2亿吨<img src=x onerror=alert(2)>,推动${alert(3)}港口转型,**加快** `航道` 建设[1](javascript:alert(4))。
"""
OTHER = """示例县2024年政府工作报告

一、2024年工作安排

  加快乡村振兴。今年新建高标准农田3万亩,建设乡村振兴示范带2条。
"""
HOSTILE_QUESTIONS = ("2024年固定资产投资增长目标是多少？", "港口吞吐量目标是多少？", "港口转型怎么推动？")
RAW_MARKUP = re.compile(r"<\s*/?\s*(script|img|b|iframe)\b", re.IGNORECASE)


def text_of(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


@pytest.fixture(scope="session")
def bundled(built_index: Path) -> dict:
    """Where the session index of the bundled report lives, as chat_turn's keyword arguments."""
    return {"data_dir": built_index.parent / "data", "index_dir": built_index}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An index of two small reports, one full of markup, built the way the page builds it."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    data.mkdir()
    (data / "hostile-2024.txt").write_text(HOSTILE, encoding="utf-8")
    (data / "other-2024.txt").write_text(OTHER, encoding="utf-8")
    report = ensure_index(data, root / "index")
    assert report is not None and sorted(report.added) == ["hostile-2024.txt", "other-2024.txt"]
    return {"data_dir": data, "index_dir": root / "index"}


# ---------------------------------------------------------------- answers


def test_chinese_question_gets_cited_answer_and_sources(bundled):
    history, panel = chat_turn(INVESTMENT_ZH, [], None, **bundled)

    assert [m["role"] for m in history] == ["user", "assistant"]
    reply = text_of(history[-1])
    assert "8.5%" in reply and "[1]" in reply
    assert f"[1]** {REPORT}" in reply  # the compact citation list: source · section
    assert REPORT in panel
    assert "二、2023年工作安排" in panel
    assert "<mark>固定资产投资增长8.5%以上</mark>" in panel
    assert "quote at characters" in panel


def test_english_question_keeps_the_history(bundled):
    first, _ = chat_turn(INVESTMENT_ZH, [], None, **bundled)
    history, panel = chat_turn(INVESTMENT_EN, first, None, **bundled)

    assert len(history) == 4 and history[:2] == first
    reply = text_of(history[-1])
    assert reply.startswith("From Maoming's 2023 report: Fixed-asset investment growth target for 2023: 8.5% or more")
    assert "8.5%" in reply and "[1]" in reply
    assert REPORT in panel and "二、2023年工作安排" in panel


def test_unanswerable_question_says_so_and_lists_related_passages(bundled):
    history, panel = chat_turn(UNANSWERABLE, [], None, **bundled)

    reply = text_of(history[-1])
    assert reply.startswith("报告中没有找到") and "do not answer" not in reply  # in the question's language
    assert "Related passages" in reply
    assert "8.5%" not in reply.split("Related")[0]
    assert "related" in panel and "do not answer" in panel
    assert "<mark>" not in panel


@pytest.mark.parametrize(
    ("question", "expected"),
    [("", "empty"), ("   \n\t　", "empty"), ("why " * 2_499 + "why?", "10,000 characters"), ("问" * 10_000, "10,000个字符")],
    ids=["empty", "whitespace", "10000-chars", "10000-chars-zh"],
)
def test_invalid_question_gets_one_clear_message(bundled, question, expected):
    history, panel = chat_turn(question, [], None, **bundled)

    replies = [m for m in history if m["role"] == "assistant"]
    assert len(replies) == 1
    reply = text_of(replies[0])
    assert expected in reply and "Traceback" not in reply
    assert reply.endswith("。") if "个字符" in expected else reply[0].isupper() and reply.endswith(".")
    assert panel == SOURCES_PLACEHOLDER
    assert all(len(text_of(m)) < 400 for m in history)  # a long question is not echoed whole


def test_any_assistant_error_becomes_one_sentence_in_the_questions_language(bundled):
    history, _ = chat_turn(INVESTMENT_ZH, [], "missing.txt", **bundled)
    reply = text_of(history[-1])
    assert reply.startswith("没有名为“missing.txt”的已索引报告") and reply.endswith("。")
    assert "\n" not in reply

    history, _ = chat_turn("What is the 2023 investment target?", [], "missing.txt", **bundled)
    reply = text_of(history[-1])
    assert reply.startswith("No indexed report is called") and reply.endswith(".")


# ---------------------------------------------------------------- report text is text


@pytest.mark.parametrize("question", HOSTILE_QUESTIONS)
def test_markup_in_a_report_never_reaches_the_page_unescaped(hostile, question):
    history, panel = chat_turn(question, [], None, **hostile)

    reply = text_of(history[-1])
    assert "hostile-2024.txt" in panel, "the question should be answered from the hostile report"
    for shown in (reply, panel):
        assert not RAW_MARKUP.search(shown)
        assert "${" not in shown  # gr.HTML fills `${...}` templates
    assert "](javascript" not in reply  # a Markdown link in the chat
    assert "&lt;" in panel


def test_hostile_passage_is_shown_as_text_in_the_sources_panel(hostile):
    _, panel = chat_turn("港口吞吐量目标是多少？", [], None, **hostile)

    assert "&lt;img src=x onerror=alert(2)&gt;" in panel
    assert "&#36;&#123;alert(3)&#125;" in panel
    assert "<mark>港口吞吐量目标是1.2亿吨" in panel  # the quoted figure, highlighted in the escaped passage


def test_chat_markdown_renders_report_markup_as_text():
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    hostile = "<script>alert(1)</script> <b>9%</b> **加快** `航道` [1](javascript:alert(4)) ~~x~~ $$x$$ a\n# h"

    rendered = md.render(md_text(hostile))

    assert rendered.startswith("<p>") and rendered.count("<") == 2  # <p> and </p> only
    assert "&lt;script&gt;" in rendered and "**加快**" in rendered and "[1](javascript:alert(4))" in rendered


# ---------------------------------------------------------------- the report filter


def test_filter_choices_list_the_indexed_reports(bundled, hostile):
    assert report_choices(**bundled) == [(ALL_REPORTS, ALL_REPORTS), ("茂名2023年政府工作报告", REPORT)]
    assert [value for _, value in report_choices(**hostile)] == [ALL_REPORTS, "hostile-2024.txt", "other-2024.txt"]


def test_filter_restricts_the_answer_to_one_report(hostile):
    question = "2024年工作安排有哪些？"
    for source in ("hostile-2024.txt", "other-2024.txt"):
        answer = ask_json(question, source, **hostile)
        cited = answer["citations"] or answer["related"]
        assert cited and {c["source"] for c in cited} == {source}
    assert ask_json(question, ALL_REPORTS, **hostile)["question"] == question


# ---------------------------------------------------------------- endpoints and start-up


def test_endpoint_payloads(bundled):
    answer = ask_json(INVESTMENT_ZH, None, **bundled)
    assert answer["found"] is True and "8.5%" in answer["answer"]
    assert answer["citations"][0]["source"] == REPORT

    result = retrieve_json(INVESTMENT_EN, 3, **bundled)
    assert result["question"] == INVESTMENT_EN
    assert len(result["hits"]) == 3
    assert all(set(hit) == HIT_KEYS for hit in result["hits"])
    with pytest.raises(AssistantError, match="between 1 and"):
        retrieve_json(INVESTMENT_EN, 0, **bundled)


def test_page_names_its_api_endpoints_without_touching_the_index(tmp_path):
    index = tmp_path / "index"
    demo = build_demo(tmp_path / "data", index)

    endpoints = demo.get_api_info()["named_endpoints"]
    assert set(endpoints) == {"/ask", "/retrieve"}
    assert [p["parameter_name"] for p in endpoints["/ask"]["parameters"]] == ["question", "source", "history"]
    assert [p["parameter_name"] for p in endpoints["/retrieve"]["parameters"]] == ["question", "k"]
    assert not index.exists()


def test_importing_app_has_no_side_effects(tmp_path):
    spec = importlib.util.spec_from_file_location("app_under_test", ROOT / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    assert "demo" not in vars(module)
    # app.py is the CLI's `serve`: the same options and defaults.
    from assistant.cli import build_parser

    args = build_parser().parse_args(["serve", "--port", "7999", "--data", str(tmp_path)])
    assert (args.host, args.port, args.share, args.data, args.index) == ("127.0.0.1", 7999, False, str(tmp_path), None)
    shown = subprocess.run([sys.executable, "app.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "--share" in shown.stdout and "--port" in shown.stdout


def test_ensure_index_leaves_a_fresh_index_alone(hostile):
    assert ensure_index(hostile["data_dir"], hostile["index_dir"]) is None


def test_a_running_page_picks_up_a_rebuilt_index(copy_index):
    data, index = copy_index
    where = {"data_dir": data, "index_dir": index}
    assert [value for _, value in report_choices(**where)] == [ALL_REPORTS, REPORT]

    (data / "other-2024.txt").write_text(OTHER, encoding="utf-8")
    report = ensure_index(data, index)

    assert report is not None and report.added == ["other-2024.txt"] and report.embedded < 5
    assert [value for _, value in report_choices(**where)] == [ALL_REPORTS, REPORT, "other-2024.txt"]
    history, panel = chat_turn("2024年新建高标准农田多少亩？", [], "other-2024.txt", **where)
    assert "3万亩" in text_of(history[-1]) and "other-2024.txt" in panel


def test_upload_adds_reports_under_safe_names_and_skips_broken_ones(copy_index, tmp_path):
    from assistant.index import read_manifest
    from assistant.library import safe_name
    from assistant.ui import upload_reports

    data, index = copy_index
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = (ROOT / "data" / REPORT).read_text(encoding="utf-8")
    good = inbox / "..茂名 2024 报告.txt"
    good.write_bytes(text.replace("2023年工作安排", "2024年工作安排").replace("8.5%以上", "6.6%以上")
                     .encode("gb18030"))
    broken = inbox / "broken.txt"
    broken.write_bytes(bytes(range(256)) * 20)
    stages: list[str] = []
    manifest_before = read_manifest(index)
    status = upload_reports([good, broken], data_dir=data, index_dir=index,
                            progress=lambda stage, done, total: stages.append(stage))
    name = safe_name(good.name)
    assert name == "茂名_2024_报告.txt" and (data / name).is_file()
    assert not (data / "broken.txt").exists()
    assert f"Added **{name}**" in status.replace("\\_", "_") and "Not added" in status
    assert "embedding" in stages
    sources = read_manifest(index)["sources"]
    assert set(sources) == set(manifest_before["sources"]) | {name}
    assert (name, name) in [(v, v) for _, v in report_choices(data, index)] or any(
        v == name for _, v in report_choices(data, index))
    answer = ask_json("2024年固定资产投资增长目标是多少？", name, data_dir=data, index_dir=index)
    assert answer["found"] and "6.6%" in answer["answer"]
    # Nothing chosen, or only broken files: a message, and the index is left as it was.
    assert "Choose" in upload_reports([], data_dir=data, index_dir=index)
    before = read_manifest(index)["generation"]
    status = upload_reports([broken], data_dir=data, index_dir=index)
    assert "Not added" in status and read_manifest(index)["generation"] == before
