"""Newspaper articles exported from Factiva and Nexis Uni: the database's framing is its record.

A management researcher's folder holds news articles saved from the library's databases. Read
as papers, a Factiva export was dated by its sheets' "© 2024 Factiva" foot, had no source, and
indexed "1,024 words", "FTFT", the copyright and "Document FTFT0000...p" as the article's text;
a Nexis Uni export's cover of the user's job ("User Name:", "Job Number:") was its first page
and its labelled lines and index ("Load-Date:", "End of Document") were passages; both were
cited by the database's sheets ("p. 2"). Each PDF is set with `tests.corpus.layouts` and
prepared as ingestion does.
"""

from __future__ import annotations

from pathlib import Path

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, render

FACTIVA_HEAD = (
    "Learning from the customer\n\nBy Andrew Hill\n\n1,024 words\n\n14 May 2019\n\nFinancial Times\n\n"
    "FTFT\n\nPage 12\n\nEnglish\n\nCopyright 2019 The Financial Times Ltd. All rights reserved. Please do "
    "not cut and paste FT articles and redistribute by email or post to the web.\n\n"
)
FACTIVA_END = "\n\nDocument FTFT000020190514ef5e0001p\n"
FACTIVA = Layout(
    name="factiva", foot="Page {page} of 3 © 2024 Factiva, Inc. All rights reserved.", number_at=""
)
NEXIS_COVER = (
    "User Name: Jane Doe",
    "Date and Time: Tuesday, March 12, 2024 10:15:00 AM EST",
    "Job Number: 212345678",
    "Documents (1)",
    "1. Learning from the customer",
    "Client/Matter: -None-",
    'Search Terms: "learning organization"',
    "Search Type: Terms and Connectors",
)
NEXIS_HEAD = (
    "Learning from the customer\n\nFinancial Times (London, England)\n\nMay 14, 2019 Tuesday\n\n"
    "London Edition 1\n\nCopyright 2019 The Financial Times Limited All Rights Reserved\n\n"
    "Section: COMPANIES; Pg. 12\n\n"
    "Length: 1024 words\n\nByline: Andrew Hill, Management Editor\n\nBody\n\n"
)
NEXIS_END = (
    "\n\nClassification\n\nLanguage: ENGLISH\n\nPublication-Type: Newspaper\n\nSubject: ORGANIZATIONAL "
    "LEARNING (90%); CUSTOMER RELATIONS (78%)\n\nLoad-Date: May 14, 2019\n\nEnd of Document\n"
)
NEXIS = Layout(
    name="nexis", head="Page {page} of 3\nLearning from the customer", number_at="", cover=NEXIS_COVER
)
FRAMING = (
    "1,024 words", "FTFT", "Factiva", "Copyright", "Document FTFT", "User Name", "Job Number", "Search Terms",
    "Byline", "Length:", "Load-Date", "End of Document", "Classification", "ENGLISH",
)  # fmt: skip
"""The databases' words, none of them the articles'."""
APA = "Hill, A. (2019, May 14). Learning from the customer. Financial Times, 12."


def _prepared(text: str, layout: Layout, path: Path) -> Document:
    rendered = render(text, layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


def test_a_factiva_export_is_its_newspapers_article_cited_by_paragraph(tmp_path: Path) -> None:
    document = _prepared(FACTIVA_HEAD + case_study_prose(14) + FACTIVA_END, FACTIVA, tmp_path / "ft.pdf")
    meta = document.metadata

    assert (meta.title, meta.venue, meta.year, meta.pages, meta.kind) == (
        "Learning from the customer",
        "Financial Times",
        2019,
        "12",
        "article-newspaper",
    )
    assert [(p.family, p.given) for p in meta.authors] == [("Hill", "Andrew")]
    assert Citation("a", meta).format("apa") == APA
    assert not [word for word in FRAMING if word in document.text]
    assert document.text.lstrip().startswith("Learning from the customer\n\nCase 0 concerns")
    assert len(document.pages) > 1 and not document.cites_pages, "the sheets are Factiva's, not the paper's"


def test_a_factiva_byline_without_by_is_its_author(tmp_path: Path) -> None:
    head = FACTIVA_HEAD.replace("By Andrew Hill", "Andrew Hill")
    meta = _prepared(head + case_study_prose(6) + FACTIVA_END, FACTIVA, tmp_path / "ft.pdf").metadata

    assert meta.title == "Learning from the customer"
    assert [p.family for p in meta.authors] == ["Hill"]


def test_a_nexis_uni_export_loses_its_cover_labels_and_index(tmp_path: Path) -> None:
    document = _prepared(NEXIS_HEAD + case_study_prose(14) + NEXIS_END, NEXIS, tmp_path / "nexis.pdf")
    meta = document.metadata

    assert (meta.title, meta.venue, meta.year, meta.pages, meta.kind, meta.language) == (
        "Learning from the customer",
        "Financial Times",
        2019,
        "12",
        "article-newspaper",
        "en",
    )
    assert [(p.family, p.given) for p in meta.authors] == [("Hill", "Andrew")], "no role"
    assert Citation("a", meta).format("apa") == APA
    assert not [word for word in FRAMING if word in document.text]
    assert "Case 0 concerns" in document.text and "Case 13 concerns" in document.text
    assert not document.cites_pages


def test_an_export_of_several_articles_is_cleaned_but_no_ones_record(tmp_path: Path) -> None:
    second = FACTIVA_HEAD.replace("Learning from the customer", "Service teams that listen").replace(
        "Andrew Hill", "Maria Rossi"
    )
    text = (
        FACTIVA_HEAD + case_study_prose(4) + FACTIVA_END + "\n\n" + second + case_study_prose(4) + FACTIVA_END
    )
    document = _prepared(text, FACTIVA, tmp_path / "ft.pdf")

    assert not [word for word in FRAMING if word in document.text]
    assert "Service teams that listen" in document.text
    assert document.metadata.authors == [] and document.metadata.title != "Learning from the customer"
    assert document.metadata.year != 2024, "Factiva's copyright is not the articles' year"
