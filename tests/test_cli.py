"""The command line, run as a user runs it: `python -m assistant …` in a folder of their own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = "maoming-2023-government-work-report.txt"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m assistant ARGS` in cwd, with the index and data folders of cwd."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_INDEX_DIR=str(cwd / "index"),
        ASSISTANT_DATA_DIR=str(cwd / "data"),
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


@pytest.fixture
def fresh_folder(tmp_path: Path, report_path: Path) -> Path:
    """A folder holding a copy of data/ and no index."""
    (tmp_path / "data").mkdir()
    shutil.copy2(report_path, tmp_path / "data" / BUNDLED)
    return tmp_path


@pytest.fixture
def indexed_folder(copy_index: tuple[Path, Path]) -> Path:
    """A folder holding a copy of data/ and an up-to-date index of it."""
    data, _ = copy_index
    return data.parent


@pytest.mark.slow
def test_search_without_an_index_builds_it_first(fresh_folder: Path):
    done = run(fresh_folder, "search", "2023年固定资产投资增长目标是多少？", "--k", "5")

    assert done.returncode == 0, done.stderr
    assert "no index yet" in done.stderr
    assert (fresh_folder / "index" / "manifest.json").is_file()
    assert "固定资产投资增长8.5%以上" in done.stdout
    assert "Traceback" not in done.stderr


def test_search_json(indexed_folder: Path):
    question = "What is the 2023 investment target?"
    done = run(indexed_folder, "search", question, "--json")

    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"question", "hits"}
    assert out["question"] == question
    assert len(out["hits"]) == 5
    text = (indexed_folder / "data" / BUNDLED).read_text(encoding="utf-8")
    for rank, hit in enumerate(out["hits"], 1):
        assert set(hit) >= {"rank", "score", "source", "section", "text", "start", "end"}
        assert hit["rank"] == rank
        assert hit["source"] == BUNDLED
        assert text[hit["start"] : hit["end"]] == hit["text"]
    assert any("8.5%" in hit["text"] for hit in out["hits"][:3])


def test_status_lists_the_report(indexed_folder: Path):
    done = run(indexed_folder, "status")

    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if BUNDLED in line]
    assert len(lines) == 1
    details = lines[0].replace(BUNDLED, "")
    assert "2023" in details and "茂名" in details
    assert "Up to date" in done.stdout


def test_status_after_build_shows_a_new_file_out_of_date(indexed_folder: Path):
    built = run(indexed_folder, "build")
    assert built.returncode == 0, built.stderr
    assert "0 chunks embedded" in built.stdout

    (indexed_folder / "data" / "zhanjiang-2024.txt").write_text(
        "湛江市2024年政府工作报告\n\n推进东海岛港区航道扩建,港口货物吞吐量力争突破3.2亿吨。\n", encoding="utf-8"
    )
    done = run(indexed_folder, "status")

    assert done.returncode == 0, done.stderr
    assert "zhanjiang-2024.txt is new" in done.stdout
    assert "Up to date" not in done.stdout


def test_build_reports_a_skipped_file_with_its_own_exit_code(indexed_folder: Path):
    (indexed_folder / "data" / "setup.exe").write_bytes(b"MZ" + bytes(200))

    done = run(indexed_folder, "build")

    assert done.returncode == 3, done.stderr
    assert "skipped" in done.stdout
    assert "setup.exe" in done.stdout


@pytest.mark.parametrize(
    ("args", "has_data"),
    [(("search", ""), True), (("search", "   "), True), (("search", "固" * 10_000), True), (("status",), True),
     (("search", "投资目标"), False)],
    ids=["empty", "blank", "too-long", "status-without-index", "no-data-no-index"],
)
def test_errors_are_one_line_without_traceback(fresh_folder: Path, args, has_data: bool):
    if not has_data:
        shutil.rmtree(fresh_folder / "data")

    done = run(fresh_folder, *args)

    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ")
    assert [line for line in lines if line.startswith("error")] == lines[-1:]
    if has_data:
        assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.model
@pytest.mark.parametrize("bad", [["--source", "nope.txt"], ["--region", "Maoming"], ["--year", "2019"]])
def test_a_filter_that_matches_no_report_is_an_error_listing_what_is_indexed(built_index: Path, bad: list[str]):
    """...in the question's language."""
    data = built_index.parent / "data"
    for command, question, said in (("ask", "高新区的定位是什么？", "的已索引报告"), ("search", "高新区的定位是什么？", "的已索引报告"),
                                    ("ask", "What is the high-tech zone for?", "error: no indexed report")):
        result = subprocess.run(
            [sys.executable, "-m", "assistant", command, question, "--data", str(data),
             "--index", str(built_index), *bad], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("error: ") and said in result.stderr, result.stderr
        assert "茂名" in result.stderr or "2023" in result.stderr or "maoming" in result.stderr


@pytest.mark.model
def test_a_refusal_under_a_filter_names_the_filter(built_index: Path):
    import assistant

    answer = assistant.ask("2023年茂名的房价调控目标是多少？", index_dir=built_index, year=2023)
    assert not answer.found and "year=2023" in answer.text and "其他已索引的报告也没有答案" in answer.text
