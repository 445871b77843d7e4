"""The closed vocabularies users pick from: search modes and citation styles, each named once.

Settings, the engine, the formatter, the HTTP schema and the CLI all take these, so a new
mode or style is added here and nowhere else spells the list.
"""

from __future__ import annotations

from typing import Literal, get_args

Mode = Literal["dense", "lexical", "hybrid"]
"""Retrieval modes: embeddings only, BM25 only, or both fused."""
MODES: tuple[Mode, ...] = get_args(Mode)

Style = Literal["apa", "harvard", "chicago", "chicago-notes", "bibtex", "ris", "csl-json"]
"""Every citation style the project formats ("chicago" is Chicago's author-date style)."""
STYLES: tuple[Style, ...] = get_args(Style)

InTextStyle = Literal["apa", "harvard", "chicago", "chicago-notes"]
"""Styles with a form that cites a work in the text: the author-date styles' parenthetical
("(Chung, 2009, p. 21)") and Chicago's note ("Yin Min Chung, “Co-creation ...,” ... (2009): 21.")."""
IN_TEXT_STYLES: tuple[InTextStyle, ...] = get_args(InTextStyle)
