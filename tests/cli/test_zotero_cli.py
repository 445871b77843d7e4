"""`corpus ingest --zotero` and `corpus search --collection/--tag`, checked against the API and HTTP."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_cli.main import app
from corpus_core.settings import load_settings
from search_api import Corpus
from search_api.server import create_app
from tests.corpus.zotero_library import LibraryWriter, build_library

runner = CliRunner()
QUERY = "customers text crazy ones"


def corpus(*args: str) -> tuple[int, str]:
    """Exit code and output of a `corpus` command."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_ingest_needs_something_to_ingest(tmp_path: Path) -> None:
    code, out = corpus("ingest", "--store", str(tmp_path / "store"))
    assert code == 2 and "nothing to ingest" in out


def test_ingest_refuses_a_folder_that_is_no_zotero_library(tmp_path: Path) -> None:
    code, out = corpus("ingest", "--zotero", str(tmp_path), "--store", str(tmp_path / "store"))
    assert code == 2 and "not a Zotero library" in " ".join(out.split())


@pytest.mark.slow
def test_zotero_library_ingested_and_searched_by_collection_and_tag(
    prefect_server: None, tmp_path: Path
) -> None:
    library = build_library(tmp_path)
    store = str(tmp_path / "store")
    code, out = corpus("ingest", "--zotero", str(library.data_dir), "--store", store)
    assert code == 0, out
    assert "3 ingested" in out and "1 skipped" in out, out
    written = re.search(r"; (\d+) chunks written\.", out)
    assert written, out
    code, out = corpus("ingest", "--zotero", str(library.database), "--store", store)
    assert code == 0 and "Nothing to do" in out, out
    code, out = corpus("ingest", "--zotero", str(library.database), "--store", store, "--reprocess")
    assert code == 0 and "3 ingested" in out and "1 skipped" in out, out
    kept = f"{written[1]} chunks written ({written[1]} kept their stored vectors)."
    assert kept in " ".join(out.split()), out

    searches = {"tag": "to-read", "collection": "Reading"}
    settings = load_settings(store=Path(store))
    settings.server.host, settings.server.api_token = "127.0.0.1", ""
    api = Corpus(settings=settings)
    try:
        with TestClient(create_app(settings, api)) as client:
            for option, value in searches.items():
                code, out = corpus(
                    "search", QUERY, "--mode", "lexical", f"--{option}", value, "--json", "--store", store
                )
                assert code == 0, out
                cli = [(r["work_id"], r["title"], r["citation"]) for r in json.loads(out)]
                python = [
                    (r.work_id, r.title, r.citation)
                    for r in api.search(QUERY, mode="lexical", **{option: value})  # type: ignore[arg-type]
                ]
                answer = client.get("/search", params={"q": QUERY, "mode": "lexical", option: value})
                assert answer.status_code == 200, answer.text
                http = [(r["work_id"], r["title"], r["citation"]) for r in answer.json()["results"]]
                assert cli == python == http, option
                assert cli, f"--{option} {value} found nothing"
            labels = client.get("/labels").json()
            code, out = corpus("labels", "--json", "--store", store)
            assert labels == api.labels().model_dump(mode="json") == json.loads(out)
    finally:
        api.close()
    assert labels["collections"] == [
        {"name": "Methods", "works": 1},
        {"name": "Reading", "works": 2},
        {"name": "Reading/Theory", "works": 1},
    ], "a parent counts its subcollections' works, as --collection Reading finds them"
    assert {t["name"]: t["works"] for t in labels["tags"]} == {"co-creation": 1, "to-read": 1, "_read": 1}
    code, out = corpus("labels", "--store", store)
    assert code == 0 and "Reading/Theory" in out and "to-read" in out, out
    code, out = corpus("search", QUERY, "--mode", "lexical", "--tag", "to-read", "--json", "--store", store)
    (only,) = json.loads(out)
    assert only["title"] == "Value co-creation with customers: a strategy for organisational learning"
    assert only["authors"] == ["Yin Min Chung", "Louise Knight"]
    code, out = corpus("show", only["work_id"], "--store", store)
    assert "Zotero collections Reading/Theory" in out and "chung2009value" in out, out
    code, out = corpus(
        "search", QUERY, "--mode", "lexical", "--collection", "Reading", "--json", "--store", store
    )
    assert sorted(r["title"] for r in json.loads(out)) == [
        "The Fifth Discipline",
        "Value co-creation with customers: a strategy for organisational learning",
    ]
    code, out = corpus("bib", "--collection", "Reading", "-f", "ris", "--store", store)
    assert code == 0 and out.count("TY  - ") == 2 and "The Fifth Discipline" in out, out
    code, out = corpus("docs", "--tag", "to-read", "--json", "--store", store)
    assert [w["title"] for w in json.loads(out)] == [only["title"]], out
    code, out = corpus("search", QUERY, "--collection", "Readng", "--store", store)
    said = " ".join(out.split())
    assert code == 2 and "no work of this corpus is in Zotero collection 'Readng'" in said, out
    assert "`corpus labels` (GET /labels) lists the collections it has" in said, out
    code, out = corpus("search", QUERY, "--tag", "Reading", "--store", store)
    assert code == 2 and "lists the tags it has" in " ".join(out.split()), out
    code, out = corpus(
        "search", QUERY, "--collection", "reading/theory", "--year-to", "1990", "--json", "--store", store
    )
    assert code == 0 and json.loads(out) == [], (
        "a collection that exists, with nothing left by a year: no error"
    )


@pytest.mark.slow
def test_many_items_without_a_file_are_summed_up_in_the_run_table(
    prefect_server: None, tmp_path: Path
) -> None:
    library = build_library(tmp_path)
    with library.connect() as db:
        write = LibraryWriter(db)
        for n in range(7):
            write.article(70 + n, f"RECORD{n:02}", f"A record without a file, number {n}")
    store = str(tmp_path / "store")
    code, out = corpus("ingest", "--zotero", str(library.data_dir), "--store", store)
    said = " ".join(out.split())
    assert code == 0 and "3 ingested" in said and "8 skipped" in said, out
    assert out.count("ms/RECORD0") == 5, out  # the table folds "zotero://select/library/items/RECORD00"
    cells = " ".join(re.sub(r"[│┃]", " ", out).split())
    assert "... and 2 more Zotero items with no file or abstract (corpus stats lists them)" in cells, out
    code, out = corpus("stats", "--json", "--store", store)
    listed = [f["path"] for f in json.loads(out)["failures"] if f["path"].startswith("zotero://")]
    assert len(listed) == 7, out
