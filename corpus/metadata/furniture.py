"""Metadata from a PDF's page furniture: running heads, footers, a cover page, the info Subject.

A manuscript or reprint often states its venue, year, volume, issue and DOI only where
cleaning removes it: in a running head ("The Learning Organization | Manuscript
TLO-12-2018-0219"), a first-page footer ("Journal of X (2021) 14(2): 201-204"), a cover page
("doi: 10.1108/TLO-12-2018-0219"), or the PDF info Subject ("The Learning Organization, 2019").
Here those places are read from the raw pages, before cleaning:

* `furniture_record`: the lines at the edges of every page (and the whole of a short first
  page, a cover). Lines that repeat across pages weigh more than one-off lines. Source
  "page-furniture"; a venue read from a bare running-head segment (no year or volume beside it)
  and a year read from a copyright or "Published online" notice are marked uncertain. A
  short paper's reference list can begin on its first page and end it: lines of the work's
  own reference list are no furniture, and a DOI it cites is not the work's; nor are a first
  page's footnotes, which can cite a work in full (`Cited`).
* `cover_citation_record`: a publisher's cover page that says how to cite the article (Taylor &
  Francis: "To cite this article: A & B (2019) Title, Venue, 30:5-6, 512-530, DOI: ..."):
  every field it states, source "page-furniture", not uncertain. An open-access first page's
  "Citation:" block, as Frontiers and PLOS set it ("Rossi M and Park J (2021) Title. Front.
  Psychol. 12:634567. doi: ..."; "... PLoS ONE 16(3): e0248123. https://doi.org/..."), gives
  the title, year, journal, volume, issue, article number and DOI; not its authors, whose
  names it reduces to initials that the page above it writes in full.
* `subject_record`: the info dictionary's Subject and Keywords when they hold a citation
  ("Venue, 2019", "Venue 98 (2019) 365-380"); source "pdf-info", venue and year uncertain
  (the field is free text).
* `chapter_record`: the foot of a book chapter's first page (Springer Nature's: "© ...
  Springer Nature Switzerland AG 2021" over "M. Rossi and J. Park (eds.), Book Title, Series,"):
  the book as venue, kind chapter, the year and publisher; source "page-furniture".
* `preprint_record`: a preprint server's stamp (arXiv's margin identifier, SSRN's page foot):
  the preprint's DOI, link and repository; source "page-furniture".

Notices stamped by a repository ("Downloaded by ... at 10:11 12 May 2021") are skipped: their
dates are not publication years. Everything here is regex over short lines: linear.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from corpus.cleaning.boilerplate import ARXIV_STAMP
from corpus.cleaning.footnotes import note_lines
from corpus.cleaning.platform_cover import find_platform_cover
from corpus.metadata.capitals import mostly_title_case
from corpus.metadata.fields import (
    COPYRIGHT_YEAR,
    is_place_and_year,
    names_other_material,
    normalise_doi,
    normalise_pages,
    parse_date,
    parse_year,
    split_people,
    stamp,
)
from corpus.metadata.retraction import names_a_retraction
from corpus_core.models import Metadata, RawDocument, Reference

EDGE_LINES = 3
"""Non-empty lines at the top and at the bottom of each page read as furniture."""
COVER_WORDS = 150
"""A first page with fewer words, followed by more pages, is a cover: all its lines are read."""
MAX_LINE_CHARS = 300
"""Longer lines are prose, not furniture."""

_PAGE_AFTER = re.compile(r"\s+(?!(?:19|20)\d\d$)\d{1,4}$")
"""A running foot's page number after the name it repeats."""
_PROCEEDINGS_SERIES = re.compile(
    r"(?P<editors>[^()]{3,160}?)\s+\(Eds?\.\):\s*(?P<venue>[^,]{2,80}?),\s*"
    r"(?:LNCS|LNAI|LNBI|LNBIP|LNISA|LNICST|LNNS|CCIS|IFIP AICT|AISC|SIST|LNEE)\s+(?P<volume>\d{1,5}),\s*"
    r"pp\.\s*(?P<pages>\d{1,5}\s*[–-]\s*\d{1,5}),\s*(?P<year>(?:19|20)\d\d)\.?"
)
"""The foot of a paper's first page in Springer's proceedings series: "E. Kafeza et al. (Eds.):
ICSOC 2020, LNCS 12571, pp. 123–138, 2020."."""
_IEEE_PROCEEDINGS = re.compile(r"\b97[89]-[\d-]{9,15}[\dX]/\d\d/\$\d+\.\d\d\s*©\s*(?:19|20)\d\d\s+IEEE\b")
"""IEEE's notice under a paper in its conference proceedings: the proceedings' ISBN, the year's
two digits and the fee ("978-1-7281-8780-8/20/$31.00 ©2020 IEEE"); a journal's notice opens with
its ISSN instead."""
_NAMED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
"""A year in a conference's name, glued to its acronym too ("ECIS2019")."""
_CONFERENCE = re.compile(r"\b(?:conference|symposium|workshop|congress)\b", re.IGNORECASE)
"""A conference's proceedings by their name; "Proceedings of" alone names journals too (PNAS)."""
_SEGMENT = re.compile(r"\s+[|•·◆▪]\s+|\s{3,}|\t+")
_DOTTED = re.compile(r"\s+[·•]\s+")
"""The dots that part a citation's numbers on MCB University Press's pages, and segments elsewhere."""
_YEAR = re.compile(r"(?<![\w./-])((?:19|20)\d\d)(?![\w/-])")
_VOLUME = re.compile(r"\bvol(?:ume)?\.?\s*(\d{1,4})\b|\b(\d{1,4})\.\s*Jg\b\.?", re.IGNORECASE)
"""A volume: "Vol. 24", "Volume 24", a German journal's year of issues ("62. Jg.", Jahrgang)."""
_ISSUE = re.compile(
    r"\b(?:nos?|issue|iss|number|nr|heft|núm|num|n°)\.?\s*(\d{1,4}(?:[/–-]\d{1,4})?)\b", re.IGNORECASE
)
"""An issue: "No. 3", "Issue 3", "Iss. 3", German "Heft 3", Spanish and Portuguese "núm. 2", French "n° 2"."""
_COMPACT = re.compile(r"\b(\d{1,4})\s*\((\d{1,3}(?:[/–-]\d{1,3})?)\)")
_PAGES = re.compile(
    r"(?:\bpp?\.?\s*|\b[Pp]ages\s+|\bS\.\s*|[):,]\s*)((?P<part>S?)\d{1,5}\s*[-–]\s*(?P=part)\d{1,5})\b"
)
"""The pages of a citation line: "pp. 133-150", "Pages 133-150" (ScienceDirect's), ", 133-150", a
German "S. 133-150" (Seiten), a supplement's with their "S" ("Vol. 17, S1–S5 (2006)")."""
_SIGNAL = re.compile(rf"{_YEAR.pattern}|{_VOLUME.pattern}|{_ISSUE.pattern}|{_COMPACT.pattern}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_PROSE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){3}\b")
"""Four lowercase words in a row: a sentence ("Since 2015 the partners' complaints have
reshaped ..."), not the numbers and labels that follow a venue in a citation line."""
_YEAR_VOLUME_ARTICLE = re.compile(r"\(?(?:19|20)\d\d\)?,\s*(\d{1,4}),\s*(\d{1,6})\b(?!\s*[-–])")
_BRACKETED_YEAR_VOLUME = re.compile(r"\(?(?:19|20)\d\d\)\s*,?\s*(\d{1,4})\s*[:,]\s*[A-Za-z]?\d")
"""The volume after the year in brackets: Springer's "Venue (2016) 44:5–23", Cambridge's "Venue
(2020), 26, 123–145"."""
_NLM = re.compile(
    r"(?:19|20)\d\d\s*;\s*(?P<volume>\d{1,4})\s*(?:\([^)]{1,9}\))?\s*:\s*(?P<first>e?\d{1,8})(?!\d)"
)
"""The volume and first page (or article number) in the NLM (Vancouver) form Wiley's and BMC's
footers use: "Venue. 2020;41:1120–1145", "Venue. 2018;18:442"."""
_AUTHORS_BEFORE_SLASH = re.compile(r"^[^/]{0,120}?(?:\b[^\W\d_]\.|\bet al\.?)[^/]{0,80}?\s+/\s+")
"""Authors before the citation in Elsevier's running head: "C. Grönroos, P. Voima / Journal 40 (2011) 1-9"."""
_AUTHORS_BEFORE_VENUE = re.compile(
    r"^[A-Z][\w'’-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)\s+(?=[A-Z])"
)
"""The authors before the venue in a Springer Nature open-access running head ("Berg et al. BMC
Health Services Research (2020) 20:123", "Berg and Lind Journal of ... (2021) 10:7")."""
_ABBREVIATION_INSIDE = re.compile(r"\b[^\W\d_]{1,6}\.\s")
"""A word abbreviated with a period inside a venue's name: the period after its last word is the
abbreviation's too ("J. of the Acad. Mark. Sci."), not the separator NLM's "J Adv Nurs. 2019;" sets."""
_PAGE_BEFORE_SLASH = re.compile(r"^\d{1,5}\s*/\s*(?=[A-Z])")
"""The page number before a running head's citation and a slash, as Administrative Science Quarterly
sets it ("128/Administrative Science Quarterly, 35 (1990): 128-152")."""
_HELD_BY_VENUE = re.compile(r"^(?:copyright\s*)?©\s*(?=[A-Z])", re.IGNORECASE)
"""A copyright sign before a journal's citation: the Academy of Management's journals hold their
articles' copyright ("© Academy of Management Review 1999, Vol. 24, No. 3, 522-537.")."""
_BRACKETED_ARTICLE = re.compile(r"\(?(?:19|20)\d\d\)\s*\d{1,4}\s*:\s*(e?\d{1,6})$")
"""The article's number after the volume where no page range follows: BMC's "(2020) 20:123"."""
_TRAILING_NUMBER = re.compile(r"[\s,]+(\d{1,4})$")
_VOLUME_COLON_ISSUE = re.compile(r"[\s,]+(\d{1,4}):(\d{1,2})$")
"""Wiley's older mastheads number an issue after its volume and a colon: "Journal of Management
Studies 40:3 May 2003"."""
_LAST_NUMBER = re.compile(r"(?:[\s,]|\))\s*(\d{1,5})\.?$")
"""A lone number that ends a citation line after its volume: a page's ("2021, VOL. 28, NO. 3, 330")."""
_NOTICE = re.compile(
    r"download|accepted for publication|has not been fully edited|printed (?:on|from)|"
    r"electronic copy available|terms (?:and|&) conditions|https?://(?!(?:dx\.)?doi\.org)",
    re.IGNORECASE,
)
_NOT_VENUE = re.compile(
    r"manuscript|peer review|preprint|page\b|copyright|©|\(c\)|all rights|licen[cs]e|doi|issn|isbn|"
    r"received|revised|submitted|accepted|published|posted|available online|et al\b|@|https?:|www\.|"
    r"\bpublishing\b|\bpublishers?\b|\bverlag\b|presented\s+at|prepared\s+for",
    re.IGNORECASE,
)
_CODE = re.compile(r"[^\W\d_]/[^\W\d_]")
"""A document's code in a footer ("EDU/WKP(2016)11", an OECD paper's), no venue's name."""
CITED_AUTHOR = re.compile(r"[A-Z][\w'’-]+,\s+[A-Z]\.")
"""An author as a reference writes one ("Kools, M. and L. Stoll (2016), ..."): no venue."""
_MARKER = re.compile(
    r"^(?:manuscript\b.*|(?:for )?peer review(?: only)?|preprint\b.*|(?:author )?accepted manuscript|"
    r"submitted (?:to|manuscript)\b.*|in press)$",
    re.IGNORECASE,
)
"""A running-head segment saying "this is a manuscript for ...": its neighbour names the venue
(a page number beside a segment says nothing: authors and short titles stand there too)."""
_VENUE_WORD = re.compile(
    r"\b(?:journal|review|quarterly|proceedings|transactions|letters|annals|bulletin|magazine|zeitschrift|"
    r"revue|revista|rivista)\b",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"\b(?:published(?: online)?|first published|available online|version of record online)\b[^0-9]{0,20}"
    r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass
class Citation:
    """What one furniture line says: venue and numbers, and whether the venue is a guess."""

    venue: str = ""
    guessed: bool = False
    year: int | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    article_number: str = ""
    """The article's number where the journal numbers articles, not pages ("Venue 2020, 12, 1234")."""
    first_page: str = ""
    """A page's number after the volume where no range follows ("Venue 131 (2021) 812"): a one-page
    work's pages, or the page a running head stands on."""
    kind: str = ""
    """The kind of work the line says it is part of ("paper-conference": a proceedings series)."""
    editors: str = ""
    """The editors of the volume the line names, as it writes them."""
    publisher: str = ""
    """The publisher the line's form names (Springer for its proceedings series)."""
    date: str = ""
    """The issue's month a magazine's running head names ("April 2011": `Metadata.date`)."""

    def rank(self) -> tuple[bool, int]:
        """How much the line says of its venue: read, not guessed, then how many numbers it gives.

        A running head's "Journal of Marketing, January 2004" gives way to the first page's
        "Journal of Marketing" / "Vol. 68 (January 2004), 1-17".
        """
        numbers = (self.volume, self.issue, self.pages, self.article_number)
        return not self.guessed, sum(bool(value) for value in numbers)

    def give_numbers(self, meta: Metadata) -> None:
        """Set `meta`'s volume, issue, pages and article number to the line's."""
        meta.volume, meta.issue = self.volume, self.issue
        meta.pages, meta.article_number = self.pages, self.article_number


_DATE_WORDS_TEXT = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec januar februar märz mai juni juli oktober "
    "dezember janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter"
)
_DATE_WORDS = frozenset(_DATE_WORDS_TEXT.split())
"""Words of a date ("October 14, 1998", "Spring 2020"): such a line names no venue."""


def _venue_like(text: str) -> bool:
    """Whether a segment can name a venue: a short name, in title case or opening with a venue's word.

    French and Portuguese journals are named in sentence case ("Revue française de gestion").
    """
    words = text.split()
    return (
        1 <= len(words) <= 14
        and not all(word.lower().strip(".,") in _DATE_WORDS for word in words)
        and 4 <= len(text) <= 150
        and (mostly_title_case(text) or (text[0].isupper() and _VENUE_WORD.match(text) is not None))
        and not _NOT_VENUE.search(text)
        and not _CODE.search(text)
        and not CITED_AUTHOR.search(text)
        and sum(c.isalpha() for c in text) >= 0.8 * len(text.replace(" ", ""))
    )


_MONTH_OR_SEASON = (
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|april|june|july|"
    r"august|september|october|november|december|spring|summer|autumn|fall|winter)"
)
ISSUE_MONTHS = rf"{_MONTH_OR_SEASON}(?:\s*[-–/]\s*{_MONTH_OR_SEASON})?"
"""An issue's month or season, or a run of them: "April", "July–August", "Winter", "Sept."."""
_MAGAZINE_HEAD = re.compile(
    rf"\d{{1,4}}\s+(?P<before>.+?)(?:\s+|\s*/\s*)(?P<date>{ISSUE_MONTHS},?\s+(?:19|20)\d\d)|"
    rf"(?P<date_first>{ISSUE_MONTHS},?\s+(?:19|20)\d\d)\s+(?P<after>.+?)\s+\d{{1,4}}|"
    rf"(?P<slashed>[^/]+?)\s*/\s*(?P<date_slashed>{ISSUE_MONTHS},?\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
"""A magazine's running head: the page number on the outer edge, the issue's month or season and year
on the inner ("50 Harvard Business Review April 2011", "SPRING 2011 MIT SLOAN MANAGEMENT REVIEW 23"),
or the two apart by a slash, the page number set on its own ("SLOAN MANAGEMENT REVIEW/WINTER 1993")."""
_TRAILING_DATE = re.compile(rf"[\s,]+{ISSUE_MONTHS}$", re.IGNORECASE)
"""The issue's month or season before its year, not the venue's ("The Learning Organization, March 2019")."""
_LEADING_NUMBER = re.compile(r"\d{1,4}\s")
"""A page number before a running head's words: no venue ("12 Learning from Failure April 2011")."""


def _magazine_head(segment: str) -> Citation | None:
    """The venue and year of a magazine's running head (`_MAGAZINE_HEAD`), when it names a periodical."""
    found = _MAGAZINE_HEAD.fullmatch(segment)
    if found is None:
        return None
    venue = (found["before"] or found["after"] or found["slashed"]).strip(" ,.;:|/")  # "2 / Journal of ..."
    if not (_venue_like(venue) and _VENUE_WORD.search(venue)):
        return None
    dated = found["date"] or found["date_first"] or found["date_slashed"]
    year = _YEAR.search(dated)
    return Citation(venue=venue, year=parse_year(year.group(1)) if year else None, date=parse_date(dated))


def parse_citation(segment: str) -> Citation | None:
    """Venue and numbers of a citation line in page furniture; None when the segment is none.

    Forms: "Venue, 2019, Vol. 3, No. 2, pp. 1-9", "Venue 98 (2019) 365-380", "Venue (2021) 14(2): 201-204",
    Elsevier's "A. Author, B. Author / Venue 40 (2011) 133-150", Springer Nature's open-access
    "Berg et al. Venue (2020) 20:123" (the article's number after the volume), and a magazine's running head
    ("50 Harvard Business Review April 2011", `_MAGAZINE_HEAD`).
    """
    segment = _AUTHORS_BEFORE_SLASH.sub("", " ".join(segment.split()))
    segment = _PAGE_BEFORE_SLASH.sub("", _AUTHORS_BEFORE_VENUE.sub("", segment))
    held = _HELD_BY_VENUE.match(segment)
    if held is not None:  # "© Academy of Management Review 1999, Vol. 24": the journal's own copyright
        found = _journal_citation(segment[held.end() :])
        return found if found is not None and found.volume and _VENUE_WORD.search(found.venue) else None
    magazine = _magazine_head(segment)
    if magazine is not None:
        return magazine
    series = _PROCEEDINGS_SERIES.fullmatch(segment)
    if series is not None:
        return Citation(
            venue=series["venue"],
            year=int(series["year"]),
            volume=series["volume"],
            pages=normalise_pages(series["pages"]),
            kind="paper-conference",
            editors=series["editors"],
            publisher="Springer",
        )
    found = _journal_citation(segment)
    conference = _CONFERENCE.search(segment)
    if conference is None or (
        found is not None and _CONFERENCE.search(found.venue) and "," not in found.venue[conference.end() :]
    ):
        return found
    return _conference_name(segment, conference) or found


def _conference_name(segment: str, conference: re.Match[str]) -> Citation | None:
    """A conference's name and the year it holds or follows it with its place (always a guess).

    ICIS's foot "Fortieth International Conference on Information Systems, Munich 2019", ECIS's
    "Twenty-Seventh European Conference on Information Systems (ECIS2019), Stockholm-Uppsala,
    Sweden", "Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems",
    IEEE's "2020 IEEE International Conference on Services Computing (SCC)": the name runs to
    the first comma after its conference word. A guess: a first page's title may name a
    conference too, so the name counts where it repeats (`furniture_record`). A page number
    after it is no part of it.
    """
    comma = segment.find(",", conference.end())
    venue = _PAGE_AFTER.sub("", segment if comma < 0 else segment[:comma]).strip(" ,.;:")
    year = _NAMED_YEAR.search(venue) or _NAMED_YEAR.search(segment)
    if year is None or not _venue_like(venue) or _PROSE.search(venue) or not mostly_title_case(venue):
        return None
    return Citation(venue=venue, guessed=True, year=int(year.group(1)))


def _journal_citation(segment: str) -> Citation | None:
    """`parse_citation` of a segment that is no magazine's running head."""
    signal = _SIGNAL.search(segment)
    if signal is None or signal.start() == 0 or is_place_and_year(segment):
        return None
    venue = segment[: signal.start()].rstrip(" ,.;:(")
    rest = segment[signal.start() :]
    if _PROSE.search(rest) or venue.startswith(("(", "[")):
        return None  # a sentence, or an in-text citation ("(Garvin, Edmondson and Gino, 2008; ...")
    found = Citation()
    trailing = _TRAILING_NUMBER.search(venue)
    if trailing and _YEAR.match(rest.lstrip("(")):
        found.volume = trailing.group(1)
        venue = venue[: trailing.start()]
    venue = _TRAILING_DATE.sub("", venue.strip(" ,.;:")).strip(" ,.;:")
    if not found.volume and (numbered := _VOLUME_COLON_ISSUE.search(venue)):
        found.volume, found.issue = numbered.groups()
        venue = venue[: numbered.start()]
    if not _venue_like(venue) or _LEADING_NUMBER.match(venue):
        return None
    abbreviated = _ABBREVIATION_INSIDE.search(venue) and segment.startswith(f"{venue}.")
    found.venue = f"{venue}." if abbreviated else venue
    year = _YEAR.search(rest)
    found.year = parse_year(year.group(1)) if year else None
    compact = _COMPACT.search(rest)
    volume, issue, pages = _VOLUME.search(rest), _ISSUE.search(rest), _PAGES.search(rest)
    volume_number = next(number for number in volume.groups() if number) if volume else ""
    found.volume = found.volume or volume_number or (compact.group(1) if compact else "")
    found.issue = found.issue or (issue.group(1) if issue else compact.group(2) if compact else "")
    found.pages = normalise_pages(pages.group(1)) if pages else ""
    if not (found.volume or found.pages) and (numbered := _YEAR_VOLUME_ARTICLE.match(rest)):
        found.volume, found.article_number = numbered.groups()  # MDPI: "Venue 2020, 12, 1234"
    if not found.volume and (bracketed := _BRACKETED_YEAR_VOLUME.match(rest)):
        found.volume = bracketed.group(1)
        if not found.pages and (article := _BRACKETED_ARTICLE.match(rest)):
            found.article_number = article.group(1)
    if (not found.volume or compact) and (nlm := _NLM.match(rest)):
        found.volume = nlm["volume"]
        if not found.pages:  # no page range: the article's number, "BMC Med. 2018;18:442"
            found.article_number = nlm["first"]
    if found.year is None and not found.volume:
        return None
    last = _LAST_NUMBER.search(rest) if found.volume and not (found.pages or found.article_number) else None
    if last and last.group(1) not in (found.volume, found.issue, str(found.year)):
        found.first_page = last.group(1)
    return found


def _bare_venue(segments: list[str], index: int) -> Citation | None:
    """A running-head segment naming the venue without numbers (a guess), or with its year beside it.

    It is told by a venue word or by a manuscript marker beside it ("| Manuscript ID"). A year
    alone beside a venue ("Proceedings of the 53rd Hawaii International Conference on System
    Sciences | 2020") is its year, as in "Venue, 2020".
    """
    text = _PAGE_AFTER.sub("", segments[index])  # "Journal of Statistical Software 3": page 3's head
    if not _venue_like(text) or len(text.split()) < 2:
        return None
    beside = [s for i, s in enumerate(segments) if i != index]
    if _VENUE_WORD.search(text) and len(beside) == 1 and _YEAR.fullmatch(beside[0]):
        return Citation(venue=text, guessed=False, year=int(beside[0]))  # "Venue | 2020", as "Venue, 2020"
    if _VENUE_WORD.search(text) or any(_MARKER.match(s) for s in beside):
        return Citation(venue=text, guessed=True)
    return None


def read_line(line: str) -> list[Citation]:
    """Every citation or bare venue one furniture line holds (a line may carry several segments)."""
    if len(line) > MAX_LINE_CHARS or _NOTICE.search(line):
        return []
    segments = [s.strip() for s in _SEGMENT.split(line) if s.strip()]
    if _DOTTED.search(line) and (whole := parse_citation(_DOTTED.sub(", ", line))) and whole.rank()[1] > 1:
        return [whole]  # "The Learning Organization Volume 5 · Number 3 · 1998 · pp. 139–146": one citation
    found: list[Citation] = []
    for index, segment in enumerate(segments):
        citation = parse_citation(segment)
        if citation is None and len(segments) > 1:
            citation = _bare_venue(segments, index)
        elif citation is None:
            citation = _bare_venue([segment], 0) if _VENUE_WORD.search(segment) else None
        if citation is not None:
            found.append(citation)
    return found


def _plain(text: str) -> str:
    """`text` compatibility-normalised ("ﬁ" as "fi"), its spaces collapsed: raw and cleaned text alike."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


MIN_LISTED_CHARS = 12
"""Shortest first-page line looked for in the reference list (a shorter one could be in any entry)."""
_TITLE_WORD = re.compile(
    r"(?<![^\W\d_])(?!(?:vol|volume|issue|no|nos|pp|pages|art)\b)[^\W\d_]{2,}", re.IGNORECASE
)
"""A word of a cited work's title, not of its numbers ("14(2): 201-232", "Vol. 31 No. 4")."""


@dataclass(frozen=True)
class Cited:
    """What a work's own reference list holds, which its page furniture is not: entries and DOIs."""

    entries: tuple[str, ...] = ()
    """Each entry's text, `_plain`."""
    dois: frozenset[str] = frozenset()
    """The DOIs the entries cite, lower case."""

    @classmethod
    def of(cls, references: Sequence[Reference], notes: Sequence[str] = ()) -> Cited:
        """The entries and DOIs of `references` and of the first page's footnotes (`notes`, their lines).

        A reference's entry ends at its DOI. A first-page footer under the list is read as
        part of it: as an entry of its own ("Journal of X (2021) 14(2): 201-232": no title
        in words, so no entry here) or after the last one's DOI (the article's own
        "https://doi.org/..."). A note can cite a work in full ("2 Amy Edmondson, ...
        Administrative Science Quarterly 44, no. 2 (1999): 350-83, https://doi.org/...").
        """
        entries = [_plain(line) for line in notes]
        dois = {doi.lower() for doi in map(normalise_doi, notes) if doi}
        for reference in references:
            doi = normalise_doi(reference.raw)
            if doi:
                dois.add(doi.lower())
            if _TITLE_WORD.search(reference.title):
                text = reference.raw
                entries.append(_plain(text[: text.index(doi) + len(doi)] if doi else text))
        return cls(tuple(entries), frozenset(dois))

    def lists(self, line: str) -> bool:
        """Whether `line` (a raw page's) is part of an entry: a line of the reference list."""
        plain = _plain(line).rstrip("-")  # a word broken at the line's end is whole in the entry
        return len(plain) >= MIN_LISTED_CHARS and any(plain in entry for entry in self.entries)


NOTHING_CITED = Cited()
"""A work without a reference list."""


def first_page_notes(raw: RawDocument) -> list[str]:
    """The footnotes' lines of a PDF's first page of text (after a platform's cover): no furniture."""
    if raw.format != "pdf":
        return []
    cover = find_platform_cover(raw.pages)
    pages = [page for index, page in enumerate(raw.pages) if index != cover and page.strip()]
    return note_lines(pages[0].splitlines()) if pages else []


def _furniture_lines(pages: list[str], cited: Cited = NOTHING_CITED) -> Counter[str]:
    """Furniture lines, each with the number of pages it is on.

    Edge lines that repeat on two or more pages (digits aside: "Vol. 3 | 12", "Vol. 3 | 13"),
    the first page's edge lines, and every line of a cover page. A one-off edge line of a
    later page is body text (a reference at the foot of a page), never furniture; so is a
    one-off line of the first page that `cited` lists (a reference list begun on it, or
    one of its footnotes).
    """
    filled = [p for p in pages if p.strip()]
    edges: list[list[str]] = []
    for number, page in enumerate(filled):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        words = sum(len(line.split()) for line in lines)
        runs = [lines] if number == 0 and len(filled) > 1 and words < COVER_WORDS else []
        runs = runs or [lines[:EDGE_LINES], lines[-EDGE_LINES:]]
        if number == 0:  # SAGE sets "Journal of X" over "2019, Vol. 22(1) 3-20": one citation
            runs.append(
                [f"{a} {b}" for run in runs[:2] for a, b in itertools.pairwise(run) if _SIGNAL.match(b)]
            )
            runs.append(_margin_box(lines))
        edges.append(list(dict.fromkeys(line for run in runs for line in run)))
    pages_of: Counter[str] = Counter(_DIGITS.sub("#", line) for lines in edges for line in lines)
    seen: Counter[str] = Counter()
    for number, lines in enumerate(edges):
        for line in lines:
            count = pages_of[_DIGITS.sub("#", line)]
            if count >= 2 or (number == 0 and not cited.lists(line)):
                seen[line] = max(seen[line], count)
    return seen


def printed_venues(raw: RawDocument) -> Iterator[str]:
    """Names written out in the page furniture, segment by segment: what an abbreviated venue may stand for.

    Frontiers sets its journal abbreviated in the first page's "Citation:" block ("Front.
    Psychol. 12:634567") and in full in every page's footer ("Frontiers in Psychology |
    www.frontiersin.org"); `venue_query.with_full_venue` takes the name that it abbreviates.
    """
    if raw.format != "pdf" or not raw.pages:
        return
    for line in _furniture_lines(raw.pages):
        for segment in _SEGMENT.split(line):
            segment = segment.strip(" ,.;:")
            if _venue_like(segment) and not _DIGITS.search(segment):
                yield segment


_VOLUME_LINE = re.compile(r"Vol(?:ume)?\.?\s*\d{1,4}\b.*\b(?:19|20)\d\d\b", re.IGNORECASE)
_PAGES_LINE = re.compile(r"pp?\.\s*\d{1,5}\s*[-–]\s*\d{1,5}\s*$", re.IGNORECASE)


def _margin_box(lines: list[str]) -> list[str]:
    """A first page's citation set line under line anywhere on it, as Emerald's margin box does.

    "The Learning Organization" / "Vol. 26 No. 3, 2019" / "pp. 283-295" is read as one line:
    a venue-like line over a line that starts with the volume and holds the year, and the
    pages on the line under that when they stand alone.
    """
    found = []
    for index in range(len(lines) - 1):
        venue, numbers = lines[index], lines[index + 1]
        if not _VOLUME_LINE.match(numbers):
            continue
        pages = lines[index + 2] if index + 2 < len(lines) and _PAGES_LINE.match(lines[index + 2]) else ""
        found.append(" ".join(part for part in (venue, numbers, pages) if part))
    return found


def furniture_record(raw: RawDocument, cited: Cited = NOTHING_CITED) -> Metadata:
    """Venue, year, volume, issue, pages and DOI from the raw pages' furniture (see the module doc).

    `cited` is the work's own reference list: its lines are no furniture, its DOIs not the work's.
    """
    meta = Metadata()
    if raw.format != "pdf" or not raw.pages:
        return meta
    cover = find_platform_cover(
        raw.pages
    )  # its record is `platform_cover_record`'s; its lines are no furniture
    lines = _furniture_lines([page for index, page in enumerate(raw.pages) if index != cover], cited)
    scores: Counter[str] = Counter()
    best: dict[str, Citation] = {}
    years: dict[str, int] = {}
    year_guesses: list[int] = []
    ieee = any(_IEEE_PROCEEDINGS.search(line) for line in lines)
    for line, count in lines.items():
        for citation in read_line(line):
            named = ieee and _CONFERENCE.search(citation.venue) is not None  # IEEE's foot names it once
            if citation.guessed and count < 2 and not _SEGMENT.search(line) and not named:
                continue  # a title on page 1 ("Learning Organizations: A Review") is no running head
            weight = count * (1 if citation.guessed else 2)
            scores[citation.venue] += weight
            known = best.get(citation.venue)
            if known is None or known.rank() < citation.rank():
                best[citation.venue] = citation
            if citation.year is not None and not citation.guessed:
                years.setdefault(citation.venue, citation.year)
        if not meta.doi and "10." in line and not names_a_retraction(line) and not names_other_material(line):
            doi = normalise_doi(line)
            meta.doi = "" if doi.lower() in cited.dois else doi
        notice = None if _NOTICE.search(line) else COPYRIGHT_YEAR.search(line) or _PUBLISHED.search(line)
        if notice and (year := parse_year(notice.group(1))) is not None:
            year_guesses.append(year)
    if scores:
        venue = max(scores, key=lambda v: (scores[v], not best[v].guessed))
        chosen = best[venue]
        meta.venue = venue
        chosen.give_numbers(meta)
        meta.kind, meta.publisher = chosen.kind, chosen.publisher
        if chosen.editors and not re.search(r"\bet al\b", chosen.editors):
            meta.editors = split_people(chosen.editors)
        meta.year = chosen.year or years.get(venue)  # SAGE: the year on the first page only
        meta.date = chosen.date
        if not meta.pages and len([page for page in raw.pages if page.strip()]) == 1:
            meta.pages = chosen.first_page  # a one-page work: its head's one number is its page
    if meta.venue and not meta.volume:
        _issue_line(meta, [page for index, page in enumerate(raw.pages) if index != cover])
    guessed = {"venue"} if meta.venue and best[meta.venue].guessed else set()
    if ieee:
        meta.kind, meta.publisher = "paper-conference", meta.publisher or "IEEE"
    elif _CONFERENCE.search(meta.venue):
        meta.kind = "paper-conference"
        guessed.add("kind")
    if meta.year is None and year_guesses:
        meta.year = Counter(year_guesses).most_common(1)[0][0]
        guessed.add("year")
    stamp(meta, "page-furniture")
    meta.uncertain = [name for name in meta.sources if name in guessed]
    return meta


_NUMBERS = (
    r"vol(?:ume)?\.?\s*(?P<volume>\d{1,4})[,.]?\s+"
    r"(?:no|issue|number)\.?\s*(?P<issue>\d{1,4}(?:[/–-]\d{1,4})?)"
)
_DATE = rf"(?:{ISSUE_MONTHS},?\s+)?(?P<year>(?:19|20)\d\d)"
_ISSUE_LINES = (
    re.compile(rf"{_DATE}[,.]?\s+{_NUMBERS}", re.IGNORECASE),
    re.compile(rf"{_NUMBERS}[,.]?\s+{_DATE}", re.IGNORECASE),
)
"""A magazine's first page names its issue on a line of its own: "Winter 2010 Vol. 51 No. 2"."""
HEAD_LINES = 12
"""Lines at the top of the first page where a magazine names its issue."""
_LINK_AT_END = re.compile(r"\s+(?:https?://|www\.)\S+$", re.IGNORECASE)


def _issue_line(meta: Metadata, pages: list[str]) -> None:
    """The volume and issue of the first page's issue line (`_ISSUE_LINES`) of the year the heads name.

    The journal's address may close the line ("January 2007, Volume 18, Issue 3.
    http://www.jstatsoft.org/").
    """
    first = next((page for page in pages if page.strip()), "")
    for line in first.splitlines()[:HEAD_LINES]:
        text = _LINK_AT_END.sub("", " ".join(line.split())).rstrip(" .")
        found = next((m for pattern in _ISSUE_LINES if (m := pattern.fullmatch(text))), None)
        if found is not None and (meta.year is None or parse_year(found["year"]) == meta.year):
            meta.volume, meta.issue = found["volume"], found["issue"]
            meta.year = meta.year or parse_year(found["year"])
            return


_CITE_THIS = re.compile(
    r"to cite this article\s*:\s*(?P<cite>.{10,600}?(?:DOI:\s*10\.\d{4,9}/\S+|(?=\s*(?:to link to this "
    r"article|published online|$))))",
    re.IGNORECASE,
)
_CITE_PARTS = re.compile(
    r"(?P<authors>[^()]{3,300}?)\s*\((?P<year>(?:19|20)\d\d)\)\s*:?\s*(?P<title>.+?),\s*"
    r"(?P<venue>[^,]{3,150}?)(?:,\s*(?P<volume>\d{1,4})(?::(?P<issue>[\w/–-]{1,12}))?,\s*"
    r"(?P<pages>[A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d+))?(?:,\s*DOI:\s*(?P<doi>\S+?))?\.?",
    re.IGNORECASE,
)
"""T&F's citation: "A & B (2019) Title, Venue, 30:5-6, 512-530, DOI: ..." (online first: no numbers)."""
_CITATION_BLOCK = re.compile(
    r"(?<![\w-])citation\s*:\s*(?P<cite>.{10,600}?(?:doi:\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/\S+)",
    re.IGNORECASE,
)
_CITATION_PARTS = re.compile(
    r"(?P<authors>[^()]{3,300}?)\s*\((?P<year>(?:19|20)\d\d)\)\s*(?P<title>.+?[.?!])\s+"
    r"(?P<venue>[^\W\d_][^:()\d]{1,150}?\.?)\s+(?P<volume>\d{1,4})(?:\s*\((?P<issue>[\w/–-]{1,12})\))?\s*:\s*"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\.?\s*"
    r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(?P<doi>10\.\d{4,9}/\S+?)\.?"
)
"""An open-access first page's citation: "A and B (2021) Title. Venue 12:634567. doi: ..." (Frontiers),
"A, B (2021) Title. Venue 16(3): e0248123. https://doi.org/..." (PLOS)."""


def cover_citation_record(raw: RawDocument) -> Metadata:
    """The record a cover page's "To cite this article:" states (see the module doc); empty if none."""
    meta = Metadata()
    if raw.format != "pdf" or not raw.pages:
        return meta
    lines = [line.strip() for line in raw.pages[0].splitlines() if line.strip()]
    flowing = ""
    for line in lines:
        joins = flowing.endswith("-") and line[:1].islower()
        flowing = f"{flowing[:-1]}{line}" if joins else f"{flowing} {line}".strip()
    found = _CITE_THIS.search(flowing)
    parts = _CITE_PARTS.fullmatch(found["cite"].strip()) if found else None
    if parts is None:
        return _citation_block_record(flowing)
    meta.authors = split_people(parts["authors"])
    meta.year = int(parts["year"])
    meta.title = parts["title"].strip()
    meta.venue = parts["venue"].strip()
    meta.volume, meta.issue = parts["volume"] or "", parts["issue"] or ""
    meta.pages = normalise_pages(parts["pages"]) if parts["pages"] else ""
    meta.doi = normalise_doi(parts["doi"]) if parts["doi"] else ""
    meta.kind = "article-journal"
    return stamp(meta, "page-furniture")


def _citation_block_record(flowing: str) -> Metadata:
    """The record an open-access first page's "Citation:" block states (see the module doc)."""
    meta = Metadata()
    found = _CITATION_BLOCK.search(flowing)
    parts = _CITATION_PARTS.fullmatch(found["cite"].strip()) if found else None
    if parts is None:
        return meta
    meta.year = int(parts["year"])
    meta.title = parts["title"].strip().rstrip(".")
    meta.venue = parts["venue"].strip()
    meta.volume, meta.issue = parts["volume"], parts["issue"] or ""
    if re.search(r"\d\s*[-–]", parts["pages"]):
        meta.pages = normalise_pages(parts["pages"])
    else:  # the article's number: Frontiers' "12:634567", PLOS's "16(3): e0248123"
        meta.article_number = parts["pages"]
    meta.doi = normalise_doi(parts["doi"])
    meta.kind = "article-journal"
    return stamp(meta, "page-furniture")


def subject_record(info: dict[str, str]) -> Metadata:
    """Venue, year, volume, issue, pages from a citation in the PDF info Subject or Keywords."""
    meta = Metadata()
    for key in ("subject", "keywords"):
        value = " ".join(str(info.get(key) or "").split())
        for piece in re.split(r"[;\n]|\.\s+(?=doi)", value[: 4 * MAX_LINE_CHARS], flags=re.IGNORECASE):
            citation = parse_citation(piece) if len(piece) <= MAX_LINE_CHARS else None
            if citation is not None:
                meta.venue, meta.year = citation.venue, citation.year
                citation.give_numbers(meta)
                stamp(meta, "pdf-info")
                meta.uncertain = [name for name in ("venue", "year") if name in meta.sources]
                return meta
    return meta


PREPRINT_LINES = 12
"""How far down its first page a preprint's stamp is looked for (text extraction puts it first)."""
SSRN_STAMP = re.compile(
    r"Electronic copy available at:?\s*https?://(?:www\.)?(?:ssrn\.com/abstract=|"
    r"papers\.ssrn\.com/sol3/papers\.cfm\?abstract_id=)(?P<id>\d{5,9})",
    re.IGNORECASE,
)
"""The foot SSRN stamps on every page of a paper it serves; its DOIs are 10.2139/ssrn.ID."""


def preprint_record(raw: RawDocument, published_in: str = "") -> Metadata:
    """What a preprint server's stamp on the first page says: the DOI, the repository, a year.

    arXiv prints its identifier up the margin ("arXiv:2103.04567v2 [cs.SI] 14 Mar 2021") and
    registers a DataCite DOI for every paper (10.48550/arXiv.ID); the date stamped is the
    version's, the one this file is. SSRN stamps each page's foot ("Electronic copy
    available at: https://ssrn.com/abstract=3612345"; DOI 10.2139/ssrn.ID, no date). Kind
    "article" is CSL's type for a preprint, and the server is its publisher, as Zotero
    records a preprint's repository (APA: "Title. arXiv. https://doi.org/..."; as a venue
    it read "In arXiv"). Source "page-furniture", not uncertain: the server stamps it; a
    sidecar, the PDF's own record or a labelled DOI (the published version's) still come
    first. A file whose furniture names a journal (`published_in`: the published version,
    served by the server) is not called a preprint: only the DOI and link are given.
    """
    meta = Metadata()
    first = next((page for page in raw.pages if page.strip()), "")
    for line in first.splitlines()[:PREPRINT_LINES]:
        found = ARXIV_STAMP.fullmatch(line.strip())
        if found:
            meta.doi = f"10.48550/arXiv.{found['id']}"
            meta.url = f"https://arxiv.org/abs/{found['id']}{found['version'] or ''}"
            meta.publisher, meta.kind = "arXiv", "article"
            meta.year = parse_year(found["year"])
            return _as_served(meta, published_in)
    ssrn = SSRN_STAMP.search(first)
    if ssrn:
        meta.doi = f"10.2139/ssrn.{ssrn['id']}"
        meta.url = f"https://ssrn.com/abstract={ssrn['id']}"
        meta.publisher, meta.kind = "SSRN", "article"
    return _as_served(meta, published_in)


PREPRINT_SERVERS = {
    "10.48550/arxiv.": "arXiv",
    "10.2139/ssrn.": "SSRN",
    "10.21203/rs.": "Research Square",
    "10.20944/preprints": "Preprints",
    "10.31219/osf.io/": "OSF Preprints",
    "10.31235/osf.io/": "SocArXiv",
    "10.31234/osf.io/": "PsyArXiv",
    "10.35542/osf.io/": "EdArXiv",
    "10.22541/au.": "Authorea",
    "10.31124/advance.": "Advance",
}
"""DOI prefixes that preprint servers register their preprints under (lowercase), and the servers."""


def preprint_server(doi: str) -> str:
    """The preprint server a DOI is registered by ("10.21203/rs.3.rs-123456/v1": Research Square), or ''."""
    doi = doi.lower()
    return next((server for prefix, server in PREPRINT_SERVERS.items() if doi.startswith(prefix)), "")


def _as_served(meta: Metadata, published_in: str) -> Metadata:
    """The preprint record, or only its DOI and link when the file is a journal's version."""
    if published_in:
        meta.publisher = meta.kind = ""
    return stamp(meta, "page-furniture")


_EDITED_BOOK = re.compile(
    r"(?:^|\n)(?P<editors>[^\n(]{2,200}?)\s*\((?:eds?|Hrsg|dir|coords?)\.?\)\s*,\s*(?P<book>[^,\n]{3,200}?)\s*(?:,|\n|$)",
    re.IGNORECASE,
)
"""A chapter's book under its editors, as Springer Nature sets it at the foot of the chapter's
first page: "M. Rossi and J. Park (eds.), Learning in Service Systems, Contributions to ..."."""
_CHAPTER_COPYRIGHT = re.compile(
    r"©[^\n]{0,160}?\b(?P<publisher>Springer|Palgrave)\b[^\n]{0,80}?\b(?P<year>(?:19|20)\d\d)\b"
)
"""Springer Nature's copyright line ("© The Author(s), under exclusive license to Springer Nature
Switzerland AG 2021"): the year the chapter was published, and its imprint."""
_SERIES_VOLUME = re.compile(
    r"(?:^|\n)(?P<book>[^\n]{3,200}?),\s*Volume\s+(?P<volume>\d{1,4}),\s*(?P<pages>\d{1,5}\s*[-–]\s*\d{1,5})\s*"
    r"(?:\n|$)[^\n]{0,40}?©\s*(?P<year>(?:19|20)\d\d)\s+(?:by\s+)?(?P<publisher>Emerald[\w ]{0,40}?Limited)\b"
)
"""Emerald's book series at a chapter's foot: "Advances in Entrepreneurship, Firm Emergence and
Growth, Volume 21, 67–89" over "Copyright © 2019 by Emerald Publishing Limited"."""
_EDITED_BY = re.compile(
    r"(?:^|\n)(?P<book>[^\n,]{3,200}?),\s*edited\s+by\s+(?P<editors>[^\n©]{3,200}?)\.?\s*©\s*(?P<year>(?:19|20)\d\d)"
    r"\s+The\s+Editors?\s+and\s+Contributors\s+Severally\b",
    re.IGNORECASE,
)
"""Edward Elgar's line at a chapter's foot: "Research Handbook on Organizational Learning, edited by
Anna Berg. © 2020 The Editor and Contributors Severally"."""
_PALGRAVE_SERIES = re.compile(r"^[,\s]*Palgrave\b")
"""A Palgrave series after the book's title ("..., Value Co-creation in Practice, Palgrave Studies in
Marketing"): the imprint APA names, though the copyright is Springer Nature's."""
FOOT_LINES = 8
"""How many lines at the foot of a first page are read for a chapter's book."""


def chapter_record(raw: RawDocument) -> Metadata:
    """A book chapter's book, its editors, year, publisher and printed pages, from its first page's foot.

    Springer Nature's: only with both the editors' line and the publisher's copyright line, each
    alone too common to say that the file is a chapter. Emerald's book series (`_SERIES_VOLUME`)
    and Edward Elgar's books (`_EDITED_BY`) say so in one line or two of their own.
    """
    meta = Metadata()
    first = next((page for page in raw.pages if page.strip()), "")
    foot = "\n".join(first.strip().splitlines()[-FOOT_LINES:])
    book, copyright = _EDITED_BOOK.search(foot), _CHAPTER_COPYRIGHT.search(foot)
    series, elgar = _SERIES_VOLUME.search(foot), _EDITED_BY.search(foot)
    if book and copyright:
        meta.venue, meta.editors = book["book"].strip(), split_people(book["editors"])
        palgrave = _PALGRAVE_SERIES.search(foot[book.end() - 1 :])
        meta.year = parse_year(copyright["year"])
        meta.publisher = "Palgrave Macmillan" if palgrave else copyright["publisher"]
    elif series:
        meta.venue, meta.volume, meta.pages = (
            series["book"].strip(),
            series["volume"],
            normalise_pages(series["pages"]),
        )
        meta.year, meta.publisher = parse_year(series["year"]), series["publisher"]
    elif elgar:
        meta.venue, meta.editors = elgar["book"].strip(), split_people(elgar["editors"])
        meta.year, meta.publisher = parse_year(elgar["year"]), "Edward Elgar Publishing"
    else:
        return stamp(meta, "page-furniture")
    meta.kind = "chapter"
    labels = [label for label in raw.page_labels if label.strip()]
    if not meta.pages and len(labels) == len(raw.pages) and labels[0].isdigit() and labels[-1].isdigit():
        meta.pages = f"{labels[0]}-{labels[-1]}"  # the chapter's printed pages
    return stamp(meta, "page-furniture")
