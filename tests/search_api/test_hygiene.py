"""HTTP hygiene (issue 10): nothing a client sends stops the service or comes back at length.

Body size limit (413 before parsing), capped echoes of ids and queries, no absolute paths
without an API token, token strength off loopback, and the 413/422 answers in the schema.
Runs against a missing store or a tiny one built with the fake embedder (no model load).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corpus_core.errors import ConfigError, CorpusError
from corpus_core.settings import Settings, load_settings
from search_api.server import create_app, redact_paths
from tests.conftest import FakeEmbedder

TOKEN = "0123456789abcdef-token"
WORDS = [
    *("learning", "organization", "value", "co-creation", "customers", "dialogue", "knowledge"),
    *("innovation", "strategy", "service", "ecosystem", "leadership", "practice", "network", "trust"),
]


def _paper(title: str, seed: int) -> str:
    body = " ".join(WORDS[(seed + i * 7) % len(WORDS)] for i in range(400))
    return f"{title}\n\nAbstract\n\n{body}.\n\nIntroduction\n\n{body}.\n"


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two text papers in inbox/2019 and inbox/2020, ingested with the fake embedder."""
    from indexing.run import ingest

    base = tmp_path_factory.mktemp("hygiene")
    inbox = base / "inbox"
    for year, seed in (("2019", 1), ("2020", 5)):
        (inbox / year).mkdir(parents=True)
        (inbox / year / "paper.txt").write_text(_paper(f"A study of learning in {year}", seed))
    store = base / "store"
    settings = load_settings(store=store)
    settings.runner.prepare_workers = 0
    report = ingest(settings, [inbox], embedder=FakeEmbedder())
    assert {o.status for o in report.outcomes} == {"ingested"}, report.outcomes
    return store


def _settings(store: Path, token: str = "", host: str = "127.0.0.1") -> Settings:
    settings = load_settings(store=store)
    settings.server.host = host
    settings.server.api_token = token
    return settings


@pytest.fixture
def missing(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(tmp_path / "no-store-here"))) as client:
        yield client


@pytest.fixture(scope="module")
def tiny(tiny_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(tiny_store))) as client:
        yield client


def _absolute_parts(path: Path) -> list[str]:
    """Forms of an absolute path that must not appear in an answer."""
    return [str(path.resolve()), str(path.resolve().parent)]


# ---- Body size -------------------------------------------------------------------------------


def test_two_megabyte_body_is_413(missing: TestClient) -> None:
    response = missing.post(
        "/bibliography", content=b"x" * 2_000_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "max_body_bytes" in response.json()["detail"]
    assert len(response.content) < 200


def test_streamed_body_is_measured_too(missing: TestClient) -> None:
    """No Content-Length (chunked): the limit holds on the bytes actually sent."""

    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 100_000

    response = missing.post("/bibliography", content=chunks(), headers={"content-type": "application/json"})
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413


def test_limit_follows_the_setting(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "none")
    settings.server.max_body_bytes = 2048
    with TestClient(create_app(settings)) as client:
        small = client.post("/bibliography", json={"doc_ids": ["a" * 100]})
        large = client.post("/bibliography", json={"doc_ids": ["a" * 100] * 30})
    assert small.status_code != 413
    assert large.status_code == 413 and "2048" in large.json()["detail"]


def test_invalid_content_length_is_400(missing: TestClient) -> None:
    response = missing.post("/bibliography", content=b"{}", headers={"content-length": "many"})
    assert response.status_code == 400


# ---- Echoes capped ---------------------------------------------------------------------------


def test_huge_id_in_body_answers_briefly(tiny: TestClient) -> None:
    response = tiny.post("/bibliography", json={"doc_ids": ["b" * 900_000], "style": "apa"})
    assert response.status_code == 422
    assert len(response.content) < 1024
    assert "doc_ids" in response.json()["detail"]


def test_long_unknown_id_is_404_without_the_whole_id(tiny: TestClient) -> None:
    long_id = "z" * 200
    for response in (
        tiny.get(f"/documents/{long_id}"),
        tiny.get(f"/documents/{long_id}/cite"),
        tiny.post("/bibliography", json={"doc_ids": [long_id]}),
    ):
        assert response.status_code == 404, response.text
        assert len(response.content) < 1024
        assert long_id not in response.text and "z" * 40 in response.text


def test_huge_id_in_path_answers_briefly(tiny: TestClient) -> None:
    response = tiny.get("/documents/" + "a" * 60_000)
    assert response.status_code == 422
    assert len(response.content) < 1024


def test_many_bad_ids_answer_briefly(tiny: TestClient) -> None:
    response = tiny.post("/bibliography", json={"doc_ids": ["c" * 201] * 1000})
    assert response.status_code == 422
    assert len(response.content) < 4096
    assert len(response.json()["errors"]) <= 10 and "more errors" in response.json()["detail"]


def test_too_many_ids_is_422(tiny: TestClient) -> None:
    response = tiny.post("/bibliography", json={"doc_ids": ["d"] * 1001})
    assert response.status_code == 422 and len(response.content) < 1024


def test_huge_query_and_unknown_key_answer_briefly(tiny: TestClient) -> None:
    query = tiny.get("/search", params={"q": "q" * 60_000})
    key = tiny.post("/bibliography", json={"doc_ids": ["x"], "k" * 500_000: 1})
    for response in (query, key):
        assert response.status_code == 422
        assert len(response.content) < 1024


# ---- Paths -----------------------------------------------------------------------------------


def test_health_without_token_names_the_store_only(tiny: TestClient, tiny_store: Path) -> None:
    response = tiny.get("/health")
    assert response.status_code == 200
    assert response.json()["store"] == tiny_store.name
    for part in _absolute_parts(tiny_store):
        assert part not in response.text


def test_health_with_token_names_the_store_only(tiny_store: Path) -> None:
    """/health stays open with a token, so it never shows the path either."""
    with TestClient(create_app(_settings(tiny_store, token=TOKEN))) as client:
        response = client.get("/health")
    assert response.json()["store"] == tiny_store.name and str(tiny_store.parent) not in response.text


def test_missing_store_errors_show_no_path(missing: TestClient, tmp_path: Path) -> None:
    health = missing.get("/health")
    search = missing.get("/search", params={"q": "anything"})
    assert health.status_code == 503 and search.status_code == 503, "a missing store is not a client mistake"
    for response in (health, search):
        assert "no corpus here yet" in response.json()["detail"]
        assert str(tmp_path) not in response.text


def test_404_shows_no_path(tiny: TestClient, tiny_store: Path) -> None:
    response = tiny.get("/documents/no-such-id")
    assert response.status_code == 404 and "no-such-id" in response.json()["detail"]
    assert str(tiny_store.parent) not in response.text


def test_sources_are_relative_without_token(tiny: TestClient, tiny_store: Path) -> None:
    documents = tiny.get("/documents").json()
    files = sorted(f for d in documents for f in d["files"])
    assert files == ["2019/paper.txt", "2020/paper.txt"]
    shown = tiny.get(f"/documents/{documents[0]['doc_id']}").json()
    assert shown["files"][0]["paths"][0] in files
    hits = tiny.get("/search", params={"q": "learning organization", "mode": "lexical"}).json()["results"]
    assert hits and {h["source"] for h in hits} <= set(files)
    for response_text in (json.dumps(documents), json.dumps(shown), json.dumps(hits)):
        assert str(tiny_store.parent) not in response_text


def test_sources_are_full_with_token(tiny_store: Path) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(_settings(tiny_store, token=TOKEN))) as client:
        documents = client.get("/documents", headers=headers).json()
    files = [f for d in documents for f in d["files"]]
    assert files and all(Path(f).is_absolute() and Path(f).exists() for f in files)


def test_redact_paths_keeps_urls_and_cuts_paths(tmp_path: Path) -> None:
    store = tmp_path / "store"
    text = f"{store}: no corpus; cannot open {tmp_path}/x/chroma at http://127.0.0.1:8000/api"
    redacted = redact_paths(text, store)
    assert str(tmp_path) not in redacted
    assert redacted.startswith("store: no corpus") and "http://127.0.0.1:8000/api" in redacted


# ---- Token strength --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    ["x" * 15, " " * 20, "\t\n ", "ab cd ef gh ij kl mn o", f" {TOKEN}", f"{TOKEN}\n"],
)
def test_weak_or_blank_token_is_refused_off_loopback(tmp_path: Path, token: str) -> None:
    with pytest.raises(ConfigError, match="api_token") as caught:
        create_app(_settings(tmp_path, token=token, host="0.0.0.0"))
    assert "\n" not in str(caught.value)
    if token.strip():
        assert token.strip() not in str(caught.value), "the message must not show the token"


def test_blank_token_is_refused_on_loopback_too(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="whitespace"):
        create_app(_settings(tmp_path, token="   "))


def test_sixteen_characters_suffice(tmp_path: Path) -> None:
    assert create_app(_settings(tmp_path, token="x" * 16, host="0.0.0.0")).title == "research-corpus"
    assert create_app(_settings(tmp_path, token="short", host="127.0.0.1")).title == "research-corpus"


# ---- Cross-field rules and the schema --------------------------------------------------------


def test_year_from_after_year_to_is_422(tiny: TestClient) -> None:
    response = tiny.get("/search", params={"q": "learning", "year_from": 2010, "year_to": 2000})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("year_from:")


def test_openapi_documents_413_422_and_the_year_rule(missing: TestClient) -> None:
    schema = missing.get("/openapi.json").json()
    search = schema["paths"]["/search"]["get"]
    assert "year_from <= year_to" in search["description"]
    example = search["responses"]["422"]["content"]["application/json"]["example"]
    assert "year_from" in example["detail"]
    bibliography = schema["paths"]["/bibliography"]["post"]
    assert {"413", "422"} <= set(bibliography["responses"])
    assert "max_body_bytes" in bibliography["responses"]["413"]["description"]
    assert "example" in bibliography["responses"]["422"]["content"]["application/json"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if path != "/health":
                assert "422" in operation["responses"], (method, path)
    ids = schema["components"]["schemas"]["BibliographyRequest"]["properties"]["doc_ids"]
    assert ids["maxItems"] == 1000 and ids["items"]["maxLength"] == 200
