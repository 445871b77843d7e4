"""Query -> ranked works: dense (Chroma) and lexical (BM25) retrieval, fusion, one entry per work.

Filters are resolved in the catalog (one SQL query) to a set of documents and applied to
both retrievers; a search reads only the catalog rows of the chunks it found. In hybrid
mode each retriever returns its best `candidates` chunks; every chunk of the union is then
scored by both (its stored vector against the query vector, its BM25 score), and the two
complete runs are fused at chunk level. Chunks are grouped so each work appears once,
ranked by its best chunk, with its best distinct passages under it (a passage found in
both a work's PDF and its text version is shown once, from the file that gives it a printed
page), optionally re-ordered by maximal marginal relevance (MMR) for diversity.
"""

from __future__ import annotations

import math
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from corpus_core.choices import MODES, Mode
from corpus_core.errors import UsageError
from corpus_core.models import Chunk
from corpus_core.settings import SearchSettings
from indexing.catalog import Catalog
from indexing.embedder import Embedder
from indexing.lexical import LexicalIndex
from indexing.vector_store import VectorStore
from search_api.filters import Filters
from search_api.fusion import convex, reciprocal_rank
from search_api.labels import labelled_documents

EXACT_CHUNKS = 1500
"""A dense query limited to documents holding at most this many chunks (and to at most
`EXACT_DOCUMENTS` documents) scores each chunk by its stored vector (a key lookup, about
0.03 ms a chunk at 100k chunks): Chroma's query with a `where` filter took 52-128 ms at 100k
chunks however few documents it kept, its unfiltered query 1-3 ms. A citation's quotation is
looked for in the cited work alone, and a search filtered to an author keeps a few documents."""
EXACT_DOCUMENTS = 300
"""Counting the chunks of more documents than this costs more than it could save (about 4 ms
for 300 at 100k chunks): papers hold tens of chunks each, Zotero items indexed by their
abstracts one, so a filter keeping up to 300 abstracts is still scored here."""
UNFILTERED_CHUNKS = 5000
"""A dense query limited to a large share of the store's documents asks Chroma, unfiltered,
for up to this many nearest chunks and keeps those of the documents allowed (about 43 ms for
5,000 at 100k chunks, against 80-180 ms for the filtered query); with too few of them left,
or a share too small for this many to hold enough, Chroma's filtered query answers."""
SHARE_MARGIN = 1.5
"""How many more nearest chunks than the allowed share of documents promises are asked for."""


@dataclass(frozen=True)
class RankedWork:
    """A work's fused score and its best chunks (best first) with their scores."""

    work_id: str
    score: float
    chunks: list[tuple[Chunk, float]]


@dataclass
class Ranking:
    """The works of one search, best first, and how many works its candidates held in all."""

    works: list[RankedWork]
    matched: int
    """Works among the retrieved candidate chunks (after filters), of which `works` are the first."""
    filtered_out: bool = False
    """Whether the work-level filters leave no work of the store at all."""


def document_of(chunk_id: str) -> str:
    """The document of a chunk id ("<doc_id>:<index>", see corpus.structure.chunking)."""
    return chunk_id.rsplit(":", 1)[0]


def allowed_documents(catalog: Catalog, filters: Filters) -> set[str] | None:
    """Documents of the works the work-level filters keep (None: no such filter is set).

    A search reads it to restrict its retrievers; `corpus docs` and `corpus bib` to select works.
    """
    allowed = None
    if filters.on_works:
        allowed = catalog.filter_documents(
            filters.year_from, filters.year_to, filters.author, filters.venue, filters.language
        )
    return labelled_documents(catalog, filters.collection, filters.tag, allowed)


def has_words(text: str) -> bool:
    """Whether a query holds a letter or digit: "???" or "(((" finds nothing by meaning, only noise."""
    return any(ch.isalnum() for ch in text)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def same_words(words_a: set[str], words_b: set[str]) -> bool:
    """Whether two chunks of different files say the same thing (a work's PDF and its text version).

    At least 0.8 of the smaller word set is shared: layout, hyphenation and page furniture
    differ between versions, the words do not. Only chunks of different files are compared
    (chunks of one file are different passages by construction).
    """
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.8


class SearchEngine:
    """Retrieval over one store; cheap to query repeatedly once built."""

    def __init__(
        self,
        catalog: Catalog,
        vectors: VectorStore,
        lexical: LexicalIndex,
        embedder: Embedder,
        settings: SearchSettings,
    ) -> None:
        self.catalog = catalog
        self.vectors = vectors
        self.lexical = lexical
        self.embedder = embedder
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bm25")
        """Runs the lexical side of a hybrid search beside the dense side."""
        self._work_cache: dict[str, str | None] = {}
        """doc_id -> work_id (None: not ready), filled as searches meet documents; `forget` clears it."""
        self._versions: dict[str, set[str]] = {}
        """work_id -> its documents with printed pages, for works met with a passage without one."""
        self._ready_documents: int | None = None
        """The store's ready documents, counted at the first filtered dense query."""

    def forget(self) -> None:
        """Drop what was learnt about documents (the store changed: a run finished)."""
        self._work_cache.clear()
        self._versions.clear()
        self._ready_documents = None

    def _works_of(self, doc_ids: set[str]) -> dict[str, str]:
        """The works of these documents; only documents not seen since the last change are looked up."""
        missing = [d for d in doc_ids if d not in self._work_cache]
        if missing:
            found = self.catalog.ready_works(missing)
            self._work_cache.update({d: found.get(d) for d in missing})
        return {d: w for d in doc_ids if (w := self._work_cache.get(d)) is not None}

    def retrieve(
        self, query: str, mode: Mode, depth: int, doc_ids: set[str] | None
    ) -> list[tuple[str, float]]:
        """Chunk ids and scores from the chosen retriever(s), best first."""
        if mode not in MODES:
            raise UsageError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
        if mode == "lexical":
            return self.lexical.query(query, depth, doc_ids)
        if mode == "dense":
            return self._dense(self.embedder.embed_query(query), depth, doc_ids)
        # BM25 runs beside encoding and the vector query: tantivy, onnxruntime/torch and
        # Chroma all release the GIL, so the two retrievers overlap on a second core. In
        # convex fusion that thread goes on to fetch the stored vectors `_complete` needs.
        convex_fusion = self.settings.fusion != "rrf"
        lexical_future = self._pool.submit(self._lexical_side, query, depth, doc_ids, convex_fusion)
        vector = self.embedder.embed_query(query)
        dense = self._dense(vector, depth, doc_ids)
        lexical, stored = lexical_future.result()
        weights = [self.settings.dense_weight, 1.0 - self.settings.dense_weight]
        if not convex_fusion:
            return reciprocal_rank([dense, lexical], k=self.settings.rrf_k, weights=[2 * w for w in weights])
        return convex(self._complete(query, vector, dense, lexical, stored), weights)

    def _dense(self, vector: np.ndarray, depth: int, doc_ids: set[str] | None) -> list[tuple[str, float]]:
        """The `depth` chunks nearest the query vector, of `doc_ids` only when given.

        A few documents' chunks are scored here (`EXACT_CHUNKS`); a large share of the store
        comes from an unfiltered query (`UNFILTERED_CHUNKS`); the rest from Chroma's filtered one.
        """
        if not doc_ids:
            return self.vectors.query(vector, depth, doc_ids)
        if len(doc_ids) <= EXACT_DOCUMENTS and self.catalog.chunk_total(doc_ids) <= EXACT_CHUNKS:
            ids = [
                cid for chunk_ids in self.catalog.chunk_ids_of(sorted(doc_ids)).values() for cid in chunk_ids
            ]
            found = self.vectors.get_vectors(ids)
            scored = [(cid, float(np.dot(stored, vector))) for cid, stored in found.items()]
            return sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:depth]
        if self._ready_documents is None:
            self._ready_documents = len(self.catalog.document_ids())
        asked = math.ceil(depth * SHARE_MARGIN * self._ready_documents / len(doc_ids))
        if asked <= UNFILTERED_CHUNKS:
            nearest = self.vectors.query(vector, asked)
            kept = [pair for pair in nearest if document_of(pair[0]) in doc_ids]
            if len(kept) >= depth or len(nearest) < asked:  # fewer than asked: the whole store
                return kept[:depth]
        return self.vectors.query(vector, depth, doc_ids)

    def _lexical_side(
        self, query: str, depth: int, doc_ids: set[str] | None, prefetch: bool
    ) -> tuple[list[tuple[str, float]], dict[str, np.ndarray]]:
        """BM25's best chunks and, to prefetch, the stored vectors of the first `rescore` of them.

        Runs while the query is encoded (about the time the fetch takes at 100k chunks on
        2 cores). `_complete` needs the vectors of the first `rescore` chunks only BM25
        found; which those are is known once the dense side has returned, so the first
        `rescore` of BM25's list are fetched now and only the few beyond them later.
        """
        found = self.lexical.query(query, depth, doc_ids)
        if not prefetch or not self.settings.rescore:
            return found, {}
        return found, self.vectors.get_vectors([cid for cid, _ in found[: self.settings.rescore]])

    def _complete(
        self,
        query: str,
        vector: np.ndarray,
        dense: list[tuple[str, float]],
        lexical: list[tuple[str, float]],
        stored: dict[str, np.ndarray],
    ) -> list[list[tuple[str, float]]]:
        """Both runs over the union of their chunks: each chunk one run missed gets its real score there.

        `stored` holds vectors already fetched by chunk id (`_lexical_side`).
        """
        dense_scores, lexical_scores = dict(dense), dict(lexical)
        only_lexical = [cid for cid in lexical_scores if cid not in dense_scores]
        only_dense = [cid for cid in dense_scores if cid not in lexical_scores]
        rescored, floored = only_lexical[: self.settings.rescore], only_lexical[self.settings.rescore :]
        bm25_future = self._pool.submit(self.lexical.scores, query, only_dense) if only_dense else None
        if rescored:
            # Stored vectors by id (a key lookup), dotted here: Chroma's id-filtered query was
            # faster at 4k chunks but scanned the collection (138 ms a query at 100k).
            missing = [cid for cid in rescored if cid not in stored]
            found = {**stored, **self.vectors.get_vectors(missing)} if missing else stored
            dense_scores.update({cid: float(np.dot(found[cid], vector)) for cid in rescored if cid in found})
        if floored and dense_scores:
            # Outside the dense top `candidates`, so no closer than any chunk scored.
            floor = min(dense_scores.values())
            dense_scores.update({cid: floor for cid in floored})
        if bm25_future is not None:
            lexical_scores.update(bm25_future.result())
        return [list(dense_scores.items()), list(lexical_scores.items())]

    def search(self, query: str, mode: Mode, filters: Filters, limit: int) -> Ranking:
        """Works best first (at most `limit`), each with up to `passages_per_work` distinct chunks.

        Grouping reads only (chunk id, document, work, section) of the ranked chunks; the
        texts are read for the passages of the works returned, nothing more.
        """
        query = query.strip()
        if not query:
            raise UsageError("empty query: type what you are looking for")
        if not has_words(query):
            raise UsageError(
                f"the query {query!r} holds no word to search for: type what you are looking for"
            )
        doc_ids = allowed_documents(self.catalog, filters)
        per_work = self.settings.passages_per_work
        depth = max(self.settings.candidates, limit * per_work)
        ranked = self.retrieve(query, mode, depth, doc_ids)
        works_of = self._works_of({document_of(cid) for cid, _ in ranked})
        sections = self.catalog.chunk_sections(cid for cid, _ in ranked) if filters.section else {}
        candidates: dict[str, list[tuple[str, float]]] = {}
        for cid, score in ranked:
            work_id = works_of.get(document_of(cid))
            if work_id is None:
                continue
            if filters.section and filters.section.lower() not in sections.get(cid, "").lower():
                continue
            candidates.setdefault(work_id, []).append((cid, score))
        order = sorted(candidates, key=lambda w: (-candidates[w][0][1], w))
        if self.settings.mmr and len(order) > 1:
            order = self._mmr(order, {w: candidates[w][0] for w in order}, limit)
        top = order[:limit]
        texts = self.catalog.chunks_by_id(cid for w in top for cid, _ in candidates[w][: per_work * 3])
        works = []
        for work_id in top:
            passages: list[tuple[Chunk, float]] = []
            words: list[set[str]] = []
            for cid, score in candidates[work_id][: per_work * 3]:
                chunk = texts.get(cid)
                if chunk is None or len(passages) >= per_work:
                    continue
                chunk_words = _words(chunk.text)
                if any(
                    chunk_words == seen or (other.doc_id != chunk.doc_id and same_words(chunk_words, seen))
                    for (other, _), seen in zip(passages, words, strict=True)
                ):
                    continue
                passages.append((chunk, score))
                words.append(chunk_words)
            if passages:
                self._cite_paged_versions(work_id, passages, words)
                works.append(RankedWork(work_id, candidates[work_id][0][1], passages))
        return Ranking(works, len(candidates), filtered_out=doc_ids == set())

    def _cite_paged_versions(
        self, work_id: str, passages: list[tuple[Chunk, float]], words: list[set[str]]
    ) -> None:
        """Swap a passage found in a file without printed pages for the same passage in one with them.

        A work held as a text (or HTML) file and a PDF says the same thing in both, but only the
        PDF gives the page a citation needs. The twin is looked up in the work's files with pages
        (known per work until the store changes) through the lexical index, the passage's text
        as the query, and must share its words (`same_words`); nothing is looked up when every
        passage has a page or the work has no file with pages.
        """
        if all(chunk.page_label for chunk, _ in passages):
            return
        if work_id not in self._versions:
            self._versions[work_id] = self.catalog.paged_versions(work_id)
        shown = {chunk.chunk_id for chunk, _ in passages}
        for i, ((chunk, score), chunk_words) in enumerate(zip(passages, words, strict=True)):
            others = self._versions[work_id] - {chunk.doc_id}
            if chunk.page_label or not others:
                continue
            found = self.lexical.query(chunk.text, 3, others)
            twins = self.catalog.chunks_by_id(cid for cid, _ in found)
            for cid, _ in found:
                twin = twins.get(cid)
                if twin and twin.chunk_id not in shown and same_words(_words(twin.text), chunk_words):
                    passages[i] = (twin, score)
                    shown.add(twin.chunk_id)
                    break

    def _mmr(self, order: list[str], best: dict[str, tuple[str, float]], limit: int) -> list[str]:
        """Re-order works so each next one is relevant but unlike those already chosen.

        Works are compared by the stored vectors of their best chunks; a work whose vector
        is missing is compared as unlike every other.
        """
        best_ids = [best[w][0] for w in order]
        stored = self.vectors.get_vectors(best_ids)
        dimension = len(next(iter(stored.values()))) if stored else 1
        vectors = np.stack([stored.get(cid, np.zeros(dimension, dtype=np.float32)) for cid in best_ids])
        scores = np.array([best[w][1] for w in order], dtype=np.float32)
        if scores.max() > scores.min():
            scores = (scores - scores.min()) / (scores.max() - scores.min())
        lam = self.settings.mmr_lambda
        chosen: list[int] = [0]
        similarity_to_chosen = vectors @ vectors[0]
        pending = np.ones(len(order), dtype=bool)
        pending[0] = False
        while pending.any() and len(chosen) < limit:
            value = np.where(pending, lam * scores - (1 - lam) * similarity_to_chosen, -np.inf)
            pick = int(np.argmax(value))
            chosen.append(pick)
            pending[pick] = False
            similarity_to_chosen = np.maximum(similarity_to_chosen, vectors @ vectors[pick])
        remaining = [i for i in range(len(order)) if pending[i]]
        return [order[i] for i in chosen] + [order[i] for i in remaining]
