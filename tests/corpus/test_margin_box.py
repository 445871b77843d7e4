"""A journal's first page with its citation in a margin box, as Emerald sets The Learning Organization.

The title, the author and the affiliation are set in falling type sizes over a box in the
left margin ("The Learning Organization" / "Vol. 26 No. 3, 2019" / "pp. 283-295"); with no
gap between them, all of it read as one paragraph, and the record had no title, no author
and no venue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.furniture import furniture_record
from corpus.pipeline import prepare_document
from corpus_core.models import Document, RawDocument
from corpus_core.settings import load_settings
from search_api.csl import render_references, to_csl
from tests.corpus.layouts import wrap

BODY = (
    "Service firms learn with their customers when both sides take part in solving problems. "
    "We follow the teams of eleven firms over three years and compare the routines they use. "
) * 6
BOX = [
    "The Learning Organization",
    "Vol. 26 No. 3, 2019",
    "pp. 283-295",
    "© Emerald Publishing Limited",
    "0969-6474",
    "DOI 10.1108/TLO-08-2018-0136",
]


def _emerald(path: Path) -> Path:
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    for page in (283, 284, 285):
        y = height - 80
        if page == 283:
            pdf.setFont("Times-Bold", 16)
            pdf.drawString(170, height - 110, "The learning organization as a context")
            pdf.drawString(170, height - 130, "for value co-creation")
            pdf.setFont("Times-Roman", 11)
            pdf.drawString(170, height - 160, "Ingrid Solberg")
            pdf.setFont("Times-Italic", 9)
            pdf.drawString(170, height - 174, "Department of Strategy, Norwegian School of Economics, Bergen")
            pdf.setFont("Times-Roman", 8)
            for number, line in enumerate(BOX):
                pdf.drawString(40, height - 330 - 10 * number, line)
            pdf.setFont("Times-Bold", 10)
            pdf.drawString(170, height - 210, "Abstract")
            y = height - 226
        else:
            pdf.setFont("Times-Roman", 8)
            pdf.drawString(40, height - 40, "TLO 26,3")
        text = pdf.beginText(170, y)
        text.setFont("Times-Roman", 10)
        for line in wrap(BODY, width - 210, 10):
            text.textLine(line)
        pdf.drawText(text)
        pdf.setFont("Times-Roman", 9)
        pdf.drawString(40, 40, str(page))
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = _emerald(tmp_path_factory.mktemp("emerald") / "solberg2019.pdf")
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_type_sizes_set_the_title_block_apart(article: Document) -> None:
    assert article.text.startswith(
        "The learning organization as a context for value co-creation\n\nIngrid Solberg\n\n"
        "Department of Strategy, Norwegian School of Economics, Bergen\n\n"
    )
    meta = article.metadata
    assert meta.title == "The learning organization as a context for value co-creation"
    assert [a.display for a in meta.authors] == ["Ingrid Solberg"]


def test_the_margin_box_gives_the_citation(article: Document) -> None:
    meta = article.metadata
    assert (meta.venue, meta.volume, meta.issue, meta.year, meta.pages) == (
        "The Learning Organization",
        "26",
        "3",
        2019,
        "283-295",
    )
    [reference] = render_references([to_csl("solberg", meta)], "apa")
    assert reference == (
        "Solberg, I. (2019). The learning organization as a context for value co-creation. "
        "The Learning Organization, 26(3), 283–295. https://doi.org/10.1108/TLO-08-2018-0136"
    )


def test_a_sentence_under_a_heading_is_no_margin_box() -> None:
    page = "A Title\nSome text.\nRelated Work\nVolume 3 of the 2019 series was read by the teams.\nMore text."
    assert furniture_record(RawDocument("x.pdf", "h", "pdf", [page, "Second page text."])).venue == ""
