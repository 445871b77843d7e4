"""A query asked again is not encoded again: the page's next page, another filter, another style.

The query encoder keeps the vectors of the last queries (`indexing.query_encoder`); these tests
count the encodings behind the service's real encoder and check that a cached vector gives the
same answers and cannot be changed by a caller.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from fastapi.testclient import TestClient

from corpus_core.settings import EmbeddingSettings, Settings
from indexing.embedder import shared_embedder
from indexing.onnx_embedder import OnnxEmbedder
from indexing.query_encoder import QueryEncoder, shared_query_encoder
from search_api import Corpus
from search_api.server import create_app


class CountingBackend:
    """A stand-in backend that counts the queries it encodes."""

    name = "counting"

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def embed_query(self, text: str) -> np.ndarray:
        self.encoded.append(text)
        vector = np.zeros(8, dtype=np.float32)
        vector[len(text) % 8] = 1.0
        return vector


def test_the_least_recently_asked_query_is_dropped_first() -> None:
    backend = CountingBackend()
    settings = EmbeddingSettings(query_encoder="backend", cached_queries=3)
    encoder = QueryEncoder(backend, settings)  # type: ignore[arg-type]
    first = encoder.embed_query("a")
    for query in ("bb", "a", "ccc", "dddd"):  # "a" asked again, so "bb" is the oldest when "dddd" comes
        encoder.embed_query(query)
    assert backend.encoded == ["a", "bb", "ccc", "dddd"]
    assert encoder.embed_query("a") is first
    encoder.embed_query("bb")
    assert backend.encoded == ["a", "bb", "ccc", "dddd", "bb"]
    with pytest.raises(ValueError, match="read-only"):
        first[0] = 5.0  # a caller cannot change what the next caller gets


def test_no_query_is_kept_when_the_cache_is_off() -> None:
    backend = CountingBackend()
    encoder = QueryEncoder(backend, EmbeddingSettings(query_encoder="backend", cached_queries=0))  # type: ignore[arg-type]
    for _ in range(3):
        encoder.embed_query("a")
    assert backend.encoded == ["a", "a", "a"]


def test_timing_without_the_cache_shares_the_loaded_model() -> None:
    """`corpus eval` times with no query kept; the model its ingestion loaded serves it too."""
    kept, timed = EmbeddingSettings(), EmbeddingSettings(cached_queries=0)
    assert shared_embedder(kept) is shared_embedder(timed)
    assert shared_query_encoder(kept) is not shared_query_encoder(timed)
    assert shared_query_encoder(timed).backend is shared_embedder(kept)


@pytest.fixture
def encoder(seed_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> Iterator[QueryEncoder]:
    """The seed corpus's real query encoder, its cache emptied, `encoded` listing the texts encoded."""
    encoder = seed_corpus.engine.embedder
    assert isinstance(encoder, QueryEncoder)
    encoded: list[str] = []
    for kind in {type(encoder.backend), OnnxEmbedder}:  # the export may be loaded on the first query
        original = kind.embed_query

        def counting(self: object, text: str, original=original) -> np.ndarray:  # type: ignore[no-untyped-def]
            encoded.append(text)
            return original(self, text)

        monkeypatch.setattr(kind, "embed_query", counting)
    monkeypatch.setattr(encoder, "_vectors", type(encoder._vectors)())
    monkeypatch.setattr(encoder, "encoded", encoded, raising=False)
    yield encoder


def test_the_pages_of_one_query_encode_it_once(
    seed_settings: Settings, seed_corpus: Corpus, encoder: QueryEncoder
) -> None:
    query = "how do organizations learn from their customers"
    encoded: list[str] = encoder.encoded  # type: ignore[attr-defined]
    first = seed_corpus.search(query, k=10)
    assert encoded.count(query) == 1
    with TestClient(create_app(seed_settings, seed_corpus)) as client:
        pages = [
            client.get("/search", params={"q": query, "k": 2, "offset": offset}).json() for offset in (0, 2)
        ]
        harvard = client.get("/search", params={"q": query, "k": 2, "style": "harvard"}).json()
        dense = client.get("/search", params={"q": query, "k": 2, "mode": "dense"}).json()
    assert encoded.count(query) == 1, "the next page, another style and another mode reuse the vector"
    works = [[(r["work_id"], r["score"]) for r in page["results"]] for page in (*pages, harvard)]
    assert works[0] == works[2] and works[1] and not set(works[0]) & set(works[1])
    assert dense["results"]
    encoder._vectors.clear()
    again = seed_corpus.search(query, k=10)
    assert encoded.count(query) == 2
    shown = [[(r.work_id, r.score, r.citation) for r in results] for results in (first, again)]
    assert shown[0] == shown[1], "a cached vector finds what a new one does"
