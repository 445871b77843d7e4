"""The steps of an ingestion run over one store: plan, prepare, embed, write, prune, finish.

`indexing.run.run_ingest` drives them (the one run loop, used by the Prefect flow and the
tests alike); each step also works on its own. The write path is two-phase and batched
across documents: one catalog transaction writes a batch as `begun`, its vectors go to
Chroma in calls under `get_max_batch_size()`, its chunks to the tantivy index (committed),
and one more transaction marks the batch `ready`. An interrupted run therefore leaves only
`begun` documents, which the next plan removes and redoes. Every step costs in
proportion to what it changes: linking a document is an indexed lookup, the lexical index
takes adds and deletes, and nothing reloads the whole store.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np

from corpus.dedup import signature
from corpus.pipeline import limit_note
from corpus_core.errors import ConfigError
from corpus_core.layout import StoreLayout
from corpus_core.models import Chunk
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings
from indexing.catalog import Catalog, DocumentWrite
from indexing.changes import ChangeSet, PlannedFile, detect_changes, remember
from indexing.early_start import detection_key, plan_key, take_detected, take_prestarted
from indexing.embedder import Embedder, resolve_model, shared_embedder
from indexing.lexical import LexicalEntry, LexicalIndex
from indexing.linking import (
    WorkLinker,
    corrections_for,
    inherit_corrections,
    refresh_works,
    retraction_dois,
    work_records,
)
from indexing.prepare import (
    FilePreparer,
    Prepared,
    Preparer,
    PrepareTask,
    passage_text,
    passage_texts,
)
from indexing.vector_store import ChromaStore, VectorStore

log = logging.getLogger(__name__)

IngestPlan = ChangeSet
"""What a run will do (the change set, after `plan` applied its side effects)."""


def lexical_entry(title: str, chunk: Chunk) -> LexicalEntry:
    """What BM25 indexes for a chunk: its text with the title as context, the same on every path."""
    return LexicalEntry(chunk.chunk_id, chunk.doc_id, passage_text(title, chunk.text, "\n\n"))


class Outcomes(Sequence[FileOutcome]):
    """A run's file outcomes in order, read-only: a sequence Prefect does not walk.

    Prefect looks for futures in a flow's return value by visiting every element of every
    list, tuple, dict and dataclass in it: 0.3 s for the report of a run over a Zotero
    library of 10,000 unchanged files. A report holds no futures, and this is not one of the
    types it walks.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[FileOutcome] = ()) -> None:
        self._items = tuple(items)

    @overload
    def __getitem__(self, index: int) -> FileOutcome: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[FileOutcome, ...]: ...

    def __getitem__(self, index: int | slice) -> FileOutcome | tuple[FileOutcome, ...]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[FileOutcome]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Outcomes) and other._items == self._items

    def __repr__(self) -> str:
        return f"Outcomes({list(self._items)!r})"


@dataclass
class IngestReport:
    """Every file's outcome in one run, and totals."""

    outcomes: Outcomes
    store: str
    reused_vectors: int = 0
    """Chunks written with the stored vector of an unchanged passage instead of being encoded."""

    def count(self, status: str) -> int:
        """How many files ended with `status`."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def chunks(self) -> int:
        """Chunks written in this run."""
        return sum(o.chunks for o in self.outcomes if o.status == "ingested")

    @property
    def linked(self) -> int:
        """Documents of this run that joined a work another file already stood for."""
        return sum(1 for o in self.outcomes if o.status == "ingested" and o.work_id and o.work_id != o.doc_id)

    @property
    def removed(self) -> dict[str, int]:
        """Characters removed per cleaning rule, over the documents of this run."""
        totals: dict[str, int] = {}
        for outcome in self.outcomes:
            for rule, chars in outcome.removed.items():
                totals[rule] = totals.get(rule, 0) + chars
        return dict(sorted(totals.items(), key=lambda item: -item[1]))


class Ingestor:
    """Runs ingestion steps against the store named in `settings` (the caller holds the write lock)."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        vectors: VectorStore | None = None,
        prepare_workers: int | None = None,
    ) -> None:
        self.settings = settings
        self.store = settings.store
        self.layout = StoreLayout(self.store)
        self.catalog = Catalog(self.layout.catalog)
        self.vectors: VectorStore = vectors or ChromaStore(settings.chroma, self.store)
        if isinstance(self.vectors, ChromaStore):
            self.vectors.preload()
        self.embedder: Embedder = embedder or shared_embedder(settings.embedding)
        self.lexical = LexicalIndex(self.layout.lexical)
        self.linker = WorkLinker(self.catalog)
        self.prepare_workers = settings.runner.prepare_workers if prepare_workers is None else prepare_workers
        self.remote: FilePreparer | None = None
        """Set by a distributed run: prepares (and embeds) files on other processes or machines."""
        self._changed = False
        self._reused = 0
        self._fingerprints: dict[str, str] = {}
        self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lexical-commit")
        """Commits the lexical index beside the Chroma upsert (see `write`)."""
        self._check_embedding()
        self._catch_up_lexical()

    def _check_embedding(self) -> None:
        """A store keeps the vectors of one model and backend; another one is refused, not mixed in."""
        for key, wanted in (
            ("embedding.model", self.settings.embedding.model),
            ("embedding.backend", self.settings.embedding.backend),
        ):
            recorded = self.catalog.get_setting(key)
            if recorded is None:
                if key == "embedding.backend" and self.catalog.document_ids():
                    recorded = "torch"
                    self.catalog.set_setting(key, recorded)
                else:
                    self.catalog.set_setting(key, wanted)
                    continue
            if recorded != wanted:
                raise ConfigError(
                    f"{self.store}: built with {key} = {recorded!r}, settings say {wanted!r}; its vectors "
                    f"would not be comparable. Set {key} = {recorded!r} (CORPUS_"
                    f"{key.upper().replace('.', '__')}) or ingest into another store"
                )

    def _catch_up_lexical(self) -> None:
        """Index every ready chunk when the lexical index is missing (a new or a release 0.1 store)."""
        if len(self.lexical) or not self.catalog.document_ids():
            return
        log.warning("%s: building the lexical index from the catalog (first run of this release)", self.store)
        doc_ids = self.catalog.document_ids()
        titles = {d: m.title for d, m in self.catalog.document_metadata(doc_ids).items()}
        self.lexical.add(lexical_entry(titles.get(c.doc_id, ""), c) for c in self.catalog.chunks())
        self.lexical.commit()

    def plan(self, paths: Iterable[Path], prune: bool = False, reprocess: bool = False) -> IngestPlan:
        """Detect what changed, then settle what needs no processing (duplicates, half-written documents).

        The CLI's quick check has just detected the same (`indexing.early_start.keep_detected`):
        its changes are taken as they are when nothing has written the catalog since.
        """
        self.catalog.absolute_paths()
        paths = list(paths)
        changes = take_detected(self.store, detection_key(self.settings, paths, prune, reprocess))
        if changes is None:
            changes = detect_changes(self.catalog, self.settings, paths, prune, reprocess)
        for doc_id in changes.unfinished:
            log.warning(
                "%s: document %s was left half-written by an interrupted run; redoing it", self.store, doc_id
            )
        self._remove_documents([*changes.unfinished, *changes.orphaned])
        for path in changes.mended:
            self.catalog.forget_file(path)
        self.catalog.record_files(
            [(o, changes.fingerprints[o.path]) for o in changes.outcomes if o.path in changes.fingerprints]
        )
        self.catalog.move_files([(m.path, m.fingerprint, [r.path for r in m.old]) for m in changes.moved])
        remember(self.catalog, changes)
        # Zotero collections and tags: written now, they need no reprocessing (see indexing.changes).
        self.catalog.update_labelled_files(changes.labels, changes.unlabelled)
        return changes

    def prepared(self, planned: list[PlannedFile]) -> Iterator[Prepared | FileOutcome | None]:
        """Each planned file prepared (in worker processes when there are several), in plan order.

        None means the next file is still being prepared (see `Preparer.run`).
        """
        prestarted = (
            take_prestarted(self.store, plan_key(planned), self.embedder) if self.remote is None else None
        )
        preparer: FilePreparer
        if prestarted is not None:
            preparer, results = prestarted
        else:
            preparer = self.preparer(len(planned))
            results = preparer.run(self.prepare_tasks(planned))
        taken = False
        try:
            for result in results:
                if isinstance(result, FileOutcome):
                    fingerprint = next((p.fingerprint for p in planned if p.path == result.path), "")
                    # No fingerprint for a transient failure: the next run does not skip the file.
                    self._fingerprints[result.path] = "" if result.transient else fingerprint
                yield result
            taken = True
        finally:
            preparer.close(wait=not taken)  # every result taken: the workers end on their own

    def preparer(self, files: int) -> FilePreparer:
        """What prepares this run's files: the injected one (Dask), else worker processes.

        Worker processes are used when there are more than two files, else this process.
        """
        if self.remote is not None:
            return self.remote
        workers = self.prepare_workers if files > 2 else 0
        return Preparer(self.settings, resolve_model(self.settings.embedding.model), workers)

    def prepare_tasks(self, planned: list[PlannedFile]) -> list[PrepareTask]:
        """Each planned file with the user's corrections of its record.

        For Dask workers, which encode what they prepare, also the passage keys of the stored
        documents the file replaces (`PrepareTask.stored_keys`).
        """
        return [
            PrepareTask(
                p,
                corrections_for(self.catalog, p.doc_id, p.previous_doc),
                frozenset(self.catalog.passage_keys([d for d in (p.doc_id, p.previous_doc) if d]))
                if self.remote is not None
                else frozenset(),
            )
            for p in planned
        ]

    def prepare(self, planned: PlannedFile) -> Prepared | FileOutcome:
        """Load, clean, describe and chunk one file in this process; a failure comes back as an outcome."""
        return next(r for r in self.prepared([planned]) if r is not None)

    def embed(self, batch: list[Prepared]) -> np.ndarray:
        """One model call over the chunks of the batch's documents that have no vectors yet.

        Vectors computed before (by a Dask worker, or while Prefect started: see
        `indexing.early_start`) are used as they are, in the batch's order. A chunk whose
        passage is unchanged from a stored chunk of the document it replaces (the same file
        processed again, or the file's previous version) takes that chunk's stored vector.
        """
        stored = self._stored_vectors(batch)
        texts = [
            text
            for b, p in enumerate(batch)
            if p.vectors is None
            for i, text in enumerate(passage_texts(p))
            if (b, i) not in stored and i not in p.encoded
        ]
        fresh = iter(self.embedder.embed_passages(texts) if texts else ())
        parts = []
        for b, p in enumerate(batch):
            if p.vectors is not None:
                parts.append(p.vectors)
            elif p.chunks:
                rows = [
                    stored[(b, i)] if (b, i) in stored else p.encoded[i] if i in p.encoded else next(fresh)
                    for i in range(len(p.chunks))
                ]
                parts.append(np.vstack(rows))
        return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def _stored_vectors(self, batch: list[Prepared]) -> dict[tuple[int, int], np.ndarray]:
        """(position in batch, chunk index) -> the stored vector of a chunk with the same passage key.

        Looked up among the stored (ready) documents the batch's files replace, by the key of
        exactly what was encoded (`indexing.prepare.passage_key`); a vector Chroma no longer
        has is encoded again.
        """
        wanted = [(b, p) for b, p in enumerate(batch) if p.vectors is None and p.passage_keys]
        sources = sorted({d for _, p in wanted for d in (p.document.doc_id, p.planned.previous_doc) if d})
        by_key = self.catalog.passage_keys(sources) if sources else {}
        matches = {
            (b, i): by_key[key] for b, p in wanted for i, key in enumerate(p.passage_keys) if key in by_key
        }
        if not matches:
            return {}
        vectors = self.vectors.get_vectors(sorted(set(matches.values())))
        reused = {at: vectors[chunk_id] for at, chunk_id in matches.items() if chunk_id in vectors}
        total = sum(len(p.chunks) for _, p in wanted)
        log.info("%d of %d passages keep their stored vectors", len(reused), total)
        self._reused += len(reused)
        return reused

    def write(self, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
        """Store a batch: catalog (begun) -> Chroma | lexical commit -> catalog (ready) -> works.

        Nothing is committed anywhere before the catalog marks the batch `begun`, so an
        interruption leaves only documents the next plan removes and redoes. Within that,
        the order is chosen for 2 cores: the chunks go to tantivy first (uncommitted), so
        its indexing thread analyses them while this thread links and writes the catalog;
        the tantivy commit (writing the segment) then runs beside the Chroma upsert
        (`_start_lexical_commit`). No Python work runs beside the upsert: a local Chroma
        holds the GIL for the whole call and uses about 1.6 of 2 cores, and catalog or lexical
        work on a thread beside it measured slower than in turn (benchmarks/RESULTS.md).
        """
        if not batch:
            return []
        doc_ids = [p.document.doc_id for p in batch]
        replaced = self.catalog.stored_documents(doc_ids)
        if replaced:
            self.lexical.delete_documents(replaced)
        self.lexical.add(lexical_entry(p.document.metadata.title, c) for p in batch for c in p.chunks)
        try:
            writes = self._link(batch)
            self.catalog.begin_documents(writes)
        except BaseException:
            self.lexical.rollback()  # nothing of the batch is stored yet
            raise
        if replaced:
            self.vectors.delete_documents(sorted(replaced))
        committed = self._start_lexical_commit()
        try:
            self.vectors.upsert([c for p in batch for c in p.chunks], vectors)
        except BaseException:
            wait([committed])  # the batch stays `begun`: the next plan removes and redoes it
            raise
        committed.result()
        outcomes = [
            FileOutcome(
                p.planned.path,
                "ingested",
                doc_id=w.document.doc_id,
                chunks=len(w.chunks),
                reason="; ".join(
                    part
                    for part in (
                        limit_note(w.document),
                        *w.document.notes,
                        f"linked to work {w.work_id}" if w.work_id != w.document.doc_id else "",
                    )
                    if part
                ),
                work_id=w.work_id,
                removed=dict(w.document.cleaning.removed),
            )
            for p, w in zip(batch, writes, strict=True)
        ]
        self.catalog.finish_documents(
            doc_ids,
            [(o, p.planned.fingerprint) for o, p in zip(outcomes, batch, strict=True)],
            works=work_records(self.catalog, {w.work_id for w in writes} | self._retracted_by(writes)),
        )
        for item in {p.planned.supersedes for p in batch} - {""}:
            self.catalog.forget_file(item)  # the item's abstract: its file's document replaces it
        previous = {p.planned.previous_doc for p in batch} - set(doc_ids) - {""}
        self._remove_documents([d for d in sorted(previous) if not self.catalog.files_of(d)])
        self._changed = True
        return outcomes

    def _start_lexical_commit(self) -> Future[None]:
        """Start committing the lexical index on its thread; return once the thread is committing.

        tantivy's commit releases the GIL and a local Chroma's upsert holds it for the whole
        call. A commit thread that has not yet reached tantivy when the upsert starts can
        only begin when the upsert ends, and the commit then runs after it, not beside it
        (measured: 13-18 ms after every batch of 1,024 chunks). The thread reaches tantivy
        a few bytecodes after signalling, well inside the 5 ms before Python hands the GIL
        back to this thread.
        """
        committing = threading.Event()

        def commit() -> None:
            committing.set()
            self.lexical.commit()

        committed = self._committer.submit(commit)
        committing.wait()
        return committed

    def _retracted_by(self, writes: list[DocumentWrite]) -> set[str]:
        """The works holding a DOI that a notice of retraction of the batch retracts: their records change."""
        return self.catalog.works_with_dois([w.document.metadata.retracts for w in writes])

    def _link(self, batch: list[Prepared]) -> list[DocumentWrite]:
        """Each document of a batch with the work it joins (and the corrections it inherits)."""
        self.linker.begin_batch()
        writes = []
        for prepared in batch:
            doc = prepared.document
            inherit_corrections(self.catalog, doc.doc_id, prepared.planned.previous_doc)
            sig = prepared.signature or signature(doc.text[: doc.body_end])
            work = self.linker.work_for(doc, sig)
            writes.append(DocumentWrite(doc, prepared.chunks, work, sig, prepared.passage_keys))
        return writes

    def record_failure(self, outcome: FileOutcome) -> None:
        """Keep a failed file in the catalog so `corpus stats` lists it; retried once it changes."""
        self.catalog.record_file(outcome, self._fingerprints.get(outcome.path, ""))

    def _remove_documents(self, doc_ids: list[str]) -> None:
        """Remove documents from Chroma, the lexical index and the catalog; recompute their works."""
        if not doc_ids:
            return
        retracted = retraction_dois(self.catalog, doc_ids)  # a notice of retraction gone unmarks its work
        self.vectors.delete_documents(doc_ids)
        self.lexical.delete_documents(doc_ids)
        self.lexical.commit()
        works = self.catalog.delete_documents(doc_ids)
        refresh_works(self.catalog, works | self.catalog.works_with_dois(retracted))
        self._changed = True

    def prune(self, gone: list[str] | None = None, roots: Iterable[Path] = ()) -> list[FileOutcome]:
        """Forget gone files (given, or found under `roots`) and the documents no file holds any more."""
        if gone is None:
            gone = [r.path for r in detect_changes(self.catalog, self.settings, roots, prune=True).gone]
        outcomes = []
        orphans = []
        for path in gone:
            record = self.catalog.file(path)
            if record is None:
                continue
            self.catalog.forget_file(path)
            if record.doc_id and not self.catalog.files_of(record.doc_id):
                orphans.append(record.doc_id)
            outcomes.append(FileOutcome(path, "removed", doc_id=record.doc_id, reason="file is gone"))
        self._remove_documents(sorted(set(orphans)))
        return outcomes

    def finish(self, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
        """Close the run record (the indexes are already up to date: each batch committed its part)."""
        self.catalog.finish_run(run_id, outcomes)
        return IngestReport(Outcomes(outcomes), str(self.store), reused_vectors=self._reused)

    def close(self) -> None:
        """Release the catalog and the lexical index (after a vector index load still under way)."""
        if isinstance(self.vectors, ChromaStore):
            self.vectors.settle()
        self._committer.shutdown()
        self.lexical.close()
        self.catalog.close()
