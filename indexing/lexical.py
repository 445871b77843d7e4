"""BM25 index (bm25s, Snowball stemming, English stop words) kept beside Chroma in the store.

It is rebuilt from the catalog's chunks at the end of every ingestion run that changed
something, so adds, replacements and prunes reach it the same way they reach Chroma.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

log = logging.getLogger(__name__)

_IDS_FILE = "chunk_ids.json"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-word-free, stemmed tokens per text."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False)


class LexicalIndex:
    """A bm25s retriever over chunk texts, saved under `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._retriever: bm25s.BM25 | None = None
        self._ids: list[str] = []

    def build(self, chunk_ids: list[str], texts: list[str]) -> None:
        """Index these chunks (replacing any earlier index) and save it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        retriever = bm25s.BM25()
        if texts:
            retriever.index(tokenize(texts), show_progress=False)
            retriever.save(str(self.directory))
        (self.directory / _IDS_FILE).write_text(json.dumps(chunk_ids))
        self._set(retriever if texts else None, chunk_ids)

    def _set(self, retriever: bm25s.BM25 | None, ids: list[str]) -> None:
        self._retriever = retriever
        self._ids = ids

    def load(self) -> bool:
        """Load the saved index; False when the store has none yet."""
        ids_file = self.directory / _IDS_FILE
        if not ids_file.exists():
            return False
        ids = json.loads(ids_file.read_text())
        retriever = bm25s.BM25.load(str(self.directory)) if ids else None
        self._set(retriever, ids)
        return True

    def __len__(self) -> int:
        return len(self._ids)

    def query(self, text: str, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Best `n` (chunk_id, BM25 score) with a positive score, optionally only from `doc_ids`."""
        if self._retriever is None and not self.load():
            return []
        if self._retriever is None or not self._ids:
            return []
        tokens = [t for t in tokenize([text])[0] if t in self._retriever.vocab_dict]
        if not tokens:
            return []
        mask = None
        if doc_ids is not None:
            mask = np.fromiter((cid.split(":", 1)[0] in doc_ids for cid in self._ids), dtype=np.float32)
            if not mask.any():
                return []
        k = min(n, len(self._ids))
        docs, scores = self._retriever.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [(self._ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
