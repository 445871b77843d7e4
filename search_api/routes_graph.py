"""HTTP routes of the citation graph and of saved searches, behind the API token like `/search`.

    GET    /works/{id}/refs        what a work cites (RefsAnswer)
    GET    /works/{id}/cited-by    works of the corpus citing a work or a ref: key (CitingAnswer)
    GET    /works/{id}/co-cited    what is cited together with it (CoCitedAnswer)
    GET    /works/{id}/related     similar works by vectors and shared references (RelatedAnswer)
    GET    /missing                references cited by 2+ works, not in the corpus (JSON, or a
                                   .bib / .ris / ... file with format=bibtex|ris|...)
    GET    /watches                saved searches (WatchList); POST adds one, DELETE /watches/{id} drops it
    GET    /watches/digest         the latest digest (Digest); /watches/digests: all, newest first

Every answer is the pydantic model the Python API returns (`search_api.graph`,
`search_api.watches`), so the CLI's `--json`, the Python result and these answers agree.

No `from __future__ import annotations`: FastAPI reads the route signatures, whose
annotations refer to values local to `routes`.
"""

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from corpus_core.choices import Style
from corpus_core.settings import Settings
from search_api.graph import (
    REFERENCE_WEIGHT,
    CitingAnswer,
    CoCitedAnswer,
    MissingAnswer,
    RefsAnswer,
    RelatedAnswer,
)
from search_api.server_models import MAX_ID_CHARS, ErrorAnswer
from search_api.service import Corpus
from search_api.watches import (
    Digest,
    DigestList,
    Watch,
    WatchList,
    WatchOptions,
    add_watch,
    all_digests,
    check_query,
    latest_digest,
    list_watches,
    remove_watch,
)

if TYPE_CHECKING:  # server.py includes these routes: importing it here would be circular
    from search_api.server import CorpusHolder

_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorAnswer,
        "description": "The request is invalid (a reference where a work is needed).",
    },
    401: {"model": ErrorAnswer, "description": "Missing or wrong API token (only when the server has one)."},
    404: {"model": ErrorAnswer, "description": "Unknown work, document, reference key, watch or digest."},
    422: {"model": ErrorAnswer, "description": "Invalid input; `detail` names the field and the value."},
    503: {"model": ErrorAnswer, "description": "The store cannot serve it."},
}


class WatchRequest(BaseModel):
    """A search to save: the query and its options (unset: the store's defaults)."""

    query: str = Field(min_length=1, max_length=2000, examples=["value co-creation"])
    options: WatchOptions = Field(default_factory=WatchOptions)


def routes(holder: "CorpusHolder", settings: Settings) -> APIRouter:
    """The graph and watch routes (include them with the API routes' token dependency)."""
    router = APIRouter(responses=_RESPONSES)
    CorpusDep = Annotated[Corpus, Depends(holder.get)]
    NodeId = Annotated[
        str,
        PathParam(
            min_length=1,
            max_length=MAX_ID_CHARS,
            description="A work id, any of its document ids, or a reference key (`ref:...`).",
        ),
    ]
    max_chars = settings.server.max_query_chars
    from search_api.server import FILE_TYPES  # here, not at import: server.py imports this module

    @router.get(
        "/works/{doc_id}/refs",
        response_model=RefsAnswer,
        summary="What a work cites",
        description="The work's reference list in order, each entry resolved to a work of the corpus "
        "where one exists (`target.in_corpus`), else to a `ref:` key shared by every work citing it.",
        tags=["graph"],
    )
    def refs(corpus: CorpusDep, doc_id: NodeId) -> RefsAnswer:
        return corpus.refs(doc_id)

    @router.get(
        "/works/{node_id}/cited-by",
        response_model=CitingAnswer,
        summary="Works citing a work",
        description="The works of the corpus whose reference lists name this work or `ref:` reference.",
        tags=["graph"],
    )
    def cited_by(corpus: CorpusDep, node_id: NodeId) -> CitingAnswer:
        return corpus.citing(node_id)

    @router.get(
        "/works/{node_id}/co-cited",
        response_model=CoCitedAnswer,
        summary="What is cited together with it",
        description="Works and references most often cited by the same works as this one.",
        tags=["graph"],
    )
    def co_cited(
        corpus: CorpusDep,
        node_id: NodeId,
        limit: Annotated[int, Query(ge=1, le=1000, description="Most entries.")] = 20,
    ) -> CoCitedAnswer:
        return corpus.co_cited(node_id, limit)

    @router.get(
        "/works/{doc_id}/related",
        response_model=RelatedAnswer,
        summary="Similar works",
        description="Works most like this one: (1 - w) x cosine of the works' mean chunk vectors "
        "+ w x Jaccard overlap of their reference lists; each entry says which part contributed.",
        tags=["graph"],
    )
    def related(
        corpus: CorpusDep,
        doc_id: NodeId,
        k: Annotated[int, Query(ge=1, le=100, description="Number of works.")] = 10,
        reference_weight: Annotated[
            float, Query(ge=0.0, le=1.0, description="w: the weight of shared references.")
        ] = REFERENCE_WEIGHT,
    ) -> RelatedAnswer:
        return corpus.related(doc_id, k, reference_weight)

    @router.get(
        "/missing",
        response_model=MissingAnswer,
        summary="References to acquire",
        description="References cited by at least `min_citing` works of the corpus but not in it, "
        "most cited first; with `format` a citation style, the list as a file to download "
        "(.bib for bibtex, .ris for ris, ...).",
        responses={
            200: {
                "description": "The references as JSON, or as a file in a citation style.",
                "content": {
                    media: {"schema": {"type": "array", "items": {"type": "object"}}}
                    if media.endswith("+json")
                    else {"schema": {"type": "string"}}
                    for media, _ in set(FILE_TYPES.values())
                },
            }
        },
        tags=["graph"],
    )
    def missing(
        corpus: CorpusDep,
        min_citing: Annotated[int, Query(ge=1, le=10000, description="Least citing works.")] = 2,
        limit: Annotated[int | None, Query(ge=1, le=10000, description="Most references.")] = None,
        format: Annotated[
            Literal["json"] | Style, Query(description="json, or a citation style to download.")
        ] = "json",
    ) -> Any:
        answer = corpus.missing(min_citing, limit)
        if format == "json":
            return answer
        media, extension = FILE_TYPES[format]
        return Response(
            content=corpus.missing_bibliography(answer, format),
            media_type=f"{media}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="missing.{extension}"'},
        )

    @router.get("/watches", response_model=WatchList, summary="Saved searches", tags=["watches"])
    def watches(corpus: CorpusDep) -> WatchList:
        return list_watches(corpus.layout)

    @router.post(
        "/watches",
        response_model=Watch,
        summary="Save a search",
        description="Adds a watch (the same query and options twice is one watch); what it finds now "
        "counts as seen, so digests show what later ingestion runs bring. "
        f"The query is at most {max_chars} characters (`server.max_query_chars`).",
        tags=["watches"],
    )
    def add(corpus: CorpusDep, body: WatchRequest) -> Watch:
        return add_watch(corpus.layout, check_query(body.query, max_chars), body.options, corpus.search)

    @router.delete(
        "/watches/{watch_id}",
        response_model=Watch,
        summary="Remove a saved search",
        tags=["watches"],
    )
    def remove(
        corpus: CorpusDep,
        watch_id: Annotated[str, PathParam(min_length=1, max_length=64, description="The watch's id.")],
    ) -> Watch:
        return remove_watch(corpus.layout, watch_id)

    @router.get(
        "/watches/digest",
        response_model=Digest,
        summary="The latest digest",
        description="What the last ingestion run found new for each saved search (404 before the first).",
        tags=["watches"],
    )
    def digest(corpus: CorpusDep) -> Digest:
        return latest_digest(corpus.layout)

    @router.get("/watches/digests", response_model=DigestList, summary="Every digest", tags=["watches"])
    def digests(
        corpus: CorpusDep,
        limit: Annotated[int | None, Query(ge=1, le=1000, description="Newest this many.")] = None,
    ) -> DigestList:
        return all_digests(corpus.layout, limit)

    return router
