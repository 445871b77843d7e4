"""A date set under a title and its authors (LaTeX's title block, a working paper) gives the year."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.metadata.labelled import first_page_record
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings


def test_the_shared_two_column_sample_is_dated_2024(pdfs_dir: Path) -> None:
    settings = load_settings()
    meta = prepare_document(load_file(pdfs_dir / "multicolumn.pdf", settings.loading), settings).metadata
    assert meta.title == "Two-Column Document with Lorem Ipsum"
    assert meta.year == 2024
    assert meta.sources["year"] == "first-page" and "year" in meta.uncertain


def _working_paper(path: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    width, height = letter
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setTitle("")
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
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
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


def test_a_date_far_below_the_title_is_not_its_date() -> None:
    body = "\n".join(f"Line {n} of the opening paragraph goes on." for n in range(8))
    text = f"Customer Learning in Service Teams\nIngrid Solberg\n{body}\nMarch 2019\n"
    assert first_page_record(text).year is None


def test_a_report_line_year_comes_first() -> None:
    text = "Customer Learning in Service Teams\nWorking Paper 2018\nMarch 2019\n\nBody text."
    assert first_page_record(text).year == 2018
