"""A file's name gives what nothing else states: a note's title, a renamed paper's authors and year.

Before, a researcher's note without a title line ("senge_fifth_discipline_notes.txt") was
"[Untitled]" everywhere, and a PDF whose pages gave no record was "[Untitled]. (n.d.)" though
Zotero had named the file "Vargo and Lusch - 2004 - Evolving to a New Dominant Logic.pdf".
The file's name is the least trusted source (`file-name`): it fills gaps only, and two files
that share nothing but such a title stay two works.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.dedup import same_work, signature
from corpus.loading.loaders import load_file
from corpus.metadata.file_metadata import file_name_record
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import wrap

BODY = (
    "we followed nine service teams for two years and asked how they learned with their customers. "
    "the teams that met customers in workshops changed their routines faster than the others, "
    "and they kept the changes longer. what the customers brought was less a set of ideas than "
    "a way of questioning the team's own assumptions about what its work was for."
)
PROSE = BODY[0].upper() + BODY[1:]
"""The body as a PDF's paragraph (a line starting lower-case would continue the one before)."""


@pytest.mark.parametrize(
    ("name", "title", "year", "authors"),
    [
        ("senge_fifth_discipline_notes.txt", "senge fifth discipline notes", None, []),
        ("Senge - Fifth Discipline notes.md", "Senge - Fifth Discipline notes", None, []),
        ("customer-learning-in-service-teams.pdf", "customer learning in service teams", None, []),
        (
            "Vargo and Lusch - 2004 - Evolving to a New Dominant Logic for Marketing.pdf",
            "Evolving to a New Dominant Logic for Marketing",
            2004,
            ["Vargo", "Lusch"],
        ),
        ("Chew et al. - 2019 - The learning organization.pdf", "The learning organization", 2019, []),
        (
            "Kohtamäki_Rajala_2016_Theory and practice of value co-creation.pdf",
            "Theory and practice of value co-creation",
            2016,
            ["Kohtamäki", "Rajala"],
        ),
        ("Chung (2009).pdf", "", 2009, ["Chung"]),
        ("Vargo & Lusch 2004.pdf", "", 2004, ["Vargo", "Lusch"]),
        ("Dovey et al 2019.pdf", "", 2019, []),
        ("van der Berg - 2020 - Team Routines.pdf", "Team Routines", 2020, ["van der Berg"]),
        ("O'Brien - 2018 - Service teams.pdf", "Service teams", 2018, ["O'Brien"]),
        ("Meeting notes 12 March.txt", "Meeting notes 12 March", None, []),
        (
            "World Health Organization - 2020 - Global tuberculosis report 2020.pdf",
            "Global tuberculosis report 2020",
            2020,
            ["World Health Organization"],
        ),
        (
            "Organisation for Economic Co-operation and Development - 2019 - OECD Skills Outlook.pdf",
            "OECD Skills Outlook",
            2019,
            ["Organisation for Economic Co-operation and Development"],
        ),
        (
            "European Commission_2021_Digital Education Action Plan.pdf",
            "Digital Education Action Plan",
            2021,
            ["European Commission"],
        ),
        ("World Bank (2019).pdf", "", 2019, ["World Bank"]),
    ],
)
def test_a_file_name_that_reads_as_a_record(
    name: str, title: str, year: int | None, authors: list[str]
) -> None:
    meta = file_name_record(f"/papers/{name}")
    assert (meta.title, meta.year, [p.display for p in meta.authors]) == (title, year, authors)
    assert set(meta.sources.values()) == {"file-name"} and set(meta.uncertain) == set(meta.sources)


@pytest.mark.parametrize(
    "name",
    [
        "1-s2.0-S0019850110001234-main.pdf",
        "IMG_1234.pdf",
        "download (3).pdf",
        "000_2a44059d49683938.txt",
        "paper.pdf",
        "untitled document.docx",
        "Strategy 2030.pdf",
        "Strategy (2030).pdf",
        "Minutes_2019.pdf",
        "Chung - 2009 - 2.pdf",
        "paper_final_v2.pdf",
        "with-attachment.pdf",
        "JM_2019_Smith.pdf",
        "Organization Science - 1991 - Huber.pdf",
        "Group & Organization Management - 2014 - Van Dyne and Ang.pdf",
        "the world bank - 2019 - annual report.pdf",
        "chung-2009-co-creation-with-the-customer.pdf",
        "WhatsApp Image 2021-03-12.pdf",
        "Revised manuscript clean copy.docx",
    ],
)
def test_a_file_name_that_is_an_identifier_gives_nothing(name: str) -> None:
    meta = file_name_record(f"/papers/{name}")
    assert not meta.sources, meta


def _prepared(path: Path) -> Document:
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def _pdf(path: Path, lines: list[str]) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("")
    y = A4[1] - 80
    for line in lines:
        for piece in wrap(line, A4[0] - 140, 11):
            pdf.setFont("Times-Roman", 11)
            pdf.drawString(70, y, piece)
            y -= 15
        y -= 8
    pdf.save()
    return path


def test_a_note_without_a_title_line_is_titled_by_its_file(tmp_path: Path) -> None:
    note = tmp_path / "senge_fifth_discipline_notes.txt"
    note.write_text(f"{BODY}\n\n{BODY}\n", encoding="utf-8")
    meta = _prepared(note).metadata
    assert (meta.title, meta.sources["title"]) == ("senge fifth discipline notes", "file-name")


def test_a_renamed_pdf_without_a_record_on_its_pages(tmp_path: Path) -> None:
    name = "Vargo and Lusch - 2004 - Evolving to a New Dominant Logic for Marketing.pdf"
    meta = _prepared(_pdf(tmp_path / name, [PROSE, PROSE, PROSE])).metadata
    assert (meta.title, meta.year) == ("Evolving to a New Dominant Logic for Marketing", 2004)
    assert [p.family for p in meta.authors] == ["Vargo", "Lusch"]


def test_the_pages_record_comes_before_the_file_name(tmp_path: Path) -> None:
    name = "Okafor and Lindqvist - 2018 - Customer learning.pdf"
    lines = [
        "Customer Learning in Service Teams",
        "Ingrid Solberg and Tomas Lind",
        "March 2021",
        PROSE,
        PROSE,
    ]
    meta = _prepared(_pdf(tmp_path / name, lines)).metadata
    assert (meta.title, meta.year) == ("Customer Learning in Service Teams", 2021)
    assert [p.display for p in meta.authors] == ["Ingrid Solberg", "Tomas Lind"]


def test_two_notes_titled_only_by_the_same_file_name_are_two_works() -> None:
    first = file_name_record("/project-a/chapter_two_notes.md")
    second = file_name_record("/project-b/chapter_two_notes.md")
    assert first.title == second.title == "chapter two notes"
    assert not same_work(first, signature(BODY), second, signature("Another text entirely, " * 20))
