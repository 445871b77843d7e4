"""Unwrap hard line breaks into paragraphs separated by one blank line.

Lines inside a paragraph are joined with a space. A paragraph ends at a blank line, at a
heading, or after a sentence that stops short of the block's line width. A labelled field
("Keywords: ...") is a paragraph of its own, so metadata parsing sees one per line; list
items start a new line inside their paragraph. A paragraph that a blank line cut mid-sentence
(the next one starts in lower case) is stitched back together.

A figure's or a table's caption ("Figure 2. A framework ...", "Table 1: Cases", Springer's
"Fig. 1 Framework ...") is a paragraph of its own, ended by its first line that ends a
sentence or stops short of the block's width (a caption without a full stop; the next line
may be the rest of the paragraph the figure cut, in lower case).
A layout sets it where the figure floats, often inside a paragraph that goes on below the
figure or at the top of the next column: that paragraph's rest is stitched back to it,
and the caption follows it ("... stayed with the team" | caption | "afterwards."
reads "... stayed with the team afterwards." then the caption), when words stand on both
sides: a list item ("a) f is ..."), a formula's variable ("p heißt ...") or a figure's labels
are never moved before a caption.
"""

from __future__ import annotations

import re

from corpus.structure.front_words import ABSTRACT_WORDS, INTRODUCTION_WORDS

PARAGRAPH_BREAK = "\n\n"

_SPACES = re.compile(r"[^\S\n]+")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
"""A line that ends a sentence (its full stop, then closing quotes or brackets)."""
NOTE_SYMBOLS = "*⁎†‡§¶"
"""The symbols that open a note in place of a number ("* Corresponding author ...", "† Deceased")."""
_CLAUSE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_LIST_ITEM = re.compile(r"(?:[-–•·▪◦‣*]|\(?\d{1,2}[.)]|\([a-z]\)|[a-z]\))\s+\S")
_LABEL = re.compile(r"[A-Z][\w /&()-]{1,30}:(?:\s|$)")
_NUMBERED_HEADING = re.compile(r"(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+[A-Z]")
_AFFILIATION = re.compile(r"(?:[a-h]\s+|[¹²³⁴⁵⁶⁷⁸⁹*⁎†‡]\s*)[A-Z][a-z]")
"""An affiliation line under the authors, opened by its mark: "a School of ...", "¹ Department of ...".
(A plain digit is no mark here: tables of contents and numbered headings start so too.)"""
_MARKED_END = re.compile(r"[A-Z][\w'’-]+(?:\s[a-h](?:\s*,\s*(?:[a-h]|[*⁎†‡]))*\s*[*⁎†‡]?|[¹²³⁴⁵⁶⁷⁸⁹*⁎†‡]+)$")
"""A line of authors ending in a name's affiliation mark: "..., Maria Svensson a", "... Okafor¹"."""
_DIGIT_MARKED_END = re.compile(r"[A-Z][\w'’-]*[a-z]\d{1,2}(?:,\d{1,2})*[*⁎†‡]?$")
"""A line of authors whose marks are plain digits, as Frontiers and PLOS set them: "... and John Park2"."""
_DIGIT_AFFILIATION = re.compile(r"\d{1,2}\s+[A-Z][a-z]")
_FRONT_HEADING = re.compile(
    r"(?:(?:\d{1,2}|[IVX]{1,4})\.?\s+)?(?:abstract|article info(?:rmation)?|"
    + "|".join((*ABSTRACT_WORDS, *INTRODUCTION_WORDS))
    + r")\s*:?",
    re.IGNORECASE,
)
"""Headings of a first page that stand alone however the line before them ends, numbered or not, in
the languages of `front_words`: IEEE's "I. INTRODUCTION" follows its "Index Terms—..." line, and a
German paper's "Einleitung" its "Keywords: ..." line, which end without a full stop."""
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|van|von|de|da|del|der|den|di|du|la|le)){1,3}"
BYLINE_ROLE = (
    r",\s*(?:[A-Z][\w-]*\s+){0,3}(?i:reporter|correspondent|editor|writer|columnist|contributor|journalist)"
)
"""A journalist's role after the name in a byline: ", Business reporter", ", Senior Editor"."""
_BY_LINE = re.compile(
    rf"(?i:by):?(?:\s+{_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+){_NAME}){{0,5}}"
    rf"(?:{BYLINE_ROLE})?(?:\s+[·•|]\s+.+)?)?"
)
"""A title page's "by", set alone between the title and the author, or a magazine's or a web page's
byline ("by Tomás Herrera and Anna Lindqvist", "By Maria Rossi · March 14, 2021", "By Anna
Lindqvist, Business reporter"): neither is the rest of the title's line or of a paragraph a page
break cut."""
_NAMES = re.compile(
    rf"{_NAME}[¹²³⁴⁵⁶⁷⁸⁹*⁎†‡\d]*(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+){_NAME}[¹²³⁴⁵⁶⁷⁸⁹*⁎†‡\d]*){{0,7}}"
)
"""A line of person names: "Jane Smith and Robert Jones", "Anna Berg1, Tomas Lind2 & Li Wei*"."""
SHORT_LINE = 0.7
"""A line under this share of its block's width stops short: the layout did not wrap it there."""
_OPEN_ENDS = (",", ";", "-", "&")
"""A line ending so goes on in the next one."""
_UNWRAPPED_LINE = 200
"""A line this long was not wrapped by a layout, so a line break next to it is a paragraph break."""
_FLOAT = (
    r"(?:Figure|Table|Exhibit|Chart|Plate|Abbildung|Tabelle|Tableau|Tabla|Figura|Tabela|Quadro"
    r"|FIGURE|TABLE|EXHIBIT|Fig\.|FIG\.|Tab\.|Abb\.)"
)
_CAPTION = re.compile(
    rf"{_FLOAT}\s+[A-Z]?\d{{1,3}}(?:\.\d{{1,2}})?[a-z]?(?:\s*[.:|—–]\s*|\s+-\s+|\s+(?=[\"“‘(]?[A-Z]))\S"
)
"""A caption's first line: the float's name and number, then a mark or a capital ("Table 1 Summary";
never "Table 1 shows", a sentence about it)."""
_WORD_END = re.compile(r"(?:^|\s)[^\W\d_]{2,},?$")
_WORD_START = re.compile(r"[^\W\d_]{2,}[\s,;.:]")


def normalise_spaces(line: str) -> str:
    """Collapse runs of spaces and tabs into one space and strip the line."""
    return _SPACES.sub(" ", line).strip()


def _starts_upper(line: str) -> bool:
    first = line.lstrip("\"'“‘([")[:1]
    return first.isupper() or first.isdigit()


def _is_heading(line: str) -> bool:
    """Short, capitalised or numbered, and not ending like a clause."""
    if line.startswith("#"):
        return True
    if len(line) > 80 or len(line.split()) > 12 or line[-1] in ".,;" or not _starts_upper(line):
        return False
    return not _LABEL.match(line) or bool(_NUMBERED_HEADING.match(line))


def _titled_label(line: str, wrapped: bool, width: int, below: str) -> bool:
    """Whether a block's first line is a title in a label's shape over a line of its own (`below`).

    A title whose first part is short reads as a label ("Guest editorial: learning in crisis",
    "Reply to Smith: ...", "Learning at work: a survey"); it is no heading, but the line under
    it is: its authors (`_NAMES`), or, under a label of two words or more, its organisation. An
    editorial, a letter or a report's title page sets its text straight under them, with no
    abstract between. A field's value wrapped under its one-word label ("Title: The Support of
    Value" / "Co-creation") names nobody.
    """
    label = _LABEL.match(line)
    value = line[label.end() :] if label else ""
    return (
        label is not None
        and not _CAPTION.match(line)  # "Table 2: Results" over its first row
        and bool(value.strip())
        and not _CLAUSE_END.search(line)
        and len(line.split()) <= 20
        and (not wrapped or len(line) < 0.8 * width)
        and (bool(_NAMES.fullmatch(below)) or len(label.group().split()) >= 2)
    )


def _ends_label(prev: str, line: str, width: int) -> bool:
    """Whether a labelled field line ("Journal: ...") ends before `line`."""
    return (
        bool(_LABEL.match(prev))
        and _starts_upper(line)
        and not prev.endswith(_OPEN_ENDS)
        and len(prev) < 0.9 * width
    )


def _affiliation_after(prev: str, line: str) -> bool:
    """Whether `line` opens an affiliation under a line of marked authors or another affiliation.

    A digit opens one only under authors marked with digits ("Maria Rossi1* and John Park2" /
    "1 Department of Management, ..."): elsewhere it opens a heading or a table's row.
    """
    if _DIGIT_AFFILIATION.match(line) and _DIGIT_MARKED_END.search(prev):
        return True
    return bool(_AFFILIATION.match(line) and (_MARKED_END.search(prev) or _AFFILIATION.match(prev)))


def _caption_ends(prev: str, line: str, wrapped: bool, width: int) -> bool:
    """Whether a caption ends at `prev`, the line before `line`.

    It does at a sentence's end, and (a caption without a full stop) at a line of a wrapped
    block that stops short of its width with nothing left open, before a line of words.
    """
    if SENTENCE_END.search(prev):
        return True
    short = wrapped and len(prev) < SHORT_LINE * width and not prev.endswith(_OPEN_ENDS)
    return short and any(c.isalnum() for c in line)


def _cut_around(before: str, after: str) -> bool:
    """Whether a caption stands inside a sentence: words on both sides, not a formula or a list item."""
    return bool(_WORD_END.search(before) and _WORD_START.match(after)) and not _LIST_ITEM.match(after)


def _block_paragraphs(lines: list[str]) -> list[str]:
    """Split one blank-line-free block into paragraphs, joining wrapped lines."""
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = len(lines) >= 3 and width >= 40
    headings: list[bool] = []
    for i, line in enumerate(lines):
        headings.append(
            bool(_FRONT_HEADING.fullmatch(line))
            or (
                _is_heading(line)
                and (not wrapped or len(line) < 0.8 * width)
                and (
                    i == 0
                    or headings[i - 1]
                    or bool(_CLAUSE_END.search(lines[i - 1]))
                    or (i == 1 and _titled_label(lines[0], wrapped, width, line))
                )
                and (i + 1 == len(lines) or _starts_upper(lines[i + 1]))
            )
        )
    paragraphs: list[str] = []
    current = lines[0]
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if (
            headings[i]
            or headings[i - 1]
            or _BY_LINE.fullmatch(line)
            or (_BY_LINE.fullmatch(prev) and " " in prev)
            or _LABEL.match(line)
            or _ends_label(prev, line, width)
            or _affiliation_after(prev, line)
            or _CAPTION.match(line)
            or (_CAPTION.match(current) and _caption_ends(prev, line, wrapped, width))
        ):
            paragraphs.append(current)
            current = line
        elif _LIST_ITEM.match(line):
            current += "\n" + line
        elif _starts_upper(line) and (
            (SENTENCE_END.search(prev) and len(lines) >= 3 and len(prev) < SHORT_LINE * width)
            or (max(len(prev), len(line)) > _UNWRAPPED_LINE and not prev.endswith(_OPEN_ENDS))
        ):
            paragraphs.append(current)
            current = line
        else:
            current += " " + line
    paragraphs.append(current)
    return paragraphs


def reflow(text: str) -> str:
    """Unwrap the text's lines into paragraphs joined by PARAGRAPH_BREAK."""
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = normalise_spaces(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        for paragraph in _block_paragraphs(block):
            first = paragraph[:1]
            target = len(paragraphs) - 1  # the paragraph a continuation joins: the last one not a caption
            while target > 0 and _CAPTION.match(paragraphs[target]):
                target -= 1
            if (
                target >= 0
                and (target == len(paragraphs) - 1 or _cut_around(paragraphs[target], paragraph))
                and first.isalpha()
                and first.islower()
                and not _CLAUSE_END.search(paragraphs[target])
                and len(paragraphs[target].split()) > 3
                and not paragraphs[target].startswith("#")
                and not _BY_LINE.fullmatch(paragraph)
                and not _affiliation_after(paragraphs[target], paragraph)
            ):
                paragraphs[target] += " " + paragraph
            else:
                paragraphs.append(paragraph)
    return PARAGRAPH_BREAK.join(paragraphs)
