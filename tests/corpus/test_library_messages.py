"""pypdf's repair messages reach the log with the file's name, not the terminal as bare lines."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from corpus.loading.library_messages import told_with
from corpus.loading.loaders import load_file
from corpus_core.errors import CorruptFileError
from corpus_core.settings import LoadingSettings

NAMED = "corpus.loading.library_messages"


def test_a_damaged_pdfs_repairs_are_logged_once_with_its_name(
    pdfs_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    damaged = pdfs_dir / "unreadablemetadata.pdf"
    with caplog.at_level(logging.INFO), pytest.raises(CorruptFileError):
        load_file(damaged, LoadingSettings())
    # caplog also hangs its handler on non-propagating loggers (pytest 9), so pypdf's own
    # records show here whatever reaches a terminal; the next test checks the terminal.
    [told] = [r.getMessage() for r in caplog.records if r.name == NAMED]
    assert told.startswith(f"{damaged}: pypdf: ")
    assert "rebuild xref" in told


def test_the_ingest_terminal_shows_no_bare_pypdf_lines(pdfs_dir: Path) -> None:
    """As `corpus ingest` runs it: no logging configured, so WARNING records print bare."""
    script = (
        "import sys; from pathlib import Path\n"
        "from corpus.loading.loaders import load_file\n"
        "from corpus_core.settings import LoadingSettings\n"
        "try:\n"
        "    load_file(Path(sys.argv[1]), LoadingSettings())\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(pdfs_dir / "unreadablemetadata.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "CorruptFileError"
    assert "xref" not in done.stderr, done.stderr


def test_records_outside_a_read_reach_the_root_handlers(caplog: pytest.LogCaptureFixture) -> None:
    with told_with("a.pdf", "demo_library"):
        pass
    logging.getLogger("demo_library.reader").warning("loose record")
    assert [r.getMessage() for r in caplog.records] == ["loose record"]


def test_files_read_side_by_side_keep_their_own_messages(caplog: pytest.LogCaptureFixture) -> None:
    both_reading = threading.Barrier(2)

    def read(source: str) -> None:
        with told_with(source, "demo_threads"):
            both_reading.wait()
            logging.getLogger("demo_threads").warning("repaired %s", source)
            logging.getLogger("demo_threads").warning("repaired %s", source)

    threads = [threading.Thread(target=read, args=(name,)) for name in ("a.pdf", "b.pdf")]
    with caplog.at_level(logging.INFO):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    told = sorted(r.getMessage() for r in caplog.records)
    assert told == ["a.pdf: demo_threads: repaired a.pdf", "b.pdf: demo_threads: repaired b.pdf"]
