"""A Markdown file's words without its markup (cleaning rules "markdown" and "code").

Markdown, Quarto and R Markdown notes carry markup that is not the author's words: emphasis
stars, link targets, image paths, Pandoc attributes ("{#fig-sector}"), fenced divs (":::"),
link definitions, HTML comments, a table's delimiter row, rules ("---"), and code: fenced and indented
blocks, Quarto's and R Markdown's executable chunks ("```{r}") and inline R ("`r mean(x)`").
Indexed as text, the markup showed in snippets and copied quotations ("**repeated
interaction**") and put file paths and code among the lexical index's words.

markdown-it-py (CommonMark with tables) parses the blocks. Each line keeps its place: headings
keep the "## " marks the structure reader goes by (a Setext heading gets them), list items
their marks, tables their pipes, and a removed block leaves blank lines, so paragraphs stay
apart; a rule, a table's delimiter row, a div's fences and link definitions go with their
lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_ATTRIBUTES = re.compile(r"[ \t]*\{(?:[#.][^{}\s]*|[\w-]+=[^{}]*)(?:[ \t]+[^{}]*)?\}")
"""Pandoc attributes after a heading, image, link or span: "{#fig-sector}", "{.unnumbered}"."""
_DIV_FENCE = re.compile(r"[ \t]*:{3,}[^:]*")
"""A Pandoc / Quarto fenced div's opening or closing line: "::: {.callout-note}", ":::"."""
_INLINE_CHUNK = re.compile(r"\{?(?:r|python|julia|ojs)\}?\s")
"""Inline code that R Markdown or Quarto runs ("`r mean(x)`"): its source is not the note's words."""


@dataclass(frozen=True)
class PlainMarkdown:
    """A Markdown text without its markup, and how many characters of each kind went."""

    text: str
    markup: int
    """Characters of markup: emphasis marks, link targets, attributes, definitions, div fences."""
    code: int
    """Characters of code blocks, executable chunks and HTML comments."""


def plain_markdown(text: str) -> PlainMarkdown:
    """`text` with its Markdown markup and code taken out, line for line."""
    lines = text.split("\n")
    out: list[str | None] = list(lines)
    covered = [False] * len(lines)
    code = 0
    cursors: dict[int, int] = {}
    tokens = _PARSER.parse(text)
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.level == 0:
            covered[start:end] = [True] * (end - start)
        if _is_code(token):
            for line in range(start, end):
                code += len(lines[line])
                out[line] = ""
        elif token.type == "inline":
            _plain_lines(token, out, cursors)
        elif token.type == "heading_open" and token.markup in ("=", "-"):
            level = int(token.tag[1])
            out[start] = "#" * level + " " + (out[start] or "").strip()
            for line in range(start + 1, end):
                out[line] = ""
        elif token.type == "hr":
            out[start] = None
        elif token.type == "thead_open" and index + 1 < len(tokens):
            for line in range(end, _next_row(tokens, index)):
                out[line] = None
    for line, value in enumerate(out):
        if value and (not covered[line] or _DIV_FENCE.fullmatch(value)):
            out[line] = None  # link definitions ("[ref]: https://...") belong to no block
    result = "\n".join(line for line in out if line is not None)
    return PlainMarkdown(result, max(0, len(text) - len(result) - code), code)  # "# " a Setext heading gains


def plain_inline(text: str) -> str:
    """Markdown text without its inline markup: "[the market](https://x.org) *is*" -> "the market is"."""
    if not any(mark in text for mark in "*_`[!<\\~{"):
        return text
    tokens = _PARSER.parseInline(text)
    return _plain_inline(tokens[0]) if tokens else text


def _is_code(token: Token) -> bool:
    if token.type in ("fence", "code_block"):
        return True
    return token.type == "html_block" and token.content.lstrip().startswith("<!--")


def _next_row(tokens: list[Token], index: int) -> int:
    """The line of the first body row after the table head at `index` (the delimiter row lies between)."""
    head = tokens[index].map
    assert head is not None
    for token in tokens[index + 1 :]:
        if token.type == "tbody_open" and token.map is not None:
            return token.map[0]
        if token.type == "table_close":
            break
    return head[1] + 1


def _plain_lines(token: Token, out: list[str | None], cursors: dict[int, int]) -> None:
    """Replace an inline run's source in its lines by its words (left as they were when lines differ)."""
    assert token.map is not None
    sources = token.content.split("\n")
    plain = _plain_inline(token).split("\n")
    if len(sources) != len(plain):
        return
    for offset, (source, words) in enumerate(zip(sources, plain, strict=True)):
        line = token.map[0] + offset
        text = out[line] if line < len(out) else None
        if not source or source == words or text is None:
            continue
        at = text.find(source, cursors.get(line, 0))
        if at < 0:
            continue
        out[line] = text[:at] + words + text[at + len(source) :]
        cursors[line] = at + len(words)


def _plain_inline(token: Token) -> str:
    """An inline run's words: text, code and image descriptions; breaks as newlines."""
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append("" if _INLINE_CHUNK.match(child.content) else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return _ATTRIBUTES.sub("", "".join(parts))
