"""A Zotero library through the real ingestion run and search: records, filters, re-runs, pruning.

The store is real (catalog, Chroma, lexical index); the embedder is the hermetic fake and
searches are lexical, so no model loads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from corpus.loading.zotero import _Reader
from corpus_core.errors import UsageError
from corpus_core.layout import StoreLayout
from corpus_core.models import Metadata
from corpus_core.settings import Settings
from indexing.catalog import Catalog
from indexing.run import ingest, start_early
from search_api import Corpus
from tests.corpus.zotero_library import Library, LibraryWriter, build_library, write_pdf
from tests.indexing.reports import statuses


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return build_library(tmp_path)


def titles(settings: Settings, query: str, **filters: str) -> list[str]:
    corpus = Corpus(settings=settings)
    try:
        return [r.title for r in corpus.search(query, 10, mode="lexical", **filters)]  # type: ignore[arg-type]
    finally:
        corpus.close()


ARTICLE = "Value co-creation with customers: a strategy for organisational learning"
BOOK = "The Fifth Discipline"
CHAPTER = "Knowledge creation in teams"
EVERYTHING = "customers text crazy ones"
"""Words of the article's, the book's (pdflatex-4-pages) and the chapter's (crazyones) texts."""


@pytest.mark.slow
def test_zotero_library_ingested_filtered_updated_and_pruned(
    settings: Settings, library: Library, fake_embedder
) -> None:
    report = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert statuses(report) == {
        library.article_pdf.name: "ingested",
        library.book_pdf.name: "ingested",
        library.chapter_pdf.name: "ingested",
        library.missing_pdf.name: "skipped",
    }, "the trashed item's file is not ingested; the unsynced attachment is reported"
    missing = next(o for o in report.outcomes if o.status == "skipped")
    assert "CHAPTER1" in missing.reason and "not found" in missing.reason

    assert sorted(titles(settings, EVERYTHING)) == sorted([ARTICLE, BOOK, CHAPTER])
    assert titles(settings, EVERYTHING, tag="to-read") == [ARTICLE]
    assert titles(settings, EVERYTHING, tag="_READ") == [ARTICLE], "an attachment's own tag; any case"
    assert sorted(titles(settings, EVERYTHING, collection="Reading")) == sorted([ARTICLE, BOOK]), (
        "a collection includes its subcollections"
    )
    assert titles(settings, EVERYTHING, collection="Reading/Theory") == [ARTICLE]
    assert titles(settings, EVERYTHING, collection="Theory") == [ARTICLE]
    assert titles(settings, EVERYTHING, collection="Methods", tag="to-read") == []
    with pytest.raises(UsageError, match="no work of this corpus is in Zotero collection 'Nowhere'"):
        titles(settings, EVERYTHING, collection="Nowhere")
    assert titles(settings, "penguins emperor colonies") == [], "the trashed item stays out"

    corpus = Corpus(settings=settings)
    try:
        (hit,) = corpus.search("customers co-creation", 1, mode="lexical", tag="co-creation")
        meta = hit.metadata
        assert meta.title == ARTICLE
        assert [a.display for a in meta.authors] == ["Yin Min Chung", "Louise Knight"]
        assert (meta.year, meta.venue, meta.volume, meta.issue, meta.pages, meta.doi, meta.kind) == (
            2009,
            "International Journal of Learning and Intellectual Capital",
            "6",
            "1/2",
            "21-35",
            "10.1504/IJLIC.2009.021718",
            "article-journal",
        )
        assert meta.sources["title"] == "zotero" and meta.sources["authors"] == "zotero"
        assert corpus.bibliography([hit.doc_id], style="bibtex").startswith("@article{chung2009value,")
        view = corpus.show(hit.doc_id)
        assert (view.collections, view.tags) == (["Reading/Theory"], ["_read", "co-creation", "to-read"])
        assert view.to_dict()["collections"] == ["Reading/Theory"]
        (chapter,) = corpus.search("crazy ones", 1, mode="lexical", collection="Methods")
        assert chapter.title == CHAPTER, "Zotero's title wins over the PDF's first line"
    finally:
        corpus.close()

    # Unchanged library: nothing to do, nothing embedded.
    assert start_early(settings, [library.database], parse_now=False) == 0
    calls = fake_embedder.calls
    again = ingest(settings, [library.database], embedder=fake_embedder)
    assert again.count("ingested") == 0 and fake_embedder.calls == calls

    # The book's record changes in Zotero: only its file is processed again.
    with library.connect() as db:
        db.execute("UPDATE items SET dateModified = '2025-02-02 12:00:00' WHERE key = 'BOOK0001'")
        db.execute("INSERT INTO itemDataValues (value) VALUES ('The Fifth Discipline, revised edition')")
        db.execute(
            "UPDATE itemData SET valueID = (SELECT valueID FROM itemDataValues WHERE value = "
            "'The Fifth Discipline, revised edition') WHERE itemID = 2 AND fieldID = "
            "(SELECT fieldID FROM fields WHERE fieldName = 'title')"
        )
    changed = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert [Path(o.path).name for o in changed.outcomes if o.status == "ingested"] == [library.book_pdf.name]
    assert changed.count("unchanged") == 2
    assert "The Fifth Discipline, revised edition" in titles(settings, EVERYTHING, collection="Reading")

    # A new tag needs no reprocessing, yet filters by it at once.
    with library.connect() as db:
        db.execute("INSERT INTO tags (name) VALUES ('classic')")
        db.execute("INSERT INTO itemTags VALUES (3, (SELECT tagID FROM tags WHERE name = 'classic'), 0)")
    assert start_early(settings, [library.database], parse_now=False) == 2, (
        "the labels of the chapter's two attachments"
    )
    tagged = ingest(settings, [library.database], embedder=fake_embedder)
    assert tagged.count("ingested") == 0
    assert titles(settings, EVERYTHING, tag="classic") == [CHAPTER]

    # The article goes to Zotero's trash: kept without --prune, removed with it.
    with library.connect() as db:
        db.execute("INSERT INTO deletedItems (itemID) VALUES (1)")
    kept = ingest(settings, [library.database], embedder=fake_embedder)
    assert library.article_pdf.name not in statuses(kept)
    assert ARTICLE in titles(settings, EVERYTHING)
    pruned = ingest(settings, [library.database], prune=True, embedder=fake_embedder)
    assert statuses(pruned)[library.article_pdf.name] == "removed"
    assert ARTICLE not in titles(settings, EVERYTHING)
    with pytest.raises(UsageError, match="no work of this corpus is in Zotero tag 'to-read'"):
        titles(settings, EVERYTHING, tag="to-read")  # its only work pruned, the tag is gone too
    catalog = Catalog(StoreLayout(settings.store).catalog)
    try:
        assert str(library.article_pdf) not in catalog.labelled_files(str(library.database.resolve()))
    finally:
        catalog.close()


def test_items_without_a_file_are_reported_until_they_get_one(
    settings: Settings, library: Library, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item with only a record (or a web link) is a "skipped" line with its Zotero address."""
    with library.connect() as db:
        write = LibraryWriter(db)
        write.article(60, "RECORD01", "Service-dominant logic: continuing the evolution", date="2008")
        write.article(61, "LINKED01", "A paper Zotero only links to")
        write.attachment(62, 61, "LINKURL1", 3, "")  # a link to a web page, no file
        write.item(63, "note", "NOTE0002")
    report = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    unfiled = {o.path: (o.status, o.reason) for o in report.outcomes if o.path.startswith("zotero://")}
    assert unfiled == {
        "zotero://select/library/items/LINKED01": (
            "skipped",
            "Zotero item without a file attachment or an abstract to index: A paper Zotero only links to; "
            "attach its PDF in Zotero to index it",
        ),
        "zotero://select/library/items/RECORD01": (
            "skipped",
            "Zotero item without a file attachment or an abstract to index: Service-dominant logic: "
            "continuing the evolution (2008); attach its PDF in Zotero to index it",
        ),
    }
    assert statuses(report)[library.article_pdf.name] == "ingested"

    def not_indexed() -> list[str]:
        catalog = Catalog(StoreLayout(settings.store).catalog)
        try:
            return [r.path for r in catalog.files() if r.path.startswith("zotero://")]
        finally:
            catalog.close()

    assert not_indexed() == sorted(unfiled), "corpus stats lists them as not indexed"
    elsewhere = library.data_dir.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # "zotero://..." read as a path would lie under the current folder
    pruned = ingest(settings, [elsewhere], prune=True, embedder=fake_embedder)
    assert pruned.count("removed") == 0 and not_indexed() == sorted(unfiled), "an address is no file to prune"

    pdf = write_pdf(
        library.data_dir / "storage" / "ATTREC01" / "vargo.pdf", ["Service-dominant logic evolves."] * 9
    )
    with library.connect() as db:
        LibraryWriter(db).attachment(64, 60, "ATTREC01", 0, f"storage:{pdf.name}")
        db.execute("INSERT INTO deletedItems (itemID) VALUES (61)")
    again = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert statuses(again)[pdf.name] == "ingested"
    assert not [o for o in again.outcomes if o.path.startswith("zotero://")]
    assert not_indexed() == [], "an item that got a file, or went to the trash, is no longer listed"


@pytest.mark.slow
def test_an_item_without_a_file_is_indexed_by_its_abstract_until_it_has_one(
    settings: Settings, library: Library, fake_embedder
) -> None:
    """Its title and abstract are a work of their own, cited from Zotero's record, searchable by its
    labels; once the item has a file, the file's document replaces it."""
    uri = "zotero://select/library/items/ABSTRACT"
    with library.connect() as db:
        write = LibraryWriter(db)
        abstract = "Service ecosystems coordinate through institutions and shared rules. " * 4
        write.article(60, "ABSTRACT", "Institutions and axioms", date="2016", abstractNote=abstract)
        write.creator(60, 0, "author", "Vargo", "Stephen")
        write.tag(60, "ecosystems")
    report = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert {o.path: o.status for o in report.outcomes}[uri] == "ingested", [o.reason for o in report.outcomes]
    corpus = Corpus(settings=settings)
    try:
        (hit,) = corpus.search("institutions shared rules", 5, mode="lexical", tag="ecosystems")
        assert (hit.title, hit.source, hit.page) == ("Institutions and axioms", uri, "")
        assert hit.citation.startswith("Vargo, S. (2016). Institutions and axioms.")
    finally:
        corpus.close()
    again = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert {o.path: o.status for o in again.outcomes}[uri] == "unchanged"

    with library.connect() as db:  # a second such item goes to the trash: kept until --prune, as files are
        engagement = "Actors engage with service platforms in many different ways. " * 5
        LibraryWriter(db).article(62, "ABSTRAC2", "Actor engagement", abstractNote=engagement)
    ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    with library.connect() as db:
        db.execute("INSERT INTO deletedItems (itemID) VALUES (62)")

    def titles_stored() -> list[str]:
        corpus = Corpus(settings=settings)
        try:
            return sorted(w.title for w in corpus.documents())
        finally:
            corpus.close()

    ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert "Actor engagement" in titles_stored()
    ingest(settings, [], prune=True, embedder=fake_embedder, zotero=library.data_dir)
    assert "Actor engagement" not in titles_stored()

    pdf = write_pdf(library.data_dir / "storage" / "ATTABS01" / "vargo.pdf", ["A cover page."], repeat=1)
    with library.connect() as db:
        LibraryWriter(db).attachment(61, 60, "ATTABS01", 0, f"storage:{pdf.name}")
    for _ in range(2):  # a file that fails leaves the abstract indexed, in the run and after it
        failed = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
        assert statuses(failed)[pdf.name] == "failed"
        assert "Institutions and axioms" in titles(settings, "institutions shared rules")
    corpus = Corpus(settings=settings)
    try:
        (hit,) = corpus.search("institutions shared rules", 5, mode="lexical", tag="ecosystems")
        corpus.edit(hit.doc_id, ["venue=Journal of the Academy of Marketing Science"])  # goes with the work
    finally:
        corpus.close()
    write_pdf(
        pdf,
        [
            f"Service ecosystem {n} coordinates its actors through institutions and shared norms."
            for n in range(9)
        ],
    )
    filed = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert statuses(filed)[pdf.name] == "ingested"
    assert uri not in {o.path for o in filed.outcomes}
    assert uri not in {f.path for f in Catalog(StoreLayout(settings.store).catalog).files()}
    corpus = Corpus(settings=settings)
    try:
        works = [w for w in corpus.documents() if w.title == "Institutions and axioms"]
        assert [[Path(f).name for f in w.files] for w in works] == [["vargo.pdf"]]
        assert [w.venue for w in works] == ["Journal of the Academy of Marketing Science"]
    finally:
        corpus.close()


def lexical_top(settings: Settings, query: str) -> Metadata:
    """The record of the one work a lexical search for `query` finds first."""
    corpus = Corpus(settings=settings)
    try:
        (hit,) = corpus.search(query, 1, mode="lexical")
        return hit.metadata
    finally:
        corpus.close()


def count_records(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the items whose records are built from now on, in order."""
    built: list[str] = []
    record = _Reader._record

    def counted(reader: _Reader, item_id: int, row: Any) -> Metadata:
        built.append(row.key)
        return record(reader, item_id, row)

    monkeypatch.setattr(_Reader, "_record", counted)
    return built


def test_a_run_builds_the_records_only_of_items_whose_rows_or_files_changed(
    settings: Settings, library: Library, fake_embedder, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    """An item's rows say whether its record may have changed: unchanged items' records are not built.

    Building a record is most of what reading a library of 10,000 items costs a run; its
    file's stat and its rows (`ZoteroItem.source`) vouch for it instead. A change Zotero
    keeps outside the item's fields (Better BibTeX's citation key) still reprocesses its file.
    """
    ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    built = count_records(monkeypatch)
    assert start_early(settings, [library.database], parse_now=False) == 0
    assert built == [], "every item's rows and file as they were: no record built"

    bbt = sqlite3.connect(library.data_dir / "better-bibtex.sqlite", isolation_level=None)
    bbt.execute("UPDATE citationkey SET citationKey = 'chung2009cocreation' WHERE itemKey = 'ARTICLE1'")
    bbt.close()
    report = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    ingested = [Path(o.path).name for o in report.outcomes if o.status == "ingested"]
    assert ingested == [library.article_pdf.name]
    assert sorted(set(built)) == ["ARTICLE1"], "only the item whose citation key changed"
    assert lexical_top(settings, "customers co-creation").citation_key == "chung2009cocreation"


def test_a_run_builds_no_record_of_an_unchanged_item_without_a_file(
    settings: Settings, library: Library, fake_embedder, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    """Items without a file count by their rows too (`item_key`): unchanged, their records are not built.

    One item is indexed by its abstract, one only reported (it has none); a run over them as
    they were reports both as the run before did, and an abstract edited in Zotero has that
    item's record alone built and its text indexed again.
    """
    abstract = "Service ecosystems coordinate through institutions and shared rules. " * 4
    with library.connect() as db:
        write = LibraryWriter(db)
        write.article(60, "ABSTRACT", "Institutions and axioms", date="2016", abstractNote=abstract)
        write.article(61, "RECORD01", "Service-dominant logic: continuing the evolution", date="2008")
    first = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)

    def unfiled(report: Any) -> dict[str, tuple[str, str]]:
        return {
            o.path.rsplit("/", 1)[-1]: (o.status, o.reason) for o in report.outcomes if "zotero://" in o.path
        }

    assert {key: status for key, (status, _) in unfiled(first).items()} == {
        "ABSTRACT": "ingested",
        "RECORD01": "skipped",
    }
    built = count_records(monkeypatch)
    again = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert built == [], "no item's rows changed: no record built"
    assert unfiled(again) == {"ABSTRACT": ("unchanged", ""), "RECORD01": unfiled(first)["RECORD01"]}

    with library.connect() as db:
        LibraryWriter(db).field(60, "abstractNote", abstract.replace("shared rules", "common norms"))
    edited = ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    assert sorted(set(built)) == ["ABSTRACT"]
    assert unfiled(edited)["ABSTRACT"][0] == "ingested"
    assert lexical_top(settings, "common norms").title == "Institutions and axioms"
