"""Load stage: read report files into `Document`s with exact text and metadata.

Plain text and Markdown keep their decoded text exactly; saved web pages (.html/.htm), Word
documents (.docx) and PDFs (their text layer) are turned into paragraphs separated by blank lines,
and .docx/.pdf record where each paragraph or page starts (`Document.locators`). Every refusal is an
`UnsupportedFileError` whose message is one sentence naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .config import MAX_FILE_BYTES, MAX_PDF_DOCX_BYTES, SUPPORTED_EXTENSIONS
from .errors import UnsupportedFileError

log = logging.getLogger(__name__)

# Lines that belong to a web page around the report, never to the report itself.
FOOTER_MARKERS = re.compile(
    r"本文仅代表|不代表本站|本站立场|未经许可.{0,8}转载|版权所有|copyright|©|本文地址|原文地址|"
    r"原文链接|文章来源|来源[:：]\s*\S+网|留言与评论|发表评论|条评论|验证码|网站地图|免责声明|"
    r"责任编辑|上一篇|下一篇|相关阅读|相关文章|扫一扫|分享到|打印本页|关闭窗口|ICP备|"
    r"联系我们|返回顶部|返回首页",
    re.IGNORECASE,
)
_SENTENCE_END = "。！？!?；;"

# Frequent characters of Chinese prose, in both scripts, to tell GB18030 from Big5.
_COMMON_SIMPLIFIED = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美"
    "再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元"
    "况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委"
    "素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王"
    "按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
)


@dataclass
class Document:
    """One report file as read from the data folder.

    `text` is the decoded file exactly (offsets in chunks refer to it); the report body is
    `text[:body_end]`, the web page footer after it is never indexed.
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


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _common_chars() -> frozenset[str]:
    try:
        import opencc

        traditional = opencc.OpenCC("s2t.json").convert(_COMMON_SIMPLIFIED)
    except Exception:  # opencc is a dependency; this only guards a broken install
        traditional = ""
    return frozenset(_COMMON_SIMPLIFIED + traditional)


_COMMON: frozenset[str] | None = None


def _prose_score(text: str) -> float:
    """Share of characters that are common Chinese characters, ASCII or punctuation."""
    global _COMMON
    if _COMMON is None:
        _COMMON = _common_chars()
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch in _COMMON or ch.isascii() or ch in "，。、；：？！“”‘’（）《》—…　")
    return good / len(text)


# Signatures of files that are often saved or renamed as text by mistake: (magic, what it is, hint).
_MAGIC = (
    (b"%PDF-", "a PDF document", "name it .pdf"),
    (b"PK\x03\x04", "a ZIP package (a Word .docx, an Excel file or an archive)", "a Word document must be named .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office (.doc/.xls) file",
     "save it as .docx or PDF first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "reports are read from text, not images"),
    (b"\xff\xd8\xff", "a JPEG image", "reports are read from text, not images"),
    (b"GIF8", "a GIF image", "reports are read from text, not images"),
    (b"\x7fELF", "a program", "it is not a report"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first"),
    (b"{\\rtf", "an RTF document", "save it as .docx or .txt first"),
)
# Extensions people try, with what to do instead.
_EXTENSION_HINTS = {
    ".doc": "save it as .docx in Word or WPS first",
    ".wps": "save it as .docx in WPS first",
    ".rtf": "save it as .docx or .txt first",
    ".xls": "reports are prose, not spreadsheets",
    ".xlsx": "reports are prose, not spreadsheets",
    ".mhtml": "save the page as 'Web page, HTML only' (.html) instead",
    ".mht": "save the page as 'Web page, HTML only' (.html) instead",
}


def _known_format(raw: bytes) -> tuple[str, str] | None:
    """(what it is, what to do) for bytes that start like a known binary format."""
    for magic, what, hint in _MAGIC:
        if raw.startswith(magic):
            return what, hint
    if raw.startswith(b"MZ") and b"\x00" in raw[:1024]:
        return "a Windows program", "it is not a report"
    return None


def _sniff_binary(raw: bytes, name: str) -> None:
    """Refuse bytes that start like a known binary format, saying what they are."""
    known = _known_format(raw)
    if known:
        raise UnsupportedFileError(f"{name} is {known[0]}, not text ({known[1]})")


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def _decode_utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM: NUL bytes on one side of most ASCII characters."""
    if len(raw) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) == 0 and _prose_score(text) >= 0.6:
            return text, encoding
    return None


def decode(raw: bytes, name: str = "file") -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM), UTF-16 (with or without), UTF-32, GB18030/GBK or Big5.

    Between GB18030 and Big5 (both decode most byte strings) the one whose text is made of
    common Chinese characters wins.

    Returns:
        (text, encoding name).
    Raises:
        UnsupportedFileError: empty, binary or undecodable content.
    """
    if not raw.strip():
        raise UnsupportedFileError(f"{name} is empty")
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: FF FE 00 00
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    )
    text: str | None = None
    for bom, encoding in boms:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                raise UnsupportedFileError(
                    f"{name} starts with a {encoding.upper()} byte order mark but is not valid {encoding.upper()}"
                ) from None
            if not text.strip():
                raise UnsupportedFileError(f"{name} is empty")
            break
    if text is None:
        _sniff_binary(raw, name)
        if b"\x00" in raw[:8192]:
            found = _decode_utf16_without_bom(raw)
            if found is None:
                raise UnsupportedFileError(f"{name} looks like a binary file, not text")
            text, encoding = found
        else:
            try:
                text, encoding = raw.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text = None
        if text is None:
            candidates = []
            for enc in ("gb18030", "big5", "big5hkscs"):
                if enc == "big5hkscs" and any(e == "big5" for _, e in candidates):
                    continue  # Hong Kong characters are only tried when plain Big5 fails
                try:
                    candidates.append((_prose_score(raw.decode(enc)), enc))
                except UnicodeDecodeError:
                    continue
            if not candidates:
                raise UnsupportedFileError(f"{name} is not text in UTF-8, GB18030/GBK or Big5")
            score, encoding = max(candidates)
            if score < 0.6:
                raise UnsupportedFileError(f"{name} does not look like Chinese text (binary?)")
            text = raw.decode(encoding)
    if _control_share(text) > 0.01:
        raise UnsupportedFileError(f"{name} looks like a binary file, not text")
    return text, encoding


def find_body_end(text: str) -> int:
    """Offset where the report body ends: before a trailing web-page footer, if any."""
    lines = text.splitlines(keepends=True)
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line)
    cut = len(text)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        marker = FOOTER_MARKERS.search(line)
        # A footer line starts with its marker or is short; a closing sentence that merely
        # contains one (奋力书写…的下一篇章!) is report text.
        if marker and (marker.start() <= 2 or (len(line) <= 20 and line[-1] not in "。！？!")):
            cut = starts[i]
        elif len(line) <= 15 and not any(p in line for p in "。！？"):
            continue  # captcha labels, menu items: footer only if a marker stands above them
        else:
            break
    return len(text[:cut].rstrip())


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def years_in(text: str) -> list[int]:
    """The years (1950-2099) a text names, in order: "2023年" → [2023]."""
    return [int(y) for y in _YEAR.findall(text)]
_REGION_IN_NAME = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:自治区|省|市|县|区|州|盟|旗))")
_REGION_GOV = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:省|市|县|区)人民政府")


def _short_region(name: str) -> str:
    """茂名市 → 茂名, 广东省 → 广东: the form reports use in running text (and filters use)."""
    for suffix in ("省", "市", "县"):
        if name.endswith(suffix) and len(name) > 2:
            return name[: -len(suffix)]
    return name


def _guess_region(stem: str, body: str) -> str | None:
    match = _REGION_IN_NAME.search(stem)
    if match:
        return _short_region(match.group(1))
    match = _REGION_GOV.search(body[:2000])
    if match:
        return _short_region(match.group(1))
    # The place a local report speaks of is its most frequent proper noun: a 2-3 character
    # word that jieba's general dictionary barely knows.
    from .tokenize import jieba_module

    jieba = jieba_module()
    freq = jieba.dt.FREQ
    counts = Counter(
        w for w in jieba.cut(body) if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", w) and freq.get(w, 0) < 100
    )
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 3 else None


def _guess_year(stem: str, body: str) -> int | None:
    match = _YEAR.search(stem) or _YEAR.search(body[:500])
    return int(match.group(1)) if match else None


@dataclass
class _Extracted:
    """What a format reader gives load_file: the document text, its encoding label, locators."""

    text: str
    encoding: str
    locators: list[tuple[int, str]] = field(default_factory=list)


def _read_text(raw: bytes, name: str) -> _Extracted:
    text, encoding = decode(raw, name)
    return _Extracted(text, encoding)


def _join_blocks(blocks: list[tuple[str, str]]) -> _Extracted:
    """Join (label, text) blocks with blank lines, recording where each labelled block starts."""
    parts: list[str] = []
    locators: list[tuple[int, str]] = []
    pos = 0
    for label, block in blocks:
        if parts:
            pos += 2
        if label:
            locators.append((pos, label))
        parts.append(block)
        pos += len(block)
    return _Extracted("\n\n".join(parts), "", locators)


# --- PDF -------------------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
# A line ending like this ends a sentence (closing quotes and brackets may follow the mark).
_LINE_END = re.compile(r"[。！？!?；;：:…][”’\"』」)）》]*$")
# Punctuation after which a Chinese line continues on the next line.
_OPEN_CJK_PUNCT = "，、“‘《（【〔,"
_HEADING_LINE = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d{1,2}[.、．](?!\d)|"
    r"第[一二三四五六七八九十百\d]+[章节部分条]|#)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"page\s+\d+(?:\s+of\s+\d+)?)$",
    re.IGNORECASE,
)
_LETTER_SPACED = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
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
    joined = len(re.findall(f"[{_CJK}](?=[{_CJK}])", line))
    if spaced >= 3 and spaced > 2 * joined:
        line = _LETTER_SPACED.sub("", line)
    return line


def _pattern_of(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and running heads or feet (the same line near the edge of most pages)."""
    edge = 2  # lines at each end of a page where furniture is looked for
    repeated: set[str] = set()
    if len(pages) >= 3:
        counts = Counter(
            pattern for lines in pages for pattern in {_pattern_of(x) for x in lines[:edge] + lines[-edge:]}
        )
        repeated = {p for p, n in counts.items() if n >= 3 and n >= 0.6 * len(pages) and len(p) <= 60}

    def furniture(line: str) -> bool:
        return bool(_PAGE_NUMBER.match(line)) or _pattern_of(line) in repeated

    out = []
    for lines in pages:
        lines = list(lines)
        for _ in range(edge):
            if lines and furniture(lines[0]):
                lines.pop(0)
            if lines and furniture(lines[-1]):
                lines.pop()
        out.append(lines)
    return out


def _wrap_joint(prev: str, line: str, full_width: float) -> str | None:
    """What joins two lines the PDF layout broke inside a sentence ("" or " "), or None to keep the break.

    Only a line as wide as the text column (so it wrapped rather than ended) that does not end a
    sentence is continued, and never by a heading.
    """
    if _line_width(prev) < 0.8 * full_width or _LINE_END.search(prev) or _HEADING_LINE.match(line):
        return None
    last, first = prev[-1], line[0]
    if (_CJK_CHAR.match(last) or last in _OPEN_CJK_PUNCT) and (
        _CJK_CHAR.match(first) or first.isalnum() or first in "“‘《（(【%"
    ):
        return ""
    if _CJK_CHAR.match(first) and (last.isalnum() or last in "%）)”"):
        return ""
    if last.isascii() and last.isalpha() and first.islower():
        return " "  # an English sentence wrapped between words
    return None


def _read_pdf(raw: bytes, name: str) -> _Extracted:
    """Text layer of a PDF: pages joined by blank lines, wrapped lines rejoined, "p. N" locators.

    Repairs are conservative: page numbers and running heads are dropped, Kangxi-radical look-alikes
    folded, letter-spaced Chinese closed up, and a line is joined to the next only where the layout
    wrapped it inside a sentence (also across a page break, so a sentence is never cut in two).
    """
    head = raw[:1024]
    if b"%PDF-" not in head:
        known = _known_format(raw)
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
    pages = _drop_page_furniture(pages)
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
    return _Extracted("".join(parts), "pdf", locators)


# --- DOCX ------------------------------------------------------------------------------------

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


def _read_docx(raw: bytes, name: str) -> _Extracted:
    """Paragraphs (and simple tables) of a Word document, with "¶ N" locators."""
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnsupportedFileError(f"{name} is an old Word 97-2003 document named .docx; save it as .docx in Word")
    if not raw.startswith(b"PK"):
        known = _known_format(raw)
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
    result = _join_blocks(blocks)
    result.encoding = "docx"
    return result


# --- HTML ------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# Declared names whose superset decodes what real pages labelled so contain.
_CHARSET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "ascii": "utf-8",
                      "iso8859-1": "cp1252"}
_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "head",
              "template", "svg", "math", "canvas", "button", "select", "textarea", "object", "embed",
              "audio", "video", "map")
# Class or id words of page furniture: menus, footers, comment boxes, share buttons, ...
_NOISE_WORD = re.compile(
    r"^(?:nav|menu|footer|breadcrumb|crumb|comment|share|sharing|sidebar|copyright|toolbar|pagination|"
    r"social|related)",
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary "
    "table tbody tfoot thead tr ul".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_NEWLINE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}，。、；：？！“”（）])[ \\t\\r\\f\\v]*\\n\\s*(?=[{_CJK}])")


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096]) or _XML_ENCODING.search(raw[:200])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _CHARSET_SUPERSETS.get(name, name)


def _decode_html(raw: bytes, name: str) -> tuple[str, str]:
    """Decode a saved page: a BOM first, then the declared charset if it reads better than detection."""
    declared = _declared_charset(raw)
    try:
        detected: tuple[str, str] | None = decode(raw, name)
    except UnsupportedFileError:
        if declared is None:
            raise
        detected = None
    has_bom = detected is not None and detected[1].startswith(("utf-8-sig", "utf-16", "utf-32"))
    if declared and not has_bom:
        try:
            text = raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
        # Pages are often mislabelled (a copied template's gb2312 on UTF-8 bytes): trust the label
        # only if its text is at least as much like prose as the detected one.
        if text is not None and _control_share(text) <= 0.01 and (
            detected is None or _prose_score(text) >= _prose_score(detected[0])
        ):
            return text, declared
    if detected is None:
        raise UnsupportedFileError(f"{name} is not text in its declared charset {declared}")
    return detected


def _is_noise(tag, total: int) -> bool:
    """A menu, footer, comment box or hidden element, judged by its attributes."""
    if tag.name in ("html", "body", "main", "article"):
        return False
    attrs = tag.attrs or {}
    hidden = "hidden" in attrs or attrs.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(attrs.get("style") or "")
    if not hidden:
        classes = attrs.get("class") or []
        names = " ".join([*(classes if isinstance(classes, list) else [classes]), attrs.get("id") or ""])
        # "mainNav", "comment-list", "share_box" → main nav, comment list, share box
        words = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
        if not any(_NOISE_WORD.match(w) for w in re.split(r"[^a-z0-9]+", words) if w):
            return False
    # A wrapper named after one of its parts ("page has-sidebar"), or hidden until a script shows it,
    # still holds the report.
    return len(tag.get_text(" ", strip=True)) < 0.5 * total


def _html_paragraphs(root) -> list[str]:
    """Text of the block elements under root, one paragraph per block, in reading order."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = _NEWLINE_BETWEEN_CJK.sub("", "".join(buffer))
        text = _ASCII_SPACE.sub(" ", text).strip(" |\u3000")
        if text:
            paragraphs.append(text)
        buffer.clear()

    # Walk iteratively: saved pages can nest deeper than Python's recursion limit.
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                buffer.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if not entering:
            if node.name in _BLOCK_TAGS:
                flush()
            continue
        if node.name == "br":
            flush()
            continue
        if node.name == "pre":
            flush()
            paragraphs.extend(line.strip() for line in node.get_text().splitlines() if line.strip())
            continue
        if node.name in _BLOCK_TAGS:
            flush()
        elif node.name in ("td", "th") and node.find_previous_sibling(["td", "th"]) is not None:
            buffer.append(" | ")
        stack.append((node, False))
        stack.extend((child, True) for child in reversed(node.contents))
    flush()
    return paragraphs


def _page_paragraphs(text: str) -> list[str]:
    """Paragraphs of a decoded page once scripts, menus, headers, footers and hidden parts are gone."""
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:  # lxml missing or refusing the markup
        soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed:
            continue  # inside an element dropped before
        if tag.name == "header" and tag.find_parent(["article", "main"]) is not None:
            continue  # an article's own header holds its title
        tag.decompose()
    total = len(soup.get_text(" ", strip=True))
    for tag in soup.find_all(True):
        if not tag.decomposed and _is_noise(tag, total):
            tag.decompose()
    return _html_paragraphs(soup)


def _read_html(raw: bytes, name: str) -> _Extracted:
    """A saved web page: the text of its content blocks, without menus, scripts and page footers."""
    text, encoding = _decode_html(raw, name)
    try:
        paragraphs = _page_paragraphs(text)
    except Exception as exc:  # a parser giving up on pathological markup (nesting, recursion)
        raise UnsupportedFileError(f"{name} is a web page that cannot be parsed ({type(exc).__name__})") from None
    if not paragraphs:
        raise UnsupportedFileError(f"{name} is a web page without text (after dropping menus, scripts and footers)")
    return _Extracted("\n\n".join(paragraphs), f"html/{encoding}")


_READERS = {".txt": _read_text, ".md": _read_text, ".html": _read_html, ".htm": _read_html,
            ".docx": _read_docx, ".pdf": _read_pdf}
_PDF_DOCX = (".pdf", ".docx")


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 // 10 else f"{n:,} bytes"


def _size_limit(suffix: str) -> int:
    return MAX_PDF_DOCX_BYTES if suffix in _PDF_DOCX else MAX_FILE_BYTES


def _simplified(text: str) -> str:
    """A simplified-character copy of text, for guessing metadata only."""
    from .tokenize import to_simplified

    return to_simplified(text)


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
    if suffix not in SUPPORTED_EXTENSIONS:
        hint = _EXTENSION_HINTS.get(suffix)
        raise UnsupportedFileError(
            f"{source} is not a report file this tool reads ({suffix or 'no extension'}"
            + (f": {hint}" if hint else "")
            + f"); supported types are {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    limit = _size_limit(suffix)
    try:
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
    extracted = _READERS[suffix](raw, source)
    text = extracted.text
    body_end = find_body_end(text)
    if not text[:body_end].strip():
        raise UnsupportedFileError(f"{source} has no report text")
    body = text[:body_end]
    # Metadata is guessed on a simplified copy, so traditional reports (茂名市 in 茂名市人民政府
    # / 報告) give the same region and title rules; the document text itself is never changed.
    simple_body, simple_stem = _simplified(body), _simplified(path.stem)
    region, year = _guess_region(simple_stem, simple_body), _guess_year(simple_stem, simple_body)
    first_line = re.sub(r"^#{1,6}\s+", "", body.strip().splitlines()[0].strip())
    if "报告" in _simplified(first_line) and len(first_line) <= 40:
        title = first_line
    elif region and year:
        title = f"{region}{year}年政府工作报告"
    else:
        title = path.stem
    return Document(
        source=source,
        text=text,
        body_end=body_end,
        encoding=extracted.encoding,
        sha256=sha256_bytes(raw),
        size=len(raw),
        title=title,
        region=region,
        year=year,
        locators=[(offset, label) for offset, label in extracted.locators if offset < body_end],
    )


def list_report_files(data_dir: str | Path) -> list[Path]:
    """Every file under the data folder that is not hidden, sorted (any extension)."""
    root = Path(data_dir)
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
