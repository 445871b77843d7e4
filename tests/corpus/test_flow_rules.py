"""Boilerplate matched on the flowing text: phrases and trailers however a layout wrapped them."""

from __future__ import annotations

import random
import re
import time

import pytest

from corpus.cleaning.boilerplate import _dense_stretch, remove_running_lines
from corpus.cleaning.clean import clean_pages
from corpus.cleaning.dehyphenate import dehyphenate
from corpus.cleaning.flowtext import cut_spans, flow
from corpus.cleaning.rules import load_rules
from corpus_core.models import CleaningStats
from corpus_core.settings import CleaningSettings

BEFORE = "This first scholarly sentence describes organisational learning in small firms."
AFTER = "The second sentence explains how value co-creation changes the role of customers."
PLACEHOLDER = "Abbildung in dieser Leseprobe nicht enthalten"


def _clean(*pages: str) -> str:
    return clean_pages(list(pages), CleaningSettings(), fmt="pdf").text


def test_flow_collapses_space_joins_hyphenation_and_maps_back() -> None:
    text = "Abbildung  in die-\nser\n\nLese-\nprobe nicht\tenthalten. Anglo-\nAmerican"
    flowing = flow(text)
    assert flowing.text == "Abbildung in dieser Leseprobe nicht enthalten. Anglo- American"
    for phrase, original in [
        ("dieser Leseprobe", "die-\nser\n\nLese-\nprobe"),
        ("Abbildung", "Abbildung"),
        ("nicht enthalten.", "nicht\tenthalten."),
        ("Anglo- American", "Anglo-\nAmerican"),
    ]:
        match = re.search(re.escape(phrase), flowing.text)
        assert match is not None
        start, end = flowing.span(*match.span())
        assert text[start:end] == original
    assert flowing.flow_offset(text.index("nicht")) == flowing.text.index("nicht")
    assert flow("").text == "" and flow(" \n ").text == ""


def test_cut_spans_takes_emptied_lines_and_keeps_neighbours() -> None:
    text = "one\nCUT ME\ntwo CUT three\nfour"
    assert cut_spans(text, [(4, 10), (15, 18)]) == "one\ntwo three\nfour"


@pytest.mark.parametrize(
    "layout",
    [
        f"{BEFORE}\n{PLACEHOLDER}\n{AFTER}",
        f"{BEFORE}\nAbbildung in dieser\nLeseprobe nicht enthalten\n{AFTER}",
        f"{BEFORE}\nAbbildung in dieser Lese-\nprobe nicht\nenthalten\n{AFTER}",
        f"{BEFORE} {PLACEHOLDER} {AFTER}",
        f"{BEFORE} Abbildung in\ndieser Leseprobe nicht enthalten {AFTER}",
        f"{BEFORE}\n[Image not\navailable]\n{AFTER}",
    ],
)
def test_placeholder_gone_however_wrapped(layout: str) -> None:
    assert _clean(layout) == f"{BEFORE} {AFTER}"


def test_placeholder_split_across_pages() -> None:
    result = clean_pages(
        [f"{BEFORE}\nAbbildung in dieser", f"Leseprobe nicht enthalten\n{AFTER}"], CleaningSettings()
    )
    assert result.text == f"{BEFORE}\n\n{AFTER}"
    assert [result.text[p.start : p.end] for p in result.pages] == [BEFORE, AFTER]


def test_notices_gone_text_kept() -> None:
    page = (
        "Downloaded by University of Testing at\n10:11 12 May 2021 (PT)\n"
        "This article has been accepted for publication in a future issue of this journal, but has\n"
        "not been fully edited. Content may change prior to final publication.\n"
        f"{BEFORE}\n{AFTER}"
    )
    assert _clean(page) == f"{BEFORE} {AFTER}"


def test_data_downloaded_in_a_year_is_prose() -> None:
    sentence = "The records were downloaded from the Web of Science in May 2019 and screened twice."
    assert _clean(f"{BEFORE}\n\n{sentence}\n\n{AFTER}") == f"{BEFORE}\n\n{sentence}\n\n{AFTER}"


TRAILER_LAYOUTS = [
    "ISBN (eBook) ISBN (Book) File size 1.1 MB Catalog Number Institution / College Manchester "
    "Metropolitan University Business School critically value co-creation",
    "ISBN (eBook) ISBN\n(Book) File size 1.1\nMB Catalog Number\nInstitution / Col-\nlege Manchester "
    "Metropolitan\nUniversity Business\nSchool critically\nvalue co-creation",
]


@pytest.mark.parametrize("trailer", TRAILER_LAYOUTS)
def test_shop_trailer_found_however_wrapped(trailer: str) -> None:
    title = "Title: The Support of Value\nCo-creation"
    text = _clean(f"{BEFORE}\n\n{AFTER}\n\n{trailer}\n\n{title}")
    assert text == f"{BEFORE}\n\n{AFTER}\n\nTitle: The Support of Value Co-creation"


def test_shop_trailer_joined_to_the_last_paragraph() -> None:
    text = _clean(f"{BEFORE} {AFTER} {TRAILER_LAYOUTS[0]}")
    assert text == f"{BEFORE} {AFTER}"


def test_landing_page_trailer_wrapped() -> None:
    trailer = (
        "Full-text access for editors Full-text access for subscrib-\ners Purchase this article "
        "Comment on\nthis article"
    )
    assert _clean(f"{BEFORE}\n\n{AFTER}\n\n{trailer}") == f"{BEFORE}\n\n{AFTER}"


@pytest.mark.parametrize(
    "ending",
    [
        "Smith, J. (2001), Books, Wiley. ISBN 978-0-12-345678-9.\nDoe, K. (2003), More books, Sage. "
        "ISBN 978-1-23-456789-0.\nLee, A. (2004), Last book, Routledge. ISBN 978-0-41-567890-1.",
        "The ISBN and the file size of each e-book were recorded; the catalog number was not.",
    ],
)
def test_endings_that_mention_shop_fields_stay(ending: str) -> None:
    text = _clean(f"{BEFORE}\n\n{ending}")
    assert " ".join(text.split()) == " ".join(f"{BEFORE} {ending}".split())


def test_wrapped_boilerplate_line_keeps_its_label() -> None:
    text = _clean(f"{BEFORE}\n\nManuscript Type: Article Keywords:\nlearning, value\n\n{AFTER}")
    assert "Keywords: learning, value" in text and "Manuscript Type" not in text


def test_running_head_at_either_edge() -> None:
    head = "The Learning Organization | Manuscript"
    pages = [[head, f"Body {n} one.", f"Body {n} two."] for n in range(3)]
    pages += [[f"Body {n} one.", f"Body {n} two.", head] for n in range(3, 5)]
    kept = remove_running_lines(pages, load_rules(CleaningSettings().rules_file), 3, 0.5, CleaningStats())
    assert all(head not in lines for lines in kept)


def test_suspended_hyphen_keeps_its_space() -> None:
    text, _ = dehyphenate("intra-\nand inter-actor factors", frozenset(), frozenset())
    assert " ".join(text.split()) == "intra- and inter-actor factors"
    text, _ = dehyphenate("a st-\nand of trees", frozenset({"stand"}), frozenset())
    assert text.startswith("a stand"), "a word the text uses elsewhere is joined"


def _dense_brute(numbers: list[int], min_pages: int, share: float) -> bool:
    return any(
        (b - a + 1) >= share * (numbers[b] - numbers[a] + 1)
        for a in range(len(numbers))
        for b in range(a + min_pages - 1, len(numbers))
    )


def test_dense_stretch_matches_the_definition_in_linear_time() -> None:
    generator = random.Random(11)
    for _ in range(400):
        numbers = sorted(generator.sample(range(60), generator.randint(0, 20)))
        min_pages, share = generator.randint(2, 5), generator.choice([0.3, 0.5, 0.75, 1.0])
        assert _dense_stretch(numbers, min_pages, share) == _dense_brute(numbers, min_pages, share)
    spread = list(range(0, 400_000, 4))  # 100,000 pages, none dense: the old loop took hours
    start = time.perf_counter()
    assert not _dense_stretch(spread, 3, 0.5)
    assert time.perf_counter() - start < 2.0
