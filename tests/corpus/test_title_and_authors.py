"""First pages whose title or authors were misread: an affiliation over an inline "Abstract:",
a thesis's "by" line, degrees after names, names in capitals.

Each case was found on a first page made in a layout the tests did not have; before, the
records read: title "University of Bergen"; title "Maria Rossi"; no authors; "Maria Rossi
And John Park" as one author.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.extract import extract_metadata
from corpus.metadata.labelled import looks_like_title
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata, RawDocument
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import draw_lines, draw_styled_lines, wrap

TITLE = "Learning organizations and value co-creation in service firms"
ABSTRACT = "Abstract: This paper examines how service firms learn with their customers over three years."
TEXT_WIDTH = A4[0] - 144
"""Points a line of body text spans (72-point margins)."""
BODY = (
    "Service firms learn with their customers when both sides take part in solving problems. "
    "We follow the teams of eleven firms over three years and compare the routines they use. "
) * 4


def _record(text: str) -> Metadata:
    return extract_metadata(RawDocument("paper.txt", "h", "txt", [text]), text)


@pytest.mark.parametrize(
    "under_title",
    [
        ["Maria Rossi and John Park", "University of Bergen"],
        ["Maria Rossi*, John Park**", "*University of Bergen, **KAIST"],
        [
            "Maria Rossi1 and John Park2",
            "1 Department of Marketing, University of Bergen, Norway",
            "2 KAIST College of Business, Seoul, Korea",
            "maria.rossi@uib.no",
        ],
    ],
    ids=["institution", "marked", "numbered-with-email"],
)
def test_affiliations_over_an_inline_abstract_are_no_title(under_title: list[str]) -> None:
    meta = _record("\n\n".join([TITLE, *under_title, ABSTRACT, "1. Introduction", BODY]))
    assert meta.title == TITLE
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    assert meta.abstract.startswith("This paper examines")


@pytest.mark.parametrize("by", ["by\n\nMaria Rossi", "by Maria Rossi", "By\n\nMaria Rossi"])
def test_a_thesis_title_over_by(by: str) -> None:
    meta = _record(
        f"Learning Organizations and Value Co-creation\n\n{by}\n\n"
        "A dissertation submitted in partial fulfillment of the requirements for the degree of "
        "Doctor of Philosophy\n\nUniversity of Michigan\n\n2021"
    )
    assert meta.title == "Learning Organizations and Value Co-creation"
    assert [a.display for a in meta.authors] == ["Maria Rossi"]
    assert (meta.kind, meta.publisher) == ("thesis", "University of Michigan")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Maria Rossi, PhD, and John Park, MBA", ["Maria Rossi", "John Park"]),
        ("Maria Rossi, M.D., John Park, RN & Ana Souza, MSc", ["Maria Rossi", "John Park", "Ana Souza"]),
        ("Maria Rossi, MD, MPH; John Park, DrPH; Ana Souza, BSN", ["Maria Rossi", "John Park", "Ana Souza"]),
        ("MARIA ROSSI and JOHN PARK", ["Maria Rossi", "John Park"]),
        ("Yun Ma and Maria Rossi", ["Yun Ma", "Maria Rossi"]),
        ("Georg von Krogh and Kees van der Heijden", ["Georg von Krogh", "Kees van der Heijden"]),
        ("Von Maria Müller und Jörg Weiß*", ["Maria Müller", "Jörg Weiß"]),
    ],
)
def test_author_lines(line: str, names: list[str]) -> None:
    meta = _record(f"Learning Organizations and Value Co-creation\n\n{line}\n\nAbstract\n\nThis paper.")
    assert [a.display for a in meta.authors] == names


def _prepared(path: Path) -> Metadata:
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings).metadata


def _article_pdf(path: Path, head: list[tuple[str, float, str]], body: list[str]) -> Metadata:
    """A one-page article: `head` lines (font, size, text) set one under the other, then `body`."""
    height = A4[1]
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    y = draw_styled_lines(pdf, 72, height - 100, head, leading=2)
    draw_lines(pdf, 72, y - 20, body)
    pdf.showPage()
    pdf.save()
    return _prepared(path)


def test_a_pdf_with_an_affiliation_over_its_abstract(tmp_path: Path) -> None:
    head = [("Times-Bold", 16, TITLE), ("Times-Roman", 11, "Maria Rossi and John Park")]
    head.append(("Times-Italic", 10, "University of Bergen"))
    meta = _article_pdf(
        tmp_path / "rossi.pdf", head, [*wrap(ABSTRACT, TEXT_WIDTH, 10), "", *wrap(BODY, TEXT_WIDTH, 10)]
    )
    assert meta.title == TITLE
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Learning organizations and value co-creation*", "Learning organizations and value co-creation"),
        ("Do learning organizations co-create value?¹", "Do learning organizations co-create value?"),
        ("Learning organizations and value co-creation †", "Learning organizations and value co-creation"),
        ("Learning organizations in 2020", "Learning organizations in 2020"),
    ],
)
def test_a_footnote_mark_leaves_the_title(title: str, expected: str) -> None:
    meta = _record(
        f"{title}\n\nMaria Rossi and John Park\n\nAbstract\n\nThis paper examines how firms learn."
    )
    assert meta.title == expected
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]


def test_a_jel_line_is_no_title() -> None:
    meta = _record(
        "Learning organizations and value co-creation\n\nMaria Rossi, John Park\n\n"
        "JEL classification: M10, L80\n\nKeywords: learning organization; co-creation\n\n"
        "Abstract\n\nThis paper examines how firms learn."
    )
    assert meta.title == "Learning organizations and value co-creation"
    assert meta.keywords == ["learning organization", "co-creation"]


@pytest.mark.parametrize(
    ("date", "year"),
    [("31. Dezember 2016", 2016), ("1er mars 2019", 2019), ("3 de marzo de 2018", 2018), ("Mai 2021", 2021)],
)
def test_a_date_line_in_german_french_or_spanish(date: str, year: int) -> None:
    meta = _record(f"Lernende Organisationen und Wertschöpfung\n\nMaria Rossi\n\n{date}\n\nEinleitung")
    assert meta.year == year


def _title_page_pdf(path: Path, first_page: list[str], body_pages: int = 3) -> Metadata:
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    for number, line in enumerate(first_page):  # the title, a subtitle in smaller type, the rest smaller
        pdf.setFont("Times-Bold" if number == 0 else "Times-Roman", (20, 16)[number] if number < 2 else 13)
        pdf.drawCentredString(width / 2, height - 200 - 30 * number, line)
    pdf.showPage()
    for _ in range(body_pages):
        draw_lines(pdf, 72, height - 100, wrap(BODY, width - 144, 10))
        pdf.showPage()
    pdf.save()
    return _prepared(path)


def test_a_thesis_title_page_sets_its_subtitle_under_the_title(tmp_path: Path) -> None:
    meta = _title_page_pdf(
        tmp_path / "thesis.pdf",
        [
            "Learning Organizations and Value Co-creation",
            "A Study of Nordic Service Firms",
            "by",
            "Maria Rossi",
            "A thesis submitted for the degree of Doctor of Philosophy",
            "University of Bergen",
        ],
    )
    assert meta.title == "Learning Organizations and Value Co-creation: A Study of Nordic Service Firms"
    assert [a.display for a in meta.authors] == ["Maria Rossi"]
    assert meta.kind == "thesis"


def test_a_first_page_of_text_has_no_subtitle_joined(tmp_path: Path) -> None:
    head = [("Times-Bold", 16, "Learning Organizations and Value Co-creation")]
    head += [
        ("Times-Roman", 12, "Evidence From Nordic Service Firms"),
        ("Times-Roman", 12, "Maria Rossi and John Park"),
    ]
    meta = _article_pdf(tmp_path / "article.pdf", head, wrap(BODY * 2, TEXT_WIDTH, 10))
    assert meta.title == "Learning Organizations and Value Co-creation"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Does co-creation pay? Evidence from 40 service firms", True),
        ("Why do teams learn? A study of service firms", True),
        ("How do teams learn? We ask this in three studies", False),
        ("Teams learn from customers. The results show it", False),
    ],
)
def test_a_question_and_its_subtitle_is_a_title_a_question_and_its_answer_prose(
    line: str, title: bool
) -> None:
    assert looks_like_title(line) is title


NBER_COVER = (
    "NBER WORKING PAPER SERIES\n\nLEARNING BY DOING IN SERVICE TEAMS\n\nMaria Rossi\n\nJohn Park\n\n"
    "Working Paper 25678\n\nhttp://www.nber.org/papers/w25678\n\nNATIONAL BUREAU OF ECONOMIC RESEARCH\n\n"
    "1050 Massachusetts Avenue\n\nCambridge, MA 02138\n\nMarch 2019\n\n"
    "We thank seminar participants for comments. The views expressed herein are those of the authors.\n\n"
    "Learning by Doing in Service Teams\n\nMaria Rossi and John Park\n\nNBER Working Paper No. 25678\n\n"
    "March 2019\n\nJEL No. D83,L84\n\nABSTRACT\n\n"
    "We study how service teams learn by doing and find that learning depends on customers.\n\n"
)


def test_a_working_paper_cover_names_its_series_number_and_every_author() -> None:
    """The series' masthead was the title, the second author (set under the first) was lost,
    and nothing said it was a working paper: APA cites "(NBER Working Paper No. 25678)"."""
    meta = _record(NBER_COVER + BODY)
    assert meta.title == "Learning by Doing in Service Teams"
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    assert (meta.kind, meta.genre, meta.issue) == ("report", "NBER Working Paper", "25678")
    reference = Citation("w", meta).format("apa")
    assert "Learning by Doing in Service Teams (NBER Working Paper No. 25678)" in reference, reference


@pytest.mark.parametrize(
    ("line", "kind", "series", "number"),
    [
        ("Working Paper 25678", "report", "Working Paper", "25678"),
        ("Discussion Paper No. 12-034", "report", "Discussion Paper", "12-034"),
        ("CEPR Discussion Paper DP14512", "report", "CEPR Discussion Paper", "DP14512"),
        ("Policy Research Working Paper No. 2019", "report", "Policy Research Working Paper", "2019"),
        ("Working Paper 2019", "report", "", ""),
        ("Discussion Paper Series · No. 23-041 · June 2023", "report", "Discussion Paper", "23-041"),
        ("ZEW Discussion Papers, No. 23-041, 2023", "report", "ZEW Discussion Papers", "23-041"),
    ],
)
def test_working_paper_number_lines(line: str, kind: str, series: str, number: str) -> None:
    """A year after the series' name without "No." is the paper's date, not its number; a date after
    the number is the paper's."""
    meta = _record(f"Learning by Doing in Service Teams\n\nMaria Rossi and John Park\n\n{line}\n\n{BODY}")
    assert (meta.kind, meta.genre, meta.issue) == (kind, series, number)
    if line.endswith("2023"):
        assert meta.year == 2023
