"""Query vectors for search: the fastest encoder whose vectors equal the store's own.

A search encodes one short query, and at library size that was the largest single cost of a
search (28 ms of about 80 at 100k chunks on 2 cores). For a store written by the "torch"
backend on CPU, the fp32 ONNX export of the same model gives the same vector (cosine
1.000000) in about 12 ms (`indexing.onnx_embedder`). Building that export takes a while the
first time on a machine (it is then cached per model and toolchain), so:

* `prepare(background=True)` (the HTTP service, at start) builds it off the request path;
  queries use the backend's own encoder until it is ready, with identical results;
* `prepare()` (`Corpus.warm_up`, the benchmarks) builds it now;
* otherwise (a one-shot `corpus search`) the export is used when it is already cached;
  else the backend encodes the query (the "torch" backend on a CPU builds the same export
  for its own use, `indexing.passage_encoder`, so the next process finds it).

`embedding.query_encoder = "backend"` turns this off; the "onnx-int8" backend and GPU devices
always encode queries with the backend itself (their passage vectors came from it).

The last `embedding.cached_queries` queries' vectors are kept (512; 1.5 KB each): the page's
"More results" and a filter, style or mode changed on the same query ask for it again, and
its encoding is about a third of a warm search (6.6 of 21 ms at 10k chunks on 2 cores).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

import numpy as np

from corpus_core.errors import EmbeddingError
from corpus_core.settings import EmbeddingSettings
from indexing.embedder import Embedder, shared_embedder
from indexing.onnx_embedder import OnnxEmbedder

log = logging.getLogger(__name__)


class QueryEncoder:
    """An `Embedder` whose queries go to the fp32 ONNX export once it is ready (see module doc)."""

    def __init__(self, backend: Embedder, settings: EmbeddingSettings) -> None:
        self.backend = backend
        self.settings = settings
        self.eligible = (
            settings.query_encoder == "auto" and settings.backend == "torch" and settings.device == "cpu"
        )
        self._fast: OnnxEmbedder | None = None
        self._checked_cache = False
        self._building: threading.Thread | None = None
        self._lock = threading.Lock()
        self.failure: str | None = None
        """Why the ONNX query encoder could not be built (queries then stay on the backend)."""
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vectors_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The backend's model name (what the store records)."""
        return self.backend.name

    @property
    def fast(self) -> bool:
        """Whether queries are encoded by the ONNX export now."""
        return self._fast is not None

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Passages always come from the backend."""
        return self.backend.embed_passages(texts)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Token counts from the backend."""
        return self.backend.count_tokens(texts)

    def warm_up(self) -> object:
        """Ready the query path now: the ONNX export (built if needed), else the backend's model."""
        self.prepare()
        return self._fast.warm_up() if self._fast is not None else self.backend.warm_up()

    def prepare(self, background: bool = False) -> None:
        """Build (or load) the ONNX query encoder, now or on a daemon thread."""
        if not self.eligible or self._fast is not None or self.failure is not None:
            return
        with self._lock:
            if self._building is not None and self._building.is_alive():
                thread = self._building
            else:
                thread = threading.Thread(target=self._build, name="onnx-query-export", daemon=True)
                self._building = thread
                thread.start()
        if not background:
            thread.join()

    def _build(self) -> None:
        encoder = OnnxEmbedder(self.settings, precision="fp32", threads=self.settings.query_threads)
        try:
            encoder.warm_up()
            encoder.embed_query("warm up")
        except EmbeddingError as exc:
            self.failure = str(exc)
            log.warning("queries stay on the %s backend: %s", self.settings.backend, exc)
            return
        self._fast = encoder

    def _use_cached_export(self) -> None:
        """Once per process: load the export if some earlier run left it in the cache."""
        with self._lock:
            if self._checked_cache:
                return
            self._checked_cache = True
        try:
            cached = OnnxEmbedder(self.settings, precision="fp32").is_cached()
        except EmbeddingError:
            cached = False
        if cached:
            self.prepare()

    def embed_query(self, text: str) -> np.ndarray:
        """The query's normalised vector (read-only), from the ONNX export when ready, else the backend.

        A query asked lately is answered from the cache (see the module doc); the export and
        the backend give the same vector, so it does not matter which one encoded it.
        """
        with self._vectors_lock:
            cached = self._vectors.get(text)
            if cached is not None:
                self._vectors.move_to_end(text)
                return cached
        if self._fast is None and self.eligible:
            self._use_cached_export()
        fast = self._fast
        vector = fast.embed_query(text) if fast is not None else self.backend.embed_query(text)
        vector.setflags(write=False)
        with self._vectors_lock:
            self._vectors[text] = vector
            while len(self._vectors) > self.settings.cached_queries:
                self._vectors.popitem(last=False)  # the least recently asked
        return vector


_SHARED: dict[str, QueryEncoder] = {}
_SHARED_LOCK = threading.Lock()


def shared_query_encoder(settings: EmbeddingSettings) -> QueryEncoder:
    """One query encoder per process and configuration, over the shared backend embedder."""
    key = settings.model_dump_json()
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = QueryEncoder(shared_embedder(settings), settings)
        return _SHARED[key]
