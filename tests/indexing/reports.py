"""Reading a run's report in tests."""

from __future__ import annotations

from pathlib import Path

from indexing.ingest import IngestReport


def statuses(report: IngestReport) -> dict[str, str]:
    """File name -> the status the run gave it."""
    return {Path(o.path).name: o.status for o in report.outcomes}
