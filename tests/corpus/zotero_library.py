"""A small Zotero data directory built from Zotero's real schema, for the Zotero tests.

`build_library(root)` executes Zotero's own `userdata.sql` and `system.sql` (tests/data/zotero,
see its README), fills the tables Zotero takes from its global schema.json with just the item
types, fields and creator types used here (plausible ids, deliberately not Zotero's: the
reader must look every id up by name), then adds:

- ARTICLE (journalArticle): two authors and an editor, a date in Zotero's "yyyy-mm-dd
  original" form, journal, volume, issue, pages, DOI; in collection "Reading/Theory"; tags
  "co-creation" and "to-read"; an imported PDF in storage/ATTART01/ (tagged "_read" itself);
  its Better BibTeX key in better-bibtex.sqlite;
- BOOK (book): one author, publisher, ISBN, Zotero 7's citationKey field; in "Reading"; a
  linked file (absolute path) to a shared third-party PDF;
- CHAPTER (bookSection): author and editor, book title, pages, a "Citation Key:" line in
  Extra; in collection "Methods"; an imported copy of a shared PDF and a second imported
  attachment whose file is missing (not synced);
- GONE (journalArticle) in the trash (deletedItems) with its own imported PDF, and a note.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.zotero import read_library
from corpus_core.models import Metadata
from tests.conftest import PDFS, TEST_DATA

SCHEMA = TEST_DATA / "zotero"

ITEM_TYPES = {
    "note": 31,
    "book": 37,
    "bookSection": 38,
    "journalArticle": 44,
    "attachment": 46,
    "thesis": 47,
    "presentation": 48,
    "manuscript": 49,
}
FIELDS = {
    "title": 201,
    "abstractNote": 202,
    "publicationTitle": 203,
    "volume": 204,
    "issue": 205,
    "pages": 206,
    "date": 207,
    "DOI": 208,
    "url": 209,
    "publisher": 210,
    "ISBN": 211,
    "bookTitle": 212,
    "language": 213,
    "extra": 214,
    "citationKey": 215,
    "thesisType": 216,
    "university": 217,
    "edition": 218,
    "meetingName": 219,
    "presentationType": 220,
    "manuscriptType": 221,
}
CREATOR_TYPES = {
    "author": 61, "editor": 63, "bookAuthor": 65, "reviewedAuthor": 69, "presenter": 71, "translator": 73,
}  # fmt: skip

ARTICLE_TEXT = [
    "Value co-creation with customers in the learning organisation",
    "Organisations that learn together with their customers create value in new ways.",
    "Dialogue with customers lets a firm absorb knowledge it could not produce alone, and",
    "co-creation turns that dialogue into new services. Managers who enable this learning",
    "make the customer a partner of innovation rather than a target of marketing.",
    "We study eleven firms over three years and find that co-creation depends on trust,",
    "on shared tools and on leaders who protect time for experiments with customers.",
]
GONE_TEXT = [
    "Penguin colonies of the southern ocean",
    "Emperor penguins breed in the coldest season, huddling on the sea ice for months.",
    "Their colonies move as the ice shifts, and satellite images count them from space.",
    "Colony sizes fell where the sea ice broke up early in the spring of recent years.",
]


@dataclass(frozen=True)
class Library:
    """The built data directory and the files its attachments point at."""

    data_dir: Path
    article_pdf: Path
    book_pdf: Path
    chapter_pdf: Path
    missing_pdf: Path
    gone_pdf: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "zotero.sqlite"

    def connect(self) -> sqlite3.Connection:
        """A writable connection, to change the library between runs (as Zotero would)."""
        return sqlite3.connect(self.database, isolation_level=None)

    def records(self) -> dict[str, Metadata]:
        """Every item's record as the reader builds it, by item key."""
        return {f.item.key: f.item.metadata for f in read_library(self.data_dir).files}


def write_pdf(path: Path, lines: list[str], repeat: int = 3) -> Path:
    """A one-page text PDF (reportlab) with `lines` repeated `repeat` times."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    text = pdf.beginText(50, 790)
    text.setFont("Helvetica", 10)
    for _ in range(repeat):
        for line in lines:
            text.textLine(line)
        text.textLine("")
    pdf.drawText(text)
    pdf.save()
    return path


class LibraryWriter:
    """Adds items, fields, creators, tags and attachments to a Zotero database as Zotero would."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        (top,) = db.execute("SELECT COALESCE(MAX(creatorID), 0) FROM creators").fetchone()
        self.next_creator = int(top) + 1

    def article(self, item_id: int, key: str, title: str, **fields: str) -> None:
        """A journal article with its title and other fields, by Zotero's field names."""
        self.item(item_id, "journalArticle", key)
        for name, value in {"title": title, **fields}.items():
            self.field(item_id, name, value)

    def item(self, item_id: int, type_name: str, key: str, modified: str = "2024-05-01 10:00:00") -> None:
        self.db.execute(
            "INSERT INTO items (itemID, itemTypeID, dateAdded, dateModified, clientDateModified, "
            "libraryID, key) VALUES (?, ?, '2024-01-01 09:00:00', ?, ?, 1, ?)",
            (item_id, ITEM_TYPES[type_name], modified, modified, key),
        )

    def field(self, item_id: int, name: str, value: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)", (value,))
        (value_id,) = self.db.execute(
            "SELECT valueID FROM itemDataValues WHERE value = ?", (value,)
        ).fetchone()
        self.db.execute(
            "INSERT OR REPLACE INTO itemData (itemID, fieldID, valueID) VALUES (?, ?, ?)",
            (item_id, FIELDS[name], value_id),
        )

    def creator(self, item_id: int, order: int, role: str, last: str, first: str = "") -> None:
        """Name a creator of an item, one row of `creators` per person as Zotero keeps them."""
        mode = 0 if first else 1
        found = self.db.execute(
            "SELECT creatorID FROM creators WHERE firstName = ? AND lastName = ? AND fieldMode = ?",
            (first, last, mode),
        ).fetchone()
        if found is None:
            creator_id = self.next_creator
            self.next_creator += 1
            self.db.execute(
                "INSERT INTO creators (creatorID, firstName, lastName, fieldMode) VALUES (?, ?, ?, ?)",
                (creator_id, first, last, mode),
            )
        else:
            creator_id = found[0]
        self.db.execute(
            "INSERT INTO itemCreators (itemID, creatorID, creatorTypeID, orderIndex) VALUES (?, ?, ?, ?)",
            (item_id, creator_id, CREATOR_TYPES[role], order),
        )

    def tag(self, item_id: int, name: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
        (tag_id,) = self.db.execute("SELECT tagID FROM tags WHERE name = ?", (name,)).fetchone()
        self.db.execute("INSERT INTO itemTags (itemID, tagID, type) VALUES (?, ?, 0)", (item_id, tag_id))

    def attachment(self, item_id: int, parent_id: int, key: str, link_mode: int, path: str) -> None:
        self.item(item_id, "attachment", key)
        self.db.execute(
            "INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path) "
            "VALUES (?, ?, ?, 'application/pdf', ?)",
            (item_id, parent_id, link_mode, path),
        )


def empty_library(data_dir: Path) -> sqlite3.Connection:
    """A Zotero data directory holding no item yet: its database, open for writing."""
    data_dir.mkdir(parents=True)
    db = sqlite3.connect(data_dir / "zotero.sqlite", isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")  # a test fixture: no fsync per statement
    db.execute("PRAGMA journal_mode = MEMORY")
    db.executescript((SCHEMA / "userdata.sql").read_text(encoding="utf-8"))
    db.executescript((SCHEMA / "system.sql").read_text(encoding="utf-8"))
    db.executemany(
        "INSERT INTO itemTypes (itemTypeID, typeName) VALUES (?, ?)", [(v, k) for k, v in ITEM_TYPES.items()]
    )
    db.executemany(
        "INSERT INTO fields (fieldID, fieldName) VALUES (?, ?)", [(v, k) for k, v in FIELDS.items()]
    )
    db.executemany(
        "INSERT INTO creatorTypes (creatorTypeID, creatorType) VALUES (?, ?)",
        [(v, k) for k, v in CREATOR_TYPES.items()],
    )
    # bookSection's bookTitle is its publicationTitle (Zotero's base field mapping)
    db.execute(
        "INSERT INTO baseFieldMappings VALUES (?, ?, ?)",
        (ITEM_TYPES["bookSection"], FIELDS["publicationTitle"], FIELDS["bookTitle"]),
    )
    db.execute("INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, 'user', 1, 1)")
    return db


def build_library(root: Path) -> Library:
    """A Zotero data directory under `root` (and a linked file outside it); see the module docstring."""
    data_dir = root / "Zotero"
    storage = data_dir / "storage"
    db = empty_library(data_dir)
    write = LibraryWriter(db)

    write.item(1, "journalArticle", "ARTICLE1")
    write.field(1, "title", "Value co-creation with customers: a strategy for organisational learning")
    write.field(1, "publicationTitle", "International Journal of Learning and Intellectual Capital")
    write.field(1, "volume", "6")
    write.field(1, "issue", "1/2")
    write.field(1, "pages", "21-35")
    write.field(1, "date", "2009-03-00 March 2009")
    write.field(1, "DOI", "10.1504/IJLIC.2009.021718")
    write.field(1, "language", "en")
    write.creator(1, 0, "author", "Chung", "Yin Min")
    write.creator(1, 1, "editor", "Editor", "Ed")
    write.creator(1, 2, "author", "Knight", "Louise")
    write.tag(1, "co-creation")
    write.tag(1, "to-read")
    article_pdf = write_pdf(storage / "ATTART01" / "Chung - 2009 - Value co-creation.pdf", ARTICLE_TEXT)
    write.attachment(11, 1, "ATTART01", 0, f"storage:{article_pdf.name}")
    write.tag(11, "_read")

    write.item(2, "book", "BOOK0001")
    write.field(2, "title", "The Fifth Discipline")
    write.field(2, "publisher", "Doubleday")
    write.field(2, "date", "1990")
    write.field(2, "ISBN", "978-0-385-26094-7")
    write.field(2, "citationKey", "senge1990fifth")
    write.creator(2, 0, "author", "Senge", "Peter M.")
    book_pdf = PDFS / "pdflatex-4-pages.pdf"
    write.attachment(21, 2, "ATTBOOK1", 2, str(book_pdf))

    write.item(3, "bookSection", "CHAPTER1")
    write.field(3, "title", "Knowledge creation in teams")
    write.field(3, "bookTitle", "Handbook of Organizational Learning")
    write.field(3, "pages", "45-67")
    write.field(3, "date", "2001-00-00 2001")
    write.field(3, "extra", "Original Date: 1999\nCitation Key: nonaka2001knowledge")
    write.creator(3, 0, "author", "Nonaka", "Ikujiro")
    write.creator(3, 1, "editor", "Dierkes", "Meinolf")
    chapter_pdf = storage / "ATTCHAP1" / "crazyones.pdf"
    chapter_pdf.parent.mkdir(parents=True)
    shutil.copy(PDFS / "crazyones-pdfa.pdf", chapter_pdf)
    write.attachment(31, 3, "ATTCHAP1", 1, f"storage:{chapter_pdf.name}")
    write.attachment(32, 3, "ATTCHAP2", 0, "storage:appendix.pdf")  # never synced to this computer

    write.item(4, "journalArticle", "GONEITEM")
    write.field(4, "title", "Penguin colonies of the southern ocean")
    write.creator(4, 0, "author", "Gone", "Ann")
    gone_pdf = write_pdf(storage / "ATTGONE1" / "penguins.pdf", GONE_TEXT)
    write.attachment(41, 4, "ATTGONE1", 0, f"storage:{gone_pdf.name}")
    db.execute("INSERT INTO deletedItems (itemID) VALUES (4)")

    write.item(5, "note", "NOTEITEM")
    db.execute("INSERT INTO itemNotes (itemID, parentItemID, note) VALUES (5, 1, '<p>a note</p>')")

    db.executemany(
        "INSERT INTO collections (collectionID, collectionName, parentCollectionID, libraryID, key) "
        "VALUES (?, ?, ?, 1, ?)",
        [(1, "Reading", None, "COLLREAD"), (2, "Theory", 1, "COLLTHEO"), (3, "Methods", None, "COLLMETH")],
    )
    db.executemany(
        "INSERT INTO collectionItems (collectionID, itemID) VALUES (?, ?)", [(2, 1), (1, 2), (3, 3), (3, 4)]
    )
    db.close()

    bbt = sqlite3.connect(data_dir / "better-bibtex.sqlite", isolation_level=None)
    bbt.execute(
        "CREATE TABLE citationkey (itemID NOT NULL, itemKey NOT NULL, libraryID NOT NULL, "
        "citationKey NOT NULL, pinned CHECK (pinned in (0, 1)) DEFAULT 0)"
    )
    bbt.execute("INSERT INTO citationkey VALUES (1, 'ARTICLE1', 1, 'chung2009value', 0)")
    bbt.close()
    return Library(
        data_dir, article_pdf, book_pdf, chapter_pdf, storage / "ATTCHAP2" / "appendix.pdf", gone_pdf
    )
