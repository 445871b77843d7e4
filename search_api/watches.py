"""Saved searches ("watches") and the digest of works new to each, written after every ingestion run.

A watch is a query with search options (k, mode, year, author, venue, language, section,
Zotero collection and tag),
kept in the store's `watches.json` (`StoreLayout.watches`, rewritten atomically under
`.watches.lock`) with the works it has already shown. Adding one records what it finds
now, so its first digest holds only what later runs bring. After each ingestion run the
flow calls `digest_after_run` (every run a user starts is the flow: the CLI, schedules,
deployments, Dask runs): every watch runs through `Corpus.search`, the works it had not
seen are its news, and the digest is written to `digests/<UTC timestamp>.md` (and `.json`,
what `corpus watch digest --json` and `GET /watches/digest` read). Only the newest
`watches.keep_digests` digests are kept.

    watch = add_watch(layout, "value co-creation", WatchOptions(year_from=2005), baseline=corpus.search)
    digest = run_watches(corpus)            # None when the store has no watches
    print(latest_digest(layout).markdown)
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from corpus_core.choices import Mode
from corpus_core.errors import NotFoundError, StoreAccessError, UsageError
from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings
from search_api.engine import has_words
from search_api.filters import Filters
from search_api.results import WorkKeyed

if TYPE_CHECKING:
    from search_api.results import SearchResult
    from search_api.service import Corpus

MAX_WATCH_K = 100
"""Most works one watch looks at per run (as `corpus search -k`)."""
MAX_QUERY_CHARS = 1000
"""Longest watched query (the HTTP route applies the stricter `server.max_query_chars`)."""
ADDED_OPTIONS = frozenset({"collection", "tag"})
"""Options newer than the first watches: left out of a watch's id while unset, so a watch saved
before they existed keeps its id (and adding it again is still the same watch)."""
MIN_ID_PREFIX = 4
"""Shortest unambiguous prefix `watch rm` accepts for a watch id."""
SNIPPET_CHARS = 240
"""Characters of the best passage a digest entry quotes."""


class WatchOptions(BaseModel):
    """The search options of a watch (unset: the store's defaults)."""

    k: int = Field(20, ge=1, le=MAX_WATCH_K)
    mode: Mode | None = None
    year_from: int | None = Field(None, ge=0, le=9999)
    year_to: int | None = Field(None, ge=0, le=9999)
    author: str | None = Field(None, max_length=200)
    venue: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)
    section: str | None = Field(None, max_length=200)
    collection: str | None = Field(None, max_length=200)
    tag: str | None = Field(None, max_length=200)

    def filters(self) -> dict[str, Any]:
        """The options `Corpus.search` takes, unset ones left out."""
        return {k: v for k, v in self.model_dump(exclude={"k"}).items() if v is not None}

    def describe(self) -> str:
        """The options in words ("year 2005-, author Chung"; empty when none are set)."""
        parts = []
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"year {self.year_from or ''}-{self.year_to or ''}")
        parts += [f"{name} {value}" for name, value in self.filters().items() if not name.startswith("year")]
        return ", ".join(parts)


class Watch(BaseModel):
    """A saved search as `watch list` shows it."""

    watch_id: str
    query: str
    options: WatchOptions
    created: str
    last_run: str | None = None
    seen: int = 0
    """Works the watch has shown so far (at adding and in digests)."""


class _StoredWatch(Watch):
    seen_ids: list[str] = Field(default_factory=list)

    def public(self) -> Watch:
        return Watch(**self.model_dump(exclude={"seen_ids", "seen"}), seen=len(self.seen_ids))


class _WatchFile(BaseModel):
    version: int = 1
    watches: list[_StoredWatch] = Field(default_factory=list)


class WatchList(BaseModel):
    """Every watch of a store."""

    watches: list[Watch]


class DigestEntry(WorkKeyed):
    """A work new to a watch: its record, citation and best passage."""

    title: str
    authors: list[str]
    year: int | None
    venue: str
    score: float
    citation: str
    page: str
    snippet: str


class WatchNews(BaseModel):
    """What one watch found new in a run (`error`: why it could not run, else '')."""

    watch_id: str
    query: str
    options: WatchOptions
    new: list[DigestEntry]
    error: str = ""


class Digest(BaseModel):
    """One run's digest: the works new to each watch, and the same as Markdown."""

    name: str
    """The digest's file name in the store's `digests/` folder, without extension."""
    created: str
    watches: list[WatchNews]
    markdown: str

    @property
    def new_works(self) -> int:
        """New works over every watch (a work new to two watches counts twice)."""
        return sum(len(w.new) for w in self.watches)


class DigestList(BaseModel):
    """Digests, newest first."""

    digests: list[Digest]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@contextmanager
def _locked(layout: StoreLayout) -> Iterator[None]:
    """Hold the watch file's lock (writers of watches.json wait for each other, briefly)."""
    layout.root.mkdir(parents=True, exist_ok=True)
    with layout.watches_lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read(layout: StoreLayout) -> _WatchFile:
    try:
        text = layout.watches.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _WatchFile()
    except OSError as exc:
        raise StoreAccessError(f"{layout.watches}: cannot read the watches ({exc})") from exc
    try:
        return _WatchFile.model_validate_json(text)
    except ValidationError as exc:
        raise StoreAccessError(f"{layout.watches}: not a watch file ({exc.error_count()} errors)") from exc


def _write_text(path: Path, text: str) -> None:
    """Replace `path` atomically (a reader never sees half a file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except OSError as exc:
        raise StoreAccessError(f"{path}: cannot write ({exc})") from exc


def _write(layout: StoreLayout, data: _WatchFile) -> None:
    _write_text(layout.watches, data.model_dump_json(indent=2) + "\n")


def watch_id(query: str, options: WatchOptions) -> str:
    """A watch's id: a hash of its query and options, so adding the same watch twice is one watch."""
    unset = {name for name in ADDED_OPTIONS if getattr(options, name) is None}
    key = json.dumps(
        {"query": query, "options": options.model_dump(exclude=unset)}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _check_text(name: str, value: str) -> None:
    """UsageError for text the watch file cannot hold (a lone surrogate is not UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{name} holds a character that is not valid Unicode text") from None


def check_query(query: str, max_chars: int = MAX_QUERY_CHARS) -> str:
    """The query trimmed; UsageError when it is empty, too long or not valid text."""
    text = " ".join(query.split())
    if not text:
        raise UsageError('a watch needs a query: corpus watch add "QUERY"')
    if not has_words(text):
        raise UsageError(f'the query {text!r} holds no word to search for: corpus watch add "QUERY"')
    if len(text) > max_chars:
        raise UsageError(f"the query is {len(text)} characters long; a watch allows {max_chars}")
    _check_text("the query", text)
    return text


def _check_options(options: WatchOptions) -> None:
    """UsageError for options no search accepts (years backwards, text that is not Unicode)."""
    Filters(**options.model_dump(exclude={"k", "mode"}))
    for name, value in options.filters().items():
        if isinstance(value, str):
            _check_text(name, value)


def add_watch(
    layout: StoreLayout,
    query: str,
    options: WatchOptions | None = None,
    baseline: Callable[..., list[SearchResult]] | None = None,
) -> Watch:
    """Save a search; `baseline` (`Corpus.search`) marks what it finds now as seen. Idempotent."""
    options = options or WatchOptions()
    text = check_query(query)
    _check_options(options)
    new_id = watch_id(text, options)
    seen = [r.work_id for r in baseline(text, options.k, **options.filters())] if baseline else []
    with _locked(layout):
        data = _read(layout)
        for stored in data.watches:
            if stored.watch_id == new_id:
                return stored.public()
        stored = _StoredWatch(
            watch_id=new_id, query=text, options=options, created=_now().isoformat(), seen_ids=seen
        )
        data.watches.append(stored)
        _write(layout, data)
    return stored.public()


def list_watches(layout: StoreLayout) -> WatchList:
    """Every watch of the store, oldest first."""
    return WatchList(watches=[w.public() for w in _read(layout).watches])


def remove_watch(layout: StoreLayout, watch: str) -> Watch:
    """Drop a watch by id (or an unambiguous prefix of at least 4 characters); NotFoundError if none."""
    with _locked(layout):
        data = _read(layout)
        key = watch.strip().lower()
        matches = [
            w
            for w in data.watches
            if w.watch_id == key or (len(key) >= MIN_ID_PREFIX and w.watch_id.startswith(key))
        ]
        if not matches:
            shown = watch if len(watch) <= 40 else watch[:37] + "..."
            raise NotFoundError(f"no watch {shown!r} in {layout.root}: `corpus watch list` shows the ids")
        if len(matches) > 1:
            raise UsageError(f"{watch!r} matches {len(matches)} watches: give more of the id")
        data.watches.remove(matches[0])
        _write(layout, data)
    return matches[0].public()


def _entry(result: SearchResult) -> DigestEntry:
    best = result.passages[0] if result.passages else None
    text = " ".join((best.text if best else "").split())
    return DigestEntry(
        work_id=result.work_id,
        title=result.metadata.title,
        authors=[a.display for a in result.metadata.authors],
        year=result.metadata.year,
        venue=result.metadata.venue,
        score=round(result.score, 6),
        citation=result.citation,
        page=best.page if best else "",
        snippet=text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…",
    )


def run_watches(corpus: Corpus, now: datetime | None = None) -> Digest | None:
    """Run every watch of the corpus's store, write the digest of what is new; None without watches.

    A watch that fails (a filter the store rejects) is reported in the digest with its
    reason; the others still run.
    """
    layout = corpus.layout
    if not layout.watches.exists():
        return None
    with _locked(layout):
        data = _read(layout)
        if not data.watches:
            return None
        when = now or _now()
        news = []
        for watch in data.watches:
            try:
                results = corpus.search(watch.query, watch.options.k, **watch.options.filters())
            except UsageError as exc:
                news.append(
                    WatchNews(
                        watch_id=watch.watch_id,
                        query=watch.query,
                        options=watch.options,
                        new=[],
                        error=str(exc),
                    )
                )
                continue
            seen = set(watch.seen_ids)
            fresh = [r for r in results if r.work_id not in seen]
            watch.seen_ids += [r.work_id for r in fresh]
            watch.last_run = when.isoformat()
            news.append(
                WatchNews(
                    watch_id=watch.watch_id,
                    query=watch.query,
                    options=watch.options,
                    new=[_entry(r) for r in fresh],
                )
            )
        digest = _write_digest(layout, when, news, corpus.settings.watches.keep_digests)
        _write(layout, data)
    return digest


def _write_digest(layout: StoreLayout, when: datetime, news: list[WatchNews], keep: int) -> Digest:
    """Write a digest (.md and .json), then remove all but the newest `keep` of the store's digests."""
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    name, n = stamp, 1
    while (layout.digests / f"{name}.json").exists():
        n += 1
        name = f"{stamp}-{n}"
    digest = Digest(name=name, created=when.isoformat(), watches=news, markdown="")
    digest.markdown = digest_markdown(digest)
    _write_text(layout.digests / f"{name}.md", digest.markdown)
    _write_text(layout.digests / f"{name}.json", digest.model_dump_json(indent=2) + "\n")
    for old in _digest_files(layout)[keep:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".md").unlink(missing_ok=True)
    return digest


def _md(text: str) -> str:
    """Text safe inside Markdown (emphasis, links and HTML characters escaped)."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def digest_markdown(digest: Digest) -> str:
    """The digest as Markdown: a heading per watch, each new work with its citation and best passage."""
    total = digest.new_works
    lines = [
        f"# Watch digest {digest.created.replace('T', ' ').replace('+00:00', ' UTC')}",
        "",
        f"{total} new work{'s' if total != 1 else ''} for {len(digest.watches)} "
        f"watch{'es' if len(digest.watches) != 1 else ''}.",
    ]
    for watch in digest.watches:
        described = watch.options.describe()
        lines += ["", f"## “{_md(watch.query)}”" + (f" ({_md(described)})" if described else "")]
        lines.append(f"`{watch.watch_id}`")
        lines.append("")
        if watch.error:
            lines.append(f"Could not run: {_md(watch.error)}")
            continue
        if not watch.new:
            lines.append("Nothing new.")
            continue
        for index, entry in enumerate(watch.new, start=1):
            page = f", p. {entry.page}" if entry.page else ""
            lines.append(f"{index}. {_md(entry.citation)} `{entry.work_id}`{page}")
            if entry.snippet:
                lines.append(f"   > {_md(entry.snippet)}")
    return "\n".join(lines) + "\n"


def _digest_files(layout: StoreLayout) -> list[Path]:
    if not layout.digests.is_dir():
        return []
    return sorted(layout.digests.glob("*.json"), key=lambda p: p.stem, reverse=True)


def _load_digest(path: Path) -> Digest:
    try:
        return Digest.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise StoreAccessError(f"{path}: cannot read the digest ({exc})") from exc


def latest_digest(layout: StoreLayout) -> Digest:
    """The newest digest; NotFoundError when no run has written one yet."""
    files = _digest_files(layout)
    if not files:
        raise NotFoundError(
            f"no watch digest in {layout.root} yet: add a watch (corpus watch add) and run corpus ingest"
        )
    return _load_digest(files[0])


def all_digests(layout: StoreLayout, limit: int | None = None) -> DigestList:
    """Every digest (or the newest `limit`), newest first."""
    files = _digest_files(layout)
    return DigestList(digests=[_load_digest(p) for p in (files[:limit] if limit else files)])


def digest_after_run(settings: Settings) -> Digest | None:
    """After an ingestion run: run the watches of `settings.store` (None, quickly, when it has none)."""
    layout = StoreLayout(settings.store)
    if not layout.exists() or not _read(layout).watches:
        return None
    from search_api.service import Corpus

    corpus = Corpus(settings=settings)
    try:
        return run_watches(corpus)
    finally:
        corpus.close()


def watch_options(**values: Any) -> WatchOptions:
    """WatchOptions from loose values (unset ones dropped); UsageError naming a bad field and value."""
    try:
        return WatchOptions(**{k: v for k, v in values.items() if v is not None and v != ""})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"invalid watch option {field} = {first.get('input')!r}: {first['msg']}") from None
