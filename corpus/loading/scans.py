"""Which PDF pages are scans to OCR: pages without text, and scans whose only text is a stamp.

A scanned paper that passed through a library's document delivery or a download portal
often carries one line of real text per page over the picture of the page ("Downloaded by
University X on 12 May 2021. For personal use only."). Such a page has text, so OCR of
"pages without text" never reached it, and the file was refused as "only 90 characters of
extractable text". A page is taken for a stamped scan when its text is short
(`STAMP_CHARS`) and it shows a picture of page size (`SCAN_PIXELS`); its OCR text replaces
the stamp only when it says much more (`replaces_stamp`), so a figure page with a caption
keeps its caption.
"""

from __future__ import annotations

from typing import Any

STAMP_CHARS = 300
"""Fewer characters of text than this on a page with a page-sized picture: a stamped scan."""
SCAN_PIXELS = 400_000
"""A picture of at least this many pixels can be a scanned page (US Letter at 72 dpi is 484,704)."""
OCR_GAIN = 4
"""OCR text replaces a stamp only when it is this many times longer ..."""
OCR_MIN_CHARS = 400
"""... and at least this long."""


def stamped_scans(reader: Any, pages: list[str]) -> list[int]:
    """Physical numbers (1-based) of pages with a little text over a page-sized picture."""
    found = []
    for number, text in enumerate(pages, start=1):
        if 0 < len(text.strip()) < STAMP_CHARS and _largest_picture(reader.pages[number - 1]) >= SCAN_PIXELS:
            found.append(number)
    return found


def replaces_stamp(stamp: str, recognised: str) -> bool:
    """Whether the OCR text of a stamped page says enough more than its text layer to replace it."""
    said = len(recognised.strip())
    return said >= OCR_MIN_CHARS and said >= OCR_GAIN * len(stamp.strip())


def _largest_picture(page: Any) -> int:
    """Pixels of the largest image the page draws (directly or in a form, one level down); 0 on any doubt."""
    try:
        return max((pixels for pixels in _pictures(page.get("/Resources")) if pixels), default=0)
    except Exception:  # a damaged resource dictionary: not a scan we can tell
        return 0


def _pictures(resources: Any, depth: int = 0) -> list[int]:
    if resources is None:
        return []
    objects = resources.get_object().get("/XObject")
    if objects is None:
        return []
    sizes = []
    for reference in objects.get_object().values():
        thing = reference.get_object()
        kind = thing.get("/Subtype")
        if kind == "/Image":
            sizes.append(int(thing.get("/Width", 0)) * int(thing.get("/Height", 0)))
        elif kind == "/Form" and depth == 0:
            sizes += _pictures(thing.get("/Resources"), depth + 1)
    return sizes
