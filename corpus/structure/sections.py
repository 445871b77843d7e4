"""Section headings (Introduction, Findings, Conclusion, References...) in cleaned text.

A heading is a line of its own: a known section name ("Literature review", "3. Method"), a
numbered heading ("3.1 Data"), a Markdown heading, or, conservatively, a short title-case
paragraph without final period that is followed by body text, unless it is a date ("March 15,
2021") or a byline ("By Maria Keller and Tom Avery"), as a web article sets them under its
title. A short sentence-case paragraph also counts when it repeats an earlier table-of-contents
line, or in a web page printed from a browser (`detect_sections(sentence_case=True)`). A
formula's line, a table of contents' entry and, under a reference list, an entry are none. Each
section spans from its heading to the next heading.
"""

from __future__ import annotations

import re

from corpus.cleaning.contents import entry_kind
from corpus.metadata.capitals import UNCOUNTED_WORDS
from corpus.metadata.labelled import is_affiliation_line, is_byline, is_date_line, is_document_type_line
from corpus.structure.front_words import ABSTRACT_WORDS, INTRODUCTION_WORDS
from corpus.structure.references import is_reference_list_heading
from corpus.structure.textlines import CELL_SEPARATOR, MARKDOWN_MARK, Line, lines_of, next_filled, standalone
from corpus_core.models import Section

_KNOWN = (
    r"abstract|summary|executive summary|introduction|background|theoretical background|theory|"
    r"theoretical framework|conceptual framework|literature review|review of (?:the )?literature|"
    r"related work|"
    r"methodology|methods?|materials and methods|research (?:design|methods?|methodology)|data|"
    r"data and methods?|case study|findings|results|analysis|results and discussion|discussion|"
    r"conclusions?|concluding remarks|summary and conclusions?|limitations|implications|"
    r"(?:practical|managerial|theoretical) implications|future (?:research|work)|recommendations|"
    r"acknowledge?ments?|references|bibliography|works cited|literature cited|reference list|notes|"
    r"endnotes|appendix|appendices|contents|table of contents|glossary|about the authors?|"
    + "|".join((*ABSTRACT_WORDS, *INTRODUCTION_WORDS))
    + r"|theoretischer hintergrund|methoden?|methodik|ergebnisse|diskussion|fazit|schlussfolgerungen?|"
    r"ausblick|anhang|danksagung|méthodes?|méthodologie|résultats|annexes?|remerciements|metodolog[íi]a|m[ée]todos?|"
    r"resultados|discusi[óo]n|discuss[ãa]o|conclusi[óo]n|conclusiones|conclus[ãa]o|conclus[õo]es|anexos?|"
    r"agradecimientos|agradecimentos|metodo|risultati|discussione|conclusioni|appendice|ringraziamenti|"
    r"resultaten|discussie|conclusie|bijlage|metod|resultat|slutsatser|bilaga|metode|resultater|diskusjon|"
    r"konklusjon|vedlegg|menetelmät|tulokset|pohdinta|johtopäätökset"
)
"""Known section names: English, and the main ones in German, French, Spanish, Portuguese, Italian,
Dutch, Swedish, Norwegian and Finnish."""
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}(?:\.[A-H])?\.|[IVX]{1,5}-[A-H]\.?|[A-H]\.)"
"""A heading's number: "2.1", "2.1.", "IV.", a subsection "II.A." or "II-A" (IEEE's), "B."."""
_KNOWN_HEADING = re.compile(
    rf"^(?:{_NUMBER}\s+)?(?:{_KNOWN})(?:\s+(?:and|&)\s+[\w -]{{3,40}})?\s*:?$", re.IGNORECASE
)
_APPENDIX = re.compile(r"^appendix\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b.{0,80}$", re.IGNORECASE)
_NUMBERED = re.compile(rf"^{_NUMBER}\s+(?P<rest>[A-Z][^\n]{{1,100}})$")
_FORMULA = re.compile(r"\s[=+<>±×]\s|\(\d{1,3}\)$")
"""A displayed formula's line: an operator between spaces, or its number at the end
("R2 ( E + E′R ) . (11)")."""
_MARKDOWN = re.compile(r"^#{1,6}\s+(?P<rest>\S.{0,150})$")
_SENTENCE_END = ".!?:\"'”’)"


def _clean_title(text: str) -> str:
    """Heading text without Markdown marks, emphasis stars or a trailing colon."""
    text = MARKDOWN_MARK.sub("", text.strip())
    return " ".join(text.strip("*_ ").rstrip(":").split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’-]*", text)


def _title_case(text: str) -> bool:
    """All significant words capitalised (or the whole line in capitals)."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return True
    significant = [w for w in _words(text) if w.lower() not in UNCOUNTED_WORDS and not w[0].isdigit()]
    return bool(significant) and all(w[0].isupper() for w in significant)


def _short_line(text: str) -> bool:
    """Tell whether `text` is a short capitalised line without final punctuation, URL, tab or cells.

    CELL_SEPARATOR joins a table row's cells (the Word, ODT and EPUB readers write rows so).
    """
    words = _words(text)
    if not 2 <= len(words) <= 12 or not 4 <= len(text) <= 100:
        return False
    if (
        text[-1] in ".,;"
        or not text[0].isupper()
        or re.search(r"https?://|www\.|@|\t", text)
        or CELL_SEPARATOR in text
    ):
        return False
    return not re.match(r"^[\w /()-]{1,30}:\s+\S", text)


def _body(line: Line | None) -> bool:
    return line is not None and reads_as_body(line.stripped)


def reads_as_body(text: str) -> bool:
    """Whether a line or paragraph reads as body text: a sentence-ending paragraph or a long one."""
    words = len(re.findall(r"[^\W\d_]{2,}", text))
    return bool(text) and ((words >= 5 and text[-1] in _SENTENCE_END) or words >= 20)


def _heading(
    lines: list[Line], index: int, seen_short: set[str], sentence_case: bool = False, cited: bool = False
) -> bool:
    """Whether line `index` is a heading (see the module docstring for the rules).

    Under a reference list (`cited`), only a named or numbered heading is one: an entry set
    on one line ("Wiltshire D L, 2007 Phys. Rev. Lett. 99 251101") has a title's capitals.
    """
    text = _clean_title(lines[index].stripped)
    raw = lines[index].stripped
    if not text:
        return False
    if _MARKDOWN.match(raw):
        return True
    if _KNOWN_HEADING.match(text) or _APPENDIX.match(text):
        return len(_words(text)) <= 10
    if not standalone(lines, index) or is_affiliation_line(text):
        return False  # an affiliation under the authors ("1 School of Business, Örebro University")
    numbered = _NUMBERED.match(text)
    if numbered and _contents_entry(lines, index):
        return False
    if numbered:
        rest = numbered.group("rest")
        return _short_line(rest) or (len(_words(rest)) == 1 and rest[-1] not in ".,;")
    if cited or is_document_type_line(text) or is_date_line(text) or is_byline(text):
        return False
    if not _short_line(text) or (text[-1] == ":" and not _title_case(text)) or _FORMULA.search(text):
        return False
    if not _body(next_filled(lines, index)):
        return False
    return _title_case(text) or text.lower() in seen_short or sentence_case


def _contents_entry(lines: list[Line], index: int) -> bool:
    """Whether line `index` is an entry of a table of contents, not the heading it lists.

    An entry has dot leaders before its page number, or ends in a page number with another
    such line next to it ("1 Foo 2" over "2 Bar 2"); a heading ending in a number ("3 Study 2")
    stands among body text and headings that do not (`contents.entry_kind`).
    """
    kind = entry_kind(_clean_title(lines[index].stripped))
    if kind != "edge":
        return kind == "leader"
    before = next((lines[j] for j in range(index - 1, -1, -1) if not lines[j].blank), None)
    after = next_filled(lines, index)
    return any(line is not None and entry_kind(_clean_title(line.stripped)) for line in (before, after))


def detect_sections(text: str, sentence_case: bool = False) -> list[Section]:
    """Headings found in `text`, in order, each spanning to the next one (the last to the end).

    `sentence_case`: the text's own lines stand apart only where its layout set them apart (a
    web page printed from a browser, whose paragraphs and headings are its markup's), so a short
    line in sentence case alone between blank lines and followed by body text is a heading too
    ("What the best teams do").
    """
    lines = lines_of(text)
    starts: list[tuple[int, str]] = []
    seen_short: set[str] = set()
    cited = False
    for index, line in enumerate(lines):
        if line.blank:
            continue
        if _heading(lines, index, seen_short, sentence_case, cited):
            title = _clean_title(line.stripped)
            starts.append((line.start + len(line.text) - len(line.text.lstrip()), title))
            cited = is_reference_list_heading(title)
        elif standalone(lines, index) and _short_line(line.stripped):
            seen_short.add(_clean_title(line.stripped).lower())
    sections = []
    for number, (start, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        sections.append(Section(title=title, start=start, end=end))
    return sections
