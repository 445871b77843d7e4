"""The citation graph on a corpus built to cite itself (neighbours known by construction) and on the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from corpus.structure.references import parse_reference
from corpus_core.errors import NotFoundError, UsageError
from corpus_core.layout import StoreLayout
from corpus_core.models import Reference
from corpus_core.settings import Settings, load_settings
from indexing.catalog import Catalog
from indexing.run import ingest
from indexing.vector_store import ChromaStore
from search_api import Corpus
from search_api import graph as graph_module
from search_api.citations import Citation, format_bibliography
from search_api.graph import CitationGraph, citation_graph, reference_key, reference_metadata
from search_api.work_vectors import WorkVectors
from tests.conftest import FakeEmbedder
from tests.search_api.citing_corpus import REF, TITLES, X_KEY, Y_KEY, Z_KEY, write_citing_corpus


def citing_settings(root: Path) -> Settings:
    settings = load_settings(store=root / "store")
    settings.runner.prepare_workers = 0
    return settings


@pytest.fixture(scope="module")
def citing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, dict[str, str]]]:
    """The five-work citing corpus, ingested with the fake embedder; letter -> work id."""
    root = tmp_path_factory.mktemp("citing")
    write_citing_corpus(root / "papers")
    settings = citing_settings(root)
    report = ingest(settings, [root / "papers"], embedder=FakeEmbedder())
    assert {o.status for o in report.outcomes} == {"ingested"}
    corpus = Corpus(settings=settings)
    ids = {
        letter: next(w.work_id for w in corpus.documents() if w.title == t) for letter, t in TITLES.items()
    }
    yield corpus, ids
    corpus.close()


def ids_of(nodes) -> list[str]:
    return [n.id for n in nodes]


def test_refs_resolve_to_the_cited_works_in_list_order(citing) -> None:
    corpus, w = citing
    expected = {
        "A": [X_KEY],
        "B": [w["A"], X_KEY, Z_KEY],
        "C": [w["A"], w["B"], X_KEY, Z_KEY],
        "D": [Y_KEY, w["C"], X_KEY, w["A"]],
        "E": [],
    }
    for letter, targets in expected.items():
        answer = corpus.refs(w[letter])
        assert [r.target.id for r in answer.references] == targets, letter
        assert answer.resolved == sum(not t.startswith("ref:") for t in targets)
        assert answer.work.id == w[letter] and answer.work.in_corpus
    short = corpus.refs(w["C"]).references[0]
    assert short.reference == REF["A-short"], "the main title alone still names work A"
    assert short.target.title == TITLES["A"]


def test_one_missing_work_cited_two_ways_is_one_node(citing) -> None:
    corpus, w = citing
    answer = corpus.citing(Z_KEY)
    assert sorted(ids_of(answer.citing)) == sorted([w["B"], w["C"]])
    assert not answer.node.in_corpus
    assert answer.node.title.endswith("between two documents"), "the richer entry is kept"
    assert (
        reference_key(
            Reference(
                raw="", authors=["Small, H. G."], year=1973, title="Co-citation in the scientific literature"
            )
        )
        == Z_KEY
    )


def test_cited_by_inside_the_corpus_is_newest_first(citing) -> None:
    corpus, w = citing
    assert ids_of(corpus.citing(w["A"]).citing) == [w["D"], w["C"], w["B"]]
    assert ids_of(corpus.citing(X_KEY).citing) == [w["D"], w["C"], w["B"], w["A"]]
    assert corpus.citing(w["E"]).citing == []


def test_co_cited_counts_the_works_citing_both(citing) -> None:
    corpus, w = citing
    answer = corpus.co_cited(w["A"])
    assert answer.cited_by == 3
    ranked = [(c.node.id, c.count) for c in answer.co_cited]
    assert ranked == [(X_KEY, 3), (Z_KEY, 2), (w["C"], 1), (w["B"], 1), (Y_KEY, 1)]
    assert sorted(answer.co_cited[1].citing) == sorted([w["B"], w["C"]])
    assert [c.node.id for c in corpus.co_cited(w["A"], limit=2).co_cited] == [X_KEY, Z_KEY]
    assert {c.node.id for c in corpus.co_cited(Y_KEY).co_cited} == {w["C"], X_KEY, w["A"]}


def test_a_reference_cited_by_several_works_is_resolved_once(citing, monkeypatch) -> None:
    """A library's reference lists repeat what they cite: each distinct entry is matched once."""
    corpus, _ = citing
    entries = [ref for _, _, refs in corpus.catalog.references() for ref in refs]
    distinct = {(r.title, "" if r.title else r.raw, tuple(r.authors[:1]), r.year) for r in entries}
    calls = []
    resolve = graph_module._Resolver.resolve
    monkeypatch.setattr(
        graph_module._Resolver, "resolve", lambda self, ref: calls.append(ref) or resolve(self, ref)
    )
    built = CitationGraph.build(corpus.catalog)
    assert len(calls) == len(distinct) < len(entries)  # X alone is cited by four works
    shared = citation_graph(corpus.catalog)  # the graph the other tests read
    assert built.cites == shared.cites and built.entries == shared.entries
    assert sorted(built.graph.edges) == sorted(shared.graph.edges)


def test_missing_ranks_by_citing_works_and_exports(citing) -> None:
    corpus, w = citing
    answer = corpus.missing()
    assert [(m.node.id, m.count) for m in answer.missing] == [(X_KEY, 4), (Z_KEY, 2)]
    assert answer.missing[0].citing == sorted(w[x] for x in "ABCD")
    assert {m.node.id for m in corpus.missing(min_citing=1).missing} == {X_KEY, Y_KEY, Z_KEY}
    assert corpus.missing(limit=1).total == 2 and len(corpus.missing(limit=1).missing) == 1
    bibtex = corpus.missing_bibliography(answer, "bibtex")
    assert "@article{price1965networks," in bibtex
    assert "journal = {Science}" in bibtex and "year = {1965}" in bibtex
    assert bibtex.count("@article{") == 2
    ris = corpus.missing_bibliography(answer, "ris")
    assert ris.count("TY  - JOUR") == 2 and "AU  - Small, H." in ris
    with pytest.raises(UsageError):
        corpus.missing(min_citing=0)


def test_related_says_what_contributed(citing) -> None:
    corpus, w = citing
    by_refs = corpus.related(w["B"], reference_weight=1.0)
    top = by_refs.related[0]
    assert top.work.id == w["C"]
    assert (top.references, top.shared) == (0.75, 3), "B and C share A, X and Z out of A, B, X, Z"
    scores = {r.work.id: r for r in by_refs.related}
    assert w["E"] not in scores, "sharing no reference, E scores 0 by references alone"
    assert scores[w["D"]].because == "references"
    mixed = {r.work.id: r for r in corpus.related(w["B"]).related}
    assert mixed[w["D"]].because == "text and references"
    assert mixed[w["E"]].because == "text" and mixed[w["E"]].references == 0
    by_text = corpus.related(w["B"], reference_weight=0.0)
    cosines = [r.vector for r in by_text.related]
    assert cosines == sorted(cosines, reverse=True) and all(c is not None for c in cosines)
    assert [r.score for r in by_text.related] == cosines
    no_refs = corpus.related(w["E"], reference_weight=0.9)
    assert no_refs.reference_weight == 0.0, "a work without a reference list is compared by text only"
    assert len(corpus.related(w["B"], k=2).related) == 2


def test_bad_ids_are_clean_errors(citing) -> None:
    corpus, _ = citing
    with pytest.raises(NotFoundError):
        corpus.refs("doesnotexist")
    with pytest.raises(NotFoundError, match="corpus refs"):
        corpus.co_cited("ref:nobody-1900-nothing")
    with pytest.raises(UsageError, match="not a work"):
        corpus.related(X_KEY)
    with pytest.raises(UsageError):
        corpus.related(citing[1]["A"], reference_weight=2.0)


def test_graph_is_built_once_per_store_generation(citing) -> None:
    corpus, _ = citing
    first = citation_graph(corpus.catalog)
    assert citation_graph(corpus.catalog) is first
    corpus.catalog.set_setting("generation", str(corpus.catalog.generation() + 1))
    assert citation_graph(corpus.catalog) is not first


class CountingVectors:
    """The real Chroma store, counting the chunk vectors read."""

    def __init__(self, inner: ChromaStore) -> None:
        self.inner = inner
        self.read: list[str] = []

    def get_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        self.read += chunk_ids
        return self.inner.get_vectors(chunk_ids)


def doc_of(catalog: Catalog, file_name: str) -> str:
    return next(d for d in catalog.document_ids() if catalog.files_of(d)[0].endswith(file_name))


def test_work_vectors_are_cached_and_updated_with_new_documents_only(tmp_path: Path) -> None:
    write_citing_corpus(tmp_path / "papers", works="AB")
    settings = citing_settings(tmp_path)
    embedder = FakeEmbedder()
    ingest(settings, [tmp_path / "papers"], embedder=embedder)
    layout = StoreLayout(settings.store)
    catalog = Catalog(layout.catalog)
    chroma = ChromaStore(settings.chroma, settings.store)
    vectors = CountingVectors(chroma)
    first = WorkVectors.load(layout, catalog, vectors)  # type: ignore[arg-type]
    assert layout.work_vectors.exists() and len(first.work_ids) == 2
    assert len(vectors.read) == sum(catalog.chunk_count(d) for d in catalog.document_ids())
    vectors.read.clear()
    again = WorkVectors.load(layout, catalog, vectors)  # type: ignore[arg-type]
    assert vectors.read == [] and np.allclose(again.matrix, first.matrix)

    write_citing_corpus(tmp_path / "papers", works="E")
    ingest(settings, [tmp_path / "papers"], embedder=embedder)
    grown = WorkVectors.load(layout, catalog, vectors)  # type: ignore[arg-type]
    assert vectors.read and {c.split(":")[0] for c in vectors.read} == {doc_of(catalog, "e_brown.txt")}
    assert len(grown.work_ids) == 3
    a_doc = doc_of(catalog, "a_smith.txt")
    stored = chroma.get_vectors([c.chunk_id for c in catalog.chunks(a_doc)])
    expected = np.mean(np.stack(list(stored.values())), axis=0)
    a_work = catalog.work_of(a_doc)
    assert np.allclose(
        grown.matrix[grown.work_ids.index(a_work)], expected / np.linalg.norm(expected), atol=1e-5
    )
    assert set(grown.cosines(a_work)) == set(grown.work_ids) - {a_work}
    catalog.close()


@pytest.mark.slow
@pytest.mark.integration
def test_seed_reference_list_makes_external_neighbours(seed_corpus: Corpus) -> None:
    """The 2019 manuscript is the one seed with a reference list: it cites no other seed."""
    work = next(w for w in seed_corpus.documents() if "learning organization as a context" in w.title.lower())
    refs = seed_corpus.refs(work.work_id)
    assert len(refs.references) >= 50 and refs.resolved == 0
    keys = [r.target.id for r in refs.references]
    assert len(set(keys)) == len(keys)
    vargo = [k for k in keys if k.startswith("ref:vargo-")]
    assert {k.split("-")[1] for k in vargo} == {"2004", "2008", "2016"}, (
        "three Vargo & Lusch works, three nodes"
    )
    evolving = "ref:vargo-2004-evolving-to-a-new-dominant-logic"
    assert evolving in keys
    assert ids_of(seed_corpus.citing(evolving).citing) == [work.work_id]
    co = seed_corpus.co_cited(evolving, limit=1000)
    assert co.cited_by == 1 and {c.count for c in co.co_cited} == {1}
    assert {c.node.id for c in co.co_cited} == set(keys) - {evolving}
    assert seed_corpus.missing().missing == [], "no reference is cited by two seeds"
    assert seed_corpus.missing(min_citing=1).total == len(keys)
    for other in seed_corpus.documents():
        if other.work_id != work.work_id:
            assert seed_corpus.refs(other.work_id).references == []
            assert seed_corpus.citing(other.work_id).citing == []
    related = seed_corpus.related(work.work_id)
    assert {r.work.id for r in related.related} == {w.work_id for w in seed_corpus.documents()} - {
        work.work_id
    }
    assert all(r.because == "text" and r.vector is not None for r in related.related)


def test_a_missing_chapter_is_exported_as_a_chapter_of_its_book() -> None:
    """A reference-list entry "In (Eds.), Book" is acquired as a book chapter, not as a journal article."""
    entry = (
        "Edmondson, A. C. (2002). Managing the risk of learning. In M. A. West (Ed.), International "
        "handbook of organizational teamwork (pp. 255–275). Wiley."
    )
    record = [Citation("edmondson", reference_metadata(parse_reference(entry)))]
    bibtex = format_bibliography(record, "bibtex")
    assert "@incollection{" in bibtex
    assert "booktitle = {International handbook of organizational teamwork}" in bibtex
    assert "TY  - CHAP" in format_bibliography(record, "ris")
