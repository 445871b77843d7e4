"""What a run has to do: compare the files under the given folders with the catalog, change nothing.

`detect_changes` is the one change detector. The CLI's quick check (`pending_files`: is
there anything to do at all?) and the run's plan (`Ingestor.plan`, which then applies the
side effects: recording duplicates, redoing half-written documents) both use it, so they
cannot disagree. A file's fingerprint covers its bytes, every sidecar or manifest that
describes it and the settings that shape its document; a file is reprocessed only when
that changes, so one that failed is retried only once its input or the settings change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.loaders import content_hash, discover
from corpus.models import FileOutcome
from corpus.settings import Settings
from corpus.sidecars import MANIFEST_NAMES, metadata_files
from indexing.catalog import Catalog, FileRecord
from indexing.layout import StoreLayout


@dataclass(frozen=True)
class PlannedFile:
    """A document file to (re)process, with its fingerprint."""

    path: str
    fingerprint: str
    doc_id: str
    action: str
    """"new" or "changed" (its content, a sidecar or the settings changed)."""
    previous_doc: str = ""
    """The document the file held before, when it changed."""


@dataclass
class ChangeSet:
    """Everything a run must do, found without writing anything."""

    to_process: list[PlannedFile] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)
    """Files settled without processing: unchanged, duplicate, skipped, failed to read."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """path -> fingerprint of files in `outcomes` whose record must be (re)written."""
    unfinished: list[str] = field(default_factory=list)
    """Documents an interrupted run left half-written: removed and redone."""
    orphaned: list[str] = field(default_factory=list)
    """Documents no file will hold any more (their file now duplicates another document)."""
    gone: list[FileRecord] = field(default_factory=list)
    """With prune: recorded files under the given folders that no longer exist."""

    @property
    def pending(self) -> int:
        """How many things the run would change (0: nothing to do)."""
        return len(self.to_process) + len(self.unfinished) + len(self.orphaned) + len(self.gone)


def settings_fingerprint(settings: Settings) -> str:
    """Hash of the settings that shape a stored document: loading, cleaning rules, chunking, model.

    The embedding backend is left out (a store refuses another backend instead), so the hash
    is the one release 0.1 computed and an upgraded store does not reprocess every file.
    """
    digest = hashlib.sha256()
    for part in (settings.loading, settings.cleaning, settings.chunking):
        digest.update(part.model_dump_json().encode())
    digest.update(settings.embedding.model_dump_json(exclude={"backend"}).encode())
    rules = settings.cleaning.rules_file
    if rules.is_file():
        digest.update(rules.read_bytes())
    return digest.hexdigest()[:16]


def file_fingerprint(path: Path, data: bytes, config: str) -> str:
    """Hash of the file's bytes, every sidecar or manifest that describes it, and the settings."""
    digest = hashlib.sha256(data)
    digest.update(config.encode())
    for extra in metadata_files(path):
        digest.update(extra.name.encode())
        digest.update(extra.read_bytes())
    return digest.hexdigest()[:16]


def is_under(path: Path, root: Path) -> bool:
    """Whether `path` is `root` or inside it (links resolved)."""
    resolved, base = path.resolve(), root.resolve()
    return resolved == base or resolved.is_relative_to(base)


def _describes_a_document(path: Path, extensions: list[str]) -> bool:
    """Whether a metadata file is a folder manifest or the sidecar of a document beside it."""
    if path.name in MANIFEST_NAMES:
        return True
    stem = path.name[: -len(path.suffix)]
    return any((path.parent / f"{stem}{ext}").is_file() or stem.endswith(ext) for ext in extensions)


def detect_changes(
    catalog: Catalog, settings: Settings, paths: Iterable[Path], prune: bool = False
) -> ChangeSet:
    """Walk the inputs and decide, file by file, what a run must do; reads only."""
    changes = ChangeSet(unfinished=catalog.unfinished_documents())
    unfinished = set(changes.unfinished)
    config = settings_fingerprint(settings)
    roots = [Path(p) for p in paths]
    seen_docs: dict[str, str] = {}
    for root in roots:
        if not root.exists():
            changes.outcomes.append(FileOutcome(str(root), "failed", reason="no such file or folder"))
    for path, verdict in discover([r for r in roots if r.exists()], settings.loading):
        source = str(path)
        if verdict == "sidecar":
            if not _describes_a_document(path, settings.loading.extensions):
                changes.outcomes.append(
                    FileOutcome(
                        source, "skipped", reason=f"{path.suffix} file that describes no document here"
                    )
                )
            continue
        if verdict == "unsupported":
            changes.outcomes.append(
                FileOutcome(source, "skipped", reason=f"unsupported file type {path.suffix or '(none)'}")
            )
            continue
        try:
            data = path.read_bytes()
            fingerprint = file_fingerprint(path, data, config)
        except OSError as exc:
            changes.outcomes.append(
                FileOutcome(source, "failed", reason=f"cannot read file ({exc.strerror})")
            )
            continue
        doc_id = content_hash(data)
        previous = catalog.file(source)
        if doc_id in seen_docs:
            _duplicate(changes, source, doc_id, fingerprint, seen_docs[doc_id])
            continue
        seen_docs[doc_id] = source
        ready = catalog.document_status(doc_id) == "ready" and doc_id not in unfinished
        same_input = previous is not None and previous.fingerprint == fingerprint
        if ready and same_input and previous is not None and previous.doc_id == doc_id:
            changes.outcomes.append(FileOutcome(source, "unchanged", doc_id=doc_id, chunks=previous.chunks))
            continue
        if same_input and previous is not None and previous.status == "failed":
            changes.outcomes.append(
                FileOutcome(source, "failed", doc_id=doc_id, reason=f"{previous.reason} (unchanged since)")
            )
            continue
        if ready and (previous is None or previous.doc_id != doc_id):
            holders = [p for p in catalog.files_of(doc_id) if p != source]
            _duplicate(changes, source, doc_id, fingerprint, holders[0] if holders else doc_id)
            if previous and previous.doc_id and catalog.files_of(previous.doc_id) == [source]:
                changes.orphaned.append(previous.doc_id)
            continue
        action = "changed" if previous else "new"
        changes.to_process.append(
            PlannedFile(source, fingerprint, doc_id, action, previous.doc_id if previous else "")
        )
    if prune:
        changes.gone = [
            record
            for record in catalog.files()
            if not Path(record.path).exists() and any(is_under(Path(record.path), r) for r in roots)
        ]
    return changes


def _duplicate(changes: ChangeSet, source: str, doc_id: str, fingerprint: str, holder: str) -> None:
    changes.outcomes.append(
        FileOutcome(source, "duplicate", doc_id=doc_id, reason=f"same content as {holder}")
    )
    changes.fingerprints[source] = fingerprint


def pending_files(settings: Settings, paths: Iterable[Path], prune: bool = False) -> int:
    """How many things a run would change (0: nothing to do); reads the catalog, writes nothing."""
    layout = StoreLayout(settings.store)
    if not layout.exists():
        return 1
    catalog = Catalog(layout.catalog)
    try:
        return detect_changes(catalog, settings, paths, prune).pending
    finally:
        catalog.close()
