"""Lines of a text with their character offsets, the unit that heading and label finders work on."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKDOWN_MARK = re.compile(r"^#{1,6}\s+")
"""A Markdown heading's opening marks ("## "), which are not part of the heading's words."""


@dataclass(frozen=True)
class Line:
    """One line of a text: its [start, end) offsets and its content without the line break."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        """The line without surrounding whitespace."""
        return self.text.strip()

    @property
    def blank(self) -> bool:
        """Whether the line holds only whitespace."""
        return not self.text.strip()


def lines_of(text: str) -> list[Line]:
    """Every line of `text`, blank ones included, with offsets into `text`."""
    lines: list[Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append(Line(offset, offset + len(content), content))
        offset += len(raw)
    return lines


CELL_SEPARATOR = " | "
"""How the readers of structured files join a table row's cells into one line."""


def table_row(cells: list[str]) -> str:
    """A table row as one line: its non-empty cells joined by CELL_SEPARATOR ('' for an empty row)."""
    return CELL_SEPARATOR.join(cell for cell in cells if cell)


def markdown_heading(text: str, level: int) -> str:
    """`text` as a Markdown heading of `level` (1 for a document's title, clamped to 1-6).

    How the readers of structured files (Word, ODT, EPUB) hand headings to the section finder.
    """
    return f"{'#' * max(1, min(6, level))} {text}"


def without_heading_mark(line: Line) -> Line:
    """The line without its Markdown heading marks ("# Title" -> "Title"), offsets kept true."""
    indent = len(line.text) - len(line.text.lstrip())
    mark = MARKDOWN_MARK.match(line.text[indent:])
    if mark is None:
        return line
    return Line(line.start + indent + mark.end(), line.end, line.text[indent + mark.end() :])


def standalone(lines: list[Line], index: int) -> bool:
    """Whether line `index` is a paragraph of its own (blank or no line on both sides)."""
    before = index == 0 or lines[index - 1].blank
    after = index == len(lines) - 1 or lines[index + 1].blank
    return before and after and not lines[index].blank


def next_filled(lines: list[Line], index: int) -> Line | None:
    """Return the first non-blank line after line `index`, or None."""
    for line in lines[index + 1 :]:
        if not line.blank:
            return line
    return None
