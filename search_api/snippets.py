"""A short excerpt of a passage around the words of the query, for result lists.

Snippets are plain text: inline Markdown that Markdown files carry into the stored text
(`*trust*`, `**bold**`, `_x_`, `` `code` ``, `[text](url)`, `#` headings) is removed here, at
the source, so the JSON answers of the API and the page both show clean text; the passage's
`text` stays as stored, because quotations and offsets are checked against it.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_MARKDOWN = (
    (re.compile(r"!?\[([^\]\n]{1,300})\]\([^()\s]{1,1000}\)"), r"\1"),
    (re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])([^*\n]{1,300})(?<=[^\s*])\1(?![\w*])"), r"\2"),
    (re.compile(r"(?<![\w_])(_{1,3})(?=[^\s_])([^_\n]{1,300})(?<=[^\s_])\1(?![\w_])"), r"\2"),
    (re.compile(r"`([^`\n]{1,300})`"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE), ""),
)
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "what",
        "which",
        "who",
        "why",
        "with",
    ]
)


def query_terms(query: str) -> list[str]:
    """Lower-case content words of a query (stop words dropped), for snippets and highlighting."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(query)) if w not in _STOP and len(w) > 1]


def plain_text(text: str) -> str:
    """`text` without inline Markdown markup: emphasis, code spans, links (their text kept), heading marks."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def snippet(text: str, query: str, width: int = 320) -> str:
    """The `width`-character window of `text` holding most query words, cut at word edges, as plain text."""
    text = plain_text(text)
    if len(text) <= width:
        return text
    terms = query_terms(query)
    lowered = text.lower()
    best_start, best_hits = 0, -1
    positions = sorted({m.start() for t in terms for m in re.finditer(re.escape(t[:6]), lowered)})
    for pos in positions or [0]:
        start = max(0, pos - width // 4)
        window = lowered[start : start + width]
        hits = sum(1 for t in terms if t[:6] in window)
        if hits > best_hits:
            best_start, best_hits = start, hits
    end = min(len(text), best_start + width)
    start = best_start
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start > 0 else "") + text[start:end].strip() + (" …" if end < len(text) else "")
