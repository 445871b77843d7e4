"""A scanned PDF ingested through OCR, found by a phrase, and opened at the passage's page (issue 11).

The store is built by the real run loop (parsing in a worker process, where OCR runs) with
the fake embedder, and searched in lexical mode, so no model loads. `GET /files/{doc_id}`
serves only PDFs the catalog recorded; ids not in the catalog, path-like ids and files
changed since ingestion are 404.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus.loading.loaders import content_hash
from corpus_cli.main import app as cli_app
from corpus_core.settings import Settings, load_settings
from search_api import Corpus
from search_api.routes_files import stored_pdf
from search_api.server import create_app
from tests.conftest import FakeEmbedder
from tests.corpus.test_ocr import scanned_pdf, seed_pages

TOKEN = "pdf-link-token-0123456789"
pytestmark = [pytest.mark.slow, pytest.mark.integration]


def _phrase(lines: list[str]) -> str:
    """Six words of four letters or more from the middle of a page: what a reader would search for."""
    words = re.findall(r"[A-Za-z]{4,}", " ".join(lines[10:16]))
    return " ".join(words[:6])


class Library:
    """The folder and store of the module: a scanned PDF, a born-digital PDF (and one saved as a
    repository's `viewcontent.cgi`) and a text file."""

    def __init__(self, base: Path) -> None:
        self.folder = base / "papers"
        self.folder.mkdir()
        self.pages = seed_pages(2)
        self.scan = scanned_pdf(self.folder / "scanned.pdf", self.pages, first_label=21)
        self.digital = scanned_pdf(
            self.folder / "digital.pdf", seed_pages(2, start_line=200), text_pages=frozenset({1, 2})
        )
        self.downloaded_pages = seed_pages(1, start_line=300)
        self.downloaded = scanned_pdf(
            self.folder / "viewcontent.cgi", self.downloaded_pages, text_pages=frozenset({1})
        )
        self.note = self.folder / "note.txt"
        self.note.write_text("Notes on tea.\n\n" + "Green tea is steamed, black tea is oxidised. " * 20)
        self.store = base / "store"
        self.scan_id = content_hash(self.scan.read_bytes())
        self.phrase = _phrase(self.pages[1])

    def settings(self, token: str = "") -> Settings:
        settings = load_settings(store=self.store)
        settings.server.api_token = token
        settings.search.mode = "lexical"
        return settings


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    from indexing.run import ingest

    library = Library(tmp_path_factory.mktemp("pdf-link"))
    settings = library.settings()
    settings.runner.prepare_workers = 1  # OCR runs in the parsing worker, as in `corpus ingest`
    report = ingest(settings, [library.folder], embedder=FakeEmbedder())
    outcomes = {Path(o.path).name: o for o in report.outcomes}
    assert {name: o.status for name, o in outcomes.items()} == dict.fromkeys(
        ["digital.pdf", "note.txt", "scanned.pdf", "viewcontent.cgi"], "ingested"
    ), report.outcomes
    return library


@pytest.fixture(scope="module")
def corpus(library: Library) -> Iterator[Corpus]:
    opened = Corpus(settings=library.settings())
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(library: Library, corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(library.settings(), corpus)) as http:
        yield http


def test_scanned_pdf_is_found_by_a_phrase_at_its_page(library: Library, corpus: Corpus) -> None:
    results = corpus.search(library.phrase, k=3)
    assert results and results[0].doc_id == library.scan_id, library.phrase
    best = results[0].passages[0]
    assert best.doc_id == library.scan_id
    assert best.ocr is True
    assert best.pdf_page == 2, "the phrase is on the second page of the file"
    assert best.page == "22", "citations keep the printed page read from the scan"
    assert results[0].in_text.endswith("p. 22)")


def test_born_digital_and_text_passages_are_not_marked_ocr(library: Library, corpus: Corpus) -> None:
    digital = corpus.search(_phrase(seed_pages(2, start_line=200)[0]), k=1)[0].passages[0]
    assert digital.ocr is False and digital.pdf_page == 1
    note = corpus.search("green tea steamed oxidised", k=1)[0].passages[0]
    assert note.ocr is False and note.pdf_page is None


def test_link_opens_the_right_file_at_the_right_page(library: Library, client: TestClient) -> None:
    answer = client.get("/search", params={"q": library.phrase, "mode": "lexical"}).json()
    best = answer["results"][0]["passages"][0]
    assert (best["doc_id"], best["ocr"], best["pdf_page"]) == (library.scan_id, True, 2)
    response = client.get(f"/files/{best['doc_id']}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('inline; filename="scanned.pdf"')
    assert response.content == library.scan.read_bytes()

    from pypdf import PdfReader

    pages = PdfReader(library.scan).pages
    assert len(pages) >= best["pdf_page"]


def test_a_pdf_saved_under_another_name_is_searched_and_served_as_a_pdf(
    library: Library, corpus: Corpus, client: TestClient
) -> None:
    best = corpus.search(_phrase(library.downloaded_pages[0]), k=1)[0].passages[0]
    assert best.doc_id == content_hash(library.downloaded.read_bytes())
    assert best.pdf_page == 1, "its passages open the file at their page, as any PDF's do"
    response = client.get(f"/files/{best.doc_id}")
    assert response.status_code == 200 and response.content == library.downloaded.read_bytes()
    assert response.headers["content-disposition"].startswith('inline; filename="viewcontent.cgi.pdf"')


def test_ids_not_in_the_catalog_are_404(library: Library, client: TestClient) -> None:
    note_id = content_hash(library.note.read_bytes())
    for doc_id in ("0123456789abcdef", note_id, "x" * 200):
        response = client.get(f"/files/{doc_id}")
        assert response.status_code == 404, doc_id
        assert "detail" in response.json()
    assert client.get(f"/files/{'x' * 201}").status_code == 422


@pytest.mark.parametrize(
    "path_like",
    [
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd",
        "..",
        "%2E%2E",
        "scanned.pdf",
        "papers%2Fscanned.pdf",
        "%00",
        "~root",
    ],
)
def test_path_like_ids_cannot_reach_the_file_system(
    library: Library, client: TestClient, path_like: str
) -> None:
    response = client.get(f"/files/{path_like}")
    assert b"root:" not in response.content and not response.content.startswith(b"%PDF")
    if response.request.url.path.startswith("/files/"):  # ".." is resolved by the client to "/"
        assert response.status_code in (404, 422), response.text


def test_the_absolute_path_of_a_stored_pdf_is_not_an_id(library: Library, corpus: Corpus) -> None:
    from corpus_core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        stored_pdf(corpus.catalog, str(library.scan), 50_000_000)
    with pytest.raises(NotFoundError):
        stored_pdf(corpus.catalog, str(library.scan.parent / ".." / "papers" / "scanned.pdf"), 50_000_000)


def test_a_file_changed_since_ingestion_is_not_served(library: Library, corpus: Corpus) -> None:
    from corpus_core.errors import NotFoundError

    saved = library.digital.read_bytes()
    digital_id = content_hash(saved)
    assert stored_pdf(corpus.catalog, digital_id, 50_000_000).data == saved
    try:
        library.digital.write_bytes(saved.replace(b"%%EOF", b"%%EOF\n% changed"))
        with pytest.raises(NotFoundError, match="changed or moved since it was ingested"):
            stored_pdf(corpus.catalog, digital_id, 50_000_000)
    finally:
        library.digital.write_bytes(saved)


def test_the_route_needs_the_token_when_the_server_has_one(library: Library, corpus: Corpus) -> None:
    with TestClient(create_app(library.settings(TOKEN), corpus)) as http:
        assert http.get(f"/files/{library.scan_id}").status_code == 401
        response = http.get(f"/files/{library.scan_id}", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_cli_python_and_http_agree_on_passages(library: Library, corpus: Corpus, client: TestClient) -> None:
    result = CliRunner().invoke(
        cli_app,
        ["search", library.phrase, "--json", "--mode", "lexical", "-k", "3", "--store", str(library.store)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.stdout)
    from_python = [r.to_dict() for r in corpus.search(library.phrase, k=3, mode="lexical")]
    answer = client.get("/search", params={"q": library.phrase, "mode": "lexical", "k": 3}).json()

    def passages(results: list[dict]) -> list[list[tuple]]:
        return [[(p["chunk_id"], p["ocr"], p["pdf_page"], p["page"]) for p in r["passages"]] for r in results]

    assert passages(from_cli) == passages(from_python) == passages(answer["results"])
    assert from_python[0]["passages"][0] == asdict(corpus.search(library.phrase, k=3)[0].passages[0])


def test_openapi_documents_the_pdf_route(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/files/{doc_id}"]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"401", "404", "422"} <= set(operation["responses"])


def test_a_copy_of_the_store_folder_does_not_widen_what_is_served(library: Library, tmp_path: Path) -> None:
    """A PDF put beside the ingested ones, never ingested, has no id the route knows."""
    stranger = tmp_path / "stranger.pdf"
    shutil.copy(library.digital, stranger)
    stranger.write_bytes(stranger.read_bytes() + b"\n% not ingested")
    settings = library.settings()
    with TestClient(create_app(settings)) as http:
        assert http.get(f"/files/{content_hash(stranger.read_bytes())}").status_code == 404


@pytest.mark.browser
def test_page_shows_the_badge_and_opens_the_pdf_at_the_page_with_a_token(
    library: Library, corpus: Corpus, serve_app
) -> None:
    """The page marks OCR'd passages and, with a token saved, opens the fetched PDF at the passage's page."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    url = serve_app(create_app(library.settings(TOKEN), corpus))
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context()
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url + "/")
            page.evaluate(f"localStorage.setItem('research-corpus.token', '{TOKEN}')")
            page.goto(f"{url}/?q={library.phrase.replace(' ', '+')}&mode=lexical")
            first = page.locator(".result").first
            first.locator(".snippet .pdf-link").wait_for()
            assert first.locator(".snippet .ocr-badge").count() == 1
            assert (
                first.locator(".snippet .pdf-link").get_attribute("href") == f"files/{library.scan_id}#page=2"
            )
            with context.expect_page() as opened:
                first.locator(".snippet .pdf-link").click()
            tab = opened.value
            tab.wait_for_url(re.compile(r"^blob:http://127\.0\.0\.1:\d+/[-0-9a-f]+#page=2$"), timeout=20_000)
        finally:
            browser.close()
    assert errors == []
