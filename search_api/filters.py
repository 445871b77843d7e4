"""What a search may return: the filters `corpus search`, `GET /search` and saved searches share.

A light module (no store, no model) so a saved search is checked with the same rules as the
search it will run: `Filters(year_from=2030, year_to=2000)` is a `UsageError` wherever it is
made, with one message. A language is read as extraction and `corpus edit` read it ("English",
"en-US" and "eng" are the stored "en"), so `--language English` finds the English works.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.metadata.fields import normalise_language
from corpus_core.errors import UsageError


@dataclass(frozen=True)
class Filters:
    """Restrictions on what a search may return; None/'' means no restriction."""

    year_from: int | None = None
    year_to: int | None = None
    author: str | None = None
    venue: str | None = None
    language: str | None = None
    section: str | None = None
    collection: str | None = None
    """A Zotero collection ("Parent/Child" or its own name; subcollections included)."""
    tag: str | None = None
    """A Zotero tag."""

    def __post_init__(self) -> None:
        if self.language and self.language.strip():
            code = normalise_language(self.language)
            if not code:
                raise UsageError(
                    f"unknown language {self.language!r}: "
                    "give an ISO code such as en or de, or a name like English"
                )
            object.__setattr__(self, "language", code)
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise UsageError(
                f"the years run backwards (from {self.year_from} to {self.year_to}): nothing can match"
            )

    @property
    def is_set(self) -> bool:
        """Whether any filter is set."""
        return any(v not in (None, "") for v in vars(self).values())

    @property
    def on_works(self) -> bool:
        """Whether any work-level filter is set (section is checked per chunk)."""
        return any(
            v not in (None, "")
            for v in (self.year_from, self.year_to, self.author, self.venue, self.language)
        )
