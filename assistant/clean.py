"""Clean stage: what in a file is not report text to answer from.

Web-site footers after the report (dropped from the body), page numbers and running heads of PDFs,
and the furniture at the top of real copies that stays in the text but is never a passage: Markdown
front matter, the meeting and speaker lines, "click for more" lines, HTML comments, and pinyin
glosses after rare characters (`經(jīng)濟(jì)`), which matching reads past.
"""

from __future__ import annotations

import re
from collections import Counter

from .text import CJK

# Lines that belong to a web page around the report, never to the report itself.
FOOTER_MARKERS = re.compile(
    r"本文仅代表|不代表本站|本站立场|未经许可.{0,8}转载|版权所有|copyright|©|本文地址|原文地址|"
    r"原文链接|文章来源|来源[:：]\s*\S+网|留言与评论|发表评论|条评论|验证码|网站地图|免责声明|"
    r"责任编辑|上一篇|下一篇|相关阅读|相关文章|扫一扫|分享到|打印本页|关闭窗口|ICP备|"
    r"联系我们|返回顶部|返回首页",
    re.IGNORECASE,
)


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


_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"page\s+\d+(?:\s+of\s+\d+)?)$",
    re.IGNORECASE,
)


def _pattern_of(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
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


# Lines at the top of a report that introduce it rather than say anything: front matter, the
# meeting line (——2021年2月6日在…会议上), the speaker line (茂名市市长 袁古洁), the salutation, a title.
_MEETING = re.compile(r"^[—\-（(\s]*(?:\d{4}年\d{1,2}月\d{1,2}日)?\s*(?:在)?.{0,20}人民代表大会.{0,12}会议(?:上|通过)?[)）]?$")
_SPEAKER = re.compile(rf"^.{{0,16}}(?:省长|市长|县长|区长|主席|总理)[\s\u3000]*[{CJK}][{CJK}\s\u3000·]{{0,5}}$")
_DATE_LINE = re.compile(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日[)）]?$")
_SALUTATION = re.compile(r"^各位代表[：:!！]?$")
# The opening formula: 现在，我代表市人民政府，向大会报告工作，请予审议，并请…提出意见。
_OPENING = re.compile(r"^(?:现在[，,]\s*)?我代表.{0,24}?(?:人民政府|国务院|政府)[，,]?\s*向(?:大会|本次大会|会议).{0,12}?(?:报告|作).{0,60}$")
_TITLE_LINE = re.compile(r"^(?:原标题[：:])?.{0,30}政府工作报告.{0,24}$")
_WEB_NOISE = re.compile(r"^(?:点击|點擊|点此|點此)(?:查阅|查閱|查看|阅读|閱讀|进入|進入).{0,30}$|^<!--.*-->$|^(?:source|title|来源)[:：]")
# The same lines in an official English translation: "REPORT ON THE WORK OF THE GOVERNMENT",
# "Delivered at the Second Session of the 14th National People's Congress … on March 5, 2024",
# "Li Qiang" / "Premier of the State Council", "Esteemed Deputies,", "On behalf of the State Council, …".
_EN_FURNITURE = re.compile(
    r"^(?:\d{4}\s+)?(?:report on the work of the (?:\w+\s+){0,3}government|(?:[A-Z][a-z]+\s+){0,2}government work "
    r"report)(?:\s*[(（]?\d{4}[)）]?)?$|"
    r"^delivered at .{0,160}people's congress.{0,120}$|"
    r"^(?:acting\s+)?(?:premier|vice[- ]premier|governor|mayor|(?:county|district) (?:head|magistrate))\b.{0,60}$|"
    r"^(?:esteemed|fellow|dear|distinguished) deputies[,:!]?$|"
    r"^on behalf of the .{0,60}(?:government|state council)\b.{0,300}$", re.IGNORECASE)
_EN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}$")  # Li Qiang, Wang Wei-zhong
# A pinyin gloss after a Chinese character: 經(jīng) → 經. Only syllables with tone marks count,
# so (GDP) or (一) are never touched.
PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def strip_glosses(text: str) -> str:
    """Text without pinyin glosses (for matching and embedding; the quoted text keeps them)."""
    return PINYIN_GLOSS.sub("", text)


def _bare(line: str) -> str:
    return line.strip().strip("*#").strip()


def is_furniture(line: str) -> bool:
    """A line that frames a report (meeting, speaker, salutation, opening formula, title, web noise),
    not a passage."""
    bare = _bare(line)
    if not bare or bare == "---":
        return True
    return bool(_MEETING.match(bare) or _SPEAKER.match(bare) or _DATE_LINE.match(bare)
                or _SALUTATION.match(bare) or _WEB_NOISE.match(bare) or (_OPENING.match(bare) and len(bare) < 100)
                or (_TITLE_LINE.match(bare) and not re.search(r"[。；，]", bare))
                or bool(_EN_FURNITURE.match(bare) or _EN_NAME.match(bare)))


def front_matter_end(text: str) -> int:
    """Offset after a Markdown front matter block (`---` … `---`) at the top, else 0."""
    stripped = text.lstrip("\ufeff")
    lead = len(text) - len(stripped)
    if not stripped.startswith("---"):
        return 0
    close = re.search(r"^---[ \t]*$", stripped[3:], re.M)
    if close is None or close.start() > 2000:
        return 0
    return lead + 3 + close.end()


def front_matter(text: str) -> dict[str, str]:
    """The `key: value` lines of a front matter block (title, source…)."""
    end = front_matter_end(text)
    out = {}
    for line in text[:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and key.strip() != "---":
            out[key.strip().lower()] = value.strip()
    return out


def furniture_end(text: str, body_end: int, limit: int = 12) -> int:
    """Offset where the report's own text starts: after front matter and the framing lines."""
    pos = front_matter_end(text)
    seen = 0  # framing lines passed (blank lines do not count)
    while seen < limit:
        nl = text.find("\n", pos)
        line_end = body_end if nl < 0 or nl > body_end else nl
        line = text[pos:line_end]
        if line.strip():
            if not is_furniture(line):
                break
            seen += 1
        if line_end >= body_end:
            return body_end
        pos = line_end + 1
    return pos
