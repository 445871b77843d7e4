"""The store's catalog (SQLite): files, documents, chunks, works, corrections and runs.

Chroma holds vectors; everything a citation, `corpus show` or the lexical index needs
lives here. A document is written as `indexing`, its chunks go to Chroma, and only then is
it marked `ready`, so an interrupted run is found and redone on the next start.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.errors import NotFoundError, StoreError
from corpus.models import Chunk, CleaningStats, Document, FileOutcome, Metadata, PageSpan, Reference, Section

_SCHEMA = """
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


@dataclass(frozen=True)
class FileRecord:
    """What the catalog knows about one source file."""

    path: str
    content_hash: str
    doc_id: str
    status: str
    reason: str
    chunks: int


@dataclass(frozen=True)
class WorkRecord:
    """A work: its canonical metadata and the documents (files) that are versions of it."""

    work_id: str
    metadata: Metadata
    doc_ids: list[str]


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


def _iso(timestamp: float) -> str:
    """Epoch seconds as an ISO 8601 UTC time."""
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="seconds")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class Catalog:
    """SQLite catalog inside the store directory; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open catalog ({exc})") from exc
        self._lock = threading.RLock()

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                with self._db:
                    yield self._db
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: catalog write failed ({exc})") from exc

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

    def file(self, path: str) -> FileRecord | None:
        """The record of one source file, if seen before."""
        rows = self._rows("SELECT * FROM files WHERE path = ?", (path,))
        return self._file_record(rows[0]) if rows else None

    def files(self) -> list[FileRecord]:
        """Every source file the store has seen."""
        return [self._file_record(r) for r in self._rows("SELECT * FROM files ORDER BY path")]

    @staticmethod
    def _file_record(row: sqlite3.Row) -> FileRecord:
        return FileRecord(
            row["path"], row["content_hash"], row["doc_id"], row["status"], row["reason"], row["chunks"]
        )

    def record_file(self, outcome: FileOutcome, content_hash: str = "") -> None:
        """Remember what happened to a file in this run."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    outcome.path,
                    content_hash,
                    outcome.doc_id,
                    outcome.status,
                    outcome.reason,
                    outcome.chunks,
                    time.time(),
                ),
            )

    def forget_file(self, path: str) -> None:
        """Drop a file's record (its file is gone)."""
        with self._tx() as db:
            db.execute("DELETE FROM files WHERE path = ?", (path,))

    def files_of(self, doc_id: str) -> list[str]:
        """Paths of the files whose content is this document."""
        return [
            r["path"] for r in self._rows("SELECT path FROM files WHERE doc_id = ? ORDER BY path", (doc_id,))
        ]

    def document_status(self, doc_id: str) -> str | None:
        """'indexing', 'ready' or None when the document is not stored."""
        rows = self._rows("SELECT status FROM documents WHERE doc_id = ?", (doc_id,))
        return rows[0]["status"] if rows else None

    def begin_document(self, doc: Document, chunks: list[Chunk], work_id: str, signature: list[int]) -> None:
        """Write a document and its chunks as `indexing` (not yet searchable)."""
        with self._tx() as db:
            db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc.doc_id,))
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES "
                "(?, ?, ?, ?, ?, 'indexing', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.doc_id,
                    work_id,
                    doc.source,
                    doc.content_hash,
                    doc.format,
                    doc.text,
                    _dump(doc.metadata.to_dict()),
                    _dump([asdict(p) for p in doc.pages]),
                    _dump([asdict(s) for s in doc.sections]),
                    _dump([asdict(r) for r in doc.references]),
                    _dump(asdict(doc.cleaning)),
                    doc.references_start,
                    _dump(signature),
                    len(chunks),
                    time.time(),
                ),
            )
            db.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.chunk_id,
                        c.doc_id,
                        c.index,
                        c.text,
                        c.start,
                        c.end,
                        c.page_start,
                        c.page_end,
                        c.section,
                        c.page_label,
                    )
                    for c in chunks
                ],
            )

    def finish_document(self, doc_id: str) -> None:
        """Mark a document searchable: its vectors are stored."""
        with self._tx() as db:
            db.execute("UPDATE documents SET status = 'ready' WHERE doc_id = ?", (doc_id,))

    def unfinished_documents(self) -> list[str]:
        """Documents an interrupted run left half-written."""
        return [r["doc_id"] for r in self._rows("SELECT doc_id FROM documents WHERE status != 'ready'")]

    def delete_document(self, doc_id: str) -> str | None:
        """Remove a document and its chunks; returns its work id (to rebuild that work)."""
        rows = self._rows("SELECT work_id FROM documents WHERE doc_id = ?", (doc_id,))
        with self._tx() as db:
            db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        return rows[0]["work_id"] if rows else None

    def document(self, doc_id: str) -> Document:
        """The stored document (cleaned text, metadata, structure); NotFoundError if absent."""
        rows = self._rows("SELECT * FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows:
            raise NotFoundError(f"no document {doc_id!r} in {self.path.parent}")
        r = rows[0]
        cleaning = json.loads(r["cleaning"])
        return Document(
            doc_id=r["doc_id"],
            source=r["source"],
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
            raise NotFoundError(f"no document {doc_id!r} in {self.path.parent}")
        return str(rows[0]["work_id"])

    def work_map(self) -> dict[str, str]:
        """doc_id -> work_id for every ready document."""
        return {
            r["doc_id"]: r["work_id"]
            for r in self._rows("SELECT doc_id, work_id FROM documents WHERE status = 'ready'")
        }

    def signatures(self) -> list[tuple[str, str, Metadata, list[int]]]:
        """(doc_id, work_id, metadata, MinHash signature) of every stored document."""
        return [
            (
                r["doc_id"],
                r["work_id"],
                Metadata.from_dict(json.loads(r["metadata"])),
                json.loads(r["signature"]),
            )
            for r in self._rows("SELECT doc_id, work_id, metadata, signature FROM documents")
        ]

    def set_work(self, work_id: str, metadata: Metadata) -> None:
        """Store a work's canonical record (denormalised columns serve the filters)."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO works VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    work_id,
                    _dump(metadata.to_dict()),
                    metadata.title,
                    metadata.year,
                    " | ".join(a.display for a in metadata.authors).lower(),
                    metadata.venue,
                    metadata.language,
                ),
            )

    def delete_work(self, work_id: str) -> None:
        """Drop a work that has no documents left."""
        with self._tx() as db:
            db.execute("DELETE FROM works WHERE work_id = ?", (work_id,))

    def work_doc_ids(self, work_id: str) -> list[str]:
        """Documents (versions, abstract pages) of a work."""
        return [
            r["doc_id"]
            for r in self._rows("SELECT doc_id FROM documents WHERE work_id = ? ORDER BY doc_id", (work_id,))
        ]

    def work(self, work_id: str) -> WorkRecord:
        """A work's canonical record and documents; NotFoundError if unknown."""
        rows = self._rows("SELECT metadata FROM works WHERE work_id = ?", (work_id,))
        if not rows:
            raise NotFoundError(f"no work {work_id!r} in {self.path.parent}")
        return WorkRecord(
            work_id, Metadata.from_dict(json.loads(rows[0]["metadata"])), self.work_doc_ids(work_id)
        )

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

    def filter_works(
        self,
        year_from: int | None = None,
        year_to: int | None = None,
        author: str | None = None,
        venue: str | None = None,
        language: str | None = None,
    ) -> set[str]:
        """Work ids matching every given filter (case-insensitive substring for text)."""
        clauses: list[str] = []
        params: list[Any] = []
        if year_from is not None:
            clauses.append("year >= ?")
            params.append(year_from)
        if year_to is not None:
            clauses.append("year <= ?")
            params.append(year_to)
        if author:
            clauses.append("authors LIKE ?")
            params.append(f"%{author.lower()}%")
        if venue:
            clauses.append("lower(venue) LIKE ?")
            params.append(f"%{venue.lower()}%")
        if language:
            clauses.append("language = ?")
            params.append(language.lower())
        where = " AND ".join(clauses) or "1"
        return {r["work_id"] for r in self._rows(f"SELECT work_id FROM works WHERE {where}", params)}

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        """Chunks of one ready document, or of all ready documents, in a stable order."""
        sql = "SELECT c.* FROM chunks c JOIN documents d ON d.doc_id = c.doc_id WHERE d.status = 'ready'"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " AND c.doc_id = ?"
            params = (doc_id,)
        return [self._chunk(r) for r in self._rows(sql + " ORDER BY c.doc_id, c.idx", params)]

    def chunks_by_id(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        """Chunks for the given ids (unknown ids are left out)."""
        ids = list(chunk_ids)
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            for r in self._rows(f"SELECT * FROM chunks WHERE chunk_id IN ({marks})", part):
                out[r["chunk_id"]] = self._chunk(r)
        return out

    @staticmethod
    def _chunk(r: sqlite3.Row) -> Chunk:
        return Chunk(
            chunk_id=r["chunk_id"],
            doc_id=r["doc_id"],
            index=r["idx"],
            text=r["text"],
            start=r["start"],
            end=r["end"],
            page_start=r["page_start"],
            page_end=r["page_end"],
            section=r["section"],
            page_label=r["page_label"],
        )

    def corrections(self, doc_id: str) -> dict[str, Any]:
        """User corrections of a document's metadata (field -> value)."""
        return {
            r["field"]: json.loads(r["value"])
            for r in self._rows("SELECT * FROM corrections WHERE doc_id = ?", (doc_id,))
        }

    def set_corrections(self, doc_id: str, values: dict[str, Any]) -> None:
        """Store corrections; they are applied on every later ingestion too."""
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO corrections VALUES (?, ?, ?)",
                [(doc_id, k, _dump(v)) for k, v in values.items()],
            )

    def start_run(self) -> int:
        """Open a run record; returns its id."""
        with self._tx() as db:
            cursor = db.execute("INSERT INTO runs (started, report) VALUES (?, '[]')", (time.time(),))
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, outcomes: list[FileOutcome]) -> None:
        """Close a run record with what happened to each file."""
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET finished = ?, report = ? WHERE run_id = ?",
                (time.time(), _dump([asdict(o) for o in outcomes]), run_id),
            )

    def stats(self) -> StoreStats:
        """Counts of documents, works, chunks, pages, years, file states and failures."""
        stats = StoreStats()
        stats.documents = self._rows("SELECT count(*) n FROM documents WHERE status = 'ready'")[0]["n"]
        stats.chunks = self._rows(
            "SELECT count(*) n FROM chunks c JOIN documents d ON d.doc_id = c.doc_id WHERE d.status = 'ready'"
        )[0]["n"]
        stats.works = len(set(self.work_map().values()))
        stats.pages = sum(
            len(json.loads(r["pages"]))
            for r in self._rows("SELECT pages FROM documents WHERE status = 'ready'")
        )
        for r in self._rows(
            "SELECT coalesce(w.year, 'unknown') y, count(*) n FROM works w WHERE w.work_id IN "
            "(SELECT work_id FROM documents WHERE status = 'ready') GROUP BY y ORDER BY y"
        ):
            stats.by_year[str(r["y"])] = r["n"]
        for r in self._rows("SELECT status, count(*) n FROM files GROUP BY status ORDER BY status"):
            stats.by_status[r["status"]] = r["n"]
        stats.failures = [
            FileOutcome(path=r["path"], status=r["status"], reason=r["reason"])
            for r in self._rows(
                "SELECT path, status, reason FROM files WHERE status IN ('failed', 'skipped') ORDER BY path"
            )
        ]
        runs = self._rows("SELECT * FROM runs WHERE finished IS NOT NULL ORDER BY run_id DESC LIMIT 1")
        if runs:
            report = json.loads(runs[0]["report"])
            counts: dict[str, int] = {}
            for item in report:
                counts[item["status"]] = counts.get(item["status"], 0) + 1
            stats.last_run = {
                "run_id": runs[0]["run_id"],
                "started": _iso(runs[0]["started"]),
                "finished": _iso(runs[0]["finished"]),
                "counts": counts,
            }
        return stats
