"""Paragraphs of a PDF that end on a full line stay apart, marked by an indent or by space.

Most journals and LaTeX mark a paragraph by an indented first line, with no space between
paragraphs. Reflowing plain lines can only tell where a paragraph ends by a last line that
stops short, so one whose last line ran the full width was read as running on into the next
(in one column, whose text is pypdf's plain output, even where space set it apart). Each
paragraph here is made to end on a full line, in one, two and three columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from corpus.loading.loaders import load_file
from corpus.loading.pdf_layout import page_text
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import FONT, Layout, case_study, paragraphs, render, text_width, wrap
from tests.corpus.seed_texts import raw_seed

LAYOUTS = [
    Layout("one-column", indent=12, paragraph_gap=0),
    Layout("two-columns", columns=2, font_size=9.5, indent=10, paragraph_gap=0),
    Layout("three-columns", columns=3, font_size=9, gutter=14, indent=9, paragraph_gap=0),
    Layout("spaced", columns=2, paragraph_gap=0.8),
]
FILLER = ["so", "on", "and", "on"]
"""Short words, each narrower than the last tenth of a column, so a last line lands in it."""


def ending_on_a_full_line(paragraph: str, layout: Layout) -> str:
    """`paragraph` with short words added before its full stop until its last line fills the column."""
    _, width = text_width(layout)
    words = paragraph.removesuffix(".")
    for added in range(200):
        candidate = f"{words}."
        lines = wrap(candidate, width, layout.font_size, layout.indent)
        if len(lines) > 1 and stringWidth(lines[-1], FONT, layout.font_size) >= 0.9 * width:
            return candidate
        words += " " + FILLER[added % len(FILLER)]
    raise AssertionError(f"no full last line for {paragraph[:40]!r}")


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_paragraphs_ending_on_a_full_line_stay_apart(layout: Layout, tmp_path: Path) -> None:
    paragraphs = [ending_on_a_full_line(case_study(case), layout) for case in range(24)]
    rendered = render("\n\n".join(paragraphs), layout, tmp_path / f"{layout.name}.pdf")
    assert len(rendered.printed) >= 2  # a page break falls inside the text too
    settings = load_settings()
    text = prepare_document(load_file(rendered.path, settings.loading), settings).text
    parts = text.split("\n\n")
    assert [part[:14] for part in parts if part.startswith("Case ")] == [p[:14] for p in paragraphs]
    assert len(parts) - len(paragraphs) <= len(rendered.printed) - 1  # a paragraph a page break cuts
    assert " ".join(text.split()) == " ".join(paragraphs)


@pytest.mark.parametrize("columns", [1, 2])
def test_a_hanging_indent_opens_no_paragraph(columns: int, tmp_path: Path) -> None:
    """A reference entry's second line stands indented between lines at the edge, like a
    paragraph's first line, and may follow one ending a full stop: no blank line goes before
    it (nor anywhere in a list set without space)."""
    seed = raw_seed("001")
    entries = paragraphs(seed[seed.index("\nReferences\n") :])
    layout = Layout("hanging", columns=columns, font_size=9.5, indent=-12, paragraph_gap=0, number_at="")
    pages = PdfReader(render("\n\n".join(entries), layout, tmp_path / f"references-{columns}.pdf").path).pages
    assert len(pages) >= 2
    texts = [page_text(page) for page in pages]
    assert [text.split("\n\n")[1][:40] for text in texts if "\n\n" in text] == []
    assert "Argyris, C. (1990)" in texts[0]
