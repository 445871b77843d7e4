"""Prefect flow that ingests folders into a store: plan -> prepare -> embed -> store -> prune -> report.

Each task wraps one `indexing.ingest.Ingestor` step; the logic lives there. Tasks take
plain inputs (a run key, paths, planned files), never clients or models, and skip
Prefect's cache: unchanged files are skipped by the store's own fingerprints. Only the
steps that touch disk or Chroma retry. Runs without a Prefect server (Prefect starts a
temporary local API) and writes a table artifact with every file's outcome.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import cast

import numpy as np
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.schedules import construct_schedule
from prefect.deployments.runner import RunnerDeployment
from prefect.task_runners import ThreadPoolTaskRunner

from corpus.errors import CorpusError
from corpus.models import FileOutcome
from corpus.settings import load_settings
from indexing.ingest import Ingestor, IngestPlan, IngestReport, PlannedFile, Prepared
from indexing.lock import write_lock

ProgressHook = Callable[[str, int, int], None]
"""Called with (stage, files done, files in total) from the flow as it advances."""

_RUNS: dict[str, Ingestor] = {}
_progress: ProgressHook | None = None


def set_progress(hook: ProgressHook | None) -> None:
    """Let a front end (the CLI's rich progress bar) follow the next runs."""
    global _progress
    _progress = hook


def _report_progress(stage: str, done: int, total: int) -> None:
    if _progress is not None:
        _progress(stage, done, total)


@task(name="plan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def plan_files(run_key: str, paths: list[str]) -> IngestPlan:
    """Walk the inputs, fingerprint every file, decide what to (re)process."""
    return _RUNS[run_key].plan([Path(p) for p in paths])


@task(name="prepare", cache_policy=NO_CACHE)
def prepare_files(run_key: str, batch: list[PlannedFile]) -> list[Prepared | FileOutcome]:
    """Load, clean, describe and chunk a batch of files; failures come back as outcomes."""
    return [_RUNS[run_key].prepare(planned) for planned in batch]


@task(name="embed", cache_policy=NO_CACHE)
def embed_batch(run_key: str, batch: list[Prepared]) -> np.ndarray:
    """Embed the chunks of every document in the batch in one model call."""
    return _RUNS[run_key].embed(batch)


@task(name="store", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def store_batch(run_key: str, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
    """Write documents to the catalog and Chroma (idempotent, so a retry is safe)."""
    return _RUNS[run_key].write(batch, vectors)


@task(name="prune", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def prune_files(run_key: str, roots: list[str]) -> list[FileOutcome]:
    """Remove documents whose files are gone from the given folders."""
    return _RUNS[run_key].prune([Path(r) for r in roots])


@task(name="finish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def finish_run(run_key: str, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
    """Rebuild the lexical index if anything changed and record the run."""
    return _RUNS[run_key].finish(run_id, outcomes)


def deployment(
    paths: list[str], cron: str, name: str, store: str, config: str | None = None, prune: bool = False
) -> RunnerDeployment:
    """The ingestion flow as a deployment on a cron schedule (validated), ready to serve."""
    try:
        construct_schedule(cron=cron)
    except ValueError as exc:
        raise CorpusError(f"invalid cron expression {cron!r}: {exc}") from exc
    runner = ingest_flow.to_deployment(
        name=name,
        cron=cron,
        parameters={"paths": paths, "store": store, "config": config, "prune": prune},
        description=f"Ingest {', '.join(paths)} into {store} on '{cron}'.",
    )
    return cast(RunnerDeployment, runner)


def _batches(items: list[PlannedFile], size: int) -> list[list[PlannedFile]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=False)  # type: ignore[arg-type]
def ingest_flow(
    paths: list[str],
    store: str | None = None,
    config: str | None = None,
    prune: bool = False,
    batch_files: int = 16,
    min_chars: int | None = None,
) -> IngestReport:
    """Ingest files and folders into the store (default from settings); returns the run report.

    Example: `ingest_flow(["../shared/data/seeds"], store=".corpus-store")`.
    """
    logger = get_run_logger()
    settings = load_settings(Path(config) if config else None, store=Path(store) if store else None)
    if min_chars is not None:
        settings.loading.min_chars = min_chars
    run_key = uuid.uuid4().hex
    with write_lock(settings.store):
        ingestor = Ingestor(settings)
        _RUNS[run_key] = ingestor
        try:
            run_id = ingestor.catalog.start_run()
            plan = plan_files(run_key, paths)
            outcomes = list(plan.outcomes)
            total = len(plan.to_process) + len(plan.outcomes)
            done = len(plan.outcomes)
            _report_progress("planned", done, total)
            futures = [
                prepare_files.submit(run_key, batch) for batch in _batches(plan.to_process, batch_files)
            ]
            for future in futures:
                results = future.result()
                ready = [r for r in results if isinstance(r, Prepared)]
                for failure in (r for r in results if isinstance(r, FileOutcome)):
                    logger.warning("%s: %s", failure.path, failure.reason)
                    ingestor.record_failure(failure)
                    outcomes.append(failure)
                if ready:
                    vectors = embed_batch(run_key, ready)
                    outcomes.extend(store_batch(run_key, ready, vectors))
                done += len(results)
                _report_progress("ingesting", done, total)
            if prune:
                outcomes.extend(prune_files(run_key, paths))
            report = finish_run(run_key, run_id, outcomes)
        finally:
            _RUNS.pop(run_key, None)
            ingestor.catalog.close()
    _report_progress("done", total, total)
    create_table_artifact(
        key="ingest-report",
        table=[
            {
                "file": o.path,
                "status": o.status,
                "chunks": o.chunks,
                "reason": o.reason,
                "cleaned": ", ".join(f"{rule} {n}" for rule, n in o.removed.items()),
            }
            for o in report.outcomes
        ],
        description=f"Ingestion into {settings.store}: {report.count('ingested')} ingested "
        f"({report.linked} linked to existing works), {report.count('unchanged')} unchanged, "
        f"{report.count('duplicate')} duplicate, {report.count('failed')} failed; characters removed: "
        + (", ".join(f"{rule} {n}" for rule, n in report.removed.items()) or "none"),
    )
    logger.info(
        "ingested %d (linked %d), unchanged %d, duplicate %d, failed %d, skipped %d, removed %d",
        report.count("ingested"),
        report.linked,
        *(report.count(s) for s in ("unchanged", "duplicate", "failed", "skipped", "removed")),
    )
    return report
