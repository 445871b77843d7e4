"""What every benchmark prints first (which machine the figures come from), and peak memory."""

from __future__ import annotations

import os
import platform
import resource
from pathlib import Path


def machine() -> str:
    """Cores, CPU model and Python version of this machine."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    """This process's own peak resident memory in MB: /proc's VmHWM, else `ru_maxrss`.

    `ru_maxrss` is carried across exec on Linux: a process started from a large one (a
    benchmark that has just built a store) reports the larger one's peak as its own.
    VmHWM belongs to the process's own memory map, made new by exec.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
