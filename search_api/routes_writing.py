"""HTTP routes for writers, behind the API token like `/search`.

    POST /check   a draft (pasted, or an uploaded .md/.tex/.txt/.docx/.doc/.rtf/.odt as base64) -> DraftReport
    GET  /quote   the work and printed page of a quotation or close paraphrase -> QuoteAnswer

The answers are the pydantic models `Corpus.check` and `Corpus.quote` return, so the CLI's
`--json`, the Python result and these answers agree. The request body is already capped by
`server.max_body_bytes`; the draft's text by `loading.max_chars`; a quotation by
`server.max_query_chars`.

No `from __future__ import annotations`: FastAPI reads the route signatures, whose
annotations refer to values local to `routes`.
"""

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field, model_validator

from corpus_core.choices import Style
from corpus_core.errors import UsageError
from corpus_core.settings import Settings
from search_api.draft_check import DraftReport
from search_api.draft_citations import DRAFT_SUFFIXES, decode_base64, draft_text
from search_api.quotes import QuoteAnswer
from search_api.server_models import ErrorAnswer
from search_api.service import Corpus

if TYPE_CHECKING:  # server.py includes these routes: importing it here would be circular
    from search_api.server import CorpusHolder

_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorAnswer,
        "description": "The request is invalid (empty draft, bad upload, unknown style).",
    },
    401: {"model": ErrorAnswer, "description": "Missing or wrong API token (only when the server has one)."},
    413: {"model": ErrorAnswer, "description": "The body is over `server.max_body_bytes`."},
    422: {"model": ErrorAnswer, "description": "Invalid input; `detail` names the field and the value."},
    503: {"model": ErrorAnswer, "description": "The store cannot serve it."},
}


class CheckRequest(BaseModel):
    """A draft to check: its text, or a file's content as base64 with the file's name."""

    text: str | None = Field(None, description="The draft's text (Markdown or plain).")
    filename: str = Field(
        "draft.md",
        min_length=1,
        max_length=200,
        description="The draft's file name; its suffix says how to read `content` "
        f"({', '.join(DRAFT_SUFFIXES)}).",
    )
    content: str | None = Field(
        None,
        description=(
            "The uploaded file's bytes, base64 (.md, .qmd, .Rmd, .tex, .txt, .docx, .doc, .rtf, .odt)."
        ),
    )
    style: Style = "apa"

    @model_validator(mode="after")
    def _one_source(self) -> "CheckRequest":
        if (self.text is None) == (self.content is None):
            raise ValueError("give either text or content (a file as base64), not both or neither")
        return self


def routes(holder: "CorpusHolder", settings: Settings) -> APIRouter:
    """The writing routes (include them with the API routes' token dependency)."""
    router = APIRouter(responses=_RESPONSES, tags=["writing"])
    CorpusDep = Annotated[Corpus, Depends(holder.get)]
    max_chars = settings.loading.max_chars
    max_quote = settings.server.max_query_chars

    @router.post(
        "/check",
        response_model=DraftReport,
        summary="Check a draft",
        description="Finds the draft's author-date citations and resolves each to a work of the corpus "
        "(or not in the corpus, or the year differs); checks every quotation next to a citation "
        "(verbatim, close with differences, not found; on the cited page or the right page); returns "
        "the reference list of the cited works in `style` and the draft's reference-list entries it "
        "never cites. `ok` is false when anything is wrong.",
    )
    def check(corpus: CorpusDep, body: CheckRequest) -> DraftReport:
        full = body.filename.replace("\\", "/").rsplit("/", 1)[-1] or "draft.md"
        suffix = "." + full.rsplit(".", 1)[-1].lower() if "." in full else ""
        name = full if len(full) <= 80 else full[:70] + "..." + suffix[-7:]  # answers repeat <= 80 chars
        if body.content is not None:
            if suffix not in DRAFT_SUFFIXES:
                raise UsageError(
                    f"{name}: cannot check this file type; use one of {', '.join(DRAFT_SUFFIXES)}"
                )
            text = draft_text(decode_base64(body.content, name), name, max_chars)
        else:
            text = draft_text((body.text or "").encode(), "draft.md", max_chars)
        if not text.strip():
            raise UsageError("empty draft: paste the text or upload a file")
        return corpus.check(text, body.style, source=name)

    @router.get(
        "/quote",
        response_model=QuoteAnswer,
        summary="Find a quotation",
        description="The works and printed pages where a quotation or close paraphrase appears, best "
        "first, each with the matching passage, how close it is and the quotation with its page-cited "
        f"in-text form. The text is at most {max_quote} characters (`server.max_query_chars`).",
    )
    def quote(
        corpus: CorpusDep,
        q: Annotated[str, Query(min_length=1, max_length=max_quote, description="The quotation.")],
        k: Annotated[int, Query(ge=1, le=20, description="Most works.")] = 3,
    ) -> QuoteAnswer:
        return corpus.quote(q, k)

    return router
