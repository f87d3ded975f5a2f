"""Plain text and Markdown: the decoded file, exactly."""

from __future__ import annotations

from .base import Extracted
from .charset import decode


def read(raw: bytes, name: str) -> Extracted:
    text, encoding = decode(raw, name)
    return Extracted(text, encoding)
