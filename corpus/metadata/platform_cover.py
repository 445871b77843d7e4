"""The record a ResearchGate cover page states: title, kind, venue, year and DOI.

The cover (`corpus.cleaning.platform_cover`, which removes it from the text) names the work
between its "...researchgate.net/publication/NNN" line and a line of the form
"Article in Journal of the Academy of Marketing Science · March 2008" ("Conference Paper ·
June 2015", "Chapter in Book Title · 2016", "Thesis for: PhD · May 2012"), then "DOI: ...".
Its author list is not read: "3 authors, including:" shows only some, in boxes mixed with
affiliations and counts; the paper's own first page names them all. Source "page-furniture".
"""

from __future__ import annotations

import re

from corpus.cleaning.platform_cover import find_platform_cover
from corpus.metadata.fields import kind_from_label, normalise_doi, parse_year, stamp
from corpus_core.models import Metadata, RawDocument

_PUBLICATION_LINK = re.compile(r"researchgate\.net/publication/\d+", re.IGNORECASE)
_KIND_LINE = re.compile(
    r"(?P<kind>article|conference paper|chapter|book|thesis|preprint|technical report|working paper)"
    r"(?:\s+in\s+(?P<venue>.+?)|\s+for:?\s*.{1,40}?)?\s*[·•∙⋅]\s*(?:[A-Z][a-z]+\s+)?(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
MAX_TITLE_LINES = 4
"""A title wraps over at most this many lines of the cover."""


def platform_cover_record(raw: RawDocument) -> Metadata:
    """What a ResearchGate cover page in front of the PDF states; empty without one."""
    index = find_platform_cover(raw.pages)
    if index is None:
        return Metadata()
    lines = [" ".join(line.split()) for line in raw.pages[index].splitlines() if line.strip()]
    link = next((i for i, line in enumerate(lines) if _PUBLICATION_LINK.search(line)), None)
    if link is None:
        return Metadata()
    for end in range(link + 1, min(len(lines), link + 2 + MAX_TITLE_LINES)):
        found = _KIND_LINE.fullmatch(lines[end])
        if found:
            break
    else:
        return Metadata()
    meta = Metadata(
        title=" ".join(lines[link + 1 : end]),
        kind=kind_from_label(found["kind"]),
        venue=(found["venue"] or "").strip(),
        year=parse_year(found["year"]),
        doi=normalise_doi(" ".join(lines[end + 1 : end + 3])),
    )
    return stamp(meta, "page-furniture")
