"""Text and properties of a Word 97-2003 document (.doc), read by antiword.

Why antiword: the binary Word format (an OLE compound file holding a piece table of text
runs) is read by no maintained Python library (python-docx reads only .docx), and
antiword, a small C program in every Linux distribution (Debian's `antiword`, installed by
`scripts/setup.sh` as Tesseract is), reads Word 2 to 2003 files and writes them as DocBook.
Its DocBook gives the paragraphs in order, the headings Word's heading styles mark (as
chapter and section titles), tables row by row, each footnote where its mark stands (read
here after the paragraph, as in the .docx reader) and the title, author and date
properties. Without antiword a .doc is reported unsupported with what to do; an encrypted
one as encrypted; a file antiword cannot read as damaged. A Word 2007+ file saved under a
.doc name (a zip) is read by the .docx reader (`corpus.loading.word`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from corpus.loading.word import open_word, word_info, word_text
from corpus.structure.textlines import markdown_heading, table_row
from corpus_core.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file (Word 97-2003, Excel, PowerPoint) begins."""
ZIP_MAGIC = b"PK\x03\x04"
"""How a zip (a Word 2007+ document) begins."""
TIMEOUT_S = 120
"""antiword reads a 500-page document in about a second; one it has not finished by then is stuck."""
_SECTIONS = {"chapter": 2, "sect1": 3, "sect2": 4, "sect3": 5, "sect4": 6, "sect5": 6}
"""Markdown heading level of each section's title: Heading 1 is a chapter (level 2, as in the
.docx reader, whose level 1 is the Title style), Heading 2 a sect1 ..."""
_PARAGRAPHS = {"para", "simpara", "formalpara", "literallayout", "programlisting", "screen"}
_TABLES = {"informaltable", "table"}
_SKIPPED = {"bookinfo", "footnote", "indexterm", "remark"}
_RULE = re.compile(r"-{10,}")
"""The rule antiword's text output sets above the footnotes."""
_NOTE_START = re.compile(r"\[\d+\]")


@dataclass
class LegacyWordText:
    """A .doc's text (blocks, headings in Markdown) and its properties under PDF-info keys."""

    text: str
    info: dict[str, str] = field(default_factory=dict)


def read_legacy_word(data: bytes, source: str) -> LegacyWordText:
    """The document in `data`; a LoadError naming `source` and the reason when it cannot be read."""
    if data.startswith(ZIP_MAGIC):  # a Word 2007+ document saved under a .doc name
        document = open_word(data, source)
        return LegacyWordText(word_text(document, source), word_info(document))
    if not data.startswith(OLE_MAGIC):
        raise CorruptFileError(source, "not a Word document (neither Word 97-2003 nor a renamed .docx)")
    program = shutil.which("antiword")
    if program is None:
        raise UnsupportedFormatError(
            source,
            "a Word 97-2003 document (.doc) needs antiword: install it (apt-get install antiword; "
            "scripts/setup.sh does) or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="corpus-doc-") as folder:
        copy = Path(folder) / "document.doc"
        copy.write_bytes(data)
        book = _docbook(_antiword(program, ["-x", "db"], copy, source), source)
        has_notes = book.find(".//footnote") is not None
        notes = _notes(_antiword(program, ["-w", "0", "-m", "UTF-8.txt"], copy, source)) if has_notes else []
    blocks: list[str] = []
    _walk(book, blocks, iter(notes))
    return LegacyWordText("\n\n".join(blocks), _properties(book.find("bookinfo")))


def _antiword(program: str, options: list[str], copy: Path, source: str) -> bytes:
    """What antiword prints for the file at `copy` with these options; a LoadError when it fails."""
    try:
        done = subprocess.run(
            [program, *options, str(copy)], capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise CorruptFileError(source, f"antiword did not finish reading it in {TIMEOUT_S} s") from None
    message = " ".join(done.stderr.decode("utf-8", "replace").replace(str(copy), "").split())
    if "ncrypted" in message:
        raise EncryptedFileError(source, "the Word document is password-protected; it cannot be read")
    if done.returncode != 0 or not done.stdout.strip():
        raise CorruptFileError(source, f"not a readable Word 97-2003 document ({message or 'no output'})")
    return done.stdout


def _docbook(xml: bytes, source: str) -> ElementTree.Element:
    """The DocBook antiword printed, parsed; its DOCTYPE names a DTD that is never loaded."""
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise CorruptFileError(source, f"antiword's reading of it is not well-formed ({error})") from None


def _notes(text: bytes) -> list[str]:
    """The footnotes' texts in order, from antiword's text output, which lists them under a rule.

    Its DocBook marks where each footnote stands but leaves the footnote empty.
    """
    lines = text.decode("utf-8", "replace").splitlines()
    rules = [i for i, line in enumerate(lines) if _RULE.fullmatch(line)]
    notes: list[str] = []
    for line in lines[rules[-1] + 1 :] if rules else []:
        start = _NOTE_START.match(line)
        if start:
            notes.append(line[start.end() :].strip())
        elif notes and line.strip():
            notes[-1] = f"{notes[-1]} {line.strip()}"
    return notes


def _walk(element: ElementTree.Element, blocks: list[str], notes: Iterator[str]) -> None:
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag == "title":
            level = _SECTIONS.get(element.tag)
            text = _text(child)
            if text and level:  # the book's own title is its Title property, not text
                blocks.append(markdown_heading(text, level))
        elif child.tag in _PARAGRAPHS:
            _paragraph(child, blocks, notes)
        elif child.tag in _TABLES:
            blocks.extend(_rows(child))
        else:
            _walk(child, blocks, notes)


def _paragraph(element: ElementTree.Element, blocks: list[str], notes: Iterator[str]) -> None:
    """The paragraph's text, the rows of a table set in it, then each footnote whose mark stands in it."""
    text = _text(element)
    if text:
        blocks.append(text)
    for table in element.iter():
        if table.tag in _TABLES:
            blocks.extend(_rows(table))
    for note in element.iter("footnote"):
        note_text = _text(note) or next(notes, "")
        if note_text:
            blocks.append(note_text)


def _rows(table: ElementTree.Element) -> list[str]:
    rows = []
    for row in table.iter("row"):
        cells = [_text(entry) for entry in row.iter("entry")]
        if any(cells):
            rows.append(table_row(cells))
    return rows


def _text(element: ElementTree.Element) -> str:
    """An element's text without its footnotes and tables, white space collapsed."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag != "footnote" and child.tag not in _TABLES:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _properties(bookinfo: ElementTree.Element | None) -> dict[str, str]:
    """Title and author properties under the keys a PDF's info dictionary uses (as the .docx reader's)."""
    if bookinfo is None:
        return {}
    title = bookinfo.find("title")
    values = {
        "title": _text(title) if title is not None else "",
        "author": "; ".join(text for author in bookinfo.iter("author") if (text := _text(author))),
    }
    return {key: value for key, value in values.items() if value}
