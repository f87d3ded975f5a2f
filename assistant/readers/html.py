"""Saved web pages: the text of content blocks, without menus, scripts, footers and hidden parts."""

from __future__ import annotations

import codecs
import re

from ..errors import UnsupportedFileError
from ..text import CJK
from .base import Extracted
from .charset import control_share, decode, prose_score

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
_NEWLINE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}，。、；：？！“”（）])[ \\t\\r\\f\\v]*\\n\\s*(?=[{CJK}])")


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
        if text is not None and control_share(text) <= 0.01 and (
            detected is None or prose_score(text) >= prose_score(detected[0])
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


def read(raw: bytes, name: str) -> Extracted:
    """A saved web page: the text of its content blocks, without menus, scripts and page footers."""
    text, encoding = _decode_html(raw, name)
    try:
        paragraphs = _page_paragraphs(text)
    except Exception as exc:  # a parser giving up on pathological markup (nesting, recursion)
        raise UnsupportedFileError(f"{name} is a web page that cannot be parsed ({type(exc).__name__})") from None
    if not paragraphs:
        raise UnsupportedFileError(f"{name} is a web page without text (after dropping menus, scripts and footers)")
    return Extracted("\n\n".join(paragraphs), f"html/{encoding}")


