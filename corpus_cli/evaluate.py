"""`corpus eval`: retrieval quality on a BEIR-layout collection, through the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from corpus_cli.common import ConfigOption, JsonOption, console, print_json, settings_for


def eval_command(
    beir: Annotated[
        Path, typer.Option("--beir", help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.")
    ],
    split: Annotated[
        str, typer.Option("--split", help="Which judgements: qrels/<split>.tsv (test, dev, train).")
    ] = "test",
    k: Annotated[int, typer.Option("--k", min=1, help="Cut-off for nDCG and MRR.")] = 10,
    mode: Annotated[
        str | None, typer.Option(help="dense, lexical or hybrid (default from settings).")
    ] = None,
    baselines: Annotated[
        bool, typer.Option("--baselines/--no-baselines", help="Also measure BM25, dense and RRF k=60.")
    ] = True,
    as_json: JsonOption = False,
    config: ConfigOption = None,
) -> None:
    """Ingest a BEIR collection into a throwaway store and report nDCG@k, Recall@100, MRR@k.

    Records become text files with CSL-JSON sidecars and go through the same ingestion flow
    and search as your own papers; baselines are measured on the same store in the same run.

    Example: corpus eval --beir ../shared/data/benchmarks/cacm --json
    """
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    from evaluation.retrieval import evaluate_beir

    report = evaluate_beir(
        beir,
        settings_for(None, config),
        k=k,
        mode=mode,
        config=config,
        baselines=baselines,
        split=split,
    )
    if as_json:
        print_json(report.to_dict())
    else:
        console.print(report.summary(), highlight=False, markup=False, soft_wrap=True)
