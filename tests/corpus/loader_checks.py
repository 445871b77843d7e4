"""What the loader tests of several file types share: a package, a load, a refusal, a record."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import RawDocument
from corpus_core.settings import load_settings


def package(mimetype: str, members: dict[str, str | bytes]) -> bytes:
    """A zip package as ODF and EPUB lay one out: `mimetype` first and stored, then the members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def loaded(path: Path, data: bytes, fmt: str) -> RawDocument:
    """Write `data` to `path` and load it as a folder's file is loaded; its format is `fmt`."""
    path.write_bytes(data)
    raw = load_file(path, load_settings().loading)
    assert raw.format == fmt
    return raw


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
