"""How this project's own processes run Python's cyclic garbage collector, and why.

The `corpus` command and the parsing workers import large libraries (torch, transformers,
Prefect, Chroma, pypdf) and keep what they import for their whole life. With CPython's
default thresholds (700, 10, 10) the collector keeps walking those millions of long-lived
objects. In a `corpus ingest` of the seeds and the shared PDFs (measured with
`gc.callbacks`) it ran about 1,900 young and 174 middle collections and 10 full ones,
2.0-2.5 s of CPU in all, and at exit the final collection took 2.8 s more. Reference
counting frees almost everything these processes drop; the collector is only needed for
reference cycles, so it can run far less often: with `THRESHOLDS` the same ingest ran 27
collections (0.6-0.8 s) and, with `skip_final_collection`, exited in 0.55 s
(benchmarks/RESULTS.md).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 10)
"""A young collection every 50,000 net allocations (not 700), a middle one every 20 young
ones; full collections keep CPython's rule (10 middle ones, and 25% more long-lived
objects), so cycles in a long-running `corpus serve` are still collected."""


def collect_less() -> None:
    """Set `THRESHOLDS` for this process (the `corpus` command, a parsing worker)."""
    gc.set_threshold(*THRESHOLDS)


def skip_final_collection() -> None:
    """Let the interpreter exit without walking every object once more (2.8 -> 0.55 s after an ingest).

    `gc.freeze()` moves every tracked object to the permanent generation, which the final
    collection at exit does not visit. Call it only when the process is about to end:
    atexit handlers (stopping Prefect's temporary server, removing temporary directories)
    still run, and objects kept alive only by reference cycles are not finalized, which
    Python does not promise at exit anyway. Everything this project writes is committed
    and closed before a command returns.
    """
    gc.freeze()
