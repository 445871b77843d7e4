"""`corpus check DRAFT` and `corpus quote TEXT`: help for writers, offline, from what the corpus holds.

Thin layer over `Corpus.check` (`search_api.draft_check`) and `Corpus.quote`
(`search_api.quotes`); `--json` prints the answer model's `model_dump(mode="json")`, the same
shape `POST /check` and `GET /quote` answer. `corpus check` exits 1 when it finds a problem,
so it can run in a writer's own CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

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
    from search_api.draft_check import DraftReport

StyleOption = Annotated[
    str,
    typer.Option("--style", help=f"Reference-list style: one of {STYLE_NAMES}."),
]


def check_command(
    draft: Annotated[
        Path, typer.Argument(help="The draft: .md (.qmd, .Rmd), .txt, .docx, .doc, .rtf or .odt.")
    ],
    style: StyleOption = "apa",
    output_format: Annotated[
        str, typer.Option("--format", help="table (readable, the default) or md (a Markdown report).")
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the report to this file (Markdown, or JSON with --json)."),
    ] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Check a draft's citations and quotations against the corpus and write its reference list.

    Finds author-date citations ("(Chung, 2009, p. 21)", "Chung (2009)"), resolves each to a
    work of the corpus (or says it is not there, or that the year differs), checks every
    quotation next to a citation (verbatim, with differences, or not found; on the cited
    page or which page), lists the cited works in --style and, when the draft has a
    "References" section, the entries it never cites. Exit status 1 when anything is wrong.

    Example: corpus check chapter2.md --style apa --format md -o check-report.md
    """
    from corpus_core.errors import UsageError
    from search_api import Corpus
    from search_api.draft_citations import read_draft

    if output_format not in ("table", "md"):
        raise UsageError(f"unknown --format {output_format[:40]!r}: use table or md")
    settings = settings_for(store, config)
    text = read_draft(draft, settings.loading.max_chars)
    corpus = Corpus(settings=settings)
    try:
        report = corpus.check(text, style, source=draft.name)
    finally:
        corpus.close()
    if as_json or output_format == "md" or output:  # a report written to a file is Markdown unless --json
        content = (
            json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
            if as_json
            else report.to_markdown()
        )
        if output:
            write_output(output, content)
            console.print(f"wrote the report to {escape(str(output))}")
        elif as_json:
            print_json(report.model_dump(mode="json"))
        else:
            typer.echo(content, nl=False)
    else:
        _print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def _print_report(report: DraftReport) -> None:
    """The report as readable tables."""
    citations = Table(title="Citations", show_lines=False)
    for column in ("line", "citation", "status", "work / note"):
        citations.add_column(column)
    colours = {
        "ok": "green",
        "year_differs": "yellow",
        "page_outside": "yellow",
        "letter_unneeded": "yellow",
        "retracted": "red",
        "not_in_corpus": "red",
        "ambiguous": "yellow",
    }
    for c in report.citations:
        work = f"{c.work.title} ({c.work.year or 'n.d.'})" if c.work else ""
        note = "; ".join(part for part in (work, c.message) if part)
        citations.add_row(str(c.line), escape(c.text), f"[{colours[c.status]}]{c.status}[/]", escape(note))
    console.print(citations)
    if report.quotes:
        quotes = Table(title="Quotations")
        for column in ("line", "quotation", "status", "cited", "found", "note"):
            quotes.add_column(column)
        for q in report.quotes:
            good = q.status == "verbatim" and q.on_cited_page is not False
            status = f"[{'green' if good else 'red'}]{q.status}[/]"
            text = q.text if len(q.text) <= 60 else q.text[:59] + "…"
            quotes.add_row(
                str(q.line), escape(text), status, q.cited_pinpoint, q.found_pinpoint, escape(q.message)
            )
        console.print(quotes)
    console.print(f"\n[bold]Reference list ({report.style})[/]")
    console.print(escape(report.reference_list) or "(no cited work of the corpus)", soft_wrap=True)
    if report.has_reference_list:
        for entry in report.uncited_references:
            console.print(f"[yellow]never cited[/] (line {entry.line}): {escape(entry.text)}", soft_wrap=True)
        for written in report.missing_references:
            console.print(f"[yellow]no reference-list entry for[/] {escape(written)}", soft_wrap=True)
    verdict = "[green]no problems found[/]" if report.ok else f"[red]{report.problems} problem(s) found[/]"
    console.print(f"\n{len(report.citations)} citation(s), {len(report.quotes)} quotation(s): {verdict}")


def quote_command(
    text: Annotated[str, typer.Argument(help="The quotation or close paraphrase to find.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=20, help="Most works shown.")] = 3,
    as_json: JsonOption = False,
    store: StoreOption = None,
    config: ConfigOption = None,
) -> None:
    """Find the work and printed page of a quotation or close paraphrase, with an in-text citation.

    Candidates come from the lexical and dense indexes, then rapidfuzz aligns the words to
    the exact passage; each match says how close it is and gives the quotation with its
    page-cited in-text form, ready to paste.

    Example: corpus quote "organisations learn through having dialogues with customers"
    """
    from search_api import Corpus

    corpus = Corpus(settings=settings_for(store, config))
    try:
        answer = corpus.quote(text, k)
    finally:
        corpus.close()
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    if not answer.matches:
        console.print("Not found in the corpus.")
        return
    for match in answer.matches:
        page = f", p. {match.page}" if match.page else ""
        console.print(
            f"[bold]{escape(match.title or '(untitled)')}[/] ({match.year or 'n.d.'}){page} "
            f"[dim]{match.work_id}[/] {match.closeness} {match.score:.0f}",
            soft_wrap=True,
        )
        console.print("  " + escape(match.quote_with_citation), soft_wrap=True)
        for difference in match.differences[:5]:
            console.print(
                f"  [yellow]quoted[/] {escape(difference.quoted or '-')} "
                f"[yellow]source[/] {escape(difference.source or '-')}",
                soft_wrap=True,
            )
