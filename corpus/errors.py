"""One exception hierarchy for the whole project, each error naming the file and the reason.

CorpusError
├── ConfigError              settings file or value is invalid
├── LoadError                a file could not be turned into text (carries `source`)
│   ├── UnsupportedFormatError
│   ├── EmptyFileError
│   ├── CorruptFileError
│   ├── EncryptedFileError
│   └── NoTextError          nothing extractable (image-only PDF: needs OCR)
├── StoreError               Chroma or the catalog failed
│   └── StoreLockedError     another process is writing this store
├── EmbeddingError           the model could not be loaded or run
├── NotFoundError            unknown document id
└── CitationError            unknown style or unformattable record
"""

from __future__ import annotations


class CorpusError(Exception):
    """Root of every error this project raises on purpose."""


class ConfigError(CorpusError):
    """A settings file or value is invalid."""


class LoadError(CorpusError):
    """A file could not be read into text; `source` names it, `reason` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedFormatError(LoadError):
    """No loader handles this file type."""


class EmptyFileError(LoadError):
    """The file has zero bytes or no text at all."""


class CorruptFileError(LoadError):
    """The file is damaged or not what its extension says."""


class EncryptedFileError(LoadError):
    """The PDF is password-protected and the configured passwords do not open it."""


class NoTextError(LoadError):
    """The file has no extractable text (an image-only PDF needs OCR)."""


class StoreError(CorpusError):
    """Chroma or the catalog failed."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class EmbeddingError(CorpusError):
    """The embedding model could not be loaded or run."""


class NotFoundError(CorpusError):
    """No document with that id is in the store."""


class CitationError(CorpusError):
    """A citation could not be produced (unknown style, unusable record)."""
