"""Embed chunks and store them: Chroma vectors, the SQLite catalog and the BM25 index."""
