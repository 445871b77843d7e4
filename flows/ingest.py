"""Prefect flow that ingests folders into a store: the run loop of `indexing.run`, steps as tasks.

Each task wraps one `indexing.ingest.Ingestor` step; the loop and the logic live in
`indexing`. Tasks take plain inputs (a run key, paths, prepared batches), never clients or
models, and skip Prefect's cache: unchanged files are skipped by the store's own
fingerprints. Only the steps that touch disk or Chroma retry. Runs without a Prefect
server (Prefect starts a temporary local API, tied to this process) and writes a table
artifact with every file's outcome. After the run, the `after-run` task refreshes the work
vectors of `corpus related` and re-runs the store's saved searches (`search_api.watches`),
publishing the works new to each as a Markdown artifact.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TypeVar, cast

import numpy as np
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.schedules import construct_schedule
from prefect.deployments.runner import RunnerDeployment
from prefect.utilities.annotations import quote

from corpus.loading.zotero import find_database
from corpus_core.errors import ConfigError, CorpusError
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings, load_settings
from flows import runs
from indexing.catalog import display_path
from indexing.distributed import FuturePreparer, prepare_and_embed
from indexing.ingest import Ingestor, IngestPlan, IngestReport
from indexing.lock import write_lock
from indexing.prepare import Prepared, PrepareTask
from indexing.run import Progress, run_ingest
from search_api.watches import digest_after_run
from search_api.work_vectors import refresh_work_vectors

T = TypeVar("T")


def set_progress(hook: Progress | None) -> None:
    """Let a front end (the CLI's rich progress bar) follow the next runs."""
    runs.progress[:] = [hook] if hook is not None else []


def _report_progress(stage: str, done: int, total: int) -> None:
    for hook in runs.progress:
        hook(stage, done, total)


@task(name="prepare-and-embed", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def prepare_and_embed_task(prepare: PrepareTask, settings: Settings) -> Prepared | FileOutcome:
    """On a Dask worker: load, clean, chunk and embed one file (the worker's model loads once)."""
    return prepare_and_embed(prepare, settings)


@task(name="plan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def plan_files(run_key: str, paths: list[Path], prune: bool, reprocess: bool) -> IngestPlan:
    """Walk the inputs, fingerprint every file, decide what to (re)process."""
    return runs.ACTIVE[run_key].plan(paths, prune, reprocess)


@task(name="embed", cache_policy=NO_CACHE)
def embed_batch(run_key: str, batch: list[Prepared]) -> np.ndarray:
    """Embed the chunks of every document in the batch in one model call."""
    return runs.ACTIVE[run_key].embed(batch)


@task(name="store", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def store_batch(run_key: str, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
    """Write a batch to the catalog, Chroma and the lexical index (idempotent, so a retry is safe)."""
    return runs.ACTIVE[run_key].write(batch, vectors)


@task(name="prune", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def prune_files(run_key: str, gone: list[str]) -> list[FileOutcome]:
    """Remove documents whose files are gone from the given folders."""
    return runs.ACTIVE[run_key].prune(gone)


@task(name="finish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def finish_run(run_key: str, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
    """Record the run."""
    return runs.ACTIVE[run_key].finish(run_id, outcomes)


@task(name="after-run", cache_policy=NO_CACHE)
def after_run(settings: Settings) -> str | None:
    """Refresh the work vectors `corpus related` reads, re-run the saved searches, publish their digest.

    A failure is logged, never fails the run: the ingestion itself has succeeded.
    """
    try:
        refresh_work_vectors(settings)
        digest = digest_after_run(settings)
    except CorpusError as exc:
        get_run_logger().warning("after the run: %s", exc)
        return None
    if digest is None:
        return None
    create_markdown_artifact(
        key="watch-digest",
        markdown=digest.markdown,
        description=f"Works new to the saved searches of {settings.store}: {digest.new_works}",
    )
    return digest.name


def _report_table(report: IngestReport) -> list[dict[str, object]]:
    """The run's table for Prefect's UI: a row per file that changed, one counting the unchanged.

    A nightly run over a library of 10,000 files would otherwise store 10,000 rows of
    "unchanged" in Prefect's database each night (as the run record counts them, see
    `Catalog.finish_run`).
    """
    rows: list[dict[str, object]] = [
        {
            "file": display_path(o.path),
            "status": o.status,
            "chunks": o.chunks,
            "reason": o.reason,
            "cleaned": ", ".join(f"{rule} {n}" for rule, n in o.removed.items()),
        }
        for o in report.outcomes
        if o.status != "unchanged"
    ]
    unchanged = [o for o in report.outcomes if o.status == "unchanged"]
    if unchanged:
        files = f"{len(unchanged)} file" + ("s" if len(unchanged) > 1 else "")
        chunks = sum(o.chunks for o in unchanged)
        rows.append({"file": files, "status": "unchanged", "chunks": chunks, "reason": "", "cleaned": ""})
    return rows


def _unwalked(value: T) -> T:
    """`value` in Prefect's `quote`, typed as the value itself, which is what the task receives."""
    return cast(T, quote(value))


class PrefectSteps:
    """The run loop's steps as Prefect tasks of this flow run.

    Batches and outcomes are handed to the tasks in `quote`: Prefect otherwise walks every
    argument, object by object, looking for futures to track (twice per task), and a batch
    holds every page, chunk and record of its documents. That walk cost ~0.1 ms per chunk
    and task (48 ms for a 449-chunk batch) on the main thread, which also encodes; these
    arguments never hold futures.
    """

    def __init__(self, run_key: str) -> None:
        self.run_key = run_key

    def plan(self, paths: list[Path], prune: bool, reprocess: bool) -> IngestPlan:
        """Plan task."""
        return plan_files(self.run_key, paths, prune, reprocess)

    def embed(self, batch: list[Prepared]) -> np.ndarray:
        """Embed task."""
        return embed_batch(self.run_key, _unwalked(batch))

    def write(self, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
        """Store task."""
        return store_batch(self.run_key, _unwalked(batch), vectors)

    def prune(self, gone: list[str]) -> list[FileOutcome]:
        """Prune task."""
        return prune_files(self.run_key, gone)

    def finish(self, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
        """Finish task."""
        return finish_run(self.run_key, run_id, _unwalked(outcomes))


def deployment(
    paths: list[str], cron: str, name: str, store: str, config: str | None = None, prune: bool = False
) -> RunnerDeployment:
    """The ingestion flow as a deployment on a cron schedule (validated), ready to serve."""
    try:
        construct_schedule(cron=cron)
    except ValueError as exc:
        raise ConfigError(
            f"invalid cron expression {cron!r}: five fields are expected (minute hour day month "
            "weekday), like '0 2 * * *' for 02:00 every day"
        ) from exc
    runner = ingest_flow.to_deployment(
        name=name,
        cron=cron,
        parameters={"paths": paths, "store": store, "config": config, "prune": prune},
        description=f"Ingest {', '.join(paths)} into {store} on '{cron}'.",
    )
    return cast(RunnerDeployment, runner)


@flow(name="ingest", log_prints=False)
def ingest_flow(
    paths: list[str],
    store: str | None = None,
    config: str | None = None,
    prune: bool = False,
    min_chars: int | None = None,
    distributed: bool = False,
    zotero: str | None = None,
    reprocess: bool = False,
) -> IngestReport:
    """Ingest files and folders into the store (default from settings); returns the run report.

    `zotero` names a Zotero library (data directory or `zotero.sqlite`) to ingest too: its
    database joins the paths (`corpus.loading.zotero`, `indexing.changes`).

    `reprocess` processes every file again, changed or not (after an upgrade that reads
    files better); a chunk whose embedded text is unchanged keeps its stored vector.

    With `distributed` (the flow given a Dask task runner, see `flows.ingest_dask`), files are
    prepared and embedded by `prepare-and-embed` tasks on the Dask workers; writes stay here.

    Example: `ingest_flow(["../shared/data/seeds"], store=".corpus-store")`.
    """
    logger = get_run_logger()
    settings = load_settings(Path(config) if config else None, store=Path(store) if store else None)
    if min_chars is not None:
        settings.loading.min_chars = min_chars
    run_key = uuid.uuid4().hex
    inputs = [Path(p) for p in paths] + ([find_database(Path(zotero))] if zotero else [])
    with write_lock(settings.store):
        ingestor = Ingestor(settings)
        if distributed:
            ingestor.remote = FuturePreparer(
                lambda prepare: prepare_and_embed_task.submit(prepare, settings), ahead=8
            )
        runs.ACTIVE[run_key] = ingestor
        try:
            report = run_ingest(
                ingestor,
                inputs,
                prune,
                steps=PrefectSteps(run_key),
                progress=_report_progress,
                reprocess=reprocess,
            )
        finally:
            runs.ACTIVE.pop(run_key, None)
            ingestor.close()
    after_run(settings)
    for failure in (o for o in report.outcomes if o.status == "failed"):
        logger.warning("%s: %s", display_path(failure.path), failure.reason)
    create_table_artifact(
        key="ingest-report",
        table=_report_table(report),
        description=f"Ingestion into {settings.store}: {report.count('ingested')} ingested "
        f"({report.linked} linked to existing works), {report.count('unchanged')} unchanged, "
        f"{report.count('moved')} moved, "
        f"{report.count('duplicate')} duplicate, {report.count('failed')} failed; characters removed: "
        + (", ".join(f"{rule} {n}" for rule, n in report.removed.items()) or "none"),
    )
    logger.info(
        "ingested %d (linked %d), unchanged %d, moved %d, duplicate %d, failed %d, skipped %d, removed %d",
        report.count("ingested"),
        report.linked,
        *(report.count(s) for s in ("unchanged", "moved", "duplicate", "failed", "skipped", "removed")),
    )
    return report
