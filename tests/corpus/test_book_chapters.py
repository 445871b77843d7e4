"""A chapter of an edited book, as Springer Nature sets its first page, is cited in its book.

A chapter opens with its number, in figures before its title ("1. Learning ...", Edward Elgar's)
or written out over it ("CHAPTER THREE"), or with an introduction's title ("Introduction:
learning organizations revisited"); the title had been missed and the authors' line taken for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.furniture import chapter_record
from corpus.pipeline import prepare_document
from corpus_core.models import Document, RawDocument
from corpus_core.settings import load_settings
from search_api.citations import Citation
from search_api.csl import render_references, to_csl
from tests.corpus.layouts import Layout, prepared_under, wrap

BODY = (
    "Service firms learn with their customers when both sides take part in solving problems. "
    "We follow the teams of eleven firms over three years and compare the routines they use. "
) * 8
COPYRIGHT = "© The Author(s), under exclusive license to Springer Nature Switzerland AG 2021"
EDITORS = "M. Rossi and J. Park (eds.), Learning in Service Systems, Contributions to Management Science,"


SPRINGER_FOOT = (COPYRIGHT, EDITORS, "https://doi.org/10.1007/978-3-030-12345-6_3")


def _chapter(path: Path, foot: tuple[str, ...] = SPRINGER_FOOT, last: int = 43) -> Path:
    """Pages 41 to `last` of an edited book: the chapter's first page with `foot`, then running heads.

    The odd pages' head carries the chapter's number and title, Springer's way.
    """
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    for page in range(41, last + 1):
        y = height - 72
        if page == 41:
            pdf.setFont("Times-Roman", 12)
            pdf.drawString(72, height - 90, "Chapter 3")
            pdf.setFont("Times-Bold", 16)
            pdf.drawString(72, height - 120, "Customer Learning in Service Ecosystems")
            pdf.setFont("Times-Roman", 11)
            pdf.drawString(72, height - 145, "Anna Berg and Tomas Lind")
            y = height - 190
        else:
            pdf.setFont("Times-Roman", 8)
            head = "A. Berg and T. Lind" if page % 2 == 0 else "3 Customer Learning in Service Ecosystems"
            pdf.drawString(72, height - 40, f"{page}   {head}")
        text = pdf.beginText(72, y)
        text.setFont("Times-Roman", 10)
        for line in wrap(BODY, width - 144, 10):
            text.textLine(line)
        pdf.drawText(text)
        if page == 41:
            pdf.setFont("Times-Roman", 8)
            for number, line in enumerate(foot):
                pdf.drawString(72, 70 - 10 * number, line)
            pdf.drawRightString(width - 72, 35, "41")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def chapter(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = _chapter(tmp_path_factory.mktemp("chapter") / "berg-lind.pdf")
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_the_chapters_foot_names_its_book_year_publisher_and_pages(chapter: Document) -> None:
    meta = chapter.metadata
    assert (meta.kind, meta.venue, meta.year, meta.publisher, meta.pages) == (
        "chapter",
        "Learning in Service Systems",
        2021,
        "Springer",
        "41-43",
    )
    assert meta.doi == "10.1007/978-3-030-12345-6_3"
    assert meta.title == "Customer Learning in Service Ecosystems"


def test_its_apa_reference_is_a_chapter_in_the_book(chapter: Document) -> None:
    [reference] = render_references([to_csl("berg", chapter.metadata)], "apa")
    assert reference == (
        "Berg, A., & Lind, T. (2021). Customer Learning in Service Ecosystems. In M. Rossi & J. Park (Eds.), "
        "Learning in Service Systems (pp. 41–43). Springer. https://doi.org/10.1007/978-3-030-12345-6_3"
    )


def test_a_chapter_keeps_its_title_that_its_running_heads_repeat(tmp_path: Path) -> None:
    """Springer's odd pages carry "3 Customer Learning in Service Ecosystems": the first page's title
    had been dropped with them as a running line, and the chapter was cited "[Untitled]"."""
    settings = load_settings()
    path = _chapter(tmp_path / "chapter.pdf", last=46)
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert (meta.title, meta.pages) == ("Customer Learning in Service Ecosystems", "41-46")


@pytest.mark.parametrize(
    ("foot", "apa"),
    [
        pytest.param(
            (
                "Advances in Entrepreneurship, Firm Emergence and Growth, Volume 21, 67–89",
                "Copyright © 2019 by Emerald Publishing Limited",
                "All rights of reproduction in any form reserved",
                "ISSN: 1074-7540/doi:10.1108/S1074-754020190000021004",
            ),
            "Berg, A., & Lind, T. (2019). Customer learning in service ecosystems. In Advances in "
            "entrepreneurship, firm emergence and growth (Vol. 21, pp. 67–89). Emerald Publishing Limited. "
            "https://doi.org/10.1108/S1074-754020190000021004",
            id="emerald-series",
        ),
        pytest.param(
            (
                COPYRIGHT,
                "M. Rossi and J. Park (eds.), Learning in Service Systems, Palgrave Studies in Marketing,",
                "https://doi.org/10.1007/978-3-030-12345-6_3",
            ),
            "Berg, A., & Lind, T. (2021). Customer learning in service ecosystems. In M. Rossi & J. Park "
            "(Eds.), Learning in service systems (pp. 41–44). Palgrave Macmillan. "
            "https://doi.org/10.1007/978-3-030-12345-6_3",
            id="palgrave-series",
        ),
        pytest.param(
            (
                "Research Handbook on Organizational Learning, edited by Maria Rossi. © 2020 The Editor "
                "and Contributors Severally",
            ),
            "Berg, A., & Lind, T. (2020). Customer learning in service ecosystems. In M. Rossi (Ed.), "
            "Research handbook on organizational learning (pp. 41–44). Edward Elgar Publishing.",
            id="elgar-handbook",
        ),
    ],
)
def test_a_chapters_foot_in_emeralds_elgars_or_palgraves_words_names_its_book(
    foot: tuple[str, ...], apa: str, tmp_path: Path
) -> None:
    settings = load_settings()
    path = _chapter(tmp_path / "chapter.pdf", foot, last=44)
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert Citation("chapter", meta).format("apa") == apa


@pytest.mark.parametrize(
    "foot",
    [
        EDITORS,  # editors without the publisher's line: a reference, say
        "© Springer Science+Business Media, LLC 2019",  # a journal article's copyright line
        "Argote, L. (ed.), Organizational Learning, pp. 1-10. Springer, Heidelberg (2006)",
    ],
)
def test_either_line_alone_makes_no_chapter(foot: str) -> None:
    raw = RawDocument("x.pdf", "h", "pdf", [f"A Title\nBody text of the page.\n{foot}"])
    assert chapter_record(raw).kind == ""


@pytest.mark.parametrize(
    ("head", "title", "authors"),
    [
        pytest.param(
            "1. Learning organizations and value co-creation: an introduction\n\n"
            "Jane Smith and Robert Jones\n\n",
            "Learning organizations and value co-creation: an introduction",
            ["Smith", "Jones"],
            id="numbered-title-over-two-authors",
        ),
        pytest.param(
            "CHAPTER THREE\n\nLearning in service ecosystems\n\nJane Smith\n\n",
            "Learning in service ecosystems",
            ["Smith"],
            id="number-written-out",
        ),
        pytest.param(
            "Introduction: learning organizations revisited\n\nJane Smith\n\n",
            "Introduction: learning organizations revisited",
            ["Smith"],
            id="introduction-with-a-subtitle",
        ),
    ],
)
def test_a_chapters_opening_gives_its_title_and_authors(
    head: str, title: str, authors: list[str], tmp_path: Path
) -> None:
    meta = prepared_under(head, Layout(name="chapter"), tmp_path / "chapter.pdf").metadata
    assert (meta.title, [person.family for person in meta.authors]) == (title, authors)


def test_a_line_of_several_names_is_never_the_title(tmp_path: Path) -> None:
    head = "1.1 Learning organizations and value co-creation\n\nJane Smith and Robert Jones\n\nLeeds\n\n"
    meta = prepared_under(head, Layout(name="chapter"), tmp_path / "chapter.pdf").metadata
    assert meta.title != "Jane Smith and Robert Jones"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("Foreword\n\nPeter M. Senge\n\n", "Foreword"),
        ("PREFACE\n\nJane Smith and Robert Jones\n\n", "Preface"),
    ],
)
def test_a_books_part_by_another_hand_is_titled_by_its_name(head: str, title: str, tmp_path: Path) -> None:
    meta = prepared_under(head, Layout(name="foreword"), tmp_path / "foreword.pdf").metadata
    assert meta.title == title
    assert meta.authors
