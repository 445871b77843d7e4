"""A book's record from its imprint page: kind "book", the year, the publisher, the ISBN, the edition.

The back of a book's title page says who published it and when ("© Maria Rossi 2019",
"Published by Edward Elgar Publishing Limited", "ISBN 978 1 78897 123 2 (cased)"). Nothing
else in a book's PDF does: its running heads name chapters and its first page is the title
page, so a book was cited with no year and no publisher ("Rossi, M. (n.d.). Learning with
Customers."). The page is found by `corpus.cleaning.imprint_page` (which also drops it from
the text) and read here from the raw pages; "Second edition published 2006" gives the
edition, the latest an imprint page names. Source "labelled-text": the page states its fields.
"""

from __future__ import annotations

import re

from corpus.cleaning.imprint_page import edition_year, find_imprint_page, isbn
from corpus.metadata.fields import PUBLISHER_WORDS, normalise_edition, stamp
from corpus_core.models import Metadata, RawDocument

_PUBLISHED_BY = re.compile(
    r"(?P<head>[^\n]*?)\b(?:(?:first )?published(?:\s+(?:in\s+)?(?:1[5-9]|20)\d\d)?"
    r"(?:\s+in\s+[A-Z][^\n,]{1,40}?)?|translation\s+(?:copyright\s+)?(?:©\s*)?(?:1[5-9]|20)\d\d)"
    r"\s+by\s*:?[^\S\n]*(?P<rest>[^\n]*)",
    re.IGNORECASE,
)
""""Published by" and the publisher on the rest of its line or on the next one; a translation's
publisher after its copyright ("English translation © 1969 by Basic Books, Inc.")."""
_ORIGINAL_PUBLISHER = re.compile(
    r"\boriginally\b|first published in (?:the )?[A-Z][a-z]+ as\b", re.IGNORECASE
)
"""A line that names the original's publisher ("Originally published in 1938 by Kappa Delta Pi")."""
_PUBLISHER_END = re.compile(
    r"[,;(]|\s+(?:is an imprint|a division|an imprint|in association)\b", re.IGNORECASE
)
_CORPORATE = re.compile(r"[,\s]+(?:Limited|Ltd\.?|Inc\.?|LLC|GmbH|plc|Pty|S\.A\.|B\.V\.)$", re.IGNORECASE)
MAX_PUBLISHER_WORDS = 8
EDITION = re.compile(
    r"\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
    r"(?:,?\s+revised)?|revised)\s+edition\b",
    re.IGNORECASE,
)
"""An edition an imprint page names ("First edition published 1990", "Second edition 2006",
"This revised edition published in 2006")."""
_THESIS = re.compile(r"\b(?:thesis|dissertation|doctoral|Doktorarbeit|thèse)\b", re.IGNORECASE)
"""A thesis printed in a university's series has an imprint page too; it stays a thesis."""


def imprint_record(raw: RawDocument) -> Metadata:
    """Kind "book", ISBN, year and publisher of a PDF's imprint page; empty when it has none.

    A thesis (its front pages say so) keeps the ISBN, year and publisher but is not called a book.
    """
    meta = Metadata()
    index = find_imprint_page(raw.pages) if raw.format == "pdf" else None
    if index is not None:
        page = raw.pages[index]
        meta.isbn, meta.year, meta.publisher = isbn(page), edition_year(page), _publisher(page)
        editions = [normalise_edition(found.group()) for found in EDITION.finditer(page)]
        meta.edition = max(editions, key=_number, default="")
        front = "\n".join(raw.pages[: index + 1])
        meta.kind = "" if _THESIS.search(front) else "book"  # a thesis in a series: the thesis rule says
    return stamp(meta, "labelled-text")


def _number(edition: str) -> int:
    """The edition's number: "2", and "Second, revised edition" 2; a revised edition of no number 1."""
    if edition.isdigit():
        return int(edition)
    ordinal = normalise_edition(edition.replace(",", " ").split()[0]) if edition.strip() else ""
    return int(ordinal) if ordinal.isdigit() else 1


_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:1[5-9]|20)\d\d\s*(?:,\s*(?:1[5-9]|20)\d\d\s*)*)?(?:by\s+)?"
    r"(?P<name>[A-Z][^\n,©]{2,80}?)(?:,?\s+(?:Inc|Ltd|Limited|LLC|GmbH|plc)\.?)?"
    r"(?:\s*,?\s*(?:1[5-9]|20)\d\d)?\s*(?:[.,;\n]|$)",
    re.IGNORECASE,
)
"""The holder of a copyright line: "© Cambridge University Press 1991", "Copyright © 1978 by
Addison-Wesley Publishing Company, Inc."."""
_PUBLISHING_WORD = re.compile(
    rf"\b(?:{PUBLISHER_WORDS}|Publisher|Books|Éditions|Editora|Editorial"
    r"|Routledge|Springer|Wiley|Elsevier|SAGE|Palgrave)\b"
)
"""A word that makes a copyright holder a publisher, not the author ("© Maria Rossi 2019")."""


_LEGAL_BODY = re.compile(r"the\s+(?:press\s+syndicate|syndics|delegates|chancellor)\b", re.IGNORECASE)
"""A university press's legal body, which its imprint page says publishes it; APA names the press."""
_UNIVERSITY_PRESS = re.compile(
    r"\b(?:[A-Z][\w'’-]*[^\S\n]+){1,3}(?:University|UNIVERSITY)[^\S\n]+(?:Press|PRESS)\b"
)
"""A university press's name on one line: "CAMBRIDGE UNIVERSITY PRESS", "Oxford University Press"."""


def _publisher(page: str) -> str:
    """The publisher a "Published by" line names (on it or on the line under it), without "Ltd".

    A university press's legal body ("Published by the Press Syndicate of the University of
    Cambridge") gives way to the press's name on the page ("CAMBRIDGE UNIVERSITY PRESS"); where no
    line says who published the book, a copyright line's holder that is a publisher does: "©
    Cambridge University Press 1991" (the last such line: a translation's, an edition's).
    """
    published = _published_by(page)
    if _LEGAL_BODY.match(published):
        published = next((m.group() for m in _UNIVERSITY_PRESS.finditer(page)), published)
    if published:
        return published
    holders = [
        name
        for found in _COPYRIGHT_HOLDER.finditer(page)
        if _PUBLISHING_WORD.search(name := _CORPORATE.sub("", found["name"]).strip(" ,."))
        and len(name.split()) <= MAX_PUBLISHER_WORDS
    ]
    return holders[-1] if holders else ""


def _published_by(page: str) -> str:
    """The publisher a "Published by" line names (on it or on the line under it), without "Ltd"."""
    for found in _PUBLISHED_BY.finditer(page):
        if _ORIGINAL_PUBLISHER.search(found["head"] + found.group()):
            continue
        rest = found["rest"].strip() or page[found.end() :].lstrip("\n").split("\n", 1)[0].strip()
        name = _PUBLISHER_END.split(rest, maxsplit=1)[0].strip(" .")
        name = _CORPORATE.sub("", name).strip(" ,.")
        if name and name[0].isupper() and len(name.split()) <= MAX_PUBLISHER_WORDS:
            return name
    return ""


TITLE_PAGE_WORDS = 60
"""Words a title page has at most (a first page of text has hundreds)."""


def has_title_page(raw: RawDocument, imprint: Metadata) -> bool:
    """Whether a PDF opens with a title page, where a subtitle stands under the title.

    A book's (`imprint`, its `imprint_record`, says so), or a first page of few words before
    more pages (a report's, a thesis's).
    """
    if raw.format != "pdf" or len(raw.pages) < 3:
        return False
    return imprint.kind == "book" or 0 < len(raw.pages[0].split()) <= TITLE_PAGE_WORDS
