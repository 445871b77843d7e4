"""`corpus docs` and `corpus bib` select works by a search's filters; the CLI, Python and HTTP agree.

Before, `corpus bib` took only ids: a writer's .bib of a Zotero collection, of a year range or
of the whole library needed the ids copied out of `corpus docs` one by one, and `corpus docs`
listed every work. Runs over the PDFs made from the seeds (2009 Chung, 2016 report, 2019 Dovey
et al.; `tests.search_api.writing_corpus`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from corpus_core.errors import UsageError
from corpus_core.models import Metadata, Person
from search_api import Corpus
from search_api.citations import missing_for_reference
from search_api.filters import Filters
from search_api.server import create_app
from tests.search_api.writing_corpus import CHUNG, LEARNING, SUPPORT, WritingCorpus, open_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(writing: WritingCorpus) -> Iterator[Corpus]:
    with open_corpus(writing) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(writing: WritingCorpus, corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(writing.settings, corpus)) as opened:
        yield opened


def test_docs_keeps_the_works_the_filters_match(
    writing: WritingCorpus, corpus: Corpus, client: TestClient
) -> None:
    code, out = writing.cli("docs", "--year-from", "2010", "--json")
    assert code == 0, out
    listed = sorted(w["title"] for w in json.loads(out))
    assert listed == sorted([LEARNING, SUPPORT])
    python = sorted(w.title for w in corpus.documents(Filters(year_from=2010)))
    answer = client.get("/documents", params={"year_from": 2010})
    assert answer.status_code == 200, answer.text
    assert listed == python == sorted(w["title"] for w in answer.json())
    assert len(client.get("/documents").json()) == len(corpus.documents()) == 3
    code, out = writing.cli("docs", "--author", "Dovey, K.")
    said = " ".join(out.split())
    assert code == 0 and "1 work matching --author 'Dovey, K.'" in said, out
    with pytest.raises(UsageError, match="section"):
        corpus.select_works(Filters(section="Findings"))


def test_docs_incomplete_lists_what_each_reference_lacks(
    writing: WritingCorpus, corpus: Corpus, client: TestClient
) -> None:
    """The 2016 report has no authors: it is cited by its title until `corpus edit` gives them."""
    code, out = writing.cli("docs", "--incomplete", "--json")
    assert code == 0, out
    listed = [(w["title"], w["missing"]) for w in json.loads(out)]
    assert listed == [(SUPPORT, ["authors"])]
    answer = client.get("/documents", params={"incomplete": "true"})
    assert [(w["title"], w["missing"]) for w in answer.json()] == listed
    assert [(w.title, w.missing) for w in corpus.documents(incomplete=True)] == listed
    assert all(w["missing"] == [] for w in client.get("/documents").json() if w["title"] != SUPPORT)
    code, out = writing.cli("docs", "--incomplete", "--year-to", "2010")
    assert code == 0 and "0 works matching --year-to 2010, --incomplete" in " ".join(out.split()), out
    code, out = writing.cli("docs", "--incomplete")
    said = " ".join(out.split())
    assert "1 work matching --incomplete" in said and "authors" in said and "corpus edit" in said, out


def test_a_journal_article_without_its_journal_is_incomplete() -> None:
    article = Metadata(title="Customer learning", authors=[Person("Solberg", "Ingrid")], year=2020)
    assert missing_for_reference(article) == []
    article.kind = "article-journal"
    assert missing_for_reference(article) == ["venue"]
    assert missing_for_reference(Metadata(kind="report")) == ["title", "authors", "year"]


def test_a_chapter_without_its_book_s_editors_is_incomplete() -> None:
    """A chapter's reference names its book's editors ("In M. Dierkes (Ed.), ...") in every style."""
    chapter = Metadata(
        title="Knowledge creation",
        authors=[Person("Nonaka", "Ikujiro")],
        year=2001,
        kind="chapter",
        venue="Handbook",
    )
    assert missing_for_reference(chapter) == ["editors"]
    chapter.editors = [Person("Dierkes", "Meinolf")]
    assert missing_for_reference(chapter) == []


@pytest.mark.parametrize("kind", ["chapter", "entry-encyclopedia"])
def test_an_unsigned_chapter_or_entry_is_cited_by_its_book_s_editors_and_lacks_no_authors(kind: str) -> None:
    """An unsigned chapter or encyclopedia entry is cited by its book's editors ("Child, J.
    (Ed.). (2001). Learning organization. In ..."): its record is complete without authors,
    unless the editors are known by family name only."""
    entry = Metadata(title="Learning organization", year=2001, kind=kind, venue="Handbook")
    assert missing_for_reference(entry) == (["authors", "editors"] if kind == "chapter" else ["authors"])
    entry.editors = [Person("Child", "John")]
    assert missing_for_reference(entry) == []
    entry.editors = [Person("Child")]
    assert missing_for_reference(entry) == ["given names"]


def test_authors_known_by_family_name_only_lack_given_names() -> None:
    """A file named "Vargo & Lusch 2004.pdf" gives family names: APA wrote "Vargo, & Lusch. (2004)."."""
    named = Metadata(title="Evolving", authors=[Person("Vargo"), Person("Lusch")], year=2004)
    assert missing_for_reference(named) == ["given names"]
    named.authors = [Person("Vargo", "Stephen L."), Person(literal="World Health Organization")]
    assert missing_for_reference(named) == []


def test_bib_of_the_selected_works(writing: WritingCorpus, corpus: Corpus, client: TestClient) -> None:
    code, out = writing.cli("bib", "--author", "Chung")
    assert code == 0, out
    assert out.count("\n@") + out.startswith("@") == 1 and "Chung, Yin Min" in out, out
    answer = client.get("/bibliography", params={"author": "Chung", "style": "bibtex"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["text"] == out, "stdout holds the .bib as a file would (one final newline)"
    code, out = writing.cli("bib", "--all", "-f", "apa")
    assert code == 0, out
    every = out.splitlines()
    python = corpus.bibliography(corpus.select_works(Filters()), "apa")
    assert len(every) == 3 and every == python.splitlines()
    assert every[0].startswith("Chung, Y. M. (2009). Co-creation"), every
    download = client.get("/bibliography", params={"year_to": 2016, "style": "ris", "download": "true"})
    assert download.status_code == 200, download.text
    assert download.headers["content-disposition"] == 'attachment; filename="bibliography.ris"'
    assert download.text.count("TY  - ") == 2 and CHUNG.split(":")[0] in download.text


def test_a_selection_that_is_empty_or_unclear_is_refused(writing: WritingCorpus, client: TestClient) -> None:
    code, out = writing.cli("bib", "--year-from", "2030")
    said = " ".join(out.split())
    assert code == 3 and "no work of the corpus matches --year-from 2030" in said, out
    assert client.get("/bibliography", params={"year_from": 2030}).status_code == 404
    code, out = writing.cli("bib")
    assert code == 2 and "name the works: their ids, --all, or a filter" in " ".join(out.split()), out
    code, out = writing.cli("bib", "--all", "somework")
    assert code == 2 and "not both" in out, out
    backwards = client.get("/bibliography", params={"year_from": 2020, "year_to": 2010})
    assert backwards.status_code == 422 and backwards.json()["detail"].startswith("year_from:")
    unknown = client.get("/documents", params={"collection": "Thesis"})
    assert unknown.status_code == 400 and "no work of this corpus is in Zotero collection" in unknown.text
