"""`python -m assistant eval` on the golden set: the figures the issues ask for, from the command itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def golden_eval(built_index) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "eval", "--qa", str(REPO / "tests" / "golden_qa.jsonl"), "--json", "-q",
         "--index", str(built_index), "--data", str(built_index.parent / "data")],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_eval_reports_every_retriever_and_language(golden_eval):
    retrieval = golden_eval["retrieval"]
    assert set(retrieval) == {"hybrid", "dense", "bm25"}
    for by_lang in retrieval.values():
        assert set(by_lang) == {"zh", "en", "all"}
        for scores in by_lang.values():
            assert set(scores["recall"]) == {"1", "3", "5"}
            assert 0 <= scores["mrr"] <= 1 and scores["latency_p50_ms"] > 0
    assert retrieval["hybrid"]["zh"]["n"] + retrieval["hybrid"]["en"]["n"] == retrieval["hybrid"]["all"]["n"]


def test_golden_thresholds_through_the_command(golden_eval):
    hybrid, answers = golden_eval["retrieval"]["hybrid"], golden_eval["answers"]
    for lang in ("zh", "en"):
        assert hybrid[lang]["recall"]["5"] >= 0.95
        assert answers[lang]["accuracy"] >= 0.9
    assert answers["all"]["refusal_accuracy"] >= 0.9
    assert answers["all"]["ungrounded"] == 0


def test_eval_table_lists_misses(built_index, tmp_path):
    qa = tmp_path / "qa.jsonl"
    rows = [
        {"question": "2023年固定资产投资增长目标是多少？", "gold": ["8.5%"]},
        {"question": "高新区的定位是什么？", "gold": ["这句话不在报告里"]},
        {"question": "2023年茂名的房价调控目标是多少？", "gold": [], "unanswerable": True},
    ]
    qa.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "eval", "--qa", str(qa), "-q",
         "--index", str(built_index), "--data", str(built_index.parent / "data")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "hybrid" in out and "dense" in out and "bm25" in out
    assert "Retrieval misses" in out and "这句话不在报告里" in out
    assert "Wrong answers" in out


def test_a_question_about_several_reports_cites_each_but_a_list_in_two_reports_either():
    from assistant.compose import Answer, Citation
    from assistant.evaluate import Question, answer_correct

    text = "四篇文章：指临港产业、滨海旅游4个方面"
    cited = Citation(text=text, score=1.0, source="湛江市/2019.md", section="", start=0, end=len(text),
                     chunk_id="c", rank=1, n=1, quote=text)
    answer = Answer("q", f"{text}[1]。", True, citations=[cited])
    both = ["湛江市/2019.md", "湛江市/2020.md"]
    assert answer_correct(answer, Question("q", ["临港产业"], sources=both, kind="list"))
    assert not answer_correct(answer, Question("q", ["临港产业"], sources=both, kind="comparison"))
    assert not answer_correct(answer, Question("q", ["临港产业"], sources=["湛江市/2020.md"], kind="list"))
