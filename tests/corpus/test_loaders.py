"""Loaders on real files: every shared PDF is read or refused with a clear reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from corpus.loading.loaders import content_hash, discover, load_file
from corpus.pipeline import prepare_document
from corpus_core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    NoTextError,
    UnsupportedFormatError,
)
from corpus_core.settings import LoadingSettings, load_settings


@pytest.fixture
def loading() -> LoadingSettings:
    return LoadingSettings()


def test_text_pdf_keeps_one_text_per_page(pdfs_dir: Path, loading: LoadingSettings) -> None:
    raw = load_file(pdfs_dir / "pdflatex-4-pages.pdf", loading)
    assert raw.format == "pdf"
    assert len(raw.pages) == 4
    assert all(page.strip() for page in raw.pages)
    assert raw.content_hash == content_hash((pdfs_dir / "pdflatex-4-pages.pdf").read_bytes())


def test_pdf_info_is_read(pdfs_dir: Path, loading: LoadingSettings) -> None:
    raw = load_file(pdfs_dir / "GeoTopo-komprimiert.pdf", loading)
    assert raw.info["title"] == "Geometrie und Topologie"
    assert raw.info["author"] == "Martin Thoma"
    assert len(raw.pages) == 117


def test_encrypted_pdf_is_refused_without_its_password(pdfs_dir: Path, loading: LoadingSettings) -> None:
    with pytest.raises(EncryptedFileError) as info:
        load_file(pdfs_dir / "libreoffice-writer-password.pdf", loading)
    assert "libreoffice-writer-password.pdf" in str(info.value)
    assert "pdf_passwords" in info.value.reason


def test_encrypted_pdf_opens_with_configured_password(pdfs_dir: Path) -> None:
    raw = load_file(
        pdfs_dir / "libreoffice-writer-password.pdf", LoadingSettings(pdf_passwords=["", "openpassword"])
    )
    assert "".join(raw.pages).strip()


def test_image_only_pdf_has_almost_no_text(pdfs_dir: Path, loading: LoadingSettings) -> None:
    raw = load_file(pdfs_dir / "imagemagick-images.pdf", loading)
    assert sum(len(p.strip()) for p in raw.pages) < 100


def test_damaged_pdf_is_reported(pdfs_dir: Path, loading: LoadingSettings) -> None:
    with pytest.raises(CorruptFileError) as info:
        load_file(pdfs_dir / "unreadablemetadata.pdf", loading)
    assert "unreadablemetadata.pdf" in str(info.value)


def test_zero_byte_and_garbage_files(tmp_path: Path, loading: LoadingSettings) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        load_file(empty, loading)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"this is not a pdf at all" * 20)
    with pytest.raises(CorruptFileError, match=r"garbage\.pdf"):
        load_file(garbage, loading)


def test_non_utf8_text_is_decoded(tmp_path: Path, loading: LoadingSettings) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café société: la co-création de valeur à l'œuvre, déjà étudiée.".encode("cp1252"))
    raw = load_file(path, loading)
    assert "Café société" in raw.pages[0]
    assert "déjà" in raw.pages[0]


def test_html_main_text_without_navigation(tmp_path: Path, loading: LoadingSettings) -> None:
    article = " ".join(
        f"Sentence {i} explains how organisations learn from customers in value co-creation."
        for i in range(12)
    )
    html = f"""<html><head><title>Learning with customers</title>
    <meta name="citation_title" content="Learning with customers">
    <meta name="citation_author" content="Doe, Jane"><meta name="citation_author" content="Roe, Rick">
    </head><body><nav><a href="/">Home</a> | <a href="/login">Log in</a> | Skip to main content</nav>
    <article><h1>Learning with customers</h1><p>{article}</p></article>
    <footer>Copyright 2024 Example Publisher. All rights reserved. Cookie settings</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    raw = load_file(path, loading)
    assert "Sentence 11 explains" in raw.pages[0]
    assert "Log in" not in raw.pages[0]
    assert raw.info["citation_title"] == "Learning with customers"
    assert raw.info["citation_author"] == "Doe, Jane; Roe, Rick"


def test_a_page_keeps_its_text_however_often_the_process_has_seen_it(
    tmp_path: Path, loading: LoadingSettings
) -> None:
    """A long run reads many pages of one site, a watch reads a page again: no paragraph is lost.

    trafilatura's `deduplicate` dropped a paragraph (of 100 characters or more) seen three
    times before in the process, and the fourth read of a page found no main text at all.
    """
    shared = (
        "Cite this article: a study of organisational learning in supplier workshops, "
        "published by the Example Journal of Learning Organizations in 2019."
    )
    for number in range(4):
        path = tmp_path / f"page{number}.html"
        article = f"Page {number} explains how organisations learn from customers in value co-creation. " * 6
        path.write_text(f"<html><body><article><p>{article}</p><p>{shared}</p></article></body></html>")
        text = load_file(path, loading).pages[0]
        assert f"Page {number} explains" in text and shared in text, (number, text)
    for _ in range(4):
        assert "Page 3 explains" in load_file(path, loading).pages[0]


def test_a_pages_headings_are_its_sections_in_sentence_case_too(tmp_path: Path) -> None:
    """`<h2>`s in sentence case are sections, as a Word file's headings are; a short line is not."""
    from corpus.pipeline import prepare_document
    from corpus_core.settings import load_settings

    sentences = [f"Sentence {i} explains how organisations learn from customers." for i in range(6)]
    body = "".join(
        f"<h2>{heading}</h2><p>{' '.join(sentences[2 * i : 2 * i + 2])}</p><p>A short line</p>"
        for i, heading in enumerate(["Why teams stop learning", "What the best teams do", "Three practices"])
    )
    path = tmp_path / "post.html"
    path.write_text(
        f"<html><head><title>Why Service Teams Stop Learning</title></head><body><article>"
        f"<h1>Why Service Teams Stop Learning</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    settings = load_settings()
    document = prepare_document(load_file(path, settings.loading), settings)
    assert [section.title for section in document.sections] == [
        "Why teams stop learning",
        "What the best teams do",
        "Three practices",
    ]
    assert document.metadata.title == "Why Service Teams Stop Learning"
    assert "Sentence 5 explains" in document.text


def test_unknown_type_is_refused(tmp_path: Path, loading: LoadingSettings) -> None:
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError, match="xlsx"):
        load_file(path, loading)


@pytest.mark.parametrize("name", ["viewcontent.cgi", "download", "10.1108_09696470910993954", "paper.txt"])
def test_a_pdf_under_another_name_is_found_and_read_as_a_pdf(
    pdfs_dir: Path, tmp_path: Path, loading: LoadingSettings, name: str
) -> None:
    """Browsers and repositories save PDFs as `viewcontent.cgi`, `download` or a bare DOI."""
    path = tmp_path / name
    shutil.copy(pdfs_dir / "pdflatex-4-pages.pdf", path)
    assert dict(discover([tmp_path], loading)) == {path: "document"}
    raw = load_file(path, loading)
    assert raw.format == "pdf" and len(raw.pages) == 4
    assert raw.pages == load_file(pdfs_dir / "pdflatex-4-pages.pdf", loading).pages


def test_only_a_pdf_header_at_the_start_makes_a_file_a_pdf(tmp_path: Path, loading: LoadingSettings) -> None:
    quoting = tmp_path / "notes.txt"
    quoting.write_text("Every PDF starts with a header such as %PDF-1.7 and ends with %%EOF. " * 10)
    assert load_file(quoting, loading).format == "txt"
    other = tmp_path / "README"
    other.write_text("Read me. " * 50)
    assert dict(discover([tmp_path], loading))[other] == "unsupported"
    only_text = LoadingSettings(extensions=[".txt"])
    pdf_named_odd = tmp_path / "download"
    pdf_named_odd.write_bytes(b"%PDF-1.4\n")
    assert dict(discover([tmp_path], only_text))[pdf_named_odd] == "unsupported", "PDFs are not read"


def test_discover_walks_recursively_and_classifies(tmp_path: Path, loading: LoadingSettings) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "paper.txt").write_text("x")
    (tmp_path / "a" / "paper.bib").write_text("@misc{x}")
    (tmp_path / "notes.docx").write_text("x")
    (tmp_path / "slides.key").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("x")
    found = {p.relative_to(tmp_path).as_posix(): v for p, v in discover([tmp_path], loading)}
    assert found == {
        "a/b/paper.txt": "document",
        "a/paper.bib": "sidecar",
        "notes.docx": "document",
        "slides.key": "unsupported",
    }


def test_a_file_whose_text_cleaning_took_says_so(tmp_path: Path) -> None:
    """Four pages printing only one line: the line is read as a running head, and the reason says
    so, not that the PDF has no text (before: "only 0 characters of extractable text ... a short
    document, no page of it a scan")."""
    path = tmp_path / "greetings.pdf"
    pdf = canvas.Canvas(str(path))
    for _ in range(4):
        pdf.drawString(72, 700, "Greetings from the learning organization team")
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    with pytest.raises(NoTextError) as info:
        prepare_document(load_file(path, settings.loading), settings)
    assert "greetings.pdf" in str(info.value)
    assert "in 4 page(s) (minimum 200): cleaning removed 180 of the" in info.value.reason
    assert "(running_header 180)" in info.value.reason
