"""Named errors raised by the core; the CLI and the page turn them into one sentence."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for every error this package raises on purpose.

    An error a question meets (a filter that matches nothing, a question too long) also carries
    its sentence in Chinese (`zh`), said when the question is Chinese (`in_language`).
    """

    def __init__(self, message: str = "", *, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh


def in_language(exc: BaseException, question: object = None) -> str:
    """The error's message in the question's language: Chinese when it has one and the question is
    Chinese, else English."""
    zh = getattr(exc, "zh", None)
    if zh and isinstance(question, str) and question.strip():
        from .tokenize import is_english

        if not is_english(question[:200]):
            return zh
    return str(exc)


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


class FilterError(AssistantError):
    """A source, year or region filter matches no indexed report."""


class IndexLockedError(AssistantError):
    """Another process is building the same index."""


def os_error_sentence(exc: OSError, doing: str = "write") -> str:
    """One sentence for a file-system fault: the path, what went wrong, what to do."""
    import errno

    where = exc.filename or "a file"
    reasons = {
        errno.EROFS: "the folder is read-only; point --data/--index at a writable folder",
        errno.EACCES: "permission denied; run as a user who may write there, or choose another folder",
        errno.EPERM: "permission denied; run as a user who may write there, or choose another folder",
        errno.ENOSPC: "the disk is full; free some space and run the command again",
        errno.EDQUOT: "the disk quota is exhausted; free some space and run the command again",
        errno.ENAMETOOLONG: "the file name is too long; rename the file to something shorter",
    }
    reason = reasons.get(exc.errno, exc.strerror or type(exc).__name__)
    return f"cannot {doing} {where}: {reason}"
