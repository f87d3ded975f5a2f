"""Run every benchmark in sequence, each in its own process, each printing its own section.

    python benchmarks/run_all.py [--quick] [--json-dir DIR]

--quick runs bench_scale at 100,000 vectors only (no 1M run). --json-dir writes each script's
machine-readable results to DIR/<script>.json. A failing benchmark is reported and the rest run on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("bench_retrieval", "bench_answer", "bench_build", "bench_scale")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1M-vector scale run")
    parser.add_argument("--json-dir", metavar="DIR", help="write each benchmark's results as DIR/<name>.json")
    args = parser.parse_args()
    status = {}
    t_all = time.perf_counter()
    for name in SCRIPTS:
        cmd = [sys.executable, str(HERE / f"{name}.py")]
        if name == "bench_scale" and args.quick:
            cmd += ["--sizes", "100000"]
        if args.json_dir:
            cmd += ["--json", str(Path(args.json_dir) / f"{name}.json")]
        print(f"\n{'=' * 100}\n{name}: {' '.join(cmd[1:])}\n{'=' * 100}", flush=True)
        t = time.perf_counter()
        code = subprocess.call(cmd, cwd=HERE.parent)
        status[name] = (code, time.perf_counter() - t)
    print(f"\n{'=' * 100}")
    for name, (code, secs) in status.items():
        print(f"{name:16s} {'ok' if code == 0 else f'FAILED (exit {code})':18s} {secs:7.0f}s")
    print(f"{'total':16s} {'':18s} {time.perf_counter() - t_all:7.0f}s")
    return 0 if all(code == 0 for code, _ in status.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
