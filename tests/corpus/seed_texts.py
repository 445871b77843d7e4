"""Seed texts for the metadata/section/reference tests: raw, and lightly normalised like the cleaner.

The normalisation imitates what the cleaning stage hands on: `|` apostrophes repaired, web and
submission-system boilerplate lines dropped, whitespace collapsed, hard line breaks inside a
paragraph unwrapped, labelled lines ("Journal: ...") kept as paragraphs of their own.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SHARED

SEEDS = SHARED / "seeds"

_BOILERPLATE = re.compile(
    r"^\s*(?:skip to main content|scholarone.*|manuscript id\b.*|buy article:?|\$\d.*|•.*)\s*$", re.IGNORECASE
)
_LABEL = re.compile(r"^[A-Z][\w ()/]{1,30}(?::|\t)")


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000" ... "004")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def raw_seed(prefix: str) -> str:
    """The seed's text exactly as stored."""
    return seed_path(prefix).read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """A light stand-in for the cleaner (see the module docstring)."""
    text = re.sub(r"(?<=\w)\|(?=\w)|\|(?=\w)|(?<=\w)\|", "'", text)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if not line.strip() or _BOILERPLATE.match(line):
                continue
            collapsed = " ".join(line.split())
            if _LABEL.match(line):
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                paragraphs.append(collapsed)
            else:
                current.append(collapsed)
        if current:
            paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def seed_variants(prefix: str) -> dict[str, str]:
    """{"raw": ..., "normalised": ...} texts of one seed."""
    raw = raw_seed(prefix)
    return {"raw": raw, "normalised": normalise(raw)}
