"""Detection says early that a run will have work: a new document among the inputs.

The CLI starts Prefect's temporary server (seconds, in its own process) only once it knows
the run has something to do; in a library of 10,000 files, looking at each takes about a
second, which the server's start-up can cover once the walk has met a file never seen
(`detect_changes(on_work=...)`). Real runs into a real store; the fake embedder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from corpus_core.settings import LoadingSettings, Settings
from indexing import changes
from indexing.run import ingest, start_early
from tests.conftest import FakeEmbedder
from tests.corpus.zotero_library import LibraryWriter, build_library, write_pdf

BODY = "Teams learn from customers and write down what they learned, week after week. " * 12


def _library(root: Path, names: list[str]) -> Path:
    root.mkdir(exist_ok=True)
    for name in names:
        (root / f"{name}.txt").write_text(f"Title: The {name} study\n\n{name} {BODY}\n")
    return root


def test_a_new_document_signals_work_before_any_file_is_read(
    settings: Settings, tmp_path: Path, reads: list[str], settled: None
) -> None:
    library = _library(tmp_path / "library", ["alpha", "beta", "gamma"])
    ingest(settings, [library], embedder=FakeEmbedder())
    signals: list[list[str]] = []

    def on_work() -> None:
        signals.append(list(reads))

    assert start_early(settings, [library], parse_now=False, on_work=on_work) == 0
    assert signals == [], "nothing new: no signal"

    (library / "notes.exe").write_bytes(b"MZ\x90\x00")
    assert start_early(settings, [library], parse_now=False, on_work=on_work) == 0
    assert signals == [], "a new file that is no document: no signal"

    _library(library, ["delta"])
    reads.clear()
    assert start_early(settings, [library], parse_now=False, on_work=on_work) == 1
    assert signals == [[]], "one signal, before any file's bytes were read"
    assert reads == ["delta.txt"], "then the walk goes on: only the new file is read"


def test_a_new_zotero_item_signals_work_before_the_walk(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Zotero library names its files: a new item's attachment is known new before any folder is walked."""
    library = build_library(tmp_path)
    ingest(settings, [], embedder=FakeEmbedder(), zotero=library.data_dir)
    walked: list[Path] = []
    discover = changes.discover

    def counted(paths: Iterable[Path], loading: LoadingSettings) -> Iterator[tuple[Path, str]]:
        paths = list(paths)
        walked.extend(paths)
        return discover(paths, loading)

    monkeypatch.setattr(changes, "discover", counted)
    signals: list[int] = []
    assert start_early(settings, [library.database], parse_now=False, on_work=lambda: signals.append(0)) == 0
    assert signals == [] and walked, "nothing new: the walk, and no signal"

    new = write_pdf(library.data_dir / "storage" / "ATTNEW01" / "new.pdf", ["A new paper on teams"])
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(6, "journalArticle", "NEWITEM1")
        write.field(6, "title", "A new paper on teams")
        write.attachment(61, 6, "ATTNEW01", 0, f"storage:{new.name}")
    walked.clear()
    pending = start_early(
        settings, [library.database], parse_now=False, on_work=lambda: signals.append(len(walked))
    )
    assert pending == 2, "the new item's file, and its labels"
    assert signals == [0], "one signal, before the walk looked at any file"
