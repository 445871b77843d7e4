"""Whether a work was retracted, as its own pages or its title say, and how APA notes it.

A publisher that retracts an article marks its PDF: a title under "RETRACTED ARTICLE:"
(Springer) or "RETRACTED:" (Elsevier, Wiley), a "RETRACTED" stamp across the first page, a
line "This article was retracted on 14 June 2022". A writer who cites it must say so; APA 7
(10.1) adds "(Retraction published 2022)" after the reference. The work keeps its own title
(without the mark, so the copy saved before the retraction is the same work) and gains
`Metadata.retraction`. A journal's notice of a retraction is another work
(`corpus.metadata.notice`): a "Retraction: ..." title is a notice's, not a retracted work's.
"""

from __future__ import annotations

import re

from corpus.metadata.fields import parse_year
from corpus_core.models import RETRACTED, Metadata, RawDocument

STAMP_LINES = 12
"""Lines at the top and the bottom of the first page where a retraction's stamp or note stands."""

_TITLE_MARK = re.compile(r"(?:RETRACTED(?:\s+ARTICLE)?|Retracted\s+[Aa]rticle)\s*:\s*(?P<title>\S.*)", re.S)
"""A retracted article's title as its publisher reissued it: "RETRACTED ARTICLE: Value co-creation ...",
"RETRACTED: ...". Hindawi titles its notices of retraction "Retracted: <the article's title>": a
title so marked in title case is no article's (it stays the notice's title)."""
_STAMP = re.compile(r"(?:RETRACTED(?:\s+ARTICLE)?|Retracted\s+[Aa]rticle)")
"""The stamp set across a retracted article's pages, alone on its line."""
_RETRACTED_ON = re.compile(
    r"\bthis\s+article\s+(?:has\s+been|was|is)\s+retracted\b(?P<rest>[^.]{0,80})", re.I
)
"""A note on a retracted article's first page: "This article was retracted on 14 June 2022", Elsevier's
"This article has been retracted: please see Elsevier Policy on Article Withdrawal" (a notice of a
retraction says so of its article too: `corpus.metadata.extract` does not ask a notice)."""


_RETRACTION_WORD = re.compile(r"\bretract", re.I)


def names_a_retraction(line: str) -> bool:
    """Whether a line speaks of a retraction ("Retraction Note: https://doi.org/..."): its DOI is none."""
    return _RETRACTION_WORD.search(line) is not None


def retraction_note(year: int | None) -> str:
    """APA's note of a retraction published in `year`: "Retraction published 2022", or `RETRACTED`."""
    return f"Retraction published {year}" if year is not None else RETRACTED


def title_without_mark(title: str) -> str:
    """`title` without a retracted article's "RETRACTED ARTICLE:" mark; '' where it has none."""
    match = _TITLE_MARK.fullmatch(" ".join(title.split()))
    return match.group("title") if match else ""


def retraction_record(raw: RawDocument) -> Metadata:
    """The retraction the first page states (its stamp, or a note with the year), source "page-furniture"."""
    if raw.format != "pdf" or not raw.pages:
        return Metadata()
    lines = [" ".join(line.split()) for line in raw.pages[0].split("\n") if line.strip()]
    edges = lines[:STAMP_LINES] + lines[-STAMP_LINES:]
    note = next((m for line in edges if (m := _RETRACTED_ON.search(line))), None)
    if note is None and not any(_STAMP.fullmatch(line) for line in edges):
        return Metadata()
    year = parse_year(note.group("rest")) if note else None
    return Metadata(retraction=retraction_note(year), sources={"retraction": "page-furniture"})


def without_stamp(text: str) -> str:
    """`text` without the lines of a retraction's stamp at its start ("RETRACTED ARTICLE" over a title)."""
    lines = text.split("\n", STAMP_LINES)  # the head only: the rest stays one piece, whatever its length
    head = [n for n, line in enumerate(lines[:STAMP_LINES]) if _STAMP.fullmatch(" ".join(line.split()))]
    return "\n".join(line for index, line in enumerate(lines) if index not in head) if head else text


def mark_retraction(meta: Metadata) -> None:
    """Take a retracted article's mark off `meta`'s title, noting the retraction where none is noted."""
    title = title_without_mark(meta.title)
    if not title:
        return
    meta.title = title
    if not meta.retraction:
        meta.retraction = RETRACTED
        if "title" in meta.sources:
            meta.sources["retraction"] = meta.sources["title"]
