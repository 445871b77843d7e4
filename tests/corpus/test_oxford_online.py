"""Chapters and entries printed from Oxford's online platforms (Handbooks Online, Research Encyclopedias).

Management researchers cite handbook chapters as often as articles. Printed from the platform,
a chapter's first page states its record (title, authors, the handbook, the print year, the
DOI) in a layout no journal uses, and every page's foot carries "Page 3 of 6 PRINTED FROM OXFORD
HANDBOOKS ONLINE ... Subscriber: ...; date: ...". Read as a journal article, its
publication-date line was the title, the online year the year and the book was lost, and the
foot was indexed on every page. Each PDF is set with `tests.corpus.layouts`, its foot wrapped
as the platform wraps it, and loaded and prepared as ingestion does.
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

HANDBOOK_PAGE = (
    "Oxford Handbooks Online\n\nOrganizational Learning and Knowledge Management in Service Firms\n\n"
    "Maria Rossi and John Park\n\nThe Oxford Handbook of Organizational Learning and Knowledge Management\n\n"
    "Edited by Mark Easterby-Smith and Marjorie A. Lyles\n\n"
    "Print Publication Date: Mar 2011 Subject: Business and Management, Organizational Theory\n\n"
    "Online Publication Date: Sep 2012 DOI: 10.1093/oxfordhb/9780199583300.013.0012\n\n"
    "Abstract and Keywords\n\nThis chapter reviews how service firms learn from their customers and what "
    "they keep of it.\n\n"
)
FOOT = (
    "Page {page} of 6 PRINTED FROM OXFORD HANDBOOKS ONLINE (www.oxfordhandbooks.com). © Oxford\n"
    "University Press, 2018. All Rights Reserved. Under the terms of the licence agreement, an individual\n"
    "user may print out a PDF of a single chapter of a title in Oxford Handbooks Online for personal use\n"
    "(for details see Privacy Policy and Legal Notice). Subscriber: Aalto University; date: 12 May 2021"
)
NOTICES = ("printed from", "all rights reserved", "licence agreement", "subscriber", "privacy policy")


def _prepared(first_page: str, path: Path, foot: str = FOOT) -> Document:
    """The chapter (`first_page` over 60 case studies) under its title and over the platform's foot."""
    layout = Layout("oxford", head="Organizational Learning in Service Firms", foot=foot, number_at="")
    rendered = render(first_page + case_study_prose(60), layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.mark.parametrize("foot", [FOOT, FOOT.replace("\n", " ")], ids=["wrapped", "one-line"])
def test_a_handbook_chapter_is_a_chapter_of_its_handbook_in_its_print_year(tmp_path: Path, foot: str) -> None:
    """The foot read as one line (as a rebuilt layout reads it) is too long to be a running line: rules."""
    document = _prepared(HANDBOOK_PAGE, tmp_path / "rossi.pdf", foot)
    meta = document.metadata
    assert (meta.title, meta.venue, meta.year, meta.kind, meta.publisher, meta.doi) == (
        "Organizational Learning and Knowledge Management in Service Firms",
        "The Oxford Handbook of Organizational Learning and Knowledge Management",
        2011,
        "chapter",
        "Oxford University Press",
        "10.1093/oxfordhb/9780199583300.013.0012",
    )
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    assert [a.display for a in meta.editors] == ["Mark Easterby-Smith", "Marjorie A. Lyles"]
    reference = Citation("r", meta).format("apa")
    assert reference.startswith(
        "Rossi, M., & Park, J. (2011). Organizational learning and knowledge management in service firms. In "
        "M. Easterby-Smith & M. A. Lyles (Eds.), "
        "The Oxford handbook of organizational learning and knowledge management. Oxford University Press."
    ), reference
    for words in NOTICES:
        assert words not in document.text.lower(), words
    assert "learn from their customers" in document.text


def test_an_encyclopedia_entry_names_its_encyclopedia_and_authors_not_affiliations(tmp_path: Path) -> None:
    first_page = (
        "Oxford Research Encyclopedia of Business and Management\n\n"
        "Value Co-Creation in Service Ecosystems\n\n"
        "Maria Rossi, Aalto University\n\nJohn Park, KAIST\n\n"
        "https://doi.org/10.1093/acrefore/9780190224851.013.123\n\nPublished online: 26 April 2019\n\n"
        "Summary\n\nValue is co-created by the firm and its customers in the ecosystems they share.\n\n"
    )
    meta = _prepared(first_page, tmp_path / "entry.pdf").metadata
    assert (meta.title, meta.venue, meta.year, meta.kind, meta.doi) == (
        "Value Co-Creation in Service Ecosystems",
        "Oxford Research Encyclopedia of Business and Management",
        2019,
        "entry-encyclopedia",
        "10.1093/acrefore/9780190224851.013.123",
    )
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
