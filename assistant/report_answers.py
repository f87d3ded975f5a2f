"""Answers about a report as a whole rather than from its passages' clauses: who delivered it
and when (its speaker and meeting lines), its main-targets list (主要预期目标是：…), and the year's
work asked as a whole (the headings of the chapter that sets it). Each quotes the report's own
words with their spans, as every other answer does."""

from __future__ import annotations

import re
from dataclasses import asdict

from .compose import Answer, Citation, finish, speaker_in_english
from .index import SourceInfo
from .query import Query, named_year, romanised, without_places
from .retrieve import Hit, Retriever
from .table_answer import named_indicators
from .terms import LIST_CAP, count_of, english_counted_terms, key_terms
from .text import CJK, has_cjk
from .tokenize import normalize

# The main targets asked as a whole (主要预期目标有哪些, "what are the main targets"), and where a
# report lists them (今年…主要预期目标是：…).
_MAIN_TARGETS = re.compile(r"主要(?:经济社会发展)?(?:预期)?目标|预期目标有哪些|\b(?:main|major|key|headline|principal)\s+"
                           r"(?:economic\s+)?(?:and\s+social\s+)?(?:development\s+)?(?:targets|goals)\b", re.IGNORECASE)
_TARGETS_LEAD = re.compile(r"(?:\*\*)?(?:主要)?预期目标(?:\*\*)?(?:是|为)?(?:\*\*)?[：:]")
# A year's work asked as a whole: "深圳2025年有哪些重点工作？", "What are Chengdu's priorities for 2025?"
_TASKS_ASKED = re.compile(
    r"重点工作|主要任务|重点任务|工作重点|工作安排|主要工作|工作任务|政府工作有哪些|要做好?哪些(?:事|工作)|"
    r"\b(?:priorities|key (?:tasks|priorities|areas)|main (?:tasks|priorities|areas of work)|major tasks|work plan|"
    r"(?:plans?|agenda) for (?:the year|this year|\d{4})|focus areas)\b|"
    r"\bwhat (?:will|does|do|did|would) [\w' ]{1,40}? (?:focus on|prioriti[sz]e|plan to do)\b", re.IGNORECASE)
# What a question may say beside those words and still ask for the whole: its place, year, asking words.
_TASKS_WORDS = re.compile(
    r"重点|主要|工作|任务|安排|政府|报告|今年|明年|全年|方面|哪些|哪几|有|是|什么|要|做好?|事|的|年|市|省|分别|各|\d|"
    r"国务院|全国|我国|中国|国家|中央|\b(?:china|chinese|national|state council|central|country|nationally)\b|"
    r"\b(?:what|which|are|is|were|was|the|its|their|for|in|of|priorities|priority|key|main|major|tasks?|work|areas?|plans?|"
    r"agenda|focus|year|this|government|report|will|does|do|did|would|on|prioriti[sz]e|to|s|list|set|out|name|and|"
    r"lay|laid|lays|deploy\w*|includ\w*|cover\w*|outlin\w*|planned|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|和|与|及",
    re.IGNORECASE)
# The chapter of a report that sets its year's work (二、2025年工作安排, 三、2019年政府工作任务, 对今年政府工作的建议).
_PLAN_CHAPTER = re.compile(r"工作安排|工作任务|重点工作|主要任务|重点任务|工作的建议|工作建议|"
                           r"\b(?:tasks|work plan|work for \d{4}|priorities)\b", re.IGNORECASE)
_FIVE_YEARS = re.compile(r"五年|十[三四五]五|review|回顾", re.IGNORECASE)


def _own_topic(question: str, regions: set[str | None]) -> bool:
    """Whether a question about a year's work names a topic of its own beside its place and year:
    a Chinese noun that is no work word (科技创新 in 深圳2025年科技创新有哪些重点工作？, not 国务院 or
    政府工作任务), an English word that is none of the asking words."""
    rest = without_places(_TASKS_ASKED.sub(" ", question), regions)  # (a part of "Shenzhen and Guangzhou")
    if re.search(r"[A-Za-z]{3,}", _TASKS_WORDS.sub(" ", rest)):
        return True
    if not re.search(rf"[{CJK}]", rest):
        return False
    from .tokenize import posseg_module

    return any(len(p.word) >= 2 and p.flag.startswith(("n", "vn", "j", "l")) and not p.flag.startswith(("ns", "nr", "nt"))
               and not _TASKS_WORDS.fullmatch(p.word) and not re.search(r"工作|任务|重点|安排|报告|政府|方面|全国|中国|部署|提出|明确|确定|包括|内容", p.word)
               for p in posseg_module().lcut(rest))


def _plan_chapter(headings: list[list], year: int | None) -> tuple[str, list[list]]:
    """(title, direct sub-headings) of the chapter that sets the report's year's work: one naming
    the year or 今年 first, else any plan chapter not about five years; ("", []) when none has two
    or more sub-headings."""
    chapters = [(i, h) for i, h in enumerate(headings) if _PLAN_CHAPTER.search(h[3]) and not _FIVE_YEARS.search(h[3])]
    chapters.sort(key=lambda ih: not (year and str(year) in ih[1][3] or "今年" in ih[1][3]))
    for i, (_, _, _, title) in chapters:
        items = _children(headings, i)
        if len(items) >= 2:
            return title, items[:12]
    return "", []


def _heading_citations(source: str, info: SourceInfo, section: str, items: list[list], first: int) -> list[Citation]:
    """Headings (level, start, end, title) of a report cited [first], [first + 1], … by their titles."""
    out = []
    for n, (_, start, end, title) in enumerate(items, first):
        hit = Hit(text=title, score=1.0, source=source, section=section, start=start, end=end,
                  chunk_id=f"{source}#heading{start}", rank=n, title=info.title, year=info.year, region=info.region,
                  level=info.level, kind="plan", period=[info.year, info.year] if info.year else None)
        out.append(Citation(**asdict(hit), n=n, quote=title, quote_start=start, quote_end=end))
    return out


_ASKED_AFTER = re.compile(r"[的都主要共一包括含分成为是有哪些几大类个项方面条件什么及等\s？?，,。！!]")
# A heading's words a list question may name it by: a run of at least this many Chinese characters
HEADING_WORDS = 4


def _heading_words(query: Query, titles: list[str]) -> list[str]:
    """The longest run of a Chinese list question's words (not its places) that a heading says
    (成都2025年的民生实事项目分成哪几大类？ → 民生实事项目, the heading 成都市2025年民生实事项目)."""
    text = re.sub(r"\d{4}年", " ", without_places(query.normalized, query.places))
    runs = [r for r in re.findall(f"[{CJK}]+", text) if len(r) >= HEADING_WORDS]
    best = ""
    for title in (normalize(t) for t in titles):
        for run in runs:
            for n in range(len(run), max(HEADING_WORDS, len(best) + 1) - 1, -1):
                found = next((run[i:i + n] for i in range(len(run) - n + 1) if run[i:i + n] in title), None)
                if found:
                    best = found
                    break
    # (what the question asks must be the heading's items: nothing it names after the heading's words,
    # not 十件民生实事里，给新生儿免费做哪些疾病筛查)
    tail = text[text.find(best) + len(best):] if best else ""
    return [best] if best and not _ASKED_AFTER.sub("", tail) else []


def _children(headings: list[list], i: int) -> list[list]:
    """The direct sub-headings of heading i (those of the highest level under it, before the next
    heading of its level or above)."""
    inner = []
    for h in headings[i + 1:]:
        if h[0] <= headings[i][0]:
            break
        inner.append(h)
    top = min((h[0] for h in inner), default=None)
    return [h for h in inner if h[0] == top]


def _english_date(iso: str | None) -> str:
    """2023-01-12 → January 12, 2023."""
    if not iso:
        return "a date the report gives"
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{_MONTH_NAMES[m - 1]} {d}, {y}"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def _one_line(text: str) -> str:
    """A quote of several lines (Li Qiang / Premier of the State Council) as one: Li Qiang, Premier…."""
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


class ReportAnswers:
    """The answers of an index's reports as wholes. None from a method: the question is not of its
    kind, or leaves the report open; the passages answer it then."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever

    def several(self) -> bool:
        """Several reports are indexed: an answer says which one it quotes."""
        return len(self.retriever.store.sources()) > 1

    def lines(self, query: Query, source: str | list[str] | None, year: int | None,
              region: str | None) -> Answer | None:
        """"Who delivered the 2019 report?": the speaker line of the report(s) the question and the
        filters name, quoted; "When was it delivered?": their meeting line; both when both are
        asked. None when they leave it open (several reports, none named)."""
        lines = [line for line, wanted in (("meeting", query.wants_meeting), ("speaker", query.wants_speaker))
                 if wanted]
        found = [(line, h) for line in lines for h in self.retriever.speaker_hits(query, source, year, region, line)]
        if not found:
            return None
        found.sort(key=lambda pair: pair[1].rank)  # each report's lines together
        citations = [Citation(**asdict(h), n=n, quote=h.text, quote_start=h.start, quote_end=h.end)
                     for n, (_, h) in enumerate(found, 1)]
        infos = self.retriever.store.sources()
        parts = []
        for (line, _), c in zip(found, citations):
            if query.is_english and line == "meeting":
                parts.append(f"delivered on {_english_date(infos[c.source].meeting_date)} ({_one_line(c.quote)})[{c.n}]")
            elif query.is_english:
                parts.append(f"delivered by {_one_line(c.quote)}[{c.n}]" if not has_cjk(c.quote) else
                             f"delivered by {speaker_in_english(c.quote)} ({c.quote})[{c.n}]")
            else:
                parts.append(f"{_one_line(c.quote)}[{c.n}]" if line == "meeting" else f"由{_one_line(c.quote)}作报告[{c.n}]")
        return finish(query, citations, ("; ".join(parts) + ".") if query.is_english else "；".join(parts) + "。", True)

    def tasks(self, query: Query) -> Answer | None:
        """"深圳2025年有哪些重点工作？", "What are Chengdu's priorities for 2025?": the headings of the
        chapter that sets the year's work (二、2025年工作安排 → （一）…（十）), of the year named, else
        each named place's latest report. None when the question names a topic of its own (深圳2025年
        科技创新有哪些重点工作？ is for the passages), or leaves the report open."""
        if not _TASKS_ASKED.search(query.text) or query.span or query.kind in ("met", "definition"):
            return None
        infos = self.retriever.store.sources()
        regions = {i.region for i in infos.values()}
        if _own_topic(query.text, regions):
            return None  # 深圳2025年科技创新有哪些重点工作？ is for the passages
        if not query.places and len(regions) > 1:
            return None
        year = named_year(query)
        reports = []
        for region in query.places or sorted(r for r in regions if r):
            own = [(i.year, s) for s, i in infos.items() if i.region == region and i.headings
                   and (year is None or i.year == year)]
            if own:
                reports.append(max(own)[1])
        if not reports or len(reports) > 3:
            return None
        citations: list[Citation] = []
        parts = []
        for source in reports:
            info = infos[source]
            chapter, items = _plan_chapter(info.headings, info.year)
            if not items:
                return None
            first = len(citations) + 1
            citations += _heading_citations(source, info, chapter, items, first)
            quoted = [f"{c.quote}[{c.n}]" for c in citations[first - 1:]]
            place = ""
            if len(reports) > 1:
                place = (romanised(info.region or "").title() + ", " if query.is_english else f"{info.region}，")
            parts.append(f"{place}{chapter}: " + "; ".join(quoted) if query.is_english
                         else f"{place}{chapter}：" + "；".join(quoted))
        several = self.several()
        return finish(query, citations, (" — ".join(parts) + ".") if query.is_english else "。".join(parts) + "。",
                      several)

    def main_targets(self, query: Query) -> Answer | None:
        """"成都2025年主要预期目标有哪些？", "What are China's main targets for 2023?": the sentence after
        the report's 主要预期目标是： (of the year named, else each named place's latest report)."""
        if not _MAIN_TARGETS.search(query.text) or named_indicators(query) or query.span:
            return None  # (a five-year plan's main goals are its outline's, not a year's list)
        infos = self.retriever.store.sources()
        year = named_year(query)
        reports = [s for s, i in infos.items() if (not query.places or i.region in query.places)
                   and (year is None or i.year == year)]
        if year is None:  # each place's latest plan
            latest = {}
            for s in reports:
                region = infos[s].region or s
                if infos[s].year is not None and infos[s].year >= latest.get(region, (0, ""))[0]:
                    latest[region] = (infos[s].year, s)
            reports = [s for _, s in latest.values()]
        if not reports or len(reports) > 1 and len(reports) > len(query.places):
            return None  # (several governments and none named: the passages say which)
        citations = []
        for source in sorted(reports):
            for hit in self.retriever.term_hits({source}, "预期目标", glossary_only=False, limit=40):
                if hit.kind == "glossary":
                    continue
                hit = self.retriever.run_on(hit, LIST_CAP)
                lead = _TARGETS_LEAD.search(hit.text)
                if lead is None:
                    continue
                stop = hit.text.find("。", lead.end())
                end = stop if 0 <= stop <= lead.end() + LIST_CAP else min(len(hit.text), lead.end() + LIST_CAP)
                start = lead.start() + len(lead.group()) - len(lead.group().lstrip("*"))  # (no Markdown bold)
                citations.append(Citation(**asdict(hit), n=len(citations) + 1, quote=hit.text[start:end],
                                          quote_start=hit.start + start, quote_end=hit.start + end))
                break
        if not citations:
            return None
        body = "；".join(f"{c.quote}[{c.n}]" for c in citations) + "。"
        return finish(query, citations, body, self.several())

    def heading_list(self, query: Query) -> Answer | None:
        """"广东省2019年的十件民生实事都包括哪些？" where the report sets the list out as a heading
        (2019年省十件民生实事) over one sub-heading per item: the items' titles, each cited. Of the year
        named, else the named place's latest report that has such a heading; None when no heading
        names the term asked, or the question leaves the report open."""
        infos = self.retriever.store.sources()
        regions = {i.region for i in infos.values()}
        if not query.places and len(regions) > 1 or len(query.places) > 1:
            return None
        year = named_year(query)
        reports = sorted(((i.year or 0, s) for s, i in infos.items() if i.headings
                          and (not query.places or i.region in query.places) and (year is None or i.year == year)),
                         reverse=True)
        asked = key_terms(query.text)
        for _, source in reports:
            info = infos[source]
            titles = [h[3] for h in info.headings]
            # (a count asked must agree with the items: 四件民生实事 is not a heading over three)
            terms = asked + (english_counted_terms(query.text, titles) if query.is_english else
                             [] if any(count_of(t) for t in asked) else _heading_words(query, titles))
            for term in (normalize(t) for t in terms if len(t) >= 3):
                for i, h in enumerate(info.headings):
                    if term not in normalize(h[3]):
                        continue
                    items = _children(info.headings, i)
                    count = count_of(term)
                    if len(items) >= 2 and (count is None or count == len(items)):
                        citations = _heading_citations(source, info, h[3], items, 1)
                        body = [f"{c.quote}[{c.n}]" for c in citations]
                        sep = "; " if query.is_english else "；"
                        text = f"{h[3]}: " + sep.join(body) + "." if query.is_english else f"{h[3]}：" + sep.join(body) + "。"
                        return finish(query, citations, text, self.several())
            if year is None:
                break  # (no year named: the latest report only)
        return None
