"""Raw file text -> Document: clean, describe (metadata, language), structure (sections, references).

Pure functions over typed records, testable without a store, a model or Prefect.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from corpus.cleaning.clean import clean_pages, limit_pages
from corpus.metadata.corrections import apply_corrections
from corpus.metadata.extract import extract_metadata
from corpus.metadata.fields import IN_TITLED_BOOK
from corpus.metadata.furniture import printed_venues
from corpus.metadata.language import detect_language
from corpus.metadata.sentence_case import book_title_in_sentence_case, sentence_case
from corpus.metadata.venue_query import with_full_venue
from corpus.structure.references import split_references
from corpus.structure.sections import detect_sections
from corpus_core.errors import NoTextError
from corpus_core.models import CleaningStats, Document, Metadata, RawDocument, Section
from corpus_core.settings import Settings

TRUNCATED = "max_chars"
"""Cleaning-stats rule: characters dropped past `loading.max_chars`."""
LONG_TOKENS = "max_token_chars"
"""Cleaning-stats rule: characters cut from "words" longer than `loading.max_token_chars`."""


def limit_note(document: Document) -> str:
    """What the size limits did to a document, for its outcome's reason ('' when it was not truncated).

    "truncated to 5,000,000 characters (loading.max_chars)": the file is indexed, only its
    first `max_chars` characters of extracted text.
    """
    dropped = document.cleaning.removed.get(TRUNCATED, 0)
    if not dropped:
        return ""
    kept = document.cleaning.chars_in - dropped
    return f"truncated to {kept:,} characters (loading.max_chars)"


def _front_matter(section: Section, metadata: Metadata, text: str) -> bool:
    """Whether a detected "heading" is really the title or the author line of the first page.

    A title set over two lines can leave its second line looking like a heading ("Fifth-order
    Shallow Water-wave Models" right under "Exact Solitary-wave Solutions for the General").
    """
    title = section.title.strip().lower()
    full_title = metadata.title.strip().lower()
    if title == full_title:
        return True
    if full_title.endswith(f" {title}"):
        before = " ".join(text[max(0, section.start - len(full_title) - 20) : section.start].split())
        if before.lower().endswith(full_title[: -len(title)].strip()):
            return True
    names = [a.family.lower() for a in metadata.authors if a.family]
    return bool(names) and all(name in title for name in names)


def _without_cover(labels: list[str], page_range: str) -> list[str]:
    """Printed page numbers with a cover page's taken away.

    Numbers counted back from the pages after it would give a digital archive's or a
    publisher's cover page the number before the article's first ("127" for an article on
    pp. 128-152); when the record's page range starts on the second page, the first is a
    cover and has no printed number.
    """
    first = page_range.split("-", 1)[0].strip()
    if len(labels) > 1 and first and labels[1] == first and labels[0] != first:
        return ["", *labels[1:]]
    return labels


def _too_little_text(raw: RawDocument, stats: CleaningStats, body_chars: int, minimum: int) -> str:
    """Why a document with fewer than `minimum` characters left is not indexed.

    When cleaning took most of what was extracted (a line printed on every page of a short
    file is read as a running head), the reason says so and by which rules: the file has
    text, and the user can see what took it.
    """
    taken = {rule: n for rule, n in stats.removed.items() if rule != "whitespace"}
    cleaned_away = ""
    if sum(taken.values()) > body_chars:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(taken.items(), key=lambda item: -item[1]))
        cleaned_away = f"cleaning removed {sum(taken.values())} of the {stats.chars_in} read ({rules})"
    if raw.format != "pdf":
        reason = f"only {body_chars} characters of text after cleaning (minimum {minimum})"
        return f"{reason}: {cleaned_away}" if cleaned_away else reason
    why = (
        raw.ocr_note
        or (f"{len(raw.ocr_pages)} of them OCR'd" if raw.ocr_pages else "")
        or cleaned_away
        or "a short document, no page of it a scan (lower loading.min_chars to index it)"
    )
    pages = len(raw.pages)
    return f"only {body_chars} characters of extractable text in {pages} page(s) (minimum {minimum}): {why}"


def prepare_document(
    raw: RawDocument,
    settings: Settings,
    corrections: dict[str, object] | None = None,
    trusted: Metadata | None = None,
) -> Document:
    """Clean `raw`, extract its record and structure; NoTextError when too little text remains.

    `trusted` is a record from a reference manager (a Zotero item's), merged above the file's
    own sources; the user's `corrections` still win over it.

    The size limits of `settings.loading` apply first: text past `max_chars` is dropped and
    runs of non-space characters are cut to `max_token_chars`; the document's cleaning stats
    count both ("max_chars", "max_token_chars"), and `limit_note` says what was cut.
    """
    limited = limit_pages(raw.pages, settings.loading.max_chars, settings.loading.max_token_chars)
    cleaned = clean_pages(limited.pages, settings.cleaning, raw.format)
    cleaned.stats.chars_in += limited.truncated + limited.token_chars + limited.blank_chars
    cleaned.stats.add(TRUNCATED, limited.truncated)
    cleaned.stats.add(LONG_TOKENS, limited.token_chars)
    body_chars = len(cleaned.text.strip())
    if body_chars < settings.loading.min_chars:
        raise NoTextError(
            raw.path, _too_little_text(raw, cleaned.stats, body_chars, settings.loading.min_chars)
        )
    notes = [raw.ocr_note] if raw.ocr_note else []
    references_start, references = split_references(cleaned.text)
    metadata = extract_metadata(raw, cleaned.text, trusted, problems=notes, references=references)
    if not metadata.language:
        metadata.language = detect_language(cleaned.text[:5000])
    if corrections:
        metadata = apply_corrections(metadata, corrections)
    cited_venues = (reference.venue for reference in references)
    metadata = with_full_venue(metadata, itertools.chain(cited_venues, printed_venues(raw)))
    if metadata.language[:2] in ("", "en"):
        own_text = cleaned.text[:references_start]
        if not metadata.sentence_title:
            metadata.sentence_title = sentence_case(metadata.title, own_text, venue=metadata.venue)
        if not metadata.sentence_venue and metadata.kind in IN_TITLED_BOOK:
            metadata.sentence_venue = book_title_in_sentence_case(
                metadata.venue, own_text, metadata.publisher
            )
    pages = cleaned.pages
    if raw.page_labels and not cleaned.stats.unpaged:
        labels = _without_cover(raw.page_labels, metadata.pages)
        pages = [replace(span, label=labels[span.number - 1]) for span in pages]
    if raw.ocr_pages:
        scanned = set(raw.ocr_pages)
        pages = [replace(span, ocr=span.number in scanned) for span in pages]
    return Document(
        doc_id=raw.content_hash,
        source=raw.path,
        content_hash=raw.content_hash,
        format=raw.format,
        text=cleaned.text,
        pages=pages,
        metadata=metadata,
        sections=[
            s
            for s in detect_sections(cleaned.text, sentence_case=cleaned.stats.browser_printed)
            if not _front_matter(s, metadata, cleaned.text)
        ],
        references=references,
        cleaning=cleaned.stats,
        references_start=references_start,
        notes=notes,
    )
