"""The steps of an ingestion run over one store: plan, prepare, embed, store, prune, finish.

`flows/ingest.py` runs these as Prefect tasks; each step also works on its own, so the
logic is testable without Prefect. Files whose fingerprint (their bytes plus any sidecar)
is unchanged are skipped without being read into the model; a bad file becomes a
`failed` outcome with its reason and the run goes on.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from corpus.chunking import chunk_document
from corpus.dedup import SEED, same_work, signature
from corpus.errors import CorpusError, LoadError
from corpus.loaders import content_hash, discover, load_file
from corpus.models import Chunk, Document, FileOutcome, Metadata
from corpus.pipeline import prepare_document
from corpus.settings import Settings
from corpus.sidecars import MANIFEST_NAMES, metadata_files
from indexing.catalog import Catalog
from indexing.embedder import Embedder, SentenceTransformerEmbedder
from indexing.lexical import LexicalIndex
from indexing.vector_store import ChromaStore, VectorStore
from indexing.works import refresh_work

log = logging.getLogger(__name__)

ProgressHook = Callable[[str, int], None]
"""Called with (what happened, how many files) as a run advances."""


@dataclass(frozen=True)
class PlannedFile:
    """A document file found by `plan`, with its fingerprint and what to do with it."""

    path: str
    fingerprint: str
    doc_id: str
    action: str
    """"new", "changed" (its content or sidecar changed), "unchanged" or "duplicate"."""
    previous_doc: str = ""


@dataclass
class IngestPlan:
    """What a run will do: files to process, outcomes already known, files to prune."""

    to_process: list[PlannedFile] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    """A file turned into a document and its chunks, ready to embed."""

    planned: PlannedFile
    document: Document
    chunks: list[Chunk]


@dataclass
class IngestReport:
    """Every file's outcome in one run, and totals."""

    outcomes: list[FileOutcome]
    store: str

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


def _minhash(sig: list[int]) -> MinHash:
    """Rebuild the MinHash of a stored signature (same permutations as corpus.dedup)."""
    return MinHash(num_perm=len(sig), seed=SEED, hashvalues=np.array(sig, dtype=np.uint64), scheme="affine32")


def _normal_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def settings_fingerprint(settings: Settings) -> str:
    """Hash of the settings that shape a stored document: loading, cleaning rules, chunking, model."""
    digest = hashlib.sha256()
    for part in (settings.loading, settings.cleaning, settings.chunking, settings.embedding):
        digest.update(part.model_dump_json().encode())
    rules = settings.cleaning.rules_file
    if rules.is_file():
        digest.update(rules.read_bytes())
    return digest.hexdigest()[:16]


def _fingerprint(path: Path, data: bytes, config: str) -> str:
    """Hash of the file's bytes, every sidecar or manifest that describes it, and the settings."""
    digest = hashlib.sha256(data)
    digest.update(config.encode())
    for extra in metadata_files(path):
        digest.update(extra.name.encode())
        digest.update(extra.read_bytes())
    return digest.hexdigest()[:16]


def pending_files(settings: Settings, paths: Iterable[Path], prune: bool = False) -> int:
    """How many files a run would have to (re)process; reads the catalog, writes nothing.

    A file counts when it is new, its fingerprint (bytes, sidecars, settings) changed, or
    it failed with another fingerprint; interrupted documents and, with `prune`, files that
    are gone count too. Files that failed with the same input and settings would fail the
    same way again, so they do not.
    """
    catalog_path = settings.store / "catalog.sqlite"
    if not catalog_path.exists():
        return 1
    catalog = Catalog(catalog_path)
    try:
        pending = len(catalog.unfinished_documents())
        config = settings_fingerprint(settings)
        roots = [Path(p) for p in paths]
        for path, verdict in discover([r for r in roots if r.exists()], settings.loading):
            if verdict != "document":
                continue
            record = catalog.file(str(path))
            try:
                fingerprint = _fingerprint(path, path.read_bytes(), config)
            except OSError:
                pending += 1
                continue
            if record is None or record.content_hash != fingerprint:
                pending += 1
        if prune:
            pending += sum(
                1
                for record in catalog.files()
                if not Path(record.path).exists() and any(_is_under(Path(record.path), r) for r in roots)
            )
        return pending
    finally:
        catalog.close()


def _is_under(path: Path, root: Path) -> bool:
    resolved, base = path.resolve(), root.resolve()
    return resolved == base or resolved.is_relative_to(base)


def _describes_a_document(path: Path, extensions: list[str]) -> bool:
    """Whether a metadata file is a folder manifest or the sidecar of a document beside it."""
    if path.name in MANIFEST_NAMES:
        return True
    stem = path.name[: -len(path.suffix)]
    return any((path.parent / f"{stem}{ext}").is_file() or stem.endswith(ext) for ext in extensions)


class Ingestor:
    """Runs ingestion steps against the store named in `settings`."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, vectors: VectorStore | None = None
    ) -> None:
        self.settings = settings
        self.store = settings.store
        self.catalog = Catalog(self.store / "catalog.sqlite")
        self.vectors: VectorStore = vectors or ChromaStore(settings.chroma, self.store)
        self.embedder: Embedder = embedder or SentenceTransformerEmbedder(settings.embedding)
        self.lexical = LexicalIndex(self.store / "lexical")
        self._changed = False
        self._lsh: MinHashLSH | None = None
        self._titles: dict[str, str] = {}
        self._members: dict[str, tuple[str, Metadata, list[int]]] = {}
        self._config = settings_fingerprint(settings)
        self._fingerprints: dict[str, str] = {}
        self._check_model()

    def _check_model(self) -> None:
        recorded = self.catalog.get_setting("embedding.model")
        if recorded is None:
            self.catalog.set_setting("embedding.model", self.settings.embedding.model)
        elif recorded != self.settings.embedding.model:
            raise CorpusError(
                f"{self.store}: built with embedding model {recorded!r}, settings say "
                f"{self.settings.embedding.model!r}; use another store or set the same model"
            )

    def plan(self, paths: Iterable[Path]) -> IngestPlan:
        """Walk the inputs and decide, file by file, what this run must do."""
        plan = IngestPlan()
        unfinished = set(self.catalog.unfinished_documents())
        for doc_id in unfinished:
            log.warning(
                "%s: document %s was left half-written by an interrupted run; redoing it", self.store, doc_id
            )
            self._remove_document(doc_id)
        seen_docs: dict[str, str] = {}
        roots = [Path(p) for p in paths]
        for root in roots:
            if not root.exists():
                plan.outcomes.append(FileOutcome(str(root), "failed", reason="no such file or folder"))
        for path, verdict in discover([r for r in roots if r.exists()], self.settings.loading):
            source = str(path)
            if verdict == "sidecar":
                if not _describes_a_document(path, self.settings.loading.extensions):
                    plan.outcomes.append(
                        FileOutcome(
                            source, "skipped", reason=f"{path.suffix} file that describes no document here"
                        )
                    )
                continue
            if verdict == "unsupported":
                plan.outcomes.append(
                    FileOutcome(source, "skipped", reason=f"unsupported file type {path.suffix or '(none)'}")
                )
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:
                plan.outcomes.append(
                    FileOutcome(source, "failed", reason=f"cannot read file ({exc.strerror})")
                )
                continue
            doc_id, fingerprint = content_hash(data), _fingerprint(path, data, self._config)
            previous = self.catalog.file(source)
            if doc_id in seen_docs:
                plan.outcomes.append(
                    FileOutcome(
                        source, "duplicate", doc_id=doc_id, reason=f"same content as {seen_docs[doc_id]}"
                    )
                )
                self.catalog.record_file(plan.outcomes[-1], fingerprint)
                continue
            seen_docs[doc_id] = source
            ready = self.catalog.document_status(doc_id) == "ready"
            if ready and previous and previous.doc_id == doc_id and previous.content_hash == fingerprint:
                plan.outcomes.append(FileOutcome(source, "unchanged", doc_id=doc_id, chunks=previous.chunks))
                continue
            if ready and (previous is None or previous.doc_id != doc_id) and doc_id not in unfinished:
                holders = [p for p in self.catalog.files_of(doc_id) if p != source]
                plan.outcomes.append(
                    FileOutcome(
                        source,
                        "duplicate",
                        doc_id=doc_id,
                        reason=f"same content as {holders[0] if holders else doc_id}",
                    )
                )
                self.catalog.record_file(plan.outcomes[-1], fingerprint)
                if previous and previous.doc_id and not self.catalog.files_of(previous.doc_id):
                    self._remove_document(previous.doc_id)
                continue
            action = "changed" if previous else "new"
            plan.to_process.append(
                PlannedFile(source, fingerprint, doc_id, action, previous.doc_id if previous else "")
            )
        return plan

    def prepare(self, planned: PlannedFile) -> Prepared | FileOutcome:
        """Load, clean, describe and chunk one file; a failure comes back as an outcome."""
        try:
            raw = load_file(Path(planned.path), self.settings.loading)
            document = prepare_document(raw, self.settings, self._corrections_for(planned))
            chunks = chunk_document(
                document,
                self.embedder.count_tokens,
                self.settings.chunking.max_tokens,
                self.settings.chunking.overlap_tokens,
            )
        except LoadError as exc:
            return self._failed(planned, exc.reason)
        except CorpusError as exc:
            return self._failed(planned, str(exc))
        except Exception as exc:  # a bug on one odd file must not stop the run
            log.exception("%s: unexpected error while preparing", planned.path)
            return self._failed(planned, f"internal error: {exc!r}")
        if not chunks:
            return self._failed(planned, "no text left to index after cleaning")
        return Prepared(planned, document, chunks)

    def _failed(self, planned: PlannedFile, reason: str) -> FileOutcome:
        """A failure outcome; its fingerprint is kept so an unchanged retry can be skipped."""
        self._fingerprints[planned.path] = planned.fingerprint
        return FileOutcome(planned.path, "failed", doc_id=planned.doc_id, reason=reason)

    def _corrections_for(self, planned: PlannedFile) -> dict[str, object]:
        """The user's corrections of this document, or of the earlier version of the same file."""
        own = self.catalog.corrections(planned.doc_id)
        if own or not planned.previous_doc:
            return own
        return self.catalog.corrections(planned.previous_doc)

    def passage_texts(self, prepared: Prepared) -> list[str]:
        """What is embedded for each chunk: the work's title as context, then the passage."""
        title = prepared.document.metadata.title.strip()
        texts = []
        for chunk in prepared.chunks:
            if title and title.lower() not in chunk.text[: len(title) + 40].lower():
                texts.append(f"{title}. {chunk.text}")
            else:
                texts.append(chunk.text)
        return texts

    def embed(self, batch: list[Prepared]) -> np.ndarray:
        """One model call over the chunks of every document in the batch."""
        texts = [t for p in batch for t in self.passage_texts(p)]
        return self.embedder.embed_passages(texts)

    def write(self, batch: list[Prepared], vectors: np.ndarray) -> list[FileOutcome]:
        """Store documents: catalog (indexing) -> Chroma -> catalog (ready) -> work links."""
        outcomes = []
        offset = 0
        for prepared in batch:
            doc, chunks = prepared.document, prepared.chunks
            part = vectors[offset : offset + len(chunks)]
            offset += len(chunks)
            sig = signature(doc.text[: doc.body_end])
            work_id = self._work_for(doc, sig)
            self.vectors.delete_documents([doc.doc_id])
            inherited = self._corrections_for(prepared.planned)
            if inherited and not self.catalog.corrections(doc.doc_id):
                self.catalog.set_corrections(doc.doc_id, inherited)
            self.catalog.begin_document(doc, chunks, work_id, sig)
            self.vectors.upsert(chunks, part)
            self.catalog.finish_document(doc.doc_id)
            self._remember(doc.doc_id, work_id, doc.metadata, sig)
            self.refresh_work(work_id)
            outcome = FileOutcome(
                prepared.planned.path,
                "ingested",
                doc_id=doc.doc_id,
                chunks=len(chunks),
                reason=f"linked to work {work_id}" if work_id != doc.doc_id else "",
                work_id=work_id,
                removed=dict(doc.cleaning.removed),
            )
            self.catalog.record_file(outcome, prepared.planned.fingerprint)
            previous = prepared.planned.previous_doc
            if previous and previous != doc.doc_id and not self.catalog.files_of(previous):
                self._remove_document(previous)
            outcomes.append(outcome)
            self._changed = True
        return outcomes

    def record_failure(self, outcome: FileOutcome) -> None:
        """Keep a failed file in the catalog so `corpus stats` lists it and the next run retries it."""
        self.catalog.record_file(outcome, self._fingerprints.get(outcome.path, ""))

    def _load_links(self) -> None:
        if self._lsh is not None:
            return
        self._lsh = MinHashLSH(threshold=0.8, num_perm=128)
        for doc_id, work_id, metadata, sig in self.catalog.signatures():
            self._remember(doc_id, work_id, metadata, sig)

    def _remember(self, doc_id: str, work_id: str, metadata: Metadata, sig: list[int]) -> None:
        self._load_links()
        assert self._lsh is not None
        if doc_id in self._members and sig and doc_id in self._lsh:
            self._lsh.remove(doc_id)
        self._members[doc_id] = (work_id, metadata, sig)
        if sig and doc_id not in self._lsh:
            self._lsh.insert(doc_id, _minhash(sig))
        key = _normal_title(metadata.title)
        if len(key) >= 20:
            self._titles.setdefault(key, doc_id)

    def _work_for(self, doc: Document, sig: list[int]) -> str:
        """The work this document belongs to: an existing one it duplicates, else its own."""
        self._load_links()
        assert self._lsh is not None
        candidates: list[str] = []
        key = _normal_title(doc.metadata.title)
        if key in self._titles:
            candidates.append(self._titles[key])
        if sig:
            candidates += self._lsh.query(_minhash(sig))
        for other in candidates:
            if other == doc.doc_id or other not in self._members:
                continue
            work_id, metadata, other_sig = self._members[other]
            if same_work(doc.metadata, sig, metadata, other_sig):
                return work_id
        return doc.doc_id

    def refresh_work(self, work_id: str) -> None:
        """Recompute a work's canonical record from its documents (corrections applied)."""
        refresh_work(self.catalog, work_id)

    def _remove_document(self, doc_id: str) -> None:
        self.vectors.delete_documents([doc_id])
        work_id = self.catalog.delete_document(doc_id)
        self._members.pop(doc_id, None)
        if self._lsh is not None and doc_id in self._lsh:
            self._lsh.remove(doc_id)
        self._titles = {k: v for k, v in self._titles.items() if v != doc_id}
        if work_id:
            self.refresh_work(work_id)
        self._changed = True

    def prune(self, roots: Iterable[Path]) -> list[FileOutcome]:
        """Forget files under `roots` that are gone, and documents no file holds any more."""
        outcomes = []
        folders = [Path(r) for r in roots]
        for record in self.catalog.files():
            path = Path(record.path)
            if not path.exists() and any(_is_under(path, r) for r in folders):
                self.catalog.forget_file(record.path)
                if record.doc_id and not self.catalog.files_of(record.doc_id):
                    self._remove_document(record.doc_id)
                outcomes.append(
                    FileOutcome(record.path, "removed", doc_id=record.doc_id, reason="file is gone")
                )
        return outcomes

    def finish(self, run_id: int, outcomes: list[FileOutcome]) -> IngestReport:
        """Rebuild the lexical index if anything changed and close the run record."""
        if self._changed or not (self.store / "lexical" / "chunk_ids.json").exists():
            chunks = self.catalog.chunks()
            self.lexical.build([c.chunk_id for c in chunks], [self._lexical_text(c) for c in chunks])
        self.catalog.finish_run(run_id, outcomes)
        return IngestReport(outcomes=outcomes, store=str(self.store))

    def _lexical_text(self, chunk: Chunk) -> str:
        """What BM25 indexes for a chunk: as in `passage_texts`, the title as context, then the passage."""
        self._load_links()
        member = self._members.get(chunk.doc_id)
        title = member[1].title.strip() if member else ""
        if title and title.lower() not in chunk.text[: len(title) + 40].lower():
            return f"{title}\n\n{chunk.text}"
        return chunk.text
