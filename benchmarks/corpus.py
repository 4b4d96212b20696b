#!/usr/bin/env python3
"""Batch benchmark: `auditor check` over a corpus of 10,000 generated news-like documents (about 30 MB).

Runs the real command line as a subprocess (as a CI job would), once with `--jobs 1` and once with
`--jobs 2`, and reports wall time, throughput, peak memory (the resident memory of the whole process tree,
parent and workers together, sampled from /proc) and the speed-up. Targets (printed, never asserted): the whole corpus in
under a minute on two cores, memory under 300 MB.

    python benchmarks/corpus.py [--docs 10000] [--chars 3000] [--jobs 1,2] [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import news_documents  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")

# Planted inconsistencies, one in every PLANT_EVERY documents, so the run reports findings as well.
PLANTED = [
    "Of the 800 detainees, 900 were released on Monday.",
    "The vote split 46% for the governor, 41% for the challenger and 19% for others.",
    "Police closed a 15-mile (15 km) stretch of the highway.",
    "Attacks have doubled since spring: 360 this month against 120 in April.",
]
PLANT_EVERY = 25


def write_corpus(directory: Path, docs: int, chars: int) -> int:
    """Write the corpus in subfolders of 500 files; returns the total number of characters."""
    total = 0
    texts = news_documents(docs, chars, seed=1)
    for i, text in enumerate(texts):
        if i % PLANT_EVERY == 0:
            text += "\n\n" + PLANTED[(i // PLANT_EVERY) % len(PLANTED)] + "\n"
        sub = directory / f"batch{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux), in kB."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(directory: Path, jobs: int) -> dict:
    """One `auditor check` run; wall time and the peak resident memory of its whole process tree (the
    parent and its workers together), sampled every 50 ms."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(AUDITOR), "check", str(directory), "--jobs", str(jobs), "--format", "json"],
                                stdout=out, stderr=subprocess.PIPE, text=True)
        peak_kb = 0
        while proc.poll() is None:
            peak_kb = max(peak_kb, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        err = proc.stderr.read()
        if proc.returncode not in (0, 1):
            sys.exit(f"auditor check failed ({proc.returncode}): {err[-500:]}")
        out.seek(0)
        summary = json.load(out)["summary"]
    return {"jobs": jobs, "seconds": round(wall, 2), "documents": summary["documents"],
            "findings": summary["error"] + summary["warning"] + summary["info"],
            "peak_mb": round(peak_kb / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=3_000, help="characters per document (about)")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    args = ap.parse_args()
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="auditor-corpus-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        chars = write_corpus(directory, args.docs, args.chars)
        generation = time.perf_counter() - t
        results = [run(directory, int(j)) for j in args.jobs.split(",")]
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    base = results[0]["seconds"]
    for r in results:
        r["chars_per_second"] = round(chars / r["seconds"])
        r["speedup"] = round(base / r["seconds"], 2)
    report = {"documents": args.docs, "characters": chars, "megabytes": round(chars / 1e6, 1),
              "cores": os.cpu_count(), "generation_seconds": round(generation, 1), "runs": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"auditor check over {args.docs:,} documents, {chars:,} characters ({chars / 1e6:.1f} MB), "
          f"{os.cpu_count()} cores")
    for r in results:
        print(f"  --jobs {r['jobs']}: {r['seconds']:7.2f} s  {r['chars_per_second']:>10,} chars/s  "
              f"speed-up {r['speedup']:.2f}x  peak memory {r['peak_mb']} MB (all processes)  "
              f"{r['findings']} findings")
    best = min(r["seconds"] for r in results)
    peak = max(r["peak_mb"] for r in results)
    print(f"targets: {'PASS' if best < 60 else 'FAIL'} whole corpus < 60 s on two cores | "
          f"{'PASS' if peak < 300 else 'FAIL'} memory < 300 MB")


if __name__ == "__main__":
    main()
