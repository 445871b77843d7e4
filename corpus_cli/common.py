"""Options and helpers shared by the `corpus` commands: --store, --config, clean error exits."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from corpus.errors import CorpusError
from corpus.settings import Settings, load_settings

console = Console()
err_console = Console(stderr=True)

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

P = ParamSpec("P")
R = TypeVar("R")


def settings_for(store: Path | None, config: Path | None) -> Settings:
    """Settings with the command line's --config and --store applied."""
    return load_settings(config, store=store)


def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn project errors into a one-line message and exit status 1, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CorpusError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(1) from None

    return wrapper


def print_json(data: Any) -> None:
    """JSON to stdout, UTF-8, no rich markup."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
