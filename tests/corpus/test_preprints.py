"""An arXiv preprint: the margin stamp gives its DOI and year, and no longer hides its title block."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.furniture import preprint_record
from corpus.metadata.labelled import first_page_record
from corpus.pipeline import prepare_document
from corpus_core.models import Document, RawDocument
from corpus_core.settings import load_settings
from search_api.csl import render_references, to_csl

STAMP = "arXiv:2103.04567v2  [cs.SI]  14 Mar 2021"
TITLE = "Learning Organizations as Platforms for Value Co-Creation"
BODY = [
    "Learning organizations have been described as systems that adapt by",
    "questioning the rules they act on. We ask what changes when the customers",
    "of a service firm take part in that questioning, and how the value they",
    "create together is shared. Eleven service firms were followed for three",
    "years, and their routines for learning with customers were compared.",
]


def _preprint(path: Path) -> Path:
    """Two pages as LaTeX sets a preprint: the stamp up the left margin, a centred title block."""
    width, height = letter
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setTitle("")
    pdf.saveState()
    pdf.setFont("Times-Roman", 20)
    pdf.setFillGray(0.5)
    pdf.translate(30, 220)
    pdf.rotate(90)
    pdf.drawString(0, 0, STAMP)
    pdf.restoreState()
    pdf.setFont("Times-Bold", 16)
    pdf.drawCentredString(width / 2, height - 90, TITLE)
    pdf.setFont("Times-Roman", 11)
    pdf.drawCentredString(width / 2, height - 115, "Lena Ortiz and Samuel K. Berg")
    pdf.drawCentredString(width / 2, height - 130, "University of Testing")
    pdf.setFont("Times-Bold", 11)
    pdf.drawCentredString(width / 2, height - 160, "Abstract")
    for page in (1, 2):
        text = pdf.beginText(90, height - (178 if page == 1 else 72))
        text.setFont("Times-Roman", 10)
        for _ in range(4):
            for line in BODY:
                text.textLine(line)
        pdf.drawText(text)
        pdf.setFont("Times-Roman", 9)
        pdf.drawCentredString(width / 2, 40, str(page))
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def preprint(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = _preprint(tmp_path_factory.mktemp("arxiv") / "ortiz-berg.pdf")
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_the_stamp_gives_the_preprints_doi_year_and_repository(preprint: Document) -> None:
    meta = preprint.metadata
    assert (meta.doi, meta.year, meta.publisher, meta.kind) == (
        "10.48550/arXiv.2103.04567",
        2021,
        "arXiv",
        "article",
    )
    assert meta.url == "https://arxiv.org/abs/2103.04567v2"
    assert meta.sources["doi"] == "page-furniture" and "year" not in meta.uncertain


def test_the_title_block_under_the_stamp_is_read(preprint: Document) -> None:
    meta = preprint.metadata
    assert meta.title == TITLE
    assert [a.display for a in meta.authors] == ["Lena Ortiz", "Samuel K. Berg"]


def test_the_stamp_is_not_text(preprint: Document) -> None:
    assert "arXiv" not in preprint.text
    assert preprint.cleaning.removed["preprint_stamp"] == len(" ".join(STAMP.split()))
    assert preprint.text.startswith(TITLE)


def test_its_apa_reference_names_arxiv_as_the_repository(preprint: Document) -> None:
    [reference] = render_references([to_csl("ortiz", preprint.metadata)], "apa")
    assert reference == (
        f"Ortiz, L., & Berg, S. K. (2021). {TITLE}. arXiv. https://doi.org/10.48550/arXiv.2103.04567"
    )


def test_an_old_style_identifier() -> None:
    raw = RawDocument("old.pdf", "h", "pdf", ["arXiv:cs/0112017v1 [cs.LG] 5 Dec 2001\nA Title\nBody text."])
    meta = preprint_record(raw)
    assert (meta.doi, meta.year, meta.url) == (
        "10.48550/arXiv.cs/0112017",
        2001,
        "https://arxiv.org/abs/cs/0112017v1",
    )


def test_a_mention_of_arxiv_in_the_text_is_no_stamp() -> None:
    raw = RawDocument(
        "x.pdf", "h", "pdf", ["A Title\nAs arXiv:2103.04567v2 [cs.SI] 14 Mar 2021 shows, teams learn."]
    )
    assert preprint_record(raw).doi == ""


def test_an_unmarked_author_line_joined_between_title_and_affiliation() -> None:
    meta = first_page_record(
        f"{TITLE} Lena Ortiz and Samuel K. Berg University of Testing\n\nAbstract\n\nText."
    )
    assert meta.title == TITLE
    assert [a.display for a in meta.authors] == ["Lena Ortiz", "Samuel K. Berg"]


SSRN_FOOT = "Electronic copy available at: https://ssrn.com/abstract=3612345"


def _ssrn_paper(path: Path, running_head: str = "") -> Path:
    """Three pages SSRN served: its foot on each; with `running_head`, a journal's version."""
    width, height = letter
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setTitle("")
    for page in (1, 2, 3):
        if running_head:
            pdf.setFont("Times-Italic", 8)
            pdf.drawString(90, height - 40, running_head)
        text = pdf.beginText(90, height - 72)
        text.setFont("Times-Roman", 10)
        if page == 1:
            text.textLine("Customer Participation and Team Learning")
            text.textLine("")
        for _ in range(5):
            for line in BODY:
                text.textLine(line)
        pdf.drawText(text)
        pdf.setFont("Times-Roman", 8)
        pdf.drawCentredString(width / 2, 30, SSRN_FOOT)
        pdf.showPage()
    pdf.save()
    return path


def test_an_ssrn_paper_is_cited_as_its_preprint(tmp_path: Path) -> None:
    settings = load_settings()
    document = prepare_document(load_file(_ssrn_paper(tmp_path / "rossi.pdf"), settings.loading), settings)
    meta = document.metadata
    assert (meta.doi, meta.url, meta.publisher, meta.kind) == (
        "10.2139/ssrn.3612345",
        "https://ssrn.com/abstract=3612345",
        "SSRN",
        "article",
    )
    assert "ssrn.com" not in document.text


def test_a_journals_version_served_by_ssrn_is_no_preprint(tmp_path: Path) -> None:
    path = _ssrn_paper(tmp_path / "published.pdf", "Journal of Service Research, Vol. 23, No. 2, 2020")
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert (meta.venue, meta.volume, meta.year) == ("Journal of Service Research", "23", 2020)
    assert (meta.doi, meta.publisher, meta.kind) == ("10.2139/ssrn.3612345", "", "")


def test_an_ssrn_link_in_the_text_is_no_stamp() -> None:
    raw = RawDocument(
        "x.pdf", "h", "pdf", ["A Title\nRossi, M. (2020). Learning. https://ssrn.com/abstract=3612345"]
    )
    assert preprint_record(raw).doi == ""


def _research_square(path: Path) -> Path:
    """A Research Square preprint's first page: authors with their e-mail or ORCID, labelled lines."""
    height = letter[1]
    pdf = canvas.Canvas(str(path), pagesize=letter)
    lines = [
        ("Helvetica-Bold", 18, TITLE),
        ("Helvetica", 10, "Anna Berg (anna.berg@uio.no)"),
        ("Helvetica", 10, "University of Oslo https://orcid.org/0000-0002-1825-0097"),
        ("Helvetica", 10, "Tomas Lind"),
        ("Helvetica", 10, "Copenhagen Business School"),
        ("Helvetica", 10, "Research Article"),
        ("Helvetica", 10, "Keywords: team learning, value co-creation, service firms"),
        ("Helvetica", 10, "Posted Date: June 1st, 2021"),
        ("Helvetica", 10, "DOI: https://doi.org/10.21203/rs.3.rs-123456/v1"),
        (
            "Helvetica",
            10,
            "License: This work is licensed under a Creative Commons Attribution 4.0 International",
        ),
    ]
    y = height - 90
    for font, size, text in lines:
        pdf.setFont(font, size)
        pdf.drawString(72, y, text)
        y -= size * 2
    pdf.showPage()
    for _ in range(2):
        pdf.setFont("Times-Roman", 10)
        y = height - 90
        for line in BODY * 8:
            pdf.drawString(72, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return path


def test_a_research_square_preprint_is_cited_as_its_preprint(tmp_path: Path) -> None:
    """Its "Posted Date:" line was read as the venue, its authors (an e-mail beside the first) not at all."""
    settings = load_settings()
    meta = prepare_document(
        load_file(_research_square(tmp_path / "rs.pdf"), settings.loading), settings
    ).metadata
    assert (meta.title, [a.display for a in meta.authors]) == (TITLE, ["Anna Berg", "Tomas Lind"])
    assert (meta.year, meta.venue, meta.kind, meta.publisher, meta.doi) == (
        2021,
        "",
        "article",
        "Research Square",
        "10.21203/rs.3.rs-123456/v1",
    )
