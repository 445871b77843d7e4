"""Boilerplate rules and structural signals on made-up text the seeds do not contain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.cleaning.clean import clean_pages
from corpus.cleaning.rules import load_rules
from corpus_core.errors import ConfigError
from corpus_core.settings import CleaningSettings

BEFORE = "This first scholarly sentence describes organisational learning in small firms."
AFTER = "The second sentence explains how value co-creation changes the role of customers."


def _clean(*pages: str, settings: CleaningSettings | None = None) -> str:
    return clean_pages(list(pages), settings or CleaningSettings(), fmt="txt").text


def _clean_pdf(*pages: str) -> str:
    return clean_pages(list(pages), CleaningSettings(), fmt="pdf").text


@pytest.mark.parametrize(
    "line",
    [
        "Skip to navigation",
        "Skip to the main content",
        "Back to top",
        "Sign in / Register",
        "Home > Journals > Management Learning > Volume 3",
        "Home | About us | Contact | Privacy policy",
        "We use cookies to improve your experience on our website.",
        "Accept all cookies",
        "€39.95 incl. VAT",
        "USD 25.00",
        "£12.99 + VAT (Refund policy)",
        "Buy this chapter",
        "Add to cart",
        "Price: 29.99 EUR",
        "• Partial Open Access content",
        "Subscribed access",
        "© 2020 Testing Press. All rights reserved.",
        "Copyright (c) 2019 Emerald Publishing Limited. All rights reserved.",
        "Running head: LEARNING AND VALUE CO-CREATION",
        "0148-2963/ © 2019 Elsevier Inc. All rights reserved.",
        "Contents lists available at ScienceDirect",
        "journal homepage: www.elsevier.com/locate/jbusres",
        "ARTICLE INFO",
        "⁎ Corresponding author.",
        "* Corresponding author at: Department of Marketing, University of Testing.",
        "E-mail address: ana.smith@test.edu (A. Smith).",
        "ISSN: 0267-257X (Print) 1472-1376 (Online) Journal homepage: https://www.tandfonline.com/loi/rjmm20",
        "Submit your article to this journal",
        "Article views: 1,234",
        "View related articles",
        "View Crossmark data",
        "Citing articles: 3 View citing articles",
        "Check for updates",
        "Published with license by Taylor & Francis Group, LLC",
        "© 2019 Westburn Publishers Ltd",
        "© The Author(s) 2019. Published by Informa UK Limited, trading as Taylor & Francis Group.",
        "Subscribe to this journal",
        "Download PDF",
        "Cite this article",
        "ISBN (Paperback)",
        "File size: 2.4 MB",
        "3.2 MB",
        "Catalogue number: V341234",
        "Manuscript ID: JOM-2021-0042.R1",
        "Manuscript Type: Original Article",
        "ScholarOne Manuscripts",
        "For Peer Review",
        "[Image not available]",
        "Figure 2 omitted",
        "Abbildung 3 nicht enthalten",
        "Page 4 of 12",
        "Purchase this chapter Comment on this chapter",
        "Accessed: 12-05-2021 10:11 UTC",
        "All use subject to https://about.jstor.org/terms",
        "This content downloaded from 128.112.66.66 on Wed, 12 May 2021 10:11:12 UTC",
        "JSTOR is a not-for-profit service that helps scholars, researchers, and students discover, use, "
        "and build upon a wide range of content in a trusted digital archive. We use information "
        "technology and tools to increase productivity and facilitate new forms of scholarship. For more "
        "information about JSTOR, please contact support@jstor.org.",
        "Your use of the JSTOR archive indicates your acceptance of the Terms & Conditions of Use, "
        "available at https://about.jstor.org/terms",
        "Downloaded from https://www.cambridge.org/core. University of Michigan, on 12 May 2021 at 10:11:12, "
        "subject to the Cambridge Core terms of use, available at https://www.cambridge.org/core/terms. "
        "https://doi.org/10.1017/S0007123400001234",
        "Downloaded from https://www.cambridge.org/core. IP address: 128.112.66.66, on 12 May 2021 at "
        "10:11:12, subject to the Cambridge Core terms of use, available at https://www.cambridge.org/core/terms.",
        "Downloaded from informs.org by [128.112.66.66] on 12 May 2021, at 10:11 . For personal use only, "
        "all rights reserved.",
        "Downloaded from https://journals.aom.org by 128.112.66.66 on 05/12/21. Copyright 2021, Academy of "
        "Management. All rights reserved.",
        "Copyright 2021, Academy of Management. All rights reserved.",
        "Copyright of Academy of Management Review is the property of Academy of Management and its content "
        "may not be copied or emailed to multiple sites or posted to a listserv without the copyright "
        "holder's express written permission. However, users may print, download, or email articles for "
        "individual use.",
        "The current issue and full text archive of this journal is available on Emerald Insight at: "
        "https://www.emerald.com/insight/0969-6474.htm",
        "For instructions on how to order reprints of this article, please visit our website: "
        "https://www.emeraldgrouppublishing.com/licensing/reprints.htm",
        "Access to this document was granted through an Emerald subscription provided by "
        "emerald-srm:123456 []",
        "This article is protected by copyright. All rights reserved.",
        "Accepted Article",
        "This article has been accepted for publication and undergone full peer review but has not been "
        "through the copyediting, typesetting, pagination and proofreading process, which may lead to "
        "differences between this version and the Version of Record. Please cite this article as doi: "
        "10.1111/jpim.12456",
        "Copyright of the Academy of Management, all rights reserved. Contents may not be copied, emailed, "
        "posted to a listserv, or otherwise transmitted without the copyright holder's express written "
        "permission. Users may print, download, or email articles for individual use only.",
        "Accepted for publication in Journal of Knowledge Management, 25 May 2021",
        "This is an Accepted Manuscript of an article published by Taylor & Francis in The Learning "
        "Organization on 12 May 2021, available online: http://www.tandfonline.com/10.1080/09696474.2021.1900000.",
        "This is a post-peer-review, pre-copyedit version of an article published in Journal of Service "
        "Management. The final authenticated version is available online at: "
        "http://dx.doi.org/10.1007/s11846-019-00345-2",
        "This is the peer reviewed version of the following article: Berg, A., & Holm, E. (2020). "
        "Learning in service ecosystems. Journal of Service Research, 23(2), 145-160, which has been "
        "published in final form at https://doi.org/10.1111/jsr.12345. This article may be used for "
        "non-commercial purposes in accordance with Wiley Terms and Conditions for Use of Self-Archiving.",
    ],
)
def test_unseen_boilerplate_variant_dropped(line: str) -> None:
    text = _clean(f"{BEFORE}\n\n{line}\n\n{AFTER}")
    assert text == f"{BEFORE}\n\n{AFTER}"


@pytest.mark.parametrize(
    "sentence",
    [
        "The price of the service rose to $50 after the firm added a tax on premium access.",
        "Readers can skip to the main results in Section 4 without losing the argument.",
        "We use cookies as one example of tracking technology in our survey of forty websites.",
        "Each manuscript type was coded by two reviewers before the analysis began.",
        "The ISBN system assigns a unique number to every book edition.",
        "Home ownership rates differ across the regions we studied.",
        "File size limits in the submission system shaped what authors could upload.",
        "Subscribed content accounted for most downloads in the library logs we analysed.",
        "Figure 2 shows the network of actors.",
        "Page 4 of the report lists the interview questions.",
        "Navigation",
        "Search",
        "Total: 45 participants",
        "All rights reserved by the original publisher were waived for this reprint in 2019.",
        "The running head of each page named the journal in the older volumes.",
        "The corresponding author of each study was asked by e-mail to share the interview guide.",
        "Article information was coded by two researchers.",
        "Check for updates to the protocol were made weekly by the project team.",
        "Article views were counted by the platform and shared with the authors.",
        "The archive was accessed: 12 times in 2021 by the students we interviewed.",
        "Copyright law in 2004 changed how all rights reserved notices were read by the courts.",
        "Accepted articles were coded by two researchers before the analysis began.",
        "The firm was downloaded from the market by investors on 12 May 2021, at 10:11, as the report notes.",
        "A not-for-profit service that helps scholars find data was founded in 1995.",
        "For more information about the survey, please contact the first author.",
    ],
)
def test_prose_mentioning_boilerplate_words_survives(sentence: str) -> None:
    assert _clean(f"{BEFORE}\n\n{sentence}\n\n{AFTER}") == f"{BEFORE}\n\n{sentence}\n\n{AFTER}"


NOTE = [
    "* Corresponding author at: Department of Marketing, University of",
    "Leeds, Leeds LS2 9JT, United Kingdom.",
]


@pytest.mark.parametrize(
    "after",
    [[], ["E-mail address: m.svensson@leeds.ac.uk (M. Svensson)."], ["1 On the workshops see Argyris."]],
    ids=["alone", "before-its-e-mail-line", "before-another-note"],
)
def test_a_dropped_notes_wrapped_rest_goes_with_it_on_a_pdf_page(after: list[str]) -> None:
    page = "\n".join([BEFORE, AFTER, "", *NOTE, *after])
    kept = [line for line in after if not line.startswith("E-mail")]
    assert _clean_pdf(page) == "\n\n".join([f"{BEFORE} {AFTER}", *kept])


def test_a_note_no_rule_drops_keeps_its_rest() -> None:
    note = ["* The authors thank the managers of the eighteen firms for their", "time and their patience."]
    assert _clean_pdf("\n".join([BEFORE, AFTER, "", *note])) == f"{BEFORE} {AFTER}\n\n{' '.join(note)}"


def test_a_list_item_a_rule_drops_in_a_text_file_takes_nothing_with_it() -> None:
    text = "\n".join(["* Skip to main content", "Learning organisations in service firms", "", BEFORE])
    assert _clean(text) == f"Learning organisations in service firms\n\n{BEFORE}"


def test_inline_placeholder_cut_from_a_sentence() -> None:
    text = _clean(
        "The model has three parts. Abbildung in dieser Leseprobe nicht enthalten Each part matters."
    )
    assert text == "The model has three parts. Each part matters."


def _paged(body: list[list[str]], top: str | None, bottom: str | None) -> list[str]:
    pages = []
    for number, lines in enumerate(body, start=1):
        head = [top.format(n=number)] if top else []
        foot = [bottom.format(n=number)] if bottom else []
        pages.append("\n".join([*head, *lines, *foot]))
    return pages


TOPICS = [
    "trust",
    "power",
    "leadership",
    "customers",
    "networks",
    "routines",
    "markets",
    "teams",
    "ethics",
    "time",
]
BODY = [
    [f"This paragraph on {topic} argues a point about learning organisations ({n})." for n in range(3)]
    for topic in TOPICS[:5]
]


def test_running_header_and_footer_removed_with_digits_normalised() -> None:
    pages = _paged(BODY, "Downloaded by [University X] at 10:1{n} 12 May 2020", "Page {n}")
    result = clean_pages(pages, CleaningSettings(), fmt="pdf")
    assert "Downloaded by" not in result.text
    assert "Page" not in result.text
    assert result.text.count("argues a point about learning organisations (2).") == 5
    assert result.stats.removed["running_header"] > 0


def test_line_repeated_on_too_few_pages_survives() -> None:
    pages = _paged(BODY, None, None)
    pages[0] = "Special Issue on Learning\n" + pages[0]
    pages[1] = "Special Issue on Learning\n" + pages[1]
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    assert text.count("Special Issue on Learning") == 2


def test_running_lines_of_a_two_page_document_removed() -> None:
    pages = _paged(BODY[:2], "Okafor and Lindqvist", "Journal of Testing (2021) 14(2): 201-20{n}")
    pages[1] = pages[1].replace("Okafor and Lindqvist\n", "Okafor and Lindqvist\n202\n")
    result = clean_pages(pages, CleaningSettings(), fmt="pdf")
    assert "Okafor" not in result.text and "Journal of Testing" not in result.text
    assert result.text.count("argues a point about learning organisations") == 6
    assert result.stats.removed["running_header"] > 0


@pytest.mark.parametrize("pages", [2, 5], ids=["short", "long"])
def test_a_title_its_running_heads_repeat_stays_over_its_byline_on_the_first_page(pages: int) -> None:
    """The title had been dropped as a running head, and the byline under it taken for the title."""
    title = "Learning Organizations in Service Firms"
    paged = _paged(BODY[:pages], title, None)
    paged[0] = paged[0].replace(title, f"{title}\nJane Smith and Robert Jones", 1)
    text = clean_pages(paged, CleaningSettings(), fmt="pdf").text
    assert text.startswith(f"{title}\n\nJane Smith and Robert Jones\n") and text.count(title) == 1
    journal = _paged(BODY[:pages], "Journal of Testing", None)
    journal[0] = journal[0].replace("Journal of Testing", f"Journal of Testing\n{title}\nJane Smith", 1)
    assert clean_pages(journal, CleaningSettings(), fmt="pdf").text.startswith(f"{title}\n\nJane Smith\n")


def test_line_numbers_of_a_review_manuscript_removed() -> None:
    def lines(page: str) -> list[str]:
        return [f"On {page} the manuscript discusses {topic} in firms." for topic in TOPICS * 2]

    alone = "\n".join(f"{n}\n{line}" for n, line in enumerate(lines("page one"), start=31))
    alone += "\n51\nSmith, J. (2001), Learning, Vol. 3, pp.\n52\n21-34."
    before = "\n".join(f"{n} {line}" for n, line in enumerate(lines("page two"), start=101))
    after = "\n".join(f"{line} {5 * n}" for n, line in enumerate(lines("page three")[:6], start=1))
    result = clean_pages([alone, before, after], CleaningSettings(), fmt="pdf")
    assert not re.search(r"(?<!-)\b(?:3[1-9]|4\d|5[0-2]|1[0-2]\d|[1-3][05])\b", result.text), result.text
    assert result.text.count(" in firms.") == 20 + 20 + 6
    assert "Vol. 3, pp." in result.text and "21-34." in result.text
    assert result.stats.removed["line_number"] > 0


def test_numbered_lines_of_a_text_file_stay() -> None:
    listing = "\n".join(f"{n} Step {n} of the protocol asks the team a question." for n in range(1, 13))
    assert _clean(listing).count("Step") == 12
    assert "1 Step 1" in _clean(listing) and "12 Step 12" in _clean(listing)


def test_numbers_that_are_not_a_line_numbering_stay() -> None:
    years = "Table 2\n2001\n2002\n2003\n2004"
    steps = "\n".join(f"{n} firms took part in round {n}." for n in (12, 13, 14))
    text = _clean(f"{BEFORE}\n\n{years}\n\n{steps}\n\n{AFTER}")
    assert all(year in text for year in ("2001", "2002", "2003", "2004"))
    assert "12 firms took part" in text and "14 firms took part" in text


def test_heading_on_one_of_two_pages_survives() -> None:
    pages = _paged(BODY[:2], None, None)
    pages[1] = "Findings and Discussion\n" + pages[1]
    pages[0] = "Introduction\n" + pages[0]
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    assert "Findings and Discussion" in text and "Introduction" in text


def test_repeated_line_thresholds_come_from_settings() -> None:
    pages = _paged(BODY, "Running Head of the Journal", None)
    strict = CleaningSettings(repeated_line_min_pages=6)
    assert "Running Head" in clean_pages(pages, strict, fmt="pdf").text
    assert "Running Head" not in clean_pages(pages, CleaningSettings(), fmt="pdf").text


def test_chapter_heads_removed_where_they_recur() -> None:
    body = [
        [f"Sentence {n} of the notes on {topic} explains a definition." for n in range(4)] for topic in TOPICS
    ]
    pages = _paged(body, None, None)
    for number in range(3, 7):
        pages[number] = f"{number + 1} 1.3. CONTINUITY\n" + pages[number]
    for number in (7, 8, 9):
        pages[number] = "Definition 4\n" + pages[number]
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    assert "CONTINUITY" not in text
    assert text.count("Definition 4") == 3


def test_page_numbers_removed_but_number_columns_kept() -> None:
    text = _clean(f"{BEFORE}\n\n12\n\n{AFTER}\n\n14\n15\n16\n\nThe last sentence ends the text here.")
    assert "12" not in text
    assert [n for n in text.split() if n.isdigit()] == ["14", "15", "16"]


def test_a_page_number_after_a_line_of_numbers_is_dropped_when_it_follows_the_pages() -> None:
    """A wrapped reference ends in numbers ("68(1), 1-17."): the page's number below it still goes."""
    pages = [
        f"{BEFORE}\n{AFTER}\n245",
        f"{AFTER}\n{BEFORE}\nTable 2\n14\n15\n16\n246",
        "References\nVargo, S. L., & Lusch, R. F. (2004). Evolving to a new\ndominant logic for marketing."
        "\nJournal of Marketing,\n68(1), 1\u201317.\n247",
    ]
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    assert "245" not in text and "246" not in text and "247" not in text
    assert text.rstrip().endswith("68(1), 1\u201317.")
    assert [n for n in text.split() if n.isdigit()] == ["2", "14", "15", "16"]


def test_end_of_a_wrapped_citation_is_no_page_number() -> None:
    pages = [f"{BEFORE} (Gronroos,\n2011)\nNext heading\n- 2 -", f"{AFTER} (see p.\n12)\n\n{BEFORE}\n(3)"]
    text = clean_pages(pages, CleaningSettings(), fmt="pdf").text
    assert "(Gronroos, 2011)" in text and "12)" in text
    assert "- 2 -" not in text and "(3)" not in text


def test_shop_trailer_with_other_fields_dropped() -> None:
    trailer = "\n".join(
        ["ISBN (Paperback)", "9783668123456", "Publisher: GRIN Verlag", "Language: English", "Order now"]
    )
    text = _clean(f"{BEFORE}\n\n{AFTER}\n\n{trailer}")
    assert text == f"{BEFORE}\n\n{AFTER}"


def test_reference_list_at_end_is_not_a_trailer() -> None:
    refs = "\n\n".join(
        [
            "References",
            "Argyris, C. (1990), Overcoming Organizational Defences, Prentice-Hall: New Jersey.",
            "Giddens, A. (1984), The Constitution of Society, University of California Press, Berkeley, CA.",
            "Senge, P. (1990), The Fifth Discipline, Doubleday, New York.",
        ]
    )
    assert _clean(f"{BEFORE}\n\n{refs}") == f"{BEFORE}\n\n{refs}"


def test_custom_rules_file_counts_under_its_rule_name(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[rules.house_style]\nlines = ['printed in [a-z ]+']\n", encoding="utf-8")
    settings = CleaningSettings(rules_file=rules)
    result = clean_pages([f"{BEFORE}\n\nPrinted in Great Britain\n\n{AFTER}"], settings)
    assert result.text == f"{BEFORE}\n\n{AFTER}"
    assert result.stats.removed == {"house_style": len("Printed in Great Britain"), "whitespace": 2}


def test_bad_rules_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[rules.broken]\nlines = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken"):
        load_rules(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_rules(tmp_path / "missing.toml")
    bad.write_text("[rules.broken\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        clean_pages(["text"], CleaningSettings(rules_file=bad))
