"""Two `corpus ingest` runs started at once: into one store exactly one writes, the other exits 4.

Three CLI processes start together: two into the same store, one into another store. Of
the two, one ingests and the other stops with the documented exit status 4 and one line
on standard error naming the store and the holder, no traceback; the third succeeds
beside them. Afterwards the shared store holds exactly what the independent store holds,
and no process of the three outlives them.

Heavy (three CLI runs at once): marked `reliability` and `integration`, deselected by
default (pyproject addopts);
run with `bash scripts/test.sh -m reliability`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.reliability.cli_runs import (
    cli_env,
    copy_papers,
    kill_all,
    snapshot,
    start_cli,
    wait_for_no_survivors,
)

pytestmark = [pytest.mark.slow, pytest.mark.reliability, pytest.mark.integration, pytest.mark.timeout(900)]


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """The five seeds and three small real PDFs (a flow phase of some seconds)."""
    return copy_papers(tmp_path / "papers")


def test_two_ingests_into_one_store_one_wins_and_another_store_is_unaffected(
    papers: Path, tmp_path: Path
) -> None:
    env = cli_env(tmp_path / "prefect-home", CORPUS_RUNNER__BATCH_CHUNKS="16")
    shared, other = tmp_path / "shared", tmp_path / "other"
    runs = {
        name: start_cli(
            ["ingest", str(papers), "--store", str(store)],
            env,
            tmp_path / f"{name}.out",
            tmp_path / f"{name}.err",
        )
        for name, store in (("first", shared), ("second", shared), ("other", other))
    }
    deadline = time.monotonic() + 600
    while any(p.poll() is None for p in runs.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    for process in runs.values():
        if process.poll() is None:
            process.kill()
    codes = {name: p.wait() for name, p in runs.items()}
    output = {name: (tmp_path / f"{name}.err").read_text() for name in runs}
    left = wait_for_no_survivors(env["PREFECT_HOME"], None)
    kill_all(left)
    assert not left, f"processes outlived the runs: {left}"

    assert codes["other"] == 0, output["other"]
    assert sorted((codes["first"], codes["second"])) == [0, 4], (codes, output)
    loser = "first" if codes["first"] == 4 else "second"
    lines = [line for line in output[loser].splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in output[loser], output[loser]
    assert lines[0].startswith("error: ") and str(shared) in lines[0] and "pid " in lines[0], lines[0]

    expected, got = snapshot(other, env), snapshot(shared, env)
    assert got["unfinished"] == []
    for key in expected:
        assert got[key] == expected[key], key
