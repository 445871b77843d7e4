"""Live state of the ingestion runs of this process, kept apart from the flow's module.

Prefect tasks look their Ingestor up here by run key (tasks take plain inputs, never
clients). It is a module of its own so that Dask, which pickles the flow's function by
value with the globals it uses, pickles this module by reference and never the open
catalog behind it.
"""

from __future__ import annotations

from collections.abc import Callable

from indexing.ingest import Ingestor

ACTIVE: dict[str, Ingestor] = {}
"""run key -> the Ingestor of that run."""

progress: list[Callable[[str, int, int], None]] = []
"""The front end following the runs (the CLI's progress bar), if any."""
