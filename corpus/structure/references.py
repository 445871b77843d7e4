"""Find a work's reference list and parse its entries into structured references.

The list starts at a "References" / "Bibliography" / "Works cited" heading that is followed by
reference-like lines, and runs to the end or to an appendix / notes heading. Entries may be one
per paragraph, wrapped over several lines, or run together in one paragraph (as after unwrapping);
a new entry starts at "Surname, I." (optionally numbered "[3]" / "3.") at a line start, or after a
period where "Surname, I. ... (2004)" follows. Entries are parsed in the APA / Harvard / Emerald
manner: authors, "(year)", a quoted or italic title, then the journal or book it appeared in.
The humanities' styles (MLA's "Works Cited", Chicago's bibliography) write the first author's
given names out ("Senge, Peter M.") and the year after the title, or after the authors in
Chicago's author-date form; they are found and parsed too (`_written_out_style`). So are the
publishers' own styles, each in its function: ACS and MDPI ("Vargo, S.L.; Lusch, R.F. Title. J.
Acad. Mark. Sci. 2008, 36, 1-10."), Springer ("Vargo SL, Lusch RF (2004) Title. J Mark
68(1):1-17") and its LNCS ("Vargo, S.L., Lusch, R.F.: Title. J. Mark. 68(1), 1-17 (2004)"),
Elsevier's numbered one ("S.L. Vargo, R.F. Lusch, Title, J. Mark. 68 (2004) 1-17.") and its
Harvard one ("Vargo, S.L., Lusch, R.F., 2004. Title. J. Mark. 68 (1), 1-17."), ACM's ("Stephen L.
Vargo and Robert F. Lusch. 2004. Title. J. Mark. 68, 1 (2004), 1-17."), and Brazil's ABNT
("VARGO, S. L.; LUSCH, R. F. Title. Journal of Marketing, v. 68, n. 1, p. 1-17, 2004.", under
"Referências").
An entry that appeared "In" a book or proceedings has the book for its venue, and
`reference_kind` tells it apart ("chapter", "paper-conference"), so a reference exported to be
acquired is a chapter, not an article.
"""

from __future__ import annotations

import itertools
import re

from corpus.metadata.capitals import PUBLISHING_HOUSES
from corpus.metadata.fields import OTHER_AND, PUBLISHING_PLACES
from corpus.structure.textlines import Line, lines_of
from corpus_core.models import Reference

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŐŒŘŚŞŠŢŤŰŹŻŽ"
_PARTICLE_WORD = r"(?:[Vv]an|[Vv]on|[Dd]e|[Dd]el|[Dd]er|[Dd]en|[Dd]u|[Dd]a|[Dd]i|[Ll]a|[Ll]e|St\.?)"
_PARTICLE = rf"(?:{_PARTICLE_WORD}\s)"
_SUFFIX = r"(?:Jr|Sr|II|III|IV)\.?"
"""A generational suffix: "Masterson Jr., K. S.", "King, M. L., Jr."."""
_SURNAME = rf"{_PARTICLE}{{0,2}}[{_UPPER}][\w'’-]+(?:\s[{_UPPER}][\w'’-]+)?(?:,?\s{_SUFFIX})?"
_INITIALS = rf"[{_UPPER}](?:[a-z]?\.|(?=[\s,(-]|$))(?:\s?-?[{_UPPER}](?:[a-z]?\.|(?=[\s,(]|$)))*"
_AUTHOR = rf"{_SURNAME},\s+{_INITIALS}"
_YEAR_DIGITS = r"(?:1[5-9]|20)\d\d"
"""A four-digit year a reference can carry, 1500-2099."""
_YEAR_PAREN = rf"\({_YEAR_DIGITS}[a-z]?(?:,[^()]{{0,30}})?\)"
_MARKER = r"(?:\[\d{1,3}\]\s*|\d{1,3}\.\s+)"

_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+|[IVX]{1,5}\.\s+)?(?:references(?: and notes)?|bibliography|works cited|"
    r"literature cited|reference list|list of references|cited literature|literatur(?:verzeichnis)?|"
    r"quellenverzeichnis|bibliographie|bibliograf[ií]a|riferimenti bibliografici|sources|"
    r"(?:referências|referencias|références)(?:\s+bibliogr(?:á|a)ficas|\s+bibliographiques)?)\s*:?$",
    re.IGNORECASE,
)


def is_reference_list_heading(line: str) -> bool:
    """Whether a line is the heading over a reference list ("References", "3. Bibliography")."""
    return _HEADING.match(line.strip("#*_ ")) is not None


_END_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:appendix|appendices|notes|endnotes|about the authors?|author biographies|"
    r"biographical notes?|tables?|figures?)\b.{0,80}$",
    re.IGNORECASE,
)
_GIVEN_WORD = rf"[{_UPPER}][a-zß-öø-ÿ'’]+(?:-[{_UPPER}][a-zß-öø-ÿ'’]+)?"
_FAMILY_WORD = rf"[{_UPPER}][\w'’-]*[a-z][\w'’-]*"
_FAMILY = rf"{_PARTICLE}{{0,2}}{_FAMILY_WORD}(?:\s{_FAMILY_WORD})?"
"""A family name with a lowercase letter (not Vancouver's "Vargo SL"), particles allowed."""
_GIVEN = rf"{_GIVEN_WORD}(?:\s{_GIVEN_WORD}){{0,2}}(?:\s[{_UPPER}]\.){{0,2}}"
"""Given names written out, with middle initials: "Peter M.", "Melissa Archpru"."""
_WRITTEN_OUT = rf"{_FAMILY},\s+{_GIVEN}(?![\w'’-]|\s[{_UPPER}]{{2,}}\b)"
"""A first author with given names written out, family name first: "Senge, Peter M."."""
_FIRST_WRITTEN_OUT = re.compile(_WRITTEN_OUT)
_GIVEN_PART = re.compile(rf"{_GIVEN_WORD}|[{_UPPER}]\.")
_FAMILY_NAME = re.compile(_FAMILY)
_GIVEN_NAMES = re.compile(_GIVEN)
_WRITTEN_OUT_START = (
    rf"{_WRITTEN_OUT}(?:,\s+(?:and\s|et al\.)[^\n“\"]{{0,160}}?)?"
    rf"(?:\.?\s+(?:[“\"]|{_YEAR_DIGITS}\.)|(?<=\.)\s+[{_UPPER}]|\.\s+[{_UPPER}])"
)
"""An MLA or Chicago entry's start: its author block (ending with a period), then a quoted or
a book's title, or (author-date) its year."""
_YEAR = re.compile(
    rf"\((?:{_YEAR_DIGITS}/)?(?P<year>{_YEAR_DIGITS})[a-z]?(?:,[^()]{{0,30}})?\)|\(n\.\s?d\.\)"
)
"""An entry's year in brackets: "(2009)", "(2009a)", "(2019, May 14)", "(n.d.)", and a republished or
translated work's "(1938/1997)", whose edition's year is the second."""
_ORIGINAL_BEFORE = re.compile(rf"\({_YEAR_DIGITS}\)\s+(?={_YEAR_DIGITS}[a-z]?\.\s)")
"""Chicago author-date's original year before the edition's: "Piaget, Jean. (1966) 1969. The ..."."""
_NOTE_AFTER_TITLE = re.compile(
    r"(?P<t>[^()]+?)\s+\((?P<note>[^()]{0,200}?\b(?:Trans|Eds?|ed|Comp|Narr)\.)\)(?=[.,]?\s|[.,]?$)"
)
"""APA's note after a book's title: its translators, editors or edition ("The psychology of the child
(H. Weaver, Trans.). Basic Books.", "(J. Weinsheimer & D. G. Marshall, Trans.; 2nd rev. ed.)", "(2nd
ed.)"), whose initials' stops are no title's end."""
_BARE_YEAR = re.compile(rf"(?<=[.,]\s)(?P<year>{_YEAR_DIGITS})[a-z]?(?=[.,]\s)")
_EDITOR = re.compile(r"\((?:eds?\.?|Eds?\.?|Hrsg\.?)\)")
_EDITOR_MARK = re.compile(rf"\s*{_EDITOR.pattern}\.?")
"""An editor's mark after the names and its stop: "Argote, L. (Ed.)." names "Argote, L."."""
_VOLUME_AFTER = re.compile(r"^\s*,?\s*(?:Vol\.?\s*)?\d|^\s*\d+\s*\(")
_OPEN_END = re.compile(
    rf"(?:[,;&-]|\b(?:and|in|In|eds?|pp\.)|\b(?:In|in|&|and|by)\s+(?:[{_UPPER}]\.\s?-?)+)$"
)
"""A line ending like this continues on the next line, even if that starts with "Surname, I.": an
editor's initials after "In" too ("In G." over "von Krogh, I. Nonaka, & T. Nishiguchi (Eds.)")."""
_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'", "«": "»", "„": "“"}
"""A quoted title's marks: straight, curly, French guillemets (« ... ») and German low-high („...“)."""
_ANY_YEAR = re.compile(rf"\b{_YEAR_DIGITS}\b")
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter)[a-z]*\.?"
)
"""A month or season of an MLA date, abbreviated or not ("Mar.", "March", "Sept.", "Fall")."""
_DATE_ELEMENT = re.compile(
    rf"(?:^|,\s+)(?:\d{{1,2}}\s+)?(?:{_MONTH}(?:[-–/]{_MONTH})?\s+(?:\d{{1,2}},\s+)?)?"
    rf"(?P<year>{_YEAR_DIGITS})[a-z]?(?=\s*[,.;:]|\s*$)"
)
"""An MLA date: an element of its own after a comma (", 2015,", ", 12 Mar. 2020,", ", July-Aug. 2007,")."""
_WRITTEN_OUT_VENUE = re.compile(rf"(?P<v>[^,(:]+?)(?=\s+(?!{_YEAR_DIGITS}\b)\d+\b|\s+vol\b|\s*[,(:]|\.?$)")
"""A quoted MLA or Chicago title's venue: up to a comma, a bracket, a colon or a volume (a year stays)."""
_LINK = re.compile(r"(?:doi:\s*|https?://)\S+", re.IGNORECASE)
_IEEE = re.compile(
    r"(?P<authors>[^\"“”()]{2,300}?),?\s+[“\"](?P<title>[^\"“”]{3,400}?)[,.]?\s*[”\"]\s*,?\s*(?P<rest>.*)"
)
"""A numbered style's entry: authors, the title in double quotes, then venue, numbers and year (IEEE)."""
_VANCOUVER_NAME = rf"[{_UPPER}][\w'’-]+(?: [{_UPPER}][\w'’-]+)* [{_UPPER}]{{1,3}}"
_VANCOUVER = re.compile(
    rf"(?P<authors>{_VANCOUVER_NAME}(?:, {_VANCOUVER_NAME})*(?:,? et al)?)\.\s+(?P<rest>.+)"
)
"""A Vancouver entry: "Argyris C, Schön DA. Title. Venue. 1978;3(2):1-9." (initials without points)."""
_GIVEN_INITIAL = re.compile(rf"[{_UPPER}][a-z]?\.(?:-?[{_UPPER}][a-z]?\.)*")
_NUMBER_MARK = re.compile(r"\s\[(\d{1,3})\]\s")
_ET_AL = re.compile(r",?\s*et al\.?")
_ACS = re.compile(
    rf"(?P<authors>{_AUTHOR}(?:;\s+(?:and\s+)?{_AUTHOR})*(?:;?\s+et\s+al\.)?)\s+(?!and\b)(?P<rest>[{_UPPER}].*)"
)
_ACS_JOURNAL = re.compile(rf"\s(?P<year>{_YEAR_DIGITS})[a-z]?,\s+(?:[A-Za-z]?\d|in press|accepted|submitted)")
_ACS_PUBLISHER = re.compile(rf";\s*[^:;]+:\s*[^;]*?\b(?P<year>{_YEAR_DIGITS})[a-z]?\s*(?:[;.]|$)")
_ACS_CONTAINER = re.compile(r"[.?!]\s+In:?\s+")
_JOURNAL_NAME = re.compile(rf"[{_UPPER}][\w.'’&-]*(?:\s+(?:[{_UPPER}][\w.'’&-]*|of|and|the|for|in|on|&))*")
_NOT_ABBREVIATION = r"(?<!\b[eE]\.g)(?<!\b[iI]\.e)(?<!\b[vV]s)(?<!\b[cC]f)"
"""Lookbehinds: the stop that follows is part of "e.g.", "i.e.", "vs." or "cf.", not a title's end."""
_SENTENCE_END = re.compile(rf"(?<!\b[{_UPPER}]){_NOT_ABBREVIATION}[.?!]\s+")
_BOOK_END = re.compile(rf"\s+\d+\s*\(|\s*[(\"“]|,\s+(?:[Pp]p?\.|\d|[{_UPPER}]\.)|{_SENTENCE_END.pattern}")
"""Where a book's title ends after "In (editors)": a parenthesis (pages, edition; a journal's volume
before it) or a quote, a comma before pages, a number or an initial, a full stop."""
_IN_CONTAINER = re.compile(r"[\s.,;:?!\"”’*]*[Ii]n:?\s+")
"""What follows the title of an entry that appeared in a book or proceedings: "In ", "In: "."""
_JOURNAL_TAIL = re.compile(
    r"\s*,?\s*(?:[Vv]ol\.?\s*)?\d+\s*(?:\.\s*Jg\.\s*)?(?:\(\d|,\s*(?:[Pp]p?\.|S\.|\d)|:\s*\d)"
)
"""A volume with its issue or pages right after a venue (", 80(3), S. 1-20", ", 62. Jg., S. 123-145"): a
journal, even after "In:"."""
_IN_AFTER_COMMA = re.compile(r",\s+[Ii]n:\s+")
"""German lists' container after a comma: "Title, in: Zeitschrift ..., 62. Jg., S. 123-145"."""
_AUTHOR_SLASH = rf"(?<=\.)\s*/\s*(?=[{_UPPER}])"
"""German lists part authors with a slash: "Müller, M./Weiß, J."."""
_OTHER_AND_AFTER_INITIAL = rf"(?<=\.),?\s+(?:{'|'.join(OTHER_AND)})\s+(?=[{_UPPER}])"
"""Another language's "and" after an author's initials: "Dupont, J. et Martin, P.", "García, M. y
López, J.", APA's Spanish "García, M., y López, J." (never inside a family name: "Ortega y Gasset, J.")."""
_BETWEEN_AUTHORS = re.compile(rf",?\s+(?:and|und|&)\s+|\s*&\s*|;|{_AUTHOR_SLASH}|{_OTHER_AND_AFTER_INITIAL}")
"""What parts an entry's authors: "and", "&", ";", a German slash, another language's "and"."""
_ONLINE_FIRST = re.compile(
    r"[.,]?\s*(?:Advance online publication|ahead[- ]of[- ]print|online first|OnlineFirst|early view)\b",
    re.IGNORECASE,
)
"""An article published online before its issue: the name before it is a journal's, with no volume."""
_ARTICLE_DOI = re.compile(
    r"[.,]?\s*(?:https?://(?:dx\.)?doi\.org/|doi:?\s*)10\.\d{4,9}/(?!\S{0,12}978)", re.I
)
"""A DOI right after the name, not a book's (ISBN-based: "10.1007/978-...", "10.1017/CBO978...",
"10.1093/acprof:oso/978..."): an article online before its issue, cited without a marker
(Springer's "J Acad Mark Sci. https://doi.org/10.1007/s11747-015-0456-3")."""
_PUBLISHER = re.compile(r"\b(?:Press|Publish\w*|Books|Verlag|" + "|".join(PUBLISHING_HOUSES) + r")\b")
"""A publisher's name before a DOI is a book's imprint, not a journal."""
_ONLINE_JOURNAL = re.compile(r"(?P<title>.+?[.?!])\s+(?P<journal>[A-Z][^.?!,;:()]{1,120}?)\.?")
"""Title, then a last sentence with no punctuation in it: the journal of an article cited
online first (Springer: "Title. J Acad Mark Sci. https://doi.org/...")."""
_EDITED_BY_AFTER = re.compile(r"[.,]?\s+(?:edited|ed\.|eds\.)\s+by\b", re.IGNORECASE)
"""A book's editors after its title, as MLA names them (", edited by Linda Argote")."""
_PROCEEDINGS = re.compile(
    r"\b(?:(?:Proceedings|Conference|Symposium|Workshop|Congress)\b|Proc\.|Conf\.)", re.IGNORECASE
)
_LINK_TAG = re.compile(r"\[(?:CrossRef|Google Scholar|PubMed|Green Version|PMC free article)\]", re.I)
_NAME_INITIALS = rf"{_PARTICLE}{{0,2}}{_VANCOUVER_NAME}"
"""A name with unpointed initials after it: "Vargo SL", "van der Aalst WMP" (Springer, Vancouver)."""
_SPRINGER_AUTHORS = (
    rf"{_NAME_INITIALS}(?:,\s+{_NAME_INITIALS})*(?:,?\s+et al\.?)?(?:\s+\((?:eds?|Hrsg)\.?\))?"
)
_SPRINGER = re.compile(
    rf"(?P<authors>{_SPRINGER_AUTHORS})\s+\((?P<year>{_YEAR_DIGITS})[a-z]?\)\.?\s+(?P<rest>\S.*)"
)
_LNCS = re.compile(
    rf"(?P<authors>{_AUTHOR}(?:,\s+{_AUTHOR})*(?:,?\s+(?:and|&)\s+{_AUTHOR})?(?:,?\s+et\s+al\.)?)"
    rf"(?:\s+\((?:eds?|Hrsg)\.?\))?:\s+(?P<rest>\S.*?)\s*\((?P<year>{_YEAR_DIGITS})[a-z]?\)\.?"
)
_NAME_AFTER_INITIALS = (
    rf"{_GIVEN_INITIAL.pattern}(?:\s?{_GIVEN_INITIAL.pattern})*\s"
    rf"{_PARTICLE}{{0,2}}[{_UPPER}][\w'’-]+(?: [{_UPPER}][\w'’-]+)?"
)
"""A name with its initials first: "S.L. Vargo", "J.-P. Martin", "A. van der Merwe"."""
_INITIALS_FIRST = re.compile(
    rf"(?P<authors>{_NAME_AFTER_INITIALS}(?:,\s+{_NAME_AFTER_INITIALS})*(?:,?\s+and\s+{_NAME_AFTER_INITIALS})?"
    rf"(?:,?\s+et\s+al\.)?),\s+(?P<rest>(?!and\s)[^\s“\"‘'].*)"
)
_INITIALS_FIRST_JOURNAL = re.compile(
    rf",\s+(?P<venue>[^,]+?)\s+[A-Z]?\d+(?:\s?\([^()]{{1,20}}\))?\s+\((?P<year>{_YEAR_DIGITS})[a-z]?\)"
    r"(?=\s+[A-Za-z]?\d|\s*[.,]|\s*$)"
)
_GIVEN_FIRST = (
    rf"(?:(?:{_GIVEN_WORD}|{_GIVEN_INITIAL.pattern})\s+){{1,3}}"
    rf"{_PARTICLE}{{0,2}}{_FAMILY_WORD}(?:-{_FAMILY_WORD})?"
)
"""A name written given names first, as words or initials: "Stephen L. Vargo", "S. L. Vargo"."""
_ACM = re.compile(
    rf"(?P<authors>{_GIVEN_FIRST}(?:,\s+{_GIVEN_FIRST})*(?:,?\s+and\s+{_GIVEN_FIRST})?(?:,?\s+et\s+al\.)?)"
    rf"\.\s+(?P<year>{_YEAR_DIGITS})[a-z]?\.\s+(?P<rest>\S.*)"
)
_CONTAINER_AFTER_COMMA = re.compile(r",\s+in:?\s+", re.IGNORECASE)
_EDITED_BY = re.compile(r"^[^()]*\((?:eds?|hrsg|orgs?|coords?)\.?\)[.,:]?\s+", re.IGNORECASE)
_VOLUME = re.compile(
    r"\.?\s+(?:vol\.\s*)?\d+(?:\s?\([^()]{1,20}\))?\s?[:,]\s?(?:pp?\.\s?)?[A-Za-z]?\d|\s+\(?in press\b"
)
"""A journal's volume and pages after its name: " 68(1):1–17", " 68(1), 1–17", ". 41 (2), 133–150",
" (in press)"."""
_CAPS_SURNAME = rf"[{_UPPER}][{_UPPER}'’-]+(?:\s[{_UPPER}][{_UPPER}'’-]+){{0,3}}"
_ABNT_AUTHOR = rf"{_CAPS_SURNAME},\s+(?:{_GIVEN}|{_INITIALS})"
_ABNT = re.compile(
    rf"(?P<authors>{_ABNT_AUTHOR}(?:;\s+{_ABNT_AUTHOR})*(?:;?\s+et\s+al\.)?)\.?\s+(?P<rest>[{_UPPER}\d].*)"
)
_ABNT_NUMBERING = re.compile(r",\s+(?:v|n|ano)\.?\s*\d")
_ABNT_ACCESS = re.compile(r"\s*(?:Dispon[ií]vel em|Acesso em|Available (?:at|from)):.*$", re.IGNORECASE)

_AUTHOR_LIST_YEAR = (
    rf"{_AUTHOR}(?:,?\s+(?:(?:and|&)\s+)?{_AUTHOR})*(?:,?\s+et al\.)?,\s+{_YEAR_DIGITS}[a-z]?\.(?=\s|$)"
)
"""An Elsevier Harvard entry's start: "Grönroos, C., Voima, P., 2013." (the year bare, after the authors)."""
_SPRINGER_START = rf"{_SPRINGER_AUTHORS}\s+\({_YEAR_DIGITS}[a-z]?\)"
_ENTRY_START = re.compile(
    rf"^{_MARKER}?{_AUTHOR}|^{_MARKER}|^[{_UPPER}][^()\n.,]{{2,100}}\s{_YEAR_PAREN}|^{_WRITTEN_OUT_START}"
    rf"|^{_SPRINGER_START}|^{_NAME_INITIALS}(?:,\s+{_NAME_INITIALS})+,?(?=\s|$)"
)
"""A line that starts an entry; Springer's "Vargo SL, Lusch RF (2004)" too, or its author list
wrapped before the year."""
_INNER_START = re.compile(
    rf"\s+(?={_AUTHOR}[^()]{{0,250}}?(?:{_YEAR_PAREN}|\((?:eds?|Eds?)\.?\))|{_WRITTEN_OUT_START}"
    rf"|{_AUTHOR_LIST_YEAR}|(?P<springer>{_SPRINGER_START})|(?P<abnt>{_ABNT_AUTHOR}))"
)
"""Where a next entry starts inside a line. A Springer entry's end has no full stop ("Reading, MA"),
so its start decides (not inside an author list); an ABNT one ends with its year or pages ("2004.",
"p. 1-17.")."""

LOOKAHEAD_CHARS = 1500
"""Text after a candidate heading that must hold reference-like entries."""

_CITED = re.compile(
    rf"{_AUTHOR}[^()]{{0,250}}?{_YEAR_PAREN}|^{_MARKER}\S.{{10,}}?{_YEAR_DIGITS}"
    rf"|\s\[\d{{1,3}}\]\s+\S[^\[\]]{{10,300}}?{_YEAR_DIGITS}"
    rf"|(?:^|(?<=\.\s)){_WRITTEN_OUT_START}|^{_MARKER}?{_AUTHOR};\s+{_AUTHOR}"
    rf"|(?:^|(?<=\.\s)){_AUTHOR_LIST_YEAR}|(?:^|(?<=\s)){_SPRINGER_START}|(?:^|(?<=\d\.\s)){_ABNT_AUTHOR}",
    re.MULTILINE,
)
"""A reference-like entry: "Author, I. ... (2004)", or a numbered one with a year, also inside a
paragraph that reflow made of a whole numbered list, or an MLA or Chicago one, or an ACS, MDPI
or ABNT one ("Vargo, S.L.; Lusch, R.F. ...", its year often on a later line), or an Elsevier
Harvard one ("Vargo, S.L., Lusch, R.F., 2004."), or a Springer one ("Vargo SL, Lusch RF (2004)")."""


def find_reference_heading(lines: list[Line]) -> int | None:
    """Index of the last reference-list heading followed by at least two "Author, I. (year)" entries."""
    best: int | None = None
    for index, line in enumerate(lines):
        if not is_reference_list_heading(line.stripped):
            continue
        window = "\n".join(x.stripped for x in lines[index + 1 : index + 80] if not x.blank)[:LOOKAHEAD_CHARS]
        if window and len(_CITED.findall(window)) >= min(2, len(window) // 150 + 1):
            best = index
    return best


def split_references(text: str) -> tuple[int | None, list[Reference]]:
    """Offset where the reference list starts (its heading; None if there is none) and its entries."""
    lines = lines_of(text)
    heading = find_reference_heading(lines)
    if heading is None:
        return None, []
    start = lines[heading].start + len(lines[heading].text) - len(lines[heading].text.lstrip())
    body: list[str] = []
    for line in lines[heading + 1 :]:
        if not line.blank and _END_HEADING.match(line.stripped.strip("#*_ ")) and len(body) > 0:
            break
        body.append(line.stripped)
    return start, [parse_reference(entry) for entry in split_entries(body)]


def split_entries(lines: list[str]) -> list[str]:
    """Entry texts from the lines of a reference list: new entries at author/number starts."""
    entries: list[str] = []
    for line in lines:
        if not line:
            continue
        if not entries or (_ENTRY_START.match(line) and not _OPEN_END.search(entries[-1])):
            entries.append(line)
        elif entries[-1].endswith("-"):
            entries[-1] += line
        else:
            entries[-1] = f"{entries[-1]} {line}"
    split: list[str] = []
    for entry in entries:
        split.extend(_split_run_on(entry))
    return split


def _split_run_on(entry: str) -> list[str]:
    """Entries run together in one line: cut before "Surname, I. ... (2004)" after a period or a URL.

    A numbered list's entries ("[1] ... [2] ...") are cut before each next number in turn.
    """
    first = re.match(r"\[(\d{1,3})\]", entry)
    if first:
        return _split_numbered(entry, int(first.group(1)))
    pieces: list[str] = []
    begin = 0
    for match in _INNER_START.finditer(entry):
        before = entry[begin : match.start()]
        if match["springer"]:
            ends = bool(before.strip()) and not _OPEN_END.search(before.rstrip())
        elif match["abnt"]:
            ends = bool(re.search(r"\d\.$", before))
        else:
            ends = _can_end(before)
        if ends:
            pieces.append(before.strip())
            begin = match.end()
    pieces.append(entry[begin:].strip())
    return [p for p in pieces if p]


def _can_end(before: str) -> bool:
    """Whether an entry can end with this text: its last word ends a sentence, a number or a link.

    Never an editor's initials after "In" ("... Enabling knowledge creation. In G." before "von
    Krogh, I. Nonaka, & T. Nishiguchi (Eds.)", `_OPEN_END`).
    """
    token = before.rsplit(None, 1)[-1] if before.strip() else ""
    if not token or _OPEN_END.search(before.rstrip()):
        return False
    return token[-1] in ".)]/" or token[-1].isdigit() or "://" in token or "www." in token


def _split_numbered(entry: str, number: int) -> list[str]:
    """Cut before each "[n+1]" that follows text an entry can end with."""
    pieces: list[str] = []
    begin = 0
    for match in _NUMBER_MARK.finditer(entry):
        if int(match.group(1)) == number + 1 and _can_end(entry[begin : match.start()]):
            pieces.append(entry[begin : match.start()].strip())
            begin = match.start() + 1
            number += 1
    pieces.append(entry[begin:].strip())
    return [p for p in pieces if p]


def parse_reference(entry: str) -> Reference:
    """Parse authors, year, title and venue of one entry; fields it does not show stay empty.

    Author-date entries (APA, Harvard, Chicago) are read from their year; entries of the
    numbered styles, whose year comes last (IEEE, Vancouver), from their shape.
    """
    entry = " ".join(entry.split())
    body = re.sub(rf"^{_MARKER}", "", entry)
    styled = (
        _acm_style(entry, body)
        or _written_out_style(entry, body)
        or _abnt_style(entry, body)
        or _acs_style(entry, body)
        or _springer_style(entry, body)
        or _lncs_style(entry, body)
        or _initials_first_style(entry, body)
    )
    if styled is not None:
        return styled
    if not _YEAR.search(body):
        numbered = _numbered_style(entry, body)
        if numbered is not None:
            return numbered
    year_match = _YEAR.search(body) or _BARE_YEAR.search(body)
    if year_match is None:
        editor = _EDITOR.search(body)
        authors = _authors(body[: editor.start()]) if editor and _ENTRY_START.match(body) else []
        return Reference(raw=entry, authors=authors)
    year = int(year_match.group("year")) if year_match.group("year") else None
    authors = _authors(body[: year_match.start()])
    rest = body[year_match.end() :]
    title, after, quoted = _title(rest)
    described = None if quoted else _DESCRIPTION.search(title)
    if described is not None:  # "Learning together [Paper presentation]. 35th EGOS Colloquium, Edinburgh"
        title, after = title[: described.start()], f"{described['after'] or ''} {after}"
        if _EVENT_DESCRIPTION.match(described["what"]):
            return Reference(raw=entry, authors=authors, year=year, title=title, venue=_event_name(after))
    return Reference(raw=entry, authors=authors, year=year, title=title, venue=_venue(after, quoted))


_DESCRIPTION_AT = re.compile(r"\s+\[(?P<what>[^\[\]]{3,160})\]")
"""APA's description of a work in brackets after its title ("[Paper presentation]", "[Doctoral
dissertation, University of Leeds]", "[Unpublished manuscript]"), no part of the title."""
_DESCRIPTION = re.compile(rf"{_DESCRIPTION_AT.pattern}\.?(?:\s+(?P<after>.*))?$")
"""The description ending what was read as the title, and what follows it."""
_EVENT_DESCRIPTION = re.compile(r"(?:paper|poster|conference)\s+presentation|conference\s+session", re.I)
"""A description of a work given at an event: the event follows it (APA 7, 10.5)."""


def _event_name(after: str) -> str:
    """The event after a presentation's description: its name up to its place ("35th EGOS Colloquium")."""
    return _tidy(after.strip(" .").split(",", 1)[0])


def reference_kind(ref: Reference) -> str:
    """The CSL type a parsed entry shows: a chapter, a conference paper, a talk; else ''.

    A talk is one APA describes as given at an event ("[Paper presentation]"). A book follows
    "In" after the title, or is "edited by" someone (MLA writes no "In"); a journal article's
    venue follows its title directly, and '' leaves the type to the caller (`search_api.graph`
    takes a venue for a journal). Read from the entry as stored, so references parsed by an
    earlier release are typed too.
    """
    entry = ref.raw
    if not (ref.venue and ref.title):
        return ""
    title_at = entry.find(ref.title)
    if title_at < 0:
        return ""
    title_end = title_at + len(ref.title)
    described = _DESCRIPTION_AT.match(entry, title_end)
    if described is not None and _EVENT_DESCRIPTION.match(described["what"]):
        return "speech"  # "[Paper presentation]. 35th EGOS Colloquium"
    venue_at = entry.find(ref.venue, title_end)
    venue_end = venue_at + len(ref.venue) if venue_at >= 0 else -1
    if _IN_CONTAINER.match(entry, title_end):
        if venue_end >= 0 and _JOURNAL_TAIL.match(entry, venue_end):
            return ""  # German and some Harvard lists put "In:" before a journal too
    elif venue_end < 0 or not _EDITED_BY_AFTER.match(entry, venue_end):
        return ""
    return "paper-conference" if _PROCEEDINGS.search(ref.venue) else "chapter"


def _written_out_style(entry: str, body: str) -> Reference | None:
    """An MLA or Chicago entry, or None for any other shape.

    MLA: "Senge, Peter M. “Title.” Venue, vol. 32, no. 1, 1990, pp. 7-23."; Chicago's
    bibliography: "... “Title.” Venue 32, no. 1 (1990): 7-23."; Chicago author-date:
    "Senge, Peter M. 1990. “Title.” ...". Later authors are written given name first
    ("..., and Robert F. Lusch."). A book's title is not quoted, and what follows it is its
    publisher, not a venue.
    """
    first = _FIRST_WRITTEN_OUT.match(body)
    if first is None:
        return None
    bracketed = _YEAR.search(body)
    chicago_original = bracketed is not None and _ORIGINAL_BEFORE.match(body, bracketed.start())
    if bracketed and not chicago_original and not re.search(r"[“\"‘]", body[: bracketed.start()]):
        return None  # "Senge, Peter (1990) ...": author-date, with the year before any title
    after = body[first.end() :]
    authors = [first.group(0)]
    others = re.match(r",\s+(?:et al\.?|(?P<names>[^“\"]+?))(?<!\s[A-Z])\.\s+", after)
    if others:
        listed = re.sub(r"^and\s+", "", (others.group("names") or "").strip())
        names = re.split(r",?\s+and\s+|,\s+", listed)
        authors += [_family_first(name, written_out=True) for name in names if name]
        after = after[others.end() :]
    rest = _ORIGINAL_BEFORE.sub("", after.lstrip(" ."), count=1)
    year = None
    leading = re.match(rf"(?P<year>{_YEAR_DIGITS})[a-z]?\.\s+", rest)
    if leading:
        year = int(leading.group("year"))
        rest = rest[leading.end() :]
    title, after_title, quoted = _title(rest)
    if year is None:
        year = _year_after_title(after_title)
    venue = ""
    if quoted:
        segment = _WRITTEN_OUT_VENUE.match(re.sub(r"^In\s+", "", after_title.lstrip(" .,:;")))
        venue = _tidy(segment.group("v")) if segment else ""
    return Reference(raw=entry, authors=authors, year=year, title=title, venue=venue)


def _acs_style(entry: str, body: str) -> Reference | None:
    """An ACS or MDPI entry (authors by initials, separated by semicolons, the year after the venue), or None.

    Journal: "Vargo, S.L.; Lusch, R.F. Title. J. Acad. Mark. Sci. 2008, 36, 1-10."; book:
    "Senge, P.M. The Fifth Discipline; Doubleday: New York, NY, USA, 1990."; chapter or
    proceedings: "... Title. In Book or Proceedings Title; Eds.; Publisher: City, 2015;
    pp. 1-10." A book's publisher is not a venue.
    """
    if _YEAR.search(body):
        return None  # "Senge, P. (1990) ...": author-date
    acs = _ACS.fullmatch(body)
    if acs is None:
        return None
    authors = _authors(acs["authors"])
    rest = _LINK_TAG.sub("", _LINK.sub("", acs["rest"])).strip()
    container = _ACS_CONTAINER.search(rest)
    journal = _ACS_JOURNAL.search(rest)
    if container and (journal is None or container.start() < journal.start()):
        title, after = rest[: container.start() + 1], rest[container.end() :]
        # "In Book, 2nd ed.; Editor, Ed.; ..." or "In Book, Vol. 2; ...": the book's title alone
        book_title = re.split(r",\s+(?:\d|[Vv]ol\.)", after.split(";")[0], maxsplit=1)[0]
        if _PROCEEDINGS.search(book_title):  # "In Proceedings of ..., Paris, France, 1–3 June 2019; pp."
            book_title = book_title.split(",")[0]
        years = _ANY_YEAR.findall(after.split(" pp.")[0])
        if not years:
            return None
        return Reference(
            raw=entry,
            authors=authors,
            year=int(years[-1]),
            title=_tidy(title.rstrip(".")),
            venue=_tidy(book_title),
        )
    if journal:
        article, journal_name = _title_and_journal(rest[: journal.start()])
        return Reference(
            raw=entry,
            authors=authors,
            year=int(journal["year"]),
            title=_tidy(article.rstrip(".")),
            venue=_tidy(journal_name),
        )
    book = _ACS_PUBLISHER.search(rest)
    if book is None:
        return None
    title = re.sub(r",\s*\d+(?:st|nd|rd|th)\s+ed\.?$", "", rest[: rest.index(";")].strip())
    return Reference(raw=entry, authors=authors, year=int(book["year"]), title=_tidy(title), venue="")


def _springer_style(entry: str, body: str) -> Reference | None:
    """A Springer entry ("Vargo SL, Lusch RF (2004) Title. J Mark 68(1):1–17"), or None."""
    springer = _SPRINGER.fullmatch(body)
    if springer is None:
        return None
    names = _ET_AL.sub("", _EDITOR.sub("", springer["authors"])).strip(" ,").split(", ")
    title, venue = _title_and_venue(springer["rest"])
    return Reference(
        raw=entry,
        authors=[_vancouver_name(name.strip()) for name in names],
        year=int(springer["year"]),
        title=title,
        venue=venue,
    )


def _lncs_style(entry: str, body: str) -> Reference | None:
    """A Springer LNCS entry ("Vargo, S.L., Lusch, R.F.: Title. J. Mark. 68(1), 1–17 (2004)"), or None."""
    lncs = _LNCS.fullmatch(_LINK.sub("", body).strip())
    if lncs is None:
        return None
    title, venue = _title_and_venue(lncs["rest"])
    return Reference(
        raw=entry, authors=_authors(lncs["authors"]), year=int(lncs["year"]), title=title, venue=venue
    )


def _title_and_venue(rest: str) -> tuple[str, str]:
    """Title and venue from what follows a Springer or LNCS entry's authors and year.

    "In: Eds (eds) Book. Publisher" names the book or proceedings; a name before a volume and
    pages ("J Mark 68(1):1–17", "J. Mark. 68(1), 1–17") is a journal, and the title ends before
    it; anything else is a book's publisher, not a venue, and the book's title ends at its
    first full stop (a "?" or "!" only when there is none).
    """
    linked, rest = rest, _LINK.sub("", rest).strip()
    container = _ACS_CONTAINER.search(rest)
    if container:
        book = _EDITED_BY.sub("", rest[container.end() :])
        book = re.split(rf",\s+(?:pp?\.|vol\.)|{_SENTENCE_END.pattern}", book, maxsplit=1)[0]
        book = re.sub(r"\s*\([^()]*\)$", "", book)  # "... Conference (CHI '19)"
        return _tidy(rest[: container.start() + 1].rstrip(".")), _tidy(book)
    volume = _VOLUME.search(rest)
    if volume:
        title, journal = _title_and_journal(rest[: volume.start()])
        if journal and "," not in journal:
            return _tidy(title), _tidy(journal)
    online = _ONLINE_JOURNAL.fullmatch(rest) if _ends_with_article_doi(linked) else None
    if online and not _PUBLISHER.search(online["journal"]):
        return _tidy(online["title"]), _tidy(online["journal"])
    return _tidy(_first_sentence(rest)), ""


def _ends_with_article_doi(text: str) -> bool:
    """Whether the entry ends with an article's DOI (`_ARTICLE_DOI`: not a book's)."""
    last = list(_LINK.finditer(text))
    return (
        bool(last)
        and not text[last[-1].end() :].strip(" .")
        and bool(_ARTICLE_DOI.match(text[last[-1].start() :]))
    )


def _first_sentence(text: str) -> str:
    """Text up to its first full stop; up to its first "?" or "!" (kept) when it has none."""
    ends = list(_SENTENCE_END.finditer(text))
    stop = next((end for end in ends if text[end.start()] == "."), ends[0] if ends else None)
    if stop is None:
        return text
    return text[: stop.start() + (text[stop.start()] != ".")]


def _acm_style(entry: str, body: str) -> Reference | None:
    """An ACM entry (given names first, the year after the authors), or None.

    "Stephen L. Vargo and Robert F. Lusch. 2004. Title. J. Mark. 68, 1 (2004), 1–17."
    """
    acm = _ACM.fullmatch(body)
    if acm is None:
        return None
    names = _name_list(acm["authors"])
    if len(names) == 1 and not _GIVEN_INITIAL.search(names[0]):
        return None  # "World Health Organization. 2004. ...": an organisation, read as author-date
    title, venue = _title_and_venue(acm["rest"])
    authors = [_family_first(name, written_out=True) for name in names]
    return Reference(raw=entry, authors=authors, year=int(acm["year"]), title=title, venue=venue)


def _initials_first_style(entry: str, body: str) -> Reference | None:
    """An Elsevier numbered entry (initials first, a comma after the title), or None.

    Journal: "S.L. Vargo, R.F. Lusch, Title, J. Mark. 68 (1) (2004) 1–17."; book: "I. Nonaka,
    H. Takeuchi, Title, Publisher, City, 1995."; chapter or proceedings: "..., Title, in: Eds
    (Eds.), Book, Publisher, City, 2006, pp. 1–10." IEEE's quoted titles are left to
    `_numbered_style`.
    """
    if re.search(r"[“\"”]", body):
        return None
    found = _INITIALS_FIRST.fullmatch(_LINK.sub("", body).strip())
    if found is None:
        return None
    authors = [_family_first(name) for name in _name_list(found["authors"])]
    rest = found["rest"]
    journal = _INITIALS_FIRST_JOURNAL.search(rest)
    container = _CONTAINER_AFTER_COMMA.search(rest)
    if journal and not (container and container.start() < journal.start()):
        title, venue, year = rest[: journal.start()], journal["venue"], int(journal["year"])
    else:
        cut = container or re.search(r",\s", rest)
        if cut is None:
            return None
        after = rest[cut.end() :]
        years = _ANY_YEAR.findall(re.split(r",\s+pp?\.", after)[0])
        if not years:
            return None
        title, year = rest[: cut.start()], int(years[-1])
        venue = _EDITED_BY.sub("", after).split(", ")[0] if container else ""
    return Reference(raw=entry, authors=authors, year=year, title=_tidy(title), venue=_tidy(venue))


def _abnt_style(entry: str, body: str) -> Reference | None:
    """An ABNT entry (family names in capitals, separated by semicolons; the year last), or None.

    Journal: "VARGO, S. L.; LUSCH, R. F. Title. Journal of Marketing, v. 68, n. 1, p. 1-17,
    2004."; book: "SENGE, P. M. Title. São Paulo: Best Seller, 1990."; chapter: "... Title.
    In: NAME, I. (Org.). Book. City: Publisher, 2010. p. 1-10."
    """
    abnt = _ABNT.fullmatch(body)
    if abnt is None:
        return None
    rest = _ABNT_ACCESS.sub("", _LINK.sub("", abnt["rest"])).strip()
    years = _ANY_YEAR.findall(rest)
    if not years:
        return None
    authors = [
        f"{family.strip().title()}, {given.strip()}"
        for family, _, given in (name.partition(",") for name in _ET_AL.sub("", abnt["authors"]).split(";"))
        if given.strip()
    ]
    container = _ACS_CONTAINER.search(rest)
    numbering = _ABNT_NUMBERING.search(rest)
    venue = ""
    if container:
        title = rest[: container.start() + 1]
        venue = _SENTENCE_END.split(_EDITED_BY.sub("", rest[container.end() :]), maxsplit=1)[0]
    elif numbering:
        title, venue = _title_and_journal(rest[: numbering.start()])
        venue = venue.split(",")[0]  # "Revista de Administração, São Paulo, v. 50"
    else:
        title = _first_sentence(rest)
    return Reference(
        raw=entry, authors=authors, year=int(years[-1]), title=_tidy(title.rstrip(".")), venue=_tidy(venue)
    )


def _title_and_journal(head: str) -> tuple[str, str]:
    """Split "Title. J. Abbrev." at the title's end: its first full stop, or a "?" or "!" before a venue.

    "Does learning matter? Evidence from firms. Sustainability" keeps its subtitle; "Does
    learning matter? J. Bus. Res." ends at the question mark (what follows is capitalised
    like a journal's name).
    """
    for end in _SENTENCE_END.finditer(head):
        mark, after = head[end.start()], head[end.end() :]
        if mark == "." or _JOURNAL_NAME.fullmatch(after.strip()):
            return head[: end.start() + (mark != ".")], after
    return head, ""


def _year_after_title(text: str) -> int | None:
    """A written-out entry's year when it follows the title: Chicago's "(1990)", MLA's date element, any year.

    MLA's date is an element of its own, so a venue that holds a year ("Proceedings of the
    2014 ... Conference, ACM, 2015") is dated by the element, not by the venue's year.
    """
    stated = _YEAR.search(text)
    if stated and stated["year"]:
        return int(stated["year"])
    unlinked = _LINK.sub("", text)
    dated = _DATE_ELEMENT.search(unlinked)
    if dated:
        return int(dated["year"])
    bare = _ANY_YEAR.search(unlinked)
    return int(bare.group(0)) if bare else None


def _numbered_style(entry: str, body: str) -> Reference | None:
    """An IEEE or a Vancouver entry, or None when `body` has neither shape."""
    ieee = _IEEE.match(body)
    if ieee and not _ANY_YEAR.search(ieee["authors"]):
        rest = _LINK.sub("", ieee["rest"])
        years = _ANY_YEAR.findall(rest)
        venue = re.split(r",\s", re.sub(r"^in:?\s+", "", rest, flags=re.IGNORECASE), maxsplit=1)[0]
        return Reference(
            raw=entry,
            authors=[_family_first(name) for name in _name_list(ieee["authors"])],
            year=int(years[-1]) if years else None,
            title=_tidy(ieee["title"]),
            venue="" if _ANY_YEAR.search(venue) else _tidy(venue),
        )
    vancouver = _VANCOUVER.match(body)
    if vancouver is None or _ANY_YEAR.match(vancouver["rest"]):
        return None
    title = re.match(rf"(?P<t>.+?[?!]?)(?:{_NOT_ABBREVIATION}[.?!]\s+|$)", vancouver["rest"])
    if title is None:
        return None
    after = _LINK.sub("", vancouver["rest"][title.end() :])
    journal = re.match(rf"(?P<v>[^.;]+?)\.?\s+{_YEAR_DIGITS}\b[^;]{{0,30}};\s*\d", after)
    years = _ANY_YEAR.findall(after)
    names = _ET_AL.sub("", vancouver["authors"]).split(", ")
    return Reference(
        raw=entry,
        authors=[_vancouver_name(name) for name in names],
        year=int(years[0]) if years else None,
        title=_tidy(title.group("t")),
        venue=_tidy(journal.group("v")) if journal else "",
    )


def _name_list(segment: str) -> list[str]:
    """Names of an author list written given name first: "A. B. Senge, C. Roe, and D. Doe"."""
    segment = _ET_AL.sub("", segment).strip(" ,;:")
    return [name for name in re.split(r",?\s+and\s+|\s*&\s*|,\s*", segment) if name.strip()]


def _family_first(name: str, written_out: bool = False) -> str:
    """Turn "P. M. Senge" into "Senge, P. M." (as author-date entries write it); other names as written.

    With `written_out` (an MLA or Chicago entry's later authors), given names may be words too:
    "Robert F. Lusch" becomes "Lusch, Robert F.".
    """
    words = name.split()
    if written_out and len(words) > 1:
        given = list(itertools.takewhile(_GIVEN_PART.fullmatch, words[:-1]))
        if given:
            return f"{' '.join(words[len(given) :])}, {' '.join(given)}"
    initials = list(itertools.takewhile(_GIVEN_INITIAL.fullmatch, words))
    if not initials or len(initials) == len(words):
        return name
    return f"{' '.join(words[len(initials) :])}, {' '.join(initials)}"


def _vancouver_name(name: str) -> str:
    """Turn "Schön DA" into "Schön, D. A."."""
    family, _, initials = name.rpartition(" ")
    return f"{family}, {' '.join(f'{letter}.' for letter in initials)}"


def _authors(segment: str) -> list[str]:
    """Split "Garvin, D., Edmondson, A. and Gino, F." into ["Garvin, D.", "Edmondson, A.", "Gino, F."]."""
    segment = _EDITOR_MARK.sub("", segment.replace("*", ""))
    segment = _ET_AL.sub("", segment).strip(" ,;:")
    chunks = [c.strip(" ,") for c in _BETWEEN_AUTHORS.split(segment) if c.strip(" ,")]
    names: list[str] = []
    for chunk in chunks:
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        index = 0
        while index < len(parts):
            paired = index + 1 < len(parts) and (
                re.fullmatch(_INITIALS, parts[index + 1]) or _written_out_pair(parts, index)
            )
            trailing = _PARTICLE_AFTER.fullmatch(parts[index + 1]) if index + 1 < len(parts) else None
            if trailing:  # "Krogh, G. von": the particle goes before the family name it belongs to
                names.append(f"{trailing['particle']} {parts[index]}, {trailing['initials']}")
                index += 2
            elif paired:
                names.append(f"{parts[index]}, {parts[index + 1]}")
                index += 2
            elif names and re.fullmatch(_SUFFIX, parts[index]):
                names[-1] = f"{names[-1]}, {parts[index]}"
                index += 1
            elif reversed_name := _FAMILY_THEN_INITIALS.fullmatch(parts[index]):
                family = reversed_name["family"]
                names.append(f"{family.title() if family.isupper() else family}, {reversed_name['initials']}")
                index += 1
            else:
                names.append(parts[index])
                index += 1
    return [n for n in names if re.search(r"[^\W\d_]{2,}", n)]


_FAMILY_THEN_INITIALS = re.compile(
    rf"(?P<family>{_PARTICLE}*[{_UPPER}][\w'’-]+(?:\s[{_UPPER}][\w'’-]+)?)\s+(?P<initials>[{_UPPER}]\.(?:\s?-?[{_UPPER}]\.)*)"
)
"""A name written family first with its initials and no comma between, as French lists write it
("DUPONT J.", "Koenig G."); a family name in capitals is written in title case ("Dupont, J.")."""
_PARTICLE_AFTER = re.compile(
    rf"(?P<initials>{_INITIALS})\s+(?P<particle>{_PARTICLE_WORD}(?:\s{_PARTICLE_WORD})?)"
)
"""Initials with the family name's particle after them, as some styles set it ("Krogh, G. von",
"Berg, A. van der")."""


def _written_out_pair(parts: list[str], index: int) -> bool:
    """Whether parts[index] and the next one are one name written out: "Senge", "Peter M.".

    A family name followed by given names; when the given names do not end with an initial,
    only as the whole of its part of the list ("Senge, Peter (1990)"), since "Garvin,
    Edmondson" could also be two family names.
    """
    family, given = parts[index], parts[index + 1]
    if not (_FAMILY_NAME.fullmatch(family) and _GIVEN_NAMES.fullmatch(given)):
        return False
    return len(parts) == 2 or given.endswith(".")


_IMPRINT_AFTER_TITLE = re.compile(
    rf",\s+(?:(?:{PUBLISHING_PLACES})(?:,\s+[A-Z]{{2}}\.?|,\s+N\.\s?[A-Z]\.)?[,:]\s+(?P<publisher>[^,:]{{2,60}})"
    rf"|(?P<before>[^,:]{{2,60}}),\s+(?:{PUBLISHING_PLACES})(?:,\s+[A-Z]{{2}}\.?)?)$"
)
"""A book's imprint run on after its title, as Harvard styles write it: "The Fifth Discipline, London,
Century", "..., London: Century", "..., Century, London"."""


_JOURNAL_AFTER_COMMA = re.compile(
    rf",\s+[{_UPPER}][^,.]{{2,150}}?(?:{_JOURNAL_TAIL.pattern}|,\s+Vol\.?\s*\d+\s*(?:,|No\.?\s*\d))"
)
"""A journal after an unquoted title and a comma, its volume after it: "Trust, power and learning in
teams, Journal of Management, 3(2), pp. 1-10", "..., Vol. 3 No. 2, pp. 1-10" (Harvard without quotes)."""


def _title(rest: str) -> tuple[str, str, bool]:
    """(title, text after it, whether the title was quoted) from the text after the year."""
    separator = rest[:1]
    rest = rest.lstrip(" .,:;")
    opening = rest[:1]
    if opening in _QUOTES:
        closing = _QUOTES[opening]
        pattern = rf"{re.escape(closing)}(?=[\s,.;:*]|$)" if opening in "'‘" else re.escape(closing)
        found = re.search(pattern, rest[1:])
        if found:
            title = rest[1 : found.start() + 1]
            return _tidy(title), rest[found.end() + 1 :], True
    if opening == "*":
        end = rest.find("*", 1)
        if end > 0:
            return _tidy(rest[1:end]), rest[end + 1 :], False
    contained = _IN_AFTER_COMMA.search(rest)
    if separator != "," and contained and not _SENTENCE_END.search(rest[: contained.start()]):
        return _tidy(rest[: contained.start()]), rest[contained.start() + 1 :], False
    journal = _JOURNAL_AFTER_COMMA.search(rest)
    if separator != "," and journal and not _SENTENCE_END.search(rest[: journal.start()]):
        return _tidy(rest[: journal.start()]), rest[journal.start() :], False
    noted = _NOTE_AFTER_TITLE.match(rest)
    if separator != "," and noted and not _SENTENCE_END.search(noted["t"]):
        return _tidy(noted["t"]), rest[noted.end() :], False
    if separator == ",":
        match = re.match(r"(?P<t>.+?)(?=,\s)", rest)
    else:
        match = re.match(
            rf"(?P<t>.+?[?!]?)(?:{_NOT_ABBREVIATION}[.?!](?=\s+(?:[*\"“A-Z]|{_YEAR_DIGITS}\.))|$)", rest
        )
    if match is None:
        return _tidy(rest), "", False
    title = match.group("t")
    imprint = _IMPRINT_AFTER_TITLE.search(title.rstrip(" .")) if separator != "," else None
    if imprint and not re.fullmatch(PUBLISHING_PLACES, (imprint["publisher"] or imprint["before"]).strip()):
        return _tidy(title[: imprint.start()]), title[imprint.start() :] + rest[match.end() :], False
    return _tidy(title), rest[match.end() :], False


def _venue(after: str, quoted: bool) -> str:
    """Return the journal or book an entry appeared in: the segment after its title."""
    after = after.lstrip(" .,:;")
    contained = re.match(r"in:?\s+", after, re.IGNORECASE)
    if contained:
        after = after[contained.end() :]
        editors = _EDITOR.search(after)
        if editors and editors.start() < 200:
            after = after[editors.end() :].lstrip(" .,:;")
        after = re.sub(rf"^\({_YEAR_DIGITS}[a-z]?\)[.,]?\s*", "", after)  # "(eds), (1999), *Book*"
        italic = re.match(r"\*([^*]+)\*", after)  # "*Proceedings of ...*, Publisher, City"
        return _tidy(italic.group(1) if italic else _BOOK_END.split(after.replace("*", ""), maxsplit=1)[0])
    if after.startswith("*"):
        end = after.find("*", 1)
        if end > 0 and re.match(r"$|[,.;:]|\s+(?:Vol|\d)", after[end + 1 :]):
            venue, tail = after[1:end], after[end + 1 :]
            return _tidy(venue) if quoted or _VOLUME_AFTER.match(tail) else ""
    plain = after.replace("*", "")
    journal = _VOLUME.search(plain)
    if journal and journal.start() > 0 and not re.search(r"[,()]", plain[: journal.start()]):
        return _tidy(plain[: journal.start()])  # "J. Acad. Mark. Sci. 41 (2), 133–150" (Elsevier Harvard)
    match = re.match(r"(?P<v>[^,.(]+?(?:\.[^\s,.(][^,.(]*?)*)(?=\s+Vol\b|[,.(]|$)", plain)
    if match is None:
        return ""
    tail = plain[match.end() :]
    venue = match.group("v")
    online = bool(_ONLINE_FIRST.match(tail) or (_ARTICLE_DOI.match(tail) and not _PUBLISHER.search(venue)))
    return _tidy(venue) if quoted or _VOLUME_AFTER.match(tail) or online else ""


def _tidy(text: str) -> str:
    return " ".join(text.replace("*", "").split()).strip(" ,.;:")
