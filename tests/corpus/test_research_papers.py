"""First pages of research papers as physics, computing and statistics venues set them.

Found on the test PDFs of a scholarly PDF parser (arXiv preprints, IEEE and ACM proceedings,
JSS, an OCR'd Z. Naturforsch. note), made again here with reportlab. Before, the records read:
the DOI "10.1109/DSDE.2010.49DOI" (its stamp drawn twice); the venue "Journal of Statistical
Software 3" (page 3's running head) and neither year, volume nor issue, and without the
file's Info the masthead as the title; a title wrapped over two lines cut at its first
("... for Dynamic" / "Languages"), or its second line as the author; an affiliation as the
title where more author and affiliation lines stood under the title than were passed over;
an e-mail address as the author; only the first of eight authors marked AIP's way
("Andreas Muller,1,* Sergey V. Polyakov,2 ..."); no authors from a line of sixteen, or from
ACM's author blocks with street addresses, or from IEEE's blocks side by side whose lines end in
spaces; a title cut at a note's mark on a line of its own;
"Gr´egory Mouni´e" and "Lemaˆıtre" as older TeX fonts draw their accents.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from corpus.cleaning.unicode_repair import fix_unicode
from corpus.loading.loaders import load_file
from corpus.metadata.labelled import first_page_record, is_affiliation_line, is_author_line, labelled_record
from corpus.pipeline import prepare_document
from corpus.structure.sections import detect_sections
from corpus_core.models import Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import draw_styled_lines, wrap

WIDTH, HEIGHT = letter
BODY = (
    "Dynamic languages such as JavaScript are harder to compile than statically typed ones, and "
    "tracing compilers record the paths a program takes through its loops. We measure the speed of "
    "the traces on eleven benchmarks and compare them with an interpreter over three years of releases. "
)


def _canvas(path: Path, author: str = "") -> canvas.Canvas:
    """A letter-size PDF at `path` with no Info title, and `author` as its Info author when given."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setTitle("")
    if author:
        pdf.setAuthor(author)
    return pdf


def _body(pdf: canvas.Canvas, x: float, y: float, width: float = WIDTH - 144, lines: int = 30) -> None:
    """`lines` lines of wrapped body text from (x, y), `width` wide."""
    text = wrap(BODY * 6, width, 10)[:lines]
    draw_styled_lines(pdf, x, y, [("Times-Roman", 10, line) for line in text], leading=1.3)


def _read(path: Path) -> Document:
    """The file at `path` as `corpus ingest` prepares it."""
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def _prepared(
    path: Path,
    head: list[tuple[str, float, str]],
    pages: int = 3,
    running: str = "",
    author: str = "",
    on_first_page: Callable[[canvas.Canvas], None] | None = None,
) -> Document:
    """A paper: `head` over wrapped body text on page 1 (and what `on_first_page` draws there),
    `pages` pages in all, each later one under `running` and its number when given ("Journal of
    Statistical Software 3"); `author` is the Info's author."""
    pdf = _canvas(path, author)
    for number in range(1, pages + 1):
        y = HEIGHT - 72
        if number == 1:
            y = draw_styled_lines(pdf, 72, y, head, leading=1.6)
        elif running:
            pdf.setFont("Times-Roman", 9)
            pdf.drawString(72, HEIGHT - 50, f"{running} {number}")
        _body(pdf, 72, y - 10)
        if number == 1 and on_first_page is not None:
            on_first_page(pdf)
        pdf.showPage()
    pdf.save()
    return _read(path)


def _ieee_stamp_twice(pdf: canvas.Canvas) -> None:
    """IEEE's copyright and DOI stamp, drawn twice, and once more a fraction of a point over."""
    pdf.setFont("Times-Roman", 8)
    for offset in (0.0, 0.0, 0.4):
        pdf.drawString(50 + offset, 45, "978-0-7695-3958-4/10 $26.00 © 2010 IEEE")
        pdf.drawString(50 + offset, 35, "DOI 10.1109/DSDE.2010.49")


def test_a_stamp_drawn_twice_is_read_once(tmp_path: Path) -> None:
    head = [
        ("Times-Bold", 16, "A Requirement Prioritization Model for Market Driven Products"),
        ("Times-Roman", 11, "Maria Rossi and John Park"),
        ("Times-Italic", 10, "Department of Computer Science, University of Bergen"),
    ]
    doc = _prepared(tmp_path / "ieee.pdf", head, pages=1, on_first_page=_ieee_stamp_twice)
    assert doc.metadata.doi == "10.1109/DSDE.2010.49"
    assert doc.text.count("10.1109/DSDE.2010.49") <= 1


def test_a_journals_masthead_issue_line_and_running_heads(tmp_path: Path) -> None:
    head = [
        ("Helvetica-Bold", 14, "Journal of Statistical Software"),
        ("Helvetica", 9, "January 2007, Volume 18, Issue 3. http://www.jstatsoft.org/"),
        ("Helvetica-Bold", 15, "TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements"),
        ("Helvetica", 11, "Katharine M. Mullen"),
        ("Helvetica", 10, "Vrije Universiteit Amsterdam"),
        ("Helvetica", 11, "Ivo H. M. van Stokkum"),
        ("Helvetica", 10, "Vrije Universiteit Amsterdam"),
        ("Helvetica-Bold", 11, "Abstract"),
    ]
    meta = _prepared(tmp_path / "jss.pdf", head, pages=5, running="Journal of Statistical Software").metadata
    assert meta.title == "TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements"
    assert [a.display for a in meta.authors] == ["Katharine M. Mullen", "Ivo H. M. van Stokkum"]
    assert (meta.venue, meta.year, meta.volume, meta.issue) == (
        "Journal of Statistical Software",
        2007,
        "18",
        "3",
    )


def test_a_title_wrapped_where_its_line_is_full(tmp_path: Path) -> None:
    head = [
        ("Times-Bold", 17, "Trace-based Just-in-Time Type Specialization for Dynamic"),
        ("Times-Bold", 17, "Languages"),
        ("Times-Roman", 11, "Andreas Gal, Brendan Eich and Mike Shaver"),
        ("Times-Italic", 10, "Mozilla Corporation"),
    ]
    meta = _prepared(tmp_path / "pldi.pdf", head).metadata
    assert meta.title == "Trace-based Just-in-Time Type Specialization for Dynamic Languages"
    assert [a.display for a in meta.authors] == ["Andreas Gal", "Brendan Eich", "Mike Shaver"]


def test_more_author_and_affiliation_lines_than_are_passed_over(tmp_path: Path) -> None:
    head = [
        ("Times-Bold", 16, "Energy Efficient Routing Protocol for Zone Based Mobile Sensor Networks"),
        ("Times-Roman", 11, "Usama Ahmed"),
        ("Times-Roman", 10, "Information Security Department, College of Signals"),
        ("Times-Roman", 11, "Faisal Bashir Hussain"),
        ("Times-Roman", 10, "Computer Sciences Department, College of Signals"),
        ("Times-Roman", 10, "National University of Sciences and Technology (NUST)"),
        ("Times-Roman", 10, "Islamabad, Pakistan"),
        ("Times-Roman", 10, "usamaahmed@mcs.edu.pk"),
        ("Times-Roman", 10, "Abstract—Mobility in sensor networks has expanded the role of sensor networks."),
    ]
    meta = _prepared(tmp_path / "iwcmc.pdf", head).metadata
    assert meta.title == "Energy Efficient Routing Protocol for Zone Based Mobile Sensor Networks"
    assert [a.display for a in meta.authors] == ["Usama Ahmed", "Faisal Bashir Hussain"]


SAID = "Abstract\n\nWe find solutions for the general fifth-order shallow water-wave models here."


@pytest.mark.parametrize(
    ("head", "title", "authors"),
    [
        (  # the second line opens in lower case
            "Organizational Learning and Value Co-Creation\n\n"
            "in Service Networks\n\nMaria Rossi and John Park",
            "Organizational Learning and Value Co-Creation in Service Networks",
            ["Maria Rossi", "John Park"],
        ),
        (  # the words at the break are said together in the text; the second line is no author
            "Exact Solitary-wave Solutions for the General\n\nFifth-order Shallow Water-wave Models\n\n"
            "Woo-Pyo Hong and Young-Dae Jung''",
            "Exact Solitary-wave Solutions for the General Fifth-order Shallow Water-wave Models",
            ["Woo-Pyo Hong", "Young-Dae Jung"],
        ),
        (  # a word alone, closed by the authors
            "Dynamic Capabilities and Organizational Learning Across Multinational\n\n"
            "Subsidiaries\n\nMaria Rossi",
            "Dynamic Capabilities and Organizational Learning Across Multinational Subsidiaries",
            ["Maria Rossi"],
        ),
        (  # a subtitle is still a subtitle
            "Learning Organizations in Services\n\nA Review of the Literature\n\nMaria Rossi",
            "Learning Organizations in Services: A Review of the Literature",
            ["Maria Rossi"],
        ),
        (  # a title in a second language is not run on
            "Lernende Organisationen im Dienstleistungssektor\n\n"
            "Learning Organizations in Services\n\nMaria Rossi",
            "Lernende Organisationen im Dienstleistungssektor",
            ["Maria Rossi"],
        ),
        (  # AIP's marks after the names' commas
            "Interference of Single Photons\n\nAndreas Muller,1,* Sergey V. Polyakov,2 Alex Ling,2, 3 and "
            "Glenn S. Solomon2",
            "Interference of Single Photons",
            ["Andreas Muller", "Sergey V. Polyakov", "Alex Ling", "Glenn S. Solomon"],
        ),
    ],
)
def test_titles_over_two_lines_and_the_authors_under_them(head: str, title: str, authors: list[str]) -> None:
    meta = first_page_record(f"{head}\n\n{SAID}")
    assert meta.title == title
    assert [a.display for a in meta.authors] == authors


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Fifth-order Shallow Water-wave Models", False),
        ("Knowledge-based Service Systems", False),
        ("Woo-Pyo Hong and Young-Dae Jung", True),
        ("Ahmed Al-khatib and Ann Lee", True),
    ],
)
def test_a_compound_in_lower_case_after_its_hyphen_is_no_name(line: str, names: bool) -> None:
    assert is_author_line(line) is names


@pytest.mark.parametrize(
    "line",
    [
        "Vrije Universiteit Amsterdam",
        "Universitetet i Bergen",
        "Politecnico di Milano",
        "National University of Sciences and Technology (NUST)",
    ],
)
def test_institutions_in_other_languages_and_with_acronyms(line: str) -> None:
    assert is_affiliation_line(line)


def test_an_email_after_an_author_label_is_no_author() -> None:
    meta = labelled_record(
        "A Study of Photons\n\nAuthor: mullera@usf.edu\n\nAbstract: We measure photons here."
    )
    assert meta.authors == []


def test_formula_lines_and_reference_entries_are_no_headings() -> None:
    body = "We study how teams learn from failure in hospitals and what managers can do about it."
    text = (
        f"1. Introduction\n\n{body}\n\nR2 ( E + E′R R′ ) . (11)\n\n{body}\n\nReferences\n\n"
        f"Wiltshire D L, 2007 Phys. Rev. Lett. 99 251101\n\n{body}\n\nAppendix A\n\n{body}"
    )
    assert [s.title for s in detect_sections(text)] == ["1. Introduction", "References", "Appendix A"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Pierre-Franc¸ois Dutot and Gr´egory Mouni´e", "Pierre-François Dutot and Grégory Mounié"),
        ("the Lemaˆıtre–Tolman model, Am M¨uhlenberg 1", "the Lemaître–Tolman model, Am Mühlenberg 1"),
        ("the company´s view, they´re here", "the company´s view, they´re here"),  # an apostrophe typed so
        ("a map ˜f and a point ˆP", "a map ˜f and a point ˆP"),  # no letter with that accent: as found
    ],
)
def test_accents_set_beside_their_letters_are_joined(typed: str, read: str) -> None:
    """Older TeX fonts draw an accent as a glyph of its own, which pypdf reads beside the letter."""
    assert fix_unicode(typed)[0] == read


def test_a_large_team_on_one_line_and_authors_in_blocks_with_street_addresses() -> None:
    team = ", ".join(
        f"{name}∗"
        for name in ["Andreas Gal", "Brendan Eich", "Mike Shaver", "David Anderson", "Blake Kaplan"]
    )
    team += ", Mohammad R. Haghighat$, Graydon Hoare∗, Boris Zbarsky∗, Edwin Smith#, Michael Franz+"
    meta = first_page_record(f"Trace-based Type Specialization\n\n{team}\n\n{SAID}")
    assert len(meta.authors) == 10
    assert meta.authors[5].display == "Mohammad R. Haghighat"
    blocks = [
        "Bi-criteria Algorithm for Scheduling Jobs on Cluster",
        "∗",
        "Platforms",
        "Pierre-François Dutot",
        "ID-IMAG",
        "51 avenue Jean Kuntzmann",
        "38330 Montbonnot Saint-Martin, France",
        "pfdutot@imag.fr",
        "Lionel Eyraud",
        "ID-IMAG",
        "51 avenue Jean Kuntzmann",
        "38330 Montbonnot Saint-Martin, France",
        "Lionel.Eyraud@imag.fr",
    ]
    meta = first_page_record("\n\n".join([*blocks, SAID]), page_lines=blocks)
    assert meta.title == "Bi-criteria Algorithm for Scheduling Jobs on Cluster Platforms"
    assert [a.display for a in meta.authors] == ["Pierre-François Dutot", "Lionel Eyraud"]


def test_a_workshops_overview_with_a_windows_user_as_its_info_author(tmp_path: Path) -> None:
    """The Info's "Proprietario" (an Italian Windows user) had been the author, and the title's opening
    "OVERVIEW OF THE CLEF 2008" on the first page's edge the venue "Overview of the CLEF"."""
    head = [
        ("Times-Bold", 14, "OVERVIEW OF THE CLEF 2008 MULTILINGUAL QUESTION ANSWERING TRACK"),
        ("Times-Roman", 11, "Pamela Forner1, Anselmo Peñas2, Eneko Agirre3 and Iñaki Alegria4"),
        ("Times-Roman", 10, "1 CELCT, Trento, Italy"),
    ]
    meta = _prepared(tmp_path / "clef.pdf", head, pages=1, author="Proprietario").metadata
    assert [a.display for a in meta.authors] == [
        "Pamela Forner",
        "Anselmo Peñas",
        "Eneko Agirre",
        "Iñaki Alegria",
    ]
    assert meta.title.lower() == "overview of the clef 2008 multilingual question answering track"
    assert meta.venue == ""


def test_author_blocks_side_by_side_whose_lines_end_in_spaces(tmp_path: Path) -> None:
    """iText writes "Department of computer Sciences,  " with its spaces: measured with them, the
    blocks' lines touched, the blocks were read row by row, and the names ran into one."""
    path = tmp_path / "dsde.pdf"
    pdf = _canvas(path)
    pdf.setFont("Times-Bold", 16)
    pdf.drawCentredString(
        WIDTH / 2, HEIGHT - 80, "A New Requirement Prioritization Model for Market Driven Products"
    )
    names = ["Muhammad Atif Iqbal", "Athar Mohsin Zaidi", "Saeed Murtaza"]
    for column, name in enumerate(names):
        pdf.setFont("Times-Roman", 11)
        block = [
            f"{name} ",
            "Department of Computer Sciences,  ",
            "NUST, Pakistan ",
            f"author{column}@nust.edu.pk ",
        ]
        for row, text in enumerate(block):
            pdf.drawString(90 + column * 170, HEIGHT - 120 - row * 13, text)
    for x in (54, 320):
        _body(pdf, x, HEIGHT - 200, width=240, lines=40)
    pdf.showPage()
    pdf.save()
    meta = _read(path).metadata
    assert meta.title == "A New Requirement Prioritization Model for Market Driven Products"
    assert [a.display for a in meta.authors] == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Dr. Saeed Murtaza", ["Saeed Murtaza"]),
        ("Prof. Dr. Anna Müller and Dr. Jörg Weiß", ["Anna Müller", "Jörg Weiß"]),
        ("Maria Rossi and Prof. John Park", ["Maria Rossi", "John Park"]),
    ],
)
def test_a_title_before_a_name_is_left_out(line: str, names: list[str]) -> None:
    """IEEE's third block read "Dr. Saeed Murtaza", a German paper "Prof. Dr. Anna Müller": no author."""
    assert is_author_line(line)
    meta = first_page_record(f"Requirement Prioritization for Market Driven Products\n\n{line}\n\n{SAID}")
    assert [a.display for a in meta.authors] == names
