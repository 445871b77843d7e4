"""The "torch" backend's passage vectors on a CPU, from the fastest engine that computes them exactly.

Ingestion spends most of its time encoding chunk texts. On a CPU, onnxruntime running the
model's fp32 ONNX export (`indexing.onnx_embedder`) gives sentence-transformers' vectors to
within float rounding (largest component difference 2e-7 on 256 chunk texts; the export is
checked against sentence-transformers when it is built) at about 1.4x the rate on 2 cores,
and a process that finds the export cached imports neither torch nor sentence-transformers
(about 7 s of CPU). So the store's vectors, its search results and the backend it records
("torch") stay what they were; only the engine differs.

The export is built on the first use on a machine (about 8 s) and cached. Where it cannot be
built or does not reproduce sentence-transformers (onnxruntime missing, a model with a part
the export leaves out), passages are encoded by sentence-transformers itself, with a warning
saying why. `embedding.passage_encoder = "backend"` always uses sentence-transformers; a GPU
device does too (`indexing.embedder.make_embedder`).
"""

from __future__ import annotations

import logging
import threading

import numpy as np

from corpus_core.errors import EmbeddingError
from corpus_core.settings import EmbeddingSettings
from indexing.embedder import Embedder, SentenceTransformerEmbedder
from indexing.onnx_embedder import OnnxEmbedder

log = logging.getLogger(__name__)


class ExactPassageEncoder:
    """An `Embedder` for "torch" stores on a CPU: the fp32 ONNX export, else sentence-transformers."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        self.settings = settings
        self.sentence_transformers = SentenceTransformerEmbedder(settings)
        self.onnx = OnnxEmbedder(settings, precision="fp32")
        self._engine: Embedder | None = None
        self._choosing = threading.Lock()
        self.failure: str | None = None
        """Why the fp32 export is not used (passages then come from sentence-transformers)."""

    @property
    def name(self) -> str:
        """The configured model setting ("bundled" or a name/path), as the store records it."""
        return self.settings.model

    @property
    def engine(self) -> str:
        """What encodes: "onnxruntime" or "sentence-transformers" (chosen at the first use)."""
        return "onnxruntime" if self._chosen() is self.onnx else "sentence-transformers"

    def _chosen(self) -> Embedder:
        with self._choosing:
            if self._engine is None:
                try:
                    self.onnx.warm_up()
                    self._engine = self.onnx
                except EmbeddingError as exc:
                    self.failure = str(exc)
                    log.warning("passages are encoded by sentence-transformers: %s", exc)
                    self._engine = self.sentence_transformers
            return self._engine

    def warm_up(self) -> object:
        """Find or build the export and load it (or load sentence-transformers where it fails)."""
        return self._chosen().warm_up()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Normalised passage vectors from the chosen engine."""
        return self._chosen().embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        """Normalised query vector from the chosen engine."""
        return self._chosen().embed_query(text)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Model tokens per text, counted as the "torch" backend counts them (no model loaded)."""
        return self.sentence_transformers.count_tokens(texts)
