"""The manifest of an index folder: what `manifest.json` holds, typed, and how it is read and checked.

The on-disk JSON stays the source of truth (format name and version, embedding, chunker and
lexical settings, every report's entry, the generation's files); `Manifest` and `SourceInfo`
are the typed view the readers of an index use.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .errors import IndexFormatError, IndexNotFoundError

FORMAT = "report-qa-index"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
REBUILD_HINT = "rebuild it with `python -m assistant build --rebuild`"


@dataclass
class SourceInfo:
    """What the manifest records of one indexed report."""

    sha256: str
    size: int = 0
    mtime_ns: int = 0
    title: str = ""
    region: str | None = None
    region_en: str = ""  # the region romanised (maoming), for English questions
    level: str | None = None
    year: int | None = None
    meeting_date: str | None = None
    speaker: str | None = None
    speaker_span: list[int] | None = None  # the speaker line's place in the report text
    speaker_quote: str = ""  # that line as the report writes it
    meeting_span: list[int] | None = None  # the meeting line's place (2021年2月6日在…会议上)
    meeting_quote: str = ""
    headings: list[list] | None = None  # [level, start, end, title] of each heading, in reading order
    encoding: str = ""
    indexed_at: str = ""
    chunks: int = 0

    @classmethod
    def from_dict(cls, row: dict) -> SourceInfo:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in known})

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Manifest:
    """The manifest of an index folder, typed (`manifest.json` holds it as JSON)."""

    embedding: dict
    chunker: dict
    bm25: dict
    sources: dict[str, SourceInfo]
    duplicates: dict[str, dict]
    skipped: dict[str, dict]
    chunk_count: int
    faiss: dict
    created_at: str = ""
    updated_at: str = ""
    package_version: str = ""

    @classmethod
    def from_dict(cls, raw: dict) -> Manifest:
        return cls(
            embedding=raw["embedding"], chunker=raw["chunker"], bm25=raw.get("bm25", {}),
            sources={s: SourceInfo.from_dict(i) for s, i in raw["sources"].items()},
            duplicates=raw.get("duplicates", {}), skipped=raw.get("skipped", {}),
            chunk_count=raw.get("chunk_count", 0), faiss=raw.get("faiss", {}), created_at=raw.get("created_at", ""),
            updated_at=raw.get("updated_at", ""), package_version=raw.get("package_version", ""),
        )


def read_manifest(index_dir: str | Path) -> dict:
    """The manifest of an index folder, checked for format and version."""
    path = Path(index_dir) / MANIFEST
    if not path.is_file():
        raise IndexNotFoundError(f"no index at {index_dir}; build it with `python -m assistant build`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexFormatError(f"the manifest at {path} is unreadable; {REBUILD_HINT}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexFormatError(f"{index_dir} does not hold a report-qa index; {REBUILD_HINT}")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexFormatError(
            f"index at {index_dir} has format version {manifest.get('format_version')}, this version "
            f"reads {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    for key in ("embedding", "chunker", "sources", "files", "chunk_count"):
        if key not in manifest:
            raise IndexFormatError(f"the manifest at {path} lacks {key!r}; {REBUILD_HINT}")
    return manifest
