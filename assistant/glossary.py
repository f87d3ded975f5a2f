"""A small English→Chinese glossary of report terms that widens English queries.

Government work reports use a fixed vocabulary whose official English renderings are well known
(地区生产总值 "GDP", 固定资产投资 "fixed-asset investment", 对口帮扶 "paired assistance"...).
Matching them adds the Chinese terms to the lexical query; figures in English units are added in
Chinese units ("45 billion yuan" → 450亿元). The entries are data: `resources/glossary.tsv`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from . import resources

# \b would see no boundary between 年 and GDP (both are word characters): use Latin-letter edges.
_EDGE = r"(?:(?<![A-Za-z])(?=[A-Za-z])|(?<=[A-Za-z])(?![A-Za-z]))"


@functools.lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern, tuple[str, ...]]]:
    # An English phrase starts a word: "ports?" must not be read inside "report" or "support".
    return [(re.compile("(?<![A-Za-z])(?:" + pattern.replace(r"\b", _EDGE) + ")", re.IGNORECASE), terms)
            for pattern, terms in resources.glossary()]
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)(\s+yuan\b)?", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


_ROUND = {10: "十", 100: "百", 1000: "千"}


def _plain(x: float) -> str:
    """A number as written, without an exponent: 12600.0 → 12600, 3.8 → 3.8."""
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _chinese_amounts(value: float) -> tuple[str, ...]:
    """12e9 → ('120亿',), 1e11 → ('1000亿', '千亿'), 4e4 → ('4万',); trillions as reports write them
    too: 3.8e12 → ('38000亿', '3.8万亿'), 1e12 → ('10000亿', '1万亿', '万亿')."""
    if value >= 1e12:
        n = value / 1e12
        return (_plain(value / 1e8) + "亿", _plain(n) + "万亿") + (("万亿",) if n == 1 else ())
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if value >= size:
            n = value / size
            forms = [(f"{n:.0f}" if n == int(n) else f"{n:g}") + unit]
            if n in _ROUND:
                forms.append(_ROUND[int(n)] + unit)
            return tuple(forms)
    return (f"{value:g}",)


def expand_groups(question: str) -> list[tuple[str, ...]]:
    """The Chinese terms of each glossary entry and amount an English question mentions."""
    return [chinese for _, chinese in matched(question)]


def terms_of(groups: Iterable[tuple[str, ...]]) -> list[str]:
    """The terms of several groups, each once, in order."""
    return list(dict.fromkeys(t for group in groups for t in group))


def matched(question: str) -> list[tuple[re.Pattern, tuple[str, ...]]]:
    """The glossary entries and amounts an English question mentions: (English pattern, Chinese terms)."""
    found = [(pattern, chinese, [m.span() for m in pattern.finditer(question) if m.end() > m.start()])
             for pattern, chinese in _compiled()]
    found = [f for f in found if f[2]]

    def inside_another(pattern: re.Pattern, spans: list[tuple[int, int]]) -> bool:
        """Said only inside another entry's words: that entry's part ("projects" in "livelihood projects")."""
        others = [span for other, _, other_spans in found if other is not pattern for span in other_spans]
        return all(any(a <= s and e <= b and (a, b) != (s, e) for a, b in others) for s, e in spans)

    out = [(pattern, chinese) for pattern, chinese, spans in found if not inside_another(pattern, spans)]
    for m in _AMOUNT.finditer(question):
        forms = _chinese_amounts(float(m.group(1)) * _SCALE[m.group(2).lower()])
        if m.group(3) and forms[0] in ("1亿", "1万"):
            forms += (forms[0][1:] + "元",)  # "projects over 100 million yuan": 亿元以上项目, 超亿元
        out.append((re.compile(rf"(?<![\d.]){re.escape(m.group(1))}\s*{m.group(2)}", re.IGNORECASE), forms))
    return out


def said_in_english(word: str, text: str) -> bool:
    """An English text says a Chinese report word: a glossary entry holding the word (or a term
    the word contains, or one containing it) matches the text. 国内生产总值 → "GDP"."""
    return any(pattern.search(text) for pattern, chinese in _compiled()
               if any(t == word or (len(t) >= 2 and t in word) or (len(word) >= 2 and word in t) for t in chinese))


def english_names_for(text: str) -> list[str]:
    """The English names of the glossary entries whose report terms a Chinese text uses (粮食 → grain)."""
    return [name for terms, name in resources.glossary_names() if any(len(t) >= 2 and t in text for t in terms)]
