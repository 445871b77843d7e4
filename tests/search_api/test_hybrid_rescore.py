"""Hybrid fusion scores the best BM25-only chunks by their stored vectors and floors the rest."""

from __future__ import annotations

import numpy as np

from corpus_core.settings import SearchSettings
from search_api.engine import SearchEngine


class Vectors:
    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def get_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        self.asked.append(list(ids))
        return {cid: np.array([0.2, 0.0], dtype=np.float32) for cid in ids}


class Lexical:
    def __init__(self, found: list[tuple[str, float]] | None = None) -> None:
        self.found = found or []

    def query(self, text: str, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        return self.found[:n]

    def scores(self, query: str, ids: list[str]) -> dict[str, float]:
        return dict.fromkeys(ids, 0.5)


class DenseVectors(Vectors):
    def __init__(self, found: list[tuple[str, float]]) -> None:
        super().__init__()
        self.found = found

    def query(self, vector: np.ndarray, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        return self.found[:n]


class Embedder:
    def embed_query(self, text: str) -> np.ndarray:
        return np.array([1.0, 0.0], dtype=np.float32)


def _engine(rescore: int) -> tuple[SearchEngine, Vectors]:
    vectors = Vectors()
    engine = SearchEngine(None, vectors, Lexical(), None, SearchSettings(rescore=rescore))  # type: ignore[arg-type]
    return engine, vectors


def test_only_the_best_bm25_only_chunks_are_rescored() -> None:
    dense = [("d:1", 0.9), ("d:2", 0.6), ("both:1", 0.5)]
    lexical = [("both:1", 9.0), ("l:1", 8.0), ("l:2", 7.0), ("l:3", 1.0)]
    engine, vectors = _engine(rescore=2)
    dense_run, lexical_run = engine._complete("q", np.array([1.0, 0.0], dtype=np.float32), dense, lexical, {})
    assert vectors.asked == [["l:1", "l:2"]], "best first, at most `rescore`"
    scores = dict(dense_run)
    assert scores["l:1"] == scores["l:2"] == np.float32(0.2)
    assert scores["l:3"] == min(scores.values()), "the rest count as no closer than any chunk scored"
    assert dict(lexical_run)["d:1"] == 0.5, "dense-only chunks get their BM25 score"
    assert set(scores) == set(dict(lexical_run)) == {"d:1", "d:2", "both:1", "l:1", "l:2", "l:3"}


def test_rescore_zero_asks_for_no_vectors() -> None:
    engine, vectors = _engine(rescore=0)
    engine._complete("q", np.array([1.0, 0.0], dtype=np.float32), [("d:1", 0.9)], [("l:1", 3.0)], {})
    assert vectors.asked == []


def test_vectors_fetched_beside_encoding_are_not_fetched_again() -> None:
    dense = [("d:1", 0.9), ("both:1", 0.5)]
    lexical = [("both:1", 9.0), ("l:1", 8.0), ("l:2", 7.0)]
    engine, vectors = _engine(rescore=2)
    prefetched = {cid: np.array([0.9, 0.0], dtype=np.float32) for cid in ("both:1", "l:1")}
    dense_run, _ = engine._complete("q", np.array([1.0, 0.0], dtype=np.float32), dense, lexical, prefetched)
    assert vectors.asked == [["l:2"]], "only the BM25-only chunk beyond the prefetched ones is fetched"
    scores = dict(dense_run)
    assert scores["l:1"] == np.float32(0.9) and scores["l:2"] == np.float32(0.2)
    assert scores["both:1"] == 0.5, "a chunk the dense side found keeps its own score"


def test_hybrid_search_fetches_the_best_bm25_chunks_vectors_while_the_query_is_encoded() -> None:
    dense = [("d:1", 0.9), ("l:1", 0.4)]
    lexical = [("l:1", 9.0), ("l:2", 8.0), ("l:3", 7.0), ("l:4", 6.0)]
    vectors = DenseVectors(dense)
    settings = SearchSettings(rescore=2, fusion="convex")
    engine = SearchEngine(None, vectors, Lexical(lexical), Embedder(), settings)  # type: ignore[arg-type]
    ranked = dict(engine.retrieve("q", "hybrid", depth=10, doc_ids=None))
    assert vectors.asked == [["l:1", "l:2"], ["l:3"]], "BM25's best two first, then the one they left out"
    assert set(ranked) == {"d:1", "l:1", "l:2", "l:3", "l:4"}


def test_reciprocal_rank_fusion_fetches_no_vectors() -> None:
    vectors = DenseVectors([("d:1", 0.9)])
    settings = SearchSettings(rescore=2, fusion="rrf")
    engine = SearchEngine(None, vectors, Lexical([("l:1", 9.0)]), Embedder(), settings)  # type: ignore[arg-type]
    assert set(dict(engine.retrieve("q", "hybrid", depth=10, doc_ids=None))) == {"d:1", "l:1"}
    assert vectors.asked == []
