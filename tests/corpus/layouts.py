"""PDFs made from a seed's text in page layouts the project never saw (reportlab), for the layout tests.

A `Layout` says how many columns, how wide, which running head and footer at which edge, where
the printed page number stands and from which number it counts, whether a cover page with
"Downloaded by" / "This article has been accepted" notices comes first, what the PDF info
dictionary says, whether a review manuscript's line numbers stand in the margin, and whether
paragraphs are set apart by space or by an indent of their first line. `render`
wraps every paragraph of the seed greedily into the columns, hyphenating long words that do
not fit (so placeholders and shop fields are cut across lines and hyphens), and returns where
each drawn line landed: the test can then ask whether a quote is cited on the printed page it
was drawn on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from corpus.cleaning.rules import load_rules
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import CleaningSettings, load_settings

FONT = "Times-Roman"
KEPT_PREFIXES = load_rules(CleaningSettings().rules_file).keep_prefixes
MIN_SPLIT = 3
"""A hyphenated word keeps at least this many letters on each side of the break."""


@dataclass(frozen=True)
class Layout:
    """How a seed's text is set on the page."""

    name: str
    columns: int = 1
    font_size: float = 10.0
    margin: float = 60.0
    gutter: float = 24.0
    column_width: float = 0.0
    """Points; 0 means the page width shared by the columns."""
    head: str = ""
    """Running head at the top edge, a line over another at each "\n"; "{page}" is replaced by the printed
    page number."""
    verso_head: str = ""
    """Running head of the even (left-hand) pages, as journals alternate them: `head` then runs on
    the odd pages only, and the first page has none."""
    foot: str = ""
    """Running footer at the bottom edge, a line under another at each "\n"; "{page}" as for `head`."""
    number_at: str = "bottom"
    """Where the printed page number stands: "top", "bottom", "" (none of its own) or "head": on the
    running head's line at the page's outer edge (right on odd numbers, left on even ones, the head
    then set flush right), as journals print it."""
    first_number: int = 1
    cover: tuple[str, ...] = ()
    """Lines of an unnumbered cover page set before the text (notices, citation line)."""
    info: tuple[tuple[str, str], ...] = ()
    """PDF info entries: ("subject", "..."), ("keywords", "..."), ("title", "...")."""
    line_numbers: int = 0
    """A review manuscript's line numbers, every this many lines (0: none): in the left margin, and
    in the right margin for the last of several columns."""
    indent: float = 0.0
    """Points each paragraph's first line is set in, as most journals and LaTeX mark a paragraph
    (negative: set out, the hanging indent of a reference list)."""
    paragraph_gap: float = 0.8
    """Space between paragraphs, in lines (0: none, where an indent alone marks them)."""


@dataclass
class Rendered:
    """The PDF written and, per physical page (0-based), the printed number and the body lines."""

    path: Path
    printed: list[str] = field(default_factory=list)
    lines: list[list[str]] = field(default_factory=list)


INDUSTRIES = ["logistics", "banking", "health care", "software", "tourism", "retail", "energy", "education"]


def case_study(case: int) -> str:
    """One paragraph of prose about case number `case`, unlike every other case's."""
    return (
        f"Case {case} concerns a supplier in {INDUSTRIES[case % 8]} whose {case + 3} account managers "
        f"met customers in {2 * case + 5} problem-solving workshops over {case % 5 + 2} years. The "
        f"interviews show that dialogue about {INDUSTRIES[(case + 3) % 8]} practices became a learning "
        f"routine, and that what was learnt in workshop {case + 1} stayed with the team afterwards."
    )


def case_study_prose(cases: int) -> str:
    """`cases` paragraphs of distinct prose (no two lines alike, so none reads as page furniture)."""
    return "".join(f"{case_study(case)}\n\n" for case in range(cases))


def paragraphs(text: str) -> list[str]:
    """The seed's paragraphs (blank-line separated), each on one line, spaces collapsed.

    Characters the standard PDF fonts cannot draw (U+2010 hyphen) become their ASCII form.
    """
    text = text.translate(_DRAWABLE)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


_DRAWABLE = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-"})


def wrap(paragraph: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaking to `width` points (the first line `indent` less); a long word that
    does not fit is hyphenated."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        room = width - (indent if not lines else 0.0)
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, FONT, size) <= room:
            current = candidate
            continue
        head, tail = _hyphenate(word, current, room, size)
        if head:
            lines.append(f"{current} {head}-" if current else f"{head}-")
            current = tail
        else:
            if current:
                lines.append(current)
            current = word
        while stringWidth(current, FONT, size) > width and len(current) > 2 * MIN_SPLIT:
            cut = _fit(current, "", width, size) or len(current) // 2
            lines.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def draw_lines(pdf: canvas.Canvas, x: float, y: float, lines: list[str], size: float = 10) -> None:
    """Set `lines` one under the other in `FONT` at `size`, the first at (x, y)."""
    text = pdf.beginText(x, y)
    text.setFont(FONT, size)
    for line in lines:
        text.textLine(line)
    pdf.drawText(text)


def draw_styled_lines(
    pdf: canvas.Canvas, x: float, y: float, lines: list[tuple[str, float, str]], leading: float
) -> float:
    """Set (font, size, text) lines one under another from (x, y); the y under the last.

    Each stands `leading` times its size below the one before, as a first page sets its title block.
    """
    for font, size, text in lines:
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)
        y -= leading * size
    return y


def chapter_pages(pdf: canvas.Canvas, size: tuple[float, float], body: str, pages: int = 8) -> None:
    """A book's chapters after its front pages: a page each of `size`, "1. Chapter 1" over `body`, wrapped."""
    width, height = size
    for number in range(1, pages + 1):
        pdf.setFont("Times-Bold", 14)
        pdf.drawString(50, height - 80, f"{number}. Chapter {number}")
        draw_lines(pdf, 50, height - 110, wrap(body, width - 100, 10))
        pdf.showPage()


def book_pdf(path: Path, title_page: list[tuple[int, str]], imprint: list[str], body: str) -> Path:
    """A book's PDF in A5: its title page (lines centred, each at its size), its imprint page, and
    eight pages of chapters of `body`."""
    width, height = A5
    pdf = canvas.Canvas(str(path), pagesize=A5)
    pdf.setTitle("")
    y = height - 150
    for size, line in title_page:
        pdf.setFont(FONT, size)
        pdf.drawCentredString(width / 2, y, line)
        y -= size * 2.2
    pdf.showPage()
    pdf.setFont(FONT, 8)
    for number, line in enumerate(imprint):
        pdf.drawString(50, 250 - 11 * number, line)
    pdf.showPage()
    chapter_pages(pdf, A5, body)
    pdf.save()
    return path


def prepared_book(path: Path, title_page: list[tuple[int, str]], imprint: list[str], body: str) -> Document:
    """`book_pdf` at `path`, prepared as ingestion does."""
    settings = load_settings()
    return prepare_document(load_file(book_pdf(path, title_page, imprint, body), settings.loading), settings)


def _hyphenate(word: str, current: str, width: float, size: float) -> tuple[str, str]:
    """Split an alphabetic word so its head (plus a hyphen) ends the current line.

    Never right after a prefix the cleaner keeps hyphenated without evidence ("under-" +
    "stand" stays "under-stand" unless the text shows "understand" elsewhere): that ambiguity
    needs a dictionary the project does not have.
    """
    if len(word) < 2 * MIN_SPLIT + 1 or not word.isalpha():
        return "", word
    cut = _fit(word, current, width, size)
    while cut >= MIN_SPLIT and word[:cut].lower() in KEPT_PREFIXES:
        cut -= 1
    if cut < MIN_SPLIT or len(word) - cut < MIN_SPLIT:
        return "", word
    return word[:cut], word[cut:]


def _fit(word: str, current: str, width: float, size: float) -> int:
    """Most letters of `word` that fit after `current` with a trailing hyphen."""
    prefix = f"{current} " if current else ""
    best = 0
    for cut in range(1, len(word)):
        if stringWidth(f"{prefix}{word[:cut]}-", FONT, size) <= width:
            best = cut
        else:
            break
    return best


def prepared_under(head: str, layout: Layout, path: Path, paragraphs: int = 6) -> Document:
    """`head` over `paragraphs` of case-study prose, set in `layout` at `path`, prepared as ingestion does."""
    rendered = render(head + case_study_prose(paragraphs), layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


def text_width(layout: Layout) -> tuple[float, float]:
    """Points the columns span together, and one column's width."""
    usable = A4[0] - 2 * layout.margin - (layout.columns - 1) * layout.gutter
    return usable, layout.column_width or usable / layout.columns


def render(text: str, layout: Layout, path: Path) -> Rendered:
    """Set `text` (a seed) in `layout` and write the PDF to `path`."""
    page_width, page_height = A4
    usable, width = text_width(layout)
    leading = layout.font_size * 1.25
    top, bottom = page_height - layout.margin - 10, layout.margin + 20
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for key, value in layout.info:
        getattr(pdf, f"set{key.capitalize()}")(value)
    rendered = Rendered(path)
    if layout.cover:
        pdf.setFont(FONT, 11)
        y = page_height - 120
        for line in layout.cover:
            for piece in wrap(line, usable, 11):
                pdf.drawString(layout.margin, y, piece)
                y -= 15
            y -= 10
        pdf.showPage()
        rendered.printed.append("")
        rendered.lines.append(list(layout.cover))

    column, y = 0, top
    page_lines: list[str] = []
    drawn = 0

    def furniture() -> None:
        index = len(rendered.printed) - (1 if layout.cover else 0)
        number = str(layout.first_number + index)
        head = layout.head.format(page=number)
        if layout.verso_head:
            verso = layout.verso_head.format(page=number)
            head = "" if index == 0 else verso if int(number) % 2 == 0 else head
        pdf.setFont("Times-Italic", 8)
        head_y = page_height - layout.margin + 15
        if layout.number_at == "head" and int(number) % 2 == 0:
            pdf.drawString(layout.margin, head_y, number)
            pdf.drawRightString(page_width - layout.margin, head_y, head)
        elif layout.number_at == "head":
            pdf.drawString(layout.margin, head_y, head)
            pdf.drawRightString(page_width - layout.margin, head_y, number)
        elif head:
            rows = head.split("\n")
            for row, piece in enumerate(rows):
                pdf.drawString(layout.margin, head_y + 9 * (len(rows) - 1 - row), piece)
        for row, piece in enumerate(layout.foot.format(page=number).split("\n") if layout.foot else []):
            pdf.drawString(layout.margin, layout.margin - 15 - 9 * row, piece)
        if layout.number_at == "top":
            pdf.drawRightString(page_width - layout.margin, page_height - layout.margin + 28, number)
        elif layout.number_at == "bottom":
            pdf.drawCentredString(page_width / 2, layout.margin - 30, number)
        rendered.printed.append(number)

    def finish_page() -> None:
        furniture()
        rendered.lines.append(list(page_lines))
        page_lines.clear()
        pdf.showPage()

    for paragraph in paragraphs(text):
        for number, line in enumerate(wrap(paragraph, width, layout.font_size, layout.indent)):
            if y < bottom:
                column += 1
                y = top
                if column == layout.columns:
                    finish_page()
                    column = 0
            x = layout.margin + column * (width + layout.gutter) + (layout.indent if number == 0 else 0)
            drawn += 1
            if layout.line_numbers and drawn % layout.line_numbers == 0:
                pdf.setFont(FONT, layout.font_size * 0.7)
                if column and column == layout.columns - 1:  # the last column's in the right margin
                    pdf.drawString(x + width + 12, y, str(drawn))
                else:
                    pdf.drawRightString(x - 12, y, str(drawn))
            pdf.setFont(FONT, layout.font_size)
            pdf.drawString(x, y, line)
            page_lines.append(line)
            y -= leading
        y -= leading * layout.paragraph_gap
    finish_page()
    pdf.save()
    return rendered
