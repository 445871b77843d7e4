"""A translated book in a store, through the paths writers take: a search's citation and `corpus check`.

The book's PDF names its translator on its title page and its original on its imprint page
(`corpus.metadata.translation`); the store is built by the real run loop. APA 7 (8.15, 9.39-9.41)
cites it "(Piaget & Inhelder, 1966/1969)" with "(H. Weaver, Trans.)" and "(Original work published
1966)" in its reference; a draft that gives one year alone is told to give both.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corpus_core.settings import load_settings
from search_api import Corpus
from tests.corpus.layouts import book_pdf
from tests.corpus.test_translations import PIAGET_IMPRINT, PIAGET_TITLE
from tests.search_api.writing_corpus import QueryEmbedder, WritingCorpus, open_corpus

BODY = (
    "Children pass through stages of cognitive development. In the sensorimotor stage the child "
    "learns through perception and movement, and object permanence appears before language. "
) * 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    from indexing.run import ingest

    base = tmp_path_factory.mktemp("translated")
    folder = base / "papers"
    folder.mkdir()
    book_pdf(folder / "piaget-inhelder.pdf", PIAGET_TITLE, PIAGET_IMPRINT, BODY)
    settings = load_settings(store=base / "store")
    settings.runner.prepare_workers = 0
    embedder = QueryEmbedder()
    report = ingest(settings, [folder], embedder=embedder)
    assert [o.status for o in report.outcomes] == ["ingested"], report.outcomes
    with open_corpus(WritingCorpus(folder, settings, {}, embedder)) as opened:
        yield opened


def test_a_search_cites_the_translation_with_its_translator_and_its_original(corpus: Corpus) -> None:
    hit = corpus.search("object permanence before language", k=10)[0]
    assert hit.in_text.startswith("(Piaget & Inhelder, 1966/1969"), hit.in_text
    assert hit.citation == (
        "Piaget, J., & Inhelder, B. (1969). The psychology of the child (H. Weaver, Trans.). "
        "Basic Books. (Original work published 1966)"
    )


def test_a_draft_citing_the_translation_by_one_year_is_told_to_give_both(corpus: Corpus) -> None:
    draft = (
        "Object permanence comes first (Piaget & Inhelder, 1966/1969, p. 3). Language follows "
        "(Piaget & Inhelder, 1969, p. 4), as Piaget and Inhelder (1966) argue.\n"
    )
    report = corpus.check(draft, style="apa", source="draft.md")
    checks = [(c.text, c.status, c.original_year, c.year, c.pages) for c in report.citations]
    assert checks == [
        ("(Piaget & Inhelder, 1966/1969, p. 3)", "ok", "1966", "1969", "3"),
        ("(Piaget & Inhelder, 1969, p. 4)", "year_differs", "", "1969", "4"),
        ("Piaget and Inhelder (1966)", "year_differs", "", "1966", ""),
    ], checks
    assert report.citations[1].message == "first published 1966: APA cites both years, 1966/1969"
    assert report.citations[1].suggested == "(Piaget & Inhelder, 1966/1969, p. 4)"
    assert (
        report.citations[2].message
        == "the corpus has this work as 1969, first published 1966: cite both years"
    )
    harvard = corpus.check(draft, style="harvard", source="draft.md")
    assert [c.status for c in harvard.citations] == ["ok", "ok", "year_differs"], "only APA asks for both"
