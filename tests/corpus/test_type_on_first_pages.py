"""First pages whose type says what pypdf's plain text loses: raised marks, wrapped titles, mastheads.

Elsevier and INFORMS set each author's affiliation letter as superscript type right after the
name; pypdf runs it into the name ("Maria Rossia,*, John Parkb"), and no name was read. A title
wrapped over two lines of display type in title case read as two headings, and the first-page
reader took the second line. INFORMS's Organization Science sets its masthead with the web
address at the right of the journal's name, the letter mark after the comma ("Hart E. Posen,a
Dirk Martignonib"), its keywords between bullets (which reportlab writes as a code
WinAnsiEncoding leaves unassigned, 0x7F: a bullet by the PDF standard, a control character to
pypdf), and, in its older layout, an abstract with no heading over "Key words:".
MIS Quarterly opens its author blocks with "By:" and ends each line of them with a city and
postal code and a country in capitals. Emerald runs "Keywords" into its terms with no colon and
ends them with the paper type ("Keywords Organizational learning, ... Paper type Research
paper"), under a structured abstract that reflow may run them into; Springer sets its terms
between middle dots ("Keywords Service-dominant logic · Institutions"). ACM sets "KEYWORDS" as a
heading under its "CCS CONCEPTS", and reflow may run both into one paragraph; its journals set
the abstract with no heading over "CCS Concepts:" and "Additional Key Words and Phrases:", the
authors in capitals before their affiliations, and cite the article in an "ACM Reference format:"
block whose abbreviated journal wraps after a full stop. Each PDF is drawn
with reportlab as these publishers set it and read as ingestion reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata
from corpus_core.settings import load_settings
from tests.corpus.layouts import wrap

BODY = (
    "Organizations that learn gather knowledge from customers and partners and turn it into "
    "shared practice, so that teams co-create value with the people they serve. "
) * 24
ABSTRACT = (
    "This paper studies how service teams learn from their customers and turn what they learn "
    "into shared practice across the firm over many years of working together. "
) * 3
Lines = list[tuple[str, bool]]
"""An author line as drawn: pieces of text, each raised in smaller type (True) or not."""


def _lines(pdf: canvas.Canvas, lines: list[str], x: float, y: float, size: float, lead: float) -> float:
    pdf.setFont("Times-Roman", size)
    for line in lines:
        pdf.drawString(x, y, line)
        y -= lead
    return y


def _names(
    pdf: canvas.Canvas, x: float, y: float, pieces: Lines, size: float = 11, placed: bool = False
) -> None:
    """An author line with its marks raised 0.35 em in smaller type.

    As one run of text with a text rise (pypdf glues the marks to the names), or `placed`: each
    piece drawn at its own position, the marks on a baseline of their own, as LaTeX sets them.
    """
    if placed:
        for piece, raised in pieces:
            pdf.setFont("Times-Roman", 0.6 * size if raised else size)
            pdf.drawString(x, y + (0.35 * size if raised else 0), piece)
            x += stringWidth(piece, "Times-Roman", 0.6 * size if raised else size)
        return
    text = pdf.beginText(x, y)
    for piece, raised in pieces:
        text.setFont("Times-Roman", 0.6 * size if raised else size)
        text.setRise(0.35 * size if raised else 0)
        text.textOut(piece)
    pdf.drawText(text)


def _body(pdf: canvas.Canvas, y: float, width: float, columns: bool) -> None:
    if not columns:
        _lines(pdf, wrap(BODY, width - 120, 10)[: int((y - 90) // 12)], 60, y, 10, 12)
        return
    column = (width - 140) / 2
    lines = wrap(BODY, column, 10)[: int((y - 90) // 12)]
    _lines(pdf, lines, 60, y, 10, 12)
    _lines(pdf, lines, 80 + column, y, 10, 12)


def _elsevier(
    path: Path,
    title: list[str],
    authors: Lines,
    columns: bool,
    placed: bool = False,
    info: tuple[str, str] = ("", ""),
    masthead: bool = False,
) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(info[0])
    pdf.setAuthor(info[1])
    width, height = A4
    for page in range(3):
        y = height - 60
        if page == 0:
            pdf.setFont("Helvetica", 8)
            pdf.drawCentredString(width / 2, y, "Industrial Marketing Management 85 (2020) 123–135")
            if masthead:  # the journal's name in larger type between two notices
                _lines(pdf, ["Contents lists available at ScienceDirect"], 200, y - 20, 8, 10)
                _lines(pdf, ["Industrial Marketing Management"], 190, y - 36, 14, 16)
                y = _lines(pdf, ["journal homepage: www.elsevier.com/locate/indmarman"], 200, y - 50, 8, 10)
            pdf.setFont("Times-Bold", 16)
            for line in title:
                y -= 22
                pdf.drawString(60, y, line)
            _names(pdf, 60, y - 26, authors, placed=placed)
            first, second = ("1", "2") if authors[1][0][0].isdigit() else ("a", "b")
            affiliations = [
                f"{first} Department of Management, University of Milan, Milan, Italy",
                f"{second} School of Business, Yonsei University, Seoul, Korea",
            ]
            y = _lines(pdf, affiliations, 60, y - 44, 8, 10)
            if masthead:
                box = ["Article history:", "Received 12 May 2019", "Accepted 3 March 2020", "", "Keywords:"]
                y = _lines(pdf, [*box, "Service logic", "Value creation"], 60, y - 10, 8, 10)
            y = _lines(pdf, ["ABSTRACT"], 60, y - 14, 8, 12)
            y = _lines(pdf, wrap(ABSTRACT, width - 120, 9), 60, y, 9, 11) - 14
        if page and masthead:
            pdf.setFont("Times-Roman", 8)
            pdf.drawString(
                60, height - 40, "M. Rossi et al. / Industrial Marketing Management 85 (2020) 123–135"
            )
        _body(pdf, y, width, columns)
        pdf.setFont("Times-Roman", 8)
        pdf.drawCentredString(width / 2, 40, str(123 + page))
        pdf.showPage()
    pdf.save()
    return path


def _read(path: Path) -> Metadata:
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings).metadata


def _issue(meta: Metadata) -> tuple[str, int | None, str, str, str]:
    """The journal, year, volume, issue and pages a record gives."""
    return (meta.venue, meta.year, meta.volume, meta.issue, meta.pages)


ELSEVIER_AUTHORS: Lines = [
    ("Maria Rossi", False),
    ("a,", True),
    ("*", True),
    (", John Park", False),
    ("b", True),
    (", Ana Silva", False),
    ("a", True),
]


@pytest.mark.parametrize("placed", [False, True], ids=["text-rise", "placed"])
@pytest.mark.parametrize("columns", [False, True], ids=["one-column", "two-column"])
def test_affiliation_letters_raised_after_the_names_are_no_part_of_them(
    tmp_path: Path, columns: bool, placed: bool
) -> None:
    title = ["Learning from customers in service networks"]
    meta = _read(_elsevier(tmp_path / "article.pdf", title, ELSEVIER_AUTHORS, columns, placed))
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park", "Ana Silva"]
    assert meta.title == "Learning from customers in service networks"


NUMBERED_AUTHORS: Lines = [
    ("Maria Rossi", False),
    ("1,2", True),
    (", John Park", False),
    ("3", True),
    (" and Ana Silva", False),
    ("1", True),
]


@pytest.mark.parametrize("columns", [False, True], ids=["one-column", "two-column"])
def test_numbered_marks_on_a_baseline_of_their_own_keep_every_author(tmp_path: Path, columns: bool) -> None:
    """pypdf broke the line at each mark ("Maria Rossi" / "1,2" / ", John Park" / "3" ...)."""
    title = ["Learning from customers in service networks"]
    meta = _read(_elsevier(tmp_path / "article.pdf", title, NUMBERED_AUTHORS, columns, placed=True))
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park", "Ana Silva"]


@pytest.mark.parametrize("columns", [False, True], ids=["one-column", "two-column"])
def test_a_title_wrapped_in_title_case_is_read_whole(tmp_path: Path, columns: bool) -> None:
    title = ["Service Teams That Learn From Their Customers Over", "Many Years of Working Together"]
    meta = _read(_elsevier(tmp_path / "article.pdf", title, ELSEVIER_AUTHORS, columns))
    assert meta.title == "Service Teams That Learn From Their Customers Over Many Years of Working Together"
    assert meta.authors[0].display == "Maria Rossi"


@pytest.mark.parametrize(
    "info",
    [
        ("Learning from customers", "Maria Rossi"),
        ("PII: S0019-8501(20)30123-4", "Elsevier"),
        ("Microsoft Word - Rossi_2020_final.docx", "jsmith"),
    ],
    ids=["first-author-alone", "elsevier-pii", "word-processor"],
)
def test_the_pdfs_own_fields_give_way_to_the_page_where_they_say_less(
    tmp_path: Path, info: tuple[str, str]
) -> None:
    """The info dictionary's Author names the first author alone, or the publisher; its Title a PII."""
    title = ["Learning from customers in service networks"]
    meta = _read(_elsevier(tmp_path / "article.pdf", title, ELSEVIER_AUTHORS, False, info=info))
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park", "Ana Silva"]
    assert meta.title == "Learning from customers in service networks"


@pytest.mark.parametrize("columns", [False, True], ids=["one-column", "two-column"])
def test_elseviers_masthead_is_no_title_though_its_running_head_names_the_journal_after_a_slash(
    tmp_path: Path, columns: bool
) -> None:
    """The masthead line is a piece of "M. Rossi et al. / Industrial Marketing Management 85 (2020) ..."."""
    title = ["Learning from customers in service networks"]
    meta = _read(_elsevier(tmp_path / "article.pdf", title, ELSEVIER_AUTHORS, columns, masthead=True))
    assert meta.title == "Learning from customers in service networks"
    assert meta.venue == "Industrial Marketing Management"


def _organization_science(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        y = height - 50
        pdf.setFont("Helvetica", 8)
        if page == 0:
            pdf.drawString(54, y, "ORGANIZATION SCIENCE")
            pdf.drawString(54, y - 10, "Vol. 30, No. 2, March–April 2019, pp. 236–256")
            pdf.drawRightString(width - 54, y, "http://pubsonline.informs.org/journal/orsc/")
            pdf.drawRightString(width - 54, y - 10, "ISSN 1047-7039 (print), ISSN 1526-5455 (online)")
            pdf.setFont("Times-Bold", 16)
            pdf.drawString(54, y - 50, "Revisiting the Imitation Assumption: Why Imitation May")
            pdf.drawString(54, y - 70, "Increase, Rather than Decrease, Performance Heterogeneity")
            _names(
                pdf,
                54,
                y - 98,
                [("Hart E. Posen,", False), ("a", True), (" Dirk Martignoni", False), ("b", True)],
            )
            notes = [
                "a University of Wisconsin–Madison, Madison, WI 53706; b ETH Zurich, Zurich, Switzerland",
                "Contact: posen@wisc.edu (HEP); dmartignoni@ethz.ch (DM)",
            ]
            y = _lines(pdf, notes, 54, y - 114, 8, 10) - 16
            history = [
                "Received: May 15, 2016",
                "Revised: April 3, 2017; January 8, 2018",
                "Accepted: March 2, 2018",
                "Published Online in Articles in Advance:",
                "December 12, 2018",
                "",
                "https://doi.org/10.1287/orsc.2018.1228",
                "",
                "Copyright: © 2019 INFORMS",
            ]
            _lines(pdf, history, 54, y, 7, 10)
            below = _lines(pdf, wrap(f"Abstract. {ABSTRACT}", 360, 9), 200, y, 9, 11)
            _lines(
                pdf, ["Keywords: organizational learning • imitation • heterogeneity"], 200, below - 4, 9, 11
            )
            y -= 130
        else:
            pdf.drawString(54, y + 20, "Posen and Martignoni: Revisiting the Imitation Assumption")
            pdf.drawString(
                54, y + 10, "Organization Science, 2019, vol. 30, no. 2, pp. 236–256, © 2019 INFORMS"
            )
            pdf.drawRightString(width - 54, y + 20, str(236 + page))
        _lines(pdf, wrap(BODY, width - 108, 10)[: int((y - 90) // 12)], 54, y, 10, 12)
        pdf.showPage()
    pdf.save()
    return path


def _organization_science_2011(path: Path, running_venue: bool = True) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        y = height - 50
        pdf.setFont("Helvetica", 8)
        if page == 0:
            masthead = ["ORGANIZATION SCIENCE", "Vol. 22, No. 5, September–October 2011, pp. 1123–1137"]
            y = _lines(pdf, masthead, 54, y, 8, 10)
            pdf.setFont("Times-Bold", 16)
            pdf.drawCentredString(width / 2, y - 30, "Learning from Customers in Service Teams")
            y -= 50
            for name, where in (
                ("Maria Rossi", "Department of Management, University of Milan, 20122 Milan, Italy"),
                ("John Park", "School of Business, Yonsei University, Seoul 03722, Korea"),
            ):
                pdf.setFont("Times-Roman", 11)
                pdf.drawCentredString(width / 2, y, name)
                pdf.setFont("Times-Italic", 8)
                pdf.drawCentredString(width / 2, y - 11, where)
                y -= 28
            y = _lines(pdf, wrap(ABSTRACT, width - 160, 9), 80, y - 6, 9, 11)
            lines = [
                "Key words: organizational learning; service teams; customers",
                "History: Published online June 10, 2011.",
            ]
            y = _lines(pdf, lines, 80, y - 4, 9, 11) - 14
        else:
            pdf.drawString(80, y + 20, "Rossi and Park: Learning from Customers in Service Teams")
            if running_venue:
                pdf.drawString(80, y + 10, "Organization Science 22(5), pp. 1123–1137, © 2011 INFORMS")
            pdf.drawString(54, y + 20, str(1123 + page))
        _lines(pdf, wrap(BODY, width - 108, 10)[: int((y - 90) // 12)], 54, y, 10, 12)
        pdf.showPage()
    pdf.save()
    return path


def test_an_organization_science_first_page_gives_its_record(tmp_path: Path) -> None:
    meta = _read(_organization_science(tmp_path / "orsc.pdf"))
    assert meta.title == (
        "Revisiting the Imitation Assumption: Why Imitation May Increase, Rather than Decrease, "
        "Performance Heterogeneity"
    )
    assert [person.display for person in meta.authors] == ["Hart E. Posen", "Dirk Martignoni"]
    assert _issue(meta) == ("Organization Science", 2019, "30", "2", "236-256")
    assert meta.keywords == ["organizational learning", "imitation", "heterogeneity"]


@pytest.mark.parametrize("running_venue", [True, False], ids=["journal-in-running-heads", "masthead-only"])
def test_an_abstract_without_a_heading_over_the_key_words_is_the_abstract(
    tmp_path: Path, running_venue: bool
) -> None:
    """Where no running head names the journal, its masthead over "Vol. 22, No. 5, ..." is no title."""
    meta = _read(_organization_science_2011(tmp_path / "orsc.pdf", running_venue))
    assert meta.title == "Learning from Customers in Service Teams"
    assert (meta.venue, meta.year, meta.volume, meta.issue) == ("Organization Science", 2011, "22", "5")
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park"]
    assert meta.abstract.startswith("This paper studies how service teams learn")
    assert "Key words" not in meta.abstract
    assert meta.keywords == ["organizational learning", "service teams", "customers"]


def _mis_quarterly(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        y = height - 60
        pdf.setFont("Times-Roman", 8)
        if page == 0:
            _lines(pdf, ["RESEARCH ARTICLE"], 54, y, 9, 12)
            pdf.setFont("Times-Bold", 14)
            pdf.drawCentredString(width / 2, y - 30, "CUSTOMER LEARNING IN SERVICE NETWORKS:")
            pdf.drawCentredString(width / 2, y - 46, "A DESIGN SCIENCE APPROACH")
            top = y - 70
            _lines(pdf, ["By:"], 54, top, 9, 11)
            first = ["Maria Rossi", "Department of Management", "University of Milan", "Milan 20122", "ITALY"]
            second = ["John Park", "School of Business", "Yonsei University", "Tampa, FL 33620", "U.S.A."]
            _lines(pdf, [*first, "maria.rossi@unimi.it"], 80, top, 9, 11)
            _lines(pdf, [*second, "jpark@usf.edu"], 330, top, 9, 11)
            y = _lines(pdf, ["Abstract"], 54, top - 80, 10, 14)
            y = _lines(pdf, wrap(ABSTRACT, width - 108, 9), 54, y, 9, 11) - 20
            pdf.setFont("Times-Roman", 8)
            pdf.drawString(54, 40, "MIS Quarterly Vol. 37 No. 2, pp. 471-482/June 2013")
            pdf.drawRightString(width - 54, 40, "471")
        else:
            pdf.drawString(54, height - 36, "Rossi & Park/Customer Learning in Service Networks")
            pdf.drawString(54, 40, f"{471 + page}     MIS Quarterly Vol. 37 No. 2/June 2013")
        column = (width - 130) / 2
        lines = wrap(BODY, column, 10)[: int((y - 70) // 12)]
        _lines(pdf, lines, 54, y, 10, 12)
        _lines(pdf, lines, 76 + column, y, 10, 12)
        pdf.showPage()
    pdf.save()
    return path


def test_mis_quarterly_author_blocks_after_by_give_every_author(tmp_path: Path) -> None:
    meta = _read(_mis_quarterly(tmp_path / "misq.pdf"))
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park"]
    assert meta.title == "Customer Learning in Service Networks: A Design Science Approach"
    assert _issue(meta) == ("MIS Quarterly", 2013, "37", "2", "471-482")


def _emerald(path: Path, keywords_apart: bool = False) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    parts = (
        ("Purpose", "This paper aims to study how service teams learn from their customers."),
        ("Design/methodology/approach", "The study follows twelve firms over five years with interviews."),
        ("Findings", "Teams that learn from customers co-create more value with them."),
        ("Originality/value", "The paper links organizational learning with value co-creation."),
    )
    for page in range(3):
        y = height - 60
        if page == 0:
            notice = (
                "The current issue and full text archive of this journal is available on Emerald Insight at:"
            )
            _lines(pdf, [notice, "www.emeraldinsight.com/0969-6474.htm"], 150, height - 40, 7, 9)
            pdf.setFont("Times-Bold", 16)
            for line in ("Learning organizations and", "value co-creation in", "service ecosystems"):
                y -= 20
                pdf.drawString(150, y - 20, line)
            for name, where in (
                ("Maria Rossi", "Department of Management, University of Milan, Milan, Italy, and"),
                ("John Park", "School of Business, Yonsei University, Seoul, Korea"),
            ):
                _lines(pdf, [name], 150, y - 48, 11, 12)
                y = _lines(pdf, [where], 150, y - 60, 9, 10) + 38
            y = _lines(pdf, ["Abstract"], 150, y - 70, 10, 12)
            for label, text in parts:
                y = _lines(pdf, wrap(f"{label} – {text}", width - 200, 9), 150, y, 9, 11)
            lines = [
                "Keywords Organizational learning, Value co-creation, Service ecosystems",
                "Paper type Case study",
            ]
            y = _lines(pdf, lines, 150, y - (16 if keywords_apart else 0), 9, 11) - 16
            box = [
                "The Learning Organization",
                "Vol. 26 No. 3, 2019",
                "pp. 245-260",
                "© Emerald Publishing Limited",
            ]
            _lines(pdf, [*box, "DOI 10.1108/TLO-08-2018-0133"], 40, 120, 7, 9)
        else:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(40, height - 40, "TLO 26,3" if page % 2 else "Learning and co-creation")
            pdf.drawString(40, 60, str(245 + page))
        _lines(pdf, wrap(BODY, width - 200, 10)[: int((y - 90) // 12)], 150, y, 10, 12)
        pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("keywords_apart", [False, True], ids=["run-into-the-abstract", "set-apart"])
def test_emeralds_keywords_without_a_colon_are_read_and_end_the_abstract(
    tmp_path: Path, keywords_apart: bool
) -> None:
    meta = _read(_emerald(tmp_path / "tlo.pdf", keywords_apart))
    assert meta.keywords == ["Organizational learning", "Value co-creation", "Service ecosystems"]
    assert meta.abstract.startswith("Purpose – This paper aims")
    assert meta.abstract.endswith("The paper links organizational learning with value co-creation.")
    assert meta.title == "Learning organizations and value co-creation in service ecosystems"
    assert _issue(meta) == ("The Learning Organization", 2019, "26", "3", "245-260")


SPRINGER_REFERENCES = [
    "References",
    "Grönroos, C., & Voima, P. (2013). Critical service logic: making sense of value creation and",
    "co-creation. Journal of the Academy of Marketing Science, 41(2), 133–150.",
    "Vargo, S. L., & Lusch, R. F. (2004). Evolving to a new dominant logic for marketing. Journal of",
    "Marketing, 68(1), 1–17.",
    "Vargo, S. L., & Lusch, R. F. (2008). Service-dominant logic: continuation and evolution. Journal of",
    "the Academy of Marketing Science, 36(1), 1–10.",
]


def _springer_journal(path: Path, references: bool = True) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    citation = "J. of the Acad. Mark. Sci. (2016) 44:5–23"
    for page in range(4 if references else 3):
        y = height - 50
        pdf.setFont("Helvetica", 8)
        if page == 0:
            y = _lines(pdf, [citation, "DOI 10.1007/s11747-015-0456-3"], 60, y, 8, 10)
            y = _lines(pdf, ["CONCEPTUAL/THEORETICAL PAPER"], 60, y - 16, 8, 12)
            pdf.setFont("Times-Bold", 16)
            pdf.drawString(60, y - 20, "Institutions and axioms: an extension and update")
            pdf.drawString(60, y - 40, "of service-dominant logic")
            authors = [("Stephen L. Vargo", False), ("1", True), (" · Robert F. Lusch", False), ("2", True)]
            _names(pdf, 60, y - 68, authors, placed=True)
            dates = "Received: 26 May 2015 / Accepted: 25 August 2015 / Published online: 19 September 2015"
            y = _lines(pdf, [dates, "© Academy of Marketing Science 2015"], 60, y - 90, 8, 10)
            y = _lines(pdf, ["Abstract"], 60, y - 12, 9, 11)
            y = _lines(pdf, wrap(ABSTRACT, width - 120, 9), 60, y, 9, 11)
            terms = "Keywords Service-dominant logic · Institutions · Value co-creation"
            y = _lines(pdf, [terms], 60, y - 4, 9, 11) - 14
        else:
            pdf.drawString(100, height - 30, citation)
            pdf.drawString(60, height - 30, str(5 + page))
        if page == 3:
            _lines(pdf, SPRINGER_REFERENCES, 60, y, 9, 11)
        else:
            _body(pdf, y, width, columns=True)
        pdf.showPage()
    pdf.save()
    return path


def test_springers_keywords_between_middle_dots_and_numbered_authors_are_read(tmp_path: Path) -> None:
    meta = _read(_springer_journal(tmp_path / "jams.pdf"))
    assert meta.keywords == ["Service-dominant logic", "Institutions", "Value co-creation"]
    assert [person.display for person in meta.authors] == ["Stephen L. Vargo", "Robert F. Lusch"]
    assert meta.title == "Institutions and axioms: an extension and update of service-dominant logic"
    assert (meta.year, meta.volume, meta.pages) == (2016, "44", "5-23")


@pytest.mark.parametrize("references", [True, False], ids=["cited-in-full", "not-cited"])
def test_a_journal_abbreviated_on_the_page_is_written_out_as_its_references_cite_it(
    tmp_path: Path, references: bool
) -> None:
    """APA prints the journal in full; the running head has "J. of the Acad. Mark. Sci."."""
    meta = _read(_springer_journal(tmp_path / "jams.pdf", references))
    full = "Journal of the Academy of Marketing Science"
    assert meta.venue == (full if references else "J. of the Acad. Mark. Sci.")


def _acm(path: Path, gap: float = 6) -> Path:
    """An ACM (acmart) conference paper: abstract, "CCS CONCEPTS" and "KEYWORDS" in the left column."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    column = (width - 132) / 2
    for page in range(3):
        y = height - 60
        if page == 0:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(54, y, "Co-Creating Value with Online Communities")
            blocks = [("Maria Rossi", "University of Milan"), ("John Park", "Yonsei University")]
            for number, block in enumerate(blocks):
                _lines(pdf, list(block), 120 + number * 240, y - 30, 10, 12)
            left = _lines(pdf, ["ABSTRACT"], 54, y - 80, 9, 11)
            left = _lines(pdf, wrap(ABSTRACT, column, 9), 54, left, 9, 11)
            left = _lines(pdf, ["CCS CONCEPTS"], 54, left - gap, 9, 11)
            concepts = "• Human-centered computing → Collaborative and social computing."
            left = _lines(pdf, [concepts], 54, left, 9, 11)
            left = _lines(
                pdf, ["KEYWORDS", "value co-creation, online communities, learning"], 54, left - gap, 9, 11
            )
            left = _lines(pdf, ["ACM Reference Format:"], 54, left - gap, 8, 10)
            reference = (
                "Maria Rossi and John Park. 2020. Co-Creating Value with Online Communities. In Proceedings "
                "of the 2020 CHI Conference on Human Factors in Computing Systems (CHI '20). ACM, New York, "
                "NY, USA, 12 pages. https://doi.org/10.1145/3313831.3376123"
            )
            _lines(pdf, wrap(reference, column, 8), 54, left, 8, 10)
            _lines(pdf, wrap(BODY, column, 10)[: int((y - 150) // 12)], 78 + column, y - 80, 10, 12)
        else:
            pdf.setFont("Helvetica", 7)
            pdf.drawString(54, height - 35, "CHI '20, April 25-30, 2020, Honolulu, HI, USA")
            _body(pdf, y, width, columns=True)
        pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("gap", [6, 14], ids=["run-into-the-concepts", "set-apart"])
def test_acms_keywords_under_the_ccs_concepts_are_read(tmp_path: Path, gap: float) -> None:
    """Reflow may run "KEYWORDS" and its terms into the concepts' paragraph above them."""
    meta = _read(_acm(tmp_path / "chi.pdf", gap))
    assert meta.keywords == ["value co-creation", "online communities", "learning"]
    assert meta.abstract.startswith("This paper studies") and "CONCEPTS" not in meta.abstract
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park"]


def _acm_journal(path: Path) -> Path:
    """An ACM journal article (acmsmall): its abstract has no heading, its keywords are "Additional"."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        y = height - 70
        if page == 0:
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(72, y, "Learning in Teams: How Service Firms Co-Create Value")
            authors = ["MARIA ROSSI, University of Milan, Italy", "JOHN PARK, Yonsei University, Korea"]
            y = _lines(pdf, authors, 72, y - 24, 9, 12)
            y = _lines(pdf, wrap(ABSTRACT, width - 144, 9), 72, y - 10, 9, 11)
            concepts = "CCS Concepts: • Human-centered computing → Collaborative and social computing;"
            y = _lines(pdf, [concepts], 72, y - 8, 9, 11)
            terms = "Additional Key Words and Phrases: value co-creation, online communities, learning"
            y = _lines(pdf, [terms], 72, y - 8, 9, 11)
            reference = (
                "Maria Rossi and John Park. 2020. Learning in Teams: How Service Firms Co-Create Value. "
                "ACM Trans. Comput.-Hum. Interact. 27, 3, Article 12 (June 2020), 30 pages. "
                "https://doi.org/10.1145/3385000"
            )
            y = _lines(pdf, ["ACM Reference format:"], 72, y - 8, 9, 11)
            y = _lines(pdf, wrap(reference, width - 144, 9), 72, y, 9, 11) - 14
        else:
            pdf.setFont("Helvetica", 7)
            pdf.drawString(72, height - 40, f"12:{page + 1}")
            pdf.drawRightString(width - 72, height - 40, "M. Rossi and J. Park")
        _body(pdf, y, width, columns=False)
        pdf.showPage()
    pdf.save()
    return path


def test_an_acm_journal_articles_unheaded_abstract_and_additional_key_words_are_read(tmp_path: Path) -> None:
    meta = _read(_acm_journal(tmp_path / "tochi.pdf"))
    assert meta.keywords == ["value co-creation", "online communities", "learning"]
    assert meta.abstract.startswith("This paper studies") and "Concepts" not in meta.abstract
    assert [person.display for person in meta.authors] == ["Maria Rossi", "John Park"]
    assert (meta.title, meta.year, meta.venue, meta.volume, meta.issue, meta.pages, meta.article_number) == (
        "Learning in Teams: How Service Firms Co-Create Value",
        2020,
        "ACM Trans. Comput.-Hum. Interact.",
        "27",
        "3",
        "",
        "12",
    )


def test_acms_reference_block_wrapped_at_a_hyphen_gives_the_proceedings_whole(tmp_path: Path) -> None:
    """The block is set justified and hyphenated: "... Human Fac-" / "tors in Computing Systems"."""
    meta = _read(_acm(tmp_path / "chi.pdf"))
    assert meta.venue == "Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems"
    assert (meta.kind, meta.year) == ("paper-conference", 2020)


DRAWN: dict[str, Callable[[Path], Path]] = {
    "acm-journal": _acm_journal,
    "acm": _acm,
    "springer-journal": _springer_journal,
    "emerald": _emerald,
    "organization-science": _organization_science,
    "organization-science-2011": _organization_science_2011,
    "mis-quarterly": _mis_quarterly,
}


@pytest.mark.parametrize("layout", DRAWN)
def test_the_body_text_of_these_first_pages_is_kept(tmp_path: Path, layout: str) -> None:
    settings = load_settings()
    document = prepare_document(load_file(DRAWN[layout](tmp_path / "paper.pdf"), settings.loading), settings)
    assert "co-create value with the people they serve" in document.text
