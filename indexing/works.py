"""A work's canonical record: its documents' records merged, user corrections applied last."""

from __future__ import annotations

from corpus.corrections import apply_corrections
from corpus.dedup import merge_records
from indexing.catalog import Catalog


def refresh_work(catalog: Catalog, work_id: str) -> None:
    """Recompute and store a work's record from its documents; drop the work if none are left."""
    records = [
        apply_corrections(catalog.document(doc_id).metadata, catalog.corrections(doc_id))
        for doc_id in catalog.work_doc_ids(work_id)
    ]
    if not records:
        catalog.delete_work(work_id)
        return
    merged = merge_records(records)
    corrections = catalog.corrections(work_id)
    catalog.set_work(work_id, apply_corrections(merged, corrections) if corrections else merged)
