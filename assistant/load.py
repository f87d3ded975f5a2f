"""Load stage: read report files into `Document`s with exact decoded text and metadata."""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .config import MAX_FILE_BYTES, SUPPORTED_EXTENSIONS
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

    @property
    def body(self) -> str:
        return self.text[: self.body_end]


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


def decode(raw: bytes, name: str = "file") -> tuple[str, str]:
    """Decode report bytes, detecting UTF-8 (with or without BOM), GB18030/GBK or Big5.

    Returns:
        (text, encoding name).
    Raises:
        UnsupportedFileError: empty, binary or undecodable content.
    """
    if not raw.strip():
        raise UnsupportedFileError(f"{name} is empty")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:8192]:
        raise UnsupportedFileError(f"{name} looks like a binary file, not text")
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        candidates = []
        for enc in ("gb18030", "big5"):
            try:
                candidates.append((_prose_score(raw.decode(enc)), enc))
            except UnicodeDecodeError:
                continue
        if not candidates:
            raise UnsupportedFileError(
                f"{name} is not text in UTF-8, GB18030/GBK or Big5"
            ) from None
        score, encoding = max(candidates)
        if score < 0.6:
            raise UnsupportedFileError(f"{name} does not look like Chinese text (binary?)") from None
        text = raw.decode(encoding)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
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
        if FOOTER_MARKERS.search(line):
            cut = starts[i]
        elif len(line) <= 15 and not any(p in line for p in "。！？"):
            continue  # captcha labels, menu items: footer only if a marker stands above them
        else:
            break
    return len(text[:cut].rstrip())


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_REGION_IN_NAME = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:自治区|省|市|县|区|州|盟|旗))")
_REGION_GOV = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:省|市|县|区)人民政府")


def _guess_region(stem: str, body: str) -> str | None:
    match = _REGION_IN_NAME.search(stem)
    if match:
        return match.group(1)
    match = _REGION_GOV.search(body[:2000])
    if match:
        return match.group(1)
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


def load_file(path: str | Path, data_dir: str | Path | None = None) -> Document:
    """Read one report file.

    Args:
        path: the file.
        data_dir: the folder `source` is made relative to (default: the file's folder).
    Raises:
        UnsupportedFileError: unsupported extension, too large, empty, binary or undecodable.
    """
    path = Path(path)
    base = Path(data_dir) if data_dir is not None else path.parent
    try:
        source = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        source = path.name
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFileError(
            f"{source}: unsupported file type {path.suffix or '(none)'}; "
            f"supported: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnsupportedFileError(
            f"{source} is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB"
        )
    raw = path.read_bytes()
    text, encoding = decode(raw, source)
    body_end = find_body_end(text)
    if not text[:body_end].strip():
        raise UnsupportedFileError(f"{source} has no report text")
    body = text[:body_end]
    region, year = _guess_region(path.stem, body), _guess_year(path.stem, body)
    first_line = body.strip().splitlines()[0].strip()
    if "报告" in first_line and len(first_line) <= 40:
        title = first_line
    elif region and year:
        title = f"{region}{year}年政府工作报告"
    else:
        title = path.stem
    return Document(
        source=source,
        text=text,
        body_end=body_end,
        encoding=encoding,
        sha256=sha256_bytes(raw),
        size=size,
        title=title,
        region=region,
        year=year,
    )


def list_report_files(data_dir: str | Path) -> list[Path]:
    """Every file under the data folder that is not hidden, sorted (any extension)."""
    root = Path(data_dir)
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
