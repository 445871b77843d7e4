"""User corrections of a record (`corpus edit DOC_ID --set year=2019`), applied over extraction.

Corrections are kept in the store and re-applied on every ingestion, so they survive it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from corpus.cleaning.imprint_page import isbn_digits
from corpus.metadata.fields import (
    BIBTEX_KEY_UNSAFE,
    COMMON_KINDS,
    normalise_doi,
    normalise_edition,
    normalise_kind,
    normalise_language,
    normalise_pages,
    parse_date,
    parse_year,
)
from corpus.metadata.retraction import retraction_note
from corpus_core.errors import UsageError
from corpus_core.models import PEOPLE_FIELDS, RETRACTED, FieldSource, Metadata, Person

EDITABLE = tuple(f.name for f in fields(Metadata) if f.name not in {"sources", "uncertain", "retracts"})
"""The fields `corpus edit` sets; a notice's `retracts` is read from its page, where the catalog's
index finds it (`retraction=` marks a work retracted)."""


def parse_assignments(assignments: list[str]) -> dict[str, Any]:
    """Turn ["year=2019", "authors=Chung, Yin Min; Doe, J."] into typed field values (editors as authors).

    Each value is read the way extraction reads that field (a DOI from a link, a CSL type from
    a BibTeX one); one that cannot be read is refused with the reason, not stored to turn up
    later in a citation.
    """
    values: dict[str, Any] = {}
    for item in assignments:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or name not in EDITABLE:
            raise UsageError(f"cannot set {item!r}: use FIELD=VALUE with FIELD one of {', '.join(EDITABLE)}")
        raw = raw.strip()
        if name in PEOPLE_FIELDS:
            values[name] = [p.strip() for p in raw.split(";") if p.strip()]
        elif name == "keywords":
            values[name] = [k.strip() for k in raw.replace(";", ",").split(",") if k.strip()]
        elif name == "pages":
            values[name] = normalise_pages(raw)
        elif name == "edition":
            values[name] = normalise_edition(raw)
        elif name in _READERS and raw:
            read, expected = _READERS[name]
            value = read(raw)
            if value in (None, ""):
                raise UsageError(f"cannot set {name}={raw!r}: {expected}")
            values[name] = value
        else:
            values[name] = None if name in ("year", "original_year") else raw
    if values.get("date") and "year" not in values:  # a day is of its year: "date=2019-05-14" dates 2019
        values["year"] = int(values["date"][:4])
    return values


def _year(raw: str) -> int | None:
    return parse_year(raw) if raw.isdigit() else None


def _retraction(raw: str) -> str:
    """APA's note of a retraction: "2022" is "Retraction published 2022", "yes" `RETRACTED`, a note itself."""
    if raw.isdigit():
        year = parse_year(raw)
        return retraction_note(year) if year is not None else ""
    return RETRACTED if raw.lower() in ("yes", "true", "retracted") else raw


def _citation_key(raw: str) -> str:
    return "" if BIBTEX_KEY_UNSAFE.search(raw) else raw


def _url(raw: str) -> str:
    return raw if re.match(r"(?:https?|ftp)://\S+$", raw) else ""


_READERS: dict[str, tuple[Callable[[str], Any], str]] = {
    "year": (_year, "a year is a number from 1500 to next year, like 2019"),
    "original_year": (_year, "a year is a number from 1500 to next year, like 1966"),
    "doi": (normalise_doi, "a DOI starts with 10. and a registrant code, like 10.1504/IJLIC.2009.021718"),
    "isbn": (isbn_digits, "an ISBN has 10 or 13 digits and its check digit must hold (hyphens may stay)"),
    "kind": (normalise_kind, f"a kind is a CSL item type ({', '.join(COMMON_KINDS)}, ...) or a BibTeX type"),
    "language": (normalise_language, "a language is a code like en or de, or a name like English"),
    "citation_key": (_citation_key, "a BibTeX key holds no spaces and none of , { } = # % \\ \" '"),
    "url": (_url, "a URL starts with http:// or https://"),
    "date": (parse_date, "a date is written like 2019-05-14, 14 May 2019 or May 2019"),
    "retraction": (_retraction, "a retraction is its year, yes, or APA's note of it"),
}
"""Fields whose value is checked and normalised: a reader (falsy when unreadable) and what it expects."""


def apply_corrections(metadata: Metadata, corrections: dict[str, Any]) -> Metadata:
    """A copy of `metadata` with the user's values set and their source marked "user"."""
    changes: dict[str, Any] = {}
    for name, value in corrections.items():
        if name not in EDITABLE:
            continue
        changes[name] = [Person.parse(a) for a in value] if name in PEOPLE_FIELDS else value
    if not changes:
        return metadata
    user: FieldSource = "user"
    sources = {**metadata.sources, **dict.fromkeys(changes, user)}
    uncertain = [f for f in metadata.uncertain if f not in changes]
    return replace(metadata, **changes, sources=sources, uncertain=uncertain)
