"""What a run has to do: compare the files under the given folders with the catalog, change nothing.

`detect_changes` is the one change detector. The CLI's quick check (`indexing.run.start_early`:
is there anything to do at all?) and the run's plan (`Ingestor.plan`, which then applies the
side effects: recording duplicates, redoing half-written documents) both use it, so they
cannot disagree. A file's fingerprint covers its bytes, every sidecar or manifest that
describes it and the settings that shape its document; a file is reprocessed only when
that changes, so one that failed is retried only once its input or the settings change.

A Zotero database among the inputs (`zotero.sqlite`, see `corpus.loading.zotero`) stands for the
attachment files of its items: their fingerprints also cover the item's record, so a re-run
reprocesses exactly the files whose record changed; new or changed collections and tags are
written by the plan without reprocessing anything; with prune, files of items deleted from
the library (or moved to its trash) are removed.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.loading.loaders import content_hash, discover, size_limit_reason
from corpus.loading.zotero import (
    ZOTERO_ITEM,
    UnfiledItem,
    ZoteroFile,
    ZoteroItem,
    ZoteroLibrary,
    is_zotero_database,
    read_library,
)
from corpus.metadata.sidecars import Described, Folders, is_manifest, manifest_scopes, unused_manifest
from corpus_core.models import Metadata
from corpus_core.runs import FileOutcome
from corpus_core.settings import LoadingSettings, Settings
from indexing.catalog import Catalog, FileRecord, LabelledFile, display_path, real_path


@dataclass(frozen=True)
class PlannedFile:
    """A document file to (re)process, with its fingerprint."""

    path: str
    fingerprint: str
    doc_id: str
    action: str
    """"new" or "changed" (its content, a sidecar or the settings changed, or the run reprocesses it)."""
    previous_doc: str = ""
    """The document the file held before, when it changed (or its Zotero item's abstract held)."""
    record: Metadata | None = None
    """The record of the file's Zotero item, trusted above everything but the user's corrections."""
    supersedes: str = ""
    """The address of the file's Zotero item, when the item was indexed by its abstract until now:
    once the file's document is stored, the address's record goes and `previous_doc` with it."""


@dataclass(frozen=True)
class MovedFile:
    """A stored document's file found under a new path, every path it was recorded under gone.

    The file was moved or renamed (a library reorganised into folders): the new path takes
    the old record over, so nothing is parsed or encoded again and no `--prune` is needed.
    """

    path: str
    fingerprint: str
    old: tuple[FileRecord, ...]
    """The records of the paths it was stored under, the one whose record it takes over first."""


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
    """With prune: recorded files under the given folders that no longer exist, and files of
    items no longer in the given Zotero libraries."""
    labels: list[LabelledFile] = field(default_factory=list)
    """Zotero files whose item, collections or tags differ from what the catalog holds."""
    unlabelled: list[str] = field(default_factory=list)
    """With prune: files whose item left their Zotero library; their labels are dropped."""
    mended: list[str] = field(default_factory=list)
    """Sidecars and manifests recorded as describing nothing that now describe a document:
    their records go, so `corpus stats` no longer lists them as not indexed."""
    moved: list[MovedFile] = field(default_factory=list)
    """Files of stored documents that are now under another path (`MovedFile`)."""
    copies: list[str] = field(default_factory=list)
    """Files newly found to hold a stored document's content (a second download of a paper):
    recorded as duplicates, and a change, so the CLI's quick check runs and reports them."""
    refreshed: dict[str, str] = field(default_factory=dict)
    """path -> fingerprint of unchanged files whose record holds a `legacy_fingerprint`: rewritten."""
    stats: dict[str, tuple[str, str]] = field(default_factory=dict)
    """path -> (stat key, fingerprint) of files whose bytes were read: remembered, so the next run
    need not read them while their stat holds (`stat_key`)."""

    @property
    def pending(self) -> int:
        """How many things the run would change (0: nothing to do)."""
        return (
            len(self.to_process)
            + len(self.unfinished)
            + len(self.orphaned)
            + len(self.gone)
            + len(self.labels)
            + len(self.unlabelled)
            + len(self.mended)
            + len(self.moved)
            + len(self.copies)
        )


def settings_fingerprint(settings: Settings) -> str:
    """Hash of the settings that shape a stored document: loading, cleaning, chunking, model.

    Only what changes a document's chunks or vectors counts: every loading, cleaning and
    chunking setting, the cleaning rules by content (not by where the file is installed), the
    model and the passage prefix. How the model runs (backend, batch size, device, threads,
    query encoder) does not: a store refuses another backend instead. A setting added later
    changes this hash, so every file is processed again, unless it is listed in
    `_NEUTRAL_DEFAULTS` (counted only when changed from its default); a file type added to
    `loading.extensions` since is left out of it (`_FORMATS_ADDED`). Release 0.1 hashed
    every embedding setting and the rules file's path; its stores are processed once more
    after the upgrade (the cleaning rules changed too, which would require it anyway).
    """
    digest = hashlib.sha256(b"settings-v2")
    loading_defaults = {
        name
        for name in _NEUTRAL_DEFAULTS["loading"]
        if getattr(settings.loading, name) == _LOADING_DEFAULTS[name]
    }
    loading = settings.loading.model_copy(
        update={"extensions": [e for e in settings.loading.extensions if e.lower() not in _FORMATS_ADDED]}
    )
    # Where Zotero's linked files live says nothing about their documents: not hashed.
    digest.update(loading.model_dump_json(exclude=loading_defaults | {"zotero_base_dir"}).encode())
    digest.update(settings.cleaning.model_dump_json(exclude={"rules_file"}).encode())
    digest.update(settings.chunking.model_dump_json().encode())
    digest.update(settings.embedding.model_dump_json(include={"model", "passage_prefix"}).encode())
    rules = settings.cleaning.rules_file
    if rules.is_file():
        digest.update(rules.read_bytes())
    return digest.hexdigest()[:16]


_NEUTRAL_DEFAULTS: dict[str, set[str]] = {"loading": set()}
"""Settings added after this hash format whose default keeps the earlier behaviour."""

_LOADING_DEFAULTS = LoadingSettings().model_dump()

_FORMATS_ADDED = {
    ".docx",
    ".doc",
    ".rtf",
    ".odt",
    ".epub",
    ".mhtml",
    ".mht",
    ".webarchive",
    ".markdown",
    ".qmd",
    ".rmd",
    ".pptx",
}
"""File types read since this hash format, left out of the hashed `loading.extensions`: which
types are read does not shape a stored document, and a store built before one was added to
the default keeps its files (the new type's files are simply found on the next run)."""


SKIP_REASONS = {
    "broken-link": "broken symbolic link",
    "link-loop": "symbolic link loop",
    "folder-link": "symbolic link to a folder (not followed)",
}
"""discover's verdicts for paths that are not read, and the reason each is reported skipped."""


def _skip_reason(path: Path, verdict: str) -> str:
    """Why a path discover found is skipped ('' when it is a document or a sidecar)."""
    if verdict == "special":
        return f"not a regular file ({_special_kind(path)})"
    if verdict == "broken-link":
        try:
            return f"broken symbolic link (to {display_path(os.readlink(path))}, which does not exist)"
        except OSError:
            return SKIP_REASONS[verdict]
    if verdict == "unsupported":
        return f"unsupported file type {path.suffix or '(none)'}"
    return SKIP_REASONS.get(verdict, "")


def _special_kind(path: Path) -> str:
    """What a special file is: "fifo", "socket", "character device" or "block device"."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "special file"
    for test, kind in (
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return kind
    return "special file"


def file_fingerprint(data: bytes, config: str, record: str, described: Described) -> str:
    """Hash of the file's bytes, its sidecars, what its folders' manifests say of it, and the settings.

    `record` is the digest of the file's Zotero item record ('' for a file that has none);
    `described` its describing files. A manifest counts by the record it gives this file
    (`Described.statements`), not by its bytes: an export that names the whole library
    changes with every item added, and only the files whose own entries changed are
    processed again.
    """
    digest = _input_digest(data, config, record)
    for extra in described.sidecars:
        digest.update(extra.name.encode())
        digest.update(extra.read_bytes())
    for manifest, said in described.statements:
        digest.update(manifest.name.encode())
        digest.update(f"says:{said}".encode())
    return digest.hexdigest()[:16]


def legacy_fingerprint(data: bytes, config: str, record: str, described: Described) -> str:
    """The fingerprint as releases before catalog schema 8 made it: each manifest's bytes whole.

    A file under a manifest fingerprinted so is unchanged if this still matches: its record
    takes `file_fingerprint`'s value instead of the file being processed again.
    """
    digest = _input_digest(data, config, record)
    for extra in [*described.sidecars, *described.manifests]:
        digest.update(extra.name.encode())
        digest.update(extra.read_bytes())
    return digest.hexdigest()[:16]


RACY_NS = 2_000_000_000
"""A file changed this recently may change again within its clock's tick, unseen by its stat:
its stat is not remembered (git's "racily clean" entries)."""


def stat_key(info: os.stat_result, described: Described, config: str, item: str = "") -> str:
    """What says a file's fingerprint still holds without reading it; '' when nothing can.

    The file's size, modification and change times and inode (`info`), the same of each
    sidecar, what each manifest says of it, the settings and the Zotero item's rows (`item`,
    its `ZoteroItem.source`): as git and rsync tell an unchanged file, a run reads again only
    files whose stat changed. A manifest counts by its statement, as in the fingerprint: a
    reference manager rewrites a library's export for every item added, and the files it
    names are not read again for that. A file written within `RACY_NS` of now gets no key.

    The item counts by its rows, not by its record (which the fingerprint hashes): a run over
    a library of 10,000 items builds no record of an item whose rows and file are as they
    were. Earlier keys ("stat-v1") hashed the record: a file they vouched for is read once more
    (its fingerprint holds; nothing is processed again) and gets a key of this form.
    """
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
        return ""
    digest = hashlib.sha256(b"stat-v2")
    digest.update(f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}".encode())
    digest.update(config.encode())
    digest.update(f"zotero:{item}".encode())
    for extra in described.sidecars:
        try:
            other = extra.stat()
        except OSError:
            return ""
        digest.update(f"{extra.name}:{other.st_size}:{other.st_mtime_ns}:{other.st_ctime_ns}".encode())
    for manifest, said in described.statements:
        digest.update(f"{manifest.name}:says:{said}".encode())
    return digest.hexdigest()[:16]


def _input_digest(data: bytes, config: str, record: str) -> hashlib._Hash:
    """The bytes, the settings and the Zotero record's digest: what every fingerprint starts from."""
    digest = hashlib.sha256(data)
    digest.update(config.encode())
    if record:
        digest.update(f"zotero:{record}".encode())
    return digest


def remember(catalog: Catalog, changes: ChangeSet) -> None:
    """Keep what detection learnt without any input changing: new-form fingerprints, files' stats.

    The CLI's quick check and the run's plan both keep it, so neither the plan after the
    check nor the next run reads those files again.
    """
    catalog.refresh_fingerprints(changes.refreshed)
    catalog.remember_stats(changes.stats)


def is_under(path: Path, root: Path) -> bool:
    """Whether `path` is `root` or inside it (links resolved)."""
    resolved, base = path.resolve(), root.resolve()
    return resolved == base or resolved.is_relative_to(base)


def _describes_a_document(path: Path, extensions: list[str]) -> bool:
    """Whether a metadata file is the sidecar of a document beside it (manifests: `unused_manifest`)."""
    stem = path.name[: -len(path.suffix)]
    return any((path.parent / f"{stem}{ext}").is_file() or stem.endswith(ext) for ext in extensions)


def detect_changes(
    catalog: Catalog,
    settings: Settings,
    paths: Iterable[Path],
    prune: bool = False,
    reprocess: bool = False,
    on_work: Callable[[], object] | None = None,
) -> ChangeSet:
    """Walk the inputs and decide, file by file, what a run must do; reads only.

    With `reprocess`, every document file is processed again as though it had changed,
    including files that failed before (after an upgrade that reads files better; the
    fingerprint covers the input, not the code). Duplicates are still processed once.
    Every path is made absolute (not resolved: a link keeps the name it was given), so the
    catalog records a file by the same path whichever folder a run starts from.

    `on_work` is called once, before any file is looked at, as soon as a document the catalog
    has never seen is met: a Zotero attachment as soon as its library is read, a file once the
    walk has listed the folders. The run will have work, and the CLI starts what it needs
    (Prefect's server) while the rest is detected.
    """
    changes = ChangeSet(unfinished=catalog.unfinished_documents())
    unfinished = set(changes.unfinished)
    config = settings_fingerprint(settings)
    roots = [Path(os.path.abspath(p)) for p in paths]  # a file's record names it from any folder
    base = settings.loading.zotero_base_dir
    libraries = [read_library(r, base) for r in roots if is_zotero_database(r)]
    signal = _WorkSignal(catalog, on_work)
    signal.met(str(a.path) for library in libraries for a in library.files if not a.problem)
    roots = [r for r in roots if not any(r.resolve() == lib.database for lib in libraries)]
    seen_docs: dict[str, str] = {}
    manifests: list[Path] = []
    folders = Folders()
    documents: list[Path] = []
    present = [r for r in roots if r.exists()]
    missing = "no such file or folder" + (": nothing under it is pruned" if prune else "")
    for root in roots:
        if root not in present:
            changes.outcomes.append(FileOutcome(str(root), "failed", reason=missing))
    inputs = list(_inputs(libraries, present, settings, folders))
    signal.met(str(p) for p, verdict, a in inputs if verdict == "document" and (a is None or not a.problem))
    for path, verdict, attached in inputs:
        source = str(path)
        if attached is not None and attached.problem:
            _settle(changes, catalog, FileOutcome(source, "skipped", reason=attached.problem))
            continue
        if verdict == "sidecar" and is_manifest(path, folders):
            manifests.append(path)
            continue
        if verdict == "sidecar":
            if not _describes_a_document(path, settings.loading.extensions):
                reason = f"{path.suffix} file that describes no document here"
                _settle(changes, catalog, FileOutcome(source, "skipped", reason=reason))
            else:
                _mend(changes, catalog, source)
            continue
        if verdict == "unreadable-folder":
            _settle(changes, catalog, FileOutcome(source, "failed", reason=_unreadable_folder(path)))
            continue
        if verdict != "document":
            _settle(changes, catalog, FileOutcome(source, "skipped", reason=_skip_reason(path, verdict)))
            continue
        documents.append(path)
        try:
            info = path.stat()  # before the bytes: a change while they are read leaves another stat
            too_large = size_limit_reason(info.st_size, settings.loading)
            if too_large:
                _settle(changes, catalog, FileOutcome(source, "failed", reason=too_large))
                continue
            found = _document_input(changes, catalog, path, info, config, attached, reprocess, folders)
        except OSError as exc:
            changes.outcomes.append(
                FileOutcome(source, "failed", reason=f"cannot read file ({exc.strerror})")
            )
            continue
        _plan(changes, catalog, source, found, seen_docs, unfinished, reprocess)
    scopes = manifest_scopes(documents) if manifests else {}
    for manifest in manifests:
        reason = unused_manifest(manifest, scopes)
        if reason:
            _settle(changes, catalog, FileOutcome(str(manifest), "skipped", reason=reason))
        else:
            _mend(changes, catalog, str(manifest))
    for library in libraries:
        _library_changes(changes, catalog, library, prune)
    min_chars = settings.loading.min_chars
    for uri, found in _unfiled_items(changes, catalog, libraries, min_chars, prune, config, reprocess):
        _plan(changes, catalog, uri, found, seen_docs, unfinished, reprocess)
    if prune:
        # lexists: a path that is now a broken link or a link loop is still there (and
        # reported skipped above), not gone. A root that is missing is not emptied (a drive
        # not mounted, a share down): nothing under it is pruned.
        changes.gone += [
            record
            for record in catalog.files()
            if not record.path.startswith(ZOTERO_ITEM)  # an item's address, no file (`_unfiled_items`)
            and not os.path.lexists(record.path)
            and any(is_under(Path(record.path), r) for r in present)
        ]
    return changes


@dataclass(frozen=True)
class _Input:
    """What change detection knows of one document's bytes, read or vouched for by their stat."""

    doc_id: str
    """The bytes' content hash."""
    fingerprint: str
    empty: bool
    """Nothing but whitespace."""
    item: ZoteroItem | None = None
    """The Zotero item, if any."""
    previous: FileRecord | None = None
    """The catalog's record of the source, read before the bytes (None: the source is new)."""

    @property
    def record(self) -> Metadata | None:
        """The Zotero item's record, if any (built here: only a file to process needs it)."""
        return self.item.metadata if self.item is not None else None


def _document_input(
    changes: ChangeSet,
    catalog: Catalog,
    path: Path,
    info: os.stat_result,
    config: str,
    attached: ZoteroFile | None,
    reprocess: bool,
    folders: Folders,
) -> _Input:
    """A document file's input: vouched for by its stat (`stat_key`), else read from its bytes.

    A file read has its stat key kept in `changes.stats`, and a record holding the file's
    `legacy_fingerprint` of the same input is marked for its new fingerprint (`changes.refreshed`).
    """
    source = str(path)
    previous = catalog.file(source)
    zotero = attached.item if attached is not None else None
    described = Described.find(path, folders)
    key = stat_key(info, described, config, zotero.source if zotero is not None else "")
    if key and not reprocess and previous is not None and previous.doc_id and previous.stat_key == key:
        return _Input(previous.doc_id, previous.fingerprint, False, zotero, previous)
    data = path.read_bytes()
    item = zotero.digest if zotero is not None else ""
    fingerprint = file_fingerprint(data, config, item, described)
    empty = not data.strip()
    if key and not empty:
        changes.stats[source] = (key, fingerprint)
    legacy = (
        previous is not None
        and previous.fingerprint != fingerprint
        and bool(described.manifests)
        and not reprocess
        and previous.fingerprint == legacy_fingerprint(data, config, item, described)
    )
    if legacy and previous is not None:
        changes.refreshed[source] = fingerprint
        previous = replace(previous, fingerprint=fingerprint)
    return _Input(content_hash(data), fingerprint, empty, zotero, previous)


def _plan(
    changes: ChangeSet,
    catalog: Catalog,
    source: str,
    found: _Input,
    seen_docs: dict[str, str],
    unfinished: set[str],
    reprocess: bool,
) -> None:
    """Decide what one document's bytes need: nothing (unchanged, a duplicate, the same failure) or a run.

    `source` is a file's path, or a Zotero item's address when the item's abstract is the text.
    """
    doc_id, fingerprint = found.doc_id, found.fingerprint
    previous = found.previous
    same_input = previous is not None and previous.fingerprint == fingerprint and not reprocess
    if found.empty:
        # Every empty file has the same content hash; none duplicates another. The
        # loader reports it ("file is empty"), and it is retried once it changes.
        if previous is not None and same_input and same_failure(previous, fingerprint):
            changes.outcomes.append(_unchanged_failure(source, doc_id, previous))
        else:
            action, held = ("changed", previous.doc_id) if previous else ("new", "")
            changes.to_process.append(PlannedFile(source, fingerprint, doc_id, action, held, found.record))
        return
    ready = catalog.document_status(doc_id) == "ready" and doc_id not in unfinished
    holds = ready and same_input and previous is not None and previous.doc_id == doc_id
    stored_it = holds and previous is not None and previous.status != "duplicate"
    if doc_id in seen_docs and not stored_it:  # a copy found first leaves the file that stored it unchanged
        _duplicate(changes, source, doc_id, fingerprint, display_path(seen_docs[doc_id]), previous)
        return
    seen_docs[doc_id] = source
    if holds and previous is not None:
        changes.outcomes.append(FileOutcome(source, "unchanged", doc_id=doc_id, chunks=previous.chunks))
        return
    if previous is not None and same_input and same_failure(previous, fingerprint):
        changes.outcomes.append(_unchanged_failure(source, doc_id, previous))
        return
    if ready and (previous is None or previous.doc_id != doc_id):
        shown = display_path(source)
        holders = [p for p in catalog.files_of(doc_id) if p != shown]
        if previous is None and _moved_here(changes, catalog, source, doc_id, fingerprint, holders):
            return
        _duplicate(changes, source, doc_id, fingerprint, holders[0] if holders else doc_id, previous)
        if previous and previous.doc_id and catalog.files_of(previous.doc_id) == [shown]:
            changes.orphaned.append(previous.doc_id)
        return
    if previous is None and not reprocess and _failure_moved(changes, catalog, source, doc_id, fingerprint):
        return
    action = "changed" if previous else "new"
    changes.to_process.append(
        PlannedFile(source, fingerprint, doc_id, action, previous.doc_id if previous else "", found.record)
    )


def _inputs(
    libraries: list[ZoteroLibrary], roots: list[Path], settings: Settings, folders: Folders
) -> Iterable[tuple[Path, str, ZoteroFile | None]]:
    """(path, discover's verdict, its Zotero attachment or None): Zotero files first, then the folders.

    Zotero files come first so a file that is also in a given folder keeps its item's record
    (the folder's copy is the same path, and is not looked at twice).
    """
    seen: set[Path] = set()
    for library in libraries:
        for attached in library.files:
            if not attached.problem and not os.path.lexists(attached.path):
                problem = f"attachment of Zotero item {attached.item.key} not found (not synced here?)"
                attached = replace(attached, problem=problem)
            if attached.problem:
                yield attached.path, "document", attached
                continue
            resolved = folders.resolve(attached.path)
            if resolved in seen:
                continue
            seen.add(resolved)
            for path, verdict in discover([attached.path], settings.loading):
                yield path, verdict, attached
    for path, verdict in discover(roots, settings.loading):
        if not seen or folders.resolve(path) not in seen:
            yield path, verdict, None


class _WorkSignal:
    """Calls `on_work` once, when paths the catalog has no record of are met (`detect_changes`).

    A new document is nearly always work; one that then fails before it is read (too large,
    gone) only had the CLI start Prefect's server for nothing.
    """

    def __init__(self, catalog: Catalog, on_work: Callable[[], object] | None) -> None:
        self._on_work = on_work
        self._known = catalog.paths() if on_work is not None else set()

    def met(self, paths: Iterable[str]) -> None:
        """Documents' paths, as the run will record them."""
        if self._on_work is not None and any(path not in self._known for path in paths):
            on_work, self._on_work = self._on_work, None
            on_work()


def _library_changes(changes: ChangeSet, catalog: Catalog, library: ZoteroLibrary, prune: bool) -> None:
    """The library's new or changed labels, and with prune the files of items that left it."""
    stored = catalog.labelled_files(library.name)
    current: set[str] = set()
    labelled = [(str(a.path), a.item, a.tags) for a in library.files]
    labelled += [(u.uri, u.item, u.item.tags) for u in library.unfiled]  # indexed by their abstracts
    for path, item, tags in labelled:
        if path in current:  # a linked file two items share: the first item's labels
            continue
        current.add(path)
        entry = LabelledFile(path, library.name, item.key, item.collections, tags)
        if stored.get(path) != entry:
            changes.labels.append(entry)
    if prune:
        # a file this run met anyway (it is also in a given folder) is not gone, only unlabelled
        met = {o.path for o in changes.outcomes} | {p.path for p in changes.to_process}
        for path in sorted(set(stored) - current):
            changes.unlabelled.append(path)
            if path in met:
                continue
            record = catalog.file(path)
            if record is not None:
                changes.gone.append(record)


def item_key(item: ZoteroItem, config: str, min_chars: int) -> str:
    """What says an item without a file is as it was, without building its record: its rows.

    The stat key of a Zotero item indexed by its abstract, or reported for having none: the
    item's rows (`ZoteroItem.source`), the settings and the shortest text indexed. A library
    of 10,000 items, thousands of them without a file, builds no record of those unchanged.
    """
    digest = hashlib.sha256(b"item-v1")
    digest.update(f"{config}:{min_chars}:{item.source}".encode())
    return digest.hexdigest()[:16]


def _unfiled_items(
    changes: ChangeSet,
    catalog: Catalog,
    libraries: list[ZoteroLibrary],
    min_chars: int,
    prune: bool,
    config: str,
    reprocess: bool,
) -> list[tuple[str, _Input]]:
    """Items without a file: (address, input) of those indexed by title and abstract; the rest reported.

    An item whose abstract gives at least `min_chars` characters is a document of its own (its
    address the "file", its record Zotero's), planned as a file's bytes are; any other is one
    "skipped" line, so none is missing in silence. What an earlier run recorded for an item
    that now has a file, or left the library, goes: its line (`mended`) and the abstract's
    document (`orphaned`). The abstract's document goes only once the file's own document is
    stored: a file planned in this run replaces it when written (`PlannedFile.supersedes`), one
    that failed leaves it, so the work stays searchable. The document of an item gone to the
    trash stays until `--prune`, as a file's does.
    """
    if not libraries:  # a run of folders only says nothing of Zotero's items
        return []
    indexed: list[tuple[str, _Input]] = []
    current: set[str] = set()
    for library in libraries:
        for unfiled in library.unfiled:
            current.add(unfiled.uri)
            previous = catalog.file(unfiled.uri)
            key = item_key(unfiled.item, config, min_chars)
            if previous is not None and previous.stat_key == key and not reprocess:
                if previous.doc_id:  # its rows as they were: its record not built
                    found = _Input(previous.doc_id, previous.fingerprint, False, unfiled.item, previous)
                    indexed.append((unfiled.uri, found))
                else:
                    _settle(changes, catalog, FileOutcome(unfiled.uri, "skipped", reason=previous.reason))
                continue
            if len(unfiled.text) >= min_chars:
                indexed.append((unfiled.uri, _abstract_input(changes, unfiled, previous, key, config)))
                continue
            record = unfiled.item.metadata
            named = (record.title or "(untitled)") + (f" ({record.year})" if record.year else "")
            reason = (
                f"Zotero item without a file attachment or an abstract to index: {named}; "
                "attach its PDF in Zotero to index it"
            )
            _settle(changes, catalog, FileOutcome(unfiled.uri, "skipped", reason=reason))
            if previous is None or not previous.doc_id:  # its record is written with no fingerprint
                changes.stats[unfiled.uri] = (key, "")
    attachments: dict[str, list[str]] = {}
    for library in libraries:
        for attached in library.files:
            attachments.setdefault(attached.item.key, []).append(str(attached.path))
    for stale in catalog.files(ZOTERO_ITEM):
        if stale.path in current:
            continue
        files = attachments.get(stale.path.rsplit("/", 1)[-1], [])
        if stale.doc_id and not prune and not files:
            continue  # an item in the trash keeps its document until --prune, as files do
        if stale.doc_id and files and _hand_over(changes, catalog, stale, files):
            continue  # its file is planned: written, it takes over the abstract's document
        if stale.doc_id and files and not _file_stored(catalog, files):
            continue  # its file failed: the abstract stays until the file is stored
        changes.mended.append(stale.path)
        if stale.doc_id and catalog.files_of(stale.doc_id) == [display_path(stale.path)]:
            changes.orphaned.append(stale.doc_id)
    return indexed


def _abstract_input(
    changes: ChangeSet, unfiled: UnfiledItem, previous: FileRecord | None, key: str, config: str
) -> _Input:
    """An item's title and abstract as a document's input, its `item_key` kept for the next run."""
    data = unfiled.text.encode("utf-8")
    fingerprint = _input_digest(data, config, unfiled.item.digest).hexdigest()[:16]
    if data.strip():
        changes.stats[unfiled.uri] = (key, fingerprint)
    return _Input(content_hash(data), fingerprint, not data.strip(), unfiled.item, previous)


def _hand_over(changes: ChangeSet, catalog: Catalog, stale: FileRecord, files: list[str]) -> bool:
    """Plan an item's file to take over the document its abstract held; whether one is planned.

    The file's plan gets the abstract's document as its `previous_doc` (its corrections are
    inherited, and it is removed once the file's document is written) and the item's address
    as `supersedes` (forgotten then).
    """
    for index, planned in enumerate(changes.to_process):
        held = planned.previous_doc
        if planned.path in files and (not held or catalog.document_status(held) is None):
            changes.to_process[index] = replace(planned, previous_doc=stale.doc_id, supersedes=stale.path)
            return True
    return False


def _file_stored(catalog: Catalog, files: list[str]) -> bool:
    """Whether one of an item's files has its document stored (or duplicates a stored one)."""
    stored = (catalog.file(path) for path in files)
    return any(record is not None and record.status in ("ingested", "duplicate") for record in stored)


def same_failure(previous: FileRecord | None, fingerprint: str) -> bool:
    """Whether the file failed before with exactly this input (it is not retried)."""
    return previous is not None and previous.status == "failed" and previous.fingerprint == fingerprint


def _unchanged_failure(source: str, doc_id: str, previous: FileRecord) -> FileOutcome:
    return FileOutcome(source, "failed", doc_id=doc_id, reason=f"{previous.reason} (unchanged since)")


def _unreadable_folder(path: Path) -> str:
    try:
        os.listdir(path)
    except OSError as exc:
        return f"cannot read folder ({exc.strerror})"
    return "cannot read folder"


def _settle(changes: ChangeSet, catalog: Catalog, outcome: FileOutcome) -> None:
    """Report a file that is not read, and record it so `corpus stats` lists it too.

    A record that holds a document is left as it is (the file became a broken link, say):
    its document stays until the file is gone and pruned.
    """
    changes.outcomes.append(outcome)
    previous = catalog.file(outcome.path)
    if previous is None or not previous.doc_id:
        changes.fingerprints[outcome.path] = ""


def _mend(changes: ChangeSet, catalog: Catalog, path: str) -> None:
    """A metadata file that describes a document now: drop the record that said it did not."""
    previous = catalog.file(path)
    if previous is not None and not previous.doc_id:
        changes.mended.append(path)


def _moved_here(
    changes: ChangeSet, catalog: Catalog, source: str, doc_id: str, fingerprint: str, holders: list[str]
) -> bool:
    """Whether new file `source` holds a stored document whose every recorded file is gone (a move).

    A Zotero item's address is never gone this way; a copy next to a file that is still there
    is a duplicate, and of two new copies of a moved file the first found is the move.
    """
    old = [record for record in (catalog.file(real_path(p)) for p in holders) if record is not None]
    if not old or len(old) != len(holders):
        return False
    if any(r.path.startswith(ZOTERO_ITEM) or os.path.lexists(r.path) for r in old):
        return False
    old.sort(key=lambda r: (r.status != "ingested", -r.chunks))  # the record that stored it first
    main = old[0]
    more = f" (and {len(old) - 1} more path(s) it was stored under)" if len(old) > 1 else ""
    changes.moved.append(MovedFile(source, fingerprint, tuple(old)))
    reason = f"moved from {display_path(main.path)}{more}"
    changes.outcomes.append(FileOutcome(source, "moved", doc_id=doc_id, chunks=main.chunks, reason=reason))
    return True


def _failure_moved(changes: ChangeSet, catalog: Catalog, source: str, doc_id: str, fingerprint: str) -> bool:
    """Whether new file `source` is a file that failed, moved here: its record follows it, unread again.

    Its input is the same (the fingerprint: its bytes, sidecars and the settings) and the path
    it failed under is gone; reading it again would fail the same way (after an OCR run that
    timed out, at the same cost).
    """
    gone = [r for r in catalog.failed_files(fingerprint) if not os.path.lexists(r.path)]
    if not gone:
        return False
    changes.moved.append(MovedFile(source, fingerprint, (gone[0],)))
    reason = f"{gone[0].reason} (unchanged since; moved from {display_path(gone[0].path)})"
    changes.outcomes.append(FileOutcome(source, "failed", doc_id=doc_id, reason=reason))
    return True


def _duplicate(
    changes: ChangeSet, source: str, doc_id: str, fingerprint: str, holder: str, previous: FileRecord | None
) -> None:
    """`holder` is the file (or document id) it duplicates, as shown to people; `previous` its record."""
    stored = (previous.status, previous.doc_id, previous.fingerprint) if previous else None
    if stored != ("duplicate", doc_id, fingerprint):  # a copy this run finds first
        changes.copies.append(source)
    changes.outcomes.append(
        FileOutcome(source, "duplicate", doc_id=doc_id, reason=f"same content as {holder}")
    )
    changes.fingerprints[source] = fingerprint
