"""The record a Markdown or text note states in its YAML front matter, source "front-matter".

The writer put it there (Pandoc, Quarto, Obsidian, Zettlr), so it ranks with a sidecar, above
everything read from the text. Fields are read as a `corpus.yaml` record is
(`sidecars.record_from_mapping`), with Pandoc's own names as well: `author` as a string, a
list of names or a list of `{name: ...}` maps, `date`, `subtitle`, `lang`, `tags`,
`description` / `summary`. Front matter that YAML cannot read is named in `problems`.
"""

from __future__ import annotations

import datetime
from typing import Any

from corpus.cleaning.front_matter import FORMATS, find_front_matter
from corpus.metadata.fields import stamp
from corpus.metadata.sidecars import record_from_mapping
from corpus_core.models import Metadata, RawDocument

_ALIASES = {"lang": "language", "tags": "keywords", "description": "abstract", "summary": "abstract"}


def front_matter_record(raw: RawDocument, problems: list[str] | None = None) -> Metadata | None:
    """The front matter's record, or None when the file has none (or none that could be read)."""
    if raw.format not in FORMATS or not raw.pages:
        return None
    found = find_front_matter(raw.pages[0])
    if found is None:
        return None
    if found.fields is None:
        if problems is not None:
            problems.append(found.problem)
        return None
    fields = dict(found.fields)
    for alias, name in _ALIASES.items():
        if alias in fields and name not in fields:
            fields[name] = fields[alias]
    for name, value in list(fields.items()):
        if isinstance(value, datetime.date):  # YAML reads `date: 2021-03-04` as a date
            fields[name] = value.isoformat()
    for people in ("author", "editor"):
        if people in fields:
            fields[people] = _names(fields[people])
    if fields.get("subtitle") and isinstance(fields.get("title"), str):
        fields["title"] = f"{fields['title'].rstrip(' :')}: {fields['subtitle']}"
    record = stamp(record_from_mapping(fields), "front-matter")
    return record if record.sources else None


def _names(value: Any) -> Any:
    """Pandoc's `{name: "Jane Smith", affiliation: ...}` authors as the names they are."""
    if not isinstance(value, list):
        return value
    named = (item.get("name") if isinstance(item, dict) else None for item in value)
    return [name if isinstance(name, str) else item for name, item in zip(named, value, strict=True)]
