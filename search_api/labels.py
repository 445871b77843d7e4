"""Search filters on Zotero collections and tags, resolved in the catalog by index.

Labels are stored per file (`indexing.catalog`, table `labels`) with the keys a name matches
(`corpus.loading.zotero.label_key`, `collection_keys`), so a filter is one indexed query per label
and never a scan of the documents. A work matches when any of its files carries the label.

    allowed = labelled_documents(catalog, "Reading/Theory", "to-read", allowed)
"""

from __future__ import annotations

from corpus.loading.zotero import label_key
from indexing.catalog import Catalog


def labelled_documents(
    catalog: Catalog, collection: str | None, tag: str | None, allowed: set[str] | None = None
) -> set[str] | None:
    """`allowed` (None: every document) narrowed to works in `collection` and with `tag`.

    Returns `allowed` itself when neither is given; an empty set when nothing matches.
    """
    for kind, name in (("collection", collection), ("tag", tag)):
        if name is None or not name.strip():
            continue
        found = catalog.labelled_documents(kind, label_key(name))
        allowed = found if allowed is None else allowed & found
    return allowed
