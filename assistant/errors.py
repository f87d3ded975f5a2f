"""Named errors raised by the core; the CLI and the page turn them into one sentence."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for every error this package raises on purpose."""


class IndexNotFoundError(AssistantError):
    """No index exists at the given folder."""


class IndexFormatError(AssistantError):
    """The index folder holds a foreign, older or damaged index."""


class UnsupportedFileError(AssistantError):
    """A file cannot be read as a report (extension, encoding, content or size)."""


class NoDocumentsError(AssistantError):
    """The data folder holds no readable report."""


class EmbeddingModelError(AssistantError):
    """The requested embedding model cannot be loaded."""


class InvalidQuestionError(AssistantError):
    """A question is empty, only whitespace or far too long."""


class IndexLockedError(AssistantError):
    """Another process is building the same index."""
