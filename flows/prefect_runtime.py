"""Prefect's temporary API server: started as soon as a run knows it has work, awaited before its flow.

Without `PREFECT_API_URL`, Prefect starts a temporary server (uvicorn serving its API app)
as a child process on first use. Prefect's own way imports its whole server package in the
calling process to reach the class that starts the child (~1.8 s of CPU), then blocks the
calling thread through the child's ~5-7 s start-up. Here the same child is started by
`begin_temporary_server` as soon as a run knows it has work, without that import and
without waiting: it starts up while the run loads the model and parses and encodes its
first files. `start_temporary_server` waits for it just before the flow, then points this
process's Prefect (and the processes it starts later) at it with `PREFECT_API_URL`.

The child is exactly the one Prefect 3.8 starts (`SubprocessASGIServer`: the same uvicorn
command, app factory and environment; the version is pinned in pyproject.toml), and:
- it gets `PR_SET_PDEATHSIG`, so the kernel ends it when this process dies (even by
  SIGKILL; left alone it would outlive a killed CLI, re-parented, ~200 MB), and it is
  stopped when this process exits;
- a slow start gets a generous timeout and one retry, and a failure becomes one clear line;
- starts are serialised per Prefect home with a file lock, held from the start until the
  server answers: two runs that start at once with a fresh `PREFECT_HOME` would otherwise
  both create and migrate its database ("duplicate column name"), and one of them would fail;
- a flow run on it sends no heartbeats (`flow_run_settings`).
"""

from __future__ import annotations

import atexit
import fcntl
import functools
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from corpus_core.child_processes import die_with_parent
from corpus_core.errors import RunError

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 90
"""Seconds to wait for the temporary server (Prefect's default, 20, is too short on a busy 2-core machine)."""


@dataclass
class _Server:
    """A temporary server's child process, and the start lock while it is starting."""

    process: subprocess.Popen[bytes]
    port: int
    start_lock: IO[str] | None

    @property
    def api_url(self) -> str:
        """Where Prefect's client finds the API."""
        return f"http://127.0.0.1:{self.port}/api"

    def release_start_lock(self) -> None:
        """Let the next run on this Prefect home start its server."""
        if self.start_lock is not None:
            fcntl.flock(self.start_lock, fcntl.LOCK_UN)
            self.start_lock.close()
            self.start_lock = None

    def stop(self) -> None:
        """End the child (terminate, then kill after 5 s) and release the start lock."""
        self.release_start_lock()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_starting: _Server | None = None
"""The server `begin_temporary_server` started and `start_temporary_server` has not awaited yet."""
_serving: _Server | None = None
"""The server `start_temporary_server` awaited, which this process's Prefect now uses."""


def _needed() -> bool:
    """Whether this process must start Prefect's temporary server (no API configured, on the main thread)."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    return bool(
        not PREFECT_API_URL.value()
        and PREFECT_SERVER_EPHEMERAL_ENABLED.value()
        and threading.current_thread() is threading.main_thread()
    )


def _start_lock(wait: bool) -> IO[str] | None:
    """The exclusive start lock in Prefect's home (None: another run holds it and `wait` is False)."""
    from prefect.settings import PREFECT_HOME

    home = Path(PREFECT_HOME.value()).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    handle = (home / ".corpus-server-start.lock").open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _spawn(start_lock: IO[str] | None) -> _Server:
    """Start the server's child process (Prefect's own command line and environment); do not wait."""
    import prefect
    from prefect.settings import get_current_settings

    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(Path(prefect.__file__).resolve().parent.parent),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        **get_current_settings().to_environment_variables(exclude_unset=True),
    }
    process = subprocess.Popen(command, env=env, preexec_fn=functools.partial(die_with_parent, os.getpid()))
    server = _Server(process, port, start_lock)
    atexit.register(server.stop)
    return server


def _wait_until_up(server: _Server, timeout: float) -> None:
    """Return once the server answers its health check; raise why not within `timeout` seconds."""
    import httpx

    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=10) as client:
        while time.monotonic() < deadline:
            status = server.process.poll()
            if status is not None:
                raise RuntimeError(f"it exited with status {status}")
            try:
                if client.get(f"{server.api_url}/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise TimeoutError(f"it did not answer within {timeout:.0f} s")


def begin_temporary_server() -> None:
    """Start Prefect's temporary server now and return at once (no-op when none is needed).

    While another run on this Prefect home is starting its server, this one waits its turn
    later, in `start_temporary_server`, instead of here.
    """
    global _starting
    if _starting is not None or not _needed():
        return
    start_lock = _start_lock(wait=False)
    if start_lock is not None:
        _starting = _spawn(start_lock)


def start_temporary_server() -> None:
    """Have Prefect's temporary API up (started here unless begun); no-op with PREFECT_API_URL set.

    Raises RunError when it does not come up twice.
    """
    global _starting
    server, _starting = _starting, None
    if server is None and not _needed():
        return
    for attempt in (1, 2):
        if server is None:
            server = _spawn(_start_lock(wait=True))
        try:
            _wait_until_up(server, STARTUP_TIMEOUT_S)
        except Exception as exc:
            server.stop()
            server = None
            if attempt == 2:
                raise RunError(
                    f"Prefect's temporary API server did not start ({str(exc).splitlines()[0][:200]}) "
                    "twice; the machine may be overloaded, or set PREFECT_API_URL to a running "
                    "Prefect server"
                ) from None
            log.warning("Prefect's temporary server did not start (%s); retrying once", exc)
            continue
        server.release_start_lock()
        _use(server)
        return


def _use(server: _Server) -> None:
    """Point Prefect in this process, and in the processes it starts from now on, at `server`."""
    from prefect.context import refresh_global_settings_context

    global _serving
    os.environ["PREFECT_API_URL"] = server.api_url
    refresh_global_settings_context()
    _serving = server


@contextmanager
def flow_run_settings() -> Iterator[None]:
    """Prefect's settings for a flow run in this block: no heartbeats while the temporary server serves it.

    A flow run's heartbeats let a lasting server mark a run whose process died as crashed.
    The temporary server ends with this process, so they tell nobody anything there; and a
    run that sends them ends by joining their thread, which sleeps in steps of a second:
    up to a second (half of one on average) added to every run's wall time. With a
    configured `PREFECT_API_URL` (a lasting server) Prefect's own setting stands.
    """
    if _serving is None:
        yield
        return
    from prefect.settings import temporary_settings

    with temporary_settings(updates={"flows.heartbeat_frequency": None}):
        yield
