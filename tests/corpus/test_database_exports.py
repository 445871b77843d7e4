"""A database's full-text export (ProQuest's): its citation line and DETAILS block are its record.

Exported from ABI/INFORM, an article came in as "Rossi, Maria; Park, John. The Learning
Organization; Bradford" for a venue, no authors, no issue, and a last passage of the
database's fields ("ProQuest document ID: ...", "Database: ABI/INFORM Global"). Each PDF is
set with `tests.corpus.layouts` and loaded and prepared as ingestion does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, render

ARTICLE_HEAD = (
    "Learning organizations and value co-creation\n\n"
    "Rossi, Maria; Park, John. The Learning Organization; Bradford Vol. 26, Iss. 3, (2019): 283-295.\n\n"
    "ProQuest document link\n\nABSTRACT (ENGLISH)\n\n"
    "Purpose This paper asks how learning organizations co-create value with their customers.\n\n"
    "FULL TEXT\n\nIntroduction\n\n"
)
ARTICLE_DETAILS = (
    "DETAILS",
    "Subject: Organizational learning; Value creation",
    "Publication title: The Learning Organization",
    "Volume: 26",
    "Issue: 3",
    "Pages: 283-295",
    "Publication year: 2019",
    "Publisher: Emerald Group Publishing Limited",
    "Place of publication: Bradford",
    "Source type: Scholarly Journal",
    "Language of publication: English",
    "Document type: Journal Article",
    "DOI: http://dx.doi.org/10.1108/TLO-12-2018-0219",
    "ProQuest document ID: 2218456789",
    "Document URL: https://search.proquest.com/docview/2218456789?accountid=12345",
    "Copyright: © Emerald Publishing Limited 2019",
    "Last updated: 2019-05-20",
    "Database: ABI/INFORM Global",
)
THESIS_HEAD = (
    "Learning Together: Customer Participation in Service Teams\n\n"
    "Rossi, Maria. University of Michigan, ProQuest Dissertations Publishing, 2016. 10157329.\n\n"
    "ProQuest document link\n\nABSTRACT (ENGLISH)\n\n"
    "This dissertation asks how service teams learn with their customers.\n\n"
)
THESIS_DETAILS = (
    "DETAILS",
    "Subject: Management; Marketing",
    "Classification: 0454: Management",
    "Identifier / keyword: Social sciences; Service teams",
    "Number of pages: 212",
    "Publication year: 2016",
    "Degree date: 2016",
    "School code: 0127",
    "Source: Dissertations Abstracts International, Volume: 78-01(E), Section: A.",
    "Place of publication: Ann Arbor",
    "Country of publication: United States",
    "ISBN: 9781369012345",
    "Advisor: Berg, Anna",
    "University/institution: University of Michigan",
    "Department: Business Administration",
    "University location: United States -- Michigan",
    "Degree: Ph.D.",
    "Source type: Dissertation or Thesis",
    "Language: English",
    "Document type: Dissertation/Thesis",
    "Dissertation/thesis number: 10157329",
    "ProQuest document ID: 1850934567",
    "Document URL: https://search.proquest.com/docview/1850934567?accountid=12345",
    "Database: ProQuest Dissertations & Theses Global",
)


def _prepared(head: str, details: tuple[str, ...], path: Path) -> Document:
    text = head + case_study_prose(30) + "\n\n" + "\n\n".join(details)
    rendered = render(text, Layout("proquest", foot="Page {page} of 6 ProQuest", number_at=""), path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


def test_an_abi_inform_article_export(tmp_path: Path) -> None:
    document = _prepared(ARTICLE_HEAD, ARTICLE_DETAILS, tmp_path / "proquest.pdf")
    meta = document.metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year, meta.kind) == (
        "Learning organizations and value co-creation",
        ["Maria Rossi", "John Park"],
        2019,
        "article-journal",
    )
    assert (meta.venue, meta.volume, meta.issue, meta.pages, meta.doi, meta.language) == (
        "The Learning Organization",
        "26",
        "3",
        "283-295",
        "10.1108/TLO-12-2018-0219",
        "en",
    )
    for words in ("ProQuest document", "Publication title", "Database:", "Document URL"):
        assert words not in document.text, words
    assert document.text.rstrip().endswith("stayed with the team afterwards.")


def test_a_dissertation_export_names_its_university_and_degree(tmp_path: Path) -> None:
    meta = _prepared(THESIS_HEAD, THESIS_DETAILS, tmp_path / "thesis.pdf").metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year) == (
        "Learning Together: Customer Participation in Service Teams",
        ["Maria Rossi"],
        2016,
    )
    assert (meta.kind, meta.genre, meta.publisher, meta.isbn) == (
        "thesis",
        "Doctoral dissertation",
        "University of Michigan",
        "9781369012345",
    )


def test_a_newspaper_article_export_is_the_newspapers_dated_by_its_day(tmp_path: Path) -> None:
    """ProQuest's news databases: "Document type: News" had given no kind, and the day was lost."""
    head = (
        "Learning from the customer\n\nHill, Andrew. Financial Times; London (May 14, 2019): 12.\n\n"
        "ProQuest document link\n\nFULL TEXT\n\n"
    )
    details = (
        "DETAILS",
        "Publication title: Financial Times",
        "First page: 12",
        "Publication year: 2019",
        "Publication date: May 14, 2019",
        "Place of publication: London",
        "Source type: Newspapers",
        "Language of publication: English",
        "Document type: News",
        "ProQuest document ID: 2223456789",
        "Database: ABI/INFORM Global",
    )
    meta = _prepared(head, details, tmp_path / "news.pdf").metadata
    assert (meta.title, meta.venue, meta.kind, meta.year, meta.date) == (
        "Learning from the customer",
        "Financial Times",
        "article-newspaper",
        2019,
        "2019-05-14",
    )
    assert (
        Citation("n", meta).format("apa").startswith("Hill, A. (2019, May 14). Learning from the customer.")
    )


@pytest.mark.parametrize(
    "closing",
    [
        ("Details", "The workshops' details matter: who came, what they brought, how long they stayed."),
        ("DETAILS", "Duration: two years", "Teams: nine", "Workshops: forty"),
        ("Details", "Database: Scopus", "Search date: 12 May 2021", "Hits: 412"),
    ],
    ids=["prose", "a table without the database's fields", "a review's search"],
)
def test_a_details_heading_of_the_paper_stays(tmp_path: Path, closing: tuple[str, ...]) -> None:
    document = _prepared("Customer Learning in Service Teams\n\n", closing, tmp_path / "paper.pdf")
    assert closing[-1] in document.text
