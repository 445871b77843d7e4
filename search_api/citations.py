"""Citations of corpus works: APA 7, Harvard, Chicago author-date, BibTeX, RIS and CSL-JSON.

Every format is derived from one CSL-JSON record (`search_api.csl.to_csl`), so a field that
is unknown stays absent everywhere: no invented authors, no "n.d." next to a known year.

    cite = Citation("003", metadata)
    cite.format("apa")          # reference-list entry, plain text
    cite.in_text("apa", "21")   # "(Chung, 2009, p. 21)"
    format_bibliography([cite, ...], "bibtex")
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, cast

import rispy
from rispy.writer import RisWriter

from corpus.metadata.fields import BIBTEX_KEY_UNSAFE, CONTAINED_KINDS, DOCTORAL, IN_EDITED_BOOK, MASTERS, fold
from corpus.metadata.name_query import initials
from corpus_core.choices import IN_TEXT_STYLES, STYLES, Style
from corpus_core.errors import CitationError
from corpus_core.models import Metadata, Person
from search_api.csl import (
    CSL_STYLES,
    MINOR_WORDS,
    SENTENCE_CASE_STYLES,
    cited_people,
    is_review,
    render_in_text,
    render_references,
    render_short_note,
    review_title,
    sort_text,
    to_csl,
    year_of,
)

_BIBTEX_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "report": "techreport",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "review": "article",
    "review-book": "article",
}
_RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "report": "RPRT",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "review": "JOUR",
    "review-book": "JOUR",
    "thesis": "THES",
    "webpage": "ELEC",
    "post": "ELEC",
    "post-weblog": "BLOG",
    "dataset": "DATA",
    "software": "COMP",
    "speech": "SLIDE",  # as Zotero writes a presentation
}
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


class _RisWriter(RisWriter):
    """rispy's writer without its "1." record counter, which is not part of RIS."""

    def set_header(self, count: int) -> str:
        """No header line before a record."""
        return ""


def missing_for_reference(metadata: Metadata) -> list[str]:
    """The fields a reference list needs that the record lacks: title, authors, year, a container.

    A chapter lacks its book's editors too when it has none; an unsigned chapter or entry is
    cited by them ("Child, J. (Ed.). (2001). Learning organization. In ..."), so its record
    lacks no authors. A reference without them falls
    back on "[Untitled]", the title in the author's place or "n.d."; `corpus docs --incomplete`
    lists the works to correct with `corpus edit` first.
    A person known by a family name only (read from a file's name: "Vargo & Lusch 2004.pdf")
    lacks the given names whose initials author-date styles print: APA wrote "Vargo, &
    Lusch. (2004)." An organisation (a literal name) needs none.
    """
    cited_by = metadata.authors or (metadata.editors if metadata.kind in IN_EDITED_BOOK else [])
    missing = [name for name in ("title", "year") if not getattr(metadata, name)]
    if not cited_by:
        missing.insert(1, "authors")
    if any(p.family.strip() and not p.given.strip() and not p.literal for p in cited_by):
        missing.append("given names")
    if metadata.kind in CONTAINED_KINDS and not metadata.venue.strip():
        missing.append("venue")
    if metadata.kind == "chapter" and not metadata.editors:
        missing.append("editors")  # "In M. Dierkes (Ed.), Handbook ..." in every style
    return missing


def check_style(style: str) -> Style:
    """Normalise a style name ("APA " -> "apa"); raise `CitationError` listing the valid ones if unknown."""
    name = style.strip().lower() if isinstance(style, str) else ""
    if name in STYLES:
        return cast(Style, name)
    raise CitationError(f"unknown citation style {style!r}; valid styles: {', '.join(STYLES)}")


@dataclass(frozen=True)
class Citation:
    """One work of the corpus as something to cite: its id and bibliographic metadata."""

    doc_id: str
    metadata: Metadata
    year_suffix: str = ""
    """The letter after the year within a list ("a" of "2009a"); see `with_year_suffixes`."""

    def csl(self, style: str = "") -> dict[str, Any]:
        """CSL-JSON item (id = doc_id) to render in `style`; unknown fields are absent.

        APA (7th ed., 6.17) and Cite Them Right write titles in sentence case: their items have the
        record's sentence-case title; every other style, and CSL-JSON itself, the title as kept.
        """
        item = to_csl(self.doc_id, self.metadata, sentence_case=style in SENTENCE_CASE_STYLES)
        if self.year_suffix:
            item["year-suffix"] = self.year_suffix
        return item

    def format(self, style: str) -> str:
        """Format the reference in `style` as plain text (a record for bibtex/ris, an object for csl-json).

        A reference-list entry cites the whole work: a pinpoint page belongs to `in_text`.
        """
        return self._render(check_style(style), html_output=False)

    def format_html(self, style: str) -> str:
        """Like `format`, as HTML: titles keep their `<i>`, everything else is escaped."""
        return self._render(check_style(style), html_output=True)

    def in_text(
        self, style: str = "apa", page: str | None = None, html_output: bool = False, locator: str = "page"
    ) -> str:
        """Parenthetical citation: "(Chung, 2009, p. 21)", "(Chung 2009, 21)" in Chicago.

        A work without authors is cited by its (shortened) title, one without a year with
        the style's "n.d."; `page` may be a range ("3-4" -> "pp. 3–4"). With `locator`
        "paragraph" it is a paragraph of a source without pages ("(Keller, 2021, para. 4)").
        """
        name = check_style(style)
        if name not in IN_TEXT_STYLES:
            raise CitationError(
                f"style {style!r} has no in-text form; in-text styles: {', '.join(IN_TEXT_STYLES)}"
            )
        return render_in_text(self.csl(name), name, page, html=html_output, locator=locator)

    def short_note(self, page: str | None = None) -> str:
        """Chicago's shortened note, for the notes after a work's first: "Chung, “Co-creation ...,” 22."."""
        return render_short_note(self.csl(), "chicago-notes", page)

    @property
    def bibtex_key(self) -> str:
        """The record's own key (a Better BibTeX key from Zotero), else a deterministic ASCII key.

        The made-up key is the first author's family name, year and first significant title
        word ("chung2009cocreation"); a work without authors uses two title words instead
        ("learning2019organization"); with neither, the document id.
        """
        own = BIBTEX_KEY_UNSAFE.sub("", self.metadata.citation_key)
        if own:
            return own
        title_words = [w for w in (_ascii_word(w) for w in self.metadata.title.split()) if w]
        significant = [w for w in title_words if w not in MINOR_WORDS] or title_words
        year = str(year_of(self.metadata.year) or "")
        author = _ascii_word(_sort_name(self.metadata.authors[0])) if self.metadata.authors else ""
        if author:
            key = author + year + (significant[0] if significant else "")
        elif significant:
            key = significant[0] + year + (significant[1] if len(significant) > 1 else "")
        else:
            key = ""
        if not key or key == year:
            key = "doc" + (_ascii_word(self.doc_id)[:16] or "0") + year
        return key

    def bibtex(self, key: str | None = None) -> str:
        """BibTeX entry (@article, @techreport, @misc, ...) with `key` or `bibtex_key`."""
        item = self.csl()
        issued = _issued(item)
        authors, editors = cited_people(self.metadata, item["type"])
        translators, original = self.metadata.translators, _original_year(item)
        entry_type = _BIBTEX_TYPES.get(item["type"], "misc")
        venue = item.get("container-title") or item.get("event", "")  # a talk's venue is its event
        if entry_type == "article" and not venue:
            entry_type = "misc"
        genre = item.get("genre", "")
        if item["type"] == "thesis" and genre:
            entry_type = "phdthesis" if genre == DOCTORAL else "mastersthesis"
        publisher_field = {"techreport": "institution", "phdthesis": "school", "mastersthesis": "school"}.get(
            entry_type, "publisher"
        )
        venue_field = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}
        report_number, article_number = _numbers(item)
        fields: list[tuple[str, str]] = [
            ("author", " and ".join(_bibtex_name(p) for p in authors if _bibtex_name(p))),
            ("editor", " and ".join(_bibtex_name(p) for p in editors if _bibtex_name(p))),
            ("translator", " and ".join(_bibtex_name(p) for p in translators if _bibtex_name(p))),
            ("title", _bibtex_title(_described_title(item))),
            (venue_field.get(entry_type, "howpublished"), _bibtex_escape(venue)),
            ("year", str(issued[0]) if issued else ""),
            ("month", _MONTHS[issued[1] - 1] if len(issued) > 1 else ""),
            ("origdate", original),  # biblatex's: "Piaget 1966/1969" with the `origdate` option
            ("volume", _bibtex_escape(item.get("volume", ""))),
            ("number", _bibtex_escape(item.get("issue") or report_number)),
            ("pages", _bibtex_escape(re.sub(r"\s*[-–—]+\s*", "--", item.get("page", "")))),
            ("eid", _bibtex_escape(article_number)),
            (publisher_field, _bibtex_escape(item.get("publisher", ""))),
            (
                "type",
                _bibtex_escape(genre)
                if entry_type in ("mastersthesis", "techreport") and genre != MASTERS
                else "",
            ),
            ("edition", _bibtex_escape(item.get("edition", ""))),
            ("isbn", _bibtex_escape(item.get("ISBN", ""))),
            ("doi", _bibtex_verbatim(item.get("DOI", ""))),
            ("url", _bibtex_verbatim(item.get("URL", ""))),
            ("keywords", _bibtex_escape(item.get("keyword", ""))),
            ("note", _bibtex_escape(item.get("note", ""))),  # a retraction, "Retraction published 2022"
        ]
        lines = [f"@{entry_type}{{{key or self.bibtex_key},"]
        lines += [  # a month is BibTeX's macro, which a style writes in its language
            f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},"
            for name, value in fields
            if value
        ]
        lines[-1] = lines[-1].rstrip(",")
        return "\n".join([*lines, "}"])

    def ris_record(self) -> dict[str, Any]:
        """Build the rispy record of the work (keys as `rispy.TAG_KEY_MAPPING` names them)."""
        item = self.csl()
        issued = _issued(item)
        authors, editors = cited_people(self.metadata, item["type"])
        record: dict[str, Any] = {"type_of_reference": _RIS_TYPES.get(item["type"], "GEN")}
        start, _, end = re.sub(r"\s*[-–—]+\s*", "-", item.get("page", "")).partition("-")
        report_number, article_number = _numbers(item)
        values: list[tuple[str, Any]] = [
            ("title", _described_title(item)),
            ("authors", [_ris_name(p) for p in authors if _ris_name(p)]),
            (  # Zotero's RIS: a book's editors are A3 (A2 its series'), a chapter's book's A2
                "tertiary_authors" if item["type"] == "book" else "secondary_authors",
                [_ris_name(p) for p in editors if _ris_name(p)],
            ),
            (  # A4, as Zotero writes a translator (a conference paper's A4 is its contributor)
                "subsidiary_authors",
                [_ris_name(p) for p in self.metadata.translators if _ris_name(p)]
                if item["type"] != "paper-conference"
                else [],
            ),
            ("year", str(issued[0]) if issued else ""),
            ("date", "/".join(f"{part:02d}" for part in issued) + "/" if len(issued) > 1 else ""),
            ("secondary_title", item.get("container-title") or item.get("event", "")),
            ("volume", item.get("volume", "")),
            ("number", item.get("issue") or report_number),
            ("start_page", start),
            ("end_page", end),
            ("custom7", article_number),  # C7, "Article Number" as Scopus and EndNote write it
            ("publisher", item.get("publisher", "")),
            ("type_of_work", item.get("genre", "")),
            ("edition", item.get("edition", "")),
            ("original_publication", _original_year(item)),  # OP, EndNote's "Original Publication"
            ("issn", item.get("ISBN", "")),
            ("doi", item.get("DOI", "")),
            ("urls", [item["URL"]] if "URL" in item else []),
            ("keywords", [k.strip() for k in self.metadata.keywords if k.strip()]),
            ("abstract", item.get("abstract", "")),
            ("language", item.get("language", "")),
            ("notes", [item["note"]] if "note" in item else []),  # N1: a retraction
        ]
        record.update((name, value) for name, value in values if value)
        return record

    def _render(self, style: str, html_output: bool) -> str:
        if style in CSL_STYLES:
            return render_references([self.csl(style)], style, html=html_output)[0]
        if style == "csl-json":
            text = json.dumps(self.csl(), ensure_ascii=False, indent=2)
        else:
            text = format_bibliography([self], style).rstrip("\n")
        return html.escape(text, quote=False) if html_output else text


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""BibTeX's month macros, whose names every style knows."""


def _issued(item: dict[str, Any]) -> list[int]:
    """The item's date parts ([2019, 5, 14], [2019]; [] when undated): a day only where a style prints one."""
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return [int(part) for part in parts]


def _original_year(item: dict[str, Any]) -> str:
    """The year a translated or republished work first appeared (CSL's `original-date`); '' if not known."""
    parts = item.get("original-date", {}).get("date-parts", [[]])[0]
    return str(parts[0]) if parts else ""


def _described_title(item: dict[str, Any]) -> str:
    """The title a format without reviews (BibTeX, RIS) gives: a review's says what it reviews."""
    title = str(item.get("title", ""))
    return review_title(item, title) if is_review(item) else title


def _numbers(item: dict[str, Any]) -> tuple[str, str]:
    """(report number, article number) of a CSL item, whose `number` is the one its type has."""
    number = str(item.get("number", ""))
    return (number, "") if item["type"] == "report" else ("", number)


def format_bibliography(citations: list[Citation], style: str, html_output: bool = False) -> str:
    """All `citations` in `style`: a reference list sorted as the style sorts it, one entry a line.

    bibtex: every entry (keys made unique with a, b, ... suffixes); ris: every record;
    csl-json: a JSON array. `html_output` keeps titles' italics (`<i>`) and escapes the rest.
    """
    name = check_style(style)
    if name in CSL_STYLES:
        items = [c.csl(name) for c in with_year_suffixes(citations)]
        return "\n".join(render_references(items, name, html=html_output))
    if name == "bibtex":
        keys = _unique_keys([c.bibtex_key for c in citations])
        text = "\n\n".join(c.bibtex(key) for c, key in zip(citations, keys, strict=True))
        text = text + "\n" if text else ""
    elif name == "ris":
        records = [c.ris_record() for c in citations]
        text = rispy.dumps(records, implementation=_RisWriter) if records else ""
    else:
        text = json.dumps([c.csl() for c in citations], ensure_ascii=False, indent=2)
    return html.escape(text, quote=False) if html_output else text


def with_year_suffixes(citations: list[Citation]) -> list[Citation]:
    """The list with a letter after the year of works by the same authors in the same year.

    Author-date styles tell such works apart by "2009a", "2009b" (or "n.d.-a"), given in the
    order of their titles (APA 7, 9.47), so a reference list and its in-text citations agree.
    Works without authors are told apart by their titles already. Only this list counts: the
    letters are the list's, as a writer's reference list has them.
    """
    letters = _year_suffixes(citations)
    return [replace(c, year_suffix=letters[i]) if i in letters else c for i, c in enumerate(citations)]


def _year_suffixes(citations: list[Citation]) -> dict[int, str]:
    """{index in `citations`: letter} for each group of two or more same authors, same year."""
    groups: dict[tuple[tuple[str, ...], int | None], list[int]] = {}
    for index, citation in enumerate(citations):
        metadata = citation.metadata
        if metadata.authors:
            names = tuple(_author_key(person) for person in metadata.authors)
            groups.setdefault((names, metadata.year), []).append(index)
    letters: dict[int, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda i: (sort_text(citations[i].metadata.title), i))
        for position, index in enumerate(ordered):
            letters[index] = _letters(position)
    return letters


def _author_key(person: Person) -> str:
    """A name as author-date styles compare them: family name and initials, folded."""
    if person.literal:
        return fold(person.literal)
    return f"{fold(person.family)}|{initials(person.given)}"


def _unique_keys(keys: list[str]) -> list[str]:
    """Suffix repeated keys with a, b, c, ... in order of appearance ("chung2009a", "chung2009b")."""
    counts = {key: keys.count(key) for key in keys}
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        if counts[key] == 1:
            out.append(key)
            continue
        index = seen.get(key, 0)
        seen[key] = index + 1
        out.append(key + _letters(index))
    return out


def _letters(index: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa"."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of `text` ("Ōtsuka" -> "otsuka", "Co-creation" -> "cocreation")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _sort_name(person: Person) -> str:
    """Return the word a person is filed under: family name, else the literal's first word."""
    if person.family:
        return person.family
    words = person.literal.split()
    return words[0] if words else person.given


def _bibtex_escape(value: str) -> str:
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in value)


_TITLE_WORD = re.compile(r"(?<!\\)\b\w+")


def _bibtex_title(value: str) -> str:
    """A title for BibTeX: escaped, and each word with a capital after its first character in braces.

    BibTeX styles and biblatex write titles in sentence case, lower-casing every letter not
    in braces: "Failure at NASA" became "Failure at nasa". Protected as Better BibTeX does,
    "Failure at {NASA}" keeps it (so do "{SMEs}", "{iPhone}", "{McDonald}", "{4P}"); other
    words are left to the style's case.
    """

    def protect(match: re.Match[str]) -> str:
        word = match.group()
        return "{" + word + "}" if any(c.isupper() for c in word[1:]) else word

    return _TITLE_WORD.sub(protect, _bibtex_escape(value))


def _bibtex_verbatim(value: str) -> str:
    """DOI and URL are verbatim fields: only braces, which would end the field, are dropped."""
    return value.replace("{", "").replace("}", "")


def _bibtex_name(person: Person) -> str:
    if person.literal:
        return "{" + _bibtex_escape(" ".join(person.literal.split())) + "}"
    family, given = _bibtex_escape(person.family.strip()), _bibtex_escape(person.given.strip())
    if family and given:
        return f"{family}, {given}"
    return family or given


def _ris_name(person: Person) -> str:
    if person.literal:
        return " ".join(person.literal.split())
    family, given = person.family.strip(), person.given.strip()
    return f"{family}, {given}" if family and given else family or given
