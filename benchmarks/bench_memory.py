"""Page memory: RSS of `python app.py` when ready, then every 50 of 200 questions, then after 5
uploads through the page in Chromium (each a small generated report), then after 50 more questions.

    .venv/bin/python benchmarks/bench_memory.py                 # the bundled report
    .venv/bin/python benchmarks/bench_memory.py --questions 400

Prints figures; asserts nothing. Needs Chromium at /usr/bin/chromium for the uploads (else skips
them and says so).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPORT  # noqa: E402
from bench_answer import rss_mb, start_page, stop_page, wait_ready  # noqa: E402
from bench_load import QUESTIONS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def ask(port: int, question: str, history: list[str]) -> dict:
    query = urllib.parse.urlencode([("question", question), *[("history", h) for h in history]])
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/ask?{query}", timeout=60) as resp:
        return json.loads(resp.read())


def upload(port: int, files: list[Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator("#rqa-upload").get_by_text("Add reports").click()
            for path in files:
                page.locator("#rqa-files input[type=file]").set_input_files(str(path))
                page.locator("#rqa-add").click()
                expect(page.locator("#rqa-upload-status")).to_contain_text(path.name, timeout=300_000)
        finally:
            browser.close()


def report_text(n: int) -> str:
    return (f"海{n}市2024年政府工作报告\n\n一、2023年工作回顾\n\n过去一年，全市地区生产总值{1000 + n}.5亿元、增长{n}.1%。\n\n"
            f"二、2024年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长{n}%左右；城镇新增就业{n}万人。"
            f"建设第{n}号海港物流园，推进滨海新区建设。\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--uploads", type=int, default=5)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    data = root / "data"
    data.mkdir()
    shutil.copy2(REPORT, data / REPORT.name)
    proc, port, log = start_page(root, data, root / "index", "app.log")
    try:
        wait_ready(proc, port, log)
        print(f"ready: RSS {rss_mb(proc.pid)[0]:.0f} MB")
        history: list[str] = []
        for i in range(args.questions):
            question = QUESTIONS[i % len(QUESTIONS)]
            ask(port, question, history[-2:])
            history.append(question)
            if (i + 1) % 50 == 0:
                print(f"after {i + 1} questions: RSS {rss_mb(proc.pid)[0]:.0f} MB")
        if args.uploads and Path(CHROMIUM).exists():
            files = []
            for n in range(1, args.uploads + 1):
                path = root / f"upload-{n}.txt"
                path.write_text(report_text(n), encoding="utf-8")
                files.append(path)
            upload(port, files)
            print(f"after {args.uploads} uploads: RSS {rss_mb(proc.pid)[0]:.0f} MB")
            for i in range(50):
                ask(port, QUESTIONS[i % len(QUESTIONS)], [])
            print(f"after 50 more questions: RSS {rss_mb(proc.pid)[0]:.0f} MB")
        elif args.uploads:
            print(f"no Chromium at {CHROMIUM}: uploads skipped")
    finally:
        stop_page(proc)
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
