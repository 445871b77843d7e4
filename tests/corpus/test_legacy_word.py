"""Word 97-2003 documents (.doc), read through antiword: a file LibreOffice wrote, and damaged ones."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from corpus_core.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from tests.corpus.loader_checks import assert_record, assert_refused, loaded

FIXTURE = Path(__file__).parents[1] / "data" / "word97" / "double-loop-learning.doc"


def _encrypted(data: bytes) -> bytes:
    """The document with its FIB's fEncrypted flag set, as Word marks a password-protected file.

    The WordDocument stream (which opens with the FIB, identifier 0xA5EC) starts on a sector
    of the compound file; the flags are the 16-bit word at offset 0x0A of the FIB.
    """
    marked = bytearray(data)
    start = next(at for at in range(512, len(data), 512) if data[at : at + 2] == b"\xec\xa5")
    flags = int.from_bytes(marked[start + 0x0A : start + 0x0C], "little") | 0x0100
    marked[start + 0x0A : start + 0x0C] = flags.to_bytes(2, "little")
    return bytes(marked)


FIXTURE_TEXT = (
    "## Why teams stop learning\n\n"
    "Service teams correct their errors within the rules they already hold; this is single-loop "
    "learning. Double-loop learning questions the rules themselves, which teams rarely do under the "
    "pressure of daily work.\n\n"
    "Argyris and Schön named the distinction in 1978.\n\n"
    "### What the interviews show\n\n"
    "Members who review a failed delivery together change their routines more often than members "
    "who review it alone.\n\n"
    "Review | Routine changed\n\nTogether | 14 of 20\n\nAlone | 5 of 20\n\n"
    "Customers who join the review co-create the new routine; value is then created with them, not "
    "delivered to them."
)
"""The fixture's text as a folder's file reads it (the RTF LibreOffice wrote from the same source too)."""


def test_a_doc_is_read_in_order_with_its_headings_table_footnote_and_record(tmp_path: Path) -> None:
    raw = loaded(tmp_path / "memo.doc", FIXTURE.read_bytes(), "doc")
    assert raw.pages == [FIXTURE_TEXT], (
        "the footnote after its paragraph, the table row by row, the Title property not in the text"
    )
    assert_record(
        raw,
        {"title": "Double-Loop Learning in Service Teams", "author": "Ingrid Solberg"},
        ["Solberg"],
        ["Why teams stop learning", "What the interviews show"],
    )


def test_a_word_2007_document_saved_as_doc_is_read_as_one(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Value is co-created in use. " * 20)
    buffer = io.BytesIO()
    document.save(buffer)
    raw = loaded(tmp_path / "renamed.doc", buffer.getvalue(), "doc")
    assert raw.pages[0].startswith("Value is co-created in use.")


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"Notes typed in a text editor, saved as .doc.", CorruptFileError, "not a Word document"),
        (FIXTURE.read_bytes()[:2048], CorruptFileError, "not a readable Word 97-2003 document"),
        (_encrypted(FIXTURE.read_bytes()), EncryptedFileError, "password-protected"),
    ],
    ids=["text", "cut", "encrypted"],
)
def test_a_doc_that_cannot_be_read_names_the_file_and_the_reason(
    tmp_path: Path, data: bytes, error: type[Exception], reason: str
) -> None:
    assert_refused(tmp_path / "memo.doc", data, error, reason)


def test_without_antiword_a_doc_is_reported_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert_refused(tmp_path / "memo.doc", FIXTURE.read_bytes(), UnsupportedFormatError, "needs antiword")
