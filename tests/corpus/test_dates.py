"""A work's day of publication: read where a record states it, cited where the style dates by the day.

APA, Cite Them Right and Chicago cite a newspaper's, a magazine's and a web page's article by its
day ("Hill, A. (2019, May 14)."), a journal article, a report or a book by its year alone. Records
kept only the year, so every such reference lacked its day.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.metadata.corrections import apply_corrections, parse_assignments
from corpus.metadata.fields import parse_date
from corpus.metadata.furniture import read_line
from corpus.metadata.sidecars import record_from_mapping, sidecar_records
from corpus_core.errors import UsageError
from corpus_core.models import Metadata, Person
from search_api.citations import Citation

HILL = Metadata(
    title="Learning from the customer",
    authors=[Person("Hill", "Andrew")],
    year=2019,
    date="2019-05-14",
    venue="Financial Times",
    kind="article-newspaper",
)


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2019-05-14", "2019-05-14"),
        ("2019-05-14T10:00:00Z", "2019-05-14"),
        ("2019-05-14 May 14, 2019", "2019-05-14"),  # Zotero's stored form
        ("2009-03-00 March 2009", "2009-03"),
        ("14 May 2019", "2019-05-14"),
        ("May 14, 2019 Tuesday", "2019-05-14"),
        ("Updated Sept. 3, 2020", "2020-09-03"),
        ("March 2020", "2020-03"),
        ("2019", ""),
        ("2001-00-00 2001", ""),
        ("2019-13-01", ""),
        ("", ""),
    ],
)
def test_dates_are_read_in_the_forms_records_and_pages_write(value: str, date: str) -> None:
    assert parse_date(value) == date


def test_a_newspapers_article_is_cited_by_its_day_and_a_journals_by_its_year() -> None:
    assert Citation("h", HILL).format("apa") == (
        "Hill, A. (2019, May 14). Learning from the customer. Financial Times."
    )
    assert Citation("h", HILL).format("chicago") == (
        "Hill, Andrew. 2019. “Learning from the Customer.” Financial Times, May 14."
    )
    assert Citation("h", HILL).in_text("apa") == "(Hill, 2019)"
    assert "  month = may" in Citation("h", HILL).bibtex()
    assert "DA  - 2019/05/14/" in Citation("h", HILL).format("ris")
    journal = Metadata(**{**vars(HILL), "kind": "article-journal", "venue": "The Learning Organization"})
    assert Citation("j", journal).format("apa").startswith("Hill, A. (2019). Learning")
    assert "month" not in Citation("j", journal).bibtex()
    other_year = Metadata(**{**vars(HILL), "year": 2020})
    assert Citation("o", other_year).format("apa").startswith("Hill, A. (2020). Learning"), (
        "a day of 2019 is no day of 2020"
    )


def test_a_day_comes_from_a_csl_json_sidecar_and_from_corpus_edit() -> None:
    read = record_from_mapping(
        {"title": "T", "type": "article-newspaper", "issued": {"date-parts": [[2019, 5, 14]]}}
    )
    assert (read.year, read.date) == (2019, "2019-05-14")
    edited = apply_corrections(Metadata(title="T"), parse_assignments(["date=14 May 2019"]))
    assert (edited.year, edited.date, edited.sources["date"]) == (2019, "2019-05-14", "user")
    with pytest.raises(UsageError, match="2019-05-14"):
        parse_assignments(["date=soon"])


def test_a_day_comes_from_bibtex_and_ris_sidecars(tmp_path: Path) -> None:
    """BibTeX's `month` and `day` (or biblatex's `date`) and RIS's `DA`, as Zotero writes them."""
    paper = tmp_path / "hill.pdf"
    paper.write_bytes(b"%PDF-1.4")
    (tmp_path / "hill.bib").write_text(
        "@article{hill2019, title = {Learning from the customer}, journal = {Financial Times},\n"
        "  year = {2019}, month = may, day = {14}}\n"
    )
    [bib] = sidecar_records(paper)
    (tmp_path / "hill.bib").unlink()
    (tmp_path / "hill.ris").write_text(
        "TY  - NEWS\nTI  - Learning from the customer\nPY  - 2019\nDA  - 2019/05/14/\nER  - \n"
    )
    [ris] = sidecar_records(paper)
    assert (bib.date, ris.date) == ("2019-05-14", "2019-05-14")


def test_a_magazines_running_head_dates_its_issue_and_two_months_are_cited_by_the_year() -> None:
    """citeproc-py prints a range of months without its year ("(May–June)"): such an issue keeps its year."""
    assert read_line("50 Harvard Business Review April 2011")[0].date == "2011-04"
    assert parse_date("From the May–June 2022 Issue") == "2022-05/2022-06"
    bimonthly = Metadata(
        **{**vars(HILL), "kind": "article-magazine", "year": 2022, "date": "2022-05/2022-06"}
    )
    assert Citation("b", bimonthly).format("apa").startswith("Hill, A. (2022). Learning")
