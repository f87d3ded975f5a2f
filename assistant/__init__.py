"""report-qa: cited answers from Chinese government work reports."""


from .answer import ask
from .build import BuildReport, build_index
from .chunk import Chunk, ChunkerSettings, chunk_document
from .compose import Answer, Citation
from .errors import (
    AssistantError,
    EmbeddingModelError,
    FilterError,
    IndexFormatError,
    IndexLockedError,
    IndexNotFoundError,
    InvalidQuestionError,
    NoDocumentsError,
    UnsupportedFileError,
)
from .library import add_reports, check_freshness, remove_report
from .load import Document, load_file
from .retrieve import Hit, Retriever, retrieve
from .table import indicators
from .targets import IndicatorRow
from .version import __version__

__all__ = [
    "Answer",
    "Citation",
    "AssistantError",
    "BuildReport",
    "Chunk",
    "ChunkerSettings",
    "Document",
    "EmbeddingModelError",
    "FilterError",
    "Hit",
    "IndicatorRow",
    "IndexFormatError",
    "IndexLockedError",
    "IndexNotFoundError",
    "InvalidQuestionError",
    "NoDocumentsError",
    "Retriever",
    "UnsupportedFileError",
    "__version__",
    "add_reports",
    "ask",
    "build_index",
    "check_freshness",
    "chunk_document",
    "indicators",
    "load_file",
    "remove_report",
    "retrieve",
]
