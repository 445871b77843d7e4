"""A long-lived reader (the search service) follows ingestion runs made by another process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus_core.settings import load_settings
from indexing.run import ingest
from search_api import Corpus

ROOT = Path(__file__).resolve().parents[2]
TEA = "Tea ceremonies in Kyoto teach patience: whisking matcha, folding the fukusa cloth. " * 12
LEARNING = "Organisations that learn with their customers create value together in new ways. " * 12


def _ingest_elsewhere(store: Path, folder: Path, prune: bool = False) -> None:
    """Run an ingestion in another Python process, as `corpus ingest` would."""
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from corpus_core.settings import load_settings
        from indexing.run import ingest
        report = ingest(load_settings(store=Path({str(store)!r})), [Path({str(folder)!r})], prune={prune})
        assert not [o for o in report.outcomes if o.status == "failed"], report.outcomes
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def _titles(corpus: Corpus, query: str, mode: str) -> list[str]:
    return [hit.title for hit in corpus.search(query, k=5, mode=mode)]


@pytest.mark.slow
@pytest.mark.integration
def test_reader_sees_works_added_and_removed_by_another_process(tmp_path: Path) -> None:
    store, folder = tmp_path / "store", tmp_path / "papers"
    folder.mkdir()
    (folder / "learning.txt").write_text("Title: Learning with customers\n\n" + LEARNING)
    ingest(load_settings(store=store), [folder])
    corpus = Corpus(store)
    try:
        assert "Kyoto tea ceremonies and patience" not in _titles(corpus, "matcha tea ceremony", "hybrid")

        (folder / "tea.txt").write_text("Title: Kyoto tea ceremonies and patience\n\n" + TEA)
        _ingest_elsewhere(store, folder)
        for mode in ("dense", "lexical", "hybrid"):
            assert _titles(corpus, "matcha tea ceremony", mode)[0] == "Kyoto tea ceremonies and patience", (
                mode
            )

        (folder / "tea.txt").unlink()
        _ingest_elsewhere(store, folder, prune=True)
        for mode in ("dense", "lexical", "hybrid"):
            assert "Kyoto tea ceremonies and patience" not in _titles(corpus, "matcha tea ceremony", mode), (
                mode
            )
    finally:
        corpus.close()
