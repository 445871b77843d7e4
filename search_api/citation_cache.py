"""Formatted citations rendered once per work and style, kept in the catalog, reused by every query.

citeproc-py takes tens of milliseconds per reference, and a search shows ten works: rendering
per query was most of a search's time. A work's forms do not depend on the query, only on
its record and the style, so they are rendered on first use and stored in the catalog's
`citations` table, which `Catalog.set_works` clears whenever the record changes (`corpus
edit`, a new version of a file). The in-text form with a pinpoint page is kept as two
templates (one page, a page range) rendered with sentinel page numbers, so any page is
filled in without rendering again.

    cache = CitationCache(catalog)
    forms = cache.forms({"w1": metadata}, "apa")["w1"]
    forms.reference, forms.in_text_at("21")   # "(Chung, 2009, p. 21)"
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from corpus_core.models import Metadata
from indexing.catalog import Catalog
from search_api.citations import IN_TEXT_STYLES, Citation

_ONE_PAGE = "99997"
_RANGE = ("99998", "99999")
_DASHES = re.compile(r"\s*[-–—]+\s*")


@dataclass(frozen=True)
class CitationForms:
    """A work's rendered citation in one style: the reference and the in-text forms."""

    reference: str
    in_text: str
    """Without a page ("(Chung, 2009)"); '' for styles without an in-text form."""
    in_text_page: str = ""
    """Template with the sentinel for one page."""
    in_text_range: str = ""
    """Template with the sentinels for the first and last page of a range."""
    record: str = ""
    """Digest of the record the forms were rendered from: stale forms are never served."""

    def in_text_at(self, page: str | None) -> str:
        """The in-text form with `page` ("21", "3-4", "iii") as its pinpoint."""
        page = (page or "").strip()
        if not page or not self.in_text:
            return self.in_text
        parts = [p for p in _DASHES.split(page) if p]
        if len(parts) == 2:
            return self.in_text_range.replace(_RANGE[0], parts[0]).replace(_RANGE[1], parts[1])
        return self.in_text_page.replace(_ONE_PAGE, page)


RENDERING = 21
"""Version of how forms are rendered from a record, part of its digest: raised when rendering
changes (2: a non-English work's titles are not title-cased; 3: a hyphenated given name is
initialised on both sides, "J.-H."; 4: no "Retrieved" before an undated page's URL in APA;
5: no "Edition." after an article or paper without a venue in Chicago; 6: a thesis's venue is
its school, not a container: no "In University of Michigan."; 7: a thesis's degree, "[Doctoral
dissertation]", without APA's "(Publication)" label; 8: a book's or a chapter's editors,
"(Eds.)"; 9: a book's edition, "(2nd ed.)"; 10: a journal's article number, APA's "Article 12";
11: APA's titles in sentence case; 12: a chapter's book in sentence case in APA and Harvard;
13: a review's reviewed work and its authors, "[Review of the book ..., by P. M. Senge]"; 14: a
newspaper's, a magazine's or a web page's day, "(2019, May 14)"; 15: a retraction, "(Retraction
published 2022)"; 16: a talk's event, "[Conference presentation slides]. EGOS Colloquium 2021.", and
its slides, "(Smith, 2021, slide 4)"; 17: a manuscript that says no more is "[Unpublished
manuscript]"; 18: a worded edition abbreviated, "(Rev. ed.)", "(2nd rev. ed.)", "Rev. edn"; 19:
title case that capitalises a hyphenated compound's parts, "Service-Dominant Logic", and no word
after an abbreviation's period, "J. of the Acad. Mark. Sci."; 20: a report's number parted by a
hyphen is numeric, "(Discussion Paper No. 12-034)"; 21: a journal's or a book's name in another
language is not title-cased, "Revue française de gestion"),
so forms stored by an earlier release are rendered again on first use instead of served."""


def record_digest(metadata: Metadata) -> str:
    """Digest of a record as citations see it, and of how they are rendered (`RENDERING`)."""
    payload = json.dumps([RENDERING, metadata.digest_dict()], sort_keys=True).encode()
    return hashlib.blake2b(payload, digest_size=8).hexdigest()


def render_forms(citation: Citation, style: str) -> CitationForms:
    """Render a work's forms in `style` (the slow part: citeproc-py)."""
    reference = citation.format(style)
    digest = record_digest(citation.metadata)
    if style not in IN_TEXT_STYLES:
        return CitationForms(reference, "", record=digest)
    return CitationForms(
        reference,
        citation.in_text(style),
        citation.in_text(style, _ONE_PAGE),
        citation.in_text(style, "-".join(_RANGE)),
        digest,
    )


class CitationCache:
    """Citation forms from the catalog, rendering (and storing) only those not rendered yet."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def forms(self, records: dict[str, Metadata], style: str) -> dict[str, CitationForms]:
        """work_id -> forms in `style` for these works (their current records given)."""
        cached = self.catalog.citation_forms(list(records), style)
        found = {
            work_id: CitationForms(**value)
            for work_id, value in cached.items()
            if value.get("record") == record_digest(records[work_id])
        }
        missing = [work_id for work_id in records if work_id not in found]
        if missing:
            rendered = {
                work_id: render_forms(Citation(work_id, records[work_id]), style) for work_id in missing
            }
            self.catalog.store_citation_forms(style, {w: asdict(f) for w, f in rendered.items()})
            found.update(rendered)
        return found
