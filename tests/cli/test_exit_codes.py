"""Exit codes and one-line errors of the real `corpus` command (issue 10).

config/usage 2, not found 3, store (locked, Chroma unreachable) 4, any other error 1; never a
traceback without --verbose. Most run the installed CLI as a subprocess.
"""

from __future__ import annotations

import io
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus_cli.common import quiet_prefect_console
from corpus_cli.main import app
from corpus_core.settings import load_settings
from indexing.lock import lock_holder, write_lock
from tests.conftest import FakeEmbedder

ROOT = Path(__file__).resolve().parents[2]
CORPUS_BIN = Path(sys.executable).parent / "corpus"
TEXT = (
    "A study of learning organizations\n\n"
    + " ".join(["Value co-creation needs dialogue between the firm and its customers."] * 20)
    + "\n"
)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUS_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "60", "HF_HUB_OFFLINE": "1"}, **extra)
    return env


def _corpus(*args: str, timeout: int = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CORPUS_BIN), *args],
        cwd=ROOT,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("papers")
    (folder / "paper.txt").write_text(TEXT)
    return folder


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory: pytest.TempPathFactory, papers: Path) -> Path:
    """One small paper ingested with the fake embedder (no model, no Prefect)."""
    from indexing.run import ingest

    store = tmp_path_factory.mktemp("exit-codes") / "store"
    settings = load_settings(store=store)
    settings.runner.prepare_workers = 0
    report = ingest(settings, [papers], embedder=FakeEmbedder())
    assert {o.status for o in report.outcomes} == {"ingested"}, report.outcomes
    return store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_config_directory_exits_2(tmp_path: Path) -> None:
    result = _corpus("search", "x", "--config", str(tmp_path))
    assert result.returncode == 2, result.stderr
    line = _one_line(result.stderr)
    assert str(tmp_path) in line and "is a directory, not a TOML file" in line


def test_invalid_environment_setting_exits_2() -> None:
    result = _corpus("search", "x", CORPUS_SEARCH__MODE="bogus")
    assert result.returncode == 2, result.stderr
    line = _one_line(result.stderr)
    assert "CORPUS_SEARCH__MODE" in line and "'bogus'" in line and "search.mode" in line
    assert "dense, lexical, hybrid" in line


def test_unknown_key_in_config_file_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("[search]\nmod = 'dense'\n")
    result = _corpus("docs", "--config", str(config), "--store", str(tmp_path / "s"))
    assert result.returncode == 2, result.stderr
    line = _one_line(result.stderr)
    assert str(config) in line and "search.mod" in line


def test_unknown_document_exits_3(tiny_store: Path) -> None:
    result = _corpus("show", "nosuchid", "--store", str(tiny_store))
    assert result.returncode == 3, result.stderr
    assert "nosuchid" in _one_line(result.stderr)


def test_missing_store_exits_3(tmp_path: Path) -> None:
    result = _corpus("docs", "--store", str(tmp_path / "nothing"))
    assert result.returncode == 3, result.stderr
    assert "no corpus here yet" in _one_line(result.stderr)


def test_ingest_into_locked_store_exits_4(tiny_store: Path, papers: Path) -> None:
    with write_lock(tiny_store):
        assert lock_holder(tiny_store) == f"pid {os.getpid()}"
        result = _corpus("ingest", str(papers), "--store", str(tiny_store), "--always")
    assert result.returncode == 4, result.stderr
    line = _one_line(result.stderr)
    assert str(tiny_store) in line and f"pid {os.getpid()}" in line
    assert lock_holder(tiny_store) is None


def test_unreachable_chroma_server_exits_4(tiny_store: Path) -> None:
    port = _free_port()
    result = _corpus(
        "search",
        "learning",
        "--store",
        str(tiny_store),
        CORPUS_CHROMA__HOST="127.0.0.1",
        CORPUS_CHROMA__PORT=str(port),
    )
    assert result.returncode == 4, result.stderr
    line = _one_line(result.stderr)
    assert f"127.0.0.1:{port}" in line and "chroma run" in line


def test_lock_holder_is_none_for_a_free_or_missing_store(tmp_path: Path) -> None:
    assert lock_holder(tmp_path / "none") is None
    assert not (tmp_path / "none").exists(), "checking must not create the store"
    with write_lock(tmp_path / "s"):
        pass
    assert lock_holder(tmp_path / "s") is None


def test_unexpected_ingest_failure_is_one_line_exit_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, papers: Path
) -> None:
    import indexing.run

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("engine exploded\nwith a second line")

    monkeypatch.setattr(indexing.run, "start_early", broken)
    result = CliRunner().invoke(app, ["ingest", str(papers), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "ingestion failed: RuntimeError: engine exploded" in result.output
    assert "Traceback" not in result.output
    verbose = CliRunner().invoke(app, ["ingest", str(papers), "--store", str(tmp_path / "s"), "-v"])
    assert isinstance(verbose.exception, RuntimeError), "--verbose lets the traceback through"


def test_prefect_records_are_kept_off_the_terminal() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with quiet_prefect_console(verbose=False):
            logging.getLogger("prefect.engine").error("Traceback (most recent call last): boom")
            logging.getLogger("corpus.test").error("kept")
        logging.getLogger("prefect.engine").error("after")
        with quiet_prefect_console(verbose=True):
            logging.getLogger("prefect.engine").error("verbose")
    finally:
        root.removeHandler(handler)
    text = stream.getvalue()
    assert "boom" not in text and "kept" in text and "after" in text and "verbose" in text


@pytest.mark.slow
@pytest.mark.integration
def test_the_flow_itself_refuses_a_locked_store(tiny_store: Path, papers: Path) -> None:
    """The race the CLI's own lock cannot close for other callers (a deployment, a script): the flow
    run meets the lock and fails with StoreLockedError naming the store, having written nothing."""
    run_flow = (
        "import sys\n"
        "from corpus_core.errors import StoreLockedError\n"
        "from flows.ingest import ingest_flow\n"
        "try:\n"
        "    ingest_flow([sys.argv[1]], store=sys.argv[2])\n"
        "except StoreLockedError as exc:\n"
        "    print('locked:', exc)\n"
        "    sys.exit(4)\n"
    )
    before = (tiny_store / "catalog.sqlite").stat().st_mtime_ns
    with write_lock(tiny_store):
        result = subprocess.run(
            [sys.executable, "-c", run_flow, str(papers), str(tiny_store)],
            cwd=ROOT,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 4, result.stderr[-3000:]
    assert result.stdout.startswith("locked:") and str(tiny_store) in result.stdout, result.stdout
    assert (tiny_store / "catalog.sqlite").stat().st_mtime_ns == before, "the locked store was written"


def test_ingest_of_a_path_that_does_not_exist_exits_3(tmp_path: Path) -> None:
    """A typo or a drive not mounted: one line naming the path, exit 3, no store made."""
    missing = tmp_path / "papres"
    result = _corpus("ingest", str(missing), "--store", str(tmp_path / "store"))
    assert result.returncode == 3, result.stderr
    assert _one_line(result.stderr) == f"error: no such file or folder: {missing}"
    assert not (tmp_path / "store").exists()


def test_a_schedule_for_a_folder_that_does_not_exist_is_refused_exit_3(tmp_path: Path, papers: Path) -> None:
    """Serving a schedule would run every night on nothing: the typo is said at once."""
    missing = tmp_path / "papres"
    result = _corpus(
        "schedule", str(papers), str(missing), "--cron", "0 2 * * *", "--store", str(tmp_path / "s")
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert _one_line(result.stderr) == f"error: no such file or folder: {missing} (nothing is scheduled)"


def test_serve_refuses_a_port_outside_1_to_65535(tmp_path: Path) -> None:
    result = _corpus("serve", "--port", "99999", "--store", str(tmp_path / "s"))
    assert result.returncode == 2 and "'--port'" in result.stderr and "65535" in result.stderr, result.stderr


def test_ingest_with_one_path_missing_reads_the_others_and_exits_3(tmp_path: Path, papers: Path) -> None:
    missing = tmp_path / "not-mounted"
    result = _corpus("ingest", str(papers), str(missing), "--store", str(tmp_path / "store"), timeout=300)
    assert result.returncode == 3, result.stdout + result.stderr
    assert _one_line(result.stderr) == f"error: no such file or folder: {missing} (the other paths were read)"
    assert "1 ingested" in result.stdout


@pytest.mark.parametrize("command", [["ingest", "PAPERS"], ["docs"]], ids=["ingest", "docs"])
def test_a_store_path_that_is_a_file_exits_2(tmp_path: Path, papers: Path, command: list[str]) -> None:
    """Before: `ingest` printed a FileExistsError traceback; `docs` said to ingest into it first."""
    not_a_folder = tmp_path / "corpus.sqlite"
    not_a_folder.write_text("")
    args = [str(papers) if part == "PAPERS" else part for part in command]
    result = _corpus(*args, "--store", str(not_a_folder))
    assert result.returncode == 2, result.stderr
    line = _one_line(result.stderr)
    assert str(not_a_folder) in line and "must be a folder (a file is there)" in line


@pytest.mark.parametrize("query", ["???", "(((", "* -"])
def test_a_query_without_a_word_exits_2(tiny_store: Path, query: str) -> None:
    """Before: "???" was searched by meaning and answered with whatever lay nearest (score 0.5)."""
    result = _corpus("search", query, "--store", str(tiny_store))
    assert result.returncode == 2, result.stdout + result.stderr
    assert _one_line(result.stderr) == (
        f"error: the query {query!r} holds no word to search for: type what you are looking for"
    )


def test_a_bibliography_of_a_store_without_works_exits_3(tmp_path: Path) -> None:
    """Every file failed (too short): `corpus bib --all` says so, not "matches : ..." or an empty file."""
    from indexing.run import ingest

    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "stub.txt").write_text("Too short to index.\n")
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    assert [o.status for o in ingest(settings, [folder], embedder=FakeEmbedder()).outcomes] == ["failed"]
    result = _corpus("bib", "--all", "--store", str(tmp_path / "store"))
    assert result.returncode == 3, result.stdout + result.stderr
    assert _one_line(result.stderr) == (
        "error: the corpus holds no work yet: `corpus stats` lists the files that failed"
    )


def test_an_output_file_in_a_folder_that_is_not_there_exits_2(tiny_store: Path, tmp_path: Path) -> None:
    """Before: a FileNotFoundError traceback (and exit 1) from every command with -o."""
    target = tmp_path / "no-such-folder" / "to-acquire.bib"
    result = _corpus("missing", "--export", "bibtex", "-o", str(target), "--store", str(tiny_store))
    assert result.returncode == 2, result.stderr
    assert _one_line(result.stderr) == f"error: cannot write {target}: No such file or directory"
