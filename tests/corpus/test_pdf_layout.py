"""page_text + clean_pages on PDFs: a generated paper with running heads, hyphenation and
two columns, and every sample PDF in the shared data."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.cleaning.clean import PAGE_SEPARATOR, CleanedText, clean_pages
from corpus.loading.pdf_layout import page_text
from corpus_core.settings import CleaningSettings
from tests.conftest import PDFS

HEADER = "Journal of Testing Studies Vol. 12"

PAGE_1 = [
    "Introduction",
    "This study examines how organiza-",
    "tional learning shapes the problem-",
    "solving routines of small firms in three regions.",
    "We find that problem-solving improves when teams",
    "practise co-",
    "creation with their customers, and co-creation",
    "requires trust between partners over many years.",
    "Our analysis of the firms also considers the manage-",
]
PAGE_2 = [
    "ment of knowledge in organizational settings.",
    "Method",
    "We interviewed forty managers in eleven firms and",
    "coded the transcripts twice to check their reliability.",
]
LEFT = [f"Alpha line {i} tells the story of the left column." for i in range(1, 31)]
RIGHT = [f"Beta line {i} tells the story of the right column." for i in range(1, 31)]
PAGE_4 = [
    "Conclusion",
    "Learning organisations gain most when customers take part in design.",
]


def _page(c: canvas.Canvas, number: int, draw_body: object) -> None:
    c.setFont("Times-Roman", 10)
    c.drawString(72, 800, HEADER)
    draw_body(c)  # type: ignore[operator]
    c.drawCentredString(297, 50, f"Page {number}")
    c.drawString(72, 36, f"Downloaded by University X at 10:1{number} 12 May 2020")
    c.showPage()


def _lines(lines: list[str], x: float = 72, top: float = 760) -> object:
    def draw(c: canvas.Canvas) -> None:
        for i, line in enumerate(lines):
            c.drawString(x, top - 14 * i, line)

    return draw


def _two_columns(c: canvas.Canvas) -> None:
    # Drawn row by row, left then right, so the content stream interleaves the columns.
    for i, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        c.drawString(72, 760 - 14 * i, left)
        c.drawString(320, 760 - 14 * i, right)


@pytest.fixture(scope="module")
def synthetic_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "paper.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _page(c, 1, _lines(PAGE_1))
    _page(c, 2, _lines(PAGE_2))
    _page(c, 3, _two_columns)
    _page(c, 4, _lines(PAGE_4))
    c.save()
    return path


@pytest.fixture(scope="module")
def synthetic_clean(synthetic_pdf: Path) -> CleanedText:
    pages = [page_text(p) for p in PdfReader(synthetic_pdf).pages]
    return clean_pages(pages, CleaningSettings(), fmt="pdf")


def test_plain_extraction_interleaves_the_columns(synthetic_pdf: Path) -> None:
    """Guards the column test below: without reordering, the columns alternate."""
    plain = PdfReader(synthetic_pdf).pages[2].extract_text()
    assert plain.index(RIGHT[0]) < plain.index(LEFT[1])


def test_page_text_reads_left_column_then_right(synthetic_pdf: Path) -> None:
    text = page_text(PdfReader(synthetic_pdf).pages[2])
    positions_left = [text.index(line) for line in LEFT]
    positions_right = [text.index(line) for line in RIGHT]
    assert positions_left == sorted(positions_left)
    assert positions_right == sorted(positions_right)
    assert max(positions_left) < min(positions_right)
    assert text.index(HEADER) < min(positions_left)
    assert text.index("Page 3") > max(positions_right)


def test_page_text_single_column_equals_plain_extraction(synthetic_pdf: Path) -> None:
    page = PdfReader(synthetic_pdf).pages[0]
    assert page_text(page) == page.extract_text()


def test_running_heads_and_footers_removed(synthetic_clean: CleanedText) -> None:
    text = synthetic_clean.text
    assert "Journal of Testing Studies" not in text
    assert "Downloaded by" not in text
    assert not re.search(r"Page \d", text)
    assert synthetic_clean.stats.removed["running_header"] > 0


def test_hyphenation_joined_and_real_hyphens_kept(synthetic_clean: CleanedText) -> None:
    text = synthetic_clean.text
    assert "how organizational learning shapes" in text
    assert "organiza-" not in text and "organiza tional" not in text
    assert "the problem-solving routines" in text
    assert "practise co-creation with their customers" in text
    assert "problemsolving" not in text and "cocreation" not in text
    assert synthetic_clean.stats.removed["dehyphenation"] >= 2


def test_word_split_across_pages_joined_on_first_page(synthetic_clean: CleanedText) -> None:
    first, second = (synthetic_clean.text[s.start : s.end] for s in synthetic_clean.pages[:2])
    assert first.endswith("considers the management")
    assert second.startswith("of knowledge in organizational settings.")


def test_columns_in_reading_order_after_cleaning(synthetic_clean: CleanedText) -> None:
    text = synthetic_clean.text
    assert max(text.index(line) for line in LEFT) < min(text.index(line) for line in RIGHT)


def test_page_spans_exact(synthetic_clean: CleanedText) -> None:
    text, spans = synthetic_clean.text, synthetic_clean.pages
    assert [s.number for s in spans] == [1, 2, 3, 4]
    assert spans[0].start == 0 and spans[-1].end == len(text)
    for prev, span in itertools.pairwise(spans):
        assert text[prev.end : span.start] == PAGE_SEPARATOR
    pages = [text[s.start : s.end] for s in spans]
    assert pages[0].startswith("Introduction")
    assert "Method" in pages[1]
    assert pages[2].startswith(LEFT[0]) and pages[2].endswith(RIGHT[-1])
    assert pages[3] == "Conclusion\n\n" + PAGE_4[1]


def test_page_text_never_raises_on_broken_page(synthetic_pdf: Path) -> None:
    page = PdfReader(synthetic_pdf).pages[0]
    page.extract_text = None  # type: ignore[method-assign,assignment]
    assert page_text(page) == ""


SAMPLE_PAGE_LIMIT = 8
"""The 117-page lecture script is cut to its first pages to keep the test fast."""


def _sample_pages(path: Path, limit: int | None = SAMPLE_PAGE_LIMIT) -> list[str]:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("openpassword")
        pages = list(reader.pages)[:limit]
    except PdfReadError as exc:
        pytest.skip(f"pypdf cannot open {path.name} ({exc}): the loader reports it")
    return [page_text(page) for page in pages]


@pytest.mark.parametrize("path", sorted(PDFS.glob("*.pdf")), ids=lambda p: p.name)
def test_every_sample_pdf_cleans(path: Path) -> None:
    pages = _sample_pages(path)
    result = clean_pages(pages, CleaningSettings(), fmt="pdf")
    assert len(result.pages) == len(pages)
    for span in result.pages:
        page = result.text[span.start : span.end]
        assert page == page.strip()
        assert "\n\n\n" not in page  # an emptied page (GeoTopo's contents) keeps its separators
    assert result.stats.chars_out == len(result.text)
    if path.name == "imagemagick-images.pdf":
        assert not result.text.strip("Background \n")
    else:
        assert len(result.text) > 10


def test_multicolumn_sample_reading_order() -> None:
    pages = _sample_pages(PDFS / "multicolumn.pdf")
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    # Checked by eye against the PDF: the left column ends "... Donec nonummy", the right
    # one goes on "pellentesque ante. ..."; "Fusce mauris" opens the right column's last
    # paragraph, and the page number "1" sits centred below both columns.
    order = [
        "Two-Column Document with Lorem Ipsum",
        "This is a sample document with two columns filled with Lorem Ipsum text.",
        "Lorem ipsum dolor sit amet, consectetuer adipiscing elit.",
        "Nulla malesuada porttitor diam.",
        "Donec nonummy pellentesque ante.",
        "Quisque ullamcorper placerat ipsum.",
        "Fusce mauris.",
        "Quisque egestas wisi eget nunc. Nam feugiat",
    ]
    positions = [text.index(phrase) for phrase in order]
    assert positions == sorted(positions)
    assert "\n1\n" not in text and not text.endswith(" 1")


def test_chapter_heads_of_lecture_script_removed() -> None:
    reader = PdfReader(PDFS / "GeoTopo-komprimiert.pdf")
    pages = [page_text(reader.pages[i]) for i in range(6, 12)]
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    # Pages 7-12 open with "4 1.1. TOPOLOGISCHE RÄUME" ... "9 1.2. METRISCHE RÄUME".
    assert "TOPOLOGISCHE RÄUME" not in text
    assert "METRISCHE RÄUME" not in text
    assert "Metrische Räume" in text


def test_a_document_parses_each_font_once(synthetic_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Widths come from pypdf's parsed fonts; the pages of a document share them (and the text
    is the same as with a cache per page)."""
    from corpus.loading import pdf_layout

    parsed: list[object] = []
    real = pdf_layout._PdfFont

    class CountingFont:
        @staticmethod
        def from_font_resource(font_dict: object) -> object:
            parsed.append(font_dict)
            return real.from_font_resource(font_dict)  # type: ignore[union-attr,arg-type]

    monkeypatch.setattr(pdf_layout, "_PdfFont", CountingFont)
    pages = PdfReader(synthetic_pdf).pages
    alone = [page_text(p) for p in pages]
    assert len(parsed) == len(pages)
    parsed.clear()
    fonts = pdf_layout.FontWidths()
    shared = [page_text(p, fonts) for p in pages]
    assert len(parsed) == 1, "one font (Times-Roman) on every page"
    assert shared == alone
    assert shared[2].index(LEFT[-1]) < shared[2].index(RIGHT[0]), "widths still find the columns"
