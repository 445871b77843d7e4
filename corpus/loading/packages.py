"""Documents packaged as a zip of parts (.docx, .pptx, OpenDocument's .odt), opened with care.

Both readers parse every part they need into memory, and a zip of a few megabytes can
declare gigabytes; the declared sizes are summed before anything is inflated (zip's
reader stops at the declared size, so the declaration is what counts). A damaged package
fails in many ways, from a bad header to an inflation error or a broken XML part; each
is reported as the same `CorruptFileError`, naming the file and the error.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from corpus_core.errors import CorruptFileError, FileTooLargeError

MAX_UNPACKED_MB = 200
"""A package whose parts unpack to more is refused unread."""

UNREADABLE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,  # a compression method zip does not know
    RuntimeError,  # an encrypted zip member
    KeyError,  # a part the package lists but does not hold
    IndexError,
    TypeError,
    ValueError,
    SyntaxError,  # a broken XML part (lxml's and ElementTree's parse errors are SyntaxErrors)
)
"""What reading a damaged package raises."""


def open_package(data: bytes, source: str, kind: str) -> zipfile.ZipFile:
    """The package's zip, its unpacked size checked; `kind` names the document in messages."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(member.file_size for member in archive.infolist())
    except UNREADABLE as error:
        raise damaged(source, kind, error) from None
    if unpacked > MAX_UNPACKED_MB * 1_000_000:
        archive.close()
        raise FileTooLargeError(
            source,
            f"the {kind} unpacks to {unpacked / 1_000_000:,.0f} MB (the limit is {MAX_UNPACKED_MB} MB)",
        )
    return archive


def damaged(source: str, kind: str, error: Exception) -> CorruptFileError:
    """The error that reports a package `error` showed to be damaged."""
    return CorruptFileError(source, f"not a readable {kind} ({error.__class__.__name__}: {error})")
