"""User corrections of a record (`corpus edit DOC_ID --set year=2019`), applied over extraction.

Corrections are kept in the store and re-applied on every ingestion, so they survive it.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from corpus_core.errors import UsageError
from corpus_core.models import FieldSource, Metadata, Person

EDITABLE = tuple(f.name for f in fields(Metadata) if f.name not in {"sources", "uncertain"})


def parse_assignments(assignments: list[str]) -> dict[str, Any]:
    """Turn ["year=2019", "authors=Chung, Yin Min; Doe, J."] into typed field values."""
    values: dict[str, Any] = {}
    for item in assignments:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or name not in EDITABLE:
            raise UsageError(f"cannot set {item!r}: use FIELD=VALUE with FIELD one of {', '.join(EDITABLE)}")
        raw = raw.strip()
        if name == "year":
            if raw and not raw.isdigit():
                raise UsageError(f"cannot set year={raw!r}: a year is a number like 2019")
            values[name] = int(raw) if raw else None
        elif name == "authors":
            values[name] = [p.strip() for p in raw.split(";") if p.strip()]
        elif name == "keywords":
            values[name] = [k.strip() for k in raw.replace(";", ",").split(",") if k.strip()]
        else:
            values[name] = raw
    return values


def apply_corrections(metadata: Metadata, corrections: dict[str, Any]) -> Metadata:
    """A copy of `metadata` with the user's values set and their source marked "user"."""
    changes: dict[str, Any] = {}
    for name, value in corrections.items():
        if name not in EDITABLE:
            continue
        changes[name] = [Person.parse(a) for a in value] if name == "authors" else value
    if not changes:
        return metadata
    user: FieldSource = "user"
    sources = {**metadata.sources, **dict.fromkeys(changes, user)}
    uncertain = [f for f in metadata.uncertain if f not in changes]
    return replace(metadata, **changes, sources=sources, uncertain=uncertain)
