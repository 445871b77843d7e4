"""Ingest throughput on Dask workers against a plain run, same files, same run.

    .venv/bin/python benchmarks/dask_scaling.py                 # seeds + shared PDFs
    .venv/bin/python benchmarks/dask_scaling.py PATH... --workers 1 --workers 2

Each configuration runs `corpus ingest PATH... --store NEW` as a process (plain, then
`--dask local:N` for each N), with one warmed Prefect home, and prints chunks, seconds,
chunks/s and the ratio to the plain run. On a 2-core machine N workers share the same two
cores (each gets cores/N torch threads), so this shows the overhead of distribution more
than a speed-up; on a cluster each worker brings its own cores or GPU.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from ingest import SHARED, cli_env, timed, warm_prefect_home  # noqa: E402
from machine import machine  # noqa: E402

from indexing.catalog import Catalog  # noqa: E402


def chunk_count(store: Path) -> int:
    catalog = Catalog(store / "catalog.sqlite")
    try:
        return catalog.stats().chunks
    finally:
        catalog.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, default=[SHARED / "seeds", SHARED / "pdfs"])
    parser.add_argument("--workers", type=int, action="append", help="Dask workers (default 1 and 2)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    home = tempfile.mkdtemp(prefix="prefect-home-")
    warm_prefect_home(home)
    env = cli_env(home)
    corpus_cli = str(Path(sys.executable).parent / "corpus")
    rows = []
    for label, extra in [
        ("plain", []),
        *((f"dask local:{n}", ["--dask", f"local:{n}"]) for n in args.workers or [1, 2]),
    ]:
        tmp = Path(tempfile.mkdtemp(prefix="dask-bench-"))
        started = time.perf_counter()
        timed([corpus_cli, "ingest", *map(str, args.paths), "--store", str(tmp / "store"), *extra], env)
        seconds = time.perf_counter() - started
        chunks = chunk_count(tmp / "store")
        rows.append((label, chunks, seconds))
        print(f"{label}: {chunks} chunks in {seconds:.1f} s ({chunks / seconds:.1f} chunks/s)", flush=True)
        shutil.rmtree(tmp, ignore_errors=True)
    plain = rows[0][2]
    print("\n| run | chunks | seconds | chunks/s | vs plain |")
    print("|---|---:|---:|---:|---:|")
    for label, chunks, seconds in rows:
        print(f"| {label} | {chunks} | {seconds:.1f} | {chunks / seconds:.1f} | {plain / seconds:.2f}x |")


if __name__ == "__main__":
    main()
