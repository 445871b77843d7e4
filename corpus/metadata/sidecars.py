"""Bibliographic records written by people or reference managers, found next to a document.

Two kinds, both more trusted than anything read from the document itself:

* sidecars: `paper.bib`, `paper.ris` or `paper.json` (CSL-JSON) beside `paper.pdf`;
* folder manifests: `references.bib` whose entries name their file in a `file` field (Zotero,
  JabRef), or `corpus.yaml` mapping file names to records, in the document's folder or above;
  and a reference manager's export under any name: a `.bib` or `.ris` file that is no
  document's sidecar and names files (BibTeX `file`, RIS `L1`), as Zotero's "Export
  Collection..." with "Export Files" writes `Exported Items.bib` beside `files/12/paper.pdf`,
  or a Mendeley, JabRef or EndNote library exported with its files.

A broken or ambiguous file never stops ingestion and is never passed over in silence: the
problem goes to the `problems` list the caller passes (the run report's reason for the
document: "sidecar paper.bib not read: its entry at line 1 could not be parsed"), else the log.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISLNK
from typing import Any
from urllib.parse import unquote

import bibtexparser
import rispy
import yaml
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import get_default_latex_context_db

from corpus.metadata.fields import (
    ARTICLE_KINDS,
    BIBTEX_KINDS,
    DOCTORAL,
    IN_EDITED_BOOK,
    MASTERS,
    RIS_KINDS,
    filed_authors,
    normalise_doi,
    normalise_edition,
    normalise_kind,
    normalise_language,
    normalise_pages,
    parse_date,
    parse_year,
    person,
    split_keywords,
    split_people,
    stamp,
    thesis_genre,
)
from corpus_core.models import Metadata, Person
from corpus_core.settings import LoadingSettings

logger = logging.getLogger(__name__)

MANIFEST_NAMES = ("corpus.yaml", "corpus.yml", "references.bib")
"""Folder-level manifest file names, checked in this order in each folder (exports after them)."""

EXPORT_SUFFIXES = (".bib", ".ris")
"""A reference manager's export: a manifest under any name when it names files (`_folder_manifests`)."""

MANIFEST_DEPTH = 3
"""How many folders upwards from a document its manifests are looked for."""

_FILE_NAME = re.compile(
    r"[^:;{}\n]+?\.(?:"
    + "|".join(sorted((ext[1:] for ext in LoadingSettings().extensions), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
"""A document's name in a BibTeX `file` field (JabRef's and Zotero's "description:path:type"),
of any type a folder is read for."""
_LATEX = LatexNodes2Text()
_LATEX_CONTEXT = get_default_latex_context_db()
"""pylatexenc's macros, built once: a parse without one builds its own (75 us a field)."""
_LATEX_MARKUP = re.compile(r"[\\$%&~#]|``|''|--|!`|\?`")
"""What pylatexenc reads as more than text and groups: a value without any is its plain text
once its braces are dropped (Better BibTeX braces every capitalised word of a title)."""


SIDECAR_SUFFIXES = (".bib", ".ris", ".json")
"""Sidecar file suffixes, read as BibTeX, RIS and CSL-JSON."""


def _sidecar_names(doc: Path) -> list[tuple[str, str]]:
    """Per suffix, the sidecar names looked for: `paper.bib`, then `paper.pdf.bib`."""
    return [(doc.stem + suffix, doc.name + suffix) for suffix in SIDECAR_SUFFIXES]


class Folders:
    """One pass's view of the folders documents sit in: each folder listed once.

    Change detection asks, for every document, which sidecars sit beside it and which
    manifests its folder and the two above it hold: thousands of times for the same few
    folders in a library. A pass lists each folder once (its file names, its manifests);
    a file that appears during the pass is seen by the next, as a folder walk sees it.
    """

    def __init__(self) -> None:
        self._listed: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._manifests: dict[str, list[Path]] = {}
        self._above: dict[tuple[str, int], list[Path]] = {}
        self._resolved: dict[str, str] = {}
        self._paths: dict[str, Path] = {}

    def resolve(self, path: str | Path) -> Path:
        """`path` resolved as `Path.resolve` does, each folder resolved once per pass.

        A library's documents share their folders: resolving each document's path whole
        walks every folder above it again (an lstat per component, twice a file in a Zotero
        library of 10,000 items). Here a name that is no link costs one lstat; a link, or a
        path with "..", is resolved whole. Folders are kept as strings (pathlib's objects
        cost more than the lstat), and a path asked for again is answered from memory.
        """
        given = os.fspath(path)
        found = self._paths.get(given)
        if found is None:
            if ".." in given.split(os.sep):  # a link before ".." changes where it leads
                found = Path(given).resolve()
            else:
                resolved = self._resolve(os.path.abspath(given))
                found = path if resolved == given and isinstance(path, Path) else Path(resolved)
            self._paths[given] = found
        return found

    def _resolve(self, path: str) -> str:
        """`resolve` of an absolute path, as a string."""
        found = self._resolved.get(path)
        if found is None:
            parent, name = os.path.split(path)
            if not name or parent == path:
                found = path
            else:
                try:
                    link = S_ISLNK(os.lstat(path).st_mode)
                except OSError:
                    link = False
                found = os.path.realpath(path) if link else os.path.join(self._resolve(parent), name)
            self._resolved[path] = found
        return found

    def files(self, folder: str | Path) -> frozenset[str]:
        """Names of the files in `folder` (links followed); none when it cannot be listed."""
        return self._listing(folder)[0]

    def sidecar_names(self, folder: str | Path) -> frozenset[str]:
        """The names in `folder` a sidecar can have (`SIDECAR_SUFFIXES`).

        Gathered with the folder's listing: a folder of 10,000 PDFs is asked for each of its
        documents' sidecars, and looking through its names each time made a pass quadratic.
        """
        return self._listing(folder)[1]

    def _listing(self, folder: str | Path) -> tuple[frozenset[str], frozenset[str]]:
        """`files` and `sidecar_names` of `folder`, listed once a pass."""
        key = os.fspath(folder)
        found = self._listed.get(key)
        if found is None:
            try:
                with os.scandir(key) as entries:
                    names = frozenset(entry.name for entry in entries if entry.is_file())
            except OSError:
                names = frozenset()
            found = (names, frozenset(name for name in names if name.endswith(SIDECAR_SUFFIXES)))
            self._listed[key] = found
        return found

    def manifests(self, folder: str | Path) -> list[Path]:
        """`folder`'s manifests (`_folder_manifests`)."""
        key = os.fspath(folder)
        found = self._manifests.get(key)
        if found is None:
            names = self.files(key)
            found = _folder_manifests(Path(key), names) if _may_hold_manifests(names) else []
            self._manifests[key] = found
        return found

    def manifests_above(self, folder: str | Path, depth: int = MANIFEST_DEPTH) -> list[Path]:
        """The manifests of the resolved `folder` and of those above it, nearest first (`MANIFEST_DEPTH`).

        Each folder's list is kept with its depth: the documents of a Zotero library, each in
        a folder of its own, share all but the first of theirs.
        """
        key = (os.fspath(folder), depth)
        found = self._above.get(key)
        if found is None:
            parent = os.path.dirname(key[0])
            found = self.manifests(key[0])
            if depth > 1 and parent != key[0]:
                found = found + self.manifests_above(parent, depth - 1)
            self._above[key] = found
        return found


def _may_hold_manifests(names: frozenset[str]) -> bool:
    """Whether a folder of files `names` may hold a manifest: one by name, or a `.bib` / `.ris` file."""
    return any(name in MANIFEST_NAMES or name.lower().endswith(EXPORT_SUFFIXES) for name in names)


@dataclass(frozen=True)
class Described:
    """The files that describe a document, and what each manifest says of it (`_statements_of`).

    Its sidecars, and its folders' manifests, nearest first.
    """

    sidecars: list[Path]
    manifests: list[Path]
    statements: list[tuple[Path, str]]

    @classmethod
    def find(cls, path: str | Path, folders: Folders | None = None) -> Described:
        """The describing files of `path` that exist now, its path resolved once."""
        folders = folders or Folders()
        doc = folders.resolve(path)
        manifests = folders.manifests_above(os.path.dirname(doc))
        return cls(_sidecars_of(doc, folders), manifests, _statements_of(doc, manifests))


def metadata_files(path: str | Path) -> list[Path]:
    """List the existing sidecar and manifest files that may describe `path` (for change detection)."""
    described = Described.find(path)
    return described.sidecars + described.manifests


def _sidecars_of(doc: Path, folders: Folders) -> list[Path]:
    """The existing sidecars of the resolved `doc`: `paper.bib`, `paper.pdf.json`, ..."""
    present = folders.sidecar_names(os.path.dirname(doc))
    if not present:
        return []
    wanted = [name for names in _sidecar_names(doc) for name in names]
    return [doc.with_name(name) for name in wanted if name in present and name != doc.name]


def _statements_of(doc: Path, manifests: list[Path]) -> list[tuple[Path, str]]:
    """What each of the resolved `doc`'s `manifests` says of it, for change detection.

    The statement is the record the manifest gives the document (as JSON), else why it gives
    none, as `manifest_records` would report it; '' when no entry names the document. A
    manifest shared by a library's files (a reference manager's export kept up to date)
    changes for every item added, while what it says of each file seldom does.
    """
    statements = []
    for manifest in manifests:
        record, problem = _finding(manifest, doc)
        said = problem if record is None else json.dumps(record.digest_dict(), sort_keys=True, default=str)
        statements.append((manifest, said))
    return statements


def _folder_manifests(folder: Path, names: frozenset[str]) -> list[Path]:
    """A folder's manifests, its files being `names`: `MANIFEST_NAMES`, then exports naming files.

    Exports come by name. An export is a `.bib` or `.ris` file no document of the folder owns
    as its sidecar (no `paper.pdf` beside `paper.bib`) with at least one entry that names a
    file; a writer's own bibliography, which names none, stays a stray metadata file.
    """
    found = [folder / name for name in MANIFEST_NAMES if name in names]
    for candidate in _export_candidates(folder, names):
        try:
            stat = candidate.stat()
            if _load_manifest(str(candidate), stat.st_mtime_ns, stat.st_size).entries:
                found.append(candidate)
        except Exception as exc:  # a broken export is a stray metadata file, reported as one
            logger.debug("%s: not read as a manifest: %s", candidate, _why(exc))
    return found


def is_manifest(path: Path, folders: Folders | None = None) -> bool:
    """Whether a metadata file is a manifest of its folder (`_folder_manifests`)."""
    return path.name in MANIFEST_NAMES or path in (folders or Folders()).manifests(path.parent)


def _export_candidates(folder: Path, names: frozenset[str]) -> list[Path]:
    """`.bib` / `.ris` files among a folder's files `names` that are no document's sidecar, by name."""
    others = {name for name in names if Path(name).suffix.lower() not in SIDECAR_SUFFIXES}
    owners = others | {Path(name).stem for name in others}  # paper.pdf owns paper.bib and paper.pdf.bib
    return [
        folder / name
        for name in sorted(names)
        if Path(name).suffix.lower() in EXPORT_SUFFIXES
        and name not in MANIFEST_NAMES
        and Path(name).stem not in owners
    ]


def _problem(problems: list[str] | None, text: str) -> None:
    """Tell the caller (the run report) about a metadata file that gave nothing, else log it."""
    if problems is None:
        logger.warning("%s", text)
    else:
        problems.append(text)


def _why(exc: Exception) -> str:
    """An exception as the reason a metadata file was not read (its message, else its class)."""
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


def sidecar_records(path: str | Path, problems: list[str] | None = None) -> list[Metadata]:
    """Read `paper.bib`, `paper.ris` and `paper.json` beside `path` into records, source "sidecar".

    A sidecar that cannot be read, or holds no record of this document, adds its reason to
    `problems`: "sidecar paper.ris not read: 3 RIS records, expected one".
    """
    doc = Path(path)
    readers = (_bib_sidecar, _ris_sidecar, _json_sidecar)
    records: list[Metadata] = []
    for reader, names in zip(readers, _sidecar_names(doc), strict=True):
        for name in names:
            candidate = doc.with_name(name)
            if name == doc.name or not candidate.is_file():
                continue
            try:
                records.append(stamp(reader(candidate, doc), "sidecar"))
            except Exception as exc:
                _problem(problems, f"sidecar {candidate.name} not read: {_why(exc)}")
            break
    return records


def manifest_records(path: str | Path, problems: list[str] | None = None) -> list[Metadata]:
    """Find records of `path` in `corpus.yaml` / `references.bib` of its folder or parents, nearest first.

    A manifest that cannot be read adds its reason to `problems`; so does one with entries
    that could not be parsed when no other entry names the document (one of them may be its).
    """
    doc = Path(path).resolve()
    records: list[Metadata] = []
    for manifest in Folders().manifests_above(doc.parent):
        record, problem = _finding(manifest, doc)
        if record is not None:
            records.append(stamp(copy.deepcopy(record), "manifest"))
        elif problem:
            _problem(problems, problem)
    return records


def _finding(manifest: Path, doc: Path) -> tuple[Metadata | None, str]:
    """The record `manifest` gives `doc`, else why it gives none ('' when no entry names `doc`).

    A manifest with entries that could not be parsed may hold `doc`'s among them: said too.
    """
    shown = os.path.relpath(manifest, doc.parent)
    try:
        stat = manifest.stat()
        loaded = _load_manifest(str(manifest), stat.st_mtime_ns, stat.st_size)
    except Exception as exc:
        return None, f"manifest {shown} not read: {_why(exc)}"
    record = loaded.record_for(doc)
    if record is None and loaded.unparsed:
        unparsed = _unparsed(loaded.unparsed)
        return None, f"manifest {shown}: no entry names {doc.name}, and {unparsed} could not be parsed"
    return record, ""


def manifest_scopes(documents: list[Path]) -> dict[Path, list[Path]]:
    """Each folder a manifest may stand in, with the documents (resolved) it would describe.

    A manifest applies to the documents of its folder and of the folders below it, down to
    `MANIFEST_DEPTH`: each document is listed under that many of its folders, once per run.
    """
    scopes: dict[Path, list[Path]] = {}
    for document in documents:
        resolved = document.resolve()
        for folder in list(resolved.parents)[:MANIFEST_DEPTH]:
            scopes.setdefault(folder, []).append(resolved)
    return scopes


def unused_manifest(manifest: Path, scopes: dict[Path, list[Path]]) -> str:
    """Why a folder manifest describes none of the run's documents; '' when it describes one.

    `scopes` is `manifest_scopes` of the run's documents. A manifest that names none of those
    in its scope gives nothing, and the run report says so ("manifest whose 12 entries name
    no file here: a.pdf, b.pdf, c.pdf, ...").
    """
    try:
        stat = manifest.stat()
        loaded = _load_manifest(str(manifest), stat.st_mtime_ns, stat.st_size)
    except Exception as exc:
        return f"manifest not read: {_why(exc)}"
    failed = f"; {_unparsed(loaded.unparsed)} could not be parsed" if loaded.unparsed else ""
    if not loaded.entries:
        fields = {".bib": "names its file in a `file` field", ".ris": "names its file in an L1 field"}
        field = fields.get(manifest.suffix.lower(), "maps a file name to a record")
        return f"manifest with no entry that names a file (each entry {field}){failed}"
    described = scopes.get(manifest.parent.resolve(), [])
    if any(d.name in loaded.by_name or d in loaded.by_path for d in described):
        return ""
    names = sorted(loaded.by_name)
    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    count = len(loaded.entries)
    return (
        f"manifest whose {count} entr{'y names' if count == 1 else 'ies name'} no file here: {shown}{failed}"
    )


def _unparsed(lines: tuple[int, ...]) -> str:
    """BibTeX entries that failed, by line: "its entry at line 3", "its entries at lines 3, 9"."""
    shown = ", ".join(str(n) for n in lines[:5]) + (", ..." if len(lines) > 5 else "")
    return f"its entry at line {shown}" if len(lines) == 1 else f"its entries at lines {shown}"


def _base_name(name: str) -> str:
    """A manifest entry's file name without its folders (Windows paths too: Zotero on Windows)."""
    return Path(name.replace("\\", "/")).name


@dataclass(frozen=True)
class _Manifest:
    """One version of a manifest's entries, looked up by the file they name.

    A reference manager's export names every file of a library: each document's entry is
    found in its indexes (built once per version), not by resolving every entry's path.
    """

    folder: Path
    """The manifest's folder, which its entries' relative paths start from."""
    entries: tuple[tuple[str, Metadata], ...]
    """(file name, record) pairs."""
    unparsed: tuple[int, ...] = ()
    """Lines of BibTeX entries that could not be parsed."""

    @functools.cached_property
    def by_path(self) -> dict[Path, Metadata]:
        """The first record of each file, by the path its name resolves to."""
        found: dict[Path, Metadata] = {}
        for name, record in self.entries:
            found.setdefault((self.folder / name).resolve(), record)
        return found

    @functools.cached_property
    def by_name(self) -> dict[str, Metadata]:
        """The first record of each base name (`_base_name`)."""
        found: dict[str, Metadata] = {}
        for name, record in self.entries:
            found.setdefault(_base_name(name), record)
        return found

    def record_for(self, doc: Path) -> Metadata | None:
        """The entry of `doc` (resolved): the one naming its exact path, else its base name."""
        record = self.by_path.get(doc)
        return record if record is not None else self.by_name.get(doc.name)


@functools.lru_cache(maxsize=16)
def _load_manifest(path: str, mtime_ns: int, size: int) -> _Manifest:
    """One manifest's entries; cached per file version."""
    manifest = Path(path)
    pairs: list[tuple[str, Metadata]] = []
    if manifest.suffix.lower() == ".bib":
        bib = _bib_entries(manifest)
        for fields in bib.entries:
            for name in _FILE_NAME.findall(fields.get("file", "")):
                pairs.append((name.strip(), _record_from_bib(fields)))
        return _Manifest(manifest.parent, tuple(pairs), bib.unparsed)
    if manifest.suffix.lower() == ".ris":
        for entry in _ris_entries(manifest):
            files = entry.get("file_attachments1") or []
            pairs += [(_ris_file(name), _record_from_ris(entry)) for name in files if str(name).strip()]
        return _Manifest(manifest.parent, tuple(pairs))
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    return _Manifest(manifest.parent, tuple(_yaml_entries(data, manifest)))


def _yaml_entries(data: Any, manifest: Path) -> list[tuple[str, Metadata]]:
    """Pairs from `{file: record}`, `{files: {file: record}}` or `{files: [{file: ..., ...}]}`."""
    if isinstance(data, Mapping):
        for key in ("files", "documents", "works"):
            if key in data and isinstance(data[key], Mapping | list):
                data = data[key]
                break
    pairs: list[tuple[str, Metadata]] = []
    if isinstance(data, Mapping):
        items = [(str(k), v) for k, v in data.items()]
    elif isinstance(data, list):
        items = [(str(v.get("file") or v.get("path") or ""), v) for v in data if isinstance(v, Mapping)]
    else:
        raise ValueError("expected a mapping of file names to records")
    for name, value in items:
        if not name or not isinstance(value, Mapping):
            logger.warning("ignoring manifest entry %r in %s: not a record", name, manifest)
            continue
        pairs.append((name, record_from_mapping(value)))
    return pairs


def _bib_sidecar(path: Path, doc: Path) -> Metadata:
    bib = _bib_entries(path)
    if len(bib.entries) == 1:
        return _record_from_bib(bib.entries[0])
    for fields in bib.entries:
        names = [Path(n.strip()).name for n in _FILE_NAME.findall(fields.get("file", ""))]
        if doc.name in names:
            return _record_from_bib(fields)
    if bib.unparsed and not bib.entries:
        raise ValueError(f"{_unparsed(bib.unparsed)} could not be parsed")
    if not bib.entries:
        raise ValueError("no BibTeX entry in it")
    failed = f"; {_unparsed(bib.unparsed)} could not be parsed" if bib.unparsed else ""
    raise ValueError(f"{len(bib.entries)} entries and none names {doc.name} in its file field{failed}")


@dataclass(frozen=True)
class _BibFile:
    entries: list[dict[str, str]]
    """Fields of each entry (names lower-case, plus `ENTRYTYPE`), outer braces removed."""
    unparsed: tuple[int, ...]
    """Lines (from 1) where an entry that could not be parsed starts."""


def _bib_entries(path: Path) -> _BibFile:
    """The entries of a BibTeX file, and where those that could not be parsed start."""
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8", errors="replace"))
    entries = []
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        fields["ENTRYTYPE"] = entry.entry_type.lower()
        entries.append(fields)
    return _BibFile(entries, tuple((block.start_line or 0) + 1 for block in library.failed_blocks))


def _latex(value: str) -> str:
    """Plain text of a BibTeX value: LaTeX accents decoded, braces dropped, whitespace collapsed."""
    if not _LATEX_MARKUP.search(value):
        return " ".join(value.replace("{", "").replace("}", "").split())
    try:
        text = _LATEX.latex_to_text(value, latex_context=_LATEX_CONTEXT)
    except Exception:
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())


def _bib_authors(value: str) -> list[Person]:
    """BibTeX `author`: names joined by " and "; a fully braced name is an organisation."""
    people = []
    for name in re.split(r"\s+and\s+(?![^{]*})", value.strip()):
        name = name.strip()
        if name.startswith("{") and name.endswith("}"):
            people.append(Person(literal=_latex(name[1:-1])))
        elif name and name.lower() != "others":
            people.append(person(_latex(name)))
    return [p for p in people if p.display]


def _bib_date(fields: dict[str, str]) -> str:
    """A BibTeX entry's day or month: biblatex's `date`, or `year`, `month` ("may", "5") and `day`."""
    year, month, day = (fields.get(name, "").strip() for name in ("year", "month", "day"))
    if fields.get("date"):
        return parse_date(fields["date"])
    if not (year and month):
        return ""
    if month.isdigit():
        return parse_date(f"{year}-{month}" + (f"-{day}" if day else ""))
    return parse_date(f"{day} {month} {year}".strip())


def _record_from_bib(fields: dict[str, str]) -> Metadata:
    get = fields.get
    editors = _bib_authors(get("editor", ""))
    return Metadata(
        title=_latex(get("title", "")),
        authors=filed_authors(
            _bib_authors(get("author", "")), editors, BIBTEX_KINDS.get(fields["ENTRYTYPE"], "")
        ),
        editors=editors,
        translators=_bib_authors(get("translator", "")),
        year=parse_year(get("year") or get("date") or ""),
        original_year=parse_year(get("origdate") or get("origyear") or ""),
        date=_bib_date(fields),
        venue=_latex(get("journal") or get("journaltitle") or get("booktitle") or ""),
        doi=normalise_doi(get("doi", "")),
        keywords=split_keywords(_latex(get("keywords", ""))),
        abstract=_latex(get("abstract", "")),
        publisher=_latex(get("publisher") or get("institution") or get("school") or ""),
        volume=_latex(get("volume", "")),
        issue=_latex(get("number") or get("issue") or ""),
        pages=normalise_pages(get("pages", "")),
        article_number=_latex(get("eid") or get("articleno") or get("article-number") or ""),
        url=get("url", "").strip(),
        isbn=get("isbn", "").strip(),
        kind=BIBTEX_KINDS.get(fields["ENTRYTYPE"], ""),
        genre=_bib_genre(fields["ENTRYTYPE"], _latex(get("type", ""))),
        edition=normalise_edition(_latex(get("edition", ""))),
        language=normalise_language(get("langid") or get("language") or ""),
    )


def _bib_genre(entry_type: str, written: str) -> str:
    """A thesis's or report's genre: @phdthesis, @mastersthesis, or biblatex's `type` ("phdthesis").

    Other entries' `type` is left: CSL prints a genre in brackets after the title.
    """
    if BIBTEX_KINDS.get(entry_type) not in ("thesis", "report"):
        return ""
    named = {"phdthesis": DOCTORAL, "mastersthesis": MASTERS}
    return named.get(entry_type) or named.get(written.lower()) or thesis_genre(written) or written


def _ris_sidecar(path: Path, doc: Path) -> Metadata:
    entries = _ris_entries(path)
    if len(entries) != 1:
        raise ValueError(f"{len(entries)} RIS records, expected one")
    return _record_from_ris(entries[0])


def _ris_entries(path: Path) -> list[dict[str, Any]]:
    """A RIS file's records; every `L1` (file attachment) kept, as exports list one per file."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    return list(rispy.loads(text, list_tags=[*rispy.LIST_TYPE_TAGS, "L1"]))


def _ris_file(value: str) -> str:
    """A RIS attachment as a file name: "file:///C:/Papers/a%20b.pdf", EndNote's "internal-pdf://12/a.pdf"."""
    value = str(value).strip()
    if "://" in value:
        value = unquote(value.split("://", 1)[1])
        value = value[1:] if re.match(r"/[A-Za-z]:", value) else value
    return value


def _record_from_ris(entry: Mapping[str, Any]) -> Metadata:
    """A record from one RIS entry as rispy reads it."""

    def first(*keys: str) -> str:
        for key in keys:
            value = entry.get(key)
            if isinstance(value, list):
                value = value[0] if value else ""
            if value:
                return " ".join(str(value).split())
        return ""

    kind = RIS_KINDS.get(first("type_of_reference").upper(), "")
    editors = [person(a) for a in _ris_editors(entry, kind) if str(a).strip()]
    authors = [person(a) for a in entry.get("authors") or entry.get("first_authors") or [] if str(a).strip()]
    start, end = first("start_page"), first("end_page")
    return Metadata(
        title=first("title", "primary_title", "translated_title"),
        authors=filed_authors(authors, editors, kind),
        editors=editors,
        translators=[  # A4, as Zotero writes a translator (a conference paper's A4 is its contributor)
            person(str(a)) for a in entry.get("subsidiary_authors") or [] if kind != "paper-conference"
        ],
        year=parse_year(first("year", "publication_year", "date")),
        original_year=parse_year(first("original_publication")),
        date=parse_date(first("date", "year", "publication_year")),
        venue=first(
            "secondary_title", "journal_name", "alternate_title3", "alternate_title1", "alternate_title2"
        ),
        doi=normalise_doi(first("doi")),
        keywords=split_keywords(entry.get("keywords") or []),
        abstract=first("abstract", "notes_abstract"),
        publisher=first("publisher"),
        volume=first("volume"),
        issue=first("number"),
        pages=f"{start}-{end}" if start and end else start,
        article_number=first("custom7") if kind in ARTICLE_KINDS else "",
        url=first("urls", "url"),
        isbn=first("issn") if len(re.sub(r"[^\dXx]", "", first("issn"))) in (10, 13) else "",
        kind=kind,
        genre=first("type_of_work"),
        edition=normalise_edition(first("edition")),
        language=normalise_language(first("language")),
    )


def _ris_editors(entry: Mapping[str, Any], kind: str) -> list[str]:
    """A RIS record's editors: `ED` (EndNote), else as Zotero writes them.

    A book's are its `A3` (its `A2` are its series' editors); a chapter's, paper's or entry's
    book's are its `A2`.
    """
    written = entry.get("unknown_tag", {}).get("ED") or []
    if not written and kind == "book":
        written = entry.get("tertiary_authors") or []
    elif not written and kind in IN_EDITED_BOOK:
        written = entry.get("secondary_authors") or []
    return [str(name) for name in written]


def _json_sidecar(path: Path, doc: Path) -> Metadata:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        if len(data) != 1:
            raise ValueError(f"{len(data)} CSL-JSON items, expected one")
        data = data[0]
    if not isinstance(data, Mapping):
        raise ValueError("expected a CSL-JSON object")
    return record_from_mapping(data)


def record_from_mapping(data: Mapping[str, Any]) -> Metadata:
    """Build a record from a CSL-JSON item or a plain mapping (title, authors, year, venue, doi, ...)."""

    def text(*keys: str) -> str:
        for key in keys:
            value = data.get(key)
            if value not in (None, "", []):
                return " ".join(str(value).split())
        return ""

    editors = _mapping_authors(data.get("editor") or data.get("editors") or [])
    kind = normalise_kind(text("type", "kind"))
    # CSL's `number` beside an `issue` is an article's number; alone it is the issue, as in BibTeX.
    article_numbered = kind in ARTICLE_KINDS and bool(text("issue"))
    return Metadata(
        title=text("title"),
        authors=filed_authors(
            _mapping_authors(data.get("author") or data.get("authors") or []), editors, kind
        ),
        editors=editors,
        translators=_mapping_authors(data.get("translator") or data.get("translators") or []),
        reviewed_authors=_mapping_authors(data.get("reviewed-author") or data.get("reviewed_authors") or []),
        reviewed_title=text("reviewed-title", "reviewed_title"),
        year=_mapping_year(data),
        original_year=_mapping_year(data, ("original-date", "original_year", "original-year")),
        date=_mapping_date(data),
        venue=text("container-title", "venue", "journal", "container_title", "booktitle"),
        doi=normalise_doi(text("DOI", "doi")),
        keywords=split_keywords(data.get("keywords") or data.get("keyword") or []),
        abstract=text("abstract"),
        publisher=text("publisher"),
        volume=text("volume"),
        issue=text("issue") if article_numbered else text("issue", "number"),
        pages=normalise_pages(text("page", "pages")),
        article_number=text("article-number", "article_number", "eid")
        or (text("number") if article_numbered else ""),
        url=text("URL", "url"),
        isbn=text("ISBN", "isbn"),
        kind=kind,
        genre=text("genre"),
        edition=normalise_edition(text("edition")),
        language=normalise_language(text("language")),
    )


def _mapping_authors(value: Any) -> list[Person]:
    if isinstance(value, str):
        return split_people(value)
    people: list[Person] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, Mapping):
            found = Person(
                family=str(item.get("family", "")).strip(),
                given=str(item.get("given", "")).strip(),
                literal=str(item.get("literal", "") or item.get("name", "")).strip(),
            )
        else:
            found = person(str(item))
        if found.display:
            people.append(found)
    return people


def _mapping_date(data: Mapping[str, Any]) -> str:
    """A CSL-JSON item's day or month of issue (`issued` `date-parts` [[2019, 5, 14]]), or its `date`."""
    issued = data.get("issued")
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and len(parts[0]) > 1:
            return parse_date("-".join(f"{int(part):02d}" for part in parts[0][:3] if str(part).isdigit()))
        return parse_date(issued.get("raw") or issued.get("literal") or "")
    return parse_date(data.get("date") or "")


def _mapping_year(data: Mapping[str, Any], keys: tuple[str, ...] = ("issued", "year", "date")) -> int | None:
    """The year of the first of `keys` the item has: a CSL date (`date-parts`, `raw`), a year, a date."""
    for key in keys:
        value = data.get(key)
        if isinstance(value, Mapping):
            parts = value.get("date-parts")
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                return parse_year(parts[0][0])
            return parse_year(value.get("raw") or value.get("literal") or "")
        if value not in (None, ""):
            return parse_year(value)
    return None
