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
    def scores(self, query: str, ids: list[str]) -> dict[str, float]:
        return dict.fromkeys(ids, 0.5)


def _engine(rescore: int) -> tuple[SearchEngine, Vectors]:
    vectors = Vectors()
    engine = SearchEngine(None, vectors, Lexical(), None, SearchSettings(rescore=rescore))  # type: ignore[arg-type]
    return engine, vectors


def test_only_the_best_bm25_only_chunks_are_rescored() -> None:
    dense = [("d:1", 0.9), ("d:2", 0.6), ("both:1", 0.5)]
    lexical = [("both:1", 9.0), ("l:1", 8.0), ("l:2", 7.0), ("l:3", 1.0)]
    engine, vectors = _engine(rescore=2)
    dense_run, lexical_run = engine._complete("q", np.array([1.0, 0.0], dtype=np.float32), dense, lexical)
    assert vectors.asked == [["l:1", "l:2"]], "best first, at most `rescore`"
    scores = dict(dense_run)
    assert scores["l:1"] == scores["l:2"] == np.float32(0.2)
    assert scores["l:3"] == min(scores.values()), "the rest count as no closer than any chunk scored"
    assert dict(lexical_run)["d:1"] == 0.5, "dense-only chunks get their BM25 score"
    assert set(scores) == set(dict(lexical_run)) == {"d:1", "d:2", "both:1", "l:1", "l:2", "l:3"}


def test_rescore_zero_asks_for_no_vectors() -> None:
    engine, vectors = _engine(rescore=0)
    engine._complete("q", np.array([1.0, 0.0], dtype=np.float32), [("d:1", 0.9)], [("l:1", 3.0)])
    assert vectors.asked == []
