"""The ingestion flow on Prefect's Dask task runner: files prepared and embedded on Dask workers.

Kept apart from `flows.ingest` so a plain `corpus ingest` does not import prefect-dask and
distributed (about 0.5 s, on the thread that competes with the model's load for the GIL);
`corpus ingest --dask` and the `nightly-ingest-dask` deployment in `prefect.yaml` import it.
"""

from __future__ import annotations

import os

from prefect_dask import DaskTaskRunner

from flows.ingest import ingest_flow
from indexing.distributed import DaskSpec, parse_dask_spec


def dask_runner(spec: DaskSpec) -> DaskTaskRunner:
    """Prefect's Dask task runner: an existing scheduler, or a LocalCluster of worker processes.

    Local workers get one thread each and share the cores for torch (OMP_NUM_THREADS), so
    N workers on N cores do not oversubscribe them.
    """
    if spec.address:
        return DaskTaskRunner(address=spec.address)
    threads = max(1, (os.cpu_count() or 1) // spec.workers)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": spec.workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
            "env": {"OMP_NUM_THREADS": str(threads), "TOKENIZERS_PARALLELISM": "false"},
        },
    )


ingest_on_dask = ingest_flow.with_options(
    name="ingest-dask",
    task_runner=dask_runner(parse_dask_spec(os.environ.get("CORPUS_RUNNER__DASK_ADDRESS") or "local")),  # type: ignore[arg-type]
)
"""The flow on Prefect's Dask task runner, for deployments (prefect.yaml `nightly-ingest-dask`):
the scheduler is CORPUS_RUNNER__DASK_ADDRESS where the flow runs, else a LocalCluster. Run it
with `distributed=True`."""
