"""Printed page numbers inferred from page edges when a PDF defines no page labels."""

from __future__ import annotations

from pathlib import Path

from corpus.loading.loaders import load_file
from corpus.loading.page_numbers import printed_page_labels
from corpus_core.settings import LoadingSettings


def test_agreeing_edge_numbers_give_printed_pages() -> None:
    pages = [
        f"Journal of Testing, Vol. 14, No. 2\nBody text of page {i}.\nDownloaded on 12 May 2021\n{244 + i}"
        for i in range(1, 5)
    ]
    pages[2] = "Body text without a footer.\nMore text."
    assert printed_page_labels(pages) == ["245", "246", "247", "248"]


def test_numbers_that_do_not_move_with_pages_are_ignored() -> None:
    pages = [f"Vol. 3 No. 2 (2019)\nText of the page {i}.\nCopyright 2019" for i in range(5)]
    assert printed_page_labels(pages) == []
    assert printed_page_labels(["only one page 17"]) == []


def test_physical_numbers_when_pages_are_numbered_from_one(pdfs_dir: Path) -> None:
    raw = load_file(pdfs_dir / "multicolumn.pdf", LoadingSettings())
    assert raw.page_labels == ["1", "2", "3"]
