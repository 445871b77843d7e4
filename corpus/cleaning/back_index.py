"""A book's index ("Homotopie, 44, 47–50"), dropped from its pages.

The index at the back of a book or of lecture notes names, in alphabetical order, every
term the text treats, each with page numbers. Kept, its pages made passages of a hundred
terms and no sentence, which matched many queries and were cited on the index's page
instead of the pages the terms are on. An index page is told by its entries: a term of a
few words, a comma, and page numbers or ranges ("Knoten, 20, 17–21", "Argyris, C., 12,
45f.") or a cross-reference ("Aktion, siehe Gruppenoperation", "Teams, see also groups").
From the first entry (or the heading over it: "Index", "Subject Index", "Register",
"Stichwortverzeichnis") to the page's end is dropped when at least `MIN_ENTRIES` entries
stand there and they are at least `MIN_SHARE` of its lines (the lines between are
parent terms and subentries wrapped apart); a page that goes on an index needs only
`MIN_ENTRIES_AFTER` entries.
"""

from __future__ import annotations

import re

from corpus_core.models import CleaningStats

INDEX = "index"
"""The cleaning statistic of the characters dropped here."""

MIN_ENTRIES = 12
"""Entries a page needs before it is taken for an index page."""
MIN_ENTRIES_AFTER = 3
"""...and a page right after an index page (the index's last page may hold a few)."""
MIN_SHARE = 0.5
"""Share of the lines from the first entry to the page's end that must be entries."""
MAX_ENTRY_CHARS = 200
"""An entry's length at most: longer lines are not tried (a table's line of numbers costs no time)."""
MAX_TERM_WORDS = 8
"""Words an entry's term has at most (a sentence that ends in numbers is no entry)."""

_PAGE = r"(?:(?!(?:1[5-9]|20)\d\d\b)\d{1,4}|[ivxlc]{1,6})(?:\s*[–-]\s*\d{1,4})?(?:\s*ff?\.?)?"
"""A page or a range ("44", "17–21", "45f."); a year is none (a reference's "Wiley, 1978")."""
_ENTRY = re.compile(rf"^(?P<term>[^\W\d].*?),\s*{_PAGE}(?:\s*,\s*{_PAGE})*$", re.IGNORECASE)
"""A term, a comma, its pages: "Isometrie, 6, 10", "Stetigkeit, 9–11", "Torus, iii, 5"."""
_SEE = re.compile(
    r"^(?P<term>[^\W\d].*?)[,.]?\s+"
    r"(?:see(?: also)?|siehe(?: auch)?|voir(?: aussi)?|s\.(?: a\.)?)\s+\S.{0,60}$",
    re.IGNORECASE,
)
"""A cross-reference: "Aktion, siehe Gruppenoperation", "Teams. See also groups"."""
_PARENT = re.compile(r"^[^\W\d][\w'’ -]{0,40}$")
"""A term over its subentries ("Abbildung" over "affine, 107"), at most three words long."""
MAX_PARENTS = 2
"""Lines over the first entry read as parent terms at most."""
_HEADING = re.compile(
    r"^(?:\d{1,4}\s+)?(?:(?:(?:subject|author|name|general) )?index|register|stichwortverzeichnis|"
    r"sachregister|sachverzeichnis|namensverzeichnis|index des notions|índice (?:analítico|remissivo))"
    r"(?:\s+\d{1,4})?$",
    re.IGNORECASE,
)
"""The heading over an index, in the languages seen most, or the running head of its next pages
("113 Stichwortverzeichnis")."""


def remove_index(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """Each page without the index it holds (see the module docstring)."""
    result = []
    after_index = False
    for lines in pages:
        start = _index_start(lines, MIN_ENTRIES_AFTER if after_index else MIN_ENTRIES)
        if start is None:
            after_index = after_index and not any(line.strip() for line in lines)
            result.append(lines)
            continue
        stats.add(INDEX, sum(len(line) for line in lines[start:]))
        result.append(lines[:start])
        after_index = True
    return result


def _index_start(lines: list[str], min_entries: int) -> int | None:
    """Where the index on this page starts (its heading or first entry), or None when it holds none."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    entries = [i for i in filled if _entry(lines[i].strip())]
    if len(entries) < min_entries:
        return None
    block = [i for i in filled if i >= entries[0]]
    if len(entries) < MIN_SHARE * len(block):
        return None
    start = entries[0]
    before = [i for i in filled if i < start][-MAX_PARENTS - 1 :]
    for i in reversed(before):
        line = lines[i].strip()
        if _HEADING.match(line):
            return i
        if not _PARENT.match(line):
            break
        start = i
    return start


def _entry(line: str) -> bool:
    """Whether `line` is an index entry or a cross-reference (`_ENTRY`, `_SEE`)."""
    if len(line) > MAX_ENTRY_CHARS:
        return False
    found = _ENTRY.match(line) or _SEE.match(line)
    return found is not None and len(found.group("term").split()) <= MAX_TERM_WORDS
