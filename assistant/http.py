"""The plain HTTP API beside the page, for clients that are not Python, and the request-size
bound in front of everything the page serves.

    GET  /api/ask?question=…&source=…&history=…  POST /api/ask       {"question": …, "source": …, "history": [..]}
    GET  /api/retrieve?question=…&k=5            POST /api/retrieve  {"question": …, "k": 5}

Both return the JSON of `python -m assistant ask|search --json`; an error is
`{"error": "<one sentence>"}` with a status code (400 a bad question or argument, 404 an unknown
report filter, 413 a request too large, 500 an unexpected fault), never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .errors import AssistantError, FilterError, in_language, os_error_sentence

log = logging.getLogger(__name__)

# A question is at most a few thousand characters; JSON around it, a few KB more.
MAX_REQUEST_BYTES = 64 * 1024


class RequestTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: refuse request bodies over a limit (uploads have their own, larger one)
    before they are read in full."""

    def __init__(self, app, max_bytes: int = MAX_REQUEST_BYTES, upload_bytes: int = 60 * 2**20) -> None:
        self.app, self.max_bytes, self.upload_bytes = app, max_bytes, upload_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.upload_bytes if "upload" in scope.get("path", "") else self.max_bytes
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return await _too_large(send, limit)
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise RequestTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except RequestTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"error": f"the request is larger than {limit:,} bytes; ask about one thing at a time"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _handler(answer: Callable[[dict], dict], names: tuple[str, ...]):
    async def endpoint(request: Request) -> JSONResponse:
        if request.method == "POST":
            try:
                args = json.loads(await request.body() or b"{}")
            except ValueError:
                return _error(400, "the request body is not JSON; send {\"question\": \"…\"}")
            if not isinstance(args, dict):
                return _error(400, "the request body must be a JSON object such as {\"question\": \"…\"}")
        else:
            args = dict(request.query_params)
            if "history" in args:  # ?history=q1&history=q2
                args["history"] = request.query_params.getlist("history")
        unknown = set(args) - set(names)
        if unknown:
            return _error(400, f"unknown argument(s) {', '.join(sorted(unknown))}; this endpoint takes "
                               f"{', '.join(names)}")
        from starlette.concurrency import run_in_threadpool

        try:
            return JSONResponse(await run_in_threadpool(answer, args))
        except FilterError as exc:
            return _error(404, in_language(exc, args.get("question")))
        except AssistantError as exc:
            return _error(400, in_language(exc, args.get("question")))
        except OSError as exc:
            log.warning("HTTP API: %s", exc)
            return _error(500, os_error_sentence(exc, "read"))
        except Exception:  # noqa: BLE001 - logged with its trace, answered with a sentence
            log.exception("HTTP API failed")
            return _error(500, "something went wrong while answering; the server log has the details")

    return endpoint


def api_routes(ask_json: Callable[..., dict], retrieve_json: Callable[..., dict]) -> list[Route]:
    """/api/ask and /api/retrieve around the page's own answer functions."""
    ask = _handler(lambda a: ask_json(a.get("question"), a.get("source") or None, history=a.get("history")),
                   ("question", "source", "history"))
    retrieve = _handler(lambda a: retrieve_json(a.get("question"), a.get("k", 5)), ("question", "k"))
    return [Route("/api/ask", ask, methods=["GET", "POST"]),
            Route("/api/retrieve", retrieve, methods=["GET", "POST"])]


# --- the report view ----------------------------------------------------------------------------

REPORT_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font:16px/1.75 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;
color:#111827;background:#fff}}header{{position:sticky;top:0;background:#f3f4f6;border-bottom:1px solid #d1d5db;
padding:.5rem 1rem;font-size:.9rem;color:#1f2937}}main{{max-width:46rem;margin:0 auto;padding:1rem}}
pre{{white-space:pre-wrap;word-break:break-word;font:inherit}}mark{{background:#fde68a;color:#111827;
scroll-margin-top:40vh;outline:2px solid #b45309}}</style></head>
<body><header>{header}</header><main><pre>{before}<mark id="rqa-hit">{hit}</mark>{after}</pre></main></body></html>"""


def report_route(data_dir, index_dir) -> Route:
    """GET /report?source=…&start=…&end=…: the whole text of an indexed report (the text its
    character offsets count in), the span marked and scrolled to (#rqa-hit). Only indexed reports
    inside the data folder are shown."""
    import html

    from starlette.responses import HTMLResponse

    from . import config
    from .build import inside
    from .index import read_manifest
    from .library import data_folder
    from .load import load_file

    def page(source: str, start: str, end: str) -> HTMLResponse:
        data = data_folder(data_dir, index_dir)
        try:
            sources = read_manifest(config.index_dir(index_dir)).get("sources", {})
        except AssistantError:
            sources = {}
        path = data / source
        if source not in sources or not inside(path, data) or not path.is_file():
            return HTMLResponse("<p>No indexed report is called that.</p>", status_code=404)
        text = load_file(path, data).text
        try:
            a, b = sorted((max(0, min(int(start), len(text))), max(0, min(int(end), len(text)))))
        except ValueError:
            a = b = 0
        header = f"{html.escape(source)} · characters {a}–{b}" if b > a else html.escape(source)
        return HTMLResponse(REPORT_PAGE.format(title=html.escape(source), header=header,
                                               before=html.escape(text[:a]), hit=html.escape(text[a:b]),
                                               after=html.escape(text[b:])))

    async def endpoint(request: Request):
        from starlette.concurrency import run_in_threadpool

        q = request.query_params
        try:
            return await run_in_threadpool(page, q.get("source", ""), q.get("start", "0"), q.get("end", "0"))
        except (AssistantError, OSError) as exc:
            log.warning("report view: %s", exc)
            return HTMLResponse("<p>The report cannot be read.</p>", status_code=404)

    return Route("/report", endpoint, methods=["GET"])
