"""The query path at library size: cached citations, one passage per text, catalog reads by key."""

from __future__ import annotations

import random
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


@pytest.fixture
def many_works(tmp_path: Path, fake_embedder) -> Corpus:
    """Thirty works of words drawn at random, each in a few chunks: filtered dense queries have to choose."""
    folder = tmp_path / "many"
    folder.mkdir()
    vocabulary = [f"{stem}{n}" for stem in ("customer", "routine", "leader", "trail") for n in range(50)]
    for n in range(30):
        draw = random.Random(n)
        words = " ".join(draw.choice(vocabulary) for _ in range(1200))
        (folder / f"work{n:02d}.txt").write_text(f"Title: Work number {n}\nYear: {1990 + n}\n\n{words}\n")
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    report = ingest(settings, [folder], embedder=fake_embedder)
    assert report.count("ingested") == 30, report.outcomes
    opened = Corpus(settings=settings)
    opened.engine.embedder = fake_embedder  # queries in the store's own vector space
    yield opened
    opened.close()


def by_score(ranked: list[tuple[str, float]]) -> list[tuple[float, set[str]]]:
    """A ranking as its scores, best first, each with the chunks that have it (ties in any order);
    the last score's chunks left out, as a cut may fall among them."""
    groups: dict[float, set[str]] = {}
    for cid, score in ranked:
        groups.setdefault(round(score, 5), set()).add(cid)
    return [(score, ids) for score, ids in groups.items()][:-1]


@pytest.mark.parametrize("share", [2, 24])
def test_a_filtered_dense_query_finds_what_chromas_filtered_query_finds_without_it(
    many_works: Corpus, share: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A few documents' chunks are scored by their stored vectors, a large share of the store is
    taken from an unfiltered query: Chroma's filtered query (80-180 ms at 100k chunks, however
    few documents it keeps) answers neither, and both give its answer."""
    engine = many_works.engine
    doc_ids = set(sorted(engine.catalog.document_ids())[:share])
    vector = engine.embedder.embed_query("customer3 routine7 leader1")
    expected = engine.vectors.query(vector, 20, doc_ids)
    filtered: list[set[str]] = []
    query = type(engine.vectors).query

    def spied(store, vector, n, doc_ids=None):  # type: ignore[no-untyped-def]
        if doc_ids is not None:
            filtered.append(doc_ids)
        return query(store, vector, n, doc_ids)

    monkeypatch.setattr(type(engine.vectors), "query", spied)
    found = engine.retrieve("customer3 routine7 leader1", "dense", 20, doc_ids)
    assert filtered == [], "Chroma's filtered query is not asked"
    assert by_score(found) == by_score(expected)
    hits = many_works.search("customer3 routine7", k=3, mode="hybrid", year_from=1990, year_to=1991)
    assert {h.year for h in hits} <= {1990, 1991} and hits, "a search filtered to two works"


def test_a_filtered_dense_query_falls_back_to_chromas_filter_when_too_few_are_left(
    many_works: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unfiltered query's nearest chunks may hold too few of the allowed documents'."""
    from search_api import engine as engine_module

    monkeypatch.setattr(engine_module, "SHARE_MARGIN", 0.05)  # ask for far fewer than the share holds
    monkeypatch.setattr(engine_module, "EXACT_DOCUMENTS", 0)
    engine = many_works.engine
    engine.forget()
    doc_ids = set(sorted(engine.catalog.document_ids())[:20])
    vector = engine.embedder.embed_query("leader4 trail9")
    expected = engine.vectors.query(vector, 30, doc_ids)
    assert by_score(engine.retrieve("leader4 trail9", "dense", 30, doc_ids)) == by_score(expected)
