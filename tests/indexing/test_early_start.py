"""Files parsed and encoded while Prefect starts are taken over by the run: in order, encoded once."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import pytest

import indexing.early_start
from corpus_core.settings import Settings, load_settings
from indexing.early_start import discarded_unless_taken, start_encoding_early
from indexing.ingest import Ingestor
from indexing.run import ingest, start_early

TOPICS = ["learning organisations", "value co-creation", "service ecosystems", "dynamic capabilities"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "papers"
    root.mkdir()
    for i, topic in enumerate(TOPICS * 2):
        body = f"Paragraph {i} on {topic} and how teams learn from customers. " * (20 + 15 * i)
        (root / f"paper{i}.txt").write_text(f"Title: Paper {i} on {topic}\n\n{body}")
    return root


def _settings(store: Path) -> Settings:
    settings = load_settings(store=store)
    settings.runner.prepare_workers = 1
    settings.runner.batch_chunks = 8  # several batches, so early and late vectors meet in one
    return settings


def _stored(settings: Settings, embedder: object) -> dict[str, np.ndarray]:
    ingestor = Ingestor(settings, embedder=embedder)  # type: ignore[arg-type]
    try:
        return ingestor.vectors.get_vectors([c.chunk_id for c in ingestor.catalog.chunks()])
    finally:
        ingestor.close()


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.allclose(a[k], b[k], atol=1e-6) for k in a)


@pytest.fixture
def plain(tmp_path: Path, folder: Path, fake_embedder) -> dict[str, np.ndarray]:
    """The vectors of a run with nothing started early."""
    settings = _settings(tmp_path / "plain")
    assert ingest(settings, [folder], embedder=fake_embedder).count("ingested") == len(TOPICS) * 2
    return _stored(settings, fake_embedder)


def test_files_encoded_while_prefect_starts_are_not_encoded_again(
    tmp_path: Path, folder: Path, plain: dict[str, np.ndarray], fake_embedder
) -> None:
    settings = _settings(tmp_path / "early")
    before = fake_embedder.passages
    assert start_early(settings, [folder]) == len(TOPICS) * 2
    start_encoding_early(settings.store, fake_embedder).join()  # ends once every file is encoded
    early = fake_embedder.passages - before
    assert early == len(plain)
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == len(TOPICS) * 2
    assert fake_embedder.passages - before == early, "the run encoded files again"
    assert _same(_stored(settings, fake_embedder), plain)


def test_a_run_that_takes_over_midway_encodes_only_the_rest(
    tmp_path: Path, folder: Path, plain: dict[str, np.ndarray], fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexing.early_start, "EARLY_CHUNKS", 1)  # the early encoder stops after one file
    settings = _settings(tmp_path / "midway")
    before = fake_embedder.passages
    start_early(settings, [folder])
    start_encoding_early(settings.store, fake_embedder).join()
    early = fake_embedder.passages - before
    assert 0 < early < len(plain)
    ingest(settings, [folder], embedder=fake_embedder)
    assert fake_embedder.passages - before == len(plain), "each chunk encoded exactly once"
    assert _same(_stored(settings, fake_embedder), plain)


def test_files_that_replace_stored_documents_are_left_to_the_run(
    tmp_path: Path, folder: Path, plain: dict[str, np.ndarray], fake_embedder
) -> None:
    """A reprocessed (or new version of a) file is not encoded early: the run reuses its stored vectors."""
    settings = _settings(tmp_path / "again")
    ingest(settings, [folder], embedder=fake_embedder)
    (folder / "paper0.txt").write_text((folder / "paper0.txt").read_text() + "\nA closing line.\n")
    before = fake_embedder.passages
    assert start_early(settings, [folder], reprocess=True) == len(TOPICS) * 2
    start_encoding_early(settings.store, fake_embedder).join()
    assert fake_embedder.passages == before, "nothing encoded early"
    report = ingest(settings, [folder], embedder=fake_embedder, reprocess=True)
    assert report.count("ingested") == len(TOPICS) * 2
    assert 0 < fake_embedder.passages - before <= 2, "only paper0's changed last chunk(s)"
    assert report.reused_vectors == report.chunks - (fake_embedder.passages - before)
    assert _stored(settings, fake_embedder).keys() != plain.keys(), "paper0 is a new document"


def test_vectors_of_another_encoder_are_not_used(
    tmp_path: Path, folder: Path, plain: dict[str, np.ndarray], fake_embedder
) -> None:
    settings = _settings(tmp_path / "other")
    other = type(fake_embedder)()
    start_early(settings, [folder])
    start_encoding_early(settings.store, other).join()
    assert other.passages == len(plain)
    before = fake_embedder.passages
    ingest(settings, [folder], embedder=fake_embedder)
    assert fake_embedder.passages - before == len(plain), "the run's own encoder made every vector"
    assert _same(_stored(settings, fake_embedder), plain)


def test_a_command_that_fails_before_its_run_leaves_no_parsing_behind(
    tmp_path: Path, folder: Path, fake_embedder
) -> None:
    settings = _settings(tmp_path / "failed")
    earlier = set(multiprocessing.active_children())  # an earlier run's workers may still be exiting
    with pytest.raises(RuntimeError), discarded_unless_taken(settings.store):
        start_early(settings, [folder])
        start_encoding_early(settings.store, fake_embedder)
        assert set(multiprocessing.active_children()) - earlier, "the files are being parsed"
        raise RuntimeError("Prefect's temporary server did not start")
    assert not set(multiprocessing.active_children()) - earlier, (
        "a parsing worker outlived the failed command"
    )
