"""The record a business school publisher prints on a PDF's first page: a teaching case's, an HBR reprint's.

A teaching case (Harvard Business School's, Ivey's) opens on its product number and revision
date ("9-396-253" / "REV: MARCH 10, 1997"), its authors in capitals and its title; a note at the
page's foot says who prepared it ("Professor David A. Garvin and Research Associate Michael A.
Roberto prepared this case.") over the publisher's copyright ("Copyright © 1996 President and
Fellows of Harvard College. To order copies ..."). It is a report of the publisher's case series
with that number: APA cites "Garvin, D. A., & Roberto, M. A. (1996). Learning at Xerox:
Leadership through quality (Harvard Business School Case No. 9-396-253). Harvard Business
School Publishing." The authors are read from the note, their roles left out, else from the
capitals; the year from the copyright, else from the revision date.

A Harvard Business Review reprint opens on "HBR.ORG" (or "www.hbr.org"), the issue ("April
2011"), the reprint number ("reprint R1104B"), a section's name in capitals, the title, a
standfirst and "by Amy C. Edmondson"; older reprints set the title and author on a cover that
lists what the file includes (`corpus.cleaning.platform_cover` empties it). Title, authors,
year and the magazine are read here.

Both are stated by the publisher: source "page-furniture". The notices themselves are rules of
`config/cleaning.toml`.
"""

from __future__ import annotations

import re

from corpus.cleaning.reflow import SENTENCE_END
from corpus.metadata.capitals import in_capitals, mostly_title_case, title_case
from corpus.metadata.fields import COPYRIGHT_YEAR, parse_date, parse_year, split_people, stamp
from corpus.metadata.furniture import ISSUE_MONTHS
from corpus.metadata.labelled import looks_like_title
from corpus_core.models import Metadata, Person, RawDocument

HEAD_LINES = 14
"""Lines at the top of the first page where a case's or a reprint's masthead, title and authors stand."""
MASTHEAD_LINES = 6
"""Lines at the top where a case's number or a reprint's "HBR.ORG" stands (a course pack's stamp may
come first)."""
MAX_TITLE_LINES = 4
"""A title wraps over at most this many lines."""
NOTE_LINES = 4
"""Lines a case's note of who prepared it may wrap over."""

_CASE_NUMBER = re.compile(
    r"(?P<number>(?:[A-Z]?\d-)?\d{3}-\d{3}|\d[A-Z]\d{2}[A-Z]\d{3})(?:\s+(?P<revised>REV(?:ISED)?:?\s.*))?",
    re.IGNORECASE,
)
"""A case's product number ("9-396-253", Ivey's "9B08M049"), with its revision date when set beside it."""
_REVISED = re.compile(r"REV(?:ISED)?:?\s.*", re.IGNORECASE)
_CASE_NOTE = re.compile(
    r"(?:prepared|wrote) (?:this|the original version of this) case|president and fellows of harvard college|"
    r"solely (?:as the basis for|to provide material for) class discussion",
    re.IGNORECASE,
)
"""A teaching case publisher's words on the case's first page."""
_ROLE = (
    r"(?:(?:Senior|Associate|Assistant|Adjunct|Visiting|Executive|Distinguished|Clinical|Emeritus)\s+)*"
    r"(?:Professors?|Lecturers?|Research\s+(?:Associates?|Fellows?|Assistants?)|Fellows?|Deans?|"
    r"Case\s+Writers?|Researchers?|Directors?|Doctoral\s+(?:Students?|Candidates?)|Instructors?)"
)
_NAME = r"[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z][\w'’-]*\.?|van|von|de|da|del|der|la|le)){1,4}"
_AUTHOR = rf"(?:{_ROLE}\s+)?{_NAME}(?:\s+\([^)]{{1,30}}\))?"
_PREPARED = re.compile(
    rf"(?P<people>{_AUTHOR}(?:(?:,\s+|,?\s+and\s+){_AUTHOR})*)\s+(?:prepared|wrote)\s+"
    r"(?:this|the original version of this)\s+case"
)
"""A case's note: "Professor David A. Garvin and Research Associate Michael A. Roberto prepared this case"."""
_CAPITAL_NAME = re.compile(r"[A-Z][A-Z'’-]+(?:\s+(?:[A-Z]\.|[A-Z][A-Z'’-]+)){1,3}")
_CASE_PUBLISHERS = (
    (
        "president and fellows of harvard college",
        "Harvard Business School Case",
        "Harvard Business School Publishing",
    ),
    ("ivey", "Ivey Publishing Case", "Ivey Publishing"),
)
"""Words of a publisher's notice, the case series it publishes and the publisher's name."""

_HBR_MASTHEAD = re.compile(r"(?:www\.)?hbr\.org", re.IGNORECASE)
_REPRINT = re.compile(r"reprint(?: number)?:?\s*(?:no\.?\s*|#\s*)?(?:R\d{4,5}[A-Z]?|\d{5,6})", re.IGNORECASE)
_ISSUE_LINE = re.compile(rf"{ISSUE_MONTHS},?\s+(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
"""The issue a reprint's masthead names: "April 2011", "July–August 1993"."""
_HBR_ISSUE = re.compile(
    rf"harvard business review\W{{0,3}}\s*(?:{ISSUE_MONTHS},?\s+)?((?:19|20)\d\d)\b", re.IGNORECASE
)
"""The magazine and its issue at a reprint's page foot: "harvard business review • july–august 1993"."""
_BY_LINE = re.compile(r"by\s+(?P<people>[A-Z].{2,200})")
HBR = "Harvard Business Review"


def business_publishing_record(raw: RawDocument) -> Metadata:
    """A teaching case's or an HBR reprint's record (see the module doc); empty if the PDF is neither."""
    if raw.format != "pdf":
        return Metadata()
    filled = [page for page in raw.pages if page.strip()]
    if not filled:
        return Metadata()
    lines = [" ".join(line.split()) for line in filled[0].splitlines() if line.strip()]
    return _case_record(lines) or _reprint_record(lines, filled) or Metadata()


def _case_record(lines: list[str]) -> Metadata | None:
    """A teaching case's number, title, authors, year and publisher (see the module doc)."""
    head = lines[:HEAD_LINES]
    number = next((m for line in head[:MASTHEAD_LINES] if (m := _CASE_NUMBER.fullmatch(line))), None)
    page = " ".join(lines)
    if number is None or not _CASE_NOTE.search(page):
        return None
    folded = page.casefold()
    series, publisher = next(((s, p) for words, s, p in _CASE_PUBLISHERS if words in folded), ("Case", ""))
    prepared = _prepared_by(lines)
    families = {person.family.casefold() for person in prepared if person.family}
    capitals = [
        line
        for line in head
        if in_capitals(line)
        and (
            _CAPITAL_NAME.fullmatch(line)
            or any(word.strip(",.").casefold() in families for word in line.split())
        )
    ]
    masthead = {number.group(0), *capitals}
    rest = [line for line in head if line not in masthead and not _REVISED.fullmatch(line)]
    meta = Metadata(
        title=_title(rest, capitals=True),
        authors=prepared or split_people(", ".join(title_case(name) for name in capitals)),
        kind="report",
        genre=series,
        issue=number["number"],
        publisher=publisher,
    )
    copyright_year = COPYRIGHT_YEAR.search(page)
    revised = number["revised"] or next((line for line in head if _REVISED.fullmatch(line)), "")
    meta.year = parse_year(copyright_year.group(1)) if copyright_year else parse_year(revised)
    return stamp(meta, "page-furniture")


def _prepared_by(lines: list[str]) -> list[Person]:
    """The people a case's note says prepared it, without their roles; [] without such a note."""
    for index in range(len(lines)):
        found = _PREPARED.match(" ".join(lines[index : index + NOTE_LINES]))
        if found:
            people = re.sub(rf"{_ROLE}\s+|\s*\([^)]*\)", " ", found["people"])
            return split_people(" ".join(people.split()))
    return []


def _title(lines: list[str], capitals: bool = False) -> str:
    """The title opening `lines`: its first line that reads as one, and the lines it wraps onto.

    A line in capitals is a reprint's section ("SPOTLIGHT ON FAILURE"), skipped, unless `capitals`
    says the title may be set so (a case's, its authors' lines taken out before).
    """
    for start, line in enumerate(lines):
        if (in_capitals(line) and not capitals) or not line[:1].isupper():
            continue
        title = line
        for more in lines[start + 1 : start + MAX_TITLE_LINES]:
            if SENTENCE_END.search(title) or title.endswith("?") or not mostly_title_case(more):
                break
            if _BY_LINE.match(more) or in_capitals(more) != in_capitals(line):
                break
            title = f"{title} {more}"
        return title if looks_like_title(title) else ""
    return ""


def _reprint_record(lines: list[str], pages: list[str]) -> Metadata | None:
    """An HBR reprint's title, authors, year and magazine (see the module doc).

    The year is the masthead's issue's, else the one a later page's foot names with the magazine
    ("harvard business review • july–august 1993"), else the copyright's.
    """
    head = lines[:HEAD_LINES]
    top = head[:MASTHEAD_LINES]
    masthead = next((i for i, line in enumerate(top) if _HBR_MASTHEAD.fullmatch(line)), None)
    if masthead is None or not any(_REPRINT.fullmatch(line) for line in lines):
        return None
    found = next(
        ((i, m) for i, line in enumerate(head) if i > masthead and (m := _BY_LINE.fullmatch(line))), None
    )
    end, by = found if found is not None else (masthead + 1, None)
    title_lines = [
        line
        for line in head[masthead + 1 : end]
        if not (_REPRINT.fullmatch(line) or _ISSUE_LINE.fullmatch(line))
    ]
    meta = Metadata(
        title=_title(title_lines),
        authors=split_people(by["people"]) if by is not None else [],
        venue=HBR,
        kind="article-magazine",
    )
    text = "\n".join(pages)
    issue = next((m for line in head[masthead + 1 : end] if (m := _ISSUE_LINE.fullmatch(line))), None)
    meta.date = parse_date(issue.group()) if issue else ""  # "April 2011": a magazine is cited by its issue
    dated = (
        (issue.group("year") if issue else None)
        or next((m.group(1) for m in _HBR_ISSUE.finditer(text)), None)
        or next((m.group(1) for m in COPYRIGHT_YEAR.finditer(text)), None)
    )
    meta.year = parse_year(dated)
    return stamp(meta, "page-furniture")
