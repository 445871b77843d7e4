"""A Markdown or text note's YAML front matter: out of the text, into the record (source "front-matter")."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.cleaning.front_matter import find_front_matter
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Person
from corpus_core.settings import load_settings

BODY = (
    "# Introduction\n\nValue co-creation has been studied from many angles. Dynamic capabilities "
    "describe how firms sense, seize and reconfigure resources in turbulent markets, and several "
    "authors connect the idea with learning organizations and with service-dominant logic.\n"
)
PANDOC = """---
title: "Dynamic capabilities and value co-creation"
subtitle: A review
author:
  - name: Jane Smith
    affiliation: University of Oslo
  - name: Ole Hansen
date: 2021-03-04
journal: Journal of Service Theory
doi: https://doi.org/10.1234/jst.2021.55
tags: [value co-creation, dynamic capabilities]
lang: en-GB
---
"""


def _prepared(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    settings = load_settings(store=tmp_path / "store")
    return prepare_document(load_file(path, settings.loading), settings)


def test_a_pandoc_header_is_the_record_and_not_the_text(tmp_path: Path) -> None:
    document = _prepared(tmp_path, "note.md", PANDOC + "\n" + BODY)
    record = document.metadata
    assert record.title == "Dynamic capabilities and value co-creation: A review"
    assert record.authors == [Person("Smith", "Jane"), Person("Hansen", "Ole")]
    assert (record.year, record.venue) == (2021, "Journal of Service Theory")
    assert record.doi == "10.1234/jst.2021.55"
    assert record.keywords == ["value co-creation", "dynamic capabilities"]
    assert record.language == "en"
    assert set(record.sources.values()) == {"front-matter"}
    assert document.text.startswith("# Introduction") and "affiliation" not in document.text
    assert document.cleaning.removed["front_matter"] == len(PANDOC)


def test_a_chapter_s_book_editors_in_a_header(tmp_path: Path) -> None:
    header = (
        "---\ntitle: Knowledge creation in teams\ntype: chapter\nauthor: Ikujiro Nonaka\n"
        "editor:\n  - name: Meinolf Dierkes\n  - name: Ariane Berthoin Antal\n"
        "container-title: Handbook of organizational learning\nyear: 2001\n---\n"
    )
    record = _prepared(tmp_path, "nonaka.md", header + BODY).metadata
    assert record.authors == [Person("Nonaka", "Ikujiro")]
    assert record.editors == [Person("Dierkes", "Meinolf"), Person("Antal", "Ariane Berthoin")]
    assert record.sources["editors"] == "front-matter"


def test_obsidian_style_names_in_a_text_file(tmp_path: Path) -> None:
    header = "---\ntitle: Notes on Senge\nauthor: Smith, Jane and Hansen, Ole\nyear: 1990\n...\n"
    document = _prepared(tmp_path, "senge.txt", header + BODY)
    assert document.metadata.title == "Notes on Senge"
    assert [a.family for a in document.metadata.authors] == ["Smith", "Hansen"]
    assert document.metadata.year == 1990 and document.text.startswith("# Introduction")


def test_a_horizontal_rule_or_a_later_block_is_text(tmp_path: Path) -> None:
    ruled = "---\nA paragraph that opens after a rule, long enough to be a paragraph.\n---\n" + BODY
    assert find_front_matter(ruled) is None
    document = _prepared(tmp_path, "ruled.md", ruled)
    assert document.text.startswith("## A paragraph that opens after a rule"), "Markdown: a rule, a heading"
    assert "front_matter" not in document.cleaning.removed
    later = BODY + "\n---\ntitle: Not a header\n---\n"
    assert find_front_matter(later) is None


def test_front_matter_yaml_cannot_read_is_named_and_kept_out_of_the_text(tmp_path: Path) -> None:
    broken = "---\ntitle: [unclosed\nauthor: Jane Smith\n---\n"
    found = find_front_matter(broken + BODY)
    assert found is not None and found.fields is None
    document = _prepared(tmp_path, "broken.md", broken + BODY)
    assert any(note.startswith("front matter not read:") for note in document.notes), document.notes
    assert document.text.startswith("# Introduction")
    assert "front-matter" not in document.metadata.sources.values()


@pytest.mark.parametrize("name", ["paper.qmd", "analysis.Rmd", "notes.markdown"])
def test_quarto_and_r_markdown_notes_are_markdown(tmp_path: Path, name: str) -> None:
    """Quarto's `.qmd`, R Markdown's `.Rmd` and `.markdown` are read as Markdown, header and all."""
    document = _prepared(tmp_path, name, PANDOC + "\n" + BODY)
    assert document.format == "md"
    assert document.metadata.title == "Dynamic capabilities and value co-creation: A review"
    assert document.text.startswith("# Introduction")
