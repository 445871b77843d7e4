"""The record a news database states of an article it exported: Factiva's and Nexis Uni's.

Over the text of an exported article (`corpus.cleaning.news_export` finds its parts and takes
them out) the database states the headline, the byline, the date, the source, the printed page
and the language: Factiva on lines of their own ("14 May 2019", "Financial Times", "FTFT",
"Page 12", "English"), Nexis Uni with labels ("Section: COMPANIES; Pg. 12", "Byline: Andrew Hill",
"Language: ENGLISH", "Publication-Type: Newspaper"). The article is the source's (a newspaper's,
or a magazine's by Nexis's type), cited as APA writes one: "Hill, A. (2019). Learning from the
customer. Financial Times, 12." An export of several articles is a collection: its text is
cleaned the same, but no one article's record is its. Source "page-furniture": the database
states it.
"""

from __future__ import annotations

import re

from corpus.cleaning.news_export import (
    FACTIVA_DATE,
    NEXIS_DATE,
    NEXIS_LABEL,
    PRINTED_PAGE,
    SOURCE_CODE,
    TIME,
    find_articles,
    is_news_export,
    without_cover,
)
from corpus.metadata.fields import normalise_language, parse_issued, split_people, stamp
from corpus.metadata.labelled import is_author_line
from corpus_core.models import Metadata, RawDocument

_NEXIS_INDEX_FIELD = re.compile(r"(?P<label>Language|Publication-Type):\s*(?P<value>.+)")
_PLACE = re.compile(r"\s*\([^()]*\)$")
"""A source's place after its name: "Financial Times (London, England)"."""
_ROLE = re.compile(r",\s*(?:[A-Z][a-z]+\s+)*(?:Editor|Correspondent|Reporter|Writer|Columnist|Staff)\b.*$")
"""A byline's role after the name: "Andrew Hill, Management Editor"."""
_KINDS = {"newspaper": "article-newspaper", "magazine": "article-magazine", "journal": "article-journal"}


def news_export_record(raw: RawDocument) -> Metadata | None:
    """The one exported article's headline, byline, source, year, page and language; None for no export.

    An export of several articles (or none found) gives an empty record: its first page and its
    sheets' feet are the database's, not one work's.
    """
    if raw.format != "pdf" or not raw.pages or not is_news_export(raw.pages):
        return None
    pages, _ = without_cover([page.split("\n") for page in raw.pages])
    lines = [line.strip() for page in pages for line in page if line.strip()]
    articles = find_articles(lines)
    if len(articles) != 1:
        return Metadata()
    article = articles[0]
    head = [lines[i] for i in article.head]
    headline = [lines[i] for i in article.headline]
    byline = article.byline.removeprefix("By ").removeprefix("BY ")
    if not byline and len(headline) > 1 and is_author_line(headline[-1]):  # Factiva's byline without "By"
        byline = headline.pop()
    meta = Metadata(
        title=" ".join(headline),
        authors=split_people(_ROLE.sub("", byline)),
        kind="article-newspaper",
    )
    if article.database == "Factiva":
        _factiva_head(meta, head)
    else:
        _nexis_head(meta, head, [lines[i] for i in article.end])
    return stamp(meta, "page-furniture")


def _factiva_head(meta: Metadata, head: list[str]) -> None:
    """Factiva's lines under the headline: the length, date, source, its code, the page, the language."""
    dated = next((i for i, line in enumerate(head) if FACTIVA_DATE.fullmatch(line)), None)
    if dated is None:
        return
    meta.year, meta.date = parse_issued(head[dated])
    rest = [line for line in head[dated + 1 :] if not TIME.fullmatch(line)]
    if rest:
        meta.venue = rest[0]
    for line in rest[1:]:
        page = PRINTED_PAGE.fullmatch(line)
        if page:
            meta.pages = page["page"]
        elif not SOURCE_CODE.fullmatch(line) and normalise_language(line):
            meta.language = normalise_language(line)
            break


def _nexis_head(meta: Metadata, head: list[str], end: list[str]) -> None:
    """Nexis Uni's lines under the headline (source, date, labels) and its index after the text."""
    meta.venue = _PLACE.sub("", head[0])
    dated = next((line for line in head if NEXIS_DATE.fullmatch(line)), "")
    meta.year, meta.date = parse_issued(dated)
    for line in head:
        label = NEXIS_LABEL.fullmatch(line)
        if label and label["label"] == "Section":
            page = re.search(r"\bPg\.?\s*(\S+)", label["value"])
            meta.pages = page[1].rstrip(";,.") if page else ""
    for line in end:
        field = _NEXIS_INDEX_FIELD.fullmatch(line)
        if field and field["label"] == "Language":
            meta.language = normalise_language(field["value"])
        elif field:
            meta.kind = _KINDS.get(field["value"].strip().lower(), meta.kind)
