"""A reference manager's export beside its files describes them, whatever its name.

Zotero's "Export Collection..." with "Export Files" writes `Exported Items.bib` (or `.ris`) and
`files/<n>/<name>.pdf`; Mendeley, JabRef and EndNote export a library the same way. Such a
`.bib` or `.ris` is a folder manifest: each file it names gets the entry's record.
"""

from __future__ import annotations

from pathlib import Path

from corpus_core.settings import Settings
from indexing.run import ingest
from search_api import Corpus
from tests.corpus.zotero_library import write_pdf

BIB = """@article{chung_co-creation_2009,
	title = {Co-creation with the customer: a strategy for organisation learning},
	volume = {16},
	journal = {The Learning Organization},
	author = {Chung, Yin Min},
	year = {2009},
	pages = {19--30},
	file = {Full Text PDF:files/12/Chung - 2009 - Co-creation with the customer.pdf:application/pdf},
}
"""

RIS = """TY  - JOUR
TI  - The learning organization as a context for value co-creation
AU  - Dovey, Ken
AU  - Burdon, Brian
PY  - 2019
T2  - The Learning Organization
L1  - internal-pdf://0412345678/Dovey 2019.pdf
ER  -

TY  - BOOK
TI  - The fifth discipline
AU  - Senge, Peter M.
PY  - 1990
L1  - file:///C:/Users/ana/Library/Senge%201990.pdf
ER  -
""".replace("ER  -\n", "ER  - \n")  # RIS ends a record with "ER  - ", its space included

LINES = [f"Organisations learn with their customers, and value is co-created in use {n}." for n in range(9)]


def _export(root: Path) -> Path:
    exported = root / "Exported Items"
    write_pdf(exported / "files" / "12" / "Chung - 2009 - Co-creation with the customer.pdf", LINES)
    (exported / "Exported Items.bib").write_text(BIB, encoding="utf-8")
    (exported / "Exported Items").mkdir()  # a folder of the export's name owns no .bib
    write_pdf(root / "endnote" / "Dovey 2019.pdf", LINES[:5])
    write_pdf(root / "endnote" / "Senge 1990.pdf", LINES[4:])
    (root / "endnote" / "My EndNote Library.ris").write_text(RIS, encoding="utf-8")
    (root / "endnote" / "draft references.bib").write_text(
        "@book{senge1990, title={The fifth discipline}, author={Senge, Peter}, year={1990}}\n"
    )
    return exported


def _works(settings: Settings) -> dict[str, tuple[str, int | None, str]]:
    corpus = Corpus(settings=settings)
    try:
        return {Path(w.files[0]).name: (w.title, w.year, w.venue) for w in corpus.documents()}
    finally:
        corpus.close()


def test_zotero_and_endnote_exports_describe_their_files(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    exported = _export(tmp_path / "shared")
    report = ingest(settings, [tmp_path / "shared"], embedder=fake_embedder)
    outcomes = {Path(o.path).name: (o.status, o.reason) for o in report.outcomes}
    assert outcomes["draft references.bib"] == ("skipped", ".bib file that describes no document here")
    assert "Exported Items.bib" not in outcomes and "My EndNote Library.ris" not in outcomes
    assert _works(settings) == {
        "Chung - 2009 - Co-creation with the customer.pdf": (
            "Co-creation with the customer: a strategy for organisation learning",
            2009,
            "The Learning Organization",
        ),
        "Dovey 2019.pdf": (
            "The learning organization as a context for value co-creation",
            2019,
            "The Learning Organization",
        ),
        "Senge 1990.pdf": ("The fifth discipline", 1990, ""),
    }

    (exported / "Exported Items.bib").write_text(BIB.replace("{2009}", "{2010}"), encoding="utf-8")
    again = ingest(settings, [tmp_path / "shared"], embedder=fake_embedder)
    statuses = {Path(o.path).name: o.status for o in again.outcomes}
    assert statuses["Chung - 2009 - Co-creation with the customer.pdf"] == "ingested", "its record changed"
    assert statuses["Dovey 2019.pdf"] == "unchanged"
    assert _works(settings)["Chung - 2009 - Co-creation with the customer.pdf"][1] == 2010


def test_an_export_whose_files_are_not_here_gets_a_line(
    settings: Settings, tmp_path: Path, fake_embedder
) -> None:
    folder = tmp_path / "copied"
    folder.mkdir()
    (folder / "notes.txt").write_text("Title: Tea\n\n" + "Tea is brewed slowly in Kyoto. " * 20)
    (folder / "library.ris").write_text(RIS, encoding="utf-8")
    report = ingest(settings, [folder], embedder=fake_embedder)
    outcomes = {Path(o.path).name: (o.status, o.reason) for o in report.outcomes}
    assert outcomes["library.ris"] == (
        "skipped",
        "manifest whose 2 entries name no file here: Dovey 2019.pdf, Senge 1990.pdf",
    )
