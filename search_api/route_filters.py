"""The query parameters that select works, shared by GET /search, /documents and /bibliography.

One FastAPI dependency, so the routes spell, describe and check them once: years that run
backwards are a 422 naming `year_from`, as FastAPI's own validation answers a bad value; a
language, collection or tag the store cannot read is the service's 400, as in a search.

No `from __future__ import annotations` here: FastAPI reads the dependency's signature.
"""

from typing import Annotated, Any, NoReturn

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from search_api.filters import Filters


def invalid(field: str, message: str, value: Any) -> NoReturn:
    """Reject a query parameter the way FastAPI's own validation does (422, field and value named)."""
    raise RequestValidationError(
        [{"type": "value_error", "loc": ("query", field), "msg": message, "input": value}]
    )


def work_filters(
    year_from: Annotated[
        int | None, Query(ge=0, le=9999, description="Earliest year; not after `year_to`.")
    ] = None,
    year_to: Annotated[
        int | None, Query(ge=0, le=9999, description="Latest year; not before `year_from`.")
    ] = None,
    author: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Author: part of a name, or as citations write it (Chung, Y.; Y. M. Chung).",
        ),
    ] = None,
    venue: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Venue: part of its name, an abbreviation (J. Acad. Mark. Sci.) or initials.",
        ),
    ] = None,
    language: Annotated[
        str | None, Query(max_length=20, description="Language: a code or a name (en, eng, English).")
    ] = None,
    collection: Annotated[
        str | None,
        Query(max_length=500, description="Zotero collection: full path (Parent/Child) or its name."),
    ] = None,
    tag: Annotated[str | None, Query(max_length=200, description="Zotero tag.")] = None,
) -> Filters:
    """The work-level filters of a request (blank values are unset)."""
    if year_from is not None and year_to is not None and year_from > year_to:
        invalid("year_from", f"must not be after year_to ({year_to})", year_from)
    return Filters(
        year_from,
        year_to,
        author or None,
        venue or None,
        language or None,
        None,
        collection or None,
        tag or None,
    )


WorkFilters = Annotated[Filters, Depends(work_filters)]
