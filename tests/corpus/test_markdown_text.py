"""A Markdown note is indexed by its words: markup, link targets and code chunks go, structure stays."""

from __future__ import annotations

from pathlib import Path

from corpus.cleaning.markdown_text import PlainMarkdown, plain_markdown
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings

QUARTO = """---
title: "Absorptive capacity in service firms"
author: "Jane Smith"
date: 2021-03-04
---

## Introduction {#sec-intro}

Service firms learn from their customers through **repeated interaction**, and this
learning is what the literature calls *absorptive capacity*. See the
[OECD report](https://www.oecd.org/report.pdf) for survey data.

```{r setup, include=FALSE}
library(tidyverse)
survey <- read_csv("data/survey.csv")
```

## Results

Firms with the most customer contact innovated most often (`r nrow(survey)` firms, the
`sector` column).

![Innovation by sector](figures/sector.png){#fig-sector width=80%}

| Sector | **Firms** |
|--------|-----------|
| Retail | 120       |

::: {.callout-note}
Health services innovated most often.
:::

<!-- TODO: add the hospital cases -->

    indented_code_block(x)

Closing words, as the [report][oecd] says.

[oecd]: https://www.oecd.org/report.pdf
"""


def test_markup_and_code_go_words_and_structure_stay() -> None:
    plain = plain_markdown(QUARTO.split("---\n", 2)[2])
    text = plain.text
    assert "## Introduction\n" in text and "## Results\n" in text, "ATX headings keep their marks"
    assert "through repeated interaction, and this" in text
    assert "calls absorptive capacity. See the\nOECD report for survey data." in text
    assert "Firms with the most customer contact innovated most often ( firms, the\nsector column)." in text
    assert "\nInnovation by sector\n" in text, "an image's description stays, its path goes"
    assert "| Sector | Firms |\n| Retail | 120       |" in text, "a table keeps its rows, not its delimiter"
    assert "\nHealth services innovated most often.\n" in text
    assert "Closing words, as the report says." in text
    gone = ("**", "library(", "read_csv", "https://", "figures/", "{#", ":::", "TODO", "indented_", "|---")
    assert [g for g in gone if g in text] == []
    assert plain.code == len(
        "library(tidyverse)"
        'survey <- read_csv("data/survey.csv")'
        "```{r setup, include=FALSE}```"
        "<!-- TODO: add the hospital cases -->"
        "    indented_code_block(x)"
    )
    assert plain.markup > 0


def test_setext_headings_become_sections_and_plain_text_is_kept() -> None:
    text = "Dynamic capabilities\n====================\n\nA paragraph: 3 * 4 * 5 and file_name_here.\n"
    heading = "# Dynamic capabilities\n\n\nA paragraph: 3 * 4 * 5 and file_name_here.\n"
    assert plain_markdown(text).text == heading
    assert plain_markdown("Title\n=\n") == PlainMarkdown("# Title\n\n", 0, 0), "no negative count"
    plain = "First line of a note.\nSecond line, no markup at all.\n\n- a list item\n- another\n"
    assert plain_markdown(plain) == PlainMarkdown(plain, 0, 0)


def test_a_quarto_note_is_indexed_without_its_markup(tmp_path: Path) -> None:
    """Through the whole preparation: cleaning counts the rules, sections and record as before."""
    path = tmp_path / "notes.qmd"
    path.write_text(QUARTO, encoding="utf-8")
    settings = load_settings(store=tmp_path / "store")
    document = prepare_document(load_file(path, settings.loading), settings)
    assert document.metadata.title == "Absorptive capacity in service firms"
    assert [s.title for s in document.sections] == ["Introduction", "Results"]
    assert "**" not in document.text and "tidyverse" not in document.text
    assert document.cleaning.removed["code"] > 100
    assert document.cleaning.removed["markdown"] > 50
