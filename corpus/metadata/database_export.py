"""The record a database's full-text export states: ProQuest's citation line and DETAILS block.

ProQuest exports an article as its title, a citation line ("Rossi, Maria; Park, John. The
Learning Organization; Bradford Vol. 26, Iss. 3, (2019): 283-295."), "ProQuest document
link", the text, and a "DETAILS" block of the database's fields (`corpus.cleaning.
database_export` takes both out of the text). The block gives the journal ("Publication
title"), volume, issue, pages, year, publisher, language, DOI and kind ("Document type:
Journal Article"); a dissertation's gives its university and degree ("Degree: Ph.D."). The
citation line gives the authors, in the order the database lists them, and the lines above
it the title. Source "page-furniture": the database's own record of the work.
"""

from __future__ import annotations

from corpus.cleaning.database_export import (
    DETAILS_FIELD,
    DOCUMENT_LINK,
    TAIL_PAGES,
    details_start,
    holds_database_record,
)
from corpus.metadata.fields import (
    kind_from_label,
    labelled_values,
    normalise_doi,
    normalise_language,
    normalise_pages,
    parse_date,
    parse_year,
    split_people,
    stamp,
    thesis_genre,
)
from corpus_core.models import Metadata, RawDocument

MAX_TITLE_LINES = 3
"""Lines above the citation line that a title may wrap over."""


def database_export_record(raw: RawDocument) -> Metadata:
    """What a ProQuest export's DETAILS block and citation line state; empty without the block."""
    if not holds_database_record(raw.pages[-TAIL_PAGES:]):
        return Metadata()
    lines = [" ".join(line.split()) for page in raw.pages for line in page.splitlines() if line.strip()]
    start = details_start(lines)
    if start is None:
        return Metadata()
    fields = labelled_values(lines[start + 1 :], DETAILS_FIELD)
    get = fields.get
    kind = kind_from_label(get("document type", "") or get("source type", ""))
    meta = Metadata(
        venue=get("publication title", ""),
        volume=get("volume", ""),
        issue=get("issue", ""),
        pages=normalise_pages(get("pages", "")),
        year=parse_year(get("publication year", "") or get("publication date", "")),
        date=parse_date(get("publication date", "")),
        publisher=get("university/institution", "") or get("publisher", ""),
        language=normalise_language(get("language of publication", "") or get("language", "")),
        doi=normalise_doi(get("doi", "")),
        isbn=get("isbn", ""),
        kind=kind,
        genre=thesis_genre(get("degree", "")) if kind == "thesis" else "",
    )
    link = next((i for i, line in enumerate(lines[:start]) if DOCUMENT_LINK.fullmatch(line)), None)
    if link:
        _read_citation_line(meta, lines[:link])
    return stamp(meta, "page-furniture")


def _read_citation_line(meta: Metadata, head: list[str]) -> None:
    """Authors from the citation line over the document link, and the title from the lines above it.

    The line opens with the authors and a full stop before the journal the block names
    ("Rossi, Maria; Park, John. The Learning Organization; ..."); a dissertation's names
    its author alone before its year ("Rossi, Maria. University of Michigan, ProQuest ...").
    """
    for index in range(len(head) - 1, max(-1, len(head) - 1 - MAX_TITLE_LINES), -1):
        line = head[index]
        cut = line.find(f". {meta.venue}") if meta.venue else -1
        if cut < 0 and meta.publisher:
            cut = line.find(f". {meta.publisher}")
        if cut > 0:
            meta.authors = split_people(line[:cut])
            meta.title = " ".join(head[max(0, index - MAX_TITLE_LINES) : index]).strip()
            return
