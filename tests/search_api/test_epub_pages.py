"""An EPUB book with its print edition's page breaks, cited by printed page (issue 11).

The book is ingested by the real run loop with the fake embedder and searched in lexical
mode (no model loads): a passage found in it carries the page its page break markers give
(each page long enough that the passage lies on one page),
its in-text citation names that page, a quotation is located on it, and nothing offers to
open the book "at its PDF page".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus_core.settings import Settings, load_settings
from search_api import Corpus
from search_api.quotes import find_quote
from tests.conftest import FakeEmbedder
from tests.corpus.loader_checks import package

pytestmark = pytest.mark.integration

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="book.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
PACKAGE = """<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>Communities of Practice</dc:title><dc:creator>Etienne Wenger</dc:creator>
    <dc:date>1998</dc:date><dc:publisher>Cambridge University Press</dc:publisher>
  </metadata>
  <manifest><item id="c" href="chapter.xhtml" media-type="application/xhtml+xml"/></manifest>
  <spine><itemref idref="c"/></spine>
</package>"""
PAGES = {
    "72": "Practice is the source of coherence of a community. Mutual engagement, a joint enterprise "
    "and a shared repertoire are the three dimensions of that relation.",
    "73": "Claims processors negotiate their enterprise together; the negotiation creates relations "
    "of mutual accountability among the people involved.",
    "74": "A shared repertoire includes routines, words, tools, ways of doing things, stories, "
    "gestures, symbols, genres, actions and concepts that the community has produced.",
}


def _page(label: str, text: str) -> str:
    """A printed page's break marker, then a page's worth of text (about 600 words), `text` halfway."""
    filler = [
        f"Entry {i} of this page records how members of the unit talk through a day." for i in range(40)
    ]
    return (
        f'<span epub:type="pagebreak" id="page{label}" title="{label}"/>'
        f"<p>{' '.join(filler[:20])}</p><p>{text}</p><p>{' '.join(filler[20:])}</p>"
    )


def _book() -> bytes:
    body = "".join(_page(label, text) for label, text in PAGES.items())
    chapter = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
        f"<h1>Meaning</h1>{body}</body></html>"
    )
    return package(
        "application/epub+zip",
        {"META-INF/container.xml": CONTAINER, "book.opf": PACKAGE, "chapter.xhtml": chapter},
    )


def _settings(store: Path) -> Settings:
    settings = load_settings(store=store)
    settings.search.mode = "lexical"
    settings.runner.prepare_workers = 0
    return settings


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    from indexing.run import ingest

    base = tmp_path_factory.mktemp("epub-pages")
    (base / "papers").mkdir()
    (base / "papers" / "wenger.epub").write_bytes(_book())
    settings = _settings(base / "store")
    report = ingest(settings, [base / "papers"], embedder=FakeEmbedder())
    assert [o.status for o in report.outcomes] == ["ingested"], report.outcomes
    opened = Corpus(settings=settings)
    yield opened
    opened.close()


def test_a_passage_of_an_epub_is_cited_at_its_printed_page(corpus: Corpus) -> None:
    result = corpus.search("claims processors negotiate mutual accountability", k=1)[0]
    best = result.passages[0]
    assert best.page == "73", best
    assert result.in_text == "(Wenger, 1998, p. 73)"
    assert best.pdf_page is None, "an EPUB has no PDF page to open"


def test_a_quotation_from_an_epub_is_located_on_its_page(corpus: Corpus) -> None:
    answer = find_quote(corpus, "routines, words, tools, ways of doing things, stories, gestures")
    match = answer.matches[0]
    assert (match.page, match.pdf_page, match.in_text) == ("74", None, "(Wenger, 1998, p. 74)")
