"""Every HTTP route answers what the Python API and the CLI's `--json` answer for the same input.

The routes are enumerated from the app, so a new route without a case here fails the test.
The cases run on a copy of the session's seed store, so saving and removing watches does not
touch the store other tests read.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_cli.main import app as cli_app
from corpus_core.errors import NotFoundError
from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings, load_settings
from search_api import Corpus
from search_api.filters import Filters
from search_api.server import create_app
from search_api.watches import WatchOptions, add_watch, latest_digest, list_watches, remove_watch

EXEMPT = {
    (
        "GET",
        "/files/{doc_id}",
    ): "answers the stored PDF's bytes; tests/search_api/test_pdf_link.py compares them",
}
"""Routes with no JSON twin in the CLI, and why."""

QUERY = "value co-creation in a learning organization"


class Three:
    """The store copy seen through HTTP, the Python API and the CLI."""

    def __init__(self, store: Path, settings: Settings, corpus: Corpus, http: TestClient) -> None:
        self.store = store
        self.settings = settings
        self.corpus = corpus
        self.http = http

    def cli(self, *args: str, status: int = 0) -> Any:
        result = CliRunner().invoke(
            cli_app, [*args, "--json", "--store", str(self.store)], catch_exceptions=False
        )
        assert result.exit_code == status, result.output
        return json.loads(result.stdout) if status == 0 else None

    def get(self, path: str, status: int = 200, **params: Any) -> Any:
        response = self.http.get(path, params=params)
        assert response.status_code == status, response.text
        return response.json()


@pytest.fixture(scope="module")
def three(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Three]:
    store = tmp_path_factory.mktemp("shapes") / "store"
    shutil.copytree(seed_store, store)
    # Other tests may have saved watches in the session's store: this copy starts without any.
    layout = StoreLayout(store)
    layout.watches.unlink(missing_ok=True)
    shutil.rmtree(layout.digests, ignore_errors=True)
    settings = load_settings(store=store)
    settings.server.host = "127.0.0.1"
    settings.server.api_token = ""
    corpus = Corpus(settings=settings)
    with TestClient(create_app(settings, corpus)) as http:
        yield Three(store, settings, corpus, http)
    corpus.close()


def _work(three: Three) -> str:
    return three.corpus.search(QUERY, k=1)[0].work_id


def _without_scores(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search answers with scores rounded (threads may differ in the last float bits) and sources dropped."""
    out = []
    for r in results:
        passages = [p | {"score": round(p["score"], 4)} for p in r["passages"]]
        out.append(r | {"score": round(r["score"], 4), "source": "", "passages": passages})
    return out


def case_search(three: Three) -> None:
    http = three.get("/search", q=QUERY, k=5, style="chicago")["results"]
    python = [r.to_dict() for r in three.corpus.search(QUERY, k=5, style="chicago")]
    cli = three.cli("search", QUERY, "-k", "5", "--cite", "chicago")
    assert _without_scores(http) == _without_scores(python) == _without_scores(cli)
    assert all(r["work_id"] == r["doc_id"] for r in http), "the old key stays an alias"
    for r in http:  # the asked style, not APA, with the best passage's page
        assert r["in_text"] == three.corpus.in_text(r["work_id"], "chicago", r["page"] or None)
    assert any(r["in_text"] != three.corpus.in_text(r["work_id"], "apa", r["page"] or None) for r in http)


def case_documents(three: Three) -> None:
    def comparable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in item.items() if k != "files"} for item in items]

    http = three.get("/documents")
    python = [d.to_dict() for d in three.corpus.documents()]
    assert comparable(http) == comparable(python) == comparable(three.cli("docs"))


def case_labels(three: Three) -> None:
    """The seed store has no Zotero library: empty lists (tests/cli/test_zotero_cli.py checks a full one)."""
    http = three.get("/labels")
    assert http == three.corpus.labels().model_dump(mode="json") == three.cli("labels")
    assert http == {"collections": [], "tags": []}


def case_document(three: Three) -> None:
    work = _work(three)
    http = three.get(f"/documents/{work}", text="true")
    python = three.corpus.show(work).to_dict(with_text=True)
    cli = three.cli("show", work)
    for answer in (http, python, cli):
        answer["files"] = [f | {"paths": []} for f in answer["files"]]
    assert http == python == cli
    assert http["work_id"] == http["doc_id"] == work


def case_cite(three: Three) -> None:
    work = _work(three)
    http = three.get(f"/documents/{work}/cite", style="chicago", page="3")
    python = three.corpus.cite_answer(work, "chicago", page="3").model_dump(mode="json")
    assert http == python == three.cli("cite", work, "--style", "chicago", "--page", "3")
    assert http["work_id"] == http["doc_id"] == work
    assert http["citation"] == three.corpus.cite(work, "chicago")
    assert (
        http["in_text"]
        == three.corpus.in_text(work, "chicago", page="3")
        != three.corpus.in_text(work, "apa", page="3")
    )
    text = CliRunner().invoke(
        cli_app, ["cite", work, "--style", "chicago", "--page", "3", "--store", str(three.store)]
    )
    assert text.stdout.splitlines() == [http["citation"], http["in_text"]]
    assert three.get(f"/documents/{work}/cite", style="ris")["in_text"] is None
    assert http["page_note"] is None or "outside the work's printed pages" in http["page_note"]
    three.corpus.edit(work, ["pages=19-30"])
    far = three.get(f"/documents/{work}/cite", page="5")
    assert (
        far
        == three.corpus.cite_answer(work, page="5").model_dump(mode="json")
        == three.cli("cite", work, "--page", "5")
    )
    assert far["in_text"].endswith("p. 5)"), "a page outside the printed range is cited as given"
    assert far["page_note"].startswith("page 5 is outside the work's printed pages 19-30")
    assert three.get(f"/documents/{work}/cite", page="123-27")["page_note"] is not None
    assert three.get(f"/documents/{work}/cite", page="21-23")["page_note"] is None
    for page in ("-5", "30-19"):
        refused = three.get(f"/documents/{work}/cite", status=400, page=page)["detail"]
        assert refused.startswith(f"page {'range ' if '-' in page[1:] else ''}{page!r}"), refused
        three.cli("cite", work, "--page", page, status=2)


def case_bibliography(three: Three) -> None:
    works = [r.work_id for r in three.corpus.search(QUERY, k=3)]
    http = three.http.post("/bibliography", json={"doc_ids": works, "style": "ris"}).json()
    result = CliRunner().invoke(cli_app, ["bib", *works, "-f", "ris", "--store", str(three.store)])
    assert result.exit_code == 0, result.output
    assert http["text"].strip() == three.corpus.bibliography(works, "ris").strip() == result.stdout.strip()


def case_selected_bibliography(three: Three) -> None:
    """GET /bibliography: the works the filters select (every work without one), as `corpus bib`."""
    for params, options in (({}, ["--all"]), ({"year_from": 2010}, ["--year-from", "2010"])):
        http = three.get("/bibliography", style="apa", **params)
        filters = Filters(year_from=params.get("year_from"))
        python = three.corpus.bibliography(three.corpus.select_works(filters), "apa")
        result = CliRunner().invoke(cli_app, ["bib", *options, "-f", "apa", "--store", str(three.store)])
        assert result.exit_code == 0, result.output
        assert http["text"].strip() == python.strip() == result.stdout.strip()
    assert len(three.get("/bibliography")["text"].splitlines()) == len(three.corpus.documents())
    selected = [d["work_id"] for d in three.get("/documents", year_from=2010)]
    assert selected == [d.work_id for d in three.corpus.documents(Filters(year_from=2010))]
    assert set(selected) < {d["work_id"] for d in three.get("/documents")}


def case_health(three: Three) -> None:
    http = three.get("/health")
    stats = three.corpus.stats()
    cli = three.cli("stats")
    for key in ("documents", "works", "chunks", "pages"):
        assert http[key] == getattr(stats, key) == cli[key], key


def case_refs(three: Three) -> None:
    work = _work(three)
    python = three.corpus.refs(work).model_dump(mode="json")
    assert three.get(f"/works/{work}/refs") == python == three.cli("refs", work)


def case_cited_by(three: Three) -> None:
    work = _work(three)
    python = three.corpus.citing(work).model_dump(mode="json")
    assert three.get(f"/works/{work}/cited-by") == python == three.cli("citing", work)


def case_co_cited(three: Three) -> None:
    work = _work(three)
    python = three.corpus.co_cited(work).model_dump(mode="json")
    assert three.get(f"/works/{work}/co-cited") == python == three.cli("co-cited", work)


def case_related(three: Three) -> None:
    work = _work(three)
    python = three.corpus.related(work, k=3).model_dump(mode="json")
    assert three.get(f"/works/{work}/related", k=3) == python == three.cli("related", work, "-k", "3")


def case_missing(three: Three) -> None:
    python = three.corpus.missing(min_citing=1, limit=5).model_dump(mode="json")
    http = three.get("/missing", min_citing=1, limit=5)
    assert http == python == three.cli("missing", "--min-citing", "1", "--limit", "5")


def case_watches(three: Three) -> None:
    """POST, GET, DELETE /watches against `watch add`, `watch list`, `watch rm` and the Python calls."""
    layout = three.corpus.layout
    added_http = three.http.post("/watches", json={"query": "service-dominant logic", "options": {"k": 3}})
    assert added_http.status_code == 200, added_http.text
    added_cli = three.cli("watch", "add", "organisational learning", "-k", "3")
    added_python = add_watch(layout, "dialogue with customers", WatchOptions(k=3), three.corpus.search)
    listed = three.get("/watches")
    assert listed == list_watches(layout).model_dump(mode="json") == three.cli("watch", "list")
    ids = {w["watch_id"] for w in listed["watches"]}
    assert {added_http.json()["watch_id"], added_cli["watch_id"], added_python.watch_id} == ids
    assert three.http.delete(f"/watches/{added_http.json()['watch_id']}").json() == added_http.json()
    assert three.cli("watch", "rm", added_cli["watch_id"]) == added_cli
    assert remove_watch(layout, added_python.watch_id).model_dump(mode="json") == added_python.model_dump(
        mode="json"
    )


def case_digest(three: Three) -> None:
    """No ingestion ran on this copy since its watches were saved: every path says there is no digest."""
    three.get("/watches/digest", status=404)
    three.cli("watch", "digest", status=NotFoundError.exit_code)
    with pytest.raises(NotFoundError):
        latest_digest(three.corpus.layout)


def case_digests(three: Three) -> None:
    assert three.get("/watches/digests") == three.cli("watch", "digest", "--all")


def case_check(three: Three, tmp_path: Path) -> None:
    top = three.corpus.search(QUERY, k=1)[0]
    first = top.metadata.authors[0].family if top.metadata.authors else top.title.split()[0]
    draft = f"As {first} ({top.year}) argues, learning is a dialogue (Nobody, 1901).\n"
    http = three.http.post("/check", json={"text": draft, "style": "apa"}).json()
    python = three.corpus.check(draft, "apa").model_dump(mode="json")
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    cli = CliRunner().invoke(cli_app, ["check", str(path), "--json", "--store", str(three.store)])
    assert cli.exit_code in (0, 1), cli.output
    answers = [http, python, json.loads(cli.stdout)]
    for answer in answers:
        answer["source"] = ""
    assert answers[0] == answers[1] == answers[2]


def case_quote(three: Three) -> None:
    passage = three.corpus.search(QUERY, k=1)[0].passages[0]
    words = " ".join(passage.text.split()[5:25])
    http = three.get("/quote", q=words, k=2)
    python = three.corpus.quote(words, k=2).model_dump(mode="json")
    assert http == python == three.cli("quote", words, "-k", "2")


CASES: dict[tuple[str, str], Callable[..., None]] = {
    ("GET", "/search"): case_search,
    ("GET", "/documents"): case_documents,
    ("GET", "/documents/{doc_id}"): case_document,
    ("GET", "/documents/{doc_id}/cite"): case_cite,
    ("POST", "/bibliography"): case_bibliography,
    ("GET", "/bibliography"): case_selected_bibliography,
    ("GET", "/health"): case_health,
    ("GET", "/works/{doc_id}/refs"): case_refs,
    ("GET", "/works/{node_id}/cited-by"): case_cited_by,
    ("GET", "/works/{node_id}/co-cited"): case_co_cited,
    ("GET", "/works/{doc_id}/related"): case_related,
    ("GET", "/missing"): case_missing,
    ("GET", "/watches"): case_watches,
    ("POST", "/watches"): case_watches,
    ("DELETE", "/watches/{watch_id}"): case_watches,
    ("GET", "/watches/digest"): case_digest,
    ("GET", "/watches/digests"): case_digests,
    ("POST", "/check"): case_check,
    ("GET", "/quote"): case_quote,
    ("GET", "/labels"): case_labels,
}


def _api_routes(three: Three) -> set[tuple[str, str]]:
    """Every (method, path) the OpenAPI schema documents."""
    paths = three.get("/openapi.json")["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def test_every_route_has_a_case(three: Three) -> None:
    missing = _api_routes(three) - set(CASES) - set(EXEMPT)
    assert not missing, f"routes without a CLI/Python/HTTP agreement case: {sorted(missing)}"
    stale = set(CASES) - _api_routes(three)
    assert not stale, f"cases for routes that no longer exist: {sorted(stale)}"


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted({c.__name__: c for c in CASES.values()}))
def test_cli_python_and_http_agree(three: Three, case: str, tmp_path: Path) -> None:
    function = globals()[case]
    if "tmp_path" in function.__code__.co_varnames[: function.__code__.co_argcount]:
        function(three, tmp_path)
    else:
        function(three)
