"""Follow-up questions: the frozen conversations of `tests/conversations_qa.jsonl` over the corpus.

Each conversation is asked turn by turn, every turn with the questions before it as history (as
the page and the /ask endpoint do). A turn is right when its answer and one of its cited passages
from the turn's reports hold a gold string (`assistant.evaluate.answer_correct`).

    .venv/bin/python benchmarks/bench_conversations.py --index /tmp/corpus-index [--misses]

Builds the corpus index into a temporary folder when --index is not given; prints a line and
exits 0 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import REPO, median  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "reports"
CONVERSATIONS = REPO / "tests" / "conversations_qa.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument("--misses", action="store_true", help="print every wrong turn")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not present at {args.corpus}; nothing to measure")
        return 0
    from assistant import build_index
    from assistant.answer import Answerer
    from assistant.evaluate import Question, answer_correct
    from assistant.retrieve import Retriever

    index = args.index or Path(tempfile.mkdtemp(prefix="conversations-")) / "index"
    build_index(args.corpus, index)
    answerer = Answerer(Retriever(index))
    conversations = [json.loads(line) for line in CONVERSATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    tally: dict[str, list[int]] = {}
    times, misses = [], []
    for conv in conversations:
        history: list[str] = []
        for n, turn in enumerate(conv["turns"]):
            t0 = time.perf_counter()
            answer = answerer.ask(turn["question"], history=history)
            times.append(time.perf_counter() - t0)
            q = Question(turn["question"], turn.get("gold", []), turn.get("unanswerable", False),
                         gold_all=turn.get("gold_all", []), sources=turn.get("sources", []))
            right = (not answer.found) if q.unanswerable else answer_correct(answer, q)
            for group in ("all", f"lang={conv['lang']}", "first turns" if n == 0 else "follow-ups",
                          f"follow-ups/{conv['lang']}" if n else ""):
                if group:
                    tally.setdefault(group, [0, 0])
                    tally[group][0] += right
                    tally[group][1] += 1
            if not right:
                misses.append((conv["id"], n + 1, turn["question"], answer.understood_as, turn.get("gold"), answer.text))
            history.append(turn["question"])
    print(f"{len(conversations)} conversations, {sum(len(c['turns']) for c in conversations)} turns "
          f"from {CONVERSATIONS.name}; ask p50 {median(times) * 1000:.0f} ms\n")
    print(f"{'group':<16} {'n':>4} {'accuracy':>8}")
    for group in ("all", "first turns", "follow-ups", "follow-ups/zh", "follow-ups/en", "lang=zh", "lang=en"):
        right, n = tally.get(group, [0, 0])
        print(f"{group:<16} {n:>4} {right / n if n else float('nan'):>8.3f}")
    if args.misses:
        print("\nMisses:")
        for cid, n, question, understood, gold, text in misses:
            print(f"  {cid} turn {n}: {question}\n      understood as: {understood or '(as asked)'}\n"
                  f"      expected {gold}; got {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
