"""Chunk stage: structure-aware chunks of Chinese government reports with exact offsets.

Headings (`二、`, `(一)`/`（一）`, `1.`, Markdown `#`), lead phrases that open a paragraph or a
run of sentences (`抓大产业大集群。`), paragraphs and sentence ends (`。！？；`) decide where
chunks start and end. Every chunk satisfies `document.text[chunk.start:chunk.end] == chunk.text`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .clean import is_furniture
from .load import Document
from .metadata import opens_one_year, section_kind
from .text import CJK_CHAR
from .text import HEADING_MD as _MD
from .text import SENTENCE as _SENTENCE
from .text import heading_level as _heading_level

SECTION_SEP = " > "


def _says_nothing(text: str) -> bool:
    """A "passage" of rules and marks (---, ***, 1.): no Chinese character and under three letters or digits."""
    return not CJK_CHAR.search(text) and sum(ch.isalnum() for ch in text) < 3
_CLAUSE = re.compile(r".*?(?:[，,、：:]+|$)", re.S)
# Answer units: split at sentence ends, ；; ，, and ：: (list separators 、 stay inside; so does the
# colon of a ratio or a time between digits, 2.31:1, 8:30).
# An English sentence's full stop ends a clause too (not a decimal point, not 1. before a heading).
_ANSWER_CLAUSE = re.compile(r"(?:[^。！？!?；;，,:：.\n]|(?<=\d)[:：](?=\d)|(?<![A-Za-z)])\.|\.(?!\s|$))+"
                            r"[。！？!?；;，,:：.\n]*")
_ENGLISH_CLAUSE = re.compile(r"(?:[^!?;:\n.]|(?<=\d):(?=\d)|(?<![A-Za-z)])\.|\.(?!\s|$))+[!?;:.\n]*")
_CLAUSE_TRAIL = "。！？!?；;，,:：”’\"』」)） \u3000\n"
_INNER_PUNCT = re.compile(r"[，,、：:；;“”\"()（）]")


def _is_entry(para: str) -> bool:
    """A numbered line that is a whole statement, not a title: a glossary entry such as
    7.“五棵树一条鱼一桌菜”：“五棵树”指荔枝…。 (a term, a colon, a sentence ending in 。)."""
    body = para.strip().strip("*").strip()
    return bool(re.search(r"[：:]", body)) and body.endswith(("。", "."))


@dataclass(frozen=True)
class ChunkerSettings:
    """How documents are cut; stored in the index manifest."""

    max_chars: int = 200
    min_chars: int = 20
    version: int = 26

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Chunk:
    """A passage of one report, with its heading path and exact character span."""

    id: str
    source: str
    section: str
    text: str
    start: int
    end: int
    locator: str = ""  # page or paragraph label for extracted formats (PDF: "p. 3")
    kind: str = ""  # what the passage is about: outcome, plan, glossary or other
    period: list[int] | None = None  # the years it covers, [first, last]

    def to_dict(self) -> dict:
        return asdict(self)


def _spans(pattern: re.Pattern, text: str, offset: int) -> list[tuple[int, int]]:
    """Non-empty (start, end) spans of `pattern` matches in text, shifted by offset."""
    return [(offset + m.start(), offset + m.end()) for m in pattern.finditer(text) if m.group()]


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (ending at 。！？；!?; and closing quotes) of text."""
    return _spans(_SENTENCE, text, offset)


def clause_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the clauses of a passage (without their closing punctuation), shifted by offset.

    These are the units an answer quotes; they are embedded at build time. English sentences are
    not cut at commas ("GDP surpassed 126 trillion yuan, an increase of 5.2 percent").
    """
    out = []
    for m in (_ENGLISH_CLAUSE if not CJK_CHAR.search(text) else _ANSWER_CLAUSE).finditer(text):
        raw = m.group()
        body = raw.rstrip(_CLAUSE_TRAIL)
        lead = len(body) - len(body.lstrip(" \t\u3000•·▪●◦‣∙"))  # a list item's bullet is not quoted
        body = body[lead:].rstrip()
        if len(body) >= 2:
            start = offset + m.start() + lead
            out.append((start, start + len(body)))
    return out


def is_lead_phrase(sentence: str) -> bool:
    """A short topic sentence such as `抓大产业大集群。` that opens a run of sentences."""
    core = sentence.strip().rstrip("。")
    return sentence.strip().endswith("。") and 2 <= len(core) <= 14 and not _INNER_PUNCT.search(core)


def _paragraphs(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of text[:end], without surrounding white space."""
    spans, pos = [], 0
    for line in text[:end].split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


# A list item of an English translation (• GDP growth of around 5 percent) or a Markdown list.
_BULLET = re.compile(r"^[•·▪●◦‣∙]\s*|^[-–*]\s+")
# English says in about three characters what Chinese says in one: its passages may be longer.
LATIN_FACTOR = 3


def _grouped(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Paragraphs with the list items that follow a line ending in a colon joined to it (the
    targets list of an English translation stays one passage), each with its lines."""
    out: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in paras:
        if out and _BULLET.match(text[start:end]) and (
                len(out[-1][2]) > 1 or text[out[-1][0]:out[-1][1]].endswith((":", "："))):
            out[-1] = (out[-1][0], end, [*out[-1][2], (start, end)])
        else:
            out.append((start, end, [(start, end)]))
    return out


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than max_chars at clause marks, or hard at max_chars."""
    pieces: list[tuple[int, int]] = []
    cur_start = start
    for c_start, c_end in _spans(_CLAUSE, text[start:end], start):
        if c_end - cur_start > max_chars and c_start > cur_start:
            pieces.append((cur_start, c_start))
            cur_start = c_start
        while c_end - cur_start > max_chars:
            pieces.append((cur_start, cur_start + max_chars))
            cur_start += max_chars
    if cur_start < end:
        pieces.append((cur_start, end))
    return pieces


def chunk_document(doc: Document, settings: ChunkerSettings | None = None) -> list[Chunk]:
    """Cut a document's body into chunks.

    Args:
        doc: the loaded report.
        settings: chunk sizes; defaults to `ChunkerSettings()`.
    Returns:
        Chunks in reading order, ids `source#n`.
    """
    settings = settings or ChunkerSettings()
    text = doc.text
    stack: list[tuple[int, str]] = []
    chunks: list[Chunk] = []

    def emit(path: list[str], start: int, end: int) -> None:
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and not _says_nothing(text[start:end]):
            # Lead words are read where the paragraph starts: a long review paragraph cut in two
            # keeps its "过去一年" for both halves.
            lead = text[para_start[0]:start] if para_start[0] <= start else ""
            kind, span = section_kind(heads, (lead + text[start:end])[:200], doc.year)
            if kind == "outcome" and span and span[0] < span[1]:
                # the paragraphs after "2020年是…收官之年" under "“十三五”时期及2020年主要工作" are that
                # year's, until one goes back to the term (五年来…) or the section ends
                opens = opens_one_year(text[para_start[0]:para_start[0] + 30], span)
                if opens is not None:
                    one_year[:] = [span, len(stack)] if opens else [None, 0]
                if one_year[0] == span:
                    span = (span[1], span[1])
            chunks.append(
                Chunk(
                    id=f"{doc.source}#{len(chunks)}",
                    source=doc.source,
                    section=SECTION_SEP.join(path),
                    text=text[start:end],
                    start=start,
                    end=end,
                    locator=doc.locator_at(start),
                    kind=kind,
                    period=list(span) if span else None,
                )
            )

    heads: list[str] = []
    para_start = [0]
    # the review of several years whose last year is being read, and the depth of the heading it is read under
    one_year: list = [None, 0]
    for p_start, p_end, lines in _grouped(text, _paragraphs(text, doc.body_end)):
        para_start[0] = p_start
        para = text[p_start:p_end]
        if _heading_level(para) is None and (p_end <= doc.text_start or is_furniture(para)):
            # front matter, meeting, speaker and salutation lines: never passages, also where a
            # copy puts them after other text (a resolution printed before the report)
            continue
        latin = not CJK_CHAR.search(para)
        max_chars = settings.max_chars * (LATIN_FACTOR if latin else 1)
        # a list's lines are its sentences
        sents = sentences(para, p_start) if len(lines) == 1 else [s for ln in lines for s in sentences(
            text[ln[0]:ln[1]], ln[0])]
        level = _heading_level(para)
        if level is not None:
            if latin:  # "I. A Review of Our Work in 2023": the numeral's full stop ends no sentence
                numeral = re.match(r"[IVX\d]{1,5}\.\s+", para)
                sents = sentences(para[numeral.end():], p_start + numeral.end()) if numeral else sents
                sents[:1] = [(p_start, sents[0][1])] if sents else []
            first = text[sents[0][0] : sents[0][1]] if sents else para
            title = _MD.sub("", first).strip().strip("*").strip().rstrip("。；;")
            stack = [(lvl, t) for lvl, t in stack if lvl < level] + [(level, title)]
            heads = [t for _, t in stack]
            if len(stack) <= one_year[1]:
                one_year[:] = [None, 0]  # (a section beside the one whose last year was read: read afresh)
            if p_end <= doc.text_start or len(sents) <= 1 and len(para) <= (
                    60 * LATIN_FACTOR if latin else 60) and not _is_entry(para):
                continue  # a heading line on its own is carried by the chunks under it
        base = [t for _, t in stack]
        lead: str | None = None
        sub: str | None = None
        cur: tuple[int, int] | None = None
        cur_path = base
        for i, (s_start, s_end) in enumerate(sents):
            sentence = text[s_start:s_end]
            # A lead phrase opens a run of sentences: never the last sentence of a paragraph,
            # never a figure (接待游客3000万人次。 is a fact, not a topic).
            starts_run = (level is None and is_lead_phrase(sentence) and i + 1 < len(sents)
                          and not any(ch.isdigit() for ch in sentence))
            if starts_run:
                if i == 0:
                    lead = sentence.strip().rstrip("。")
                else:
                    sub = sentence.strip().rstrip("。")
                if cur and cur[1] - cur[0] >= settings.min_chars:
                    emit(cur_path, *cur)
                    cur = None
            path = base + [x for x in (lead, sub) if x]
            pieces = (
                _split_long(text, s_start, s_end, max_chars)
                if s_end - s_start > max_chars
                else [(s_start, s_end)]
            )
            for piece in pieces:
                if cur and piece[1] - cur[0] > max_chars:
                    emit(cur_path, *cur)
                    cur = None
                if cur is None:
                    cur, cur_path = piece, path
                else:
                    cur = (cur[0], piece[1])
        if cur:
            emit(cur_path, *cur)
    return chunks


_BOLD_LEAD = re.compile(r"^\*\*([^*\n]{2,80}?)\*\*(?=\S)")


def heading_spans(doc: Document) -> list[tuple[int, int, int]]:
    """(level, start, end) of every heading in the report's body, in reading order: the heading's
    title (its first sentence, without Markdown or bold marks and its closing punctuation), so
    `doc.text[start:end]` is what a list of a chapter's headings quotes (（一）全方位扩大内需…)."""
    text = doc.text
    out = []
    for p_start, p_end, _ in _grouped(text, _paragraphs(text, doc.body_end)):
        if p_end <= doc.text_start:
            continue
        para = text[p_start:p_end]
        level = _heading_level(para)
        lead = _BOLD_LEAD.match(para) if level is None else None
        if lead and _heading_level(lead.group(1)) is not None:
            # "**（一）聚力扩内需、稳外需。**强化经济…": a numbered heading run into its paragraph
            level = _heading_level(lead.group(1))
            sents = [(p_start + lead.start(1), p_start + lead.end(1))]
        elif level is None:
            continue
        else:
            sents = sentences(para, p_start)
        start, end = sents[0] if sents and CJK_CHAR.search(para) else (p_start, p_start + len(para.split("\n")[0]))
        while start < end and (text[start] in "#*\u3000 \t" or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in "*。；;：:\u3000 \t" or text[end - 1].isspace()):
            end -= 1
        if end > start:
            out.append((level, start, end))
    return out
