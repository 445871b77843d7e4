"""The book's record an e-book platform stamps on every printed page (ProQuest Ebook Central's, EBSCO's).

ProQuest Ebook Central's stamp is a reference, "Rossi, Maria, and John Park. Learning in Service
Firms : How Teams Learn with Customers, Taylor & Francis Group, 2019. ProQuest Ebook Central,
http://...": authors, title, publisher and year (`corpus.cleaning.ebook_stamp` finds it and
takes it out; the platform's link is not kept: APA leaves out an academic database's address).
EBSCO's eBook Collection heads every page with "AN: 1234567 ; Rossi, Maria, Park, John.; Learning
in Service Firms : How Teams Learn with Customers" (family and given names in turn) and foots it
with "Copyright 2019. Routledge. All rights reserved. ...": the year and the
publisher. A printed chapter is cited as its book, kind "book", with the printed pages. Source
"page-furniture".
"""

from __future__ import annotations

import re

from corpus.cleaning.ebook_stamp import stamp_span
from corpus.metadata.fields import parse_year, person, split_people, stamp
from corpus_core.models import Metadata, Person, RawDocument

STAMPED_PAGES = 3
"""Pages searched for a stamp (every printed page has it)."""

_EBSCO_HEAD = re.compile(
    r"AN:\s*\d{4,10}\s*;\s*(?P<authors>[^;\n]{2,300}?)\.?\s*;\s*(?P<title>[^\n]{3,300}?)\s*(?=Account:|$)",
    re.MULTILINE,
)
"""EBSCO's head: the record's number, the authors and the title, then the account (same line or next)."""
_EBSCO_COPYRIGHT = re.compile(
    r"Copyright\s*(?:©\s*)?(?P<year>(?:1[5-9]|20)\d\d)\.\s*(?P<publisher>[^.]{2,100})\.\s*"
    r"All rights reserved",
    re.IGNORECASE,
)
_SUBTITLE_COLON = re.compile(r"\s+:\s+")


def ebook_stamp_record(raw: RawDocument) -> Metadata:
    """The book's record an e-book platform's stamp states (see the module doc); empty without one."""
    if raw.format != "pdf":
        return Metadata()
    for page in raw.pages[:STAMPED_PAGES]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        span = stamp_span(lines)
        if span is not None:
            found = span[2]
            meta = Metadata(
                title=_SUBTITLE_COLON.sub(": ", found["title"].strip()),
                authors=split_people(found["authors"]),
                publisher=found["publisher"].strip(),
                year=parse_year(found["year"]),
                kind="book",
            )
            return stamp(meta, "page-furniture")
        head = _EBSCO_HEAD.search("\n".join(lines))
        if head is not None:
            text = " ".join(lines)
            copyright_line = _EBSCO_COPYRIGHT.search(text)
            meta = Metadata(
                title=_SUBTITLE_COLON.sub(": ", head["title"].strip()),
                authors=_family_given(head["authors"]),
                kind="book",
            )
            if copyright_line:
                meta.year = parse_year(copyright_line["year"])
                meta.publisher = copyright_line["publisher"].strip()
            return stamp(meta, "page-furniture")
    return Metadata()


def _family_given(value: str) -> list[Person]:
    """EBSCO's authors, family and given names in turn: "Rossi, Maria, Park, John"."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if len(parts) % 2:
        return split_people(value)
    return [person(f"{parts[i]}, {parts[i + 1]}") for i in range(0, len(parts), 2)]
