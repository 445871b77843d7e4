"""A journal-style PDF the project has never seen: running heads, footers, hyphenation, two columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.models import Document
from corpus_core.settings import load_settings

LEFT = [
    "Knowledge sharing between firms and",
    "their customers shapes how organiza-",
    "tional learning unfolds in service",
    "ecosystems. Managers who engage cus-",
    "tomers in problem-solving dialogues",
    "report faster innovation cycles and",
    "stronger co-creation of value.",
]
RIGHT = [
    "Expertise flows in both directions",
    "when suppliers treat dialogue as a",
    "learning routine rather than a sales",
    "channel, which the cases in this",
    "study show across four industries.",
]


def build(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    for page in range(1, 5):
        pdf.setFont("Times-Italic", 8)
        pdf.drawString(72, height - 40, "Journal of Service Management Studies, Vol. 14, No. 2")
        pdf.drawString(width - 200, height - 40, "Okafor and Lindqvist")
        pdf.drawString(72, 30, f"Downloaded by University of Testing at 10:1{page} 12 May 2021")
        pdf.drawString(width / 2, 45, str(200 + page))
        y = height - 80
        if page == 1:
            pdf.setFont("Times-Bold", 15)
            pdf.drawString(72, y, "Customer dialogue and organizational learning in service firms")
            pdf.setFont("Times-Roman", 11)
            pdf.drawString(72, y - 22, "Adaeze Okafor and Henrik Lindqvist")
            pdf.drawString(72, y - 38, "Journal of Service Management Studies (2021) 14(2): 201-204")
            pdf.drawString(72, y - 54, "doi:10.9999/jsms.2021.0142")
            y -= 90
        if page == 4:
            pdf.setFont("Times-Bold", 11)
            pdf.drawString(72, y, "References")
            text = pdf.beginText(72, y - 18)
            text.setFont("Times-Roman", 9)
            text.textLine(
                "Argyris, C. and Schon, D. (1978), Organizational Learning, Addison-Wesley, Reading, MA."
            )
            text.textLine(
                'Vargo, S.L. and Lusch, R.F. (2004), "Evolving to a new dominant logic for marketing",'
            )
            text.textLine("Journal of Marketing, Vol. 68 No. 1, pp. 1-17.")
            pdf.drawText(text)
        else:
            for x, lines, tag in ((72, LEFT, "left"), (310, RIGHT, "right")):
                text = pdf.beginText(x, y)
                text.setFont("Times-Roman", 10)
                for repeat in range(4):
                    text.textLine(f"Page {page} {tag} block {repeat}.")
                    for line in lines:
                        text.textLine(line)
                pdf.drawText(text)
        pdf.showPage()
    pdf.save()


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("journal") / "okafor2021.pdf"
    build(path)
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_first_page_record(document: Document) -> None:
    meta = document.metadata
    assert meta.title == "Customer dialogue and organizational learning in service firms"
    assert [a.display for a in meta.authors] == ["Adaeze Okafor", "Henrik Lindqvist"]
    assert (meta.year, meta.venue, meta.volume, meta.issue, meta.pages) == (
        2021,
        "Journal of Service Management Studies",
        "14",
        "2",
        "201-204",
    )
    assert meta.doi == "10.9999/jsms.2021.0142"
    assert meta.sources["authors"] == "first-page" and "authors" in meta.uncertain


def test_layout_is_repaired(document: Document) -> None:
    text = document.text
    assert "Vol. 14, No. 2" not in text
    assert "Downloaded by" not in text
    assert "Okafor and Lindqvist\n" not in text
    assert "organizational learning unfolds" in text and "organiza-" not in text
    assert "engage customers in problem-solving dialogues" in text
    assert "co-creation of value" in text
    assert text.index("Page 1 left block 3") < text.index("Page 1 right block 0"), "left column first"
    assert text.index("Page 1 right block 3") < text.index("Page 2 left block 0")


def test_structure_and_pages(document: Document) -> None:
    assert [s.title for s in document.sections][-1] == "References"
    assert all("Okafor" not in s.title for s in document.sections)
    assert [(r.authors, r.year) for r in document.references] == [
        (["Argyris, C.", "Schon, D."], 1978),
        (["Vargo, S.L.", "Lusch, R.F."], 2004),
    ]
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 60, 10)
    assert all("Argyris" not in c.text for c in chunks), "the reference list is not body text"
    for chunk in chunks:
        pages = {int(n) for n in __import__("re").findall(r"Page (\d) (?:left|right)", chunk.text)}
        if pages:
            assert chunk.page_start <= min(pages) and max(pages) <= chunk.page_end
            printed = [200 + p for p in range(chunk.page_start, chunk.page_end + 1)]
            assert chunk.page_label == "-".join(str(p) for p in sorted({printed[0], printed[-1]}))
