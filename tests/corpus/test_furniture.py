"""Venue, year, volume/issue and DOI from running heads, footers, cover pages and the PDF Subject.

The issue 11 case first: a manuscript PDF whose running head reads "The Learning Organization |
Manuscript TLO-12-2018-0219" and whose PDF info Subject says "The Learning Organization, 2019"
gets that venue and year, each with its source, the guesses marked uncertain.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.metadata.furniture import (
    cover_citation_record,
    furniture_record,
    parse_citation,
    read_line,
    subject_record,
)
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata, RawDocument
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, render
from tests.corpus.seed_texts import raw_seed


def _document_metadata(seed: str, layout: Layout, tmp_path: Path) -> Metadata:
    rendered = render(raw_seed(seed), layout, tmp_path / f"{seed}.pdf")
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings).metadata


def test_issue_11_manuscript_running_head_and_subject(tmp_path: Path) -> None:
    layout = Layout(
        "manuscript",
        head="The Learning Organization | Manuscript TLO-12-2018-0219",
        info=(("subject", "The Learning Organization, 2019"),),
    )
    meta = _document_metadata("001", layout, tmp_path)
    assert meta.venue == "The Learning Organization"
    assert meta.year == 2019
    assert meta.sources["year"] == "pdf-info" and "year" in meta.uncertain


def test_venue_from_a_manuscript_running_head_alone(tmp_path: Path) -> None:
    layout = Layout("manuscript", head="Journal of Service Research | Manuscript JSR-03-2020-0042")
    meta = _document_metadata("004", layout, tmp_path)
    assert meta.venue == "Journal of Service Research"
    assert meta.sources["venue"] == "page-furniture" and "venue" in meta.uncertain
    assert meta.year == 2016, "the seed's own 'Project Report 2016'; the manuscript id's 2020 is no year"


def test_footer_citation_gives_venue_year_volume_issue_pages_and_doi(tmp_path: Path) -> None:
    layout = Layout(
        "footer",
        foot="Journal of Marketing Studies (2021) 14(2): 201-232 | doi:10.9999/jms.2021.0142",
        first_number=201,
    )
    meta = _document_metadata("004", layout, tmp_path)
    assert (meta.venue, meta.year, meta.volume, meta.issue, meta.pages, meta.doi) == (
        "Journal of Marketing Studies",
        2021,
        "14",
        "2",
        "201-232",
        "10.9999/jms.2021.0142",
    )
    for name in ("venue", "year", "volume", "issue", "pages", "doi"):
        assert meta.sources[name] == "page-furniture" and name not in meta.uncertain


def test_cover_page_year_is_publication_not_download(tmp_path: Path) -> None:
    layout = Layout(
        "cover",
        cover=(
            "Downloaded by University of Testing at 10:11 12 May 2021",
            "To cite this article: doi: 10.1080/09696470.2019.1234567",
            "Published online: 03 Feb 2019.",
        ),
    )
    meta = _document_metadata("002", layout, tmp_path)
    assert meta.doi == "10.1080/09696470.2019.1234567"
    assert meta.year == 2010, "the seed's labelled 'Publication date' outranks the cover"
    raw = RawDocument(
        "x.pdf", "h", "pdf", ["Downloaded by X at 10:11 12 May 2021\nPublished online: 03 Feb 2019.", "body"]
    )
    record = furniture_record(raw)
    assert record.year == 2019 and "year" in record.uncertain and record.sources["year"] == "page-furniture"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Journal of Business Research 98 (2019) 365–380",
            ("Journal of Business Research", 2019, "98", "", "365-380"),
        ),
        ("The Learning Organization, 2019, ahead-of-print", ("The Learning Organization", 2019, "", "", "")),
        ("Journal of X, Vol. 14, No. 2, 2021, pp. 45-67", ("Journal of X", 2021, "14", "2", "45-67")),
        ("Management Learning, Volume 3, Issue 4", ("Management Learning", None, "3", "4", "")),
        (
            "Zeitschrift für Organisationsforschung 12 (2019) 211",
            ("Zeitschrift für Organisationsforschung", 2019, "12", "", ""),
        ),
        (
            "Revista de Administração e Contabilidade, 2020, 7(2)",
            ("Revista de Administração e Contabilidade", 2020, "7", "2", ""),
        ),
        ("Sustainability 2020, 12, 1234; doi:10.3390/su12031234", ("Sustainability", 2020, "12", "", "")),
        (
            "C. Grönroos, P. Voima / Industrial Marketing Management 40 (2011) 133–150",
            ("Industrial Marketing Management", 2011, "40", "", "133-150"),
        ),
        ("The Learning Organization, March 2019", ("The Learning Organization", 2019, "", "", "")),
        ("Organizational Dynamics, Winter 2019, Vol. 3", ("Organizational Dynamics", 2019, "3", "", "")),
        ("50 Harvard Business Review April 2011", ("Harvard Business Review", 2011, "", "", "")),
        ("July–August 2011 Harvard Business Review 49", ("Harvard Business Review", 2011, "", "", "")),
        ("SPRING 2011 MIT SLOAN MANAGEMENT REVIEW 23", ("MIT SLOAN MANAGEMENT REVIEW", 2011, "", "", "")),
        ("Strat Mgmt J. 2020;41:1120–1145.", ("Strat Mgmt J", 2020, "41", "", "1120-1145")),  # Wiley
        ("J Adv Nurs. 2019;75(3):123–130.", ("J Adv Nurs", 2019, "75", "3", "123-130")),
        ("BMC Health Serv Res. 2018;18:442.", ("BMC Health Serv Res", 2018, "18", "", "")),
        (
            "Journal of the Academy of Marketing Science (2016) 44:5–23",  # Springer
            ("Journal of the Academy of Marketing Science", 2016, "44", "", "5-23"),
        ),
        (
            "Journal of Management & Organization (2020), 26, 123–145",  # Cambridge University Press
            ("Journal of Management & Organization", 2020, "26", "", "123-145"),
        ),
        (
            "Revue française de gestion (2019), 45 (282), 75–88",  # a journal named in sentence case
            ("Revue française de gestion", 2019, "45", "282", "75-88"),
        ),
        (
            "Revista de administração de empresas, 2020, 60(3), 12-30",
            ("Revista de administração de empresas", 2020, "60", "3", "12-30"),
        ),
    ],
)
def test_parse_citation(line: str, expected: tuple[object, ...]) -> None:
    found = parse_citation(line)
    assert found is not None
    assert (found.venue, found.year, found.volume, found.issue, found.pages) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Berg et al. BMC Health Services Research (2020) 20:123",
            ("BMC Health Services Research", 2020, "20", "123"),
        ),
        (
            "Berg and Lind Journal of Innovation and Entrepreneurship (2021) 10:7",
            ("Journal of Innovation and Entrepreneurship", 2021, "10", "7"),
        ),
        (
            "Journal of the Academy of Marketing Science (2016) 44:5–23",
            ("Journal of the Academy of Marketing Science", 2016, "44", ""),
        ),
    ],
)
def test_a_springer_nature_open_access_head_gives_the_venue_after_its_authors_and_the_article_number(
    line: str, expected: tuple[object, ...]
) -> None:
    """BMC's and SpringerOpen's running head names the authors first and the article's number, not pages."""
    found = parse_citation(line)
    assert found is not None
    assert (found.venue, found.year, found.volume, found.article_number) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sustainability 2020, 12, 1234; doi:10.3390/su12031234", ("12", "", "1234")),  # MDPI
        ("BMC Health Serv Res. 2018;18:442.", ("18", "", "442")),  # BMC, NLM form
        ("PLoS One. 2019;14(7):e0219876.", ("14", "7", "e0219876")),  # an eLocator, NLM form
    ],
)
def test_a_journal_that_numbers_its_articles_gives_the_number_not_pages(
    line: str, expected: tuple[str, str, str]
) -> None:
    """The number was taken for the article's pages: "page 5" was "outside" them in a draft check."""
    found = parse_citation(line)
    assert found is not None
    assert (found.volume, found.issue, found.pages, found.article_number) == (*expected[:2], "", expected[2])


@pytest.mark.parametrize(
    "line",
    [
        "Okafor and Lindqvist",
        "Customer Dialogue and Organizational Learning | 203",
        "Downloaded by Journal Readers, Vol. 3, at 10:11 12 May 2021",
        "Manuscript TLO-12-2018-0219",
        "page 12 of 30",
        "the results of 2019 were mixed",
        "October 14, 1998",
        "14 October 1998",
        "Spring 2020",
        "Since 2015 the partners' complaints have reshaped pricing and access rules.",
        "During 2019, the teams learned from their customers",
        "(Garvin, Edmondson and Gino, 2008; Garvin, 1993) and criticized for",
        "12 Learning from Failure April 2011",
        "EDU/WKP(2016)11",
        "Kools, M. and L. Stoll (2016), What Makes a School a Learning Organisation?",
        "April 2011 Learning from Failure 13",
    ],
)
def test_lines_that_name_no_venue(line: str) -> None:
    assert read_line(line) == []


def test_one_off_edge_lines_of_later_pages_are_body_text() -> None:
    pages = [
        "A Title\nBody text of page one that goes on for a while.",
        "More body text.\nJournal of Management, Vol 41 No. 5, pp. 1281-1312.",
        "Even more body text.\nEnd of the paper.",
    ]
    assert furniture_record(RawDocument("x.pdf", "h", "pdf", pages)).venue == ""


def test_a_title_with_a_venue_word_is_no_venue() -> None:
    pages = ["Learning Organizations: A Critical Review\nBody text of page one.", "More body text."]
    assert furniture_record(RawDocument("x.pdf", "h", "pdf", pages)).venue == ""
    pages = [f"Management Learning Review\nBody text of page {n}." for n in range(3)]
    record = furniture_record(RawDocument("x.pdf", "h", "pdf", pages))
    assert record.venue == "Management Learning Review" and record.uncertain == ["venue"]


def test_subject_record_needs_a_citation() -> None:
    assert subject_record({"subject": "Organizational learning; value co-creation"}) == Metadata()
    record = subject_record({"subject": "Journal of Business Research, 98 (2019) 365-380. doi:10.1016/j.x"})
    assert (record.venue, record.year, record.volume) == ("Journal of Business Research", 2019, "98")
    assert record.sources["venue"] == "pdf-info" and set(record.uncertain) == {"venue", "year"}


def test_text_files_have_no_furniture() -> None:
    raw = RawDocument("x.txt", "h", "txt", ["Journal of X, Vol. 3, No. 2, 2020\nbody"])
    assert furniture_record(raw) == Metadata()


def test_an_online_first_cover_citation_without_numbers_is_read() -> None:
    """T&F before the issue: "(2020): Title, Venue, DOI:" and the DOI on the next line, stamps after it."""
    cover = (
        "Journal of Workplace Learning\nTo cite this article: Ann Lee & Bo Ek (2020): Learning in firms, "
        "Journal of Workplace Learning, DOI:\n10.1080/1234.2020.5678\nView Crossmark data"
    )
    meta = cover_citation_record(RawDocument("x.pdf", "h", "pdf", [cover, "body"]))
    assert (meta.title, meta.venue, meta.year, meta.volume, meta.doi) == (
        "Learning in firms",
        "Journal of Workplace Learning",
        2020,
        "",
        "10.1080/1234.2020.5678",
    )
    assert [person.family for person in meta.authors] == ["Lee", "Ek"]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (
            "Proceedings of the 53rd Hawaii International Conference on System Sciences | 2020",
            "paper-conference",
        ),
        ("Journal of Service Research | 2020", ""),
    ],
    ids=["proceedings", "journal"],
)
def test_a_running_head_s_year_beside_its_venue_is_the_year(head: str, kind: str) -> None:
    """HICSS prints "Proceedings of the 53rd Hawaii International Conference on System Sciences | 2020"
    over every page: the year beside the venue is the paper's, and proceedings make it a
    conference paper."""
    pages = [f"{head}\nBody text of page {n}, which goes on for a while.\nPage {5230 + n}" for n in range(3)]
    record = furniture_record(RawDocument("x.pdf", "h", "pdf", pages))
    assert (record.venue, record.year, record.kind) == (head.split(" | ")[0], 2020, kind)
    assert "year" not in record.uncertain


def test_an_article_s_page_range_is_its_printed_page_numbers(tmp_path: Path) -> None:
    """A journal article's or a chapter's PDF numbers its pages as printed: where no record
    gives its page range, they do (uncertain), so the reference prints "pp. 201–2xx". A work
    that is no part of a journal or a book (a report) gets none, nor do pages numbered from 1."""
    layout = Layout("numbered", head="Journal of Marketing Studies", first_number=201)
    rendered = render(raw_seed("001"), layout, tmp_path / "article.pdf")
    settings = load_settings()
    meta = prepare_document(load_file(rendered.path, settings.loading), settings).metadata
    numbers = [label for label in rendered.printed if label]
    assert (meta.kind, meta.venue) == ("article-journal", "The Learning Organization")
    assert meta.pages == f"{numbers[0]}-{numbers[-1]}" and numbers[0] == "201"
    assert meta.sources["pages"] == "page-furniture" and "pages" in meta.uncertain
    report = render(raw_seed("004"), Layout("report", first_number=201), tmp_path / "report.pdf")
    assert prepare_document(load_file(report.path, settings.loading), settings).metadata.pages == ""
    layout = Layout("manuscript", head="Journal of Marketing Studies")
    manuscript = render(raw_seed("001"), layout, tmp_path / "am.pdf")
    assert prepare_document(load_file(manuscript.path, settings.loading), settings).metadata.pages == "", (
        "an author's manuscript numbers its own pages from 1"
    )


@pytest.mark.parametrize(
    ("line", "venue", "year"),
    [
        (
            "Fortieth International Conference on Information Systems, Munich 2019",  # ICIS, every page
            "Fortieth International Conference on Information Systems",
            2019,
        ),
        (
            "Twenty-Seventh European Conference on Information Systems (ECIS2019), Stockholm-Uppsala, Sweden",
            "Twenty-Seventh European Conference on Information Systems (ECIS2019)",
            2019,
        ),
        (
            "Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems",
            "Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems",
            2020,
        ),
        (
            "2020 IEEE International Conference on Services Computing (SCC)",
            "2020 IEEE International Conference on Services Computing (SCC)",
            2020,
        ),
    ],
    ids=["icis", "ecis", "chi", "ieee"],
)
def test_a_conference_s_name_in_the_furniture_is_the_venue(line: str, venue: str, year: int) -> None:
    """A conference's name holds its year or is followed by its place ("..., Munich 2019"): the
    venue is the name, not what stands before the year ("Proceedings of the") nor the place. It
    names the venue only where it repeats, as a running foot does (a title on a first page may
    name a conference too), and makes the work a conference paper."""
    assert [(c.venue, c.year) for c in read_line(line)] == [(venue, year)]
    pages = [f"Body text of page {n}, which goes on for a while.\n{line} {n + 1}" for n in range(3)]
    record = furniture_record(RawDocument("x.pdf", "h", "pdf", pages))
    assert (record.venue, record.year, record.kind) == (venue, year, "paper-conference")
    title_page = [f"Lessons from the 2015 Paris Climate Conference\nBody text of page {n}." for n in range(1)]
    assert furniture_record(RawDocument("x.pdf", "h", "pdf", [*title_page, "More body text."])).venue == ""


@pytest.mark.parametrize(
    ("foot", "expected", "editors"),
    [
        (
            "E. Kafeza et al. (Eds.): ICSOC 2020, LNCS 12571, pp. 123–138, 2020.",
            ("ICSOC 2020", "12571", "123-138", 2020),
            [],
        ),
        (
            "A. Rossi and B. Park (Eds.): BPM 2019, LNBIP 360, pp. 45–60, 2019.",
            ("BPM 2019", "360", "45-60", 2019),
            ["Rossi", "Park"],
        ),
    ],
    ids=["lncs-et-al", "lnbip"],
)
def test_a_springer_proceedings_foot_gives_the_conference_series_volume_and_pages(
    foot: str, expected: tuple[object, ...], editors: list[str]
) -> None:
    """Springer's proceedings series (LNCS, LNBIP, CCIS) print under a paper's first page its
    volume's editors, the conference, the series' volume, the pages and the year: a conference
    paper in that volume. Editors cut short by "et al." are not named."""
    pages = [f"A Title of a Paper\nBody text of page one.\n{foot}", "Body text of page two.", "Page three."]
    record = furniture_record(RawDocument("x.pdf", "h", "pdf", pages))
    assert (record.venue, record.volume, record.pages, record.year) == expected
    assert (record.kind, record.publisher) == ("paper-conference", "Springer")
    assert "venue" not in record.uncertain
    assert [person.family for person in record.editors] == editors


def test_an_ieee_conference_paper_s_first_page_foot_names_its_conference() -> None:
    """IEEE prints its conference's name and "978-1-7281-8780-8/20/$31.00 ©2020 IEEE" (the
    proceedings' ISBN) at the foot of a paper's first page only: there the name counts, and
    the paper is a conference paper IEEE published."""
    foot = (
        "2020 IEEE International Conference on Services Computing (SCC)\n"
        "978-1-7281-8780-8/20/$31.00 ©2020 IEEE\nDOI 10.1109/SCC49832.2020.00012"
    )
    pages = [f"A Title of a Paper\nBody text of page one.\n{foot}", "Body text of page two.", "Page three."]
    record = furniture_record(RawDocument("x.pdf", "h", "pdf", pages))
    assert (record.venue, record.year, record.kind, record.publisher, record.doi) == (
        "2020 IEEE International Conference on Services Computing (SCC)",
        2020,
        "paper-conference",
        "IEEE",
        "10.1109/SCC49832.2020.00012",
    )
    name = foot.splitlines()[0]
    alone = [f"A Title of a Paper\nBody text.\n{name}", "Body text of page two.", "Page three."]
    assert furniture_record(RawDocument("x.pdf", "h", "pdf", alone)).venue == "", "a title may name one"


SHORT_PAPER = [
    "Double-Loop Learning in Hospital Teams",
    "",
    "Hannah Lindqvist and Priya Raman",
    "",
    "Abstract. We study how hospital ward teams question the governing variables of their",
    "routines, drawing on 86 interviews and eighteen months of observation in twelve wards.",
    "",
    "1. Introduction",
    "Organizational learning theory distinguishes single-loop learning, which corrects actions",
    "within given norms, from double-loop learning, which questions the norms themselves. Ward",
    "teams moved to double-loop responses only where nurses could speak without fear and where",
    "managers treated each error as information about the system rather than a fault of a person.",
    "",
    "References",
    "Argyris, C., & Schon, D. A. (1978). Organizational learning: A theory of action",
    "perspective. Addison-Wesley.",
    "Edmondson, A. (1999). Psychological safety and learning behavior in work teams.",
    "Administrative Science Quarterly, 44(2), 350-383.",
    "https://doi.org/10.2307/2666999",
]
"""A two-page paper whose reference list begins on its first page: a cited work's DOI ends the page."""


def _short_paper(path: Path, foot: str = "") -> Metadata:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.corpus.layouts import draw_lines

    pdf = canvas.Canvas(str(path), pagesize=A4)
    draw_lines(pdf, 60, 780, SHORT_PAPER, size=10)
    if foot:
        draw_lines(pdf, 60, 40, [foot], size=8)
    pdf.showPage()
    draw_lines(pdf, 60, 780, ["Senge, P. M. (1990). The fifth discipline. Doubleday."], size=10)
    pdf.showPage()
    pdf.save()
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings).metadata


def test_a_reference_list_begun_on_the_first_page_is_no_furniture(tmp_path: Path) -> None:
    meta = _short_paper(tmp_path / "short.pdf")
    assert meta.title == "Double-Loop Learning in Hospital Teams"
    assert meta.doi == "", "the foot of page 1 is Edmondson's DOI, in the reference list"
    assert (meta.venue, meta.volume, meta.issue, meta.pages) == ("", "", "", ""), "nor is it in his journal"
    assert not {"doi", "venue", "volume", "issue", "pages"} & set(meta.sources)
    own = _short_paper(tmp_path / "own.pdf", foot="https://doi.org/10.9999/tlo.2020.0007")
    assert (own.doi, own.sources["doi"]) == ("10.9999/tlo.2020.0007", "page-furniture")
    footer = _short_paper(tmp_path / "footer.pdf", foot="Journal of Marketing Studies (2021) 14(2): 201-232")
    assert (footer.venue, footer.year, footer.volume, footer.issue, footer.pages) == (
        "Journal of Marketing Studies",
        2021,
        "14",
        "2",
        "201-232",
    )


def test_a_reference_s_labelled_doi_line_is_not_the_work_s_own(tmp_path: Path) -> None:
    paper = tmp_path / "wards.txt"
    paper.write_text(
        "Learning Wards: A Study of Hospital Teams\n\nHannah Lindqvist\n\n"
        "Abstract: We study hospital ward teams and how they question their routines.\n\n"
        "Introduction\n\nWard teams learn when nurses speak up and managers treat errors as data.\n\n"
        "References\n\nEdmondson, A. (1999). Psychological safety and learning behavior in work teams. "
        "Administrative Science Quarterly, 44(2), 350-383.\ndoi: 10.2307/2666999\n"
        "Senge, P. M. (1990). The fifth discipline. Doubleday.\n",
        encoding="utf-8",
    )
    settings = load_settings()
    settings.loading.min_chars = 0
    document = prepare_document(load_file(paper, settings.loading), settings)
    assert [r.authors[:1] for r in document.references] == [["Edmondson, A."], ["Senge, P. M."]]
    assert document.metadata.doi == "", "the labelled line is Edmondson's DOI"


def _noted_paper(path: Path, head: list[str], foot: list[str], cover: tuple[str, ...] = ()) -> Metadata:
    """A three-page paper: `head` over body text on page 1, `foot` (its notes) at that page's foot.

    A `cover` (a platform's page) goes before it.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.corpus.layouts import case_study_prose, draw_lines, wrap

    pdf = canvas.Canvas(str(path), pagesize=A4)
    if cover:
        draw_lines(pdf, 60, 780, list(cover), size=10)
        pdf.showPage()
    body = wrap(case_study_prose(3), 470, 10)
    draw_lines(pdf, 60, 780, [*head, "", *body[:30]], size=10)
    draw_lines(pdf, 60, 40 + 10 * len(foot), foot, size=8)
    pdf.showPage()
    for page in range(2):
        draw_lines(pdf, 60, 780, body[30 + page * 55 : 85 + page * 55], size=10)
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings).metadata


ESSAY_HEAD = [
    "Learning Without Blame: Hospital Wards and the Limits of Routine",
    "",
    "Hannah Lindqvist",
    "",
    "Historians of medicine have long asked how hospitals learn from their mistakes.1 The answer,",
    "this essay argues, lies less in formal reporting than in the talk of ward teams.2",
]
ESSAY_NOTES = [
    "1 Chris Argyris and Donald A. Schon, Organizational Learning (Reading: Addison-Wesley, 1978), 2.",
    '2 Amy Edmondson, "Psychological Safety and Learning Behavior in Work Teams," Administrative',
    "Science Quarterly 44, no. 2 (1999): 350-83, https://doi.org/10.2307/2666999.",
]


@pytest.mark.parametrize(
    "notes",
    [
        ESSAY_NOTES,
        [*ESSAY_NOTES[:2], "Science Quarterly 44, no. 2 (1999): 350-83,", "https://doi.org/10.2307/2666999."],
    ],
    ids=["doi-in-the-line", "doi-on-its-own-line"],
)
def test_a_first_page_footnote_citing_a_work_is_no_furniture(tmp_path: Path, notes: list[str]) -> None:
    meta = _noted_paper(tmp_path / "essay.pdf", ESSAY_HEAD, notes)
    assert meta.title == "Learning Without Blame: Hospital Wards and the Limits of Routine"
    assert (meta.venue, meta.year, meta.issue, meta.pages, meta.doi) == ("", None, "", "", ""), (
        "the second note cites Edmondson's article: its journal, year, issue, pages and DOI are hers"
    )


def test_the_footnotes_of_the_first_page_after_a_platform_s_cover_are_no_furniture(tmp_path: Path) -> None:
    from tests.corpus.test_platform_covers import ACADEMIA

    cover = (*ACADEMIA[:2], ESSAY_HEAD[0], "Hannah Lindqvist", *ACADEMIA[4:])
    meta = _noted_paper(tmp_path / "essay.pdf", ESSAY_HEAD, ESSAY_NOTES, cover=cover)
    assert meta.title == "Learning Without Blame: Hospital Wards and the Limits of Routine"
    assert (meta.venue, meta.year, meta.issue, meta.pages, meta.doi) == ("", None, "", "", ""), (
        "the second note cites Edmondson's article: its journal, year, issue, pages and DOI are hers"
    )


def test_the_publisher_s_foot_under_a_first_page_s_notes_is_furniture(tmp_path: Path) -> None:
    head = [
        "Learning Wards",
        "",
        "Hannah Lindqvist1 and Tomas Oyelaran2",
        "",
        "Abstract",
        "Hospital wards learn when their teams question routines; we show how in twelve wards.",
    ]
    foot = [
        "1 Department of Management, Uppsala University, Uppsala, Sweden",
        "2 School of Business, University of Lagos, Lagos, Nigeria",
        "https://doi.org/10.1016/j.lrp.2019.101900",
        "0024-6301/© 2019 Elsevier Ltd. All rights reserved.",
    ]
    meta = _noted_paper(tmp_path / "wards.pdf", head, foot)
    assert (meta.doi, meta.sources["doi"]) == ("10.1016/j.lrp.2019.101900", "page-furniture")
    assert meta.year == 2019


def test_cited_entries_end_at_their_doi_and_need_a_title_in_words() -> None:
    from corpus.metadata.furniture import Cited
    from corpus_core.models import Reference

    cited = Cited.of(
        [
            Reference(
                "Edmondson, A. (1999). Psychological safety. ASQ, 44(2), 350-383. "
                "https://doi.org/10.2307/2666999 https://doi.org/10.1016/j.lrp.2019.101900",
                title="Psychological safety",
            ),
            Reference("Journal of Workplace Learning (2019) Vol. 31 No. 4, pp. 1-9", title="Vol. 31 No. 4"),
        ],
        notes=["2 Amy Edmondson, Administrative Science Quarterly 44, no. 2 (1999): 350-83."],
    )
    assert cited.dois == frozenset({"10.2307/2666999"})
    assert cited.lists("ASQ, 44(2), 350-383.") and cited.lists("Administrative Science Quarterly 44, no. 2")
    assert not cited.lists("https://doi.org/10.1016/j.lrp.2019.101900"), "the article's own, after the entry"
    assert not cited.lists("Journal of Workplace Learning (2019) Vol. 31 No. 4, pp. 1-9")
    assert not cited.lists("350-383."), "too short to tell"


@pytest.mark.parametrize(
    ("line", "doi"),
    [
        (
            "Data availability statement: the data are openly available at https://doi.org/10.5281/zenodo.1234567.",
            "",
        ),
        (
            "The replication package is deposited at https://doi.org/10.3886/E12345V1 for other researchers.",
            "",
        ),
        ("Supplementary material: https://doi.org/10.1177/0001839219876543-suppl", ""),
        (
            "Scientific Data 7, 12 (2020). https://doi.org/10.1038/s41597-020-0001-1",
            "10.1038/s41597-020-0001-1",
        ),
        ("We analyse survey data. https://doi.org/10.1016/j.lrp.2019.101900", "10.1016/j.lrp.2019.101900"),
    ],
    ids=["data-statement", "replication-package", "supplement", "journal-named-data", "after-a-sentence"],
)
def test_a_doi_the_first_page_gives_its_data_code_or_supplement_is_not_the_work_s(
    tmp_path: Path, line: str, doi: str
) -> None:
    head = ["Learning Wards: Evidence from Twelve Hospitals", "", "Hannah Lindqvist", "", "Abstract"]
    meta = _noted_paper(
        tmp_path / "wards.pdf", [*head, "Hospital wards learn when teams question routines.", line], []
    )
    assert meta.doi == doi


@pytest.mark.parametrize(
    "over", ["SPECIAL ISSUE: LEARNING IN THE DIGITAL AGE", "Special Section: Learning at Work"]
)
def test_a_special_issue_s_name_over_the_title_is_not_the_title(tmp_path: Path, over: str) -> None:
    title = "Learning Wards: Evidence from Twelve Hospitals"
    head = [over, "", title, "", "Hannah Lindqvist and Tomas Oyelaran", "", "Abstract"]
    meta = _noted_paper(
        tmp_path / "wards.pdf", [*head, "Hospital wards learn when teams question routines."], []
    )
    assert meta.title == title
    assert [a.display for a in meta.authors] == ["Hannah Lindqvist", "Tomas Oyelaran"]
