"""A report's title page and its table of contents, as a thesis or a working paper sets them.

The contents page's entries ("2.1 Routines and teams . . . . 4") were kept as text, so a
passage of nothing but headings and page numbers matched every query naming a heading;
and the title page's "Helsinki, 2022" was read as a citation of a journal "Helsinki",
which made the line above it ("Nordic Institute for Service Research") the title.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from corpus.cleaning.clean import clean_pages
from corpus.cleaning.contents import CONTENTS, remove_contents
from corpus.loading.loaders import load_file
from corpus.metadata.fields import is_place_and_year
from corpus.metadata.labelled import labelled_record
from corpus.pipeline import prepare_document
from corpus_core.models import CleaningStats, Document
from corpus_core.settings import CleaningSettings, load_settings
from tests.conftest import PDFS
from tests.corpus.layouts import wrap

HEADINGS = ["1 Introduction", "2 Learning organizations", "3 Value co-creation", "4 Findings"]
SECTIONS = [("2.1 Routines and teams", 4), ("2.2 Boundary spanners", 4), ("3.1 Customers as partners", 5)]
FIGURES = [("Figure 1. Routines by industry", 6), ("Figure 2. Learning over three years", 6)]


def _body(number: int) -> str:
    return (
        f"Service firms learn with their customers when both sides take part in solving problem {number}. "
        "We follow the teams of eleven firms over three years and compare the routines they use. "
    ) * 5


def _report(path: Path) -> Path:
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(width / 2, height - 250, "Learning Together with Customers")
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(width / 2, height - 290, "A Report on Value Co-Creation in Service Firms")
    pdf.setFont("Helvetica", 12)
    for offset, line in enumerate(
        ["Hanna Virtanen and Olli Mäkelä", "Nordic Institute for Service Research", "Helsinki, 2022"]
    ):
        pdf.drawCentredString(width / 2, height - 350 - 20 * offset, line)
    pdf.showPage()
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, height - 90, "Contents")
    y = height - 130
    for number, heading in enumerate(HEADINGS, start=3):  # LaTeX: chapters bold, no leader
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, y, heading)
        pdf.drawRightString(width - 72, y, str(number))
        y -= 18
        pdf.setFont("Helvetica", 11)
        for title, page in SECTIONS:
            if title[0] == heading[0]:
                pdf.drawString(90, y, f"{title} " + " ." * 40 + f" {page}")
                y -= 18
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, y - 30, "List of Figures")
    y -= 70
    pdf.setFont("Helvetica", 11)
    for title, page in FIGURES:  # a leader of dots, the number set flush right: pypdf reads it apart
        pdf.drawString(72, y, title + " " + "." * 70)
        pdf.drawRightString(width - 72, y, str(page))
        y -= 18
    pdf.setFont("Helvetica", 9)
    pdf.drawCentredString(width / 2, 40, "ii")
    pdf.showPage()
    for number, heading in enumerate(HEADINGS, start=3):
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, height - 90, heading)
        text = pdf.beginText(72, height - 120)
        text.setFont("Times-Roman", 11)
        for line in wrap(_body(number), width - 144, 11):
            text.textLine(line)
        pdf.drawText(text)
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(width / 2, 40, str(number))
        pdf.showPage()
    pdf.save()
    return path


def _slides(path: Path) -> Path:
    _, height = landscape(A4)
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    pdf.setTitle("")
    slides = [
        (
            "Value co-creation in learning organizations",
            ["Ana Souza", "University of Porto", "EURAM 2023, Dublin"],
        ),
        ("Method", ["11 firms, 3 years", "64 interviews", "Process tracing of routines"]),
        ("Findings", ["Shared problem solving builds trust", "Learning fades without feedback loops"]),
    ]
    for title, lines in slides:
        pdf.setFont("Helvetica-Bold", 28)
        pdf.drawString(60, height - 90, title)
        pdf.setFont("Helvetica", 20)
        for offset, line in enumerate(lines):
            pdf.drawString(80, height - 160 - 36 * offset, line)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = _report(tmp_path_factory.mktemp("report") / "virtanen2022.pdf")
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_the_contents_page_is_not_text(report: Document) -> None:
    contents = report.text[report.pages[1].start : report.pages[1].end]
    assert contents == ""
    for gone in ("Contents", "List of Figures", ". .", "...", "Routines by industry", "Boundary spanners"):
        assert gone not in report.text
    assert report.cleaning.removed[CONTENTS] > 500
    for number, heading in enumerate(HEADINGS, start=3):
        page = report.text[report.pages[number - 1].start : report.pages[number - 1].end]
        assert page.startswith(f"{heading}\n\nService firms learn")
        assert f"solving problem {number}." in page
    assert [s.title for s in report.sections] == HEADINGS


def test_a_place_and_year_under_the_title_is_no_journal(report: Document) -> None:
    meta = report.metadata
    assert meta.title == "Learning Together with Customers: A Report on Value Co-Creation in Service Firms"
    assert [a.display for a in meta.authors] == ["Hanna Virtanen", "Olli Mäkelä"]
    assert meta.year == 2022
    assert meta.venue == ""


def test_a_slide_headed_findings_is_no_structured_abstract(tmp_path: Path) -> None:
    settings = load_settings()
    slides = prepare_document(load_file(_slides(tmp_path / "souza2023.pdf"), settings.loading), settings)
    assert slides.metadata.title == "Value co-creation in learning organizations"
    assert slides.metadata.abstract == ""


def test_a_structured_abstract_with_its_labels_on_lines_of_their_own() -> None:
    meta = labelled_record(
        "Knowledge sharing in service teams\n\nPurpose\n\nThis paper asks how teams share knowledge.\n\n"
        "Findings\n\nThe teams that met customers shared more.\n\n1 Introduction\n\nBody text."
    )
    assert meta.title == "Knowledge sharing in service teams"
    assert meta.abstract.startswith("Purpose")


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Helsinki, 2022", True),
        ("Bergen,  1998.", True),
        ("The Learning Organization, 2019", False),
        ("Sustainability, 2021, 13(4)", False),
        ("Helsinki 2022", False),
    ],
)
def test_place_and_year(line: str, place: bool) -> None:
    assert is_place_and_year(line) is place


def test_a_text_file_drops_its_contents_too() -> None:
    text = (
        "Table of Contents\n"
        "Introduction ........................ 1\n"
        "Method .............................. 4\n"
        "Results ............................. 9\n\n"
        "Introduction\n\nThe study began in 2019 with eleven firms.\n"
    )
    cleaned = clean_pages([text], CleaningSettings(), fmt="txt").text
    assert cleaned == "Introduction\n\nThe study began in 2019 with eleven firms."


@pytest.mark.parametrize(
    "lines",
    [
        ["He paused....", "Then he went on....", "Nothing more."],  # two ellipses: no contents
        ["Contents", "Introduction .... 1", "Method .... 4"],  # two entries: too few to tell
        ["The matrix reads", "a11 ... a1n", "... ... ...", "an1 ... ann", "as above."],
    ],
)
def test_too_few_leaders_are_kept(lines: list[str]) -> None:
    stats = CleaningStats()
    assert remove_contents([lines], stats) == [lines]
    assert stats.removed == {}


def test_lines_around_the_contents_stay() -> None:
    page = [
        "Preface",
        "We thank the firms for their time in 2021.",
        "Contents",
        "1 Introduction 1",
        "1.1 Background . . . . . . . . 2",
        "1.2 Aims . . . . . . . . . . . 3",
        "2 Method 5",
        "2.1 Data . . . . . . . . . . . 5",
        "Appendix 19",
        "1 Introduction",
        "Firms learn with customers.",
    ]
    stats = CleaningStats()
    [kept] = remove_contents([page], stats)
    assert kept == [
        "Preface",
        "We thank the firms for their time in 2021.",
        "1 Introduction",
        "Firms learn with customers.",
    ]
    assert stats.removed[CONTENTS] == sum(len(line) for line in page[2:9])


def test_a_lecture_notes_contents_page_goes() -> None:
    settings = load_settings()
    doc = prepare_document(load_file(PDFS / "GeoTopo-komprimiert.pdf", settings.loading), settings)
    assert "Inhaltsverzeichnis" not in doc.text[: doc.pages[4].start]
    assert doc.text[doc.pages[3].start : doc.pages[3].end] == ""
    assert doc.text[doc.pages[4].start : doc.pages[4].end] == ""  # "Stichwortverzeichnis 111" under its head
    assert ". . ." not in doc.text
    assert doc.text[doc.pages[5].start :].startswith("1 Topologische Grundbegriffe")


def test_the_last_page_of_the_contents_goes_and_the_text_after_stays() -> None:
    contents = ["Contents", *(f"{n} Chapter {n} . . . . . . . . {n * 10}" for n in range(1, 9))]
    last = ["Contents vii", "Index 301"]
    text = ["Preface", "We thank the teams we followed for 3 years and the 12 firms they work for."]
    stats = CleaningStats()
    assert remove_contents([contents, last, text, last], stats) == [[], [], text, last]
    assert stats.removed[CONTENTS] == sum(len(line) for line in contents + last)


def test_a_latex_articles_contents_without_leaders_goes() -> None:
    """pdfTeX's article class: "Contents" over "1 Foo 2" lines; they had been text and sections."""
    settings = load_settings()
    doc = prepare_document(load_file(PDFS / "pdflatex-outline.pdf", settings.loading), settings)
    assert doc.text.lstrip().startswith("1 Foo\n\nHello, here is some text")
    assert [section.title for section in doc.sections] == [
        f"{n} {name}" for n, name in zip(range(1, 10), ["Foo", "Bar", "Baz"] * 3, strict=True)
    ]


def test_entries_without_leaders_under_their_heading_go_with_the_page_on_its_own_line() -> None:
    page = [
        "Contents",
        "1 Introduction 2",
        "2 Learning organizations",
        "3",
        "3 Value co-creation 5",
        "1 Introduction",
        "Firms learn with customers.",
    ]
    stats = CleaningStats()
    assert remove_contents([page], stats) == [["1 Introduction", "Firms learn with customers."]]
    assert stats.removed[CONTENTS] == sum(len(line) for line in page[:5])


@pytest.mark.parametrize(
    "lines",
    [
        ["1 Introduction 2", "2 Theory 3", "3 Method 5", "Firms learn with customers."],  # no heading
        ["Contents", "Chapter 9", "Chapter 4", "Chapter 2"],  # pages that go back: no contents
        ["Contents", "1 Introduction 2", "2 Theory 3", "The contents of the boxes varied."],  # two entries
    ],
)
def test_a_list_without_leaders_stays_unless_it_is_headed_and_paged(lines: list[str]) -> None:
    stats = CleaningStats()
    assert remove_contents([lines], stats) == [lines]
    assert stats.removed == {}
