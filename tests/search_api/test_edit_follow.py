"""A running HTTP service shows a record corrected by `corpus edit` in its very next answers.

The correction is made by the CLI while the service has its indexes open and its caches warm
(search engine, citation forms, the citation graph); the next /search, /documents and
/works/.../refs answers carry the corrected record, without a restart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_cli.main import app
from corpus_core.settings import Settings, load_settings
from indexing.run import ingest
from search_api import Corpus
from search_api.server import create_app
from tests.search_api.citing_corpus import TITLES, write_citing_corpus
from tests.search_api.writing_corpus import QueryEmbedder


def _year_of(client: TestClient, title: str) -> tuple[int | None, str]:
    results = client.get("/search", params={"q": "graph methods citation analysis", "mode": "lexical"}).json()
    found = [r for r in results["results"] if r["title"] == title]
    assert found, [r["title"] for r in results["results"]]
    return found[0]["year"], found[0]["citation"]


def _cited_year(client: TestClient, citing: str, cited: str) -> int | None:
    """The year the graph gives the corpus work `cited` among the references of `citing`."""
    refs = client.get(f"/works/{citing}/refs").json()["references"]
    years = [r["target"]["year"] for r in refs if r["target"]["id"] == cited]
    assert len(years) == 1, refs
    return years[0]


def _ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, works: str) -> Settings:
    """A store of the citing corpus's `works`, searched with the test query encoder."""
    embedder = QueryEmbedder()
    monkeypatch.setattr("search_api.service.shared_query_encoder", lambda settings: embedder)
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    write_citing_corpus(tmp_path / "papers", works=works)
    ingest(settings, [tmp_path / "papers"], embedder=embedder)
    return settings


def test_a_cli_correction_is_seen_by_the_running_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _ingested(tmp_path, monkeypatch, "ABC")
    corpus = Corpus(settings=settings)
    try:
        client = TestClient(create_app(settings, corpus))
        work_a = next(w.work_id for w in corpus.documents() if w.title == TITLES["A"])
        work_b = next(w.work_id for w in corpus.documents() if w.title == TITLES["B"])
        assert _year_of(client, TITLES["A"])[0] == 2010
        assert client.get(f"/documents/{work_a}").json()["metadata"]["year"] == 2010
        assert _cited_year(client, work_b, work_a) == 2010, "the graph is built and cached"

        result = CliRunner().invoke(
            app,
            [
                "edit",
                work_a,
                "--set",
                "year=2011",
                "--store",
                str(settings.store),
            ],
        )
        assert result.exit_code == 0, result.output

        year, citation = _year_of(client, TITLES["A"])
        assert year == 2011 and "2011" in citation
        assert client.get(f"/documents/{work_a}").json()["metadata"]["year"] == 2011
        assert _cited_year(client, work_b, work_a) == 2011, "the graph cache follows the correction"
    finally:
        corpus.close()


def test_a_reader_that_reloads_while_the_record_is_rewritten_still_sees_the_correction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corrections are stored before the work's record is recomputed: a reader looking in between
    caches the old record, so the correction ends with one more generation, after the new record."""
    import search_api.service as service

    settings = _ingested(tmp_path, monkeypatch, "AB")
    reader, writer = Corpus(settings=settings), Corpus(settings=settings)
    try:
        client = TestClient(create_app(settings, reader))
        work_a = next(w.work_id for w in reader.documents() if w.title == TITLES["A"])
        work_b = next(w.work_id for w in reader.documents() if w.title == TITLES["B"])
        real_refresh = service.refresh_work
        seen_between: list[int | None] = []

        def refresh_after_a_look(catalog: object, work_id: str) -> None:
            seen_between.append(_cited_year(client, work_b, work_a))  # the reader rebuilds its graph now
            real_refresh(catalog, work_id)  # type: ignore[arg-type]

        monkeypatch.setattr(service, "refresh_work", refresh_after_a_look)
        writer.edit(work_a, ["year=2011"])
        assert seen_between == [2010], "the reader looked before the record was rewritten"
        assert _cited_year(client, work_b, work_a) == 2011
    finally:
        reader.close()
        writer.close()
