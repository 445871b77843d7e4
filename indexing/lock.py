"""One writer per store: an exclusive file lock held for the length of an ingestion run.

Two processes writing one Chroma PersistentClient directory can hang or corrupt it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus_core.errors import StoreLockedError

LOCK_NAME = ".write.lock"


def lock_holder(store: Path) -> str | None:
    """Who holds the store's write lock ("pid 1234"), or None when it is free; never waits or creates.

    A check before starting work, not a reservation: the writer still takes the lock with
    `write_lock`, which fails the same way when another writer came first.
    """
    path = store / LOCK_NAME
    try:
        fh = path.open("r")
    except OSError:
        return None
    with fh:
        holder = fh.read().strip()
        if not holder:  # a holder writes its pid; the file is emptied on release
            return None
        try:  # a pid left by a killed process: the lock itself is free then
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return holder
        fcntl.flock(fh, fcntl.LOCK_UN)
    return None


def locked_message(store: Path, holder: str) -> str:
    """The one-line StoreLockedError message naming the store and the holder."""
    return (
        f"{store}: another ingestion ({holder}) is writing this store; wait for it to finish "
        "or point the writers at a Chroma server"
    )


_HELD: dict[Path, int] = {}
"""Stores whose lock this process holds and lends (`write_lock(lend=True)`), with how many blocks hold it."""


@contextmanager
def write_lock(store: Path, lend: bool = False) -> Iterator[None]:
    """Hold the store's write lock, or fail at once naming the store and the holder.

    With `lend`, later `write_lock` blocks of this process join this one instead of being
    refused: the CLI takes the lock before anything else (so of two ingests started at once
    exactly one goes on, and the other stops before loading anything) and lends it to the
    flow it runs.
    """
    store.mkdir(parents=True, exist_ok=True)
    key = store.resolve()
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    path = store / LOCK_NAME
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise StoreLockedError(locked_message(store, holder)) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        if lend:
            _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
