"""Running the `auditor` console script in tests: plain output (no colour forcing), UTF-8, and never a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")


def env() -> dict:
    out = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "CLICOLOR_FORCE")}
    out["PYTHONIOENCODING"] = "utf-8"
    return out


def start(args, cwd=ROOT) -> subprocess.Popen:
    return subprocess.Popen([str(AUDITOR), *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                            env=env())


def finish(proc: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert "Traceback" not in out, out
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return finish(start(args, cwd))


def run_all(*commands, cwd=ROOT) -> list[subprocess.CompletedProcess]:
    """Several auditor runs side by side (the suite must stay quick)."""
    procs = [start(args, cwd) for args in commands]
    return [finish(p) for p in procs]


def run_each(*commands) -> list[subprocess.CompletedProcess]:
    """Several runs side by side, each in its own folder: every command is (cwd, args...)."""
    procs = [start(args, cwd) for cwd, *args in commands]
    return [finish(p) for p in procs]
