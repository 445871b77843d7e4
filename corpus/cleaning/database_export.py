"""A database's framing of a full-text export (ProQuest's), taken out of the text.

ProQuest's databases (ABI/INFORM, Business Premium Collection, Dissertations & Theses) export
an article as its title, a citation line, "ProQuest document link", the abstract and "FULL
TEXT", then a "DETAILS" block of the database's fields at the end ("Publication title: ...",
"ProQuest document ID: 2218456789", "Database: ABI/INFORM Global"). The link line and the
block are not the paper's text, and the block would be indexed as its last passage: they go.
What they state is read from the raw pages by `corpus.metadata.database_export`.
"""

from __future__ import annotations

import re

from corpus_core.models import CleaningStats

DATABASE_EXPORT = "database_export"
"""The cleaning statistic of the characters dropped here."""

DOCUMENT_LINK = re.compile(r"proquest document link", re.IGNORECASE)
DETAILS_HEADING = re.compile(r"details", re.IGNORECASE)
DETAILS_FIELD = re.compile(r"(?P<label>[A-Z][\w /()-]{1,40}?)\s*:\s*(?P<value>.*)")
"""A field of the block: "Publication title: The Learning Organization"."""
DATABASE_MARK = re.compile(r"proquest document id\s*:", re.IGNORECASE)
"""The field only the database's block has: the block is cut only when it stands in it (a review's
"Details" of its own search, "Database: Scopus", stays)."""
MIN_FIELD_SHARE = 0.5
"""Share of the block's lines that must be fields (the rest are values wrapped onto a next line)."""
TAIL_PAGES = 2
"""The block ends a document: its mark stands on one of the last pages."""


def holds_database_record(last_pages: list[str]) -> bool:
    """Whether the database's mark stands in `last_pages` (the document's last `TAIL_PAGES` pages).

    Only then is the document read line by line: every other file costs a search of two pages.
    """
    return any(DATABASE_MARK.search(page) for page in last_pages)


def details_start(lines: list[str]) -> int | None:
    """Where the database's DETAILS block starts in `lines` (a document's lines, in order), or None."""
    heading = next(
        (i for i in range(len(lines) - 1, -1, -1) if DETAILS_HEADING.fullmatch(lines[i].strip())), None
    )
    if heading is None:
        return None
    block = [line.strip() for line in lines[heading + 1 :] if line.strip()]
    fields = [line for line in block if DETAILS_FIELD.fullmatch(line)]
    if not any(DATABASE_MARK.search(line) for line in fields) or len(fields) < MIN_FIELD_SHARE * len(block):
        return None
    return heading


def remove_database_export(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """The pages without a database export's link line and DETAILS block (see the module doc)."""
    if not holds_database_record(["\n".join(lines) for lines in pages[-TAIL_PAGES:]]):
        return pages
    flat = [(p, i) for p, lines in enumerate(pages) for i in range(len(lines))]
    start = details_start([pages[p][i] for p, i in flat])
    if start is None:
        return pages
    cut_page, cut_line = flat[start]
    out: list[list[str]] = []
    for number, lines in enumerate(pages):
        if number < cut_page:
            kept = lines
        elif number == cut_page:
            kept = lines[:cut_line]
        else:
            kept = []
        kept = [line for line in kept if not DOCUMENT_LINK.fullmatch(line.strip())]
        stats.add(DATABASE_EXPORT, sum(len(line) for line in lines) - sum(len(line) for line in kept))
        out.append(kept)
    return out
