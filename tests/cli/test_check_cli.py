"""`corpus check` and `corpus quote`: the CLI's --json, the Python answer and HTTP agree; exit 1 on problems.

Runs over the PDFs made from the seeds (`tests.search_api.writing_corpus`); the CLI opens its
own Corpus, whose query encoder is replaced by the fake embedder the store was built with.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api import Corpus
from search_api.server import create_app
from tests.corpus.test_legacy_word import FIXTURE
from tests.search_api.writing_corpus import WritingCorpus, open_corpus, unseen_draft

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(writing: WritingCorpus) -> Iterator[Corpus]:
    with open_corpus(writing) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _fake_encoder(writing: WritingCorpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("search_api.service.shared_query_encoder", lambda settings: writing.embedder)


def _docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        if text == "References":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def test_check_json_python_and_http_agree(writing: WritingCorpus, corpus: Corpus, tmp_path: Path) -> None:
    draft = tmp_path / "chapter.md"
    draft.write_text(unseen_draft(writing), encoding="utf-8")
    code, out = writing.cli("check", str(draft), "--json")
    assert code == 1, out
    expected = corpus.check(draft.read_text(encoding="utf-8"), "apa", source="chapter.md").model_dump(
        mode="json"
    )
    client = TestClient(create_app(writing.settings, corpus))
    response = client.post(
        "/check", json={"text": draft.read_text(encoding="utf-8"), "filename": "chapter.md"}
    )
    assert response.status_code == 200, response.text
    assert json.loads(out) == expected == response.json()
    assert expected["problems"] == 6 and not expected["ok"]


@pytest.mark.parametrize("format_md", [True, False], ids=["format-md", "output-only"])
def test_check_writes_a_markdown_report_and_exits_0_on_a_clean_draft(
    writing: WritingCorpus, tmp_path: Path, format_md: bool
) -> None:
    """`-o report.md` alone writes the Markdown report too (before, it wrote nothing, exit 0)."""
    draft = tmp_path / "chapter.md"
    draft.write_text(unseen_draft(writing), encoding="utf-8")
    report = tmp_path / "report.md"
    md = ["--format", "md"] if format_md else []
    code, out = writing.cli("check", str(draft), *md, "-o", str(report))
    assert code == 1 and "wrote the report" in out
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Draft check: chapter.md") and "| not_in_corpus |" in text
    clean = tmp_path / "clean.txt"
    clean.write_text(
        f'As "{writing.quotation("learning", "104")}" (Dovey et al., 2019, p. 104).\n', encoding="utf-8"
    )
    code, out = writing.cli("check", str(clean), "--style", "harvard")
    assert code == 0, out
    assert "no problems found" in out and "Dovey, K., Burdon, B." in out
    code, out = writing.cli("check", str(clean), "--format", "html")
    assert code == 2 and "unknown --format" in out
    code, out = writing.cli("check", str(tmp_path / "missing.md"))
    assert code == 2 and "missing.md" in out


def test_a_word_draft_is_checked_from_the_cli_and_an_upload(
    writing: WritingCorpus, corpus: Corpus, tmp_path: Path
) -> None:
    quotation = writing.quotation("learning", "105")
    path = _docx(
        tmp_path / "chapter.docx",
        [
            f'Dovey et al. (2019) write that "{quotation}" (p. 103).',
            "References",
            "Dovey, K., Burdon, B., & Simpson, R. (2019). The learning organization as a context for value "
            "co-creation.",
        ],
    )
    code, out = writing.cli("check", str(path), "--json")
    assert code == 1
    answer = json.loads(out)
    assert [(q["status"], q["page"], q["on_cited_page"]) for q in answer["quotes"]] == [
        ("verbatim", "105", False)
    ]
    client = TestClient(create_app(writing.settings, corpus))
    upload = {"filename": "chapter.docx", "content": base64.b64encode(path.read_bytes()).decode()}
    response = client.post("/check", json=upload)
    assert response.status_code == 200, response.text
    assert response.json() == answer
    assert client.post("/check", json={**upload, "text": "x"}).status_code == 422
    assert client.post("/check", json={"filename": "a.docx", "content": "not base64!"}).status_code == 400
    not_word = client.post(
        "/check", json={"filename": "a.docx", "content": base64.b64encode(b"notes").decode()}
    )
    assert not_word.status_code == 422, "a damaged Word draft is the sender's error, not the server's"
    assert not_word.json()["detail"].startswith("a.docx: not a readable Word document")
    legacy = client.post(
        "/check", json={"filename": "memo.doc", "content": base64.b64encode(FIXTURE.read_bytes()).decode()}
    )
    assert legacy.status_code == 200 and legacy.json()["source"] == "memo.doc", legacy.text
    assert client.post("/check", json={"filename": "a.pdf", "content": "AAAA"}).status_code == 400
    assert client.post("/check", json={"text": "   "}).status_code == 400
    assert client.post("/check", json={"text": "x", "style": "mla"}).status_code == 422


def test_quote_json_python_and_http_agree(writing: WritingCorpus, corpus: Corpus) -> None:
    quotation = writing.quotation("support", "3")
    code, out = writing.cli("quote", quotation, "--json", "-k", "2")
    assert code == 0, out
    client = TestClient(create_app(writing.settings, corpus))
    response = client.get("/quote", params={"q": quotation, "k": 2})
    assert json.loads(out) == corpus.quote(quotation, 2).model_dump(mode="json") == response.json()
    code, out = writing.cli("quote", quotation)
    assert code == 0 and "The Support of Value Co-creation" in out and "p. 3)" in out
