"""A news database's export of an article (Factiva's, Nexis Uni's): its framing taken out of the text.

Researchers export newspaper and magazine articles from Factiva and Nexis Uni as PDFs. Factiva
sets each article as its headline, byline, "1,024 words", the date, the source ("Financial
Times"), its code ("FTFT"), the page ("Page 12"), the language and the source's copyright over
the text, which ends on "Document FTFT000020190514ef5e0001p"; every sheet's foot says "Page 1 of
3 © 2024 Factiva, Inc. All rights reserved.". Nexis Uni opens on a cover of the user's job
("User Name:", "Job Number:", "Documents (1)", the search terms) and sets each article as its
headline, the source, the date ("May 14, 2019 Tuesday"), the edition, the copyright and labelled
lines ("Section: COMPANIES; Pg. 12", "Length: 1024 words", "Byline: Andrew Hill") over "Body"
and the text, which ends on its index ("Classification", "Subject: ...", "Load-Date: ...") and
"End of Document"; every sheet heads with "Page 2 of 3" and the headline.

None of that is the article's text: the head's lines but the headline, the cover, the index and
the end marks go (statistic `news_export`), and what they state is the record
(`corpus.metadata.news_export`). The sheets are the database's, not the paper's pages: the
article is cited by paragraph (`CleaningStats.unpaged`), and its page is the record's ("Pg. 12").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus_core.models import NEWS_EXPORT, CleaningStats

FACTIVA_END = re.compile(r"Document [A-Za-z0-9]{12,40}")
"""The line that ends a Factiva article: its document number."""
FACTIVA_MARK = re.compile(r"\bFactiva\b")
WORD_COUNT = re.compile(r"\d{1,3}(?:,\d{3})*\s+words")
"""Factiva's length line, "1,024 words"."""
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
FACTIVA_DATE = re.compile(rf"\d{{1,2}} {_MONTH} (?:19|20)\d\d")
"""Factiva's date, "14 May 2019"."""
SOURCE_CODE = re.compile(r"[A-Z0-9]{2,8}")
"""Factiva's code of the source ("FTFT", "J" for The Wall Street Journal, "WSJO")."""
TIME = re.compile(r"\d{1,2}:\d\d(?:\s*(?:AM|PM|GMT|ET|EST|EDT))?", re.IGNORECASE)
PRINTED_PAGE = re.compile(r"(?:Page|Pg\.?)\s+(?P<page>[A-Z]?\d{1,4}[A-Z]?)")
LANGUAGE = re.compile(r"[A-Z][a-z]+")
COPYRIGHT = re.compile(r"(?:\(?copyright\b|\(?©|\(c\)\s)", re.IGNORECASE)

NEXIS_END = re.compile(r"End of Document")
NEXIS_COVER = re.compile(
    r"User Name:|Job Number:|Date and Time:|Documents \(\d+\)|Search Terms:|Client/Matter:"
)
"""Lines of Nexis Uni's cover of the user's job; three of them on the first page make it the cover."""
NEXIS_DATE = re.compile(rf"{_MONTH} \d{{1,2}}, (?:19|20)\d\d(?:,? [A-Z][a-z]+day)?")
"""Nexis Uni's date, "May 14, 2019 Tuesday"."""
NEXIS_LABEL = re.compile(
    r"(?P<label>Section|Length|Byline|Dateline|Highlight|Edition|Series|Correction-Date):\s*(?P<value>.*)"
)
NEXIS_BODY = re.compile(r"Body")
NEXIS_INDEX = re.compile(r"Classification|Load-Date:.*")
"""Where Nexis Uni's index of the article begins after its text (its subjects, then "Load-Date:")."""
FACTIVA_SHEET = re.compile(r"(?:Page \d+ of \d+ )?© \d{4} Factiva, Inc\. All rights reserved\.")
"""Factiva's foot on every sheet."""
SHEET = re.compile(r"Page \d+ of \d+")
"""The export's sheet number: a database's, never the paper's page."""
COVER_LINES = 3
"""Lines of Nexis Uni's cover that make a first page the cover."""


@dataclass(frozen=True)
class NewsArticle:
    """Where one exported article's parts lie in a document's lines (indexes into them)."""

    database: str
    """"Factiva" or "Nexis Uni"."""
    headline: range
    head: range
    """The lines after the headline that state the record (all but the text)."""
    end: range
    """The lines after the text: Factiva's document number, Nexis's index and end mark."""
    byline: str = ""


def is_news_export(pages: list[str]) -> bool:
    """Whether pages are a Factiva or Nexis Uni export: its end mark stands alone on a line, and its name."""
    last = [line.strip() for line in pages[-1].split("\n")] if pages else []
    if any(NEXIS_END.fullmatch(line) for line in last):
        return True
    # the whole text is searched for Factiva's name only where its end mark stands (every PDF is asked)
    return any(FACTIVA_END.fullmatch(line) for line in last) and any(
        FACTIVA_MARK.search(page) for page in pages
    )


def is_sheet_line(line: str) -> bool:
    """Whether a line is the export's own sheet number or foot ("Page 2 of 3", Factiva's copyright)."""
    return bool(SHEET.fullmatch(line) or FACTIVA_SHEET.fullmatch(line))


def find_articles(lines: list[str]) -> list[NewsArticle]:
    """The exported articles in `lines` (every page's lines in order, stripped), found by their end marks."""
    articles: list[NewsArticle] = []
    start = 0
    for index, line in enumerate(lines):
        if index == start and is_sheet_line(line):  # an article opens on its headline, not a sheet's foot
            start += 1
            continue
        read = _factiva if FACTIVA_END.fullmatch(line) else _nexis if NEXIS_END.fullmatch(line) else None
        if read is None:
            continue
        found = read(lines, start, index)
        if found is not None:
            articles.append(found)
        start = index + 1
    return articles


def _factiva(lines: list[str], start: int, end: int) -> NewsArticle | None:
    count = next((i for i in range(start, min(end, start + 8)) if WORD_COUNT.fullmatch(lines[i])), None)
    if count is None:
        return None
    byline = ""
    headline_end = count
    if count - 1 > start and lines[count - 1].lower().startswith("by "):
        byline, headline_end = lines[count - 1][3:], count - 1
    head_end = count + 1
    for pattern in (FACTIVA_DATE, TIME):
        if head_end < end and pattern.fullmatch(lines[head_end]):
            head_end += 1
    head_end += 1  # the source's name
    for pattern in (SOURCE_CODE, PRINTED_PAGE, LANGUAGE):
        if head_end < end and pattern.fullmatch(lines[head_end]):
            head_end += 1
    head_end = _past_copyright(lines, head_end, end)
    return NewsArticle(
        "Factiva", range(start, headline_end), range(headline_end, head_end), range(end, end + 1), byline
    )


def _nexis(lines: list[str], start: int, end: int) -> NewsArticle | None:
    body = next((i for i in range(start, end) if NEXIS_BODY.fullmatch(lines[i])), None)
    date = next((i for i in range(start + 1, body or start) if NEXIS_DATE.fullmatch(lines[i])), None)
    if body is None or date is None:
        return None
    index = next((i for i in range(body + 1, end) if NEXIS_INDEX.fullmatch(lines[i])), end)
    byline = next(
        (
            m["value"]
            for i in range(date, body)
            if (m := NEXIS_LABEL.fullmatch(lines[i])) and m["label"] == "Byline"
        ),
        "",
    )
    return NewsArticle(
        "Nexis Uni", range(start, date - 1), range(date - 1, body + 1), range(index, end + 1), byline
    )


def _past_copyright(lines: list[str], at: int, end: int) -> int:
    """The line after a source's copyright notice starting at `at` (`at` itself when none starts there)."""
    if at >= end or not COPYRIGHT.match(lines[at]):
        return at
    while at + 1 < end and (not lines[at].rstrip().endswith((".", ")")) or lines[at + 1][:1].islower()):
        at += 1
    return at + 1


def without_cover(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """The pages with Nexis Uni's cover of the user's job emptied, and the characters it held."""
    if pages and sum(1 for line in pages[0] if NEXIS_COVER.match(line.strip())) >= COVER_LINES:
        return [[], *pages[1:]], sum(len(line) for line in pages[0])
    return pages, 0


def remove_news_export(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """The pages without a news database's cover, sheet heads, article heads and end marks (module doc)."""
    if not is_news_export(["\n".join(lines) for lines in pages]):
        return pages
    pages, cover = without_cover(pages)
    stats.add(NEWS_EXPORT, cover)
    flat = [(p, i) for p, lines in enumerate(pages) for i in range(len(lines)) if lines[i].strip()]
    stripped = [pages[p][i].strip() for p, i in flat]
    articles = find_articles(stripped)
    if not articles:
        return pages
    headlines = {" ".join(stripped[i] for i in article.headline) for article in articles}
    dropped = {i for article in articles for part in (article.head, article.end) for i in part}
    dropped |= {i for i, line in enumerate(stripped) if is_sheet_line(line)}
    dropped |= {i for i, line in enumerate(stripped) if line in headlines and not _in_headline(i, articles)}
    gone = {flat[index] for index in dropped}
    stats.add(NEWS_EXPORT, sum(len(pages[page][line]) for page, line in gone))
    return [
        [line for i, line in enumerate(lines) if (page, i) not in gone] for page, lines in enumerate(pages)
    ]


def _in_headline(index: int, articles: list[NewsArticle]) -> bool:
    return any(index in article.headline for article in articles)
