"""Shared text facts: CJK ranges, a text's language, years named, heading grammar, sentence marks.

Every stage that needs one of these reads it here, so they cannot disagree.
"""

from __future__ import annotations

import re

# CJK unified ideographs with extension A and the compatibility block.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
CJK_WORD = re.compile(f"[{CJK}]{{2,}}")
LATIN = re.compile(r"[A-Za-z]")

# Marks that end a sentence (Chinese and ASCII), and what may close it after the mark.
SENTENCE_MARKS = "。！？!?；;"
CLOSERS = "”’\"』」)）"
# A sentence: up to its end mark (and closing quotes), or an English full stop after a word before
# white space (not 6.0, not the 1. of a numbered heading), or the end of the text.
SENTENCE = re.compile(rf".*?(?:(?:[{SENTENCE_MARKS}]+|(?<=[A-Za-z)])\.(?=\s))[{CLOSERS}]*|$)", re.S)

# Heading grammar of government work reports: 一、  (一)/（一）  1./1、  Markdown #.
HEADING_L1 = re.compile(r"^[一二三四五六七八九十百]+、")
HEADING_L2 = re.compile(r"^[(（][一二三四五六七八九十百]+[)）]")
HEADING_L3 = re.compile(r"^\d{1,2}[.、．](?!\d)")
HEADING_MD = re.compile(r"^(#{1,6})\s+")
# An English translation's: I. A Review of Our Work in 2023 (Roman numerals, then a capital).
HEADING_L1_EN = re.compile(r"^(?:[IVX]{1,5}\.\s+[A-Z]|Part (?:[IVX]{1,5}|One|Two|Three|Four|Five|Six|\d{1,2})\b[.:]?\s*[A-Z]?)")
HEADING_OTHER = re.compile(r"^第[一二三四五六七八九十百\d]+[章节部分条]")

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
# A toneless pinyin syllable: an initial and a final (a few such pairs are no syllable; no harm).
PINYIN_SYLLABLE = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|"
                             r"ing|iong|iu|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve)")
# Capitalised words one space apart (a name of several: Which Peng Cheng Laboratory).
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]*(?: [A-Z][a-z]*)+\b")


def syllable_names(text: str) -> list[tuple[str, list[str]]]:
    """Names written as two or three capitalised pinyin syllables apart, joined, with their words:
    "the Peng Cheng Laboratory" → [("pengcheng", ["peng", "cheng"])]."""
    out = []
    for m in _CAPITALISED_RUN.finditer(text):
        run: list[str] = []
        for w in [*m.group().lower().split(), ""]:
            if w and PINYIN_SYLLABLE.fullmatch(w):
                run.append(w)
                continue
            if 2 <= len(run) <= 3:
                out.append(("".join(run), run))
            run = []
    return out


# A pinyin apostrophe between syllables of one capitalised name (Xiong'an, Xi'an), not a possessive 's.
_PINYIN_APOSTROPHE = re.compile(r"(?<=\b[A-Z])([a-z]*)['’](?!s\b)(?=[a-z])")


def join_pinyin(text: str) -> str:
    """Names written with a pinyin apostrophe as one word: Xiong'an New Area → Xiongan New Area."""
    return _PINYIN_APOSTROPHE.sub(r"\1", text)


# The five-year plans by first year: 十三五 (the 13th Five-Year Plan) is 2016-2020.
FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_ORDINALS = {"十一五": "11th|eleventh", "十二五": "12th|twelfth", "十三五": "13th|thirteenth",
             "十四五": "14th|fourteenth", "十五五": "15th|fifteenth"}
PLAN_NAME_EN = re.compile(r"\b(" + "|".join(_ORDINALS.values()) + r")[- ]five[- ]year plan\b", re.IGNORECASE)


def five_year_plans(text: str, english: bool = True) -> list[tuple[int, int]]:
    """The five-year plans a text names (十三五, and when `english` "the 13th Five-Year Plan"), each
    once, in the order of their first mention, as year spans."""
    named = [(m.start(), FIVE_YEAR_PLANS[n]) for n in FIVE_YEAR_PLANS for m in re.finditer(n, text)]
    for m in PLAN_NAME_EN.finditer(text if english else ""):
        word = m.group(1).lower()
        named += [(m.start(), FIVE_YEAR_PLANS[n]) for n, o in _ORDINALS.items() if word in o.split("|")]
    for m in PLAN_YEARS_EN.finditer(text if english else ""):
        lo, hi = int(m.group(1)), int(m.group(2))
        if hi == lo + 4 and lo in FIVE_YEAR_PLANS.values():
            named.append((m.start(), lo))  # "the 2016-2020 Five-Year Plan period"
    return [(start, start + 4) for start in dict.fromkeys(start for _, start in sorted(named))]


PLAN_YEARS_EN = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|to)\s*((?:19|20)\d\d)[- ]five[- ]year plan\b", re.IGNORECASE)


def has_latin(text: str) -> bool:
    return bool(LATIN.search(text))


def has_cjk(text: str) -> bool:
    return bool(CJK_CHAR.search(text))


def language(text: str) -> str:
    """'en' for text with Latin letters and no Chinese character, else 'zh'.

    "GDP目标是多少" is Chinese; "2023?" (no letters at all) is Chinese too, the reports' language.
    """
    if not has_latin(text):
        return "zh"
    if not has_cjk(text):
        return "en"
    # an English question quoting a Chinese term ("What kind of village is a “两不具备” village?")
    rest = _QUOTED_CJK.sub(" ", text)
    return "en" if not has_cjk(rest) and len(_LATIN_WORD.findall(rest)) >= 2 else "zh"


_QUOTED_CJK = re.compile(rf"[“\"‘'「『(（]\s*[{CJK}0-9０-９·、]+\s*[”\"’'」』)）]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def is_english(text: str) -> bool:
    return language(text) == "en"


def years_in(text: str) -> list[int]:
    """The years (1950-2099) a text names, in order: "2023年" → [2023]."""
    return [int(y) for y in _YEAR.findall(text)]


_BOLD = re.compile(r"^\*\*(.+?)\*\*$")


def year_forms(year: int) -> tuple[str, str]:
    """How a report writes a year: 2035 and 二〇三五 (展望二〇三五年)."""
    return str(year), "".join("〇一二三四五六七八九"[int(d)] for d in str(year))


def heading_level(line: str) -> int | None:
    """Markdown `#`…`######` are levels 1-6; 一、 (一) 1. come below them as 7, 8, 9; else None.

    A short line in bold (`**2024年工作回顾**`) is a heading of level 6; numbered headings keep
    their level when set in bold (`**一、…**`).
    """
    md = HEADING_MD.match(line)
    if md:
        return len(md.group(1))
    bold = _BOLD.match(line.strip())
    if bold:
        inner = bold.group(1).strip()
        level = heading_level(inner)
        if level is not None:
            return level
        if len(inner) <= 30 and inner[-1:] not in "。：:；;，,！!？?" and not HEADING_MD.match(inner):
            return 6
        return None
    if HEADING_L1.match(line) or HEADING_L1_EN.match(line):
        return 7
    if HEADING_L2.match(line):
        return 8
    if HEADING_L3.match(line):
        return 9
    return None


def is_heading_line(line: str) -> bool:
    """A heading of any kind, 第三章 included (where PDF lines must not be joined)."""
    return heading_level(line) is not None or bool(HEADING_OTHER.match(line))


# Romanised place names (茂名 → maoming), for English questions. An index records those of its
# regions, so answering never loads the pinyin dictionaries (a fifth of a second).
_ROMANISED: dict[str, str] = {}


def remember_romanised(names: dict[str, str]) -> None:
    _ROMANISED.update({k: v for k, v in names.items() if k and v})


def romanised(region: str) -> str:
    """A Chinese place name in toneless pinyin, lower case, without spaces: 茂名 → maoming."""
    known = _ROMANISED.get(region)
    if known is None:
        from pypinyin import lazy_pinyin

        known = _ROMANISED[region] = "".join(lazy_pinyin(region)).lower()
    return known
