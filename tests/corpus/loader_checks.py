"""Checks the loader tests of several file types share: a refusal, and a document's record."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import RawDocument
from corpus_core.settings import load_settings


def assert_refused(path: Path, data: bytes, error: type[Exception], reason: str) -> None:
    """Write `data` to `path`, load it: `error` is raised, its message matches `reason` and names `path`."""
    path.write_bytes(data)
    with pytest.raises(error, match=reason) as raised:
        load_file(path, load_settings().loading)
    assert str(path) in str(raised.value)


def assert_record(raw: RawDocument, info: dict[str, str], families: list[str], sections: list[str]) -> None:
    """The file's embedded record is `info`; the prepared document's title is `info`'s, with these
    authors' family names and these sections."""
    assert raw.info == info
    document = prepare_document(raw, load_settings())
    assert document.metadata.title == info["title"]
    assert [person.family for person in document.metadata.authors] == families
    assert [section.title for section in document.sections] == sections
