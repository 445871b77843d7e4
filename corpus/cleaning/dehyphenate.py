"""Join words split by a hyphen at a line (or page) end, keeping hyphens that are real.

"organiza-" + "tional" becomes "organizational", while "co-" + "creation" stays
"co-creation" and "intra-" + "and inter-actor" stays "intra- and inter-actor". The document itself
is the dictionary: a hyphenated form it uses
elsewhere keeps its hyphen, a joined form it uses elsewhere is joined; without evidence a
known prefix (from the rules file) or two parts that are both words keep the hyphen,
anything else is joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass

_WORD = r"[^\W\d_]+"
_LETTER = r"[^\W\d_]"
_JUNCTION = re.compile(rf"(?<={_LETTER})-[ \t]*\n(?:[ \t]*\n)*[ \t]*(?={_LETTER})")
"""The hyphen at a line end and the line break (blank lines too) up to the next line's first letter."""
_SPLIT_BEFORE_BLANK = re.compile(rf"{_LETTER}-[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=\S)")
"""A word's hyphen at a line end, then blank lines up to the next line's first character."""
MAX_FOOT_SHARE = 0.4
"""Share of a page's characters its notes may take below the body's last line."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLANK_LINE_BEFORE_TEXT = re.compile(r"\n[ \t]*\n\s*(?=\S)")
_TOKEN = re.compile(rf"{_WORD}(?:-{_WORD})*")
_CONTINUATION = re.compile(rf"({_WORD})(\S*)[ \t]*")
_NUMBER_RANGE = re.compile(r"([^\W_])([-–])[ \t]*\n[ \t]*(?=\d)")
_FIRST_TOKEN = re.compile(r"\s*(\S+)")
_INLINE_SPLIT = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,40})- ([^\W\d_]{1,40})(?![^\W\d_])")
"""A line-end split already joined into one line with a space ("Evi- dence": a title's lines
made one by the PDF reader): a word, its hyphen, one space, a word."""
SUSPENDED = frozenset({"and", "or", "nor", "to", "und", "oder", "bis", "et", "ou", "y", "o", "e"})
"""A conjunction after a line-end hyphen: the hyphen is suspended ("pre- and post-test"), not a split."""


@dataclass(frozen=True)
class _Split:
    """A word split at a line end: text[start:end] is "left-" + line break + right + tail + spaces."""

    start: int
    end: int
    left: str
    right: str
    tail: str


def _line_end_splits(text: str) -> Iterator[_Split]:
    r"""Every "left-" + newline + "right" split, left to right, never overlapping.

    The same matches as the single pattern
    `((?:W-)*W)-[ \t]*\n(?:[ \t]*\n)*[ \t]*(W)(\S*)[ \t]*` (W a run of letters), found in
    time linear in the text: that pattern, tried at every position of a long run of letters
    (or of "ab-ab-ab-..."), rescans the run each time and takes quadratic time. Here only
    hyphens before a line break are candidates, and the compound before each one is read
    backwards (a forward match on the reversed text), never past the previous split.
    """
    reverse = ""
    size = len(text)
    last_end = 0
    for junction in _JUNCTION.finditer(text):
        dash = junction.start()
        if dash <= last_end:  # inside the previous split, or no letter of its own before the hyphen
            continue
        if not reverse:
            reverse = text[::-1]
        left = _TOKEN.match(reverse, size - dash, size - last_end)
        right = _CONTINUATION.match(text, junction.end())
        if left is None or right is None:  # cannot happen: the junction's lookarounds saw letters
            continue
        start = size - left.end()
        yield _Split(start, right.end(), text[start:dash], right.group(1), right.group(2))
        last_end = right.end()


def _replace_splits(text: str, replace: Callable[[_Split], str]) -> str:
    """The text with each line-end split replaced by `replace(split)`."""
    parts: list[str] = []
    cursor = 0
    for split in _line_end_splits(text):
        parts.append(text[cursor : split.start])
        parts.append(replace(split))
        cursor = split.end
    if not parts:
        return text
    parts.append(text[cursor:])
    return "".join(parts)


def word_evidence(text: str) -> frozenset[str]:
    """Lower-case words and hyphenated compounds the text uses, line-end splits excluded."""
    words: set[str] = set()
    for token in _TOKEN.findall(_INLINE_SPLIT.sub(" ", _replace_splits(text, lambda split: " "))):
        token = token.lower()
        words.add(token)
        if "-" in token:
            words.update(token.split("-"))
    return frozenset(words)


def keeps_hyphen(left: str, right: str, evidence: Set[str], prefixes: Set[str], hard: bool = False) -> bool:
    """Whether "left-" at a line end followed by "right" is a real hyphen (else it is joined).

    `hard`: the text's lines were broken only at hyphens it has (a browser breaks a web page's
    lines so), so a hyphen is real unless the text uses the word joined.
    """
    last = left.rsplit("-", 1)[-1].lower()
    right = right.lower()
    if f"{last}-{right}" in evidence:
        return True
    if last + right in evidence:
        return False
    if last in prefixes or hard:
        return True
    return len(last) >= 3 and len(right) >= 3 and last in evidence and right in evidence


def dehyphenate(text: str, evidence: Set[str], prefixes: Set[str], hard: bool = False) -> tuple[str, int]:
    """Repair words split across line breaks; returns the text and how many hyphens were dropped.

    `hard`: only the text's own hyphens end its lines (`keeps_hyphen`).

    Only a lower-case continuation loses the hyphen: "Anglo-" + "American" becomes
    "Anglo-American", "COVID-" + "19" and "238-" + "256" are closed up with the dash. Across
    a blank line only a lower-case continuation is joined: a capital there opens a paragraph.
    A split whose lines were already made one ("Evi- dence", `_INLINE_SPLIT`) is repaired alike.
    """
    joined = 0

    def repair(split: _Split) -> str:
        nonlocal joined
        left, right, tail = split.left, split.right, split.tail
        if not right[0].islower() and _BLANK_LINE.search(text, split.start, split.end):
            return text[split.start : split.end]  # a new paragraph (a note under the page's last line)
        if right.lower() in SUSPENDED and f"{left}{right}".lower() not in evidence:
            word = f"{left}- {right}{tail}"  # "intra- and inter-actor": a suspended hyphen
        elif not right[0].islower() or keeps_hyphen(left, right, evidence, prefixes, hard):
            word = f"{left}-{right}{tail}"
        else:
            joined += 1
            word = f"{left}{right}{tail}"
        # The rest of the second line stays a line of its own, so line widths still
        # tell where paragraphs end.
        rest_follows = split.end < len(text) and text[split.end] != "\n"
        return word + "\n" if rest_follows else word

    def repair_inline(match: re.Match[str]) -> str:
        nonlocal joined
        left, right = match.group(1), match.group(2)
        if not right[0].islower() or right.lower() in SUSPENDED:
            return match.group(0)  # "intra- and inter-actor", "Hoch- und Tiefbau"
        if keeps_hyphen(left, right, evidence, prefixes, hard):
            return f"{left}-{right}"
        joined += 1
        return f"{left}{right}"

    text = _replace_splits(text, repair)
    text = _INLINE_SPLIT.sub(repair_inline, text)
    text = _NUMBER_RANGE.sub(r"\1\2", text)
    return text, joined


def join_across_pages(pages: list[str]) -> list[str]:
    """Move the continuation of a word hyphenated at a page's end onto that page.

    "... organiza-" | "tional culture ..." becomes "... organiza-", "tional" | "culture ...",
    so `dehyphenate` can join it and both page spans stay exact. The page's body may end
    above its notes: "... organiza-", a blank line, the notes | "tional culture ..." puts
    "tional" under "organiza-", above the notes.
    """
    pages = list(pages)
    for i in range(len(pages) - 1):
        end = _body_end_in_split(pages[i])
        if end is None:
            continue
        match = _FIRST_TOKEN.match(pages[i + 1])
        if match is None or not match.group(1)[0].islower():
            continue
        pages[i] = pages[i][:end].rstrip() + "\n" + match.group(1) + pages[i][end:]
        pages[i + 1] = pages[i + 1][match.end() :].lstrip(" \t")
    return pages


def _body_end_in_split(page: str) -> int | None:
    """Where the page's body ends, when it ends in a hyphenated word (else None).

    That is the page's end, or the line end after the word when below it, after a blank
    line, only a foot follows: the page's notes, at most MAX_FOOT_SHARE of the page, no
    paragraph of which opens in lower case (as the rest of a paragraph a figure cut does).
    """
    if _ends_in_split(page):
        return len(page)
    splits = list(_SPLIT_BEFORE_BLANK.finditer(page))
    if not splits or len(page) - splits[-1].end() > MAX_FOOT_SHARE * len(page):
        return None
    body_end = splits[-1].start() + 2
    if any(page[m.end()].islower() for m in _BLANK_LINE_BEFORE_TEXT.finditer(page, body_end)):
        return None  # the word's rest (below a line a cleaning step dropped) or a paragraph's
    return body_end


def _ends_in_split(page: str) -> bool:
    r"""Whether the page ends with a letter and a hyphen (then only white space).

    What `re.search(r"[^\W\d_]+-\s*$", page)` tells, read from the end: that search retries
    a long run of letters from each of its positions (quadratic time).
    """
    end = page.rstrip()
    return len(end) >= 2 and end[-1] == "-" and bool(re.match(_LETTER, end[-2]))
