"""Pinpoint pages: what is refused, what is tidied, and when a page lies outside the work."""

from __future__ import annotations

import pytest

from corpus_core.errors import UsageError
from corpus_core.models import Metadata
from search_api.pinpoint import check_pinpoint, outside_note


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("21", "21"),
        (" 21 - 23 ", "21 - 23"),
        ("123-27", "123-27"),
        ("xii", "xii"),
        ("e12", "e12"),
        ("", None),
    ],
)
def test_a_page_is_kept_as_given_tidied(page: str, kept: str | None) -> None:
    assert check_pinpoint(page) == kept


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("-5", "is not a page"),
        ("–", "is not a page"),
        ("30-19", "runs backwards"),
        ("129-27", "runs backwards"),
    ],
)
def test_a_negative_page_or_a_backward_range_is_refused(page: str, reason: str) -> None:
    with pytest.raises(UsageError, match=reason):
        check_pinpoint(page)


@pytest.mark.parametrize(
    ("page", "pages", "noted"),
    [
        ("5", "19-30", True),
        ("31", "19-30", True),
        ("25-35", "19-30", True),
        ("19", "19-30", False),
        ("21-23", "19-30", False),
        ("225", "219-30", False),
        ("235", "219-30", True),
        ("xii", "19-30", False),
        ("5", "", False),
        ("5", "e1002", False),
    ],
)
def test_a_note_only_for_a_numeric_page_outside_a_printed_range(page: str, pages: str, noted: bool) -> None:
    note = outside_note(page, pages)
    assert (note is not None) == noted
    if noted:
        subject = f"pages {page} are" if "-" in page else f"page {page} is"
        assert note is not None and note.startswith(f"{subject} outside the work's printed pages {pages}")


@pytest.mark.parametrize(
    ("pages", "article_number", "printed"),
    [
        ("634567", "634567", ""),
        ("e0219876", "", ""),
        ("", "12", ""),
        ("1-20", "12", "1-20"),
        ("19-20", "", "19-20"),
    ],
)
def test_an_article_number_is_no_printed_page_range(pages: str, article_number: str, printed: str) -> None:
    """Frontiers' "12:634567" gave pages "634567", and every pinpoint was "outside" them."""
    record = Metadata(pages=pages, article_number=article_number)
    assert record.printed_pages == printed
    assert (outside_note("5", record.printed_pages) is not None) == (printed == "19-20")
