"""kill -9 of `corpus ingest` at random points, then a clean run: the store equals a one-shot run's.

The CLI runs as a real subprocess (its own PREFECT_HOME, its own process group) over the
seeds and three small PDFs, with small write batches so a run has many write windows. A
one-shot run into a fresh store is the reference and gives the timing: the kills are
spread over a run (seeded RNG, one per stratum: during start-up, early and late after
Prefect's server is up). After each kill nothing the CLI started may survive (Prefect's
temporary server, parsing workers: they die with it by PR_SET_PDEATHSIG). Then a clean run must leave the
store equal to the reference: documents, chunk ids, texts and pages, works, references,
Chroma ids, the lexical index and its hits, file verdicts and `corpus stats --json` (less
its last-run record).

Heavy (five CLI runs, each loading the model and starting Prefect): marked `reliability`
and `integration`, deselected by default (pyproject addopts); run with `bash scripts/test.sh -m reliability`.
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from corpus_core.layout import StoreLayout
from indexing.catalog import Catalog
from tests.reliability.cli_runs import (
    cli_env,
    copy_papers,
    kill_all,
    prefect_started,
    snapshot,
    start_cli,
    timed_ingest,
    wait_for_no_survivors,
)

pytestmark = [pytest.mark.slow, pytest.mark.reliability, pytest.mark.integration, pytest.mark.timeout(1500)]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds and three small real PDFs."""
    return copy_papers(tmp_path_factory.mktemp("papers"))


def _ready_share(store: Path, files: int) -> float:
    """The share of the folder's documents the store already holds ready."""
    if not StoreLayout(store).exists():
        return 0.0
    catalog = Catalog(StoreLayout(store).catalog)
    try:
        return min(1.0, len(catalog.document_ids()) / files)
    finally:
        catalog.close()


def _run_and_kill(papers: Path, store: Path, env: dict[str, str], log: Path, when: tuple[str, float]) -> str:
    """Start `corpus ingest`, SIGKILL it at `when` ("start", s after start) or ("flow", s after it
    started Prefect's server); what happened, for the failure message."""
    stage, delay = when
    process = start_cli(["ingest", str(papers), "--store", str(store)], env, log)
    start = time.monotonic()
    if stage == "flow":
        while (
            process.poll() is None
            and not prefect_started(env["PREFECT_HOME"])
            and time.monotonic() - start < 300
        ):
            time.sleep(0.02)
        start = time.monotonic()
    while process.poll() is None and time.monotonic() - start < delay:
        time.sleep(0.02)
    if process.poll() is not None:
        return f"{stage}+{delay:.1f}s: ended first ({process.returncode})"
    process.send_signal(signal.SIGKILL)  # the CLI only, as `kill -9 PID` would
    process.wait(timeout=30)
    left = wait_for_no_survivors(env["PREFECT_HOME"], process.pid)
    kill_all(left)
    assert not left, f"processes outlived `corpus ingest` killed at {stage}+{delay:.1f}s: {left}"
    catalog = Catalog(StoreLayout(store).catalog) if StoreLayout(store).exists() else None
    half = len(catalog.unfinished_documents()) if catalog else 0
    if catalog:
        catalog.close()
    return f"{stage}+{delay:.1f}s: killed ({half} half-written)"


def test_kill_nine_at_random_points_then_a_clean_run_equals_one_shot(papers: Path, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "prefect-home", CORPUS_RUNNER__BATCH_CHUNKS="16")
    marker = env["PREFECT_HOME"]
    reference_store, store = tmp_path / "one-shot", tmp_path / "killed"

    reference = timed_ingest(papers, reference_store, env, tmp_path / "one-shot.log")
    assert reference.returncode == 0, (tmp_path / "one-shot.log").read_text()[-3000:]
    left = wait_for_no_survivors(marker, None)
    kill_all(left)
    assert not left, f"processes outlived a finished `corpus ingest`: {left}"

    rng = random.Random(1123)
    files = len(list(papers.iterdir()))
    flow = max(reference.ended - reference.locked, 1.0)
    events = [
        _run_and_kill(
            papers, store, env, tmp_path / "killed-0.log", ("start", rng.uniform(0.3, 0.9) * reference.locked)
        )
    ]
    for i, (low, high) in enumerate(((0.05, 0.4), (0.4, 0.8)), start=1):
        remaining = flow * (1.0 - _ready_share(store, files))
        when = ("flow", rng.uniform(low, high) * remaining)
        events.append(_run_and_kill(papers, store, env, tmp_path / f"killed-{i}.log", when))
    assert sum("killed" in e for e in events) >= 2, f"most runs ended before their kill: {events}"

    final = timed_ingest(papers, store, env, tmp_path / "clean.log")
    assert final.returncode == 0, (tmp_path / "clean.log").read_text()[-3000:]
    left = wait_for_no_survivors(marker, None)
    kill_all(left)
    assert not left

    expected, got = snapshot(reference_store, env), snapshot(store, env)
    assert got["unfinished"] == []
    for key in expected:
        assert got[key] == expected[key], f"{key} differs after {events}"
