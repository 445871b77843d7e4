"""Search filters on Zotero collections and tags, resolved in the catalog by index.

Labels are stored per file (`indexing.catalog`, table `labels`) with the keys a name matches
(`corpus.loading.zotero.label_key`, `collection_keys`), so a filter is one indexed query per label
and never a scan of the documents. A work matches when any of its files carries the label.

    allowed = labelled_documents(catalog, "Reading/Theory", "to-read", allowed)
"""

from __future__ import annotations

from corpus.loading.zotero import label_key
from corpus_core.errors import UsageError
from indexing.catalog import Catalog


def labelled_documents(
    catalog: Catalog, collection: str | None, tag: str | None, allowed: set[str] | None = None
) -> set[str] | None:
    """`allowed` (None: every document) narrowed to works in `collection` and with `tag`.

    Returns `allowed` itself when neither is given; an empty set when nothing matches. A
    label no work of the store carries is a `UsageError` (most often a typo), not an empty
    result that looks like "nothing on that topic".
    """
    for kind, name in (("collection", collection), ("tag", tag)):
        if name is None or not name.strip():
            continue
        found = catalog.labelled_documents(kind, label_key(name))
        if not found:
            raise UsageError(_unknown(catalog, kind, name))
        allowed = found if allowed is None else allowed & found
    return allowed


def _unknown(catalog: Catalog, kind: str, name: str) -> str:
    if catalog.has_labels(kind):
        hint = f"`corpus labels` (GET /labels) lists the {kind}s it has"
    else:
        hint = f"the corpus has no Zotero {kind}s (corpus ingest --zotero PATH brings them)"
    return f"no work of this corpus is in Zotero {kind} {name!r}; {hint}"
