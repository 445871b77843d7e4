"""Headings set in spaced letters read as words: "a r t i c l e  i n f o" -> "Article info".

Elsevier sets the "article info" and "abstract" boxes of an article's first page letter by
letter, and some journals their section headings. Extracted, each letter is a word and the
gap between words is lost: the metadata reader took "A R T I C L E I N F O" (or the line
under it) for the title, reflow joined "a b s t r a c t" to the line before it, and no
"Abstract" section was found. A line made wholly of single letters that spell one or two
heading words is rewritten as those words, each on its own line; any other line of single
letters (a row of variables, "a b c d") is left as it is.
"""

from __future__ import annotations

import re

HEADINGS = (
    "article info",
    "article history",
    "abstract",
    "keywords",
    "key words",
    "highlights",
    "introduction",
    "references",
    "bibliography",
    "acknowledgements",
    "acknowledgments",
    "conclusion",
    "conclusions",
    "discussion",
    "methods",
    "results",
    "contents",
    "appendix",
    "summary",
    "notes",
    "zusammenfassung",
    "einleitung",
    "schlüsselwörter",
    "literatur",
    "literaturverzeichnis",
    "résumé",
    "mots clés",
    "resumen",
    "introducción",
    "palabras clave",
    "referencias",
)
"""The headings a publisher sets in spaced letters (English, German, French, Spanish; compared
without their spaces)."""
_BY_LETTERS = {heading.replace(" ", ""): heading for heading in HEADINGS}
_SPACED = re.compile(r"(?:[^\W\d_] ){3,}[^\W\d_]")


def _spell(letters: str) -> list[str]:
    """The one or two headings `letters` spells ("articleinfoabstract"), else []."""
    if letters in _BY_LETTERS:
        return [_BY_LETTERS[letters]]
    for cut in range(1, len(letters)):
        if letters[:cut] in _BY_LETTERS and letters[cut:] in _BY_LETTERS:
            return [_BY_LETTERS[letters[:cut]], _BY_LETTERS[letters[cut:]]]
    return []


def unspace_heading(line: str) -> list[str]:
    """The line as the heading(s) its spaced letters spell, in their case; else the line itself.

    `line` has its spaces normalised (one between words). "a b s t r a c t" -> ["Abstract"],
    "A R T I C L E I N F O A B S T R A C T" -> ["ARTICLE INFO", "ABSTRACT"].
    """
    if not _SPACED.fullmatch(line):
        return [line]
    letters = line.replace(" ", "")
    headings = _spell(letters.lower())
    if not headings:
        return [line]
    if letters.isupper():
        return [heading.upper() for heading in headings]
    return [heading.capitalize() for heading in headings]
