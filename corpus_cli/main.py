"""`corpus`: ingest folders of papers, search them by meaning, cite what you find.

Each command is a thin layer over the Python API (`search_api.Corpus`) or the Prefect
flow (`flows.ingest`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from corpus_cli.common import (
    STYLE_NAMES,
    AuthorOption,
    CollectionOption,
    ConfigOption,
    JsonOption,
    LanguageOption,
    ModeOption,
    SectionOption,
    StoreOption,
    TagOption,
    VenueOption,
    YearFromOption,
    YearToOption,
    console,
    err_console,
    friendly_errors,
    named_filters,
    one_line_failures,
    print_json,
    quiet_prefect_console,
    reflow_help,
    settings_for,
    write_output,
)
from corpus_core.collector import collect_less, skip_final_collection
from corpus_core.errors import InputNotFoundError, NotFoundError, StoreLockedError, UsageError
from corpus_core.models import PEOPLE_FIELDS, RETRACTED

if TYPE_CHECKING:
    from corpus_core.settings import Settings
    from indexing.ingest import IngestReport
    from search_api import Corpus

app = typer.Typer(
    help="Turn a folder of papers into a corpus you can search by meaning and cite from.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _open(store: Path | None, config: Path | None) -> Corpus:
    """The store's Python API (imported here so `corpus --help` stays fast)."""
    from search_api import Corpus

    return Corpus(settings=settings_for(store, config))


@app.command()
@friendly_errors
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (walked recursively).", show_default=False)
    ] = None,
    zotero: Annotated[
        Path | None,
        typer.Option(
            "--zotero",
            help="Also ingest a Zotero library (its data directory or zotero.sqlite): the items' "
            "attachments, with Zotero's metadata, collections and tags.",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    config: ConfigOption = None,
    prune: Annotated[bool, typer.Option("--prune", help="Remove documents whose files are gone.")] = False,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess",
            help="Process every file again, changed or not (after an upgrade); chunks whose text "
            "is unchanged keep their vectors.",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run log.")] = False,
    always: Annotated[
        bool, typer.Option("--always", help="Start a flow run even when nothing changed.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Parse and embed on Dask: local (a worker per core), local:N, or tcp://HOST:8786 "
            "(default: runner.dask_address).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Load, clean, chunk, embed and store files (a Prefect flow run).

    Unchanged files are skipped; bad files are reported and the run goes on. When no file
    is new or changed (bytes, sidecar or settings), no flow run is started at all;
    --reprocess reads every file again (after an upgrade), keeping the stored vectors of
    passages that come out the same. With
    --zotero, the attachments of a Zotero library's items come with Zotero's metadata,
    collections and tags (corpus ingest --zotero ~/Zotero).

    Example: corpus ingest ../shared/data/seeds ../shared/data/pdfs
    """
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    paths = list(paths or [])
    if zotero is not None:  # its database is one more input (see indexing.changes)
        from corpus.loading.zotero import find_database

        paths.append(find_database(zotero))
    if not paths:
        raise UsageError("nothing to ingest: name files or folders, or a Zotero library with --zotero")
    missing = [p for p in paths if not p.exists()]
    if len(missing) == len(paths):  # nothing to read: no lock, no flow run
        raise InputNotFoundError(_missing_message(missing))

    settings = settings_for(store, config)
    report = _run_ingestion(settings, paths, config, prune, reprocess, verbose, always, dask)
    if report is not None:
        _print_report(settings, report, verbose)
    if missing:
        raise InputNotFoundError(_missing_message(missing, " (the other paths were read)"))


def _run_ingestion(
    settings: Settings,
    paths: list[Path],
    config: Path | None,
    prune: bool,
    reprocess: bool,
    verbose: bool,
    always: bool,
    dask: str | None,
) -> IngestReport | None:
    """The ingestion flow run under the store's write lock; None when nothing changed (no run)."""
    from indexing.lock import lock_holder, locked_message, write_lock

    holder = lock_holder(settings.store)
    if holder is not None:  # before any work: one line and exit 4, no flow run, no Prefect log
        raise StoreLockedError(locked_message(settings.store, holder))
    from indexing.early_start import discarded_unless_taken

    # Held from here (and lent to the flow): of two runs started at once, one stops now.
    # A run that fails before its flow takes the prestarted files does not wait for them.
    with (
        write_lock(settings.store, lend=True),
        one_line_failures("ingestion", verbose),
        discarded_unless_taken(settings.store),
    ):
        from flows.prefect_runtime import begin_temporary_server
        from indexing.run import start_early

        dask_spec = dask or settings.runner.dask_address
        # A new file among the inputs starts Prefect's server while the rest is detected
        # (a library of 10,000 files takes about a second to look at).
        pending = start_early(
            settings,
            paths,
            prune,
            parse_now=not dask_spec,
            reprocess=reprocess,
            keep=True,
            on_work=begin_temporary_server,
        )
        if pending == 0 and not always:
            console.print(f"Nothing to do: every file is unchanged since the last run into {settings.store}.")
            return None
        from flows.prefect_runtime import flow_run_settings, start_temporary_server
        from indexing.early_start import start_encoding_early
        from indexing.embedder import shared_embedder

        # First what the run waits for longest: the model (loaded, then encoding what is
        # parsed, on a thread), then Prefect's temporary server (its own process), unless
        # detection began it already.
        if not dask_spec:
            start_encoding_early(settings.store, shared_embedder(settings.embedding))
        begin_temporary_server()
        from flows.ingest import ingest_flow, set_progress

        flow = ingest_flow
        if dask_spec:
            from flows.ingest_dask import dask_runner
            from indexing.distributed import parse_dask_spec

            runner = dask_runner(parse_dask_spec(dask_spec))
            flow = ingest_flow.with_options(task_runner=runner)  # type: ignore[arg-type]
        start_temporary_server()

        with (
            quiet_prefect_console(verbose),
            flow_run_settings(),
            Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            ) as progress,
        ):
            bar = progress.add_task("starting", total=None)

            def advance(stage: str, done: int, total: int) -> None:
                progress.update(bar, description=stage, completed=done, total=total)

            set_progress(advance)
            try:
                report = flow(
                    [str(p) for p in paths],
                    store=str(settings.store),
                    config=str(config) if config else None,
                    prune=prune,
                    distributed=bool(dask_spec),
                    reprocess=reprocess,
                )
            finally:
                set_progress(None)
    return report


UNFILED_SHOWN = 5
"""Zotero items without a file shown in a run's table (all with --verbose; `corpus stats` lists all)."""


def _print_report(settings: Settings, report: IngestReport, verbose: bool) -> None:
    """The run's files (unchanged ones with --verbose), counts, links and what cleaning removed."""
    table = Table(title=f"Ingestion into {settings.store}", show_lines=False)
    for column in ("file", "status", "chunks", "reason"):
        table.add_column(column, overflow="fold")
    colours = {
        "ingested": "green",
        "failed": "red",
        "skipped": "yellow",
        "duplicate": "cyan",
        "moved": "blue",
        "removed": "magenta",
    }
    from corpus.loading.zotero import ZOTERO_ITEM
    from indexing.catalog import display_path  # a name that is not UTF-8 shows as \xe9, never crashes

    unfiled = [o for o in report.outcomes if o.path.startswith(ZOTERO_ITEM) and o.status == "skipped"]
    hidden = {o.path for o in unfiled[UNFILED_SHOWN:]} if not verbose else set()
    for o in report.outcomes:
        if (o.status != "unchanged" or verbose) and o.path not in hidden:
            colour = colours.get(o.status, "white")
            shown = escape(display_path(o.path))
            table.add_row(shown, f"[{colour}]{o.status}[/]", str(o.chunks or ""), escape(o.reason))
    if hidden:
        more = f"... and {len(hidden)} more Zotero items with no file or abstract (corpus stats lists them)"
        table.add_row("", "[yellow]skipped[/]", "", escape(more))
    if table.row_count:
        console.print(table)
    counts = ", ".join(
        f"{report.count(s)} {s}"
        for s in ("ingested", "unchanged", "moved", "duplicate", "failed", "skipped", "removed")
        if report.count(s)
    )
    reused = f" ({report.reused_vectors} kept their stored vectors)" if report.reused_vectors else ""
    found = counts or "no files found in the paths given (a folder's files are read, its subfolders' too)"
    console.print(f"[bold]{found}[/]; {report.chunks} chunks written{reused}.")
    if report.linked:
        console.print(
            f"{report.linked} document(s) linked to works already in the corpus (versions, abstract pages)."
        )
    if report.removed:
        console.print(
            "Cleaning removed "
            + ", ".join(f"{n} chars by {rule}" for rule, n in report.removed.items())
            + "."
        )


def _missing_message(missing: list[Path], consequence: str = "") -> str:
    """The inputs of a command that do not exist, and what the command did about it."""
    return f"no such file or folder: {', '.join(str(p) for p in missing)}{consequence}"


@app.command()
@friendly_errors
def search(
    query: Annotated[str, typer.Argument(help="What you are looking for, in plain words.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=100, help="Number of works to return.")] = 10,
    mode: ModeOption = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    author: AuthorOption = None,
    venue: VenueOption = None,
    language: LanguageOption = None,
    section: SectionOption = None,
    collection: CollectionOption = None,
    tag: TagOption = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many works (paging).")] = 0,
    cite: Annotated[str, typer.Option("--cite", help="Citation style shown with each result.")] = "apa",
    export: Annotated[
        str | None, typer.Option(help="Write the results' references: bibtex, ris or csl-json.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File for --export (default stdout).")
    ] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Search by meaning: the passages that answer QUERY, one entry per work, with citations.

    Example: corpus search "how does leadership enable value co-creation?" -k 5 --year-from 2005
    """
    corpus = _open(store, config)
    answer = corpus.search_page(
        query,
        k,
        mode=mode,  # type: ignore[arg-type]  # checked by the engine: UsageError names the modes
        year_from=year_from,
        year_to=year_to,
        author=author,
        venue=venue,  # type: ignore[arg-type]
        language=language,
        section=section,
        collection=collection,
        tag=tag,
        offset=offset,
        style=cite,
    )
    results = answer.results
    if export:
        text = corpus.bibliography([r.work_id for r in results], style=export)
        _write(text, output)
        if output is None:
            return
    if as_json:
        print_json([r.to_dict() for r in results])
        return
    if not results and answer.filtered_out:
        from search_api.filters import Filters

        named = named_filters(Filters(year_from, year_to, author, venue, language, None, collection, tag))
        console.print(
            f"No work of the corpus matches {named}: `corpus docs` lists each work's year, authors "
            "and venue (`corpus labels` the collections and tags).",
            soft_wrap=True,
        )
        return
    if not results:
        console.print("No matching passages.")
        return
    for r in results:
        head = f"[bold]{r.rank}. {escape(r.title or '(untitled)')}[/]"
        where = f"p. {r.page}" if r.page else "no page numbers"
        console.print(f"{head}  [dim]{escape(r.in_text)} · {where} · score {r.score:.3f}[/]")
        if r.metadata.retraction:
            said = "" if r.metadata.retraction == RETRACTED else f" ({escape(r.metadata.retraction)})"
            console.print(f"   [bold red]RETRACTED[/]{said}", highlight=False)
        console.print(f"   {escape(r.snippet)}", highlight=False)
        console.print(f"   [cyan]{escape(r.citation)}[/]", highlight=False)
        console.print(f"   [dim]{escape(r.source)}[/]\n")


def _write(text: str, output: Path | None) -> None:
    """A bibliography or export on stdout or in the -o file, ending in one newline either way."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        write_output(output, text)
        console.print(f"wrote {output}")


@app.command()
@friendly_errors
def labels(as_json: JsonOption = False, store: StoreOption = None, config: ConfigOption = None) -> None:
    """List the Zotero collections and tags that `search --collection/--tag` filter by.

    Example: corpus labels --json
    """
    answer = _open(store, config).labels()
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    if not answer.collections and not answer.tags:
        typer.echo("No collections or tags: they come from a Zotero library (corpus ingest --zotero PATH).")
        return
    for title, found in (("collections", answer.collections), ("tags", answer.tags)):
        table = Table(title=f"{len(found)} {title}")
        table.add_column("name", overflow="fold")
        table.add_column("works", justify="right")
        for label in found:
            table.add_row(escape(label.name), str(label.works))
        console.print(table)


@app.command()
@friendly_errors
def docs(
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    author: AuthorOption = None,
    venue: VenueOption = None,
    language: LanguageOption = None,
    collection: CollectionOption = None,
    tag: TagOption = None,
    incomplete: Annotated[
        bool,
        typer.Option(
            "--incomplete",
            help="Only works whose record lacks what a reference needs (title, authors, year).",
        ),
    ] = False,
    retracted: Annotated[
        bool,
        typer.Option("--retracted", help="Only works known to be retracted, with their retraction."),
    ] = False,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List every work (or those the filters keep, as a search reads them): id, title, authors, year, files.

    --incomplete lists the works to correct with `corpus edit` before citing them, with what each lacks;
    --retracted the works known to be retracted (Zotero's check, the PDF's mark, `corpus edit`).

    Example: corpus docs --collection "Thesis/Chapter 2" --year-from 2010 --json
    """
    from search_api.filters import Filters

    filters = Filters(year_from, year_to, author, venue, language, None, collection, tag)
    items = _open(store, config).documents(filters, incomplete=incomplete, retracted=retracted)
    if as_json:
        print_json([i.to_dict() for i in items])
        return
    flags = ("--incomplete" * incomplete, "--retracted" * retracted)
    named = ", ".join(part for part in (named_filters(filters), *flags) if part)
    table = Table(
        title=f"{len(items)} work{'' if len(items) == 1 else 's'}"
        + (f" matching {escape(named)}" if named else "")
    )
    columns = ["work_id", "year", "title", "authors", "files", "chunks"] + ["missing"] * incomplete
    columns += ["retraction"] * retracted
    for column in columns:
        table.add_column(column, overflow="fold")
    for i in items:
        row = [i.work_id, str(i.year or ""), escape(i.title), escape("; ".join(i.authors))]
        row += [escape("\n".join(i.files)), str(i.chunks)] + [", ".join(i.missing)] * incomplete
        row += [escape(i.retraction)] * retracted
        table.add_row(*row)
    console.print(table)
    if incomplete and items:
        console.print(
            "Correct a record with `corpus edit WORK_ID --set year=2019"
            ' --set "authors=Chung, Yin Min; Lusch, R. F."`.'
        )


@app.command()
@friendly_errors
def show(
    doc_id: Annotated[str, typer.Argument(help="Document or work id (from `corpus docs`).")],
    text: Annotated[bool, typer.Option("--text", help="Print the whole cleaned text.")] = False,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Show a work: metadata with each field's source, sections, references, files, chunks.

    Example: corpus show 2a44059d49683938
    """
    view = _open(store, config).show(doc_id)
    if as_json:
        print_json(view.to_dict(with_text=True))
        return
    meta = view.metadata
    table = Table(title=f"Work {view.work_id}", show_header=True)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("source")
    for name in (
        "title",
        "sentence_title",
        "authors",
        "editors",
        "translators",
        "reviewed_authors",
        "reviewed_title",
        "year",
        "original_year",
        "date",
        "venue",
        "sentence_venue",
        "doi",
        "kind",
        "genre",
        "edition",
        "keywords",
        "language",
        "publisher",
        "volume",
        "issue",
        "pages",
        "article_number",
        "url",
        "isbn",
        "citation_key",
        "retraction",
        "retracts",
    ):
        value = getattr(meta, name)
        if name in PEOPLE_FIELDS:
            value = "; ".join(a.display for a in value)
        elif name == "keywords":
            value = ", ".join(value)
        if value in ("", None, []):
            continue
        source = meta.sources.get(name, "")
        if name in meta.uncertain:
            source += " (uncertain)"
        table.add_row(name, escape(str(value)), source)
    console.print(table)
    if meta.abstract:
        console.print(
            f"[bold]Abstract[/] [dim]({meta.sources.get('abstract', '')})[/]\n{escape(meta.abstract)}\n"
        )
    for label, values in (("Zotero collections", view.collections), ("Zotero tags", view.tags)):
        if values:
            console.print(f"[bold]{label}[/] " + escape(", ".join(values)))
    console.print("[bold]Files[/]")
    for f in view.files:
        console.print(f"  {f.doc_id}  {escape(', '.join(f.paths))}  ({f.chunks} chunks)")
    if view.sections:
        console.print("[bold]Sections[/]: " + escape(" · ".join(s.title for s in view.sections)))
    if view.references:
        console.print(f"[bold]References[/] ({len(view.references)})")
        for ref in view.references:
            console.print(f"  - {escape(ref.raw)}", highlight=False)
    removed = ", ".join(f"{rule} {n}" for rule, n in sorted(view.cleaning.removed.items()))
    console.print(
        f"[bold]Cleaning[/]: {view.cleaning.chars_in} -> {view.cleaning.chars_out} characters"
        + (f"; removed: {removed}" if removed else "")
    )
    chunk_table = Table(title=f"{len(view.chunks)} chunks")
    for column in ("#", "page", "section", "offsets", "text"):
        chunk_table.add_column(column, overflow="fold")
    for c in view.chunks:
        preview = c.text if len(c.text) < 100 else c.text[:97] + "..."
        chunk_table.add_row(
            str(c.index), c.page_label, escape(c.section), f"{c.start}-{c.end}", escape(preview)
        )
    console.print(chunk_table)
    if text:
        console.print(escape(view.text), highlight=False)


@app.command()
@friendly_errors
def cite(
    doc_id: Annotated[str, typer.Argument(help="Document or work id.")],
    style: Annotated[str, typer.Option(help=f"One of {STYLE_NAMES}.")] = "apa",
    page: Annotated[str | None, typer.Option(help="Page or range cited, for the in-text form.")] = None,
    paragraph: Annotated[
        str | None,
        typer.Option(help="Paragraph or range cited, for a source without pages (a web page, a Word file)."),
    ] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Print one work's reference in a citation style; with --page or --paragraph, its in-text form too.

    --json prints the answer of GET /documents/{id}/cite (work_id, style, citation, in_text).

    Example: corpus cite 8d266e3097892f5e --style bibtex
    """
    answer = _open(store, config).cite_answer(doc_id, style, page, paragraph=paragraph)
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    typer.echo(answer.citation)
    if (page or paragraph) and answer.in_text:
        typer.echo(answer.in_text)
    if answer.page_note:
        err_console.print(f"note: {escape(answer.page_note)}", highlight=False)


@app.command()
@friendly_errors
def bib(
    doc_ids: Annotated[list[str] | None, typer.Argument(help="Document or work ids.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every work of the corpus.")] = False,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    author: AuthorOption = None,
    venue: VenueOption = None,
    language: LanguageOption = None,
    collection: CollectionOption = None,
    tag: TagOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {STYLE_NAMES}.")] = "bibtex",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (default stdout).")
    ] = None,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Write a bibliography of several works (e.g. a .bib file for LaTeX): by id, --all, or by filters.

    The filters select works as a search's do (--collection and --tag read a Zotero library's).

    Example: corpus bib 8d266e3097892f5e 2a44059d49683938 --format bibtex -o refs.bib

    Example: corpus bib --collection Thesis -o thesis.bib
    """
    from search_api.filters import Filters

    filters = Filters(year_from, year_to, author, venue, language, None, collection, tag)
    if doc_ids and (every or filters.is_set):
        raise UsageError("give work ids, or --all or filters to select works, not both")
    if not doc_ids and not (every or filters.is_set):
        raise UsageError("name the works: their ids, --all, or a filter such as --collection NAME")
    corpus = _open(store, config)
    text = corpus.bibliography(doc_ids, style=fmt) if doc_ids else corpus.selected_bibliography(filters, fmt)
    if text is None and not filters.is_set:
        raise NotFoundError("the corpus holds no work yet: `corpus stats` lists the files that failed")
    if text is None:
        named = named_filters(filters)
        raise NotFoundError(f"no work of the corpus matches {named}: `corpus docs` lists the works")
    _write(text, output)


@app.command()
@friendly_errors
def stats(as_json: JsonOption = False, store: StoreOption = None, config: ConfigOption = None) -> None:
    """Documents, works, chunks, pages, works by year, and files that failed with their reasons.

    Example: corpus stats --json
    """
    s = _open(store, config).stats()
    if as_json:
        print_json(s.__dict__ | {"failures": [f.__dict__ for f in s.failures]})
        return
    table = Table(title="Corpus")
    table.add_column("")
    table.add_column("count", justify="right")
    for name, value in (
        ("works", s.works),
        ("documents", s.documents),
        ("chunks", s.chunks),
        ("pages", s.pages),
    ):
        table.add_row(name, str(value))
    for status, n in s.by_status.items():
        table.add_row(f"files {status}", str(n))
    console.print(table)
    years = Table(title="Works by year")
    years.add_column("year")
    years.add_column("works", justify="right")
    for year, n in s.by_year.items():
        years.add_row(year, str(n))
    console.print(years)
    if s.failures:
        failures = Table(title="Not indexed")
        failures.add_column("file", overflow="fold")
        failures.add_column("status")
        failures.add_column("reason", overflow="fold")
        for f in s.failures:
            failures.add_row(escape(f.path), f.status, escape(f.reason))
        console.print(failures)


@app.command()
@friendly_errors
def edit(
    doc_id: Annotated[str, typer.Argument(help="Document or work id.")],
    assignments: Annotated[
        list[str],
        typer.Option(
            "--set",
            help="FIELD=VALUE; authors, editors, translators and reviewed_authors as 'Family, Given; ...'.",
        ),
    ],
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Correct a work's record; the correction survives re-ingestion.

    Values are read as extraction reads them (a DOI from its link, kind=inproceedings as
    paper-conference, language=English as en, date=14 May 2019 as 2019-05-14 and its year);
    a year, date, DOI, ISBN, kind, language, URL or BibTeX key that cannot be read is refused
    with the reason, and nothing is changed.
    An empty value (--set doi=) clears the field.

    Example: corpus edit 30eaf569d8f24f46 --set year=2019 --set "authors=Chew, Eng; Dovey, Ken"
    """
    meta = _open(store, config).edit(doc_id, assignments)
    console.print(f"updated {doc_id}: {escape(meta.title)} ({meta.year or 'n.d.'})")


@app.command("cited-by")
@friendly_errors
def cited_by(
    author: Annotated[str, typer.Argument(help="Cited author's surname (or part of it).")],
    year: Annotated[int | None, typer.Option(help="Year of the cited work.")] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List the works that cite AUTHOR (optionally their work of YEAR) in their reference lists.

    Example: corpus cited-by Vargo --year 2004
    """
    works = _open(store, config).cited_by(author, year)
    if as_json:
        print_json([w.model_dump(mode="json") for w in works])
        return
    if not works:
        console.print("No work in the corpus cites that.")
    for w in works:
        console.print(f"[bold]{escape(w.title)}[/] ({w.year or 'n.d.'}) [dim]{w.work_id}[/]")
        for ref in w.references:
            console.print(f"   cites: {escape(ref.raw)}", highlight=False)


@app.command()
@friendly_errors
def schedule(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest on each run.")],
    cron: Annotated[str, typer.Option(help="Cron expression, e.g. '0 2 * * *' for 02:00 daily.")],
    name: Annotated[str, typer.Option(help="Deployment name.")] = "scheduled-ingest",
    prune: Annotated[
        bool, typer.Option("--prune", help="Also remove documents whose files are gone.")
    ] = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the ingestion flow on a cron schedule (runs until stopped with Ctrl-C).

    Example: corpus schedule --cron "0 2 * * *" ~/papers
    """
    from prefect import serve

    from flows.ingest import deployment

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputNotFoundError(_missing_message(missing, " (nothing is scheduled)"))
    settings = settings_for(store, config)
    folders = [os.path.abspath(p) for p in paths]  # as `corpus ingest` records them (links not resolved)
    runner = deployment(
        folders, cron, name, str(settings.store.resolve()), str(config.resolve()) if config else None, prune
    )
    console.print(f"Serving '{name}' on cron '{cron}' for {', '.join(folders)}; Ctrl-C stops.")
    serve(runner)


def _register_optional_commands() -> None:
    """Commands that live in their own modules (evaluation, HTTP service)."""
    from corpus_cli import evaluate, serve

    app.command("eval")(friendly_errors(evaluate.eval_command))
    app.command("serve")(friendly_errors(serve.serve_command))
    from corpus_cli import graph, watch

    app.command("refs")(friendly_errors(graph.refs_command))
    app.command("citing")(friendly_errors(graph.citing_command))
    app.command("co-cited")(friendly_errors(graph.co_cited_command))
    app.command("related")(friendly_errors(graph.related_command))
    app.command("missing")(friendly_errors(graph.missing_command))
    app.add_typer(watch.app, name="watch")
    from corpus_cli import writing

    app.command("check")(friendly_errors(writing.check_command))
    app.command("quote")(friendly_errors(writing.quote_command))
    reflow_help(app)
    reflow_help(watch.app)


_register_optional_commands()


def main() -> None:
    """The `corpus` console script: `app`, in a process whose garbage collector suits a command.

    See `corpus_core.collector`: the collector runs less often while the command imports
    its libraries and works, and the final collection at exit is skipped.
    """
    collect_less()
    try:
        app()
    finally:
        skip_final_collection()
