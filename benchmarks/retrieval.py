"""Retrieval benchmark on a BEIR-layout collection: hybrid search against its baselines, one run.

Ingests the collection through the real pipeline (as `corpus eval` does), runs every query
through dense, lexical (BM25) and hybrid search and the plain reciprocal-rank-fusion
baseline (k=60), and writes `benchmarks/results/<collection>.md` (a Markdown table with
nDCG@10, Recall@100, MRR@10, ratios against the baselines and query latency p50/p95) and
`benchmarks/results/<collection>.png` (a bar chart of the three metrics).

    .venv/bin/python benchmarks/retrieval.py ../shared/data/benchmarks/cacm
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from corpus_core.settings import load_settings
from evaluation.retrieval import EvaluationReport, SystemResult, evaluate_beir

RESULTS = Path(__file__).resolve().parent / "results"
LABELS = {
    "hybrid": "hybrid (default)",
    "bm25": "BM25 only",
    "dense": "dense only",
    "rrf60": "plain RRF k=60",
}


def _rows(report: EvaluationReport) -> list[SystemResult]:
    return [report.system, *report.baselines]


def markdown(report: EvaluationReport, wall_seconds: float) -> str:
    """The results table, ratios of the default system to each baseline, and how it was run."""
    names = report.metric_names
    lines = [
        f"## {report.collection}",
        "",
        f"{report.queries} queries, {report.records} records ({report.documents} documents, "
        f"{report.works} works after linking); ingestion {report.ingest_seconds:.0f} s, "
        f"whole run {wall_seconds:.0f} s.",
        f"Default system: {report.system.description}.",
        "",
        "| system | " + " | ".join(names) + " | p50 ms | p95 ms |",
        "|---|" + "---:|" * (len(names) + 2),
    ]
    for row in _rows(report):
        figures = " | ".join(f"{row.metrics[n]:.3f}" for n in names)
        label = LABELS.get(row.name, row.name)
        lines.append(f"| {label} | {figures} | {row.latency.p50:.0f} | {row.latency.p95:.0f} |")
    lines += ["", "Default system relative to each baseline (ratio of the figures):", ""]
    lines += ["| baseline | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for base in report.baselines:
        ratios = " | ".join(
            f"{report.system.metrics[n] / base.metrics[n]:.3f}" if base.metrics[n] else "n/a" for n in names
        )
        lines.append(f"| {LABELS.get(base.name, base.name)} | {ratios} |")
    return "\n".join(lines) + "\n"


def chart(report: EvaluationReport, path: Path) -> None:
    """Grouped bars: one group per metric, one bar per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = report.metric_names
    rows = _rows(report)
    width = 0.8 / len(rows)
    figure, axes = plt.subplots(figsize=(8, 4.5))
    for i, row in enumerate(rows):
        positions = [m + (i - (len(rows) - 1) / 2) * width for m in range(len(names))]
        bars = axes.bar(
            positions, [row.metrics[n] for n in names], width, label=LABELS.get(row.name, row.name)
        )
        axes.bar_label(bars, fmt="%.3f", fontsize=7, padding=2)
    axes.set_xticks(range(len(names)), names)
    axes.set_ylim(0, 1)
    axes.set_ylabel("score")
    axes.set_title(f"Retrieval quality on {report.collection} ({report.queries} queries)")
    axes.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> None:
    """Run the benchmark and write the table, the chart and the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("beir", type=Path, help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/")
    parser.add_argument("--split", default="test", help="which judgements: qrels/<split>.tsv (default test)")
    parser.add_argument("--config", type=Path, default=None, help="extra TOML settings file")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the .md, .png and .json files")
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    started = time.perf_counter()
    report = evaluate_beir(
        args.beir, load_settings(args.config), mode="hybrid", config=args.config, split=args.split
    )
    wall = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    name = report.collection
    table = markdown(report, wall)
    (args.out / f"{name}.md").write_text(table, encoding="utf-8")
    (args.out / f"{name}.json").write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    chart(report, args.out / f"{name}.png")
    print(table)
    print(f"wrote {args.out / (name + '.md')}, {args.out / (name + '.png')}")


if __name__ == "__main__":
    main()
