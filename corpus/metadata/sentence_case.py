"""A title in sentence case, as APA 7 (6.17) and Cite Them Right write titles, from the work's own text.

Titles are kept as the work prints them, often in title case ("The Learning Organization as a
Context for Value Co-Creation"); Chicago's styles title-case them anyway. APA capitalises only
the first word, the first after a colon and proper nouns: "The learning organization as a
context for value co-creation". No rule tells a proper noun from a capitalised common word
("Norway", "World Bank", "Service-Dominant Logic"?), but the work's own text does. A word it
writes capitalised mid-sentence, alone or in a short name ("in Norway", "the World Bank"),
twice or more and more often than in lowercase keeps its capital; any other is lowered, one
the text never uses too (a title's own words, "Riding the Wave", are seldom names a whole
paper never names; a text under `MIN_TEXT_WORDS`, an abstract, gets no sentence case).
Capitals in a run of three or more capitalised words are a title's or a journal's ("The Oxford
Handbook of Organizational Learning and Knowledge Management", "Journal of Service Research"),
no name's. A title not mostly in title case (`capitals.mostly_title_case`) is left as written.
A book's title, as a chapter's venue, also keeps its publisher's name and its brand ("The
Routledge Companion to ..."), which a chapter seldom writes (`book_title_in_sentence_case`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.metadata.capitals import MINOR_WORDS, PUBLISHING_HOUSES, mostly_title_case

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
"""A word, hyphenated compounds and apostrophes included ("co-creation", "firm's")."""
_TOKEN = re.compile(rf"{_WORD.pattern}|[^\w\s]|\d+")
"""A word, a mark or a number: what stands beside a word in a run of capitalised words."""
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\n]|[.!?:]['\"’”)\]])[\s\"'“‘(\[]*$")
"""What stands before a word that opens a sentence, a line or a clause after a colon."""
_OPENS_SUBTITLE = re.compile(r"[:?!—–]\s*['\"“‘(]*$|\s-\s*$")
"""What stands before the first word of a subtitle, which APA capitalises too."""
_PARTS = re.compile(r"['’-]")
_PARTS_KEPT = re.compile(r"(['’-])")
_LOOKBEHIND = 6
"""Characters before a word read to tell whether it opens a sentence."""
_NEIGHBOURHOOD = 80
"""Characters either side of a word read for the run of capitalised words it stands in."""
MIN_TEXT_WORDS = 300
"""Words a text needs for its usage to tell names from common words: an abstract alone leaves a
title's names unused (CACM's "Generating Ising Configurations"), so it gets no sentence case."""
NAME_USES = 2
"""Times the text writes a word as a name for it to keep its capital: once is a subject heading
("Business and Management") as often as a name."""
TITLE_RUN = 3
"""Capitalised words in a row (minor words between them allowed) that make a title, not a name."""
_BRANDED_BOOK = re.compile(
    r"The\s+([A-Z][^\W\d_]+)\s+(?:Handbook|Companion|Encyclopa?edia|Dictionary|Guide|Reader|Yearbook)\b"
)
"""A book named by its house or series: "The Oxford Handbook of ...", "The Routledge Companion to ..."."""
PUBLISHERS_WORDS = frozenset(
    {
        "academic", "books", "co", "company", "corporation", "editions", "gmbh", "group", "house",
        "inc", "limited", "llc", "ltd", "media", "press", "publications", "publisher", "publishers",
        "publishing", "sons", "university", "verlag",
    }
)  # fmt: skip
"""Words of publishers' names that name no one ("Oxford University Press": "Oxford" is the name):
a book's title may use them as common words ("The Oxford handbook of university teaching")."""


@dataclass(frozen=True)
class _Usage:
    """How often the text writes each word (lowercased key) in lowercase and as a name."""

    lowercase: Counter[str]
    capitalised: Counter[str]
    names: frozenset[str] = frozenset()
    """Words known to be names whatever the text does (lowercased keys)."""

    def common(self, word: str) -> bool:
        """Not a known name, nor written as a name `NAME_USES` times and more often than in lowercase."""
        key = word.lower()
        if key in self.names:
            return False
        return self.capitalised[key] < NAME_USES or self.capitalised[key] <= self.lowercase[key]

    def used(self, word: str) -> bool:
        """Written at all, in lowercase or as a name, or a known name."""
        key = word.lower()
        return bool(self.lowercase[key] or self.capitalised[key]) or key in self.names


def sentence_case(title: str, text: str, names: Iterable[str] = (), venue: str = "") -> str:
    """`title` in sentence case as `text` (the work's own) shows its names; '' if unchanged.

    Only capitalised words ("Value", "Co-Creation") are lowered (see the module doc), a compound
    the text does not use whole part by part, minor words always; the title's and a subtitle's
    first words keep their first part's capital ("Co-creation", "Computer-aided"). Acronyms,
    words with inner capitals ("SMEs", "McKinsey") and single letters ("I/O") are kept, and so
    are `names`, words known to be names whatever the text does. The `venue`'s name, printed
    in the text's feet ("Management Learning 2012 43(2) 123–140"), says nothing of the title's
    words ("Leadership and Learning in Teams" had kept "Learning").
    """
    words = list(_WORD.finditer(title))
    if len(words) < 2 or not mostly_title_case(title) or len(text.split()) < MIN_TEXT_WORDS:
        return ""
    names = frozenset(name.lower() for name in names)
    usage = _usage(text, title, venue, [m.group() for m in words], names)
    pieces: list[str] = []
    end = 0
    for index, match in enumerate(words):
        pieces.append(title[end : match.start()])
        word = match.group()
        if not _capitalised(word) or (len(word) == 1 and word.lower() not in MINOR_WORDS):
            pieces.append(word)  # an acronym, a symbol ("I/O", "Algorithm A"), a lowercase word
        elif index == 0 or _OPENS_SUBTITLE.search(title[: match.start()]):
            pieces.append(_first_word(word, usage))
        else:
            pieces.append(_lowered(word, usage))
        end = match.end()
    pieces.append(title[end:])
    result = "".join(pieces)
    return "" if result == title else result


def book_title_in_sentence_case(title: str, text: str, publisher: str = "") -> str:
    """A book's title (a chapter's venue) in sentence case as `sentence_case` makes it, '' if unchanged.

    A chapter seldom names the house its book's title does: the words of the `publisher`'s name
    (but `PUBLISHERS_WORDS`) and academic publishers' names (`PUBLISHING_HOUSES`) are names, and
    so is the word between a leading "The" and a kind of reference book ("The Routledge Companion
    to ...", "The Oxford Handbook of ..."), a name unless the text writes it in lowercase ("The
    international handbook of ...").
    """
    names = {part for word in _WORD.findall(publisher) for part in _PARTS.split(word.lower())}
    names |= {house.lower() for house in PUBLISHING_HOUSES}
    brand = _BRANDED_BOOK.match(title)
    if brand and not re.search(rf"(?<![\w'’-]){re.escape(brand.group(1).lower())}(?![\w'’-])", text):
        names.add(brand.group(1).lower())
    return sentence_case(title, text, names - PUBLISHERS_WORDS - MINOR_WORDS)


def _capitalised(word: str) -> bool:
    """An initial capital and none inside a part: "Value", "Co-Creation", "Firm's", "A"."""
    return word[0].isupper() and all(len(part) <= 1 or part[1:].islower() for part in _PARTS.split(word))


def _first_word(word: str, usage: _Usage) -> str:
    """A title's or subtitle's first word, its capital kept: "Co-creation", "Computer-aided"."""
    head, *rest = _PARTS_KEPT.split(word, maxsplit=1)
    return head + (rest[0] + _lowered(rest[1], usage) if rest else "")


def _lowered(word: str, usage: _Usage) -> str:
    """The word in lowercase unless the text's usage makes it a name; a compound part by part."""
    if word.lower() in MINOR_WORDS:
        return word.lower()
    if usage.used(word) or not _PARTS.search(word):
        return word.lower() if usage.common(word) else word
    return "".join(
        part.lower() if part[:1].isupper() and usage.common(part) else part
        for part in _PARTS_KEPT.split(word)
    )


def _usage(text: str, title: str, venue: str, words: list[str], names: frozenset[str]) -> _Usage:
    """How the text writes the title's `words` and their parts.

    The title's own occurrences (of three words or more, and its parts') and the venue's (of two
    words or more) are left out.
    """
    pieces = {title, *re.split(r"\s*[:?!]\s+", title)}
    titles = sorted((p for p in pieces if len(p.split()) >= 3), key=len, reverse=True)
    for piece in [*titles, *([venue] if len(venue.split()) >= 2 else [])]:
        text = re.sub(r"\s+".join(map(re.escape, piece.split())), " ", text)
    keys = {key for word in words for key in (word.lower(), *_PARTS.split(word.lower())) if key}
    pattern = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?![\w'’-])",
        re.IGNORECASE,
    )
    lowercase: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for match in pattern.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word.islower():
            lowercase[word] += 1
        elif (
            _capitalised(word)
            and not _OPENS_SENTENCE.search(text[max(0, start - _LOOKBEHIND) : start])
            and _run_length(text, start, end) < TITLE_RUN
        ):
            capitalised[word.lower()] += 1
    return _Usage(lowercase, capitalised, names)


def _run_length(text: str, start: int, end: int) -> int:
    """Capitalised words in the run the word at `start:end` stands in (minor words between them)."""
    before = _TOKEN.findall(text[max(0, start - _NEIGHBOURHOOD) : start])
    after = _TOKEN.findall(text[end : end + _NEIGHBOURHOOD])
    return 1 + _capitalised_in_row(reversed(before)) + _capitalised_in_row(after)


def _capitalised_in_row(tokens: Iterable[str]) -> int:
    """Capitalised words from the start of `tokens` up to a mark, a number or another lowercase word."""
    count = 0
    for token in tokens:
        if token.lower() in MINOR_WORDS and token.islower():
            continue
        if not _WORD.fullmatch(token) or not token[0].isupper():
            break
        count += 1
    return count
