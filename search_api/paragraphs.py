"""The paragraph a passage of a source without pages lies in, numbered as citation styles count them.

A web page, a Word document or a text file has no printed pages: APA 7 (8.28) and the Chicago
Manual cite a quotation from one by its paragraph ("(Keller & Avery, 2021, para. 4)"),
counted from the start of the text. The paragraphs are the cleaned text's blocks between
blank lines, as the source shows them; a heading (a section's title, the work's title at the
top) and a date line or byline under the title are not counted.
"""

from __future__ import annotations

import re

from corpus.metadata.labelled import is_byline, is_date_line
from corpus_core.models import Document

_BLOCK = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")
"""A block of text: from its first visible character to the next blank line."""


def paragraph_numbers(document: Document, start: int, end: int) -> list[int]:
    """Numbers of the paragraphs the text from `start` to `end` lies in; [] inside a heading only."""
    headings = {section.start for section in document.sections}
    title = " ".join(document.metadata.title.split()).casefold()
    number, found = 0, []
    for index, block in enumerate(_BLOCK.finditer(document.text)):
        if block.start() >= max(end, start + 1):
            break
        text = " ".join(block.group(0).split())
        heading = (
            block.start() in headings
            or (index == 0 and bool(title) and text.casefold() == title)
            or (len(text) <= 100 and (is_date_line(text) or is_byline(text)))
        )
        if heading:
            continue
        number += 1
        if block.end() > start:
            found.append(number)
    return found


def paragraph_text(numbers: list[int]) -> str:
    """The paragraphs for citing them: "4" or "4-5"; '' for none."""
    if not numbers:
        return ""
    return str(numbers[0]) if numbers[0] == numbers[-1] else f"{numbers[0]}-{numbers[-1]}"
