"""The "torch" backend's passages on a CPU come from its fp32 ONNX export, with the same vectors."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from corpus_core.settings import EmbeddingSettings
from indexing.embedder import SentenceTransformerEmbedder, make_embedder
from indexing.onnx_embedder import OnnxEmbedder
from indexing.passage_encoder import ExactPassageEncoder
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def _passages() -> list[str]:
    """Chunk-sized pieces of the seeds, an accented and a CJK line, and one past the model's length."""
    words = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))).split()
    pieces = [" ".join(words[i : i + 150]) for i in range(0, min(len(words), 150 * 24), 150)]
    return [*pieces, "Zürich, São Paulo, Kraków: naïve café", "学习型组织与价值共创", " ".join(words[:900])]


@pytest.mark.parametrize(
    ("settings", "kind"),
    [
        (EmbeddingSettings(), ExactPassageEncoder),
        (EmbeddingSettings(passage_encoder="backend"), SentenceTransformerEmbedder),
        (EmbeddingSettings(device="cuda"), SentenceTransformerEmbedder),
        (EmbeddingSettings(backend="onnx-int8"), OnnxEmbedder),
    ],
    ids=["torch-on-cpu", "turned-off", "gpu", "onnx-int8"],
)
def test_which_engine_encodes_passages(settings: EmbeddingSettings, kind: type) -> None:
    assert type(make_embedder(settings)) is kind


@pytest.mark.slow
def test_passages_from_the_export_equal_sentence_transformers() -> None:
    settings = EmbeddingSettings()
    exact, reference = ExactPassageEncoder(settings), SentenceTransformerEmbedder(settings)
    texts = _passages()
    ours, theirs = exact.embed_passages(texts), reference.embed_passages(texts)
    assert exact.engine == "onnxruntime", exact.failure
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert float(np.abs(ours - theirs).max()) < 1e-5
    assert exact.count_tokens(texts) == reference.count_tokens(texts)
    assert max(exact.count_tokens(texts)) > 256, "one text is truncated by both engines"
    assert float(np.dot(exact.embed_query("team learning"), reference.embed_query("team learning"))) > 0.99999


@pytest.mark.slow
def test_a_process_with_the_export_cached_never_imports_torch() -> None:
    ExactPassageEncoder(EmbeddingSettings()).warm_up()  # the export is in the cache from here on
    script = (
        "import json, sys\n"
        "from corpus_core.settings import EmbeddingSettings\n"
        "from indexing.embedder import make_embedder\n"
        "encoder = make_embedder(EmbeddingSettings())\n"
        "encoder.embed_passages(['organizational learning'])\n"
        "heavy = ['torch', 'transformers', 'sentence_transformers']\n"
        "print(json.dumps([encoder.engine, [m for m in heavy if m in sys.modules]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout.splitlines()[-1]) == ["onnxruntime", []]


@pytest.mark.slow
def test_a_model_the_export_does_not_reproduce_is_encoded_by_sentence_transformers(
    dense_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import indexing.onnx_embedder as module

    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path))
    settings = EmbeddingSettings(model=str(dense_model))
    exact = ExactPassageEncoder(settings)
    with caplog.at_level(logging.WARNING, logger="indexing.passage_encoder"):
        vectors = exact.embed_passages(["organizational learning", "value co-creation"])
    assert exact.engine == "sentence-transformers"
    assert exact.failure is not None and "does not reproduce sentence-transformers' vectors" in exact.failure
    assert str(dense_model) in caplog.text
    expected = SentenceTransformerEmbedder(settings).embed_passages(
        ["organizational learning", "value co-creation"]
    )
    np.testing.assert_allclose(vectors, expected, atol=1e-6)
    assert not list(tmp_path.glob("*.onnx")), "a refused export is not cached"
    assert len(list(tmp_path.glob("*.fp32.rejected"))) == 1

    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("exported again although the refusal is remembered")

    monkeypatch.setattr(module, "_export_onnx", no_export)
    again = ExactPassageEncoder(settings)
    assert again.engine == "sentence-transformers"
    assert again.failure == exact.failure


def test_without_onnxruntime_passages_come_from_sentence_transformers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path))
    exact = ExactPassageEncoder(EmbeddingSettings())
    monkeypatch.setattr(exact.sentence_transformers, "warm_up", lambda: "loaded")
    assert exact.warm_up() == "loaded"
    assert exact.engine == "sentence-transformers"
    assert exact.failure is not None and "onnxruntime is not installed" in exact.failure
