"""RTF files (.rtf) as Word and TextEdit write them, read through pandoc as users' folders hold them."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_core.errors import CorruptFileError, EmptyFileError, NoTextError, UnsupportedFormatError
from tests.corpus.loader_checks import assert_record, assert_refused, loaded

WORD_RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0\deflang1033{\fonttbl{\f0\froman\fcharset0 Times New Roman;}}
{\stylesheet{\s0\snext0 Normal;}{\s1\sbasedon0\snext0\outlinelevel0\b\fs32 heading 1;}
{\s2\sbasedon0\snext0\outlinelevel1\b\fs28 heading 2;}}
{\info{\title Double-Loop Learning in Service Teams}{\author Ingrid Solberg}{\operator Ingrid Solberg}
{\creatim\yr2019\mo3\dy4\hr10\min0}}
\pard\plain\s1\outlinelevel0\b\fs32 Why teams stop learning\par
\pard\plain\s0 Service teams correct their errors within the rules they already hold; this is single-loop
 learning.{\super\chftn{\footnote\pard\plain\s0{\super\chftn} Argyris and Sch\'f6n named the distinction in
 1978.}} Double-loop learning questions the rules themselves.\par
\pard\plain\s2\outlinelevel1\b\fs28 What the interviews show\par
\pard\plain\s0 Members who review a failed delivery together change their routines more often than members
 who review it alone\u8212?in the caf\u233? after the shift as much as in the office.\par
\trowd\cellx3000\cellx6000
\pard\intbl Review\cell Routine changed\cell\row
\trowd\cellx3000\cellx6000
\pard\intbl Together\cell 14 of 20\cell\row
\pard\plain\s0 Customers who join the review co-create the new routine; value is then created with them.\par
}
"""
"""As Word writes a paper: heading styles, the information group, a footnote, a table,
cp1252 and Unicode escapes."""

TEXTEDIT_RTF = rb"""{\rtf1\ansi\ansicpg1252\cocoartf2761
\cocoatextscaling0\cocoaplatform0{\fonttbl\f0\fswiss\fcharset0 Helvetica;\f1\fswiss\fcharset0 Helvetica-Bold;}
{\colortbl;\red255\green255\blue255;}
{\*\expandedcolortbl;;}
\paperw11900\paperh16840\margl1440\margr1440\vieww11520\viewh8400\viewkind0
\pard\tx566\tx1133\tx1700\pardirnatural\partightenfactor0

\f1\b\fs28 \cf0 Notes from the supplier workshops\
\
\f0\b0\fs24 The workshop leaders asked members to name one routine they had changed after a failure
 \'96 most named the weekly review.\
\
Members spoke of \uc0\u8220 learning together\u8221  rather than of training; two said the change
 stuck because customers took part.}
"""
"""As macOS TextEdit saves notes (its default format): no styles, a paragraph ends with a backslash."""


REAL = Path(__file__).parents[1] / "data" / "rtf"


def test_files_word_for_mac_and_textedit_wrote_are_read_whole(tmp_path: Path) -> None:
    word = loaded(tmp_path / "lorem.rtf", (REAL / "word-mac-2011-lorem-ipsum.rtf").read_bytes(), "rtf")
    blocks = word.pages[0].split("\n\n")
    assert word.info == {"author": "Andrew Jackson"}
    assert blocks[0] == "Variatio Ipsius" and len(blocks) == 9
    assert blocks[1].startswith("Lorem ipsum dolor sit amet") and blocks[1].endswith("a fermentum ante.")
    assert "Praesent adipiscing aliquam" in blocks[1], "a word Word split across runs is whole"
    assert blocks[-1].endswith("neighboring rights to this work.")
    notes = loaded(tmp_path / "readme.rtf", (REAL / "textedit-readme.rtf").read_bytes(), "rtf")
    lines = notes.pages[0].split("\n\n")
    assert lines[:3] == [
        "* Filename: Neddy_Flyer_HeatherRyan.indd",
        "* PUID: x-fmt/450",
        "* mimeType: application/octet-stream",
    ]
    assert "Heather Ryan (neé Bowden) has waived all copyright" in lines[-1]


def test_an_rtf_libreoffice_wrote_reads_as_the_same_document_in_word_97(tmp_path: Path) -> None:
    from tests.corpus.test_legacy_word import FIXTURE_TEXT

    raw = loaded(tmp_path / "memo.rtf", (REAL / "double-loop-learning.rtf").read_bytes(), "rtf")
    assert raw.pages == [FIXTURE_TEXT], "headings in LibreOffice's outline list, its {\\*\\footnote}"
    assert_record(
        raw,
        {
            "title": "Double-Loop Learning in Service Teams",
            "author": "Ingrid Solberg",
            "keywords": "organizational learning",
        },
        ["Solberg"],
        ["Why teams stop learning", "What the interviews show"],
    )


def test_a_word_rtf_is_read_in_order_with_its_headings_footnote_table_and_record(tmp_path: Path) -> None:
    raw = loaded(tmp_path / "teams.rtf", WORD_RTF, "rtf")
    assert raw.pages == [
        "## Why teams stop learning\n\n"
        "Service teams correct their errors within the rules they already hold; this is single-loop "
        "learning. Double-loop learning questions the rules themselves.\n\n"
        "Argyris and Schön named the distinction in 1978.\n\n"
        "### What the interviews show\n\n"
        "Members who review a failed delivery together change their routines more often than members "
        "who review it alone\u2014in the café after the shift as much as in the office.\n\n"
        "Review | Routine changed\n\nTogether | 14 of 20\n\n"
        "Customers who join the review co-create the new routine; value is then created with them."
    ], "the footnote after its paragraph, the table row by row, the title and author not in the text"
    assert_record(
        raw,
        {"title": "Double-Loop Learning in Service Teams", "author": "Ingrid Solberg"},
        ["Solberg"],
        ["Why teams stop learning", "What the interviews show"],
    )


def test_textedit_notes_keep_their_paragraphs_and_characters(tmp_path: Path) -> None:
    raw = loaded(tmp_path / "workshops.rtf", TEXTEDIT_RTF, "rtf")
    assert raw.info == {}
    assert raw.pages[0].split("\n\n") == [
        "Notes from the supplier workshops",
        "The workshop leaders asked members to name one routine they had changed after a failure "
        "\u2013 most named the weekly review.",
        "Members spoke of \u201clearning together\u201d rather than of training; two said the change "
        "stuck because customers took part.",
    ]


def test_several_authors_and_a_unicode_title_come_from_the_information_group(tmp_path: Path) -> None:
    body = rb"\pard " + b"Knowledge moves between the teams through the people who move. " * 8 + rb"\par}"
    info = (
        rb"{\rtf1\ansi\uc1{\info{\title \u917?\u960?\u953?\u963?\u964?\u942?\u956?\u951? and learning}"
        rb"{\author Ana Lima; Jo\'e3o Reis}{\keywords learning organization}}"
    )
    raw = loaded(tmp_path / "greek.rtf", info + body, "rtf")
    assert raw.info == {
        "title": "Επιστήμη and learning",
        "author": "Ana Lima; João Reis",
        "keywords": "learning organization",
    }


def test_headings_marked_by_their_style_name_only_are_headings(tmp_path: Path) -> None:
    body = b"Knowledge moves between the teams through the people who move between them. " * 4
    data = (
        rb"{\rtf1\ansi{\stylesheet{\s0 Normal;}{\s1\sbasedon0\b\fs32 heading 1;}{\s12\sbasedon0\b Heading 2;}"
        rb"{\s20\sbasedon0 Subheading 1;}}"
        + rb"\pard\plain\s1 Moving people\par\pard\plain\s0 "
        + body
        + rb"\par"
        + rb"\pard\plain\s12 Moving routines\par\pard\plain\s20 Not a heading style\par"
        + rb"\pard\plain\s0 "
        + body
        + rb"\par}"
    )
    raw = loaded(tmp_path / "styles.rtf", data, "rtf")
    blocks = raw.pages[0].split("\n\n")
    assert [b for b in blocks if b.startswith("#")] == ["## Moving people", "### Moving routines"]
    assert "Not a heading style" in blocks


def test_notes_libreoffice_marks_ignorable_come_after_their_paragraph(tmp_path: Path) -> None:
    text = b"Members who review a failed delivery together change their routines more often. " * 3
    data = (
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Liberation Serif;}}\pard\plain "
        + text
        + rb"{\super\chftn}{\*\footnote\chftn\pard\plain{\super\chftn} Argyris and Sch\'f6n, 1978.}"
        + rb" More so with customers.{\super\chftn}{\*\footnote\ftnalt\chftn\pard\plain Chung, 2009.}\par"
        + rb"\pard\plain The next paragraph.\par}"
    )
    raw = loaded(tmp_path / "libreoffice.rtf", data, "rtf")
    assert raw.pages[0].split("\n\n") == [
        text.decode() + "More so with customers.",
        "Argyris and Schön, 1978.",
        "Chung, 2009.",
        "The next paragraph.",
    ], "the footnote and the endnote after the paragraph that refers to them"


PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a48f0000000049454e44ae426082"
)


def test_pictures_hex_or_binary_and_a_byte_order_mark_leave_the_text_whole(tmp_path: Path) -> None:
    text = b"Customers who join the review co-create the new routine with the staff. " * 4
    hexed = rb"{\pict\pngblip\picw1\pich1 " + PNG_1X1.hex().encode() + b"}"
    binary = rb"{\pict\pngblip\picw1\pich1\bin" + str(len(PNG_1X1)).encode() + b" " + PNG_1X1 + b"}"
    for name, picture in (("hex", hexed), ("bin", binary)):
        data = b"\xef\xbb\xbf" + rb"{\rtf1\ansi\pard " + picture + text + rb"\par\pard " + text + rb"\par}"
        raw = loaded(tmp_path / f"{name}.rtf", data, "rtf")
        assert raw.pages[0].split("\n\n") == [text.decode().strip()] * 2, name


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"Notes typed in a text editor, saved as .rtf.", CorruptFileError, r"not an RTF file"),
        (rb"{\rtf1\ansi{\fonttbl\f0 Helvetica;}\pard\par}", NoTextError, "the RTF file has no text"),
        (b"", EmptyFileError, "file is empty"),
    ],
    ids=["text", "no-text", "empty"],
)
def test_an_rtf_that_cannot_be_read_names_the_file_and_the_reason(
    tmp_path: Path, data: bytes, error: type[Exception], reason: str
) -> None:
    assert_refused(tmp_path / "notes.rtf", data, error, reason)


def test_a_cut_rtf_is_reported_damaged_with_pandocs_reason(tmp_path: Path) -> None:
    cut = WORD_RTF[: WORD_RTF.index(rb"\pard\plain\s2")]
    assert_refused(tmp_path / "cut.rtf", cut, CorruptFileError, r"not a readable RTF file \(.*end of input")


def test_without_pandoc_an_rtf_is_reported_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypandoc

    def missing() -> str:
        raise OSError("No pandoc was found")

    monkeypatch.setattr(pypandoc, "get_pandoc_path", missing)
    assert_refused(tmp_path / "notes.rtf", WORD_RTF, UnsupportedFormatError, "needs pandoc")
