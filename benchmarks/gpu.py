"""Encode and ingest rates on a CUDA GPU, each against raw sentence-transformers in the same run.

A GPU encodes all-MiniLM-L6-v2 40-100 times faster than 2 CPU cores (an H200: ~2,400 chunk
texts/s), so what a run costs beside the model (reading, cleaning, chunking, writing)
decides its speed there. Five parts, each printing one JSON line per figure and a table at
the end:

    python benchmarks/gpu.py texts OUT.json [--count N]   # chunk texts of the seeds and shared PDFs
    python benchmarks/gpu.py encode --model DIR --texts OUT.json
    python benchmarks/gpu.py ingest --model DIR --cacm DIR FILE...
    python benchmarks/gpu.py write --cacm DIR [--chunks N]   # scale.py's write builds, no model
    python benchmarks/gpu.py parse --model DIR --workers 4 8 FILE...   # the run without encoding

`encode`: `SentenceTransformer.encode` on the GPU at batch sizes 32-1024 (fp32, and fp16
for the speed and the cosine it would give), then the project's embedder
(`indexing.embedder.make_embedder`, `device = "auto"`, which picks the GPU) alternated with
raw encode at the batch size it uses; the median ratio is the share of the model's speed
the embedder keeps; and `embed_query` latency. `ingest`: the run loop (`indexing.run.ingest`,
no Prefect, `embedding.device = "cuda"`; the shipped default is "cpu") on the given files and
on a BEIR collection written as one text file per record, against raw encode of exactly the
passage texts it stored (model loaded on both sides, its load timed apart), and the same run
with one constant vector per passage (the run's cost beside the model). `write`: the write
path against raw Chroma on that machine's cores, as `benchmarks/scale.py` builds it (no
model). `parse`: the run without encoding with each number of parsing processes
(`runner.prepare_workers`); the model folder's tokenizer is all it reads.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import machine  # noqa: E402

DEVICE = "cuda"
"""Where raw sentence-transformers encodes; `--cpu` tries the script here on the CPU."""
BATCHES = (32, 64, 128, 256, 512, 1024)
ROWS: list[tuple[str, str]] = []


def report(name: str, **figures: Any) -> None:
    """Print one figure as a JSON line and keep it for the closing table."""
    print(json.dumps({"figure": name, **figures}), flush=True)
    ROWS.append((name, ", ".join(f"{k}={v}" for k, v in figures.items())))


def gpu() -> str:
    """The CUDA device and the library versions that run on it."""
    import sentence_transformers
    import torch
    import transformers

    name = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA device"
    return (
        f"{name}; torch {torch.__version__}, transformers {transformers.__version__}, "
        f"sentence-transformers {sentence_transformers.__version__}"
    )


def timed_encode(model: Any, texts: list[str], batch: int) -> tuple[float, Any]:
    """Seconds to encode `texts` (normalised, to numpy) and the vectors."""
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()
    started = time.perf_counter()
    vectors = model.encode(
        texts, batch_size=batch, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return time.perf_counter() - started, vectors


def median_rate(model: Any, texts: list[str], batch: int, repeat: int) -> tuple[int, Any]:
    """Texts per second of the median of `repeat` encodes, and the last vectors."""
    runs = []
    for _ in range(repeat):
        seconds, vectors = timed_encode(model, texts, batch)
        runs.append(seconds)
    return round(len(texts) / statistics.median(runs)), vectors


def cacm_files(collection: Path) -> Path:
    """A new folder holding a BEIR collection written as one text file per record."""
    from evaluation.beir import load_beir, write_records

    folder = Path(tempfile.mkdtemp(prefix="gpu-cacm-files-"))
    write_records(load_beir(collection).records, folder)
    return folder


def cosines(a: Any, b: Any) -> tuple[float, float]:
    """Mean and minimum row cosine of two normalised matrices."""
    import numpy as np

    rows = np.sum(np.asarray(a, dtype=np.float64) * np.asarray(b, dtype=np.float64), axis=1)
    return round(float(rows.mean()), 6), round(float(rows.min()), 6)


def tokenize_rate(model: Any, texts: list[str]) -> None:
    """Report how fast the model's tokenizer alone turns `texts` into a padded batch (CPU work)."""
    started = time.perf_counter()
    model.tokenize(texts)
    seconds = time.perf_counter() - started
    parallel = os.environ.get("TOKENIZERS_PARALLELISM", "default")
    report("tokenize_only", parallel=parallel, texts_per_s=round(len(texts) / seconds))


def chunk_texts_command(args: argparse.Namespace) -> None:
    """Write the chunk texts of the seeds and the shared text PDFs to a JSON file."""
    from encoders import chunk_texts

    from corpus_core.settings import load_settings
    from indexing.embedder import SentenceTransformerEmbedder

    counter = SentenceTransformerEmbedder(load_settings().embedding)
    texts = chunk_texts(args.count, counter)
    args.out.write_text(json.dumps(texts))
    print(f"{len(texts)} chunk texts -> {args.out}")


def encode_command(args: argparse.Namespace) -> None:
    """Raw encode at each batch size, fp16, the project's embedder against raw, query latency.

    Raw encode runs first as a user's script would, with the tokenizer's own thread pool. The
    project's embedder module sets TOKENIZERS_PARALLELISM=false on import and turns it on
    when it loads the model for a GPU (`indexing.embedder.tokenize_in_parallel`); raw encode
    is measured again beside the embedder, under the same setting.
    """
    import torch
    from sentence_transformers import SentenceTransformer

    base = json.loads(args.texts.read_text())
    texts = [base[i % len(base)] for i in range(args.count)]
    raw = SentenceTransformer(str(args.model), device=DEVICE)
    timed_encode(raw, texts[:2048], 128)
    tokenize_rate(raw, texts)
    reference = None
    for batch in args.batches:
        rate, vectors = median_rate(raw, texts, batch, args.repeat)
        if batch == 128:
            reference = vectors
        report("raw_fp32", batch=batch, texts_per_s=rate)

    half = SentenceTransformer(str(args.model), device=DEVICE)
    half.half()
    for batch in [b for b in (128, 512) if b in args.batches]:
        rate, vectors16 = median_rate(half, texts, batch, args.repeat)
        mean, low = cosines(vectors16, reference)
        report("raw_fp16", batch=batch, texts_per_s=rate, cos_mean=mean, cos_min=low)
    del half
    if torch.cuda.is_available():
        torch.cuda.empty_cache()

    from corpus_core.settings import EmbeddingSettings
    from indexing.embedder import make_embedder

    tokenize_rate(raw, texts)
    settings = EmbeddingSettings(model=str(args.model), device="auto" if DEVICE == "cuda" else "cpu")
    embedder = make_embedder(settings)
    loaded = embedder.warm_up()
    device = str(getattr(loaded, "device", "?"))
    batch = settings.batch_for(device.split(":")[0])
    embedder.embed_passages(texts[:2048])
    ratios, ours_runs, raw_runs = [], [], []
    for _ in range(args.repeat):
        raw_s, raw_vectors = timed_encode(raw, texts, batch)
        started = time.perf_counter()
        ours = embedder.embed_passages(texts)
        ours_s = time.perf_counter() - started
        raw_runs.append(raw_s)
        ours_runs.append(ours_s)
        ratios.append(raw_s / ours_s)
    mean, low = cosines(ours, raw_vectors)
    report(
        "embedder_vs_raw",
        embedder=type(embedder).__name__,
        device=device,
        batch=batch,
        ours_texts_per_s=round(len(texts) / statistics.median(ours_runs)),
        raw_texts_per_s=round(len(texts) / statistics.median(raw_runs)),
        ratio_median=round(statistics.median(ratios), 3),
        cos_mean=mean,
        cos_min=low,
    )
    queries = [" ".join(t.split()[:8]) for t in base[:200]]
    for query in queries[:10]:
        embedder.embed_query(query)
    latencies = []
    for query in queries:
        started = time.perf_counter()
        embedder.embed_query(query)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    report(
        "embed_query_ms",
        p50=round(statistics.median(latencies), 2),
        p95=round(latencies[int(0.95 * (len(latencies) - 1))], 2),
    )


class WithoutModel:
    """The real embedder's tokenizer (so chunks come out the same) with one constant vector per passage.

    A run with it costs everything but the encoding: the rest of the run's time.
    """

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder
        self.name = embedder.name

    def embed_passages(self, texts: list[str]) -> Any:
        import numpy as np

        vectors = np.zeros((len(texts), 384), dtype=np.float32)
        vectors[:, 0] = 1.0
        return vectors

    def embed_query(self, text: str) -> Any:
        return self._embedder.embed_query(text)

    def count_tokens(self, texts: list[str]) -> list[int]:
        return list(self._embedder.count_tokens(texts))

    def warm_up(self) -> object:
        return None


def ingest_once(files: list[Path], model: Path, label: str) -> None:
    """Run-loop ingests of `files` into new stores, with the GPU embedder and without encoding,
    and raw encode of the passages the first stored."""
    from ingest import passage_texts
    from sentence_transformers import SentenceTransformer

    from corpus_core.settings import load_settings
    from indexing.embedder import make_embedder
    from indexing.run import ingest

    os.environ["CORPUS_EMBEDDING__MODEL"] = str(model)
    os.environ["CORPUS_EMBEDDING__DEVICE"] = DEVICE
    stores = [Path(tempfile.mkdtemp(prefix=f"gpu-{label}-")) for _ in range(2)]
    settings = load_settings(store=stores[0])
    embedder = make_embedder(settings.embedding)
    load_s = time.perf_counter()
    embedder.warm_up()
    load_s = time.perf_counter() - load_s
    started = time.perf_counter()
    result = ingest(settings, files, embedder=embedder)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    ingest(load_settings(store=stores[1]), files, embedder=WithoutModel(embedder))
    rest_s = time.perf_counter() - started
    texts = passage_texts(stores[0])
    raw_load = time.perf_counter()
    raw = SentenceTransformer(str(model), device=DEVICE)
    raw_load = time.perf_counter() - raw_load
    timed_encode(raw, texts[:256], 128)
    encode_s, _ = timed_encode(raw, texts, settings.embedding.batch_for(DEVICE))
    report(
        f"ingest_{label}",
        inputs=len(files),
        outcomes=dict(collections.Counter(o.status for o in result.outcomes)),
        chunks=len(texts),
        ingest_s=round(ingest_s, 2),
        chunks_per_s=round(len(texts) / ingest_s),
        without_encoding_s=round(rest_s, 2),
        raw_encode_s=round(encode_s, 2),
        raw_chunks_per_s=round(len(texts) / encode_s),
        ratio_warm=round(encode_s / ingest_s, 3),
        ratio_with_load=round((encode_s + raw_load) / (ingest_s + load_s), 3),
        model_load_s=round(load_s, 2),
    )
    for store in stores:
        shutil.rmtree(store, ignore_errors=True)


def ingest_command(args: argparse.Namespace) -> None:
    """The run loop on the given files, then on a BEIR collection written as text files."""
    ingest_once(args.files, args.model, "files")
    if args.cacm:
        ingest_once([cacm_files(args.cacm)], args.model, "cacm")


def write_command(args: argparse.Namespace) -> None:
    """`benchmarks/scale.py`'s builds (stand-in vectors, no model): the write path against raw Chroma."""
    import scale

    scale.CACM = args.cacm
    with tempfile.TemporaryDirectory(prefix="gpu-write-") as tmp:
        writes, ratios = scale.build_repeated(Path(tmp) / "store", args.chunks, 1024, args.repeat)
    report(
        "write_path_stand_in_vectors",
        chunks=args.chunks,
        write_rate=round(writes["write_rate"]),
        raw_chroma_rate=round(writes["raw_chroma_rate"]),
        ratio_median=round(statistics.median(ratios), 3),
        builds=[round(r, 3) for r in ratios],
    )


def parse_command(args: argparse.Namespace) -> None:
    """The run without encoding, with each number of parsing processes in turn, `--repeat` rounds."""
    from corpus_core.settings import load_settings
    from indexing.embedder import make_embedder
    from indexing.run import ingest

    os.environ["CORPUS_EMBEDDING__MODEL"] = str(args.model)
    inputs = list(args.files) + ([cacm_files(args.cacm)] if args.cacm else [])
    seconds: dict[int, list[float]] = {n: [] for n in args.workers}
    chunks = 0
    for _ in range(args.repeat):
        for workers in args.workers:
            os.environ["CORPUS_RUNNER__PREPARE_WORKERS"] = str(workers)
            settings = load_settings(store=Path(tempfile.mkdtemp(prefix="gpu-parse-")))
            started = time.perf_counter()
            result = ingest(settings, inputs, embedder=WithoutModel(make_embedder(settings.embedding)))
            seconds[workers].append(time.perf_counter() - started)
            chunks = result.chunks
            print(f"{workers} parsing processes: {seconds[workers][-1]:.2f} s, {chunks} chunks", flush=True)
            shutil.rmtree(settings.store, ignore_errors=True)
    for workers, runs in seconds.items():
        report(
            "run_without_encoding",
            prepare_workers=workers,
            chunks=chunks,
            seconds_median=round(statistics.median(runs), 2),
            runs=[round(r, 2) for r in runs],
        )


def main() -> None:
    """Parse the command line and run one part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = parser.add_subparsers(dest="part", required=True)
    texts = parts.add_parser("texts")
    texts.add_argument("out", type=Path)
    texts.add_argument("--count", type=int, default=512)
    encode = parts.add_parser("encode")
    encode.add_argument("--model", type=Path, required=True)
    encode.add_argument("--texts", type=Path, required=True)
    encode.add_argument("--count", type=int, default=20000)
    encode.add_argument("--repeat", type=int, default=3)
    encode.add_argument("--batches", type=int, nargs="+", default=list(BATCHES), help="raw batch sizes")
    run = parts.add_parser("ingest")
    run.add_argument("--model", type=Path, required=True)
    run.add_argument("--cacm", type=Path)
    run.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--cpu", action="store_true", help="encode on the CPU (to try the script)")
    parse = parts.add_parser("parse")
    parse.add_argument("--model", type=Path, required=True, help="the model folder (its tokenizer is enough)")
    parse.add_argument("--cacm", type=Path)
    parse.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parse.add_argument("--repeat", type=int, default=2)
    parse.add_argument("files", type=Path, nargs="+")
    write = parts.add_parser("write")
    write.add_argument(
        "--cacm", type=Path, required=True, help="the BEIR collection whose words fill the chunks"
    )
    write.add_argument("--chunks", type=int, default=10_000)
    write.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    global DEVICE
    DEVICE = "cpu" if args.cpu else "cuda"
    print(machine())
    if args.part != "texts":
        print(gpu())
    commands = {"texts": chunk_texts_command, "encode": encode_command, "ingest": ingest_command}
    commands.update(write=write_command, parse=parse_command)
    commands[args.part](args)
    print("\n| figure | values |\n| --- | --- |")
    for name, values in ROWS:
        print(f"| {name} | {values} |")


if __name__ == "__main__":
    main()
