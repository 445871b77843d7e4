"""A title printed in capitals is written in title case, the prose's own acronyms kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.capitals import in_capitals, prose_capitals, title_case
from corpus.metadata.extract import extract_metadata
from corpus.pipeline import prepare_document
from corpus_core.models import RawDocument
from corpus_core.settings import load_settings
from tests.corpus.layouts import draw_lines, wrap

PROSE = (
    "We followed teams at NASA and in SMEs for two years. The IT units of B2B firms learnt most.\n"
    "LEARNING FROM FAILURE\n"
    "BERG AND LUND\n"
    "It was COVID-19 that changed how the teams met. It is no accident. It matters.\n"
)


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        (
            "LEARNING FROM FAILURE IN ORGANIZATIONAL TEAMS: A MULTILEVEL STUDY OF NASA",
            "Learning from Failure in Organizational Teams: A Multilevel Study of NASA",
        ),
        ("THE ROLE OF IT IN SMES", "The Role of IT in SMEs"),
        (
            "VALUE CO-CREATION IN B2B MARKETS AFTER COVID-19",
            "Value Co-Creation in B2B Markets After COVID-19",
        ),
        ("PART II: WHAT IS A LEARNING ORGANIZATION?", "Part II: What Is a Learning Organization?"),
        ("CUSTOMERS' LEARNING AND THE FIRM", "Customers' Learning and the Firm"),
        ("LERNENDE ORGANISATIONEN IN DER PRAXIS", "Lernende Organisationen in der Praxis"),
    ],
)
def test_a_title_in_capitals_in_title_case(printed: str, written: str) -> None:
    assert title_case(printed, prose_capitals(PROSE)) == written


def test_only_the_prose_s_capitals_are_kept() -> None:
    kept = prose_capitals(PROSE)
    assert {"NASA", "SMES", "IT", "B2B", "COVID-19"} <= set(kept) and kept["SMES"] == "SMEs"
    assert not {"LEARNING", "FAILURE", "BERG", "AND", "LUND"} & set(kept), "lines in capitals are no prose"
    assert [in_capitals(t) for t in ("The CEO of NASA", "NASA", "AI AND ML", "")] == [
        False,
        False,
        True,
        False,
    ]


def test_an_acronym_spelt_like_a_minor_word_is_kept_where_the_text_never_writes_the_word() -> None:
    """ "MIT" is German's "mit": the venue "MIT SLOAN MANAGEMENT REVIEW" was "Mit Sloan Management Review"."""
    prose = "Articles in MIT Sloan Management Review are copyrighted by MIT (sloanreview.mit.edu).\n"
    assert title_case("MIT SLOAN MANAGEMENT REVIEW", prose_capitals(prose)) == "MIT Sloan Management Review"
    german = prose + "Wir arbeiten mit Kunden und mit Partnern.\n"
    assert title_case("LERNEN MIT KUNDEN", prose_capitals(german)) == "Lernen mit Kunden"


def test_a_record_keeps_what_a_person_wrote_and_cases_what_the_page_printed(tmp_path: Path) -> None:
    text = (
        "2019, Vol. 62, No. 1, 1–20.\n\n"
        "LEARNING FROM FAILURE IN ORGANIZATIONAL TEAMS AT NASA\n\nANNA BERG\nUniversity of Oslo\n\n"
        "We examine how teams at NASA learn from failure. " * 20
    )
    paper = tmp_path / "paper.txt"
    paper.write_text(text)
    raw = RawDocument(str(paper), "h", "txt", [text])
    meta = extract_metadata(raw, text)
    assert (meta.title, meta.sources["title"]) == (
        "Learning from Failure in Organizational Teams at NASA",
        "first-page",
    )
    (tmp_path / "paper.json").write_text(
        '{"title": "LEARNING FROM FAILURE AT NASA", "container-title": "AMJ"}'
    )
    assert extract_metadata(raw, text).title == "LEARNING FROM FAILURE AT NASA", (
        "a sidecar's title is as written"
    )


def test_an_academy_of_management_first_page(tmp_path: Path) -> None:
    """Title and authors in capitals, the title over two lines, each author with an institution."""
    body = (
        "Teams at NASA learn from failure when their leaders make it safe to speak. We followed "
        "twelve teams for two years and found that learning routines matter more than tools. "
    ) * 12
    path = tmp_path / "amj.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    width, height = letter
    for page in range(3):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(
            72, height - 40, "Academy of Management Journal" if page == 0 else f"2019 Berg and Lund {page}"
        )
        y = height - 60
        if page == 0:
            pdf.drawString(72, height - 50, "2019, Vol. 62, No. 1, 1–20.")
            pdf.drawString(72, height - 60, "https://doi.org/10.5465/amj.2016.1234")
            y = height - 110
            pdf.setFont("Helvetica-Bold", 14)
            for line in ("LEARNING FROM FAILURE IN ORGANIZATIONAL TEAMS:", "A MULTILEVEL STUDY AT NASA"):
                pdf.drawCentredString(width / 2, y, line)
                y -= 18
            y -= 20
            for name, institution in (
                ("ANNA BERG", "University of Oslo"),
                ("OLA LUND", "Karolinska Institutet"),
            ):
                pdf.setFont("Helvetica", 10)
                pdf.drawCentredString(width / 2, y, name)
                pdf.setFont("Helvetica-Oblique", 10)
                pdf.drawCentredString(width / 2, y - 12, institution)
                y -= 36
        draw_lines(pdf, 72, y, wrap(body, width - 144, 10)[: int((y - 90) // 12)])
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert meta.title == "Learning from Failure in Organizational Teams: A Multilevel Study at NASA"
    assert [a.display for a in meta.authors] == ["Anna Berg", "Ola Lund"]
    assert (meta.year, meta.venue, meta.volume, meta.issue) == (
        2019,
        "Academy of Management Journal",
        "62",
        "1",
    )
