"""On a GPU the tokenizer's thread pool is on (the model waits for it); on a CPU it stays off."""

from __future__ import annotations

import contextlib

import pytest

from corpus_core.errors import EmbeddingError
from corpus_core.settings import EmbeddingSettings
from indexing import embedder
from indexing.embedder import SentenceTransformerEmbedder, tokenize_in_parallel


@pytest.fixture
def pool_off(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The variable as the embedder module sets it on import, not given by the user."""
    monkeypatch.setattr(embedder, "_PARALLELISM_GIVEN", False)
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "false")
    return monkeypatch


def test_a_gpu_turns_the_pool_on_and_a_cpu_leaves_it_off(pool_off: pytest.MonkeyPatch) -> None:
    assert tokenize_in_parallel("cpu") is False
    assert embedder.os.environ["TOKENIZERS_PARALLELISM"] == "false"
    assert tokenize_in_parallel("cuda:0") is True
    assert embedder.os.environ["TOKENIZERS_PARALLELISM"] == "true"


def test_the_users_own_setting_is_kept(pool_off: pytest.MonkeyPatch) -> None:
    pool_off.setattr(embedder, "_PARALLELISM_GIVEN", True)
    assert tokenize_in_parallel("cuda") is False
    assert embedder.os.environ["TOKENIZERS_PARALLELISM"] == "false"


def test_loading_the_model_for_a_cpu_keeps_the_pool_off(pool_off: pytest.MonkeyPatch) -> None:
    SentenceTransformerEmbedder(EmbeddingSettings(device="cpu")).warm_up()
    assert embedder.os.environ["TOKENIZERS_PARALLELISM"] == "false"


def test_loading_the_model_for_a_gpu_turns_the_pool_on_first(pool_off: pytest.MonkeyPatch) -> None:
    model = SentenceTransformerEmbedder(EmbeddingSettings(device="cuda"))
    with contextlib.suppress(EmbeddingError):  # no GPU here: loading fails after the pool is set
        model.warm_up()
    assert embedder.os.environ["TOKENIZERS_PARALLELISM"] == "true"
