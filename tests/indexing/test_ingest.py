"""Ingestion steps against a real Chroma store and catalog, with a fake embedder (no model)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from corpus_core.errors import ConfigError, StoreAccessError, StoreLockedError
from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings
from indexing.catalog import READY
from indexing.ingest import Ingestor, IngestReport
from indexing.lock import write_lock
from indexing.prepare import Prepared
from indexing.run import ingest, start_early
from tests.indexing.reports import statuses

PARAGRAPH = (
    "Organisations that learn together with their customers create value in new ways. "
    "The learning organization is a context for value co-creation, and leadership enables it. "
)


RERUN = {"a.txt": "unchanged", "b.txt": "unchanged", "empty.txt": "failed", "slides.key": "skipped"}
"""What a run over the `folder` fixture's files reports once they are stored."""


def run(settings: Settings, embedder, paths: list[Path], prune: bool = False) -> IngestReport:
    return ingest(settings, paths, prune, embedder=embedder)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "papers"
    root.mkdir()
    (root / "a.txt").write_text("Title: Learning together\n\n" + PARAGRAPH * 6)
    (root / "b.txt").write_text(
        "Title: Running shoes\n\n" + "Shoes for running fast on roads and trails. " * 30
    )
    (root / "empty.txt").write_text("")
    (root / "slides.key").write_bytes(b"PK")
    return root


def test_first_run_ingests_and_reports_bad_files(settings: Settings, folder: Path, fake_embedder) -> None:
    report = run(settings, fake_embedder, [folder])
    assert statuses(report) == {
        "a.txt": "ingested",
        "b.txt": "ingested",
        "empty.txt": "failed",
        "slides.key": "skipped",
    }
    failed = next(o for o in report.outcomes if o.status == "failed")
    assert failed.reason == "file is empty"
    assert fake_embedder.calls == 1, "one embedding call across documents"


def test_rerun_changes_nothing_and_embeds_nothing(settings: Settings, folder: Path, fake_embedder) -> None:
    run(settings, fake_embedder, [folder])
    ingestor = Ingestor(settings, embedder=fake_embedder)
    before = (ingestor.vectors.count(), len(ingestor.catalog.chunks()))
    ingestor.catalog.close()
    calls = fake_embedder.calls
    report = run(settings, fake_embedder, [folder])
    assert statuses(report)["a.txt"] == "unchanged"
    assert statuses(report)["b.txt"] == "unchanged"
    assert fake_embedder.calls == calls
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert (ingestor.vectors.count(), len(ingestor.catalog.chunks())) == before


def test_changed_file_replaces_its_chunks(settings: Settings, folder: Path, fake_embedder) -> None:
    first = run(settings, fake_embedder, [folder])
    old_id = next(o.doc_id for o in first.outcomes if o.path.endswith("a.txt"))
    (folder / "a.txt").write_text(
        "Title: Learning apart\n\n" + "Completely different text about tea ceremonies. " * 40
    )
    second = run(settings, fake_embedder, [folder])
    new_id = next(o.doc_id for o in second.outcomes if o.path.endswith("a.txt"))
    assert statuses(second)["a.txt"] == "ingested" and new_id != old_id
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert ingestor.catalog.chunks(old_id) == []
    assert ingestor.vectors.query(fake_embedder.embed_query("customers"), 50, {old_id}) == []
    assert ingestor.catalog.chunks(new_id)
    assert ingestor.vectors.count() == len(ingestor.catalog.chunks())


def test_exact_duplicate_is_stored_once(settings: Settings, folder: Path, fake_embedder) -> None:
    shutil.copy(folder / "a.txt", folder / "a-copy.txt")
    report = run(settings, fake_embedder, [folder])
    assert sorted([statuses(report)["a-copy.txt"], statuses(report)["a.txt"]]) == ["duplicate", "ingested"]
    ingestor = Ingestor(settings, embedder=fake_embedder)
    doc_id = next(o.doc_id for o in report.outcomes if o.path.endswith("a.txt"))
    assert len(ingestor.catalog.document_ids()) == 2
    assert sorted(Path(p).name for p in ingestor.catalog.files_of(doc_id)) == ["a-copy.txt", "a.txt"]


def test_prune_removes_documents_of_deleted_files(settings: Settings, folder: Path, fake_embedder) -> None:
    first = run(settings, fake_embedder, [folder])
    gone = next(o.doc_id for o in first.outcomes if o.path.endswith("b.txt"))
    (folder / "b.txt").unlink()
    kept = run(settings, fake_embedder, [folder])
    assert "b.txt" not in statuses(kept)
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert ingestor.catalog.chunks(gone), "without --prune the document stays"
    ingestor.catalog.close()
    pruned = run(settings, fake_embedder, [folder], prune=True)
    assert statuses(pruned)["b.txt"] == "removed"
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert ingestor.catalog.chunks(gone) == []
    assert ingestor.vectors.query(fake_embedder.embed_query("shoes"), 50, {gone}) == []
    assert ingestor.lexical.query("shoes running", 10) == []


def test_prune_leaves_the_documents_of_a_folder_that_is_missing(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    """A folder that is not there (a drive not mounted, a share down) is not a folder emptied:
    a nightly `--prune` run keeps its documents and reports the folder; an empty folder of the
    same name prunes them."""
    first = run(settings, fake_embedder, [folder])
    stored = {o.doc_id for o in first.outcomes if o.status == "ingested"}
    unmounted = folder.with_name(folder.name + "-away")
    folder.rename(unmounted)
    report = run(settings, fake_embedder, [folder], prune=True)
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("failed", "no such file or folder: nothing under it is pruned")
    ]
    ingestor = Ingestor(settings, embedder=fake_embedder)
    try:
        assert set(ingestor.catalog.document_ids()) == stored
    finally:
        ingestor.close()
    folder.mkdir()
    emptied = run(settings, fake_embedder, [folder], prune=True)
    assert {o.status for o in emptied.outcomes} == {"removed"}


def test_a_moved_file_keeps_its_document_under_its_new_path(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    """A library reorganised into folders: nothing is parsed or encoded again, no --prune is
    needed, and the works are listed and cited under the paths their files have now."""
    first = run(settings, fake_embedder, [folder])
    doc_id = next(o.doc_id for o in first.outcomes if o.path.endswith("a.txt"))
    calls = fake_embedder.calls
    (folder / "2019").mkdir()
    moved = folder / "2019" / "learning-together.txt"
    (folder / "a.txt").rename(moved)
    assert start_early(settings, [folder], parse_now=False) == 1, "the CLI's quick check sees the move"
    report = run(settings, fake_embedder, [folder])
    outcome = next(o for o in report.outcomes if o.path == str(moved))
    assert (outcome.status, outcome.doc_id) == ("moved", doc_id)
    assert outcome.reason == f"moved from {folder / 'a.txt'}"
    assert outcome.chunks > 0 and fake_embedder.calls == calls
    ingestor = Ingestor(settings, embedder=fake_embedder)
    try:
        assert ingestor.catalog.files_of(doc_id) == [str(moved)]
        assert ingestor.catalog.document(doc_id).source == str(moved)
        assert ingestor.catalog.file(str(folder / "a.txt")) is None
    finally:
        ingestor.close()
    pruned = run(settings, fake_embedder, [folder], prune=True)
    assert statuses(pruned)["learning-together.txt"] == "unchanged"
    ingestor = Ingestor(settings, embedder=fake_embedder)
    try:
        assert ingestor.catalog.document_status(doc_id) == READY
    finally:
        ingestor.close()


def test_a_moved_file_that_failed_keeps_its_failure_unread(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a PDF at all\n" * 20)
    first = run(settings, fake_embedder, [folder])
    assert statuses(first)["broken.pdf"] == "failed"
    (folder / "old").mkdir()
    (folder / "broken.pdf").rename(folder / "old" / "broken-2019.pdf")
    report = run(settings, fake_embedder, [folder])
    moved = next(o for o in report.outcomes if o.path.endswith("broken-2019.pdf"))
    assert moved.status == "failed"
    assert moved.reason.endswith(f"(unchanged since; moved from {folder / 'broken.pdf'})"), moved.reason
    ingestor = Ingestor(settings, embedder=fake_embedder)
    try:
        failed = [r.path for r in ingestor.catalog.files() if r.status == "failed"]
        assert sorted(failed) == [str(folder / "empty.txt"), str(folder / "old" / "broken-2019.pdf")]
    finally:
        ingestor.close()


def test_a_copy_beside_its_original_is_no_move(settings: Settings, folder: Path, fake_embedder) -> None:
    run(settings, fake_embedder, [folder])
    shutil.copy(folder / "a.txt", folder / "a (1).txt")
    assert start_early(settings, [folder], parse_now=False) == 1, "the CLI's quick check sees the copy"
    report = run(settings, fake_embedder, [folder])
    assert (statuses(report)["a (1).txt"], statuses(report)["a.txt"]) == ("duplicate", "unchanged")
    ingestor = Ingestor(settings, embedder=fake_embedder)
    try:
        assert ingestor.catalog.file(str(folder / "a.txt")).status == "ingested"  # type: ignore[union-attr]
    finally:
        ingestor.close()
    assert start_early(settings, [folder], parse_now=False) == 0, "a recorded copy is nothing to do"


def test_a_run_from_another_folder_finds_the_same_files(
    settings: Settings, folder: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`corpus ingest papers` by hand, then a schedule or a script from elsewhere: one record per file."""
    monkeypatch.chdir(folder.parent)
    first = run(settings, fake_embedder, [Path(folder.name)])
    assert {o.path for o in first.outcomes} == {str(folder / name) for name in statuses(first)}
    calls = fake_embedder.calls
    monkeypatch.chdir(settings.store.parent)
    (settings.store.parent / "elsewhere").mkdir()
    monkeypatch.chdir(settings.store.parent / "elsewhere")
    again = run(settings, fake_embedder, [folder])
    assert statuses(again) == RERUN
    assert fake_embedder.calls == calls


def test_relative_paths_an_earlier_release_recorded_become_absolute(
    settings: Settings, folder: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)
    first = run(settings, fake_embedder, [folder])
    doc_id = next(o.doc_id for o in first.outcomes if o.path.endswith("a.txt"))
    prefix = f"{folder.parent}/"
    with closing(sqlite3.connect(StoreLayout(settings.store).catalog)) as db, db:
        for table, column in (("files", "path"), ("documents", "source")):
            db.execute(f"UPDATE {table} SET {column} = substr({column}, ?)", (len(prefix) + 1,))
        relative = f"{folder.name}/a.txt"
        db.execute("INSERT INTO labelled_files VALUES (?, 'zotero.sqlite', 'K1', '[]', '[]')", (relative,))
        db.execute("INSERT INTO labels VALUES (?, 'tag', 'teams')", (relative,))
    calls = fake_embedder.calls
    report = run(settings, fake_embedder, [Path(folder.name)])
    assert statuses(report) == RERUN
    empty = next(o for o in report.outcomes if o.path.endswith("empty.txt"))
    assert empty.reason.endswith("(unchanged since)")
    assert fake_embedder.calls == calls
    ingestor = Ingestor(settings, embedder=fake_embedder)
    try:
        assert ingestor.catalog.files_of(doc_id) == [str(folder / "a.txt")]
        assert ingestor.catalog.document(doc_id).source == str(folder / "a.txt")
        assert sorted(r.path for r in ingestor.catalog.files()) == sorted(str(p) for p in folder.iterdir())
    finally:
        ingestor.close()
    with closing(sqlite3.connect(StoreLayout(settings.store).catalog)) as db:
        assert db.execute("SELECT path FROM labelled_files").fetchall() == [(str(folder / "a.txt"),)]
        assert db.execute("SELECT path FROM labels").fetchall() == [(str(folder / "a.txt"),)]


def test_interrupted_document_is_redone(settings: Settings, folder: Path, fake_embedder) -> None:
    ingestor = Ingestor(settings, embedder=fake_embedder)
    plan = ingestor.plan([folder])
    prepared = ingestor.prepare(next(p for p in plan.to_process if p.path.endswith("a.txt")))
    ingestor.catalog.begin_document(prepared.document, prepared.chunks, prepared.document.doc_id, [])
    ingestor.catalog.close()
    report = run(settings, fake_embedder, [folder])
    assert statuses(report)["a.txt"] == "ingested"
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert ingestor.catalog.unfinished_documents() == []
    assert ingestor.catalog.document_status(prepared.document.doc_id) == "ready"


def test_a_document_an_earlier_release_left_indexing_is_redone(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    ingestor = Ingestor(settings, embedder=fake_embedder)
    plan = ingestor.plan([folder])
    prepared = ingestor.prepare(next(p for p in plan.to_process if p.path.endswith("a.txt")))
    ingestor.catalog.begin_document(prepared.document, prepared.chunks, prepared.document.doc_id, [])
    ingestor.catalog.close()
    with closing(sqlite3.connect(StoreLayout(settings.store).catalog)) as db, db:
        db.execute("UPDATE documents SET status = 'indexing'")  # what releases before BEGUN wrote
    report = run(settings, fake_embedder, [folder])
    assert statuses(report)["a.txt"] == "ingested"
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert ingestor.catalog.document_status(prepared.document.doc_id) == READY
    ingestor.close()


def test_marking_a_document_ready_does_not_write_its_text_again(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "report.txt").write_text("Title: A long report\n\n" + PARAGRAPH * 1200)
    ingestor = Ingestor(settings, embedder=fake_embedder)
    [prepared] = _prepared(ingestor, folder)
    doc_id = prepared.document.doc_id
    text_pages = len(prepared.document.text.encode()) // 4096
    assert text_pages >= 40
    ingestor.catalog.begin_document(prepared.document, prepared.chunks, doc_id, [])
    with closing(sqlite3.connect(StoreLayout(settings.store).catalog)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an empty WAL: what follows is the finish alone
        ingestor.catalog.finish_document(doc_id)
        _, wal_frames, _ = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert ingestor.catalog.document_status(doc_id) == READY
    assert wal_frames < text_pages / 4, f"{wal_frames} pages written to mark a {text_pages}-page text ready"
    ingestor.close()


def test_a_passage_is_stored_once_and_read_back_exactly(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    sentence = "Naïve café learning — co-creation 😀 in Kraków, 学习型组织. "
    (folder / "report.txt").write_text("Title: Café notes\n\n" + (sentence * 12 + "\n\n") * 150)
    ingestor = Ingestor(settings, embedder=fake_embedder)
    [prepared] = _prepared(ingestor, folder)
    doc_id = prepared.document.doc_id
    text_pages = len(prepared.document.text.encode()) // 4096
    assert text_pages >= 30 and len(prepared.chunks) >= 20
    with closing(sqlite3.connect(StoreLayout(settings.store).catalog)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an empty WAL: what follows is the begin alone
        ingestor.catalog.begin_document(prepared.document, prepared.chunks, doc_id, [])
        _, wal_frames, _ = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert wal_frames < 2 * text_pages, f"{wal_frames} pages written for a {text_pages}-page text"
    ingestor.catalog.finish_document(doc_id)
    texts = [c.text for c in prepared.chunks]
    assert [c.text for c in ingestor.catalog.chunks(doc_id)] == texts
    by_id = ingestor.catalog.chunks_by_id(c.chunk_id for c in reversed(prepared.chunks))
    assert [by_id[c.chunk_id].text for c in prepared.chunks] == texts
    ingestor.close()


def _prepared(ingestor: Ingestor, folder: Path) -> list[Prepared]:
    plan = ingestor.plan([folder])
    return [p for p in (ingestor.prepare(f) for f in plan.to_process) if isinstance(p, Prepared)]


def test_a_batch_whose_catalog_write_fails_leaves_no_lexical_entries(
    settings: Settings, folder: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingestor = Ingestor(settings, embedder=fake_embedder)
    batch = _prepared(ingestor, folder)

    def full_disk(writes: object) -> None:
        raise StoreAccessError("catalog write failed (database or disk is full)")

    monkeypatch.setattr(ingestor.catalog, "begin_documents", full_disk)
    with pytest.raises(StoreAccessError):
        ingestor.write(batch, ingestor.embed(batch))
    ingestor.lexical.commit()  # the chunks were added before the catalog write: they must be gone
    assert len(ingestor.lexical) == 0
    assert ingestor.vectors.count() == 0
    ingestor.close()


def test_a_batch_whose_vectors_fail_is_redone_without_leftovers(
    settings: Settings, folder: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingestor = Ingestor(settings, embedder=fake_embedder)
    batch = _prepared(ingestor, folder)

    def refused(chunks: object, vectors: object) -> None:
        raise StoreAccessError("Chroma upsert failed at test: disk full")

    monkeypatch.setattr(ingestor.vectors, "upsert", refused)
    with pytest.raises(StoreAccessError):
        ingestor.write(batch, ingestor.embed(batch))
    assert sorted(ingestor.catalog.unfinished_documents()) == sorted(p.document.doc_id for p in batch)
    ingestor.close()

    report = run(settings, fake_embedder, [folder])
    assert statuses(report)["a.txt"] == statuses(report)["b.txt"] == "ingested"
    ingestor = Ingestor(settings, embedder=fake_embedder)
    assert ingestor.catalog.unfinished_documents() == []
    stored = {c.chunk_id for c in ingestor.catalog.chunks()}
    assert len(ingestor.lexical) == len(stored) == ingestor.vectors.count()
    assert {chunk_id for chunk_id, _ in ingestor.lexical.query("running shoes learning", 100)} <= stored
    ingestor.close()


def test_the_lexical_commit_is_under_way_before_the_vectors_are_written(
    settings: Settings, folder: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A local Chroma holds the GIL through an upsert: a commit not begun by then waits for its end."""
    ingestor = Ingestor(settings, embedder=fake_embedder)
    batch = _prepared(ingestor, folder)
    assert len(batch) == 2
    events: list[str] = []
    commit, upsert = ingestor.lexical.commit, ingestor.vectors.upsert

    def committing() -> None:
        events.append("commit")
        commit()

    def writing(chunks: list, vectors: object) -> None:
        events.append("upsert")
        upsert(chunks, vectors)

    monkeypatch.setattr(ingestor.lexical, "commit", committing)
    monkeypatch.setattr(ingestor.vectors, "upsert", writing)
    for part in (batch[:1], batch[1:]):  # the second finds the commit thread idle, as every later batch does
        ingestor.write(part, ingestor.embed(part))
    assert events == ["commit", "upsert", "commit", "upsert"]
    assert len(ingestor.lexical) == ingestor.vectors.count() == sum(len(p.chunks) for p in batch)
    ingestor.close()


def test_failed_file_is_retried_next_run(settings: Settings, folder: Path, fake_embedder) -> None:
    run(settings, fake_embedder, [folder])
    (folder / "empty.txt").write_text("Now it has text. " + PARAGRAPH * 5)
    report = run(settings, fake_embedder, [folder])
    assert statuses(report)["empty.txt"] == "ingested"


def test_lexical_index_follows_ingestion(settings: Settings, folder: Path, fake_embedder) -> None:
    run(settings, fake_embedder, [folder])
    ingestor = Ingestor(settings, embedder=fake_embedder)
    hits = ingestor.lexical.query("running shoes trails", 5)
    assert hits and hits[0][0].startswith(
        next(o for o in ingestor.catalog.files() if o.path.endswith("b.txt")).doc_id
    )


TEA = "Tea Ceremonies and Organizational Memory"
TEA_TEXT = "Tea ceremonies in Kyoto firms keep the memory of past decisions alive. " * 12


def _tea_docx(folder: Path) -> str:
    import docx

    document = docx.Document()
    document.core_properties.title = TEA
    document.core_properties.author = "Aiko Mori"
    document.add_heading(TEA, 0)
    document.add_paragraph(TEA_TEXT)
    document.save(str(folder / "tea.docx"))
    return "tea.docx"


def _tea_rtf(folder: Path) -> str:
    info = rb"{\info{\title " + TEA.encode() + rb"}{\author Aiko Mori}}"
    (folder / "tea.rtf").write_bytes(rb"{\rtf1\ansi" + info + rb"\pard " + TEA_TEXT.encode() + rb"\par}")
    return "tea.rtf"


@pytest.mark.parametrize("write", [_tea_docx, _tea_rtf], ids=["docx", "rtf"])
def test_a_word_or_rtf_file_in_the_folder_is_ingested_with_its_record(
    settings: Settings, folder: Path, fake_embedder, write
) -> None:
    name = write(folder)
    report = run(settings, fake_embedder, [folder])
    assert statuses(report)[name] == "ingested"
    ingestor = Ingestor(settings, embedder=fake_embedder)
    doc_id = next(o.doc_id for o in report.outcomes if o.path.endswith(name))
    stored = ingestor.catalog.document(doc_id)
    assert (stored.format, stored.metadata.title) == (Path(name).suffix[1:], TEA)
    assert [person.family for person in stored.metadata.authors] == ["Mori"]
    hits = ingestor.lexical.query("tea ceremonies kyoto memory", 5)
    assert hits and hits[0][0].startswith(doc_id)


def test_second_writer_is_refused(settings: Settings) -> None:
    with (
        write_lock(settings.store),
        pytest.raises(StoreLockedError, match="another ingestion"),
        write_lock(settings.store),
    ):
        pass


def test_store_refuses_another_model(settings: Settings, folder: Path, fake_embedder) -> None:
    run(settings, fake_embedder, [folder])
    other = settings.model_copy(
        update={"embedding": settings.embedding.model_copy(update={"model": "/models/x"})}
    )
    with pytest.raises(ConfigError, match=r"built with embedding\.model"):
        Ingestor(other, embedder=fake_embedder)


def test_quick_check_counts_only_real_work(settings: Settings, folder: Path, fake_embedder) -> None:
    from indexing.run import start_early

    def pending_files(settings: Settings, paths: list[Path], prune: bool = False) -> int:
        return start_early(settings, paths, prune, parse_now=False)

    assert pending_files(settings, [folder]) > 0, "no store yet"
    run(settings, fake_embedder, [folder])
    assert pending_files(settings, [folder]) == 0, "empty.txt failed the same way it would again"
    (folder / "a.txt").write_text("Title: Learning together\n\n" + PARAGRAPH * 7)
    assert pending_files(settings, [folder]) == 1
    run(settings, fake_embedder, [folder])
    (folder / "b.txt").unlink()
    assert pending_files(settings, [folder]) == 0
    assert pending_files(settings, [folder], prune=True) == 1
    rechunked = settings.model_copy(
        update={"chunking": settings.chunking.model_copy(update={"max_tokens": 100})}
    )
    assert pending_files(rechunked, [folder]) == 2, "new chunking settings reprocess every document"
    report = run(rechunked, fake_embedder, [folder])
    assert statuses(report)["a.txt"] == "ingested"


def test_worker_processes_prepare_exactly_what_the_flow_process_would(
    settings: Settings, folder: Path, fake_embedder, tmp_path: Path
) -> None:
    pooled = settings.model_copy(deep=True)
    pooled.store = tmp_path / "pooled"
    pooled.runner.prepare_workers = 2
    in_process = run(settings, fake_embedder, [folder])
    in_pool = run(pooled, fake_embedder, [folder])
    assert statuses(in_process) == statuses(in_pool)

    def chunks(store_settings: Settings) -> list[tuple[str, int, int, str]]:
        ingestor = Ingestor(store_settings, embedder=fake_embedder)
        try:
            return [(c.chunk_id, c.start, c.end, c.page_label) for c in ingestor.catalog.chunks()]
        finally:
            ingestor.close()

    assert chunks(settings) == chunks(pooled)


def test_a_near_duplicate_in_a_later_run_joins_the_work(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    body = " ".join(f"Sentence {i} about organisations that learn with customers." for i in range(120))
    (first / "paper.txt").write_text("Title: Learning with customers\n\n" + body)
    (second / "preprint.txt").write_text("Preprint version\n\n" + body + " An added closing line.")
    run(settings, fake_embedder, [first])
    report = run(settings, fake_embedder, [second])
    assert report.linked == 1, (
        "found through the LSH bands stored in the catalog, not by reloading signatures"
    )


def test_a_correction_makes_a_new_generation_that_a_reader_follows(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    """`corpus edit` in one process; a service already open on the store sees the corrected record."""
    from indexing.catalog import Catalog
    from search_api import Corpus

    run(settings, fake_embedder, [folder])
    reader = Corpus(settings=settings)
    writer = Corpus(settings=settings)
    try:
        work = writer.documents()[0].doc_id
        reader.search("learning", k=1, mode="lexical")  # the reader is serving: its indexes are open
        before = Catalog(settings.store / "catalog.sqlite").generation()
        writer.edit(work, ["year=1999"])
        assert Catalog(settings.store / "catalog.sqlite").generation() > before
        assert reader.follow_store(), "the reader notices the new generation"
        assert reader.show(work).metadata.year == 1999
    finally:
        reader.close()
        writer.close()


def test_a_transient_failure_is_retried_by_the_next_run(
    settings: Settings, folder: Path, fake_embedder
) -> None:
    """A file whose task was lost (a Dask worker died, the scheduler failed) is not skipped next time."""
    from corpus_core.runs import FileOutcome
    from indexing.run import run_ingest, start_early

    class LostTasks:
        def run(self, tasks):
            for task in tasks:
                yield FileOutcome(
                    task.planned.path, "failed", reason="distributed task failed", transient=True
                )

        def close(self, wait: bool = True) -> None:
            return None

    with write_lock(settings.store):
        ingestor = Ingestor(settings, embedder=fake_embedder)
        ingestor.remote = LostTasks()
        try:
            report = run_ingest(ingestor, [folder], False)
        finally:
            ingestor.close()
    assert report.count("failed") > 0
    assert start_early(settings, [folder], parse_now=False) == report.count("failed"), "all tried again"
    again = run(settings, fake_embedder, [folder])
    assert again.count("ingested") > 0


def _works_seen(catalog_path: Path) -> tuple[int, list[tuple[str, str]]]:
    """What a reader in another process sees: the store's generation and every work's record."""
    with closing(sqlite3.connect(catalog_path)) as db:
        generation = db.execute("SELECT value FROM settings WHERE key = 'generation'").fetchone()
        works = db.execute("SELECT work_id, metadata FROM works ORDER BY work_id").fetchall()
    return int(generation[0]) if generation else 0, works


def test_a_reader_that_sees_a_new_generation_sees_its_works_records(
    settings: Settings, folder: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service caches what it reads under the store's generation (citation graph, filters).

    Each commit that makes documents searchable, or removes them, is looked at by a reader right
    after it; whenever that reader's generation is still the store's at the end of the write, the
    works it read must be the final ones, or the service would keep a stale view of them.
    """
    from indexing.catalog import Catalog

    catalog_path = StoreLayout(settings.store).catalog
    seen: list[tuple[int, list[tuple[str, str]]]] = []
    for name in ("finish_documents", "delete_documents"):
        original = getattr(Catalog, name)

        def looked_at(self: Catalog, *args, original=original, **kwargs):  # type: ignore[no-untyped-def]
            result = original(self, *args, **kwargs)
            seen.append(_works_seen(catalog_path))
            return result

        monkeypatch.setattr(Catalog, name, looked_at)

    def no_stale_view() -> None:
        assert seen, "the run committed nothing a reader could look at"
        after = _works_seen(catalog_path)
        stale = [view for view in seen if view[0] == after[0] and view[1] != after[1]]
        assert not stale, "a reader at the final generation read works records that changed after"
        seen.clear()

    run(settings, fake_embedder, [folder])
    no_stale_view()  # new works
    (folder / "b.txt").unlink()
    (folder / "c.txt").write_text("Title: Learning together again\n\n" + PARAGRAPH * 5)
    report = run(settings, fake_embedder, [folder], prune=True)
    assert statuses(report)["b.txt"] == "removed" and statuses(report)["c.txt"] == "ingested"
    no_stale_view()  # a work gone, another one's record rebuilt
