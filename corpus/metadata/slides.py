"""A talk's slides (a PowerPoint deck or a PDF) or a conference poster: who presented it, where, when.

A deck exported from PowerPoint, Keynote, Impress, Google Slides or LaTeX's Beamer is a PDF of
wide pages with a few words each. Its first slide holds the talk's title over the speaker and
the event ("Jane Smith, University of Leeds" / "EGOS Colloquium 2021, Amsterdam, 8 July 2021").
Read as a paper, the second slide's heading and bullet became its title and the speaker was
lost. The deck is a talk (CSL's "speech"), its event its venue, its day its date, and APA 7
(10.5) cites it "Smith, J. (2021, July 8). Learning with customers: Value co-creation in service
ecosystems [Conference presentation slides]. EGOS Colloquium 2021." A poster is one page of A2
or larger, its title over its authors at the top, the event at its top or foot: "[Poster
presentation]". A paper whose first page says where it is presented ("Paper presented at the
35th EGOS Colloquium, Edinburgh, 4–6 July 2019", "Paper prepared for the Academy of Management
Annual Meeting, Boston, August 2019") is cited "[Paper presentation]. 35th EGOS Colloquium."
(`presented_paper_record`). Source "page-furniture".
"""

from __future__ import annotations

import re
import statistics

from corpus.metadata.fields import PRESENTATION_GENRES, parse_issued, split_people, stamp
from corpus.metadata.labelled import is_author_line, line_names
from corpus.metadata.version_statement import FRONT_FORMATS as MANUSCRIPT_FORMATS
from corpus_core.models import Metadata, Person, RawDocument

MIN_SLIDES = 3
"""Pages a deck has at least (a poster or a one-page handout is none)."""
MAX_WORDS = 90
"""Words a deck's pages hold at most, by their median: slides are bullets, not prose."""
TITLE_LINES = 3
"""Lines the talk's title takes on its first slide at most."""
PROGRAMS = re.compile(r"power\s*point|keynote|\bimpress\b|beamer|google\s+slides", re.I)
"""The programs that make slides, as a PDF's Creator or Producer names them."""
_EVENT = re.compile(
    r"\b(?:conference|colloquium|symposium|workshop|congress|summit|meeting|seminar|forum|convention|"
    r"EGOS|EURAM|AOM|ICIS|HICSS|SMS|AMA|ANZAM|BAM|OLKC)\b",
    re.I,
)
"""A word that names an event where a talk is given."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SEPARATOR = re.compile(r",|\s[·|•–—-]\s")
"""What parts a title slide's event line: "EGOS Colloquium 2021, Amsterdam", "OLKC 2022 · 12 May"."""
_PRESENTED_AT = re.compile(
    r"^(?:(?:this\s+)?(?P<work>paper|poster|manuscript|draft)\s+)?(?:(?:was|is)\s+)?(?:to\s+be\s+)?"
    r"(?:presented\s+at|prepared\s+for(?:\s+presentation\s+at)?)\s+(?:the\s+)?(?=\S)",
    re.I,
)
"""What may precede the event's name: "Presented at the EURAM 2023 Annual Conference", "Paper prepared
for the Academy of Management Annual Meeting", "This paper was presented at ..."; opening a line,
a paper's statement of where it is presented ("An earlier version of this paper was presented at
...", a published article's note, opens none)."""
_DAY_RANGE = re.compile(r"\b(\d{1,2})\s*[–-]\s*\d{1,2}\b")
"""The days a meeting lasts ("4–6 July 2019", "August 9–13, 2019"): it is dated by its first."""
_SLIDE_NUMBER = re.compile(r"\d{1,3}(?:\s*/\s*\d{1,3})?")
POSTER_POINTS = 1190.0
"""The short side of a poster's page at least, in points: A2's (420 mm); A4 is 595."""
POSTER_LINES = 12
"""Lines at the top and at the foot of a poster where its title, authors and event stand."""


def is_slide_deck(raw: RawDocument) -> bool:
    """Whether a PDF is a talk's slides: made by a presentation program or on wide pages, a few words each."""
    if raw.format == "pptx":
        return True
    if raw.format != "pdf":
        return False
    made = PROGRAMS.search(f"{raw.info.get('creator', '')} {raw.info.get('producer', '')}") is not None
    if not (made or raw.landscape):  # asked first: every PDF is asked, and most are neither
        return False
    filled = [page for page in raw.pages if page.strip()]
    return len(filled) >= MIN_SLIDES and statistics.median(len(page.split()) for page in filled) <= MAX_WORDS


def is_poster(raw: RawDocument) -> bool:
    """Whether a PDF is a conference poster: one page with text, of A2 or larger."""
    if raw.format != "pdf" or len(raw.page_sizes) != len(raw.pages):
        return False
    filled = [index for index, page in enumerate(raw.pages) if page.strip()]
    return len(filled) == 1 and min(raw.page_sizes[filled[0]]) >= POSTER_POINTS


def slides_record(raw: RawDocument) -> Metadata:
    """A talk's or a poster's title, presenters, event and day; an empty record for anything else."""
    deck = is_slide_deck(raw)
    if not deck and not is_poster(raw):
        return Metadata()
    first = next(page for page in raw.pages if page.strip())
    lines = [" ".join(line.split()) for line in first.split("\n") if line.strip()]
    if deck:
        genres = ("Conference presentation slides", "Presentation slides")
        head, foot = [line for line in lines if not _SLIDE_NUMBER.fullmatch(line)], []
    else:
        genres = (PRESENTATION_GENRES["poster"], "Poster")
        head, foot = lines[:POSTER_LINES], lines[POSTER_LINES:][-POSTER_LINES:]
    meta = Metadata(kind="speech", genre=genres[1])
    title: list[str] = []
    closed = False  # a speaker or an event under the title ends it
    for line in head:
        event = _event(line)
        speakers = _speakers(line) if title else []  # the first other line is the title
        if event is not None:
            _set_event(meta, event, genres[0])
            closed = bool(title)
        elif speakers:
            meta.authors = meta.authors or speakers
            closed = True
        elif not closed and len(title) < TITLE_LINES:
            title.append(line)
    for line in foot if not meta.venue else []:
        event = _event(line)
        if event is not None:
            _set_event(meta, event, genres[0])
            break
    if title:
        meta.title = " ".join(title).rstrip(" :")
    return stamp(meta, "page-furniture")


PRESENTED_LINES = 80
"""Lines of a first page (or of a manuscript read as one page) searched for the statement."""


def presented_paper_record(raw: RawDocument) -> Metadata:
    """A paper presented at a conference: "[Paper presentation]" at the event its first page names.

    Read in a PDF and in a word processor's manuscript (`MANUSCRIPT_FORMATS`), as a version's
    statement is; a web page's line is its reader's news. A talk's slides and a poster are
    `slides_record`'s: the caller asks this record only of what is neither. The statement may wrap: a line
    without the year, or ending in a comma, goes on onto the next ("... OLKC 2024 Conference," /
    "Copenhagen, 24–26 April 2024"). An empty record where the first page names no event with
    its year.
    """
    if raw.format != "pdf" and raw.format not in MANUSCRIPT_FORMATS:
        return Metadata()  # a web page, a note
    first = next((page for page in raw.pages if page.strip()), "")
    lines = [" ".join(line.split()) for line in first.split("\n")[:PRESENTED_LINES] if line.strip()]
    for index, line in enumerate(lines):
        lead = _PRESENTED_AT.match(line)
        if lead is None or (lead["work"] or "").lower() == "poster":
            continue
        wraps = not _YEAR.search(line) or line.endswith(",")
        event = _event(" ".join(lines[index : index + 2]) if wraps else line)
        if event is None:
            return Metadata()
        meta = Metadata(kind="speech")
        _set_event(meta, event, PRESENTATION_GENRES["paper"])
        return stamp(meta, "page-furniture")
    return Metadata()


def _set_event(meta: Metadata, event: tuple[str, int | None, str], genre: str) -> None:
    """Give `meta` the event a line names (its name, year and day) and the genre of a work shown there."""
    meta.venue = meta.venue or event[0]
    meta.year, meta.date = meta.year or event[1], meta.date or event[2]
    meta.genre = genre


def _event(line: str) -> tuple[str, int | None, str] | None:
    """The event a line names (its name up to its year), the year and the day; None for no event."""
    if not _EVENT.search(line) or not _YEAR.search(line):
        return None
    parts = [part.strip() for part in _SEPARATOR.split(line)]
    name = _PRESENTED_AT.sub("", next((part for part in parts if _EVENT.search(part)), parts[0]))
    year, date = parse_issued(_DAY_RANGE.sub(r"\1", line))
    return name, year, date if len(date) == 10 else ""


def _speakers(line: str) -> list[Person]:
    """The people a speaker's line names ("Jane Smith, University of Leeds", "Jane Smith & Peter Jones")."""
    for candidate in (line, line.split(",")[0]):
        if is_author_line(candidate):
            return split_people(line_names(candidate))
    return []
