"""Files -> documents and chunks, in worker processes that run while the model encodes.

Parsing (pypdf, cleaning, metadata) holds the GIL, so it runs in a small process pool and
overlaps with encoding in the main process instead of taking turns with it. Workers get
the settings once (initializer) and each task carries only a path and plain data; results
come back in submission order, a window of files ahead of the consumer. Token counts
come from the model's own fast tokenizer (`tokenizers`), loaded once per process and
separate from the model's, so counting never waits for a batch being encoded.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from corpus.dedup import signature
from corpus.loading.loaders import load_file
from corpus.loading.zotero import ZOTERO_ITEM, item_document
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.child_processes import die_with_parent
from corpus_core.collector import collect_less
from corpus_core.errors import CorpusError, EmbeddingError, LoadError
from corpus_core.models import Chunk, Document
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings
from indexing.changes import PlannedFile

log = logging.getLogger(__name__)

TokenCounter = Callable[[list[str]], list[int]]
MAX_RESTARTS = 2
"""Worker pools that may die and be restarted in one run before preparation moves in-process."""
LOOKAHEAD_FILES = 16
"""Files handed to the workers ahead of the one the run waits for (at least 3 per worker).

Enough for the workers to keep parsing while the run cannot take results yet (Prefect's
temporary server starts for ~10 s) and to be past a slow file (a 117-page PDF, a scan
for OCR) before the encoder reaches it. Results wait in memory: a few MB per file at most.
"""
LOOKAHEAD_BYTES = 32 * 2**20
"""More files than `LOOKAHEAD_FILES` are handed out while their input stays under this many
bytes (and under `LOOKAHEAD_MAX_FILES`): results come back in plan order, so while one long
PDF is parsed the other workers go on with the small files behind it instead of waiting.
"""
LOOKAHEAD_MAX_FILES = 1024


@dataclass
class Prepared:
    """A file turned into a document and its chunks, ready to embed."""

    planned: PlannedFile
    document: Document
    chunks: list[Chunk]
    signature: list[int] = field(default_factory=list)
    """MinHash signature of the body text (work linking), computed here rather than in the write path."""
    vectors: np.ndarray | None = None
    """The chunks' vectors when the worker that prepared the file also embedded it (Dask runs)."""
    passage_keys: list[bytes] = field(default_factory=list)
    """Per chunk, the digest of exactly what its vector encodes (see `passage_key`)."""
    encoded: dict[int, np.ndarray] = field(default_factory=dict)
    """Vectors of some chunks by index, encoded by the worker that prepared the file: a Dask
    worker encodes only the passages the store does not hold (`PrepareTask.stored_keys`), and
    the run takes the others' stored vectors."""


def passage_text(title: str, text: str, separator: str = ". ") -> str:
    """A chunk as it is embedded and indexed: the work's title as context, then the passage."""
    title = title.strip()
    if title and title.lower() not in text[: len(title) + 40].lower():
        return f"{title}{separator}{text}"
    return text


def passage_texts(prepared: Prepared) -> list[str]:
    """What is embedded for each chunk of a prepared file."""
    return [passage_text(prepared.document.metadata.title, chunk.text) for chunk in prepared.chunks]


def passage_key(prefix: str, passage: str) -> bytes:
    """A 16-byte digest of what the model encodes for a chunk: the passage prefix, then the passage.

    Stored with each chunk, it lets a run reuse a stored vector instead of encoding the same
    text again (`Ingestor.embed`): a store holds one model and backend, so equal keys mean
    equal vectors.
    """
    return hashlib.blake2b(f"{prefix}\x00{passage}".encode(), digest_size=16).digest()


def with_passage_keys(prepared: Prepared, prefix: str) -> Prepared:
    """The prepared file with the key of each chunk's passage set."""
    prepared.passage_keys = [passage_key(prefix, text) for text in passage_texts(prepared)]
    return prepared


@dataclass(frozen=True)
class PrepareTask:
    """One file to prepare: where it is and the user's corrections of its record."""

    planned: PlannedFile
    corrections: dict[str, Any]
    stored_keys: frozenset[bytes] = frozenset()
    """Passage keys of the stored documents the file replaces (Dask runs only): a worker does not
    encode those passages again, as a run in one process does not (`Ingestor.embed`)."""


@lru_cache(maxsize=4)
def token_counter(model_path: str) -> TokenCounter:
    """Count model tokens (special tokens excluded) with the model's fast tokenizer, loaded once."""
    tokenizer_file = Path(model_path) / "tokenizer.json"
    if tokenizer_file.is_file():
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.no_truncation()
        tokenizer.no_padding()

        def count(texts: list[str]) -> list[int]:
            return (
                [len(e.ids) for e in tokenizer.encode_batch(texts, add_special_tokens=False)] if texts else []
            )

        return count
    try:
        from transformers import AutoTokenizer

        auto = AutoTokenizer.from_pretrained(model_path)
    except Exception as exc:
        raise EmbeddingError(f"cannot load tokenizer of {model_path!r}: {exc}") from exc

    def count_auto(texts: list[str]) -> list[int]:
        if not texts:
            return []
        encoded = auto(texts, add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
        return [len(ids) for ids in encoded]

    return count_auto


def prepare_file(task: PrepareTask, settings: Settings, count_tokens: TokenCounter) -> Prepared | FileOutcome:
    """Load, clean, describe and chunk one file; a failure comes back as an outcome with its reason."""
    planned = task.planned
    try:
        if planned.path.startswith(ZOTERO_ITEM) and planned.record is not None:
            raw = item_document(planned.path, planned.record)  # an item without a file: its abstract
        else:
            raw = load_file(Path(planned.path), settings.loading)
        document = prepare_document(raw, settings, task.corrections, planned.record)
        chunks = chunk_document(
            document, count_tokens, settings.chunking.max_tokens, settings.chunking.overlap_tokens
        )
    except LoadError as exc:
        return FileOutcome(planned.path, "failed", doc_id=planned.doc_id, reason=exc.reason)
    except CorpusError as exc:
        return FileOutcome(planned.path, "failed", doc_id=planned.doc_id, reason=str(exc))
    except Exception as exc:  # a bug on one odd file must not stop the run
        log.exception("%s: unexpected error while preparing", planned.path)
        return FileOutcome(planned.path, "failed", doc_id=planned.doc_id, reason=f"internal error: {exc!r}")
    if not chunks:
        return FileOutcome(planned.path, "failed", doc_id=planned.doc_id, reason="no text left to index")
    prepared = Prepared(planned, document, chunks, signature(document.text[: document.body_end]))
    return with_passage_keys(prepared, settings.embedding.passage_prefix)


_worker_settings: Settings | None = None


def _init_worker(settings: Settings, parent: int) -> None:
    """Worker start: keep the settings (pickled as they are), end with the parent, yield to the encoder.

    The worker's garbage collector runs less often (`corpus_core.collector`): pypdf makes
    many small objects per page, and each full collection walks every imported module too.
    """
    global _worker_settings
    _worker_settings = settings
    collect_less()
    die_with_parent(parent)
    with contextlib.suppress(OSError):
        os.nice(5)


def _prepare_in_worker(task: PrepareTask, model_path: str) -> Prepared | FileOutcome:
    assert _worker_settings is not None, "worker started without settings"
    return prepare_file(task, _worker_settings, token_counter(model_path))


class FilePreparer(Protocol):
    """Turns prepare tasks into results in order (None: the next result is not ready yet)."""

    def run(self, tasks: Iterable[PrepareTask]) -> Iterator[Prepared | FileOutcome | None]:
        """Each task's result, in the order given."""
        ...

    def close(self, wait: bool = True) -> None:
        """Release what `run` started (`wait`: until it has ended, where that takes time)."""
        ...


class _Window:
    """The files handed to the pool and not yet taken by the run, in plan order, with their input bytes."""

    def __init__(self, workers: int) -> None:
        self.pending: deque[tuple[PrepareTask, Future[Prepared | FileOutcome], int]] = deque()
        self.bytes = 0
        self.files = max(workers * 3, LOOKAHEAD_FILES)

    def has_room(self) -> bool:
        """Fewer than `files` handed out, or more but small ones (`LOOKAHEAD_BYTES`)."""
        held = len(self.pending)
        return held < self.files or (held < LOOKAHEAD_MAX_FILES and self.bytes < LOOKAHEAD_BYTES)

    def push(self, task: PrepareTask, future: Future[Prepared | FileOutcome]) -> None:
        """Add a task just handed to the pool, counting its file's size."""
        try:
            size = os.stat(task.planned.path).st_size
        except OSError:  # the worker reports a file it cannot read
            size = 0
        self.pending.append((task, future, size))
        self.bytes += size

    def pop(self) -> None:
        """Drop the first task, whose result the run has taken."""
        self.bytes -= self.pending.popleft()[2]

    def take_all(self) -> list[PrepareTask]:
        """Empty the window; the tasks it held, in order."""
        tasks = [task for task, _, _ in self.pending]
        self.pending.clear()
        self.bytes = 0
        return tasks


class Preparer:
    """Prepares files in order, in `workers` processes (0: in this process), a window of files ahead."""

    def __init__(self, settings: Settings, model_path: str, workers: int) -> None:
        self.settings = settings
        self.model_path = model_path
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self, workers: int = 0) -> ProcessPoolExecutor:
        """The pool, started with `workers` processes (0: the preparer's number) if none runs."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=workers or self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.settings, os.getpid()),
            )
        return self._pool

    def run(self, tasks: Iterable[PrepareTask]) -> Iterator[Prepared | FileOutcome | None]:
        """Each task's result, in the order given; None when the next one is not ready yet.

        The first few tasks are submitted at once (before the first result is asked for), so
        parsing starts while the caller does other things. The None lets the consumer use a
        wait (the run loop encodes what it has gathered instead of letting the model idle
        while a long PDF is parsed).
        """
        if self.workers <= 0:
            return self._in_process(iter(tasks))
        iterator = iter(tasks)
        window = _Window(self.workers)
        self._fill(window, iterator)
        return self._drain(window, iterator)

    def _in_process(self, tasks: Iterator[PrepareTask]) -> Iterator[Prepared | FileOutcome | None]:
        counter = token_counter(self.model_path)
        for task in tasks:
            yield prepare_file(task, self.settings, counter)

    def _submit(self, task: PrepareTask) -> Future[Prepared | FileOutcome]:
        """Hand `task` to the pool; a pool already broken gives a future that fails as the others do."""
        try:
            return self._executor().submit(_prepare_in_worker, task, self.model_path)
        except BrokenProcessPool as exc:
            broken: Future[Prepared | FileOutcome] = Future()
            broken.set_exception(exc)
            return broken

    def _fill(self, window: _Window, iterator: Iterator[PrepareTask]) -> None:
        """Hand tasks to the pool while the window has room and tasks are left."""
        while window.has_room() and (task := next(iterator, None)) is not None:
            window.push(task, self._submit(task))

    def _drain(
        self, window: _Window, iterator: Iterator[PrepareTask]
    ) -> Iterator[Prepared | FileOutcome | None]:
        """Results in plan order from the pool; a broken pool goes to `_isolate`.

        When a worker dies (out of memory, a crash in a parser library) every task the pool
        holds fails with it, not only the one that killed it: the pool cannot say which. Those
        tasks are prepared again one at a time (`_isolate`), so only a file that kills a
        worker on its own is reported; then the pool starts again for the rest.
        """
        deaths = 0
        while window.pending:
            future = window.pending[0][1]
            if not future.done():
                yield None
            try:
                result = future.result()
            except BrokenProcessPool:
                pending = window.take_all()
                self.close()
                deaths = yield from self._isolate(pending, deaths)
                if deaths > MAX_RESTARTS:
                    yield from self._in_process(iterator)
                    return
                self._fill(window, iterator)
                continue
            window.pop()
            self._fill(window, iterator)
            yield result

    def _isolate(
        self, tasks: list[PrepareTask], deaths: int
    ) -> Generator[Prepared | FileOutcome | None, None, int]:
        """Prepare `tasks` one at a time in a fresh one-process pool; report each file that kills it.

        A worker that cannot run even an empty task (a pool that cannot start, e.g. spawned
        from a script without a `__main__` guard) blames no file: the tasks are prepared in
        this process. After `MAX_RESTARTS` deaths the rest is prepared here too. Returns the
        deaths counted so far in the run.
        """
        remaining = deque(tasks)
        while remaining:
            if deaths > MAX_RESTARTS:
                log.error("worker processes keep dying; preparing the remaining files in this process")
            elif not self._single_worker_starts():
                log.error("worker processes cannot start; preparing the files in this process")
            else:
                deaths += yield from self._one_by_one(remaining)
                continue
            yield from self._in_process(iter(remaining))
            return MAX_RESTARTS + 1
        self.close()
        return deaths

    def _one_by_one(
        self, remaining: deque[PrepareTask]
    ) -> Generator[Prepared | FileOutcome | None, None, int]:
        """Prepare the tasks in turn on the pool's one worker, taking each off `remaining`.

        Returns 1 when the worker died (its task is reported as failed, transient: the next
        run tries the file again), 0 when every task was prepared.
        """
        while remaining:
            task = remaining.popleft()
            future = self._submit(task)
            if not future.done():
                yield None
            try:
                result = future.result()
            except BrokenProcessPool:
                log.error("%s: the worker process preparing it died", task.planned.path)
                yield FileOutcome(
                    task.planned.path,
                    "failed",
                    doc_id=task.planned.doc_id,
                    reason="the worker process preparing it died (out of memory or a crash in a parser)",
                    transient=True,
                )
                self.close()
                return 1
            yield result
        return 0

    def _single_worker_starts(self) -> bool:
        """Start a one-process pool and check that its worker runs a task at all."""
        self.close()
        try:
            self._executor(workers=1).submit(os.getpid).result()
            return True
        except BrokenProcessPool:
            self.close()
            return False

    def close(self, wait: bool = True) -> None:
        """Stop the worker processes; with `wait`, return once they have exited.

        A run that has taken every result need not wait: a worker's exit (freeing its parser
        libraries' memory) took 0.3-0.4 s at the end of each `corpus ingest` with nothing else
        to do, and the process then ends in the background. Files still queued are dropped.
        """
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None
