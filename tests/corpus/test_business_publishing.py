"""PDFs from Harvard Business Publishing and Ivey: teaching cases from a course pack, HBR reprints.

A management researcher's folder holds them beside journal articles. A course pack stamps
"For the exclusive use of ..." and "This document is authorized for use only ..." on every
page; a case opens on its number and revision date, its authors in capitals and its title, and
ends its first page with who prepared it and the publisher's copyright and ordering notice. An
HBR reprint opens on "HBR.ORG", its issue and reprint number (or, before about 2007, on a cover
listing what the file includes) and runs a magazine's heads ("50 Harvard Business Review April
2011"). None of those notices may be indexed, and the record (a case is a report of its series
with its number; a reprint a magazine article) must be read. Each PDF is set with
`tests.corpus.layouts` and loaded and prepared as ingestion does.
"""

from __future__ import annotations

from pathlib import Path

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, render

OPENING = (
    "In 1983 the company began a program of change that would reach every one of its service units, "
    "and over the next four years it trained each of its hundred thousand employees in the same "
    "problem-solving process, the same quality tools and the same habits of meeting customers.\n\n"
)
HBS_CASE = (
    "9-396-253\n\nREV: MARCH 10, 1997\n\nDAVID A. GARVIN\n\nMICHAEL A. ROBERTO\n\n"
    "Learning at Xerox: Leadership Through Quality\n\n" + OPENING + "Professor David A. Garvin and Research "
    "Associate Michael A. Roberto prepared this case. HBS cases are developed solely as the basis for "
    "class discussion. Cases are not intended to serve as endorsements, sources of primary data, or "
    "illustrations of effective or ineffective management.\n\nCopyright © 1996 President and Fellows of "
    "Harvard College. To order copies or request permission to reproduce materials, call 1-800-545-7685, "
    "write Harvard Business School Publishing, Boston, MA 02163, or go to www.hbsp.harvard.edu. No part "
    "of this publication may be reproduced, stored in a retrieval system, used in a spreadsheet, or "
    "transmitted in any form or by any means—electronic, mechanical, photocopying, recording, or "
    "otherwise—without the permission of Harvard Business School.\n\n"
)
IVEY_CASE = (
    "9B08M049\n\nLEARNING WITH CUSTOMERS AT NORDIC SERVICE\n\n" + OPENING + "Maria Rossi and John Park wrote "
    "this case solely to provide material for class discussion. The authors do not intend to illustrate "
    "either effective or ineffective handling of a managerial situation. The authors may have disguised "
    "certain names and other identifying information to protect confidentiality.\n\n"
    "Richard Ivey School of Business Foundation prohibits any form of reproduction, storage or "
    "transmission without its written permission. Reproduction of this material is not covered under "
    "authorization by any reproduction rights organization. To order copies or request permission to "
    "reproduce materials, contact Ivey Publishing, Richard Ivey School of Business Foundation, London, "
    "Ontario, Canada, N6G 0N1; (t) 519.661.3208; (e) cases@ivey.ca; www.iveycases.com.\n\n"
    "Copyright © 2008, Richard Ivey School of Business Foundation Version: 2008-09-04\n\n"
)
EXCLUSIVE = "For the exclusive use of M. Svensson, 2024."
AUTHORIZED = (
    "This document is authorized for use only in Prof. Peter Lind's MGT 501 at Aalto University "
    "from Jan 2024 to Jun 2024."
)
NOTICES = (
    "exclusive use",
    "authorized for use",
    "President and Fellows",
    "developed solely",
    "To order copies",
    "No part of this publication",
    "do not intend to illustrate",
    "prohibits any form",
    "Ivey School of Business Foundation",
    "REV:",
)


def _prepared(text: str, layout: Layout, path: Path, cases: int = 30, after: str = "") -> Document:
    """`text` over `cases` case studies (and `after` them), set in `layout` and prepared as a run does."""
    rendered = render(text + case_study_prose(cases) + after, layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


def test_a_course_pack_case_is_a_report_of_its_series_and_no_stamp_is_indexed(tmp_path: Path) -> None:
    """The authors in capitals were the title, the authors and the case's series and number
    were lost, and the course pack's stamps and the ordering notice were the text."""
    layout = Layout("hbs-case", head=EXCLUSIVE, foot=AUTHORIZED)
    document = _prepared(HBS_CASE, layout, tmp_path / "xerox.pdf")
    meta = document.metadata
    assert meta.title == "Learning at Xerox: Leadership Through Quality"
    assert [(a.family, a.given) for a in meta.authors] == [("Garvin", "David A."), ("Roberto", "Michael A.")]
    assert (meta.year, meta.kind, meta.genre, meta.issue, meta.publisher) == (
        1996,
        "report",
        "Harvard Business School Case",
        "9-396-253",
        "Harvard Business School Publishing",
    )
    reference = Citation("x", meta).format("apa")
    cited = "(Harvard Business School Case No. 9-396-253). Harvard Business School Publishing."
    assert cited in reference, reference
    for words in NOTICES:
        assert words.lower() not in document.text.lower(), words
    assert "prepared this case" in document.text, "the authors' note is the case's own"
    assert "the company began a program of change" in document.text


def test_an_ivey_case_gives_its_series_and_its_authors_from_the_note(tmp_path: Path) -> None:
    document = _prepared(IVEY_CASE, Layout("ivey-case"), tmp_path / "nordic.pdf")
    meta = document.metadata
    assert meta.title == "Learning with Customers at Nordic Service", (
        "its title in capitals, not its first sentence"
    )
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    assert (meta.year, meta.kind, meta.genre, meta.issue, meta.publisher) == (
        2008,
        "report",
        "Ivey Publishing Case",
        "9B08M049",
        "Ivey Publishing",
    )
    for words in NOTICES:
        assert words.lower() not in document.text.lower(), words


def test_an_hbr_reprint_is_a_magazine_article_and_its_masthead_is_no_text(tmp_path: Path) -> None:
    """The standfirst was the title, the magazine's running head "50 Harvard Business Review
    April 2011" was the venue ("50 Harvard Business Review April"), and no author was read."""
    masthead = (
        "HBR.ORG\n\nApril 2011\n\nreprint R1104B\n\nSPOTLIGHT ON FAILURE\n\n"
        "Strategies for Learning from Failure\n\n"
        "Many executives believe all failure is bad. They are wrong, and the best leaders know why.\n\n"
        "by Amy C. Edmondson and Maria Rossi\n\n"
    )
    layout = Layout(
        "hbr",
        head="April 2011 Harvard Business Review {page}",
        verso_head="{page} Harvard Business Review April 2011",
        number_at="",
        first_number=48,
        foot="COPYRIGHT © 2011 HARVARD BUSINESS SCHOOL PUBLISHING CORPORATION. ALL RIGHTS RESERVED.",
    )
    document = _prepared(masthead + OPENING, layout, tmp_path / "failure.pdf", cases=80)
    meta = document.metadata
    assert (meta.title, meta.venue, meta.year, meta.kind) == (
        "Strategies for Learning from Failure",
        "Harvard Business Review",
        2011,
        "article-magazine",
    )
    assert [a.display for a in meta.authors] == ["Amy C. Edmondson", "Maria Rossi"]
    assert meta.date == "2011-04", "a magazine is cited by its issue's month"
    assert (
        Citation("e", meta)
        .format("apa")
        .startswith("Edmondson, A. C., & Rossi, M. (2011, April). Strategies")
    )
    assert [page.label for page in document.pages[:3]] == ["48", "49", "50"]
    for words in ("HBR.ORG", "R1104B", "Business Review", "COPYRIGHT"):
        assert words.lower() not in document.text.lower(), words


def test_an_old_hbr_reprint_cover_gives_the_record_and_is_not_indexed(tmp_path: Path) -> None:
    cover = (
        "www.hbr.org",
        "Building a",
        "Learning",
        "Organization",
        "by David A. Garvin",
        "Included with this full-text Harvard Business Review article:",
        "1 Article Summary",
        "The Idea in Brief—the core idea",
        "The Idea in Practice—putting the idea to work",
        "2 Building a Learning Organization",
        "13 Further Reading",
        "A list of related materials, with annotations to guide further exploration of the article's ideas",
        "Reprint 93402",
    )
    foot = "harvard business review • july–august 1993 page {page}"
    layout = Layout("hbr-1993", cover=cover, foot=foot, number_at="")
    document = _prepared(OPENING, layout, tmp_path / "garvin.pdf")
    meta = document.metadata
    assert (meta.title, meta.venue, meta.year, meta.kind) == (
        "Building a Learning Organization",
        "Harvard Business Review",
        1993,
        "article-magazine",
    )
    assert [a.display for a in meta.authors] == ["David A. Garvin"]
    for words in ("Included with", "Further Reading", "Reprint", "www.hbr.org", "july–august"):
        assert words.lower() not in document.text.lower(), words
    assert [page.label for page in document.pages[:3]] == ["", "1", "2"], "the cover has no number"


def test_an_mit_sloan_management_review_reprint_gives_its_issue_and_no_reprint_number(tmp_path: Path) -> None:
    """The "REPRINT NUMBER 51213" line was the title, the venue was "Mit Sloan Management Review"
    (German's "mit") and the first page's "Winter 2010 Vol. 51 No. 2" was not read."""
    first_page = (
        "MITSloan\n\nManagement Review\n\nWinter 2010 Vol. 51 No. 2\n\nREPRINT NUMBER 51213\n\n"
        "Is Yours a Learning Organization?\n\nBy David A. Garvin, Amy C. Edmondson and Francesca Gino\n\n"
    )
    notice = (
        "\n\nReprint 51213. Copyright © Massachusetts Institute of Technology, 2010. All rights reserved.\n\n"
        "Articles published in MIT Sloan Management Review are copyrighted by the Massachusetts Institute "
        "of Technology unless otherwise specified at the end of an article.\n"
    )
    layout = Layout(
        "smr",
        head="WINTER 2010 MIT SLOAN MANAGEMENT REVIEW {page}",
        verso_head="{page} MIT SLOAN MANAGEMENT REVIEW WINTER 2010",
        number_at="",
        first_number=45,
    )
    document = _prepared(first_page + OPENING, layout, tmp_path / "smr.pdf", cases=80, after=notice)
    meta = document.metadata
    assert (meta.title, meta.venue, meta.year, meta.volume, meta.issue) == (
        "Is Yours a Learning Organization?",
        "MIT Sloan Management Review",
        2010,
        "51",
        "2",
    )
    assert [a.family for a in meta.authors] == ["Garvin", "Edmondson", "Gino"]
    assert "reprint" not in document.text.lower()
