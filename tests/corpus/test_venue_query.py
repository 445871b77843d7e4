"""A venue filter typed as reference lists abbreviate journals finds their works."""

from __future__ import annotations

import pytest

from corpus.metadata.fields import stamp
from corpus.metadata.furniture import printed_venues
from corpus.metadata.venue_query import VenueQuery, with_full_venue
from corpus_core.models import Metadata, RawDocument


@pytest.mark.parametrize(
    ("query", "venue", "found"),
    [
        ("J. Acad. Mark. Sci.", "Journal of the Academy of Marketing Science", True),
        (
            "Int. J. Learn. Intellect. Cap.",
            "International Journal of Learning and Intellectual Capital",
            True,
        ),
        ("Acad Manag J", "Academy of Management Journal", True),
        ("Ind. Mark. Manag.", "Industrial Marketing Management", True),
        ("Total Qual. Manag. Bus. Excell.", "Total Quality Management & Business Excellence", True),
        ("Learn. Organ.", "The Learning Organization", True),
        ("AMJ", "Academy of Management Journal", True),
        ("IJLIC", "International Journal of Learning and Intellectual Capital", True),
        ("TLO", "The Learning Organization", True),
        ("learning", "The Learning Organization", True),
        ("J. Mark.", "Journal of Marketing", True),
        ("J. Mark.", "Journal of Marketing Research", False),
        ("J. Learn.", "International Journal of Learning and Intellectual Capital", False),
        ("AMR", "Academy of Management Journal", False),
        (".", "Journal of Marketing", False),
    ],
)
def test_a_venue_by_name_abbreviation_or_initials(query: str, venue: str, found: bool) -> None:
    assert VenueQuery.parse(query).matches(venue) == found


@pytest.mark.parametrize(
    ("venue", "source", "cited", "written"),
    [
        (
            "Strat Mgmt J",
            "page-furniture",
            ["Strategic Management Journal"] * 2,
            "Strategic Management Journal",
        ),
        (
            "J Acad Mark Sci",
            "page-furniture",
            ["Journal of Marketing", "Journal of the Academy of Marketing Science"],
            "Journal of the Academy of Marketing Science",
        ),
        ("J Mark", "page-furniture", ["Journal of Management", "Journal of Marketing Research"], "J Mark"),
        ("Strat Mgmt J", "zotero", ["Strategic Management Journal"], "Strat Mgmt J"),
        ("MIS Quarterly", "page-furniture", ["MIS Quarterly Executive"], "MIS Quarterly"),
    ],
)
def test_an_abbreviated_venue_is_written_out_only_as_the_works_references_cite_it(
    venue: str, source: str, cited: list[str], written: str
) -> None:
    """Wiley's contraction ("Mgmt") counts; another journal, a trusted venue and a full name do not."""
    meta = Metadata(venue=venue, sources={"venue": source})
    assert with_full_venue(meta, cited).venue == written


def test_an_abbreviated_venue_is_written_out_as_the_pages_feet_print_it() -> None:
    """Frontiers' "Citation:" block abbreviates its journal, its footer prints it in full; a footer
    that names another journal, or one abbreviated too, writes out nothing."""
    pages = [
        f"Body text of page {n}.\nMore text.\nFrontiers in Psychology | www.frontiersin.org {n} March 2021"
        for n in range(1, 4)
    ]
    raw = RawDocument("x.pdf", "h", "pdf", pages)
    meta = stamp(Metadata(venue="Front. Psychol."), "page-furniture")
    assert with_full_venue(meta, printed_venues(raw)).venue == "Frontiers in Psychology"
    other = stamp(Metadata(venue="Front. Educ."), "page-furniture")
    assert with_full_venue(other, printed_venues(raw)).venue == "Front. Educ."
