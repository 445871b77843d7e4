"""A table of contents (or list of figures) set with dot leaders, dropped from its page.

A thesis, a report or a book opens with pages of entries such as "2.1 Routines and teams
. . . . . . 14": every heading of the work once more, each with the page of a text that is
elsewhere. Kept, they made passages of nothing but headings, which matched any query
naming one. They are no prose, so they go: every line from the first entry to the last,
entries set without a leader just before or after them ("1 Introduction 1", or the title
and its number on two lines, as pypdf reads a number set flush right), and the heading
over them ("Contents", "List of Figures", "Inhaltsverzeichnis"). A page needs
`MIN_ENTRIES` leader lines: a sentence that ends in an ellipsis is no entry. A contents
list without leaders (LaTeX's article class sets "1 Introduction 2") goes only under its
heading and with `MIN_ENTRIES` entries whose pages never decrease: without them nothing
tells it from a list of short numbered lines. The Word, OpenDocument and EPUB readers do
not read a contents field at all.
"""

from __future__ import annotations

import re

from corpus_core.models import CleaningStats

CONTENTS = "contents"
"""The cleaning statistic of the characters dropped here."""

MIN_ENTRIES = 3
"""Leader lines a page needs before its entries are taken for a table of contents."""
MAX_ENTRY_CHARS = 300
"""An entry's length at most, leader included."""
MAX_EDGE_WORDS = 10
"""Words an entry without a leader (a chapter's line at the block's edge) has at most."""

_PAGE = r"(?:\d{1,4}|[ivxlcdm]{1,7})"
_LEADER = r"(?:(?:[.·]\s?){4,}|(?:…\s?){2,})"
_LEADER_LINE = re.compile(rf"^(?:.*?\S)?\s*{_LEADER}\s*(?:{_PAGE})?$", re.IGNORECASE)
"""An entry: its title, a leader of four or more dots (spaced or not) or ellipses, its page."""
_PAGE_LINE = re.compile(rf"^{_PAGE}$", re.IGNORECASE)
"""A page number alone: where pypdf puts a right-aligned number after its leader."""
_EDGE_ENTRY = re.compile(r"^(?P<title>\S.*?)\s+\d{1,3}$")
"""An entry set without a leader: "2 Mannigfaltigkeiten und Simplizialkomplexe 24"."""
_TITLE = re.compile(r"^[\w(].*[^\W\d_][^.,;:!?]?$")
"""A heading's words: no sentence's end (a line of prose that ends in a number is no entry)."""
_HEADING = re.compile(
    r"^(?:[\divx]{1,4}\s+)?(?:(?:table of )?contents"
    r"|list of (?:figures|tables|illustrations|abbreviations|exhibits)|inhalt(?:sverzeichnis)?"
    r"|table des matières|sommaire|índice|indice|inhoud(?:sopgave)?)\s*:?(?:\s+[\divx]{1,4})?$",
    re.IGNORECASE,
)
"""The heading over a table of contents or a list of figures, in the languages seen most, or the
running head of its next pages ("2 Inhaltsverzeichnis", "Contents vii")."""


def remove_contents(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """Each page without its table of contents' lines (see the module docstring)."""
    result = []
    after_contents = False
    for lines in pages:
        drop = _contents_lines(lines) or (_continued_contents(lines) if after_contents else set())
        if drop or any(line.strip() for line in lines):
            after_contents = bool(drop)
        for i in drop:
            stats.add(CONTENTS, len(lines[i]))
        result.append([line for i, line in enumerate(lines) if i not in drop] if drop else lines)
    return result


def _contents_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of `lines` that belong to a table of contents; empty when it has none."""
    entries = [i for i, line in enumerate(lines) if _leader_line(line.strip())]
    if len(entries) < MIN_ENTRIES:
        return _headed_contents(lines)
    filled = [line.strip() for line in lines if line.strip()]
    where = [i for i, line in enumerate(lines) if line.strip()]
    first, last = where.index(entries[0]), where.index(entries[-1])
    while step := _entry_before(filled, first):
        first -= step
    while step := _entry_after(filled, last):
        last += step
    if first > 0 and _HEADING.match(filled[first - 1]):
        first -= 1
    return set(where[first : last + 1])


def _headed_contents(lines: list[str]) -> set[int]:
    """The lines of a contents list set without leaders under its heading; empty when there is none.

    Each entry is a short title and its page, on one line or (as pypdf reads a number set
    flush right) on two; the list needs `MIN_ENTRIES` entries whose pages never decrease.
    """
    where = [i for i, line in enumerate(lines) if line.strip()]
    filled = [lines[i].strip() for i in where]
    for start, line in enumerate(filled):
        if not _HEADING.match(line):
            continue
        pages: list[int] = []
        end = start + 1
        while end < len(filled):
            if _edge_entry(filled[end]):
                page, step = filled[end].rsplit(maxsplit=1)[1], 1
            elif end + 1 < len(filled) and _entry_title(filled[end]) and filled[end + 1].isdigit():
                page, step = filled[end + 1], 2
            else:
                break
            if pages and int(page) < pages[-1]:
                break
            pages.append(int(page))
            end += step
        if len(pages) >= MIN_ENTRIES:
            return set(where[start:end])
    return set()


def _continued_contents(lines: list[str]) -> set[int]:
    """The lines of a page that ends a table of contents: all of them, when each is an entry.

    The last page may hold one entry without a leader under its running head ("2
    Inhaltsverzeichnis" over "Stichwortverzeichnis 111"); a page with any other line is text.
    """
    filled = {i for i, line in enumerate(lines) if line.strip()}
    kinds = [_continued_line(lines[i].strip()) for i in sorted(filled)]
    return filled if kinds and all(kinds) and "entry" in kinds else set()


def entry_kind(line: str) -> str:
    """What kind of contents entry a line is: "leader", "edge" or "" (none).

    "leader": a title, a leader, a page (`_leader_line`); "edge": a short title and its page, no
    leader (`_edge_entry`).
    """
    if _leader_line(line):
        return "leader"
    return "edge" if _edge_entry(line) else ""


def _continued_line(line: str) -> str:
    """What a line on a page after a contents page is: "entry", "furniture", or "" (text)."""
    if entry_kind(line):
        return "entry"
    return "furniture" if _PAGE_LINE.match(line) or _HEADING.match(line) else ""


def _entry_before(filled: list[str], first: int) -> int:
    """How many lines just before `filled[first]` make an entry without a leader (0: none)."""
    if first >= 1 and _edge_entry(filled[first - 1]):
        return 1
    if first >= 2 and _PAGE_LINE.match(filled[first - 1]) and _entry_title(filled[first - 2]):
        return 2  # "1 Introduction" over its page number, which pypdf reads as a line of its own
    return 0


def _entry_after(filled: list[str], last: int) -> int:
    """How many lines just after `filled[last]` continue the contents (0: none)."""
    rest = filled[last + 1 : last + 3]
    if rest and (_PAGE_LINE.match(rest[0]) or _edge_entry(rest[0])):
        return 1  # the page number of a leader's entry, or an entry without a leader
    if len(rest) == 2 and _entry_title(rest[0]) and _PAGE_LINE.match(rest[1]):
        return 2
    return 0


def _leader_line(line: str) -> bool:
    """Whether `line` is an entry with a leader (`_LEADER_LINE`); a line too long for one is not tried."""
    return len(line) <= MAX_ENTRY_CHARS and _LEADER_LINE.match(line) is not None


def _edge_entry(line: str) -> bool:
    """Whether `line` reads as an entry with no leader: a short title, then a page number."""
    entry = _EDGE_ENTRY.match(line)
    return entry is not None and _entry_title(entry.group("title"))


def _entry_title(text: str) -> bool:
    """Whether `text` could be an entry's title: a few words, no sentence's end."""
    return len(text.split()) <= MAX_EDGE_WORDS and bool(_TITLE.match(text))
