"""Linking a new document to a work compares it with a bounded number of stored documents."""

from __future__ import annotations

from pathlib import Path

from corpus.dedup import LSH_ROWS, lsh_bands
from corpus_core.models import Document, Metadata, PageSpan
from indexing.catalog import LINK_CANDIDATES, Catalog, DocumentWrite
from indexing.linking import WorkLinker

SIGNATURE = list(range(128))


def _differing(bands: int) -> list[int]:
    """SIGNATURE with its first `bands` LSH bands changed: it shares the others with SIGNATURE."""
    return [v + 1000 if i < bands * LSH_ROWS else v for i, v in enumerate(SIGNATURE)]


def _document(doc_id: str, title: str) -> Document:
    text = f"{title}. Dialogue with customers became a learning routine."
    return Document(
        doc_id, f"{doc_id}.txt", doc_id, "txt", text, [PageSpan(1, 0, len(text))], Metadata(title=title)
    )


def _store(catalog: Catalog, documents: list[tuple[str, str, str, list[int]]]) -> None:
    """(doc_id, title, work_id, signature) of each document, written and finished in one batch."""
    catalog.begin_documents(
        [DocumentWrite(_document(doc_id, title), [], work, sig) for doc_id, title, work, sig in documents]
    )
    catalog.finish_documents([d[0] for d in documents], [])


def test_a_band_thousands_of_documents_share_yields_a_bounded_list(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    many = 3 * LINK_CANDIDATES
    _store(
        catalog,
        [
            (f"d{n:03d}", f"Field report number {n} of the office", f"d{n:03d}", SIGNATURE)
            for n in range(many)
        ],
    )
    found = catalog.link_candidates("A report of another kind entirely", lsh_bands(SIGNATURE))
    assert len(found) == LINK_CANDIDATES and len(set(found)) == LINK_CANDIDATES, (
        f"{len(found)} candidates: every document sharing a band was compared"
    )
    assert "d005" not in catalog.link_candidates("Field report number 5 of the office", [], exclude="d005")
    catalog.close()


def test_the_same_title_comes_first_then_the_most_bands_shared(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    _store(
        catalog,
        [
            ("one", "A first report of the office on learning", "one", _differing(8)),
            ("five", "A second report of the office on learning", "five", _differing(4)),
            ("titled", "Customer dialogue as a learning routine", "titled", [v + 5000 for v in SIGNATURE]),
            ("none", "An unrelated paper on supply chains", "none", [v + 9000 for v in SIGNATURE]),
        ],
    )
    found = catalog.link_candidates("Customer Dialogue as a Learning Routine", lsh_bands(SIGNATURE))
    assert found == ["titled", "five", "one"]
    assert catalog.link_candidates(
        "Customer dialogue as a learning routine", lsh_bands(SIGNATURE), limit=2
    ) == [
        "titled",
        "five",
    ]
    catalog.close()


def test_a_version_of_a_work_of_many_documents_joins_it(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    versions = 2 * LINK_CANDIDATES
    _store(
        catalog,
        [(f"v{n:03d}", f"Draft {n} of the chapter on learning", "work", SIGNATURE) for n in range(versions)],
    )
    _store(
        catalog, [("other", "An unrelated paper on supply chains", "other", [v + 9000 for v in SIGNATURE])]
    )
    linker = WorkLinker(catalog)
    linker.begin_batch()
    assert linker.work_for(_document("new", "The final chapter on learning"), SIGNATURE) == "work"
    assert (
        linker.work_for(_document("apart", "A paper on logistics"), [v + 7000 for v in SIGNATURE]) == "apart"
    )
    catalog.close()
