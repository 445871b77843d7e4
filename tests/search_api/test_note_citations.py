"""`corpus check` on a draft in Chicago's notes and bibliography style: citations in footnotes.

A full note names authors, a quoted or emphasised title, the year and the page; a short note
the family name, a short title and the page; "Ibid." the work of the note before. Quoted
titles are no quotations, a note's "(New York: Doubleday, 1990)" no citation of its own, and
a quotation takes the citation of the footnote its mark calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_core.models import Metadata, Person
from indexing.catalog import WorkRecord
from search_api import Corpus
from search_api.draft_check import WorkResolver
from search_api.draft_citations import parse_draft, read_draft
from tests.corpus.word_notes import refer, with_notes
from tests.search_api.writing_corpus import CHUNG, LEARNING, WritingCorpus

MARKDOWN_NOTES = """Customers are partners in learning.[^1] Later work agrees.[^2] A classic says so too.[^3]

However, “learning organizations” are rare, as many note in passing and argue at length.

Senge, “the father of the learning organization,” wrote in 1990 that teams learn, p. 3.

[^1]: Yin Min Chung, “Co-creation with the Customer: A Strategy for Organisation Learning and \
Innovation,” *The Learning Organization* 16, no. 1 (2009): 21.
[^2]: Chung, “Co-creation with the Customer,” 22; see also Ken Dovey, Brian Burdon, and Robert \
Simpson, “The Learning Organization as a Context for Value Co-creation,” *The Learning \
Organization* 26, no. 5 (2019): 450–51.
[^3]: Peter M. Senge, The Fifth Discipline: The Art and Practice of the Learning Organization \
(New York: Doubleday, 1990), 14.
[^4]: Ibid., 23.
[^5]: “The Support of Value Co-creation,” Journal of Service Theory, 2016, 3.

“Learning is co-creation,” as Chung writes in 2009, says it all.

ID cards and ibid. marks in a sentence of the text are no citation, and neither is this one.
"""


def _cites(text: str) -> list[tuple[str, list[str], str, str, str]]:
    return [(c.kind, c.authors, c.year, c.pages, c.title) for c in parse_draft(text).citations]


def test_full_short_book_and_ibid_notes_are_read() -> None:
    assert _cites(MARKDOWN_NOTES) == [
        (
            "note",
            ["Chung"],
            "2009",
            "21",
            "Co-creation with the Customer: A Strategy for Organisation Learning and Innovation",
        ),
        ("note", ["Chung"], "", "22", "Co-creation with the Customer"),
        (
            "note",
            ["Dovey", "Burdon", "Simpson"],
            "2019",
            "450-51",
            "The Learning Organization as a Context for Value Co-creation",
        ),
        (
            "note",
            ["Senge"],
            "1990",
            "14",
            "The Fifth Discipline: The Art and Practice of the Learning Organization",
        ),
        ("ibid", [], "", "23", ""),
        ("note", [], "2016", "3", "The Support of Value Co-creation"),
    ]
    quotes = [q.text for q in parse_draft(MARKDOWN_NOTES).quotes]
    assert quotes == [
        "the father of the learning organization,",
        "Learning is co-creation,",
    ], "a note's quoted title is no quotation; a sentence's quotation is one"


def test_a_word_drafts_notes_are_paragraphs_after_the_text_and_take_its_quotations() -> None:
    """A Word draft's loader sets each footnote as a paragraph after the one that calls it."""
    draft = parse_draft(
        'Customers learn: "learning happens in the exchange with the customer" and "value is '
        'made in use by the customer" too.\n\n'
        "Yin Min Chung, “Co-creation with the Customer,” The Learning Organization 16, no. 1 "
        "(2009): 21.\n\nIbid., 23.\n\n"
        'Later, "a quotation that no note follows in this draft" ends it.\n'
    )
    assert [c.kind for c in draft.citations] == ["note", "ibid"]
    assert [q.citation for q in draft.quotes] == [0, 1, None]


def test_a_quotation_takes_the_note_its_footnote_mark_calls() -> None:
    draft = parse_draft(
        'Chung found that "learning happens in the exchange with the customer".[^7] Others differ.[^8]\n\n'
        "[^8]: Ibid., 30.\n"
        "[^7]: Chung, “Co-creation with the Customer,” 21.\n"
    )
    assert [(c.kind, c.pages) for c in draft.citations] == [("ibid", "30"), ("note", "21")]
    assert [q.citation for q in draft.quotes] == [1]


def test_a_word_draft_with_footnotes_is_read_with_its_note_citations(tmp_path: Path) -> None:
    """A real .docx: each footnote follows the paragraph that calls it, and takes its quotation."""
    import docx

    document = docx.Document()
    quoting = document.add_paragraph('Chung holds that "learning happens in the exchange with the customer".')
    refer(quoting, "footnote", "1")
    later = document.add_paragraph("Others agree.")
    refer(later, "footnote", "2")
    last = document.add_paragraph("A classic says so.")
    refer(last, "footnote", "3")
    with_notes(
        document,
        "footnote",
        {
            "1": "Yin Min Chung, “Co-creation with the Customer,” The Learning Organization 16 (2009): 21.",
            "2": "Ibid., 23.",
            "3": "Senge, Fifth Discipline, 14.",
        },
    )
    path = tmp_path / "chapter.docx"
    document.save(str(path))
    draft = parse_draft(read_draft(path, 100_000))
    assert [(c.kind, c.authors, c.year, c.pages, c.title) for c in draft.citations] == [
        ("note", ["Chung"], "2009", "21", "Co-creation with the Customer"),
        ("ibid", [], "", "23", ""),
        ("note", ["Senge"], "", "14", "Fifth Discipline"),
    ], "a book's short note whose italics Word's text lost is read too"
    assert [(q.text, q.citation) for q in draft.quotes] == [
        ("learning happens in the exchange with the customer", 0)
    ]


def _work(work_id: str, title: str, year: int, *families: str) -> WorkRecord:
    metadata = Metadata(title=title, year=year, authors=[Person(family=f) for f in families])
    return WorkRecord(work_id, metadata, [])


def test_a_note_resolves_by_title_and_authors_then_year() -> None:
    resolver = WorkResolver(
        [
            _work("c", "Co-creation with the customer", 2009, "Chung"),
            _work("s", "The fifth discipline", 1990, "Senge"),
            _work("x", "Co-creation with the customer", 2012, "Other"),
            _work("n", "Co-creation with the customer: notes", 2010),
        ]
    )
    draft = parse_draft(
        "1. Chung, “Co-creation with the Customer,” 22.\n"
        "2. Peter Senge, *The Fifth Discipline* (New York: Doubleday, 1991), 14.\n"
        "3. Jane Smith, “Unknown Essays on Learning,” *Journal* 2 (2001): 5.\n"
    )
    resolved = [resolver.resolve(c) for c in draft.citations]
    assert [(status, [w.work_id for w in works]) for status, works, _ in resolved] == [
        ("ok", ["c"]),
        ("year_differs", ["s"]),
        ("not_in_corpus", []),
    ]


@pytest.mark.slow
def test_a_notes_draft_is_checked_like_an_author_date_one(writing: WritingCorpus, corpus: Corpus) -> None:
    on_104 = writing.quotation("learning", "104")
    text = (
        f'Dovey and colleagues write that "{on_104}".[^1] Customers co-create value.[^2] '
        "So do suppliers.[^3] Senge agrees.[^4]\n\n"
        "[^1]: Ken Dovey, Brian Burdon, and Robert Simpson, “The Learning Organization as a Context "
        "for Value Co-creation,” *The Learning Organization* 26, no. 5 (2019): 104.\n"
        "[^2]: Yin Min Chung, “Co-creation with the Customer,” *International Journal of Learning "
        "and Intellectual Capital* 6, no. 1 (2009): 19.\n"
        "[^3]: Ibid., 3.\n"
        "[^4]: Peter M. Senge, *The Fifth Discipline* (New York: Doubleday, 1990), 14.\n"
    )
    report = corpus.check(text)
    assert [(c.kind, c.status) for c in report.citations] == [
        ("note", "ok"),
        ("note", "ok"),
        ("ibid", "page_outside"),
        ("note", "not_in_corpus"),
    ]
    assert [c.work.title if c.work else None for c in report.citations] == [LEARNING, CHUNG, CHUNG, None]
    assert report.citations[2].message.startswith("ibid.: the work of the note before; page 3 is outside")
    assert [c.suggested for c in report.citations] == ["", "", "", ""], "no author-date form for a note"
    assert [(q.status, q.page, q.on_cited_page) for q in report.quotes] == [("verbatim", "104", True)]
    assert report.problems == 2
    in_notes = corpus.check(text, style="chicago-notes")
    assert in_notes.citations[0].suggested == (
        "Ken Dovey et al., “The Learning Organization as a Context for Value Co-creation,” "
        "The Learning Organization, 2019, 104."
    ), "the full note at the cited page; CMOS 18 writes three authors' first et al. in a note"
    assert in_notes.reference_list.startswith("Chung, Yin Min. “Co-creation with the Customer")
    short = corpus.check(
        "Customers co-create.[^1]\n\n[^1]: Chung, “Co-creation,” 19.\n", style="chicago-notes"
    )
    assert [(c.status, c.suggested) for c in short.citations] == [
        ("ok", "Chung, “Co-creation with the Customer,” 19.")
    ], "a short note's suggestion is the style's short note"
    listed = corpus.check(
        text.replace("Senge agrees.[^4]", "Senge agrees.[^4] Again.[^5]")
        + "[^5]: Senge, *Fifth Discipline*, 20.\n"
        + "\n## Bibliography\n\n"
        "Chung, Yin Min. “Co-creation with the Customer.” *International Journal of Learning and "
        "Intellectual Capital* 6, no. 1 (2009): 19–30.\n\n"
        "Senge, Peter M. *The Fifth Discipline*. New York: Doubleday, 1990.\n"
    )
    assert listed.missing_references == [report.citations[0].text], "Dovey et al. have no entry"
    assert listed.uncited_references == []
