"""A parsing process that dies (a parser's crash, the OOM killer) costs its file, not the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from corpus_core.settings import Settings
from indexing import prepare
from indexing.run import ingest, start_early
from tests.indexing.dying_worker import SLOW_EXIT_S, die_at_start, prepare_or_die, prepare_then_exit_slowly
from tests.indexing.reports import statuses

SENTENCE = "Learning organizations share what teams find out with the customers they serve. "


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """Forty short papers (more than the workers are handed at once).

    The fifth one's name makes its worker process die.
    """
    folder = tmp_path / "papers"
    folder.mkdir()
    for number in range(40):
        name = "paper-04-crash.txt" if number == 4 else f"paper-{number:02d}.txt"
        body = "".join(f"Study {number} result {line}: " + SENTENCE for line in range(20))
        (folder / name).write_text(f"Title: Paper number {number}\n\n{body}")
    return folder


def test_a_dead_parsing_process_fails_its_file_and_the_run_goes_on(
    settings: Settings, papers: Path, fake_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.runner.prepare_workers = 2
    monkeypatch.setattr(prepare, "_prepare_in_worker", prepare_or_die)
    report = ingest(settings, [papers], embedder=fake_embedder)
    seen = statuses(report)
    assert seen.pop("paper-04-crash.txt") == "failed"
    assert set(seen.values()) == {"ingested"} and len(seen) == 39
    failed = next(o for o in report.outcomes if o.status == "failed")
    assert "worker process preparing it died" in failed.reason
    assert start_early(settings, [papers], parse_now=False) == 1, "the next run tries it again"


def test_a_run_that_took_every_file_does_not_wait_for_its_parsing_process_to_exit(
    settings: Settings, papers: Path, fake_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's exit (freeing its libraries' memory) held each `corpus ingest` 0.3-0.4 s
    with nothing else to do; here it takes `SLOW_EXIT_S`, and the run returns before it ends."""
    import multiprocessing
    import time

    settings.runner.prepare_workers = 1
    monkeypatch.setattr(prepare, "_prepare_in_worker", prepare_then_exit_slowly)
    before = set(multiprocessing.active_children())
    report = ingest(settings, [papers], embedder=fake_embedder)
    assert set(statuses(report).values()) == {"ingested"}
    exiting = set(multiprocessing.active_children()) - before
    assert exiting, "the run waited for its parsing process to exit"
    deadline = time.monotonic() + SLOW_EXIT_S + 60
    while any(p.is_alive() for p in exiting) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(p.is_alive() for p in exiting), "the parsing process did not end on its own"


@pytest.mark.parametrize("early", [False, True], ids=["run", "started-early"])
def test_workers_that_cannot_start_blame_no_file(
    settings: Settings, papers: Path, fake_embedder: Any, monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    """Workers that die before any task (no `__main__` guard, say): the run's process prepares the files.

    Also when the CLI started parsing before the flow ran (`start_early`): its broken pool
    must not end the run.
    """
    settings.runner.prepare_workers = 2
    monkeypatch.setattr(prepare, "_init_worker", die_at_start)
    if early:
        assert start_early(settings, [papers]) == 40
    report = ingest(settings, [papers], embedder=fake_embedder)
    assert set(statuses(report).values()) == {"ingested"}
    assert len(report.outcomes) == 40


def test_corpus_ingest_from_a_script_without_a_main_guard(papers: Path, tmp_path: Path) -> None:
    """`corpus ingest` called from a script that lacks `if __name__ == "__main__"` (each spawned
    worker runs the script again and dies): every file is ingested, none blamed, exit 0.

    Before, the broken pool ended the whole run: "ingestion failed: BrokenProcessPool".
    """
    script = tmp_path / "corpus-unguarded"
    script.write_text("from corpus_cli.main import main\nmain()\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUS_")}
    env.update(NO_COLOR="1", COLUMNS="100", HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, str(script), "ingest", str(papers), "--store", str(tmp_path / "store")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "40 ingested" in done.stdout, done.stdout


def test_the_window_runs_ahead_over_small_files_not_large_ones(tmp_path: Path) -> None:
    """Results come back in plan order: behind one long PDF the workers go on with small files
    (up to `LOOKAHEAD_MAX_FILES`), but never hold more than `LOOKAHEAD_FILES` large ones."""
    from concurrent.futures import Future

    from indexing.changes import PlannedFile
    from indexing.prepare import LOOKAHEAD_FILES, LOOKAHEAD_MAX_FILES, PrepareTask, _Window

    def filled(size: int) -> int:
        path = tmp_path / f"file-{size}"
        path.write_bytes(b"x" * size)
        window = _Window(workers=4)
        task = PrepareTask(PlannedFile(str(path), "fingerprint", "doc", "new"), {})
        while window.has_room():
            window.push(task, Future())
        return len(window.pending)

    assert filled(2_000) == LOOKAHEAD_MAX_FILES
    assert filled(4_000_000) == LOOKAHEAD_FILES
