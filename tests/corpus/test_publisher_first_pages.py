"""First pages set as eight publishers set them, which the seeds and shared PDFs do not show.

Elsevier: a masthead that names the journal on a line of its own above the title, and a
running head "C. Grönroos, P. Voima / Industrial Marketing Management 40 (2011) 133–150".
Springer: the citation line "J. of the Acad. Mark. Sci. (2008) 36:1–10" over the title, the
authors separated by middle dots, and "Published online: 1 August 2007" under them, while the
issue (and so the citation) is 2008. SAGE: "Journal of Service Research" over "2019, Vol.
22(1) 3-20", platform stamps, authors with affiliation digits. Wiley: authors separated by
bars, the citation in the footer. MDPI: "Sustainability 2020, 12, 1234" in the footer. Taylor
& Francis: a cover page whose "To cite this article:" wraps over lines, and the article's first
page (drawn on its own: its masthead, title and author lines in their own type sizes), its
history and keywords in a box beside the abstract. Frontiers and PLOS:
a "Citation:" block with the journal's abbreviated name and an article number. Each PDF is loaded and
prepared as ingestion does; the record must name the article, not the journal or the author
line, its first author, and date it by its issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, case_study_prose, draw_lines, render, wrap

ELSEVIER = (
    "Industrial Marketing Management 40 (2011) 133–150\n\n"
    "Contents lists available at ScienceDirect\n\n"
    "Industrial Marketing Management\n\n"
    "journal homepage: www.elsevier.com/locate/indmarman\n\n"
    "Critical service logic: Making sense of value creation and co-creation\n\n"
    "Christian Grönroos a,*, Päivi Voima b\n\n"
    "a Hanken School of Economics, Helsinki, Finland\n\n"
    "Article history: Received 12 May 2010 Accepted 3 March 2011\n\n"
    "Abstract\n\n"
    "Value creation is a collective achievement of firms and their customers, and this paper "
    "asks where in that process the firm can take part and how.\n\n"
    "1. Introduction\n\n"
)
ELSEVIER_SPACED = ELSEVIER.replace(
    "Article history: Received 12 May 2010 Accepted 3 March 2011\n\nAbstract\n\n",
    "a r t i c l e  i n f o\n\nArticle history:\nReceived 12 May 2010\nAccepted 3 March 2011\n\n"
    "Keywords:\nService logic\n\na b s t r a c t\n\n",
)
"""Elsevier's boxes as many of its journals set them: "article info" and "abstract" letter by letter."""
SPRINGER = (
    "DOI 10.1007/s11747-007-0069-6\n\n"
    "Service-dominant logic: continuing the evolution\n\n"
    "Stephen L. Vargo · Robert F. Lusch\n\n"
    "Received: 12 June 2007 / Accepted: 14 June 2007 / Published online: 1 August 2007\n\n"
    "© Academy of Marketing Science 2007\n\n"
    "Abstract\n\n"
    "This paper updates the foundational premises of service-dominant logic and answers the "
    "questions its first statement raised.\n\n"
    "Introduction\n\n"
)
SAGE = (
    "Article\n\nJournal of Service Research\n\n2019, Vol. 22(1) 3-20\n\n© The Author(s) 2018\n\n"
    "Article reuse guidelines: sagepub.com/journals-permissions\n\nDOI: 10.1177/1094670518812345\n\n"
    "journals.sagepub.com/home/jsr\n\nCustomer Learning in Service Ecosystems\n\n"
    "Anna Berg1, Tomas Lind2, and Eva Holm1\n\nAbstract\n\nThis article examines how customers "
    "learn within service ecosystems and what firms can do about it.\n\nIntroduction\n\n"
)
WILEY = (
    "Received: 3 March 2018 | Revised: 9 July 2018 | Accepted: 12 August 2018\n\n"
    "DOI: 10.1111/jpim.12456\n\nRESEARCH ARTICLE\n\n"
    "Learning from lead users in new product development\n\nMaria Rossi1 | Jan Novak2\n\n"
    "Abstract\n\nWe study how firms learn from lead users and how that learning changes their "
    "products.\n\n1 INTRODUCTION\n\n"
)
MDPI = (
    "sustainability\n\nArticle\n\nValue Co-Creation in Sustainable Tourism: A Learning Perspective\n\n"
    "Li Wei 1, Zhang Min 2,* and Sofia Costa 1\n\n1 School of Management, University A\n\n"
    "Received: 2 January 2020; Accepted: 1 February 2020; Published: 5 February 2020\n\n"
    "Abstract: Tourism firms co-create value with visitors; we examine how this supports learning.\n\n"
    "Keywords: value co-creation; tourism; learning\n\n1. Introduction\n\n"
)
TANDF = (
    "Total Quality Management & Business Excellence\n\n"
    "ISSN: 1478-3363 (Print) 1478-3371 (Online) Journal homepage: https://www.tandfonline.com/loi/ctqm20\n\n"
    "Learning organisations and service quality\n\nPeter Hall & Ruth Moss\n\n"
    "To cite this article: Peter Hall & Ruth Moss (2019) Learning organisations and service quality, "
    "Total Quality Management & Business Excellence, 30:5-6, 512-530, DOI: "
    "10.1080/14783363.2017.1234567\n\n"
    "To link to this article: https://doi.org/10.1080/14783363.2017.1234567\n\n"
    "Published online: 12 Apr 2017.\n\n"
)
FRONTIERS = (
    "ORIGINAL RESEARCH\npublished: 12 March 2021\ndoi: 10.3389/fpsyg.2021.634567\n\n"
    "Learning in Service Teams: A Field Study\n\nMaria Rossi1* and John Park2\n\n"
    "1 Department of Management, University of Oslo, Oslo, Norway\n\n"
    "Edited by:\nAnna Berg,\nUniversity of Bergen, Norway\n\n"
    "Received: 02 December 2020\nAccepted: 20 February 2021\nPublished: 12 March 2021\n\n"
    "Citation:\nRossi M and Park J (2021) Learning in\nService Teams: A Field Study.\n"
    "Front. Psychol. 12:634567.\ndoi: 10.3389/fpsyg.2021.634567\n\n"
)
PLOS = (
    "RESEARCH ARTICLE\n\nDoes co-creation pay? Evidence from 40 service firms\n\n"
    "Maria Rossi1*, John Park2\n\n1 Department of Management, University of Oslo, Oslo, Norway\n\n"
    "Citation: Rossi M, Park J (2019) Does co-creation pay? Evidence from 40 service firms. PLoS ONE "
    "14(7): e0219876. https://doi.org/10.1371/journal.pone.0219876\n\n"
    "Editor: Anna Berg, University of Bergen, NORWAY\n\nReceived: March 2, 2019\n\n"
    "Accepted: June 20, 2019\n\nPublished: July 12, 2019\n\n"
)
OPEN_ACCESS = {
    "frontiers": ("12", "", "634567", "10.3389/fpsyg.2021.634567"),
    "plos": ("14", "7", "e0219876", "10.1371/journal.pone.0219876"),
}
"""Volume, issue, article number and DOI of each open-access first page's "Citation:" block."""
ELSEVIER_LAYOUT = Layout(
    "elsevier",
    columns=2,
    head="C. Grönroos, P. Voima / Industrial Marketing Management 40 (2011) 133–150",
    first_number=133,
)
ELSEVIER_RECORD = (
    "Critical service logic: Making sense of value creation and co-creation",
    "Grönroos",
    2011,
    "Industrial Marketing Management",
)
CASES = {
    "elsevier": (
        ELSEVIER,
        ELSEVIER_LAYOUT,
        ELSEVIER_RECORD,
    ),
    "elsevier-spaced": (
        ELSEVIER_SPACED,
        ELSEVIER_LAYOUT,
        ELSEVIER_RECORD,
    ),
    "elsevier-spaced-capitals": (
        ELSEVIER_SPACED.replace("a r t i c l e  i n f o", "A R T I C L E  I N F O").replace(
            "a b s t r a c t", "A B S T R A C T"
        ),
        ELSEVIER_LAYOUT,
        ELSEVIER_RECORD,
    ),
    "springer": (
        SPRINGER,
        Layout("springer", head="J. of the Acad. Mark. Sci. (2008) 36:1–10", first_number=1),
        ("Service-dominant logic: continuing the evolution", "Vargo", 2008, "J. of the Acad. Mark. Sci."),
    ),
    "sage": (
        SAGE,
        Layout("sage", head="Journal of Service Research 22(1)", first_number=3),
        ("Customer Learning in Service Ecosystems", "Berg", 2019, "Journal of Service Research"),
    ),
    "wiley": (
        WILEY,
        Layout(
            "wiley",
            head="ROSSI AND NOVAK",
            foot="J Prod Innov Manag 2019;36(2):123–145. wileyonlinelibrary.com/journal/jpim",
            first_number=123,
        ),
        ("Learning from lead users in new product development", "Rossi", 2019, "J Prod Innov Manag"),
    ),
    "mdpi": (
        MDPI,
        Layout(
            "mdpi",
            foot="Sustainability 2020, 12, 1234; doi:10.3390/su12031234 www.mdpi.com/journal/sustainability",
        ),
        ("Value Co-Creation in Sustainable Tourism: A Learning Perspective", "Wei", 2020, "Sustainability"),
    ),
    "frontiers": (
        FRONTIERS,
        Layout(
            "frontiers",
            foot="Frontiers in Psychology | www.frontiersin.org {page} March 2021 | Volume 12 | Art. 634567",
        ),
        # the citation block's "Front. Psychol." written out as every page's footer prints it
        ("Learning in Service Teams: A Field Study", "Rossi", 2021, "Frontiers in Psychology"),
    ),
    "plos": (
        PLOS,
        Layout(
            "plos", foot="PLOS ONE | https://doi.org/10.1371/journal.pone.0219876 July 12, 2019 {page} / 20"
        ),
        ("Does co-creation pay? Evidence from 40 service firms", "Rossi", 2019, "PLoS ONE"),
    ),
    "taylor-francis": (
        TANDF,
        Layout("tandf", head="TOTAL QUALITY MANAGEMENT", first_number=512),
        (
            "Learning organisations and service quality",
            "Hall",
            2019,
            "Total Quality Management & Business Excellence",
        ),
    ),
}


@pytest.mark.parametrize("publisher", sorted(CASES))
def test_a_publishers_first_page_gives_the_articles_record(publisher: str, tmp_path: Path) -> None:
    first_page, layout, expected = CASES[publisher]
    rendered = render(first_page + case_study_prose(60), layout, tmp_path / f"{publisher}.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    meta = document.metadata
    assert (meta.title, meta.authors[0].family, meta.year, meta.venue) == expected
    assert "cite this article" not in document.text.lower()  # cut whole, however it wrapped
    if publisher.startswith("elsevier-spaced"):
        assert meta.abstract.startswith("Value creation is a collective achievement")
        assert [s.title.lower() for s in document.sections][:2] == ["abstract", "1. introduction"]


def test_a_taylor_and_francis_cover_citation_gives_every_field(tmp_path: Path) -> None:
    rendered = render(TANDF + case_study_prose(60), CASES["taylor-francis"][1], tmp_path / "tandf.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    meta = document.metadata
    assert [person.family for person in meta.authors] == ["Hall", "Moss"]
    assert (meta.volume, meta.issue, meta.pages, meta.doi) == (
        "30",
        "5-6",
        "512-530",
        "10.1080/14783363.2017.1234567",
    )
    assert meta.uncertain == []
    assert "Business Excellence, 30:5-6" not in document.text  # no tail of the wrapped citation left


@pytest.mark.parametrize("publisher", ["frontiers", "plos"])
def test_an_open_access_citation_block_gives_the_journal_and_its_numbers(
    publisher: str, tmp_path: Path
) -> None:
    """The journal, volume and article number were nowhere in the record; the authors' full names stay."""
    first_page, layout, _ = CASES[publisher]
    rendered = render(first_page + case_study_prose(60), layout, tmp_path / f"{publisher}.pdf")
    settings = load_settings()
    meta = prepare_document(load_file(rendered.path, settings.loading), settings).metadata
    volume, issue, article, doi = OPEN_ACCESS[publisher]
    assert (meta.volume, meta.issue, meta.pages, meta.article_number, meta.doi, meta.kind) == (
        volume,
        issue,
        "",
        article,
        doi,
        "article-journal",
    )
    assert [a.display for a in meta.authors] == ["Maria Rossi", "John Park"]


WILEY_STAMP = (
    "15405885, 2019, 2, Downloaded from https://onlinelibrary.wiley.com/doi/10.1111/jpim.12456 by "
    "University Of Helsinki, Wiley Online Library on [12/05/2023]. See the Terms and Conditions "
    "(https://onlinelibrary.wiley.com/terms-and-conditions) on Wiley Online Library for rules of use; "
    "OA articles are governed by the applicable Creative Commons License"
)


def test_wileys_download_stamp_on_every_page_is_cut_and_its_dates_line_is_no_venue(tmp_path: Path) -> None:
    """Wiley Online Library stamps every page it serves: 45 words, too long for a running line."""
    layout = Layout("wiley-stamp", head="ROSSI AND NOVAK", foot=WILEY_STAMP, first_number=123)
    rendered = render(WILEY + case_study_prose(40), layout, tmp_path / "wiley.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    for words in ("Downloaded from", "Wiley Online Library", "Creative Commons", "15405885"):
        assert words not in document.text, words
    meta = document.metadata
    assert meta.title == "Learning from lead users in new product development"
    assert not meta.venue.startswith(("Received", "Revised", "Accepted")), meta.venue


IEEE_FIRST_PAGE = (
    "IEEE TRANSACTIONS ON ENGINEERING MANAGEMENT, VOL. 68, NO. 2, APRIL 2021\n\n"
    "Organizational Learning in Platform Ecosystems\n\n"
    "Anna Berg, Senior Member, IEEE, and Tomas Lind, Member, IEEE\n\n"
    "Abstract—This article studies how platform firms learn from their complementors.\n\nI. INTRODUCTION\n\n"
)
IEEE_STAMP = (
    "Authorized licensed use limited to: Aalto University. Downloaded on May 12,2021 at 10:11:12 UTC "
    "from IEEE Xplore.  Restrictions apply."
)


def test_an_ieee_paper_keeps_its_authors_and_loses_the_xplore_stamp_of_every_page(tmp_path: Path) -> None:
    """IEEE author lines carry membership grades; IEEE Xplore stamps each page it serves (20 words)."""
    head = "IEEE TRANSACTIONS ON ENGINEERING MANAGEMENT, VOL. 68, NO. 2, APRIL 2021"
    layout = Layout("ieee", columns=2, head=head, foot=IEEE_STAMP, first_number=401)
    rendered = render(IEEE_FIRST_PAGE + case_study_prose(60), layout, tmp_path / "ieee.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    for words in ("Authorized licensed use", "IEEE Xplore", "Restrictions apply"):
        assert words not in document.text, words
    meta = document.metadata
    assert meta.title == "Organizational Learning in Platform Ecosystems"
    assert [(a.given, a.family) for a in meta.authors] == [("Anna", "Berg"), ("Tomas", "Lind")]
    assert (meta.year, meta.volume, meta.issue) == (2021, "68", "2")


def _tandf_article(path: Path) -> Path:
    """Taylor & Francis's first page of an article and three pages after it, as the journal sets them."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    prose = wrap(case_study_prose(12), width - 120, 10)
    for page in range(4):
        y = height - 50
        if page == 0:
            pdf.setFont("Helvetica", 8)
            masthead = ["THE SERVICE INDUSTRIES JOURNAL", "2020, VOL. 40, NOS. 3–4, 123–145"]
            draw_lines(pdf, 60, y, [*masthead, "https://doi.org/10.1080/02642069.2019.1234567"], size=10)
            pdf.setFont("Times-Bold", 16)
            pdf.drawString(60, y - 50, "Customer knowledge and the learning organization")
            pdf.setFont("Times-Roman", 11)
            pdf.drawString(60, y - 70, "Maria Rossi a and John Park b")
            pdf.setFont("Times-Italic", 8)
            pdf.drawString(
                60,
                y - 84,
                "aDepartment of Management, University of Milan, Milan, Italy; bSchool of Business",
            )
            pdf.setFont("Helvetica-Bold", 8)
            pdf.drawString(60, y - 110, "ABSTRACT")
            pdf.setFont("Times-Roman", 9)
            abstract = (
                "This paper studies how service teams learn from their customers and turn it into practice. "
            )
            draw_lines(pdf, 60, y - 122, wrap(abstract * 2, 330, 9), size=9)
            pdf.setFont("Helvetica", 8)
            box = ["ARTICLE HISTORY", "Received 12 March 2019", "Accepted 9 August 2019", "", "KEYWORDS"]
            draw_lines(pdf, 420, y - 110, [*box, "Customer learning; service", "firms"], size=8)
            y -= 210
        else:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(60, height - 30, f"{123 + page}  M. ROSSI AND J. PARK")
        pdf.setFont("Times-Roman", 10)
        draw_lines(pdf, 60, y, prose[: int((y - 90) // 12)])
        pdf.showPage()
    pdf.save()
    return path


def test_a_taylor_and_francis_article_s_first_page_gives_its_record(tmp_path: Path) -> None:
    """The article's history and keywords beside its abstract are no title ("Accepted 9 August
    2019" was), and the affiliation run into the author line ("... John Park b aDepartment of
    Management") leaves the authors."""
    settings = load_settings()
    meta = prepare_document(
        load_file(_tandf_article(tmp_path / "tandf.pdf"), settings.loading), settings
    ).metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year, meta.venue) == (
        "Customer knowledge and the learning organization",
        ["Maria Rossi", "John Park"],
        2020,
        "The Service Industries Journal",
    )
    assert (meta.volume, meta.issue, meta.pages) == ("40", "3–4", "123-145")
    assert meta.keywords == ["Customer learning", "service firms"]
