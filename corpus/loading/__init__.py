"""Loading: files (PDF, text, HTML, a Zotero library) read as raw text per page, OCR'd if need be."""
