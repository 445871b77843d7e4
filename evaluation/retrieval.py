"""Retrieval quality on a BEIR-layout collection, measured through the pipeline users get.

`evaluate_beir` writes every record as a text file with a CSL-JSON sidecar, ingests them
with the run loop the Prefect flow runs (`indexing.run`, without Prefect) into a throwaway
store, runs every judged query through `SearchEngine.search` (the ranking `Corpus.search`
returns, 100 works deep), and scores the ranking at document level with ranx: nDCG@k,
Recall@100 and MRR@k. Baselines (BM25 alone, dense alone, plain reciprocal-rank fusion
with k=60) are measured on the same store in the same run.

From works back to judged records: the pipeline stores identical texts once (one doc id)
and links documents it takes for one work (same DOI, near-duplicate text, or same title,
year and authors). Linking is part of what is evaluated, so it stays on; instead every
work in the ranking stands for all its documents, and every document for all the records
that produced it, in the work's place (best-matching document first). A record's rank is
therefore that of its work's best chunk, and two judged records the pipeline merged both
count as found.

    report = evaluate_beir(Path("../shared/data/benchmarks/cacm"), load_settings())
    print(report.summary())
"""

from __future__ import annotations

import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from corpus_core.choices import MODES, Mode
from corpus_core.errors import CorpusError, UsageError
from corpus_core.settings import SearchSettings, Settings, load_settings
from evaluation.beir import BeirCollection, load_beir, write_records
from search_api.engine import RankedWork, SearchEngine
from search_api.filters import Filters

DEPTH = 100
"""Works retrieved per query: enough for Recall@100."""


@dataclass(frozen=True)
class Latency:
    """Query latency percentiles in milliseconds."""

    p50: float
    p95: float

    @classmethod
    def of(cls, seconds: Iterable[float]) -> Latency:
        """Percentiles of per-query wall times given in seconds."""
        values = np.array(list(seconds), dtype=np.float64) * 1000.0
        if not values.size:
            return cls(0.0, 0.0)
        return cls(float(np.percentile(values, 50)), float(np.percentile(values, 95)))


@dataclass(frozen=True)
class SystemResult:
    """One retrieval configuration's figures on the collection."""

    name: str
    """Short key: "hybrid", "bm25", "dense", "rrf60"."""
    description: str
    mode: Mode
    metrics: dict[str, float]
    """Mean over queries, keyed "ndcg@10", "recall@100", "mrr@10"."""
    per_query: dict[str, dict[str, float]]
    latency: Latency


@dataclass
class EvaluationReport:
    """What `corpus eval` prints: the configured system, baselines, and the collection's shape."""

    collection: str
    k: int
    queries: int
    records: int
    documents: int
    works: int
    failed_files: int
    ingest_seconds: float
    system: SystemResult
    baselines: list[SystemResult] = field(default_factory=list)

    @property
    def metric_names(self) -> list[str]:
        """The three reported metrics, in print order."""
        return [f"ndcg@{self.k}", f"recall@{DEPTH}", f"mrr@{self.k}"]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `corpus eval --json`: the system's means at top level, then details."""
        data: dict[str, Any] = {"collection": self.collection, "mode": self.system.mode}
        data.update({m: round(self.system.metrics[m], 4) for m in self.metric_names})
        data["system"] = self.system.description
        data["queries"] = self.queries
        data["latency_ms"] = _latency_dict(self.system.latency)
        data["baselines"] = {
            b.name: {
                "description": b.description,
                **{m: round(b.metrics[m], 4) for m in self.metric_names},
                "latency_ms": _latency_dict(b.latency),
            }
            for b in self.baselines
        }
        data["ratios"] = {
            b.name: {m: _ratio(self.system.metrics[m], b.metrics[m]) for m in self.metric_names}
            for b in self.baselines
        }
        data["corpus"] = {
            "records": self.records,
            "documents": self.documents,
            "works": self.works,
            "failed_files": self.failed_files,
        }
        data["ingest_seconds"] = round(self.ingest_seconds, 1)
        data["per_query"] = {
            q: {m: round(v, 4) for m, v in values.items()}
            for q, values in sorted(self.system.per_query.items())
        }
        return data

    def summary(self) -> str:
        """A plain-text table: the system first, then each baseline, with latency."""
        names = self.metric_names
        rows = [self.system, *self.baselines]
        width = max(len(r.name) for r in rows) + 2
        lines = [
            f"{self.collection}: {self.queries} queries, {self.records} records "
            f"({self.documents} documents, {self.works} works), ingested in {self.ingest_seconds:.0f} s",
            f"system: {self.system.description}",
            "",
            "".ljust(width) + "".join(n.rjust(12) for n in names) + "p50 ms".rjust(10) + "p95 ms".rjust(10),
        ]
        for r in rows:
            figures = "".join(f"{r.metrics[n]:12.4f}" for n in names)
            lines.append(f"{r.name.ljust(width)}{figures}{r.latency.p50:10.1f}{r.latency.p95:10.1f}")
        return "\n".join(lines)


def _latency_dict(latency: Latency) -> dict[str, float]:
    return {"p50": round(latency.p50, 1), "p95": round(latency.p95, 1)}


def _ratio(value: float, baseline: float) -> float | None:
    return round(value / baseline, 3) if baseline > 0 else None


def document_run(
    works: list[RankedWork], docs_of_work: dict[str, list[str]], records_of_doc: dict[str, list[str]]
) -> dict[str, float]:
    """Ranked works -> judged records with decreasing scores (1/position).

    Each work expands in place to its documents (the one holding its best chunk first, the
    others by id), each document to the records that produced it (in the given order).
    """
    run: dict[str, float] = {}
    for work in works:
        best = work.chunks[0][0].doc_id if work.chunks else ""
        members = sorted(docs_of_work.get(work.work_id, [best]), key=lambda d: (d != best, d))
        for doc_id in members:
            for record_id in records_of_doc.get(doc_id, []):
                if record_id not in run:
                    run[record_id] = 1.0 / (len(run) + 1)
    return run


def score_runs(
    qrels: dict[str, dict[str, int]], runs: dict[str, dict[str, float]], k: int = 10
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Mean and per-query nDCG@k, Recall@100 and MRR@k (ranx); a query without results scores 0."""
    from ranx import Qrels, Run, evaluate

    metrics = [f"ndcg@{k}", f"recall@{DEPTH}", f"mrr@{k}"]
    answered = {q: r for q, r in runs.items() if r and q in qrels}
    if not answered:
        return dict.fromkeys(metrics, 0.0), {q: dict.fromkeys(metrics, 0.0) for q in qrels}
    run = Run(answered)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        means = evaluate(Qrels(qrels), run, metrics, make_comparable=True)
    per_query = {q: {m: float(run.scores[m].get(q, 0.0)) for m in metrics} for q in qrels}
    return {m: float(means[m]) for m in metrics}, per_query


def _describe(settings: SearchSettings, mode: Mode) -> str:
    if mode != "hybrid":
        return f"{mode} only, {settings.candidates} candidates"
    if settings.fusion == "rrf":
        return f"hybrid, reciprocal-rank fusion k={settings.rrf_k}, dense weight {settings.dense_weight}"
    return (
        f"hybrid, convex fusion of min-max normalised scores, dense weight {settings.dense_weight}, "
        f"{settings.candidates} candidates per retriever"
    )


def _baselines(settings: SearchSettings) -> list[tuple[str, Mode, SearchSettings]]:
    plain = settings.model_copy(update={"mmr": False})
    return [
        ("bm25", "lexical", plain),
        ("dense", "dense", plain),
        ("rrf60", "hybrid", plain.model_copy(update={"fusion": "rrf", "rrf_k": 60, "dense_weight": 0.5})),
    ]


@dataclass(frozen=True)
class _System:
    name: str
    mode: Mode
    engine: SearchEngine


def _run_systems(
    systems: list[_System],
    collection: BeirCollection,
    docs_of_work: dict[str, list[str]],
    records_of_doc: dict[str, list[str]],
    k: int,
) -> list[SystemResult]:
    """Every query through every system, interleaved so load on the machine hits all alike."""
    runs: list[dict[str, dict[str, float]]] = [{} for _ in systems]
    times: list[list[float]] = [[] for _ in systems]
    for system in systems:
        system.engine.search("warm up", system.mode, Filters(), DEPTH)
    for query in collection.queries:
        for number, system in enumerate(systems):
            started = time.perf_counter()
            try:
                works = system.engine.search(query.text, system.mode, Filters(), DEPTH).works
            except CorpusError:
                works = []
            times[number].append(time.perf_counter() - started)
            runs[number][query.query_id] = document_run(works, docs_of_work, records_of_doc)
    results = []
    for number, system in enumerate(systems):
        means, per_query = score_runs(collection.qrels, runs[number], k)
        description = _describe(system.engine.settings, system.mode)
        latency = Latency.of(times[number])
        results.append(SystemResult(system.name, description, system.mode, means, per_query, latency))
    return results


def _checked_mode(mode: str | None, settings: Settings) -> Mode:
    """The mode asked for, else the configured one; CorpusError for an unknown mode."""
    mode = mode or settings.search.mode
    if mode not in MODES:
        raise UsageError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
    return cast(Mode, mode)


def _ingest(files: Path, store: Path, config: Path | None) -> tuple[int, float]:
    """Run the ingestion run loop the flow runs (without Prefect); returns (failed files, seconds)."""
    from indexing.run import ingest

    settings = load_settings(config, store=store)
    settings.loading.min_chars = 0
    started = time.perf_counter()
    report = ingest(settings, [files])
    return report.count("failed"), time.perf_counter() - started


def evaluate_beir(
    beir_dir: Path,
    settings: Settings,
    k: int = 10,
    mode: str | None = None,
    *,
    config: Path | None = None,
    baselines: bool = True,
    split: str = "test",
) -> EvaluationReport:
    """Ingest a BEIR collection into a throwaway store and score `mode` (default: settings) and baselines.

    The queries and judgements are those of `split` (`qrels/<split>.tsv`).
    `settings.search` configures the evaluated system; ingestion reads `config` (the same
    --config file) so chunking and the embedding model match. The store is deleted afterwards.
    """
    checked = _checked_mode(mode, settings)
    collection = load_beir(beir_dir, split)
    with tempfile.TemporaryDirectory(prefix="corpus-eval-", ignore_cleanup_errors=True) as tmp:
        files, store = Path(tmp) / "records", Path(tmp) / "store"
        doc_of_record = write_records(collection.records, files)
        failed, seconds = _ingest(files, store, config)
        report = evaluate_store(
            collection,
            doc_of_record,
            settings.model_copy(update={"store": store}),
            k,
            checked,
            baselines=baselines,
        )
    report.failed_files, report.ingest_seconds = failed, seconds
    return report


def evaluate_store(
    collection: BeirCollection,
    doc_of_record: dict[str, str],
    settings: Settings,
    k: int = 10,
    mode: str | None = None,
    *,
    baselines: bool = True,
) -> EvaluationReport:
    """Score `mode` and the baselines on a store that already holds the collection's records.

    `doc_of_record` maps each record id to the doc id ingestion gave its file (`write_records`).
    """
    from search_api.service import Corpus

    checked = _checked_mode(mode, settings)
    timed = settings.model_copy(deep=True)
    timed.embedding.cached_queries = 0  # each system's latency counts encoding the query, as a new one does
    corpus = Corpus(settings=timed)
    try:
        work_map = corpus.catalog.work_map()
        docs_of_work: dict[str, list[str]] = {}
        for doc_id, work_id in work_map.items():
            docs_of_work.setdefault(work_id, []).append(doc_id)
        records_of_doc: dict[str, list[str]] = {}
        for record_id, doc_id in doc_of_record.items():
            records_of_doc.setdefault(doc_id, []).append(record_id)
        engine = corpus.engine
        systems = [_System(checked, checked, engine)]
        if baselines:
            for name, base_mode, base_settings in _baselines(settings.search):
                variant = SearchEngine(
                    engine.catalog, engine.vectors, engine.lexical, engine.embedder, base_settings
                )
                systems.append(_System(name, base_mode, variant))
        system, *others = _run_systems(systems, collection, docs_of_work, records_of_doc, k)
    finally:
        corpus.close()
    return EvaluationReport(
        collection=collection.name,
        k=k,
        queries=len(collection.queries),
        records=len(collection.records),
        documents=len(work_map),
        works=len(docs_of_work),
        failed_files=0,
        ingest_seconds=0.0,
        system=system,
        baselines=others,
    )
