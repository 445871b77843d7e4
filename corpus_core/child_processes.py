"""Child processes that end with the process that started them.

The `corpus` command starts parsing workers and Prefect's temporary server. Left alone, a
child outlives a killed command (re-parented), keeps its memory and may hold the store's
files. Each child asks the kernel, as it starts, to end it when its parent dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys


def die_with_parent(parent: int | None = None) -> None:
    """Ask the kernel to end this process when its parent dies, even by SIGKILL (Linux; a no-op elsewhere).

    With `parent` (the pid that started this process): end now when it has already died, since
    the kernel only signals deaths that happen after the request (a worker still starting up
    when the CLI was killed would otherwise wait forever, re-parented).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGTERM)
