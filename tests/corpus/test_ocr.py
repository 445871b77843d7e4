"""OCR of PDF pages without text (issue 11, item 3): scans are read, reported when they cannot be.

The scanned PDFs are made here from a seed: its text drawn onto images with Pillow, the
images wrapped as PDF pages by reportlab, with no text layer, the way a scanner makes them.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.loading.ocr import INSTALL_TESSERACT, page_ranges, parse_sidecar
from corpus.loading.scans import replaces_stamp
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.errors import NoTextError
from corpus_core.models import RawDocument
from corpus_core.settings import LoadingSettings, load_settings
from tests.conftest import SHARED

SEED = SHARED / "seeds" / "001_30eaf569d8f24f46.txt"
LINES_PER_PAGE = 26
PAGE_POINTS = (612, 792)  # US Letter
PIXELS = (1275, 1650)  # 150 dots per inch


def seed_pages(count: int, start_line: int = 0) -> list[list[str]]:
    """`count` pages of the seed manuscript's body, wrapped at 70 characters, plain ASCII."""
    text = SEED.read_text(encoding="utf-8").split("Introduction\n", 1)[1]
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[^\x20-\x7e\n]", "", text)
    lines = [line for para in text.split("\n") if para.strip() for line in textwrap.wrap(para, 70)]
    lines = lines[start_line:]
    return [lines[i * LINES_PER_PAGE : (i + 1) * LINES_PER_PAGE] for i in range(count)]


def _picture(lines: list[str], footer: str) -> bytes:
    image = Image.new("L", PIXELS, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=27)
    y = 150
    for line in lines:
        draw.text((140, y), line, fill=0, font=font)
        y += 48
    if footer:
        draw.text((PIXELS[0] // 2, PIXELS[1] - 110), footer, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def scanned_pdf(
    path: Path, pages: list[list[str]], first_label: int = 0, text_pages: frozenset[int] = frozenset()
) -> Path:
    """Write a PDF whose pages are pictures of `pages` (physical numbers in `text_pages` get real text).

    With `first_label`, each page shows its printed number at the foot (first_label, +1, ...).
    """
    pdf = canvas.Canvas(str(path), pagesize=PAGE_POINTS)
    for number, lines in enumerate(pages, start=1):
        footer = str(first_label + number - 1) if first_label else ""
        if number in text_pages:
            for i, line in enumerate(lines):
                pdf.drawString(67, 720 - i * 23, line)
            if footer:
                pdf.drawString(300, 50, footer)
        else:
            pdf.drawImage(ImageReader(io.BytesIO(_picture(lines, footer))), 0, 0, *PAGE_POINTS)
        pdf.showPage()
    pdf.save()
    return path


STAMP = "Downloaded by University of Testing Library on 12 May 2021 at 10:1{n}. For personal use only."


def stamped_scan(path: Path, pages: list[list[str]], figure_caption: str = "") -> Path:
    """Pictures of `pages`, each under one line of real text (a delivery stamp), the way a
    library's document delivery sends a scanned paper. With `figure_caption`, a last page is
    a page-sized drawing with no words under that caption, as a text layer."""
    pdf = canvas.Canvas(str(path), pagesize=PAGE_POINTS)
    for number, lines in enumerate(pages, start=1):
        pdf.drawImage(ImageReader(io.BytesIO(_picture(lines, ""))), 0, 0, *PAGE_POINTS)
        pdf.setFont("Helvetica", 7)
        pdf.drawString(40, 20, STAMP.format(n=number))
        pdf.showPage()
    if figure_caption:
        image = Image.new("L", PIXELS, 255)
        draw = ImageDraw.Draw(image)
        for bar, height in enumerate((300, 700, 500, 900)):
            draw.rectangle((200 + bar * 220, 1300 - height, 360 + bar * 220, 1300), fill=90)
        out = io.BytesIO()
        image.save(out, "PNG")
        pdf.drawImage(ImageReader(io.BytesIO(out.getvalue())), 0, 120, 612, 612 * PIXELS[1] / PIXELS[0] - 120)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(67, 80, figure_caption)
        pdf.showPage()
    pdf.save()
    return path


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]{4,}", text.lower())


def _shared_words(expected: list[str], read: str) -> float:
    wanted, found = _words(" ".join(expected)), set(_words(read))
    return sum(w in found for w in wanted) / max(1, len(wanted))


# ---- Hermetic ---------------------------------------------------------------------------------


def test_page_ranges_compress_runs() -> None:
    assert page_ranges([1, 2, 3, 7, 9, 10]) == "1-3,7,9-10"
    assert page_ranges([5]) == "5"
    assert page_ranges([]) == ""


def test_sidecar_keeps_page_numbers_across_skipped_runs() -> None:
    sidecar = "[OCR skipped on page(s) 1-3]\fpage four\n\f\f[OCR skipped on page(s) 6]\fpage seven"
    assert parse_sidecar(sidecar) == {4: "page four", 5: "", 7: "page seven"}


def test_settings_validate_ocr_values() -> None:
    assert LoadingSettings().ocr == "auto" and LoadingSettings().ocr_language == "eng"
    with pytest.raises(ValueError):
        LoadingSettings(ocr_language="eng; rm -rf /")
    with pytest.raises(ValueError):
        LoadingSettings(ocr="sometimes")  # type: ignore[arg-type]


def test_ocr_off_reports_needs_ocr(tmp_path: Path) -> None:
    pdf = scanned_pdf(tmp_path / "scan.pdf", seed_pages(1))
    with pytest.raises(NoTextError, match=r"image-only PDF, needs OCR \(loading.ocr = off\)"):
        load_file(pdf, LoadingSettings(ocr="off"))


def test_without_tesseract_the_file_is_reported_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = scanned_pdf(tmp_path / "scan.pdf", seed_pages(1))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(NoTextError) as info:
        load_file(pdf, LoadingSettings())
    assert info.value.reason.endswith(INSTALL_TESSERACT)
    assert "needs OCR: install tesseract-ocr" in info.value.reason


def test_ocr_off_names_a_stamped_scan_as_needing_ocr(tmp_path: Path) -> None:
    pdf = stamped_scan(tmp_path / "delivered.pdf", seed_pages(1))
    raw = load_file(pdf, LoadingSettings(ocr="off"))
    assert raw.ocr_pages == [] and raw.ocr_note == "needs OCR (loading.ocr = off)"
    with pytest.raises(NoTextError, match=r"\(minimum 200\): needs OCR \(loading.ocr = off\)"):
        prepare_document(raw, load_settings())


def test_replacing_a_stamp_takes_much_more_text() -> None:
    stamp = STAMP.format(n=1)
    assert replaces_stamp(stamp, "word " * 200)
    assert not replaces_stamp(stamp, "Figure 3 axis labels 1990 2000 2010")
    assert not replaces_stamp("x" * 290, "word " * 200), "four times the text layer, not just 400 characters"


def test_a_short_document_is_not_called_a_scan(pdfs_dir: Path) -> None:
    """habibi.pdf is one line of real text ("habibi" in Arabic and Latin letters), no picture."""
    settings = load_settings()
    raw = load_file(pdfs_dir / "habibi.pdf", settings.loading)
    assert raw.ocr_pages == [] and raw.ocr_note == ""
    with pytest.raises(NoTextError) as info:
        prepare_document(raw, settings)
    assert "a short document, no page of it a scan (lower loading.min_chars to index it)" in info.value.reason
    assert "OCR" not in info.value.reason


def test_missing_language_names_its_package(tmp_path: Path) -> None:
    pdf = scanned_pdf(tmp_path / "scan.pdf", seed_pages(1))
    with pytest.raises(NoTextError, match=r"no language zzz \(install tesseract-ocr-zzz\)"):
        load_file(pdf, LoadingSettings(ocr_language="eng+zzz"))


# ---- Real OCR (Tesseract) ---------------------------------------------------------------------


@pytest.mark.slow
def test_scanned_pages_are_read_and_keep_their_numbers(tmp_path: Path) -> None:
    """Page 1 has a text layer, pages 2 and 3 are pictures: only 2 and 3 are OCR'd, numbers kept."""
    pages = seed_pages(3)
    pdf = scanned_pdf(tmp_path / "mixed.pdf", pages, first_label=201, text_pages=frozenset({1}))
    raw = load_file(pdf, LoadingSettings())
    assert raw.ocr_pages == [2, 3]
    assert raw.ocr_note == ""
    assert _shared_words(pages[0], raw.pages[0]) == 1.0, "the text page was extracted, not OCR'd"
    for number in (2, 3):
        assert _shared_words(pages[number - 1], raw.pages[number - 1]) > 0.9, raw.pages[number - 1]
        assert _shared_words(pages[number - 1], raw.pages[4 - number]) < 0.5, "pages stay in order"
    assert raw.page_labels == ["201", "202", "203"]

    document = prepare_document(raw, load_settings())
    assert [(p.number, p.label, p.ocr) for p in document.pages] == [
        (1, "201", False),
        (2, "202", True),
        (3, "203", True),
    ]
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 120, 0)
    assert {c.ocr for c in chunks} == {True, False}
    for chunk in chunks:
        assert chunk.ocr == (chunk.page_end is not None and chunk.page_end >= 2)


@pytest.mark.slow
def test_a_scan_whose_only_text_is_a_stamp_is_read(tmp_path: Path) -> None:
    """Before: refused as "only 180 characters of extractable text"; the stamp hid the scans."""
    pages = seed_pages(2, start_line=40)
    caption = "Figure 1. Customer contacts per team, 2016-2019."
    pdf = stamped_scan(tmp_path / "delivered.pdf", pages, figure_caption=caption)
    raw = load_file(pdf, LoadingSettings())
    assert raw.ocr_pages == [1, 2], "the scans are OCR'd; the figure page keeps its caption"
    for number in (1, 2):
        assert _shared_words(pages[number - 1], raw.pages[number - 1]) > 0.9, raw.pages[number - 1]
    assert raw.pages[2].strip() == caption
    document = prepare_document(raw, load_settings())
    assert [(p.number, p.ocr) for p in document.pages] == [(1, True), (2, True), (3, False)]


@pytest.mark.slow
def test_a_timeout_leaves_the_file_reported(tmp_path: Path) -> None:
    pdf = scanned_pdf(tmp_path / "scan.pdf", seed_pages(1))
    with pytest.raises(NoTextError, match=r"longer than 0.2 s \(loading.ocr_timeout_s\)"):
        load_file(pdf, LoadingSettings(ocr_timeout_s=0.2))


@pytest.mark.slow
def test_shared_image_pdf_is_ocrd_on_its_empty_pages_only() -> None:
    """imagemagick-images.pdf: pages 1-3 and 6 say "Background", 4-5 are 4x4-pixel pictures."""
    raw = load_file(SHARED / "pdfs" / "imagemagick-images.pdf", LoadingSettings())
    assert isinstance(raw, RawDocument) and len(raw.pages) == 6
    assert raw.ocr_pages == []
    assert raw.ocr_note == "OCR found no text on page(s) 4-5"
    with pytest.raises(NoTextError, match="OCR found no text on page"):
        prepare_document(raw, load_settings())


@pytest.mark.slow
def test_pages_ocr_could_not_read_are_named_in_the_run_report(tmp_path: Path, fake_embedder) -> None:
    """Page 1 has text, pages 2-3 are scans whose OCR times out: indexed, and the report says so."""
    from indexing.run import ingest

    folder = tmp_path / "papers"
    folder.mkdir()
    scanned_pdf(folder / "mixed.pdf", seed_pages(3), text_pages=frozenset({1}))
    settings = load_settings(store=tmp_path / "store")
    settings.loading.ocr_timeout_s = 0.2
    report = ingest(settings, [folder], embedder=fake_embedder)
    (outcome,) = report.outcomes
    assert outcome.status == "ingested", outcome
    assert "longer than 0.2 s (loading.ocr_timeout_s)" in outcome.reason, outcome.reason
