"""A manifest shared by many files changes only the fingerprints of the files whose entries changed.

A reference manager's export kept up to date (Zotero with Better BibTeX's automatic export)
is rewritten for every item added to the library; each file's fingerprint covers what the
export says of that file, so a run processes only the files whose records changed. Stores
fingerprinted before (each manifest's bytes whole) keep their files unprocessed. A file's
stat key counts the export by the same statement: a rewritten export has only the files whose
entries changed read again.
"""

from __future__ import annotations

from pathlib import Path

from corpus.metadata.sidecars import Described
from corpus_core.settings import Settings
from indexing.catalog import Catalog
from indexing.changes import ChangeSet, detect_changes, legacy_fingerprint, settings_fingerprint
from indexing.run import ingest
from tests.conftest import FakeEmbedder
from tests.indexing.reports import statuses

BODY = "Teams learn from customers and write down what they learned, week after week. " * 12


def _entry(key: str, title: str, name: str) -> str:
    fields = f"title = {{{title}}}, author = {{Rossi, Maria}}, year = {{2019}}, file = {{{name}}}"
    return f"@article{{{key}, {fields}}}\n"


def _library(root: Path, beta_title: str = "The beta study", extra: str = "") -> Path:
    root.mkdir(exist_ok=True)
    for name in ("alpha", "beta"):
        (root / f"{name}.txt").write_text(f"{name} {BODY}\n")
    bib = _entry("alpha", "The alpha study", "alpha.txt") + _entry("beta", beta_title, "beta.txt") + extra
    (root / "My Library.bib").write_text(bib, encoding="utf-8")
    return root


def _detect(settings: Settings, root: Path) -> ChangeSet:
    catalog = Catalog(settings.store / "catalog.sqlite")
    try:
        return detect_changes(catalog, settings, [root])
    finally:
        catalog.close()


def test_only_the_files_whose_entries_changed_are_processed_again(settings: Settings, tmp_path: Path) -> None:
    root = _library(tmp_path / "library")
    report = ingest(settings, [root], embedder=FakeEmbedder())
    assert statuses(report) == {"alpha.txt": "ingested", "beta.txt": "ingested"}
    _library(root, extra=_entry("gamma", "A paper not downloaded", "gamma.txt"))  # an item added
    assert _detect(settings, root).pending == 0
    _library(root, beta_title="The beta study, corrected")
    found = _detect(settings, root)
    assert [Path(p.path).name for p in found.to_process] == ["beta.txt"]
    ingest(settings, [root], embedder=FakeEmbedder())
    catalog = Catalog(settings.store / "catalog.sqlite")
    titles = {d: m.title for d, m in catalog.document_metadata(catalog.document_ids()).items()}
    catalog.close()
    assert sorted(titles.values()) == ["The alpha study", "The beta study, corrected"]


def test_a_rewritten_export_has_only_the_files_whose_entries_changed_read_again(
    settings: Settings, tmp_path: Path, reads: list[str], settled: None
) -> None:
    root = _library(tmp_path / "library")
    ingest(settings, [root], embedder=FakeEmbedder())
    bib = root / "My Library.bib"
    entries = bib.read_text(encoding="utf-8")
    bib.write_text(entries + _entry("gamma", "A paper not downloaded", "gamma.txt"), encoding="utf-8")
    reads.clear()
    assert _detect(settings, root).pending == 0 and reads == []
    bib.write_text(entries.replace("The beta study", "The beta study, corrected"), encoding="utf-8")
    reads.clear()
    assert [Path(p.path).name for p in _detect(settings, root).to_process] == ["beta.txt"]
    assert reads == ["beta.txt"]


def test_a_store_fingerprinted_before_keeps_its_files_and_takes_the_new_fingerprints(
    settings: Settings, tmp_path: Path
) -> None:
    root = _library(tmp_path / "library")
    ingest(settings, [root], embedder=FakeEmbedder())
    config = settings_fingerprint(settings)
    catalog = Catalog(settings.store / "catalog.sqlite")
    new = {p.name: catalog.file(str(p)).fingerprint for p in root.glob("*.txt")}  # type: ignore[union-attr]
    with catalog._tx() as db:  # as an earlier release recorded them
        for path in root.glob("*.txt"):
            legacy = legacy_fingerprint(path.read_bytes(), config, "", Described.find(path))
            assert legacy != new[path.name]
            db.execute("UPDATE files SET fingerprint = ? WHERE path = ?", (legacy, str(path)))
        db.execute("DELETE FROM file_stats")
    catalog.close()
    found = _detect(settings, root)
    assert found.pending == 0
    assert {Path(p).name: f for p, f in found.refreshed.items()} == new
    ingest(settings, [root], embedder=FakeEmbedder())
    catalog = Catalog(settings.store / "catalog.sqlite")
    assert {p.name: catalog.file(str(p)).fingerprint for p in root.glob("*.txt")} == new  # type: ignore[union-attr]
    catalog.close()
    _library(root, beta_title="The beta study, corrected")
    assert [Path(p.path).name for p in _detect(settings, root).to_process] == ["beta.txt"]
