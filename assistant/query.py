"""Question understanding: a question is read once into a typed `Query`.

Language, normalised text, BM25 tokens with the glossary's Chinese terms for English words, the
text to embed, and what the question names: years, places (and so levels of government), and
whether it asks about a target or plan, an outcome, or both (was a target met).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import config, resources
from .errors import InvalidQuestionError
from .glossary import expand
from .text import has_latin, language, years_in
from .tokenize import normalize, tokens

_PLAN = re.compile(r"目标|预期|计划|力争|安排|打算|部署|拟|将要|要求|targets?|aims?|goals?|plans?|planned|expect\w*|"
                   r"forecast|set for|will\b|intends?|objectives?", re.IGNORECASE)
_OUTCOME = re.compile(r"完成|实现了|达到了|增长了|去年|上年|过去|实际|取得|成效|how much did|how many did|\bwas\b|\bwere\b|"
                      r"achiev\w*|reached|recorded|grew|rose|fell|actual\w*|last year|in the past|did .* (?:grow|reach|"
                      r"create|add|increase)", re.IGNORECASE)
_MET = re.compile(r"完成了吗|实现了吗|达到了吗|完成情况|是否(?:完成|实现|达到)|(?:meet|met|reach|hit|achieve|miss)\w* "
                  r"(?:\S+\s+){0,4}(?:target|goal)", re.IGNORECASE)
_HOW_MUCH = re.compile(r"多少|几[个项名家所万亿条次年倍]|百分之几|how (?:much|many)|by how much|what percentage",
                       re.IGNORECASE)
_LIST = re.compile(r"哪些|哪几|分别是|包括什么|包括哪|有哪|\bwhat are\b|\bwhich\b.*\bare\b|\blist\b|\bname the\b",
                   re.IGNORECASE)
_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{3,}(?![A-Za-z])")
_PLACE_SUFFIX = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:市|县|省)(?![委级政长])")
_NOT_PLACE_CHARS = re.compile(r"[哪些什么个的要年这那各本全该我建成属级]")


@dataclass
class Query:
    """A question as the retriever and answerer read it."""

    text: str
    language: str
    normalized: str
    tokens: list[str]
    expansion: list[str]
    dense_text: str
    years: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # indexed regions the question names (茂名, 全国)
    unknown_places: list[str] = field(default_factory=list)  # places named that no indexed report is about
    kind: str | None = None  # "plan", "outcome", "met" (both), or None
    wants_number: bool = False
    wants_list: bool = False
    names: list[str] = field(default_factory=list)  # capitalised words (romanised names)

    @property
    def is_english(self) -> bool:
        return self.language == "en"


def check_question(question: object) -> str:
    """The question stripped, or InvalidQuestionError for a missing, empty or too long question."""
    if not isinstance(question, str):
        raise InvalidQuestionError(f"the question must be text, not {type(question).__name__}")
    if not question.strip():
        raise InvalidQuestionError("the question is empty; type a question about the report")
    question = question.strip()
    if len(question) > config.MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"the question is {len(question):,} characters long; the limit is "
            f"{config.MAX_QUESTION_CHARS:,}: ask about one thing at a time")
    return question


@functools.lru_cache(maxsize=256)
def romanised(region: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(region)).lower()


def _places(question: str, regions: frozenset[str]) -> tuple[list[str], list[str]]:
    """(indexed regions named, other places named) in a question."""
    simple = normalize(question)
    lower = question.lower()
    named: list[str] = []
    for region in sorted(regions, key=len, reverse=True):
        if region and (region in simple or (has_latin(question) and re.search(
                rf"(?<![a-z]){re.escape(romanised(region))}(?![a-z])", lower))):
            named.append(region)
    for place in resources.places():
        target = "全国" if place.level == "national" else place.name
        hit = place.name in simple or any(re.search(rf"(?<![a-z]){re.escape(e)}(?![a-z])", lower)
                                          for e in place.english)
        if hit and target not in named:
            named.append(target)
    unknown = [p for p in named if p not in regions]
    for m in _PLACE_SUFFIX.finditer(simple):
        p = m.group(1)
        if p not in regions and p not in resources.not_places() and not _NOT_PLACE_CHARS.search(p) \
                and p not in unknown and not any(p in r or r in p for r in regions):
            unknown.append(p)
    return [p for p in named if p in regions], unknown


def read_question(question: str, regions: frozenset[str] = frozenset()) -> Query:
    """Read a question once.

    Args:
        question: Chinese or English.
        regions: the regions of the indexed reports (茂名, 广东, 全国), to recognise places named.
    """
    question = check_question(question)
    lang = language(question)
    toks = tokens(question)
    expansion = expand(question) if has_latin(question) else []
    for term in expansion:
        toks.extend(tokens(term))
    dense = f"{question} {' '.join(expansion)}" if expansion else question
    places, unknown = _places(question, regions)
    met = bool(_MET.search(question))
    plan, outcome = bool(_PLAN.search(question)), bool(_OUTCOME.search(question))
    kind = "met" if met else "plan" if plan and not outcome else "outcome" if outcome and not plan else None
    return Query(
        text=question, language=lang, normalized=normalize(question), tokens=toks, expansion=expansion,
        dense_text=dense, years=years_in(question), places=places, unknown_places=unknown, kind=kind,
        wants_number=bool(_HOW_MUCH.search(question)), wants_list=bool(_LIST.search(question)),
        names=[w.lower() for w in _NAME.findall(question)],
    )
