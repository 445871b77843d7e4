"""Text and embedded record of a Word document (.docx), read with python-docx.

A Word file has no printed pages, so it is one page, as a text file is. Its body is read
in order, paragraphs and tables alike, content controls included: a heading (the Title
and Heading styles, or a style built on one) becomes a Markdown heading ("## Method") so
the section finder knows it, and a table row one line with its cells joined by " | ".

The text is what Word shows with every tracked change accepted: inserted text is read and
deleted or moved-away text is not. python-docx's own `Paragraph.text` reads only the runs
directly under a paragraph, so it loses tracked insertions, smart tags and simple fields;
the paragraph's XML is walked here instead. Footnotes and endnotes, which python-docx does
not expose, are read from their parts. Headers, footers, comments, text boxes, a table of
contents and field instructions are not read (cleaning drops the like from a PDF page).
The core properties (title, author, keywords, subject) fill `info` as a PDF's info
dictionary does, and meet the same filter for tool artefacts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from corpus.loading.packages import open_office_package
from corpus.structure.textlines import markdown_heading, table_row

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # python-docx is imported when a Word file is read (it takes 0.1 s)
    from docx.document import Document as WordDocument

_KIND = "Word document"
_HEADING = re.compile(r"^heading\s*(\d)?$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = {f"{_W}{tag}" for tag in ("pPr", "rPr", "sdtPr", "del", "moveFrom", "txbxContent", "instrText")}
"""Parts of a paragraph whose text Word does not show as the paragraph's own."""
_CHARACTERS = {f"{_W}tab": " ", f"{_W}br": " ", f"{_W}cr": " ", f"{_W}noBreakHyphen": "-"}
_BASE_STYLES = 5
"""How far up a style's `basedOn` chain a heading style is looked for."""
_CONTENTS = 0
"""The role of a table of contents' paragraph style: not read."""
_NOTE_KINDS = ("footnote", "endnote")


def open_word(data: bytes, source: str) -> WordDocument:
    """The parsed document; a LoadError naming `source` and the reason when it is not one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    old_binary = "an old binary Word file (.doc) named .docx; save it in Word as .docx"
    return open_office_package(data, source, _KIND, old_binary, docx.Document, PackageNotFoundError)


def word_text(document: WordDocument, source: str) -> str:
    """The body's paragraphs and table rows in order, one a line, blank lines between.

    A footnote or endnote is a paragraph of its own right after the paragraph (or table)
    that refers to it, its mark dropped, as a PDF page's notes are read at its foot: after
    the reference list it would be read as an entry of it.
    """
    body = getattr(document.element, "body", None)  # a foreign or bodiless main part has none
    if body is None:
        return ""
    roles = _style_roles(document)
    notes = _notes(document, source)
    blocks: list[str] = []
    for element in _blocks(body):
        if element.tag == f"{_W}p":
            text = _text(element)
            role = roles.get(element.style or "")
            if text and role != _CONTENTS:
                blocks.append(markdown_heading(text, role) if role else text)
        else:
            blocks.extend(_rows(element))
        for kind in _NOTE_KINDS:
            for mark in element.iter(f"{_W}{kind}Reference"):
                blocks.extend(notes.get((kind, mark.get(f"{_W}id")), []))
    return "\n\n".join(blocks)


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


def _style_roles(document: WordDocument) -> dict[str, int]:
    """Paragraph style id -> its Markdown heading level, or `_CONTENTS` for a contents style.

    Title is level 1, Heading N level N + 1, and a style built on one of them counts as it.
    Styles are known by name: a localised Word keeps its built-in styles' English names but
    may localise their ids.
    """
    from docx.enum.style import WD_STYLE_TYPE

    roles: dict[str, int] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        base = style
        for _ in range(_BASE_STYLES):
            role = _role((base.name or "").lower())
            if role is not None:
                roles[style.style_id] = role
                break
            if base.base_style is None:
                break
            base = base.base_style
    return roles


def _role(name: str) -> int | None:
    if name.startswith("toc"):
        return _CONTENTS
    if name == "title":
        return 1
    heading = _HEADING.match(name)
    return int(heading.group(1) or 1) + 1 if heading else None


def _notes(document: WordDocument, source: str) -> dict[tuple[str, str | None], list[str]]:
    """("footnote" or "endnote", id) -> the note's paragraphs; separators left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    parts = {RELATIONSHIP_TYPE.FOOTNOTES: "footnote", RELATIONSHIP_TYPE.ENDNOTES: "endnote"}
    notes: dict[tuple[str, str | None], list[str]] = {}
    for relationship in document.part.rels.values():
        kind = parts.get(relationship.reltype)
        if kind is None or relationship.is_external:
            continue
        try:
            root = parse_xml(relationship.target_part.blob)
        except (SyntaxError, ValueError) as error:  # Word would repair the part; the body still counts
            log.warning("%s: the document's %ss are unreadable, left out (%s)", source, kind, error)
            continue
        for note in root.iterchildren(f"{_W}{kind}"):
            if note.get(f"{_W}type") in (None, "normal"):
                paragraphs = [_text(p) for p in _blocks(note) if p.tag == f"{_W}p"]
                notes[(kind, note.get(f"{_W}id"))] = [text for text in paragraphs if text]
    return notes


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraph and table elements under `parent`, in order, content controls opened."""
    return _children(parent, (f"{_W}p", f"{_W}tbl"))


def _children(parent: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """Children of `parent` with one of `tags`, and those inside content controls or custom XML."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tags)


def _text(element: Any) -> str:
    """The text Word shows for a paragraph (or a cell), whitespace collapsed."""
    return " ".join("".join(_pieces(element)).split())


def _pieces(element: Any) -> Iterator[str]:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag in _CHARACTERS:
            yield _CHARACTERS[tag]
        elif tag == f"{_W}p":
            yield " "
            yield from _pieces(child)
        else:
            yield from _pieces(child)


def _rows(table: Any) -> list[str]:
    """One line per row; a merged cell counts once, a nested table's text stays in its cell.

    Rows and cells may sit in content controls (a form's repeating section), as paragraphs may.
    """
    lines = []
    for row in _children(table, (f"{_W}tr",)):
        cells = [_text(cell) for cell in _children(row, (f"{_W}tc",))]
        if any(cells):
            lines.append(table_row(cells))
    return lines
