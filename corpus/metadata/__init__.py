"""Metadata: a bibliographic record per file from every source that states it, the most trusted winning."""
