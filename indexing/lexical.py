"""BM25 index of chunk texts on tantivy, updated in place: adds, deletes and commits.

Why tantivy: the old bm25s index was static and rebuilt from every chunk at the end of
each ingestion run (75 s at 100k chunks, even to add one document). tantivy (the Rust
Lucene-like engine) writes new segments and delete markers instead, merges them in the
background, and lets a reader in another process (the search server) keep answering from
the last commit while a writer works, then pick up the next commit on `reload()`.

Scoring is Lucene's BM25 (k1=1.2, b=0.75, tantivy's fixed parameters), the BM25 the BEIR
benchmark reports. Text is analysed by one analyzer, registered on the index under
`ANALYZER`, for documents and queries alike: tantivy's simple tokenizer (runs of
alphanumeric characters), tokens over 40 bytes dropped, lower-case, Lucene's English stop
words and single ASCII letters and digits dropped, the Snowball English stemmer. Dropping
single characters follows the old bm25s index (its tokens had two or more characters): on
CACM keeping them costs 0.02 nDCG@10, and a regex tokenizer doing the same indexes at less
than half the speed.

Queries are built from the analysed terms (a disjunction of term queries), never parsed as
query syntax, so any user text is safe. A term repeated in the query counts once per
occurrence (its term query is boosted by the count), as in Lucene, whose query parser makes
one clause per occurrence and whose rewrite sums duplicate clauses into one boost.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tantivy

from corpus_core.errors import StoreError

ANALYZER = "corpus_english_v1"
"""Name of the text analyzer in the index schema; a new analyzer needs a new name (and a rebuild)."""
SINGLE_CHARACTERS = list(string.ascii_lowercase + string.digits)
"""Dropped like stop words: "I", "a", the "s" of "it's", list markers, digits split off numbers."""
MAX_TOKEN_BYTES = 40
"""Longer tokens (base64, URLs run together, hashes) are dropped, as tantivy's default analyzer does."""
WRITER_HEAP_BYTES = 64_000_000
"""Indexing memory before the writer flushes a segment."""

_CHUNK_ID = "chunk_id"
_DOC_ID = "doc_id"
_TEXT = "text"
_OWN_FILES = {".managed.json", ".tantivy-meta.lock", ".tantivy-writer.lock"}
"""tantivy's bookkeeping files, present (without meta.json) while an index is being created."""
_ATOMIC_WRITE = ".tmp"
"""How tantivy's atomic writes name their temporary file (meta.json's, before its rename): a run
killed in between leaves one, which is tantivy's, not a foreign file."""


@dataclass(frozen=True)
class LexicalEntry:
    """One chunk to index: its id, its document's id and the text to make searchable."""

    chunk_id: str
    doc_id: str
    text: str


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.custom_stopword(SINGLE_CHARACTERS))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _chunk_id(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> str:
    return str(searcher.doc(address)[_CHUNK_ID][0])


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(_CHUNK_ID, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(_DOC_ID, stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(_TEXT, stored=False, tokenizer_name=ANALYZER, index_option="freq")
    return builder.build()


class LexicalIndex:
    """A tantivy BM25 index of chunks in `directory`; one writer at a time, any number of readers.

    Opening is cheap and takes no lock; the writer (and its lock file) is created on the
    first `add` or `delete_documents` and kept until `close`. Readers see the last commit
    they loaded: the one present when the index was opened, each commit made through this
    object, and the newest on disk after `reload()`.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._schema = _schema()
        self._analyzer = _analyzer()
        self._writer: tantivy.IndexWriter | None = None
        self._dirty = False
        self._index = self._open()

    def _fail(self, reason: str, error: Exception | None = None) -> StoreError:
        detail = f": {error}" if error is not None else ""
        return StoreError(f"lexical index {self.directory}: {reason}{detail}")

    def _open(self) -> tantivy.Index:
        directory = self.directory
        if directory.exists() and not directory.is_dir():
            raise self._fail("is not a directory")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise self._fail("cannot create the directory", error) from error
        foreign = [
            p.name
            for p in directory.iterdir()
            if p.name not in _OWN_FILES and not p.name.startswith(_ATOMIC_WRITE)
        ]
        if foreign and not tantivy.Index.exists(str(directory)):
            names = ", ".join(sorted(foreign)[:3])
            raise self._fail(f"holds files that are not a tantivy index ({names}); use an empty directory")
        try:
            index = tantivy.Index(self._schema, path=str(directory), reuse=True)
            index.register_tokenizer(ANALYZER, self._analyzer)
            index.config_reader(reload_policy="manual", num_warmers=0)
        except ValueError as error:
            raise self._fail(
                "cannot open it (corrupt, or written with another schema or analyzer)", error
            ) from error
        return index

    def _writer_or_open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            except ValueError as error:
                reason = (
                    "another writer holds its lock" if "LockBusy" in str(error) else "cannot open a writer"
                )
                raise self._fail(reason, error) from error
        return self._writer

    def add(self, entries: Iterable[LexicalEntry]) -> None:
        """Index these chunks, replacing any with the same chunk id; visible after `commit`."""
        writer = self._writer_or_open()
        for entry in entries:
            writer.delete_documents_by_term(_CHUNK_ID, entry.chunk_id)
            document = tantivy.Document()
            document.add_text(_CHUNK_ID, entry.chunk_id)
            document.add_text(_DOC_ID, entry.doc_id)
            document.add_text(_TEXT, entry.text)
            writer.add_document(document)
            self._dirty = True

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove every chunk of these documents (including ones added since the last commit)."""
        writer = self._writer_or_open()
        for doc_id in doc_ids:
            writer.delete_documents_by_term(_DOC_ID, doc_id)
            self._dirty = True

    def commit(self) -> None:
        """Make the pending adds and deletes durable and visible; a no-op when there are none."""
        if self._writer is None or not self._dirty:
            return
        try:
            self._writer.commit()
        except ValueError as error:
            raise self._fail("commit failed", error) from error
        self._dirty = False
        self.reload()

    def rollback(self) -> None:
        """Drop the adds and deletes made since the last commit."""
        if self._writer is None or not self._dirty:
            return
        try:
            self._writer.rollback()
        except ValueError as error:
            raise self._fail("rollback failed", error) from error
        self._dirty = False

    def reload(self) -> None:
        """Make this reader see the newest commit on disk, made here or by another process."""
        try:
            self._index.reload()
        except ValueError as error:
            raise self._fail("cannot load the latest commit", error) from error

    def _terms(self, text: str) -> Counter[str]:
        return Counter(self._analyzer.analyze(text))

    def _text_query(self, terms: Counter[str]) -> tantivy.Query:
        clauses = []
        for term, count in terms.items():
            query = tantivy.Query.term_query(self._schema, _TEXT, term, index_option="freq")
            if count > 1:
                query = tantivy.Query.boost_query(query, float(count))
            clauses.append((tantivy.Occur.Should, query))
        return tantivy.Query.boolean_query(clauses)

    def _only(self, field: str, values: list[str]) -> tantivy.Query:
        """Matches documents whose raw `field` is one of `values`, adding nothing to the score."""
        return tantivy.Query.const_score_query(tantivy.Query.term_set_query(self._schema, field, values), 0.0)

    def query(self, text: str, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Best `n` (chunk_id, BM25 score) with a positive score, optionally only chunks of `doc_ids`."""
        terms = self._terms(text)
        if not terms or n <= 0 or (doc_ids is not None and not doc_ids):
            return []
        searcher = self._index.searcher()
        limit = min(n, searcher.num_docs)
        if limit == 0:
            return []
        query = self._text_query(terms)
        if doc_ids is not None:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, self._only(_DOC_ID, sorted(doc_ids)))]
            )
        hits = searcher.search(query, limit, count=False).hits
        return [(_chunk_id(searcher, address), float(score)) for score, address in hits if score > 0]

    def scores(self, text: str, chunk_ids: list[str]) -> dict[str, float]:
        """BM25 score of `text` for each of these chunks (0.0 when no query term occurs in it).

        Hybrid search uses it to give chunks that only the dense retriever found their real
        lexical score. Only these chunks are scored: the text query is restricted to them
        by a term-set query on the chunk id. Unknown chunk ids are left out.
        """
        wanted = sorted(set(chunk_ids))
        if not wanted:
            return {}
        searcher = self._index.searcher()
        limit = min(len(wanted), searcher.num_docs)
        if limit == 0:
            return {}
        query = self._only(_CHUNK_ID, wanted)
        terms = self._terms(text)
        if terms:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Should, self._text_query(terms))]
            )
        hits = searcher.search(query, limit, count=False).hits
        return {_chunk_id(searcher, address): float(score) for score, address in hits}

    def __len__(self) -> int:
        """Number of committed chunks this reader sees."""
        return self._index.searcher().num_docs

    def close(self) -> None:
        """Drop uncommitted changes, wait for background merges and release the writer lock.

        The object can still be read afterwards, and a later `add` opens a new writer.
        """
        writer, self._writer = self._writer, None
        if writer is None:
            return
        try:
            if self._dirty:
                writer.rollback()
            writer.wait_merging_threads()
        except ValueError as error:
            raise self._fail("closing the writer failed", error) from error
        finally:
            self._dirty = False
