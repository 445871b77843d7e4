"""The HTTP service: routes, validation, errors, downloads, OpenAPI, token and a real `corpus serve`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import typing
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from corpus_core.errors import CorpusError
from corpus_core.settings import Settings, load_settings
from search_api import Corpus
from search_api.citations import STYLES
from search_api.server import create_app, is_loopback
from search_api.server_models import Style

QUERY = "value co-creation in a learning organization"
ROOT = Path(__file__).resolve().parents[2]
CORPUS_BIN = Path(sys.executable).parent / "corpus"


# ---- Hermetic: no store needed ------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_create_app_refuses_public_host_without_token(tmp_path: Path, host: str) -> None:
    settings = load_settings(store=tmp_path)
    settings.server.host = host
    settings.server.api_token = ""
    with pytest.raises(CorpusError, match="api_token"):
        create_app(settings)


def test_create_app_accepts_public_host_with_token(tmp_path: Path) -> None:
    settings = load_settings(store=tmp_path)
    settings.server.host = "0.0.0.0"
    settings.server.api_token = "s3cret-s3cret-s3cret"
    assert create_app(settings).title == "research-corpus"


def test_server_styles_match_citation_styles() -> None:
    assert set(typing.get_args(Style)) == set(STYLES)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    settings = load_settings(store=tmp_path / "nothing-here")
    with TestClient(create_app(settings)) as client:
        health = client.get("/health")
        search = client.get("/search", params={"q": "anything"})
    assert health.status_code == 503
    assert "no corpus here yet" in health.json()["detail"]
    assert search.status_code == 503, "a missing store is not a client mistake"
    assert "corpus ingest" in search.json()["detail"]


# ---- Against the seed store ---------------------------------------------------------------


@pytest.fixture(scope="module")
def client(seed_settings: Settings, seed_corpus: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(seed_settings, seed_corpus)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def top_hit(client: TestClient) -> dict:
    response = client.get("/search", params={"q": QUERY, "k": 5})
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


@pytest.mark.integration
@pytest.mark.slow
def test_search_answers_with_the_documented_shape(client: TestClient) -> None:
    response = client.get("/search", params={"q": QUERY, "k": 3, "mode": "hybrid", "style": "chicago"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert {"query", "mode", "offset", "k", "results"} <= set(data)
    assert (data["query"], data["mode"], data["offset"], data["k"]) == (QUERY, "hybrid", 0, 3)
    assert 1 <= len(data["results"]) <= 3
    assert "learning" in data["terms"]
    for rank, result in enumerate(data["results"], start=1):
        assert {
            "rank",
            "work_id",
            "title",
            "authors",
            "year",
            "venue",
            "page",
            "score",
            "snippet",
            "citation",
            "in_text",
            "source",
            "doi",
            "passages",
        } <= set(result)
        assert result["rank"] == rank
        assert result["snippet"]
        assert result["citation"]
        assert result["passages"] and {"chunk_id", "text", "page", "section"} <= set(result["passages"][0])


@pytest.mark.integration
@pytest.mark.slow
def test_learning_organization_paper_ranks_first(top_hit: dict) -> None:
    assert "learning organization" in top_hit["title"].lower()
    assert top_hit["year"] == 2019
    assert Path(top_hit["source"]).name.startswith(("000_", "001_"))


@pytest.mark.integration
@pytest.mark.slow
def test_search_filters_and_paging(client: TestClient) -> None:
    recent = client.get("/search", params={"q": QUERY, "year_from": 2015}).json()["results"]
    assert recent and all(r["year"] is not None and r["year"] >= 2015 for r in recent)
    none = client.get("/search", params={"q": QUERY, "year_from": 1900, "year_to": 1901}).json()
    assert none["results"] == []
    first = client.get("/search", params={"q": QUERY, "k": 1}).json()["results"]
    second = client.get("/search", params={"q": QUERY, "k": 1, "offset": 1}).json()["results"]
    assert second and second[0]["rank"] == 2 and second[0]["work_id"] != first[0]["work_id"]
    lexical = client.get("/search", params={"q": QUERY, "mode": "lexical"}).json()
    assert lexical["mode"] == "lexical" and lexical["results"]
    english = [
        [r["work_id"] for r in client.get("/search", params={"q": QUERY, "language": code}).json()["results"]]
        for code in ("en", "English")
    ]
    assert english[0] and english[0] == english[1]
    unknown = client.get("/search", params={"q": QUERY, "language": "klingon"})
    assert unknown.status_code == 400 and "unknown language 'klingon'" in unknown.json()["detail"]


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize(
    ("params", "field", "shown"),
    [
        ({"q": QUERY, "k": 0}, "k", "'0'"),
        ({"q": QUERY, "k": 101}, "k", "'101'"),
        ({"q": QUERY, "offset": -1}, "offset", "'-1'"),
        ({"q": QUERY, "offset": 1001}, "offset", "'1001'"),
        ({"q": ""}, "q", "must not be empty"),
        ({"q": "   "}, "q", "must not be empty"),
        ({"q": "???"}, "q", "holds no word to search for"),
        ({"q": "x" * 501}, "q", "the limit is 500"),
        ({"q": QUERY, "mode": "fuzzy"}, "mode", "'fuzzy'"),
        ({"q": QUERY, "style": "mla"}, "style", "'mla'"),
        ({"q": QUERY, "year_from": 2020, "year_to": 2010}, "year_from", "2020"),
        ({}, "q", "required"),
    ],
)
def test_search_rejects_bad_input(client: TestClient, params: dict, field: str, shown: str) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith(f"{field}:"), detail
    assert shown in detail


@pytest.mark.integration
@pytest.mark.slow
def test_documents_list_and_show(client: TestClient, top_hit: dict) -> None:
    listed = client.get("/documents").json()
    assert top_hit["work_id"] in {work["work_id"] for work in listed}
    response = client.get(f"/documents/{top_hit['work_id']}")
    assert response.status_code == 200, response.text
    work = response.json()
    assert {"work_id", "metadata", "files", "sections", "references", "cleaning", "chunks"} <= set(work)
    assert work["metadata"]["title"] == top_hit["title"]
    assert "title" in work["metadata"]["sources"]
    paths = [Path(p).name for f in work["files"] for p in f["paths"]]
    assert any(name.startswith(("000_", "001_")) for name in paths)
    assert work["chunks"] and work["text"] is None
    with_text = client.get(f"/documents/{top_hit['work_id']}", params={"text": True}).json()
    assert "learning organization" in with_text["text"].lower()


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    ["/documents/no-such-id", "/documents/no-such-id/cite"],
)
def test_unknown_id_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no-such-id" in response.json()["detail"]


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
def test_cite_in_every_style(client: TestClient, top_hit: dict, style: str) -> None:
    response = client.get(f"/documents/{top_hit['work_id']}/cite", params={"style": style, "page": "3"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert (data["work_id"], data["style"]) == (top_hit["work_id"], style)
    text = data["citation"]
    if style == "bibtex":
        assert text.startswith("@") and "year = {2019}" in text
        assert data["in_text"] is None
    elif style == "ris":
        assert text.startswith("TY  - ") and "PY  - 2019" in text and text.rstrip().endswith("ER  -")
        assert data["in_text"] is None
    elif style == "csl-json":
        assert json.loads(text)["issued"]["date-parts"][0][0] == 2019
        assert data["in_text"] is None
    else:
        assert "2019" in text and "Learning Organization" in text
        assert "2019" in data["in_text"] and "3" in data["in_text"]


@pytest.mark.integration
@pytest.mark.slow
def test_cite_rejects_unknown_style(client: TestClient, top_hit: dict) -> None:
    response = client.get(f"/documents/{top_hit['work_id']}/cite", params={"style": "mla"})
    assert response.status_code == 422
    assert "'mla'" in response.json()["detail"]


@pytest.fixture(scope="module")
def two_works(client: TestClient) -> list[str]:
    return [work["work_id"] for work in client.get("/documents").json()[:2]]


@pytest.mark.integration
@pytest.mark.slow
def test_bibliography_as_json(client: TestClient, two_works: list[str]) -> None:
    response = client.post("/bibliography", json={"doc_ids": [*two_works, two_works[0]], "style": "apa"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["style"] == "apa"
    assert len(data["text"].strip().splitlines()) == 2, "a repeated id is listed once"


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize(
    ("style", "media", "extension", "start"),
    [
        ("bibtex", "application/x-bibtex", "bib", "@"),
        ("ris", "application/x-research-info-systems", "ris", "TY  - "),
        ("csl-json", "application/vnd.citationstyles.csl+json", "json", "["),
        ("harvard", "text/plain", "txt", ""),
        ("chicago-notes", "text/plain", "txt", ""),
    ],
)
def test_bibliography_download(
    client: TestClient, two_works: list[str], style: str, media: str, extension: str, start: str
) -> None:
    response = client.post(
        "/bibliography", params={"download": True}, json={"doc_ids": two_works, "style": style}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert response.headers["content-disposition"] == f'attachment; filename="bibliography.{extension}"'
    assert response.text.startswith(start)
    if style == "bibtex":
        assert response.text.count("\n@") == 1
    if style == "ris":
        assert response.text.count("ER  -") == 2


@pytest.mark.integration
@pytest.mark.slow
def test_bibliography_download_by_accept_header(client: TestClient, two_works: list[str]) -> None:
    response = client.post(
        "/bibliography",
        json={"doc_ids": two_works, "style": "bibtex"},
        headers={"Accept": "application/x-bibtex"},
    )
    assert response.headers["content-type"].startswith("application/x-bibtex")
    assert "attachment" in response.headers["content-disposition"]
    plain = client.post(
        "/bibliography", json={"doc_ids": two_works, "style": "bibtex"}, headers={"Accept": "*/*"}
    )
    assert plain.headers["content-type"] == "application/json"


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "status", "named"),
    [
        ({"doc_ids": ["no-such-id"], "style": "apa"}, 404, "no-such-id"),
        ({"doc_ids": [], "style": "apa"}, 422, "doc_ids"),
        ({"doc_ids": ["x"], "style": "mla"}, 422, "'mla'"),
        ({"style": "apa"}, 422, "doc_ids"),
    ],
)
def test_bibliography_rejects_bad_input(client: TestClient, body: dict, status: int, named: str) -> None:
    response = client.post("/bibliography", json=body)
    assert response.status_code == status, response.text
    assert named in response.json()["detail"]


@pytest.mark.integration
@pytest.mark.slow
def test_health_reports_store_counts(client: TestClient, seed_store: Path, seed_corpus: Corpus) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    data = response.json()
    stats = seed_corpus.stats()
    assert data["status"] == "ok"
    assert data["store"] == seed_store.name, "the store's name only, never its absolute path"
    assert data["documents"] == 5 == stats.documents
    assert (data["works"], data["chunks"], data["pages"]) == (stats.works, stats.chunks, stats.pages)
    assert 1 <= data["works"] <= 5 and data["chunks"] > 5
    assert "MiniLM" in data["model"]
    assert data["last_run"]["counts"]["ingested"] == 5
    assert data["auth"] is False


@pytest.mark.integration
@pytest.mark.slow
def test_search_page_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert 'id="q"' in page.text
    for asset in ("static/app.js", "static/style.css"):
        assert asset in page.text
        assert client.get("/" + asset).status_code == 200


@pytest.mark.integration
@pytest.mark.slow
def test_openapi_documents_every_route(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    core = [
        ("get", "/search"),
        ("get", "/documents"),
        ("get", "/documents/{doc_id}"),
        ("get", "/documents/{doc_id}/cite"),
        ("post", "/bibliography"),
        ("get", "/bibliography"),
        ("get", "/health"),
    ]
    expected = {
        *core,
        ("get", "/files/{doc_id}"),
        ("get", "/labels"),
        ("post", "/check"),
        ("get", "/quote"),
        ("get", "/works/{doc_id}/refs"),
        ("get", "/works/{node_id}/cited-by"),
        ("get", "/works/{node_id}/co-cited"),
        ("get", "/works/{doc_id}/related"),
        ("get", "/missing"),
        ("get", "/watches"),
        ("post", "/watches"),
        ("delete", "/watches/{watch_id}"),
        ("get", "/watches/digest"),
        ("get", "/watches/digests"),
    }
    documented = {(method, path) for path, item in schema["paths"].items() for method in item}
    assert documented == expected
    for method, path in core:  # the other routes' modules test their own schema details
        operation = schema["paths"][path][method]
        assert operation.get("summary"), f"{method} {path} has no summary"
        assert operation.get("description"), f"{method} {path} has no description"
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok, f"{method} {path} has no response model"
        if path != "/health":
            assert "422" in operation["responses"] and "400" in operation["responses"]
    components = schema["components"]["schemas"]
    for model in ("SearchAnswer", "WorkAnswer", "CiteAnswer", "BibliographyAnswer", "Health"):
        assert components[model].get("examples"), f"{model} has no example"
    for model in ("SearchHit", "WorkAnswer", "WorkSummary", "CiteAnswer"):
        fields = components[model]["properties"]
        assert "work_id" in fields and not fields["work_id"].get("deprecated"), model
        assert fields["doc_id"]["deprecated"] is True, f"{model}.doc_id is not marked deprecated"
    search_params = {p["name"] for p in schema["paths"]["/search"]["get"]["parameters"]}
    assert {"q", "k", "mode", "year_from", "year_to", "author", "offset", "style"} <= search_params
    bib_media = schema["paths"]["/bibliography"]["post"]["responses"]["200"]["content"]
    assert {"application/x-bibtex", "application/x-research-info-systems"} <= set(bib_media)


@pytest.mark.integration
@pytest.mark.slow
def test_token_guards_api_routes(seed_settings: Settings, seed_corpus: Corpus, top_hit: dict) -> None:
    settings = seed_settings.model_copy(deep=True)
    settings.server.host = "0.0.0.0"
    settings.server.api_token = "correct horse battery staple"
    guarded = [
        ("GET", "/search?q=learning", None),
        ("GET", "/documents", None),
        ("GET", f"/documents/{top_hit['work_id']}", None),
        ("GET", f"/documents/{top_hit['work_id']}/cite?style=apa", None),
        ("POST", "/bibliography", {"doc_ids": [top_hit["work_id"]], "style": "apa"}),
    ]
    with TestClient(create_app(settings, seed_corpus)) as token_client:
        for method, path, body in guarded:
            missing = token_client.request(method, path, json=body)
            assert missing.status_code == 401, (path, missing.text)
            assert missing.headers["www-authenticate"] == "Bearer"
            assert "token" in missing.json()["detail"]
            wrong = token_client.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
            assert wrong.status_code == 401, path
            bearer = token_client.request(
                method, path, json=body, headers={"Authorization": "Bearer correct horse battery staple"}
            )
            assert bearer.status_code == 200, (path, bearer.text)
            header = token_client.request(
                method, path, json=body, headers={"X-API-Token": "correct horse battery staple"}
            )
            assert header.status_code == 200, (path, header.text)
        health = token_client.get("/health")
        assert health.status_code == 200 and health.json()["auth"] is True
        assert token_client.get("/").status_code == 200
        schemes = token_client.get("/openapi.json").json()["components"]["securitySchemes"]
        assert {"HTTPBearer", "APIKeyHeader"} <= set(schemes)


@pytest.fixture
def served_store(seed_store: Path, free_port: int) -> Iterator[str]:
    """`corpus serve` in a subprocess on a free port; yields its base URL."""
    port = free_port
    env = {**os.environ, "CORPUS_STORE": str(seed_store), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}
    env.pop("CORPUS_SERVER__API_TOKEN", None)
    process = subprocess.Popen(
        [str(CORPUS_BIN), "serve", "--store", str(seed_store), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"corpus serve exited with {process.returncode}: {process.stdout.read()}")  # type: ignore[union-attr]
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("corpus serve did not answer /health within 90 s")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.integration
@pytest.mark.slow
def test_corpus_serve_answers_over_http(served_store: str, seed_store: Path) -> None:
    health = httpx.get(served_store + "/health", timeout=10).json()
    assert health["store"] == seed_store.name and health["documents"] == 5
    response = httpx.get(served_store + "/search", params={"q": QUERY, "k": 2}, timeout=120)
    assert response.status_code == 200, response.text
    assert "learning organization" in response.json()["results"][0]["title"].lower()
    assert httpx.get(served_store + "/search", params={"q": QUERY, "k": 0}, timeout=10).status_code == 422
    page = httpx.get(served_store + "/", timeout=10)
    assert page.status_code == 200 and "Research corpus" in page.text


@pytest.mark.slow
def test_serve_refuses_public_host_without_token(tmp_path: Path, free_port: int) -> None:
    env = {**os.environ, "CORPUS_STORE": str(tmp_path), "NO_COLOR": "1"}
    env.pop("CORPUS_SERVER__API_TOKEN", None)
    result = subprocess.run(
        [str(CORPUS_BIN), "serve", "--host", "0.0.0.0", "--port", str(free_port)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "api_token" in (result.stdout + result.stderr)
    assert "Traceback" not in result.stderr
