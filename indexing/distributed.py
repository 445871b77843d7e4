"""Ingestion past one process: Dask workers load, clean, chunk and embed; the flow writes.

A distributed run keeps the run loop of `indexing.run` and swaps only its preparer: each
file becomes one task, `prepare_and_embed`, that runs on a worker and returns the
document, its chunks and their vectors. Tasks carry a path and plain data (settings,
corrections); each worker process loads the model once (`shared_embedder` keeps it) and
never receives it pickled. The flow's process stays the single writer: it takes the
results in plan order and writes them in batches to the catalog, Chroma and the lexical
index, exactly as a plain run does, so both produce the same documents and chunk ids.

    spec = parse_dask_spec("local:2")     # DaskSpec(address=None, workers=2)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from corpus_core.errors import ConfigError
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings
from indexing.embedder import resolve_model, shared_embedder
from indexing.prepare import Prepared, PrepareTask, passage_texts, prepare_file, token_counter


@dataclass(frozen=True)
class DaskSpec:
    """Where to run: a new local cluster of `workers` processes, or an existing scheduler."""

    address: str | None = None
    workers: int = 0


def parse_dask_spec(spec: str) -> DaskSpec:
    """`local` (one worker per core), `local:N`, or a scheduler address `tcp://HOST:PORT`."""
    text = spec.strip()
    if text == "local":
        return DaskSpec(workers=os.cpu_count() or 1)
    if text.startswith("local:"):
        count = text.split(":", 1)[1]
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--dask {spec!r}: use local, local:N (N >= 1) or tcp://HOST:PORT")
        return DaskSpec(workers=int(count))
    if "://" in text or ":" in text:
        return DaskSpec(address=text)
    raise ConfigError(f"--dask {spec!r}: use local, local:N (N >= 1) or tcp://HOST:PORT")


def prepare_and_embed(task: PrepareTask, settings: Settings) -> Prepared | FileOutcome:
    """On a worker: prepare one file and embed its chunks with the worker's own model (loaded once).

    Passages the store holds already (`PrepareTask.stored_keys`: the file processed again, or
    its previous version) are not encoded: their vectors are the stored ones (`Ingestor.embed`).
    """
    model = resolve_model(settings.embedding.model)
    result = prepare_file(task, settings, token_counter(model))
    if isinstance(result, Prepared) and result.chunks:
        texts = passage_texts(result)
        new = [i for i, key in enumerate(result.passage_keys) if key not in task.stored_keys]
        if len(new) == len(texts):
            result.vectors = shared_embedder(settings.embedding).embed_passages(texts)
        elif new:
            vectors = shared_embedder(settings.embedding).embed_passages([texts[i] for i in new])
            result.encoded = dict(zip(new, vectors, strict=True))
    return result


def _done(future: Any) -> bool:
    """Whether a Dask or Prefect future has its result (Prefect futures expose a state)."""
    state = getattr(future, "state", None)
    if state is not None:
        return bool(state.is_final())
    done = getattr(future, "done", None)
    return bool(done()) if callable(done) else True


class FuturePreparer:
    """Results of tasks submitted through `submit` (e.g. a Prefect task on a Dask runner), in order.

    Keeps `ahead` tasks in flight; like `indexing.prepare.Preparer.run` it yields None when
    the next result is not ready yet. A task that fails (a worker lost too often, a bug)
    becomes a failed outcome for its file, so the run goes on and the file is retried next run.
    """

    def __init__(self, submit: Callable[[PrepareTask], Any], ahead: int) -> None:
        self.submit = submit
        self.ahead = max(1, ahead)
        self._pending: deque[tuple[PrepareTask, Any]] = deque()

    def run(self, tasks: Iterable[PrepareTask]) -> Iterator[Prepared | FileOutcome | None]:
        """Each task's result, in the order given."""
        iterator = iter(tasks)
        for task in iterator:
            self._pending.append((task, self.submit(task)))
            if len(self._pending) >= self.ahead:
                break
        return self._drain(iterator)

    def _drain(self, iterator: Iterator[PrepareTask]) -> Iterator[Prepared | FileOutcome | None]:
        while self._pending:
            task, future = self._pending.popleft()
            following = next(iterator, None)
            if following is not None:
                self._pending.append((following, self.submit(following)))
            if not _done(future):
                yield None
            try:
                yield future.result()
            except Exception as exc:
                yield FileOutcome(
                    task.planned.path,
                    "failed",
                    doc_id=task.planned.doc_id,
                    reason=f"distributed task failed ({type(exc).__name__}: {str(exc)[:200]}); "
                    "retried next run",
                    transient=True,
                )

    def close(self, wait: bool = True) -> None:
        """Cancel what was not taken (nothing to wait for here: the cluster's workers stay)."""
        for _, future in self._pending:
            cancel = getattr(future, "cancel", None)
            if callable(cancel):
                cancel()
        self._pending.clear()
