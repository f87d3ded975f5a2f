"""Index stage: the on-disk index (FAISS vectors + BM25 + chunks + manifest) and its format.

Layout of an index folder (format 2):
    manifest.json                 format, model, dimension, chunker, sources, files, timestamps
    chunks.<gen>.jsonl            one chunk a line, row i = vector i
    vectors.<gen>.faiss           faiss.write_index of the inner-product index
    bm25.<gen>.npz / .vocab.json  BM25 weights (sparse) and vocabulary
    clauses.<gen>.npy             float16 vectors of every chunk's clauses (the answer units), in
                                  chunk order; chunk rows list their clause spans
    indicators.<gen>.jsonl        the targets table: one target or outcome figure a line, with its
                                  source span (`assistant.targets.IndicatorRow`)
The manifest names the generation's files and is replaced atomically last, so a reader sees
either the old index or the new one, never half of each.
"""

from __future__ import annotations

import bisect
import functools
import json
import logging
import os
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .bm25 import BM25
from .chunk import Chunk
from .errors import IndexFormatError, IndexNotFoundError
from .manifest import (  # noqa: F401  (re-exported: the index format's names)
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    REBUILD_HINT,
    Manifest,
    SourceInfo,
    read_manifest,
)
from .targets import IndicatorRow, read_rows, write_rows
from .text import CJK_CHAR, FIVE_YEAR_PLANS, remember_romanised
from .tokenize import normalize
from .version import __version__

log = logging.getLogger(__name__)

# Above this many chunks the exact flat index gives way to HNSW: exact search costs ~6 ms per
# 100k chunks per question here (31 ms at 500k); HNSW ~2 ms (benchmarks/bench_scale.py, README "Scale").
# efSearch=384: recall@10 0.953 at 1M vectors, p50 2.2 ms a question (128 gave 0.925).
APPROXIMATE_THRESHOLD = 500_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 384


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def make_faiss_index(vectors: np.ndarray, dim: int):
    """Exact inner-product index for small corpora, HNSW above APPROXIMATE_THRESHOLD."""
    import faiss

    if len(vectors) >= APPROXIMATE_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


@dataclass
class IndexStore:
    """A loaded index: chunks, their vectors in FAISS, BM25 and the manifest describing them."""

    manifest: dict
    chunks: list[Chunk]
    tokens: list[list[str]]
    faiss_index: object
    bm25: BM25
    clause_spans: list[list[tuple[int, int]]]
    clause_vectors: np.ndarray
    path: Path | None = None
    loaded_mtime: float = field(default=0.0)
    indicators: list[IndicatorRow] = field(default_factory=list)
    # chunk id -> its clauses' words (quotes.clause_terms): belongs to this loaded generation.
    clause_term_cache: dict = field(default_factory=dict, repr=False, compare=False)
    # chunk row -> its text normalised for matching (normalized_text), filled as rows are asked for.
    _normalized: dict = field(default_factory=dict, repr=False, compare=False)
    # The clause vectors as float32, made on the first clause search.
    _clauses32: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.row_of = {c.id: i for i, c in enumerate(self.chunks)}
        self._positions = [(c.source, c.start) for c in self.chunks]
        # Each chunk's source as a small integer, so filters are one vectorised comparison.
        self.source_names = sorted({c.source for c in self.chunks})
        number = {name: i for i, name in enumerate(self.source_names)}
        self.source_ids = np.fromiter((number[c.source] for c in self.chunks), dtype=np.int32,
                                      count=len(self.chunks))
        self.clause_ptr = np.concatenate([[0], np.cumsum([len(s) for s in self.clause_spans])]).astype(np.int64)
        # What filters need per chunk, as arrays: its report's year and region, the years it covers.
        self.info = Manifest.from_dict(self.manifest)
        infos = self.info.sources
        self.regions = frozenset(i.region for i in infos.values() if i.region)
        remember_romanised({i.region: i.region_en for i in infos.values() if i.region})
        self.years = {i.year for i in infos.values() if i.year}
        by_id = [infos.get(name) or SourceInfo("") for name in self.source_names]
        self.report_year = np.array([by_id[s].year or 0 for s in self.source_ids], dtype=np.int32)
        self._source_region = np.array([by_id[s].region or "" for s in range(len(by_id))], dtype=object)
        self.period_lo = np.array([(c.period or [0, 0])[0] for c in self.chunks], dtype=np.int32)
        self.period_hi = np.array([(c.period or [0, 0])[1] for c in self.chunks], dtype=np.int32)
        self.kinds = np.array([c.kind or "other" for c in self.chunks], dtype=object)

    def region_mask(self, regions: list[str]) -> np.ndarray:
        """Chunks of reports about one of these regions."""
        ids = [i for i, r in enumerate(self._source_region) if r in regions]
        return np.isin(self.source_ids, ids)

    def about_years(self, years: list[int], kind: str | None = None) -> np.ndarray:
        """Chunks about one of these years: a one-year period of it or a span ending with it, or
        (no period) a report of that year; of that kind (outcome or plan), when given."""
        out = np.zeros(len(self.chunks), dtype=bool)
        single = self.period_lo == self.period_hi
        unplaced = self.period_lo == 0
        for y in years:
            covers = (self.period_lo <= y) & (y <= self.period_hi) & (single | (self.period_hi == y))
            out |= covers & ((self.kinds == kind) if kind else True)
            # A passage that names no period is about its report's year (a plan) or, for an
            # outcome, the year before: the 2024 report says what 2023 achieved.
            if kind != "outcome":
                out |= unplaced & (self.report_year == y)
            if kind != "plan":
                out |= unplaced & (self.report_year == y + 1) & (kind == "outcome")
        return out

    def about_span(self, span: tuple[int, int], kind: str | None = None) -> np.ndarray:
        """Chunks about a five-year plan (2016-2020 for 十三五): for a plan, a period within its
        years or (no period) a report of them; else what it came to, a period ending with its last
        year (the review of the five years, or of the last) or a report of the year after; and
        any chunk naming the plan (谋划“十五五” in a 2025 report's plan for its year)."""
        lo, hi = span
        placed = self.period_lo > 0
        out = placed & (self.period_lo >= lo) & (self.period_hi <= hi) & ((self.kinds == kind) if kind else True)
        if kind == "plan":
            out |= ~placed & (self.report_year >= lo) & (self.report_year <= hi)
        else:
            out &= self.period_hi == hi
            out |= ~placed & (self.report_year == hi + 1)
        names = [n for n, start in FIVE_YEAR_PLANS.items() if start == lo]
        if names:
            out |= np.fromiter((names[0] in c.text for c in self.chunks), dtype=bool, count=len(self.chunks))
        return out

    def clauses_of(self, row: int) -> tuple[list[tuple[int, int]], np.ndarray]:
        """A chunk's clause spans and their vectors."""
        lo, hi = self.clause_ptr[row], self.clause_ptr[row + 1]
        return self.clause_spans[row], self.clause_vectors[lo:hi]

    def clauses_of_chunk(self, chunk_id: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """A chunk's clause spans and vectors, by chunk id."""
        return self.clauses_of(self.row_of[chunk_id])

    def chunk(self, chunk_id: str) -> Chunk:
        return self.chunks[self.row_of[chunk_id]]

    def chunk_at(self, source: str, offset: int) -> Chunk | None:
        """The chunk of `source` whose span holds `offset` (chunks are kept in (source, start) order)."""
        i = bisect.bisect_right(self._positions, (source, offset)) - 1
        chunk = self.chunks[i] if i >= 0 else None
        return chunk if chunk is not None and chunk.source == source and chunk.start <= offset < chunk.end else None

    @functools.cached_property
    def has_english(self) -> bool:
        """Some indexed report is an English translation (most of its passages have no Chinese)."""
        latin, total = Counter(), Counter()
        for c in self.chunks:
            total[c.source] += 1
            latin[c.source] += not CJK_CHAR.search(c.text)
        return any(2 * latin[s] > n for s, n in total.items())

    def next_chunk(self, source: str, end: int) -> Chunk | None:
        """The chunk of `source` that begins exactly at `end`: the passage that continues one
        without a gap (a paragraph cut in pieces); None at a gap or the report's end."""
        nxt = self.chunk_at(source, end)
        return nxt if nxt is not None and nxt.start == end else None

    def normalized_text(self, row: int) -> str:
        """A chunk's text folded for matching (`tokenize.normalize`), computed once per loaded index."""
        text = self._normalized.get(row)
        if text is None:
            text = self._normalized[row] = normalize(self.chunks[row].text)
        return text

    def idf(self, token: str) -> float:
        """Inverse document frequency of a token over the chunks (unseen tokens: the maximum)."""
        return self.bm25.idf(token)

    def knows(self, token: str) -> bool:
        """Whether any chunk holds the token."""
        return token in self.bm25.vocab

    def sources(self) -> dict[str, SourceInfo]:
        """Indexed reports and what the manifest records of them (title, region, level, year…)."""
        return self.info.sources

    @property
    def dim(self) -> int:
        return int(self.manifest["embedding"]["dim"])

    def search_vectors(self, query: np.ndarray, n: int,
                       allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the n chunks nearest to a query vector, and their cosines, best first.

        This, `make_faiss_index`, `vectors` and the read/write calls in `save`/`load` are the
        whole vector backend: another engine (e.g. a distributed one) replaces these.

        Args:
            query: a normalised query vector.
            n: how many.
            allowed: only these chunk rows (filters by source, year or region).
        """
        import faiss

        q = np.asarray(query, dtype=np.float32).reshape(1, -1)
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
        n = min(n, self.faiss_index.ntotal)
        if n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores, ids = self.faiss_index.search(q, n, params=params)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def clause_best(self, query: np.ndarray) -> np.ndarray:
        """Each chunk's best clause cosine with a query vector (-1 for a chunk without clauses)."""
        if self._clauses32 is None:
            self._clauses32 = np.asarray(self.clause_vectors, dtype=np.float32)
        out = np.full(len(self.chunks), -1.0, dtype=np.float32)
        if not len(self._clauses32):
            return out
        sims = self._clauses32 @ np.asarray(query, dtype=np.float32).reshape(-1)
        has = self.clause_ptr[1:] > self.clause_ptr[:-1]
        out[has] = np.maximum.reduceat(sims, self.clause_ptr[:-1][has])
        return out

    def vectors(self) -> np.ndarray:
        """Every stored vector, in chunk order (used to carry unchanged sources over)."""
        n = self.faiss_index.ntotal
        if n == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.faiss_index.reconstruct_n(0, n)

    @classmethod
    def create(cls, manifest: dict, chunks: list[Chunk], tokens: list[list[str]],
               vectors: np.ndarray, clause_spans: list[list[tuple[int, int]]],
               clause_vectors: list[np.ndarray], indicators: list[IndicatorRow] | None = None) -> IndexStore:
        dim = int(manifest["embedding"]["dim"])
        faiss_index = make_faiss_index(vectors, dim)
        manifest = dict(manifest)
        manifest["faiss"] = {"type": type(faiss_index).__name__, "metric": "inner_product"}
        manifest["chunk_count"] = len(chunks)
        dim_zero = np.zeros((0, dim), dtype=np.float16)
        stacked = np.vstack([v.astype(np.float16) for v in clause_vectors]) if clause_vectors else dim_zero
        return cls(manifest, chunks, tokens, faiss_index, BM25.build(tokens), clause_spans, stacked,
                   indicators=list(indicators or []))

    def save(self, index_dir: str | Path) -> None:
        """Write a new generation of files, then switch the manifest to it atomically."""
        index_dir = Path(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        gen = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        files = {
            "chunks": f"chunks.{gen}.jsonl",
            "vectors": f"vectors.{gen}.faiss",
            "bm25": f"bm25.{gen}.npz",
            "vocab": f"bm25.{gen}.vocab.json",
            "clauses": f"clauses.{gen}.npy",
            "indicators": f"indicators.{gen}.jsonl",
        }
        try:
            self._write_generation(index_dir, files)
        except BaseException:
            # A full disk or a kill mid-write: remove this generation's files; the old index stays.
            for name in files.values():
                (index_dir / name).unlink(missing_ok=True)
            raise
        previous = _read_manifest_quiet(index_dir)
        self.manifest.update(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            package_version=__version__,
            files=files,
            generation=gen,
            updated_at=now_iso(),
        )
        self.manifest.setdefault("created_at", self.manifest["updated_at"])
        tmp = index_dir / f".{MANIFEST}.{gen}.tmp"
        try:
            tmp.write_text(json.dumps(self.manifest, ensure_ascii=False, indent=2), encoding="utf-8")
            _fsync(tmp)
            os.replace(tmp, index_dir / MANIFEST)
        except BaseException:
            tmp.unlink(missing_ok=True)
            for name in files.values():
                (index_dir / name).unlink(missing_ok=True)
            raise
        _fsync_dir(index_dir)
        keep = set(files.values()) | set((previous or {}).get("files", {}).values())
        _remove_stale_generations(index_dir, keep)
        self.path = index_dir

    def _write_generation(self, index_dir: Path, files: dict[str, str]) -> None:
        import faiss

        with open(index_dir / files["chunks"], "w", encoding="utf-8") as fh:
            for chunk, toks, spans in zip(self.chunks, self.tokens, self.clause_spans):
                row = chunk.to_dict() | {"tokens": " ".join(toks), "clauses": [list(sp) for sp in spans]}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        faiss.write_index(self.faiss_index, str(index_dir / files["vectors"]))
        self.bm25.save(index_dir / files["bm25"], index_dir / files["vocab"])
        np.save(index_dir / files["clauses"], self.clause_vectors.astype(np.float16), allow_pickle=False)
        write_rows(index_dir / files["indicators"], self.indicators)
        for name in files.values():
            _fsync(index_dir / name)

    @classmethod
    def load(cls, index_dir: str | Path) -> IndexStore:
        """Load an index folder, checking its manifest.

        Raises:
            IndexNotFoundError: no manifest in the folder.
            IndexFormatError: foreign, older or damaged index.
        """
        import faiss

        index_dir = Path(index_dir)
        manifest = read_manifest(index_dir)
        mtime = (index_dir / MANIFEST).stat().st_mtime
        files = manifest.get("files") or {}
        missing = [name for key in ("chunks", "vectors", "bm25", "vocab", "clauses")
                   if not (index_dir / (name := files.get(key, f"<{key}>"))).is_file()]
        if missing:
            raise IndexFormatError(f"index at {index_dir} is missing {', '.join(missing)}; {REBUILD_HINT}")
        step = "chunks"
        try:
            chunks, tokens, spans = [], [], []
            with open(index_dir / files["chunks"], encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    tokens.append(row.pop("tokens"))
                    spans.append([tuple(sp) for sp in row.pop("clauses")])
                    chunks.append(Chunk(**row))
            step = "vectors"
            faiss_index = faiss.read_index(str(index_dir / files["vectors"]))
            step = "bm25"
            bm25 = BM25.load(index_dir / files["bm25"], index_dir / files["vocab"])
            step = "clauses"
            # Mapped, not read: an answer touches the clauses of a few passages only.
            clause_vectors = np.load(index_dir / files["clauses"], allow_pickle=False, mmap_mode="r")
            step = "indicators"  # an index from before the targets table has none: rebuilt on the next build
            indicators = read_rows(index_dir / files["indicators"]) if "indicators" in files else []
        except Exception as exc:
            # The reader's own message names its source files and internals: logged, not shown.
            log.debug("cannot read %s of %s", step, index_dir, exc_info=True)
            raise IndexFormatError(
                f"index at {index_dir} is damaged (its {step} file {files.get(step, '')} cannot be read); {REBUILD_HINT}"
            ) from exc
        n = manifest.get("chunk_count")
        if not (faiss_index.ntotal == len(chunks) == n == bm25.weights.shape[0]):
            raise IndexFormatError(
                f"index at {index_dir} is inconsistent ({faiss_index.ntotal} vectors, {len(chunks)} "
                f"chunks, manifest says {n}); {REBUILD_HINT}"
            )
        if clause_vectors.shape[0] != sum(len(sp) for sp in spans):
            raise IndexFormatError(f"index at {index_dir} has the wrong number of clause vectors; {REBUILD_HINT}")
        if faiss_index.d != int(manifest["embedding"]["dim"]):
            raise IndexFormatError(f"index at {index_dir} has vectors of the wrong size; {REBUILD_HINT}")
        if hasattr(faiss_index, "hnsw"):
            faiss_index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(manifest, chunks, LazyTokens(tokens), faiss_index, bm25, spans, clause_vectors, index_dir, mtime,
                   indicators)


class LazyTokens(Sequence):
    """Each chunk's BM25 tokens, split from their stored line when asked for (answering never
    needs them; a build carrying chunks over does)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [line.split() for line in self.lines[i]]
        return self.lines[i].split()


def _read_manifest_quiet(index_dir: Path) -> dict | None:
    try:
        return read_manifest(index_dir)
    except (IndexNotFoundError, IndexFormatError):
        return None


def clean_stale(index_dir: str | Path) -> None:
    """Remove files of generations the manifest does not name (left by a killed or failed build)."""
    index_dir = Path(index_dir)
    manifest = _read_manifest_quiet(index_dir)
    if manifest is not None and index_dir.is_dir():
        _remove_stale_generations(index_dir, set(manifest.get("files", {}).values()))


def _remove_stale_generations(index_dir: Path, keep: set[str]) -> None:
    for path in index_dir.iterdir():
        if path.name.startswith(("chunks.", "vectors.", "bm25.", "clauses.", "indicators.")) and path.name not in keep:
            path.unlink(missing_ok=True)
        elif path.name.startswith(f".{MANIFEST}.") and path.name.endswith(".tmp"):
            if time.time() - path.stat().st_mtime > 3600:
                path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        _fsync(path)
    except OSError:  # some file systems cannot fsync a directory
        pass
