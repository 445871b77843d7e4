"""A small corpus of PDFs made from the seeds, with printed page numbers, for `corpus check` and `quote`.

Three seeds are set with reportlab (`tests.corpus.layouts`) on numbered pages and given
CSL-JSON sidecars: the 2019 manuscript (three authors, pages from 101), Chung's 2009
abstract (pages from 19) and the 2016 project report (no authors: cited by its title,
pages from 1). `Rendered.lines` says which lines were drawn on which printed page, so a
test can take a quotation from a known page. The store is built by the real run loop with
the fake embedder; `open_corpus` serves its dense side with the same fake embedder, so
hybrid retrieval runs without a model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus_core.settings import Settings, load_settings
from search_api import Corpus
from tests.conftest import SEEDS, FakeEmbedder
from tests.corpus.layouts import Layout, Rendered, render

LEARNING = "The learning organization as a context for value co-creation"
CHUNG = "Co-creation with the customer: a strategy for organisation learning and innovation"
SUPPORT = "The Support of Value Co-creation"
_SIDECARS = {
    "learning": {
        "type": "article-journal",
        "title": LEARNING,
        "author": [
            {"family": "Dovey", "given": "Ken"},
            {"family": "Burdon", "given": "Bruce"},
            {"family": "Simpson", "given": "Robert"},
        ],
        "issued": {"date-parts": [[2019]]},
        "container-title": "The Learning Organization",
    },
    "chung": {
        "type": "article-journal",
        "title": CHUNG,
        "author": [{"family": "Chung", "given": "Yin Min"}],
        "issued": {"date-parts": [[2009]]},
        "container-title": "International Journal of Learning and Intellectual Capital",
        "page": "19-20",
    },
    "support": {"type": "report", "title": SUPPORT, "issued": {"date-parts": [[2016]]}},
}
_SOURCES = {
    "learning": ("001_30eaf569d8f24f46.txt", 101),
    "chung": ("003_8d266e3097892f5e.txt", 19),
    "support": ("004_a55af189371025e5.txt", 1),
}


class QueryEmbedder(FakeEmbedder):
    """The fake embedder with the query encoder's `warm_up` (the server readies its encoder at start)."""

    def warm_up(self) -> None:
        """Nothing to load."""


@dataclass
class WritingCorpus:
    """The folder, the store's settings and what was drawn on which printed page."""

    folder: Path
    settings: Settings
    rendered: dict[str, Rendered]
    embedder: QueryEmbedder

    def cli(self, *args: str) -> tuple[int, str]:
        """Exit code and output of a `corpus` command over this store (in process, as Typer runs it)."""
        from typer.testing import CliRunner

        from corpus_cli.main import app

        result = CliRunner().invoke(app, [*args, "--store", str(self.settings.store)], catch_exceptions=False)
        return result.exit_code, result.output

    def quotation(self, name: str, printed: str, line: int = 8, words: int = 14) -> str:
        """Words drawn on one printed page of a PDF, from lines without hyphenated breaks or quote marks."""
        rendered = self.rendered[name]
        lines = rendered.lines[rendered.printed.index(printed)]
        for start in range(line, len(lines) - 3):
            picked = lines[start : start + 3]
            if any(piece.endswith("-") or '"' in piece or "“" in piece for piece in picked):
                continue
            found = " ".join(picked).split()
            if len(found) >= words + 4:
                return " ".join(found[3 : words + 3]).strip(",;:")
        raise AssertionError(f"no plain lines on page {printed} of {name}")


def unseen_draft(writing: WritingCorpus) -> str:
    """An unseen draft citing works right, with the wrong year, a quotation on the wrong page, a work
    the corpus lacks and an (ibid.); its reference list has an uncited entry (Senge) and none for
    Kohtamäki and Rajala.
    """
    right = writing.quotation("learning", "103")
    wrong_page = writing.quotation("learning", "105")
    ranged = writing.quotation("learning", "108", line=12)
    support = writing.quotation("support", "2")
    return (
        "# Learning and co-creation\n\n"
        f'Learning organizations co-create value: "{right}" (Dovey et al., 2019, p. 103).\n\n'
        f'Dovey, Burdon and Simpson (2019) also note that "{wrong_page}" (p. 102).\n\n'
        f'A range accepts either page: "{ranged}" (Dovey et al., 2019, pp. 107-108).\n\n'
        f'> {support} ("The Support of Value Co-creation", 2016, p. 2)\n\n'
        "Customers co-create (Chung, 2008), as Kohtamäki and Rajala (2016) show (ibid.).\n\n"
        "## References\n\n"
        "- Chung, Y. M. (2009). Co-creation with the customer: a strategy for organisation learning and "
        "innovation. IJLIC, 6(1/2), 19-30.\n"
        "- Dovey, K., Burdon, B., & Simpson, R. (2019). The learning organization as a context for value "
        "co-creation. The Learning Organization.\n"
        "- Senge, P. (1990). The fifth discipline. Doubleday.\n"
        "- The support of value co-creation. (2016). Project report.\n"
    )


def build_writing_corpus(base: Path) -> WritingCorpus:
    """Write the PDFs and sidecars under `base`/papers and ingest them into `base`/store."""
    from indexing.run import ingest

    folder = base / "papers"
    folder.mkdir(parents=True)
    rendered = {}
    for name, (seed, first) in _SOURCES.items():
        text = (SEEDS / seed).read_text(encoding="utf-8")
        size = 22 if name == "chung" else 11  # the abstract fills two pages: one page shows no numbering
        layout = Layout(name=name, first_number=first, number_at="bottom", font_size=size)
        rendered[name] = render(text, layout, folder / f"{name}.pdf")
        (folder / f"{name}.json").write_text(json.dumps(_SIDECARS[name]), encoding="utf-8")
    settings = load_settings(store=base / "store")
    settings.runner.prepare_workers = 0
    settings.server.api_token = ""
    settings.server.host = "127.0.0.1"
    embedder = QueryEmbedder()
    report = ingest(settings, [folder], embedder=embedder)
    statuses = {Path(o.path).name: o.status for o in report.outcomes}
    assert set(statuses.values()) == {"ingested"}, report.outcomes
    return WritingCorpus(folder, settings, rendered, embedder)


@contextmanager
def open_corpus(writing: WritingCorpus) -> Iterator[Corpus]:
    """A Corpus over the store whose query encoder is the fake embedder the store was built with."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("search_api.service.shared_query_encoder", lambda settings: writing.embedder)
        corpus = Corpus(settings=writing.settings)
        try:
            yield corpus
        finally:
            corpus.close()
