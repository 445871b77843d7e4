"""Prefect's temporary API server, started early, tied to this process's life, with one retry.

Without `PREFECT_API_URL`, Prefect starts a temporary server (uvicorn) as a child process
on first use. Left alone, that child outlives a killed CLI (re-parented, ~200 MB) and a
slow start under load ends in a raw traceback. Here the server is started once, from the
main thread, with `PR_SET_PDEATHSIG` so the kernel ends it when this process dies (even by
SIGKILL), a generous start-up timeout and one retry, and a failure becomes one clear line.
Starts are serialised per Prefect home with a file lock: two runs that start at once with a
fresh `PREFECT_HOME` would otherwise both create and migrate its database ("duplicate column
name"), and one of them would fail.
"""

from __future__ import annotations

import fcntl
import functools
import logging
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from corpus_core.errors import RunError
from indexing.prepare import die_with_parent

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 90
"""Seconds to wait for the temporary server (Prefect's default, 20, is too short on a busy 2-core machine)."""


class _PopenTiedToParent:
    """`subprocess` as Prefect's server module sees it: every child dies with this process."""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        """Start the child with `die_with_parent` (also when this process dies before the child asks)."""
        kwargs.setdefault("preexec_fn", functools.partial(die_with_parent, os.getpid()))
        return subprocess.Popen(*args, **kwargs)


@contextmanager
def _starting_alone() -> Iterator[None]:
    """Hold an exclusive lock in Prefect's home while a server starts (and migrates its database)."""
    from prefect.settings import PREFECT_HOME

    home = Path(PREFECT_HOME.value()).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".corpus-server-start.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def start_temporary_server() -> None:
    """Start Prefect's temporary API now (no-op with PREFECT_API_URL set); CorpusError if it cannot start."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if (
        PREFECT_API_URL.value()
        or not PREFECT_SERVER_EPHEMERAL_ENABLED.value()
        or threading.current_thread() is not threading.main_thread()
    ):
        return
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(STARTUP_TIMEOUT_S))
    from prefect.server.api import server as server_module

    server_module.subprocess = _PopenTiedToParent()  # type: ignore[assignment]
    server = server_module.SubprocessASGIServer()
    for attempt in (1, 2):
        try:
            with _starting_alone():
                server.start(timeout=STARTUP_TIMEOUT_S)
            return
        except Exception as exc:
            server.stop()
            if attempt == 2:
                raise RunError(
                    f"Prefect's temporary API server did not start within {STARTUP_TIMEOUT_S} s twice "
                    f"({str(exc).splitlines()[0][:200]}); the machine may be overloaded, or set "
                    "PREFECT_API_URL to a running Prefect server"
                ) from None
            log.warning("Prefect's temporary server did not start (%s); retrying once", exc)
            server = server_module.SubprocessASGIServer()
