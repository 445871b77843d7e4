"""Where a store keeps its parts: the one place that names the files inside a store directory.

    store/
      catalog.sqlite     files, documents, chunks, works, citations, runs (SQLite, WAL)
      chroma/            on-disk Chroma (absent when `chroma.host` points at a server)
      lexical-tantivy/   the BM25 index (tantivy segments; written incrementally)
      .write.lock        held by the one ingestion run writing the store

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

    def exists(self) -> bool:
        """Whether a corpus has been written here (the catalog exists)."""
        return self.catalog.exists()
