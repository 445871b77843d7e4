"""extract_metadata on the seeds (raw and cleaned-like text), sidecars, manifests and embedded metadata."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from seed_texts import raw_seed, seed_path, seed_variants

from corpus.loading.loaders import load_file
from corpus.metadata.extract import extract_metadata
from corpus.metadata.fields import (
    normalise_doi,
    normalise_edition,
    normalise_language,
    parse_year,
    person,
    split_keywords,
    split_people,
)
from corpus.metadata.file_metadata import embedded_records, junk_title
from corpus.metadata.labelled import first_page_record, labelled_record, looks_like_title
from corpus.metadata.sidecars import metadata_files, record_from_mapping
from corpus.pipeline import prepare_document
from corpus_core.models import Metadata, Person, RawDocument
from corpus_core.settings import load_settings

VARIANTS = ["raw", "normalised"]


def _raw(path: Path | str = "", fmt: str = "txt", info: dict[str, str] | None = None) -> RawDocument:
    return RawDocument(path=str(path), content_hash="h", format=fmt, pages=["x"], info=info or {})


def _seed_meta(prefix: str, variant: str) -> Metadata:
    text = seed_variants(prefix)[variant]
    return extract_metadata(_raw(seed_path(prefix)), text)


# --- the five seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_003_labelled_fields(variant: str) -> None:
    meta = _seed_meta("003", variant)
    assert meta.title == "Co-creation with the customer: a strategy for organisation learning and innovation"
    assert meta.authors == [Person(family="Chung", given="Yin Min")]
    assert meta.year == 2009
    assert meta.venue == "International Journal of Learning and Intellectual Capital"
    assert meta.doi == "10.1504/IJLIC.2009.021718"
    assert meta.keywords[0] == "co-creation"
    assert meta.keywords[-1] == "knowledge sharing"
    assert len(meta.keywords) == 12
    assert (meta.volume, meta.issue, meta.pages) == ("6", "1/2", "19-30")
    assert meta.kind == "article-journal"
    assert meta.abstract.startswith("An organisation should have the ability to innovate")
    assert meta.sources["title"] == "labelled-text"
    assert meta.sources["doi"] == "labelled-text"
    assert meta.uncertain == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_000_abstract_page(variant: str) -> None:
    meta = _seed_meta("000", variant)
    assert meta.title == "The learning organization as a context for value co-creation"
    assert meta.venue == "The Learning Organization"
    assert meta.year == 2019
    assert meta.authors == []
    assert meta.doi == ""
    assert meta.kind == "article-journal"
    assert meta.abstract.startswith("Purpose This paper aims to explore the relationship")
    assert meta.abstract.endswith(
        "they focus on the collaborative practices that enable such an achievement."
    )
    assert meta.sources["year"] == "labelled-text"


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_001_manuscript_takes_no_year_from_citations(variant: str) -> None:
    meta = _seed_meta("001", variant)
    assert meta.title == "The Learning Organization as a Context for Value Co-Creation"
    assert meta.venue == "The Learning Organization"
    assert meta.keywords == [
        "Learning organizations",
        "Value Co-Creation",
        "ambidextrous organizing",
        "Leadership",
        "intangible capital resources",
    ]
    assert meta.year is None
    assert meta.authors == []
    assert meta.kind == "article-journal"
    assert meta.sources["title"] == "labelled-text"
    assert "year" not in meta.sources


def test_journal_label_alone_means_journal_article() -> None:
    text = "Learning Together In Networks\n\nJournal: Journal of Tests\n\nKeywords: a, b\n\nBody."
    meta = labelled_record(text)
    assert (meta.title, meta.venue, meta.kind) == (
        "Learning Together In Networks",
        "Journal of Tests",
        "article-journal",
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_002_landing_page(variant: str) -> None:
    meta = _seed_meta("002", variant)
    assert meta.title == "Deriving value from inter-organizational learning collaborations"
    assert meta.year == 2010
    assert meta.keywords == ["Knowledge sharing", "Leadership", "Learning organizations"]
    assert meta.kind == "article-journal"
    assert meta.authors == []
    assert meta.venue == ""
    assert meta.abstract.startswith("Purpose")
    assert "Originality/value" in meta.abstract


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_004_report(variant: str) -> None:
    meta = _seed_meta("004", variant)
    assert meta.title == "The Support of Value Co-creation"
    assert meta.year == 2016
    assert meta.kind == "report"
    assert meta.authors == []
    assert meta.venue == ""
    assert meta.sources["year"] == "first-page"
    assert set(meta.uncertain) == {"year", "kind"}


def test_seed_004_title_from_first_line_when_trailer_is_gone() -> None:
    text = raw_seed("004").split("\nTitle:")[0]
    meta = extract_metadata(_raw(), text)
    assert meta.title == "The Support of Value Co-creation"
    assert meta.sources["title"] == "first-page"
    assert "title" in meta.uncertain


def test_first_page_record_is_uncertain() -> None:
    meta = first_page_record("A Study of Things in Places\n\nProject Report 2016 10 Pages\n\nBody text.")
    assert meta.title == "A Study of Things in Places"
    assert meta.year == 2016
    assert meta.kind == "report"
    assert set(meta.uncertain) == {"title", "year", "kind"}


def test_a_journal_masthead_is_not_the_title() -> None:
    """A line that only names the journal (here also named by the citation line above it) is passed over."""
    text = (
        "Industrial Marketing Management 40 (2011) 133–150\n\nIndustrial Marketing Management\n\n"
        "Critical service logic: Making sense of value creation\n\nChristian Grönroos a,*, Päivi Voima b"
        "\n\nThe binary number system offers much."
    )
    meta = first_page_record(text)
    assert meta.title == "Critical service logic: Making sense of value creation"
    assert [person.family for person in meta.authors] == ["Grönroos", "Voima"]
    named = first_page_record(
        "Journal of Service Theory\n\nLearning with customers\n\nBody text.",
        venue="Journal of Service Theory",
    )
    assert named.title == "Learning with customers"


def test_an_author_line_that_reflow_joined_to_the_title_is_cut_off() -> None:
    joined = first_page_record(
        "Customer Learning in Service Ecosystems Anna Berg1, Tomas Lind2, and Eva Holm1\n\nBody text."
    )
    assert joined.title == "Customer Learning in Service Ecosystems"
    assert [person.family for person in joined.authors] == ["Berg", "Lind", "Holm"]
    subtitle = (
        "The Support of Value Co-creation\n\nA Critical Determination of the Internal Organisational, "
        "Operational and Structural Elements and External Communication and Human Interaction "
        "Requirements\n\nProject Report 2016 10 Pages"
    )
    assert first_page_record(subtitle).authors == []  # two capitalised words, unmarked: no names


def test_names_separated_by_middle_dots_are_an_author_line() -> None:
    meta = first_page_record(
        "Service-dominant logic: continuing the evolution\n\nStephen L. Vargo · Robert F. Lusch\n\nBody."
    )
    assert [person.family for person in meta.authors] == ["Vargo", "Lusch"]


def test_a_title_over_its_subtitle_is_read_whole() -> None:
    """A title ending in a colon, its subtitle on the next line (another type size): one title."""
    text = (
        "Team Learning in Practice:\n\nEvidence from Twelve Software Firms\n\n"
        "Maria K. Svensson, David O. Okafor and Lena Hartmann\n\nThe binary number system offers much."
    )
    meta = first_page_record(text)
    assert meta.title == "Team Learning in Practice: Evidence from Twelve Software Firms"
    assert [person.family for person in meta.authors] == ["Svensson", "Okafor", "Hartmann"]
    assert first_page_record("Findings of the study:\n\nthe teams learned.\n\nBody.").title == ""
    german = first_page_record(
        "Lernen in Netzwerken:\n\nWertschöpfung im Verbund\n\nAnna Müller und Jörg Weiß\n\nText."
    )
    assert german.title == "Lernen in Netzwerken: Wertschöpfung im Verbund"
    assert [person.family for person in german.authors] == ["Müller", "Weiß"]


def test_a_markdown_files_heading_marks_are_not_part_of_its_title(tmp_path: Path) -> None:
    """A Markdown note's "# Title" gives the title without its marks; its "## Method" ends the head."""
    from corpus.loading.loaders import load_file
    from corpus.pipeline import prepare_document
    from corpus_core.settings import load_settings

    note = tmp_path / "supplier-networks.md"
    note.write_text(
        "# Learning in Supplier Networks\n\nJane Doe and Omar Haddad\n\n## Method\n\n"
        "We studied twelve supplier workshops over three years in two industries, coded their "
        "minutes and asked members how routines changed after each failure they reflected on.\n",
        encoding="utf-8",
    )
    settings = load_settings()
    document = prepare_document(load_file(note, settings.loading), settings)
    assert document.metadata.title == "Learning in Supplier Networks"
    assert [person.family for person in document.metadata.authors] == ["Doe", "Haddad"]
    assert [section.title for section in document.sections] == ["Method"]
    assert first_page_record("  ### A Heading Set Deeper\n\nBody text.").title == "A Heading Set Deeper"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("John Smith a,*, Rosa Alvarez b", [("John", "Smith"), ("Rosa", "Alvarez")]),
        ("John Smith 1,2 and Rosa Alvarez 2", [("John", "Smith"), ("Rosa", "Alvarez")]),
        ("John Smith¹, Rosa Alvarez²*", [("John", "Smith"), ("Rosa", "Alvarez")]),
        ("JOHN SMITH AND ROSA ALVAREZ", [("John", "Smith"), ("Rosa", "Alvarez")]),
        ("J. Smith and R. Alvarez", [("J.", "Smith"), ("R.", "Alvarez")]),
        ("J.-P. Martin and C. Doe", [("J.-P.", "Martin"), ("C.", "Doe")]),
        ("Smith, John; Alvarez, Rosa", [("John", "Smith"), ("Rosa", "Alvarez")]),
        ("Department of Informatics, University of Testing", []),
        ("Received 12 May 2020; accepted 3 June 2021", []),
    ],
)
def test_author_lines_as_journals_set_them(line: str, expected: list[tuple[str, str]]) -> None:
    """Affiliation marks, capitals, initials first, family names first: the people, nothing else."""
    text = f"Measuring Organizational Learning Capability in Software Teams\n\n{line}\n\nAbstract\n\nBody."
    assert [(person.given, person.family) for person in first_page_record(text).authors] == expected


def test_a_side_column_of_keywords_read_before_the_abstract() -> None:
    """Elsevier's first page: "ARTICLE INFO" / "Keywords:" and one term a line, beside "ABSTRACT"."""
    abstract = "A list processing system in which each list cell contains both a forward and a backward link."
    text = "\n\n".join(
        [
            "Customer learning and value co-creation in service networks",
            "Henrik Lindqvist a,*, Adaeze Okafor b",
            "ABSTRACT",
            "Keywords:",
            "Value co-creation",
            "Customer learning",
            abstract,
            "1. Introduction",
            "Body text of the article.",
        ]
    )
    meta = extract_metadata(_raw(), text)
    assert meta.keywords == ["Value co-creation", "Customer learning"]
    assert meta.abstract == abstract
    assert [person.family for person in meta.authors] == ["Lindqvist", "Okafor"]


@pytest.mark.parametrize(
    ("abstract_label", "keywords_label"),
    [
        ("Abstract—", "Index Terms—"),  # IEEE
        ("Abstract. ", "Keywords: "),  # Springer's LNCS
        ("ABSTRACT – ", "Keywords — "),
        ("Abstract: ", "Key words: "),
        ("ABSTRACT ", "KEYWORDS "),  # Wiley's headings, run into their paragraphs
    ],
    ids=["ieee", "lncs", "en-dash", "colon", "capitals"],
)
def test_an_abstract_and_keywords_run_in_after_their_label(abstract_label: str, keywords_label: str) -> None:
    """IEEE sets "Abstract—This paper ..." and "Index Terms—...", Springer's LNCS
    "Abstract. The ...": the label opens the paragraph, which is the abstract."""
    abstract = (
        "This paper studies how service teams learn from their customers and turn what they learn "
        "into shared practice."
    )
    text = "\n\n".join(
        [
            "Customer learning and value co-creation in service networks",
            "Henrik Lindqvist, Adaeze Okafor",
            abstract_label + abstract,
            keywords_label + "organizational learning, value co-creation",
            "I. INTRODUCTION",
            "Body text of the article.",
        ]
    )
    meta = extract_metadata(_raw(), text)
    assert meta.abstract == abstract
    assert meta.keywords == ["organizational learning", "value co-creation"]


@pytest.mark.parametrize("keywords_label", ["Index Terms—", "Keywords—", "Key words – "])
def test_run_in_keywords_read_into_the_abstract_s_paragraph_are_split_off(keywords_label: str) -> None:
    """Set under "Abstract—..." with no space between them, the terms are read as the
    abstract's last sentence."""
    abstract = "This paper studies how service teams learn from their customers and share it."
    text = "\n\n".join(
        [
            "Customer learning and value co-creation in service networks",
            "Henrik Lindqvist, Adaeze Okafor",
            f"Abstract—{abstract} {keywords_label}organizational learning, value co-creation",
            "I. INTRODUCTION",
            "Body text of the article.",
        ]
    )
    meta = extract_metadata(_raw(), text)
    assert meta.abstract == abstract
    assert meta.keywords == ["organizational learning", "value co-creation"]


def test_a_sentence_opening_with_the_word_abstract_is_no_abstract() -> None:
    text = "Title of a Paper on Learning\n\nAbstract. Thinking is hard.\n\nBody text of the article."
    assert labelled_record(text).abstract == ""
    prose = "Keywords matter in search engines, and abstract thinking helps teams learn from their customers."
    meta = labelled_record(f"Title of a Paper on Learning\n\n{prose}\n\nAbstract thinking is {prose}")
    assert (meta.keywords, meta.abstract) == ([], "")


def test_labelled_lines_run_together_are_split() -> None:
    text = "Journal: Journal of Tests Manuscript Type: Article Keywords: alpha; beta\n\nIntroduction\n\nBody."
    meta = labelled_record(text)
    assert meta.venue == "Journal of Tests"
    assert meta.kind == "article-journal"
    assert meta.keywords == ["alpha", "beta"]


def test_source_citation_label() -> None:
    text = (
        "Deriving value from learning collaborations\n\n"
        "Source: The Learning Organization, Volume 17, Number 1, 2010, pp. 5-29(25)\n\n"
        "Publisher: Emerald Group Publishing\n\nIntroduction\n\nBody."
    )
    meta = labelled_record(text)
    assert (meta.title, meta.venue, meta.year) == (
        "Deriving value from learning collaborations",
        "The Learning Organization",
        2010,
    )
    assert (meta.volume, meta.issue, meta.pages, meta.publisher) == (
        "17",
        "1",
        "5-29",
        "Emerald Group Publishing",
    )


def test_first_page_title_skips_body_lines() -> None:
    text = (
        "Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam\n"
        "nonumy eirmod tempor invidunt ut labore.\n"
        "Is there no information? Is there a difference between this and nonsense\n"
        "Einführung in die\nGeometrie und Topologie\n"
    )
    assert first_page_record(text).title == "Einführung in die Geometrie und Topologie"  # "die" runs on


def test_body_labels_and_citations_are_not_metadata() -> None:
    body = " ".join(["As Senge (1990) argued, learning matters."] * 5)
    text = f"A Title For The Paper\n\nIntroduction\n\n{body}\n\nSource: Author's own (2015)\n\nYear: 1999"
    meta = extract_metadata(_raw(), text)
    assert meta.year is None
    assert meta.venue == ""
    no_introduction = "\n\n".join(["A Report Title Here", *[body] * 20, "Medwelljournals.com, 2016"])
    meta = extract_metadata(_raw(), no_introduction)
    assert (meta.year, meta.venue) == (None, "")


def test_looks_like_title_rejects_boilerplate() -> None:
    assert looks_like_title("Deriving value from inter-organizational learning collaborations")
    assert not looks_like_title("Skip to main content")
    assert not looks_like_title("Buy Article:")
    assert not looks_like_title("Journal Article")
    assert not looks_like_title("This sentence ends with a period and is body text.")


# --- sidecars and manifests -----------------------------------------------------------------------


def _paper(tmp_path: Path, name: str = "paper.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 placeholder")
    return path


BIB = """@article{doe2019,
  title = {The {L}earning Organization and {\\"U}ber Things},
  author = {Doe, Jane and M{\\"u}ller, Hans and {World Health Organization}},
  journal = {Journal of Tests},
  year = {2019},
  volume = {12},
  number = {3},
  pages = {1--17},
  doi = {https://doi.org/10.1234/ABC.5},
  keywords = {learning; testing},
}
"""


@pytest.mark.parametrize(
    ("entry", "genre"),
    [
        (
            "@phdthesis{r, title={Learning Together}, author={Rossi, Maria}, school={U}, year=2016}",
            "Doctoral dissertation",
        ),
        (
            "@mastersthesis{r, title={Learning Together}, author={Rossi, Maria}, school={U}, year=2016}",
            "Master's thesis",
        ),
        (
            "@thesis{r, title={Learning Together}, type={phdthesis}, institution={U}, year=2016}",
            "Doctoral dissertation",
        ),
        (
            "@techreport{r, title={Learning Together}, type={Working Paper}, institution={U}, year=2016}",
            "Working Paper",
        ),
    ],
)
def test_a_bib_sidecar_gives_a_thesis_its_degree(tmp_path: Path, entry: str, genre: str) -> None:
    paper = _paper(tmp_path)
    (tmp_path / "paper.bib").write_text(entry + "\n", encoding="utf-8")
    meta = extract_metadata(_raw(paper, "pdf", {}), "")
    assert (meta.title, meta.genre, meta.publisher) == ("Learning Together", genre, "U")


def test_bib_sidecar_wins_over_everything(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    (tmp_path / "paper.bib").write_text(BIB, encoding="utf-8")
    info = {"title": "Embedded Title Of The Paper", "author": "Someone Else"}
    meta = extract_metadata(
        _raw(paper, "pdf", info), "Title: Text Title Of The Paper\n\nAuthors: Text Author"
    )
    assert meta.title == "The Learning Organization and Über Things"
    assert meta.authors == [
        Person(family="Doe", given="Jane"),
        Person(family="Müller", given="Hans"),
        Person(literal="World Health Organization"),
    ]
    assert (meta.year, meta.venue, meta.volume, meta.issue, meta.pages) == (
        2019,
        "Journal of Tests",
        "12",
        "3",
        "1-17",
    )
    assert meta.doi == "10.1234/ABC.5"
    assert meta.keywords == ["learning", "testing"]
    assert meta.kind == "article-journal"
    assert meta.sources["title"] == "sidecar"
    assert meta.sources["authors"] == "sidecar"


RIS = """TY  - RPRT
AU  - Roe, Richard
AU  - Poe, Edgar
TI  - A Report On Sidecars
PY  - 2014///
PB  - Test Institute
DO  - 10.5555/ris.1
KW  - sidecar
KW  - ris
ER  -
"""


def test_ris_sidecar(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    (tmp_path / "paper.ris").write_text(RIS, encoding="utf-8")
    meta = extract_metadata(_raw(paper, "pdf"), "")
    assert meta.title == "A Report On Sidecars"
    assert meta.authors == [Person(family="Roe", given="Richard"), Person(family="Poe", given="Edgar")]
    assert (meta.year, meta.publisher, meta.doi, meta.kind) == (
        2014,
        "Test Institute",
        "10.5555/ris.1",
        "report",
    )
    assert meta.keywords == ["sidecar", "ris"]
    assert meta.sources["title"] == "sidecar"


CHAPTER = Person("Nonaka", "Ikujiro")
EDITORS = [Person("Dierkes", "Meinolf"), Person("Antal", "Ariane Berthoin")]


@pytest.mark.parametrize(
    ("name", "record", "authors"),
    [
        (
            "paper.bib",
            "@incollection{n, author={Nonaka, Ikujiro}, editor={Dierkes, Meinolf and Antal, Ariane Berthoin},"
            " title={Knowledge creation}, booktitle={Handbook}, year=2001}",
            [CHAPTER],
        ),
        (
            "paper.bib",
            "@book{h, editor={Dierkes, Meinolf and Antal, Ariane Berthoin}, title={Handbook},"
            " edition={Second}}",
            EDITORS,
        ),
        (
            "paper.ris",
            "TY  - CHAP\nAU  - Nonaka, Ikujiro\nA2  - Dierkes, Meinolf\nA2  - Antal, Ariane Berthoin\n"
            "TI  - Knowledge creation\nER  -\n",
            [CHAPTER],
        ),
        (
            "paper.ris",
            "TY  - EDBOOK\nED  - Dierkes, Meinolf\nED  - Antal, Ariane Berthoin\nTI  - Handbook\nER  -\n",
            EDITORS,
        ),
        (
            "paper.ris",
            "TY  - BOOK\nA2  - Series, Editor\nA3  - Dierkes, Meinolf\nA3  - Antal, Ariane Berthoin\n"
            "TI  - Handbook\nER  -\n",
            EDITORS,
        ),
        (
            "paper.bib",
            "@incollection{e, editor={Dierkes, Meinolf and Antal, Ariane Berthoin}, title={Entry},"
            " booktitle={Handbook}}",
            [],  # an unsigned chapter: its book's editors are no authors of it
        ),
        (
            "paper.json",
            json.dumps(
                {
                    "type": "book",
                    "title": "Handbook",
                    "editor": [
                        {"family": "Dierkes", "given": "Meinolf"},
                        {"family": "Antal", "given": "Ariane Berthoin"},
                    ],
                }
            ),
            EDITORS,
        ),
    ],
)
def test_a_sidecar_gives_a_book_or_chapter_its_editors(
    tmp_path: Path, name: str, record: str, authors: list[Person]
) -> None:
    """BibTeX's `editor`, RIS's `A2` and `ED` and CSL-JSON's `editor` were not read: a chapter's
    reference lacked its book's editors, and an edited book had no authors at all."""
    paper = _paper(tmp_path)
    (tmp_path / name).write_text(record + "\n", encoding="utf-8")
    meta = extract_metadata(_raw(paper, "pdf"), "")
    assert (meta.authors, meta.editors) == (authors, EDITORS)
    assert meta.sources["editors"] == "sidecar"
    assert meta.edition == ("2" if "edition=" in record else "")


@pytest.mark.parametrize(
    ("written", "edition"),
    [
        ("2", "2"),
        ("2nd", "2"),
        ("2nd ed.", "2"),
        ("Second edition", "2"),
        ("2. Auflage", "2"),
        ("3e édition", "3"),
        ("Edition 4", "4"),
        ("10th edn", "10"),
        ("First edition", ""),
        ("1st", ""),
        ("revised edition", "Revised edition"),
        ("Rev. ed.", "Rev. ed."),
        ("", ""),
    ],
)
def test_an_edition_is_its_number_or_its_words(written: str, edition: str) -> None:
    """CSL prints a number its style's way ("2nd ed.", "2nd edn") and words as they are."""
    assert normalise_edition(written) == edition
    assert record_from_mapping({"title": "T", "edition": written}).edition == edition


def test_a_ris_journal_article_s_secondary_authors_are_not_its_editors(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    (tmp_path / "paper.ris").write_text(
        "TY  - JOUR\nAU  - Roe, Richard\nA2  - Poe, Edgar\nTI  - An article\nER  -\n", encoding="utf-8"
    )
    assert extract_metadata(_raw(paper, "pdf"), "").editors == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "paper.bib",
            "@article{r, title={Learning Together}, journal={PLOS ONE}, volume={15}, eid={e0227612}}",
        ),
        (
            "paper.bib",
            "@article{r, title={Learning Together}, journal={PLOS ONE}, volume={15}, articleno={e0227612}}",
        ),
        (
            "paper.bib",
            "@article{r, title={Learning Together}, journal={PLOS ONE}, volume={15},\n"
            "  Article-Number={e0227612}}",
        ),
        (
            "paper.ris",
            "TY  - JOUR\nTI  - Learning Together\nT2  - PLOS ONE\nVL  - 15\nC7  - e0227612\nER  -\n",
        ),
        (
            "paper.json",
            '{"type": "article-journal", "title": "Learning Together", "container-title": "PLOS ONE", '
            '"volume": "15", "issue": "1", "number": "e0227612"}',
        ),
        ("paper.json", '{"title": "Learning Together", "volume": "15", "article-number": "e0227612"}'),
    ],
)
def test_a_sidecar_gives_an_article_number_apart_from_pages(tmp_path: Path, name: str, text: str) -> None:
    """biblatex's `eid`, ACM's `articleno`, Web of Science's and MDPI's `Article-Number`, RIS's C7
    (Scopus, EndNote) and CSL's `number` beside an issue: the article number, not its pages."""
    paper = _paper(tmp_path)
    (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    meta = extract_metadata(_raw(paper, "pdf", {}), "")
    assert (meta.title, meta.volume, meta.pages, meta.article_number) == (
        "Learning Together",
        "15",
        "",
        "e0227612",
    )
    assert meta.sources["article_number"] == "sidecar"


def test_csl_json_sidecar_fills_gaps_left_by_text(tmp_path: Path) -> None:
    paper = _paper(tmp_path, "paper.txt")
    item = {
        "type": "article-journal",
        "title": "CSL Title Of A Work",
        "author": [{"family": "Lovelace", "given": "Ada"}, {"literal": "The Analytical Society"}],
        "issued": {"date-parts": [[1843, 9]]},
        "container-title": "Scientific Memoirs",
        "DOI": "10.9999/CSL",
        "language": "en-GB",
    }
    (tmp_path / "paper.json").write_text(json.dumps([item]), encoding="utf-8")
    meta = extract_metadata(_raw(paper), "Keywords: engines, notes\n\nIntroduction\n\nText.")
    assert meta.title == "CSL Title Of A Work"
    assert meta.authors == [Person(family="Lovelace", given="Ada"), Person(literal="The Analytical Society")]
    assert (meta.year, meta.venue, meta.doi, meta.language) == (
        1843,
        "Scientific Memoirs",
        "10.9999/CSL",
        "en",
    )
    assert meta.keywords == ["engines", "notes"]
    assert meta.sources["keywords"] == "labelled-text"
    assert meta.sources["year"] == "sidecar"


def _in_papers(tmp_path: Path, *names: str) -> list[Path]:
    """Papers in `tmp_path / "papers"`, which a manifest in `tmp_path` names as `papers/NAME`."""
    folder = tmp_path / "papers"
    folder.mkdir(exist_ok=True)
    return [_paper(folder, name) for name in names]


def test_references_bib_manifest_matches_file_field(tmp_path: Path) -> None:
    (paper,) = _in_papers(tmp_path, "second.pdf")
    (tmp_path / "references.bib").write_text(
        "@book{one, title={First Book Title}, author={A, Alpha}, year=2001, file={:papers/first.pdf:PDF}}\n"
        "@techreport{two, title={Second Report Title}, author={Beta, Bob}, year=2002, institution={Lab},\n"
        "  file={Full Text PDF:papers/second.pdf:application/pdf}}\n",
        encoding="utf-8",
    )
    meta = extract_metadata(_raw(paper, "pdf"), "")
    assert (meta.title, meta.year, meta.kind, meta.publisher) == (
        "Second Report Title",
        2002,
        "report",
        "Lab",
    )
    assert meta.authors == [Person(family="Beta", given="Bob")]
    assert meta.sources["title"] == "manifest"


def test_a_manifest_entry_naming_the_files_path_wins_over_one_naming_its_base_name(tmp_path: Path) -> None:
    (paper,) = _in_papers(tmp_path, "paper.pdf")
    stray = _paper(tmp_path, "stray.pdf")
    (tmp_path / "references.bib").write_text(
        "@misc{old, title={An Older Copy Elsewhere}, file={:archive/paper.pdf:PDF}}\n"
        "@misc{new, title={The Paper In Its Folder}, file={:papers/paper.pdf:PDF}}\n"
        "@misc{by_name, title={Found By Its Name}, file={:C:\\\\Users\\\\me\\\\stray.pdf:PDF}}\n",
        encoding="utf-8",
    )
    assert extract_metadata(_raw(paper, "pdf"), "").title == "The Paper In Its Folder"
    assert extract_metadata(_raw(stray, "pdf"), "").title == "Found By Its Name"


def test_a_pass_lists_each_folder_once_and_finds_what_each_document_alone_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change detection asks about every document's folders (`Folders`): one listing each per pass."""
    import os

    from corpus.metadata import sidecars

    papers = _in_papers(tmp_path, *(f"paper-{n}.pdf" for n in range(5)))
    folder = papers[0].parent
    (folder / "paper-1.bib").write_text("@misc{one, title={Its Own Sidecar}}\n", encoding="utf-8")
    (folder / "paper-2.pdf.json").write_text('{"title": "Another Sidecar"}', encoding="utf-8")
    (tmp_path / "Exported Items.bib").write_text(
        "".join(f"@misc{{p{n}, title={{Paper {n}}}, file={{papers/paper-{n}.pdf}}}}\n" for n in range(5)),
        encoding="utf-8",
    )
    alone = [sidecars.Described.find(paper) for paper in papers]
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: str | Path) -> object:
        listed.append(str(path))
        return scandir(path)

    monkeypatch.setattr(sidecars.os, "scandir", counted)
    folders = sidecars.Folders()
    assert [sidecars.Described.find(paper, folders) for paper in papers] == alone
    assert sorted(listed) == sorted({str(p) for p in [folder, tmp_path, tmp_path.parent]})
    assert [s.name for s in alone[1].sidecars + alone[2].sidecars] == ["paper-1.bib", "paper-2.pdf.json"]
    assert [m.name for m in alone[0].manifests] == ["Exported Items.bib"]


def test_a_bibtex_value_without_markup_reads_as_pylatexenc_would_read_it() -> None:
    """`_latex` skips pylatexenc for values with nothing it reads as markup: same text, either way."""
    import random

    from pylatexenc.latex2text import LatexNodes2Text

    from corpus.metadata.sidecars import _latex

    full = LatexNodes2Text()
    rng = random.Random(7)
    alphabet = "abcXYZ 019.,;:!?'\"`-_^()[]/@*+=<>|\n\t\u00e9\u00fc\u2014\u2013\\{}$%&~#"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(3000)]
    values += ["O'Brien -- ``a'' study", "Caf\\'e~na{\\\"i}ve", "100\\% sure", "$x^2$ or x^2_1"]
    for value in values:
        try:
            expected = " ".join(full.latex_to_text(value).split())
        except Exception:
            continue
        assert _latex(value) == expected, value


@pytest.mark.parametrize(
    "name",
    [
        "chapter.docx",
        "chapter.odt",
        "book.epub",
        "landing page.mhtml",
        "saved.webarchive",
        "old.doc",
        "draft.rtf",
    ],
)
def test_references_bib_names_word_files_and_saved_pages_too(tmp_path: Path, name: str) -> None:
    document = _paper(tmp_path, name)
    (tmp_path / "references.bib").write_text(
        "@misc{one, title={A Pdf Elsewhere}, file={:other.pdf:PDF}}\n"
        f"@misc{{two, title={{Learning With Customers}}, author={{Doe, Jane}}, year=2019,\n"
        f"  file={{Full Text:{name}:application/octet-stream}}}}\n",
        encoding="utf-8",
    )
    meta = extract_metadata(_raw(document, "html"), "")
    assert (meta.title, meta.year, meta.sources["title"]) == ("Learning With Customers", 2019, "manifest")


def test_corpus_yaml_manifest_below_sidecar(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    (tmp_path / "corpus.yaml").write_text(
        "paper.pdf:\n"
        "  title: Manifest Title Of The Work\n"
        "  authors: ['Curie, Marie', 'Pierre Curie']\n"
        "  year: 1903\n"
        "  venue: Nobel Lectures\n"
        "  keywords: [radiation]\n"
        "other.pdf:\n"
        "  title: Not This One\n",
        encoding="utf-8",
    )
    (tmp_path / "paper.json").write_text(json.dumps({"title": "Sidecar Title Wins Here"}), encoding="utf-8")
    meta = extract_metadata(_raw(paper, "pdf"), "")
    assert meta.title == "Sidecar Title Wins Here"
    assert meta.sources["title"] == "sidecar"
    assert meta.authors == [Person(family="Curie", given="Marie"), Person(family="Curie", given="Pierre")]
    assert (meta.year, meta.venue, meta.keywords) == (1903, "Nobel Lectures", ["radiation"])
    assert meta.sources["year"] == "manifest"


def test_broken_sidecars_are_said_and_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Why each metadata file gave nothing goes to the caller's `problems` (the run report), else the log."""
    paper = _paper(tmp_path)
    (tmp_path / "paper.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "paper.ris").write_text("TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n")
    (tmp_path / "corpus.yaml").write_text("paper.pdf: [unclosed", encoding="utf-8")
    problems: list[str] = []
    meta = extract_metadata(_raw(paper, "pdf"), raw_seed("003"), problems=problems)
    assert meta.title.startswith("Co-creation with the customer")
    assert meta.sources["title"] == "labelled-text"
    assert problems[0] == "sidecar paper.ris not read: 2 RIS records, expected one"
    assert problems[1].startswith("sidecar paper.json not read: Expecting property name")
    assert problems[2].startswith("manifest corpus.yaml not read: while parsing a flow sequence")
    assert len(problems) == 3
    with caplog.at_level(logging.WARNING):
        extract_metadata(_raw(paper, "pdf"), raw_seed("003"))
    assert "paper.json not read" in caplog.text and "corpus.yaml not read" in caplog.text


def test_a_bib_file_with_an_entry_that_cannot_be_parsed_says_where(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    paper = _paper(folder)
    (folder / "paper.bib").write_text("@article{a, title={Unclosed}, year=2003\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@misc{one, title={Elsewhere}, file={:other.pdf:PDF}}\n\n"
        "@misc{two, title={Broken, file={paper.pdf}}\n"
    )
    problems: list[str] = []
    assert extract_metadata(_raw(paper, "pdf"), "", problems=problems).title == ""
    assert problems == [
        "sidecar paper.bib not read: its entry at line 1 could not be parsed",
        "manifest ../references.bib: no entry names paper.pdf, and its entry at line 3 could not be parsed",
    ]
    other = _paper(folder, "other.pdf")
    problems.clear()
    assert extract_metadata(_raw(other, "pdf"), "", problems=problems).title == "Elsewhere"
    assert problems == [], "a document the manifest names is not told about its broken entries"


def test_metadata_files_lists_what_extract_metadata_reads(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    paper = _paper(folder)
    for name in ("paper.ris", "paper.pdf.json", "other.bib"):
        (folder / name).write_text("x", encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text("x: {}", encoding="utf-8")
    assert [p.name for p in metadata_files(paper)] == ["paper.ris", "paper.pdf.json", "corpus.yaml"]


def test_bib_sidecar_with_several_unmatched_entries_is_ignored(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    (tmp_path / "paper.bib").write_text("@misc{a, title={One}}\n@misc{b, title={Two}}\n", encoding="utf-8")
    problems: list[str] = []
    assert extract_metadata(_raw(paper, "pdf"), "", problems=problems).title == ""
    assert problems == ["sidecar paper.bib not read: 2 entries and none names paper.pdf in its file field"]


# --- embedded metadata ----------------------------------------------------------------------------


def test_pdf_info_junk_is_ignored() -> None:
    info = {
        "title": "Microsoft Word - paper_final.docx",
        "author": "Administrator",
        "creationdate": "D:20190312",
    }
    meta = extract_metadata(_raw("/x/paper_final.pdf", "pdf", info), "")
    assert meta.title == ""
    assert meta.authors == []
    assert meta.year is None


@pytest.mark.parametrize(
    ("title", "junk"),
    [
        ("untitled", True),
        ("habibi", True),
        ("imagemagick-images\x00", True),
        ("TLO-12-2018-0219", True),
        ("paper.pdf", True),
        ("Geometrie und Topologie", False),
    ],
)
def test_junk_titles(title: str, junk: bool) -> None:
    stem = "/data/habibi.pdf" if title == "habibi" else "/data/imagemagick-images.pdf"
    assert junk_title(title, stem) is junk


def test_pdf_info_and_xmp_outrank_labelled_text() -> None:
    info = {
        "title": "Geometrie und Topologie",
        "author": "Martin Thoma",
        "keywords": "Geometrie, Topologie",
        "dc_date": "2016-12-31",
        "prism_doi": "https://doi.org/10.1000/GEO",
        "prism_publicationname": "Lecture Notes",
    }
    meta = extract_metadata(_raw("/x/GeoTopo.pdf", "pdf", info), "Title: Something Else Entirely\n\nText.")
    assert meta.title == "Geometrie und Topologie"
    assert meta.authors == [Person(family="Thoma", given="Martin")]
    assert meta.keywords == ["Geometrie", "Topologie"]
    assert (meta.year, meta.doi, meta.venue) == (2016, "10.1000/GEO", "Lecture Notes")
    assert meta.sources["title"] == "pdf-info"
    assert meta.sources["year"] == "xmp"


def test_html_meta_tags() -> None:
    info = {
        "citation_title": "Highwire Title Of Article",
        "citation_author": "Smith, John; Jones, Mary",
        "citation_date": "2020/05/01",
        "citation_journal_title": "Web Journal",
        "citation_doi": "10.7777/web",
        "title": "Highwire Title Of Article | Publisher Site",
    }
    meta = extract_metadata(_raw("/x/page.html", "html", info), "")
    assert meta.title == "Highwire Title Of Article"
    assert meta.authors == [Person(family="Smith", given="John"), Person(family="Jones", given="Mary")]
    assert (meta.year, meta.venue, meta.doi, meta.kind) == (
        2020,
        "Web Journal",
        "10.7777/web",
        "article-journal",
    )


def test_plain_html_page_is_an_uncertain_webpage() -> None:
    info = {"title": "A Blog Post About Things - My Site", "og:site_name": "My Site"}
    meta = extract_metadata(_raw("/x/post.html", "html", info), "")
    assert meta.title == "A Blog Post About Things"
    assert meta.kind == "webpage"
    assert {"title", "kind"} <= set(meta.uncertain)


def test_embedded_records_empty_info() -> None:
    assert embedded_records({}, "/x/a.pdf") == []


# --- value normalisers ----------------------------------------------------------------------------


def test_value_normalisers() -> None:
    assert normalise_doi("https://doi.org/10.1504/IJLIC.2009.021718.") == "10.1504/IJLIC.2009.021718"
    assert normalise_doi("doi:10.1016/S0140-6736(20)30183-5") == "10.1016/S0140-6736(20)30183-5"
    assert normalise_doi("no doi here") == ""
    assert parse_year("D:20190312101010") == 2019
    assert parse_year("01 Dec 2008 *") == 2008
    assert parse_year("pages 12345") is None
    assert split_keywords("a; b; a.") == ["a", "b"]
    assert split_people("Smith, J., Doe, A. and Roe, B.") == [
        Person(family="Smith", given="J."),
        Person(family="Doe", given="A."),
        Person(family="Roe", given="B."),
    ]
    assert split_people("Jane Doe, John Roe") == [
        Person(family="Doe", given="Jane"),
        Person(family="Roe", given="John"),
    ]
    assert split_people("Anna Müller und Jörg Weiß") == [
        Person(family="Müller", given="Anna"),
        Person(family="Weiß", given="Jörg"),
    ]


def test_a_record_round_trips_through_its_stored_form() -> None:
    """`to_dict` is written by hand for speed: it must give what `dataclasses.asdict` gives."""
    values: dict[str, object] = {f.name: f"{f.name} value" for f in fields(Metadata)}
    values.update(
        authors=[
            Person(family="Senge", given="Peter M."),
            Person(literal="Society for Organizational Learning"),
        ],
        editors=[Person(family="Argote", given="Linda")],
        translators=[Person(family="Weaver", given="Helen")],
        reviewed_authors=[Person(family="Schein", given="Edgar H.")],
        year=1990,
        original_year=1966,
        keywords=["learning"],
        sources={"title": "zotero"},
        uncertain=["year"],
    )
    record = Metadata(**values)  # type: ignore[arg-type]
    assert record.to_dict() == asdict(record)
    assert json.loads(json.dumps(record.to_dict())) == asdict(record)
    assert Metadata.from_dict(record.to_dict()) == record


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("eng", "en"),
        ("ger", "de"),
        ("fre", "fr"),
        ("English", "en"),
        ("  german ", "de"),
        ("Greek", "el"),
        ("Deutsch", "de"),
        ("Français", "fr"),
        ("ngerman", "de"),
        ("american", "en"),
        ("Klingon", ""),
        ("xx", ""),
        ("English; German", ""),
        ("", ""),
    ],
)
def test_a_records_language_in_any_form_it_is_written(value: str, code: str) -> None:
    """Zotero's free text, MARC and RIS three-letter codes, BibTeX langid names: one ISO 639-1 code."""
    assert normalise_language(value) == code


def test_a_title_page_that_holds_the_pdf_info_title_whole_gives_the_full_title(pdfs_dir: Path) -> None:
    """GeoTopo's info title is "Geometrie und Topologie"; its title page sets "Einführung in die" above it."""
    settings = load_settings()
    raw = load_file(pdfs_dir / "GeoTopo-komprimiert.pdf", settings.loading)
    meta = prepare_document(raw, settings).metadata
    assert (meta.title, meta.sources["title"]) == ("Einführung in die Geometrie und Topologie", "first-page")


@pytest.mark.parametrize(
    ("info_title", "page_lines", "expected"),
    [
        (
            "Value Co-Creation",
            ["Value Co-Creation: A Service Logic Perspective", "Maria Rossi"],
            "Value Co-Creation: A Service Logic Perspective",
        ),
        (
            "Learning Organization",
            ["The Fifth Discipline of the", "Learning Organization", "Maria Rossi"],
            "The Fifth Discipline of the Learning Organization",
        ),
        ("Learning in Teams", ["Customer Journeys Explained", "Maria Rossi"], "Learning in Teams"),
    ],
    ids=["subtitle", "line-ending-in-a-preposition", "another-title"],
)
def test_a_pdf_info_title_gives_way_only_to_a_first_page_title_that_holds_it(
    info_title: str, page_lines: list[str], expected: str
) -> None:
    body = "This study follows twelve firms that learn with their customers over three years of work."
    text = "\n\n".join([*page_lines, body])
    meta = extract_metadata(_raw("/x/paper.pdf", "pdf", {"title": info_title}), text)
    assert meta.title == expected


def test_a_pass_resolves_paths_as_pathlib_does_with_one_lstat_a_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Folders.resolve`: links to files and folders, ".." after a link, relative and missing paths."""
    import os

    from corpus.metadata import sidecars

    real = tmp_path / "real" / "papers"
    real.mkdir(parents=True)
    (real / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "target.pdf").write_bytes(b"%PDF-1.4")
    (real / "link.pdf").symlink_to(tmp_path / "elsewhere" / "target.pdf")
    (tmp_path / "shelf").symlink_to(real)
    (real / "sub").mkdir()
    (tmp_path / "up").symlink_to(real / "sub")
    monkeypatch.chdir(tmp_path)
    paths = [
        real / "a.pdf",
        real / "link.pdf",
        tmp_path / "shelf" / "a.pdf",
        tmp_path / "shelf" / "link.pdf",
        tmp_path / "up" / ".." / "a.pdf",
        Path("shelf") / "a.pdf",
        tmp_path / "shelf" / "missing" / "b.pdf",
        real / "." / "a.pdf",
    ]
    folders = sidecars.Folders()
    assert [folders.resolve(p) for p in paths] == [p.resolve() for p in paths]
    assert folders.resolve(tmp_path / "up" / ".." / "a.pdf") == real / "a.pdf", "the link, then its parent"
    checked: list[str] = []
    lstat = os.lstat

    def counted(path: str) -> os.stat_result:
        checked.append(path)
        return lstat(path)

    monkeypatch.setattr(sidecars.os, "lstat", counted)
    for n in range(20):
        folders.resolve(real / f"paper-{n}.pdf")
    assert len(checked) == 20, "each new name costs one lstat; the folders above were resolved once"


def test_a_pass_looks_through_a_folders_names_once_however_many_documents_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flat folder of 10,000 PDFs: each document's sidecars and manifests cost a look-up, not a scan.

    Scanning the folder's names for each of its documents made a run over such a folder
    quadratic (a run with nothing to do 9.8 s at 10,000 PDFs).
    """
    from corpus.metadata import sidecars

    folder = tmp_path / "library"
    folder.mkdir()
    for n in range(200):
        (folder / f"paper-{n:03d}.pdf").write_bytes(b"%PDF-1.4")
    (folder / "paper-007.bib").write_text("@article{seven, title = {Seven}}\n")
    scans: list[str] = []

    class Names(frozenset[str]):
        def __iter__(self):  # type: ignore[no-untyped-def]
            scans.append("scan")
            return super().__iter__()

    listed = sidecars.Folders.files
    monkeypatch.setattr(sidecars.Folders, "files", lambda self, where: Names(listed(self, where)))
    folders = sidecars.Folders()
    described = [sidecars.Described.find(folder / f"paper-{n:03d}.pdf", folders) for n in range(200)]
    assert [d.sidecars for d in described if d.sidecars] == [[(folder / "paper-007.bib").resolve()]]
    assert len(scans) <= 10, f"the names were looked through {len(scans)} times for 200 documents"


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Georg von Krogh", "von Krogh", "Georg"),
        ("Anna van der Berg", "van der Berg", "Anna"),
        ("João da Silva", "da Silva", "João"),
        ("Jean-Paul de la Fontaine", "de la Fontaine", "Jean-Paul"),
        ("Aoife Ní Bhriain", "Ní Bhriain", "Aoife"),
        ("Seán Ó Riain", "Ó Riain", "Seán"),
        ("Maria de Fátima Silva", "Silva", "Maria de Fátima"),  # "de" inside the given names
        ("José Ortega y Gasset", "Ortega y Gasset", "José"),
        ("Luís Silva e Costa", "Silva e Costa", "Luís"),
        ("Josep Puig i Cadafalch", "Puig i Cadafalch", "Josep"),
        ("Juan de la Cruz y Moya", "de la Cruz y Moya", "Juan"),
    ],
)
def test_a_particle_before_the_family_name_is_part_of_it(name: str, family: str, given: str) -> None:
    """Cited "von Krogh, G." (APA) and found under it, not "Krogh, G. v."; Spanish, Portuguese and
    Catalan family names joined by "y", "e", "i" are one ("Ortega y Gasset, J.", not "Gasset, J. O. y")."""
    assert person(name) == Person(family=family, given=given)
