"""A journal or venue as a user types one into a filter: its name, a part of it, or its abbreviation.

Reference lists and writers abbreviate journals: ISO 4 ("J. Acad. Mark. Sci.", "Int. J.
Learn. Intellect. Cap.", "Acad Manag J") or by initials ("AMJ", "IJLIC"). The catalog keeps a
work's venue as its record spells it ("Journal of the Academy of Marketing Science"), so a
query matches a venue when it is part of the name, or when its words abbreviate the name's
words in order (each a prefix of the next word that is not a minor one), or when it is the
initials of those words or of all its words ("TLO" for The Learning Organization).

    VenueQuery.parse("J. Acad. Mark. Sci.").matches("Journal of the Academy of Marketing Science")  # True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from corpus.metadata.capitals import FROM_PAGE
from corpus.metadata.fields import fold
from corpus_core.models import Metadata

_MINOR_TEXT = "of the and for in on a an at to de der des die fur und la le et"
MINOR_WORDS = frozenset(_MINOR_TEXT.split())
"""Words a journal's abbreviation leaves out ("Journal of the Academy ..." is "J. Acad. ..."), folded."""


def _words(venue: str) -> list[str]:
    """A venue's words that an abbreviation keeps, folded: "Journal of the Academy" -> journal, academy."""
    return [word for word in fold(venue.replace("&", " and ")).split() if word not in MINOR_WORDS]


@dataclass(frozen=True)
class VenueQuery:
    """What a venue filter asks for: a part of a name, abbreviated words, or initials."""

    text: str
    """The query in lower case, matched as a part of a venue's name."""
    words: tuple[str, ...]
    """The query's words, folded, matched as abbreviations of a venue's words."""
    initials: str
    """The query as initials ("amj"), when it is one word of capitals; else ''."""

    @classmethod
    def parse(cls, query: str) -> VenueQuery:
        """Read a filter's venue: any text; an abbreviation and initials are recognised by their form."""
        text = " ".join(query.split())
        plain = text.strip(" .")
        initials = plain.lower() if re.fullmatch(r"[A-Z]{2,8}", plain) else ""
        if not re.search(r"[^\W_]", text):
            return cls("", (), "")  # no letter or digit asked for: no venue answers it
        return cls(text.lower(), tuple(_words(text)), initials)

    def matches(self, venue: str) -> bool:
        """Whether `venue` (as a record spells it) is the one asked for."""
        if not venue or not self.text:
            return False
        if self.text in venue.lower():
            return True
        words = _words(venue)
        if self.initials and self.initials in (
            "".join(word[0] for word in words),
            "".join(word[0] for word in fold(venue.replace("&", " and ")).split()),
        ):
            return True
        return _word_by_word(list(self.words), words, lambda short, full: full.startswith(short))


_ABBREVIATED = re.compile(r"\b[^\W\d_]{1,6}\.(?=\s|$)|\bJ\b")
"""A word cut short with a full stop ("Acad.", "Mark.") or a lone "J" (Journal): an abbreviated venue."""


def looks_abbreviated(venue: str) -> bool:
    """Whether a venue is written abbreviated ("J. of the Acad. Mark. Sci.", "J Acad Mark Sci")."""
    return bool(_ABBREVIATED.search(venue))


def with_full_venue(meta: Metadata, cited_venues: Iterable[str]) -> Metadata:
    """`meta` with its venue written out: abbreviated on the page, named in full in the work itself.

    Springer's and many journals' running heads abbreviate the journal ("J. of the Acad. Mark.
    Sci. (2016) 44:5–23"), which APA and the others print in full; a paper's reference list
    often cites its own journal, written out ("Journal of the Academy of Marketing Science,
    36(1), 1–10"), and some journals' feet print it (`furniture.printed_venues`: Frontiers'
    "Frontiers in Psychology | www.frontiersin.org"). The name given most often in
    `cited_venues` that the abbreviation's words abbreviate, word for word (`_abbreviates`),
    replaces it; a venue from a sidecar, a reference manager or an edit is kept as given.
    """
    if not meta.venue or meta.sources.get("venue") not in FROM_PAGE or not looks_abbreviated(meta.venue):
        return meta
    short = _words(meta.venue)
    names = Counter(
        name
        for name in (" ".join(cited.split()).strip(" .,") for cited in cited_venues)
        if len(name) > len(meta.venue) and not looks_abbreviated(name) and _abbreviates(short, _words(name))
    )
    if names:
        meta.venue = names.most_common(1)[0][0]
    return meta


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """Whether each short word abbreviates the word in its place: its first letter, then the rest in order.

    A prefix ("Acad." for Academy) or a contraction, as Wiley writes its journals ("Strat Mgmt
    J" for Strategic Management Journal). Looser than a filter's match, so used only against
    the names a work's own references cite.
    """
    return _word_by_word(short, full, lambda word, name: word[0] == name[0] and _in_order(word, name))


def _word_by_word(short: list[str], full: list[str], fits: Callable[[str, str], bool]) -> bool:
    """Whether two or more short words each `fits` the full word in its place, as many of each."""
    return len(short) == len(full) > 1 and all(fits(a, b) for a, b in zip(short, full, strict=True))


def _in_order(letters: str, word: str) -> bool:
    rest = iter(word)
    return all(letter in rest for letter in letters)
