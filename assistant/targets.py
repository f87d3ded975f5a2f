"""Indicator stage: targets and outcomes as table rows, read from a report's own sentences.

A report of year N sets this year's main targets (主要预期目标：地区生产总值增长6%左右；…) and
reviews last year's results (全年地区生产总值3279.31亿元、增长1.5%). Each figure becomes an
`IndicatorRow`: which report, which year the figure is about, target or outcome, the indicator
as written and its id from `resources/indicators.tsv`, the value, unit and qualifier (以上,
左右, 以内, 超过…), and the exact span of the source it was read from.

Rows are read only where a report states them as such: targets inside the main-targets list of
a this-year plan section, outcomes inside review sections. Five-year reviews give levels at the
end of the term (增加到121万亿元), never averages (年均增长…) or cumulative growth. A growth
rate and a level are different indicators (`gdp_growth`, `gdp`).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .resources import _lines

if TYPE_CHECKING:
    from .chunk import Chunk
    from .load import Document

# Bump when the extraction rules change: the index re-reads its reports.
EXTRACTOR_VERSION = 6
VOCABULARY = "indicators.tsv"

_TARGET_MARK = re.compile(r"主要预期目标|主要目标|预期目标")
UNIT = _UNIT = r"万亿美元|亿美元|万美元|万亿元|亿元|万元|元|万亿斤|亿斤|万斤|万吨|亿吨|万标箱|万人次|万人|万户|个百分点|%|％"
_PRE = r"超过|突破|不低于|不超过|接近|约|超|近"
_POST = r"以上|左右|以内|以下"
# One figure after an indicator: a few words (verbs, 全年, 首次跃上), an optional year it is
# about, an optional qualifier, the number, its unit and a trailing qualifier.
_FIGURE = re.compile(
    rf"(?P<fill>[^\d，,。；;：:！？!?\n、（(）)“”]{{0,12}}?)(?:(?P<year>(?:19|20)\d\d)年(?P<fill2>[^\d，,。；;：:\n、]{{0,4}}?))?"
    rf"(?P<pre>{_PRE})?(?P<num>\d+(?:\.\d+)?)(?:(?:%|％)?[—–~\-－至](?P<num2>\d+(?:\.\d+)?))?"
    rf"(?P<unit>{_UNIT})(?P<post>{_POST})?")
# A following figure of the same indicator: 地区生产总值3712.56亿元，增长1.2%; 国内生产总值增长6.6%，总量突破90万亿元.
_NEXT = re.compile(r"[，,、]\s*(?=(?:(?:19|20)\d\d年)?(?:全年|同比|比上年|预计|总量|经济总量)?(?:增长|增速|增幅|上涨|下降|降低|达到|达|增加到|提高到|突破|超过|为|累计|年均))")
_GROWTH = re.compile(r"增长|增速|增幅|上涨|涨幅|下降|降低|降幅|回落|提高|增加|减少|增")
_NOT_THIS = re.compile(r"年均|平均增长|占|比重|贡献率|排名|居全|第|倍|每|人均|均价|首位")
_FROM = re.compile(r"从|由")
_IN_STEP = re.compile(r"(?:增长|收入)?(?:与|和|同)[^，,。；;：:\n\d]{0,14}同步")
# Words that may stand between a clause's start and the indicator when the figure is the whole
# region's (全年, 全省, 预计实现…); anything else names a part (农村居民…, 一般贸易进出口, 合作区…).
WHOLE_REGION = "全年|全社会|全市|全省|全国|全区|全县"  # (also said of the whole: 全州, 全盟, 我市…)
_LEAD_OK = re.compile(rf"{WHOLE_REGION}|全州|全盟|我市|我省|我国|我区|我县|本市|本省|年末|年底|"
                      r"预计|预期|初步核算|实现|完成|其中|力争|努力|确保|保持|推动|争取|今年|去年|同期|"
                      r"(?:19|20)\d\d年|的|在|了|将|要|使|达到|达|地区|经济|\s|\*|“|”|（|）|\(|\)")
_LEAD_MULTI = re.compile(r"累计|五年|5年|年均|十[一二三四五]五|期间|以来")
_PAST = re.compile(r"去年|过去|上年|以来|已经|累计|年均|五年|十[一二三四五]五")
_ONE_YEAR = re.compile(r"(?:^|[，,—*\s])(?:过去一年|过去的一年|刚刚过去的|一年来|去年)")
_SENTENCE_BREAK = "。！？!?；;\n"
_CLAUSE_BREAK = _SENTENCE_BREAK + "，,：:、"


@dataclass(frozen=True)
class Indicator:
    """One entry of the indicator vocabulary."""

    id: str
    measure: str  # amount (a level and a growth rate), count, or rate (a percentage itself)
    name_en: str
    forms: tuple[str, ...]
    question_en: str  # regular expression of English question words
    better: str = "higher"  # which way a target is met: higher (growth, output) or lower (CPI, unemployment)


@dataclass
class IndicatorRow:
    """One figure of one report: a target or an outcome, with the span it was read from."""

    source: str
    region: str | None
    level: str | None
    report_year: int | None
    year: int | None  # the year the figure is about
    kind: str  # target or outcome
    indicator: str  # id, e.g. gdp_growth
    name_en: str
    indicator_text: str  # as written in the report
    value: str  # as written ("6", "3279.31"); empty for 同步
    unit: str
    qualifier: str  # 以上, 左右, 以内, 超过, 突破, 同步… or empty
    start: int
    end: int
    quote: str  # text[start:end]
    main: bool = True  # from the main-targets list or the review (not a plan sentence elsewhere)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, row: dict) -> IndicatorRow:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})

    @property
    def number(self) -> float | None:
        """The value as a number; a range (6—6.5) gives its lower end."""
        m = re.match(r"\d+(?:\.\d+)?", self.value)
        return float(m.group()) if m else None

    def figure(self) -> str:
        """The value with unit and qualifier as the report writes it: 6%左右, 超过3.2万亿美元."""
        if self.qualifier == "同步":
            return "与经济增长同步"
        pre = self.qualifier if self.qualifier in _PRE.split("|") else ""
        post = self.qualifier if self.qualifier in _POST.split("|") else ""
        return f"{pre}{self.value}{self.unit}{post}"

    def figure_en(self) -> str:
        """The value in English words around it: "6% or more", "about 3%", "within 3.5%"."""
        if self.qualifier == "同步":
            return "in step with economic growth"
        figure = english_amount(self.value, self.unit)
        pattern = _QUALIFIER_EN.get(self.qualifier, "{}")
        return pattern.format(figure)

    def english(self) -> str:
        """One English line: `GDP growth target for 2023: about 5%`."""
        what = "target" if self.kind == "target" else "outcome"
        name = self.name_en[:1].upper() + self.name_en[1:]
        return f"{name} {what} for {self.year}: {self.figure_en()}"


_QUALIFIER_EN = {"以上": "{} or more", "左右": "about {}", "以内": "within {}", "以下": "below {}",
                 "超过": "more than {}", "超": "more than {}", "突破": "over {}", "不低于": "at least {}",
                 "不超过": "at most {}", "接近": "nearly {}", "近": "nearly {}", "约": "about {}"}
_MULTIPLIERS = (("万亿", 12), ("亿", 8), ("万", 4))
_BASE_UNITS_EN = {"元": "yuan", "美元": "US dollars", "人": "people", "人次": "person-times", "户": "households",
                  "斤": "jin", "吨": "tonnes", "标箱": "TEU"}
_SCALES_EN = ((12, "trillion"), (9, "billion"), (6, "million"))


def english_amount(value: str, unit: str) -> str:
    """A figure in English units, computed exactly from the written one: 3279.31亿元 → 327.931 billion
    yuan, 1206万人 → 12.06 million people, 5% → 5%."""
    if unit in ("%", "％"):
        return f"{value}%"
    if unit == "个百分点":
        return f"{value} percentage points"
    exponent, base = 0, unit
    for prefix, power in _MULTIPLIERS:
        if unit.startswith(prefix) and unit[len(prefix):] in _BASE_UNITS_EN:
            exponent, base = power, unit[len(prefix):]
            break
    if base not in _BASE_UNITS_EN:
        return f"{value} {unit}"
    amount = Decimal(value).scaleb(exponent)
    for power, word in _SCALES_EN:
        if amount >= Decimal(1).scaleb(power):
            return f"{_plain(amount.scaleb(-power))} {word} {_BASE_UNITS_EN[base]}"
    return f"{_plain(amount)} {_BASE_UNITS_EN[base]}"


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


@functools.lru_cache(maxsize=1)
def vocabulary() -> tuple[Indicator, ...]:
    """The indicators of `resources/indicators.tsv`."""
    out = []
    for line in _lines(VOCABULARY):
        parts = [p.strip() for p in line.split("\t")]
        ident, measure, name_en, forms = parts[:4]
        out.append(Indicator(ident, measure, name_en, tuple(f for f in forms.split("|") if f),
                             parts[4] if len(parts) > 4 else "", parts[5] if len(parts) > 5 else "higher"))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _forms() -> tuple[re.Pattern, dict[str, Indicator]]:
    by_form = _FormMap({form.lower(): ind for ind in vocabulary() for form in ind.forms})
    alternation = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    return re.compile(alternation, re.IGNORECASE), by_form


class _FormMap(dict):
    """Indicator by form, whatever the case it is written in (GDP, gdp)."""

    def __getitem__(self, form: str) -> Indicator:
        return super().__getitem__(form.lower())


def names() -> dict[str, str]:
    """Every indicator id (levels and growth rates) with its English name."""
    out = {}
    for ind in vocabulary():
        out[ind.id] = ind.name_en
        if ind.measure == "amount":
            out[f"{ind.id}_growth"] = f"{ind.name_en} growth"
    return out


def settings() -> dict:
    """What the rows depend on, stored in the index manifest: a change re-reads the reports."""
    text = "\n".join(_lines(VOCABULARY))
    return {"version": EXTRACTOR_VERSION, "vocabulary": hashlib.sha1(text.encode()).hexdigest()[:12]}


def write_rows(path: Path, rows: list[IndicatorRow]) -> None:
    """Rows as JSON lines (the index's `indicators.<gen>.jsonl`)."""
    import json
    import os

    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read_rows(path: Path) -> list[IndicatorRow]:
    import json

    with open(path, encoding="utf-8") as fh:
        return [IndicatorRow.from_dict(json.loads(line)) for line in fh if line.strip()]


# --- extraction ---------------------------------------------------------------------------------

def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:end])]


def _target_regions(doc: Document, chunk_at) -> list[tuple[int, int]]:
    """Spans of the main-targets lists: from 主要预期目标 to its paragraph's end, or over the
    short list paragraphs that follow a paragraph ending in the mark."""
    paras = _paragraphs(doc.text, doc.text_start, doc.body_end)
    regions = []
    for i, (a, b) in enumerate(paras):
        para = doc.text[a:b]
        mark = _TARGET_MARK.search(para)
        if not mark:
            continue
        chunk = chunk_at(a + mark.start())
        if chunk is None or chunk.kind != "plan" or not chunk.period or chunk.period[0] != chunk.period[1]:
            continue
        if b - (a + mark.end()) > 12:
            regions.append((a + mark.end(), b))
            continue
        end = b  # the list follows in its own paragraphs (1. 地区生产总值增长6%左右；)
        for c, d in paras[i + 1 : i + 13]:
            if not _forms()[0].search(doc.text[c:d]) or d - c > 300:
                break
            end = d
        regions.append((a + mark.end(), end))
    return regions


def _figures(text: str, pos: int, limit: int):
    """(match, explicit year) of the figures that follow an indicator mention at `pos`."""
    while pos < limit:
        m = _FIGURE.match(text, pos, limit)
        if not m:
            return
        yield m
        pos = m.end()
        nxt = _NEXT.match(text, pos, limit)
        if nxt is None:
            if re.match(r"增加到|提高到|到|增至", text[pos:pos + 3]) and _FROM.search(m.group("fill")):
                continue  # 从不到70万亿元增加到超过100万亿元: the second figure follows at once
            return
        pos = nxt.end()


def _row_id(ind: Indicator, m: re.Match) -> str | None:
    """The indicator id a figure gives, or None when it is not this indicator's own figure."""
    unit = m.group("unit")
    if unit == "个百分点":
        return None
    if unit in ("%", "％"):
        if ind.measure == "rate":
            return ind.id
        if ind.measure == "amount" and _GROWTH.search(m.group("fill") + (m.group("fill2") or "")):
            return f"{ind.id}_growth"
        return None
    return ind.id if ind.measure in ("amount", "count") else None


def extract(doc: Document, chunks: list[Chunk]) -> list[IndicatorRow]:
    """The target and outcome rows of one report (chunks are its chunks, with kind and period)."""
    if doc.year is None:
        return []
    chunks = sorted(chunks, key=lambda c: c.start)
    starts = [c.start for c in chunks]

    def chunk_at(offset: int) -> Chunk | None:
        i = bisect.bisect_right(starts, offset) - 1
        return chunks[i] if i >= 0 and chunks[i].start <= offset < chunks[i].end else None

    regions = _target_regions(doc, chunk_at)
    regional = _region_names(doc.region)
    pattern, by_form = _forms()
    text, rows = doc.text, []
    seen: set[tuple] = set()
    mentions = list(pattern.finditer(text, doc.text_start, doc.body_end))
    for k, mention in enumerate(mentions):
        in_target = next(((a, b) for a, b in regions if a <= mention.start() < b), None)
        chunk = chunk_at(mention.start())
        if chunk is None or not chunk.period:
            continue
        lead = _lead(text, mention.start())
        if not _whole_region(lead, regional):
            continue  # 农村居民人均可支配收入, 一般贸易进出口, 合作区规上工业总产值: a part, not the whole
        main = True
        if in_target:
            kind, limit, multi_year = "target", in_target[1], False
        elif chunk.kind == "plan" and chunk.period == [doc.year, doc.year]:
            # A this-year plan sentence (城镇新增就业7万人以上) outside the main list: a target too,
            # unless the sentence speaks of the past.
            kind, limit, multi_year, main = "target", _sentence_end(text, mention.end(), chunk.end), False, False
            if _PAST.search(text[_sentence_start(text, mention.start()):mention.start()]):
                continue  # what the sentence says before the figure is about the past
        elif chunk.kind == "outcome":
            kind, limit = "outcome", _sentence_end(text, mention.end(), chunk.end)
            multi_year = chunk.period[0] != chunk.period[1] and not _about_one_year(text, mention.start(), doc.year)
            if multi_year and _LEAD_MULTI.search(lead):
                continue  # 5年累计实际利用外资7277亿元: a sum over the term
        else:
            continue
        # 固定资产投资、社会消费品零售总额均超过1万亿元: listed indicators share the figure.
        group = [mention]
        j = k
        while j + 1 < len(mentions) and text[mentions[j].end():mentions[j + 1].start()] in ("、", "和", "及"):
            j += 1
            group.append(mentions[j])
        if k > 0 and text[mentions[k - 1].end():mention.start()] in ("、", "和", "及"):
            continue  # read with the first of its group
        ind_rows = _rows_for(doc, group, by_form, kind, chunk, limit, multi_year)
        for row in ind_rows:
            row.main = main
            key = (row.kind, row.year, row.indicator, row.value, row.unit, row.start)
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def _region_names(region: str | None) -> tuple[str, ...]:
    if not region:
        return ()
    short = re.sub(r"(?:特别行政区|自治区|自治州|省|市|县|区|州)$", "", region)
    return tuple(sorted({region, short} - {""}, key=len, reverse=True))


def _lead(text: str, pos: int) -> str:
    """The words between the start of the clause and `pos`."""
    start = pos
    while start > 0 and pos - start < 40 and text[start - 1] not in _CLAUSE_BREAK:
        start -= 1
    return text[start:pos]


def _whole_region(lead: str, regional: tuple[str, ...]) -> bool:
    """Whether a figure's subject is the report's whole region (not 农村居民, 一般贸易, 合作区…)."""
    for name in regional:
        lead = lead.replace(name, "")
    rest = _LEAD_OK.sub("", lead)
    return not re.search(r"[\w]", rest)


def _sentence_end(text: str, pos: int, limit: int) -> int:
    end = pos
    while end < limit and text[end] not in _SENTENCE_BREAK:
        end += 1
    return end


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(mark, 0, pos) for mark in _SENTENCE_BREAK) + 1


def _about_one_year(text: str, pos: int, year: int) -> bool:
    """In a review of several years: whether the paragraph or sentence around pos is about the
    last year alone (过去一年…, 刚刚过去的2021年…, 全年…)."""
    para_start = text.rfind("\n", 0, pos) + 1
    if _ONE_YEAR.search(text[para_start:para_start + 16]):
        return True
    start = max(text.rfind(mark, para_start, pos) for mark in "。！？；") + 1
    sentence = text[max(start, para_start):_sentence_end(text, pos, pos + 400)]
    if _LEAD_MULTI.search(sentence):
        return False
    return bool(re.search(rf"全年|去年|过去一年|{year - 1}年", sentence))


def _rows_for(doc: Document, group: list[re.Match], by_form: dict[str, Indicator], kind: str,
              chunk: Chunk, limit: int, multi_year: bool) -> list[IndicatorRow]:
    text = doc.text
    last = group[-1]
    rows = []
    base_year = doc.year if kind == "target" else chunk.period[1]
    figures = list(_figures(text, last.end(), limit))
    for i, m in enumerate(figures):
        fill = m.group("fill") + (m.group("fill2") or "")
        if _NOT_THIS.search(fill) or (multi_year and "累计" in fill):
            continue
        if _FROM.search(m.group("fill")) and i + 1 < len(figures) and not m.group("year"):
            continue  # the starting level of 从…增加到… (kept when it names its year: 从2015年的…)
        year = int(m.group("year")) if m.group("year") else base_year
        for mention in group:
            ind = by_form[mention.group()]
            ident = _row_id(ind, m)
            if ident is None or (multi_year and not m.group("year") and ident.endswith("_growth")):
                continue
            if kind == "outcome" and multi_year and ind.measure in ("rate", "count"):
                continue
            rows.append(_row(doc, kind, year, ident, mention, m, ind))
    if not figures and kind == "target":
        step = _IN_STEP.match(text, last.end(), limit)
        ind = by_form[last.group()]
        if step and ind.measure == "amount":
            end = step.end()
            rows.append(IndicatorRow(doc.source, doc.region, doc.level, doc.year, doc.year, kind,
                                     f"{ind.id}_growth", names()[f"{ind.id}_growth"], last.group(), "", "",
                                     "同步", last.start(), end, text[last.start():end]))
    return rows


def _row(doc: Document, kind: str, year: int, ident: str, mention: re.Match, m: re.Match,
         ind: Indicator) -> IndicatorRow:
    qualifier = (m.group("pre") or "") + (m.group("post") or "")
    value = m.group("num") + (f"—{m.group('num2')}" if m.group("num2") else "")
    return IndicatorRow(doc.source, doc.region, doc.level, doc.year, year, kind, ident, names()[ident],
                        mention.group(), value, m.group("unit").replace("％", "%"), qualifier,
                        mention.start(), m.end(), doc.text[mention.start():m.end()])
