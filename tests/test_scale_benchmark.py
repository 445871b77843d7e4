"""benchmarks/scale.py builds through the real write path and repeats small builds for a median."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import scale

from corpus_core.layout import StoreLayout
from tests.conftest import CACM


@pytest.mark.slow
def test_repeated_builds_leave_one_store_and_give_every_builds_ratio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "CACM", CACM)  # the vocabulary; a clone made elsewhere has no ../shared
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    store = tmp_path / "store"
    writes, ratios = scale.build_repeated(store, 200, 80, repeat=2)
    assert len(ratios) == 2 and all(r > 0 for r in ratios)
    assert ratios[-1] == writes["write_rate"] / writes["raw_chroma_rate"]
    with closing(sqlite3.connect(StoreLayout(store).catalog)) as db:
        assert db.execute("SELECT count(*) FROM chunks").fetchone()[0] == 200
    assert list((tmp_path / "temporary").iterdir()) == []  # the extra build and raw Chroma's stores are gone


@pytest.mark.slow
def test_query_latency_readies_the_query_export_first_and_reports_that_start_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "CACM", CACM)
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))  # no export yet: a first start
    store = tmp_path / "store"
    scale.build(store, 80, 80)
    summary = scale.query_latency(store, 2)
    assert list((tmp_path / "cache").glob("*.fp32.onnx"))  # built by the process before the measured one
    first, steady = summary["first_start_rss_mb"], summary["peak_rss_mb"]
    assert isinstance(first, int) and isinstance(steady, int)
    assert first > steady  # the export's build is not counted in the serve-like figure
    p50, p95 = summary["hybrid/warm"]  # type: ignore[misc]
    assert 0 < p50 <= p95  # the serve-like process timed the searches


def test_a_child_process_reports_its_own_peak_memory_not_its_parents() -> None:
    grown = bytearray(400 * 1024 * 1024)
    grown[:: 1 << 12] = b"\x01" * len(grown[:: 1 << 12])  # touched: resident in this process
    script = f"import sys; sys.path.insert(0, {str(Path(scale.__file__).parent)!r}); import machine; "
    command = [sys.executable, "-c", script + "print(machine.peak_rss_mb())"]
    child = subprocess.run(command, capture_output=True, text=True, check=True)
    assert float(child.stdout) < 100, child.stdout  # a bare interpreter, though its parent holds 400 MB
    del grown
