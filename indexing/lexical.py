"""BM25 index (bm25s, Snowball stemming, English stop words) kept beside Chroma in the store.

It is rebuilt from the catalog's chunks at the end of every ingestion run that changed
something, so adds, replacements and prunes reach it the same way they reach Chroma.
The parameters are Lucene's and Elasticsearch's defaults (k1=1.2, b=0.75), the BM25 that
the BEIR benchmark reports; they are saved with the index, so a rebuilt index uses them.
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
K1 = 1.2
"""Term-frequency saturation (Lucene/Elasticsearch default)."""
B = 0.75
"""Document-length normalisation (Lucene/Elasticsearch default)."""


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
        self._positions: dict[str, int] = {}

    def build(self, chunk_ids: list[str], texts: list[str]) -> None:
        """Index these chunks (replacing any earlier index) and save it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        retriever = bm25s.BM25(k1=K1, b=B)
        if texts:
            retriever.index(tokenize(texts), show_progress=False)
            retriever.save(str(self.directory))
        (self.directory / _IDS_FILE).write_text(json.dumps(chunk_ids))
        self._set(retriever if texts else None, chunk_ids)

    def _set(self, retriever: bm25s.BM25 | None, ids: list[str]) -> None:
        self._retriever = retriever
        self._ids = ids
        self._positions = {cid: i for i, cid in enumerate(ids)}

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
        tokens = self._tokens(text)
        if not tokens or self._retriever is None:
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

    def _tokens(self, text: str) -> list[str]:
        """The query's tokens that occur in the index ([] when there is no index)."""
        if self._retriever is None and not self.load():
            return []
        if self._retriever is None or not self._ids:
            return []
        return [t for t in tokenize([text])[0] if t in self._retriever.vocab_dict]

    def scores(self, text: str, chunk_ids: list[str]) -> dict[str, float]:
        """BM25 score of `text` for each of these chunks (0.0 when no query term occurs in it).

        Hybrid search uses it to give chunks that only the dense retriever found their real
        lexical score instead of a guess. Unknown chunk ids are left out.
        """
        tokens = self._tokens(text)
        known = [cid for cid in chunk_ids if cid in self._positions]
        if not tokens or self._retriever is None:
            return dict.fromkeys(known, 0.0)
        all_scores = self._retriever.get_scores(tokens)
        return {cid: float(all_scores[self._positions[cid]]) for cid in known}
