"""Quotes: the clauses of a passage an answer may quote, and the exact span it quotes for one.

Offsets are into the report's text, so every quote is `text[quote_start:quote_end]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .chunk import clause_spans, is_lead_phrase, sentences
from .index import IndexStore
from .retrieve import Hit
from .text import CJK_RUN
from .tokenize import normalize, tokens

_TRAIL = "。！？!?；;，,:：\n \u3000"
# A clause that speaks of what the one before it names (有109项按期完成 of 116项工作任务; 其中…; 均…)
_REFERS_BACK = re.compile(r"(?:有|其中|均|分别|占)")
# The longest quote made from one sentence (characters).
SENTENCE_CAP = 80
# Passages whose clause words are kept between questions (about 30 KB each: 60 MB at most).
CLAUSE_CACHE = 2_000


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese runs of a text (robust to word segmentation)."""
    grams = set()
    for run in CJK_RUN.findall(normalize(text)):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


@dataclass
class Clause:
    hit: Hit
    start: int  # offsets in the source text
    end: int
    text: str
    terms: frozenset[str]
    sim: float = 0.0


def clauses(store: IndexStore, hit: Hit, q: np.ndarray) -> list[Clause]:
    """The clauses of a passage, with offsets in the source text, tokens and cosine to the question."""
    spans, vectors = store.clauses_of_chunk(hit.chunk_id)
    sims = vectors.astype(np.float32) @ q if len(spans) else np.zeros(0)
    out = []
    for (start, end), sim, terms in zip(spans, sims, clause_terms(store, hit), strict=True):
        if hit.text[end - hit.start : end - hit.start + 1] in (":", "："):
            continue  # a lead-in such as 主要预期目标是: introduces the answer, it is not one
        end = _closed(hit.text, start - hit.start, end - hit.start) + hit.start
        body = hit.text[start - hit.start : end - hit.start]
        lead = len(body) - len(body.lstrip("*_ \u3000"))  # (a Markdown bold heading's closing ** before it)
        if not any(ch.isalnum() for ch in body[lead:]):
            continue  # Markdown marks alone (the ** closing 附件1：): nothing to quote
        out.append(Clause(hit, start + lead, end, body[lead:], terms, float(sim)))
    return out


_PAIRS = {"）": "（", ")": "(", "”": "“", "’": "‘", "」": "「", "』": "『", "》": "《", "]": "["}


def _closed(text: str, start: int, end: int) -> int:
    """A clause's end moved past the closing brackets and quotes of those it opens (22万套（间）, not
    22万套（间): a quote never leaves one open."""
    while end < len(text) and text[end] in _PAIRS:
        body = text[start:end]
        if body.count(_PAIRS[text[end]]) <= body.count(text[end]):
            break
        end += 1
    return end


def clause_terms(store: IndexStore, hit: Hit) -> list[frozenset[str]]:
    """The words and Chinese bigrams of each clause of a passage, read once per loaded index
    (a passage that answers one question is often the one the next question needs)."""
    cache = store.clause_term_cache
    found = cache.get(hit.chunk_id)
    if found is None:
        spans, _ = store.clauses_of_chunk(hit.chunk_id)
        chunk = store.chunk(hit.chunk_id)
        bodies = [chunk.text[start - chunk.start : end - chunk.start] for start, end in spans]
        found = [frozenset(tokens(body)) | {"#" + g for g in bigrams(body)} for body in bodies]
        if len(cache) >= CLAUSE_CACHE:
            cache.clear()
        cache[hit.chunk_id] = found
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span of text past surrounding white space and closing punctuation."""
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def quote_span(hit: Hit, clause: Clause) -> tuple[int, int]:
    """What the answer quotes for a chosen clause: its sentence when short, else the clause with
    its neighbours in the sentence; a lead phrase (`强化要素保障。`) brings the sentence after it."""
    text, base = hit.text, hit.start
    sents = [_strip(text, a - base, b - base) for a, b in sentences(text, base)]
    i = next((j for j, (a, b) in enumerate(sents) if a <= clause.start - base < max(b, a + 1)), None)
    if i is None:
        return clause.start, clause.end
    a, b = sents[i]
    if is_lead_phrase(text[a:b] + "。") and i + 1 < len(sents):
        b = sents[i + 1][1]
        if b - a <= SENTENCE_CAP:
            return base + a, base + b
        return base + sents[i + 1][0], base + min(sents[i + 1][1], sents[i + 1][0] + SENTENCE_CAP)
    if b - a <= SENTENCE_CAP:
        return base + a, base + b
    # A long sentence: the clause, the one before it and the one after it, within the cap.
    inner = [(s - base, e - base) for s, e in clause_spans(text[a:b], base + a)]
    j = next((k for k, (s, e) in enumerate(inner) if s <= clause.start - base < e + 1), None)
    if j is None:
        return clause.start, clause.end
    lo, hi = inner[max(0, j - 1)][0], inner[min(len(inner) - 1, j + 1)][1]
    if hi - lo > SENTENCE_CAP:
        # Too long with both neighbours: with the one after, else the one before, else alone;
        # never a clause cut in the middle.
        options = ((inner[j][0], hi), (lo, inner[j][1]))
        lo, hi = next((o for o in options if o[1] - o[0] <= SENTENCE_CAP), inner[j])
    return base + lo, base + hi


def figure_quote(hit: Hit, clause: Clause) -> tuple[int, int]:
    """What the answer quotes for a chosen clause holding the figure asked: the clause alone, or with
    the clause before it in its sentence when it speaks of what that one names (去年…决定的116项工作，
    有109项按期完成)."""
    if not _REFERS_BACK.match(clause.text):
        return clause.start, clause.end
    text, base = hit.text, hit.start
    for a, b in sentences(text, base):
        if a <= clause.start < max(b, a + 1):
            before = [s for s, e in clause_spans(text[a - base : b - base], a) if e <= clause.start]
            return (before[-1] if before else clause.start), clause.end
    return clause.start, clause.end
