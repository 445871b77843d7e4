"""Prefect's temporary server: runs started at the same moment on a fresh Prefect home all work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RUN_A_FLOW = """
from prefect import flow
from flows.prefect_runtime import start_temporary_server

@flow
def hello() -> int:
    return 42

start_temporary_server()
assert hello() == 42
print("ok")
"""


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.reliability
def test_three_runs_starting_at_once_on_a_fresh_home_all_succeed(tmp_path: Path) -> None:
    """Without the start lock they race to create and migrate one database ("duplicate column name")."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RUN_A_FLOW],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0 and out.strip().endswith("ok"), err[-3000:]


@pytest.mark.slow
@pytest.mark.integration
def test_a_start_waits_while_another_run_starts_its_server(tmp_path: Path) -> None:
    """The start lock serialises starts: while it is held no server comes up; once free, the run goes on.

    Without the lock the server is up within seconds; the test gives it a minute.
    """
    import fcntl
    import threading
    import time

    home = tmp_path / "prefect-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    script = RUN_A_FLOW.replace(
        "start_temporary_server()\n", "start_temporary_server()\nprint('server up', flush=True)\n"
    )
    lines: list[str] = []
    with (home / ".corpus-server-start.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert run.stdout is not None
        reader = threading.Thread(target=lambda: lines.extend(run.stdout or []), daemon=True)
        reader.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and run.poll() is None and not lines:
            time.sleep(0.5)
        assert not lines and run.poll() is None, (
            f"a server came up while another start held the lock: {lines}"
        )
        fcntl.flock(held, fcntl.LOCK_UN)
    assert run.wait(timeout=300) == 0
    reader.join(timeout=10)
    assert [line.strip() for line in lines] == ["server up", "ok"]
