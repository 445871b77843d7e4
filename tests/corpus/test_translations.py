"""Translations and republished classics: translators and the original year, read and cited.

A translated book was cited as its authors' own words of the translation's year ("Piaget, J., &
Inhelder, B. (1969). The psychology of the child."): its translator, on the title page, and the
original's year, on the imprint page, went unread, Zotero's translator and "Original Date" were
dropped, and no export wrote them. APA 7 (9.39-9.41) cites "(H. Weaver, Trans.)" and "(Original
work published 1966)", in the text "(Piaget & Inhelder, 1966/1969)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.metadata.corrections import parse_assignments
from corpus.metadata.sidecars import record_from_mapping, sidecar_records
from corpus.metadata.translation import translation_record
from corpus_core.errors import UsageError
from corpus_core.models import Metadata, Person, RawDocument
from search_api.citations import Citation
from search_api.csl import to_csl
from tests.corpus.layouts import prepared_book
from tests.corpus.zotero_library import LibraryWriter, build_library

BODY = (
    "The child's thinking grows through stages, each of which builds on what the child did before. "
    "We describe how perception, memory and language take part in this growth. "
) * 6
PIAGET_TITLE = [
    (22, "The Psychology of the Child"),
    (13, "Jean Piaget and Bärbel Inhelder"),
    (11, "Translated from the French by Helen Weaver"),
    (11, ""),
    (11, "Basic Books, Inc., Publishers"),
    (11, "New York"),
]
PIAGET_IMPRINT = [
    "Originally published in French as La Psychologie de l'enfant",
    "© 1966 by Presses Universitaires de France",
    "",
    "English translation © 1969 by Basic Books, Inc.",
    "All rights reserved.",
    "ISBN 978-0-465-09500-1",
    "Printed in the United States of America",
]


def test_a_translated_books_pages_give_its_translator_and_its_originals_year(tmp_path: Path) -> None:
    meta = prepared_book(tmp_path / "piaget.pdf", PIAGET_TITLE, PIAGET_IMPRINT, BODY).metadata
    assert [a.display for a in meta.authors] == ["Jean Piaget", "Bärbel Inhelder"], "not the translator"
    assert meta.translators == [Person("Weaver", "Helen")]
    assert (meta.year, meta.original_year) == (1969, 1966), "the translation's copyright, the original's"
    assert meta.publisher == "Basic Books", "the translation's publisher, not the original's"
    citation = Citation("piaget", meta)
    assert citation.format("apa") == (
        "Piaget, J., & Inhelder, B. (1969). The psychology of the child (H. Weaver, Trans.). "
        "Basic Books. (Original work published 1966)"
    )
    assert citation.in_text("apa", page="12") == "(Piaget & Inhelder, 1966/1969, p. 12)"
    assert "Translated by Helen Weaver" in citation.format("chicago")
    assert "Translated by H. Weaver" in citation.format("harvard")


def test_a_republished_classic_is_cited_by_the_edition_in_hand(tmp_path: Path) -> None:
    """Dewey's 1938 lectures in Touchstone's 1997 edition: cited 1997 with "(Original work published
    1938)"; the original's publisher is not the edition's, and the publisher's cities are no author."""
    title_page = [
        (22, "Experience and Education"),
        (13, "John Dewey"),
        (11, ""),
        (11, "TOUCHSTONE"),
        (11, "New York London Toronto Sydney"),
    ]
    imprint = [
        "TOUCHSTONE",
        "Rockefeller Center, 1230 Avenue of the Americas, New York, NY 10020",
        "Copyright © 1938 by Kappa Delta Pi",
        "Originally published in 1938 by Kappa Delta Pi",
        "First Touchstone Edition 1997",
        "All rights reserved",
        "ISBN 978-0-684-83828-1",
    ]
    meta = prepared_book(tmp_path / "dewey.pdf", title_page, imprint, BODY).metadata
    assert [a.display for a in meta.authors] == ["John Dewey"]
    assert (meta.year, meta.original_year, meta.translators) == (1997, 1938, [])
    assert meta.publisher == "Touchstone", "the name over its cities on the title page, not the original's"
    assert Citation("dewey", meta).in_text("apa") == "(Dewey, 1938/1997)"


def test_a_revised_translation_of_a_later_edition_names_its_translators(tmp_path: Path) -> None:
    title_page = [
        (22, "Truth and Method"),
        (13, "Hans-Georg Gadamer"),
        (11, "Second, revised edition"),
        (11, "Translation revised by Joel Weinsheimer and Donald G. Marshall"),
        (11, "Continuum"),
    ]
    imprint = [
        "First published in German as Wahrheit und Methode",
        "© 1960 J.C.B. Mohr (Paul Siebeck), Tübingen",
        "English translation © 1975 Sheed and Ward Ltd",
        "Second, revised edition 1989",
        "© 2004 The Continuum International Publishing Group",
        "ISBN 978-0-8264-7697-5",
    ]
    meta = prepared_book(tmp_path / "gadamer.pdf", title_page, imprint, BODY).metadata
    assert meta.translators == [Person("Weinsheimer", "Joel"), Person("Marshall", "Donald G.")]
    assert (meta.year, meta.original_year) == (2004, 1960)
    assert meta.title == "Truth and Method", "the translators' line is no subtitle"
    assert meta.edition == "Second, revised edition", "the edition's number kept with its revision"
    assert Citation("gadamer", meta).format("apa") == (
        "Gadamer, H.-G. (2004). Truth and method (J. Weinsheimer & D. G. Marshall, Trans.; 2nd rev. ed.). "
        "The Continuum International Publishing Group. (Original work published 1960)"
    )


def _raw(*pages: str, pdf: bool = True) -> RawDocument:
    return RawDocument("work.pdf" if pdf else "work.epub", "h", "pdf" if pdf else "epub", list(pages))


@pytest.mark.parametrize(
    ("line", "translators"),
    [
        ("Translated by Lisa Katz", ["Lisa Katz"]),
        ("Translated and edited by James Strachey", ["James Strachey"]),
        ("English translation by Helen Weaver, with an introduction by Maria Rossi", ["Helen Weaver"]),
        ("Translated from the Japanese by Ryoko Toyama and Toru Hirata", ["Ryoko Toyama", "Toru Hirata"]),
        ("Aus dem Englischen von Maria Rossi", ["Maria Rossi"]),
        ("Translator: Jan Novak", ["Jan Novak"]),
        ("Translated by the Research Institute for Learning", []),
        ("Translated by machine and checked against the original survey instrument", []),
    ],
)
def test_a_line_of_its_own_names_the_translators(line: str, translators: list[str]) -> None:
    meta = translation_record(_raw(f"Learning Organizations\nMaria Rossi\n{line}\n", BODY))
    assert [a.display for a in meta.translators] == translators
    assert meta.editors == (meta.translators if "edited" in line else [])


@pytest.mark.parametrize(
    "line", ["Translated and edited by James Strachey", "Edited and translated by James Strachey"]
)
def test_a_translator_who_edited_the_work_is_its_editor_too(line: str) -> None:
    meta = translation_record(_raw(f"The Ego and the Id\nSigmund Freud\n{line}\n", BODY))
    meta.title, meta.authors, meta.year, meta.kind = (
        "The ego and the id",
        [Person("Freud", "Sigmund")],
        1961,
        "book",
    )
    assert (
        Citation("freud", meta).format("apa")
        == "Freud, S. (1961). The ego and the id (J. Strachey, Ed. & Trans.)."
    )


def test_a_translator_named_in_the_text_or_the_references_is_not_the_works() -> None:
    """Only a PDF's first page, or a book's pages up to its imprint page, are front pages."""
    references = "References\nFoucault, M. (1977). Discipline and punish.\nTranslated by A. Sheridan.\n"
    meta = translation_record(_raw("Learning in teams\nMaria Rossi\n" + BODY, BODY, references))
    assert meta.translators == []
    in_prose = "As the study was translated by Jan Novak and his team, we compared the two versions " * 2
    assert translation_record(_raw("Learning in teams\nMaria Rossi\n" + in_prose)).translators == []
    text = "Learning in teams\nMaria Rossi\n" + BODY * 30 + references  # a text file: one page
    assert translation_record(_raw(text, pdf=False)).translators == []
    assert translation_record(
        _raw("Learning in teams\nTranslated by Jan Novak\n" + BODY, pdf=False)
    ).translators


@pytest.mark.parametrize(
    ("front", "original"),
    [
        ("This article was originally published in German in Zeitschrift für Soziologie, 1985.", 1985),
        ("* Reprinted from Management Science, 4(2), 1958, with permission.", 1958),
        ("Original work published 1922", 1922),
        ("Senge's book, originally published in 1990, shaped how firms see learning.", None),
        ("An earlier version of this paper was originally published in the Proceedings of AoM 2015.", None),
        ("First published in Great Britain in 1990 by Century Business", None),
        ("Originally published in hardcover in 2005 by Doubleday", None),
    ],
)
def test_a_first_publications_statement_gives_the_original_year(front: str, original: int | None) -> None:
    meta = translation_record(_raw(f"Learning in teams\nMaria Rossi\n{BODY}\n{front}\n"))
    assert meta.original_year == original


def test_a_revised_editions_first_publication_is_no_original() -> None:
    """APA cites a revised edition by its own year, without "(Original work published 1990)"."""
    imprint = (
        "First published in 1990 by Doubleday\nOriginally published in 1990 by Doubleday\n"
        "This revised edition published in 2006 by Random House Business Books\n"
        "Copyright © 1990, 2006 Peter M. Senge\nISBN-10: 0-385-26094-6"
    )
    meta = translation_record(_raw("The Fifth Discipline\nPeter M. Senge", imprint, *[BODY] * 8))
    assert meta.original_year is None


def test_an_original_year_after_the_edition_is_not_cited() -> None:
    meta = Metadata(title="The psychology of the child", authors=[Person("Piaget", "Jean")], kind="book")
    meta.year, meta.original_year = 1966, 1969
    assert "original-date" not in to_csl("p", meta)
    assert Citation("p", meta).in_text("apa") == "(Piaget, 1966)"


def test_reference_managers_records_carry_translators_and_the_original_year(tmp_path: Path) -> None:
    (tmp_path / "piaget.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "piaget.bib").write_text(
        '@book{piaget1969,\n  author = {Piaget, Jean and Inhelder, B{\\"a}rbel},\n'
        "  translator = {Weaver, Helen},\n  title = {The psychology of the child},\n"
        "  year = {1969},\n  origdate = {1966},\n  publisher = {Basic Books}\n}\n",
        encoding="utf-8",
    )
    (bib,) = sidecar_records(tmp_path / "piaget.pdf")
    assert (bib.translators, bib.original_year) == ([Person("Weaver", "Helen")], 1966)
    mapping = record_from_mapping(
        {
            "type": "book",
            "title": "The psychology of the child",
            "author": [{"family": "Piaget", "given": "Jean"}],
            "translator": [{"family": "Weaver", "given": "Helen"}],
            "issued": {"date-parts": [[1969]]},
            "original-date": {"date-parts": [[1966]]},
        }
    )
    assert mapping.translators == [Person("Weaver", "Helen")]
    assert (mapping.original_year, mapping.year) == (1966, 1969)


def test_exports_write_the_translators_and_the_original_year_and_read_them_back(tmp_path: Path) -> None:
    meta = Metadata(
        title="The psychology of the child",
        authors=[Person("Piaget", "Jean"), Person("Inhelder", "Bärbel")],
        translators=[Person("Weaver", "Helen")],
        year=1969,
        original_year=1966,
        publisher="Basic Books",
        kind="book",
    )
    citation = Citation("piaget", meta)
    bibtex = citation.format("bibtex")
    assert "translator = {Weaver, Helen}" in bibtex and "origdate = {1966}" in bibtex
    ris = citation.format("ris")
    assert "A4  - Weaver, Helen" in ris and "OP  - 1966" in ris
    (tmp_path / "piaget.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "piaget.ris").write_text(ris, encoding="utf-8")
    (read,) = sidecar_records(tmp_path / "piaget.pdf")
    assert (read.translators, read.original_year, read.year) == ([Person("Weaver", "Helen")], 1966, 1969)
    csl = to_csl("piaget", meta)
    assert csl["translator"] == [{"family": "Weaver", "given": "Helen"}]
    assert csl["original-date"] == {"date-parts": [[1966]]}


def test_a_zotero_items_translator_and_original_date_are_read(tmp_path: Path) -> None:
    library = build_library(tmp_path)
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(9, "book", "PIAGET01")
        write.field(9, "title", "The psychology of the child")
        write.field(9, "publisher", "Basic Books")
        write.field(9, "date", "1969")
        write.field(9, "extra", "original-date: 1966")
        write.creator(9, 0, "author", "Piaget", "Jean")
        write.creator(9, 1, "translator", "Weaver", "Helen")
        write.attachment(91, 9, "ATTPIAG1", 2, str(tmp_path / "piaget.pdf"))
    (tmp_path / "piaget.pdf").write_bytes(b"%PDF-1.4")
    records = library.records()
    piaget = records["PIAGET01"]
    assert piaget.authors == [Person("Piaget", "Jean")], "a translator is no author"
    assert (piaget.translators, piaget.original_year) == ([Person("Weaver", "Helen")], 1966)
    assert Citation("p", piaget).format("apa") == (
        "Piaget, J. (1969). The psychology of the child (H. Weaver, Trans.). Basic Books. "
        "(Original work published 1966)"
    )


def test_corpus_edit_sets_the_translators_and_the_original_year() -> None:
    values = parse_assignments(["translators=Weaver, Helen", "original_year=1966"])
    assert values == {"translators": ["Weaver, Helen"], "original_year": 1966}
    with pytest.raises(UsageError, match="original_year"):
        parse_assignments(["original_year=sixties"])


def test_a_record_without_them_keeps_the_digest_a_release_before_them_stored() -> None:
    """A Zotero item's digest (and a manifest's statement, a reference's cache key) hashes the record:
    had the two new fields entered every digest, an upgrade would read every file of a library again."""
    record = Metadata(title="Learning organizations", authors=[Person("Rossi", "Maria")], year=2019)
    before = {k: v for k, v in record.to_dict().items() if k not in ("translators", "original_year")}
    assert record.digest_dict() == before
    record.translators, record.original_year = [Person("Weaver", "Helen")], 1966
    assert record.digest_dict()["translators"] == [{"family": "Weaver", "given": "Helen", "literal": ""}]
    assert record.digest_dict()["original_year"] == 1966
