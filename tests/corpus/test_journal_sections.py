"""Editorials, letters, commentaries, replies and obituaries: a journal's other sections, read as works.

A journal sets such a piece under the name of its section ("Guest editorial", "Letter to the
Editor", "Invited commentary"), or gives it a title in a label's shape ("Guest editorial: ...",
"Reply to Smith: ...", "In memoriam: ..."), and prints its text straight under its authors,
with no abstract between. Read as a research paper, the section's name was the title, the
authors were run into the first paragraph (or taken for the title), and an untitled editorial
was cited by its author's name. APA 7 (10.1) describes an editorial and a letter in brackets
after the title: "Study abroad programs [Editorial]". Each PDF is set with
`tests.corpus.layouts` and prepared as ingestion does; the citation is what a writer pastes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.cleaning.reflow import reflow
from corpus_core.models import Document
from search_api.citations import Citation
from tests.conftest import PDFS
from tests.corpus.layouts import Layout, prepared_under
from tests.corpus.zotero_library import LibraryWriter, build_library

EMERALD_FOOT = (
    "The Learning Organization Vol. 28 No. 3, 2021 pp. 201-204 © Emerald Publishing Limited 0969-6474 "
    "DOI 10.1108/TLO-05-2021-300"
)
SAGE_FOOT = "Management Learning 2021, Vol. 52(3) 280–282 © The Author(s) 2021 DOI: 10.1177/13505076211012399"
ELSEVIER_FOOT = "Journal of Business Research 120 (2020) 101–103"
JSM_FOOT = "Journal of Service Management 2021, Vol. 32(3) 280–285"
TITLE = "Learning organizations in turbulent times"


def _prepared(head: str, foot: str, path: Path, first: int = 201) -> Document:
    """A piece: `head` over six paragraphs of prose, a journal's foot on its pages, numbered from `first`."""
    return prepared_under(head, Layout(name="section", foot=foot, first_number=first), path)


@pytest.mark.parametrize(
    ("head", "foot", "apa"),
    [
        pytest.param(
            f"Guest editorial\n\n{TITLE}\n\nJane Smith and Robert Jones\n\n",
            EMERALD_FOOT,
            "Smith, J., & Jones, R. (2021). Learning organizations in turbulent times [Editorial]. The "
            "Learning Organization, 28(3), 201–204. https://doi.org/10.1108/TLO-05-2021-300",
            id="emerald-guest-editorial-over-the-title",
        ),
        pytest.param(
            "EDITORIAL\n\nValue co-creation at twenty: where next?\n\nJane Smith\n\n",
            ELSEVIER_FOOT,
            "Smith, J. (2020). Value co-creation at twenty: Where next? [Editorial]. Journal of Business "
            "Research, 120, 101–103.",
            id="elsevier-editorial-in-capitals",
        ),
        pytest.param(
            "Letter to the Editor\n\nOn the measurement of organizational learning\n\nJane Smith\n\n",
            SAGE_FOOT,
            "Smith, J. (2021). On the measurement of organizational learning [Letter to the editor]. "
            "Management Learning, 52(3), 280–282. https://doi.org/10.1177/13505076211012399",
            id="letter-to-the-editor",
        ),
        pytest.param(
            "Invited commentary\n\nWhy learning organizations fail to learn\n\nJane Smith\n\n",
            SAGE_FOOT,
            "Smith, J. (2021). Why learning organizations fail to learn. Management Learning, 52(3), "
            "280–282. https://doi.org/10.1177/13505076211012399",
            id="commentary-no-description",
        ),
        pytest.param(
            "Editorial\n\nJane Smith\n\nUniversity of Leeds, UK\n\n",
            SAGE_FOOT,
            "Smith, J. (2021). Editorial. Management Learning, 52(3), 280–282. "
            "https://doi.org/10.1177/13505076211012399",
            id="untitled-editorial",
        ),
    ],
)
def test_a_sections_name_over_the_title_is_no_title_and_an_editorial_is_described(
    head: str, foot: str, apa: str, tmp_path: Path
) -> None:
    first = 101 if foot == ELSEVIER_FOOT else 280 if foot == SAGE_FOOT else 201
    document = _prepared(head, foot, tmp_path / "piece.pdf", first)
    assert Citation("r", document.metadata).format("apa") == apa


@pytest.mark.parametrize(
    ("head", "title", "authors"),
    [
        pytest.param(
            f"Guest editorial: {TITLE}\n\nJane Smith and Robert Jones\n\n",
            f"Guest editorial: {TITLE}",
            ["Smith", "Jones"],
            id="guest-editorial-in-the-title",
        ),
        pytest.param(
            "Reply to Smith: measurement still matters\n\nRobert Jones\n\n",
            "Reply to Smith: measurement still matters",
            ["Jones"],
            id="reply",
        ),
        pytest.param(
            "In memoriam: Chris Argyris (1923-2013)\n\nJane Smith\n\n",
            "In memoriam: Chris Argyris (1923-2013)",
            ["Smith"],
            id="obituary-with-life-years",
        ),
        pytest.param(
            "Introduction to the special issue: Value co-creation in service ecosystems\n\nJane Smith and "
            "Robert Jones\n\n",
            "Introduction to the special issue: Value co-creation in service ecosystems",
            ["Smith", "Jones"],
            id="introduction-to-a-special-issue",
        ),
        pytest.param(
            "An interview with Peter Senge\n\nInterviewed by Jane Smith\n\n",
            "An interview with Peter Senge",
            ["Smith"],
            id="interview",
        ),
    ],
)
def test_a_title_in_a_labels_shape_keeps_its_authors_apart_from_the_text(
    head: str, title: str, authors: list[str], tmp_path: Path
) -> None:
    meta = _prepared(head, EMERALD_FOOT, tmp_path / "piece.pdf").metadata
    assert (meta.title, [person.family for person in meta.authors]) == (title, authors)
    assert meta.genre == ""  # the title says what it is: no "[Editorial]" after "Guest editorial: ..."


def test_the_text_under_a_reply_does_not_open_with_its_authors(tmp_path: Path) -> None:
    head = "Reply to Smith: measurement still matters\n\nRobert Jones\n\n"
    document = _prepared(head, SAGE_FOOT, tmp_path / "reply.pdf", 280)
    assert "Robert Jones Case 0" not in document.text


def test_a_fields_value_wrapped_under_its_label_stays_one_paragraph() -> None:
    assert reflow("Title: The Support of Value\nCo-creation\nJane Smith and Robert Jones") == (
        "Title: The Support of Value Co-creation Jane Smith and Robert Jones"
    )
    assert reflow("Table 2: Results of the survey\nVariable Mean SD\nTrust 3.2 0.4") == (
        "Table 2: Results of the survey Variable Mean SD Trust 3.2 0.4"
    )
    opening = "Guest editorial: learning in crisis\nJane Smith and Robert Jones\nThis issue asks why."
    assert reflow(opening) == (
        "Guest editorial: learning in crisis\n\nJane Smith and Robert Jones\n\nThis issue asks why."
    )


PAPER_KINDS = ["SPECIAL ISSUE ARTICLE", "Full length article", "Original Paper", "SYSTEMATIC REVIEW"]
PAPER_KINDS += ["Conceptual paper", "Literature review", "Original Research"]


@pytest.mark.parametrize("label", PAPER_KINDS)
def test_the_kind_of_paper_printed_over_its_title_is_no_title(label: str, tmp_path: Path) -> None:
    abstract = "Abstract\n\nThis paper asks why firms learn.\n\n"
    meta = _prepared(
        f"{label}\n\n{TITLE}\n\nJane Smith and Robert Jones\n\n{abstract}", JSM_FOOT, tmp_path / "p.pdf", 280
    ).metadata
    assert (meta.title, [person.family for person in meta.authors]) == (TITLE, ["Smith", "Jones"])
    assert meta.genre == ""


def test_a_zotero_articles_genre_in_extra_describes_it(tmp_path: Path) -> None:
    library = build_library(tmp_path)
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(9, "journalArticle", "EDITOR01")
        write.field(9, "title", TITLE)
        write.field(9, "publicationTitle", "The Learning Organization")
        write.field(9, "date", "2021")
        write.field(9, "extra", "Genre: Editorial")
        write.creator(9, 0, "author", "Smith", "Jane")
        write.attachment(91, 9, "ATTEDIT1", 2, str(PDFS / "minimal-document.pdf"))
    editorial = library.records()["EDITOR01"]

    assert Citation("r", editorial).format("apa") == (
        f"Smith, J. (2021). {TITLE} [Editorial]. The Learning Organization."
    )
