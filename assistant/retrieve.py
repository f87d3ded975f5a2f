"""Retrieve stage: hybrid dense (FAISS) + lexical (BM25) search over a built index."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from . import config
from .embed import get_embedder
from .errors import IndexFormatError, IndexNotFoundError, InvalidQuestionError
from .glossary import expand
from .index import MANIFEST, IndexStore
from .load import years_in
from .tokenize import has_latin, to_simplified, tokens

log = logging.getLogger(__name__)

_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{3,}(?![A-Za-z])")
MODES = ("hybrid", "dense", "bm25")
FUSIONS = ("blend", "rrf")
RRF_K = 60
# Weight of the dense cosine in the blend; BM25 scores are divided by the best one first.
BLEND_ALPHA = 0.5
# How many candidates each side contributes to the fusion.
CANDIDATES = 50


@dataclass
class Hit:
    """One retrieved passage and where it stands in its report."""

    text: str
    score: float
    source: str
    section: str
    start: int
    end: int
    chunk_id: str
    rank: int
    title: str = ""
    year: int | None = None
    region: str | None = None
    dense_score: float | None = None
    bm25_score: float | None = None
    locator: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def check_question(question: str) -> str:
    """The question stripped, or InvalidQuestionError for empty or too long questions."""
    if not isinstance(question, str) or not question.strip():
        raise InvalidQuestionError("the question is empty; type a question about the report")
    question = question.strip()
    if len(question) > config.MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"the question is {len(question):,} characters long; the limit is "
            f"{config.MAX_QUESTION_CHARS:,}: ask about one thing at a time"
        )
    return question


def query_tokens(question: str) -> list[str]:
    """BM25 tokens of a question; English questions are widened with glossary terms."""
    toks = tokens(question)
    if has_latin(question):
        for term in expand(question):
            toks.extend(tokens(term))
    return toks


def dense_query(question: str) -> str:
    """The text embedded for a question: English questions carry their glossary terms along."""
    if has_latin(question):
        terms = expand(question)
        if terms:
            return f"{question} {' '.join(terms)}"
    return question


def fuse(dense: dict[int, float], lexical: dict[int, float], fusion: str = "blend") -> dict[int, float]:
    """Combine dense cosines and BM25 scores: a weighted blend, or reciprocal-rank fusion."""
    fused: dict[int, float] = {}
    if fusion == "rrf":
        for ranking in (dense, lexical):
            for rank, i in enumerate(sorted(ranking, key=ranking.__getitem__, reverse=True)):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        return fused
    top = max(lexical.values(), default=0.0) or 1.0
    floor = min(dense.values(), default=0.0)
    for i in set(dense) | set(lexical):
        fused[i] = BLEND_ALPHA * dense.get(i, floor) + (1 - BLEND_ALPHA) * lexical.get(i, 0.0) / top
    return fused


class Retriever:
    """A loaded index and its embedder; reloads itself when the index on disk is replaced.

    Args:
        index_dir: the index folder (default `index/` or $ASSISTANT_INDEX_DIR).
    """

    def __init__(self, index_dir: str | Path | None = None) -> None:
        self.index_dir = config.index_dir(index_dir)
        self._lock = threading.Lock()
        self.store = IndexStore.load(self.index_dir)
        self.embedder = get_embedder(self.store.manifest["embedding"]["name"])

    def refresh(self) -> bool:
        """Load the index again if a build replaced it; True when it did."""
        try:
            mtime = (self.index_dir / MANIFEST).stat().st_mtime
        except FileNotFoundError:
            return False  # keep answering from what is loaded
        if mtime == self.store.loaded_mtime:
            return False
        with self._lock:
            if mtime != self.store.loaded_mtime:
                store = IndexStore.load(self.index_dir)
                self.embedder = get_embedder(store.manifest["embedding"]["name"])
                self.store = store
        return True

    def reports(self) -> dict[str, dict]:
        """Indexed sources with their metadata (title, year, region, chunks, hash...)."""
        return self.store.manifest["sources"]

    def implied_filters(self, question: str) -> tuple[int | None, str | None]:
        """Year and region a question names, when several years or regions are indexed.

        With the 2022 and 2023 reports indexed, "2023年固定资产投资增长目标" is about the 2023 one.
        """
        infos = self.store.manifest["sources"].values()
        years = {info.get("year") for info in infos} - {None}
        regions = {info.get("region") for info in infos} - {None, ""}
        year = region = None
        if len(years) > 1:
            named = [y for y in years_in(question) if y in years]
            year = named[0] if len(set(named)) == 1 else None
        if len(regions) > 1:
            named_regions = [r for r in regions if r in question]
            region = named_regions[0] if len(named_regions) == 1 else None
        return year, region

    def _mask(self, source: str | list[str] | None, year: int | None, region: str | None) -> np.ndarray | None:
        if source is None and year is None and region is None:
            return None
        sources = self.store.manifest["sources"]
        wanted = {source} if isinstance(source, str) else set(source or sources)
        ok = {
            s for s, info in sources.items()
            if s in wanted and (year is None or info.get("year") == int(year))
            and (region is None or (info.get("region") or "") == region)
        }
        wanted_ids = [i for i, name in enumerate(self.store.source_names) if name in ok]
        return np.isin(self.store.source_ids, wanted_ids)

    def lexical_query(self, question: str) -> list[str]:
        """BM25 tokens of a question; capitalised names also match the pinyin they begin
        (Shuidong → shuidongwan), ordinary English words do not (want ≠ wanting)."""
        toks = query_tokens(question)
        bm25 = self.store.bm25
        extra = []
        for name in {w.lower() for w in _NAME.findall(question)}:
            if name not in bm25.vocab:
                extra.extend(bm25.prefixed(name))
        return toks + extra

    def embed_question(self, question: str) -> np.ndarray:
        """The question's vector (English questions carry their glossary terms along)."""
        return self.embedder.embed_query(to_simplified(dense_query(question)))

    def dense_scores(self, q: np.ndarray, mask: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-n chunk rows and cosine scores from the vector index (restricted to mask)."""
        return self.store.search_vectors(q, n, None if mask is None else np.flatnonzero(mask))

    def search(
        self,
        question: str,
        k: int = 5,
        *,
        mode: str = "hybrid",
        fusion: str = "blend",
        source: str | list[str] | None = None,
        year: int | None = None,
        region: str | None = None,
        query_vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """The k passages that best answer the question.

        Args:
            question: Chinese or English.
            k: how many hits.
            mode: "hybrid" (dense + BM25), "dense" or "bm25".
            fusion: how hybrid combines them: "blend" (weighted scores) or "rrf" (reciprocal ranks).
            source, year, region: keep only hits from matching reports.
            query_vector: the question's vector, when the caller has it already.
        Returns:
            Hits, best first; `score` is the fused score, `dense_score`/`bm25_score` the parts.
        """
        question = check_question(question)
        if mode not in MODES or fusion not in FUSIONS:
            raise ValueError(f"mode must be one of {MODES} and fusion one of {FUSIONS}")
        self.refresh()
        store = self.store
        if not store.chunks or k <= 0:
            return []
        if source is None and year is None and region is None:
            year, region = self.implied_filters(question)
        mask = self._mask(source, year, region)
        n = max(CANDIDATES, k)
        dense: dict[int, float] = {}
        lexical: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            if query_vector is None:
                query_vector = self.embed_question(question)
            ids, scores = self.dense_scores(query_vector, mask, n)
            dense = dict(zip(ids.tolist(), scores.tolist()))
        if mode in ("hybrid", "bm25"):
            bm = store.bm25.scores(self.lexical_query(question))
            if mask is not None:
                bm = np.where(mask, bm, 0.0)
            if len(bm) > n:  # partial selection: the top n without sorting every chunk
                part = np.argpartition(-bm, n)[:n]
                top = part[np.argsort(-bm[part], kind="stable")]
            else:
                top = np.argsort(-bm, kind="stable")
            lexical = {int(i): float(bm[i]) for i in top if bm[i] > 0}
        if mode == "dense":
            fused = dense
        elif mode == "bm25":
            fused = lexical
        else:
            fused = fuse(dense, lexical, fusion)
        best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        sources = store.manifest["sources"]
        hits = []
        for rank, i in enumerate(best, 1):
            c = store.chunks[i]
            info = sources.get(c.source, {})
            hits.append(Hit(
                text=c.text, score=float(fused[i]), source=c.source, section=c.section,
                start=c.start, end=c.end, chunk_id=c.id, rank=rank, title=info.get("title", ""),
                year=info.get("year"), region=info.get("region"),
                dense_score=dense.get(i), bm25_score=lexical.get(i, 0.0 if mode != "dense" else None),
                locator=c.locator,
            ))
        return hits


_RETRIEVERS: dict[Path, Retriever] = {}
_CACHE_LOCK = threading.Lock()


def get_retriever(index_dir: str | Path | None = None, data_dir: str | Path | None = None,
                  auto_build: bool = True) -> Retriever:
    """A cached Retriever for an index folder; builds the index from data first if it is missing."""
    path = config.index_dir(index_dir).resolve()
    with _CACHE_LOCK:
        retriever = _RETRIEVERS.get(path)
        if retriever is None:
            try:
                retriever = Retriever(path)
            except (IndexNotFoundError, IndexFormatError) as exc:
                data = config.data_dir(data_dir)
                if not auto_build or not data.is_dir():
                    raise
                from .build import build_index

                log.warning("%s: building the index from %s", exc, data)
                build_index(data, path)
                retriever = Retriever(path)
            _RETRIEVERS[path] = retriever
    return retriever


def retrieve(
    question: str,
    k: int = 5,
    index_dir: str | Path | None = None,
    *,
    mode: str = "hybrid",
    source: str | list[str] | None = None,
    year: int | None = None,
    region: str | None = None,
    data_dir: str | Path | None = None,
) -> list[Hit]:
    """The k passages of the indexed reports that best answer a question.

    Args:
        question: Chinese or English.
        k: number of hits.
        index_dir: index folder (default `index/` or $ASSISTANT_INDEX_DIR).
        mode: "hybrid", "dense" or "bm25".
        source, year, region: optional filters.
        data_dir: where to build the index from if it does not exist yet.
    Returns:
        `Hit`s best first, with text, score, source, section, start and end.
    """
    return get_retriever(index_dir, data_dir).search(
        question, k, mode=mode, source=source, year=year, region=region
    )
