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
from collections.abc import Callable
from typing import TypeVar

from corpus_core.errors import CorruptFileError, EncryptedFileError, FileTooLargeError

Parsed = TypeVar("Parsed")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file opens: an encrypted Office document, or an old binary one (.doc, .ppt) renamed."""
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

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


def open_office_package(
    data: bytes,
    source: str,
    kind: str,
    old_binary: str,
    parse: Callable[[io.BytesIO], Parsed],
    not_a_package: type[Exception],
) -> Parsed:
    """An Office Open XML document (.docx, .pptx) parsed by `parse`, or a LoadError naming `source`.

    An encrypted document is an OLE file holding an "EncryptionInfo" stream; any other OLE file
    is the old binary format under the new name (`old_binary` says so and what to do). The zip's
    unpacked size is checked before `parse` inflates it; `not_a_package` is what the parsing
    library raises for a zip that is no such document.
    """
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_STREAM in data:
            raise EncryptedFileError(
                source, f"the {kind} is password-protected; save a copy without the password"
            )
        raise CorruptFileError(source, old_binary)
    open_package(data, source, kind).close()
    try:
        return parse(io.BytesIO(data))
    except (*UNREADABLE, not_a_package) as error:
        raise damaged(source, kind, error) from None


def damaged(source: str, kind: str, error: Exception) -> CorruptFileError:
    """The error that reports a package `error` showed to be damaged."""
    return CorruptFileError(source, f"not a readable {kind} ({error.__class__.__name__}: {error})")
