"""Definitions and lists: what a report says right after a term.

"“四个定位”指什么？", "What are the four platforms?", "零基预算是什么？": the answer is the words
that follow the term where the report introduces it (its 名词解释 entry, a parenthesis, a list
after a colon, or the sentences that follow an announcing lead such as 建强四大平台。).
"""

from __future__ import annotations

import re

from .retrieve import Hit
from .text import CJK
from .tokenize import normalize

_QUOTED = re.compile(r"[“\"'「『‘]([^”\"'」』’]{2,30})[”\"'」』’]")
# A count and a noun: 四大平台, 8个万亿元级产业集群, 十件民生实事, 五大产业发展计划.
_COUNTED = re.compile(rf"(?:[一二两三四五六七八九十百\d]+)(?:大|个|项|件|条|类|张|化|新|地|网|园)[{CJK}]{{1,12}}")
_DEF_Q = re.compile(rf"([{CJK}A-Za-z0-9“”]{{2,20}}?)(?:是什么意思|指什么|是指什么|是什么|的含义|包括哪些|有哪些|是哪些)")
_STOP = re.compile(r"[。！？!?；;]")
# How much a definition or list answer may quote (characters).
TERM_CAP = 240


def key_terms(question: str) -> list[str]:
    """Terms a definition or list question asks about, most specific first."""
    out = [m.group(1).strip() for m in _QUOTED.finditer(question)]
    out += [m.group(0) for m in _COUNTED.finditer(question)]
    m = _DEF_Q.search(question)
    if m:
        out.append(m.group(1).strip("“”"))
    return [t for t in dict.fromkeys(out) if len(t) >= 2]


def term_span(hit: Hit, term: str) -> tuple[int, int] | None:
    """The span a definition or list answer quotes from a passage: from the term to the end of its
    sentence, continued into the following sentences while the term only announces them (a colon,
    a short lead), within TERM_CAP characters; None when the passage lacks the term."""
    text = hit.text
    at = normalize(text).find(normalize(term))
    if at < 0:
        return None
    end = at + len(term)
    stop = _STOP.search(text, end)
    end = stop.end() if stop else len(text)
    # A lead that announces what follows (建强四大平台。 / …包括： / a glossary head) brings the next sentences.
    while end < len(text) and (end - at < 40 or text[end - 1] in "：:") and end - at < TERM_CAP:
        stop = _STOP.search(text, end)
        nxt = stop.end() if stop else len(text)
        if nxt - at > TERM_CAP:
            break
        end = nxt
    while end > at and text[end - 1] in "。；;，, \n":
        end -= 1
    return hit.start + at, hit.start + end
