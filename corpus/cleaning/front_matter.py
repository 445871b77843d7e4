"""A Markdown or text file's YAML front matter: the block between `---` lines at its very start.

Pandoc, Quarto, R Markdown, Obsidian, Zettlr and static-site generators keep a note's record
there (`title:`, `author:`, `date:`, `doi:`, `tags:` ...). It is not prose: cleaning takes it out
of the text (stats rule "front_matter") and `corpus.metadata.front_matter` reads the record
from it. A block is front matter only when YAML reads it as a mapping, so a document that
merely opens with a horizontal rule keeps its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

FORMATS = frozenset({"md", "txt"})
"""File formats whose first page may open with front matter."""

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """The block found at the start of a text: its fields (None when YAML could not read them)."""

    length: int
    """Characters of the block, closing line included: the text after it starts here."""
    fields: dict[str, Any] | None
    problem: str = ""
    """Why the block's fields could not be read ('' when they were)."""


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter opening `text`, or None when it has none.

    A block of `key: value` lines that YAML cannot read is still returned, without fields and
    with the reason, so the run report can say so; any other block is no front matter.
    """
    match = _BLOCK.match(text)
    if match is None or not _KEY_LINE.search(match.group(1)):
        return None
    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or "not YAML"
        return FrontMatter(match.end(), None, f"front matter not read: {reason}{where}")
    if not isinstance(fields, dict):
        return None
    return FrontMatter(match.end(), {str(key).lower(): value for key, value in fields.items()})


def strip_front_matter(text: str) -> tuple[str, int]:
    """`text` without the front matter it opens with, and how many characters that removed."""
    found = find_front_matter(text)
    if found is None:
        return text, 0
    return text[found.length :], found.length
