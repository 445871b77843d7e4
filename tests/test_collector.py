"""The `corpus` command and the parsing workers run the garbage collector as `corpus_core.collector` says."""

from __future__ import annotations

import gc
import multiprocessing
import os
import tomllib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import corpus_cli.main as cli
from corpus_core.collector import THRESHOLDS
from corpus_core.settings import load_settings
from indexing.prepare import _init_worker

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def collector_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_the_console_script_is_the_entry_that_sets_the_collector() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["corpus"] == "corpus_cli.main:main"


def test_a_command_runs_with_fewer_collections_and_exits_without_the_final_one(
    monkeypatch: pytest.MonkeyPatch, collector_restored: None
) -> None:
    seen: list[tuple[int, int, int]] = []

    def command() -> None:
        seen.append(gc.get_threshold())
        raise SystemExit(3)  # what typer does when a command ends

    gc.set_threshold(700, 10, 10)
    monkeypatch.setattr(cli, "app", command)
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 3
    assert seen == [THRESHOLDS]
    assert gc.get_freeze_count() > 0, "objects left to the final collection at exit"


def test_a_parsing_worker_runs_with_fewer_collections(tmp_path: Path) -> None:
    settings = load_settings(store=tmp_path / "store")
    with ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(settings, os.getpid()),
    ) as pool:
        assert pool.submit(gc.get_threshold).result(timeout=120) == THRESHOLDS
