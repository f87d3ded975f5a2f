"""Conversation state: a follow-up question takes what it leaves out from the turns before it.

"那城镇新增就业呢？" after "湛江市2023年政府工作报告定的地区生产总值增长目标是多少？" is read as
"湛江2023年政府工作报告：城镇新增就业目标是多少？"; "广州呢？" swaps the place of the previous
question, "那2022年呢？" its year, "比上年增长了多少？" keeps its subject and asks something new of it.
A question that names its own place or year and its own subject starts afresh.

The state is the list of earlier questions as asked: each is resolved in turn, so the page, the
`/ask` endpoint (which takes `history`) and `python -m assistant chat` share one rule and keep no
hidden state. `Resolved.carried` says what was taken, so the answer can show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import resources
from .errors import InvalidQuestionError
from .query import _LAST_YEAR, _REPORT_YEAR, _THIS_YEAR, Query, check_question, read_question, romanised
from .text import CJK


def named_indicator(text: str) -> str:
    """The indicator a text names, as it names it (地区生产总值) or by its English name; "" if none."""
    from .targets import _forms, vocabulary

    m = _forms()[0].search(text)
    if m:
        return m.group()
    lower = text.lower()
    return next((ind.name_en for ind in vocabulary() if ind.question_en and re.search(ind.question_en, lower)), "")

_LEAD_ZH = re.compile(r"^(?:那么|那|还有|另外|再问一下|再问|请问)[，,\s]*")
_LEAD_EN = re.compile(r"^(?:and|what about|how about|also|so|then|ok(?:ay)?)\b[\s,]*", re.IGNORECASE)
_TAIL = re.compile(r"(?:又|还|分别|大概|大约)?(?:是)?(?:多少|什么|哪些|几[个项]?|怎样|如何)?[^\w]*(?:呢|吗)?[？?。！!\s]*$")
_QUESTION_TAIL_ZH = re.compile(r"(?:的|又|还)?(?:是|有|为)?(?:多少|什么|哪些|几[个项]?|怎样|如何)[^，。,]*$|[？?]$")
_PRONOUN_EN = re.compile(r"\b(?:it|its|they|their|them|this|that|there|these|those)\b", re.IGNORECASE)
_PRONOUN_ZH = re.compile(r"它|其|该(?![市省县区])|这个|这些|那里|那边")
_KIND_ZH = re.compile(r"主要预期目标|预期目标|主要目标|目标|预期|计划|实际|完成了?|实现了?")
_KIND_EN = re.compile(r"\b(?:targets?|goals?|plan(?:ned|s)?|aims?|actual(?:ly)?|outcomes?|results?)\b", re.IGNORECASE)
# Words that ask or link rather than name a subject (增长 asks about a subject already named).
_PREDICATE_ZH = re.compile(r"比上年|同比|增长|下降|提高|新增|增加|减少|上涨|回落|达到|多了|少了|变化|分别|又|还|也|都|了|的|是|有|在|为|"
                           r"多少|什么|哪些|几|呢|吗|年|全市|全省|全国|政府工作报告|报告|政府|工作|提出|定的|定了|说|里|中|要|将|"
                           r"今年|去年|明年|上一年|当年|同期|时候|情况|怎么样|如何|呢|啊|请问|那么|那|还有|另外")
_PREDICATE_EN = frozenset(
    "what which how much many was were is are be been did do does will would could should has have had the a an of "
    "in on for to from by and or about with its it they their them this that there these those than change changed "
    "grow grew growth increase increased rise rose fall fell set year years report reports government city province "
    "country compare compared higher lower more less so then also ok okay same last next previous according said say "
    "says sets province provinces whole overall entire as region regional city's province's report's".split())
# Years a follow-up names by reference to the previous question's year.
_SAME_YEAR = re.compile(r"那一年|当年|同年|该年|\b(?:in )?(?:that|the same) year\b", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"前一年|上一年|\b(?:in )?(?:the year before|the previous year|a year earlier|one year earlier)\b",
                          re.IGNORECASE)
_YEAR_AFTER = re.compile(r"后一年|下一年|次年|第二年|\b(?:in )?(?:the next year|the following year|a year later)\b",
                         re.IGNORECASE)


# Earlier questions a follow-up may draw on.
MAX_HISTORY = 10


def check_history(history: object) -> list[str]:
    """The earlier questions of a conversation: a list of strings (None or [] for none)."""
    if history is None or history == "":
        return []
    if isinstance(history, str):
        history = [history]
    if not isinstance(history, (list, tuple)) or not all(isinstance(h, str) for h in history):
        raise InvalidQuestionError("history must be a list of the earlier questions, as strings")
    if len(history) > MAX_HISTORY:
        history = list(history)[-MAX_HISTORY:]
    return [check_question(h) for h in history if h.strip()]


@dataclass
class Resolved:
    """A question as understood in its conversation."""

    asked: str  # the words the user typed
    text: str  # the question made self-contained (what is answered)
    query: Query
    carried: list[str] = field(default_factory=list)  # what came from earlier turns: 茂名, 2023年, 城镇新增就业
    topic: str = ""  # the subject words of the resolved question

    @property
    def follows(self) -> bool:
        return bool(self.carried)


def _strip_places(text: str, query: Query) -> str:
    named = query.places + query.unknown_places
    for place in named:
        text = re.sub(rf"{re.escape(place)}(?:市|省|县|区)?", " ", text)
        text = re.sub(rf"(?i)\b{re.escape(romanised(place))}(?:'s)?\b", " ", text)
    for place in resources.places():  # their English names (China, the State Council, Guangdong…)
        if ("全国" if place.level == "national" else place.name) in named:
            text = text.replace(place.name, " ")  # 我国, 中央政府: the country by another name
            for english in place.english:
                text = re.sub(rf"(?i)(?<![a-z]){english}(?:'s)?(?![a-z])", " ", text)
    return text


def topic_of(text: str, query: Query) -> str:
    """The subject words left once places, years, kind words, question words and links are gone."""
    rest = _REPORT_YEAR.sub(" ", text)
    rest = _strip_places(rest, query)
    rest = re.sub(r"(?:19|20)\d\d年?", " ", rest)
    rest = _LAST_YEAR.sub(" ", _THIS_YEAR.sub(" ", rest))
    if query.is_english:
        rest = _KIND_EN.sub(" ", rest)
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", rest)
                 if w.lower() not in _PREDICATE_EN and w.lower() not in resources.stopwords()
                 and w.lower() not in resources.question_words().get("generic", frozenset())]
        return " ".join(words)
    rest = _KIND_ZH.sub(" ", rest)
    rest = _PREDICATE_ZH.sub(" ", rest)
    return " ".join(re.findall(rf"[{CJK}A-Za-z0-9]+", rest))


def _has_topic(topic: str, query: Query) -> bool:
    if query.is_english:
        return bool(topic.strip())
    return len(re.findall(rf"[{CJK}]", topic)) >= 2


def _names_slot(query: Query, text: str) -> bool:
    return bool(query.places or query.unknown_places or query.years or query.report_year
                or _LAST_YEAR.search(text) or _THIS_YEAR.search(text))


def resolve(question: str, history: list[str] | None = None, regions: frozenset[str] = frozenset()) -> Resolved:
    """The question made self-contained from the earlier questions of its conversation (oldest first)."""
    current: Resolved | None = None
    for asked in [*(history or []), question]:
        current = _step(asked, current, regions)
    return current


def _anchor_years(asked: str, prev: Resolved) -> str:
    """"那一年", "the year before": the year they mean, counted from the previous question."""
    p = prev.query
    ref = p.years[-1] if p.years else p.report_year
    if ref is None:
        return asked
    for pattern, delta in ((_SAME_YEAR, 0), (_YEAR_BEFORE, -1), (_YEAR_AFTER, 1)):
        asked = pattern.sub(lambda m, d=delta: f"in {ref + d}" if m.group().isascii() else f"{ref + d}年", asked)
    return asked


def _step(asked: str, prev: Resolved | None, regions: frozenset[str]) -> Resolved:
    typed = asked
    if prev is not None:
        asked = _anchor_years(asked, prev)
    query = read_question(asked, regions)
    topic = topic_of(asked, query)
    fresh = Resolved(typed, asked, query, [], topic)
    if prev is None:
        return fresh
    has_topic = _has_topic(topic, query)
    pronoun = (_PRONOUN_EN if query.is_english else _PRONOUN_ZH).search(asked)
    if has_topic and not pronoun and _names_slot(query, asked):
        return fresh  # names its own place or year and its own subject: starts afresh
    if has_topic:
        text, carried = _carry_context(asked, query, prev, bool(pronoun))
    else:
        text, carried = _swap_into(asked, query, prev)
    if not carried:
        return fresh
    # a new subject keeps the language it was asked in, even around a Chinese subject carried into it
    resolved = read_question(text, regions, lang=query.language if has_topic else None)
    subject = topic if has_topic else prev.topic
    label = named_indicator(text) or subject
    carried = [label if c == subject else c for c in carried]  # 城镇新增就业, not its bare words
    return Resolved(typed, text, resolved, carried, subject)


def _place_words(places: list[str], english: bool) -> str:
    if english:
        return " and ".join("China" if p == "全国" else romanised(p).title() for p in places)
    return "和".join(places)


def _carry_context(asked: str, query: Query, prev: Resolved, pronoun: bool) -> tuple[str, list[str]]:
    """A new subject without place or year: the previous question's place, year and kind around it."""
    p = prev.query
    carried: list[str] = []
    en = query.is_english
    body = (_LEAD_EN if en else _LEAD_ZH).sub("", asked.strip())
    places = [] if (query.places or query.unknown_places) else p.places
    if places:
        carried.append(_place_words(places, en))
    year = "" if _names_slot(query, asked) else (
        f"{p.report_year} report" if en and p.report_year else f"{p.report_year}年政府工作报告" if p.report_year
        else "")
    period = ""
    changes_kind = query.kind in ("plan", "outcome") and p.kind in ("plan", "outcome") and query.kind != p.kind
    if not _names_slot(query, asked) and p.years and not (changes_kind and p.report_year):
        # the years asked about, beside the report they come from (not when the kind changes:
        # "What target did that report set?" after its review is about the report's own year)
        period = " and ".join(map(str, p.years)) if en else "和".join(f"{y}年" for y in p.years)
    if year:
        carried.append(year if en else year.removesuffix("政府工作报告"))
    if period:
        carried.append(period)
    kind = ""
    if query.kind is None and p.kind in ("plan", "outcome"):
        kind = ("target" if p.kind == "plan" else "actual") if en else ("目标" if p.kind == "plan" else "实际")
        carried.append(kind)
    if pronoun and prev.topic and not en:
        carried.append(prev.topic)
    if en:
        if prev.topic and len(topic_of(body, query).split()) <= 2 and not named_indicator(body) \
                and not pronoun and named_indicator(prev.text):
            body = f"{body.rstrip('?').rstrip()} {prev.topic}"  # "And per capita?" after a GDP question
            carried.append(prev.topic)
        elif pronoun and prev.topic and not prev.query.is_english:
            # "What industries will it develop?" after "高新区的定位是什么？": "it" is that subject
            body = f"{body.rstrip('?').rstrip()} ({prev.topic})"
            carried.append(prev.topic)
        body = body[:1].upper() + body[1:]
        context = ", ".join(x for x in (_place_words(places, True) if places else "", year, period, kind) if x)
        return (f"{body.rstrip('?').rstrip()}" + (f" — {context}" if context else "") + "?", carried)
    core = _TAIL.sub("", body)
    lead = f"{_place_words(places, False)}{year}"
    lead = f"{lead}：{period}" if lead and period else lead or period
    about = f"（{prev.topic}）" if pronoun and prev.topic else ""
    question_tail = _TAIL.search(body).group() if _TAIL.search(body) else ""
    asks = "是多少？" if not re.search(r"多少|什么|哪些|几|怎样|如何|吗|是否", body) else question_tail or "？"
    sep = "：" if lead and not period else ""
    return f"{lead}{sep}{core}{about}{kind}{asks}", carried


def _swap_into(asked: str, query: Query, prev: Resolved) -> tuple[str, list[str]]:
    """No subject of its own: the previous question with this one's place, year or question in it."""
    p = prev.query
    text = prev.text
    carried: list[str] = []
    en = query.is_english or p.is_english
    if query.places and query.places != p.places:
        new = query.places
        if p.places:
            for old in p.places:
                text = re.sub(rf"{re.escape(old)}(?:市|省)?", new[0], text, count=0)
                text = re.sub(rf"(?i)\b{re.escape(romanised(old))}\b", _place_words(new, True), text)
        else:
            text = (f"{text.rstrip('?？')} ({_place_words(new, True)})?" if en else f"{_place_words(new, False)}{text}")
    elif p.places:
        carried.append(_place_words(p.places, en))
    years = query.years  # relative years (去年, last year) stay words, counted from the report year kept
    if years:
        old_years = p.years or ([p.report_year] if p.report_year else [])
        if p.years and p.report_year:
            text = _REPORT_YEAR.sub("", text)  # the year asked about now decides the report
        if old_years:
            for old in old_years:
                text = text.replace(str(old), str(years[0]))
        else:
            text = f"{text.rstrip('?？')} in {years[0]}?" if en else f"{years[0]}年{text}"
    elif query.report_year and query.report_year != p.report_year:
        text = _other_report(text, query.report_year, p, en)
    elif p.years or p.report_year:
        carried.append(" ".join(f"{y}" if en else f"{y}年" for y in (p.years or [p.report_year])))
    if prev.topic:
        carried.append(prev.topic)
    body = (_LEAD_EN if query.is_english else _LEAD_ZH).sub("", asked.strip())
    own_words = _KIND_ZH.search(body) or _KIND_EN.search(body) or re.search(
        r"增长|下降|提高|新增|增加|减少|上涨|比上年|同比|grow|increase|rise|fall|change", body, re.IGNORECASE)
    if own_words and not years and not query.places or (own_words and query.kind and query.kind != p.kind):
        # "比上年增长了多少？", "去年实际新增了多少？": the subject before, this question's words after.
        if query.is_english:
            context = ", ".join(x for x in (
                "" if query.places else _place_words(p.places, True) if p.places else "",
                "" if query.report_year or query.years or not p.report_year else f"{p.report_year} report") if x)
            about = f" ({prev.topic})" if prev.topic else ""
            return f"{body.rstrip('?').rstrip()}{about}" + (f" — {context}" if context else "") + "?", \
                [c for c in carried if c]
        stem = _QUESTION_TAIL_ZH.sub("", text.rstrip()) if not en else text.rstrip("?？ ")
        if query.kind and query.kind != p.kind:
            stem = (_KIND_EN if en else _KIND_ZH).sub("", stem)
        if (_LAST_YEAR.search(body) or _THIS_YEAR.search(body)) and p.report_year:
            for y in p.years:  # 今年/去年 count from the report kept; its other years would compete
                stem = re.sub(rf"{y}年?", "", stem)
        if _LAST_YEAR.search(body) and p.report_year is None and (p.years or years):
            ref = (p.years or years)[0]
            stem = f"{stem}（{ref}年政府工作报告）" if not en else f"{stem} ({ref} report)"
        text = f"{stem}{' ' if en else '，'}{body}"
    return text, [c for c in carried if c]


def _other_report(text: str, report_year: int, p: Query, en: bool) -> str:
    """The previous question asked of another year's report ("What was Maoming's target in its 2021
    report?"): its years keep their relation to the report (a report sets targets for its own year
    and reviews the year before), and the new report year is named."""
    text = _REPORT_YEAR.sub("", text)
    if p.report_year:
        shifted = [y + report_year - p.report_year for y in p.years]
    elif len(p.years) == 1 and p.kind in ("plan", "outcome"):
        shifted = [report_year if p.kind == "plan" else report_year - 1]
    else:
        shifted = list(p.years)
    for old, new in zip(p.years, shifted, strict=True):
        text = re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)
    if en:
        return f"{text.rstrip('?？ ')} ({report_year} report)?"
    return f"{report_year}年政府工作报告：{text}"
