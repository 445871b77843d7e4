"""Query the corpus: ranked passages grouped by work, with citations (Python API, CLI, HTTP).

from search_api import Corpus, search
"""

from search_api.service import Corpus, search

__all__ = ["Corpus", "search"]
