"""PDF text layers: pages joined, wrapped lines rejoined, page furniture dropped, "p. N" locators."""

from __future__ import annotations

import io
import logging
import re
import unicodedata

from ..clean import drop_page_furniture
from ..errors import UnsupportedFileError
from ..text import CJK, CJK_CHAR, is_heading_line
from .base import Extracted
from .charset import known_format

log = logging.getLogger(__name__)


# A line ending like this ends a sentence (closing quotes and brackets may follow the mark).
_LINE_END = re.compile(r"[。！？!?；;：:…][”’\"』」)）》]*$")
# Punctuation after which a Chinese line continues on the next line.
_OPEN_CJK_PUNCT = "，、“‘《（【〔,"
_LETTER_SPACED = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")
# Kangxi radicals and CJK compatibility ideographs that some PDF fonts map characters to
# (⼯ U+2F2F for 工): NFKC folds them to the ordinary characters.
_RADICALS = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def _line_width(line: str) -> int:
    """Display width of a line: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def _clean_pdf_line(line: str) -> str:
    line = "".join(ch for ch in line if ch == "\t" or ord(ch) >= 32).strip()
    line = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    # Letter-spaced Chinese ("茂 名 市"): only when most neighbouring characters are spaced.
    spaced = len(_LETTER_SPACED.findall(line))
    joined = len(re.findall(f"[{CJK}](?=[{CJK}])", line))
    if spaced >= 3 and spaced > 2 * joined:
        line = _LETTER_SPACED.sub("", line)
    return line




def _wrap_joint(prev: str, line: str, full_width: float) -> str | None:
    """What joins two lines the PDF layout broke inside a sentence ("" or " "), or None to keep the break.

    Only a line as wide as the text column (so it wrapped rather than ended) that does not end a
    sentence is continued, and never by a heading.
    """
    if _line_width(prev) < 0.8 * full_width or _LINE_END.search(prev) or is_heading_line(line):
        return None
    last, first = prev[-1], line[0]
    if (CJK_CHAR.match(last) or last in _OPEN_CJK_PUNCT) and (
        CJK_CHAR.match(first) or first.isalnum() or first in "“‘《（(【%"
    ):
        return ""
    if CJK_CHAR.match(first) and (last.isalnum() or last in "%）)”"):
        return ""
    if last.isascii() and last.isalpha() and first.islower():
        return " "  # an English sentence wrapped between words
    return None


def read(raw: bytes, name: str) -> Extracted:
    """Text layer of a PDF: pages joined by blank lines, wrapped lines rejoined, "p. N" locators.

    Repairs are conservative: page numbers and running heads are dropped, Kangxi-radical look-alikes
    folded, letter-spaced Chinese closed up, and a line is joined to the next only where the layout
    wrapped it inside a sentence (also across a page break, so a sentence is never cut in two).
    """
    head = raw[:1024]
    if b"%PDF-" not in head:
        known = known_format(raw)
        if known:
            what = known[0]
        elif b"<html" in head.lower() or b"<!doctype" in head.lower():
            what = "a web page, perhaps an error page saved instead of the PDF"
        else:
            what = "something else: it does not start with %PDF-"
        raise UnsupportedFileError(f"{name} is not a PDF file (it is {what})")
    if b"%%EOF" not in raw[-2048:]:
        raise UnsupportedFileError(
            f"{name} is a truncated or damaged PDF (it has no end-of-file marker); download or export it again"
        )
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise UnsupportedFileError(f"{name} is a password-protected PDF; save an unprotected copy")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
    except UnsupportedFileError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        reason = " ".join(str(exc).split())[:100] or type(exc).__name__
        raise UnsupportedFileError(f"{name} is a damaged PDF that cannot be read ({reason})") from None
    if not raw_pages:
        raise UnsupportedFileError(f"{name} is a PDF without pages")
    pages = [
        [line for line in (_clean_pdf_line(x) for x in re.split(r"\r\n|\r|\n", text)) if line]
        for text in raw_pages
    ]
    pages = drop_page_furniture(pages)
    if not any(pages):
        raise UnsupportedFileError(
            f"{name} has no text layer (scanned PDF?); run OCR on it or add the report's text as .txt or .docx"
        )
    extracted = "".join("".join(lines) for lines in pages)
    unreadable = sum(1 for ch in extracted if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    if unreadable > 0.2 * len(extracted):
        raise UnsupportedFileError(
            f"{name} has a text layer that cannot be decoded (its fonts map no Unicode); add the report as .txt"
        )
    widths = sorted(_line_width(line) for lines in pages for line in lines)
    full_width = widths[int(0.9 * (len(widths) - 1))]
    empty = [str(i) for i, lines in enumerate(pages, 1) if not lines]
    if empty:
        log.warning("%s: no text on page(s) %s (scanned pages?)", name, ", ".join(empty))
    # Pages are separated by a blank line, except where a sentence runs on to the next page.
    parts: list[str] = []
    locators: list[tuple[int, str]] = []
    pos, prev = 0, ""
    for number, lines in enumerate(pages, 1):
        if not lines:
            continue
        for i, line in enumerate(lines):
            joint = _wrap_joint(prev, line, full_width) if prev else None
            sep = joint if joint is not None else ("\n" if i else "\n\n") if parts else ""
            parts.append(sep)
            pos += len(sep)
            if i == 0:
                locators.append((pos, f"p. {number}"))
            parts.append(line)
            pos += len(line)
            prev = line  # the physical line: its width tells whether the next one continues it
    return Extracted("".join(parts), "pdf", locators)


