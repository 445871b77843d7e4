"""Chunking: token limits, overlap, exact offsets, and pages computed from offsets."""

from __future__ import annotations

from itertools import pairwise

from corpus.structure.chunking import chunk_document, sentence_spans
from corpus_core.models import Document, Metadata, PageSpan


def words(texts: list[str]) -> list[int]:
    return [len(t.split()) for t in texts]


def make_doc(pages: list[str], references_start: int | None = None) -> Document:
    text = "\n\n".join(pages)
    spans, offset = [], 0
    for number, page in enumerate(pages, start=1):
        spans.append(PageSpan(number, offset, offset + len(page)))
        offset += len(page) + 2
    return Document(
        doc_id="d1",
        source="x.pdf",
        content_hash="d1",
        format="pdf",
        text=text,
        pages=spans,
        metadata=Metadata(),
        references_start=references_start,
    )


def sentence(i: int) -> str:
    return f"Sentence number {i} talks about organisational learning and value."


def test_sentences_respect_abbreviations_and_paragraphs() -> None:
    text = "Senge et al. (1990) said so. Vargo, S.L. and Lusch, R.F. agree!\n\nA new paragraph"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Senge et al. (1990) said so.",
        "Vargo, S.L. and Lusch, R.F. agree!",
        "A new paragraph",
    ]


def test_chunks_fit_the_limit_and_overlap() -> None:
    doc = make_doc([" ".join(sentence(i) for i in range(40))])
    chunks = chunk_document(doc, words, max_tokens=50, overlap_tokens=12)
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.text.split()) <= 50
        assert doc.text[chunk.start : chunk.end] == chunk.text
    for first, second in pairwise(chunks):
        assert second.start < first.end, "neighbours overlap"
        assert second.start > first.start
    assert chunks[-1].end == len(doc.text)
    assert [c.chunk_id for c in chunks[:2]] == ["d1:00000", "d1:00001"]


def test_pages_come_from_offsets_even_with_overlap() -> None:
    pages = [" ".join(sentence(i + 10 * p) for i in range(10)) for p in range(4)]
    doc = make_doc(pages)
    chunks = chunk_document(doc, words, max_tokens=40, overlap_tokens=15)
    for chunk in chunks:
        first = next(p.number for p in doc.pages if p.start <= chunk.start < p.end + 2)
        last = next(p.number for p in doc.pages if p.start <= chunk.end - 1 < p.end + 2)
        assert (chunk.page_start, chunk.page_end) == (first, last)
        expected = {int(n) // 10 + 1 for n in __import__("re").findall(r"number (\d+)", chunk.text)}
        assert set(range(chunk.page_start, chunk.page_end + 1)) == expected
    assert chunks[-1].page_end == 4


def test_long_sentence_is_split_and_references_are_left_out() -> None:
    body = "word " * 130 + "end."
    refs = "References\n\nVargo, S.L. and Lusch, R.F. (2004), Evolving to a new dominant logic."
    doc = make_doc([body + "\n\n" + refs], references_start=len(body) + 2)
    chunks = chunk_document(doc, words, max_tokens=50, overlap_tokens=0)
    assert len(chunks) == 3
    assert all(len(c.text.split()) <= 50 for c in chunks)
    assert all("Vargo" not in c.text for c in chunks)


def word_pieces(texts: list[str]) -> list[int]:
    """A tokenizer's cost: long words (numbers, run-together URLs) cost one token per 4 characters."""
    return [sum(len(w) // 4 + 1 for w in t.split()) for t in texts]


def test_a_sentence_of_costly_words_is_cut_to_the_limit_by_tokens_not_words() -> None:
    """Equal-word pieces of a sentence whose long words cluster at its end would overflow the limit."""
    body = "word " * 200 + " ".join(f"{i:03d}" + "x" * 97 for i in range(40)) + " end."
    doc = make_doc([body])
    chunks = chunk_document(doc, word_pieces, max_tokens=128, overlap_tokens=0)
    assert all(word_pieces([c.text])[0] <= 128 for c in chunks), [word_pieces([c.text])[0] for c in chunks]
    assert " ".join(c.text for c in chunks).split() == body.split(), "every word kept, in order"


def test_real_tokenizer_counts_model_tokens() -> None:
    from corpus_core.settings import EmbeddingSettings
    from indexing.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(EmbeddingSettings())
    counts = embedder.count_tokens(["value co-creation", "organizational learning"])
    assert counts == [4, 2]
    doc = make_doc([" ".join(sentence(i) for i in range(60))])
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=64, overlap_tokens=8)
    assert max(embedder.count_tokens([c.text for c in chunks])) <= 64
