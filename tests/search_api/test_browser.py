"""The search page in headless Chromium: search, highlights, bibliography export, copy citation.

Needs Debian's `chromium` package (/usr/bin/chromium); Playwright's own browser download is
not used. The page is served by uvicorn in a thread over the session's seed store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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


def _unexpected(kind: str, text: str) -> bool:
    """A console error other than the browser's note on an expected 4xx answer (CSP, script errors)."""
    return kind == "error" and "status of 422" not in text


@pytest.fixture
def page(live_server: str) -> Iterator[Any]:
    """A 1366x768 page of the search site with clipboard access; fails the test on any page error."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
        context.set_default_timeout(20_000)
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        tab.on("console", lambda msg: problems.append(msg.text) if _unexpected(msg.type, msg.text) else None)
        tab.goto(live_server + "/")
        try:
            yield tab
        finally:
            context.close()
            browser.close()
        assert not problems, problems


def test_search_highlight_cite_and_export(page: Any, tmp_path: Path) -> None:
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'")
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    page.wait_for_selector(".result")
    assert "Showing" in page.text_content("#status")

    first = page.locator(".result").first
    assert "learning organization" in first.locator(".title").inner_text().lower()
    assert "2019" in first.locator(".meta").inner_text()
    marks = [m.lower() for m in first.locator(".snippet mark").all_inner_texts()]
    assert marks, "no query word highlighted in the first snippet"
    terms = ("value", "co", "creation", "learning", "organization")
    assert all(m.startswith(terms) for m in marks), marks
    assert "<mark>" not in first.locator(".snippet").inner_text()

    first.locator(".add").click()
    assert page.text_content("#bib-count") == "1"
    assert "In bibliography" in first.locator(".add").inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('research-corpus.bibliography'))")
    assert [item["doc_id"] for item in stored] == [first.locator(".add").get_attribute("data-doc-id")]

    with page.expect_download() as download_info:
        page.click("#bib-bib")
    download = download_info.value
    assert download.suggested_filename == "bibliography.bib"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    bibtex = saved.read_text(encoding="utf-8")
    assert bibtex.startswith("@") and "year = {2019}" in bibtex
    page.wait_for_function("document.getElementById('bib-output').textContent.startsWith('@')")

    first.locator(".cite-style").select_option("harvard")
    first.locator(".copy").click()
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "(2019)" in copied and "Learning Organization" in copied

    page.select_option("#bib-style", "apa")
    page.click("#bib-show")
    page.wait_for_function("document.getElementById('bib-output').textContent.includes('(2019)')")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-page.png"))

    page.reload()
    assert page.text_content("#bib-count") == "1", "the bibliography survives a reload"


def test_keyboard_and_status_messages(page: Any) -> None:
    page.locator("body").click(position={"x": 5, "y": 700})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('status').dataset.kind === 'error'")
    assert "Type something" in page.text_content("#status")

    page.fill("#q", QUERY)
    page.fill("#year-from", "1900")
    page.fill("#year-to", "1901")
    page.press("#q", "Enter")
    page.wait_for_function("document.getElementById('status').dataset.kind === 'empty'")
    assert "No results" in page.text_content("#status")
    assert page.locator(".result").count() == 0

    page.fill("#year-from", "2030")
    page.fill("#year-to", "2020")
    page.press("#q", "Enter")
    page.wait_for_function("document.getElementById('status').dataset.kind === 'error'")
    assert "year_from" in page.text_content("#status")

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
