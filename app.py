"""The web page: `python app.py [--host H] [--port P] [--share] [--data DIR] [--index DIR]`.

Builds the index first when it is missing or out of date, then serves the chat at
http://127.0.0.1:7860. The page itself lives in `assistant/ui.py`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys


def __getattr__(name: str):
    # `demo` for tools that import this file and look for it (e.g. `gradio app.py`); built on
    # first access so that importing app.py has no side effects.
    if name == "demo":
        from assistant.ui import build_demo

        globals()["demo"] = value = build_demo()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the report question-answering page.")
    parser.add_argument("--host", default=os.environ.get("ASSISTANT_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1, or $ASSISTANT_HOST)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ASSISTANT_PORT", "7860")),
                        help="port (default 7860, or $ASSISTANT_PORT)")
    parser.add_argument("--share", action="store_true", help="also open a public Gradio share link")
    parser.add_argument("--data", default=None, metavar="DIR",
                        help="folder of reports (default: data/, or $ASSISTANT_DATA_DIR)")
    parser.add_argument("--index", default=None, metavar="DIR",
                        help="index folder (default: index/, or $ASSISTANT_INDEX_DIR)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    from assistant.errors import AssistantError
    from assistant.ui import launch

    args = parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("faiss", "faiss.loader", "jieba", "httpx", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        launch(data_dir=args.data, index_dir=args.index, host=args.host, port=args.port, share=args.share)
    except AssistantError as exc:
        sys.exit(f"error: {exc}")
