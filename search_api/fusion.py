"""Combine ranked lists from dense and lexical retrieval into one.

Two fusion functions, both over (item, score) lists, best first:

* `convex`: a weighted sum of min-max normalised scores. It keeps the score gaps that
  ranks throw away, and beats RRF when both retrievers are decent (Bruch et al., "An
  Analysis of Fusion Functions for Hybrid Retrieval", TOIS 2023). The search engine gives
  it complete runs: every candidate either retriever found, scored by both, so no score
  has to be guessed for an item one list cut off.
* `reciprocal_rank` (Cormack et al., 2009): needs no calibration at all; kept as the
  robust fallback and as the baseline evaluation compares against.
"""

from __future__ import annotations

Run = list[tuple[str, float]]
"""(item, score) pairs, best first."""


def reciprocal_rank(runs: list[Run], k: int = 60, weights: list[float] | None = None) -> Run:
    """Sum of weight / (k + rank) over the runs, best first (ties by item)."""
    weights = weights or [1.0] * len(runs)
    fused: dict[str, float] = {}
    for run, weight in zip(runs, weights, strict=True):
        for rank, (item, _score) in enumerate(run, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))


def min_max(run: Run) -> dict[str, float]:
    """Scores rescaled to [0, 1] over the run.

    A run whose scores are all equal (a single hit, or items the retriever told apart by
    nothing) maps to 1 when they are positive, each item as good as the run's best, and to 0
    when they are not (BM25 0: no query term matched). Mapping every such run to 0 showed a
    lone hit as "score 0.000", as if it matched nothing.
    """
    if not run:
        return {}
    scores = [s for _, s in run]
    low, high = min(scores), max(scores)
    span = high - low
    if span <= 0:
        return {item: 1.0 if high > 0 else 0.0 for item, _ in run}
    return {item: (s - low) / span for item, s in run}


def convex(runs: list[Run], weights: list[float]) -> Run:
    """Weighted sum of min-max normalised scores, best first (ties by item).

    An item missing from a run gets that run's lowest normalised score, 0: it scored no
    better than the run's last item. Pass complete runs to avoid that guess.
    """
    fused: dict[str, float] = {}
    for run in runs:
        for item, _ in run:
            fused.setdefault(item, 0.0)
    for run, weight in zip(runs, weights, strict=True):
        for item, score in min_max(run).items():
            fused[item] += weight * score
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
