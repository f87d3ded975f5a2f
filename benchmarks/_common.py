"""Helpers shared by the benchmark scripts: paths, timing statistics, plain-text tables, JSON output.

Benchmarks print figures; they assert nothing about timings. Every script builds what it needs
under a temporary folder and never touches the repository's `index/` or `data/`.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO / "data" / "maoming-2023-government-work-report.txt"
GOLDEN = REPO / "tests" / "golden_qa.jsonl"
PYTHON = sys.executable


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of values; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call."""
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def ratio(value: float, base: float) -> str:
    """value / base as "1.23x", or "n/a" when the base is zero or missing."""
    if base is None or value is None or base != base or value != value or base == 0:
        return "n/a"
    r = value / base
    return f"{r:.2f}x" if abs(r) >= 0.1 or r == 0 else f"{r:.2g}x"


def fmt(value: object, digits: int = 3) -> str:
    if isinstance(value, float):
        if value != value:
            return "n/a"
        return f"{value:.{digits}f}"
    return str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], digits: int = 3) -> str:
    """A plain-text table, columns right-aligned except the first."""
    cells = [[fmt(c, digits) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths)))

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def heading(text: str) -> None:
    print(f"\n== {text} ==", flush=True)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def machine() -> dict:
    """What the figures were measured on (the load average says how busy the machine was)."""
    import assistant.config  # noqa: F401  (sets the project's OpenMP defaults, as every entry point does)

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1_5_15": load_average(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "(unset)"),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "(unset)"),
        "time": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def print_machine(title: str) -> dict:
    info = machine()
    print(f"# {title}")
    print(f"# python {info['python']} on {info['platform']}, {info['cpus']} CPUs, "
          f"load average {info['load_average_1_5_15']} (1/5/15 min; >{info['cpus']} means other work "
          f"is competing for the CPU), OMP_NUM_THREADS={info['omp_num_threads']}, "
          f"OMP_WAIT_POLICY={info['omp_wait_policy']}", flush=True)
    return info


def write_json(path: str | os.PathLike | None, data: dict) -> None:
    if not path:
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    print(f"\n(results written to {path})")


@contextmanager
def workdir(prefix: str, keep: bool = False) -> Iterator[Path]:
    """A temporary folder for a benchmark's data and indexes, removed afterwards unless kept."""
    path = Path(tempfile.mkdtemp(prefix=f"report-qa-{prefix}-"))
    try:
        yield path
    finally:
        if keep:
            print(f"(kept {path})")
        else:
            shutil.rmtree(path, ignore_errors=True)


def bundled_data(root: Path) -> Path:
    """A data folder under root holding a copy of the bundled report."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPORT, data / REPORT.name)
    return data


def quiet_logs() -> None:
    """Keep library progress bars and info logs out of the printed tables."""
    import logging

    os.environ.setdefault("TQDM_DISABLE", "1")
    logging.basicConfig(level=logging.WARNING)
    for name in ("assistant", "faiss", "faiss.loader", "jieba", "sentence_transformers", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)
