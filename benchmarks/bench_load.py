"""Concurrent askers against the running page: 8 clients, 400 mixed /ask requests, three ways:
Gradio's /ask through its documented HTTP queue protocol (POST /gradio_api/call/ask, then read the
event stream: what curl or any non-Python client does), the same /ask through gradio_client (whose
own work shares these 2 cores with the page), and the plain HTTP /api/ask; RSS before and after;
then 50 requests while `build --rebuild` runs, each compared with the answer before it.

    .venv/bin/python benchmarks/bench_load.py                       # the bundled report
    .venv/bin/python benchmarks/bench_load.py --data ../shared/corpus/reports --index /tmp/corpus-index --skip-rebuild

Prints figures; asserts nothing. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPORT, median, percentile  # noqa: E402
from bench_answer import rss_mb, start_page, stop_page, wait_ready  # noqa: E402

QUESTIONS = ["2023年固定资产投资增长目标是多少？", "What is the 2023 investment target?", "高新区的定位是什么？",
             "城镇新增就业目标", "What is the GDP growth target?", "2023年茂名的房价调控目标是多少？",
             "今年要建成哪些市属学校?", "What positioning is the high-tech zone anchored to?"]


def _http_client(url: str):
    """A client of the plain HTTP API (/api/ask) with gradio_client's `predict` signature."""
    import json
    import urllib.parse
    import urllib.request

    class Client:
        def predict(self, question, source, api_name):
            query = urllib.parse.urlencode({"question": question})
            with urllib.request.urlopen(f"{url}api/ask?{query}", timeout=60) as resp:
                return json.loads(resp.read())

    return Client()


def _queue_client(url: str):
    """A client of Gradio's own HTTP protocol for /ask (the page's queue), as curl would use it."""
    import json
    import urllib.request

    class Client:
        def predict(self, question, source, api_name):
            body = json.dumps({"data": [question, source, None]}).encode()
            request = urllib.request.Request(f"{url}gradio_api/call{api_name}", data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=60) as resp:
                event_id = json.loads(resp.read())["event_id"]
            event = None
            with urllib.request.urlopen(f"{url}gradio_api/call{api_name}/{event_id}", timeout=60) as resp:
                for raw in resp:
                    line = raw.decode("utf-8").strip()
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:") and event == "complete":
                        return json.loads(line[5:])[0]
                    elif line.startswith("data:") and event == "error":
                        raise RuntimeError(line[5:].strip())
            raise RuntimeError("the event stream ended without a result")

    return Client()


def ask_many(url: str, questions: list[str], clients: int, how: str = "queue"
             ) -> tuple[list[float], list[str], list[dict]]:
    """Each client asks its share of the questions in turn; (latencies, errors, answers in order).
    `how`: "queue" (Gradio's /ask over plain HTTP), "gradio_client" (the same /ask through
    gradio_client) or "api" (the plain /api/ask)."""
    from gradio_client import Client

    make = {"queue": _queue_client, "api": _http_client,
            "gradio_client": lambda url: Client(url, verbose=False)}[how]

    latencies: list[float] = []
    errors: list[str] = []
    answers: list[dict | None] = [None] * len(questions)

    def worker(ids: list[int]) -> None:
        client = make(url)
        for i in ids:
            t = time.perf_counter()
            try:
                answers[i] = client.predict(questions[i], None, api_name="/ask")
                latencies.append(time.perf_counter() - t)
            except Exception as exc:  # noqa: BLE001 - counted and printed
                errors.append(f"{type(exc).__name__}: {exc}"[:200])

    threads = [threading.Thread(target=worker, args=(list(range(c, len(questions), clients)),))
               for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="folder of reports (default: a copy of the bundled report)")
    parser.add_argument("--index", default=None, help="index folder (built when missing)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--questions", type=Path, default=None,
                        help="a JSONL file of {\"question\": …} to ask instead of the 8 mixed questions "
                             "(e.g. tests/corpus_qa.jsonl with --requests 224: every question once, nothing repeated)")
    parser.add_argument("--skip-rebuild", action="store_true",
                        help="leave out the requests during `build --rebuild` (which re-embeds the index)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-load-"))
    data = Path(args.data) if args.data else root / "data"
    if not args.data:
        data.mkdir()
        shutil.copy(REPORT, data / REPORT.name)
    index = Path(args.index) if args.index else root / "index"
    subprocess.run([sys.executable, "-m", "assistant", "build", "--data", str(data), "--index", str(index), "-q"],
                   check=True)
    proc, port, log = start_page(root, data, index, "page.log")
    try:
        wait_ready(proc, port, log)
        url = f"http://127.0.0.1:{port}/"
        before = rss_mb(proc.pid)[0]
        pool = QUESTIONS
        if args.questions:
            import json

            pool = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
        questions = [pool[i % len(pool)] for i in range(args.requests)]
        ask_many(url, questions[: args.clients], args.clients)  # warm-up
        alone, _, _ = ask_many(url, questions[:20], 1)
        print(f"{args.clients} clients, {len(questions)} /ask requests on {data}; one client alone p50 "
              f"{median(alone) * 1000:.0f} ms; RSS {before:.0f} MB before")
        for how, label in (("queue", "Gradio /ask over HTTP"), ("gradio_client", "Gradio /ask via gradio_client"),
                           ("api", "plain /api/ask")):
            ask_many(url, questions[: args.clients], args.clients, how)
            t, cpu = time.perf_counter(), time.process_time()
            latencies, errors, _ = ask_many(url, questions, args.clients, how)
            wall, cpu = time.perf_counter() - t, time.process_time() - cpu
            print(f"  {label:30} {len(errors)} errors, p50 {median(latencies) * 1000:4.0f} ms, "
                  f"p95 {percentile(latencies, 0.95) * 1000:4.0f} ms, {len(latencies) / wall:5.1f} requests/s; "
                  f"the clients' own CPU {cpu / len(questions) * 1000:4.1f} ms/request; "
                  f"RSS {rss_mb(proc.pid)[0]:.0f} MB after")
            for e in sorted(set(errors))[:5]:
                print("    error:", e)

        if args.skip_rebuild:
            return 0
        expected = dict(zip(QUESTIONS, ask_many(url, QUESTIONS, 1)[2]))
        rebuild = subprocess.Popen([sys.executable, "-m", "assistant", "build", "--rebuild", "--data", str(data),
                                    "--index", str(index), "-q"])
        during = [QUESTIONS[i % len(QUESTIONS)] for i in range(50)]
        lat, errs, answers = ask_many(url, during, 4)
        rebuild.wait()
        same = sum(a is not None and a["answer"] == expected[q]["answer"] for q, a in zip(during, answers))
        print(f"50 requests during build --rebuild (exit {rebuild.returncode}): {len(errs)} errors, {same} of 50 "
              f"answers equal to the answer before it, p50 {median(lat) * 1000:.0f} ms")
    finally:
        stop_page(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
