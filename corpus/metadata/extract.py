"""Bibliographic metadata of one file, from every source that states it, the most trusted winning.

Sources in order of trust: the record of a reference manager that holds the file (a Zotero
item, see `corpus.loading.zotero`, passed in by the caller), sidecar files (`paper.bib`,
`paper.ris`, `paper.json` beside the file), a Markdown or text note's YAML front matter
(`corpus.metadata.front_matter`), folder manifests (`references.bib` with `file` fields,
`corpus.yaml`), embedded metadata (XMP, PDF info, HTML meta tags, junk values dropped, a
citation in the PDF Subject), a browser's print stamp on a web page printed to PDF (its
address and title, `corpus.metadata.browser_print`), a cover page's "To cite this article:"
citation, a ResearchGate cover's title, kind, venue and year (`corpus.metadata.platform_cover`),
a teaching case's or a Harvard Business Review reprint's first page
(`corpus.metadata.business_publishing`), an Oxford Handbooks Online chapter's or an Oxford
Research Encyclopedia entry's first page (`corpus.metadata.oxford_online`), an e-book
platform's stamp on every page (`corpus.metadata.ebook_stamp`), a front page's (or a Word or
web report's opening) "Please cite this paper as:" (`corpus.metadata.cite_statement`), a journal's
book review's book and reviewer (`corpus.metadata.book_review`: the page's labelled lines and
first-page title are then the book's, not read), a correction's or a retraction's own title
(`corpus.metadata.notice`: the lines citing its article are then not read), a retracted
article's stamp (`corpus.metadata.retraction`, which also takes "RETRACTED ARTICLE:" off a
title), a talk's slides' title slide (`corpus.metadata.slides`), labelled lines and
abstract-page layout in the text, a PDF's page furniture (running heads, footers, a cover
page, an arXiv stamp, a chapter's foot: `corpus.metadata.furniture`, read from the raw pages
since cleaning removes it), a book's imprint page (`corpus.metadata.imprint`), a translation's
translators and a translated or republished work's original year (`corpus.metadata.translation`),
first-page heuristics, and last a title from the file's name when it reads as words. Guesses are
listed in `Metadata.uncertain`. Each field records its source in `Metadata.sources`. Nothing
is invented: a field no source (the file's name among them) states stays empty.

    meta = extract_metadata(raw, cleaned_text)
"""

from __future__ import annotations

import itertools
import re

from corpus.cleaning.reflow import PARAGRAPH_BREAK
from corpus.cleaning.unicode_repair import with_accents
from corpus.metadata.book_review import read_book_review
from corpus.metadata.browser_print import browser_print_record, print_stamp
from corpus.metadata.business_publishing import business_publishing_record
from corpus.metadata.capitals import FROM_PAGE, in_capitals, prose_capitals, title_case
from corpus.metadata.cite_statement import cite_statement_record
from corpus.metadata.database_export import database_export_record
from corpus.metadata.ebook_stamp import ebook_stamp_record
from corpus.metadata.fields import CONTAINED_KINDS, JOURNAL_WORD, fold, gives_other_material, split_site
from corpus.metadata.file_metadata import embedded_records, file_name_record
from corpus.metadata.front_matter import front_matter_record
from corpus.metadata.furniture import (
    NOTHING_CITED,
    Cited,
    chapter_record,
    cover_citation_record,
    first_page_notes,
    furniture_record,
    preprint_record,
    preprint_server,
    subject_record,
)
from corpus.metadata.imprint import has_title_page, imprint_record
from corpus.metadata.labelled import drop_repeated_genre, first_page_record, labelled_record
from corpus.metadata.merge import TRUST, merge_by_trust
from corpus.metadata.news_export import news_export_record
from corpus.metadata.notice import read_notice
from corpus.metadata.oxford_online import oxford_online_record
from corpus.metadata.platform_cover import platform_cover_record
from corpus.metadata.retraction import mark_retraction, retraction_record, without_stamp
from corpus.metadata.sidecars import manifest_records, sidecar_records
from corpus.metadata.slides import presented_paper_record, slides_record
from corpus.metadata.structured_data import HOSTING_SITES
from corpus.metadata.translation import translation_record
from corpus.metadata.version_statement import version_statement_record
from corpus.structure.references import split_references
from corpus_core.models import Metadata, Person, RawDocument, Reference


def candidate_records(
    raw: RawDocument,
    text: str,
    trusted: Metadata | None = None,
    problems: list[str] | None = None,
    cited: Cited = NOTHING_CITED,
) -> list[Metadata]:
    """Every source's record of the work in `raw`, most trusted first, each field's source set.

    `trusted` is a record from outside the file (a Zotero item's), its fields' sources set.
    Sidecars and manifests that could not be used add why to `problems` (see `sidecars`).
    `cited` is the work's own reference list, whose lines and DOIs its page furniture does
    not give as its own.
    """
    records: list[Metadata] = [trusted] if trusted is not None else []
    if raw.path:
        records += sidecar_records(raw.path, problems)
        records += manifest_records(raw.path, problems)
    front = front_matter_record(raw, problems)
    if front is not None:
        records.append(front)
    records += embedded_records(raw.info, raw.path, raw.format)
    printed = print_stamp(raw)
    records.append(browser_print_record(printed))
    if raw.format == "pdf":
        records.append(subject_record(raw.info))
        records.append(cover_citation_record(raw))
        records.append(platform_cover_record(raw))
        records.append(business_publishing_record(raw))
        records.append(oxford_online_record(raw))
        records.append(ebook_stamp_record(raw))
    news = news_export_record(raw)
    review, without_entry = read_book_review(raw, text)
    notice, without_cited = read_notice(without_entry)
    # a news database's sheets have no furniture of the paper's
    furniture = furniture_record(without_cited, cited) if news is None else Metadata()
    talk = slides_record(raw)
    records.append(cite_statement_record(raw))
    if not furniture.venue and not talk.kind:  # a journal's article: a note of a meeting is history
        records.append(presented_paper_record(raw))
    records.append(version_statement_record(raw))
    records.append(database_export_record(raw))
    records += [news or Metadata(), review, notice]
    if not notice.title:  # a retraction's notice says its article "has been retracted"
        records.append(retraction_record(raw))
    records.append(talk)
    opening = news is None and not review.kind and not notice.title and not talk.kind
    text = without_stamp(text)  # "RETRACTED ARTICLE" over the title is no title
    if opening:  # a database's head, a review's book or a notice's article opens the page: no labelled lines
        records.append(labelled_record(text))
    records.append(furniture)
    records.append(preprint_record(raw, furniture.venue))
    imprint = imprint_record(raw)
    if raw.format == "pdf":
        records += [chapter_record(raw), imprint]
    records.append(translation_record(raw))
    if opening:
        records.append(
            first_page_record(
                text,
                furniture.venue,
                title_page=has_title_page(raw, imprint),
                page_lines=with_accents(without_stamp(raw.pages[0])).split("\n") if raw.pages else None,
            )
        )
    if raw.format == "html" or (
        printed is not None and not any(JOURNAL_WORD.search(record.venue) for record in records)
    ):
        records.append(_webpage_guess())  # a journal's article printed from its site is an article
    records.append(file_name_record(raw.path))
    return records


_READ_OFF_PAGES = frozenset({"labelled-text", "page-furniture", "first-page"})
"""Sources that take a DOI from wherever the pages print one, a reference list's lines among them:
a DOI the work's reference list cites is not its own ("doi: 10.2307/2666999" under an entry)."""


def _webpage_guess() -> Metadata:
    """Guess that an HTML file, or a page printed from a browser, is a web page, where nothing says more."""
    return Metadata(kind="webpage", sources={"kind": "first-page"}, uncertain=["kind"])


def extract_metadata(
    raw: RawDocument,
    text: str,
    trusted: Metadata | None = None,
    problems: list[str] | None = None,
    references: list[Reference] | None = None,
) -> Metadata:
    """Best record of the work in `raw` and `trusted` (see `candidate_records`), each field's source noted.

    A title, venue or publisher read from the page in capitals is written in title case (`capitals`),
    and so is a title's head in capitals over a subtitle that is not, or a subtitle in capitals
    under a head that is not (California Management Review's).
    A PDF info title that the first page's title holds whole, as its start or its end, gives
    way to it: the tool that wrote the PDF kept a shortened title ("Geometrie und Topologie"
    for "Einführung in die Geometrie und Topologie", a title without its subtitle). A DOI a
    preprint server registered (`furniture.PREPRINT_SERVERS`), with no journal named, makes the
    work a preprint ("article") that the server publishes, as arXiv's stamp does. A DOI read
    off the pages that the work's own reference list or a footnote of its first page
    cites is the cited work's, not this one's (`references`: the text's reference list,
    found in `text` when not given), and one the text gives its data, code or supplements
    is theirs (`fields.gives_other_material`).
    """
    cited = Cited.of(split_references(text)[1] if references is None else references, first_page_notes(raw))
    records = candidate_records(raw, text, trusted, problems, cited)
    for record in records:
        if not record.doi or record.sources.get("doi") not in _READ_OFF_PAGES:
            continue
        if record.doi.lower() in cited.dois or gives_other_material(text, record.doi):
            record.doi = ""
            record.sources.pop("doi")
            record.uncertain = [name for name in record.uncertain if name != "doi"]
    merged = merge_by_trust(records)
    mark_retraction(merged)
    drop_repeated_genre(merged)
    if merged.sources.get("title") == "pdf-info":
        _fuller_title(merged, records)
    if merged.sources.get("venue") == "page-furniture" and _venue_is_title(merged):
        merged.venue = ""  # "World Development Report 2021": the title, no running head
        merged.sources.pop("venue")
    if merged.sources.get("title") in ("pdf-info", "page-furniture", "first-page"):
        _without_site(merged, text, web=raw.format == "html" or merged.kind == "webpage")
    if merged.sources.get("authors") in ("pdf-info", "xmp"):
        _fuller_authors(merged, records)
    read_off_the_file = TRUST.get(merged.sources.get("authors", ""), len(TRUST)) >= TRUST["xmp"]
    if (
        read_off_the_file
        and merged.reviewed_authors
        and _same_people(merged.authors, merged.reviewed_authors)
    ):
        merged.authors = []  # a review's page names its book's authors, never its reviewer's as theirs
        merged.sources.pop("authors", None)
    capitalised = [
        name
        for name in ("title", "venue", "publisher")
        if merged.sources.get(name) in FROM_PAGE and in_capitals(getattr(merged, name))
    ]
    if merged.sources.get("publisher") in FROM_PAGE and _one_word_in_capitals(merged.publisher):
        capitalised.append("publisher")  # "DOUBLEDAY" (an acronym, "SAGE", "OECD", is shorter)
    head, colon, subtitle = merged.title.partition(": ")
    from_page = merged.sources.get("title") in FROM_PAGE
    capital_head = from_page and in_capitals(head) and not in_capitals(subtitle)
    capital_subtitle = from_page and in_capitals(subtitle) and not in_capitals(head)
    if capitalised or (colon and (capital_head or capital_subtitle)):
        keep = prose_capitals(text)
        for name in capitalised:
            setattr(merged, name, title_case(getattr(merged, name), keep))
        if colon and capital_head:  # a book's title page: "ORGANIZATIONAL LEARNING" over its subtitle
            merged.title = f"{title_case(head, keep)}: {subtitle}"
        if colon and capital_subtitle:  # "The Concept of "Ba":" over "BUILDING A FOUNDATION FOR ..."
            merged.title = f"{head}: {title_case(subtitle, keep)}"
    server = preprint_server(merged.doi) if merged.kind in ("", "article") and not merged.venue else ""
    if server:  # a preprint server's DOI, and no journal: the server is its publisher, as for arXiv
        merged.kind, merged.publisher = "article", merged.publisher or server
        merged.sources.setdefault("kind", merged.sources.get("doi", "labelled-text"))
        merged.sources.setdefault("publisher", merged.sources.get("doi", "labelled-text"))
    if merged.original_year is not None and merged.year is not None and merged.original_year >= merged.year:
        merged.original_year = None  # no work first appeared after, or as, its edition cited
        merged.sources.pop("original_year", None)
    publishing_body = _PUBLISHING_BODY.fullmatch(merged.publisher)
    if not merged.authors and publishing_body and merged.sources.get("publisher") in FROM_PAGE:
        merged.authors = [Person(literal=publishing_body["body"])]  # "OECD Publishing, Paris": the OECD's
        merged.sources["authors"] = merged.sources["publisher"]
        merged.uncertain.append("authors")
    if merged.kind == "book" and merged.sources.get("venue") in ("page-furniture", "first-page"):
        merged.venue = ""  # a book is in no journal: its title page's foot names its publisher
        merged.sources.pop("venue")
    if not merged.pages and (merged.kind in CONTAINED_KINDS or (not merged.kind and merged.venue)):
        merged.pages = printed_range(raw.page_labels)
        if merged.pages:
            merged.sources["pages"] = "page-furniture"
            merged.uncertain.append("pages")
    return merged


_PUBLISHING_BODY = re.compile(r"(?P<body>[A-Z]{2,10}) (?:Publishing|Publications)")
"""An organisation's own imprint by its acronym ("OECD Publishing", "IMF Publications"): a work it
publishes and no person signs is the organisation's (APA 7, 9.11, a group author)."""
MIN_CAPITALS_NAME = 5
"""Letters a one-word name in capitals has at least to be a word, not an acronym ("SAGE", "OECD")."""


def _one_word_in_capitals(name: str) -> bool:
    """Whether `name` is one word in capitals long enough to be no acronym: a publisher's "DOUBLEDAY"."""
    return name.isalpha() and name.isupper() and len(name) >= MIN_CAPITALS_NAME


def _venue_is_title(merged: Metadata) -> bool:
    """Whether the furniture's venue and year are the title or open it: a report's "Annual Report 2022".

    A one-page work's first line is its page's top edge, where a journal sets its masthead
    ("Management Learning 2021"); a title that is a name and a year reads the same, and so does
    one that opens with them ("Overview of the CLEF 2008 Multilingual Question Answering Track").
    """
    names = (fold(merged.venue), fold(f"{merged.venue} {merged.year or ''}"))
    title = fold(merged.title)
    head = fold(merged.title.partition(": ")[0])  # "Education at a Glance 2021: OECD Indicators"
    opening = merged.year is not None and title.startswith(f"{names[1]} ")  # "Overview of the CLEF 2008 ..."
    return bool(title) and (title in names or head in names or opening)


def _same_people(one: list[Person], other: list[Person]) -> bool:
    """Whether two lists name the same people, by family name (or whole name where there is none)."""
    return [fold(p.family or p.display) for p in one] == [fold(p.family or p.display) for p in other]


def printed_range(labels: list[str]) -> str:
    """The page range the printed page numbers span ("201-232"); '' unless they run on one by one.

    A journal article's or a chapter's PDF numbers its pages as printed, so its first and
    last numbers are the work's page range where no record gives it (`extract_metadata`:
    only for a work in a journal, proceedings or book; pages without a number, a cover, are
    passed over; roman numerals or a gap say the file is not the work as printed). Numbers
    from 1 are left: an author's manuscript, a preprint and a platform's print-out number
    their own pages so, not the journal's or the book's.
    """
    numbers = [label for label in labels if label]
    if not numbers or not all(label.isdigit() for label in numbers):
        return ""
    values = [int(label) for label in numbers]
    if values[0] <= 1 or any(b != a + 1 for a, b in itertools.pairwise(values)):
        return ""
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"


MAX_TITLE_GAIN = 12
"""Words the first page's title may add to a PDF info title it holds (more: another line ran on)."""


def _fuller_authors(merged: Metadata, records: list[Metadata]) -> None:
    """Give `merged` the page's authors where the PDF's own list names only the first of them.

    Word processors and many publishers' tools fill the PDF's Author field with the first
    author alone (or the first few); the first page's author line, which begins with the same
    family names in the same order and names more, is the whole list.
    """
    families = [fold(person.family or person.literal) for person in merged.authors]
    for record in records:
        if record.sources.get("authors") not in ("first-page", "labelled-text"):
            continue
        page = [fold(person.family or person.literal) for person in record.authors]
        if len(page) > len(families) and page[: len(families)] == families:
            merged.authors = list(record.authors)
            merged.sources["authors"] = record.sources["authors"]
            if "authors" in record.uncertain and "authors" not in merged.uncertain:
                merged.uncertain.append("authors")
            return


OPENING_PARAGRAPHS = 12
"""Paragraphs at the start of the text searched for a web page's own title."""


def _without_site(merged: Metadata, text: str, web: bool) -> None:
    """A page's title without the site's name that its HTML title, and so its print-out, adds.

    Where the text opens with a paragraph that is the title up to a bar or a dash, and none
    that is the whole of it, that paragraph is the title (`fields.split_site`); on a web page
    (`web`: an HTML file, or a file whose kind is a web page) the site is its venue where no
    record names one and it is no platform that hosts others' works ("ScienceDirect",
    `structured_data.HOSTING_SITES`).
    """
    opening = {fold(paragraph) for paragraph in text.split(PARAGRAPH_BREAK)[:OPENING_PARAGRAPHS]}
    if fold(merged.title) in opening:
        return
    found = split_site(merged.title, lambda own: fold(own) in opening)
    if found is None or fold(found[1]) in opening:
        return
    merged.title, site = found
    if web and not merged.venue and site.casefold() not in HOSTING_SITES:
        merged.venue = site
        merged.sources["venue"] = merged.sources["title"]
        merged.uncertain.append("venue")


def _fuller_title(merged: Metadata, records: list[Metadata]) -> None:
    """Give `merged` the first page's title where it holds the PDF info title whole (`extract_metadata`)."""
    page = next((r for r in records if r.sources.get("title") == "first-page" and r.title), None)
    if page is None:
        return
    short, words = fold(merged.title).split(), fold(page.title).split()
    gain = len(words) - len(short)
    if 0 < gain <= MAX_TITLE_GAIN and short in (words[: len(short)], words[gain:]):
        merged.title = page.title
        merged.sources["title"] = "first-page"
        if "title" not in merged.uncertain:
            merged.uncertain.append("title")
