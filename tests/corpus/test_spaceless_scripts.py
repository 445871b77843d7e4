"""Japanese and Chinese text (no spaces between words) is neither cut as a "long word" nor left unsplit.

`loading.max_token_chars` cuts runs of non-space characters (base64, glued tables); a
paragraph of kana and ideographs is words, each character one, and must survive whole and
be chunked within the token limit.
"""

from __future__ import annotations

from corpus.cleaning.clean import limit_pages
from corpus.structure.chunking import _split_long

PARAGRAPH = "調査の結果、リーダーシップが対話を促進し、顧客との協働を可能にすることが示された。" * 20


def test_a_long_japanese_paragraph_is_not_cut() -> None:
    limited = limit_pages([PARAGRAPH], max_chars=1_000_000, max_token_chars=100)
    assert limited.pages == [PARAGRAPH]
    assert limited.token_chars == 0


def test_latin_runs_beside_kana_are_still_cut() -> None:
    page = "価値" + "x" * 300 + "共創 " + "y" * 150
    limited = limit_pages([page], max_chars=1_000_000, max_token_chars=100)
    assert limited.pages == ["価値" + "x" * 100 + "共創 " + "y" * 100]
    assert limited.token_chars == 250


def test_a_spaceless_sentence_splits_into_pieces() -> None:
    pieces = _split_long(PARAGRAPH, (0, len(PARAGRAPH)), tokens=800, max_tokens=200)
    assert len(pieces) == 4
    assert pieces[0][0] == 0 and pieces[-1][1] == len(PARAGRAPH)
    assert all(end - start < len(PARAGRAPH) // 3 for start, end in pieces)
