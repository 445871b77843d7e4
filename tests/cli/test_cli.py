"""The `corpus` commands on a store built by the real flow: output shapes, errors, docs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus_cli.main import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def corpus(*args: str) -> tuple[int, str]:
    """Exit code and standard output (standard error too when the command failed)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


def test_every_command_has_an_example_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {
        "ingest",
        "search",
        "docs",
        "show",
        "cite",
        "bib",
        "stats",
        "edit",
        "cited-by",
        "schedule",
        "eval",
        "serve",
    } <= set(names)
    for name in names:
        code, out = corpus(name, "--help")
        assert code == 0
        assert "Example: corpus " + name in " ".join(out.split()), f"`corpus {name} --help` has no example"
        assert f"corpus {name}" in readme, f"README does not document `corpus {name}`"


def test_help_paragraphs_wrap_at_the_terminal_width_not_at_the_source_lines() -> None:
    """A docstring's source line breaks are not kept: each paragraph fills the terminal's width."""
    for width in (80, 120):
        result = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": str(width)})
        lines = [line.strip() for line in result.stdout.splitlines()]
        first = next(i for i, line in enumerate(lines) if line.startswith("Unchanged files are skipped"))
        paragraph = lines[first : lines.index("", first)]
        assert len(paragraph) >= 2, paragraph
        assert all(len(line) >= width - 20 for line in paragraph[:-1]), paragraph


def test_every_api_route_is_in_the_readme() -> None:
    from search_api.server import create_app

    readme = (ROOT / "README.md").read_text()
    paths = set(create_app().openapi()["paths"])
    assert {"/search", "/documents/{doc_id}", "/documents/{doc_id}/cite", "/bibliography", "/health"} <= paths
    for path in paths:
        assert f" {path}" in readme, f"README does not document {path}"


def test_unknown_store_is_a_clean_error(tmp_path: Path) -> None:
    code, out = corpus("docs", "--store", str(tmp_path / "nothing"))
    assert code == 3, "no corpus here is 'not found'"
    assert "no corpus here yet" in " ".join(out.split()) and "Traceback" not in out


@pytest.mark.integration
@pytest.mark.slow
class TestOnStore:
    @pytest.fixture(autouse=True)
    def _store(self, ingested_store) -> None:
        self.store = str(ingested_store.path)

    def run(self, *args: str) -> tuple[int, str]:
        return corpus(*args, "--store", self.store)

    def work_of(self, seed_prefix: str) -> dict:
        code, out = self.run("docs", "--json")
        assert code == 0
        return next(
            w for w in json.loads(out) if any(Path(f).name.startswith(seed_prefix) for f in w["files"])
        )

    def test_search_json_shape_and_order(self) -> None:
        code, out = self.run("search", "value co-creation in a learning organization", "--json", "-k", "5")
        assert code == 0
        results = json.loads(out)
        assert {
            "work_id",
            "title",
            "authors",
            "year",
            "venue",
            "page",
            "score",
            "snippet",
            "citation",
            "source",
        } <= set(results[0])
        assert results[0]["year"] == 2019
        assert "learning organization" in results[0]["title"].lower()
        assert [r["rank"] for r in results] == list(range(1, len(results) + 1))

    def test_search_filters(self) -> None:
        code, out = self.run("search", "co-creation with customers", "--json", "--author", "chung")
        assert code == 0
        results = json.loads(out)
        assert [r["authors"] for r in results] == [["Yin Min Chung"]]
        for written in ("Chung, Y.", "Y. M. Chung", "Chung YM"):
            code, out = self.run("search", "co-creation with customers", "--json", "--author", written)
            assert [r["authors"] for r in json.loads(out)] == [["Yin Min Chung"]], written
        code, out = self.run("search", "co-creation with customers", "--json", "--author", "Chung, L.")
        assert code == 0 and json.loads(out) == [], "another Chung's initials"
        for venue in ("Int. J. Learn. Intellect. Cap.", "IJLIC", "learning and intellectual"):
            code, out = self.run("search", "co-creation with customers", "--json", "--venue", venue)
            assert [r["authors"] for r in json.loads(out)] == [["Yin Min Chung"]], venue
        code, out = self.run("search", "co-creation", "--json", "--year-from", "2015", "--year-to", "2020")
        assert all(2015 <= r["year"] <= 2020 for r in json.loads(out))
        found = {}
        for language in ("en", "English", "eng", "en-GB"):
            code, out = self.run("search", "co-creation", "--json", "--language", language)
            found[language] = [r["work_id"] for r in json.loads(out)]
        assert found["en"] and all(ids == found["en"] for ids in found.values()), found

    def test_filters_that_cannot_match_are_said_so_not_answered_with_nothing(self) -> None:
        code, out = self.run("search", "co-creation", "--year-from", "2020", "--year-to", "2015")
        assert code == 2 and "the years run backwards (from 2020 to 2015)" in out, out
        code, out = self.run("search", "co-creation", "--language", "Klingon")
        assert code == 2 and "unknown language 'Klingon': give an ISO code" in " ".join(out.split()), out
        for option in ("collection", "tag"):
            code, out = self.run("search", "co-creation", f"--{option}", "Reading")
            said = " ".join(out.split())
            assert code == 2 and f"no work of this corpus is in Zotero {option} 'Reading'" in said, out
            assert f"the corpus has no Zotero {option}s (corpus ingest --zotero PATH" in said, out

    def test_filters_no_work_passes_are_named(self) -> None:
        code, out = self.run("search", "co-creation", "--author", "Nobody", "--year-from", "2030")
        said = " ".join(out.split())
        assert code == 0 and "No work of the corpus matches --year-from 2030, --author 'Nobody'" in said, out
        code, out = self.run("search", "co-creation", "--author", "Chung", "--section", "No such section")
        assert code == 0 and out.strip() == "No matching passages.", out

    def test_docs_link_abstract_page_and_full_text(self) -> None:
        work = self.work_of("000_")
        names = sorted(Path(f).name[:4] for f in work["files"])
        assert names == ["000_", "001_"]
        assert work["year"] == 2019

    def test_show_lists_sources_references_and_files(self) -> None:
        work = self.work_of("001_")
        code, out = self.run("show", work["work_id"], "--json")
        assert code == 0
        view = json.loads(out)
        assert view["metadata"]["sources"]["venue"] in {"labelled-text", "merged"}
        assert len(view["files"]) == 2
        code, out = self.run("show", work["work_id"])
        assert "References" in out and "Cleaning" in out

    def test_cite_styles(self) -> None:
        chung = self.work_of("003_")["work_id"]
        code, out = self.run("cite", chung, "--style", "apa")
        assert code == 0
        assert out.startswith("Chung, Y. M. (2009). Co-creation with the customer")
        code, out = self.run("cite", chung, "--style", "bibtex")
        assert re.search(r"@article\{chung2009\w*,", out)
        assert "doi = {10.1504/IJLIC.2009.021718}" in out
        code, out = self.run("cite", chung, "--style", "nonsense")
        assert code == 2 and "nonsense" in out, "an unknown style is a usage error"

    def test_bib_and_export_write_files(self, tmp_path: Path) -> None:
        ids = [self.work_of(p)["work_id"] for p in ("003_", "000_")]
        target = tmp_path / "refs.bib"
        code, _ = self.run("bib", *ids, "--format", "bibtex", "-o", str(target))
        assert code == 0
        assert target.read_text().count("@") == 2
        ris = tmp_path / "hits.ris"
        code, _ = self.run("search", "co-creation", "--export", "ris", "-o", str(ris), "-k", "3")
        assert code == 0
        assert ris.read_text().count("TY  - ") == 3

    def test_stats_lists_failures_with_reasons(self) -> None:
        code, out = self.run("stats", "--json")
        assert code == 0
        stats = json.loads(out)
        reasons = {Path(f["path"]).name: f["reason"] for f in stats["failures"]}
        assert "password" in reasons["libreoffice-writer-password.pdf"]
        assert stats["works"] < stats["documents"], "abstract page and full text are one work"

    def test_cited_by(self) -> None:
        code, out = self.run("cited-by", "Vargo", "--year", "2004", "--json")
        assert code == 0
        works = json.loads(out)
        assert works and "learning organization" in works[0]["title"].lower()
        assert all(r["year"] == 2004 for r in works[0]["references"])
        for written in ("S. L. Vargo", "Vargo, S.", "Kohtamaki"):
            code, out = self.run("cited-by", written, "--json")
            assert code == 0 and [w["work_id"] for w in json.loads(out)] == [works[0]["work_id"]], written
        code, out = self.run("cited-by", "Vargo, R.", "--json")
        assert code == 0 and json.loads(out) == [], "another Vargo's initials"

    def test_unknown_document(self) -> None:
        code, out = self.run("show", "doesnotexist")
        assert code == 3 and "doesnotexist" in out, "NotFoundError exits 3"


@pytest.mark.integration
@pytest.mark.slow
def test_edit_survives_reingestion(prefect_server: None, tmp_path: Path, seeds_dir: Path) -> None:
    """A correction outlives a re-run that re-reads the file (its sidecar changed) and a new version."""
    from flows.ingest import ingest_flow

    folder, store = tmp_path / "papers", str(tmp_path / "store")
    folder.mkdir()
    paper = folder / "knight.txt"
    shutil.copy(seeds_dir / "002_c2ae061442974bd4.txt", paper)
    ingest_flow([str(folder)], store=store)
    code, out = corpus("docs", "--json", "--store", store)
    work_id = json.loads(out)[0]["work_id"]
    code, out = corpus(
        "edit",
        work_id,
        "--set",
        "venue=The Learning Organization",
        "--set",
        "authors=Knight, Louise; Pye, Annie",
        "--store",
        store,
    )
    assert code == 0, out
    (folder / "knight.json").write_text(
        json.dumps({"title": "Deriving value", "container-title": "Sidecar Venue"})
    )
    report = ingest_flow([str(folder)], store=store)
    assert report.count("ingested") == 1, "the new sidecar makes the file be read again"
    code, out = corpus("show", work_id, "--json", "--store", store)
    meta = json.loads(out)["metadata"]
    assert meta["venue"] == "The Learning Organization"
    assert meta["title"] == "Deriving value", "sidecar fields the user did not correct still apply"
    assert [a["family"] for a in meta["authors"]] == ["Knight", "Pye"]
    assert meta["sources"]["authors"] == "user"
    paper.write_text(
        paper.read_text() + "\n\nA revised closing paragraph for the second version of the paper.\n"
    )
    ingest_flow([str(folder)], store=store)
    code, out = corpus("docs", "--json", "--store", store)
    (work,) = json.loads(out)
    assert work["venue"] == "The Learning Organization"
    code, out = corpus("show", work["work_id"], "--json", "--store", store)
    (version,) = json.loads(out)["files"]
    assert version["doc_id"] != work_id, "the new version (a new document) replaced the old document"
    code, out = corpus("edit", work["work_id"], "--set", "colour=blue", "--store", store)
    assert code == 2 and "colour" in out, "an unknown field is a usage error"
    code, out = corpus(
        "edit", work["work_id"], "--set", "translators=Weaver, Helen", "--set", "original_year=1601",
        "--store", store,
    )  # fmt: skip
    assert code == 0, out
    code, out = corpus("show", work["work_id"], "--store", store)
    assert "translators" in out and "Helen Weaver" in out and "original_year" in out and "1601" in out
    code, out = corpus("cite", work["work_id"], "--style", "apa", "--store", store)
    assert "(H. Weaver, Trans.)" in out and "(Original work published 1601)" in " ".join(out.split()), out


def test_an_empty_folder_is_said_to_hold_no_files(prefect_server: None, tmp_path: Path) -> None:
    """A folder with nothing in it (a wrong path, a drive not synced) is said to be empty."""
    (tmp_path / "papers" / "empty").mkdir(parents=True)
    code, out = corpus("ingest", str(tmp_path / "papers"), "--store", str(tmp_path / "store"))
    assert code == 0
    assert "no files found in the paths given" in " ".join(out.split()), out


def test_the_cli_highlights_numbers_and_paths_only_where_it_shows_colours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rich's automatic highlighting costs about 0.25 ms a line: printed to a pipe it shows
    nothing, so a command's output there is not highlighted; a terminal (or FORCE_COLOR) is."""
    from corpus_cli.common import make_console

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert make_console().render_str("42 files in /tmp/papers").spans == []
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert make_console().render_str("42 files in /tmp/papers").spans
