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


def test_pages_in_front_of_printed_page_one_have_no_number() -> None:
    """A cover (ResearchGate's, a publisher's) in front of an article that starts at page 1."""
    body = [f"Text of the page {i}, which goes on.\nMore text of it.\n{i}" for i in range(1, 6)]
    cover = "See discussions, stats, and author profiles for this publication at: x.org/1\nSEE PROFILE"
    assert printed_page_labels([cover, *body]) == ["", "1", "2", "3", "4", "5"]
    assert printed_page_labels([cover, "", *body]) == ["", "", "1", "2", "3", "4", "5"]
    assert printed_page_labels([cover, "", "", *body]) == [], "more than two unnumbered pages: not a cover"


def test_physical_numbers_when_pages_are_numbered_from_one(pdfs_dir: Path) -> None:
    raw = load_file(pdfs_dir / "multicolumn.pdf", LoadingSettings())
    assert raw.page_labels == ["1", "2", "3"]


def test_a_cover_page_before_the_article_has_no_printed_number(tmp_path: Path) -> None:
    """A digital archive's cover names the article's pages: counted back, it would be "127"."""
    from corpus.pipeline import prepare_document
    from corpus.structure.chunking import chunk_document
    from corpus_core.settings import load_settings
    from tests.corpus.layouts import Layout, render
    from tests.corpus.seed_texts import raw_seed

    cover = (
        "Organizational Learning and Customer Value: A Field Study",
        "Author(s): Peter Lindqvist and Maria Okafor",
        "Source: Administrative Science Quarterly, Vol. 35, No. 1 (Mar., 1990), pp. 128-152",
        "The cover of a digital archive lists the article's record and nothing of its text. " * 3,
    )
    layout = Layout("archive", cover=cover, first_number=128, number_at="top")
    rendered = render(raw_seed("001"), layout, tmp_path / "archived.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    assert document.metadata.pages == "128-152"
    labels = [page.label for page in document.pages]
    assert labels[:3] == ["", "128", "129"]
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 30, 5)
    on_cover = [c for c in chunks if c.page_end == 1]
    assert on_cover and all(c.page_label == "" for c in on_cover)
    across = [c for c in chunks if c.page_start == 1 and c.page_end == 2]
    assert all(c.page_label == "128" for c in across)
    assert all(c.page_label for c in chunks if c.page_start and c.page_start > 1)
