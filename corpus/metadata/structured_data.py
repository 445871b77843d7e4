"""A saved page's record from its schema.org JSON-LD: the article's headline, authors, date, site.

News sites, blogs, WordPress pages (Yoast's `@graph`), Medium and many publishers describe
the page's article in `<script type="application/ld+json">`, often naming every author where
the `author` meta tag names one, and the date the article was published where no meta tag
does. The loader keeps those scripts as a JSON list (`info["ld+json"]`); `linked_data_record`
finds the article among them (inside a `@graph`, its authors and site given by `@id`
references too) and reads it as publisher metadata, source "xmp" like Highwire tags.

A scholarly article's venue is the periodical it is part of; a news article's, a blog post's
or a web page's is the site or newspaper that publishes it (what APA and Chicago print).
"""

from __future__ import annotations

import json
from typing import Any

from corpus.metadata.fields import normalise_doi, parse_issued, person, stamp
from corpus_core.models import Metadata, Person

_ARTICLE_KINDS: dict[str, str] = {
    "scholarlyarticle": "article-journal",
    "medicalscholarlyarticle": "article-journal",
    "newsarticle": "article-newspaper",
    "reportagenewsarticle": "article-newspaper",
    "analysisnewsarticle": "article-newspaper",
    "opinionnewsarticle": "article-newspaper",
    "blogposting": "post-weblog",
    "liveblogposting": "post-weblog",
    "socialmediaposting": "post",
    "report": "report",
    "thesis": "thesis",
    "book": "book",
    "chapter": "chapter",
    "article": "",
    "techarticle": "",
    "creativework": "",
}
"""schema.org types that describe the page's work, and the CSL type each stands for ('' = unsaid)."""

HOSTING_SITES = frozenset(
    [
        "researchgate",
        "academia.edu",
        "scribd",
        "semantic scholar",
        "google scholar",
        "google books",
        "sciencedirect",
        "springerlink",
        "wiley online library",
        "taylor & francis online",
        "tandfonline",
        "sage journals",
        "emerald insight",
        "jstor",
        "proquest",
        "ebscohost",
        "ieee xplore",
        "acm digital library",
        "pubmed",
        "pmc",
        "europe pmc",
    ]
)
"""Sites that host copies of works published elsewhere, or publishers' platforms that host their
journals (ScienceDirect, Wiley Online Library): a page saved or printed from one is not published
there."""
_PERIODICALS = frozenset({"periodical", "publicationvolume", "publicationissue", "newspaper"})
_SCHOLARLY = frozenset({"article-journal", "report", "thesis", "book", "chapter"})


def linked_data_record(info: dict[str, str]) -> Metadata:
    """The article's record from `info["ld+json"]`; an empty record where the page describes none."""
    nodes = _nodes(info.get("ld+json", ""))
    article = next((node for node in nodes.values() if _article_type(node) is not None), None)
    if article is None:
        return Metadata()
    kind = _article_type(article) or ""
    meta = Metadata(kind=kind)
    meta.title = _title(article, info)
    meta.authors, meta.editors, meta.translators = (
        [p for p in (_person(_resolve(a, nodes)) for a in _listed(article.get(role))) if p]
        for role in ("author", "editor", "translator")
    )
    published = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
    meta.year, meta.date = parse_issued(published)
    periodical = _periodical(article, nodes)
    publisher = _name(_resolve(_first(article.get("publisher")), nodes))
    if periodical or kind in _SCHOLARLY:
        meta.venue = periodical
        meta.publisher = publisher if kind in _SCHOLARLY else ""
    else:
        site = _site(article, nodes) or publisher
        meta.venue = "" if site.casefold() in HOSTING_SITES else site
    if kind == "article-journal" and not periodical:
        meta.kind = ""
    meta.doi = normalise_doi(_doi(article))
    return stamp(meta, "xmp")


def _title(article: dict[str, Any], info: dict[str, str]) -> str:
    """The article's `headline`, or its `name` where the page's title names it and not the headline.

    Most pages give both the same; Wikipedia's `headline` is a short description ("type of
    organization") and its `name` the title the page's `<title>` starts with.
    """
    headline, name = _text(article.get("headline")), _text(article.get("name"))
    shown = " ".join(f"{info.get('title', '')} {info.get('og:title', '')}".split()).casefold()
    if name and name.casefold() in shown and headline.casefold() not in shown:
        return name
    return headline or name


def _nodes(value: str) -> dict[str, dict[str, Any]]:
    """Every JSON object of the page's scripts and their graphs, by `@id` (or by position)."""
    try:
        scripts = json.loads(value) if value else []
    except ValueError:
        return {}
    found: dict[str, dict[str, Any]] = {}
    pending: list[Any] = list(scripts) if isinstance(scripts, list) else [scripts]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
        elif isinstance(item, dict):
            if "@graph" in item:
                pending[:0] = _listed(item["@graph"])
            if "@type" in item:
                found.setdefault(str(item.get("@id") or f"#{len(found)}"), item)
    return found


def _types(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    return [str(t).rsplit("/", 1)[-1].lower() for t in _listed(node.get("@type"))]


def _article_type(node: dict[str, Any]) -> str | None:
    """The CSL type of a node that describes a work ('' when unsaid), None for any other node."""
    kinds = [_ARTICLE_KINDS[t] for t in _types(node) if t in _ARTICLE_KINDS]
    if not kinds:
        return None
    return next((k for k in kinds if k), "")


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(value: Any) -> Any:
    listed = _listed(value)
    return listed[0] if listed else None


def _resolve(value: Any, nodes: dict[str, dict[str, Any]]) -> Any:
    """A `{"@id": ...}` reference replaced by the node it names (when the page has it)."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
        return nodes.get(str(value["@id"]), value)
    return value


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value", "")
    return " ".join(str(value or "").split()) if isinstance(value, str | int) else ""


def _name(node: Any) -> str:
    return _text(node.get("name")) if isinstance(node, dict) else _text(node)


def _person(node: Any) -> Person | None:
    """An author: a Person by its family and given names or its name, an Organization as a literal."""
    if isinstance(node, str):
        return person(node) if node.strip() else None
    if not isinstance(node, dict):
        return None
    family, given = _text(node.get("familyName")), _text(node.get("givenName"))
    if family:
        return Person(family=family, given=given)
    name = _name(node)
    if not name:
        return None
    if "person" not in _types(node) and _types(node):
        return Person(literal=name)
    return person(name)


def _periodical(article: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> str:
    """The name of the journal or newspaper the article is part of (through its issue and volume)."""
    part: Any = article
    for _ in range(4):
        part = _resolve(_first(part.get("isPartOf")), nodes)
        if not isinstance(part, dict):
            return ""
        types = set(_types(part))
        if types & {"periodical", "newspaper"}:
            return _name(part)
        if not types & _PERIODICALS:
            return ""
    return ""


def _site(article: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> str:
    """The name of the web site the article is on: its page's site, else the page's only WebSite."""
    for part in _listed(article.get("isPartOf")) + _listed(article.get("mainEntityOfPage")):
        node = _resolve(part, nodes)
        if not isinstance(node, dict):
            continue
        if "website" in _types(node):
            return _name(node)
        site = _resolve(_first(node.get("isPartOf")), nodes)
        if "website" in _types(site):
            return _name(site)
    sites = [node for node in nodes.values() if "website" in _types(node)]
    return _name(sites[0]) if len(sites) == 1 else ""


def _doi(article: dict[str, Any]) -> str:
    for value in _listed(article.get("identifier")) + _listed(article.get("sameAs")):
        text = _text(value.get("value")) if isinstance(value, dict) else _text(value)
        if text.startswith("10.") or "doi" in text.lower():
            return text
    return ""
