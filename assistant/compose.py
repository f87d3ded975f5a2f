"""The answer as a reader sees it: the result types, the sentence made of quotes and citation
markers, which report it quotes, compound answers put together part by part, and the grounding
check that every figure in an answer stands in what it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .query import Query, romanised
from .retrieve import Hit
from .targets import UNIT, english_amount

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FIGURE_UNIT = re.compile(rf"(\d+(?:\.\d+)?)({UNIT})")
_MARKER = re.compile(r"\[\d+\]")
# Said before the quoted Chinese words when the question is English (made by rule, never generated).
ENGLISH_LEAD = "According to the report: "
NOT_FOUND_ZH_TAIL = "下面列出最接近的段落。"
NOT_FOUND_EN_TAIL = "the closest passages are listed as related."
NOT_FOUND_ZH = f"报告中没有找到这个问题的答案；{NOT_FOUND_ZH_TAIL}"
NOT_FOUND_EN = f"The indexed reports do not answer this question; {NOT_FOUND_EN_TAIL}"
NOT_FOUND = NOT_FOUND_ZH  # the first version's name


def not_found(english: bool) -> str:
    """The refusal, in the question's language."""
    return NOT_FOUND_EN if english else NOT_FOUND_ZH


def unindexed_report(english: bool, year: int, place: str | None, indexed: list[int]) -> str:
    """The refusal when the report a question names is not indexed: the years that are (of its place)."""
    if english:
        years = ", ".join(map(str, indexed))
        if not place:
            return f"No {year} report is among the indexed reports (indexed: {years}); {NOT_FOUND_EN_TAIL}"
        whose = _whose(place, place == "全国", True)
        return f"{whose[0].upper()}{whose[1:]} {year} report is not among the indexed reports (indexed: {years}); " \
               f"{NOT_FOUND_EN_TAIL}"
    name = _whose(place, place == "全国", False)
    return f"已索引的报告中没有{name}{year}年政府工作报告（已索引：{'、'.join(map(str, indexed))}年）；{NOT_FOUND_ZH_TAIL}"


def unindexed_place(english: bool, place: str) -> str:
    """The refusal when a question names the report of a place no indexed report is about."""
    if english:
        return f"No report of {romanised(place).title()} is among the indexed reports; {NOT_FOUND_EN_TAIL}"
    return f"已索引的报告中没有{place}的政府工作报告；{NOT_FOUND_ZH_TAIL}"


@dataclass
class Citation(Hit):
    """A retrieved passage cited as [n], with the clause(s) of it that the answer quotes."""

    n: int = 0
    quote: str = ""
    quote_start: int = 0
    quote_end: int = 0


@dataclass
class Answer:
    """An answer to one question.

    `text` carries [n] markers that point into `citations`; when `found` is false the report
    does not answer the question and `related` lists the closest passages instead.
    """

    question: str
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    understood_as: str = ""  # a follow-up made self-contained from earlier turns ("" when it stood alone)
    context: list[str] = field(default_factory=list)  # what it took from them: 茂名, 2023年, 城镇新增就业

    def to_dict(self) -> dict:
        """The JSON of `ask --json`, the /ask endpoint and the HTTP API."""
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "related": [h.to_dict() for h in self.related],
            "understood_as": self.understood_as,
            "context": self.context,
        }


def _whose(region: str | None, national: bool, english: bool) -> str:
    """Whose a report is: the State Council's or Maoming's in English, 国务院 or 茂名 in Chinese; "" for
    a report of no known place."""
    if national:
        return "the State Council's" if english else "国务院"
    if not region:
        return ""
    return romanised(region).title() + "'s" if english else region


def report_label(hit: Hit, english: bool) -> str:
    """How an answer names the report it quotes: 《茂名2023年政府工作报告》 / the Maoming 2023 report."""
    if english:
        place = _whose(hit.region, hit.level == "national", True) or "the"
        return f"{place} {hit.year or ''} report".replace("  ", " ")
    name = _whose(hit.region, hit.level == "national", False)
    name += " " if name.isascii() and name else ""  # 《Shenzhen 2024年政府工作报告》
    return f"《{name}{hit.year or ''}年政府工作报告》" if hit.year else f"《{hit.title}》"


def numbers_grounded(answer: Answer) -> bool:
    """True when every number in the answer text appears in one of its cited passages."""
    # The report named before the quote ("据《茂名2023年政府工作报告》") is grounded by its metadata.
    # Labels that repeat the question's own years ("2022年目标") are the question's, not figures.
    # So are the years a cited passage is about (its period: a 2023 report's review is about 2022).
    cited = " ".join(f"{c.text} {c.year or ''} {c.title} {' '.join(map(str, c.period or []))}"
                     for c in answer.citations) + " " + answer.question
    # An English answer states a cited figure in English units (110万人 → 1.1 million people):
    # exact conversions of the cited figures count as those figures.
    cited += " " + " ".join(english_amount(num, unit) for c in answer.citations
                            for num, unit in _FIGURE_UNIT.findall(c.text))
    return all(num in cited for num in _NUMBER.findall(_MARKER.sub("", answer.text)))


def finish(query: Query, citations: list[Citation], body: str, several_reports: bool) -> Answer:
    """The answer text: the quotes, led by the report(s) they come from when several are indexed."""
    if several_reports:
        # With several reports indexed, say which one(s) the answer quotes.
        names = list(dict.fromkeys(report_label(c, query.is_english) for c in citations))
        lead = (f"From {', '.join(names)}: " if query.is_english else f"据{'、'.join(names)}：")
        body = lead + body
    elif query.is_english:
        body = ENGLISH_LEAD + body
    return Answer(query.words, body, True, citations)


def combine(query: Query, answers: list[tuple[str, Answer]]) -> Answer:
    """One answer from the answers to each part, citations renumbered; a part the reports do
    not answer says so."""
    citations: list[Citation] = []
    pieces = []
    for label, answer in answers:
        if not answer.found:
            pieces.append(f"{label}: not in the indexed reports" if query.is_english else f"{label}：报告中未找到")
            continue
        quotes = []
        for c in answer.citations:
            n = next((x.n for x in citations if x.chunk_id == c.chunk_id and x.quote == c.quote), None)
            if n is None:
                n = len(citations) + 1
                citations.append(replace(c, n=n))
            quotes.append(f"{c.quote}[{n}]")
        where = report_label(answer.citations[0], query.is_english)
        if label not in where:  # (a part asking one report is named by it: "Maoming's 2021 report")
            where = f"{label} ({where})" if query.is_english else f"{label}（{where}）"
        pieces.append(f"{where}: " + "; ".join(quotes) if query.is_english else f"{where}：" + "；".join(quotes))
    sep = "; " if query.is_english else "；"
    text = sep.join(pieces)
    # (an English one starts with a capital: "The State Council's 2019 report: …")
    text = text[:1].upper() + text[1:] + "." if query.is_english else text + "。"
    return Answer(query.words, text, True, citations)


_OFFICE_EN = {"总理": "Premier", "省长": "Governor", "市长": "Mayor", "县长": "County Head", "区长": "District Head",
              "主席": "Chairman"}


def speaker_in_english(line: str) -> str:
    """A speaker line in English by rule: 广东省代省长 王伟中 → Acting Governor Wang Weizhong (the
    office from a fixed table, the name in pinyin, surname first); the line itself when it does not parse."""
    m = re.match(r"^.*?(代)?(总理|省长|市长|县长|区长|主席)[\s\u3000]*(\S.*)$", line)
    if not m:
        return line
    from pypinyin import lazy_pinyin

    from . import resources

    name = re.sub(r"[\s\u3000·]", "", m.group(3))
    surname = next((s for s in sorted(resources.surnames(), key=len, reverse=True) if name.startswith(s)), name[:1])
    given = lazy_pinyin(name[len(surname):])
    family = resources.surnames().get(surname) or "".join(lazy_pinyin(surname))
    person = family.title() + (" " + "".join(given).title() if given else "")
    return f"{'Acting ' if m.group(1) else ''}{_OFFICE_EN[m.group(2)]} {person}"


def english_names(quote: str, limit: int = 12) -> list[tuple[str, str]]:
    """(Chinese term, English name) for the glossary's named terms that open or close a listed item
    of a quote (做强做优石油化工、农业、建筑业…: 石油化工, 农业, 建筑业), in reading order; a term inside a
    longer one found (能源 in 新能源汽车) is left out."""
    from . import resources

    named = resources.glossary_names()
    found: list[tuple[int, int, str, str]] = []
    for item in re.finditer(r"[^、，,。；;：:]+", quote):
        text = item.group().strip("“”\"（）() ")
        at0 = item.start() + item.group().find(text)
        for terms, name in named:
            for term in terms:
                if len(term) >= 2 and (text.startswith(term) or text.endswith(term)):
                    at = at0 if text.startswith(term) else at0 + len(text) - len(term)
                    found.append((at, at + len(term), term, name))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[str, str]] = []
    end = -1
    names = set()
    for start, stop, term, name in found:
        if start < end or name in names:
            continue
        out.append((term, name))
        names.add(name)
        end = stop
    return out[:limit]
