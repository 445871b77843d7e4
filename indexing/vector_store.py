"""Chunk vectors in ChromaDB: on-disk PersistentClient by default, HttpClient for a server.

Embeddings are always passed in (no Chroma embedding function: its default downloads a
model). Writes are split under the client's maximum batch size.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from corpus_core.errors import StoreAccessError
from corpus_core.models import Chunk
from corpus_core.settings import ChromaSettings

log = logging.getLogger(__name__)


class VectorStore(Protocol):
    """What ingestion and search need from a vector database."""

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        """Insert or replace chunk vectors by chunk id."""
        ...

    def delete_documents(self, doc_ids: list[str]) -> None:
        """Remove every vector of these documents."""
        ...

    def query(self, vector: np.ndarray, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Best `n` (chunk_id, cosine similarity), optionally only from these documents."""
        ...

    def get_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these chunks (unknown ids are left out)."""
        ...

    def count(self) -> int:
        """Number of stored vectors."""
        ...


class ChromaStore:
    """VectorStore over one Chroma collection with cosine distance."""

    def __init__(self, settings: ChromaSettings, store: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        self.settings = settings
        self.store = store
        client_settings = ChromaClientSettings(anonymized_telemetry=False)
        try:
            if settings.host:
                self.client = chromadb.HttpClient(
                    host=settings.host, port=settings.port, ssl=settings.ssl, settings=client_settings
                )
                self.location = f"{'https' if settings.ssl else 'http'}://{settings.host}:{settings.port}"
            else:
                path = store / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=client_settings)
                self.location = str(path)
            self.collection = self.client.get_or_create_collection(
                settings.collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
            self._max_batch = int(self.client.get_max_batch_size())
            self._preload: threading.Thread | None = None
        except Exception as exc:
            if settings.host:
                url = f"{'https' if settings.ssl else 'http'}://{settings.host}:{settings.port}"
                reason = " ".join(str(exc).split())
                reason = reason if len(reason) <= 200 else reason[:197] + "..."
                raise StoreAccessError(
                    f"cannot reach the Chroma server at {url} ({reason}): is `chroma run` running "
                    f"(chroma.host / chroma.port)?"
                ) from exc
            raise StoreAccessError(f"cannot open Chroma at {store / 'chroma'}: {exc}") from exc

    def preload(self) -> None:
        """Start loading the collection's vector index now, on a thread, for an ingestion run.

        A local Chroma loads a collection's HNSW index at its first operation in a process:
        about 0.45 s at 100k chunks (2 cores), in proportion to the store. A run that adds one
        document would pay that at its first write; started when the run opens the store, the
        load overlaps with parsing and encoding instead. Every other call waits for it to end,
        so Chroma is never used from two threads at once. A server keeps its index loaded.
        """
        if self.settings.host or self._preload is not None:
            return
        self._preload = threading.Thread(target=self._load_index, name="chroma-preload", daemon=True)
        self._preload.start()

    def _load_index(self) -> None:
        """Read one stored vector: that loads the index (nothing to load in an empty collection)."""
        try:
            self.collection.get(limit=1, include=["embeddings"])
        except Exception as exc:  # the run's own first call reports a broken store
            log.debug("%s: loading the vector index ahead failed: %s", self.location, exc)

    def settle(self) -> None:
        """Wait for a `preload` still under way."""
        if self._preload is not None:
            self._preload.join()

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        """Write vectors in batches no larger than Chroma accepts."""
        self.settle()
        for i in range(0, len(chunks), self._max_batch):
            part = chunks[i : i + self._max_batch]
            try:
                self.collection.upsert(
                    ids=[c.chunk_id for c in part],
                    embeddings=vectors[i : i + len(part)],
                    metadatas=[{"doc_id": c.doc_id, "index": c.index} for c in part],
                )
            except Exception as exc:
                raise StoreAccessError(f"Chroma upsert failed at {self.location}: {exc}") from exc

    def delete_documents(self, doc_ids: list[str]) -> None:
        """Delete by document id, a few hundred ids per call."""
        self.settle()
        for i in range(0, len(doc_ids), 500):
            try:
                where: Any = {"doc_id": {"$in": doc_ids[i : i + 500]}}
                self.collection.delete(where=where)
            except Exception as exc:
                raise StoreAccessError(f"Chroma delete failed at {self.location}: {exc}") from exc

    def query(self, vector: np.ndarray, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Nearest chunks by cosine similarity (1 - distance)."""
        if doc_ids is not None and not doc_ids:
            return []
        self.settle()
        where: Any = {"doc_id": {"$in": sorted(doc_ids)}} if doc_ids is not None else None
        try:
            result = self.collection.query(
                query_embeddings=[vector], n_results=n, where=where, include=["distances"]
            )
        except Exception as exc:
            if self.count() == 0:
                return []
            raise StoreAccessError(f"Chroma query failed at {self.location}: {exc}") from exc
        ids = result["ids"][0]
        distances = (result.get("distances") or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]

    def get_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors by chunk id, fetched in batches Chroma accepts; unknown ids are left out."""
        found: dict[str, np.ndarray] = {}
        self.settle()
        for i in range(0, len(chunk_ids), self._max_batch):
            try:
                result = self.collection.get(ids=chunk_ids[i : i + self._max_batch], include=["embeddings"])
            except Exception as exc:
                raise StoreAccessError(f"Chroma get failed at {self.location}: {exc}") from exc
            embeddings = result.get("embeddings")
            if embeddings is None:
                continue
            for cid, vector in zip(result["ids"], embeddings, strict=True):
                found[cid] = np.asarray(vector, dtype=np.float32)
        return found

    def count(self) -> int:
        """Number of stored vectors."""
        self.settle()
        return int(self.collection.count())

    def reopen(self) -> ChromaStore:
        """A fresh client on the same store, seeing what other processes wrote since this one opened.

        Chroma keeps one in-process system per on-disk path, with its HNSW index loaded at
        open; it does not notice another process's writes. Dropping that cached system makes
        the next client load the store as it is now. (A Chroma server needs none of this.)
        """
        self.settle()
        if not self.settings.host:
            from chromadb.api.shared_system_client import SharedSystemClient

            identifier = getattr(self.client, "_identifier", None)
            system = SharedSystemClient._identifier_to_system.pop(identifier, None) if identifier else None
            if system is not None:
                try:
                    system.stop()
                except Exception as exc:  # stopping a stale reader must not fail the reload
                    log.warning("%s: closing the old Chroma client failed: %s", self.location, exc)
        return ChromaStore(self.settings, self.store)
