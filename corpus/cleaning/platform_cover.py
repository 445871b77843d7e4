"""A platform's cover page in front of a paper (ResearchGate's, JSTOR's, a repository's), taken out whole.

ResearchGate sets a page in front of every PDF downloaded from it: "See discussions, stats,
and author profiles for this publication at: https://www.researchgate.net/publication/...",
the title, "Article in Journal of X · March 2008", the DOI, citation and read counts, some
authors' profiles ("SEE PROFILE"), related projects and "All content following this page was
uploaded by ..." (its stamp under the paper's last page, "The user has requested enhancement
of the downloaded file.", is a rule of `config/cleaning.toml`). Academia.edu's says
"Accelerating the world's research" and lists related papers. JSTOR's states the paper's
record ("Author(s):", "Source: Administrative Science Quarterly, Vol. 35, No. 1 (Mar.,
1990), pp. 128-152", "Stable URL:") above its terms of use ("Your use of the JSTOR archive
indicates your acceptance ..."). A repository run on Digital Commons (bepress: university
repositories, the AIS eLibrary) sets the repository, the collection, the title and authors,
"Follow this and additional works at: ...", a "Recommended Citation" and "This Article is
brought to you for free and open access by ...". A university's research portal run on Pure
sets the title, authors, "Published in:", "Document version:", a "Citation for published
version (APA):", its "General rights" and "Take down policy". Emerald's downloads until about
2018 open on a page of "Article information", "To cite this document:", download counts and
"Users who downloaded this article also downloaded:". A Harvard Business Review reprint's
from before about 2007 sets the title and author over what the file includes ("Included with this
full-text Harvard Business Review article: ... Article Summary ... Further Reading") and its reprint
number. SAGE's platforms (SAGE Knowledge, SAGE Research Methods) set a cover of labelled lines
("Book Title:", "Pub. Date:", "Print pages:") over "This PDF has been generated from SAGE Knowledge.
Please note that the pagination of the online version will vary from the pagination of the print
book.". A repository run on EPrints (White Rose Research Online, LSE Research Online, Glasgow's
Enlighten) cites the work in its own style ("This is a repository copy of ...", "Article:",
"Version: Accepted Version", its reuse and takedown terms). Elsevier's "Journal Pre-proof" sets
the title, authors, PII, DOI, "To appear in:", the dates, "Please cite this article as: ..." and
"This is a PDF file of an article that has undergone enhancements after acceptance ...". EconStor
(ZBW's repository of economics and business papers) sets the authors, the document type, the
title and series, "Provided in Cooperation with:", a "Suggested Citation:" and its terms of use in
German and English ("Documents in EconStor may be saved and copied ..."). Cairn.info's (French
journals and books) sets the title, the authors, the issue or book, the DOI, where the article is
online and "Distribution électronique Cairn.info pour ..." over its terms of reproduction. HAL's
(France's open archive) sets the title and authors, "To cite this version:", its citation, the
item's "HAL Id:" and its note in English and French ("HAL is a multi-disciplinary open access
archive ..."). The Munich Personal RePEc Archive's (MPRA) sets the title, the authors, their
institution, the date, "Online at https://mpra.ub.uni-muenchen.de/..." and the paper's number;
Persée's (older French journals) the title, the authors and "Citer ce document / Cite this document
:"; OpenEdition Journals' the journal, its issue, the title, the authors, the electronic and
print editions' labelled records ("Édition électronique", "Pagination :") and a "Référence
électronique"; Redalyc's (journals of Latin America, Spain and Portugal) the journal, the authors,
the title, its citation ("Revista ..., vol. 50, núm. 2, abril-junio, 2015, pp. 123-145"), "Disponible
en:" and "Página de la revista en redalyc.org"; a DSpace repository's (many American universities')
the title over labelled lines, "Item Type", "Authors", "Citation", "Download date", "Link to Item";
Érudit's (Québec's journals) the journal, the title, the authors, its issue, "Cite this article" and
"This article is disseminated and preserved by Érudit". None is the paper's text, and its names
and counts would be read as the paper's first page and indexed as its first passage: the page is
emptied (it stays, so physical page numbers hold). What it states is read from the raw page by
`corpus.metadata.platform_cover` (the open archives' and French platforms' by
`corpus.metadata.archive_covers`).
"""

from __future__ import annotations

import re

from corpus.cleaning.boilerplate import empty_page
from corpus_core.models import CleaningStats

PLATFORM_COVER = "platform_cover"
"""The cleaning stats name of the characters of a platform's cover page."""

MAX_COVER_WORDS = 400
"""A cover holds a record, counts and a few names or related titles; a paper's first page that
quotes one of its phrases holds more words."""
MAX_LISTING_COVER_WORDS = 900
"""Emerald's old download cover lists related articles and an "About Emerald" paragraph; its phrase
("Users who downloaded this article also downloaded") is no paper's."""
_LISTING_SIGNATURE = "userswhodownloadedthisarticlealsodownloaded"

_SIGNATURES = (
    "seediscussions,stats,andauthorprofilesforthispublicationat",
    "acceleratingtheworld'sresearch",
    "downloadapdfpackofthebestrelatedpapers",
    "youruseofthejstorarchiveindicatesyouracceptance",
    "jstorisanot-for-profitservice",
    "followthisandadditionalworksat",
    "copyrightandmoralrightsforthepublicationsmadeaccessibleinthepublicportal",
    "includedwiththisfull-textharvardbusinessreviewarticle",
    "thispdfhasbeengeneratedfromsage",
    "thisisarepositorycopyof",
    "availableinlseresearchonline",
    "researchpublicationsbymembersoftheuniversityofglasgow",
    "thisisapdffileofanarticlethathasundergoneenhancementsafteracceptance",
    "documentsineconstormaybesavedandcopied",
    "diedokumenteaufeconstordürfen",
    "distributionélectroniquecairn.infopour",
    "halisamulti-disciplinaryopenaccessarchive",
    "l'archiveouvertepluridisciplinairehal",
    "halid:",
    "onlineathttps://mpra.ub.uni-muenchen.de",
    "citercedocument/citethisdocument",
    "url:https://journals.openedition.org",
    "páginadelarevistaenredalyc.org",
    "linktoitemhttp",
    "thisarticleisdisseminatedandpreservedbyérudit",
    "cetarticleestdiffuséetpréservéparérudit",
)
"""Phrases of the covers, without their spaces: extraction often splits words ("Accelerat ing")."""


def find_platform_cover(pages: list[str]) -> int | None:
    """The index of the first page with text when it is a platform's cover and text follows it."""
    filled = [i for i, page in enumerate(pages) if page.strip()]
    if len(filled) < 2:
        return None
    first = pages[filled[0]]
    words = len(first.split())
    if words > MAX_LISTING_COVER_WORDS:
        return None
    compact = re.sub(r"\s+", "", first).lower().replace("’", "'")
    if _LISTING_SIGNATURE in compact:
        return filled[0]
    if words > MAX_COVER_WORDS:
        return None
    return filled[0] if any(signature in compact for signature in _SIGNATURES) else None


def remove_platform_cover(pages: list[list[str]], stats: CleaningStats) -> list[list[str]]:
    """The pages with a platform's cover page emptied (see the module doc)."""
    return empty_page(pages, find_platform_cover, PLATFORM_COVER, stats)
