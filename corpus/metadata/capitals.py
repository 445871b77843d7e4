"""A title or journal name printed in capitals, written in title case for the record.

The Academy of Management's journals, many older journals and scanned title pages print a
title in capitals; read from the page, "LEARNING FROM FAILURE IN ORGANIZATIONAL TEAMS" went
into every reference a writer pasted. Read from the page (not from a record a person or a
reference manager wrote), such a text is written in title case: minor words lower case
inside it, other words capitalised. A word the document's own prose writes in capitals
("NASA", "B2B", "COVID-19", "SMEs") is written so; a word with a digit or a Roman numeral
keeps its capitals.
"""

from __future__ import annotations

import re
from collections import Counter

_MINOR_TEXT = (
    "a an the and or nor but of in on at to for by with from as into over via vs per "
    "der die das und im für von mit zu zur zum auf über des dem den ein eine "
    "le la les et du de des en au aux pour sur y el los las del"
)
MINOR_WORDS = frozenset(_MINOR_TEXT.split())
"""Words written in lower case inside a title (English, German, French, Spanish)."""
UNCOUNTED_WORDS = MINOR_WORDS | frozenset(
    ["within", "versus", "than", "about", "das", "für", "du", "les", "di", "della", "voor", "het", "van"]
)
"""Words a test of a title's capitals does not count: `MINOR_WORDS`, more English ones, Italian
and Dutch ones. Only `MINOR_WORDS` are lower-cased when a title is written."""
OTHER_LANGUAGES_WORDS = frozenset({
    "de", "des", "du", "les", "et", "für", "und", "der", "das", "del", "los", "las", "y", "di", "della",
    "delle", "dei", "em", "och", "för", "og", "voor", "het", "een", "zur", "zum", "dans", "pour", "sur",
    "aux", "una", "nel",
})  # fmt: skip
"""Words of French, German, Spanish, Italian, Portuguese, Dutch and the Nordic languages that no
English name holds in lower case: a name holding one is in another language (`csl.is_english_name`)."""
PUBLISHING_HOUSES = (
    "Routledge", "Springer", "Wiley", "Elsevier", "SAGE", "Palgrave", "Macmillan", "Elgar", "Emerald",
    "Pearson", "McGraw", "Prentice", "Blackwell", "Kluwer", "Francis", "Oxford", "Cambridge",
)  # fmt: skip
"""Academic publishers' names: a book's title keeps its house's capital ("A Wiley guide to ..."),
and a reference that names one before a DOI cites a book, not a journal."""
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’&-]*")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d[\w'’-]*")
_ROMAN = re.compile(r"[IVXLC]+")
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9-]*[A-Z0-9]s?\b")
_CAPITALS_RUN = re.compile(r"\b[A-Z][A-Z0-9-]*\b(?:[\s/]+[A-Z][A-Z0-9-]*\b){3,}")
"""Four or more words in capitals in a row."""
FROM_PAGE = frozenset({"labelled-text", "page-furniture", "first-page", "pdf-info", "xmp"})
"""The sources that read a field from the file, as it is printed (not what a person wrote)."""


def in_capitals(text: str) -> bool:
    """Whether every cased letter of `text` is a capital, with at least two words of letters."""
    cased = [c for c in text if c.lower() != c.upper()]
    words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 2]
    return len(words) >= 2 and bool(cased) and all(c.isupper() for c in cased)


_PROSE_WORD = re.compile(r"(?<![.@/\w])\w+\b(?![.@/]\w)")
"""A word of the prose, not a piece of an address ("sloanreview.mit.edu", "permissions@mit.edu")."""
_ADDRESS = re.compile(r"\S+://\S+|\bwww\.\S+|\S+@\S+")
"""A web or e-mail address, whose letters in lower case make no line prose."""
PROSE_CHARS = 100_000
"""Characters of a document's text looked through for the words its prose writes in capitals."""


def prose_capitals(body: str) -> dict[str, str]:
    """Words `body`'s prose writes in capitals, by their form in capitals: {"NASA": "NASA", "SMES": "SMEs"}.

    Prose is a line that also holds lower-case letters outside an address (a title or a running
    head in capitals is none, also where cleaning joined a DOI's address to it); a word counts
    unless it stands otherwise five times as often (a heading joined to a line, "ABSTRACT This
    study", in a text that says "abstract"), and a minor word only when the text never writes it
    otherwise: "AND" in "BERG AND LUND" is none, "MIT" (German "mit") in an English text that says
    "MIT Sloan Management Review" is one (an address's "mit.edu" does not count). Four words in
    capitals in a row are no prose's but a heading's or a citation's that cleaning joined to a
    footnote ("... Business Administration. JOURNAL OF INTERACTIVE MARKETING VOLUME 18").
    """
    text = body[:PROSE_CHARS]
    capitals = Counter(
        word
        for line in text.split("\n")
        if any(c.islower() for c in _ADDRESS.sub("", line))
        for word in _CAPITALS.findall(_CAPITALS_RUN.sub(" ", line))
    )
    others = Counter(word.upper() for word in _PROSE_WORD.findall(text) if not word.isupper())
    return {
        word.upper(): word
        for word, count in capitals.items()
        if 5 * count > others[word.upper()] and (word.lower() not in MINOR_WORDS or not others[word.upper()])
    }


def title_case(text: str, keep: dict[str, str] | None = None) -> str:
    """`text`, printed in capitals, in title case.

    Words in `keep` are written as it says; words with a digit and Roman numerals stay.
    """
    keep = keep or {}
    first = True

    def word(match: re.Match[str]) -> str:
        nonlocal first
        token = match.group()
        at_start, first = first, False
        if token in keep:
            return keep[token]
        if any(c.isdigit() for c in token) or (_ROMAN.fullmatch(token) and len(token) > 1):
            return token
        lower = token.lower()
        if lower in MINOR_WORDS and not at_start:
            return lower
        return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))

    def clause(part: str) -> str:
        nonlocal first
        first = True
        return _WORD.sub(word, part)

    pieces = re.split(r"([:?!.]\s+|\s+[-–—]\s+)", text)
    return "".join(piece if index % 2 else clause(piece) for index, piece in enumerate(pieces))


def mostly_title_case(text: str) -> bool:
    """Whether at least three in four of the words `text` counts start with a capital (a title, a venue)."""
    words = [w for w in _TITLE_WORD.findall(text) if w.lower() not in UNCOUNTED_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
