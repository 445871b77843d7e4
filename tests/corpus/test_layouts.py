"""Each seed set as a PDF in layouts the project never saw: the cruft goes, the scholarly text stays.

Layouts: one column with a download notice in the footer and printed pages from 245; two
columns under a manuscript running head with the page number top right and a cover page of
"Downloaded by" / "This article has been accepted" notices; two narrow columns that wrap and
hyphenate the placeholders and the shop trailer, with a footer; one narrow column in small type
with the running head at the foot only; one and two columns whose paragraphs an indented first
line alone marks (no space between them). Both directions are asserted on every seed: no cruft
left, every prose line of the seed kept word for word, and text cited on the printed page it
was drawn on.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import ftfy
import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, Rendered, render
from tests.corpus.seed_texts import raw_seed
from tests.corpus.test_clean_seeds import BOILERPLATE, SENTENCES

DOWNLOADED = "Downloaded by Universidad de Prueba At: 10:11 12 May 2021 (PT)"
ACCEPTED = (
    "This article has been accepted for publication in a future issue of this journal, but has not "
    "been fully edited. Content may change prior to final publication."
)
LAYOUTS = [
    Layout(
        "one-column",
        foot="Downloaded by University of Testing at 10:11 12 May 2021",
        first_number=245,
    ),
    Layout(
        "two-columns-cover",
        columns=2,
        head="Journal of Service Research | Manuscript JSR-03-2020-0042",
        number_at="top",
        first_number=12,
        cover=(DOWNLOADED, ACCEPTED),
    ),
    Layout(
        "two-narrow-columns",
        columns=2,
        column_width=150,
        head="Okafor and Lindqvist",
        foot="Journal of Marketing Studies (2021) 14(2): 201-232",
        number_at="bottom",
        first_number=201,
    ),
    Layout(
        "narrow-small-type",
        column_width=210,
        font_size=8.5,
        foot="International Journal of Testing, Vol. 7, No. 3, 2020 | page {page}",
        number_at="",
        first_number=3,
    ),
    Layout(
        "numbered-manuscript",
        font_size=11,
        head="Running head: LEARNING AND VALUE CO-CREATION",
        number_at="top",
        line_numbers=1,
    ),
    Layout(
        "three-columns",
        columns=3,
        font_size=9,
        gutter=14,
        head="Magazine of Organizational Testing",
        foot="Issue 7 | Spring 2020",
        first_number=33,
    ),
    Layout(
        "three-columns-numbered-head",
        columns=3,
        font_size=9,
        gutter=14,
        head="Journal of Workplace Learning 33(4) (2021)",
        number_at="head",
        first_number=411,
    ),
    Layout(
        "two-columns-numbered-head",
        columns=2,
        font_size=9.5,
        head="Team Learning and Value Co-Creation",
        number_at="head",
        first_number=88,
    ),
    Layout(
        "small-type-wide-margins",
        font_size=8,
        margin=120,
        foot="© 2020 Testing Press. All rights reserved.",
    ),
    Layout(
        "numbered-every-fifth",
        columns=2,
        foot="Submitted manuscript, not for distribution",
        line_numbers=5,
    ),
    Layout(
        "one-column-indented",
        head="The Learning Organization 26(5)",
        first_number=457,
        indent=12,
        paragraph_gap=0,
    ),
    Layout(
        "two-columns-indented",
        columns=2,
        font_size=9,
        foot="Journal of Service Theory and Practice, 2019",
        number_at="top",
        first_number=88,
        indent=10,
        paragraph_gap=0,
    ),
]
SEEDS = ["000", "001", "002", "003", "004"]
NOTICES = {
    "one-column": ["Downloaded by"],
    "two-columns-cover": ["Downloaded by", "accepted for publication", "fully edited", "JSR-03-2020-0042"],
}
"""Cruft that goes by its wording, on however few pages it stands."""
FURNITURE = {
    "one-column": ["Downloaded by", "University of Testing"],
    "two-columns-cover": ["Downloaded by", "accepted for publication", "fully edited", "JSR-03-2020-0042"],
    "two-narrow-columns": ["Okafor and Lindqvist", "14(2): 201-232"],
    "narrow-small-type": ["International Journal of Testing", "Vol. 7, No. 3"],
    "three-columns": ["Magazine of Organizational Testing", "Spring 2020"],
    "three-columns-numbered-head": ["Journal of Workplace Learning"],
    "two-columns-numbered-head": ["Team Learning and Value Co-Creation"],
    "small-type-wide-margins": ["Testing Press"],
    "numbered-manuscript": ["Running head"],
    "numbered-every-fifth": ["Submitted manuscript"],
    "one-column-indented": ["The Learning Organization 26(5)"],
    "two-columns-indented": ["Journal of Service Theory and Practice"],
}


def _normal(text: str) -> str:
    return " ".join(ftfy.fix_text(text).replace("\u2010", "-").replace("|", "'").split())


@cache
def _made(seed: str, layout_name: str, folder: Path) -> tuple[Rendered, Document]:
    layout = next(layout for layout in LAYOUTS if layout.name == layout_name)
    rendered = render(raw_seed(seed), layout, folder / f"{seed}-{layout_name}.pdf")
    settings = load_settings()
    return rendered, prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("layouts")


CASES = [(seed, layout.name) for seed in SEEDS for layout in LAYOUTS]


@pytest.mark.parametrize(("seed", "layout"), CASES)
def test_cruft_gone(seed: str, layout: str, folder: Path) -> None:
    rendered, document = _made(seed, layout, folder)
    text = document.text.lower()
    # A running head is told by its repeating: on fewer pages than that it reads as a heading.
    repeats = (
        sum(1 for printed in rendered.printed if printed) >= load_settings().cleaning.repeated_line_min_pages
    )
    furniture = FURNITURE[layout] if repeats else NOTICES.get(layout, [])
    left = [phrase for phrase in BOILERPLATE + furniture if phrase.lower() in text]
    assert left == []


@pytest.mark.parametrize("layout", [layout.name for layout in LAYOUTS])
def test_running_lines_of_a_two_page_paper_gone(layout: str, folder: Path) -> None:
    """The first paragraphs of seed 001 that fill two printed pages: too few to repeat on three."""
    chosen = next(candidate for candidate in LAYOUTS if candidate.name == layout)
    blocks = raw_seed("001").split("\n\n")
    for count in range(8, len(blocks)):
        short = "\n\n".join(blocks[:count])
        rendered = render(short, chosen, folder / f"short-{layout}.pdf")
        if sum(1 for printed in rendered.printed if printed) == 2:
            break
    assert sum(1 for printed in rendered.printed if printed) == 2
    settings = load_settings()
    text = prepare_document(load_file(rendered.path, settings.loading), settings).text
    assert [phrase for phrase in FURNITURE[layout] if phrase.lower() in text.lower()] == []
    prose = [line for line in short.splitlines() if len(line.split()) >= 12]
    assert prose and [s[:80] for s in prose if _normal(s) not in _normal(text)] == []


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("pages", [4, 5, 6])
def test_alternating_running_heads_of_a_short_paper_gone(columns: int, pages: int, folder: Path) -> None:
    """Authors on the left-hand pages, the journal on the right-hand ones, none on the first page.

    On four to six pages one of the two heads stands on fewer than three pages. On four, the
    journal's stands on the third page alone: nothing tells it from a heading, so it stays
    (and breaks the sentence it stands in); the authors' must go.
    """
    layout = Layout(
        "alternating",
        columns=columns,
        head="Journal of Workplace Learning 33(4) (2021)",
        verso_head="M. K. Svensson and D. O. Okafor",
        number_at="head",
        first_number=411,
    )
    blocks = raw_seed("001").split("\n\n")
    for count in range(8, len(blocks)):
        text = "\n\n".join(blocks[:count])
        rendered = render(text, layout, folder / f"alternating-{columns}-{pages}.pdf")
        if len(rendered.printed) >= pages:
            break
    assert len(rendered.printed) == pages
    settings = load_settings()
    cleaned = prepare_document(load_file(rendered.path, settings.loading), settings).text
    assert "Svensson and" not in cleaned
    if pages == 4:
        return
    assert "Workplace Learning" not in cleaned
    prose = [line for line in text.splitlines() if len(line.split()) >= 12]
    assert prose and [s[:80] for s in prose if _normal(s) not in _normal(cleaned)] == []


@pytest.mark.parametrize(("seed", "layout"), CASES)
def test_scholarly_text_kept_word_for_word(seed: str, layout: str, folder: Path) -> None:
    _, document = _made(seed, layout, folder)
    text = _normal(document.text)
    prose = [
        line
        for line in raw_seed(seed).splitlines()
        if len(line.split()) >= 12 and not any(phrase in line for phrase in BOILERPLATE)
    ]
    missing = [s[:80] for s in SENTENCES[seed] + prose if _normal(s) not in text]
    assert missing == []


@pytest.mark.parametrize(("seed", "layout"), [case for case in CASES if case[0] in ("001", "004")])
def test_quotes_cited_on_the_printed_page(seed: str, layout: str, folder: Path) -> None:
    """Words from the middle of each page are found in the text on that page's printed number."""
    rendered, document = _made(seed, layout, folder)
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 80, 10)
    checked = 0
    for printed, lines in zip(rendered.printed, rendered.lines, strict=True):
        if not printed:
            continue
        middle = lines[len(lines) // 2].split()[1:-1]
        quote = " ".join(middle)
        if len(middle) < 3 or document.text.count(quote) != 1:
            continue
        offset = document.text.index(quote)
        page = document.page_at(offset)
        assert page is not None and page.label == printed, (quote, printed)
        checked += 1
        if offset >= document.body_end:
            continue  # the reference list is not chunked
        chunk = next(c for c in chunks if c.start <= offset < c.end)
        first, _, last = chunk.page_label.partition("-")
        assert int(first) <= int(printed) <= int(last or first), (quote, chunk.page_label)
    assert checked >= max(1, (len(rendered.printed) - 1) // 2)


@pytest.mark.parametrize("layout", [layout.name for layout in LAYOUTS])
def test_shop_trailer_and_placeholders_counted(layout: str, folder: Path) -> None:
    _, document = _made("004", layout, folder)
    removed = document.cleaning.removed
    assert removed["image_placeholder"] >= 3 * len("Abbildung in dieser Leseprobe nicht enthalten")
    assert removed.get("shop_trailer", 0) + removed.get("shop", 0) > len("ISBN (eBook) ISBN (Book)")
    assert "Manchester Metropolitan University" not in document.text
    assert document.text.rstrip().endswith("Title: The Support of Value Co-creation")


VENUES = {
    "000": ("The Learning Organization", 2019),
    "003": ("International Journal of Learning and Intellectual Capital", 2009),
}
"""What the seed's own citation line says, however a layout wraps it."""


@pytest.mark.parametrize(("seed", "layout"), [case for case in CASES if case[0] in VENUES])
def test_venue_and_year_from_the_text(seed: str, layout: str, folder: Path) -> None:
    _, document = _made(seed, layout, folder)
    assert (document.metadata.venue, document.metadata.year) == VENUES[seed]


def test_venue_and_year_from_the_furniture(folder: Path) -> None:
    _, document = _made("004", "two-narrow-columns", folder)
    meta = document.metadata
    assert (meta.venue, meta.volume, meta.issue) == ("Journal of Marketing Studies", "14", "2")
    assert meta.sources["venue"] == "page-furniture" and "venue" not in meta.uncertain
    _, document = _made("004", "two-columns-cover", folder)
    meta = document.metadata
    assert meta.venue == "Journal of Service Research"
    assert meta.sources["venue"] == "page-furniture" and "venue" in meta.uncertain
    assert meta.year == 2016, "the download date on the cover is no publication year"
