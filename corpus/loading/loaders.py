"""Read a file into a RawDocument: PDF text per page (pypdf, OCR where a page has none), text, HTML, Word.

Plain text and Markdown are read as one page, HTML as its main text (a page saved as one
file, MHTML or a Safari web archive, too: `corpus.loading.web_archives`), a Word document,
an OpenDocument text, an RTF file or an EPUB book as its body (`corpus.loading.word`,
`corpus.loading.opendocument`, `corpus.loading.rich_text`, `corpus.loading.epub`);
PDF pages without extractable text are OCR'd (`corpus.loading.ocr`, `loading.ocr`) and
keep their page numbers.

Each loader raises a LoadError subclass that names the file and says what to do, so a
run can report the file and go on.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import logging
import math
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import trafilatura
from charset_normalizer import from_bytes
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

from corpus.cleaning.platform_cover import find_platform_cover
from corpus.loading.epub import read_epub
from corpus.loading.legacy_word import read_legacy_word
from corpus.loading.library_messages import told_with
from corpus.loading.ocr import page_ranges, recognise_pages
from corpus.loading.opendocument import odt_info, odt_text, open_odt
from corpus.loading.page_numbers import printed_page_labels
from corpus.loading.pdf_layout import FontWidths, page_text
from corpus.loading.presentation import open_presentation, presentation_info, slide_size, slide_texts
from corpus.loading.rich_text import read_rtf
from corpus.loading.scans import replaces_stamp, stamped_scans
from corpus.loading.web_archives import mhtml_page, webarchive_page
from corpus.loading.word import open_word, word_info, word_text
from corpus.structure.textlines import markdown_heading
from corpus_core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    LoadError,
    NoTextError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from corpus_core.models import RawDocument
from corpus_core.settings import LoadingSettings

log = logging.getLogger(__name__)

SIDECAR_SUFFIXES = {".bib", ".ris", ".json", ".yaml", ".yml"}
"""Files that describe documents rather than being documents (see corpus.metadata.sidecars)."""
TITLE_PAGES = 2
"""A PDF's first pages, where its title and author blocks stand (a cover page may come first)."""


def content_hash(data: bytes) -> str:
    """Stable id of a file's bytes (first 16 hex digits of SHA-256)."""
    return hashlib.sha256(data).hexdigest()[:16]


def discover(paths: Iterable[Path], settings: LoadingSettings) -> Iterator[tuple[Path, str]]:
    """Walk files and folders recursively, yielding (path, verdict) in a stable (sorted) order.

    Every entry under a folder gets one verdict: "document" for a supported file, "sidecar"
    for a metadata file, "unsupported" for any other regular file, "special" for a fifo,
    socket or device (never opened: reading a fifo would wait forever), "broken-link" for a
    symbolic link to nothing, "link-loop" for a symbolic link that leads back to itself,
    "folder-link" for a symbolic link to a folder (not followed, so no loop can form) and
    "unreadable-folder" for a folder that cannot be listed. A symbolic link to a file
    stands for that file. Hidden files and folders are skipped without a verdict.
    """
    extensions = {e.lower() for e in settings.extensions}
    for root in paths:
        if not root.is_dir():  # a file named on its own (a link to a folder named here is walked)
            yield root, _verdict(root, extensions)
            continue
        found: list[tuple[Path, str]] = []
        failed: list[OSError] = []
        for folder, dirnames, filenames in os.walk(root, onerror=failed.append, followlinks=False):
            base = Path(folder)
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in dirnames:
                if (base / name).is_symlink():
                    found.append((base / name, "folder-link"))
            found.extend(
                (base / name, _verdict(base / name, extensions))
                for name in filenames
                if not name.startswith(".")
            )
        found.extend((Path(error.filename), "unreadable-folder") for error in failed if error.filename)
        yield from sorted(found)


def _link_verdict(path: Path) -> str:
    """What a symbolic link leads to: "file", "folder", "special", "broken-link" or "link-loop"."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return "link-loop" if exc.errno == errno.ELOOP else "broken-link"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "special"


def _verdict(path: Path, extensions: set[str]) -> str:
    """The verdict on one entry that is not a (real) folder; see `discover`."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "broken-link"  # gone between listing and looking
    if stat.S_ISLNK(mode):
        target = _link_verdict(path)
        if target == "folder":
            return "folder-link"
        if target != "file":
            return target
    elif not stat.S_ISREG(mode):
        return "special"
    suffix = path.suffix.lower()
    if suffix in extensions:
        return "document"
    if suffix in SIDECAR_SUFFIXES:
        return "sidecar"
    if ".pdf" in extensions and _starts_like_pdf(path):
        return "document"
    return "unsupported"


def is_pdf_data(data: bytes) -> bool:
    """Whether `data` (a file's bytes, or its first few) starts as a PDF does, whatever the file's name.

    Only the header at the very start counts (what `file` checks): a text file that quotes
    "%PDF-1.7" further on stays a text file.
    """
    return data.startswith(b"%PDF-")


def _starts_like_pdf(path: Path) -> bool:
    """Whether a file of another or no extension is a PDF (`viewcontent.cgi`, `download`, `10.1108_x`)."""
    try:
        with open(path, "rb") as handle:
            return is_pdf_data(handle.read(5))
    except OSError:
        return False


def size_limit_reason(size: int, settings: LoadingSettings) -> str:
    """Why a file of `size` bytes is not read ('' when it is within `loading.max_file_mb`)."""
    if size <= settings.max_file_mb * 1_000_000:
        return ""
    megabytes = size / 1_000_000
    step = 10.0 ** (math.floor(math.log10(megabytes)) - 2)  # three significant digits, rounded up
    shown = round(math.ceil(megabytes / step) * step, 9)  # so it never reads as the limit itself
    return f"file is {shown:g} MB; the limit is loading.max_file_mb = {settings.max_file_mb:g}"


def load_file(path: Path, settings: LoadingSettings, data: bytes | None = None) -> RawDocument:
    """Read `path` (or its already-read `data`) with the loader for its extension.

    A PDF is read as a PDF whatever its name (saved as `viewcontent.cgi` or `paper.txt`).
    """
    suffix = path.suffix.lower()
    enabled = {e.lower() for e in settings.extensions}
    loader = _LOADERS.get(suffix) if suffix in enabled else None
    if loader is None and ".pdf" not in enabled:
        raise UnsupportedFormatError(str(path), f"unsupported file type {suffix or '(none)'}")
    if data is None:
        try:
            too_large = size_limit_reason(path.stat().st_size, settings)
            if too_large:
                raise FileTooLargeError(str(path), too_large)
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableFileError(str(path), f"cannot read file ({exc.strerror})") from exc
    too_large = size_limit_reason(len(data), settings)
    if too_large:
        raise FileTooLargeError(str(path), too_large)
    if not data.strip():
        raise EmptyFileError(str(path), "file is empty")
    if suffix != ".pdf" and ".pdf" in enabled and is_pdf_data(data):
        loader = _load_pdf
    if loader is None:
        raise UnsupportedFormatError(str(path), f"unsupported file type {suffix or '(none)'}")
    return loader(path, data, settings)


def _load_pdf(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    """The PDF's pages; what pypdf logs about repairing the file is told with its name."""
    with told_with(str(path), "pypdf"):
        return _read_pdf(path, data, settings)


def _read_pdf(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    source = str(path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, source, settings.pdf_passwords)
        fonts = FontWidths()
        pages = [_safe_page_text(reader, i, source, fonts) for i in range(len(reader.pages))]
    except LoadError:
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedFileError(
            source, "password-protected PDF; add its password to loading.pdf_passwords"
        ) from exc
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptFileError(source, f"damaged or not a PDF ({exc.__class__.__name__}: {exc})") from exc
    ocr_pages, ocr_note = _ocr_scanned_pages(pages, stamped_scans(reader, pages), data, settings, source)
    if not any(p.strip() for p in pages):
        raise NoTextError(source, f"no extractable text in {len(pages)} page(s): image-only PDF, {ocr_note}")
    return RawDocument(
        path=source,
        content_hash=content_hash(data),
        format="pdf",
        pages=pages,
        info=_pdf_info(reader, source),
        page_labels=_uncovered(_page_labels(reader, len(pages)) or printed_page_labels(pages), pages),
        ocr_pages=ocr_pages,
        ocr_note=ocr_note,
        page_sizes=_page_sizes(reader),
    )


def _uncovered(labels: list[str], pages: list[str]) -> list[str]:
    """Page labels with a platform's cover page unnumbered (`find_platform_cover`).

    Counted back from the paper's printed numbers, a cover in front of a paper on pages 101-120
    would be page "100", and the paper's pages "100-120" where no record states them.
    """
    cover = find_platform_cover(pages) if labels else None
    if cover is None or not labels[cover]:
        return labels
    return [*labels[:cover], "", *labels[cover + 1 :]]


def _page_sizes(reader: PdfReader) -> list[tuple[float, float]]:
    """Each page's width and height as shown (its box turned by /Rotate); [] where one is unreadable."""
    try:
        boxes = [
            (float(p.mediabox.width), float(p.mediabox.height), int(p.rotation) % 180) for p in reader.pages
        ]
    except Exception:  # a broken page box says nothing of the shape
        return []
    return [(height, width) if turned == 90 else (width, height) for width, height, turned in boxes]


def _ocr_scanned_pages(
    pages: list[str], stamped: list[int], data: bytes, settings: LoadingSettings, source: str
) -> tuple[list[int], str]:
    """OCR the pages without text and the `stamped` scans (`loading.ocr = "auto"`), in place.

    A page without text takes whatever OCR reads; a stamped scan takes it only when it says
    much more than the stamp (`corpus.loading.scans`). Returns the physical numbers of the
    pages whose text now comes from OCR, and what is left to say about the pages still
    without text ('' when none is): "needs OCR" (OCR off), "needs OCR: install
    tesseract-ocr", "OCR found no text on page(s) 4-5".
    """
    empty = [number for number, text in enumerate(pages, start=1) if not text.strip()]
    if not empty and not stamped:
        return [], ""
    # A stamped scan with text pages beside it may be a figure: a missing OCR is worth
    # saying only when the pages in question are all there is.
    telling = bool(empty) or len(stamped) == sum(1 for p in pages if p.strip())
    if settings.ocr == "off":
        return [], "needs OCR (loading.ocr = off)" if telling else ""
    result = recognise_pages(data, sorted(empty + stamped), settings, source, force=bool(stamped))
    read = sorted(
        n
        for n, text in result.texts.items()
        if text.strip() and (n in empty or replaces_stamp(pages[n - 1], text))
    )
    for number in read:
        pages[number - 1] = result.texts[number]
    if result.problem:
        if empty and (read or any(p.strip() for p in pages)):
            log.warning("%s: %d page(s) without text (%s)", source, len(empty) - len(read), result.problem)
        return read, result.problem if telling else ""
    unread = [n for n in empty if n not in read]
    if read:
        log.info("%s: OCR read %d page(s)", source, len(read))
    return read, f"OCR found no text on page(s) {page_ranges(unread)}" if unread else ""


def _page_labels(reader: PdfReader, count: int) -> list[str]:
    """Printed page numbers when the PDF defines /PageLabels, else []."""
    try:
        if reader.root_object.get("/PageLabels") is None:
            return []
        labels = [str(label) for label in reader.page_labels]
    except Exception:  # broken label trees are common; physical numbers still work
        return []
    return labels if len(labels) == count else []


def _decrypt(reader: PdfReader, source: str, passwords: list[str]) -> None:
    for password in passwords:
        try:
            if reader.decrypt(password):
                return
        except (NotImplementedError, PdfReadError) as exc:
            raise EncryptedFileError(source, f"encrypted PDF that cannot be opened ({exc})") from exc
    raise EncryptedFileError(source, "password-protected PDF; add its password to loading.pdf_passwords")


def _safe_page_text(reader: PdfReader, index: int, source: str, fonts: FontWidths) -> str:
    try:
        return page_text(reader.pages[index], fonts, title_page=index < TITLE_PAGES)
    except Exception as exc:  # one unreadable page must not lose the others
        log.warning("%s: page %d unreadable (%s)", source, index + 1, exc)
        return ""


def _pdf_info(reader: PdfReader, source: str) -> dict[str, str]:
    info: dict[str, str] = {}
    try:
        meta: Mapping[str, Any] = reader.metadata or {}
        for key, value in meta.items():
            if isinstance(key, str) and value is not None:
                info[key.lstrip("/").lower()] = str(value).strip()
    except Exception as exc:  # unreadable info dictionaries are common; text still counts
        log.warning("%s: unreadable PDF info (%s)", source, exc)
    try:
        xmp = reader.xmp_metadata
    except Exception as exc:
        log.warning("%s: unreadable XMP metadata (%s)", source, exc)
        xmp = None
    if xmp is not None:
        _add_xmp(info, xmp)
    return {k: v for k, v in info.items() if v}


def _add_xmp(info: dict[str, str], xmp: Any) -> None:
    def text(value: object) -> str:
        if isinstance(value, dict):
            value = value.get("x-default") or next(iter(value.values()), "")
        if isinstance(value, list):
            return "; ".join(str(v) for v in value if v)
        return str(value or "").strip()

    for attr, key in (
        ("dc_title", "dc_title"),
        ("dc_creator", "dc_creator"),
        ("dc_date", "dc_date"),
        ("dc_subject", "dc_subject"),
        ("dc_description", "dc_description"),
    ):
        try:
            info[key] = text(getattr(xmp, attr, ""))
        except Exception:  # a broken XMP field is skipped, the rest still counts
            continue
    for field_name in ("prism:doi", "prism:publicationName"):
        try:
            value = xmp.get_element(
                "", "http://prismstandard.org/namespaces/basic/2.0/", field_name.split(":")[1]
            )  # type: ignore[attr-defined]
            if value:
                info[field_name.replace(":", "_").lower()] = str(value[0].firstChild.data).strip()
        except Exception:
            continue


_LATIN_SCRIPT_ENCODINGS = frozenset(
    [
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_9",
        "iso8859_13",
        "iso8859_15",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
    ]
)


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 first; otherwise the detected encoding, taking Windows-1252 for any Latin-script guess.

    Detectors cannot tell the Latin code pages apart on short texts, and Windows-1252 is
    by far the most common of them in papers and saved pages.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise CorruptFileError(
                str(path), "not a text file (binary content or unknown encoding)"
            ) from None
        if best.encoding in _LATIN_SCRIPT_ENCODINGS:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                pass
        log.info("%s: not UTF-8, decoded as %s", path, best.encoding)
        return str(best)


def _load_text(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    text = _decode(path, data)
    if "\x00" in text:
        raise CorruptFileError(str(path), "not a text file (contains NUL bytes)")
    return RawDocument(
        path=str(path), content_hash=content_hash(data), format=path.suffix.lower().lstrip("."), pages=[text]
    )


def _load_markdown(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    """Markdown under any of its names (`.markdown`, Quarto's `.qmd`, R Markdown's `.Rmd`): format "md"."""
    return replace(_load_text(path, data, settings), format="md")


class _MetaTags(HTMLParser):
    """Collects <meta name|property=... content=...>, <title>, the first <h1>, the canonical <link>, JSON-LD.

    Each `<script type="application/ld+json">` that parses is kept, as a JSON list under
    `info["ld+json"]` (`corpus.metadata.structured_data` reads the article's record from it).
    """

    def __init__(self, source: str = "") -> None:
        super().__init__()
        self.info: dict[str, str] = {}
        self._source = source
        self._in_title = False
        self._script: list[str] | None = None
        self._heading: list[str] | None = None
        self._linked_data: list[Any] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "h1" and "h1" not in self.info:
            self._heading = []
        elif tag == "script" and (values.get("type") or "").strip().lower() == "application/ld+json":
            self._script = []
        elif tag == "meta":
            name = (values.get("name") or values.get("property") or "").lower()
            content = (values.get("content") or "").strip()
            if name and content:
                self.info[name] = f"{self.info[name]}; {content}" if name in self.info else content
        elif tag == "link" and "canonical" in (values.get("rel") or "").lower().split():
            href = (values.get("href") or "").strip()
            if href:
                self.info.setdefault("canonical", href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "h1" and self._heading is not None:
            self.info["h1"], self._heading = " ".join("".join(self._heading).split()), None
        elif tag == "script" and self._script is not None:
            text, self._script = "".join(self._script), None
            try:
                self._linked_data.append(json.loads(text))
            except ValueError as exc:
                log.debug("%s: a JSON-LD script that does not parse is skipped (%s)", self._source, exc)
                return
            self.info["ld+json"] = json.dumps(self._linked_data)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._heading is not None:
            self._heading.append(data)
        elif self._in_title and data.strip():
            self.info["title"] = (self.info.get("title", "") + " " + data.strip()).strip()


def _load_html(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    return _html_document(path, data, _decode(path, data))


def _load_web_archive(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    source = str(path)
    page = webarchive_page(data, source) if path.suffix.lower() == ".webarchive" else mhtml_page(data, source)
    html = None
    if page.charset:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            html = page.html.decode(page.charset)
    document = _html_document(path, data, html if html is not None else _decode(path, page.html))
    if page.url:
        document.info.setdefault("content-location", page.url)
    return document


def _html_document(path: Path, data: bytes, html: str) -> RawDocument:
    """A saved page's main text (trafilatura) and its head's meta tags; `data` is the file's bytes."""
    parser = _MetaTags(str(path))
    try:
        parser.feed(html)
    except Exception as exc:  # malformed markup still has text worth extracting
        log.warning("%s: malformed HTML head (%s)", path, exc)
    # No `deduplicate`: trafilatura's cache spans the process, so a paragraph seen in three
    # earlier pages would vanish from the next one (and a page read a fourth time has no text).
    extracted = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    text = getattr(extracted, "text", None) or ""  # a Document (never the dict `as_dict` asks for)
    if not text:
        raise NoTextError(str(path), "no main text found in the HTML page")
    # trafilatura sets each paragraph, heading, list item or table row on a line of its own:
    # a blank line between them keeps them apart, as the Word, ODT and EPUB readers do (the
    # cleaning would otherwise rejoin them as the hard-wrapped lines of a PDF).
    lines = _marked_headings(
        [line for line in text.split("\n") if line.strip()], getattr(extracted, "body", None)
    )
    text = "\n\n".join(lines)
    return RawDocument(
        path=str(path), content_hash=content_hash(data), format="html", pages=[text], info=parser.info
    )


def _marked_headings(lines: list[str], body: Any) -> list[str]:
    """The main text's lines, its headings (`<h1>`-`<h6>`) marked as Markdown headings of their level.

    As the Word, ODT and EPUB readers hand headings to the section finder: a page's "What the
    best teams do" is a section, though a short line in sentence case is not taken for one on
    its own. trafilatura keeps each heading a `<head rend="h2">` of the extracted body and a
    line of the text, in the same order.
    """
    heads = [
        (int(rend[1]), " ".join("".join(head.itertext()).split()))
        for head in (body.iter("head") if body is not None else ())
        if (rend := head.get("rend") or "")[:1] == "h" and rend[1:].isdigit()
    ]
    marked, at = [], 0
    for line in lines:
        text = " ".join(line.split())
        found = next(
            (i for i in range(at, min(at + HEADING_LOOKAHEAD, len(heads))) if heads[i][1] == text), None
        )
        if found is None:
            marked.append(line)
            continue
        marked.append(markdown_heading(line.strip(), heads[found][0]))
        at = found + 1  # a heading not found as a line (its text differs) does not hold up the next
    return marked


HEADING_LOOKAHEAD = 3
"""Headings ahead of the last one found that a line is compared with."""


def _load_word(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    document = open_word(data, str(path))
    text = word_text(document, str(path))
    return _one_page(path, data, "docx", text, word_info(document), _NO_TEXT_IN_WORD)


def _load_legacy_word(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    document = read_legacy_word(data, str(path))
    return _one_page(path, data, "doc", document.text, document.info, _NO_TEXT_IN_WORD)


def _load_rtf(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    text, info = read_rtf(data, str(path))
    return _one_page(path, data, "rtf", text, info, "the RTF file has no text")


def _load_odt(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    parts = open_odt(data, str(path))
    return _one_page(
        path, data, "odt", odt_text(parts), odt_info(parts), "the OpenDocument text has no text in its body"
    )


def _load_epub(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    book = read_epub(data, str(path))
    return _read_whole(path, data, "epub", book.pages, book.info, _NO_TEXT_IN_CHAPTERS, book.labels)


def _load_presentation(path: Path, data: bytes, settings: LoadingSettings) -> RawDocument:
    deck = open_presentation(data, str(path))
    pages = slide_texts(deck)
    raw = _read_whole(
        path, data, "pptx", pages, presentation_info(deck), "the PowerPoint deck has no text on its slides"
    )
    raw.page_labels = [str(number) for number in range(1, len(pages) + 1)]
    raw.page_sizes = [slide_size(deck)] * len(pages)
    return raw


_NO_TEXT_IN_CHAPTERS = "the EPUB book has no text in its chapters"
_NO_TEXT_IN_WORD = "the Word document has no text in its body"


def _one_page(path: Path, data: bytes, fmt: str, text: str, info: dict[str, str], empty: str) -> RawDocument:
    """A document read whole as one page (it has no printed pages); NoTextError `empty` without text."""
    return _read_whole(path, data, fmt, [text], info, empty)


def _read_whole(
    path: Path,
    data: bytes,
    fmt: str,
    pages: list[str],
    info: dict[str, str],
    empty: str,
    labels: list[str] | None = None,
) -> RawDocument:
    """A document read whole: its pages, with printed numbers where it has them; NoTextError `empty`."""
    if not any(pages):
        raise NoTextError(str(path), empty)
    return RawDocument(
        path=str(path),
        content_hash=content_hash(data),
        format=fmt,
        pages=pages,
        info=info,
        page_labels=labels or [],
    )


_LOADERS: dict[str, Callable[[Path, bytes, LoadingSettings], RawDocument]] = {
    ".pdf": _load_pdf,
    ".txt": _load_text,
    ".md": _load_text,
    ".markdown": _load_markdown,
    ".qmd": _load_markdown,
    ".rmd": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_word,
    ".doc": _load_legacy_word,
    ".rtf": _load_rtf,
    ".odt": _load_odt,
    ".epub": _load_epub,
    ".pptx": _load_presentation,
    ".mhtml": _load_web_archive,
    ".mht": _load_web_archive,
    ".webarchive": _load_web_archive,
}
