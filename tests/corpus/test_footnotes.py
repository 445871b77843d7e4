"""Footnotes at a page's foot are paragraphs of their own, and their marks leave the body text.

The PDFs are drawn here (reportlab) as journals set notes: small type under the body,
numbered through the article, the marks raised after a word of the body text, a raised mark
either read as a line of its own or glued to its word, depending on how high it stands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.cleaning.footnotes import FOOTNOTE_MARK, note_lines, set_apart
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import CleaningStats, Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import case_study, wrap

WIDTH, HEIGHT = A4
TOP = HEIGHT - 70
BODY_BOTTOM = 175
CASES = 26


SOURCES = [
    "Argyris and Schon (1978)",
    "Senge (1990) and Garvin (1993)",
    "Nonaka and Takeuchi (1995)",
    "Vargo and Lusch (2004), or Payne, Storbacka and Frow (2008)",
    "Edmondson (1999)",
]
"""Each note cites other sources, as real ones do (notes alike but for their numbers are a running footer)."""


def _note(number: int) -> str:
    return (
        f"{number} On the workshops of case {3 * number - 2} see {SOURCES[number % len(SOURCES)]}, "
        f"who call such routines double-loop learning (p. {40 + number})."
    )


def build(path: Path, columns: int, under_columns: bool = False) -> list[list[str]]:
    """Pages of cases, every third case marked with a note set at its page's foot; the notes of each page.

    The cases run on from page to page, so a page's last paragraph goes on over the page
    break. Page 1 raises its marks 4 points (pypdf reads each as a line of its own), page 2
    by 1 point (read by position, glued to the word before it). `under_columns` sets each
    column's notes under it, wrapped to its width, as two-column journals do, instead of
    across the page's foot.
    """
    pdf = canvas.Canvas(str(path), pagesize=A4)
    gutter = 20.0
    width = (WIDTH - 120 - gutter * (columns - 1)) / columns
    drawn: list[list[str]] = [[]]
    y, column, column_notes = TOP, 0, 0

    def end_column() -> None:
        x = 60 + column * (width + gutter)
        pdf.line(x, 158, x + 100, 158)
        pdf.setFont("Times-Roman", 8)
        lines = [line for text in drawn[-1][column_notes:] for line in wrap(text, width, 8)]
        for index, text in enumerate(lines):
            pdf.drawString(x, 146 - 10 * index, text)

    def end_page() -> None:
        if not under_columns:
            pdf.line(60, 158, 160, 158)
            pdf.setFont("Times-Roman", 8)
            for index, text in enumerate(drawn[-1]):
                pdf.drawString(60, 146 - 10 * index, text)
        pdf.setFont("Times-Roman", 9)
        pdf.drawCentredString(WIDTH / 2, 30, str(210 + len(drawn)))
        pdf.showPage()

    for case in range(CASES):
        marked = case % 3 == 1
        for index, line in enumerate(wrap(case_study(case), width, 10)):
            if y < BODY_BOTTOM:
                if under_columns:
                    end_column()
                    column_notes = len(drawn[-1])
                column, y = column + 1, TOP
                if column == columns:
                    end_page()
                    drawn.append([])
                    column, column_notes = 0, 0
            x = 60 + column * (width + gutter)
            pdf.setFont("Times-Roman", 10)
            pdf.drawString(x, y, line)
            if marked and index >= 1 and not line.endswith("-"):
                marked = False
                number = sum(len(notes) for notes in drawn) + 1
                drawn[-1].append(_note(number))
                pdf.setFont("Times-Roman", 6)
                rise = 4 if len(drawn) == 1 else 1
                pdf.drawString(x + pdf.stringWidth(line, "Times-Roman", 10) + 0.5, y + rise, str(number))
            y -= 12.5
        y -= 4
    if under_columns:
        end_column()
    end_page()
    pdf.save()
    return drawn


@pytest.fixture(
    scope="module",
    params=[(1, False), (2, False), (2, True)],
    ids=["one-column", "two-column", "two-column-notes-under-their-column"],
)
def drawn(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Document, list[list[str]]]:
    columns, under_columns = request.param
    layout = ("two-column" if columns == 2 else "one-column") + (
        "-notes-under-columns" if under_columns else ""
    )
    path = tmp_path_factory.mktemp("notes") / f"cases-{layout}.pdf"
    notes = build(path, columns, under_columns)
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings), notes


def _paragraphs(document: Document) -> list[str]:
    return document.text.split("\n\n")


def build_first_page(path: Path, glued: bool = False) -> str:
    """A journal's first page in two columns: the left one ends higher, above its note in small
    type, beside the right one running on to the page's foot (a first page's "Corresponding
    author" or funding note). Returns the note.

    `glued` sets the note's number as Typst does, a superscript glyph on the line's baseline
    touching the first word ("1On the ..."), and its mark in the text on the word's baseline."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    gutter = 20.0
    width = (WIDTH - 120 - gutter) / 2
    note = _note(1)
    y, column, bottoms = TOP, 0, (BODY_BOTTOM, 80)
    for case in range(CASES):
        for index, line in enumerate(wrap(case_study(case), width, 10)):
            if y < bottoms[column]:
                if column == 1:
                    pdf.showPage()
                    pdf.save()
                    return note
                column, y = 1, TOP
            x = 60 + column * (width + gutter)
            pdf.setFont("Times-Roman", 10)
            pdf.drawString(x, y, line)
            if case == 1 and index == 1:
                pdf.setFont("Times-Roman", 6)
                rise = 0 if glued else 1
                pdf.drawString(x + pdf.stringWidth(line, "Times-Roman", 10) + 0.5, y + rise, "1")
            y -= 12.5
        y -= 4
        if case == 1:
            pdf.line(60, 158, 160, 158)
            pdf.setFont("Times-Roman", 8)
            lines = wrap(note, width, 8)
            if glued:
                pdf.drawString(60, 146, "1")
                pdf.drawString(60 + pdf.stringWidth("1", "Times-Roman", 8) - 1, 146, lines[0][2:])
                lines = ["", *lines[1:]]
            for index, text in enumerate(lines):
                pdf.drawString(60, 146 - 10 * index, text)
    raise AssertionError("the cases did not fill the page")


@pytest.mark.parametrize("glued", [False, True], ids=["number-apart", "number-touching-the-note"])
def test_a_note_under_the_first_column_is_set_apart_and_the_paragraph_runs_on(
    tmp_path: Path, glued: bool
) -> None:
    path = tmp_path / "first-page.pdf"
    note = build_first_page(path, glued)
    settings = load_settings()
    paragraphs = _paragraphs(prepare_document(load_file(path, settings.loading), settings))
    assert paragraphs[-1] == note  # at the page's foot, below both columns
    cut = next(case for case in range(CASES) if case_study(case) not in paragraphs)
    assert all(case_study(case) in paragraphs for case in range(cut))
    assert case_study(cut).startswith(paragraphs[cut].rstrip("-"))  # the page's last words, maybe cut


def test_each_note_is_a_paragraph_of_its_own(drawn: tuple[Document, list[list[str]]]) -> None:
    document, notes = drawn
    assert [p for p in _paragraphs(document) if "double-loop" in p] == notes[0] + notes[1]
    assert len(notes[0]) >= 2 and len(notes[1]) >= 2


def test_no_body_paragraph_carries_a_note(drawn: tuple[Document, list[list[str]]]) -> None:
    body = [p for p in _paragraphs(drawn[0]) if "Case " in p or p[:1].islower()]
    assert len(body) >= CASES
    assert any(not p.endswith(".") for p in body)  # a paragraph runs on over the page break
    assert not any("On the workshops" in p for p in body)


def test_notes_are_cited_on_their_page(drawn: tuple[Document, list[list[str]]]) -> None:
    document, notes = drawn
    for span, page_notes in zip(document.pages, notes, strict=False):
        assert all(document.text.index(note) in range(span.start, span.end) for note in page_notes)


def test_marks_leave_the_body_text(drawn: tuple[Document, list[list[str]]]) -> None:
    document = drawn[0]
    body = "\n\n".join(p for p in _paragraphs(document) if "double-loop" not in p)
    flowing = " ".join(body.split())  # the paragraph cut by the page break joined again
    assert all(case_study(case) in flowing for case in range(CASES))
    assert not re.search(r"[^\W\d_][.,;]?\d", body)
    # Marks glued to their words are cut as marks: read by position in two columns, and on a
    # first page in one (its lines that pypdf broke at raised marks are made one again); pypdf's
    # plain text of a later page sets each raised mark on a line of its own, dropped with the
    # page numbers.
    assert document.cleaning.removed[FOOTNOTE_MARK] > 0


BODY = [
    "Case 1 concerns a supplier in banking whose account managers met",
    "customers in problem-solving workshops. The interviews show that",
    "dialogue became a routine, and what was learnt there stayed with the",
    "team afterwards, as the managers told us in",
]


def test_notes_of_a_page_set_apart_and_glued_marks_dropped() -> None:
    stats = CleaningStats()
    notes = [
        "1 On the workshops see Argyris and Schon (1978),",
        "who call them double-loop learning.",
        "2 See also Senge (1990) on the learning organisation.",
    ]
    marked = [BODY[0], "customers in problem-solving workshops.1 The interviews show that", BODY[2]]
    lines = set_apart([*marked, "team afterwards,2 as the managers told us in", *notes, "211"], stats)
    assert lines == [
        *BODY,
        "",
        notes[0],
        notes[1],
        "",
        notes[2],
        "211",
    ]
    assert stats.removed[FOOTNOTE_MARK] == 2


def test_a_number_touching_its_note_opens_it_and_is_set_apart_from_it() -> None:
    """Typst sets a note's number as a superscript glyph with no space after it ("1On the ...")."""
    marked = [BODY[0], "customers in problem-solving workshops.1 The interviews show that", *BODY[2:]]
    note = "1On the workshops see Argyris and Schon (1978), who call them double-loop learning."
    assert set_apart([*marked, note], CleaningStats()) == [*BODY, "", "1 " + note[1:]]


def test_a_raised_number_on_its_own_line_opens_a_note() -> None:
    note = ["1", "On the workshops see Argyris and Schon (1978)."]
    lines = set_apart([*BODY[:2], "1", *BODY[2:], *note], CleaningStats())
    assert lines == [*BODY[:2], "1", *BODY[2:], "", *note]


def test_a_symbol_opens_a_note() -> None:
    lines = set_apart([*BODY, "* Corresponding author. E-mail: okafor@example.org"], CleaningStats())
    assert lines[-2:] == ["", "* Corresponding author. E-mail: okafor@example.org"]


@pytest.mark.parametrize(
    "tail",
    [
        ["12 Firms of the sample said the same in the second round."],  # a line of text opened by a number
        ["3 Results"],  # a numbered heading
        [
            "2 On the workshops see Argyris.",
            "1 See Senge on learning organisations.",
        ],  # numbers counting down
    ],
    ids=["unmarked-number", "heading", "out-of-order"],
)
def test_lines_that_are_no_notes_stay_as_they_are(tail: list[str]) -> None:
    lines = [*BODY, *tail]
    assert set_apart(lines, CleaningStats()) == lines


def test_a_numbered_line_far_above_the_notes_is_body_text() -> None:
    body = [*BODY * 3, "2 Of the firms we studied, most said so in the first round,", *BODY * 4]
    notes = ["3 On the workshops see Argyris and Schon.", "4 See also Senge on the learning organisation."]
    assert set_apart([*body, *notes], CleaningStats()) == [*body, "", notes[0], "", notes[1]]


def test_a_page_of_notes_alone_stays_as_it_is() -> None:
    lines = ["1 On the workshops see Argyris and Schon.", "2 See also Senge on the learning organisation."]
    assert set_apart(lines, CleaningStats()) == lines


def test_section_numbers_and_labels_keep_their_digits() -> None:
    body = [
        "1.2 Metric spaces and their uses in the study",
        "the figure labels Z1 and Z2 stand for zones, x1 and x2 for points",
        *BODY[2:],
    ]
    lines = set_apart(
        [*body, "1 On the workshops see Argyris and Schon.", "2 See also Senge on learning."], CleaningStats()
    )
    assert lines[:4] == body


def test_a_reference_list_begun_in_small_type_at_a_column_foot_stays_in_order(tmp_path: Path) -> None:
    """Small type at a column's foot that does not open with a note's mark (here a reference
    list's heading and first entries, going on in the next column) is read where it stands."""
    path = tmp_path / "references.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    gutter = 20.0
    width = (WIDTH - 120 - gutter) / 2
    y = TOP
    for line in wrap(" ".join(case_study(case) for case in range(8)), width, 10):
        pdf.setFont("Times-Roman", 10)
        pdf.drawString(60, y, line)
        y -= 12.5
    entries = [f"{author} ({1978 + n}). {title}." for n, (author, title) in enumerate(REFERENCES)]
    pdf.setFont("Times-Roman", 8)
    pdf.drawString(60, y - 8, "References")
    x, y = 60.0, y - 22
    for line in [line for entry in entries for line in wrap(entry, width, 8)]:
        if y < 80:  # on in the right column
            x, y = 60 + width + gutter, TOP
        pdf.drawString(x, y, line)
        y -= 10
    assert x > 60, "the list goes on in the right column"
    pdf.showPage()
    pdf.save()
    settings = load_settings()
    text = load_file(path, settings.loading).pages[0]
    assert text.index("References") < text.index(entries[0][:20]) < text.index(entries[-1][:20])
    assert text.index(case_study(7)[-20:]) < text.index("References")


REFERENCES = [
    (author, f"{topic} in service systems and learning organisations")
    for author, topic in [
        ("Argyris, C., & Schon, D.", "Organizational learning"),
        ("Senge, P.", "The fifth discipline"),
        ("Nonaka, I., & Takeuchi, H.", "The knowledge-creating company"),
        ("Vargo, S. L., & Lusch, R. F.", "Evolving to a new dominant logic"),
        ("Edmondson, A.", "Psychological safety and learning behavior"),
        ("Garvin, D. A.", "Building a learning organization"),
        ("Payne, A., Storbacka, K., & Frow, P.", "Managing the co-creation of value"),
        ("Prahalad, C. K., & Ramaswamy, V.", "Co-creation experiences"),
        ("Grönroos, C.", "Value co-creation in service logic"),
        ("March, J. G.", "Exploration and exploitation"),
        ("Cohen, W. M., & Levinthal, D. A.", "Absorptive capacity"),
        ("Huber, G. P.", "Organizational learning: the contributing processes"),
        ("Levitt, B., & March, J. G.", "Organizational learning"),
        ("Crossan, M. M., Lane, H. W., & White, R. E.", "An organizational learning framework"),
        ("Lusch, R. F., & Vargo, S. L.", "Service-dominant logic"),
        ("Ballantyne, D., & Varey, R. J.", "Creating value-in-use through marketing interaction"),
    ]
    * 4
]


def test_note_lines_end_where_the_publisher_s_foot_begins() -> None:
    body = [
        "Learning Wards",
        "Hannah Lindqvist1 and Tomas Oyelaran2",
        *(["Wards learn when teams speak."] * 8),
    ]
    foot = [
        "1 Department of Management, Uppsala University, Sweden",
        "2 School of Business, University of Lagos, Nigeria, whose notes run on",
        "to a second line",
        "https://doi.org/10.1016/j.lrp.2019.101900",
        "0024-6301/© 2019 Elsevier Ltd. All rights reserved.",
    ]
    assert note_lines([*body, *foot]) == foot[:3]
    assert note_lines(body) == []
    cited = [
        *body[:-1],
        "Edmondson's study.1",
        "1 Amy Edmondson, Administrative Science Quarterly 44, no. 2 (1999):",
    ]
    assert note_lines([*cited, "https://doi.org/10.2307/2666999."])[-1] == "https://doi.org/10.2307/2666999."
