"""Passages are encoded in batches sized for the device, and the batch size does not change the vectors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from corpus_core.settings import EmbeddingSettings, load_settings
from indexing.embedder import SentenceTransformerEmbedder


def test_the_default_batch_size_follows_the_device() -> None:
    settings = load_settings().embedding
    assert settings.batch_size == 0
    assert settings.batch_for("cpu") == 16
    assert settings.batch_for("cuda") == 128
    assert EmbeddingSettings(batch_size=48).batch_for("cpu") == 48


def test_passages_on_a_cpu_go_through_the_model_sixteen_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = SentenceTransformerEmbedder(EmbeddingSettings())
    model = embedder.warm_up()
    sizes: list[int] = []
    encode = model.encode

    def spy(*args: Any, **kwargs: Any) -> Any:
        sizes.append(kwargs["batch_size"])
        return encode(*args, **kwargs)

    monkeypatch.setattr(model, "encode", spy)
    texts = [f"Passage {i}: how teams learn from {'failure ' * (i % 7)}and share it." for i in range(40)]
    vectors = embedder.embed_passages(texts)
    assert sizes == [16]
    reference = np.asarray(encode(texts, batch_size=64, normalize_embeddings=True))
    assert vectors.shape == reference.shape == (40, 384)
    assert float(np.abs(vectors - reference).max()) < 1e-5
