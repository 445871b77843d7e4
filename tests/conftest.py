"""Shared fixtures: paths to the shared data, a temporary store, no network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
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
        if isinstance(host, str) and not (host.startswith("127.") or host in {"localhost", "::1"}):
            if self.family in (socket.AF_INET, socket.AF_INET6):
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
