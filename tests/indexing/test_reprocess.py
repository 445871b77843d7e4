"""Processing files again (`--reprocess`) and reusing stored vectors of passages that did not change.

A real Chroma store and catalog; the fake embedder counts the passages it is asked to encode.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest

from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings
from indexing.ingest import Ingestor
from indexing.prepare import Prepared, passage_text, passage_texts
from indexing.run import ingest, start_early
from tests.conftest import FakeEmbedder
from tests.indexing.reports import statuses

TOPICS = [
    "tea ceremonies",
    "river navigation",
    "glass blowing",
    "orchard pruning",
    "bridge inspection",
    "choir rehearsal",
    "bee keeping",
    "clock repair",
]


def _paragraph(topic: str) -> str:
    """About 130 distinct words on one topic, so each paragraph is a chunk of its own."""
    words = " ".join(f"{topic.split()[0]}{n}" for n in range(40))
    return f"This section is about {topic}. " + f"Practice of {topic} involves {words}. " * 3


def _paper(title: str, topics: list[str]) -> str:
    return f"Title: {title}\n\n" + "\n\n".join(_paragraph(t) for t in topics) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "papers"
    root.mkdir()
    (root / "crafts.txt").write_text(_paper("Crafts of patience", TOPICS))
    (root / "short.txt").write_text(
        "Title: A short note\n\n" + "One paragraph on tea and its ceremonies, briefly told here. " * 5 + "\n"
    )
    (root / "empty.txt").write_text("")
    return root


def _stored(settings: Settings) -> dict[str, tuple[str, np.ndarray]]:
    """chunk id -> (the passage embedded for it, its stored vector), for every chunk of the store."""
    ingestor = Ingestor(settings, embedder=FakeEmbedder())
    try:
        titles = {
            doc_id: meta.title
            for doc_id, meta in ingestor.catalog.document_metadata(ingestor.catalog.document_ids()).items()
        }
        chunks = ingestor.catalog.chunks()
        vectors = ingestor.vectors.get_vectors([c.chunk_id for c in chunks])
        return {c.chunk_id: (passage_text(titles[c.doc_id], c.text), vectors[c.chunk_id]) for c in chunks}
    finally:
        ingestor.close()


def _assert_vectors_are_their_passages(settings: Settings) -> None:
    """Every stored vector is the one the embedder gives for that chunk's passage now."""
    reference = FakeEmbedder()
    stored = _stored(settings)
    assert stored
    for chunk_id, (passage, vector) in stored.items():
        fresh = reference.embed_passages([passage])[0]
        np.testing.assert_allclose(vector, fresh, atol=1e-6, err_msg=chunk_id)


def test_reprocess_reads_every_file_again_and_encodes_nothing_unchanged(
    settings: Settings, folder: Path
) -> None:
    first = FakeEmbedder()
    ingest(settings, [folder], embedder=first)
    before = _stored(settings)
    assert len(before) >= len(TOPICS), "the long paper is several chunks"
    assert start_early(settings, [folder], parse_now=False) == 0
    pending = start_early(settings, [folder], parse_now=False, reprocess=True)
    assert pending == 3, "both papers and the empty file"

    again = FakeEmbedder()
    report = ingest(settings, [folder], embedder=again, reprocess=True)
    assert statuses(report) == {"crafts.txt": "ingested", "short.txt": "ingested", "empty.txt": "failed"}
    empty = next(o for o in report.outcomes if o.path.endswith("empty.txt"))
    assert empty.reason == "file is empty", "a failed file is tried again, not reported unchanged"
    assert again.passages == 0, "every passage kept its stored vector"
    assert report.reused_vectors == report.chunks == len(before)
    after = _stored(settings)
    assert after.keys() == before.keys()
    for chunk_id, (passage, vector) in before.items():
        assert after[chunk_id][0] == passage
        # Chroma normalises what it stores for cosine: a vector written twice moves by an ulp
        np.testing.assert_allclose(after[chunk_id][1], vector, atol=1e-6)
    assert statuses(ingest(settings, [folder], embedder=again)) == {
        "crafts.txt": "unchanged",
        "short.txt": "unchanged",
        "empty.txt": "failed",
    }


def test_a_new_version_encodes_only_the_passages_that_changed(settings: Settings, folder: Path) -> None:
    ingest(settings, [folder], embedder=FakeEmbedder())
    before = {passage for passage, _ in _stored(settings).values()}
    (folder / "crafts.txt").write_text(_paper("Crafts of patience", [*TOPICS, "kite flying"]))

    embedder = FakeEmbedder()
    report = ingest(settings, [folder], embedder=embedder)
    assert statuses(report)["crafts.txt"] == "ingested"
    after = [passage for passage, _ in _stored(settings).values()]
    new = [passage for passage in after if passage not in before]
    assert 0 < len(new) < len(after) / 2, "an added paragraph changes the last chunks only"
    assert embedder.passages == len(new), "exactly the passages not stored before are encoded"
    crafts = next(o.chunks for o in report.outcomes if o.path.endswith("crafts.txt"))
    assert report.reused_vectors == crafts - len(new), "short.txt is unchanged: not written"
    _assert_vectors_are_their_passages(settings)


def test_a_new_title_encodes_every_passage_again(settings: Settings, folder: Path) -> None:
    """The title is part of what is embedded for each chunk: no stored vector fits any more."""
    ingest(settings, [folder], embedder=FakeEmbedder())
    (folder / "crafts.txt").write_text(_paper("Crafts of endurance", TOPICS))
    embedder = FakeEmbedder()
    report = ingest(settings, [folder], embedder=embedder)
    assert embedder.passages == next(o.chunks for o in report.outcomes if o.path.endswith("crafts.txt"))
    _assert_vectors_are_their_passages(settings)


def test_a_new_passage_prefix_encodes_every_passage_again(settings: Settings, folder: Path) -> None:
    ingest(settings, [folder], embedder=FakeEmbedder())
    chunks = len(_stored(settings))
    settings.embedding.passage_prefix = "passage: "
    embedder = FakeEmbedder()
    report = ingest(settings, [folder], embedder=embedder)
    assert report.count("ingested") == 2, "the prefix is a setting that shapes every document"
    assert embedder.passages == chunks


def test_chunks_without_a_key_or_a_stored_vector_are_encoded_again(settings: Settings, folder: Path) -> None:
    """Chunks written before keys were stored (schema 4), or whose vector Chroma lost, are not trusted."""
    ingest(settings, [folder], embedder=FakeEmbedder())
    stored = _stored(settings)
    short = next(cid for cid, (passage, _) in stored.items() if "short note" in passage.lower())
    with closing(sqlite3.connect(StoreLayout(settings.store).catalog)) as db:
        db.execute("UPDATE chunks SET passage_key = NULL WHERE chunk_id != ?", (short,))
        db.commit()
    embedder = FakeEmbedder()
    ingest(settings, [folder], embedder=embedder, reprocess=True)
    assert embedder.passages == len(stored) - 1, "only the chunk with a key kept its vector"

    ingestor = Ingestor(settings, embedder=FakeEmbedder())
    try:
        ingestor.vectors.delete_documents([ingestor.catalog.chunks_by_id([short])[short].doc_id])
    finally:
        ingestor.close()
    embedder = FakeEmbedder()
    ingest(settings, [folder], embedder=embedder, reprocess=True)
    assert embedder.passages == 1, "the short note's vector is gone from Chroma: encoded again"
    _assert_vectors_are_their_passages(settings)


def test_a_dask_worker_encodes_only_the_passages_the_store_does_not_hold(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's half (`prepare_and_embed`) and the run's (`Ingestor.embed`), in this process."""
    from indexing import distributed

    ingest(settings, [folder], embedder=FakeEmbedder())
    (folder / "crafts.txt").write_text(_paper("Crafts of patience", [*TOPICS, "kite flying"]))
    worker = FakeEmbedder()
    monkeypatch.setattr(distributed, "shared_embedder", lambda _: worker)
    run = FakeEmbedder()
    ingestor = Ingestor(settings, embedder=run)
    try:
        ingestor.remote = object()  # type: ignore[assignment]  # a Dask run: tasks carry the stored keys
        planned = [p for p in ingestor.plan([folder]).to_process if p.path.endswith("crafts.txt")]
        (task,) = ingestor.prepare_tasks(planned)
        assert task.stored_keys
        prepared = distributed.prepare_and_embed(task, settings)
        assert isinstance(prepared, Prepared) and prepared.vectors is None
        assert 0 < len(prepared.encoded) < len(prepared.chunks) and worker.passages == len(prepared.encoded)
        vectors = ingestor.embed([prepared])
        assert run.passages == 0, "the run encoded nothing: stored vectors and the worker's"
        texts = passage_texts(prepared)
        reference = FakeEmbedder()
        for i, vector in enumerate(vectors):
            np.testing.assert_allclose(vector, reference.embed_passages([texts[i]])[0], atol=1e-6)
    finally:
        ingestor.close()
