"""Line-level boilerplate removal: running heads and footers, page numbers, rule matches, shop trailers.

Works on pages as lists of lines so structural signals (a line repeated at the top or
bottom of most pages, a bare number at a page edge) can be seen before the lines are
joined into paragraphs. Every dropped character is counted under the rule that dropped it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from corpus.cleaning.reflow import NOTE_SYMBOLS, SENTENCE_END
from corpus.cleaning.rules import Rules, normalise_line
from corpus.loading.page_numbers import printed_page_labels
from corpus_core.models import CleaningStats

ZONE_LINES = 4
"""Non-empty lines at the top and at the bottom of a page searched for running heads."""
MAX_RUNNING_WORDS = 15
"""Longer lines are prose, even when they repeat (boilerplate "blind text" does)."""
MIN_FRAGMENT_CHARS = 12
"""A shorter edge line is not taken for a split piece of a running line."""
SHORT_DOCUMENT_PAGES = 3
"""Up to this many pages with text (and `min_pages`), a line on all pages but one is running."""
MAX_LABEL_SEARCH = 300
"""A dropped line longer than this is not searched for a labelled field inside it."""
RUNNING_LINE = "running_header"
PAGE_NUMBER = "page_number"
LINE_NUMBER = "line_number"
LINE_NUMBER_STEPS = {1: 10, 5: 5, 10: 5}
"""Step of a manuscript's line numbering -> how many numbers in a row on one page make it one."""
SHOP_TRAILER = "shop_trailer"
PREPRINT_STAMP = "preprint_stamp"
NOTE_REST_LINES = 3
"""Lines of a dropped note's wrapped rest that go with it (an address runs on to two or three)."""
_NOTE_SYMBOL = re.compile(f"[{re.escape(NOTE_SYMBOLS)}]")

_ROMAN = r"(?=[ivxlcdm]{1,7}\b)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_NUMBER = rf"(?:\d{{1,4}}|{_ROMAN})"
_PAGE_NUMBER = re.compile(
    rf"(?:(?:page|p\.|pp\.|seite|s\.)\s*)?"
    rf"(?:[-–—]\s*{_NUMBER}\s*[-–—]|\(\s*{_NUMBER}\s*\)|\[\s*{_NUMBER}\s*\]|{_NUMBER})"
    r"(?:\s*(?:of|/|von|sur)\s*\d{1,4})?",
    re.IGNORECASE,
)
"""A page number: "12", "- 12 -", "(12)", "Page 3 of 9", "xii"; never "2011)" (a wrapped citation's end)."""
_BARE_NUMBER = re.compile(r"\d{1,3}|\(\d{1,3}\)")
_LINE_NUMBER = re.compile(r"(\d{1,5})(?:[ \t]+(?=\S)|$)")
"""A line number: alone on its line, or before the line's text."""
_LINE_NUMBER_AFTER = re.compile(r"(?<![ \t])[ \t]+(\d{1,5})$")
"""A line number after the line's text (a right-hand margin read on the same line)."""
_NUMERIC = re.compile(r"[\d\s.,;:%()\[\]+\-–]+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r" ")
_NUMBERED_LABEL = re.compile(r"[^\W\d_]+\.? #(?:\.#)*[.:]?")
"""A numbered content label ("definition #", "table #:"), never a chapter head."""


def is_page_number(line: str) -> bool:
    """Whether a whole (stripped) line is a page number as `_PAGE_NUMBER` reads one."""
    return bool(_PAGE_NUMBER.fullmatch(line))


def _zones(lines: list[str]) -> tuple[list[int], list[int]]:
    """Return the indices of the first and of the last ZONE_LINES non-empty lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:ZONE_LINES], filled[-ZONE_LINES:]


def _zone(lines: list[str]) -> list[int]:
    """Return the indices of the non-empty lines at either edge of the page."""
    top, bottom = _zones(lines)
    return sorted(set(top + bottom))


def _running_key(line: str) -> str:
    """Normalise digits and case, so "Page 3" and "Page 4" compare equal.

    A number that starts the line is moved to its end: journals and books print the page
    number at the outer edge of the running head, so "412 Journal of X" (a left-hand page)
    and "Journal of X 413" (a right-hand one) are the same running line. It is not dropped:
    a chapter's own heading ("Index", on its first page) is not its running head ("112 Index").
    """
    key = _digit_key(line)
    if key.startswith("# ") and not key.endswith(" #"):
        return f"{key[2:]} #"
    return key


def _edge_keys(lines: list[str], i: int) -> tuple[str, ...]:
    """The running key of an edge line, and with the page number on a neighbouring line as its own.

    pypdf puts a running head and the page number beside it on two lines when it reads a
    page in content order (a page without columns), and on one line when the page's rows
    are rebuilt (`corpus.loading.pdf_layout`); a head with its number on a row of its own
    gives two lines either way. A line next to a page number so has both keys.
    """
    key = _running_key(lines[i])
    if key.endswith(" #"):
        return (key,)
    before = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    after = next((lines[j].strip() for j in range(i + 1, len(lines)) if lines[j].strip()), "")
    if any(_PAGE_NUMBER.fullmatch(near) for near in (before, after) if near):
        return (key, f"{key} #")
    return (key,)


def _digit_key(line: str) -> str:
    """The line in lower case, spaces collapsed, each run of digits as "#"."""
    return " ".join(_DIGITS.sub("#", line.lower()).split())


def _numbered_label(line: str) -> bool:
    """A numbered content label ("Definition 4", "Table 2:"): it recurs, but it is text."""
    return _NUMBERED_LABEL.fullmatch(_digit_key(line)) is not None


def remove_running_lines(
    pages: list[list[str]],
    rules: Rules,
    min_pages: int,
    share: float,
    stats: CleaningStats,
    byline: Callable[[str], bool] = lambda line: False,
) -> list[list[str]]:
    """Drop lines that repeat at the top or bottom of most pages (running heads, footers).

    Digits normalised, a line is running when it lies in an edge zone (first or last
    ZONE_LINES lines) of at least `min_pages` pages and of `share` of the pages with text;
    top or bottom does not matter, since reading order can put a running head of a
    multi-column page after its columns. A book's chapter heads ("8 1.2. METRIC SPACES")
    change every few pages,
    so the very first or last line also counts when it recurs on `min_pages` pages
    that make up `share` of a stretch of consecutive pages.

    A short document (two pages, or three with a cover: a letter, an extended abstract, a
    short manuscript) cannot show a line on `min_pages` pages: there a line in an edge zone
    of every page but one (and of two at least) is running when it reads like a head, not
    like a piece of wrapped prose (it starts with a capital or a digit and does not end in a
    hyphen).

    On the first page, a line over its byline (`byline`: a line naming the authors) is the
    title, where the running heads repeat it ("Learning with Customers" over "Jane Smith").
    """
    with_text = [i for i, lines in enumerate(pages) if any(line.strip() for line in lines)]
    short: set[str] = set()
    if 2 <= len(with_text) <= min(SHORT_DOCUMENT_PAGES, min_pages):
        short = _shared_edge_lines(pages, with_text)
    if len(with_text) < min_pages:
        return _drop_lines(pages, rules, stats, short, set(), byline=byline)
    zone_pages: dict[str, set[int]] = defaultdict(set)
    head_pages: dict[str, set[int]] = defaultdict(set)
    outer_pages: dict[tuple[str, str], set[int]] = defaultdict(set)
    for number, lines in enumerate(pages):
        for edge, indices in zip(("top", "bottom"), _zones(lines), strict=True):
            for rank, i in enumerate(indices if edge == "top" else indices[::-1]):
                keys = _edge_keys(lines, i)
                for key in filter(_could_run, keys):
                    zone_pages[key].add(number)
                    if _head_like(lines[i]):
                        head_pages[key].add(number)
                if rank == 0 and _could_run(keys[0]) and not _numbered_label(lines[i]):
                    outer_pages[edge, keys[0]].add(number)
    needed = max(min_pages, int(share * len(with_text)))
    running_keys = {key for key, found in zone_pages.items() if len(found) >= needed} | short
    alternating = _alternating(head_pages, with_text)
    running_keys |= alternating
    local = {key for key, found in outer_pages.items() if _dense_stretch(sorted(found), min_pages, share)}
    one_side = {key for key in alternating if len({number % 2 for number in zone_pages[key]}) == 1}
    return _drop_lines(pages, rules, stats, running_keys, local, one_side, byline)


def _head_like(line: str) -> bool:
    """Whether an edge line reads like a running head, not like wrapped prose or a numbered label.

    It starts with a capital or a digit, does not end in a hyphen and is no "Table 2".
    """
    line = line.strip()
    return not line[:1].islower() and not line.endswith("-") and not _numbered_label(line)


def _alternating(head_pages: dict[str, set[int]], with_text: list[int]) -> set[str]:
    """Heads that alternate: on every left-hand (or right-hand) page after the first.

    Journals set the authors over one side and the journal over the other, and leave the
    first page without; on a paper of four to seven pages one side may hold fewer than
    `min_pages` pages, so neither head would count as repeated. One page of the side may
    lack the head when the side has four pages or more.
    """
    found: set[str] = set()
    for parity in (0, 1):
        side = {number for number in with_text[1:] if number % 2 == parity}
        if len(side) < 2:
            continue
        allowed = 1 if len(side) >= 4 else 0
        found |= {key for key, numbers in head_pages.items() if len(side - numbers) <= allowed}
    return found


def _shared_edge_lines(pages: list[list[str]], with_text: list[int]) -> set[str]:
    """Head-like lines in an edge zone of all pages but one, as running keys."""
    found: Counter[str] = Counter()
    for number in with_text:
        lines = pages[number]
        keys = {key for i in _zone(lines) if _head_like(lines[i]) for key in _edge_keys(lines, i)}
        found.update(key for key in keys if _could_run(key))
    needed = max(2, len(with_text) - 1)
    return {key for key, count in found.items() if count >= needed}


def _drop_lines(
    pages: list[list[str]],
    rules: Rules,
    stats: CleaningStats,
    running_keys: set[str],
    local: set[tuple[str, str]],
    one_side: frozenset[str] | set[str] = frozenset(),
    byline: Callable[[str], bool] = lambda line: False,
) -> list[list[str]]:
    """Drop edge lines that are running (`running_keys`) or outermost and running locally (`local`).

    On the first page, a line that is a head of one side's pages but for its page number
    stays (`one_side`): a book's title, set over its left-hand pages ("2 Learning with
    Customers"), stands alone on its title page and is the title there. So does a chapter's
    title, which Springer sets over its pages between the chapter's number and the page's
    ("3 Learning in Service Ecosystems 47"). So does a title over its byline (`byline`).
    """
    if not running_keys and not local:
        return pages
    first = next((n for n, lines in enumerate(pages) if any(line.strip() for line in lines)), -1)
    result = []
    for number, lines in enumerate(pages):
        drop = set()
        for edge, indices in zip(("top", "bottom"), _zones(lines), strict=True):
            outermost = (indices[0] if edge == "top" else indices[-1]) if indices else -1
            for i in indices:
                keys = _edge_keys(lines, i)
                key = keys[0]
                numbered = {f"# {key}", f"{key} #"} & one_side or f"# {key} #" in running_keys
                titled = numbered or (edge == "top" and _over(lines, i, byline))
                if number == first and "#" not in key and titled:
                    continue
                repeated = any(k in running_keys or _fragment_of(k, running_keys) for k in keys)
                if (repeated or (i == outermost and (edge, key) in local)) and not rules.is_kept(
                    normalise_line(lines[i])
                ):
                    drop.add(i)
        for i in drop:
            stats.add(RUNNING_LINE, len(lines[i]))
        result.append([line for i, line in enumerate(lines) if i not in drop])
    return result


def _over(lines: list[str], i: int, byline: Callable[[str], bool]) -> bool:
    """Whether the next line with text after `lines[i]` is a byline."""
    after = next((line.strip() for line in lines[i + 1 :] if line.strip()), "")
    return bool(after) and byline(after)


def _fragment_of(key: str, running_keys: set[str]) -> bool:
    """Whether an edge line is part of a running line that this page's text split in two.

    A line that follows a colon or a slash in the running line and ends it (but for the page
    number) is not: it is the short title after the authors ("Rossi and Park: Learning from
    Customers in Service Teams", MIS Quarterly's "Rossi & Park/Customer Learning in ...") and,
    on the first page, the title itself. Elsevier's journal after the slash ("C. Grönroos, P.
    Voima / Industrial Marketing Management 40 (2011) 133–150") is followed by its issue: its
    masthead line is a piece of the running line.
    """
    return len(key) >= MIN_FRAGMENT_CHARS and any(
        key in running and not _short_title(key, running) for running in running_keys
    )


def _short_title(key: str, running: str) -> bool:
    """Whether `key` ends the running line after a colon or a slash, as a short title after its authors."""
    before, _, after = running.partition(key)
    return before.rstrip().endswith((":", "/")) and after.strip(" #") == ""


def _dense_stretch(numbers: list[int], min_pages: int, share: float) -> bool:
    """Whether some `min_pages` or more of the sorted page numbers cover `share` of their span.

    Pages a..b (indices into `numbers`) qualify when b - a + 1 >= share * (numbers[b] -
    numbers[a] + 1), i.e. when f(b) - f(a) >= share - 1 with f(i) = i - share * numbers[i]:
    one pass keeping the least f(a) among the starts far enough back, linear in the pages.
    """
    least = math.inf
    for b in range(min_pages - 1, len(numbers)):
        a = b - min_pages + 1
        least = min(least, a - share * numbers[a])
        if b - share * numbers[b] - least >= share - 1 - 1e-9:
            return True
    return False


def _could_run(key: str) -> bool:
    """Tell whether a line could be a running head: short, and more than a page number."""
    return len(key.replace("#", "").strip()) >= 3 and len(key.split()) <= MAX_RUNNING_WORDS


def remove_line_numbers(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """Drop a review manuscript's line numbers: on lines of their own, before or after the text.

    They are numbers that rise by one step (1, 5 or 10) from line to line on a page, at least
    LINE_NUMBER_STEPS[step] of them in a row (other lines may stand between them, and the two
    columns of a page make two runs). The page number check would keep them where they sit
    next to a numeric line ("pp. 21-34." wrapped onto a line of its own), and a number read
    on the same line as the text would stay in the sentence.
    """
    result = []
    for lines in pages:
        numbered = _numbering(lines)
        if not numbered:
            result.append(lines)
            continue
        kept = []
        for i, line in enumerate(lines):
            if i not in numbered:
                kept.append(line)
                continue
            start, end = numbered[i]
            rest = line.strip()[start:end]
            stats.add(LINE_NUMBER, len(line) - len(rest))
            if rest:
                kept.append(rest)
        result.append(kept)
    return result


def _numbering(lines: list[str]) -> dict[int, tuple[int, int]]:
    """The lines of a page that carry a line number: line index -> the slice of the stripped line to keep."""
    found: list[tuple[int, int, tuple[int, int]]] = []
    for i, line in enumerate(lines):
        text = line.strip()
        if before := _LINE_NUMBER.match(text):
            found.append((i, int(before.group(1)), (before.end(), len(text))))
        elif after := _LINE_NUMBER_AFTER.search(text):
            found.append((i, int(after.group(1)), (0, after.start())))
    runs: dict[tuple[int, int], list[int]] = {}
    """(step, next value expected) -> positions in `found` of the run so far."""
    for position, (_, value, _) in enumerate(found):
        for step in LINE_NUMBER_STEPS:
            run = runs.pop((step, value), None) or []
            run.append(position)  # in place: copying the run at each number made a long page quadratic
            if len(runs.get((step, value + step), ())) < len(run):
                runs[step, value + step] = run
    numbered: dict[int, tuple[int, int]] = {}
    for (step, _), run in runs.items():
        if len(run) >= LINE_NUMBER_STEPS[step]:
            numbered.update((found[p][0], found[p][2]) for p in run)
    return numbered


ARXIV_STAMP = re.compile(
    r"arXiv:\s?(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?"
    r"\s+\[(?P<category>[A-Za-z.-]+)\]\s+(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]{2})\s+(?P<year>(?:19|20)\d\d)"
)
"""The identifier arXiv prints up the left margin of a preprint's first page
("arXiv:2103.04567v2 [cs.SI] 14 Mar 2021"; before 2007 "arXiv:cs/0112017v1 [cs.LG] ...").
Text extraction puts it first on the page, where it hid the title and authors under it."""


def remove_preprint_stamps(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """Drop lines that are a preprint server's stamp (`ARXIV_STAMP`); the record keeps what it says."""
    result = []
    for lines in pages:
        kept = []
        for line in lines:
            if ARXIV_STAMP.fullmatch(line.strip()):
                stats.add(PREPRINT_STAMP, len(line))
            else:
                kept.append(line)
        result.append(kept)
    return result


def _edge_value(line: str) -> int | None:
    """The number of a page-number line written in digits ("12", "- 12 -", "Page 12 of 30"), else None."""
    if not _PAGE_NUMBER.fullmatch(line):
        return None
    digits = _DIGITS.search(line)
    return int(digits.group()) if digits else None


def remove_page_numbers(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """Drop page numbers: "12", "- 12 -", "Page 3 of 9", "xii" at a page edge, a bare number anywhere.

    A number next to other numeric lines is a table column, not a page number, and stays,
    unless it sits at the page's edge and is the page's printed number, as the pages' edges
    agree on it (`printed_page_labels`: the number below a reference's last line, "68(1), 1-17.").
    """
    printed = printed_page_labels(["\n".join(lines) for lines in pages])
    result = []
    for index, lines in enumerate(pages):
        zone = set(_zone(lines))
        filled = [i for i, line in enumerate(lines) if line.strip()]
        drop = set()
        for pos, i in enumerate(filled):
            line = lines[i].strip()
            if not (_BARE_NUMBER.fullmatch(line) or (i in zone and _PAGE_NUMBER.fullmatch(line))):
                continue
            in_sequence = bool(printed) and i in zone and str(_edge_value(line)) == printed[index]
            neighbours = [lines[j].strip() for j in filled[max(0, pos - 1) : pos + 2] if j != i]
            if in_sequence or not any(_NUMERIC.fullmatch(n) for n in neighbours):
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


def apply_rules(lines: list[str], rules: Rules, stats: CleaningStats, notes: bool = False) -> list[str]:
    """Drop lines a rule matches; labelled metadata lines stay.

    With `notes` (a PDF page, whose foot holds notes), a dropped line that opens a note with
    its symbol and stops mid-sentence ("* Corresponding author at: Department of Marketing,
    University of") takes the note's wrapped rest with it ("Leeds, Leeds LS2 9JT, United
    Kingdom."): up to NOTE_REST_LINES lines before a blank line, to the first that ends a
    sentence. Inline phrases are cut later, on the flowing text
    (`corpus.cleaning.flow_rules.cut_phrases`), where line breaks and hyphenation cannot hide them.
    """
    kept = []
    rest_of, rest_left = "", 0
    for line in lines:
        norm = normalise_line(line)
        if rest_left and norm and not rules.is_kept(norm) and rules.match(norm) is None:
            stats.add(rest_of, len(line))
            rest_left = 0 if SENTENCE_END.search(norm) else rest_left - 1
            continue
        rest_left = 0
        if not norm or rules.is_kept(norm):
            kept.append(line)
            continue
        name = rules.match(norm)
        if name is None:
            kept.append(line)
            continue
        label = _inner_label(norm, rules)
        stats.add(name, len(line) - len(label))
        if label:
            kept.append(label)
        elif notes and _NOTE_SYMBOL.match(line.lstrip()) and not SENTENCE_END.search(norm):
            rest_of, rest_left = name, NOTE_REST_LINES
    return kept


def _inner_label(norm: str, rules: Rules) -> str:
    """The labelled field a wrapped line carries after its boilerplate ("... Type: Article Keywords: x").

    A narrow column can put a label at the end of a line a rule drops; the label and what
    follows it stay, so the field's value on the next lines keeps its name.
    """
    if rules.keep is None or len(norm) > MAX_LABEL_SEARCH:
        return ""
    for space in _SPACE.finditer(norm):
        if rules.keep.fullmatch(norm, space.end()):
            return norm[space.end() :]
    return ""


def empty_page(
    pages: list[list[str]], find: Callable[[list[str]], int | None], name: str, stats: CleaningStats
) -> list[list[str]]:
    """The pages with the one `find` picks from their texts emptied, its characters counted under `name`.

    The page stays, empty, so physical page numbers hold (a book's imprint page, a platform's cover).
    """
    index = find(["\n".join(lines) for lines in pages])
    if index is None:
        return pages
    stats.add(name, sum(len(line) for line in pages[index]))
    return [[] if i == index else lines for i, lines in enumerate(pages)]
