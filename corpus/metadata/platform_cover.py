"""The record a platform's cover page states: ResearchGate's, JSTOR's, SAGE's and a repository's.

The cover (`corpus.cleaning.platform_cover`, which removes it from the text) is read from the
raw page. Source "page-furniture".

ResearchGate's names the work between its "...researchgate.net/publication/NNN" line and a
line of the form "Article in Journal of the Academy of Marketing Science · March 2008"
("Conference Paper · June 2015", "Chapter in Book Title · 2016", "Thesis for: PhD · May
2012"), then "DOI: ...": title, kind, venue, year and DOI. Its author list is not read: "3
authors, including:" shows only some, in boxes mixed with affiliations and counts; the
paper's own first page names them all.

JSTOR's states the whole record in labelled lines, a long value wrapped onto the next: the
title above "Author(s):", then "Source: Administrative Science Quarterly, Vol. 35, No. 1,
Special Issue: ... (Mar., 1990), pp. 128-152" (newer covers put the date after the journal:
"Administrative Science Quarterly , Mar., 1990, Vol. 35, ..."), "Published by:" and "Stable
URL:"; a book chapter's says "Chapter Title:", "Chapter Author(s):", "Book Title:", "Book
Subtitle:", "Book Author(s):" and "Published by: Princeton University Press. (2012)". The
stable URL is not kept: APA leaves out an academic database's address.

A Digital Commons repository's (bepress) gives a "Recommended Citation" in its own format:
`Rossi, Maria and Park, John, "Title" (2019). ICIS 2019 Proceedings. 12. https://...`: the
authors, title, year, the collection (a proceedings' is its venue) and the item's link; its
"This Dissertation is brought to you ..." names the kind (a collection of "Doctoral
Dissertations" or "Masters Theses" the degree).

A research portal's (Pure, as most European universities run it) gives the published version's
reference in APA after "Citation for published version (APA):": its title, year, journal,
volume, issue, pages and DOI are read as a document's own statement of how to cite it is
(`corpus.metadata.cite_statement.cited_record`); its authors are not, written with initials only
where the paper's first page writes them in full.

A SAGE platform's (SAGE Knowledge's, SAGE Research Methods') states the record in labelled lines:
"Contributors: By: Maria Rossi & John Park", "Book Title:", "Chapter Title:", "Pub. Date: 2018",
"Publishing Company:", "Print ISBN:", "DOI:" and "Print pages: 189-207", the print book's pages (the
PDF's own pages differ, as the cover says); "Edited by:" names the book's editors, not a
chapter's authors (a whole book's cover files it under them).

A repository run on EPrints (White Rose Research Online, LSE Research Online, Glasgow's Enlighten)
cites the item in its own style, "Grönroos, C. and Voima, P. (2013) Critical service logic: ...
Journal of the Academy of Marketing Science, 41 (2). pp. 133-150. ISSN 0092-0703", after White
Rose's "Article:" or opening the cover; it is read as a cite statement's reference is, and the
DOI after it taken.

Emerald's old download cover says "To cite this document: Maria Rossi, John Park, (2015)
"Title", The Learning Organization, Vol. 22 Issue: 3, pp.147-160, https://doi.org/...": every
field of it is read, the authors' full names too.

Open archives' and French platforms' covers (EconStor, Cairn.info, HAL, MPRA, Persée, OpenEdition)
are read by `corpus.metadata.archive_covers`.
"""

from __future__ import annotations

import re

from corpus.cleaning.imprint_page import isbn_digits
from corpus.cleaning.platform_cover import find_platform_cover
from corpus.metadata.archive_covers import archive_cover_record
from corpus.metadata.cite_statement import cited_record
from corpus.metadata.fields import (
    filed_authors,
    kind_from_label,
    labelled_values,
    normalise_doi,
    normalise_pages,
    parse_year,
    split_people,
    stamp,
    thesis_genre,
)
from corpus_core.models import Metadata, RawDocument

_PUBLICATION_LINK = re.compile(r"researchgate\.net/publication/\d+", re.IGNORECASE)
_KIND_LINE = re.compile(
    r"(?P<kind>article|conference paper|chapter|book|thesis|preprint|technical report|working paper)"
    r"(?:\s+in\s+(?P<venue>.+?)|\s+for:?\s*.{1,40}?)?\s*[·•∙⋅]\s*(?:[A-Z][a-z]+\s+)?(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
MAX_TITLE_LINES = 4
"""A title wraps over at most this many lines of the cover."""


_JSTOR_LABEL = re.compile(
    r"(?P<label>Author\(s\)|Review by|Source|Published by|Stable URL|Chapter Title|Chapter Author\(s\)|"
    r"Book Title|Book Subtitle|Book Author\(s\)|Book Editor\(s\)|Accessed)\s*:\s*(?P<value>.*)"
)
"""A labelled line; its colon is required ("Sources of Innovation" is a title)."""
_JSTOR_END = re.compile(
    r"^REFERENCES$|Linked references are available|JSTOR is a not-for-profit|Your use of the JSTOR archive|"
    r"This content downloaded",
    re.IGNORECASE,
)
"""Where the record ends: the linked references' notice, then the terms of use."""
_SOURCE_YEAR = re.compile(r"\((?:[A-Z][a-z]+\.?(?:\s*[-/]\s*[A-Z][a-z]+\.?)?,?\s*)*((?:1[6-9]|20)\d\d)\)")
"""The issue's date in a JSTOR source line: "(Mar., 1990)", "(Winter, 1995)", "(Jul. - Aug., 2001)"."""


def platform_cover_record(raw: RawDocument) -> Metadata:
    """What a platform's cover page in front of the PDF states (see the module doc); empty without one."""
    index = find_platform_cover(raw.pages)
    if index is None:
        return Metadata()
    lines = [" ".join(line.split()) for line in raw.pages[index].splitlines() if line.strip()]
    jstor = _jstor_fields(lines)
    if jstor:
        return _jstor_record(jstor)
    end = next((i for i, line in enumerate(lines) if _SAGE_END.search(line)), len(lines))
    sage = labelled_values(lines[:end], _SAGE_LABEL)
    if "pub. date" in sage:
        return _sage_record(sage)
    flowing = " ".join(lines)
    repository = (
        _repository_record(flowing)
        or _portal_record(flowing)
        or _emerald_record(flowing)
        or _eprints_record(flowing)
        or archive_cover_record(lines)
    )
    if repository is not None:
        return repository
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


def _jstor_fields(lines: list[str]) -> dict[str, str]:
    """JSTOR's labelled values by label ("title" for the lines above the first), up to its notices."""
    end = next((i for i, line in enumerate(lines) if _JSTOR_END.search(line)), len(lines))
    fields = labelled_values(lines[:end], _JSTOR_LABEL, opening="title")
    return fields if "stable url" in fields else {}


def _jstor_record(fields: dict[str, str]) -> Metadata:
    """The record JSTOR's labelled values state (see the module doc)."""
    meta = Metadata()
    chapter = fields.get("chapter title", "")
    if chapter:
        book = ": ".join(part for part in (fields.get("book title"), fields.get("book subtitle")) if part)
        meta.title, meta.venue, meta.kind = chapter, book, "chapter"
        meta.authors = split_people(fields.get("chapter author(s)") or fields.get("book author(s)", ""))
    else:
        meta.title = fields.get("title", "")
        meta.authors = split_people(fields.get("author(s)", ""))
    source = fields.get("source", "")
    if source:
        venue, _, rest = source.partition(",")
        meta.venue, meta.kind = venue.strip(" ."), meta.kind or "article-journal"
        volume = re.search(r"\bVol\.\s*([\w./-]+?),?(?:\s|$)", rest)
        issue = re.search(r"\bNo\.\s*([\w./-]+?),?(?:\s|$)", rest)
        pages = re.search(r"\bpp?\.\s*(\w+(?:\s*[-–]\s*\w+)?)", rest)
        meta.volume, meta.issue = volume[1] if volume else "", issue[1] if issue else ""
        meta.pages = normalise_pages(pages[1]) if pages else ""
        dated = _SOURCE_YEAR.search(rest)
        meta.year = parse_year(dated[1]) if dated else parse_year(rest.split("Vol.")[0])
    publisher = fields.get("published by", "")
    if publisher:
        meta.year = meta.year or parse_year(publisher)
        if not source:
            name = re.sub(r"\s*\(\d{4}\)\s*$", "", publisher).split(" on behalf of ")[0]
            meta.publisher = name.strip(" .")
    return stamp(meta, "page-furniture")


_SAGE_LABEL = re.compile(
    r"(?P<label>Contributors|Edited by|Book Title|Chapter Title|Title|Pub\. Date|Access Date|"
    r"Publishing Company|City|Print ISBN|Online ISBN|DOI|Print pages|Series|Product|Methods|Disciplines|"
    r"Keywords)\s*:\s*(?P<value>.*)"
)
"""A labelled line of a SAGE platform's cover (see the module doc)."""
_SAGE_END = re.compile(r"^©|this pdf has been generated from", re.IGNORECASE)
"""Where its record ends: the copyright and the note on its pages."""


def _sage_record(fields: dict[str, str]) -> Metadata:
    """The record a SAGE platform's cover states in its labelled lines (see the module doc)."""
    chapter = fields.get("chapter title", "").strip('"“”')
    contributors = re.sub(r"^(?:By|Authors?)\s*:\s*", "", fields.get("contributors", ""), flags=re.IGNORECASE)
    edited = fields.get("edited by", "")
    if re.match(r"edited by", contributors, re.IGNORECASE):  # an edited book's cover
        edited = edited or re.sub(r"^edited by\s*:?\s*", "", contributors, flags=re.IGNORECASE)
        contributors = ""
    editors = split_people(edited)
    meta = Metadata(
        title=chapter or fields.get("title", "").strip('"“”') or fields.get("book title", ""),
        authors=filed_authors(split_people(contributors), editors, "chapter" if chapter else "book"),
        editors=editors,
        year=parse_year(fields.get("pub. date", "")),
        publisher=fields.get("publishing company", ""),
        isbn=isbn_digits(fields.get("print isbn", "")),
        doi=normalise_doi(fields.get("doi", "")),
        pages=normalise_pages(fields.get("print pages", "")),
        kind="chapter" if chapter else "book",
    )
    if chapter:
        meta.venue = fields.get("book title", "")
    return stamp(meta, "page-furniture")


_RECOMMENDED = re.compile(
    r"Recommended Citation\s*(?P<authors>[^\"“”]{2,400}?),?\s*[\"“](?P<title>[^\"“”]{5,400}?)[,.]?[\"”]\s*"
    r"\((?P<year>(?:1[6-9]|20)\d\d)\)\.\s*(?P<collection>.{3,200}?)\.(?:\s*(?P<number>\d{1,6})\.)?"
    r"\s*(?P<url>https?://\S+?)\.?(?=\s|$)"
)
"""Digital Commons' own citation format: `Authors, "Title" (Year). Collection. Number. URL`."""
_BROUGHT_TO_YOU = re.compile(r"This (?P<kind>[\w ]{2,40}?) is brought to you", re.IGNORECASE)


def _repository_record(cover: str) -> Metadata | None:
    """The record a Digital Commons cover's "Recommended Citation" states (see the module doc)."""
    found = _RECOMMENDED.search(cover)
    if found is None:
        return None
    collection = found["collection"].strip()
    stated = _BROUGHT_TO_YOU.search(cover)
    kind = kind_from_label(stated["kind"]) if stated else ""
    genre = (
        thesis_genre(collection) if re.search(r"thes[ie]s|dissertation", collection, re.IGNORECASE) else ""
    )
    if genre or kind == "thesis":
        kind = "thesis"
    elif re.search(r"proceedings|conference", collection, re.IGNORECASE):
        kind = "paper-conference"
    meta = Metadata(
        title=found["title"].strip(),
        authors=split_people(found["authors"]),
        year=parse_year(found["year"]),
        venue=collection if kind == "paper-conference" else "",
        url=found["url"],
        kind=kind,
        genre=genre,
    )
    return stamp(meta, "page-furniture")


_PORTAL_CITATION = re.compile(
    r"Citation for published version \(APA\)\s*:\s*(?P<reference>.{20,800}?)\s*(?=General rights|$)",
    re.IGNORECASE,
)


def _portal_record(cover: str) -> Metadata | None:
    """The published version's record a research portal's cover cites in APA (see the module doc)."""
    found = _PORTAL_CITATION.search(cover)
    return cited_record(found["reference"]) if found else None


_EMERALD_CITATION = re.compile(
    r"To cite this document\s*:\s*(?P<authors>[^\"“”]{2,400}?),?\s*\((?P<year>(?:19|20)\d\d)\)\s*,?\s*"
    r"[\"“](?P<title>[^\"“”]{5,400}?)[,.]?[\"”]\s*,\s*(?P<venue>[^,]{3,200}?)\s*,\s*Vol\.\s*(?P<volume>[\w.-]+)\s*"
    r"(?:Iss(?:ue)?\s*:?\s*(?P<issue>[\w/.-]+))?\s*,?\s*(?:pp?\.\s*(?P<pages>\w+(?:\s*[-–]\s*\w+)?))?"
)
"""Emerald's "To cite this document:" line (see the module doc)."""


def _emerald_record(cover: str) -> Metadata | None:
    """The record Emerald's old download cover cites (see the module doc)."""
    found = _EMERALD_CITATION.search(cover)
    if found is None:
        return None
    meta = Metadata(
        title=found["title"].strip(),
        authors=split_people(found["authors"]),
        year=parse_year(found["year"]),
        venue=found["venue"].strip(),
        volume=found["volume"],
        issue=found["issue"] or "",
        pages=normalise_pages(found["pages"] or ""),
        doi=normalise_doi(cover[found.end() : found.end() + 120]),
        kind="article-journal",
    )
    return stamp(meta, "page-furniture")


_EPRINTS = re.compile(
    r"this is a repository copy of|available in lse research online|"
    r"research publications by members of the university of glasgow",
    re.IGNORECASE,
)
_EPRINTS_ITEM = re.compile(
    r"\b(?:Original citation|Article|Book Section|Book|Proceedings Paper|Conference or Workshop Item|"
    r"Monograph|Thesis)\s*:\s*"
)
"""The label before the citation of the item: White Rose's "Article: Grönroos, C. and ...", LSE's older
"Original citation: ..."."""
_EPRINTS_REFERENCE = re.compile(
    r"(?P<reference>.{10,600}?\((?:19|20)\d\d\)\s.{10,600}?)\s*"
    r"(?=ISSN\b|ISBN\b|DOI\s*:|\(doi:|https?://|©|Copyright\b|This version\b|This is the\b|Reuse\b|"
    r"Items deposited\b|Available in\b|Deposited on\b|$)",
    re.IGNORECASE,
)
"""EPrints' own citation: "Surname, A. and Surname, B. (2013) Title. Journal, 41 (2). pp. 133-150."."""


def _eprints_record(cover: str) -> Metadata | None:
    """The record an EPrints repository's cover cites (see the module doc).

    The citation follows White Rose's "Article:" label, or opens the cover (LSE Research Online,
    Enlighten); a DOI after it is the published version's.
    """
    if not _EPRINTS.search(cover):
        return None
    item = _EPRINTS_ITEM.search(cover)
    start = item.end() if item else 0
    found = _EPRINTS_REFERENCE.match(cover, start)
    if found is None:
        return None
    record = cited_record(found["reference"])
    if record is not None and not record.doi:
        record.doi = normalise_doi(cover[found.end() : found.end() + 200])
    return record
