"""The record a manuscript's statement of its version gives: where the work was accepted or published.

Repositories hold authors' accepted manuscripts, and publishers require a line on them that
says where the work appears: "Accepted for publication in Journal of Knowledge Management, 25
May 2021", "Forthcoming in ...", "To appear in ...", Taylor & Francis's "This is an Accepted
Manuscript of an article published by Taylor & Francis in The Learning Organization on 12 May
2021, available online: https://www.tandfonline.com/10.1080/...", Springer's "This is a
post-peer-review, pre-copyedit version of an article published in Journal of X. The final
authenticated version is available online at: https://doi.org/10.1007/...". Such a line gives
the venue (a journal unless it names proceedings or a conference; a book chapter's book), the
publisher where it names one, the DOI its link carries and the year of its date, uncertain: the
date is the acceptance's or the online version's, and the issue may be a later year's. Wiley's "This is
the peer reviewed version of the following article: <reference>, which has been published in
final form at <link>" gives the whole reference, read as a cite statement's is
(`cite_statement.cited_record`). An unpublished manuscript's status ("Unpublished manuscript",
"Manuscript submitted for publication", "Working draft, please do not cite") makes it a
manuscript so described. Source "page-furniture". The line is never the work's title
(`is_version_statement`).
"""

from __future__ import annotations

import re

from corpus.metadata.capitals import mostly_title_case
from corpus.metadata.cite_statement import cited_record
from corpus.metadata.fields import normalise_doi, parse_year, stamp
from corpus.metadata.furniture import CITED_AUTHOR
from corpus_core.models import Metadata, RawDocument

FRONT_PAGES = 2
"""Pages from the start where a repository copy states its version (a cover, the first page)."""
FRONT_LINES = 80
"""Lines from the start of a Word, OpenDocument or RTF manuscript (read as one page) searched."""
FRONT_FORMATS = frozenset({"docx", "doc", "odt", "rtf"})
"""Formats besides PDF whose statement is read: a manuscript's. A text note is a reader's own."""
MAX_LINES = 4
"""Lines a statement wraps over at most."""
MAX_VENUE_WORDS = 14
DATE_CHARS = 40
"""Characters after the venue read for the statement's date ("on 12 May 2021", ", 25 May 2021")."""

_LEAD = r"(?:(?:this|the)\s+(?:paper|article|manuscript|chapter|work)\s+(?:has\s+been|is|was)\s+)?"
_STATUS = re.compile(
    rf"^{_LEAD}(?:accepted\s+for\s+publication|forthcoming|to\s+appear|in\s+press)\b", re.IGNORECASE
)
"""A manuscript's status at a line's start: "Accepted for publication ...", "Forthcoming", "In press"."""
_ACCEPTED = re.compile(rf"{_STATUS.pattern}\s*[,:]?\s*(?:in|at)\b\s*:?\s*(?P<rest>\S.*)$", re.IGNORECASE)
"""A manuscript's status and its venue: "Accepted for publication in X", "Forthcoming in: X"."""
_VERSION_OF = re.compile(
    r"^this\s+is\s+(?:an?|the)\s+(?:[^.]{0,80}?\s)?(?:version|manuscript|copy)\s+of\s+(?:an?|the)\s+"
    r"(?:book\s+)?(?P<kind>article|paper|chapter)\s+(?:(?:that|which)\s+(?:has\s+been|was)\s+)?"
    r"(?:published|accepted\s+for\s+publication)\s+(?:by\s+(?P<publisher>[^,.]{2,60}?)\s+)?in\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
"""Taylor & Francis's, Springer's and Emerald's wording: "This is an Accepted Manuscript of an
article published by Taylor & Francis in X on ...", "... pre-copyedit version of an article
published in X. The final authenticated version ..."."""
_FOLLOWING_ARTICLE = re.compile(
    r"^this\s+is\s+the\s+(?:peer[- ]reviewed|accepted)\s+version\s+of\s+the\s+following\s+article:\s*"
    r"(?P<reference>.+?),?\s+which\s+has\s+been\s+published\s+in\s+final\s+form\s+at\s+(?P<link>\S+)",
    re.IGNORECASE,
)
"""Wiley's wording, the article's whole reference in it."""
_VERSION_OPENING = re.compile(
    r"^this\s+is\s+(?:an?|the)\s+(?:[^.]{0,80}?\s)?(?:version|manuscript)\b", re.IGNORECASE
)
"""The start of a publisher's wording ("This is an Accepted Manuscript of ...", "This is the peer
reviewed version of ..."): the rest wraps onto the lines below."""
_UNPUBLISHED = re.compile(
    r"^(?=(?-i:[A-Z]))(?:an?\s+)?(?:"
    r"(?P<submitted>(?:manuscript\s+)?(?:(?:submitted\s+for\s+publication|under\s+review)"
    r"(?=\s*(?:$|[,.;:(–—-]|(?:at|with|in|to|for)\s+(?-i:[A-Z])))|submitted\s+to\s+(?!.*\b(?:universit|"
    r"facult|department|school|college|institut|degree|fulfil|requirement|committee|board|examin))(?:the\s+)?"
    r"(?-i:[A-Z])\w+))|"
    r"(?P<preparation>manuscript\s+in\s+preparation)|"
    r"(?:unpublished\s+(?:manuscript|draft|paper)|working\s+draft|draft\s+manuscript|draft(?=\s*(?:[,:;–—-]|$))"
    r"|(?:please\s+)?do\s+not\s+(?:cite|quote|circulate)\b))"
    r"[^\n]{0,70}$",
    re.IGNORECASE,
)
"""An unpublished manuscript's status line on its front, opening with a capital: "Unpublished
manuscript", "Working draft, please do not cite", "Draft: 12 May 2023", "Manuscript submitted for
publication", "Under review at Journal of X", "Manuscript in preparation". A wrapped line of prose
("under review by the board, ...") is none."""
_PUBLISHED_OPENINGS = (_STATUS, _VERSION_OPENING)
"""The openings of a statement that names where the work appears."""
_OPENINGS = (*_PUBLISHED_OPENINGS, _UNPUBLISHED)
_VENUE_END = re.compile(
    r"\s*(?:[,;(\[]|\.(?:\s|$)|\s+on\s+(?:the\s+)?\d|\s+(?:available|published|doi|https?:|copyright|©)\b|$)",
    re.IGNORECASE,
)
"""Where the venue ends: a comma, a sentence's end, a date ("on 12 May 2021"), a link."""
_LINK = re.compile(r"(?:https?://|doi:\s*|10\.\d{4,9}/)\S+", re.IGNORECASE)
_JOINING_END = re.compile(r"(?:\s(?:of|and|for|in|on|the|&)|-)$", re.IGNORECASE)
_CONFERENCE = re.compile(r"\b(?:proceedings|conference|symposium|workshop|congress)\b", re.IGNORECASE)


def is_version_statement(line: str) -> bool:
    """Whether a line opens a statement of the work's version ("Accepted for publication in ...")."""
    text = " ".join(line.split())
    return any(pattern.match(text) for pattern in _OPENINGS)


def version_statement_record(raw: RawDocument) -> Metadata:
    """The record the front's statement of the work's version gives (see the module doc), or an empty one."""
    if raw.format == "pdf":
        pages = raw.pages[:FRONT_PAGES]
    elif raw.format in FRONT_FORMATS and raw.pages:
        pages = ["\n".join(raw.pages[0].split("\n", FRONT_LINES)[:FRONT_LINES])]
    else:
        return Metadata()
    for page in pages:
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            unpublished = _UNPUBLISHED.match(line)
            if unpublished:
                return _unpublished_record(unpublished)
            if any(pattern.match(line) for pattern in _PUBLISHED_OPENINGS):  # `lines` are normalised
                record = _record(_statement(lines[index:]))
                if record is not None:
                    return record
    return Metadata()


def _unpublished_record(status: re.Match[str]) -> Metadata:
    """An unpublished manuscript's record: kind manuscript, its status as APA 7 (10.8) describes it.

    A manuscript under review is "[Manuscript submitted for publication]", the journal unnamed;
    one in preparation "[Manuscript in preparation]"; a draft "[Unpublished manuscript]".
    """
    if status["submitted"]:
        genre = "Manuscript submitted for publication"
    elif status["preparation"]:
        genre = "Manuscript in preparation"
    else:
        genre = "Unpublished manuscript"
    return stamp(Metadata(kind="manuscript", genre=genre, year=parse_year(status.group())), "page-furniture")


def _statement(lines: list[str]) -> str:
    """The statement's text: its first line and those it wraps onto.

    A status line ("Accepted for publication in ...") goes on only where its venue wraps (the
    line ends in "of", "and", a hyphen); a publisher's wording up to its link, which it ends with
    or quotes the article's reference before.
    """
    text = lines[0]
    status = _STATUS.match(text) is not None
    for line in lines[1:MAX_LINES]:
        if not _JOINING_END.search(text) and (status or _LINK.search(text)):
            break
        text = f"{text[:-1]}{line}" if text.endswith("-") and line[:1].islower() else f"{text} {line}"
    return text


def _record(statement: str) -> Metadata | None:
    """The record one statement gives; None when it names no venue."""
    wiley = _FOLLOWING_ARTICLE.match(statement)
    if wiley:
        return cited_record(f"{wiley['reference']}. {wiley['link']}")
    found = _ACCEPTED.match(statement) or _VERSION_OF.match(statement)
    if found is None:
        return None
    rest = found["rest"]
    if CITED_AUTHOR.match(rest):  # an editor: "To appear in Smith, J. (Ed.), ..."
        return None
    end = _VENUE_END.search(rest)
    cut = end.start() if end else len(rest)
    venue = rest[:cut].strip().removeprefix("the ")
    if (
        not 1 <= len(venue.split()) <= MAX_VENUE_WORDS
        or not venue[0].isupper()
        or not mostly_title_case(venue)
    ):
        return None
    meta = Metadata(venue=venue, doi=normalise_doi(statement))
    named = found.groupdict()
    if _CONFERENCE.search(venue):
        meta.kind = "paper-conference"
    else:
        meta.kind = "chapter" if named.get("kind") == "chapter" else "article-journal"
    meta.publisher = (named.get("publisher") or "").strip()
    meta.year = parse_year(_LINK.sub(" ", rest[cut:])[:DATE_CHARS])
    record = stamp(meta, "page-furniture")
    if meta.year is not None:
        record.uncertain.append("year")
    return record
