"""A journal article as Typst sets it, read as its readers see it.

Typst writes its fonts as composite (Type0, Identity-H) fonts whose glyph codes count the
glyphs in the order the document uses them, sets a note's number as a superscript glyph on
the baseline ("1We use ..."), and numbers pages with /PageLabels. The paper here is set in
two columns under a title block across the page, its pages numbered from 245, a note under
the first column, two columns opened by headings on one baseline, and a reference list whose
last line ends in numbers just above the page's number.
"""

from __future__ import annotations

import re

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import case_study

typst = pytest.importorskip("typst")

NOTE = "We use the original definition of Cohen and Levinthal (1990) throughout."
LAST_REFERENCE = (
    "Vargo, S. L., & Lusch, R. F. (2004). Evolving to a new dominant logic for marketing. "
    "_Journal of Marketing_, 68(1), 1–17."
)


def _source() -> str:
    intro = " ".join(case_study(case) for case in range(2))
    return "\n".join(
        [
            '#set page(paper: "a4", columns: 2, numbering: "1", margin: 2cm, header: context {',
            "  if counter(page).get().first() > 245 [#text(size: 8pt)[_Journal of Organizational Learning",
            "  Studies_ 14(3) #h(1fr) Halvorsen and Rivera]] })",
            "#counter(page).update(245)",
            "#set text(size: 10pt)",
            '#set heading(numbering: "1.")',
            '#place(top + center, scope: "parent", float: true)[',
            "  #text(size: 8pt)[Journal of Organizational Learning Studies, 2021, Vol. 14, No. 3, 245–262",
            "  #h(1fr) https://doi.org/10.5555/jols.2021.0143]",
            "  #v(1em)",
            '  #text(size: 17pt, weight: "bold")[Absorptive capacity and the learning organization:',
            "  a multilevel review]",
            "  #v(0.6em)",
            "  Ingrid Halvorsen#super[1] and Tomás Rivera#super[2]",
            "  #v(0.3em)",
            "  #text(size: 8pt)[#super[1]Norwegian School of Economics, Bergen, Norway \\",
            "  #super[2]Universidad de Chile, Santiago, Chile]",
            "  #v(0.6em)",
            "  #align(left)[*Abstract.* We review two decades of research on absorptive capacity and",
            "  link it to the learning organization and the co-creation of value with customers.]",
            "  #v(1em)",
            "]",
            "= Introduction",
            f"{intro}#footnote[{NOTE}]",
            "",
            *(f"{case_study(case)}\n" for case in range(2, 9)),
            "#pagebreak()",
            "== Individual exploration",
            *(f"{case_study(case)}\n" for case in range(9, 13)),
            "#colbreak()",
            "= Discussion",
            *(f"{case_study(case)}\n" for case in range(13, 17)),
            "#pagebreak()",
            "#heading(numbering: none)[References]",
            "#set par(hanging-indent: 1em)",
            "Cohen, W. M., & Levinthal, D. A. (1990). Absorptive capacity: A new perspective on learning "
            "and innovation. _Administrative Science Quarterly_, 35(1), 128–152.\n",
            LAST_REFERENCE,
        ]
    )


def _typeset(tmp_path_factory: pytest.TempPathFactory, name: str, source: str) -> Document:
    """The Typst `source` typeset into a PDF of its own folder, loaded and prepared as ingestion does."""
    folder = tmp_path_factory.mktemp(f"typst-{name}")
    (folder / f"{name}.typ").write_text(source, encoding="utf-8")
    path = folder / f"{name}.pdf"
    typst.compile(str(folder / f"{name}.typ"), output=str(path))
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return _typeset(tmp_path_factory, "paper", _source())


def _flowing(document: Document) -> str:
    return " ".join(document.text.split())


def test_the_first_page_gives_the_record(paper: Document) -> None:
    meta = paper.metadata
    assert meta.title == "Absorptive capacity and the learning organization: a multilevel review"
    assert [p.family for p in meta.authors] == ["Halvorsen", "Rivera"]
    assert (meta.year, meta.venue) == (2021, "Journal of Organizational Learning Studies")
    assert (meta.volume, meta.issue, meta.pages, meta.doi) == ("14", "3", "245-262", "10.5555/jols.2021.0143")


def test_the_columns_are_read_in_order_and_the_note_does_not_cut_them(paper: Document) -> None:
    flowing = _flowing(paper)
    assert all(case_study(case) in flowing for case in range(17))
    positions = [flowing.index(case_study(case)) for case in range(17)]
    assert positions == sorted(positions)


def test_the_note_under_the_first_column_is_a_paragraph_at_the_page_s_foot(paper: Document) -> None:
    paragraphs = [" ".join(p.split()) for p in paper.text.split("\n\n")]
    assert f"1 {NOTE}" in paragraphs
    first = paper.pages[0]
    note = paper.text.index(NOTE)
    assert first.label == "245" and first.start <= note < first.end
    assert paper.text.index(case_study(8)[-30:]) < note  # after both columns
    assert not re.search(r"afterwards\.1\b", paper.text)  # its mark left the text


def test_headings_opening_both_columns_are_two_sections(paper: Document) -> None:
    titles = [section.title for section in paper.sections]
    assert "1.1. Individual exploration" in titles and "2. Discussion" in titles
    assert titles.index("1.1. Individual exploration") < titles.index("2. Discussion")


def test_the_page_number_under_the_last_reference_is_no_part_of_it(paper: Document) -> None:
    assert [p.label for p in paper.pages] == ["245", "246", "247"]
    assert paper.text.rstrip().endswith("68(1), 1–17.")
    assert paper.references[-1].raw.endswith("68(1), 1–17.")


CONFERENCE = r"""
#set page(paper: "us-letter", columns: 2, margin: (x: 0.7in, y: 0.8in))
#set text(font: "New Computer Modern", size: 10pt)
#set par(justify: true)
#set heading(numbering: "I.A.")
#place(top + center, scope: "parent", float: true)[
  #align(center)[
    #text(size: 22pt)[Federated Knowledge Sharing in Service Ecosystems: \ A Simulation Study]
    #v(1em)
    #grid(columns: (1fr, 1fr, 1fr), gutter: 1em,
      [Priya Raghunathan \ _Dept. of Information Systems_ \ _National University of Singapore_ \
       Singapore \ priya\@nus.edu.sg],
      [Lukas Brenner \ _Institute of Information Management_ \ _University of St. Gallen_ \
       St. Gallen, Switzerland \ lukas.brenner\@unisg.ch],
      [Mei-Ling Chou \ _Dept. of Business Administration_ \ _National Taiwan University_ \
       Taipei, Taiwan \ mlchou\@ntu.edu.tw],
    )
  ]
  #v(1em)
]
*_Abstract_—Service ecosystems rely on actors that share knowledge to co-create value.*

*_Index Terms_—knowledge sharing, service ecosystems, value co-creation*
= Introduction
BODY0
= Model
BODY1
== Agents
BODY2
== Sharing rules
BODY3
"""


@pytest.fixture(scope="module")
def conference_paper(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """An IEEE-style paper: three author blocks in a grid across the page, each institution's
    name wider than its author's, so the blocks stand closer there than their names do."""
    source = CONFERENCE
    for case in range(4):
        source = source.replace(f"BODY{case}", " ".join(case_study(case + n) for n in range(3)))
    return _typeset(tmp_path_factory, "conference", source)


def test_author_blocks_side_by_side_are_three_authors(conference_paper: Document) -> None:
    meta = conference_paper.metadata
    assert [p.family for p in meta.authors] == ["Raghunathan", "Brenner", "Chou"]
    assert meta.title == "Federated Knowledge Sharing in Service Ecosystems: A Simulation Study"
    assert meta.keywords == ["knowledge sharing", "service ecosystems", "value co-creation"]


def test_subsections_numbered_under_their_section(conference_paper: Document) -> None:
    titles = [section.title for section in conference_paper.sections]
    assert titles == ["I. Introduction", "II. Model", "II.A. Agents", "II.B. Sharing rules"]


def test_justified_columns_around_a_figure_and_a_table_read_word_for_word(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Justified two-column text, words hyphenated at the column's edge, a figure across the page
    and a table in a column: every paragraph whole, apart and in order (the hyphen Typst sets at
    the column's edge had been read as a word of its own, "work - shops", and Typst's hyphen
    glyph is a soft hyphen in its font's map, which cleaning dropped: "problemsolving")."""
    cases = [case_study(case) for case in range(20)]
    figure = (
        '#place(top + center, scope: "parent", float: true)[#figure(rect(width: 100%, height: 4cm)'
        "[Diagram of the learning loop], caption: [The learning loop across the regions.])]"
    )
    table = (
        "#figure(table(columns: 3, [Region], [Firms], [Workshops], [North], [12], [48], [South], [9], [31]),"
        " caption: [Firms and workshops by region.])"
    )
    source = "\n\n".join(
        [
            '#set page(paper: "a4", columns: 2, margin: 2cm, numbering: "1")',
            "#set par(justify: true)",
            "= Findings",
            *cases[:8],
            figure,
            table,
            *cases[8:],
        ]
    )
    document = _typeset(tmp_path_factory, "justified", source)
    flowing = _flowing(document)
    assert " - " not in flowing
    paragraphs = document.text.split("\n\n")
    assert all(p.count(" concerns a supplier ") <= 1 for p in paragraphs), "set apart by 1.3 lines' space"
    positions = [flowing.find(case) for case in cases]
    assert -1 not in positions and positions == sorted(positions)
    assert flowing.find(cases[7]) < flowing.find("North 12 48") < flowing.find(cases[8])


def test_a_paragraph_ending_in_a_note_s_mark_ends_there(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One column, paragraphs set in from the edge, a note's mark after a paragraph's last full
    stop ("afterwards.1"): the next, indented line still opens a paragraph, and the notes are
    paragraphs at the page's foot."""
    cases = [case_study(case) for case in range(12)]
    notes = [
        "On the workshops see Argyris and Schön (1978), who call such routines double-loop learning.",
        "See also Senge (1990) on the learning organization and its five disciplines.",
    ]
    source = "\n\n".join(
        [
            '#set page(paper: "a4", margin: 2.5cm, numbering: "1")',
            "#set par(justify: true, first-line-indent: 1.5em, spacing: 0.65em)",
            "= Introduction",
            f"{cases[0]}#footnote[{notes[0]}]",
            *cases[1:5],
            f"{cases[5]}#footnote[{notes[1]}]",
            *cases[6:],
        ]
    )
    document = _typeset(tmp_path_factory, "notes", source)
    paragraphs = [" ".join(p.split()) for p in document.text.split("\n\n")]
    whole = [case for case in cases if case in paragraphs]
    assert len(whole) >= len(cases) - 1  # one may run over the page break
    assert [f"{number} {note}" for number, note in enumerate(notes, start=1)] == [
        p for p in paragraphs if p.endswith(("learning.", "disciplines."))
    ]


def test_a_title_hyphenated_in_justified_type_is_read_whole(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Justified, Typst hyphenates a title's word at its line's end ("Evi-" / "dence"); the
    title's lines made one had read "Evi- dence"."""
    source = "\n".join(
        [
            '#set page(paper: "a4", margin: 2.5cm)',
            "#set par(justify: true)",
            '#align(center)[#text(size: 18pt, weight: "bold")[Peer Learning in Regional Innovation Networks:',
            "Evidence from German Mittelstand Firms] #v(0.8cm) Katharina Vogel and Tobias Brandt]",
            "",
            *(f"{case_study(case)}\n" for case in range(6)),
        ]
    )
    document = _typeset(tmp_path_factory, "title", source)
    title = "Peer Learning in Regional Innovation Networks: Evidence from German Mittelstand Firms"
    assert document.metadata.title == title
    assert [p.family for p in document.metadata.authors] == ["Vogel", "Brandt"]


def test_a_book_whose_left_hand_pages_run_its_title_keeps_it_on_its_title_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A book sets its title over its left-hand pages ("2 Learning with Customers") and its
    chapter's over the right-hand ones; on the title page the title stands alone. Cleaned away
    there as a running head, the author's name had been read as the title."""
    source = "\n".join(
        [
            '#set page(paper: "a5", margin: 2cm, numbering: "1", header: context {',
            "  let p = counter(page).get().first()",
            "  if p > 1 { if calc.even(p) [#p #h(1fr) _Learning with Customers_]",
            "  else [_Service Teams at Work_ #h(1fr) #p] } })",
            "#align(center)[#v(3cm) #text(size: 20pt)[Learning with Customers] \\ #v(1cm) Marta Kowalski",
            "\\ #v(2cm) Routledge \\ London and New York]",
            "#pagebreak()",
            "= Service Teams at Work",
            *(f"{case_study(case)}\n" for case in range(40)),
        ]
    )
    document = _typeset(tmp_path_factory, "book", source)
    assert document.metadata.title == "Learning with Customers"
    assert [p.family for p in document.metadata.authors] == ["Kowalski"]
    later = document.text[document.pages[1].start :]
    assert "Learning with Customers" not in later and "Service Teams at Work" not in later.split("\n\n", 1)[1]
