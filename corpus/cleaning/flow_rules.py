"""Boilerplate found in the flowing text, however the layout wrapped it: phrases and shop trailers.

The line stage (`corpus.cleaning.boilerplate`) sees lines as the file drew them. A placeholder that a
narrow column wrapped over two lines ("Abbildung in dieser" / "Leseprobe nicht enthalten"),
hyphenated, or that reflow joined to its paragraph matches no line rule, and a shop trailer
joined into one long line ("ISBN (eBook) ISBN (Book) File size 1.1 MB Catalog Number ...")
looks like prose. Here both are matched on `corpus.cleaning.flowtext.flow` of the text, and the cut is
made on the original characters, so the scholarly text around them is kept as it was.

* `cut_phrases`: every rule's `inline` phrases, across line breaks, hyphenation and pages.
* `remove_flowing_trailer`: the end of the last pages is cut into pieces where a shop or
  landing-page field starts (`[trailer] starts`) and where a labelled metadata line starts
  (its value runs on to the next piece, however many lines a narrow column gave it);
  the trailer is found on those pieces by the same test as the line stage's (`min_fields`,
  `min_share`), and must hold at least two kinds of field, so a reference list quoting ISBNs
  is no trailer.

Both take time linear in the text: one flow, one regex scan per rule group, bisection to map.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from corpus.cleaning.flowtext import cut_spans, flow
from corpus.cleaning.rules import Rules, normalise_line
from corpus_core.models import CleaningStats

SHOP_TRAILER = "shop_trailer"
TAIL_CHARS = 4000
"""The trailer is looked for in at most this many characters at the end of the last page."""
MAX_FIELD_WORDS = 12
"""A piece opened by a field name and longer than this is prose that names the field."""
MAX_PROSE_WORDS = 15
"""A piece this long that is no field ends the trailer (as in the line stage)."""
_KIND = re.compile(r"[^a-z]+")
_PROSE_WORDS_TEXT = (
    "the a an and or but was were is are be been being has have had of that which who we our it its "
    "der die das und oder ist sind war le la les et est"
)
_PROSE_WORDS = frozenset(_PROSE_WORDS_TEXT.split())
"""Words of a sentence, not of a shop field: a piece holding one is prose that names a field
("The ISBN and the file size of each e-book were recorded")."""


def cut_phrases(pages: list[str], rules: Rules, stats: CleaningStats) -> list[str]:
    """The pages without any rule's `inline` phrase, matched across lines, hyphens and pages."""
    inline = [(rule.name, rule.inline) for rule in rules.rules if rule.inline is not None]
    if not inline:
        return pages
    joined = "\n".join(pages)
    flowing = flow(joined)
    found: list[tuple[int, int, str]] = []
    for name, pattern in inline:
        for match in pattern.finditer(flowing.text):
            if match.end() > match.start():
                start, end = flowing.span(match.start(), match.end())
                found.append((start, end, name))
    if not found:
        return pages
    kept: list[tuple[int, int]] = []
    for start, end, name in sorted(found):
        if kept and start < kept[-1][1]:
            continue  # overlaps a phrase another rule already cut
        kept.append((start, end))
        stats.add(name, end - start)
    result: list[str] = []
    offset = 0
    spans = iter(kept)
    pending = next(spans, None)
    for page in pages:
        end = offset + len(page)
        local: list[tuple[int, int]] = []
        while pending is not None and pending[0] < end:
            local.append((max(pending[0], offset) - offset, min(pending[1], end) - offset))
            if pending[1] > end:
                break  # the phrase goes on into the next page
            pending = next(spans, None)
        if pending is not None and pending[0] < end < pending[1]:
            pending = (end + 1, pending[1])
        result.append(cut_spans(page, [s for s in local if s[1] > s[0]]) if local else page)
        offset = end + 1
    return result


@dataclass(frozen=True)
class _Piece:
    """A piece of the trailer's flowing text: its original span, its words, what it is."""

    start: int
    end: int
    text: str
    kind: str
    """The field a `[trailer] starts` match opened the piece with ('' for none)."""
    kept: bool
    field: bool


def _pieces(tail: str, starts: re.Pattern[str], rules: Rules) -> list[_Piece]:
    """The tail's flowing text cut where a field or a labelled line starts, each piece judged."""
    flowing = flow(tail)
    kinds: dict[int, str] = {}
    for match in starts.finditer(flowing.text):
        kinds.setdefault(match.start(), _KIND.sub("", match.group().lower()))
    cuts = set(kinds) | {0, len(flowing.text)}
    offset = 0
    for line in tail.split("\n"):
        norm = normalise_line(line)
        if norm and rules.is_kept(norm):
            cuts.add(flowing.flow_offset(offset + len(line) - len(line.lstrip())))
        offset += len(line) + 1
    pieces: list[_Piece] = []
    for start, end in itertools.pairwise(sorted(cuts)):
        text = flowing.text[start:end].strip()
        if not text:
            continue
        start += len(flowing.text[start:end]) - len(flowing.text[start:end].lstrip())
        end = start + len(text)
        norm = normalise_line(text)
        kind = kinds.get(start, "")
        kept = rules.is_kept(norm)
        prose = not _PROSE_WORDS.isdisjoint(norm.lower().split())
        is_field = (
            not kept
            and not prose
            and ((bool(kind) and len(norm.split()) <= MAX_FIELD_WORDS) or rules.is_trailer_field(norm))
        )
        pieces.append(_Piece(*flowing.span(start, end), text=norm, kind=kind, kept=kept, field=is_field))
    return pieces


def remove_flowing_trailer(pages: list[str], rules: Rules, stats: CleaningStats) -> list[str]:
    """The last pages without a shop or landing-page trailer at the end, however it was wrapped.

    `pages` are the document's last pages (the last two: a trailer set in narrow columns can
    begin on the page before the last); the trailer is looked for at the end of their joined
    text and cut from each page it covers.
    """
    text = "\n".join(pages)
    spans = _flowing_trailer(text, rules, stats)
    if not spans:
        return pages
    result = []
    offset = 0
    for page in pages:
        end = offset + len(page)
        local = [(max(s, offset) - offset, min(e, end) - offset) for s, e in spans if s < end and e > offset]
        result.append(cut_spans(page, local) if local else page)
        offset = end + 1
    return result


def _flowing_trailer(page: str, rules: Rules, stats: CleaningStats) -> list[tuple[int, int]]:
    """Spans of `page` (offsets) that make up a trailer at its end; counted in `stats`."""
    if rules.trailer_starts is None or not page.strip():
        return []
    tail_from = max(0, len(page) - TAIL_CHARS)
    if tail_from:
        tail_from = page.find("\n", tail_from) + 1 or tail_from
    tail = page[tail_from:]
    pieces = _pieces(tail, rules.trailer_starts, rules)
    scanned: list[_Piece] = []
    for piece in reversed(pieces):
        words = len(piece.text.split())
        if not piece.field and (words >= MAX_PROSE_WORDS or len(piece.text) > 150):
            break
        scanned.append(piece)
        if len(scanned) >= rules.trailer_max_lines:
            break
    first = None
    fields = 0
    for k, piece in enumerate(scanned):
        fields += piece.field
        if piece.field and fields >= rules.trailer_min_fields and fields / (k + 1) >= rules.trailer_min_share:
            first = k
    if first is None:
        return []
    block = scanned[: first + 1]
    if len({piece.kind for piece in block if piece.kind}) < 2:
        return []
    spans: list[tuple[int, int]] = []
    for piece in block:
        if piece.kept:
            continue
        spans.append((tail_from + piece.start, tail_from + piece.end))
        stats.add(rules.match(piece.text) or SHOP_TRAILER, len(piece.text))
    return spans
