"""The data folder and its index: is the index fresh, add reports, remove reports.

The build itself is `build.build_index`; this module owns the user jobs around it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import config, targets
from .build import (
    BuildProgress,
    BuildReport,
    build_index,
    build_running,
    inside,
    lexical_settings,
    lock_holder,
    source_of,
)
from .chunk import ChunkerSettings
from .errors import IndexFormatError, IndexNotFoundError, NoDocumentsError, UnsupportedFileError
from .index import read_manifest
from .load import list_report_files, load_file, sha256_bytes
from .text import CJK

log = logging.getLogger(__name__)


@dataclass
class Freshness:
    """How an index folder compares with a data folder."""

    exists: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reason: str | None = None
    folder: Path | None = None  # the data folder compared
    foreign: bool = False  # it holds none of the index's reports

    @property
    def fresh(self) -> bool:
        return self.exists and not (self.added or self.changed or self.removed or self.reason)


def _named(data_dir: str | Path | None) -> bool:
    return bool(data_dir or os.environ.get("ASSISTANT_DATA_DIR"))


def data_folder(data_dir: str | Path | None = None, index_dir: str | Path | None = None,
                manifest: dict | None = None) -> Path:
    """The data folder of an index: the one named (argument or $ASSISTANT_DATA_DIR), else the one
    the index was built from while it is there (`build --data ~/reports --index ~/idx`, then `ask
    --index ~/idx` keeps to ~/reports), else `data/`. `manifest`: the index's, when already read."""
    if _named(data_dir):
        return config.data_dir(data_dir)
    if manifest is None:
        try:
            manifest = read_manifest(config.index_dir(index_dir))
        except (IndexNotFoundError, IndexFormatError):
            manifest = {}
    built = manifest.get("data_dir")
    return Path(built) if built and Path(built).is_dir() else config.data_dir()


def _holds_none(folder: Path, known: dict) -> bool:
    """A data folder holding none of an index's reports (`known`): bringing the index in line with it
    would replace every report with others."""
    return bool(known) and folder.is_dir() and not any(source_of(p, folder) in known for p in list_report_files(folder))


def ensure_index(data_dir: str | Path | None = None, index_dir: str | Path | None = None, *,
                 progress: BuildProgress | None = None,
                 say: Callable[[str], None] = log.info) -> BuildReport | None:
    """Build or update the index when it is missing or older than the data folder, saying so.

    Returns:
        The build's report, or None when the index was already up to date.
    """
    fresh = check_freshness(data_dir, index_dir)
    if fresh.fresh:
        return None
    if fresh.exists and fresh.foreign and not _named(data_dir):
        # (an index built from reports kept elsewhere, asked from a folder that has a data/ of its own)
        say(f"{config.index_dir(index_dir)} holds none of the reports in {fresh.folder}; answering from it as it is "
            f"(name the folder with --data to bring the index in line with it).")
        return None
    data_dir = fresh.folder
    if fresh.exists and build_running(config.index_dir(index_dir)):
        # Readers never wait for a long build: they answer from the index as it is.
        holder = lock_holder(config.index_dir(index_dir)) or "another process"
        say(f"A build of {config.index_dir(index_dir)} is running ({holder}); answering from the current index.")
        return None
    changes = ", ".join(f"{len(v)} {k}" for k, v in
                        (("new", fresh.added), ("changed", fresh.changed), ("removed", fresh.removed)) if v)
    what = fresh.reason or f"data changed: {changes}"
    say(f"Updating the index in {config.index_dir(index_dir)} ({what}) from {data_dir} …")
    report = build_index(data_dir, index_dir, progress=progress)
    say(f"Index ready: {report.chunks} chunks ({report.embedded} embedded) in {report.seconds:.1f}s.")
    return report


def open_index(data_dir: str | Path | None = None, index_dir: str | Path | None = None, *,
               progress: BuildProgress | None = None, say: Callable[[str], None] = log.info):
    """The retriever for an index brought up to date first: built when missing, out of date or
    damaged (once, under the build lock), when the data folder is there. The CLI and the page
    ask through this; `retrieve()` and `ask()` only read.

    Raises:
        IndexNotFoundError, IndexFormatError: no usable index and no data folder to build it from.
    """
    from .retrieve import get_retriever

    data = data_folder(data_dir, index_dir)
    if data.is_dir():
        ensure_index(data_dir, index_dir, progress=progress, say=say)
    try:
        retriever = get_retriever(index_dir)
        retriever.refresh()  # a long-lived process sees a replaced or damaged index here
        return retriever
    except (IndexNotFoundError, IndexFormatError) as exc:
        if not data.is_dir():
            raise
        say(f"{exc}: rebuilding it from {data} …")
        build_index(data, index_dir, rebuild=True, progress=progress)
        retriever = get_retriever(index_dir)
        retriever.refresh()
        return retriever


def _known(manifest: dict) -> dict[str, dict]:
    """Every file the manifest knows: indexed sources, duplicates and skipped files."""
    known = dict(manifest.get("sources", {}))
    known.update(manifest.get("duplicates", {}))
    known.update(manifest.get("skipped", {}))
    return known


def check_freshness(data_dir: str | Path | None = None, index_dir: str | Path | None = None,
                    model: str | None = None) -> Freshness:
    """Compare the data folder with the index manifest (size and mtime first, hash if they differ)."""
    index_dir = config.index_dir(index_dir)
    try:
        manifest = read_manifest(index_dir)
    except IndexNotFoundError:
        return Freshness(exists=False, reason="no index yet", folder=data_folder(data_dir, index_dir, {}))
    except IndexFormatError as exc:
        return Freshness(exists=False, reason=str(exc), folder=data_folder(data_dir, index_dir, {}))
    data_dir, known = data_folder(data_dir, index_dir, manifest), _known(manifest)

    def stale(reason: str) -> Freshness:
        return Freshness(exists=True, reason=reason, folder=data_dir, foreign=_holds_none(data_dir, known))
    if config.model_name(model) != manifest["embedding"]["name"]:
        return stale("the index was built with another embedding model")
    if manifest.get("bm25") != lexical_settings() or manifest["chunker"] != ChunkerSettings().to_dict():
        return stale("the chunker, the tokenizer or its word lists changed")
    if manifest.get("indicators") != targets.settings():
        return stale("the targets table's rules or vocabulary changed")
    result = Freshness(exists=True, folder=data_dir)
    if not data_dir.is_dir():
        return result  # an index shipped without its data folder is used as it is
    seen = set()
    for path in list_report_files(data_dir):
        source = source_of(path, data_dir)
        seen.add(source)
        if not inside(path, data_dir):
            continue  # a link out of the data folder is never read (the build lists it as skipped)
        info = known.get(source)
        if info is None:
            result.added.append(source)
            continue
        stat = path.stat()
        if info.get("size") == stat.st_size and info.get("mtime_ns") == stat.st_mtime_ns:
            continue
        if sha256_bytes(path.read_bytes()) != info.get("sha256"):
            result.changed.append(source)
    result.removed = sorted(set(known) - seen)
    result.foreign = bool(known) and not seen & set(known)
    return result


_UNSAFE_NAME = re.compile(rf"[^\w.\-{CJK}]+")


def safe_name(name: str) -> str:
    """A file name that cannot leave the data folder: no folders, no leading dots, no odd characters."""
    base = Path(name.replace("\\", "/")).name
    base = _UNSAFE_NAME.sub("_", base).lstrip("._") or "report"
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or len(ext) > 8:
        stem, ext = base, ""
    # At most 120 characters and 180 bytes of UTF-8 (file systems allow 255), the extension kept.
    stem = stem[: 120 - len(ext) - 1]
    while len((stem + "." + ext).encode()) > 180:
        stem = stem[:-1]
    return f"{stem}.{ext}" if ext else stem


def add_reports(paths: list[str | Path], data_dir: str | Path | None = None,
                index_dir: str | Path | None = None, *, model: str | None = None,
                progress: BuildProgress | None = None) -> BuildReport:
    """Copy report files into the data folder (under safe names) and bring the index up to date.

    Files that cannot be read as reports are not copied; they are listed in `skipped`.
    """
    data_dir = data_folder(data_dir, index_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    skipped: dict[str, str] = {}
    stored: dict[str, str] = {}
    for path in map(Path, paths):
        name = safe_name(path.name)
        try:
            load_file(path, path.parent)  # refuse what would only be skipped later
        except (UnsupportedFileError, OSError) as exc:
            skipped[name] = str(exc) if isinstance(exc, UnsupportedFileError) else f"{name}: {exc.strerror}"
            continue
        target = data_dir / name
        if target.exists() and target.read_bytes() != path.read_bytes():
            stem, suffix = target.stem, target.suffix
            n = 2
            while (data_dir / f"{stem}-{n}{suffix}").exists():
                n += 1
            target = data_dir / f"{stem}-{n}{suffix}"
        tmp = target.with_name(f".{target.name}.part")
        try:
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        stored[path.name] = target.name
    if not stored:  # every file refused: nothing to index, and the index stays as it is
        return BuildReport(index_dir=str(config.index_dir(index_dir)), skipped=dict(skipped), refused=skipped)
    report = build_index(data_dir, index_dir, model=model, progress=progress)
    for name, reason in skipped.items():
        report.skipped.setdefault(name, reason)
    report.stored, report.refused = stored, skipped
    return report


def remove_report(source: str, data_dir: str | Path | None = None,
                  index_dir: str | Path | None = None) -> BuildReport:
    """Drop one report: its file moves to `data/.removed/` (nothing is deleted) and the index follows."""
    data_dir = data_folder(data_dir, index_dir)
    path = (data_dir / source).resolve()
    if data_dir.resolve() not in path.parents or not path.is_file():
        raise NoDocumentsError(f"no report {source!r} in {data_dir}")
    trash = data_dir / ".removed"
    trash.mkdir(exist_ok=True)
    os.replace(path, trash / f"{time.strftime('%Y%m%dT%H%M%S')}-{path.name}")
    return build_index(data_dir, index_dir)

