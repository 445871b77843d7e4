"""The ingestion run loop, written once: plan -> prepare (streamed) -> embed and write in batches -> prune.

The Prefect flow runs it with its steps wrapped as tasks (`Steps`); tests and benchmarks run
it with the plain `Ingestor` methods. Files are prepared in worker processes in plan order
while the model encodes the previous batch; documents are gathered into batches of about
`runner.batch_chunks` chunks (or fewer, when the next file is still being parsed: the
model never waits while there is something to encode), embedded in one model call and
written in one two-phase batch.

    report = ingest(load_settings(store=Path("store")), [Path("papers")])

A Zotero library is one more input: its `zotero.sqlite` among the paths (`zotero=` adds it;
see `indexing.changes` and `corpus.loading.zotero`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from corpus.loading.zotero import find_database
from corpus_core.layout import StoreLayout
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings
from indexing.catalog import Catalog
from indexing.changes import detect_changes, remember
from indexing.early_start import detection_key, keep_detected, prestart
from indexing.embedder import Embedder, resolve_model
from indexing.ingest import Ingestor, IngestPlan, IngestReport
from indexing.linking import corrections_for
from indexing.lock import write_lock
from indexing.prepare import Prepared, Preparer, PrepareTask
from indexing.vector_store import VectorStore

Progress = Callable[[str, int, int], None]
"""Called with (stage, files done, files in total) as a run advances."""


class Steps(Protocol):
    """The steps a run loop calls; `Ingestor` has them, the flow wraps them as Prefect tasks."""

    def plan(self, paths: list[Path], prune: bool, reprocess: bool) -> IngestPlan:
        """Decide what to do."""
        ...

    def embed(self, batch: list[Prepared]) -> np.ndarray:
        """Vectors of a batch's chunks."""
        ...

    def write(self, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
        """Store a batch."""
        ...

    def prune(self, gone: list[str]) -> list[FileOutcome]:
        """Forget files that are gone."""
        ...

    def finish(self, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
        """Close the run."""
        ...


class DirectSteps:
    """The steps as plain calls on an Ingestor."""

    def __init__(self, ingestor: Ingestor) -> None:
        self.ingestor = ingestor

    def plan(self, paths: list[Path], prune: bool, reprocess: bool) -> IngestPlan:
        """Detect and settle what needs no processing."""
        return self.ingestor.plan(paths, prune, reprocess)

    def embed(self, batch: list[Prepared]) -> np.ndarray:
        """Embed a batch."""
        return self.ingestor.embed(batch)

    def write(self, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
        """Write a batch."""
        return self.ingestor.write(batch, vectors)

    def prune(self, gone: list[str]) -> list[FileOutcome]:
        """Forget gone files."""
        return self.ingestor.prune(gone)

    def finish(self, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
        """Close the run."""
        return self.ingestor.finish(run_id, outcomes)


def run_ingest(
    ingestor: Ingestor,
    paths: list[Path],
    prune: bool = False,
    steps: Steps | None = None,
    progress: Progress | None = None,
    reprocess: bool = False,
) -> IngestReport:
    """One ingestion run over `paths` with an open Ingestor (its store's write lock held).

    With `reprocess`, every file is processed again as if it had changed (see
    `indexing.changes.detect_changes`).
    """
    steps = steps or DirectSteps(ingestor)
    report_progress = progress or (lambda stage, done, total: None)
    plan = steps.plan(paths, prune, reprocess)  # first: it may take the CLI's detection (see Ingestor.plan)
    run_id = ingestor.catalog.start_run()
    outcomes = list(plan.outcomes)
    total = len(plan.to_process) + len(plan.outcomes)
    done = len(plan.outcomes)
    report_progress("planned", done, total)
    batch: list[Prepared] = []
    batch_chunks = ingestor.settings.runner.batch_chunks

    def encode_ready() -> None:
        """Encode the gathered files that have no vectors yet; they are written with a full batch."""
        fresh = [p for p in batch if p.vectors is None and p.chunks]
        if fresh:
            vectors, start = steps.embed(fresh), 0
            for prepared in fresh:
                end = start + len(prepared.chunks)
                prepared.vectors, start = vectors[start:end], end

    def flush() -> None:
        nonlocal done
        if batch:
            outcomes.extend(steps.write(batch, steps.embed(batch)))
            done += len(batch)
            batch.clear()
            report_progress("ingesting", done, total)

    for result in ingestor.prepared(plan.to_process):
        if result is None:
            # The next file is still being parsed: the model encodes what is ready meanwhile,
            # but the write waits for a full batch. Writing here wrote one small file per
            # Chroma upsert, catalog transaction and lexical commit (CACM as 1,000 files:
            # 122 upserts of 1-3 chunks, 1.6 s of a 6.3 s run without encoding).
            encode_ready()
            continue
        if isinstance(result, FileOutcome):
            ingestor.record_failure(result)
            outcomes.append(result)
            done += 1
            continue
        batch.append(result)
        if sum(len(p.chunks) for p in batch) >= batch_chunks:
            flush()
    flush()
    if prune and plan.gone:
        outcomes.extend(steps.prune([r.path for r in plan.gone]))
    report = steps.finish(run_id, outcomes)
    report_progress("done", total, total)
    return report


def start_early(
    settings: Settings,
    paths: list[Path],
    prune: bool = False,
    parse_now: bool = True,
    reprocess: bool = False,
    keep: bool = False,
    on_work: Callable[[], object] | None = None,
) -> int:
    """What a run would change (0: nothing), and when something: start parsing its files now.

    The CLI calls this before the flow, so the worker processes parse while the model loads
    and Prefect's temporary server starts; the flow's run takes the parsed files over when
    its plan is the same (`indexing.early_start`). With `keep` (the CLI, which holds the
    store's write lock until its run ends), the run's plan takes this detection instead of
    detecting again. `on_work` is called as soon as detection knows of a new document
    (`detect_changes`). Writes nothing to the catalog but what detection learnt of unchanged
    inputs (`indexing.changes.remember`).
    """
    layout = StoreLayout(settings.store)
    with tempfile.TemporaryDirectory(prefix="corpus-plan-") as empty:
        catalog = Catalog(layout.catalog if layout.exists() else Path(empty) / "catalog.sqlite")
        kept = False
        try:
            changes = detect_changes(catalog, settings, paths, prune, reprocess, on_work)
            if layout.exists():
                remember(catalog, changes)
                if keep and changes.pending:
                    keep_detected(
                        settings.store, detection_key(settings, paths, prune, reprocess), changes, catalog
                    )
                    kept = True
            planned = changes.to_process
            workers = settings.runner.prepare_workers if len(planned) > 2 else 0
            if workers and parse_now:
                tasks = [PrepareTask(p, corrections_for(catalog, p.doc_id, p.previous_doc)) for p in planned]
                model = resolve_model(settings.embedding.model)
                prestart(settings.store, tasks, Preparer(settings, model, workers))
        finally:
            if not kept:
                catalog.close()
    return changes.pending if layout.exists() else max(1, changes.pending)


def ingest(
    settings: Settings,
    paths: list[Path],
    prune: bool = False,
    embedder: Embedder | None = None,
    vectors: VectorStore | None = None,
    progress: Progress | None = None,
    zotero: Path | None = None,
    reprocess: bool = False,
) -> IngestReport:
    """Ingest files and folders (and the Zotero library at `zotero`) into the store of `settings`.

    Without Prefect: for tests, benchmarks and scripts.
    """
    inputs = [Path(p) for p in paths] + ([find_database(Path(zotero))] if zotero else [])
    with write_lock(settings.store):
        ingestor = Ingestor(settings, embedder=embedder, vectors=vectors)
        try:
            return run_ingest(ingestor, inputs, prune, progress=progress, reprocess=reprocess)
        finally:
            ingestor.close()
