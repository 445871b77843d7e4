"""Text and embedded record of an OpenDocument text (.odt: LibreOffice, OpenOffice, Google Docs' export).

An .odt file is a zip of XML parts; `content.xml` holds the body and `meta.xml` the record.
Both are read with the standard library's XML parser (an ODF object model would add a
dependency and nothing the reading needs). As for a Word document (`corpus.loading.word`)
the file is one page without printed page numbers; the body is read in order, sections
and lists opened: a heading (`text:h`, or a paragraph in the Title style) becomes a
Markdown heading so the section finder knows it, a table row one line with its cells
joined by " | ", and each footnote or endnote a paragraph right after the one that refers
to it. The text is what LibreOffice shows with tracked changes accepted (deleted text is
kept apart, in `text:tracked-changes`, and not read). A bibliography LibreOffice built is
read (it is the reference list); other indexes (a table of contents), text frames,
drawings and comments are not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from corpus.loading.packages import UNREADABLE, damaged, open_package
from corpus.structure.textlines import markdown_heading, table_row
from corpus_core.errors import CorruptFileError, EncryptedFileError

MIMETYPE = "application/vnd.oasis.opendocument.text"
_KIND = "OpenDocument text"

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


_OPENED = {
    _t("section"),
    _t("list"),
    _t("list-item"),
    _t("list-header"),
    _t("bibliography"),
    _t("index-body"),
    _t("index-title"),
}
"""Containers whose paragraphs are read as the body's own: a bibliography LibreOffice built is
the document's reference list (a table of contents is not opened)."""
_INLINE_SKIPPED = {_t("note-citation"), f"{{{_OFFICE}}}annotation", _t("tracked-changes")}
_BASE_STYLES = 5


@dataclass(frozen=True)
class OdtParts:
    """The parsed parts an .odt is read from; `meta` and `styles` are None when the file has none."""

    content: ElementTree.Element
    meta: ElementTree.Element | None
    styles: ElementTree.Element | None


def open_odt(data: bytes, source: str) -> OdtParts:
    """The parsed parts of an OpenDocument text; a LoadError naming `source` and the reason otherwise."""
    try:
        with open_package(data, source, _KIND) as archive:
            names = set(archive.namelist())
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            )
            if mimetype and mimetype != MIMETYPE:
                raise CorruptFileError(
                    source, f"an OpenDocument file of another kind ({mimetype}), not a text"
                )
            if "META-INF/manifest.xml" in names and _encrypted(archive.read("META-INF/manifest.xml")):
                raise EncryptedFileError(
                    source, "the document is password-protected; save a copy without the password"
                )
            content = ElementTree.fromstring(archive.read("content.xml"))
            meta = ElementTree.fromstring(archive.read("meta.xml")) if "meta.xml" in names else None
            styles = ElementTree.fromstring(archive.read("styles.xml")) if "styles.xml" in names else None
    except UNREADABLE as error:
        raise damaged(source, _KIND, error) from None
    return OdtParts(content, meta, styles)


def odt_text(parts: OdtParts) -> str:
    """The body's paragraphs, headings and table rows in order, one a line, blank lines between."""
    body = parts.content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if body is None:
        return ""
    titles = _title_styles(parts)
    blocks: list[str] = []
    for element in _blocks(body):
        notes: list[str] = []
        if element.tag == f"{{{_TABLE}}}table":
            blocks.extend(_rows(element, notes))
        else:
            text = _text(element, notes)
            if text and element.tag == _t("h"):
                level = _number(element.get(_t("outline-level")))
                blocks.append(markdown_heading(text, level + 1))
            elif text and element.get(_t("style-name")) in titles:
                blocks.append(markdown_heading(text, 1))
            elif text:
                blocks.append(text)
        blocks.extend(notes)
    return "\n\n".join(blocks)


def odt_info(parts: OdtParts) -> dict[str, str]:
    """Title, author (the initial creator, else the last editor), keywords, subject; as `info` keys."""
    if parts.meta is None:
        return {}
    record = parts.meta.find(f"{{{_OFFICE}}}meta")
    if record is None:
        return {}

    def value(*paths: str) -> str:
        for path in paths:
            found = " ".join(" ".join("".join(e.itertext()) for e in record.findall(path)).split())
            if found:
                return found
        return ""

    info = {
        "title": value(f"{{{_DC}}}title"),
        "author": value(f"{{{_META}}}initial-creator", f"{{{_DC}}}creator"),
        "keywords": "; ".join(" ".join(e.itertext()).strip() for e in record.findall(f"{{{_META}}}keyword")),
        "subject": value(f"{{{_DC}}}subject"),
    }
    return {key: text for key, text in info.items() if text.strip()}


def _encrypted(manifest: bytes) -> bool:
    root = ElementTree.fromstring(manifest)
    return root.find(f".//{{{_MANIFEST}}}encryption-data") is not None


def _number(value: str | None) -> int:
    """A count or level attribute; 1 when absent or not a positive number."""
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _title_styles(parts: OdtParts) -> set[str]:
    """Names of paragraph styles that are, or derive from, the Title style.

    Named styles live in `styles.xml`; the body's automatic ones (P1, P2) derive from them.
    """
    parents = {
        style.get(f"{{{_STYLE}}}name", ""): style.get(f"{{{_STYLE}}}parent-style-name", "")
        for root in (parts.styles, parts.content)
        if root is not None
        for style in root.iter(f"{{{_STYLE}}}style")
    }
    titles = set()
    for name in parents:
        current = name
        for _ in range(_BASE_STYLES):
            if current == "Title":
                titles.add(name)
                break
            current = parents.get(current, "")
            if not current:
                break
    return titles


def _blocks(parent: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Paragraphs, headings and tables under `parent` in order, sections and lists opened."""
    for child in parent:
        if child.tag in (_t("p"), _t("h"), f"{{{_TABLE}}}table"):
            yield child
        elif child.tag in _OPENED:
            yield from _blocks(child)


def _text(element: ElementTree.Element, notes: list[str]) -> str:
    """The element's text as shown, whitespace collapsed; its notes' paragraphs go to `notes`."""
    return " ".join("".join(_pieces(element, notes)).split())


def _pieces(element: ElementTree.Element, notes: list[str]) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        tag = child.tag
        if tag == _t("note"):
            body = child.find(_t("note-body"))
            if body is not None:
                notes.extend(text for text in (_text(p, notes) for p in _blocks(body)) if text)
        elif tag in (_t("s"),):
            yield " " * min(_number(child.get(_t("c"))), 100)
        elif tag in (_t("tab"), _t("line-break")):
            yield " "
        elif tag not in _INLINE_SKIPPED and tag.startswith(f"{{{_TEXT}}}"):
            yield from _pieces(child, notes)
        yield child.tail or ""


def _rows(table: ElementTree.Element, notes: list[str]) -> list[str]:
    """One line per row (header rows and row groups included); covered cells are merged ones."""
    lines = []
    for row in table.iter(f"{{{_TABLE}}}table-row"):
        cells = [
            " ".join(_text(p, notes) for p in _blocks(cell))
            for cell in row
            if cell.tag == f"{{{_TABLE}}}table-cell"
        ]
        cells = [" ".join(cell.split()) for cell in cells]
        if any(cells):
            lines.append(table_row(cells))
    return lines
