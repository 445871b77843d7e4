"""Unicode repair: mojibake, ligatures, invisible characters, and `|` standing for quotes.

ftfy does the heavy lifting (mojibake, ligatures such as "ﬁ", curly quotes); what it
leaves are zero-width and control characters, soft hyphens, and the stray `|` some
converters write for an apostrophe or quote ("market|s", "|co-creation|").
"""

from __future__ import annotations

import re

import ftfy

_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffc\ue000-\uf8ff\U000f0000-\U0010ffff]")
"""Soft hyphens, zero-width characters, object placeholders and private-use glyphs (icons)."""
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\x0b": "\n", "\x0c": "\n\n", "\r": "\n"})

_PIPE_CONTRACTION = re.compile(r"(?<=[^\W\d_])\|(?=(?:s|t|d|m|ll|re|ve)\b)", re.IGNORECASE)
_PIPE_OPEN = re.compile(r"(?<![\w|])\|(?=[^\W\d_])(?![^\W\d_]\|)")
_PIPE_CLOSE = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.,!?]))(?<!\|[^\W\d_])\|(?![\w|])")


def fix_unicode(text: str) -> tuple[str, int]:
    """Repair encoding damage; returns the text and the number of invisible/control chars removed."""
    text = ftfy.fix_text(text).translate(_HYPHENS)
    before = len(text)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return text, before - len(text)


def _is_table_row(line: str) -> bool:
    """Markdown/ASCII table rows and `a | b | c` menus keep their pipes."""
    stripped = line.strip()
    if stripped.count("|") >= 3 and (stripped.startswith("|") or stripped.endswith("|")):
        return True
    return stripped.count(" | ") >= 2


def repair_pipe_quotes(text: str) -> tuple[str, int]:
    """Turn `|` used as an apostrophe or quote mark into "'"; returns the text and repairs made.

    `x|s` (and other contractions) becomes `x's`; a `|` opening or closing a word
    (`|co-creation|`, `process| customers|`) becomes a quote. Table rows and pipes
    between spaces are left alone, as is `|x|` around a single letter (a norm).
    """
    if "|" not in text:
        return text, 0
    count = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "|" not in line or _is_table_row(line):
            continue
        fixed, n1 = _PIPE_CONTRACTION.subn("'", line)
        fixed, n2 = _PIPE_OPEN.subn("'", fixed)
        fixed, n3 = _PIPE_CLOSE.subn("'", fixed)
        lines[index] = fixed
        count += n1 + n2 + n3
    return "\n".join(lines), count
