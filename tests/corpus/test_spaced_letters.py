"""Headings set letter by letter are read as the words they spell, and nothing else is touched."""

from __future__ import annotations

import pytest

from corpus.cleaning.spaced_letters import unspace_heading


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a b s t r a c t", ["Abstract"]),
        ("a r t i c l e i n f o", ["Article info"]),
        ("A R T I C L E I N F O", ["ARTICLE INFO"]),
        ("a r t i c l e i n f o a b s t r a c t", ["Article info", "Abstract"]),
        ("R E F E R E N C E S", ["REFERENCES"]),
        ("H i g h l i g h t s", ["Highlights"]),
        ("Z U S A M M E N F A S S U N G", ["ZUSAMMENFASSUNG"]),
        ("r é s u m é", ["Résumé"]),
        ("a b c d", ["a b c d"]),
        ("x y z w v", ["x y z w v"]),
        ("a b s t r a c t s", ["a b s t r a c t s"]),
        ("Abstract", ["Abstract"]),
        ("a 1 b 2", ["a 1 b 2"]),
        ("", [""]),
    ],
)
def test_only_lines_that_spell_headings_are_rewritten(line: str, expected: list[str]) -> None:
    assert unspace_heading(line) == expected
