"""Prefect flows that orchestrate the corpus and indexing stages.

Prefect's telemetry is switched off unless set: this machine has no internet.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
