"""detect_language: ISO 639-1 codes, deterministic, '' when there is too little text."""

from __future__ import annotations

from seed_texts import raw_seed

from corpus.metadata.language import detect_language


def test_seeds_are_english() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        assert detect_language(raw_seed(prefix)) == "en"


def test_other_languages() -> None:
    german = "Die Organisation lernt aus den Erfahrungen ihrer Kunden und Mitarbeiter jeden Tag etwas Neues."
    french = "L'organisation apprend des expériences de ses clients et de ses employés chaque jour."
    assert detect_language(german) == "de"
    assert detect_language(french) == "fr"


def test_deterministic() -> None:
    text = "Value co-creation in learning organizations is a collective achievement."
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_too_short_or_no_letters() -> None:
    assert detect_language("") == ""
    assert detect_language("ok") == ""
    assert detect_language("12345 67890 !!! 3.14") == ""


def test_chinese_region_suffix_is_dropped() -> None:
    assert detect_language("学习型组织是价值共创的背景。组织与客户一起学习和创新，共同创造价值。") == "zh"
