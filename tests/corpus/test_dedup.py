"""MinHash signatures, same-work decisions on the seeds, and trust-ordered merging."""

from __future__ import annotations

import pytest
from seed_texts import seed_path, seed_variants

from corpus.dedup import merge_records, same_work, signature, similarity
from corpus.metadata.extract import extract_metadata
from corpus_core.models import Metadata, Person, RawDocument


def _seed(prefix: str) -> tuple[Metadata, list[int]]:
    text = seed_variants(prefix)["normalised"]
    raw = RawDocument(path=str(seed_path(prefix)), content_hash=prefix, format="txt", pages=[text])
    return extract_metadata(raw, text), signature(text)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Metadata, list[int]]]:
    return {prefix: _seed(prefix) for prefix in ("000", "001", "002", "003", "004")}


def test_signature_shape_and_determinism() -> None:
    text = seed_variants("001")["raw"]
    sig = signature(text)
    assert len(sig) == 128
    assert all(isinstance(v, int) for v in sig)
    assert sig == signature(text)
    assert signature("") == []
    assert len(signature("two words")) == 128


def test_similarity() -> None:
    text = seed_variants("001")["raw"]
    edited = text.replace("learning organization", "learning organisation", 3)
    assert similarity(signature(text), signature(text)) == 1.0
    assert similarity(signature(text), signature(edited)) >= 0.8
    assert similarity(signature(text), signature(seed_variants("004")["raw"])) < 0.2
    assert similarity([], signature(text)) == 0.0


def test_abstract_page_and_manuscript_are_one_work(seeds: dict[str, tuple[Metadata, list[int]]]) -> None:
    a, sig_a = seeds["000"]
    b, sig_b = seeds["001"]
    assert similarity(sig_a, sig_b) < 0.8
    assert same_work(a, sig_a, b, sig_b)
    assert same_work(b, sig_b, a, sig_a)


@pytest.mark.parametrize("other", ["002", "003", "004"])
def test_different_works(seeds: dict[str, tuple[Metadata, list[int]]], other: str) -> None:
    a, sig_a = seeds["000"]
    b, sig_b = seeds[other]
    assert not same_work(a, sig_a, b, sig_b)


def test_near_duplicate_text_is_one_work() -> None:
    text = seed_variants("001")["raw"]
    assert same_work(Metadata(), signature(text), Metadata(), signature(text + " Accepted version."))


def test_title_rules() -> None:
    title = "The Learning Organization as a Context for Value Co-Creation"
    a = Metadata(title=title, year=2019)
    assert same_work(a, [], Metadata(title=title.upper() + "."), [])
    assert not same_work(a, [], Metadata(title=title, year=2015), [])
    assert not same_work(Metadata(title="Editorial"), [], Metadata(title="Editorial"), [])
    smith = Metadata(title=title, authors=[Person(family="Smith", given="J.")])
    jones = Metadata(title=title, authors=[Person(family="Jones", given="K.")])
    assert not same_work(smith, [], jones, [])
    assert same_work(Metadata(doi="10.1/ABC"), [], Metadata(doi="10.1/abc"), [])
    book = Metadata(title=title, authors=[Person(family="Senge", given="Peter M.")], kind="book")
    review = Metadata(title=title, reviewed_authors=book.authors, kind="review-book")
    assert not same_work(book, [], review, []), "a review without its reviewer or year is not its book"


def test_merge_seed_000_and_001(seeds: dict[str, tuple[Metadata, list[int]]]) -> None:
    abstract_page, manuscript = seeds["000"][0], seeds["001"][0]
    for records in ([abstract_page, manuscript], [manuscript, abstract_page]):
        merged = merge_records(records)
        assert merged.title.lower() == "the learning organization as a context for value co-creation"
        assert merged.venue == "The Learning Organization"
        assert merged.year == 2019
        assert merged.keywords == manuscript.keywords
        assert merged.abstract == abstract_page.abstract
        assert merged.authors == []
        assert merged.sources["year"] == "labelled-text"


def test_merge_prefers_trusted_sources_and_keeps_provenance() -> None:
    guess = Metadata(
        title="Guessed Title",
        year=2001,
        venue="Guessed Venue",
        sources={"title": "first-page", "year": "first-page", "venue": "first-page"},
        uncertain=["title", "year", "venue"],
    )
    labelled = Metadata(
        title="Labelled Title", doi="10.1/x", sources={"title": "labelled-text", "doi": "labelled-text"}
    )
    sidecar = Metadata(
        year=2003, authors=[Person(family="Doe")], sources={"year": "sidecar", "authors": "sidecar"}
    )
    user = Metadata(title="User Title", sources={"title": "user"})
    merged = merge_records([guess, labelled, sidecar, user])
    assert (merged.title, merged.year, merged.venue, merged.doi) == (
        "User Title",
        2003,
        "Guessed Venue",
        "10.1/x",
    )
    assert merged.authors == [Person(family="Doe")]
    assert merged.sources == {
        "title": "user",
        "authors": "sidecar",
        "year": "sidecar",
        "venue": "first-page",
        "doi": "labelled-text",
    }
    assert merged.uncertain == ["venue"]
    assert merge_records([]) == Metadata()


def test_reading_a_store_does_not_import_datasketch() -> None:
    """Only processes that prepare files compute signatures: `corpus search` and `serve` start
    without datasketch and the scipy it imports (~0.6 s; ~0.4 s of a `corpus search`)."""
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, search_api.service, indexing.catalog; print('datasketch' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text",
    [
        "Value Co-Creation: A Service-Dominant Logic_View",
        "  Learning   organizations (2nd ed.) ",
        "Über die Ko-Kreation von Wert – eine Übersicht",
        "Ｆｕｌｌｗｉｄｔｈ ﬁnance Œuvre İstanbul ß",
        "Ça va: ÉTUDE des marchés à l'ère numérique",
        "",
    ],
)
def test_fold_drops_case_accents_and_punctuation_as_its_definition_does(text: str) -> None:
    """ASCII text takes a shorter way through `fold`; every text folds as NFKD, no combining marks,
    lower case and word runs would fold it."""
    import re
    import unicodedata

    from corpus.metadata.fields import fold

    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()
    assert fold(text) == " ".join(re.sub(r"[^\w]+|_", " ", plain).split())
