"""A book's imprint page, told apart and dropped from the text.

The back of a book's title page holds its legal and library notices: "© Maria Rossi 2019",
"All rights reserved. No part of this publication may be reproduced ...", the publisher's
address, "A catalogue record for this book is available from the British Library", the
ISBNs. None of it is the book's text, so the page goes (statistic `imprint`); the record
reads its year, publisher and ISBN from the raw page (`corpus.metadata.imprint`).

A page is the imprint page when it is one of the first `FRONT_PAGES` pages of a PDF, not the
first, short (`MAX_WORDS`), and holds both a valid ISBN (or, in a book older than ISBNs, a
Library of Congress catalog card number) and a copyright or first-published year, in a file of
`MIN_PAGES` pages at least. An article's first page or a proceedings paper's foot with an ISBN
and "© 2019 IEEE" is a first page of few pages, so it is never one.
"""

from __future__ import annotations

import re

from corpus.cleaning.boilerplate import empty_page
from corpus_core.models import CleaningStats

IMPRINT = "imprint"
"""The cleaning statistic of the characters dropped here."""

FRONT_PAGES = 6
"""Pages from the start that may hold the imprint."""
MAX_WORDS = 400
"""Words an imprint page has at most (a page of prose is no imprint)."""
MIN_PAGES = 8
"""Pages a file needs before it is read as a book."""

_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*(?P<number>(?:97[89][\s-]?)?(?:\d[\s-]?){8}\d[\s-]?[\dX])\b")
"""An ISBN as printed: "ISBN 978 1 78897 123 2", "ISBN-13: 978-1-78897-123-2", "ISBN 0-385-26094-6"."""
_LCCN = re.compile(r"\bLibrary of Congress Catalog(?:ue)?\s+Card\s+(?:Number|No\.?)", re.IGNORECASE)
"""A book's catalog card number, which books printed before ISBNs (1970) carry in their place."""
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)[^\n]{0,120}", re.IGNORECASE)
_FIRST_PUBLISHED = re.compile(
    r"\bfirst published\b[^\n]{0,80}?\b(?P<year>(?:1[5-9]|20)\d\d)\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def find_imprint_page(pages: list[str]) -> int | None:
    """Index of the imprint page among a PDF's raw pages, or None (see the module docstring)."""
    if len(pages) < MIN_PAGES:
        return None
    for index, page in enumerate(pages[1:FRONT_PAGES], start=1):
        if (
            len(page.split()) <= MAX_WORDS
            and (isbn(page) or _LCCN.search(page))
            and edition_year(page) is not None
        ):
            return index
    return None


def remove_imprint_page(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """The pages with the imprint page's lines taken out (the page stays, empty)."""
    return empty_page(pages, find_imprint_page, IMPRINT, stats)


def isbn(page: str) -> str:
    """The first valid ISBN printed on `page`, digits only; '' when there is none."""
    for found in _ISBN.finditer(page):
        if digits := isbn_digits(found["number"]):
            return digits
    return ""


def isbn_digits(number: str) -> str:
    """An ISBN as written ("978-1-78897-123-2", "0 8044 2957 x") as its digits; '' when its check fails."""
    digits = re.sub(r"[\s-]", "", number).upper()
    return digits if _valid_isbn(digits) else ""


def _valid_isbn(digits: str) -> bool:
    """Whether `digits` is an ISBN-10 or ISBN-13 whose check digit holds."""
    if len(digits) == 13 and digits.isdigit():
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        values = [int(d) for d in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
        return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0
    return False


_THIS_EDITION = re.compile(
    r"\b(?:this\s+(?:[\w-]+\s+){0,2}(?:edition|translation)|first\s+(?:[A-Z][\w&-]*\s+){1,3}edition"
    r"|republished|reissued)\b[^\n]{0,60}?(?P<year>(?<!\d)(?:1[5-9]|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
"""The year of the edition in hand where it is not the copyright's: a classic republished ("Copyright ©
1938 ... First Touchstone Edition 1997"), a translation ("This translation first published 1975")."""


def edition_year(page: str) -> int | None:
    """The edition's year: the latest a copyright line or the edition in hand names, else the first published.

    "© 1990, 2006" gives 2006; "Copyright © 1938 ... First Touchstone Edition 1997" 1997 (`_THIS_EDITION`).
    Reprints ("Reprinted 2010, 2014") do not change it.
    """
    years = [int(y) for line in _COPYRIGHT.findall(page) for y in _YEAR.findall(line)]
    years += [int(found["year"]) for found in _THIS_EDITION.finditer(page)]
    if years:
        return max(years)
    first = _FIRST_PUBLISHED.search(page)
    return int(first["year"]) if first else None
