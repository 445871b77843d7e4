"""Prefect flows that orchestrate the corpus and indexing stages.

Prefect's telemetry is switched off unless set: this machine has no internet. A flow called
from a script (not the CLI, which starts Prefect's temporary server itself, see
`flows.prefect_runtime`) lets Prefect start that server, with its own 20 s wait: too short on
a busy 2-core machine, so it gets the CLI's wait unless set (read when Prefect is imported).
"""

import os

from flows.prefect_runtime import STARTUP_TIMEOUT_S

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(STARTUP_TIMEOUT_S))
