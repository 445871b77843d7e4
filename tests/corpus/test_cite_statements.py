"""A report's own statement of how to cite it ("Please cite this paper as: ...") is its record.

OECD's working papers and books, the World Bank's reports, Eurofound's and many institutes'
print the reference they want on the cover or imprint page; the record read it nowhere, so
an OECD working paper was titled "OECD Education Working Papers No. 137: What Makes ..." with
the footer's document code ("EDU/WKP") as its venue and no series or number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.metadata.cite_statement import cite_statement_record, cited_record
from corpus.pipeline import prepare_document
from corpus_core.models import RawDocument
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, render

OECD_COVER = (
    "OECD Education Working Papers No. 137",
    "What Makes a School a Learning Organisation?",
    "A Guide for Policy Makers",
    "Marco Kools,",
    "Louise Stoll",
    "Please cite this paper as:",
    "Kools, M. and L. Stoll (2016), “What Makes a School a Learning Organisation?”, OECD Education "
    "Working Papers, No. 137, OECD Publishing, Paris.",
    "http://dx.doi.org/10.1787/5jlwm62b3bvh-en",
)
OECD_TITLE_PAGE = (
    "WHAT MAKES A SCHOOL A LEARNING ORGANISATION?\n\nA GUIDE FOR POLICY MAKERS\n\n"
    "By Marco Kools and Louise Stoll\n\nOECD Working Papers should not be reported as representing the "
    "official views of the OECD or of its member countries.\n\n"
)


def test_an_oecd_working_paper_is_a_report_of_its_series_with_its_number(tmp_path: Path) -> None:
    layout = Layout("oecd", cover=OECD_COVER, foot="EDU/WKP(2016)11 | {page}", number_at="")
    rendered = render(OECD_TITLE_PAGE + case_study_prose(60), layout, tmp_path / "kools.pdf")
    settings = load_settings()
    meta = prepare_document(load_file(rendered.path, settings.loading), settings).metadata
    assert meta.title == "What Makes a School a Learning Organisation?"
    assert [a.display for a in meta.authors] == ["Marco Kools", "Louise Stoll"], "the cover's full names"
    assert (meta.year, meta.kind, meta.genre, meta.issue, meta.publisher, meta.doi, meta.venue) == (
        2016,
        "report",
        "OECD Education Working Papers",
        "137",
        "OECD Publishing",
        "10.1787/5jlwm62b3bvh-en",
        "",
    )
    assert Citation("k", meta).format("apa") == (
        "Kools, M., & Stoll, L. (2016). What makes a school a learning organisation? (OECD Education "
        "Working Papers No. 137). OECD Publishing. https://doi.org/10.1787/5jlwm62b3bvh-en"
    )


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (
            "OECD (2019), OECD Skills Outlook 2019: Thriving in a Digital World, OECD Publishing, Paris, "
            "https://doi.org/10.1787/df80bc12-en.",
            (
                "OECD Skills Outlook 2019: Thriving in a Digital World",
                ["OECD"],
                2019,
                "",
                "",
                "",
                "OECD Publishing",
            ),
        ),
        (
            "World Bank. 2019. World Development Report 2019: The Changing Nature of Work. Washington, DC: "
            "World Bank. doi:10.1596/978-1-4648-1328-3.",
            (
                "World Development Report 2019: The Changing Nature of Work",
                ["World Bank"],
                2019,
                "",
                "",
                "",
                "World Bank",
            ),
        ),
        (
            "Rossi, M., & Park, J. (2020). Learning in service ecosystems (Report No. 12). Nordic Institute "
            "for Service Research.",
            (
                "Learning in service ecosystems",
                [],
                2020,
                "",
                "report",
                "12",
                "Nordic Institute for Service Research",
            ),
        ),
        (
            "Silva, A. B., & Souza, C. (2019). Aprendizagem organizacional em serviços. Revista de "
            "Administração Contemporânea, 23(3), 345-367. https://doi.org/10.1590/1982-7849rac2019180123",
            (
                "Aprendizagem organizacional em serviços",
                [],
                2019,
                "Revista de Administração Contemporânea",
                "article-journal",
                "3",
                "",
            ),
        ),
        (
            "Rossi, M. (2018). Learning in teams. Journal of Service Research, Vol. 3, No. 2, pp. 1-9.",
            ("Learning in teams", [], 2018, "Journal of Service Research", "article-journal", "2", ""),
        ),
    ],
)
def test_a_statement_gives_the_record_and_an_organisation_as_author(
    reference: str, expected: tuple[object, ...]
) -> None:
    meta = cited_record(reference)
    assert meta is not None
    found = (
        meta.title,
        [a.display for a in meta.authors],
        meta.year,
        meta.venue,
        meta.kind,
        meta.issue,
        meta.publisher,
    )
    assert found == expected
    assert all(a.literal for a in meta.authors), "an organisation is one name, never a family and a given"


def test_a_word_report_states_its_record_and_a_readers_note_does_not(tmp_path: Path) -> None:
    """A report written in Word says how to cite it on its title page; a Markdown note that quotes
    a report's statement is the reader's own note, not that report."""
    import docx

    statement = (
        "Suggested citation: Nordic Institute for Service Research (2021). Learning with customers in public "
        "services (Report No. 7). Nordic Institute for Service Research."
    )
    report = docx.Document()
    report.add_heading("Learning with Customers in Public Services", 0)
    report.add_paragraph(statement)
    report.add_paragraph("Public services learn from their users when they meet them often. " * 20)
    report.save(str(tmp_path / "report.docx"))
    (tmp_path / "note.md").write_text(
        "# Reading notes\n\n" + statement + "\n\n" + "The report says services learn from users. " * 20
    )
    settings = load_settings()
    meta = prepare_document(load_file(tmp_path / "report.docx", settings.loading), settings).metadata
    assert (meta.title, meta.year, meta.kind, meta.issue) == (
        "Learning with customers in public services",
        2021,
        "report",
        "7",
    )
    assert [a.display for a in meta.authors] == ["Nordic Institute for Service Research"]
    note = prepare_document(load_file(tmp_path / "note.md", settings.loading), settings).metadata
    assert note.year != 2021 and note.kind != "report"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (
            "Maria Rossi, John Park, and Ana Silva. 2020. Co-Creating Value with Online Communities. In "
            "Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems (CHI '20), April "
            "25–30, 2020, Honolulu, HI, USA. ACM, New York, NY, USA, 12 pages. "
            "https://doi.org/10.1145/3313831.3376123",
            (
                "Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems",
                "paper-conference",
                "ACM",
                ("", "", "", ""),
            ),
        ),
        (
            "Maria Rossi. 2020. Learning in Teams. ACM Trans. Comput.-Hum. Interact. 27, 3, Article 12 "
            "(June 2020), 30 pages. https://doi.org/10.1145/3385000",
            ("ACM Trans. Comput.-Hum. Interact.", "article-journal", "", ("27", "3", "", "12")),
        ),
    ],
    ids=["proceedings", "journal"],
)
def test_an_acm_reference_format_block_gives_the_venue_kind_and_numbers(
    reference: str, expected: tuple[object, ...]
) -> None:
    """ACM's first page cites the paper itself under "ACM Reference Format:": the proceedings
    without their short name, dates and place ("(CHI '20), April 25–30, 2020, Honolulu, HI,
    USA"), ACM as their publisher, or the journal with its volume, issue and article number."""
    raw = RawDocument("x.pdf", "h", "pdf", [f"Title\nBody.\nACM Reference Format:\n{reference}\nMore body."])
    meta = cite_statement_record(raw)
    assert (meta.title, meta.year) == (reference.split(". ")[2], 2020)
    numbers = (meta.volume, meta.issue, meta.pages, meta.article_number)
    assert (meta.venue, meta.kind, meta.publisher, numbers) == expected


def test_an_acm_reference_format_block_names_its_authors_given_names_first() -> None:
    """ACM's style writes "Given Family" names before the year, a middle initial's full stop too."""
    reference = (
        "Maria L. Rossi, John Park, and Ana Silva. 2020. Learning in Teams. ACM Trans. Comput.-Hum. "
        "Interact. 27, 3, Article 12 (June 2020), 30 pages. https://doi.org/10.1145/3385000"
    )
    raw = RawDocument("x.pdf", "h", "pdf", [f"Title\nBody.\nACM Reference Format:\n{reference}\nMore body."])
    meta = cite_statement_record(raw)
    assert [(person.family, person.given) for person in meta.authors] == [
        ("Rossi", "Maria L."),
        ("Park", "John"),
        ("Silva", "Ana"),
    ]
