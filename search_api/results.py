"""Typed answers of the search API: passages grouped under the work they come from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from corpus_core.models import Metadata


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk of a work, with where it sits in its document."""

    chunk_id: str
    doc_id: str
    text: str
    snippet: str
    page: str
    section: str
    score: float
    start: int
    end: int
    ocr: bool = False
    """Whether the passage's text was read by OCR from a scanned page."""
    pdf_page: int | None = None
    """Physical page (1-based) of the stored PDF where the passage begins, for `/files/{doc_id}#page=N`;
    None when the document is not a PDF. `page` is the printed page, which citations use."""


@dataclass
class SearchResult:
    """One work in a result list: its record, best passages and a citation for the best one."""

    rank: int
    doc_id: str
    """The work's id (the id of its canonical document)."""
    score: float
    metadata: Metadata
    passages: list[Passage]
    citation: str
    in_text: str
    source: str

    @property
    def title(self) -> str:
        """The work's title ('' when unknown)."""
        return self.metadata.title

    @property
    def authors(self) -> list[str]:
        """Author names as readers write them."""
        return [a.display for a in self.metadata.authors]

    @property
    def year(self) -> int | None:
        """Year of publication, when known."""
        return self.metadata.year

    @property
    def page(self) -> str:
        """Page (or range) of the best passage; '' for unpaged sources."""
        return self.passages[0].page if self.passages else ""

    @property
    def snippet(self) -> str:
        """Excerpt of the best passage around the query words."""
        return self.passages[0].snippet if self.passages else ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `corpus search --json` and `GET /search`."""
        return {
            "rank": self.rank,
            "doc_id": self.doc_id,
            "title": self.title,
            "authors": self.authors,
            "year": self.year,
            "venue": self.metadata.venue,
            "page": self.page,
            "score": round(self.score, 6),
            "snippet": self.snippet,
            "citation": self.citation,
            "in_text": self.in_text,
            "source": self.source,
            "doi": self.metadata.doi,
            "passages": [asdict(p) for p in self.passages],
        }


@dataclass
class SearchResponse:
    """A page of results and how it was produced."""

    query: str
    mode: str
    results: list[SearchResult] = field(default_factory=list)
    offset: int = 0
    total_works: int = 0
    """Works that matched at all (before `offset` and `k`), within the candidate depth."""
