"""Crash safety, locking and hot reload of the index (real builds, real processes)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import assistant
from assistant.build import LOCK_FILE, LOCK_INFO
from assistant.errors import IndexFormatError, IndexLockedError
from assistant.index import IndexStore, read_manifest
from assistant.library import add_reports, open_index, remove_report, safe_name
from assistant.retrieve import Retriever

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO / "data" / "maoming-2023-government-work-report.txt"
QUESTION = "2023年固定资产投资增长目标是多少？"

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _data_with_report(root: Path) -> Path:
    data = root / "data"
    data.mkdir(parents=True)
    shutil.copy(REPORT, data / REPORT.name)
    return data


def _variant(text: str, year: int, figure: str) -> str:
    """The report as if of another year, with another investment figure."""
    return text.replace("2023年工作安排", f"{year}年工作安排").replace("8.5%以上", f"{figure}以上")


def _hit_ids(index: Path) -> list[str]:
    return [h.chunk_id for h in Retriever(index).search(QUESTION, 5)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data folder with the report and a second report, built once; tests copy it."""
    root = tmp_path_factory.mktemp("lifecycle")
    data = _data_with_report(root)
    (data / "maoming-2022.txt").write_text(_variant(REPORT.read_text(encoding="utf-8"), 2022, "9.9%"),
                                           encoding="utf-8")
    assistant.build_index(data, root / "index")
    return root


@pytest.fixture
def corpus(built, tmp_path):
    shutil.copytree(built / "data", tmp_path / "data")
    shutil.copytree(built / "index", tmp_path / "index")
    return tmp_path / "data", tmp_path / "index"


def _start_build(data: Path, index: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "build", "--rebuild", "-q", "--data", str(data), "--index", str(index)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _generation_files(index: Path) -> set[str]:
    return {p.name for p in index.iterdir() if p.name.startswith(("chunks.", "vectors.", "bm25.", "clauses."))}


def test_sigkill_during_build_leaves_previous_index_loadable(corpus):
    data, index = corpus
    before = _hit_ids(index)
    manifest_before = read_manifest(index)
    # Kill at fixed moments of the build, then as soon as the new generation's files appear
    # (the write phase, the most delicate moment).
    for delay in (0.3, 1.0, 2.5, None):
        old_files = _generation_files(index)
        proc = _start_build(data, index)
        try:
            if delay is None:
                deadline = time.time() + 120
                while time.time() < deadline and not (_generation_files(index) - old_files):
                    if proc.poll() is not None:
                        break
                    time.sleep(0.002)
            else:
                time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
        store = IndexStore.load(index)  # never half of two generations
        assert store.manifest["chunk_count"] == len(store.chunks) == store.faiss_index.ntotal
        assert _hit_ids(index) == before
        assert set(store.manifest["sources"]) == set(manifest_before["sources"])
    # A build after the crashes succeeds, and leaves at most two generations behind.
    report = assistant.build_index(data, index, rebuild=True)
    assert report.chunks == manifest_before["chunk_count"]
    assert _hit_ids(index) == before
    gens = {name.split(".")[1] for name in _generation_files(index)}
    assert len(gens) <= 2


def test_second_build_waits_for_the_first(corpus):
    data, index = corpus
    first = _start_build(data, index)
    second = _start_build(data, index)
    try:
        assert first.wait(timeout=300) == 0
        assert second.wait(timeout=300) == 0
    finally:
        for proc in (first, second):
            if proc.poll() is None:
                proc.kill()
    IndexStore.load(index)


def test_lock_held_elsewhere_names_the_holder(corpus):
    from filelock import FileLock

    data, index = corpus
    lock = FileLock(str(index / LOCK_FILE))
    lock.acquire()
    try:
        (index / LOCK_INFO).write_text(json.dumps({"pid": 4242, "host": "box", "since": "now"}))
        with pytest.raises(IndexLockedError, match="PID 4242"):
            assistant.build_index(data, index, lock_timeout=0.5)
    finally:
        lock.release()


def test_queries_during_rebuild_use_the_old_index_then_the_new(corpus):
    data, index = corpus
    retriever = Retriever(index)
    old = retriever.search(QUESTION, 3)
    assert "8.5%" in " ".join(h.text for h in old)
    text = REPORT.read_text(encoding="utf-8").replace("8.5%以上", "7.7%以上")
    (data / REPORT.name).write_text(text, encoding="utf-8")
    answers: list[list] = []
    done = threading.Event()

    def query_loop():
        while not done.is_set():
            answers.append(retriever.search(QUESTION, 3))

    thread = threading.Thread(target=query_loop)
    thread.start()
    try:
        report = assistant.build_index(data, index)
    finally:
        done.set()
        thread.join()
    assert report.updated == [REPORT.name]
    assert answers, "queries ran during the rebuild"
    assert all(len(a) == 3 for a in answers)
    new = retriever.search(QUESTION, 3, source=REPORT.name)  # the same object picks up the new index
    joined = " ".join(h.text for h in new)
    assert "7.7%" in joined and "8.5%" not in joined


@pytest.mark.parametrize("damage", ["truncate_vectors", "edit_manifest", "delete_chunks"])
def test_damaged_index_is_reported_or_rebuilt(corpus, damage):
    data, index = corpus
    manifest = read_manifest(index)
    files = manifest["files"]
    if damage == "truncate_vectors":
        path = index / files["vectors"]
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "edit_manifest":
        manifest["chunk_count"] += 5
        (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    else:
        (index / files["chunks"]).unlink()
    with pytest.raises(IndexFormatError, match="python -m assistant build --rebuild"):
        IndexStore.load(index)
    # With the data at hand, the CLI and the page (which own "build when missing") rebuild it.
    retriever = open_index(data, index)
    assert "8.5%" in " ".join(h.text for h in retriever.search(QUESTION, 3))


def test_damaged_index_without_data_says_how_to_rebuild(corpus, tmp_path):
    _, index = corpus
    manifest = read_manifest(index)
    (index / manifest["files"]["vectors"]).write_bytes(b"not faiss")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "search", QUESTION, "--index", str(index),
         "--data", str(tmp_path / "no-data")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "python -m assistant build --rebuild" in proc.stderr


def test_years_are_kept_apart(corpus):
    _, index = corpus
    ans_2023 = assistant.ask("2023年固定资产投资增长目标是多少？", index_dir=index)
    ans_2022 = assistant.ask("2022年固定资产投资增长目标是多少？", index_dir=index)
    assert "8.5%" in ans_2023.text and all(c.year == 2023 for c in ans_2023.citations)
    assert "9.9%" in ans_2022.text and all(c.year == 2022 for c in ans_2022.citations)


def test_add_and_remove_from_outside(corpus, tmp_path):
    data, index = corpus
    outside = tmp_path / "inbox"
    outside.mkdir()
    new = outside / "../inbox/茂名 2024 报告.txt"
    new.write_text(_variant(REPORT.read_text(encoding="utf-8"), 2024, "6.6%"), encoding="utf-8")
    (outside / "broken.txt").write_bytes(os.urandom(4000))
    report = add_reports([new, outside / "broken.txt"], data, index)
    name = safe_name(new.name)
    assert report.added == [name]
    assert "broken.txt" in report.skipped and not (data / "broken.txt").exists()
    # Vectors are reused by content: only the passages that differ from the indexed report are embedded.
    assert 0 < report.embedded < read_manifest(index)["sources"][name]["chunks"]
    assert "6.6%" in assistant.ask("2024年固定资产投资增长目标是多少？", index_dir=index).text
    report = remove_report(name, data, index)
    assert report.removed == [name]
    assert not (data / name).exists() and any((data / ".removed").iterdir())
    assert name not in read_manifest(index)["sources"]


@pytest.mark.parametrize("name,expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\evil.txt", "evil.txt"),
    (".hidden.txt", "hidden.txt"),
    ("报告 2023.txt", "报告_2023.txt"),
    ("a/b/c.md", "c.md"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def _ask_from(cwd: Path, index: Path) -> subprocess.CompletedProcess:
    """`ask` from a folder with a data/ of its own, naming only the index (as a user of one index would)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "assistant", "ask", QUESTION, "--index", str(index)],
                          cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)


def test_an_index_keeps_to_the_folder_it_was_built_from(tmp_path):
    # Reports kept elsewhere, indexed there; asked later from a folder whose data/ holds another report.
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(REPORT, reports / REPORT.name)
    index = tmp_path / "idx"
    assistant.build_index(reports, index)
    assert read_manifest(index)["data_dir"] == str(reports.resolve())
    elsewhere = tmp_path / "project"
    (elsewhere / "data").mkdir(parents=True)
    (elsewhere / "data" / "other.txt").write_text(
        _variant(REPORT.read_text(encoding="utf-8"), 2019, "3.3%"), encoding="utf-8")
    proc = _ask_from(elsewhere, index)
    assert proc.returncode == 0, proc.stderr
    assert "8.5%" in proc.stdout and "3.3%" not in proc.stdout
    assert set(read_manifest(index)["sources"]) == {REPORT.name}
    # A report dropped into the folder it was built from is indexed at the next question.
    (reports / "maoming-2019.txt").write_text(_variant(REPORT.read_text(encoding="utf-8"), 2019, "4.4%"),
                                              encoding="utf-8")
    proc = _ask_from(elsewhere, index)
    assert proc.returncode == 0, proc.stderr
    assert set(read_manifest(index)["sources"]) == {REPORT.name, "maoming-2019.txt"}
    # An index that does not say where its reports are (built by an earlier version) is not replaced
    # by a folder holding none of its reports: it answers as it is, and says how to update it.
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    del manifest["data_dir"]
    (index / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    proc = _ask_from(elsewhere, index)
    assert proc.returncode == 0, proc.stderr
    assert "holds none of the reports" in proc.stderr and "--data" in proc.stderr
    assert set(read_manifest(index)["sources"]) == {REPORT.name, "maoming-2019.txt"}
