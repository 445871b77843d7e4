"""`corpus check` on a LaTeX draft: natbib's and biblatex's citations by key, LaTeX's quotation marks.

A `.tex` draft cites by BibTeX key ("\\citep[p.~21]{chung2009cocreation}"), as Pandoc's drafts
do, so its citations resolve by each work's citation key and BibTeX makes its reference list;
its quotations are ``...'' and \\enquote{...}; what a comment ("% ...") holds is not read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from search_api import Corpus
from search_api.draft_citations import is_latex, parse_draft, read_draft
from tests.search_api.writing_corpus import CHUNG, LEARNING, WritingCorpus

LATEX = r"""\documentclass{article}
\begin{document}
% \citep{commented2001} is no citation, and ``a commented quotation of several words'' no quotation
Firms learn with customers \citep[p.~21]{chung2009}, as \citet{senge1990} and others
\parencite[see][22--23]{dovey2019,chung2009} argue. Chung holds that ``learning happens in the
\emph{exchange} with the customer'' \citep[20]{chung2009}; \enquote{value is made in use by the
customer}~\autocite{vargo2004}. About 50\% of firms do; it's ``the norm'' now.
\begin{quote}
Organisations learn when their members \emph{reflect} on what they do \citep[p.~7]{argyris1978}.
\end{quote}
\bibliography{refs}
\end{document}
"""


def test_latex_citations_by_key_with_their_postnote_pages() -> None:
    draft = parse_draft(LATEX, latex=True)
    assert [(c.kind, c.key, c.pages) for c in draft.citations] == [
        ("key", "chung2009", "21"),
        ("key", "senge1990", ""),
        ("key", "dovey2019", ""),
        ("key", "chung2009", "22-23"),
        ("key", "chung2009", "20"),
        ("key", "vargo2004", ""),
        ("key", "argyris1978", "7"),
    ]
    assert [(q.text, q.citation, q.block) for q in draft.quotes] == [
        ("learning happens in the exchange with the customer", 4, False),
        ("value is made in use by the customer", 5, False),
        ("Organisations learn when their members reflect on what they do.", 6, True),
    ]
    assert not draft.has_reference_list, "BibTeX makes the list from the keys"


def test_a_tex_file_is_a_draft_and_latex_is_told_from_its_body(tmp_path: Path) -> None:
    path = tmp_path / "chapter.tex"
    path.write_text(LATEX, encoding="utf-8")
    assert read_draft(path, 100_000) == LATEX
    assert is_latex(LATEX) and is_latex("plain", "chapter.TEX")
    assert not is_latex('About 50% of firms say "learning matters" (Chung, 2009).', "draft")


@pytest.mark.slow
def test_a_latex_draft_is_checked_by_its_keys(writing: WritingCorpus, corpus: Corpus) -> None:
    """Keyed as `corpus bib` writes them (a Better BibTeX key where Zotero has one)."""
    right = writing.quotation("learning", "103")
    report = corpus.check(
        "\\begin{document}\n"
        f"Learning co-creates value: ``{right}'' \\citep[p.~103]{{dovey2019learning}}.\n"
        "\\citet[20]{chung2009cocreation} agrees; see \\citep{nobody2001}.\n"
        "\\end{document}\n",
        source="chapter.tex",
    )
    assert [(c.key, c.pages, c.status) for c in report.citations] == [
        ("dovey2019learning", "103", "ok"),
        ("chung2009cocreation", "20", "ok"),
        ("nobody2001", "", "not_in_corpus"),
    ]
    assert [c.work.title if c.work else None for c in report.citations] == [LEARNING, CHUNG, None]
    assert [(q.status, q.page, q.on_cited_page) for q in report.quotes] == [("verbatim", "103", True)]
    assert report.missing_references == [] and report.problems == 1
