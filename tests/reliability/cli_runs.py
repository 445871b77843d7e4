"""Helpers of the reliability tests: `corpus` runs as real subprocesses, store snapshots, orphan hunts.

Each run gets its own PREFECT_HOME (a marker found in the environment of every process the
run starts, so survivors of a killed run can be found by it) and its own session and
process group.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_core.layout import StoreLayout
from corpus_core.settings import load_settings
from indexing.catalog import Catalog
from indexing.lexical import LexicalIndex
from tests.conftest import PDFS, SEEDS

ROOT = Path(__file__).resolve().parents[2]
CORPUS_BIN = Path(sys.executable).parent / "corpus"
QUERIES = ("value co-creation", "learning organization", "Einstein crazy ones", "column layout text")


PAPERS = ("pdflatex-4-pages.pdf", "multicolumn.pdf", "crazyones-pdfa.pdf")
"""Three small real PDFs that, with the five seeds, make a flow phase of some seconds."""


def copy_papers(folder: Path) -> Path:
    """Fill `folder` with the five seeds and the `PAPERS`; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    for name in PAPERS:
        shutil.copy(PDFS / name, folder / name)
    return folder


def cli_env(prefect_home: Path, **extra: str) -> dict[str, str]:
    """The test's environment for `corpus`, no CORPUS_* or Prefect API of the test session."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("CORPUS_", "PREFECT_API", "PREFECT_HOME"))
    }
    prefect_home.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "PREFECT_HOME": str(prefect_home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "HF_HUB_OFFLINE": "1",
            "NO_COLOR": "1",
            "COLUMNS": "200",
        },
        **extra,
    )
    return env


def start_cli(
    args: list[str], env: dict[str, str], log: Path, errors: Path | None = None
) -> subprocess.Popen[bytes]:
    """`corpus ARGS...` in its own session (so its process group is its own).

    Standard output goes to `log`, standard error too unless `errors` names its own file.
    """
    with log.open("wb") as out, (errors or log).open("ab") as err:
        return subprocess.Popen(
            [str(CORPUS_BIN), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err if errors else subprocess.STDOUT,
            start_new_session=True,
        )


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`corpus ARGS...` to completion."""
    return subprocess.run(
        [str(CORPUS_BIN), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def prefect_started(marker: str) -> bool:
    """Whether the run marked `marker` has started Prefect's temporary server (its flow follows once up)."""
    return any("uvicorn" in line for line in survivors(marker))


@dataclass
class Timing:
    """When a finished ingest started Prefect's server (`locked`: its flow follows) and when it ended
    (seconds from its start)."""

    locked: float
    ended: float
    returncode: int


def timed_ingest(folder: Path, store: Path, env: dict[str, str], log: Path, timeout: float = 400) -> Timing:
    """Run `corpus ingest` to the end, noting when it started Prefect's server."""
    start = time.monotonic()
    process = start_cli(["ingest", str(folder), "--store", str(store)], env, log)
    locked = 0.0
    while process.poll() is None:
        if not locked and prefect_started(env["PREFECT_HOME"]):
            locked = time.monotonic() - start
        if time.monotonic() - start > timeout:
            process.kill()
            raise AssertionError(f"corpus ingest did not end within {timeout} s:\n{log.read_text()}")
        time.sleep(0.05)
    return Timing(locked or time.monotonic() - start, time.monotonic() - start, process.returncode)


def survivors(marker: str, pgid: int | None = None) -> list[str]:
    """Processes (pid and command line) whose environment holds `marker` or that are in group `pgid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if state[0] == "Z":  # a zombie has ended; only its parent's wait is missing
            continue
        if marker.encode() in environ or (pgid is not None and int(state[2]) == pgid):
            found.append(f"{entry.name}: {cmdline[:200]}")
    return found


def wait_for_no_survivors(marker: str, pgid: int | None, within: float = 20) -> list[str]:
    """Survivors still there after `within` seconds (the kernel's SIGTERM to children takes a moment)."""
    deadline = time.monotonic() + within
    while True:
        left = survivors(marker, pgid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def kill_all(found: list[str]) -> None:
    """SIGKILL the processes `survivors` listed (clean-up after a failed check)."""
    for line in found:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split(":", 1)[0]), signal.SIGKILL)


def snapshot(store: Path, env: dict[str, str]) -> dict[str, Any]:
    """What a store holds, in comparable form: documents, chunks, works, references, Chroma ids,
    lexical hits for a few queries, file verdicts and `corpus stats --json` (less the last run)."""
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    layout = StoreLayout(store)
    catalog = Catalog(layout.catalog)
    try:
        ready = catalog.document_ids()
        state: dict[str, Any] = {
            "documents": ready,
            "unfinished": catalog.unfinished_documents(),
            "chunks": sorted((c.chunk_id, c.doc_id, c.text, c.page_label) for c in catalog.chunks()),
            "works": sorted((w.work_id, repr(w.metadata), sorted(w.doc_ids)) for w in catalog.works()),
            "references": sorted(repr(r) for r in catalog.references()),
            "files": sorted(
                (f.path, f.fingerprint, f.status, f.doc_id, f.reason, f.chunks) for f in catalog.files()
            ),
        }
    finally:
        catalog.close()
    settings = load_settings(store=store)
    client = chromadb.PersistentClient(
        path=str(layout.chroma), settings=ChromaClientSettings(anonymized_telemetry=False)
    )
    state["chroma_ids"] = sorted(client.get_collection(settings.chroma.collection).get(include=[])["ids"])
    lexical = LexicalIndex(layout.lexical)
    try:
        state["lexical"] = {q: [chunk for chunk, _ in lexical.query(q, 10)] for q in QUERIES}
        state["lexical_size"] = len(lexical)
    finally:
        lexical.close()
    stats = run_cli(["stats", "--json", "--store", str(store)], env)
    assert stats.returncode == 0, stats.stderr
    state["stats"] = {k: v for k, v in json.loads(stats.stdout).items() if k != "last_run"}
    return state
