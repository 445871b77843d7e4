"""`corpus check`'s parts: citations and quotations parsed from drafts, resolution, and a whole unseen draft.

The draft test runs against PDFs made from the seeds (`writing_corpus`): it cites some works
correctly, one with the wrong year, one with a quotation on the wrong page, one work the
corpus does not hold and an "(ibid.)"; the report must flag exactly those, give the right
page, and list exactly the cited works.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from corpus_core.errors import CitationError, CorruptFileError, FileTooLargeError, UnsupportedFormatError
from corpus_core.models import Metadata, Person
from indexing.catalog import WorkRecord
from search_api import Corpus
from search_api.draft_check import WorkResolver, page_set
from search_api.draft_citations import parse_draft, read_draft
from search_api.snippets import snippet
from tests.search_api.writing_corpus import (
    CHUNG,
    LEARNING,
    SUPPORT,
    WritingCorpus,
    unseen_draft,
)


def _cites(text: str) -> list[tuple[str, list[str], bool, str, str, str]]:
    return [(c.kind, c.authors, c.et_al, c.year, c.pages, c.title) for c in parse_draft(text).citations]


def test_the_common_citation_forms_are_parsed() -> None:
    text = (
        "As shown (Chung, 2009, p. 21), Chung (2009) and Kohtamäki and Rajala (2016) agree "
        "(Senge, 1990; Garvin, 1993). Later (Garvin et al., 2008, pp. 3-4) and (ibid.). "
        "Garvin, Edmondson and Gino (2008, p. 5) too (Chung 2009, 21), (see Prahalad & Ramaswamy, 2004: 7), "
        '("The Support of Value Co-creation", 2016). Not citations: (founded in 2009), (N = 2009), (p. 4).'
    )
    assert _cites(text) == [
        ("parenthetical", ["Chung"], False, "2009", "21", ""),
        ("narrative", ["Chung"], False, "2009", "", ""),
        ("narrative", ["Kohtamäki", "Rajala"], False, "2016", "", ""),
        ("parenthetical", ["Senge"], False, "1990", "", ""),
        ("parenthetical", ["Garvin"], False, "1993", "", ""),
        ("parenthetical", ["Garvin"], True, "2008", "3-4", ""),
        ("ibid", [], False, "", "", ""),
        ("narrative", ["Garvin", "Edmondson", "Gino"], False, "2008", "5", ""),
        ("parenthetical", ["Chung"], False, "2009", "21", ""),
        ("parenthetical", ["Prahalad", "Ramaswamy"], False, "2004", "7", ""),
        ("parenthetical", [], False, "2016", "", "The Support of Value Co-creation"),
    ]


def test_a_pandoc_drafts_front_matter_is_not_read_for_citations() -> None:
    draft = parse_draft(
        '---\ntitle: "Learning (Senge, 1990) revisited"\nauthor: Jane Smith\nbibliography: refs.bib\n---\n\n'
        "As Chung (2009) shows, customers co-create.\n"
    )
    assert [(c.text, draft.line_of(c.start)) for c in draft.citations] == [("Chung (2009)", 7)]


def test_author_year_citations_in_square_brackets() -> None:
    """ACM's "[Chung 2009]" and "Chung [2009, p. 21]"; "[sic]", "[1]" and Pandoc keys are no such thing."""
    text = (
        "As seen [Chung 2009], Chung [2009, p. 21] notes; [Chung and Lee 2009; Senge 1990]. "
        "It [sic] grew [1] [@chung2009]."
    )
    assert _cites(text) == [
        ("parenthetical", ["Chung"], False, "2009", "", ""),
        ("narrative", ["Chung"], False, "2009", "21", ""),
        ("parenthetical", ["Chung", "Lee"], False, "2009", "", ""),
        ("parenthetical", ["Senge"], False, "1990", "", ""),
        ("key", [], False, "", "", ""),
    ]
    assert [c.text for c in parse_draft(text).citations][2:4] == ["[Chung and Lee 2009]", "[Senge 1990]"]


def test_german_pages_and_following_pages_are_pinpoints() -> None:
    """ "S. 21" (Seite), "21 f." and "21ff." cite page 21; a quotation's "(S. 7)" gives its page."""
    text = (
        "Wie gezeigt (Chung 2009, S. 21), auch (Chung, 2009, S. 21 f.) und (Chung 2009: 21ff.); "
        'Chung (2009, Seiten 3-4) schreibt "ein Satz mit mehr als vier Worten" (S. 7). (Chung, 2009, n. 4).'
    )
    assert [c[4] for c in _cites(text)] == ["21", "21", "21", "3-4", ""]
    assert [q.pages for q in parse_draft(text).quotes] == ["7"]


def test_a_german_drafts_names_and_reference_list() -> None:
    """German drafts part names with "/" or "und", write "u. a." for others and "vgl." before a
    citation, and head their list "Literaturverzeichnis"; "Müller/Weiß" had been one name, "Argyris
    und Schön" only Schön, and the list had not been found."""
    text = (
        "Teams lernen (Müller/Weiß 2010, S. 130), wie Argyris und Schön (1978) zeigen (vgl. Müller und "
        "Weiß 2010). Berg u. a. (2019) und (Berg u. a. 2019) auch.\n\n## Literaturverzeichnis\n\n"
        "Müller, M./Weiß, J. (2010): Organisationales Lernen, in: ZfbF, 62. Jg., S. 123–145.\n"
        "Argyris, C./Schön, D. A. (1978): Organizational Learning. Reading, MA.\n"
    )
    assert _cites(text) == [
        ("parenthetical", ["Müller", "Weiß"], False, "2010", "130", ""),
        ("narrative", ["Argyris", "Schön"], False, "1978", "", ""),
        ("parenthetical", ["Müller", "Weiß"], False, "2010", "", ""),
        ("narrative", ["Berg"], True, "2019", "", ""),
        ("parenthetical", ["Berg"], True, "2019", "", ""),
    ]
    assert [(entry.first_author, entry.year) for entry in parse_draft(text).references] == [
        ("Müller", 2010),
        ("Argyris", 1978),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("(Dupont et Martin, 2010, p. 12) et Dupont et Martin (2010)", ["Dupont", "Martin"]),
        ("(García y López, 2015) y García y López (2015)", ["García", "López"]),
        ("(Rossi e Bianchi, 2018) e Rossi e Bianchi (2018)", ["Rossi", "Bianchi"]),
        ("(Jansen en De Vries, 2012) en Jansen en De Vries (2012)", ["Jansen", "De Vries"]),
    ],
    ids=["french", "spanish", "italian", "dutch"],
)
def test_other_languages_words_for_and_part_two_names(text: str, names: list[str]) -> None:
    """ "Dupont et Martin" had been one name (the parenthesis) or only "Martin" (the narrative)."""
    assert [(kind, authors, et_al) for kind, authors, et_al, *_ in _cites(text)] == [
        ("parenthetical", names, False),
        ("narrative", names, False),
    ]
    assert _cites("(Dupont et al., 2011)")[0][1:3] == (["Dupont"], True)


def test_french_and_spanish_words_before_a_citations_names_are_no_names() -> None:
    """ "(par ex. Martin, 2011)" had named no author, "(citado en Pérez, 2001)" had been no citation."""
    text = (
        "(par ex. Martin, 2011). (véase García y López, 2015). (citado en Pérez, 2001). (voir Dupont, 2010)"
    )
    assert [c[1] for c in _cites(text)] == [["Martin"], ["García", "López"], ["Pérez"], ["Dupont"]]


def test_a_word_before_a_narrative_citation_is_not_taken_for_an_author() -> None:
    assert _cites("Moreover, Chung (2009) says so. In their study, Senge (1990) did.") == [
        ("narrative", ["Chung"], False, "2009", "", ""),
        ("narrative", ["Senge"], False, "1990", "", ""),
    ]


def test_french_and_german_quotation_marks_hold_quotations() -> None:
    """« ... » and „...“ had held no quotation: a French or German draft's quotes went unchecked."""
    draft = parse_draft(
        "Selon Dupont, « l’organisation apprend avec ses clients quand ils résolvent des problèmes "
        "ensemble » (Dupont, 2010, p. 12). Müller schreibt: „Organisationen lernen durch den Dialog "
        "mit ihren Kunden“ (Müller/Weiß 2010, S. 130).\n"
    )
    assert [(q.text, draft.citations[q.citation].pages) for q in draft.quotes if q.citation is not None] == [
        ("l’organisation apprend avec ses clients quand ils résolvent des problèmes ensemble", "12"),
        ("Organisationen lernen durch den Dialog mit ihren Kunden", "130"),
    ]


def test_quotations_find_their_citation_and_page() -> None:
    text = (
        'Chung (2009) argues that "organisations learn through dialogue with customers" (p. 2).\n\n'
        '"Co-creation benefits an organisation and its employees" (Chung, 2009, p. 21). '
        'A "short term" is not.\n\n'
        "> An organisation should have the ability to innovate and react\n"
        "> to dynamic market demands (Chung, 2009, pp. 3-4).\n\n"
        "“Curly quotes work the same way here” (Senge, 1990, p. 9)."
    )
    draft = parse_draft(text)
    shown = [
        (q.text, q.block, q.pages, draft.citations[q.citation].text)
        for q in draft.quotes
        if q.citation is not None
    ]
    assert shown == [
        ("organisations learn through dialogue with customers", False, "2", "Chung (2009)"),
        ("Co-creation benefits an organisation and its employees", False, "", "(Chung, 2009, p. 21)"),
        (
            "An organisation should have the ability to innovate and react to dynamic market demands",
            True,
            "",
            "(Chung, 2009, pp. 3-4)",
        ),
        ("Curly quotes work the same way here", False, "", "(Senge, 1990, p. 9)"),
    ]
    assert len(draft.quotes) == 4


def test_a_quotation_belongs_to_its_own_sentence() -> None:
    text = (
        'As Chung (2009: 21) notes, "customers are competent about the products". '
        "Kohtamäki and Rajala (2016) disagree.\n\n"
        'Senge (1990) wrote that "a learning organization is a place of discovery." '
        "Garvin (1993) did not.\n\n"
        'Garvin (1993) asks "what a learning organization really is" (Senge, 1990, p. 3).\n\n'
        '"Nothing precedes this quotation in its sentence." Lee (2016) says so.'
    )
    draft = parse_draft(text)
    assert [draft.citations[q.citation].text for q in draft.quotes if q.citation is not None] == [
        "Chung (2009: 21)",
        "Senge (1990)",
        "(Senge, 1990, p. 3)",
        "Lee (2016)",
    ]


def test_single_quote_marks_make_quotations_apostrophes_do_not() -> None:
    text = (
        "British style: 'a company's customers are competent about its products' (Chung, 2009, p. 21).\n\n"
        "Typographic marks: ‘co-creation benefits an organisation and its employees’ (Chung 2009: 22).\n\n"
        "The firm's 'learning organization' label and the authors' views are no quotations (Senge, 1990).\n\n"
        "A double quotation \"holds a 'single' quoted word and more words\" (Garvin, 1993, p. 3)."
    )
    draft = parse_draft(text)
    assert [
        (q.text, draft.citations[q.citation].text if q.citation is not None else "") for q in draft.quotes
    ] == [
        ("a company's customers are competent about its products", "(Chung, 2009, p. 21)"),
        ("co-creation benefits an organisation and its employees", "(Chung 2009: 22)"),
        ("holds a 'single' quoted word and more words", "(Garvin, 1993, p. 3)"),
    ]


def test_the_reference_list_is_found_and_not_read_for_citations() -> None:
    draft = parse_draft(
        "Body (Chung, 2009).\n\n## References\n\n- Chung, Y. M. (2009). Co-creation.\n"
        "- Senge, P. (1990). The fifth discipline.\n\nGarvin, D. (1993). Building a learning organization.\n"
    )
    assert draft.has_reference_list
    assert [c.text for c in draft.citations] == ["(Chung, 2009)"]
    assert [(r.first_author, r.year, r.line) for r in draft.references] == [
        ("Chung", 2009, 5),
        ("Senge", 1990, 6),
        ("Garvin", 1993, 8),
    ]


def test_entries_written_one_per_line_are_split_and_wrapped_ones_kept_whole() -> None:
    draft = parse_draft(
        "Body (Smith & Jones, 2015).\n\n## References\n"
        "Chung, Y. M. (2009). Co-creation with the customer.\n"
        "Smith, A., & Jones, B. (2015). Something else. Journal of Things, 3(2), 1-10.\n"
        "Vargo, S. L., &\nLusch, R. F. (2004). Evolving to a new dominant logic for marketing. Journal of\n"
        "Marketing, 68(1), 1-17. https://doi.org/10.1509/jmkg.68.1.1.24036\n"
        "OECD. (2019). Skills outlook.\n"
        "van der Merwe, A., 2015. Something. In: Proceedings (2015), 1-9.\n"
        "Vargo, Stephen L., and Robert F. Lusch. 2004. \u201cEvolving to a New Dominant Logic.\u201d\n"
        "Journal of Marketing, 2004, 68 (1): 1\u201317.\n"
        "Vargo, S. L., & Lusch, R.\nF. (2008). Service-dominant logic: Continuing the evolution.\n"
    )
    assert [(r.first_author, r.year, r.line) for r in draft.references] == [
        ("Chung", 2009, 4),
        ("Smith", 2015, 5),
        ("Vargo", 2004, 6),
        ("OECD", 2019, 9),
        ("van der Merwe", 2015, 10),
        ("Vargo", 2004, 11),
        ("Vargo", 2008, 13),
    ]
    assert draft.references[2].text.endswith("1-17. https://doi.org/10.1509/jmkg.68.1.1.24036")
    assert draft.references[5].text.endswith("68 (1): 1\u201317.")


def test_parsing_is_linear_on_hostile_input() -> None:
    word = "A" * 1_000_000
    line = ('(Chung, "x ' + "y" * 50 + " ") * 100_000
    started = time.perf_counter()
    parse_draft(f"{word} (2009) {word}")
    parse_draft(line)
    parse_draft("(" * 2_000_000 + '"' * 1_000_000)
    parse_draft("'a " * 300_000 + "b'")  # an opening mark every 3 characters, one closing mark
    parse_draft("[" + "a@" * 500_000)  # Pandoc citations: a group never closed, keys never ending
    parse_draft("[Chung 2009 " * 200_000)  # square brackets never closed
    parse_draft("@" + "a." * 500_000 + " [" + "p. 1 " * 100_000)
    assert time.perf_counter() - started < 20


def test_a_draft_file_is_read_by_its_type(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Chung (2009) writes about co-creation.")
    document.add_heading("References", level=1)
    document.add_paragraph("Chung, Y. M. (2009). Co-creation with the customer.")
    document.save(str(tmp_path / "draft.docx"))
    draft = parse_draft(read_draft(tmp_path / "draft.docx", 10_000))
    assert [c.text for c in draft.citations] == ["Chung (2009)"]
    assert draft.has_reference_list and draft.references[0].year == 2009
    (tmp_path / "draft.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFormatError, match=r"draft\.pdf"):
        read_draft(tmp_path / "draft.pdf", 10_000)
    (tmp_path / "long.md").write_text("x" * 101, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match=r"long\.md.*loading\.max_chars \(100\)"):
        read_draft(tmp_path / "long.md", 100)
    (tmp_path / "saved-as-text.docx").write_text("Chung (2009) writes.", encoding="utf-8")
    with pytest.raises(CorruptFileError, match=r"saved-as-text\.docx: not a readable Word document"):
        read_draft(tmp_path / "saved-as-text.docx", 10_000)


def test_a_quarto_or_r_markdown_draft_is_read_as_markdown(tmp_path: Path) -> None:
    for name in ("chapter.qmd", "chapter.Rmd"):
        (tmp_path / name).write_text("---\ntitle: Draft\n---\nAs Chung (2009) shows.\n", encoding="utf-8")
        text = read_draft(tmp_path / name, 10_000)
        assert [c.text for c in parse_draft(text).citations] == ["Chung (2009)"]


def test_a_doc_or_odt_draft_is_read_as_a_folders_file_is(tmp_path: Path) -> None:
    from tests.corpus.test_legacy_word import FIXTURE
    from tests.corpus.test_opendocument import NAMESPACES, _odt

    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}><office:body>'
        "<office:text><text:p>Chung (2009) writes about co-creation.</text:p>"
        '<text:h text:outline-level="1">References</text:h>'
        "<text:p>Chung, Y. M. (2009). Co-creation with the customer.</text:p></office:text>"
        "</office:body></office:document-content>"
    )
    (tmp_path / "draft.odt").write_bytes(_odt(content))
    draft = parse_draft(read_draft(tmp_path / "draft.odt", 10_000))
    assert [c.text for c in draft.citations] == ["Chung (2009)"]
    assert draft.has_reference_list and draft.references[0].year == 2009
    (tmp_path / "memo.doc").write_bytes(FIXTURE.read_bytes())
    assert read_draft(tmp_path / "memo.doc", 10_000).startswith("## Why teams stop learning\n\nService teams")
    (tmp_path / "saved-as-text.doc").write_text("Chung (2009) writes.", encoding="utf-8")
    with pytest.raises(CorruptFileError, match=r"saved-as-text\.doc: not a Word document"):
        read_draft(tmp_path / "saved-as-text.doc", 10_000)


def test_an_rtf_draft_is_read_as_a_folders_file_is(tmp_path: Path) -> None:
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\cocoartf2761{\fonttbl\f0\fswiss Helvetica;}\f0\fs24 "
        b"Chung (2009) writes about co-creation.\\\n\\\nReferences\\\n"
        b"Chung, Y. M. (2009). Co-creation with the customer.}"
    )
    (tmp_path / "draft.rtf").write_bytes(rtf)
    draft = parse_draft(read_draft(tmp_path / "draft.rtf", 10_000))
    assert [c.text for c in draft.citations] == ["Chung (2009)"]
    assert draft.has_reference_list and draft.references[0].year == 2009


def _work(work_id: str, title: str, year: int, *families: str) -> WorkRecord:
    return WorkRecord(
        work_id, Metadata(title=title, year=year, authors=[Person(family=f) for f in families]), []
    )


def test_names_resolve_fuzzily_and_years_exactly() -> None:
    resolver = WorkResolver(
        [
            _work(
                "k", "Theory and practice of value co-creation in B2B systems", 2016, "Kohtamäki", "Rajala"
            ),
            _work("s", "The support of value co-creation", 2016),
            _work("g1", "Building a learning organization", 1993, "Garvin"),
            _work("g2", "Is yours a learning organization?", 2008, "Garvin", "Edmondson", "Gino"),
        ]
    )

    def resolve(text: str) -> tuple[str, list[str]]:
        status, works, _ = resolver.resolve(parse_draft(text).citations[0])
        return status, [w.work_id for w in works]

    assert resolve("Kohtamaki and Rajala (2016)") == ("ok", ["k"])
    assert resolve("(Kohtamäki & Rajalla, 2016)") == ("ok", ["k"])
    assert resolve("(Kohtamäki & Rajala, 2015)") == ("year_differs", ["k"])
    assert resolve("(Garvin et al., 2008, pp. 3-4)") == ("ok", ["g2"])
    assert resolve("(Garvin, 1993)") == ("ok", ["g1"])
    assert resolve("(Garvin, 2001)")[0] == "year_differs"
    assert resolve("(Edmondson and Gino, 2008)") == ("ok", ["g2"])
    assert resolve("(Senge, 1990)") == ("not_in_corpus", [])
    assert resolve('("Support of Value Co-creation", 2016)') == ("ok", ["s"])
    assert resolve("(ibid.)")[0] == "ambiguous"


def test_a_family_name_joined_by_another_languages_and_is_one_author_when_a_work_says_so() -> None:
    """ "(Ortega y Gasset, 1930)" is parsed as two names, as "(García y López, 2015)" must be; it
    had then found no work by "Ortega" and "Gasset"."""
    ortega = _work("o", "La rebelión de las masas", 1930)
    ortega.metadata.authors = [Person.parse("José Ortega y Gasset")]
    resolver = WorkResolver([ortega, _work("g", "Aprendizaje", 2015, "García", "López")])

    def resolve(text: str) -> tuple[str, list[str]]:
        status, works, _ = resolver.resolve(parse_draft(text).citations[0])
        return status, [w.work_id for w in works]

    assert resolve("(Ortega y Gasset, 1930, p. 12)") == ("ok", ["o"])
    assert resolve("Ortega y Gasset (1930) wrote it.") == ("ok", ["o"])
    assert resolve("(García y López, 2015)") == ("ok", ["g"])
    assert resolve("(Ortega, 1930)") == ("not_in_corpus", [])


@pytest.mark.parametrize(
    "text",
    [
        "Growth comes in stages (Piaget & Inhelder, 1966/1969, p. 12).",
        "Piaget and Inhelder (1966/1969, p. 12) describe the stages.",
        "Growth comes in stages (Piaget and Inhelder [1966] 1969, 12).",
        "Piaget and Inhelder ([1966] 1969, 12) describe the stages.",
    ],
)
def test_a_translations_two_years_are_read_as_its_original_and_its_own(text: str) -> None:
    """APA's "1966/1969" and Chicago's "[1966] 1969" had been read as 1966, the page after them lost,
    and Chicago's "[1966]" cited a second time as an author-year citation in brackets."""
    (citation,) = parse_draft(text).citations
    assert (citation.authors, citation.year, citation.original_year, citation.pages) == (
        ["Piaget", "Inhelder"],
        "1969",
        "1966",
        "12",
    )


def test_a_translation_is_resolved_by_its_own_year_and_checked_by_its_originals() -> None:
    piaget = _work("p", "The psychology of the child", 1969, "Piaget", "Inhelder")
    piaget.metadata.original_year = 1966
    resolver = WorkResolver([piaget, _work("c", "Co-creation with the customer", 2009, "Chung")])

    def resolve(text: str) -> tuple[str, list[str], str]:
        status, works, message = resolver.resolve(parse_draft(text).citations[0])
        return status, [w.work_id for w in works], message

    assert resolve("(Piaget & Inhelder, 1966/1969)") == ("ok", ["p"], "")
    assert resolve("(Piaget & Inhelder, 1969)") == ("ok", ["p"], "")
    status, works, message = resolve("(Piaget & Inhelder, 1966)")
    assert (status, works) == ("year_differs", ["p"])
    assert message == "the corpus has this work as 1969, first published 1966: cite both years"
    status, works, message = resolve("(Piaget & Inhelder, 1964/1969)")
    assert (status, works, message) == (
        "year_differs",
        ["p"],
        "the corpus has this work as first published 1966, not 1964",
    )
    assert resolve("(Chung, 2001/2009)")[:2] == ("ok", ["c"]), "an original year the corpus does not know"


def test_citation_keys_resolve_case_blind_and_a_shared_made_up_key_is_ambiguous() -> None:
    resolver = WorkResolver(
        [
            _work("w1", "Co-creation with the customer", 2009, "Chung"),
            _work("w2", "Co-creation with suppliers", 2009, "Chung"),
            _work("w3", "The fifth discipline", 1990, "Senge"),
        ]
    )
    status, works, _ = resolver.resolve_key("Senge1990Fifth")
    assert (status, [w.work_id for w in works]) == ("ok", ["w3"])
    status, works, message = resolver.resolve_key("chung2009cocreation")
    assert (status, [w.work_id for w in works]) == ("ambiguous", ["w1", "w2"])
    assert "corpus edit ID --set citation_key=" in message
    assert resolver.resolve_key("nobody2001")[0] == "not_in_corpus"


def test_a_page_range_accepts_each_of_its_pages() -> None:
    assert page_set("3-4") == {"3", "4"}
    assert page_set("21") == {"21"}
    assert page_set("iv") == {"iv"}


def test_snippets_carry_no_markdown() -> None:
    text = "Teams build *trust* and **shared** _norms_ through `dialogue`, see [the study](http://x.org/a)."
    assert snippet(text, "trust") == "Teams build trust and shared norms through dialogue, see the study."
    assert snippet("2 * 3 * 4 stays", "stays") == "2 * 3 * 4 stays"


@pytest.mark.slow
def test_an_unseen_draft_is_flagged_exactly_where_it_is_wrong(writing: WritingCorpus, corpus: Corpus) -> None:
    report = corpus.check(unseen_draft(writing), style="apa", source="chapter.md")
    statuses = [(c.text, c.status) for c in report.citations]
    assert statuses == [
        ("(Dovey et al., 2019, p. 103)", "ok"),
        ("Dovey, Burdon and Simpson (2019)", "ok"),
        ("(Dovey et al., 2019, pp. 107-108)", "ok"),
        ('("The Support of Value Co-creation", 2016, p. 2)', "ok"),
        ("(Chung, 2008)", "year_differs"),
        ("Kohtamäki and Rajala (2016)", "not_in_corpus"),
        ("(ibid.)", "ambiguous"),
    ], statuses
    titles = {c.text: c.work.title if c.work else None for c in report.citations}
    assert titles["(Chung, 2008)"] == CHUNG and "2009, not 2008" in report.citations[4].message
    assert titles["(Dovey et al., 2019, p. 103)"] == LEARNING
    assert titles['("The Support of Value Co-creation", 2016, p. 2)'] == SUPPORT

    quotes = [(q.status, q.cited_page, q.page, q.on_cited_page) for q in report.quotes]
    assert quotes == [
        ("verbatim", "103", "103", True),
        ("verbatim", "102", "105", False),
        ("verbatim", "107-108", "108", True),
        ("verbatim", "2", "2", True),
    ], quotes
    assert "on p. 105, not p. 102: cite (Dovey et al., 2019, p. 105)" in report.quotes[1].message

    assert [w.title for w in report.cited_works] == [LEARNING, SUPPORT, CHUNG]
    entries = report.reference_list.splitlines()
    assert len(entries) == 3
    assert entries[0].startswith("Chung, Y. M. (2009). Co-creation with the customer")
    assert entries[1].startswith("Dovey, K., Burdon, B., & Simpson, R. (2019).")
    assert entries[2].startswith("The support of value Co-creation. (2016)"), (
        "APA's sentence case, as the report writes its words"
    )

    assert report.has_reference_list
    assert [e.text.split(".")[0] for e in report.uncited_references] == ["Senge, P"]
    assert report.missing_references == ["Kohtamäki and Rajala (2016)"]
    # year differs, not in corpus, ibid, quotation on the wrong page, Senge uncited, no entry for Kohtamäki
    assert report.problems == 6 and not report.ok

    markdown = report.to_markdown()
    assert "# Draft check: chapter.md" in markdown and "6 problem(s) found" in markdown
    assert "| year_differs |" in markdown and "never cited (line" in markdown


@pytest.mark.slow
def test_misquotations_and_clean_drafts(writing: WritingCorpus, corpus: Corpus) -> None:
    right = writing.quotation("learning", "104")
    words = right.split()
    altered = " ".join([*words[:5], "entirely", *words[6:]])
    text = (
        f'Close: "{altered}" (Dovey et al., 2019, p. 104).\n\n'
        '"Nothing like this sentence appears anywhere in the corpus at all" (Dovey et al., 2019, p. 104).\n\n'
        f'Unattributed: "{writing.quotation("support", "3")}".\n'
    )
    report = corpus.check(text, style="bibtex")
    assert [q.status for q in report.quotes] == ["close", "not_found", "uncited"]
    close = report.quotes[0]
    assert [(d.quoted, d.source) for d in close.differences] == [("entirely", words[5].strip(",.;:()"))]
    assert close.page == "104" and close.on_cited_page is True
    assert report.quotes[2].work is not None and report.quotes[2].work.title == SUPPORT
    assert report.reference_list.startswith("@article{dovey2019learning,")
    elided = " ".join([*words[:4], "...", *words[7:]])
    assert [q.status for q in corpus.check(f'"{elided}" (Dovey et al., 2019, p. 104)').quotes] == ["verbatim"]
    clean = corpus.check(f'See "{right}" (Dovey et al., 2019, p. 104).', style="harvard")
    assert clean.ok and clean.problems == 0 and clean.reference_list.startswith("Dovey, K., Burdon, B.")
    with pytest.raises(CitationError):
        corpus.check("x", style="mla")


@pytest.mark.slow
def test_a_page_outside_the_works_printed_pages_is_flagged(writing: WritingCorpus, corpus: Corpus) -> None:
    on_20 = writing.quotation("chung", "20")
    report = corpus.check(
        f"Customers co-create (Chung, 2009, p. 3). Chung (2009, p. 20) agrees.\n\n"
        f'"{on_20}" (Chung, 2009, pp. 2-3).\n'
    )
    assert [(c.text, c.status) for c in report.citations] == [
        ("(Chung, 2009, p. 3)", "page_outside"),
        ("Chung (2009, p. 20)", "ok"),
        ("(Chung, 2009, pp. 2-3)", "page_outside"),
    ]
    assert report.citations[0].message.startswith("page 3 is outside the work's printed pages 19-20")
    assert report.citations[2].message.startswith("pages 2-3 are outside")
    assert report.citations[0].work is not None and report.citations[0].work.title == CHUNG
    assert [(q.page, q.on_cited_page) for q in report.quotes] == [("20", False)]
    assert report.problems == 3 and not report.ok


@pytest.mark.slow
def test_pandoc_citations_resolve_by_their_keys(writing: WritingCorpus, corpus: Corpus) -> None:
    """[@key, p. 21] and @key [p. 21], keyed as `corpus bib` writes them; Pandoc makes the list."""
    right = writing.quotation("learning", "103")
    report = corpus.check(
        f'Learning co-creates value: "{right}" [@dovey2019learning, p. 103].\n\n'
        "@chung2009cocreation [p. 20] agrees [see also @Dovey2019Learning; @nobody2001]. "
        "Write to jane@example.org, see [medium.com/@jane] or https://medium.com/@jane/post.\n\n"
        "# References\n"
    )
    assert [(c.text, c.key, c.pages, c.status) for c in report.citations] == [
        ("[@dovey2019learning, p. 103]", "dovey2019learning", "103", "ok"),
        ("@chung2009cocreation [p. 20]", "chung2009cocreation", "20", "ok"),
        ("[see also @Dovey2019Learning; @nobody2001]", "Dovey2019Learning", "", "ok"),
        ("[see also @Dovey2019Learning; @nobody2001]", "nobody2001", "", "not_in_corpus"),
    ]
    assert report.citations[0].work is not None and report.citations[0].work.title == LEARNING
    assert report.citations[1].work is not None and report.citations[1].work.title == CHUNG
    assert "no work of the corpus has the citation key 'nobody2001'" in report.citations[3].message
    assert [(q.status, q.page, q.on_cited_page) for q in report.quotes] == [("verbatim", "103", True)]
    assert report.missing_references == [] and report.problems == 1


NUMBERED = (
    "Learning matters [1]. Both [2-4] and [1, 3] agree; see [5, p. 21], and [9].\n\n"
    "## References\n\n"
    "[1] Chung, Y. M. (2009). Co-creation with the customer.\n"
    "[2] Senge, P. (1990). The fifth discipline.\n"
    "[3] Garvin, D. A. (1993). Building a learning organization.\n"
    "[4] OECD (2019). Skills outlook 2019.\n"
    "[5] van der Merwe, L. (2015). Deep learning in value networks.\n"
)


def test_numeric_citations_carry_their_numbered_entry() -> None:
    draft = parse_draft(NUMBERED)
    assert draft.numbered
    assert [(c.kind, c.text, c.number, c.authors, c.year, c.pages) for c in draft.citations] == [
        ("numeric", "[1]", 1, ["Chung"], "2009", ""),
        ("numeric", "[2-4]", 2, ["Senge"], "1990", ""),
        ("numeric", "[2-4]", 3, ["Garvin"], "1993", ""),
        ("numeric", "[2-4]", 4, ["OECD"], "2019", ""),
        ("numeric", "[1, 3]", 1, ["Chung"], "2009", ""),
        ("numeric", "[1, 3]", 3, ["Garvin"], "1993", ""),
        ("numeric", "[5, p. 21]", 5, ["van der Merwe"], "2015", "21"),
        ("numeric", "[9]", 9, [], "", ""),
    ]
    unnumbered = parse_draft("Vectors [1] and [2, 3] here.\n\n## References\n\n- Chung, Y. (2009). X.\n")
    assert unnumbered.citations == [], "brackets are not citations when the list is not numbered"


def test_names_with_particles_apostrophes_hyphens_and_corporate_authors() -> None:
    assert _cites(
        "Also (OECD, 2019), van der Merwe (2015), (O'Neil, 2016), Müller-Stewens (2010, p. 3), "
        "(UNESCO, 2020) and Garvin (2008a, 2008b)."
    ) == [
        ("parenthetical", ["OECD"], False, "2019", "", ""),
        ("narrative", ["van der Merwe"], False, "2015", "", ""),
        ("parenthetical", ["O'Neil"], False, "2016", "", ""),
        ("narrative", ["Müller-Stewens"], False, "2010", "3", ""),
        ("parenthetical", ["UNESCO"], False, "2020", "", ""),
        ("narrative", ["Garvin"], False, "2008a", "", ""),
        ("narrative", ["Garvin"], False, "2008b", "", ""),
    ]


def _resolver() -> WorkResolver:
    return WorkResolver(
        [
            _work("c", "Co-creation with the customer", 2009, "Chung"),
            _work("g1", "Building a learning organization", 1993, "Garvin"),
            _work("gz", "Zones of learning", 2008, "Garvin"),
            _work("ga", "Assessing learning organizations", 2008, "Garvin"),
            _work("o", "Skills outlook 2019", 2019, "OECD"),
            _work("m", "Deep learning in value networks", 2015, "van der Merwe"),
        ]
    )


def test_numeric_citations_resolve_through_their_entry() -> None:
    resolver, draft = _resolver(), parse_draft(NUMBERED)
    resolved = [resolver.resolve_in(draft, c) for c in draft.citations]
    assert [(status, [w.work_id for w in works]) for status, works, _ in resolved] == [
        ("ok", ["c"]),
        ("not_in_corpus", []),
        ("ok", ["g1"]),
        ("ok", ["o"]),
        ("ok", ["c"]),
        ("ok", ["g1"]),
        ("ok", ["m"]),
        ("not_in_corpus", []),
    ]
    assert resolved[-1][2] == "the draft's reference list has no entry 9"


def test_a_year_with_a_letter_picks_the_work_its_entry_names() -> None:
    """The draft's own entries say which 2008 work is "a"; here against the title order."""
    resolver = _resolver()
    draft = parse_draft(
        "Garvin (2008a) and (Garvin, 2008b).\n\n## References\n\n"
        "- Garvin, D. A. (2008a). Zones of learning. HBR.\n"
        "- Garvin, D. A. (2008b). Assessing learning organizations. HBR.\n"
    )
    assert [[w.work_id for w in resolver.resolve_in(draft, c)[1]] for c in draft.citations] == [
        ["gz"],
        ["ga"],
    ]
    assert resolver.resolve(draft.citations[0])[0] == "ambiguous", "by author and year alone it is not clear"


def test_a_year_with_a_letter_and_no_entry_follows_the_title_order() -> None:
    resolver = _resolver()
    draft = parse_draft("Garvin (2008a) and (Garvin, 2008b), not (Garvin, 2008c) nor (Garvin, 2008).")
    resolved = [resolver.resolve_in(draft, c) for c in draft.citations]
    assert [(status, [w.work_id for w in works]) for status, works, _ in resolved] == [
        ("ok", ["ga"]),
        ("ok", ["gz"]),
        ("ambiguous", ["gz", "ga"]),
        ("ambiguous", ["gz", "ga"]),
    ]
    assert "by title" in resolved[0][2]


@pytest.mark.slow
def test_a_numbered_draft_is_checked_with_its_quotations(writing: WritingCorpus, corpus: Corpus) -> None:
    quotation = writing.quotation("learning", "104")
    text = (
        f'Dovey and colleagues write that "{quotation}" [2, p. 104]. Customers co-create [1]; '
        "see also [4].\n\n## References\n\n"
        "1. Chung, Y. M. (2009). Co-creation with the customer: a strategy for organisation learning "
        "and innovation.\n"
        "2. Dovey, K., Burdon, B., & Simpson, R. (2019). The learning organization as a context for "
        "value co-creation.\n"
        "3. Senge, P. (1990). The fifth discipline.\n"
    )
    report = corpus.check(text, style="apa")
    assert [(c.text, c.number, c.status) for c in report.citations] == [
        ("[2, p. 104]", 2, "ok"),
        ("[1]", 1, "ok"),
        ("[4]", 4, "not_in_corpus"),
    ]
    assert [c.work.title if c.work else None for c in report.citations] == [LEARNING, CHUNG, None]
    assert [(q.status, q.page, q.on_cited_page) for q in report.quotes] == [("verbatim", "104", True)]
    assert [e.text.split(".")[0] for e in report.uncited_references] == ["Senge, P"]
    assert report.missing_references == ["[4]"]
    assert "[4]" in report.to_markdown() and "no entry 4" in report.to_markdown()


@pytest.mark.slow
def test_two_works_of_one_author_and_year_are_told_apart_by_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft's reference list and suggested citations letter the years as the letters it cites."""
    import json

    from fastapi.testclient import TestClient

    from corpus_core.settings import load_settings
    from indexing.run import ingest
    from search_api.server import create_app
    from tests.search_api.writing_corpus import QueryEmbedder

    folder = tmp_path / "papers"
    folder.mkdir()
    for name, title, words in (
        ("customers", "The value of customers", "customers learn with the firm"),
        ("suppliers", "Co-creation with suppliers", "suppliers share knowledge openly"),
    ):
        (folder / f"{name}.txt").write_text(f"{title}\n\n" + f"Here {words}. " * 40, encoding="utf-8")
        record = {
            "type": "article-journal",
            "title": title,
            "author": [{"family": "Chung", "given": "Yin Min"}],
            "issued": {"date-parts": [[2009]]},
            "container-title": "Journal of Learning",
        }
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    embedder = QueryEmbedder()
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    ingest(settings, [folder], embedder=embedder)
    monkeypatch.setattr("search_api.service.shared_query_encoder", lambda settings: embedder)
    corpus = Corpus(settings=settings)
    try:
        report = corpus.check("Suppliers share (Chung, 2009a). Customers learn (Chung, 2009b, p. 4).\n")
        assert [(c.status, c.work.title if c.work else "") for c in report.citations] == [
            ("ok", "Co-creation with suppliers"),
            ("ok", "The value of customers"),
        ]
        assert [c.suggested for c in report.citations] == ["(Chung, 2009a)", "(Chung, 2009b, p. 4)"]
        assert report.reference_list.splitlines() == [
            "Chung, Y. M. (2009a). Co-creation with suppliers. Journal of Learning.",
            "Chung, Y. M. (2009b). The value of customers. Journal of Learning.",
        ]
        one = corpus.check("Customers learn (Chung, 2009b).\n")
        assert one.reference_list == "Chung, Y. M. (2009). The value of customers. Journal of Learning."
        assert [(c.status, c.suggested) for c in one.citations] == [("letter_unneeded", "(Chung, 2009)")]
        assert "no other work by Chung from 2009 is cited" in one.citations[0].message
        assert not one.ok
        other_letter = corpus.check("Customers learn (Chung, 2009b); see (Chung, 2009c).\n")
        assert [c.status for c in other_letter.citations] == ["ok", "ambiguous"]
        by_title = {w.title: w.work_id for w in corpus.documents()}
        customers, suppliers = by_title["The value of customers"], by_title["Co-creation with suppliers"]
        alone = corpus.cite_answer(customers, "apa", "4")
        assert (alone.in_text, alone.citation[:19]) == ("(Chung, 2009, p. 4)", "Chung, Y. M. (2009)")
        client = TestClient(create_app(settings, corpus))  # the page's "Copy citation", its list given
        answer = client.get(
            f"/documents/{customers}/cite", params={"page": "4", "among": [suppliers, "gone"]}
        ).json()
        assert answer["in_text"] == "(Chung, 2009b, p. 4)"
        assert answer["citation"].startswith("Chung, Y. M. (2009b). The value of customers.")
        listed = corpus.check(
            "Customers learn (Chung, 2009b).\n\n## References\n\n"
            "Chung, Y. M. (2009a). A paper the corpus lacks. Journal of Learning.\n"
            "Chung, Y. M. (2009b). The value of customers. Journal of Learning.\n"
        )
        assert [c.status for c in listed.citations] == ["ok"]
    finally:
        corpus.close()


def test_a_markdown_drafts_quotation_is_checked_without_its_markup() -> None:
    """A link, emphasis or code inside a quotation is the draft's markup, not the source's words."""
    draft = parse_draft(
        'He writes "the traditional [learning method](https://x.org) can no *longer* cope" (Chung, 2009).\n\n'
        "> Customers are `competent` about the **products** and services (Chung, 2009).\n"
    )
    assert [q.text for q in draft.quotes] == [
        "the traditional learning method can no longer cope",
        "Customers are competent about the products and services",
    ]
