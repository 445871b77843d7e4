"""Join words split by a hyphen at a line (or page) end, keeping hyphens that are real.

"organiza-" + "tional" becomes "organizational", while "co-" + "creation" stays
"co-creation". The document itself is the dictionary: a hyphenated form it uses
elsewhere keeps its hyphen, a joined form it uses elsewhere is joined; without evidence a
known prefix (from the rules file) or two parts that are both words keep the hyphen,
anything else is joined.
"""

from __future__ import annotations

import re
from collections.abc import Set

_WORD = r"[^\W\d_]+"
_SPLIT = re.compile(rf"((?:{_WORD}-)*{_WORD})-[ \t]*\n(?:[ \t]*\n)*[ \t]*({_WORD})(\S*)[ \t]*")
_TOKEN = re.compile(rf"{_WORD}(?:-{_WORD})*")
_NUMBER_RANGE = re.compile(r"([^\W_])([-–])[ \t]*\n[ \t]*(?=\d)")
_PAGE_END_SPLIT = re.compile(rf"{_WORD}-\s*$")
_FIRST_TOKEN = re.compile(r"\s*(\S+)")


def word_evidence(text: str) -> frozenset[str]:
    """Lower-case words and hyphenated compounds the text uses, line-end splits excluded."""
    words: set[str] = set()
    for token in _TOKEN.findall(_SPLIT.sub(" ", text)):
        token = token.lower()
        words.add(token)
        if "-" in token:
            words.update(token.split("-"))
    return frozenset(words)


def keeps_hyphen(left: str, right: str, evidence: Set[str], prefixes: Set[str]) -> bool:
    """Whether "left-" at a line end followed by "right" is a real hyphen (else it is joined)."""
    last = left.rsplit("-", 1)[-1].lower()
    right = right.lower()
    if f"{last}-{right}" in evidence:
        return True
    if last + right in evidence:
        return False
    if last in prefixes:
        return True
    return len(last) >= 3 and len(right) >= 3 and last in evidence and right in evidence


def dehyphenate(text: str, evidence: Set[str], prefixes: Set[str]) -> tuple[str, int]:
    """Repair words split across line breaks; returns the text and how many hyphens were dropped.

    Only a lower-case continuation loses the hyphen: "Anglo-" + "American" becomes
    "Anglo-American", "COVID-" + "19" and "238-" + "256" are closed up with the dash.
    """
    joined = 0

    def repair(match: re.Match[str]) -> str:
        nonlocal joined
        left, right, tail = match.group(1), match.group(2), match.group(3)
        if not right[0].islower() or keeps_hyphen(left, right, evidence, prefixes):
            word = f"{left}-{right}{tail}"
        else:
            joined += 1
            word = f"{left}{right}{tail}"
        # The rest of the second line stays a line of its own, so line widths still
        # tell where paragraphs end.
        rest_follows = match.end() < len(match.string) and match.string[match.end()] != "\n"
        return word + "\n" if rest_follows else word

    text = _SPLIT.sub(repair, text)
    text = _NUMBER_RANGE.sub(r"\1\2", text)
    return text, joined


def join_across_pages(pages: list[str]) -> list[str]:
    """Move the continuation of a word hyphenated at a page's end onto that page.

    "... organiza-" | "tional culture ..." becomes "... organiza-", "tional" | "culture ...",
    so `dehyphenate` can join it and both page spans stay exact.
    """
    pages = list(pages)
    for i in range(len(pages) - 1):
        if not _PAGE_END_SPLIT.search(pages[i]):
            continue
        match = _FIRST_TOKEN.match(pages[i + 1])
        if match is None or not match.group(1)[0].islower():
            continue
        pages[i] = pages[i].rstrip() + "\n" + match.group(1)
        pages[i + 1] = pages[i + 1][match.end() :].lstrip(" \t")
    return pages
