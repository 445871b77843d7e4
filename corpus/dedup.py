"""Recognise one work in several files: exact copies, near-duplicate versions, abstract + full text.

Two files are one work when their texts are near duplicates (MinHash estimate of the Jaccard
similarity of word 5-shingles), when they carry the same DOI, or when their titles match after
case and punctuation are ignored, their years do not conflict and their authors share a name.
`merge_records` then builds the work's canonical record, each field from its most trusted source.

    if same_work(meta_a, signature(text_a), meta_b, signature(text_b)):
        canonical = merge_records([meta_a, meta_b])
"""

from __future__ import annotations

import hashlib
import re

from corpus.metadata.fields import fold
from corpus.metadata.merge import merge_by_trust
from corpus_core.models import Metadata

NUM_PERM = 128
"""MinHash permutations: the signature length."""
SEED = 1
"""Fixed seed so signatures are comparable across runs and processes."""
SCHEME = "affine32"
"""datasketch permutation scheme, pinned so a stored signature can be rebuilt into a MinHash."""
SHINGLE_WORDS = 5
"""Words per shingle."""
NEAR_DUPLICATE = 0.8
"""Estimated Jaccard similarity at or above which two texts are versions of one work."""
MIN_TITLE_CHARS = 20
"""Titles shorter than this ("Introduction", "Editorial") are too generic to identify a work."""
LSH_BANDS, LSH_ROWS = 9, 13
"""Locality-sensitive hashing of signatures into 9 bands of 13 values: the banding datasketch's
MinHashLSH chooses for threshold 0.8 and 128 permutations (equal weight on false positives and
negatives). Two documents sharing any band are candidates; `same_work` decides."""


def signature(text: str) -> list[int]:
    """MinHash signature (128 ints) of the text's lower-case word 5-shingles; [] for a text without words."""
    words = re.findall(r"\w+", (text or "").lower())
    if not words:
        return []
    size = min(SHINGLE_WORDS, len(words))
    shingles = {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}
    # Imported here: the datasketch package imports scipy (~0.6 s), and only the processes
    # that prepare files need it, not every command that reads the catalog.
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return [int(value) for value in minhash.hashvalues]


def lsh_bands(sig: list[int]) -> list[str]:
    """One key per LSH band of a signature ("<band>:<hash of its values>"); [] for an empty signature.

    Stored in the catalog with an index, the keys find a new document's near-duplicate
    candidates with one query, however large the store.
    """
    if len(sig) < LSH_BANDS * LSH_ROWS:
        return []
    keys = []
    for band in range(LSH_BANDS):
        values = sig[band * LSH_ROWS : (band + 1) * LSH_ROWS]
        digest = hashlib.blake2b(",".join(map(str, values)).encode(), digest_size=8).hexdigest()
        keys.append(f"{band}:{digest}")
    return keys


def title_key(title: str) -> str:
    """The folded title used to link works by title; '' for titles too short to identify a work."""
    key = fold(title)
    return key if len(key) >= MIN_TITLE_CHARS else ""


def similarity(sig_a: list[int], sig_b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures; 0.0 if either is empty or their lengths differ."""
    if not sig_a or not sig_b or len(sig_a) != len(sig_b):
        return 0.0
    return sum(a == b for a, b in zip(sig_a, sig_b, strict=True)) / len(sig_a)


def same_work(a: Metadata, sig_a: list[int], b: Metadata, sig_b: list[int]) -> bool:
    """Whether two documents are versions or parts (abstract page, full text) of one work."""
    if similarity(sig_a, sig_b) >= NEAR_DUPLICATE:
        return True
    if a.is_notice != b.is_notice:
        return False  # a notice read with its article's DOI, or its title, is still not the article
    if a.doi and b.doi and a.doi.lower() == b.doi.lower():
        return True
    if "file-name" in (a.sources.get("title"), b.sources.get("title")):
        return False  # two notes both named "chapter notes" in two projects are two works
    if a.is_review != b.is_review:
        return False  # a review without its reviewer or year has its book's title, and is not the book
    title_a, title_b = fold(a.title), fold(b.title)
    if len(title_a) < MIN_TITLE_CHARS or title_a != title_b:
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    return _authors_agree(a, b)


def _authors_agree(a: Metadata, b: Metadata) -> bool:
    """Tell whether the authors agree: True unless both records name authors and share no family name."""
    names_a = {fold(p.family or p.literal) for p in a.authors} - {""}
    names_b = {fold(p.family or p.literal) for p in b.authors} - {""}
    return not names_a or not names_b or bool(names_a & names_b)


def merge_records(records: list[Metadata]) -> Metadata:
    """One canonical record from the records of a work's files: per field the most trusted value.

    Trust: user > sidecar > manifest > xmp/pdf-info > labelled-text > first-page; among equals
    the earlier record wins. Each field keeps the source it came from; gaps are filled from
    the other records.
    """
    if not records:
        return Metadata()
    return merge_by_trust(records)
