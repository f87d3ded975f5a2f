"""Answer stage: short extractive answers with numbered citations, or an honest "not found".

No language model: the answer is made of clauses copied from the retrieved passages, chosen
for the question's words (and, for "how much" questions, for figures), so every figure in an
answer stands in the passage it cites.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from . import resources
from .compose import (  # noqa: F401
    ENGLISH_LEAD,
    NOT_FOUND,
    Answer,
    Citation,
    combine,
    english_names,
    finish,
    not_found,
    numbers_grounded,
    report_label,
    speaker_in_english,
    unindexed_place,
    unindexed_report,
)
from .conversation import resolve
from .glossary import matched, said_in_english
from .lexicon import content_stems, senses, stem
from .query import WORK_REPORT, Query, asks_met, asks_part_of_year, check_question, parts, romanised
from .quotes import Clause, bigrams, clauses, figure_quote, quote_span
from .report_answers import ReportAnswers
from .retrieve import Hit, Retriever, get_retriever
from .table_answer import (
    AVERAGE,
    GROWTH_ASKED,
    LEVEL_ASKED,
    RANK_ASKED,
    RANK_SAID,
    WHY_ASKED,
    TableAnswerer,
    named_indicators,
    names_things,
)
from .targets import _LEAD_OK, Indicator, _forms, _lead, _region_names, vocabulary
from .terms import (
    CLOSE_QUOTE,
    EACH_MEANT,
    LIST_CAP,
    OPEN_QUOTE,
    announces,
    chinese_number,
    coined_terms,
    count_asked,
    count_of,
    counted_heads,
    elaborated,
    english_counted_terms,
    enumerated_terms,
    enumerates,
    head_term,
    introduces,
    item_marks,
    key_terms,
    quoted_names,
    rendered_in,
    spelled_in,
    spelled_terms,
    term_span,
)
from .text import CJK, CJK_CHAR, FIVE_YEAR_PLANS, HEADING_L1, PINYIN_SYLLABLE, has_cjk, year_forms
from .tokenize import has_latin, is_english, normalize, tokens

# A count in words: 数以亿计 ("hundreds of millions")
_IN_WORDS = "数以(?:十|百|千|万|百万|千万|亿)计"
# A count in words with a measure word that is no count when alone with 一 (一组, 一种 say "a"): 四组企业, 两支队伍
_CN_COUNT = r"(?<![第一二两三四五六七八九十百千])(?:[二两三四五六七八九十百千]|[一二两三四五六七八九十百千]{2,})(?:组|种|支|场|艘|架|部|份|张)"
_FIGURE = re.compile(
    r"(?<![第\d.])\d+(?:\.\d+)?\s*(?:多|余)?(?:%|％|‰|亿|万|千|百|个|项|家|所|条|人|元|吨|公里|千米|米|年|倍|座|套|户|次|天|处|辆|"
    r"件|名|台|艘|亩|标箱|架|片|张|间|场|届|微克|毫克|立方米|平方米|平方公里|平方千米|千瓦|兆瓦|度|斤|公顷|小时|分钟|毫米|株|棵|部|只|头|枚|块|岁|省|县|镇|村|份|"
    r"类|批|种|款|段|宗|轮|册|根|盏|组|对|支|栋|层|位|分(?=/|每))|"  # (3分/千瓦时: a price in fen)
    r"\d+金(?:\d+银)?(?:\d+铜)?|"  # medals: 4金2银2铜
    r"(?<![第一二两三四五六七八九十百千])[一二两三四五六七八九十百千]+(?:项|个|大|条|家|所|座|批|类|万|亿|处|名|台|件|次(?!性)|轮|届|位数)|"
    rf"{_CN_COUNT}|"  # 四组企业战略性重组
    r"零(?:发生|事故|伤亡|死亡|新增)|"  # (风险事件零发生: a count of none)
    r"[一二三四五六七八九十百千]+分之[一二三四五六七八九十]+|一半|翻(?:一|两|三)?番|"  # 压缩一半以上, 三分之一以上
    rf"{_IN_WORDS}|"  # 灵活就业人员数以亿计
    # an English translation's: 5 percent, 126 trillion yuan, 12.44 million urban jobs, 650 million metric tons
    r"\d+(?:\.\d+)?\s*(?:percent(?:age points?)?|per cent|trillion|billion|million|thousand|yuan|"
    r"(?:metric )?tons|kilometers|km|hectares|mu|square meters|households|people|persons|units)\b",
    re.IGNORECASE)
# A figure asked (twice in "多少…多少…", "how many…, and how big…", "how many…, and with what total investment?")
# (the measures a figure is of: "what share…", "what were its tax revenue and…")
_MEASURE_EN = (r"share|percentage|proportion|rate|ratio|coverage|amount|total|value|level|size|length|capacity|scale|volume|"
               r"speed|number|height|distance|mileage|revenue|income|output|expenditure|spending|concentration|intensity|density")
# An amount of money paid, asked in the singular ("what average payment per mu?"; "what subsidies" asks which)
_MONEY_EN = r"payment|subsidy|allowance|price|wage|salary|pension|fee|premium"
_ASKS_FIGURE = re.compile(r"多少|(?<!哪)几[个项名家所万亿条次年倍]|\bhow (?:much|many|big|large|high|long|far|fast)\b|"
                          rf"\bwhat (?:[\w-]+(?:\.\d+)? ){{0,4}}(?:{_MEASURE_EN})s?\b|"  # (what annual average PM2.5 concentration)
                          rf"\bwhat (?:[\w-]+ ){{0,3}}(?:{_MONEY_EN})\b|"
                          rf"\bwhat (?:is|was|are|were) (?:[\w'’-]+ ){{0,7}}(?:(?:{_MEASURE_EN})s?|{_MONEY_EN})\b|"  # (what were the city's … rate)
                          r"\bwhat (?:[\w-]+ ){0,4}(?:"
                          r"(?:investment|funding|budget|cost)(?=\s*[?,;]|\s*$)|"  # ("…, and with what planned investment?")
                          r"growth(?= of\b| in\b| rate\b| target\b| (?:is|was|are|were|will|did|does)\b|\s*[?,;]))\b|"
                          r"\b(?:the|its|their) number of\b|"
                          r"\bhow (?:did|does|do|has|have|would|will) (?:it|that|this|they|these|those) compare\b",
                          re.IGNORECASE)
# "…, and its tax revenue": a second measure named after the first one asked
_AND_ITS_MEASURE = re.compile(rf"\s+and (?:its|the|their|the city's|the province's|the country's|China's) (?:[\w-]+ ){{0,4}}"
                              rf"(?:{_MEASURE_EN})s?\b", re.IGNORECASE)
_QUANTITY_Q = re.compile(
    r"多少|(?<!哪)几|目标|增长|比例|规模|金额|数量|率|how (?:much|many)|what (?:percentage|rate|share|amount)|"
    r"targets?|growth|figures?|amount|number|rate|percent|\bhow (?:did|has|have|does|do|will|would) [^?]{0,80}\bchange",
    re.IGNORECASE)
_WHAT_FIRST = re.compile(r"(?:^|[,:;]\s*)what\b(?:\s+(?:is|was|are|were)\b|(?:\s+(?!did\b|does\b|do\b)[\w-]+){1,4}\s+"
                         r"(?:target|goal|figure|amount|number|value)s?\b)", re.IGNORECASE)


def _of_a_term(c: Clause) -> bool:
    """A clause of a review of several years (“十三五”时期…, 过去五年…)."""
    period = c.hit.period
    return c.hit.kind == "outcome" and bool(period) and period[0] < period[1]


def _of_one_year(c: Clause) -> bool:
    """A clause of one year's review (2020年…, 过去一年…), as under a report that also reviews its term."""
    period = c.hit.period
    return c.hit.kind == "outcome" and bool(period) and period[0] == period[1]


def _between(first: Clause, second: Clause) -> str:
    """The text between two clauses of one passage, the first before the second."""
    return first.hit.text[first.end - first.hit.start:second.start - first.hit.start]


def _one_sentence(first: Clause, second: Clause) -> bool:
    """No sentence ends between two clauses of one passage, the first before the second."""
    return not re.search(r"[。！？!?；;\n]", _between(first, second))


def _same_sentence(a: Clause, b: Clause) -> bool:
    """Two clauses of one passage in one sentence, in either order."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return a.hit.chunk_id == b.hit.chunk_id and _one_sentence(first, second)


def _beside(a: Clause, b: Clause) -> bool:
    """Two clauses of one passage next to each other in one sentence (…539个，总投资额601.8亿元)."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return 0 <= second.start - first.end <= 2 and _same_sentence(a, b)


def _later_in_sentence(a: Clause, b: Clause) -> bool:
    """Clause b comes after clause a in a's sentence (of one passage)."""
    return a.hit.chunk_id == b.hit.chunk_id and b.start > a.start and _one_sentence(a, b)


# What an amount did against its plan, said right after it (…收入122亿元，完成年度预算的103.8%)
_OF_PLAN = re.compile(r"完成(?:年度|全年)?(?:预算|计划|目标|任务)的?\d")


def _by_passage(candidates: list[Clause]) -> list[list[Clause]]:
    """The clauses of each passage, in reading order."""
    by_chunk: dict[str, list[Clause]] = {}
    for c in candidates:
        by_chunk.setdefault(c.hit.chunk_id, []).append(c)
    return [sorted(group, key=lambda c: c.start) for group in by_chunk.values()]


def _rate_tails(candidates: list[Clause]) -> dict[int, Clause]:
    """Per clause holding an amount (by id), the rate with no subject of its own said right after it
    in its sentence (全年完成投资166.6亿元，增长61%): the amount's growth; or what it did against its
    plan (完成年度预算的103.8%)."""
    tails = {}
    for group in _by_passage(candidates):
        for c, d in zip(group, group[1:]):
            if (_RATE_LEAD.match(d.text) or _OF_PLAN.match(d.text)) and _FIGURE.search(c.text) \
                    and not _PERCENT.search(c.text) and _beside(c, d):
                tails[id(c)] = d
    return tails


# Measures of a thing's size a report names it with (旅游总收入, 工业增加值, 进出口总额)
_SIZE = r"(?:总)?(?:收入|产值|增加值|总额|总量|营收|销售额|成交额|交易额)"
# A clause that names a measure with no subject of its own (旅游接待3300万人次，增长14%；总收入271亿元): the
# measure is of what the clauses before it in its passage speak of
_BARE_MEASURE = re.compile(rf"{_SIZE}(?=\s*(?:\d|达|为|超|突破|实现))")
# A measure of a thing, the two characters before it naming the thing (旅游|总收入)
_MEASURE_OF = re.compile(rf"([\u4e00-\u9fff]{{2}})({_SIZE})")


def _measure_asked(query: Query) -> re.Match | None:
    """The measure a Chinese question asks of a thing (旅游|总收入), or None."""
    return None if query.is_english else _MEASURE_OF.search(query.normalized)


def _of_another(asked: re.Match | None, text: str) -> bool:
    """A Chinese question asks a measure of something (`_measure_asked`: 旅游总收入) and a clause says
    that measure of something else only (财政总收入), not of what is asked."""
    if not asked or asked.group(1) in text:
        return False
    said = list(re.finditer(r"(?<=[\u4e00-\u9fff]{2})" + re.escape(asked.group(2)), text))
    return bool(said) and all(text[m.start() - 2:m.start()] != asked.group(1) for m in said)


def _misses_measure(query: Query, texts: list[str]) -> bool:
    """A Chinese figure question asks an income or an output of something (旅游总收入, 工业增加值) and no
    quoted clause says that measure at all (总投资超8400亿元 for 旅游总收入)."""
    asked = _measure_asked(query) if query.wants_number else None
    core = asked.group(2).removeprefix("总") if asked else ""
    return core in ("收入", "产值", "增加值", "营收") and core not in normalize(" ".join(texts))


def _subjects(candidates: list[Clause]) -> dict[int, Clause]:
    """Per clause naming a bare measure (`_BARE_MEASURE`, by id), the nearest clause before it in its
    passage that names a subject (not a rate said after an amount, 增长14%), within one full
    sentence (a ； goes on speaking of it)."""
    subjects = {}
    for group in _by_passage(candidates):
        for n, c in enumerate(group):
            if not _BARE_MEASURE.match(c.text):
                continue
            for d in reversed(group[:n]):
                if re.search(r"[。！？!?\n]", _between(d, c)):
                    break
                if not _RATE_LEAD.match(d.text):
                    subjects[id(c)] = d
                    break
    return subjects


def _with_tails(chosen: list[Clause], tails: dict[int, Clause], subjects: dict[int, Clause]) -> list[Clause]:
    """The clauses chosen, each read with the rate said right after it (`_rate_tails`) quoted with it,
    once; then a bare measure with the clause saying what it is of (`_subjects`: 旅游接待3300万人次 …
    总收入271亿元) quoted before it."""
    out = []
    for c in chosen:
        out.append(c)
        tail = tails.get(id(c))
        if tail is not None and not any(tail is x for x in chosen):
            out.append(tail)
    return [x for c in out for x in ([subjects[id(c)]] if id(c) in subjects and not any(
        subjects[id(c)] is d for d in out) else []) + [c]]


def _new_figure(pattern: re.Pattern, text: str, stated: set[str]) -> bool:
    """A text holds a figure of the pattern other than the numbers a question states."""
    for m in pattern.finditer(text):
        digits = re.search(r"\d+(?:\.\d+)?", m.group())
        if digits is None or digits.group() not in stated:
            return True
    return False


# A target asked in so many words (not only "plan", "expected": "the clusters it planned", 预计…增长).
_TARGET_ASKED = re.compile(r"目标|\btargets?\b|\bgoals?\b", re.IGNORECASE)


def _reviewed_only(query: Query, figured: list[Clause]) -> bool:
    """A target asked of the year a report plans ("What target for new urban jobs did it set for
    2022?") and every figure quoted is in a review of what was done (城镇新增就业5.79万人 of the year
    before): the report sets none. (A report's part of a question about the year it reviews asks
    what was done, whatever the question's other part asks.)"""
    reviewed = query.report_year is not None and any(y < query.report_year for y in query.years)
    return query.kind == "plan" and bool(_TARGET_ASKED.search(query.text)) and not reviewed and bool(figured) \
        and all(c.hit.kind == "outcome" for c in figured)


def _sentence_before(c: Clause) -> str:
    """A clause with what its sentence says before it (“南粤家政”工程高质量发展，开展…培训16万人次以上):
    a name said there is the figure's."""
    before = c.hit.text[: c.start - c.hit.start]
    start = max(before.rfind(mark) for mark in "。！？；;\n") + 1
    return before[start:] + c.text


# "How many affordable childcare places and school places did it add?": one ask of two things, each a
# phrase of two words or more, before the verb
_AUX = r"(?:did|do|does|were|was|are|is|will|would|has|have|had)\b"
_NOUN = rf"(?!{_AUX})[\w/'\"“”‘’-]+"
# Two or more things named, each in two words or more ("imports and exports" is one total): A B, C D and E F
_THINGS_NAMED = rf"{_NOUN}(?:\s+{_NOUN})+?((?:,\s*{_NOUN}(?:\s+{_NOUN})+?)*),?\s+and\s+{_NOUN}(?:\s+{_NOUN})+?"
_ASK_OF_TWO = re.compile(rf"\s+{_THINGS_NAMED}\s+{_AUX}", re.IGNORECASE)
# "By how much did A and B grow?": one asking word after which two things are named, before the verb
# of their change
_ASK_OF_TWO_CHANGED = re.compile(rf"\s+{_AUX}\s+{_THINGS_NAMED}\s+(?:each\s+|both\s+)?"
                                 r"(?:grow|increase|rise|fall|decline|drop|expand|change)\b", re.IGNORECASE)
# "How many roads were opened, congestion points tackled and parking spaces added?": one asking word, each
# thing named with what was done to it
_DONE = r"(?:[a-z]+ed|built|set|cut|made|held|won|put|begun|done|grown|laid|brought|taken|given|sold|rebuilt)\b"
_ASK_OF_EACH_DONE = re.compile(rf"\s+{_NOUN}(?:\s+{_NOUN})*?\s+{_AUX}(?:\s+been)?\s+{_DONE}"
                               rf"((?:,\s*{_NOUN}(?:\s+{_NOUN})*?\s+{_DONE})*),?\s+and\s+{_NOUN}(?:\s+{_NOUN})*?\s+{_DONE}",
                               re.IGNORECASE)
# "What were its targets for A, B, and C?": the targets of each thing named
_TARGETS_FOR = re.compile(r"\b(?:targets?|goals?)\s+for\s+([^?]+?)\s*\?", re.IGNORECASE)


# Things named before 分别 in the clause asking a figure of each (A和B分别达到多少): 和, 与, 及 or 、 join them.
_EACH_ZH = re.compile(r"([^，,。？?；;：:]*?(?:和|与|及|、)[^，,。？?；;：:]*?)分别[^，,。？?；;：:]{0,8}$")


def _figures_asked(question: str) -> int:
    """How many figures a question asks: "how much…, and how many…?", "…增长多少？总量多少？"; "What
    were X and its number of Y?" asks one with its "what" and one after its "and"; "How many A and
    B did…?", "By how much did A and B grow?" and "its targets for A, B and C" one of each."""
    found = list(_ASKS_FIGURE.finditer(question))
    asks = [m.start() for m in found]
    # (also after the words naming the report: "According to …, what was X, and how many…?", and "what X
    # target did it set…, and what size…?")
    joined = len(asks) == 1 and _WHAT_FIRST.search(question[:asks[0]]) \
        and re.search(r"\band $", question[:asks[0]], re.IGNORECASE)
    if len(found) == 1:
        # "国考断面水质优良率和近岸海域水质优良率分别达到多少？": one figure of each thing named before 分别
        each = _EACH_ZH.search(question[:found[0].start()])
        if each:
            return 1 + len(re.findall(r"和|与|及|、", each.group(1)))
    if len(found) <= 1 and not joined:
        two = found and (_ASK_OF_TWO.match(question, found[0].end()) or _ASK_OF_TWO_CHANGED.match(question, found[0].end())
                         or _ASK_OF_EACH_DONE.match(question, found[0].end()))
        if two:
            return 2 + two.group(1).count(",")
        named = _TARGETS_FOR.search(question)
        if named:
            items = [i for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", named.group(1)) if i.strip()]
            if len(items) >= 2:
                return len(items)
    # "What deficit ratio and deficit size did it propose?": one "what" of two things
    both = sum(bool(re.match(r"what\b.*\band\b", m.group(), re.IGNORECASE)) for m in found)
    # "What were its general budget revenue and its tax revenue?": a measure asked after the first's "and"
    measures = len(asks) == 1 and not both and _AND_ITS_MEASURE.match(question, found[0].end())
    return len(asks) + bool(joined) + both + bool(measures)


# A term an English question quotes as the reports write it, in figures and signs ('3+2', “1+6+N”): what
# it asks is about that term, whatever else it asks.
_WRITTEN_TERM = re.compile(rf"{OPEN_QUOTE}([0-9A-Z]*[0-9][0-9A-Z]*[+＋][0-9A-Z+＋]*){CLOSE_QUOTE}")
# A term an English question quotes ('zombie enterprises'), and a glossary entry's head (15.虚拟电厂：).
_QUOTED_EN = re.compile(rf"{OPEN_QUOTE}([A-Za-z][A-Za-z -]{{1,40}}?){CLOSE_QUOTE}")
# The term a definition question names without quotes ("How does it define infrastructure REITs in its
# glossary?", "What is the meaning of zero-based budgeting?").
_DEFINED_EN = re.compile(r"\b(?:define[sd]?|definition of|meaning of|meant by)\s+(?:the\s+)?(?:term\s+)?"
                         r"([A-Za-z][A-Za-z -]{1,40}?)(?=\s+(?:in|as|under|according|mean|means|refers?)\b|\s*[?,.;]|$)")
# (its words may quote a part and hold a figure: 横琴“双15%”税收优惠政策：, “五清”专项行动：)
_ENTRY_HEAD = re.compile(rf"^\s*(?:\*\*)?(?:\[\d{{1,3}}\]|\d{{1,3}}[.、．])?\s*[“\"]?([{CJK}A-Za-z0-9“”%＋+·]{{2,20}}?)[”\"]?[：:]")
# A plan that sets no target (我们没有提出全年经济增速具体目标) answers "what was the target?" without a
# figure, when it names the indicator asked (growth of the economy is GDP's).
_NO_TARGET = re.compile(r"(?:没有|未|不再?)(?:提出|设定|设置|设立|设)[^，。；]{0,10}?目标")
_ECONOMY_GROWTH = re.compile(r"经济增速|经济增长")
# A clause saying how much of a plan was done: 完成率130.7%, 达年度投资计划的131%, 超额完成.
_COMPLETION = re.compile(r"完成率|计划的\d|目标的\d|超额完成|完成年度(?:投资)?计划|完成(?:全年|年度)(?:目标|任务)")
# A figure of what is under construction, and a question asking for one.
_UNBUILT = re.compile(r"在建")
_UNBUILT_ASKED = re.compile(r"在建|建设中|under construction|being built|build|construct", re.IGNORECASE)
_SHARE = re.compile(r"占[^，。；、]{0,16}(?:比重|比例|的)|比重")
_ASKS_SHARE = re.compile(r"占|比重|比例|share|proportion|percent(?:age)? of|ratio", re.IGNORECASE)
# Question words (resources/question_words.tsv): generic ones say what kind of answer is wanted,
# not what it is about.
_GENERIC = resources.question_words()["generic"]
_QUESTION_WORDS = resources.question_words()["question"]
_QUESTION_BIGRAMS = resources.question_words()["bigram"]
_MEASURES = resources.question_words().get("measure", frozenset())
# A district or county named in English: Haidian District, Nanshan district, Xuwen County.
_DISTRICT_EN = re.compile(r"\b([A-Z][a-z]{2,})(?:'s)? (?:[Dd]istrict|[Cc]ounty)\b")
# A day counted from now (tomorrow's weather, yesterday's prices): never what a yearly report says.
_DAY_FROM_NOW = re.compile(r"明天|昨天|后天|前天|今晚|明晚|昨晚|\b(?:tomorrow|yesterday|tonight)\b", re.IGNORECASE)
CANDIDATE_HITS = 5
# An English question's words are the reports' only through the glossary and the dictionary, so its
# passage ranks are rougher: it looks through more of them.
EN_CANDIDATE_HITS = 12
KNOWN_HITS = 8  # the passages whose words say whether the reports know a question's topic (and those quoted)
MAX_CLAUSES = 3
SEM_WEIGHT = 1.0
SIM_FLOOR = 0.75
SIM_SPAN = 0.15
LEX_WEIGHT = 1.0
FIGURE_BONUS = 0.2
PRIOR_WEIGHT = 0.3
LENGTH_SCALE = 200
SENSE_WEIGHT = 0.3  # an English question's words a clause says, in its words or by their meanings
MORE_MIN_GAIN = 0.15
FIGURE_NEAR = 0.9  # a clause with the figure asked is chosen first when it scores this share of the best
MORE_MAX_SIM_DROP = 0.03
EN_MIN_KNOWN = 0.5  # an English question is answered when the passages say more than this share of its topic
EN_MIN_SIM = 0.77
# ...or when the glossary knows too little of it but the first clause chosen says this share of its
# content words (of at least EN_MIN_SAID_WORDS), in the dictionary's senses of its words
EN_MIN_SAID = 0.75
EN_MIN_SAID_WORDS = 4
EN_MIN_SIM_PLACE_ONLY = 0.80
# An English question whose only known words name a place: the quoted clauses must cover some of it
# (on the dev halves every such answer covering less than this was wrong).
EN_MIN_COVERAGE_PLACE_ONLY = 0.05
ZH_MIN_COVERAGE = 0.2
ZH_MIN_KNOWN = 0.3


_TOPIC_TAGS = ("n", "vn", "nz", "ns", "nt", "nr", "j", "l", "eng")


# "多少亿元", "多少万标箱", "多少辆": the unit a question asks its figure in.
_ASKED_UNIT = re.compile(r"多少(?:万|亿|千|百)?(标箱|亿元|万元|元|万人|人次|人|辆|万吨|吨|公里|千米|千瓦|个|家|座|套|户|亩|平方米|立方米|件|所|项|条)")


# The unit an English question asks its figure in, as the reports write it.
_ENGLISH_UNITS = ((re.compile(r"\bsquare (?:kilomet(?:re|er)s|km)\b", re.I), "平方公里"),
                  (re.compile(r"\bkilomet(?:re|er)s\b|\bkm\b", re.I), "公里|千米"),
                  (re.compile(r"\b(?:met(?:re|er)s|how long|length)\b(?! (?:of time|did|does|will|has|have)\b)", re.I),
                   "米|公里|千米"),
                  (re.compile(r"\b(?:metric )?ton(?:ne)?s\b", re.I), "吨"),
                  (re.compile(r"\bTEUs?\b"), "标箱"),
                  (re.compile(r"\bhectares\b", re.I), "公顷|亩"),  # (reports count land in 亩 more often)
                  (re.compile(r"\bhouseholds\b", re.I), "户|家庭"),
                  (re.compile(r"[μµu]g/m(?:3|³)|\bmicrograms?\b", re.I), "微克"),
                  # "how much (cumulative) investment …": an amount of money, not a count of projects
                  # (not how much it grew)
                  (re.compile(r"\bhow much (?:[\w-]+ ){0,3}?(?:money|investment|revenue|spending|funding|funds|"
                              r"capital|expenditure|subsid(?:y|ies))\b(?![^?]*\b(?:grow|grew|increas|rise|rose|fell|"
                              r"declin|drop)\w*)", re.I), "元"))


# "How many key projects…?": a count, not an amount of money or a rate (unless it asks how many yuan or
# percentage points); a count is a figure with a measure word (41个项目, 2.6万人次, 12 new parks).
_HOW_MANY = re.compile(r"\bhow many\b(?!(?:\s+[\w-]+){0,3}?\s+(?:yuan|dollars?|usd|rmb|percent(?:age)?|per cent|times|fold|"
                       r"points?)\b)", re.IGNORECASE)
# People named after their number, with no measure word (155万危险区域群众)
_PEOPLE = r"[\u4e00-\u9fff]{0,6}?(?:群众|居民|农民|学生|职工|工人|游客|旅客|儿童|老人|患者|劳动力)"
_COUNT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:多|余)?(?:万|亿|千|百)?(?:多|余)?(?:个|项|家|所|条|人|名|吨|公里|千米|米|座|套|户|次|"
                    r"天|处|辆|件|台|艘|亩|标箱|架|片|张|间|场|立方米|平方米|千瓦|兆瓦|斤|公顷|株|棵|部|只|头|枚|块|省|县|镇|村|份|"
                    r"类|批|种|款|段|宗|轮|册|根|盏|组|对|支|栋|层|位|床|班|路|线|园|校|站|馆|院|区)|"
                    rf"(?<![\d.])\d+(?:\.\d+)?\s*(?:多|余)?(?:万|亿)?(?:多|余)?{_PEOPLE}|"  # (转移155万危险区域群众)
                    r"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s+(?!(?:trillion|billion|million|thousand|hundred)\s+(?:yuan|dollars|us))"
                    r"(?!yuan|percent|per cent|dollars)[a-z]", re.IGNORECASE)


def _figure_in(unit: str) -> re.Pattern:
    """A figure in a unit, with its scale: 3.8万亿元 is in 亿元 and 元, 1000多万人 in 人. People are
    counted also with 名 or a noun before 人 (1.8万名群众, 16.38万贫困人口, 1000多万失业人员), or by a noun
    for people after the number (转移155万危险区域群众)."""
    if unit in ("人", "万人"):
        unit = r"人(?!工)|名|[\u4e00-\u9fff]{1,4}?人(?!工)(?:口|员)?|" + _PEOPLE
    return re.compile(rf"\d(?:\.\d+)?\s*(?:多|余)?(?:万|亿|千|百)?(?:多|余)?(?:{unit})")


def _unit_figure(query: Query | str) -> re.Pattern | None:
    """A figure in the unit the question asks for ("多少公里", "how many kilometres"; a count for "how
    many" in no unit), or None."""
    text = query if isinstance(query, str) else query.text
    asked = _ASKED_UNIT.search(text)
    unit = asked.group(1) if asked else next((u for p, u in _ENGLISH_UNITS if p.search(text)), None)
    if unit is None and _HOW_MANY.search(text):
        return _COUNT
    return _figure_in(unit) if unit else None


def _first_unit(query: Query, many: int) -> re.Pattern | None:
    """The unit of the first figure a question asks: "How many compounds…, and how many households?"
    asks households only second, so the first figure may be in any unit."""
    asks = list(_ASKS_FIGURE.finditer(query.text)) if many >= 2 else []
    return _unit_figure(query.text[:asks[1].start()]) if len(asks) >= 2 else _unit_figure(query)


def _has_unit(question: str, texts: list[str]) -> bool:
    """A figure in the unit a Chinese question asks for ("多少亿元" wants 亿元 or 万亿元, not a growth rate;
    "多少个县" 106个县 or 106县)."""
    asked = _ASKED_UNIT.search(question)
    if not asked:
        return True
    unit = asked.group(1)
    noun = question[asked.end():asked.end() + 1]
    if unit == "个" and CJK_CHAR.match(noun):
        unit = f"个|{re.escape(noun)}"
    return any(_figure_in(unit).search(t) for t in texts)


def _topic_words(question: str) -> list[str]:
    """The noun-like words of a Chinese question (jieba part-of-speech), without generic ones."""
    from .tokenize import posseg_module

    words = []
    for pair in posseg_module().lcut(normalize(question)):
        word, flag = pair.word.strip(), pair.flag
        if (len(word) >= 2 and flag.startswith(_TOPIC_TAGS) and word not in _GENERIC
                and word not in _QUESTION_WORDS and not has_latin(word) and word not in words):
            words.append(word)
    return words


# Where a Chinese figure question asks: 是多少, 有多少, 为多少, 多少.
_ASKING = re.compile(r"(?:是|有|为|达到|达|约)?多少|几[个项名家所万亿条次年倍]")
_MEASURE_ENDS = "量率额数价"
_CLAUSE_BREAK = re.compile(r"[，,。；;：:？?！!、]")


def _asked_head(query: Query) -> str | None:
    """The measure a Chinese figure question asks the figure of: its last noun before the asking
    words, when it names a measure (成都2024年新能源汽车产量是多少辆？ → 汽车产量); None otherwise, and
    for measures the reports write many ways (增幅, 比重)."""
    if query.is_english or not query.wants_number:
        return None
    from .tokenize import posseg_module

    asking = _ASKING.search(query.normalized)
    if not asking:
        return None
    before = _CLAUSE_BREAK.split(query.normalized[: asking.start()])[-1]
    words = posseg_module().lcut(before)

    def noun(pair) -> bool:
        word, flag = pair.word.strip(), pair.flag
        return len(word) >= 2 and flag.startswith(("n", "vn", "l", "j")) and not flag.startswith(("ns", "nt", "nr")) \
            and word not in _GENERIC and word not in _QUESTION_WORDS and word not in query.places and not has_latin(word)

    for i in range(len(words) - 1, -1, -1):
        if noun(words[i]):
            # only a measure names which figure (产量 or 保有量, 失业率, 总额); things and people are
            # paraphrased freely (游客 asked, 旅游接待3300万人次 quoted)
            word = words[i].word.strip()
            if word[-1] not in _MEASURE_ENDS or word in _MEASURES:
                return None
            # (a rate with the noun right before it, whose rate it is: 森林覆盖率, not 文明村镇覆盖率; an amount's
            # thing is paraphrased, 港口吞吐量 said 货物吞吐量)
            return words[i - 1].word.strip() + word if word.endswith("率") and i and noun(words[i - 1]) else word
    return None


# "…是哪个片区？": the kind of thing a Chinese question asks to be named, at its end (片区).
_WHICH = re.compile(r"哪(?:一)?(?:个|家|座|条|所|项|些|种|类|几个)?([\u4e00-\u9fff]{2,4})[？?]?\s*$")


def _which_head(query: Query) -> str | None:
    """The noun a Chinese "which X" question ends with (是哪个片区？ → 片区): the clause naming one says it."""
    m = None if query.is_english else _WHICH.search(query.text)
    return m.group(1) if m and m.group(1) not in _QUESTION_WORDS and m.group(1) not in _GENERIC else None


# "Which expressway is slated to open, and how many … projects…?": the kind of thing an English
# question asks to be named (expressway), the last word before its verb.
_WHICH_EN = re.compile(r"\bwhich\s+(?:[\w-]+\s+){0,2}?([a-z][a-z-]+?)(?:e?s)?\s+(?:is|was|are|were|will|would|did|has|have|had)\b",
                       re.IGNORECASE)


def _which_named(query: Query, rendered: dict[str, set[str]]) -> set[str]:
    """The report words for the thing a "which X … and how many…?" English question asks to be named
    (热线 for hotline); empty for other questions."""
    m = _WHICH_EN.search(query.text) if query.is_english else None
    if not m or not _ASKS_FIGURE.search(query.text, m.end()):
        return set()
    return {t for t in rendered.get(stem(m.group(1).lower()), ()) if has_cjk(t)}


def _misses_head(query: Query, texts: list[str]) -> bool:
    """A Chinese figure question's asked noun (产量) stands in no quoted clause, whole or in its
    parts (汽车 and 产量 for 汽车产量): the figure is another measure's (保有量)."""
    head = _asked_head(query)
    if head is None:
        return False
    parts = [t for t in tokens(head) if t != head and len(t) >= 2]
    short = head[:-1] if head.endswith("量") and len(head) >= 3 else None  # 总产量 said 总产 before its figure
    # (in one quoted text: 森林 of 森林公园 and 覆盖率 of 文明村镇覆盖率 do not say 森林覆盖率)
    return not any(head in t or parts and all(p in t for p in parts) or short and re.search(re.escape(short) + r"\s*\d", t)
                   for t in map(normalize, texts))


def _end_mark(quote: str) -> str:
    """What closes an answer after its last quote and marker: 。 after Chinese, a full stop after
    English words (none when the quote ends a sentence itself)."""
    if has_cjk(quote):
        return "。"
    return "" if quote.rstrip().endswith((".", "!", "?")) else "."


def _english_passages(hits: list[Hit]) -> bool:
    """The best passages are an English translation's (no Chinese character)."""
    return bool(hits) and not any(has_cjk(h.text) for h in hits[:3])


def _all_parts_known(word: str, vocab: dict) -> bool:
    """A compound jieba keeps whole (城镇新增就业) is known when its search-mode parts are."""
    parts = [t for t in tokens(word) if t != word]
    return bool(parts) and all(t in vocab for t in parts)


# A name asked ("What was the name of the typhoon…?", 叫什么) and a name as reports write one, in Chinese quotes
# (terms._QUOTED_NAME is an English name a question quotes)
_NAME_ASKED = re.compile(r"\bthe names? of\b|\bwhat (?:is|was|are|were) (?:it|they|that|this|the [\w-]+) called\b|"
                         r"叫什么|名称(?:是|为)", re.IGNORECASE)
_QUOTED_ZH = re.compile(r"“[^”]{1,12}”")
# Terms quoted together: “蓝网”和“绿网”, “五棵树”“一条鱼”; 'blue network' and 'green network'
_JOINED_ZH = re.compile(r"“[^”]{1,12}”(?:\s*(?:和|与|及|以及|、|，)?\s*“[^”]{1,12}”)+")
_JOINED_EN = re.compile(rf"{OPEN_QUOTE}[A-Za-z][A-Za-z -]{{1,40}}?{CLOSE_QUOTE}"
                        rf"(?:(?:,? and |, | & ){OPEN_QUOTE}[A-Za-z][A-Za-z -]{{1,40}}?{CLOSE_QUOTE})+")
# A plan's words for the year after its report's: 明年, 今明两年
_NEXT_YEAR = re.compile(r"明年|今明两年")


def _about(hit: Hit, year: int) -> bool:
    """The passage speaks of that year: a one-year period, or a span ending with it (a five-year
    review's totals are its last year's); or its report is of that year and it names no period."""
    if hit.period:
        return hit.period[0] <= year == hit.period[1]
    return hit.year == year


def _misses_qualifier(asked: list[Indicator], texts: list[str]) -> bool:
    """The question asks about an indicator whose name is another's with a qualifier before it
    (人均 + 地区生产总值, "per-capita GDP") and no text says that qualifier: the texts give the
    broader indicator's figure, not the one asked."""
    joined = normalize(" ".join(texts))
    for ind in asked:
        # (the qualifier with the indicator: 人均 of 人均可支配收入 beside 地区生产总值 is not 人均地区生产总值)
        if _qualifiers(ind.id) and not any(normalize(f) in joined for f in ind.forms):
            return True
        # an indicator named inside another's name (地区生产总值 in 单位地区生产总值能耗): the texts
        # speak of the inner one only
        # the texts name it only inside a narrower indicator's name (GDP asked, 人均地区生产总值 quoted)
        narrower = _narrower_forms(ind.id)
        if narrower and any(normalize(f) in joined for f in ind.forms):
            outside = joined
            for form in narrower:
                outside = outside.replace(form, " ")
            if not any(normalize(f) in outside for f in ind.forms):
                return True
        inner, own_words = _inner_forms(ind.id)
        if inner and any(f in joined for f in inner) and not any(normalize(f) in joined for f in ind.forms) \
                and not any(w in joined for w in own_words):
            return True
    return False


# "What share of GDP did it spend on R&D?": a rate of the economy asked (R&D intensity), not a share of firms
_SHARE_OF_GDP = re.compile(r"\b(?:share|proportion|percentage|per ?cent) of (?:its |the |\w+'s )?(?:GDP|gross (?:domestic|regional) "
                           r"product|economic output|(?:the )?economy)\b|\bas a (?:share|proportion|percentage) of\b", re.IGNORECASE)


def _misses_indicator(query: Query, asked: list[Indicator], texts: list[str], wants_number: bool) -> bool:
    """A question asks a figure of indicators it names and no quoted text names any of them by its
    report forms (一般公共预算收入 asked, 一般公共预算支出 quoted): the figure is another's.
    (English names map to forms loosely, "the economy grew" is answered by 经济增长, "R&D" by 研发
    投入, except a rate called one: "the unemployment rate" is 失业率, not 失业再就业, or an indicator
    named in full, `_named_in_full`. An English translation's clauses name it in English, which the
    caller leaves to the other checks.)"""
    if query.is_english:
        asked = [ind for ind in asked if ind.measure == "rate" and (re.search(
            rf"(?:{ind.question_en})" r"[\w\s-]{0,20}?(?<!growth )\b(?:rate|ratio|intensity)\b", query.text, re.IGNORECASE)
            or _SHARE_OF_GDP.search(query.text)) or _named_in_full(ind, query.text)]
    if not wants_number or not asked:
        return False
    joined = normalize(" ".join(texts))
    return not any(_says_form(normalize(f), joined) for ind in asked for f in ind.forms)


def _named_in_full(ind: Indicator, question: str) -> bool:
    """An English question says an indicator's name of three words or more in full ("general public
    budget revenue", "retail sales of consumer goods"): a figure under its report forms is asked, not
    a share or an amount of something else named alike (一般公共预算转移支付比例)."""
    name = re.sub(r"\s*\(.*?\)", "", ind.name_en)
    return len(name.split()) >= 3 and bool(re.search(rf"\b{re.escape(name)}\b", question, re.IGNORECASE))


def _says_form(form: str, text: str) -> bool:
    """A report form in a text, also with its subject shared by listed items: 粮食总产量 in
    "粮食播种面积139万亩、总产量10.8亿斤"; a share with its subject said in another clause of the
    quote: 研发投入占地区生产总值比重 in "全社会研发投入2236.6亿元 … 占地区生产总值比重提升至6.46%"."""
    if form in text:
        return True
    share = form.find("占")
    if share >= 2 and form[:share] in text and form[share:] in text:
        return True
    return any(re.search(re.escape(form[:i]) + r"[^。；;，,]{1,16}、" + re.escape(form[i:]), text)
               for i in range(2, len(form) - 1))


_ASKS_RATE = re.compile(r"率|比重|比例|百分|\brates?\b|share|proportion|percent|ratio", re.IGNORECASE)
# How far something moved ("By how much did robbery cases fall?"): a rate answers it.
_CHANGE_ASKED = re.compile(r"\bby how much\b|\bhow much (?:did|has|have|does|do|will|would)\b[^?,;]{0,60}?\b(?:fall|fell|drop|"
                           r"decline|decrease|shrink|shrank|rise|rose|grow|grew|increase)", re.IGNORECASE)


@functools.cache
def _rate_forms() -> tuple[str, ...]:
    """The normalised forms of the rate indicators, longest first."""
    forms = dict.fromkeys(normalize(f) for ind in vocabulary() if ind.measure == "rate" for f in ind.forms)
    return tuple(sorted(forms, key=len, reverse=True))


def _only_in_rates(query: Query, asked: list[Indicator], texts: list[str]) -> bool:
    """A question asks a figure of a report term (resident population → 常住人口, 成都的人口有多少) that
    the quoted texts use only inside the name of a rate (常住人口城镇化率): their figure is the rate's,
    unless that rate is what it asks ("energy consumption per unit of GDP": 单位国内生产总值能耗)."""
    if not query.wants_number or _ASKS_RATE.search(query.text) or _CHANGE_ASKED.search(query.text):
        return False
    own = {normalize(f) for ind in asked if ind.measure == "rate" for f in ind.forms}
    joined = normalize(" ".join(texts))
    words = query.expansion if query.is_english else [
        t for t in query.tokens if t not in _QUESTION_WORDS and t not in query.places and not has_latin(t)]
    terms = [normalize(t) for t in words if len(t) >= 2 and t not in _GENERIC and normalize(t) in joined]
    if not terms:
        return False
    for term in terms:
        outside = joined
        for form in (f for f in _rate_forms() if term in f and term != f and f not in own):
            outside = outside.replace(form, " ")
        if not own:  # (any rate named after the term: 常住人口出生率 is a rate of the resident population)
            outside = re.sub(f"{re.escape(term)}[{CJK}]{{0,4}}率", " ", outside)
        if term in outside:
            return False
    return True


# What makes a per-person measure of an amount (人均地区生产总值 of 地区生产总值); 进 of 进出口总额 makes
# a broader one, not a narrower.
_PER_PERSON = ("人均",)


@functools.cache
def _narrower_forms(ident: str) -> tuple[str, ...]:
    """Normalised forms of the indicators whose names are this one's with a qualifier before it
    (人均地区生产总值 for 地区生产总值), longest first."""
    own = next(ind for ind in vocabulary() if ind.id == ident)
    out = {normalize(g) for ind in vocabulary() if ind.id != ident for g in ind.forms for f in own.forms
           if g.endswith(f) and g[: len(g) - len(f)] in _PER_PERSON}
    return tuple(sorted(out, key=len, reverse=True))


@functools.cache
def _inner_forms(ident: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Forms of other indicators that stand inside this one's forms (地区生产总值 in 单位地区生产总值能耗),
    and the words of its forms around them (单位, 能耗): one of those says the texts speak of it."""
    own = next(ind for ind in vocabulary() if ind.id == ident)
    inner = {g for ind in vocabulary() if ind.id != ident for g in ind.forms for f in own.forms if g in f and g != f}
    words = {w for f in own.forms for g in inner if g in f for piece in f.split(g) for w in tokens(piece)
             if len(w) >= 2 and not w.isascii() and not any(w in g2 for g2 in inner)}
    return tuple(sorted(inner)), tuple(sorted(words))


@functools.cache
def _outer_forms(ident: str) -> tuple[str, ...]:
    """Normalised forms of other indicators that hold one of this one's forms (单位国内生产总值能耗 and
    人均地区生产总值 hold 国内生产总值, 地区生产总值), longest first."""
    own = next(ind for ind in vocabulary() if ind.id == ident)
    out = {normalize(g) for ind in vocabulary() if ind.id != ident for g in ind.forms for f in own.forms
           if f in g and f != g}
    return tuple(sorted(out, key=len, reverse=True))


def _names_itself(asked: list[Indicator], text: str) -> bool:
    """A text names an asked indicator by one of its forms, not only inside another indicator's name."""
    said = normalize(text)
    for ind in asked:
        rest = said
        for outer in _outer_forms(ind.id):
            rest = rest.replace(outer, " ")
        if any(_says_form(normalize(f), rest) for f in ind.forms):
            return True
    return False


# A group's name (十大工程, 五大基地) counts its parts; it is not the quantity a figure question asks.
_GROUP_NAME = re.compile(r"[一二两三四五六七八九十]+大")
_YEAR_DATE = re.compile(r"(?<![\d.])(?:19|20)\d\d年")  # 2021年: when, not how many
_PERCENT = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|个百分点)")
_RATE_LEAD = re.compile(r"(?:年均|同比|比上年|比[^，。；、]{0,8}?)?(?:增长|增加|提高|下降)\d")  # a rate with no subject of its own
_GROWTH_ASKED = re.compile(r"增速|增长率|增幅|增长了?多少|增长了?(?:百分之)?几|(?:增长|提高|上升)了?百分之|增长(?:的)?(?:预期)?目标|"
                           r"growth rate|grow by|grew by|how fast|rate of growth|by what percent|(?:how many|what) percent|"
                           r"growth (?:target|goal)|in percentage terms|"
                           r"how much (?:did|has|have|does|do|will|would)\b[^?,;]{0,40}?\b(?:grow|grew|increase|rise)\b",
                           re.IGNORECASE)


def _mentions(asked: list[Indicator], texts: list[str]) -> list[tuple[str, re.Match]]:
    """(text, match) of each mention of an asked indicator by its report forms, longest forms first."""
    pattern, by_form = _forms()
    ids = {ind.id for ind in asked}
    return [(t, m) for t in texts for m in pattern.finditer(t) if by_form[m.group()].id in ids]


def _part_only(query: Query, asked: list[Indicator], texts: list[str], spelled: tuple[str, ...] = ()) -> bool:
    """Every quoted mention of the indicator asked is a part's (跨境电商进出口总额, 农产品进出口总额,
    一般贸易进出口), a part the question does not name: the whole region's figure is not quoted.
    `spelled`: the report words of names the question romanises (Qianhai: 前海)."""
    mentions = _mentions(asked, texts) if asked else []
    regional = tuple(n for p in (*query.places, *query.unknown_places) for n in _region_names(p + "市") + (p,))
    asked_words = normalize(" ".join((query.text, *query.expansion, *spelled)))
    for text, m in mentions:
        lead = _lead(text, m.start())
        for name in regional:
            lead = lead.replace(name, "")
        qualifier = _qualifier_before(_LEAD_OK.sub(" ", lead))
        if not qualifier or normalize(qualifier) in asked_words or any(w and w in lead for w in spelled):
            return False  # (廉江市 before 生产总值, "Lianjiang city" asked: the part named)
    return bool(mentions)


def _qualifier_before(lead: str) -> str:
    """The noun right before an indicator's name that makes it a part's (跨境电商, 农产品, 一般贸易), or ""
    (佛山成为我省第三个经济总量…: a subject and a count, not a qualifier)."""
    from .tokenize import posseg_module

    pairs = [p for p in posseg_module().lcut(lead.rstrip()) if p.word.strip()]
    if not pairs or lead != lead.rstrip():
        return ""
    word, flag = pairs[-1].word, pairs[-1].flag
    return word if flag.startswith("n") or flag in ("vn", "j", "l") else ""


def _only_in_a_share(query: Query, asked: list[Indicator], texts: list[str]) -> bool:
    """An amount asked (GDP growth) and the quote names it only as what a share is of
    (数字经济核心产业增加值增长6%、力争占地区生产总值比重达到20%): the figure is another thing's."""
    if not asked or _ASKS_SHARE.search(query.text) or any(ind.measure != "amount" for ind in asked):
        return False
    mentions = _mentions(asked, texts)
    return bool(mentions) and all(re.search(r"占[^，。；、]{0,4}$", t[:m.start()]) for t, m in mentions)


def _sets_no_target(query: Query, asked: list[Indicator], texts: list[str]) -> bool:
    """A target question answered by a plan saying it sets none for the indicator asked."""
    if query.kind != "plan" or not asked:
        return False
    for t in texts:
        if _NO_TARGET.search(t) and (any(_says_form(normalize(f), normalize(t)) for ind in asked for f in ind.forms)
                                     or any(ind.id == "gdp" for ind in asked) and _ECONOMY_GROWTH.search(t)):
            return True
    return False


# A rate said: a percentage (an English translation's "5 percent"), points, or growth in step with another
# (居民收入增长与经济增长同步).
_RATE_SAID = re.compile(r"[%％]|百分点|同步|增长[\d.]+倍|翻(?:一|两|三)?番|\bper ?cent\b|percentage points?|\d+-fold\b",
                        re.IGNORECASE)  # (a growth said as a multiple: 实际利用外资增长3倍)


def _misses_growth(query: Query, asked: list[Indicator], texts: list[str]) -> bool:
    """The question asks how fast an amount grew or is to grow (GDP growth rate, 增长了多少, 增长目标)
    and no text gives a percentage: a level (3万亿元) does not answer it."""
    return any(ind.measure == "amount" for ind in asked) and bool(_GROWTH_ASKED.search(query.text)) and not any(
        _RATE_SAID.search(t) for t in texts)


# An amount's level in the reports' units: 3.68万亿元, 3279.31亿元, 1200万人, 3亿吨.
_LEVEL_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:万亿|亿|万|千)?(?:元|美元|人|吨|标箱|户|辆)|\d(?:\.\d+)?\s*(?:万亿|亿)")


def _misses_level(query: Query, asked: list[Indicator], texts: list[str]) -> bool:
    """The question asks how large an amount is (its total, "the size of the economy, in yuan") and
    no text gives a level: a growth rate (增长5.2%) does not answer it."""
    return any(ind.measure == "amount" for ind in asked) and bool(LEVEL_ASKED.search(query.text)) \
        and not GROWTH_ASKED.search(query.text) and not _ASKS_SHARE.search(query.text) \
        and not any(_LEVEL_FIGURE.search(t) for t in texts)


# Part of a year: a question about a quarter or a half is not answered by the year's figure.
_PART_OF_YEAR_SAID = re.compile(r"季度|上半年|下半年|\d{1,2}[-—至~]?\d{0,2}月|quarter|\bhalf\b|months?\b", re.IGNORECASE)


# A count asked (how many vehicles, 多少辆) and a count said: a figure that is not a rate (增长69.2% is none).
_COUNT_ASKED = re.compile(r"\bhow many\b(?!\s+(?:percent|percentage|times|fold|years|(?:consecutive|straight|successive|running) \w+)\b)|"
                          r"多少(?:万|亿)?(?:个|辆|家|人|名|所|座|项|条|台|套|户|吨|件|次|架|艘)", re.IGNORECASE)
_COUNT_SAID = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*(?:%|％|个百分点|倍|年))|[一二两三四五六七八九十百千万]+[个项名家所条座台套户件次大批类]|"
                         rf"{_CN_COUNT}|"
                         r"零(?:发生|事故|伤亡|死亡|新增)|"
                         rf"{_IN_WORDS}|数(?:十|百|千|万|十万|百万|千万|亿)(?:人|名|家|个|户)")


# An open question about what a report says of a topic, not for its figure.
# So is whether a report set one at all ("Did China's 2020 report set a numerical GDP growth target?").
_SAYS_ABOUT = re.compile(r"\b(?:say|said|says|mention(?:s|ed)?|write|wrote|writes|state[sd]?|announce[sd]?) "
                         r"(?:anything )?(?:about|on|regarding)\b|"
                         r"^\s*(?:did|does|do|has|have|was|were|is)\b[^?]{0,80}\b(?:set|sets|give|gives|include|includes|"
                         r"name|names|announce|announces|adopt|adopts)\b(?: (?:a|an|any))?(?: \w+){0,4} (?:target|goal)s?\b",
                         re.IGNORECASE)


def _of_years(found: list[tuple], years: list[int]) -> list[tuple]:
    """Of the (term, hit, …) found for a question naming years, those whose passage is about one of
    them (2024年十件民生实事: the 2024 plan's list, not the 2025 plan's), glossary entries kept; all
    when none is."""
    about = [f for f in found if f[1].kind == "glossary" or any(_about(f[1], y) for y in years)]
    return about or found


def _unsaid_abroad(query: Query, quoted: list[str]) -> bool:
    """A place abroad the question names (美国, Paris) that no quoted clause names: a clause about
    the city or country of the report beside it does not answer for it."""
    if not query.unknown_places:
        return False
    named = [p for p in resources.abroad() if p.name in query.unknown_places]
    return any(not any(p.name in t or any(re.search(rf"\b(?:{e})\b", t, re.IGNORECASE) for e in p.english)
                       for t in quoted)
               for p in named)


_ONE_WAY = re.compile(r"(?<!进)出口|(?<!出)进口|\bexport(?:s|ed|ing)?\b|\bimport(?:s|ed|ing)?\b", re.IGNORECASE)
_BOTH_WAYS = re.compile(r"进出口|\btrade\b|imports?\W+(?:and|plus|&|or)\W+exports?|exports?\W+(?:and|plus|&|or)\W+imports?",
                        re.IGNORECASE)


def _misses_direction(query: Query, texts: list[str]) -> bool:
    """Exports (出口) or imports (进口) asked, and the quotes say them only inside 进出口 (imports and
    exports together): that figure is the trade's, not the exports'."""
    asked = _ONE_WAY.findall(query.text)
    if not asked or _BOTH_WAYS.search(query.text):
        return False
    joined = normalize(" ".join(texts)).replace("进出口", "")
    wants = {"出口" if a.lower().startswith(("出", "export")) else "进口" for a in asked}
    return not any(w in joined for w in wants) and not re.search(r"[A-Za-z]", joined)


def _misses_count(query: Query, texts: list[str]) -> bool:
    """A count is asked ("How many new energy vehicles…", 多少辆) and the quotes give only rates and
    years: the report says how fast it grew, not how many."""
    return bool(_COUNT_ASKED.search(query.text)) and not any(_COUNT_SAID.search(t) for t in texts)


# Residents' measures (人均可支配收入, 人均消费支出) are given for all residents, urban ones and rural
# ones: a question about one is not answered by another's figure.
_RESIDENT_MEASURE = re.compile(r"人均|per[- ]capita|disposable|收入|income|消费支出|spending", re.IGNORECASE)
_RESIDENT_PARTS = ((re.compile(r"\burban\b|城镇居民|城市居民", re.IGNORECASE), ("城镇", "城市居民")),
                   (re.compile(r"\brural\b|\bfarmers?\b|农村居民|农民", re.IGNORECASE), ("农村", "农民")))
_RESIDENT_FIGURE = re.compile(r"人均可支配收入|人均消费支出|居民收入")


def _misses_residents(query: Query, texts: list[str]) -> bool:
    """A residents' figure question gets another group's figure: urban or rural residents asked and
    the quote says neither of that group; or all residents asked and every figure quoted is one
    group's (农民人均可支配收入 for 居民人均可支配收入)."""
    if not _RESIDENT_MEASURE.search(query.text):
        return False
    joined = normalize(" ".join(texts))
    leads = [joined[max(0, m.start() - 8): m.start()] for m in _RESIDENT_FIGURE.finditer(joined)]
    asked = [words for said, words in _RESIDENT_PARTS if said.search(query.text)]
    if asked:  # (城镇、农村居民人均可支配收入 says both; 城乡居民 both together)
        both = len(asked) == len(_RESIDENT_PARTS)
        led = [any(w in lead or both and "城乡" in lead for lead in leads or [joined] for w in words) for words in asked]
        # (both compared: one group's figure and the other named beside it, 增速比城镇居民高2.4个百分点)
        return not (all(led) or both and any(led) and all(any(w in joined for w in words) for words in asked))
    return bool(leads) and all(any(w in lead[-4:] for _, words in _RESIDENT_PARTS for w in words) for lead in leads)


# The parts of a year named: a quarter (一季度, Q2, "the third quarter"), a half (上半年, "the second half"), or
# the first three quarters (前三季度, "the first nine months")
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
_PARTS_NAMED = re.compile(r"(前三季度|first (?:three quarters|nine months))|(?<!前)第?([一二三四1-4])季度|"
                          r"\b(first|second|third|fourth) quarter\b|\bQ([1-4])\b|(上半年|\bfirst half\b)|(下半年|\bsecond half\b)",
                          re.IGNORECASE)


def _parts_named(text: str) -> set[str]:
    """The parts of a year a text names, as q1…q4, q1-3, h1, h2."""
    out = set()
    for m in _PARTS_NAMED.finditer(text):
        first3, zh, en, q, h1, h2 = m.groups()
        n = zh or en or q
        out.add("q1-3" if first3 else "h1" if h1 else "h2" if h2 else f"q{n if n.isdigit() else _QUARTER[n.lower()]}")
    return out


def _misses_part_of_year(query: Query, texts: list[str]) -> bool:
    """The question asks about part of a year (第一季度, "the first half") and no text names one, or it
    names one part (the second quarter) and the texts only others (一季度地区生产总值增长5.2%)."""
    if not asks_part_of_year(query.text):
        return False
    asked = _parts_named(query.text)
    if asked:
        return not any(asked & _parts_named(t) for t in texts)
    return not any(_PART_OF_YEAR_SAID.search(t) for t in texts)


# The words of aiming a target's quote says around its indicator (力争…达到…以上, 预期目标设定为…)
_AIMING = re.compile(r"力争|目标|预期|今年|以上|左右|确保|设定|安排|计划|达到|实现|控制|保持|争取|努力|全年|年内|年底|以内")


# A rate over several years said as one: 年均增长5.3%, 平均每年, 五年平均, 每年增长
_AVERAGE_SAID = re.compile(r"年均|平均|每年|\baverage|\bannual(?:ly)?\b|\ba year\b|\bper year\b", re.IGNORECASE)


def _misses_average(query: Query, texts: list[str]) -> bool:
    """The question asks an average rate over years ("average annual GDP growth … for the 14th Five-Year Plan",
    年均增长多少) and no text says one: a year's rate (地区生产总值增长6%) is not it."""
    return bool(AVERAGE.search(query.text) and _GROWTH_ASKED.search(query.text)) \
        and not any(_AVERAGE_SAID.search(t) for t in texts)


_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|[今明后]年|年底|年内|年前|\d{1,2}月|上半年|下半年|"
                   r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


def _misses_when(query: Query, texts: list[str]) -> bool:
    """The question asks when (in what year, 什么时候) and no text names a year or a date."""
    return query.asks_when and not any(_DATE.search(t) for t in texts)


@functools.cache
def _qualifiers(ident: str) -> tuple[str, ...]:
    """The short words that make an indicator's forms out of another indicator's (人均 for GDP per capita)."""
    own = next(ind for ind in vocabulary() if ind.id == ident)
    others = [f for ind in vocabulary() if ind.id != ident for f in ind.forms]
    return tuple(sorted({f[: len(f) - len(g)] for f in own.forms for g in others
                         if f.endswith(g) and 0 < len(f) - len(g) <= 4}))


# A part of a place (县域, 镇域, a county or district, a zone) or another city named right before an
# indicator (县域生产总值, 廉江市生产总值): the figure is the part's; 全市, 本市 and 我市 name the whole.
_PART_BEFORE = re.compile(rf"(?:县域|镇域|园区|(?:[{CJK}](?<![全本我]))(?:县|区|镇|乡|市))$")
_PART_ASKED = re.compile(r"县|区|镇|乡|园|\b(?:count(?:y|ies)|districts?|towns?|townships?|zones?|parks?|rural)\b", re.I)


def _whole_asked(query: Query, forms: list[str]) -> list[str]:
    """The report forms of the indicator asked, normalised and longest first, when the question names
    no part of a place (a county, a district, a zone): then a part's figure is not the one asked. []
    when it names one."""
    forms = sorted({normalize(f) for f in forms if len(f) >= 2}, key=len, reverse=True)
    said = normalize(query.text)
    for f in forms + [normalize(p) for p in query.places]:
        said = said.replace(f, " ")  # (地区生产总值 and 深圳市 name no part)
    return [] if _PART_ASKED.search(said) else forms


def _only_of_a_part(forms: list[str], c: Clause) -> bool:
    """Every mention in a clause of the indicator asked (`forms`, from `_whole_asked`) is a part's
    (县域生产总值, 廉江市生产总值), not its own region's."""
    text = normalize(c.text)
    if not any(f in text for f in forms):
        return False
    region = normalize(c.hit.region or "")
    spans: list[tuple[int, int]] = []
    for f in forms:
        for m in re.finditer(re.escape(f), text):
            if not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return all(_PART_BEFORE.search(text[:a]) and not (region and text[:a].endswith((region, region + "市", region + "省")))
               for a, _ in spans)


# Each year of several (连续5年…每年超35万名): not one year's figure
_EACH_YEAR = re.compile(r"每年|\b(?:each|every|per) year\b|\bannually\b|\ba year\b", re.IGNORECASE)
# A review of several years asked (五年间…一共, "over the past five years"), not one year's outcome.
_TERM_ASKED = re.compile(r"[五5]年(?:来|间|中|里|内|累计)|过去[五5]年|近[五5]年|"
                         r"\b(?:past|last|previous|over the) (?:five|5) years\b|\bfive-year period\b", re.IGNORECASE)



def _unsaid_city(query: Query, texts: list[str]) -> bool:
    """A city no indexed report is about, asked of a province's or the country's report ("How fast did
    Dongguan's economy grow, according to Guangdong's report?"): only a quoted clause naming it answers."""
    levels = resources.place_levels()
    if not query.places or any(levels.get(p) not in ("province", "national") for p in query.places):
        return False
    joined = " ".join(texts)
    return any(p in resources.city_names() and p not in joined for p in query.unknown_places)


@dataclass
class Evidence:
    """What the answerer saw; `found` is decided from it."""

    coverage: float  # share of the question's topic weight the chosen clauses cover
    known_share: float  # share of the question's topic weight that occurs anywhere in the index
    top_dense: float  # best passage cosine
    wants_number: bool  # "how much / how many" question
    has_number: bool  # a chosen clause states a figure
    year_mismatch: bool  # the question names a year no cited passage is about or mentions
    place_mismatch: bool  # the question names a place the cited passages never mention
    best_sim: float = 0.0  # cosine of the first chosen clause
    place_only: bool = False  # an English question whose only words the reports know name a place
    indicator_mismatch: bool = False  # asks about 人均地区生产总值; the clauses name 地区生产总值 only
    said_share: float = 0.0  # share of an English question's content words the first chosen clause says
    cross: bool = False  # a Chinese question answered from an English translation's passages


class Answerer:
    """Extractive answers over a Retriever's index."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.whole = ReportAnswers(retriever)  # speaker and meeting lines, main targets, the year's work

    def _weights(self, query: Query) -> dict[str, float]:
        """Question terms (words and Chinese bigrams) weighted by how much they say about the topic."""
        store = self.retriever.store
        # The indexed reports' own places (茂名, 湛江市) say which report, not what about.
        regions = {normalize(r) + suffix for r in store.regions for suffix in ("", "市", "省", "县", "区")} | {
            romanised(r) for r in store.regions}
        if _NATIONAL_REPORT.search(query.text):
            regions |= {"国务院", "国务"}  # ("the State Council's 2023 report": whose report, not what about)
        region_grams = {g for r in regions for g in bigrams(r)}
        # the pieces jieba also cuts from a place the question names (州市 of 杭州市, 都市 of 成都市)
        named = [r for r in regions if len(r) > 2 and r in query.text]
        weights: dict[str, float] = {}
        translated = self.retriever.translated_tokens(query)
        spelled = self.retriever.spelled_names(query)  # (weighed in their Chinese words: 前海, not qianhai)
        unit = _ASKED_UNIT.search(query.text)  # 多少辆: the unit asked says what kind of figure, not what about
        # the five-year plan named says which years (as a year does), not what about: 茂名“十四五”要打造哪几个基地？
        period = {t for name in FIVE_YEAR_PLANS for t in [name, *tokens(name)]} if query.span else set()
        for tok in self.retriever.lexical_query(query):
            if tok in spelled:
                continue
            if tok in weights or not tok.strip() or not store.knows(tok) or len(tok) == 1 and tok.isascii():
                continue  # a word no passage contains cannot be covered (known_share weighs it); the s of 's
            w = store.idf(tok) * translated.get(tok, 1.0)
            if tok in _GENERIC or tok.isdigit() or tok in _QUESTION_WORDS or tok in regions or tok in period \
                    or unit and tok == unit.group(1) or any(tok in r for r in named):
                w *= 0.1
            weights[tok] = w
        grams = bigrams(query.text) if not query.is_english else set()
        for gram in grams - set(weights):
            generic = gram in _QUESTION_BIGRAMS or gram in region_grams
            weights["#" + gram] = 0.5 * (0.1 if generic else 1.0)
        return weights

    def _ranking_weights(self, query: Query, weights: dict[str, float]) -> dict[str, float]:
        """The weights a clause is chosen by: one glossary entry of an English question is one part
        of it, however many words its report terms take (GDP → 地区生产总值 → 地区, 生产, 总值,
        生产总值), so each of its terms weighs as its rarest word ("average annual GDP growth": 年均
        counts; metro: 地铁 counts as much as 轨道交通). A term's words no passage holds still count
        in its share (经济 alone is not 实体经济)."""
        if not query.is_english:
            return weights
        ranked = dict(weights)
        idf = self.retriever.store.idf
        for _, group in query.glossed:
            terms = [list(dict.fromkeys(tokens(term))) for term in group]
            top = max((weights[t] for toks in terms for t in toks if t in weights), default=0.0)
            scale: dict[str, float] = {}
            for toks in terms:  # each term of the entry (地铁, 轨道交通) weighs as the entry's rarest word
                whole = sum(weights[u] if u in weights else idf(u) for u in toks)
                for t in toks:
                    if t in weights:
                        scale[t] = min(scale.get(t, 1.0), top / whole)
            for t, k in scale.items():
                ranked[t] = weights[t] * k
        return ranked

    def _unwritten_district(self, query: Query) -> bool:
        """An English question names a district or county (Beijing's Haidian district) that no
        report writes: nothing quoted can be about it."""
        if not query.is_english:
            return False
        spelled = self.retriever.spelled_names(query)
        regions = {romanised(r) for r in self.retriever.store.regions}
        return any(m.group(1).lower() not in spelled and m.group(1).lower() not in regions
                   for m in _DISTRICT_EN.finditer(query.text))

    def _says_names(self, query: Query, text: str) -> bool:
        """The text says every romanised name of an English question that the reports write
        (Qianhai as 前海)."""
        said = normalize(text)
        return all(any(w in said for w in words) for words in self.retriever.spelled_names(query).values())

    def _known_share(self, query: Query, hits: list[Hit], english: bool, quoted: list[str]) -> tuple[float, bool]:
        """Share of the question's topic that the evidence speaks of at all, and whether an English
        question's only words the reports know name a place.

        Chinese: weight of question terms in the index vocabulary. English: the glossary entries
        the question mentions, each present when one of its Chinese terms stands in a retrieved
        passage; an absent entry weighs as much as the rarest word. `english`: the passages are an
        English translation's, so a glossary entry's English words in them count too.
        """
        question = query.text
        bm25 = self.retriever.store.bm25
        raw = " ".join(f"{h.section} {h.text}" for h in hits)  # an English translation's words as written
        if not query.is_english:
            # The nouns of a Chinese question name its topic; each one the index lacks weighs
            # as much as the rarest word. Over an English translation, a noun the glossary renders
            # in words the passages use (国内生产总值 → GDP) is known.
            rarest = bm25.idf("\x00")
            known = total = 0.0
            for word in _topic_words(question):
                w = bm25.idf(word) if word in bm25.vocab else rarest
                total += w
                known += w if word in bm25.vocab or _all_parts_known(word, bm25.vocab) or (
                    english and (word in query.places or said_in_english(word, raw))) else 0.0
            for term in query.expansion:
                total += rarest
                known += rarest if normalize(term) in normalize(" ".join(h.text for h in hits)) or (
                    english and said_in_english(term, raw)) else 0.0
            return (known / total if total else 1.0), False
        passages = normalize(" ".join(h.section + h.text for h in hits))
        rarest = bm25.idf("\x00")
        known = total = 0.0
        # Entries read from the same words are readings of one word, known when one of them is
        # ("highway": 公路 beside 高速公路).
        readings: list[tuple[tuple[int, int] | None, float | None]] = []  # (span asked, weight when known)
        for pattern, group in query.glossed:
            toks = [t for term in group for t in tokens(term)]
            if not toks or all(term in _GENERIC for term in group):
                continue  # "target", "expected": what kind of answer, not what about
            said = pattern.search(question)
            present = any(normalize(term) in passages or _contracted(normalize(term), passages) for term in group) \
                or pattern.search(raw)
            readings.append((said.span() if said else None, max(bm25.idf(t) for t in toks) if present else None))
        for n, (span, w) in enumerate(readings):
            alike = [v for m, (other, v) in enumerate(readings)
                     if m != n and span and other and other[0] < span[1] and span[0] < other[1]]
            if w is None and any(v is not None for v in alike):
                continue  # another reading of the same words is known: it weighs for both
            if w is not None:
                known += w
            total += w if w is not None else rarest
        if total == 0:
            # No report term at all: the English words themselves must be known to the index
            # (names romanised in it, Latin words it holds), else it is not about the reports.
            places = {romanised(p) for p in query.places}
            words = [t for t in tokens(question) if t.isascii() and t.isalpha() and len(t) >= 3]
            # A question that is not even a sentence (no English function word) and names nothing
            # the reports know is not about them: "asdf jkl qwerty".
            # Off-topic when nothing in it is known to the index and it is either not a sentence
            # ("asdf jkl") or names things the reports never mention ("Who won the FIFA World Cup?").
            known_word = any(w in bm25.vocab or w in places for w in words)
            sentence = any(t in resources.stopwords() for t in re.findall(r"[a-z']+", question.lower()))
            # (the English names of the places named are no strangers: China, the State Council)
            english_names = [e for p in resources.places() if (p.name if p.level != "national" else "全国") in query.places
                             for e in p.english]
            # (of several words too: "the State Council's report")
            unnamed = re.sub("|".join(f"(?<![A-Za-z])(?:{e})(?![A-Za-z])" for e in english_names), " ", question,
                             flags=re.IGNORECASE) if english_names else question
            strangers = [n for n in re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][A-Za-z]+", unnamed)
                         if n.lower() not in bm25.vocab and n.lower() not in places]
            if words and not known_word and (not sentence or strangers) or not words and not query.places:
                return 0.0, False  # (no word at all, only codes: "r4:U021")
            # Only the place is known ("What is the weather in Beijing today?"): the passages must
            # then be closer in meaning than usual (the place alone makes any of its reports similar).
            # A word of it whose dictionary translation a quoted clause uses (typhoon → 台风) is known.
            topic = [w for w in words if w not in places and w not in _GENERIC]
            clauses = [normalize(q) for q in quoted]
            translated = any(t in c for c in clauses for t in self.retriever.translated_tokens(query))
            return 1.0, bool(places and topic and not translated and not any(w in bm25.vocab for w in topic))
        return (known / total if total else 1.0), False

    def ask(self, question: str | Query, *, k: int | None = None, source: str | list[str] | None = None,
            year: int | None = None, region: str | None = None, history: list[str] | None = None) -> Answer:
        """Answer a question from the indexed reports, citing the passages used.

        `history` holds the conversation's earlier questions, oldest first: a follow-up takes the
        place, year, kind or subject it leaves out from them (`Answer.context` says what).
        """
        self.retriever.refresh()
        if history and not isinstance(question, Query):
            resolved = resolve(check_question(question), [h for h in history if isinstance(h, str) and h.strip()],
                               self.retriever.store.regions)
            answer = self.ask(resolved.query, k=k, source=source, year=year, region=region)
            answer.question = resolved.asked
            if resolved.follows:
                answer.understood_as = resolved.text
                answer.context = resolved.carried
            return answer
        query = self.retriever.understand(question if isinstance(question, Query) else check_question(question))
        tabled = None if query.only_unindexed else self._tabled(query, source, year, region)
        if tabled is not None and not _one_of_two(query, tabled):
            return tabled
        split = parts(query)
        if split:
            # (each report or place named, "2019年和2025年政府工作报告…赤字率", may hold its figure in the table,
            # though the other's is only in its passages: 深圳与佛山…新增就业目标)
            answers: list[tuple[str, Answer]] = []
            for label, sub in split:
                if query.kind == "met" and sub.kind == "outcome" and answers and answers[0][1].found:
                    sub = self._with_words_of(sub, answers[0][1])  # (the outcome of the indicator the target quoted)
                answers.append((label, self._tabled(sub, source, year, region)
                                or self.explain(sub, k=k, source=source, year=year, region=region)[0]))
            if any(a.found for _, a in answers):
                return combine(query, answers)
        answer, _ = self.explain(query, k=k, source=source, year=year, region=region)
        if not answer.found and (source or year or region):
            self.retriever.check_filters(source, year, region)
            answer.text = self._filtered_refusal(query, answer.text, source, year, region)
        return answer

    def _with_words_of(self, query: Query, target: Answer) -> Query:
        """A "was it met" question's outcome part, searching also by the words the target's figure clause
        names its indicator in ("Zhanjiang wanted its port to handle 300 million tonnes…": 港口吞吐量达到3亿吨 →
        港口, 吞吐量), not its figure or the words of aiming (力争, 目标, 达到)."""
        store = self.retriever.store
        # (the clauses holding the target's figure, not the plan's words around it: 深入实施…计划，…，力争高新技术企业
        # 总量突破230家)
        quoted = " ".join(_FIGURE.sub(" ", part) for c in target.citations for part in re.split(r"[，,；;。]", c.quote)
                          if _FIGURE.search(part))
        words = [t for t in dict.fromkeys(tokens(quoted)) if len(t) >= 2 and CJK_CHAR.match(t) and store.knows(t)
                 and t not in query.tokens and t not in _GENERIC and t not in _QUESTION_WORDS and not _AIMING.search(t)]
        return replace(query, tokens=query.tokens + words, dense_text=f"{query.dense_text} {' '.join(words)}") \
            if words else query

    def _unindexed_report(self, query: Query) -> str | None:
        """The refusal naming the report asked ("Zhanjiang's 2017 report") when no report of that year
        (of the place named) is indexed; None when one is, or when the place has no report at all."""
        if query.report_year is None or len(query.places) > 1:
            return None
        store = self.retriever.store
        rows = store.region_mask(query.places) if query.places else np.ones(len(store.report_year), dtype=bool)
        indexed = sorted({int(y) for y in store.report_year[rows] if y})
        if not indexed or query.report_year in indexed:
            return None
        return unindexed_report(query.is_english, query.report_year, query.places[0] if query.places else None, indexed)

    def _tabled(self, query: Query, source, year, region) -> Answer | None:
        """The answer the targets table gives, if any."""
        if self.retriever.spelled_names(query):
            return None  # (a thing named in pinyin, "Shenzhen's Qianhai": the table holds the city's figures, not its)
        return TableAnswerer(self.retriever.store, self._several()).answer(query, source=source, year=year, region=region)

    def _filtered_refusal(self, query: Query, text: str, source, year, region) -> str:
        """A refusal under a filter names it, and says whether the other reports answer."""
        named = ", ".join(f"{k}={v}" for k, v in (("source", source), ("year", year), ("region", region)) if v)
        elsewhere, _ = self.explain(query)
        if query.is_english:
            tail = (f" Without it, {report_label(elsewhere.citations[0], True)} answers it." if elsewhere.found
                    else " The other indexed reports do not answer it either.")
            return f"The reports under the filter {named} do not answer this question.{tail}"
        tail = (f"去掉筛选后，{report_label(elsewhere.citations[0], False)}有答案。" if elsewhere.found
                else "其他已索引的报告也没有答案。")
        return f"在筛选条件（{named}）下的报告中没有找到答案；{tail}"

    def explain(self, question: str | Query, *, k: int | None = None, source: str | list[str] | None = None,
                year: int | None = None, region: str | None = None) -> tuple[Answer, Evidence | None]:
        """The answer and the evidence that decided it."""
        if not isinstance(question, Query):
            question = check_question(question)
        self.retriever.refresh()
        query = self.retriever.understand(question)
        question = query.text
        q = self.retriever.embed_question(query)
        k = k or (EN_CANDIDATE_HITS if query.is_english else CANDIDATE_HITS)
        # "In what year…?": the clause naming the date may stand in a passage less like the question.
        hits = self.retriever.search(query, 2 * k if query.asks_when else k, source=source, year=year,
                                     region=region, query_vector=q)
        if not hits:
            # Nothing about the place or year asked: the closest passages elsewhere are still shown, and a
            # report named that is not indexed is said to be missing.
            if source or year or region:
                return Answer(query.words, not_found(query.is_english), False, related=[]), None
            related = self.retriever.search(query, 3, query_vector=q, route=False)
            refusal = self._unindexed_report(query) or not_found(query.is_english)
            return Answer(query.words, refusal, False, related=related), None
        if query.only_unindexed:
            # "Hainan's 2022 government work report": no indexed report is Hainan's, whatever a clause of
            # another says of Hainan
            return Answer(query.words, unindexed_place(query.is_english, query.unindexed_reports[0]), False,
                          related=hits[:3]), None
        if _DAY_FROM_NOW.search(question):
            # "明天深圳的天气怎么样？": a day counted from now; a yearly report speaks of none
            return Answer(query.words, not_found(query.is_english), False, related=hits[:3]), None
        if query.kind != "met":
            targets = self.whole.main_targets(query)
            if targets is not None:
                return targets, None
            tasks = self.whole.tasks(query)
            if tasks is not None:
                return tasks, None
        if query.wants_speaker or query.wants_meeting:
            spoken = self.whole.lines(query, source, year, region)
            if spoken is not None:
                return spoken, None
        if query.wants_list and query.kind != "definition":
            listed = self.whole.heading_list(query)  # 十件民生实事 as a heading over its ten items
            if listed is not None:
                return listed, None
        if query.kind == "definition" or query.wants_list or query.is_english and _WRITTEN_TERM.search(question):
            unscoped = not (source or year or region or query.places or query.years or query.report_year)
            termed = self._term_answer(query, hits, unscoped)
            if termed is not None:
                return termed, None
        weights = self._weights(query)
        # the indicators of the targets vocabulary the question names ("Which trade fairs did it host to
        # shore up foreign trade?" asks things by name: the indicator it names is not what it asks)
        asked = [] if names_things(query) else named_indicators(query)
        # "What is Guangzhou's unemployment rate target?": an indicator's target or outcome is a figure
        # (a Chinese question asking one says 多少)
        wants_number = query.wants_number or query.is_english and bool(asked) and query.kind in ("plan", "outcome", "met") \
            and not _SAYS_ABOUT.search(question)  # "what did it say about the deficit?" is open
        # "…, in μg/m³?": an English question asking a figure only by its unit wants a figure in it (one
        # asking an indicator's figure takes it in the report's unit: hectares asked, 亩 written)
        unit = _unit_figure(query)
        by_unit = query.is_english and not wants_number and unit is not None
        wants_number = wants_number or by_unit
        wants_figure = wants_number or bool(_QUANTITY_Q.search(question))
        # (an English question's content words and the Chinese words given for them, read once)
        words = _asked(query, self.retriever.spelled_names(query)) if query.is_english else (set(), {})
        chosen, covered = self._choose(query, hits, q, weights, wants_figure, asked, words)
        first = chosen[0] if chosen else None
        english = _english_passages(hits)  # an English translation's: units are words, the words differ
        quoted = [c.text for c in chosen]
        # (what the question's words are known by: the passages of the first KNOWN_HITS and those quoted,
        # however many more a clause is chosen from: looking through more does not make a topic known)
        first_hits = hits[:KNOWN_HITS]
        first_ids = {h.chunk_id for h in first_hits}
        quoted_hits = {c.hit.chunk_id: c.hit for c in chosen if c.hit.chunk_id not in first_ids}
        known_share, place_only = self._known_share(query, first_hits + list(quoted_hits.values()), english, quoted)
        total = sum(weights.values()) or 1.0
        cited_text = " ".join(c.hit.text for c in chosen)
        years = set(query.years)
        places = set(query.places) | set(query.unknown_places)
        # the clauses that hold the figure asked for (else the first): what it is about must be said there
        figure_clauses = [c.text for c in chosen if wants_figure and _FIGURE.search(c.text)]
        figure_clause = figure_clauses[0] if figure_clauses else chosen[0].text if chosen else ""
        unset = _sets_no_target(query, asked, quoted)
        if unset:
            known_share = 1.0  # (the clause names the indicator asked in words of its own: 经济增速)
        spelled = tuple(w for words in self.retriever.spelled_names(query).values() for w in words)  # (前海 for Qianhai)
        evidence = Evidence(
            coverage=covered / total,
            best_sim=first.sim if first else 0.0,
            known_share=known_share,
            said_share=_said_share(query, first, *words) if query.is_english and first else 0.0,
            place_only=place_only,
            top_dense=max((h.dense_score or 0.0) for h in hits),
            wants_number=wants_number,
            # (an English translation's units are words: 多少人 is answered by "12 million new urban jobs")
            has_number=any(_FIGURE.search(t) for t in quoted) and (english or _has_unit(query.text, quoted))
            and (not by_unit or any(unit.search(t) for t in quoted)) or unset,
            year_mismatch=bool(years) and not any(
                any(f in cited_text for f in year_forms(y)) or _about(c.hit, y)
                or c.hit.year is not None and y == c.hit.year + 1 and _NEXT_YEAR.search(c.text)  # (今明两年, 明年)
                for y in years for c in chosen),
            # A place no indexed report is about must be named by a quoted clause itself (a passage
            # naming 北京大兴临空经济区 elsewhere does not make its clauses about Beijing).
            place_mismatch=bool(places) and not any(
                p in (c.text if p in query.unknown_places else cited_text) or p == (c.hit.region or "")
                for p in places for c in chosen)
            # (a district of an indexed city, 深圳南山区: the city's report speaks of it only where it names it)
            or bool(query.places) and bool(chosen) and any(p not in figure_clause
                                                           for p in query.unknown_places if p.endswith("区"))
            or _unsaid_abroad(query, [c.text for c in chosen])
            or _unsaid_city(query, [_sentence_before(c) for c in chosen])  # (武汉和湖北…，…，调派4万多名医护人员驰援)
            or self._unwritten_district(query),
            # (a plan saying it sets no target for the indicator asked answers without its figure)
            indicator_mismatch=not unset and bool(
                _misses_qualifier(asked, quoted)
                or not WHY_ASKED.search(question) and _misses_growth(query, asked, quoted)  # (why is no figure)
                or (not english and (_misses_indicator(query, asked, quoted, wants_number) or _misses_head(query, quoted)
                                     or _misses_measure(query, quoted)))
                or _only_in_rates(query, asked, quoted)
                # (each figure clause may say its own: "how many, including the Xuwen wind farm, broke
                # ground, and how many, including the Leizhou plant, were completed?")
                or bool(chosen) and not self._says_names(query, " ".join(
                    _sentence_before(c) for c in chosen if c.text in (figure_clauses or [figure_clause])))
                or _misses_when(query, quoted) or wants_number and _misses_level(query, asked, quoted)
                or _misses_part_of_year(query, quoted) or _misses_average(query, quoted)
                or _misses_residents(query, quoted) or _misses_count(query, quoted) or _misses_direction(query, quoted)
                or _part_only(query, asked, quoted, spelled) or _only_in_a_share(query, asked, quoted)
                or _reviewed_only(query, [c for c in chosen if c.text in figure_clauses])),
            cross=not query.is_english and english,
        )
        if not chosen or not self.found(evidence, question):
            return Answer(query.words, not_found(query.is_english), False, related=hits[:3]), evidence
        entry = self._whole_entry(query, chosen[0]) or self._with_meanings(query, chosen[0])
        if entry is not None:
            return entry, evidence
        keep_clause = {id(c) for c in chosen if wants_figure and _FIGURE.search(c.text)}
        return self._compose(query, chosen, keep_clause), evidence

    def _choose(self, query: Query, hits: list[Hit], q: np.ndarray, weights: dict[str, float],
                wants_figure: bool, asked: list[Indicator],
                words: tuple[set[str], dict[str, set[str]]]) -> tuple[list[Clause], float]:
        """The clauses an answer quotes (at most MAX_CLAUSES) and the topic weight they cover
        (`words`: an English question's content words and their renderings, from `_asked`).

        A clause scores by its cosine to the question, the question terms it adds, a figure when
        one is asked for (not a share of GDP unless a share is asked for), and its passage's rank;
        a further clause must add a part of the question and be nearly as close to it.
        """
        total = sum(weights.values()) or 1.0
        asks_share = bool(_ASKS_SHARE.search(query.text))
        asks_unbuilt = bool(_UNBUILT_ASKED.search(query.text))
        unit = _unit_figure(query)
        met = asks_met(query.text)  # (also in the parts a "was it met" question is split into)
        unaimed = wants_figure and query.kind is None and not query.years and query.span is None
        # one year's outcome asked: not a term's yearly average beside it (城镇新增就业年均1270多万人)
        one_year = query.kind == "outcome" and len(set(query.years)) == 1 and not AVERAGE.search(query.text) \
            and not _EACH_YEAR.search(query.text)
        # (a term's review asked: “十三五”时期 named before the report's year, or 五年间: not the last year's figure)
        term_asked = query.kind != "plan" and not one_year and (
            bool(query.span) and query.span[0] < query.span[1] < (query.report_year or 0)
            or bool(_TERM_ASKED.search(query.text)))
        unset_asked = asked if query.kind == "plan" else []  # (also "did it set a target?")
        head = _asked_head(query) if wants_figure else None
        which = _which_head(query)
        ordinals = _ordinals(query.text)
        name_asked = bool(_NAME_ASKED.search(query.text))
        # (the 45th WorldSkills Competition asked: not what the 47th brought)
        candidates = [c for h in hits for c in clauses(self.retriever.store, h, q)
                      if not (ordinals and _SESSION.search(c.text) and not any(o in c.text for o in ordinals))]
        best_hit = hits[0].score or 1.0
        # Read once per clause: a plan saying it sets no target for the indicator asked; the indicator
        # or measure asked (赤字率) named, not another's figure (赤字规模); the amount asked named only as
        # what a share is of (GDP asked, 占地区生产总值比重).
        unset = {id(c) for c in candidates if unset_asked and _sets_no_target(query, unset_asked, [c.text])}
        own = asked if wants_figure and not query.is_english else []
        naming_asked = {id(c) for c in candidates if own and _names_itself(own, c.text) or head and head in c.text}
        share_only = {id(c) for c in candidates if own and _only_in_a_share(query, own, [c.text])}
        # (a part's: 县域生产总值, 廉江市生产总值 when the city's is asked)
        whole = _whole_asked(query, [f for ind in asked for f in ind.forms] or [
            t for _, group in query.glossed for t in group]) if wants_figure else []
        part_only = {id(c) for c in candidates if whole and _only_of_a_part(whole, c)}
        # a figure, not a group's name (十大工程); in the unit asked
        # (a year is a date, not a figure: 到2021年底建成服务站 gives no count, unless "when" is asked)
        any_figure = {id(c) for c in candidates if wants_figure and _FIGURE.search(
            _GROUP_NAME.sub("", c.text if query.asks_when else _YEAR_DATE.sub("", c.text)))}
        many = _figures_asked(query.text)
        first_unit = _first_unit(query, many)
        figured = {id(c) for c in candidates if id(c) in any_figure and (first_unit is None or first_unit.search(c.text))}

        naming = {id(c) for c in candidates if self._says_names(query, c.text)} if self.retriever.spelled_names(query) \
            else set()
        # "…in five short slogans. What are they?": a clause quoting five together (“A、B、C、D、E”)
        count = count_asked(query.text) if query.wants_list else None
        listing = {id(c) for c in candidates if count and count > 1 and enumerates(c.text, count)}
        # (three or more in a row without quotes, 集成电路、生物医药、人工智能, weigh less: a clause names several
        # things as often as it lists the ones asked; two so joined are too common)
        unquoted = {id(c) for c in candidates if count and count >= 3 and id(c) not in listing
                    and c.text.count("、") == count - 1}
        ranking = self._ranking_weights(query, weights)
        ranked_total = sum(ranking.values()) or 1.0
        asked_words, rendered = words
        # (per clause, the English question's words it says, and its share of them)
        said = {id(c): _said(c, asked_words, rendered) for c in candidates} if asked_words else {}
        meant = _meant(said, asked_words)
        for i in unset:  # (it says the indicator asked in words of its own, as terms_of reads it)
            meant[i] = max(meant.values(), default=0.0)

        unset_terms = {t for t in weights if any(t.lstrip("#") in f for ind in unset_asked for f in ind.forms)
                       or unset_asked and t in ("增长", "增速")}  # (经济增速: the growth asked)

        tails = _rate_tails(candidates)
        subjects = _subjects(candidates)
        # (a measure asked of a thing, 旅游总收入: the clauses saying it of that thing, or with no subject of
        # their own after a clause naming it)
        measure = _measure_asked(query)
        of_asked = {id(c) for c in candidates if measure and measure.group(2) in c.text and (
            measure.group(1) in c.text or id(c) in subjects and measure.group(1) in subjects[id(c)].text)}
        of_another = {id(c) for c in candidates if _of_another(measure, c.text)}

        def terms_of(c: Clause) -> frozenset[str]:
            """A clause's terms, with those of the rate said right after its amount (完成投资166.6亿元，
            增长61%); one saying no target is set for the indicator asked names it in words of its own
            (经济增速 for GDP), so the question's words for it count as said."""
            terms = c.terms | tails[id(c)].terms if id(c) in tails else c.terms
            if id(c) in subjects:
                terms = terms | subjects[id(c)].terms  # (总收入271亿元 after 旅游接待…: the tourism revenue)
            if unset_terms and id(c) in unset:
                return terms | unset_terms
            return terms

        def score(c: Clause, uncovered: set[str]) -> float:
            gain = sum(ranking[t] for t in terms_of(c) & uncovered) / ranked_total
            s = SEM_WEIGHT * max(0.0, (c.sim - SIM_FLOOR) / SIM_SPAN) + LEX_WEIGHT * gain
            s += SENSE_WEIGHT * meant.get(id(c), 0.0)
            if met and _COMPLETION.search(c.text):
                s += FIGURE_BONUS  # "did they meet the plan?": the clause that says how much was done
            if id(c) in unset:
                s += FIGURE_BONUS  # "the growth target?": the plan says it sets none
            if id(c) in naming_asked or which and which in c.text:
                s += FIGURE_BONUS / 2  # (是哪个片区？: the clause that names a 片区)
            if id(c) in of_asked:
                s += FIGURE_BONUS / 2  # (旅游总收入 asked: 旅游接待3300万人次…；总收入271亿元)
            elif id(c) in of_another:
                s -= FIGURE_BONUS  # (not 财政总收入, another thing's measure)
            if id(c) in share_only or id(c) in part_only or one_year and (AVERAGE.search(c.text) or _EACH_YEAR.search(c.text)
                                                                       or _of_a_term(c)) or term_asked and _of_one_year(c):
                s -= FIGURE_BONUS / 2  # (one year's outcome asked: not a review of the five, 城镇新增就业700万人)
            if query.asks_when and _DATE.search(c.text):
                s += FIGURE_BONUS  # "in what year will they be held?": the clause that names it
            if id(c) in figured:
                s += FIGURE_BONUS  # (in the unit asked: "how many kilometres" is not "9个项目")
                if not asks_share and _SHARE.search(c.text):
                    s -= FIGURE_BONUS  # "占地区生产总值比重6.46%" is a share, not the GDP asked for
                elif not asks_unbuilt and _UNBUILT.search(c.text):
                    s -= FIGURE_BONUS  # "在建里程278.2公里" is what is being built, not the network asked for
            if id(c) in naming:
                s += FIGURE_BONUS  # "Tianfu International Airport": a clause that names it
            if id(c) in listing:
                s += 2 * FIGURE_BONUS  # as many items as asked: the list itself
            elif id(c) in unquoted:
                s += FIGURE_BONUS
            elif query.wants_list and count is None and HEADING_L1.sub("", c.text).count("、") >= 2:
                s += FIGURE_BONUS / 2  # (things asked, no count: a clause naming several, A、B、C等新兴产业)
            if unaimed and c.hit.kind == "outcome":
                s += FIGURE_BONUS / 2  # a figure asked with no aim or year named: the latest reached
            elif query.kind == "plan" and c.hit.kind == "outcome":
                s -= FIGURE_BONUS / 2  # a target asked: what a review says was reached is not it
            elif query.kind == "outcome" and query.years and c.hit.kind not in ("outcome", "glossary") \
                    and not any(_about(c.hit, y) for y in query.years):
                s -= FIGURE_BONUS  # what was done in 2024: not the next year's work beside its review
            elif query.kind == "outcome" and not query.years and c.hit.kind == "plan":
                s -= FIGURE_BONUS / 2  # "how many were built?": what was done, not what the year's plan sets
            s += PRIOR_WEIGHT * c.hit.score / best_hit  # passage-level evidence (dense + BM25)
            return s / (1 + max(0, len(c.text) - 30) / LENGTH_SCALE)  # prefer short clauses

        def nearly(best: Clause, pool: list[Clause]) -> Clause | None:
            """The closest clause of `pool`, when it scores at least FIGURE_NEAR of `best`."""
            alt = max(pool, key=lambda c: score(c, uncovered), default=None)
            return alt if alt is not None and score(alt, uncovered) >= FIGURE_NEAR * score(best, uncovered) else None

        chosen: list[Clause] = []
        uncovered = set(weights)
        covered = 0.0
        # "How many people were affected, and how big were the losses?": two figures asked, so clauses
        # with a figure and words of the question the ones chosen leave out are quoted until two are
        # (each in its own unit: "how many housing units…, and how many households…?")
        second = any_figure if many >= 2 else set()
        while candidates and len(chosen) < MAX_CLAUSES:
            owed = bool(chosen) and sum(id(c) in second for c in chosen) < many  # figures asked, not yet quoted
            # (a word of the question, not the year it names: 2020年是…关键一年 holds no figure asked; and not
            # only English words a chosen clause says already in other report words: 改造危旧桥梁 after
            # 港珠澳大桥车流量增长90% says only "bridge")
            done = {w for d in chosen for w in said.get(id(d), ())}
            pool = [c for c in candidates if id(c) in second and any(not t.isdigit() for t in terms_of(c) & uncovered)
                    and not (said.get(id(c)) and said[id(c)] <= done)] if owed else []
            # (figure clauses and the chosen one each stands beside)
            beside = [(c, d) for c in candidates if id(c) in second for d in chosen if _beside(c, d)] if owed else []
            # (the second figure asked is said in the first one's sentence: beside it, 项目累计539个，总投资额601.8亿元;
            # or further on, 先进制造业增加值占规上工业比重达58.2%，…，数字经济核心产业增加值突破900亿元: the best of those)
            near = [c for c in pool if any(_same_sentence(c, d) for d in chosen)]
            if not near:
                # (…开工建设…等28项电网重点工程，推动…等26项电网重点工程投产: beside the first and of the same thing)
                # (or it says a word of an English question the chosen ones do not: 新增充电桩13.4万个，累计建成
                # 超充站1030座, "…and how many stations had it built in total?")
                unsaid = asked_words - {w for d in chosen for w in said.get(id(d), ())}
                # (not what the chosen one's amount did against its plan, 一般公共预算收入122亿元，完成年度预算的
                # 103.8%: that is the first figure's, quoted with it)
                near = [c for c, d in beside if tails.get(id(d)) is not c and (
                    terms_of(c) & terms_of(d) & set(weights) or said.get(id(c), set()) & unsaid)]
            if not near and not pool:
                # (no other clause says a word of the question: the figure said right after the first, in its
                # sentence: 新增充电桩13.4万个，累计建成超充站1030座)
                near = [c for c, d in beside if c.start > d.start]
            pool = near or pool
            forced = max(pool, key=lambda c: score(c, uncovered)) if pool else None
            best = forced or max(candidates, key=lambda c: score(c, uncovered))
            if not chosen and figured and id(best) not in figured:
                # a figure asked: the closest clause that holds one, when it scores nearly as well
                # (…项目首套装置投产 before 投资100亿欧元的…项目做出最终投资决策)
                alt = nearly(best, [c for c in candidates if id(c) in figured])
                if alt is not None and (terms_of(alt) >= terms_of(best) & uncovered  # (saying all the other says)
                                        or best.hit.kind == "glossary"  # (a term's definition holds no figure)
                                        or many >= 2):  # (two figures asked: a clause holding none answers neither)
                    best = alt
            if not chosen and name_asked and not _QUOTED_ZH.search(best.text):
                # "What was the name of the typhoon…?": the closest clause quoting a name (“彩虹”) and
                # saying a word of the question, when it scores nearly as well
                best = nearly(best, [c for c in candidates if _QUOTED_ZH.search(c.text) and terms_of(c) & uncovered]) \
                    or best
            gain = sum(weights[t] for t in terms_of(best) & uncovered)
            if chosen and not forced and (gain / total < MORE_MIN_GAIN or best.sim < chosen[0].sim - MORE_MAX_SIM_DROP
                           or id(chosen[0]) in unset):
                break
            chosen.append(best)
            covered += gain
            uncovered -= terms_of(best)
            candidates.remove(best)
        chosen = _with_tails(chosen, tails, subjects)
        # "…资金多少？实施了多少个帮扶项目？", "…年均增长多少？": the clause right after a chosen one that
        # holds the figure in the unit asked and more of the question (帮扶资金1.58亿元，实施帮扶项目33个),
        # or the rate of the amount just quoted (增加到3279.31亿元，年均增长5.3%; not 进出口总额…增长9.8%)
        growth = unit is None and bool(_GROWTH_ASKED.search(query.text))
        follow = unit or (_PERCENT if growth else _FIGURE if wants_figure else None)
        crossed = {"plan": "outcome", "outcome": "plan"}.get(query.kind or "")  # (a target asked: not a review's)
        # (a figure the question says is not its answer: "Of the 116 tasks…, how many were completed?" →
        # 116项工作，有109项按期完成)
        stated = set(re.findall(r"\d+(?:\.\d+)?", query.text))
        if follow is not None and chosen and not any(_new_figure(follow, c.text, stated) for c in chosen):
            # (a count asked: the first clause's figure said right after it, in its sentence: 推进“广东技工”等重点培训，
            # 年度培训3.5万人)
            chosen += [d for c in list(chosen) for d in candidates if d.hit.chunk_id == c.hit.chunk_id and d.hit.kind != crossed
                       and 0 <= d.start - c.end <= 2 and follow.search(d.text)
                       and (_RATE_LEAD.match(d.text) if growth else terms_of(d) & uncovered
                            or follow in (_FIGURE, _COUNT) and c is chosen[0] and _beside(c, d))][:1]
        # (a count asked too, when the clauses chosen hold no figure at all: 面对…特大洪水，…，及时转移155万危险区域群众)
        if unit is not None and (unit is not _COUNT or not any(_new_figure(_FIGURE, c.text, stated) for c in chosen)) \
                and chosen and not any(_new_figure(unit, c.text, stated) for c in chosen):
            # (a unit asked, "how many kilometres…": a later clause of the first one's sentence in that unit
            # saying a word of the question: 实施休闲骑行道建设三年行动计划，加快建设…等骑行道，新增骑行道230公里以上)
            chosen += [d for d in candidates if _later_in_sentence(chosen[0], d) and unit.search(d.text)
                       and terms_of(d) & set(weights)][:1]
        if asks_share and wants_figure and chosen and not any(_says_share(c) for c in chosen):
            # a share asked, "R&D spending as a share of GDP": the share said further on in a chosen clause's
            # sentence (全社会研发投入2236.6亿元、增长18.9%，…，占地区生产总值比重提升至6.46%)
            share = [d for c in list(chosen) for d in candidates
                     if _later_in_sentence(c, d) and _says_share(d) and d.hit.kind != crossed][:1]
            if share:  # (in place of a clause holding no figure, chosen for the words of what the share is of)
                chosen = [c for i, c in enumerate(chosen) if i == 0 or _FIGURE.search(c.text)] + share
        elif asks_share and wants_figure and len(chosen) > 1:
            chosen = _share_of_its_thing(chosen, candidates, set(weights), crossed)
        named = _which_named(query, rendered)
        if named and chosen and not any(t in c.text for c in chosen for t in named):
            # "Which youth hotline will be upgraded, and how many … events?": the clause of a chosen one's
            # passage that names one (线上升级建设12355热线 before 开展心理健康宣教活动超2600场次)
            chosen += sorted((d for d in candidates if any(d.hit.chunk_id == c.hit.chunk_id for c in chosen)
                              and any(t in d.text for t in named)), key=lambda d: -score(d, uncovered))[:1]
        if RANK_ASKED.search(query.text):
            # "…and its world ranking?": the clause right after a chosen one that says where it ranks
            # (吞吐量分别达到420.6万吨、1.25亿人次，排名分别升至世界第二、世界第三)
            chosen += [d for c in list(chosen) for d in candidates
                       if d.hit.chunk_id == c.hit.chunk_id and 0 <= d.start - c.end <= 2 and RANK_SAID.search(d.text)][:1]
        return chosen, covered

    def _several(self) -> bool:
        return self.whole.several()

    def _term_answer(self, query: Query, hits: list[Hit], unscoped: bool = False) -> Answer | None:
        """A definition or list answered by the words after the term (a glossary entry first).
        A glossary entry is looked for in the reports of the best three passages, or in every
        report when the question and the filters name none (零基预算是什么？)."""
        store = self.retriever.store
        top = {h.source for h in hits[:3]}
        # the reports of the places the question names, whichever year's passages ranked best
        named = {s for s, info in store.sources().items() if info.region and info.region in query.places
                 and query.report_year in (None, info.year)}
        # (a five-year plan quoted in a list question says which years: 湛江“十三五”的主要目标任务有哪几个方面？)
        groups = [[t] for t in key_terms(query.text) if query.kind == "definition" or t not in FIVE_YEAR_PLANS]
        if query.is_english:
            glossaries = [g.text for g in self.retriever.term_hits(named, "", glossary_only=True, limit=400)]
            asks_term = query.kind == "definition" or query.wants_list
            coined = coined_terms(glossaries + [h.text for h in hits]) if asks_term else set()
            # ("the 'three centres and one base'": counts of two nouns whose items a passage of the reports named
            # sets out, 西部经济中心、…、全国先进制造业基地, wherever it ranks)
            pairs = enumerated_terms(query.text, (c.text for c in store.chunks if c.source in named), pairs=True) \
                if named else []
            groups += [pairs] if pairs else []
            if asks_term:
                # "the 'Double High Plan'": the term the reports coin whose characters say it (双高计划)
                groups += [rendered_in(quoted_names(query.text), coined)]
            # the counted term in the forms the reports write it (5条高铁, 五条高铁：指…), in the passages
            # found or in the named places' glossaries, tried together: "five high-speed rail lines"
            forms = english_counted_terms(query.text, [h.text for h in hits] + glossaries)
            groups += [forms] if forms else []
            if asks_term:
                # "What does 'zombie enterprises' mean?", "Which counties make up its 'county new towns'?":
                # the glossary entries whose head holds the report words of the quoted term (僵尸企业：…)
                groups += [self._glossary_heads(query, top | named)]
                spelled = spelled_terms(query.text)
                if spelled:  # "the 'two lacks' (liang bu ju bei) villages": the term the reports write so (两不具备)
                    # (coined anywhere in the reports named, not only in the passages found)
                    quoting = self.retriever.term_hits(named, "“", glossary_only=False, limit=2000) if named else []
                    groups.insert(0, spelled_in(spelled, coined | coined_terms([h.text for h in quoting])))
        if query.is_english and query.kind == "definition":  # ("what is LNG explained as?": the entry of LNG)
            groups += [[a] for a in dict.fromkeys(_ACRONYM.findall(query.text))]
        head = head_term(query.text)
        everywhere = set(store.source_names) if unscoped else top
        seen = {h.chunk_id for h in hits}
        # "What do 'blue network' and 'green network' refer to?": each term quoted is defined (terms
        # quoted side by side or joined by and, not one qualifying the other: “一四五”工作法的“四大要素”)
        asked = max((m.group().count("“") if not query.is_english else len(quoted_names(m.group()))
                     for m in (_JOINED_EN if query.is_english else _JOINED_ZH).finditer(query.text)), default=0) \
            if query.kind == "definition" else 0
        picks: dict[str, tuple[str, Hit, tuple[int, int], str]] = {}

        def rank(f: tuple[str, Hit, tuple[int, int], str]) -> tuple:
            # A glossary entry first, then items before the term (壮大A、B、C五大集群), then a term
            # that announces what follows (办好十件民生实事。一是…), then a counted list whose items
            # are marked (一是…十是) as often as it counts, then the passage listing the most items
            # (A、B、C), then the better ranked.
            return (f[1].kind != "glossary",
                    normalize(f[3]).lstrip(_OPENING_MARKS).startswith(normalize(f[0]).lstrip(_OPENING_MARKS)),
                    not announces(f[3], f[0]), not (count_of(f[0]) and item_marks(f[3]) >= count_of(f[0])),
                    -min(f[3].count("、"), 12), f[1].rank)

        for group in groups:
            found = []
            for term in group:
                counted = bool(count_of(term) or counted_heads(term))
                # (a year named: every report of the place is looked through, not the first eight passages)
                elsewhere = [g for g in self.retriever.term_hits(top | named if counted else everywhere, term,
                                                                 glossary_only=not counted, limit=40 if query.years else 8)
                             if g.chunk_id not in seen and query.report_year in (None, g.year)
                             and (not query.years or g.kind == "glossary" or any(_about(g, y) for y in query.years))]
                for hit in [*hits, *elsewhere]:
                    if counted or hit.kind == "glossary":
                        # a list announced at a passage's end goes on in the next; so does a glossary entry
                        # longer than a passage (百千万工程：…旨在…；…壮大县域综合实力…)
                        hit = self.retriever.run_on(hit, LIST_CAP)
                    span = term_span(hit, term)
                    if span is not None and term == head and not introduces(hit.text[span[0] - hit.start:], term):
                        continue
                    if span is not None and span[1] - span[0] > len(term) + 4:
                        found.append((term, hit, span, hit.text[span[0] - hit.start : span[1] - hit.start]))
            if not found:
                continue
            found = _of_years(found, query.years)
            if asked < 2:
                term, hit, span, quote = min(found, key=rank)
                if EACH_MEANT.search(query.text):
                    # (what each item means asked too: the sentences after the list that take its items up)
                    hit, span, quote = self._items_taken_up(hit, span, quote) or (hit, span, quote)
                return self._quoted(query, hit, span, quote)
            for f in sorted(found, key=rank):
                if len(picks) < asked:
                    picks.setdefault(f[0], f)
            if len(picks) >= asked:
                break
        return self._quoted_each(query, list(picks.values())) if picks else None

    def _quoted_each(self, query: Query, picks: list[tuple[str, Hit, tuple[int, int], str]]) -> Answer:
        """An answer quoting each term's span (one quote where they overlap in a passage, 蓝网…，绿网…)."""
        by_chunk: dict[str, tuple[Hit, list[tuple[int, int]]]] = {}
        for _, hit, span, _ in sorted(picks, key=lambda f: (f[1].rank, f[2])):
            by_chunk.setdefault(hit.chunk_id, (hit, []))[1].append(span)
        quoted = [(hit, _merged(spans)) for hit, spans in by_chunk.values()]
        if len(quoted) == 1 and len(quoted[0][1]) == 1:
            hit, [(start, end)] = quoted[0]
            return self._quoted(query, hit, (start, end), hit.text[start - hit.start : end - hit.start])
        return self._cited(query, quoted)

    def _quoted(self, query: Query, hit: Hit, span: tuple[int, int], quote: str) -> Answer:
        """An answer quoting one span of one passage (an English one names the items the glossary knows)."""
        citation = Citation(**asdict(hit), n=1, quote=quote, quote_start=span[0], quote_end=span[1])
        names = english_names(quote) if query.is_english else []
        tail = f" — {', '.join(f'{name} ({word})' for word, name in names)}." if names else ""
        return finish(query, [citation], f"{quote}[1]{_end_mark(quote)}{tail}", self._several())

    def _whole_entry(self, query: Query, clause: Clause) -> Answer | None:
        """A definition (or a list) asked and the closest clause a glossary entry's: the whole entry (多评合一：指…
        7项评估由串联方式调整为并联方式进行…), not the clauses of it that share the question's words."""
        if query.kind != "definition" and not query.wants_list or clause.hit.kind != "glossary":
            return None  # (a list asked: the entry's items, 包括A行动、B行动…, not its opening clause)
        hit = self.retriever.run_on(clause.hit, LIST_CAP)  # (an entry longer than a passage, whole)
        at = clause.start - hit.start
        head = _ENTRY_HEAD.match(hit.text[hit.text.rfind("\n", 0, at) + 1 :])
        span = term_span(hit, head.group(1)) if head else None
        if span is None:
            return None
        return self._quoted(query, hit, span, hit.text[span[0] - hit.start : span[1] - hit.start])

    def _with_meanings(self, query: Query, clause: Clause) -> Answer | None:
        """A list asked with what each of its items means, and the closest clause's sentence sets the items
        out in one run: the sentence through the sentences after it that take the items up (`elaborated`)."""
        if not (query.wants_list or query.kind == "definition") or not EACH_MEANT.search(query.text):
            return None
        text, at = clause.hit.text, clause.start - clause.hit.start
        start = max(text.rfind(mark, 0, at) for mark in "。！？；\n") + 1
        stop = re.search(r"[。！？；\n]", text[at:])
        end = at + stop.start() if stop else len(text)  # (the clause's sentence sets the items out)
        taken = self._items_taken_up(clause.hit, (clause.hit.start + start, clause.hit.start + end), text[start:end])
        return self._quoted(query, *taken) if taken else None

    def _items_taken_up(self, hit: Hit, span: tuple[int, int], items: str) -> tuple[Hit, tuple[int, int], str] | None:
        """A quote of a passage's span (report offsets) that sets items out (`items`), run on through the
        sentences after it that take each item up (`elaborated`): the passage run on, the span and the
        quote; None when the sentences after it take up fewer than all of them."""
        longer = self.retriever.run_on(hit, span[1] - hit.start + LIST_CAP)
        end = longer.start + elaborated(longer.text, span[1] - longer.start, items, LIST_CAP)
        if end <= span[1]:
            return None
        quote = longer.text[span[0] - longer.start : end - longer.start].rstrip("。；;，, \n")
        return longer, (span[0], span[0] + len(quote)), quote

    def _glossary_heads(self, query: Query, sources: set[str]) -> list[str]:
        """The heads of glossary entries (虚拟电厂 of "15.虚拟电厂：…") in these reports holding the
        most report words of the term an English question quotes or asks to define (glossary terms
        and dictionary words: virtual → 虚拟, zombie → 僵尸, enterprises → 企业); [] when it names none."""
        terms = [m.group(1) for m in _QUOTED_EN.finditer(query.text)] or [
            m.group(1) for m in _DEFINED_EN.finditer(query.text)]  # ("How does it define infrastructure REITs?")
        if not terms:
            return []
        quoted = [q.lower() for q in terms]
        # each report word weighs as many English words as it renders ("new towns" → 新城 two, "city" → 城市 one)
        words: dict[str, int] = {}
        for q in quoted:
            for pattern, group in matched(q):
                said = max((len(m.group().split()) for m in pattern.finditer(q)), default=1)
                for t in group:
                    if has_cjk(t) and len(t) >= 2:
                        words[t] = max(words.get(t, 0), said)
        for phrase, chinese in query.translated:
            if any(phrase in q for q in quoted):
                for t in chinese:
                    if len(t) >= 2:
                        words[t] = max(words.get(t, 0), len(phrase.split()))
        heads: dict[str, int] = {}
        for hit in self.retriever.term_hits(sources, "", glossary_only=True, limit=400):
            m = _ENTRY_HEAD.match(hit.text)
            if m:
                held = sum(n for w, n in words.items() if w in m.group(1))
                if held:
                    heads[m.group(1)] = max(heads.get(m.group(1), 0), held)
        most = max(heads.values(), default=0)
        return [h for h, n in heads.items() if n == most]

    @staticmethod
    def found(e: Evidence, question: str) -> bool:
        """Whether the evidence says the report answers the question (calibrated on the golden set)."""
        if e.year_mismatch or e.place_mismatch or e.indicator_mismatch or (e.wants_number and not e.has_number):
            return False
        if is_english(question) or e.cross:  # words the passages do not share: meaning and the glossary decide
            known = e.known_share > EN_MIN_KNOWN or e.said_share >= EN_MIN_SAID
            least = EN_MIN_SIM_PLACE_ONLY if e.place_only else EN_MIN_SIM
            return known and e.best_sim >= least and not (e.place_only and e.coverage < EN_MIN_COVERAGE_PLACE_ONLY)
        return e.coverage >= ZH_MIN_COVERAGE and e.known_share >= ZH_MIN_KNOWN

    def _compose(self, query: Query, chosen: list[Clause], keep_clause: set[int]) -> Answer:
        # Cite passages in the order the answer first uses them; keep clauses in reading order
        # within a passage, and merge clauses that are adjacent in the text.
        order: list[str] = []
        for c in chosen:
            if c.hit.chunk_id not in order:
                order.append(c.hit.chunk_id)
        quoted = []
        for chunk_id in order:
            group = [c for c in chosen if c.hit.chunk_id == chunk_id]
            hit = group[0].hit
            quoted.append((hit, _merged([figure_quote(hit, c) if id(c) in keep_clause else quote_span(hit, c)
                                         for c in group])))
        return self._cited(query, quoted)

    def _cited(self, query: Query, quoted: list[tuple[Hit, list[tuple[int, int]]]]) -> Answer:
        """An answer citing each passage's quoted spans, in the order given, [1], [2]…"""
        citations: list[Citation] = []
        parts: list[str] = []
        for n, (hit, spans) in enumerate(quoted, 1):
            quotes = [hit.text[s - hit.start : e - hit.start] for s, e in spans]
            parts.append("；".join(quotes) + f"[{n}]")
            citations.append(Citation(**asdict(hit), n=n, quote="；".join(quotes),
                                      quote_start=spans[0][0], quote_end=spans[-1][1]))
        english = not any(has_cjk(c.quote) for c in citations)  # an English translation's words
        return finish(query, citations, ("; " if english else "；").join(parts) + _end_mark(citations[-1].quote),
                      self._several())


def _says_share(c: Clause) -> bool:
    """A clause saying a share with its figure (占地区生产总值比重提升至6.46%)."""
    return bool(_SHARE.search(c.text) and _FIGURE.search(c.text))


def _share_of_its_thing(chosen: list[Clause], candidates: list[Clause], asked: set[str],
                        crossed: str | None) -> list[Clause]:
    """A share asked of one thing ("研发投入占GDP比重"): a chosen share whose sentence says none of the
    question's words that another chosen clause says (战略性新兴产业增加值…，占地区生产总值比重42.3%) gives
    way to the share said further on in that clause's sentence (全社会研发投入2236.6亿元…，占地区生产总值比重
    提升至6.46%)."""
    for c in chosen:
        if _says_share(c):
            continue
        own = [d for d in candidates if _later_in_sentence(c, d) and _says_share(d) and d.hit.kind != crossed][:1]
        thing = c.terms & asked
        if not own or not thing:
            continue
        apart = [s for s in chosen if _says_share(s) and not _same_sentence(s, c) and
                 not any(t in _sentence_before(s) for t in thing)]
        if apart:
            return [own[0] if any(x is s for s in apart[:1]) else x for x in chosen]
    return chosen


def _one_of_two(query: Query, tabled: Answer) -> bool:
    """The targets table quotes one figure where a question asks two of one report ("赤字率拟按多少安排？
    财政赤字规模是多少？"): the passages answer both."""
    if len(query.years) > 1 or len(query.places) > 1 or _figures_asked(query.text) < 2:
        return False
    quoted = [c.quote for c in tabled.citations]
    return sum(len(_FIGURE.findall(_YEAR_DATE.sub("", q))) for q in quoted) < 2


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of one passage in reading order, those adjacent in the text (two marks apart at most) as one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start - out[-1][1] <= 2:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,5}s?\b")  # an English term's initials: LNG, PPP, REITs
# An English question naming the country's report as the State Council's: its government, not a topic (国务院 of 我代表国务院).
_NATIONAL_REPORT = re.compile(r"\bState Council(?:'s|’s) (?:\d{4} )?(?:government )?(?:work )?report", re.IGNORECASE)
_OPENING_MARKS = "“「『‘\"'"  # (a quote from a term's opening mark starts with the term)
_ORDINAL_ASKED = re.compile(r"第(\d{1,3})届|\b(\d{1,3})(?:st|nd|rd|th)\b(?! five-year)", re.IGNORECASE)
_SESSION = re.compile(r"第(?:\d{1,3}|[一二三四五六七八九十百]+)届")


def _asked(query: Query, spelled: dict[str, list[str]]) -> tuple[set[str], dict[str, set[str]]]:
    """An English question's content-word stems (not the places it names), and per stem the
    Chinese words the glossary and dictionary give for it, and its romanised names' (`spelled`:
    Zhongguancun → 中关村)."""
    names = {romanised(p).lower() for p in query.places + query.unknown_places}
    asked = content_stems(query.text, frozenset(names))
    rendered: dict[str, set[str]] = {}  # a word's stem → the Chinese words given for it
    for phrase, chinese in query.translated:
        for w in content_stems(phrase):
            rendered.setdefault(w, set()).update(chinese)
    for pattern, chinese in query.glossed:
        for m in pattern.finditer(query.text):
            for w in content_stems(m.group()):
                rendered.setdefault(w, set()).update(chinese)
    for name, chinese in spelled.items():
        # (the name's own stem, and each syllable written apart: Peng Cheng → peng, cheng → 鹏城)
        for w in {stem(name)} | {w for w in asked if len(w) >= 3 and w in name and PINYIN_SYLLABLE.fullmatch(w)}:
            rendered.setdefault(w, set()).update(chinese)
    return asked, rendered


def _said(clause: Clause, asked: set[str], rendered: dict[str, set[str]]) -> set[str]:
    """The asked stems a clause says: in the Chinese words given for them, or in words whose
    dictionary definitions use them (擦亮…特色品牌 says "brands": 品牌 is a "brand name")."""
    table = senses()
    words = {w for t in clause.terms if not t.startswith("#") for w in table.get(t, ())}
    words |= {w for w, chinese in rendered.items() if any(t in clause.text for t in chinese)}
    return words & asked


def _meant(said: dict[int, set[str]], asked: set[str]) -> dict[int, float]:
    """Per clause (by id), the share of an English question's content words (`asked`) it says (`said`,
    per clause by id, from `_said`), of those any clause says. A word weighs more the fewer of the
    clauses say it."""
    if not asked:
        return {}
    n = len(said)
    weight = {}
    for w in asked:
        df = sum(w in s for s in said.values())
        if df:
            weight[w] = math.log(1 + n / df)
    total = sum(weight.values())
    return {i: sum(weight[w] for w in s) / total for i, s in said.items()} if total else {}


# The words naming the report asked of: the document and the country's government, not a topic.
_REPORT_NAMING = re.compile(rf"{WORK_REPORT.pattern}|\bState Council\b|\bChina(?:'s|’s)?\b", re.IGNORECASE)


def _said_share(query: Query, clause: Clause, asked: set[str], rendered: dict[str, set[str]]) -> float:
    """Share of an English question's content words (`asked`, with their renderings, from `_asked`) a
    clause says (`_said`), the words naming the report asked of apart (government work report; China
    and the State Council for the country's); 0 for a question of fewer than EN_MIN_SAID_WORDS such
    words."""
    asked = asked - content_stems(" ".join(m.group() for m in _REPORT_NAMING.finditer(query.text)))
    if len(asked) < EN_MIN_SAID_WORDS:
        return 0.0
    return len(_said(clause, asked, rendered)) / len(asked)


def _ordinals(question: str) -> list[str]:
    """The sessions a question names (第45届, "the 45th WorldSkills Competition") as reports write
    them: 第45届, 第四十五届."""
    out = []
    for m in _ORDINAL_ASKED.finditer(question):
        n = int(m.group(1) or m.group(2))
        out += [f"第{n}届", f"第{chinese_number(n)}届"]
    return out


def _contracted(term: str, text: str) -> bool:
    """A two-character word said inside a joined pair: 供水 in 供排水, 中学 in 中小学, 进口 in 进出口."""
    return len(term) == 2 and has_cjk(term) and re.search(f"{re.escape(term[0])}[{CJK}]{re.escape(term[1])}", text) is not None


_ANSWERERS: dict[Path, Answerer] = {}


def ask(question: str, index_dir: str | Path | None = None, *, k: int | None = None,
        source: str | list[str] | None = None, year: int | None = None, region: str | None = None,
        history: list[str] | None = None) -> Answer:
    """Answer a question with numbered citations.

    Args:
        question: Chinese or English.
        index_dir: index folder (default `index/` or $ASSISTANT_INDEX_DIR).
        k: passages considered (default 5, 12 for an English question).
        source, year, region: optional filters.
        history: the conversation's earlier questions, oldest first (follow-ups take what they
            leave out from them).
    Returns:
        An `Answer`: `.text` with [n] markers, `.found`, `.citations` (hits with `n` and `quote`).
    """
    retriever = get_retriever(index_dir)
    answerer = _ANSWERERS.get(retriever.index_dir)
    if answerer is None or answerer.retriever is not retriever:
        answerer = _ANSWERERS[retriever.index_dir] = Answerer(retriever)
    return answerer.ask(question, k=k, source=source, year=year, region=region, history=history)
