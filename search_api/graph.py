"""The citation graph inside the corpus: which works cite which, and what they cite that is missing.

Nodes are the corpus's works and the references they cite that are not in it; an edge runs
from a citing work to what one of its reference-list entries names (a networkx `DiGraph`,
built from the catalog once per store generation). A reference resolves to a work of the
corpus when their folded titles agree (whole, or the main title before a colon, or nearly,
for works of the same first author and year), their years are at most one apart and the
reference's first author is among the work's authors (either list may be unknown). Other
references become external nodes keyed by first author's family name, year and the first
words of the folded title (`reference_key`: "ref:vargo-2004-evolving-to-a-new-dominant-logic"),
so one missing work cited by two papers is one node.

    graph = citation_graph(catalog)
    graph.refs("70ab0c2f3150805d").references     # what the work cites, resolved where possible
    graph.co_cited("ref:vargo-2004-...")           # what is cited together with it
    graph.missing(min_citing=2)                     # cited by 2+ works, not in the corpus

The answers are pydantic models: the Python API returns them, the CLI prints their
`model_dump(mode="json")` and the HTTP routes use them as `response_model`.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from corpus.dedup import MIN_TITLE_CHARS, title_key
from corpus.metadata.fields import fold
from corpus.structure.references import reference_kind
from corpus_core.errors import NotFoundError, UsageError
from corpus_core.models import Metadata, Person, Reference
from indexing.catalog import Catalog, WorkRecord
from search_api.citations import Citation, format_bibliography
from search_api.work_vectors import WorkVectors

REF_PREFIX = "ref:"
"""Ids of external nodes (references not in the corpus) start with this."""
KEY_TITLE_WORDS = 6
"""Folded title words in an external node's key: enough to tell works apart, few enough that
one citer's subtitle or truncation does not split a work in two."""
FUZZY_TITLE = 90
"""rapidfuzz token-sort ratio at or above which titles of the same first author and year agree."""
REFERENCE_WEIGHT = 0.5
"""Share of shared-reference overlap (Jaccard) in a `related` score; the rest is vector cosine."""
_MAIN_TITLE = re.compile(r"\s*[:?!]\s+|\s+[-–—]\s+")


class GraphNode(BaseModel):
    """A work of the corpus (`in_corpus`, id = work id) or a reference not in it (id `ref:...`)."""

    id: str
    in_corpus: bool
    title: str = ""
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    venue: str = ""


class CitedReference(BaseModel):
    """One entry of a work's reference list and what it names (`target.in_corpus`: resolved)."""

    reference: str
    target: GraphNode


class RefsAnswer(BaseModel):
    """`corpus refs`: a work's reference list, each entry resolved to a corpus work where one exists."""

    work: GraphNode
    resolved: int
    references: list[CitedReference]


class CitingAnswer(BaseModel):
    """`corpus citing`: the works of the corpus whose reference lists name this node."""

    node: GraphNode
    citing: list[GraphNode]


class CoCitedNode(BaseModel):
    """A node cited together with the asked one by `count` works (`citing`: their ids)."""

    node: GraphNode
    count: int
    citing: list[str]


class CoCitedAnswer(BaseModel):
    """`corpus co-cited`: what is most often cited together with a node, most often first."""

    node: GraphNode
    cited_by: int
    co_cited: list[CoCitedNode]


class RelatedWork(BaseModel):
    """A similar work: `score` = (1 - w) * `vector` + w * `references`, w the answer's weight."""

    work: GraphNode
    score: float
    vector: float | None
    """Cosine of the two works' centroid vectors (None: one of them has no stored vectors)."""
    references: float
    """Jaccard overlap of the two works' reference lists (bibliographic coupling)."""
    shared: int
    """References both works cite."""
    because: str
    """Which part contributed to the score: "text", "references" or "text and references"."""


class RelatedAnswer(BaseModel):
    """`corpus related`: the most similar works by stored vectors and shared references."""

    work: GraphNode
    reference_weight: float
    """The weight used: as asked, 0 when the work has no reference list, 1 when it has no vectors."""
    related: list[RelatedWork]


class MissingWork(BaseModel):
    """A reference cited by `count` works of the corpus but not in it."""

    node: GraphNode
    count: int
    citing: list[str]
    reference: str
    """One citing work's entry for it, as written."""


class MissingAnswer(BaseModel):
    """`corpus missing`: references not in the corpus, most cited first."""

    min_citing: int
    total: int
    missing: list[MissingWork]


def _family(name: str) -> str:
    """A reference author's family name ("Vargo, S." -> "Vargo"), folded."""
    person = Person.parse(name)
    return fold(person.family or person.literal)


def _main_title(title: str, folded: str | None = None) -> str:
    """A title's folded main part, before a colon or dash ("" when too short to identify a work).

    `folded` is the whole title's `fold`, when the caller has it (the main part of a title with
    no colon or dash).
    """
    head = _MAIN_TITLE.split(title, maxsplit=1)[0]
    main = folded if folded is not None and head == title else fold(head)
    return main if len(main) >= MIN_TITLE_CHARS else ""


def reference_key(ref: Reference) -> str:
    """The external node id of a reference: "ref:<family>-<year>-<first title words>", folded."""
    family = _family(ref.authors[0]).replace(" ", "-") if ref.authors else ""
    words = fold(ref.title or ref.raw).split()[:KEY_TITLE_WORDS]
    return REF_PREFIX + "-".join([family or "anon", str(ref.year or "nd"), *words])


def _shown_id(node_id: str) -> str:
    return repr(node_id if len(node_id) <= 60 else node_id[:57] + "...")


@dataclass
class _Work:
    """What resolution compares: a work's folded titles, families and year."""

    work_id: str
    metadata: Metadata
    families: set[str] = field(default_factory=set)
    folded_title: str = ""


class _Resolver:
    """Finds the corpus work a reference names, through indexes built once over every work."""

    def __init__(self, works: list[WorkRecord]) -> None:
        self.by_title: dict[str, list[_Work]] = defaultdict(list)
        self.by_main: dict[str, list[_Work]] = defaultdict(list)
        self.by_family_year: dict[tuple[str, int], list[_Work]] = defaultdict(list)
        for record in works:
            meta = record.metadata
            families = {fold(a.family or a.literal) for a in meta.authors} - {""}
            work = _Work(record.work_id, meta, families, fold(meta.title))
            if key := title_key(meta.title):
                self.by_title[key].append(work)
            if main := _main_title(meta.title, work.folded_title):
                self.by_main[main].append(work)
            if meta.year is not None:
                for family in work.families:
                    self.by_family_year[(family, meta.year)].append(work)

    def resolve(self, ref: Reference) -> str | None:
        """The work id `ref` names, or None when the corpus does not hold it."""
        if not ref.title:
            return None
        family = _family(ref.authors[0]) if ref.authors else ""
        folded = fold(ref.title)
        candidates = [
            *self.by_title.get(folded, []),  # its keys are `title_key`s: long enough to tell works apart
            *self.by_main.get(_main_title(ref.title, folded), []),
        ]
        for work in candidates:
            if self._agrees(work, ref, family):
                return work.work_id
        if family and ref.year is not None:
            for work in self.by_family_year.get((family, ref.year), []):
                if fuzz.token_sort_ratio(folded, work.folded_title) >= FUZZY_TITLE:
                    return work.work_id
        return None

    @staticmethod
    def _agrees(work: _Work, ref: Reference, family: str) -> bool:
        year = work.metadata.year
        if year is not None and ref.year is not None and abs(year - ref.year) > 1:
            return False
        return not family or not work.families or family in work.families


def _work_node(work_id: str, meta: Metadata) -> GraphNode:
    return GraphNode(
        id=work_id,
        in_corpus=True,
        title=meta.title,
        authors=[a.display for a in meta.authors],
        year=meta.year,
        venue=meta.venue,
    )


def _external_node(key: str, ref: Reference) -> GraphNode:
    return GraphNode(
        id=key, in_corpus=False, title=ref.title, authors=ref.authors, year=ref.year, venue=ref.venue
    )


def _richness(ref: Reference) -> tuple[int, int]:
    """How complete an entry is (the external node keeps the richest one it was cited with)."""
    return (bool(ref.title) + bool(ref.year) + bool(ref.venue) + bool(ref.authors), len(ref.title))


class CitationGraph:
    """The corpus's citation graph; build it with `CitationGraph.build(catalog)` or `citation_graph`."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.graph: nx.DiGraph = nx.DiGraph()
        self.cites: dict[str, list[tuple[Reference, str]]] = {}
        """work id -> its reference-list entries in order, each with the node it names."""
        self.entries: dict[str, Reference] = {}
        """external node id -> the richest entry citing it (what `missing` exports)."""

    @classmethod
    def build(cls, catalog: Catalog) -> CitationGraph:
        """Read every ready work and reference list from the catalog and link them.

        Each distinct reference (title, raw text when untitled, first author, year) is resolved
        once, however many works cite it, and the graph is filled in two calls at the end: a
        library's reference lists run to hundreds of thousands of entries.
        """
        self = cls(catalog)
        works = catalog.works()
        self.graph.add_nodes_from((r.work_id, {"info": _work_node(r.work_id, r.metadata)}) for r in works)
        resolver = _Resolver(works)
        named: dict[tuple[str, str, str, int | None], str] = {}
        richest: dict[str, tuple[int, int]] = {}
        for _doc_id, work_id, references in sorted(catalog.references(), key=lambda item: item[0]):
            if work_id not in self.graph:
                continue
            listed = self.cites.setdefault(work_id, [])
            linked = {target for _, target in listed}  # a work of several documents cites each node once
            for ref in references:
                cited = (
                    ref.title,
                    "" if ref.title else ref.raw,
                    ref.authors[0] if ref.authors else "",
                    ref.year,
                )
                target = named.get(cited)
                if target is None:
                    target = named[cited] = resolver.resolve(ref) or reference_key(ref)
                if target == work_id:
                    continue
                if target.startswith(REF_PREFIX):
                    rich = _richness(ref)
                    if rich > richest.get(target, (-1, -1)):
                        richest[target] = rich
                        self.entries[target] = ref
                if target not in linked:
                    linked.add(target)
                    listed.append((ref, target))
        self.graph.add_nodes_from(
            (key, {"info": _external_node(key, ref)}) for key, ref in self.entries.items()
        )
        self.graph.add_edges_from(
            (work_id, target) for work_id, listed in self.cites.items() for _, target in listed
        )
        return self

    def node_id(self, node_id: str) -> str:
        """The graph id behind a document id, work id or `ref:` key; NotFoundError otherwise."""
        if node_id.startswith(REF_PREFIX):
            if node_id in self.graph:
                return node_id
            raise NotFoundError(
                f"no reference {_shown_id(node_id)} is cited in the corpus: use an id that `corpus refs` "
                "or `corpus missing` shows"
            )
        work_id = self.catalog.work_of(node_id)
        if work_id not in self.graph:
            raise NotFoundError(f"work {_shown_id(work_id)} is not ready in {self.catalog.path.parent}")
        return work_id

    def _info(self, node_id: str) -> GraphNode:
        info: GraphNode = self.graph.nodes[node_id]["info"]
        return info

    def _work(self, node_id: str) -> str:
        work_id = self.node_id(node_id)
        if work_id.startswith(REF_PREFIX):
            raise UsageError(f"{_shown_id(node_id)} is a reference, not a work of the corpus: give a work id")
        return work_id

    def _sorted(self, ids: set[str] | list[str]) -> list[GraphNode]:
        nodes = [self._info(n) for n in ids]
        return sorted(nodes, key=lambda n: (-(n.year or 0), n.title.lower(), n.id))

    def refs(self, doc_id: str) -> RefsAnswer:
        """What a work cites, in reference-list order, each entry's target resolved where possible."""
        work_id = self._work(doc_id)
        listed = self.cites.get(work_id, [])
        return RefsAnswer(
            work=self._info(work_id),
            resolved=sum(not target.startswith(REF_PREFIX) for _, target in listed),
            references=[
                CitedReference(reference=ref.raw, target=self._info(target)) for ref, target in listed
            ],
        )

    def citing(self, node_id: str) -> CitingAnswer:
        """The corpus works whose reference lists name this work or reference, newest first."""
        target = self.node_id(node_id)
        return CitingAnswer(
            node=self._info(target), citing=self._sorted(set(self.graph.predecessors(target)))
        )

    def co_cited(self, node_id: str, limit: int = 20) -> CoCitedAnswer:
        """What the works citing this node cite too, by how many of them (then newest, then title)."""
        target = self.node_id(node_id)
        citing = sorted(self.graph.predecessors(target))
        together: dict[str, list[str]] = defaultdict(list)
        for work_id in citing:
            for other in self.graph.successors(work_id):
                if other != target:
                    together[other].append(work_id)
        ranked = sorted(
            together.items(),
            key=lambda item: (
                -len(item[1]),
                not self._info(item[0]).in_corpus,
                -(self._info(item[0]).year or 0),
                item[0],
            ),
        )
        return CoCitedAnswer(
            node=self._info(target),
            cited_by=len(citing),
            co_cited=[CoCitedNode(node=self._info(n), count=len(w), citing=w) for n, w in ranked[:limit]],
        )

    def coupling(self, work_id: str) -> dict[str, tuple[float, int]]:
        """Works sharing references with `work_id`: other work -> (Jaccard of the reference sets, shared)."""
        own = set(self.graph.successors(work_id))
        shared: Counter[str] = Counter()
        for target in own:
            shared.update(p for p in self.graph.predecessors(target) if p != work_id)
        return {
            other: (count / len(own | set(self.graph.successors(other))), count)
            for other, count in shared.items()
        }

    def related(
        self,
        doc_id: str,
        vectors: WorkVectors | None,
        k: int = 10,
        reference_weight: float = REFERENCE_WEIGHT,
    ) -> RelatedAnswer:
        """The `k` works most like this one by centroid cosine and shared references (see `RelatedWork`)."""
        if not 0.0 <= reference_weight <= 1.0:
            raise UsageError(f"reference weight must be between 0 and 1 (got {reference_weight})")
        work_id = self._work(doc_id)
        cosines = vectors.cosines(work_id) if vectors is not None else {}
        coupling = self.coupling(work_id)
        if not self.graph.out_degree(work_id):
            reference_weight = 0.0  # no reference list: only the vectors can tell
        elif vectors is None or work_id not in vectors:
            reference_weight = 1.0  # no stored vectors: only the references can tell
        scored = []
        for other in set(cosines) | set(coupling):
            cosine = cosines.get(other)
            jaccard, shared = coupling.get(other, (0.0, 0))
            text_part, reference_part = (1.0 - reference_weight) * (cosine or 0.0), reference_weight * jaccard
            if other in self.graph and text_part + reference_part > 0:
                scored.append(
                    (text_part + reference_part, other, cosine, jaccard, shared, text_part, reference_part)
                )
        scored.sort(key=lambda item: (-item[0], item[1]))
        related = [
            RelatedWork(
                work=self._info(other),
                score=round(score, 6),
                vector=None if cosine is None else round(cosine, 6),
                references=round(jaccard, 6),
                shared=shared,
                because=" and ".join(
                    name for name, part in (("text", text_part), ("references", reference_part)) if part > 0
                ),
            )
            for score, other, cosine, jaccard, shared, text_part, reference_part in scored[:k]
        ]
        return RelatedAnswer(work=self._info(work_id), reference_weight=reference_weight, related=related)

    def missing(self, min_citing: int = 2, limit: int | None = None) -> MissingAnswer:
        """References not in the corpus cited by at least `min_citing` works, most cited first."""
        if min_citing < 1:
            raise UsageError(f"min_citing must be at least 1 (got {min_citing})")
        found = [
            MissingWork(
                node=self._info(key),
                count=self.graph.in_degree(key),
                citing=sorted(self.graph.predecessors(key)),
                reference=ref.raw,
            )
            for key, ref in self.entries.items()
            if self.graph.in_degree(key) >= min_citing
        ]
        found.sort(key=lambda m: (-m.count, -(m.node.year or 0), m.node.id))
        return MissingAnswer(
            min_citing=min_citing, total=len(found), missing=found[:limit] if limit else found
        )

    def export(self, answer: MissingAnswer, style: str) -> str:
        """The missing references in a citation style (`search_api.citations.STYLES`), e.g. bibtex or ris."""
        citations = [Citation(m.node.id, reference_metadata(self.entries[m.node.id])) for m in answer.missing]
        return format_bibliography(citations, style)


def reference_metadata(ref: Reference) -> Metadata:
    """The bibliographic record a parsed reference-list entry gives (for exporting what to acquire)."""
    return Metadata(
        title=ref.title,
        authors=[Person.parse(a) for a in ref.authors],
        year=ref.year,
        venue=ref.venue,
        kind=reference_kind(ref) or ("article-journal" if ref.venue else ""),
    )


_CACHE: dict[str, tuple[int, CitationGraph]] = {}
_CACHE_LOCK = threading.Lock()


def citation_graph(catalog: Catalog) -> CitationGraph:
    """The graph of the catalog's store, built once per store generation (a finished run rebuilds it)."""
    key = str(catalog.path.resolve())
    generation = catalog.generation()
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == generation and cached[1].catalog is catalog:
            return cached[1]
        graph = CitationGraph.build(catalog)
        _CACHE[key] = (generation, graph)
        return graph
