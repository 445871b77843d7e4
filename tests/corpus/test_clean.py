"""clean_pages step by step: Unicode, `|` quotes, hyphenation, unwrapping, page spans, stats."""

from __future__ import annotations

import pytest

from corpus.cleaning.clean import PAGE_SEPARATOR, clean_pages
from corpus.cleaning.dehyphenate import dehyphenate, join_across_pages, keeps_hyphen, word_evidence
from corpus.cleaning.reflow import reflow
from corpus.cleaning.unicode_repair import fix_unicode, repair_pipe_quotes
from corpus_core.models import PageSpan
from corpus_core.settings import CleaningSettings


def _clean(*pages: str, fmt: str = "txt") -> str:
    return clean_pages(list(pages), CleaningSettings(), fmt=fmt).text


def test_mojibake_ligatures_and_invisible_characters_repaired() -> None:
    raw = "The caf\u00c3\u00a9 study\u200b ﬁnds ﬂows of e\u00adnergy\x07 in \ufeffsmall ﬁrms\u2010based work."
    assert _clean(raw) == "The café study finds flows of energy in small firms-based work."


def test_soft_hyphen_at_line_end_joins_word() -> None:
    text, removed = fix_unicode("organi\u00ad\nzation")
    assert (text, removed) == ("organization", 2)


def test_form_feed_and_carriage_returns_become_breaks() -> None:
    assert _clean("First paragraph ends here.\r\n\x0cSecond paragraph starts.") == (
        "First paragraph ends here.\n\nSecond paragraph starts."
    )


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("the market|s high demand", "the market's high demand"),
        ("firms don|t share", "firms don't share"),
        ("This method is called |co-creation|.", "This method is called 'co-creation'."),
        ("the process| customers| involvement", "the process' customers' involvement"),
        ("He said |learn fast.| and left", "He said 'learn fast.' and left"),
    ],
)
def test_pipe_used_as_quote_repaired(raw: str, fixed: str) -> None:
    assert repair_pipe_quotes(raw)[0] == fixed
    assert _clean(raw) == fixed


@pytest.mark.parametrize(
    "raw", ["| Name | Value |\n|------|-------|", "a | b | c", "the norm |x| of x", "p|q"]
)
def test_real_pipes_left_alone(raw: str) -> None:
    assert repair_pipe_quotes(raw) == (raw, 0)


def test_dehyphenation_uses_document_evidence_then_prefixes() -> None:
    evidence = word_evidence("problem-solving matters; research matters; the problem of solving it")
    prefixes = frozenset({"co", "re"})
    assert keeps_hyphen("problem", "solving", evidence, prefixes)
    assert not keeps_hyphen("re", "search", evidence, prefixes)
    assert keeps_hyphen("co", "creation", evidence, prefixes)
    assert not keeps_hyphen("organiza", "tional", evidence, prefixes)
    assert keeps_hyphen("value-co", "creation", evidence, prefixes)


def test_line_end_split_words_do_not_count_as_evidence() -> None:
    evidence = word_evidence("an organiza-\ntional view")
    assert "organiza" not in evidence and "tional" not in evidence
    assert "view" in evidence


def test_dehyphenate_keeps_rest_of_line_on_its_own_line() -> None:
    text, joined = dehyphenate("how organiza-\ntional learning\nworks", frozenset(), frozenset())
    assert (text, joined) == ("how organizational\nlearning\nworks", 1)


def test_a_split_already_made_one_line_is_repaired_like_one_at_a_line_end() -> None:
    """A title's lines joined by the PDF reader ("... Evi- dence from ..."): the same decision as
    at a line end; suspended hyphens and capitals after one stay."""
    rest = "self- and peer-review, Hoch- und Tiefbau, Anglo- American"
    text = f"Evi- dence from Mittelstand firms on co- creation, {rest}"
    evidence = word_evidence(text + " co-creation")
    assert "evi" not in evidence and "dence" not in evidence
    repaired, joined = dehyphenate(text, evidence, frozenset())
    assert (repaired, joined) == (f"Evidence from Mittelstand firms on co-creation, {rest}", 1)


def test_dehyphenate_upper_case_and_number_continuations() -> None:
    text, joined = dehyphenate(
        "an Anglo-\nAmerican firm, pp. 238-\n256, COVID-\n19", frozenset(), frozenset()
    )
    assert text == "an Anglo-American\nfirm, pp. 238-256, COVID-19"
    assert joined == 0


def test_a_capital_after_a_blank_line_opens_a_paragraph_not_a_word_rest() -> None:
    raw = "The interviews show that dialo-\n\nLeeds, Leeds LS2 9JT, United Kingdom."
    assert dehyphenate(raw, frozenset(), frozenset()) == (raw, 0)
    text, joined = dehyphenate("problem-solving work-\n\n\nshops over two years", frozenset(), frozenset())
    assert (text, joined) == ("problem-solving workshops\nover two years", 1)  # below a line a step dropped


BODY_LINES = [
    "Case 3 concerns a supplier in software whose account managers met",
    "customers in problem-solving workshops over five years. The",
    "interviews show that dialogue about energy practices became a",
    "learning routine, and that what was learnt in workshop 4 stayed with",
    "the team afterwards, as the managers told us in the second round of dialo-",
]
NOTES = [
    "1 On the workshops of case 1 see Argyris and Schon (1978).",
    "2 See also Senge (1990) on the learning organisation.",
]


def test_a_word_split_above_the_page_notes_is_joined_from_the_next_page() -> None:
    first = "\n".join(
        [*BODY_LINES[:3], BODY_LINES[3].replace("routine,", "routine,1"), BODY_LINES[4], *NOTES]
    )
    result = clean_pages([first, "gues we held. Case 4 concerns a retailer."], CleaningSettings(), fmt="pdf")
    page_one, page_two = (result.text[span.start : span.end] for span in result.pages)
    assert page_one.split("\n\n") == [
        " ".join(BODY_LINES).replace("dialo-", "dialogues"),
        *NOTES,
    ]
    assert page_two == "we held. Case 4 concerns a retailer."


@pytest.mark.parametrize(
    "lines",
    [
        ["The managers met customers in problem-solving work-", "", "", "shops.", *NOTES],
        ["The managers met customers in self-", "", "Figure 3. A framework.", "", "managed teams.", *NOTES],
    ],
    ids=["the-word-rest-below-a-dropped-line", "a-figure-cutting-a-word"],
)
def test_a_split_word_whose_rest_is_on_its_page_takes_nothing_from_the_next(lines: list[str]) -> None:
    page = "\n".join(lines)
    assert join_across_pages([page, "gues we held."]) == [page, "gues we held."]


def test_hyphenated_form_elsewhere_keeps_line_end_hyphen() -> None:
    raw = "Firms rely on\nproblem-solving routines. Their daily problem-\nsolving is social."
    assert _clean(raw) == "Firms rely on problem-solving routines. Their daily problem-solving is social."


def test_hard_wrapped_paragraphs_unwrapped() -> None:
    raw = (
        "Learning organisations depend on the trust that binds\n"
        "their members, and this trust grows slowly over the\n"
        "years of shared practice in teams.\n"
        "\n"
        "A second paragraph begins after the blank line and\n"
        "continues here."
    )
    assert _clean(raw) == (
        "Learning organisations depend on the trust that binds their members, and this trust grows "
        "slowly over the years of shared practice in teams.\n\n"
        "A second paragraph begins after the blank line and continues here."
    )


def test_short_last_line_and_heading_end_paragraphs() -> None:
    raw = (
        "The first paragraph runs across a few lines of the\n"
        "page before it reaches its final words and then\n"
        "stops here.\n"
        "A new paragraph starts on the next line and it runs\n"
        "on to a full stop.\n"
        "2 Related Work\n"
        "Prior studies of value co-creation focused on firms\n"
        "and their customers."
    )
    assert reflow(raw).split("\n\n") == [
        "The first paragraph runs across a few lines of the page before it reaches its final words and "
        "then stops here.",
        "A new paragraph starts on the next line and it runs on to a full stop.",
        "2 Related Work",
        "Prior studies of value co-creation focused on firms and their customers.",
    ]


def test_list_items_and_labels_keep_their_lines() -> None:
    raw = (
        "Title: Learning together\n"
        "Keywords: trust; power\n"
        "The study has three aims:\n"
        "- to describe the firm,\n"
        "- to explain its learning, and\n"
        "- to test the model."
    )
    assert reflow(raw) == (
        "Title: Learning together\n\nKeywords: trust; power\n\n"
        "The study has three aims:\n- to describe the firm,\n- to explain its learning, and\n"
        "- to test the model."
    )


def test_sentence_cut_by_blank_line_is_stitched() -> None:
    raw = "Such learning creates tensions, as a result of\n\nemployees asking searching questions."
    assert (
        _clean(raw) == "Such learning creates tensions, as a result of employees asking searching questions."
    )


def test_page_spans_exact_with_empty_pages() -> None:
    pages = ["First page  text.\n", "", " \n\t", "Fourth\npage text."]
    result = clean_pages(pages, CleaningSettings(), fmt="pdf")
    assert result.text == "First page text.\n\n\n\n\n\nFourth page text."
    assert result.pages == [PageSpan(1, 0, 16), PageSpan(2, 18, 18), PageSpan(3, 20, 20), PageSpan(4, 22, 39)]
    assert [result.text[s.start : s.end] for s in result.pages] == [
        "First page text.",
        "",
        "",
        "Fourth page text.",
    ]


def test_no_pages_gives_empty_text() -> None:
    result = clean_pages([], CleaningSettings())
    assert (result.text, result.pages, result.stats.chars_in, result.stats.chars_out) == ("", [], 0, 0)


def test_spans_follow_separator() -> None:
    result = clean_pages(["Alpha text.", "Beta text."], CleaningSettings(), fmt="pdf")
    first, second = result.pages
    assert result.text[first.end : second.start] == PAGE_SEPARATOR


def test_stats_count_characters_in_and_out() -> None:
    raw = "Skip to main content\n\nA sentence   about   trust."
    result = clean_pages([raw], CleaningSettings())
    assert result.stats.chars_in == len(raw)
    assert result.stats.chars_out == len(result.text) == len("A sentence about trust.")
    assert result.stats.removed["web_navigation"] == len("Skip to main content")
    assert result.stats.removed["whitespace"] == len(raw) - len(result.text) - len("Skip to main content")


def test_line_break_next_to_an_unwrapped_line_is_a_paragraph_break() -> None:
    abstract = "Purpose This paper aims to explore learning. " * 6
    raw = f"The Learning Organization, 2019, ahead-of-print\n{abstract.strip()}\nKeywords follow here"
    assert reflow(raw).split("\n\n") == [
        "The Learning Organization, 2019, ahead-of-print",
        abstract.strip(),
        "Keywords follow here",
    ]


def test_a_first_page_keeps_its_authors_affiliations_and_abstract_heading_apart() -> None:
    """Affiliation lines open with the authors' marks ("a School ..."): no continuation of the line before."""
    page = "\n".join(
        [
            "Henrik Lindqvist a,*, Adaeze Okafor b, Maria Svensson a",
            "a School of Business, University of Testing, Sweden",
            "b Department of Marketing, University of Lagos, Nigeria",
            "ABSTRACT",
            "A list processing system in which each list cell contains a forward and a backward link.",
        ]
    )
    assert reflow(page).split("\n\n") == page.split("\n")
    prose = "We interviewed the managers of a\nlarge firm and of a\nb Corporation about their routines."
    assert reflow(prose) == " ".join(prose.split("\n"))
