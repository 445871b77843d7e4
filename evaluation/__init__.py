"""Retrieval quality on relevance-judged collections (BEIR layout), measured through the user's query path.

Kept apart from the query service: it builds throwaway stores through `indexing.run` and
searches them with `search_api`, and nothing in the service imports it.
"""
