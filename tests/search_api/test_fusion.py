"""Fusion functions with exact expected values, and the hybrid engine's complete-run fusion."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus_core.models import Chunk
from corpus_core.settings import SearchSettings
from indexing.lexical import LexicalEntry, LexicalIndex
from search_api.engine import SearchEngine
from search_api.fusion import convex, min_max, reciprocal_rank


def test_reciprocal_rank_sums_one_over_k_plus_rank() -> None:
    fused = dict(reciprocal_rank([[("a", 9.0), ("b", 8.0)], [("b", 0.3), ("c", 0.2)]], k=10))
    assert fused["a"] == pytest.approx(1 / 11)
    assert fused["b"] == pytest.approx(1 / 12 + 1 / 11)
    assert fused["c"] == pytest.approx(1 / 12)


def test_reciprocal_rank_weights_and_order() -> None:
    fused = reciprocal_rank([[("a", 1.0)], [("b", 1.0)]], k=60, weights=[1.0, 3.0])
    assert fused == [("b", pytest.approx(3 / 61)), ("a", pytest.approx(1 / 61))]


def test_reciprocal_rank_breaks_ties_by_item() -> None:
    assert [item for item, _ in reciprocal_rank([[("z", 1.0)], [("a", 1.0)]])] == ["a", "z"]


def test_min_max_rescales_to_unit_interval() -> None:
    assert min_max([("a", 10.0), ("b", 6.0), ("c", 2.0)]) == {"a": 1.0, "b": 0.5, "c": 0.0}


def test_min_max_of_constant_or_empty_run() -> None:
    assert min_max([("a", 3.0), ("b", 3.0)]) == {"a": 1.0, "b": 1.0}
    assert min_max([("a", 0.2)]) == {"a": 1.0}
    assert min_max([("a", 0.0), ("b", 0.0)]) == {"a": 0.0, "b": 0.0}  # no query term matched
    assert min_max([]) == {}


def test_convex_weights_normalised_scores() -> None:
    dense = [("a", 0.9), ("b", 0.7), ("c", 0.5)]
    lexical = [("c", 12.0), ("a", 4.0), ("b", 2.0)]
    fused = dict(convex([dense, lexical], [0.5, 0.5]))
    assert fused["a"] == pytest.approx(0.5 * 1.0 + 0.5 * 0.2)
    assert fused["b"] == pytest.approx(0.5 * 0.5 + 0.5 * 0.0)
    assert fused["c"] == pytest.approx(0.5 * 0.0 + 0.5 * 1.0)
    assert [item for item, _ in convex([dense, lexical], [0.5, 0.5])] == ["a", "c", "b"]


def test_convex_counts_a_missing_item_as_the_runs_lowest() -> None:
    fused = dict(convex([[("a", 1.0), ("b", 0.0)], [("c", 5.0), ("a", 1.0)]], [0.25, 0.75]))
    assert fused == {"a": pytest.approx(0.25), "b": pytest.approx(0.0), "c": pytest.approx(0.75)}


def test_convex_with_all_weight_on_one_run_keeps_its_order() -> None:
    dense = [("x", 0.8), ("y", 0.6), ("z", 0.1)]
    lexical = [("z", 9.0), ("y", 1.0), ("x", 0.5)]
    assert [item for item, _ in convex([dense, lexical], [1.0, 0.0])] == ["x", "y", "z"]


class _Vectors:
    """In-memory VectorStore: exact cosine over a few unit vectors."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        raise NotImplementedError

    def delete_documents(self, doc_ids: list[str]) -> None:
        raise NotImplementedError

    def query(self, vector: np.ndarray, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        scored = sorted(((cid, float(v @ vector)) for cid, v in self.vectors.items()), key=lambda p: -p[1])
        return scored[:n]

    def get_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        return {cid: self.vectors[cid] for cid in chunk_ids if cid in self.vectors}

    def count(self) -> int:
        return len(self.vectors)


class _Embedder:
    name = "fake"

    def embed_query(self, text: str) -> np.ndarray:
        return np.array([1.0, 0.0], dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(t.split()) for t in texts]


def _unit(angle: float) -> np.ndarray:
    return np.array([np.cos(angle), np.sin(angle)], dtype=np.float32)


def _lexical(tmp_path: Path, chunk_ids: list[str], texts: list[str]) -> LexicalIndex:
    lexical = LexicalIndex(tmp_path / "lexical")
    lexical.add(
        LexicalEntry(cid, cid.split(":")[0], text) for cid, text in zip(chunk_ids, texts, strict=True)
    )
    lexical.commit()
    lexical.close()
    return lexical


def _engine(tmp_path: Path, **settings: object) -> SearchEngine:
    vectors = _Vectors({"d1:0": _unit(0.1), "d2:0": _unit(0.5), "d3:0": _unit(1.2), "d4:0": _unit(1.5)})
    lexical = _lexical(
        tmp_path,
        ["d1:0", "d2:0", "d3:0", "d4:0"],
        ["bread baking", "sourdough bread starter", "volcano eruption", "tidal energy turbines"],
    )
    return SearchEngine(None, vectors, lexical, _Embedder(), SearchSettings(**settings))  # type: ignore[arg-type]


def test_hybrid_scores_every_candidate_with_both_retrievers(tmp_path: Path) -> None:
    engine = _engine(tmp_path, fusion="convex", dense_weight=0.5)
    ranked = dict(engine.retrieve("sourdough", "hybrid", depth=1, doc_ids=None))
    assert set(ranked) == {"d1:0", "d2:0"}
    # d1 is the dense best (1.0 after normalising) with BM25 0; d2 is the only BM25 hit (1.0)
    # and its real cosine, fetched from the store, is the lowest of the two (0.0).
    assert ranked["d1:0"] == pytest.approx(0.5)
    assert ranked["d2:0"] == pytest.approx(0.5)


def test_a_lone_hybrid_hit_scores_as_the_best(tmp_path: Path) -> None:
    vectors = _Vectors({"d1:0": _unit(0.3)})
    lexical = _lexical(tmp_path, ["d1:0"], ["sourdough bread starter"])
    settings = SearchSettings(fusion="convex", dense_weight=0.7)
    engine = SearchEngine(None, vectors, lexical, _Embedder(), settings)  # type: ignore[arg-type]
    assert engine.retrieve("sourdough", "hybrid", depth=10, doc_ids=None) == [("d1:0", pytest.approx(1.0))]
    # No query term in it: the lexical side adds nothing, the dense side its full weight.
    assert engine.retrieve("volcano", "hybrid", depth=10, doc_ids=None) == [("d1:0", pytest.approx(0.7))]


def test_hybrid_complete_runs_use_real_scores(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    dense, lexical = engine._complete(
        "bread", _Embedder().embed_query(""), [("d3:0", 0.4)], [("d2:0", 2.0), ("d1:0", 1.5)], {}
    )
    dense_scores, lexical_scores = dict(dense), dict(lexical)
    assert dense_scores["d2:0"] == pytest.approx(float(np.cos(0.5)))
    assert dense_scores["d1:0"] == pytest.approx(float(np.cos(0.1)))
    assert lexical_scores["d3:0"] == 0.0
    assert set(dense_scores) == set(lexical_scores) == {"d1:0", "d2:0", "d3:0"}


def test_rrf_setting_still_fuses_by_rank(tmp_path: Path) -> None:
    engine = _engine(tmp_path, fusion="rrf", rrf_k=60, dense_weight=0.5)
    ranked = dict(engine.retrieve("sourdough", "hybrid", depth=1, doc_ids=None))
    assert ranked == {"d1:0": pytest.approx(1 / 61), "d2:0": pytest.approx(1 / 61)}


def test_lexical_scores_match_the_ranking_scores(tmp_path: Path) -> None:
    index = _lexical(
        tmp_path, ["a:0", "b:0", "c:0"], ["sourdough bread", "bread crust and bread crumb", "volcano ash"]
    )
    ranked = dict(index.query("bread", 3))
    assert set(ranked) == {"a:0", "b:0"}
    assert index.scores("bread", ["a:0", "b:0", "c:0", "unknown:0"]) == {
        "a:0": pytest.approx(ranked["a:0"]),
        "b:0": pytest.approx(ranked["b:0"]),
        "c:0": 0.0,
    }
    assert index.scores("nothing matches", ["a:0"]) == {"a:0": 0.0}


class _Catalog:
    """The catalog reads `SearchEngine.search` makes without filters (one version of each work)."""

    def __init__(self, doc_ids: list[str]) -> None:
        self.doc_ids = doc_ids

    def ready_works(self, doc_ids: object) -> dict[str, str]:
        return {d: f"w-{d}" for d in doc_ids}  # type: ignore[attr-defined]

    def chunks_by_id(self, chunk_ids: object) -> dict[str, Chunk]:
        return {
            cid: Chunk(chunk_id=cid, doc_id=cid.split(":")[0], index=0, text=cid, start=0, end=1)
            for cid in chunk_ids  # type: ignore[attr-defined]
        }

    def paged_versions(self, work_id: str) -> set[str]:
        return set()


def _mmr_engine(tmp_path: Path, mmr: bool) -> SearchEngine:
    angles = {"d1:0": 0.1, "d2:0": 0.12, "d3:0": -0.5, "d4:0": 1.4}
    vectors = _Vectors({cid: _unit(a) for cid, a in angles.items()})
    settings = SearchSettings(mmr=mmr, mmr_lambda=0.5)
    return SearchEngine(
        _Catalog(["d1", "d2", "d3", "d4"]), vectors, LexicalIndex(tmp_path), _Embedder(), settings
    )  # type: ignore[arg-type]


def test_mmr_moves_a_near_duplicate_below_a_different_work(tmp_path: Path) -> None:
    from search_api.filters import Filters

    plain = [w.work_id for w in _mmr_engine(tmp_path, mmr=False).search("q", "dense", Filters(), 4).works]
    diverse = [w.work_id for w in _mmr_engine(tmp_path, mmr=True).search("q", "dense", Filters(), 4).works]
    assert plain == ["w-d1", "w-d2", "w-d3", "w-d4"]
    assert diverse == ["w-d1", "w-d3", "w-d2", "w-d4"]
