"""`corpus eval`: BEIR loading, records written as files + sidecars, works -> records, metrics, end to end."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus.loading.loaders import content_hash
from corpus.metadata.sidecars import sidecar_records
from corpus_core.errors import UsageError
from corpus_core.models import Chunk
from evaluation.beir import BeirRecord, load_beir, write_records
from evaluation.retrieval import EvaluationReport, Latency, SystemResult, document_run, score_runs
from search_api.engine import RankedWork

TINY = Path(__file__).resolve().parents[1] / "data" / "beir_tiny"


def _work(work_id: str, doc_id: str) -> RankedWork:
    chunk = Chunk(chunk_id=f"{doc_id}:0", doc_id=doc_id, index=0, text="t", start=0, end=1)
    return RankedWork(work_id, 1.0, [(chunk, 1.0)])


def test_load_beir_keeps_judged_queries_and_positive_grades() -> None:
    collection = load_beir(TINY)
    assert len(collection.records) == 31
    assert [q.query_id for q in collection.queries] == ["q1", "q2", "q3", "q4", "q5"]
    assert "solar-1" not in collection.qrels["q1"]
    assert collection.qrels["q2"]["bees-copy"] == 1
    first = collection.records[0]
    assert (first.record_id, first.authors, first.year) == ("volcano-1", ("Author1, A.",), 2001)


def test_load_beir_reads_the_judgements_of_the_split_asked_for(tmp_path: Path) -> None:
    folder = tmp_path / "dev-only"
    (folder / "qrels").mkdir(parents=True)
    for name in ("corpus.jsonl", "queries.jsonl"):
        (folder / name).write_bytes((TINY / name).read_bytes())
    (folder / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\nq3\tvolcano-1\t2\n")
    collection = load_beir(folder, "dev")
    assert [q.query_id for q in collection.queries] == ["q3"]
    assert collection.qrels == {"q3": {"volcano-1": 2}}
    with pytest.raises(UsageError, match=r"test\.tsv: missing.*this folder has dev: choose one with --split"):
        load_beir(folder)


def test_corpus_eval_names_the_splits_a_collection_has() -> None:
    from corpus_cli.main import app

    result = CliRunner().invoke(app, ["eval", "--beir", str(TINY), "--split", "dev"])
    assert result.exit_code != 0
    assert "dev.tsv: missing" in result.output and "this folder has test" in result.output


def test_write_records_gives_the_ingestion_doc_id_and_a_csl_sidecar(tmp_path: Path) -> None:
    records = [
        BeirRecord("r1", "Sorting on a Mesh", "We sort.", ("Thompson, C. D.",), 1977),
        BeirRecord("r2", "Sorting on a Mesh", "We sort.", ("Thompson, C. D.",), 1977),
        BeirRecord("r3", "Title Only", ""),
    ]
    doc_of_record = write_records(records, tmp_path)
    text_file = tmp_path / "0.txt"
    assert text_file.read_text() == "Sorting on a Mesh\n\nWe sort.\n"
    assert doc_of_record["r1"] == content_hash(text_file.read_bytes()) == doc_of_record["r2"]
    assert (tmp_path / "2.txt").read_text() == "Title Only\n"
    (record,) = sidecar_records(text_file)
    assert record.title == "Sorting on a Mesh"
    assert [(a.family, a.given) for a in record.authors] == [("Thompson", "C. D.")]
    assert record.year == 1977
    assert record.sources["title"] == "sidecar"


def test_document_run_expands_works_to_documents_and_records() -> None:
    works = [_work("w1", "d2"), _work("w3", "d3")]
    docs_of_work = {"w1": ["d1", "d2"], "w3": ["d3"]}
    records_of_doc = {"d1": ["r1"], "d2": ["r2a", "r2b"], "d3": ["r3"]}
    run = document_run(works, docs_of_work, records_of_doc)
    assert list(run) == ["r2a", "r2b", "r1", "r3"]
    assert list(run.values()) == [1.0, 0.5, pytest.approx(1 / 3), 0.25]


def test_score_runs_exact_values() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1, "c": 1}, "q3": {"z": 1}}
    runs = {"q1": {"x": 1.0, "a": 0.5}, "q2": {"b": 1.0}, "q3": {}}
    means, per_query = score_runs(qrels, runs, k=10)
    ndcg_q1 = 1 / math.log2(3)
    ndcg_q2 = 1 / (1 + 1 / math.log2(3))
    assert per_query["q1"] == pytest.approx({"ndcg@10": ndcg_q1, "recall@100": 1.0, "mrr@10": 0.5})
    assert per_query["q2"] == pytest.approx({"ndcg@10": ndcg_q2, "recall@100": 0.5, "mrr@10": 1.0})
    assert per_query["q3"] == {"ndcg@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0}
    assert means["ndcg@10"] == pytest.approx((ndcg_q1 + ndcg_q2) / 3)
    assert means["recall@100"] == pytest.approx(0.5)
    assert means["mrr@10"] == pytest.approx(0.5)


def test_score_runs_with_no_results_at_all() -> None:
    means, per_query = score_runs({"q1": {"a": 1}}, {"q1": {}}, k=5)
    assert means == {"ndcg@5": 0.0, "recall@100": 0.0, "mrr@5": 0.0}
    assert per_query == {"q1": means}


def test_latency_percentiles_in_milliseconds() -> None:
    latency = Latency.of([0.010, 0.020, 0.030, 0.040, 1.0])
    assert latency.p50 == pytest.approx(30.0)
    assert latency.p95 == pytest.approx(808.0)
    assert Latency.of([]) == Latency(0.0, 0.0)


def test_report_json_shape_and_ratios() -> None:
    def system(name: str, ndcg: float) -> SystemResult:
        metrics = {"ndcg@10": ndcg, "recall@100": 0.5, "mrr@10": 0.25}
        return SystemResult(name, name, "hybrid", metrics, {"q1": metrics}, Latency(10.0, 20.0))

    report = EvaluationReport("tiny", 10, 1, 3, 3, 2, 0, 1.0, system("hybrid", 0.6), [system("bm25", 0.4)])
    data = report.to_dict()
    assert data["ndcg@10"] == 0.6 and data["recall@100"] == 0.5 and data["mrr@10"] == 0.25
    assert data["mode"] == "hybrid" and data["queries"] == 1
    assert data["latency_ms"] == {"p50": 10.0, "p95": 20.0}
    assert data["baselines"]["bm25"]["ndcg@10"] == 0.4
    assert data["ratios"]["bm25"]["ndcg@10"] == 1.5
    assert data["per_query"]["q1"]["mrr@10"] == 0.25
    assert "bm25" in report.summary()


@pytest.mark.slow
@pytest.mark.integration
def test_corpus_eval_end_to_end_on_a_tiny_collection(prefect_server: None) -> None:
    from corpus_cli.main import app

    result = CliRunner().invoke(app, ["eval", "--beir", str(TINY), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("ndcg@10", "recall@100", "mrr@10", "mode", "queries", "per_query", "latency_ms", "baselines"):
        assert key in data
    assert data["mode"] == "hybrid"
    assert data["queries"] == 5
    assert set(data["per_query"]) == {"q1", "q2", "q3", "q4", "q5"}
    assert set(data["baselines"]) == {"bm25", "dense", "rrf60"}
    assert set(data["latency_ms"]) == {"p50", "p95"}
    assert data["corpus"] == {"records": 31, "documents": 30, "works": 30, "failed_files": 0}
    assert data["ndcg@10"] > 0.8
    # all six judged bee records are found, the copy included
    assert data["per_query"]["q2"]["recall@100"] == 1.0
