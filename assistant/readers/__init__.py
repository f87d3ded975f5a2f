"""Format readers: one module per format, each `read(raw, name) -> Extracted`.

A new format is a new module here and one line in `load._READERS`.
"""

from .base import Extracted

__all__ = ["Extracted"]
