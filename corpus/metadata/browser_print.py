"""The record a browser's print stamp gives a web page printed to PDF: its address, its title.

A page printed with the browser's headers and footers names, on every sheet, the page's title
and the address it was printed from (`corpus.cleaning.browser_print` finds the stamp and takes
it out). The address is the page's URL, as a saved page's canonical link is; a `file://` path
is the reader's own disk, not the work's address, and an address the browser shortened ("…")
is not the whole of it. A printed page is a web page unless its text says more (a journal's
line, a DOI's record): its kind is a guess, the least trusted. The time printed is when it was
read, not when it was published. Source "page-furniture".
"""

from __future__ import annotations

from corpus.cleaning.browser_print import PrintStamp, find_print_stamp
from corpus.metadata.fields import stamp
from corpus_core.models import Metadata, RawDocument

_SHORTENED = ("…", "...")


def print_stamp(raw: RawDocument) -> PrintStamp | None:
    """The browser's print stamp on a PDF's pages, None for other files or without one."""
    if raw.format != "pdf":
        return None
    return find_print_stamp([page.split("\n") for page in raw.pages])


def browser_print_record(found: PrintStamp | None) -> Metadata:
    """The page's address and title as its print stamp states them; empty without one."""
    if found is None:
        return Metadata()
    meta = Metadata()
    if found.address.startswith(("http://", "https://")) and not found.address.endswith(_SHORTENED):
        meta.url = found.address
    if not any(mark in found.title for mark in _SHORTENED):
        meta.title = found.title
    return stamp(meta, "page-furniture")
