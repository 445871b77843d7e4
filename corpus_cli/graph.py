"""`corpus refs`, `citing`, `co-cited`, `related`, `missing`: the citation graph inside the corpus.

Thin layer over `Corpus.refs` etc. (`search_api.graph`); `--json` prints the answer model's
`model_dump(mode="json")`, the same shape the HTTP routes answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from corpus_cli.common import (
    STYLE_NAMES,
    ConfigOption,
    JsonOption,
    StoreOption,
    console,
    print_json,
    settings_for,
    write_output,
)

if TYPE_CHECKING:
    from search_api import Corpus
    from search_api.graph import GraphNode

NodeArgument = Annotated[
    str, typer.Argument(help="A work or document id, or a reference key (ref:...) from refs or missing.")
]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="Most entries shown.")]


def _open(store: Path | None, config: Path | None) -> Corpus:
    from search_api import Corpus

    return Corpus(settings=settings_for(store, config))


def _line(node: GraphNode) -> str:
    """One node as a line: authors (year). Title [id], marked when it is not in the corpus."""
    authors = "; ".join(node.authors[:3]) + (" et al." if len(node.authors) > 3 else "")
    head = f"{authors} ({node.year or 'n.d.'})" if authors else f"({node.year or 'n.d.'})"
    mark = "" if node.in_corpus else " [yellow](not in corpus)[/]"
    return f"{escape(head)} [bold]{escape(node.title or '(untitled)')}[/] [dim]{escape(node.id)}[/]{mark}"


def refs_command(
    doc_id: Annotated[str, typer.Argument(help="Work or document id.")],
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List what a work cites, each reference resolved to a work of the corpus where there is one.

    References not in the corpus get a key (ref:family-year-title-words) that co-cited and
    citing accept.

    Example: corpus refs 4c85cb01ea9dea33
    """
    answer = _open(store, config).refs(doc_id)
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    console.print(_line(answer.work), soft_wrap=True)
    console.print(f"{len(answer.references)} references, {answer.resolved} in the corpus.")
    for entry in answer.references:
        console.print("  " + _line(entry.target), soft_wrap=True)


def citing_command(
    node_id: NodeArgument,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List the works of the corpus whose reference lists cite a work (or a ref: reference).

    Example: corpus citing ref:vargo-2004-evolving-to-a-new-dominant-logic
    """
    answer = _open(store, config).citing(node_id)
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    console.print(_line(answer.node), soft_wrap=True)
    if not answer.citing:
        console.print("No work in the corpus cites it.")
    for node in answer.citing:
        console.print("  " + _line(node), soft_wrap=True)


def co_cited_command(
    node_id: NodeArgument,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List what is most often cited together with a work (or a ref: reference), most often first.

    Example: corpus co-cited 70ab0c2f3150805d --limit 10
    """
    answer = _open(store, config).co_cited(node_id, limit)
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    console.print(_line(answer.node), soft_wrap=True)
    console.print(f"cited by {answer.cited_by} work(s) of the corpus")
    if not answer.co_cited:
        console.print("Nothing is cited together with it.")
    for entry in answer.co_cited:
        console.print(f"  {entry.count}x " + _line(entry.node), soft_wrap=True)


def related_command(
    doc_id: Annotated[str, typer.Argument(help="Work or document id.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=100, help="Number of works.")] = 10,
    reference_weight: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Weight of shared references against vector similarity."),
    ] = 0.5,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List the works most like one, by the cosine of their mean chunk vectors and shared references.

    Each line says which part contributed: text (vectors), references (bibliographic
    coupling, Jaccard of the reference lists) or both.

    Example: corpus related 70ab0c2f3150805d -k 5
    """
    answer = _open(store, config).related(doc_id, k, reference_weight)
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    console.print(_line(answer.work), soft_wrap=True)
    if not answer.related:
        console.print("No related work in the corpus.")
    for entry in answer.related:
        vector = "-" if entry.vector is None else f"{entry.vector:.2f}"
        console.print(
            f"  {entry.score:.3f} (text {vector}, references {entry.references:.2f}, {entry.shared} shared; "
            f"{entry.because}) " + _line(entry.work),
            soft_wrap=True,
        )


def missing_command(
    min_citing: Annotated[
        int, typer.Option("--min-citing", min=1, help="Cited by at least this many works of the corpus.")
    ] = 2,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Most references listed.")] = None,
    export: Annotated[
        str | None,
        typer.Option(help=f"Write them as a bibliography: one of {STYLE_NAMES}."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File for --export (default stdout).")
    ] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """List references cited by several works of the corpus but not in it: what to acquire next.

    Example: corpus missing --min-citing 2 --export bibtex -o to-acquire.bib
    """
    corpus = _open(store, config)
    answer = corpus.missing(min_citing, limit)
    if export:
        text = corpus.missing_bibliography(answer, export)
        if output:
            write_output(output, text)
            console.print(f"wrote {len(answer.missing)} references to {escape(str(output))}")
        else:
            typer.echo(text)
        return
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    if not answer.missing:
        console.print(f"No reference outside the corpus is cited by {min_citing} or more of its works.")
    for entry in answer.missing:
        console.print(f"{entry.count}x " + _line(entry.node), soft_wrap=True)
