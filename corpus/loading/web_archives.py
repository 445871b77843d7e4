"""The web page inside a saved single-file archive: MHTML (.mhtml, .mht) and Safari's .webarchive.

Browsers save a page with its images and styles in one file: Chrome and Edge as MHTML (a
MIME multipart message, read with the standard library's `email`), Safari as a binary
property list (read with `plistlib`). Only the page's own HTML is taken; the loader reads
it as it reads a saved .html file. The address the page was saved from comes along, for
the record's URL.
"""

from __future__ import annotations

import email
import email.policy
import plistlib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from corpus_core.errors import CorruptFileError


@dataclass(frozen=True)
class SavedPage:
    """The HTML of a saved page, its declared charset (None when none) and the archive's address for it.

    The address is kept as the archive gives it; the record takes only an absolute http(s) one
    (`corpus.metadata.file_metadata`).
    """

    html: bytes
    charset: str | None
    url: str


def mhtml_page(data: bytes, source: str) -> SavedPage:
    """The page an MHTML file was saved from: its first HTML part, or the one at the snapshot's address.

    A page saved without resources may be a single HTML part rather than a multipart message.
    """
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or (
        message.get("MIME-Version") is None and not message.is_multipart()
    ):
        raise CorruptFileError(source, "not an MHTML archive (no MIME message inside)")
    snapshot = str(message.get("Snapshot-Content-Location") or "").strip()
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if not pages:
        raise CorruptFileError(source, "the MHTML archive holds no HTML page")
    at_snapshot = [p for p in pages if snapshot and str(p.get("Content-Location") or "").strip() == snapshot]
    main = (at_snapshot or pages)[0]
    payload = main.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise CorruptFileError(source, "the MHTML archive's HTML part cannot be decoded")
    url = snapshot or str(main.get("Content-Location") or "").strip()
    return SavedPage(payload, main.get_content_charset(), url)


def webarchive_page(data: bytes, source: str) -> SavedPage:
    """The main resource of a Safari web archive."""
    try:
        archive: Any = plistlib.loads(data)
        main = archive["WebMainResource"]
        html = main["WebResourceData"]
    except (plistlib.InvalidFileException, ValueError, KeyError, TypeError) as error:
        raise CorruptFileError(source, f"not a readable Safari web archive ({error!r})") from None
    if not isinstance(html, bytes) or "html" not in str(main.get("WebResourceMIMEType", "text/html")):
        raise CorruptFileError(source, "the web archive's main resource is not an HTML page")
    charset = main.get("WebResourceTextEncodingName")
    return SavedPage(html, str(charset) if charset else None, str(main.get("WebResourceURL") or ""))
