"""The web page: a chat over the indexed reports with numbered citations and a sources panel.

Everything the page shows comes from the functions here (`chat_turn`, `answer_markdown`,
`sources_html`, `report_choices`, `ask_json`, `retrieve_json`), so it is tested without a
browser. Report text is text: every piece of it is escaped before it reaches the chat (which
renders Markdown) or the sources panel (which renders HTML).

No `from __future__ import annotations` here: `gr.api` reads the endpoint functions' type hints
at run time to describe `/ask` and `/retrieve`.
"""

import logging
import threading
from pathlib import Path

import gradio as gr

from . import lexicon, resources
from .answer import Answer, ask
from .config import MAX_FILE_BYTES, MAX_PDF_DOCX_BYTES
from .conversation import MAX_HISTORY, check_history
from .errors import (
    AssistantError,
    IndexFormatError,
    IndexNotFoundError,
    os_error_sentence,
)
from .library import add_reports, ensure_index, open_index
from .render import (  # noqa: F401  (the page's rendering, re-exported for its tests)
    CSS,
    SOURCES_PLACEHOLDER,
    answer_markdown,
    md_text,
    sentence,
    sources_html,
    unescape_md,
)
from .retrieve import check_question, get_retriever, unknown_report
from .table import load_rows
from .targets_tab import build_tab

log = logging.getLogger(__name__)

TITLE = "政府工作报告问答 · Report QA"
DESCRIPTION = ("Ask about the indexed government work reports in Chinese or English: every answer quotes "
               "the report and cites the passage it comes from.")
EXAMPLES = resources.examples()
ALL_REPORTS = "All reports"
MAX_K = 50
# Questions answered at once: answering only reads; uploads and builds run one at a time.
CONCURRENT_ANSWERS = 4
# How much of a rejected question the chat echoes back.
ECHO_CHARS = 200
UNEXPECTED = "Something went wrong while answering; the server log has the details."

# ---------------------------------------------------------------- the functions behind the page


def _retriever(index_dir: str | Path | None, data_dir: str | Path | None):
    """The page's retriever; the page owns "build when missing": an index that is absent or
    unreadable is built from the data folder first (once, under the build lock)."""
    try:
        retriever = get_retriever(index_dir)
        retriever.refresh()
        return retriever
    except (IndexNotFoundError, IndexFormatError):
        return open_index(data_dir, index_dir, progress=_BuildLog())


def source_filter(value: str | None) -> str | None:
    """The ask() source filter for a dropdown value ("All reports" and empty mean no filter)."""
    value = (value or "").strip()
    return None if value in ("", ALL_REPORTS) else value


def report_choices(data_dir: str | Path | None = None, index_dir: str | Path | None = None) -> list[tuple[str, str]]:
    """The report filter's (label, value) choices: "All reports", then each indexed report."""
    retriever = _retriever(index_dir, data_dir)
    retriever.refresh()
    choices = [(ALL_REPORTS, ALL_REPORTS)]
    labels: dict[str, int] = {}
    rows = []
    for source, info in sorted(retriever.reports().items()):
        title = info.title or source
        year = info.year
        label = f"{title} ({year})" if year and str(year) not in title else title
        labels[label] = labels.get(label, 0) + 1
        rows.append((label, source))
    choices += [(f"{label} · {source}" if labels[label] > 1 else label, source) for label, source in rows]
    return choices


def _whole_number(k: object) -> int:
    """The /retrieve `k`: a whole number from 1 to MAX_K (digits in a string are fine)."""
    if isinstance(k, bool) or not (isinstance(k, int) or (isinstance(k, str) and k.strip().isdigit())):
        raise AssistantError(f"the number of passages k must be a whole number between 1 and {MAX_K}, not {k!r}")
    if not 1 <= int(k) <= MAX_K:
        raise AssistantError(f"the number of passages k must be between 1 and {MAX_K}, not {k}")
    return int(k)


def _check_source(source: object, data_dir, index_dir) -> str | None:
    if source is not None and not isinstance(source, str):
        raise AssistantError(f"the report filter must be one report's name as text, not a {type(source).__name__}")
    source = source_filter(source)
    if source is not None:
        known = _retriever(index_dir, data_dir).reports()
        if source not in known:
            raise unknown_report([source], list(known))
    return source


def get_answer(question: str, source: str | None = None, *, data_dir: str | Path | None = None,
               index_dir: str | Path | None = None, history: list[str] | None = None) -> Answer:
    """ask() with the page's source filter and the conversation's earlier questions; raises
    AssistantError for bad questions, history or filters."""
    question = check_question(question)
    history = check_history(history)
    source = _check_source(source, data_dir, index_dir)
    _retriever(index_dir, data_dir)
    return ask(question, index_dir, source=source, history=history)


def chat_turn(question: str, history: list[dict] | None, source: str | None = None, *,
              data_dir: str | Path | None = None, index_dir: str | Path | None = None,
              asked: list[str] | None = None) -> tuple[list[dict], str]:
    """One turn of the chat.

    Args:
        question: what the person typed.
        history: the chat so far (messages format).
        source: the report filter's value.
        asked: the earlier questions as typed (the page keeps them); follow-ups take what they
            leave out from them. When None, they are read back from the chat's own messages.
    Returns:
        The chat with the question and the reply appended, and the sources panel's HTML.
        Errors become one sentence in the chat, never a traceback.
    """
    history = [dict(m) for m in history or []]
    question = question if isinstance(question, str) else ""
    if question.strip():
        echo = question.strip()
        if len(echo) > ECHO_CHARS:
            echo = f"{echo[:ECHO_CHARS]}… ({len(echo):,} characters)"
        history.append({"role": "user", "content": md_text(echo)})
    earlier = asked if asked is not None else _questions_in(history[:-1] if question.strip() else history)
    try:
        answer = get_answer(question, source, data_dir=data_dir, index_dir=index_dir, history=earlier)
    except AssistantError as exc:
        history.append({"role": "assistant", "content": md_text(sentence(exc, question))})
        return history, SOURCES_PLACEHOLDER
    except Exception:
        log.exception("answering %r failed", question[:ECHO_CHARS])
        history.append({"role": "assistant", "content": UNEXPECTED})
        return history, SOURCES_PLACEHOLDER
    history.append({"role": "assistant", "content": answer_markdown(answer)})
    return history, sources_html(answer)


def _questions_in(history: list[dict]) -> list[str]:
    """The person's questions in a chat (its user messages, Markdown escapes undone)."""
    return [unescape_md(m["content"]) for m in history
            if m.get("role") == "user" and isinstance(m.get("content"), str)][-MAX_HISTORY:]


def ask_json(question: str, source: str | None = None, *, data_dir: str | Path | None = None,
             index_dir: str | Path | None = None, history: list[str] | None = None) -> dict:
    """The /ask endpoint's answer: Answer.to_dict()."""
    return get_answer(question, source, data_dir=data_dir, index_dir=index_dir, history=history).to_dict()


def retrieve_json(question: str, k: int = 5, *, data_dir: str | Path | None = None,
                  index_dir: str | Path | None = None) -> dict:
    """The /retrieve endpoint's passages, with the keys of `python -m assistant search --json`."""
    question = check_question(question)
    k = _whole_number(k)
    hits = _retriever(index_dir, data_dir).search(question, k)
    return {"question": question, "hits": [h.to_dict() for h in hits]}


def show_sources(history: list[dict], panels: list[str], evt: gr.SelectData) -> str:
    """The sources of the answer clicked (or of the answer to the question clicked)."""
    index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
    if not isinstance(index, int) or not panels:
        return gr.skip()
    answers = [i for i, m in enumerate(history or []) if m.get("role") == "assistant"]
    ordinal = next((n for n, i in enumerate(answers) if i >= index), len(answers) - 1)
    return panels[ordinal] if 0 <= ordinal < len(panels) else gr.skip()


def targets_of(data_dir: str | Path | None = None, index_dir: str | Path | None = None) -> list:
    """The targets table of the page's index (built first when missing, like the chat's)."""
    _retriever(index_dir, data_dir)
    return load_rows(index_dir)


# ---------------------------------------------------------------- the page


def upload_reports(files: list | None, *, data_dir: str | Path | None = None,
                   index_dir: str | Path | None = None, progress=None, delete_uploads: bool = False) -> str:
    """Add uploaded report files to the data folder and the index; a Markdown status line per file.

    Names are sanitised (no folders, no leading dots); files that cannot be read as reports are
    not copied and leave the index as it was.
    """
    # Gradio hands over file paths (type="filepath"); older clients may send objects with .name.
    paths = [Path(f) if isinstance(f, (str, Path)) else Path(f.name) for f in files or []]
    if not paths:
        return "Choose one or more report files first (.txt, .md, .docx, .pdf, .html)."
    try:
        report = add_reports(paths, data_dir, index_dir, progress=progress)
    finally:
        if delete_uploads:
            for path in paths:  # Gradio's temporary copies: the data folder holds what was kept
                path.unlink(missing_ok=True)
    # Only what this upload did: its files, not the rest of the data folder.
    lines = []
    for given, source in report.stored.items():
        if source in report.added:
            lines.append(f"Added **{md_text(source)}**: askable now.")
        elif source in report.updated:
            lines.append(f"Updated **{md_text(source)}**.")
        elif source in report.duplicates:
            lines.append(f"**{md_text(given)}** has the same content as {md_text(report.duplicates[source])}, "
                         "which is indexed: nothing new to ask.")
        elif source in report.unchanged:
            lines.append(f"**{md_text(source)}** was already indexed with the same content.")
        elif source in report.skipped:
            lines.append(f"Not added: {md_text(report.skipped[source])}")
    for reason in report.refused.values():
        lines.append(f"Not added: {md_text(reason)}")
    return "\n\n".join(lines) or "Nothing changed."


def build_demo(data_dir: str | Path | None = None, index_dir: str | Path | None = None) -> gr.Blocks:
    """The page. Building it neither reads nor builds the index: that happens on first use.

    Args:
        data_dir: folder of reports (default `data/` or $ASSISTANT_DATA_DIR).
        index_dir: index folder (default `index/` or $ASSISTANT_INDEX_DIR).
    Returns:
        A `gr.Blocks` with the chat, the sources panel and the `/ask` and `/retrieve` endpoints.
    """
    where = {"data_dir": data_dir, "index_dir": index_dir}

    def respond(question: str, history: list[dict], source: str | None, asked: list[str] | None,
                panels: list[str] | None):
        history, panel = chat_turn(question, history, source, asked=list(asked or []), **where)
        if isinstance(question, str) and question.strip():
            asked = [*(asked or []), question.strip()][-MAX_HISTORY:]
        return "", history, panel, asked, [*(panels or []), panel]

    def clear():
        return "", [], SOURCES_PLACEHOLDER, [], []

    def refresh_filter(current: str | None):
        try:
            choices = report_choices(**where)
        except AssistantError as exc:
            log.warning("report filter: %s", sentence(exc))
            return gr.Dropdown(choices=[(ALL_REPORTS, ALL_REPORTS)], value=ALL_REPORTS)
        values = {value for _, value in choices}
        return gr.Dropdown(choices=choices, value=current if current in values else ALL_REPORTS)

    def upload(files, current: str | None, progress=gr.Progress()):  # noqa: B008 (Gradio injects it)
        def report_progress(stage: str, done: int, total: int) -> None:
            progress((done, max(total, 1)), desc=stage)

        try:
            status = upload_reports(files, progress=report_progress, delete_uploads=True, **where)
        except AssistantError as exc:
            status = md_text(sentence(exc))
        except OSError as exc:
            log.warning("upload: %s", exc)
            status = md_text(os_error_sentence(exc))
        return status, None, refresh_filter(current)

    def ask_endpoint(question: str, source: str | None = None, history: list[str] | None = None) -> dict:
        """Answer a question with numbered citations (Answer.to_dict()).

        Args:
            question: Chinese or English.
            source: only this report (its path under the data folder); empty or "All reports" for all.
            history: the conversation's earlier questions, oldest first; a follow-up takes what it
                leaves out (place, year, subject) from them.
        """
        try:
            return ask_json(question, source, history=history, **where)
        except AssistantError as exc:
            raise gr.Error(sentence(exc, question)) from None
        except OSError as exc:
            raise gr.Error(os_error_sentence(exc, "read")) from None

    def retrieve_endpoint(question: str, k: int = 5) -> dict:
        """The k passages that best answer a question: {"question", "hits": [...]}.

        Args:
            question: Chinese or English.
            k: how many passages (1-50).
        """
        try:
            return retrieve_json(question, k, **where)
        except AssistantError as exc:
            raise gr.Error(sentence(exc, question)) from None
        except OSError as exc:
            raise gr.Error(os_error_sentence(exc, "read")) from None

    with gr.Blocks(title="Report QA", analytics_enabled=False) as demo:
        asked = gr.State([])  # the questions as typed, for follow-ups
        panels = gr.State([])  # each answer's sources panel, in the order of the answers
        gr.Markdown(f"# {TITLE}\n{DESCRIPTION}", elem_id="rqa-title")
        with gr.Tab("Chat 问答", elem_id="rqa-tab-chat"):
            # Chat, then its sources: side by side on a wide screen, one after the other on a phone;
            # examples and uploads below both.
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=360):
                    report = gr.Dropdown(choices=[(ALL_REPORTS, ALL_REPORTS)], value=ALL_REPORTS,
                                         label="Report", elem_id="rqa-report", interactive=True)
                    chatbot = gr.Chatbot(label="Chat", show_label=False, elem_id="rqa-chat", height=480,
                                         layout="bubble", sanitize_html=True, render_markdown=True,
                                         line_breaks=True, latex_delimiters=[], allow_tags=False,
                                         feedback_options=None, group_consecutive_messages=False,
                                         buttons=["copy"],
                                         placeholder="Ask about the reports in Chinese or English; "
                                                     "click an answer to see its sources.")
                    with gr.Row():
                        question = gr.Textbox(show_label=False, placeholder="输入问题 / Type a question, then Enter",
                                              elem_id="rqa-question", scale=6, min_width=240, lines=1,
                                              max_lines=4, autofocus=True)
                        submit = gr.Button("Ask", variant="primary", elem_id="rqa-submit", scale=1, min_width=80)
                        clear_btn = gr.Button("Clear", elem_id="rqa-clear", scale=1, min_width=80)
                with gr.Column(scale=2, min_width=320):
                    sources = gr.HTML(SOURCES_PLACEHOLDER, label="Sources", elem_id="rqa-sources",
                                      js_on_load=None, max_height=720)
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=360):
                    examples = gr.Examples(EXAMPLES, inputs=question, label="Examples · 示例 (click one to ask it)")
                with gr.Column(scale=2, min_width=320), gr.Accordion("Add reports · 添加报告", open=False,
                                                                     elem_id="rqa-upload"):
                    files = gr.File(file_count="multiple", label="Report files (.txt .md .docx .pdf .html)",
                                    file_types=[".txt", ".md", ".docx", ".pdf", ".html", ".htm"],
                                    elem_id="rqa-files")
                    add_btn = gr.Button("Add to the index", elem_id="rqa-add")
                    upload_status = gr.Markdown(elem_id="rqa-upload-status")
        with gr.Tab("Targets 目标", elem_id="rqa-tab-targets") as targets_tab:
            refresh_targets, target_filters, target_outputs = build_tab(lambda: targets_of(**where))
        targets_tab.select(refresh_targets, inputs=target_filters, outputs=target_outputs, api_visibility="private")
        state = [asked, panels]
        gr.on([question.submit, submit.click], respond, inputs=[question, chatbot, report, *state],
              outputs=[question, chatbot, sources, *state], api_visibility="private")
        # Clicking an example asks it, as a turn of the chat.
        examples.load_input_event.then(respond, inputs=[question, chatbot, report, *state],
                                       outputs=[question, chatbot, sources, *state], api_visibility="private")
        chatbot.select(show_sources, inputs=[chatbot, panels], outputs=sources, api_visibility="private")
        clear_btn.click(clear, outputs=[question, chatbot, sources, *state], api_visibility="private")
        chatbot.clear(clear, outputs=[question, chatbot, sources, *state], api_visibility="private")  # bin icon
        demo.load(refresh_filter, inputs=report, outputs=report, api_visibility="private")
        add_btn.click(upload, inputs=[files, report], outputs=[upload_status, files, report],
                      api_visibility="private", concurrency_limit=1, concurrency_id="build")
        gr.api(ask_endpoint, api_name="ask")
        gr.api(retrieve_endpoint, api_name="retrieve")
    return demo


# ---------------------------------------------------------------- serving


class _BuildLog:
    """BuildProgress that logs each stage as it starts (the embedder draws its own progress bar)."""

    def __init__(self) -> None:
        self.stage: str | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stage = stage
            log.info("  %s (%d) …", stage, total)


def theme() -> gr.themes.Base:
    """The default theme with local fonts only (no web font requests; CJK from the system)."""
    sans = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]
    return gr.themes.Default(font=sans, font_mono=["Noto Sans Mono CJK SC", "ui-monospace", "monospace"])


def launch(data_dir: str | Path | None = None, index_dir: str | Path | None = None, host: str = "127.0.0.1",
           port: int = 7860, share: bool = False) -> None:
    """Bring the index up to date, load it, and serve the page until interrupted.

    Args:
        data_dir: folder of reports (default `data/` or $ASSISTANT_DATA_DIR).
        index_dir: index folder (default `index/` or $ASSISTANT_INDEX_DIR).
        host: address to listen on.
        port: port to listen on.
        share: also open a public Gradio share link.
    """
    ensure_index(data_dir, index_dir, progress=_BuildLog())
    # Load the index and the model and run the answer path once now, not on the first question.
    _retriever(index_dir, data_dir)
    ask("政府工作报告", index_dir)
    # the dictionary tables English questions read (made once per machine, then cached), beside serving
    threading.Thread(target=lexicon.load_tables, name="dictionary", daemon=True).start()
    demo = build_demo(data_dir, index_dir)
    # Gradio's own banner ends with "set share=True in launch()": the project's word for it is --share.
    log.info("Serving the page on http://%s:%s%s", host, port,
             "; a public share link follows" if share else " (python -m assistant serve --share for a public link)")
    from starlette.middleware import Middleware

    from .http import BodyLimit, api_routes, report_route

    where = {"data_dir": data_dir, "index_dir": index_dir}
    routes = api_routes(lambda q, s, history=None: ask_json(q, s, history=history, **where),
                        lambda q, k: retrieve_json(q, k, **where)) + [report_route(data_dir, index_dir)]
    largest = max(MAX_FILE_BYTES, MAX_PDF_DOCX_BYTES)
    demo.queue(default_concurrency_limit=CONCURRENT_ANSWERS).launch(
        server_name=host, server_port=port, share=share, theme=theme(), css=CSS, quiet=not share,
        max_file_size=f"{largest // (1024 * 1024)}mb",
        app_kwargs={"routes": routes, "middleware": [Middleware(BodyLimit, upload_bytes=largest + 2**20)]})
