r"""A text as one flowing string, free of its line layout, with a map back to the original offsets.

Boilerplate rules that match whole lines fail once a narrow column wraps a placeholder over
two lines, hyphenates one of its words, or reflow joins it to its paragraph. `flow` turns a
text into the form a reader sees: every run of white space one space, a word hyphenated at a
line end ("Lese-" + newline + "probe") joined. Phrase rules match that string; `Flow.span`
maps a match back to the characters of the original text, so the cut is made there and the
text around it stays as it was.

Building the flow is a few linear passes (junctions, words); mapping an offset is a binary
search over the word starts. Nothing is quadratic, whatever the line and word lengths.

    flowing = flow("Abbildung in die-\\nser Leseprobe")
    flowing.text  # "Abbildung in dieser Leseprobe"
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\S+")
_JUNCTION = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])")
"""A hyphen at a line end between two letters, with the line break (and blank lines) after it."""


@dataclass
class Flow:
    """The flowing text, and how its words map back to the original text.

    The original minus the hyphen junctions it joined is the "joined" text; its words are
    the flow's words, one space apart.
    """

    text: str
    flow_starts: list[int] = field(default_factory=list)
    """Start of each word in the flow."""
    word_starts: list[int] = field(default_factory=list)
    """Start of the same word in the joined text."""
    junctions_at: list[int] = field(default_factory=list)
    """Where each removed hyphen junction was, as an offset into the joined text."""
    removed: list[int] = field(default_factory=list)
    """Characters removed up to and including each junction."""
    junction_sources: list[int] = field(default_factory=list)
    """Where each removed junction starts in the original text."""

    def _source(self, joined: int) -> int:
        before = bisect.bisect_right(self.junctions_at, joined)
        return joined + (self.removed[before - 1] if before else 0)

    def source_offset(self, index: int) -> int:
        """Offset in the original text of the flow's character at `index`.

        A space maps to the first white-space character after its word.
        """
        word = bisect.bisect_right(self.flow_starts, index) - 1
        end = self.flow_starts[word + 1] - 1 if word + 1 < len(self.flow_starts) else len(self.text)
        inner = min(index - self.flow_starts[word], end - self.flow_starts[word])
        return self._source(self.word_starts[word] + inner)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that flow characters [start, end) came from (end > start)."""
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def flow_offset(self, source: int) -> int:
        """Index in the flow of the first word starting at or after original offset `source`."""
        before = bisect.bisect_left(self.junction_sources, source)
        joined = source - (self.removed[before - 1] if before else 0)
        word = bisect.bisect_left(self.word_starts, joined)
        return self.flow_starts[word] if word < len(self.flow_starts) else len(self.text)


def flow(text: str) -> Flow:
    """The text with white space collapsed and line-end hyphenation joined (see the module doc).

    Only a lower-case continuation is joined ("Lese-" + "probe"); "Anglo-" + "American" stays
    two words, as `corpus.cleaning.dehyphenate` would keep its hyphen.
    """
    result = Flow("")
    parts: list[str] = []
    cursor = removed = 0
    for junction in _JUNCTION.finditer(text):
        if not text[junction.end()].islower():
            continue
        parts.append(text[cursor : junction.start()])
        result.junctions_at.append(junction.start() - removed)
        result.junction_sources.append(junction.start())
        removed += junction.end() - junction.start()
        result.removed.append(removed)
        cursor = junction.end()
    parts.append(text[cursor:])
    joined = "".join(parts)
    matches = list(_TOKEN.finditer(joined))
    words = [match.group() for match in matches]
    result.word_starts = [match.start() for match in matches]
    result.flow_starts = list(itertools.accumulate((len(word) + 1 for word in words[:-1]), initial=0))
    result.text = " ".join(words)
    if not words:
        result.flow_starts = []
    return result


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of [start, end) spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the merged `spans`; a cut that empties its lines takes their line break too.

    A cut inside a line leaves the text on both sides (spaces are collapsed later); a cut that
    crossed a line break leaves one, so the lines around it keep their layout.
    """
    parts: list[str] = []
    cursor = 0
    for start, end in merge_spans(spans):
        start, end = max(start, cursor), max(end, cursor)
        while start > cursor and text[start - 1] in " \t":
            start -= 1
        while end < len(text) and text[end] in " \t":
            end += 1
        line_start = start == 0 or text[start - 1] == "\n"
        line_end = end == len(text) or text[end] == "\n"
        parts.append(text[cursor:start])
        if line_start and line_end:
            end = min(end + 1, len(text))
        elif "\n" in text[start:end]:
            parts.append("\n")
        elif not line_start and not line_end:
            parts.append(" ")
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)
