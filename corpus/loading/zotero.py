"""A Zotero library as input: its attachment files, each with the parent item's record and labels.

Zotero keeps a library in `zotero.sqlite` in its data directory and the files it imported in
`storage/<attachment key>/`. `read_library` opens the database read-only and immutable (so it
works while Zotero is running and never touches its lock) and returns, per attachment file of
every item not in the trash, the item's bibliographic record (title, creators in order, date,
publication, volume, issue, pages, DOI, item type, ...: the most trusted metadata source,
field source "zotero"), the full paths of its collections ("Parent/Child") and its tags.
Better BibTeX citation keys (its own `better-bibtex.sqlite`, or Zotero 7's `citationKey`
field, or a "Citation Key:" line in Extra) become the record's `citation_key`. An item Zotero's
retraction check found retracted (`retractedItems`) is noted so (`Metadata.retraction`).

Ids differ between Zotero installations (item types, fields and creator types come from
Zotero's global schema), so every id is looked up by name; nothing here hard-codes one.

    library = read_library(Path("~/Zotero").expanduser())
    for attachment in library.files: ...
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.loading.loaders import content_hash
from corpus.metadata.fields import (
    PRESENTATION_GENRES,
    filed_authors,
    normalise_doi,
    normalise_edition,
    normalise_language,
    normalise_pages,
    parse_issued,
    parse_year,
    stamp,
    thesis_genre,
)
from corpus.metadata.retraction import retraction_note, title_without_mark
from corpus_core.errors import UsageError
from corpus_core.models import RETRACTED, Metadata, Person, RawDocument

logger = logging.getLogger(__name__)

DATABASE_NAME = "zotero.sqlite"
"""The database file in a Zotero data directory."""
BETTER_BIBTEX_NAME = "better-bibtex.sqlite"
"""Better BibTeX's database beside it (table `citationkey`)."""

IMPORTED_FILE, IMPORTED_URL, LINKED_FILE = 0, 1, 2
"""`itemAttachments.linkMode` values of attachments that are files (3 is a link, 4 an image)."""
_FILE_LINK_MODES = (IMPORTED_FILE, IMPORTED_URL, LINKED_FILE)

_KINDS = {
    "journalArticle": "article-journal",
    "magazineArticle": "article-magazine",
    "newspaperArticle": "article-newspaper",
    "book": "book",
    "bookSection": "chapter",
    "conferencePaper": "paper-conference",
    "report": "report",
    "thesis": "thesis",
    "webpage": "webpage",
    "blogPost": "post-weblog",
    "forumPost": "post",
    "manuscript": "manuscript",
    "preprint": "article",
    "encyclopediaArticle": "entry-encyclopedia",
    "dictionaryEntry": "entry-dictionary",
    "patent": "patent",
    "statute": "legislation",
    "case": "legal_case",
    "dataset": "dataset",
    "computerProgram": "software",
    "presentation": "speech",
    "letter": "personal_communication",
    "interview": "interview",
    "film": "motion_picture",
    "map": "map",
    "document": "document",
}
"""Zotero item type -> CSL type (Zotero's own CSL mapping, for the types papers come as)."""

_VENUE_FIELDS = (
    "publicationTitle",
    "bookTitle",
    "proceedingsTitle",
    "websiteTitle",
    "blogTitle",
    "forumTitle",
    "encyclopediaTitle",
    "dictionaryTitle",
    "programTitle",
    "repository",
    "meetingName",
)
"""Fields naming where a work appeared; Zotero maps the type-specific ones to `publicationTitle`."""
_RETRACTION_HIDDEN = 1
"""`retractedItems.flag` of a retraction whose warning the user hid in Zotero."""
_PUBLISHER_FIELDS = ("publisher", "institution", "university", "company", "label", "studio", "network")


def _genre(written: str) -> str:
    """An item's thesis or report type as CSL's genre.

    A degree named in any words ("PhD Thesis", "MSc") as `fields.thesis_genre` names it,
    anything else as written ("Working Paper").
    """
    return thesis_genre(written) or written


def _presentation_genre(written: str) -> str:
    """A presentation's type as APA describes it: "Paper" is "Paper presentation"; others as written."""
    return PRESENTATION_GENRES.get(written.strip().lower(), written)


_EXTRA_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z -]*?)\s*:\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class _ItemRow:
    """An `items` row: the item's type, library, key and when it was last modified."""

    item_type: int
    library_id: int
    key: str
    modified: str


@dataclass(frozen=True)
class ZoteroItem:
    """One Zotero item (a paper, book, chapter): its record, collections and tags.

    The record is built on first use: a run over a library of 10,000 items reads again only
    the files whose stat or `source` changed, and builds only their records.
    """

    library_id: int
    key: str
    date_modified: str
    source: str
    """Hash of the database rows the record is built from (the item's type, fields, creators in
    order and citation key, and the schema naming them): it changes when what Zotero holds of
    the work changes, and is had without building the record. '' for a standalone attachment."""
    build_record: Callable[[], Metadata] = field(repr=False, compare=False)
    collections: tuple[str, ...] = ()
    """Full paths of the collections holding the item ("Parent/Child"), sorted."""
    tags: tuple[str, ...] = ()

    @functools.cached_property
    def metadata(self) -> Metadata:
        """Bibliographic record, every filled field's source "zotero"."""
        return self.build_record()

    @functools.cached_property
    def digest(self) -> str:
        """Hash of the record: it changes exactly when what Zotero says about the work changes."""
        data = json.dumps(self.metadata.digest_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ZoteroFile:
    """One attachment file of an item, with the labels that make it filterable."""

    path: Path
    item: ZoteroItem
    tags: tuple[str, ...]
    """The item's tags and the attachment's own, sorted."""
    problem: str = ""
    """Why the file cannot be read from here ('' when it can be looked for at `path`)."""

    @property
    def collections(self) -> tuple[str, ...]:
        """The item's collections."""
        return self.item.collections


ZOTERO_ITEM = "zotero://select/"
"""How an item without a file is named in the run report and `corpus stats` (its Zotero address)."""


@dataclass(frozen=True)
class UnfiledItem:
    """An item (not in the trash) with no file attachment: its abstract is all it has to index."""

    uri: str
    """Its address in Zotero ("zotero://select/library/items/KEY"): opens the item there."""
    item: ZoteroItem

    @property
    def text(self) -> str:
        """What is indexed of it: its title and abstract ('' without an abstract)."""
        return item_text(self.item.metadata) if self.item.metadata.abstract.strip() else ""


def item_text(record: Metadata) -> str:
    """An item's title and abstract, the text of a work Zotero holds no file of."""
    return f"{record.title}\n\n{record.abstract}".strip()


def item_document(uri: str, record: Metadata) -> RawDocument:
    """An item without a file as a one-page text document (`item_text`), its id its text's hash."""
    text = item_text(record)
    return RawDocument(path=uri, content_hash=content_hash(text.encode("utf-8")), format="txt", pages=[text])


@dataclass(frozen=True)
class ZoteroLibrary:
    """The attachment files of every item of a Zotero database that is not in the trash."""

    database: Path
    files: list[ZoteroFile]
    unfiled: list[UnfiledItem] = field(default_factory=list)
    """Items with no file attachment at all (a record only, or a link), in a stable order."""

    @property
    def name(self) -> str:
        """How the catalog names the library: its database's absolute path."""
        return str(self.database)


def find_database(path: Path) -> Path:
    """`zotero.sqlite` of a Zotero data directory, or the database file itself; UsageError otherwise."""
    candidate = path / DATABASE_NAME if path.is_dir() else path
    if not candidate.is_file():
        raise UsageError(
            f"{path}: not a Zotero library (expected a Zotero data directory holding {DATABASE_NAME}, "
            "or the database file itself)"
        )
    return candidate.resolve()


def is_zotero_database(path: Path) -> bool:
    """Whether `path` is a SQLite file with Zotero's item and attachment tables."""
    if path.suffix.lower() != ".sqlite" or not path.is_file():
        return False
    try:
        with _connect(path) as db:
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return False
    return {"items", "itemAttachments", "itemData"} <= names


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    """Read-only, immutable connection: no lock taken, nothing written, Zotero may keep running."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        yield db


def read_library(path: Path, base_dir: Path | None = None) -> ZoteroLibrary:
    """Every attachment file of the library at `path` (data directory or database), with its item.

    `base_dir` is Zotero's linked-attachment base directory, where "attachments:..." paths are.
    """
    database = find_database(path)
    try:
        with _connect(database) as db:
            reader = _Reader(db, database.parent, base_dir)
            files = list(reader.files())
            unfiled = reader.unfiled({(f.item.library_id, f.item.key) for f in files})
    except sqlite3.Error as exc:
        raise UsageError(f"{database}: cannot read the Zotero database ({exc})") from exc
    return ZoteroLibrary(database, files, unfiled)


def label_key(name: str) -> str:
    """How a tag or collection name is compared: case-folded, spaces collapsed, no edge slashes."""
    return "/".join(" ".join(part.split()) for part in name.casefold().strip().strip("/").split("/"))


def collection_keys(path: str) -> set[str]:
    """Keys a collection path answers to: itself, each ancestor, and each level's own name.

    An item in "Reading/Theory" is found by `--collection Reading/Theory`, by `--collection
    Theory` and by `--collection Reading` (a collection includes its subcollections).
    """
    parts = [p for p in label_key(path).split("/") if p]
    keys: set[str] = set()
    for depth in range(1, len(parts) + 1):
        keys.add("/".join(parts[:depth]))
        keys.add(parts[depth - 1])
    return keys


class _Reader:
    """Reads one open Zotero database; ids are resolved through the database's own name tables."""

    def __init__(self, db: sqlite3.Connection, data_dir: Path, base_dir: Path | None = None) -> None:
        self.db = db
        self.data_dir = data_dir
        self.storage = os.path.join(data_dir, "storage")
        self.base_dir = base_dir.expanduser() if base_dir is not None else None
        self.tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        self.field_names = self._names(("fieldsCombined", "fields"), "fieldID", "fieldName")
        self.type_names = self._names(("itemTypesCombined", "itemTypes"), "itemTypeID", "typeName")
        self.creator_types = self._names(("creatorTypes",), "creatorTypeID", "creatorType")
        self.base_fields = self._base_fields()
        self.primary_creators = self._primary_creators()
        # What names the ids of an item's rows: part of every item's `source`.
        self.schema = repr(
            [
                sorted(names.items())
                for names in (
                    self.field_names,
                    self.type_names,
                    self.creator_types,
                    self.base_fields,
                    self.primary_creators,
                )
            ]
        ).encode()
        self._load()

    def _names(self, tables: tuple[str, ...], id_column: str, name_column: str) -> dict[int, str]:
        """Names by id from the first of `tables` that has rows (Zotero fills the *Combined ones)."""
        for table in tables:
            if table in self.tables:
                rows = self.db.execute(f"SELECT {id_column}, {name_column} FROM {table}").fetchall()
                if rows:
                    return {int(i): str(n) for i, n in rows if n is not None}
        return {}

    def _base_fields(self) -> dict[tuple[int, int], str]:
        """(item type, field) -> base field name: `bookTitle` of a chapter is its `publicationTitle`."""
        for table in ("baseFieldMappingsCombined", "baseFieldMappings"):
            if table in self.tables:
                rows = self.db.execute(f"SELECT itemTypeID, baseFieldID, fieldID FROM {table}").fetchall()
                if rows:
                    return {(t, f): self.field_names.get(b, "") for t, b, f in rows}
        return {}

    def _primary_creators(self) -> dict[int, str]:
        """Item type -> its primary creator type ("author", "programmer", ...)."""
        if "itemTypeCreatorTypes" not in self.tables:
            return {}
        rows = self.db.execute(
            "SELECT itemTypeID, creatorTypeID FROM itemTypeCreatorTypes WHERE primaryField = 1"
        ).fetchall()
        return {t: self.creator_types.get(c, "") for t, c in rows}

    def _by_item(self, sql: str) -> dict[int, list[tuple[Any, ...]]]:
        """Rows of `sql` grouped by their first column (an item id), in the query's order."""
        grouped: dict[int, list[tuple[Any, ...]]] = {}
        for row in self.db.execute(sql):
            grouped.setdefault(int(row[0]), []).append(tuple(row[1:]))
        return grouped

    def files(self) -> Iterator[ZoteroFile]:
        """Each file attachment of each item not in the trash, in a stable order."""
        sql = "SELECT itemID, parentItemID, linkMode, path FROM itemAttachments ORDER BY itemID"
        attachments = self.db.execute(sql).fetchall()
        built: dict[int, ZoteroItem] = {}
        for attachment_id, parent_id, link_mode, stored in attachments:
            owner = attachment_id if parent_id is None else parent_id
            ids = {attachment_id, owner}
            if link_mode not in _FILE_LINK_MODES or not ids <= self.items.keys() or ids & self.deleted:
                continue
            if owner not in built:
                built[owner] = self._item(owner, with_record=parent_id is not None)
            item = built[owner]
            path, problem = self._file_path(link_mode, stored, self.items[attachment_id].key)
            own_tags = self.tags.get(attachment_id, ()) if parent_id is not None else ()
            yield ZoteroFile(path, item, tuple(sorted({*item.tags, *own_tags})), problem)

    def unfiled(self, filed: set[tuple[int, str]]) -> list[UnfiledItem]:
        """Items not in the trash, neither notes nor attachments, not in `filed` (library, key)."""
        skipped_types = {"attachment", "note", "annotation"}
        groups = (
            {int(r[0]): int(r[1]) for r in self.db.execute("SELECT libraryID, groupID FROM groups")}
            if "groups" in self.tables
            else {}
        )
        found = []
        for item_id, row in sorted(self.items.items(), key=lambda pair: (pair[1].library_id, pair[1].key)):
            if (
                item_id in self.deleted
                or (row.library_id, row.key) in filed
                or self.type_names.get(row.item_type, "") in skipped_types
            ):
                continue
            where = f"groups/{groups[row.library_id]}" if row.library_id in groups else "library"
            found.append(UnfiledItem(f"{ZOTERO_ITEM}{where}/items/{row.key}", self._item(item_id)))
        return found

    def _item(self, item_id: int, with_record: bool = True) -> ZoteroItem:
        """The item's record (empty for a standalone attachment, which has none), labels and dates."""
        row = self.items[item_id]
        return ZoteroItem(
            library_id=row.library_id,
            key=row.key,
            date_modified=row.modified,
            source=self._source(item_id, row) if with_record else "",
            build_record=functools.partial(self._stamped_record, item_id, row, with_record),
            collections=self.collections.get(item_id, ()),
            tags=self.tags.get(item_id, ()),
        )

    def _stamped_record(self, item_id: int, row: _ItemRow, with_record: bool) -> Metadata:
        return stamp(self._record(item_id, row) if with_record else Metadata(), "zotero")

    def _source(self, item_id: int, row: _ItemRow) -> str:
        """`ZoteroItem.source`: a hash of what `_record` reads of the item, as the database holds it."""
        fields = sorted(self.data.get(item_id, []))  # one row per field: sorted by field id
        creators = self.creators.get(item_id, [])  # in Zotero's order, which the record keeps
        cited = self.keys.get((row.library_id, row.key), "")
        retracted = self.retracted.get(item_id, "")  # hashed only where it is, so other items keep their hash
        rows = repr((row.item_type, fields, creators, cited, *([retracted] if retracted else []))).encode()
        return hashlib.sha256(self.schema + rows).hexdigest()[:16]

    def _load(self) -> None:
        """Read every item's row, fields, creators (in order), collections, tags, BibTeX key; the trash."""
        self.data = self._by_item(
            "SELECT d.itemID, d.fieldID, v.value FROM itemData d "
            "JOIN itemDataValues v ON v.valueID = d.valueID"
        )
        self.creators = self._by_item(
            "SELECT ic.itemID, c.firstName, c.lastName, c.fieldMode, ic.creatorTypeID FROM itemCreators ic "
            "JOIN creators c ON c.creatorID = ic.creatorID ORDER BY ic.itemID, ic.orderIndex"
        )
        paths = self._collections()
        self.collections = {
            item_id: tuple(sorted({paths[r[0]] for r in rows if r[0] in paths}))
            for item_id, rows in self._by_item("SELECT itemID, collectionID FROM collectionItems").items()
        }
        self.keys = self._better_bibtex_keys()
        sql = "SELECT itemID, itemTypeID, libraryID, key, dateModified FROM items"
        self.items = {
            r[0]: _ItemRow(int(r[1]), int(r[2]), str(r[3]), str(r[4])) for r in self.db.execute(sql)
        }
        self.deleted = {r[0] for r in self.db.execute("SELECT itemID FROM deletedItems")}
        self.retracted = self._retractions()
        self.tags = {
            item_id: _tag_names(rows)
            for item_id, rows in self._by_item(
                "SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID"
            ).items()
        }

    def _retractions(self) -> dict[int, str]:
        """APA's note of each item Zotero's retraction check found retracted (`retraction.retraction_note`).

        Zotero keeps them in `retractedItems` with the Retraction Watch data it matched (the
        retraction's "date"); an item whose warning the user hid (flag 1) is left unmarked, as
        Zotero shows it.
        """
        if "retractedItems" not in self.tables:
            return {}
        notes: dict[int, str] = {}
        for item_id, data, flag in self.db.execute("SELECT itemID, data, flag FROM retractedItems"):
            if flag == _RETRACTION_HIDDEN:
                continue
            try:
                stated = json.loads(data or "{}")
            except ValueError:
                stated = {}
            date = stated.get("date") if isinstance(stated, dict) else None
            notes[int(item_id)] = retraction_note(parse_year(date) if date else None)
        return notes

    def _collections(self) -> dict[int, str]:
        """Full path ("Parent/Child") by collection id; those in the trash (or under one) left out.

        A group library's collections start with the group's name ("Lab/Reading"), so they do not
        merge with the personal library's collections of the same name.
        """
        sql = "SELECT collectionID, collectionName, parentCollectionID, libraryID FROM collections"
        found = list(self.db.execute(sql))
        rows = {r[0]: (str(r[1]), r[2]) for r in found}
        groups = (
            {r[0]: str(r[1]) for r in self.db.execute("SELECT libraryID, name FROM groups")}
            if "groups" in self.tables
            else {}
        )
        group_of = {r[0]: groups.get(r[3], "") for r in found}
        deleted = (
            {r[0] for r in self.db.execute("SELECT collectionID FROM deletedCollections")}
            if "deletedCollections" in self.tables
            else set()
        )
        paths: dict[int, str] = {}
        for collection_id in rows:
            names: list[str] = []
            current: int | None = collection_id
            seen: set[int] = set()
            while current is not None and current in rows and current not in seen and current not in deleted:
                seen.add(current)
                name, parent = rows[current]
                names.append(name.replace("/", "∕"))
                current = parent
            if current is None:  # reached the top without meeting a deleted or missing collection
                group = group_of[collection_id].replace("/", "∕")
                paths[collection_id] = "/".join([group, *reversed(names)] if group else reversed(names))
        return paths

    def _better_bibtex_keys(self) -> dict[tuple[int, str], str]:
        """(library id, item key) -> citation key from Better BibTeX's database, when it is there."""
        database = self.data_dir / BETTER_BIBTEX_NAME
        if not database.is_file():
            return {}
        try:
            with _connect(database) as db:
                rows = db.execute("SELECT libraryID, itemKey, citationKey FROM citationkey").fetchall()
        except sqlite3.Error as exc:
            logger.warning("ignoring Better BibTeX keys in %s: %s", database, exc)
            return {}
        return {(int(lib), str(key)): str(cite) for lib, key, cite in rows if key and cite}

    def _record(self, item_id: int, row: _ItemRow) -> Metadata:
        """The item's fields as a record (base field names too, so `bookTitle` counts as the venue)."""
        values: dict[str, str] = {}
        for field_id, value in self.data.get(item_id, []):
            name = self.field_names.get(field_id, "")
            raw = str(value) if value is not None else ""
            text = raw.strip() if name == "extra" else " ".join(raw.split())  # Extra keeps its lines
            if not text or not name:
                continue
            values.setdefault(name, text)
            base = self.base_fields.get((row.item_type, field_id), "")
            if base:
                values.setdefault(base, text)
        extra = _extra_fields(values.get("extra", ""))

        def first(*names: str) -> str:
            return next((values[n] for n in names if values.get(n)), "")

        people = self._people(row.item_type, self.creators.get(item_id, []))
        authors, editors = people.get("", []), people.get("editor", [])
        kind = _KINDS.get(self.type_names.get(row.item_type, ""), "")
        year, date = parse_issued(first("date", "dateEnacted", "dateDecided", "issueDate"))
        title = first("title", "caseName", "nameOfAct", "subject")
        unmarked = title_without_mark(title)  # Zotero keeps a reissued title: "RETRACTED ARTICLE: ..."
        return Metadata(
            title=unmarked or title,
            authors=filed_authors(authors, editors, kind),
            editors=editors,
            translators=people.get("translator", []),
            reviewed_authors=people.get("reviewedAuthor", []),
            year=year,
            original_year=parse_year(first("originalDate") or _original_date(extra)),
            date=date,
            venue=first(*_VENUE_FIELDS),
            doi=normalise_doi(first("DOI") or extra.get("doi", "")),
            abstract=first("abstractNote"),
            publisher=first(*_PUBLISHER_FIELDS),
            volume=first("volume", "codeVolume", "reporterVolume"),
            issue=first("issue", "reportNumber"),
            pages=normalise_pages(first("pages", "firstPage")),
            url=first("url"),
            isbn=first("ISBN"),
            kind=kind,
            genre=_genre(first("thesisType", "reportType"))
            or _presentation_genre(first("presentationType"))
            or first("manuscriptType")
            or extra.get("genre", ""),  # CSL's variable in Extra, as Zotero's styles read it: "Genre: ..."
            edition=normalise_edition(first("edition")),
            language=normalise_language(first("language")),
            citation_key=(
                self.keys.get((row.library_id, row.key))
                or first("citationKey")
                or extra.get("citation key", "")
            ),
            retraction=self.retracted.get(item_id) or (RETRACTED if unmarked else ""),
        )

    def _people(self, type_id: int, creators: list[tuple[Any, ...]]) -> dict[str, list[Person]]:
        """The item's creators by Zotero's creator type, in Zotero's order; the primary ones under ''.

        The primary ones are its authors (a talk's presenters); the others are "editor", "translator",
        "reviewedAuthor" and the rest of Zotero's creator types.
        """
        primary = self.primary_creators.get(type_id) or "author"
        by_role: dict[str, list[Person]] = {}
        for first_name, last_name, field_mode, creator_type in creators:
            last, first = str(last_name or "").strip(), str(first_name or "").strip()
            found = Person(literal=last) if field_mode == 1 else Person(family=last, given=first)
            role = self.creator_types.get(creator_type, "")
            if found.display:
                by_role.setdefault("" if role == primary else role, []).append(found)
        return by_role

    def _file_path(self, link_mode: int, stored: str | None, attachment_key: str) -> tuple[Path, str]:
        """Where an attachment's file is, and why it cannot be read from there ('' when it may be)."""
        text = str(stored or "")
        if link_mode in (IMPORTED_FILE, IMPORTED_URL):
            name = text.removeprefix("storage:")
            folder = os.path.join(self.storage, attachment_key)  # one Path made a file, not three
            if not text.startswith("storage:") or not name:
                return Path(folder), "Zotero attachment without a stored file name"
            return Path(os.path.join(folder, name)), ""
        if text.startswith("attachments:"):
            relative = text.removeprefix("attachments:")
            if self.base_dir is not None and relative and not Path(relative).is_absolute():
                return self.base_dir / relative, ""
            return Path(relative), (
                "linked file relative to Zotero's linked-attachment base directory; set "
                "loading.zotero_base_dir (CORPUS_LOADING__ZOTERO_BASE_DIR) to that folder"
            )
        return Path(text), "" if text and Path(text).is_absolute() else "linked file without an absolute path"


def _original_date(extra: dict[str, str]) -> str:
    """The original date Extra gives as CSL's variable ("original-date: 1966") or Zotero's label for it."""
    return extra.get("original-date") or extra.get("original date") or ""


def _extra_fields(extra: str) -> dict[str, str]:
    """Values of the `Key: value` lines of Zotero's Extra field by lower-case key (`Citation Key: x`)."""
    return {m.group(1).strip().lower(): m.group(2) for m in _EXTRA_LINE.finditer(extra)}


def _tag_names(rows: Iterable[tuple[object, ...]]) -> tuple[str, ...]:
    return tuple(sorted({" ".join(str(r[0]).split()) for r in rows if str(r[0]).strip()}))
