"""An e-book platform's citation stamped on every printed page (ProQuest Ebook Central's), taken out.

A chapter printed from ProQuest Ebook Central carries, at the foot of every page, the book's
reference and where it was printed: "Rossi, Maria, and John Park. Learning in Service Firms : How
Teams Learn with Customers, Taylor & Francis Group, 2019. ProQuest Ebook Central,
http://ebookcentral.proquest.com/lib/aalto-ebooks/detail.action?docID=5725423." and "Created from
aalto-ebooks on 2021-05-12 09:10:11.". Too long to be found as a running line, it would end every
page's text; its author and title have no fixed words a rule could name, so the stamp is found
by its platform's words and the reference before them (`stamp_span`) and the lines go. What it
states is the book's record (`corpus.metadata.ebook_stamp`). EBSCO's eBook Collection stamps
fixed words ("EBSCO Publishing : eBook Collection (EBSCOhost) - printed on ...", "AN: ...",
"Account: ...") and the copyright under them: rules of `config/cleaning.toml`.
"""

from __future__ import annotations

import re

from corpus_core.models import CleaningStats

EBOOK_STAMP = "ebook_stamp"
"""The cleaning statistic of the characters dropped here."""
MAX_STAMP_LINES = 4
"""Lines the stamp's reference wraps over at most."""

EBOOK_CENTRAL = re.compile(
    r"(?P<authors>[^\W\d_].{1,300}?(?<!\b[A-Z]))\.\s+(?P<title>[^\W\d_\s].{1,400}?),\s+"
    r"(?P<publisher>[^,]{2,100}),\s+"
    r"(?P<year>(?:1[5-9]|20)\d\d)\.\s+ProQuest Ebook Central,\s*(?P<url>https?://\S+?)\.?",
    re.IGNORECASE,
)
"""The reference Ebook Central stamps: authors, title, publisher, year, then the platform and link."""
_PLATFORM = re.compile(r"ProQuest Ebook Central,", re.IGNORECASE)
_CREATED = re.compile(
    r"Created from \S{1,80} on \d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(?::\d{2})?\.?", re.IGNORECASE
)


def stamp_span(lines: list[str]) -> tuple[int, int, re.Match[str]] | None:
    """The first and past-the-last line of a page's stamp, and its reference; None without one.

    The reference starts on the latest line from which the lines up to the platform's words read
    as one whole reference (the line before it is the page's text).
    """
    end = next((i for i, line in enumerate(lines) if _PLATFORM.search(line)), None)
    if end is None:
        return None
    for start in range(end, max(-1, end - MAX_STAMP_LINES), -1):
        found = EBOOK_CENTRAL.fullmatch(" ".join(line.strip() for line in lines[start : end + 1]))
        if found:
            stop = end + 1
            if stop < len(lines) and _CREATED.fullmatch(lines[stop].strip()):
                stop += 1
            return start, stop, found
    return None


def remove_ebook_stamps(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """The pages without Ebook Central's stamp (see the module doc)."""
    out: list[list[str]] = []
    for lines in pages:
        span = stamp_span(lines)
        if span is None:
            out.append(lines)
            continue
        start, stop, _ = span
        stats.add(EBOOK_STAMP, sum(len(line) for line in lines[start:stop]))
        out.append(lines[:start] + lines[stop:])
    return out
