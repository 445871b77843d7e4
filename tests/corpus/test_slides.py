"""A talk's slides saved as PDF are cited as the talk: speaker, event, day, "[... presentation slides]".

A deck is drawn as PowerPoint, Beamer or Keynote export one (wide pages, a few lines each, the
program in the PDF's Creator or Producer) and prepared as ingestion does. Before, the second
slide's heading and bullet were its title ("Why this matters: • Firms learn ...") and the
speaker was lost. A Zotero "Presentation" item's meeting and type are read too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.conftest import PDFS
from tests.corpus.zotero_library import CREATOR_TYPES, ITEM_TYPES, LibraryWriter, build_library

TITLE = ["Learning with customers:", "value co-creation in service ecosystems"]
BULLETS = [
    ["Why this matters", "• Firms learn from customers in workshops", "• Dialogue turns into routines"],
    [
        "Research question",
        "How do learning routines built with customers",
        "spread across a service ecosystem?",
    ],
    ["Method", "• 8 case studies, 2018–2020", "• 64 interviews with managers and customers"],
    ["Findings", "• Routines travel through shared tools", "• Trust decides which routines survive"],
    ["Thank you!", "jane.smith@leeds.ac.uk"],
]


def _deck(path: Path, first: list[str], creator: str, size: tuple[float, float] = (960, 540)) -> Document:
    """Slides of `size` points, `first` the title slide's lines, the program named as `creator`."""
    pdf = canvas.Canvas(str(path), pagesize=size)
    pdf.setTitle("PowerPoint Presentation")
    pdf.setAuthor("jsmith")
    pdf.setCreator(creator)
    for number, lines in enumerate([first, *BULLETS], start=1):
        y = size[1] - 80
        for index, line in enumerate(lines):
            pdf.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 30 if index == 0 else 22)
            pdf.drawString(50, y, line)
            y -= 44
        pdf.setFont("Helvetica", 12)
        pdf.drawString(size[0] - 50, 24, str(number))
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


@pytest.mark.parametrize(
    ("first", "creator", "apa"),
    [
        pytest.param(
            [*TITLE, "", "Jane Smith, University of Leeds", "EGOS Colloquium 2021, Amsterdam, 8 July 2021"],
            "Microsoft® PowerPoint® for Microsoft 365",
            "Smith, J. (2021, July 8). Learning with customers: Value co-creation in service ecosystems "
            "[Conference presentation slides]. EGOS Colloquium 2021.",
            id="powerpoint-speaker-and-conference",
        ),
        pytest.param(
            [" ".join(TITLE), "Jane Smith and Peter Jones", "OLKC Conference 2022 · 12 May 2022"],
            "LaTeX with Beamer class",
            "Smith, J., & Jones, P. (2022, May 12). Learning with customers: Value co-creation in service "
            "ecosystems [Conference presentation slides]. OLKC Conference 2022.",
            id="beamer-two-speakers",
        ),
        pytest.param(
            [*TITLE, "Jane Smith"],
            "Keynote",
            "Smith, J. (n.d.). Learning with customers: Value co-creation in service ecosystems "
            "[Presentation slides].",
            id="keynote-no-event",
        ),
    ],
)
def test_a_decks_title_slide_gives_the_talks_record(
    tmp_path: Path, first: list[str], creator: str, apa: str
) -> None:
    doc = _deck(tmp_path / "deck.pdf", first, creator)

    assert doc.metadata.kind == "speech"
    assert Citation("r", doc.metadata).format("apa") == apa
    assert [span.label for span in doc.pages] == ["1", "2", "3", "4", "5", "6"]
    assert Citation("r", doc.metadata).in_text("apa", "4").endswith(", slide 4)")


def test_an_event_over_the_title_and_a_title_that_looks_like_a_name(tmp_path: Path) -> None:
    first = ["EURAM 2023 Annual Conference, Dublin, 14 June 2023", "Value Co-Creation", "Jane Smith"]
    meta = _deck(tmp_path / "deck.pdf", first, "Microsoft® PowerPoint® 2019").metadata

    assert (meta.title, [p.family for p in meta.authors]) == ("Value Co-Creation", ["Smith"])
    assert (meta.venue, meta.date) == ("EURAM 2023 Annual Conference", "2023-06-14")


def test_wide_pages_without_a_program_are_slides_but_a_wide_report_is_not(tmp_path: Path) -> None:
    """Google Slides names no program (Skia); wide pages of a few words each still say slides. A
    report printed on wide pages is prose: hundreds of words a page."""
    deck = _deck(tmp_path / "deck.pdf", [*TITLE, "Jane Smith"], "Skia/PDF m120")
    report = tmp_path / "report.pdf"
    pdf = canvas.Canvas(str(report), pagesize=(842, 595))
    pdf.setCreator("Microsoft® Word for Microsoft 365")
    words = "Firms that learn with their customers change how they work and what they offer. " * 4
    for page in range(4):
        for row in range(30):
            pdf.drawString(40, 560 - row * 18, f"{words[:120]} {page}.{row}")
        pdf.showPage()
    pdf.save()
    settings = load_settings()
    wide = prepare_document(load_file(report, settings.loading), settings)

    assert deck.metadata.kind == "speech"
    assert wide.metadata.kind != "speech"


def test_a_portrait_handout_of_few_words_is_no_deck(tmp_path: Path) -> None:
    doc = _deck(tmp_path / "handout.pdf", [*TITLE, "Jane Smith"], "Microsoft® Word for Microsoft 365", A4)

    assert doc.metadata.kind != "speech"


@pytest.mark.parametrize(
    ("written", "described"),
    [
        ("Conference presentation", "Conference presentation"),
        ("Paper", "Paper presentation"),
        ("poster", "Poster presentation"),
    ],
)
def test_a_zotero_presentation_is_cited_at_its_meeting(written: str, described: str, tmp_path: Path) -> None:
    """APA 7 describes a talk as "[Paper presentation]"; Zotero's type field holds "Paper" as often."""
    library = build_library(tmp_path)
    with library.connect() as db:
        db.execute(  # Zotero's schema: a presentation's presenter is its primary creator
            "INSERT INTO itemTypeCreatorTypes (itemTypeID, creatorTypeID, primaryField) VALUES (?, ?, 1)",
            (ITEM_TYPES["presentation"], CREATOR_TYPES["presenter"]),
        )
        write = LibraryWriter(db)
        write.item(9, "presentation", "TALK0001")
        write.field(9, "title", "Learning with customers: value co-creation in service ecosystems")
        write.field(9, "presentationType", written)
        write.field(9, "meetingName", "EGOS Colloquium 2021")
        write.field(9, "date", "2021-07-08")
        write.creator(9, 0, "presenter", "Smith", "Jane")
        write.attachment(91, 9, "ATTTALK1", 2, str(PDFS / "minimal-document.pdf"))
    talk = library.records()["TALK0001"]

    assert Citation("r", talk).format("apa") == (
        "Smith, J. (2021, July 8). Learning with customers: Value co-creation in service ecosystems "
        f"[{described}]. EGOS Colloquium 2021."
    )


def _pptx(path: Path) -> Path:
    """A 16:9 PowerPoint deck: a title slide, bullets, a table, a group of two text boxes, speaker notes."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    deck.core_properties.title, deck.core_properties.author = "PowerPoint Presentation", "jsmith"
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = " ".join(TITLE)
    first.placeholders[
        1
    ].text = "Jane Smith, University of Leeds\nEGOS Colloquium 2021, Amsterdam, 8 July 2021"
    for heading, *bullets in BULLETS[:2]:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        slide.placeholders[1].text = "\n".join(bullets)
        slide.notes_slide.notes_text_frame.text = "Remember to thank the workshop hosts."
    table_slide = deck.slides.add_slide(deck.slide_layouts[5])
    table_slide.shapes.title.text = "Cases"
    table = table_slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for row, cells in enumerate([("Case", "Routine"), ("Logistics", "Shared tools")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    group_slide = deck.slides.add_slide(deck.slide_layouts[5])
    group_slide.shapes.title.text = "Two views"
    group = group_slide.shapes.add_group_shape()
    for left, text in ((Inches(7), "Customers see a partner"), (Inches(1), "Managers see a routine")):
        group.shapes.add_textbox(left, Inches(3), Inches(4), Inches(1)).text_frame.text = text
    deck.save(str(path))
    return path


def test_a_powerpoint_deck_is_read_slide_by_slide_and_cited_as_the_talk(tmp_path: Path) -> None:
    settings = load_settings()
    raw = load_file(_pptx(tmp_path / "talk.pptx"), settings.loading)
    doc = prepare_document(raw, settings)

    assert raw.format == "pptx" and raw.page_labels == ["1", "2", "3", "4", "5"]
    assert raw.pages[3] == "Cases\nCase | Routine\nLogistics | Shared tools"
    assert raw.pages[4] == "Two views\nManagers see a routine\nCustomers see a partner", "left to right"
    assert "thank the workshop hosts" not in doc.text, "speaker notes are not what the slides show"
    assert Citation("r", doc.metadata).format("apa") == (
        "Smith, J. (2021, July 8). Learning with customers: Value co-creation in service ecosystems "
        "[Conference presentation slides]. EGOS Colloquium 2021."
    )
    ris = Citation("r", doc.metadata).format("ris")
    assert "TY  - SLIDE" in ris and "T2  - EGOS Colloquium 2021" in ris, "as Zotero writes a presentation"
    assert "howpublished = {EGOS Colloquium 2021}" in Citation("r", doc.metadata).bibtex()


def test_an_old_or_locked_deck_named_pptx_is_reported_with_what_to_do(tmp_path: Path) -> None:
    from corpus_core.errors import CorruptFileError, EncryptedFileError

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    old = tmp_path / "old.pptx"
    old.write_bytes(ole + b"PowerPoint Document")
    locked = tmp_path / "locked.pptx"
    locked.write_bytes(ole + "EncryptionInfo".encode("utf-16-le"))
    settings = load_settings()

    with pytest.raises(CorruptFileError, match=r"old\.pptx.*\.ppt\) named \.pptx"):
        load_file(old, settings.loading)
    with pytest.raises(EncryptedFileError, match="password-protected"):
        load_file(locked, settings.loading)


def _poster(path: Path, size: tuple[float, float], foot: str) -> Document:
    """A conference poster: title and authors across the top, three columns of text, `foot` at its foot."""
    from tests.corpus.layouts import case_study_prose, wrap

    pdf = canvas.Canvas(str(path), pagesize=size)
    width, height = size
    pdf.setFont("Helvetica-Bold", 60)
    pdf.drawString(80, height - 140, " ".join(TITLE))
    pdf.setFont("Helvetica", 36)
    pdf.drawString(80, height - 210, "Jane Smith1, Peter Jones2")
    pdf.setFont("Helvetica", 24)
    pdf.drawString(80, height - 260, "1 University of Leeds, UK; 2 University of York, UK")
    column = (width - 160 - 2 * 40) / 3
    lines = [line for paragraph in case_study_prose(8).split("\n\n") for line in wrap(paragraph, column, 20)]
    per_column = (len(lines) + 2) // 3
    for index in range(3):
        y = height - 340
        for line in lines[index * per_column : (index + 1) * per_column]:
            pdf.setFont("Times-Roman", 20)
            pdf.drawString(80 + index * (column + 40), y, line)
            y -= 26
    pdf.setFont("Helvetica", 24)
    pdf.drawString(80, 60, foot)
    pdf.showPage()
    pdf.save()
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_a_conference_poster_is_cited_as_its_poster_presentation(tmp_path: Path) -> None:
    """One A1 page (1684 by 2384 points); the same text on one A4 page is a paper's page, no poster."""
    foot = "Presented at the EURAM 2023 Annual Conference, Dublin, 14 June 2023"
    poster = _poster(tmp_path / "poster.pdf", (1684, 2384), foot)

    page = _poster(tmp_path / "page.pdf", A4, foot)

    assert page.metadata.kind != "speech"
    assert Citation("r", poster.metadata).format("apa") == (
        "Smith, J., & Jones, P. (2023, June 14). Learning with customers: Value co-creation in service "
        "ecosystems [Poster presentation]. EURAM 2023 Annual Conference."
    )
