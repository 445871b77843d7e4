"""Web pages printed to PDF by a browser, read as their readers see them.

Researchers keep blog posts, magazine pieces, encyclopedia entries and journals' article pages
as PDFs printed from the browser. Chromium prints them here (Debian's `chromium`, through
Playwright) with its own header and footer, as its print dialog does by default: the time
printed and the page's title over every sheet, the address and "n/N" under it; the other
arrangements are Chromium's templates laid out as Firefox and Safari lay theirs out. Before,
the head was kept on every sheet where the title made it long (a paragraph cut at each sheet's
end), and where it was short the page's own title went with it as a piece of a running line;
the tab's " | Site" stayed in the title, the address was lost, a hyphen at a line's end was
joined ("problemsolving"), the page was cited by the reader's sheets, its sentence-case
headings were no sections, and bylines with a date, a reporter's role or one author a line
with an institution gave no authors. Tests that print pages are marked `browser`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.cleaning.browser_print import find_print_stamp
from corpus.loading.loaders import load_file
from corpus.metadata.browser_print import browser_print_record
from corpus.metadata.labelled import web_byline
from corpus.pipeline import prepare_document
from corpus_core.models import Document
from corpus_core.settings import load_settings
from search_api.csl import render_references, to_csl
from tests.corpus.layouts import case_study

CHROMIUM = Path("/usr/bin/chromium")
SITE = "https://journal.example.org"
MARGINS = {"top": "0.5in", "bottom": "0.5in", "left": "0.5in", "right": "0.5in"}
"""Chromium prints its header and footer in the margins, as its print dialog's default ones."""
_BAR = '<div style="font-size:8px;width:100%">{}</div>'
FIREFOX_HEAD = _BAR.format('<span class="title"></span> <span class="url"></span>')
FIREFOX_FOOT = _BAR.format(
    '<span class="pageNumber"></span> of <span class="totalPages"></span> <span class="date"></span>'
)
SAFARI_HEAD = _BAR.format('<span class="title"></span> <span class="date"></span>')
SAFARI_FOOT = _BAR.format(
    '<span class="url"></span> Page <span class="pageNumber"></span> of <span class="totalPages"></span>'
)
LAYOUTS = {"firefox": (FIREFOX_HEAD, FIREFOX_FOOT), "safari": (SAFARI_HEAD, SAFARI_FOOT)}


def _html(title: str, head: str, cases: range, tail: str = "", headings: dict[int, str] | None = None) -> str:
    prose = "\n".join(f"{(headings or {}).get(case, '')}<p>{case_study(case)}</p>" for case in cases)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:Georgia,serif;max-width:40em;margin:1em auto;line-height:1.5}</style>"
        f"</head><body>{head}{prose}{tail}</body></html>"
    )


ARTICLE = _html(
    "How Service Teams Learn: Double-Loop Learning in Value Co-creation | Journal of Service Theory",
    "<nav>Home · Current issue · Archives · About · Submissions</nav>"
    "<h1>How Service Teams Learn: Double-Loop Learning in Value Co-creation</h1>"
    "<p>Anna Lindqvist, Department of Marketing, Stockholm School of Economics<br>"
    "Tomás Herrera, School of Business, University of Chile</p>"
    "<p>Published: 14 March 2021 · Journal of Service Theory, Volume 12, Issue 3 · "
    "https://doi.org/10.5555/jst.2021.0142</p><h2>1. Introduction</h2>",
    range(14),
    "<h2>References</h2><p>Argyris, C., &amp; Schön, D. A. (1978). <i>Organizational learning</i>. "
    "Addison-Wesley.</p>",
)
BLOG = _html(
    "Why Service Teams Stop Learning – The Learning Organization Blog",
    "<header>The Learning Organization Blog · Posts · About · Subscribe</header>"
    "<h1>Why Service Teams Stop Learning</h1><p>By Maria Rossi · March 14, 2021 · 7 min read</p>"
    "<h2>Why teams stop learning</h2>",
    range(20, 32),
    "<p>Share this: Twitter · LinkedIn · Email</p>",
    {26: "<h2>What the best teams do</h2>"},
)
MAGAZINE = _html(
    "How Frontline Teams Co-create Value With Customers",
    "<p>Service Management</p><h1>How Frontline Teams Co-create Value With Customers</h1>"
    "<p>by Tomás Herrera and Anna Lindqvist</p><p>From the May–June 2022 Issue</p>",
    range(40, 52),
)
ENCYCLOPEDIA = _html(
    "Organizational learning - Wikipedia",
    "<h1>Organizational learning</h1><p>From Wikipedia, the free encyclopedia</p>",
    range(60, 73),
    "<p>This page was last edited on 2 November 2026, at 10:14 (UTC).</p>"
    "<p>Privacy policy · About Wikipedia · Disclaimers</p>",
)
PLATFORM = _html(
    "Value co-creation in service logic: A critical analysis - ScienceDirect",
    "<p>Industrial Marketing Management</p><p>Volume 40, Issue 2, February 2011, Pages 133-150</p>"
    "<h1>Value co-creation in service logic: A critical analysis</h1><p>Christian Grönroos, Päivi Voima</p>"
    "<p>https://doi.org/10.1016/j.indmarman.2010.06.008</p><h2>Abstract</h2>",
    range(80, 90),
)
NEWS = _html(
    "Teams that learn from customers grow faster, study finds | The Daily Business",
    "<nav>Home | World | Business | Opinion | Sign in | Subscribe</nav><p>Business · Management</p>"
    "<h1>Teams that learn from customers grow faster, study finds</h1>"
    "<p>A five-year study of service firms shows that learning routines pay off</p>"
    "<p>By Anna Lindqvist, Business reporter · 14 March 2021</p>",
    range(100, 112),
)
PAGES = {
    "news": NEWS,
    "article": ARTICLE,
    "blog": BLOG,
    "magazine": MAGAZINE,
    "encyclopedia": ENCYCLOPEDIA,
    "platform": PLATFORM,
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Each page printed by Chromium as its print dialog prints it, and in Firefox's and Safari's layouts."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium)")
    from playwright.sync_api import Route, sync_playwright

    folder = tmp_path_factory.mktemp("printed")
    files: dict[str, Path] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()

        def serve(route: Route) -> None:
            name = route.request.url.rsplit("/", 1)[-1]
            route.fulfill(body=PAGES[name], content_type="text/html; charset=utf-8")

        page.route(f"{SITE}/**", serve)
        for name in PAGES:
            page.goto(f"{SITE}/article/{name}")
            files[name] = folder / f"{name}.pdf"
            page.pdf(path=str(files[name]), display_header_footer=True, margin=MARGINS)
        page.goto(f"{SITE}/article/blog")
        for name, (head, foot) in LAYOUTS.items():
            files[name] = folder / f"{name}.pdf"
            page.pdf(
                path=str(files[name]),
                display_header_footer=True,
                header_template=head,
                footer_template=foot,
                margin=MARGINS,
            )
        files["plain"] = folder / "plain.pdf"
        page.pdf(path=str(files["plain"]), margin=MARGINS)
        browser.close()
    yield files


def _read(path: Path) -> Document:
    settings = load_settings()
    return prepare_document(load_file(path, settings.loading), settings)


def _paragraphs_whole(doc: Document, cases: range) -> None:
    """Every paragraph of the page's prose is in the text, no sheet's head or foot inside it.

    A paragraph a sheet's end cuts stays in two pieces, one on either page of the text.
    """
    text = " ".join(doc.text.split())
    for case in cases:
        assert case_study(case) in text


@pytest.mark.browser
def test_a_journal_article_page_printed_from_chrome(printed: dict[str, Path]) -> None:
    doc = _read(printed["article"])
    meta = doc.metadata
    assert meta.title == "How Service Teams Learn: Double-Loop Learning in Value Co-creation"
    assert [(p.given, p.family) for p in meta.authors] == [("Anna", "Lindqvist"), ("Tomás", "Herrera")]
    assert (meta.year, meta.venue, meta.doi) == (2021, "Journal of Service Theory", "10.5555/jst.2021.0142")
    assert meta.url == f"{SITE}/article/article"
    assert meta.kind != "webpage"  # a journal's article, printed from its page
    assert doc.cleaning.removed["print_stamp"] > 0
    assert not re.search(r"\d:\d\d [AP]M|/article/article", doc.text)
    assert doc.text.count("How Service Teams Learn") == 1  # the page's own title, its tab's gone
    assert "Current issue" not in doc.text  # the journal site's menu
    _paragraphs_whole(doc, range(14))


@pytest.mark.browser
def test_an_article_printed_from_a_publishers_platform(printed: dict[str, Path]) -> None:
    """The platform is no venue; the journal's line over the title gives the issue and pages.

    The browser broke the lines only at the text's own hyphens: "problem-" at a line's end
    stays "problem-solving" though the text never sets it whole.
    """
    doc = _read(printed["platform"])
    meta = doc.metadata
    assert meta.title == "Value co-creation in service logic: A critical analysis"
    assert [p.family for p in meta.authors] == ["Grönroos", "Voima"]
    assert (meta.venue, meta.year, meta.volume, meta.issue, meta.pages) == (
        "Industrial Marketing Management",
        2011,
        "40",
        "2",
        "133-150",
    )
    assert (meta.doi, meta.kind) == ("10.1016/j.indmarman.2010.06.008", "")
    assert "problemsolving" not in doc.text
    _paragraphs_whole(doc, range(80, 90))


@pytest.mark.browser
def test_a_blog_post_printed_from_chrome(printed: dict[str, Path]) -> None:
    doc = _read(printed["blog"])
    meta = doc.metadata
    assert meta.title == "Why Service Teams Stop Learning"
    assert [(p.given, p.family) for p in meta.authors] == [("Maria", "Rossi")]
    assert (meta.year, meta.venue, meta.kind) == (2021, "The Learning Organization Blog", "webpage")
    assert meta.url == f"{SITE}/article/blog"
    assert "Why Service Teams Stop Learning" in doc.text.split("\n\n")[:3]
    assert "Share this" not in doc.text  # the page's sharing buttons
    headings = ["Why teams stop learning", "What the best teams do"]
    assert [section.title for section in doc.sections] == headings
    _paragraphs_whole(doc, range(20, 32))


@pytest.mark.browser
def test_a_news_story_names_its_reporter_without_her_role(printed: dict[str, Path]) -> None:
    """The byline under the standfirst: "By Anna Lindqvist, Business reporter · 14 March 2021"."""
    doc = _read(printed["news"])
    meta = doc.metadata
    assert meta.title == "Teams that learn from customers grow faster, study finds"
    assert [(p.given, p.family) for p in meta.authors] == [("Anna", "Lindqvist")]
    assert (meta.year, meta.venue, meta.kind) == (2021, "The Daily Business", "webpage")
    _paragraphs_whole(doc, range(100, 112))


@pytest.mark.browser
def test_a_magazine_piece_with_a_lowercase_byline(printed: dict[str, Path]) -> None:
    doc = _read(printed["magazine"])
    meta = doc.metadata
    assert meta.title == "How Frontline Teams Co-create Value With Customers"
    assert ([p.family for p in meta.authors], meta.year) == (["Herrera", "Lindqvist"], 2022)
    assert "by Tomás Herrera and Anna Lindqvist" in doc.text.split("\n\n")  # not run into the title
    assert meta.title in doc.text
    _paragraphs_whole(doc, range(40, 52))


@pytest.mark.browser
def test_an_encyclopedia_entry_names_its_site(printed: dict[str, Path]) -> None:
    meta = _read(printed["encyclopedia"]).metadata
    assert (meta.title, meta.venue, meta.kind) == ("Organizational learning", "Wikipedia", "webpage")
    assert meta.url == f"{SITE}/article/encyclopedia"
    assert meta.year == 2026  # the version read: "This page was last edited on 2 November 2026"


@pytest.mark.parametrize("layout", ["firefox", "safari"])
@pytest.mark.browser
def test_other_browsers_heads_and_feet(printed: dict[str, Path], layout: str) -> None:
    doc = _read(printed[layout])
    assert doc.metadata.title == "Why Service Teams Stop Learning"
    assert doc.metadata.url == f"{SITE}/article/blog"
    assert SITE not in doc.text
    assert "Why Service Teams Stop Learning" in doc.text.split("\n\n")[:3]
    _paragraphs_whole(doc, range(20, 32))


@pytest.mark.browser
def test_a_page_printed_without_head_or_foot_is_read_from_its_text(printed: dict[str, Path]) -> None:
    doc = _read(printed["plain"])
    assert "print_stamp" not in doc.cleaning.removed
    assert doc.metadata.title == "Why Service Teams Stop Learning"
    assert [p.family for p in doc.metadata.authors] == ["Rossi"]
    _paragraphs_whole(doc, range(20, 32))


@pytest.mark.parametrize(
    "foot",
    [
        "https://www.journal.example.org 2{n}",  # a journal's address and its page number
        "https://doi.org/10.5555/jst.2021.0142",
        "Downloaded from https://journal.example.org by guest on 7 December 2026",
        "https://doi.org/10.31235/osf.io/abc12 Page {n} of 4",  # a preprint's own foot
    ],
)
def test_a_journals_address_at_every_foot_is_no_print_stamp(foot: str) -> None:
    pages = [["Some text of the page.", "More of it.", foot.format(n=n + 1)] for n in range(4)]
    assert find_print_stamp(pages) is None


def test_a_stamp_numbering_other_sheets_is_none() -> None:
    pages = [["Text.", "https://example.org/page 1/4"] for _ in range(4)]  # every sheet "1/4"
    assert find_print_stamp(pages) is None
    pages = [["Text.", f"https://example.org/page {n + 1}/4"] for n in range(4)]
    found = find_print_stamp(pages)
    assert found is not None and found.address == "https://example.org/page"


@pytest.mark.parametrize(
    ("name", "title", "venue"),
    [
        ("blog", "Why Service Teams Stop Learning", "The Learning Organization Blog"),
        ("encyclopedia", "Organizational learning", "Wikipedia"),
    ],
)
def test_a_page_saved_as_html_names_its_site(tmp_path: Path, name: str, title: str, venue: str) -> None:
    """Saved whole, a page's tab title is parted by its first heading; the site is its venue."""
    path = tmp_path / f"{name}.html"
    path.write_text(PAGES[name], encoding="utf-8")
    meta = _read(path).metadata
    assert (meta.title, meta.venue, meta.kind) == (title, venue, "webpage")


def test_a_saved_blog_posts_byline_gives_its_author_and_year(tmp_path: Path) -> None:
    path = tmp_path / "blog.html"
    path.write_text(BLOG, encoding="utf-8")
    meta = _read(path).metadata
    assert ([p.family for p in meta.authors], meta.year) == (["Rossi"], 2021)


@pytest.mark.parametrize(
    "head",
    [
        "07.12.26, 15:29 Why Service Teams Stop Learning",  # Chrome in German
        "07/12/2026, 15:29 Why Service Teams Stop Learning",  # in British English
        "2026/12/07 15:29 Why Service Teams Stop Learning",  # in Japanese
        "Why Service Teams Stop Learning 07/12/2026, 15:29:04",  # the time on the right
    ],
)
def test_a_print_head_in_other_locales(head: str) -> None:
    pages = [
        [head, f"Text of sheet {n}.", f"More text of sheet {n}.", f"https://example.org/blog/why {n}/3"]
        for n in range(1, 4)
    ]
    found = find_print_stamp(pages)
    assert found is not None
    assert (found.title, found.address) == ("Why Service Teams Stop Learning", "https://example.org/blog/why")
    assert found.lines == {0: {0, 3}, 1: {0, 3}, 2: {0, 3}}


@pytest.mark.browser
def test_a_printed_blog_post_is_cited_as_a_web_page(printed: dict[str, Path]) -> None:
    doc = _read(printed["blog"])
    [reference] = render_references([to_csl(doc.doc_id, doc.metadata, sentence_case=True)], "apa")
    assert reference == (
        "Rossi, M. (2021, March 14). Why service teams stop learning. The Learning Organization Blog. "
        f"{SITE}/article/blog"
    ), "a web page is dated by its byline's day"


def test_a_title_or_address_the_browser_shortened_is_no_record() -> None:
    """Chrome cuts a long title or address with "…": the stamp goes, but neither is the page's."""
    pages = [
        [
            "12/7/26, 3:54 AM A very long title of a page about learning in service teams and wh…",
            f"Text of sheet {n}.",
            f"https://journal.example.org/index.php/jst/article/view/1234/bbbbbbbbbbbbbbbbbb… {n}/2",
        ]
        for n in (1, 2)
    ]
    found = find_print_stamp(pages)
    assert found is not None and found.lines == {0: {0, 2}, 1: {0, 2}}
    record = browser_print_record(found)
    assert (record.title, record.url) == ("", "")


@pytest.mark.integration
@pytest.mark.browser
def test_a_printed_page_is_cited_by_paragraph_not_by_sheet(printed: dict[str, Path], tmp_path: Path) -> None:
    """Its sheets are where the reader's printer broke the page: a quotation is cited by paragraph."""
    from indexing.run import ingest
    from search_api import Corpus
    from search_api.quotes import find_quote
    from tests.conftest import FakeEmbedder

    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "blog.pdf").write_bytes(printed["blog"].read_bytes())
    settings = load_settings(store=tmp_path / "store")
    settings.search.mode = "lexical"
    settings.runner.prepare_workers = 0
    report = ingest(settings, [tmp_path / "papers"], embedder=FakeEmbedder())
    assert [o.status for o in report.outcomes] == ["ingested"], report.outcomes
    corpus = Corpus(settings=settings)
    try:
        match = find_quote(corpus, case_study(29)).matches[0]
    finally:
        corpus.close()
    assert (match.page, match.paragraph) == ("", "10")
    assert match.in_text == "(Rossi, 2021, para. 10)"


def test_one_sheet_with_a_time_and_an_address_is_no_print_out() -> None:
    """One sheet stating when it was accessed and an address: not told by them from a print-out."""
    page = ["Accessed 12/07/2026, 10:15", "An extended abstract.", "https://example.org/abstracts/17"]
    assert find_print_stamp([page]) is None
    assert find_print_stamp([[*page[:2], "https://example.org/abstracts/17 1/1"]]) is not None


@pytest.mark.parametrize(
    ("line", "names", "date"),
    [
        ("By Maria Rossi · March 14, 2021 · 7 min read", "By Maria Rossi", "March 14, 2021"),
        ("By Maria Rossi | Updated March 14, 2021", "By Maria Rossi", "Updated March 14, 2021"),
        ("By Anna Lindqvist, Business reporter · 14 March 2021", "By Anna Lindqvist", "14 March 2021"),
        ("Maria Rossi · 5 min read", "Maria Rossi", ""),
        ("Home · Current issue · Archives", "Home · Current issue · Archives", ""),  # no byline
    ],
)
def test_a_web_bylines_names_and_date(line: str, names: str, date: str) -> None:
    assert web_byline(line) == (names, date)
