"""Chapters printed from e-book platforms: ProQuest Ebook Central's and EBSCO's stamps on every page.

A library's e-books are read by printing a chapter to PDF. Ebook Central sets the book's
reference, its link and "Created from ... on ..." at the foot of every page (and the copyright
in the margin); EBSCO heads every page with "EBSCO Publishing : eBook Collection (EBSCOhost) -
printed on ...", the record's number, authors and title and the account, and foots it with the
copyright and its fair-use notice. The stamps were indexed with every page and no record was
read (no title, no author). Each PDF is set with `tests.corpus.layouts` and loaded and prepared
as ingestion does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.cleaning.ebook_stamp import stamp_span
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, render

CHAPTER = (
    "3 Learning with customers\n\nIn 1983 the company began a program of change that would reach every "
    "one of its service units, and over the next four years it trained each of its employees in the same "
    "process.\n\n"
)
EBOOK_CENTRAL = (
    "Rossi, Maria, and John Park. Learning in Service Firms : How Teams Learn with Customers, Taylor &\n"
    "Francis Group, 2019. ProQuest Ebook Central, http://ebookcentral.proquest.com/lib/aalto-ebooks/detail.action?"
    "docID=5725423.\nCreated from aalto-ebooks on 2021-05-12 09:10:11."
)
EBSCO_HEAD = (
    "EBSCO Publishing : eBook Collection (EBSCOhost) - printed on 5/12/2021 9:10 AM via AALTO UNIVERSITY\n"
    "AN: 1234567 ; Rossi, Maria, Park, John.; Learning in Service Firms : How Teams Learn with Customers\n"
    "Account: s1234567.main.ehost"
)
EBSCO_FOOT = (
    "Copyright 2019. Routledge. All rights reserved. May not be reproduced in any form without permission\n"
    "from the publisher, except fair uses permitted under U.S. or applicable copyright law."
)
STAMPS = (
    "proquest",
    "ebookcentral",
    "created from",
    "ebsco",
    "an: 1234567",
    "ehost",
    "rights reserved",
    "fair uses",
)


def _printed(layout: Layout, path: Path) -> Document:
    rendered = render(CHAPTER + case_study_prose(40), layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.mark.parametrize(
    ("head", "foot", "publisher"),
    [
        (
            "Copyright © 2019. Taylor & Francis Group. All rights reserved.",
            EBOOK_CENTRAL,
            "Taylor & Francis Group",
        ),
        (EBSCO_HEAD, EBSCO_FOOT, "Routledge"),
    ],
    ids=["ebook-central", "ebsco"],
)
def test_a_printed_chapter_is_its_book_and_no_stamp_is_indexed(
    tmp_path: Path, head: str, foot: str, publisher: str
) -> None:
    layout = Layout("ebook", head=head, foot=foot, number_at="top", first_number=41)
    document = _printed(layout, tmp_path / "chapter.pdf")
    meta = document.metadata
    assert (meta.title, meta.year, meta.publisher, meta.kind, meta.url) == (
        "Learning in Service Firms: How Teams Learn with Customers",
        2019,
        publisher,
        "book",
        "",
    )
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    reference = Citation("r", meta).format("apa")
    title = "Learning in service firms: How teams learn with customers"  # APA's sentence case
    assert reference == f"Rossi, M., & Park, J. (2019). {title}. {publisher}."
    for words in STAMPS:
        assert words not in document.text.lower(), words
    assert [page.label for page in document.pages] == ["41", "42", "43"]
    assert "began a program of change" in document.text


def test_the_stamp_starts_where_its_reference_does_not_in_the_page_text_above_it() -> None:
    lines = [
        "and what was learnt stayed with the team afterwards. Rossi, Maria, and John Park saw it.",
        *EBOOK_CENTRAL.split("\n"),
        "Nothing follows the stamp.",
    ]
    span = stamp_span(lines)
    assert span is not None and span[:2] == (1, 4)
    assert span[2]["publisher"] == "Taylor & Francis Group"
