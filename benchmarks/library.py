"""Runs into a store beside a library folder of many files: what a nightly run costs.

    .venv/bin/python benchmarks/library.py                      # 400 PDFs of 2.5 MB (1 GB)
    .venv/bin/python benchmarks/library.py --files 1000 --mb 5 --repeat 5

`benchmarks/scale.py` times adding one document to a store of 100k chunks, the new file alone
in its folder. A user's folder holds the whole library, and each run walks it. This builds a
folder of `--files` PDFs (a shared PDF's text under its own title, each made `--mb` large by
an attached file of random bytes, as scans and figures make PDFs large), ingests it once,
then times `corpus ingest` as a process (Prefect's temporary server, the model, the CLI's
quick check, the plan), alternating, medians of `--repeat`:
1. the folder again, nothing changed ("nothing to do");
2. the folder and one new PDF, into a copy of the store ("add one");
3. the same new PDF alone into an empty store, the baseline of 2 (issue 8: at most 1.2x).
The folder's files are in the page cache (written just before): a library on a disk or a
network share costs more to read, so the figures are the least that reading it costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CORPUS_SHARED_DATA") or ROOT.parent / "shared" / "data")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest import cli_env, timed, warm_prefect_home  # noqa: E402
from machine import machine  # noqa: E402

TEMPLATE = SHARED / "pdfs" / "google-doc-document.pdf"
NEW_FILE = SHARED / "pdfs" / "pdflatex-outline.pdf"


def make_library(folder: Path, files: int, megabytes: float) -> None:
    """`files` PDFs of the template's text, each with its own title and `megabytes` of attached bytes."""
    from pypdf import PdfWriter

    folder.mkdir(parents=True)
    for number in range(files):
        writer = PdfWriter(clone_from=TEMPLATE)
        writer.add_metadata({"/Title": f"Field Report Number {number}"})
        writer.add_attachment("data.bin", os.urandom(int(megabytes * 1_000_000)))
        with (folder / f"report-{number:04d}.pdf").open("wb") as out:
            writer.write(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--mb", type=float, default=2.5, help="size of each PDF in MB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    tmp = Path(tempfile.mkdtemp(prefix="library-bench-"))
    try:
        library, store = tmp / "library", tmp / "store"
        make_library(library, args.files, args.mb)
        size = sum(p.stat().st_size for p in library.iterdir()) / 1e9
        print(f"library: {args.files} PDFs, {size:.2f} GB in {library}; new file: {NEW_FILE.name}")
        home = str(tmp / "prefect-home")
        warm_prefect_home(home)
        env = cli_env(home)
        corpus = str(Path(sys.executable).parent / "corpus")
        first = timed([corpus, "ingest", str(library), "--store", str(store)], env)
        print(f"first run (every file new): {first:.1f} s", flush=True)
        idle, added, alone = [], [], []
        for round_ in range(args.repeat):
            idle.append(timed([corpus, "ingest", str(library), "--store", str(store)], env))
            copy, empty = tmp / f"copy-{round_}", tmp / f"empty-{round_}"
            shutil.copytree(store, copy)
            added.append(timed([corpus, "ingest", str(library), str(NEW_FILE), "--store", str(copy)], env))
            alone.append(timed([corpus, "ingest", str(NEW_FILE), "--store", str(empty)], env))
            shutil.rmtree(copy)
            shutil.rmtree(empty)
            print(
                f"round {round_}: nothing to do {idle[-1]:.2f} s, add one {added[-1]:.2f} s, "
                f"that file alone into an empty store {alone[-1]:.2f} s",
                flush=True,
            )
        add, base = statistics.median(added), statistics.median(alone)
        print(
            f"\n| files | GB | nothing to do s | add one s | one file, empty store s | add one / empty |\n"
            f"|---|---|---|---|---|---|\n"
            f"| {args.files} | {size:.2f} | {statistics.median(idle):.2f} | {add:.2f} | {base:.2f} "
            f"| {add / base:.3f} |"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
