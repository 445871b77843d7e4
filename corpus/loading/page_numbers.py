"""Printed page numbers of a PDF that defines no /PageLabels, read from its page edges.

Journal articles are cited by printed page ("p. 202"), not by the PDF's physical page
("p. 2"). Numbers at the start or end of the first and last lines of each page vote for an
offset between printed and physical numbers; one offset agreed by most pages is taken,
so years, volume numbers and dates (which do not move with the page) cannot win.
"""

from __future__ import annotations

import re
from collections import Counter

EDGE_LINES = 3
"""Non-empty lines at the top and at the bottom of a page searched for its number."""
MIN_AGREEMENT = 0.6
"""Share of the pages with text whose edge numbers must agree on one offset."""

UNNUMBERED_FRONT_PAGES = 2
"""Pages before printed page 1 that may carry no number: a platform's cover page (ResearchGate's,
a publisher's "To cite this article" page) and a blank or notice page behind it."""

_EDGE_NUMBER = re.compile(r"^\W*(?:page\s+)?(\d{1,5})\b|\b(\d{1,5})\W*$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\W*(?:page\s+)?\d{1,5}\W*", re.IGNORECASE)


def _edge_numbers(page: str) -> dict[int, int]:
    """Numbers at the edges of a page's first and last lines, weighted: a bare number counts twice."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    numbers: dict[int, int] = {}
    for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]:
        weight = 2 if _BARE_NUMBER.fullmatch(line) else 1
        for match in _EDGE_NUMBER.finditer(line):
            value = int(match.group(1) or match.group(2))
            numbers[value] = max(numbers.get(value, 0), weight)
    return numbers


def printed_page_labels(pages: list[str]) -> list[str]:
    """One printed number per page ("201", "202", ...), or [] when the pages do not agree.

    Pages before the one printed 1 (a cover in front of an article that starts at page 1)
    get "": they have no printed number.
    """
    with_text = [i for i, page in enumerate(pages) if page.strip()]
    if len(with_text) < 2:
        return []
    votes: Counter[int] = Counter()
    pages_voting: Counter[int] = Counter()
    for index in with_text:
        for number, weight in _edge_numbers(pages[index]).items():
            votes[number - (index + 1)] += weight
            pages_voting[number - (index + 1)] += 1
    if not votes:
        return []
    offset, _ = votes.most_common(1)[0]
    if pages_voting[offset] < max(2, MIN_AGREEMENT * len(with_text)) or offset < -UNNUMBERED_FRONT_PAGES:
        return []
    if any(index + 1 + offset in _edge_numbers(pages[index]) for index in range(min(len(pages), -offset))):
        return []  # a page "numbered" 0 or less: the numbers count something else
    return [str(index + 1 + offset) if index + 1 + offset >= 1 else "" for index in range(len(pages))]
