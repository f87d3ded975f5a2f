"""The page end to end: `python app.py` in a subprocess, its API through gradio_client, the chat in Chromium.

`start_app` / `stop_app` are plain functions so benchmarks can reuse them
(`sys.path.insert(0, "tests"); from test_page import start_app, stop_app`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "maoming-2023-government-work-report.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
INVESTMENT_ZH = "2023年固定资产投资增长目标是多少？"
INVESTMENT_EN = "What is the 2023 investment target?"
SECTION = "二、2023年工作安排"
HIT_KEYS = {"rank", "score", "source", "section", "text", "start", "end", "chunk_id", "title", "year", "region",
            "level", "dense_score", "bm25_score", "locator", "kind", "period"}
# A second report, on a topic of its own, whose text carries markup that must stay text.
HOSTILE_NAME = "hostile-2024.txt"
HOSTILE_TITLE = "测试市2024年政府工作报告"
HOSTILE = """测试市2024年政府工作报告

一、2024年工作安排

  抓好港口建设。港口吞吐量目标是1.2亿吨<img src=x onerror=alert(2)>,推动<script>alert(1)</script>港口转型,<b>加快</b>航道建设。
"""
START_TIMEOUT = 300.0


@dataclass
class App:
    """A running `python app.py`."""

    proc: subprocess.Popen
    url: str
    index: Path
    log: Path
    startup_seconds: float  # process start → first HTTP 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start_app(data: Path, index: Path, log: Path, port: int | None = None, timeout: float = START_TIMEOUT) -> App:
    """Start `python app.py` on a free port and wait until the page answers HTTP 200.

    Args:
        data: folder of reports.
        index: index folder (built by the app when missing or stale).
        log: file for the app's output.
        port: port to listen on (default: a free one).
        timeout: seconds to wait for the page.
    Returns:
        The running app, with the seconds from process start to the first HTTP 200.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1", NO_PROXY="127.0.0.1,localhost")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(port), "--data", str(data), "--index", str(index)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py exited with {proc.returncode}:\n{_log_tail(log)}")
        try:
            with opener.open(url, timeout=2) as response:
                if response.status == 200:
                    return App(proc, url, index, log, time.perf_counter() - t0)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.perf_counter() - t0 > timeout:
            stop_app(proc)
            raise RuntimeError(f"app.py did not answer within {timeout:.0f}s:\n{_log_tail(log)}")
        time.sleep(0.2)


def stop_app(proc: subprocess.Popen) -> None:
    """Stop the app started by start_app (terminate, then kill)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def say(request: pytest.FixtureRequest, line: str) -> None:
    """A line in pytest's output, shown even when output is captured."""
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.ensure_newline()
        reporter.write_line(line)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    """The app as on a fresh clone: a data folder and no index yet (the app builds it)."""
    root = tmp_path_factory.mktemp("page")
    data = root / "data"
    data.mkdir()
    shutil.copy2(REPORT, data / REPORT.name)
    (data / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    running = start_app(data, root / "index", root / "app.log")
    try:
        say(request, f"[page] cold start (index built on start-up): {running.startup_seconds:.1f}s to HTTP 200")
        yield running
    finally:
        stop_app(running.proc)


def test_startup_with_a_built_index(app: App, tmp_path: Path, request: pytest.FixtureRequest):
    index = tmp_path / "index"
    shutil.copytree(app.index, index, ignore=shutil.ignore_patterns(".build.lock"))
    data = tmp_path / "data"
    shutil.copytree(app.index.parent / "data", data, copy_function=shutil.copy2)

    warm = start_app(data, index, tmp_path / "app.log")
    try:
        say(request, f"[page] start-up with a built index: {warm.startup_seconds:.1f}s to HTTP 200")
        assert "Updating the index" not in warm.log.read_text(encoding="utf-8")
    finally:
        stop_app(warm.proc)


def test_api_through_gradio_client(app: App, request: pytest.FixtureRequest):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app.url, verbose=False, download_files=False, analytics_enabled=False)

    t0 = time.perf_counter()
    answer = client.predict(INVESTMENT_ZH, api_name="/ask")
    say(request, f"[page] /ask round trip: {1000 * (time.perf_counter() - t0):.0f} ms")
    assert answer["found"] is True
    assert "8.5%" in answer["answer"] and "[1]" in answer["answer"]
    first = answer["citations"][0]
    assert first["n"] == 1 and first["source"] == REPORT.name and first["section"] == SECTION
    assert "8.5%" in first["quote"] and first["quote"] in first["text"]
    assert first["start"] <= first["quote_start"] < first["quote_end"] <= first["end"]

    filtered = client.predict(INVESTMENT_ZH, REPORT.name, api_name="/ask")
    assert filtered["found"] is True and {c["source"] for c in filtered["citations"]} == {REPORT.name}

    result = client.predict(INVESTMENT_EN, 3, api_name="/retrieve")
    assert result["question"] == INVESTMENT_EN
    assert [hit["rank"] for hit in result["hits"]] == [1, 2, 3]
    assert all(set(hit) == HIT_KEYS for hit in result["hits"])

    with pytest.raises(AppError, match="empty"):
        client.predict("   ", api_name="/ask")


def test_chat_in_a_real_browser(app: App, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make browser)")
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(app.url)
            chat, sources = page.locator("#rqa-chat"), page.locator("#rqa-sources")
            question = page.locator("#rqa-question textarea")

            question.fill(INVESTMENT_ZH)
            question.press("Enter")
            expect(chat).to_contain_text("8.5%", timeout=60_000)
            expect(chat).to_contain_text("[1]")
            expect(chat).to_contain_text(SECTION)
            expect(sources.locator("mark")).to_have_text("固定资产投资增长8.5%以上")
            expect(sources).to_contain_text(REPORT.name)

            question.fill(INVESTMENT_EN)
            page.locator("#rqa-submit").click()
            # Several reports are indexed here, so the English answer names the one it quotes.
            expect(chat).to_contain_text("Fixed-asset investment growth target for 2023: 8.5% or more",
                                         timeout=60_000)
            expect(chat).to_contain_text("Maoming's 2023 report")
            screenshot = tmp_path / "page.png"
            page.screenshot(path=screenshot, full_page=True)

            # The hostile report through the filter: its markup shows as text and runs nothing.
            page.locator("#rqa-report input").click()
            page.get_by_role("option", name=HOSTILE_TITLE).click()
            question.fill("港口吞吐量目标是多少？")
            question.press("Enter")
            expect(chat).to_contain_text("港口吞吐量目标是1.2亿吨", timeout=60_000)
            expect(sources).to_contain_text("1.2亿吨<img src=x onerror=alert(2)>")
            expect(sources).to_contain_text("<script>alert(1)</script>")
            page.wait_for_timeout(500)
            for box in (chat, sources):
                assert box.locator("script, img, b, iframe").count() == 0
        finally:
            browser.close()

    assert dialogs == []
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 30_000


def test_targets_tab_in_a_real_browser(app: App, tmp_path: Path):
    """The Targets tab: the table of the indexed reports, a filter, the chart and the CSV download."""
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make browser)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
            page.goto(app.url)
            page.get_by_role("tab", name="Targets 目标").click()
            table, summary = page.locator("#rqa-t-table"), page.locator("#rqa-t-summary")
            # GDP growth first, in the table and drawn in the chart.
            expect(table).to_contain_text("地区生产总值增长6.0%以上", timeout=60_000)
            expect(table).to_contain_text("GDP growth target for 2023: 6.0% or more")
            expect(page.locator("#rqa-t-chart canvas, #rqa-t-chart svg").first).to_be_visible(timeout=30_000)

            page.locator("#rqa-t-indicator input").click()
            page.get_by_role("option", name="new urban jobs (urban_new_jobs)").click()
            expect(table).to_contain_text("城镇新增就业4万人", timeout=30_000)
            expect(table).not_to_contain_text("地区生产总值增长6.0%以上")
            expect(summary).to_contain_text("1 of")
            page.screenshot(path=tmp_path / "targets.png", full_page=True)

            with page.expect_download() as download:
                page.locator("#rqa-t-csv").click()
            saved = tmp_path / "targets.csv"
            download.value.save_as(saved)
        finally:
            browser.close()
    lines = saved.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("region,level,report_year,year,kind,indicator") and len(lines) == 2
    assert "urban_new_jobs" in lines[1] and "城镇新增就业4万人" in lines[1]
    assert (tmp_path / "targets.png").stat().st_size > 30_000


@contextlib.contextmanager
def _page(app: App, width: int = 1400, height: int = 1000):
    """The page open in Chromium (skips when there is no Chromium)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make browser)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(app.url)
            yield page
        finally:
            browser.close()


def _ask(page, text: str) -> None:
    question = page.locator("#rqa-question textarea")
    question.fill(text)
    question.press("Enter")


def test_follow_ups_and_each_answers_sources_in_a_real_browser(app: App):
    """Three-turn follow-ups in Chinese and in English; clicking an earlier answer shows its own
    sources; "open in report" shows the whole report scrolled to the marked quote."""
    from playwright.sync_api import expect

    with _page(app) as page:
        chat, sources = page.locator("#rqa-chat"), page.locator("#rqa-sources")
        _ask(page, INVESTMENT_ZH)
        expect(chat).to_contain_text("8.5%以上", timeout=60_000)
        _ask(page, "那城镇新增就业呢？")
        expect(chat).to_contain_text("城镇新增就业4万人", timeout=60_000)
        expect(chat).to_contain_text("↳ 2023年 · 目标")  # what the follow-up took from the first question
        _ask(page, "居民消费价格呢？")
        expect(chat).to_contain_text("居民消费价格涨幅3%左右", timeout=60_000)
        expect(sources.locator("mark").first).to_have_text("居民消费价格涨幅3%左右")

        # The first answer's own sources, by clicking it.
        page.locator("#rqa-chat .bot").first.click()
        expect(sources.locator("mark").first).to_have_text("固定资产投资增长8.5%以上", timeout=10_000)

        with page.context.expect_page() as opened:
            sources.get_by_text("open in report").first.click()
        report = opened.value
        report.wait_for_load_state()
        hit = report.locator("mark#rqa-hit")
        expect(hit).to_have_text("固定资产投资增长8.5%以上")
        expect(hit).to_be_in_viewport()
        assert "地区生产总值增长6.0%以上" in report.locator("pre").inner_text()  # the whole report
        report.close()

        page.locator("#rqa-clear").click()
        expect(chat).not_to_contain_text("8.5%", timeout=10_000)  # a new conversation
        _ask(page, "What is the 2023 GDP growth target?")
        expect(chat).to_contain_text("GDP growth target for 2023: 6.0% or more", timeout=60_000)
        _ask(page, "And the CPI target?")
        expect(chat).to_contain_text("Consumer prices (CPI) target for 2023: about 3%", timeout=60_000)
        _ask(page, "And new urban jobs?")
        expect(chat).to_contain_text("New urban jobs target for 2023: 40,000 people", timeout=60_000)
        expect(chat).to_contain_text("城镇新增就业4万人")

        # An English follow-up about the subject of a Chinese question (the issue's own example).
        page.locator("#rqa-clear").click()
        expect(chat).not_to_contain_text("40,000", timeout=10_000)
        _ask(page, "高新区的定位是什么？")
        expect(chat).to_contain_text("科创新城定位", timeout=60_000)
        _ask(page, "What industries will it develop?")
        expect(chat).to_contain_text("↳ 高新区 定位", timeout=60_000)
        expect(chat.locator(".bot").last).to_contain_text("乙烯提质改造项目下游产业")


def test_a_filter_refusal_names_the_filter_in_a_real_browser(app: App):
    from playwright.sync_api import expect

    with _page(app) as page:
        page.locator("#rqa-report input").click()
        page.get_by_role("option", name=HOSTILE_TITLE).click()
        _ask(page, INVESTMENT_ZH)
        chat = page.locator("#rqa-chat")
        expect(chat).to_contain_text(f"source={HOSTILE_NAME}", timeout=60_000)
        expect(chat).to_contain_text("去掉筛选后")


def test_phone_layout_puts_the_chat_then_its_sources_first(app: App, tmp_path: Path):
    from playwright.sync_api import expect

    with _page(app, 390, 844) as page:
        page.get_by_role("button", name=INVESTMENT_ZH).first.click()  # an example is asked at once
        expect(page.locator("#rqa-chat")).to_contain_text("8.5%以上", timeout=60_000)
        boxes = {name: page.locator(sel).bounding_box() for name, sel in (
            ("chat", "#rqa-chat"), ("question", "#rqa-question"), ("sources", "#rqa-sources"),
            ("upload", "#rqa-upload"))}
        page.screenshot(path=tmp_path / "phone.png", full_page=True)
        # The chat's first line is not covered by a floating label.
        assert page.locator("#rqa-chat label, #rqa-chat [data-testid=block-label]").count() == 0
    assert boxes["chat"]["y"] < boxes["question"]["y"] < boxes["sources"]["y"] < boxes["upload"]["y"]
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 + 1 for b in boxes.values())
    assert (tmp_path / "phone.png").stat().st_size > 20_000


def test_upload_in_a_real_browser(app: App, tmp_path: Path):
    """Upload a report through the page: progress, then it is in the filter and askable at once."""
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make browser)")
    upload = tmp_path / "湛江 2024 报告.txt"
    upload.write_text(
        "湛江市2024年政府工作报告\n\n一、2024年工作安排\n\n"
        "  今年经济社会发展的主要预期目标是:地区生产总值增长5.5%左右,海上风电装机规模达到300万千瓦。\n",
        encoding="gb18030",
    )
    broken = tmp_path / "broken.txt"
    broken.write_bytes(bytes(range(256)) * 8)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(app.url)
            page.locator("#rqa-upload").get_by_text("Add reports").click()
            page.locator("#rqa-files input[type=file]").set_input_files([str(upload), str(broken)])
            page.locator("#rqa-add").click()
            status = page.locator("#rqa-upload-status")
            expect(status).to_contain_text("Added", timeout=120_000)
            expect(status).to_contain_text("湛江_2024_报告.txt")
            expect(status).to_contain_text("Not added")
            page.locator("#rqa-report input").click()
            page.get_by_role("option", name="湛江市2024年政府工作报告").click()
            question = page.locator("#rqa-question textarea")
            question.fill("海上风电装机规模目标是多少？")
            question.press("Enter")
            expect(page.locator("#rqa-chat")).to_contain_text("300万千瓦", timeout=60_000)
        finally:
            browser.close()
    assert (app.index.parent / "data" / "湛江_2024_报告.txt").is_file()
    assert not (app.index.parent / "data" / "broken.txt").exists()


def _http(url: str, data: bytes | None = None) -> tuple[int, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_plain_http_api_beside_the_page(app: App):
    from urllib.parse import quote

    status, body = _http(f"{app.url}api/ask?question={quote(INVESTMENT_ZH)}")
    assert status == 200 and body["found"] and "8.5%" in body["answer"] and body["citations"][0]["quote"]
    status, body = _http(f"{app.url}api/retrieve", json.dumps({"question": INVESTMENT_EN, "k": 3}).encode())
    assert status == 200 and [h["rank"] for h in body["hits"]] == [1, 2, 3] and set(body["hits"][0]) == HIT_KEYS
    assert _http(f"{app.url}api/retrieve", json.dumps({"question": "x", "k": "abc"}).encode()) == (
        400, {"error": "the number of passages k must be a whole number between 1 and 50, not 'abc'"})
    status, body = _http(f"{app.url}api/ask?question=x&source=nope.txt")
    assert status == 404 and "nope.txt" in body["error"] and body["error"].startswith("no indexed report")
    status, body = _http(f"{app.url}api/ask?question={quote(INVESTMENT_ZH)}&source=nope.txt")
    assert status == 404 and body["error"].startswith("没有名为“nope.txt”的已索引报告")  # the question's language
    status, body = _http(f"{app.url}api/ask", b"not json")
    assert status == 400 and "not JSON" in body["error"]
    # A 2 MB question is refused before it is read in full, here and on Gradio's own endpoints.
    import http.client
    from urllib.parse import urlparse

    big = json.dumps({"question": "经" * 2_000_000}).encode()
    where = urlparse(app.url)
    for path in ("/api/ask", "/gradio_api/call/ask"):
        conn = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(len(big)))
        conn.endheaders()
        try:
            conn.send(big)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body was all sent: that is the point
        response = conn.getresponse()
        assert response.status == 413 and "larger than" in json.loads(response.read())["error"]
        conn.close()
