"""Citations of the seed works in every style, checked against hand-verified strings.

Expected strings follow the style guides, not just what citeproc-py printed:
- APA 7: initials with spaces, sentence-case title as given with the subtitle's first word
  capitalised (6.17), journal in italics, DOI as https URL without a final period (9.35);
  no author -> title in the author position before the date (9.12); in the text a quoted
  (article) or italic (standalone work) title in title case, shortened when long, with the
  comma inside the closing quote (8.14); no date -> "n.d.".
- Harvard (Cite Them Right 12th, en-GB): "Chung, Y.M. (2009) ‘Title’, Journal. Available at: ...".
- Chicago 18th author-date: full given names, title case in quotes, period inside quotes.
"""

from __future__ import annotations

import json
from dataclasses import replace

import bibtexparser
import pytest
import rispy

from corpus_core.errors import CitationError
from corpus_core.models import Metadata, Person
from search_api.citation_cache import render_forms
from search_api.citations import STYLES, Citation, format_bibliography, with_year_suffixes
from search_api.csl import apa_title_case, short_title

SEED_003 = Citation(
    "003",
    Metadata(
        title="Co-creation with the customer: a strategy for organisation learning and innovation",
        authors=[Person(family="Chung", given="Yin Min")],
        year=2009,
        venue="International Journal of Learning and Intellectual Capital",
        doi="10.1504/IJLIC.2009.021718",
        kind="article-journal",
    ),
)
SEED_000 = Citation(
    "000",
    Metadata(
        title="The learning organization as a context for value co-creation",
        venue="The Learning Organization",
        year=2019,
    ),
)
SEED_004 = Citation("004", Metadata(title="The Support of Value Co-creation", year=2016, kind="report"))
SEED_002 = Citation(
    "002", Metadata(title="Deriving value from inter-organizational learning collaborations", year=2010)
)
UNDATED = Citation(
    "nd",
    Metadata(
        title="Knowledge sharing in networks",
        authors=[Person(family="Smith", given="Anne")],
        venue="Journal of Knowledge Management",
    ),
)
SEEDS = [SEED_003, SEED_000, SEED_004, SEED_002]
ARTEFACTS = ("()", "( )", "[]", ", ,", ",,", "..", " .", " ,", "None", "undefined", "Anonymous", "dition")

APA_003 = (
    "Chung, Y. M. (2009). Co-creation with the customer: A strategy for organisation learning and "
    "innovation. International Journal of Learning and Intellectual Capital. "
    "https://doi.org/10.1504/IJLIC.2009.021718"
)
HARVARD_003 = (
    "Chung, Y.M. (2009) ‘Co-creation with the customer: a strategy for organisation learning and "
    "innovation’, International Journal of Learning and Intellectual Capital. "
    "Available at: https://doi.org/10.1504/IJLIC.2009.021718."
)
CHICAGO_003 = (
    "Chung, Yin Min. 2009. “Co-creation with the Customer: A Strategy for Organisation Learning and "
    "Innovation.” International Journal of Learning and Intellectual Capital. "
    "https://doi.org/10.1504/IJLIC.2009.021718."
)
BIBTEX_003 = """@article{chung2009cocreation,
  author = {Chung, Yin Min},
  title = {Co-creation with the customer: a strategy for organisation learning and innovation},
  journal = {International Journal of Learning and Intellectual Capital},
  year = {2009},
  doi = {10.1504/IJLIC.2009.021718}
}"""
RIS_003 = """TY  - JOUR
TI  - Co-creation with the customer: a strategy for organisation learning and innovation
AU  - Chung, Yin Min
PY  - 2009
T2  - International Journal of Learning and Intellectual Capital
DO  - 10.1504/IJLIC.2009.021718
ER  - """


# --- seed 003: every style ----------------------------------------------------------------------


def test_003_apa_reference() -> None:
    assert SEED_003.format("apa") == APA_003


def test_003_apa_html_keeps_journal_italics() -> None:
    assert SEED_003.format_html("apa") == APA_003.replace(
        "International Journal of Learning and Intellectual Capital",
        "<i>International Journal of Learning and Intellectual Capital</i>",
    )


def test_003_apa_in_text() -> None:
    assert SEED_003.in_text("apa", page="21") == "(Chung, 2009, p. 21)"
    assert SEED_003.in_text("apa", page="3-4") == "(Chung, 2009, pp. 3–4)"
    assert SEED_003.in_text("apa") == "(Chung, 2009)"
    assert SEED_003.in_text() == "(Chung, 2009)"


def test_003_harvard() -> None:
    assert SEED_003.format("harvard") == HARVARD_003
    assert SEED_003.in_text("harvard", page="21") == "(Chung, 2009, p. 21)"


def test_003_chicago_author_date() -> None:
    assert SEED_003.format("chicago") == CHICAGO_003
    assert SEED_003.in_text("chicago", page="21") == "(Chung 2009, 21)"


def test_003_bibtex_exact_and_round_trip() -> None:
    text = SEED_003.format("bibtex")
    assert text == BIBTEX_003
    assert SEED_003.bibtex_key == "chung2009cocreation"
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("article", "chung2009cocreation")
    assert {k: f.value for k, f in entry.fields_dict.items()} == {
        "author": "Chung, Yin Min",
        "title": "Co-creation with the customer: a strategy for organisation learning and innovation",
        "journal": "International Journal of Learning and Intellectual Capital",
        "year": "2009",
        "doi": "10.1504/IJLIC.2009.021718",
    }


def test_003_ris_exact_and_round_trip() -> None:
    text = SEED_003.format("ris")
    assert text == RIS_003
    (record,) = rispy.loads(text)
    assert record == {
        "type_of_reference": "JOUR",
        "title": "Co-creation with the customer: a strategy for organisation learning and innovation",
        "authors": ["Chung, Yin Min"],
        "year": "2009",
        "secondary_title": "International Journal of Learning and Intellectual Capital",
        "doi": "10.1504/IJLIC.2009.021718",
    }


def test_003_csl_json() -> None:
    assert json.loads(SEED_003.format("csl-json")) == {
        "id": "003",
        "type": "article-journal",
        "title": "Co-creation with the customer: a strategy for organisation learning and innovation",
        "title-short": "Co-creation with the customer",
        "author": [{"family": "Chung", "given": "Yin Min"}],
        "issued": {"date-parts": [[2009]]},
        "container-title": "International Journal of Learning and Intellectual Capital",
        "DOI": "10.1504/IJLIC.2009.021718",
    }
    assert SEED_003.csl() == json.loads(SEED_003.format("csl-json"))


# --- works without authors are cited by title ----------------------------------------------------


def test_000_no_author_apa_starts_with_title() -> None:
    assert SEED_000.format("apa") == (
        "The learning organization as a context for value co-creation. (2019). The Learning Organization."
    )
    assert SEED_000.in_text("apa") == "(“The Learning Organization as a Context,” 2019)"
    assert SEED_000.in_text("apa", page="5") == "(“The Learning Organization as a Context,” 2019, p. 5)"


def test_000_no_author_harvard_and_chicago() -> None:
    assert SEED_000.format("harvard") == (
        "‘The learning organization as a context for value co-creation’ (2019) The Learning Organization."
    )
    assert (
        SEED_000.in_text("harvard")
        == "(‘The learning organization as a context for value co-creation’, 2019)"
    )
    assert SEED_000.format("chicago") == (
        "“The Learning Organization as a Context for Value Co-creation.” 2019. The Learning Organization."
    )
    assert SEED_000.in_text("chicago", page="5") == "(“The Learning Organization as a Context” 2019, 5)"


def test_004_report_without_author_or_venue() -> None:
    assert SEED_004.format("apa") == "The Support of Value Co-creation. (2016)."
    assert SEED_004.format_html("apa") == "<i>The Support of Value Co-creation</i>. (2016)."
    assert SEED_004.in_text("apa") == "(The Support of Value Co-Creation, 2016)"
    assert SEED_004.in_text("apa", html_output=True) == "(<i>The Support of Value Co-Creation</i>, 2016)"
    assert SEED_004.format("harvard") == "The Support of Value Co-creation (2016)."
    assert SEED_004.format("chicago") == "The Support of Value Co-creation. 2016."
    assert SEED_004.format("bibtex") == (
        "@techreport{support2016value,\n  title = {The Support of Value Co-creation},\n  year = {2016}\n}"
    )
    assert SEED_004.format("ris") == "TY  - RPRT\nTI  - The Support of Value Co-creation\nPY  - 2016\nER  - "


def test_a_thesis_is_in_no_container_its_school_is_its_publisher() -> None:
    """A title page's school, read at its foot as a venue, was printed "In University of Michigan"."""
    thesis = Citation(
        "t",
        Metadata(
            title="Learning together: Customer participation in service teams",
            authors=[Person("Rossi", "Maria")],
            year=2016,
            kind="thesis",
            venue="University of Michigan",
        ),
    )
    school = "University of Michigan."
    expected = f"Rossi, M. (2016). Learning together: Customer participation in service teams. {school}"
    assert thesis.format("apa") == expected
    with_publisher = replace(thesis, metadata=replace(thesis.metadata, publisher="University of Michigan"))
    assert with_publisher.format("apa") == expected
    assert "In University" not in with_publisher.format("chicago")


@pytest.mark.parametrize(
    ("genre", "bibtex_type"),
    [("Doctoral dissertation", "@phdthesis"), ("Master's thesis", "@mastersthesis")],
)
def test_a_thesis_names_its_degree(genre: str, bibtex_type: str) -> None:
    """APA 7 (10.6) describes a thesis in brackets; BibTeX has an entry type for each degree."""
    metadata = Metadata(
        title="Learning together: Customer participation in service teams",
        authors=[Person("Rossi", "Maria")],
        year=2016,
        kind="thesis",
        publisher="University of Michigan",
        genre=genre,
    )
    thesis = Citation("t", metadata)
    assert thesis.format("apa") == (
        f"Rossi, M. (2016). Learning together: Customer participation in service teams [{genre}]. "
        "University of Michigan."
    )
    assert f"{genre}, University of Michigan" in thesis.format("chicago")
    (entry,) = bibtexparser.parse_string(thesis.format("bibtex")).entries
    assert (entry.entry_type, entry.fields_dict["school"].value) == (
        bibtex_type[1:],
        "University of Michigan",
    )
    assert rispy.loads(thesis.format("ris"))[0]["type_of_work"] == genre


ARGOTE, LEVINE = Person("Argote", "Linda"), Person("Levine", "John M.")
EDITED_BOOK = Citation(
    "b",
    Metadata(
        title="The Oxford handbook of group and organizational learning",
        authors=[ARGOTE, LEVINE],
        editors=[ARGOTE, LEVINE],
        year=2020,
        kind="book",
        publisher="Oxford University Press",
    ),
)
CHAPTER = Citation(
    "c",
    Metadata(
        title="Learning in teams",
        authors=[Person("Rossi", "Maria")],
        editors=[ARGOTE, LEVINE],
        year=2020,
        kind="chapter",
        venue="The Oxford handbook of group and organizational learning",
        pages="41-63",
        publisher="Oxford University Press",
    ),
)


@pytest.mark.parametrize(
    ("style", "book", "chapter"),
    [
        (
            "apa",
            "Argote, L., & Levine, J. M. (Eds.). (2020). The Oxford handbook of group and organizational "
            "learning. Oxford University Press.",
            "Rossi, M. (2020). Learning in teams. In L. Argote & J. M. Levine (Eds.), The Oxford handbook of "
            "group and organizational learning (pp. 41–63). Oxford University Press.",
        ),
        (
            "harvard",
            "Argote, L. and Levine, J.M. (eds) (2020) The Oxford handbook of group and organizational "
            "learning. Oxford University Press.",
            "Rossi, M. (2020) ‘Learning in teams’, in L. Argote and J.M. Levine (eds) The Oxford handbook "
            "of group and organizational learning. Oxford University Press, pp. 41–63.",
        ),
        (
            "chicago",
            "Argote, Linda, and John M. Levine, eds. 2020. The Oxford Handbook of Group and Organizational "
            "Learning. Oxford University Press.",
            "Rossi, Maria. 2020. “Learning in Teams.” In The Oxford Handbook of Group and Organizational "
            "Learning, edited by Linda Argote and John M. Levine. Oxford University Press.",
        ),
    ],
)
def test_an_edited_book_is_cited_by_its_editors_and_a_chapter_names_them(
    style: str, book: str, chapter: str
) -> None:
    """citeproc-py printed an edited book's editors twice ("(L. Argote, ed.)" after the title),
    with a lower-case "(eds.)" in APA, and as "L. Argote" in Chicago (a substitute reached
    through a `choose`)."""
    assert EDITED_BOOK.format(style) == book
    assert CHAPTER.format(style) == chapter


def test_an_introduction_by_the_book_s_editors_keeps_them_as_its_authors() -> None:
    introduction = replace(
        CHAPTER, metadata=replace(CHAPTER.metadata, title="Introduction", authors=[ARGOTE, LEVINE])
    )
    assert introduction.format("apa").startswith(
        "Argote, L., & Levine, J. M. (2020). Introduction. In L. Argote & J. M. Levine (Eds.), "
    )


def test_an_edited_book_in_text_and_in_bibtex_and_ris() -> None:
    assert EDITED_BOOK.in_text("apa", page="12") == "(Argote & Levine, 2020, p. 12)"
    assert EDITED_BOOK.in_text("chicago-notes", page="12") == (
        "Linda Argote and John M. Levine, eds., The Oxford Handbook of Group and Organizational "
        "Learning (Oxford University Press, 2020), 12."
    )
    (entry,) = bibtexparser.parse_string(EDITED_BOOK.format("bibtex")).entries
    assert entry.fields_dict["editor"].value == "Argote, Linda and Levine, John M."
    assert "author" not in entry.fields_dict
    (record,) = rispy.loads(CHAPTER.format("ris"))
    assert (record["authors"], record["secondary_authors"]) == (
        ["Rossi, Maria"],
        ["Argote, Linda", "Levine, John M."],
    ), "a chapter's book's editors are its A2, as Zotero reads them"
    (book,) = rispy.loads(EDITED_BOOK.format("ris"))
    assert (book["tertiary_authors"], "authors" in book, "secondary_authors" in book) == (
        ["Argote, Linda", "Levine, John M."],
        False,
        False,
    ), "a book's editors are its A3 (Zotero reads a book's A2 as its series' editors)"
    assert CHAPTER.csl()["editor"] == [
        {"family": "Argote", "given": "Linda"},
        {"family": "Levine", "given": "John M."},
    ]


SENGE_BOOK = Metadata(
    title="The fifth discipline",
    authors=[Person("Senge", "Peter M.")],
    year=2006,
    kind="book",
    publisher="Doubleday",
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Senge, P. M. (2006). The fifth discipline (2nd ed.). Doubleday."),
        ("harvard", "Senge, P.M. (2006) The fifth discipline. 2nd edn. Doubleday."),
        ("chicago", "Senge, Peter M. 2006. The Fifth Discipline. 2nd ed. Doubleday."),
        ("chicago-notes", "Senge, Peter M. The Fifth Discipline. 2nd ed. Doubleday, 2006."),
    ],
)
def test_a_later_edition_is_named_as_each_style_names_it(style: str, expected: str) -> None:
    """A second edition was cited as the first: no record held an edition."""
    book = replace(SENGE_BOOK, edition="2")
    assert Citation("s", book).format(style) == expected
    assert "edition = {2}" in Citation("s", book).format("bibtex")
    assert rispy.loads(Citation("s", book).format("ris"))[0]["edition"] == "2"


def test_002_no_author_no_venue() -> None:
    assert (
        SEED_002.format("apa") == "Deriving value from inter-organizational learning collaborations. (2010)."
    )
    assert (
        SEED_002.in_text("apa") == "(Deriving Value From Inter-Organizational Learning Collaborations, 2010)"
    )
    assert (
        SEED_002.format("chicago")
        == "“Deriving Value from Inter-organizational Learning Collaborations.” 2010."
    )
    assert SEED_002.bibtex_key == "deriving2010value"
    assert SEED_002.format("bibtex").startswith("@misc{deriving2010value,\n")
    assert SEED_002.format("ris").startswith("TY  - GEN\n")


def _article(
    doc_id: str, title: str, *authors: Person, year: int | None = 2019, venue: str = "J", language: str = ""
) -> Citation:
    """A journal article to cite."""
    record = Metadata(
        title=title, authors=list(authors), year=year, venue=venue, kind="article-journal", language=language
    )
    return Citation(doc_id, record)


def test_a_non_english_work_is_not_title_cased() -> None:
    """CSL title-cases English titles only: "für" and "im" stay lower case in every style."""
    german = _article(
        "de",
        "Lernen in Netzwerken: Wertschöpfung im Verbund",
        Person(family="Müller", given="Anna"),
        venue="Zeitschrift für Organisationsforschung",
        language="de",
    )
    for style in ("apa", "harvard", "chicago", "chicago-notes"):
        reference = german.format(style)
        assert "Zeitschrift für Organisationsforschung" in reference, (style, reference)
        assert "Wertschöpfung im Verbund" in reference, (style, reference)
    untitled_author = Citation(
        "d2", Metadata(title="Lernen für Netzwerke im Verbund", year=2019, language="de")
    )
    assert untitled_author.in_text("apa") == "(Lernen für Netzwerke im Verbund, 2019)"
    english = Citation(
        "en", Metadata(title="Learning in networks", year=2019, venue="journal of x", language="en")
    )
    assert "Journal of X" in english.format("apa")


def test_an_english_works_journal_in_another_language_is_not_title_cased() -> None:
    """APA had printed "Revue Française De Gestion" after an English article published in it."""
    article = _article(
        "fr", "Learning together", Person(family="Dupont", given="Jean"), venue="Revue française de gestion"
    )
    article.metadata.language = "en"
    for style in ("apa", "harvard", "chicago", "chicago-notes"):
        assert "Revue française de gestion" in article.format(style), style
    article.metadata.venue = "Revue économique"
    assert "Revue économique" in article.format("apa")
    article.metadata.venue = "journal of service research"
    assert "Journal of Service Research" in article.format("apa")


def test_no_year_is_nd() -> None:
    assert (
        UNDATED.format("apa")
        == "Smith, A. (n.d.). Knowledge sharing in networks. Journal of Knowledge Management."
    )
    assert UNDATED.in_text("apa", page="21") == "(Smith, n.d., p. 21)"
    assert UNDATED.format("harvard") == (
        "Smith, A. (no date) ‘Knowledge sharing in networks’, Journal of Knowledge Management."
    )
    assert UNDATED.in_text("chicago") == "(Smith, n.d.)"
    assert "year" not in UNDATED.format("bibtex")
    assert "PY  -" not in UNDATED.format("ris")


@pytest.mark.parametrize("style", ["apa", "harvard", "chicago", "chicago-notes"])
def test_missing_fields_leave_no_artefacts(style: str) -> None:
    records = [*SEEDS, UNDATED, Citation("empty", Metadata()), Citation("t", Metadata(title="Only a title"))]
    records += [  # no venue: Chicago printed "Edition." after them
        Citation(kind, Metadata(title="Deriving value", year=2010, kind=kind))
        for kind in ("article-journal", "paper-conference")
    ]
    for citation in records:
        for text in (citation.format(style), citation.format_html(style), citation.in_text(style, "4")):
            for artefact in ARTEFACTS:
                assert artefact not in text, (citation.doc_id, text)
            for invented in ("Preprint", "ahead of print"):
                assert invented not in text, (citation.doc_id, text)
            if citation.metadata.year:
                assert "n.d." not in text and "no date" not in text, text
                assert str(citation.metadata.year) in text


# --- bibliographies ------------------------------------------------------------------------------


def test_apa_bibliography_sorted_by_first_significant_word() -> None:
    later = Citation("later", Metadata(title="Later work", authors=[Person("Smith", "Anne")], year=2020))
    text = format_bibliography([later, UNDATED, SEED_004, SEED_003, SEED_000, SEED_002], "apa")
    assert text.split("\n") == [
        APA_003,
        "Deriving value from inter-organizational learning collaborations. (2010).",
        "The learning organization as a context for value co-creation. (2019). The Learning Organization.",
        "Smith, A. (n.d.). Knowledge sharing in networks. Journal of Knowledge Management.",
        "Smith, A. (2020). Later work.",
        "The Support of Value Co-creation. (2016).",
    ]


def test_chicago_bibliography_html() -> None:
    text = format_bibliography([SEED_000, SEED_003], "chicago", html_output=True)
    assert text.split("\n") == [
        CHICAGO_003.replace(
            "International Journal of Learning and Intellectual Capital",
            "<i>International Journal of Learning and Intellectual Capital</i>",
        ),
        "“The Learning Organization as a Context for Value Co-creation.” 2019. "
        "<i>The Learning Organization</i>.",
    ]


def test_bibtex_bibliography_unique_keys_and_parse() -> None:
    twin = Citation("003b", SEED_003.metadata)
    text = format_bibliography([SEED_003, SEED_000, twin], "bibtex")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [
        "chung2009cocreationa",
        "learning2019organization",
        "chung2009cocreationb",
    ]
    assert text.endswith("}\n")


def test_ris_and_csl_json_bibliographies() -> None:
    records = rispy.loads(format_bibliography(SEEDS, "ris"))
    assert [r["title"] for r in records] == [c.metadata.title for c in SEEDS]
    assert [r["type_of_reference"] for r in records] == ["JOUR", "JOUR", "RPRT", "GEN"]
    items = json.loads(format_bibliography(SEEDS, "csl-json"))
    assert [i["id"] for i in items] == ["003", "000", "004", "002"]
    assert "author" not in items[1]
    assert format_bibliography([], "csl-json") == "[]"
    assert format_bibliography([], "apa") == ""


# --- escaping, keys, errors ----------------------------------------------------------------------


def test_bibtex_escapes_and_round_trips_special_characters() -> None:
    citation = Citation(
        "x",
        Metadata(
            title="Costs & {benefits}: 50% of R_D",
            authors=[Person(literal="World Health Organization"), Person(family="Ōtsuka", given="Ken")],
            year=2020,
            pages="19 - 30",
            keywords=["co-creation", "learning"],
            url="https://example.org/a_b?q=1%20",
        ),
    )
    assert citation.bibtex_key == "world2020costs"
    text = citation.format("bibtex")
    assert text == (
        "@misc{world2020costs,\n"
        "  author = {{World Health Organization} and Ōtsuka, Ken},\n"
        "  title = {Costs \\& \\{benefits\\}: 50\\% of R\\_D},\n"
        "  year = {2020},\n"
        "  pages = {19--30},\n"
        "  url = {https://example.org/a_b?q=1%20},\n"
        "  keywords = {co-creation, learning}\n"
        "}"
    )
    (entry,) = bibtexparser.parse_string(text).entries
    assert entry.fields_dict["title"].value == "Costs \\& \\{benefits\\}: 50\\% of R\\_D"
    assert entry.fields_dict["keywords"].value == "co-creation, learning"
    ris = rispy.loads(citation.format("ris"))[0]
    assert ris["authors"] == ["World Health Organization", "Ōtsuka, Ken"]
    assert ris["keywords"] == ["co-creation", "learning"]
    assert (ris["start_page"], ris["end_page"]) == ("19", "30")


def test_bibtex_key_is_ascii_and_deterministic() -> None:
    citation = Citation(
        "k", Metadata(title="Über die Mitbestimmung", authors=[Person("Müller", "Jörg")], year=1999)
    )
    assert citation.bibtex_key == "muller1999uber"
    assert Citation("k", Metadata()).bibtex_key == "dock"


def test_unknown_style_names_valid_ones() -> None:
    with pytest.raises(CitationError) as info:
        SEED_003.format("mla")
    message = str(info.value)
    assert "'mla'" in message
    assert all(style in message for style in STYLES)
    with pytest.raises(CitationError):
        format_bibliography([SEED_003], "vancouver")
    with pytest.raises(CitationError, match="in-text"):
        SEED_003.in_text("bibtex")
    assert SEED_003.format(" APA ") == APA_003


def test_title_helpers() -> None:
    assert short_title("The learning organization as a context for value co-creation") == (
        "The learning organization as a context"
    )
    assert short_title("Co-creation with the customer: a strategy") == "Co-creation with the customer"
    assert short_title("What is it? A study") == "What is it?"
    question = Citation("q", Metadata(title="What is it? A study of things", venue="Nature", year=2020))
    assert question.in_text("apa") == "(“What Is It?” 2020)"
    assert question.format("apa") == "What is it? A study of things. (2020). Nature."
    assert short_title("Value of the state of the art in the field") == "Value of the state"
    assert apa_title_case("the support of value co-creation: a study from UK") == (
        "The Support of Value Co-Creation: A Study From UK"
    )


def test_title_case_capitalises_compounds_and_no_word_after_an_abbreviation() -> None:
    """citeproc-py wrote "Service-dominant Logic", and "J. Of the Acad." (a period had ended a sentence)."""
    springer = Metadata(
        title="Service-dominant logic: value-in-use and co-creation in the U.S. of today",
        authors=[Person("Vargo", "Stephen L.")],
        year=2008,
        venue="J. of the Acad. Mark. Sci.",
        volume="36",
        pages="1-10",
        kind="article-journal",
    )
    cited = Citation("v", springer)
    assert cited.format("chicago") == (
        "Vargo, Stephen L. 2008. “Service-Dominant Logic: Value-in-Use and Co-creation in the U.S. of "
        "Today.” J. of the Acad. Mark. Sci. 36: 1–10."
    )
    assert cited.format("apa") == (
        "Vargo, S. L. (2008). Service-dominant logic: Value-in-use and co-creation in the U.S. of today. "
        "J. of the Acad. Mark. Sci., 36, 1–10."
    )


@pytest.mark.parametrize(
    ("given", "apa", "harvard"),
    [
        ("Joon-ho", "Park, J.-H. (2022).", "Park, J.-H. (2022)"),
        ("Jean-Paul", "Park, J.-P. (2022).", "Park, J.-P. (2022)"),
        ("Mary-Kate O.", "Park, M.-K. O. (2022).", "Park, M.-K.O. (2022)"),
    ],
)
def test_a_hyphenated_given_name_is_initialised_on_both_sides(given: str, apa: str, harvard: str) -> None:
    """ "Joon-ho" was "J.-. ho.": citeproc-py took the syllable after the hyphen for a particle."""
    cited = Citation("p", Metadata(title="Team learning", authors=[Person("Park", given)], year=2022))
    assert cited.format("apa").startswith(apa)
    assert cited.format("harvard").startswith(harvard)
    assert cited.format("chicago").startswith(f"Park, {given.rstrip('.')}. 2022.")


def test_bibtex_titles_keep_acronyms_and_names_in_braces() -> None:
    """BibTeX styles write titles in sentence case: what is not in braces loses its capitals."""
    citation = _article(
        "x",
        "Learning from Failure at NASA: IT in SMEs & the iPhone's 4P Model",
        Person(family="Berg", given="Anna"),
        venue="Journal of Management",
    )
    (entry,) = bibtexparser.parse_string(citation.format("bibtex")).entries
    assert entry.fields_dict["title"].value == (
        "Learning from Failure at {NASA}: {IT} in {SMEs} \\& the {iPhone}'s {4P} Model"
    )
    assert "{" not in citation.format("ris") and "{" not in citation.format("apa")


def test_an_undated_web_page_is_cited_by_its_url_without_retrieved() -> None:
    """APA's "Retrieved <date>, from" needs a retrieval date; without one only the URL is given."""
    page = Metadata(
        title="What is value co-creation?",
        kind="webpage",
        venue="Example Blog",
        url="https://example.org/vcc",
    )
    assert (
        Citation("w", page).format("apa")
        == "What is value co-creation? (n.d.). Example Blog. https://example.org/vcc"
    )
    report = Metadata(
        title="Skills outlook", kind="report", url="https://example.org/r", authors=[Person("Lee", "Ann")]
    )
    assert Citation("r", report).format("apa") == "Lee, A. (n.d.). Skills outlook. https://example.org/r"


def test_works_by_the_same_authors_in_one_year_take_letters_in_title_order() -> None:
    """APA 7, 9.47: "2009a", "2009b" by title, in the reference list and the in-text forms alike."""
    chung, lee = Person("Chung", "Yin Min"), Person("Lee", "Ann")
    works = [
        _article("value", "The value of customers", chung, year=2009),
        _article("cocreation", "Co-creation with the supplier", Person("Chung", "Y. M."), year=2009),
        _article("joint", "Joint work", chung, lee, year=2009),
        _article("later", "Later work", chung, year=2010),
        _article("undated-1", "Undated one", chung, year=None),
        _article("undated-2", "Another undated", chung, year=None),
    ]
    assert format_bibliography(works, "apa").splitlines() == [
        "Chung, Y. M. (n.d.-a). Another undated. J.",
        "Chung, Y. M. (n.d.-b). Undated one. J.",
        "Chung, Y. M. (2009a). Co-creation with the supplier. J.",
        "Chung, Y. M. (2009b). The value of customers. J.",
        "Chung, Y. M. (2010). Later work. J.",
        "Chung, Y. M., & Lee, A. (2009). Joint work. J.",
    ]
    assert "Chung, Yin Min. 2009b. “The Value of Customers.” J." in format_bibliography(works, "chicago")
    lettered = with_year_suffixes(works)
    assert [c.in_text("apa", "3") for c in lettered[:3]] == [
        "(Chung, 2009b, p. 3)",
        "(Chung, 2009a, p. 3)",
        "(Chung & Lee, 2009, p. 3)",
    ]
    assert format_bibliography(works[:1], "apa") == "Chung, Y. M. (2009). The value of customers. J."
    assert "year-suffix" not in format_bibliography(works, "csl-json")


def test_chicago_notes_give_a_bibliography_entry_and_the_full_note_at_a_page() -> None:
    """Chicago's notes and bibliography style: the entry for the list, the note for the text."""
    chung = Citation("c", replace(SEED_003.metadata, volume="6", issue="1", pages="19-30", doi=""))
    assert chung.format("chicago-notes") == (
        "Chung, Yin Min. “Co-creation with the Customer: A Strategy for Organisation Learning and "
        "Innovation.” International Journal of Learning and Intellectual Capital 6, no. 1 (2009): 19–30."
    )
    assert chung.in_text("chicago-notes", "21") == (
        "Yin Min Chung, “Co-creation with the Customer: A Strategy for Organisation Learning and "
        "Innovation,” International Journal of Learning and Intellectual Capital 6, no. 1 (2009): 21."
    )
    book = Citation(
        "s",
        Metadata(
            title="The fifth discipline",
            authors=[Person(family="Senge", given="Peter M.")],
            year=1990,
            publisher="Doubleday",
            kind="book",
        ),
    )
    assert (
        book.in_text("chicago-notes", "3-4") == "Peter M. Senge, The Fifth Discipline (Doubleday, 1990), 3–4."
    )
    forms = render_forms(book, "chicago-notes")
    assert forms.in_text_at("14") == "Peter M. Senge, The Fifth Discipline (Doubleday, 1990), 14."
    assert forms.in_text_at("14-15") == "Peter M. Senge, The Fifth Discipline (Doubleday, 1990), 14–15."
    paper = Citation(
        "p",
        Metadata(
            title="Learning in teams",
            authors=[Person(family="Lee", given="Ann")],
            year=2015,
            venue="Proceedings of ICIS",
            kind="paper-conference",
        ),
    )
    unknown = Citation("d", Metadata(title="Deriving value from collaborations", year=2010))
    listed = format_bibliography([paper, unknown, book], "chicago-notes").splitlines()
    assert listed == [
        "“Deriving Value from Collaborations.” 2010.",
        "Lee, Ann. “Learning in Teams.” Proceedings of ICIS, 2015.",
        "Senge, Peter M. The Fifth Discipline. Doubleday, 1990.",
    ], "CMOS 18 leaves conference papers and documents out of a bibliography; a corpus's reader does not"


PLOS_ARTICLE = Metadata(
    title="Value co-creation in service ecosystems",
    authors=[Person("Rossi", "Maria")],
    year=2020,
    venue="PLOS ONE",
    volume="15",
    issue="1",
    article_number="e0227612",
    kind="article-journal",
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "apa",
            "Rossi, M. (2020). Value co-creation in service ecosystems. PLOS ONE, 15(1), Article e0227612.",
        ),
        ("harvard", "Rossi, M. (2020) ‘Value co-creation in service ecosystems’, PLOS ONE, 15(1), e0227612."),
        (
            "chicago",
            "Rossi, Maria. 2020. “Value Co-creation in Service Ecosystems.” PLOS ONE 15 (1): e0227612.",
        ),
        (
            "chicago-notes",
            "Rossi, Maria. “Value Co-creation in Service Ecosystems.” PLOS ONE 15, no. 1 (2020): e0227612.",
        ),
    ],
)
def test_an_article_number_is_cited_as_each_style_writes_it(style: str, expected: str) -> None:
    """A journal that numbers its articles instead of paging them: APA 7 writes "Article e0227612"
    (9.26, example 6), Harvard and Chicago the number where the pages go; a reference manager's
    record with the eLocator or the article number in its pages is cited the same way."""
    assert Citation("a", PLOS_ARTICLE).format(style) == expected
    in_pages = replace(PLOS_ARTICLE, article_number="", pages="e0227612")
    assert Citation("a", in_pages).format(style) == expected
    both = replace(PLOS_ARTICLE, pages="e0227612")
    assert Citation("a", both).format(style) == expected


def test_an_article_number_goes_to_bibtex_eid_ris_c7_and_csl_number() -> None:
    """biblatex's `eid`, RIS's C7 (as Scopus and EndNote export it) and CSL's `number`; no pages."""
    citation = Citation("a", PLOS_ARTICLE)
    (entry,) = bibtexparser.parse_string(citation.format("bibtex")).entries
    assert (entry.fields_dict["eid"].value, "pages" in entry.fields_dict) == ("e0227612", False)
    (record,) = rispy.loads(citation.format("ris"))
    assert (record["custom7"], "start_page" in record) == ("e0227612", False)
    item = json.loads(citation.format("csl-json"))
    assert (item["number"], "page" in item) == ("e0227612", False)


def test_printed_pages_are_cited_before_an_article_number() -> None:
    """A paged article that also has a number: the pages locate it, as APA asks."""
    paged = replace(PLOS_ARTICLE, article_number="12", pages="1-20")
    assert Citation("a", paged).format("apa").endswith("PLOS ONE, 15(1), 1–20.")
    assert "pages = {1--20}" in Citation("a", paged).format("bibtex")


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "apa",
            "Rossi, M. (2019). The effects of learning (NBER Working Paper No. 25678). "
            "National Bureau of Economic Research.",
        ),
        (
            "harvard",
            "Rossi, M. (2019) The effects of learning. NBER Working Paper 25678. "
            "National Bureau of Economic Research.",
        ),
        (
            "chicago",
            "Rossi, Maria. 2019. The Effects of Learning. NBER Working Paper No. 25678. "
            "National Bureau of Economic Research.",
        ),
    ],
)
def test_a_reports_series_number_is_cited_once(style: str, expected: str) -> None:
    """Harvard prints an article's number where pages go; a report's series number is no such
    number (it printed "..., National Bureau of Economic Research, 25678.")."""
    report = Metadata(
        title="The effects of learning",
        authors=[Person("Rossi", "Maria")],
        year=2019,
        kind="report",
        genre="NBER Working Paper",
        issue="25678",
        publisher="National Bureau of Economic Research",
    )
    assert Citation("r", report).format(style) == expected


def test_only_an_article_or_paper_is_cited_by_its_article_number() -> None:
    """A book whose record holds one (a BibTeX `eid`) printed "(No. 12)" in APA, "No. 12." in Chicago."""
    book = replace(SENGE_BOOK, article_number="12")
    assert Citation("s", book).format("apa") == "Senge, P. M. (2006). The fifth discipline. Doubleday."
    assert Citation("s", book).format("chicago") == "Senge, Peter M. 2006. The Fifth Discipline. Doubleday."
