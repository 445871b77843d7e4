"""Saved searches: kept in the store, re-run by the ingestion flow, digests of what each run brought."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_cli.main import app
from corpus_core.errors import ConfigError, NotFoundError, UsageError
from corpus_core.layout import StoreLayout
from corpus_core.settings import Settings, load_settings
from indexing.run import ingest
from search_api import Corpus
from search_api.server import create_app
from search_api.watches import (
    Digest,
    add_watch,
    all_digests,
    digest_after_run,
    latest_digest,
    list_watches,
    remove_watch,
    run_watches,
    watch_options,
)
from tests.corpus.zotero_library import build_library
from tests.indexing.test_zotero_ingest import ARTICLE, BOOK, EVERYTHING
from tests.search_api.citing_corpus import TITLES, write_citing_corpus

runner = CliRunner()


def cli(store: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--store", str(store)], catch_exceptions=False)
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def run_watches_of(settings: Settings) -> Digest:
    corpus = Corpus(settings=settings)
    try:
        digest = run_watches(corpus)
    finally:
        corpus.close()
    assert digest is not None
    return digest


def test_add_list_remove(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path / "store")
    first = add_watch(layout, "  value   co-creation ", watch_options(year_from=2005, author="Chung"))
    assert first.query == "value co-creation" and first.seen == 0 and first.last_run is None
    assert add_watch(layout, "value co-creation", watch_options(year_from=2005, author="Chung")) == first
    second = add_watch(layout, "value co-creation", watch_options(mode="lexical"))
    assert second.watch_id != first.watch_id
    listed = list_watches(layout).watches
    assert [w.watch_id for w in listed] == [first.watch_id, second.watch_id]
    assert listed[0].options.describe() == "year 2005-, author Chung"
    stored = json.loads(layout.watches.read_text())
    assert stored["watches"][0]["options"]["author"] == "Chung"
    assert remove_watch(layout, first.watch_id[:6]).watch_id == first.watch_id
    assert [w.watch_id for w in list_watches(layout).watches] == [second.watch_id]
    with pytest.raises(NotFoundError, match="watch list"):
        remove_watch(layout, first.watch_id)
    with pytest.raises(NotFoundError):
        remove_watch(layout, second.watch_id[:3])  # too short to be taken as a prefix


def test_bad_watches_are_usage_errors(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path / "store")
    with pytest.raises(UsageError, match="needs a query"):
        add_watch(layout, "   ")
    with pytest.raises(UsageError, match=r"the query '\?!' holds no word to search for"):
        add_watch(layout, " ?! ")
    with pytest.raises(UsageError, match=r"the years run backwards \(from 2010 to 2000\)"):
        add_watch(layout, "x", watch_options(year_from=2010, year_to=2000))
    with pytest.raises(UsageError, match="k"):
        watch_options(k=0)
    with pytest.raises(UsageError, match="mode"):
        watch_options(mode="fuzzy")
    assert not layout.watches.exists()


def test_a_watch_saved_before_collections_and_tags_keeps_its_id(tmp_path: Path) -> None:
    """The id hashes the options; the two added later count only when set, so old ids still match."""
    layout = StoreLayout(tmp_path / "store")
    old = add_watch(layout, "value co-creation", watch_options(year_from=2005))
    assert old.watch_id == "da7ba30ab16e", "the id the release before collections and tags gave it"
    tagged = add_watch(layout, "value co-creation", watch_options(year_from=2005, tag="to-read"))
    assert tagged.watch_id != old.watch_id
    assert tagged.options.describe() == "year 2005-, tag to-read"


def test_no_watches_no_digest(tmp_path: Path) -> None:
    settings = load_settings(store=tmp_path / "store")
    layout = StoreLayout(settings.store)
    assert digest_after_run(settings) is None
    with pytest.raises(NotFoundError, match="no watch digest"):
        latest_digest(layout)
    assert all_digests(layout).digests == []


def test_only_the_newest_digests_are_kept(tmp_path: Path) -> None:
    """Nightly runs would fill the store with digests: the oldest go, .md and .json together."""
    from datetime import UTC, datetime, timedelta

    import search_api.watches as watches

    layout = StoreLayout(tmp_path / "store")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    names = [watches._write_digest(layout, start + timedelta(days=d), [], keep=2).name for d in range(4)]
    assert [d.name for d in all_digests(layout).digests] == names[:1:-1]
    assert sorted(p.name for p in layout.digests.iterdir()) == sorted(
        f"{n}.{ext}" for n in names[2:] for ext in ("json", "md")
    )


def test_keep_digests_is_a_setting(tmp_path: Path) -> None:
    config = tmp_path / "mine.toml"
    config.write_text("[watches]\nkeep_digests = 3\n")
    assert load_settings().watches.keep_digests == 200
    assert load_settings(config).watches.keep_digests == 3
    config.write_text("[watches]\nkeep_digests = 0\n")
    with pytest.raises(ConfigError, match="keep_digests"):
        load_settings(config)


def test_cli_watch_commands_without_a_corpus(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, out = cli(store, "watch", "add", "citation analysis", "--year-from", "2000", "--json")
    assert code == 0, out
    added = json.loads(out)
    assert added["seen"] == 0 and added["options"]["year_from"] == 2000
    code, out = cli(store, "watch", "list", "--json")
    assert code == 0 and json.loads(out)["watches"] == [added]
    code, out = cli(store, "watch", "list")
    assert code == 0 and "citation analysis" in out and "last run never" in out
    code, out = cli(store, "watch", "digest")
    assert code == 3 and "no watch digest" in out
    code, out = cli(store, "watch", "add", "x", "--mode", "fuzzy")
    assert code == 2 and "mode" in out
    code, out = cli(store, "watch", "rm", added["watch_id"])
    assert code == 0 and "removed" in out
    code, out = cli(store, "watch", "rm", added["watch_id"])
    assert code == 3


@pytest.mark.slow
@pytest.mark.integration
def test_each_ingestion_run_digests_what_is_new_to_each_watch(prefect_server: None, tmp_path: Path) -> None:
    from flows.ingest import ingest_flow

    folder, store = tmp_path / "papers", tmp_path / "store"
    settings = load_settings(store=store)
    layout = StoreLayout(store)
    write_citing_corpus(folder, works="AB")
    ingest_flow([str(folder)], store=str(store))
    assert not layout.digests.exists(), "no watches: no digest"

    corpus = Corpus(settings=settings)
    citation = add_watch(layout, "citation", watch_options(mode="lexical"), baseline=corpus.search)
    assert citation.seen == 1, "work A, found when the watch is added, is not news (B never says citation)"
    corpus.close()
    meadows = add_watch(layout, "alpine meadows", watch_options(mode="lexical", year_from=2017))

    write_citing_corpus(folder, works="CDE")
    ingest_flow([str(folder)], store=str(store))
    digest = latest_digest(layout)
    news = {n.watch_id: n for n in digest.watches}
    assert {e.title for e in news[citation.watch_id].new} == {TITLES["C"], TITLES["D"]}
    assert [e.title for e in news[meadows.watch_id].new] == [TITLES["E"]]
    assert all(e.citation and e.snippet for n in digest.watches for e in n.new)
    markdown = (layout.digests / f"{digest.name}.md").read_text()
    assert markdown == digest.markdown and TITLES["C"] in markdown and "3 new works for 2 watches" in markdown
    listed = {w.watch_id: w for w in list_watches(layout).watches}
    assert listed[citation.watch_id].seen == 3 and listed[citation.watch_id].last_run == digest.created

    from prefect.client.orchestration import get_client

    query = {
        "artifacts": {"key": {"any_": ["watch-digest"]}},
        "limit": 50,
        "offset": 0,
        "sort": "CREATED_DESC",
    }
    with get_client(sync_client=True) as client:
        artifacts = client.request("POST", "/artifacts/filter", json=query).json()
    mine = [a for a in artifacts if str(store) in (a["description"] or "")]
    assert mine and mine[0]["type"] == "markdown" and mine[0]["data"] == digest.markdown

    ingest_flow([str(folder)], store=str(store))
    quiet = latest_digest(layout)
    assert quiet.name != digest.name and quiet.new_works == 0 and "Nothing new." in quiet.markdown
    assert [d.name for d in all_digests(layout).digests] == [quiet.name, digest.name]

    corpus = Corpus(settings=settings)
    client = TestClient(create_app(settings, corpus))
    code, out = cli(store, "watch", "digest", "--json")
    assert (
        code == 0 and json.loads(out) == quiet.model_dump(mode="json") == client.get("/watches/digest").json()
    )
    code, out = cli(store, "watch", "digest", "--all", "--json")
    assert (
        json.loads(out)
        == client.get("/watches/digests").json()
        == all_digests(layout).model_dump(mode="json")
    )
    code, out = cli(store, "watch", "list", "--json")
    assert json.loads(out) == client.get("/watches").json() == list_watches(layout).model_dump(mode="json")
    added = client.post("/watches", json={"query": "co-citation clusters", "options": {"mode": "lexical"}})
    assert added.status_code == 200 and added.json()["seen"] >= 1
    assert client.post("/watches", json={"query": "x" * 501}).status_code == 400
    assert client.delete(f"/watches/{added.json()['watch_id']}").json() == added.json()
    assert client.delete(f"/watches/{added.json()['watch_id']}").status_code == 404
    corpus.close()


@pytest.mark.slow
def test_a_watch_of_a_zotero_collection_or_tag_digests_only_its_works(tmp_path: Path, fake_embedder) -> None:
    """`watch add --collection/--tag` as `search` takes them: saved, refused when unknown, obeyed."""
    library = build_library(tmp_path)
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 0
    layout = StoreLayout(settings.store)
    store = settings.store
    code, out = cli(
        store, "watch", "add", EVERYTHING, "--mode", "lexical", "--collection", "Reading", "--json"
    )
    assert code == 0 and json.loads(out)["options"]["collection"] == "Reading", out
    reading = json.loads(out)["watch_id"]
    code, out = cli(store, "watch", "add", EVERYTHING, "--mode", "lexical", "--tag", "to-read")
    assert code == 0, out
    tagged = list_watches(layout).watches[-1]
    assert tagged.options.tag == "to-read" and tagged.watch_id != reading

    ingest(settings, [], embedder=fake_embedder, zotero=library.data_dir)
    digest = run_watches_of(settings)
    news = {n.watch_id: sorted(e.title for e in n.new) for n in digest.watches}
    assert news == {reading: sorted([ARTICLE, BOOK]), tagged.watch_id: [ARTICLE]}, (
        "the chapter, in no collection, is news to neither"
    )
    assert "(mode lexical, collection Reading)" in digest.markdown

    code, out = cli(store, "watch", "add", EVERYTHING, "--collection", "Readng")
    said = " ".join(out.split())
    assert code == 2 and "no work of this corpus is in Zotero collection 'Readng'" in said, out
    settings.server.host, settings.server.api_token = "127.0.0.1", ""
    corpus = Corpus(settings=settings)
    try:
        client = TestClient(create_app(settings, corpus))
        answer = client.post("/watches", json={"query": EVERYTHING, "options": {"tag": "nope"}})
        assert answer.status_code == 400 and "Zotero tag 'nope'" in answer.text
        answer = client.post(
            "/watches", json={"query": EVERYTHING, "options": {"tag": "_READ", "mode": "lexical"}}
        )
        assert answer.status_code == 200 and answer.json()["seen"] == 1, answer.text
    finally:
        corpus.close()
    assert len(list_watches(layout).watches) == 3, "the refused watches were not saved"
