"""Fixtures shared by the encoder tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexing.embedder import resolve_model


@pytest.fixture(scope="session")
def dense_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled model with a Dense layer after pooling: a part the ONNX export does not cover."""
    import torch
    from sentence_transformers import SentenceTransformer, models

    torch.manual_seed(0)
    transformer = models.Transformer(resolve_model("bundled"))
    pooling = models.Pooling(384, pooling_mode="mean")
    dense = models.Dense(384, 384)
    path = tmp_path_factory.mktemp("dense-model")
    SentenceTransformer(modules=[transformer, pooling, dense]).save(str(path))
    return path
