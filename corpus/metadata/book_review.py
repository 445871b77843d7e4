"""A journal's book review: the book it reviews and who reviewed it, read from its pages.

A review opens under its section's head ("Book review", "BOOK REVIEWS", "Review essay") on the
book it reviews, as the journal prints a book: its authors, title, place and publisher, year,
pages, price or ISBN, in one of a few orders:

    Peter M. Senge                                              (SAGE: names over the rest)
    The Fifth Discipline: The Art and ..., Random House: London, 2006; 445 pp.: ISBN ...
    The Fifth Discipline: The Art and .... By Peter M. Senge. New York: Doubleday, 2006. 445 pp.
    Senge, P. M. (2006). The fifth discipline: .... New York: Doubleday. 445 pp.
    Peter M. Senge, The Fifth Discipline: ... (New York: Doubleday, 2006), 445 pp., $27.50.

Its reviewer signs it under the book ("Reviewed by: Jane Q. Reviewer, University of Leeds,
UK") or at its end, a name over their department and university. Read as a paper, the section's
head was its title and the book's author its author: a writer citing it credited the review to
the book's author. The review is the reviewer's (`authors`), of the book (its title is the
review's `title`, as CSL keeps a review without a title of its own, and its authors are
`reviewed_authors`); APA cites it "Reviewer, J. Q. (2021). [Review of the book The fifth
discipline: ..., by P. M. Senge]. Management Learning, 52(3), 380–382." Source "page-furniture":
the journal prints it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.metadata.fields import split_people, stamp
from corpus.metadata.labelled import is_affiliation_line, is_author_line
from corpus_core.models import Metadata, Person, RawDocument

HEAD_LINES = 10
"""Lines at the top of the first page where the review section's head stands (under a running head)."""
MAX_BOOK_LINES = 6
"""Lines the reviewed book's entry wraps over at most."""
SIGNATURE_LINES = 8
"""Lines at the end of the text where a reviewer signs, name over institution."""
_INSTITUTION_WORD = re.compile(
    r"\s(?=(?:Department|School|Faculty|Institute|University|College|Centre|Center|Business School)\b)"
)
"""Where an institution's name begins after a signature's name that cleaning joined to it."""
_FOOT = re.compile(r"^(?!.*[.!?]$).{0,100}\d")
"""A short line with a number and no sentence's end: the journal's foot or a page number under a signature."""

_HEAD = re.compile(
    r"(?:book\s+reviews?(?:\s+essays?)?|reviews?\s+(?:essays?|of\s+books)|books?\s+reviewed)\s*:?", re.I
)
"""A review section's head, alone on its line."""
_IMPRINT_END = re.compile(
    r"\b\d+\s*pp\b|\b\d+\s+pages\b|\bISBN\b|[$£€]\s?\d|\b(?:cloth|hardback|paperback|hardcover|softcover|hbk|pbk)\b",
    re.I,
)
"""What a book's entry in a review ends on: its pages, ISBN, price or binding."""
_REVIEWED_BY = re.compile(r"(?:reviewed|review)\s+by\s*:?\s+(?P<names>.+)", re.I)
_BY = re.compile(r"(?P<title>.+?)(?:[.,]\s+(?:By|Edited\s+[Bb]y)|,\s+(?:edited\s+)?by)\s+(?P<rest>.+)")
"""Title first, then "By" after a sentence's end or "by" after a comma, and the names and imprint: a
title's own "by" ("Learning by Doing") is lower case after no comma."""
_COLON_IMPRINT = re.compile(r"(?P<names>.+?)[.,]\s+(?=[A-Z][^.]*:)")
"""Names up to an imprint with a colon: "Peter M. Senge. New York: Doubleday, 2006"."""
_COMMA_IMPRINT = re.compile(r"[^,]+,\s*(?:[A-Z]{2},\s*)?[^,]+,\s*(?:19|20)\d\d\b")
"""An imprint in commas, as Taylor & Francis sets it: "London, Random House, 2006", "Cambridge, MA, MIT
Press, 2018"."""
_DATED = re.compile(r"(?P<names>.+?)\s*\((?:Eds?\.?\)\s*\()?(?:19|20)\d\d\)\.?\s+(?P<rest>.+)")
"""Names first, as a reference list writes them: "Senge, P. M. (2006). The fifth discipline. ..." """
_IMPRINT = re.compile(
    r"(?:[.,;]\s+|\s*\()(?=(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:,\s*[A-Z]{2})?\s*:\s*[A-Z]|(?:19|20)\d\d\b))"
)
"""Where a book's imprint begins after its title: "New York: Doubleday", "Cambridge, MA: MIT Press",
"Random House: London", or its year."""
_NAMES_FIRST = re.compile(r"(?P<names>[^,:]+(?:(?:,\s*|\s+(?:and|&)\s+)[^,:]+?)*?)\s*[,:]\s+(?P<rest>.+)")
"""Names first, then a comma or colon and the title: "Peter M. Senge, The Fifth Discipline ..." """


def read_book_review(raw: RawDocument, text: str) -> tuple[Metadata, RawDocument]:
    """The review's record (empty for anything else), and `raw` without the book's entry.

    The record is the reviewer's, with the title and authors of the book it reviews. The entry's
    imprint ("Reading, MA: Addison-Wesley, 1996), 305 pp.") reads as a journal's citation line
    to the readers of a page's furniture, which then gave the book's year and publisher as the
    review's: they read the pages without it. `text` is the cleaned text, whose end a reviewer
    may sign without the pages' feet.
    """
    if not raw.pages:
        return Metadata(), raw
    lines = raw.pages[0].split("\n")
    kept = [index for index, line in enumerate(lines) if line.strip()]
    head = next(
        (n for n, index in enumerate(kept[:HEAD_LINES]) if _HEAD.fullmatch(" ".join(lines[index].split()))),
        None,
    )
    if head is None:
        return Metadata(), raw
    entry, signed = _book_entry([" ".join(lines[index].split()) for index in kept[head + 1 :]])
    book = _read_book(entry) if entry else None
    if book is None:
        return Metadata(), raw
    title, reviewed = book
    reviewer = signed or _signature(text)
    meta = Metadata(title=title, authors=reviewer, reviewed_authors=reviewed, kind="review-book")
    dropped = set(kept[head + 1 : head + 1 + len(entry)])
    first = "\n".join(line for index, line in enumerate(lines) if index not in dropped)
    return stamp(meta, "page-furniture"), replace(raw, pages=[first, *raw.pages[1:]])


def _book_entry(lines: list[str]) -> tuple[list[str], list[Person]]:
    """The lines of the reviewed book's entry under the head, and the reviewer a "Reviewed by" line names."""
    entry: list[str] = []
    reviewer: list[Person] = []
    for index, line in enumerate(lines[: MAX_BOOK_LINES + 1]):
        signed = _REVIEWED_BY.fullmatch(line)
        if signed:
            reviewer = _names_before_institution(signed["names"])
            break
        if _IMPRINT_END.search(line):
            entry = lines[: index + 1]
    return entry, reviewer


def _read_book(entry: list[str]) -> tuple[str, list[Person]] | None:
    """The book's title and authors from its entry's lines, None when they cannot be told apart."""
    text = " ".join(entry)
    names, rest = "", ""
    if len(entry) > 1 and is_author_line(entry[0]):
        names, rest = entry[0], " ".join(entry[1:])
    elif by := _BY.match(text):
        return _book(by["title"], _names_before_imprint(by["rest"]))
    elif dated := _DATED.match(text):
        names, rest = dated["names"], dated["rest"]
    else:
        first = _NAMES_FIRST.match(text)
        if first and is_author_line(first["names"]):
            names, rest = first["names"], first["rest"]
    imprint = _IMPRINT.search(rest)
    if not names or imprint is None:
        return None
    return _book(rest[: imprint.start()], names)


def _names_before_imprint(text: str) -> str:
    """The names that open `text`, up to the book's imprint ('' where no imprint follows them)."""
    colon = _COLON_IMPRINT.match(text)
    if colon:
        return colon["names"]
    commas = [found.start() for found in re.finditer(r",\s+", text)]
    return next((text[:at] for at in commas if _COMMA_IMPRINT.match(text, text.index(" ", at) + 1)), "")


def _book(title: str, names: str) -> tuple[str, list[Person]] | None:
    title = title.strip(" .,;:")
    people = split_people(re.sub(r"\s*\(eds?\.?\)", "", names, flags=re.I))
    return (title, people) if title and people else None


def _names_before_institution(text: str) -> list[Person]:
    """The people of "Jane Q. Reviewer, University of Leeds, UK": the parts before the first institution."""
    parts = text.split(",")
    kept = next((i for i, part in enumerate(parts) if i and is_affiliation_line(part.strip())), len(parts))
    return split_people(",".join(parts[:kept]))


def _signature(text: str) -> list[Person]:
    """The reviewer who signs at the end: the last name over their institution (or ending the text).

    Cleaning may join the signature's lines into one ("Jane Q. Reviewer Department of Management
    University of Leeds"): the name is then what stands before the institution.
    """
    paragraphs = [" ".join(part.split()) for part in text.split("\n") if part.strip()][-SIGNATURE_LINES:]
    for index in range(len(paragraphs) - 1, -1, -1):
        if not all(is_affiliation_line(line) or _FOOT.search(line) for line in paragraphs[index + 1 :]):
            break
        signed = _REVIEWED_BY.fullmatch(paragraphs[index])
        if signed:
            return _names_before_institution(signed["names"])
        name = _INSTITUTION_WORD.split(paragraphs[index], maxsplit=1)[0].strip(" ,")
        if name and is_author_line(name):
            return split_people(name)
    return []
