"""Query the corpus: ranked passages grouped by work, with citations (Python API, CLI, HTTP).

    from search_api import Corpus, search

`Corpus` and `search` are imported on first use: the ingestion flow imports two small
modules of this package (saved searches, work vectors) and should not pay for the query
engine's imports (citeproc, networkx, the HTTP models) while the model loads.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search_api.service import Corpus, search

__all__ = ["Corpus", "search"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from search_api import service

        return getattr(service, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
