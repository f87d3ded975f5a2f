"""Load stage: a report file in, a `Document` out (exact text, body bounds, metadata).

The format readers (`readers/`) turn bytes into text, `clean` finds where the report's own text
starts and ends, and `metadata` says what the report is. Every refusal is an
`UnsupportedFileError` whose message is one sentence naming the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .clean import find_body_end, furniture_end
from .config import MAX_FILE_BYTES, MAX_PARAGRAPH_CHARS, MAX_PDF_DOCX_BYTES, MAX_REPORT_CHARS, SUPPORTED_EXTENSIONS
from .errors import UnsupportedFileError
from .metadata import read_metadata
from .readers import docx, html, pdf
from .readers import text as text_reader
from .resources import USER_GLOSSARY
from .tokenize import to_simplified


@dataclass
class Document:
    """One report file as read from the data folder.

    `text` is the decoded file exactly (offsets in chunks refer to it); the report body is
    `text[:body_end]`, the web page footer after it is never indexed; `text_start` is where the
    report's own words begin, after front matter and the meeting, speaker and title lines.
    """

    source: str
    text: str
    body_end: int
    encoding: str
    sha256: str
    size: int
    title: str
    region: str | None = None
    year: int | None = None
    level: str | None = None
    meeting_date: str | None = None
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None  # the speaker line (茂名市市长 袁古洁) in `text`
    meeting_span: tuple[int, int] | None = None  # the meeting line (2021年2月6日在…会议上) in `text`
    text_start: int = 0
    # For formats whose text is extracted (PDF, DOCX, HTML): (offset, label) pairs such as
    # (0, "p. 1"), (2310, "p. 2"), sorted by offset; a chunk is labelled by where it starts.
    locators: list[tuple[int, str]] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text[: self.body_end]

    def locator_at(self, offset: int) -> str:
        """The page or paragraph label of a text offset ("" for plain text files)."""
        label = ""
        for start, name in self.locators:
            if start > offset:
                break
            label = name
        return label


# Fewer letters (Chinese characters or Latin letters) than this is no report, whatever the format.
MIN_REPORT_LETTERS = 20


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


_EXTENSION_HINTS = {
    ".doc": "save it as .docx in Word or WPS first",
    ".wps": "save it as .docx in WPS first",
    ".rtf": "save it as .docx or .txt first",
    ".xls": "reports are prose, not spreadsheets",
    ".xlsx": "reports are prose, not spreadsheets",
    ".mhtml": "save the page as 'Web page, HTML only' (.html) instead",
    ".mht": "save the page as 'Web page, HTML only' (.html) instead",
}

_READERS = {".txt": text_reader.read, ".md": text_reader.read, ".html": html.read, ".htm": html.read,
            ".docx": docx.read, ".pdf": pdf.read}
_PDF_DOCX = (".pdf", ".docx")


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 // 10 else f"{n:,} bytes"


def _size_limit(suffix: str) -> int:
    return MAX_PDF_DOCX_BYTES if suffix in _PDF_DOCX else MAX_FILE_BYTES


def _read_bytes(path: Path, source: str, suffix: str) -> bytes:
    """The file's bytes, once its extension and size say it can be a report."""
    if suffix not in SUPPORTED_EXTENSIONS:
        hint = _EXTENSION_HINTS.get(suffix)
        raise UnsupportedFileError(
            f"{source} is not a report file this tool reads ({suffix or 'no extension'}"
            + (f": {hint}" if hint else "")
            + f"); supported types are {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    limit = _size_limit(suffix)
    try:
        if not path.exists():
            raise UnsupportedFileError(f"{path} does not exist")
        if not path.is_file():
            raise UnsupportedFileError(f"{source} is not a file")
        size = path.stat().st_size
        if size > limit:
            raise UnsupportedFileError(
                f"{source} is {_megabytes(size)}, over the limit of {_megabytes(limit)} for {suffix} files"
            )
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise UnsupportedFileError(f"{source} cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise UnsupportedFileError(f"{source} is over the limit of {_megabytes(limit)} for {suffix} files")
    if not raw.strip():
        raise UnsupportedFileError(f"{source} is empty")
    return raw


def load_file(path: str | Path, data_dir: str | Path | None = None) -> Document:
    """Read one report file: plain text or Markdown, a saved web page, a Word .docx or a PDF.

    Args:
        path: the file.
        data_dir: the folder `source` is made relative to (default: the file's folder).
    Returns:
        The `Document`; for .docx and .pdf its `locators` name paragraphs ("¶ 3") or pages ("p. 2").
    Raises:
        UnsupportedFileError: unsupported extension, too large, empty, binary, damaged or
            undecodable; the message is one sentence that names the file.
    """
    path = Path(path)
    base = Path(data_dir) if data_dir is not None else path.parent
    try:
        source = path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        source = path.name
    suffix = path.suffix.lower()
    raw = _read_bytes(path, source, suffix)
    extracted = _READERS[suffix](raw, source)
    text = extracted.text
    body_end = find_body_end(text)
    if suffix in (".txt", ".md") and text.lstrip("\ufeff \r\n\t").lower().startswith(("<html", "<!doctype html")):
        raise UnsupportedFileError(f"{source} is a web page saved as {suffix}; name it .html so its markup is read")
    if sum(ch.isalpha() for ch in text[:body_end]) < MIN_REPORT_LETTERS:
        raise UnsupportedFileError(f"{source} has no report text")
    if body_end > MAX_REPORT_CHARS:
        raise UnsupportedFileError(
            f"{source} holds {body_end:,} characters of text, more than any report (limit {MAX_REPORT_CHARS:,}); "
            "split it into one file per report")
    longest = max(map(len, text[:body_end].split("\n")))
    if longest > MAX_PARAGRAPH_CHARS:
        raise UnsupportedFileError(
            f"{source} has a paragraph of {longest:,} characters (limit {MAX_PARAGRAPH_CHARS:,}); a report is "
            "paragraphs of prose: is it a data dump, or a file without line breaks?")
    # Metadata is read on a simplified copy, so traditional reports (茂名市 in 茂名市人民政府 /
    # 報告) follow the same rules; the document text itself is never changed.
    simple = to_simplified(text[:body_end])
    folders = tuple(to_simplified(part) for part in Path(source).parent.parts)
    meta = read_metadata(simple, to_simplified(path.stem), folders)
    at = simple.find(meta.title) if meta.title else -1
    title = text[at : at + len(meta.title)] if at >= 0 else meta.title  # in the report's own script
    return Document(
        source=source,
        text=text,
        body_end=body_end,
        encoding=extracted.encoding,
        sha256=sha256_bytes(raw),
        size=len(raw),
        title=title,
        region=meta.region,
        year=meta.year,
        level=meta.level,
        meeting_date=meta.meeting_date,
        speaker=meta.speaker,
        speaker_span=meta.speaker_span,
        meeting_span=meta.meeting_span,
        text_start=furniture_end(text, body_end),
        locators=[(offset, label) for offset, label in extracted.locators if offset < body_end],
    )


def list_report_files(data_dir: str | Path) -> list[Path]:
    """Every file under the data folder that is not hidden or the user glossary, sorted (any extension)."""
    root = Path(data_dir)
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.relative_to(root).as_posix() != USER_GLOSSARY
    )
