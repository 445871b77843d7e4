"""Text cleaning: Unicode repair, boilerplate and running heads removed, hyphenation joined.

Works page by page so page boundaries survive as offsets into the cleaned text. The
steps, each in its own module:

1. `unicode_repair`: ftfy, invisible characters, `|` used for quotes.
2. `boilerplate`: running heads/footers and page numbers (structural signals), a shop
   trailer at the end, then the line rules of `config/cleaning.toml`.
3. `dehyphenate`: words split at line and page ends joined, real hyphens kept.
4. `reflow`: hard-wrapped lines unwrapped into paragraphs separated by a blank line.

Characters removed are counted per rule in `CleaningStats`; "whitespace" takes what no
named rule accounts for.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus import boilerplate
from corpus.dehyphenate import dehyphenate, join_across_pages, word_evidence
from corpus.models import CleaningStats, PageSpan
from corpus.reflow import normalise_spaces, reflow
from corpus.rules import load_rules
from corpus.settings import CleaningSettings
from corpus.unicode_repair import fix_unicode, repair_pipe_quotes

PAGE_SEPARATOR = "\n\n"


@dataclass
class CleanedText:
    """The cleaned text, where each source page lies in it, and what was removed."""

    text: str
    pages: list[PageSpan]
    stats: CleaningStats


def clean_pages(pages: list[str], settings: CleaningSettings, fmt: str = "txt") -> CleanedText:
    """Clean each page and join them, recording every page's span in the result.

    `pages` holds the raw text of each page with the file's line breaks (one page for
    .txt/.md/.html). Page i of the input is `text[pages[i].start:pages[i].end]` of the
    result, possibly empty. Labelled metadata lines ("Title:", "Authors:", "DOI:",
    "Keywords:", "Journal:" ...) are kept, each on its own line. `fmt` is the source
    format ("pdf", "txt", "md", "html"); the same steps apply to all of them.

    Raises ConfigError when the rules file is missing or invalid.
    """
    rules = load_rules(settings.rules_file)
    stats = CleaningStats(chars_in=sum(len(p) for p in pages))

    page_lines: list[list[str]] = []
    for page in pages:
        text, invisible = fix_unicode(page)
        stats.add("invisible_chars", invisible)
        text, _ = repair_pipe_quotes(text)
        page_lines.append([normalise_spaces(line) for line in text.split("\n")])

    page_lines = boilerplate.remove_running_lines(
        page_lines, rules, settings.repeated_line_min_pages, settings.repeated_line_share, stats
    )
    page_lines = boilerplate.remove_page_numbers(page_lines, stats)
    last = max((i for i, lines in enumerate(page_lines) if any(lines)), default=None)
    if last is not None:
        page_lines[last] = boilerplate.remove_trailer(page_lines[last], rules, stats)
    page_lines = [boilerplate.apply_rules(lines, rules, stats) for lines in page_lines]

    texts = join_across_pages(["\n".join(lines).strip() for lines in page_lines])
    evidence = word_evidence("\n\n".join(texts))
    cleaned: list[str] = []
    for text in texts:
        text, joined = dehyphenate(text, evidence, rules.keep_prefixes)
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
