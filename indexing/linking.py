"""Works: which work a new document joins, its canonical record, and the user's corrections.

A document joins an existing work when `corpus.dedup.same_work` says it is a version or a
part of it (near-duplicate text, same DOI, or same title with agreeing year and authors).
Candidates come from the catalog's indexes (title key, LSH band keys), at most
`catalog.LINK_CANDIDATES` of them, so linking one new document costs one indexed lookup and a
bounded comparison whatever the size of the store; documents of the batch
being written are compared in memory. A work's record is its documents' records merged by
trust, with the user's corrections (`corpus edit`) applied last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus.dedup import lsh_bands, merge_records, same_work, title_key
from corpus.metadata.corrections import apply_corrections
from corpus.metadata.retraction import retraction_note
from corpus_core.models import Document, Metadata
from indexing.catalog import Catalog, LinkRecord


@dataclass
class _Pending:
    record: LinkRecord
    bands: set[str]
    title: str


@dataclass
class WorkLinker:
    """Links documents to works against one catalog; `begin_batch` before each batch of writes."""

    catalog: Catalog
    _pending: list[_Pending] = field(default_factory=list)

    def begin_batch(self) -> None:
        """Forget the documents of the previous batch (they are in the catalog now)."""
        self._pending.clear()

    def work_for(self, doc: Document, sig: list[int]) -> str:
        """The work `doc` belongs to: an existing one it is a version of, else its own id.

        The document is remembered for the rest of the batch, so two new versions of one
        work written together link to each other.
        """
        bands = lsh_bands(sig)
        candidates = self.catalog.link_candidates(doc.metadata.title, bands, exclude=doc.doc_id)
        records = self.catalog.link_records(candidates)
        order = {doc_id: i for i, doc_id in enumerate(candidates)}
        records.sort(key=lambda r: order[r.doc_id])
        key = title_key(doc.metadata.title)
        records += [
            p.record
            for p in self._pending
            if p.record.doc_id != doc.doc_id and ((key and p.title == key) or p.bands & set(bands))
        ]
        work_id = doc.doc_id
        for other in records:
            if same_work(doc.metadata, sig, other.metadata, other.signature):
                work_id = other.work_id
                break
        self._pending.append(_Pending(LinkRecord(doc.doc_id, work_id, doc.metadata, sig), set(bands), key))
        return work_id


def corrections_for(catalog: Catalog, doc_id: str, previous_doc: str = "") -> dict[str, Any]:
    """The user's corrections of a document, or of the earlier version of the same file."""
    own = catalog.corrections(doc_id)
    if own or not previous_doc:
        return own
    return catalog.corrections(previous_doc)


def inherit_corrections(catalog: Catalog, doc_id: str, previous_doc: str) -> None:
    """Carry the corrections of a file's previous version over to its new document."""
    inherited = corrections_for(catalog, doc_id, previous_doc)
    if inherited and not catalog.corrections(doc_id):
        catalog.set_corrections(doc_id, inherited)


def work_record(catalog: Catalog, work_id: str) -> Metadata | None:
    """A work's canonical record computed from its documents (None when it has none left)."""
    return work_records(catalog, [work_id])[work_id]


def work_records(catalog: Catalog, work_ids: set[str] | list[str]) -> dict[str, Metadata | None]:
    """Each work's canonical record (`work_record`), read for all of them at once."""
    ordered = sorted(set(work_ids))
    members = catalog.work_members(ordered)
    doc_ids = [d for docs in members.values() for d in docs]
    extracted = catalog.document_metadata(doc_ids)
    corrections = catalog.corrections_of(doc_ids + ordered)
    records: dict[str, Metadata | None] = {}
    for work_id in ordered:
        docs = members.get(work_id, [])
        if not docs:
            records[work_id] = None
            continue
        merged = merge_records(
            [apply_corrections(extracted[d], corrections.get(d, {})) for d in docs if d in extracted]
        )
        own = corrections.get(work_id, {})
        records[work_id] = apply_corrections(merged, own) if own else merged
    _note_retractions(catalog, [r for r in records.values() if r is not None])
    return records


def _note_retractions(catalog: Catalog, records: list[Metadata]) -> None:
    """Note each record retracted by a notice of the store that retracts its DOI (`Metadata.retracts`).

    The notice's year dates the retraction ("Retraction published 2022"); a retraction the record
    states already, or a user's `corpus edit retraction=` (also an empty one), is kept; a notice,
    whose page may show the DOI it cites as its own, is never marked.
    """
    open_records = [
        r
        for r in records
        if r.doi and not r.retraction and not r.is_notice and r.sources.get("retraction") != "user"
    ]
    notices = catalog.retraction_notices([r.doi for r in open_records])
    for record in open_records:
        notice = notices.get(record.doi.lower())
        if notice is not None:
            record.retraction = retraction_note(notice.year)
            record.sources["retraction"] = "page-furniture"


def retraction_dois(catalog: Catalog, doc_ids: list[str]) -> list[str]:
    """The DOIs these documents, notices of retraction, retract (read before they are removed)."""
    return [meta.retracts for meta in catalog.document_metadata(doc_ids).values() if meta.retracts]


def refresh_works(catalog: Catalog, work_ids: set[str] | list[str]) -> None:
    """Recompute and store these works' records (one transaction); drop works with no documents left."""
    catalog.set_works(work_records(catalog, work_ids))


def refresh_work(catalog: Catalog, work_id: str) -> None:
    """Recompute and store one work's record (see `refresh_works`)."""
    refresh_works(catalog, [work_id])
