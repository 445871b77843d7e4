"""Word documents (.docx) made with python-docx, read as users' folders hold them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.errors import CorruptFileError, EncryptedFileError, FileTooLargeError, NoTextError
from corpus_core.settings import load_settings
from tests.corpus.loader_checks import assert_record, assert_refused
from tests.corpus.word_notes import refer, with_notes

BODY = (
    "Organizational learning corrects the theories that guide the action of a firm, and the "
    "supplier workshops we followed changed their routines after members reflected on failures. "
)
METHOD = "We studied twelve workshops over three years and coded the minutes of every meeting held. "


def _paper(path: Path) -> Path:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = "Learning Routines in Supplier Workshops"
    properties.author = "Maria Svensson; David Okafor"
    properties.keywords = "organizational learning; supplier workshops"
    document.sections[0].header.paragraphs[0].text = "Running head: LEARNING ROUTINES"
    document.add_heading("Learning Routines in Supplier Workshops", 0)
    document.add_paragraph("Maria Svensson and David Okafor")
    document.add_heading("Introduction", 1)
    document.add_paragraph(BODY * 3)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Firm", "Workshops", "Years"), strict=True):
        cell.text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Both firms together"
    table.cell(1, 2).text = "6"
    document.add_heading("Method", 2)
    document.add_paragraph(METHOD * 3)
    document.save(str(path))
    return path


def _pages(document: Any, path: Path) -> list[str]:
    """Save `document` at `path` and load it as a folder's file is loaded."""
    document.save(str(path))
    return load_file(path, load_settings().loading).pages


def test_a_word_document_is_read_in_order_with_its_headings_tables_and_record(tmp_path: Path) -> None:
    settings = load_settings()
    raw = load_file(_paper(tmp_path / "routines.docx"), settings.loading)
    assert raw.format == "docx"
    assert raw.pages == [
        "# Learning Routines in Supplier Workshops\n\nMaria Svensson and David Okafor\n\n## Introduction\n\n"
        f"{(BODY * 3).strip()}\n\nFirm | Workshops | Years\n\nBoth firms together | 6\n\n### Method\n\n"
        f"{(METHOD * 3).strip()}"
    ]
    assert_record(
        raw,
        {
            "title": "Learning Routines in Supplier Workshops",
            "author": "Maria Svensson; David Okafor",
            "keywords": "organizational learning; supplier workshops",
        },
        ["Svensson", "Okafor"],
        ["Introduction", "Method"],
    )
    document = prepare_document(raw, settings)
    assert "Running head" not in document.text
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 40, 5)
    assert chunks and all(chunk.page_label == "" for chunk in chunks), "a Word file has no printed pages"


def test_a_word_document_made_by_a_tool_keeps_no_tool_author(tmp_path: Path) -> None:
    """python-docx's own template names "python-docx" as author: a tool, not a person."""
    import docx

    document = docx.Document()
    document.add_paragraph("Customer Learning in Service Ecosystems")
    document.add_paragraph("Anna Berg and Tomas Lind")
    document.add_paragraph(BODY * 3)
    path = tmp_path / "ecosystems.docx"
    document.save(str(path))
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert meta.title == "Customer Learning in Service Ecosystems"
    assert [person.family for person in meta.authors] == ["Berg", "Lind"]


def test_the_text_is_what_word_shows_with_every_change_accepted(tmp_path: Path) -> None:
    """Tracked insertions, content controls, smart tags and fields are read; deletions, a table
    of contents and field instructions are not; a style built on Heading 1 is a heading, and
    so is Heading 2 under a localised style id."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    document = docx.Document()
    document.add_paragraph("Contents 1", style=document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH))
    abstract = (
        f"<w:sdt {w}><w:sdtPr><w:alias w:val='Abstract'/></w:sdtPr><w:sdtContent><w:p><w:r>"
        "<w:t>Workshops turn failures into routines.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, parse_xml(abstract))
    chapter = document.styles.add_style("Chapter Heading", WD_STYLE_TYPE.PARAGRAPH)
    chapter.base_style = document.styles["Heading 1"]
    document.add_paragraph("Findings", style=chapter)
    edited = document.add_paragraph("Members ")
    edited._p.append(
        parse_xml(
            f"<w:ins {w} w:id='1' w:author='A' w:date='2020-01-01T00:00:00Z'><w:r>"
            "<w:t xml:space='preserve'>of twelve firms </w:t></w:r></w:ins>"
        )
    )
    edited._p.append(
        parse_xml(
            f"<w:del {w} w:id='2' w:author='A' w:date='2020-01-01T00:00:00Z'><w:r>"
            "<w:delText xml:space='preserve'>of some firms </w:delText></w:r></w:del>"
        )
    )
    edited.add_run("met in")
    edited._p.append(
        parse_xml(
            f"<w:smartTag {w} w:uri='urn:places' w:element='place'><w:r>"
            "<w:t xml:space='preserve'> Kyoto</w:t></w:r></w:smartTag>"
        )
    )
    document.styles["Heading 2"].style_id = "berschrift2"  # as a German Word names it
    document.add_heading("Discussion", 2)
    zotero_field = [  # a citation Zotero's Word plugin inserted: its instruction, then its result
        "<w:fldChar w:fldCharType='begin'/>",
        "<w:instrText xml:space='preserve'> ADDIN ZOTERO_ITEM CSL_CITATION {} </w:instrText>",
        "<w:fldChar w:fldCharType='separate'/>",
        "<w:t xml:space='preserve'> (Dovey, 2019).</w:t>",
        "<w:fldChar w:fldCharType='end'/>",
    ]
    for inner in zotero_field:
        edited._p.append(parse_xml(f"<w:r {w}>{inner}</w:r>"))
    repeating = document.add_table(rows=0, cols=2)  # a form's repeating section: rows in a content control
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = f"<w:tr>{cell.format('Gamma')}<w:sdt><w:sdtContent>{cell.format('3')}</w:sdtContent></w:sdt></w:tr>"
    repeating._tbl.append(parse_xml(f"<w:sdt {w}><w:sdtContent>{row}</w:sdtContent></w:sdt>"))
    assert _pages(document, tmp_path / "edited.docx") == [
        "Workshops turn failures into routines.\n\n## Findings\n\n"
        "Members of twelve firms met in Kyoto (Dovey, 2019).\n\n### Discussion\n\nGamma | 3"
    ]


def test_notes_are_paragraphs_after_the_paragraph_that_refers_to_them(tmp_path: Path) -> None:
    """Not after the reference list, where they would be read as entries of it."""
    import docx

    document = docx.Document()
    first = document.add_paragraph("Workshops met monthly.")
    refer(first, "footnote", "1")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Alpha"
    refer(table.cell(0, 1).paragraphs[0], "endnote", "7")
    second = document.add_paragraph("Members kept minutes.")
    refer(second, "footnote", "2")
    document.add_heading("References", 1)
    document.add_paragraph("Argyris, C. (1977). Double loop learning in organizations.")
    with_notes(document, "footnote", {"1": "Two met weekly.", "2": "In Swedish, translated by us."})
    with_notes(document, "endnote", {"7": "Alpha is a pseudonym."})
    assert _pages(document, tmp_path / "noted.docx") == [
        "Workshops met monthly.\n\nTwo met weekly.\n\nAlpha\n\nAlpha is a pseudonym.\n\n"
        "Members kept minutes.\n\nIn Swedish, translated by us.\n\n## References\n\n"
        "Argyris, C. (1977). Double loop learning in organizations."
    ]


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _with_part(part: str, xml: bytes) -> bytes:
    """A Word file (python-docx's template) whose `part` holds `xml`; the zip itself stays sound."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members[part] = xml
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return rebuilt.getvalue()


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"This is not a Word document at all.", CorruptFileError, "not a readable Word document"),
        (_zip(**{"notes.txt": "a zip, not a Word file"}), CorruptFileError, "not a readable Word document"),
        (OLE + "EncryptionInfo".encode("utf-16-le"), EncryptedFileError, "password-protected"),
        (OLE + b"WordDocument", CorruptFileError, r"an old binary Word file \(\.doc\)"),
        (_with_part("word/document.xml", b"<w:document"), CorruptFileError, "not a readable Word document"),
        (
            _with_part("word/styles.xml", b"<w:styles><w:style"),
            CorruptFileError,
            "not a readable Word document",
        ),
        (_with_part("word/document.xml", b"<a/>"), NoTextError, "no text in its body"),
        (_with_part("word/document.xml", b"<w:document " + W_NS + b"/>"), NoTextError, "no text in its body"),
    ],
    ids=["text", "zip", "encrypted", "binary-doc", "broken-xml", "broken-styles", "foreign-root", "no-body"],
)
def test_a_word_file_that_cannot_be_read_names_the_file_and_the_reason(
    tmp_path: Path, data: bytes, error: type[Exception], reason: str
) -> None:
    assert_refused(tmp_path / "chapter.docx", data, error, reason)


def test_a_word_file_that_unpacks_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    """A zip bomb: under 1 MB on disk, 250 MB declared; nothing of it is inflated."""
    path = _paper(tmp_path / "bomb.docx")
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/filler.bin", "w") as filler,
    ):
        block = bytes(1_000_000)
        for _ in range(250):
            filler.write(block)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(
        FileTooLargeError, match=r"bomb\.docx: the Word document unpacks to 25\d MB \(the limit is 200 MB\)"
    ):
        load_file(path, load_settings().loading)


def test_a_word_document_without_body_text_is_reported(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("   ")
    document.sections[0].header.paragraphs[0].text = "Only a header"
    path = tmp_path / "blank.docx"
    document.save(str(path))
    with pytest.raises(NoTextError, match="no text in its body"):
        load_file(path, load_settings().loading)
