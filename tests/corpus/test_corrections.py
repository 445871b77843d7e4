"""`corpus edit` values: read as extraction reads them, refused with the reason when unreadable."""

from __future__ import annotations

import pytest

from corpus.metadata.corrections import apply_corrections, parse_assignments
from corpus.metadata.sidecars import record_from_mapping
from corpus_core.errors import UsageError
from corpus_core.models import Metadata, Person


@pytest.mark.parametrize(
    ("assignment", "value"),
    [
        ("year=2019", 2019),
        ("year=", None),
        ("doi=https://doi.org/10.1504/IJLIC.2009.021718", "10.1504/IJLIC.2009.021718"),
        ("doi=doi:10.1108/09696470910993954.", "10.1108/09696470910993954"),
        ("isbn=978-1-78897-123-2", "9781788971232"),
        ("isbn=0 8044 2957 x", "080442957X"),
        ("kind=inproceedings", "paper-conference"),
        ("kind=Journal Article", "article-journal"),
        ("kind=dataset", "dataset"),
        ("kind=CHAP", "chapter"),
        ("language=English", "en"),
        ("language=de-AT", "de"),
        ("url=https://example.org/paper", "https://example.org/paper"),
        ("citation_key=chung2009cocreation", "chung2009cocreation"),
        ("pages=19 – 30", "19-30"),
        ("edition=2nd ed.", "2"),
        ("edition=Revised edition", "Revised edition"),
        ("edition=1st", ""),
        ("kind=", ""),
        ("venue=The Learning Organization", "The Learning Organization"),
    ],
)
def test_a_value_is_stored_in_the_form_extraction_gives_it(assignment: str, value: object) -> None:
    name = assignment.partition("=")[0]
    assert parse_assignments([assignment]) == {name: value}


@pytest.mark.parametrize(
    ("assignment", "reason"),
    [
        ("year=99999", "a year is a number from 1500"),
        ("year=20l9", "a year is a number"),
        ("doi=notadoi", "a DOI starts with 10."),
        ("isbn=12", "10 or 13 digits"),
        ("isbn=978-1-78897-123-3", "check digit"),
        ("kind=bok", "a kind is a CSL item type (article-journal, book,"),
        ("kind=nonsense", "a kind is a CSL item type"),
        ("language=klingon", "a language is a code like en"),
        ("url=www.example.org", "a URL starts with http://"),
        ("citation_key=chung 2009", "a BibTeX key holds no spaces"),
        ("citation_key=chung{2009}", "a BibTeX key holds no spaces and none of , {"),
    ],
)
def test_an_unreadable_value_is_refused_with_field_value_and_reason(assignment: str, reason: str) -> None:
    name, _, raw = assignment.partition("=")
    with pytest.raises(UsageError) as caught:
        parse_assignments(["title=A good title", assignment])
    assert str(caught.value).startswith(f"cannot set {name}={raw!r}: ")
    assert reason in str(caught.value)


def test_a_refused_value_sets_nothing_of_the_same_command() -> None:
    with pytest.raises(UsageError):
        parse_assignments(["venue=Journal of Things", "year=99999"])


def test_corrections_apply_their_normalised_values_marked_user() -> None:
    record = apply_corrections(
        Metadata(title="T", doi="10.1000/old"), parse_assignments(["doi=doi:10.1000/new"])
    )
    assert record.doi == "10.1000/new" and record.sources["doi"] == "user"


def test_editors_are_set_as_people_like_authors() -> None:
    """`--set editors=...` stored the text as it was, a string where a citation reads people."""
    record = apply_corrections(
        Metadata(title="T", kind="chapter"), parse_assignments(["editors=Argote, Linda; Levine, John M."])
    )
    assert record.editors == [Person("Argote", "Linda"), Person("Levine", "John M.")]
    assert record.sources["editors"] == "user"


def test_a_sidecar_type_that_is_no_csl_type_is_unknown_not_kept() -> None:
    assert record_from_mapping({"title": "T", "type": "nonsense"}).kind == ""
    assert record_from_mapping({"title": "T", "type": "post-weblog"}).kind == "post-weblog"
    assert record_from_mapping({"title": "T", "type": "article"}).kind == "article-journal"
    assert record_from_mapping({"title": "T", "type": "RPRT"}).kind == "report"
