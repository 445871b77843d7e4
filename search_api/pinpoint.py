"""The pinpoint page of an in-text citation ("(Chung, 2009, p. 21)"): checked, and compared with the work.

A source without pages (a web page, a Word file) is cited by paragraph instead ("para. 4",
`check_paragraph`).

A page is what the writer gives (`corpus cite --page`, `GET /documents/{id}/cite?page=`):
"21", "21-23", "123-27" (an abbreviated range), "xii", "e12". A negative page or a range
that runs backwards is refused. A page outside the printed range of an article ("19-30")
is cited as given, with a note: most often it is the PDF viewer's page, not the printed one.
"""

from __future__ import annotations

import re

from corpus_core.errors import UsageError

_RANGE = re.compile(r"(\d+)\s*[-–—]+\s*(\d+)")
_NUMBER = re.compile(r"\d+")


def check_pinpoint(page: str | None) -> str | None:
    """`page` with its spaces tidied; None when empty; `UsageError` for what cannot be a page."""
    text = " ".join((page or "").split())
    if not text:
        return None
    if text[0] in "-–—" or not any(c.isalnum() for c in text):
        raise UsageError(f"page {page!r} is not a page: give the printed page or range, like 21 or 21-23")
    span = _span(text)
    if span is not None and span[1] < span[0]:
        raise UsageError(f"page range {page!r} runs backwards: give its first page first, like 21-23")
    return text


_PARAGRAPHS = re.compile(r"(\d{1,4})(?:\s*[-–—]+\s*(\d{1,4}))?")


def check_paragraph(paragraph: str | None) -> str | None:
    """A paragraph pinpoint ("4", "4-5"), for a source without pages; None when empty; `UsageError` else."""
    text = " ".join((paragraph or "").split())
    if not text:
        return None
    match = _PARAGRAPHS.fullmatch(text)
    if match is None:
        raise UsageError(f"paragraph {paragraph!r} is not a paragraph number: give one like 4 or 4-5")
    if match[2] and int(match[2]) < int(match[1]):
        raise UsageError(f"paragraph range {paragraph!r} runs backwards: give its first paragraph first")
    return f"{match[1]}-{match[2]}" if match[2] else match[1]


def outside_note(page: str | None, pages: str) -> str | None:
    """A note when a numeric pinpoint lies outside the work's printed range; None otherwise."""
    cited = _span(page or "")
    printed = _span(pages)
    if cited is None or printed is None or (printed[0] <= cited[0] and cited[1] <= printed[1]):
        return None
    label = f"page {page} is" if cited[0] == cited[1] else f"pages {page} are"
    return (
        f"{label} outside the work's printed pages {pages}: is it the PDF viewer's page? "
        "Search results and `corpus quote` give the printed page"
    )


def _span(text: str) -> tuple[int, int] | None:
    """First and last page of "21" or "21-23" / "123-27" (the end completed from the start)."""
    text = text.strip()
    if _NUMBER.fullmatch(text):
        return int(text), int(text)
    match = _RANGE.fullmatch(text)
    if not match:
        return None
    start, end = match[1], match[2]
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return int(start), int(end)
