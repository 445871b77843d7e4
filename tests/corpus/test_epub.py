"""EPUB books laid out as publishers ship them (EPUB 3, an OPF package, XHTML chapters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.errors import CorruptFileError, EncryptedFileError, NoTextError
from corpus_core.settings import load_settings
from tests.corpus.loader_checks import assert_refused, loaded, package

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:isbn:978-0-385-51725-6</dc:identifier>
    <dc:title>The Fifth Discipline</dc:title>
    <dc:creator id="a1">Peter M. Senge</dc:creator>
    <dc:creator id="a2">Art Kleiner</dc:creator>
    <dc:date>2006-03-21</dc:date>
    <dc:publisher>Currency Doubleday</dc:publisher>
    <dc:subject>Organizational learning</dc:subject><dc:subject>Systems thinking</dc:subject>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
    <item id="font" href="fonts/serif.otf" media-type="font/otf"/>
  </manifest>
  <spine>
    <itemref idref="nav"/><itemref idref="c2" linear="yes"/><itemref idref="c1"/><itemref idref="css"/>
  </spine>
</package>"""
CHAPTER_ONE = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Chapter 1</title><style>p { margin: 0 }</style></head>
<body><section epub:type="chapter"><h1>Give Me a Lever Long Enough</h1>
<p>From a very early age, we are taught to break apart problems &amp; fragment the<span
  epub:type="pagebreak" id="p23">23</span> world.<sup><a epub:type="noteref" href="#fn1">1</a></sup></p>
<div><p>Learning organizations are possible<br/>because, deep down, we are all learners.</p></div>
<table><tr><th>Discipline</th><th>Practice</th></tr><tr><td>Personal mastery</td><td>Vision</td></tr></table>
<script>var tracking = 1;</script>
<aside epub:type="footnote" id="fn1"><p>1. The phrase is Archimedes'.</p></aside>
<p>Systems thinking<span role="doc-pagebreak" aria-label="24"/> is the fifth.</p>
</section></body></html>"""
CHAPTER_TWO = """<html xmlns="http://www.w3.org/1999/xhtml"><body>
<h2>Prisoners of the System</h2><p>Structure influences behavior.</p></body></html>"""
NAV = """<html xmlns="http://www.w3.org/1999/xhtml">
<body><nav><ol><li>Contents entry</li></ol></nav></body></html>"""
FONTS_ONLY = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
  xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
  <enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
  <enc:CipherData><enc:CipherReference URI="OEBPS/fonts/serif.otf"/></enc:CipherData>
</enc:EncryptedData></encryption>"""
DRM = FONTS_ONLY.replace("http://www.idpf.org/2008/embedding", "http://www.w3.org/2001/04/xmlenc#aes128-cbc")


PAGE_LIST_NAV = """<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<body><nav epub:type="toc"><ol><li><a href="text/chapter2.xhtml">Prisoners</a></li></ol></nav>
<nav epub:type="page-list" hidden="">
<ol><li><a href="text/chapter2.xhtml#cover">Inside Cover</a></li><li><a href="text/chapter2.xhtml#top">21</a>
</li><li><a href="text/chapter%201.xhtml#p23">23 </a></li></ol></nav></body></html>"""
PACKAGE_2 = """<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Dialogue</dc:title></metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="one" href="text/one.html" media-type="application/xhtml+xml"/>
    <item id="two" href="text/two.html" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="one"/><itemref idref="two"/></spine>
</package>"""
NCX = """<?xml version="1.0"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <navMap><navPoint id="n1"><navLabel><text>One</text></navLabel>
    <content src="text/one.html"/></navPoint></navMap>
  <pageList>
    <pageTarget id="p7" type="normal" value="7"><navLabel><text>7</text></navLabel>
      <content src="text/one.html#page_7"/></pageTarget>
    <pageTarget id="p8" type="normal" value="8"><navLabel><text>Page 8</text></navLabel>
      <content src="text/one.html#page_8"/></pageTarget>
    <pageTarget id="p9" type="normal" value="9"><navLabel><text>9</text></navLabel>
      <content src="text/two.html"/></pageTarget>
    <pageTarget id="p10" type="normal" value="10"><navLabel><text>10</text></navLabel>
      <content src="text/two.html#page_10"/></pageTarget>
  </pageList>
</ncx>"""
EPUB_2_CHAPTERS = {
    "OEBPS/text/one.html": "<html><body><p>Dialogue begins <span class='pagenum' id='page_7'>[Pg 7]</span>"
    "with suspending assumptions.</p><p id='page_8'><span epub:type='pagebreak' title='8'/>Teams learn "
    "when members think together.</p>"
    "</body></html>",
    "OEBPS/text/two.html": "<html><body><p>Discussion is <a id='page_10'>its</a> complement.</p>"
    "</body></html>",
}


def _epub(
    chapters: tuple[str, str] = (CHAPTER_ONE, CHAPTER_TWO),
    mimetype: str = "application/epub+zip",
    encryption: str = FONTS_ONLY,
    container: str = CONTAINER,
    nav: str = NAV,
    opf: str = PACKAGE,
) -> bytes:
    members: dict[str, str | bytes] = {
        "META-INF/container.xml": container,
        "META-INF/encryption.xml": encryption,
        "OEBPS/content.opf": opf,
        "OEBPS/nav.xhtml": nav,
        "OEBPS/text/chapter 1.xhtml": chapters[0],
        "OEBPS/text/chapter2.xhtml": chapters[1],
        "OEBPS/style.css": "p { margin: 0 }",
        "OEBPS/fonts/serif.otf": b"\x00obfuscated font",
    }
    return package(mimetype, members)


def test_an_epub_is_read_in_spine_order_with_the_publishers_record(tmp_path: Path) -> None:
    settings = load_settings()
    raw = loaded(tmp_path / "fifth-discipline.epub", _epub(), "epub")
    assert raw.pages == [
        "### Prisoners of the System\n\nStructure influences behavior.\n\n"
        "## Give Me a Lever Long Enough\n\n"
        "From a very early age, we are taught to break apart problems & fragment the",
        "world.\n\n"
        "Learning organizations are possible because, deep down, we are all learners.\n\n"
        "Discipline | Practice\n\nPersonal mastery | Vision\n\n1. The phrase is Archimedes'.\n\n"
        "Systems thinking",
        "is the fifth.",
    ]
    assert raw.page_labels == ["", "23", "24"], "the text before the first page break has no number"
    meta = prepare_document(raw, settings).metadata
    assert (meta.title, meta.year, meta.publisher, meta.isbn, meta.kind) == (
        "The Fifth Discipline",
        2006,
        "Currency Doubleday",
        "978-0-385-51725-6",
        "book",
    )
    assert [person.family for person in meta.authors] == ["Senge", "Kleiner"]
    assert meta.keywords == ["Organizational learning", "Systems thinking"]


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"Plain notes named .epub.", CorruptFileError, "not a readable EPUB book"),
        (_epub(mimetype="application/x-cbz"), CorruptFileError, "not an EPUB book"),
        (_epub(encryption=DRM), EncryptedFileError, "DRM-protected"),
        (_epub(container="<container/>"), CorruptFileError, "names no package document"),
        (_epub(chapters=("<html><body> </body></html>", "<html/>")), NoTextError, "no text in its chapters"),
    ],
    ids=["text", "comic-book", "drm", "no-package", "empty"],
)
def test_an_epub_that_cannot_be_read_names_the_file_and_the_reason(
    tmp_path: Path, data: bytes, error: type[Exception], reason: str
) -> None:
    assert_refused(tmp_path / "book.epub", data, error, reason)


def test_an_epub_named_after_its_title_keeps_its_title(tmp_path: Path) -> None:
    raw = loaded(tmp_path / "The Fifth Discipline.epub", _epub(), "epub")
    assert prepare_document(raw, load_settings()).metadata.title == "The Fifth Discipline"


def test_an_epubs_print_pages_are_the_pages_its_passages_cite(tmp_path: Path) -> None:
    document = prepare_document(loaded(tmp_path / "book.epub", _epub(), "epub"), load_settings())
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 12, 0)
    cited = {chunk.text.split()[-1]: chunk.page_label for chunk in chunks}
    assert cited["taught"] == "", "before the first break: no printed number"
    assert cited["world."] == "23", "across the first break: only the numbered page"
    assert cited["learners."] == "23"
    assert cited["fifth."] == "23-24"
    assert document.cites_pages


def test_a_page_list_numbers_the_pages_epub_3_and_epub_2(tmp_path: Path) -> None:
    chapters = (
        CHAPTER_ONE,
        CHAPTER_TWO.replace("<body>", '<body><p id="cover">Cover</p>').replace("<h2>", '<h2 id="top">'),
    )
    raw = loaded(tmp_path / "listed.epub", _epub(chapters, nav=PAGE_LIST_NAV), "epub")
    assert raw.page_labels == ["", "21", "23", "24"], "a named page ('Inside Cover') is no number"
    assert raw.pages[0] == "Cover" and raw.pages[1].startswith("### Prisoners of the System")

    members: dict[str, str | bytes] = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": PACKAGE_2,
        "OEBPS/toc.ncx": NCX,
        **EPUB_2_CHAPTERS,
    }
    raw = loaded(tmp_path / "dialogue.epub", package("application/epub+zip", members), "epub")
    assert raw.pages == [
        "Dialogue begins",
        "with suspending assumptions.",
        "Teams learn when members think together.",
        "Discussion is",
        "its complement.",
    ]
    assert raw.page_labels == ["", "7", "8", "9", "10"], "anchors, a block marked twice, a chapter start"


def test_an_epub_without_print_pages_is_one_page_without_numbers(tmp_path: Path) -> None:
    plain = CHAPTER_ONE.replace('epub:type="pagebreak"', 'class="x"').replace('role="doc-pagebreak"', "")
    raw = loaded(tmp_path / "plain.epub", _epub(chapters=(plain, CHAPTER_TWO)), "epub")
    assert len(raw.pages) == 1 and raw.page_labels == []
    document = prepare_document(raw, load_settings())
    assert not document.cites_pages
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 12, 0)
    assert chunks and all(chunk.page_label == "" for chunk in chunks)


EPUB_3_CREATORS = """<dc:creator id="a1">Jean Piaget</dc:creator>
    <dc:creator id="a2">Bärbel Inhelder</dc:creator>
    <meta refines="#a1" property="role" scheme="marc:relators">aut</meta>
    <dc:contributor id="t1">Helen Weaver</dc:contributor>
    <meta refines="#t1" property="role" scheme="marc:relators">trl</meta>
    <dc:contributor id="c1">Acme eBook Conversions</dc:contributor>
    <meta refines="#c1" property="role" scheme="marc:relators">bkp</meta>"""
_OPF_PREFIX = 'xmlns:opf="http://www.idpf.org/2007/opf"'
EPUB_2_CREATORS = f"""<dc:creator opf:role="aut" {_OPF_PREFIX}>Jean Piaget</dc:creator>
    <dc:creator opf:role="aut" {_OPF_PREFIX}>Bärbel Inhelder</dc:creator>
    <dc:creator opf:role="trl" {_OPF_PREFIX}>Helen Weaver</dc:creator>"""


@pytest.mark.parametrize(
    "creators", [EPUB_3_CREATORS, EPUB_2_CREATORS], ids=["epub3-refines", "epub2-opf-role"]
)
def test_an_epubs_translator_is_no_author(tmp_path: Path, creators: str) -> None:
    """A translator (MARC role "trl") had been listed among the authors, "Piaget, Inhelder & Weaver"."""
    opf = PACKAGE.replace(
        '<dc:creator id="a1">Peter M. Senge</dc:creator>\n    <dc:creator id="a2">Art Kleiner</dc:creator>',
        creators,
    ).replace("The Fifth Discipline", "The Psychology of the Child")
    raw = loaded(tmp_path / "piaget.epub", _epub(opf=opf), "epub")
    meta = prepare_document(raw, load_settings()).metadata
    assert [a.display for a in meta.authors] == ["Jean Piaget", "Bärbel Inhelder"]
    assert [t.display for t in meta.translators] == ["Helen Weaver"]


def test_an_edited_books_epub_is_filed_by_its_editors(tmp_path: Path) -> None:
    opf = PACKAGE.replace(
        '<dc:creator id="a2">Art Kleiner</dc:creator>',
        '<meta refines="#a1" property="role" scheme="marc:relators">edt</meta>',
    )
    raw = loaded(tmp_path / "handbook.epub", _epub(opf=opf), "epub")
    meta = prepare_document(raw, load_settings()).metadata
    assert ([a.display for a in meta.authors], [e.display for e in meta.editors]) == (
        ["Peter M. Senge"],
        ["Peter M. Senge"],
    )
