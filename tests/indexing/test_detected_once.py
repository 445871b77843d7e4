"""A run the CLI's quick check started takes the check's detection instead of detecting again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import indexing.early_start
import indexing.ingest
import indexing.run
from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings, load_settings
from indexing.catalog import Catalog
from indexing.early_start import discarded_unless_taken
from indexing.run import ingest, start_early


def _paper(folder: Path, n: int) -> None:
    body = f"Paragraph {n} on how teams learn from customers in workshop {n}. " * 30
    (folder / f"paper{n}.txt").write_text(f"Title: Paper {n} on learning\n\n{body}", encoding="utf-8")


@pytest.fixture
def settings(tmp_path: Path, fake_embedder) -> Settings:
    """A store holding papers 0 and 1 of `tmp_path/papers`, where papers 2 and 3 are new."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for n in range(2):
        _paper(folder, n)
    settings = load_settings(store=tmp_path / "store")
    assert ingest(settings, [folder], embedder=fake_embedder).count("ingested") == 2
    for n in range(2, 4):
        _paper(folder, n)
    return settings


@pytest.fixture
def detections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of each `detect_changes` call from the check and the run's plan."""
    calls: list[str] = []
    real = indexing.changes.detect_changes

    def counted(catalog: Catalog, settings: Settings, paths: list[Path], *args: bool) -> object:
        calls.append(",".join(p.name for p in paths))
        return real(catalog, settings, paths, *args)

    monkeypatch.setattr(indexing.run, "detect_changes", counted)
    monkeypatch.setattr(indexing.ingest, "detect_changes", counted)
    return calls


def _checked_run(settings: Settings, fake_embedder, between: Callable[[], None] = lambda: None) -> None:
    """The CLI's sequence over the papers: its quick check (kept), `between`, then the run."""
    folder = settings.store.parent / "papers"
    with discarded_unless_taken(settings.store):
        assert start_early(settings, [folder], parse_now=False, keep=True) == 2
        between()
        report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == 2 and report.count("unchanged") == 2


def test_the_run_the_cli_checked_detects_once(
    settings: Settings, detections: list[str], fake_embedder
) -> None:
    _checked_run(settings, fake_embedder)
    assert detections == ["papers"], "the plan detected again what the check had just detected"
    assert start_early(settings, [settings.store.parent / "papers"], parse_now=False) == 0


def test_a_catalog_written_after_the_check_is_detected_again(
    settings: Settings, detections: list[str], fake_embedder
) -> None:
    def edit() -> None:  # as `corpus edit` writes while a run starts
        other = Catalog(StoreLayout(settings.store).catalog)
        other.bump_generation()
        other.close()

    _checked_run(settings, fake_embedder, edit)
    assert detections == ["papers", "papers"]


def test_a_run_of_other_inputs_or_without_keep_detects_again(
    settings: Settings, detections: list[str], fake_embedder
) -> None:
    folder = settings.store.parent / "papers"
    with discarded_unless_taken(settings.store):
        assert start_early(settings, [folder], parse_now=False, keep=True) == 2
        report = ingest(settings, [folder / "paper2.txt"], embedder=fake_embedder)
    assert detections == ["papers", "paper2.txt"] and report.count("ingested") == 1
    assert not indexing.early_start._DETECTED, "the check's detection was dropped, not left for a later run"
    assert start_early(settings, [folder], parse_now=False) == 1
    _paper(folder, 5)  # a script's check, then files change, then its run: it sees them
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == 2 and detections[-1] == "papers" and len(detections) == 4


def test_a_check_that_found_nothing_to_do_keeps_nothing(settings: Settings, fake_embedder) -> None:
    folder = settings.store.parent / "papers"
    assert ingest(settings, [folder], embedder=fake_embedder).count("ingested") == 2
    with discarded_unless_taken(settings.store):
        assert start_early(settings, [folder], parse_now=False, keep=True) == 0
        assert not indexing.early_start._DETECTED
    with discarded_unless_taken(settings.store):
        start_early(settings, [folder / "paper0.txt", folder / "paper9.txt"], parse_now=False, keep=True)
    assert not indexing.early_start._DETECTED, "a run that never came leaves no kept detection"
