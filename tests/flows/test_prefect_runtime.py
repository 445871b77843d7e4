"""Prefect's temporary server: begun early, awaited before the flow; concurrent first starts all work."""

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


def _waiting_for(lock: Path, pid: int) -> bool:
    """Whether `pid` is blocked in flock() on `lock` (/proc/locks marks a blocked request "->")."""
    stat = lock.stat()
    device = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 6 and fields[1] == "->" and fields[5] == str(pid) and fields[6] == device:
            return True
    return False


@pytest.mark.slow
@pytest.mark.integration
def test_a_start_waits_while_another_run_starts_its_server(tmp_path: Path) -> None:
    """The start lock serialises starts: while it is held no server comes up; once free, the run goes on.

    The run is seen blocked on the lock in /proc/locks (within a minute: it imports Prefect
    first), and still without a server a few seconds later; without the lock its server
    would be up within seconds.
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
    lock = home / ".corpus-server-start.lock"
    with lock.open("a") as held:
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
        while time.monotonic() < deadline and run.poll() is None and not _waiting_for(lock, run.pid):
            time.sleep(0.2)
        assert _waiting_for(lock, run.pid), f"the run did not wait for the start lock: {lines}"
        time.sleep(3)
        children = Path(f"/proc/{run.pid}/task/{run.pid}/children").read_text().split()
        assert not lines and not children and run.poll() is None, (
            f"a server started while another start held the lock: {lines}, children {children}"
        )
        fcntl.flock(held, fcntl.LOCK_UN)
    assert run.wait(timeout=300) == 0
    reader.join(timeout=10)
    assert [line.strip() for line in lines] == ["server up", "ok"]


BEGIN_THEN_START = """
import os, sys
from pathlib import Path
from prefect import flow
from flows.prefect_runtime import begin_temporary_server, start_temporary_server

@flow
def hello() -> int:
    return 42

def children() -> list[str]:
    pid = os.getpid()
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [Path(f"/proc/{c}/cmdline").read_bytes().replace(b"\\0", b" ").decode() for c in found]

begin_temporary_server()
servers = [c for c in children() if "uvicorn" in c and "prefect.server.api.server:create_app" in c]
print("begun", len(servers), os.environ.get("PREFECT_API_URL"))
start_temporary_server()
port = servers[0].split("--port ")[1].split()[0]
print("api", os.environ["PREFECT_API_URL"] == f"http://127.0.0.1:{port}/api")
assert hello() == 42
print("server package imported here", "prefect.server.api.server" in sys.modules)
"""


@pytest.mark.slow
@pytest.mark.integration
def test_a_begun_server_is_used_by_the_flow_without_importing_prefects_server_here(tmp_path: Path) -> None:
    """`begin_temporary_server` starts Prefect's child and returns; `start_temporary_server` waits
    for that same child and points Prefect at it. The calling process never imports Prefect's
    server package (what Prefect's own start costs it: ~1.8 s of CPU)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    command = [sys.executable, "-c", BEGIN_THEN_START]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.splitlines() == ["begun 1 None", "api True", "server package imported here False"]


def test_a_begun_start_does_not_wait_for_another_runs_start(tmp_path: Path) -> None:
    """While another run holds the start lock, `begin_temporary_server` starts nothing and returns."""
    import fcntl

    home = tmp_path / "prefect-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    script = BEGIN_THEN_START.split("start_temporary_server()\n")[0].replace(
        "from flows.prefect_runtime import begin_temporary_server, start_temporary_server",
        "from flows.prefect_runtime import begin_temporary_server",
    )
    with (home / ".corpus-server-start.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.splitlines() == ["begun 0 None"]


@pytest.mark.parametrize(("given", "expected"), [(None, "90"), ("240", "240")], ids=["default", "set"])
def test_a_script_calling_a_flow_waits_as_the_cli_does(given: str | None, expected: str) -> None:
    """A script that imports a flow and calls it lets Prefect start its temporary server; on a busy
    2-core machine Prefect's own 20 s wait ran out ("Timed out while attempting to connect")."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"}
    if given is not None:
        env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = given
    probe = (
        "from flows.ingest import ingest_flow\n"
        "from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as wait\n"
        "print(wait.value())\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-1] == expected


HEARTBEATS = """
import threading
from prefect import flow
from prefect.flow_engine import FlowRunEngine
from flows.prefect_runtime import flow_run_settings, start_temporary_server

beats = []
beaten = threading.Event()
emit = FlowRunEngine._emit_flow_run_heartbeat

def counted(self, *args):
    beats.append(1)
    beaten.set()
    return emit(self, *args)

FlowRunEngine._emit_flow_run_heartbeat = counted

@flow
def waits_for_a_heartbeat(seconds: float) -> bool:
    return beaten.wait(seconds)

start_temporary_server()
with flow_run_settings():
    waits_for_a_heartbeat(2.0)
print("in flow_run_settings", len(beats))
print("heartbeat seen without it", waits_for_a_heartbeat(60.0))
"""


@pytest.mark.slow
@pytest.mark.integration
def test_a_flow_run_on_the_temporary_server_sends_no_heartbeats(tmp_path: Path) -> None:
    """Heartbeats tell a lasting server that a run's process is alive; the temporary server dies
    with the process, and joining the heartbeat thread (it sleeps in 1 s steps) added up to a
    second to the end of every `corpus ingest`. Prefect's default (one at the start, then every
    180 s) still holds outside `flow_run_settings`, which is what shows the count means something."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    run = subprocess.run(
        [sys.executable, "-c", HEARTBEATS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.splitlines() == ["in flow_run_settings 0", "heartbeat seen without it True"]


def test_without_the_temporary_server_flow_run_settings_leave_prefects_own() -> None:
    """A configured PREFECT_API_URL (a lasting server) keeps heartbeats: they mark crashed runs there."""
    probe = (
        "from prefect.settings import get_current_settings\n"
        "from flows.prefect_runtime import flow_run_settings\n"
        "with flow_run_settings():\n"
        "    print(get_current_settings().flows.heartbeat_frequency)\n"
    )
    env = {**os.environ, "PREFECT_API_URL": "http://127.0.0.1:9/api"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-1] == "180"
