r"""Text and properties of an RTF file (.rtf), read by pandoc and handed on as a Word document.

Why pandoc: RTF is what macOS TextEdit saves by default and what older Word and reference
managers export, and its structure (headings as paragraph styles, footnotes as groups inside
a paragraph, tables as cell marks) is lost by the RTF text strippers on PyPI, which also drop
the `\info` group with the title and author. pandoc's RTF reader keeps all of it; the
`pypandoc_binary` wheel ships the pandoc program, so nothing is installed by hand. pandoc
turns the file into its document tree (JSON), the title and authors are taken from the tree's
metadata, and the tree without them is written as a .docx, so every structure the .docx reader
knows (headings, each footnote after its paragraph, tables row by row) is read the same way
(`corpus.loading.word`). Without the metadata pandoc would print the title and authors as
the first paragraphs of the body, which the file does not show; pictures are left out too.
Six things pandoc 3.9 reads wrongly are rewritten into forms it reads right before it reads
the file: a paragraph ended by a backslash and a line end, a "?" standing in for a Unicode
character, raw picture bytes, a footnote marked ignorable, headings marked by their style's
name only and headings in a numbered outline list. pandoc runs sandboxed: it reads no file
and no address a document names.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

from corpus.loading.word import open_word, word_text
from corpus_core.errors import CorruptFileError, UnsupportedFormatError

RTF_MAGIC = b"{\\rtf"
"""How every RTF file begins."""
TIMEOUT_S = 120
"""pandoc reads a book-length RTF file in a few seconds; one it has not finished by then is stuck."""
_QUESTION_MARK_FALLBACK = re.compile(rb"(?<!\\)\\u(-?\d{1,5})\?")
"""A Unicode character with "?" as the character older readers show instead (`\\u233?`).
pandoc 3.9 skips the "?" and the character after it ("caf\\u233? after" reads "caféafter");
with the "?" written as an escape (`\\u233\\'3f`, the form Word writes) it skips just that."""
_ESCAPED_NEWLINE = re.compile(rb"(?<!\\)\\(?=[\r\n])")
"""A backslash before a line end: a paragraph's end (the RTF specification: the same as `\\par`),
how TextEdit ends every paragraph. pandoc 3.9 reads it as a line break inside one paragraph."""
_IGNORABLE_NOTE = re.compile(rb"\{\\\*\\footnote(?![a-z])")
"""`{\\*\\footnote`: how LibreOffice writes every footnote and endnote. `\\*` only tells a reader
that does not know the destination to skip it; pandoc 3.9 skips the note although it knows
`\\footnote` (and reads it without the `\\*`)."""
_HEADING_STYLE = re.compile(
    rb"\{[^{}]*?(?<!\\)\\s(\d{1,5})(?!\d)[^{}]*?\bheading ([1-9])\s*;\}", re.IGNORECASE
)
"""A stylesheet entry of a heading style ("heading 1" ... "heading 9", Word's names): number, level."""
_STYLE = re.compile(rb"(?<!\\)\\s(\d{1,5})(?!\d)")
_PARAGRAPH_PROPERTIES = rb"(?:(?!\\par(?![a-z]))[^{}]){0,2000}?"
_LISTED_HEADING = re.compile(
    rb"(\\outlinelevel[0-8]"
    + _PARAGRAPH_PROPERTIES
    + rb"(?:\{\\listtext[^{}]*\}"
    + _PARAGRAPH_PROPERTIES
    + rb")?)\\ls\d+"
)
"""A heading's outline level, then the list it is numbered in: in the same paragraph's
properties, past nothing but its number (`\\listtext`), never into another group."""
_BINARY = re.compile(rb"(?<!\\)\\bin(\d{1,10}) ?")
"""`\\binN`: N bytes of raw data follow (a picture's), where pandoc 3.9 reads on as if they
were text (and the rewrites above could change them); written as hex digits instead, as
Word writes pictures, they read the same."""
_PROPERTIES = ("title", "author", "subject", "keywords")
"""pandoc's metadata fields kept, under the same keys a PDF's info dictionary uses (as the .docx reader's)."""


def read_rtf(data: bytes, source: str) -> tuple[str, dict[str, str]]:
    """The file's text (headings in Markdown) and properties; a LoadError naming `source` if unreadable."""
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data.startswith(RTF_MAGIC):
        raise CorruptFileError(source, "not an RTF file (it does not begin with {\\rtf)")
    program = _pandoc(source)
    data = _QUESTION_MARK_FALLBACK.sub(rb"\\u\1\\'3f", _binary_as_hex(data))
    data = _IGNORABLE_NOTE.sub(rb"{\\footnote", _ESCAPED_NEWLINE.sub(rb"\\par", data))
    data = _with_outline_levels(data)
    tree = json.loads(_run(program, ["--from", "rtf", "--to", "json"], data, source))
    info = {key: text for key in _PROPERTIES if (text := _meta_text(tree.get("meta", {}).get(key)))}
    tree["meta"] = {}
    tree["blocks"] = _without_pictures(tree.get("blocks", []))
    docx = _run(
        program, ["--from", "json", "--to", "docx", "--output", "-"], json.dumps(tree).encode(), source
    )
    document = open_word(docx, source)
    return word_text(document, source), info


def _pandoc(source: str) -> str:
    """The pandoc program of the `pypandoc_binary` wheel (or one on PATH)."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        raise UnsupportedFormatError(
            source,
            "an RTF file needs pandoc: install the project's dependencies (pypandoc_binary ships it) "
            "or save the file as .docx",
        ) from None


def _run(program: str, options: list[str], data: bytes, source: str) -> bytes:
    """What pandoc prints for `data` with these options; a CorruptFileError when it fails."""
    try:
        done = subprocess.run(
            [program, "--sandbox", *options], input=data, capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise CorruptFileError(source, f"pandoc did not finish reading it in {TIMEOUT_S} s") from None
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", "replace").split())
        reason = message or f"pandoc exit {done.returncode}"
        raise CorruptFileError(source, f"not a readable RTF file ({reason})")
    return done.stdout


def _with_outline_levels(data: bytes) -> bytes:
    r"""`data` with every heading marked as pandoc needs to see it: an outline level, no list.

    pandoc 3.9 makes a heading of a paragraph with an outline level and ignores style names.
    Word writes both; writers that give a heading its style only (as the stylesheet's
    "heading 1") would lose their headings, so `\outlinelevelN` is added after each use of
    such a style. And pandoc reads a paragraph in a list as a list item even when it has an
    outline level: LibreOffice puts every heading in its outline numbering's list (`\lsN`,
    with the number, often none, in `\listtext`), so that mark is dropped from headings.
    """
    levels = {int(found.group(1)): int(found.group(2)) - 1 for found in _HEADING_STYLE.finditer(data)}
    if levels:

        def with_level(found: re.Match[bytes]) -> bytes:
            level = levels.get(int(found.group(1)))
            return found.group(0) if level is None else found.group(0) + rb"\outlinelevel%d" % level

        data = _STYLE.sub(with_level, data)
    return _LISTED_HEADING.sub(rb"\1", data)


def _binary_as_hex(data: bytes) -> bytes:
    r"""`data` with each `\binN` and its N raw bytes replaced by those bytes in hex."""
    parts, at = [], 0
    while (found := _BINARY.search(data, at)) is not None:
        start = found.end()
        end = start + int(found.group(1))
        parts += [data[at : found.start()], data[start:end].hex().encode()]
        at = end
    parts.append(data[at:])
    return b"".join(parts)


def _without_pictures(node: Any) -> Any:
    """The tree pandoc read, without its pictures, which the .docx writer labels "image" in the text."""
    if isinstance(node, list):
        return [
            _without_pictures(item)
            for item in node
            if not (isinstance(item, dict) and item.get("t") == "Image")
        ]
    if isinstance(node, dict):
        return {key: _without_pictures(value) for key, value in node.items()}
    return node


def _meta_text(value: dict[str, Any] | None) -> str:
    """A metadata value as plain text; a list (several authors) joined with "; "."""
    if value is None:
        return ""
    if value.get("t") == "MetaList":
        return "; ".join(text for item in value["c"] if (text := _meta_text(item)))
    if value.get("t") == "MetaString":
        return " ".join(str(value["c"]).split())
    if value.get("t") in ("MetaInlines", "MetaBlocks"):
        return " ".join(_inline_text(value["c"]).split())
    return ""


def _inline_text(node: Any) -> str:
    """The words of a piece of pandoc's tree: its strings, spaces and breaks, in order."""
    if isinstance(node, list):
        return "".join(_inline_text(item) for item in node)
    if not isinstance(node, dict):
        return ""
    kind = node.get("t")
    if kind == "Str":
        return str(node["c"])
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Note", "Image"):
        return ""
    return _inline_text(node.get("c"))
