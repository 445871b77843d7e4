"""First pages of the field's older journals, set as those journals set them (reportlab).

The Journal of Marketing sets its byline over the title and its citation at the first page's
foot on two lines ("Journal of Marketing" / "Vol. 68 (January 2004), 1–17"), its running head
"2 / Journal of Marketing, January 2004"; the byline had been missed and the authors read from
the footnote that says who they are ("Visiting Professor, Robert H. Smith"). The Journal of
Interactive Marketing sets its title in capitals over two lines and its citation in capitals
over a "Published online ... DOI:" line, which had been taken for the title. The Academy of
Management Review prints its citation after a copyright sign ("© Academy of Management Review
1999, Vol. 24, ...") and its authors in capitals one a line; the year and journal had been lost
and only the first author kept. Administrative Science Quarterly's foot puts the page before its
citation ("128/Administrative Science Quarterly, 35 (1990): 128-152"), which had been the venue.
The Journal of Management Studies numbered its issue after a colon in its masthead ("40:3 May
2003"), which had been the title; the California Management Review sets its subtitle in capitals
under the title; the Sloan Management Review joins its name and issue with a slash ("SLOAN
MANAGEMENT REVIEW/WINTER 1993"), which had named no venue. MCB University Press parted its
citation's numbers with dots ("Volume 5 · Number 3 · 1998 · pp. 139–146"), the British Journal of
Management numbers a supplement's pages "S1–S5", Public Administration Review writes "Iss. 1": each
had been lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.labelled import first_page_record
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import case_study_prose, draw_lines, draw_styled_lines, wrap

BOLD, ROMAN, ITALIC = "Times-Bold", "Times-Roman", "Times-Italic"

Lines = list[tuple[str, int, str]]
PAGE_LINES = 60
"""Lines of text on a page after the first."""


def _journal_article(path: Path, top: Lines, foot: Lines, head: str, first: int) -> Metadata:
    """A three-page article: `top` over a paragraph and `foot` under it, then pages under `head`,
    their numbers in the outer corner of the foot.

    Each line is (font, size, text); "{page}" in `head` is the printed page number.
    """
    width, height = letter
    body = wrap(case_study_prose(30).replace("\n", " "), width - 120, 10)
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setTitle("")
    y = draw_styled_lines(pdf, 60, height - 70, top, leading=1.6)
    draw_lines(pdf, 60, y - 10, body[:12])
    y = 50 + 10 * len(foot)
    for font, size, text in foot:
        pdf.setFont(font, size)
        pdf.drawString(60, y, text)
        y -= size * 1.3
    pdf.showPage()
    for sheet, number in enumerate((first + 1, first + 2)):
        pdf.setFont(ROMAN, 8)
        pdf.drawString(60, height - 40, head.format(page=number))
        pdf.drawString(width - 80, 30, str(number))
        draw_lines(pdf, 60, height - 70, body[12 + PAGE_LINES * sheet : 12 + PAGE_LINES * (sheet + 1)])
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings).metadata


JOURNAL_OF_MARKETING = (
    [
        (BOLD, 11, "Stephen L. Vargo & Robert F. Lusch"),
        (BOLD, 20, "Evolving to a New Dominant Logic for Marketing"),
    ],
    [
        (ROMAN, 7, "Stephen L. Vargo is Visiting Professor, Robert H. Smith School of Business,"),
        (ROMAN, 7, "University of Maryland. Robert F. Lusch is Dean, M.J. Neeley School of Business."),
        (ITALIC, 8, "Journal of Marketing"),
        (ROMAN, 8, "Vol. 68 (January 2004), 1–17"),
    ],
    "{page} / Journal of Marketing, January 2004",
    1,
)
INTERACTIVE_MARKETING = (
    [
        (BOLD, 16, "CO-CREATION EXPERIENCES: THE NEXT"),
        (BOLD, 16, "PRACTICE IN VALUE CREATION"),
        (BOLD, 10, "C. K. PRAHALAD AND VENKAT RAMASWAMY"),
    ],
    [
        (ROMAN, 7, "C. K. Prahalad is Harvey C. Fruehauf Professor of Business Administration."),
        (ROMAN, 7, "© 2004 Wiley Periodicals, Inc. and Direct Marketing Educational Foundation, Inc."),
        (ROMAN, 7, "JOURNAL OF INTERACTIVE MARKETING VOLUME 18 / NUMBER 3 / SUMMER 2004"),
        (
            ROMAN,
            7,
            "Published online in Wiley InterScience (www.interscience.wiley.com). DOI: 10.1002/dir.20015",
        ),
    ],
    "{page} JOURNAL OF INTERACTIVE MARKETING",
    5,
)
INTERACTIVE_MARKETING_DOI_APART = (
    INTERACTIVE_MARKETING[0],
    [
        *INTERACTIVE_MARKETING[1][:-1],
        (ROMAN, 7, "Published online in Wiley InterScience (www.interscience.wiley.com)."),
        (ROMAN, 7, "DOI: 10.1002/dir.20015"),
    ],
    *INTERACTIVE_MARKETING[2:],
)
"""The DOI on a line of its own: cleaning joins the footnote, the citation in capitals and the
"Published online" line into one paragraph, whose capitals had been taken for the prose's."""
MANAGEMENT_REVIEW = (
    [
        (ROMAN, 8, "© Academy of Management Review"),
        (ROMAN, 8, "1999, Vol. 24, No. 3, 522-537."),
        (BOLD, 13, "AN ORGANIZATIONAL LEARNING FRAMEWORK:"),
        (BOLD, 13, "FROM INTUITION TO INSTITUTION"),
        (ROMAN, 10, "MARY M. CROSSAN"),
        (ROMAN, 10, "HENRY W. LANE"),
        (ROMAN, 10, "RODERICK E. WHITE"),
        (ITALIC, 10, "University of Western Ontario"),
    ],
    [],
    "{page} Academy of Management Review July",
    522,
)
SCIENCE_QUARTERLY = (
    [
        (BOLD, 14, "Absorptive Capacity: A New Perspective on"),
        (BOLD, 14, "Learning and Innovation"),
        (ROMAN, 10, "Wesley M. Cohen"),
        (ITALIC, 9, "Carnegie Mellon University"),
        (ROMAN, 10, "Daniel A. Levinthal"),
        (ITALIC, 9, "University of Pennsylvania"),
    ],
    [
        (ROMAN, 7, "© 1990 by Cornell University. 0001-8392/90/3501-0128/$1.00."),
        (ROMAN, 8, "128/Administrative Science Quarterly, 35 (1990): 128-152"),
    ],
    "Absorptive Capacity",
    128,
)

MANAGEMENT_STUDIES = (
    [
        (ROMAN, 8, "Journal of Management Studies 40:3 May 2003"),
        (ROMAN, 8, "0022-2380"),
        (BOLD, 14, "Ambidexterity and Organizational Learning: Evidence from Twelve Firms"),
        (ROMAN, 11, "Maria Rossi and John Park"),
        (ITALIC, 9, "University of Bergen"),
    ],
    [],
    "{page} M. Rossi and J. Park",
    515,
)
CALIFORNIA_REVIEW = (
    [
        (BOLD, 18, "The Concept of Ba:"),
        (BOLD, 14, "BUILDING A FOUNDATION FOR KNOWLEDGE CREATION"),
        (ROMAN, 11, "Ikujiro Nonaka"),
        (ROMAN, 11, "Noboru Konno"),
    ],
    [(ROMAN, 8, "CALIFORNIA MANAGEMENT REVIEW VOL 40, NO. 3 SPRING 1998")],
    "CALIFORNIA MANAGEMENT REVIEW VOL 40, NO. 3 SPRING 1998 {page}",
    40,
)
SLOAN_REVIEW = (
    [(BOLD, 18, "How Can Organizations Learn Faster?"), (ROMAN, 11, "Edgar H. Schein")],
    [(ROMAN, 8, "SLOAN MANAGEMENT REVIEW/WINTER 1993")],
    "{page} SLOAN MANAGEMENT REVIEW/WINTER 1993",
    85,
)

MCB_PRESS = (
    [
        (ROMAN, 8, "The Learning Organization"),
        (ROMAN, 8, "Volume 5 · Number 3 · 1998 · pp. 139–146"),
        (ROMAN, 8, "© MCB University Press · ISSN 0969-6474"),
        (BOLD, 15, "Building learning organizations in small firms"),
        (ROMAN, 11, "Maria Rossi"),
    ],
    [],
    "The Learning Organization Volume 5 · Number 3 · 1998 · 139–146",
    139,
)
SUPPLEMENT = (
    [
        (ROMAN, 8, "British Journal of Management, Vol. 17, S1–S5 (2006)"),
        (ROMAN, 8, "DOI: 10.1111/j.1467-8551.2006.00481.x"),
        (BOLD, 15, "Learning Organizations Revisited"),
        (ROMAN, 11, "Jane Smith"),
    ],
    [],
    "Smith: Learning Organizations Revisited",
    1,
)
PUBLIC_ADMINISTRATION = (
    [(BOLD, 15, "Learning in Public Agencies"), (ROMAN, 11, "Eva Holm"), (ITALIC, 9, "Aarhus University")],
    [
        (
            ROMAN,
            7,
            "Public Administration Review, Vol. 75, Iss. 1, pp. 100–110. © 2014 by The American Society.",
        )
    ],
    "{page} Public Administration Review",
    100,
)


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (
            JOURNAL_OF_MARKETING,
            "Vargo, S. L., & Lusch, R. F. (2004). Evolving to a new dominant logic for marketing. "
            "Journal of Marketing, 68, 1–17.",
        ),
        (
            INTERACTIVE_MARKETING,
            "Prahalad, C. K., & Ramaswamy, V. (2004). Co-creation experiences: The next practice in value "
            "creation. Journal of Interactive Marketing, 18(3), 5–7. https://doi.org/10.1002/dir.20015",
        ),
        (
            INTERACTIVE_MARKETING_DOI_APART,
            "Prahalad, C. K., & Ramaswamy, V. (2004). Co-creation experiences: The next practice in value "
            "creation. Journal of Interactive Marketing, 18(3), 5–7. https://doi.org/10.1002/dir.20015",
        ),
        (
            MANAGEMENT_REVIEW,
            "Crossan, M. M., Lane, H. W., & White, R. E. (1999). An organizational learning framework: From "
            "intuition to institution. Academy of Management Review, 24(3), 522–537.",
        ),
        (
            SCIENCE_QUARTERLY,
            "Cohen, W. M., & Levinthal, D. A. (1990). Absorptive capacity: A new perspective on learning and "
            "innovation. Administrative Science Quarterly, 35, 128–152.",
        ),
        (
            MANAGEMENT_STUDIES,
            "Rossi, M., & Park, J. (2003). Ambidexterity and organizational learning: Evidence from twelve "
            "firms. Journal of Management Studies, 40(3), 515–517.",
        ),
        (
            CALIFORNIA_REVIEW,
            "Nonaka, I., & Konno, N. (1998). The concept of ba: Building a foundation for knowledge "
            "creation. California Management Review, 40(3), 40–42.",
        ),
        (
            SLOAN_REVIEW,
            "Schein, E. H. (1993). How can organizations learn faster? Sloan Management Review, 85–87.",
        ),
        (
            MCB_PRESS,
            "Rossi, M. (1998). Building learning organizations in small firms. The Learning Organization, "
            "5(3), 139–146.",
        ),
        (
            SUPPLEMENT,
            "Smith, J. (2006). Learning organizations revisited. British Journal of Management, 17, S1–S5. "
            "https://doi.org/10.1111/j.1467-8551.2006.00481.x",
        ),
        (
            PUBLIC_ADMINISTRATION,
            "Holm, E. (2014). Learning in public agencies. Public Administration Review, 75(1), 100–110.",
        ),
    ],
    ids=[
        "journal-of-marketing",
        "interactive-marketing",
        "interactive-marketing-doi-apart",
        "management-review",
        "science-quarterly",
        "management-studies",
        "california-review",
        "sloan-review",
        "mcb-press-dots",
        "supplement-pages",
        "iss-for-issue",
    ],
)
def test_an_older_journals_first_page_is_cited_whole(
    layout: tuple[Lines, Lines, str, int], expected: str, tmp_path: Path
) -> None:
    top, foot, head, first = layout
    meta = _journal_article(tmp_path / "article.pdf", top, foot, head, first)
    assert Citation("article", meta).format("apa") == expected


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "CO-CREATION EXPERIENCES: THE NEXT\nPRACTICE IN VALUE CREATION\nC. K. PRAHALAD",
            "CO-CREATION EXPERIENCES: THE NEXT PRACTICE IN VALUE CREATION",
        ),
        ("LEARNING IN THE FIRM\nHARVARD BUSINESS SCHOOL\nMaria Rossi", "LEARNING IN THE FIRM"),
        ("LEARNING IN THE FIRM\nUNIVERSITY OF WESTERN ONTARIO\nMaria Rossi", "LEARNING IN THE FIRM"),
        ("ORGANIZATION SCIENCE\nVol. 22, No. 5, May 2011\nLearning in Firms", "Learning in Firms"),
    ],
    ids=["wrapped", "school-under-it", "university-under-it", "masthead-over-it"],
)
def test_a_title_in_capitals_runs_on_only_over_lines_of_its_own(head: str, title: str) -> None:
    """Wrapped lines in capitals are one title; an institution in capitals under it is none of it."""
    assert first_page_record(f"{head}\n\nAbstract\n\n{case_study_prose(2)}").title == title


def test_a_german_journals_citation_gives_its_volume_pages_and_authors(tmp_path: Path) -> None:
    """ "62. Jg." is the volume (Jahrgang), "S. 123–145" the pages (Seiten), "Von" the byline's "by";
    the citation line had been the title and "Von" a given name."""
    top = [
        (
            ROMAN,
            8,
            "Schmalenbachs Zeitschrift für betriebswirtschaftliche Forschung, 62. Jg., März 2010, S. 123–145",
        ),
        (BOLD, 15, "Organisationales Lernen in kleinen Unternehmen"),
        (ROMAN, 11, "Von Maria Müller und Jörg Weiß"),
    ]
    meta = _journal_article(tmp_path / "zfbf.pdf", top, [], "{page} M. Müller/J. Weiß", 123)
    assert (meta.title, [a.family for a in meta.authors]) == (
        "Organisationales Lernen in kleinen Unternehmen",
        ["Müller", "Weiß"],
    )
    assert (meta.venue, meta.volume, meta.pages, meta.year) == (
        "Schmalenbachs Zeitschrift für betriebswirtschaftliche Forschung",
        "62",
        "123-145",
        2010,
    )


@pytest.mark.parametrize(
    ("title", "subtitle", "joined"),
    [
        (
            "Is Yours a Learning Organization?",
            "A Tool for Managers in Service Firms",
            "Is Yours a Learning Organization? A Tool for Managers in Service Firms",
        ),
        (
            "Learning Organizations in Services",
            "A Review of the Literature",
            "Learning Organizations in Services: A Review of the Literature",
        ),
        (
            "Organisationales Lernen in Dienstleistungsnetzwerken",
            "Organizational Learning in Service Networks",
            "Organisationales Lernen in Dienstleistungsnetzwerken",
        ),
    ],
    ids=["under-a-question", "opening-as-subtitles-do", "a-title-in-a-second-language"],
)
def test_a_subtitle_set_on_its_own_line_over_the_byline_is_part_of_the_title(
    tmp_path: Path, title: str, subtitle: str, joined: str
) -> None:
    """A subtitle in smaller type under the title had been left out ("Is yours a learning
    organization?" was cited without "A tool for managers"); a second language's title is not one."""
    top = [(BOLD, 20, title), (BOLD, 14, subtitle), (ROMAN, 11, "David A. Garvin and Francesca Gino")]
    foot = [(ITALIC, 8, "Journal of Service Management, Vol. 19 No. 3, 2008, pp. 109–116")]
    meta = _journal_article(tmp_path / "subtitle.pdf", top, foot, "Journal of Service Management {page}", 109)
    assert (meta.title, [a.family for a in meta.authors]) == (joined, ["Garvin", "Gino"])
    assert (meta.venue, meta.volume, meta.pages) == ("Journal of Service Management", "19", "109-116")


@pytest.mark.parametrize(
    "head",
    ["Learning Organizations in Service Firms", "{page} LEARNING ORGANIZATIONS IN SERVICE FIRMS"],
    ids=["as-set", "in-capitals-numbered"],
)
def test_a_short_papers_title_its_running_heads_repeat_is_its_title(tmp_path: Path, head: str) -> None:
    """The title had been dropped as a running head and the author cited as the title, authorless."""
    top = [(BOLD, 20, "Learning Organizations in Service Firms"), (ROMAN, 11, "Jane Smith")]
    foot = [(ITALIC, 8, "Journal of Service Management, Vol. 19 No. 3, 2008, pp. 109–111")]
    meta = _journal_article(tmp_path / "short.pdf", top, foot, head, 109)
    assert (meta.title, [a.family for a in meta.authors], meta.venue) == (
        "Learning Organizations in Service Firms",
        ["Smith"],
        "Journal of Service Management",
    )
