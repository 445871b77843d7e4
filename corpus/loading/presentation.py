"""Text and embedded record of a PowerPoint deck (.pptx), read with python-pptx.

A deck's slides are its pages, numbered as PowerPoint numbers them ("1", "2", ...), so a
passage is cited by its slide (`search_api.csl.is_slides`). A slide is read as it shows: its
title first, then its other text boxes, tables (a row a line, cells joined by " | ") and
grouped shapes from top to bottom and left to right, a paragraph a line. Speaker notes,
which the audience never saw, are not read. The core properties (title, author, keywords,
subject) fill `info` as a PDF's info dictionary does; `corpus.metadata.slides` reads the talk's
record from the title slide.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from corpus.loading.packages import open_office_package
from corpus.structure.textlines import table_row

if TYPE_CHECKING:  # python-pptx is imported when a deck is read
    from pptx.presentation import Presentation

_KIND = "PowerPoint deck"


def open_presentation(data: bytes, source: str) -> Presentation:
    """The parsed deck; a LoadError naming `source` and the reason when it is not one."""
    import pptx
    from pptx.exc import PackageNotFoundError

    old_binary = "an old binary PowerPoint file (.ppt) named .pptx; save it as .pptx"
    return open_office_package(data, source, _KIND, old_binary, pptx.Presentation, PackageNotFoundError)


def slide_texts(deck: Presentation) -> list[str]:
    """Each slide's text, title first, then its shapes from top to bottom and left to right."""
    pages = []
    for slide in deck.slides:
        title = slide.shapes.title
        lines = _shape_lines(title) if title is not None else []
        others = [shape for shape in slide.shapes if title is None or shape.shape_id != title.shape_id]
        for shape in _in_reading_order(others):
            lines += _shape_lines(shape)
        pages.append("\n".join(line for line in lines if line))
    return pages


def slide_size(deck: Presentation) -> tuple[float, float]:
    """The deck's slide width and height in points (16:9 is 960 by 540); (0, 0) where it states none."""
    emu_per_point = 12_700
    return (deck.slide_width or 0) / emu_per_point, (deck.slide_height or 0) / emu_per_point


def presentation_info(deck: Presentation) -> dict[str, str]:
    """Core properties under the keys a PDF's info dictionary uses (lower case); empty ones left out."""
    properties = deck.core_properties
    values = {
        "title": properties.title,
        "author": properties.author,
        "keywords": properties.keywords,
        "subject": properties.subject,
    }
    return {key: " ".join(value.split()) for key, value in values.items() if value and value.strip()}


def _in_reading_order(shapes: Iterable[Any]) -> list[Any]:
    """Shapes from top to bottom, then left to right (a shape without a position last)."""
    return sorted(shapes, key=lambda shape: (shape.top is None, shape.top or 0, shape.left or 0))


def _shape_lines(shape: Any) -> list[str]:
    """The lines a shape shows: its text frame's paragraphs, its table's rows, its group's shapes."""
    if getattr(shape, "shape_type", None) is not None and hasattr(shape, "shapes"):  # a group
        return [line for inner in _in_reading_order(shape.shapes) for line in _shape_lines(inner)]
    if getattr(shape, "has_table", False):
        return list(_table_lines(shape.table))
    if getattr(shape, "has_text_frame", False):
        return [" ".join(paragraph.text.split()) for paragraph in shape.text_frame.paragraphs]
    return []


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        yield table_row([" ".join(cell.text.split()) for cell in row.cells])
