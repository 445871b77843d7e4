"""The query path at library size: cached citations, one passage per text, catalog reads by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_core.models import Metadata, Person
from corpus_core.settings import load_settings
from indexing.run import ingest
from search_api import Corpus, citation_cache
from search_api.citation_cache import render_forms
from search_api.citations import Citation

BODY = (
    "Value co-creation happens when a learning organization invites customers into its routines. "
    "Leaders make room for experiments and share what the experiments teach. "
)


@pytest.fixture
def corpus(tmp_path: Path, fake_embedder) -> Corpus:
    folder = tmp_path / "papers"
    folder.mkdir()
    text = "Title: Learning organizations and customers\nAuthors: Chung, Yin Min\nYear: 2009\n\n" + BODY * 30
    (folder / "paper.txt").write_text(text)
    (folder / "paper.md").write_text(text.replace("routines.", "routines!") + "\nAccepted manuscript.\n")
    (folder / "other.txt").write_text("Title: Running shoes on trails\n\n" + "Shoes grip wet stones. " * 60)
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == 3 and report.linked == 1, report.outcomes
    opened = Corpus(settings=settings)
    yield opened
    opened.close()


def test_a_passage_in_two_versions_of_a_work_is_shown_once(corpus: Corpus) -> None:
    hits = corpus.search("learning organization customers experiments", k=5, mode="lexical")
    assert hits[0].title == "Learning organizations and customers"
    assert len([h for h in hits if h.title == hits[0].title]) == 1
    texts = [p.text for p in hits[0].passages]
    assert len(texts) == len(set(texts))
    assert len({p.doc_id for p in hits[0].passages}) == 1 or len(hits[0].passages) == 1, (
        "the same passage from the .md version must not be listed again under the work"
    )


def test_a_passage_in_a_text_and_a_pdf_version_is_cited_from_the_pdf(tmp_path: Path, fake_embedder) -> None:
    """The text version gives no printed page; the same passage in the work's PDF does."""
    from tests.corpus.layouts import Layout, render

    folder = tmp_path / "papers"
    folder.mkdir()
    text = "Title: Learning organizations and customers\n\nAuthors: Chung, Yin Min\n\nYear: 2009\n\n"
    text += "\n\n".join(f"{BODY} Paragraph {n} ends here." for n in range(30))
    (folder / "paper.txt").write_text(text)
    # The PDF says "stops" where the text version says "ends here": the query's "ends" ranks the
    # text version's chunks first, and the passage must still be cited from the PDF.
    render(text.replace(" ends here.", " stops."), Layout("plain", first_number=101), folder / "paper.pdf")
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == 2 and report.linked == 1, report.outcomes
    corpus = Corpus(settings=settings)
    try:
        for mode in ("lexical",):
            hit = corpus.search("learning organization customers experiments ends here", k=1, mode=mode)[0]
            assert all(p.page for p in hit.passages), (mode, [(p.doc_id, p.page) for p in hit.passages])
            assert hit.page and hit.page in hit.in_text
    finally:
        corpus.close()


def test_citations_are_rendered_once_and_follow_corrections(corpus: Corpus) -> None:
    first = corpus.search("learning organization customers", k=1, mode="lexical")[0]
    assert "(2009)" in first.citation
    cached = corpus.catalog.citation_forms([first.doc_id], "apa")
    assert cached and "(2009)" in cached[first.doc_id]["reference"]
    corpus.edit(first.doc_id, ["year=2011"])
    assert corpus.catalog.citation_forms([first.doc_id], "apa") == {}, "a changed record drops its forms"
    again = corpus.search("learning organization customers", k=1, mode="lexical")[0]
    assert "(2011)" in again.citation and "2011" in again.in_text


def test_forms_an_earlier_release_rendered_are_rendered_again(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored forms carry the rendering version: a release that renders differently does not serve them."""
    monkeypatch.setattr(citation_cache, "RENDERING", citation_cache.RENDERING - 1)
    first = corpus.search("learning organization customers", k=1, mode="lexical")[0]
    old = corpus.catalog.citation_forms([first.doc_id], "apa")[first.doc_id]["record"]
    monkeypatch.undo()
    corpus.search("learning organization customers", k=1, mode="lexical")
    new = corpus.catalog.citation_forms([first.doc_id], "apa")[first.doc_id]["record"]
    assert new != old


def test_in_text_templates_match_direct_rendering() -> None:
    citation = Citation("w", Metadata(title="Co-creation", authors=[Person("Chung", "Yin Min")], year=2009))
    for style in ("apa", "harvard", "chicago"):
        forms = render_forms(citation, style)
        for page in (None, "21", "3-4", "iii", "38–39"):
            assert forms.in_text_at(page) == citation.in_text(style, page), (style, page)


def test_search_reads_only_the_rows_it_found(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the query path must not read every document")

    monkeypatch.setattr(corpus.catalog, "work_map", forbidden)
    monkeypatch.setattr(corpus.catalog, "works", forbidden)
    monkeypatch.setattr(corpus.catalog, "chunks", forbidden)
    assert corpus.search("shoes on wet stones", k=3, mode="lexical")[0].title == "Running shoes on trails"
    filtered = corpus.search("learning customers shoes", k=3, mode="lexical", author="chung", year_from=2000)
    assert [h.title for h in filtered] == ["Learning organizations and customers"]
