"""Where a store keeps its parts: the one place that names the files inside a store directory.

    store/
      catalog.sqlite     files, documents, chunks, works, citations, runs (SQLite, WAL)
      chroma/            on-disk Chroma (absent when `chroma.host` points at a server)
      lexical-tantivy/   the BM25 index (tantivy segments; written incrementally)
      .write.lock        held by the one ingestion run writing the store
      work-vectors.npz   each document's mean chunk vector (search_api.work_vectors; a cache)
      watches.json       saved searches (search_api.watches), .watches.lock guards it
      digests/           what each run found new for them: <timestamp>.md and .json

A store written by release 0.1 also has `lexical/` (a bm25s index); it is replaced by
`lexical-tantivy/` on the first run of this release and then ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoreLayout:
    """Paths of a store's parts, from its root directory."""

    root: Path

    @property
    def catalog(self) -> Path:
        """The SQLite catalog."""
        return self.root / "catalog.sqlite"

    @property
    def chroma(self) -> Path:
        """The on-disk Chroma directory (used when no Chroma server is configured)."""
        return self.root / "chroma"

    @property
    def lexical(self) -> Path:
        """The tantivy BM25 index."""
        return self.root / "lexical-tantivy"

    @property
    def legacy_lexical(self) -> Path:
        """The bm25s index of release 0.1 stores (no longer read)."""
        return self.root / "lexical"

    @property
    def lock(self) -> Path:
        """The writers' lock file."""
        return self.root / ".write.lock"

    @property
    def work_vectors(self) -> Path:
        """Mean chunk vector of each document, for `related` (rebuilt from Chroma when stale)."""
        return self.root / "work-vectors.npz"

    @property
    def watches(self) -> Path:
        """Saved searches re-run after every ingestion run."""
        return self.root / "watches.json"

    @property
    def watches_lock(self) -> Path:
        """Held while `watches.json` is read and rewritten."""
        return self.root / ".watches.lock"

    @property
    def digests(self) -> Path:
        """One Markdown and one JSON file per run with watches: the works new to each."""
        return self.root / "digests"

    def exists(self) -> bool:
        """Whether a corpus has been written here (the catalog exists)."""
        return self.catalog.exists()
