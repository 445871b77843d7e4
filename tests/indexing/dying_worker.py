"""Prepare functions for the worker pool: one kills its process on a file named `*crash*`.

Imported by name in the spawned workers (`indexing.prepare._prepare_in_worker` is looked up
there by module and name), so a test swaps it in with monkeypatch in the parent and the
workers run this one: the process dies as a parser library's segfault or the kernel's OOM
killer would end it, without Python unwinding.
"""

from __future__ import annotations

import os
import time
from multiprocessing import util

from indexing import prepare
from indexing.prepare import FileOutcome, Prepared, PrepareTask, prepare_file, token_counter


def prepare_or_die(task: PrepareTask, model_path: str) -> Prepared | FileOutcome:
    """Prepare the file, or end this worker process at once if its name says "crash"."""
    if "crash" in task.planned.path:
        os._exit(70)
    assert prepare._worker_settings is not None, "worker started without settings"
    return prepare_file(task, prepare._worker_settings, token_counter(model_path))


def die_at_start(*args: object) -> None:
    """A worker initializer that ends the process before it takes any task."""
    os._exit(71)


SLOW_EXIT_S = 5.0
"""How long a worker that ran `prepare_then_exit_slowly` takes to exit."""
_slow_exit: util.Finalize | None = None


def prepare_then_exit_slowly(task: PrepareTask, model_path: str) -> Prepared | FileOutcome:
    """Prepare the file; this worker process then takes `SLOW_EXIT_S` to exit (a finalizer sleeps)."""
    global _slow_exit
    if _slow_exit is None:
        _slow_exit = util.Finalize(None, time.sleep, args=(SLOW_EXIT_S,), exitpriority=0)
    assert prepare._worker_settings is not None, "worker started without settings"
    return prepare_file(task, prepare._worker_settings, token_counter(model_path))
