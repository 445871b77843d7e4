"""Where a quotation or a close paraphrase sits in the corpus: the work, its printed page, the passage.

Candidates come from the store's retrievers (BM25 and dense, as `search.mode` says), limited
to one work's documents when the quotation's source is known: the best `CANDIDATES` first,
and only when none of them holds the quotation (even with small differences), a second pass
over the next ones and BM25's own best `MORE_CANDIDATES` (a quotation is word for word, and
in a long PDF whose vocabulary repeats, a short one can rank below a dozen chunks sharing
its words). Each candidate chunk (with the
start of the next, so a quotation across a chunk edge is whole) is aligned with the quotation
by `rapidfuzz.fuzz.partial_ratio_alignment` on a normalised copy (case, typographic quotes,
dashes, ligatures and spacing folded) that keeps a map back to the stored text. The exact
character offsets then give the printed page through the document's page spans, the way
chunks get theirs (`corpus.structure.chunking`). Closeness: "verbatim" when the words are the same,
"close" from `CLOSE_SCORE`, else "paraphrase"; differences are listed word by word.

    finder = QuoteFinder(catalog, engine, "hybrid")
    best = finder.locate("organisations learn through dialogue", doc_ids=None, k=3)[0]
    best.page, best.passage, best.closeness
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from corpus_core.errors import UsageError
from corpus_core.models import Document
from indexing.catalog import Catalog
from search_api.citations import Citation
from search_api.draft_citations import quote_segments
from search_api.engine import Mode, SearchEngine, document_of
from search_api.paragraphs import paragraph_numbers, paragraph_text
from search_api.results import WorkKeyed

if TYPE_CHECKING:
    from search_api.service import Corpus

CLOSE_SCORE = 90.0
"""Alignment score (0-100) from which a quotation counts as found with small differences."""
MIN_SCORE = 60.0
"""Below this a candidate passage is not shown as a match at all."""
CANDIDATES = 12
"""Chunks aligned per quotation first (the retrievers' best)."""
MORE_CANDIDATES = 48
"""Chunks of each ranking (the chosen mode's, then BM25's) aligned when the first ones hold no match."""
_TYPOGRAPHY = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00ad": "",
    }
)
_WORD = re.compile(r"\w[\w'-]*")


class QuoteDifference(BaseModel):
    """One difference between a quotation and its source: the words as quoted and as printed."""

    quoted: str
    source: str


class QuoteMatch(WorkKeyed):
    """A passage of the corpus matching a quotation, with its work, printed page and closeness."""

    file_doc_id: str
    """The document (file) the passage was found in."""
    title: str
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    page: str
    """Printed page (or "12-13") of the passage; '' for unpaged sources."""
    paragraph: str = ""
    """For a source without pages (a web page, a Word file): the paragraph ("4", "4-5") it is in."""
    pdf_page: int | None = None
    """The PDF's own page index where the passage begins (for `/files/{id}#page=N`); None when not a PDF."""
    closeness: str
    """"verbatim", "close" or "paraphrase"."""
    score: float
    """rapidfuzz partial-ratio alignment score, 0-100."""
    passage: str
    """The source's text that the quotation aligns with."""
    context: str
    """The passage with the words around it."""
    start: int
    end: int
    """Character offsets of `passage` in the document's cleaned text."""
    chunk_id: str
    in_text: str = ""
    """In-text citation with the page: "(Chung, 2009, p. 21)"."""
    quote_with_citation: str = ""
    """The passage in quotation marks followed by `in_text`, ready to paste."""
    differences: list[QuoteDifference] = Field(default_factory=list)


class QuoteAnswer(BaseModel):
    """`corpus quote` / `GET /quote`: the best matching passages, best first, one per work."""

    query: str
    mode: str
    matches: list[QuoteMatch] = Field(default_factory=list)


@dataclass
class Located:
    """A quotation's best alignment inside one document."""

    document: Document
    chunk_id: str
    start: int
    end: int
    score: float
    verbatim: bool
    differences: list[QuoteDifference] = field(default_factory=list)

    @property
    def passage(self) -> str:
        """The source's text at the alignment."""
        return self.document.text[self.start : self.end]

    def pages(self) -> list[str]:
        """Printed pages the passage lies on (labels, else physical numbers); [] when unpaged."""
        if not self.document.cites_pages or not self.document.pages:
            return []
        first, last = self.document.page_at(self.start), self.document.page_at(max(self.start, self.end - 1))
        if first is None:
            return []
        return self.document.printed_pages(first, last or first)

    @property
    def page(self) -> str:
        """Printed page or range ("12-13") of the passage; '' for unpaged sources."""
        pages = self.pages()
        if not pages:
            return ""
        return pages[0] if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"

    def paragraphs(self) -> list[int]:
        """Paragraphs the passage lies in, in a source without pages (`paragraph_numbers`); [] when paged."""
        if self.document.cites_pages:
            return []
        return paragraph_numbers(self.document, self.start, self.end)

    @property
    def paragraph(self) -> str:
        """Paragraph ("4") or paragraphs ("4-5") of the passage in a source without pages; '' when paged."""
        return paragraph_text(self.paragraphs())

    @property
    def pdf_page(self) -> int | None:
        """Physical PDF page (1-based) where the passage begins; None when not a PDF."""
        if self.document.format != "pdf":
            return None
        span = self.document.page_at(self.start)
        return span.number if span else None

    def context(self, around: int = 120) -> str:
        """The passage with up to `around` characters either side, cut at spaces."""
        text = self.document.text
        begin, stop = max(0, self.start - around), min(len(text), self.end + around)
        if begin > 0:
            space = text.find(" ", begin, self.start)
            begin = space + 1 if space >= 0 else begin
        if stop < len(text):
            space = text.rfind(" ", self.end, stop)
            stop = space if space >= 0 else stop
        head = "… " if begin > 0 else ""
        tail = " …" if stop < len(text) else ""
        return head + " ".join(text[begin:stop].split()) + tail

    @property
    def closeness(self) -> str:
        """Verbatim, close (small differences) or paraphrase."""
        if self.verbatim:
            return "verbatim"
        return "close" if self.score >= CLOSE_SCORE else "paraphrase"


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded copy of `text` for alignment, and for each of its characters the offset in `text`."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).translate(_TYPOGRAPHY).lower():
            if folded.isspace():
                if space:
                    continue
                folded, space = " ", True
            else:
                space = False
            out.append(folded)
            where.append(index)
    return "".join(out), where


def word_differences(quoted: str, source: str) -> list[QuoteDifference]:
    """Words that differ between a quotation and the source passage (case and punctuation ignored)."""
    quoted_words = _WORD.findall(quoted.translate(_TYPOGRAPHY))
    source_words = _WORD.findall(source.translate(_TYPOGRAPHY))
    keys_q = [w.lower() for w in quoted_words]
    keys_s = [w.lower() for w in source_words]
    differences = []
    for op in Levenshtein.opcodes(keys_q, keys_s):
        if op.tag != "equal":
            differences.append(
                QuoteDifference(
                    quoted=" ".join(quoted_words[op.src_start : op.src_end]),
                    source=" ".join(source_words[op.dest_start : op.dest_end]),
                )
            )
    return differences


class QuoteFinder:
    """Finds quotations in one store's documents (documents are read once per finder)."""

    def __init__(self, catalog: Catalog, engine: SearchEngine, mode: Mode) -> None:
        self.catalog = catalog
        self.engine = engine
        self.mode = mode
        self._documents: dict[str, Document] = {}

    def document(self, doc_id: str) -> Document:
        """A stored document, read once."""
        if doc_id not in self._documents:
            self._documents[doc_id] = self.catalog.document(doc_id)
        return self._documents[doc_id]

    def locate(self, quote: str, doc_ids: set[str] | None, k: int = 1) -> list[Located]:
        """The best alignments of `quote`, one per document, best first: at most `k`, none under MIN_SCORE."""
        segments = quote_segments(quote)
        joined = " ".join(segments)
        if len(_WORD.findall(joined)) == 0:
            return []
        ranked = [c for c, _ in self.engine.retrieve(joined, self.mode, max(MORE_CANDIDATES, 2 * k), doc_ids)]
        first = ranked[: max(CANDIDATES, k)]
        best: dict[str, Located] = {}
        self._align_all(segments, joined, first, best)
        if not any(f.score >= CLOSE_SCORE for f in best.values()):
            lexical = ranked if self.mode == "lexical" else self._lexical(joined, doc_ids)
            more = [c for c in dict.fromkeys([*ranked, *lexical]) if c not in first]
            self._align_all(segments, joined, more, best)
        ordered = sorted(best.values(), key=lambda f: (not f.verbatim, -f.score))
        return ordered[:k]

    def _lexical(self, joined: str, doc_ids: set[str] | None) -> list[str]:
        """BM25's best chunks for the quotation's words."""
        return [c for c, _ in self.engine.retrieve(joined, "lexical", MORE_CANDIDATES, doc_ids)]

    def _align_all(
        self, segments: list[str], joined: str, chunk_ids: list[str], best: dict[str, Located]
    ) -> None:
        """Align with each chunk; keep the best alignment per document (verbatim first, then score)."""
        for chunk_id in chunk_ids:
            found = self._align(segments, joined, chunk_id)
            if found is None or found.score < MIN_SCORE:
                continue
            doc_id = found.document.doc_id
            if doc_id not in best or (found.verbatim, found.score) > (
                best[doc_id].verbatim,
                best[doc_id].score,
            ):
                best[doc_id] = found

    def _align(self, segments: list[str], joined: str, chunk_id: str) -> Located | None:
        chunk = self.catalog.chunks_by_id([chunk_id]).get(chunk_id)
        if chunk is None:
            return None
        document = self.document(document_of(chunk_id))
        window_start = chunk.start
        window_end = min(len(document.text), chunk.end + len(joined) + 40)
        window, where = normalise(document.text[window_start:window_end])
        needle, _ = normalise(joined)
        if not window or not needle:
            return None
        exact = self._exact(segments, window)
        if exact is not None:
            begin, stop = exact
            score = 100.0
        else:
            alignment = fuzz.partial_ratio_alignment(needle, window)
            if alignment is None:
                return None
            begin, stop, score = alignment.dest_start, alignment.dest_end, float(alignment.score)
            begin, stop = _word_edges(window, begin, stop)
        if stop <= begin:
            return None
        start = window_start + where[begin]
        end = window_start + where[stop - 1] + 1
        if exact is None:
            slack = len(joined) // 5 + 10  # the alignment is as long as the quotation: widen, then trim
            wide = _word_edges(document.text, max(0, start - slack), min(len(document.text), end + slack))
            start, end = _trim(joined, document.text, *wide)
        passage = document.text[start:end]
        differences = [] if exact is not None else word_differences(joined, passage)
        verbatim = exact is not None or not differences
        return Located(document, chunk_id, start, end, round(score, 1), verbatim, differences)

    @staticmethod
    def _exact(segments: list[str], window: str) -> tuple[int, int] | None:
        """Span of the window holding every segment verbatim, in order, or None."""
        begin, at = -1, 0
        for segment in segments:
            needle, _ = normalise(segment)
            found = window.find(needle, at)
            if found < 0:
                return None
            begin = found if begin < 0 else begin
            at = found + len(needle)
        return (begin, at) if begin >= 0 else None


def _trim(quoted: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span of the source to the quotation: drop source words at either end the quotation lacks."""
    words = list(_WORD.finditer(text.translate(_TYPOGRAPHY), start, end))
    keys_q = [w.lower() for w in _WORD.findall(quoted.translate(_TYPOGRAPHY))]
    keys_s = [w.group(0).lower() for w in words]
    ops = [op for op in Levenshtein.opcodes(keys_q, keys_s) if op.tag != "equal"]
    if not words or not ops:
        return start, end
    first, last = ops[0], ops[-1]
    if first.tag == "insert" and first.dest_start == 0 and first.dest_end < len(words):
        start = words[first.dest_end].start()
    if last.tag == "insert" and last.dest_end == len(words) and last.dest_start > 0:
        end = words[last.dest_start - 1].end()
    return start, max(start, end)


def _word_edges(text: str, begin: int, stop: int) -> tuple[int, int]:
    """Widen an alignment to whole words at both ends."""
    while begin > 0 and text[begin - 1].isalnum() and text[begin].isalnum():
        begin -= 1
    while stop < len(text) and stop > 0 and text[stop - 1].isalnum() and text[stop].isalnum():
        stop += 1
    return begin, stop


def find_quote(corpus: Corpus, text: str, k: int = 5) -> QuoteAnswer:
    """The works and printed pages where `text` (a quotation or close paraphrase) appears, best first."""
    text = " ".join(text.split())
    if not _WORD.search(text):
        raise UsageError("empty quotation: give the words to look for")
    mode = corpus.settings.search.mode
    finder = QuoteFinder(corpus.catalog, corpus.engine, mode)
    answer = QuoteAnswer(query=text, mode=mode)
    located = finder.locate(text, None, CANDIDATES)
    works = corpus.catalog.ready_works(f.document.doc_id for f in located)
    shown: dict[str, Located] = {}
    for found in located:
        work_id = works.get(found.document.doc_id)
        if work_id is not None and work_id not in shown:
            shown[work_id] = found
    chosen = list(shown.items())[:k]
    records = corpus.catalog.work_records([w for w, _ in chosen])
    forms = corpus.citations.forms(records, "apa")
    for work_id, found in chosen:
        metadata = records[work_id]
        paragraph = found.paragraph
        if paragraph:  # rendered for the quotation: the cached forms pinpoint pages
            in_text = Citation(work_id, metadata).in_text("apa", paragraph, locator="paragraph")
        else:
            in_text = forms[work_id].in_text_at(found.page or None)
        passage = " ".join(found.passage.split())
        answer.matches.append(
            QuoteMatch(
                work_id=work_id,
                file_doc_id=found.document.doc_id,
                title=metadata.title,
                authors=[a.display for a in metadata.authors],
                year=metadata.year,
                page=found.page,
                paragraph=paragraph,
                pdf_page=found.pdf_page,
                closeness=found.closeness,
                score=found.score,
                passage=passage,
                context=found.context(),
                start=found.start,
                end=found.end,
                chunk_id=found.chunk_id,
                in_text=in_text,
                quote_with_citation=f"\u201c{passage}\u201d {in_text}".strip(),
                differences=found.differences,
            )
        )
    return answer
