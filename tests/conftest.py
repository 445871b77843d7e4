"""Shared fixtures: paths to the shared data, a temporary store, no network."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

if "PREFECT_HOME" not in os.environ:
    # A throwaway Prefect home for this test session, removed when the session's process ends.
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="prefect-home-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.pop("CORPUS_STORE", None)

ROOT = Path(__file__).resolve().parent.parent


def _shared_data() -> Path:
    """The read-only data the tests use: `CORPUS_SHARED_DATA`, else `../shared/data` beside this
    checkout, else beside the checkout this one was cloned from (a fresh clone made elsewhere,
    as `git clone . /tmp/x/ci` for a CI run, has no `../shared` of its own).
    """
    if os.environ.get("CORPUS_SHARED_DATA"):
        return Path(os.environ["CORPUS_SHARED_DATA"])
    beside = ROOT.parent / "shared" / "data"
    if beside.is_dir():
        return beside
    origin = subprocess.run(
        ["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"], capture_output=True, text=True
    ).stdout.strip()
    cloned_from = Path(origin).parent / "shared" / "data" if origin and Path(origin).is_dir() else None
    return cloned_from if cloned_from is not None and cloned_from.is_dir() else beside


SHARED = _shared_data()
SEEDS = SHARED / "seeds"
PDFS = SHARED / "pdfs"
CACM = SHARED / "benchmarks" / "cacm"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _no_external_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit and integration tests may talk to loopback only."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        remote = isinstance(host, str) and not (host.startswith("127.") or host in {"localhost", "::1"})
        if remote and self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"test tried to reach {address!r}: no network in tests")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def pdfs_dir() -> Path:
    return PDFS


@pytest.fixture
def tmp_store(tmp_path: Path) -> Iterator[Path]:
    store = tmp_path / "store"
    yield store


class FakeEmbedder:
    """Deterministic bag-of-words vectors: hermetic stand-in for the model in unit tests."""

    name = "fake"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.passages = 0

    def _vector(self, text: str):
        import numpy as np

        vec = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            vec[hash(word.strip(".,;:()")) % self.dim] += 1.0
        norm = float(np.linalg.norm(vec)) or 1.0
        return vec / norm

    def embed_passages(self, texts: list[str]):
        import numpy as np

        self.calls += 1
        self.passages += len(texts)
        return (
            np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)
        )

    def embed_query(self, text: str):
        return self._vector(text)

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(t.split()) for t in texts]

    def warm_up(self) -> None:
        return None


def free_port() -> int:
    """A TCP port nothing listens on (loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chroma_server(path: Path) -> Iterator[int]:
    """A real Chroma server (`chroma run`) on loopback for the block; yields its port."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def writing(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Seed PDFs with printed page numbers, ingested once for every writer's-tool test (read only).

    Each test module opens its own `Corpus` over it (`tests.search_api.writing_corpus.open_corpus`).
    """
    from tests.search_api.writing_corpus import build_writing_corpus

    return build_writing_corpus(tmp_path_factory.mktemp("writing"))


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect API for every test that runs a flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@dataclass
class IngestedStore:
    """A store built by the real ingestion flow, and that run's report."""

    path: Path
    report: object


@pytest.fixture(scope="session")
def ingested_store(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> IngestedStore:
    """The seeds and the shared PDFs ingested once per session by the real flow and model."""
    from flows.ingest import ingest_flow

    store = tmp_path_factory.mktemp("store") / "corpus"
    report = ingest_flow([str(SEEDS), str(PDFS)], store=str(store))
    return IngestedStore(store, report)
