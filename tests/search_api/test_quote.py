"""`corpus quote` / `GET /quote`: unseen quotations from PDFs come back with their work and printed page.

The corpus is PDFs made from the seeds with numbered pages (`writing_corpus`); quotations are
taken from what was drawn on a known printed page, so the page each must be found on is known.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from corpus_core.errors import UsageError
from search_api import Corpus
from search_api.quotes import normalise, word_differences
from search_api.server import create_app
from tests.search_api.writing_corpus import (
    CHUNG,
    LEARNING,
    SUPPORT,
    WritingCorpus,
)

pytestmark = pytest.mark.slow


def test_normalising_keeps_a_map_to_the_stored_text() -> None:
    text = "The  “ﬁrst”\n— idea"
    folded, where = normalise(text)
    assert folded == 'the "first" - idea'
    assert text[where[folded.index("first")]] == "ﬁ" and text[where[-1]] == "a"
    assert [(d.quoted, d.source) for d in word_differences("a quick brown fox", "a quick red fox jumps")] == [
        ("brown", "red"),
        ("", "jumps"),
    ]


@pytest.mark.parametrize(
    ("name", "page", "line", "title", "in_text"),
    [
        ("learning", "106", 8, LEARNING, "(Dovey et al., 2019, p. 106)"),
        ("learning", "108", 20, LEARNING, "(Dovey et al., 2019, p. 108)"),
        ("chung", "20", 2, CHUNG, "(Chung, 2009, p. 20)"),
        ("support", "4", 4, SUPPORT, "p. 4)"),
    ],
)
def test_an_unseen_quotation_comes_back_with_its_work_and_printed_page(
    writing: WritingCorpus, corpus: Corpus, name: str, page: str, line: int, title: str, in_text: str
) -> None:
    quotation = writing.quotation(name, page, line)
    best = corpus.quote(quotation, k=3).matches[0]
    assert (best.title, best.page, best.closeness) == (title, page, "verbatim"), quotation
    assert best.in_text.endswith(in_text)
    assert " ".join(quotation.split()) in best.passage or best.score >= 97
    assert best.quote_with_citation == f"\u201c{best.passage}\u201d {best.in_text}"
    assert best.pdf_page is not None and best.passage in " ".join(best.context.split())


def test_a_close_paraphrase_is_found_with_its_differences(writing: WritingCorpus, corpus: Corpus) -> None:
    words = writing.quotation("learning", "109", 10, words=18).split()
    changed = " ".join([*words[:4], "really", *words[4:9], *words[10:]])
    best = corpus.quote(changed).matches[0]
    assert (best.title, best.page) == (LEARNING, "109")
    assert best.closeness == "close" and 90 <= best.score < 100
    assert ("really", "") in [(d.quoted, d.source) for d in best.differences]
    assert ("", words[9].strip(",.;:()")) in [(d.quoted, d.source) for d in best.differences]


def test_nothing_is_found_for_words_the_corpus_does_not_hold(corpus: Corpus) -> None:
    assert corpus.quote("zebra quantum harpsichord sediment volcanic trombone").matches == []
    with pytest.raises(UsageError):
        corpus.quote("  ... ")


def test_http_answers_what_python_returns(writing: WritingCorpus, corpus: Corpus) -> None:
    quotation = writing.quotation("learning", "107")
    client = TestClient(create_app(writing.settings, corpus))
    response = client.get("/quote", params={"q": quotation, "k": 2})
    assert response.status_code == 200, response.text
    assert response.json() == corpus.quote(quotation, 2).model_dump(mode="json")
    assert response.json()["matches"][0]["page"] == "107"
    assert (
        client.get("/quote", params={"q": "x" * (writing.settings.server.max_query_chars + 1)}).status_code
        == 422
    )
    assert client.get("/quote", params={"q": ""}).status_code == 422
