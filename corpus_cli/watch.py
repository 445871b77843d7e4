"""`corpus watch add|list|rm|digest`: saved searches re-run after every ingestion run.

Thin layer over `search_api.watches`; `--json` prints the same models the HTTP routes answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from corpus_cli.common import (
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
    friendly_errors,
    print_json,
    settings_for,
)
from corpus_core.errors import NoStoreError
from corpus_core.layout import StoreLayout

app = typer.Typer(
    help="Saved searches: after every ingestion run, the works new to each go into a digest.\n\n"
    'Example: corpus watch add "value co-creation" --year-from 2005',
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _layout(store: Path | None, config: Path | None) -> StoreLayout:
    return StoreLayout(settings_for(store, config).store)


@app.command("add")
@friendly_errors
def add(
    query: Annotated[str, typer.Argument(help="What to look for, as for corpus search.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=100, help="Works looked at per run.")] = 20,
    mode: ModeOption = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    author: AuthorOption = None,
    venue: VenueOption = None,
    language: LanguageOption = None,
    section: SectionOption = None,
    collection: CollectionOption = None,
    tag: TagOption = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Save a search; what it finds now counts as seen, so digests show only later arrivals.

    Example: corpus watch add "value co-creation" --year-from 2005 --author Chung
    """
    from search_api import Corpus
    from search_api.watches import add_watch, watch_options

    settings = settings_for(store, config)
    options = watch_options(
        k=k,
        mode=mode,
        year_from=year_from,
        year_to=year_to,
        author=author,
        venue=venue,
        language=language,
        section=section,
        collection=collection,
        tag=tag,
    )
    try:
        corpus: Corpus | None = Corpus(settings=settings)
    except NoStoreError:
        corpus = None  # no corpus yet: everything the first run brings is news
    try:
        watch = add_watch(StoreLayout(settings.store), query, options, corpus.search if corpus else None)
    finally:
        if corpus is not None:
            corpus.close()
    if as_json:
        print_json(watch.model_dump(mode="json"))
        return
    console.print(
        f"watching [bold]{escape(watch.query)}[/] [dim]{watch.watch_id}[/] ({watch.seen} works seen now)"
    )


@app.command("list")
@friendly_errors
def list_(as_json: JsonOption = False, store: StoreOption = None, config: ConfigOption = None) -> None:
    """List the saved searches with their ids, options and last run.

    Example: corpus watch list --json
    """
    from search_api.watches import list_watches

    answer = list_watches(_layout(store, config))
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    if not answer.watches:
        console.print('No watches: add one with corpus watch add "QUERY".')
    for watch in answer.watches:
        described = watch.options.describe()
        console.print(
            f"[dim]{watch.watch_id}[/] [bold]{escape(watch.query)}[/]"
            + (f" ({escape(described)})" if described else "")
            + f" k={watch.options.k}, {watch.seen} seen, last run {watch.last_run or 'never'}",
            soft_wrap=True,
        )


@app.command("rm")
@friendly_errors
def rm(
    watch_id: Annotated[str, typer.Argument(help="The watch's id (or its first 4+ characters).")],
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Remove a saved search.

    Example: corpus watch rm 3f2a9c
    """
    from search_api.watches import remove_watch

    watch = remove_watch(_layout(store, config), watch_id)
    if as_json:
        print_json(watch.model_dump(mode="json"))
        return
    console.print(f"removed {watch.watch_id}: {escape(watch.query)}")


@app.command("digest")
@friendly_errors
def digest(
    show_all: Annotated[bool, typer.Option("--all", help="Every digest, newest first.")] = False,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Show the latest digest: the works new to each saved search at the last ingestion run.

    Example: corpus watch digest --all
    """
    from search_api.watches import all_digests, latest_digest

    layout = _layout(store, config)
    if show_all:
        answer = all_digests(layout)
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        if not answer.digests:
            console.print("No digest yet.")
        for item in answer.digests:
            typer.echo(item.markdown)
        return
    latest = latest_digest(layout)
    if as_json:
        print_json(latest.model_dump(mode="json"))
        return
    typer.echo(latest.markdown)
