"""An author as a user types one into a filter, matched against the works' author names.

Writers type a name as citations write it: "Chung, Y.", "Y. M. Chung", "Chung YM", "van der
Merwe, J.". The catalog keeps each work's names as displayed ("yin min chung"), so such a
query is read as a family name and the initials of the given names: the family name is
looked up in SQL, the initials are checked on the names that family name found. A query of
another form ("chung", "Yin Min Chung") is a part of a name, as before.

    query = NameQuery.parse("Chung, Y.")        # family "chung", initials "y"
    query.matches("yin min chung | louise knight")   # True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INITIAL = re.compile(r"(?:[A-Z]\.?-?){1,3}")
"""Initials as a name writes them: "Y.", "Y.M.", "YM", "J.-H."."""


def _initials(given: str) -> str:
    """The first letters of given names, lower case: "Yin Min" -> "ym", "Y. M." -> "ym", "YM" -> "ym"."""
    letters = []
    for part in re.split(r"[\s.\-]+", given.strip()):
        if not part:
            continue
        letters += list(part.lower()) if part.isupper() and len(part) <= 3 else [part[0].lower()]
    return "".join(letters)


@dataclass(frozen=True)
class NameQuery:
    """What an author filter asks for: a part of a name, or a family name with initials."""

    text: str
    """The query in lower case, matched as a part of a name."""
    family: str = ""
    """A family name read from "Family, Given", "Initials Family" or "Family Initials" ('' if none)."""
    initials: str = ""
    """The given names' initials that must start the author's ("ym" for "Y. M.")."""

    @classmethod
    def parse(cls, query: str) -> NameQuery:
        """Read a filter's author: "Family, Given", "Initials Family", "Family Initials", else a part."""
        text = " ".join(query.split())
        if "," in text:
            family, given = (part.strip() for part in text.split(",", 1))
            return (
                cls(text.lower(), family.lower(), _initials(given)) if family and given else cls(text.lower())
            )
        tokens = text.split()
        if len(tokens) >= 2:
            lead = 0
            while lead < len(tokens) - 1 and _INITIAL.fullmatch(tokens[lead]):
                lead += 1
            if lead:
                return cls(text.lower(), " ".join(tokens[lead:]).lower(), _initials(" ".join(tokens[:lead])))
            if all(_INITIAL.fullmatch(token) for token in tokens[1:]):
                return cls(text.lower(), tokens[0].lower(), _initials(" ".join(tokens[1:])))
        return cls(text.lower())

    @property
    def like(self) -> list[str]:
        """The SQL LIKE patterns on a work's names, one of which must match."""
        return [f"%{self.text}%"] + ([f"%{self.family}%"] if self.family else [])

    def matches(self, names: str) -> bool:
        """Whether a work's names (displayed, lower case, joined by " | ") answer the query."""
        if self.text in names:
            return True
        if not self.family:
            return False
        for name in names.split(" | "):
            if name == self.family or name.endswith(" " + self.family):
                given = name[: len(name) - len(self.family)].strip()
                if _initials(given).startswith(self.initials):
                    return True
        return False
