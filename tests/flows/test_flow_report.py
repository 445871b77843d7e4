"""What a run's report costs Prefect: nothing walked, one row for the unchanged files.

A nightly run over a library of 10,000 files leaves nearly all of them unchanged; neither the
flow's return value nor its table artifact may cost in proportion to them.
"""

from __future__ import annotations

from prefect.utilities.collections import visit_collection

from corpus_core.runs import FileOutcome
from flows.ingest import _report_table
from indexing.ingest import IngestReport, Outcomes


def _report(unchanged: int) -> IngestReport:
    outcomes = [
        FileOutcome(f"/library/{n:05d}.pdf", "unchanged", doc_id=f"d{n}", chunks=2) for n in range(unchanged)
    ]
    outcomes.append(
        FileOutcome("/library/new.pdf", "ingested", doc_id="new", chunks=5, removed={"headers": 40})
    )
    return IngestReport(Outcomes(outcomes), "/store")


def test_prefect_does_not_walk_the_outcomes_of_a_flows_report() -> None:
    """Prefect visits a flow's return value for futures: the outcomes are one value to it, not 10,001."""
    report = _report(10_000)
    visited: list[object] = []
    visit_collection(report, lambda value: visited.append(value), return_data=False)
    assert len(visited) < 10, f"Prefect walked {len(visited)} values of the report"
    assert len(report.outcomes) == 10_001 and report.outcomes[-1].path == "/library/new.pdf"
    assert [o.doc_id for o in report.outcomes[:2]] == ["d0", "d1"]
    assert report.count("unchanged") == 10_000 and report.chunks == 5
    assert report == _report(10_000) and report != _report(3)


def test_the_run_table_counts_unchanged_files_in_one_row() -> None:
    rows = _report_table(_report(3))
    assert rows == [
        {
            "file": "/library/new.pdf",
            "status": "ingested",
            "chunks": 5,
            "reason": "",
            "cleaned": "headers 40",
        },
        {"file": "3 files", "status": "unchanged", "chunks": 6, "reason": "", "cleaned": ""},
    ]
    assert _report_table(IngestReport(Outcomes(), "/store")) == []
