"""Saved web pages described by schema.org JSON-LD: every author, the date, the site, the kind.

Each page is written as a file and read the way a run reads it (`load_file`, then
`prepare_document`), so the loader's collection of the scripts is tested with the reading.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document, Person
from corpus_core.settings import load_settings
from search_api.csl import render_references, to_csl
from tests.corpus.web_pages import NEWS

BODY = "\n".join(
    f"<p>Paragraph {i}: organisations that learn gather knowledge from customers and partners and "
    "turn it into shared practice, so that teams co-create value with the people they serve.</p>"
    for i in range(10)
)


def _page(tmp_path: Path, head: str, linked_data: list[Any] | None = None, top: str = "") -> Document:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in linked_data or []
    )
    path = tmp_path / "article.html"
    path.write_text(
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}{scripts}</head>"
        "<body><nav>Home | Topics | Subscribe</nav><article><h1>Building a Learning Culture That Lasts</h1>"
        f"{top}{BODY}</article><footer>Copyright 2024 Example Media. All rights reserved.</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def test_a_news_article_has_every_author_its_date_and_its_publication(tmp_path: Path) -> None:
    head = (
        "<title>Building a Learning Culture That Lasts | Management Review Online</title>"
        '<meta name="author" content="Maria Keller">'
    )
    meta = _page(tmp_path, head, [NEWS]).metadata
    assert meta.title == "Building a Learning Culture That Lasts"
    assert meta.authors == [Person(family="Keller", given="Maria"), Person(family="Avery", given="Tom")]
    assert (meta.year, meta.venue, meta.kind) == (2021, "Management Review Online", "article-newspaper")
    assert {meta.sources[name] for name in ("title", "authors", "year", "venue", "kind")} == {"xmp"}
    assert not {"title", "authors", "year"} & set(meta.uncertain)


def test_a_wordpress_graph_names_its_author_and_site_by_reference(tmp_path: Path) -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebPage",
                "@id": "https://blog.example.org/culture/",
                "name": "Building a Learning Culture That Lasts - The Practice Blog",
                "isPartOf": {"@id": "https://blog.example.org/#website"},
            },
            {
                "@type": "BlogPosting",
                "@id": "https://blog.example.org/culture/#article",
                "headline": "Building a Learning Culture That Lasts",
                "author": {"@id": "https://blog.example.org/#/schema/person/1", "name": "Maria Keller"},
                "datePublished": "2019-06-02T10:00:00+00:00",
                "mainEntityOfPage": {"@id": "https://blog.example.org/culture/"},
                "publisher": {"@id": "https://blog.example.org/#organization"},
            },
            {"@type": "WebSite", "@id": "https://blog.example.org/#website", "name": "The Practice Blog"},
            {"@type": "Organization", "@id": "https://blog.example.org/#organization", "name": "Practice"},
            {
                "@type": "Person",
                "@id": "https://blog.example.org/#/schema/person/1",
                "name": "Maria Keller",
                "givenName": "Maria",
                "familyName": "Keller",
            },
        ],
    }
    title = "<title>Building a Learning Culture That Lasts - The Practice Blog</title>"
    meta = _page(tmp_path, title, [graph]).metadata
    assert meta.authors == [Person(family="Keller", given="Maria")]
    assert (meta.year, meta.venue, meta.kind) == (2019, "The Practice Blog", "post-weblog")


def test_a_journal_page_names_its_journal_not_its_publisher(tmp_path: Path) -> None:
    article = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": "Building a Learning Culture That Lasts",
        "author": [
            {"@type": "Person", "givenName": "Maria", "familyName": "van der Berg"},
            {"@type": "Person", "givenName": "Tom", "familyName": "Avery"},
        ],
        "datePublished": "2020-11-30",
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1108/TLO-05-2020-0081"},
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": "4",
            "isPartOf": {"@type": ["Periodical", "PublicationVolume"], "name": "The Learning Organization"},
        },
        "publisher": {"@type": "Organization", "name": "Emerald Publishing"},
    }
    title = "<title>Building a Learning Culture That Lasts | Emerald Insight</title>"
    meta = _page(tmp_path, title, [article]).metadata
    assert meta.authors == [Person(family="van der Berg", given="Maria"), Person(family="Avery", given="Tom")]
    assert (meta.year, meta.venue, meta.publisher, meta.kind) == (
        2020,
        "The Learning Organization",
        "Emerald Publishing",
        "article-journal",
    )
    assert meta.doi == "10.1108/TLO-05-2020-0081"


def test_highwire_tags_keep_their_place_above_the_pages_json_ld(tmp_path: Path) -> None:
    head = (
        '<meta name="citation_title" content="Building a Learning Culture That Lasts">'
        '<meta name="citation_author" content="Keller, Maria">'
        '<meta name="citation_author" content="Avery, Tom">'
        '<meta name="citation_author" content="Lund, Ida">'
        '<meta name="citation_publication_date" content="2018/02/01">'
        '<meta name="citation_journal_title" content="The Learning Organization">'
    )
    meta = _page(tmp_path, head, [NEWS]).metadata
    assert [p.family for p in meta.authors] == ["Keller", "Avery", "Lund"]
    assert (meta.year, meta.venue, meta.kind) == (2018, "The Learning Organization", "article-journal")


def test_a_chapter_page_names_its_book_s_editors(tmp_path: Path) -> None:
    """A publisher's chapter page names the book's editors in its Highwire tags or its JSON-LD."""
    head = (
        '<meta name="citation_title" content="Learning in Teams">'
        '<meta name="citation_author" content="Rossi, Maria">'
        '<meta name="citation_editor" content="Argote, Linda">'
        '<meta name="citation_editor" content="Levine, John M.">'
        '<meta name="citation_book_title" content="The Oxford Handbook of Group and Organizational Learning">'
    )
    highwire, linked = tmp_path / "highwire", tmp_path / "linked"
    highwire.mkdir()
    linked.mkdir()
    assert _page(highwire, head).metadata.editors == [Person("Argote", "Linda"), Person("Levine", "John M.")]
    chapter = dict(NEWS, editor=[{"@type": "Person", "name": "Linda Argote"}])
    assert _page(linked, "", [chapter]).metadata.editors == [Person("Argote", "Linda")]


def test_a_translated_articles_page_names_its_translator(tmp_path: Path) -> None:
    """schema.org's `translator` is the work's, as its `editor` is its book's."""
    article = dict(NEWS, translator={"@type": "Person", "name": "Helen Weaver"})
    assert _page(tmp_path, "", [article]).metadata.translators == [Person("Weaver", "Helen")]


@pytest.mark.parametrize("book_tag", ["citation_book_title", "citation_inbook_title"])
def test_a_saved_chapter_page_is_cited_as_a_chapter_in_its_book(tmp_path: Path, book_tag: str) -> None:
    """A publisher's chapter page (Wiley, Oxford Academic; Springer Link names the book in
    `citation_inbook_title`) is a chapter of the book its tags name, as Zotero reads it, not a
    web page whose site is the book."""
    head = (
        '<meta name="citation_title" content="Learning in Teams">'
        '<meta name="citation_author" content="Rossi, Maria">'
        '<meta name="citation_editors" content="Argote, Linda; Levine, John M.">'
        f'<meta name="{book_tag}" content="The Oxford Handbook of Group and Organizational Learning">'
        '<meta name="citation_publication_date" content="2020/01/09">'
        '<meta name="citation_firstpage" content="12">'
        '<meta name="citation_lastpage" content="30">'
        '<meta name="citation_publisher" content="Oxford University Press">'
    )
    meta = _page(tmp_path, head).metadata
    assert (meta.kind, meta.venue, meta.pages, meta.year) == (
        "chapter",
        "The Oxford Handbook of Group and Organizational Learning",
        "12-30",
        2020,
    )
    assert meta.editors == [Person("Argote", "Linda"), Person("Levine", "John M.")]
    reference = render_references([to_csl("d1", meta)], "apa")[0]
    assert reference == (
        "Rossi, M. (2020). Learning in Teams. In L. Argote & J. M. Levine (Eds.), The Oxford Handbook of "
        "Group and Organizational Learning (pp. 12–30). Oxford University Press."
    )


def test_a_saved_page_with_only_an_isbn_is_a_book(tmp_path: Path) -> None:
    head = (
        '<meta name="citation_title" content="Organizational Learning">'
        '<meta name="citation_authors" content="Argote, Linda; Levine, John M.">'
        '<meta name="citation_isbn" content="9780198747932">'
        '<meta name="citation_publication_date" content="2020">'
    )
    meta = _page(tmp_path, head).metadata
    assert meta.kind == "book"
    assert [p.family for p in meta.authors] == ["Argote", "Levine"]


def test_an_organisation_is_an_author_by_its_name_and_a_placeholder_is_none(tmp_path: Path) -> None:
    article = dict(
        NEWS,
        author=[
            {"@type": "Organization", "name": "Contributors to Wikimedia projects"},
            {"@type": "Person", "name": "admin"},
        ],
    )
    meta = _page(tmp_path, "", [article]).metadata
    assert meta.authors == [Person(literal="Contributors to Wikimedia projects")]


def test_a_script_that_does_not_parse_leaves_the_page_and_its_other_scripts(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        '<html><head><script type=\'application/ld+json\'>{"@type": "NewsArticle", </script>'
        f"<script type='application/ld+json'>{json.dumps(NEWS)}</script></head>"
        f"<body><article><h1>Building a Learning Culture That Lasts</h1>{BODY}</article></body></html>",
        encoding="utf-8",
    )
    settings = load_settings()
    document = prepare_document(load_file(path, settings.loading), settings)
    assert "Paragraph 9" in document.text
    assert [p.family for p in document.metadata.authors] == ["Keller", "Avery"]


def test_open_graph_tags_give_the_site_and_the_date_where_there_is_no_json_ld(tmp_path: Path) -> None:
    head = (
        "<title>Building a Learning Culture That Lasts | Management Review Online</title>"
        '<meta property="og:site_name" content="Management Review Online">'
        '<meta property="article:published_time" content="2021-03-15T08:00:00Z">'
        '<meta property="article:modified_time" content="2024-01-02T08:00:00Z">'
    )
    meta = _page(tmp_path, head).metadata
    assert (meta.title, meta.year, meta.venue) == (
        "Building a Learning Culture That Lasts",
        2021,
        "Management Review Online",
    )


@pytest.mark.parametrize(
    "top",
    ["<p>March 15, 2021</p>", "<p>Published on 3 May 2019</p>"],
    ids=["date", "published-date"],
)
def test_the_date_under_the_title_is_no_section(tmp_path: Path, top: str) -> None:
    document = _page(tmp_path, "", [NEWS], top=top)
    assert "Paragraph 0" in document.text
    assert document.sections == []


def test_each_paragraph_of_a_page_stays_a_paragraph(tmp_path: Path) -> None:
    """trafilatura sets a page's paragraphs one per line; the cleaning must not rejoin them."""
    sentences = [
        "Teams that reflect on their work after each project learn faster than others.",
        "Customers invited into design sessions shape services that fit their routines.",
        "Leaders model the habit of asking questions before giving answers.",
    ]
    top = "".join(f"<p>{s} {s}</p>" for s in sentences)
    paragraphs = _page(tmp_path, "", [NEWS], top=top).text.split("\n\n")
    for sentence in sentences:
        assert f"{sentence} {sentence}" in paragraphs


def test_a_wiki_article_is_titled_by_its_name_not_its_short_description(tmp_path: Path) -> None:
    article = {
        "@context": "https://schema.org",
        "@type": "Article",
        "name": "Learning organization",
        "headline": "type of organization that facilitates the learning of its members",
        "author": {"@type": "Organization", "name": "Contributors to Wikimedia projects"},
        "publisher": {"@type": "Organization", "name": "Wikimedia Foundation, Inc."},
        "datePublished": "2004-08-13T09:12:45Z",
    }
    meta = _page(tmp_path, "<title>Learning organization - Wikipedia</title>", [article]).metadata
    assert (meta.title, meta.sources["title"]) == ("Learning organization", "xmp")
    assert meta.authors == [Person(literal="Contributors to Wikimedia projects")]


def test_a_site_that_hosts_copies_is_no_venue(tmp_path: Path) -> None:
    head = '<meta property="og:site_name" content="ResearchGate">'
    assert _page(tmp_path, head).metadata.venue == ""
    hosted = dict(NEWS, publisher={"@type": "Organization", "name": "ResearchGate"})
    assert _page(tmp_path, "", [hosted]).metadata.venue == ""
