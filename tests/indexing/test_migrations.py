"""A store written by release 0.1 opens, migrates and keeps working with this release."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from corpus_core.errors import StoreError
from corpus_core.layout import StoreLayout
from corpus_core.settings import load_settings
from indexing.catalog import SCHEMA_VERSION, Catalog
from indexing.ingest import Ingestor
from indexing.run import ingest
from tests.conftest import FakeEmbedder

OLD_STORE = Path(__file__).resolve().parents[1] / "data" / "store_v0_1"


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(OLD_STORE, store)
    return store


def test_old_catalog_migrates_on_open(old_store: Path) -> None:
    raw = sqlite3.connect(old_store / "catalog.sqlite")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 0
    raw.close()
    catalog = Catalog(old_store / "catalog.sqlite")
    assert catalog.schema_version == SCHEMA_VERSION
    files = catalog.files()
    assert len(files) == 2 and all(f.fingerprint for f in files), "content_hash became fingerprint"
    doc_ids = catalog.document_ids()
    assert len(doc_ids) == 2
    chung = next(m for m in catalog.document_metadata(doc_ids).values() if m.authors)
    assert chung.year == 2009
    candidates = catalog.link_candidates(chung.title, [])
    assert candidates, "title keys were filled in by the migration"
    assert catalog.stats().pages == 2
    catalog.close()


def test_newer_schema_is_refused(old_store: Path) -> None:
    Catalog(old_store / "catalog.sqlite").close()
    raw = sqlite3.connect(old_store / "catalog.sqlite")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="newer release"):
        Catalog(old_store / "catalog.sqlite")


class _Embedder384(FakeEmbedder):
    """The fake embedder at the bundled model's dimension, which the old store's vectors have."""

    dim = 384


def test_old_store_gets_a_lexical_index_and_ingests_again(old_store: Path, tmp_path: Path) -> None:
    fake_embedder = _Embedder384()
    settings = load_settings(store=old_store)
    ingestor = Ingestor(settings, embedder=fake_embedder, prepare_workers=0)
    assert not StoreLayout(old_store).legacy_lexical.joinpath("tantivy").exists()
    hits = ingestor.lexical.query("co-creation customer innovation", 5)
    assert hits, "the tantivy index was built from the old catalog"
    assert ingestor.catalog.get_setting("embedding.backend") == "torch"
    ingestor.close()
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "new.txt").write_text("Title: A new paper on tea\n\n" + "Tea is brewed slowly in Kyoto. " * 40)
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == 1
