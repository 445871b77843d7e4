"""A conference paper's author blocks (name, institution, place, e-mail) give every author.

ACM's and IEEE's conference formats, and many working papers, set one block per author, side
by side or one under another. Reflow runs the blocks together, and only the first name was
read; the blocks are now read from the page's own lines. Each PDF is drawn with reportlab and
prepared as ingestion does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import draw_lines, wrap

TITLE = "Knowledge Sharing in Agile Software Teams"
BLOCKS = [
    ("Anna Berg", "University of Oslo", "Oslo, Norway", "anna.berg@uio.no"),
    ("Ola Lund", "Karolinska Institutet", "Stockholm, Sweden", "ola.lund@ki.se"),
    ("Per Nilsson", "Microsoft Research", "Redmond, WA, USA", "per.nilsson@microsoft.com"),
]
BODY = (
    "Agile teams share knowledge in daily meetings and retrospectives. We studied twelve teams in "
    "four firms over two years and found that shared routines matter more than tools. "
) * 12


def _draw(path: Path, blocks: list[tuple[str, ...]], side_by_side: bool, columns: int = 1) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        y = height - 72
        if page == 0:
            pdf.setFont("Helvetica-Bold", 18)
            pdf.drawCentredString(width / 2, y, TITLE)
            y -= 40
            column = (width - 144) / len(blocks)
            for index, block in enumerate(blocks):
                x = 72 + column * index + column / 2 if side_by_side else width / 2
                for number, line in enumerate(block):
                    pdf.setFont("Helvetica", 12 if number == 0 else 10)
                    pdf.drawCentredString(x, y - 14 * number, line)
                if not side_by_side:
                    y -= 14 * len(block) + 10
            if side_by_side:
                y -= 14 * len(blocks[0]) + 10
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(72, y, "ABSTRACT")
            y -= 16
        column_width = (width - 144 - 18 * (columns - 1)) / columns
        for column in range(columns):
            x = 72 + column * (column_width + 18)
            draw_lines(pdf, x, y, wrap(BODY, column_width, 10)[: int((y - 90) // 12)])
        pdf.drawCentredString(width / 2, 40, str(page + 1))
        pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("side_by_side", [True, False], ids=["side-by-side", "one-under-another"])
@pytest.mark.parametrize("count", [1, 2, 3])
def test_every_author_block_gives_its_author(tmp_path: Path, side_by_side: bool, count: int) -> None:
    path = _draw(tmp_path / "paper.pdf", BLOCKS[:count], side_by_side)
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert meta.title == TITLE
    assert [a.display for a in meta.authors] == [block[0] for block in BLOCKS[:count]], (
        "no institution under a name (Karolinska Institutet, Microsoft Research) is an author"
    )


@pytest.mark.parametrize("count", [2, 3])
def test_author_blocks_side_by_side_over_two_columns_give_every_author(tmp_path: Path, count: int) -> None:
    """IEEE's and ACM's conference formats set the author blocks side by side over a two-column
    body. The page is read column by column, and its head above the columns was read row by
    row across the blocks: "Anna Berg Ola Lund Per Nilsson" was one author. Each block is
    read whole, one after the other."""
    path = _draw(tmp_path / "paper.pdf", BLOCKS[:count], side_by_side=True, columns=2)
    settings = load_settings()
    document = prepare_document(load_file(path, settings.loading), settings)
    assert document.metadata.title == TITLE
    assert [a.display for a in document.metadata.authors] == [block[0] for block in BLOCKS[:count]]
    assert "University of Oslo Oslo, Norway anna.berg@uio.no" in " ".join(document.text.split())


def test_a_table_over_the_columns_of_a_title_page_is_read_row_by_row(tmp_path: Path) -> None:
    """A table set across the page above a two-column body is no row of author blocks: each
    row stays one line ("Alpha 12 15 18"), as a table is read everywhere else."""
    path = tmp_path / "table.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawCentredString(width / 2, height - 72, TITLE)
    rows = [("Team", "2019", "2020", "2021"), ("Alpha", "12", "15", "18"), ("Beta", "9", "11", "14")]
    pdf.setFont("Helvetica", 10)
    for number, row in enumerate(rows):
        for cell, text in enumerate(row):
            pdf.drawString(100 + 130 * cell, height - 120 - 14 * number, text)
    column_width = (width - 144 - 18) / 2
    for column in range(2):
        draw_lines(pdf, 72 + column * (column_width + 18), height - 190, wrap(BODY, column_width, 10)[:40])
    pdf.showPage()
    pdf.save()
    settings = load_settings()
    raw = load_file(path, settings.loading)
    lines = [" ".join(line.split()) for line in raw.pages[0].splitlines()]
    assert "Alpha 12 15 18" in lines and "Beta 9 11 14" in lines


def test_an_ais_conference_paper_gives_its_title_authors_and_conference(tmp_path: Path) -> None:
    """ICIS's and ECIS's layout: the title over its subtitle, the paper's type under them
    ("Completed Research Paper", no title), author blocks with a street address, and the
    conference named in every page's foot."""
    path = tmp_path / "icis.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    blocks = [
        ("Maria Rossi", "University of Milan", "Via Festa 10, Milan, Italy", "maria.rossi@unimi.it"),
        ("John Park", "Yonsei University", "50 Yonsei-ro, Seoul, Korea", "jpark@yonsei.ac.kr"),
    ]
    for page in range(3):
        y = height - 72
        if page == 0:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawCentredString(width / 2, y, "Digital Platforms as Learning Organizations:")
            pdf.drawCentredString(width / 2, y - 20, "A Value Co-Creation Perspective")
            pdf.setFont("Helvetica-Oblique", 11)
            pdf.drawCentredString(width / 2, y - 44, "Completed Research Paper")
            for index, block in enumerate(blocks):
                for number, line in enumerate(block):
                    pdf.setFont("Helvetica", 10)
                    pdf.drawCentredString(width / 2 - 120 + 240 * index, y - 72 - 12 * number, line)
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawCentredString(width / 2, y - 140, "Abstract")
            y -= 160
        pdf.setFont("Times-Roman", 11)
        draw_lines(pdf, 72, y, wrap(BODY, width - 144, 11)[: int((y - 90) // 12)])
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 40, "Fortieth International Conference on Information Systems, Munich 2019")
        pdf.drawRightString(width - 72, 40, str(page + 1))
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert meta.title == "Digital Platforms as Learning Organizations: A Value Co-Creation Perspective"
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    assert (meta.venue, meta.year, meta.kind) == (
        "Fortieth International Conference on Information Systems",
        2019,
        "paper-conference",
    )


@pytest.mark.parametrize("marks", [("∗", "†"), ("¹", "²"), ("*", "‡")])
def test_names_set_side_by_side_with_their_note_marks_are_two_authors(
    tmp_path: Path, marks: tuple[str, str]
) -> None:
    """LaTeX's `\\and` sets the names apart by space only, each with its note's mark; one name was read."""
    path = tmp_path / "article.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    pdf.setFont("Times-Roman", 17)
    pdf.drawCentredString(width / 2, height - 100, TITLE)
    pdf.setFont("Times-Roman", 12)
    pdf.drawCentredString(width / 2, height - 130, f"Anna Berg{marks[0]}      Tomas Lind{marks[1]}")
    pdf.drawCentredString(width / 2, height - 150, "March 15, 2021")
    pdf.setFont("Times-Bold", 10)
    pdf.drawCentredString(width / 2, height - 180, "Abstract")
    draw_lines(pdf, 72, height - 200, wrap(BODY, width - 144, 10)[:40])
    pdf.setFont("Times-Roman", 8)
    pdf.drawString(72, 70, f"{marks[0]}University of Oslo, anna.berg@uio.no")
    pdf.drawString(72, 60, f"{marks[1]}Copenhagen Business School, tl.si@cbs.dk")
    pdf.showPage()
    pdf.save()
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year) == (
        TITLE,
        ["Anna Berg", "Tomas Lind"],
        2021,
    )
