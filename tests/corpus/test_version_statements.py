"""Repository copies: an accepted manuscript's statement of its version, and what tools leave in them.

Institutional repositories hold authors' accepted manuscripts, each with the statement its
publisher requires ("Accepted for publication in Journal of Knowledge Management, 25 May
2021"; Taylor & Francis's, Springer's and Wiley's wordings). The statement names the journal,
often the DOI and a date, and was taken for the article's title when it stood under the
authors. ReportLab, which many submission and repository systems write PDFs with, leaves
"(anonymous)" as the PDF's title and author, which outranked the first page. IEEE's "Index
Terms—" line ends without a full stop, and "I. INTRODUCTION" under it was run into the keywords.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

from corpus.loading.loaders import load_file
from corpus.metadata.file_metadata import clean_authors, junk_title
from corpus.metadata.labelled import looks_like_title
from corpus.metadata.version_statement import version_statement_record
from corpus.pipeline import prepare_document
from corpus_core.models import RawDocument
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, case_study_prose, render

TANDF_ID = "09696474.2021.1900000"
ICSE = "Proceedings of the 44th International Conference on Software Engineering"
STATEMENTS = {
    "accepted": (
        "Accepted for publication in Journal of Knowledge Management, 25 May 2021\nDOI: 10.1108/JKM-01",
        ("Journal of Knowledge Management", "article-journal", 2021, "", ""),
    ),
    "accepted-wrapped": (
        "Accepted for publication in the Journal of\nKnowledge Management\nAnna Berg",
        ("Journal of Knowledge Management", "article-journal", None, "", ""),
    ),
    "taylor-francis": (
        "This is an Accepted Manuscript of an article published by Taylor & Francis in\n"
        "The Learning Organization on 12 May 2021, available online:\n"
        f"http://www.tandfonline.com/10.1080/{TANDF_ID}.\nKnowledge sharing in firms",
        ("The Learning Organization", "article-journal", 2021, "Taylor & Francis", f"10.1080/{TANDF_ID}"),
    ),
    "springer": (
        "This is a post-peer-review, pre-copyedit version of an article published in Journal of\n"
        "Service Management. The final authenticated version is available online at:\n"
        "http://dx.doi.org/10.1007/s11846-019-00345-2",
        ("Journal of Service Management", "article-journal", None, "", "10.1007/s11846-019-00345-2"),
    ),
    "routledge-chapter": (
        "This is an Accepted Manuscript of a book chapter published by Routledge in The Routledge\n"
        "Companion to Organizational Learning on 14 June 2019, available online:\n"
        "http://www.routledge.com/9781138123456",
        ("The Routledge Companion to Organizational Learning", "chapter", 2019, "Routledge", ""),
    ),
    "forthcoming": (
        "Forthcoming in the Academy of Management Review\nTeam learning",
        ("Academy of Management Review", "article-journal", None, "", ""),
    ),
    "proceedings": (
        f"To appear in {ICSE} (ICSE 2022)",
        (ICSE, "paper-conference", 2022, "", ""),
    ),
}


def _raw(text: str) -> RawDocument:
    page = f"Knowledge sharing in firms\n{text}"
    return RawDocument(path="manuscript.pdf", format="pdf", pages=[page], content_hash="x")


@pytest.mark.parametrize("wording", sorted(STATEMENTS))
def test_a_version_statement_gives_the_venue_and_what_else_it_states(wording: str) -> None:
    text, expected = STATEMENTS[wording]
    meta = version_statement_record(_raw(text))
    assert (meta.venue, meta.kind, meta.year, meta.publisher, meta.doi) == expected
    assert meta.uncertain == (["year"] if meta.year else [])  # an acceptance's or online date
    assert not looks_like_title(text.split("\n")[0])


def test_wileys_statement_gives_the_reference_it_quotes() -> None:
    meta = version_statement_record(
        _raw(
            "This is the peer reviewed version of the following article: Berg, A., & Holm, E. (2020).\n"
            "Learning in service ecosystems. Journal of Service Research, 23(2), 145-160, which has been\n"
            "published in final form at https://doi.org/10.1111/jsr.12345. This article may be used for\n"
            "non-commercial purposes in accordance with Wiley Terms and Conditions."
        )
    )
    assert (meta.title, meta.year, meta.venue, meta.volume, meta.issue, meta.pages, meta.doi) == (
        "Learning in service ecosystems",
        2020,
        "Journal of Service Research",
        "23",
        "2",
        "145-160",
        "10.1111/jsr.12345",
    )


@pytest.mark.parametrize(
    "text",
    [
        "To appear in Smith, J. (Ed.), Handbook of Organizational Learning",  # an editor, no venue
        "In press",
        "This article has been accepted for publication in a future issue of this journal, but has not been",
        "Our results are likely to appear in Organizational Learning Reviews soon.",  # prose
    ],
)
def test_a_line_that_names_no_venue_gives_nothing(text: str) -> None:
    assert version_statement_record(_raw(text)).venue == ""


def test_an_accepted_manuscript_is_cited_by_its_title_and_journal_not_its_statement(tmp_path: Path) -> None:
    first_page = (
        "Knowledge Sharing and Value Co-Creation in Professional Service Firms\n\n"
        "Anna Lindqvist1, Mikko Järvinen2 and Sofia Berg1\n\n"
        "1 School of Business, Örebro University, Sweden\n\n"
        "2 Aalto University School of Business, Espoo, Finland\n\n"
        "Accepted for publication in Journal of Knowledge Management, 25 May 2021\n\n"
        "DOI: 10.1108/JKM-01-2021-0012\n\n"
        "Abstract\n\nConsultancies learn from their clients; we ask how that learning is shared.\n\n"
        "1. Introduction\n\n"
    )
    rendered = render(first_page + case_study_prose(40), Layout("manuscript"), tmp_path / "manuscript.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    assert "Accepted for publication" not in document.text  # read from the raw page, not indexed
    meta = document.metadata
    assert meta.title == "Knowledge Sharing and Value Co-Creation in Professional Service Firms"
    assert [a.family for a in meta.authors] == ["Lindqvist", "Järvinen", "Berg"]
    assert (meta.venue, meta.year, meta.kind, meta.doi) == (
        "Journal of Knowledge Management",
        2021,
        "article-journal",
        "10.1108/JKM-01-2021-0012",
    )


def _conference_paper(path: Path) -> Path:
    """A conference paper as IEEE's template sets it: title and authors across the page, two columns.

    Made with ReportLab's page layout engine, which leaves its "(anonymous)" title and author;
    no space between the paragraphs, and "Index Terms—..." wraps in its column.
    """
    width, height = letter
    margin, column = 54.0, (letter[0] - 2 * 54.0 - 18) / 2
    frames = [
        Frame(margin, height - margin - 120, width - 2 * margin, 120),
        Frame(margin, margin, column, height - 2 * margin - 120),
        Frame(margin + column + 18, margin, column, height - 2 * margin - 120),
    ]
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=11.5, alignment=TA_JUSTIFY)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    title = ParagraphStyle("title", parent=centred, fontSize=24, leading=28, spaceAfter=14)
    story = [
        Paragraph("Organizational Learning Analytics for Software Teams", title),
        Paragraph("John A. Smith and Maria García", centred),
        FrameBreak(),
        Paragraph("<b><i>Abstract</i>—We show how software teams learn from their delivery data.</b>", body),
        Paragraph("<b><i>Index Terms</i>—organizational learning, analytics, software teams</b>", body),
        Paragraph("I. I<font size=8>NTRODUCTION</font>", centred),
        *(Paragraph(text, body) for text in case_study_prose(30).split("\n\n") if text.strip()),
    ]
    document = BaseDocTemplate(str(path), pagesize=letter)
    document.addPageTemplates([PageTemplate(frames=frames)])
    document.build(story)
    return path


def test_reportlabs_anonymous_title_and_author_give_way_to_the_first_page(tmp_path: Path) -> None:
    assert junk_title("(anonymous)") and junk_title("(unspecified)")
    assert clean_authors("(anonymous)") == []
    settings = load_settings()
    raw = load_file(_conference_paper(tmp_path / "paper.pdf"), settings.loading)
    assert (raw.info.get("title"), raw.info.get("author")) == ("(anonymous)", "(anonymous)")
    document = prepare_document(raw, settings)
    meta = document.metadata
    assert meta.title == "Organizational Learning Analytics for Software Teams"
    assert [a.display for a in meta.authors] == ["John A. Smith", "Maria García"]
    assert meta.keywords == ["organizational learning", "analytics", "software teams"]
    assert "I. INTRODUCTION" in [section.title for section in document.sections]
