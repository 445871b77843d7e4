"""The tantivy lexical index: updates, filters, scoring, analysis, hostile queries, readers and writers."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus_core.errors import StoreError
from indexing.lexical import LexicalEntry, LexicalIndex

ENTRIES = [
    LexicalEntry("bake:0", "bake", "Sourdough bread needs a starter and a slow rise."),
    LexicalEntry("bake:1", "bake", "The crust of the bread browns in a hot oven."),
    LexicalEntry("volc:0", "volc", "Volcano eruptions throw ash into the stratosphere."),
    LexicalEntry("tide:0", "tide", "Tidal energy turbines sit in fast coastal currents."),
    LexicalEntry("org:0", "org", "How an organization plans its budget."),
]


@pytest.fixture
def index(tmp_path: Path) -> Iterator[LexicalIndex]:
    lexical = LexicalIndex(tmp_path / "lexical")
    lexical.add(ENTRIES)
    lexical.commit()
    yield lexical
    lexical.close()


def _ids(hits: list[tuple[str, float]]) -> list[str]:
    return [cid for cid, _ in hits]


def test_add_commit_query(index: LexicalIndex) -> None:
    assert len(index) == 5
    hits = index.query("bread", 10)
    assert sorted(_ids(hits)) == ["bake:0", "bake:1"]
    assert all(score > 0 for _, score in hits)
    assert _ids(index.query("volcano ash", 10)) == ["volc:0"]
    assert [score for _, score in hits] == sorted((score for _, score in hits), reverse=True)


def test_query_returns_at_most_n(index: LexicalIndex) -> None:
    assert len(index.query("bread volcano tidal", 2)) == 2
    assert index.query("bread", 0) == []


def test_more_matching_terms_rank_higher(index: LexicalIndex) -> None:
    assert _ids(index.query("bread starter", 10))[0] == "bake:0"
    assert _ids(index.query("bread oven", 10))[0] == "bake:1"


def test_repeated_query_terms_count_per_occurrence(index: LexicalIndex) -> None:
    once = dict(index.query("bread", 10))
    twice = dict(index.query("bread bread", 10))
    assert twice["bake:0"] == pytest.approx(2 * once["bake:0"])


def test_delete_documents_removes_every_chunk(index: LexicalIndex) -> None:
    index.delete_documents(["bake"])
    assert len(index.query("bread", 10)) == 2  # not before the commit
    index.commit()
    assert index.query("bread", 10) == []
    assert len(index) == 3
    assert _ids(index.query("volcano", 10)) == ["volc:0"]


def test_adding_an_existing_chunk_id_replaces_it(index: LexicalIndex) -> None:
    index.add([LexicalEntry("volc:0", "volc", "Geysers and hot springs.")])
    index.commit()
    assert len(index) == 5
    assert index.query("volcano", 10) == []
    assert _ids(index.query("geysers", 10)) == ["volc:0"]


def test_doc_ids_filter(index: LexicalIndex) -> None:
    query = "bread volcano tidal"
    assert set(_ids(index.query(query, 10))) == {"bake:0", "bake:1", "volc:0", "tide:0"}
    assert sorted(_ids(index.query(query, 10, {"bake", "tide"}))) == ["bake:0", "bake:1", "tide:0"]
    assert index.query(query, 10, {"org"}) == []
    assert index.query(query, 10, set()) == []
    unfiltered = dict(index.query(query, 10))
    for cid, score in index.query(query, 10, {"volc"}):
        assert score == pytest.approx(unfiltered[cid])


def test_doc_ids_filter_with_thousands_of_ids(index: LexicalIndex) -> None:
    many = {f"missing-{i}" for i in range(5000)} | {"volc"}
    assert _ids(index.query("volcano bread", 10, many)) == ["volc:0"]


def test_scores_of_chosen_chunks(index: LexicalIndex) -> None:
    ranked = dict(index.query("bread oven", 10))
    scores = index.scores("bread oven", ["bake:0", "bake:1", "tide:0", "unknown:7"])
    assert scores == {
        "bake:0": pytest.approx(ranked["bake:0"]),
        "bake:1": pytest.approx(ranked["bake:1"]),
        "tide:0": 0.0,
    }
    assert index.scores("nothing matches", ["bake:0"]) == {"bake:0": 0.0}
    assert index.scores("the of and", ["bake:0", "nope"]) == {"bake:0": 0.0}
    assert index.scores("bread", []) == {}


def test_stemming_and_stop_words(index: LexicalIndex) -> None:
    assert _ids(index.query("organizations", 10)) == ["org:0"]
    assert _ids(index.query("Organizational", 10)) == ["org:0"]
    assert _ids(index.query("eruption", 10)) == ["volc:0"]
    # "the" and "in" are in four of five entries: as stop words they add nothing.
    assert index.query("the in", 10) == []
    assert dict(index.query("the bread in", 10)) == pytest.approx(dict(index.query("bread", 10)))


HOSTILE = [
    "",
    "   \t\n ",
    '"bread',
    "bread:",
    "text:bread",
    "chunk_id:bake:0",
    "(bread) [volcano] {tidal}",
    "bread AND volcano",
    "bread OR -volcano",
    "-bread +volcano",
    "*",
    "bread*",
    "bre?d~2",
    "^2",
    "bread^",
    "\\",
    "NOT",
    "/regex.*/",
    "'; DROP TABLE chunks; --",
    "東京大学 čeština ñandú 🍞 \u200b\x00",
    "the of and a",
    "x" * 10_000,
    "bread " * 2_000,
    " ".join(f"w{i}" for i in range(2_500)),
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(index: LexicalIndex, text: str) -> None:
    hits = index.query(text, 10)
    assert all(score > 0 and math.isfinite(score) for _, score in hits)
    index.query(text, 10, {"bake"})
    assert set(index.scores(text, ["bake:0", "volc:0"])) == {"bake:0", "volc:0"}


def test_query_syntax_is_plain_text(index: LexicalIndex) -> None:
    assert index.query("", 10) == index.query("   ", 10) == index.query("the of and", 10) == []
    assert index.query("*", 10) == []
    assert sorted(_ids(index.query("bread AND volcano", 10))) == ["bake:0", "bake:1", "volc:0"]
    assert sorted(_ids(index.query("-bread", 10))) == ["bake:0", "bake:1"]
    assert _ids(index.query("chunk_id:volc:0", 10)) == []
    assert _ids(index.query("text:volcano", 10)) == ["volc:0"]


def test_empty_index(tmp_path: Path) -> None:
    lexical = LexicalIndex(tmp_path / "empty")
    assert len(lexical) == 0
    assert lexical.query("bread", 10) == []
    assert lexical.scores("bread", ["a:0"]) == {}
    lexical.commit()  # nothing to commit: no writer, no lock
    assert not (tmp_path / "empty" / ".tantivy-writer.lock").exists()


def test_reopen_from_disk(index: LexicalIndex, tmp_path: Path) -> None:
    before = index.query("bread oven", 10)
    index.close()
    reopened = LexicalIndex(tmp_path / "lexical")
    assert len(reopened) == 5
    assert reopened.query("bread oven", 10) == before


def test_uncommitted_adds_are_invisible_and_rollback_drops_them(index: LexicalIndex, tmp_path: Path) -> None:
    index.add([LexicalEntry("geo:0", "geo", "Geysers and hot springs")])
    index.delete_documents(["volc"])
    assert index.query("geysers", 10) == []
    assert len(index) == 5
    index.rollback()
    index.commit()
    assert index.query("geysers", 10) == []
    assert _ids(index.query("volcano", 10)) == ["volc:0"]
    index.close()
    assert LexicalIndex(tmp_path / "lexical").query("geysers", 10) == []


def test_close_drops_uncommitted_changes(index: LexicalIndex, tmp_path: Path) -> None:
    index.add([LexicalEntry("geo:0", "geo", "Geysers")])
    index.close()
    assert LexicalIndex(tmp_path / "lexical").query("geysers", 10) == []


def test_second_reader_sees_a_commit_only_after_reload(index: LexicalIndex, tmp_path: Path) -> None:
    reader = LexicalIndex(tmp_path / "lexical")
    index.add([LexicalEntry("geo:0", "geo", "Geysers and hot springs")])
    index.commit()
    assert index.query("geysers", 10) != []
    assert reader.query("geysers", 10) == []
    assert len(reader) == 5
    reader.reload()
    assert _ids(reader.query("geysers", 10)) == ["geo:0"]
    assert len(reader) == 6


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from indexing.lexical import LexicalEntry, LexicalIndex

    lexical = LexicalIndex(Path(sys.argv[1]))
    lexical.add([LexicalEntry("geo:0", "geo", "Geysers and hot springs")])
    lexical.delete_documents(["volc"])
    print("added", flush=True)
    sys.stdin.readline()
    lexical.commit()
    lexical.close()
    print("committed", flush=True)
    """
)


def test_reader_in_this_process_and_writer_in_another(index: LexicalIndex, tmp_path: Path) -> None:
    index.close()
    reader = LexicalIndex(tmp_path / "lexical")
    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "lexical")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    assert writer.stdin is not None and writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "added"
        reader.reload()  # the writer is writing but has not committed
        assert reader.query("geysers", 10) == []
        assert _ids(reader.query("volcano", 10)) == ["volc:0"]
        with pytest.raises(StoreError, match="another writer"):
            reader.add([LexicalEntry("x:0", "x", "x")])
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()
    # Still the commit it loaded, though the writer's process has committed and ended, even after
    # longer than tantivy's file-watch interval (an automatic reload would have happened by now).
    time.sleep(1.5)
    assert _ids(reader.query("volcano", 10)) == ["volc:0"]
    assert reader.query("geysers", 10) == []
    reader.reload()
    assert _ids(reader.query("geysers", 10)) == ["geo:0"]
    assert reader.query("volcano", 10) == []
    assert len(reader) == 5


def test_second_writer_is_refused_then_allowed_after_close(index: LexicalIndex, tmp_path: Path) -> None:
    other = LexicalIndex(tmp_path / "lexical")
    index.add([LexicalEntry("geo:0", "geo", "Geysers")])
    with pytest.raises(StoreError, match=r"lexical.*another writer holds its lock"):
        other.delete_documents(["bake"])
    index.commit()
    index.close()
    other.delete_documents(["bake"])
    other.commit()
    other.close()
    index.reload()
    assert index.query("bread", 10) == []


def test_foreign_directory_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "lexical"
    old.mkdir()
    (old / "chunk_ids.json").write_text("[]")
    with pytest.raises(StoreError, match="not a tantivy index"):
        LexicalIndex(old)
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        LexicalIndex(afile)


def test_a_run_killed_while_creating_the_index_leaves_no_foreign_file(tmp_path: Path) -> None:
    """kill -9 between tantivy's write of meta.json's temporary file and its rename left ".tmpe2k5QG"
    beside its bookkeeping, and every later run refused the store as "not a tantivy index"."""
    directory = tmp_path / "lexical"
    directory.mkdir()
    (directory / ".managed.json").write_text("[]")
    (directory / ".tmpe2k5QG").write_text('{"index_settings":')
    index = LexicalIndex(directory)
    index.add([LexicalEntry("bake:0", "bake", "Bread is baked.")])
    index.commit()
    assert index.query("bread", 10)
    index.close()


def test_corrupt_index_is_a_store_error(index: LexicalIndex, tmp_path: Path) -> None:
    index.close()
    (tmp_path / "lexical" / "meta.json").write_text("{not json")
    with pytest.raises(StoreError, match="cannot open"):
        LexicalIndex(tmp_path / "lexical")
