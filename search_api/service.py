"""The Python API over a store: search, read records, cite, build bibliographies, correct records.

    from search_api import Corpus
    corpus = Corpus(".corpus-store")
    for hit in corpus.search("value co-creation in a learning organization", k=5):
        print(hit.in_text, hit.title, hit.page)
    print(corpus.bibliography([hit.work_id], style="bibtex"))

The CLI and the HTTP service are thin layers over this class.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from corpus.metadata.corrections import parse_assignments
from corpus.metadata.name_query import NameQuery
from corpus_core.choices import Style
from corpus_core.errors import CitationError, CorpusError, NoStoreError, NotFoundError, UsageError
from corpus_core.layout import StoreLayout
from corpus_core.models import Chunk, CleaningStats, Metadata, Reference, Section
from corpus_core.settings import Settings, load_settings
from indexing.catalog import Catalog, StoreStats, WorkRecord
from indexing.lexical import LexicalIndex
from indexing.linking import refresh_work
from indexing.query_encoder import QueryEncoder, shared_query_encoder
from indexing.vector_store import ChromaStore
from search_api.citation_cache import CitationCache
from search_api.citations import (
    IN_TEXT_STYLES,
    Citation,
    check_style,
    format_bibliography,
    missing_for_reference,
    with_year_suffixes,
)
from search_api.csl import CSL_STYLES
from search_api.draft_check import DraftReport, check_draft
from search_api.engine import Mode, SearchEngine, allowed_documents
from search_api.filters import Filters
from search_api.graph import (
    REFERENCE_WEIGHT,
    CitingAnswer,
    CoCitedAnswer,
    MissingAnswer,
    RefsAnswer,
    RelatedAnswer,
    citation_graph,
)
from search_api.pinpoint import check_paragraph, check_pinpoint, outside_note
from search_api.quotes import QuoteAnswer, find_quote
from search_api.results import Passage, SearchResponse, SearchResult, WorkKeyed
from search_api.snippets import snippet
from search_api.work_vectors import work_vectors


@dataclass
class LinkedFile:
    """A document (file) that is part of a work: a version, an abstract page, a copy."""

    doc_id: str
    paths: list[str]
    title: str
    chunks: int


@dataclass(frozen=True)
class ChunkRef:
    """Where one chunk of the work's main document lies."""

    chunk_id: str
    page: str
    section: str
    start: int
    end: int


class WorkAnswer(WorkKeyed):
    """A work's record with its sources, sections, references and linked files."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "work_id": "2a44059d49683938",
                    "doc_id": "2a44059d49683938",
                    "metadata": {
                        "title": "The learning organization as a context for value co-creation",
                        "year": 2019,
                    },
                    "files": [
                        {"doc_id": "2a44059d49683938", "paths": ["seeds/000.txt"], "title": "", "chunks": 3}
                    ],
                    "sections": [{"title": "Introduction", "start": 120, "end": 2400}],
                    "references": [{"raw": "Senge, P. (1990). The Fifth Discipline.", "authors": ["Senge"]}],
                    "cleaning": {"removed": {"page-number": 42}, "chars_in": 5000, "chars_out": 4958},
                    "chunks": [
                        {"chunk_id": "c1", "page": "1", "section": "Introduction", "start": 0, "end": 900}
                    ],
                }
            ]
        }
    )

    metadata: Metadata
    files: list[LinkedFile]
    sections: list[Section]
    references: list[Reference]
    cleaning: CleaningStats
    chunks: list[ChunkRef]
    collections: list[str] = Field(default_factory=list)
    """Zotero collections of the work's files ("Parent/Child")."""
    tags: list[str] = Field(default_factory=list)
    """Zotero tags of the work's files."""
    text: str | None = None
    """The cleaned text, only with `text=true`."""


@dataclass
class WorkView:
    """Everything `corpus show` and `GET /documents/{id}` tell about a work (`WorkAnswer`)."""

    work_id: str
    metadata: Metadata
    files: list[LinkedFile]
    sections: list[Section]
    references: list[Reference]
    cleaning: CleaningStats
    text: str
    chunks: list[Chunk]
    collections: list[str] = field(default_factory=list)
    """Zotero collections ("Parent/Child") of the work's files."""
    tags: list[str] = field(default_factory=list)
    """Zotero tags of the work's files."""

    @property
    def doc_id(self) -> str:
        """Old name of `work_id` (deprecated; kept until release 0.3)."""
        return self.work_id

    def answer(self, with_text: bool = False) -> WorkAnswer:
        """The view in its public shape (`WorkAnswer`); the cleaned text only when asked for."""
        return WorkAnswer(
            work_id=self.work_id,
            metadata=self.metadata,
            files=self.files,
            sections=self.sections,
            references=self.references,
            cleaning=self.cleaning,
            chunks=[ChunkRef(c.chunk_id, c.page_label, c.section, c.start, c.end) for c in self.chunks],
            collections=self.collections,
            tags=self.tags,
            text=self.text if with_text else None,
        )

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """JSON shape (`WorkAnswer`); the cleaned text only when asked for."""
        return self.answer(with_text).model_dump(mode="json", exclude={"text"} if not with_text else None)


class WorkSummary(WorkKeyed):
    """One line of `corpus docs` and one entry of `GET /documents`."""

    title: str
    authors: list[str]
    year: int | None
    venue: str
    files: list[str]
    status: str
    chunks: int
    missing: list[str] = Field(default_factory=list)
    """What a reference of the work needs that its record lacks (title, authors, year, a journal
    article's or chapter's venue, a chapter's book's editors): `corpus edit` fills it in."""
    retraction: str = ""
    """That the work was retracted ("Retraction published 2012"); '' = not known to be."""

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of one `corpus docs --json` entry."""
        return self.model_dump(mode="json")


class Label(BaseModel):
    """A Zotero collection ("Parent/Child") or tag, and how many works of the store it labels."""

    name: str
    works: int


class LabelsAnswer(BaseModel):
    """The collections and tags `--collection` / `--tag` can filter by (`corpus labels`, `GET /labels`)."""

    collections: list[Label] = Field(default_factory=list)
    """By name (case-insensitive), each parent before its subcollections ("Reading", "Reading/Theory");
    a parent's count includes its subcollections' works, as the filter does."""
    tags: list[Label] = Field(default_factory=list)


class CitingWork(WorkKeyed):
    """A work whose reference list matches a `cited_by` query, with the matching entries."""

    title: str
    year: int | None
    references: list[Reference] = Field(default_factory=list)


class CiteAnswer(WorkKeyed):
    """One work formatted in one style (`corpus cite --json`, `GET /documents/{id}/cite`).

    `in_text` is the parenthetical form with the pinpoint page (in chicago-notes the full note),
    null for bibtex, ris and csl-json.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "work_id": "8d266e3097892f5e",
                    "doc_id": "8d266e3097892f5e",
                    "style": "apa",
                    "citation": "Chung, Y. M. (2009). Co-creation with the customer: ...",
                    "in_text": "(Chung, 2009, p. 21)",
                }
            ]
        }
    )

    style: Style
    citation: str
    in_text: str | None
    page_note: str | None = None
    """Set when the pinpoint page lies outside the work's printed pages (a PDF viewer's page?)."""


class Corpus:
    """One store, opened for reading (and record corrections)."""

    def __init__(
        self, store: str | Path | None = None, settings: Settings | None = None, config: Path | None = None
    ):
        self.settings = settings or load_settings(config)
        if store is not None:
            self.settings = self.settings.model_copy(update={"store": Path(store)})
        self.store = self.settings.store
        self.layout = StoreLayout(self.store)
        if not self.layout.exists():
            raise NoStoreError(
                f"{self.store}: no corpus here yet; run `corpus ingest PATH --store {self.store}` first"
            )
        self.catalog = Catalog(self.layout.catalog)
        self.citations = CitationCache(self.catalog)
        self._engine: SearchEngine | None = None
        self._generation = self.catalog.generation()
        self._lock = threading.RLock()

    @property
    def engine(self) -> SearchEngine:
        """The search engine, opened on first use (Chroma and the model load lazily)."""
        with self._lock:
            if self._engine is None:
                self._generation = self.catalog.generation()
                self._engine = SearchEngine(
                    self.catalog,
                    ChromaStore(self.settings.chroma, self.store),
                    LexicalIndex(self.layout.lexical),
                    shared_query_encoder(self.settings.embedding),
                    self.settings.search,
                )
            return self._engine

    def warm_up(self, background: bool = False) -> None:
        """Open the store's indexes and ready the query encoder now, not on the first search.

        With `background`, the query encoder (which may build its ONNX export the first time
        on a machine, see indexing.query_encoder) is readied on a daemon thread; searches meanwhile
        encode with the backend and return the same results.
        """
        encoder = self.engine.embedder
        if isinstance(encoder, QueryEncoder):
            encoder.prepare(background=background)
            if not background and not encoder.fast:
                encoder.backend.warm_up()
        else:
            encoder.warm_up()

    def reload(self) -> None:
        """Pick up what another process's ingestion run wrote (Chroma vectors, lexical index)."""
        with self._lock:
            engine = self.engine
            self._generation = self.catalog.generation()
            if isinstance(engine.vectors, ChromaStore):
                engine.vectors = engine.vectors.reopen()
            engine.lexical.reload()
            engine.forget()

    def follow_store(self) -> bool:
        """Reload if an ingestion run finished since the last look (one tiny catalog read); True if so."""
        if self._engine is None or self.catalog.generation() == self._generation:
            return False
        self.reload()
        return True

    def search(self, query: str, k: int | None = None, **options: Any) -> list[SearchResult]:
        """Best works for `query`, one entry each, with passages, pages and a citation.

        Options are those of `search_page`: mode, year_from, year_to, author, venue,
        language, section, collection, tag, offset, style.
        """
        return self.search_page(query, k, **options).results

    def search_page(
        self,
        query: str,
        k: int | None = None,
        *,
        mode: Mode | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        author: str | None = None,
        venue: str | None = None,
        language: str | None = None,
        section: str | None = None,
        offset: int = 0,
        style: str = "apa",
        collection: str | None = None,
        tag: str | None = None,
    ) -> SearchResponse:
        """Like `search`, with the mode used and the number of matching works.

        `collection` and `tag` keep works from a Zotero library in that collection (its full
        path "Parent/Child" or its own name, subcollections included) or with that tag.
        """
        style = check_style(style)
        k = k or self.settings.search.k
        mode = mode or self.settings.search.mode
        filters = Filters(year_from, year_to, author, venue, language, section, collection, tag)
        with self._lock:
            self.follow_store()
            ranking = self.engine.search(query, mode, filters, offset + k)
        response = SearchResponse(
            query=query,
            mode=mode,
            offset=offset,
            total_works=ranking.matched,
            filtered_out=ranking.filtered_out,
        )
        shown = ranking.works[offset : offset + k]
        records = self.catalog.work_records([w.work_id for w in shown])
        forms = self.citations.forms(records, style)
        in_text_forms = forms if style in IN_TEXT_STYLES else self.citations.forms(records, "apa")
        sources = self.catalog.first_files([w.chunks[0][0].doc_id for w in shown if w.chunks])
        formats = self.catalog.formats(c.doc_id for w in shown for c, _ in w.chunks)
        for rank, work in enumerate(shown, start=offset + 1):
            if work.work_id not in records:
                continue
            metadata = records[work.work_id]
            passages = [
                Passage(
                    chunk_id=c.chunk_id,
                    doc_id=c.doc_id,
                    text=c.text,
                    snippet=snippet(c.text, query, self.settings.search.snippet_chars),
                    page=c.page_label,
                    section=c.section,
                    score=score,
                    start=c.start,
                    end=c.end,
                    ocr=c.ocr,
                    pdf_page=c.page_start if formats.get(c.doc_id) == "pdf" else None,
                )
                for c, score in work.chunks
            ]
            response.results.append(
                SearchResult(
                    rank=rank,
                    work_id=work.work_id,
                    score=work.score,
                    metadata=metadata,
                    passages=passages,
                    citation=forms[work.work_id].reference,
                    in_text=in_text_forms[work.work_id].in_text_at(passages[0].page),
                    source=sources.get(passages[0].doc_id, ""),
                )
            )
        return response

    def work_id(self, doc_id: str) -> str:
        """The work a document id (or work id) belongs to."""
        return self.catalog.work_of(doc_id)

    def show(self, doc_id: str) -> WorkView:
        """A work's record with sources, structure, linked files and chunks."""
        work = self.catalog.work(self.work_id(doc_id))
        documents = [self.catalog.document(d) for d in work.doc_ids]
        asked = [d for d in documents if d.doc_id == doc_id and doc_id != work.work_id]
        main = asked[0] if asked else max(documents, key=lambda d: len(d.text))
        collections, tags = self.catalog.work_labels(work.work_id)
        files = [
            LinkedFile(
                d.doc_id,
                self.catalog.files_of(d.doc_id),
                d.metadata.title,
                self.catalog.chunk_count(d.doc_id),
            )
            for d in documents
        ]
        return WorkView(
            work_id=work.work_id,
            metadata=work.metadata,
            files=files,
            sections=main.sections,
            references=main.references,
            cleaning=main.cleaning,
            text=main.text,
            chunks=self.catalog.chunks(main.doc_id),
            collections=collections,
            tags=tags,
        )

    def documents(
        self, filters: Filters | None = None, incomplete: bool = False, retracted: bool = False
    ) -> list[WorkSummary]:
        """Every work in the store (or those `filters` keep, see `select_works`), with its files.

        `incomplete` keeps only works whose record lacks what a reference needs (`missing`),
        `retracted` only works known to be retracted (`retraction`).
        """
        out = []
        for work in self._selected(filters or Filters()):
            missing = missing_for_reference(work.metadata)
            if (incomplete and not missing) or (retracted and not work.metadata.retraction):
                continue
            files = [p for d in work.doc_ids for p in self.catalog.files_of(d)]
            out.append(
                WorkSummary(
                    work_id=work.work_id,
                    title=work.metadata.title,
                    authors=[a.display for a in work.metadata.authors],
                    year=work.metadata.year,
                    venue=work.metadata.venue,
                    files=files,
                    status="ready",
                    chunks=sum(self.catalog.chunk_count(d) for d in work.doc_ids),
                    missing=missing,
                    retraction=work.metadata.retraction,
                )
            )
        return out

    def select_works(self, filters: Filters) -> list[str]:
        """Ids of the works the filters keep (every work when none is set), in title order.

        The work-level filters of a search (years, author, venue, language, Zotero collection
        and tag) select works for a list or a bibliography; `section` chooses passages, so it is
        refused here.
        """
        return [work.work_id for work in self._selected(filters)]

    def selected_bibliography(self, filters: Filters, style: str = "apa") -> str | None:
        """The reference list of the works the filters keep (`select_works`); None when none is kept.

        Built from the records the selection read, not looked up again work by work.
        """
        selected = self._selected(filters)
        if not selected:
            return None
        return format_bibliography([Citation(w.work_id, w.metadata) for w in selected], style)

    def _selected(self, filters: Filters) -> list[WorkRecord]:
        """The works the filters keep, their records read once (`select_works`)."""
        if filters.section:
            raise UsageError("a section filter chooses passages of a search, not works: leave it out")
        allowed = allowed_documents(self.catalog, filters)
        return [w for w in self.catalog.works() if allowed is None or allowed.intersection(w.doc_ids)]

    def labels(self) -> LabelsAnswer:
        """The Zotero collections and tags of the store, with the number of works each labels."""
        collections, tags = self.catalog.label_works()

        def listed(found: dict[str, set[str]]) -> list[Label]:
            return [
                Label(name=n, works=len(found[n])) for n in sorted(found, key=lambda n: (n.casefold(), n))
            ]

        return LabelsAnswer(collections=listed(collections), tags=listed(tags))

    def citation(self, doc_id: str) -> Citation:
        """The Citation of a work (by any of its document ids)."""
        work_id = self.work_id(doc_id)
        return Citation(work_id, self.catalog.work(work_id).metadata)

    def cite(self, doc_id: str, style: str = "apa") -> str:
        """One formatted reference in any of `STYLES` (from the cache); pages go in `in_text`."""
        work_id = self.work_id(doc_id)
        records = {work_id: self.catalog.work(work_id).metadata}
        return self.citations.forms(records, check_style(style))[work_id].reference

    def cite_answer(
        self,
        doc_id: str,
        style: str = "apa",
        page: str | None = None,
        among: list[str] | None = None,
        paragraph: str | None = None,
    ) -> CiteAnswer:
        """The reference in `style` and, for an author-date style, the in-text form at `page`.

        `among` is the writer's list the work goes into (the page's bibliography): where it
        holds another work by the same authors from the same year, both forms carry the
        year's letter that list gives the work ("2009b"), as `bibliography` of that list does.
        A source without pages is cited at a `paragraph` instead ("(Keller, 2021, para. 4)").
        """
        work_id = self.work_id(doc_id)
        name = check_style(style)
        page, paragraph = check_pinpoint(page), check_paragraph(paragraph)
        if page and paragraph:
            raise UsageError("give a page or a paragraph to cite, not both")
        metadata = self.catalog.work(work_id).metadata
        in_text = name in IN_TEXT_STYLES
        lettered = self._lettered(work_id, among or []) if name in CSL_STYLES else None
        if lettered is not None:
            reference = lettered.format(name)
            form_in_text = lettered.in_text(name, page) if in_text else None
        else:
            form = self.citations.forms({work_id: metadata}, name)[work_id]
            reference, form_in_text = form.reference, form.in_text_at(page) if in_text else None
        if in_text and paragraph:  # rendered here: the cached forms pinpoint pages
            citation = lettered or Citation(work_id, metadata)
            form_in_text = citation.in_text(name, paragraph, locator="paragraph")
        return CiteAnswer(
            work_id=work_id,
            style=name,
            citation=reference,
            in_text=form_in_text,
            page_note=outside_note(page, metadata.printed_pages) if in_text else None,
        )

    def _lettered(self, work_id: str, among: list[str]) -> Citation | None:
        """The work's Citation with the year's letter `among` gives it, or None when it needs none."""
        listed = {work_id: self.citation(work_id)}
        for doc_id in among:
            try:
                citation = self.citation(doc_id)
            except NotFoundError:
                continue  # a work the store no longer holds: the page's list outlived it
            listed.setdefault(citation.doc_id, citation)
        if len(listed) < 2:
            return None
        mine = with_year_suffixes(list(listed.values()))[0]
        return mine if mine.year_suffix else None

    def in_text(self, doc_id: str, style: str = "apa", page: str | None = None) -> str:
        """The in-text form of a work ("(Chung, 2009, p. 21)") in an author-date style (from the cache)."""
        work_id = self.work_id(doc_id)
        name = check_style(style)
        if name not in IN_TEXT_STYLES:
            raise CitationError(
                f"style {style!r} has no in-text form; in-text styles: {', '.join(IN_TEXT_STYLES)}"
            )
        records = {work_id: self.catalog.work(work_id).metadata}
        return self.citations.forms(records, name)[work_id].in_text_at(check_pinpoint(page))

    def bibliography(self, doc_ids: list[str], style: str = "apa") -> str:
        """A formatted reference list (or .bib / .ris content) for these works."""
        seen: dict[str, Citation] = {}
        for doc_id in doc_ids:
            citation = self.citation(doc_id)
            seen.setdefault(citation.doc_id, citation)
        return format_bibliography(list(seen.values()), style)

    def edit(self, doc_id: str, assignments: list[str]) -> Metadata:
        """Correct a record ("year=2019"); the correction survives re-ingestion."""
        values = parse_assignments(assignments)
        if not values:
            raise UsageError("nothing to set: pass --set FIELD=VALUE")
        work_id = self.work_id(doc_id)
        self.catalog.set_corrections(work_id, values)
        for member in self.catalog.work_doc_ids(work_id):
            if member != work_id:
                self.catalog.set_corrections(member, values)
        refresh_work(self.catalog, work_id)  # a new generation with the new record (`Catalog.set_works`)
        return self.catalog.work(work_id).metadata

    def cited_by(self, author: str, year: int | None = None) -> list[CitingWork]:
        """Works whose reference lists cite `author`, optionally in `year`.

        The author is read as the search filter reads one (`NameQuery`): a part of a name, or
        a name as citations write it ("Vargo, S. L.", "S. L. Vargo"), with or without accents.
        """
        if not author.strip():
            raise UsageError("cited-by needs an author name")
        query = NameQuery.parse(author)
        found: dict[str, CitingWork] = {}
        for _doc_id, work_id, references in self.catalog.references():
            matches = [
                r
                for r in references
                if (year is None or r.year == year) and any(query.names(a) for a in r.authors)
            ]
            if matches:
                record = self.catalog.work(work_id).metadata
                entry = found.setdefault(
                    work_id, CitingWork(work_id=work_id, title=record.title, year=record.year)
                )
                entry.references.extend(m for m in matches if m not in entry.references)
        return sorted(found.values(), key=lambda w: (w.title.lower(), w.work_id))

    def refs(self, doc_id: str) -> RefsAnswer:
        """What a work cites, each reference resolved to a work of the corpus where there is one."""
        return citation_graph(self.catalog).refs(doc_id)

    def citing(self, node_id: str) -> CitingAnswer:
        """The works of the corpus that cite a work (or a `ref:` reference key)."""
        return citation_graph(self.catalog).citing(node_id)

    def co_cited(self, node_id: str, limit: int = 20) -> CoCitedAnswer:
        """What is most often cited together with a work (or a `ref:` reference key)."""
        return citation_graph(self.catalog).co_cited(node_id, limit)

    def related(self, doc_id: str, k: int = 10, reference_weight: float = REFERENCE_WEIGHT) -> RelatedAnswer:
        """The works most like this one by their stored vectors and shared references."""
        with self._lock:
            self.follow_store()
            vectors = work_vectors(self.layout, self.catalog, self.engine.vectors)
        return citation_graph(self.catalog).related(doc_id, vectors, k, reference_weight)

    def missing(self, min_citing: int = 2, limit: int | None = None) -> MissingAnswer:
        """References cited by at least `min_citing` works of the corpus but not in it, most cited first."""
        return citation_graph(self.catalog).missing(min_citing, limit)

    def missing_bibliography(self, answer: MissingAnswer, style: str = "bibtex") -> str:
        """Those missing references in a citation style (bibtex, ris, ...), to acquire them."""
        return citation_graph(self.catalog).export(answer, style)

    def check(self, text: str, style: str = "apa", source: str = "draft") -> DraftReport:
        """Check a draft's citations, quotations and reference list against the corpus (draft_check)."""
        with self._lock:
            self.follow_store()
            return check_draft(self, text, style, source)

    def quote(self, text: str, k: int = 5) -> QuoteAnswer:
        """The works and printed pages of a quotation or close paraphrase (`search_api.quotes`)."""
        with self._lock:
            self.follow_store()
            return find_quote(self, text, k)

    def stats(self) -> StoreStats:
        """Documents, works, chunks, pages, years, file states, failures, last run."""
        return self.catalog.stats()

    def close(self) -> None:
        """Release the catalog connection."""
        self.catalog.close()


def search(
    query: str, k: int | None = None, *, store: str | Path | None = None, **options: Any
) -> list[SearchResult]:
    """One-off search of a store (default from settings): `search("leadership", k=5)`."""
    corpus = Corpus(store)
    try:
        return corpus.search(query, k, **options)
    finally:
        corpus.close()


__all__ = ["Corpus", "CorpusError", "NotFoundError", "search"]
