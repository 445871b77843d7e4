"""Text cleaning: Unicode repair, boilerplate and running heads removed, hyphenation joined.

Works page by page so page boundaries survive as offsets into the cleaned text. The
steps, each in its own module:

1. `unicode_repair`: ftfy, invisible characters, `|` used for quotes; `spaced_letters`:
   headings set letter by letter ("a b s t r a c t") read as words.
2. `boilerplate`: a sharing platform's cover page (`platform_cover`), a preprint server's
   margin stamp, a book's imprint page (`imprint_page`), a table of contents set with dot
   leaders (`contents`), a book's index (`back_index`), an e-book platform's stamp on every
   printed page (`ebook_stamp`), a browser's print head and foot on a printed web page
   (`browser_print`),
   running heads/footers and page numbers (structural signals), a shop trailer at the end,
   then the line rules of `config/cleaning.toml`; `footnotes` sets a PDF page's notes apart,
   each a paragraph, and drops their marks from the text.
3. `flow_rules`: the same file's phrases, and a shop trailer, matched on the flowing text
   (lines, hyphenation and pages joined), so no layout hides them; cuts keep the text around.
4. `dehyphenate`: words split at line and page ends joined, real hyphens kept.
5. `reflow`: hard-wrapped lines unwrapped into paragraphs separated by a blank line.

Characters removed are counted per rule in `CleaningStats`; "whitespace" takes what no
named rule accounts for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.cleaning import boilerplate, flow_rules, footnotes, front_matter
from corpus.cleaning.back_index import remove_index
from corpus.cleaning.browser_print import remove_print_stamp
from corpus.cleaning.contents import remove_contents
from corpus.cleaning.database_export import remove_database_export
from corpus.cleaning.dehyphenate import dehyphenate, join_across_pages, word_evidence
from corpus.cleaning.ebook_stamp import remove_ebook_stamps
from corpus.cleaning.imprint_page import remove_imprint_page
from corpus.cleaning.markdown_text import plain_markdown
from corpus.cleaning.news_export import remove_news_export
from corpus.cleaning.platform_cover import remove_platform_cover
from corpus.cleaning.reflow import normalise_spaces, reflow
from corpus.cleaning.rules import load_rules
from corpus.cleaning.spaced_letters import unspace_heading
from corpus.cleaning.unicode_repair import fix_unicode, repair_pipe_quotes
from corpus.metadata.labelled import is_author_line
from corpus.structure.chunking import SPACELESS
from corpus_core.models import CleaningStats, PageSpan
from corpus_core.settings import CleaningSettings

PAGE_SEPARATOR = "\n\n"


@dataclass
class CleanedText:
    """The cleaned text, where each source page lies in it, and what was removed."""

    text: str
    pages: list[PageSpan]
    stats: CleaningStats


@dataclass
class LimitedPages:
    """Pages within the size limits, and how many characters each limit dropped."""

    pages: list[str]
    truncated: int = 0
    """Characters past `max_chars` (the pages from there on are empty, so page numbers stay)."""
    token_chars: int = 0
    """Characters cut from runs of non-space characters longer than `max_token_chars`."""
    blank_chars: int = 0
    """White space dropped where more than two blank lines follow each other (counted as whitespace)."""


_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n){3,}")
"""Three or more blank lines: cleaning treats them as one paragraph break, and each line costs time."""


@lru_cache(maxsize=8)
def _long_run(max_token_chars: int) -> re.Pattern[str]:
    # Anchored at the start of a run, so each run is scanned once: linear in the text. Text in
    # scripts written without spaces (Japanese, Chinese) is words, not a run: never cut.
    word = rf"[^\s{SPACELESS}]"
    return re.compile(rf"(?<!{word}){word}{{{max_token_chars + 1},}}")


def limit_pages(pages: list[str], max_chars: int, max_token_chars: int) -> LimitedPages:
    """The pages cut to `max_chars` characters in all, each longer "word" to `max_token_chars`.

    A run of non-space characters that long is no word (base64, a table glued together, a
    stray binary stream); cutting it first keeps every later step linear in the text and
    the chunks free of junk. More than two blank lines in a row become two (cleaning makes
    one paragraph break of them anyway; a file of blank lines would cost time per line).
    Pages past the limit stay, empty, so page numbers do not move.
    """
    limited = LimitedPages(pages=[])
    room = max_chars
    pattern = _long_run(max_token_chars)

    def cut(match: re.Match[str]) -> str:
        limited.token_chars += len(match.group()) - max_token_chars
        return match.group()[:max_token_chars]

    for page in pages:
        if len(page) > room:
            limited.truncated += len(page) - room
            page = page[:room]
        room -= len(page)
        if len(page) > max_token_chars:
            page = pattern.sub(cut, page)
        collapsed = _BLANK_LINES.sub("\n\n\n", page)
        limited.blank_chars += len(page) - len(collapsed)
        limited.pages.append(collapsed)
    return limited


def clean_pages(pages: list[str], settings: CleaningSettings, fmt: str = "txt") -> CleanedText:
    """Clean each page and join them, recording every page's span in the result.

    `pages` holds the raw text of each page with the file's line breaks (one page for
    .txt/.md/.html). Page i of the input is `text[pages[i].start:pages[i].end]` of the
    result, possibly empty. Labelled metadata lines ("Title:", "Authors:", "DOI:",
    "Keywords:", "Journal:" ...) are kept, each on its own line. `fmt` is the source
    format ("pdf", "txt", "md", "html", "epub" ...): a manuscript's line numbers and a page's
    notes are looked for in a PDF only, running heads and page numbers in all but an EPUB.

    Raises ConfigError when the rules file is missing or invalid.
    """
    rules = load_rules(settings.rules_file)
    stats = CleaningStats(chars_in=sum(len(p) for p in pages))
    if fmt in front_matter.FORMATS and pages:  # a note's YAML record, read by corpus.metadata.front_matter
        first, removed = front_matter.strip_front_matter(pages[0])
        pages = [first, *pages[1:]]
        stats.add("front_matter", removed)
    if fmt == "md":  # emphasis marks, link targets, code chunks: not the note's words
        plain = [plain_markdown(page) for page in pages]
        pages = [p.text for p in plain]
        stats.add("markdown", sum(p.markup for p in plain))
        stats.add("code", sum(p.code for p in plain))

    page_lines: list[list[str]] = []
    for page in pages:
        text, invisible = fix_unicode(page)
        stats.add("invisible_chars", invisible)
        text, _ = repair_pipe_quotes(text)
        page_lines.append(
            [words for line in text.split("\n") for words in unspace_heading(normalise_spaces(line))]
        )

    if fmt == "pdf":  # a manuscript's line numbers; in a text file such numbers are the author's
        page_lines = boilerplate.remove_line_numbers(page_lines, stats)
        page_lines = remove_platform_cover(page_lines, stats)
        page_lines = remove_imprint_page(page_lines, stats)
    page_lines = remove_database_export(page_lines, stats)
    page_lines = remove_news_export(page_lines, stats)
    if fmt == "pdf":
        page_lines = remove_ebook_stamps(page_lines, stats)
        page_lines = remove_print_stamp(page_lines, stats)
    page_lines = boilerplate.remove_preprint_stamps(page_lines, stats)
    page_lines = remove_contents(page_lines, stats)
    page_lines = remove_index(page_lines, stats)
    furniture = fmt != "epub"  # an EPUB's pages are page breaks in its markup: no heads or numbers
    if furniture:
        page_lines = boilerplate.remove_running_lines(
            page_lines,
            rules,
            settings.repeated_line_min_pages,
            settings.repeated_line_share,
            stats,
            byline=is_author_line,
        )
    if fmt == "pdf":  # notes at a page's foot; a text file has no pages to set them at the foot of
        page_lines = [footnotes.set_apart(lines, stats) for lines in page_lines]
    if furniture:
        page_lines = boilerplate.remove_page_numbers(page_lines, stats)
    last = max((i for i, lines in enumerate(page_lines) if any(lines)), default=None)
    if last is not None:
        page_lines[last] = boilerplate.remove_trailer(page_lines[last], rules, stats)
        tail = [i for i, lines in enumerate(page_lines[: last + 1]) if any(lines)][-2:]
        texts = flow_rules.remove_flowing_trailer(["\n".join(page_lines[i]) for i in tail], rules, stats)
        for i, text in zip(tail, texts, strict=True):
            page_lines[i] = text.split("\n")
    page_lines = [boilerplate.apply_rules(lines, rules, stats, notes=fmt == "pdf") for lines in page_lines]

    texts = flow_rules.cut_phrases(["\n".join(lines) for lines in page_lines], rules, stats)
    texts = join_across_pages([text.strip() for text in texts])
    evidence = word_evidence("\n\n".join(texts))
    cleaned: list[str] = []
    for text in texts:  # a browser broke a printed page's lines at real hyphens only
        text, joined = dehyphenate(text, evidence, rules.keep_prefixes, hard=stats.browser_printed)
        stats.add("dehyphenation", joined)
        cleaned.append(reflow(text))

    spans: list[PageSpan] = []
    offset = 0
    for number, text in enumerate(cleaned, start=1):
        if number > 1:
            offset += len(PAGE_SEPARATOR)
        spans.append(PageSpan(number, offset, offset + len(text)))
        offset += len(text)
    result = PAGE_SEPARATOR.join(cleaned)
    stats.chars_out = len(result)
    stats.add("whitespace", max(0, stats.chars_in - stats.chars_out - sum(stats.removed.values())))
    return CleanedText(text=result, pages=spans, stats=stats)
