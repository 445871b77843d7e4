"""detect_sections on the seeds (raw and cleaned-like) and on small constructed texts."""

from __future__ import annotations

import itertools

import pytest
from seed_texts import seed_variants

from corpus.structure.sections import detect_sections

SEED_001_HEADINGS = [
    "Introduction",
    "The Nature of Learning within the Learning Organization",
    "Leadership Practices within the Learning Organization",
    "Value Co-Creation and the Learning Organization",
    "Innovation and Value Co-Creation at GreenCo",
    "Organisational and Personal Purpose",
    "What Differentiates GreenCo in the Market?",
    "Value Co-Creation",
    "The Learning Organization as a Multilevel Context for Value Co-Creation",
    "Conclusion",
    "References",
]

SEED_004_HEADINGS = [
    "Co-Creation of Value",
    "Operational and Structural elements for Value Co creation",
    "External communication and human interaction",
]


@pytest.mark.parametrize("variant", ["raw", "normalised"])
def test_seed_001_headings_and_spans(variant: str) -> None:
    text = seed_variants("001")[variant]
    sections = detect_sections(text)
    assert [s.title for s in sections] == SEED_001_HEADINGS
    for section, following in itertools.pairwise(sections):
        assert section.end == following.start
        assert text[section.start :].startswith(section.title)
    assert sections[-1].end == len(text)
    assert text[sections[-1].start :].startswith("References\n\nAllen, G. and Dovey, K. (2016)")


@pytest.mark.parametrize("variant", ["raw", "normalised"])
def test_seed_004_headings_skip_the_table_of_contents(variant: str) -> None:
    text = seed_variants("004")[variant]
    sections = detect_sections(text)
    assert [s.title for s in sections] == SEED_004_HEADINGS
    assert text[sections[0].start :].startswith("Co-Creation of Value\n\nCo-creation is a very vast term")


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_abstract_pages_have_no_sections(prefix: str) -> None:
    for text in seed_variants(prefix).values():
        assert detect_sections(text) == []


BODY = "This paragraph is ordinary body text that ends with a full stop as body text does."


def test_numbered_known_and_markdown_headings() -> None:
    text = "\n\n".join(
        [
            "1. Introduction",
            BODY,
            "2. Literature Review",
            BODY,
            "3.1 Data",
            BODY,
            "## Results in Detail",
            BODY,
            "Acknowledgements",
            BODY,
            "Bibliography",
            "Smith, J. (2001), A book, Publisher.",
        ]
    )
    titles = [s.title for s in detect_sections(text)]
    assert titles == [
        "1. Introduction",
        "2. Literature Review",
        "3.1 Data",
        "Results in Detail",
        "Acknowledgements",
        "Bibliography",
    ]


def test_ieee_subsections_in_sentence_case() -> None:
    """IEEE numbers a subsection under its section ("II-A", or "II.A." as Typst's "I.A." numbering
    writes it); words after the first in lower case."""
    text = "\n\n".join(["II. Model", BODY, "II.A. Sharing rules", BODY, "II-B Agents that learn", BODY])
    titles = [s.title for s in detect_sections(text)]
    assert titles == ["II. Model", "II.A. Sharing rules", "II-B Agents that learn"]


def test_conservative_on_short_non_headings() -> None:
    text = "\n\n".join(
        [
            "As one person said,",
            BODY,
            "All our technologies are powered by renewal sources.",
            BODY,
            "deeply ingrained assumptions about the world",
            BODY,
            "(Keskinen, 2012)",
            BODY,
            "Source: http://www.example.com/figure",
            BODY,
            "Journal Article",
            BODY,
            "Alone | Five Of Twenty",
            BODY,
            "Two Title Case Lines",
            "Without Body Between",
        ]
    )
    assert detect_sections(text) == [], "nor is a table row (its cells joined by ' | ')"


@pytest.mark.parametrize(
    "line",
    ["March 15, 2021", "Monday, 3 May 2019", "By Maria Keller and Tom Avery", "BY PETER M. SENGE"],
)
def test_a_date_or_a_byline_under_a_title_is_no_heading(line: str) -> None:
    text = "\n\n".join(["Building a Learning Culture That Lasts", line, BODY, "By Way of Conclusion", BODY])
    assert [s.title for s in detect_sections(text)] == ["By Way of Conclusion"]


BODY = "We study how teams learn from failure in hospitals and what managers can do about it."


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (f"1 Introduction 2\n\n2 Theory 3\n\n2.1 Learning 4\n\n1 Introduction\n\n{BODY}", ["1 Introduction"]),
        (f"1 Introduction .......... 2\n\n1 Introduction\n\n{BODY}", ["1 Introduction"]),
        (
            f"3 Study 2\n\n3.1 Participants\n\n{BODY}\n\n4 Study 3\n\n{BODY}",
            ["3 Study 2", "3.1 Participants", "4 Study 3"],
        ),
    ],
)
def test_contents_entries_are_no_headings(text: str, titles: list[str]) -> None:
    """A contents list left in the text ("1 Introduction 2" over "2 Theory 3") lists headings, is none."""
    assert [s.title for s in detect_sections(text)] == titles
