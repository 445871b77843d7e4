"""Reports, policy briefs and white papers: read from a title page as organisations set one.

Grey literature prints what it is over its title ("POLICY BRIEF", "WHITE PAPER", "Final
report"), its authors after "Prepared by:" or with their role after a comma ("Jane Smith, Head
of Research, Acme Consulting"). Read as a paper, the type was the title and the authors were
missed. APA 7 describes such a report in brackets after its title ("[White paper]",
"[Policy brief]"). Each PDF is set with `tests.corpus.layouts` and prepared as ingestion does;
the citation is what a writer pastes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.labelled import is_author_line
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, chapter_pages, prepared_under

TITLE = "Learning at work after the pandemic"


def _read(head: str, path: Path) -> Metadata:
    """The record of a report: `head` over six paragraphs of prose, prepared as ingestion does."""
    return prepared_under(head, Layout(name="report"), path).metadata


@pytest.mark.parametrize(
    ("head", "apa"),
    [
        pytest.param(
            f"POLICY BRIEF\n\n{TITLE}\n\nJane Smith\n\nJune 2022\n\n",
            f"Smith, J. (2022). {TITLE} [Policy brief].",
            id="policy-brief",
        ),
        pytest.param(
            f"WHITE PAPER\n\n{TITLE}\n\nJane Smith, Head of Research, Acme Consulting\n\nJune 2022\n\n",
            f"Smith, J. (2022). {TITLE} [White paper].",
            id="white-paper-author-with-role",
        ),
        pytest.param(
            "WHITE PAPER\n\nA white paper on learning at work\n\nJane Smith\n\nJune 2022\n\n",
            "Smith, J. (2022). A white paper on learning at work.",
            id="described-by-its-title",
        ),
    ],
)
def test_a_reports_type_over_its_title_describes_it(head: str, apa: str, tmp_path: Path) -> None:
    meta = _read(head, tmp_path / "brief.pdf")
    assert meta.kind == "report"
    assert Citation("r", meta).format("apa") == apa


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(
            f"{TITLE}\n\nA report prepared for the Department for Education\n\nPrepared by: Jane Smith and "
            "Robert Jones\n\n",
            id="prepared-by",
        ),
        pytest.param(f"{TITLE}\n\nFinal report\n\nAuthors: Jane Smith, Robert Jones\n\n", id="final-report"),
    ],
)
def test_the_authors_are_read_under_a_reports_type_and_after_prepared_by(head: str, tmp_path: Path) -> None:
    meta = _read(head, tmp_path / "report.pdf")
    assert (meta.title, [person.family for person in meta.authors]) == (TITLE, ["Smith", "Jones"])


def test_a_name_before_an_institution_is_still_the_author_and_a_title_is_no_role(tmp_path: Path) -> None:
    meta = _read(f"{TITLE}\n\nJane Smith, University of Leeds\n\n", tmp_path / "paper.pdf")
    assert [person.family for person in meta.authors] == ["Smith"]
    meta = _read(f"{TITLE}\n\nLearning Organisations, Head Office Practice\n\n", tmp_path / "other.pdf")
    assert meta.authors == []


@pytest.mark.parametrize(
    ("head", "apa"),
    [
        pytest.param(
            "The future of jobs report 2020\n\nWorld Economic Forum\n\nOctober 2020\n\n",
            "World Economic Forum. (2020). The future of jobs report 2020.",
            id="forum-no-person",
        ),
        pytest.param(
            "World Development Report 2021\n\nData for Better Lives\n\nThe World Bank\n\nWashington, DC\n\n",
            "The World Bank. (2021). World Development Report 2021.",
            id="under-a-subtitle-title-no-venue",
        ),
        pytest.param(
            "Learning at work: a survey of employers\n\nChartered Institute of Personnel and Development\n\n"
            "March 2021\n\n",
            "Chartered Institute of Personnel and Development. (2021). Learning at work: A survey of "
            "employers.",
            id="institute-under-a-title-with-a-colon",
        ),
    ],
)
def test_an_organisation_under_a_reports_title_is_its_author(head: str, apa: str, tmp_path: Path) -> None:
    assert Citation("r", _read(head, tmp_path / "report.pdf")).format("apa") == apa


def test_an_affiliation_under_a_title_is_no_author(tmp_path: Path) -> None:
    meta = _read(f"{TITLE}\n\nDepartment of Management, University of Leeds\n\n", tmp_path / "paper.pdf")
    assert meta.authors == []


def test_a_publisher_under_a_reports_title_is_its_publisher_not_its_venue(tmp_path: Path) -> None:
    meta = _read("Learning organisations in schools\n\nOECD Publishing, Paris\n\n", tmp_path / "r.pdf")
    assert (meta.publisher, meta.venue) == ("OECD Publishing", "")


def _report(path: Path, lines: list[tuple[int, str]]) -> Metadata:
    """A report's title page (lines centred, each at its size) and four pages of chapters, prepared."""
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    y = height - 200
    for size, line in lines:
        pdf.setFont("Times-Roman", size)
        pdf.drawCentredString(width / 2, y, line)
        y -= size * 1.8
    pdf.showPage()
    chapter_pages(pdf, A4, case_study_prose(2), pages=4)
    pdf.save()
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings).metadata


@pytest.mark.parametrize(
    ("lines", "apa"),
    [
        pytest.param(
            [
                (24, "Education at a Glance 2021"),
                (16, "OECD Indicators"),
                (12, ""),
                (12, "OECD Publishing, Paris"),
            ],
            "OECD. (2021). Education at a glance 2021: OECD indicators. OECD Publishing.",
            id="title-with-a-year-and-an-acronym",
        ),
        pytest.param(
            [
                (24, "What Makes a School a Learning Organisation?"),
                (16, "A Guide for Policy Makers, School Leaders and Teachers"),
                (12, ""),
                (12, "OECD Publishing, Paris"),
            ],
            "OECD. (n.d.). What makes a school a learning organisation? A guide for policy makers, school "
            "leaders and teachers. OECD Publishing.",
            id="title-ending-in-a-question",
        ),
    ],
)
def test_an_organisations_own_imprint_makes_it_the_author(
    lines: list[tuple[int, str]], apa: str, tmp_path: Path
) -> None:
    """An OECD report signed by no one: the subtitle "OECD Indicators" had been its author
    ("Indicators, O."), the title's name a journal ("Education at a Glance"), and a question's
    subtitle joined with a colon ("Organisation?: A Guide")."""
    meta = _report(tmp_path / "oecd.pdf", lines)
    assert Citation("oecd", meta).format("apa") == apa


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("OECD Indicators", False),
        ("Employment Outlook", False),
        ("Jean-Paul DE LA ROSA", True),
        ("Anna BERG and Tomas LIND", True),
        ("Henry Ford III", True),
    ],
)
def test_a_reports_words_are_no_names_and_family_names_in_capitals_are(line: str, names: bool) -> None:
    assert is_author_line(line) is names
