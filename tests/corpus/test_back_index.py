"""A book's index at its back: dropped, as a table of contents is (`corpus.cleaning.back_index`).

GeoTopo's "Stichwortverzeichnis" (three pages of "Knoten, 20, 17–21") was indexed as passages
of a hundred terms each, cited on the index's pages.
"""

from __future__ import annotations

from corpus.cleaning.back_index import INDEX, remove_index
from corpus.cleaning.clean import clean_pages
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import CleaningStats
from corpus_core.settings import CleaningSettings, load_settings
from tests.conftest import PDFS

FIRST_PAGE = [
    "as the teams learned to ask their customers before they changed a routine.",
    "Index",
    "absorptive capacity, 12, 45–47",
    "Argyris, C., 3, 18f.",
    "boundary spanners, 61",
    "co-creation",
    "of value, 2, 14–19, 88",
    "with customers, 23",
    "double-loop learning, 7, 9",
    "experiments, see trials",
    "feedback loops, 70ff.",
    "Garvin, D. A., 5",
    "knowledge sharing, 31, 40",
    "learning organization, 1–9, 33",
    "Nonaka, I., 27",
    "routines, ix, 50–58",
    "Senge, P. M., 4, 11",
]
SECOND_PAGE = [
    "214 Index",
    "service ecosystems, 90",
    "tacit knowledge, 28",
    "teams, see also groups",
    "trials, 66",
]


def test_index_pages_are_dropped_and_the_text_before_stays() -> None:
    stats = CleaningStats()
    pages = remove_index([FIRST_PAGE, SECOND_PAGE, ["Notes on the authors"]], stats)
    assert pages == [FIRST_PAGE[:1], [], ["Notes on the authors"]]
    assert stats.removed[INDEX] == sum(len(line) for line in FIRST_PAGE[1:] + SECOND_PAGE)


def test_a_short_page_alone_is_no_index() -> None:
    stats = CleaningStats()
    assert remove_index([SECOND_PAGE], stats) == [SECOND_PAGE]
    assert stats.removed == {}


def test_a_reference_list_without_full_stops_stays() -> None:
    references = [
        "Argyris C, Schön D. Organizational learning: a theory of action perspective",
        "Addison-Wesley, Reading, 1978",
        "Garvin DA. Building a learning organization",
        "Harv Bus Rev, 71, 78–91",
        "Nonaka I. A dynamic theory of organizational knowledge creation",
        "Organ Sci, 5, 14–37",
        "Senge PM. The fifth discipline: the art and practice of the learning organization",
        "Doubleday, New York, 1990",
        "Vargo SL, Lusch RF. Evolving to a new dominant logic for marketing",
        "J Mark, 68, 1–17",
    ] * 2
    stats = CleaningStats()
    assert remove_index([references], stats) == [references]


def test_cleaning_counts_the_index() -> None:
    text = "\n".join(FIRST_PAGE)
    result = clean_pages([text], CleaningSettings(), fmt="pdf")
    assert result.text == FIRST_PAGE[0]
    assert result.stats.removed[INDEX] > 0


def test_lecture_notes_lose_their_index() -> None:
    settings = load_settings()
    doc = prepare_document(load_file(PDFS / "GeoTopo-komprimiert.pdf", settings.loading), settings)
    for number in (115, 116, 117):
        assert doc.text[doc.pages[number - 1].start : doc.pages[number - 1].end] == ""
    assert "Stichwortverzeichnis" not in doc.text
    assert "Kleeblattknoten, 20" not in doc.text
    assert "Weingarten-Abbildung" in doc.text  # the symbol list before it stays
