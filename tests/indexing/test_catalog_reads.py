"""Passages read from the catalog while another connection replaces their document."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from corpus_core.models import Chunk, Document, Metadata, PageSpan
from indexing.catalog import Catalog

PARTS = 20


def _version(n: int) -> tuple[Document, list[Chunk]]:
    """Version n of one document: its length, bytes per character and so its offsets differ by n."""
    text = (f"v{n} " + "é" * (n % 7) + " learning co-creation. ") * 400
    step = len(text) // PARTS
    spans = [(i * step, (i + 1) * step) for i in range(PARTS)]
    chunks = [Chunk(f"d1:{i}", "d1", i, text[a:b], a, b) for i, (a, b) in enumerate(spans)]
    doc = Document("d1", "a.txt", f"h{n}", "txt", text, [PageSpan(1, 0, len(text))], Metadata(title="A"))
    return doc, chunks


def _store(catalog: Catalog, n: int) -> None:
    doc, chunks = _version(n)
    catalog.begin_document(doc, chunks, "d1", [])
    catalog.finish_document("d1")


def test_a_read_sees_one_version_of_a_document_being_replaced(tmp_path: Path) -> None:
    writer = Catalog(tmp_path / "catalog.sqlite")
    _store(writer, 0)
    reader = Catalog(tmp_path / "catalog.sqlite")
    stop = time.monotonic() + 1.5
    versions_written = [0]

    def replace() -> None:
        while time.monotonic() < stop:
            versions_written[0] += 1
            _store(writer, versions_written[0])

    thread = threading.Thread(target=replace)
    thread.start()
    reads, seen = 0, set()
    try:
        while time.monotonic() < stop:
            found = reader.chunks_by_id(f"d1:{i}" for i in range(PARTS))
            texts = [found[f"d1:{i}"].text for i in range(PARTS)]
            n = int(texts[0].split(" ", 1)[0][1:])
            assert texts == [c.text for c in _version(n)[1]], f"read {reads} mixes versions"
            reads, seen = reads + 1, seen | {n}
    finally:
        thread.join()
    assert reads >= 20 and len(seen) >= 3, f"{reads} reads saw {len(seen)} of {versions_written[0]} versions"
    writer.close()
    reader.close()
