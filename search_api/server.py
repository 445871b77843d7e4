"""The HTTP search service and web page behind `corpus serve`: FastAPI over one `Corpus`.

    app = create_app(load_settings())     # uvicorn.run(app, host="127.0.0.1", port=8000)

Routes: `GET /search`, `GET /documents`, `GET /documents/{doc_id}`,
`GET /documents/{doc_id}/cite`, `POST /bibliography`, `GET /health`, and the search page at
`/` (files in `search_api/static/`, no build step, no network). Errors answer JSON
`{"detail": "..."}`: NotFoundError 404, CitationError and other CorpusErrors 400, invalid
input 422 naming the field and the value.

Security: the service binds to loopback by default. `create_app` refuses any other address
unless `server.api_token` is set; with a token every API route except `/health` needs
`Authorization: Bearer <token>` or `X-API-Token: <token>` (401 otherwise). The page itself
is public and sends the token the user typed (kept in the browser's localStorage).

No `from __future__ import annotations` here: FastAPI reads the route signatures, whose
annotations refer to values local to `create_app`.

The corpus opens on the first request (the embedding model loads then) and follows the
store: a search after an ingestion run sees its result (`Corpus.follow_store`).
"""

import hmac
import ipaddress
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from corpus.errors import CorpusError, EmbeddingError, NotFoundError, StoreError
from corpus.settings import BUNDLED_MODEL, Settings, load_settings
from search_api.api import Corpus, WorkSummary
from search_api.citations import IN_TEXT_STYLES
from search_api.server_models import (
    BibliographyAnswer,
    BibliographyRequest,
    CiteAnswer,
    ErrorAnswer,
    Health,
    Mode,
    SearchAnswer,
    Style,
    WorkAnswer,
)
from search_api.snippets import query_terms

STATIC_DIR = Path(__file__).resolve().parent / "static"
"""The search page: index.html, app.js, style.css."""

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

FILE_TYPES: dict[str, tuple[str, str]] = {
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
    "apa": ("text/plain", "txt"),
    "harvard": ("text/plain", "txt"),
    "chicago": ("text/plain", "txt"),
}
"""Style -> (media type, file extension) of a `POST /bibliography?download=true` answer."""

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorAnswer,
        "description": "The request cannot be served (e.g. no corpus in the store yet).",
    },
    422: {"model": ErrorAnswer, "description": "Invalid input; `detail` names the field and the bad value."},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorAnswer, "description": "Unknown document id."}
}
_UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorAnswer, "description": "Missing or wrong API token (only when the server has one)."}
}
_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine ("127.0.0.1", "::1", "localhost")."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class CorpusHolder:
    """The app's one `Corpus`, opened on first use.

    It follows the store by itself: every search first compares the catalog's generation
    (one tiny read) and reopens Chroma and the lexical index when an ingestion run, in this
    process or another, finished since.
    """

    def __init__(self, settings: Settings, corpus: Corpus | None = None) -> None:
        self.settings = settings
        self._corpus = corpus
        self._owned = corpus is None
        self._lock = threading.Lock()

    def get(self) -> Corpus:
        """Return the open corpus; raise CorpusError when the store holds no corpus yet."""
        with self._lock:
            if self._corpus is None:
                self._corpus = Corpus(settings=self.settings)
                self._owned = True
            return self._corpus

    def close(self) -> None:
        """Release the catalog connection of a corpus opened here (the next `get` opens it again)."""
        with self._lock:
            if self._corpus is not None and self._owned:
                self._corpus.close()
                self._corpus = None


def create_app(settings: Settings | None = None, corpus: Corpus | None = None) -> FastAPI:
    """Build the FastAPI app serving the store of `settings` (default: `load_settings()`).

    Raises CorpusError when `settings.server.host` is not a loopback address and no
    `server.api_token` is set. `corpus` may be passed to share an already open one; the app
    then leaves it open at shutdown.
    """
    settings = settings or load_settings()
    token = settings.server.api_token
    if not is_loopback(settings.server.host) and not token:
        raise CorpusError(
            f"refusing to serve on {settings.server.host!r} without an API token: anyone on the network "
            "could read the corpus. Set server.api_token (CORPUS_SERVER__API_TOKEN) or bind to 127.0.0.1"
        )
    holder = CorpusHolder(settings, corpus)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(
        title="research-corpus",
        summary="Search a corpus of research papers by meaning and cite what you find.",
        description=(
            "Search results are works with their best passages, pages and a formatted citation. "
            "When the server has an API token, send it as `Authorization: Bearer <token>` or "
            "`X-API-Token: <token>`; `/health` and the page at `/` stay open."
        ),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.corpus_holder = holder
    _add_error_handlers(app)
    dependencies = [Depends(_token_check(token))] if token else []
    app.include_router(_api_routes(holder, settings), dependencies=dependencies)
    app.include_router(_open_routes(holder, settings))
    _add_page(app)
    return app


def _token_check(token: str) -> Callable[..., None]:
    """Make the dependency that lets a request through only with `token` (Bearer or X-API-Token)."""
    bearer = HTTPBearer(auto_error=False, description="The server's api_token.")
    header = APIKeyHeader(name="X-API-Token", auto_error=False, description="The server's api_token.")
    expected = token.encode("utf-8")

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        api_key: Annotated[str | None, Depends(header)],
    ) -> None:
        given = (credentials.credentials if credentials else api_key) or ""
        if not hmac.compare_digest(given.encode("utf-8"), expected):
            raise HTTPException(
                status_code=401,
                detail=(
                    "missing or wrong API token: send 'Authorization: Bearer <token>' "
                    "or 'X-API-Token: <token>'"
                ),
                headers={"WWW-Authenticate": "Bearer"},
            )

    return require_token


def _api_routes(holder: CorpusHolder, settings: Settings) -> APIRouter:
    """Search, documents, citations and bibliographies: the routes a token protects."""
    router = APIRouter(responses={**_ERRORS, **_UNAUTHORIZED})
    max_chars = settings.server.max_query_chars
    CorpusDep = Annotated[Corpus, Depends(holder.get)]
    DocId = Annotated[
        str, PathParam(min_length=1, max_length=200, description="A work id or any of its document ids.")
    ]

    @router.get(
        "/search",
        response_model=SearchAnswer,
        summary="Search the corpus",
        description=(
            "Best works for the query, one entry each, with their best passages (page, section, "
            "snippet) and a citation of the best passage in `style`. Filters narrow by year, "
            "author (name substring), venue, language and section."
        ),
        tags=["search"],
    )
    def search(
        corpus: CorpusDep,
        q: Annotated[
            str,
            Query(
                description=f"The query, 1 to {max_chars} characters.",
                examples=["value co-creation in a learning organization"],
            ),
        ],
        k: Annotated[int, Query(ge=1, le=100, description="Works per page.")] = settings.search.k,
        mode: Annotated[Mode, Query(description="dense, lexical (BM25) or hybrid (both fused).")] = (
            settings.search.mode
        ),
        year_from: Annotated[int | None, Query(ge=0, le=9999, description="Earliest year.")] = None,
        year_to: Annotated[int | None, Query(ge=0, le=9999, description="Latest year.")] = None,
        author: Annotated[str | None, Query(max_length=200, description="Author name substring.")] = None,
        venue: Annotated[str | None, Query(max_length=200, description="Venue substring.")] = None,
        language: Annotated[str | None, Query(max_length=20, description="Language code, e.g. en.")] = None,
        section: Annotated[str | None, Query(max_length=200, description="Section title substring.")] = None,
        offset: Annotated[int, Query(ge=0, le=1000, description="Works to skip (paging).")] = 0,
        style: Annotated[Style, Query(description="Style of each result's `citation`.")] = "apa",
    ) -> dict[str, Any]:
        text = q.strip()
        if not text:
            _invalid("q", "must not be empty", q)
        if len(text) > max_chars:
            _invalid(
                "q", f"is {len(text)} characters long; the limit is {max_chars} (server.max_query_chars)", q
            )
        if year_from is not None and year_to is not None and year_from > year_to:
            _invalid("year_from", f"must not be after year_to ({year_to})", year_from)
        page = corpus.search_page(
            text,
            k,
            mode=mode,
            year_from=year_from,
            year_to=year_to,
            author=author or None,
            venue=venue or None,
            language=language or None,
            section=section or None,
            offset=offset,
            style=style,
        )
        return {
            "query": text,
            "mode": page.mode,
            "offset": offset,
            "k": k,
            "total_works": page.total_works,
            "terms": query_terms(text),
            "results": [r.to_dict() for r in page.results],
        }

    @router.get(
        "/documents",
        response_model=list[WorkSummary],
        summary="List every work",
        description="Every work in the store with its files and chunk count.",
        tags=["documents"],
    )
    def documents(corpus: CorpusDep) -> list[dict[str, Any]]:
        return [d.to_dict() for d in corpus.documents()]

    @router.get(
        "/documents/{doc_id}",
        response_model=WorkAnswer,
        summary="Show a work's record",
        description=(
            "The work's bibliographic record with where each field came from, its linked files, "
            "sections, references and chunks; the cleaned text when `text=true`."
        ),
        responses=_NOT_FOUND,
        tags=["documents"],
    )
    def document(
        corpus: CorpusDep,
        doc_id: DocId,
        text: Annotated[bool, Query(description="Include the cleaned text.")] = False,
    ) -> dict[str, Any]:
        return corpus.show(doc_id).to_dict(with_text=text)

    @router.get(
        "/documents/{doc_id}/cite",
        response_model=CiteAnswer,
        summary="Cite a work",
        description=(
            "The work's reference in `style` and, for the author-date styles (apa, harvard, "
            "chicago), the in-text form with the optional pinpoint `page`."
        ),
        responses=_NOT_FOUND,
        tags=["citations"],
    )
    def cite(
        corpus: CorpusDep,
        doc_id: DocId,
        style: Annotated[Style, Query(description="Citation style.")] = "apa",
        page: Annotated[
            str | None, Query(max_length=20, description="Page or range for the in-text form.")
        ] = None,
    ) -> dict[str, Any]:
        citation = corpus.citation(doc_id)
        return {
            "doc_id": citation.doc_id,
            "style": style,
            "citation": citation.format(style, page=page or None),
            "in_text": citation.in_text(style, page or None) if style in IN_TEXT_STYLES else None,
        }

    @router.post(
        "/bibliography",
        response_model=BibliographyAnswer,
        summary="Build a bibliography",
        description=(
            "A reference list of the works (each listed once) in `style`, as JSON; as a file "
            "download (.bib, .ris, .json or .txt, with Content-Disposition: attachment) when "
            "`download=true` or the Accept header names the style's media type "
            "(application/x-bibtex, application/x-research-info-systems, "
            "application/vnd.citationstyles.csl+json, text/plain)."
        ),
        responses={
            **_NOT_FOUND,
            200: {
                "description": "The bibliography as JSON, or as a file.",
                "content": {media: {"schema": {"type": "string"}} for media, _ in set(FILE_TYPES.values())},
            },
        },
        tags=["citations"],
    )
    def bibliography(
        corpus: CorpusDep,
        body: BibliographyRequest,
        request: Request,
        download: Annotated[bool, Query(description="Answer with a file download.")] = False,
    ) -> Any:
        text = corpus.bibliography(body.doc_ids, body.style)
        media, extension = FILE_TYPES[body.style]
        if download or _accepts(request.headers.get("accept", ""), media):
            return Response(
                content=text,
                media_type=f"{media}; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="bibliography.{extension}"'},
            )
        return {"style": body.style, "text": text}

    return router


def _open_routes(holder: CorpusHolder, settings: Settings) -> APIRouter:
    """Routes that never need the token: the health check."""
    router = APIRouter()

    @router.get(
        "/health",
        response_model=Health,
        summary="Health and store counts",
        description="The store served, its counts, the embedding model and the last ingestion run.",
        responses={503: {"model": ErrorAnswer, "description": "The store cannot be opened."}},
        tags=["service"],
    )
    def health() -> Any:
        try:
            stats = holder.get().stats()
        except CorpusError as exc:
            return JSONResponse(status_code=503, content={"detail": str(exc)})
        model = settings.embedding.model
        return {
            "status": "ok",
            "store": str(settings.store),
            "documents": stats.documents,
            "works": stats.works,
            "chunks": stats.chunks,
            "pages": stats.pages,
            "model": "all-MiniLM-L6-v2 (bundled)" if model == BUNDLED_MODEL else model,
            "last_run": stats.last_run,
            "auth": bool(settings.server.api_token),
        }

    return router


def _add_page(app: FastAPI) -> None:
    """Serve the search page at `/` and its files under `/static`, with a strict CSP."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.middleware("http")
    async def page_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        if request.url.path == "/" or request.url.path.startswith("/static/"):
            response.headers.update(_PAGE_HEADERS)
        return response


def _add_error_handlers(app: FastAPI) -> None:
    """Project errors and invalid input become JSON `{"detail": ...}` with a fitting status."""

    def status_of(exc: CorpusError) -> int:
        if isinstance(exc, NotFoundError):
            return 404
        if isinstance(exc, StoreError | EmbeddingError):
            return 503
        return 400

    async def corpus_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, CorpusError)
        return JSONResponse(status_code=status_of(exc), content={"detail": str(exc)})

    async def invalid_input(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        messages = [_describe(error) for error in errors]
        return JSONResponse(
            status_code=422, content={"detail": "; ".join(messages), "errors": jsonable_encoder(errors)}
        )

    app.add_exception_handler(CorpusError, corpus_error)
    app.add_exception_handler(RequestValidationError, invalid_input)


def _describe(error: dict[str, Any]) -> str:
    """One validation error as "field: message (got 'value')"."""
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    field = ".".join(location) or "request"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if "input" not in error or error.get("type") == "missing":
        return f"{field}: {message}"
    shown = repr(error["input"])
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return f"{field}: {message} (got {shown})"


def _invalid(field: str, message: str, value: Any) -> NoReturn:
    """Reject a query parameter the way FastAPI's own validation does (422, field and value named)."""
    raise RequestValidationError(
        [{"type": "value_error", "loc": ("query", field), "msg": message, "input": value}]
    )


def _accepts(accept: str, media: str) -> bool:
    """Whether the Accept header names `media` explicitly (wildcards do not ask for a download)."""
    wanted = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    return media in wanted
