"""An author as a user types one into a filter, matched against the works' author names.

Writers type a name as citations write it: "Chung, Y.", "Y. M. Chung", "Chung YM", "van der
Merwe, J.", and often without its accents ("Gronroos" for Grönroos). The catalog keeps each
work's names folded (`fields.fold`: lower case, no accents, no punctuation: "christian
gronroos"; catalog schema 7), so a query is folded too and read as a part of a name, or as a family name with
the initials of the given names: the family name is looked up in SQL, the initials are
checked on the names that family name found.

    query = NameQuery.parse("Gronroos, C.")     # family "gronroos", initials "c"
    query.matches("christian gronroos | paivi voima")   # True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.metadata.fields import fold, person

_INITIAL = re.compile(r"(?:[A-Z]\.?-?){1,3}")
"""Initials as a name writes them: "Y.", "Y.M.", "YM", "J.-H."."""


def initials(given: str) -> str:
    """The first letters of given names, folded: "Yin Min" -> "ym", "Y. M." -> "ym", "YM" -> "ym"."""
    letters = []
    for part in re.split(r"[\s.\-]+", given.strip()):
        if not part:
            continue
        letters += list(part) if part.isupper() and len(part) <= 3 else [part[0]]
    return fold("".join(letters)).replace(" ", "")


def _name_initials(name: str, family: str) -> str | None:
    """The initials of a folded name's given names when its family name is `family`, else None."""
    if name != family and not name.endswith(" " + family):
        return None
    return "".join(word[0] for word in name[: len(name) - len(family)].split())


@dataclass(frozen=True)
class NameQuery:
    """What an author filter asks for: a part of a name, or a family name with initials."""

    text: str
    """The query folded, matched as a part of a name."""
    family: str = ""
    """A family name (folded) read from "Family, Given", "Initials Family" or "Family Initials"."""
    initials: str = ""
    """The given names' initials ("ym" for "Y. M."): the author's and these agree as far as the
    shorter goes ("Vargo, S." in a reference list is "S. L. Vargo")."""

    @classmethod
    def parse(cls, query: str) -> NameQuery:
        """Read a filter's author: "Family, Given", "Initials Family", "Family Initials", else a part."""
        text = " ".join(query.split())
        plain = cls(fold(text))
        if "," in text:
            family, given = (part.strip() for part in text.split(",", 1))
            return cls(plain.text, fold(family), initials(given)) if family and given else plain
        tokens = text.split()
        if len(tokens) >= 2:
            lead = 0
            while lead < len(tokens) - 1 and _INITIAL.fullmatch(tokens[lead]):
                lead += 1
            if lead:
                family = fold(" ".join(tokens[lead:]))
                return cls(plain.text, family, initials(" ".join(tokens[:lead])))
            if all(_INITIAL.fullmatch(token) for token in tokens[1:]):
                return cls(plain.text, fold(tokens[0]), initials(" ".join(tokens[1:])))
        return plain

    @property
    def like(self) -> list[str]:
        """The SQL LIKE patterns on a work's names, one of which must match."""
        return [f"%{self.text}%"] + ([f"%{self.family}%"] if self.family and self.family != self.text else [])

    def matches(self, names: str) -> bool:
        """Whether a work's names (folded, joined by " | ", as the catalog keeps them) answer the query."""
        if not self.text:
            return False  # no letter or digit asked for ("."): no name answers it
        if self.text in names:
            return True
        if not self.family:
            return False
        for name in names.split(" | "):
            given = _name_initials(name, self.family)
            if given is not None and (given.startswith(self.initials) or self.initials.startswith(given)):
                return True
        return False

    def names(self, written: str) -> bool:
        """Whether a name as a text writes it ("Vargo, S. L.", "Stephen L. Vargo") is the one asked for.

        A cheap look for the family name (or the part asked for) comes first, so a reference
        list's thousands of names are not all parsed.
        """
        wanted = self.family or self.text
        if wanted not in written.lower() and (written.isascii() or wanted not in fold(written)):
            return False
        return self.matches(fold(person(written).display))
