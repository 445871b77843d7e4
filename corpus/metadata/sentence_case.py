"""A title in sentence case, as APA 7 writes titles in a reference list (6.17), from the work's own text.

Titles are kept as the work prints them, often in title case ("The Learning Organization as a
Context for Value Co-Creation"); Chicago's styles title-case them anyway. APA capitalises only
the first word, the first after a colon and proper nouns: "The learning organization as a
context for value co-creation". No rule tells a proper noun from a capitalised common word
("Norway", "Apple", "Service-Dominant Logic"?), but the work's own text does: a word it writes in
lowercase mid-sentence more often than capitalised is a common word; one it never writes in
lowercase, or never uses, keeps its capital (a capital too many is a smaller fault than a
lowercased name). A title that is mostly lowercase already is left as its author wrote it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
"""A word, hyphenated compounds and apostrophes included ("co-creation", "firm's")."""
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\n]|[.!?:]['\"’”)\]])[\s\"'“‘(\[]*$")
"""What stands before a word that opens a sentence, a line or a clause after a colon."""
_OPENS_SUBTITLE = re.compile(r"[:?!—–]\s*['\"“‘(]*$|\s-\s*$")
"""What stands before the first word of a subtitle, which APA capitalises too."""
_PARTS = re.compile(r"['’-]")
_PARTS_KEPT = re.compile(r"(['’-])")
_LOOKBEHIND = 6
"""Characters before a word read to tell whether it opens a sentence."""
_MINOR_WORDS = frozenset(
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
        "off", "on", "per", "to", "up", "via", "from", "into", "onto", "upon", "with", "within", "without",
        "over", "under", "between", "among", "across", "about", "after", "before", "through", "toward",
        "towards", "than", "versus", "vs",
    }
)  # fmt: skip
"""Articles, conjunctions and prepositions: never a name, lowered whatever the text shows."""
MIN_CAPITALISED_SHARE = 0.6
"""Share of a title's later words (see `_in_title_case`) that are capitalised for it to be in
title case; a title below it is in sentence case already (its capitals are names)."""


@dataclass(frozen=True)
class _Usage:
    """How often the text writes each word (lowercased key) in lowercase and capitalised mid-sentence."""

    lowercase: Counter[str]
    capitalised: Counter[str]

    def common(self, word: str) -> bool:
        """Written in lowercase more often than capitalised mid-sentence."""
        key = word.lower()
        return self.lowercase[key] > self.capitalised[key]

    def used(self, word: str) -> bool:
        """Written at all, in lowercase or capitalised mid-sentence."""
        key = word.lower()
        return bool(self.lowercase[key] or self.capitalised[key])


def sentence_case(title: str, text: str) -> str:
    """`title` in sentence case as `text` (the work's own) shows its common words; '' if unchanged.

    Only capitalised words ("Value", "Co-Creation") after the title's and a subtitle's first are
    lowered, each where the text writes it in lowercase more often than capitalised mid-sentence
    (each part of a compound the text does not use whole). Acronyms and words with inner
    capitals ("SMEs", "McKinsey") are kept.
    """
    words = list(_WORD.finditer(title))
    if len(words) < 3 or not _in_title_case(title, words):
        return ""
    usage = _usage(text, title, [m.group() for m in words])
    pieces: list[str] = []
    end = 0
    for index, match in enumerate(words):
        pieces.append(title[end : match.start()])
        word = match.group()
        first = index == 0 or bool(_OPENS_SUBTITLE.search(title[: match.start()]))
        pieces.append(word if first or not _capitalised(word) else _lowered(word, usage))
        end = match.end()
    pieces.append(title[end:])
    result = "".join(pieces)
    return "" if result == title else result


def _in_title_case(title: str, words: list[re.Match[str]]) -> bool:
    """Whether most of the title's later words of four letters or more are capitalised.

    The title's and a subtitle's first words, acronyms and minor words are not counted.
    """
    later = [
        m.group()
        for m in words[1:]
        if len(m.group()) >= 4
        and not m.group().isupper()
        and m.group().lower() not in _MINOR_WORDS
        and not _OPENS_SUBTITLE.search(title[: m.start()])
    ]
    if not later:
        return False
    return sum(word[0].isupper() for word in later) / len(later) >= MIN_CAPITALISED_SHARE


def _capitalised(word: str) -> bool:
    """An initial capital and none inside a part: "Value", "Co-Creation", "Firm's", "A"."""
    return word[0].isupper() and all(len(part) <= 1 or part[1:].islower() for part in _PARTS.split(word))


def _lowered(word: str, usage: _Usage) -> str:
    """The word in lowercase where the text's usage says it is common, else as written.

    A compound the text never writes whole is lowered part by part ("Service-Dominant").
    """
    if word.lower() in _MINOR_WORDS:
        return word.lower()
    if usage.used(word) or not _PARTS.search(word):
        return word.lower() if usage.common(word) else word
    return "".join(
        part.lower() if part[:1].isupper() and usage.common(part) else part
        for part in _PARTS_KEPT.split(word)
    )


def _usage(text: str, title: str, words: list[str]) -> _Usage:
    """How the text writes the title's `words` and their parts, the title's own occurrences left out."""
    for piece in sorted({title, *re.split(r"\s*[:?!]\s+", title)}, key=len, reverse=True):
        if len(piece.split()) >= 3:
            text = re.sub(r"\s+".join(map(re.escape, piece.split())), " ", text)
    keys = {key for word in words for key in (word.lower(), *_PARTS.split(word.lower())) if key}
    pattern = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?![\w'’-])",
        re.IGNORECASE,
    )
    lowercase: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for match in pattern.finditer(text):
        word = match.group()
        if word.islower():
            lowercase[word] += 1
        elif _capitalised(word) and not _OPENS_SENTENCE.search(
            text[max(0, match.start() - _LOOKBEHIND) : match.start()]
        ):
            capitalised[word.lower()] += 1
    return _Usage(lowercase, capitalised)
