"""`corpus refs|citing|co-cited|related|missing`: the CLI's --json, the Python answer and HTTP agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_cli.main import app
from corpus_core.settings import Settings, load_settings
from indexing.run import ingest
from search_api import Corpus
from search_api.server import create_app
from tests.conftest import FakeEmbedder
from tests.search_api.citing_corpus import TITLES, X_KEY, Z_KEY, write_citing_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, dict[str, str]]]:
    root = tmp_path_factory.mktemp("graph-cli")
    write_citing_corpus(root / "papers")
    settings = load_settings(store=root / "store")
    settings.runner.prepare_workers = 0
    ingest(settings, [root / "papers"], embedder=FakeEmbedder())
    corpus = Corpus(settings=settings)
    ids = {
        letter: next(w.work_id for w in corpus.documents() if w.title == t) for letter, t in TITLES.items()
    }
    corpus.close()
    yield settings, ids


def cli(settings: Settings, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--store", str(settings.store)], catch_exceptions=False)
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def test_json_python_and_http_agree(store) -> None:
    settings, w = store
    corpus = Corpus(settings=settings)
    client = TestClient(create_app(settings, corpus))
    cases = [
        (["refs", w["C"]], corpus.refs(w["C"]), f"/works/{w['C']}/refs"),
        (["citing", X_KEY], corpus.citing(X_KEY), f"/works/{X_KEY}/cited-by"),
        (["co-cited", w["A"], "-n", "3"], corpus.co_cited(w["A"], 3), f"/works/{w['A']}/co-cited?limit=3"),
        (["related", w["B"], "-k", "3"], corpus.related(w["B"], 3), f"/works/{w['B']}/related?k=3"),
        (["missing", "--min-citing", "1"], corpus.missing(1), "/missing?min_citing=1"),
    ]
    for args, answer, path in cases:
        code, out = cli(settings, *args, "--json")
        assert code == 0, out
        response = client.get(path)
        assert response.status_code == 200, response.text
        assert json.loads(out) == answer.model_dump(mode="json") == response.json(), args
    code, bibtex = cli(settings, "missing", "--export", "bibtex")
    download = client.get("/missing?format=bibtex")
    assert download.headers["content-disposition"] == 'attachment; filename="missing.bib"'
    assert (
        bibtex.strip()
        == download.text.strip()
        == corpus.missing_bibliography(corpus.missing(), "bibtex").strip()
    )
    assert "@article{price1965networks" in bibtex and "@article{small1973" in bibtex
    corpus.close()


def test_human_output_and_errors(store, tmp_path: Path) -> None:
    settings, w = store
    code, out = cli(settings, "refs", w["D"])
    assert code == 0 and "4 references, 2 in the corpus." in out
    assert "not in corpus" in out and TITLES["C"] in " ".join(out.split())
    code, out = cli(settings, "co-cited", Z_KEY)
    assert code == 0 and "cited by 2 work(s)" in out
    code, out = cli(settings, "related", w["B"], "-k", "1")
    assert code == 0 and "text and references" in out and TITLES["C"] in " ".join(out.split())
    target = tmp_path / "acquire.ris"
    code, out = cli(settings, "missing", "--export", "ris", "-o", str(target))
    assert code == 0 and target.read_text().count("TY  - JOUR") == 2
    code, out = cli(settings, "refs", "doesnotexist")
    assert code == 3 and "no document" in out
    code, out = cli(settings, "related", X_KEY)
    assert code == 2 and "not a work" in out
    code, out = cli(settings, "missing", "--export", "mla")
    assert code == 2 and "unknown citation style" in out


def test_http_errors_name_the_value(store) -> None:
    settings, w = store
    client = TestClient(create_app(settings))
    assert client.get("/works/doesnotexist/refs").status_code == 404
    assert client.get(f"/works/{X_KEY}/related").status_code == 400
    assert client.get("/works/" + "a" * 201 + "/refs").status_code == 422
    assert client.get("/missing?format=mla").status_code == 422
    assert client.get(f"/works/{w['A']}/related?reference_weight=1.5").status_code == 422
