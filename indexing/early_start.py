"""Work a run can begin before its Prefect flow is up: parsing its files, then encoding them.

`corpus ingest` spends its first ~10 s (on 2 cores) starting Prefect's temporary server.
Meanwhile `prestart` has worker processes parse the files the run will need, and
`start_encoding_early` loads the model on a thread and encodes the new files they have
parsed (a file that replaces a stored document is left to the run, which reuses the stored
vectors of its unchanged passages). When
the flow's run asks for exactly those files (`take_prestarted`), it gets the parsed files in
plan order, the first ones with their vectors, and encodes only the rest. The check's
detection itself is kept for the run's plan (`keep_detected`). Nothing is written before
the run but what detection learnt of unchanged files' stats: an ingest that stops before
its flow runs leaves the store's contents as they were.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings
from indexing.catalog import Catalog
from indexing.changes import ChangeSet, PlannedFile
from indexing.embedder import Embedder
from indexing.prepare import Prepared, Preparer, PrepareTask, passage_texts

log = logging.getLogger(__name__)

PlanKey = tuple[tuple[str, str], ...]
"""(path, fingerprint) of each file to prepare, in order: what a prestarted preparation is for."""
EARLY_CHUNKS = 2048
"""Most chunks encoded before the run takes over: bounds what is held if the flow is slow to start."""


@dataclass
class _Prestart:
    """Files being prepared for a run that has not taken them yet, and what is encoded of them."""

    key: PlanKey
    preparer: Preparer
    results: Iterator[Prepared | FileOutcome | None]
    taken: list[Prepared | FileOutcome] = field(default_factory=list)
    """Results the early encoder took from `results`, in order; Prepared ones carry their vectors."""
    encoder: Embedder | None = None
    thread: threading.Thread | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None
    """What `results` raised while the early encoder read it; raised again to the run."""

    def end(self) -> None:
        """Stop the early encoder after the file in hand and wait for it."""
        self.stop.set()
        if self.thread is not None:
            self.thread.join()

    def remaining(self) -> Iterator[Prepared | FileOutcome | None]:
        """Every result in order: those the early encoder took, then the rest as they come."""
        yield from self.taken
        if self.error is not None:
            raise self.error
        yield from self.results


_PRESTARTED: dict[str, _Prestart] = {}
_LOCK = threading.Lock()


def plan_key(planned: Iterable[PlannedFile]) -> PlanKey:
    """The key of a list of planned files."""
    return tuple((p.path, p.fingerprint) for p in planned)


def prestart(store: Path, tasks: list[PrepareTask], preparer: Preparer) -> None:
    """Start preparing files before the run that will need them (e.g. while Prefect starts).

    The run takes it over with `take_prestarted` when its plan has exactly these files.
    """
    with _LOCK:
        previous = _PRESTARTED.pop(str(store), None)
        _PRESTARTED[str(store)] = _Prestart(plan_key(t.planned for t in tasks), preparer, preparer.run(tasks))
    if previous is not None:
        previous.end()
        previous.preparer.close()


def start_encoding_early(store: Path, embedder: Embedder) -> threading.Thread:
    """Load the model on a thread, then encode the new files prestarted for `store` until the run takes them.

    Without a prestart (nothing to parse, or a Dask run) the thread only loads the model.
    Files that replace a stored document (a new version, or the same file reprocessed) are
    left to the run, whose `Ingestor.embed` reuses the stored vectors of unchanged passages.
    """
    with _LOCK:
        found = _PRESTARTED.get(str(store))
        thread = threading.Thread(target=_encode, args=(found, embedder), name="encode-early", daemon=True)
        if found is not None:
            found.encoder, found.thread = embedder, thread
        thread.start()  # under the lock: `take_prestarted` never joins a thread not yet started
    return thread


def _encode(found: _Prestart | None, embedder: Embedder) -> None:
    try:
        embedder.warm_up()
    except Exception as exc:  # the run loads it again and reports why it cannot
        log.debug("the model did not load early: %s", exc)
        return
    chunks = 0
    while found is not None and not found.stop.is_set() and chunks < EARLY_CHUNKS:
        try:
            item = next(found.results)
        except StopIteration:
            return
        except BaseException as exc:
            found.error = exc
            return
        if item is None:  # the next file is still being parsed
            continue
        if (
            isinstance(item, Prepared)
            and item.chunks
            and item.vectors is None
            and not item.planned.previous_doc  # replaces a stored document: the run reuses vectors
        ):
            try:
                item.vectors = embedder.embed_passages(passage_texts(item))
            except Exception as exc:  # the run encodes this file again and reports the failure
                log.debug("%s: not encoded early: %s", item.planned.path, exc)
                found.taken.append(item)
                return
            chunks += len(item.chunks)
        found.taken.append(item)


def detection_key(settings: Settings, paths: Iterable[Path], prune: bool, reprocess: bool) -> str:
    """What a detection depends on besides the files and the catalog: the settings and the run's options."""
    inputs = [os.path.abspath(p) for p in paths]
    return json.dumps([settings.model_dump_json(), inputs, prune, reprocess])


@dataclass
class _Detected:
    """What the CLI's quick check detected for a run, kept for the run's own plan."""

    key: str
    changes: ChangeSet
    catalog: Catalog
    """The connection that detected it, kept open: its `data_version` moves when another writes."""
    version: int


_DETECTED: dict[str, _Detected] = {}


def keep_detected(store: Path, key: str, changes: ChangeSet, catalog: Catalog) -> None:
    """Keep the quick check's `changes` (and its open `catalog`) for the plan of the run it starts.

    Detection walks every input and looks every file up (about 1 s over a Zotero library of
    10,000 items), twice a run when the flow's plan detects again what the check found
    seconds before. The CLI holds
    the store's write lock from its check to the end of its run, so the plan can take the
    check's changes as they are, unless the catalog was written in between (`take_detected`).
    """
    detected = _Detected(key, changes, catalog, catalog.data_version())
    with _LOCK:
        previous = _DETECTED.pop(str(store), None)
        _DETECTED[str(store)] = detected
    if previous is not None:
        previous.catalog.close()


def take_detected(store: Path, key: str) -> ChangeSet | None:
    """The changes kept for a plan of exactly `key` (inputs, settings), if nothing wrote the catalog since."""
    with _LOCK:
        found = _DETECTED.pop(str(store), None)
    if found is None:
        return None
    try:
        if found.key != key or found.catalog.data_version() != found.version:
            return None
        return found.changes
    finally:
        found.catalog.close()


def discard_prestarted(store: Path) -> None:
    """Drop what was started (and detected) for `store` and not taken over (the run failed before it began).

    The files not yet handed to a worker are cancelled, so the command that failed exits
    after the files in the workers' hands instead of waiting for every file ahead.
    """
    with _LOCK:
        found = _PRESTARTED.pop(str(store), None)
        detected = _DETECTED.pop(str(store), None)
    if detected is not None:
        detected.catalog.close()
    if found is None:
        return
    found.stop.set()
    found.preparer.close()
    found.end()


@contextmanager
def discarded_unless_taken(store: Path) -> Iterator[None]:
    """A block that may prestart files for `store`: whatever its run did not take is discarded at its end."""
    try:
        yield
    finally:
        discard_prestarted(store)


def take_prestarted(
    store: Path, key: PlanKey, embedder: Embedder
) -> tuple[Preparer, Iterator[Prepared | FileOutcome | None]] | None:
    """The preparation prestarted for exactly these files, if any (a mismatch is discarded).

    Vectors encoded early are kept only when `embedder` (the run's) is the one that made them.
    """
    with _LOCK:
        found = _PRESTARTED.pop(str(store), None)
    if found is None:
        return None
    found.end()
    if found.key != key:
        found.preparer.close()
        return None
    if found.encoder is not embedder:
        for item in found.taken:
            if isinstance(item, Prepared):
                item.vectors = None
    return found.preparer, found.remaining()
