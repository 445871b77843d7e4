"""A store written by release 0.1 opens, migrates and keeps working with this release."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from corpus_core.errors import StoreError
from corpus_core.layout import StoreLayout
from corpus_core.models import Chunk, Document, Metadata, PageSpan, Person
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
    texts = dict(raw.execute("SELECT chunk_id, text FROM chunks").fetchall())
    raw.close()
    catalog = Catalog(old_store / "catalog.sqlite")
    assert catalog.schema_version == SCHEMA_VERSION
    assert len(texts) == 6 and {c.chunk_id: c.text for c in catalog.chunks()} == texts, (
        "each passage's text is now cut from its document's"
    )
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


def test_a_schema_5_catalog_keeps_every_passage_text_when_the_copies_are_dropped(tmp_path: Path) -> None:
    text = "Café — 学习型组织 😀 learning.\n\n" * 40 + "Vargo & Lusch’s “service”. " * 1000
    doc = Document("d1", "notes.txt", "h1", "txt", text, [PageSpan(1, 0, len(text))], Metadata(title="Café"))
    bounds = [(0, 90), (60, 700), (650, 1401), (1400, len(text))]  # overlapping, as chunking makes them
    chunks = [Chunk(f"d1:{i}", "d1", i, text[a:b], a, b) for i, (a, b) in enumerate(bounds)]
    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    catalog.begin_document(doc, chunks, "d1", [])
    catalog.finish_document("d1")
    catalog.close()
    with closing(sqlite3.connect(path)) as db:  # back to schema 5: each chunk holds a copy of its text
        db.execute("ALTER TABLE chunks ADD COLUMN text TEXT NOT NULL DEFAULT ''")
        db.executemany(
            "UPDATE chunks SET text = ? WHERE chunk_id = ?", [(c.text, c.chunk_id) for c in chunks]
        )
        db.execute("ALTER TABLE chunks DROP COLUMN byte_start")
        db.execute("ALTER TABLE chunks DROP COLUMN byte_end")
        db.execute("PRAGMA user_version = 5")
        db.commit()
    catalog = Catalog(path)
    assert [c.text for c in catalog.chunks("d1")] == [c.text for c in chunks]
    assert catalog.chunks_by_id(["d1:2"])["d1:2"].text == text[650:1401]
    catalog.close()
    with closing(sqlite3.connect(path)) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(chunks)")}
        free_pages = db.execute("PRAGMA freelist_count").fetchone()[0]
    assert "text" not in columns
    assert free_pages == 0, "the space of the copies is given back"


def test_a_schema_6_catalog_folds_its_author_names_for_the_author_filter(tmp_path: Path) -> None:
    """Names were kept lower case with their accents: "Gronroos" did not find Grönroos."""
    meta = Metadata(title="Service logic", authors=[Person(family="Grönroos", given="Christian")], year=2011)
    doc = Document("d1", "paper.txt", "h1", "txt", "Text. " * 50, [PageSpan(1, 0, 300)], meta)
    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    catalog.begin_document(doc, [Chunk("d1:0", "d1", 0, "Text.", 0, 5)], "d1", [])
    catalog.finish_document("d1")
    catalog.set_works({"d1": meta})
    assert catalog.filter_documents(author="Gronroos, C.") == {"d1"}
    catalog.close()
    with closing(sqlite3.connect(path)) as db:  # back to schema 6: names as that release kept them
        db.execute("UPDATE works SET authors = 'christian grönroos'")
        db.execute("PRAGMA user_version = 6")
        db.commit()
    catalog = Catalog(path)
    assert catalog.filter_documents(author="Gronroos") == {"d1"}
    assert catalog.filter_documents(author="Grönroos, C.") == {"d1"}
    assert catalog.filter_documents(author="Gronroos, P.") == set()
    catalog.close()
