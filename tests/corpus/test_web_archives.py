"""Web pages saved as one file: MHTML as Chrome and Edge write it, Safari's .webarchive."""

from __future__ import annotations

import base64
import plistlib
import quopri
from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.errors import CorruptFileError
from corpus_core.settings import load_settings
from tests.corpus.loader_checks import assert_refused

ADDRESS = "https://www.example-journal.org/doi/full/10.1108/TLO-07-2018-0124"
ARTICLE = " ".join(
    f"Sentence {i} explains how organisations learn from customers in value co-creation — naïvely."
    for i in range(12)
)


def _page(canonical: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
    <title>Learning with customers | Example Journal</title>{link}
    <meta name="citation_title" content="Learning with customers">
    <meta name="citation_author" content="Doe, Jane"><meta name="citation_author" content="Roe, Rick">
    <meta name="citation_publication_date" content="2019/03/04">
    </head><body><nav><a href="/">Home</a> | <a href="/login">Log in</a> | Skip to main content</nav>
    <article><h1>Learning with customers</h1><p>{ARTICLE}</p></article>
    <footer>Copyright 2024 Example Publisher. All rights reserved. Cookie settings</footer></body></html>"""


def _mhtml(html: str, with_page: bool = True) -> bytes:
    """An MHTML file laid out as Chrome saves one: the page quoted-printable, then its resources."""
    boundary = "----MultipartBoundary--8d0Vbq2ZbVnmFe0BwLC2RFyA1xb2pWDxItMjWbU2Lk----"
    body = quopri.encodestring(html.encode("utf-8")).decode("ascii").replace("\n", "\r\n")
    page = (
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {ADDRESS}\r\n\r\n{body}\r\n"
    )
    style = (
        f"--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.example-journal.org/site.css\r\n\r\nbody { color: black; }\r\n"
    )
    head = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {ADDRESS}\r\n"
        "Subject: =?utf-8?Q?Learning_with_customers_|_Example_Journal?=\r\n"
        "Date: Tue, 1 Dec 2026 10:00:00 -0000\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'
    )
    return (head + (page if with_page else "") + style + f"--{boundary}--\r\n").encode("ascii")


def _webarchive(html: str, encoding: str = "UTF-8") -> bytes:
    main = {
        "WebResourceData": html.encode("utf-8"),
        "WebResourceMIMEType": "text/html",
        "WebResourceTextEncodingName": encoding,
        "WebResourceURL": ADDRESS,
        "WebResourceFrameName": "",
    }
    image = {
        "WebResourceData": b"\x89PNG",
        "WebResourceMIMEType": "image/png",
        "WebResourceURL": ADDRESS + ".png",
    }
    return plistlib.dumps({"WebMainResource": main, "WebSubresources": [image]}, fmt=plistlib.FMT_BINARY)


SINGLE_PART = (
    f'MIME-Version: 1.0\r\nContent-Location: {ADDRESS}\r\nContent-Type: text/html; charset="utf-8"\r\n'
    "Content-Transfer-Encoding: base64\r\n\r\n"
).encode("ascii") + base64.encodebytes(_page().encode("utf-8"))
"""A page saved without resources: one HTML part, no multipart message."""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("saved.mhtml", _mhtml(_page())),
        ("saved.mht", _mhtml(_page())),
        ("single.mht", SINGLE_PART),
        ("saved.webarchive", _webarchive(_page())),
    ],
)
def test_a_page_saved_as_one_file_is_read_as_its_html_with_the_address_it_came_from(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    settings = load_settings()
    raw = load_file(path, settings.loading)
    assert raw.format == "html"
    assert (
        "Sentence 11 explains how organisations learn from customers in value co-creation — naïvely."
        in (raw.pages[0])
    )
    assert "Log in" not in raw.pages[0] and "color: black" not in raw.pages[0]
    meta = prepare_document(raw, settings).metadata
    assert (meta.title, meta.year, meta.url) == ("Learning with customers", 2019, ADDRESS)
    assert [person.family for person in meta.authors] == ["Doe", "Roe"]


def test_a_saved_html_page_names_its_address_by_its_canonical_link(tmp_path: Path) -> None:
    settings = load_settings()
    page = tmp_path / "page.html"
    page.write_text(_page(canonical=ADDRESS), encoding="utf-8")
    assert prepare_document(load_file(page, settings.loading), settings).metadata.url == ADDRESS
    page.write_text(_page(canonical="/doi/full/10.1108/TLO"), encoding="utf-8")
    assert prepare_document(load_file(page, settings.loading), settings).metadata.url == ""


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.mhtml", b"Plain notes, not an archive.", "not an MHTML archive"),
        ("styles.mhtml", _mhtml(_page(), with_page=False), "holds no HTML page"),
        ("saved.webarchive", b"<html>not a property list</html>", "not a readable Safari web archive"),
        (
            "pdf.webarchive",
            plistlib.dumps(
                {
                    "WebMainResource": {
                        "WebResourceData": b"%PDF-1.4",
                        "WebResourceMIMEType": "application/pdf",
                    }
                }
            ),
            "not an HTML page",
        ),
    ],
)
def test_an_archive_without_a_readable_page_names_the_file_and_the_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    assert_refused(tmp_path / name, data, CorruptFileError, reason)
