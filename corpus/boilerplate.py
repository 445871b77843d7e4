"""Line-level boilerplate removal: running heads and footers, page numbers, rule matches, shop trailers.

Works on pages as lists of lines so structural signals (a line repeated at the top or
bottom of most pages, a bare number at a page edge) can be seen before the lines are
joined into paragraphs. Every dropped character is counted under the rule that dropped it.
"""

from __future__ import annotations

import re
from collections import Counter

from corpus.models import CleaningStats
from corpus.rules import Rules, normalise_line

ZONE_LINES = 4
"""Non-empty lines at the top and at the bottom of a page searched for running heads."""
MAX_RUNNING_WORDS = 15
"""Longer lines are prose, even when they repeat (boilerplate "blind text" does)."""
RUNNING_LINE = "running_header"
PAGE_NUMBER = "page_number"
SHOP_TRAILER = "shop_trailer"

_ROMAN = r"(?=[ivxlcdm]{1,7}\b)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    rf"(?:(?:page|p\.|pp\.|seite|s\.)\s*)?[-–—(\[]?\s*(?:\d{{1,4}}|{_ROMAN})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|von|sur)\s*\d{1,4})?",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"\(?\d{1,3}\)?")
_NUMERIC = re.compile(r"[\d\s.,;:%()\[\]+\-–]+")
_DIGITS = re.compile(r"\d+")


def _zones(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indices of the first and of the last ZONE_LINES non-empty lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:ZONE_LINES], filled[-ZONE_LINES:]


def _zone(lines: list[str]) -> list[int]:
    """Indices of the non-empty lines at either edge of the page."""
    top, bottom = _zones(lines)
    return sorted(set(top + bottom))


def _running_key(line: str) -> str:
    """A line with digits and case normalised, so "Page 3" and "Page 4" compare equal."""
    return " ".join(_DIGITS.sub("#", line.lower()).split())


def remove_running_lines(
    pages: list[list[str]], rules: Rules, min_pages: int, share: float, stats: CleaningStats
) -> list[list[str]]:
    """Drop lines that repeat at the top or bottom of most pages (running heads, footers).

    A line counts when, digits normalised, it appears in the edge zone of at least
    `min_pages` pages and of `share` of the pages that have text.
    """
    with_text = [i for i, lines in enumerate(pages) if any(line.strip() for line in lines)]
    if len(with_text) < min_pages:
        return pages
    counts: Counter[tuple[str, str]] = Counter()
    for lines in pages:
        for edge, indices in zip(("top", "bottom"), _zones(lines), strict=True):
            keys = {_running_key(lines[i]) for i in indices}
            counts.update((edge, k) for k in keys if _could_run(k))
    needed = max(min_pages, int(share * len(with_text)))
    running = {key for key, n in counts.items() if n >= needed}
    if not running:
        return pages
    result = []
    for lines in pages:
        drop = {
            i
            for edge, indices in zip(("top", "bottom"), _zones(lines), strict=True)
            for i in indices
            if (edge, _running_key(lines[i])) in running and not rules.is_kept(normalise_line(lines[i]))
        }
        for i in drop:
            stats.add(RUNNING_LINE, len(lines[i]))
        result.append([line for i, line in enumerate(lines) if i not in drop])
    return result


def _could_run(key: str) -> bool:
    """Running heads are short and hold more than a page number."""
    return len(key.replace("#", "").strip()) >= 3 and len(key.split()) <= MAX_RUNNING_WORDS


def remove_page_numbers(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """Drop page-number lines at page edges, and bare numbers standing alone between text lines."""
    result = []
    for lines in pages:
        drop = {i for i in _zone(lines) if _PAGE_NUMBER.fullmatch(lines[i].strip())}
        filled = [i for i, line in enumerate(lines) if line.strip()]
        for pos, i in enumerate(filled):
            if i in drop or not _BARE_NUMBER.fullmatch(lines[i].strip()):
                continue
            neighbours = [lines[j].strip() for j in filled[max(0, pos - 1) : pos + 2] if j != i]
            if not any(_NUMERIC.fullmatch(n) for n in neighbours):
                drop.add(i)
        for i in drop:
            stats.add(PAGE_NUMBER, len(lines[i]))
        result.append([line for i, line in enumerate(lines) if i not in drop])
    return result


def remove_trailer(lines: list[str], rules: Rules, stats: CleaningStats) -> list[str]:
    """Drop a shop trailer: a block at the end made mostly of shop fields (ISBN, file size...).

    Scans back from the last line until a line of prose; the block starts at the earliest
    field line from which at least `min_fields` lines, and `min_share` of all lines, are
    fields. Labelled metadata lines inside it stay.
    """
    scanned: list[tuple[int, bool]] = []
    for i in range(len(lines) - 1, -1, -1):
        norm = normalise_line(lines[i])
        if not norm:
            continue
        is_field = rules.is_trailer_field(norm)
        if not is_field and (len(norm.split()) >= 15 or len(norm) > 150):
            break
        scanned.append((i, is_field))
        if len(scanned) >= rules.trailer_max_lines:
            break
    start = None
    fields = 0
    for k, (i, is_field) in enumerate(scanned):
        fields += is_field
        if is_field and fields >= rules.trailer_min_fields and fields / (k + 1) >= rules.trailer_min_share:
            start = i
    if start is None:
        return lines
    kept = lines[:start]
    for line in lines[start:]:
        norm = normalise_line(line)
        if not norm or rules.is_kept(norm):
            kept.append(line)
        else:
            stats.add(rules.match(norm) or SHOP_TRAILER, len(line))
    return kept


def apply_rules(lines: list[str], rules: Rules, stats: CleaningStats) -> list[str]:
    """Drop lines a rule matches and cut inline phrases; labelled metadata lines stay."""
    kept = []
    for line in lines:
        norm = normalise_line(line)
        if not norm or rules.is_kept(norm):
            kept.append(line)
            continue
        name = rules.match(norm)
        if name is not None:
            stats.add(name, len(line))
            continue
        for rule in rules.rules:
            if rule.inline is not None:
                cut = rule.inline.sub("", line)
                stats.add(rule.name, len(line) - len(cut))
                line = cut
        if line.strip():
            kept.append(line)
    return kept
