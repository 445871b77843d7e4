"""Unpublished manuscripts: a colleague's draft, a paper under review, cited as APA 7 (10.8) asks.

A draft says what it is on its front ("Unpublished manuscript", "Working draft, please do not
cite", "Manuscript submitted for publication", "Under review at ..."); read as a paper, it was
cited with nothing saying it is unpublished. APA describes it in brackets after the title
("[Unpublished manuscript]", "[Manuscript submitted for publication]", never naming the journal
that reviews it); a Zotero manuscript says so by its type, or is an unpublished one. A thesis's
"submitted to the Faculty of ..." is no manuscript's status.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.metadata.version_statement import is_version_statement
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.conftest import PDFS
from tests.corpus.layouts import Layout, prepared_under
from tests.corpus.zotero_library import LibraryWriter, build_library

TITLE = "Learning with customers in service networks"


def _read(head: str, path: Path) -> Metadata:
    """The record of a PDF: `head` over six paragraphs of prose, prepared as ingestion does."""
    return prepared_under(head, Layout(name="draft"), path).metadata


@pytest.mark.parametrize(
    ("status", "apa"),
    [
        pytest.param(
            "Unpublished manuscript", f"Smith, J. (n.d.). {TITLE} [Unpublished manuscript].", id="unpublished"
        ),
        pytest.param(
            "Draft: 12 May 2023, please do not cite",
            f"Smith, J. (2023). {TITLE} [Unpublished manuscript].",
            id="dated-draft",
        ),
        pytest.param(
            "Manuscript submitted for publication",
            f"Smith, J. (n.d.). {TITLE} [Manuscript submitted for publication].",
            id="submitted",
        ),
        pytest.param(
            "Under review at Journal of Service Management",
            f"Smith, J. (n.d.). {TITLE} [Manuscript submitted for publication].",
            id="under-review-journal-unnamed",
        ),
    ],
)
def test_a_drafts_status_describes_it(status: str, apa: str, tmp_path: Path) -> None:
    meta = _read(f"{TITLE}\n\nJane Smith\n\n{status}\n\n", tmp_path / "draft.pdf")
    assert (meta.kind, meta.venue) == ("manuscript", "")
    assert Citation("r", meta).format("apa") == apa


def test_a_thesis_submitted_to_its_faculty_is_no_manuscript(tmp_path: Path) -> None:
    head = (
        f"{TITLE}\n\nJane Smith\n\nSubmitted to the Faculty of Business in partial fulfilment of the "
        "requirements for the degree of Doctor of Philosophy\n\nUniversity of Leeds\n\n2021\n\n"
    )
    assert _read(head, tmp_path / "thesis.pdf").kind != "manuscript"


@pytest.mark.parametrize(
    ("manuscript_type", "description"),
    [("", "Unpublished manuscript"), ("Manuscript in preparation", "Manuscript in preparation")],
)
def test_a_zotero_manuscript_is_described_by_its_type(
    manuscript_type: str, description: str, tmp_path: Path
) -> None:
    library = build_library(tmp_path)
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(9, "manuscript", "DRAFT001")
        write.field(9, "title", TITLE)
        write.field(9, "date", "2023")
        if manuscript_type:
            write.field(9, "manuscriptType", manuscript_type)
        write.creator(9, 0, "author", "Smith", "Jane")
        write.attachment(91, 9, "ATTDRAF1", 2, str(PDFS / "minimal-document.pdf"))
    draft = library.records()["DRAFT001"]

    assert Citation("r", draft).format("apa") == f"Smith, J. (2023). {TITLE} [{description}]."


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Submitted to Organization Science", True),
        ("Working draft, please do not cite", True),
        ("Under review by the board, the firm postponed its decision", False),
        ("under review at the time, the programme was renamed", False),
        ("unpublished manuscript by Senge (1988) already argued", False),
        ("Drafting the future of work", False),
        ("A thesis submitted to the University of Leeds", False),
    ],
)
def test_a_status_line_is_told_from_prose(line: str, status: bool) -> None:
    assert is_version_statement(line) is status


@pytest.mark.parametrize(
    ("statement", "apa"),
    [
        pytest.param(
            "Paper presented at the 35th EGOS Colloquium, Edinburgh, 4–6 July 2019",
            f"Smith, J. (2019, July 4). {TITLE} [Paper presentation]. 35th EGOS Colloquium.",
            id="presented",
        ),
        pytest.param(
            "Paper prepared for the Academy of Management Annual Meeting, Boston, August 9–13, 2019\n\n"
            "Draft, please do not cite",
            f"Smith, J. (2019, August 9). {TITLE} [Paper presentation]. Academy of Management Annual "
            "Meeting.",
            id="prepared-for-a-draft",
        ),
        pytest.param(
            "To be presented at the OLKC 2024 Conference,\n\nCopenhagen, 24–26 April 2024",
            f"Smith, J. (2024, April 24). {TITLE} [Paper presentation]. OLKC 2024 Conference.",
            id="wrapped",
        ),
        pytest.param(
            "An earlier version of this paper was presented at the 35th EGOS Colloquium, 2019",
            f"Smith, J. (n.d.). {TITLE}.",
            id="an-earlier-version",
        ),
    ],
)
def test_a_paper_presented_at_a_meeting_is_a_paper_presentation(
    statement: str, apa: str, tmp_path: Path
) -> None:
    """APA 7 (10.5): a conference paper is cited by its event, as "[Paper presentation]"."""
    meta = _read(f"{TITLE}\n\nJane Smith\n\n{statement}\n\n", tmp_path / "paper.pdf")
    assert Citation("r", meta).format("apa") == apa


def test_a_journals_article_presented_first_at_a_meeting_stays_its_article(tmp_path: Path) -> None:
    head = f"{TITLE}\n\nJane Smith\n\nPaper presented at the 35th EGOS Colloquium, Edinburgh, 2019\n\n"
    layout = Layout(name="journal", foot="The Learning Organization, Vol. 26 No. 3, 2019, pp. {page}")
    meta = prepared_under(head, layout, tmp_path / "article.pdf").metadata
    assert (meta.kind, meta.venue, meta.genre) == ("", "The Learning Organization", "")


def test_a_word_manuscript_says_where_it_is_presented_and_a_web_page_does_not(tmp_path: Path) -> None:
    """A paper written in Word states its meeting as a PDF does; a saved web page that announces a
    talk is the page, not the talk."""
    import docx

    statement = "Paper presented at the 35th EGOS Colloquium, Edinburgh, 4–6 July 2019"
    paper = docx.Document()
    paper.add_heading(TITLE, 0)
    paper.add_paragraph("Jane Smith")
    paper.add_paragraph(statement)
    paper.add_paragraph("Service firms learn with their customers when both solve problems together. " * 20)
    paper.save(str(tmp_path / "paper.docx"))
    body = (
        "<p>" + "Service firms learn with their customers when both solve problems together. " * 20 + "</p>"
    )
    (tmp_path / "page.html").write_text(
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>{statement}</p>{body}</body></html>"
    )
    settings = load_settings()
    meta = prepare_document(load_file(tmp_path / "paper.docx", settings.loading), settings).metadata
    assert (meta.kind, meta.genre, meta.venue, meta.date) == (
        "speech",
        "Paper presentation",
        "35th EGOS Colloquium",
        "2019-07-04",
    )
    page = prepare_document(load_file(tmp_path / "page.html", settings.loading), settings).metadata
    assert (page.kind, page.genre) != ("speech", "Paper presentation")
