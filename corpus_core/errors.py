"""One exception hierarchy for the whole project, each error naming the file and the reason.

Only leaf classes are raised; the inner classes are for catching. Each class carries the
HTTP status the service answers with and the exit status of the `corpus` command
(README "Errors and exit codes"): usage 2, not found 3, store 4, anything else 1.

CorpusError                       (root: catch, never raise)
├── ConfigError          500  2   settings file or value is invalid
├── UsageError           400  2   a request or argument is invalid (empty query, unknown mode,
│                                 bad FIELD=VALUE, not a BEIR folder)
├── CitationError        400  2   unknown style or unformattable record
├── NotFoundError        404  3   unknown document or work id
├── InputNotFoundError   404  3   a file or folder named for ingestion does not exist
├── LoadError            422  1   a file could not be turned into text (carries `source`)
│   ├── UnsupportedFormatError
│   ├── EmptyFileError
│   ├── CorruptFileError
│   ├── EncryptedFileError
│   ├── NoTextError               nothing extractable (image-only PDF without OCR)
│   ├── FileTooLargeError         over loading.max_file_mb or loading.max_chars
│   └── UnreadableFileError       the file system refused to read it
├── StoreError           503  4   the store cannot serve the request
│   ├── NoStoreError     503  3   no corpus at this path yet
│   ├── StoreAccessError 503  4   Chroma or the catalog failed
│   ├── StoreVersionError 503 4   written by a newer release
│   └── StoreLockedError 409  4   another process is writing this store
├── EmbeddingError       503  1   the model could not be loaded or run
└── RunError             500  1   an ingestion run could not run (Prefect's server did not start,
                                  an unexpected failure of a library)
"""

from __future__ import annotations

from typing import ClassVar


class CorpusError(Exception):
    """Root of every error this project raises on purpose."""

    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1


class ConfigError(CorpusError):
    """A settings file or value is invalid."""

    exit_code = 2


class UsageError(CorpusError):
    """A request or command argument is invalid; the message says what is accepted."""

    http_status = 400
    exit_code = 2


class CitationError(CorpusError):
    """A citation could not be produced (unknown style, unusable record)."""

    http_status = 400
    exit_code = 2


class NotFoundError(CorpusError):
    """No document or work with that id is in the store."""

    http_status = 404
    exit_code = 3


class InputNotFoundError(CorpusError):
    """A file or folder named for ingestion does not exist (a typo, a drive not mounted)."""

    http_status = 404
    exit_code = 3


class LoadError(CorpusError):
    """A file could not be read into text; `source` names it, `reason` says why."""

    http_status = 422

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
    """The file has no extractable text (an image-only PDF that could not be OCR'd)."""


class FileTooLargeError(LoadError):
    """The file is over a size limit (`loading.max_file_mb`, `loading.max_chars`), named in the reason."""


class UnreadableFileError(LoadError):
    """The operating system could not read the file (permissions, I/O error)."""


class StoreError(CorpusError):
    """The store cannot serve the request (catch this; raise a leaf)."""

    http_status = 503
    exit_code = 4


class NoStoreError(StoreError):
    """There is no corpus at this path yet."""

    exit_code = 3


class StoreAccessError(StoreError):
    """Chroma or the catalog failed (unreachable server, unreadable or full disk)."""


class StoreVersionError(StoreError):
    """The store was written by a newer release of research-corpus."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""

    http_status = 409


class EmbeddingError(CorpusError):
    """The embedding model could not be loaded or run."""

    http_status = 503


class RunError(CorpusError):
    """An ingestion run could not run: its orchestration or a library failed unexpectedly."""
