"""Files parsed in a worker process reach the store in full batches, each chunk with its own vector.

While the next file is still being parsed the run loop encodes what it has, but writes only
full batches: writing on every wait stored one small file per Chroma upsert, catalog
transaction and lexical commit (CACM as 3,204 files: 764 upserts of 1-6 chunks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings
from indexing.catalog import Catalog
from indexing.prepare import passage_text
from indexing.run import ingest
from indexing.vector_store import ChromaStore
from tests.indexing.reports import statuses

SENTENCE = "Teams that learn with customers change how service firms create value together. "


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """Thirty short papers of one to five chunks each, every one different."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for number in range(30):
        body = "".join(f"Study {number} finding {line}: " + SENTENCE for line in range(12 * (1 + number % 5)))
        (folder / f"paper-{number:02d}.txt").write_text(f"Title: Paper number {number}\n\n{body}")
    return folder


def test_a_run_parsed_in_a_worker_writes_full_batches(
    settings: Settings, papers: Path, fake_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.runner.prepare_workers = 1
    settings.runner.batch_chunks = batch = 32
    upserts: list[int] = []
    upsert = ChromaStore.upsert

    def counted(self: ChromaStore, chunks: list[Any], vectors: np.ndarray) -> None:
        upserts.append(len(chunks))
        upsert(self, chunks, vectors)

    monkeypatch.setattr(ChromaStore, "upsert", counted)
    report = ingest(settings, [papers], embedder=fake_embedder)
    assert set(statuses(report).values()) == {"ingested"}
    assert sum(upserts) == report.chunks > 3 * batch
    assert all(size >= batch for size in upserts[:-1]), upserts

    catalog = Catalog(StoreLayout(settings.store).catalog)
    try:
        titles = {d: m.title for d, m in catalog.document_metadata(catalog.document_ids()).items()}
        chunks = catalog.chunks()
    finally:
        catalog.close()
    stored = ChromaStore(settings.chroma, settings.store).get_vectors([c.chunk_id for c in chunks])
    assert len(stored) == len(chunks) == report.chunks
    for chunk in chunks:
        expected = fake_embedder._vector(passage_text(titles[chunk.doc_id], chunk.text))
        assert np.allclose(stored[chunk.chunk_id], expected, atol=1e-6), chunk.chunk_id
