"""One writer per store: an exclusive file lock held for the length of an ingestion run.

Two processes writing one Chroma PersistentClient directory can hang or corrupt it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import StoreLockedError


@contextmanager
def write_lock(store: Path) -> Iterator[None]:
    """Hold the store's write lock, or fail at once naming the store and the holder."""
    store.mkdir(parents=True, exist_ok=True)
    path = store / ".write.lock"
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise StoreLockedError(
                f"{store}: another ingestion ({holder}) is writing this store; wait for it to finish "
                "or point the writers at a Chroma server"
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
