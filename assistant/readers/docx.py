"""Word .docx: paragraphs and simple table rows, with "¶ N" locators; zip bombs refused."""

from __future__ import annotations

import io
import zipfile

from ..config import MAX_DOCX_XML_BYTES
from ..errors import UnsupportedFileError
from .base import Extracted, join_blocks
from .charset import known_format

# A .docx is a ZIP package; refuse one that unpacks to more than this (a "zip bomb").
_MAX_DOCX_UNPACKED_BYTES = 500 * 1024 * 1024


def _docx_blocks(container, counter: list[int]) -> list[tuple[str, str]]:
    """(label, text) of the paragraphs and simple table rows of a document body or table cell."""
    from docx.table import Table

    blocks: list[tuple[str, str]] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            counter[1] += 1
            table_no = counter[1]
            for r, row in enumerate(item.rows, 1):
                cells = []
                for cell in row.cells:  # a merged cell is listed once per grid column it spans
                    if not any(cell._tc is seen._tc for seen in cells):
                        cells.append(cell)
                if len(cells) == 1:
                    # A one-column table frames paragraphs (a boxed section): read them as paragraphs.
                    blocks.extend(_docx_blocks(cells[0], counter))
                    continue
                texts = [" ".join(cell.text.split()) for cell in cells]
                if any(texts):
                    blocks.append((f"table {table_no}, row {r}", " | ".join(texts)))
        else:
            lines = [line.strip() for line in item.text.splitlines()]
            text = "\n".join(line for line in lines if line)
            if text:
                counter[0] += 1
                blocks.append((f"¶ {counter[0]}", text))
    return blocks


def read(raw: bytes, name: str) -> Extracted:
    """Paragraphs (and simple tables) of a Word document, with "¶ N" locators."""
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnsupportedFileError(f"{name} is an old Word 97-2003 document named .docx; save it as .docx in Word")
    if not raw.startswith(b"PK"):
        known = known_format(raw)
        what = f"it is {known[0]}" if known else "it is not a ZIP package"
        raise UnsupportedFileError(f"{name} is not a Word .docx file ({what})")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnsupportedFileError(
            f"{name} is a truncated or damaged .docx (its ZIP package cannot be opened)"
        ) from None
    if "word/document.xml" not in {m.filename for m in members}:
        raise UnsupportedFileError(f"{name} is a ZIP package but not a Word document (no word/document.xml)")
    body = next(m for m in members if m.filename == "word/document.xml")
    if body.file_size > MAX_DOCX_XML_BYTES:
        raise UnsupportedFileError(
            f"{name} has a document body of {body.file_size // 2**20} MB of XML, far beyond any report "
            f"(limit {MAX_DOCX_XML_BYTES // 2**20} MB)")
    if sum(m.file_size for m in members) > _MAX_DOCX_UNPACKED_BYTES:
        raise UnsupportedFileError(
            f"{name} unpacks to more than {_MAX_DOCX_UNPACKED_BYTES // 2**20} MB, far beyond any report"
        )
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
        blocks = _docx_blocks(document, [0, 0])
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds of errors on damaged files
        reason = " ".join(str(exc).split())[:100] or type(exc).__name__
        raise UnsupportedFileError(f"{name} is a damaged .docx that cannot be read ({reason})") from None
    result = join_blocks(blocks)
    result.encoding = "docx"
    return result


