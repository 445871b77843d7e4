"""The paragraph a passage of a source without pages lies in, numbered as citation styles count them.

A web page, a Word document or a text file has no printed pages: APA 7 (8.28) and the Chicago
Manual cite a quotation from one by its paragraph ("(Keller & Avery, 2021, para. 4)"),
counted from the start of the text. The paragraphs are the cleaned text's blocks between
blank lines, as the source shows them, from the first that reads as body text (what stands
above it, the title, the authors' names, a date or a byline, is no paragraph); headings (a
section's title, a Markdown heading as the Word, ODT and EPUB readers write them) are not
counted. A web page printed to PDF is such a source too: a paragraph its sheet's end cut goes
on at the next sheet's top, in lower case, and is one paragraph.
"""

from __future__ import annotations

import re

from corpus.structure.sections import reads_as_body
from corpus.structure.textlines import MARKDOWN_MARK
from corpus_core.models import Document

_BLOCK = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")
"""A block of text: from its first visible character to the next blank line."""


def paragraph_numbers(document: Document, start: int, end: int) -> list[int]:
    """Numbers of the paragraphs the text from `start` to `end` lies in; [] in a heading or above the body."""
    headings = {section.start for section in document.sections}
    page_starts = {span.start for span in document.pages[1:]}
    number, found, body = 0, [], False
    for block in _BLOCK.finditer(document.text):
        if block.start() >= max(end, start + 1):
            break
        if block.start() in headings or MARKDOWN_MARK.match(block.group(0)):
            continue
        body = body or reads_as_body(" ".join(block.group(0).split()))
        if not body:
            continue
        if not (number and block.start() in page_starts and block.group(0)[:1].islower()):
            number += 1  # a page that opens in lower case goes on with the paragraph before it
        if block.end() > start:
            found.append(number)
    return found


def paragraph_text(numbers: list[int]) -> str:
    """The paragraphs for citing them: "4" or "4-5"; '' for none."""
    if not numbers:
        return ""
    return str(numbers[0]) if numbers[0] == numbers[-1] else f"{numbers[0]}-{numbers[-1]}"
