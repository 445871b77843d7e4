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

`--manifest` gives the folder a reference manager's export naming every PDF (`My Library.bib`,
as Zotero's Better BibTeX keeps it up to date) and times what such a library costs: 1. the
export rewritten with one more entry (an item without a file), nothing else changed; 2. the
new PDF saved into the folder and its entry added to the export; 3. the new PDF and an export
of its entry alone, into an empty store.
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


EXPORT = "My Library.bib"


def make_library(folder: Path, files: int, megabytes: float, manifest: bool) -> None:
    """`files` PDFs of the template's text, each with its own title and `megabytes` of attached bytes.

    With `manifest`, an export (`EXPORT`) that names each of them.
    """
    from pypdf import PdfWriter

    folder.mkdir(parents=True)
    entries = []
    for number in range(files):
        writer = PdfWriter(clone_from=TEMPLATE)
        writer.add_metadata({"/Title": f"Field Report Number {number}"})
        writer.add_attachment("data.bin", os.urandom(int(megabytes * 1_000_000)))
        with (folder / f"report-{number:04d}.pdf").open("wb") as out:
            writer.write(out)
        entries.append(_entry(f"report{number}", f"Field Report Number {number}", f"report-{number:04d}.pdf"))
    if manifest:
        (folder / EXPORT).write_text("".join(entries), encoding="utf-8")


def _entry(key: str, title: str, file: str = "") -> str:
    """A BibTeX entry as Better BibTeX writes one: braced capitals, the file's path."""
    braced = " ".join(f"{{{word}}}" if word[:1].isupper() else word for word in title.split())
    attached = f",\n  file = {{{file}}}" if file else ""
    return (
        f'@report{{{key},\n  title = {{{braced}}},\n  author = {{Rossi, Maria and M{{\\"u}}ller, Jan}},\n'
        f"  date = {{2021}},\n  institution = {{Field Office}}{attached}\n}}\n\n"
    )


def add_one(
    corpus: str, env: dict[str, str], library: Path, alone: Path, manifest: bool, copy: Path, empty: Path
) -> tuple[float, float]:
    """Seconds of adding `NEW_FILE` beside the library (into `copy`) and of it alone (into `empty`).

    With `manifest`, the file is saved into the library and its entry added to the export, as a
    reference manager does; both are taken back after. Alone, it has an export of its entry.
    """
    if not manifest:
        return (
            timed([corpus, "ingest", str(library), str(NEW_FILE), "--store", str(copy)], env),
            timed([corpus, "ingest", str(NEW_FILE), "--store", str(empty)], env),
        )
    export = library / EXPORT
    kept = export.read_text(encoding="utf-8")
    new = library / "new-paper.pdf"
    shutil.copy(NEW_FILE, new)
    export.write_text(kept + _entry("new", "A New Paper", new.name), encoding="utf-8")
    added = timed([corpus, "ingest", str(library), "--store", str(copy)], env)
    new.unlink()
    export.write_text(kept, encoding="utf-8")
    alone.mkdir()
    shutil.copy(NEW_FILE, alone / new.name)
    (alone / EXPORT).write_text(_entry("new", "A New Paper", new.name), encoding="utf-8")
    by_itself = timed([corpus, "ingest", str(alone), "--store", str(empty)], env)
    shutil.rmtree(alone)
    return added, by_itself


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--mb", type=float, default=2.5, help="size of each PDF in MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--manifest", action="store_true", help="the folder's PDFs named by one export")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    tmp = Path(tempfile.mkdtemp(prefix="library-bench-"))
    try:
        library, store = tmp / "library", tmp / "store"
        make_library(library, args.files, args.mb, args.manifest)
        size = sum(p.stat().st_size for p in library.iterdir()) / 1e9
        named = f", named by {EXPORT}" if args.manifest else ""
        print(f"library: {args.files} PDFs{named}, {size:.2f} GB in {library}; new file: {NEW_FILE.name}")
        home = str(tmp / "prefect-home")
        warm_prefect_home(home)
        env = cli_env(home)
        corpus = str(Path(sys.executable).parent / "corpus")
        first = timed([corpus, "ingest", str(library), "--store", str(store)], env)
        print(f"first run (every file new): {first:.1f} s", flush=True)
        idle, added, alone = [], [], []
        export = library / EXPORT
        what = "export rewritten, nothing else changed" if args.manifest else "nothing to do"
        for round_ in range(args.repeat):
            if args.manifest:
                kept = export.read_text(encoding="utf-8")
                unfiled = _entry(f"unfiled{round_}", f"An Item Without A File {round_}")
                export.write_text(kept + unfiled, encoding="utf-8")
            idle.append(timed([corpus, "ingest", str(library), "--store", str(store)], env))
            copy, empty = tmp / f"copy-{round_}", tmp / f"empty-{round_}"
            shutil.copytree(store, copy)
            seconds = add_one(corpus, env, library, tmp / f"alone-{round_}", args.manifest, copy, empty)
            added.append(seconds[0])
            alone.append(seconds[1])
            shutil.rmtree(copy)
            shutil.rmtree(empty)
            print(
                f"round {round_}: {what} {idle[-1]:.2f} s, add one {added[-1]:.2f} s, "
                f"that file alone into an empty store {alone[-1]:.2f} s",
                flush=True,
            )
        add, base = statistics.median(added), statistics.median(alone)
        print(
            f"\n| files | GB | {what} s | add one s | one file, empty store s | add one / empty |\n"
            f"|---|---|---|---|---|---|\n"
            f"| {args.files} | {size:.2f} | {statistics.median(idle):.2f} | {add:.2f} | {base:.2f} "
            f"| {add / base:.3f} |"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
