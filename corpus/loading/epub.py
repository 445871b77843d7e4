"""Text and publisher's record of an EPUB book (.epub 2 and 3).

An EPUB is a zip (`corpus.loading.packages`): `META-INF/container.xml` names the package
document (OPF), whose metadata is the publisher's record of the book (Dublin Core title,
creators, date, publisher, ISBN, subjects) and whose spine lists the chapters, XHTML files,
in reading order. Each chapter's text is read block by block with the standard library's
HTML parser, not with trafilatura: a book's chapters hold no site furniture to drop, and a
short paragraph or a heading is part of the text. Headings become Markdown headings so the
section finder knows them; scripts, styles and the navigation document (the table of
contents) are not read. A book whose chapters are encrypted (DRM) is refused; fonts
obfuscated the IDPF or Adobe way do not count. A note's mark (`epub:type="noteref"`) is not
read into the sentence it stands in.

A publisher's EPUB often marks where its print edition's pages begin, so that a reader can
cite a page: EPUB 3 page break markers (`epub:type="pagebreak"`, `role="doc-pagebreak"`,
the page number in `title`, `aria-label` or the marker's text) and a page list (EPUB 3's
`nav epub:type="page-list"`, EPUB 2's NCX `pageList`) whose entries point at elements of
the chapters. The text is split there, each part labelled with its printed page number,
as a PDF's pages are; the text before the first break (cover, title page) has no number.
A book without either is one page without a number.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote
from xml.etree import ElementTree

from corpus.loading.packages import UNREADABLE, damaged, open_package
from corpus.structure.textlines import CELL_SEPARATOR, markdown_heading
from corpus_core.errors import CorruptFileError, EncryptedFileError

MIMETYPE = "application/epub+zip"
_KIND = "EPUB book"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_XMLENC = "{http://www.w3.org/2001/04/xmlenc#}"
_FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
_CHAPTER_TYPES = {"application/xhtml+xml", "text/html"}
_ISBN = re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]")
_NCX = "application/x-dtbncx+xml"
_PAGE_WORD = re.compile(r"^(?:page|p\.)\s*", re.IGNORECASE)
_ROMAN = re.compile(r"[ivxlcdm]+", re.IGNORECASE)
MAX_LABEL_CHARS = 16
"""A longer "page number" is not one (a marker holding a sentence); its break is not used."""


@dataclass
class EpubBook:
    """A book's text in reading order, split at its print edition's page breaks, and its record."""

    pages: list[str] = field(default_factory=list)
    """The text from one print page break to the next; all of it, one page, in a book without them."""
    labels: list[str] = field(default_factory=list)
    """Each page's printed number ('' for the text before the first break); [] without breaks."""
    info: dict[str, str] = field(default_factory=dict)
    """The publisher's record under PDF-info-like keys."""


def read_epub(data: bytes, source: str) -> EpubBook:
    """The book in `data`; a LoadError naming `source` and the reason when it cannot be read."""
    try:
        with open_package(data, source, _KIND) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype != MIMETYPE:
                    raise CorruptFileError(source, f"not an EPUB book (its mimetype is {mimetype[:60]!r})")
            if "META-INF/encryption.xml" in names and _drm(archive.read("META-INF/encryption.xml")):
                raise EncryptedFileError(
                    source, "the EPUB book is DRM-protected (its chapters are encrypted); it cannot be read"
                )
            package_path = _package_path(archive.read("META-INF/container.xml"))
            package = ElementTree.fromstring(archive.read(package_path))
            base = posixpath.dirname(package_path)
            targets = _page_targets(archive, package, base, names)
            text = _PagedText()
            for path in _spine(package, base):
                if path in names:
                    _read_chapter(archive.read(path), text, targets.get(path, {}))
            pages, labels = text.result()
    except UNREADABLE as error:
        raise damaged(source, _KIND, error) from None
    return EpubBook(pages, labels, _record(package))


def _drm(encryption: bytes) -> bool:
    """Whether anything but fonts is encrypted (fonts are only obfuscated, and text is readable)."""
    root = ElementTree.fromstring(encryption)
    for encrypted in root.iter(f"{_XMLENC}EncryptedData"):
        method = encrypted.find(f"{_XMLENC}EncryptionMethod")
        if method is None or method.get("Algorithm") not in _FONT_OBFUSCATION:
            return True
    return False


def _package_path(container: bytes) -> str:
    rootfile = ElementTree.fromstring(container).find(f".//{_CONTAINER}rootfile")
    path = rootfile.get("full-path", "") if rootfile is not None else ""
    if not path:
        raise KeyError("META-INF/container.xml names no package document")
    return path


def _spine(package: ElementTree.Element, base: str) -> list[str]:
    """Archive paths of the chapters in reading order; the navigation document left out."""
    items = {
        item.get("id", ""): item
        for item in package.iter(f"{_OPF}item")
        if item.get("media-type") in _CHAPTER_TYPES and "nav" not in (item.get("properties") or "").split()
    }
    paths = []
    for reference in package.iter(f"{_OPF}itemref"):
        item = items.get(reference.get("idref", ""))
        if item is not None and item.get("href"):
            paths.append(
                posixpath.normpath(posixpath.join(base, unquote(item.get("href", "").split("#")[0])))
            )
    return paths


def _record(package: ElementTree.Element) -> dict[str, str]:
    """The publisher's record under the keys `corpus.metadata.file_metadata` reads as XMP / Dublin Core."""
    metadata = package.find(f"{_OPF}metadata")
    if metadata is None:
        return {}

    def texts(name: str) -> list[str]:
        return [" ".join("".join(e.itertext()).split()) for e in metadata.iter(f"{_DC}{name}")]

    people = _people_by_role(metadata)
    isbns = [match.group(0) for text in texts("identifier") if (match := _ISBN.search(text))]
    info = {
        "dc_title": next((title for title in texts("title") if title), ""),
        "dc_creator": "; ".join(people["aut"] or people["edt"]),  # an edited book is filed by its editors
        "citation_editor": "; ".join(people["edt"]),
        "dc_translator": "; ".join(people["trl"]),
        "dc_date": next((date for date in texts("date") if date), ""),
        "dc.publisher": next((name for name in texts("publisher") if name), ""),
        "citation_isbn": isbns[0] if isbns else "",
        "citation_keywords": "; ".join(subject for subject in texts("subject") if subject),
    }
    return {key: value for key, value in info.items() if value}


_ROLES = ("aut", "edt", "trl")
"""MARC relator codes of the people a book's record names: its authors, editors and translators."""


def _people_by_role(metadata: ElementTree.Element) -> dict[str, list[str]]:
    """The book's creators and contributors by their MARC role: "aut", "edt", "trl".

    EPUB 2 gives the role as an `opf:role` attribute, EPUB 3 in a `meta` that refines the
    element's id; a creator without one is an author, a contributor without one is left out
    (an illustrator, a designer, the tool that made the file).
    """
    refined = {
        (meta.get("refines") or "").lstrip("#"): " ".join("".join(meta.itertext()).split())
        for meta in metadata.iter(f"{_OPF}meta")
        if meta.get("property") == "role"
    }
    people: dict[str, list[str]] = {role: [] for role in _ROLES}
    for element in metadata:
        if element.tag not in (f"{_DC}creator", f"{_DC}contributor"):
            continue
        name = " ".join("".join(element.itertext()).split())
        role = element.get(f"{_OPF}role") or refined.get(element.get("id") or "", "")
        role = role or ("aut" if element.tag == f"{_DC}creator" else "")
        if name and role in people:
            people[role].append(name)
    return people


def _page_targets(
    archive: zipfile.ZipFile, package: ElementTree.Element, base: str, names: set[str]
) -> dict[str, dict[str, str]]:
    """Printed page numbers by chapter path and element id ('' for a chapter's start), from the page list.

    The EPUB 3 navigation document's and the EPUB 2 NCX's page lists usually agree; where
    both are present, the navigation document's entry wins.
    """
    lists: list[tuple[int, str, list[tuple[str, str]]]] = []
    for item in package.iter(f"{_OPF}item"):
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href", "").split("#")[0])))
        if path not in names:
            continue
        if "nav" in (item.get("properties") or "").split():
            lists.append((0, path, _nav_page_list(archive.read(path))))
        elif item.get("media-type") == _NCX:
            lists.append((1, path, _ncx_page_list(archive.read(path))))
    targets: dict[str, dict[str, str]] = defaultdict(dict)
    for _, path, entries in sorted(lists):
        for href, text in entries:
            file, _, fragment = href.partition("#")
            label = _page_label(text)
            if file and label:
                chapter = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(file)))
                targets[chapter].setdefault(unquote(fragment), label)
    return targets


def _page_label(text: str) -> str:
    """A printed page number as a marker or a page list gives it ("Page 23" -> "23"); '' when none.

    A number has a digit or is a roman numeral ("xii"); a named page ("Inside Cover") is not
    one a citation could give.
    """
    label = _PAGE_WORD.sub("", " ".join(text.split()))
    if len(label) > MAX_LABEL_CHARS or not (_ROMAN.fullmatch(label) or any(c.isdigit() for c in label)):
        return ""
    return label


class _PageList(HTMLParser):
    """The (href, text) entries of an EPUB 3 navigation document's page list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str, str]] = []
        self._depth = 0
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav" and (self._depth or {"page-list", "doc-pagelist"} & _kinds(attrs)):
            self._depth += 1
        elif tag == "a" and self._depth:
            self._href, self._text = dict(attrs).get("href") or "", []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1
        elif tag == "a" and self._href is not None:
            self.entries.append((self._href, "".join(self._text)))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def _nav_page_list(data: bytes) -> list[tuple[str, str]]:
    parser = _PageList()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    return parser.entries


def _ncx_page_list(data: bytes) -> list[tuple[str, str]]:
    """The (src, label) entries of an EPUB 2 NCX's pageList; none when the NCX cannot be parsed."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return []
    entries = []
    for target in root.findall(".//{*}pageTarget"):
        content = target.find("{*}content")
        label = target.find("{*}navLabel/{*}text")
        text = "".join(label.itertext()) if label is not None else target.get("value", "")
        if content is not None and content.get("src"):
            entries.append((content.get("src", ""), text))
    return entries


class _PagedText:
    """A book's blocks of text, gathered page by page as the chapters are read."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.labels = [""]

    def add(self, block: str) -> None:
        self.pages[-1].append(block)

    def break_page(self, label: str) -> None:
        """The print edition's page `label` begins here (once: a second mark of it adds no page)."""
        if not self.pages[-1] and self.labels[-1] == label:
            return
        self.pages.append([])
        self.labels.append(label)

    def result(self) -> tuple[list[str], list[str]]:
        """Each page's text and printed number; one page and no numbers for a book without breaks."""
        pages = ["\n\n".join(blocks) for blocks in self.pages]
        if len(pages) == 1:
            return pages, []
        if not pages[0]:  # the first break stands before any text
            return pages[1:], self.labels[1:]
        return pages, self.labels


_BLOCKS = {
    "p", "div", "section", "article", "aside", "blockquote", "li", "dt", "dd", "tr", "pre",
    "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "ul", "ol",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "nav", "svg", "math"}
_ANCHORS = {"a", "span"}
"""Inline elements an EPUB 2 page list points at: empty, or holding the page's number."""


class _ChapterText(HTMLParser):
    """A chapter's blocks, a heading marked with its level, split where a print page begins.

    `targets` are the page list's entries for this chapter: element id -> printed number.
    A page break marker and a note's mark are not read as text; neither is an inline element
    the page list points at when all it holds is the page's number ("[23]").
    """

    def __init__(self, out: _PagedText, targets: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.targets = targets
        self._current: list[str] = []
        self._heading = 0
        self._skipping = 0
        self._marker = ""
        """The tag of the marker being read ('' outside one): its text is held back."""
        self._marker_kind = ""
        self._marker_depth = 0
        self._marker_label = ""
        self._marker_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._marker:
            self._marker_depth += tag == self._marker
            return
        kinds, listed = _kinds(attrs), self._listed(attrs)
        if kinds & _PAGE_BREAKS:
            self._start_marker(tag, "page", listed or _attribute_label(attrs))
            return
        if kinds & _NOTE_REFERENCES:
            self._start_marker(tag, "note", "")
            return
        if tag in _BLOCKS:
            self._end_block()
        if listed:
            self._break(listed)
            if tag in _ANCHORS:
                self._start_marker(tag, "anchor", listed)
                return
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
        elif tag in ("td", "th"):
            self._current.append(CELL_SEPARATOR)
        elif tag == "br":  # a line break inside a paragraph, as in Word's reader
            self._current.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._marker:
            return
        if _kinds(attrs) & _PAGE_BREAKS:
            self._break(self._listed(attrs) or _attribute_label(attrs))
            return
        if tag in _BLOCKS:
            self._end_block()
        self._break(self._listed(attrs))
        if tag == "br":
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._marker:
            if tag == self._marker:
                self._marker_depth -= 1
                if not self._marker_depth:
                    self._end_marker()
            return
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self._marker:
            self._marker_text.append(data)
        elif not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._end_block()

    def _listed(self, attrs: list[tuple[str, str | None]]) -> str:
        """The printed number the page list gives the element ('' when it points elsewhere)."""
        identifier = dict(attrs).get("id")
        return self.targets.get(identifier, "") if identifier else ""

    def _start_marker(self, tag: str, kind: str, label: str) -> None:
        self._marker, self._marker_kind, self._marker_depth = tag, kind, 1
        self._marker_label, self._marker_text = label, []

    def _end_marker(self) -> None:
        text = "".join(self._marker_text)
        if self._marker_kind == "page":
            self._break(self._marker_label or _page_label(text))
        elif self._marker_kind == "anchor" and not _is_number(text, self._marker_label):
            self._current.append(text)
        self._marker = ""

    def _break(self, label: str) -> None:
        """Start page `label` here, the paragraph under way split at the break; nothing without a label."""
        if label and not self._skipping:
            self._end_block()
            self.out.break_page(label)

    def _end_block(self) -> None:
        text = " ".join("".join(self._current).split()).strip(" |")
        if text:
            self.out.add(markdown_heading(text, self._heading + 1) if self._heading else text)
        self._current = []
        self._heading = 0


def _attribute_label(attrs: list[tuple[str, str | None]]) -> str:
    """A page break marker's number in its title or ARIA label ('' when neither gives one)."""
    values = dict(attrs)
    return _page_label(values.get("title") or values.get("aria-label") or "")


def _is_number(text: str, label: str) -> bool:
    """Whether `text` is only the printed number `label`, however dressed ("[23]", "p. 23", "Pg 23")."""
    letters = re.sub(r"[\W_]", "", text).lower()
    number = re.escape(re.sub(r"[\W_]", "", label).lower())
    return not letters or re.fullmatch(rf"(?:page|pg|p)?{number}", letters) is not None


_PAGE_BREAKS = {"pagebreak", "doc-pagebreak"}
_NOTE_REFERENCES = {"noteref", "doc-noteref"}


def _kinds(attrs: list[tuple[str, str | None]]) -> set[str]:
    """An element's EPUB 3 structural types and ARIA roles."""
    return set(" ".join(value or "" for name, value in attrs if name in ("epub:type", "role")).split())


def _read_chapter(data: bytes, out: _PagedText, targets: dict[str, str]) -> None:
    """Add a chapter's blocks to `out`, starting a page where the page list says one begins."""
    if targets.get(""):
        out.break_page(targets[""])
    parser = _ChapterText(out, targets)
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
