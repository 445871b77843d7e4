"""A source without pages (a saved web page) is cited by paragraph: "(Keller & Avery, 2021, para. 4)".

APA 7 (8.28) and Chicago cite a quotation from a source without page numbers by the number
of its paragraph. The page is ingested by the real run loop with the fake embedder and
searched in lexical mode (no model loads); its title, the date under it and its section
heading are not counted as paragraphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus_core.settings import load_settings
from search_api import Corpus
from search_api.draft_check import check_draft
from search_api.quotes import find_quote
from tests.conftest import FakeEmbedder
from tests.corpus.web_pages import NEWS

pytestmark = pytest.mark.integration

TOPICS = [
    "Teams that reflect on their work after each project learn faster than teams that do not.",
    "Customers who are invited into design sessions shape services that fit their daily routines.",
    "Leaders model the habit of asking questions before giving answers in weekly meetings.",
    "Shared documents let partners see each decision and the reasons that were given for it.",
    "A failed pilot is reviewed openly so that its lessons reach every other site of the firm.",
    "Mentoring pairs cross departments, which spreads tacit knowledge across the organisation.",
]


def _page() -> str:
    paragraphs = [f"<p>{topic} {topic}</p>" for topic in TOPICS]
    return (
        "<html><head><title>Building a Learning Culture That Lasts</title>"
        f'<script type="application/ld+json">{json.dumps(NEWS)}</script></head><body><article>'
        "<h1>Building a Learning Culture That Lasts</h1><p>March 15, 2021</p>"
        + "".join(paragraphs[:3])
        + "<h2>What Changes in Practice</h2>"
        + "".join(paragraphs[3:])
        + "</article></body></html>"
    )


WORD_TOPICS = [
    "Firms that listen to users redesign services sooner than firms that survey them yearly.",
    "Frontline staff hold knowledge that managers rarely see in dashboards or reports.",
    "Workshops with customers surface needs that interviews alone leave unspoken.",
]


def _word_file(path: Path) -> None:
    """A Word report: its title, its author's name on a line of its own, a heading, three paragraphs."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Value Co-Creation in Practice"
    document.core_properties.author = "Ida Lund"
    document.add_paragraph("Value Co-Creation in Practice", style="Title")
    document.add_paragraph("Ida Lund")
    for topic in WORD_TOPICS[:2]:
        document.add_paragraph(f"{topic} {topic}")
    document.add_heading("Findings", level=1)
    document.add_paragraph(f"{WORD_TOPICS[2]} {WORD_TOPICS[2]}")
    document.save(str(path))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    from indexing.run import ingest

    base = tmp_path_factory.mktemp("paragraphs")
    (base / "papers").mkdir()
    (base / "papers" / "learning-culture.html").write_text(_page(), encoding="utf-8")
    _word_file(base / "papers" / "lund.docx")
    settings = load_settings(store=base / "store")
    settings.search.mode = "lexical"
    settings.runner.prepare_workers = 0
    report = ingest(settings, [base / "papers"], embedder=FakeEmbedder())
    assert [o.status for o in report.outcomes] == ["ingested", "ingested"], report.outcomes
    opened = Corpus(settings=settings)
    yield opened
    opened.close()


@pytest.mark.parametrize(("index", "paragraph"), [(0, "1"), (2, "3"), (3, "4"), (5, "6")])
def test_a_quotation_is_located_in_its_paragraph(corpus: Corpus, index: int, paragraph: str) -> None:
    match = find_quote(corpus, TOPICS[index]).matches[0]
    assert (match.page, match.paragraph) == ("", paragraph)
    assert match.in_text == f"(Keller & Avery, 2021, para. {paragraph})"


@pytest.mark.parametrize(("index", "paragraph"), [(0, "1"), (1, "2"), (2, "3")])
def test_a_word_files_title_author_line_and_heading_are_no_paragraphs(
    corpus: Corpus, index: int, paragraph: str
) -> None:
    match = find_quote(corpus, WORD_TOPICS[index]).matches[0]
    assert (match.title, match.paragraph, match.in_text) == (
        "Value Co-Creation in Practice",
        paragraph,
        f"(Lund, n.d., para. {paragraph})",
    )


def _quotes(corpus: Corpus, draft: str, style: str = "apa") -> list[tuple[bool | None, str]]:
    report = check_draft(corpus, draft, style)
    return [(q.on_cited_page, q.message) for q in report.quotes]


def test_a_draft_citing_the_right_paragraph_passes(corpus: Corpus) -> None:
    draft = f'They found that "{TOPICS[3]}" (Keller & Avery, 2021, para. 4).'
    assert _quotes(corpus, draft) == [(True, "")]
    narrative = f'Keller and Avery (2021, paras. 3-4) found that "{TOPICS[3]}"'
    assert _quotes(corpus, narrative) == [(True, "")]


def test_a_draft_citing_another_paragraph_is_told_the_right_one(corpus: Corpus) -> None:
    draft = f'They found that "{TOPICS[3]}" (Keller & Avery, 2021, para. 2).'
    told = "in para. 4, not para. 2: cite (Keller & Avery, 2021, para. 4)"
    assert _quotes(corpus, draft) == [(False, told)]
    report = check_draft(corpus, draft)
    assert (report.quotes[0].cited_pinpoint, report.quotes[0].found_pinpoint) == ("para. 2", "para. 4")
    assert "| para. 2 | para. 4 |" in report.to_markdown()


def test_a_quotation_without_a_paragraph_is_given_one(corpus: Corpus) -> None:
    bare = f'They found that "{TOPICS[5]}" (Keller & Avery, 2021).'
    assert _quotes(corpus, bare) == [
        (None, "no paragraph given (the source has no pages): cite (Keller & Avery, 2021, para. 6)")
    ]
    paged = f'They found that "{TOPICS[5]}" (Keller & Avery, 2021, p. 4).'
    assert _quotes(corpus, paged) == [
        (None, "the source has no printed pages: cite its paragraph, (Keller & Avery, 2021, para. 6)")
    ]
    uncited = f'Some say that "{TOPICS[0]}"'
    told = "quoted without a citation: cite (Keller & Avery, 2021, para. 1)"
    assert _quotes(corpus, uncited) == [(None, told)]
    chicago = f'They found that "{TOPICS[5]}" (Keller and Avery 2021, par. 6).'
    assert _quotes(corpus, chicago, "chicago") == [(True, "")]


def test_a_citation_with_a_paragraph_is_suggested_with_it(corpus: Corpus) -> None:
    report = check_draft(corpus, "Teams learn (Keller & Avery, 2021, para. 1).", "chicago")
    assert [(c.status, c.paragraphs, c.suggested) for c in report.citations] == [
        ("ok", "1", "(Keller and Avery 2021, para. 1)")
    ]


def _web_page_id(corpus: Corpus) -> str:
    return find_quote(corpus, TOPICS[0]).matches[0].work_id


def test_a_work_is_cited_at_a_paragraph_from_the_cli_and_the_api(corpus: Corpus) -> None:
    from fastapi.testclient import TestClient

    from search_api.server import create_app

    work_id = _web_page_id(corpus)
    assert corpus.cite_answer(work_id, "apa", paragraph="4").in_text == "(Keller & Avery, 2021, para. 4)"
    with TestClient(create_app(corpus.settings, corpus)) as client:
        answer = client.get(f"/documents/{work_id}/cite", params={"style": "chicago", "paragraph": "4-5"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["in_text"] == "(Keller and Avery 2021, paras. 4–5)"
        for params, told in (
            ({"paragraph": "four"}, "is not a paragraph number"),
            ({"paragraph": "5-4"}, "runs backwards"),
            ({"paragraph": "4", "page": "3"}, "not both"),
        ):
            refused = client.get(f"/documents/{work_id}/cite", params=params)
            assert refused.status_code == 400 and told in refused.text, refused.text
