"""The record of a chapter or entry printed from Oxford's online platforms, read from its first page.

Oxford Handbooks Online prints a handbook's chapter on pages headed by its title and footed by
"Page 3 of 25 PRINTED FROM OXFORD HANDBOOKS ONLINE (www.oxfordhandbooks.com). © Oxford University
Press, 2018. All Rights Reserved. Under the terms of the licence agreement, ... Subscriber: ...;
date: 12 May 2021" (rules of `config/cleaning.toml`). Its first page states the record:
"Oxford Handbooks Online", the chapter's title, its authors, the handbook ("The Oxford Handbook
of Organizational Learning and Knowledge Management"), "Edited by ..." (its editors), "Print
Publication Date: Mar 2011", "Online Publication Date: Sep 2012" and the DOI: a chapter of that
book, published by Oxford University Press in the print year. An Oxford Research Encyclopedia's entry opens on
the encyclopedia's name ("Oxford Research Encyclopedia of Business and Management"), the
entry's title, its authors (an affiliation after each) and "Published online: 26 April 2019".
Read as a journal article's first page, the publication-date line was the title, the online
year the year, and the book was lost. Source "page-furniture".
"""

from __future__ import annotations

import re

from corpus.metadata.fields import normalise_doi, parse_year, split_people, stamp
from corpus.metadata.labelled import is_author_line
from corpus_core.models import Metadata, Person, RawDocument

HEAD_LINES = 16
"""Lines at the top of the first page where the platform states the record."""
PUBLISHER = "Oxford University Press"

_PLATFORM = re.compile(r"(?P<handbook>Oxford Handbooks Online)|Oxford Research Encyclopedia of .{3,80}")
_BOOK = re.compile(r"The Oxford Handbook\b")
_EDITED = re.compile(r"Edited by\b", re.IGNORECASE)
_FIELDS = re.compile(
    r"Print Publication Date|Online Publication Date|Published online|Subject\s*:|DOI\s*:|https?://|"
    r"Summary$|Abstract\b",
    re.IGNORECASE,
)
"""The lines under a title, its authors and the book: dates, subject, DOI, the summary."""
_DATE = r"\s*:\s*(?:\d{1,2}\s+)?(?:[A-Z][a-z]{2,8}\.?\s+)?(?P<year>(?:19|20)\d\d)"
_PRINTED = re.compile(rf"Print Publication Date{_DATE}", re.IGNORECASE)
_ONLINE = re.compile(rf"(?:Online Publication Date|Published online){_DATE}", re.IGNORECASE)


def oxford_online_record(raw: RawDocument) -> Metadata:
    """A chapter's or an entry's record from an Oxford online platform's first page (see the module doc)."""
    if raw.format != "pdf":
        return Metadata()
    first = next((page for page in raw.pages if page.strip()), "")
    lines = [" ".join(line.split()) for line in first.splitlines() if line.strip()][:HEAD_LINES]
    found = next(((i, m) for i, line in enumerate(lines[:3]) if (m := _PLATFORM.fullmatch(line))), None)
    if found is None:
        return Metadata()
    start, platform = found
    text = " ".join(lines)
    end = next(
        (i for i in range(start + 1, len(lines)) if _BOOK.match(lines[i]) or _FIELDS.match(lines[i])), None
    )
    end = len(lines) if end is None else end
    title, authors = _title_and_authors(lines[start + 1 : end])
    meta = Metadata(title=title, authors=authors, publisher=PUBLISHER, doi=normalise_doi(text))
    if platform["handbook"]:
        book: list[str] = []
        for i, line in enumerate(lines[end:], start=end):
            if _EDITED.match(line):
                meta.editors = _editors(lines[i:])
            if _EDITED.match(line) or _FIELDS.match(line) or (book and _BOOK.match(line)):
                break
            book.append(line)
        meta.venue, meta.kind = " ".join(book), "chapter"
    else:
        meta.venue, meta.kind = lines[start], "entry-encyclopedia"
    dated = _PRINTED.search(text) or _ONLINE.search(text)
    meta.year = parse_year(dated["year"]) if dated else None
    return stamp(meta, "page-furniture")


def _editors(lines: list[str]) -> list[Person]:
    """The handbook's editors from its "Edited by" line and any names it wraps onto."""
    names = [_EDITED.sub("", lines[0], count=1)]
    for line in lines[1:]:
        if _FIELDS.match(line) or not is_author_line(line):
            break
        names.append(line)
    return split_people(" ".join(names))


def _title_and_authors(lines: list[str]) -> tuple[str, list[Person]]:
    """The title set on `lines` and the authors on the last of them, which list names only.

    A name may have its affiliation after a comma ("Maria Rossi, Aalto University").
    """
    authors: list[Person] = []
    split = len(lines)
    while split > 1:
        line = lines[split - 1]
        name = line if is_author_line(line) else line.split(",")[0] if "," in line else ""
        if not name or not is_author_line(name):
            break
        authors[:0] = split_people(name)
        split -= 1
    return " ".join(lines[:split]), authors
