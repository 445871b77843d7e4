"""Ingestion on Dask workers (prefect-dask, a real LocalCluster) into a Chroma server on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from corpus_core.layout import StoreLayout
from corpus_core.settings import load_settings
from indexing.catalog import Catalog
from indexing.distributed import DaskSpec, parse_dask_spec
from search_api import Corpus
from tests.conftest import PDFS, SEEDS, chroma_server

pytestmark = [pytest.mark.slow, pytest.mark.integration]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and two real PDFs (a four-page LaTeX paper, a two-column page)."""
    root = tmp_path_factory.mktemp("papers")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, root / seed.name)
    for name in ("pdflatex-4-pages.pdf", "multicolumn.pdf"):
        shutil.copy(PDFS / name, root / name)
    return root


def _snapshot(store: Path, config: Path | None = None) -> dict[str, object]:
    """Documents, chunk ids with pages, and APA citations of every work in a store."""
    catalog = Catalog(StoreLayout(store).catalog)
    try:
        chunks = sorted((c.chunk_id, c.page_label) for c in catalog.chunks())
        documents = catalog.document_ids()
        works = sorted(w.work_id for w in catalog.works())
    finally:
        catalog.close()
    corpus = Corpus(settings=load_settings(config, store=store))
    try:
        citations = {w: corpus.cite(w, "apa") for w in works}
    finally:
        corpus.close()
    return {"documents": documents, "chunks": chunks, "citations": citations}


def test_dask_spec_parsing() -> None:
    assert parse_dask_spec("local:2") == DaskSpec(workers=2)
    assert parse_dask_spec("tcp://10.0.0.5:8786") == DaskSpec(address="tcp://10.0.0.5:8786")
    assert parse_dask_spec("local").workers == (os.cpu_count() or 1)


def test_dask_run_into_a_chroma_server_equals_a_plain_run(
    folder: Path, tmp_path: Path, prefect_server: None
) -> None:
    from flows.ingest import ingest_flow
    from flows.ingest_dask import dask_runner

    plain = ingest_flow([str(folder)], store=str(tmp_path / "plain"))
    with chroma_server(tmp_path / "chroma-server") as port:
        config = tmp_path / "server.toml"
        config.write_text(f'[chroma]\nhost = "127.0.0.1"\nport = {port}\n')
        flow = ingest_flow.with_options(task_runner=dask_runner(DaskSpec(workers=2)))  # type: ignore[arg-type]
        distributed = flow([str(folder)], store=str(tmp_path / "dask"), config=str(config), distributed=True)
        assert not (tmp_path / "dask" / "chroma").exists(), "vectors went to the Chroma server"
        assert {(o.path, o.status, o.chunks) for o in distributed.outcomes} == {
            (o.path, o.status, o.chunks) for o in plain.outcomes
        }
        assert _snapshot(tmp_path / "dask", config) == _snapshot(tmp_path / "plain")
        again = flow(
            [str(folder)], store=str(tmp_path / "dask"), config=str(config), distributed=True, reprocess=True
        )
        chunks = sum(o.chunks for o in again.outcomes if o.status == "ingested")
        assert chunks > 0 and again.reused_vectors == chunks, "the workers encoded stored passages again"
        assert _snapshot(tmp_path / "dask", config) == _snapshot(tmp_path / "plain")


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    folder: Path, tmp_path: Path, prefect_server: None
) -> None:
    from distributed import Client, LocalCluster

    from flows.ingest import ingest_flow
    from flows.ingest_dask import dask_runner

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    killed: list[int] = []

    def kill_one_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [address for address, tasks in client.processing().items() if tasks]
            if busy:
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.2)

    try:
        killer = threading.Thread(target=kill_one_worker, daemon=True)
        killer.start()
        store = tmp_path / "store"
        flow = ingest_flow.with_options(  # type: ignore[arg-type]
            task_runner=dask_runner(DaskSpec(address=cluster.scheduler_address))
        )
        report = flow([str(folder)], store=str(store), distributed=True)
        killer.join(timeout=5)
        assert killed, "a worker was killed while it held a task"
        documents = [o for o in report.outcomes if o.status in ("ingested", "failed")]
        assert len({o.path for o in documents}) == len(documents), "each file reported once"
        assert {o.path for o in report.outcomes} >= {str(p) for p in folder.iterdir()}
        ingest_flow([str(folder)], store=str(store))  # a failed file is retried by the next run
        catalog = Catalog(StoreLayout(store).catalog)
        try:
            chunk_ids = [c.chunk_id for c in catalog.chunks()]
        finally:
            catalog.close()
        assert len(chunk_ids) == len(set(chunk_ids))
        plain = tmp_path / "plain"
        ingest_flow([str(folder)], store=str(plain))
        assert _snapshot(store) == _snapshot(plain)
    finally:
        client.close()
        cluster.close()


def test_corpus_ingest_dask_runs_the_files_on_a_local_cluster(tmp_path: Path) -> None:
    """`corpus ingest --dask local:1` as a process (the command imports the Dask runner only then),
    with the same documents and chunks as the plain command."""
    from tests.reliability.cli_runs import cli_env, run_cli

    env = cli_env(tmp_path / "prefect-home")
    runs = {}
    for name, extra in (("plain", []), ("dask", ["--dask", "local:1"])):
        run = run_cli(["ingest", str(SEEDS), "--store", str(tmp_path / name), *extra], env, timeout=400)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        assert "5 ingested" in run.stdout
        runs[name] = _snapshot(tmp_path / name)
    assert runs["dask"] == runs["plain"]
