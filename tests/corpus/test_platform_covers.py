"""PDFs downloaded from ResearchGate, Academia.edu, JSTOR, EconStor, Cairn and repositories: the
platform's cover page in front of the paper.

The cover is not the paper: its counts, profiles and related titles must not be indexed or
read as the paper's first page, its pages must not shift the printed page numbers, and what
ResearchGate's and JSTOR's state (title, kind, venue, year, DOI; JSTOR's authors, volume, issue
and pages too) is the paper's record. Each PDF is set
with `tests.corpus.layouts` in front of a Springer first page and loaded and prepared as
ingestion does.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from corpus.cleaning.platform_cover import find_platform_cover
from corpus.loading.loaders import load_file
from corpus.metadata.platform_cover import platform_cover_record
from corpus.pipeline import prepare_document
from corpus.structure.chunking import chunk_document
from corpus_core.models import Document, RawDocument
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, case_study_prose, render
from tests.corpus.test_publisher_first_pages import SPRINGER

HEAD = "J. of the Acad. Mark. Sci. (2008) 36:1–10"
RESEARCHGATE = (
    "See discussions, stats, and author profiles for this publication at: "
    "https://www.researchgate.net/publication/225163842",
    "",
    "{title}",
    "",
    "{kind}",
    "DOI: 10.1007/s11747-007-0069-6",
    "",
    "CITATIONS                    READS",
    "4,556                        22,345",
    "",
    "2 authors, including:",
    "",
    "Stephen L. Vargo",
    "University of Hawaii at Manoa",
    "229 PUBLICATIONS   64,104 CITATIONS",
    "SEE PROFILE",
    "",
    "Some of the authors of this publication are also working on these related projects:",
    "Service-Dominant Logic View project",
    "",
    "All content following this page was uploaded by Stephen L. Vargo on 21 May 2014.",
    "The user has requested enhancement of the downloaded file.",
)
ACADEMIA = (
    "Accelerating the world's research.",
    "",
    "Service-dominant logic: continuing the evolution",
    "Stephen Vargo",
    "",
    "Related papers",
    "Download a PDF Pack of the best related papers",
    "Why service? Stephen Vargo",
    "Co-creating value in service systems Robert Lusch, Melissa Archpru Akaka",
)
COVER_WORDS = (
    "SEE PROFILE",
    "CITATIONS",
    "researchgate",
    "uploaded by",
    "Related papers",
    "requested enhancement",
)


def _prepared(cover: tuple[str, ...], path: Path) -> Document:
    """The paper behind `cover`; ResearchGate's stamp under its last page when the cover is theirs."""
    layout = Layout("springer-cover", head=HEAD, first_number=1, cover=cover)
    ours = cover[:1] == RESEARCHGATE[:1]
    body = (
        SPRINGER
        + case_study_prose(40)
        + ("\n\nThe user has requested enhancement of the downloaded file.\n" if ours else "")
    )
    rendered = render(body, layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


def _researchgate(title: str, kind: str) -> tuple[str, ...]:
    return tuple(line.format(title=title, kind=kind) for line in RESEARCHGATE)


def test_a_researchgate_cover_gives_the_record_and_nothing_of_its_page_is_indexed(tmp_path: Path) -> None:
    cover = _researchgate(
        "Service-dominant logic: continuing the evolution",
        "Article in Journal of the Academy of Marketing Science · March 2008",
    )
    document = _prepared(cover, tmp_path / "rg.pdf")
    meta = document.metadata
    assert (meta.title, meta.year, meta.venue, meta.kind, meta.doi) == (
        "Service-dominant logic: continuing the evolution",
        2008,
        "Journal of the Academy of Marketing Science",
        "article-journal",
        "10.1007/s11747-007-0069-6",
    )
    assert [a.family for a in meta.authors] == ["Vargo", "Lusch"], "the paper's first page names all"
    assert meta.sources["venue"] == "page-furniture" and "venue" not in meta.uncertain
    for words in COVER_WORDS:
        assert words.lower() not in document.text.lower(), words
    assert [page.label for page in document.pages[:3]] == ["", "1", "2"], "the cover has no number"
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 60, 10)
    assert chunks and all(c.page_start and c.page_start >= 2 for c in chunks)
    assert chunks[0].page_label == "1"


@pytest.mark.parametrize(
    ("title_lines", "kind_line", "expected"),
    [
        (
            ("Learning organisations in service ecosystems: a framework", "for value co-creation"),
            "Conference Paper · June 2015",
            (
                "Learning organisations in service ecosystems: a framework for value co-creation",
                "paper-conference",
                "",
                2015,
            ),
        ),
        (
            ("Organisational learning in hospitals",),
            "Thesis for: PhD · May 2012",
            ("Organisational learning in hospitals", "thesis", "", 2012),
        ),
        (
            ("Value co-creation",),
            "Chapter in The SAGE Handbook of Service-Dominant Logic · January 2018",
            ("Value co-creation", "chapter", "The SAGE Handbook of Service-Dominant Logic", 2018),
        ),
    ],
)
def test_researchgate_kinds_and_wrapped_titles(
    tmp_path: Path, title_lines: tuple[str, ...], kind_line: str, expected: tuple[str, str, str, int]
) -> None:
    cover = list(_researchgate("TITLE", kind_line))
    at = cover.index("TITLE")
    cover[at : at + 1] = title_lines
    meta = _prepared(tuple(cover), tmp_path / "rg.pdf").metadata
    title, kind, venue, year = expected
    assert (meta.title, meta.kind, meta.year) == (title, kind, year)
    if venue:
        assert meta.venue == venue


def test_an_academia_cover_is_taken_out_and_the_paper_read_as_without_it(tmp_path: Path) -> None:
    with_cover = _prepared(ACADEMIA, tmp_path / "academia.pdf")
    without = _prepared((), tmp_path / "plain.pdf")
    for words in COVER_WORDS:
        assert words.lower() not in with_cover.text.lower(), words
    assert with_cover.text.strip() == without.text.strip()
    mine, theirs = with_cover.metadata, without.metadata
    assert (mine.title, [a.family for a in mine.authors], mine.year, mine.venue) == (
        theirs.title,
        [a.family for a in theirs.authors],
        theirs.year,
        theirs.venue,
    )
    assert [page.label for page in with_cover.pages[1:3]] == ["1", "2"]


def test_a_first_page_that_quotes_a_cover_phrase_in_its_prose_is_kept(tmp_path: Path) -> None:
    quoting = "Platforms promise to be accelerating the world's research, and " + case_study_prose(40)
    rendered = render(quoting, Layout("quote", first_number=1), tmp_path / "quote.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    assert document.text.startswith("Platforms promise to be accelerating the world's research")


JSTOR_TERMS = (
    "JSTOR is a not-for-profit service that helps scholars, researchers, and students discover, use, "
    "and build upon a wide range of content in a trusted digital archive. We use information technology "
    "and tools to increase productivity and facilitate new forms of scholarship. For more information "
    "about JSTOR, please contact support@jstor.org.",
    "Your use of the JSTOR archive indicates your acceptance of the Terms & Conditions of Use, "
    "available at https://about.jstor.org/terms",
)
ASQ_TITLE = "Absorptive Capacity: A New Perspective on Learning and Innovation"
ASQ_FIRST_PAGE = (
    f"{ASQ_TITLE}\n\nWesley M. Cohen, Carnegie Mellon University\n\n"
    "Daniel A. Levinthal, University of Pennsylvania\n\n"
    "In this paper, we argue that the ability of a firm to recognize the value of new, external "
    "information, assimilate it, and apply it to commercial ends is critical to its innovative "
    "capabilities. We label this capability a firm's absorptive capacity.\n\n"
)
JSTOR_FOOT = "This content downloaded from 128.112.66.66 on Wed, 12 May 2021 10:11:12 UTC"


def _jstor(cover: tuple[str, ...], body: str, first_number: int, path: Path) -> Document:
    layout = Layout("jstor", head="Absorptive Capacity", number_at="top", first_number=first_number)
    layout = replace(layout, cover=cover + JSTOR_TERMS, foot=JSTOR_FOOT)
    rendered = render(body + case_study_prose(30), layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.mark.parametrize(
    "source",
    [
        "Source: Administrative Science Quarterly, Vol. 35, No. 1, Special Issue: Technology, "
        "Organizations, and Innovation (Mar., 1990), pp. 128-152",
        "Source: Administrative Science Quarterly , Mar., 1990, Vol. 35, No. 1, Special Issue: "
        "Technology, Organizations, and Innovation (Mar., 1990), pp. 128-152",
    ],
)
def test_a_jstor_cover_gives_the_record_and_is_not_the_first_page(tmp_path: Path, source: str) -> None:
    """JSTOR's cover was the first passage, numbered 127 (counted back from 128): cited "pp. 127-128"."""
    cover = (
        ASQ_TITLE,
        "Author(s): Wesley M. Cohen and Daniel A. Levinthal",
        source,
        "Published by: Sage Publications, Inc. on behalf of the Johnson Graduate School of Management, "
        "Cornell University",
        "Stable URL: https://www.jstor.org/stable/2393553",
        "REFERENCES",
        "Linked references are available on JSTOR for this article: "
        "https://www.jstor.org/stable/2393553?seq=1&cid=pdf-reference#references_tab_contents "
        "You may need to log in to JSTOR to access the linked references.",
    )
    document = _jstor(cover, ASQ_FIRST_PAGE, 128, tmp_path / "cohen.pdf")
    meta = document.metadata
    assert (meta.title, [a.family for a in meta.authors], meta.year, meta.kind) == (
        ASQ_TITLE,
        ["Cohen", "Levinthal"],
        1990,
        "article-journal",
    )
    assert (meta.venue, meta.volume, meta.issue, meta.pages) == (
        "Administrative Science Quarterly",
        "35",
        "1",
        "128-152",
    )
    for words in ("Author(s)", "Stable URL", "Published by", "jstor", "Linked references"):
        assert words.lower() not in document.text.lower(), words
    assert [page.label for page in document.pages[:3]] == ["", "128", "129"]
    chunks = chunk_document(document, lambda texts: [len(t.split()) for t in texts], 60, 10)
    assert chunks[0].page_label == "128" and chunks[0].text.startswith(ASQ_TITLE)


def test_a_jstor_chapter_cover_names_the_book(tmp_path: Path) -> None:
    cover = (
        "Chapter Title: Learning in Communities of Practice",
        "Chapter Author(s): Etienne Wenger",
        "Book Title: Communities of Practice",
        "Book Subtitle: Learning, Meaning, and Identity",
        "Book Author(s): Etienne Wenger",
        "Published by: Cambridge University Press. (1998)",
        "Stable URL: https://www.jstor.org/stable/10.1017/cbo9780511803932.004",
    )
    body = "Learning in Communities of Practice\n\nWe begin with the practice of claims processors.\n\n"
    meta = _jstor(cover, body, 43, tmp_path / "wenger.pdf").metadata
    assert (meta.title, [a.family for a in meta.authors], meta.year, meta.kind) == (
        "Learning in Communities of Practice",
        ["Wenger"],
        1998,
        "chapter",
    )
    assert (meta.venue, meta.publisher) == (
        "Communities of Practice: Learning, Meaning, and Identity",
        "Cambridge University Press",
    )


def test_a_jstor_title_that_opens_with_a_label_word_is_the_title() -> None:
    """Only a label with its colon opens a field: "Sources of ..." was read as the source line."""
    cover = "\n".join(
        [
            "Sources of Innovation in Service Teams",
            "Author(s): Maria Rossi",
            "Source: Organization Science, Vol. 2, No. 1 (1991), pp. 88-115",
            "Stable URL: https://www.jstor.org/stable/2634940",
            *JSTOR_TERMS,
        ]
    )
    raw = RawDocument(
        path="rossi.pdf", content_hash="x", format="pdf", pages=[cover, "The paper's text. " * 30]
    )
    meta = platform_cover_record(raw)
    assert (meta.title, meta.venue, meta.volume, meta.issue, meta.year, meta.pages) == (
        "Sources of Innovation in Service Teams",
        "Organization Science",
        "2",
        "1",
        1991,
        "88-115",
    )


def _behind(layout: Layout, first_page: str, path: Path) -> Document:
    """The paper (`first_page` over 40 case studies) behind the cover of `layout`, prepared as a run does."""
    rendered = render(first_page + case_study_prose(40), layout, path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


AISEL = (
    "Association for Information Systems",
    "AIS Electronic Library (AISeL)",
    "ICIS 2019 Proceedings",
    "Learning in Digital Service Ecosystems",
    "Maria Rossi",
    "University of Oslo, maria.rossi@uio.no",
    "John Park",
    "KAIST, jpark@kaist.ac.kr",
    "Follow this and additional works at: https://aisel.aisnet.org/icis2019",
    "Recommended Citation",
    'Rossi, Maria and Park, John, "Learning in Digital Service Ecosystems" (2019). ICIS 2019 Proceedings. '
    "12. https://aisel.aisnet.org/icis2019/service_science/service_science/12",
    "This material is brought to you by the International Conference on Information Systems (ICIS) at "
    "AIS Electronic Library (AISeL). It has been accepted for inclusion in ICIS 2019 Proceedings by an "
    "authorized administrator of AIS Electronic Library (AISeL). For more information, please contact "
    "elibrary@aisnet.org.",
)
SCHOLARWORKS = (
    "University of Massachusetts Amherst",
    "ScholarWorks@UMass Amherst",
    "Doctoral Dissertations Dissertations and Theses",
    "March 2016",
    "Learning Together: Customer Participation in Service Teams",
    "Maria Rossi",
    "University of Massachusetts Amherst",
    "Follow this and additional works at: https://scholarworks.umass.edu/dissertations_2",
    "Part of the Business Administration, Management, and Operations Commons",
    "Recommended Citation",
    'Rossi, Maria, "Learning Together: Customer Participation in Service Teams" (2016). Doctoral '
    "Dissertations. 678. https://scholarworks.umass.edu/dissertations_2/678",
    "This Open Access Dissertation is brought to you for free and open access by the Dissertations and "
    "Theses at ScholarWorks@UMass Amherst. It has been accepted for inclusion in Doctoral Dissertations by "
    "an authorized administrator of ScholarWorks@UMass Amherst. For more information, please contact "
    "scholarworks@library.umass.edu.",
)


@pytest.mark.parametrize(
    ("cover", "expected"),
    [
        (
            AISEL,
            (
                "Learning in Digital Service Ecosystems",
                ["Rossi", "Park"],
                2019,
                "paper-conference",
                "",
                "ICIS 2019 Proceedings",
                "https://aisel.aisnet.org/icis2019/service_science/service_science/12",
            ),
        ),
        (
            SCHOLARWORKS,
            (
                "Learning Together: Customer Participation in Service Teams",
                ["Rossi"],
                2016,
                "thesis",
                "Doctoral dissertation",
                "",
                "https://scholarworks.umass.edu/dissertations_2/678",
            ),
        ),
    ],
    ids=["aisel", "scholarworks"],
)
def test_a_repositorys_cover_gives_its_recommended_citation(
    tmp_path: Path, cover: tuple[str, ...], expected: tuple[object, ...]
) -> None:
    """A Digital Commons cover was the first page: titled "Association for Information Systems", no author."""
    document = _behind(Layout("repository", cover=cover, number_at=""), "", tmp_path / "r.pdf")
    meta = document.metadata
    assert (
        meta.title,
        [a.family for a in meta.authors],
        meta.year,
        meta.kind,
        meta.genre,
        meta.venue,
        meta.url,
    ) == expected
    for words in ("Follow this and additional works", "Recommended Citation", "brought to you", "Commons"):
        assert words not in document.text, words


PURE = (
    "Tilburg University",
    "Learning organizations and value co-creation",
    "Rossi, Maria; Park, John",
    "Published in:",
    "The Learning Organization",
    "DOI:",
    "10.1108/TLO-12-2018-0219",
    "Publication date:",
    "2019",
    "Document Version",
    "Peer reviewed version",
    "Link to publication in Tilburg University Research Portal",
    "Citation for published version (APA):",
    "Rossi, M., & Park, J. (2019). Learning organizations and value co-creation. The Learning Organization, "
    "26(3), 283-295. https://doi.org/10.1108/TLO-12-2018-0219",
    "General rights",
    "Copyright and moral rights for the publications made accessible in the public portal are retained by "
    "the authors and/or other copyright owners and it is a condition of accessing publications that users "
    "recognise and abide by the legal requirements associated with these rights.",
    "• Users may download and print one copy of any publication from the public portal for the purpose of "
    "private study or research.",
    "Take down policy",
    "If you believe that this document breaches copyright please contact us providing details, and we will "
    "remove access to the work immediately and investigate your claim.",
    "Download date: 12. May. 2021",
)


EMERALD_COVER = (
    "The Learning Organization",
    "Learning organizations and value co-creation",
    "Maria Rossi, John Park,",
    "Article information:",
    "To cite this document:",
    'Maria Rossi, John Park, (2015) "Learning organizations and value co-creation", The Learning '
    "Organization, Vol. 22 Issue: 3, pp.147-160, https://doi.org/10.1108/TLO-05-2014-0028",
    "Permanent link to this document:",
    "https://doi.org/10.1108/TLO-05-2014-0028",
    "Downloaded on: 12 May 2021, At: 10:11 (PT)",
    "References: this document contains references to 45 other documents.",
    "To copy this document: permissions@emeraldinsight.com",
    "The fulltext of this document has been downloaded 1234 times since 2015*",
    "Users who downloaded this article also downloaded:",
    '(2008),"Team learning in service firms", The Learning Organization, Vol. 15 Iss 1 pp. 5-20',
    '(2011),"Customers as co-learners", Journal of Workplace Learning, Vol. 23 Iss 4 pp. 250-266',
    "Access to this document was granted through an Emerald subscription provided by emerald-srm:123456 []",
    "For Authors",
    "If you would like to write for this, or any other Emerald publication, then please use our Emerald "
    "for Authors service information about how to choose which publication to write for and submission "
    "guidelines are available for all. Please visit www.emeraldinsight.com/authors for more information.",
    "About Emerald www.emeraldinsight.com",
    "Emerald is a global publisher linking research and practice to the benefit of society. The company "
    "manages a portfolio of more than 290 journals and over 2,350 books and book series volumes, as well "
    "as providing an extensive range of online products and additional customer resources and services.",
    "*Related content and download information correct at time of download.",
)


def test_emeralds_old_download_cover_gives_its_citation_and_leaves_the_text(tmp_path: Path) -> None:
    """Emerald's old download cover was read as the paper's first page, its related articles indexed."""
    first_page = (
        "The current issue and full text archive of this journal is available at "
        "www.emeraldinsight.com/0969-6474.htm\n\nLearning organizations and value co-creation\n\n"
        "Maria Rossi and John Park\n\n"
    )
    layout = Layout("emerald", cover=EMERALD_COVER, head="TLO 22,3", first_number=147)
    document = _behind(layout, first_page, tmp_path / "emerald.pdf")
    meta = document.metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year, meta.venue) == (
        "Learning organizations and value co-creation",
        ["Maria Rossi", "John Park"],
        2015,
        "The Learning Organization",
    )
    assert (meta.volume, meta.issue, meta.pages, meta.doi) == (
        "22",
        "3",
        "147-160",
        "10.1108/TLO-05-2014-0028",
    )
    for words in ("downloaded", "Customers as co-learners", "About Emerald", "full text archive"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "147"]


SAGE_COVER = (
    "SAGE Knowledge",
    "The SAGE Handbook of Service-Dominant Logic",
    "Value Co-Creation",
    "Contributors: By: Maria Rossi & John Park",
    "Edited by: Stephen L. Vargo & Robert F. Lusch",
    "Book Title: The SAGE Handbook of Service-Dominant Logic",
    'Chapter Title: "Value Co-Creation"',
    "Pub. Date: 2018",
    "Access Date: May 12, 2021",
    "Publishing Company: SAGE Publications Ltd",
    "City: London",
    "Print ISBN: 9781473955202",
    "Online ISBN: 9781526470355",
    "DOI: https://dx.doi.org/10.4135/9781526470355.n12",
    "Print pages: 189-207",
    "© 2018 SAGE Publications Ltd All Rights Reserved.",
    "This PDF has been generated from SAGE Knowledge. Please note that the pagination of the online version "
    "will vary from the pagination of the print book.",
)


def test_a_sage_knowledge_cover_gives_the_chapter_its_book_and_print_pages(tmp_path: Path) -> None:
    """The book was the title, its editors the authors ("L. Vargo") and "Pub. Date" the venue."""
    document = _behind(
        Layout("sage", cover=SAGE_COVER, number_at=""), "Value Co-Creation\n\n", tmp_path / "s.pdf"
    )
    meta = document.metadata
    assert (meta.title, meta.venue, meta.kind, meta.year, meta.pages) == (
        "Value Co-Creation",
        "The SAGE Handbook of Service-Dominant Logic",
        "chapter",
        2018,
        "189-207",
    )
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]
    assert [a.display for a in meta.editors] == ["Stephen L. Vargo", "Robert F. Lusch"]
    assert (meta.publisher, meta.isbn, meta.doi) == (
        "SAGE Publications Ltd",
        "9781473955202",
        "10.4135/9781526470355.n12",
    )
    for words in ("Pub. Date", "Access Date", "Print ISBN", "pagination", "Contributors"):
        assert words not in document.text, words
    assert Citation("s", meta).format("apa") == (
        "Rossi, M., & Park, J. (2018). Value co-creation. In S. L. Vargo & R. F. Lusch (Eds.), "
        "The SAGE handbook of service-dominant logic (pp. 189–207). SAGE Publications Ltd. "
        "https://doi.org/10.4135/9781526470355.n12"
    )


def test_a_sage_cover_of_a_whole_edited_book_cites_it_by_its_editors(tmp_path: Path) -> None:
    cover = tuple(
        line
        for line in SAGE_COVER
        if not line.startswith(("Contributors", "Edited by", "Chapter Title", "Print pages", "Value"))
    )
    cover = (*cover[:2], "Contributors: Edited by: Stephen L. Vargo & Robert F. Lusch", *cover[2:])
    document = _behind(Layout("sage", cover=cover, number_at=""), "Preface\n\n", tmp_path / "b.pdf")
    meta = document.metadata
    assert (meta.title, meta.kind) == ("The SAGE Handbook of Service-Dominant Logic", "book")
    assert meta.authors == meta.editors and [a.display for a in meta.editors] == [
        "Stephen L. Vargo",
        "Robert F. Lusch",
    ]
    assert Citation("b", meta).format("apa").startswith("Vargo, S. L., & Lusch, R. F. (Eds.). (2018). ")


EPRINTS_CITATION = (
    "Rossi, M. and Park, J. (2019) Learning organizations and value co-creation. The Learning "
    "Organization, 26 (3). pp. 283-295. ISSN 0969-6474"
)
EPRINTS = {
    "white-rose": (
        "This is a repository copy of Learning organizations and value co-creation.",
        "White Rose Research Online URL for this paper:",
        "https://eprints.whiterose.ac.uk/123456/",
        "Version: Accepted Version",
        "Article:",
        EPRINTS_CITATION,
        "https://doi.org/10.1108/TLO-12-2018-0219",
        "Reuse",
        "Items deposited in White Rose Research Online are protected by copyright, with all rights reserved "
        "unless indicated otherwise.",
        "Takedown",
        "If you consider content in White Rose Research Online to be in breach of UK law, please notify us "
        "by emailing eprints@whiterose.ac.uk including the URL of the record and the reason.",
    ),
    "lse": (
        EPRINTS_CITATION,
        "DOI: 10.1108/TLO-12-2018-0219",
        "© 2019 Emerald Publishing Limited",
        "This version available at: http://eprints.lse.ac.uk/12345/",
        "Available in LSE Research Online: May 2019",
        "LSE has developed LSE Research Online so that users may access research output of the School. "
        "Copyright and Moral Rights for the papers on this site are retained by the individual authors.",
    ),
    "enlighten": (
        EPRINTS_CITATION.replace(" ISSN 0969-6474", " (doi: 10.1108/TLO-12-2018-0219)"),
        "This is the author's final accepted version.",
        "There may be differences between this version and the published version. You are advised to "
        "consult the publisher's version if you wish to cite from it.",
        "http://eprints.gla.ac.uk/12345/",
        "Deposited on: 12 May 2019",
        "Enlighten – Research publications by members of the University of Glasgow",
        "http://eprints.gla.ac.uk",
    ),
}


REPOSITORY_COPIES = {
    "pure": (PURE, ("General rights", "Take down policy", "Research Portal", "Download date")),
    **{
        name: (cover, ("repository", "Research Online", "eprints", "Enlighten", "ISSN"))
        for name, cover in EPRINTS.items()
    },
}
ROSSI_FIRST_PAGE = "Learning organizations and value co-creation\n\nMaria Rossi and John Park\n\nAbstract\n\n"


@pytest.mark.parametrize("repository", sorted(REPOSITORY_COPIES))
def test_a_repositorys_cover_gives_the_published_versions_record(repository: str, tmp_path: Path) -> None:
    """A research portal's (Pure) and an EPrints repository's (White Rose, LSE, Glasgow) covers were read as
    the paper's first page."""
    cover, cover_words = REPOSITORY_COPIES[repository]
    document = _behind(Layout(repository, cover=cover), ROSSI_FIRST_PAGE, tmp_path / f"{repository}.pdf")
    meta = document.metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year, meta.kind) == (
        "Learning organizations and value co-creation",
        ["Maria Rossi", "John Park"],
        2019,
        "article-journal",
    )
    assert (meta.venue, meta.volume, meta.issue, meta.pages, meta.doi) == (
        "The Learning Organization",
        "26",
        "3",
        "283-295",
        "10.1108/TLO-12-2018-0219",
    )
    for words in cover_words:
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "1"]


PRE_PROOF = (
    "Journal Pre-proof",
    "Learning organizations and value co-creation",
    "Maria Rossi, John Park",
    "PII: S0148-2963(20)30512-3",
    "DOI: https://doi.org/10.1016/j.jbusres.2020.08.012",
    "Reference: JBR 12345",
    "To appear in: Journal of Business Research",
    "Received date: 12 February 2020",
    "Revised date: 2 August 2020",
    "Accepted date: 5 August 2020",
    "Please cite this article as: M. Rossi and J. Park, Learning organizations and value co-creation, "
    "Journal of Business Research (2020), https://doi.org/10.1016/j.jbusres.2020.08.012",
    "This is a PDF file of an article that has undergone enhancements after acceptance, such as the addition "
    "of a cover page and metadata, and formatting for readability, but it is not yet the definitive version "
    "of record. This version will undergo additional copyediting, typesetting and review before it is "
    "published in its final form, but we are providing this version to give early visibility of the article.",
    "© 2020 Published by Elsevier.",
)


def test_elseviers_pre_proof_cover_is_read_and_taken_out(tmp_path: Path) -> None:
    """Elsevier's "Journal Pre-proof" cover was indexed as the paper's first passage."""
    document = _behind(Layout("pre-proof", cover=PRE_PROOF), ROSSI_FIRST_PAGE, tmp_path / "pre-proof.pdf")
    meta = document.metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year, meta.venue, meta.doi) == (
        "Learning organizations and value co-creation",
        ["Maria Rossi", "John Park"],
        2020,
        "Journal of Business Research",
        "10.1016/j.jbusres.2020.08.012",
    )
    for words in ("Pre-proof", "PII", "Please cite", "enhancements after acceptance", "Received date"):
        assert words not in document.text, words


def _econstor(kind: str, title: str, series: str, citation: tuple[str, ...]) -> tuple[str, ...]:
    """EconStor's cover: its masthead, the authors, the document type, title and series, the
    institution, its "Suggested Citation:" (wrapped as given) and its terms of use."""
    return (
        "econstor",
        "Make Your Publications Visible.",
        "A Service of",
        "Leibniz-Informationszentrum Wirtschaft",
        "Leibniz Information Centre for Economics",
        "Müller, Maria; Weiß, Jörg",
        kind,
        title,
        *((series,) if series else ()),
        "Provided in Cooperation with:",
        "University of Hohenheim, Faculty of Business, Economics and Social Sciences",
        *citation,
        "This Version is available at:",
        "https://hdl.handle.net/10419/123456",
        "Standard-Nutzungsbedingungen:",
        "Die Dokumente auf EconStor dürfen zu eigenen wissenschaftlichen Zwecken und zum Privatgebrauch",
        "gespeichert und kopiert werden.",
        "Terms of use:",
        "Documents in EconStor may be saved and copied for your personal and scholarly purposes.",
        "www.econstor.eu",
    )


ECONSTOR_PAPER = (
    "Suggested Citation: Müller, Maria; Weiß, Jörg (2015) : Organisational learning in small firms,",
    "Hohenheim Discussion Papers in Business, Economics and Social Sciences, No. 03-2015, Universität",
    "Hohenheim, Fakultät Wirtschafts- und Sozialwissenschaften, Stuttgart",
)
ECONSTOR_ARTICLE = (
    "Suggested Citation: Müller, Maria; Weiß, Jörg (2019) : Organisational learning in small firms, Journal",
    "of Service Management, ISSN 1757-5818, Emerald, Bingley, Vol. 30, Iss. 2, pp. 123-145,",
    "https://doi.org/10.1108/JOSM-01-2018-0001",
)
ECONSTOR_CHAPTER = (
    "Suggested Citation: Müller, Maria; Weiß, Jörg (2013) : Organisational learning in small firms, In:",
    "Argote, Linda (Ed.): Organizational Learning, ISBN 978-1-4614-5251-5, Springer, New York, NY,",
    "pp. 45-67, https://doi.org/10.1007/978-1-4614-5251-5_3",
)


@pytest.mark.parametrize(
    ("kind", "series", "citation", "apa"),
    [
        (
            "Working Paper",
            "Hohenheim Discussion Papers in Business, Economics and Social Sciences, No. 03-2015",
            ECONSTOR_PAPER,
            "Müller, M., & Weiß, J. (2015). Organisational learning in small firms (Hohenheim Discussion "
            "Papers in Business, Economics and Social Sciences No. 03-2015). Universität Hohenheim.",
        ),
        (
            "Article",
            "Journal of Service Management",
            ECONSTOR_ARTICLE,
            "Müller, M., & Weiß, J. (2019). Organisational learning in small firms. Journal of Service "
            "Management, 30(2), 123–145. https://doi.org/10.1108/JOSM-01-2018-0001",
        ),
        (
            "Book Part",
            "",
            ECONSTOR_CHAPTER,
            "Müller, M., & Weiß, J. (2013). Organisational learning in small firms. In L. Argote (Ed.), "
            "Organizational learning (pp. 45–67). Springer. https://doi.org/10.1007/978-1-4614-5251-5_3",
        ),
    ],
    ids=["series-paper", "article", "chapter"],
)
def test_an_econstor_cover_gives_its_suggested_citation_and_leaves_the_text(
    tmp_path: Path, kind: str, series: str, citation: tuple[str, ...], apa: str
) -> None:
    """EconStor's cover had been read as the paper's first page: "Leibniz Information" its author, the
    title run on into the series ("Organisational learning in small firms, Hohenheim Discussion ...")."""
    cover = _econstor(kind, "Organisational learning in small firms", series, citation)
    first_page = "Organisational Learning in Small Firms\n\nMaria Müller and Jörg Weiß\n\n"
    document = _behind(Layout("econstor", cover=cover), first_page, tmp_path / "econstor.pdf")
    assert Citation("r", document.metadata).format("apa") == apa
    assert [a.display for a in document.metadata.authors] == ["Maria Müller", "Jörg Weiß"]
    for words in ("econstor", "Leibniz", "Suggested Citation", "Terms of use", "Nutzungsbedingungen"):
        assert words.lower() not in document.text.lower(), words
    assert document.text.lstrip().startswith("Organisational Learning in Small Firms")


CAIRN_TERMS = (
    "La reproduction ou représentation de cet article, notamment par photocopie, n'est autorisée",
    "que dans les limites des conditions générales d'utilisation du site ou, le cas échéant, des",
    "conditions générales de la licence souscrite par votre établissement.",
)
CAIRN_OLD = (
    "L'organisation apprenante et la co-création de valeur",
    "Jean Dupont, Marie Martin",
    "Lavoisier | « Revue française de gestion »",
    "2010/2 n° 201 | pages 101 à 120",
    "ISSN 0338-4551",
    "Article disponible en ligne à l'adresse :",
    "https://www.cairn.info/revue-francaise-de-gestion-2010-2-page-101.htm",
    "Pour citer cet article :",
    "Jean Dupont, Marie Martin, « L'organisation apprenante et la co-création de valeur », Revue",
    "française de gestion 2010/2 (n° 201), p. 101-120.",
    "DOI 10.3166/rfg.201.101-120",
    "Distribution électronique Cairn.info pour Lavoisier.",
    "© Lavoisier. Tous droits réservés pour tous pays.",
    *CAIRN_TERMS,
)
CAIRN_NEW = (
    "L'organisation apprenante et la co-création de valeur",
    "Jean Dupont et Marie Martin",
    "Dans Revue française de gestion 2010/2 (N° 201), pages 101 à 120",
    "Éditions Lavoisier",
    "ISSN 0338-4551",
    "DOI 10.3166/rfg.201.101-120",
    "Article disponible en ligne à l'adresse",
    "https://www.cairn.info/revue-francaise-de-gestion-2010-2-page-101.htm",
    "Découvrir le sommaire de ce numéro, suivre la revue par email, s'abonner...",
    "Distribution électronique Cairn.info pour Éditions Lavoisier.",
    *CAIRN_TERMS,
)


@pytest.mark.parametrize("cover", [CAIRN_OLD, CAIRN_NEW], ids=["older", "newer"])
def test_a_cairn_cover_gives_the_articles_record_and_leaves_the_text(
    tmp_path: Path, cover: tuple[str, ...]
) -> None:
    """Cairn.info's cover had been indexed as the paper's first page, its journal, year and pages lost
    and its page numbered "100"."""
    first_page = "L'organisation apprenante et la co-création de valeur\n\nJean Dupont et Marie Martin\n\n"
    document = _behind(Layout("cairn", cover=cover, first_number=101), first_page, tmp_path / "cairn.pdf")
    meta = document.metadata
    assert ([a.display for a in meta.authors], meta.year, meta.venue, meta.publisher) == (
        ["Jean Dupont", "Marie Martin"],
        2010,
        "Revue française de gestion",
        "Lavoisier",
    )
    assert (meta.volume, meta.issue, meta.pages, meta.doi) == (
        "201",
        "2",
        "101-120",
        "10.3166/rfg.201.101-120",
    )
    for words in ("Cairn", "reproduction", "sommaire", "Pour citer"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "101"]


def test_a_cairn_chapter_cover_names_its_book() -> None:
    lines = [
        "Apprendre avec les clients",
        "Jean Dupont",
        "Dans Management des connaissances (2015), pages 45 à 67",
        "Éditions EMS",
        "Distribution électronique Cairn.info pour Éditions EMS.",
    ]
    raw = RawDocument(path="c.pdf", content_hash="c", format="pdf", pages=["\n".join(lines), "Text " * 50])
    meta = platform_cover_record(raw)
    assert (meta.kind, meta.title, meta.venue, meta.year, meta.pages, meta.publisher) == (
        "chapter",
        "Apprendre avec les clients",
        "Management des connaissances",
        2015,
        "45-67",
        "EMS",
    )


HAL_NOTE = (
    "HAL is a multi-disciplinary open access archive for the deposit and dissemination of scientific",
    "research documents, whether they are published or not. The documents may come from teaching and",
    "research institutions in France or abroad, or from public or private research centers.",
    "L'archive ouverte pluridisciplinaire HAL, est destinée au dépôt et à la diffusion de documents",
    "scientifiques de niveau recherche, publiés ou non, émanant des établissements d'enseignement et de",
    "recherche français ou étrangers, des laboratoires publics ou privés.",
)


def _hal(citation: tuple[str, ...], hal_id: str = "hal-02345678") -> tuple[str, ...]:
    """HAL's cover: the title and authors over "To cite this version:" and `citation`, its id and note."""
    return (
        "Learning organizations and value co-creation",
        "Jean Dupont, Marie Martin",
        "To cite this version:",
        *citation,
        f"HAL Id: {hal_id}",
        f"https://hal.science/{hal_id}",
        "Submitted on 4 Nov 2019",
        *HAL_NOTE,
    )


def test_a_hal_cover_gives_its_citation_and_its_page_no_number(tmp_path: Path) -> None:
    """HAL's cover had been indexed as the paper's first page and numbered "100", its journal lost."""
    cover = _hal(
        (
            "Jean Dupont, Marie Martin. Learning organizations and value co-creation. Revue française de",
            "gestion, 2010, 36 (201), pp.101-120. <10.3166/rfg.201.101-120>. <hal-02345678>",
        )
    )
    first_page = "Learning organizations and value co-creation\n\nJean Dupont and Marie Martin\n\n"
    document = _behind(Layout("hal", cover=cover, first_number=101), first_page, tmp_path / "hal.pdf")
    assert Citation("r", document.metadata).format("apa") == (
        "Dupont, J., & Martin, M. (2010). Learning organizations and value co-creation. Revue française "
        "de gestion, 36(201), 101–120. https://doi.org/10.3166/rfg.201.101-120"
    )
    for words in ("HAL", "To cite", "archive ouverte", "Submitted"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "101"]


@pytest.mark.parametrize(
    ("citation", "hal_id", "record"),
    [
        (
            "Jean Dupont, Marie Martin. Learning organizations and value co-creation. 35th EGOS "
            "Colloquium, Jul 2019, Edinburgh, United Kingdom. ⟨hal-02345678⟩",
            "hal-02345678",
            ("paper-conference", "35th EGOS Colloquium", 2019, "", "https://hal.science/hal-02345678"),
        ),
        (
            "Jean Dupont, Marie Martin. Learning organizations and value co-creation. Business "
            "administration. Université Paris-Dauphine, 2015. English. ⟨NNT : 2015PA090012⟩. ⟨tel-01234567⟩",
            "tel-01234567",
            ("thesis", "Université Paris-Dauphine", 2015, "", "https://hal.science/tel-01234567"),
        ),
        (
            "Jean Dupont, Marie Martin. Learning organizations and value co-creation. 2019. "
            "⟨10.2139/ssrn.3456789⟩. ⟨hal-02345678⟩",
            "hal-02345678",
            ("", "", 2019, "10.2139/ssrn.3456789", "https://hal.science/hal-02345678"),
        ),
        (
            "Jean Dupont, Marie Martin. Learning organizations and value co-creation. Anne Leroy. "
            "Management des connaissances, EMS, pp.45-67, 2015, 978-2-37687-001-2. ⟨hal-02345678⟩",
            "hal-02345678",
            ("chapter", "Management des connaissances", 2015, "", "https://hal.science/hal-02345678"),
        ),
    ],
    ids=["a-meetings-paper", "a-thesis", "a-paper", "a-chapter"],
)
def test_hals_citation_of_a_meetings_paper_a_thesis_and_a_paper(
    citation: str, hal_id: str, record: tuple[object, ...]
) -> None:
    pages = ["\n".join(_hal((citation,), hal_id)), "Text of the paper. " * 50]
    meta = platform_cover_record(RawDocument(path="h.pdf", content_hash="h", format="pdf", pages=pages))
    assert (meta.title, [a.display for a in meta.authors]) == (
        "Learning organizations and value co-creation",
        ["Jean Dupont", "Marie Martin"],
    )
    assert (meta.kind, meta.venue, meta.year, meta.doi, meta.url) == record


MPRA = (
    "Munich Personal RePEc Archive",
    "Organisational learning in small firms",
    "Müller, Maria and Weiß, Jörg",
    "University of Hohenheim",
    "15 March 2015",
    "Online at https://mpra.ub.uni-muenchen.de/63123/",
    "MPRA Paper No. 63123, posted 20 March 2015 14:25 UTC",
)
PERSEE = (
    "Persée",
    "http://www.persee.fr",
    "L'apprentissage organisationnel dans les petites entreprises",
    "Jean Dupont",
    "Citer ce document / Cite this document :",
    "Dupont Jean. L'apprentissage organisationnel dans les petites entreprises. In: Revue",
    "économique, volume 40, n°2, 1989. pp. 285-312;",
    "doi : https://doi.org/10.3406/reco.1989.409140",
    "https://www.persee.fr/doc/reco_0035-2764_1989_num_40_2_409140",
    "Fichier pdf généré le 12/03/2019",
)


@pytest.mark.parametrize(
    ("cover", "first_page", "first_number", "apa"),
    [
        (
            MPRA,
            "Organisational learning in small firms\n\nMaria Müller and Jörg Weiß\n\n",
            1,
            "Müller, M., & Weiß, J. (2015). Organisational learning in small firms (MPRA Paper No. 63123). "
            "https://mpra.ub.uni-muenchen.de/63123/",
        ),
        (
            PERSEE,
            "L'apprentissage organisationnel dans les petites entreprises\n\nJean Dupont\n\n",
            285,
            "Dupont, J. (1989). L'apprentissage organisationnel dans les petites entreprises. Revue "
            "économique, 40(2), 285–312. https://doi.org/10.3406/reco.1989.409140",
        ),
    ],
    ids=["mpra", "persee"],
)
def test_mpras_and_persees_covers_give_their_record_and_leave_the_text(
    tmp_path: Path, cover: tuple[str, ...], first_page: str, first_number: int, apa: str
) -> None:
    """MPRA's cover had been the title ("Munich Personal RePEc Archive: ..."), its authors lost; Persée's
    had been indexed, its journal, year and pages lost."""
    layout = Layout("archive", cover=cover, first_number=first_number)
    document = _behind(layout, first_page, tmp_path / "archive.pdf")
    assert Citation("r", document.metadata).format("apa") == apa
    for words in ("RePEc", "MPRA", "Persée", "Cite this document"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", str(first_number)]


OPENEDITION = (
    "Revue d'économie industrielle",
    "145 | 1er trimestre 2014",
    "Varia",
    "L'apprentissage organisationnel dans les réseaux",
    "Organizational learning in networks",
    "Jean Dupont et Marie Martin",
    "Édition électronique",
    "URL : https://journals.openedition.org/rei/5788",
    "DOI : 10.4000/rei.5788",
    "ISSN : 1773-0198",
    "Éditeur",
    "De Boeck Supérieur",
    "Édition imprimée",
    "Date de publication : 15 mars 2014",
    "Pagination : 9-36",
    "Référence électronique",
    "Jean Dupont et Marie Martin, « L'apprentissage organisationnel dans les réseaux », Revue",
    "d'économie industrielle [En ligne], 145 | 1er trimestre 2014, mis en ligne le 15 mars 2016,",
    "consulté le 12 mai 2019. URL : http://journals.openedition.org/rei/5788",
    "© Tous droits réservés",
)


def test_an_openedition_cover_gives_its_electronic_reference_and_print_pages(tmp_path: Path) -> None:
    """OpenEdition's cover had given the journal's name as the title, no authors and no year."""
    first_page = "L'apprentissage organisationnel dans les réseaux\n\nJean Dupont et Marie Martin\n\n"
    document = _behind(
        Layout("openedition", cover=OPENEDITION, first_number=9), first_page, tmp_path / "oe.pdf"
    )
    meta = document.metadata
    assert Citation("r", meta).format("apa") == (
        "Dupont, J., & Martin, M. (2014). L'apprentissage organisationnel dans les réseaux. Revue d'économie "
        "industrielle, 145, 9–36. https://doi.org/10.4000/rei.5788"
    )
    assert meta.publisher == "De Boeck Supérieur"
    for words in ("Référence électronique", "Pagination", "openedition"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "9"]


REDALYC = (
    "Revista de Administração - RAUSP",
    "ISSN: 0080-2107",
    "rausp@usp.br",
    "Universidade de São Paulo",
    "Brasil",
    "García, María; López, José",
    "Aprendizaje organizacional en pequeñas empresas",
    "Revista de Administração - RAUSP, vol. 50, núm. 2, abril-junio, 2015, pp. 123-145",
    "Universidade de São Paulo",
    "São Paulo, Brasil",
    "Disponible en: http://www.redalyc.org/articulo.oa?id=223438507005",
    "Cómo citar el artículo",
    "Número completo",
    "Más información del artículo",
    "Página de la revista en redalyc.org",
    "Sistema de Información Científica",
    "Red de Revistas Científicas de América Latina, el Caribe, España y Portugal",
)


def test_a_redalyc_cover_gives_its_citation_and_leaves_the_text(tmp_path: Path) -> None:
    """Redalyc's cover had been indexed as the paper's first passage and its issue ("núm. 2") lost."""
    first_page = "Aprendizaje organizacional en pequeñas empresas\n\nMaría García y José López\n\n"
    document = _behind(Layout("redalyc", cover=REDALYC, first_number=123), first_page, tmp_path / "r.pdf")
    meta = document.metadata
    assert (
        [a.display for a in meta.authors],
        meta.venue,
        meta.volume,
        meta.issue,
        meta.pages,
        meta.year,
    ) == (
        ["María García", "José López"],
        "Revista de Administração - RAUSP",
        "50",
        "2",
        "123-145",
        2015,
    )
    for words in ("redalyc", "ISSN", "Cómo citar"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "123"]


DSPACE = (
    "Learning organizations and value co-creation in service firms",
    "Item Type Article",
    "Authors Smith, Jane; Jones, Robert",
    "Citation Smith, J., & Jones, R. (2019). Learning organizations and value co-creation in service firms.",
    "Journal of Service Research, 22(3), 245–267.",
    "DOI 10.1177/1094670519841234",
    "Publisher SAGE Publications",
    "Journal Journal of Service Research",
    "Rights © The Author(s) 2019.",
    "Download date 12/03/2021 05:12:20",
    "Link to Item http://hdl.handle.net/10150/633456",
)


def test_a_dspace_cover_gives_its_labelled_record_and_leaves_the_text(tmp_path: Path) -> None:
    """A DSpace repository's cover had been indexed as the paper's first passage."""
    first_page = (
        "Learning organizations and value co-creation in service firms\n\nJane Smith and Robert Jones\n\n"
    )
    document = _behind(Layout("dspace", cover=DSPACE, first_number=245), first_page, tmp_path / "d.pdf")
    assert Citation("r", document.metadata).format("apa") == (
        "Smith, J., & Jones, R. (2019). Learning organizations and value co-creation in service firms. "
        "Journal of Service Research, 22(3), 245–267. https://doi.org/10.1177/1094670519841234"
    )
    assert [a.display for a in document.metadata.authors] == ["Jane Smith", "Robert Jones"]
    for words in ("Item Type", "Download date", "Link to Item", "hdl.handle.net"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "245"]


def test_a_hal_cover_whose_note_columns_are_read_across_is_still_found() -> None:
    """HAL sets its note in two columns, English and French, which extraction may read across; a
    social-science item's id ("halshs-") links to the page the cover prints."""
    lines = [
        "Learning organizations and value co-creation",
        "Jean Dupont, Marie Martin",
        "To cite this version:",
        "Jean Dupont, Marie Martin. Learning organizations and value co-creation. Revue française de",
        "gestion, 2010, 36 (201), pp.101-120. ⟨10.3166/rfg.201.101-120⟩. ⟨halshs-02345678⟩",
        "HAL Id: halshs-02345678",
        "https://shs.hal.science/halshs-02345678",
        "Submitted on 4 Nov 2019",
        "HAL is a multi-disciplinary open access L’archive ouverte pluridisciplinaire HAL, est",
        "archive for the deposit and dissemination of sci- destinée au dépôt et à la diffusion de documents",
    ]
    pages = ["\n".join(lines), "Text of the paper. " * 50]
    assert find_platform_cover(pages) == 0
    meta = platform_cover_record(RawDocument(path="h.pdf", content_hash="h", format="pdf", pages=pages))
    assert (meta.venue, meta.volume, meta.issue, meta.url) == (
        "Revue française de gestion",
        "36",
        "201",
        "https://shs.hal.science/halshs-02345678",
    )


ERUDIT = (
    "Document generated on 05/12/2021 3:14 p.m.",
    "Relations industrielles",
    "Industrial Relations",
    "L'apprentissage organisationnel dans les PME",
    "Jean Dupont et Marie Martin",
    "Volume 65, numéro 2, printemps 2010",
    "URI : https://id.erudit.org/iderudit/044302ar",
    "DOI : https://doi.org/10.7202/044302ar",
    "Publisher(s)",
    "Département des relations industrielles de l'Université Laval",
    "Cite this article",
    "Dupont, J. & Martin, M. (2010). L'apprentissage organisationnel dans les PME. Relations",
    "industrielles / Industrial Relations, 65(2), 201–220. https://doi.org/10.7202/044302ar",
    "Tous droits réservés © Département des relations industrielles de l'Université Laval, 2010",
    "This document is protected by copyright law. Use of the services of Érudit (including",
    "reproduction) is subject to its terms and conditions, which can be viewed online.",
    "This article is disseminated and preserved by Érudit.",
)


def test_an_erudit_cover_gives_its_citation_and_the_authors_full_names(tmp_path: Path) -> None:
    """Érudit's cover had been indexed as the paper's first passage, its journal and pages lost."""
    first_page = "L'apprentissage organisationnel dans les PME\n\nJean Dupont et Marie Martin\n\n"
    document = _behind(Layout("erudit", cover=ERUDIT, first_number=201), first_page, tmp_path / "e.pdf")
    meta = document.metadata
    assert ([a.display for a in meta.authors], meta.venue, meta.volume, meta.issue, meta.pages) == (
        ["Jean Dupont", "Marie Martin"],
        "Relations industrielles / Industrial Relations",
        "65",
        "2",
        "201-220",
    )
    assert (meta.year, meta.doi) == (2010, "10.7202/044302ar")
    for words in ("Érudit", "Cite this article", "Document generated"):
        assert words not in document.text, words
    assert [page.label for page in document.pages[:2]] == ["", "201"]
