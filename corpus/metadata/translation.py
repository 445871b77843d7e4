"""A translation's translators, and the year a translated or republished work first appeared.

A translated book names its translators on its title page ("Translated from the French by Helen
Weaver") and its original on the back of it ("Originally published in French as La psychologie de
l'enfant / © 1966 Presses Universitaires de France"); a classic republished says when it first
appeared ("Originally published in 1938 by Kappa Delta Pi"), a journal's reprint where it did
("Reprinted from Management Science, 1958"). APA 7 (9.39-9.41) cites both: "Piaget, J., &
Inhelder, B. (1969). The psychology of the child (H. Weaver, Trans.). Basic Books. (Original work
published 1966)", in the text "(Piaget & Inhelder, 1966/1969)"; Chicago "Translated by Helen
Weaver". Without them a translation was cited as its authors' own words of the translation's year.

Only the front pages are read: a PDF's first page (a translated article's note stands at its
foot), and a book's pages up to its imprint page (`corpus.cleaning.imprint_page`); another
format's opening (`FRONT_CHARS`). A translator is named on a line of its own that is the
statement and the names alone, so a reference list's "Translated by ..." is never read. A work's
earlier version ("An earlier version of this paper was originally published in ...") is no
original, nor is a book's first edition where a later one is named ("First published 1990 ...
Revised edition 2006"): APA cites an edition by its own year.
"""

from __future__ import annotations

import re

from corpus.cleaning.imprint_page import find_imprint_page
from corpus.metadata.fields import (
    is_language_name,
    is_organisation_name,
    normalise_edition,
    parse_year,
    split_people,
    stamp,
)
from corpus.metadata.imprint import EDITION
from corpus.metadata.labelled import is_author_line, line_names
from corpus_core.models import Metadata, Person, RawDocument

_TRANSLATED_BY = re.compile(
    r"(?:(?:English|new)\s+)?(?P<edited>edited\s+and\s+)?"
    r"(?:translated|translation|übersetzt|traduit|traducido|tradotto)"
    r"(?:\s+(?:and|&)\s+(?P<editor>edited)|\s+(?:and|&)\s+(?:introduced|annotated)|\s+revised"
    r"|\s+and\s+with\s+an\s+introduction)?"
    r"(?:\s+(?:from|aus)\s+(?:the\s+|dem\s+)?\w+(?:\s+(?:original|edition))?|\s+de\s+l['’]\s*\w+)?"
    r"\s+(?:by|von|par|por|da)\s*:?\s+(?P<names>.+)"
    r"|(?:aus\s+dem\s+\w+\s+(?:übersetzt\s+)?von)\s+(?P<german>.+)"
    r"|(?:translators?|übersetzung|übersetzt|traduction|traducción|traduzione)\s*:\s*(?P<label>.+)",
    re.IGNORECASE,
)
"""A line that names a work's translators: "Translated from the French by Helen Weaver",
"Translation revised by Joel Weinsheimer and Donald G. Marshall", "English translation by ...",
"Aus dem Englischen von Maria Rossi", "Translator: ..."; "Translated and edited by James Strachey"
makes Strachey the editor too (APA "(J. Strachey, Ed. & Trans.)")."""
_AFTER_NAMES = re.compile(r"[,;(]?\s+(?:with|mit|avec|con)\b.*|\s*[;(].*|\.$", re.IGNORECASE)
"""What may follow the translators' names on their line: "with an introduction by ...", a note."""
MAX_STATEMENT_WORDS = 16
"""Words a translator's line has at most (a sentence of the text has more)."""

_ORIGINAL = re.compile(
    r"(?:originally\s+published|published\s+originally|first\s+published\s+in\s+(?:the\s+)?(?P<language>\w+)"
    r"|original\s+(?:work|edition)\s+(?:was\s+)?published|original\s+title|titel\s+der\s+originalausgabe"
    r"|originaltitel|édition\s+originale|reprinted\s+(?:with\s+permission\s+)?from)\b(?P<rest>[^.]{0,160})",
    re.IGNORECASE,
)
"""A statement of the work's first publication, with the text after it, where its year stands."""
_OPENS_STATEMENT = re.compile(
    r"(?:[\d*∗†‡§¶]+\s*)?(?:(?:this|the)\s+(?:article|paper|chapter|essay|book|work|text|lecture|address)"
    r"\s+(?:was|is|has\s+been)\s+)?",
    re.IGNORECASE,
)
"""What may stand before the statement on its line: a note's mark, "This article was" (a sentence of
the text that mentions a book "originally published in 1990" is no statement of the work's own)."""
_NOT_ORIGINAL = re.compile(
    r"^\s*(?:in\s+)?(?:(?:a\s+)?hard(?:back|cover)|paperback|cloth|e-?book)|earlier\s+version|version\s+of\s+this"
    r"|preliminary|(?:parts?|portions?|sections?)\s+of\s+this",
    re.IGNORECASE,
)
"""A statement about another form of the same edition, or about an earlier version of a part of it."""
_NAMES_ORIGINAL = ("original ", "originaltitel", "titel der", "édition")
"""How a statement opens that names the original itself, which a later edition's page names too."""
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def translation_record(raw: RawDocument) -> Metadata:
    """The translators and the original year the work's front pages state; empty where they state none.

    Source "labelled-text": the pages say so in words.
    """
    pages = _front_pages(raw)
    translators, edited = _translators(pages)
    meta = Metadata(
        translators=translators,
        editors=list(translators) if edited else [],
        original_year=_original_year("\n".join(pages)),
    )
    return stamp(meta, "labelled-text")


FRONT_CHARS = 5000
"""Characters of a file without pages of print (a text, a Word file, an EPUB without page marks)
that are its front matter: its title page, an EPUB's copyright page; its reference list is not."""


def _front_pages(raw: RawDocument) -> list[str]:
    """A PDF's first page, or a book's pages up to its imprint page; another format's opening."""
    if raw.format != "pdf":
        return ["\n".join(raw.pages)[:FRONT_CHARS]]
    imprint = find_imprint_page(raw.pages)
    return raw.pages[: 1 if imprint is None else imprint + 1]


def _translators(pages: list[str]) -> tuple[list[Person], bool]:
    """The people a line of its own names as the work's translators, and whether they edited it too."""
    for page in pages:
        for line in page.split("\n"):
            line = " ".join(line.split())
            if len(line.split()) > MAX_STATEMENT_WORDS:
                continue
            found = _TRANSLATED_BY.fullmatch(line)
            if found is None:
                continue
            names = _AFTER_NAMES.sub("", found["names"] or found["german"] or found["label"]).strip(" ,.")
            if names and not is_organisation_name(names) and is_author_line(names):
                return split_people(line_names(names)), bool(found["edited"] or found["editor"])
    return [], False


def _original_year(text: str) -> int | None:
    """The year a statement of the work's first publication names, before the work's own year."""
    editions = [normalise_edition(found.group()) for found in EDITION.finditer(text)]
    later_edition = any(editions)  # a first edition normalises to ''
    for found in _ORIGINAL.finditer(text):
        language = found["language"]
        if language is not None and not is_language_name(language):
            continue  # "First published in Great Britain in 1990": where, not in which language
        before = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        if not _OPENS_STATEMENT.fullmatch(before) or _NOT_ORIGINAL.search(found["rest"]):
            continue
        if later_edition and language is None and not found.group().lower().startswith(_NAMES_ORIGINAL):
            continue  # "First published 1990 ... This revised edition 2006": an edition, not a reprint
        year = _YEAR.search(found["rest"])
        if year is not None:
            return parse_year(year.group())
    return None
