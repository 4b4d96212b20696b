#!/usr/bin/env python3
"""Start-up: `auditor check` against `auditor extract` on one 5 KB file, warm and cold, side by side.

What a pre-commit hook or a per-file CI step pays on every call. Both commands run as the installed
console script, output discarded, alternately (extract, check, extract, check...) so that both see the
same load on a shared machine; each time is the median of `--runs` runs, in wall time and in CPU time
of the child (user + system, which other processes on the machine disturb less), and each ratio the
median of the runs' paired ratios (a check over the extract run just before it).

- warm: the caches a second call finds. The auditor's rule cache and pint's cache live in a private
  folder (AUDITOR_CACHE_DIR and XDG_CACHE_HOME point into it), filled by one untimed run of each command.
- cold: nothing cached. Before each run the private cache folder is emptied, and the files the commands
  read (the project's package and rules, the virtual environment's packages, the Python standard library)
  are dropped from the OS page cache with posix_fadvise(DONTNEED) where the OS allows it, so they are
  read from disk again. Pages another process holds mapped may stay; nothing outside those files is
  touched (the machine's other work keeps its page cache). Python's bytecode files are kept: they
  come with an installation (so PYTHONDONTWRITEBYTECODE is unset for the runs, and the untimed runs
  write the package's bytecode where an editable install has none).

`--source DIR` runs another checkout's package (`python -m auditor` with DIR on PYTHONPATH), for a
before/after comparison: `git archive main | tar -x -C /tmp/before`, then `--source /tmp/before`.

Target (printed, never asserted): check at most 1.5 × extract, warm and cold.

    python benchmarks/startup.py [--runs 7] [--json] [--source DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import news_documents  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")
TARGET = 1.5


def sample_file(directory: Path) -> Path:
    """A 5 KB generated news article with one planted inconsistency (so `check` reports a finding)."""
    text = news_documents(1, 4_900, seed=5)[0] + "\n\nOf the 800 detainees, 900 were released on Monday.\n"
    path = directory / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _read_files() -> list[Path]:
    """Every file a run may read: the package, the rules, site-packages and the standard library."""
    roots = {ROOT / "auditor", ROOT / "rules", Path(sysconfig.get_paths()["purelib"]),
             Path(sysconfig.get_paths()["stdlib"])}
    return [Path(d) / f for root in roots for d, _, files in os.walk(root) for f in files]


def drop_page_cache(files: list[Path]) -> bool:
    """Ask the OS to forget the cached pages of `files`; False where it offers no way."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass
        finally:
            os.close(fd)
    return True


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, cwd=command[-1].rsplit(os.sep, 1)[0], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)  # not from the checkout, which `-m` would import
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr.decode()[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int, file: Path, cache: Path, source: Path | None = None) -> dict:
    env = dict(os.environ, AUDITOR_CACHE_DIR=str(cache / "auditor"), XDG_CACHE_HOME=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    program = [str(AUDITOR)]
    if source is not None:
        program = [sys.executable, "-m", "auditor"]
        env["PYTHONPATH"] = str(source)
    commands = {name: [*program, name, str(file)] for name in ("extract", "check")}
    files = _read_files() + ([Path(d) / f for d, _, fs in os.walk(source) for f in fs] if source else [])
    results: dict = {}
    for state in ("warm", "cold"):
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        if state == "warm":
            for command in commands.values():
                timed(command, env)  # fills the caches
        for _ in range(runs):
            for name, command in commands.items():
                if state == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                    cache.mkdir()
                    dropped = drop_page_cache(files)
                times[name].append(timed(command, env))
        results[state] = {name: {"wall": statistics.median(w for w, _ in t), "cpu": statistics.median(c for _, c in t)}
                          for name, t in times.items()}
        # the ratio of each check to the extract run just before it, then their median: the machine's load
        # moves both runs of a pair alike, so a pair's ratio varies less than either time does
        for k, kind in enumerate(("wall", "cpu")):
            results[state][f"ratio_{kind}"] = statistics.median(
                c[k] / e[k] for e, c in zip(times["extract"], times["check"]))
    results["page_cache_dropped"] = dropped
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9, help="timed runs of each command per state (median kept)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--source", type=Path, help="run the package of this checkout instead (python -m auditor)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="auditor-startup-") as tmp:
        file = sample_file(Path(tmp))
        results = measure(args.runs, file, Path(tmp) / "cache", args.source and args.source.resolve())
        size = file.stat().st_size
    results.update(file_bytes=size, runs=args.runs)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"auditor extract / check on one {size:,}-byte file, median of {args.runs} runs each, alternating; "
          "ratio: the median of each check over the extract just before it"
          + (f", package from {args.source}" if args.source else ""))
    print(f"{'':6} {'extract wall':>12} {'check wall':>11} {'ratio':>6}   {'extract CPU':>11} {'check CPU':>10} "
          f"{'ratio':>6}")
    for state in ("warm", "cold"):
        r = results[state]
        print(f"{state:6} {r['extract']['wall']:11.3f}s {r['check']['wall']:10.3f}s {r['ratio_wall']:5.2f}x   "
              f"{r['extract']['cpu']:10.3f}s {r['check']['cpu']:9.3f}s {r['ratio_cpu']:5.2f}x")
    if not results["page_cache_dropped"]:
        print("(cold: this OS offers no posix_fadvise, so the page cache was not dropped)")
    verdicts = [f"{'PASS' if results[s][f'ratio_{k}'] <= TARGET else 'FAIL'} {s} {k}" for s in ("warm", "cold")
                for k in ("wall", "cpu")]
    print(f"target check <= {TARGET} x extract: " + " | ".join(verdicts))


if __name__ == "__main__":
    main()
