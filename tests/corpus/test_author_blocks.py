"""A conference paper's author blocks (name, institution, place, e-mail) give every author.

ACM's and IEEE's conference formats, and many working papers, set one block per author, side
by side or one under another. Reflow runs the blocks together, and only the first name was
read; the blocks are now read from the page's own lines. Each PDF is drawn with reportlab and
prepared as ingestion does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import draw_lines, wrap

TITLE = "Knowledge Sharing in Agile Software Teams"
BLOCKS = [
    ("Anna Berg", "University of Oslo", "Oslo, Norway", "anna.berg@uio.no"),
    ("Ola Lund", "Karolinska Institutet", "Stockholm, Sweden", "ola.lund@ki.se"),
    ("Per Nilsson", "Microsoft Research", "Redmond, WA, USA", "per.nilsson@microsoft.com"),
]
BODY = (
    "Agile teams share knowledge in daily meetings and retrospectives. We studied twelve teams in "
    "four firms over two years and found that shared routines matter more than tools. "
) * 12


def _draw(path: Path, blocks: list[tuple[str, ...]], side_by_side: bool) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        y = height - 72
        if page == 0:
            pdf.setFont("Helvetica-Bold", 18)
            pdf.drawCentredString(width / 2, y, TITLE)
            y -= 40
            column = (width - 144) / len(blocks)
            for index, block in enumerate(blocks):
                x = 72 + column * index + column / 2 if side_by_side else width / 2
                for number, line in enumerate(block):
                    pdf.setFont("Helvetica", 12 if number == 0 else 10)
                    pdf.drawCentredString(x, y - 14 * number, line)
                if not side_by_side:
                    y -= 14 * len(block) + 10
            if side_by_side:
                y -= 14 * len(blocks[0]) + 10
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(72, y, "ABSTRACT")
            y -= 16
        draw_lines(pdf, 72, y, wrap(BODY, width - 144, 10)[: int((y - 90) // 12)])
        pdf.drawCentredString(width / 2, 40, str(page + 1))
        pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("side_by_side", [True, False], ids=["side-by-side", "one-under-another"])
@pytest.mark.parametrize("count", [1, 2, 3])
def test_every_author_block_gives_its_author(tmp_path: Path, side_by_side: bool, count: int) -> None:
    path = _draw(tmp_path / "paper.pdf", BLOCKS[:count], side_by_side)
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert meta.title == TITLE
    assert [a.display for a in meta.authors] == [block[0] for block in BLOCKS[:count]], (
        "no institution under a name (Karolinska Institutet, Microsoft Research) is an author"
    )
