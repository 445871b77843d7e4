"""A retracted work is noted so wherever a writer meets it: its record, its reference, its search hit.

Zotero's retraction check keeps what it found in `retractedItems`; a publisher reissues a
retracted article's PDF with "RETRACTED ARTICLE:" before its title or a stamp and a note on its
first page; a user may say so with `corpus edit`. APA 7 (10.1) adds "(Retraction published
2012)" after the reference. Before, nothing of it was read: a writer pasted a retracted paper's
reference with nothing to warn them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus.loading.loaders import load_file
from corpus.loading.zotero import read_library
from corpus.metadata.corrections import apply_corrections, parse_assignments
from corpus.metadata.retraction import mark_retraction
from corpus.pipeline import prepare_document
from corpus_cli.main import app
from corpus_core.models import Document, Metadata, Person
from corpus_core.settings import load_settings
from indexing.run import ingest
from search_api import Corpus
from search_api.citations import Citation
from tests.conftest import PDFS
from tests.corpus.layouts import Layout, case_study_prose, render
from tests.corpus.zotero_library import Library, LibraryWriter, build_library
from tests.search_api.writing_corpus import QueryEmbedder

TITLE = "Value co-creation in service ecosystems: a learning perspective"
FOOT = "Journal of Business Research 120 (2020) 101–115"


def _retract(library: Library, item_id: int, data: dict[str, object], flag: int = 0) -> None:
    with library.connect() as db:
        db.execute(
            "INSERT INTO retractedItems (itemID, data, flag) VALUES (?, ?, ?)",
            (item_id, json.dumps(data), flag),
        )


def _article(library: Library, item_id: int, key: str, title: str) -> None:
    with library.connect() as db:
        write = LibraryWriter(db)
        write.item(item_id, "journalArticle", key)
        write.field(item_id, "title", title)
        write.field(item_id, "publicationTitle", "Personality and Social Psychology Bulletin")
        write.field(item_id, "date", "2008")
        write.field(item_id, "volume", "34")
        write.field(item_id, "issue", "8")
        write.field(item_id, "pages", "1047-1056")
        write.field(item_id, "DOI", "10.1177/0146167208318401")
        write.creator(item_id, 0, "author", "Joly", "Janneke F.")
        write.attachment(item_id * 10 + 1, item_id, f"ATT{key[:5]}", 2, str(PDFS / "minimal-document.pdf"))


def test_a_work_zoteros_retraction_check_found_is_cited_with_its_retraction(tmp_path: Path) -> None:
    library = build_library(tmp_path)
    _article(library, 9, "SILENCE1", "Silence and table manners: When environments activate norms")
    _article(library, 8, "HIDDEN01", "A retraction whose warning the user hid")
    before = {f.item.key: f.item.source for f in read_library(library.data_dir).files}
    _retract(library, 9, {"date": "2012-10-01", "reasons": ["Falsification/Fabrication of Data"]})
    _retract(library, 8, {"date": "2015-01-01"}, flag=1)
    after = read_library(library.data_dir).files
    records = {f.item.key: f.item.metadata for f in after}

    assert records["SILENCE1"].retraction == "Retraction published 2012"
    assert records["HIDDEN01"].retraction == ""
    assert records["ARTICLE1"].retraction == ""
    assert Citation("r", records["SILENCE1"]).format("apa") == (
        "Joly, J. F. (2008). Silence and table manners: When environments activate norms. Personality and "
        "Social Psychology Bulletin, 34(8), 1047–1056. https://doi.org/10.1177/0146167208318401 "
        "(Retraction published 2012)"
    )
    changed = {f.item.key for f in after if f.item.source != before[f.item.key]}
    assert changed == {"SILENCE1"}, "the next run reads the retracted item's record again, and only it"


def test_a_retracted_articles_reissued_title_keeps_its_own_title(tmp_path: Path) -> None:
    library = build_library(tmp_path)
    _article(
        library,
        9,
        "SILENCE1",
        "RETRACTED ARTICLE: Silence and table manners: When environments activate norms",
    )
    meta = library.records()["SILENCE1"]

    assert meta.title == "Silence and table manners: When environments activate norms"
    assert meta.retraction == "Retracted"
    assert Citation("r", meta).format("apa").endswith("https://doi.org/10.1177/0146167208318401 (Retracted)")


def _prepared(head: str, path: Path, foot: str = FOOT) -> Document:
    rendered = render(head + case_study_prose(6), Layout(name="retracted", foot=foot, first_number=101), path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.mark.parametrize(
    ("head", "foot", "retraction"),
    [
        pytest.param(
            f"RETRACTED: {TITLE}\n\nJane Smith a, Peter Jones b\n\nThis article has been retracted: please "
            "see Elsevier Policy on Article Withdrawal (https://www.elsevier.com/locate/withdrawalpolicy).\n\n",
            FOOT,
            "Retracted",
            id="elsevier-title-mark-and-note",
        ),
        pytest.param(
            f"RETRACTED ARTICLE\n\n{TITLE}\n\nJane Smith · Peter Jones\n\n",
            f"{FOOT}\nThis article was retracted on 14 June 2022. Retraction Note: https://doi.org/10.1016/j.jbusres.2022.05.001",
            "Retraction published 2022",
            id="stamp-and-the-retractions-date",
        ),
    ],
)
def test_a_retracted_articles_pdf_is_read_as_retracted(
    tmp_path: Path, head: str, foot: str, retraction: str
) -> None:
    meta = _prepared(head, tmp_path / "retracted.pdf", foot).metadata

    assert meta.title == TITLE
    assert [p.family for p in meta.authors] == ["Smith", "Jones"]
    assert meta.retraction == retraction
    assert Citation("r", meta).format("apa").endswith(f"101–115. ({retraction})")


def test_a_retractions_notice_and_a_paper_about_retractions_are_not_retracted(tmp_path: Path) -> None:
    notice = _prepared(
        f"Retraction notice to “{TITLE}” [J. Bus. Res. 98 (2019) 12–30]\n\nThis article has been retracted "
        "at the request of the Editor-in-Chief.\n\n",
        tmp_path / "notice.pdf",
    ).metadata
    paper = _prepared(
        "Why retracted articles keep being cited\n\nJane Smith\n\nA retracted article is cited long after it "
        "was retracted; we count how often.\n\n",
        tmp_path / "paper.pdf",
    ).metadata

    assert notice.is_notice and notice.retraction == ""
    assert paper.retraction == ""


@pytest.mark.parametrize(
    ("title", "kept", "retraction"),
    [
        (f"RETRACTED ARTICLE: {TITLE}", TITLE, "Retracted"),
        (f"RETRACTED: {TITLE}", TITLE, "Retracted"),
        (f"Retracted: {TITLE}", f"Retracted: {TITLE}", ""),
    ],
)
def test_only_a_reissued_articles_mark_is_taken_off_its_title(title: str, kept: str, retraction: str) -> None:
    """Hindawi titles its notices of retraction "Retracted: <the article's title>": read as the
    retracted article, a notice took its article's title and would be linked to it as a version."""
    meta = Metadata(title=title, sources={"title": "zotero"})
    mark_retraction(meta)

    assert (meta.title, meta.retraction) == (kept, retraction)


@pytest.mark.parametrize(
    ("written", "noted"),
    [("2012", "Retraction published 2012"), ("yes", "Retracted"), ("", "")],
)
def test_corpus_edit_notes_a_retraction(written: str, noted: str) -> None:
    meta = apply_corrections(
        Metadata(title=TITLE, authors=[Person("Smith", "Jane")], year=2020),
        parse_assignments([f"retraction={written}"]),
    )

    assert (meta.retraction, meta.sources["retraction"]) == (noted, "user")


def test_a_search_hit_of_a_retracted_work_warns_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Corpus.search` (the API's and the page's answer), the CLI's lines and a draft's check, on a store
    a run ingested."""
    embedder = QueryEmbedder()
    monkeypatch.setattr("search_api.service.shared_query_encoder", lambda settings: embedder)
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    papers = tmp_path / "papers"
    papers.mkdir()
    _prepared(
        f"RETRACTED: {TITLE}\n\nJane Smith a, Peter Jones b\n\na University of Leeds, UK\n\n",
        papers / "retracted.pdf",
    )
    kept = "Penguin colonies move as the sea ice shifts, and satellites count them from space. " * 8
    (papers / "kept.txt").write_text(f"Penguin colonies of the southern ocean\n\n{kept}\n", encoding="utf-8")
    ingest(settings, [papers], embedder=embedder)

    corpus = Corpus(settings=settings)
    try:
        hit = corpus.search("customer learning in logistics firms", k=10, mode="lexical")[0].to_dict()
        report = corpus.check("Customers teach their suppliers (Smith & Jones, 2020, p. 101).\n")
        every, retracted = corpus.documents(), corpus.documents(retracted=True)
    finally:
        corpus.close()
    listed = CliRunner().invoke(app, ["docs", "--retracted", "--json", "--store", str(settings.store)])
    result = CliRunner().invoke(
        app,
        [
            "search",
            "customer learning in logistics firms",
            "--mode",
            "lexical",
            "--store",
            str(settings.store),
        ],
    )

    assert (hit["title"], hit["retraction"]) == (TITLE, "Retracted")
    assert [(c.status, c.message) for c in report.citations] == [
        ("retracted", "the work was retracted: check the retraction before citing it")
    ]
    assert report.cited_works[0].retraction == "Retracted" and report.problems == 1
    assert report.reference_list.endswith("(Retracted)")
    assert hit["citation"].endswith("(Retracted)")
    assert result.exit_code == 0, result.output
    assert "RETRACTED" in result.output
    assert len(every) == 2 and [(w.title, w.retraction) for w in retracted] == [(TITLE, "Retracted")]
    assert [w["title"] for w in json.loads(listed.output)] == [TITLE]


def test_a_notice_of_retraction_in_the_corpus_marks_the_article_it_retracts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SAGE's notice cites its article with the DOI; whichever arrives first, the article's record is
    noted retracted, dated by the notice; the notice gone, the note goes."""
    embedder = QueryEmbedder()
    monkeypatch.setattr("search_api.service.shared_query_encoder", lambda settings: embedder)
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    papers, later = tmp_path / "papers", tmp_path / "later"
    papers.mkdir()
    later.mkdir()
    article = (
        "Management Learning 2020, Vol. 51(4) 455–472 © The Author(s) 2020 DOI: 10.1177/1350507620912345"
    )
    render(
        f"{TITLE}\n\nJane Smith a, Peter Jones b\n\na University of Leeds, UK\n\n" + case_study_prose(6),
        Layout(name="article", foot=article, first_number=455),
        papers / "article.pdf",
    )
    notice = (
        f"Retraction notice\n\nSmith J and Jones P (2020) {TITLE}. Management Learning 51(4): 455–472. "
        "DOI: 10.1177/1350507620912345\n\nThe above article has been retracted at the request of the "
        "Editors. After publication, concerns were raised about the data.\n\n"
    )
    own = "Management Learning 2022, Vol. 53(2) © The Author(s) 2022 DOI: 10.1177/13505076221000001"
    render(
        notice + "The notice is short. " * 30,
        Layout(name="notice", foot=own, number_at=""),
        later / "notice.pdf",
    )

    def article_record() -> Metadata:
        corpus = Corpus(settings=settings)
        try:
            return next(w for w in corpus.catalog.works() if w.metadata.title == TITLE).metadata
        finally:
            corpus.close()

    ingest(settings, [papers], embedder=embedder)
    assert article_record().retraction == ""
    ingest(settings, [papers, later], embedder=embedder)
    assert article_record().retraction == "Retraction published 2022"
    (later / "notice.pdf").unlink()
    ingest(settings, [papers, later], prune=True, embedder=embedder)
    assert article_record().retraction == ""
    (papers / "article.pdf").rename(tmp_path / "article.pdf")
    ingest(settings, [papers, later], prune=True, embedder=embedder)
    render(
        notice + "The notice is short. " * 30,
        Layout(name="notice", foot=own, number_at=""),
        later / "again.pdf",
    )
    ingest(settings, [papers, later], embedder=embedder)
    (tmp_path / "article.pdf").rename(papers / "article.pdf")
    ingest(settings, [papers, later], embedder=embedder)
    assert article_record().retraction == "Retraction published 2022", "the notice first, then its article"
    corpus = Corpus(settings=settings)
    try:
        notices = [w.metadata for w in corpus.catalog.works() if w.metadata.is_notice]
    finally:
        corpus.close()
    assert [(n.title, n.retracts, n.retraction) for n in notices] == [
        ("Retraction notice", "10.1177/1350507620912345", "")
    ]


class _Notices:
    """A catalog's one query `_note_retractions` asks: the notices that retract these DOIs."""

    def __init__(self, notice: Metadata) -> None:
        self.notice = notice

    def retraction_notices(self, dois: list[str]) -> dict[str, Metadata]:
        return {doi.lower(): self.notice for doi in dois if doi.lower() == self.notice.retracts}


def test_a_notice_showing_the_doi_it_cites_as_its_own_is_not_marked_retracted() -> None:
    from indexing.linking import _note_retractions

    notice = Metadata(title="Retraction notice", year=2022, doi="10.1/a", retracts="10.1/a")
    article = Metadata(title=TITLE, year=2020, doi="10.1/A")
    _note_retractions(_Notices(notice), [notice, article])  # type: ignore[arg-type]

    assert (notice.retraction, article.retraction) == ("", "Retraction published 2022")
