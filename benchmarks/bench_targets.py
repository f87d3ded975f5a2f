"""The targets table: extraction against the expected-rows fixture (written by reading the reports),
by report, and `python -m assistant targets` as a whole process against `python -c pass`.

    .venv/bin/python benchmarks/bench_targets.py                       # extraction only
    .venv/bin/python benchmarks/bench_targets.py --index /tmp/corpus   # and the CLI on a built corpus index
    .venv/bin/python benchmarks/bench_targets.py --extra               # also list rows outside the fixture

Recall: expected rows found with the same kind, year, indicator, value, unit and qualifier.
Precision (covered): of the extracted rows for a (kind, year, indicator) the fixture has, the
share that equal an expected row. Strict precision counts every other extracted row of the report
as wrong too, although the fixture lists only the main-targets lists and headline outcomes.
Prints a line and exits 0 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import PYTHON, REPO, median  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "reports"
EXPECTED = REPO / "tests" / "fixtures" / "expected_rows.jsonl"


def _key(kind, year, ident, value, unit, qualifier) -> tuple:
    return kind, year, ident, float(value) if value and "—" not in value else value, unit, qualifier


def extraction(corpus: Path, show_extra: bool) -> None:
    from assistant.chunk import ChunkerSettings, chunk_document
    from assistant.load import load_file
    from assistant.targets import extract

    expected = [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]
    by_file = defaultdict(list)
    for e in expected:
        by_file[e["file"]].append(e)
    print(f"{'report':<18} {'expected':>8} {'found':>6} {'recall':>7} {'covered':>8} {'right':>6} "
          f"{'precision':>9} {'extracted':>9} {'strict P':>8}")
    totals = defaultdict(int)
    for name in sorted(by_file):
        doc = load_file(corpus / name, corpus)
        rows = extract(doc, chunk_document(doc, ChunkerSettings()))
        got = {_key(r.kind, r.year, r.indicator, r.value, r.unit, r.qualifier): r for r in rows}
        want = {_key(e["kind"], e["period_year"], e["indicator"], e["value"], e["unit"], e["qualifier"])
                for e in by_file[name]}
        cells = {w[:3] for w in want}
        covered = [g for g in got if g[:3] in cells]
        right = sum(g in want for g in covered)
        found = len(want & set(got))
        line = dict(expected=len(want), found=found, covered=len(covered), right=right, extracted=len(got),
                    strict=found)
        for k, v in line.items():
            totals[k] += v
        print(f"{name:<18} {len(want):>8} {found:>6} {found / len(want):>7.3f} {len(covered):>8} {right:>6} "
              f"{right / max(len(covered), 1):>9.3f} {len(got):>9} {found / max(len(got), 1):>8.3f}")
        if show_extra:
            for g in sorted(set(got) - want, key=str):
                print(f"    not in the fixture: {g[0]} {g[1]} {g[2]} {got[g].quote}")
            for w in sorted(want - set(got), key=str):
                print(f"    missed: {w}")
    t = totals
    print(f"{'all':<18} {t['expected']:>8} {t['found']:>6} {t['found'] / t['expected']:>7.3f} {t['covered']:>8} "
          f"{t['right']:>6} {t['right'] / max(t['covered'], 1):>9.3f} {t['extracted']:>9} "
          f"{t['strict'] / max(t['extracted'], 1):>8.3f}")


def whole_process(index: Path, runs: int) -> None:
    def run(args: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=REPO)
        return time.perf_counter() - t0

    floor, targets, csv = [], [], []
    base = [PYTHON, "-m", "assistant", "targets", "-q", "--index", str(index), "--data", str(CORPUS)]
    for _ in range(runs):
        floor.append(run([PYTHON, "-c", "pass"]))
        targets.append(run(base))
        csv.append(run([*base, "--indicator", "gdp_growth", "--csv"]))
    rows = json.loads(subprocess.run([*base, "--json"], check=True, capture_output=True, cwd=REPO).stdout)
    print(f"\n`targets` on {index} ({len(rows)} rows), whole process, median of {runs}:")
    print(f"  python -c pass            {median(floor) * 1000:7.0f} ms")
    print(f"  targets (all rows)        {median(targets) * 1000:7.0f} ms")
    print(f"  targets --indicator --csv {median(csv) * 1000:7.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--index", type=Path, default=None, help="a built index of the corpus, to time the CLI")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--extra", action="store_true", help="list extracted rows the fixture does not have")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not present at {args.corpus}; nothing to measure")
        return 0
    extraction(args.corpus, args.extra)
    if args.index:
        whole_process(args.index, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
