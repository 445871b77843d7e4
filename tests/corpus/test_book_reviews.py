"""Book reviews from journals: cited as the reviewer's review of the book, not as the book.

A journal's review opens under its section's head ("Book review", "BOOK REVIEWS") on the book
it reviews, set as the journal sets a book (names over title and imprint, title "By" names,
a reference list's order, a note's order), and its reviewer signs it under the book or at its
end. Read as a paper, the head was the title and the book's author the review's: a writer
citing it credited the review to Senge. Each PDF is set with `tests.corpus.layouts` and
prepared as ingestion does; the citation is what a writer pastes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.metadata.corrections import apply_corrections, parse_assignments
from corpus.metadata.sidecars import record_from_mapping
from corpus.pipeline import prepare_document
from corpus_core.models import Document, Metadata, Person
from corpus_core.settings import load_settings
from search_api.citations import Citation, format_bibliography
from tests.corpus.layouts import Layout, case_study_prose, render

FIFTH = "The Fifth Discipline: The Art and Practice of the Learning Organization"
SAGE_FOOT = "Management Learning 2021, Vol. 52(3) 380–382 © The Author(s) 2021 DOI: 10.1177/13505076211012345"
ASQ_FOOT = "Administrative Science Quarterly 64 (2019) 512–515"
SIGNED = "\n\nJane Q. Reviewer\n\nDepartment of Management\n\nUniversity of Leeds\n"


def _prepared(head: str, foot: str, path: Path, end: str = "") -> Document:
    """A review: `head` over eight case studies (and `end`), a journal's foot on every page."""
    layout = Layout(name="review", foot=foot, first_number=380)
    rendered = render(head + case_study_prose(8) + end, layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.mark.parametrize(
    ("head", "foot", "end"),
    [
        pytest.param(
            f"Book review\n\nPeter M. Senge\n\n{FIFTH}, Random House: London, 2006; 445 pp.: ISBN "
            "9781905211203\n\nReviewed by: Jane Q. Reviewer, University of Leeds, UK\n\n",
            SAGE_FOOT,
            "",
            id="sage-names-over-title",
        ),
        pytest.param(
            f"BOOK REVIEWS\n\n{FIFTH}. By Peter M. Senge. New York: Doubleday, 2006. 445 pp. $27.50, "
            "cloth.\n\n",
            ASQ_FOOT,
            SIGNED,
            id="title-by-names-signed-at-the-end",
        ),
        pytest.param(
            "Book Reviews\n\nSenge, P. M. (2006). The fifth discipline: The art and practice of the learning "
            "organization. New York: Doubleday. 445 pp. ISBN 978-0-385-51725-6\n\nReviewed by Jane Q. "
            "Reviewer\n\n",
            ASQ_FOOT,
            "",
            id="reference-list-order",
        ),
        pytest.param(
            f"Book Review\n\nPeter M. Senge, {FIFTH} (New York: Doubleday, 2006), 445 pp., $27.50.\n\n",
            ASQ_FOOT,
            SIGNED,
            id="note-order",
        ),
        pytest.param(
            f"BOOK REVIEW\n\n{FIFTH}, by Peter M. Senge, London, Random House, 2006, 445 pp., £20.00 "
            "(paperback), ISBN 978-1-905211-20-3\n\n",
            "THE LEARNING ORGANIZATION 2021, VOL. 28, NO. 3, 301–303",
            "\n\nJane Q. Reviewer\n\nUniversity of Leeds, UK\n\njane.reviewer@leeds.ac.uk\n\n© 2021 Jane Q. "
            "Reviewer\n\nhttps://doi.org/10.1080/14767333.2021.1912345\n",
            id="taylor-and-francis-imprint-in-commas",
        ),
        pytest.param(
            f"Book Review\n\n{FIFTH}. By Peter M. Senge. New York: Doubleday, 2006. 445 pp.\n\n",
            ASQ_FOOT,
            "\n\nReviewed by Jane Q. Reviewer, University of Leeds\n",
            id="reviewed-by-at-the-end",
        ),
    ],
)
def test_a_book_review_is_the_reviewers_review_of_the_book(
    tmp_path: Path, head: str, foot: str, end: str
) -> None:
    meta = _prepared(head, foot, tmp_path / "review.pdf", end).metadata

    assert [(p.family, p.given) for p in meta.authors] == [("Reviewer", "Jane Q.")]
    assert [(p.family, p.given[0]) for p in meta.reviewed_authors] == [("Senge", "P")]
    assert meta.title.casefold() == FIFTH.casefold()
    assert meta.kind == "review-book"
    apa = Citation("r", meta).format("apa")
    assert (
        "[Review of the book The fifth discipline: The art and practice of the learning organization, "
        "by P. M. " in apa
    )
    assert "Senge]" in apa


def test_a_review_of_a_book_by_two_authors_names_both(tmp_path: Path) -> None:
    head = (
        "BOOK REVIEWS\n\nChris Argyris and Donald A. Schön, Organizational Learning II: Theory, Method, and "
        "Practice (Reading, MA: Addison-Wesley, 1996), 305 pp., $34.95.\n\nReviewed by: Jane Q. Reviewer, "
        "University of Leeds\n\n"
    )
    meta = _prepared(head, ASQ_FOOT, tmp_path / "review.pdf").metadata

    assert [p.family for p in meta.reviewed_authors] == ["Argyris", "Schön"]
    assert meta.title == "Organizational Learning II: Theory, Method, and Practice"
    chicago = Citation("r", meta).format("chicago")
    assert chicago.startswith(
        "Reviewer, Jane Q. 2019. Review of Organizational Learning II: Theory, Method, and"
    )
    assert "by Chris Argyris and Donald A. Schön. Administrative Science Quarterly 64" in chicago


def test_a_books_title_with_by_in_it_stays_whole(tmp_path: Path) -> None:
    head = (
        "BOOK REVIEWS\n\nLearning by Doing: Organizations That Learn. By Maria Rossi and John Park. "
        "Cambridge, "
        "MA: MIT Press, 2018. 280 pp. $35.00, cloth.\n\n"
    )
    meta = _prepared(head, ASQ_FOOT, tmp_path / "review.pdf", end=SIGNED).metadata

    assert meta.title == "Learning by Doing: Organizations That Learn"
    assert [p.family for p in meta.reviewed_authors] == ["Rossi", "Park"]
    assert [p.family for p in meta.authors] == ["Reviewer"]


def test_a_review_without_its_reviewer_is_credited_to_nobody_rather_than_to_the_books_author(
    tmp_path: Path,
) -> None:
    head = f"BOOK REVIEWS\n\n{FIFTH}. By Peter M. Senge. New York: Doubleday, 2006. 445 pp.\n\n"
    meta = _prepared(head, ASQ_FOOT, tmp_path / "review.pdf", end="\n\nPeter M. Senge\n").metadata

    assert meta.reviewed_authors and meta.authors == []


def test_a_paper_under_a_review_articles_head_is_no_book_review(tmp_path: Path) -> None:
    head = (
        "Reviews\n\nLearning Organizations and Value Co-creation: A Review of 445 Cases\n\nMaria Rossi, "
        "University of Leeds: Leeds, 2019\n\nThis review covers 445 pp. of case material on learning with "
        "customers, ISBN aside.\n\n"
    )
    meta = _prepared(head, ASQ_FOOT, tmp_path / "paper.pdf").metadata

    assert meta.kind != "review-book" and meta.reviewed_authors == []


def test_a_reviews_record_from_a_csl_json_sidecar_or_corpus_edit_names_what_it_reviews(
    tmp_path: Path,
) -> None:
    """A review with a title of its own keeps it; the reviewed book's is `reviewed_title`, cited as the
    record writes it (the sentence case made at ingestion is the review's own title's)."""
    sidecar = {
        "type": "article-journal",
        "title": "Learning to learn, again",
        "author": [{"family": "Reviewer", "given": "Jane Q."}],
        "reviewed-author": [{"family": "Senge", "given": "Peter M."}],
        "reviewed-title": FIFTH,
        "container-title": "Management Learning",
        "issued": {"date-parts": [[2021]]},
    }
    read = record_from_mapping(sidecar)
    edited = apply_corrections(
        Metadata(title="Learning to learn, again", authors=[Person("Reviewer", "Jane Q.")], year=2021),
        parse_assignments([f"reviewed_title={FIFTH}", "reviewed_authors=Senge, Peter M."]),
    )

    for meta in (read, edited):
        assert (meta.reviewed_authors, meta.reviewed_title) == ([Person("Senge", "Peter M.")], FIFTH)
    assert Citation("r", read).format("apa") == (
        "Reviewer, J. Q. (2021). Learning to learn, again [Review of The Fifth Discipline: The Art and "
        "Practice of the Learning Organization, by P. M. Senge]. Management Learning."
    )
    assert Citation("r", read).format("harvard") == (
        "Reviewer, J.Q. (2021) ‘Learning to learn, again [Review of The Fifth Discipline: The Art and "
        "Practice of the Learning Organization, by Peter M. Senge]’, Management Learning."
    )
    assert "title = {Learning to learn, again [Review of The Fifth Discipline" in Citation("r", read).bibtex()
    exported = json.loads(format_bibliography([Citation("r", read)], "csl-json"))[0]
    assert exported["reviewed-author"] == [{"family": "Senge", "given": "Peter M."}]
    assert exported["reviewed-title"] == FIFTH
