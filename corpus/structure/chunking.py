"""Sentence-aware chunks sized in model tokens, each keeping its offsets, pages and section.

Pages are computed from each chunk's own offsets (never carried over from the previous
chunk), so overlap across a page break cannot make page numbers drift.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from corpus_core.models import Chunk, Document, PageSpan

TokenCounter = Callable[[list[str]], list[int]]
"""Counts model tokens for each text of a batch (the embedding model's tokenizer)."""

SPACELESS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
"""Kana, CJK ideographs and full-width forms (a regex class body): scripts written without
spaces, where each character is a word of its own (the model's tokenizer splits them so)."""
_WORD = re.compile(rf"[{SPACELESS}]|[^\s{SPACELESS}]+")

_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    [
        "al",
        "et",
        "eg",
        "e.g",
        "ie",
        "i.e",
        "vs",
        "cf",
        "pp",
        "p",
        "no",
        "vol",
        "fig",
        "figs",
        "ed",
        "eds",
        "dr",
        "mr",
        "ms",
        "mrs",
        "prof",
        "st",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "ch",
        "sec",
    ]
)
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    tokens: int


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of text[start:end], paragraph breaks included."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    para_start = start
    for para_end, next_start in [
        *((m.start(), m.end()) for m in _PARAGRAPH.finditer(text, start, end)),
        (end, end),
    ]:
        cursor = para_start
        for match in _SENTENCE_END.finditer(text, para_start, para_end):
            if _is_abbreviation(text, cursor, match.start()):
                continue
            boundary = match.start() + len(match.group(0).rstrip())
            _append_trimmed(text, cursor, boundary, spans)
            cursor = match.end()
        _append_trimmed(text, cursor, para_end, spans)
        para_start = next_start
    return spans


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    # The run of word characters and dots just before `dot` (what `([\w.]+)$` finds in
    # text[start:dot]), read backwards: a forward search from `start` would rescan the
    # whole sentence for every abbreviation in it (quadratic on "Smith, J. (2019) ...").
    end = dot - 1 if dot - 1 >= start and text[dot - 1] == "\n" else dot
    begin = end
    while begin > start and (text[begin - 1] == "." or text[begin - 1].isalnum() or text[begin - 1] == "_"):
        begin -= 1
    if begin == end:
        return False
    token = text[begin:end].lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _split_long(text: str, span: tuple[int, int], tokens: int, max_tokens: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than the limit at word boundaries into near-equal pieces."""
    start, end = span
    pieces = -(-tokens // max_tokens)
    words = [m.span() for m in _WORD.finditer(text[start:end])]
    per_piece = max(1, -(-len(words) // pieces))
    out = []
    for i in range(0, len(words), per_piece):
        group = words[i : i + per_piece]
        out.append((start + group[0][0], start + group[-1][1]))
    return out


def _fitting_pieces(
    text: str, span: tuple[int, int], tokens: int, count_tokens: TokenCounter, max_tokens: int
) -> list[_Span]:
    """A long sentence in pieces of at most `max_tokens` tokens each, cut at word boundaries.

    Words cost unequal numbers of tokens (a long number or a run-together URL costs dozens), so
    equal-word pieces are counted again and any still over the limit is cut again; a piece of
    one word stays as it is (`loading.max_token_chars` bounds a word's length).
    """
    out: list[_Span] = []
    todo = [(span, tokens)]
    while todo:
        (start, end), n = todo.pop()
        pieces = _split_long(text, (start, end), n, max_tokens)
        if len(pieces) == 1 and pieces[0] == (start, end):
            out.append(_Span(start, end, n))
            continue
        counts = count_tokens([text[ps:pe] for ps, pe in pieces])
        for piece, count in zip(pieces, counts, strict=True):
            if count > max_tokens and piece != (start, end):
                todo.append((piece, count))
            else:
                out.append(_Span(piece[0], piece[1], count))
    return sorted(out, key=lambda s: s.start)


def chunk_document(
    doc: Document, count_tokens: TokenCounter, max_tokens: int, overlap_tokens: int
) -> list[Chunk]:
    """Split the document's body (reference list excluded) into overlapping chunks.

    Sentences are packed greedily up to `max_tokens`; each next chunk starts with the
    last sentences of the previous one, up to `overlap_tokens`.
    """
    raw_spans = sentence_spans(doc.text, 0, doc.body_end)
    if not raw_spans:
        return []
    counts = count_tokens([doc.text[s:e] for s, e in raw_spans])
    spans: list[_Span] = []
    for (s, e), n in zip(raw_spans, counts, strict=True):
        if n <= max_tokens:
            spans.append(_Span(s, e, n))
            continue
        spans.extend(_fitting_pieces(doc.text, (s, e), n, count_tokens, max_tokens))

    chunks: list[Chunk] = []
    i = 0
    while i < len(spans):
        j, total = i, 0
        while j < len(spans) and (j == i or total + spans[j].tokens <= max_tokens):
            total += spans[j].tokens
            j += 1
        chunks.append(_make_chunk(doc, len(chunks), spans[i].start, spans[j - 1].end))
        if j >= len(spans):
            break
        back, carried = j, 0
        while back - 1 > i and carried + spans[back - 1].tokens <= overlap_tokens:
            back -= 1
            carried += spans[back].tokens
        i = back
    return chunks


def _make_chunk(doc: Document, index: int, start: int, end: int) -> Chunk:
    first, last = doc.page_at(start), doc.page_at(end - 1)
    return Chunk(
        chunk_id=f"{doc.doc_id}:{index:05d}",
        doc_id=doc.doc_id,
        index=index,
        text=doc.text[start:end],
        start=start,
        end=end,
        page_start=first.number if first else None,
        page_end=last.number if last else None,
        section=doc.section_at(start),
        page_label=_page_label(doc, first, last) if doc.cites_pages else "",
        ocr=bool(first and last and any(span.ocr for span in doc.pages[first.number - 1 : last.number])),
    )


def _page_label(doc: Document, first: PageSpan | None, last: PageSpan | None) -> str:
    """Printed page (or range) of a chunk, falling back to physical numbers (`Document.printed_pages`)."""
    if first is None:
        return ""
    pages = doc.printed_pages(first, last or first)
    if not pages:
        return ""
    return pages[0] if pages[0] == pages[-1] else f"{pages[0]}-{pages[-1]}"
