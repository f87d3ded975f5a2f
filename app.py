"""The web page: `python app.py [--host H] [--port P] [--share] [--data DIR] [--index DIR]`.

The same as `python -m assistant serve`: builds the index first when it is missing or out of date,
then serves the chat at http://127.0.0.1:7860. The page itself lives in `assistant/ui.py`.
"""

from __future__ import annotations

import sys


def __getattr__(name: str):
    # `demo` for tools that import this file and look for it (e.g. `gradio app.py`); built on
    # first access so that importing app.py has no side effects.
    if name == "demo":
        from assistant.ui import build_demo

        globals()["demo"] = value = build_demo()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    from assistant.cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))
