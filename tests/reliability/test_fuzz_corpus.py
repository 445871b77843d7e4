"""A fuzz corpus made by the test goes through the real ingest: every file ends ingested or reported.

Truncated, byte-flipped and zero-filled copies of real PDFs, a Word file cut short and
byte-flipped, a Word 97-2003 file (tests/data/word97) and an RTF file cut short and
byte-flipped, random bytes named .pdf, .txt, .html, .md, .docx, .doc, .rtf, .odt, .epub,
.mhtml, .webarchive,
text in UTF-16 (with and without BOM), Latin-1, Windows-1252, Shift-JIS and UTF-8 with
BOM, a megabyte on one line, a megabyte-long word, and odd markup. The run uses
the real loaders, cleaning, chunking, worker processes, Chroma, the catalog and the lexical
index (a fake embedder stands in for the model, which is not what is fuzzed). It must end
within the test's timeout, report every file exactly once, give every failure a reason that
is not an internal error, decode the encodings to the right words, and settle every file on
a second run.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from corpus_core.layout import StoreLayout
from corpus_core.runs import FileOutcome
from corpus_core.settings import Settings, load_settings
from indexing.catalog import Catalog
from indexing.run import ingest
from tests.conftest import PDFS, FakeEmbedder
from tests.corpus.test_rich_text import WORD_RTF

pytestmark = [pytest.mark.reliability, pytest.mark.timeout(300)]

SOURCES = ("pdflatex-4-pages.pdf", "multicolumn.pdf", "crazyones-pdfa.pdf", "google-doc-document.pdf")
LEGACY_WORD = Path(__file__).parents[1] / "data" / "word97" / "double-loop-learning.doc"
SENTENCE = "Organisations that learn with their customers create value together in new ways. "

JAPANESE = (
    "学習する組織は顧客と共に価値を創造する。\n知識の共有が重要である。本研究では、組織学習と価値共創の関係を検討した。\n"
    "調査の結果、リーダーシップが対話を促進し、顧客との協働を可能にすることが示された。\n"
)
ENCODED = {
    "utf16_bom.txt": (
        "utf-16",
        "Les organisations apprenantes créent de la valeur avec leurs clients. ",
        "apprenantes",
    ),
    "utf16le_nobom.txt": (
        "utf-16-le",
        "Lernende Organisationen schaffen gemeinsam Wert für Kunden. ",
        "Organisationen",
    ),
    "latin1.txt": ("latin-1", "Société naïve: la création de valeur se fait à plusieurs. ", "Société"),
    "cp1252.txt": ("cp1252", "The firm’s “co-creation” costs €5 — a fair price. ", "co-creation"),
    "utf8_bom.md": (
        "utf-8-sig",
        "# Über Wertschöpfung\n\nWertschöpfung entsteht im Dialog. ",
        "Wertschöpfung",
    ),
    "shift_jis.txt": ("shift_jis", JAPANESE, "学習する組織"),
}


def _write_pdf_variants(folder: Path, rng: random.Random) -> None:
    for name in SOURCES:
        data = (PDFS / name).read_bytes()
        stem = Path(name).stem
        for share in (0.1, 0.5, 0.9):
            (folder / f"{stem}_cut{int(share * 100)}.pdf").write_bytes(data[: int(len(data) * share)])
        (folder / f"{stem}_no_trailer.pdf").write_bytes(data[: data.rfind(b"startxref")])
        flipped = bytearray(data)
        for position in rng.sample(range(len(data)), 40):
            flipped[position] ^= 1 << rng.randrange(8)
        (folder / f"{stem}_flipped.pdf").write_bytes(bytes(flipped))
        holed = bytearray(data)
        start = rng.randrange(len(data) // 4, len(data) // 2)
        holed[start : start + len(data) // 4] = bytes(len(data) // 4)
        (folder / f"{stem}_zeroed.pdf").write_bytes(bytes(holed))
    (folder / "all_zeros.pdf").write_bytes(bytes(20_000))
    (folder / "header_only.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "header_and_junk.pdf").write_bytes(b"%PDF-1.4\n" + rng.randbytes(5_000) + b"\n%%EOF\n")


def _write_binary(folder: Path, rng: random.Random) -> None:
    suffixes = (".pdf", ".txt", ".html", ".md", ".docx", ".doc", ".rtf", ".odt", ".epub")
    suffixes += (".mhtml", ".webarchive")
    for suffix in suffixes:
        (folder / f"random{suffix}").write_bytes(rng.randbytes(30_000))
    (folder / "nul_inside.txt").write_bytes(
        (SENTENCE * 5).encode() + b"\x00\x01\x02" + (SENTENCE * 5).encode()
    )


def _write_word_variants(folder: Path, rng: random.Random) -> None:
    """Word documents cut short and byte-flipped: damaged zips, inflation errors, broken parts, and a
    Word 97-2003 file's broken compound file and text tables."""
    import docx

    document = docx.Document()
    document.add_heading("Learning together", 0)
    document.add_paragraph(SENTENCE * 20)
    buffer = io.BytesIO()
    document.save(buffer)
    _write_damaged(folder, "word", ".docx", buffer.getvalue(), rng, 20)
    _write_damaged(folder, "legacy", ".doc", LEGACY_WORD.read_bytes(), rng, 40)
    _write_damaged(folder, "rich", ".rtf", WORD_RTF, rng, 20)


def _write_damaged(folder: Path, stem: str, suffix: str, data: bytes, rng: random.Random, flips: int) -> None:
    """The file whole, cut in half, and six copies with up to `flips` bytes overwritten."""
    (folder / f"{stem}_whole{suffix}").write_bytes(data)
    (folder / f"{stem}_cut{suffix}").write_bytes(data[: len(data) // 2])
    for number in range(6):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, flips)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        (folder / f"{stem}_flipped{number}{suffix}").write_bytes(bytes(flipped))


def _write_texts(folder: Path) -> None:
    for name, (encoding, text, _) in ENCODED.items():
        (folder / name).write_bytes((text * 12).encode(encoding))
    (folder / "huge_line.txt").write_text("Title: One long line\n\n" + SENTENCE.strip() * 12_500)
    (folder / "long_word.txt").write_text("Title: One long word\n\n" + SENTENCE * 4 + "x" * 1_000_000 + "\n")
    (folder / "only_word.txt").write_text("y" * 1_000_000)
    (folder / "carriage_returns.txt").write_text((SENTENCE + "\r") * 40)
    (folder / "unclosed.html").write_text(
        "<html><head><title>Unclosed<body><p>" + SENTENCE * 20 + "<div><table><tr>"
    )
    (folder / "script_only.html").write_text("<html><script>" + "var x = 1;" * 2000 + "</script></html>")
    (folder / "blank_lines.md").write_text("\n \t\n" * 10_000)


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    rng = random.Random(20261123)
    _write_pdf_variants(folder, rng)
    _write_binary(folder, rng)
    _write_word_variants(folder, rng)
    _write_texts(folder)
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = load_settings(store=tmp_path / "store")
    settings.runner.prepare_workers = 1  # the real path: files parsed in a worker process
    return settings


def _by_name(outcomes: list[FileOutcome]) -> dict[str, FileOutcome]:
    names = [Path(o.path).name for o in outcomes]
    assert len(names) == len(set(names)), f"a file reported twice: {sorted(names)}"
    return {Path(o.path).name: o for o in outcomes}


@pytest.mark.slow
def test_every_fuzzed_file_ends_ingested_or_reported(settings: Settings, fuzz_folder: Path) -> None:
    files = {p.name for p in fuzz_folder.iterdir()}
    report = ingest(settings, [fuzz_folder], embedder=FakeEmbedder())
    outcomes = _by_name(report.outcomes)
    assert set(outcomes) == files, f"missing from the report: {sorted(files - set(outcomes))}"
    for name, outcome in outcomes.items():
        assert outcome.status in {"ingested", "failed", "skipped", "duplicate"}, (name, outcome)
        if outcome.status != "ingested":
            assert outcome.reason.strip(), (name, outcome)
        assert "internal error" not in outcome.reason, (name, outcome.reason)
        assert "worker process" not in outcome.reason, (name, outcome.reason)
    for name in (
        "random.pdf",
        "all_zeros.pdf",
        "header_only.pdf",
        "header_and_junk.pdf",
        "nul_inside.txt",
        "random.docx",
        "random.doc",
        "random.rtf",
        "random.odt",
        "random.epub",
        "random.mhtml",
        "random.webarchive",
        "word_cut.docx",
        "legacy_cut.doc",
        "rich_cut.rtf",
    ):
        assert outcomes[name].status == "failed", (name, outcomes[name])
    for name in (
        "huge_line.txt",
        "long_word.txt",
        "carriage_returns.txt",
        "word_whole.docx",
        "legacy_whole.doc",
        "rich_whole.rtf",
        *ENCODED,
    ):
        assert outcomes[name].status == "ingested", (name, outcomes[name])

    catalog = Catalog(StoreLayout(settings.store).catalog)
    try:
        for name, (_, written, word) in ENCODED.items():
            text = catalog.document(outcomes[name].doc_id).text
            assert word in text, (name, text[:200])
            assert len(text) > 0.9 * len(written * 12), (name, "text was cut", len(text))
        listed = {Path(f.path).name: (f.status, f.reason) for f in catalog.stats().failures}
    finally:
        catalog.close()
    reported = {n: (o.status, o.reason) for n, o in outcomes.items() if o.status in {"failed", "skipped"}}
    assert listed == reported

    again = _by_name(ingest(settings, [fuzz_folder], embedder=FakeEmbedder()).outcomes)
    assert set(again) == files
    for name, outcome in again.items():
        expected = {"ingested": {"unchanged"}, "duplicate": {"duplicate"}}.get(
            outcomes[name].status, {"failed", "skipped"}
        )
        assert outcome.status in expected, (name, outcomes[name], outcome)
