"""First pages set as two publishers set them, which the seeds and shared PDFs do not show.

Elsevier: a masthead that names the journal on a line of its own above the title, and a
running head "C. Grönroos, P. Voima / Industrial Marketing Management 40 (2011) 133–150".
Springer: the citation line "J. of the Acad. Mark. Sci. (2008) 36:1–10" over the title, the
authors separated by middle dots, and "Published online: 1 August 2007" under them, while the
issue (and so the citation) is 2008. Each PDF is loaded and prepared as ingestion does; the
record must name the article, not the journal or the author line, and date it by its issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, case_study_prose, render

ELSEVIER = (
    "Industrial Marketing Management 40 (2011) 133–150\n\n"
    "Contents lists available at ScienceDirect\n\n"
    "Industrial Marketing Management\n\n"
    "journal homepage: www.elsevier.com/locate/indmarman\n\n"
    "Critical service logic: Making sense of value creation and co-creation\n\n"
    "Christian Grönroos a,*, Päivi Voima b\n\n"
    "a Hanken School of Economics, Helsinki, Finland\n\n"
    "Article history: Received 12 May 2010 Accepted 3 March 2011\n\n"
    "Abstract\n\n"
    "Value creation is a collective achievement of firms and their customers, and this paper "
    "asks where in that process the firm can take part and how.\n\n"
    "1. Introduction\n\n"
)
SPRINGER = (
    "DOI 10.1007/s11747-007-0069-6\n\n"
    "Service-dominant logic: continuing the evolution\n\n"
    "Stephen L. Vargo · Robert F. Lusch\n\n"
    "Received: 12 June 2007 / Accepted: 14 June 2007 / Published online: 1 August 2007\n\n"
    "© Academy of Marketing Science 2007\n\n"
    "Abstract\n\n"
    "This paper updates the foundational premises of service-dominant logic and answers the "
    "questions its first statement raised.\n\n"
    "Introduction\n\n"
)
CASES = {
    "elsevier": (
        ELSEVIER,
        Layout(
            "elsevier",
            columns=2,
            head="C. Grönroos, P. Voima / Industrial Marketing Management 40 (2011) 133–150",
            first_number=133,
        ),
        (
            "Critical service logic: Making sense of value creation and co-creation",
            "Grönroos",
            2011,
            "Industrial Marketing Management",
        ),
    ),
    "springer": (
        SPRINGER,
        Layout("springer", head="J. of the Acad. Mark. Sci. (2008) 36:1–10", first_number=1),
        ("Service-dominant logic: continuing the evolution", "Vargo", 2008, "J. of the Acad. Mark. Sci"),
    ),
}


@pytest.mark.parametrize("publisher", sorted(CASES))
def test_a_publishers_first_page_gives_the_articles_record(publisher: str, tmp_path: Path) -> None:
    first_page, layout, expected = CASES[publisher]
    rendered = render(first_page + case_study_prose(60), layout, tmp_path / f"{publisher}.pdf")
    settings = load_settings()
    meta = prepare_document(load_file(rendered.path, settings.loading), settings).metadata
    assert (meta.title, meta.authors[0].family, meta.year, meta.venue) == expected
