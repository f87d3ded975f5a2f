"""The frozen corpus question set over the whole 31-report corpus: build time and memory, then
answer accuracy, refusals, wrong-report answers, grounding and retrieval, split by part (dev /
holdout), language and question kind.

    .venv/bin/python benchmarks/bench_corpus.py                      # builds into a temporary folder
    .venv/bin/python benchmarks/bench_corpus.py --index /tmp/corpus-index   # reuse (and update) an index
    .venv/bin/python benchmarks/bench_corpus.py --split dev --misses # also list every miss

Reads the corpus from ../shared/corpus/reports (or --corpus); prints a line and exits 0 when it
is absent. The corpus texts are never copied into the repository.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import REPO, median, percentile  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "reports"
QUESTIONS = REPO / "tests" / "corpus_qa.jsonl"


def score(questions, answers, hits) -> dict:
    """Figures for one group of questions: answers[i] and hits[i] belong to questions[i]."""
    from assistant.answer import numbers_grounded
    from assistant.evaluate import answer_correct, first_relevant_rank, wrong_report

    answerable = [i for i, q in enumerate(questions) if not q.unanswerable]
    unanswerable = [i for i, q in enumerate(questions) if q.unanswerable]
    right = sum(answer_correct(answers[i], questions[i]) for i in answerable)
    top5 = [i for i in answerable if questions[i].key]
    found5 = sum(first_relevant_rank([h.text for h in hits[i][:5]], questions[i].key,
                                     [h.source for h in hits[i][:5]], questions[i].sources) is not None
                 for i in top5)
    return {
        "n": len(questions),
        "accuracy": right / len(answerable) if answerable else float("nan"),
        "refusals": sum(not answers[i].found for i in unanswerable) / len(unanswerable) if unanswerable
        else float("nan"),
        "top5": found5 / len(top5) if top5 else float("nan"),
        "wrong_report": sum(wrong_report(answers[i], questions[i]) for i in answerable),
        "ungrounded": sum(answers[i].found and not numbers_grounded(answers[i]) for i in range(len(questions))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--index", default=None, help="index folder to build or reuse (default: a temporary one)")
    parser.add_argument("--qa", default=str(QUESTIONS))
    parser.add_argument("--split", default=None, help="only this part of the set (dev or holdout)")
    parser.add_argument("--misses", action="store_true",
                        help="list every wrong answer of the parts worked on (never of a holdout part, "
                             "unless it is asked for by --split)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: nothing to measure")
        return 0
    import assistant
    from assistant.answer import Answerer
    from assistant.evaluate import answer_correct, load_questions
    from assistant.retrieve import Retriever

    index = Path(args.index or tempfile.mkdtemp(prefix="corpus-index-"))
    t = time.perf_counter()
    report = assistant.build_index(corpus, index)
    build_s = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"build: {report.chunks} chunks, {report.embedded} embedded, {len(report.added) + len(report.updated)} "
          f"report(s) read, {build_s:.1f} s, peak RSS {rss:.0f} MB ({index})")
    questions = [q for q in load_questions(args.qa) if args.split in (None, q.split)]
    answerer = Answerer(Retriever(index))
    answers, hits, times = [], [], []
    for q in questions:
        t = time.perf_counter()
        answers.append(answerer.ask(q.question))
        times.append(time.perf_counter() - t)
        hits.append(answerer.retriever.search(q.question, 5))
    print(f"{len(questions)} questions from {args.qa}; ask p50 {median(times) * 1000:.0f} ms, "
          f"p95 {percentile(times, 0.95) * 1000:.0f} ms\n")
    print(f"{'group':<22} {'n':>4} {'accuracy':>8} {'refusals':>8} {'top-5':>6} {'wrong rep.':>10} {'ungrounded':>10}")
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(questions):
        for key in ("all", f"split={q.split}", f"lang={q.lang}", f"{q.split}/{q.lang}", f"kind={q.kind}",
                    *(["needs"] if q.needs else [])):
            groups.setdefault(key, []).append(i)
    for key in sorted(groups, key=lambda k: (k != "all", not k.startswith("split"), "/" not in k, k)):
        ids = groups[key]
        s = score([questions[i] for i in ids], [answers[i] for i in ids], [hits[i] for i in ids])
        print(f"{key:<22} {s['n']:>4} {s['accuracy']:>8.3f} {s['refusals']:>8.3f} {s['top5']:>6.3f} "
              f"{s['wrong_report']:>10} {s['ungrounded']:>10}")
    if args.misses:
        print("\nMisses:")
        for q, a in zip(questions, answers):
            if q.split.startswith("holdout") and args.split != q.split:
                continue  # a holdout part stays unread: only its scores are shown
            ok = (not a.found) if q.unanswerable else answer_correct(a, q)
            if not ok:
                cited = ", ".join(sorted({c.source for c in a.citations}))
                print(f"  {q.id} [{q.kind}] {q.question}\n      expected {q.gold or q.gold_all or 'refusal'} "
                      f"from {q.sources}; got {a.text[:120]!r} ({cited})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
