"""Fixtures of the HTTP service tests: the seeds ingested once per session by the real flow.

The store is built by `flows.ingest.ingest_flow` under the session's temporary Prefect API
(`prefect_server`, a `prefect_test_harness`, from tests/conftest.py), with PREFECT_HOME in a
temporary directory, so the tests exercise exactly what `corpus ingest` writes. The
writer's-tool tests get one `Corpus` per module over the shared writing corpus (`corpus`); a
module that needs another store defines its own `corpus`, which takes precedence.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from corpus_core.settings import Settings, load_settings
from search_api import Corpus
from tests.conftest import SEEDS
from tests.search_api.writing_corpus import WritingCorpus, open_corpus


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> Path:
    """A store holding the five seed texts, ingested by the real Prefect flow and model."""
    from flows.ingest import ingest_flow

    saved = os.environ.get("PREFECT_HOME")
    if not saved:
        os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="prefect-home-")
    try:
        store = tmp_path_factory.mktemp("seed-store") / "corpus"
        report = ingest_flow([str(SEEDS)], store=str(store))
    finally:
        if not saved:
            os.environ.pop("PREFECT_HOME", None)
    statuses = {Path(o.path).name: o.status for o in report.outcomes}
    assert all(status == "ingested" for status in statuses.values()), statuses
    return store


@pytest.fixture(scope="session")
def seed_settings(seed_store: Path) -> Settings:
    """Settings pointing at the seed store, loopback host, no token."""
    settings = load_settings(store=seed_store)
    settings.server.host = "127.0.0.1"
    settings.server.api_token = ""
    return settings


@pytest.fixture(scope="session")
def seed_corpus(seed_settings: Settings) -> Iterator[Corpus]:
    """One open Corpus over the seed store, shared so the embedding model loads once."""
    corpus = Corpus(settings=seed_settings)
    yield corpus
    corpus.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    return _free_port()


@pytest.fixture
def serve_app() -> Iterator[Callable[[FastAPI], str]]:
    """Serve apps with uvicorn in background threads on free loopback ports: `url = serve_app(app)`."""
    import uvicorn

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def serve(app: FastAPI) -> str:
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
        thread.start()
        running.append((server, thread))
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on port {port}")
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    try:
        yield serve
    finally:
        for server, _ in running:
            server.should_exit = True
        for _, thread in running:
            thread.join(timeout=15)


@pytest.fixture
def live_server(seed_settings: Settings, seed_corpus: Corpus, serve_app: Callable[[FastAPI], str]) -> str:
    """The seed store's app served by uvicorn in a background thread; its base URL."""
    from search_api.server import create_app

    return serve_app(create_app(seed_settings, seed_corpus))


@pytest.fixture(scope="module")
def corpus(writing: WritingCorpus) -> Iterator[Corpus]:
    """The seeds' PDFs with printed pages (`writing`), opened once per test module."""
    with open_corpus(writing) as opened:
        yield opened
