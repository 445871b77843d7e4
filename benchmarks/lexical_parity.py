"""Lexical parity: the tantivy index against the bm25s BM25 it replaced, and the cost of small updates.

Part 1 indexes every record of a BEIR-layout collection (title + blank line + text) as one
entry in (a) `indexing.lexical.LexicalIndex` (tantivy) and (b) bm25s with the old index's
settings (k1=1.2, b=0.75, Lucene's English stop words, Snowball English stemmer via
PyStemmer), runs every judged query through both 100 deep, and prints nDCG@10, Recall@100
and MRR@10 (ranx), how far the two top-10s agree, and query latency p50/p95, in one run.

Part 2 times adding one entry and committing into an empty tantivy index and into one of
`--synthetic` synthetic entries (Zipf-distributed words, 120-word chunks), and prints the
ratio, plus the index's size on disk per 100k entries.

    .venv/bin/python benchmarks/lexical_parity.py ../shared/data/benchmarks/cacm
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from ranx import Qrels, Run, evaluate

from indexing.lexical import LexicalEntry, LexicalIndex

DEPTH = 100
METRICS = ["ndcg@10", "recall@100", "mrr@10"]
K1, B = 1.2, 0.75
_STEMMER = Stemmer.Stemmer("english")


def bm25s_tokenize(texts: list[str]) -> list[list[str]]:
    """The old index's analysis: lower-cased, stop-word-free, stemmed tokens per text."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False)


class Bm25sBaseline:
    """The retired bm25s index, reduced to what the comparison needs."""

    def __init__(self, ids: list[str], texts: list[str]) -> None:
        self.ids = ids
        self.retriever = bm25s.BM25(k1=K1, b=B)
        self.retriever.index(bm25s_tokenize(texts), show_progress=False)

    def query(self, text: str, n: int) -> list[tuple[str, float]]:
        tokens = [t for t in bm25s_tokenize([text])[0] if t in self.retriever.vocab_dict]
        if not tokens:
            return []
        docs, scores = self.retriever.retrieve(
            [tokens], k=min(n, len(self.ids)), show_progress=False, n_threads=1
        )
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


def load_beir(folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, int]]]:
    """Records (id -> title + blank line + text), judged queries and their qrels."""
    records = {}
    with (folder / "corpus.jsonl").open() as lines:
        for line in lines:
            row = json.loads(line)
            records[row["_id"]] = f"{row.get('title', '')}\n\n{row.get('text', '')}"
    qrels: dict[str, dict[str, int]] = {}
    with (folder / "qrels" / "test.tsv").open() as lines:
        next(lines)
        for line in lines:
            qid, did, score = line.rstrip("\n").split("\t")
            if int(score) > 0:
                qrels.setdefault(qid, {})[did] = int(score)
    queries = {}
    with (folder / "queries.jsonl").open() as lines:
        for line in lines:
            row = json.loads(line)
            if row["_id"] in qrels:
                queries[row["_id"]] = row["text"]
    return records, queries, qrels


def run_queries(
    search: Callable[[str, int], list[tuple[str, float]]], queries: dict[str, str]
) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Every query's top DEPTH hits and each query's latency in milliseconds (one warm-up pass first)."""
    for text in queries.values():
        search(text, DEPTH)
    run, latencies = {}, []
    for qid, text in queries.items():
        start = time.perf_counter()
        hits = search(text, DEPTH)
        latencies.append((time.perf_counter() - start) * 1000)
        run[qid] = dict(hits)
    return run, latencies


def metrics(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]]) -> dict[str, float]:
    """ranx means over the judged queries (a query with no hit scores 0)."""
    scores = evaluate(Qrels.from_dict(qrels), Run.from_dict(run), METRICS, make_comparable=True)
    assert isinstance(scores, dict)
    return {name: float(value) for name, value in scores.items()}


def top10_overlap(a: dict[str, dict[str, float]], b: dict[str, dict[str, float]]) -> float:
    """Mean share of each query's top 10 that the two runs have in common."""
    shares = []
    for qid in a:
        top_a = set(sorted(a[qid], key=lambda d: -a[qid][d])[:10])
        top_b = set(sorted(b.get(qid, {}), key=lambda d: -b[qid][d])[:10])
        shares.append(len(top_a & top_b) / max(len(top_a | top_b), 1))
    return statistics.fmean(shares)


def parity(folder: Path, workdir: Path) -> None:
    """Part 1: the same records and queries through both indexes."""
    records, queries, qrels = load_beir(folder)
    ids, texts = list(records), list(records.values())
    start = time.perf_counter()
    tantivy_index = LexicalIndex(workdir / "cacm")
    tantivy_index.add(LexicalEntry(rid, rid, text) for rid, text in records.items())
    tantivy_index.commit()
    tantivy_build = time.perf_counter() - start
    start = time.perf_counter()
    baseline = Bm25sBaseline(ids, texts)
    bm25s_build = time.perf_counter() - start
    runs = {
        "tantivy": run_queries(tantivy_index.query, queries),
        "bm25s": run_queries(baseline.query, queries),
    }
    tantivy_index.close()
    print(f"\n{folder.name}: {len(records)} records, {len(queries)} judged queries, {DEPTH} deep")
    print(f"index build: tantivy {tantivy_build:.2f} s, bm25s {bm25s_build:.2f} s\n")
    print("| index | " + " | ".join(METRICS) + " | p50 ms | p95 ms |")
    print("|---|" + "---:|" * (len(METRICS) + 2))
    for name, (run, latencies) in runs.items():
        figures = metrics(qrels, run)
        p50, p95 = np.percentile(latencies, [50, 95])
        cells = " | ".join(f"{figures[m]:.3f}" for m in METRICS)
        print(f"| {name} | {cells} | {p50:.2f} | {p95:.2f} |")
    overlap = top10_overlap(runs["tantivy"][0], runs["bm25s"][0])
    print(f"\nmean top-10 overlap (Jaccard) tantivy vs bm25s: {overlap:.3f}")


def synthetic_entries(count: int, seed: int = 7) -> list[LexicalEntry]:
    """`count` chunks of 120 Zipf-distributed words from a 50k-word vocabulary, 10 chunks per document."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(50_000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    words = rng.choices(vocabulary, weights=weights, k=count * 120)
    return [
        LexicalEntry(f"syn{i // 10}:{i % 10}", f"syn{i // 10}", " ".join(words[i * 120 : (i + 1) * 120]))
        for i in range(count)
    ]


def add_one_and_commit(index: LexicalIndex, tag: str, repeats: int) -> float:
    """Median seconds to add one new entry and commit (the writer already open)."""
    index.delete_documents(["warm-up"])
    index.commit()
    times = []
    for i in range(repeats):
        entry = LexicalEntry(f"{tag}{i}:0", f"{tag}{i}", f"one new document number {i} about tidal energy")
        start = time.perf_counter()
        index.add([entry])
        index.commit()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def size_on_disk(folder: Path) -> int:
    """Bytes of all files in `folder`."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def update_cost(workdir: Path, count: int, repeats: int) -> None:
    """Part 2: adding one document to an empty index and to a large one."""
    empty = LexicalIndex(workdir / "empty")
    empty_seconds = add_one_and_commit(empty, "e", repeats)
    empty.close()
    entries = synthetic_entries(count)
    large = LexicalIndex(workdir / "large")
    start = time.perf_counter()
    large.add(entries)
    large.commit()
    large.close()
    build_seconds = time.perf_counter() - start
    size = size_on_disk(workdir / "large")
    large = LexicalIndex(workdir / "large")
    large_seconds = add_one_and_commit(large, "n", repeats)
    large.close()
    print(f"\nsynthetic: {count} entries of 120 words indexed and committed in {build_seconds:.1f} s")
    print(
        f"add one entry + commit, median of {repeats}: empty index {empty_seconds * 1000:.1f} ms, "
        f"{count}-entry index {large_seconds * 1000:.1f} ms, ratio {large_seconds / empty_seconds:.2f}"
    )
    per_100k = size / count * 1e5 / 2**20
    print(f"index size on disk: {size / 2**20:.1f} MiB for {count} entries = {per_100k:.1f} MiB per 100k")


def main() -> None:
    """Run both parts and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("collection", type=Path, nargs="?", default=Path("../shared/data/benchmarks/cacm"))
    parser.add_argument("--synthetic", type=int, default=100_000, help="entries in the large index")
    parser.add_argument("--repeats", type=int, default=9, help="add-one-and-commit timings per index")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="unsafe cast")  # ranx's numba kernels, harmless
    nproc = len(os.sched_getaffinity(0))
    print(f"machine: nproc {nproc} ({os.cpu_count()} CPUs), tantivy writer num_threads=1")
    with tempfile.TemporaryDirectory(prefix="lexical-parity-") as tmp:
        parity(args.collection, Path(tmp))
        update_cost(Path(tmp), args.synthetic, args.repeats)


if __name__ == "__main__":
    main()
