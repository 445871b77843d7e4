"""The search page in headless Chromium: search, highlights, bibliography export, copy citation.

Needs Debian's `chromium` package (/usr/bin/chromium); Playwright's own browser download is
not used. The page is served by uvicorn in a thread over the session's seed store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import ConsoleMessage, Page, expect

from corpus_core.settings import Settings
from indexing.ingest import IngestReport
from search_api import Corpus
from search_api.server import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QUERY = "value co-creation in a learning organization"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]


def _record(problems: list[str], message: ConsoleMessage) -> None:
    """Keep console errors (CSP, script errors) except the browser's note on an expected 401/422 answer."""
    if message.type == "error" and not re.search(r"status of (401|422)", message.text):
        problems.append(message.text)


@pytest.fixture
def open_page() -> Iterator[Callable[[str], Page]]:
    """Open a server's search page at 1366x768 with clipboard access; any page or CSP error fails the test."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)

        def open_at(url: str) -> Page:
            context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
            context.set_default_timeout(20_000)
            tab = context.new_page()
            tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            tab.on("console", lambda msg: _record(problems, msg))
            tab.goto(url + "/")
            return tab

        try:
            yield open_at
        finally:
            browser.close()
    assert not problems, problems


@pytest.fixture
def page(open_page: Callable[[str], Page], live_server: str) -> Page:
    """The seed store's search page."""
    return open_page(live_server)


OwnPage = Callable[..., tuple[Page, IngestReport]]


@pytest.fixture
def own_page(
    open_page: Callable[[str], Page],
    serve_app: Callable[[FastAPI], str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[OwnPage]:
    """`own_page(paths, zotero=None)`: the inputs ingested into a store of the test's own with the
    fake embedder (no model loads), served; its page and the run's report."""
    from corpus_core.settings import load_settings
    from indexing.run import ingest
    from tests.search_api.writing_corpus import QueryEmbedder

    embedder = QueryEmbedder()
    monkeypatch.setattr("search_api.service.shared_query_encoder", lambda settings: embedder)
    opened: list[Corpus] = []

    def open_store(paths: list[Path], zotero: Path | None = None) -> tuple[Page, IngestReport]:
        settings = load_settings(store=tmp_path / "store")
        settings.runner.prepare_workers = 0
        settings.server.host, settings.server.api_token = "127.0.0.1", ""
        report = ingest(settings, paths, embedder=embedder, zotero=zotero)
        opened.append(Corpus(settings=settings))
        return open_page(serve_app(create_app(settings, opened[-1]))), report

    yield open_store
    for corpus in opened:
        corpus.close()


def test_search_highlight_cite_and_export(page: Page, tmp_path: Path) -> None:
    expect(page.locator("#q")).to_be_focused()
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    page.wait_for_selector(".result")
    expect(page.locator("#status")).to_contain_text("Showing")

    first = page.locator(".result").first
    assert "learning organization" in first.locator(".title").inner_text().lower()
    assert "2019" in first.locator(".meta").inner_text()
    marks = [m.lower() for m in first.locator(".snippet mark").all_inner_texts()]
    assert marks, "no query word highlighted in the first snippet"
    stems = ("value", "creation", "learning", "organization")
    assert all(m == "co" or m.startswith(stems) for m in marks), marks
    assert "<mark>" not in first.locator(".snippet").inner_text()

    first.locator(".add").click()
    assert page.text_content("#bib-count") == "1"
    assert "In bibliography" in first.locator(".add").inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('research-corpus.bibliography'))")
    assert [item["work_id"] for item in stored] == [first.locator(".add").get_attribute("data-work-id")]

    with page.expect_download() as download_info:
        page.click("#bib-bib")
    download = download_info.value
    assert download.suggested_filename == "bibliography.bib"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    bibtex = saved.read_text(encoding="utf-8")
    assert bibtex.startswith("@") and "year = {2019}" in bibtex
    expect(page.locator("#bib-output")).to_have_text(re.compile(r"^@article"))

    first.locator(".cite-style").select_option("harvard")
    first.locator(".copy").click()
    expect(page.locator("#status")).to_have_text(re.compile(r"^Copied the Harvard citation"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "(2019)" in copied and "Learning Organization" in copied

    page.select_option("#bib-style", "apa")
    page.click("#bib-show")
    expect(page.locator("#bib-output")).to_contain_text("(2019)")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-page.png"))

    page.reload()
    assert page.text_content("#bib-count") == "1", "the bibliography survives a reload"


def test_more_results_page_through_every_matching_work(own_page: OwnPage, tmp_path: Path) -> None:
    """The status counts the works the query matched, not the page shown, and "More results" goes on."""
    import random

    folder = tmp_path / "papers"
    folder.mkdir()
    stems, endings = ("tal", "mir", "gos", "pen", "dur", "vak"), ("ema", "ito", "usk", "orn")
    words = [stem + ending for stem in stems for ending in endings]
    for n in range(23):
        pick = random.Random(n)
        body = " ".join(" ".join(pick.choice(words) for _ in range(14)) + " ecosystem." for _ in range(12))
        (folder / f"paper-{n:02}.txt").write_text(f"Study {n} of the ecosystem\n\n{body}\n", encoding="utf-8")
    page, report = own_page([folder])
    assert [o.work_id == o.doc_id for o in report.outcomes].count(True) == 23, "one work per file"
    page.select_option("#mode", "lexical")
    page.fill("#q", "ecosystem")
    page.press("#q", "Enter")
    status, more = page.locator("#status"), page.locator("#more")
    for shown in (10, 20, 23):
        expect(page.locator(".result")).to_have_count(shown)
        expect(status).to_contain_text(f"Showing {shown} of 23 works")
        if shown < 23:
            more.click()
    expect(more).to_be_hidden()
    listed = page.locator(".result .add").evaluate_all("els => els.map(e => e.dataset.workId)")
    assert len(set(listed)) == 23, "a work is listed twice across the pages"


def test_a_bibliography_saved_before_0_2_is_still_read(page: Page) -> None:
    """Pages before 0.2 saved each work under `doc_id`: those items are read as `work_id`."""
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    page.wait_for_selector(".result")
    work_id = page.locator(".result .add").first.get_attribute("data-work-id")
    assert work_id
    old = f'[{{"doc_id": "{work_id}", "label": "Saved by 0.1", "authors": [], "year": 2019}}]'
    page.evaluate(f"localStorage.setItem('research-corpus.bibliography', {old!r})")
    page.reload()
    assert page.text_content("#bib-count") == "1"
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    page.wait_for_selector(".result")
    expect(page.locator(".result .add").first).to_have_text("In bibliography ✓")
    page.locator(".result .add").first.click()
    assert page.text_content("#bib-count") == "1", "the old item and the new click are one work"


def test_keyboard_and_status_messages(page: Page) -> None:
    page.mouse.click(5, 700)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_attribute("data-kind", "error")
    expect(page.locator("#status")).to_contain_text("Type something")

    page.fill("#q", QUERY)
    page.fill("#year-from", "1900")
    page.fill("#year-to", "1901")
    page.press("#q", "Enter")
    expect(page.locator("#status")).to_have_attribute("data-kind", "empty")
    expect(page.locator("#status")).to_contain_text("No results")
    assert page.locator(".result").count() == 0

    page.fill("#year-from", "2030")
    page.fill("#year-to", "2020")
    page.press("#q", "Enter")
    expect(page.locator("#status")).to_have_attribute("data-kind", "error")
    expect(page.locator("#status")).to_contain_text("year_from")

    page.fill("#year-from", "")
    page.fill("#year-to", "")
    page.focus("#q")
    page.keyboard.press("Enter")
    page.wait_for_selector(".result .copy")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("document.activeElement.className + ':' + document.activeElement.tagName")
        )
    assert any(f.startswith("copy:") for f in focused), focused
    assert any(f.startswith("add:") for f in focused), focused


def test_page_sends_the_token(
    open_page: Callable[[str], Page],
    serve_app: Callable[[FastAPI], str],
    seed_settings: Settings,
    seed_corpus: Corpus,
) -> None:
    settings = seed_settings.model_copy(deep=True)
    settings.server.api_token = "page-token"
    page = open_page(serve_app(create_app(settings, seed_corpus)))
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    expect(page.locator("#status")).to_contain_text("needs an access token")
    expect(page.locator("#token-box")).to_have_attribute("open", "")
    page.fill("#token", "page-token")
    page.press("#token", "Enter")
    expect(page.locator("#status")).to_have_text("Token saved in this browser.")
    page.press("#q", "Enter")
    expect(page.locator(".result").first).to_be_visible()
    assert page.evaluate("localStorage.getItem('research-corpus.token')") == "page-token"


def test_collection_and_tag_filters_of_a_zotero_library(own_page: OwnPage, tmp_path: Path) -> None:
    """A store ingested from a Zotero library offers its collections and tags; they filter the search."""
    from tests.corpus.zotero_library import build_library

    page, _ = own_page([], zotero=build_library(tmp_path).data_dir)
    expect(page.locator("#collection-field")).to_be_visible()
    expect(page.locator("#tag-field")).to_be_visible()
    options = page.locator("#collection-names option")
    assert options.evaluate_all("els => els.map(e => e.value)") == [
        "Methods",
        "Reading",
        "Reading/Theory",
    ]
    assert "(2 works)" in (options.nth(1).get_attribute("label") or "")

    page.select_option("#mode", "lexical")
    page.fill("#q", "customers text crazy ones")
    page.fill("#tag", "to-read")
    page.press("#q", "Enter")
    expect(page.locator("#status")).to_contain_text("Showing 1 of 1 work")
    expect(page.locator(".result .title")).to_have_text(
        "Value co-creation with customers: a strategy for organisational learning"
    )
    assert "tag=to-read" in page.url

    page.fill("#tag", "")
    page.fill("#collection", "Reading")
    page.press("#q", "Enter")
    expect(page.locator("#status")).to_contain_text("Showing 2 of 2 works")
    page.reload()
    expect(page.locator("#collection")).to_have_value("Reading")
    expect(page.locator("#status")).to_contain_text("Showing 2 of 2 works")


def test_a_store_without_labels_hides_the_fields(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    expect(page.locator("#collection-field")).to_be_hidden()
    expect(page.locator("#tag-field")).to_be_hidden()


def test_a_quote_copied_from_a_web_page_is_cited_at_its_paragraph(own_page: OwnPage, tmp_path: Path) -> None:
    """A saved web page has no pages: the copied quotation carries its paragraph, as APA asks."""
    from tests.search_api.test_paragraph_pinpoints import TOPICS, _page

    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "learning-culture.html").write_text(_page(), encoding="utf-8")
    page, _ = own_page([tmp_path / "papers"])
    page.select_option("#mode", "lexical")
    page.fill("#q", "failed pilot reviewed openly lessons")
    page.press("#q", "Enter")
    page.locator(".result").first.locator(".snippet .copy-quote").click()
    expect(page.locator("#status")).to_contain_text("Copied: “")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert TOPICS[4].split(",")[0] in copied
    assert re.search(r"” \(Keller & Avery, 2021, paras?\. \d+(–\d+)?\)$", copied), copied

    page.fill("#quote-q", TOPICS[4])
    page.click("#quote-form button")
    match = page.locator("#quote-results .quote-match").first
    expect(match).to_contain_text("(2021), para. 5 · verbatim")


def test_a_retracted_works_result_warns_before_its_citation(own_page: OwnPage, tmp_path: Path) -> None:
    """A PDF reissued as retracted ("RETRACTED: ..."): its result says so over its passage, and the
    copied APA reference ends with the retraction's note."""
    from tests.corpus.test_retractions import TITLE, _prepared

    (tmp_path / "papers").mkdir()
    _prepared(f"RETRACTED: {TITLE}\n\nJane Smith and Peter Jones\n\n", tmp_path / "papers" / "retracted.pdf")
    page, _ = own_page([tmp_path / "papers"])
    page.select_option("#mode", "lexical")
    page.fill("#q", "customer learning in logistics firms")
    page.press("#q", "Enter")
    result = page.locator(".result").first
    expect(result.locator(".title")).to_have_text(TITLE)
    warning = result.locator(".retraction")
    expect(warning).to_be_visible()
    expect(warning).to_have_text("Retracted: check the retraction before citing this work.")
    result.locator(".copy").click()
    expect(page.locator("#status")).to_contain_text("Copied the APA 7 citation")
    assert page.evaluate("navigator.clipboard.readText()").endswith("(Retracted)")
