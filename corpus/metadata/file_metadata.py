"""Records from metadata embedded in the file: PDF info dictionary, XMP, HTML meta tags.

Embedded values are often junk left by authoring tools ("Microsoft Word - paper.docx", "untitled",
a user name as author); those are dropped here so they never outrank what the text says.
Highwire (`citation_*`) and Dublin Core HTML tags are publisher metadata and count as "xmp",
like a page's schema.org JSON-LD (`structured_data`);
the PDF info dictionary and `og:title` count as "pdf-info"; an HTML `<title>` (often "Article |
Site") is only a first-page guess.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus.metadata.fields import (
    fold,
    is_organisation_name,
    normalise_doi,
    parse_issued,
    parse_year,
    placeholder_name,
    split_keywords,
    split_people,
    split_site,
    stamp,
)
from corpus.metadata.structured_data import HOSTING_SITES, linked_data_record
from corpus_core.models import Metadata, Person

_JUNK_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\b|untitled\b|\((?:anonymous|unspecified|untitled)\)$|no title|"
    r"title$|document\d*$|slide \d|"
    r"powerpoint presentation|layout \d|template|draft$|print$|none$|null$|unknown$|arxiv:|"
    r"[a-z]:\\|/|doi:|10\.\d{4,9}/|pii:|s\d{4}-\d{3}[\dx]\()",
    re.IGNORECASE,
)
_FILE_LIKE = re.compile(r"\.(?:pdf|docx?|tex|dvi|ps|rtf|odt|indd|qxd|txt|html?|pptx?|xlsx?)$", re.IGNORECASE)
_JUNK_AUTHOR = re.compile(
    r"^(?:administrator|admin|user|owner|author|unknown|default|guest|staff|root|pc|windows user|"
    r"propri[eé]t(?:ario|aire)|utente|benutzer|usuario|utilisateur|gebruiker|eigenaar|anv[äa]ndare|"
    r"microsoft office user|anonymous|.*@.*|elsevier(?: (?:ltd|inc|b\.?v\.?|science))?\.?|"
    r"springer(?:[- ]verlag)?|wiley|taylor (?:&|and) francis|emerald|sage publications)$",
    re.IGNORECASE,
)


def junk_title(value: str, path: str = "") -> bool:
    """Whether an embedded title is a tool artefact: producer names, "untitled", a file name.

    ReportLab, which many journal and repository systems write PDFs with, fills in "(anonymous)"
    for a title and an author nobody set (`clean_authors` drops the author).
    """
    text = " ".join((value or "").split())
    if len(re.sub(r"[^\w]", "", text)) < 4 or _JUNK_TITLE.match(text) or _FILE_LIKE.search(text):
        return True
    if " " not in text and re.search(r"[\d_.]", text):
        return True
    stem = Path(path).stem if path else ""
    return bool(stem) and re.sub(r"[\W_]+", "", text.lower()) == re.sub(r"[\W_]+", "", stem.lower())


def clean_authors(value: str) -> list[Person]:
    """Parse an embedded author string, dropping user names and placeholders ("admin", "Your Name")."""
    people = split_people(value)
    return [
        p
        for p in people
        if not _JUNK_AUTHOR.match(p.display.strip("()[] "))
        and not placeholder_name(p.display)
        and not re.fullmatch(r"[a-z0-9._-]+", p.display)
    ]


def embedded_records(info: dict[str, str], path: str = "", fmt: str = "pdf") -> list[Metadata]:
    """Build records from `info` (lower-case keys): XMP/Highwire/Dublin Core, PDF info, HTML title.

    An EPUB's package record is Dublin Core too, the publisher's record of a book. Its title
    is not dropped for being the file's name: a book file is often named after its title,
    where a PDF's title that is its file's name was set by the tool that wrote it.
    """
    records = [_structured(info, "" if fmt == "epub" else path)]
    if fmt == "epub" and records[0].sources:
        records[0].kind = "book"
        records[0].sources["kind"] = "xmp"
    if fmt == "html":
        records.append(_without_junk(linked_data_record(info), path))
        records.append(_loose({k: v for k, v in info.items() if k != "title"}, path))
        guess = _html_title(info, path)
        records.append(stamp(guess, "first-page", uncertain=True))
    else:
        records.append(_loose(info, path))
    return [r for r in records if r.sources]


_NAME_WORD = re.compile(r"[^\W\d_]{3,}(?:[-'’][^\W\d_]+)*")
"""A word of a file name: three letters or more ("Senge", "co-creation"); "v2", "et", "2019" are not."""
_GENERIC_NAME_TEXT = (
    "paper papers final draft version revised revision manuscript article document copy submitted "
    "submission accepted preprint postprint main full text fulltext download downloaded scan scanned file "
    "new old proof proofs camera ready print online pdf edited clean tracked changes chapter report "
    "thesis slides presentation handout lecture reading readings week part appendix supplement "
    "supplementary material materials data figure figures table tables untitled "
    "the and for with from into onto about over under upon this that these those its their our your"
)
_GENERIC_NAME_WORDS = frozenset(_GENERIC_NAME_TEXT.split())
"""Words of a file name that tell nothing of what the file says: what it is ("paper_final_v2.pdf",
"main.pdf") and function words ("with-attachment.pdf")."""
_YEAR_PART = r"(?P<year>(?:1[6-9]|20)\d\d)[a-z]?"
_RENAMED = (
    re.compile(rf"(?P<creators>[^\d]+?) - {_YEAR_PART} - (?P<title>.+)"),
    re.compile(rf"(?P<creators>[^\d]+?)_{_YEAR_PART}_(?P<title>.+)"),
)
"""A file name as Zotero renames attachments ("Vargo and Lusch - 2004 - Evolving to a New Dominant
Logic for Marketing.pdf") and as ZotFile did ("Kohtamäki_Rajala_2016_Theory and practice.pdf")."""
_AUTHOR_YEAR = (
    re.compile(rf"(?P<creators>[^\d]+?)\s*\({_YEAR_PART}\)"),
    re.compile(rf"(?P<creators>[^\d_]+(?:_[^\d_]+)+)_{_YEAR_PART}"),
    re.compile(rf"(?P<creators>[^\d]*?(?:\sand\s|\s&\s|,|\set\sal\b)[^\d]*?)[ _-]+{_YEAR_PART}"),
)
"""A file named by its authors and year only: "Kohtamäki_Rajala_2016.pdf", "Chung (2009).pdf",
"Vargo & Lusch 2004.pdf", "Dovey et al 2019.pdf"; not one word and a year ("Strategy 2030.pdf",
"Minutes_2019.pdf"), which may name anything."""
_FAMILY = re.compile(r"(?:(?:van|von|de|der|den|du|da|di|la|le)\s+)*[^\W\d_a-z][\w'’-]*[a-zß-ÿ][\w'’-]*")
"""One family name as those file names give it ("Vargo", "Kohtamäki", "van der Berg", "O'Brien"); not
an acronym ("JM_2019_Smith.pdf" names a journal)."""


def file_name_record(path: str) -> Metadata:
    """A title, a year and authors from the file's name, for what no other source states.

    A name that Zotero or ZotFile gave the file reads as creators, year and title
    (`_RENAMED`), one of authors and a year as both (`_AUTHOR_YEAR`); "A et al." gives no
    authors, only a full list does; an organisation as the creator is one literal name
    (`_organisation`: "World Health Organization - 2020 - ..."). Otherwise a name that reads
    as words is a title: a researcher's note or report is often titled only by what its file
    is called ("senge_fifth_discipline_notes.txt" is "senge fifth discipline notes", as
    Zotero titles a file it has no record for); underscores and, in a name without spaces, hyphens and dots
    are spaces. Names that are identifiers ("1-s2.0-S0019850110001234-main", "IMG_1234",
    "download (3)", a hash) give nothing, nor do names of what a file is ("paper_final_v2")
    or names with a year that no scheme above reads ("chung-2009-co-creation", "Scan
    2021-03-12"): at least two words of three letters or more that are not such words
    (`_GENERIC_NAME_WORDS`), and half the name's parts words. Least trusted of all sources
    (`file-name`), and never a reason to link two files as one work (`corpus.dedup.same_work`).
    """
    stem = " ".join((Path(path).stem if path else "").split())
    for pattern in (*_RENAMED, *_AUTHOR_YEAR):
        found = pattern.fullmatch(stem)
        year = parse_year(found["year"]) if found else None
        if found is None or year is None:
            continue
        title = " ".join(found.groupdict().get("title", "").replace("_", " ").split())
        authors = _creators(found["creators"])
        if authors is None:
            authors = _organisation(found["creators"], title)
        if authors is None:
            continue  # "Organization Science - 1991 - Huber.pdf": not names, so not this scheme
        if "title" in pattern.groupindex and not _NAME_WORD.search(title):
            continue
        meta = Metadata(title=title, year=year, authors=authors or [])
        return stamp(meta, "file-name", uncertain=True)
    text = stem.replace("_", " ")
    if " " not in text:
        text = re.sub(r"(?<=[^\W_])[-.](?=[^\W_])", " ", text)
    parts = text.split()
    words = [part for part in parts if _NAME_WORD.fullmatch(part.strip("()[],;:"))]
    telling = [word for word in words if word.casefold() not in _GENERIC_NAME_WORDS]
    dated = re.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)", text)  # a scheme not read above, or a date
    if dated or len(telling) < 2 or 2 * len(words) < len(parts) or junk_title(text):
        return Metadata()
    return stamp(Metadata(title=" ".join(parts)), "file-name", uncertain=True)


def _creators(text: str) -> list[Person] | None:
    """The family names a renamed file gives; [] for "A et al." (not the whole list); None: no names."""
    names = re.sub(r"\s+et\s+al\.?$", "", text.strip(" _-"), flags=re.IGNORECASE)
    family = re.split(r"\s+(?:and|und|&)\s+|\s*,\s*|_", names)
    if not all(_FAMILY.fullmatch(name) for name in family):
        return None
    return [] if names != text.strip(" _-") else [Person(family=name) for name in family]


def _organisation(text: str, title: str) -> list[Person] | None:
    """The organisation Zotero names a report's file by ("World Health Organization - 2020 - ...").

    Zotero writes an organisation, its first creator, whole: capitalised words, one of them
    an organisation's (`fields.person`). A journal's name reads the same ("Organization
    Science - 1991 - Huber.pdf" files a paper by its journal, year and author), so the part
    after the year must read as a title of two words or more, not as a name; without a title
    ("World Bank (2019).pdf") the name is taken. Nor is a name with a journal's words an author
    ("Group & Organization Management - 2014 - Van Dyne and Ang.pdf").
    """
    name = " ".join(text.strip(" _-").split())
    if not is_organisation_name(name):
        return None
    if title and (len(_NAME_WORD.findall(title)) < 2 or _creators(title)):
        return None
    return [Person(literal=name)]


def _without_junk(meta: Metadata, path: str) -> Metadata:
    """`meta` without a junk title or placeholder authors (a page's JSON-LD names "admin" too)."""
    if junk_title(meta.title, path):
        meta.title = ""
        meta.sources.pop("title", None)
    meta.authors = [p for p in meta.authors if p.literal or clean_authors(p.display)]
    if not meta.authors:
        meta.sources.pop("authors", None)
    return meta


def _get(info: dict[str, str], *keys: str) -> str:
    for key in keys:
        value = " ".join(str(info.get(key) or "").split())
        if value:
            return value
    return ""


def _structured(info: dict[str, str], path: str) -> Metadata:
    """XMP (dc_*, prism_*) and HTML Highwire/Dublin Core tags: source "xmp"."""
    meta = Metadata()
    title = _get(info, "dc_title", "citation_title", "dc.title")
    meta.title = "" if junk_title(title, path) else title
    meta.authors = clean_authors(
        _get(info, "dc_creator", "citation_author", "citation_authors", "dc.creator")
    )
    meta.editors = clean_authors(_get(info, "citation_editor", "citation_editors"))
    meta.translators = clean_authors(_get(info, "dc_translator"))  # an EPUB's (`corpus.loading.epub`)
    issued = _get(info, "citation_publication_date", "citation_date", "citation_year", "dc_date", "dc.date")
    meta.year, meta.date = parse_issued(issued)
    meta.venue = _get(
        info,
        "prism_publicationname",
        "citation_journal_title",
        "citation_conference_title",
        "citation_conference",
        "citation_book_title",
        "citation_inbook_title",
    )
    meta.doi = normalise_doi(_get(info, "prism_doi", "citation_doi", "dc.identifier", "prism_url"))
    meta.keywords = split_keywords(_get(info, "citation_keywords"))
    meta.abstract = _get(info, "citation_abstract", "dc.description")
    meta.publisher = _get(info, "citation_publisher", "dc.publisher")
    meta.volume = _get(info, "citation_volume", "prism_volume")
    meta.issue = _get(info, "citation_issue", "prism_number")
    first, last = _get(info, "citation_firstpage", "prism_startingpage"), _get(info, "citation_lastpage")
    meta.pages = f"{first}-{last}" if first and last else first
    meta.isbn = _get(info, "citation_isbn")
    meta.url = _web_address(
        _get(info, "citation_public_url", "citation_abstract_html_url", "citation_fulltext_html_url")
    )
    meta.kind = _highwire_kind(info)
    return stamp(meta, "xmp")


def _highwire_kind(info: dict[str, str]) -> str:
    """The kind a record's tags name, as Zotero's Embedded Metadata translator reads them.

    A journal's, a conference's or a book's title names what the work is part of (a chapter
    page of Wiley or Oxford Academic names its book in `citation_book_title`, Springer Link in
    `citation_inbook_title`); an ISBN and no such title, a book; '' where the tags name none.
    """
    if _get(info, "prism_publicationname", "citation_journal_title"):
        return "article-journal"
    if _get(info, "citation_conference_title", "citation_conference"):
        return "paper-conference"
    if _get(info, "citation_book_title", "citation_inbook_title"):
        return "chapter"
    if _get(info, "citation_dissertation_institution"):
        return "thesis"
    if _get(info, "citation_technical_report_institution"):
        return "report"
    return "book" if _get(info, "citation_isbn") else ""


def _loose(info: dict[str, str], path: str) -> Metadata:
    """PDF info dictionary and loose HTML tags (og:title, og:url, the canonical link): source "pdf-info".

    A page saved as one file (MHTML, a web archive) gives the address it was saved from
    (`content-location`) when the page names none. A page's site (`og:site_name`) is its
    venue, the date its article was published (Open Graph's `article:published_time`, Dublin
    Core's date issued) its year.
    """
    meta = Metadata()
    title = _get(info, "title", "og:title")
    meta.title = "" if junk_title(title, path) else title
    meta.authors = clean_authors(_get(info, "author"))
    meta.keywords = split_keywords(_get(info, "keywords"))
    meta.doi = normalise_doi(_get(info, "subject", "doi"))
    meta.url = _web_address(_get(info, "og:url", "canonical", "content-location"))
    site = _get(info, "og:site_name")
    meta.venue = "" if site.casefold() in HOSTING_SITES else site
    published = _get(info, "article:published_time", "dcterms.issued", "dc.date.issued")
    meta.year, meta.date = parse_issued(published)
    return stamp(meta, "pdf-info")


def _web_address(value: str) -> str:
    """An absolute http(s) address, '' for anything else (a relative link, a file path)."""
    return value if re.match(r"https?://[^\s/]+\.[^\s]+$", value) else ""


def _html_title(info: dict[str, str], path: str) -> Metadata:
    """The HTML `<title>` without a trailing " | Site name", and the site as the page's venue.

    The site is named by `og:site_name`, or is what the title adds to the page's own heading
    (its first `<h1>`, `fields.split_site`); a site that hosts others' works is no venue.
    """
    title = _get(info, "title")
    site = _get(info, "og:site_name")
    if site and title.endswith(site):
        title = re.sub(r"\s*[|:–—-]\s*$", "", title[: -len(site)]).strip()
        site = ""
    elif not site and (heading := fold(_get(info, "h1"))):
        title, site = split_site(title, lambda own: fold(own) == heading) or (title, "")
    venue = "" if site.casefold() in HOSTING_SITES else site
    return Metadata(title="" if junk_title(title, path) else title, venue=venue)
