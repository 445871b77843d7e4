"""Options and helpers shared by the `corpus` commands: --store, --config, clean error exits."""

from __future__ import annotations

import functools
import inspect
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import click
import typer
from rich.console import Console
from rich.markup import escape

from corpus_core.choices import MODES, STYLES
from corpus_core.errors import CorpusError, RunError, UsageError
from corpus_core.settings import Settings, load_settings

if TYPE_CHECKING:
    from search_api.filters import Filters


def make_console(stderr: bool = False) -> Console:
    """A console that highlights numbers and paths only where it shows colours (a terminal).

    Rich's automatic highlighting costs about 0.25 ms a line, and printed to a file or a pipe
    it shows nothing: `corpus missing` over a library printed 11,886 lines in 4.4 s with it,
    1.5 s without.
    """
    shows_colours = Console(stderr=stderr).color_system is not None
    return Console(stderr=stderr, highlight=shows_colours)


console = make_console()
err_console = make_console(stderr=True)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="CORPUS_STORE",
        help="Store directory (Chroma data, catalog, index).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", envvar="CORPUS_CONFIG", help="Extra TOML settings file.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]

# Search options shared by `corpus search` and `corpus watch add` (and so spelled once).
MODE_NAMES = ", ".join(MODES)
STYLE_NAMES = ", ".join(STYLES)
ModeOption = Annotated[str | None, typer.Option(help=f"One of {MODE_NAMES} (default from settings).")]
YearFromOption = Annotated[int | None, typer.Option(help="Only works from this year on.")]
YearToOption = Annotated[int | None, typer.Option(help="Only works up to this year.")]
AuthorOption = Annotated[
    str | None,
    typer.Option(help='Only works with this author: part of a name, or "Chung, Y." / "Y. M. Chung".'),
]
VenueOption = Annotated[
    str | None,
    typer.Option(
        help='Only works from this journal or venue: part of its name, "J. Acad. Mark. Sci.", "AMJ".'
    ),
]
LanguageOption = Annotated[
    str | None, typer.Option(help="Only works in this language (a code or a name: en, eng, English).")
]
SectionOption = Annotated[str | None, typer.Option(help="Only passages from this section (e.g. Findings).")]
CollectionOption = Annotated[
    str | None,
    typer.Option(help="Only works in this Zotero collection (Parent/Child or its name), or below it."),
]
TagOption = Annotated[str | None, typer.Option(help="Only works with this Zotero tag.")]


def named_filters(filters: Filters) -> str:
    """The filters set, as the options that set them ("--year-from 2030, --tag 'thesis'")."""
    given = {"--year-from": filters.year_from, "--year-to": filters.year_to, "--author": filters.author}
    given |= {"--venue": filters.venue, "--language": filters.language, "--section": filters.section}
    given |= {"--collection": filters.collection, "--tag": filters.tag}
    return ", ".join(f"{option} {value!r}" for option, value in given.items() if value not in (None, ""))


P = ParamSpec("P")
R = TypeVar("R")


def settings_for(store: Path | None, config: Path | None) -> Settings:
    """Settings with the command line's --config and --store applied."""
    return load_settings(config, store=store)


def write_output(path: Path, text: str) -> None:
    """Write a command's -o file, ending in a newline; a folder that is not there is one line, exit 2."""
    try:
        path.write_text(text if text.endswith("\n") or not text else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def exit_code(exc: CorpusError) -> int:
    """The exit status of a project error, as its class says (see corpus_core.errors)."""
    return exc.exit_code


def one_line(text: str) -> str:
    """A message on one line (a multi-line one joined with ' | '), at most 1,000 characters."""
    line = " | ".join(part.strip() for part in text.splitlines() if part.strip())
    return line if len(line) <= 1000 else line[:997] + "..."


def print_error(message: str) -> None:
    """`error: MESSAGE` on standard error, on one line whatever the terminal width."""
    err_console.print(f"[bold red]error:[/] {escape(one_line(message))}", highlight=False, soft_wrap=True)


def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn project errors into one line and the exit status their class names, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CorpusError as exc:
            print_error(str(exc))
            raise typer.Exit(exit_code(exc)) from None

    return wrapper


@contextmanager
def one_line_failures(what: str, verbose: bool) -> Iterator[None]:
    """Unless `verbose`: an unexpected exception (a Prefect or library failure) becomes one CorpusError line.

    Project errors and typer/click exits pass through as they are; with `verbose` everything
    does, so the traceback shows.
    """
    try:
        yield
    except (CorpusError, typer.Exit, click.exceptions.Exit, click.ClickException, click.Abort):
        raise
    except Exception as exc:
        if verbose:
            raise
        raise RunError(f"{what} failed: {type(exc).__name__}: {exc}") from exc


class _NoLibraryRecords(logging.Filter):
    """Drop the records of the named libraries' loggers (e.g. "prefect" and "prefect.*")."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__()
        self.names = names

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(record.name == n or record.name.startswith(n + ".") for n in self.names)


@contextmanager
def quiet_prefect_console(verbose: bool) -> Iterator[None]:
    """Unless `verbose`: no Prefect log record (flow-failure tracebacks included) reaches the terminal.

    Call it after Prefect is imported (that sets up its console handlers); records still go to
    Prefect's API (the run's log in the UI), only the stream handlers are filtered.
    """
    if verbose:
        yield
        return
    quiet = _NoLibraryRecords(("prefect",))
    loggers = [logging.getLogger()] + [
        lg
        for name, lg in logging.Logger.manager.loggerDict.items()
        if isinstance(lg, logging.Logger) and (name == "prefect" or name.startswith("prefect."))
    ]
    handlers = {h for lg in loggers for h in lg.handlers if isinstance(h, logging.StreamHandler)}
    for handler in handlers:
        handler.addFilter(quiet)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(quiet)


def print_json(data: Any) -> None:
    """JSON to stdout, UTF-8, no rich markup."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def reflow_help(app: typer.Typer) -> None:
    """Give each command of `app` its docstring with the lines of every paragraph joined.

    Typer's rich help keeps a docstring's line breaks, so on a terminal the wrapped source
    lines came out broken twice, a short line after each long one; joined, rich wraps each
    paragraph to the terminal's width. A paragraph that starts with click's no-rewrap mark is kept.
    """
    for info in app.registered_commands:
        if info.help is None and info.callback is not None:
            doc = inspect.getdoc(info.callback) or ""
            paragraphs = doc.split("\n\n")
            info.help = "\n\n".join(p if p.startswith("\b") else " ".join(p.split()) for p in paragraphs)
