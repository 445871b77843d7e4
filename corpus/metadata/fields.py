"""Normalisers for single metadata values: DOIs, years, author lists, keywords, CSL item types.

Every metadata source (sidecars, embedded PDF/HTML metadata, labelled text lines) writes values
in its own way; these functions turn them into the forms `Metadata` holds, so records from
different sources compare and merge cleanly.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable

from babel import Locale, UnknownLocaleError

from corpus_core.models import FieldSource, Metadata, Person

_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>⟨⟩〈〉]+")
"""A DOI up to a space, a quote or an angle bracket (HAL's "⟨10.3166/rfg.201.101-120⟩")."""
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_PDF_DATE = re.compile(r"^D:(\d{4})")
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:19|20)\d\d)\b", re.IGNORECASE)
"""A copyright notice's year: "© 2019", "(c) 2019", "Copyright © 2019", "Copyright 2019"."""
_AFFILIATION_MARKS = re.compile(r"[\d*†‡§¶#]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*){1,4}$")
_ORGANISATION = re.compile(
    r"\b(university|universit[äeà]t?|institute|institut|association|organi[sz]ation|society|group|ltd|inc|"
    r"corporation|company|department|ministry|committee|council|foundation|agency|centre|center|office|"
    r"consortium|bank|commission|forum|federation|alliance|secretariat|government|bureau)\b",
    re.IGNORECASE,
)
_ORGANISATION_NAME = re.compile(
    r"[^\W\d_a-z][\w'’.-]*(?:\s+(?:(?:of|for|and|the|on|&)\s+)*[^\W\d_a-z][\w'’.-]*)+"
)
"""Capitalised words, with "of", "for", "and", "the", "on" or "&" between them."""

PUBLISHER_WORDS = r"Publishing|Publishers|Press|Publications|Verlag"
"""The words that end a publisher's name ("OECD Publishing", "Oxford University Press")."""
GREY_LITERATURE = r"white paper|policy (?:brief|paper|note)|issue brief|briefing (?:paper|note)|fact ?sheet"
"""The reports that call themselves so over their title, and APA 7 describes so ("[Policy brief]")."""

CONFERENCE_PAPER_TYPES = (
    r"(?:completed research|research[- ]in[- ]progress|emergent research forum(?: \(erf\))?|short|full) "
    r"paper|research[- ]in[- ]progress"
)
"""The types AIS conferences (ICIS, ECIS, AMCIS) print under a paper's title ("Completed Research Paper")."""

_KINDS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(rf"conference|proceeding|symposium|workshop paper|{CONFERENCE_PAPER_TYPES}", re.I),
        "paper-conference",
    ),
    (re.compile(r"chapter|incollection|inbook", re.I), "chapter"),
    (re.compile(r"thesis|dissertation", re.I), "thesis"),
    (
        re.compile(
            rf"report|working paper|discussion paper|{GREY_LITERATURE}",
            re.I,
        ),
        "report",
    ),
    (re.compile(r"newspaper|\bnews\b|newswire", re.I), "article-newspaper"),
    (re.compile(r"magazine", re.I), "article-magazine"),
    (
        re.compile(r"article|review|journal|research paper|case study|editorial|viewpoint", re.I),
        "article-journal",
    ),
    (re.compile(r"\bbook\b|monograph", re.I), "book"),
    (re.compile(r"web ?page|website|blog|online", re.I), "webpage"),
    (re.compile(r"term paper|seminar paper|essay|manuscript|preprint", re.I), "manuscript"),
]

DOCTORAL = "Doctoral dissertation"
MASTERS = "Master's thesis"
BACHELORS = "Bachelor's thesis"
_DOCTORAL_DEGREE = re.compile(
    r"\bdoct(?:or|oral|orate)\b|\bph\.?\s?d\b|\bd\.?\s?phil\b|\bdr\.?\s?(?:rer|phil)\b|\bdoktor|\bdottorato\b|"
    r"\bdoctorat\b|\bdocteur\b|\bdoutorado\b|\bdoctorado\b|\bproefschrift\b|\bdissertation\b",
    re.IGNORECASE,
)
_MASTERS_DEGREE = re.compile(
    r"\bmaster(?:'s|’s|s)?\b|\bm\.?\s?(?:sc|phil|res|ba)\b|\bmagister\b|\bmasterarbeit\b|\bmáster\b|\bmaestría\b|"
    r"\bmestrado\b|\bmaster(?:oppgave|uppsats|thesis|scriptie)\b|\bmagisteruppsats\b|\bpro\s+gradu\b|\bspeciale\b",
    re.IGNORECASE,
)
_BACHELORS_DEGREE = re.compile(r"\bbachelor|\bb\.?\s?(?:sc|a)\b\.?(?!\w)|\bbachelorarbeit\b", re.IGNORECASE)


def thesis_genre(text: str) -> str:
    """`DOCTORAL`, `MASTERS` or `BACHELORS` for the degree a text names; '' when it names none.

    Read in a thesis's statement or type: "Doctor of Philosophy", "PhD Thesis", "MSc",
    "Masterarbeit". A named master's or bachelor's degree wins over the word "dissertation",
    which British universities use for both ("A dissertation submitted for the degree of
    Master of Science").
    """
    if _MASTERS_DEGREE.search(text):
        return MASTERS
    if _BACHELORS_DEGREE.search(text):
        return BACHELORS
    return DOCTORAL if _DOCTORAL_DEGREE.search(text) else ""


def labelled_values(lines: list[str], label: re.Pattern[str], opening: str = "") -> dict[str, str]:
    """Values of the lines that `label` matches (groups "label" and "value"), by lower-cased label.

    A line it does not match continues the value before it (a line-end hyphen joined without a
    space), as a cover or a database's record wraps a long value; lines before the first label
    are the value of `opening` when one is named. A label's first line wins: one repeated later
    is dropped with its continuation.
    """
    values: dict[str, str] = {}
    current: str | None = opening or None
    for line in lines:
        found = label.fullmatch(line)
        if found:
            name = found["label"].strip().lower()
            current = None if name in values else name
            line = found["value"].strip()
            if current is None:
                continue
        if current is None:
            continue
        before = values.get(current, "")
        values[current] = before + line if before.endswith("-") else f"{before} {line}".strip()
    return values


BIBTEX_KINDS: dict[str, str] = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "unpublished": "manuscript",
}
"""BibTeX entry types and the CSL item types they stand for."""

RIS_KINDS: dict[str, str] = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "BOOK": "book",
    "EBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "RPRT": "report",
    "THES": "thesis",
    "ELEC": "webpage",
    "WEB": "webpage",
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "UNPB": "manuscript",
    "MANSCPT": "manuscript",
    "SLIDE": "speech",
}
"""RIS reference types (TY) and the CSL item types they stand for."""

CSL_TYPES = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)
"""The item types of CSL 1.0.2, what `Metadata.kind` holds."""

COMMON_KINDS = ("article-journal", "book", "chapter", "paper-conference", "report", "thesis", "webpage")
"""The CSL item types most works of a research library have (named in messages)."""

BIBTEX_KEY_UNSAFE = re.compile(r"[\s,{}=#%\\\"']+")
"""Characters a BibTeX citation key cannot hold (they end or break the entry)."""

_LANGUAGE_NAMES = {
    "deutsch": "de",
    "français": "fr",
    "español": "es",
    "português": "pt",
    "italiano": "it",
    "nederlands": "nl",
    "american": "en",
    "british": "en",
    "ngerman": "de",
    "austrian": "de",
    "naustrian": "de",
    "swissgerman": "de",
    "brazil": "pt",
    "brazilian": "pt",
    "portuges": "pt",
}
"""Names that are not English names of languages: native ones, and BibTeX's `langid` values
(babel and polyglossia's "ngerman", "american"); English names come from Babel's CLDR data."""


@functools.cache
def _languages() -> dict[str, str]:
    """Every ISO 639-1 code, and every language's English name ("german", "greek"), to its code."""
    english = {str(code): str(name) for code, name in Locale("en").languages.items()}
    names = {code: code for code in english if len(code) == 2}
    names |= {name.lower(): code for code, name in english.items() if len(code) == 2}
    return names | _LANGUAGE_NAMES


FIELDS: tuple[str, ...] = tuple(
    name for name in Metadata.__dataclass_fields__ if name not in {"sources", "uncertain"}
)
"""The value fields of `Metadata`, i.e. all but the provenance bookkeeping."""


def normalise_doi(value: str) -> str:
    """Return the bare DOI in `value` ("https://doi.org/10.1/X" -> "10.1/X"), '' when there is none."""
    match = _DOI.search(value or "")
    if not match:
        return ""
    doi = match.group(0).rstrip(".,;:'\"")
    while doi.endswith((")", "]")) and doi.count(doi[-1]) > doi.count("(" if doi[-1] == ")" else "["):
        doi = doi[:-1]
    return doi


_OTHER_MATERIAL = re.compile(
    r"\b(?:data(?:sets?)?|supplementary|supplemental|replication|code|software|materials?|repository|appendix)\b"
)
"""What a DOI in a sentence can belong to instead of the work, in the words of a sentence (lower case)."""
_MATERIAL_LABEL = re.compile(r"(?i:data|code|software|supplementary|supplemental)\b[^:]{0,40}:")
"""A statement's label ("Data availability statement:", "Supplementary material:")."""


def names_other_material(line: str) -> bool:
    """Whether a line's DOI is its data's, code's or supplement's, not the work's.

    "Data availability statement: the data are openly available at https://doi.org/10.5281/...",
    "The replication package is deposited at https://doi.org/10.3886/...": the words before
    the DOI, in its sentence, say what it is. A journal's name holding such a word is
    capitalised ("Scientific Data 7, 12. https://doi.org/..."), and is no statement's label.
    """
    match = _DOI.search(line)
    return _about_other_material(line[: match.start()] if match else line)


def gives_other_material(text: str, doi: str) -> bool:
    """Whether `text` gives `doi` to its data, code or supplements somewhere (`names_other_material`)."""
    for match in re.finditer(re.escape(doi), text, re.IGNORECASE):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _about_other_material(text[max(line_start, match.start() - MAX_SENTENCE_CHARS) : match.start()]):
            return True
    return False


MAX_SENTENCE_CHARS = 300
"""How far before a DOI its sentence is looked at."""
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z]|(?i:https?://|doi))")
"""A sentence's end: a capital or a link starts the next ("We analyse survey data. https://doi.org/...")."""


def _about_other_material(before: str) -> bool:
    """Whether the sentence that `before` ends (the text before a DOI) says the DOI is other material's."""
    sentence = _SENTENCE_END.split(before)[-1]
    return bool(_OTHER_MATERIAL.search(sentence) or _MATERIAL_LABEL.match(sentence.strip()))


_PLACE_AND_YEAR = re.compile(r"[A-Z][^\W\d_]+,\s*(?:1[89]|20)\d\d\.?")


def is_place_and_year(line: str) -> bool:
    """Whether a line is only a place and a year ("Helsinki, 2022", a report's title page).

    It reads like a citation line of a one-word journal, but a journal named by one word is
    cited with more than its year ("Sustainability, 2021, 13(4)").
    """
    return bool(_PLACE_AND_YEAR.fullmatch(" ".join(line.split())))


def parse_year(value: object) -> int | None:
    """Return the first plausible year in `value` (2019, "2019-03-01", "01 Dec 2008", "D:2019..")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if _plausible(value) else None
    text = str(value or "").strip()
    pdf = _PDF_DATE.match(text)
    if pdf:
        year = int(pdf.group(1))
        return year if _plausible(year) else None
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if _plausible(year):
            return year
    return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_NAME = r"(?P<month>[A-Za-z]{3,9})\.?"
_MONTH_RANGE = re.compile(
    rf"{_MONTH_NAME}\s*[-–/]\s*(?P<month2>[A-Za-z]{{3,9}})\.?,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b"
)
"""A magazine's issue of two months: "May–June 2022", "Jan/Feb 2019"."""
_DATES = (
    re.compile(r"(?P<year>(?:1[5-9]|20)\d\d)[-/](?P<month>[01]?\d)(?:[-/](?P<day>[0-3]?\d))?(?!\d)"),
    re.compile(rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+{_MONTH_NAME},?\s+(?P<year>(?:1[5-9]|20)\d\d)\b"),
    re.compile(rf"{_MONTH_NAME}\s+(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:1[5-9]|20)\d\d)\b"),
)
"""Dates as records and pages write them: "2019-05-14" (and ISO times), "14 May 2019", "May 14, 2019",
"May 2019"."""


def parse_date(value: object) -> str:
    """The first date in `value` as ISO 8601 ("2019-05-14", or "2019-05" without a day); '' for none.

    A magazine's issue of two months is an interval, "2022-05/2022-06" ("May–June 2022"). A year
    alone is no date here (`parse_year` reads it); English month names only.
    """
    text = str(value or "")
    issue = _MONTH_RANGE.search(text)
    if issue:
        first, last = (_MONTHS.get(issue[name].lower(), 0) for name in ("month", "month2"))
        year = int(issue["year"])
        if first and last and first < last and _plausible(year):
            return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"
    for pattern in _DATES:
        for found in pattern.finditer(text):
            month_text = found["month"]
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower(), 0)
            year = int(found["year"])
            day = int(found["day"]) if found["day"] else 0
            if not (1 <= month <= 12 and _plausible(year)):
                continue
            try:
                datetime.date(year, month, day or 1)
            except ValueError:
                continue
            return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"
    return ""


def parse_issued(value: object) -> tuple[int | None, str]:
    """The year and the date (`parse_year`, `parse_date`) a record's one date value states."""
    return parse_year(value), parse_date(value)


def _plausible(year: int) -> bool:
    return 1500 <= year <= datetime.date.today().year + 1


def person(name: str) -> Person:
    """One author from a name string; organisations become literals, affiliation marks are dropped."""
    name = " ".join(_AFFILIATION_MARKS.sub(" ", name).split()).strip(" ,;")
    if not name:
        return Person()
    if _ORGANISATION.search(name) and "," not in name:
        return Person(literal=name)
    return Person.parse(name)


def is_organisation_name(text: str) -> bool:
    """Whether `text` names an organisation: capitalised words, an organisation's among them, no journal's.

    "World Economic Forum", "Chartered Institute of Personnel and Development"; not "Group &
    Organization Management", a journal.
    """
    name = " ".join(text.split())
    return bool(_ORGANISATION_NAME.fullmatch(name) and not JOURNAL_WORD.search(name) and person(name).literal)


_PLACEHOLDER_NAME = re.compile(
    r"(?:your|author(?:'s)?|first|second|third|corresponding)\s+(?:full\s+)?name(?:\s*\d)?|"
    r"author\s+names?|(?:first|second|third|fourth|fifth|\d(?:st|nd|rd|th))\s+author|"
    r"author\s*(?:\d|one|two|three|[A-D])|anonymous\s+authors?|"
    r"first\s*name\s+(?:middle\s*name\s+)?(?:last\s*name|surname|family\s*name)|name\s+surname",
    re.IGNORECASE,
)
"""A template's stand-in for an author ("Your Name", "First Author", "Firstname Lastname", "Author 1",
"Anonymous Authors" of a double-blind submission), left in the file by whoever filled it in."""


def placeholder_name(name: str) -> bool:
    """Whether a name is a template's placeholder, not a person's (`_PLACEHOLDER_NAME`)."""
    return _PLACEHOLDER_NAME.fullmatch(" ".join(name.split()).strip(" .,*")) is not None


PUBLISHING_PLACES = (
    r"New York|London|Toronto|Sydney|Melbourne|Singapore|Tokyo|Paris|Berlin|Boston|Chicago|Oxford|"
    r"Cambridge|New Delhi|Delhi|Thousand Oaks|Los Angeles|San Francisco|Amsterdam|Heidelberg|Dordrecht|"
    r"Hoboken|Cheltenham|Northampton|Basingstoke|Abingdon|Washington|Philadelphia|Princeton|Stanford|"
    r"Auckland|Hong Kong|Beijing|Shanghai|Mumbai|Madrid|Rome|Vienna|Zurich|Munich|Frankfurt|Montreal|"
    r"Dublin|Edinburgh|Glasgow|Manchester|Cape Town|São Paulo|Seoul|Taipei|Kuala Lumpur|Copenhagen|"
    r"Stockholm|Oslo|Helsinki|Brussels|Geneva|Lisbon|Warsaw|Moscow|Mexico City|Buenos Aires|Wellington|"
    r"Leipzig|Stuttgart|Tübingen|Milan|Barcelona|Johannesburg|Jakarta|Bangkok|Englewood Cliffs|"
    r"Upper Saddle River|Harlow|Maidenhead|Bingley|Chichester|Cham|Wiesbaden|Bern|Reading(?=,\s*(?:MA|Mass))"
)
"""Cities publishers are named with, as a regular expression's alternatives: a book's title page
sets them in a line ("New York London Toronto Sydney"), a reference after its title ("London,
Century"). Reading only before its state ("Reading, MA"): alone it is a word ("Speaking, Reading,
Writing")."""
PRESENTATION_GENRES = {
    "paper": "Paper presentation",
    "poster": "Poster presentation",
    "keynote": "Keynote presentation",
}
"""A presentation's type written in one word, as APA 7 (10.5) describes the work ("[Paper presentation]")."""
OTHER_AND = ("y", "et", "e", "en", "och", "og", "ja")
""""And" between two authors in Spanish, French, Portuguese and Italian, Dutch, Swedish, Norwegian and
Danish, Finnish. Some are also a part of a name ("José Ortega y Gasset", "Silva e Costa"), so they
join two names only between full ones: a given name and a family name on each side."""
_OTHER_AND = re.compile(rf"\s+(?:{'|'.join(OTHER_AND)})\s+")


def _name_words(parts: list[str]) -> list[str]:
    """The words of the name nearest a conjunction, `parts` its comma-separated parts nearest first.

    A name written family first ("Pérez, R.") has two parts; its initials count with its family name.
    """
    words = parts[0].split() if parts else []
    if len(parts) > 1 and (_INITIALS.match(parts[0].strip()) or _INITIALS.match(parts[1].strip())):
        words = [*words, *parts[1].split()]
    return words


def _split_other_and(chunk: str) -> list[str]:
    """Cut `chunk` at each `OTHER_AND` word that stands between two full names."""
    parts, start = [], 0
    for found in _OTHER_AND.finditer(chunk):
        before = _name_words(chunk[start : found.start()].split(",")[::-1])
        after = _name_words(_OTHER_AND.split(chunk[found.end() :], maxsplit=1)[0].split(","))
        full = len(before) > 1 and len(after) > 1
        if full and all(word[0].isupper() for word in (before[0], before[-1], after[0], after[-1])):
            parts.append(chunk[start : found.start()])
            start = found.end()
    return [*parts, chunk[start:]]


def split_people(value: str) -> list[Person]:
    """Split joined authors: "A; B", "A and B", "A und B", "Smith, J., Doe, A.", "Jane Doe, John Roe".

    "María García y José Pérez" too (`OTHER_AND`), but not "José Ortega y Gasset".
    """
    value = " ".join((value or "").split())
    if not value:
        return []
    chunks = [c for c in re.split(r"\s*;\s*|\s+(?:and|und)\s+|\s*&\s*", value) if c.strip(" ,")]
    names: list[str] = []
    for chunk in chunks:
        for part in _split_other_and(chunk.strip(" ,")):
            names.extend(_split_commas(part.strip(" ,")))
    people = [person(n) for n in names]
    return [p for p in people if p.display]


def _split_commas(chunk: str) -> list[str]:
    """Split a comma list into names, pairing "Surname, Initials" tokens."""
    parts = [p.strip() for p in chunk.split(",") if p.strip()]
    if len(parts) <= 1:
        return parts
    if all(len(p.split()) >= 2 for p in parts):
        return parts
    if len(parts) == 2:
        return [f"{parts[0]}, {parts[1]}"]
    names: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and _INITIALS.match(parts[i + 1]):
            names.append(f"{parts[i]}, {parts[i + 1]}")
            i += 2
        else:
            names.append(parts[i])
            i += 1
    return names


def split_keywords(value: str | list[str]) -> list[str]:
    """Keywords from a list or a ";"- or ","-separated string, trimmed, duplicates dropped."""
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        text = str(value or "")
        separator = ";" if ";" in text else ","
        items = re.split(rf"\s*[{separator}·•]\s*", text)
    keywords: list[str] = []
    for item in items:
        word = " ".join(item.split()).strip(" .,;")
        if word and word.lower() not in {k.lower() for k in keywords}:
            keywords.append(word)
    return keywords


def kind_from_label(value: str) -> str:
    """CSL item type for a free-text document type ("Research Article" -> "article-journal")."""
    for pattern, kind in _KINDS:
        if pattern.search(value or ""):
            return kind
    return ""


def normalise_kind(value: str) -> str:
    """CSL item type of a CSL, BibTeX or RIS type or a label ("Research Article"); '' when none."""
    text = " ".join((value or "").split())
    if not text:
        return ""
    if text in CSL_TYPES and text not in BIBTEX_KINDS:
        return text
    return BIBTEX_KINDS.get(text.lower()) or RIS_KINDS.get(text.upper()) or kind_from_label(text)


def is_language_name(word: str) -> bool:
    """Whether `word` is a language's English or native name ("French", "Deutsch"), not its code."""
    return len(word) > 3 and word.lower() in _languages()


def normalise_language(value: str) -> str:
    """ISO 639-1 code from "en", "en-US", "eng", "ger", "English" or "Deutsch"; '' when unknown.

    Zotero's language field is free text and MARC, RIS and library records use three-letter
    ISO 639-2 codes, so each form a record holds is read; Babel (its locale aliases and
    CLDR's English names) knows them all.
    """
    text = " ".join((value or "").split()).lower()
    if not text:
        return ""
    known = _languages()
    if text in known:
        return known[text]
    try:
        code = Locale.parse(text.replace("-", "_")).language
    except (UnknownLocaleError, ValueError):
        return ""
    return code if code in known else ""


ARTICLE_KINDS = frozenset({"article-journal", "article", "article-magazine", "paper-conference"})
"""Kinds of work a journal or proceedings may number instead of paging (`Metadata.article_number`)."""
IN_EDITED_BOOK = frozenset({"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"})
"""Kinds of work printed in a book that its editors edited (their record's `editors` are the book's)."""
IN_TITLED_BOOK = IN_EDITED_BOOK - {"paper-conference"}
"""Kinds of work whose venue is a book's title, which APA and Cite Them Right write in sentence
case (`Metadata.sentence_venue`); a proceedings' title names its conference and keeps its capitals."""
DATED_KINDS = frozenset(
    {
        "article-newspaper",
        "article-magazine",
        "webpage",
        "post",
        "post-weblog",
        "broadcast",
        "interview",
        "speech",
    }
)
"""Kinds of work a reference dates by the day ("(2019, May 14)" in APA): a journal article, a report
or a book by the year alone."""
CONTAINED_KINDS = frozenset(
    {
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "paper-conference",
        "chapter",
        "entry-encyclopedia",
        "review",
        "review-book",
    }
)
"""Kinds of work a reference names the container of (the journal, the proceedings, the book; a
review's journal)."""


def filed_authors(authors: list[Person], editors: list[Person], kind: str) -> list[Person]:
    """The authors a record files a work under: its own, else its editors.

    An edited book is listed and found by its editors; a chapter's or an entry's editors are
    its book's, and without authors of its own the citation styles put them first, "(Ed.)".
    """
    return authors or ([] if kind in IN_EDITED_BOOK else list(editors))


def normalise_pages(value: str) -> str:
    """Page range with a plain hyphen: "19 - 30" or "1--17" -> "19-30", "1-17"."""
    return re.sub(r"\s*(?:--|[-–—])\s*", "-", " ".join(str(value or "").split()))


_EDITION_WORDS = re.compile(
    r"^(?:edition|ed\.?|edn\.?|auflage|ausgabe|[ée]d(?:ition)?\.?)\s+|"
    r"\s*\b(?:edition|ed\.?|edn\.?|auflage|ausgabe|[ée]d(?:ition)?\.?)$",
    re.IGNORECASE,
)
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
)  # fmt: skip
_EDITION_NUMBER = re.compile(r"(\d{1,3})(?:st|nd|rd|th|e|re|ème|\.)?", re.IGNORECASE)


def normalise_edition(value: str) -> str:
    """An edition as CSL's `edition` holds it; '' for a first edition, which no style prints.

    Its number ("2" of "2nd ed.", "Second edition", "2. Auflage", "Edition 2"), which each
    style writes its way ("2nd ed.", "2nd edn"), else its words as written ("Revised edition").
    """
    written = " ".join(str(value or "").split()).strip(" ,;:()")
    bare = _EDITION_WORDS.sub("", written).strip(" ,;:")
    number = _EDITION_NUMBER.fullmatch(bare)
    if number:
        written = str(int(number.group(1)))
    elif bare.lower() in _ORDINAL_WORDS:
        written = str(_ORDINAL_WORDS.index(bare.lower()) + 1)
    return "" if written in ("0", "1") else written[:1].upper() + written[1:]


_EDITION_WORD = re.compile(r"\b(?:edition|ed\.?|edn\.?)(?=\W*$)", re.IGNORECASE)
_ENGLISH_EDITION = re.compile(r"\b(?:edition|revised|updated|expanded|anniversary)\b", re.IGNORECASE)
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def abbreviated_edition(edition: str, term: str) -> str:
    """A worded edition as a reference abbreviates it, `term` its word for "edition" ("ed.", "edn").

    APA 7 and Chicago write "(Rev. ed.)", "(2nd rev. ed.)", "(25th anniversary ed.)"; Cite Them Right
    "Rev. edn". A number stays a number (each style writes its ordinal); words in another language
    stay as written.
    """
    if edition.isdigit() or not _ENGLISH_EDITION.search(edition):
        return edition
    words = []
    for word in _EDITION_WORD.sub("", edition).replace(",", " ").split():
        lower = word.lower()
        if lower in _ORDINAL_WORDS:
            number = _ORDINAL_WORDS.index(lower) + 1
            word = f"{number}{_ORDINAL_SUFFIX.get(number, 'th')}"
        words.append("rev." if lower == "revised" else word.lower())
    text = " ".join([*words, term])
    return text[:1].upper() + text[1:]


SITE_SEPARATOR = re.compile(r"\s+(?:[|·»–—-]|::)\s+")
"""What parts a page's title from its site's name in a browser's tab: "Title | Site", "Title - Site"."""
MAX_SITE_WORDS = 8


def split_site(title: str, is_own: Callable[[str], bool]) -> tuple[str, str] | None:
    """A browser tab's title parted into the page's own title and its site's name, None where it is not.

    "Why Service Teams Stop Learning – The Learning Organization Blog" and "Organizational
    learning - Wikipedia" are what a tab shows; the page heads itself with its own title, which
    `is_own` recognises. The longest such title before a bar or a dash wins, and the site is
    the last part after it ("Title | Section | Site"). A title that a colon parts is not cut.
    """
    for separator in reversed(list(SITE_SEPARATOR.finditer(title))):
        own = title[: separator.start()].strip()
        site = SITE_SEPARATOR.split(title[separator.end() :])[-1].strip()
        if is_own(own) and 1 <= len(site.split()) <= MAX_SITE_WORDS:
            return own, site
    return None


JOURNAL_WORD = re.compile(
    r"\b(?:journal|review|quarterly|science|sciences|studies|management|letters|proceedings|bulletin|"
    r"annals|transactions|magazine)\b",
    re.IGNORECASE,
)
"""Words of a journal's name ("Organization Science", "Group & Organization Management"): a name
with one is a journal's (a file filed under it, a page printed from its site), not an author's."""
_NOT_WORD = re.compile(r"[^\w]+|_")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of `text` for comparisons.

    ASCII text skips the decomposition (it has no accents to drop): the citation graph folds
    every reference of the corpus, and most are ASCII.
    """
    plain = text or ""
    if not plain.isascii():
        plain = "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain.lower()).split())


def stamp(meta: Metadata, source: FieldSource, uncertain: bool = False) -> Metadata:
    """Record `source` for every filled field of `meta` (and mark them uncertain if asked)."""
    for name in FIELDS:
        if is_filled(getattr(meta, name)):
            meta.sources.setdefault(name, source)
            if uncertain and name not in meta.uncertain:
                meta.uncertain.append(name)
    return meta


def is_filled(value: object) -> bool:
    """Whether a field value is known (not '', None or an empty list)."""
    return value is not None and value != "" and value != []
