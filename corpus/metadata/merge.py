"""Combine several records of one work field by field, the most trusted source winning.

Used twice: to combine the candidate records of one file (sidecar, manifest, embedded metadata,
labelled lines, first-page guesses) and to merge the records of several files of one work.
Each field keeps the source of the value chosen, so provenance survives every merge.
"""

from __future__ import annotations

import copy

from corpus.metadata.fields import FIELDS, is_filled
from corpus_core.models import Metadata

TRUST: dict[str, int] = {
    "user": 0,
    "zotero": 1,
    "sidecar": 2,
    "front-matter": 2,
    "manifest": 3,
    "beir": 3,
    "xmp": 4,
    "pdf-info": 4,
    "merged": 5,
    "labelled-text": 6,
    "page-furniture": 6,
    "first-page": 7,
    "file-name": 8,
}
"""Rank of each field source, lower is more trusted; a field without a recorded source ranks last."""

_UNKNOWN_RANK = len(TRUST)


def rank(record: Metadata, field_name: str) -> int:
    """Trust rank of `record`'s value for `field_name` (uncertain values rank just below certain ones)."""
    base = TRUST.get(record.sources.get(field_name, ""), _UNKNOWN_RANK)
    return base * 2 + (1 if field_name in record.uncertain else 0)


def merge_by_trust(records: list[Metadata]) -> Metadata:
    """Per field, the filled value from the most trusted record; ties go to the earlier record."""
    merged = Metadata()
    for name in FIELDS:
        best: Metadata | None = None
        for record in records:
            if not is_filled(getattr(record, name)):
                continue
            if best is None or rank(record, name) < rank(best, name):
                best = record
        if best is None:
            continue
        setattr(merged, name, copy.deepcopy(getattr(best, name)))
        if name in best.sources:
            merged.sources[name] = best.sources[name]
        if name in best.uncertain:
            merged.uncertain.append(name)
    return merged
