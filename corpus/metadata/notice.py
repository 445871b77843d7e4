"""A journal's notice about another article: a correction, an erratum, a retraction, a concern.

A notice is a work of its own, with its own title, year, pages and DOI, that cites the article
it corrects or retracts on its first page:

    Correction to: Value co-creation in service ecosystems            (Springer, and "Erratum to:",
    Jane Smith1 · Peter Jones2                                          "Retraction Note to:")
    Corrigendum to “Value co-creation ...” [J. Bus. Res. 120 (2020) 101–115]      (Elsevier)
    Retraction notice                                                   (SAGE: the head alone,
    Smith J and Jones P (2020) Value co-creation ... Management Learning  then the article cited)
    51(4): 455–472. DOI: 10.1177/1350507620912345
    Erratum / Value co-creation ... / Jane Smith and Peter Jones / The Learning Organization,
    28(1), 1–20. https://doi.org/...                                    (the head, then its article)

Read as a paper, a notice under its head alone took its article's title and authors, and the
article's citation its volume, pages and DOI: the notice was then the article's version, and its
passages were cited as the article's. The notice is titled as printed (its head alone: "Erratum",
"Retraction notice"), credited to the names under a title of its own only, and the page's
readers of volume, pages and DOI read it without the lines that cite its article (`read_notice`
returns the page without them). Source "page-furniture": the journal prints it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.metadata.fields import normalise_doi, split_people, stamp
from corpus.metadata.labelled import is_author_line, line_names
from corpus_core.models import NOTICE_TITLE, Metadata, RawDocument

HEAD_LINES = 10
"""Lines at the top of the first page where a notice's head stands (under a running head)."""
CITED_LINES = 6
"""Lines after a bare head within which the citation of its article ends."""
TITLE_LINES = 3
"""Lines a notice's own title ("Correction to: ...") wraps over at most."""

_CITING = re.compile(
    r"10\.\d{4,9}/|\b\d{1,4}\s*\(\d{1,4}(?:[–-]\d{1,4})?\)|\bvol(?:ume)?\.?\s*\d|\bpp?\.\s*\d+\s*[–-]\s*\d"
    r"|\((?:19|20)\d\d[a-z]?\)|^(?:Article\s+title|Authors?|Journal|Bibliometrics|Citation)\s*:",
    re.I,
)
"""What a line citing an article holds: a DOI, a volume with its issue, pages, a year in brackets, or
a correction's label."""
_CITED_NAMES = re.compile(r"\s*(?:to\b)?\s*:?\s*[A-Z][\w'’-]+,?\s+(?:[A-Z]\.?\s*){1,3}(?:,|\band\b|&|\()")
"""A head's rest that starts citing its article by its authors' names ("Retraction: Smith, J., &
Jones, P. (2020). ..."): no title of the notice's own."""
_ORIGINAL = re.compile(
    r"\boriginal\s+(?:article|publication|version)\b.*10\.\d{4,9}/|^(?:[A-Z][a-z]+\s+)+to\s*:.*10\.\d{4,9}/",
    re.I,
)
"""A line that links the article a notice is about: "The original article can be found online at
https://doi.org/...", Springer's "Correction to: Journal of ... https://doi.org/..."."""
_RETRACTING = re.compile(r"\bretract|\bwithdrawal", re.I)
"""A notice's head that retracts its article (a correction only mends it)."""


def read_notice(raw: RawDocument) -> tuple[Metadata, RawDocument]:
    """The notice's title and authors (empty for anything else), and `raw` without its article's lines."""
    if not raw.pages:
        return Metadata(), raw
    lines = raw.pages[0].split("\n")
    kept = [index for index, line in enumerate(lines) if line.strip()]
    text = {index: " ".join(lines[index].split()) for index in kept}
    matches = {n: m for n, index in enumerate(kept[:HEAD_LINES]) if (m := NOTICE_TITLE.match(text[index]))}
    if not matches:
        return Metadata(), raw
    heads = sorted(matches)
    rests = {n: match.group("rest") or "" for n, match in matches.items()}
    titled = next((n for n in heads if rests[n] and not _CITED_NAMES.match(rests[n])), None)
    dropped: set[int] = set()
    if titled is None:
        head = heads[0]
        word = matches[head].group("head")
        meta = Metadata(title=word.capitalize() if word.isupper() else word)
        dropped = set(_cited(kept[head + (0 if rests[head] else 1) :], text))
    else:
        title_lines = _title_lines(kept[titled:], text)
        below = kept[titled + len(title_lines) :]
        names = [index for index in below[:2] if is_author_line(text[index])]
        people = [person for index in names for person in split_people(line_names(text[index]))]
        meta = Metadata(title=" ".join(text[index] for index in title_lines), authors=people)
    dropped |= {index for index in kept if _ORIGINAL.search(text[index])}
    if _RETRACTING.search(text[kept[titled if titled is not None else heads[0]]]):
        meta.retracts = next(
            (doi.lower() for index in sorted(dropped) if (doi := normalise_doi(text[index]))), ""
        )
    first = "\n".join(line for index, line in enumerate(lines) if index not in dropped)
    return stamp(meta, "page-furniture"), replace(raw, pages=[first, *raw.pages[1:]])


def _title_lines(indexes: list[int], text: dict[int, str]) -> list[int]:
    """The lines of a notice's own title: its first, and those it runs on to before names or a blank."""
    taken = indexes[:1]
    for index in indexes[1:TITLE_LINES]:
        line = text[index]
        runs_on = line[:1].islower() or line[:1] in '[(“"'
        if index != taken[-1] + 1 or is_author_line(line) or not runs_on:
            break
        taken.append(index)
    return taken


def _cited(indexes: list[int], text: dict[int, str]) -> list[int]:
    """The lines under a bare head that cite its article: its title and names, and the run of lines citing it.

    The citation ends at the first run of lines that hold a DOI, its numbers or a correction's
    labels ("Article title:", "Bibliometrics:"); nothing is taken where no line within
    `CITED_LINES` cites (the notice tells of its article in prose).
    """
    window = indexes[:CITED_LINES]
    citing = [n for n, index in enumerate(window) if _CITING.search(text[index])]
    if not citing:
        return []
    end = citing[0]
    while end + 1 in citing:
        end += 1
    return window[: end + 1]
