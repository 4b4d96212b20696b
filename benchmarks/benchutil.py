"""Helpers shared by the benchmarks: pinning to one core, and reading a cProfile run."""

from __future__ import annotations

import io
import os
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pin_one_core(cpu: int | None = None) -> int | None:
    """Run on one core so figures do not depend on idle ones: `cpu` if given (and allowed), else the
    idlest of those this process may use, judged over 0.2 s of /proc/stat."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    if cpu is None or cpu not in cpus:
        cpu = min(cpus, key=_busy_ticks(cpus).get) if len(cpus) > 1 else cpus[0]
    os.sched_setaffinity(0, {cpu})
    return cpu


def _busy_ticks(cpus: list[int]) -> dict[int, int]:
    """Non-idle jiffies of each CPU over 0.2 s (all zero where /proc/stat is missing)."""
    def sample() -> dict[int, int]:
        busy = {}
        try:
            with open("/proc/stat", encoding="ascii") as f:
                for line in f:
                    name, *ticks = line.split()
                    if name.startswith("cpu") and name[3:].isdigit() and int(name[3:]) in cpus:
                        values = [int(t) for t in ticks]
                        busy[int(name[3:])] = sum(values) - values[3] - (values[4] if len(values) > 4 else 0)
        except OSError:
            pass
        return busy

    before = sample()
    time.sleep(0.2)
    after = sample()
    return {cpu: after.get(cpu, 0) - before.get(cpu, 0) for cpu in cpus}


def profile_rows(prof) -> list[dict]:
    """Every function of a finished cProfile.Profile: name (relative to the project), calls, own and
    cumulative time."""
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        if func == "disable" or "_lsprof" in file:
            continue
        where = os.path.relpath(file, ROOT) if file.startswith(str(ROOT)) else file
        rows.append({"function": f"{where}:{line}({func})" if line else func, "ncalls": nc, "tottime": tt,
                     "cumtime": ct})
    return rows
