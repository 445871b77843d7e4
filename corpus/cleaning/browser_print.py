"""A browser's print head and foot, found on a web page printed to PDF and taken out.

A page printed from Chrome, Edge, Firefox or Safari with the browser's headers and footers
(their default) carries on every sheet the date and time it was printed, the page's title, its
address and the sheet's number: Chrome sets "12/7/26, 3:29 AM  How Service Teams Learn | Journal
of Service Theory" over each sheet and "https://journal.example.org/article/142  2/4" under it.
A long title makes the head too long for a running line (`boilerplate.MAX_RUNNING_WORDS`), and
the page's own title, a piece of that head, would go as one. So the stamp is found by its own
shape among a sheet's first and last lines: a line with a date and a clock time (the title
beside them), or a web address with the sheet's number ("2/4", "Page 2 of 4": the sheet's own of
all of them) or beside the title. Each must stand on every sheet (all but one from three on),
an address among them, and the sheets' numbers on one at least, or the time on two sheets or
more (a page of one sheet that states a time and an address is not told from a printed one by
them): a journal's address at every page's foot has neither and is left to the running
lines. One such line on every sheet makes the others there (Firefox's "Title https://...")
the stamp's too. What the stamp
states, the page's address and title, is read by `corpus.metadata.browser_print`; the time it
was printed is when it was read, not the work's date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from corpus_core.models import PRINT_STAMP, CleaningStats

EDGE_LINES = 3
"""Non-empty lines at the top and at the bottom of a sheet searched for the stamp."""
MAX_STAMP_CHARS = 600
"""A longer line is the page's text: a browser shortens a long title or address to fit its margin."""

_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?"
_COUNTER = r"(?:(?:page|seite|p\.)\s*)?(?P<n{0}>\d{{1,4}})\s*(?:/|of|von|sur|de)\s*(?P<total{0}>\d{{1,4}})"
_ADDRESS = r"(?P<address>(?:https?|file)://\S+)"
_TIMED = re.compile(
    rf"(?:{_COUNTER.format(1)}\s+)?(?:(?P<before>.+?)\s+)?{_DATE},?\s+{_CLOCK}"
    rf"(?:\s+(?P<title>.+?))?(?:\s+{_COUNTER.format(2)})?",
    re.IGNORECASE,
)
"""A print head (or a foot) with the time printed: "12/7/26, 3:29 AM Title" (Chrome), "Title
07/12/2026, 15:29", "1 of 4 07/12/2026, 15:29"."""
_ADDRESSED = re.compile(
    rf"(?:{_COUNTER.format(1)}\s+)?(?:(?P<title>.+?)\s+)?{_ADDRESS}(?:\s+{_COUNTER.format(2)})?",
    re.IGNORECASE,
)
"""A print foot (or a head) holding the page's address: "https://... 2/4", "Title https://...",
"Page 2 of 4 https://..."."""


@dataclass
class PrintStamp:
    """A browser's print stamp: the page's title and address as it states them, and where it stands."""

    title: str = ""
    address: str = ""
    lines: dict[int, set[int]] = field(default_factory=dict)
    """Sheet (index into the pages) -> indices of its stamp's lines."""


@dataclass
class _Seen:
    sheets: dict[int, set[int]] = field(default_factory=dict)
    """Sheet -> indices of its lines that are this stamp line."""
    title: str = ""
    address: str = ""
    counted: bool = False
    """The sheet's own number "n/N" was seen with it: a browser's, not a journal's page number."""
    timed: bool = False
    """It holds the time printed."""


def find_print_stamp(pages: list[list[str]]) -> PrintStamp | None:
    """The browser's print stamp on `pages` (each a sheet's lines), None where they carry none."""
    with_text = [number for number, lines in enumerate(pages) if any(line.strip() for line in lines)]
    needed = len(with_text) - (1 if len(with_text) >= 3 else 0)
    seen: dict[tuple[str, str], _Seen] = {}
    for number in with_text:
        filled = [i for i, line in enumerate(pages[number]) if line.strip()]
        for i in sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])):
            if len(pages[number][i]) > MAX_STAMP_CHARS:
                continue
            line = " ".join(unicodedata.normalize("NFKC", pages[number][i]).split())
            for kind, pattern in (("title", _TIMED), ("address", _ADDRESSED)):
                found = pattern.fullmatch(line)
                if found is None or not _sheet_counted(found, number, len(pages)) or _doi_link(found):
                    continue
                title = found["title"] or found.groupdict().get("before") or ""
                title = "" if "://" in title else title
                key = title if kind == "title" else found["address"]
                line_seen = seen.setdefault((kind, key.casefold()), _Seen())
                line_seen.sheets.setdefault(number, set()).add(i)
                line_seen.title = line_seen.title or title
                line_seen.address = line_seen.address or found.groupdict().get("address") or ""
                line_seen.counted |= bool(found["n1"] or found["n2"])
                line_seen.timed |= kind == "title"
    stamped = {key: line_seen for key, line_seen in seen.items() if len(line_seen.sheets) >= max(1, needed)}
    counted = any(line_seen.counted for line_seen in stamped.values())
    timed = len(with_text) >= 2 and any(line_seen.timed for line_seen in stamped.values())
    if not (counted or timed) or all(kind != "address" for kind, _ in stamped):
        return None
    stamp = PrintStamp()
    for line_seen in stamped.values():
        for number, indices in line_seen.sheets.items():
            stamp.lines.setdefault(number, set()).update(indices)
        stamp.title = stamp.title or line_seen.title
        stamp.address = stamp.address or line_seen.address
    return stamp


def _doi_link(found: re.Match[str]) -> bool:
    """Whether a stamp line's address is a DOI's link: a paper's own foot, never a browser's.

    A browser shows the address the DOI led it to (the publisher's page); a preprint may foot
    its pages with "https://doi.org/10.31235/... Page 3 of 20".
    """
    return "doi.org/" in (found.groupdict().get("address") or "").lower()


def _sheet_counted(found: re.Match[str], number: int, sheets: int) -> bool:
    """Whether a stamp line's sheet numbers, where it has them, are this sheet's of all the sheets."""
    for n, total in (("n1", "total1"), ("n2", "total2")):
        if found[n] and (int(found[n]) != number + 1 or int(found[total]) != sheets):
            return False
    return True


def remove_print_stamp(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """The pages without a browser's print stamp (see the module doc)."""
    stamp = find_print_stamp(pages)
    if stamp is None:
        return pages
    out: list[list[str]] = []
    for number, lines in enumerate(pages):
        drop = stamp.lines.get(number, set())
        stats.add(PRINT_STAMP, sum(len(lines[i]) for i in drop))
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out
