"""A run's record lists what happened to each file it changed, and counts the files it left alone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from corpus_core.layout import StoreLayout
from corpus_core.settings import load_settings
from indexing.catalog import Catalog
from indexing.run import ingest


def test_a_run_over_an_unchanged_library_records_a_count_not_every_file(
    tmp_path: Path, fake_embedder
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    for n in range(40):
        body = f"Paragraph {n} on how team {n} learns from its customers in workshops. " * 20
        (folder / f"paper{n}.txt").write_text(f"Title: Paper {n} on learning\n\n{body}", encoding="utf-8")
    settings = load_settings(store=tmp_path / "store")
    assert ingest(settings, [folder], embedder=fake_embedder).count("ingested") == 40
    (folder / "paper40.txt").write_text("Title: A new paper\n\n" + "Customers teach the team. " * 40)
    (folder / "notes.xyz").write_text("not a paper")
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("unchanged") == 40 and report.count("ingested") == 1 and report.count("skipped") == 1
    catalog = Catalog(StoreLayout(settings.store).catalog)
    assert catalog.stats().last_run["counts"] == {"ingested": 1, "skipped": 1, "unchanged": 40}
    catalog.close()
    db = sqlite3.connect(StoreLayout(settings.store).catalog)
    (stored,) = db.execute("SELECT report FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()
    db.close()
    recorded = json.loads(stored)
    assert sorted(r["status"] for r in recorded) == ["ingested", "skipped", "unchanged"]
    assert len(recorded) == 3, f"{len(recorded)} entries: each unchanged file listed"
    assert {r["path"] for r in recorded if "path" in r} == {
        str(folder / "paper40.txt"),
        str(folder / "notes.xyz"),
    }
