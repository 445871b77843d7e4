"""Find a work's reference list and parse its entries into structured references.

The list starts at a "References" / "Bibliography" / "Works cited" heading that is followed by
reference-like lines, and runs to the end or to an appendix / notes heading. Entries may be one
per paragraph, wrapped over several lines, or run together in one paragraph (as after unwrapping);
a new entry starts at "Surname, I." (optionally numbered "[3]" / "3.") at a line start, or after a
period where "Surname, I. ... (2004)" follows. Entries are parsed in the APA / Harvard / Emerald
manner: authors, "(year)", a quoted or italic title, then the journal or book it appeared in.
"""

from __future__ import annotations

import re

from corpus.structure.textlines import Line, lines_of
from corpus_core.models import Reference

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŐŒŘŚŞŠŢŤŰŹŻŽ"
_PARTICLE = r"(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]el|[Dd]er|[Dd]en|[Dd]u|[Dd]a|[Dd]i|[Ll]a|[Ll]e|St\.?)\s)"
_SUFFIX = r"(?:Jr|Sr|II|III|IV)\.?"
"""A generational suffix: "Masterson Jr., K. S.", "King, M. L., Jr."."""
_SURNAME = rf"{_PARTICLE}{{0,2}}[{_UPPER}][\w'’-]+(?:\s[{_UPPER}][\w'’-]+)?(?:,?\s{_SUFFIX})?"
_INITIALS = rf"[{_UPPER}](?:[a-z]?\.|(?=[\s,(-]|$))(?:\s?-?[{_UPPER}](?:[a-z]?\.|(?=[\s,(]|$)))*"
_AUTHOR = rf"{_SURNAME},\s+{_INITIALS}"
_YEAR_PAREN = r"\((?:1[5-9]|20)\d\d[a-z]?(?:,[^()]{0,30})?\)"
_MARKER = r"(?:\[\d{1,3}\]\s*|\d{1,3}\.\s+)"

_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+|[IVX]{1,5}\.\s+)?(?:references(?: and notes)?|bibliography|works cited|"
    r"literature cited|reference list|list of references|cited literature|literatur(?:verzeichnis)?|"
    r"quellenverzeichnis|bibliographie|références|referencias|sources)\s*:?$",
    re.IGNORECASE,
)
_END_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:appendix|appendices|notes|endnotes|about the authors?|author biographies|"
    r"biographical notes?|tables?|figures?)\b.{0,80}$",
    re.IGNORECASE,
)
_ENTRY_START = re.compile(rf"^{_MARKER}?{_AUTHOR}|^{_MARKER}|^[{_UPPER}][^()\n.,]{{2,100}}\s{_YEAR_PAREN}")
_INNER_START = re.compile(rf"\s+(?={_AUTHOR}[^()]{{0,250}}?(?:{_YEAR_PAREN}|\((?:eds?|Eds?)\.?\)))")
_YEAR = re.compile(r"\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?(?:,[^()]{0,30})?\)|\(n\.\s?d\.\)")
_BARE_YEAR = re.compile(r"(?<=[.,]\s)(?P<year>(?:1[5-9]|20)\d\d)[a-z]?(?=[.,]\s)")
_EDITOR = re.compile(r"\((?:eds?\.?|Eds?\.?|Hrsg\.?)\)")
_VOLUME_AFTER = re.compile(r"^\s*,?\s*(?:Vol\.?\s*)?\d|^\s*\d+\s*\(")
_OPEN_END = re.compile(r"(?:[,;&-]|\b(?:and|in|In|eds?|pp\.))$")
"""A line ending like this continues on the next line, even if that starts with "Surname, I."."""
_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}

LOOKAHEAD_CHARS = 1500
"""Text after a candidate heading that must hold reference-like entries."""

_CITED = re.compile(
    rf"{_AUTHOR}[^()]{{0,250}}?{_YEAR_PAREN}|^{_MARKER}\S.{{10,}}?(?:1[5-9]|20)\d\d", re.MULTILINE
)


def find_reference_heading(lines: list[Line]) -> int | None:
    """Index of the last reference-list heading followed by at least two "Author, I. (year)" entries."""
    best: int | None = None
    for index, line in enumerate(lines):
        if not _HEADING.match(line.stripped.strip("#*_ ")):
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
    """Entries run together in one line: cut before "Surname, I. ... (2004)" after a period or a URL."""
    pieces: list[str] = []
    begin = 0
    for match in _INNER_START.finditer(entry):
        before = entry[begin : match.start()]
        token = before.rsplit(None, 1)[-1] if before.strip() else ""
        if token and (token[-1] in ".)]/" or token[-1].isdigit() or "://" in token or "www." in token):
            pieces.append(before.strip())
            begin = match.end()
    pieces.append(entry[begin:].strip())
    return [p for p in pieces if p]


def parse_reference(entry: str) -> Reference:
    """Parse authors, year, title and venue of one entry; fields it does not show stay empty."""
    entry = " ".join(entry.split())
    body = re.sub(rf"^{_MARKER}", "", entry)
    year_match = _YEAR.search(body) or _BARE_YEAR.search(body)
    if year_match is None:
        editor = _EDITOR.search(body)
        authors = _authors(body[: editor.start()]) if editor and _ENTRY_START.match(body) else []
        return Reference(raw=entry, authors=authors)
    year = int(year_match.group("year")) if year_match.group("year") else None
    authors = _authors(body[: year_match.start()])
    rest = body[year_match.end() :]
    title, after, quoted = _title(rest)
    return Reference(raw=entry, authors=authors, year=year, title=title, venue=_venue(after, quoted))


def _authors(segment: str) -> list[str]:
    """Split "Garvin, D., Edmondson, A. and Gino, F." into ["Garvin, D.", "Edmondson, A.", "Gino, F."]."""
    segment = _EDITOR.sub("", segment.replace("*", ""))
    segment = re.sub(r",?\s*et al\.?", "", segment).strip(" ,;:")
    chunks = [c.strip(" ,") for c in re.split(r",?\s+(?:and|&)\s+|\s*&\s*|;", segment) if c.strip(" ,")]
    names: list[str] = []
    for chunk in chunks:
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        index = 0
        while index < len(parts):
            if index + 1 < len(parts) and re.fullmatch(_INITIALS, parts[index + 1]):
                names.append(f"{parts[index]}, {parts[index + 1]}")
                index += 2
            elif names and re.fullmatch(_SUFFIX, parts[index]):
                names[-1] = f"{names[-1]}, {parts[index]}"
                index += 1
            else:
                names.append(parts[index])
                index += 1
    return [n for n in names if re.search(r"[^\W\d_]{2,}", n)]


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
    if separator == ",":
        match = re.match(r"(?P<t>.+?)(?=,\s)", rest)
    else:
        match = re.match(r"(?P<t>.+?[?!]?)(?:[.?!](?=\s+[*\"“A-Z])|$)", rest)
    if match is None:
        return _tidy(rest), "", False
    return _tidy(match.group("t")), rest[match.end() :], False


def _venue(after: str, quoted: bool) -> str:
    """Return the journal or book an entry appeared in: the segment after its title."""
    after = after.lstrip(" .,:;")
    contained = re.match(r"in:?\s+", after, re.IGNORECASE)
    if contained:
        after = after[contained.end() :]
        editors = _EDITOR.search(after)
        if editors and editors.start() < 200:
            after = after[editors.end() :].lstrip(" .,:;")
    if after.startswith("*"):
        end = after.find("*", 1)
        if end > 0 and re.match(r"$|[,.;:]|\s+(?:Vol|\d)", after[end + 1 :]):
            venue, tail = after[1:end], after[end + 1 :]
            return _tidy(venue) if quoted or _VOLUME_AFTER.match(tail) else ""
    plain = after.replace("*", "")
    match = re.match(r"(?P<v>[^,.(]+?(?:\.[^\s,.(][^,.(]*?)*)(?=\s+Vol\b|[,.(]|$)", plain)
    if match is None:
        return ""
    tail = plain[match.end() :]
    return _tidy(match.group("v")) if quoted or _VOLUME_AFTER.match(tail) else ""


def _tidy(text: str) -> str:
    return " ".join(text.replace("*", "").split()).strip(" ,.;:")
