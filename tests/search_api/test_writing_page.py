"""The page's writing panel (writing.js) in headless Chromium: find a quote, check a draft, copy a quote.

Served over the PDFs made from the seeds (`writing_corpus`) with the fake embedder, so no model loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Page, expect

from search_api import Corpus
from search_api.server import create_app
from tests.search_api.test_browser import open_page  # noqa: F401  (fixture)
from tests.search_api.writing_corpus import LEARNING, WritingCorpus

STATIC = Path(__file__).resolve().parents[2] / "search_api" / "static"


def test_every_element_writing_js_uses_is_on_the_page() -> None:
    script = (STATIC / "writing.js").read_text()
    html = (STATIC / "index.html").read_text()
    used = set(re.findall(r'\$\("([\w-]+)"\)', script))
    assert used >= {"check-form", "check-text", "check-file", "check-results", "quote-form", "quote-q"}
    for element in used:
        assert f'id="{element}"' in html, element
    assert '<script src="static/writing.js" defer></script>' in html


@pytest.mark.browser
@pytest.mark.integration
@pytest.mark.slow
def test_find_a_quote_check_a_draft_and_copy_a_quote(
    writing: WritingCorpus,
    corpus: Corpus,
    serve_app: Callable[[FastAPI], str],
    open_page: Callable[[str], Page],  # noqa: F811
) -> None:
    page = open_page(serve_app(create_app(writing.settings, corpus)))
    quotation = writing.quotation("learning", "106")
    page.fill("#quote-q", quotation)
    page.click("#quote-form button")
    match = page.locator("#quote-results .quote-match").first
    expect(match).to_contain_text(LEARNING)
    expect(match).to_contain_text("p. 106")
    match.locator(".copy-quote").click()
    expect(page.locator("#quote-status")).to_contain_text("(Dovey et al., 2019, p. 106)")
    assert page.evaluate("navigator.clipboard.readText()").endswith("(Dovey et al., 2019, p. 106)")

    page.fill(
        "#check-text", f'Dovey (2018) writes "{quotation}" (p. 101). Kohtamäki and Rajala (2016) differ.'
    )
    page.click("#check-form button[type=submit]")
    results = page.locator("#check-results")
    expect(results).to_contain_text("problem(s) found")
    expect(results.locator("tr.problem")).to_have_count(3)
    expect(results).to_contain_text("year differs")
    expect(results).to_contain_text("not in corpus")
    expect(results).to_contain_text("on p. 106, not p. 101")
    expect(results.locator("pre")).to_contain_text("Dovey, K., Burdon, B., & Simpson, R. (2019)")

    page.fill("#q", "monetary incentives")
    page.press("#q", "Enter")
    first = page.locator(".result").first
    first.locator(".snippet .copy-quote").click()
    expect(page.locator("#status")).to_contain_text("Copied: “")
    assert re.search(r"” \(Dovey et al\., 2019, p\. \d+\)$", page.evaluate("navigator.clipboard.readText()"))
