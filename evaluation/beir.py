"""Read a BEIR-layout test collection and write its records as files the ingestion pipeline reads.

A BEIR folder holds `corpus.jsonl` (`_id`, `title`, `text`, optional `metadata` with
`authors`, `year`, `venue`, `doi`), `queries.jsonl` (`_id`, `text`) and `qrels/<split>.tsv`
(`query-id`, `corpus-id`, `score`, with a header line; "test" unless another split is asked
for: some collections judge only "dev" or "train"). Each record becomes `<n>.txt`
(title, a blank line, text) with a CSL-JSON sidecar `<n>.json` carrying its bibliographic
fields, so evaluation measures the same load -> clean -> chunk -> embed path users get.

    collection = load_beir(Path("../shared/data/benchmarks/cacm"))
    doc_of_record = write_records(collection.records, tmp_folder)
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.loading.loaders import content_hash
from corpus_core.errors import UsageError
from corpus_core.models import Person


@dataclass(frozen=True)
class BeirRecord:
    """One corpus entry of a BEIR collection."""

    record_id: str
    title: str
    text: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    doi: str = ""

    @property
    def file_text(self) -> str:
        """What the record's `.txt` file holds: the title, a blank line, then the text."""
        parts = [p for p in (self.title.strip(), self.text.strip()) if p]
        return "\n\n".join(parts) + "\n"

    def csl(self) -> dict[str, Any]:
        """The record as one CSL-JSON item, for the sidecar beside its text file."""
        item: dict[str, Any] = {"id": self.record_id, "type": "article-journal", "title": self.title.strip()}
        authors = []
        for name in self.authors:
            person = Person.parse(name)
            if person.family or person.given:
                authors.append({"family": person.family, "given": person.given})
        if authors:
            item["author"] = authors
        if self.year is not None:
            item["issued"] = {"date-parts": [[self.year]]}
        if self.venue:
            item["container-title"] = self.venue
        if self.doi:
            item["DOI"] = self.doi
        return item


@dataclass(frozen=True)
class BeirQuery:
    """One test query."""

    query_id: str
    text: str


@dataclass
class BeirCollection:
    """A BEIR collection: records, the queries that have judgements, and graded judgements."""

    name: str
    records: list[BeirRecord]
    queries: list[BeirQuery]
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)
    """query id -> record id -> relevance grade (only grades above 0 are kept)."""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise UsageError(f"{path}: missing; a BEIR folder needs corpus.jsonl, queries.jsonl and qrels/")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "_id" not in row:
                raise UsageError(f"{path}:{number}: expected an object with an `_id`")
            rows.append(row)
    return rows


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4]) if value not in (None, "") else None
    except ValueError:
        return None


def _record(row: dict[str, Any]) -> BeirRecord:
    meta = row.get("metadata") or {}
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [a for a in authors.split(";") if a.strip()]
    return BeirRecord(
        record_id=str(row["_id"]),
        title=str(row.get("title") or ""),
        text=str(row.get("text") or ""),
        authors=tuple(str(a) for a in authors),
        year=_year(meta.get("year")),
        venue=str(meta.get("venue") or ""),
        doi=str(meta.get("doi") or ""),
    )


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    if not path.is_file():
        splits = sorted(p.stem for p in path.parent.glob("*.tsv")) if path.parent.is_dir() else []
        found = f"this folder has {', '.join(splits)}: choose one with --split" if splits else "none found"
        raise UsageError(f"{path}: missing; a BEIR folder needs qrels/<split>.tsv ({found})")
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if not row or (number == 1 and row[0] == "query-id"):
                continue
            try:
                query_id, record_id, grade = row[0], row[1], int(float(row[2]))
            except (IndexError, ValueError) as exc:
                raise UsageError(f"{path}:{number}: expected query-id, corpus-id, score") from exc
            if grade > 0:
                qrels.setdefault(query_id, {})[record_id] = grade
    return qrels


def load_beir(directory: Path, split: str = "test") -> BeirCollection:
    """Read a BEIR folder with `split`'s judgements; queries with no positive one are dropped (as BEIR)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder")
    records = [_record(row) for row in _read_jsonl(directory / "corpus.jsonl")]
    qrels = _read_qrels(directory / "qrels" / f"{split}.tsv")
    queries = [
        BeirQuery(str(row["_id"]), str(row.get("text") or ""))
        for row in _read_jsonl(directory / "queries.jsonl")
        if str(row["_id"]) in qrels
    ]
    if not records or not queries:
        raise UsageError(f"{directory}: no records or no judged queries")
    known = {q.query_id for q in queries}
    return BeirCollection(directory.name, records, queries, {q: r for q, r in qrels.items() if q in known})


def write_records(records: list[BeirRecord], folder: Path) -> dict[str, str]:
    """Write each record as `<n>.txt` plus a CSL-JSON `<n>.json`; returns record id -> doc id.

    The doc id is the content hash of the text file's bytes, the id ingestion gives it.
    Records with identical text get the same doc id: the pipeline stores them once.
    """
    folder.mkdir(parents=True, exist_ok=True)
    doc_of_record: dict[str, str] = {}
    width = len(str(len(records)))
    for number, record in enumerate(records):
        data = record.file_text.encode("utf-8")
        stem = folder / f"{number:0{width}d}"
        stem.with_suffix(".txt").write_bytes(data)
        stem.with_suffix(".json").write_text(json.dumps(record.csl(), ensure_ascii=False), encoding="utf-8")
        doc_of_record[record.record_id] = content_hash(data)
    return doc_of_record
