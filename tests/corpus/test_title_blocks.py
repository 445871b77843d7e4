"""A first page's title block: each part read apart, and the date set under it gives the year.

A centred title block (LaTeX's, a working paper's) has no gap or indent between its title,
authors, affiliation and date; they were joined into one paragraph and the record lost its
authors ("Title Maria Rossi Bocconi University May 2020").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.file_metadata import clean_authors
from corpus.metadata.labelled import first_page_record
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import wrap


def _canvas(path: Path, size: tuple[float, float]) -> canvas.Canvas:
    """A PDF canvas whose info dictionary names no title (the record must come from the page)."""
    pdf = canvas.Canvas(str(path), pagesize=size)
    pdf.setTitle("")
    return pdf


def _prepared(path: Path) -> Document:
    """The file read, cleaned and described as a run does it."""
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_the_shared_two_column_sample_is_dated_2024(pdfs_dir: Path) -> None:
    meta = _prepared(pdfs_dir / "multicolumn.pdf").metadata
    assert meta.title == "Two-Column Document with Lorem Ipsum"
    assert meta.year == 2024
    assert meta.sources["year"] == "first-page" and "year" in meta.uncertain
    assert meta.authors == [], "its template's 'Your Name' is nobody (it was cited 'Name, Y. (2024)')"


@pytest.mark.parametrize(
    "names", ["Your Name", "First Author, Second Author", "Firstname Lastname", "Author 1 and Author 2"]
)
def test_a_templates_placeholder_names_are_no_authors(names: str) -> None:
    text = f"Customer Learning in Service Teams\n{names}\nMarch 2024\n\nAbstract\n\nBody text here."
    meta = first_page_record(text)
    assert (meta.title, meta.authors, meta.year) == ("Customer Learning in Service Teams", [], 2024)


def test_real_names_beside_a_placeholder_stay() -> None:
    text = "Customer Learning in Service Teams\nIngrid Solberg and Second Author\n\nBody text here."
    assert [p.display for p in first_page_record(text).authors] == ["Ingrid Solberg"]
    assert [p.display for p in clean_authors("Your Name; Jane Smith; admin")] == ["Jane Smith"]


def _working_paper(path: Path) -> None:
    width, height = letter
    pdf = _canvas(path, letter)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawCentredString(width / 2, height - 100, "Double-Loop Learning in Platform Ecosystems")
    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(width / 2, height - 130, "Maren Holt and Joon-ho Park")
    pdf.drawCentredString(width / 2, height - 146, "This version: 14 March 2022")
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawCentredString(width / 2, height - 180, "Abstract")
    text = pdf.beginText(90, height - 198)
    text.setFont("Helvetica", 10)
    for line in (
        "Platform firms learn from the partners who build on them. We follow eleven",
        "ecosystems over six years and show how partner feedback changes the rules",
        "the platform sets, a double loop that single-firm studies of learning miss.",
        "Since 2015 the partners' complaints have reshaped pricing and access rules.",
    ):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()


def test_a_working_papers_version_date_gives_its_year(tmp_path: Path) -> None:
    path = tmp_path / "holt-park.pdf"
    _working_paper(path)
    meta = _prepared(path).metadata
    assert meta.title == "Double-Loop Learning in Platform Ecosystems"
    assert [a.display for a in meta.authors] == ["Maren Holt", "Joon-ho Park"]
    assert meta.year == 2022


@pytest.mark.parametrize(
    "date",
    [
        "January 3, 2024",
        "3 January 2024",
        "Jan. 3rd, 2024",
        "Wednesday, January 3, 2024",
        "2024-01-03",
        "Draft: January 2024",
        "Posted on January 3, 2024",
    ],
)
def test_date_lines_under_the_title(date: str) -> None:
    text = f"Customer Learning in Service Teams\nIngrid Solberg\n{date}\n\nAbstract\n\nBody text here."
    assert first_page_record(text).year == 2024


@pytest.mark.parametrize(
    "line",
    ["Received 12 May 2019; accepted 3 June 2020", "In May 2019 the teams met again.", "Volume 2019 notes"],
)
def test_lines_that_only_mention_a_date_give_no_year(line: str) -> None:
    text = f"Customer Learning in Service Teams\nIngrid Solberg\n{line}\n\nBody text here."
    assert first_page_record(text).year is None


@pytest.mark.parametrize(
    "edition",
    [
        "Second edition, March 2024",
        "3rd ed. 2024",
        "2. Auflage, 14. Mai 2024",
        "Edition 2, 2024",
        "2e édition, mars 2024",
        "Revised edition 2024 Ingrid Solberg",
    ],
)
def test_an_edition_line_under_the_title_gives_its_year(edition: str) -> None:
    """Before: a book's or script's "0. Auflage, 31. Dezember 2016" under its title gave no year."""
    text = f"Customer Learning in Service Teams\nIngrid Solberg\n{edition}\n\nVorwort\n\nBody text here."
    assert first_page_record(text).year == 2024


@pytest.mark.parametrize(
    "line", ["Second edition of the 2019 report was read", "First edition published in 1990 by Testing Press"]
)
def test_an_edition_mentioned_in_a_sentence_gives_no_year(line: str) -> None:
    text = f"Customer Learning in Service Teams\nIngrid Solberg\n{line}\n\nBody text here."
    assert first_page_record(text).year is None


def test_the_shared_lecture_notes_are_dated_by_their_edition_line(pdfs_dir: Path) -> None:
    """GeoTopo's title page: "Einführung in die / Geometrie und Topologie / 0. Auflage, 31. Dezember 2016"."""
    meta = _prepared(pdfs_dir / "GeoTopo-komprimiert.pdf").metadata
    assert (meta.title, meta.year) == ("Einführung in die Geometrie und Topologie", 2016)


def test_a_date_far_below_the_title_is_not_its_date() -> None:
    body = "\n".join(f"Line {n} of the opening paragraph goes on." for n in range(8))
    text = f"Customer Learning in Service Teams\nIngrid Solberg\n{body}\nMarch 2019\n"
    assert first_page_record(text).year is None


def test_a_report_line_year_comes_first() -> None:
    text = "Customer Learning in Service Teams\nWorking Paper 2018\nMarch 2019\n\nBody text."
    assert first_page_record(text).year == 2018


BODY = (
    "Service firms learn with their customers when both sides take part in solving problems. "
    "We follow the teams of eleven firms over three years and compare the routines they use. "
) * 6


def _centred_title_block(path: Path, title_lines: list[str], block: list[str], measure: float = 432) -> None:
    """A letter page: the title block centred, the body `measure` points wide from the left margin."""
    width, height = letter
    pdf = _canvas(path, letter)
    y = height - 90
    pdf.setFont("Times-Bold", 16)
    for line in title_lines:
        pdf.drawCentredString(width / 2, y, line)
        y -= 20
    pdf.setFont("Times-Roman", 11)
    for line in block:
        y -= 15
        pdf.drawCentredString(width / 2, y, line)
    pdf.setFont("Times-Bold", 11)
    pdf.drawCentredString(width / 2, y - 30, "Abstract")
    text = pdf.beginText(90, y - 50)
    text.setFont("Times-Roman", 10)
    for line in wrap(BODY, measure, 10):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()


@pytest.mark.parametrize("measure", [432, 290], ids=["full-measure", "narrow-measure"])
def test_a_centred_title_blocks_parts_are_read_apart(tmp_path: Path, measure: float) -> None:
    """The narrow measure failed before: a title over 80% of a body line's characters is no heading."""
    path = tmp_path / "rossi.pdf"
    title = "Customer Participation and Team Learning in Service Firms"
    _centred_title_block(path, [title], ["Maria Rossi", "Bocconi University", "May 2020"], measure)
    document = _prepared(path)
    meta = document.metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year) == (title, ["Maria Rossi"], 2020)
    assert document.text.startswith(f"{title}\n\nMaria Rossi\n\nBocconi University\n\nMay 2020")


def test_a_title_wrapped_in_larger_type_stays_one(tmp_path: Path) -> None:
    path = tmp_path / "holt.pdf"
    _centred_title_block(
        path,
        ["Double-Loop Learning Between Platform Firms", "and the Partners Who Build on Them"],
        ["Maren Holt", "University of Testing"],
    )
    meta = _prepared(path).metadata
    assert meta.title == "Double-Loop Learning Between Platform Firms and the Partners Who Build on Them"
    assert [a.display for a in meta.authors] == ["Maren Holt"]


def _text_page(pdf: canvas.Canvas, size: tuple[float, float], heading: str = "") -> None:
    """A page of the body text (twice `BODY`), under `heading` in bold when one is given."""
    width, height = size
    text = pdf.beginText(72, height - 72)
    if heading:
        text.setFont("Times-Bold", 14)
        text.textLine(heading)
    text.setFont("Times-Roman", 11)
    for line in wrap(BODY * 2, width - 144, 11):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()


def _thesis(path: Path, institution: tuple[str, str]) -> None:
    """A thesis's title page, every line centred, then an abstract page."""
    width, height = A4
    pdf = _canvas(path, A4)
    pdf.setFont("Times-Bold", 18)
    pdf.drawCentredString(width / 2, height - 200, "Learning With Customers:")
    pdf.drawCentredString(width / 2, height - 224, "Team Routines in Service Firms")
    pdf.setFont("Times-Roman", 13)
    pdf.drawCentredString(width / 2, height - 290, "Ingrid Solberg")
    pdf.setFont("Times-Roman", 12)
    y = height - 360
    for line in (
        "A thesis submitted in partial fulfilment of the requirements",
        "for the degree of Doctor of Philosophy",
        "",
        *institution,
        "",
        "September 2018",
    ):
        pdf.drawCentredString(width / 2, y, line)
        y -= 18
    pdf.showPage()
    _text_page(pdf, A4, "Abstract")
    pdf.save()


@pytest.mark.parametrize(
    ("institution", "granting"),
    [
        (("Norwegian School of Economics", "Department of Strategy and Management"), 0),
        (("School of Business", "Trinity College Dublin"), 1),  # the college grants the degree
    ],
    ids=["school-over-department", "school-over-college"],
)
def test_a_thesis_title_page_gives_kind_institution_and_year(
    tmp_path: Path, institution: tuple[str, str], granting: int
) -> None:
    path = tmp_path / "solberg-thesis.pdf"
    _thesis(path, institution)
    document = _prepared(path)
    meta = document.metadata
    assert meta.title == "Learning With Customers: Team Routines in Service Firms"
    assert [a.display for a in meta.authors] == ["Ingrid Solberg"]
    assert (meta.kind, meta.publisher, meta.year) == ("thesis", institution[granting], 2018)
    assert meta.genre == "Doctoral dissertation", "the degree of the line under the statement"
    assert {"kind", "publisher", "year"} <= set(meta.uncertain)
    assert f"\n\n{institution[0]}\n\n{institution[1]}\n\n" in document.text


PROQUEST_NOTICE = (
    "INFORMATION TO ALL USERS",
    "The quality of this reproduction is dependent upon the quality of the copy submitted.",
    "In the unlikely event that the author did not send a complete manuscript",
    "and there are missing pages, these will be noted. Also, if material had to be removed,",
    "a note will indicate the deletion.",
    "ProQuest 10157329",
    "Published by ProQuest LLC (2016). Copyright of the Dissertation is held by the Author.",
    "All rights reserved.",
    "This work is protected against unauthorized copying under Title 17, United States Code",
    "Microform Edition © ProQuest LLC.",
    "ProQuest LLC.",
    "789 East Eisenhower Parkway",
    "P.O. Box 1346",
    "Ann Arbor, MI 48106 - 1346",
)
UMI_NOTICE = (
    "UMI Number: 3123456",
    "INFORMATION TO ALL USERS",
    "The quality of this reproduction is dependent upon the quality of the copy submitted. Broken or",
    "indistinct print, colored or poor quality illustrations and photographs, print bleedthrough,",
    "substandard margins, and improper alignment can adversely affect reproduction.",
    "In the unlikely event that the author did not send a complete manuscript and there are missing",
    "pages, these will be noted. Also, if unauthorized copyright material had to be removed, a note",
    "will indicate the deletion.",
    "UMI",
    "UMI Microform 3123456",
    "Copyright 2004 by ProQuest Information and Learning Company.",
    "All rights reserved. This microform edition is protected against",
    "unauthorized copying under Title 17, United States Code.",
    "ProQuest Information and Learning Company",
    "300 North Zeeb Road",
    "P.O. Box 1346",
    "Ann Arbor, MI 48106-1346",
)


@pytest.mark.parametrize("notice", [PROQUEST_NOTICE, UMI_NOTICE], ids=["proquest", "umi"])
def test_a_dissertation_from_proquest(tmp_path: Path, notice: tuple[str, ...]) -> None:
    """A title page with "by" set alone, then the service's notice page, then the text.

    Reflow joined "by" to the title line, which then read "... in Service Teams by Maria Rossi"
    with no author; the notice page was indexed as the thesis's text.
    """
    path = tmp_path / "rossi-dissertation.pdf"
    width, height = letter
    pdf = _canvas(path, letter)
    y = height - 160
    for line in (
        "Learning Together: Customer Participation in Service Teams",
        "by",
        "Maria Rossi",
        "A dissertation submitted in partial fulfillment",
        "of the requirements for the degree of",
        "Doctor of Philosophy",
        "University of Michigan",
        "2016",
    ):
        pdf.setFont("Times-Roman", 12)
        pdf.drawCentredString(width / 2, y, line)
        y -= 40
    pdf.showPage()
    y = height - 120
    for line in notice:
        pdf.setFont("Times-Roman", 10)
        pdf.drawCentredString(width / 2, y, line)
        y -= 14
    pdf.showPage()
    _text_page(pdf, letter)
    pdf.save()
    document = _prepared(path)
    meta = document.metadata
    assert meta.title == "Learning Together: Customer Participation in Service Teams"
    assert [a.display for a in meta.authors] == ["Maria Rossi"]
    assert (meta.kind, meta.publisher, meta.year, meta.genre) == (
        "thesis",
        "University of Michigan",
        2016,
        "Doctoral dissertation",
    )
    for words in ("ProQuest", "UMI", "reproduction", "Eisenhower", "Zeeb", "Title 17", "rights reserved"):
        assert words not in document.text, words
    assert "Maria Rossi" in document.text and BODY[:40] in document.text


@pytest.mark.parametrize(
    "statement",
    [
        "A dissertation submitted to the Faculty of Economics",
        "Submitted in fulfillment of the requirements for the degree of Master of Science",
        "Thesis presented for the degree of Doctor of Philosophy",
    ],
)
def test_degree_statements_make_a_thesis(statement: str) -> None:
    meta = first_page_record(
        f"Team Learning in Practice\n\nAnna Berg\n\n{statement}\n\nUniversity of Oslo\n\n2021"
    )
    assert (meta.kind, meta.publisher) == ("thesis", "University of Oslo")


def test_an_article_is_no_thesis() -> None:
    text = "Team Learning in Practice\n\nAnna Berg\n\nUniversity of Oslo\n\nAbstract\n\nWe study teams."
    assert first_page_record(text).kind == ""
