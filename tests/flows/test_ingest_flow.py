"""The real Prefect ingestion flow on the seeds and every shared PDF, with the bundled model."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_api import Corpus
from tests.conftest import chroma_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def by_name(report) -> dict[str, object]:
    return {Path(o.path).name: o for o in report.outcomes}


def test_every_file_is_ingested_or_reported(ingested_store, pdfs_dir: Path, seeds_dir: Path) -> None:
    outcomes = by_name(ingested_store.report)
    for seed in seeds_dir.iterdir():
        assert outcomes[seed.name].status == "ingested", outcomes[seed.name]
        assert outcomes[seed.name].chunks > 0
    for pdf in pdfs_dir.iterdir():
        outcome = outcomes[pdf.name]
        assert outcome.status in {"ingested", "failed", "skipped"}
        if outcome.status != "ingested":
            assert outcome.reason, f"{pdf.name} failed without a reason"
    assert "password" in outcomes["libreoffice-writer-password.pdf"].reason
    assert "OCR" in outcomes["imagemagick-images.pdf"].reason
    assert "damaged" in outcomes["unreadablemetadata.pdf"].reason
    assert outcomes["LICENSE"].status == "skipped"
    assert outcomes["files.json"].status == "skipped"
    assert outcomes["GeoTopo-komprimiert.pdf"].status == "ingested"


def test_failures_are_listed_in_stats(ingested_store) -> None:
    stats = Corpus(ingested_store.path).stats()
    failed = {Path(f.path).name: f.reason for f in stats.failures}
    assert "libreoffice-writer-password.pdf" in failed
    assert "imagemagick-images.pdf" in failed
    assert stats.chunks > 400
    assert stats.last_run["counts"]["ingested"] >= 10


def test_run_report_artifact_is_written(ingested_store) -> None:
    """Read through the REST route: Prefect 3.8.8's client helpers send nulls its server rejects."""
    from prefect.client.orchestration import get_client

    query = {
        "artifacts": {"key": {"any_": ["ingest-report"]}},
        "limit": 50,
        "offset": 0,
        "sort": "CREATED_DESC",
    }
    with get_client(sync_client=True) as client:
        response = client.request("POST", "/artifacts/filter", json=query)
    reports = [a for a in response.json() if str(ingested_store.path) in a["description"]]
    assert reports, "the flow wrote no ingest-report artifact for this store"
    artifact = reports[-1]
    assert artifact["type"] == "table"
    assert "GeoTopo-komprimiert.pdf" in artifact["data"]
    assert "unreadablemetadata.pdf" in artifact["data"]
    assert "linked to existing works" in artifact["description"]


def test_pdf_hit_carries_printed_page(ingested_store) -> None:
    corpus = Corpus(ingested_store.path)
    results = corpus.search("Simplizialkomplex Graph konvexe Hülle k-Simplex", k=3)
    assert results[0].source.endswith("GeoTopo-komprimiert.pdf")
    pages = {p.page for p in results[0].passages}
    assert pages & {"37", "38", "37-38", "38-39"}, pages


def test_search_finds_the_2019_paper_first(ingested_store) -> None:
    results = Corpus(ingested_store.path).search("value co-creation in a learning organization", k=5)
    first = results[0]
    assert Path(first.source).name[:4] in {"000_", "001_"}
    assert "learning organization" in first.title.lower()
    assert first.year == 2019
    assert "2019" in first.citation
    assert len({r.doc_id for r in results}) == len(results), "a work appears once"


def test_rerun_adds_nothing(ingested_store, seeds_dir: Path, pdfs_dir: Path) -> None:
    from flows.ingest import ingest_flow

    before = Corpus(ingested_store.path).stats()
    report = ingest_flow([str(seeds_dir), str(pdfs_dir)], store=str(ingested_store.path))
    assert report.count("ingested") == 0
    assert report.count("unchanged") == ingested_store.report.count("ingested") + ingested_store.report.count(
        "duplicate"
    )
    after = Corpus(ingested_store.path).stats()
    assert (after.documents, after.chunks) == (before.documents, before.chunks)


def test_ingest_into_a_chroma_server(tmp_path: Path, seeds_dir: Path, prefect_server: None) -> None:
    """Chroma's server mode: `chroma run` on loopback, the flow writing through HttpClient."""
    from flows.ingest import ingest_flow

    with chroma_server(tmp_path / "chroma-server") as port:
        config = tmp_path / "server.toml"
        config.write_text(f'[chroma]\nhost = "127.0.0.1"\nport = {port}\ncollection = "papers"\n')
        store = tmp_path / "store"
        report = ingest_flow([str(seeds_dir)], store=str(store), config=str(config))
        assert report.count("ingested") == 5
        assert not (store / "chroma").exists(), "vectors went to the server, not to disk"
        import chromadb

        client = chromadb.HttpClient(host="127.0.0.1", port=port)
        assert client.get_collection("papers").count() == sum(o.chunks for o in report.outcomes)
        # A hybrid search calls the server from two threads at once (the BM25 thread fetches
        # stored vectors while the query is encoded and sent).
        corpus = Corpus(store, config=config)
        for _ in range(3):
            first = corpus.search("value co-creation in a learning organization", k=5, mode="hybrid")[0]
            assert Path(first.source).name[:4] in {"000_", "001_"} and first.year == 2019


def test_schedule_builds_a_cron_deployment(tmp_path: Path) -> None:
    from corpus_core.errors import CorpusError
    from flows.ingest import deployment

    runner = deployment([str(tmp_path)], "0 2 * * *", "nightly", str(tmp_path / "store"), prune=True)
    assert runner.name == "nightly"
    assert runner.parameters == {
        "paths": [str(tmp_path)],
        "store": str(tmp_path / "store"),
        "config": None,
        "prune": True,
    }
    assert runner.schedules[0].schedule.cron == "0 2 * * *"
    with pytest.raises(CorpusError) as caught:
        deployment([str(tmp_path)], "every night", "nightly", str(tmp_path / "store"))
    assert str(caught.value) == (
        "invalid cron expression 'every night': five fields are expected (minute hour day month "
        "weekday), like '0 2 * * *' for 02:00 every day"
    ), "one line a user can act on, not pydantic's report"
