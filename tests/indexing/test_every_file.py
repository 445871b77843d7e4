"""Every path under a folder ends ingested, unchanged, duplicate, skipped or failed, with its reason.

Fifos, broken links, link loops, linked folders, empty files, duplicates, unsupported types,
file names that are not UTF-8 and files over the size limits: each is reported once, the run
goes on, and `corpus stats` lists the same failures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus_core.layout import StoreLayout
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings
from indexing.catalog import Catalog, display_path, real_path, storable_path
from indexing.ingest import IngestReport
from indexing.run import ingest

TEXT = (
    "Organisations that learn together with their customers create value in new ways. "
    "The learning organization is a context for value co-creation, and leadership enables it. "
) * 5
LATIN1_NAME = b"latin1name_\xe9.txt"


def _latin1_path(folder: Path) -> Path:
    """The path of a file whose name is Latin-1, not UTF-8 (a str with a surrogate escape)."""
    return Path(os.fsdecode(os.fsencode(str(folder)) + b"/" + LATIN1_NAME))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "papers"
    (root / "real").mkdir(parents=True)
    (root / "a_original.txt").write_text("Title: Learning together\n\n" + TEXT)
    (root / "b_copy.txt").write_text("Title: Learning together\n\n" + TEXT)
    (root / "empty1.txt").write_bytes(b"")
    (root / "empty2.txt").write_bytes(b"")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "slides.key").write_bytes(b"PK\x03\x04")
    (root / "real" / "inside.md").write_text("# Tea in Kyoto\n\n" + "Tea is brewed slowly in Kyoto. " * 20)
    os.mkfifo(root / "pipe.txt")
    os.symlink("nowhere.txt", root / "dangling.txt")
    os.symlink("loop_b.txt", root / "loop_a.txt")
    os.symlink("loop_a.txt", root / "loop_b.txt")
    os.symlink("real", root / "linked_folder")
    fd = os.open(os.fsencode(str(root)) + b"/" + LATIN1_NAME, os.O_CREAT | os.O_WRONLY, 0o644)
    os.write(
        fd, ("Title: Caf\u00e9 culture\n\n" + "Coffee houses shaped public debate in Vienna. " * 20).encode()
    )
    os.close(fd)
    return root


EXPECTED = {
    "a_original.txt": ("ingested", ""),
    "b_copy.txt": ("duplicate", "same content as "),
    "empty1.txt": ("failed", "file is empty"),
    "empty2.txt": ("failed", "file is empty"),
    "notes.docx": ("failed", "not a readable Word document"),
    "slides.key": ("skipped", "unsupported file type .key"),
    "inside.md": ("ingested", ""),
    "pipe.txt": ("skipped", "not a regular file (fifo)"),
    "dangling.txt": ("skipped", "broken symbolic link"),
    "loop_a.txt": ("skipped", "symbolic link loop"),
    "loop_b.txt": ("skipped", "symbolic link loop"),
    "linked_folder": ("skipped", "symbolic link to a folder (not followed)"),
    os.fsdecode(LATIN1_NAME): ("ingested", ""),
}


def _by_name(report: IngestReport) -> dict[str, FileOutcome]:
    names = [Path(o.path).name for o in report.outcomes]
    assert len(names) == len(set(names)), f"a path reported twice: {sorted(names)}"
    return {Path(o.path).name: o for o in report.outcomes}


def test_every_path_is_reported_once_with_its_reason(settings: Settings, folder: Path, fake_embedder) -> None:
    report = ingest(settings, [folder], embedder=fake_embedder)
    outcomes = _by_name(report)
    assert set(outcomes) == set(EXPECTED)
    for name, (status, reason) in EXPECTED.items():
        outcome = outcomes[name]
        assert outcome.status == status, (name, outcome)
        assert outcome.reason.startswith(reason), (name, outcome.reason)
    assert outcomes["b_copy.txt"].reason == f"same content as {folder / 'a_original.txt'}"
    assert outcomes[os.fsdecode(LATIN1_NAME)].chunks > 0
    assert outcomes["dangling.txt"].reason.endswith("(to nowhere.txt, which does not exist)")

    stats = Catalog(StoreLayout(settings.store).catalog).stats()
    listed = {Path(f.path).name: (f.status, f.reason) for f in stats.failures}
    expected = {o.path: (o.status, o.reason) for o in report.outcomes if o.status in {"failed", "skipped"}}
    assert listed == {Path(path).name: value for path, value in expected.items()}


def test_rerun_keeps_every_verdict_and_finds_the_non_utf8_file(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    ingest(settings, [folder], embedder=fake_embedder)
    again = _by_name(ingest(settings, [folder], prune=True, embedder=fake_embedder))
    assert set(again) == set(EXPECTED), "nothing is pruned: broken links and loops are still there"
    assert again[os.fsdecode(LATIN1_NAME)].status == "unchanged"
    assert again["a_original.txt"].status == "unchanged"
    assert again["b_copy.txt"].status == "duplicate"
    assert again["empty1.txt"].status == "failed"
    assert again["empty1.txt"].reason == "file is empty (unchanged since)"
    assert again["pipe.txt"].status == "skipped"

    _latin1_path(folder).unlink()
    pruned = _by_name(ingest(settings, [folder], prune=True, embedder=fake_embedder))
    assert pruned[os.fsdecode(LATIN1_NAME)].status == "removed"


def test_non_utf8_name_in_catalog_stats_and_search(settings: Settings, folder: Path, fake_embedder) -> None:
    from search_api import Corpus

    ingest(settings, [folder], embedder=fake_embedder)
    real = str(_latin1_path(folder))
    catalog = Catalog(StoreLayout(settings.store).catalog)
    record = catalog.file(real)
    assert record is not None and record.status == "ingested"
    assert record.path == real and Path(record.path).exists()
    assert catalog.files_of(record.doc_id) == [display_path(real)]
    assert catalog.document(record.doc_id).source == real
    catalog.close()

    corpus = Corpus(settings=settings)
    try:
        hits = corpus.search("coffee houses public debate Vienna", k=3, mode="lexical")
        assert hits and hits[0].source.endswith("latin1name_\\xe9.txt")
        json.dumps([h.to_dict() for h in hits], ensure_ascii=False).encode("utf-8")
    finally:
        corpus.close()

    from corpus_cli.main import app

    result = CliRunner().invoke(app, ["stats", "--json", "--store", str(settings.store)])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert any(f["path"].endswith("pipe.txt") for f in stats["failures"])


def test_storable_path_round_trips_and_is_readable() -> None:
    for path in [
        "/papers/plain.pdf",
        "/papers/latin1name_\udce9.txt",
        "/papers/literal\\xe9-backslash.txt",
        "C:\\papers\\x5c\\udce9\\ud800",
        "/papers/\udc80\\\udcff",
    ]:
        stored = storable_path(path)
        stored.encode("utf-8")  # SQLite and terminals take it
        assert real_path(stored) == path
    assert storable_path("/papers/latin1name_\udce9.txt") == "/papers/latin1name_\\xe9.txt"
    assert storable_path("/papers/plain.pdf") == "/papers/plain.pdf", "ordinary paths are stored as they are"


def test_file_over_max_file_mb_is_failed_with_the_limit_named(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "big.txt").write_text("Title: Big\n\n" + TEXT * 20)
    (folder / "small.txt").write_text("Title: Small\n\n" + TEXT)
    settings.loading.max_file_mb = 0.005
    outcomes = _by_name(ingest(settings, [folder], embedder=fake_embedder))
    size = (folder / "big.txt").stat().st_size
    assert size > 5000
    assert outcomes["big.txt"].status == "failed"
    shown = float(outcomes["big.txt"].reason.removeprefix("file is ").split(" MB;")[0])
    assert outcomes["big.txt"].reason == f"file is {shown:g} MB; the limit is loading.max_file_mb = 0.005"
    assert size / 1e6 <= shown < size / 1e6 * 1.01, "the size, rounded up"
    assert outcomes["small.txt"].status == "ingested"


def test_text_over_max_chars_is_indexed_truncated(settings: Settings, tmp_path: Path, fake_embedder) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "long.txt").write_text(
        "Title: Long\n\n" + TEXT * 10 + "\n\nUNIQUEWORDATTHEEND is never indexed."
    )
    settings.loading.max_chars = 2000
    report = ingest(settings, [folder], embedder=fake_embedder)
    outcome = _by_name(report)["long.txt"]
    assert outcome.status == "ingested"
    assert outcome.removed["max_chars"] == len((folder / "long.txt").read_text()) - 2000
    catalog = Catalog(StoreLayout(settings.store).catalog)
    text = catalog.document(outcome.doc_id).text
    catalog.close()
    assert "UNIQUEWORDATTHEEND" not in text and len(text) <= 2000


def test_truncated_outcome_says_so(settings: Settings, tmp_path: Path, fake_embedder) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "long.txt").write_text("Title: Long\n\n" + TEXT * 10)
    settings.loading.max_chars = 2000
    outcome = _by_name(ingest(settings, [folder], embedder=fake_embedder))["long.txt"]
    assert outcome.status == "ingested"
    assert "truncated to 2,000 characters (loading.max_chars)" in outcome.reason


def test_a_sidecar_that_gives_nothing_is_said_in_the_report(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    """The most trusted record was ignored in silence (a log line in a parsing process); now the
    document's outcome says why, and mending the sidecar re-reads the document with its record."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "paper.txt").write_text("Title: Learning together\n\n" + TEXT)
    sidecar = folder / "paper.bib"
    sidecar.write_text("@article{berg2003, title={Learning With Customers}, year=2003\n")
    outcome = _by_name(ingest(settings, [folder], embedder=fake_embedder))["paper.txt"]
    assert outcome.status == "ingested"
    assert outcome.reason == "sidecar paper.bib not read: its entry at line 1 could not be parsed"
    sidecar.write_text("@article{berg2003, title={Learning With Customers}, year=2003}\n")
    outcome = _by_name(ingest(settings, [folder], embedder=fake_embedder))["paper.txt"]
    assert (outcome.status, outcome.reason) == ("ingested", "")
    catalog = Catalog(StoreLayout(settings.store).catalog)
    record = catalog.document(outcome.doc_id).metadata
    catalog.close()
    assert (record.title, record.year, record.sources["title"]) == (
        "Learning With Customers",
        2003,
        "sidecar",
    )


def test_a_manifest_that_names_no_file_of_the_run_gets_a_line(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    """A folder's references.bib or corpus.yaml that describes none of its files was passed over."""
    root = tmp_path / "library"
    (root / "used" / "papers").mkdir(parents=True)
    (root / "unused").mkdir()
    (root / "broken").mkdir()
    (root / "used" / "papers" / "paper.txt").write_text("Title: Learning together\n\n" + TEXT)
    (root / "used" / "references.bib").write_text(
        "@misc{a, title={Learning With Customers}, file={:papers/paper.txt:text/plain}}\n"
    )
    (root / "unused" / "notes.txt").write_text("Title: Tea\n\n" + "Tea is brewed slowly in Kyoto. " * 20)
    (root / "unused" / "references.bib").write_text(
        "@misc{a, title={One}, file={:one.pdf:PDF}}\n@misc{b, title={Two}, file={:two.pdf:PDF}}\n"
    )
    (root / "broken" / "corpus.yaml").write_text("paper.pdf: [unclosed")
    report = ingest(settings, [root], embedder=fake_embedder)
    reasons = {Path(o.path).relative_to(root).as_posix(): (o.status, o.reason) for o in report.outcomes}
    assert reasons["unused/references.bib"] == (
        "skipped",
        "manifest whose 2 entries name no file here: one.pdf, two.pdf",
    )
    assert reasons["broken/corpus.yaml"][0] == "skipped"
    assert reasons["broken/corpus.yaml"][1].startswith("manifest not read: while parsing a flow sequence")
    assert "used/references.bib" not in reasons, "a manifest that describes a file is no file of its own"
    assert reasons["used/papers/paper.txt"] == ("ingested", "")

    def not_indexed() -> set[str]:
        catalog = Catalog(StoreLayout(settings.store).catalog)
        try:
            return {Path(f.path).relative_to(root).as_posix() for f in catalog.stats().failures}
        finally:
            catalog.close()

    assert {"unused/references.bib", "broken/corpus.yaml"} <= not_indexed()
    (root / "unused" / "one.txt").write_text(
        "Title: Coffee\n\n" + "Coffee houses shaped public debate. " * 20
    )
    (root / "unused" / "references.bib").write_text("@misc{a, title={One}, file={:one.txt:text/plain}}\n")
    report = ingest(settings, [root], embedder=fake_embedder)
    assert "unused/references.bib" not in {Path(o.path).relative_to(root).as_posix() for o in report.outcomes}
    assert "unused/references.bib" not in not_indexed(), "the manifest describes a file now: its record went"
