"""Metadata written into a document's own text: labelled lines, abstract-page layout, first-page cues.

Two records come out, both built only from the head of the document (before its first body
heading), never from in-text citations:

* `labelled_record`: "Title: ...", "Authors: ...", "DOI: ...", "Keywords: ...", "Journal: ...",
  "Publication date: ..." lines, a citation line ("The Learning Organization, 2019, ahead-of-print"),
  a document-type line ("Journal Article"), a structured abstract (Purpose, Design/methodology/
  approach, Findings, Originality/value) and the title line of such an abstract page; source
  "labelled-text". A year only an online-first date states ("Published online: 1 August 2007")
  is marked uncertain: the issue a citation line names may be the next year's.
* `first_page_record`: a title-like first line (not a masthead naming the journal), the author
  line under it, "Project Report 2016", "(c) 2015", a bare DOI; source "first-page", every field
  marked uncertain.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus.cleaning.reflow import BYLINE_ROLE, NOTE_SYMBOLS, SENTENCE_END
from corpus.metadata.capitals import MINOR_WORDS, UNCOUNTED_WORDS, mostly_title_case, title_case
from corpus.metadata.fields import (
    CONFERENCE_PAPER_TYPES,
    COPYRIGHT_YEAR,
    GREY_LITERATURE,
    OTHER_AND,
    PUBLISHER_WORDS,
    PUBLISHING_PLACES,
    is_organisation_name,
    is_place_and_year,
    kind_from_label,
    names_other_material,
    normalise_doi,
    normalise_edition,
    normalise_pages,
    parse_date,
    parse_year,
    placeholder_name,
    split_keywords,
    split_people,
    stamp,
    thesis_genre,
)
from corpus.metadata.furniture import ISSUE_MONTHS, Citation, parse_citation
from corpus.metadata.retraction import names_a_retraction
from corpus.metadata.version_statement import is_version_statement
from corpus.structure.front_words import ABSTRACT_WORDS, INTRODUCTION_WORDS, KEYWORD_WORDS
from corpus.structure.textlines import Line, lines_of, without_heading_mark
from corpus_core.models import Metadata, Person

HEAD_LINES = 60
"""At most this many non-blank lines open a document's head."""
HEAD_CHARS = 12_000
"""...and at most this many characters."""
TAIL_LINES = 12
"""Non-blank lines at the end searched for Title/Author/DOI labels (shop and repository trailers)."""
TAIL_CHARS = 4_000
"""...within at most this many characters at the end (a wiki page's foot, `_LAST_EDITED`)."""
FIRST_PAGE_LINES = 15
"""Non-blank lines that first-page heuristics look at."""
SHORT_LINE_WORDS = 6
"""A line of at most this many words under a bare "Keywords:" label is one keyword."""
MAX_KEYWORD_LINES = 10
"""Keyword lines read under a bare "Keywords:" label at most."""

_LABELS: dict[str, str] = {
    **dict.fromkeys(ABSTRACT_WORDS, "abstract"),
    **dict.fromkeys(KEYWORD_WORDS, "keywords"),
    "title": "title",
    "article title": "title",
    "author": "authors",
    "authors": "authors",
    "author(s)": "authors",
    "doi": "doi",
    "keywords": "keywords",
    "keyword": "keywords",
    "key words": "keywords",
    "index terms": "keywords",
    "key words and phrases": "keywords",
    "additional key words and phrases": "keywords",
    "journal": "journal",
    "journal title": "journal",
    "source": "venue",
    "published in": "venue",
    "publication date": "year",
    "date of publication": "year",
    "date published": "year",
    "published": "year",
    "posted": "year",
    "posted date": "year",
    "date posted": "year",
    "year": "year",
    "published online": "year-online",
    "online publication date": "year-online",
    "document type": "kind",
    "manuscript type": "kind",
    "article type": "kind",
    "type of document": "kind",
    "volume": "volume",
    "vol": "volume",
    "issue": "issue",
    "pages": "pages",
    "article number": "article_number",
    "article no": "article_number",
    "publisher": "publisher",
    "isbn": "isbn",
    "abstract": "abstract",
    "manuscript id": "",
    "addresses": "",
    "affiliations": "",
    "ccs concepts": "",
}
_TAIL_FIELDS = {"title", "authors", "doi", "isbn"}
_LABEL_ALTERNATIVES = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_LABELS, key=len, reverse=True)
)
_LABEL_LINE = re.compile(
    rf"^\s*(?P<label>{_LABEL_ALTERNATIVES})\.?\s*(?:[:：]\s*|\t\s*)(?P<value>\S.*)$", re.IGNORECASE
)
_RUN_IN_LABEL = re.compile(
    r"^\s*(?:(?i:(?P<label>abstract|keywords|key\s+words|index\s+terms))\s*(?:[—–]|\s-\s|\.(?=\s))|"
    r"(?P<heading>ABSTRACT|KEYWORDS|KEY WORDS|INDEX TERMS)\s)\s*(?P<value>\S.*)$"
)
"""An abstract or keywords run in after their label and a dash or a full stop: IEEE's
"Abstract—This paper ..." and "Index Terms—...", Springer's LNCS "Abstract. The ..."; or
after their heading in capitals, the paragraph under it run into it (Wiley's "KEYWORDS")."""
_TERMS_AFTER_KEYWORDS = re.compile(
    r"(?P<label>Keywords)\s+(?P<value>[A-Z][^.:;]{0,300}?[,·][^.:;]{2,300}?)(?:\s+Paper type\s+[A-Z].*)?"
)
"""A keywords line with no colon after "Keywords": Emerald's, its paper type after the terms
("Keywords Organizational learning, Value co-creation Paper type Research paper"), and
Springer's, its terms between middle dots ("Keywords Service-dominant logic · Institutions")."""
MIN_RUN_IN_ABSTRACT_WORDS = 12
"""Words an abstract run in after "Abstract." needs ("Abstract. Thinking is hard." is prose)."""
_BARE_KEYWORDS = re.compile(
    r"(?:keywords|key\s+words|index\s+terms|" + "|".join(map(re.escape, KEYWORD_WORDS)) + r")\s*[:：]?",
    re.IGNORECASE,
)
"""A "Keywords:" label with its terms on the lines below."""
_INNER_LABEL = re.compile(
    r"\s+(?=(?:Keywords|Key\s+words|(?:Additional\s+)?Key\s+Words\s+and\s+Phrases|DOI|Journal|Manuscript\s+(?:ID|Type)|Document\s+Type|Publication\s+date|"
    r"Published\s+online|Authors?|Title|Volume|Issue|Pages)\s*[:\t])|"
    r"(?<=[.;])\s+(?=(?:KEYWORDS|KEY WORDS|INDEX TERMS)\s)|"
    r"(?<=[.;])\s+(?=(?i:index\s+terms|key\s*words)\s*[—–])"
)
"""Where a line holds more than one label: before each "Label:", and before a heading in
capitals after a sentence's end (ACM's "KEYWORDS", which reflow may run into the "CCS
CONCEPTS" paragraph above it: "... social computing. KEYWORDS value co-creation, ...") or
a label run in after a dash (IEEE's "Index Terms—", set under "Abstract—..." without space
between them, so read as the abstract's last sentence)."""
_EDITORIAL = r"(?:guest |invited |special issue )?editorial"
_LETTER = r"letters? to the editors?"
_SECTION_TYPES = (
    rf"{_EDITORIAL}|{_LETTER}|(?:invited )?commentary|"
    r"viewpoint|point of view|research note|short communication|brief report|obituary|in memoriam|"
    r"rejoinder|introduction to the special (?:issue|section)"
)
"""The section a journal sets a piece under, printed over its title ("Guest editorial", "Letter to
the Editor", "Commentary"); an untitled piece has it for its title. APA 7 (10.1) names two of them
in brackets after the title (`_DESCRIBED_TYPES`): "Study abroad programs [Editorial]"."""
_ARTICLE_TYPES = (
    r"(?:special issue|regular|full[- ]length|original|empirical|conceptual|theoretical|position|practice|"
    r"methods?|methodological|invited|featured?|brief|rapid|systematic|integrative|critical|narrative|"
    r"scoping|general|state[- ]of[- ]the[- ]art)(?: (?:research|review))? "
    r"(?:article|paper|review|research|communication)"
)
"""The kinds of paper journals print over a title ("SPECIAL ISSUE ARTICLE", Elsevier's "Full length
article", Springer's "Original Paper", "SYSTEMATIC REVIEW"): none is the title."""
_GREY_TYPES = rf"{GREY_LITERATURE}|(?:final|interim|summary|evaluation|consultation|background) report"
"""The kinds of report an organisation prints over a title ("POLICY BRIEF", "Final report")."""
_TYPE_LINE = re.compile(
    r"^(?:journal|research|original|review|scholarly|conference|short) article$|^article$|"
    r"^(?:conference|working|research|discussion) paper$|^(?:book )?chapter$|"
    rf"^(?:{CONFERENCE_PAPER_TYPES})$|"
    r"^(?:book|case study)$|"
    rf"^(?:{_SECTION_TYPES})$|^(?:{_ARTICLE_TYPES})$|^(?:{_GREY_TYPES})$|"
    r"^(?:technical|research|project) report$|^(?:doctoral |master'?s |phd )?(?:thesis|dissertation)$",
    re.IGNORECASE,
)
_ISSUE_NAME = re.compile(r"(?:special|thematic|themed) (?:issue|section|forum)\s*[:–—]\s*\S", re.IGNORECASE)
"""A special issue's name, labelled, over an article's title ("SPECIAL ISSUE: LEARNING IN THE DIGITAL
AGE"): the issue's, not the title (an editorial that introduces it reads "Special issue on ...")."""
_SECTION_TYPE = re.compile(rf"(?:{_SECTION_TYPES})", re.IGNORECASE)
_BOOK_PART = re.compile(r"foreword|preface|afterword|epilogue|prologue", re.IGNORECASE)
"""A book's part by another hand, titled by its name ("Foreword" over "Peter M. Senge"); not a type
line, since a whole book's "Preface" is one of its sections."""
_DESCRIBED_TYPE = re.compile(
    rf"(?P<editorial>{_EDITORIAL})|(?P<letter>{_LETTER})|{GREY_LITERATURE}", re.IGNORECASE
)
"""The types APA 7 describes in brackets after the title: an editorial and a letter (10.1: "Study
abroad programs [Editorial]"), and grey literature by what it calls itself ("[White paper]",
"[Policy brief]", "[Fact sheet]")."""
_TYPE_PREFIX = re.compile(
    r"^\s*(?:journal|research|original|review|scholarly|conference) article\s+(?=[A-Z])", re.IGNORECASE
)
_TYPE_INSIDE = re.compile(
    r"(?<=\s)(?:Journal|Research|Original|Review|Scholarly|Conference) Article\s+(?=[A-Z])"
)
"""The same phrase capitalised inside a line: a title that reflow joined to it goes before it."""
_PURPOSE_INSIDE = re.compile(r"(?<=\s)Purpose(?=\s*[-–‐—:]?\s*[A-Z])")
_CITATION_LINE = re.compile(
    r"^(?P<venue>[A-Z][^,;:()\d]{2,150}?),\s*(?P<year>(?:1[89]|20)\d\d)\b"
    r"(?P<rest>\s*(?:$|[,;.]?\s*(?:vol|no\b|issue|pp|ahead|in press|early|online|forthcoming|\d|\()).*)$",
    re.IGNORECASE,
)
_VOLUME = re.compile(r"\bVol(?:ume)?\b\.?\s*(\w+)", re.IGNORECASE)
_ISSUE = re.compile(r"\b(?:No|Number|Issue)\b\.?\s*([\w/–-]+)", re.IGNORECASE)
_PAGES = re.compile(r"\bpp?\.?\s*(\d+\s*[-–]\s*\d+)", re.IGNORECASE)
_STRUCTURED = re.compile(
    r"^(?:Purpose|Design/methodology/approach|Findings|Research limitations/implications|"
    r"Practical implications|Social implications|Originality/value)\b"
)
_STRUCTURED_PARTS = re.compile(r"\b(?:Design/methodology/approach|Findings|Originality/value)\b")
_BODY_START = re.compile(
    r"^(?:\d+\.?\s+|[IVX]+\.\s+)?(?:background|" + "|".join(INTRODUCTION_WORDS) + r")\s*:?$", re.IGNORECASE
)
_REPORT_LINE = re.compile(
    r"(?:^|(?<=\s))(?P<type>(?:project|research|technical|internship) report|report|"
    r"working paper|research paper|"
    r"(?:master'?s?|bachelor'?s?|doctoral|diploma|phd) thesis|thesis|dissertation|term paper|seminar paper|"
    r"(?:scientific )?essay|academic paper)\s*,?\s*(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_PAPER_SERIES = r"(?:[A-Z][\w&.-]*\s+){0,4}?(?:working|discussion|research|occasional|policy|staff)\s+paper"
"""A paper series' name: "Working Paper", "NBER Working Paper", "CEPR Discussion Paper"."""
_SERIES_MASTHEAD = re.compile(rf"{_PAPER_SERIES}s?\s+series", re.IGNORECASE)
"""A working-paper series' name over its papers' covers ("NBER WORKING PAPER SERIES"): no title."""
_PAPER_NUMBER = re.compile(
    rf"(?P<series>{_PAPER_SERIES}s?)(?:\s+series)?"
    r"(?P<marker>\s*[·|,–]?\s*(?:no\.?|number|nr\.?|#))?\s*(?P<number>[A-Z]{0,3}[-\s]?\d[\w./-]{0,15})"
    r"(?:\s*[·|,–]\s*(?P<date>(?:[^\W\d_]{3,9}\.?\s+)?(?:19|20)\d\d))?",
    re.IGNORECASE,
)
"""A working paper's number as its cover or abstract page states it: "Working Paper 25678", "NBER
Working Paper No. 25678", "Discussion Paper No. 12-034", "OECD Education Working Papers No. 137",
"Discussion Paper Series · No. 23-041 · June 2023" (its date after it); a year after it without
"No." is a date ("Research Paper 2019", `_REPORT_LINE`)."""
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\.?"
)
"""A month's name, in English, German, French or Spanish ("31. Dezember 2016", "3 de marzo de 2019")."""
_DATE_LINE = re.compile(
    r"(?:(?:this version|current version|draft|date|dated|published(?: on)?|posted(?: on)?|"
    r"(?:last )?updated(?: on)?|last modified(?: on)?)\s*:?\s*"
    r"|[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?,\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{_MONTH}\s+(?:de\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)(?:-[01]\d-[0-3]\d)?",
    re.IGNORECASE,
)
"""A line that is only a date ("January 3, 2024", "3 March 2019", "This version: May 2020",
"Posted on 2024-01-03", a web page's "Updated March 3, 2022"), or a place and a date
("Helsinki, 2022"): the date under a title and its authors, as LaTeX's title block, a working
paper, a report's title page or a blog post sets it. "Received 12 May 2019" and sentences are
not dates."""
_DEGREE_STATEMENT = re.compile(
    r"\b(?:thesis|dissertation)\s+(?:submitted|presented)\b|\bsubmitted\s+in\s+(?:partial\s+)?fulfil+ment\b|"
    r"\bin\s+(?:partial\s+)?fulfil+ment\s+of\s+the\s+requirements\s+for\b|\bfor\s+the\s+degree\s+of\s+[A-Z]|"
    r"\bzur\s+erlangung\s+des\b|\b(?:master|bachelor)arbeit\b|\bthèse\s+(?:présentée|soutenue|de\s+doctorat)\b|"
    r"\bpour\s+l['’]obtention\s+du\b|\btesis\s+(?:doctoral|de\s+(?:maestría|doctorado)|presentada)\b|"
    r"\btrabajo\s+(?:de\s+)?fin\s+de\s+(?:máster|grado)\b|\b(?:tese|dissertação)\s+(?:de\s+\w+\s+)?apresentada\b|"
    r"\b(?:tese\s+de\s+doutorado|dissertação\s+de\s+mestrado)\b|\btesi\s+di\s+(?:laurea|dottorato)\b|"
    r"\b(?:masteroppgave|masteruppsats|magisteruppsats|examensarbete|kandidatuppsats|doktorsavhandling|"
    r"doktoravhandling|ph\.?d\.?-afhandling|speciale|masterthesis|masterscriptie|proefschrift|pro\s+gradu)\b",
    re.IGNORECASE,
)
"""A title page's statement of the degree a thesis is for ("A thesis submitted in partial
fulfilment of the requirements for the degree of Doctor of Philosophy"), and its equivalents in
German ("Dissertation zur Erlangung des Doktorgrades", "Masterarbeit"), French ("Thèse présentée
pour obtenir le grade de docteur"), Spanish, Portuguese, Italian, the Scandinavian languages,
Dutch ("Proefschrift") and Finnish ("Pro gradu")."""
_DEGREE_GRANTING_WORDS = (
    r"Universit\w*|Universidad|Universidade|Uniwersytet|Institute|Institut|College|Hochschule|École|Academy|"
    r"Polytechnic|Politecnico|Politécnica|Hogeschool|Högskola|Høgskole"
)
"""The words that name a body granting degrees (a school or faculty of one grants none of its own)."""
_INSTITUTION_LINE = re.compile(
    rf"(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){{0,6}}(?:{_DEGREE_GRANTING_WORDS}|School)"
    r"(?:\s+(?:of|for|de|der|di|du|del|della|für|zu|i|and|&)?\s*[A-Z][\w'’&.-]*){0,6}",
)
"""A line that only names a university or school ("Norwegian School of Economics", "Norwegian
University of Science and Technology")."""
_EDITION = (
    r"(?P<edition>\d{1,2}\.\s*(?:Auflage|Ausgabe)|(?:\d{1,2}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|"
    r"Sixth|Revised|Updated|Expanded|New)(?:,?\s+revised)?\s+(?:edition|ed\.)|Edition\s+\d{1,2}"
    r"|\d{1,2}(?:e|re|ème)\s+édition)"
)
_ISSUE_DATE = re.compile(
    rf"from the (?:magazine \()?(?:{ISSUE_MONTHS}\s+)?"
    r"(?P<year>(?:19|20)\d\d)(?:\)|\s+issue\b)",
    re.IGNORECASE,
)
"""A magazine article's issue, as its web page states it under the byline: "From the May–June 2022
Issue", "From the Magazine (March 2008)"; a printed page may run it into the first paragraph."""
_EDITION_DATE = re.compile(
    _EDITION + r"\s*[,:;.\u2013\u2014-]?\s*(?:(?:\d{1,2}\.?\s+)?" + _MONTH + r"\s+(?:\d{1,2},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
"""A book's or script's edition line with its date ("0. Auflage, 31. Dezember 2016", "Second
edition, March 2019", "3rd ed. 2020"), as a title page sets it under the title; what follows
the year (the author, as a PDF's text may join them) is not read."""
_EDITION_LINE = re.compile(_EDITION + r"\.?", re.IGNORECASE)
"""A line that only names an edition ("Second Edition"), as a title page sets it under the title."""
DATE_LINE_WINDOW = 6
"""How many lines after the title a date line may stand."""
_SENTENCE_BREAK = re.compile(
    r"[a-z]{2}(?:[.!]|\?(?=\s+(?:We|I|It|This|These|They|Our|In|To|If|But|And|So|Yes|No|Here|There|"
    r"Is|Are|Was|Were|Do|Does|Did|Can|Could|Will|Would|Should|Has|Have)\b))"
    r"\s+[A-Z][a-z]* [a-z]"
)
"""Prose: a sentence's end and the next's start. A question and its subtitle is a title ("Does
co-creation pay? Evidence from 40 service firms"), a question answered or followed by another is not
("... learn? We ask", "Is there no information? Is there a difference ...")."""
_TITLE_MARK = re.compile(r"(?<=[\w?!)”\"’])\s?[*⁎†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
"""A footnote mark after a title ("... co-creation*", "... co-creation¹"): the note thanks a funder."""
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty)"
)
"""A chapter's number written out ("CHAPTER THREE", "Chapter Twenty-One")."""
_BOILERPLATE = re.compile(
    r"skip to|main content|buy article|refund|add to cart|sign in|log ?in\b|register|cookie|menu|"
    r"download|subscribe|access|https?://|www\.|@|©|copyright|all rights reserved|\bpage \d|^\W*\d|"
    r"[$€£]\s?\d|scholarone|manuscript|for peer review|journal article|\bvol\.|\bissn\b|\bisbn\b|\bjel\b|"
    rf"^literature review$|^chapter\s+(?:\d{{1,3}}|[ivxlc]{{1,7}}|{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD})?)$|"
    r"^(?:abstract|introduction(?!\s+to\s|\s*:\s*\w)|contents|table of contents|keywords|purpose|highlights|"
    r"article (?:history|info(?:rmation)?))\b|"
    r"^(?:received|revised|accepted|published(?:\s+online)?|available\s+online|first\s+published|submitted)"
    r"\b[^.]{0,40}\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)


@dataclass
class _Head:
    """The lines of a document's head and of its tail."""

    head: list[Line] = field(default_factory=list)
    tail: list[Line] = field(default_factory=list)


def is_document_type_line(text: str) -> bool:
    """Tell whether a line only names a document type ("Journal Article", "Research Paper")."""
    return bool(_TYPE_LINE.match(text.strip()))


def _described(text: str) -> str:
    """The bracketed description a type's line gives ("POLICY BRIEF" -> "Policy brief"), or ''.

    A guest or invited editorial is an "Editorial"; a type APA does not describe ("Research
    article", "Final report") gives ''.
    """
    found = _DESCRIBED_TYPE.fullmatch(" ".join(text.split()))
    if found is None:
        return ""
    if found.group("editorial"):
        return "Editorial"
    return "Letter to the editor" if found.group("letter") else found.group().capitalize()


def drop_repeated_genre(meta: Metadata) -> None:
    """Drop a description that the title already says: "Editorial", "Guest editorial: ...", "White Paper"."""
    described = _described(meta.genre) == meta.genre
    if meta.genre and described and meta.genre.casefold() in meta.title.casefold():
        meta.genre = ""
        meta.sources.pop("genre", None)


def is_date_line(text: str) -> bool:
    """Whether a line is only a date or a place and a date ("March 15, 2021", "Published on 3 May 2019")."""
    return _DATE_LINE.fullmatch(text.strip()) is not None


def is_byline(text: str) -> bool:
    """Whether a line is "By" and names ("By Maria Keller and Tom Avery"), not "By Way of Conclusion"."""
    text = text.strip()
    return re.match(r"by\s", text, re.IGNORECASE) is not None and is_author_line(line_names(text))


_BYLINE_PARTS = re.compile(r"\s+[·•|]\s+")
_ROLE_AFTER = re.compile(f"{BYLINE_ROLE}$")
"""A journalist's role after a byline's name (", Business reporter"): no name."""
_READING_TIME = re.compile(r"\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+read)?", re.IGNORECASE)
"""A web page's reading time in its byline: "7 min read", "5 minutes"."""


def web_byline(line: str) -> tuple[str, str]:
    """A web page's byline parted into its names and its date; (`line`, '') where it has no date.

    Blogs, magazines and news sites set the author, the date and a reading time on one line,
    apart by middle dots or bars: "By Maria Rossi · March 14, 2021 · 7 min read". Every part
    after the first must be a date or a reading time; the names are the first. A line opening
    with "By" loses a journalist's role after the names ("By Anna Lindqvist, Business reporter").
    """
    parts = _BYLINE_PARTS.split(line.strip())
    rest = parts[1:]
    if not rest or not all(_DATE_LINE.fullmatch(part) or _READING_TIME.fullmatch(part) for part in rest):
        parts, rest = [line], []
    names = _ROLE_AFTER.sub("", parts[0].strip()) if _BY.match(parts[0].strip()) else parts[0]
    return names, next((part for part in rest if _DATE_LINE.fullmatch(part)), "")


def looks_like_title(text: str) -> bool:
    """Whether a line could be a work's title: short, capitalised, no final period, not boilerplate."""
    text = text.strip()
    words = text.split()
    if not 10 <= len(text) <= 300 or not 2 <= len(words) <= 40:
        return False
    first = next((c for c in text if c.isalnum()), "")
    if not first or first.islower() or text[-1] in ".,;:":
        return False
    if (
        _LABEL_LINE.match(text)
        or _TYPE_LINE.match(text)
        or _BOILERPLATE.search(text)
        or _ISSUE_NAME.match(text)
    ):
        return False
    if is_version_statement(text) or _menu(text):
        return False
    if _SENTENCE_BREAK.search(text) or words[-1].lower() in UNCOUNTED_WORDS:
        return False
    visible = [c for c in _YEAR_IN_TITLE.sub("year", text) if not c.isspace()]
    return sum(c.isalpha() for c in visible) >= 0.7 * len(visible)


_YEAR_IN_TITLE = re.compile(r"\b(?:1[5-9]|20)\d\d\s*[-–]\s*(?:1[5-9]|20)\d\d\b")
"""A span of years in a title counts as a word, not as figures: "In memoriam: Chris Argyris (1923-2013)".
(A year alone does not: "Industrial Marketing Management 85 (2020) 123–135" is a citation line.)"""


MENU_ITEM_WORDS = 3
"""Words of a web page menu's item at most ("Current issue", "About")."""


def _menu(text: str) -> bool:
    """Whether a line is a web page's menu: three items or more of a few words, apart by dots or bars.

    "Home · Current issue · Archives · About", as a page printed from a browser keeps it.
    """
    items = _BYLINE_PARTS.split(text)
    return len(items) >= 3 and all(len(item.split()) <= MENU_ITEM_WORDS for item in items)


_ISSUE_LINE = re.compile(r"vol(?:ume)?\.?\s*\d+\b.*\b(?:19|20)\d\d\b", re.IGNORECASE)
"""A journal's issue line under its masthead: "Vol. 22, No. 5, September–October 2011, pp. 1123–1137"."""


def _first_title(lines: list[Line], wrapped: bool = True, text: str = "") -> str:
    """Return the first title-like line that is not cut off mid-sentence (next line starting lower-case).

    A title-like line ending in a colon and followed by a title-like line is a title set
    over its subtitle ("Team Learning in Practice:" / "Evidence from Twelve Firms"): both.
    A line that ends in an article or preposition runs on into the next ("Einführung in die" /
    "Geometrie und Topologie", "The Fifth Discipline of the" / "Learning Organization").
    A journal section's name is no title ("Guest editorial" over the title), unless names follow
    it straight away: an untitled piece, cited by its section's name ("Editorial" / "Jane Smith",
    a book's "Foreword" / "Peter M. Senge").
    A chapter's number opening the first line goes where names follow ("1. Learning with
    customers" / "Jane Smith"); a line naming several people is never the title. A title in
    capitals runs on over the lines in capitals under it (`_wrapped_in_capitals`), and one in
    mixed case over the line that continues it (`_wrapped_title`, which reads the work's `text`),
    where `wrapped`: not on a title page, which sets its subtitle under its title.
    """
    for index, line in enumerate(lines):
        following = lines[index + 1].stripped if index + 1 < len(lines) else ""
        words = line.stripped.split()
        if _ISSUE_LINE.match(following):
            continue  # a journal's masthead over its issue: "ORGANIZATION SCIENCE" / "Vol. 22, No. 5, ..."
        untitled = _SECTION_TYPE.fullmatch(line.stripped) or _BOOK_PART.fullmatch(line.stripped)
        if untitled and is_author_line(web_byline(following)[0]):
            name = line.stripped  # an untitled piece: "Editorial" / "Jane Smith", "Foreword" / "P. M. Senge"
            return name.capitalize() if name.isupper() else name
        numbered = _NUMBERED_TITLE.match(line.stripped) if index == 0 else None
        if numbered and looks_like_title(numbered["title"]) and is_author_line(web_byline(following)[0]):
            return numbered["title"]  # a chapter's number before its title: "1. Learning ..." / "Jane Smith"
        if (
            len(words) >= 2
            and words[-1] in MINOR_WORDS
            and looks_like_title(f"{line.stripped} {following}")
            and looks_like_title(following)
        ):
            return f"{line.stripped} {following}"
        if wrapped and (run := _wrapped_in_capitals(lines[index:])) is not None:
            return run
        if wrapped and (run := _wrapped_title(lines, index, text)):
            return run
        by_line = re.match(r"by\b", following, re.IGNORECASE) is not None  # "by" / "Maria Rossi"
        if (
            looks_like_title(line.stripped)
            and (not following[:1].islower() or by_line)
            and not _several_people(line.stripped)  # "Jane Smith and Robert Jones": authors, never the title
        ):
            return _over_subtitle(line.stripped, lines[index + 1 : index + 3])
        if (
            line.stripped.endswith(":")
            and looks_like_title(line.stripped[:-1])
            and looks_like_title(following)
            and len(line.stripped) + len(following) <= 300
        ):
            return f"{line.stripped} {following}"
    return ""


_SUBTITLE_OPENING = re.compile(
    r"(?:An?|The\s+(?:Case|Role|Roles|Example|Experience)\s+of|Evidence|Insights|Lessons|Towards?|Findings|"
    r"Results|Implications|Reflections|Perspectives|Exploring|Examining|Revisiting|Rethinking)\b"
)
"""How a subtitle set on its own line under the title opens ("A Review of the Literature",
"Evidence from Denmark", "The Case of Novo Nordisk", "Towards a Theory of ...")."""


def _over_subtitle(title: str, under: list[Line]) -> str:
    """A title with the subtitle set on the line under it, where the authors follow that line.

    "Is Yours a Learning Organization?" / "A Tool for Managers" / "David A. Garvin, ...": the
    subtitle is part of the title ("Is yours a learning organization? A tool for managers"), and so
    is "Learning Organizations in Services" / "A Review of the Literature", joined by a colon. Under
    a title that asks no question, only a line that opens as subtitles do (`_SUBTITLE_OPENING`) is
    one: another line there may be the title in a second language.
    """
    if len(under) < 2 or title.endswith((":", ".")):
        return title
    subtitle, byline = under[0].stripped, web_byline(under[1].stripped)[0]
    question = title.endswith(("?", "!"))
    if (
        (question or _SUBTITLE_OPENING.match(subtitle))
        and looks_like_title(subtitle)
        and not subtitle.endswith(("?", ":"))
        and not is_author_line(subtitle)
        and not _SECTION_TYPE.fullmatch(subtitle)
        and not is_affiliation_line(subtitle)
        and is_author_line(byline)
    ):
        return f"{title} {subtitle}" if question else f"{title}: {subtitle}"
    return title


MAX_TITLE_LINES = 3
"""Lines a title in capitals is wrapped over at most."""


def _wrapped_in_capitals(lines: list[Line]) -> str | None:
    """A title set in capitals over two or three lines, joined, or None.

    "CO-CREATION EXPERIENCES: THE NEXT" / "PRACTICE IN VALUE CREATION": each line is in capitals
    and title-like, and none names people or, under the first, an institution; a line in capitals
    over one in mixed case (a title over its subtitle, a masthead over its title) is not wrapped.
    """
    run: list[str] = []
    for line in lines[:MAX_TITLE_LINES]:
        text = line.stripped
        if not (text.isupper() and looks_like_title(text)) or is_author_line(text) or _ISSUE_LINE.match(text):
            break
        if run and is_affiliation_line(title_case(text)):
            break  # "UNIVERSITY OF WESTERN ONTARIO" under the title
        run.append(text)
    joined = " ".join(run)
    return joined if len(run) > 1 and looks_like_title(joined) else None


def _wrapped_title(lines: list[Line], index: int, text: str) -> str:
    """Line `index` and the next joined, where the next continues the title set over two lines.

    A title wraps where its line is full, often not after an article or a preposition:
    "Trace-based Just-in-Time Type Specialization for Dynamic" / "Languages", "Exact
    Solitary-wave Solutions for the General" / "Fifth-order Shallow Water-wave Models" (whose
    first line read alone had been the title, and the second its author), "Absorptive Capacity
    and Customer Knowledge" / "Management in Small Firms" (whose first line, read as two names,
    had been passed over). The next line continues it when it opens in lower case ("in Service
    Networks"), or when the two words at the break are said together in the work's text
    ("dynamic languages", "general fifth-order"), or when it is a word or two closed by the
    author line. A subtitle, a title in a second language and the authors under the title are
    none of these.
    """
    if index + 1 >= len(lines):
        return ""
    first, following = lines[index].stripped, lines[index + 1].stripped
    joined = f"{first} {following}"
    if (
        first[-1:] in tuple(".:;,?!")
        or following[-1:] in tuple(".;,:")
        or not looks_like_title(first)
        or not looks_like_title(joined)
        or len(joined.split()) > MAX_WRAPPED_TITLE_WORDS
        or is_affiliation_line(following)
        or _SECTION_TYPE.fullmatch(following)
        or _ISSUE_LINE.match(following)
        or is_date_line(following)
        or is_document_type_line(following)
        or is_author_line(web_byline(following)[0])
    ):
        return ""
    if following[:1].islower():
        return joined
    if _said_together(first.split()[-1], following.split()[0], text[lines[index + 1].end :]):
        return joined
    after = web_byline(lines[index + 2].stripped)[0] if index + 2 < len(lines) else ""
    short = len(following.split()) <= 2
    return joined if short and not _several_people(first) and is_author_line(after) else ""


MAX_WRAPPED_TITLE_WORDS = 30
"""Words a title wrapped over two lines has at most."""


def _said_together(last: str, next_word: str, text: str) -> bool:
    """Whether the last word of a line and the first of the next follow each other in `text`."""
    words = [re.sub(r"^\W+|\W+$", "", word) for word in (last, next_word)]
    if not all(len(word) >= 3 for word in words):
        return False
    pattern = rf"(?<![\w-]){re.escape(words[0])}\s+{re.escape(words[1])}(?![\w-])"
    return re.search(pattern, text[:WRAPPED_TITLE_TEXT_CHARS], re.IGNORECASE) is not None


WRAPPED_TITLE_TEXT_CHARS = 20_000
"""How much of the text after a title's lines is searched for the words at its break."""


def _several_people(line: str) -> bool:
    """Whether a line names more than one person ("Jane Smith and Robert Jones")."""
    return is_author_line(line) and len(split_people(line_names(line))) > 1


_NUMBERED_TITLE = re.compile(r"^(?:\d{1,2}\.?|[IVX]{1,5}\.)\s+(?P<title>[A-Z].*)$")
"""A title after its chapter's number, as an edited book sets a chapter's first page."""
_LINK_INSIDE = re.compile(r"(?<=[^\s:])\s+(?:https?://|doi:\s*10\.)\S+(?=\s+[A-Z])", re.IGNORECASE)
"""A link between two runs of text (no label's value): reflow joined a masthead, the DOI line under it
and the title under that when the page sets them in one type ("Journal 63 (2), 75-88 https://doi.org/...
Learning Organizations in Small Firms ...")."""


def _pieces(line: Line) -> list[Line]:
    """Cut a line before a structured abstract, around a document-type phrase, before an author line.

    An unwrapped abstract page can hold "Journal Article The Learning Organization, 2019, ...
    Purpose This paper ..." in one paragraph, and a narrow column the title before it too;
    reflow can join a title and the author line under it ("Customer Learning in Service
    Ecosystems Anna Berg1, Tomas Lind2, and Eva Holm1"), and the affiliation under that (a
    title block set without marks: "... Co-Creation Lena Ortiz and Samuel K. Berg University
    of Testing"), and the masthead and the DOI line over the title (`_LINK_INSIDE`). Each part is
    parsed as if it were its own line.
    """
    text = line.text
    cuts = [0]
    link = _LINK_INSIDE.search(text)
    if link:
        cuts.extend((link.start(), link.end()))
    kind = _TYPE_PREFIX.match(text, cuts[-1])
    if kind:
        cuts.append(kind.end())
    elif inside := _TYPE_INSIDE.search(text):
        cuts.extend((inside.start(), inside.end()))
    purpose = _PURPOSE_INSIDE.search(text, cuts[-1] + 1)
    if purpose and _STRUCTURED_PARTS.search(text, purpose.end()):
        cuts.append(purpose.start())
    affiliation = _INSTITUTION_AFTER.search(text, cuts[-1] + 1)
    authors = _authors_after_title(text[: affiliation.start() if affiliation else len(text)], cuts[-1])
    if authors is not None:
        cuts.append(authors)
        if affiliation:
            cuts.append(affiliation.start())
    cuts.append(len(text))
    pieces: list[Line] = []
    for begin, end in itertools.pairwise(cuts):
        piece = text[begin:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            pieces.append(Line(line.start + begin + lead, line.start + end, piece.strip()))
    return pieces


def _split(text: str) -> _Head:
    """Head (up to the first body heading, `HEAD_LINES` lines or `HEAD_CHARS` chars) and tail lines.

    Only the lines that can be in either are cut into pieces (`_pieces` is not cheap). A
    Markdown heading's marks are dropped: "# Title" gives the title "Title".
    """
    filled = [without_heading_mark(line) for line in lines_of(text) if not line.blank]
    parts = _Head()
    pieces = (piece for line in filled for piece in _pieces(line))
    for line in pieces:
        if _BODY_START.match(line.stripped) or len(parts.head) >= HEAD_LINES or line.start >= HEAD_CHARS:
            break
        parts.head.append(line)
    tail = [piece for line in filled[-TAIL_LINES:] for piece in _pieces(line)]
    parts.tail = [line for line in tail[-TAIL_LINES:] if line not in parts.head]
    return parts


def _labels(lines: list[Line]) -> list[tuple[str, str, Line]]:
    """(field, value, line) for each labelled line; lines holding several labels are split."""
    found: list[tuple[str, str, Line]] = []
    for position, line in enumerate(lines):
        if _BARE_KEYWORDS.fullmatch(line.stripped):
            if keywords := _keywords_below(lines[position + 1 :]):
                found.append(("keywords", keywords, line))
            continue
        for piece in _INNER_LABEL.split(line.stripped):
            match = _LABEL_LINE.match(piece) or _TERMS_AFTER_KEYWORDS.fullmatch(piece)
            run_in = None if match else _RUN_IN_LABEL.match(piece)
            if match:
                label = match.group("label")
            elif run_in:
                label = run_in.group("label") or run_in.group("heading")
                short = len(run_in.group("value").split()) < MIN_RUN_IN_ABSTRACT_WORDS
                if label.lower() == "abstract" and short:
                    continue
                match = run_in
            else:
                continue
            name = _field(label)
            value = match.group("value").strip().rstrip("*").strip()
            if name and value:
                found.append((name, value, line))
    return found


def _field(label: str) -> str | None:
    """The field a label names ("Key Words." -> "keywords"; "" for one not read; None: no label)."""
    return _LABELS.get(" ".join(label.lower().rstrip(".").split()))


def _keywords_below(lines: list[Line]) -> str:
    """Keywords set one a line under a bare "Keywords:" label (a first page's side column)."""
    keywords: list[str] = []
    for line in lines:
        text = line.stripped
        if line.blank:
            continue
        if _LABEL_LINE.match(text) or len(text.split()) > SHORT_LINE_WORDS or text.endswith("."):
            break
        keywords.append(text)
        if len(keywords) == MAX_KEYWORD_LINES:
            break
    return "; ".join(keywords)


def labelled_record(text: str) -> Metadata:
    """Fields stated by labels or by abstract-page layout in `text`, source "labelled-text"."""
    parts = _split(text)
    meta = Metadata()
    years: dict[int, int] = {}
    markers: list[Line] = []
    labels = _labels(parts.head) + [item for item in _labels(parts.tail) if item[0] in _TAIL_FIELDS]
    for name, value, line in labels:
        if _apply_label(meta, name, value, years):
            markers.append(line)
    opening = parts.head[:FIRST_PAGE_LINES]
    abstract_parts = {found.group() for line in parts.head if (found := _STRUCTURED.match(line.stripped))}
    for index, line in enumerate(parts.head):
        stripped = line.stripped
        if line not in opening and not _STRUCTURED.match(stripped):
            continue
        if _TYPE_LINE.match(stripped):
            meta.kind = meta.kind or kind_from_label(stripped)
            meta.genre = meta.genre or _described(stripped)
            markers.append(line)
        elif (citation := _citation(parts.head, index)) and mostly_title_case(citation.group("venue")):
            if not is_place_and_year(citation.group()):
                _apply_citation(meta, citation, years)
                markers.append(line)
        elif _STRUCTURED.match(stripped) and (
            len(abstract_parts) > 1
            or (_STRUCTURED_PARTS.search(stripped) and not _STRUCTURED.fullmatch(stripped.rstrip(" :–—-")))
        ):  # one label alone on its line, and no other part: a heading ("Findings" on a slide)
            markers.append(line)
            if not meta.abstract:
                meta.abstract, keywords = _keywords_after(_structured_abstract(parts.head, line))
                if keywords and _apply_label(meta, "keywords", keywords, years):
                    meta.kind = meta.kind or "article-journal"
    for line in [line for line in lines_of(text[-TAIL_CHARS:]) if not line.blank][-TAIL_LINES:]:
        if edited := _LAST_EDITED.search(line.stripped):
            years.setdefault(3, parse_year(edited.group("year")) or 0)
    meta.year = years[min(years)] or None if years else None
    if not meta.abstract:
        meta.abstract = _abstract_after_heading(text, parts.head) or _abstract_over_keywords(opening, labels)
    markers = [m for m in markers if m in opening]
    if not meta.title and markers:
        meta.title = _TITLE_MARK.sub("", _title_before(opening, min(markers, key=lambda m: m.start)))
    record = stamp(meta, "labelled-text")
    if years and min(years) == 2:
        record.uncertain.append("year")  # "Published online: 2007": the issue a citation names may be 2008
    return record


_LAST_EDITED = re.compile(
    rf"this page was last (?:edited|modified) on (?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+"
    r"(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
"""A wiki page's date at its foot, as MediaWiki (Wikipedia) prints it: "This page was last edited on
2 November 2026, at 10:14 (UTC)." An entry is cited by the date of the version read."""


def _apply_label(meta: Metadata, name: str, value: str, years: dict[int, int]) -> bool:
    """Set the field a label names (first occurrence wins); whether the value was usable."""
    if name in ("year", "year-online"):
        year = parse_year(value)
        if year is not None:
            years.setdefault(1 if name == "year" else 2, year)
        return year is not None
    if name == "venue":
        return _apply_venue(meta, value, years)
    if name == "journal":
        meta.kind = meta.kind or "article-journal"
        return _apply_venue(meta, value, years)
    parsed = _PARSERS.get(name, str.strip)(value)
    if not parsed:
        return False
    if not getattr(meta, name):
        setattr(meta, name, parsed)
    return True


def _apply_venue(meta: Metadata, value: str, years: dict[int, int]) -> bool:
    """Set the venue from "Journal: X" or a source citation "X, Volume 17, Number 1, 2010, pp. 5-29"."""
    venue, _, rest = value.partition(",")
    venue = venue.strip(" .;")
    if not _venue_like(venue) or not venue:
        return False
    meta.venue = meta.venue or venue
    volume, issue, pages = _VOLUME.search(rest), _ISSUE.search(rest), _PAGES.search(rest)
    meta.volume = meta.volume or (volume.group(1) if volume else "")
    meta.issue = meta.issue or (issue.group(1) if issue else "")
    meta.pages = meta.pages or (normalise_pages(pages.group(1)) if pages else "")
    year = parse_year(re.sub(r"\bpp?\.?\s*\d+\s*[-–]\s*\d+", "", rest))
    if year is not None:
        years.setdefault(0, year)
    return True


def _labelled_people(value: str) -> list[Person]:
    """The people an "Author:" label names; an e-mail address is none ("corresponding author : a@b.edu")."""
    return split_people(_EMAIL.sub("", value).strip(" ,;()"))


_EMAIL = re.compile(r"\S+@\S+")
_PARSERS: dict[str, Callable[[str], object]] = {
    "authors": _labelled_people,
    "doi": normalise_doi,
    "keywords": split_keywords,
    "kind": kind_from_label,
    "pages": normalise_pages,
}
"""How a labelled value becomes a field value (default: stripped text)."""


def _venue_like(value: str) -> bool:
    return len(value) <= 200 and not re.search(r"https?://|www\.|\bown\b|\(", value, re.IGNORECASE)


def _citation(head: list[Line], index: int) -> re.Match[str] | None:
    """A citation line at `head[index]`, its venue begun on the line before when a column wrapped it.

    "International Journal of Learning and" + "Intellectual Capital, 2009, Vol. 6": the line
    before ends in a joining word; "Journal Article The Learning" + "Organization, 2019": the
    line before is what follows a document type in one line. Otherwise a line before is a
    title or an author line, not part of the venue.
    """
    found = _CITATION_LINE.match(head[index].stripped)
    if found is None or index == 0:
        return found
    before = head[index - 1]
    after_type = (
        index >= 2
        and bool(_TYPE_LINE.match(head[index - 2].stripped))
        and (before.start <= head[index - 2].end + 1)
    )
    text = before.stripped
    if (after_type or _JOINING_END.search(text)) and len(text.split()) <= 8 and text[-1] not in ".,;:!?":
        joined = _CITATION_LINE.match(f"{text} {head[index].stripped}")
        if joined is not None and mostly_title_case(joined.group("venue")):
            return joined
    return found


_JOINING_END = re.compile(r"\s(?:of|and|for|in|on|the|&)$", re.IGNORECASE)


def _apply_citation(meta: Metadata, citation: re.Match[str], years: dict[int, int]) -> None:
    """Venue, year, volume, issue and pages from "Venue, 2009 Vol.6 No.1/2, pp.19 - 30"."""
    rest = citation.group("rest")
    meta.venue = meta.venue or citation.group("venue").strip()
    years.setdefault(0, int(citation.group("year")))
    volume, issue, pages = _VOLUME.search(rest), _ISSUE.search(rest), _PAGES.search(rest)
    meta.volume = meta.volume or (volume.group(1) if volume else "")
    meta.issue = meta.issue or (issue.group(1) if issue else "")
    meta.pages = meta.pages or (normalise_pages(pages.group(1)) if pages else "")
    if volume or issue or "ahead-of-print" in rest.lower() or "journal" in meta.venue.lower():
        meta.kind = meta.kind or "article-journal"


def _structured_abstract(head: list[Line], first: Line) -> str:
    """Join the structured abstract starting at `first` with following structured paragraphs.

    A label on a line of its own ("Purpose" over its text) takes the line under it.
    """
    pieces: list[str] = []
    for line in head[head.index(first) :]:
        label_alone = bool(pieces) and bool(_STRUCTURED.fullmatch(pieces[-1].rstrip(" :–—-")))
        if pieces and not _STRUCTURED.match(line.stripped) and not label_alone:
            break
        pieces.append(line.stripped)
    return " ".join(pieces)


def _keywords_after(abstract: str) -> tuple[str, str]:
    """A structured abstract less the keywords line run into it (`_TERMS_AFTER_KEYWORDS`), and its terms.

    Emerald sets "Keywords Organizational learning, ..." and "Paper type Research paper" under
    its structured abstract, with no colon; reflow may run them into its last part.
    """
    start = re.search(r"\s+(?=Keywords\s+[A-Z])", abstract)
    found = _TERMS_AFTER_KEYWORDS.fullmatch(abstract[start.end() :]) if start else None
    if start is None or found is None:
        return abstract, ""
    return abstract[: start.start()], found.group("value")


_ABSTRACT_HEADING = re.compile(r"(?:abstract|" + "|".join(ABSTRACT_WORDS) + r")\s*:?", re.IGNORECASE)
"""An abstract's heading on a line of its own."""


def _abstract_after_heading(text: str, head: list[Line]) -> str:
    """Return the paragraph after a standalone "Abstract" heading line in the head.

    Labelled lines and keyword-like short lines between them (a first page whose side
    column, "Keywords:" and its terms, is read before the abstract) are passed over.
    """
    for index, line in enumerate(head[:-1]):
        if _ABSTRACT_HEADING.fullmatch(line.stripped):
            for paragraph in text[head[index + 1].start :].split("\n\n")[: 2 * MAX_KEYWORD_LINES]:
                flat = " ".join(paragraph.split())
                if flat and not _LABEL_LINE.match(flat) and len(flat.split()) > SHORT_LINE_WORDS:
                    return flat
            return ""
    return ""


MIN_UNHEADED_ABSTRACT_WORDS = 40
"""Words a paragraph over the first page's "Key words:" line needs to be its abstract."""


def _ignored_label(line: str) -> bool:
    """A labelled line whose field is not read ("CCS Concepts: ...", "Manuscript ID: ...")."""
    match = _LABEL_LINE.match(line)
    return match is not None and _field(match.group("label")) == ""


def _abstract_over_keywords(opening: list[Line], labels: list[tuple[str, str, Line]]) -> str:
    """An abstract set without a heading: the paragraph of prose just over the first page's keywords.

    INFORMS's journals (Organization Science, Management Science until 2017) set the abstract
    under the authors with no heading, then "Key words:" and "History:" lines; ACM's journals
    set it over "CCS Concepts:" and "Additional Key Words and Phrases:".
    """
    keywords = next((line for name, _, line in labels if name == "keywords" and line in opening), None)
    index = opening.index(keywords) if keywords is not None else 0
    while index > 0 and _ignored_label(opening[index - 1].stripped):
        index -= 1  # ACM's journals: "CCS Concepts: ..." between the abstract and its keywords
    above = opening[index - 1].stripped if index > 0 else ""
    if (
        len(above.split()) >= MIN_UNHEADED_ABSTRACT_WORDS
        and SENTENCE_END.search(above)
        and not _LABEL_LINE.match(above)
    ):
        return above
    return ""


MAX_UNDER_TITLE = 4
"""Author and affiliation lines passed over between a title and the first marker, at most."""
_AFFILIATION = re.compile(
    r"@|\b[a-h]?(?:Department|Dept\.|Faculty|Laboratory|Centre|Center)\s+(?:of|for)\b|"
    r"\b(?:Lehrstuhl|Fakultät|Fachbereich|Abteilung|Institut|Département|Laboratoire|Faculté|Departamento|"
    r"Facultad|Faculdade|Dipartimento|Facoltà|Vakgroep|Institutionen)\s+(?:für|de|des|di|del|da|do|voor|för)\b"
)
"""An affiliation line by its e-mail or department ("Department of Marketing, ...", its mark
glued to it: "aDepartment of Management"; "Institut für Psychologie", "Departamento de ...")."""
_MARKED_AFFILIATION = re.compile(
    r"^[*⁎†‡§¶¹²³⁴⁵⁶⁷⁸⁹\d]{1,2}\s*(?=[A-Z]).*\b(?:Universit\w*|School|Institut\w*|College|Hochschule|"
    r"École|Academy|Faculty|Department)\b"
)
"""An affiliation opened by its mark ("*University of Bergen, **KAIST", "2 KAIST College of Business")."""


def is_affiliation_line(line: str) -> bool:
    """Whether a line names where its authors work (an e-mail, a department, an institution).

    An institution counts marked, alone, or as one of the line's comma-separated parts
    ("Institut für Psychologie, Universität Kassel").
    """
    return bool(
        _AFFILIATION.search(line)
        or _MARKED_AFFILIATION.match(line)
        or any(_INSTITUTION_LINE.fullmatch(_ACRONYM_AFTER.sub("", part).strip()) for part in line.split(","))
    )


_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z&-]{1,11}\)\s*$")
"""An institution's acronym after its name: "National University of Sciences and Technology (NUST)"."""


def _title_before(head: list[Line], marker: Line) -> str:
    """Title of an abstract page: the line just before its first marker, else its first title-like line.

    Author and affiliation lines just before the marker are passed over ("Title" / "Names" /
    "University of Bergen" / "Abstract: ..."), and so is a journal's citation line over a foot's DOI
    line ("JOURNAL OF ... VOLUME 18 / NUMBER 3 / SUMMER 2004" / "... DOI: 10.1002/dir.20015"). A
    marker after the abstract (Taylor & Francis's "KEYWORDS" box beside it) looks from the
    abstract's heading: the title comes before it, over the author lines (where there are none,
    it is the first title-like line).
    """
    before = [line for line in head if line.start < marker.start]
    heading = next((i for i, line in enumerate(before) if _ABSTRACT_HEADING.fullmatch(line.stripped)), None)
    before = before if heading is None else before[:heading]
    while before and _numbered(parse_citation(before[-1].stripped)):
        before = before[:-1]  # Wiley's foot: the journal's citation line over "Published online ... DOI:"
    skipped = 0
    while (
        before
        and skipped < MAX_UNDER_TITLE
        and (is_author_line(before[-1].stripped) or is_affiliation_line(before[-1].stripped))
    ):
        before, skipped = before[:-1], skipped + 1
    last = before[-1].stripped if before else ""
    if (
        last
        and looks_like_title(last)
        and (heading is None or skipped)
        and not is_affiliation_line(last)  # more author and affiliation lines than are passed over
        and not is_author_line(last)
    ):
        over = before[-2].stripped if len(before) > 1 else ""
        if over.endswith(":") and looks_like_title(over[:-1]) and len(over) + len(before[-1].stripped) < 300:
            return f"{over} {before[-1].stripped}"  # a title set over its subtitle
        return before[-1].stripped
    return _first_title(before)


MAX_AUTHOR_LINE = 160
"""Characters an author line may have (affiliation marks taken out)."""
_PARTICLES = r"(?:van|von|de|der|den|da|di|le|la|du)"
"""Lower-case words inside a family name ("van der Berg")."""
_NAME = (
    rf"(?:[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s*)+)?(?:\s+{_PARTICLES}\b){{0,2}}(?:\s+[A-Z][\w'’-]+)+"
    rf"|(?:[A-Z]\.\s*(?:-\s*[A-Z]\.\s*)?)+(?:{_PARTICLES}\s+)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
_AUTHOR_LINE = re.compile(
    rf"^{_NAME}(?:\s*(?:,|;|&|\b(?:and|und|{'|'.join(OTHER_AND)})\b)\s*(?:and\s+)?{_NAME})*\s*\*?$"
)
"""A line of person names: "Adaeze Okafor and Henrik Lindqvist", "Jane M. Doe, John Roe & Ann Lee",
"J. Smith and R. Alvarez", "Anna Müller und Jörg Weiß", "María García y José Pérez"."""
_FAMILY_FIRST_LINE = re.compile(
    r"^[A-Z][\w'’-]+,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:;\s+(?=[A-Z])[^;,]+,\s+[^;,]+)+$"
)
"""Names family first, separated by semicolons: "Smith, John; Alvarez, Rosa"."""
_AFFILIATION_MARKS = re.compile(
    r"(?<=[^\W\d_])\s*(?:\b[a-h]\b|\d{1,2})(?:\s*,\s*(?:[a-h]\b|\d{1,2}|[*⁎†‡]))*(?:\s*[*⁎†‡])?"
    r"(?=\s*(?:[,;&]|\band\b|\bund\b|$))|[⁰¹²³⁴⁵⁶⁷⁸⁹*∗⁎†‡§¶]+[+#$]*|(?<=,)\s*[a-h](?:,[a-h])*(?=\s+[A-Z])"
    r"|(?<=[^\W\d_])(?:['’\"”`]{1,2}|[+#$]{1,3})(?=\s*(?:[,;&]|\band\b|\bund\b|$))"
)
"""Affiliation and corresponding-author marks after a name: "John Smith a,*", "Rosa Alvarez 1,2", "¹",
INFORMS's letter after the comma ("Hart E. Posen,a Dirk Martignoni b"), the quotes OCR reads a
raised mark as ("Young-Dae Jung''"), and the signs some papers mark affiliations with ("Gal∗+")."""
_JOURNAL_LINE = re.compile(
    r"^(?P<venue>[A-Z][A-Za-z&:' -]{5,}?)\s*(?:,\s*|\s)\(?(?P<year>(?:19|20)\d\d)\)?(?P<rest>[\s,:;.].*)?$"
)
"""A journal citation line: "Journal of X (2021) 14(2): 201-204", "Journal of X, 2021, Vol. 3"."""
_VOLUME_ISSUE = re.compile(
    r"(?P<volume>\d+)\s*\((?P<issue>[\w/–-]+)\)\s*[:,]?\s*(?P<pages>\d+\s*[-–]\s*\d+)?"
)


def _author_line(lines: list[Line], title: str) -> str:
    """The line of author names that follows the title on a journal article's first page.

    Where the line under the title names no one, the line over it may: the Journal of
    Marketing sets its byline over the title ("Stephen L. Vargo & Robert F. Lusch" /
    "Evolving to a New Dominant Logic for Marketing").
    """
    after = [line.stripped for line in lines]
    start = _below_title(after, title) or 0
    title_lines = 2 if start >= 2 and f"{after[start - 2]} {after[start - 1]}" == title else 1
    over = after[start - title_lines - 1] if start > title_lines else ""
    candidates = [*after[start : start + 1], *([over] if over else []), *after[start + 1 : start + 3]]
    for candidate in candidates:
        candidate = _LINK_AFTER.sub("", web_byline(candidate)[0])
        affiliation = _INSTITUTION_AFTER.search(candidate)
        names = candidate[: affiliation.start()] if affiliation else candidate  # reflow joined them
        if is_author_line(names):
            return line_names(names)
        name, _, role = names.partition(",")
        if _ROLE.match(role.strip()) and is_author_line(name):
            return line_names(name)
    return ""


_ROLE = re.compile(
    r"(?:(?:senior|principal|chief|lead|associate|assistant|research|executive|managing|programme|program)\s+)*"
    r"(?:head|director|manager|consultant|partner|professor|lecturer|researcher|fellow|officer|analyst|"
    r"economist|advisor|adviser|founder|chair|president|dean|editor|CEO|CFO|CTO)\b",
    re.IGNORECASE,
)
"""A person's role after their name and a comma, as a report or a white paper sets its author
("Jane Smith, Head of Research, Acme Consulting")."""


def _group_author(lines: list[Line], title: str, mastheads: set[str]) -> str:
    """An organisation set under a report's title as its author ("World Economic Forum"), or ''.

    APA 7 credits a report to the organisation that wrote it ("The World Bank", "Chartered
    Institute of Personnel and Development"); its name is one of the three lines under the
    title (a subtitle may come first), before any person's. A university's or a department's
    line is an affiliation, a journal's name its masthead.
    """
    after = [line.stripped for line in lines]
    start = _below_title(after, title)
    for candidate in after[start : start + 3] if start is not None else []:
        if is_author_line(candidate) or candidate.casefold() in mastheads:
            return ""
        if is_organisation_name(candidate) and not _AFFILIATION_WORD.search(candidate):
            return candidate
    return ""


_AFFILIATION_WORD = re.compile(
    r"\b(?:universit\w*|department|school|faculty|college|laboratory|hospital)\b", re.IGNORECASE
)
_LINK_AFTER = re.compile(r"\s+(?:https?://|doi:\s*10\.)\S+$", re.IGNORECASE)
"""The work's link after its authors' names, where reflow joined its line to theirs."""


def _with_institution(line: str) -> str:
    """The names opening a line with their institution after them ("Anna Lindqvist, Department of"), or ''."""
    affiliation = _INSTITUTION_AFTER.search(line)
    names = line[: affiliation.start()] if affiliation else ""
    return line_names(names) if names and is_author_line(names) else ""


def _author_blocks(page_lines: list[str], first: str) -> str:
    """`first`, an author named alone, with the authors of the blocks after it on the page.

    A conference paper sets one block per author (name, institution, place, e-mail), side by
    side or one under another; reflow runs the blocks together, so they are read from the
    page's own lines (`page_lines`), block after block. A web page may set one author a line,
    each with an institution after a comma ("Anna Lindqvist, Department of Marketing, ..."):
    the lines of that shape under the first author's name the authors.
    """
    lines = [" ".join(line.split()) for line in page_lines]
    for index, line in enumerate(lines):
        if line and line_names(line) == first:
            return ", ".join([first, *_block_authors(lines[index + 1 : index + 1 + MAX_BLOCK_LINES])])
        if line and _with_institution(line) == first:
            names = [first]
            for below in lines[index + 1 : index + 1 + MAX_BLOCK_LINES]:
                if not (name := _with_institution(below)):
                    break
                names.append(name)
            return ", ".join(names)
    return first


MIN_TITLE_WORD = 6
"""Letters a one-word title has at least ("Organizations", "Leadership"): no initialism, no name."""


def _one_word_title(lines: list[Line]) -> str:
    """A title page's title of one word over its authors ("ORGANIZATIONS" / "James G. March"), or ''.

    `looks_like_title` asks for two words, so the first author's name had been taken for the title.
    """
    if len(lines) < 2:
        return ""
    word, following = lines[0].stripped, lines[1].stripped
    if not (
        word.isalpha() and word[0].isupper() and len(word) >= MIN_TITLE_WORD and is_author_line(following)
    ):
        return ""
    return word.capitalize() if word.isupper() else word


MAX_NAME_OVER_PLACES = 5
"""Words a publisher's name over its cities has at most."""


def _publisher_over_places(page_lines: list[str]) -> str:
    """The publisher a book's title page names over the cities it has offices in, or ''.

    "TOUCHSTONE" / "New York London Toronto Sydney": the line over a line of cities
    (`_PLACES_LINE`), unless it names a person.
    """
    lines = [" ".join(line.split()) for line in page_lines if line.strip()]
    for index, line in enumerate(lines[1:], start=1):
        above = lines[index - 1]
        if (
            _PLACES_LINE.fullmatch(line)
            and len(above.split()) <= MAX_NAME_OVER_PLACES
            and not is_author_line(above)
        ):
            return above
    return ""


def _stacked_authors(page_lines: list[str], first: str) -> str:
    """`first` with the authors a title page or an article sets one under another on the lines after it.

    A book's title page names its authors a line each ("Ikujiro Nonaka" / "Hirotaka Takeuchi"),
    as the Academy of Management's journals do ("MARY M. CROSSAN" / "HENRY W. LANE"), with no
    institution between them; the names end at the first line that is no name (the
    publisher, its cities) or is set in capitals where the first is not (a publisher's name).
    """
    lines = [" ".join(line.split()) for line in page_lines]
    start = next((index for index, line in enumerate(lines) if line and line_names(line) == first), None)
    if start is None:
        return first
    names, capitals = [first], lines[start].isupper()
    for line in lines[start + 1 :]:
        if not line:
            continue  # the space between two names
        if line.isupper() != capitals or not is_author_line(line) or len(split_people(line_names(line))) != 1:
            break
        names.append(line_names(line))
    return ", ".join(names)


MAX_BLOCK_LINES = 30
"""Lines under a first author's name searched for the names of the next author blocks."""
_PLACE_WORDS = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_PLACE_LINE = re.compile(rf"{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS}){{1,3}}")
"""A city and its country or state, as an author block sets it: "Oslo, Norway", "Redmond, WA, USA"."""


_ADDRESS_LINE = re.compile(r"(?=[^,]*\d)[\w.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,40}){1,4}")
"""A street address in an author block: "Via Festa 10, Milan, Italy", "50 Yonsei-ro, Seoul, Korea"."""
_POSTAL_LINE = re.compile(
    r"(?:[A-Z]{1,2}-)?\d{4,6}\s+[A-Z][\w.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?"
    r"|[A-Z][\w.'’ -]{1,40}?,?\s+(?:[A-Z]{2}\s+)?(?:[A-Z]{1,2}-)?\d{4,6}(?:-\d{4})?"
)
"""A city and its postal code in an author block: "Milan 20122", "Tampa, FL 33620", "CH-8092 Zurich",
"38330 Montbonnot Saint-Martin, France"."""
_STREET_LINE = re.compile(
    r"(?=.*\d)(?=.*\b(?:avenue|av\.|street|st\.|road|rd\.|rue|via|strasse|straße|str\.|allee|boulevard|"
    r"blvd\.?|lane|drive|place|platz|weg|gate|vej|gatan|calle|avenida|rua|square)(?!\w)).{4,60}",
    re.IGNORECASE,
)
"""A street and its number in an author block: "51 avenue Jean Kuntzmann", "Am Mühlenweg 1"."""
_COUNTRY_LINE = re.compile(
    r"(?!(?i:abstract|introduction|keywords|summary|contents)$)[A-Z][A-Za-z]+|(?:[A-Z]\.){2,3}"
    r"|(?i:united|south|north|new|the|hong|saudi|czech|costa|sri)\s+[A-Z][A-Za-z]+"
)
"""A country alone on a block's line: "ITALY", "Korea", "U.S.A.", "UNITED KINGDOM" (a name has two words;
a heading alone, "Abstract", ends the blocks)."""
_ORGANISATION = re.compile(r"\borcid\b|\b(?:inc|ltd|gmbh|corp)\b|\bresearch\b|\blab(?:s|oratory)?\b", re.I)
"""Words of a company's or a lab's line in an author block ("Microsoft Research", "Google Inc.")."""


def _block_line(line: str) -> bool:
    """Whether a line belongs to an author block under the name: an institution, a place, an e-mail."""
    return bool(
        is_affiliation_line(line)
        or "@" in line
        or (len(line) <= 60 and _PLACE_LINE.fullmatch(line))
        or (len(line) <= 80 and _ADDRESS_LINE.fullmatch(line))
        or (len(line) <= 60 and _POSTAL_LINE.fullmatch(line))
        or _STREET_LINE.fullmatch(line)
        or _COUNTRY_LINE.fullmatch(line)
        or _ORGANISATION.search(line)
    )


def _block_authors(lines: list[str]) -> list[str]:
    """The names that open the author blocks after the first one's name, until a line of neither.

    A name counts only after a line of the block before (an institution under a name is its
    block's, never the next author), and at most twelve are read.
    """
    names: list[str] = []
    previous_was_name = True
    for line in lines:
        if not line:
            continue
        if not previous_was_name and is_author_line(line) and not _block_line(line):
            names.append(line_names(line))
            previous_was_name = True
        elif _block_line(line):
            previous_was_name = False
        elif previous_was_name and not is_author_line(line) and len(line) <= 80:
            previous_was_name = False  # an institution the patterns do not know, under the name
        else:
            break
        if len(names) >= 12:
            break
    return names


def _below_title(lines: list[str], title: str) -> int | None:
    """Index of the first line under the title; None if not found.

    The title stands on one line, wrapped onto two, or over its subtitle's line (`_over_subtitle`).
    """
    ends = [index + 1 for index, line in enumerate(lines) if line == title]
    ends += [
        index + 2
        for index in range(len(lines) - 1)
        if title in (f"{lines[index]} {lines[index + 1]}", f"{lines[index]}: {lines[index + 1]}")
    ]
    return min(ends) if title and ends else None


def _authors_after_title(text: str, begin: int) -> int | None:
    """Where an author line starts that reflow joined to the title before it (from `begin`), or None.

    The latest word start wins after which the rest is an author line and before which the
    text is title-like: the longest title. The names must carry affiliation marks or be
    several ("Anna Berg1, Tomas Lind2"): a title ending in two capitalised words ("... and
    Human Interaction Requirements") is not cut.
    """
    if len(text) - begin > MAX_TITLE_AND_AUTHORS or is_author_line(text[begin:]):
        return None  # too long for a title and its authors, or an author line as a whole
    starts = [m.start() for m in re.finditer(r"(?<=\s)[A-Z]", text[begin:])]
    for start in reversed(starts):
        title = text[begin : begin + start].rstrip()
        names = text[begin + start :]
        several = re.search(r"[,&|·•]|\band\b|\bund\b", names)
        if (
            title[-1:] not in "|·•&,;"
            and (several or _AFFILIATION_MARKS.search(names))
            and looks_like_title(title)
            and is_author_line(names)
        ):
            return begin + start
    return None


_INSTITUTION_AFTER = re.compile(
    r"(?<=[a-zß-öø-ÿ.\d*†‡,])\s+(?=[a-h]?(?:The\s+)?(?:University|Universit[äéàa]t?|Universidad|Universidade|"
    r"Università|Department|Dept\.|Institute|Institut|School|College|Faculty|Centre|Center|Laboratory|"
    r"Graduate School)\b)"
)
"""Where an affiliation starts after an author line joined to it ("... K. Berg University of"), its
mark glued to it as Taylor & Francis sets it ("Maria Rossi a and John Park b aDepartment of")."""
MAX_TITLE_AND_AUTHORS = 460
"""A title (at most 300 characters) and an author line: longer joined lines are not searched."""


def is_author_line(line: str) -> bool:
    """Whether a line lists person names (affiliation marks aside), and nothing else.

    A line longer than `MAX_AUTHOR_LINE` is one only when it lists `MANY_AUTHORS` or more names
    of two to four words between commas, as a large team's paper sets them ("Andreas Gal∗+,
    Brendan Eich∗, Mike Shaver∗, ..." sixteen names).
    """
    if len(line) > MAX_AUTHOR_LIST:
        return False
    people = line_names(line)
    words = {w.lower() for w in re.findall(r"\w+", people)}
    return (
        (len(people) <= MAX_AUTHOR_LINE or _many_names(people))
        and bool(_AUTHOR_LINE.match(people) or _FAMILY_FIRST_LINE.match(people))
        and not words & _NOT_NAMES
        and not _LOWER_COMPOUND.search(people)
        and not is_document_type_line(people)
        and not _PLACES_LINE.fullmatch(people)
    )


_LOWER_COMPOUND = re.compile(r"\b[A-Z][a-z]{3,}-[a-z]{3,}\b")
"""A compound whose part after the hyphen is in lower case ("Fifth-order", "Knowledge-based"): a
title's word; a name's parts are capitalised ("Young-Dae"), a short prefix's aside ("Al-khatib")."""


def _many_names(people: str) -> bool:
    """Whether a long line is a list of `MANY_AUTHORS` or more short names between commas."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", people)
    return len(parts) >= MANY_AUTHORS and all(2 <= len(part.split()) <= 4 for part in parts)


MANY_AUTHORS = 6
"""Names a line longer than `MAX_AUTHOR_LINE` must list to be an author line."""
MAX_AUTHOR_LIST = 1200
"""Characters a line listing many authors may have, marks included."""
_PLACES_LINE = re.compile(rf"(?:{PUBLISHING_PLACES})(?:[\s,;/•·|-]+(?:{PUBLISHING_PLACES}))+")
"""A line of the cities a publisher has offices in, as a book's title page sets it under the
publisher's name ("New York London Toronto Sydney", "London • New York"): no names."""


_DEGREES = re.compile(
    r",\s*(?:Ph\.?\s?D|MBA|M\.?D|M\.?Sc|M\.?A|M\.?S|B\.?Sc|R\.?N|DBA|FRCP|CPA|"
    r"M\.?P\.?H|Dr\.?\s?P\.?H|B\.?S\.?N|M\.?S\.?N|DNP|Pharm\.?\s?D|Ed\.?\s?D|D\.?Phil|Sc\.?D|D\.?Sc|MHA|MPA|"
    r"MBBS|MSW|MHSc|APRN|CNM|FAAN|FACHE|FRCS|MRCP)\.?(?=\s*(?:,|;|&|\band\b|$))"
)
"""A degree after a name and its comma ("Maria Rossi, PhD, and John Park, MBA"; a health journal's
"Maria Rossi, MD, MPH; John Park, DrPH; Ana Silva, BSN"). Two letters alone that could be a family
name's initials ("Smith, JD") are not among them."""
_IEEE_GRADE = re.compile(r",\s*(?:(?:Senior|Student|Graduate Student|Life)\s+)?(?:Member|Fellow),\s*IEEE\b")
"""An IEEE membership grade after a name ("Anna Berg, Senior Member, IEEE, and Tomas Lind")."""


_BY = re.compile(
    r"^(?:(?:interviewed\s+|prepared\s+|compiled\s+|written\s+)?by|(?:vorgelegt|eingereicht)\s+von|presentad[oa]\s+por|présentée?\s+par):?\s+"
    r"|(?-i:^Von\s+(?=[A-ZÄÖÜ][a-zäöüß'’-]+\s+[A-ZÄÖÜ]))",
    re.IGNORECASE,
)
"""The words a title page sets before its author, in English and other languages ("vorgelegt von"),
and a German journal's "Von" before given names ("Von Maria Müller und Jörg Weiß"). A particle
before a family name and its comma is not among them: "von Krogh, Georg" and "Da Silva, João"
are names."""
_MARK_BETWEEN_NAMES = re.compile(
    r"(?<=[^\W\d_])(?P<mark>[*∗⁎†‡§¶]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:,[¹²³⁴⁵⁶⁷⁸⁹⁰]+)*)\s+(?=[A-Z])"
)
"""A note's mark between two names with nothing else between them, as LaTeX's `\\and` sets authors
side by side ("Anna Berg∗ Tomas Lind†"): the names' separator."""


_MARKS_AFTER_COMMA = re.compile(
    r"(?<=[^\W\d_]),\s?\d{1,2}(?:\s?,\s?(?:\d{1,2}\b|[*∗†‡]))*,?\s+(?=[A-Z]|and\b)"
)
"""Affiliation marks set after a name's comma, as AIP and APS set them: "Andreas Muller,1,* Sergey V.
Polyakov,2 Alex Ling,2, 3 Edward B. Flagg"."""


_HONORIFIC = re.compile(r"(?<![\w.])(?:Prof(?:essor)?|Dr|Mr|Mrs|Ms)\.?\s+(?=(?:Dr\.?\s+)?[A-Z][\w'’-])")
"""A title before a name ("Dr. Saeed Murtaza", "Prof. Dr. Anna Müller"), which a citation leaves out."""


def line_names(line: str) -> str:
    """An author line's names alone: no marks, titles, degrees, IEEE grades or "by"; capitals title-cased.

    Springer separates names with a middle dot ("Stephen L. Vargo · Robert F. Lusch"), Wiley with
    a bar ("Maria Rossi1 | Jan Novak2"), LaTeX with space after a name's note mark ("Anna Berg∗
    Tomas Lind†"); each becomes a comma.
    """
    line = re.sub(r"\s+[·•|]\s+", ", ", line)
    line = _MARKS_AFTER_COMMA.sub(", ", line)
    line = _MARK_BETWEEN_NAMES.sub(r"\g<mark>, ", line)
    line = re.sub(r"\s*\(\s*\S+@\S+\s*\)", "", line)  # "Anna Berg (anna.berg@uio.no)": Research Square
    line = _BY.sub("", _DEGREES.sub("", _IEEE_GRADE.sub("", _HONORIFIC.sub("", line))))
    line = " ".join(_AFFILIATION_MARKS.sub("", line).split()).strip(" ,;")
    if re.sub(r"\b(?:and|und)\b", "", line).isupper():
        words = line.split()
        line = " ".join(
            word.lower() if word.upper() in ("AND", "UND") else word.capitalize() for word in words
        )
    return line


_NOT_NAMES_TEXT = (
    "journal article review report paper abstract introduction university department school institute "
    "college faculty press chapter volume issue manuscript management studies research science business "
    "organization organisation learning value the of for in on with institutet instituto istituto "
    "hospital laboratory labs inc ltd gmbh corporation foundation centre center keywords summary contents "
    "received accepted published editor edited universidad universität universitat université universitet "
    "universiteit università universidade hochschule école escuela facultad fakultät faculté "
    "publishing publishers company indicators outlook survey statistics yearbook handbook guidelines "
    "toolkit framework policy strategy visiting emeritus revue annales cahiers sciences zeitschrift"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
"""Words that tell a capitalised line is not a list of person names."""


def _journal_line(meta: Metadata, line: str) -> None:
    """Venue, year, volume, issue and pages from a journal citation line, when it is one."""
    match = _JOURNAL_LINE.match(line)
    if not match or not re.search(
        r"journal|review|quarterly|proceedings|letters|studies", match["venue"], re.I
    ):
        return
    meta.venue = meta.venue or match["venue"].strip(" ,")
    meta.year = meta.year or int(match["year"])
    rest = match["rest"] or ""
    numbers = _VOLUME_ISSUE.search(rest)
    volume, issue, pages = _VOLUME.search(rest), _ISSUE.search(rest), _PAGES.search(rest)
    meta.volume = meta.volume or (numbers["volume"] if numbers else volume.group(1) if volume else "")
    meta.issue = meta.issue or (numbers["issue"] if numbers else issue.group(1) if issue else "")
    found_pages = (numbers["pages"] if numbers and numbers["pages"] else None) or (
        pages.group(1) if pages else None
    )
    meta.pages = meta.pages or (normalise_pages(found_pages) if found_pages else "")
    meta.kind = meta.kind or "article-journal"


def _report_line(line: str) -> re.Match[str] | None:
    """A report line: "Project Report 2016" opening the line, or capitalised inside it (reflow joined it)."""
    start = _REPORT_LINE.match(line)
    if start is not None:
        return start
    for found in _REPORT_LINE.finditer(line):
        if found.group("type")[0].isupper():
            return found
    return None


def first_page_record(
    text: str, venue: str = "", title_page: bool = False, page_lines: list[str] | None = None
) -> Metadata:
    """Guess fields from the first lines; all uncertain.

    `page_lines` are the first page's lines as the file has them (before reflow), where a
    conference paper's author blocks are read (`_author_blocks`).

    Read are the title, authors, a journal or report line, a DOI, a date line under the
    title, and a thesis's degree statement with its institution. A line that only names
    the journal (`venue`, known from the page furniture, or the name in a citation line
    such as "Industrial Marketing Management 40 (2011) 133–150") is a masthead, not the title.
    A title page (`title_page`: a book's, a report's, a thesis's) sets the subtitle under the
    title; the two are one title ("Learning with Customers: How Service Firms Co-Create Value").
    """
    head = _split(text).head
    first = [line for line in head[:FIRST_PAGE_LINES] if not _MARK_ALONE.fullmatch(line.stripped)]
    cited = [(line, parse_citation(line.stripped)) for line in first]
    mastheads = {name.casefold() for name in (venue, *(c.venue for _, c in cited if c)) if name}
    meta = Metadata()
    meta.title = _first_title(
        [
            line
            for line, citation in cited
            if line.stripped.casefold() not in mastheads
            and not _series_masthead(line)
            and not _numbered(citation)
        ],
        wrapped=not title_page,
        text=text,
    )
    if title_page and (word := _one_word_title(first)):
        meta.title = word
    authors = _author_line(first, meta.title)
    if authors and page_lines and len(split_people(authors)) == 1:
        authors = _author_blocks(page_lines, authors)
    if authors and len(split_people(authors)) == 1:
        authors = _fuller_author_line(head, authors)
    if authors and page_lines and len(split_people(authors)) == 1:
        authors = _stacked_authors(page_lines, authors)
    if authors:
        meta.authors = [p for p in split_people(authors.rstrip(" *")) if not placeholder_name(p.display)]
    elif meta.title and (group := _group_author(first, meta.title, mastheads)):
        meta.authors = [Person(literal=group)]
    for line in first:
        _journal_line(meta, line.stripped)
        report = _report_line(line.stripped)
        if report and meta.year is None:
            meta.year = int(report.group("year"))
            meta.kind = kind_from_label(report.group("type"))
        copyright_year = COPYRIGHT_YEAR.search(line.stripped)
        if copyright_year and meta.year is None:
            meta.year = parse_year(copyright_year.group(1))
        if not meta.doi and _doi_of_the_work(line.stripped):
            meta.doi = normalise_doi(line.stripped) if "doi" in line.stripped.lower() else ""
    under_title = _under_title(first, meta.title) if meta.title else []
    if meta.year is None:
        meta.year, meta.date = _dated_title_block(
            under_title or [line.stripped for line in first if web_byline(line.stripped)[1]]
        )
    meta.edition = _edition_under_title(under_title)
    imprints = (found["name"] for line in under_title if (found := _IMPRINT_LINE.fullmatch(line)))
    meta.publisher = next(imprints, "") or (
        _publisher_over_places(page_lines) if title_page and page_lines else ""
    )
    if not meta.kind:
        _thesis_statement(meta, [line.stripped for line in first])
    if meta.kind in ("", "report"):
        _working_paper(meta, [line.stripped for line in head])
    if title_page and meta.title:
        meta.title = _with_subtitle(first, meta.title, meta.authors)
    meta.title = _TITLE_MARK.sub("", meta.title)
    return stamp(meta, "first-page", uncertain=True)


_MARK_ALONE = re.compile(rf"[∗{NOTE_SYMBOLS}]{{1,3}}")
"""A note's mark on a line of its own, where the title's line it marks was broken ("... on Cluster" /
"∗" / "Platforms"): no line of the first page's head."""
_PUBLICATION_FIELDS = frozenset({"year", "year-online", "venue", "journal"})


def _doi_of_the_work(line: str) -> bool:
    """Whether a first page line's DOI may be the work's: the line is unlabelled or its publication's.

    Labelled lines (`_LABELS`) are read by `labelled_record`, each for its field; but a web
    page's "Published: 14 March 2021 · Journal of X, Volume 12 · https://doi.org/..." holds the
    work's DOI after its date, as a "Source:" line after its journal.
    """
    if names_a_retraction(line):
        return False  # "Retraction Note: https://doi.org/...": the notice's
    if names_other_material(line):
        return False  # "the data are openly available at https://doi.org/...": the data's
    label = _LABEL_LINE.match(line)
    return label is None or _LABELS.get(" ".join(label["label"].lower().split()), "") in _PUBLICATION_FIELDS


def _numbered(citation: Citation | None) -> bool:
    """Whether a line's citation gives its journal's volume or pages: a masthead, never a title.

    "Journal of Management Studies 40:3 May 2003"; a title with a year ("World Development Report
    2021") can be a title.
    """
    return citation is not None and bool(citation.volume or citation.pages)


def _series_masthead(line: Line) -> bool:
    """Whether a cover's line over the title is its series' masthead or number, never the title.

    "NBER WORKING PAPER SERIES", "OECD Education Working Papers No. 137".
    """
    return bool(_SERIES_MASTHEAD.fullmatch(line.stripped) or _PAPER_NUMBER.fullmatch(line.stripped))


def _fuller_author_line(head: list[Line], author: str) -> str:
    """The first author's line that names more authors in the head, else `author` alone.

    A working paper's cover sets its authors one under another ("Maria Rossi" / "John Park"),
    and its abstract page on one line ("Maria Rossi and John Park"): the line that opens with
    the name already read, and names more, is the whole list.
    """
    for line in head:
        text = line.stripped
        if text.startswith(author) and text != author and is_author_line(text):
            people = line_names(text)
            if len(split_people(people)) > 1:
                return people
    return author


def _working_paper(meta: Metadata, lines: list[str]) -> None:
    """A working paper's number line: the work is a report of the series named, with that number.

    The longest series name of the head wins ("NBER Working Paper No. 25678" over the cover's
    "Working Paper 25678"); it is the genre, and the number is the report's (CSL `number`):
    APA cites "(NBER Working Paper No. 25678)".
    """
    found = [
        m
        for line in lines
        if (m := _PAPER_NUMBER.fullmatch(line))
        and (m["marker"] or not re.fullmatch(r"(?:19|20)\d\d", m["number"]))
    ]
    if not found:
        return
    best = max(found, key=lambda m: len(m["series"]))
    meta.kind = "report"
    meta.genre = meta.genre or " ".join(best["series"].split())
    meta.issue = meta.issue or best["number"].strip()
    if meta.year is None and best["date"]:
        meta.year = parse_year(best["date"])


def _with_subtitle(lines: list[Line], title: str, authors: list[Person]) -> str:
    """A title with the subtitle a title page sets on the line under it, if one is there.

    The line must read as a title and be none of what else stands under a title on its page:
    its authors, an edition ("Second Edition"), "Edited by ...", an institution, a thesis's
    statement of its degree ("Tesis doctoral").
    """
    after = [line.stripped for line in lines]
    below = _below_title(after, title)
    if below is None or below >= len(after) or title.endswith(":"):
        return title
    line = re.sub(r"\s+by$", "", after[below], flags=re.IGNORECASE)  # "by" set alone, joined to it
    families = {person.family.casefold() for person in authors if person.family}
    if (
        not looks_like_title(line)
        or is_author_line(line)
        or _NOT_SUBTITLE.search(line)
        or _INSTITUTION_LINE.fullmatch(line)
        or _DEGREE_STATEMENT.search(line)
        or any(word.casefold().strip(",.") in families for word in line.split())
    ):
        return title
    return f"{title} {line}" if title[-1:] in "?!" else f"{title}: {line}"  # APA: "... organisation? A guide"


_NOT_SUBTITLE = re.compile(r"edition|edited|^by|auflage|volume", re.IGNORECASE)
"""Words of a line under a title on a title page that is no subtitle."""


def _thesis_statement(meta: Metadata, lines: list[str]) -> None:
    """Read a thesis's title page: the statement of its degree, and the institution under it.

    "A thesis submitted ... for the degree of ..." makes the work a thesis, and the
    institution named on one of the next lines (`_INSTITUTION_LINE`; a university before
    its school, `_DEGREE_GRANTING`) its publisher, as CSL
    renders a thesis ("Title. Norwegian School of Economics."); the degree, on that line or
    the next two ("Doctor of Philosophy", "Master of Science"), its genre ("[Doctoral
    dissertation]" in APA).
    """
    for index, line in enumerate(lines):
        if _DEGREE_STATEMENT.search(line):
            meta.kind = "thesis"
            meta.genre = meta.genre or thesis_genre(" ".join(lines[index : index + 3]))
            schools = [x for x in lines[index + 1 : index + 6] if _INSTITUTION_LINE.fullmatch(x)]
            granting = [x for x in schools if _DEGREE_GRANTING.search(x)]
            meta.publisher = meta.publisher or next(iter(granting + schools), "")
            return


_DEGREE_GRANTING = re.compile(rf"\b(?:{_DEGREE_GRANTING_WORDS})\b")
"""What names the body that grants a degree, not its school or faculty: a thesis's title page sets
"School of Business" over "Trinity College Dublin", and APA cites the university."""


def _under_title(lines: list[Line], title: str) -> list[str]:
    """The lines a few lines under the title, where a title page sets its date or edition."""
    after = [line.stripped for line in lines]
    start = _below_title(after, title)
    return [] if start is None else after[start : start + DATE_LINE_WINDOW]


_IMPRINT_LINE = re.compile(
    rf"(?P<name>(?:[A-Z][\w&.'’-]*\s+){{0,6}}(?:{PUBLISHER_WORDS}))"
    r"(?:,?\s+(?:Limited|Ltd\.?|Inc\.?))?(?:,\s*[A-Z][\w .'’-]{1,40})?"
)
"""A publisher and its place set under a report's or a book's title: "OECD Publishing, Paris"."""


def _edition_under_title(under_title: list[str]) -> str:
    """The edition a line under the title names, alone or with its date; '' when none does."""
    for line in under_title:
        found = _EDITION_LINE.fullmatch(line) or _EDITION_DATE.match(line)
        if found:
            return normalise_edition(found.group("edition"))
    return ""


def _dated_title_block(under_title: list[str]) -> tuple[int | None, str]:
    """The year (and a date line's day: `Metadata.date`) of a dated line a few lines under the title.

    The line is only a date, or an edition or an issue and its date (an issue's month is its
    `date`, "2022-05/2022-06" for May–June). A web page's byline holds its date after the names
    ("By Maria Rossi · March 14, 2021"); a magazine's page states its issue ("From the May–June
    2022 Issue").
    """
    for line in under_title:
        line = web_byline(line)[1] or line
        dated = _DATE_LINE.fullmatch(line) or _ISSUE_DATE.match(line)
        date = dated or _EDITION_DATE.match(line)
        if date:
            return parse_year(date.group("year")), parse_date(line) if dated else ""
    return None, ""
