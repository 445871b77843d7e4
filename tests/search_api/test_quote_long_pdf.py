"""Short quotations from deep inside a long PDF are found on their printed page.

Its own module: the quote tests beside it patch the query encoder for their whole module.
"""

from __future__ import annotations

import random

import pytest

from corpus_core.models import Document
from search_api import Corpus
from search_api.quotes import QuoteFinder
from tests.conftest import IngestedStore


def _deep_quotations(document: Document, words: int, count: int) -> list[tuple[str, str]]:
    """(printed page, quotation) pairs: `words` words from the middle of pages 21 on, each
    unique in the text."""
    pick = random.Random(2)
    found = []
    for span in document.pages[20:]:
        tokens = document.text[span.start : span.end].split()
        if len(tokens) < 60:
            continue
        at = pick.randrange(10, len(tokens) - 30)
        quotation = " ".join(tokens[at : at + words])
        if document.text.count(quotation) == 1:
            found.append((span.label or str(span.number), quotation))
    return pick.sample(found, min(count, len(found)))


@pytest.mark.integration
def test_short_quotations_from_deep_inside_a_117_page_pdf_are_found(ingested_store: IngestedStore) -> None:
    """The lecture script's vocabulary repeats page after page: a seven-word quotation can rank below a
    dozen chunks sharing its words. Every one must come back from its work, on its printed page."""
    corpus = Corpus(ingested_store.path)
    try:
        work = next(w for w in corpus.documents() if any("GeoTopo" in f for f in w.files))
        document = corpus.catalog.document(work.doc_id)
        assert len(document.pages) == 117
        quotations = _deep_quotations(document, words=7, count=30)
        assert len(quotations) >= 25
        finder = QuoteFinder(corpus.catalog, corpus.engine, corpus.settings.search.mode)
        missed = []
        for page, quotation in quotations:
            located = finder.locate(quotation, None, 1)
            if not located or located[0].document.doc_id != work.doc_id or page not in located[0].pages():
                missed.append((page, quotation, located[0].score if located else None))
        assert not missed, missed
    finally:
        corpus.close()
