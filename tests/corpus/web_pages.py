"""Saved web pages for the tests: a news article's schema.org JSON-LD record, as news sites write it."""

from __future__ import annotations

NEWS = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Building a Learning Culture That Lasts",
    "datePublished": "2021-03-15T08:00:00Z",
    "dateModified": "2023-01-02T08:00:00Z",
    "author": [{"@type": "Person", "name": "Maria Keller"}, {"@type": "Person", "name": "Tom Avery"}],
    "publisher": {"@type": "Organization", "name": "Management Review Online"},
}
"""Two authors, where the page's `author` meta tag names one; the date; the publication."""
