"""Running `auditor` in tests: plain output (no colour forcing), UTF-8, and never a traceback.

`run` calls the CLI's `main()` in this process (starting an interpreter per command cost the suite over a
minute); `run_process`, `start`, `run_all` and `run_each` run the console script itself, for what only a
real process shows (signals, exit paths, the entry point, several runs side by side).
"""

from __future__ import annotations

import contextlib
import io
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


def run_process(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """The console script run as its own process."""
    return finish(start(args, cwd))


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """`auditor ARGS` in this process, as the console script would run it (standard input empty, no
    colour variables); any exception fails the test, as a traceback would."""
    from auditor.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = dict(os.environ)
    here = os.getcwd()
    try:
        os.environ.clear()
        os.environ.update(env())
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                _empty_stdin():
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse's usage errors, --help and --version
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["auditor", *map(str, args)], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _empty_stdin():
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def run_all(*commands, cwd=ROOT) -> list[subprocess.CompletedProcess]:
    """Several auditor runs side by side (the suite must stay quick)."""
    procs = [start(args, cwd) for args in commands]
    return [finish(p) for p in procs]


def run_each(*commands) -> list[subprocess.CompletedProcess]:
    """Several runs side by side, each in its own folder: every command is (cwd, args...)."""
    procs = [start(args, cwd) for cwd, *args in commands]
    return [finish(p) for p in procs]
