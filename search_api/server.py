"""The HTTP search service and web page behind `corpus serve`: FastAPI over one `Corpus`.

    app = create_app(load_settings())     # uvicorn.run(app, host="127.0.0.1", port=8000)

Routes: `GET /search`, `GET /documents`, `GET /documents/{doc_id}`,
`GET /documents/{doc_id}/cite`, `POST /bibliography`, `GET /health`, the citation graph and
saved searches (`routes_graph`: `/works/{id}/refs`, `/missing`, `/watches`...), and the search page at
`/` (files in `search_api/static/`, no build step, no network). Errors answer JSON
`{"detail": "..."}`: NotFoundError 404, CitationError and other CorpusErrors 400, invalid
input 422 naming the field and the value, a body over `server.max_body_bytes` 413.

Hygiene: a request body is measured before anything parses it (`BodyLimit`); ids, queries
and filters have length caps; an error answer shows at most ~80 characters of any input.
Without an API token no answer holds an absolute path: `/health` names the store directory
only, `source` and file paths are relative to the common folder of the ingested files
(`SourcePaths`), and paths in error messages are cut to their last part. `/health` is
always open, so it never shows more than the store's name.

Security: the service binds to loopback by default. `create_app` refuses any other address
unless `server.api_token` is set (at least 16 non-whitespace characters; never a blank one,
nor one with leading or trailing whitespace); with a token every API route except `/health` needs
`Authorization: Bearer <token>` or `X-API-Token: <token>` (401 otherwise). The page itself
is public and sends the token the user typed (kept in the browser's localStorage).

No `from __future__ import annotations` here: FastAPI reads the route signatures, whose
annotations refer to values local to `create_app`.

The corpus opens on the first request (the embedding model loads then) and follows the
store: a search after an ingestion run sees its result (`Corpus.follow_store`).
"""

import hmac
import ipaddress
import os
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corpus_core.choices import IN_TEXT_STYLES, Mode, Style
from corpus_core.errors import ConfigError, CorpusError, NotFoundError
from corpus_core.settings import BUNDLED_MODEL, Settings, load_settings
from search_api import routes_files, routes_graph, routes_writing
from search_api.engine import has_words
from search_api.route_filters import WorkFilters, invalid
from search_api.server_models import (
    MAX_BIBLIOGRAPHY_IDS,
    MAX_ID_CHARS,
    BibliographyAnswer,
    BibliographyRequest,
    ErrorAnswer,
    Health,
    SearchAnswer,
)
from search_api.service import CiteAnswer, Corpus, LabelsAnswer, WorkAnswer, WorkSummary
from search_api.snippets import query_terms

STATIC_DIR = Path(__file__).resolve().parent / "static"
"""The search page: index.html, app.js, style.css."""

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

FILE_TYPES: dict[Style, tuple[str, str]] = {
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
    **{style: ("text/plain", "txt") for style in IN_TEXT_STYLES},
}
"""Style -> (media type, file extension) of a `POST /bibliography?download=true` answer: a
formatted reference list is text, in every style that has one."""

MIN_TOKEN_CHARS = 16
"""Non-whitespace characters an API token needs when the server listens beyond loopback."""
SHOWN_INPUT_CHARS = 80
"""Most characters of a client's input that an error answer repeats."""
MAX_ERRORS_SHOWN = 10
"""Validation errors listed in one 422 answer (the rest are counted)."""

_INVALID_EXAMPLE = {
    "detail": "k: Input should be less than or equal to 100 (got 101)",
    "errors": [
        {
            "type": "less_than_equal",
            "loc": ["query", "k"],
            "msg": "Input should be less than or equal to 100",
            "input": "101",
            "ctx": {"le": 100},
        }
    ],
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorAnswer,
        "description": "The request is invalid (empty query, unknown mode or citation style).",
    },
    503: {
        "model": ErrorAnswer,
        "description": "The store cannot serve it: no corpus yet, Chroma, the catalog or the model failed.",
    },
    422: {
        "model": ErrorAnswer,
        "description": (
            "Invalid input; `detail` names the field and the bad value (at most 80 characters of it), "
            "`errors` lists the failing fields (at most 10)."
        ),
        "content": {"application/json": {"example": _INVALID_EXAMPLE}},
    },
}
_TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {
        "model": ErrorAnswer,
        "description": "The request body is larger than `server.max_body_bytes` (default 1 MiB).",
        "content": {
            "application/json": {
                "example": {"detail": "request body larger than 1048576 bytes (server.max_body_bytes)"}
            }
        },
    }
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

    def warm_up(self) -> None:
        """Ready the query path off the request path (no store yet: the first search says so)."""
        try:
            self.get().warm_up(background=True)
        except CorpusError:
            return

    def close(self) -> None:
        """Release the catalog connection of a corpus opened here (the next `get` opens it again)."""
        with self._lock:
            if self._corpus is not None and self._owned:
                self._corpus.close()
                self._corpus = None


def create_app(settings: Settings | None = None, corpus: Corpus | None = None) -> FastAPI:
    """Build the FastAPI app serving the store of `settings` (default: `load_settings()`).

    Raises ConfigError (a CorpusError) when `settings.server.host` is not a loopback address
    and `server.api_token` is not at least 16 non-whitespace characters, or when the token is
    blank or has leading or trailing whitespace. `corpus` may be passed to share an already open one; the app
    then leaves it open at shutdown.
    """
    settings = settings or load_settings()
    token = settings.server.api_token
    check_token(settings.server.host, token)
    holder = CorpusHolder(settings, corpus)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        holder.warm_up()
        yield
        holder.close()

    app = FastAPI(
        title="research-corpus",
        summary="Search a corpus of research papers by meaning and cite what you find.",
        description=(
            "Search results are works with their best passages, pages and a formatted citation. "
            "When the server has an API token, send it as `Authorization: Bearer <token>` or "
            "`X-API-Token: <token>`; `/health` and the page at `/` stay open. "
            f"A request body may hold at most {settings.server.max_body_bytes} bytes (413 beyond). "
            'Error answers are JSON `{"detail": ...}` and repeat at most 80 characters of any input. '
            "Without a token, answers hold no absolute path: `source` and file paths are relative "
            "to the common folder of the ingested files."
        ),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.corpus_holder = holder
    _add_error_handlers(app, settings)
    dependencies = [Depends(_token_check(token))] if token else []
    app.include_router(_api_routes(holder, settings), dependencies=dependencies)
    app.include_router(routes_files.routes(holder, settings), dependencies=dependencies)
    app.include_router(routes_graph.routes(holder, settings), dependencies=dependencies)
    app.include_router(routes_writing.routes(holder, settings), dependencies=dependencies)
    app.include_router(_open_routes(holder, settings))
    _add_page(app)
    app.add_middleware(BodyLimit, max_bytes=settings.server.max_body_bytes)  # outermost: before parsing
    return app


def check_token(host: str, token: str) -> None:
    """ConfigError unless `token` suits `host`: not blank or padded; 16+ non-whitespace chars off loopback."""
    if token and not token.strip():
        raise ConfigError(
            "server.api_token is only whitespace: set a real token (CORPUS_SERVER__API_TOKEN) "
            "or leave it empty"
        )
    if token != token.strip():
        raise ConfigError(
            "server.api_token begins or ends with whitespace, which HTTP headers cannot carry: remove it"
        )
    if is_loopback(host):
        return
    if not token:
        raise ConfigError(
            f"refusing to serve on {host!r} without an API token: anyone on the network "
            "could read the corpus. Set server.api_token (CORPUS_SERVER__API_TOKEN) or bind to 127.0.0.1"
        )
    strength = len("".join(token.split()))
    if strength < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"refusing to serve on {host!r} with a weak API token: server.api_token needs at least "
            f"{MIN_TOKEN_CHARS} non-whitespace characters (it has {strength})"
        )


class BodyLimit:
    """ASGI middleware: a request body over `max_bytes` is answered 413 before anything parses it.

    A declared Content-Length over the limit is refused without reading; otherwise the body
    is read as it streams (so a chunked or lying client is caught when it passes the limit)
    and handed on to the app in one piece.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Measure the body, then pass the request on (or answer 413 / 400 for a bad Content-Length)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await self._refuse(scope, receive, send, 400, "invalid Content-Length header")
                return
            if int(declared) > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            part = message.get("body", b"")
            size += len(part)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            parts.append(part)
            if not message.get("more_body", False):
                break
        body = b"".join(parts)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"request body larger than {self.max_bytes} bytes (server.max_body_bytes)"
        await self._refuse(scope, receive, send, 413, detail)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
        response = JSONResponse(
            status_code=status, content={"detail": detail}, headers={"Connection": "close"}
        )
        await response(scope, receive, send)


class SourcePaths:
    """How answers show the paths of source files.

    With an API token: as stored (absolute). Without: relative to the common folder of every
    file the store has seen (so `papers/2019/a.pdf` stays distinguishable from `2020/a.pdf`),
    or the file name alone when that folder is the filesystem root or the path lies outside.
    The common folder is recomputed when the catalog's generation changes.
    """

    def __init__(self, full: bool) -> None:
        self.full = full
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._root: PurePath | None = None

    def shower(self, corpus: Corpus) -> Callable[[str], str]:
        """A function that turns one stored path into the form this server shows."""
        if self.full:
            return str
        root = self._common_root(corpus)

        def show(path: str) -> str:
            pure = PurePath(path)
            if not pure.is_absolute():
                return path
            if root is not None and pure.is_relative_to(root) and pure != root:
                return str(pure.relative_to(root))
            return pure.name

        return show

    def _common_root(self, corpus: Corpus) -> PurePath | None:
        with self._lock:
            generation = corpus.catalog.generation()
            if generation != self._generation:
                folders = [
                    str(PurePath(f.path).parent)
                    for f in corpus.catalog.files()
                    if PurePath(f.path).is_absolute()
                ]
                root = PurePath(os.path.commonpath(folders)) if folders else None
                self._root = None if root is None or root == PurePath(root.anchor) else root
                self._generation = generation
            return self._root


def store_name(store: Path) -> str:
    """The store directory's name, never its absolute path ("." becomes the folder's name)."""
    return store.name or store.resolve().name or "store"


_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^\s'\"`()<>:,;/]+/)+")


def redact_paths(text: str, store: Path) -> str:
    """`text` with the store's path cut to its name and any other absolute path to its last part."""
    for form in sorted({str(store.resolve()), str(store.absolute())}, key=len, reverse=True):
        text = text.replace(form, store_name(store))
    return _ABSOLUTE_PATH.sub("", text)


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
    paths = SourcePaths(full=bool(settings.server.api_token))
    CorpusDep = Annotated[Corpus, Depends(holder.get)]
    DocId = Annotated[
        str,
        PathParam(min_length=1, max_length=MAX_ID_CHARS, description="A work id or any of its document ids."),
    ]

    @router.get(
        "/search",
        response_model=SearchAnswer,
        summary="Search the corpus",
        description=(
            "Best works for the query, one entry each, with their best passages (page, section, "
            "snippet) and a citation of the best passage in `style`. Filters narrow by year, "
            'author (a part of a name, or "Chung, Y."), venue (a part, an abbreviation or initials), '
            "language (a code or a name), Zotero collection and tag, and section.\n\n"
            "Rules across fields (422 when broken): `year_from <= year_to` when both are given; "
            f"`q` is not blank and at most {max_chars} characters once trimmed "
            "(`server.max_query_chars`); `offset` is at most 1000. `source` is the path of the "
            "work's file: relative to the common folder of the ingested files unless the server "
            "has an API token."
        ),
        responses={
            422: {
                **_ERRORS[422],
                "content": {
                    "application/json": {
                        "example": {
                            "detail": "year_from: must not be after year_to (2000) (got 2010)",
                            "errors": [
                                {
                                    "type": "value_error",
                                    "loc": ["query", "year_from"],
                                    "msg": "must not be after year_to (2000)",
                                    "input": 2010,
                                }
                            ],
                        }
                    }
                },
            }
        },
        tags=["search"],
    )
    def search(
        corpus: CorpusDep,
        q: Annotated[
            str,
            Query(
                description=f"The query, 1 to {max_chars} characters once trimmed.",
                examples=["value co-creation in a learning organization"],
            ),
        ],
        filters: WorkFilters,
        k: Annotated[int, Query(ge=1, le=100, description="Works per page.")] = settings.search.k,
        mode: Annotated[Mode, Query(description="dense, lexical (BM25) or hybrid (both fused).")] = (
            settings.search.mode
        ),
        section: Annotated[str | None, Query(max_length=200, description="Section title substring.")] = None,
        offset: Annotated[int, Query(ge=0, le=1000, description="Works to skip (paging).")] = 0,
        style: Annotated[Style, Query(description="Style of each result's `citation`.")] = "apa",
    ) -> dict[str, Any]:
        text = q.strip()
        if not text:
            invalid("q", "must not be empty", q)
        if not has_words(text):
            invalid("q", "holds no word to search for (no letter or digit)", q)
        if len(text) > max_chars:
            invalid(
                "q", f"is {len(text)} characters long; the limit is {max_chars} (server.max_query_chars)", q
            )
        page = corpus.search_page(
            text,
            k,
            mode=mode,
            year_from=filters.year_from,
            year_to=filters.year_to,
            author=filters.author,
            venue=filters.venue,
            language=filters.language,
            section=section or None,
            collection=filters.collection,
            tag=filters.tag,
            offset=offset,
            style=style,
        )
        show = paths.shower(corpus)
        return {
            "query": text,
            "mode": page.mode,
            "offset": offset,
            "k": k,
            "total_works": page.total_works,
            "terms": query_terms(text),
            "results": [r.to_dict() | {"source": show(r.source) if r.source else ""} for r in page.results],
        }

    @router.get(
        "/documents",
        response_model=list[WorkSummary],
        summary="List every work",
        description=(
            "Every work in the store with its files and chunk count (file paths relative to the "
            "common folder of the ingested files unless the server has an API token); the "
            "filters of a search keep the works they match (`?collection=Thesis&year_from=2010`); "
            "`incomplete=true` those whose record lacks a title, authors, a year or a journal "
            "article's venue (named in `missing`); `retracted=true` those known to be retracted "
            "(`retraction`)."
        ),
        tags=["documents"],
    )
    def documents(
        corpus: CorpusDep,
        filters: WorkFilters,
        incomplete: Annotated[
            bool, Query(description="Only works whose record lacks what a reference needs (`missing`).")
        ] = False,
        retracted: Annotated[
            bool, Query(description="Only works known to be retracted (`retraction`).")
        ] = False,
    ) -> list[dict[str, Any]]:
        show = paths.shower(corpus)
        listed = corpus.documents(filters, incomplete=incomplete, retracted=retracted)
        return [d.to_dict() | {"files": [show(f) for f in d.files]} for d in listed]

    @router.get(
        "/labels",
        response_model=LabelsAnswer,
        summary="List the collections and tags",
        description=(
            "The Zotero collections and tags of the store's files, each with the number of works "
            "it labels: the values the `collection` and `tag` filters of /search take."
        ),
        tags=["documents"],
    )
    def labels(corpus: CorpusDep) -> LabelsAnswer:
        return corpus.labels()

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
        show = paths.shower(corpus)
        data = corpus.show(doc_id).to_dict(with_text=text)
        data["files"] = [f | {"paths": [show(p) for p in f["paths"]]} for f in data["files"]]
        return data

    @router.get(
        "/documents/{doc_id}/cite",
        response_model=CiteAnswer,
        summary="Cite a work",
        description=(
            "The work's reference in `style` and, for the author-date styles (apa, harvard, "
            "chicago), the in-text form with the optional pinpoint `page` (or `paragraph`, for a "
            "source without pages); for chicago-notes, the full note at that page."
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
        paragraph: Annotated[
            str | None,
            Query(
                max_length=20,
                description="Paragraph or range for the in-text form of a source without pages (4, 4-5).",
            ),
        ] = None,
        among: Annotated[
            list[str] | None,
            Query(
                max_length=MAX_BIBLIOGRAPHY_IDS,
                description=(
                    "Works of the writer's list the work goes into (repeat the parameter): a "
                    "work by the same authors from the same year there gives both a letter "
                    "after the year (2009a, 2009b), as the list's bibliography has them."
                ),
            ),
        ] = None,
    ) -> CiteAnswer:
        return corpus.cite_answer(doc_id, style, page or None, among, paragraph or None)

    @router.post(
        "/bibliography",
        response_model=BibliographyAnswer,
        summary="Build a bibliography",
        description=(
            "A reference list of the works (each listed once) in `style`, as JSON; as a file "
            "download (.bib, .ris, .json or .txt, with Content-Disposition: attachment) when "
            "`download=true` or the Accept header names the style's media type "
            "(application/x-bibtex, application/x-research-info-systems, "
            "application/vnd.citationstyles.csl+json, text/plain).\n\n"
            f"Limits (422 beyond): 1 to 1000 ids, each 1 to {MAX_ID_CHARS} characters; the body "
            "at most `server.max_body_bytes` (413 beyond)."
        ),
        responses={
            **_NOT_FOUND,
            **_TOO_LARGE,
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
        return _bibliography_answer(text, body.style, download, request)

    @router.get(
        "/bibliography",
        response_model=BibliographyAnswer,
        summary="Build a bibliography of the works a search's filters select",
        description=(
            "The reference list of every work the filters keep (every work of the store when none "
            "is given), in `style`: `?collection=Thesis&style=bibtex&download=true` is the .bib "
            "of a Zotero collection. Answered as the POST is (JSON, or a file with "
            "`download=true` or the style's media type in Accept); 404 when no work matches."
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
    def selected_bibliography(
        corpus: CorpusDep,
        filters: WorkFilters,
        request: Request,
        style: Annotated[Style, Query(description="Citation style or file format.")] = "apa",
        download: Annotated[bool, Query(description="Answer with a file download.")] = False,
    ) -> Any:
        text = corpus.selected_bibliography(filters, style)
        if text is None:
            raise NotFoundError("no work of the corpus matches these filters: GET /documents lists the works")
        return _bibliography_answer(text, style, download, request)

    return router


def _open_routes(holder: CorpusHolder, settings: Settings) -> APIRouter:
    """Routes that never need the token: the health check."""
    router = APIRouter()

    @router.get(
        "/health",
        response_model=Health,
        summary="Health and store counts",
        description=(
            "The store served (its directory's name only), its counts, the embedding model and the "
            "last ingestion run. Open even when the server has an API token."
        ),
        responses={503: {"model": ErrorAnswer, "description": "The store cannot be opened."}},
        tags=["service"],
    )
    def health() -> Any:
        try:
            stats = holder.get().stats()
        except CorpusError as exc:  # /health is open even with a token: no path beyond the store's name
            detail = redact_paths(_clip(str(exc), 500), settings.store)
            return JSONResponse(status_code=503, content={"detail": detail})
        model = settings.embedding.model
        return {
            "status": "ok",
            "store": store_name(settings.store),
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


def _add_error_handlers(app: FastAPI, settings: Settings) -> None:
    """Project errors and invalid input become JSON `{"detail": ...}` with a fitting status.

    Without an API token the message's paths are cut (`redact_paths`); every message is
    clipped, and a validation error repeats at most 80 characters of any input.
    """
    full_paths = bool(settings.server.api_token)

    async def corpus_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, CorpusError)
        detail = _clip(str(exc), 500)
        if not full_paths:
            detail = redact_paths(detail, settings.store)
        return JSONResponse(status_code=exc.http_status, content={"detail": detail})

    async def invalid_input(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        shown = errors[:MAX_ERRORS_SHOWN]
        messages = [_describe(error) for error in shown]
        if len(errors) > len(shown):
            messages.append(f"and {len(errors) - len(shown)} more errors")
        return JSONResponse(
            status_code=422,
            content={"detail": "; ".join(messages), "errors": [_safe_error(error) for error in shown]},
        )

    app.add_exception_handler(CorpusError, corpus_error)
    app.add_exception_handler(RequestValidationError, invalid_input)


def _clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, marked with "..." when cut."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(error: dict[str, Any]) -> str:
    """One validation error as "field: message (got 'value')", the value at most 80 characters."""
    location = [
        _clip(str(part), 40) for part in error.get("loc", ()) if part not in ("query", "path", "body")
    ]
    field = ".".join(location) or "request"
    message = _clip(str(error.get("msg", "invalid")).removeprefix("Value error, "), 200)
    if "input" not in error or error.get("type") == "missing":
        return f"{field}: {message}"
    return f"{field}: {message} (got {_clip(repr(error['input']), SHOWN_INPUT_CHARS)})"


def _safe_error(error: dict[str, Any]) -> dict[str, Any]:
    """A validation error for the `errors` list: input and context clipped, no documentation URL."""
    safe: dict[str, Any] = {
        "type": str(error.get("type", "")),
        "loc": [part if isinstance(part, int) else _clip(str(part), 40) for part in error.get("loc", ())],
        "msg": _clip(str(error.get("msg", "")), 200),
    }
    if "input" in error and error.get("type") != "missing":
        value = error["input"]
        small = isinstance(value, bool | int | float) or value is None
        safe["input"] = value if small else _clip(value if isinstance(value, str) else repr(value), 80)
    if error.get("ctx"):
        safe["ctx"] = {
            _clip(str(key), 40): value if isinstance(value, bool | int | float) else _clip(str(value), 80)
            for key, value in list(error["ctx"].items())[:5]
        }
    return jsonable_encoder(safe)


def _bibliography_answer(text: str, style: Style, download: bool, request: Request) -> Any:
    """A bibliography as JSON, or as a file when asked for one (`download`, or Accept naming its type)."""
    media, extension = FILE_TYPES[style]
    if download or _accepts(request.headers.get("accept", ""), media):
        return Response(
            content=text,
            media_type=f"{media}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="bibliography.{extension}"'},
        )
    return {"style": style, "text": text}


def _accepts(accept: str, media: str) -> bool:
    """Whether the Accept header names `media` explicitly (wildcards do not ask for a download)."""
    wanted = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    return media in wanted
