"""`GET /files/{doc_id}`: a document's stored PDF, so the page opens a passage at its PDF page.

The page links each PDF passage to `files/<doc_id>#page=N` (N: the passage's physical page,
`Passage.pdf_page`). Nothing from the request reaches the file system: the id is only a
key looked up in the catalog (a ready document whose recorded files include a `.pdf` the
run ingested), and only a path the catalog recorded at ingestion is opened. The bytes
served must still hash to the id (ids are content hashes), so a file replaced since the
run is never shown at a page that no longer holds the passage. The route sits with the
API routes, behind the same token.

No `from __future__ import annotations`: FastAPI reads the route's signature, which refers
to a value local to `routes`.
"""

import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Response
from fastapi import Path as PathParam

from corpus.loading.loaders import content_hash
from corpus_core.errors import NotFoundError
from corpus_core.settings import Settings
from indexing.catalog import Catalog, real_path
from search_api.server_models import MAX_ID_CHARS, ErrorAnswer
from search_api.service import Corpus

if TYPE_CHECKING:  # server.py includes these routes: importing it here would be circular
    from search_api.server import CorpusHolder

SERVED_STATUSES = frozenset({"ingested", "unchanged", "duplicate"})
"""File records whose bytes are (a copy of) a stored document."""


@dataclass(frozen=True)
class StoredPdf:
    """The bytes of a document's PDF as ingested, and the file's name (never its folder)."""

    doc_id: str
    name: str
    data: bytes


def _shown_id(doc_id: str) -> str:
    return repr(doc_id if len(doc_id) <= 40 else doc_id[:37] + "...")


def stored_pdf(catalog: Catalog, doc_id: str, max_bytes: int) -> StoredPdf:
    """The PDF the catalog recorded for document `doc_id`; NotFoundError for any other id.

    Only ready documents read as PDFs count (a PDF saved as `viewcontent.cgi` is served as
    `viewcontent.cgi.pdf`), and only bytes that still hash to `doc_id` (a file changed or
    gone since ingestion is not served; the next run picks it up). Files over `max_bytes`
    (`loading.max_file_mb`) are not read.
    """
    if catalog.document_status(doc_id) != "ready":
        raise NotFoundError(f"no document {_shown_id(doc_id)} in the store")
    if catalog.formats([doc_id]).get(doc_id) != "pdf":
        raise NotFoundError(f"document {_shown_id(doc_id)} has no stored PDF")
    changed = False
    for shown in catalog.files_of(doc_id):
        record = catalog.file(real_path(shown))
        if record is None or record.status not in SERVED_STATUSES or record.doc_id != doc_id:
            continue
        try:
            if os.stat(record.path).st_size > max_bytes:
                continue
            with open(record.path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError:
            changed = True
            continue
        if content_hash(data) != doc_id:
            changed = True
            continue
        name = PurePath(shown).name
        return StoredPdf(doc_id, name if name.lower().endswith(".pdf") else f"{name}.pdf", data)
    if changed:
        raise NotFoundError(
            f"the PDF of document {_shown_id(doc_id)} changed or moved since it was ingested: "
            "run corpus ingest again"
        )
    raise NotFoundError(f"document {_shown_id(doc_id)} has no stored PDF")


def _disposition(name: str) -> str:
    """`inline` with the file's name, ASCII-safe and in RFC 5987 form for any other character."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    encoded = quote(name.encode("utf-8", "surrogateescape"), safe="")
    return f"inline; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The PDF.", "content": {"application/pdf": {}}},
    401: {"model": ErrorAnswer, "description": "Missing or wrong API token (only when the server has one)."},
    404: {"model": ErrorAnswer, "description": "No stored PDF for this id (unknown, not a PDF, or changed)."},
    422: {"model": ErrorAnswer, "description": "An id longer than 200 characters."},
}


def routes(holder: "CorpusHolder", settings: Settings) -> APIRouter:
    """The stored-file route (include it with the API routes' token dependency)."""
    router = APIRouter()
    max_bytes = int(settings.loading.max_file_mb * 1_000_000)
    CorpusDep = Annotated[Corpus, Depends(holder.get)]

    @router.get(
        "/files/{doc_id}",
        summary="Open a document's PDF",
        description=(
            "The PDF file a document was ingested from, as `application/pdf` (shown inline). Link "
            "to `/files/{doc_id}#page=N` with a passage's `doc_id` and `pdf_page` to open it at "
            "the passage. Only files the catalog recorded for a ready PDF document are served, "
            "and only while their bytes are unchanged since ingestion; any other id is 404."
        ),
        responses=_RESPONSES,
        response_class=Response,
        tags=["documents"],
    )
    def stored_file(
        corpus: CorpusDep,
        doc_id: Annotated[
            str,
            PathParam(
                min_length=1, max_length=MAX_ID_CHARS, description="A document id: `passages[].doc_id`."
            ),
        ],
    ) -> Response:
        pdf = stored_pdf(corpus.catalog, doc_id, max_bytes)
        return Response(
            content=pdf.data,
            media_type="application/pdf",
            headers={
                "Content-Disposition": _disposition(pdf.name),
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-cache",
            },
        )

    return router
