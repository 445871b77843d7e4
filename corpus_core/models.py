"""Typed records that flow between the stages: files -> Document -> Chunk -> Hit -> Citation.

Every stage takes and returns these dataclasses, never loose dicts, so provenance (source
file, page, character offsets, where each metadata field came from) is set once and read
back by citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

FieldSource = Literal[
    "user",
    "zotero",
    "sidecar",
    "front-matter",
    "manifest",
    "pdf-info",
    "xmp",
    "labelled-text",
    "page-furniture",
    "first-page",
    "file-name",
    "beir",
    "merged",
]
"""Where a metadata field came from, most trusted first ("page-furniture": running heads,
footers and cover pages, see `corpus.metadata.furniture`; "zotero": the item's record in a Zotero
library, see `corpus.loading.zotero`; "front-matter": a Markdown or text note's YAML header, see
`corpus.metadata.front_matter`; "file-name": a title read from the file's name, the last resort)."""


@dataclass(frozen=True)
class Person:
    """An author: family and given names, or a literal for organisations."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        """Full name as a reader writes it ("Yin Min Chung")."""
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}".strip()

    @classmethod
    def parse(cls, name: str) -> Person:
        """Split "Family, Given" or "Given Family" into parts; a single word stays family.

        The particles before a family name are part of it ("Georg von Krogh", "João da Silva",
        "Aoife Ní Bhriain"): they are cited with it ("von Krogh, G."), not as given names.
        """
        name = " ".join(name.split()).strip(" ,;")
        if not name:
            return cls()
        if "," in name:
            family, _, given = name.partition(",")
            return cls(family=family.strip(), given=given.strip())
        parts = name.split(" ")
        if len(parts) == 1:
            return cls(family=parts[0])
        start = len(parts) - 1
        while start > 0 and parts[start - 1] in NAME_PARTICLES:
            start -= 1
        if start >= 2 and parts[start - 1] in SURNAME_JOINS and parts[start - 2][:1].isupper():
            start -= 2
            while start > 1 and parts[start - 1] in NAME_PARTICLES:
                start -= 1
        return cls(family=" ".join(parts[start:]), given=" ".join(parts[:start]))


NAME_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "delle", "dei", "degli", "di", "da", "das", "dos",
    "du", "la", "le", "ten", "ter", "zu", "zur", "af", "av", "Ó", "Ní", "Nic", "Mac", "Uí",
})  # fmt: skip
"""Words before a family name that belong to it: Dutch, German, Romance and Scandinavian
particles, written in lowercase after a given name, and Irish ones ("Ó Riain", "Ní Bhriain").
"y" ("Ortega y Gasset") is left out: it joins two family names, the first of which is no particle."""
SURNAME_JOINS = frozenset({"y", "e", "i"})
"""Words that join a father's and a mother's family names into one: Spanish "José Ortega y Gasset",
Portuguese "Ana Silva e Costa", Catalan "Josep Puig i Cadafalch". The name before the join is a
family name when a given name stands before it; it is cited with the join ("Ortega y Gasset, J.")."""


_ELOCATOR = re.compile(r"e\d{4,}")
"""An eLocator, the article number PLOS and others print where pages would stand ("e0227612")."""


def _while_it_spells(form: str, value: str) -> str:
    """`form` (another case of `value`, made at ingestion) while it spells `value`, else `value`."""
    return form if form and form.casefold() == value.casefold() else value


REVIEW_KINDS = frozenset({"review", "review-book"})
"""The CSL types of a review; a journal's review may be filed as its article too, told by its
reviewed work's authors or title (as Zotero exports one)."""
NOTICE_TITLE = re.compile(
    r"(?P<head>(?:statement\s+of\s+|notice\s+of\s+)?retraction(?:\s+(?:notice|note|statement))?"
    r"|withdrawal\s+notice|(?:editorial\s+)?expression\s+of\s+concern"
    r"|(?:publisher|author)(?:['’]s)?\s+correction|correction(?:\s+notice)?|erratum|corrigendum|addendum)"
    r"(?P<rest>(?:\s+to\b|\s*:|\s*[“\"]|\s+for\s+[A-Z][\w'’-]+(?:\s+et\s+al\.?|\s+and\s+[A-Z]|,)).*)?$",
    re.I,
)
"""A notice's title: its head alone ("Erratum", "Retraction notice") or naming its article ("Correction
to: ...", "Corrigendum to “...”", "Retraction: ...", PNAS's "Correction for Smith et al., ..."), as
`corpus.metadata.notice` reads one. A paper's title that opens with such a word goes on otherwise
("Correction for attenuation in ...", "Withdrawal: ..." are no notices)."""
RETRACTED = "Retracted"
"""`Metadata.retraction` of a work retracted in a year not known."""
PEOPLE_FIELDS = ("authors", "editors", "translators", "reviewed_authors")
"""The fields of a `Metadata` that hold people: stored as dicts, set as "Family, Given; Family, Given"."""


LATER_FIELDS = ("translators", "original_year")
"""`Metadata` fields added after records' digests were first stored (`Metadata.digest_dict`)."""


@dataclass
class Metadata:
    """Bibliographic record of one work; empty fields are unknown, never guessed.

    `sources` maps a field name to where its value came from; `uncertain` lists fields
    whose value came from a heuristic and should be shown as such.
    """

    title: str = ""
    sentence_title: str = ""
    """The title in sentence case, as APA and Cite Them Right write it ("The learning organization
    as a context for value co-creation"), made at ingestion from the title and the work's own
    text (`corpus.metadata.sentence_case`); '' where the title needs no change or is not English."""
    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)
    """The editors of an edited book, or of the book a chapter is in, as CSL's `editor`; a book
    that names no author has its editors in `authors` too, so it is filed and found by them."""
    translators: list[Person] = field(default_factory=list)
    """Who translated the work, as CSL's `translator`: APA 7 (9.39) cites a translation "(H. Weaver,
    Trans.)" after its title, Chicago "Translated by Helen Weaver"."""
    reviewed_authors: list[Person] = field(default_factory=list)
    """A review's reviewed work's authors, as CSL's `reviewed-author`: a book review is filed under
    its reviewer (`authors`) and cited "[Review of the book The fifth discipline, by P. M. Senge]"."""
    reviewed_title: str = ""
    """The reviewed work's title where the review has a title of its own, as CSL's `reviewed-title`;
    a review without one has the reviewed work's title as its `title`, as CSL keeps it."""
    year: int | None = None
    date: str = ""
    """The day (or month) of publication, ISO 8601 ("2019-05-14", "2019-05"), of a work its
    citation dates by the day: a newspaper's, a magazine's, a web page's; '' where only the year
    is known. It stands with `year`: a date of another year is not cited."""
    original_year: int | None = None
    """The year a translated or republished work first appeared, as CSL's `original-date`: APA 7
    (9.40-9.41) cites it "(Piaget & Inhelder, 1966/1969)" and notes "(Original work published
    1966)"; None where the work is cited in its first publication or that is not known."""
    venue: str = ""
    sentence_venue: str = ""
    """A chapter's or an entry's book (its `venue`) in sentence case, as APA and Cite Them Right
    write a book's title ("The Oxford handbook of organizational learning"), made like
    `sentence_title`; '' for other kinds, where the venue needs no change or is not English."""
    doi: str = ""
    keywords: list[str] = field(default_factory=list)
    abstract: str = ""
    publisher: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    article_number: str = ""
    """The article's number where its journal numbers articles instead of paging them ("e0227612"
    of PLOS ONE, "634567" of Frontiers, ACM's "Article 12"), as CSL's `number`; '' = none known."""
    url: str = ""
    isbn: str = ""
    kind: str = ""
    """CSL item type: article-journal, report, webpage, thesis, book, ... ('' = unknown)."""
    genre: str = ""
    """What kind of thesis or report, in words, as CSL's `genre`: "Doctoral dissertation",
    "Master's thesis", "Working paper" ('' = not stated)."""
    edition: str = ""
    """A book's edition as CSL's `edition`: its number ("2" of "2nd ed.", "Second edition") or
    its words ("Revised edition"); '' for a first edition or none stated."""
    language: str = ""
    citation_key: str = ""
    """Key to cite the work by in BibTeX (a Better BibTeX key from Zotero); '' = make one up."""
    retraction: str = ""
    """That the work was retracted, as APA 7 (10.1) notes it after the reference: "Retraction
    published 2022", "Retracted" where the year is not known; '' = not known to be retracted (Zotero's
    retraction check, the article's own "RETRACTED" stamp, a notice of its retraction in the corpus,
    `corpus edit retraction=...`)."""
    retracts: str = ""
    """The DOI of the article a notice of retraction retracts (`corpus.metadata.notice`), lower case:
    the corpus's work with that DOI is noted retracted (`indexing.linking.work_records`)."""
    sources: dict[str, FieldSource] = field(default_factory=dict)
    uncertain: list[str] = field(default_factory=list)

    @property
    def title_in_sentence_case(self) -> str:
        """`sentence_title` while it spells `title` (a title edited since is cited as edited), else it."""
        return _while_it_spells(self.sentence_title, self.title)

    @property
    def venue_in_sentence_case(self) -> str:
        """`sentence_venue` while it spells `venue` (a venue edited since is cited as edited), else it."""
        return _while_it_spells(self.sentence_venue, self.venue)

    @property
    def is_review(self) -> bool:
        """Whether the record is a review of another work (CSL's own test: its type or its reviewed work)."""
        return self.kind in REVIEW_KINDS or bool(self.reviewed_authors or self.reviewed_title.strip())

    @property
    def is_notice(self) -> bool:
        """Whether the record is a journal's notice about another article (a correction, a retraction)."""
        return NOTICE_TITLE.match(" ".join(self.title.split())) is not None

    @property
    def printed_pages(self) -> str:
        """The pages the work is printed on: `pages` unless they hold its article number.

        Reference managers keep an article number in the pages ("e0227612", or the number the
        record also has as `article_number`); it is no range a cited page lies in.
        """
        if self.pages == self.article_number or _ELOCATOR.fullmatch(self.pages):
            return ""
        return self.pages

    @property
    def cited_article_number(self) -> str:
        """The article number a citation gives in place of pages: none where pages are printed."""
        if self.printed_pages:
            return ""
        return self.article_number or self.pages

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (people as dicts); what `dataclasses.asdict` gives, 20 times faster.

        The catalog stores it for every document and work a run writes.
        """
        data = dict(vars(self))
        for role in PEOPLE_FIELDS:
            data[role] = [{"family": p.family, "given": p.given, "literal": p.literal} for p in data[role]]
        data["keywords"] = list(self.keywords)
        data["sources"] = dict(self.sources)
        data["uncertain"] = list(self.uncertain)
        return data

    def digest_dict(self) -> dict[str, Any]:
        """`to_dict` without the `LATER_FIELDS` left empty: what a digest of the record hashes.

        A release that adds a field then changes the digests of the records that fill it only, so
        a library's next run reads again those items alone, not every file it holds.
        """
        data = self.to_dict()
        for name in LATER_FIELDS:
            if data[name] in (None, "", []):
                del data[name]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        """Inverse of `to_dict`; unknown keys are ignored."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        for role in PEOPLE_FIELDS:
            values[role] = [Person(**p) for p in data.get(role, [])]
        return cls(**values)


@dataclass(frozen=True)
class PageSpan:
    """Where a page of the source lies in the cleaned text: [start, end) offsets.

    `number` is the physical page (1-based); `label` the printed page number when the PDF
    defines one (front matter "iii", article pages "245"), or the print edition's page an
    EPUB's page list gives, which is what citations use.
    """

    number: int
    start: int
    end: int
    label: str = ""
    ocr: bool = False
    """Whether the page's text was read by OCR (a scanned page), not extracted."""


@dataclass(frozen=True)
class Section:
    """A detected heading and the span of cleaned text it governs."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """One entry of a work's reference list, parsed into fields."""

    raw: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    title: str = ""
    venue: str = ""


PRINT_STAMP = "print_stamp"
"""The cleaning statistic of a browser's print head and foot (`corpus.cleaning.browser_print`): a
PDF that had one is a web page printed, its sheets the reader's, not pages the work was printed on."""
NEWS_EXPORT = "news_export"
"""The cleaning statistic of a news database's framing of an exported article (`corpus.cleaning.
news_export`): its sheets are the database's, not the pages the paper printed it on."""


@dataclass
class CleaningStats:
    """Characters removed per cleaning rule, for `corpus show` and the run report."""

    removed: dict[str, int] = field(default_factory=dict)
    chars_in: int = 0
    chars_out: int = 0

    def add(self, rule: str, chars: int) -> None:
        """Count `chars` characters removed by `rule`."""
        if chars:
            self.removed[rule] = self.removed.get(rule, 0) + chars

    @property
    def browser_printed(self) -> bool:
        """Whether the text is a web page a browser printed: a print stamp was taken out (`PRINT_STAMP`)."""
        return PRINT_STAMP in self.removed

    @property
    def unpaged(self) -> bool:
        """Whether the sheets are not the work's pages: a browser's print-out, a news database's export.

        Such a work is cited by paragraph, as the page or the article itself is.
        """
        return self.browser_printed or NEWS_EXPORT in self.removed


@dataclass
class RawDocument:
    """What a loader read from one file, before cleaning: text per page."""

    path: str
    content_hash: str
    format: str
    pages: list[str]
    info: dict[str, str] = field(default_factory=dict)
    """Embedded metadata (PDF info/XMP, HTML meta tags), keys lower-case."""
    page_labels: list[str] = field(default_factory=list)
    """Printed page numbers, one per page, when the file defines them."""
    ocr_pages: list[int] = field(default_factory=list)
    """Physical numbers (1-based) of the pages whose text was read by OCR."""
    ocr_note: str = ""
    """Why pages are still without text ("needs OCR: install tesseract-ocr"); '' when none is."""
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    """Each page's width and height in points as shown (a PDF page's box turned by its /Rotate, a
    deck's slide size); [] where the format has no pages of a size (text, Word, web pages)."""

    @property
    def landscape(self) -> bool:
        """Whether every page is wider than it is tall, as slides are."""
        return bool(self.page_sizes) and all(width > height for width, height in self.page_sizes)


@dataclass
class Document:
    """One work's cleaned text with its metadata and structure."""

    doc_id: str
    source: str
    content_hash: str
    format: str
    text: str
    pages: list[PageSpan]
    metadata: Metadata
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    cleaning: CleaningStats = field(default_factory=CleaningStats)
    references_start: int | None = None
    """Offset where the reference list begins; text from there on is not embedded."""
    notes: list[str] = field(default_factory=list)
    """What the run report must say about the document although it was indexed ("OCR failed
    on page(s) 3, 7: ...": those pages are left out, the others are searchable)."""

    @property
    def body_end(self) -> int:
        """End of the body text that gets chunked (the reference list excluded)."""
        return len(self.text) if self.references_start is None else self.references_start

    @property
    def cites_pages(self) -> bool:
        """Whether its passages are cited by page: a PDF's, or a book's print pages (an EPUB's page list).

        A web page a browser printed to PDF is not (`PRINT_STAMP`): like the page itself, it is
        cited by paragraph; its sheets are where the reader's printer broke it. Nor is an
        article a news database exported (`NEWS_EXPORT`): its sheets are the database's.
        """
        printed = self.format == "pdf" and not self.cleaning.unpaged
        return printed or any(span.label for span in self.pages)

    def page_at(self, offset: int) -> PageSpan | None:
        """The page holding the character at `offset` (a separator belongs to the page before)."""
        found = None
        for span in self.pages:
            if span.start <= offset:
                found = span
            else:
                break
        return found

    def printed_pages(self, first: PageSpan, last: PageSpan) -> list[str]:
        """Printed numbers of the pages from `first` to `last`, for citing them.

        Their labels; in a PDF that gives none, their physical numbers. A page without a
        label in a PDF whose other pages have one (a cover page) has no printed number and
        is left out.
        """
        spans = self.pages[first.number - 1 : last.number]  # pages are numbered 1..n in order
        if any(span.label for span in self.pages):
            return [span.label for span in spans if span.label]
        return [str(span.number) for span in spans]

    def section_at(self, offset: int) -> str:
        """Title of the section holding `offset` ('' before the first heading)."""
        title = ""
        for section in self.sections:
            if section.start <= offset:
                title = section.title
            else:
                break
        return title


@dataclass(frozen=True)
class Chunk:
    """A passage of a document: text, its offsets into the cleaned text and its pages."""

    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    page_start: int | None = None
    page_end: int | None = None
    section: str = ""
    page_label: str = ""
    """Printed page or range to cite ("38", "38-39"); '' when the source has no pages."""
    ocr: bool = False
    """Whether any of its pages was read by OCR (the text may hold recognition errors)."""


@dataclass
class Hit:
    """A chunk with its retrieval score."""

    chunk: Chunk
    score: float
