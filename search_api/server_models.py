"""Pydantic models of the HTTP service's requests and of the answer wrappers with no Python-API twin.

Every answer that the Python API also gives is its own model, defined once beside it and used
here as it is: `SearchHit` (search_api.results), `WorkAnswer`, `WorkSummary`, `CiteAnswer`
(search_api.service), and the graph, check, quote and watch answers. This module adds only
what exists over HTTP alone: the search page wrapper (`SearchAnswer`: paging and the words
to highlight), the bibliography request and answer, `/health` and the error answer.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from corpus_core.choices import Mode, Style
from search_api.results import SearchHit

MAX_ID_CHARS = 200
"""Longest document or work id the service accepts (ids are 16 hex digits)."""
MAX_BIBLIOGRAPHY_IDS = 1000
"""Most ids in one `POST /bibliography`."""


class SearchAnswer(BaseModel):
    """A page of search results; `terms` are the query words the page highlights."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "value co-creation in a learning organization",
                    "mode": "hybrid",
                    "offset": 0,
                    "k": 10,
                    "total_works": 5,
                    "terms": ["value", "co", "creation", "learning", "organization"],
                    "results": [
                        {
                            "rank": 1,
                            "work_id": "70ab0c2f3150805d",
                            "doc_id": "70ab0c2f3150805d",
                            "title": "Co-creation with the customer: a strategy for organisation learning "
                            "and innovation",
                            "authors": ["Yin Min Chung"],
                            "year": 2009,
                            "venue": "International Journal of Learning and Intellectual Capital",
                            "page": "",
                            "score": 0.71,
                            "snippet": "… Organisations learn through having dialogues with customers …",
                            "citation": "Chung, Y. M. (2009). Co-creation with the customer: A strategy ...",
                            "in_text": "(Chung, 2009)",
                            "source": "seeds/003_8d266e3097892f5e.txt",
                            "doi": "10.1504/IJLIC.2009.021718",
                            "passages": [],
                        }
                    ],
                }
            ]
        }
    )

    query: str
    mode: Mode
    offset: int
    k: int
    total_works: int = Field(
        description="Works the query's candidate passages hold (after filters); `offset` pages through them."
    )
    terms: list[str]
    results: list[SearchHit]


class BibliographyRequest(BaseModel):
    """The works to list (document or work ids; repeats are listed once) and the style."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"doc_ids": ["2a44059d49683938", "8d266e3097892f5e"], "style": "bibtex"}]
        },
    )

    doc_ids: list[Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]] = Field(
        min_length=1, max_length=MAX_BIBLIOGRAPHY_IDS
    )
    style: Style = "apa"


class BibliographyAnswer(BaseModel):
    """The formatted reference list (or the .bib / .ris / CSL-JSON text)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"style": "apa", "text": "Chung, Y. M. (2009). Co-creation ...\n..."}]
        }
    )

    style: Style
    text: str


class Health(BaseModel):
    """What the service serves: store, counts, embedding model and the last ingestion run."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "store": ".corpus-store",
                    "documents": 5,
                    "works": 5,
                    "chunks": 61,
                    "pages": 12,
                    "model": "bundled",
                    "last_run": {
                        "run_id": 1,
                        "started": "2026-01-01T10:00:00",
                        "finished": "2026-01-01T10:01:00",
                    },
                    "auth": False,
                }
            ]
        }
    )

    status: Literal["ok"]
    store: str
    documents: int
    works: int
    chunks: int
    pages: int
    model: str
    last_run: dict[str, Any]
    auth: bool
    """Whether the API routes need a token."""


class ErrorAnswer(BaseModel):
    """Every error answer: a readable message, plus the failing fields for validation errors."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"detail": "k: must be at most 100 (got '101')", "errors": []}]}
    )

    detail: str
    errors: list[dict[str, Any]] = []
