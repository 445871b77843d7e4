"""The store's catalog (SQLite): files, documents, chunks, works, corrections and runs.

Chroma holds vectors; everything a citation, `corpus show` or the lexical index needs
lives here. Documents are written in batches as `begun`, their chunks go to Chroma and
the lexical index, and only then are they marked `ready` (one transaction per step), so an
interrupted run is found and redone on the next start. Searches read only rows of ready
documents, by primary key or index: nothing on the query path scans the whole store.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.dedup import lsh_bands, title_key
from corpus.loading.zotero import collection_keys, label_key
from corpus.metadata.fields import fold
from corpus.metadata.name_query import NameQuery
from corpus.metadata.venue_query import VenueQuery
from corpus_core.errors import NotFoundError, StoreAccessError, StoreVersionError
from corpus_core.models import Chunk, CleaningStats, Document, Metadata, PageSpan, Reference, Section
from corpus_core.runs import FileOutcome

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, content_hash TEXT, doc_id TEXT, status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '', chunks INTEGER NOT NULL DEFAULT 0, updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, work_id TEXT NOT NULL, source TEXT NOT NULL, content_hash TEXT NOT NULL,
    format TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL, metadata TEXT NOT NULL,
    pages TEXT NOT NULL, sections TEXT NOT NULL, refs TEXT NOT NULL, cleaning TEXT NOT NULL,
    references_start INTEGER, signature TEXT NOT NULL DEFAULT '[]', chunk_count INTEGER NOT NULL DEFAULT 0,
    ingested REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_work ON documents(work_id);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, page_start INTEGER, page_end INTEGER, section TEXT NOT NULL,
    page_label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS works (
    work_id TEXT PRIMARY KEY, metadata TEXT NOT NULL, title TEXT NOT NULL, year INTEGER,
    authors TEXT NOT NULL, venue TEXT NOT NULL, language TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    doc_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (doc_id, field)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL, finished REAL, report TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
"""Release 0.1's schema (stores of that release have user_version 0 and exactly these tables)."""


def _migrate_to_1(db: sqlite3.Connection) -> None:
    """Create the release 0.1 tables (a no-op on a 0.1 store)."""
    for statement in _SCHEMA_V1.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate_to_2(db: sqlite3.Connection) -> None:
    """Indexes for work linking and search at library size, the citation cache, clearer names.

    - files.content_hash is renamed fingerprint (it always held the fingerprint);
    - documents get title_key and page_count, and lsh_bands holds each signature's LSH band
      keys, so linking a new document is one indexed query instead of reloading every signature;
    - citations caches each work's rendered forms per style, dropped when the record changes;
    - a store generation counter lets long-lived readers notice a finished run.
    """
    db.execute("ALTER TABLE files RENAME COLUMN content_hash TO fingerprint")
    db.execute("ALTER TABLE documents ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE documents ADD COLUMN page_count INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX documents_title_key ON documents(title_key) WHERE title_key != ''")
    db.execute("CREATE INDEX documents_status ON documents(status)")
    db.execute("CREATE INDEX files_doc ON files(doc_id)")
    db.execute("CREATE TABLE lsh_bands (band_key TEXT NOT NULL, doc_id TEXT NOT NULL)")
    db.execute("CREATE INDEX lsh_bands_key ON lsh_bands(band_key)")
    db.execute("CREATE INDEX lsh_bands_doc ON lsh_bands(doc_id)")
    db.execute(
        "CREATE TABLE citations (work_id TEXT NOT NULL, style TEXT NOT NULL, forms TEXT NOT NULL, "
        "PRIMARY KEY (work_id, style))"
    )
    rows = db.execute("SELECT doc_id, metadata, signature, pages FROM documents").fetchall()
    for doc_id, metadata, sig, pages in rows:
        db.execute(
            "UPDATE documents SET title_key = ?, page_count = ? WHERE doc_id = ?",
            (title_key(json.loads(metadata).get("title", "")), len(json.loads(pages)), doc_id),
        )
        db.executemany(
            "INSERT INTO lsh_bands VALUES (?, ?)", [(key, doc_id) for key in lsh_bands(json.loads(sig))]
        )
    db.execute("INSERT OR REPLACE INTO settings VALUES ('generation', '1')")


def _migrate_to_3(db: sqlite3.Connection) -> None:
    """chunks.ocr: whether a chunk's text was read by OCR (0 for every chunk written before)."""
    db.execute("ALTER TABLE chunks ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0")


def _migrate_to_4(db: sqlite3.Connection) -> None:
    """Files from a Zotero library: their item, collections and tags, and the keys filters match.

    - labelled_files: per file path, the library (its database path) and item it came from,
      with its collections ("Parent/Child") and tags as JSON, for `corpus show` and pruning;
    - labels: one row per (file, kind, match key), so `--tag`/`--collection` is an indexed lookup.
    """
    db.execute(
        "CREATE TABLE labelled_files (path TEXT PRIMARY KEY, library TEXT NOT NULL, item_key TEXT NOT NULL, "
        "collections TEXT NOT NULL, tags TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX labelled_files_library ON labelled_files(library)")
    db.execute("CREATE TABLE labels (path TEXT NOT NULL, kind TEXT NOT NULL, label_key TEXT NOT NULL)")
    db.execute("CREATE INDEX labels_key ON labels(kind, label_key)")
    db.execute("CREATE INDEX labels_path ON labels(path)")


_CHUNK_ROWS = "SELECT c.*, d.rowid AS doc_row FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
"""Chunk rows with where their texts lie (add a WHERE clause; `Catalog._chunks` reads the texts)."""


def _byte_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans [start, end) of `text` as spans of its UTF-8 bytes (as SQLite holds it).

    One pass over the text: the pieces between consecutive boundaries are encoded once.
    """
    if text.isascii():
        return spans
    at: dict[int, int] = {}
    done, size = 0, 0
    for point in sorted({p for span in spans for p in span}):
        size += len(text[done:point].encode())
        at[point], done = size, point
    return [(at[start], at[end]) for start, end in spans]


def _keys_of(write: DocumentWrite) -> list[bytes | None]:
    """The passage key of each chunk of a write (None for each when the write has none)."""
    return list(write.passage_keys) if write.passage_keys else [None] * len(write.chunks)


def _migrate_to_5(db: sqlite3.Connection) -> None:
    """chunks.passage_key: the digest of what each chunk's vector encodes, so a run can reuse it.

    NULL for chunks written before: their vectors are not reused (what an earlier release
    encoded is not known exactly); they get a key when their file is next processed.
    """
    db.execute("ALTER TABLE chunks ADD COLUMN passage_key BLOB")


def _migrate_to_6(db: sqlite3.Connection) -> None:
    """chunks.text replaced by byte_start/byte_end: a chunk's text is read from its document's.

    Every release cut a chunk's text as `document.text[start:end]`, so no text is lost; the
    catalog stops holding each passage twice (a batch's commit wrote about 2.5 MB, half of
    it the copy). The byte offsets let a search read a passage's bytes alone from the
    document's text (`sqlite3.Blob`), not the whole book it sits in. The file is compacted
    after the migration commits (`Catalog._give_back_space`).
    """
    db.execute("ALTER TABLE chunks ADD COLUMN byte_start INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE chunks ADD COLUMN byte_end INTEGER NOT NULL DEFAULT 0")
    for doc_id, text in db.execute("SELECT doc_id, text FROM documents").fetchall():
        rows = db.execute("SELECT chunk_id, start, end FROM chunks WHERE doc_id = ?", (doc_id,)).fetchall()
        spans = _byte_spans(text, [(start, end) for _, start, end in rows])
        db.executemany(
            "UPDATE chunks SET byte_start = ?, byte_end = ? WHERE chunk_id = ?",
            [(*span, chunk_id) for (chunk_id, _, _), span in zip(rows, spans, strict=True)],
        )
    db.execute("ALTER TABLE chunks DROP COLUMN text")


def _migrate_to_7(db: sqlite3.Connection) -> None:
    """works.authors holds each name folded ("christian gronroos"), as an author filter reads it.

    An author filter folds the query (`corpus.metadata.name_query`), so "Gronroos" finds
    Grönroos; the names written before (lower case, accents kept) are folded here.
    """
    rows = db.execute("SELECT work_id, authors FROM works").fetchall()
    db.executemany(
        "UPDATE works SET authors = ? WHERE work_id = ?",
        [(" | ".join(fold(name) for name in authors.split(" | ")), work_id) for work_id, authors in rows],
    )


def _migrate_to_8(db: sqlite3.Connection) -> None:
    """file_stats: what each file's `stat` said when its fingerprint was computed (`indexing.changes`).

    A run then reads again only the files whose size, times or inode changed, not every byte of
    the library; a store upgraded from before reads each file once more, then keeps its stats.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS file_stats "
        "(path TEXT PRIMARY KEY, stat_key TEXT NOT NULL, fingerprint TEXT NOT NULL)"
    )


_RETRACTS = "json_extract(metadata, '$.retracts')"
"""The DOI a document, a notice of retraction, retracts (`Metadata.retracts`), as its index reads it."""
_DOI = "lower(json_extract(metadata, '$.doi'))"
"""A document's DOI in lower case, as its index reads it."""


def _migrate_to_9(db: sqlite3.Connection) -> None:
    """Indexes of documents by the DOI they hold and the DOI they retract (`indexing.linking`).

    A notice of retraction in the corpus marks the work with the DOI it retracts, whichever of the
    two arrives first: each is found by an index, not by reading every document's record.
    """
    db.execute(f"CREATE INDEX IF NOT EXISTS documents_retracts ON documents({_RETRACTS})")
    db.execute(f"CREATE INDEX IF NOT EXISTS documents_doi ON documents({_DOI})")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
    _migrate_to_6,
    _migrate_to_7,
    _migrate_to_8,
    _migrate_to_9,
)
"""MIGRATIONS[i] brings a catalog from schema version i to i + 1 (`PRAGMA user_version`)."""
SCHEMA_VERSION = len(MIGRATIONS)
_COMPACT_BELOW = 6
"""A catalog upgraded from a schema below this is compacted once (`_migrate_to_6` freed half of it)."""

log = logging.getLogger(__name__)


BEGUN = "begun"
"""Status of a document whose rows are written but whose vectors or lexical entries may not be yet:
the next plan removes and redoes it (stores of earlier releases wrote 'indexing' for the same).

It is exactly as long as `READY` on purpose. Flipping it then leaves the row's size unchanged,
and SQLite overwrites the row in place instead of writing the whole row again (the document's
text, pages and references) into the WAL: `finish_documents` took 4-5 ms per 25 documents of
40 KB with 'indexing', 0.6 ms with a five-letter status (benchmarks/RESULTS.md).
"""
READY = "ready"
"""Status of a searchable document: its vectors and lexical entries are committed."""
LINK_CANDIDATES = 64
"""Most stored documents a new document is compared with when linking it to a work
(`Catalog.link_candidates`); documents of one work share its title or bands, and a work of
more versions than this is linked through the first of them."""


@dataclass(frozen=True)
class FileRecord:
    """What the catalog knows about one source file."""

    path: str
    fingerprint: str
    """Hash of the file's bytes, its sidecars and the settings that shaped its document."""
    doc_id: str
    status: str
    reason: str
    chunks: int
    stat_key: str = ""
    """The file's stat (`indexing.changes.stat_key`) when `fingerprint` was computed from its
    bytes; '' when not known (not remembered, or the record changed since)."""


@dataclass(frozen=True)
class LabelledFile:
    """A file from a Zotero library: the item it belongs to, its collections and tags."""

    path: str
    library: str
    """The library's database (absolute path)."""
    item_key: str
    collections: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkRecord:
    """A work: its canonical metadata and the documents (files) that are versions of it."""

    work_id: str
    metadata: Metadata
    doc_ids: list[str]


@dataclass(frozen=True)
class LinkRecord:
    """What work linking compares: a stored document's work, record and MinHash signature."""

    doc_id: str
    work_id: str
    metadata: Metadata
    signature: list[int]


@dataclass(frozen=True)
class DocumentWrite:
    """A document to write in one batch: its chunks, the work it joins and its signature."""

    document: Document
    chunks: list[Chunk]
    work_id: str
    signature: list[int]
    passage_keys: list[bytes] = field(default_factory=list)
    """Per chunk, the digest of what its vector encodes (`indexing.prepare.passage_key`); may be empty."""


@dataclass
class StoreStats:
    """Counts for `corpus stats` and `/health`."""

    documents: int = 0
    works: int = 0
    chunks: int = 0
    pages: int = 0
    by_year: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    failures: list[FileOutcome] = field(default_factory=list)
    last_run: dict[str, Any] = field(default_factory=dict)


_ESCAPES = r"x(?:5c|[89a-f][0-9a-f])|ud[89a-f][0-9a-f]{2}"
_TO_ESCAPE = re.compile(rf"\\(?={_ESCAPES})|[\ud800-\udfff]")
_ESCAPED = re.compile(rf"\\({_ESCAPES})")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\\":
        return "\\x5c"
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code == "x5c":
        return "\\"
    return chr(0xDC00 + int(code[1:], 16)) if code[0] == "x" else chr(int(code[1:], 16))


def storable_path(path: str) -> str:
    r"""A path as the catalog stores it, and as people see it: valid UTF-8 text, reversible.

    A file name that is not valid UTF-8 reaches Python with its bad bytes as lone surrogates
    (`latin1name_\udce9.txt`, os.fsdecode's surrogateescape), which SQLite cannot store
    and a terminal cannot print. Each such byte becomes `\xe9` (another lone surrogate,
    possible on Windows, `\ud800`); a backslash that would read as one of these escapes
    becomes `\x5c`. Every other path, almost all of them, is stored unchanged, so stores
    written before keep their rows. `real_path` undoes it.
    """
    if not _TO_ESCAPE.search(path):
        return path
    return _TO_ESCAPE.sub(_escape, path)


def real_path(text: str) -> str:
    """The path `storable_path` stored: what `open` and `Path.exists` need (surrogates back)."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(_unescape, text)


display_path = storable_path
r"""A path as reports, JSON and the terminal show it (the catalog's form: `\xe9` for a non-UTF-8 byte)."""


def _storable_text(text: str) -> str:
    """Free text (a reason) made storable: lone surrogates escaped, the rest unchanged."""
    return text if not _TO_ESCAPE.search(text) else re.sub(r"[\ud800-\udfff]", _escape, text)


def _iso(timestamp: float) -> str:
    """Epoch seconds as an ISO 8601 UTC time."""
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="seconds")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _storable_outcome(outcome: FileOutcome) -> dict[str, Any]:
    """An outcome as the run record keeps it (path and reason in storable form)."""
    return asdict(outcome) | {"path": storable_path(outcome.path), "reason": _storable_text(outcome.reason)}


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def _parts(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """Slices of at most `size` values (SQLite limits the parameters of one statement)."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


class Catalog:
    """SQLite catalog inside the store directory; safe to share between threads.

    Opening it brings an older store's schema up to date (`MIGRATIONS`, in one transaction);
    a store written by a newer release is refused rather than damaged.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreAccessError(f"{path}: cannot open catalog ({exc})") from exc
        self._lock = threading.RLock()

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path}: written by a newer release (catalog schema {version}, this release reads "
                f"up to {SCHEMA_VERSION}); upgrade research-corpus"
            )
        if version == SCHEMA_VERSION:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            for target in range(version, SCHEMA_VERSION):
                MIGRATIONS[target](self._db)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        if version < _COMPACT_BELOW:
            self._give_back_space()

    def _give_back_space(self) -> None:
        """Shrink the file once the chunk-text copies are gone (about half of it; `VACUUM`).

        Skipped when another process is writing to the catalog: its later writes reuse the space.
        """
        try:
            self._db.execute("VACUUM")
        except sqlite3.OperationalError as exc:
            log.info("%s: not compacted after the upgrade (%s); later writes reuse the space", self.path, exc)

    @property
    def schema_version(self) -> int:
        """The catalog's schema version (`PRAGMA user_version`)."""
        return int(self._rows("PRAGMA user_version")[0][0])

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (IMMEDIATE: a concurrent writer waits instead of failing mid-way)."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreAccessError(f"{self.path}: catalog write failed ({exc})") from exc

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._db.execute(sql, tuple(params))
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    def get_setting(self, key: str) -> str | None:
        """A value remembered by the store (e.g. the embedding model it was built with)."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        """Remember a store-level value."""
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version` of this connection: it changes when another connection commits."""
        with self._lock:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def generation(self) -> int:
        """A number that grows whenever a run changes what searches can find (readers reload on change)."""
        value = self.get_setting("generation")
        return int(value) if value else 0

    def bump_generation(self) -> None:
        """Start a new store generation: long-lived readers reload and rebuild their caches."""
        with self._tx() as db:
            self._bump_generation(db)

    @staticmethod
    def _bump_generation(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO settings VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE "
            "SET value = CAST(value AS INTEGER) + 1"
        )

    def file(self, path: str) -> FileRecord | None:
        """The record of one source file, if seen before, with its stat while it holds (`remember_stats`)."""
        rows = self._rows(
            "SELECT f.*, s.stat_key FROM files f LEFT JOIN file_stats s "
            "ON s.path = f.path AND s.fingerprint = f.fingerprint WHERE f.path = ?",
            (storable_path(path),),
        )
        return self._file_record(rows[0], rows[0]["stat_key"] or "") if rows else None

    def refresh_fingerprints(self, fingerprints: dict[str, str]) -> None:
        """Give unchanged files' records the fingerprint this release makes of the same input."""
        if not fingerprints:
            return
        with self._tx() as db:
            db.executemany(
                "UPDATE files SET fingerprint = ? WHERE path = ?",
                [(fingerprint, storable_path(path)) for path, fingerprint in fingerprints.items()],
            )

    def remember_stats(self, stats: dict[str, tuple[str, str]]) -> None:
        """Remember each file's stat key with the fingerprint read from its bytes: path -> (key, fingerprint).

        A stat counts only while the file's record holds that fingerprint (`file`), so one kept
        for a file whose run then failed, or whose record changed since, is never used. Stats of
        paths the catalog no longer records are dropped.
        """
        with self._tx() as db:
            db.execute("DELETE FROM file_stats WHERE path NOT IN (SELECT path FROM files)")
            db.executemany(
                "INSERT OR REPLACE INTO file_stats VALUES (?, ?, ?)",
                [(storable_path(path), key, fingerprint) for path, (key, fingerprint) in stats.items()],
            )

    def failed_files(self, fingerprint: str) -> list[FileRecord]:
        """Records of files that failed with exactly this input (`indexing.changes` follows a moved one)."""
        rows = self._rows("SELECT * FROM files WHERE fingerprint = ? AND status = 'failed'", (fingerprint,))
        return [self._file_record(r) for r in rows]

    def paths(self) -> set[str]:
        """The path of every source file the store has seen (no records built: one set of names)."""
        return {real_path(r[0]) for r in self._rows("SELECT path FROM files")}

    def files(self, prefix: str = "") -> list[FileRecord]:
        """Every source file the store has seen, or those whose recorded path starts with `prefix`."""
        if not prefix:
            return [self._file_record(r) for r in self._rows("SELECT * FROM files ORDER BY path")]
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the paths sorting after every one that starts so
        rows = self._rows("SELECT * FROM files WHERE path >= ? AND path < ? ORDER BY path", (prefix, end))
        return [self._file_record(r) for r in rows]

    @staticmethod
    def _file_record(row: sqlite3.Row, stat_key: str = "") -> FileRecord:
        return FileRecord(
            real_path(row["path"]),
            row["fingerprint"] or "",
            row["doc_id"],
            row["status"],
            row["reason"],
            row["chunks"],
            stat_key,
        )

    def record_files(self, records: list[tuple[FileOutcome, str]]) -> None:
        """Remember what happened to files in this run: (outcome, fingerprint) pairs, one transaction."""
        if not records:
            return
        now = time.time()
        with self._tx() as db:
            self._record_files(db, records, now)

    @staticmethod
    def _record_files(db: sqlite3.Connection, records: list[tuple[FileOutcome, str]], now: float) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (storable_path(o.path), fp, o.doc_id, o.status, _storable_text(o.reason), o.chunks, now)
                for o, fp in records
            ],
        )

    def record_file(self, outcome: FileOutcome, fingerprint: str = "") -> None:
        """Remember what happened to one file in this run."""
        self.record_files([(outcome, fingerprint)])

    def move_files(self, moves: list[tuple[str, str, list[str]]]) -> None:
        """Give files' records to the paths they were moved to: (new path, its fingerprint, old paths).

        The first old path's record (its document, status and chunks) becomes the new path's,
        and a document stored from it names the new path as its source; the other old records
        and the old paths' Zotero labels go. One transaction.
        """
        if not moves:
            return
        with self._tx() as db:
            for new, fingerprint, old in moves:
                stored, path = [storable_path(p) for p in old], storable_path(new)
                db.execute(
                    "UPDATE files SET path = ?, fingerprint = ?, updated = ? WHERE path = ?",
                    (path, fingerprint, time.time(), stored[0]),
                )
                db.execute("UPDATE documents SET source = ? WHERE source = ?", (path, stored[0]))
                db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in stored[1:]])
                self._forget_labels(db, stored)

    def absolute_paths(self) -> int:
        """Record as absolute the relative file paths an earlier release kept (`corpus ingest papers`).

        A run now records every file by its absolute path, so one started from another folder
        (a schedule, a script) finds the same records. A relative path is rewritten only where
        it names a file from the current folder, the folder such runs were started from as a
        rule; one that names nothing from here stays until a run from its folder, a move (see
        `indexing.changes`) or `--prune` settles it. Where both forms are recorded, the record
        that stored the document wins. Returns how many records were rewritten.
        """
        rows = self._rows(
            "SELECT path, status FROM files WHERE path NOT LIKE '/%' AND path NOT LIKE 'zotero:%'"
        )
        found = [(r["path"], r["status"]) for r in rows if os.path.lexists(real_path(r["path"]))]
        if not found:
            return 0
        with self._tx() as db:
            for old, status in found:
                new = storable_path(os.path.abspath(real_path(old)))
                held = db.execute("SELECT status FROM files WHERE path = ?", (new,)).fetchone()
                if held is not None and (status == "duplicate" or held[0] != "duplicate"):
                    db.execute("DELETE FROM files WHERE path = ?", (old,))
                else:
                    db.execute("DELETE FROM files WHERE path = ?", (new,))
                    db.execute("UPDATE files SET path = ? WHERE path = ?", (new, old))
                db.execute("UPDATE documents SET source = ? WHERE source = ?", (new, old))
                labelled = db.execute("SELECT 1 FROM labelled_files WHERE path = ?", (new,)).fetchone()
                if labelled is None:  # else the absolute path's labels are the current ones
                    db.execute("UPDATE labelled_files SET path = ? WHERE path = ?", (new, old))
                    db.execute("UPDATE labels SET path = ? WHERE path = ?", (new, old))
                self._forget_labels(db, [old])
        log.info("%s: %d relative file path(s) recorded as absolute", self.path, len(found))
        return len(found)

    def forget_file(self, path: str) -> None:
        """Drop a file's record (its file is gone), its Zotero labels included."""
        with self._tx() as db:
            db.execute("DELETE FROM files WHERE path = ?", (storable_path(path),))
            self._forget_labels(db, [storable_path(path)])

    def labelled_files(self, library: str) -> dict[str, LabelledFile]:
        """What the catalog holds about each file of a Zotero library, by path."""
        return {
            real_path(r["path"]): LabelledFile(
                real_path(r["path"]),
                r["library"],
                r["item_key"],
                tuple(json.loads(r["collections"])),
                tuple(json.loads(r["tags"])),
            )
            for r in self._rows("SELECT * FROM labelled_files WHERE library = ?", (library,))
        }

    def update_labelled_files(self, entries: list[LabelledFile], forget: Iterable[str] = ()) -> None:
        """Write these files' Zotero labels (replacing what they had) and drop those of `forget`."""
        paths = [storable_path(p) for p in [*(e.path for e in entries), *forget]]
        if not paths:
            return
        with self._tx() as db:
            self._forget_labels(db, paths)
            for entry in entries:
                path = storable_path(entry.path)
                db.execute(
                    "INSERT INTO labelled_files VALUES (?, ?, ?, ?, ?)",
                    (path, entry.library, entry.item_key, _dump(entry.collections), _dump(entry.tags)),
                )
                keys = {("tag", label_key(t)) for t in entry.tags}
                keys |= {("collection", k) for c in entry.collections for k in collection_keys(c)}
                db.executemany("INSERT INTO labels VALUES (?, ?, ?)", [(path, *key) for key in sorted(keys)])

    @staticmethod
    def _forget_labels(db: sqlite3.Connection, paths: list[str]) -> None:
        for part in _parts(paths):
            db.execute(f"DELETE FROM labelled_files WHERE path IN ({_marks(part)})", part)
            db.execute(f"DELETE FROM labels WHERE path IN ({_marks(part)})", part)

    def labelled_documents(self, kind: str, key: str) -> set[str]:
        """Ready documents whose work has a file labelled `key` ("tag" or "collection"), by index.

        A label of any file of a work counts for the whole work: every version of it matches.
        """
        return {
            r["doc_id"]
            for r in self._rows(
                "SELECT d.doc_id FROM documents d WHERE d.status = 'ready' AND d.work_id IN ("
                "SELECT o.work_id FROM labels l JOIN files f ON f.path = l.path "
                "JOIN documents o ON o.doc_id = f.doc_id WHERE l.kind = ? AND l.label_key = ?)",
                (kind, key),
            )
        }

    def has_labels(self, kind: str) -> bool:
        """Whether any ready document's file carries a label of `kind` ("tag" or "collection")."""
        return bool(
            self._rows(
                "SELECT 1 FROM labels l JOIN files f ON f.path = l.path JOIN documents d "
                "ON d.doc_id = f.doc_id WHERE l.kind = ? AND d.status = 'ready' LIMIT 1",
                (kind,),
            )
        )

    def work_labels(self, work_id: str) -> tuple[list[str], list[str]]:
        """The Zotero collections and tags of a work's files (sorted, each once)."""
        collections: set[str] = set()
        tags: set[str] = set()
        for r in self._rows(
            "SELECT z.collections, z.tags FROM labelled_files z JOIN files f ON f.path = z.path "
            "JOIN documents d ON d.doc_id = f.doc_id WHERE d.work_id = ?",
            (work_id,),
        ):
            collections.update(json.loads(r["collections"]))
            tags.update(json.loads(r["tags"]))
        return sorted(collections), sorted(tags)

    def label_works(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Every Zotero collection and tag of the store's ready files, each with the works it labels.

        A collection also labels the works of its subcollections ("Reading" those of
        "Reading/Theory"), as the `--collection` filter finds them; each parent is listed.
        """
        collections: dict[str, set[str]] = {}
        tags: dict[str, set[str]] = {}
        for r in self._rows(
            "SELECT z.collections, z.tags, d.work_id FROM labelled_files z JOIN files f ON f.path = z.path "
            "JOIN documents d ON d.doc_id = f.doc_id WHERE d.status = 'ready'",
            (),
        ):
            for name in json.loads(r["collections"]):
                parts = name.split("/")
                for depth in range(1, len(parts) + 1):
                    collections.setdefault("/".join(parts[:depth]), set()).add(r["work_id"])
            for name in json.loads(r["tags"]):
                tags.setdefault(name, set()).add(r["work_id"])
        return collections, tags

    def files_of(self, doc_id: str) -> list[str]:
        """Paths of the files whose content is this document, as shown to people (`display_path`).

        Compare them with `display_path(path)`; `file(path)` gives a file's real path.
        """
        return [
            r["path"] for r in self._rows("SELECT path FROM files WHERE doc_id = ? ORDER BY path", (doc_id,))
        ]

    def first_files(self, doc_ids: list[str]) -> dict[str, str]:
        """doc_id -> the first (by path) file holding it, for the documents that have one.

        The paths are shown to people (search results), so they come in `display_path` form.
        """
        found: dict[str, str] = {}
        for part in _parts(list(doc_ids)):
            for r in self._rows(
                f"SELECT doc_id, min(path) path FROM files WHERE doc_id IN ({_marks(part)}) GROUP BY doc_id",
                part,
            ):
                found[r["doc_id"]] = r["path"]
        return found

    def formats(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id -> the format of its source file ("pdf", "epub" ...), for the documents stored."""
        found: dict[str, str] = {}
        for part in _parts(sorted(set(doc_ids))):
            for r in self._rows(
                f"SELECT doc_id, format FROM documents WHERE doc_id IN ({_marks(part)})", part
            ):
                found[r["doc_id"]] = r["format"]
        return found

    def document_status(self, doc_id: str) -> str | None:
        """READY, BEGUN (or 'indexing', from an earlier release) or None when the document is not stored."""
        rows = self._rows("SELECT status FROM documents WHERE doc_id = ?", (doc_id,))
        return rows[0]["status"] if rows else None

    def stored_documents(self, doc_ids: list[str]) -> set[str]:
        """Which of these documents have a row (in any state): their old vectors must be replaced."""
        found: set[str] = set()
        for part in _parts(list(doc_ids)):
            found.update(
                r["doc_id"]
                for r in self._rows(f"SELECT doc_id FROM documents WHERE doc_id IN ({_marks(part)})", part)
            )
        return found

    def passage_keys(self, doc_ids: list[str]) -> dict[bytes, str]:
        """Passage key -> a chunk of these ready documents with that key (chunks with a stored vector)."""
        found: dict[bytes, str] = {}
        for part in _parts(list(doc_ids)):
            rows = self._rows(
                "SELECT c.passage_key, c.chunk_id FROM chunks c JOIN documents d ON d.doc_id = c.doc_id "
                f"WHERE c.doc_id IN ({_marks(part)}) AND d.status = ? AND c.passage_key IS NOT NULL",
                [*part, READY],
            )
            found.update((bytes(r["passage_key"]), r["chunk_id"]) for r in rows)
        return found

    def begin_documents(self, writes: list[DocumentWrite]) -> None:
        """Write documents and their chunks as BEGUN (not yet searchable) in one transaction."""
        now = time.time()
        with self._tx() as db:
            for write in writes:
                doc = write.document
                db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc.doc_id,))
                db.execute("DELETE FROM lsh_bands WHERE doc_id = ?", (doc.doc_id,))
                db.execute(
                    "INSERT OR REPLACE INTO documents (doc_id, work_id, source, content_hash, format, "
                    "status, text, metadata, pages, sections, refs, cleaning, references_start, signature, "
                    "chunk_count, ingested, title_key, page_count) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc.doc_id,
                        write.work_id,
                        storable_path(doc.source),
                        doc.content_hash,
                        doc.format,
                        BEGUN,
                        doc.text,
                        _dump(doc.metadata.to_dict()),
                        _dump([vars(p) for p in doc.pages]),
                        _dump([vars(s) for s in doc.sections]),
                        _dump([asdict(r) for r in doc.references]),
                        _dump(asdict(doc.cleaning)),
                        doc.references_start,
                        _dump(write.signature),
                        len(write.chunks),
                        now,
                        title_key(doc.metadata.title),
                        len(doc.pages),
                    ),
                )
                db.executemany(
                    "INSERT INTO lsh_bands VALUES (?, ?)",
                    [(key, doc.doc_id) for key in lsh_bands(write.signature)],
                )
            db.executemany(
                "INSERT OR REPLACE INTO chunks (chunk_id, doc_id, idx, start, end, page_start, "
                "page_end, section, page_label, ocr, passage_key, byte_start, byte_end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.chunk_id,
                        c.doc_id,
                        c.index,
                        c.start,
                        c.end,
                        c.page_start,
                        c.page_end,
                        c.section,
                        c.page_label,
                        int(c.ocr),
                        key,
                        *span,
                    )
                    for write in writes
                    for c, key, span in zip(
                        write.chunks,
                        _keys_of(write),
                        _byte_spans(write.document.text, [(c.start, c.end) for c in write.chunks]),
                        strict=True,
                    )
                ],
            )

    def begin_document(self, doc: Document, chunks: list[Chunk], work_id: str, signature: list[int]) -> None:
        """Write one document and its chunks as BEGUN (see `begin_documents`)."""
        write = DocumentWrite(doc, chunks, work_id, signature)
        self.begin_documents([write])

    def finish_documents(
        self,
        doc_ids: list[str],
        files: list[tuple[FileOutcome, str]],
        works: dict[str, Metadata | None] | None = None,
    ) -> None:
        """Mark documents searchable (their vectors and lexical entries are stored) and record their files.

        `works`, the records of the works they join (see `set_works`), are stored in the same
        transaction: a reader never sees a searchable document whose work's record is not yet
        the new one, under a generation that would then keep that view cached.
        """
        with self._tx() as db:
            for part in _parts(list(doc_ids)):
                db.execute(
                    f"UPDATE documents SET status = ? WHERE doc_id IN ({_marks(part)})", [READY, *part]
                )
            self._record_files(db, files, time.time())
            if works:
                self._write_works(db, works)
            self._bump_generation(db)

    def finish_document(self, doc_id: str) -> None:
        """Mark one document searchable."""
        self.finish_documents([doc_id], [])

    def unfinished_documents(self) -> list[str]:
        """Documents an interrupted run left half-written."""
        return [r["doc_id"] for r in self._rows("SELECT doc_id FROM documents WHERE status != 'ready'")]

    def delete_documents(self, doc_ids: list[str]) -> set[str]:
        """Remove documents with their chunks; returns their works (to recompute or drop)."""
        works: set[str] = set()
        with self._tx() as db:
            for part in _parts(list(doc_ids)):
                works.update(
                    r[0]
                    for r in db.execute(
                        f"SELECT work_id FROM documents WHERE doc_id IN ({_marks(part)})", part
                    )
                )
                for table in ("chunks", "lsh_bands", "documents"):
                    db.execute(f"DELETE FROM {table} WHERE doc_id IN ({_marks(part)})", part)
            self._bump_generation(db)
        return works

    def delete_document(self, doc_id: str) -> str | None:
        """Remove a document and its chunks; returns its work id (to rebuild that work)."""
        works = self.delete_documents([doc_id])
        return next(iter(works)) if works else None

    def document(self, doc_id: str) -> Document:
        """The stored document (cleaned text, metadata, structure); NotFoundError if absent."""
        rows = self._rows("SELECT * FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows:
            raise NotFoundError(
                f"no document {doc_id if len(doc_id) <= 60 else doc_id[:57] + '...'!r} in {self.path.parent}"
            )
        r = rows[0]
        cleaning = json.loads(r["cleaning"])
        return Document(
            doc_id=r["doc_id"],
            source=real_path(r["source"]),
            content_hash=r["content_hash"],
            format=r["format"],
            text=r["text"],
            pages=[PageSpan(**p) for p in json.loads(r["pages"])],
            metadata=Metadata.from_dict(json.loads(r["metadata"])),
            sections=[Section(**s) for s in json.loads(r["sections"])],
            references=[Reference(**x) for x in json.loads(r["refs"])],
            cleaning=CleaningStats(**cleaning),
            references_start=r["references_start"],
        )

    def _metadata_by_key(self, table: str, key: str, ids: list[str]) -> dict[str, Metadata]:
        """The `metadata` column of these rows by primary key (unknown ids are left out)."""
        found: dict[str, Metadata] = {}
        for part in _parts(list(ids)):
            sql = f"SELECT {key}, metadata FROM {table} WHERE {key} IN ({_marks(part)})"
            for r in self._rows(sql, part):
                found[r[key]] = Metadata.from_dict(json.loads(r["metadata"]))
        return found

    def document_metadata(self, doc_ids: list[str]) -> dict[str, Metadata]:
        """Extracted records of these documents, without reading their texts."""
        return self._metadata_by_key("documents", "doc_id", doc_ids)

    def chunk_count(self, doc_id: str) -> int:
        """Chunks stored for a document (0 when unknown), without reading their text."""
        rows = self._rows("SELECT chunk_count FROM documents WHERE doc_id = ?", (doc_id,))
        return int(rows[0]["chunk_count"]) if rows else 0

    def references(self) -> list[tuple[str, str, list[Reference]]]:
        """(doc_id, work_id, parsed reference list) of every ready document that has one."""
        return [
            (r["doc_id"], r["work_id"], [Reference(**x) for x in json.loads(r["refs"])])
            for r in self._rows(
                "SELECT doc_id, work_id, refs FROM documents WHERE status = 'ready' AND refs != '[]'"
            )
        ]

    def document_ids(self, status: str = "ready") -> list[str]:
        """Ids of stored documents in the given state."""
        return [
            r["doc_id"]
            for r in self._rows("SELECT doc_id FROM documents WHERE status = ? ORDER BY doc_id", (status,))
        ]

    def work_of(self, doc_id: str) -> str:
        """The work a document belongs to; NotFoundError when unknown (work ids are doc ids too)."""
        rows = self._rows("SELECT work_id FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows:
            if self._rows("SELECT 1 FROM works WHERE work_id = ?", (doc_id,)):
                return doc_id
            raise NotFoundError(
                f"no document {doc_id if len(doc_id) <= 60 else doc_id[:57] + '...'!r} in {self.path.parent}"
            )
        return str(rows[0]["work_id"])

    def work_map(self) -> dict[str, str]:
        """doc_id -> work_id for every ready document (reads every document: not for the query path)."""
        return {
            r["doc_id"]: r["work_id"]
            for r in self._rows("SELECT doc_id, work_id FROM documents WHERE status = 'ready'")
        }

    def document_stamps(self) -> dict[str, tuple[str, float, int]]:
        """doc_id -> (work_id, ingested, chunk_count) of every ready document (a scan: for per-run caches)."""
        return {
            r["doc_id"]: (r["work_id"], float(r["ingested"]), int(r["chunk_count"]))
            for r in self._rows(
                "SELECT doc_id, work_id, ingested, chunk_count FROM documents WHERE status = 'ready'"
            )
        }

    def chunk_total(self, doc_ids: Iterable[str]) -> int:
        """How many chunks these documents hold, from their rows (no chunk is read)."""
        total = 0
        for part in _parts(list(doc_ids)):
            rows = self._rows(
                f"SELECT coalesce(sum(chunk_count), 0) n FROM documents WHERE doc_id IN ({_marks(part)})",
                part,
            )
            total += int(rows[0]["n"])
        return total

    def chunk_ids_of(self, doc_ids: list[str]) -> dict[str, list[str]]:
        """doc_id -> its chunk ids in order, without reading the chunks' texts (indexed by chunks_doc)."""
        found: dict[str, list[str]] = {}
        for part in _parts(list(doc_ids)):
            for r in self._rows(
                f"SELECT doc_id, chunk_id FROM chunks WHERE doc_id IN ({_marks(part)}) ORDER BY doc_id, idx",
                part,
            ):
                found.setdefault(r["doc_id"], []).append(r["chunk_id"])
        return found

    def link_candidates(
        self, title: str, band_keys: list[str], exclude: str = "", limit: int = LINK_CANDIDATES
    ) -> list[str]:
        """At most `limit` stored documents (not `exclude`) a new document may be a version of.

        Those with its title key come first, then those sharing the most of its LSH bands. Each
        lookup is indexed and stops after `limit` documents, so a title or a band that thousands
        of documents share (a template's text, a series' boilerplate, a work of many versions)
        costs what a rare one does, and a run adding such documents stays linear.
        """
        key = title_key(title)
        # The title's second term lets SQLite use the partial index documents_title_key
        # (title_key != ''): without it the lookup scans every document (31 ms at 2,500).
        lookups = [("documents", "title_key = ? AND title_key != ''", key)] if key else []
        lookups += [("lsh_bands", "band_key = ?", band) for band in band_keys]
        if not lookups:
            return []
        sql = " UNION ALL ".join(
            f"SELECT doc_id, {int(table == 'documents')} FROM "
            f"(SELECT doc_id FROM {table} WHERE {where} AND doc_id != ? LIMIT ?)"
            for table, where, _ in lookups
        )
        rows = self._rows(sql, [v for *_, looked_up in lookups for v in (looked_up, exclude, limit)])
        titled = {doc_id for doc_id, by_title in rows if by_title}
        shared = Counter(doc_id for doc_id, by_title in rows if not by_title)
        found = sorted(
            dict.fromkeys(doc_id for doc_id, _ in rows), key=lambda d: (d not in titled, -shared[d])
        )
        return found[:limit]

    def link_records(self, doc_ids: list[str]) -> list[LinkRecord]:
        """The work, record and signature of these stored documents."""
        records = []
        for part in _parts(list(doc_ids)):
            for r in self._rows(
                "SELECT doc_id, work_id, metadata, signature FROM documents "
                f"WHERE doc_id IN ({_marks(part)})",
                part,
            ):
                records.append(
                    LinkRecord(
                        r["doc_id"],
                        r["work_id"],
                        Metadata.from_dict(json.loads(r["metadata"])),
                        json.loads(r["signature"]),
                    )
                )
        return records

    def set_works(self, records: dict[str, Metadata | None]) -> None:
        """Store works' canonical records in one transaction, a new generation (see `_write_works`).

        The generation comes with the records: a reader that reloaded after the change they
        follow (documents removed, a correction) and before them would otherwise keep the old
        records cached under the generation that change started.
        """
        with self._tx() as db:
            self._write_works(db, records)
            self._bump_generation(db)

    @staticmethod
    def _write_works(db: sqlite3.Connection, records: dict[str, Metadata | None]) -> None:
        """Write works' canonical records; None drops a work with no documents left.

        Denormalised columns serve the filters. Each work's cached citations are dropped:
        they are rendered again from the new record.
        """
        for work_id, metadata in records.items():
            if metadata is None:
                db.execute("DELETE FROM works WHERE work_id = ?", (work_id,))
            else:
                db.execute(
                    "INSERT OR REPLACE INTO works VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        work_id,
                        _dump(metadata.to_dict()),
                        metadata.title,
                        metadata.year,
                        " | ".join(fold(a.display) for a in metadata.authors),
                        metadata.venue,
                        metadata.language,
                    ),
                )
            db.execute("DELETE FROM citations WHERE work_id = ?", (work_id,))

    def work_doc_ids(self, work_id: str) -> list[str]:
        """Documents (versions, abstract pages) of a work."""
        return self.work_members([work_id]).get(work_id, [])

    def retraction_notices(self, dois: list[str]) -> dict[str, Metadata]:
        """The record of a notice in the store that retracts each DOI (lower case), by that DOI.

        A notice written in the batch being finished counts before it is marked ready.
        """
        found: dict[str, Metadata] = {}
        for part in _parts(sorted({doi.lower() for doi in dois if doi})):
            sql = f"SELECT {_RETRACTS} AS doi, metadata FROM documents WHERE {_RETRACTS} IN ({_marks(part)})"
            for r in self._rows(sql, part):
                found.setdefault(r["doi"], Metadata.from_dict(json.loads(r["metadata"])))
        return found

    def works_with_dois(self, dois: list[str]) -> set[str]:
        """The works whose documents hold these DOIs (any case)."""
        works: set[str] = set()
        for part in _parts(sorted({doi.lower() for doi in dois if doi})):
            sql = f"SELECT work_id FROM documents WHERE {_DOI} IN ({_marks(part)})"
            works.update(r["work_id"] for r in self._rows(sql, part))
        return works

    def work_members(self, work_ids: list[str]) -> dict[str, list[str]]:
        """The documents (versions, abstract pages) of each work, by id; works without any are left out."""
        members: dict[str, list[str]] = {}
        for part in _parts(list(work_ids)):
            sql = f"SELECT doc_id, work_id FROM documents WHERE work_id IN ({_marks(part)}) ORDER BY doc_id"
            for r in self._rows(sql, part):
                members.setdefault(r["work_id"], []).append(r["doc_id"])
        return members

    def paged_versions(self, work_id: str) -> set[str]:
        """Ready documents of a work whose chunks carry printed pages (PDFs, paged EPUBs; not text files)."""
        rows = self._rows(
            "SELECT doc_id FROM documents d WHERE work_id = ? AND status = 'ready' AND EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.doc_id = d.doc_id AND c.page_label != '')",
            (work_id,),
        )
        return {r["doc_id"] for r in rows}

    def work(self, work_id: str) -> WorkRecord:
        """A work's canonical record and documents; NotFoundError if unknown."""
        rows = self._rows("SELECT metadata FROM works WHERE work_id = ?", (work_id,))
        if not rows:
            raise NotFoundError(
                f"no work {work_id if len(work_id) <= 60 else work_id[:57] + '...'!r} in {self.path.parent}"
            )
        return WorkRecord(
            work_id, Metadata.from_dict(json.loads(rows[0]["metadata"])), self.work_doc_ids(work_id)
        )

    def work_records(self, work_ids: list[str]) -> dict[str, Metadata]:
        """Canonical records of these works (unknown ids are left out), by primary key."""
        return self._metadata_by_key("works", "work_id", work_ids)

    def works(self) -> list[WorkRecord]:
        """Every work with its documents, ordered by title."""
        members: dict[str, list[str]] = {}
        for r in self._rows("SELECT doc_id, work_id FROM documents WHERE status = 'ready' ORDER BY doc_id"):
            members.setdefault(r["work_id"], []).append(r["doc_id"])
        return [
            WorkRecord(
                r["work_id"], Metadata.from_dict(json.loads(r["metadata"])), members.get(r["work_id"], [])
            )
            for r in self._rows("SELECT work_id, metadata FROM works ORDER BY lower(title), work_id")
            if r["work_id"] in members
        ]

    @staticmethod
    def _work_filter(
        year_from: int | None,
        year_to: int | None,
        author: str | None,
        venues: list[str] | None,
        language: str | None,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause on works; `venues`: the venue names a venue filter matched (None: no filter)."""
        clauses: list[str] = []
        params: list[Any] = []
        if year_from is not None:
            clauses.append("year >= ?")
            params.append(year_from)
        if year_to is not None:
            clauses.append("year <= ?")
            params.append(year_to)
        if author:
            patterns = NameQuery.parse(author).like
            clauses.append("(" + " OR ".join("authors LIKE ?" for _ in patterns) + ")")
            params += patterns
        if venues is not None:
            clauses.append(f"venue IN ({', '.join('?' for _ in venues)})" if venues else "0")
            params += venues
        if language:
            clauses.append("language = ?")
            params.append(language.lower())
        return " AND ".join(clauses) or "1", params

    def filter_documents(
        self,
        year_from: int | None = None,
        year_to: int | None = None,
        author: str | None = None,
        venue: str | None = None,
        language: str | None = None,
    ) -> set[str]:
        """Ready documents whose work matches every given filter, resolved in one SQL query.

        An author given as "Chung, Y." or "Y. M. Chung" is looked up by its family name; the
        initials are then checked on the names found (`NameQuery`), not on every work. A venue
        is matched against the store's distinct venue names (`VenueQuery`: a part of the name,
        an abbreviation such as "J. Acad. Mark. Sci.", initials such as "AMJ").
        """
        venues = None
        if venue:
            wanted = VenueQuery.parse(venue)
            venues = [
                r["venue"]
                for r in self._rows("SELECT DISTINCT venue FROM works")
                if wanted.matches(r["venue"])
            ]
        where, params = self._work_filter(year_from, year_to, author, venues, language)
        rows = self._rows(
            "SELECT d.doc_id, w.authors FROM documents d JOIN works w ON w.work_id = d.work_id "
            f"WHERE d.status = 'ready' AND {where}",
            params,
        )
        name = NameQuery.parse(author) if author else None
        return {r["doc_id"] for r in rows if name is None or name.matches(r["authors"])}

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        """Chunks of one ready document, or of all ready documents, in a stable order."""
        sql = f"{_CHUNK_ROWS} WHERE d.status = 'ready'"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " AND c.doc_id = ?"
            params = (doc_id,)
        return self._chunks([(sql + " ORDER BY c.doc_id, c.idx", params)])

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        """Chunks for the given ids (unknown ids are left out)."""
        queries = [
            (f"{_CHUNK_ROWS} WHERE c.chunk_id IN ({_marks(part)})", tuple(part))
            for part in _parts(list(chunk_ids))
        ]
        return {c.chunk_id: c for c in self._chunks(queries)}

    def _chunks(self, queries: list[tuple[str, tuple[Any, ...]]]) -> list[Chunk]:
        """The chunks these `_CHUNK_ROWS` queries select, each text read from its document's bytes.

        One read transaction (or the caller's): the offsets and the texts come from the same
        version of the store.
        """
        out: list[Chunk] = []
        with self._lock:
            own = not self._db.in_transaction
            if own:
                self._db.execute("BEGIN")
            try:
                for sql, params in queries:
                    cursor = self._db.execute(sql, params)
                    cursor.row_factory = sqlite3.Row
                    for r in cursor.fetchall():
                        with self._db.blobopen("documents", "text", r["doc_row"], readonly=True) as blob:
                            blob.seek(r["byte_start"])
                            text = blob.read(r["byte_end"] - r["byte_start"]).decode()
                        out.append(self._chunk(r, text))
            finally:
                if own:
                    self._db.execute("COMMIT")
        return out

    def ready_works(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id -> work_id for those of these documents that are ready (primary-key lookups)."""
        works: dict[str, str] = {}
        for part in _parts(sorted(set(doc_ids))):
            with self._lock:
                rows = self._db.execute(
                    "SELECT doc_id, work_id FROM documents "
                    f"WHERE doc_id IN ({_marks(part)}) AND status = 'ready'",
                    part,
                ).fetchall()
            works.update(rows)
        return works

    def chunk_sections(self, chunk_ids: Iterable[str]) -> dict[str, str]:
        """chunk_id -> section title, without reading the chunks' texts."""
        sections: dict[str, str] = {}
        for part in _parts(list(chunk_ids)):
            with self._lock:
                sections.update(
                    self._db.execute(
                        f"SELECT chunk_id, section FROM chunks WHERE chunk_id IN ({_marks(part)})", part
                    ).fetchall()
                )
        return sections

    @staticmethod
    def _chunk(r: sqlite3.Row, text: str) -> Chunk:
        return Chunk(
            chunk_id=r["chunk_id"],
            doc_id=r["doc_id"],
            index=r["idx"],
            text=text,
            start=r["start"],
            end=r["end"],
            page_start=r["page_start"],
            page_end=r["page_end"],
            section=r["section"],
            page_label=r["page_label"],
            ocr=bool(r["ocr"]),
        )

    def citation_forms(self, work_ids: list[str], style: str) -> dict[str, dict[str, str]]:
        """Cached rendered forms of these works in `style` (works not rendered yet are left out)."""
        found: dict[str, dict[str, str]] = {}
        for part in _parts(list(work_ids)):
            for r in self._rows(
                f"SELECT work_id, forms FROM citations WHERE style = ? AND work_id IN ({_marks(part)})",
                [style, *part],
            ):
                found[r["work_id"]] = json.loads(r["forms"])
        return found

    def store_citation_forms(self, style: str, forms: dict[str, dict[str, str]]) -> None:
        """Keep rendered forms (work_id -> forms) of `style`; `set_works` drops them when a record changes."""
        if not forms:
            return
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO citations SELECT ?, ?, ? WHERE EXISTS "
                "(SELECT 1 FROM works WHERE work_id = ?)",
                [(work_id, style, _dump(value), work_id) for work_id, value in forms.items()],
            )

    def corrections(self, doc_id: str) -> dict[str, Any]:
        """User corrections of a document's metadata (field -> value)."""
        return self.corrections_of([doc_id]).get(doc_id, {})

    def corrections_of(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Document or work id -> its corrections (field -> value); ids without any are left out."""
        found: dict[str, dict[str, Any]] = {}
        for part in _parts(list(ids)):
            for r in self._rows(f"SELECT * FROM corrections WHERE doc_id IN ({_marks(part)})", part):
                found.setdefault(r["doc_id"], {})[r["field"]] = json.loads(r["value"])
        return found

    def set_corrections(self, doc_id: str, values: dict[str, Any]) -> None:
        """Store corrections; they are applied on every later ingestion too.

        A new store generation, so a running service (and its graph and work caches) follows.
        """
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO corrections VALUES (?, ?, ?)",
                [(doc_id, k, _dump(v)) for k, v in values.items()],
            )
            self._bump_generation(db)

    def start_run(self) -> int:
        """Open a run record; returns its id."""
        with self._tx() as db:
            cursor = db.execute("INSERT INTO runs (started, report) VALUES (?, '[]')", (time.time(),))
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, outcomes: list[FileOutcome]) -> None:
        """Close a run record with what happened to each file; unchanged files are counted, not listed.

        A nightly run over a library of 10,000 files finds nearly all of them unchanged:
        listed one by one they made each run's record 2.3 MB, more than the catalog itself
        after a month of runs. Every other outcome (what was ingested, failed, skipped,
        pruned) is kept whole.
        """
        unchanged = sum(o.status == "unchanged" for o in outcomes)
        report = [_storable_outcome(o) for o in outcomes if o.status != "unchanged"]
        if unchanged:
            report.append({"status": "unchanged", "count": unchanged})
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET finished = ?, report = ? WHERE run_id = ?",
                (time.time(), _dump(report), run_id),
            )

    def stats(self) -> StoreStats:
        """Counts of documents, works, chunks, pages, years, file states and failures (aggregates in SQL)."""
        stats = StoreStats()
        row = self._rows(
            "SELECT count(*) n, coalesce(sum(chunk_count), 0) chunks, coalesce(sum(page_count), 0) pages, "
            "count(DISTINCT work_id) works FROM documents WHERE status = 'ready'"
        )[0]
        stats.documents, stats.chunks, stats.pages, stats.works = (
            row["n"],
            row["chunks"],
            row["pages"],
            row["works"],
        )
        for r in self._rows(
            "SELECT coalesce(w.year, 'unknown') y, count(*) n FROM works w WHERE w.work_id IN "
            "(SELECT work_id FROM documents WHERE status = 'ready') GROUP BY y ORDER BY y"
        ):
            stats.by_year[str(r["y"])] = r["n"]
        for r in self._rows("SELECT status, count(*) n FROM files GROUP BY status ORDER BY status"):
            stats.by_status[r["status"]] = r["n"]
        stats.failures = [  # shown to people: paths in `display_path` form
            FileOutcome(path=r["path"], status=r["status"], reason=r["reason"])
            for r in self._rows(
                "SELECT path, status, reason FROM files WHERE status IN ('failed', 'skipped') ORDER BY path"
            )
        ]
        runs = self._rows("SELECT * FROM runs WHERE finished IS NOT NULL ORDER BY run_id DESC LIMIT 1")
        if runs:
            report = json.loads(runs[0]["report"])
            counts: dict[str, int] = {}
            for item in report:  # an entry with a count stands for that many files (`finish_run`)
                counts[item["status"]] = counts.get(item["status"], 0) + item.get("count", 1)
            stats.last_run = {
                "run_id": runs[0]["run_id"],
                "started": _iso(runs[0]["started"]),
                "finished": _iso(runs[0]["finished"]),
                "counts": counts,
            }
        return stats
