"""A journal's corrections and retractions: works of their own, never the article they are about.

A notice cites its article on its first page (title, names, volume, pages, DOI). Read as a
paper, a notice under a bare head ("Erratum", "Retraction notice") took the article's title,
authors, volume, pages and DOI, and was then linked as the article's version: its passages
were cited as the article. Each PDF is set with `tests.corpus.layouts` as the publisher sets
one page of it and prepared as ingestion does; the citation is what a writer pastes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.dedup import same_work, signature
from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.models import Document, Metadata, Person
from corpus_core.settings import load_settings
from search_api.citations import Citation
from tests.corpus.layouts import Layout, render

ARTICLE = "Value co-creation in service ecosystems: a learning perspective"
BODY = (
    "In the original publication of the article, the caption of Figure 2 was published incorrectly. The "
    "correct caption is given below. The original article has been corrected.\n\nFigure 2. The learning "
    "cycle of a service ecosystem, from shared sensemaking to joint action.\n"
)


def _prepared(text: str, foot: str, path: Path) -> Document:
    """A one-page notice under a journal's foot, prepared as ingestion does."""
    rendered = render(text + BODY, Layout(name="notice", foot=foot, number_at=""), path)
    settings = load_settings()
    return prepare_document(load_file(rendered.path, settings.loading), settings)


@pytest.mark.parametrize(
    ("text", "foot", "apa"),
    [
        pytest.param(
            f"CORRECTION\n\nCorrection to: {ARTICLE}\n\nJane Smith1 · Peter Jones2\n\n© Academy of Marketing "
            "Science 2021\n\nCorrection to: Journal of the Academy of Marketing Science "
            "https://doi.org/10.1007/s11747-020-00712-3\n\nThe original article can be found online at "
            "https://doi.org/10.1007/s11747-020-00712-3.\n\n",
            "Journal of the Academy of Marketing Science (2021) 49:612–613\n"
            "https://doi.org/10.1007/s11747-021-00790-1",
            "Smith, J., & Jones, P. (2021). Correction to: Value co-creation in service ecosystems: A "
            "learning perspective. Journal of the Academy of Marketing Science, 49, 612–613. "
            "https://doi.org/10.1007/s11747-021-00790-1",
            id="springer-correction-to",
        ),
        pytest.param(
            f"Corrigendum to “{ARTICLE}” [J. Bus. Res. 120 (2020) 101–115]\n\nJane Smith a,*, Peter "
            "Jones b\n\na University of Leeds, UK\n\nb University of York, UK\n\nThe authors regret that "
            "the caption of Figure 2 was printed incorrectly.\n\n",
            "Journal of Business Research 131 (2021) 812",
            "Smith, J., & Jones, P. (2021). Corrigendum to “Value co-creation in service ecosystems: A "
            "learning perspective” [J. Bus. Res. 120 (2020) 101–115]. Journal of Business Research, 131, "
            "812.",
            id="elsevier-corrigendum-on-one-page",
        ),
        pytest.param(
            f"Erratum\n\n{ARTICLE}\n\nJane Smith and Peter Jones\n\nThe Learning Organization, 28(1), 1–20. "
            "https://doi.org/10.1080/14767333.2020.1888888\n\nWhen this article was first published online, "
            "an error appeared in Table 2.\n\n",
            "THE LEARNING ORGANIZATION 2021, VOL. 28, NO. 3, 330\nhttps://doi.org/10.1080/14767333.2021.1999999",
            "Erratum. (2021). The Learning Organization, 28(3), 330. https://doi.org/10.1080/14767333.2021.1999999",
            id="head-over-the-articles-citation",
        ),
        pytest.param(
            f"Retraction notice\n\nSmith J and Jones P (2020) {ARTICLE}. Management Learning 51(4): 455–472. "
            "DOI: 10.1177/1350507620912345\n\nThe above article has been retracted at the request of the "
            "Editors. After publication, concerns were raised about the data.\n\n",
            "Management Learning 2022, Vol. 53(2) © The Author(s) 2022 DOI: 10.1177/13505076221000001",
            "Retraction notice. (2022). Management Learning, 53(2). https://doi.org/10.1177/13505076221000001",
            id="sage-retraction-notice",
        ),
        pytest.param(
            f"RETRACTION\n\nRetraction: Smith, J., & Jones, P. (2020). {ARTICLE}. Journal of Service "
            "Research, 51, 455–472. https://doi.org/10.1002/jsr.1234\n\nThe above article, published "
            "online on 3 March 2020 in Wiley Online Library, has been retracted by agreement between the "
            "authors and the journal.\n\n",
            "Journal of Service Research. 2022;53(2). DOI: 10.1002/jsr.5678",
            "Retraction. (2022). Journal of Service Research, 53(2). https://doi.org/10.1002/jsr.5678",
            id="wiley-retraction-citing-by-names",
        ),
    ],
)
def test_a_notice_is_cited_as_itself_not_as_the_article_it_is_about(
    tmp_path: Path, text: str, foot: str, apa: str
) -> None:
    meta = _prepared(text, foot, tmp_path / "notice.pdf").metadata

    assert Citation("r", meta).format("apa") == apa
    assert meta.is_notice


def test_a_notice_is_never_linked_as_its_articles_version(tmp_path: Path) -> None:
    """The article's record, as a reference manager keeps one without its year, and the notice that
    cites it under a bare head: before, the notice read as the article (its title and authors)."""
    notice = _prepared(
        f"Erratum\n\n{ARTICLE}\n\nJane Smith and Peter Jones\n\nThe Learning Organization, 28(1), 1–20. "
        "https://doi.org/10.1080/14767333.2020.1888888\n\n",
        "THE LEARNING ORGANIZATION 2021, VOL. 28, NO. 3, 330",
        tmp_path / "erratum.pdf",
    )
    article = Metadata(
        title=ARTICLE, authors=[Person("Smith", "Jane"), Person("Jones", "Peter")], doi=notice.metadata.doi
    )

    assert notice.metadata.authors == []
    assert not same_work(notice.metadata, signature(notice.text), article, signature(BODY * 5))


@pytest.mark.parametrize(
    "title",
    [
        "Correction of errors in learning organizations",
        "Retraction and repair: how firms undo a service promise",
        "Addendum thinking in value co-creation",
        "Correction for attenuation in organizational research",
        "Withdrawal: how employees leave learning organizations",
    ],
)
def test_a_paper_whose_title_starts_with_a_notices_word_is_no_notice(title: str) -> None:
    assert not Metadata(title=title).is_notice


@pytest.mark.parametrize(
    "title",
    [
        "Correction for Smith et al., Value co-creation in service ecosystems",
        "Correction for Smith and Jones, Learning with customers",
        "Retraction for Smith, Learning with customers",
        "CORRECTION",
        "Retraction Note: Value co-creation in service ecosystems",
    ],
)
def test_a_notices_title_is_a_notices(title: str) -> None:
    assert Metadata(title=title).is_notice
