"""Text and publisher's record of an EPUB book (.epub 2 and 3).

An EPUB is a zip (`corpus.loading.packages`): `META-INF/container.xml` names the package
document (OPF), whose metadata is the publisher's record of the book (Dublin Core title,
creators, date, publisher, ISBN, subjects) and whose spine lists the chapters, XHTML files,
in reading order. Each chapter's text is read block by block with the standard library's
HTML parser, not with trafilatura: a book's chapters hold no site furniture to drop, and a
short paragraph or a heading is part of the text. Headings become Markdown headings so the
section finder knows them; scripts, styles and the navigation document (the table of
contents) are not read. A book whose chapters are encrypted (DRM) is refused; fonts
obfuscated the IDPF or Adobe way do not count. A note's mark and a print page marker
(`epub:type="noteref"`, `"pagebreak"`) are not read into the sentence they stand in. An
EPUB has no printed pages, so it is one page; its print page markers are not used yet.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote
from xml.etree import ElementTree

from corpus.loading.packages import UNREADABLE, damaged, open_package
from corpus.structure.textlines import markdown_heading
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


@dataclass
class EpubBook:
    """A book's chapters' text in reading order and its record under PDF-info-like keys."""

    chapters: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)


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
            book = EpubBook(info=_record(package))
            for path in _spine(package, posixpath.dirname(package_path)):
                if path in names:
                    book.chapters.append(_chapter_text(archive.read(path)))
    except UNREADABLE as error:
        raise damaged(source, _KIND, error) from None
    return book


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

    creators = [name for name in texts("creator") if name]
    isbns = [match.group(0) for text in texts("identifier") if (match := _ISBN.search(text))]
    info = {
        "dc_title": next((title for title in texts("title") if title), ""),
        "dc_creator": "; ".join(creators),
        "dc_date": next((date for date in texts("date") if date), ""),
        "dc.publisher": next((name for name in texts("publisher") if name), ""),
        "citation_isbn": isbns[0] if isbns else "",
        "citation_keywords": "; ".join(subject for subject in texts("subject") if subject),
    }
    return {key: value for key, value in info.items() if value}


_BLOCKS = {
    "p", "div", "section", "article", "aside", "blockquote", "li", "dt", "dd", "tr", "pre",
    "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "ul", "ol",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "nav", "svg", "math"}


class _ChapterText(HTMLParser):
    """Blocks of a chapter: text between block boundaries, a heading marked with its level."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._heading = 0
        self._skipping = 0
        self._marker = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._marker:
            return
        if _is_marker(attrs):  # a note's mark or a print page number: not part of the sentence
            self._marker = tag
        elif tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._end_block()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._heading = int(tag[1])
        elif tag in ("td", "th"):
            self._current.append(" | ")
        elif tag == "br":  # a line break inside a paragraph, as in Word's reader
            self._current.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._end_block()
        elif tag == "br":
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._marker:
            if tag == self._marker:
                self._marker = ""
            return
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self._skipping and not self._marker:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._end_block()

    def _end_block(self) -> None:
        text = " ".join("".join(self._current).split()).strip(" |")
        if text:
            self.blocks.append(markdown_heading(text, self._heading + 1) if self._heading else text)
        self._current = []
        self._heading = 0


def _is_marker(attrs: list[tuple[str, str | None]]) -> bool:
    """A note reference or a print page break (EPUB 3's epub:type, or the ARIA role)."""
    kinds = " ".join(value or "" for name, value in attrs if name in ("epub:type", "role")).split()
    return bool({"noteref", "doc-noteref", "pagebreak", "doc-pagebreak"} & set(kinds))


def _chapter_text(data: bytes) -> str:
    parser = _ChapterText()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    return "\n\n".join(parser.blocks)


def chapters_text(book: EpubBook) -> str:
    """The book's text: its chapters in reading order, blank lines between."""
    return "\n\n".join(chapter for chapter in book.chapters if chapter)
