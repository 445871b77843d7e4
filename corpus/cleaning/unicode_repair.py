"""Unicode repair: mojibake, ligatures, invisible characters, and `|` standing for quotes.

ftfy does the heavy lifting (mojibake, ligatures such as "ﬁ", curly quotes); what it
leaves are accents set beside their letters (`_SPACING_ACCENT`), zero-width and control
characters, soft hyphens, and the stray `|` some converters write for an apostrophe or
quote ("market|s", "|co-creation|").
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffc\ue000-\uf8ff\U000f0000-\U0010ffff]")
"""Soft hyphens, zero-width characters, object placeholders and private-use glyphs (icons)."""
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\x0b": "\n", "\x0c": "\n\n", "\r": "\n"})

_PIPE_CONTRACTION = re.compile(r"(?<=[^\W\d_])\|(?=(?:s|t|d|m|ll|re|ve)\b)", re.IGNORECASE)
_PIPE_OPEN = re.compile(r"(?<![\w|])\|(?=[^\W\d_])(?![^\W\d_]\|)")
_PIPE_CLOSE = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.,!?]))(?<!\|[^\W\d_])\|(?![\w|])")


_ACCENTS_BEFORE = {
    "\u00b4": "\u0301",  # acute: "Gr´egory"
    "\u00a8": "\u0308",  # diaeresis: "M¨uhlenberg"
    "\u02c6": "\u0302",  # circumflex: "Lemaˆıtre"
    "\u02dc": "\u0303",  # tilde
    "\u02c7": "\u030c",  # caron: "ˇcesky"
    "\u02d8": "\u0306",  # breve
    "\u02da": "\u030a",  # ring: "˚Angstr¨om"
    "\u00af": "\u0304",  # macron
    "\u02d9": "\u0307",  # dot above
    "\u02dd": "\u030b",  # double acute: "Erd˝os"
}
_ACCENTS_AFTER = {"\u00b8": "\u0327", "\u02db": "\u0328"}  # cedilla ("Franc¸ois"), ogonek
_SPACING_ACCENT = re.compile(
    f"([{''.join(_ACCENTS_BEFORE)}])(?!(?:s|t|d|m|ll|re|ve)\\b)([^\\W\\d_])"
    f"|([^\\W\\d_])([{''.join(_ACCENTS_AFTER)}])"
)
"""An accent set as a character of its own beside its letter, as TeX's older fonts draw it and
pypdf reads it ("Pierre-Franc¸ois", "Gr´egory Mouni´e", "Lemaˆıtre", "M¨uhlenberg"). An acute
accent typed for an apostrophe stays ("company´s", "they´re")."""


def _accented(match: re.Match[str]) -> str:
    """The letter with its accent, where Unicode has the two as one character; else as found."""
    if match.group(1):
        letter, mark = match.group(2), _ACCENTS_BEFORE[match.group(1)]
    else:
        letter, mark = match.group(3), _ACCENTS_AFTER[match.group(4)]
    letter = {"\u0131": "i", "\u0237": "j"}.get(letter, letter)  # TeX sets accents over a dotless i
    composed = unicodedata.normalize("NFC", letter + mark)
    return composed if len(composed) == 1 else match.group()


def with_accents(text: str) -> str:
    """`text` with each accent set beside its letter (`_SPACING_ACCENT`) joined to it."""
    return _SPACING_ACCENT.sub(_accented, text)


def fix_unicode(text: str) -> tuple[str, int]:
    """Repair encoding damage; returns the text and the number of invisible/control chars removed."""
    text = with_accents(ftfy.fix_text(text).translate(_HYPHENS))
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
