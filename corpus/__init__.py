"""Turn files into cleaned, described, chunked documents (load, clean, metadata, chunk)."""
