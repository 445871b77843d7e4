"""The page's citation panel (graph.js) in headless Chromium over the seed store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.search_api.test_browser import QUERY, open_page, page  # noqa: F401  (fixtures)

STATIC = Path(__file__).resolve().parents[2] / "search_api" / "static"


def test_every_element_graph_js_uses_is_on_the_page() -> None:
    script = (STATIC / "graph.js").read_text()
    html = (STATIC / "index.html").read_text()
    used = set(re.findall(r'\$\("([\w-]+)"\)', script)) | set(re.findall(r'"(graph-[\w-]+)"', script))
    assert used >= {"graph-panel", "graph-refs", "graph-missing-show", "results"}
    for element in used - {"graph-show", "graph-open", "graph-title", "graph-outside"}:
        assert f'id="{element}"' in html, element
    assert '<script src="static/graph.js" defer></script>' in html


@pytest.mark.browser
@pytest.mark.integration
@pytest.mark.slow
def test_panel_shows_references_related_and_missing(page: Page) -> None:  # noqa: F811
    page.fill("#q", QUERY)
    page.keyboard.press("Enter")
    first = page.locator(".result").first
    expect(first.locator(".graph-show")).to_be_visible()
    first.locator(".graph-show").click()
    expect(page.locator("#graph-panel")).to_be_visible()
    expect(page.locator("#graph-work")).to_contain_text("learning organization", ignore_case=True)
    expect(page.locator("#graph-refs li").nth(49)).to_be_attached()
    expect(page.locator("#graph-refs")).to_contain_text("Evolving to a new dominant logic for marketing")
    expect(page.locator("#graph-cited-by")).to_contain_text("No work of the corpus cites it.")
    related = page.locator("#graph-related .graph-open")
    expect(related.first).to_be_visible()
    other = related.first.text_content() or ""
    related.first.click()
    expect(page.locator("#graph-work")).to_contain_text(other[:30])
    expect(page.locator("#graph-refs")).to_contain_text("No reference list was found in this work.")
    page.click("#graph-missing-show")
    expect(page.locator("#graph-missing-list")).to_contain_text("No reference outside the corpus")
