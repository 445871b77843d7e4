"""The record a document's own statement of how to cite it gives ("Please cite this paper as: ...").

International organisations, institutes and many journals print how to cite what they publish
on its cover, title or imprint page: OECD's "Please cite this paper as: Kools, M. and L. Stoll
(2016), “What Makes a School a Learning Organisation?”, OECD Education Working Papers, No. 137,
OECD Publishing, Paris.", the World Bank's "Please cite the work as follows: World Bank. 2019.
...", a report's "Suggested citation:", a journal's "How to cite this article:". It is the
publisher's own reference, read with `corpus.structure.references.parse_reference`
(`cited_record`): title, year, the journal with its volume, issue and pages, or the series with
the report's number ("No. 137", "(Report No. 12)"), the publisher, the DOI. Its authors are
taken when they are an organisation ("OECD", "World Bank", "Eurofound"): a person is written
there with initials only, where the title page writes the name in full. Source
"page-furniture". A research portal's cover cites the published version the same way
(`corpus.metadata.platform_cover`).
"""

from __future__ import annotations

import re

from corpus.cleaning.dehyphenate import dehyphenate, word_evidence
from corpus.metadata.fields import normalise_doi, person, split_people, stamp
from corpus.metadata.furniture import parse_citation
from corpus.structure.references import parse_reference
from corpus_core.models import Metadata, Person, RawDocument

FRONT_PAGES = 4
"""Pages from the start where a cover, title or imprint page states how to cite the work."""
MAX_STATEMENT_LINES = 5
"""Lines a statement wraps over at most."""
MAX_PUBLISHER_WORDS = 12
FRONT_LINES = 300
"""Lines from the start of a file without pages where a statement of how to cite it stands."""
FRONT_FORMATS = frozenset({"docx", "doc", "odt", "rtf", "html"})
"""Formats besides PDF whose statement is read: a report's or a journal page's, not a reader's note."""

_STATEMENT = re.compile(
    r"(?:please cite (?:this|the) (?:publication|paper|report|work|article|document|chapter|book|study)"
    r"(?: in press)?(?: as(?: follows)?)?|suggested citation|recommended citation|"
    r"how to cite(?: this (?:article|paper|report))?|cite (?:this (?:article|paper|report) )?as|"
    r"(?P<acm>acm reference format))"
    r"\s*:\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_LINK = re.compile(r"(?:https?://|doi:\s*)\S+", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?:,\s*|\s*\()(?P<label>(?:[A-Z][\w-]*\s+){0,3})No\.?\s*(?P<number>[\w./-]{1,20}?)\)?(?=[,.)]|$)"
)
"""A report's number in a reference: ", No. 137" after its series, "(Report No. 12)" after its title."""
_PLACE_AND_PUBLISHER = re.compile(r"(?P<place>[A-Z][\w .]{1,40}?):\s*(?P<publisher>[A-Z][^.:,]{1,80})")
"""A publisher as Chicago writes it: "Washington, DC: World Bank"."""
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_VOLUME = re.compile(r"\bvol(?:ume)?\.?\s*\d", re.IGNORECASE)
"""A journal's volume: its "No." is the issue's, not a report's number."""


def cite_statement_record(raw: RawDocument) -> Metadata:
    """The record a document's front states in how to cite it (see the module doc); empty without one.

    A PDF's first `FRONT_PAGES` pages; a Word, OpenDocument, RTF or HTML file's first `FRONT_LINES`
    lines (such a file is read as one page: only its opening is split). A text or Markdown note is a
    reader's own: a statement it holds is most often copied from the work it is about.
    """
    if raw.format == "pdf":
        pages = raw.pages[:FRONT_PAGES]
    elif raw.format in FRONT_FORMATS:
        pages = ["\n".join(raw.pages[0].split("\n", FRONT_LINES)[:FRONT_LINES])] if raw.pages else []
    else:
        return Metadata()
    for page in pages:
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            found = _STATEMENT.search(line)
            if found:
                following, evidence = lines[index + 1 :], word_evidence(page)
                reference = _statement(found["rest"], following, evidence, to_link=bool(found["acm"]))
                record = cited_record(reference)
                if record is not None and found["acm"]:
                    _acm_reference(record, reference)
                return record or Metadata()
    return Metadata()


_ACM_EVENT = re.compile(r"\s*\([^()]*'\d\d\)(?:,.*)?$")
"""What follows the proceedings' name in ACM's reference: "(CHI '20), April 25–30, 2020, Honolulu,
HI, USA"."""
_ACM_ARTICLE = re.compile(
    r"^\s*(?P<venue>[^,]+?)\s+(?P<volume>\d{1,4}),\s*(?P<issue>\d{1,3}),\s*Article\s+(?P<article>\w{1,10})\b"
)
"""An ACM journal after a title, with its numbers: "ACM Trans. Comput.-Hum. Interact. 27, 3, Article 12
(June 2020), 30 pages" (its name keeps its last full stop)."""


_ACM_AUTHORS = re.compile(r"(?P<names>.{3,300}?)\.\s+(?:19|20)\d\d[a-z]?\.\s")
"""The authors ACM's reference opens with, given names first, before the year: "Maria L. Rossi,
John Park, and Ana Silva. 2020." (the reference parser reads family names first)."""


def _acm_reference(meta: Metadata, reference: str) -> None:
    """Mend `meta` read from ACM's "ACM Reference Format:" block (ACM's own reference style).

    A paper in proceedings is cited "In Proceedings of X (ABBR 'YY), dates, place. ACM, New
    York, NY, USA, 12 pages.": the venue is the proceedings' name, ACM publishes them. A
    journal article is cited "Venue 27, 3, Article 12 (June 2020), 30 pages.": its volume,
    issue and article number.
    """
    if not meta.authors and (names := _ACM_AUTHORS.match(reference)):
        meta.authors = split_people(names["names"])
    if re.search(r"\bIn\s+Proceedings\b", reference) or meta.venue.startswith("Proceedings"):
        meta.venue = _ACM_EVENT.sub("", meta.venue).strip(" ,.")
        meta.kind = "paper-conference"
        meta.publisher = "ACM" if re.search(r"\bACM,\s*New York\b", reference) else meta.publisher
    elif numbers := _ACM_ARTICLE.match(reference.split(f"{meta.title}.", 1)[-1]):
        meta.venue = numbers["venue"]
        meta.volume, meta.issue, meta.article_number = numbers["volume"], numbers["issue"], numbers["article"]
        meta.kind = "article-journal"
    stamp(meta, "page-furniture")


def _statement(start: str, following: list[str], evidence: frozenset[str], to_link: bool = False) -> str:
    """The reference a statement gives: up to its link (DOI or URL), else to a line that ends it.

    With `to_link` (ACM's block, which always ends with its DOI) a line ending in a full stop
    ends it only where no link follows within `MAX_STATEMENT_LINES`: an abbreviated journal
    wraps after its full stops ("ACM Trans. Comput.-Hum." / "Interact. 27, 3, ..."). A word
    hyphenated at a line's end is joined as cleaning joins it, the page's words its `evidence`
    ("Human Fac-" / "tors in Computing Systems").
    """
    lines = [start, *following[:MAX_STATEMENT_LINES]]
    count = len(lines)
    if not (to_link and _LINK.search(" ".join(lines))):
        count = 1
        while count < len(lines):
            text = " ".join(lines[:count])
            if _LINK.search(text) or (text.endswith(".") and lines[count][:1].isupper()):
                break
            count += 1
    text = " ".join(dehyphenate("\n".join(lines[:count]), evidence, frozenset())[0].split())
    link = _LINK.search(text)
    return text[: link.end()] if link else text


def cited_record(reference: str) -> Metadata | None:
    """The record one reference states (see the module doc); None when it shows no title and year."""
    parsed = parse_reference(reference)
    if not parsed.title or parsed.year is None:
        return None
    meta = Metadata(
        title=parsed.title,
        year=parsed.year,
        doi=normalise_doi(reference),
        authors=_organisations(parsed.authors),
    )
    number = None if _VOLUME.search(reference) else _NUMBER.search(reference)
    in_title = _NUMBER.search(parsed.title)
    if in_title:
        meta.title = parsed.title[: in_title.start()].strip()
    if number and (in_title or parsed.venue):
        meta.kind, meta.issue = "report", number["number"].strip(".")
        meta.genre = parsed.venue or " ".join(number["label"].split())
        meta.publisher = _publisher(reference[number.end() :], alone=True)
        return stamp(meta, "page-furniture")
    meta.venue = parsed.venue
    after = reference.split(parsed.venue, 1)[1] if parsed.venue and parsed.venue in reference else ""
    numbers = parse_citation(f"{parsed.venue}{_LINK.split(after)[0]}".strip(" .")) if after else None
    if numbers is not None and numbers.venue == parsed.venue:
        numbers.give_numbers(meta)
    if meta.venue:
        meta.kind = "article-journal" if meta.volume else ""
    else:
        meta.publisher = _publisher(reference.split(parsed.title, 1)[-1])
    return stamp(meta, "page-furniture")


def _organisations(authors: list[str]) -> list[Person]:
    """The authors when every one is an organisation ("OECD", "World Bank."); [] when a person is one."""
    people = []
    for name in authors:
        name = name.strip(" .,")
        one_word = len(name.split()) == 1 and (_ACRONYM.fullmatch(name) or name[1:].islower())
        found = person(name)
        if not (found.literal or one_word) or "," in name:
            return []
        people.append(found if found.literal else Person(literal=name))
    return people


def _publisher(tail: str, alone: bool = False) -> str:
    """The publisher a reference names after its title or number, "" when it names none.

    "OECD Publishing, Paris", "Washington, DC: World Bank", and with `alone` a name standing
    alone, as APA writes a report's publisher after its number.
    """
    tail = _LINK.split(tail)[0]
    chicago = _PLACE_AND_PUBLISHER.search(tail)
    if chicago:
        return chicago["publisher"].strip()
    pieces = [piece.strip(" .") for piece in re.split(r",\s*|\.\s+", tail) if piece.strip(" .")]
    if len(pieces) >= 2 and _place(pieces[-1]):
        return pieces[-2]
    if alone and len(pieces) == 1 and len(pieces[0].split()) <= MAX_PUBLISHER_WORDS:
        return pieces[0] if not any(c.isdigit() for c in pieces[0]) else ""
    return ""


def _place(text: str) -> bool:
    """Whether `text` reads as a place of publication: up to three capitalised words, no digits."""
    words = text.split()
    return (
        1 <= len(words) <= 3
        and all(word[:1].isupper() for word in words)
        and not any(c.isdigit() for c in text)
    )
