"""A run reads again only the files whose stat changed (`indexing.changes.stat_key`).

Real runs (`indexing.run.ingest`, a real catalog, Chroma and lexical index; the fake embedder)
into a store, then change detection again, with every read of a document's bytes recorded.
Files written by a test are seconds old, "racily clean" to the detector: these tests move the
racy window out of the way (`RACY_NS`), except the one about it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from corpus_core.settings import Settings
from indexing import changes
from indexing.catalog import Catalog
from indexing.changes import detect_changes
from indexing.run import ingest, start_early
from tests.conftest import FakeEmbedder

BODY = "Teams learn from customers and write down what they learned, week after week. " * 12


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    for name in ("alpha", "beta", "gamma"):
        (root / f"{name}.txt").write_text(f"Title: The {name} study\n\n{name} {BODY}\n")
    return root


def _detect(settings: Settings, root: Path, reprocess: bool = False) -> changes.ChangeSet:
    catalog = Catalog(settings.store / "catalog.sqlite")
    try:
        return detect_changes(catalog, settings, [root], reprocess=reprocess)
    finally:
        catalog.close()


def _change_catalog(settings: Settings, sql: str) -> None:
    """Change the catalog behind the runs' backs, as an earlier release or another run left it."""
    catalog = Catalog(settings.store / "catalog.sqlite")
    with catalog._tx() as db:
        db.execute(sql)
    catalog.close()


def test_unchanged_files_are_not_read_again(
    settings: Settings, library: Path, reads: list[str], settled: None
) -> None:
    ingest(settings, [library], embedder=FakeEmbedder())
    assert set(reads) == {"alpha.txt", "beta.txt", "gamma.txt"}  # the plan and the loader
    reads.clear()
    found = _detect(settings, library)
    assert reads == [] and found.pending == 0
    assert sorted(o.status for o in found.outcomes) == ["unchanged"] * 3
    assert _detect(settings, library, reprocess=True).pending == 3 and sorted(reads) == [
        "alpha.txt",
        "beta.txt",
        "gamma.txt",
    ]


def test_a_file_changed_under_an_old_date_is_read_and_processed(
    settings: Settings, library: Path, reads: list[str], settled: None
) -> None:
    """Same size, its modification time put back (`cp -p`, `rsync -t`): its change time tells."""
    ingest(settings, [library], embedder=FakeEmbedder())
    path = library / "beta.txt"
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("week after week", "year after year"[: len("week after week")]))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    found = _detect(settings, library)
    assert reads == ["beta.txt"]
    assert [p.path for p in found.to_process] == [str(path)]


def test_a_changed_sidecar_or_setting_makes_the_file_be_read(
    settings: Settings, library: Path, reads: list[str], settled: None
) -> None:
    ingest(settings, [library], embedder=FakeEmbedder())
    (library / "gamma.json").write_text('[{"id": "g", "type": "report", "title": "The gamma report"}]')
    reads.clear()
    found = _detect(settings, library)
    assert reads == ["gamma.txt"] and [p.path for p in found.to_process] == [str(library / "gamma.txt")]
    settings.chunking.max_tokens -= 10
    reads.clear()
    assert _detect(settings, library).pending == 3 and sorted(reads) == ["alpha.txt", "beta.txt", "gamma.txt"]


def test_a_file_written_a_moment_ago_is_read_again_next_time(
    settings: Settings, library: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within its clock's tick it could change again unseen: no stat vouches for it yet.

    "A moment" is an hour here, so a slow machine cannot let the files age out of it mid-test.
    """
    monkeypatch.setattr(changes, "RACY_NS", 3_600 * 10**9)
    old = time.time_ns() - 10 * changes.RACY_NS
    for path in library.iterdir():
        os.utime(path, ns=(old, old))  # its change time stays now: still racy
    ingest(settings, [library], embedder=FakeEmbedder())
    reads.clear()
    assert _detect(settings, library).pending == 0
    assert sorted(reads) == ["alpha.txt", "beta.txt", "gamma.txt"]


def test_the_clis_quick_check_remembers_the_stats_it_read(
    settings: Settings, library: Path, reads: list[str], settled: None
) -> None:
    """A run with nothing to do stops after the quick check: that check keeps what it read."""
    ingest(settings, [library], embedder=FakeEmbedder())
    _change_catalog(settings, "DELETE FROM file_stats")  # as after the upgrade that added them
    reads.clear()
    assert start_early(settings, [library], parse_now=False) == 0
    assert sorted(reads) == ["alpha.txt", "beta.txt", "gamma.txt"]
    reads.clear()
    assert start_early(settings, [library], parse_now=False) == 0
    assert reads == []


def test_a_stat_kept_for_a_file_whose_record_changed_since_is_not_used(
    settings: Settings, library: Path, reads: list[str], settled: None
) -> None:
    ingest(settings, [library], embedder=FakeEmbedder())
    _change_catalog(settings, "UPDATE files SET fingerprint = 'another' WHERE path LIKE '%alpha.txt'")
    catalog = Catalog(settings.store / "catalog.sqlite")
    assert catalog.file(str(library / "alpha.txt")).stat_key == ""  # type: ignore[union-attr]
    assert catalog.file(str(library / "beta.txt")).stat_key != ""  # type: ignore[union-attr]
    catalog.close()
    reads.clear()
    found = _detect(settings, library)
    assert reads == ["alpha.txt"] and [p.path for p in found.to_process] == [str(library / "alpha.txt")]
