"""Word footnotes and endnotes as Word writes them, for tests of .docx files and drafts.

python-docx reads a document's notes part but cannot write one: these add the part and the
references to it.
"""

from __future__ import annotations

from typing import Any


def with_notes(document: Any, kind: str, notes: dict[str, str]) -> None:
    """Give `document` a footnotes or endnotes part as Word writes it (separators included)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f"<w:{kind} w:id='{note_id}'><w:p><w:r><w:{kind}Ref/></w:r>"
        f"<w:r><w:t xml:space='preserve'> {text}</w:t></w:r></w:p></w:{kind}>"
        for note_id, text in notes.items()
    )
    separators = (
        f"<w:{kind} w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>"
        f"<w:{kind} w:type='continuationSeparator' w:id='0'><w:p><w:r><w:t>cont.</w:t></w:r></w:p></w:{kind}>"
    )
    xml = f"<w:{kind}s xmlns:w='{w}'>{separators}{body}</w:{kind}s>"
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), document.part.package)
    reltype = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    document.part.relate_to(part, reltype)


def refer(paragraph: Any, kind: str, note_id: str) -> None:
    """Add a reference to note `note_id` at the end of `paragraph`."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:{kind}Reference w:id='{note_id}'/></w:r>"))
