"""report-qa: cited answers from Chinese government work reports."""

__version__ = "0.1.0"

from .answer import Answer, Citation, ask
from .build import BuildReport, build_index, check_freshness
from .chunk import Chunk, ChunkerSettings, chunk_document
from .errors import (
    AssistantError,
    EmbeddingModelError,
    IndexFormatError,
    IndexLockedError,
    IndexNotFoundError,
    InvalidQuestionError,
    NoDocumentsError,
    UnsupportedFileError,
)
from .load import Document, load_file
from .retrieve import Hit, Retriever, retrieve

__all__ = [
    "Answer",
    "Citation",
    "AssistantError",
    "BuildReport",
    "Chunk",
    "ChunkerSettings",
    "Document",
    "EmbeddingModelError",
    "Hit",
    "IndexFormatError",
    "IndexLockedError",
    "IndexNotFoundError",
    "InvalidQuestionError",
    "NoDocumentsError",
    "Retriever",
    "UnsupportedFileError",
    "__version__",
    "ask",
    "build_index",
    "check_freshness",
    "chunk_document",
    "load_file",
    "retrieve",
]
