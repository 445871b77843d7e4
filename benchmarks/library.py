"""Runs into a store beside a library of many files: what a nightly run costs.

    .venv/bin/python benchmarks/library.py                      # 400 PDFs of 2.5 MB (1 GB)
    .venv/bin/python benchmarks/library.py --files 1000 --mb 5 --repeat 5
    .venv/bin/python benchmarks/library.py --files 1000 --mb 1 --kind export
    .venv/bin/python benchmarks/library.py --files 2000 --mb 0 --kind zotero

`benchmarks/scale.py` times adding one document to a store of 100k chunks, the new file alone
in its folder. A user's library holds many files, and each run walks it. This builds a library
of `--files` PDFs (a page of prose of its own under its own title, each made `--mb` large by an
attached file of random bytes, as scans and figures make PDFs large), ingests it once, then
times `corpus ingest` as a process (Prefect's temporary server, the model, the CLI's quick
check, the plan), alternating, medians of `--repeat`:
1. the library again, nothing changed ("nothing to do");
2. the library and one new PDF, into a copy of the store ("add one");
3. the same new PDF alone into an empty store, the baseline of 2 (issue 8: at most 1.2x).
The library's files are in the page cache (written just before): a library on a disk or a
network share costs more to read, so the figures are the least that reading it costs.

`--kind` says what the library is:
- `folder` (the default): a folder of PDFs; the new PDF is given beside it;
- `export`: the folder also holds a reference manager's export naming every PDF (`My
  Library.bib`, as Zotero's Better BibTeX keeps it up to date). Before 1, the export is
  rewritten with one more entry (an item without a file); in 2 the new PDF is saved into the
  folder and its entry added to the export; in 3 it comes with an export of its entry alone;
- `zotero`: a Zotero data directory (Zotero's own schema, `tests/corpus/zotero_library.py`)
  whose journal articles each have an imported PDF, ingested with `--zotero`; in 2 an item
  with the new PDF is added to the library, in 3 it is the only item of a library of its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CORPUS_SHARED_DATA") or ROOT.parent / "shared" / "data")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest import cli_env, timed, warm_prefect_home  # noqa: E402
from machine import machine  # noqa: E402
from scale import CACM, vocabulary  # noqa: E402

NEW_FILE = SHARED / "pdfs" / "pdflatex-outline.pdf"
EXPORT = "My Library.bib"
REPORT_WORDS = 420
NEW_TITLE = "A New Paper"


def report_pdf(path: Path, number: int, megabytes: float) -> None:
    """ "Field Report Number N": a page of prose of its own, made `megabytes` large by an attachment.

    Each report's words are drawn from CACM's vocabulary with its own seed, so no two share
    a passage and each is a work of its own, as the papers of a library are (copies of one
    text would all be linked to one work).
    """
    import io

    from pypdf import PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    words, weights = vocabulary(CACM)
    prose = [str(w) for w in np.random.default_rng(number).choice(words, size=REPORT_WORDS, p=weights)]
    page = io.BytesIO()
    pdf = canvas.Canvas(page, pagesize=A4)
    pdf.setTitle(f"Field Report Number {number}")
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 770, f"Field Report Number {number}")
    pdf.setFont("Helvetica", 10)
    for line, first in enumerate(range(0, len(prose), 14)):
        pdf.drawString(72, 740 - 14 * line, " ".join(prose[first : first + 14]))
    pdf.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter(clone_from=io.BytesIO(page.getvalue()))
    if megabytes:
        writer.add_attachment("data.bin", os.urandom(int(megabytes * 1_000_000)))
    with path.open("wb") as out:
        writer.write(out)


def entry(key: str, title: str, file: str = "") -> str:
    """A BibTeX entry as Better BibTeX writes one: braced capitals, the file's path."""
    braced = " ".join(f"{{{word}}}" if word[:1].isupper() else word for word in title.split())
    attached = f",\n  file = {{{file}}}" if file else ""
    return (
        f'@report{{{key},\n  title = {{{braced}}},\n  author = {{Rossi, Maria and M{{\\"u}}ller, Jan}},\n'
        f"  date = {{2021}},\n  institution = {{Field Office}}{attached}\n}}\n\n"
    )


def zotero_item(
    data_dir: Path, number: int, title: str, pdf: Path | None = None, megabytes: float = 0
) -> None:
    """Add to a Zotero library a journal article with an imported PDF (`pdf` copied, else a report's)."""
    from tests.corpus.zotero_library import LibraryWriter

    folder = data_dir / "storage" / f"A{number:07d}"
    stored = folder / (pdf.name if pdf else f"report-{number:04d}.pdf")
    if pdf is None:
        report_pdf(stored, number, megabytes)
    else:
        folder.mkdir(parents=True)
        shutil.copy(pdf, stored)
    db = sqlite3.connect(data_dir / "zotero.sqlite", isolation_level=None)
    db.execute("BEGIN")
    write = LibraryWriter(db)
    item = 1 + 2 * number
    write.article(item, f"I{number:07d}", title, publicationTitle="Journal of Field Reports", date="2021")
    write.creator(item, 0, "author", f"Rossi{number}", "Maria")
    write.attachment(item + 1, item, folder.name, 0, f"storage:{stored.name}")
    db.execute("COMMIT")
    db.close()


def make_library(root: Path, kind: str, files: int, megabytes: float) -> Path:
    """The library `ingest` takes: a folder of `files` PDFs (with an export), or a Zotero data directory."""
    if kind == "zotero":
        from tests.corpus.zotero_library import empty_library

        data_dir = root / "Zotero"
        empty_library(data_dir).close()
        for number in range(files):
            zotero_item(data_dir, number, f"Field Report Number {number}", megabytes=megabytes)
        return data_dir
    folder = root / "library"
    folder.mkdir(parents=True)
    entries = []
    for number in range(files):
        report_pdf(folder / f"report-{number:04d}.pdf", number, megabytes)
        entries.append(entry(f"report{number}", f"Field Report Number {number}", f"report-{number:04d}.pdf"))
    if kind == "export":
        (folder / EXPORT).write_text("".join(entries), encoding="utf-8")
    return folder


def ingest_args(kind: str, library: Path) -> list[str]:
    """`corpus ingest`'s arguments naming the library."""
    return ["--zotero", str(library)] if kind == "zotero" else [str(library)]


def add_one(
    corpus: str,
    env: dict[str, str],
    kind: str,
    library: Path,
    files: int,
    alone: Path,
    copy: Path,
    empty: Path,
) -> tuple[float, float]:
    """Seconds of adding `NEW_FILE` to the library (into `copy`) and of it alone (into `empty`).

    In an export or a Zotero library, the file is saved into the library with its entry or item,
    as a reference manager does, and taken out again after.
    """
    if kind == "folder":
        return (
            timed([corpus, "ingest", str(library), str(NEW_FILE), "--store", str(copy)], env),
            timed([corpus, "ingest", str(NEW_FILE), "--store", str(empty)], env),
        )
    if kind == "export":
        export = library / EXPORT
        kept = export.read_text(encoding="utf-8")
        shutil.copy(NEW_FILE, library / NEW_FILE.name)
        export.write_text(kept + entry("new", NEW_TITLE, NEW_FILE.name), encoding="utf-8")
        added = timed([corpus, "ingest", str(library), "--store", str(copy)], env)
        (library / NEW_FILE.name).unlink()
        export.write_text(kept, encoding="utf-8")
        alone.mkdir()
        shutil.copy(NEW_FILE, alone / NEW_FILE.name)
        (alone / EXPORT).write_text(entry("new", NEW_TITLE, NEW_FILE.name), encoding="utf-8")
        return added, timed([corpus, "ingest", str(alone), "--store", str(empty)], env)
    from tests.corpus.zotero_library import empty_library

    database = library / "zotero.sqlite"
    kept_db = alone.parent / "zotero-kept.sqlite"
    shutil.copy(database, kept_db)
    zotero_item(library, files, NEW_TITLE, NEW_FILE)
    added = timed([corpus, "ingest", "--zotero", str(library), "--store", str(copy)], env)
    shutil.copy(kept_db, database)
    shutil.rmtree(library / "storage" / f"A{files:07d}")
    empty_library(alone).close()
    zotero_item(alone, files, NEW_TITLE, NEW_FILE)
    return added, timed([corpus, "ingest", "--zotero", str(alone), "--store", str(empty)], env)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--mb", type=float, default=2.5, help="size of each PDF in MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kind", choices=["folder", "export", "zotero"], default="folder")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    tmp = Path(tempfile.mkdtemp(prefix="library-bench-"))
    try:
        library, store = make_library(tmp, args.kind, args.files, args.mb), tmp / "store"
        size = sum(p.stat().st_size for p in library.rglob("*") if p.is_file()) / 1e9
        print(f"library ({args.kind}): {args.files} PDFs, {size:.2f} GB in {library}")
        print(f"new file: {NEW_FILE.name}")
        home = str(tmp / "prefect-home")
        warm_prefect_home(home)
        env = cli_env(home)
        corpus = str(Path(sys.executable).parent / "corpus")
        run = [corpus, "ingest", *ingest_args(args.kind, library), "--store", str(store)]
        first = timed(run, env)
        print(f"first run (every file new): {first:.1f} s", flush=True)
        idle, added, alone = [], [], []
        what = "export rewritten, nothing else changed" if args.kind == "export" else "nothing to do"
        for round_ in range(args.repeat):
            if args.kind == "export":
                export = library / EXPORT
                unfiled = entry(f"unfiled{round_}", f"An Item Without A File {round_}")
                export.write_text(export.read_text(encoding="utf-8") + unfiled, encoding="utf-8")
            idle.append(timed(run, env))
            copy, empty, by_itself = tmp / f"copy-{round_}", tmp / f"empty-{round_}", tmp / f"alone-{round_}"
            shutil.copytree(store, copy)
            seconds = add_one(corpus, env, args.kind, library, args.files, by_itself, copy, empty)
            added.append(seconds[0])
            alone.append(seconds[1])
            for folder in (copy, empty, by_itself):
                shutil.rmtree(folder, ignore_errors=True)
            print(
                f"round {round_}: {what} {idle[-1]:.2f} s, add one {added[-1]:.2f} s, "
                f"that file alone into an empty store {alone[-1]:.2f} s",
                flush=True,
            )
        add, base = statistics.median(added), statistics.median(alone)
        print(
            f"\n| library | files | GB | {what} s | add one s | one file, empty store s | add one / empty |\n"
            f"|---|---|---|---|---|---|---|\n"
            f"| {args.kind} | {args.files} | {size:.2f} | {statistics.median(idle):.2f} | {add:.2f} | "
            f"{base:.2f} | {add / base:.3f} |"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
