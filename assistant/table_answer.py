"""Answers from the targets table: a question about a named indicator's target or outcome, a
target met, or a figure compared across years or places.

The answer is built from table rows, each quoting its exact span; an English question gets an
English sentence made by rule from the row (indicator name from the vocabulary, the figure in
English units, the qualifier in words) followed by the Chinese clause it was read from. Whether
a target was met is a comparison of the two cited figures, said only when the rows make it
clear. When the table cannot say which place, year or indicator is meant, it returns None and
the passage answerer takes the question.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, replace

from . import resources
from .chunk import Chunk
from .compose import Answer, Citation, report_label
from .index import IndexStore
from .query import Query, asks_part_of_year, romanised, without_places
from .retrieve import Hit
from .targets import _LEAD_OK, WHOLE_REGION, Indicator, IndicatorRow, _forms, _lead, _region_names, vocabulary
from .text import CJK

# What an amount indicator's question asks: its growth (增速) or its level (总量, "how big").
_BARE_WORDS = re.compile(r"\b(?:growth|rate|target|goal|outcome|actual|figure|level|total|of|in|for|the|and|"
                         r"what|whats|what's|is|was)\b|增长|增速|增幅|目标|实际|数据|是多少|多少|年|市|省|"
                         r"[\d\s?？!！.,，。:：'’\-]", re.IGNORECASE)


# Where a figure ranks, asked and said: "how did it rank", 排名第几; 增速全省第一, 居全国前列.
RANK_ASKED = re.compile(r"\brank\w*|\bwhere (?:does|did|do|would) (?:that|this|it|they|these) (?:put|place|leave|stand)\b|"
                        r"\bwhat distinction\b|排名|排第|位居|位列|名次|第几", re.IGNORECASE)
RANK_SAID = re.compile(r"第[一二三四五六七八九十\d]+(?!次|届|批|期|轮)|首位|前列|前[一二三四五六七八九十\d]+(?:名|位)?|榜首|之首|"
                       r"[一二三四五六七八九十百\d]+(?:强|大[^，,。；;、]{1,10}之列)|"  # (百强县, 回到…十大港口之列)
                       r"全[国省市][^，,。；;]{0,16}?最(?:多|大|高|长|早|快)的")  # (成为全省拥有省级园区最多的地级市)
_NEXT_CLAUSE = re.compile(r"[，,、]([^，,。；;！!？?]{1,20})")
# A few words opening a clause before its indicator (全年, 全社会, 全市): right after a mark, or a passage's start.
_CLAUSE_OPENING = re.compile(rf"(?:^|[，,。；;：:！!？?、\s])([{CJK}]{{1,4}})$")
# A target's higher aim said right after it: 增长7.5%左右，实际工作按8%左右争取; 增长5%左右、努力争取更好结果.
_STRIVING = re.compile(r"^(?:在|并|但)?(?:实际工作中?|力争|争取|努力)[^，,。；;]{0,12}(?:\d|更好|更高|更快)")


def _without_forms(text: str, ind: Indicator) -> str:
    """The text with the indicator's report forms blanked, longest first."""
    for form in sorted(ind.forms, key=len, reverse=True):
        text = text.replace(form, " ")
    return text


def _bare(query: Query, ind: Indicator) -> bool:
    """A keyword query of an indicator with its place or year and nothing else ("shenzhen gdp 2024",
    "深圳 2024 GDP", "SHENZHEN GDP GROWTH 2024?"): its figure is asked."""
    rest = _without_forms(without_places(query.text, query.places), ind)
    rest = re.sub(ind.question_en, " ", rest, flags=re.IGNORECASE) if ind.question_en else rest
    return bool(query.places or query.years) and not _BARE_WORDS.sub("", rest).strip()


# A terse English figure request: "Maoming GDP growth in 2021?", "Shenzhen 2024 GDP growth rate"
_TERSE_GROWTH = re.compile(r"^[\w' -]{0,40}\bgrowth(?: rate)?(?: in \d{4})?\s*\??$", re.IGNORECASE)
GROWTH_ASKED = re.compile(r"增长|增速|增幅|涨幅|上涨|growth|grow|grew|increase|rise|rose|rate", re.IGNORECASE)
LEVEL_ASKED = re.compile(r"总量|规模|总额|多少亿|多少万亿|亿元|万亿元|多少万人|多少吨|多少斤|how (?:big|large)|\btotal\b|(?<!-)\bsize\b|"
                      r"in absolute terms|\bvalue of\b|\blevel\b|\bin (?:yuan|rmb|renminbi)\b|"
                      r"\b(?:mark|threshold)\b", re.IGNORECASE)
# Questions about something more specific than the indicator (a part of the region, a sector).
_PART_EN = re.compile(r"\brural\b|\burban residents\b|\bfarmers\b|\bdistricts?\b|\bcount(?:y|ies)\b|\bzones?\b|\bparks?\b|"
                      r"\bprivate\b|\bservices?\b|\bdigital\b|\bindustrial park\b|\bprojects?\b|"
                      r"\b(?:general|processing) trade\b|\bcross-border e-commerce\b|"
                      # (a sector's investment, 基础设施投资, is a part of the fixed-asset investment)
                      r"\b(?:infrastructure|industrial|manufacturing|transport(?:ation)?|real[- ]estate|property|energy|"
                      r"technolog(?:y|ical)|agricultur(?:e|al)|tourism|housing|water|railway|road|education|"
                      r"health(?:care)?|government) investment\b", re.IGNORECASE)
_PART_ZH = re.compile(r"农村|城镇居民|农民|一般贸易|服务贸易|跨境电商|民营|国有|外资企业|合作区|开发区|高新区|新区|园区|片区|港区|"
                      r"县域|镇|村|产业|行业|企业|项目")
# What a share is taken of: 占GDP比重, 相当于地区生产总值的比例, "as a share of GDP", "deficit-to-GDP".
_SHARE_OF_ZH = re.compile(r"(?:占|相当于)(?:全市|全省|全国)?$")
_SHARE_AFTER_ZH = re.compile(r"的?(?:比重|比例)")
_SHARE_OF_EN = re.compile(r"(?:(?:share|percentage|proportion|percent|%|ratio|fraction) (?:of|to)|relative to|"
                          r"compared (?:with|to)) (?:the |its |(?:the )?[a-z]+(?:'s|’s) )?$|-to-$|"
                          # (the ratio of R&D spending to GDP, the share of services in GDP)
                          r"\b(?:share|percentage|proportion|ratio) of [\w&'’ -]{1,40} (?:to|in) (?:the |its )?$")
# "多少元", "多少万人": the unit a figure is asked in; a row in another unit does not answer.
AVERAGE = re.compile(r"年均|平均每年|average annual|annual average|on average", re.IGNORECASE)
# A sum over several years (五年累计完成固定资产投资6063亿元), not one year's figure
_OVER_YEARS = re.compile(r"累计|[五几多两三四]年来|过去[五几多两三四]年|近[五几两三四]年|\bcumulative(?:ly)?\b|"
                         r"\b(?:over|in|during) the (?:past|last|previous|preceding) (?:five|5|several|few) years\b", re.IGNORECASE)
WHY_ASKED = re.compile(r"为什么|为何|什么原因|原因是|\bwhy\b|\bhow come\b|\breasons?\b", re.IGNORECASE)
_WHAT_IS = re.compile(r"\s*what(?:'s| is| was| are| were)\b", re.IGNORECASE)
# "Which major trade fairs did Guangdong pledge to host…?": things asked by name, not a figure (unless the
# things are figures: "which growth target…?")
_WHICH_THINGS = re.compile(r"\s*(?:[^,?]{0,80},\s*)?which\s+((?:[\w-]+\s+){0,5}?)(?:did|does|do|will|would|is|are|was|were|has|have|had)\b",
                           re.IGNORECASE)
_FIGURE_NOUNS = re.compile(r"target|goal|figure|rate|ratio|growth|number|amount|level|indicator|index|share|percent",
                           re.IGNORECASE)
_ASKED_UNIT = re.compile(r"多少(万亿|亿|万)?(元|人|吨|斤|美元|标箱)")
_KIND_OF = {"plan": "target", "outcome": "outcome"}
_ROUNDED = ("突破", "超过", "超", "接近", "近", "约")


@dataclass
class _Line:
    label: str  # what the line is about, in the question's language
    row: IndicatorRow
    instead: bool = False  # the year's target, given because its outcome is not in the indexed reports


# Words a question qualifies the figure asked with, not another measure's name: 实际赤字率 is the deficit
# ratio reached, 全年赤字率 the year's.
_ASKED_OF_FIGURE = re.compile(r"实际|全年|当年|最终")
# The few words that close a clause after its figure (…2.8%左右安排，).
_CLAUSE_CLOSING = re.compile(rf"([{CJK}]{{1,4}})(?=[，。；、,;：:！？!?]|$)")
_WHOLE_END = re.compile(rf"(?:{WHOLE_REGION})$")


def _compound(query: Query, lead: str) -> bool:
    """A noun right before an indicator's form makes another measure of it: 海洋生产总值 is the
    ocean economy's output, not the region's GDP (广东, 2023年, 全省 before it only say whose); so
    does a partner before it (对东盟的进出口)."""
    from .tokenize import posseg_module

    tail = re.sub(r"(?:19|20)\d\d年?", " ", without_places(lead, [*query.places, *(
        n for p in query.places for n in _region_names(p))])).strip()
    if re.search(r"(?:^|\s)[对与向同][^，。,]{1,16}的?$", tail):
        return True  # 对共建“一带一路”国家的进出口: the trade with some countries, a part of it
    if _WHOLE_END.search(tail):
        return False  # 全社会研发经费投入强度: the whole region's, however the words split (全 社会)
    words = [w for w in posseg_module().lcut(tail) if w.word.strip()] if tail else []
    if not words:
        return False
    last = words[-1]  # (the word the tail ends with: the one right before the indicator)
    if last.flag == "ns" and not any(p in lead for p in query.places):
        return False  # (海滨2024年地区生产总值: a place no report is about may be whose GDP it is)
    return len(last.word) >= 2 and last.flag in ("n", "nz", "vn", "ns") and not _LEAD_OK.fullmatch(last.word) \
        and not _ASKED_OF_FIGURE.fullmatch(last.word) \
        and not set(_region_names(last.word)) & _place_names()


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Every place of the resources, with and without its suffix (北京市, 北京)."""
    return frozenset(n for p in resources.places() for n in _region_names(p.name))


def named_indicators(query: Query) -> list[Indicator]:
    """The indicators a question names, in order: Chinese forms (longest first) or English words.
    A Chinese form led by words naming a part (农村居民…) is not the indicator itself; one that a
    share is taken of (研发投入占GDP比重, R&D as a share of GDP) is not what is asked."""
    pattern, by_form = _forms()
    found: list[tuple[int, Indicator]] = []
    taken: list[tuple[int, int]] = []
    text = query.normalized
    for m in pattern.finditer(text if not query.is_english else ""):
        lead = _lead(text, m.start())
        if _PART_ZH.search(lead) or _compound(query, lead):
            return []
        if _SHARE_OF_ZH.search(text[: m.start()]) or _SHARE_AFTER_ZH.match(text, m.end()):
            continue
        found.append((m.start(), by_form[m.group()]))
    if query.is_english:
        lower = query.text.lower()
        if _PART_EN.search(lower):
            return []
        spans = []
        for ind in vocabulary():
            if ind.question_en:
                # (a rate that is a share is named by one: "the ratio of R&D spending")
                spans += [(m.start(), m.end(), ind) for m in re.finditer(ind.question_en, lower)
                          if ind.measure == "rate" or not _SHARE_OF_EN.search(lower[: m.start()])]
        for a, b, ind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                found.append((a, ind))
    out: list[Indicator] = []
    for _, ind in sorted(found, key=lambda f: f[0]):
        if ind not in out:
            out.append(ind)
    if not out and (_bare_growth(query) or _economy_growth(query)):
        out = [ind for ind in vocabulary() if ind.id == "gdp"]
    return out


# 经济增长 / 经济增速 of a place or year (2023年全国经济增长目标, 湛江经济增速), how its economy did
# (北京2024年经济怎么样): its GDP's, not a sector's (数字经济增长, 民营经济增速).
_ECONOMY_ZH = re.compile(r"经济(?:实际)?(?:增长|增速)|经济(?:发展)?(?:怎么样|怎样|如何|表现)")


def _economy_growth(query: Query) -> bool:
    """A Chinese question asks how a place's or a year's economy grew or did (not a sector's)."""
    if query.is_english:
        return False
    text = query.normalized
    named = [*query.places, *query.unknown_places, "全国", "我国", "全省", "全市"]
    for m in _ECONOMY_ZH.finditer(text):
        before = text[: m.start()]
        if not before or before[-1] in "0123456789年的，," or any(before.endswith(p) for p in named):
            return True
    return False


# A place's growth, nothing else named ("What growth target did Zhanjiang set?", "did Maoming grow
# faster than Guangdong?", 湛江2018年增长目标是多少): the economy's, as the reports mean it.
_GROWTH_WORD = re.compile(r"\bgr[oe]w(?:s|n|th)?\b|\bexpan(?:d|ded|sion)\b|增长|增速", re.IGNORECASE)
_GROWTH_TERMS = frozenset({"增长", "增速", "目标", "预期", "预期目标"})


def _bare_growth(query: Query) -> bool:
    """A question names a place and its growth and nothing else it could be the growth of."""
    if not (query.places or query.unknown_places) or not _GROWTH_WORD.search(query.text) or query.wants_list:
        return False
    if query.is_english:
        generic = resources.question_words()["generic"]  # ("Which city grew faster…?")
        return not any(w not in generic for w, _ in query.translated) and all(
            set(terms) <= _GROWTH_TERMS for _, terms in query.glossed)
    named = [*query.places, *query.unknown_places]
    places = set(named) | {p + s for p in named for s in ("市", "省")}
    rest = [t for t in query.tokens if t not in places and not t.isdigit() and t != "年"]
    return bool(rest) and set(rest) <= _GROWTH_TERMS


def names_things(query: Query) -> bool:
    """An English question asks which things (fairs, projects, cities) by name, not how much."""
    which = _WHICH_THINGS.match(query.text) if query.is_english and not query.wants_number else None
    return bool(which) and not _FIGURE_NOUNS.search(which.group(1))


class TableAnswerer:
    """Answers from an index's targets table."""

    def __init__(self, store: IndexStore, several_reports: bool) -> None:
        self.store = store
        self.rows = store.indicators
        self.several = several_reports

    def answer(self, query: Query, *, source=None, year=None, region=None) -> Answer | None:
        several = len(query.years) > 1 or len(query.places) > 1  # a comparison
        if not self.rows or query.wants_list and not several or query.kind == "definition" or query.unknown_places \
                or query.span and not query.years or query.report_years or AVERAGE.search(query.text) \
                or _OVER_YEARS.search(query.text) or asks_part_of_year(query.text) \
                or WHY_ASKED.search(query.text) or query.asks_when or names_things(query) and not several:
            return None  # (the table holds whole years' figures, not a five-year plan's, a sum over years,
            # a quarter's or an average, nor what each of several reports named gives (its parts are
            # asked one by one), nor the reasons for one or the year something happened)
        # "What is Guangdong's GDP?": an indicator's figure, though no "how much" says so
        asks_figure = query.wants_number or query.kind in ("plan", "outcome", "met") or several or _economy_growth(query) or (
            query.is_english and bool(_WHAT_IS.match(query.text) or query.years and (
                LEVEL_ASKED.search(query.text) or _TERSE_GROWTH.search(query.text))))
        # (and "Size of China's economy in 2024?", "Maoming GDP growth in 2021?": how large a thing was
        # or how fast it grew in a year)
        indicators = named_indicators(query)
        if len(indicators) == 1 and not asks_figure:
            asks_figure = _bare(query, indicators[0])  # "shenzhen gdp 2024", "深圳 2024 GDP"
        if not asks_figure or len(indicators) != 1:
            return None
        rows = [r for r in self.rows if (source is None or r.source in ([source] if isinstance(source, str) else source))
                and (year is None or r.report_year == int(year))
                and (region is None or region in _region_names(r.region or ""))
                and (query.report_year is None or r.report_year == query.report_year)]  # "2023年政府工作报告"
        unit = _ASKED_UNIT.search(query.text)
        if unit:  # 多少万人 wants 万人; 多少人 any count of people (5万人)
            rows = [r for r in rows if r.unit == unit.group(1) + unit.group(2)] if unit.group(1) else \
                [r for r in rows if r.unit.endswith(unit.group(2))]
        lines = self._lines(query, indicators[0], rows)
        if not lines:
            return None
        if len(lines) == 1 and lines[0].instead and lines[0].row.year != query.report_year:
            # (what "2025年政府工作报告提出今年…" asks is that report's plan: its target answers)
            row = lines[0].row
            if not self._report_indexed(row.region, row.year + 1):
                return self._only_target(query, row)
            # (the year's review is indexed and the table read no result from it: the target, labelled)
        return self._compose(query, lines)

    def _only_target(self, query: Query, row: IndicatorRow) -> Answer | None:
        """"2023年全国城镇新增就业多少人？" with the 2024 report not indexed: what was reached is not
        in the reports, so not found; the answer says so and shows the year's target as related."""
        citation = self._citation(row, 1)
        if citation is None:
            return None
        where, y = report_label(citation, query.is_english), row.year
        if query.is_english:
            text = (f"The indexed reports do not say what {y} actually came to; {where} gives only the {y} "
                    f"target: “{row.quote}” (listed as related).")
        else:
            text = f"已索引的报告中没有{y}年的实际数据；{where}只给出{y}年目标：“{row.quote}”（见相关段落）。"
        return Answer(query.words, text, False, related=[citation])

    # --- which rows -----------------------------------------------------------------------------

    @staticmethod
    def _ids(query: Query, ind: Indicator, kind: str) -> list[str]:
        """The rows of an amount a question asks: its growth, its level, or both (the kind's first)."""
        if ind.measure != "amount":
            return [ind.id]
        said = _without_forms(query.text, ind)  # (总额 in 社会消费品零售总额 names the indicator, it asks no level)
        growth, level = GROWTH_ASKED.search(said), LEVEL_ASKED.search(said)
        if growth and not level:
            return [f"{ind.id}_growth"]
        if level and not growth:
            return [ind.id]
        return [f"{ind.id}_growth", ind.id] if kind == "target" else [ind.id, f"{ind.id}_growth"]

    def _pick(self, rows: list[IndicatorRow], place: str | None, year: int | None, kind: str,
              ids: list[str], both: bool) -> list[IndicatorRow]:
        """The rows answering one (place, year, kind): the first statement of each id (for an
        outcome with no growth or level asked, both)."""
        out = []
        for ident in ids:
            match = sorted((r for r in rows if r.indicator == ident and r.kind == kind
                            and (place is None or r.region == place) and (year is None or r.year == year)),
                           # the main-targets list before other plan sentences; of one statement
                           # (突破3万亿元、达30355.73亿元) the exact figure before the rounded one
                           key=lambda r: (not r.main, r.start, r.qualifier in _ROUNDED))
            if match:
                out.append(match[0])
                if not both:
                    break
        return out

    def _lines(self, query: Query, ind: Indicator, rows: list[IndicatorRow]) -> list[_Line]:
        en = query.is_english
        places = list(dict.fromkeys(query.places)) or [None]
        kinds = ["target", "outcome"] if query.kind == "met" else [_KIND_OF.get(query.kind, "outcome")]
        years: list[int | None] = list(dict.fromkeys(query.years)) or [None]
        if len(places) > 1 and len(years) > 1 or len(kinds) > 1 and (len(years) > 1 or len(places) > 1):
            return []
        candidates = [r for r in rows if r.indicator in (ind.id, f"{ind.id}_growth")]
        if places == [None]:
            regions = {r.region for r in candidates}
            if len(regions) != 1:
                return []  # several places hold this indicator and the question names none
        lines: list[_Line] = []
        for place in places:
            for y in years:
                for kind in kinds:
                    chosen_year = y if y is not None else self._named_year(query, kind) or \
                        self._latest(candidates, place, kind)
                    if chosen_year is None:
                        return []
                    ids = self._ids(query, ind, kind)
                    if kind == "outcome" and query.kind == "met" and lines:
                        ids = [lines[-1].row.indicator]  # like with like: the target's own indicator
                        chosen_year = lines[-1].row.year
                    both = kind == "outcome" and len(ids) == 2 and len(kinds) == 1 and len(years) == 1 \
                        and len(places) == 1
                    picked = self._pick(candidates, place, chosen_year, kind, ids, both)
                    instead = not picked and query.kind is None and kind == "outcome" and len(kinds) == 1
                    if instead:
                        # No kind asked and no result for that year: its target is all the reports hold.
                        picked = self._pick(candidates, place, chosen_year, "target", self._ids(query, ind, "target"),
                                            False)
                    if not picked and kind == "outcome" and len(kinds) == 2 and lines \
                            and not self._report_indexed(lines[-1].row.region, chosen_year + 1):
                        continue  # the outcome's report is not indexed: the answer says so
                    if not picked:
                        return []
                    for row in picked:
                        lines.append(_Line(self._label(row, en, len(places) > 1), row, instead))
        return lines

    @staticmethod
    def _named_year(query: Query, kind: str) -> int | None:
        """The year a question about a named report means: its plan year, or the year it reviews."""
        if query.report_year is None:
            return None
        return query.report_year if kind == "target" else query.report_year - 1

    def _report_indexed(self, region: str | None, year: int) -> bool:
        return any(info.year == year and info.region == region for info in self.store.sources().values())

    @staticmethod
    def _latest(rows: list[IndicatorRow], place: str | None, kind: str) -> int | None:
        years = [r.year for r in rows if r.kind == kind and (place is None or r.region == place) and r.year]
        return max(years) if years else None

    @staticmethod
    def _label(row: IndicatorRow, en: bool, by_place: bool) -> str:
        place = (romanised(row.region).title() if en else row.region) if by_place and row.region else ""
        if en:
            what = "target" if row.kind == "target" else "outcome"
            return f"{place} {row.year} {what}".strip()
        return f"{place}{row.year}年{'目标' if row.kind == 'target' else '实际'}"

    # --- the answer -----------------------------------------------------------------------------

    def _passage(self, row: IndicatorRow) -> Chunk | None:
        """The indexed passage holding the row's whole quote (None when the quote runs past it)."""
        c = self.store.chunk_at(row.source, row.start)
        return None if c is None or row.end > c.end else c

    def _citation(self, row: IndicatorRow, n: int) -> Citation | None:
        """The row cited as [n]: its quote within the passage that holds it (None when the quote
        runs past that passage)."""
        c = self._passage(row)
        if c is None:
            return None
        info = self.store.sources().get(c.source)
        hit = Hit(text=c.text, score=1.0, source=c.source, section=c.section, start=c.start, end=c.end,
                  chunk_id=c.id, rank=n, title=info.title if info else "", year=row.report_year,
                  region=row.region, locator=c.locator, level=row.level, kind=c.kind, period=c.period)
        return Citation(**asdict(hit), n=n, quote=row.quote, quote_start=row.start, quote_end=row.end)

    def _through_next(self, row: IndicatorRow, clauses: int, said: re.Pattern) -> IndicatorRow:
        """The row's quote up to the first of the `clauses` clauses after it, in its passage, that
        `said` finds (else the row as it is)."""
        c = self._passage(row)
        if c is None:
            return row
        end = row.end
        for _ in range(clauses):
            m = _NEXT_CLAUSE.match(c.text[end - c.start:])
            if not m:
                return row
            end += m.end(1)
            if said.search(m.group(1)):
                return replace(row, end=end, quote=c.text[row.start - c.start:end - c.start])
        return row

    def _from_clause_start(self, row: IndicatorRow) -> IndicatorRow:
        """The row's quote from the start of its clause when a few words open it before the indicator
        (全年国内生产总值增长3%, 全社会研发经费投入强度达3.9%): the report's words as written."""
        c = self._passage(row)
        if c is None:
            return row
        m = _CLAUSE_OPENING.search(c.text[:row.start - c.start])
        if not m or not m.group(1):
            return row
        return replace(row, start=row.start - len(m.group(1)), quote=m.group(1) + row.quote)

    def _to_clause_end(self, row: IndicatorRow) -> IndicatorRow:
        """The row's quote to the end of its clause when a word or two close it after the figure
        (赤字率拟按2.8%左右安排): the report's words as written."""
        c = self._passage(row)
        if c is None:
            return row
        m = _CLAUSE_CLOSING.match(c.text, row.end - c.start)
        if not m:
            return row
        return replace(row, end=row.end + len(m.group(1)), quote=row.quote + m.group(1))

    def _with_rank(self, row: IndicatorRow) -> IndicatorRow:
        """The row's quote up to one of the two clauses after it that says where the figure ranks
        (货物进出口总额624.8亿元，增长14.7%，增速全省第一; 农业总产值达1126亿元，增长5.8%，总量位居全省第一):
        "…and how did it rank?"."""
        return self._through_next(row, 2, RANK_SAID)

    def _with_striving(self, row: IndicatorRow) -> IndicatorRow:
        """A target row's quote with the clause after it that aims higher (生产总值增长7.5%左右，
        实际工作按8%左右争取): the report's target is both."""
        return self._through_next(row, 1, _STRIVING) if row.kind == "target" else row

    def _compose(self, query: Query, lines: list[_Line]) -> Answer | None:
        en = query.is_english
        lines = [replace(line, row=self._to_clause_end(self._from_clause_start(self._with_striving(line.row))))
                 for line in lines]
        if RANK_ASKED.search(query.text):
            lines = [replace(line, row=self._with_rank(line.row)) for line in lines]
        citations: list[Citation] = []
        pieces: list[tuple[_Line, int]] = []
        for line in lines:
            n = next((c.n for c in citations if c.quote_start == line.row.start and c.source == line.row.source), None)
            if n is None:
                citation = self._citation(line.row, len(citations) + 1)
                if citation is None:
                    return None
                citations.append(citation)
                n = citation.n
            pieces.append((line, n))
        labels = [report_label(c, en) for c in citations]
        one_report = len(set(labels)) == 1
        # A figure and its growth quoted from one clause (地区生产总值达3.68万亿元、增长5.8%): the
        # clause is quoted once, with the later line.
        # (one quote for both, as when the clause saying its rank is added to each: the later line's)
        within = {id(line) for i, (line, n) in enumerate(pieces) if any(
            o is not line and m == n and o.label == line.label and line.row.quote in o.row.quote
            and (len(o.row.quote) > len(line.row.quote) or j > i) for j, (o, m) in enumerate(pieces))}
        if not en:
            pieces = [(line, n) for line, n in pieces if id(line) not in within]
        texts = []
        for line, n in pieces:
            row = line.row
            # One report: named once before the answer; several: each figure names its own.
            label = "" if one_report else labels[n - 1]
            if en:
                place = f"{romanised(row.region).title()}: " if len(set(query.places)) > 1 and row.region else ""
                quoted = "" if id(line) in within else f" (“{row.quote}”{', ' + label if label else ''}) [{n}]"
                texts.append(f"{place}{row.english()}{quoted}")
            else:
                texts.append(f"{line.label}：{row.quote}[{n}]" + (f"（{label}）" if label else ""))
        verdict = _verdict(lines, en, query)
        sep = "; " if en else "；"
        text = sep.join(texts) + (f". {verdict}" if en and verdict else "." if en else f"。{verdict}")
        if one_report and (self.several or en):
            text = (f"From {labels[0]}: " if en else f"据{labels[0]}：") + text
        return Answer(query.words, text.rstrip(), True, citations)


def _verdict(lines: list[_Line], en: bool, query: Query) -> str:
    """Met or not, when a target and its outcome are both cited and comparable; a missing outcome
    report is said; a comparison says which is higher, never a computed figure."""
    rows = [ln.row for ln in lines]
    if query.kind == "met":
        targets = [r for r in rows if r.kind == "target"]
        outcomes = [r for r in rows if r.kind == "outcome"]
        if targets and not outcomes:
            y = targets[0].year
            return (f"The outcome for {y} is not in the indexed reports: the next year's report is not indexed." if en
                    else f"{y}年的实际完成情况不在已索引的报告中：下一年的报告未索引。")
        if not targets or not outcomes or targets[0].number is None or outcomes[0].number is None \
                or targets[0].unit != outcomes[0].unit:
            return ""
        t, o = targets[0], outcomes[0]
        better = next((i.better for i in vocabulary() if t.indicator.removesuffix("_growth") == i.id), "higher")
        met = o.number <= t.number if better == "lower" or t.qualifier in ("以内", "以下", "不超过") else o.number >= t.number
        if en:
            return f"The {t.year} target was {'met' if met else 'not met'}."
        return f"{t.year}年目标{'已完成' if met else '未完成'}。"
    numbered = [r for r in rows if r.number is not None]
    if len(numbered) == 2 and numbered[0].unit == numbered[1].unit and numbered[0].number != numbered[1].number:
        a, b = numbered
        higher = lines[rows.index(a)].label if a.number > b.number else lines[rows.index(b)].label
        return f"Higher: {higher}." if en else f"{higher}更高。"
    return ""
