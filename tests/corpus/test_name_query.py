"""An author filter typed as citations write names finds the works of that author."""

from __future__ import annotations

import pytest

from corpus.metadata.name_query import NameQuery

NAMES = "yin min chung | louise knight"
OTHERS = "jae hoon chung | johan van der merwe"
"""Names as the catalog keeps them: folded (`fields.fold`), joined by " | "."""


@pytest.mark.parametrize(
    ("query", "here", "there"),
    [
        ("chung", True, True),
        ("Yin Min Chung", True, False),
        ("min chung", True, False),
        ("Chung, Y.", True, False),
        ("Chung, Yin Min", True, False),
        ("Y. M. Chung", True, False),
        ("Y.M. Chung", True, False),
        ("Chung Y", True, False),
        ("Chung YM", True, False),
        ("Knight, L.", True, False),
        ("L. Knight", True, False),
        ("Chung, L.", False, False),
        ("Chung, M.", False, False),
        ("Chung, J.-H.", False, True),
        ("van der Merwe, J.", False, True),
        ("J. van der Merwe", False, True),
        ("Merwe", False, True),
        (".", False, False),
    ],
)
def test_a_name_as_citations_write_it(query: str, here: bool, there: bool) -> None:
    parsed = NameQuery.parse(query)
    for names, expected in ((NAMES, here), (OTHERS, there)):
        assert parsed.matches(names) == expected, names
        if expected:
            assert any(p.strip("%") in names for p in parsed.like), "the SQL patterns find the work first"


@pytest.mark.parametrize("query", ["Gronroos", "Grönroos", "Gronroos, C.", "C. Grönroos", "Voima, P."])
def test_a_name_with_or_without_its_accents(query: str) -> None:
    names = "christian gronroos | paivi voima"
    parsed = NameQuery.parse(query)
    assert parsed.matches(names)
    assert any(p.strip("%") in names for p in parsed.like), "the SQL patterns find the work first"


@pytest.mark.parametrize(
    ("query", "written", "found"),
    [
        ("S. L. Vargo", "Vargo, S.", True),
        ("S. L. Vargo", "Vargo, S. L.", True),
        ("Vargo, S.", "Stephen L. Vargo", True),
        ("Vargo", "Vargo, S.L.", True),
        ("Kohtamaki", "Kohtamäki, M.", True),
        ("Vargo, R.", "Vargo, S. L.", False),
        ("Lusch", "Vargo, S. L.", False),
    ],
)
def test_a_name_as_a_reference_list_writes_it(query: str, written: str, found: bool) -> None:
    """`corpus cited-by` reads the query as the filter does; references give fewer initials."""
    assert NameQuery.parse(query).names(written) == found
