"""Fixtures shared by the indexing tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus_core.settings import Settings, load_settings
from indexing import changes
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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a store under `tmp_path`, its files prepared in this process (no worker pool)."""
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    return settings


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Names of the files whose bytes change detection reads, in order."""
    seen: list[str] = []
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.suffix == ".txt":
            seen.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    yield seen


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """No racy window: a file written a moment ago may be vouched for by its stat."""
    monkeypatch.setattr(changes, "RACY_NS", 0)
