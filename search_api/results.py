"""Typed answers of the search API: passages grouped under the work they come from.

`SearchHit` is the one JSON shape of a result (`corpus search --json`, `Corpus.search(...)
[i].to_dict()`, `GET /search`); the Python result derives it, the HTTP schema documents it.
`WorkKeyed` is the base of every public answer keyed by a work: it writes the old key `doc_id`
beside `work_id` (deprecated, until release 0.3) and reads answers saved with only `doc_id`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, computed_field, model_validator

from corpus_core.models import Metadata

OLD_WORK_KEY = "Deprecated: the old name of `work_id`, written beside it until release 0.3."


class WorkKeyed(BaseModel):
    """A public answer about one work: `work_id`, with the deprecated `doc_id` key derived from it."""

    work_id: str
    """The work's id (the id of its canonical document)."""

    @model_validator(mode="before")
    @classmethod
    def _read_old_key(cls, data: Any) -> Any:
        """Accept an answer written before 0.2, which named the work `doc_id` only."""
        if isinstance(data, dict) and "work_id" not in data and "doc_id" in data:
            return {**data, "work_id": data["doc_id"]}
        return data

    @computed_field(description=OLD_WORK_KEY, json_schema_extra={"deprecated": True})  # type: ignore[prop-decorator]
    @property
    def doc_id(self) -> str:
        """Old name of `work_id` (deprecated; kept until release 0.3)."""
        return self.work_id


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


class SearchHit(WorkKeyed):
    """One work of a result list with its best passages and a citation of the best one."""

    rank: int
    title: str
    authors: list[str]
    year: int | None
    venue: str
    page: str
    score: float
    snippet: str
    citation: str
    in_text: str
    source: str
    doi: str
    retraction: str = ""
    """That the work was retracted ("Retraction published 2022", "Retracted"); '' = not known to be:
    a writer is warned before citing it (`Metadata.retraction`)."""
    passages: list[Passage]


@dataclass
class SearchResult:
    """One work in a result list: its record, best passages and a citation for the best one."""

    rank: int
    work_id: str
    """The work's id (the id of its canonical document)."""
    score: float
    metadata: Metadata
    passages: list[Passage]
    citation: str
    in_text: str
    source: str

    @property
    def doc_id(self) -> str:
        """Old name of `work_id` (deprecated; kept until release 0.3)."""
        return self.work_id

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

    def hit(self) -> SearchHit:
        """The result in its public shape (`SearchHit`)."""
        return SearchHit(
            rank=self.rank,
            work_id=self.work_id,
            title=self.title,
            authors=self.authors,
            year=self.year,
            venue=self.metadata.venue,
            page=self.page,
            score=round(self.score, 6),
            snippet=self.snippet,
            citation=self.citation,
            in_text=self.in_text,
            source=self.source,
            doi=self.metadata.doi,
            retraction=self.metadata.retraction,
            passages=self.passages,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `corpus search --json` and `GET /search` (`SearchHit`)."""
        return self.hit().model_dump(mode="json")


@dataclass
class SearchResponse:
    """A page of results and how it was produced."""

    query: str
    mode: str
    results: list[SearchResult] = field(default_factory=list)
    offset: int = 0
    total_works: int = 0
    """Works that matched at all (before `offset` and `k`), within the candidate depth."""
    filtered_out: bool = False
    """Whether the work-level filters (years, author, venue, language, labels) leave no work at all."""
