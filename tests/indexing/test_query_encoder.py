"""Queries of a torch store are encoded by the fp32 ONNX export, with the backend's vectors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from corpus_core.settings import EmbeddingSettings
from indexing.embedder import SentenceTransformerEmbedder
from indexing.query_encoder import QueryEncoder
from tests.conftest import CACM

CACM_QUERIES = CACM / "queries.jsonl"


def _queries() -> list[str]:
    lines = CACM_QUERIES.read_text(encoding="utf-8").splitlines()[:12]
    return [json.loads(line)["text"] for line in lines] + ["trust", "value co-creation (Vargo & Lusch)"]


@pytest.mark.slow
def test_onnx_queries_equal_the_torch_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    settings = EmbeddingSettings()
    backend = SentenceTransformerEmbedder(settings)
    encoder = QueryEncoder(backend, settings)
    assert encoder.eligible and not encoder.fast
    encoder.prepare(background=True)
    first = encoder.embed_query("learning organizations")  # answered while the export builds
    assert np.dot(first, backend.embed_query("learning organizations")) > 0.99999
    encoder.prepare()
    assert encoder.fast, encoder.failure
    assert list((tmp_path / "cache").glob("*.fp32.onnx")), "the export is cached for the next process"
    for query in _queries():
        fast, slow = encoder.embed_query(query), backend.embed_query(query)
        assert fast.shape == slow.shape == (384,)
        assert float(np.dot(fast, slow)) > 0.99999, query
    again = QueryEncoder(backend, settings)
    again.embed_query("x")
    assert again.fast, "a later process loads the cached export on its first query"


@pytest.mark.parametrize(
    "settings",
    [
        EmbeddingSettings(query_encoder="backend"),
        EmbeddingSettings(backend="onnx-int8"),
        EmbeddingSettings(device="cuda"),
    ],
    ids=["turned-off", "onnx-int8-store", "gpu"],
)
def test_other_stores_encode_queries_with_their_backend(settings: EmbeddingSettings) -> None:
    class Backend:
        name = "fake"

        def embed_query(self, text: str) -> np.ndarray:
            return np.ones(3, dtype=np.float32)

    encoder = QueryEncoder(Backend(), settings)  # type: ignore[arg-type]
    encoder.prepare()
    assert not encoder.eligible and not encoder.fast
    assert encoder.embed_query("q").tolist() == [1.0, 1.0, 1.0]
