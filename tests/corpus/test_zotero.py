"""Reading a Zotero library built from Zotero's real schema: records, collections, tags, files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corpus.loading.zotero import collection_keys, find_database, is_zotero_database, label_key, read_library
from corpus.metadata.fields import stamp
from corpus.metadata.merge import merge_by_trust
from corpus.metadata.sidecars import record_from_mapping
from corpus_core.errors import UsageError
from corpus_core.models import Metadata, Person
from search_api.citations import Citation
from tests.conftest import PDFS
from tests.corpus.zotero_library import Library, LibraryWriter, build_library


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return build_library(tmp_path)


def test_items_have_zotero_fields_creators_in_order_and_types(library: Library) -> None:
    records = library.records()
    assert set(records) == {"ARTICLE1", "BOOK0001", "CHAPTER1"}, "the trashed item and the note are left out"
    article = records["ARTICLE1"]
    assert article.title == "Value co-creation with customers: a strategy for organisational learning"
    assert article.authors == [Person("Chung", "Yin Min"), Person("Knight", "Louise")], (
        "editors are not authors"
    )
    assert (article.year, article.venue, article.volume, article.issue, article.pages) == (
        2009,
        "International Journal of Learning and Intellectual Capital",
        "6",
        "1/2",
        "21-35",
    )
    assert (article.doi, article.kind, article.language) == (
        "10.1504/IJLIC.2009.021718",
        "article-journal",
        "en",
    )
    assert set(article.sources.values()) == {"zotero"}
    book = records["BOOK0001"]
    assert (book.kind, book.publisher, book.isbn, book.year) == (
        "book",
        "Doubleday",
        "978-0-385-26094-7",
        1990,
    )
    chapter = records["CHAPTER1"]
    assert chapter.venue == "Handbook of Organizational Learning", (
        "bookTitle is the chapter's publicationTitle"
    )
    assert (chapter.kind, chapter.pages, chapter.authors) == (
        "chapter",
        "45-67",
        [Person("Nonaka", "Ikujiro")],
    )


def test_a_review_with_its_reviewed_author_is_cited_as_a_review_of_the_book(library: Library) -> None:
    """Zotero keeps a review's book's author as a "Reviewed Author" and, as its users write it, the
    title as "Review of ...": the reviewed author was dropped and the review cited as an article."""
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(9, "journalArticle", "REVIEW01")
        write.field(
            9, "title", "Review of The fifth discipline: The art and practice of the learning organization"
        )
        write.field(9, "publicationTitle", "Management Learning")
        write.field(9, "date", "2021")
        write.field(9, "volume", "52")
        write.field(9, "pages", "380-382")
        write.creator(9, 0, "author", "Reviewer", "Jane Q.")
        write.creator(9, 1, "reviewedAuthor", "Senge", "Peter M.")
        write.attachment(91, 9, "ATTREV01", 2, str(PDFS / "minimal-document.pdf"))
    review = library.records()["REVIEW01"]

    assert (review.authors, review.reviewed_authors) == (
        [Person("Reviewer", "Jane Q.")],
        [Person("Senge", "Peter M.")],
    )
    assert Citation("r", review).format("apa") == (
        "Reviewer, J. Q. (2021). [Review of The fifth discipline: The art and practice of the learning "
        "organization, by P. M. Senge]. Management Learning, 52, 380–382."
    )
    assert Citation("r", review).format("chicago") == (
        "Reviewer, Jane Q. 2021. Review of The Fifth Discipline: The Art and Practice of the Learning "
        "Organization, by Peter M. Senge. Management Learning 52: 380–82."
    )
    ris = Citation("r", review).format("ris")
    assert (
        "TI  - Review of The fifth discipline: The art and practice of the learning organization, "
        "by Peter M. Senge" in ris
    )


def test_an_edited_book_and_a_chapter_are_cited_with_their_editors(library: Library) -> None:
    """Editors were dropped: a chapter's reference had no "In M. Dierkes (Ed.)," and an edited
    book's editors were cited as its authors, without "(Eds.)"."""
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(7, "book", "EDITED01")
        write.field(7, "title", "Handbook of organizational learning and knowledge")
        write.field(7, "publisher", "Oxford University Press")
        write.field(7, "date", "2001")
        write.field(7, "edition", "2nd")
        write.creator(7, 0, "editor", "Argote", "Linda")
        write.creator(7, 1, "editor", "Antal", "Ariane Berthoin")
        write.attachment(71, 7, "ATTEDIT1", 2, str(PDFS / "minimal-document.pdf"))
        write.item(8, "bookSection", "ENTRY001")
        write.field(8, "title", "Learning organization")
        write.field(8, "bookTitle", "Encyclopedia of management")
        write.field(8, "date", "2001")
        write.creator(8, 0, "editor", "Child", "John")
        write.attachment(81, 8, "ATTENTR1", 2, str(PDFS / "minimal-document.pdf"))
    records = library.records()
    chapter, book = records["CHAPTER1"], records["EDITED01"]
    assert chapter.authors == [Person("Nonaka", "Ikujiro")]
    assert chapter.editors == [Person("Dierkes", "Meinolf")]
    editors = [Person("Argote", "Linda"), Person("Antal", "Ariane Berthoin")]
    assert (book.authors, book.editors) == (editors, editors), "filed and found by its editors"
    assert book.edition == "2", "Zotero's edition field, as a number"
    assert records["ARTICLE1"].editors == [Person("Editor", "Ed")]
    assert chapter.original_year == 1999, "Extra's 'Original Date: 1999', as Zotero's styles read it"
    assert Citation("c", chapter).format("apa") == (
        "Nonaka, I. (2001). Knowledge creation in teams. In M. Dierkes (Ed.), "
        "Handbook of Organizational Learning (pp. 45–67). (Original work published 1999)"
    )
    assert Citation("b", book).format("apa") == (
        "Argote, L., & Antal, A. B. (Eds.). (2001). Handbook of organizational learning and knowledge "
        "(2nd ed.). Oxford University Press."
    )
    assert Citation("b", book).in_text("apa") == "(Argote & Antal, 2001)"
    assert "editor = {Argote, Linda and Antal, Ariane Berthoin}" in Citation("b", book).bibtex()
    assert "author = " not in Citation("b", book).bibtex()
    assert "A2  - Dierkes, Meinolf" in Citation("c", chapter).format("ris")
    entry = records["ENTRY001"]
    assert (entry.authors, entry.editors) == ([], [Person("Child", "John")]), "the book's editor is no author"
    assert Citation("e", entry).format("apa") == (
        "Child, J. (Ed.). (2001). Learning organization. In Encyclopedia of management."
    ), "an unsigned chapter is cited by its book's editor, as the style substitutes"
    article = Citation("a", records["ARTICLE1"])
    assert "Editor" not in article.format("harvard"), "a journal's editor is named in no reference"


@pytest.mark.parametrize(
    ("written", "genre"),
    [
        ("PhD Thesis", "Doctoral dissertation"),
        ("MSc thesis", "Master's thesis"),
        ("Habilitation", "Habilitation"),
    ],
)
def test_a_thesis_type_is_its_genre(library: Library, written: str, genre: str) -> None:
    """Zotero's thesis type ("PhD Thesis") was not read: APA needs it ("[Doctoral dissertation]")."""
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(6, "thesis", "THESIS01")
        write.field(6, "title", "Learning together: Customer participation in service teams")
        write.field(6, "thesisType", written)
        write.field(6, "university", "University of Michigan")
        write.field(6, "date", "2016")
        write.creator(6, 0, "author", "Rossi", "Maria")
        write.attachment(61, 6, "ATTTHES1", 2, str(PDFS / "minimal-document.pdf"))
    thesis = library.records()["THESIS01"]
    assert (thesis.kind, thesis.genre, thesis.publisher) == ("thesis", genre, "University of Michigan")


def test_citation_keys_from_better_bibtex_zotero_7_and_extra(library: Library) -> None:
    records = library.records()
    assert records["ARTICLE1"].citation_key == "chung2009value", "better-bibtex.sqlite"
    assert records["BOOK0001"].citation_key == "senge1990fifth", "Zotero 7's citationKey field"
    assert records["CHAPTER1"].citation_key == "nonaka2001knowledge", "a 'Citation Key:' line in Extra"
    assert Citation("d1", records["ARTICLE1"]).bibtex().startswith("@article{chung2009value,")


def test_missing_or_broken_better_bibtex_database_is_tolerated(library: Library) -> None:
    bbt = library.data_dir / "better-bibtex.sqlite"
    bbt.unlink()
    assert library.records()["ARTICLE1"].citation_key == ""
    bbt.write_bytes(b"not a database")
    assert library.records()["ARTICLE1"].citation_key == ""
    assert Citation("d1", library.records()["ARTICLE1"]).bibtex_key == "chung2009value", "a key is made up"


def test_files_collections_and_tags(library: Library) -> None:
    files = {f.path: f for f in read_library(library.data_dir).files}
    assert set(files) == {library.article_pdf, library.book_pdf, library.chapter_pdf, library.missing_pdf}
    article = files[library.article_pdf]
    assert article.collections == ("Reading/Theory",)
    assert article.tags == ("_read", "co-creation", "to-read"), "the item's tags and its attachment's own"
    assert files[library.book_pdf].collections == ("Reading",), "a linked file keeps its absolute path"
    assert files[library.chapter_pdf].collections == ("Methods",)
    assert library.gone_pdf not in files and library.gone_pdf.exists(), (
        "trashed items are skipped, not their files"
    )


def test_ids_are_looked_up_by_name(library: Library) -> None:
    """Another installation numbers item types, fields and creator types differently."""
    before = library.records()
    assert before["ARTICLE1"].authors and before["CHAPTER1"].venue
    with library.connect() as db:
        db.execute("PRAGMA foreign_keys = OFF")
        for table, column in (
            ("fields", "fieldID"),
            ("itemData", "fieldID"),
            ("baseFieldMappings", "fieldID"),
        ):
            db.execute(f"UPDATE {table} SET {column} = {column} + 500")
        db.execute("UPDATE baseFieldMappings SET baseFieldID = baseFieldID + 500")
        for table in ("itemTypes", "items", "baseFieldMappings"):
            db.execute(f"UPDATE {table} SET itemTypeID = itemTypeID + 700")
        for table in ("creatorTypes", "itemCreators"):
            db.execute(f"UPDATE {table} SET creatorTypeID = creatorTypeID + 900")
    assert library.records() == before


def test_reads_while_zotero_holds_a_write_lock(library: Library) -> None:
    """immutable=1: no lock is taken, so a library open in Zotero (which locks it) can be read."""
    zotero = sqlite3.connect(library.database, isolation_level=None)
    try:
        zotero.execute("BEGIN EXCLUSIVE")
        zotero.execute("UPDATE items SET dateModified = '2025-01-01 00:00:00' WHERE itemID = 1")
        assert len(read_library(library.database).files) == 4
    finally:
        zotero.execute("ROLLBACK")
        zotero.close()


def test_finding_the_database(library: Library, tmp_path: Path) -> None:
    assert find_database(library.data_dir) == library.database.resolve()
    assert find_database(library.database) == library.database.resolve()
    assert is_zotero_database(library.database)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert not is_zotero_database(other)
    with pytest.raises(UsageError, match="not a Zotero library"):
        find_database(tmp_path / "nowhere")
    with pytest.raises(UsageError, match="cannot read the Zotero database"):
        read_library(other)


def test_collection_and_tag_keys() -> None:
    assert collection_keys("Reading/ Theory") == {"reading", "reading/theory", "theory"}
    assert label_key("  To-Read ") == "to-read"
    assert label_key("/Reading/Theory/") == "reading/theory"


def test_zotero_ranks_above_sidecars_and_below_the_user() -> None:
    zotero = stamp(Metadata(title="Zotero Title", year=2009), "zotero")
    sidecar = stamp(record_from_mapping({"title": "Sidecar Title", "abstract": "Only here."}), "sidecar")
    user = Metadata(year=2010, sources={"year": "user"})
    merged = merge_by_trust([sidecar, user, zotero])
    assert (merged.title, merged.abstract, merged.year) == ("Zotero Title", "Only here.", 2010)
    assert merged.sources == {"title": "zotero", "abstract": "sidecar", "year": "user"}


def test_linked_files_relative_to_the_base_directory(library: Library, tmp_path: Path) -> None:
    """Zotero stores a linked file under its "Linked Attachment Base Directory" as "attachments:<path>"."""
    base = tmp_path / "Papers"
    paper = base / "Learning" / "relative.pdf"
    paper.parent.mkdir(parents=True)
    paper.write_bytes(library.book_pdf.read_bytes())
    with library.connect() as db:
        db.execute("INSERT INTO items (itemID, itemTypeID, libraryID, key) VALUES (60, 1, 1, 'RELATIV1')")
        db.execute(
            "INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path) "
            "VALUES (60, 2, 2, 'application/pdf', 'attachments:Learning/relative.pdf')"
        )
    unknown = [f for f in read_library(library.data_dir).files if f.path.name == "relative.pdf"]
    assert len(unknown) == 1 and "loading.zotero_base_dir" in unknown[0].problem, unknown
    (found,) = [f for f in read_library(library.data_dir, base).files if f.path.name == "relative.pdf"]
    assert found.path == paper and found.problem == "" and found.item.key == "BOOK0001"


def test_group_library_collections_carry_the_group_name(library: Library) -> None:
    """A group's "Reading" is not the personal "Reading": its path starts with the group's name."""
    with library.connect() as db:
        db.execute(
            "INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (2, 'group', 1, 1)"
        )
        db.execute(
            "INSERT INTO groups (groupID, libraryID, name, description, version) "
            "VALUES (7, 2, 'Lab/Team', '', 0)"
        )
        db.execute(
            "INSERT INTO collections (collectionID, collectionName, parentCollectionID, libraryID, key) "
            "VALUES (10, 'Reading', NULL, 2, 'GRPREAD1')"
        )
        db.execute("INSERT INTO collectionItems (collectionID, itemID) VALUES (10, 1)")
    files = {f.path: f for f in read_library(library.data_dir).files}
    assert files[library.article_pdf].collections == ("Lab∕Team/Reading", "Reading/Theory")
    assert files[library.book_pdf].collections == ("Reading",), "the personal collection keeps its path"
