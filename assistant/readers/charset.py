"""Bytes to text: BOMs, UTF-8/16/32, GB18030/GBK or Big5 told apart, and binaries recognised."""

from __future__ import annotations

import codecs

from ..errors import UnsupportedFileError

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


def _common_chars() -> frozenset[str]:
    try:
        import opencc

        traditional = opencc.OpenCC("s2t.json").convert(_COMMON_SIMPLIFIED)
    except Exception:  # opencc is a dependency; this only guards a broken install
        traditional = ""
    return frozenset(_COMMON_SIMPLIFIED + traditional)


_COMMON: frozenset[str] | None = None


def prose_score(text: str) -> float:
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


def known_format(raw: bytes) -> tuple[str, str] | None:
    """(what it is, what to do) for bytes that start like a known binary format."""
    for magic, what, hint in _MAGIC:
        if raw.startswith(magic):
            return what, hint
    if raw.startswith(b"MZ") and b"\x00" in raw[:1024]:
        return "a Windows program", "it is not a report"
    return None


def _sniff_binary(raw: bytes, name: str) -> None:
    """Refuse bytes that start like a known binary format, saying what they are."""
    known = known_format(raw)
    if known:
        raise UnsupportedFileError(f"{name} is {known[0]}, not text ({known[1]})")


def control_share(text: str) -> float:
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
        if control_share(text) == 0 and prose_score(text) >= 0.6:
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
                    candidates.append((prose_score(raw.decode(enc)), enc))
                except UnicodeDecodeError:
                    continue
            if not candidates:
                raise UnsupportedFileError(f"{name} is not text in UTF-8, GB18030/GBK or Big5")
            score, encoding = max(candidates)
            if score < 0.6:
                raise UnsupportedFileError(f"{name} does not look like Chinese text (binary?)")
            text = raw.decode(encoding)
    if control_share(text) > 0.01:
        raise UnsupportedFileError(f"{name} looks like a binary file, not text")
    return text, encoding


