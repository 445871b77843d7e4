"""Footnotes at the foot of a PDF page, each set apart as a paragraph of its own.

A page's footnotes follow its last line of body text with no blank line between. That
line often ends mid-sentence (its paragraph runs on to the next page), so reflowing joined
the notes to it ("... in 29 problem-solving 1 On workshop routines see ...") and to each
other. Here the notes are found from the foot of the page up: lines opened by a note's
number ("1 On ...", a number alone on its line before the note's first line, as a raised
number is extracted) or by a note symbol ("* Corresponding author ..."), numbers counting
up by one, none more than a dozen lines above the next. A blank line goes before each
note. One numbered note alone is taken for one only when its number also stands in the
page's text as a note mark: alone on a line (a raised mark extracted on its own) or right
after a word or its punctuation ("routine,1").
Those marks glued to a word are dropped from the text; a mark on its own line goes with
the page numbers (`boilerplate.remove_page_numbers`).

The notes stay at the foot of their page, so they are cited on it; a paragraph cut by them
is cut where the page ends, as every paragraph that runs over a page is. A two-column
page's notes, set under either column, are read at the page's foot too
(`corpus.loading.pdf_layout`).
"""

from __future__ import annotations

import itertools
import re

from corpus.cleaning.boilerplate import is_page_number
from corpus.cleaning.reflow import NOTE_SYMBOLS
from corpus_core.models import CleaningStats

FOOTNOTE_MARK = "footnote_mark"
"""Cleaning stat: characters of note marks dropped from the body text."""
MIN_BODY_LINES = 3
"""Lines of body text a page needs above its notes (a page of notes alone is left as it is)."""
BODY_SHARE = 1 / 3
"""Share of a page's lines, from the top, where no note starts (numbered lists there are body text)."""
MAX_NUMBER = 999
"""Highest note number read as one (a larger number opening a line is a year or a count)."""
MAX_NOTE_LINES = 12
"""Lines one note may take: a numbered line further above the next note, or the page's foot, is body text."""
MIN_NOTE_WORDS = 3
"""Words a note's first line carries after its mark."""

_NUMBERED = re.compile(r"(\d{1,3})(?:\s+(?=[\"“‘(]?[A-Z])|(?=[A-Z][a-z]))")
"""A note's first line: its number, a space, then a capital ("1 On ...", "12 See ..."); or its
number touching a word ("1On ...": Typst's superscript glyph, read with no space after it)."""
_SYMBOL = re.compile(rf"[{re.escape(NOTE_SYMBOLS)}]{{1,3}}\s*(?=[\"“‘(]?[A-Z])")
"""A note opened by a symbol ("* Corresponding author", "† Deceased")."""
_ALONE = re.compile(r"\d{1,3}")
_CAPITAL = re.compile(r"[\"“‘(]?[A-Z]")


def _glued(number: int) -> re.Pattern[str]:
    """The note mark `number` right after a word or its closing punctuation, before a space or the end.

    Never after a capital ("Z1", a label), a letter alone ("x2", a variable's subscript) or
    a digit and its point ("1.2", a section number).
    """
    return re.compile(rf"(?:(?<=[^\W\d_][^\W\d_A-Z])|(?<=[^\W\d_][.,;:!?)\]”’\"])){number}(?=\s|$)")


def _marker(lines: list[str], filled: list[int], pos: int) -> tuple[str, int] | None:
    """("number", n) or ("symbol", 0) when the line at filled[pos] opens a note, else None."""
    line = lines[filled[pos]].strip()
    if (match := _NUMBERED.match(line)) and _prose(line[match.end() :]):
        return "number", int(match.group(1))
    if _ALONE.fullmatch(line) and pos + 1 < len(filled):
        following = lines[filled[pos + 1]].strip()
        if _CAPITAL.match(following) and _prose(following):
            return "number", int(line)
    if (match := _SYMBOL.match(line)) and _prose(line[match.end() :]):
        return "symbol", 0
    return None


def _prose(text: str) -> bool:
    """A note's words, not a numbered heading ("3 Results") or a figure's label."""
    return len(text.split()) >= MIN_NOTE_WORDS


def _marked(body: list[str], number: int) -> bool:
    """Whether the body carries `number` as a note mark: alone on a line, or glued to a word."""
    glued = _glued(number)
    return any(line.strip() == str(number) or glued.search(line) for line in body)


def set_apart(lines: list[str], stats: CleaningStats) -> list[str]:
    """The page's lines with a blank line before each of its footnotes and their marks dropped."""
    filled, openers, numbers = _notes(lines)
    if not openers:
        return lines
    return _split(lines, filled, openers, numbers, stats)


def note_lines(lines: list[str]) -> list[str]:
    """The lines of the page's footnotes, numbered or opened by a symbol: notes, not its furniture.

    A first page's notes can cite a work in full ("2 Amy Edmondson, ... Administrative Science
    Quarterly 44, no. 2 (1999): 350-83, https://doi.org/10.2307/2666999") or tell where a
    paper was presented, at the foot where publishers print the article's own citation and DOI
    (`corpus.metadata.furniture`). A note ends where such a line of the publisher's begins
    (`_FOOT_LINE`: a bare link, a copyright, an ISSN, a date of receipt, an e-mail address),
    since nothing but position sets the two apart.
    """
    filled, openers, _ = _notes(lines)
    notes: list[str] = []
    for start, end in itertools.pairwise([*openers, len(filled)]):
        for pos in range(start, end):
            line = lines[filled[pos]].strip()
            if (
                pos > start
                and _FOOT_LINE.match(line)
                and not (_LINK.match(line) and notes[-1].endswith((",", ":")))
            ):
                break
            notes.append(line)
    return notes


_LINK = re.compile(r"(?:https?://|doi:?\s*10\.)", re.IGNORECASE)
_FOOT_LINE = re.compile(
    rf"(?:{_LINK.pattern}|©|\(c\)|copyright\b|\d{{4}}-\d{{3}}[\dX]\b|received\b|e-?mail\b)", re.IGNORECASE
)
"""A line of a first page's foot that no note runs on into: a bare link, a copyright, an ISSN, a date
of receipt, an e-mail address ("https://doi.org/10.1016/...", "0019-8501/© 2011 Elsevier Inc."); a
link after a note's comma or colon is the note's, broken onto its own line ("..., 350-83," over
"https://doi.org/10.2307/2666999.")."""


def _notes(lines: list[str]) -> tuple[list[int], list[int], list[int]]:
    """Indexes of the page's filled lines, positions among them of its notes' first lines, their numbers."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    end = len(filled)
    while end > 0 and is_page_number(lines[filled[end - 1]].strip()):  # still below the notes
        end -= 1
    openers: list[int] = []
    numbers: list[int] = []
    top = max(MIN_BODY_LINES, int(BODY_SHARE * end))
    for pos in range(end - 1, top - 1, -1):  # up from the foot while the numbers count down
        if (openers[0] if openers else end) - pos > MAX_NOTE_LINES:
            break
        marker = _marker(lines, filled, pos)
        if marker is None:
            continue
        kind, number = marker
        if kind == "number":
            if not 1 <= number <= MAX_NUMBER or (numbers and number + 1 != numbers[0]):
                break
            numbers.insert(0, number)
        openers.insert(0, pos)
    if len(openers) == 1 and numbers and not _marked(lines[: filled[openers[0]]], numbers[0]):
        return filled, [], []
    return filled, openers, numbers


def _split(
    lines: list[str], filled: list[int], openers: list[int], numbers: list[int], stats: CleaningStats
) -> list[str]:
    """Blank lines before the notes that open at `openers`; glued marks of `numbers` dropped above them."""
    first = filled[openers[0]]
    before = {filled[pos] for pos in openers}
    marks = [(len(str(n)), _glued(n)) for n in numbers]
    out: list[str] = []
    for i, line in enumerate(lines):
        if i < first:
            for width, mark in marks:
                line, count = mark.subn("", line)
                stats.add(FOOTNOTE_MARK, count * width)
            out.append(line)
            continue
        if i in before and out and out[-1].strip():
            out.append("")
        if i in before and (match := _NUMBERED.match(line.strip())) and not match.group(0)[-1:].isspace():
            line = f"{match.group(1)} {line.strip()[match.end() :]}"
        out.append(line)
    return out
