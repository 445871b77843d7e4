"""The query path at library size: cached citations, one passage per text, catalog reads by key."""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import numpy as np
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


def by_score(ranked: list[tuple[str, float]]) -> list[set[str]]:
    """A ranking as its chunks grouped by score, best first: ties (scores within float noise of
    each other, as two of Chroma's code paths compute them) in any order; the last group left
    out, as a cut may fall inside it."""
    groups: list[tuple[float, set[str]]] = []
    for cid, score in sorted(ranked, key=lambda pair: -pair[1]):
        if groups and groups[-1][0] - score < 1e-4:
            groups[-1][1].add(cid)
        else:
            groups.append((score, {cid}))
    return [ids for _, ids in groups][:-1]


def spy_filtered_queries(engine: Any, monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The document sets Chroma's filtered query is asked with from now on."""
    filtered: list[set[str]] = []
    query = type(engine.vectors).query

    def spied(store, vector, n, doc_ids=None):  # type: ignore[no-untyped-def]
        if doc_ids is not None:
            filtered.append(doc_ids)
        return query(store, vector, n, doc_ids)

    monkeypatch.setattr(type(engine.vectors), "query", spied)
    return filtered


def test_a_few_documents_are_scored_by_their_stored_vectors_as_chromas_filtered_query_scores_them(
    many_works: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chroma's filtered query (80-180 ms at 100k chunks, however few documents it keeps) is not
    asked; the chunks of the documents kept come back as it ranks them."""
    engine = many_works.engine
    doc_ids = set(sorted(engine.catalog.document_ids())[:2])
    vector = engine.embedder.embed_query("customer3 routine7 leader1")
    expected = engine.vectors.query(vector, 20, doc_ids)
    filtered = spy_filtered_queries(engine, monkeypatch)
    found = engine.retrieve("customer3 routine7 leader1", "dense", 20, doc_ids)
    assert filtered == [], "Chroma's filtered query is not asked"
    assert by_score(found) == by_score(expected)
    hits = many_works.search("customer3 routine7", k=3, mode="hybrid", year_from=1990, year_to=1991)
    assert {h.year for h in hits} <= {1990, 1991} and hits, "a search filtered to two works"


def test_a_large_share_of_the_store_is_taken_from_an_unfiltered_query(
    many_works: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its nearest chunks, those of the documents kept, in its order: an approximate search as
    Chroma's filtered query is, finding (nearly) what scoring every allowed chunk finds."""
    monkeypatch.setattr("search_api.engine.EXACT_DOCUMENTS", 0)  # thirty small works: a share
    engine = many_works.engine
    doc_ids = set(sorted(engine.catalog.document_ids())[:24])
    vector = engine.embedder.embed_query("customer3 routine7 leader1")
    ids = [cid for chunk_ids in engine.catalog.chunk_ids_of(sorted(doc_ids)).values() for cid in chunk_ids]
    every = sorted(
        ((cid, float(np.dot(v, vector))) for cid, v in engine.vectors.get_vectors(ids).items()),
        key=lambda pair: -pair[1],
    )
    asked: list[int] = []
    query = type(engine.vectors).query

    def unfiltered(store, vector, n, doc_ids=None):  # type: ignore[no-untyped-def]
        assert doc_ids is None, "Chroma's filtered query is not asked"
        asked.append(n)
        return query(store, vector, n)

    monkeypatch.setattr(type(engine.vectors), "query", unfiltered)
    found = engine.retrieve("customer3 routine7 leader1", "dense", 20, doc_ids)
    assert asked == [math.ceil(20 * 1.5 * 30 / 24)], "depth x margin x the documents' share"
    assert len(found) == 20 and all(cid.rsplit(":", 1)[0] in doc_ids for cid, _ in found)
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)
    best = {cid for cid, _ in every[:20]}
    assert len(best & {cid for cid, _ in found}) >= 16, "about what scoring every allowed chunk finds"


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


def test_a_filtered_dense_query_over_a_store_smaller_than_asked_takes_what_it_returned(
    many_works: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unfiltered query that returns fewer chunks than asked has returned the whole store:
    the allowed documents' chunks among them are all there are, fewer than `depth` or not."""
    from search_api import engine as engine_module

    monkeypatch.setattr(engine_module, "EXACT_DOCUMENTS", 0)
    engine = many_works.engine
    doc_ids = set(sorted(engine.catalog.document_ids())[:24])
    depth = 2 * engine.vectors.count()  # more than the store holds
    vector = engine.embedder.embed_query("trail2 leader8")
    expected = engine.vectors.query(vector, depth, doc_ids)
    filtered = spy_filtered_queries(engine, monkeypatch)
    found = engine.retrieve("trail2 leader8", "dense", depth, doc_ids)
    assert filtered == [], "Chroma's filtered query is not asked"
    assert by_score(found) == by_score(expected) and len(found) == len(expected)


def test_a_filter_keeping_hundreds_of_one_chunk_documents_is_scored_by_stored_vectors(
    tmp_path: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zotero items indexed by their abstracts are one chunk each: a collection of 150 of them
    holds fewer chunks than a long paper, and is scored without Chroma's filter."""
    folder = tmp_path / "abstracts"
    folder.mkdir()
    vocabulary = [f"{stem}{n}" for stem in ("service", "logic", "actor") for n in range(40)]
    for n in range(160):
        draw = random.Random(n)
        (folder / f"abstract{n:03d}.txt").write_text(
            " ".join(draw.choice(vocabulary) for _ in range(60)) + "\n"
        )
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    assert ingest(settings, [folder], embedder=fake_embedder).count("ingested") == 160
    corpus = Corpus(settings=settings)
    try:
        corpus.engine.embedder = fake_embedder
        engine = corpus.engine
        doc_ids = set(sorted(engine.catalog.document_ids())[:150])
        assert engine.catalog.chunk_total(doc_ids) == 150
        vector = engine.embedder.embed_query("service3 actor17")
        expected = engine.vectors.query(vector, 20, doc_ids)
        monkeypatch.setattr("search_api.engine.UNFILTERED_CHUNKS", 0)  # no unfiltered query either
        filtered = spy_filtered_queries(engine, monkeypatch)
        assert by_score(engine.retrieve("service3 actor17", "dense", 20, doc_ids)) == by_score(expected)
        assert filtered == []
    finally:
        corpus.close()
