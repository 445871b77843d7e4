"""The record an open archive's or a French platform's cover page states, read from its lines.

Each is the cover `corpus.cleaning.platform_cover` takes out of the text; source "page-furniture".

* EconStor (ZBW's repository of economics and business papers): its "Suggested Citation:" in its
  own form, read whole: a series' paper's series, number and publisher, an article's journal,
  volume, issue and pages, a chapter's book and editors, the DOI, the ISBN, the authors' full names.
* Cairn.info (French journals and books): the title and authors over the issue ("Dans Revue
  française de gestion 2010/2 (N° 201), pages 101 à 120") or the book, the DOI and the publisher
  it is distributed for.
* HAL (France's open archive): the title and authors over "To cite this version:" and HAL's
  citation of a journal's article, a meeting's paper or a thesis, and the item's HAL link.
* The Munich Personal RePEc Archive (MPRA): the title, the authors family name first, the date,
  the paper's number and its link.
* Persée (older French journals): the title and authors over "Citer ce document / Cite this
  document :" and its citation, the DOI and the article's link.
* OpenEdition Journals: its "Référence électronique" and the print edition's pages and publisher.
* Redalyc (journals of Latin America, Spain and Portugal): the authors family name first, the title,
  its citation ("Revista ..., vol. 50, núm. 2, abril-junio, 2015, pp. 123-145") and its link.
* A DSpace repository (many American universities'): the title over labelled lines, "Item Type",
  "Authors", "Citation" (read as a reference), "DOI", "Publisher", "Journal", "Link to Item".
* Érudit (Québec's journals): its "Cite this article" in APA, the authors' full names under the title.

A French journal's running number ("n° 201", OpenEdition's "145") is cited as its volume, as
Cairn's own APA does ("201(2)").
"""

from __future__ import annotations

import re

from corpus.cleaning.imprint_page import isbn_digits
from corpus.metadata.cite_statement import cited_record
from corpus.metadata.fields import (
    fold,
    kind_from_label,
    labelled_values,
    normalise_doi,
    normalise_pages,
    parse_date,
    parse_year,
    split_people,
    stamp,
)
from corpus.metadata.furniture import parse_citation
from corpus.metadata.labelled import is_author_line
from corpus_core.models import Metadata, Person


def archive_cover_record(lines: list[str]) -> Metadata | None:
    """The record the cover's `lines` state where they are one of the covers above, else None."""
    return (
        _econstor_record(lines)
        or _cairn_record(lines)
        or _hal_record(lines)
        or _mpra_record(lines)
        or _persee_record(lines)
        or _openedition_record(lines)
        or _redalyc_record(lines)
        or _dspace_record(lines)
        or _erudit_record(lines)
    )


_ECONSTOR = re.compile(r"documents in econstor may be saved|die dokumente auf econstor", re.IGNORECASE)
_ECONSTOR_CITATION = re.compile(
    r"Suggested Citation\s*:\s*(?P<authors>.{2,400}?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)\s*:\s*(?P<rest>.+)"
)
"""EconStor's own citation: "Müller, Maria; Weiß, Jörg (2015) : Title, Series, No. 03-2015, Publisher,
Place"."""
_ECONSTOR_END = re.compile(
    r"This Version is available at|Standard-Nutzungsbedingungen|Terms of use", re.IGNORECASE
)
_ECONSTOR_KINDS = re.compile(
    r"Working Paper|Article|Journal Article|Conference Paper|Book|Book Part|Research Report|Doctoral Thesis|"
    r"Preprint|Proceedings|Periodical Part|Report",
    re.IGNORECASE,
)
"""EconStor's document types, each on its own line under the authors, over the title."""
_ECONSTOR_FIELDS = re.compile(
    r",\s*(?:ISSN\s+[\dX-]{8,9}|ISBN\s+(?P<isbn>[\dX-]{10,17})|Vol\.\s*(?P<volume>[\w./-]+)|Iss\.\s*(?P<issue>[\w./-]+)|"
    r"pp\.\s*(?P<pages>\w+(?:\s*[-–]\s*\w+)?)|No\.\s*(?P<number>[\w./-]+)|Art\.\s*(?P<article>[\w./-]+)|"
    r"https?://\S+)",
    re.IGNORECASE,
)
"""The fields after a title in EconStor's citation, each after a comma."""
_ECONSTOR_IN = re.compile(r"In:\s*(?:(?P<editors>.{2,300}?)\s*\((?:Eds?\.?|Hrsg\.)\)\s*:\s*)?(?P<book>.+)")
"""A chapter's book in EconStor's citation: "In: Argote, Linda (Ed.): Organizational Learning"."""


def _econstor_record(lines: list[str]) -> Metadata | None:
    """The record EconStor's cover states (ZBW's repository of economics and business papers).

    Its cover names the authors, the document type ("Working Paper", "Article") on a line of its
    own, the title, the series or journal, then "Suggested Citation:" in EconStor's own form:
    `Family, Given; Family, Given (Year) : Title, Series, No. 12, Publisher, Place` for a paper
    of a series, `... : Title, Journal, ISSN ..., Publisher, Place, Vol. 30, Iss. 2, pp. 123-145,
    https://doi.org/...` for an article. Its title is told from what follows it by the cover's own
    title lines; a series is the report's genre (APA's "(Discussion Paper No. 12)"), its number the
    report's, the first name after it the publisher.
    """
    flowing = " ".join(lines)
    if not _ECONSTOR.search(flowing):
        return None
    start = next((i for i, line in enumerate(lines) if line.startswith("Suggested Citation")), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _ECONSTOR_END.match(lines[i])), len(lines))
    found = _ECONSTOR_CITATION.match(" ".join(lines[start:end]))
    if found is None:
        return None
    rest = found["rest"].strip(" .")
    kind_at = next((i for i in range(start) if _ECONSTOR_KINDS.fullmatch(lines[i])), None)
    title = _econstor_title(rest, lines[kind_at + 1 : start] if kind_at is not None else [])
    stated = lines[kind_at] if kind_at is not None else ""
    meta = Metadata(
        title=title,
        authors=split_people(found["authors"]),
        year=parse_year(found["year"]),
        kind="chapter" if stated.lower() == "book part" else kind_from_label(stated),
    )
    tail = rest[len(title) :]
    fields = list(_ECONSTOR_FIELDS.finditer(tail))
    named = (tail[: fields[0].start()] if fields else tail).strip(" ,")
    after = _ECONSTOR_FIELDS.sub(",", tail[fields[0].start() :]) if fields else ""
    names = [part.strip() for part in after.split(",") if part.strip()]
    publisher = names[0] if len(names) > 1 else ""  # the publisher, then its place
    for field in fields:
        meta.volume = meta.volume or field["volume"] or ""
        meta.issue = meta.issue or field["issue"] or field["number"] or ""
        meta.pages = meta.pages or normalise_pages(field["pages"] or "")
        meta.article_number = meta.article_number or field["article"] or ""
        meta.isbn = meta.isbn or isbn_digits(field["isbn"] or "")
    meta.doi = normalise_doi(tail)
    book = _ECONSTOR_IN.fullmatch(named)
    if book or meta.kind == "chapter":
        meta.kind, meta.publisher = "chapter", publisher
        meta.venue = book["book"].strip() if book else named
        meta.editors = split_people(book["editors"] or "") if book else []
    elif meta.volume or re.search(r",\s*ISSN", tail):
        meta.kind = meta.kind if meta.kind not in ("", "report") else "article-journal"
        meta.venue, meta.publisher = named, publisher
    elif meta.kind == "paper-conference":
        meta.venue, meta.issue = named, ""
    elif meta.kind == "book":
        imprint = [part.strip() for part in named.split(",")]
        meta.publisher = publisher or (imprint[0] if len(imprint) > 1 else "")
    else:
        meta.kind, meta.genre, meta.publisher = "report", named, publisher
    return stamp(meta, "page-furniture")


def _econstor_title(rest: str, cover: list[str]) -> str:
    """The title that opens EconStor's citation `rest`, else what stands before its first comma.

    It is the longest run of the cover's lines under the document type that `rest` opens with before
    a comma: a title may hold a comma.
    """
    title = ""
    for end in range(1, len(cover) + 1):
        candidate = " ".join(cover[:end]).strip()
        if rest == candidate or rest.startswith(f"{candidate},"):
            title = candidate
    return title or rest.split(",")[0].strip()


_CAIRN = re.compile(r"Distribution électronique Cairn\.info pour (?P<publisher>.{2,120}?)\.?$", re.IGNORECASE)
_CAIRN_ISSUE = re.compile(
    r"^(?:Dans\s+(?P<venue>.{2,200}?)\s+)?(?P<year>(?:19|20)\d\d)/(?P<issue>[\w-]{1,6})\s*"
    r"(?:\(?\s*(?:n°|N°|no\.?|Vol\.)\s*(?P<number>[\w-]{1,8})\s*\)?)?"
    r"(?:\s*[|,]?\s*pages?\s+(?P<first>\d+)\s+à\s+(?P<last>\d+))?",
    re.IGNORECASE,
)
"""Cairn's issue line: "2010/2 n° 201 | pages 101 à 120", "Dans Revue française de gestion 2010/2 (N°
201), pages 101 à 120": the year, its issue, the journal's running number and the pages."""
_CAIRN_BOOK = re.compile(
    r"^Dans\s+(?P<venue>.{2,200}?)\s+\((?P<year>(?:19|20)\d\d)\)\s*,?\s*pages?\s+(?P<first>\d+)\s+à\s+(?P<last>\d+)",
    re.IGNORECASE,
)
"""A chapter's book on Cairn: "Dans Management des connaissances (2015), pages 45 à 67"."""
_CAIRN_JOURNAL = re.compile(r"^(?P<publisher>[^|«]{2,120}?)\s*\|\s*«\s*(?P<venue>[^»]{2,200}?)\s*»")
"""The older cover's "Lavoisier | « Revue française de gestion »": the publisher and the journal."""


def _cairn_record(lines: list[str]) -> Metadata | None:
    """The record Cairn.info's cover states (the platform of French-language journals and books).

    The title and the authors open it, over the journal's issue: "Dans Revue française de gestion
    2010/2 (N° 201), pages 101 à 120" (older covers: "Lavoisier | « Revue française de gestion »"
    over "2010/2 n° 201 | pages 101 à 120"), or a chapter's book ("Dans Management des
    connaissances (2015), pages 45 à 67"); then the DOI, and "Distribution électronique Cairn.info
    pour <publisher>". A journal's running number ("n° 201") is cited as its volume and the year's
    issue after the slash as its issue, as Cairn's own APA does ("201(2)").
    """
    distributed = next((found for line in lines if (found := _CAIRN.search(line))), None)
    if distributed is None:
        return None
    anchor = next(
        (i for i, line in enumerate(lines) if _CAIRN_ISSUE.match(line) or _CAIRN_BOOK.match(line)), None
    )
    journal_line = next((i for i, line in enumerate(lines) if _CAIRN_JOURNAL.match(line)), None)
    title, authors = _title_over_authors(
        lines[: min(i for i in (anchor, journal_line, len(lines)) if i is not None)]
    )
    meta = Metadata(
        title=title,
        authors=authors,
        publisher=re.sub(r"^Éditions\s+", "", distributed["publisher"]).strip(),
        doi=normalise_doi(" ".join(line for line in lines if line.upper().startswith("DOI"))),
    )
    journal = _CAIRN_JOURNAL.match(lines[journal_line]) if journal_line is not None else None
    issue = _CAIRN_ISSUE.match(lines[anchor]) if anchor is not None else None
    book = _CAIRN_BOOK.match(lines[anchor]) if anchor is not None else None
    if book:
        meta.kind, meta.venue, meta.year = "chapter", book["venue"], parse_year(book["year"])
        meta.pages = normalise_pages(f"{book['first']}-{book['last']}")
    elif issue:
        meta.kind, meta.year = "article-journal", parse_year(issue["year"])
        meta.venue = issue["venue"] or (journal["venue"] if journal else "")
        meta.volume, meta.issue = issue["number"] or "", issue["issue"]
        if issue["first"]:
            meta.pages = normalise_pages(f"{issue['first']}-{issue['last']}")
    if journal and not meta.publisher:
        meta.publisher = journal["publisher"]
    return stamp(meta, "page-furniture") if meta.title and meta.year else None


def _title_over_authors(head: list[str]) -> tuple[str, list[Person]]:
    """A cover's title and the authors on the lines under it (the last lines that name people)."""
    names = len(head)
    while names > 1 and is_author_line(head[names - 1]):
        names -= 1
    return " ".join(head[:names]), [person for line in head[names:] for person in split_people(line)]


_HAL_CITE = re.compile(r"^(?:To cite this version|Pour citer cette version)\s*:", re.IGNORECASE)
_HAL_END = re.compile(
    r"^(?:HAL Id|Submitted on|HAL is a multi-disciplinary|L'archive ouverte pluridisciplinaire|"
    r"Distributed under|https?://)",
    re.IGNORECASE,
)
_HAL_ID = re.compile(r"HAL Id\s*:\s*(?P<id>[a-z]+-\d{5,9})", re.IGNORECASE)
_HAL_MARK = re.compile(r"\.?\s*[⟨<〈](?P<value>[^⟩>〉]{1,120})[⟩>〉]")
"""What HAL's citation sets in angle brackets: the DOI, the HAL id, a thesis's national number."""
_MONTH_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
"""HAL's months, before a meeting's year ("Jul 2019")."""
_HAL_JOURNAL = re.compile(
    r"^(?P<venue>.{2,200}?),\s*(?P<year>(?:19|20)\d\d)(?:,\s*(?P<volume>[\w.-]{1,12})(?:\s*\((?P<issue>[^)]{1,12})\))?)?"
    r"(?:,\s*pp?\.\s*(?P<pages>\w+(?:\s*[-–]\s*\w+)?))?(?:,\s*(?P<number>[\w.-]+))?$"
)
"""A journal article in HAL's citation: "Revue française de gestion, 2010, 36 (201), pp.101-120"."""
_HAL_MEETING = re.compile(
    rf"^(?P<venue>.{{2,200}}?),\s*(?:{_MONTH_ABBREVIATIONS})\s+(?P<year>(?:19|20)\d\d)\s*,\s*(?P<place>.{{2,120}})$"
)
"""A paper at a meeting: "35th EGOS Colloquium, Jul 2019, Edinburgh, United Kingdom"."""
_HAL_THESIS = re.compile(r"^(?P<field>.{2,120}?)\.\s*(?P<school>[^.]{3,200}?),\s*(?P<year>(?:19|20)\d\d)\.")
"""A thesis: "Business administration. Université Paris-Dauphine, 2015. English."."""
_HAL_CHAPTER = re.compile(
    r"^(?:(?P<editors>[^.]{2,200}?)\.\s+)?(?P<book>[^,]{2,200}?),\s*(?P<publisher>[^,]{2,80}?),\s*"
    r"pp?\.\s*(?P<pages>\w+(?:\s*[-–]\s*\w+)?),\s*(?P<year>(?:19|20)\d\d)(?:,\s*(?P<isbn>[\dX-]{10,17}))?"
)
"""A chapter: "Marie Martin. Management des connaissances, EMS, pp.45-67, 2015, 978-2-37687-001-2" (the
book's editors, the book, its publisher, the pages, the year, the ISBN)."""


def _hal_record(lines: list[str]) -> Metadata | None:
    """The record HAL's cover states (the French national open archive).

    The title and the authors' full names stand over "To cite this version:" and HAL's citation:
    "Jean Dupont, Marie Martin. Title. Revue française de gestion, 2010, 36 (201), pp.101-120.
    ⟨10.3166/rfg.201.101-120⟩. ⟨hal-02345678⟩" (a meeting's paper "35th EGOS Colloquium, Jul 2019,
    Edinburgh, United Kingdom."; a thesis "Business administration. Université Paris-Dauphine, 2015.
    English. ⟨NNT : 2015PA090012⟩. ⟨tel-01234567⟩"; a chapter "Marie Martin. Management des
    connaissances, EMS, pp.45-67, 2015, 978-2-37687-001-2."; a paper of no venue "2019."), then its id
    ("HAL Id: hal-02345678"), the date it was submitted and HAL's note in English and French. The
    item's page on HAL is its link, as the cover prints it ("https://shs.hal.science/halshs-...").
    """
    cite = next((i for i, line in enumerate(lines) if _HAL_CITE.match(line)), None)
    hal_id = next((found for line in lines if (found := _HAL_ID.search(line))), None)
    if cite is None or hal_id is None:
        return None
    end = next((i for i in range(cite + 1, len(lines)) if _HAL_END.match(lines[i])), len(lines))
    title, authors = _title_over_authors(lines[:cite])
    citation = " ".join([_HAL_CITE.sub("", lines[cite]), *lines[cite + 1 : end]]).strip()
    at = citation.find(f"{title}.") if title else -1
    if not title or at < 0:
        return None
    marks = [found["value"].strip() for found in _HAL_MARK.finditer(citation)]
    rest = _HAL_MARK.sub("", citation[at + len(title) + 1 :]).strip(" .")
    meta = Metadata(
        title=title,
        authors=authors,
        url=next(
            (line for line in lines if re.fullmatch(rf"https?://\S*hal\S*/{hal_id['id']}(?:v\d+)?/?", line)),
            f"https://hal.science/{hal_id['id']}",
        ),
        doi=next((doi for mark in marks if (doi := normalise_doi(mark))), ""),
    )
    journal, meeting, thesis, chapter = (
        _HAL_JOURNAL.match(rest),
        _HAL_MEETING.match(rest),
        _HAL_THESIS.match(f"{rest}."),
        _HAL_CHAPTER.fullmatch(rest),
    )
    if hal_id["id"].startswith("tel-") and thesis:
        meta.kind, meta.genre = "thesis", "Doctoral dissertation"
        meta.venue, meta.year = thesis["school"].strip(), parse_year(thesis["year"])
    elif meeting:
        meta.kind, meta.venue, meta.year = "paper-conference", meeting["venue"], parse_year(meeting["year"])
    elif chapter:
        meta.kind, meta.venue, meta.year = "chapter", chapter["book"].strip(), parse_year(chapter["year"])
        meta.editors = split_people(chapter["editors"] or "")
        meta.publisher, meta.pages = chapter["publisher"].strip(), normalise_pages(chapter["pages"])
        meta.isbn = isbn_digits(chapter["isbn"] or "")
    elif journal:
        meta.kind, meta.venue, meta.year = "article-journal", journal["venue"], parse_year(journal["year"])
        meta.volume, meta.issue = journal["volume"] or "", journal["issue"] or ""
        meta.pages = normalise_pages(journal["pages"] or "")
    else:
        meta.year = parse_year(rest) if re.fullmatch(r"(?:19|20)\d\d", rest) else None
    return stamp(meta, "page-furniture")


_CAPITALISED = r"[^\W\d_a-z][\w.'’-]*"
_FAMILY_FIRST = re.compile(
    rf"(?:[a-z]+\s+)*{_CAPITALISED}(?:\s+{_CAPITALISED})*,\s+{_CAPITALISED}(?:\s+{_CAPITALISED})*"
)
_FAMILIES_FIRST = re.compile(rf"{_FAMILY_FIRST.pattern}(?:(?:,|;|\s+and)\s+{_FAMILY_FIRST.pattern})*")
"""Authors family name first, as RePEc writes them: "Müller, Maria and Weiß, Jörg"."""
MAX_BYLINE = 300
"""Characters a line of authors holds at most (bounds the match)."""
_MPRA_ONLINE = re.compile(r"^Online at\s+(?P<url>https?://mpra\.ub\.uni-muenchen\.de/\S+)", re.IGNORECASE)
_MPRA_NUMBER = re.compile(
    r"MPRA Paper No\.\s*(?P<number>\d+),\s*posted\s+(?P<posted>.+?\d{4})", re.IGNORECASE
)


def _mpra_record(lines: list[str]) -> Metadata | None:
    """The record the Munich Personal RePEc Archive's cover states.

    "Munich Personal RePEc Archive" over the title, the authors family name first ("Müller, Maria
    and Weiß, Jörg"), their institution, the paper's date, "Online at https://mpra.ub.uni-muenchen.de/
    63123/" and "MPRA Paper No. 63123, posted 20 March 2015 14:25 UTC": a report of the series, dated
    by its own date (else the day it was posted), its page on MPRA its link.
    """
    online = next((i for i, line in enumerate(lines) if _MPRA_ONLINE.match(line)), None)
    link = _MPRA_ONLINE.match(lines[online]) if online is not None else None
    number = next((found for line in lines if (found := _MPRA_NUMBER.search(line))), None)
    start = next((i for i, line in enumerate(lines) if line.lower() == "munich personal repec archive"), None)
    if link is None or number is None or start is None or online is None or online <= start:
        return None
    block = lines[start + 1 : online]
    byline = next(
        (
            i
            for i in range(1, len(block))
            if len(block[i]) <= MAX_BYLINE and _FAMILIES_FIRST.fullmatch(block[i])
        ),
        None,
    )
    if byline is None:
        return None
    dated = parse_year(block[-1]) if block[-1] != block[byline] else None
    meta = Metadata(
        title=" ".join(block[:byline]),
        authors=split_people(block[byline]),
        year=dated or parse_year(number["posted"]),
        kind="report",
        genre="MPRA Paper",
        issue=number["number"],
        url=link["url"],
    )
    return stamp(meta, "page-furniture")


_PERSEE_CITE = re.compile(r"^Citer ce document\s*/\s*Cite this document\s*:", re.IGNORECASE)
_PERSEE_SOURCE = re.compile(
    r"\bIn\s*:\s*(?P<venue>[^,]{2,200}?),\s*(?P<details>.{2,200}?)\.\s*pp?\.\s*(?P<pages>\w+(?:\s*[-–]\s*\w+)?)"
)
"""Persée's source: "In: Revue économique, volume 40, n°2, 1989. pp. 285-312", "In: Revue française de
sociologie, 1970, 11-1. pp. 3-20"."""


def _persee_record(lines: list[str]) -> Metadata | None:
    """The record Persée's cover states (the French archive of older journals' issues).

    The title and the authors over "Citer ce document / Cite this document :" and Persée's citation,
    "Dupont Jean. Title. In: Revue économique, volume 40, n°2, 1989. pp. 285-312;", then the DOI
    and the article's page on Persée.
    """
    cite = next((i for i, line in enumerate(lines) if _PERSEE_CITE.match(line)), None)
    if cite is None:
        return None
    head = [
        line for line in lines[:cite] if not re.fullmatch(r"Persée|https?://(?:www\.)?persee\.fr/?", line)
    ]
    title, authors = _title_over_authors(head)
    citation = " ".join(lines[cite + 1 :])
    source = _PERSEE_SOURCE.search(citation)
    if not title or source is None:
        return None
    details = source["details"]
    volume = re.search(r"\bvolume\s+(\w+)", details, re.IGNORECASE)
    issue = re.search(r"\bn°\s*(\w+)", details)
    joined = re.search(r"(?:19|20|18)\d\d,\s*(\w+)-(\w+)$", details)  # "1970, 11-1": volume and issue
    link = re.search(r"https?://(?:www\.)?persee\.fr/doc/\S+", citation)
    meta = Metadata(
        title=title,
        authors=authors,
        venue=source["venue"].strip(),
        year=parse_year(details),
        volume=volume[1] if volume else (joined[1] if joined else ""),
        issue=issue[1] if issue else (joined[2] if joined else ""),
        pages=normalise_pages(source["pages"]),
        doi=normalise_doi(citation),
        url=link[0] if link else "",
        kind="article-journal",
    )
    return stamp(meta, "page-furniture")


_OPENEDITION_REFERENCE = re.compile(
    r"Référence électronique\s*(?P<authors>[^«]{2,400}?),\s*«\s*(?P<title>[^»]{2,400}?)\s*»\s*,\s*"
    r"(?P<venue>[^\[,]{2,200}?)\s*\[En ligne\]\s*,\s*(?P<issue>[\w-]{1,12})\s*\|\s*(?P<date>[^,]{2,60}?)\s*,"
)
"""OpenEdition's own reference: 'Jean Dupont et Marie Martin, « Title », Revue d'économie industrielle
[En ligne], 145 | 1er trimestre 2014, mis en ligne le ...'."""
_OPENEDITION_LABEL = re.compile(
    r"(?P<label>Éditeur|Date de publication|Pagination|URL|DOI)\s*:?\s*(?P<value>.*)"
)


def _openedition_record(lines: list[str]) -> Metadata | None:
    """The record OpenEdition Journals' cover states (journals of the humanities and social sciences).

    Its "Référence électronique" cites the article ('Jean Dupont et Marie Martin, « Title », Revue
    d'économie industrielle [En ligne], 145 | 1er trimestre 2014, ...': authors, title, journal, its
    issue and date); its labelled lines give the publisher ("Éditeur" over its name), the print
    edition's date and pages ("Pagination : 9-36") and the DOI. The journal's running number ("145")
    is cited as its volume, as Cairn's is.
    """
    found = _OPENEDITION_REFERENCE.search(" ".join(lines))
    if found is None:
        return None
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        labelled = _OPENEDITION_LABEL.fullmatch(line)
        if labelled and labelled["label"] not in fields:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            fields[labelled["label"]] = labelled["value"].strip() or following
    meta = Metadata(
        title=found["title"].strip(),
        authors=split_people(found["authors"]),
        venue=found["venue"].strip(),
        volume=found["issue"],
        year=parse_year(fields.get("Date de publication", "")) or parse_year(found["date"]),
        date=parse_date(fields.get("Date de publication", "")),
        pages=normalise_pages(fields.get("Pagination", "")),
        publisher=fields.get("Éditeur", ""),
        doi=normalise_doi(fields.get("DOI", "")),
        kind="article-journal",
    )
    return stamp(meta, "page-furniture")


_REDALYC_LINK = re.compile(r"Disponible en:\s*(?P<url>https?://\S+)", re.IGNORECASE)


def _journal_line(line: str) -> bool:
    """Whether a line cites a journal's issue with its year and volume (`furniture.parse_citation`)."""
    citation = parse_citation(line)
    return citation is not None and bool(citation.year and citation.volume)


def _redalyc_record(lines: list[str]) -> Metadata | None:
    """The record Redalyc's cover states (journals of Latin America, the Caribbean, Spain and Portugal).

    Under the journal's masthead stand the authors family name first ("García, María; López, José"),
    the title and the citation ("Revista ..., vol. 50, núm. 2, abril-junio, 2015, pp. 123-145", read as
    a journal's citation line is: `furniture.parse_citation`), then
    the publishing university, "Disponible en: http://www.redalyc.org/articulo.oa?id=..." (the link)
    and Redalyc's notes.
    """
    if not any(line.lower().endswith("redalyc.org") for line in lines):
        return None
    link = next((found for line in lines if (found := _REDALYC_LINK.search(line))), None)
    cited = next((i for i, line in enumerate(lines) if _journal_line(line)), None)
    if cited is None:
        return None
    byline = next(
        (
            i
            for i in range(cited - 1, 0, -1)
            if len(lines[i]) <= MAX_BYLINE and _FAMILIES_FIRST.fullmatch(lines[i])
        ),
        None,
    )
    citation = parse_citation(lines[cited])
    if byline is None or citation is None or byline + 1 >= cited:
        return None
    meta = Metadata(
        title=" ".join(lines[byline + 1 : cited]),
        authors=split_people(lines[byline]),
        venue=citation.venue,
        year=citation.year,
        doi=normalise_doi(" ".join(lines[cited:])),
        url=link["url"] if link else "",
        kind="article-journal",
    )
    citation.give_numbers(meta)
    return stamp(meta, "page-furniture")


_DSPACE_LABEL = re.compile(
    r"(?P<label>Item Type|Authors?|Citation|DOI|Publisher|Journal(?!\s+(?:of|for|on)\b)|Rights|Download date|"
    r"Item License|Version|Link to Item|Keywords|Abstract)\s*:?\s+(?P<value>.*)"
)
"""A labelled line of a DSpace repository's cover ("Item Type Article", "Link to Item http://..."); a
wrapped citation's line "Journal of ..." goes on with the citation."""


def _dspace_record(lines: list[str]) -> Metadata | None:
    """The record a DSpace repository's cover states (many American universities' repositories).

    The title over labelled lines: "Item Type" (the kind), "Authors" family name first ("Smith,
    Jane; Jones, Robert"), "Citation" (the published version's reference: its journal, volume,
    issue, pages), "DOI", "Publisher", "Journal", "Download date" and "Link to Item" (the item's
    handle, its link).
    """
    start = next((i for i, line in enumerate(lines) if line.startswith("Item Type")), None)
    if start is None or not any(line.startswith("Link to Item") for line in lines):
        return None
    fields = labelled_values(lines[start:], _DSPACE_LABEL)
    cited = cited_record(fields.get("citation", "")) if fields.get("citation") else None
    meta = cited or Metadata()
    meta.title = " ".join(lines[:start]) or meta.title
    meta.authors = split_people(fields.get("authors", fields.get("author", ""))) or meta.authors
    meta.kind = kind_from_label(fields.get("item type", "")) or meta.kind
    meta.venue = fields.get("journal", "") or meta.venue
    meta.publisher = fields.get("publisher", "") or meta.publisher
    meta.doi = normalise_doi(fields.get("doi", "")) or meta.doi
    meta.url = fields.get("link to item", "").split()[0] if fields.get("link to item") else ""
    return stamp(meta, "page-furniture") if meta.title else None


_ERUDIT = re.compile(r"disseminated and preserved by Érudit|diffusé et préservé par Érudit", re.IGNORECASE)
_ERUDIT_CITE = re.compile(r"^(?:Cite this article|Citer cet article)\s*:?\s*(?P<start>.*)", re.IGNORECASE)
_ERUDIT_END = re.compile(
    r"^(?:Tous droits réservés|All rights reserved|Ce document est protégé|This document is)"
)


def _erudit_record(lines: list[str]) -> Metadata | None:
    """The record Érudit's cover states (Québec's platform of French and Canadian journals).

    Its "Cite this article" ("Citer cet article") gives the published reference in APA: title,
    year, journal, volume, issue, pages and DOI, read as a cite statement's reference is; the
    authors' full names stand on the line under the title ("Jean Dupont et Marie Martin").
    """
    if not _ERUDIT.search(" ".join(lines)):
        return None
    cite = next((i for i, line in enumerate(lines) if _ERUDIT_CITE.match(line)), None)
    if cite is None:
        return None
    end = next((i for i in range(cite + 1, len(lines)) if _ERUDIT_END.match(lines[i])), len(lines))
    opening = _ERUDIT_CITE.match(lines[cite])
    reference = " ".join([opening["start"] if opening else "", *lines[cite + 1 : end]]).strip()
    meta = cited_record(reference)
    if meta is None:
        return None
    titled = next((i for i, line in enumerate(lines[:cite]) if fold(line) == fold(meta.title)), None)
    if titled is not None and titled + 1 < cite and is_author_line(lines[titled + 1]):
        meta.authors = split_people(lines[titled + 1])
    return stamp(meta, "page-furniture")
