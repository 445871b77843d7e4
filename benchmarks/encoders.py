"""Encoder speed and agreement: raw sentence-transformers (torch) against the ONNX encoders.

Chunks the seed texts and a few shared PDFs through the project's own pipeline, then encodes
the same N chunk texts with `SentenceTransformer.encode(texts, batch_size=B)` (B: the
configured `embedding.batch_size`, 16 on a CPU), with the onnx-int8 backend and with the
exact fp32 export that encodes the torch backend's passages on a CPU
(`indexing.passage_encoder`), in turn (torch, int8, fp32, torch, ...) so that load from
other work on shared cores hits all alike. Prints texts/s and words/s (medians), the median
of the per-repetition speed ratios to torch, the mean and minimum cosine to the torch
vectors and the largest difference in any component.

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
    encoders = {
        "onnx-int8": OnnxEmbedder(settings, cache_dir=args.cache_dir),
        "onnx-fp32": OnnxEmbedder(settings, cache_dir=args.cache_dir, precision="fp32"),
    }
    for name, encoder in encoders.items():
        started = time.perf_counter()
        encoder.warm_up()
        print(f"{name} ready in {time.perf_counter() - started:.1f} s: {encoder.model_file}")

    batch = settings.batch_for("cpu")
    reference = np.asarray(model.encode(texts, batch_size=batch, normalize_embeddings=True))
    agreement = {}
    for name, encoder in encoders.items():
        vectors = encoder.embed_passages(texts)
        agreement[name] = ((reference * vectors).sum(axis=1), float(np.abs(reference - vectors).max()))

    times: dict[str, list[float]] = {"torch": [], **{name: [] for name in encoders}}
    for _ in range(args.repeat):
        started = time.perf_counter()
        model.encode(texts, batch_size=batch)
        times["torch"].append(time.perf_counter() - started)
        for name, encoder in encoders.items():
            started = time.perf_counter()
            encoder.embed_passages(texts)
            times[name].append(time.perf_counter() - started)

    print(f"{'encoder':<12} {'median s':>9} {'texts/s':>9} {'words/s':>9}  runs (s)")
    for name, runs in times.items():
        median = statistics.median(runs)
        listed = " ".join(f"{t:.2f}" for t in runs)
        print(f"{name:<12} {median:>9.2f} {len(texts) / median:>9.1f} {words / median:>9.0f}  {listed}")
    for name in encoders:
        ratios = [t / o for t, o in zip(times["torch"], times[name], strict=True)]
        cosines, difference = agreement[name]
        print(
            f"{name}/torch: speed median {statistics.median(ratios):.2f}x "
            f"(per repetition: {' '.join(f'{r:.2f}' for r in ratios)}); cosine to torch mean "
            f"{cosines.mean():.4f}, min {cosines.min():.4f}; largest component difference {difference:.1e}"
        )


if __name__ == "__main__":
    main()
