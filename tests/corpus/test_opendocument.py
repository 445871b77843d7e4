"""OpenDocument texts (.odt) laid out as LibreOffice writes them, read as users' folders hold them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from corpus_core.errors import CorruptFileError, EncryptedFileError, FileTooLargeError, NoTextError
from tests.corpus.loader_checks import assert_record, assert_refused, loaded, package

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"'
)
BODY = (
    "Organizational learning corrects the theories that guide the action of a firm, and the "
    "supplier workshops we followed changed their routines after members reflected on failures. "
) * 3
CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NAMESPACES}>
<office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
</office:automatic-styles>
<office:body><office:text>
  <text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>
    <text:p>Deleted words that no reader sees.</text:p>
  </text:deletion></text:changed-region></text:tracked-changes>
  <text:table-of-content text:name="Contents"><text:index-body>
    <text:p>Introduction<text:tab/>1</text:p>
  </text:index-body></text:table-of-content>
  <text:p text:style-name="P1">Learning Routines in Supplier Workshops</text:p>
  <text:p>Maria Svensson and David Okafor</text:p>
  <text:h text:outline-level="1">Introduction</text:h>
  <text:p>{BODY}</text:p>
  <text:p>Members<text:s text:c="3"/>of <text:span>twelve</text:span> firms<text:tab/>met in
    <text:a xlink:href="https://example.org">Kyoto</text:a><text:change text:change-id="ct1"/>.<text:note
    text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>
    <text:p>Two of them met weekly.</text:p></text:note-body></text:note><office:annotation>
    <dc:creator>Reviewer</dc:creator><text:p>A comment no reader sees.</text:p></office:annotation>
    They kept<draw:frame><draw:text-box>
    <text:p>A text box.</text:p></draw:text-box></draw:frame> minutes.</text:p>
  <text:list><text:list-item><text:p>Reflection on failures.</text:p></text:list-item>
    <text:list-item><text:list><text:list-item><text:p>Nested routine.</text:p></text:list-item></text:list>
    </text:list-item></text:list>
  <text:section text:name="Findings"><text:h text:outline-level="2">Method</text:h>
    <text:p>We coded the minutes.</text:p></text:section>
  <table:table table:name="Firms"><table:table-column table:number-columns-repeated="3"/>
    <table:table-header-rows><table:table-row>
      <table:table-cell><text:p>Firm</text:p></table:table-cell>
      <table:table-cell><text:p>Workshops</text:p></table:table-cell>
      <table:table-cell><text:p>Years</text:p></table:table-cell>
    </table:table-row></table:table-header-rows>
    <table:table-row>
      <table:table-cell table:number-columns-spanned="2">
        <text:p>Both firms together</text:p></table:table-cell>
      <table:covered-table-cell/>
      <table:table-cell><text:p>6</text:p></table:table-cell>
    </table:table-row>
  </table:table>
  <text:bibliography text:name="Bibliography1"><text:bibliography-source>
    <text:index-title-template>Bibliography</text:index-title-template></text:bibliography-source>
    <text:index-body><text:index-title><text:p>References</text:p></text:index-title>
    <text:p>Argyris, C. (1977). Double loop learning in organizations.</text:p></text:index-body>
  </text:bibliography>
</office:text></office:body></office:document-content>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}><office:styles>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>
</office:styles></office:document-styles>"""
META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES}><office:meta>
  <dc:title>Learning Routines in Supplier Workshops</dc:title>
  <meta:initial-creator>Maria Svensson</meta:initial-creator><dc:creator>Copy Editor</dc:creator>
  <meta:keyword>organizational learning</meta:keyword><meta:keyword>supplier workshops</meta:keyword>
</office:meta></office:document-meta>"""
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
  manifest:version="1.3">
  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{}
  </manifest:file-entry>
</manifest:manifest>"""


def _odt(
    content: str = CONTENT,
    mimetype: str = "application/vnd.oasis.opendocument.text",
    encryption: str = "",
    filler_mb: int = 0,
) -> bytes:
    """An .odt as LibreOffice lays it out: the mimetype first and stored, then the XML parts."""
    members: dict[str, str | bytes] = {
        "content.xml": content,
        "styles.xml": STYLES,
        "meta.xml": META,
        "META-INF/manifest.xml": MANIFEST.format(encryption),
    }
    buffer = io.BytesIO(package(mimetype, members))
    if filler_mb:
        with (
            zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
            archive.open("Pictures/filler.bin", "w") as filler,
        ):
            for _ in range(filler_mb):
                filler.write(bytes(1_000_000))
    return buffer.getvalue()


def test_an_odt_is_read_in_order_as_libreoffice_shows_it(tmp_path: Path) -> None:
    raw = loaded(tmp_path / "routines.odt", _odt(), "odt")
    assert raw.pages == [
        "# Learning Routines in Supplier Workshops\n\nMaria Svensson and David Okafor\n\n## Introduction\n\n"
        f"{BODY.strip()}\n\nMembers of twelve firms met in Kyoto. They kept minutes.\n\n"
        "Two of them met weekly.\n\nReflection on failures.\n\nNested routine.\n\n### Method\n\n"
        "We coded the minutes.\n\nFirm | Workshops | Years\n\nBoth firms together | 6\n\n"
        "References\n\nArgyris, C. (1977). Double loop learning in organizations."
    ]
    assert_record(
        raw,
        {
            "title": "Learning Routines in Supplier Workshops",
            "author": "Maria Svensson",
            "keywords": "organizational learning; supplier workshops",
        },
        ["Svensson", "Okafor"],  # the file names its creator, the first; the byline names both
        ["Introduction", "Method", "References"],
    )


ENCRYPTED = (
    '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
    '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/>'
    "</manifest:encryption-data>"
)


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"Plain notes named .odt.", CorruptFileError, "not a readable OpenDocument text"),
        (_odt(content="<office:document-content"), CorruptFileError, "not a readable OpenDocument text"),
        (
            _odt(mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            CorruptFileError,
            r"another kind \(application/vnd\.oasis\.opendocument\.spreadsheet\)",
        ),
        (_odt(encryption=ENCRYPTED), EncryptedFileError, "password-protected"),
        (_odt(filler_mb=250), FileTooLargeError, r"unpacks to 25\d MB \(the limit is 200 MB\)"),
        (
            _odt(content=f"<office:document-content {NAMESPACES}><office:body/></office:document-content>"),
            NoTextError,
            "no text in its body",
        ),
    ],
    ids=["text", "broken-xml", "spreadsheet", "encrypted", "bomb", "empty"],
)
def test_an_odt_that_cannot_be_read_names_the_file_and_the_reason(
    tmp_path: Path, data: bytes, error: type[Exception], reason: str
) -> None:
    assert_refused(tmp_path / "chapter.odt", data, error, reason)
