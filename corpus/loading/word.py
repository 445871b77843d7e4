"""Text and embedded record of a Word document (.docx), read with python-docx.

A Word file has no printed pages, so it is one page, as a text file is. Its body is read
in order, paragraphs and tables alike: a heading (the Title and Heading styles) becomes a
Markdown heading ("## Method") so the section finder knows it, and a table row one line
with its cells joined by " | ". Headers, footers and comments are not read; they are the
furniture that cleaning drops from a PDF page. Footnotes are not read either (python-docx
does not expose them). The core properties (title, author, keywords, subject) fill `info`
as a PDF's info dictionary does, and meet the same filter for tool artefacts.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from corpus_core.errors import CorruptFileError, EncryptedFileError

if TYPE_CHECKING:  # python-docx is imported when a Word file is read (it takes 0.1 s)
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file opens: an encrypted Word document, or an old binary .doc renamed."""
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_HEADING_LEVEL = re.compile(r"^heading\s*(\d)?", re.IGNORECASE)


def open_word(data: bytes, source: str) -> WordDocument:
    """The parsed document; a LoadError naming `source` and the reason when it is not one."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_STREAM in data:
            raise EncryptedFileError(
                source, "the Word document is password-protected; save a copy without the password"
            )
        raise CorruptFileError(source, "an old binary Word file (.doc) named .docx; save it in Word as .docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, SyntaxError) as error:
        raise CorruptFileError(source, f"not a readable Word document ({error})") from None


def word_text(document: WordDocument) -> str:
    """The body's paragraphs and table rows in order, one a line, blank lines between."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for part in document.iter_inner_content():
        if isinstance(part, Paragraph):
            blocks.append(_paragraph(part))
        elif isinstance(part, Table):
            blocks.extend(_rows(part))
    return "\n\n".join(block for block in blocks if block)


def word_info(document: WordDocument) -> dict[str, str]:
    """Core properties under the keys a PDF's info dictionary uses (lower case); empty ones left out."""
    properties = document.core_properties
    values = {
        "title": properties.title,
        "author": properties.author,
        "keywords": properties.keywords,
        "subject": properties.subject,
    }
    return {key: " ".join(value.split()) for key, value in values.items() if value and value.strip()}


def _paragraph(paragraph: Paragraph) -> str:
    text = " ".join(paragraph.text.split())
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if not text:
        return ""
    if style.lower() == "title":
        return f"# {text}"
    level = _HEADING_LEVEL.match(style)
    if level:
        return f"{'#' * min(6, int(level.group(1) or 1) + 1)} {text}"
    return text


def _rows(table: Table) -> list[str]:
    """One line per row; a merged cell (repeated by python-docx) counts once."""
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue
            previous = cell._tc
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines
