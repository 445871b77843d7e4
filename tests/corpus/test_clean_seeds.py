"""clean_pages on the five seed documents: boilerplate gone, scholarly text intact."""

from __future__ import annotations

import re
from functools import cache

import ftfy
import pytest

from corpus.cleaning.clean import CleanedText, clean_pages
from corpus_core.settings import CleaningSettings
from tests.conftest import SEEDS

BOILERPLATE = [
    "Skip to main content",
    "Buy Article",
    "$50.01",
    "+ tax",
    "Refund Policy",
    "Access Key",
    "Free content",
    "Partial Free content",
    "New content",
    "Open access content",
    "Subscribed content",
    "Free trial content",
    "Abbildung in dieser Leseprobe nicht enthalten",
    "ISBN (eBook)",
    "ISBN (Book)",
    "File size",
    "1.1 MB",
    "Catalog Number",
    "Institution / College",
    "Full-text access for editors",
    "Full-text access for subscribers",
    "Purchase this article",
    "Comment on this article",
    "SCHOLARONE",
    "Manuscript ID",
    "TLO-12-2018-0219",
    "Manuscript Type",
]

SENTENCES = {
    "000": [
        "Purpose This paper aims to explore the relationship between the concept of the learning "
        "organization and that of the co-creation of value.",
        "As a conceptual paper, the authors rely primarily on previous research as the basis for the "
        "argument.",
        "Arguing that value creation is becoming recognized as a “collective achievement”, they focus "
        "on the collaborative practices that enable such an achievement.",
    ],
    "001": [
        "Introduced by Senge (1990), the concept of a learning organization has been both lauded as a "
        "framework for the organization of the future (Garvin, Edmondson and Gino, 2008; Garvin, 1993) "
        "and criticized for its lack of clarity (Easterby-Smith et al., 1999).",
        "Human learning is a far more complex process than is often acknowledged;",
        "as Jones and Hendry (1994: 156) point out, as a result of employees asking searching questions "
        "of a social, ethical, moral and personal kind related to the purpose of work and the nature "
        "of society.",
        "The staff interviewed expressed pride in being involved, directly or indirectly, in the requisite "
        "exploratory learning (with networked partners, suppliers and customers) necessary for the "
        "creation of new exciting products and solutions.",
        "Attempting to create a learning organization embedded in an open, collaborative eco-system in "
        "which value co-creation flourishes, is a complex undertaking.",
        'Dovey, K. (2009), "The role of trust in innovation", *The Learning Organization*, Vol. 16 No. 4, '
        "pp. 311-325.",
    ],
    "002": [
        "This paper aims to develop the understanding of how organizations can derive more value from "
        "participating in inter-organizational learning collaborations.",
        "Building capability required a visible long-term commitment by leaders to the collaboration.",
    ],
    "003": [
        "An organisation should have the ability to innovate and react to dynamic market demands.",
        "The traditional learning method can no longer cope with the market's high demand, which "
        "requires fast and just-in-time learning.",
        "This method is called 'co-creation'.",
        "in effect of the co-creation process' customers' involvement increased",
    ],
    "004": [
        "Co-creation is a very vast term now a days and its definition differs from context to context "
        "and industry to industry.",
        "Meanwhile, it is also observed that some foundational premises of the service-dominant logic do "
        "not fully support the operational and structural demands of value co creation.",
        "Operational integration also plays a major role in the overall structural element of the strategy",
        "Consider the example of Burberry, they demonstrated that co creation is the real social media "
        "revolution.",
    ],
}

LABELLED = {
    "001": ["Journal: The Learning Organization", "Keywords: Learning organizations, Value Co-Creation"],
    "002": [
        "Keywords: Knowledge sharing; Leadership; Learning organizations",
        "Document Type: Research Article",
    ],
    "003": [
        "Title: Co-creation with the customer: a strategy for organisation learning and innovation",
        "Authors: Yin Min Chung",
        "DOI: 10.1504/IJLIC.2009.021718",
        "Keywords: co-creation; service-centric organisations;",
        "Published online: 01 Dec 2008",
    ],
    "004": ["Title: The Support of Value Co-creation"],
}


def _normal(text: str) -> str:
    """Whitespace collapsed, ftfy applied, Unicode hyphens as ASCII (as the cleaner writes them)."""
    return " ".join(ftfy.fix_text(text).replace("\u2010", "-").split())


def _raw(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@cache
def _cleaned(prefix: str) -> CleanedText:
    return clean_pages([_raw(prefix)], CleaningSettings(), fmt="txt")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_survives(prefix: str) -> None:
    text = _cleaned(prefix).text
    left = [phrase for phrase in BOILERPLATE if phrase.lower() in text.lower()]
    assert left == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_sample_sentences_survive(prefix: str) -> None:
    text = _normal(_cleaned(prefix).text)
    missing = [s for s in SENTENCES[prefix] if _normal(s) not in text]
    assert missing == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_prose_line_survives(prefix: str) -> None:
    """Each line of 12+ words in the seed (boilerplate aside) is still there, word for word."""
    text = _normal(_cleaned(prefix).text)
    lines = [
        line
        for line in _raw(prefix).splitlines()
        if len(line.split()) >= 12 and not any(phrase in line for phrase in BOILERPLATE)
    ]
    assert lines
    missing = [line[:80] for line in lines if _normal(line.replace("|", "'")) not in text]
    assert missing == []


@pytest.mark.parametrize("prefix", sorted(LABELLED))
def test_labelled_lines_kept_at_line_start(prefix: str) -> None:
    text = _cleaned(prefix).text
    for label in LABELLED[prefix]:
        assert re.search(rf"(?m)^{re.escape(label)}", text), label


def test_pipes_repaired_without_stray_pipes() -> None:
    assert "|" not in _cleaned("003").text


def test_shop_trailer_dropped_as_block() -> None:
    text = _cleaned("004").text
    assert "Manchester Metropolitan University Business School" not in text
    assert "critically value co-creation" not in text
    assert text.rstrip().endswith("Title: The Support of Value Co-creation")


def test_stats_name_the_rules_that_fired() -> None:
    removed = {prefix: _cleaned(prefix).stats.removed for prefix in ["001", "002", "003", "004"]}
    assert removed["001"]["submission_system"] > 0
    assert removed["002"]["web_navigation"] >= len("Skip to main content")
    assert removed["002"]["commerce"] > 0
    assert removed["002"]["access_legend"] > 0
    assert removed["003"]["commerce"] > 0
    assert removed["004"]["image_placeholder"] >= 3 * len("Abbildung in dieser Leseprobe nicht enthalten")
    assert removed["004"]["shop_trailer"] > 0
    for prefix in ["000", "001", "002", "003", "004"]:
        stats = _cleaned(prefix).stats
        assert stats.chars_in == len(_raw(prefix))
        assert stats.chars_out == len(_cleaned(prefix).text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_single_page_span_covers_text(prefix: str) -> None:
    result = _cleaned(prefix)
    assert [(s.number, s.start, s.end) for s in result.pages] == [(1, 0, len(result.text))]
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text
