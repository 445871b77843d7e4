"""APA's sentence-case titles, told from the work's own text (`corpus.metadata.sentence_case`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.metadata.sentence_case import book_title_in_sentence_case, sentence_case
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata, Person
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.conftest import SEEDS

BODY = (
    "Value co-creation in service ecosystems is studied in Norway. Firms in Norway learn from "
    "customers, and the evidence shows that learning pays, lessons learned. We thank the World "
    "Bank for its data; the bank's staff helped, as the World Bank did before. The ecosystems we "
    "study are small. SMEs use McKinsey models."
)

FILLER = "Teams met weekly and wrote notes. " * 60
"""Prose without the test titles' words, so a text is long enough to tell names by."""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Value Co-Creation in Norway: Evidence From Service Ecosystems",
            "Value co-creation in Norway: Evidence from service ecosystems",
        ),
        ("Learning Lessons From the World Bank", "Learning lessons from the World Bank"),
        ("How SMEs Learn From McKinsey Models", "How SMEs learn from McKinsey models"),
        ("Customers, Ecosystems and Unheard Words", "Customers, ecosystems and unheard words"),
        ("Computer-Aided Analysis of I/O in Norway", "Computer-aided analysis of I/O in Norway"),
        ("Co-Creation for SMEs: A Review", "Co-creation for SMEs: A review"),
    ],
)
def test_a_title_case_title_is_lowered_where_the_text_writes_its_words_in_lowercase(
    title: str, expected: str
) -> None:
    """Names the text writes capitalised twice or more ("Norway", "World Bank") keep their capitals,
    words it never uses lose them; a subtitle's first word keeps its capital too (APA 7, 6.17)."""
    assert sentence_case(title, BODY * 8) == expected


def test_a_title_in_sentence_case_already_is_left_as_written() -> None:
    """Its capitals are its author's: "Service-Dominant Logic" named as a theory stays."""
    assert sentence_case("Value co-creation in service ecosystems: Evidence from Norway", BODY * 8) == ""
    assert sentence_case("Learning in Norway", BODY * 8) == ""
    assert sentence_case("Value co-creation and Service-Dominant Logic in ecosystems", BODY * 8) == ""


def test_a_title_of_two_words_is_lowered_unless_the_text_writes_it_as_a_name() -> None:
    """APA cites "Value Co-Creation" as "Value co-creation"; "World Bank", on its own line and
    twice mid-sentence in the text, is a name."""
    assert sentence_case("Value Co-Creation", f"Value Co-Creation\n\n{BODY * 8}") == "Value co-creation"
    assert sentence_case("World Bank", f"World Bank\n\n{BODY * 8}") == ""


def test_an_abstract_alone_is_too_little_text_to_tell_names() -> None:
    """CACM's records hold a title and at most an abstract: "Generating Ising Configurations"."""
    assert sentence_case("An Algorithm for Generating Ising Configurations", "We generate them fast.") == ""


def test_the_titles_own_line_is_no_evidence_of_capitals() -> None:
    """The first page prints the title in title case; that is no use of "Context" as a name."""
    title = "The Organization as a Context for Learning"
    text = f"{title}\n\nAn organization is a context for learning.\n{FILLER}"
    assert sentence_case(title, text) == "The organization as a context for learning"
    wrapped = (
        f"The Organization as a\nContext for Learning\n\nAn organization is a context for learning.\n{FILLER}"
    )
    assert sentence_case(title, wrapped) == "The organization as a context for learning"


def test_a_seed_printed_in_title_case_is_cited_in_sentence_case_by_apa_and_harvard() -> None:
    settings = load_settings()
    document = prepare_document(load_file(SEEDS / "001_30eaf569d8f24f46.txt", settings.loading), settings)
    meta = document.metadata
    assert meta.title == "The Learning Organization as a Context for Value Co-Creation"
    assert meta.sentence_title == "The learning organization as a context for value co-creation"
    citation = Citation("w", meta)
    assert citation.format("apa").startswith("The learning organization as a context for value co-creation.")
    assert "‘The learning organization as a context for value co-creation’" in citation.format("harvard")
    assert "Learning Organization as a Context for Value Co-Creation" in citation.format("chicago")
    assert citation.csl()["title"] == meta.title  # CSL-JSON keeps the title as the work prints it


def test_a_title_edited_since_is_cited_as_edited() -> None:
    """A correction of the title leaves the sentence-case form of the old one unused."""
    meta = Metadata(
        title="Learning Together In Teams",
        sentence_title="The learning organization as a context for value co-creation",
        authors=[Person("Rossi", "Maria")],
        year=2020,
    )
    assert Citation("w", meta).format("apa") == "Rossi, M. (2020). Learning Together In Teams."


def test_a_title_not_in_english_gets_no_sentence_case_form(tmp_path: Path) -> None:
    """German capitalises nouns: its text shows "in" and "der" lowercase, not which nouns are names."""
    body = (
        "Die Organisation lernt in der Praxis und im Team. Wir untersuchen, wie das Lernen in der "
        "Organisation gelingt und welche Rolle das Team dabei spielt. "
    )
    note = tmp_path / "lernen.md"
    note.write_text("# Lernen In Der Organisation Und Im Team\n\n" + body * 20, encoding="utf-8")
    settings = load_settings()
    meta = prepare_document(load_file(note, settings.loading), settings).metadata
    assert (meta.title, meta.language, meta.sentence_title) == (
        "Lernen In Der Organisation Und Im Team",
        "de",
        "",
    )
    assert sentence_case(meta.title, body * 20) == "Lernen in der Organisation und im Team"


CHAPTER_TEXT = (
    "Organizational learning happens when teams share knowledge. Large international firms and "
    "small firms alike learn from customers in Norway, and knowledge management helps them. "
)


@pytest.mark.parametrize(
    ("book", "publisher", "expected"),
    [
        (
            "The Oxford Handbook of Organizational Learning and Knowledge Management",
            "Oxford University Press",
            "The Oxford handbook of organizational learning and knowledge management",
        ),
        (
            "The Routledge Companion to Organizational Learning",
            "",
            "The Routledge companion to organizational learning",
        ),
        (
            "The International Handbook of Organizational Learning",
            "",
            "The international handbook of organizational learning",
        ),
        (
            "The Oxford Handbook of University Teaching",
            "Oxford University Press",
            "The Oxford handbook of university teaching",
        ),
        (
            "Handbook of Knowledge Management in Norway",
            "Springer",
            "Handbook of knowledge management in Norway",
        ),
        (
            "A Wiley Guide to Knowledge Management",
            "John Wiley & Sons",
            "A Wiley guide to knowledge management",
        ),
        ("A Wiley Guide to Knowledge Management", "", "A Wiley guide to knowledge management"),
        ("An Elgar Guide to Service Research", "", "An Elgar guide to service research"),
    ],
)
def test_a_books_title_keeps_its_publishers_name_and_brand(book: str, publisher: str, expected: str) -> None:
    """A chapter seldom names the house its book's title does: "Oxford", "Routledge" and "Wiley" stay
    without the text's evidence, with no publisher known too (an academic publisher's name, or a
    "The ... Handbook" brand); "University" (of "Oxford University Press") and "international",
    which the text writes in lowercase, are no names."""
    assert book_title_in_sentence_case(book, CHAPTER_TEXT * 20, publisher) == expected


def _ingest(tmp_path: Path, name: str, record: dict[str, object]) -> Metadata:
    (tmp_path / f"{name}.txt").write_text(f"{record['title']}\n\n" + CHAPTER_TEXT * 20, encoding="utf-8")
    (tmp_path / f"{name}.json").write_text(json.dumps([{"id": name, **record}]), encoding="utf-8")
    settings = load_settings()
    return prepare_document(load_file(tmp_path / f"{name}.txt", settings.loading), settings).metadata


def test_a_chapters_book_is_cited_in_sentence_case_by_apa_and_harvard(tmp_path: Path) -> None:
    """APA 7 (10.3) and Cite Them Right write the book a chapter is in as a book's title; Chicago,
    CSL-JSON and BibTeX keep it as printed, and a journal's name is never touched."""
    meta = _ingest(
        tmp_path,
        "chapter",
        {
            "type": "chapter",
            "title": "Learning Across Organizational Boundaries",
            "container-title": "The Oxford Handbook of Organizational Learning and Knowledge Management",
            "author": [{"family": "Rossi", "given": "Maria"}],
            "editor": [
                {"family": "Easterby-Smith", "given": "Mark"},
                {"family": "Lyles", "given": "Marjorie A."},
            ],
            "publisher": "Oxford University Press",
            "issued": {"date-parts": [[2011]]},
            "page": "19-40",
        },
    )
    book = "The Oxford handbook of organizational learning and knowledge management"
    assert meta.sentence_venue == book
    citation = Citation("w", meta)
    assert citation.format("apa") == (
        "Rossi, M. (2011). Learning across organizational boundaries. In M. Easterby-Smith & M. A. Lyles "
        f"(Eds.), {book} (pp. 19–40). Oxford University Press."
    )
    assert f"(eds) {book}. Oxford University Press, pp. 19–40." in citation.format("harvard")
    assert "In The Oxford Handbook of Organizational Learning and Knowledge Management," in citation.format(
        "chicago"
    )
    assert citation.csl()["container-title"] == meta.venue
    edited = replace(meta, venue="Learning Organizations: A Handbook")
    assert "(Eds.), Learning Organizations: A Handbook (pp. 19–40)" in Citation("w", edited).format("apa")

    article = _ingest(
        tmp_path,
        "article",
        {
            "type": "article-journal",
            "title": "Learning Across Organizational Boundaries",
            "container-title": "Journal of Knowledge Management in Norway",
            "author": [{"family": "Rossi", "given": "Maria"}],
            "issued": {"date-parts": [[2011]]},
        },
    )
    assert article.sentence_venue == ""
    assert "Journal of Knowledge Management in Norway" in Citation("w", article).format("apa")


def test_the_journals_name_in_the_feet_is_no_evidence_for_a_titles_word() -> None:
    """ "Management Learning 2012 43(2) 123–140" at a page's foot had kept "Learning" capitalised."""
    prose = "Teams that meet often share what they know and change how they work together. " * 30
    text = f"{prose}\nManagement Learning 2012 43(2) 123–140\n{prose}\nManagement Learning 43(2)\n{prose}"
    title = "Leadership and Learning in Teams"
    assert sentence_case(title, text) == "Leadership and Learning in teams"
    assert sentence_case(title, text, venue="Management Learning") == "Leadership and learning in teams"
