r"""Author-date citations, quotations and the reference list of a writer's draft, found by parsing.

What `corpus check` reads from a draft before it asks the corpus anything:

* citations in their common forms: parenthetical "(Chung, 2009, p. 21)", "(Senge, 1990;
  Garvin, 1993)", "(Garvin et al., 2008, pp. 3-4)", "(Chung 2009, 21)", "(see Chung, 2009:
  21)", a work without authors by its title ('("The Support of Value Co-creation", 2016)');
  narrative "Chung (2009)", "Kohtamäki and Rajala (2016, p. 4)", "Garvin et al. (2008)";
  names with particles, apostrophes and hyphens ("van der Merwe", "O'Neil",
  "Müller-Stewens") and corporate authors ("(OECD, 2019)"); years with a letter ("2009a");
  "(ibid.)" is kept as a citation that cannot be resolved; a page-only "(p. 21)" after a
  quotation gives that quotation its page;
* numeric citations "[1]", "[1, 3]", "[2-4]", "[5, p. 21]", when the draft's reference list
  is numbered ("[1] Chung, Y. M. (2009). ..." or "1. Chung ..."): each number is one
  citation, carrying the first author and year of its entry;
* note citations, as Chicago's notes and bibliography style writes them in footnotes (a
  Markdown footnote "[^1]: ...", a Word draft's footnote, a numbered note): full notes
  'Yin Min Chung, “Co-creation with the Customer,” *The Learning Organization* 16, no. 1
  (2009): 21.' and 'Peter M. Senge, The Fifth Discipline (New York: Doubleday, 1990), 14.',
  short notes 'Chung, “Co-creation,” 22.' (a book's in a Word draft, its italics lost: 'Senge,
  Fifth Discipline, 14.'), a work without authors by its quoted title, several in one note
  split at ";", and "Ibid., 23." (the work of the note before);
* a LaTeX draft's citations by key, natbib's and biblatex's "\citep[p.~21]{chung2009}",
  "\citet", "\parencite[see][22--23]{a,b}", "\textcite", "\autocite" (the postnote the
  last key's page), its quotations in ``...'', \enquote{...} and the quote, quotation and
  displayquote environments, its comments not read;
* quotations: spans in straight or curly double quotes, French guillemets (« ... ») or German
  low-high quotes („...“), and Markdown block quotes (`>`);
* the draft's own reference list: the entries under a heading "References",
  "Bibliography", "Works cited" or "Reference list", or one in German, French, Spanish or
  Portuguese ("Literaturverzeichnis", "Références") (citations are looked for above it only);
* German drafts' forms: names parted by "/" or "und" ("(Müller/Weiß 2010, S. 130)", "Argyris
  und Schön (1978)"), "u. a." for others, "vgl." and "siehe" before names; French, Spanish,
  Italian, Portuguese, Dutch and Nordic drafts' words for "and" between names ("(Dupont et
  Martin, 2010)", `fields.OTHER_AND`).

Every regular expression runs on the whole text only in a form without nested quantifiers
(each match bounded in length); names and years are then read from the bounded span of one
parenthesis or the few words before it, so a 1 MB word or a 20 MB line stays linear.

    draft = parse_draft(text)
    draft.citations[0].authors, draft.citations[0].year, draft.citations[0].pages
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.cleaning.front_matter import find_front_matter
from corpus.cleaning.markdown_text import plain_inline
from corpus.metadata.capitals import UNCOUNTED_WORDS, mostly_title_case
from corpus.metadata.fields import OTHER_AND
from corpus_core.errors import FileTooLargeError, NoTextError, UnsupportedFormatError, UsageError
from corpus_core.settings import LoadingSettings

_READ_AS_DOCUMENTS = (".docx", ".doc", ".rtf", ".odt")
"""Draft types read by the folder loaders (`corpus.loading.loaders.load_file`)."""
DRAFT_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd", ".txt", ".tex", *_READ_AS_DOCUMENTS)
"""Files `corpus check` reads: Markdown, LaTeX and plain text as UTF-8; Word (.docx, and .doc through
antiword), RTF (through pandoc) and OpenDocument texts as a folder's files are read (`corpus.loading`)."""

_PAREN = re.compile(r"\(([^()\n]{1,300})\)")
_SQUARE = re.compile(r"\[([^\[\]\n]{1,300})\]")
"""Author-year citations in square brackets, as ACM's and some engineering styles write them."""
_YEAR = re.compile(r"(?<![\d\w])(1[5-9]\d\d|20\d\d)([a-z])?(?![\d\w])|(?<!\w)n\.\s?d\.")
_PAGES = re.compile(
    r"^[\s,:]*(?:(?:pp?|pages?|at|ss?|seiten?)\.?\s*)?"
    r"([0-9]{1,5}|[ivxlcdm]{1,8})(?:\s*[-–—]+\s*([0-9]{1,5}|[ivxlcdm]{1,8}))?(?:\s*ff?\.?)?(?![\w])",
    re.IGNORECASE,
)
"""A pinpoint: "p. 21", "pp. 3-4", "21", German "S. 21" (Seite) and "21 f." / "21ff." (and after)."""
_PAGE_ONLY = re.compile(
    r"^\s*(?:pp?\.|pages?|at|ss?\.|seiten?)\s*([0-9]{1,5}|[ivxlcdm]{1,8})"
    r"(?:\s*[-–—]+\s*([0-9]{1,5}|[ivxlcdm]{1,8}))?(?:\s*ff?\.?)?\s*$",
    re.IGNORECASE,
)
_PARAGRAPHS = re.compile(
    r"^[\s,:]*(?:paras?\.?|pars?\.|paragraphs?|¶¶?)\s*([0-9]{1,4})(?:\s*[-–—]+\s*([0-9]{1,4}))?(?![\w])",
    re.IGNORECASE,
)
"""A paragraph pinpoint, for a source without pages (APA and Chicago): "para. 4", "paras. 4-5", "¶ 4"."""
_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\b\.?", re.IGNORECASE)
_LEAD = re.compile(
    r"^\s*(?:see also|see|e\.g\.|i\.e\.|cf\.|compare|as cited in|vgl\.|siehe|voir aussi|voir|"
    r"par ex\.|véase también|véase|ver también|p\. ej\.|citado en|cité par)[\s,:]*",
    re.IGNORECASE,
)
"""What may precede a citation's names: "see", "e.g.", German "vgl." (compare) and "siehe", French
"voir" and "par ex.", Spanish "véase", "p. ej." and "citado en" (as cited in)."""
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]{0,60}|[,&/]")
_AND_WORDS = ("and", "und", *OTHER_AND)
_NAME_SPLIT = re.compile(rf"\s*(?:,|;|&|/|\b(?:{'|'.join(_AND_WORDS)})\b(?!\s+al\b))\s*")
"""What parts names: "Garvin, Edmondson and Gino", German "Müller/Weiß" and "Müller und Weiß",
French "Dupont et Martin" (not "et al."), Spanish "García y López", Italian "Rossi e Bianchi"."""
_ET_AL = re.compile(r"\s*\b(?:et\s+al\.?|u\.\s?a\.)", re.IGNORECASE)
"""Others unnamed: "et al.", German "u. a." (und andere)."""
_QUOTED_TITLE = re.compile(r"^[\"“'‘*_]{1,2}([^\"“”'‘’*_]{2,200}?)[,.]?[\"”'’*_]{1,2}[\s,]*$")
MAX_QUOTE_CHARS = 3000
"""A longer span between quote marks is no quotation (and bounds the search for the closing mark)."""
_STRAIGHT_QUOTE = re.compile(rf'"([^"]{{1,{MAX_QUOTE_CHARS}}})"')
_CURLY_QUOTE = re.compile(rf"“([^“”]{{1,{MAX_QUOTE_CHARS}}})”")
_GUILLEMETS = re.compile(rf"«([^«»]{{1,{MAX_QUOTE_CHARS}}})»")
"""A French (or Italian, Spanish, Swiss German) quotation: « ... »."""
_LOW_HIGH_QUOTE = re.compile(rf"„([^„“”]{{1,{MAX_QUOTE_CHARS}}})[“”]")
"""A German (or Polish, Czech) quotation: „...“."""
_LATEX_QUOTE = re.compile(rf"``([^`']{{1,{MAX_QUOTE_CHARS}}})''")
_ENQUOTE = re.compile(rf"\\enquote\*?\{{([^{{}}]{{1,{MAX_QUOTE_CHARS}}})\}}")
"""csquotes' \\enquote{...}, as biblatex users write a quotation."""
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\[\]]{0,80}\])?\{([^{}]{0,500})\}")


def _latex_words(text: str) -> str:
    r"""A LaTeX quotation's words: "\emph{learning} ~ co--creation" -> "learning co–creation"."""
    text = _LATEX_COMMAND.sub(lambda m: m.group(1), _LATEX_CITE.sub("", text))
    text = re.sub(r"\\[A-Za-z]+\*?", " ", text).replace("~", " ").replace("---", "—").replace("--", "–")
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


_SINGLE_OPEN = re.compile(r"(?<![\w'‘’])['‘](?=[^\W\d_])")
"""An opening single quote mark: not after a letter (that is an apostrophe), before a letter."""
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,;:!?…)\]])['’](?![\w])")
"""A closing single quote mark: after a letter or punctuation, not before a letter ("company's")."""
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|(?:\.\s?){3}|…)\s*")
_HEADING = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]{1,4})?(?:\*\*|__)?[ \t]{0,3}"
    r"(references|reference list|bibliography|works cited|literature cited|sources|literatur|"
    r"literaturverzeichnis|quellenverzeichnis|bibliographie|références|referencias|referências)"
    r"[ \t]{0,3}:?[ \t]{0,3}(?:\*\*|__)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]", re.MULTILINE)
_LIST_MARK = re.compile(r"^\s{0,6}(?:[-*+]|(\d{1,4})[.)]|\[(\d{1,4})\])\s+")
_NUMERIC = re.compile(
    r"\[(\d{1,4}(?:[ \t]{0,2}[-–,][ \t]{0,2}\d{1,4}){0,30})"
    r"(?:[ \t]{0,2},[ \t]{0,2}(?:pp?\.|pages?)[ \t]{0,2}([0-9]{1,5}|[ivxlcdm]{1,8})"
    r"(?:[ \t]{0,2}[-–—][ \t]{0,2}([0-9]{1,5}|[ivxlcdm]{1,8}))?)?\]",
    re.IGNORECASE,
)
_MORE_YEAR = re.compile(r"^\s*,\s*(1[5-9]\d\d|20\d\d)([a-z])?(?![\d\w])")
_EDITION_YEAR = re.compile(r"^(?:/|\][ \t]{0,2})(1[5-9]\d\d|20\d\d)([a-z])?(?![\d\w])")
"""The year of the edition cited after a republished or translated work's original year: APA's
"1966/1969", Chicago's "[1966] 1969"."""
MAX_NUMERIC_RANGE = 50
"""Numbers of a numeric range ("[2-4]") taken one by one; a wider range is read as its two ends."""
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "le", "la", "dos"}
)
_CONNECTORS = frozenset({*_AND_WORDS, "&", "/", ","})
ACRONYM_CHARS = 8
"""Longest all-capital word taken for a (corporate) author ("OECD", "UNESCO"); longer ones are shouting."""
MIN_QUOTE_WORDS = 4
"""Shorter quoted spans are terms or scare quotes, not quotations to check."""
NEAR_CHARS = 160
"""A citation this close after a quotation (in the same paragraph) is the quotation's source."""


@dataclass
class DraftCitation:
    """One author-date citation as the draft writes it."""

    text: str
    start: int
    end: int
    kind: str
    """"parenthetical", "narrative", "numeric", "key" (Pandoc's "[@chung2009]"), "note" (a
    footnote's "Chung, “Co-creation,” 22.") or "ibid"."""
    authors: list[str] = field(default_factory=list)
    """Family names as written ("Kohtamäki", "Rajala")."""
    et_al: bool = False
    year: str = ""
    """"2009", "2009a" or "n.d."."""
    pages: str = ""
    """"21", "3-4" or ''."""
    title: str = ""
    """For a work cited by its (short) title instead of authors."""
    number: int | None = None
    """For a numeric citation: the number of the reference-list entry it cites."""
    key: str = ""
    """For a Pandoc citation ("[@chung2009, p. 21]", "@chung2009"): its citation key."""
    paragraphs: str = ""
    """A paragraph pinpoint ("4", "4-5") in place of a page: "(Keller, 2021, para. 4)"."""
    original_year: str = ""
    """A republished or translated work's original year, cited before its edition's `year`: "1966"
    of APA's "(Piaget & Inhelder, 1966/1969)" and of Chicago's "[1966] 1969"; '' where none is given."""


@dataclass
class DraftQuote:
    """A quotation of the draft: its text (no quote marks) and where it is."""

    text: str
    start: int
    end: int
    block: bool = False
    pages: str = ""
    """A page given right after the quotation by a page-only parenthesis "(p. 21)"."""
    paragraphs: str = ""
    """A paragraph given so instead: "(para. 4)"."""
    citation: int | None = None
    """Index (into `Draft.citations`) of the citation it carries or sits next to."""


@dataclass
class DraftReference:
    """One entry of the draft's own reference list."""

    text: str
    line: int
    year: int | None = None
    first_author: str = ""
    number: int | None = None
    """The entry's number in a numbered list ("[3] ..." or "3. ..."), else None."""
    year_text: str = ""
    """The year as written, with its letter ("2009a"), or ''."""


@dataclass
class Draft:
    """What the draft says: body text, citations, quotations and its own reference list."""

    text: str
    citations: list[DraftCitation] = field(default_factory=list)
    quotes: list[DraftQuote] = field(default_factory=list)
    references: list[DraftReference] = field(default_factory=list)
    has_reference_list: bool = False
    body_end: int = 0
    """Offset where the body ends (the reference-list heading, or the end of the text)."""

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1

    @property
    def numbered(self) -> bool:
        """Whether the reference list is numbered (most of its entries carry a number)."""
        numbers = sum(r.number is not None for r in self.references)
        return bool(self.references) and 2 * numbers > len(self.references)

    def entry(self, number: int) -> DraftReference | None:
        """The reference-list entry with this number, if the list has one."""
        return next((r for r in self.references if r.number == number), None)


def read_draft(path: Path, max_chars: int) -> str:
    """The text of a draft file (`DRAFT_SUFFIXES`); errors name the file and the reason."""
    suffix = path.suffix.lower()
    if suffix not in DRAFT_SUFFIXES:
        raise UnsupportedFormatError(
            path.name,
            f"cannot check a {suffix or 'suffix-less'} file; use one of {', '.join(DRAFT_SUFFIXES)}",
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such draft") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read the draft: {error.strerror or error}") from None
    return draft_text(data, path.name, max_chars)


def draft_text(data: bytes, name: str, max_chars: int) -> str:
    """Text of a draft given as bytes and a file name (the suffix says how to read it)."""
    if Path(name).suffix.lower() in _READ_AS_DOCUMENTS:
        text = _document_text(data, name)
    else:
        text = data.decode("utf-8-sig", errors="replace")
    if len(text) > max_chars:
        raise FileTooLargeError(
            name, f"the draft has {len(text)} characters, more than loading.max_chars ({max_chars})"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _document_text(data: bytes, name: str) -> str:
    """A Word or ODT draft's text as the corpus's own loader for its type reads it ('' when it has none)."""
    from corpus.loading.loaders import load_file  # pypdf, trafilatura: not for every search process

    try:
        return "\n\n".join(load_file(Path(name), LoadingSettings(), data).pages)
    except NoTextError:
        return ""  # an empty draft: the caller says so


def decode_base64(content: str, name: str) -> bytes:
    """Bytes of an uploaded file sent as base64 (the page's upload)."""
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise UsageError(f"{name}: the uploaded content is not valid base64") from None


_LATEX_DOCUMENT = re.compile(r"\\(?:documentclass|begin\{document\})")


def is_latex(text: str, name: str = "") -> bool:
    """Whether a draft is LaTeX: a `.tex` file, or pasted text with a LaTeX preamble or body."""
    return name.lower().endswith(".tex") or _LATEX_DOCUMENT.search(text[:20_000]) is not None


def parse_draft(text: str, latex: bool = False) -> Draft:
    r"""Citations, quotations and the reference list of a draft's text.

    A Pandoc draft's YAML front matter (title, author, bibliography ...) is not its text: it is
    blanked out, keeping every offset and line number of the rest; so are a LaTeX draft's
    comments ("% ..."), whose quotation marks are ``...'' and \enquote{...}.
    """
    header = find_front_matter(text)
    if header is not None:
        text = re.sub(r"[^\n]", " ", text[: header.length]) + text[header.length :]
    if latex:
        text = _LATEX_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    draft = Draft(text=text, body_end=len(text))
    heading = _last_reference_heading(text)
    if heading is not None:
        draft.has_reference_list = True
        draft.body_end = heading[0]
        draft.references = _reference_entries(text, heading[1], draft)
    body = text[: draft.body_end]
    page_only: list[tuple[int, int, str, str]] = []
    cited: list[tuple[int, int]] = []
    for match in _PAREN.finditer(body):
        inner = match.group(1)
        pages = _PAGE_ONLY.match(inner)
        if pages:
            page_only.append((match.start(), match.end(), _page_text(pages.group(1), pages.group(2)), ""))
            continue
        paragraphs = _PARAGRAPHS.match(inner)
        if paragraphs and not inner[paragraphs.end() :].strip():
            page_only.append((match.start(), match.end(), "", _page_text(paragraphs[1], paragraphs[2])))
            continue
        found = _parenthesis(body, match.start(), match.end(), inner)
        draft.citations.extend(found)
        if found:
            cited.append((match.start(), match.end()))
    for match in _SQUARE.finditer(body):  # ACM's "[Chung 2009]", "Chung [2009]"
        inside = any(start < match.start() < end for start, end in cited)  # Chicago's "([1966] 1969)"
        if "@" not in match.group(1) and not inside:
            draft.citations.extend(_parenthesis(body, match.start(), match.end(), match.group(1)))
    if draft.numbered:
        draft.citations.extend(_numeric(body, draft))
    draft.citations.extend(_pandoc(body))
    draft.citations.extend(_latex_citations(body))
    notes = _note_citations(body)
    if notes:  # a note's "(New York: Doubleday, 1990)" or "(2009)" is part of it, no citation of its own
        note_starts = [n.start for n in notes]  # in order, none overlapping another
        draft.citations = [c for c in draft.citations if not _in_note(c.start, notes, note_starts)]
        draft.citations.extend(notes)
    draft.citations.sort(key=lambda c: c.start)
    draft.quotes = _quotes(body, draft.citations, page_only, latex)
    return draft


def _in_note(offset: int, notes: list[DraftCitation], starts: list[int]) -> bool:
    """Whether `offset` lies in one of `notes` (in order of their `starts`)."""
    at = bisect.bisect_right(starts, offset) - 1
    return at >= 0 and offset < notes[at].end


def _last_reference_heading(text: str) -> tuple[int, int] | None:
    """(start, end) of the last reference-list heading line, if the draft has one."""
    found = None
    for match in _HEADING.finditer(text):
        found = (match.start(), match.end())
    return found


def _reference_entries(text: str, start: int, draft: Draft) -> list[DraftReference]:
    """Entries after the heading: one per list item or paragraph (until the next Markdown heading)."""
    tail = text[start:]
    after = _ANY_HEADING.search(tail, 1)
    section = tail[: after.start()] if after else tail
    entries: list[DraftReference] = []
    current: list[str] = []
    first_line = 0
    number: int | None = None

    def flush() -> None:
        if current:
            entry = " ".join(" ".join(current).split())
            year = _YEAR.search(entry)
            names = entry[: year.start()] if year and year.start() > 0 else entry
            first = _NAME_SPLIT.split(names, maxsplit=1)[0].strip(" .*_(")
            entries.append(
                DraftReference(
                    entry,
                    first_line,
                    int(year.group(1)) if year and year.group(1) else None,
                    first if len(first.split()) <= 3 else "",
                    number,
                    _year_text(year) if year else "",
                )
            )
            current.clear()

    offset = start
    lines = section.split("\n")
    for at, raw in enumerate(lines):
        line = raw.strip()
        line_no = draft.line_of(offset)
        offset += len(raw) + 1
        if not line:
            flush()
            continue
        marker = _LIST_MARK.match(raw)
        if marker or not current or (not number and _ends_entry(current[-1]) and _starts_entry(lines, at)):
            flush()
            first_line = line_no
            digits = (marker.group(1) or marker.group(2)) if marker else None
            number = int(digits) if digits else None
            current.append(raw[marker.end() :].strip() if marker else line)
        else:
            current.append(line)
    flush()
    return entries


_ENTRY_HEAD = 300
"""Characters at the start of a line within which an entry's year stands ("Chung, Y. M. (2009)")."""
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_URL_END = re.compile(r"(?:https?://|doi:\s*|\b10\.\d{4,9}/)\S+$", re.IGNORECASE)


def _ends_entry(line: str) -> bool:
    """Whether a line can be an entry's last: a full stop, a closing bracket or quote, a DOI or URL."""
    return line.rstrip()[-1:] in (".", ")", "”", '"', "’") or bool(_URL_END.search(line))


def _starts_entry(lines: list[str], at: int) -> bool:
    """Whether line `at` opens a reference-list entry: names ("Chung, Y. M." / "Senge, Peter"), a year.

    Entries written one per line with no blank line between them (a plain-text or Markdown
    list pasted from a word processor) are split here; a wrapped entry's next line
    ("learning and innovation. IJLIC, 6, 19-30.") names no one before a year and stays with it.
    The year may stand on the next lines ("Vargo, S. L., &" / "Lusch, R. F. (2004)"); a
    corporate author counts when its year follows in brackets ("OECD. (2019)").
    """
    following: list[str] = []
    for raw in lines[at : at + 3]:
        if not raw.strip():
            break
        following.append(raw.strip())
    line = " ".join(following)
    year = _YEAR.search(line, 0, _ENTRY_HEAD)
    if year is None or year.start() == 0 or not (line[0].isupper() or line.split()[0] in _PARTICLES):
        return False
    head = line[: year.start()]
    family, comma, given = head.partition(",")
    if not comma:  # a corporate author, not the initial a wrapped name left ("R." / "F. (2004)")
        return head.rstrip().endswith("(") and len(head.split()) <= 6 and bool(_TWO_LETTERS.search(head))
    words = family.split()
    return (
        0 < len(words) <= 4
        and all(w[0].isupper() or w in _PARTICLES for w in words)
        and given.strip()[:1].isupper()
    )


def _numeric(body: str, draft: Draft) -> list[DraftCitation]:
    """Numeric citations ("[1]", "[2-4]", "[5, p. 21]"), one per number, with its entry's author and year."""
    found: list[DraftCitation] = []
    for match in _NUMERIC.finditer(body):
        page = _page_text(match.group(2), match.group(3)) if match.group(2) else ""
        for number in _numbers(match.group(1)):
            entry = draft.entry(number)
            found.append(
                DraftCitation(
                    match.group(0),
                    match.start(),
                    match.end(),
                    "numeric",
                    [entry.first_author] if entry and entry.first_author else [],
                    year=entry.year_text if entry else "",
                    pages=page,
                    number=number,
                )
            )
    return found


_KEY = r"@(?:\{([^{}\s]{1,200})\}|([\w](?:[\w:.#$%&+?<>~/-]{0,200}[\w])?))"
_PANDOC_GROUP = re.compile(r"\[([^\[\]\n]{0,400}?(?<![\w./])" + _KEY + r"[^\[\]\n]{0,400}?)\]")
_PANDOC_KEY = re.compile(r"(?<![\w.@/])-?" + _KEY)  # not "jane@example.org", "medium.com/@jane"
_PANDOC_LOCATOR = re.compile(r"\s*\[([^\[\]\n]{1,80})\]")


def _pandoc(body: str) -> list[DraftCitation]:
    """Pandoc's citations: "[@chung2009, p. 21; see @senge1990]" and "@chung2009 [p. 21]" in the text.

    Each cites a work by its citation key (a Better BibTeX key from Zotero, or the key `corpus
    bib` writes); the locator after a key is its page ("p. 21", "pp. 3-4", "21").
    """
    found: list[DraftCitation] = []
    grouped: list[tuple[int, int]] = []
    for group in _PANDOC_GROUP.finditer(body):
        inner, offset = group.group(1), group.start(1)
        parts = list(_PANDOC_KEY.finditer(inner))
        for i, key in enumerate(parts):
            end = parts[i + 1].start() if i + 1 < len(parts) else len(inner)
            locator = inner[key.end() : end].split(";", 1)[0]
            pages = _PAGES.match(locator.lstrip(" ,"))
            found.append(
                DraftCitation(
                    group.group(0),
                    offset + key.start(),
                    group.end(),
                    "key",
                    pages=_page_text(pages.group(1), pages.group(2)) if pages else "",
                    key=key.group(1) or key.group(2),
                    paragraphs=_paragraphs(locator),
                )
            )
        grouped.append((group.start(), group.end()))
    for key in _PANDOC_KEY.finditer(body):
        if any(start <= key.start() < end for start, end in grouped) or key.group(0).startswith("-"):
            continue
        locator = _PANDOC_LOCATOR.match(body, key.end())
        pages = _PAGES.match(locator.group(1)) if locator else None
        found.append(
            DraftCitation(
                body[key.start() : locator.end() if locator else key.end()],
                key.start(),
                locator.end() if locator else key.end(),
                "key",
                pages=_page_text(pages.group(1), pages.group(2)) if pages else "",
                key=key.group(1) or key.group(2),
                paragraphs=_paragraphs(locator.group(1)) if locator else "",
            )
        )
    return found


_NOTE_MARK = re.compile(
    r"[ \t]{0,3}(?:\[\^[^\]\s]{1,20}\]:[ \t]*|\d{1,3}[.)]?[ \t]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}[ \t]*)?"
)
"""A note's mark at the start of its line: Markdown's "[^1]: ", a number, a superscript."""
_NOTE_NAME = r"[A-Z][^,;:“”\"*_()\n]{0,60}"
_NOTE_NAMES = (
    r"(?:(?:[Ss]ee(?:[ \t]also)?|[Cc]f\.)[ \t]+)?"
    rf"(?P<names>{_NOTE_NAME}(?:,[ \t](?:and[ \t])?{_NOTE_NAME}){{0,5}}(?:,?[ \t]et[ \t]al\.)?)"
    r"(?:,[ \t]eds?\.)?,[ \t]{1,3}"
)
_NOTE_QUOTED = re.compile(
    _NOTE_NAMES + r"(?P<open>[“\"]|\*{1,2}|_{1,2})(?P<title>[^“”\"*_\n]{3,300}?)[,.]?(?:[”\"]|\*{1,2}|_{1,2})"
)
"""A note that names its work by a quoted (article, chapter) or emphasised (book) title."""
_NOTE_UNSIGNED = re.compile(
    r"(?:(?:[Ss]ee(?:[ \t]also)?|[Cc]f\.)[ \t]+)?[“\"](?P<title>[^“”\"\n]{3,300}?),[”\"]"
)
"""A note of a work without authors, by its quoted title and its comma: '“The Support of ...,” 2016, 3.'"""
_NOTE_BOOK = re.compile(
    _NOTE_NAMES + r"(?P<title>[A-Z][^()“”\"\n]{2,300}?)[ \t]\((?P<imprint>[^():\n]{2,60}:[^()\n]{2,120})\)"
)
"""A book's full note whose title lost its italics (a Word draft): "Title (Place: Publisher, 1990)"."""
_NOTE_PAGES = re.compile(
    r"(?:^|[:,]|\bpp?\.)[ \t]*([0-9]{1,5}|[ivxlcdm]{1,8})(?:[ \t]*[-–—][ \t]*([0-9]{1,5}|[ivxlcdm]{1,8}))?"
    r"[ \t]*\.?[ \t]*$",
    re.IGNORECASE,
)
"""A note's page at its end: ": 21.", ", 21-22.", " 22." right after a short note's title."""
_NOTE_EDITOR = re.compile(r"^(?:eds?|trans|ed\. and trans)\.?$", re.IGNORECASE)


def _note_citations(body: str) -> list[DraftCitation]:
    """Citations of a footnote or endnote, one line each (see the module's docstring).

    Only a line that is a note is read so: one that opens with names and a title, ends where
    its last part ends, and is no longer than a note is; "Ibid." opens one that repeats the
    note before.
    """
    found: list[DraftCitation] = []
    offset = 0
    for line in body.split("\n"):
        start = offset
        offset += len(line) + 1
        if len(line) > MAX_NOTE_CHARS or not line.strip():
            continue
        mark = _NOTE_MARK.match(line)
        at = mark.end() if mark else 0
        ibid = _NOTE_IBID.match(line, at)
        if ibid and len(line) - at <= MAX_IBID_CHARS:
            pages = _NOTE_PAGES.search(line, ibid.end())
            page = _page_text(pages.group(1), pages.group(2)) if pages else ""
            found.append(DraftCitation(line[at:].strip(), start + at, offset - 1, "ibid", pages=page))
            continue
        part_start = at
        for part in line[at:].split(";"):
            citation = _note(part, start + part_start)
            part_start += len(part) + 1
            if citation is None:
                break
            found.append(citation)
    return found


MAX_NOTE_CHARS = 1500
"""A longer line is a paragraph of the text, not a note."""
MAX_IBID_CHARS = 60
"""An "Ibid., 23." note is short; a longer line that opens with the word is a sentence."""
_NOTE_IBID = re.compile(r"(?:ibid|ibidem)\b\.?(?=[,\s]|$)", re.IGNORECASE)
"""A note that repeats the one before: "Ibid.", "Ibid., 23." (not a legal "Id.", nor "ID cards")."""


def _note(part: str, start: int) -> DraftCitation | None:
    """One citation of a note ("Chung, “Co-creation,” 22"), or None when the part is none."""
    stripped = part.lstrip()
    start += len(part) - len(stripped)
    stripped = stripped.rstrip()
    match = _NOTE_QUOTED.match(stripped) or _NOTE_BOOK.match(stripped) or _plain_short_note(stripped)
    unsigned = match is None
    if match is None:
        match = _NOTE_UNSIGNED.match(stripped)  # a work without authors opens with its title
        if match is None:
            return None
    authors, et_al = ([], False) if unsigned else _note_names(match.group("names"))
    if not authors and not unsigned:
        return None
    rest = stripped[match.end() :]
    year = _YEAR.search(match.groupdict().get("imprint") or rest)
    pages = _NOTE_PAGES.search(match.groupdict().get("page") or rest)
    if (pages is None and year is None) or _prose(rest, 0 if unsigned else 2):
        return None  # 'Senge, “the father of the field,” wrote in 1990 that ...': a sentence
    return DraftCitation(
        stripped,
        start,
        start + len(stripped),
        "note",
        authors,
        et_al,
        _year_text(year) if year and year.group(1) else "",
        _page_text(pages.group(1), pages.group(2)) if pages else "",
        " ".join(match.group("title").split()).strip(" ,."),
    )


_NOTE_PLAIN_SHORT = re.compile(
    _NOTE_NAMES
    + r"(?P<title>[A-Z][^,;:“”\"*_()\n]{2,80}),[ \t]{1,3}(?P<page>[0-9]{1,4}(?:[-–][0-9]{1,4})?)\.?"
)
"""A book's short note whose title lost its italics (a Word draft): "Senge, Fifth Discipline, 14."."""


def _plain_short_note(text: str) -> re.Match[str] | None:
    """The whole of "Senge, Fifth Discipline, 14.", its title in title case and its page no year."""
    match = _NOTE_PLAIN_SHORT.fullmatch(text)
    if match is None or _YEAR.fullmatch(match.group("page")) or not mostly_title_case(match.group("title")):
        return None
    return match


_NOTE_WORDS = frozenset(
    {"no", "nos", "vol", "vols", "ed", "eds", "trans", "pp", "accessed", "et", "al", "n", "d"}
)
"""Words in lower case a note's publication details hold ("16, no. 1", "ed.", "accessed")."""
_URL = re.compile(r"\S+://\S+|\bdoi:\S+", re.IGNORECASE)


def _prose(tail: str, allowed: int) -> bool:
    """Whether what follows a note's title reads as a sentence, not as a venue, date and page.

    It does with more than `allowed` words in lower case that a venue or a note's details do
    not hold; a note that opens with a quoted title allows none ('"Learning is co-creation,"
    as Chung writes in 2009' is a sentence).
    """
    words = re.findall(r"[^\W\d_][\w'’-]*", _URL.sub(" ", tail))
    lower = [w for w in words if w[0].islower() and w not in UNCOUNTED_WORDS and w not in _NOTE_WORDS]
    return len(lower) > allowed


def _note_names(text: str) -> tuple[list[str], bool]:
    """Family names of a note's "Yin Min Chung", "Ken Dovey, Brian Burdon, and Robert Simpson"."""
    et_al = bool(_ET_AL.search(text))
    families: list[str] = []
    for part in _NAME_SPLIT.split(_ET_AL.sub("", text)):
        words = part.strip(" .").split()
        if not words or _NOTE_EDITOR.match(words[-1]):
            continue
        family = _family_name(words)
        if not family or any(not w[0].isupper() for w in words if w.lower() not in _PARTICLES):
            return [], False
        families.append(family)
    return families, et_al


_LATEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_LATEX_CITE = re.compile(
    r"\\(?:[Cc]ite[pt]?|[Pp]arencite|[Tt]extcite|[Aa]utocite|[Ff]ootcite|[Ss]martcite|cite(?:author|year))\*?"
    r"(?:\[([^\[\]{}\n]{0,200})\])?(?:\[([^\[\]{}\n]{0,200})\])?\{([^{}\n]{1,1000})\}"
)
"""natbib's and biblatex's citation commands: "\\citep[p.~21]{chung2009}", "\\parencite[see][21]{a,b}"."""


def _latex_citations(body: str) -> list[DraftCitation]:
    """LaTeX citations by key: one per key, the postnote (the last optional argument) its page.

    With two optional arguments the first is a prenote ("see"); natbib and biblatex give the
    postnote to the last key of several.
    """
    found: list[DraftCitation] = []
    for match in _LATEX_CITE.finditer(body):
        postnote = match.group(2) if match.group(2) is not None else match.group(1) or ""
        pages = _PAGES.match(postnote.replace("~", " ").replace("--", "-"))
        keys = [k.strip() for k in match.group(3).split(",") if k.strip()]
        for i, key in enumerate(keys):
            page = _page_text(pages.group(1), pages.group(2)) if pages and i == len(keys) - 1 else ""
            found.append(
                DraftCitation(match.group(0), match.start(), match.end(), "key", pages=page, key=key)
            )
    return found


def _numbers(text: str) -> list[int]:
    """The numbers of "1, 3", "2-4" or "1-3, 5", in order, each once."""
    numbers: list[int] = []
    for part in text.split(","):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if len(ends) == 2 and 0 <= ends[1] - ends[0] <= MAX_NUMERIC_RANGE:
            ends = list(range(ends[0], ends[1] + 1))
        numbers += [n for n in ends if n not in numbers]
    return numbers


def _page_text(first: str, last: str | None) -> str:
    return f"{first}-{last}" if last else first


def _paragraphs(locator: str) -> str:
    """The paragraph pinpoint ("4", "4-5") a locator gives ("para. 4", ", ¶¶ 4-5"); '' for none."""
    found = _PARAGRAPHS.match(locator)
    return _page_text(found[1], found[2]) if found else ""


def _parenthesis(body: str, start: int, end: int, inner: str) -> list[DraftCitation]:
    """Citations in one parenthesis: parenthetical ones, or the year of a narrative one."""
    if _IBID.match(inner):
        return [DraftCitation(body[start:end], start, end, "ibid")]
    year = _YEAR.search(inner)
    if year is None:
        return []
    names = inner[: year.start()].strip()
    if not names.strip(" ,["):
        if year.start() > 3:
            return []
        return _narrative(body, start, end, inner)
    found: list[DraftCitation] = []
    offset = 0
    for part in inner.split(";"):
        part_start = start + 1 + offset
        offset += len(part) + 1
        found.extend(_one_parenthetical(part, part_start, body[start] + body[end - 1]))
    if found and len(found) == 1:
        found[0].start, found[0].end, found[0].text = start, end, body[start:end]
    return found


def _one_parenthetical(part: str, part_start: int, brackets: str) -> list[DraftCitation]:
    """One "Author, 2009, p. 21" (or "Author, 1990, 2008") of a parenthetical citation.

    Its text is written in the citation's own brackets: "(Senge, 1990)", or ACM's "[Senge 1990]".
    """
    part = _LEAD.sub("", part, count=1)
    year = _YEAR.search(part)
    if year is None:
        return []
    names_text = part[: year.start()].strip(" ,[")
    authors, et_al, title = _names(names_text)
    if not authors and not title:
        return []
    years, rest, original = _years(year, part)
    pages = _PAGES.match(rest)
    page = _page_text(pages.group(1), pages.group(2)) if pages else ""
    text = part.strip()
    return [
        DraftCitation(
            f"{brackets[0]}{text}{brackets[1]}",
            part_start,
            part_start + len(part),
            "parenthetical",
            authors,
            et_al,
            y,
            page,
            title,
            paragraphs=_paragraphs(rest),
            original_year=original,
        )
        for y in years
    ]


def _narrative(body: str, start: int, end: int, inner: str) -> list[DraftCitation]:
    """Narrative citations ("Chung (2009)", "Kohtamäki and Rajala (2016, p. 4)"): names before the year."""
    year = _YEAR.search(inner)
    if year is None:
        return []
    years, rest, original = _years(year, inner)
    pages = _PAGES.match(rest)
    page = _page_text(pages.group(1), pages.group(2)) if pages else ""
    paragraphs = _paragraphs(rest)
    window_start = max(0, start - 200)
    window_start += max(body.rfind(mark, window_start, start) + 1 - window_start for mark in "();\n")
    window = body[window_start:start]
    title = _title_before(window)
    if title:
        at = window_start + window.rstrip().rfind(title[1])
        return [
            DraftCitation(
                body[at:end],
                at,
                end,
                "narrative",
                [],
                False,
                years[0],
                page,
                title[0],
                paragraphs=paragraphs,
                original_year=original,
            )
        ]
    authors, et_al, first = _names_before(window)
    if not authors:
        return []
    at = window_start + first
    return [
        DraftCitation(
            body[at:end],
            at,
            end,
            "narrative",
            authors,
            et_al,
            y,
            page,
            paragraphs=paragraphs,
            original_year=original,
        )
        for y in years
    ]


def _years(year: re.Match[str], text: str) -> tuple[list[str], str, str]:
    """The year found and those listed after it ("2008a, 2008b"), the text after the last, an original year.

    In "1966/1969" (APA) or "[1966] 1969" (Chicago) the year found is a republished or translated
    work's original year, and the edition's year the one after it.
    """
    years, original = [_year_text(year)], ""
    rest = text[year.end() :]
    edition = _EDITION_YEAR.match(rest) if year.group(1) else None
    if edition is not None:
        years, original = [edition.group(1) + (edition.group(2) or "")], year.group(1)
        rest = rest[edition.end() :]
    while more := _MORE_YEAR.match(rest):
        years.append(more.group(1) + (more.group(2) or ""))
        rest = rest[more.end() :]
    return years, rest, original


def _year_text(year: re.Match[str]) -> str:
    return (year.group(1) + (year.group(2) or "")) if year.group(1) else "n.d."


def _title_before(window: str) -> tuple[str, str] | None:
    """A quoted or emphasised title right before a narrative year: (title, as written)."""
    stripped = window.rstrip()
    for opening, closing in (("“", "”"), ('"', '"'), ("*", "*"), ("_", "_")):
        if not stripped.endswith(closing):
            continue
        inner_end = len(stripped) - len(closing)
        begin = stripped.rfind(opening, 0, inner_end)
        if begin >= 0 and inner_end - begin > 3:
            written = stripped[begin:]
            title = stripped[begin + len(opening) : inner_end].strip(" *_,.")
            if len(title.split()) >= 2:
                return title, written
    return None


def _names_before(window: str) -> tuple[list[str], bool, int]:
    """Author names written right before a narrative citation's parenthesis; (names, et al., start)."""
    tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(window)]
    if not tokens:
        return [], False, 0
    tail = window[tokens[-1][1] + len(tokens[-1][0]) :]
    if tail.strip():
        return [], False, 0
    et_al = False
    last_two = tuple(word.lower().rstrip(".") for word, _ in tokens[-2:])
    if last_two in (("et", "al"), ("u", "a")):  # "Garvin et al. (2008)", German "Berg u. a. (2019)"
        et_al = True
        tokens = tokens[:-2]
    names: list[str] = []
    first = len(window)
    expect_name, seen_and, comma = True, False, False
    while tokens:
        word, at = tokens[-1]
        lower = word.lower()
        if expect_name:
            name = _name_word(word)
            if not name or (comma and not seen_and):
                break
            tokens.pop()
            while tokens and tokens[-1][0].lower() in _PARTICLES:
                particle, at = tokens.pop()
                name = f"{particle} {name}"
            names.insert(0, name)
            first = at
            expect_name = False
        elif lower in _CONNECTORS:
            tokens.pop()
            comma = lower == ","
            seen_and = seen_and or not comma
            while tokens and tokens[-1][0].lower() in _CONNECTORS:
                seen_and = seen_and or tokens.pop()[0].lower() != ","
                comma = False
            expect_name = True
        else:
            break
    return names, et_al, first


def _name_word(word: str) -> str:
    """A family name as written ("Chung", "Chung's" -> "Chung", "O'Brien"), else ''."""
    word = re.sub(r"['’]s$", "", word).rstrip(".")
    if not word or not word[0].isupper() or len(word) < 2 or (word.isupper() and len(word) > ACRONYM_CHARS):
        return ""
    return word


def _names(text: str) -> tuple[list[str], bool, str]:
    """Authors in a parenthetical citation ("Garvin, Edmondson and Gino", "Garvin et al."), or a title."""
    quoted = _QUOTED_TITLE.match(text)
    if quoted:
        return [], False, quoted.group(1).strip()
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    parts = [p.strip(" .") for p in _NAME_SPLIT.split(text) if p.strip(" .")]
    if not parts:
        return [], et_al, ""
    words = parts[0].split()
    if (
        len(parts) == 1
        and len(words) >= 3
        and not et_al
        and any(w.lower() not in _PARTICLES for w in words[:-1])
    ):
        return [], False, parts[0]
    names = []
    for part in parts:
        name = _family_name(part.split())
        if not name:
            return [], False, ""
        names.append(name)
    return names, et_al, ""


def _family_name(words: list[str]) -> str:
    """A written name's family name with its particles ("Jan van der Merwe" -> "van der Merwe"), or ''."""
    family = _name_word(words[-1]) if words else ""
    particles = [w for w in words[:-1] if w.lower() in _PARTICLES]
    return " ".join([*particles, family]) if family else ""


def _quotes(
    body: str, citations: list[DraftCitation], page_only: list[tuple[int, int, str, str]], latex: bool = False
) -> list[DraftQuote]:
    """Quotations of the body with the citation each carries or sits next to."""
    spans: list[DraftQuote] = []
    patterns = (
        (_LATEX_QUOTE, _ENQUOTE) if latex else (_STRAIGHT_QUOTE, _CURLY_QUOTE, _GUILLEMETS, _LOW_HIGH_QUOTE)
    )
    for pattern in patterns:
        for match in pattern.finditer(body):
            inner = match.group(1)
            if "\n\n" in inner:
                continue
            words = _latex_words(inner) if latex else plain_inline(inner)
            spans.append(DraftQuote(" ".join(words.split()), match.start(), match.end()))
    doubled = sorted(spans, key=lambda q: q.start)
    doubled_starts = [d.start for d in doubled]
    if not latex:  # LaTeX's single marks are `...', rare in a quotation and common as apostrophes
        spans.extend(q for q in _single_quotes(body) if not _inside(q.start, doubled, doubled_starts))
    spans.extend(_latex_block_quotes(body) if latex else _block_quotes(body))
    spans = [q for q in spans if len(re.findall(r"\w+", q.text)) >= MIN_QUOTE_WORDS]
    starts = [c.start for c in citations]  # in order: `parse_draft` sorts them
    spans = [q for q in spans if not _held_by_citation(q, citations, starts)]
    spans.sort(key=lambda q: q.start)
    for quote in spans:
        _attach(body, quote, citations, starts, page_only)
    _attach_to_notes(body, spans, citations)
    return spans


_FOOTNOTE_REF = re.compile(r"[ \t]{0,2}[.,;:!?)]{0,2}[ \t]{0,2}\[\^([^\]\s]{1,20})\](?!:)")
"""A Markdown footnote's mark right after a quotation ('..." [^3]', '...".[^3]')."""


_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]{1,20})\]:", re.MULTILINE)


def _attach_to_notes(body: str, quotes: list[DraftQuote], citations: list[DraftCitation]) -> None:
    """Give a quotation with no citation beside it the citation of its footnote.

    Its note is the Markdown footnote whose mark follows it ("[^3]", defined on a line
    "[^3]: ..."), else, in a Word draft (whose loader sets each note as a paragraph right after
    the paragraph that refers to it), the notes after its paragraph, in order. Notes are
    looked up by the line they open (each note line's first citation), so this stays linear.
    """
    by_line: dict[int, int] = {}
    for i, c in enumerate(citations):
        if c.kind in ("note", "ibid"):
            by_line.setdefault(body.rfind("\n", 0, c.start) + 1, i)
    if not by_line:
        return
    defined = {m.group(1): m.start() for m in _FOOTNOTE_DEFINITION.finditer(body)}
    taken: dict[int, int] = {}
    for quote in quotes:
        if quote.citation is not None:
            continue
        mark = _FOOTNOTE_REF.match(body, quote.end)
        if mark is not None:
            line = defined.get(mark.group(1))
            quote.citation = by_line.get(line) if line is not None else None
            continue
        paragraph = _paragraph_end(body, quote.end)
        run = _note_run(body, paragraph, by_line)
        ordinal = taken.get(paragraph, 0)
        if ordinal < len(run):
            quote.citation = run[ordinal]
            taken[paragraph] = ordinal + 1


def _note_run(body: str, end: int, by_line: dict[int, int]) -> list[int]:
    """The first citation of each note paragraph right after the paragraph ending at `end`."""
    run: list[int] = []
    while end < len(body):
        start = end
        while start < len(body) and body[start] == "\n":
            start += 1
        if start not in by_line:
            break
        run.append(by_line[start])
        end = _paragraph_end(body, start)
    return run


MAX_CITATION_CHARS = 1600
"""The longest span a citation can have (a note's line, a LaTeX command with its arguments), so
the citations around an offset are found among those that start shortly before it."""


def _inside(offset: int, quotes: list[DraftQuote], starts: list[int]) -> bool:
    """Whether `offset` lies strictly inside one of `quotes` (sorted by their `starts`)."""
    low = bisect.bisect_left(starts, offset - MAX_QUOTE_CHARS - 2)
    high = bisect.bisect_left(starts, offset)
    return any(quotes[i].end > offset for i in range(low, high))


def _held_by_citation(quote: DraftQuote, citations: list[DraftCitation], starts: list[int]) -> bool:
    """Whether a citation's span holds the quotation (a note's quoted title, a title citation)."""
    low = bisect.bisect_left(starts, quote.start - MAX_CITATION_CHARS)
    high = bisect.bisect_right(starts, quote.start)
    return any(quote.end <= citations[i].end for i in range(low, high))


def _single_quotes(body: str) -> list[DraftQuote]:
    """Quotations in single quote marks, as British style writes them ('...' or ‘...’).

    A single mark is also an apostrophe, so each opening mark is paired with the first
    closing mark after it (one pass over both lists: linear, whatever the draft holds); a
    pair that spans a paragraph break or MAX_QUOTE_CHARS is no quotation. An apostrophe
    ending a word ("the authors' views") can still close a quotation early.
    """
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(body)]
    found: list[DraftQuote] = []
    at = 0
    taken_until = -1
    for opening in _SINGLE_OPEN.finditer(body):
        start = opening.start()
        if start < taken_until:
            continue
        at = bisect.bisect_right(closes, start, at)
        if at == len(closes):
            break
        end = closes[at] + 1
        if end - start > MAX_QUOTE_CHARS or body.find("\n\n", start, end) >= 0:
            continue
        found.append(DraftQuote(" ".join(plain_inline(body[start + 1 : end - 1]).split()), start, end))
        taken_until = end
    return found


def _block_quotes(body: str) -> list[DraftQuote]:
    """Markdown block quotes: runs of lines starting with `>`, the marker removed."""
    found: list[DraftQuote] = []
    lines = body.split("\n")
    offset, run_start, run = 0, -1, []
    for line in [*lines, ""]:
        if line.lstrip().startswith(">"):
            if run_start < 0:
                run_start = offset
            run.append(line.lstrip()[1:].strip())
        elif run_start >= 0:
            text = " ".join(plain_inline(" ".join(run)).split())
            found.append(DraftQuote(text, run_start, offset - 1, block=True))
            run_start, run = -1, []
        offset += len(line) + 1
    return found


_LATEX_BEGIN = re.compile(r"\\begin\{(quote|quotation|displayquote)\}")
_LATEX_END = re.compile(r"\\end\{(quote|quotation|displayquote)\}")
"""LaTeX's block quotations: the `quote` and `quotation` environments, csquotes' `displayquote`."""


def _latex_block_quotes(body: str) -> list[DraftQuote]:
    """A LaTeX draft's block quotations, their commands left out.

    Each opening is paired with the first closing after it (one pass over both lists, as
    single quote marks are), so a draft of unclosed environments stays linear.
    """
    ends = [(m.start(), m.end(), m.group(1)) for m in _LATEX_END.finditer(body)]
    starts = [e[0] for e in ends]
    found: list[DraftQuote] = []
    taken_until = -1
    for begin in _LATEX_BEGIN.finditer(body):
        if begin.start() < taken_until:
            continue
        at = bisect.bisect_left(starts, begin.end())
        if at == len(ends):
            break
        close_start, close_end, name = ends[at]
        if name != begin.group(1) or close_start - begin.end() > MAX_QUOTE_CHARS:
            continue
        text = " ".join(_latex_words(body[begin.end() : close_start]).split())
        found.append(DraftQuote(text, begin.start(), close_end, block=True))
        taken_until = close_end
    return found


def _paragraph_end(body: str, offset: int) -> int:
    end = body.find("\n\n", offset)
    return len(body) if end < 0 else end


def _paragraph_start(body: str, offset: int) -> int:
    start = body.rfind("\n\n", 0, offset)
    return 0 if start < 0 else start + 2


def _attach(
    body: str,
    quote: DraftQuote,
    citations: list[DraftCitation],
    starts: list[int],
    page_only: list[tuple[int, int, str, str]],
) -> None:
    """Give a quotation its citation (inside a block quote, right after it, or before it) and page.

    `starts` are the citations' offsets, in order: only those near the quotation are looked at.
    """

    def starting(low: int, high: int) -> range:
        return range(bisect.bisect_left(starts, low), bisect.bisect_left(starts, high))

    if quote.block:
        inside = list(starting(quote.start, quote.end))
        if inside:
            citation = citations[inside[-1]]
            quote.citation = inside[-1]
            quote.text = _without(quote.text, citation.text)
            return
    near = quote.end + 1 if quote.block else quote.end
    paragraph_end = body.find("\n\n", near, quote.end + NEAR_CHARS + 2)  # no further than NEAR_CHARS
    limit = min(paragraph_end if paragraph_end >= 0 else len(body), quote.end + NEAR_CHARS)
    first_page = bisect.bisect_left(page_only, (quote.end,))
    pages = [
        p
        for p in page_only[first_page : bisect.bisect_left(page_only, (limit,))]
        if not body[quote.end : p[0]].count('"')
    ]
    after = [i for i in starting(quote.end, limit) if citations[i].kind != "ibid"]
    begin = _paragraph_start(body, quote.start)
    if quote.block:
        begin = _paragraph_start(body, max(0, quote.start - 2))
    before = next(  # the nearest citation before the quotation in its paragraph
        (
            i
            for i in reversed(starting(begin, quote.start))
            if citations[i].end <= quote.start and citations[i].kind != "ibid"
        ),
        None,
    )
    if after and before is not None and _next_sentence(body, quote, citations[after[0]]):
        after = []  # 'As Chung (2009) notes, "...". Lee (2016) disagrees': the quote is Chung's
    if after and (not pages or citations[after[0]].start < pages[0][0]):
        quote.citation = after[0]
        return
    if pages:
        quote.pages, quote.paragraphs = pages[0][2], pages[0][3]
    if before is not None:
        quote.citation = before


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+[\"“‘(\[]?(?=[^\W\d_])")
"""A sentence end followed by the next sentence's first letter."""


def _next_sentence(body: str, quote: DraftQuote, citation: DraftCitation) -> bool:
    """Whether a citation after a quotation opens the next sentence instead of closing the quote's.

    It does when a sentence ends between them, or when the quotation itself ends a sentence
    ('...products."') and the citation is narrative ("Lee (2016) disagrees"); a parenthetical
    citation right after a quotation is always its own.
    """
    gap = body[quote.end : citation.start]
    bracketed = citation.kind == "parenthetical" or (citation.kind == "key" and citation.text.startswith("["))
    if bracketed and not gap.strip():
        return False
    if _SENTENCE_END.search(body, quote.end - 1, citation.start + 1):
        return True
    return (
        not bracketed
        and citation.kind != "numeric"
        and bool(re.search(r"[.!?]\W{0,3}$", body[quote.start : quote.end]))
    )


def _without(text: str, citation: str) -> str:
    """A block quote's text without the citation it ends with."""
    flat = " ".join(citation.split())
    at = text.rfind(flat)
    if at < 0:
        at = text.rfind("(" + flat.strip("()").split(";")[0])
    return text[:at].rstrip() if at > 0 else text


def quote_segments(text: str) -> list[str]:
    """A quotation's pieces between ellipses ("a … b" -> ["a", "b"]), emphasis and brackets removed."""
    plain = re.sub(r"[*_`]{1,3}", "", text)
    pieces = (s.replace("[", "").replace("]", "").strip(" \"“”'") for s in _ELLIPSIS.split(plain))
    return [piece for piece in pieces if len(piece) > 1]
