"""Boilerplate rules read from `config/cleaning.toml`, compiled once per file.

The rules are data, not code, so a new kind of web or shop cruft is handled by adding a
pattern to the TOML file; see the comment at its top for the format.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus_core.errors import ConfigError

BULLETS = re.compile(r"^[\s\-–—•·▪◦‣*>»]+")
"""Leading bullets and dashes, stripped before a line is matched."""
_SEPARATORS = re.compile(r"[\W_]*")


@dataclass(frozen=True)
class Rule:
    """One named group of patterns; removals are counted under `name`."""

    name: str
    lines: re.Pattern[str] | None = None
    fragments: re.Pattern[str] | None = None
    min_fragments: int = 1
    inline: re.Pattern[str] | None = None

    def drops(self, line: str) -> bool:
        """Whether the (stripped, de-bulleted) line is boilerplate of this kind."""
        if self.lines is not None and self.lines.fullmatch(line):
            return True
        if self.fragments is not None and len(line) <= 160:
            found = self.fragments.findall(line)
            if len(found) >= self.min_fragments and _SEPARATORS.fullmatch(self.fragments.sub("", line)):
                return True
        return False


@dataclass(frozen=True)
class Rules:
    """Everything `config/cleaning.toml` defines."""

    rules: tuple[Rule, ...]
    keep: re.Pattern[str] | None = None
    trailer_fields: re.Pattern[str] | None = None
    trailer_starts: re.Pattern[str] | None = None
    """Where a shop or landing-page field starts inside flowing text (see `corpus.cleaning.flow_rules`)."""
    trailer_min_fields: int = 3
    trailer_min_share: float = 0.5
    trailer_max_lines: int = 40
    keep_prefixes: frozenset[str] = field(default_factory=frozenset)

    def is_kept(self, line: str) -> bool:
        """Whether the line is labelled metadata that must stay."""
        return self.keep is not None and self.keep.fullmatch(line) is not None

    def match(self, line: str) -> str | None:
        """Name of the first rule that drops the line, or None."""
        for rule in self.rules:
            if rule.drops(line):
                return rule.name
        return None

    def is_trailer_field(self, line: str) -> bool:
        """Whether the line looks like a shop field (for trailer detection)."""
        if self.trailer_fields is not None and self.trailer_fields.fullmatch(line):
            return True
        return self.match(line) is not None


def normalise_line(line: str) -> str:
    """Return the form rules are matched against: stripped, bullets removed, spaces collapsed."""
    return " ".join(BULLETS.sub("", line).split())


def _compile(patterns: Any, where: str) -> re.Pattern[str] | None:
    if patterns is None:
        return None
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}: expected a list of regular expressions")
    if not patterns:
        return None
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: bad regular expression {pattern!r} ({exc})") from exc
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> Rules:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: cleaning rules file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    rules = []
    for name, spec in data.get("rules", {}).items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{path}: [rules.{name}] must be a table")
        rules.append(
            Rule(
                name=name,
                lines=_compile(spec.get("lines"), f"{path} [rules.{name}] lines"),
                fragments=_compile(spec.get("fragments"), f"{path} [rules.{name}] fragments"),
                min_fragments=int(spec.get("min_fragments", 1)),
                inline=_compile(spec.get("inline"), f"{path} [rules.{name}] inline"),
            )
        )
    trailer = data.get("trailer", {})
    hyphenation = data.get("hyphenation", {})
    return Rules(
        rules=tuple(rules),
        keep=_compile(data.get("keep", {}).get("lines"), f"{path} [keep] lines"),
        trailer_fields=_compile(trailer.get("fields"), f"{path} [trailer] fields"),
        trailer_starts=_compile(trailer.get("starts"), f"{path} [trailer] starts"),
        trailer_min_fields=int(trailer.get("min_fields", 3)),
        trailer_min_share=float(trailer.get("min_share", 0.5)),
        trailer_max_lines=int(trailer.get("max_lines", 40)),
        keep_prefixes=frozenset(p.lower() for p in hyphenation.get("keep_prefixes", [])),
    )


def load_rules(path: Path) -> Rules:
    """Read and compile the rules file; cached until the file changes.

    Raises ConfigError when the file is missing, not TOML, or holds a bad pattern.
    """
    path = Path(path)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: cleaning rules file not found") from exc
    return _load(path.resolve(), mtime)
