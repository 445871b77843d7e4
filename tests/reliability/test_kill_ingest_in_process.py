"""kill -9 of an ingestion process (the run loop without Prefect or the model) at many random points.

The cheap variant of test_kill_ingest.py, run by default: `indexing.run.ingest` in a child
Python process (parsing in a worker process, a fake embedder, small write batches) over the
seeds and three small PDFs is SIGKILLed five times, at seeded random points stratified over
a one-shot run's duration, then run to the end. The store must equal the one-shot run's in
everything (documents, chunks, works, references, Chroma ids, lexical hits, file verdicts,
`corpus stats --json`), and the parsing worker must not outlive its killed parent.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.reliability.cli_runs import ROOT, cli_env, copy_papers, kill_all, snapshot, wait_for_no_survivors

pytestmark = [pytest.mark.slow, pytest.mark.reliability, pytest.mark.timeout(600)]

KILLS = 5


def _script(folder: Path, store: Path) -> str:
    return textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from corpus_core.settings import load_settings
        from indexing.run import ingest
        from tests.conftest import FakeEmbedder

        if __name__ == "__main__":
            settings = load_settings(store=Path({str(store)!r}))
            settings.runner.prepare_workers = 1
            settings.runner.batch_chunks = 8
            print("ingesting", flush=True)
            report = ingest(settings, [Path({str(folder)!r})], embedder=FakeEmbedder())
            assert {{o.status for o in report.outcomes}} <= {{"ingested", "unchanged"}}, report.outcomes
        """
    )


def _start(script: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    return copy_papers(tmp_path / "papers")


def test_killed_runs_then_a_clean_run_equal_a_one_shot_run(papers: Path, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "marker-home")
    marker = env["PREFECT_HOME"]
    reference_store, store = tmp_path / "one-shot", tmp_path / "killed"
    (tmp_path / "one_shot.py").write_text(_script(papers, reference_store))
    (tmp_path / "killed.py").write_text(_script(papers, store))

    started = time.monotonic()
    one_shot = _start(tmp_path / "one_shot.py", env)
    assert one_shot.stdout is not None and one_shot.stdout.readline().strip() == "ingesting"
    working = time.monotonic()
    output, _ = one_shot.communicate(timeout=300)
    assert one_shot.returncode == 0, output
    duration, startup = time.monotonic() - working, working - started

    rng = random.Random(20261123)
    events = []
    for i in range(KILLS):
        process = _start(tmp_path / "killed.py", env)
        assert process.stdout is not None and process.stdout.readline().strip() == "ingesting"
        delay = rng.uniform(i / KILLS, (i + 1) / KILLS) * duration
        try:
            process.wait(timeout=delay)
            said = process.stdout.read().strip().splitlines()[-3:]  # why, should the kills fall short
            events.append(f"{delay:.2f}s: ended first (exit {process.returncode}: {said})")
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            events.append(f"{delay:.2f}s: killed")
        left = wait_for_no_survivors(marker, process.pid)
        kill_all(left)
        assert not left, f"processes outlived the ingestion killed after {delay:.2f} s: {left}"
    assert sum("killed" in e for e in events) >= 2, (events, startup, duration)

    clean = subprocess.run(
        [sys.executable, str(tmp_path / "killed.py")], env=env, capture_output=True, text=True
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    expected, got = snapshot(reference_store, env), snapshot(store, env)
    assert got["unfinished"] == []
    for key in expected:
        assert got[key] == expected[key], f"{key} differs after {events}"
