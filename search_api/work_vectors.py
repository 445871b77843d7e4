"""Work-level vectors: the mean of a work's chunk vectors, kept in the store and updated incrementally.

`corpus related` compares works by the cosine of these centroids. Reading every chunk vector
from Chroma on each call would cost a full scan of a 100k-chunk store, so each document's
mean vector is kept in `work-vectors.npz` (`StoreLayout.work_vectors`) with the document's
ingestion time: a refresh reads from Chroma only the chunks of documents added or rewritten
since (the ingestion flow refreshes it after each run; a reader refreshes it when stale). A
work's centroid is the chunk-count-weighted mean of its documents' means, normalised.

    vectors = WorkVectors.load(layout, catalog, chroma)   # refreshed against the catalog
    vectors.cosines("70ab0c2f3150805d")                    # work_id -> cosine, every other work
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings
from indexing.catalog import Catalog
from indexing.vector_store import VectorStore

log = logging.getLogger(__name__)

READ_BATCH_DOCS = 200
"""Documents whose chunk vectors are read from the vector store in one pass."""


@dataclass
class _DocMeans:
    """Per-document mean vectors as the cache file holds them (row i belongs to doc_ids[i])."""

    doc_ids: list[str]
    stamps: np.ndarray
    """Each document's `ingested` time when its mean was computed."""
    counts: np.ndarray
    """Chunks averaged into each mean (the weight of a document in its work's centroid)."""
    means: np.ndarray

    @classmethod
    def empty(cls, dim: int = 0) -> _DocMeans:
        return cls([], np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros((0, dim), dtype=np.float32))

    @classmethod
    def read(cls, path: Path) -> _DocMeans:
        """The cache file's contents; empty when it is missing or unreadable (it is only a cache)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls([str(d) for d in data["doc_ids"]], data["stamps"], data["counts"], data["means"])
        except (OSError, KeyError, ValueError) as exc:
            if path.exists():
                log.warning("%s: unreadable work-vector cache, rebuilding it (%s)", path, exc)
            return cls.empty()

    def write(self, path: Path) -> None:
        """Replace the cache file atomically; a store we cannot write keeps the cache in memory only."""
        try:
            handle, temp = tempfile.mkstemp(prefix=".work-vectors-", suffix=".npz", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                np.savez(
                    out,
                    doc_ids=np.array(self.doc_ids, dtype=str),
                    stamps=self.stamps,
                    counts=self.counts,
                    means=self.means,
                )
            os.replace(temp, path)
        except OSError as exc:
            log.warning("%s: cannot write the work-vector cache (%s)", path, exc)


class WorkVectors:
    """Normalised centroid vectors of every work that has stored chunk vectors."""

    def __init__(self, work_ids: list[str], matrix: np.ndarray) -> None:
        self.work_ids = work_ids
        self.matrix = matrix
        self._row = {work_id: i for i, work_id in enumerate(work_ids)}

    def __contains__(self, work_id: object) -> bool:
        return work_id in self._row

    def cosines(self, work_id: str) -> dict[str, float]:
        """Cosine of `work_id`'s centroid with every other work's ({} when it has no vectors)."""
        row = self._row.get(work_id)
        if row is None:
            return {}
        scores = self.matrix @ self.matrix[row]
        return {w: float(s) for w, s in zip(self.work_ids, scores, strict=True) if w != work_id}

    @classmethod
    def load(cls, layout: StoreLayout, catalog: Catalog, vectors: VectorStore) -> WorkVectors:
        """Centroids of the store's ready works, the cache file brought up to date first."""
        stamps = catalog.document_stamps()
        docs = _up_to_date(layout, catalog, vectors, stamps)
        return cls._centroids(docs, {d: s[0] for d, s in stamps.items()})

    @classmethod
    def _centroids(cls, docs: _DocMeans, work_of: dict[str, str]) -> WorkVectors:
        sums: dict[str, np.ndarray] = {}
        for i, doc_id in enumerate(docs.doc_ids):
            work_id = work_of.get(doc_id)
            if work_id is None or docs.counts[i] == 0:
                continue
            weighted = docs.means[i] * float(docs.counts[i])
            sums[work_id] = sums[work_id] + weighted if work_id in sums else weighted
        work_ids = sorted(sums)
        if not work_ids:
            return cls([], np.zeros((0, 0), dtype=np.float32))
        matrix = np.stack([sums[w] for w in work_ids]).astype(np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return cls(work_ids, matrix / np.where(norms == 0, 1.0, norms))


def _up_to_date(
    layout: StoreLayout, catalog: Catalog, vectors: VectorStore, stamps: dict[str, tuple[str, float, int]]
) -> _DocMeans:
    """Every ready document's mean: the cache file's, those of documents written since read anew.

    The file is written back when anything changed. At library size (10,000 documents) this
    runs after every ingestion: the cached rows are kept as they are unless a document left.
    """
    cached = _DocMeans.read(layout.work_vectors)
    held = cached.stamps.tolist()
    keep = [i for i, doc_id in enumerate(cached.doc_ids) if doc_id in stamps and stamps[doc_id][1] == held[i]]
    kept = {cached.doc_ids[i] for i in keep}
    stale = sorted(d for d in stamps if d not in kept)
    fresh = _read_means(catalog, vectors, stale, stamps)
    whole = len(keep) == len(cached.doc_ids)
    if cached.means.shape[0] and fresh.means.shape[0] and cached.means.shape[1] != fresh.means.shape[1]:
        keep, whole = [], False  # the store's model changed: every mean is rebuilt below
        fresh = _read_means(catalog, vectors, sorted(stamps), stamps)
    if whole and not fresh.doc_ids:
        return cached
    merged = _DocMeans(
        [cached.doc_ids[i] for i in keep] + fresh.doc_ids,
        np.concatenate([cached.stamps[keep], fresh.stamps]),
        np.concatenate([cached.counts[keep], fresh.counts]).astype(np.int64),
        _stack(cached.means if whole else cached.means[keep], fresh.means),
    )
    merged.write(layout.work_vectors)
    return merged


def _stack(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    parts = [p for p in (first, second) if p.shape[0]]
    if not parts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.concatenate(parts).astype(np.float32, copy=False)


def _read_means(
    catalog: Catalog, vectors: VectorStore, doc_ids: list[str], stamps: dict[str, tuple[str, float, int]]
) -> _DocMeans:
    """Mean chunk vectors of these documents, read from the vector store in batches of documents."""
    ids: list[str] = []
    times: list[float] = []
    counts: list[int] = []
    means: list[np.ndarray] = []
    for start in range(0, len(doc_ids), READ_BATCH_DOCS):
        chunk_ids = catalog.chunk_ids_of(doc_ids[start : start + READ_BATCH_DOCS])
        found = vectors.get_vectors([c for ids_of in chunk_ids.values() for c in ids_of])
        for doc_id, ids_of in chunk_ids.items():
            rows = [found[c] for c in ids_of if c in found]
            if not rows:
                continue
            ids.append(doc_id)
            times.append(stamps[doc_id][1])
            counts.append(len(rows))
            means.append(np.mean(np.stack(rows), axis=0))
    if not ids:
        return _DocMeans.empty()
    return _DocMeans(
        ids, np.array(times), np.array(counts, dtype=np.int64), np.stack(means).astype(np.float32)
    )


_CACHE: dict[str, tuple[int, WorkVectors]] = {}
_CACHE_LOCK = threading.Lock()


def work_vectors(layout: StoreLayout, catalog: Catalog, vectors: VectorStore) -> WorkVectors:
    """The store's work centroids, refreshed once per store generation (a finished run) per process."""
    key = str(layout.root.resolve())
    generation = catalog.generation()
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
        loaded = WorkVectors.load(layout, catalog, vectors)
        _CACHE[key] = (generation, loaded)
        return loaded


def refresh_work_vectors(settings: Settings) -> int:
    """After an ingestion run: bring the store's work-vector cache up to date; the documents it holds.

    Only the cache file: the centroids are made by their reader (`work_vectors`).
    """
    from indexing.vector_store import ChromaStore

    layout = StoreLayout(settings.store)
    if not layout.exists():
        return 0
    catalog = Catalog(layout.catalog)
    try:
        vectors = ChromaStore(settings.chroma, settings.store)
        return len(_up_to_date(layout, catalog, vectors, catalog.document_stamps()).doc_ids)
    finally:
        catalog.close()
