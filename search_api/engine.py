"""Query -> ranked works: dense (Chroma) and lexical (BM25) retrieval, fusion, one entry per work.

Filters are resolved in the catalog to a set of documents and applied to both
retrievers; chunks are fused, then grouped so each work appears once with its best
passages, optionally re-ordered by maximal marginal relevance (MMR) for diversity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from corpus.errors import CorpusError
from corpus.models import Chunk
from corpus.settings import SearchSettings
from indexing.catalog import Catalog
from indexing.embedder import Embedder
from indexing.lexical import LexicalIndex
from indexing.vector_store import VectorStore
from search_api.fusion import convex, reciprocal_rank

Mode = Literal["dense", "lexical", "hybrid"]
MODES: tuple[Mode, ...] = ("dense", "lexical", "hybrid")


@dataclass(frozen=True)
class Filters:
    """Restrictions on what a search may return; None/'' means no restriction."""

    year_from: int | None = None
    year_to: int | None = None
    author: str | None = None
    venue: str | None = None
    language: str | None = None
    section: str | None = None

    @property
    def on_works(self) -> bool:
        """Whether any work-level filter is set (section is checked per chunk)."""
        return any(v not in (None, "") for v in (self.year_from, self.year_to, self.author, self.venue, self.language))


@dataclass(frozen=True)
class RankedWork:
    """A work's fused score and its best chunks (best first) with their scores."""

    work_id: str
    score: float
    chunks: list[tuple[Chunk, float]]


class SearchEngine:
    """Retrieval over one store; cheap to query repeatedly once built."""

    def __init__(
        self, catalog: Catalog, vectors: VectorStore, lexical: LexicalIndex, embedder: Embedder, settings: SearchSettings
    ) -> None:
        self.catalog = catalog
        self.vectors = vectors
        self.lexical = lexical
        self.embedder = embedder
        self.settings = settings

    def _allowed_docs(self, filters: Filters, work_map: dict[str, str]) -> set[str] | None:
        if not filters.on_works:
            return None
        works = self.catalog.filter_works(
            filters.year_from, filters.year_to, filters.author, filters.venue, filters.language
        )
        return {doc for doc, work in work_map.items() if work in works}

    def retrieve(self, query: str, mode: Mode, depth: int, doc_ids: set[str] | None) -> list[tuple[str, float]]:
        """Chunk ids and scores from the chosen retriever(s), best first."""
        if mode not in MODES:
            raise CorpusError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
        dense: list[tuple[str, float]] = []
        lexical: list[tuple[str, float]] = []
        if mode in ("dense", "hybrid"):
            dense = self.vectors.query(self.embedder.embed_query(query), depth, doc_ids)
        if mode in ("lexical", "hybrid"):
            lexical = self.lexical.query(query, depth, doc_ids)
        if mode == "dense":
            return dense
        if mode == "lexical":
            return lexical
        weights = [self.settings.dense_weight, 1.0 - self.settings.dense_weight]
        if self.settings.fusion == "convex":
            return convex([dense, lexical], weights)
        return reciprocal_rank([dense, lexical], k=self.settings.rrf_k, weights=[2 * w for w in weights])

    def search(self, query: str, mode: Mode, filters: Filters, limit: int) -> list[RankedWork]:
        """Works best first (at most `limit`), each with up to `passages_per_work` chunks."""
        query = query.strip()
        if not query:
            raise CorpusError("empty query: type what you are looking for")
        work_map = self.catalog.work_map()
        doc_ids = self._allowed_docs(filters, work_map)
        depth = max(self.settings.candidates, limit * self.settings.passages_per_work * 2)
        ranked = self.retrieve(query, mode, depth, doc_ids)
        chunks = self.catalog.chunks_by_id(cid for cid, _ in ranked)
        grouped: dict[str, list[tuple[Chunk, float]]] = {}
        for cid, score in ranked:
            chunk = chunks.get(cid)
            if chunk is None or chunk.doc_id not in work_map:
                continue
            if filters.section and filters.section.lower() not in chunk.section.lower():
                continue
            grouped.setdefault(work_map[chunk.doc_id], []).append((chunk, score))
        works = [
            RankedWork(work_id, items[0][1], items[: self.settings.passages_per_work])
            for work_id, items in grouped.items()
        ]
        works.sort(key=lambda w: (-w.score, w.work_id))
        if self.settings.mmr and mode != "lexical" and len(works) > 1:
            works = self._mmr(works, limit)
        return works[:limit]

    def _mmr(self, works: list[RankedWork], limit: int) -> list[RankedWork]:
        """Re-order so each next work is relevant but unlike those already chosen."""
        best = [w.chunks[0][0] for w in works]
        vectors = self.embedder.embed_passages([c.text for c in best])
        scores = np.array([w.score for w in works], dtype=np.float32)
        if scores.max() > scores.min():
            scores = (scores - scores.min()) / (scores.max() - scores.min())
        lam = self.settings.mmr_lambda
        chosen: list[int] = [0]
        remaining = list(range(1, len(works)))
        while remaining and len(chosen) < limit:
            similarity = vectors[remaining] @ vectors[chosen].T
            value = lam * scores[remaining] - (1 - lam) * similarity.max(axis=1)
            pick = remaining[int(np.argmax(value))]
            chosen.append(pick)
            remaining.remove(pick)
        return [works[i] for i in chosen] + [works[i] for i in remaining]
