"""Library-size benchmark: build stores of 10k and 100k chunks through the real write path, then measure.

    .venv/bin/python benchmarks/scale.py                       # 10k and 100k, temporary stores
    .venv/bin/python benchmarks/scale.py --chunks 100000 --store /tmp/s100k   # one size, store kept

What is real and what stands in:
- The documents are synthetic (word sequences drawn from the CACM collection's vocabulary,
  40 chunks per document, random years and authors) and skip the corpus stage (no parsing);
  they go through `Ingestor.write`: the catalog, Chroma and the tantivy index, two-phase.
- Their vectors come from a DETERMINISTIC STAND-IN EMBEDDER (random unit vectors of the
  model's dimension, 384), so dense results are meaningless; only timings mean something.
  The store records the bundled model, so `corpus search` and `corpus ingest` open it
  like any other store, and queries are encoded by the real model.

Printed, each with its same-run baseline where one applies:
- write rate (chunks/s) of `Ingestor.write`, and raw Chroma's rate upserting the same ids,
  vectors and metadata in the same batches into a fresh collection; the ratio; the rate of
  the first and the last tenth of the build (flat as N grows?). One build's ratio moves by
  +-5 points on a shared 2-core machine, so sizes up to 20,000 chunks are built `--repeat`
  times (default 3; the earlier builds into temporary stores) and the median ratio is the
  one reported, with each build's (rates and tenths are the last build's); larger sizes
  are built once unless `--repeat` is given;
- cost of adding one real document to the built store and to an empty store, and the
  ratio: the run loop (`indexing.run.ingest` of one text file, stand-in vectors) timed in
  a fresh process, and `corpus ingest` of the same kind of file as a process (the real
  model, the Prefect flow: the user's path); `--add-one STORE` times only this, on a store
  built before (it grows by one document per round);
- user-path query latency (`search_api.Corpus.search(q, k=10)`, citations on, real query
  encoder) p50/p95 per mode, cold (first pass: citations rendered) and warm (second pass),
  every search encoding its query (`embedding.cached_queries = 0`: the second pass and the
  other modes would otherwise reuse the first pass's vectors), measured in a separate
  serve-like process, with that process's peak RSS (the query encoder's ONNX export readied
  before, in a process of its own, as a server finds it after its first start on a machine;
  when that process built it, its peak is printed);
- the store's size on disk by part.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import machine, peak_rss_mb  # noqa: E402

CACM = ROOT.parent / "shared" / "data" / "benchmarks" / "cacm"
DIM = 384
CHUNKS_PER_DOC = 40
WORDS_PER_CHUNK = 150

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


class StandInEmbedder:
    """Deterministic random unit vectors of the model's dimension: NOT the model (timings only)."""

    name = "bundled"

    def _vector(self, text: str) -> np.ndarray:
        rng = np.random.default_rng(abs(hash(text)) % (2**32))
        v = rng.standard_normal(DIM).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, DIM), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(t.split()) for t in texts]

    def warm_up(self) -> None:
        return None


@functools.cache
def vocabulary(collection: Path) -> tuple[list[str], np.ndarray]:
    """The words of a BEIR collection with Zipf-like weights (their frequencies); read once per process."""
    counts: dict[str, int] = {}
    with (collection / "corpus.jsonl").open() as fh:
        for line in fh:
            record = json.loads(line)
            for word in f"{record.get('title', '')} {record.get('text', '')}".lower().split():
                word = word.strip(".,;:()[]\"'")
                if word.isalpha():
                    counts[word] = counts.get(word, 0) + 1
    words = sorted(counts)
    weights = np.array([counts[w] for w in words], dtype=np.float64)
    return words, weights / weights.sum()


def synthetic_batch(first_doc: int, docs: int, words: list[str], weights: np.ndarray, seed: int) -> list:
    """`docs` synthetic Prepared documents (the corpus stage skipped)."""
    from corpus.dedup import signature
    from corpus_core.models import Chunk, Document, Metadata, PageSpan, Person
    from indexing.changes import PlannedFile
    from indexing.prepare import Prepared, with_passage_keys

    rng = np.random.default_rng(seed)
    batch = []
    for d in range(first_doc, first_doc + docs):
        doc_id = f"syn{d:07d}"
        texts = [" ".join(rng.choice(words, WORDS_PER_CHUNK, p=weights)) for _ in range(CHUNKS_PER_DOC)]
        text = "\n\n".join(texts)
        title = " ".join(rng.choice(words, 6, p=weights)).capitalize() + f" ({d})"
        metadata = Metadata(
            title=title,
            authors=[Person(family=str(rng.choice(words)).capitalize(), given="A.")],
            year=int(rng.integers(1960, 2025)),
            venue="Synthetic Journal",
        )
        pages, chunks, offset = [], [], 0
        for i, chunk_text in enumerate(texts):
            start, end = offset, offset + len(chunk_text)
            pages.append(PageSpan(i + 1, start, end, str(i + 1)))
            chunks.append(
                Chunk(f"{doc_id}:{i}", doc_id, i, chunk_text, start, end, i + 1, i + 1, "", str(i + 1))
            )
            offset = end + 2
        document = Document(doc_id, f"synthetic/{doc_id}.txt", doc_id, "txt", text, pages, metadata)
        planned = PlannedFile(document.source, doc_id, doc_id, "new")
        batch.append(with_passage_keys(Prepared(planned, document, chunks, signature(text)), ""))
    return batch


def build(store: Path, total_chunks: int, batch_chunks: int) -> dict[str, float]:
    """Write `total_chunks` synthetic chunks through Ingestor.write; raw Chroma on the same data, same run."""
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    from corpus_core.settings import load_settings
    from indexing.ingest import Ingestor
    from indexing.lock import write_lock

    words, weights = vocabulary(CACM)
    settings = load_settings(store=store)
    docs_per_batch = max(1, batch_chunks // CHUNKS_PER_DOC)
    total_docs = max(1, total_chunks // CHUNKS_PER_DOC)
    raw_dir = Path(tempfile.mkdtemp(prefix="raw-chroma-"))
    raw = chromadb.PersistentClient(str(raw_dir), settings=ChromaClientSettings(anonymized_telemetry=False))
    raw_collection = raw.get_or_create_collection(
        "chunks", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
    )
    embedder = StandInEmbedder()
    ours: list[tuple[int, float]] = []
    baseline: list[tuple[int, float]] = []
    with write_lock(store):
        ingestor = Ingestor(settings, embedder=embedder, prepare_workers=0)  # type: ignore[arg-type]
        run_id = ingestor.catalog.start_run()
        for first in range(0, total_docs, docs_per_batch):
            batch = synthetic_batch(
                first, min(docs_per_batch, total_docs - first), words, weights, seed=first
            )
            vectors = ingestor.embed(batch)
            started = time.perf_counter()
            ingestor.write(batch, vectors)
            ours.append((len(vectors), time.perf_counter() - started))
            chunks = [c for p in batch for c in p.chunks]
            started = time.perf_counter()
            raw_collection.upsert(
                ids=[c.chunk_id for c in chunks],
                embeddings=vectors,
                metadatas=[{"doc_id": c.doc_id, "index": c.index} for c in chunks],
            )
            baseline.append((len(vectors), time.perf_counter() - started))
            done = (first + docs_per_batch) * CHUNKS_PER_DOC
            if (first // docs_per_batch) % 10 == 0:
                print(f"  built {min(done, total_chunks):,} chunks", file=sys.stderr, flush=True)
        ingestor.finish(run_id, [])
        ingestor.close()
    shutil.rmtree(raw_dir, ignore_errors=True)

    def rate(parts: list[tuple[int, float]]) -> float:
        return sum(n for n, _ in parts) / sum(t for _, t in parts)

    tenth = max(1, len(ours) // 10)
    return {
        "write_rate": rate(ours),
        "raw_chroma_rate": rate(baseline),
        "first_tenth_rate": rate(ours[:tenth]),
        "last_tenth_rate": rate(ours[-tenth:]),
        "raw_first_tenth_rate": rate(baseline[:tenth]),
        "raw_last_tenth_rate": rate(baseline[-tenth:]),
    }


ADD_ONE_SCRIPT = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/benchmarks")
from corpus_core.settings import load_settings
from indexing.run import ingest
from scale import StandInEmbedder
settings = load_settings(store=Path(sys.argv[2]))
started = time.perf_counter()
report = ingest(settings, [Path(sys.argv[3])], embedder=StandInEmbedder())
elapsed = time.perf_counter() - started
assert report.count("ingested") == 1, report.outcomes
print(elapsed)
"""


def _one_document(tag: str) -> Path:
    """A folder holding one new real text file (a seed with a line that makes it unique)."""
    seed = ROOT.parent / "shared" / "data" / "seeds" / "001_30eaf569d8f24f46.txt"
    folder = Path(tempfile.mkdtemp(prefix="one-doc-"))
    (folder / f"paper-{tag}.txt").write_text(seed.read_text() + f"\n\nRevision {tag}.\n")
    return folder


def add_one_document(store: Path, tag: str) -> float:
    """Seconds of one ingestion run (the run loop, stand-in vectors) adding one real text file.

    In a fresh process, as a scheduled run is: the first Chroma operation of a process loads
    the collection's HNSW index (about 0.45 s at 100k chunks here), which a process that has
    just built the store would not pay again.
    """
    folder = _one_document(tag)
    seconds = float(_run_script(ADD_ONE_SCRIPT, str(store), str(folder)))
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def _run_script(script: str, *args: str) -> str:
    """Run `script` in a fresh Python process (offline, this checkout importable); its last line of output."""
    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def add_one_document_cli(store: Path, tag: str) -> float:
    """Wall seconds of `corpus ingest FOLDER --store STORE` as a process (real model, Prefect flow)."""
    folder = _one_document(tag)
    corpus = Path(sys.executable).parent / "corpus"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        [str(corpus), "ingest", str(folder), "--store", str(store)], capture_output=True, text=True, env=env
    )
    elapsed = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    assert result.returncode == 0 and "1 ingested" in result.stdout, result.stdout + result.stderr
    return elapsed


QUERY_SCRIPT = r"""
import json, os, sys, time
from pathlib import Path
os.environ["CORPUS_EMBEDDING__CACHED_QUERIES"] = "0"  # each search encodes its query, as a new one does
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/benchmarks")
from machine import peak_rss_mb
from search_api import Corpus
queries = json.loads(Path(sys.argv[3]).read_text())
corpus = Corpus(sys.argv[2])
corpus.warm_up()  # as `corpus serve` does at start: indexes open, query encoder ready
corpus.search("warm up the model", k=10)
out = {}
for mode in ("hybrid", "dense", "lexical"):
    for phase in ("cold", "warm"):
        times = []
        for q in queries:
            t = time.perf_counter()
            corpus.search(q, k=10, mode=mode)
            times.append(time.perf_counter() - t)
        out[f"{mode}/{phase}"] = times
out["peak_rss_mb"] = peak_rss_mb()
print(json.dumps(out))
"""


PREPARE_SCRIPT = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/benchmarks")
from machine import peak_rss_mb
from corpus_core.settings import load_settings
from indexing.onnx_embedder import OnnxEmbedder
from search_api import Corpus
settings = load_settings(store=Path(sys.argv[2]))
cached = OnnxEmbedder(settings.embedding, precision="fp32").is_cached()
Corpus(sys.argv[2]).warm_up()
print(json.dumps({"built": not cached, "peak_rss_mb": peak_rss_mb()}))
"""


def query_latency(store: Path, queries: int) -> dict[str, object]:
    """p50/p95 of Corpus.search(q, k=10) per mode in a fresh serve-like process, and its peak RSS.

    The query encoder's ONNX export is built once per machine (`indexing.query_encoder`) and
    the process that builds it peaks at about twice a server's memory. A process of its own
    readies it first, so the serve-like figure is the steady one; when that process did
    build the export, its peak is reported as `first_start_rss_mb`.
    """
    texts = [json.loads(line)["text"] for line in (CACM / "queries.jsonl").read_text().splitlines()][:queries]
    qfile = Path(tempfile.mkstemp(suffix=".json")[1])
    qfile.write_text(json.dumps(texts))
    prepared = json.loads(_run_script(PREPARE_SCRIPT, str(store)))
    data = json.loads(_run_script(QUERY_SCRIPT, str(store), str(qfile)))
    summary: dict[str, object] = {"peak_rss_mb": round(data.pop("peak_rss_mb"))}
    if prepared["built"]:
        summary["first_start_rss_mb"] = round(prepared["peak_rss_mb"])
    for key, times in data.items():
        ms = np.array(times) * 1000
        summary[key] = (round(float(np.percentile(ms, 50)), 1), round(float(np.percentile(ms, 95)), 1))
    return summary


def disk(store: Path) -> dict[str, float]:
    """MB on disk per part of the store."""
    sizes = {}
    for part in sorted(store.iterdir()):
        files = [part] if part.is_file() else [p for p in part.rglob("*") if p.is_file()]
        sizes[part.name] = round(sum(f.stat().st_size for f in files) / 1e6, 1)
    return sizes


def add_one(store: Path, rounds: int) -> dict[str, float]:
    """Median cost of adding one new document to `store` and to an empty store, alternating.

    Each round adds a different file (the stores grow by one document per round).
    """
    big, small, big_cli, small_cli = [], [], [], []
    for i in range(rounds):
        tag = f"{i}-{time.time_ns()}"
        empty = Path(tempfile.mkdtemp(prefix="empty-store-"))
        small.append(add_one_document(empty / "store", f"e{tag}"))
        big.append(add_one_document(store, f"b{tag}"))
        small_cli.append(add_one_document_cli(empty / "cli-store", f"ce{tag}"))
        big_cli.append(add_one_document_cli(store, f"cb{tag}"))
        shutil.rmtree(empty, ignore_errors=True)
        print(
            f"round {i}: run loop {big[-1]:.3f} / {small[-1]:.3f} s, "
            f"corpus ingest {big_cli[-1]:.2f} / {small_cli[-1]:.2f} s (store / empty)",
            flush=True,
        )
    median = statistics.median
    return {
        "add_one_doc_s_store": round(median(big), 3),
        "add_one_doc_s_empty": round(median(small), 3),
        "add_one_doc_ratio": round(median(big) / median(small), 3),
        "add_one_doc_cli_s_store": round(median(big_cli), 2),
        "add_one_doc_cli_s_empty": round(median(small_cli), 2),
        "add_one_doc_cli_ratio": round(median(big_cli) / median(small_cli), 3),
    }


REPEAT_UP_TO = 20_000
"""Sizes up to this many chunks are built `--repeat` times by default; larger ones once."""


def build_repeated(store: Path, chunks: int, batch: int, repeat: int) -> tuple[dict[str, float], list[float]]:
    """`build` `repeat` times (the earlier builds into temporary stores, the last into `store`).

    Returns the last build's figures and every build's ratio of write rate to raw Chroma's.
    """

    def ratio(writes: dict[str, float]) -> float:
        return writes["write_rate"] / writes["raw_chroma_rate"]

    ratios = []
    for _ in range(repeat - 1):
        with tempfile.TemporaryDirectory(prefix=f"scale-{chunks}-extra-") as tmp:
            ratios.append(ratio(build(Path(tmp) / "store", chunks, batch)))
    writes = build(store, chunks, batch)
    return writes, [*ratios, ratio(writes)]


def run_size(chunks: int, store: Path, batch: int, queries: int, repeat: int) -> dict[str, object]:
    print(f"== {chunks:,} chunks into {store}", flush=True)
    started = time.perf_counter()
    writes, ratios = build_repeated(store, chunks, batch, repeat)
    build_s = time.perf_counter() - started
    latency = query_latency(store, queries)
    result: dict[str, object] = {
        "chunks": chunks,
        "build_s": round(build_s, 1),
        **{k: round(v, 1) for k, v in writes.items()},
        "write_vs_raw_chroma": round(statistics.median(ratios), 3),
        "write_vs_raw_chroma_builds": [round(r, 3) for r in ratios],
        **add_one(store, rounds=3),
        "latency_ms_p50_p95": latency,
        "disk_mb": disk(store),
    }
    print(json.dumps(result, indent=2), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--chunks", type=int, action="append", help="store size(s) (default 10000 and 100000)"
    )
    parser.add_argument("--store", type=Path, help="with one --chunks: build here and keep the store")
    parser.add_argument("--batch", type=int, default=1024, help="chunks per write batch (default 1024)")
    parser.add_argument("--queries", type=int, default=52, help="CACM queries timed per mode")
    parser.add_argument(
        "--add-one",
        type=Path,
        metavar="STORE",
        help="only time adding one document to this existing store (it grows) against an empty store",
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="with --add-one: alternating rounds (default 5)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        help=f"builds per size, median ratio reported (default 3 up to {REPEAT_UP_TO:,} chunks, else 1)",
    )
    args = parser.parse_args()
    if args.add_one:
        print(f"machine: {machine()}")
        print(json.dumps(add_one(args.add_one, args.rounds), indent=2))
        return
    sizes = args.chunks or [10_000, 100_000]

    def repeat(size: int) -> int:
        if args.repeat is not None:
            return max(1, args.repeat)
        return 3 if size <= REPEAT_UP_TO else 1

    print(f"machine: {machine()}")
    print("vectors: DETERMINISTIC STAND-IN EMBEDDER (random unit vectors, dim 384); queries: the real model")
    results = []
    for size in sizes:
        if args.store and len(sizes) == 1:
            if args.store.exists():
                sys.exit(f"{args.store} exists; give a new directory")
            results.append(run_size(size, args.store, args.batch, args.queries, repeat(size)))
        else:
            with tempfile.TemporaryDirectory(prefix=f"scale-{size}-") as tmp:
                results.append(run_size(size, Path(tmp) / "store", args.batch, args.queries, repeat(size)))
    print(
        "\n| chunks | write/s | raw Chroma/s | ratio: median (each build) | first/last tenth "
        "| add 1 doc: store / empty (ratio) "
        "| `corpus ingest` of 1 doc: store / empty (ratio) | hybrid p50/p95 warm | dense | lexical "
        "| peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        lat, builds = r["latency_ms_p50_p95"], r["write_vs_raw_chroma_builds"]
        assert isinstance(lat, dict) and isinstance(builds, list)
        print(
            f"| {r['chunks']:,} | {r['write_rate']:,.0f} | {r['raw_chroma_rate']:,.0f} "
            f"| {r['write_vs_raw_chroma']} ({', '.join(map(str, builds))}) "
            f"| {r['first_tenth_rate']:,.0f} / {r['last_tenth_rate']:,.0f} "
            f"| {r['add_one_doc_s_store']} s / {r['add_one_doc_s_empty']} s ({r['add_one_doc_ratio']}) "
            f"| {r['add_one_doc_cli_s_store']} s / {r['add_one_doc_cli_s_empty']} s "
            f"({r['add_one_doc_cli_ratio']}) "
            f"| {lat['hybrid/warm']} | {lat['dense/warm']} | {lat['lexical/warm']} | {lat['peak_rss_mb']} |"
        )
    for r in results:
        lat = r["latency_ms_p50_p95"]
        assert isinstance(lat, dict)
        if "first_start_rss_mb" in lat:
            print(
                f"{r['chunks']:,}: the query encoder's ONNX export was built first (once per machine), "
                f"in a process that peaked at {lat['first_start_rss_mb']} MB"
            )
    print(f"peak RSS of this benchmark process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    random.seed(0)
    main()
