"""What an ingestion run did with each file: the run's records, apart from the document records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class FileOutcome:
    """What one ingestion run did with one file, for the report and `corpus stats`."""

    path: str
    status: Literal["ingested", "unchanged", "moved", "duplicate", "failed", "skipped", "removed"]
    doc_id: str = ""
    chunks: int = 0
    reason: str = ""
    work_id: str = ""
    """The work the document joined; differs from doc_id when it was linked to another file."""
    removed: dict[str, int] = field(default_factory=dict)
    """Characters removed by each cleaning rule."""
    transient: bool = False
    """A failure that says nothing about the file (a lost worker, a scheduler error): the next
    run tries the file again even though it has not changed."""
