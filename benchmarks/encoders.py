"""Encoder speed and agreement: raw sentence-transformers (torch) against the onnx-int8 backend.

Chunks the seed texts and a few shared PDFs through the project's own pipeline, then encodes
the same N chunk texts with `SentenceTransformer.encode(texts, batch_size=B)` (B: the
configured `embedding.batch_size`, 16 on a CPU) and with `OnnxEmbedder.embed_passages`,
alternating (torch, onnx, torch, onnx, ...) so that load from other work on shared cores
hits both alike. Prints texts/s and words/s (medians), the median of the per-repetition speed
ratios, and the mean and minimum cosine between the vectors.

    .venv/bin/python benchmarks/encoders.py --texts 256 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.errors import CorpusError
from corpus_core.settings import load_settings
from indexing.embedder import SentenceTransformerEmbedder, resolve_model
from indexing.onnx_embedder import OnnxEmbedder

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
PDFS = ["GeoTopo-komprimiert.pdf", "multicolumn.pdf", "pdflatex-4-pages.pdf"]


def machine() -> str:
    """Core count and CPU model, for the first line."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"machine: nproc={os.cpu_count()} cpu={model}"


def chunk_texts(count: int, counter: SentenceTransformerEmbedder) -> list[str]:
    """`count` chunk texts spread evenly over every chunk of the seeds and the chosen PDFs."""
    settings = load_settings()
    paths = sorted((SHARED / "seeds").glob("*.txt")) + [SHARED / "pdfs" / name for name in PDFS]
    texts: list[str] = []
    for path in paths:
        try:
            document = prepare_document(load_file(path, settings.loading), settings)
        except CorpusError as exc:
            print(f"skipped {path.name}: {exc}")
            continue
        texts += [chunk.text for chunk in chunk_document(document, counter.count_tokens, 200, 32)]
    if len(texts) < count:
        raise SystemExit(f"only {len(texts)} chunks available, asked for {count}")
    step = len(texts) / count
    return [texts[int(i * step)] for i in range(count)]


def main() -> None:
    """Run the alternating benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    print(machine())

    settings = load_settings().embedding
    torch_embedder = SentenceTransformerEmbedder(settings)
    texts = chunk_texts(args.texts, torch_embedder)
    words = sum(len(t.split()) for t in texts)
    tokens = sum(torch_embedder.count_tokens(texts))
    print(f"{len(texts)} chunk texts, {words} words, {tokens} tokens; model {resolve_model(settings.model)}")

    model = torch_embedder.warm_up()
    onnx_embedder = OnnxEmbedder(settings, cache_dir=args.cache_dir)
    started = time.perf_counter()
    onnx_embedder.warm_up()
    print(f"onnx-int8 ready in {time.perf_counter() - started:.1f} s: {onnx_embedder.model_file}")

    batch = settings.batch_for("cpu")
    reference = np.asarray(model.encode(texts, batch_size=batch, normalize_embeddings=True))
    vectors = onnx_embedder.embed_passages(texts)
    cosines = (reference * vectors).sum(axis=1)

    torch_times: list[float] = []
    onnx_times: list[float] = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        model.encode(texts, batch_size=batch)
        torch_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        onnx_embedder.embed_passages(texts)
        onnx_times.append(time.perf_counter() - started)

    ratios = [t / o for t, o in zip(torch_times, onnx_times, strict=True)]
    print(f"{'encoder':<12} {'median s':>9} {'texts/s':>9} {'words/s':>9}  runs (s)")
    for name, times in (("torch", torch_times), ("onnx-int8", onnx_times)):
        median = statistics.median(times)
        runs = " ".join(f"{t:.2f}" for t in times)
        print(f"{name:<12} {median:>9.2f} {len(texts) / median:>9.1f} {words / median:>9.0f}  {runs}")
    print(
        f"speed ratio onnx-int8/torch: median {statistics.median(ratios):.2f}x "
        f"(per repetition: {' '.join(f'{r:.2f}' for r in ratios)})"
    )
    print(f"cosine to torch vectors: mean {cosines.mean():.4f}, min {cosines.min():.4f}")


if __name__ == "__main__":
    main()
