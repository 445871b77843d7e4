"""A figure's caption is a paragraph of its own, and the paragraph the figure cut reads whole.

The PDFs are drawn here (reportlab) as journals float a figure: at the top of a column,
so a paragraph that ran to the foot of the column before goes on under the figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.cleaning.reflow import reflow
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import case_study, wrap

WIDTH, HEIGHT = A4
TOP, BOTTOM = HEIGHT - 70, 80
CASES = 11
"""As many as one page holds in either layout, so no paragraph runs on over a page break."""
CAPTION = "Figure 2. A framework of learning routines in supplier workshops, from the interviews we held."
CAPTION_WITHOUT_STOP = "Figure 2. A framework of learning routines in supplier workshops"
"""As many journals set a caption: a title, no sentence; it ends where its line stops short."""


def build(path: Path, columns: int, caption_size: float, caption: str = CAPTION) -> None:
    """Cases set in `columns`; a boxed figure and its caption open the page's second column (or
    its lower half, in one column), wherever the paragraph running there stands."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    gutter = 20.0
    width = (WIDTH - 120 - gutter * (columns - 1)) / columns
    y, column, placed = TOP, 0, False
    for case in range(CASES):
        for line in wrap(case_study(case), width, 10):
            if y < BOTTOM:
                column, y = column + 1, TOP
                if column == columns:
                    pdf.showPage()
                    column = 0
            if not placed and (column == 1 or (columns == 1 and y < HEIGHT / 2)):
                placed = True
                x = 60 + column * (width + gutter)
                pdf.rect(x + 10, y - 120, width - 20, 110)
                y -= 132
                pdf.setFont("Times-Roman", caption_size)
                for caption_line in wrap(caption, width, caption_size):
                    pdf.drawString(x, y, caption_line)
                    y -= 1.25 * caption_size
                y -= 12
            pdf.setFont("Times-Roman", 10)
            pdf.drawString(60 + column * (width + gutter), y, line)
            y -= 12.5
        y -= 4
    pdf.showPage()
    pdf.save()


class Drawn(NamedTuple):
    caption: str
    document: Document


@pytest.fixture(
    scope="module",
    params=[(1, 8.5, CAPTION), (2, 8.5, CAPTION), (2, 10.0, CAPTION), (1, 8.5, CAPTION_WITHOUT_STOP)],
    ids=[
        "one-column",
        "two-column-small-caption",
        "two-column-caption-in-body-type",
        "one-column-caption-without-full-stop",
    ],
)
def drawn(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Drawn:
    columns, size, caption = request.param
    path = tmp_path_factory.mktemp("captions") / f"figure-{columns}-{size}.pdf"
    build(path, columns, size, caption)
    settings = load_settings()
    return Drawn(caption, prepare_document(load_file(path, settings.loading), settings))


def test_the_caption_is_a_paragraph_of_its_own(drawn: Drawn) -> None:
    assert drawn.caption in drawn.document.text.split("\n\n")


def test_every_paragraph_reads_whole_around_the_figure(drawn: Drawn) -> None:
    paragraphs = drawn.document.text.split("\n\n")
    assert all(case_study(case) in paragraphs for case in range(CASES))


def test_the_caption_follows_the_paragraph_it_cut() -> None:
    text = "\n".join(
        [
            "The interviews show that dialogue about practice became a learning routine, and",
            "that what was learnt in the workshops stayed with the",
            "Figure 2. A framework of learning routines in supplier workshops, from the",
            "interviews of the eighteen cases.",
            "",
            "team afterwards, as the managers told us in the second round.",
        ]
    )
    assert reflow(text).split("\n\n") == [
        "The interviews show that dialogue about practice became a learning routine, and that what was "
        "learnt in the workshops stayed with the team afterwards, as the managers told us in the second "
        "round.",
        "Figure 2. A framework of learning routines in supplier workshops, from the interviews of the "
        "eighteen cases.",
    ]


BEFORE = [
    "The interviews show that dialogue about practice became a learning routine in each of the",
    "eighteen cases, and that what was learnt in one workshop stayed with the team afterwards, as",
]


@pytest.mark.parametrize(
    "caption",
    [
        "Table 1: Cases and the workshops their account managers held with customers.",
        "Fig. 1 Framework of the learning routines the cases share.",
        "TABLE 2 Summary of the eighteen cases by industry and year.",
        "Abbildung 1.5: Beispiel einer stetigen Funktion mit einer Umkehrabbildung.",
    ],
)
def test_captions_in_the_publishers_forms_end_the_paragraph_before(caption: str) -> None:
    after = "The managers told us so in the second round, when the workshops had ended."
    assert reflow("\n".join([*BEFORE, caption, after])).split("\n\n") == [" ".join(BEFORE), caption, after]


@pytest.mark.parametrize(
    "line", ["Table 1 shows the cases and their workshops over the years.", "Figure 2 gives the framework."]
)
def test_a_sentence_about_a_figure_is_no_caption(line: str) -> None:
    assert reflow("\n".join([*BEFORE, line])) == " ".join([*BEFORE, line])


@pytest.mark.parametrize(
    "rest",
    ["a) f is continuous when every open set has an open preimage.", "p is a covering when it is onto."],
    ids=["list-item", "formula-variable"],
)
def test_what_follows_a_caption_stays_after_it_unless_it_goes_on_a_sentence(rest: str) -> None:
    labels = "U a b V a b"  # a figure's labels, read before its caption
    caption = "Figure 3.9: Two loops and their product."
    assert reflow("\n".join([labels, caption, rest])).split("\n\n") == [labels, caption, rest]


def test_a_caption_without_a_full_stop_ends_where_its_line_stops_short() -> None:
    caption = ["Figure 4. Learning routines in the supplier workshops of the eighteen cases, by", "industry"]
    after = "The managers told us so in the second round, when the workshops had ended."
    assert reflow("\n".join([*BEFORE, *caption, after])).split("\n\n") == [
        " ".join(BEFORE),
        " ".join(caption),
        after,
    ]


@pytest.mark.parametrize(
    ("caption", "rest"),
    [
        ("Abb. 4.7a Sphärisches Dreieck: Dominique Toussaint,", "commons.wikimedia.org/wiki/Dreieck.png"),
        ("Abbildung 3.5: Situation aus Bemerkung 44", "."),
    ],
    ids=["after-a-comma", "punctuation-only"],
)
def test_a_short_caption_line_goes_on_when_the_next_line_cannot_stand_alone(caption: str, rest: str) -> None:
    paragraphs = reflow("\n".join([*BEFORE, caption, rest])).split("\n\n")
    assert paragraphs == [" ".join(BEFORE), f"{caption} {rest}"]
