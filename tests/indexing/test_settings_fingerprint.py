"""Which settings make a stored document out of date, and which do not."""

from __future__ import annotations

from corpus_core.settings import load_settings
from indexing.changes import settings_fingerprint


def test_how_the_model_runs_does_not_reprocess_the_library() -> None:
    settings = load_settings()
    before = settings_fingerprint(settings)
    settings.embedding.batch_size = 8
    settings.embedding.query_threads = 2
    settings.embedding.query_encoder = "backend"
    settings.embedding.passage_encoder = "backend"
    settings.embedding.backend = "onnx-int8"  # refused by the store instead, see Ingestor
    settings.embedding.device = "cuda"
    assert settings_fingerprint(settings) == before


def test_what_shapes_chunks_or_vectors_does() -> None:
    base = settings_fingerprint(load_settings())
    changes = [
        ("chunking", "max_tokens", 120),
        ("chunking", "overlap_tokens", 0),
        ("loading", "min_chars", 10),
        ("embedding", "model", "other-model"),
        ("embedding", "passage_prefix", "passage: "),
        ("cleaning", "repeated_line_share", 0.9),
    ]
    for section, name, value in changes:
        settings = load_settings()
        setattr(getattr(settings, section), name, value)
        assert settings_fingerprint(settings) != base, f"{section}.{name}"


def test_reading_more_file_types_by_default_keeps_every_stored_file() -> None:
    """Word files and saved web archives joined the default types; a store built before keeps its documents.

    The hash is the one this release computes on the defaults of the release that read only
    ".pdf", ".txt", ".md", ".html" and ".htm": were it to change, every file of every library
    would be read again. It changes, deliberately, when the cleaning rules do (a store's text
    is then out of date): the last time for a journal site's menu ("Home · Current issue ·
    Archives · About") and a page's sharing buttons ("Share this: Twitter · LinkedIn · Email"),
    as a page printed from a browser keeps them, on 2026-12-07.
    """
    settings = load_settings()
    added = {".docx", ".doc", ".rtf", ".odt", ".epub", ".mhtml", ".mht", ".webarchive"}
    assert added <= set(settings.loading.extensions)
    assert settings_fingerprint(settings) == "6e199d250cee6a34"
    settings.loading.extensions = [".pdf", ".txt", ".md", ".html", ".htm"]
    assert settings_fingerprint(settings) == "6e199d250cee6a34"
    settings.loading.extensions = [".pdf", ".txt"]
    assert settings_fingerprint(settings) != "6e199d250cee6a34"
