"""What the page shows, as text: answers as Markdown for the chat, sources as HTML cards, and the
page's CSS. Report text is text: every piece of it is escaped before it reaches the chat (which
renders Markdown) or the sources panel (which renders HTML). No Gradio here.
"""

import html
import re
from urllib.parse import urlencode

from .answer import Answer, Citation
from .errors import in_language
from .retrieve import Hit
from .tokenize import is_english

SOURCES_PLACEHOLDER = ('<div class="rqa-sources"><h3>Sources</h3><div class="rqa-empty">The passages an answer '
                       "cites appear here, with the quoted words highlighted.</div></div>")
# Characters of a related passage shown in the chat, to tell passages of one section apart.
EXCERPT_CHARS = 36
CSS = """
.rqa-sources { font-size: 0.92rem; line-height: 1.55; }
.rqa-sources h3 { margin: 0 0 0.5rem; font-size: 1rem; }
.rqa-empty { color: #4b5563; padding: 0.5rem 0; }
.rqa-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6rem 0.75rem;
            margin-bottom: 0.6rem; background: var(--background-fill-secondary); }
.rqa-head { font-weight: 600; }
.rqa-n { color: var(--color-accent); margin-right: 0.3rem; }
.rqa-label { font-weight: 400; font-size: 0.8rem; color: #374151; white-space: nowrap;
             border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0 0.3rem; }
.rqa-section { color: #374151; font-size: 0.85rem; }
.rqa-span { color: #374151; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
.rqa-open { color: #1d4ed8; text-decoration: underline; }
.dark .rqa-label, .dark .rqa-section, .dark .rqa-span { color: #e5e7eb; }
.dark .rqa-open { color: #93c5fd; }
#rqa-chat .bot { cursor: pointer; }
.rqa-text { margin: 0.4rem 0 0; white-space: pre-wrap; word-break: break-word; }
.rqa-text mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
"""

_SPACE = re.compile(r"\s+")
# Characters Markdown gives a meaning inside a line; `<`, `>` and `&` are HTML-escaped first.
_MARKDOWN = re.compile(r"([\\`*_\[\]{}()~|$!#])")
_TEMPLATE = str.maketrans({"$": "&#36;", "{": "&#123;", "}": "&#125;"})


# ---------------------------------------------------------------- escaping


def md_text(text: str, strip: bool = True) -> str:
    """Report text made safe for the chat: no HTML, no Markdown, on one line."""
    text = _SPACE.sub(" ", text)
    return _MARKDOWN.sub(r"\\\1", html.escape(text.strip() if strip else text, quote=False))


def unescape_md(text: str) -> str:
    """md_text undone: the words as typed (HTML entities and Markdown escapes reversed)."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def _h(text: object) -> str:
    """Text made safe for the sources panel; `${` and `{{` too, the syntax of gr.HTML templates."""
    return html.escape(str(text), quote=True).translate(_TEMPLATE)


def sentence(exc: BaseException, question: object = None) -> str:
    """An error as one sentence for a person, in the question's language when it has both."""
    said = in_language(exc, question)
    text = _SPACE.sub(" ", said).strip() or type(exc).__name__
    text = text[0].upper() + text[1:]
    if text[-1] in ".。!?！？":
        return text
    return text + ("。" if said is getattr(exc, "zh", None) else ".")


# ---------------------------------------------------------------- rendering


def _marker_spans(answer: Answer) -> list[tuple[int, int]]:
    """Where the answer text's own [n] markers are (report text may contain "[1]" too)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for c in answer.citations:
        tag = f"[{c.n}]"
        i = answer.text.find(c.quote + tag, pos)
        if i < 0:
            return []  # unknown layout: escape everything, markers included
        j = i + len(c.quote)
        spans.append((j, j + len(tag)))
        pos = j + len(tag)
    return spans


def _excerpt(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _place(hit: Hit) -> str:
    """source · page or paragraph (for extracted formats) · section heading path."""
    return " · ".join(x for x in (hit.source, hit.locator, hit.section) if x)


def answer_markdown(answer: Answer) -> str:
    """The chat message for an answer: its text with [n] markers and a compact citation list."""
    parts, pos = [], 0
    for a, b in _marker_spans(answer):
        parts.append(md_text(answer.text[pos:a], strip=False) + answer.text[a:b])
        pos = b
    parts.append(md_text(answer.text[pos:], strip=False))
    body = "".join(parts).strip()
    if answer.context:  # a follow-up: what it took from the earlier questions
        body = f"*↳ {md_text(' · '.join(answer.context))}*\n\n{body}"
    if answer.found:
        cites = "\n".join(f"**[{c.n}]** {md_text(_place(c))}" for c in answer.citations)
        return f"{body}\n\n{cites}"
    if answer.related:
        related = "\n".join(f"- {md_text(_place(h))}: “{md_text(_excerpt(h.text))}”" for h in answer.related)
        label = "Related passages (not an answer)" if is_english(answer.question) else "相关段落（并非答案） · Related passages"
        return f"{body}\n\n*{label}:*\n{related}"
    return body


def _highlights(c: Citation) -> list[tuple[int, int]]:
    """Offsets in the passage of the quoted clause(s); the quote joins separate clauses with ；."""
    text = c.text
    whole = (max(0, c.quote_start - c.start), min(len(text), c.quote_end - c.start))
    spans: list[tuple[int, int]] = []
    pos = whole[0]
    for piece in (p for p in c.quote.split("；") if p):
        i = text.find(piece, pos)
        if i < 0:
            return [whole] if whole[0] < whole[1] else []
        if spans and i - spans[-1][1] <= 1:
            spans[-1] = (spans[-1][0], i + len(piece))
        else:
            spans.append((i, i + len(piece)))
        pos = i + len(piece)
    return spans


def _passage(text: str, marks: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in marks:
        out.append(_h(text[pos:a]) + "<mark>" + _h(text[a:b]) + "</mark>")
        pos = b
    out.append(_h(text[pos:]))
    return "".join(out)


def _card(hit: Hit, label: str, marks: list[tuple[int, int]], quote: tuple[int, int] | None) -> str:
    about = [hit.title] if hit.title else []
    if hit.year and str(hit.year) not in hit.title:
        about.append(str(hit.year))
    title = _h(" · ".join(about))
    where = " · ".join(x for x in (hit.locator, hit.section) if x) or "(no heading)"
    span = f"characters {hit.start}–{hit.end}"
    if quote:
        span = f"quote at characters {quote[0]}–{quote[1]} · passage {hit.start}–{hit.end}"
    return (
        f'<div class="rqa-card">'
        f'<div class="rqa-head"><span class="rqa-n">{_h(label)}</span>'
        f'<span class="rqa-file">{_h(hit.source)}</span>'
        + (f' <span class="rqa-label">{title}</span>' if title else "")
        + "</div>"
        f'<div class="rqa-section">{_h(where)}</div>'
        f'<div class="rqa-span">{span} · <a class="rqa-open" target="_blank" rel="noopener" '
        f'href="{_h(_report_link(hit, quote))}">open in report · 查看原文</a></div>'
        f'<blockquote class="rqa-text">{_passage(hit.text, marks)}</blockquote>'
        "</div>"
    )


def _report_link(hit: Hit, quote: tuple[int, int] | None) -> str:
    """The page's whole-report view, scrolled to the quote (or the passage)."""
    start, end = quote or (hit.start, hit.end)
    return f"/report?{urlencode({'source': hit.source, 'start': start, 'end': end})}#rqa-hit"


def sources_html(answer: Answer | None) -> str:
    """The sources panel: each cited passage with the quoted words marked, or the related ones."""
    if answer is None or not (answer.citations or answer.related):
        return SOURCES_PLACEHOLDER
    if answer.found:
        cards = [_card(c, f"[{c.n}]", _highlights(c), (c.quote_start, c.quote_end)) for c in answer.citations]
        head = "Sources"
    else:
        cards = [_card(h, "related", [], None) for h in answer.related]
        head = "Related passages — the reports do not answer this question"
    return f'<div class="rqa-sources"><h3>{_h(head)}</h3>{"".join(cards)}</div>'


