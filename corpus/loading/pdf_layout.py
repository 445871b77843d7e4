"""Text of one PDF page in reading order (columns read one after the other).

pypdf returns text in content-stream order, which for many two-column PDFs interleaves
the columns line by line. Here pypdf's visitor hook collects every text fragment with
its position and estimated width; a gutter (a vertical band no line crosses over most of
the page height) splits the page, and the left column is read before the right one. A
column's notes, set under it in smaller type, are read after both columns, at the page's
foot, so they do not cut the paragraph that runs on from one column to the next.
Pages whose positions are unusable keep pypdf's plain output; so do pages without a gutter,
with the blank lines below put in.

A blank line goes before each line of body text that opens a paragraph set in from its
column's edge (the indent most journals and LaTeX use instead of space), and on a page
without columns before one set apart by space (in columns, every wide gap and change of type
size ends a paragraph). Without it, a paragraph whose last line happens to run the full
width would be read as running on into the next one (`corpus.cleaning.reflow` can only go by
how short a line is).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject

from corpus.cleaning.reflow import NOTE_SYMBOLS, SENTENCE_END

try:  # pypdf's font metrics give real glyph widths; an estimate stands in without them.
    from pypdf.generic._font import Font as _PdfFont
except ImportError:  # pragma: no cover - depends on the pypdf version
    _PdfFont = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

AVERAGE_CHAR_EM = 0.5
"""Width of one character in ems when the font gives no metrics."""
MIN_COLUMN_ROWS = 5
"""Lines each column of a gutter needs before the page counts as multi-column."""
MIN_COLUMN_HEIGHT_SHARE = 0.3
"""Share of the page's text height the columns must cover side by side."""
MIN_COLUMN_WIDTH_SHARE = 0.2
"""Share of the page width each column must span."""
MIN_LINE_CHARS = 15
"""Median characters per line a column needs (tables of short cells are not columns)."""
MAX_DEPTH = 4
EDGE_TOLERANCE = 3.0
"""Points a line's start may stand off its column's left edge and still start at it."""
_MARKED_SENTENCE_END = re.compile(
    SENTENCE_END.pattern.removesuffix("$") + rf"(?:\d{{1,3}}|[{re.escape(NOTE_SYMBOLS)}])?$"
)
"""A sentence's end (`SENTENCE_END`), a note's mark after it or not ("... afterwards.1"): a
paragraph may end there."""
_NOTE_MARK = re.compile(rf"(?:[{re.escape(NOTE_SYMBOLS)}]|\d{{1,3}}(?:\s|$|(?=[A-Z][a-z])))")
"""How a note's first line opens: a symbol, or its number and a space ("1 On ...", a raised "1"
alone) or a word ("1On ...": Typst's superscript glyph, with no space after it)."""
MIN_FOOT_WORDS = 4
"""Words the small type at a column's foot needs to be read as its notes (a raised mark alone is not)."""
NOTE_TYPE = 0.9
"""Largest share of a column's usual type size that its notes are set in (LaTeX 0.8, Typst 0.85,
a journal's 9 on 10 points 0.9)."""
PARAGRAPH_GAP = 1.6
"""A gap between lines this many times the usual spacing ends a paragraph."""
SPACED_PARAGRAPH = 1.3
"""A gap between lines this many times the usual spacing ends a paragraph set apart by space:
Word's and LibreOffice's spacing after a paragraph (1.4-1.6 times a line's), Typst's (1.3)."""
FONT_CHANGE = 0.15
"""A change of font size by this share between two lines ends a paragraph (title, author line)."""
BLOCK_GAP = 3.0
"""A vertical gap this many times the usual line spacing separates blocks of a page."""
APART_GAP = 1.5
"""A row at either end of the columns this far apart (in usual line spacings), starting at no
column's edge, is not part of them (a centred page number)."""
INDENT_EMS = (0.5, 4.0)
"""How far (in ems of its type) a paragraph's first line may be set in from its column's edge."""
FULL_LINE = 0.85
"""Share of the column's width a paragraph's first line spans: it was wrapped, so more follows."""
CENTRE_TOLERANCE = 0.03
"""How far (a share of the text's width) a row's midpoint may stand from the text's to be centred."""
TITLE_PAGE_MEASURE = 0.6
"""A title page (fewer than half its rows at one edge) is measured as this share of the page's width."""
CENTRED_WIDTH = 0.75
"""A centred row narrower than this share of the text's width is a title block's line."""
HEAD_GAP = 2.0
"""A row at either end this far apart with any piece off the columns' edges is not part of them
(a running head with the page number at the outer edge); body rows seldom stand this far apart."""
MAX_FIGURE_SHARE = 0.25
"""Share of a side-by-side run's pieces that may be figures alone: more, and it is a table."""
SIDE_BY_SIDE_EMS = 3.0
"""Ems of blank space between the side-by-side author blocks of a title page's head; the words
of a line, even a justified one, stand far closer."""
BLOCK_BAND_EMS = 1.0
"""Ems of blank space that, running down through every row of a run of side-by-side blocks,
keeps the blocks apart: a block's longer lines (an institution's name under a short name)
come closer to the next block than its first line does, and a line's words never leave a
gap at one place in every row."""
MARK_SIZE = 0.8
"""Largest type size, as a share of the word's before it, of an affiliation mark raised after a name."""
_RAISED_MARK = re.compile(r"(?:[a-h]|\d{1,2}|[*∗⁎†‡§¶])(?:,(?:[a-h]|\d{1,2}|[*∗⁎†‡§¶]))*,?")
"""What superscript type holds beside a name or a word: a letter, a number, a symbol, or a list of them."""
_LETTER_MARK = re.compile(r"[a-h](?:\s*,\s*(?:[a-h]|[*∗⁎†‡]))*,?")
"""Affiliation marks in letters as superscript type sets them: "a", "a,b", "a,*" (a symbol after a letter)."""


@dataclass
class _Fragment:
    """One run of text pypdf reported, with its baseline start and estimated end."""

    text: str
    x0: float
    x1: float
    y: float
    size: float


@dataclass
class _Row:
    """Fragments sharing a baseline."""

    y: float
    fragments: list[_Fragment]


class FontWidths:
    """Glyph widths of a document's fonts, shared by its pages.

    pypdf hands the visitor each font's dictionary; parsing it into metrics costs about as
    much as reading a short page, and the pages of a document use the same few fonts. So
    one cache per document keeps each parsed font, and each character's width once looked
    up, for all its pages.
    """

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[Any, Any, dict[str, float], dict[str, str]]] = {}
        """By id of the font dictionary: the dictionary (kept alive, so ids stay unique), pypdf's
        parsed font (None: no usable metrics), the widths in ems looked up so far and the
        font's code of each character (`_codes`)."""

    def text_width(self, text: str, font_dict: Any) -> float:
        """Width of `text` in ems (glyph units / 1000)."""
        _, font, widths, codes = self._entry(font_dict)
        if font is None:
            return AVERAGE_CHAR_EM * len(text)
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = _char_width(font, codes.get(char, char), char == " ")
            total += width
        return total

    def _entry(self, font_dict: Any) -> tuple[Any, Any, dict[str, float], dict[str, str]]:
        key = id(font_dict)
        if key not in self._fonts:
            font = None
            if _PdfFont is not None and font_dict is not None:
                with contextlib.suppress(Exception):
                    font = _PdfFont.from_font_resource(font_dict)
            self._fonts[key] = (font_dict, font, {}, _codes(font))
        return self._fonts[key]


def _codes(font: Any) -> dict[str, str]:
    """The font's code of each character it maps to one, from its ToUnicode map.

    pypdf keys a font's widths by the codes in the content stream. A simple font's codes are
    mostly the characters themselves, but a composite (Type0, Identity-H) font numbers its
    glyphs in the order it uses them (Typst, XeLaTeX and LuaLaTeX, Word, browsers): read by
    character, every width there was another glyph's or the default, and lines came out too
    wide to leave a gutter between columns. The first code of a character wins (a
    superscript "1" and a plain one share it; their widths differ little).
    """
    codes: dict[str, str] = {}
    if font is None:
        return codes
    with contextlib.suppress(Exception):
        for code, char in font.character_map.items():
            if isinstance(code, str) and isinstance(char, str) and len(char) == 1:
                codes.setdefault(char, code)
    return codes


def _char_width(font: Any, code: str, space: bool) -> float:
    """One character's width in ems, by its code; the average stands in for a missing or broken metric."""
    try:
        width = float(font.space_width if space else font.get_text_width(code))
    except Exception:
        width = 0.0
    return width / 1000 if width > 0 else AVERAGE_CHAR_EM


OVERPRINT_PT = 1.5
"""How near (in points, both ways) the same text drawn again counts as drawn over itself."""


class _Collector:
    """pypdf `visitor_text` callback that records positioned fragments."""

    def __init__(self, fonts: FontWidths) -> None:
        self.fragments: list[_Fragment] = []
        self.rotated: list[str] = []
        self._fonts = fonts
        self._placed: dict[str, list[tuple[float, float]]] = {}
        self.overprinted: Counter[str] = Counter()
        """Texts drawn again over themselves, which pypdf's own text repeats (`_without_overprint`)."""

    def _drawn_again(self, line: str, x: float, y: float) -> bool:
        """Whether `line` was already drawn at (about) this place on the page.

        A stamp applied twice, or text drawn twice a fraction of a point apart to look bold,
        was read twice ("DOI 10.1109/DSDE.2010.49DOI 10.1109/DSDE.2010.49": the DOI ended in "DOI").
        """
        places = self._placed.setdefault(line, [])
        if any(abs(x - x0) <= OVERPRINT_PT and abs(y - y0) <= OVERPRINT_PT for x0, y0 in places):
            self.overprinted[line.strip()] += 1
            return True
        places.append((x, y))
        return False

    def __call__(self, text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        if not text or text.isspace():
            return
        m = _multiply(tm, cm)
        if abs(m[1]) > 0.1 * abs(m[0]) or m[0] <= 0:
            self.rotated.extend(line.strip() for line in text.splitlines() if line.strip())
            return
        hscale = math.hypot(m[0], m[1])
        size = abs(font_size) * math.hypot(m[2], m[3]) or abs(font_size) or 10.0
        for index, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            y = m[5] - index * 1.2 * size
            if self._drawn_again(line, m[4], y):
                continue
            # spaces a fragment ends with draw nothing: measured, they ran a block into its neighbour's
            width = self._fonts.text_width(line.rstrip(), font) * abs(font_size) * hscale
            self.fragments.append(_Fragment(line, m[4], m[4] + width, y, size))


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


_WINANSI_BULLET = re.compile(r"(?:(?<=\s)|^)[\x7f\x81\x8d\x8f\x90\x9d](?=\s|$)", re.MULTILINE)
"""A code WinAnsiEncoding leaves unassigned, standing alone: pypdf gives it as a control
character (reportlab writes "•" as 0x7F), cleaning then drops it, and the terms of a keywords
line set between bullets ran together ("organizational learning imitation heterogeneity").
The PDF standard maps each such code to the bullet; one inside a word is left to cleaning."""


def page_text(page: PageObject, fonts: FontWidths | None = None, title_page: bool = False) -> str:
    """Extract the page's text with line breaks kept, columns in reading order.

    `fonts` is the document's font cache (give the same one for all its pages). On a
    `title_page` (one of a document's first pages), author blocks set side by side above the
    columns are read one after the other (`_head_lines`). Never raises: a page pypdf cannot
    read gives "", a page whose layout cannot be analysed gives pypdf's plain extraction.
    A bullet written with an unassigned WinAnsi code is a bullet (`_WINANSI_BULLET`), and a soft
    hyphen a hyphen: a PDF draws only what is seen, and Typst's font maps its one hyphen glyph,
    a compound's ("problem-solving") and a line break's alike, to the soft hyphen; cleaning
    would drop it ("problemsolving") or join the words at a break (`corpus.cleaning.dehyphenate`
    decides by the text's own words instead).
    """
    return _WINANSI_BULLET.sub("\u2022", _page_text(page, fonts, title_page)).replace("\u00ad", "-")


def _page_text(page: PageObject, fonts: FontWidths | None, title_page: bool) -> str:
    """`page_text` before its bullets are mended."""
    collector = _Collector(fonts if fonts is not None else FontWidths())
    try:
        plain = page.extract_text(visitor_text=collector) or ""
    except Exception as exc:
        log.warning("positioned extraction failed, using plain text: %s", exc)
        try:
            return page.extract_text() or ""
        except Exception as exc2:
            log.warning("text extraction failed: %s", exc2)
            return ""
    plain = _without_overprint(plain, collector.overprinted)
    try:
        width = float(page.cropbox.width)
    except Exception:
        width = 0.0
    fragments = collector.fragments
    try:
        rows = _rows(fragments, marks=title_page)
        if not _widths_plausible(rows):
            return plain
        if title_page:
            plain = _marked_lines(plain, rows)
        if len(fragments) < 2 * MIN_COLUMN_ROWS:  # too few for columns; a title page's block still counts
            plain = _set_apart_paragraphs(plain, rows, width, title_page)
            return _title_page_text(plain, rows, fragments) if title_page else plain
        ordered = reorder_columns(fragments, width, title_page)
        if ordered is None:
            plain = _set_apart_paragraphs(plain, rows, width, title_page)
            return _title_page_text(plain, rows, fragments) if title_page else plain
    except Exception as exc:
        log.warning("layout analysis failed, using plain text: %s", exc)
        return plain
    text = "\n".join([*ordered, *collector.rotated])
    return _title_page_text(text, rows, fragments) if title_page else text


def _without_overprint(plain: str, overprinted: Counter[str]) -> str:
    """The text pypdf gave with a text drawn over itself given once.

    pypdf gives each drawing: glued ("DOI 10.1/XDOI 10.1/X") or on lines of their own, between
    those of another stamp drawn twice too. The repeats, as many as were drawn, go.
    """
    lines = plain.split("\n")
    dropped: set[int] = set()
    for text, repeats in overprinted.items():
        if len(text) < MIN_OVERPRINT_CHARS:
            continue
        glued = re.compile(rf"{re.escape(text)}(?:[ \t]*{re.escape(text)})+")
        for index, line in enumerate(lines):
            runs = glued.findall(line)
            if runs and repeats > 0:
                repeats -= sum(run.count(text) - 1 for run in runs)
                lines[index] = glued.sub(text.replace("\\", "\\\\"), line)
        kept_one = False
        for index, line in enumerate(lines):
            if line.strip() != text:
                continue
            if kept_one and repeats > 0:
                dropped.add(index)
                repeats -= 1
            kept_one = True
    return "\n".join(line for index, line in enumerate(lines) if index not in dropped)


MIN_OVERPRINT_CHARS = 4
"""Shortest text drawn over itself whose repeats are taken out of pypdf's text (a letter drawn twice
to look bold is left: its repeat cannot be told from a word's double letter)."""


def _marked_lines(plain: str, rows: list[_Row]) -> str:
    """The text with the lines pypdf broke at raised marks made one again ("Maria Rossi" / "1,2" / ", John").

    pypdf starts a new line where a superscript placed on a baseline of its own begins, and
    again where the line's type goes on: the marks stood alone, and cleaning took "1" for a
    page number. A row of a title page that holds such marks after names (`_rows` with
    `marks`, `_marked_names`) replaces the run of pypdf's lines that spell it out, whitespace aside.
    """
    lines = plain.split("\n")
    keys = ["".join(line.split()) for line in lines]
    for row in rows:
        if not _marked_names(row):
            continue
        text = _row_text(row.fragments)
        target = "".join(text.split())
        for start in range(len(lines)):
            end = _spelling_end(keys, start, target, 2 * len(row.fragments))
            if end is not None:
                lines[start : end + 1] = [text]
                keys[start : end + 1] = [target]
                break
    return "\n".join(lines)


def _marked_names(row: _Row) -> bool:
    """Whether a row holds raised marks, each after a word or another mark (names, not a table's figures)."""
    parts = sorted(row.fragments, key=lambda f: f.x0)
    raised = [f.y != row.y and bool(_RAISED_MARK.fullmatch(f.text.strip())) for f in parts]
    return any(raised) and all(
        not mark or (index > 0 and (raised[index - 1] or re.search(r"[^\W\d_]\s*$", parts[index - 1].text)))
        for index, mark in enumerate(raised)
    )


def _spelling_end(keys: list[str], start: int, target: str, most: int) -> int | None:
    """The last of two or more lines from `start` (at most `most`) that together spell `target`."""
    spelt = ""
    for end in range(start, min(start + most, len(keys))):
        spelt += keys[end]
        if spelt == target:
            return end if end > start else None
        if not target.startswith(spelt):
            return None
    return None


def _title_page_text(text: str, rows: list[_Row], fragments: list[_Fragment]) -> str:
    """A title page's text with its title on one line and its authors' marks set apart from their names."""
    return _spaced_marks(_one_line_titles(text, rows), fragments)


def _one_line_titles(text: str, rows: list[_Row]) -> str:
    """`text` with each line of display type joined to the line above it in the same type.

    A title wrapped over two or three lines in type larger than the page's body, at the usual
    spacing of that type, is one paragraph; read line by line, each line of a title in title
    case looked like a heading of its own ("Service Teams That Learn From Their Customers
    Over" / "Many Years of Working Together"), and title readers took half of it.
    """
    body = Counter(
        round(max(f.size for f in row.fragments), 1) for row in rows for _ in _row_text(row.fragments).split()
    ).most_common(1)
    if not body:
        return text
    display: dict[str, int] = {}
    for index, row in enumerate(rows):
        size = max(f.size for f in row.fragments)
        if size > (1 + FONT_CHANGE) * body[0][0] and not _wide_gaps(row):
            display.setdefault("".join(_row_text(row.fragments).split()), index)
    lines: list[str] = []
    for line in text.split("\n"):
        above = display.get("".join(lines[-1].split())) if lines else None
        here = display.get("".join(line.split()))
        if above is not None and here == above + 1 and _same_type(rows[above], rows[here]):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            display["".join(lines[-1].split())] = here
        else:
            lines.append(line)
    return "\n".join(lines)


def _same_type(above: _Row, below: _Row) -> bool:
    """Whether two rows are lines of one paragraph of display type: one size, its usual spacing."""
    size_above = max(f.size for f in above.fragments)
    size_below = max(f.size for f in below.fragments)
    close = above.y - below.y <= PARAGRAPH_GAP * max(size_above, size_below)
    return close and abs(size_above - size_below) <= FONT_CHANGE * max(size_above, size_below)


def _spaced_marks(text: str, fragments: list[_Fragment]) -> str:
    """`text` with a space between a name and the letter marks raised after it ("Rossia,*" -> "Rossi a,*").

    pypdf runs superscript type into the word before it, and a letter mark then reads as the
    name's last letter ("Maria Rossia,*, John Parkb", Elsevier's and INFORMS's author lines),
    which no author pattern can take apart. A fragment in smaller type on the word's line that
    holds only letter marks (`_LETTER_MARK`) is set apart where the text runs the two together.
    Digits and symbols are left: the author patterns read them glued.
    """
    for before, mark in itertools.pairwise(fragments):
        word = re.search(r"[^\W\d_]{2,}$", before.text)
        if (
            word
            and mark.size <= MARK_SIZE * before.size
            and abs(mark.y - before.y) < before.size
            and _LETTER_MARK.fullmatch(mark.text)
        ):
            glued = re.compile(rf"(?<![^\W\d_]){re.escape(word.group())}(?={re.escape(mark.text)})")
            text = glued.sub(lambda found: f"{found.group()} ", text)
    return text


def reorder_columns(
    fragments: list[_Fragment], page_width: float = 0.0, title_page: bool = False
) -> list[str] | None:
    """Lines of the page read column by column, or None when the page has no columns.

    The fragments' positions and widths are usable (`_widths_plausible`); `title_page` as
    for `page_text`.
    """
    left = min(f.x0 for f in fragments)
    right = max(f.x1 for f in fragments)
    page_width = page_width if page_width > 0 else right - left
    top = max(f.y + f.size for f in fragments)
    bottom = min(f.y for f in fragments)
    min_height = MIN_COLUMN_HEIGHT_SHARE * (top - bottom)
    found: list[bool] = []
    lines = _order(fragments, min_height, MIN_COLUMN_WIDTH_SHARE * page_width, 0, found, head=title_page)
    return lines if found else None


def _widths_plausible(rows: list[_Row]) -> bool:
    """Whether estimated widths fit the gaps between neighbouring fragments of a line.

    Pieces that stand SIDE_BY_SIDE_EMS or more apart by their estimates are blocks side by
    side (a first page's history box beside its abstract, a masthead's two ends), not pieces
    of one line: how far apart they stand says nothing of the estimates.
    """
    ratios = []
    for row in rows:
        parts = sorted(row.fragments, key=lambda f: f.x0)
        for a, b in itertools.pairwise(parts):
            gap = b.x0 - a.x0
            apart = b.x0 - a.x1 >= SIDE_BY_SIDE_EMS * max(a.size, b.size)
            if 0 < gap < 10 * a.size * max(1, len(a.text)) and not apart:
                ratios.append((a.x1 - a.x0) / gap)
    if len(ratios) < 5:
        return True
    ratio = statistics.median(ratios)
    return 0.5 <= ratio <= 1.5


def _rows(fragments: list[_Fragment], marks: bool = False) -> list[_Row]:
    """Group fragments into baselines, top of the page first.

    With `marks` (a title page's fragments), a mark (`_RAISED_MARK`) in type MARK_SIZE or less
    of its neighbour's, raised or lowered by less than half the larger type (a superscript
    affiliation mark, "Maria Rossi^a,*", a note's number), is on its neighbour's line, and the
    line's baseline is its larger type's: set apart, the marks made a row of their own above
    the names (LaTeX raises them about 0.35 em), and the names' row lost them.
    """
    rows: list[_Row] = []
    for frag in sorted(fragments, key=lambda f: (-f.y, f.x0)):
        anchor = None  # the line's first fragment; with marks, its largest type
        if rows:
            anchor = max(rows[-1].fragments, key=lambda f: f.size) if marks else rows[-1].fragments[0]
        if anchor is not None and _same_line(anchor, frag, marks):
            rows[-1].fragments.append(frag)
            if marks and frag.size > anchor.size:
                rows[-1].y = frag.y
        else:
            rows.append(_Row(frag.y, [frag]))
    return rows


def _same_line(anchor: _Fragment, frag: _Fragment, marks: bool) -> bool:
    """Whether `frag` sits on the line of `anchor`, its first fragment or, with `marks`, its largest.

    Only a mark reaches as far as half the larger type (`_RAISED_MARK`, see `_rows`): a drop
    cap's neighbours, lines of text in smaller type, stay lines of their own.
    """
    small, large = sorted((frag, anchor), key=lambda f: f.size)
    marked = marks and small.size <= MARK_SIZE * large.size and _RAISED_MARK.fullmatch(small.text.strip())
    return abs(anchor.y - frag.y) <= 0.5 * (large.size if marked else small.size)


def _row_text(fragments: list[_Fragment]) -> str:
    """One line's text: fragments left to right, a space where they stand apart.

    A hyphen after a word, and a word after it, are joined to it however far apart they stand:
    a justified line's spaces are stretched beyond the widths its glyphs give, and Typst sets
    a hyphen as a piece of its own, so "work-" at the column's edge had been read "work -",
    and "problem-solving" "problem - solving".
    """
    parts = sorted(fragments, key=lambda f: f.x0)
    out = parts[0].text
    for prev, frag in itertools.pairwise(parts):
        gap = frag.x0 - prev.x1
        hyphen_after_word = frag.text[:1] in _HYPHENS and out[-1:].isalpha()
        word_after_hyphen = out[-1:] in _HYPHENS and out[-2:-1].isalpha() and frag.text[:1].isalpha()
        if (
            gap > 0.15 * frag.size
            and not (hyphen_after_word or word_after_hyphen)
            and not out.endswith(" ")
            and not frag.text.startswith(" ")
        ):
            out += " "
        out += frag.text
    return out.strip()


_HYPHENS = ("-", "\u2010", "\u00ad")
"""A hyphen, as a piece of its own: hyphen-minus, Unicode's hyphen, a soft hyphen."""


def _order(
    fragments: list[_Fragment],
    min_height: float,
    min_width: float,
    depth: int,
    found: list[bool],
    before: str = "",
    head: bool = False,
) -> list[str]:
    """The fragments' lines in reading order; `before` is the line read just before them.

    `head`: the fragments are a title page's, or the part of it above its columns, where
    author blocks stand side by side (`_head_lines`).
    """
    rows = _rows(fragments, marks=head)
    split = _find_gutter(rows, min_height, min_width, head) if depth < MAX_DEPTH else None
    if split is None:
        return _head_lines(rows, before) if head else _paragraph_lines(rows, before)
    found.append(True)
    gutter, start, end = split
    column_frags = [f for row in rows[start:end] for f in row.fragments]
    left = [f for f in column_frags if f.x0 < gutter]
    right = [f for f in column_frags if f.x0 >= gutter]
    above = [f for row in rows[:start] for f in row.fragments]
    edges = (_left_edge(left), _left_edge(right))
    under_left, under_right, below_rows = _under_columns(rows[end:], gutter, edges)
    below = [f for row in below_rows for f in row.fragments]
    left, left_foot = _column_foot(left)
    right, right_foot = _column_foot(right)
    left_foot += under_left
    right_foot += under_right
    lines: list[str] = []
    for part in (above, left, right, left_foot, right_foot, below):
        if not part:
            continue
        if part is left_foot or part is right_foot:
            lines.append("")  # the notes are no part of the paragraph the body's last line ends
        last = lines[-1] if lines else before
        lines.extend(_order(part, min_height, min_width, depth + 1, found, last, head and part is above))
    return lines


def _head_lines(rows: list[_Row], before: str = "") -> list[str]:
    """A title page's head in reading order: each run of side-by-side blocks read block by block.

    IEEE's and ACM's conference formats set one block per author (name, institution, place,
    e-mail) side by side above the two columns. Read row by row, the names ran together
    ("Anna Berg Ola Lund Per Nilsson", one author) and so did the institutions under them;
    each block is now read whole, top to bottom, and set apart from the next by a blank line.
    The other rows are read as `_paragraph_lines` reads them.
    """
    lines: list[str] = []
    start = index = 0
    while index < len(rows):
        end = _side_by_side_run(rows, index)
        if end == index:
            index += 1
            continue
        lines.extend(_paragraph_lines(rows[start:index], lines[-1] if lines else before))
        for block in _side_by_side_blocks(rows[index:end]):
            if lines and lines[-1]:
                lines.append("")
            lines.extend(text for row in block if (text := _row_text(row.fragments)))
        lines.append("")
        start = index = end
    lines.extend(_paragraph_lines(rows[start:], lines[-1] if lines else before))
    return lines


def _wide_gaps(row: _Row) -> int:
    """How many gaps of SIDE_BY_SIDE_EMS or more split a row's pieces."""
    parts = sorted(row.fragments, key=lambda f: f.x0)
    return sum(b.x0 - a.x1 >= SIDE_BY_SIDE_EMS * max(a.size, b.size) for a, b in itertools.pairwise(parts))


def _side_by_side_run(rows: list[_Row], start: int) -> int:
    """End of the run of rows from `start` that sets blocks side by side; `start` where none does.

    The run opens with a row split by wide gaps, takes the rows under it at the spacing of
    its first two while blank bands still cross all of them, as many as cross the first
    (`_side_by_side_blocks`), and needs two split rows: a block's line runs on alone (a
    second e-mail address), a title over the blocks or a paragraph under them crosses the
    bands and ends the run. Rows whose pieces are mostly figures are a table, read row by row.
    """
    if start + 1 >= len(rows) or not _wide_gaps(rows[start]):
        return start
    spacing = rows[start].y - rows[start + 1].y
    blocks = len(_side_by_side_blocks(rows[start : start + 1]))
    end = start + 1
    while (
        end < len(rows)
        and 0 < rows[end - 1].y - rows[end].y <= PARAGRAPH_GAP * spacing
        and len(_side_by_side_blocks(rows[start : end + 1])) == blocks
    ):
        end += 1
    split = sum(_wide_gaps(row) > 0 for row in rows[start:end])
    pieces = [f.text for row in rows[start:end] for f in row.fragments if f.text.strip()]
    figures = sum(not re.search(r"[^\W\d_]", text) for text in pieces)
    if end - start < 2 or split < 2 or MAX_FIGURE_SHARE * len(pieces) < figures:
        return start  # no run, or a table of figures, read row by row
    return end


def _side_by_side_blocks(rows: list[_Row]) -> list[list[_Row]]:
    """The rows' pieces in blocks, left to right, each block's in rows.

    Blocks are bands of pieces that blank bands of BLOCK_BAND_EMS or more, running down
    through every row, set apart.
    """
    pieces = sorted((f for row in rows for f in row.fragments), key=lambda f: f.x0)
    bands: list[list[_Fragment]] = [[pieces[0]]]
    right = pieces[0].x1
    for piece in pieces[1:]:
        if piece.x0 - right >= BLOCK_BAND_EMS * piece.size:
            bands.append([])
        bands[-1].append(piece)
        right = max(right, piece.x1)
    return [_rows(band) for band in bands]


def _column_foot(fragments: list[_Fragment]) -> tuple[list[_Fragment], list[_Fragment]]:
    """A column's body, and its foot: the rows in smaller type that end it (the column's notes).

    Journals set a column's notes (a first page's "* Corresponding author at ...", a note
    numbered in the text) under its last line of body text in smaller type. Read between the
    columns, they cut the paragraph that runs on from one column to the next; read after both
    columns, they stand at the page's foot, where a page's notes are set apart
    (`corpus.cleaning.footnotes`). The foot opens like a note, with its mark: smaller type
    opened otherwise (a reference list's start, a table) stays where it is.
    """
    rows = _rows(fragments)
    sizes = [max(f.size for f in row.fragments) for row in rows]
    if not sizes:
        return fragments, []
    small = NOTE_TYPE * statistics.median(sizes)
    start = len(rows)
    while start > 0 and sizes[start - 1] <= small:
        start -= 1
    body, foot = rows[:start], rows[start:]
    texts = [_row_text(row.fragments) for row in foot]
    words = sum(len(text.split()) for text in texts)
    if len(body) < MIN_COLUMN_ROWS or words < MIN_FOOT_WORDS or not _NOTE_MARK.match(texts[0]):
        return fragments, []
    return [f for row in body for f in row.fragments], [f for row in foot for f in row.fragments]


def _left_edge(fragments: list[_Fragment]) -> float:
    """Where most of a column's lines start."""
    return float(Counter(round(f.x0) for f in fragments).most_common(1)[0][0])


def _under_columns(
    rows: list[_Row], gutter: float, edges: tuple[float, float]
) -> tuple[list[_Fragment], list[_Fragment], list[_Row]]:
    """The rows under the columns that are set in the columns too, left and right side; the rest.

    Two-column journals set each column's notes under it, in smaller type, which
    `_trim_run` leaves below the columns (a footer's type). Read across, they would join the
    two columns' notes line by line. A row is taken while the gutter does not cross it and
    each side's first piece starts at its column's left edge (a footer's pieces sit at the
    page's edges or its middle), and only when some row has both sides.
    """
    taken: list[tuple[list[_Fragment], list[_Fragment]]] = []
    for row in rows:
        if any(f.x0 + 1 < gutter < f.x1 - 1 for f in row.fragments):
            break
        left = [f for f in row.fragments if f.x0 < gutter]
        right = [f for f in row.fragments if f.x0 >= gutter]
        if not (_starts_at(left, edges[0]) and _starts_at(right, edges[1])):
            break
        taken.append((left, right))
    if not any(left and right for left, right in taken):
        return [], [], rows
    return (
        [f for left, _ in taken for f in left],
        [f for _, right in taken for f in right],
        rows[len(taken) :],
    )


def _starts_at(side: list[_Fragment], edge: float) -> bool:
    """Whether a row's pieces on one side of the gutter start at that column's left edge (or are none)."""
    return not side or abs(min(f.x0 for f in side) - edge) <= EDGE_TOLERANCE


def _paragraph_lines(rows: list[_Row], before: str = "") -> list[str]:
    """Row texts top to bottom, a blank line where a gap, a font change or an indent starts a paragraph.

    `before` is the line read just before the rows (`_body_openings`).
    """
    spacings = [a.y - b.y for a, b in itertools.pairwise(rows) if a.y > b.y]
    usual = statistics.median(spacings) if spacings else 0.0
    body = statistics.median(max(f.size for f in row.fragments) for row in rows) if rows else 0.0
    indented = _body_openings(rows, before)
    lines: list[str] = []
    previous: _Row | None = None
    for index, row in enumerate(rows):
        text = _row_text(row.fragments)
        if not text:
            continue
        if (
            previous is not None
            and lines[-1]
            and (index in indented or _new_paragraph(previous, row, usual, body))
        ):
            lines.append("")
        lines.append(text)
        previous = row
    return lines


def _body_openings(rows: list[_Row], before: str = "", gaps: bool = False) -> set[int]:
    """Indices of the rows that open a paragraph of body text: indented, or after a gap (`gaps`).

    An indented row starts INDENT_EMS in from the edge where most rows start, between rows
    at that edge; a row after a gap starts at the edge or indented. Either way it was
    wrapped (it spans FULL_LINE of the column, or the next row's first word would not have
    fitted), opens with no lower-case letter, and the line above it ends a sentence. At the
    top of the rows (a column's), the line read before them (`before`: the foot of the
    column to the left) stands above; at their foot, nothing need follow. That leaves out a
    hanging indent (a reference list's second lines: the edge row above seldom ends a
    sentence), a block quote or a list (indented rows follow each other), a centred heading
    or formula (set in further, or short) and the short lines of a first page's record.
    """
    if len(rows) < 3:
        return set()
    texts = [_row_text(row.fragments) for row in rows]
    starts = [min(f.x0 for f in row.fragments) for row in rows]
    ends = [max(f.x1 for f in row.fragments) for row in rows]
    edge = Counter(round(x) for x in starts).most_common(1)[0][0]
    at_edge = [abs(x - edge) <= EDGE_TOLERANCE for x in starts]
    if 2 * sum(at_edge) < len(rows):
        return set()
    right = sorted(ends)[(3 * len(ends)) // 4]
    body = statistics.median(max(f.size for f in row.fragments) for row in rows)
    usual = 0.0
    if gaps:
        spacings = [a.y - b.y for a, b in itertools.pairwise(rows) if a.y > b.y]
        usual = statistics.median(spacings) if spacings else 0.0
    openings: set[int] = set()
    for i, row in enumerate(rows):
        size = max(f.size for f in row.fragments)
        above = texts[i - 1] if i > 0 else before
        last = i + 1 == len(rows)
        set_in = INDENT_EMS[0] * size <= starts[i] - edge <= INDENT_EMS[1] * size
        indented = set_in and (i == 0 or at_edge[i - 1]) and (last or at_edge[i + 1])
        apart = i > 0 and usual > 0 and rows[i - 1].y - row.y > _paragraph_gap(size, body) * usual
        wrapped = ends[i] - edge >= FULL_LINE * (right - edge) or (
            not last and ends[i] + _first_word_width(texts[i + 1], starts[i + 1], ends[i + 1]) > right
        )
        if (
            (indented or (apart and (at_edge[i] or set_in)))
            and wrapped
            and not texts[i][:1].islower()
            and _MARKED_SENTENCE_END.search(above)
        ):
            openings.add(i)
    return openings


def _first_word_width(text: str, start: float, end: float) -> float:
    """Width of a row's first word and a space, estimated from its share of the row's characters.

    A row that this much more would carry past the column's edge was wrapped there, though
    set ragged right.
    """
    return (end - start) * (len(text.split()[0]) + 1) / len(text) if text.strip() else 0.0


def _set_apart_paragraphs(
    plain: str, rows: list[_Row], page_width: float = 0.0, title_page: bool = False
) -> str:
    """The page's plain text with a blank line before each line that opens a paragraph.

    The lines are pypdf's; those of `_body_openings` (after a gap too) and of
    `_centred_breaks` are found by their text, whitespace aside. A line whose type is
    FONT_CHANGE larger or smaller than the line read before it starts a paragraph too, as
    in columns: a title over its authors, an affiliation in smaller type, a journal's box in
    the margin, a block quote or a page's notes. On a `title_page`, a row whose pieces stand
    apart (a masthead's journal name at the left, its web address at the right) has each
    piece's type size too: pypdf gives each its line, and the title under them in larger
    type then opens a paragraph of its own, not the masthead's last line.
    """
    apart = _body_openings(rows, gaps=True) | _centred_breaks(rows, page_width)
    openings = Counter("".join(_row_text(rows[i].fragments).split()) for i in apart)
    sizes: dict[str, float] = {}
    for row in rows:
        sizes.setdefault("".join(_row_text(row.fragments).split()), max(f.size for f in row.fragments))
    for row in (row for row in rows if title_page and _wide_gaps(row)):
        for fragment in row.fragments:
            sizes.setdefault("".join(fragment.text.split()), fragment.size)
    lines: list[str] = []
    previous = 0.0
    for line in plain.split("\n"):
        key = "".join(line.split())
        size = sizes.get(key, 0.0) if len(line.split()) >= 2 else 0.0  # a lone mark or number: no say
        resized = previous > 0 and size > 0 and abs(size - previous) > FONT_CHANGE * max(size, previous)
        if (openings[key] > 0 or resized) and lines and lines[-1].strip():
            if openings[key] > 0:
                openings[key] -= 1
            lines.append("")
        lines.append(line)
        previous = size or previous
    return "\n".join(lines)


def _centred_breaks(rows: list[_Row], page_width: float = 0.0) -> set[int]:
    """Rows of a centred title block that start a paragraph: authors, affiliations, the date.

    A title block is set line under line, centred and short, with no gap or indent to tell
    its parts apart, and reflow joined them into one paragraph ("Title Maria Rossi Bocconi
    University May 2020"). A centred row is set in from the text's edge, its midpoint within
    CENTRE_TOLERANCE of the text's or the page's, and narrower than CENTRED_WIDTH of the
    text (of TITLE_PAGE_MEASURE of the page on a title page, where no row stands at an
    edge). Between two centred rows a paragraph starts when the type size changes, or when
    neither is larger than the body's: a title wrapped in larger type stays one paragraph.
    An abstract set in from both margins is wider than CENTRED_WIDTH; a poem's or a list's
    lines start at the edge or at an indent, not set in on both sides.
    """
    if len(rows) < 3:
        return set()
    starts = [min(f.x0 for f in row.fragments) for row in rows]
    ends = [max(f.x1 for f in row.fragments) for row in rows]
    sizes = [max(f.size for f in row.fragments) for row in rows]
    edge = Counter(round(x) for x in starts).most_common(1)[0][0]
    right = sorted(ends)[(3 * len(ends)) // 4]
    body_page = 2 * sum(abs(x - edge) <= EDGE_TOLERANCE for x in starts) >= len(rows)
    if body_page:  # centred on the text or the page, and set in from the text's edge
        measure, middles = right - edge, [(edge + right) / 2, page_width / 2]
    else:  # a title page: every row centred, no text to measure
        measure, middles = TITLE_PAGE_MEASURE * page_width, [page_width / 2]
    if measure <= 0:
        return set()
    body = Counter(round(size, 1) for size in sizes).most_common(1)[0][0]
    tolerance = CENTRE_TOLERANCE * measure + EDGE_TOLERANCE
    centred = [
        (not body_page or a - edge > EDGE_TOLERANCE)
        and any(abs((a + b) / 2 - middle) <= tolerance for middle in middles)
        and b - a < CENTRED_WIDTH * measure
        for a, b in zip(starts, ends, strict=True)
    ]
    breaks = set()
    for i in range(1, len(rows)):
        if not (centred[i] and centred[i - 1]):
            continue
        changed = abs(sizes[i] - sizes[i - 1]) > FONT_CHANGE * max(sizes[i], sizes[i - 1])
        if changed or max(sizes[i], sizes[i - 1]) <= body * (1 + FONT_CHANGE):
            breaks.add(i)
    return breaks


def _new_paragraph(above: _Row, below: _Row, usual: float, body: float) -> bool:
    size_above = max(f.size for f in above.fragments)
    size_below = max(f.size for f in below.fragments)
    if abs(size_above - size_below) > FONT_CHANGE * max(size_above, size_below):
        return True
    return usual > 0 and above.y - below.y > _paragraph_gap(size_above, body) * usual


def _paragraph_gap(size: float, body: float) -> float:
    """How many usual spacings apart two rows of type `size` stand to be two paragraphs.

    Body text is set apart by less (SPACED_PARAGRAPH) than a title's lines in larger type,
    which stand further apart than the body's (PARAGRAPH_GAP).
    """
    return SPACED_PARAGRAPH if abs(size - body) <= FONT_CHANGE * body else PARAGRAPH_GAP


def _find_gutter(
    rows: list[_Row], min_height: float, min_width: float, head: bool = False
) -> tuple[float, int, int] | None:
    """Best gutter as (x, first row, end row) over the tallest run of rows it splits.

    A column's left edge is an x where many lines start, so only those are tried: the
    gutter runs just left of it. `head`: the rows are a title page's (`_trim_run`).
    """
    if len(rows) < 2 * MIN_COLUMN_ROWS:
        return None
    frags = [f for row in rows for f in row.fragments]
    x_min = min(f.x0 for f in frags)
    x_max = max(f.x1 for f in frags)
    starts = Counter(round(f.x0) for f in frags)
    best: tuple[float, float, int, int] | None = None
    for edge, count in sorted(starts.items()):
        if count < MIN_COLUMN_ROWS or not x_min + min_width <= edge <= x_max - min_width:
            continue
        gutter = edge - 1.5
        height, start, end = _tallest_run(rows, gutter)
        if height > 0 and (best is None or height > best[1]):
            best = (gutter, height, start, end)
    if best is None or best[1] < min_height:
        return None
    gutter, _, start, end = best
    start, end = _trim_run(rows, start, end, gutter, head)
    run = rows[start:end]
    if (
        not run
        or run[0].y - run[-1].y < min_height
        or sum(any(f.x0 < gutter for f in row.fragments) for row in run) < MIN_COLUMN_ROWS
        or sum(any(f.x0 >= gutter for f in row.fragments) for row in run) < MIN_COLUMN_ROWS
        or not _looks_like_columns(run, gutter, min_width)
    ):
        return None
    return gutter, start, end


def _trim_run(rows: list[_Row], start: int, end: int, gutter: float, head: bool = False) -> tuple[int, int]:
    """Narrow a column run to the rows that belong to the columns.

    A footer or caption block below (or above) the columns may not cross the gutter
    either, but a wide vertical gap sets it apart: the run is cut at gaps over
    BLOCK_GAP times the usual line spacing and its tallest piece kept. A row at either end
    that stands a little apart and has a piece starting at no column's left edge is
    trimmed too: a centred page number just below the columns, or a running head with the
    page number at the page's outer edge (its pieces sit left and right of the gutter, so
    it would otherwise be read as the first line of each column). So are rows at either
    end set wholly in another type size than the columns (a running head, a page number, a
    footer that sits close to the text), unless each column opens with a heading of its own
    on one baseline, in larger type, each starting at its column's edge. On a title page
    (`head`), so are the rows at its top set in blocks side by side, each row's pieces off the
    columns' edges: two author blocks centred over the two columns would be read as the first
    lines of each. What is cut off is read before or after both columns.
    """
    gaps = [rows[i].y - rows[i + 1].y for i in range(start, end - 1)]
    if len(gaps) < 3:
        return start, end
    usual = statistics.median(gaps)
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start, end - 1):
        if rows[i].y - rows[i + 1].y > BLOCK_GAP * usual:
            pieces.append((piece_start, i + 1))
            piece_start = i + 1
    pieces.append((piece_start, end))
    start, end = max(pieces, key=lambda p: rows[p[0]].y - rows[p[1] - 1].y)
    if end - start < 3:
        return start, end
    # The columns' left edges: where most left-side lines start (margin line numbers start
    # further left, so the leftmost start alone would put every line of text off the grid),
    # and every x where several lines start (the edge of each column, three columns too).
    starts = Counter(round(f.x0) for row in rows[start:end] for f in row.fragments)
    left_starts = Counter(round(f.x0) for row in rows[start:end] for f in row.fragments if f.x0 < gutter)
    edges = (
        min(f.x0 for row in rows[start:end] for f in row.fragments),
        *(float(x) for x, _ in left_starts.most_common(1)),
        *(float(x) for x, count in starts.items() if count >= MIN_COLUMN_ROWS),
        gutter + 1.5,
    )

    def off_edges(piece: _Fragment) -> bool:
        return min(abs(piece.x0 - e) for e in edges) > EDGE_TOLERANCE

    def apart(row: _Row, gap: float) -> bool:
        off = [off_edges(f) for f in row.fragments]
        return (all(off) and gap > APART_GAP * usual) or (any(off) and gap > HEAD_GAP * usual)

    while end - start > 2 and apart(rows[end - 1], rows[end - 2].y - rows[end - 1].y):
        end -= 1
    while end - start > 2 and apart(rows[start], rows[start].y - rows[start + 1].y):
        start += 1
    body = statistics.median(f.size for row in rows[start:end] for f in row.fragments)

    def furniture(row: _Row) -> bool:
        return all(abs(f.size - body) > FONT_CHANGE * body for f in row.fragments)

    def heads(row: _Row) -> bool:  # a heading opening each column, on one baseline
        sides = [[f for f in row.fragments if (f.x0 < gutter) == left] for left in (True, False)]
        larger = all(f.size > body for f in row.fragments)
        return larger and all(side and not off_edges(min(side, key=lambda f: f.x0)) for side in sides)

    while end - start > 2 and furniture(rows[start]) and not heads(rows[start]):
        start += 1
    while end - start > 2 and furniture(rows[end - 1]):
        end -= 1
    if head:
        top = start
        while top < end and _wide_gaps(rows[top]) and all(off_edges(f) for f in rows[top].fragments):
            top += 1
        if top - start >= 2 and end - top > 2:
            start = top
    return start, end


def _tallest_run(rows: list[_Row], g: float) -> tuple[float, int, int]:
    """Height and row range of the tallest run of consecutive rows that `g` does not cross."""
    best = (0.0, 0, 0)
    start = 0
    left = right = 0
    for index in range(len(rows) + 1):
        blocked = index == len(rows) or any(f.x0 + 1 < g < f.x1 - 1 for f in rows[index].fragments)
        if not blocked:
            row = rows[index]
            left += any(f.x1 <= g for f in row.fragments)
            right += any(f.x0 >= g for f in row.fragments)
            continue
        if left >= MIN_COLUMN_ROWS and right >= MIN_COLUMN_ROWS and index > start:
            height = rows[start].y - rows[index - 1].y
            if height > best[0]:
                best = (height, start, index)
        start, left, right = index + 1, 0, 0
    return best


def _looks_like_columns(rows: list[_Row], gutter: float, min_width: float) -> bool:
    """Both sides hold lines of prose spanning a column's width, not table cells."""
    for side in (True, False):
        frags = [f for row in rows for f in row.fragments if (f.x0 < gutter) == side]
        if not frags:
            return False
        extent = max(f.x1 for f in frags) - min(f.x0 for f in frags)
        lengths = [
            len(_row_text(part))
            for row in rows
            if (part := [f for f in row.fragments if (f.x0 < gutter) == side])
        ]
        if extent < min_width or statistics.median(lengths) < MIN_LINE_CHARS:
            return False
    return True
