"""Combine ranked lists from dense and lexical retrieval into one.

Reciprocal-rank fusion (Cormack et al., 2009) needs no score calibration; the convex
combination of min-max normalised scores keeps score gaps. Both are chunk-level.
"""

from __future__ import annotations


def reciprocal_rank(runs: list[list[tuple[str, float]]], k: int = 60, weights: list[float] | None = None) -> list[tuple[str, float]]:
    """Sum of weight / (k + rank) over the runs, best first."""
    weights = weights or [1.0] * len(runs)
    fused: dict[str, float] = {}
    for run, weight in zip(runs, weights, strict=True):
        for rank, (item, _score) in enumerate(run, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))


def _min_max(run: list[tuple[str, float]]) -> dict[str, float]:
    if not run:
        return {}
    scores = [s for _, s in run]
    low, high = min(scores), max(scores)
    span = high - low
    return {item: (s - low) / span if span > 0 else 1.0 for item, s in run}


def convex(runs: list[list[tuple[str, float]]], weights: list[float]) -> list[tuple[str, float]]:
    """Weighted sum of min-max normalised scores (missing from a run counts as 0), best first."""
    fused: dict[str, float] = {}
    for run, weight in zip(runs, weights, strict=True):
        for item, score in _min_max(run).items():
            fused[item] = fused.get(item, 0.0) + weight * score
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
