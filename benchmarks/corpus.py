#!/usr/bin/env python3
"""Batch benchmark: `auditor check` over a corpus of 10,000 generated news-like documents (about 30 MB).

Runs the real command line as a subprocess (as a CI job would), once with `--jobs 1` and once with
`--jobs 2`, and reports wall time, throughput, peak memory (the resident memory of the whole process tree,
parent and workers together, sampled from /proc) and the speed-up; then one document of the corpus on
its own with each `--jobs`, the median of `--single-runs` alternating runs (a pool must never slow it
down). Targets (printed, never asserted): the whole corpus in under a minute on two cores, memory under
300 MB, `--jobs 2` at least 1.6 times as fast as `--jobs 1`, and one document no slower with `--jobs 2`.

    python benchmarks/corpus.py [--docs 10000] [--chars 3000] [--jobs 1,2] [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
        cpu_before = _children_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen([str(AUDITOR), "check", str(directory), "--jobs", str(jobs), "--format", "json"],
                                stdout=out, stderr=subprocess.PIPE, text=True)
        peak_kb = 0
        while proc.poll() is None:
            peak_kb = max(peak_kb, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        cpu = _children_cpu() - cpu_before
        err = proc.stderr.read()
        if proc.returncode not in (0, 1):
            sys.exit(f"auditor check failed ({proc.returncode}): {err[-500:]}")
        out.seek(0)
        summary = json.load(out)["summary"]
    return {"jobs": jobs, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "documents": summary["documents"],
            "findings": summary["error"] + summary["warning"] + summary["info"],
            "peak_mb": round(peak_kb / 1024, 1)}


def _children_cpu() -> float:
    """User and system seconds of the finished children (and theirs, the workers) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_document(path: Path, jobs: list[int], runs: int) -> dict[int, float]:
    """Median CPU seconds (the process and any workers; on a shared machine wall time mostly measures
    the other processes) of `auditor check PATH --jobs J` for each J, the runs alternating."""
    times: dict[int, list[float]] = {j: [] for j in jobs}
    for _ in range(runs):
        for j in jobs:
            before = _children_cpu()
            subprocess.run([str(AUDITOR), "check", str(path), "--jobs", str(j), "--format", "json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[j].append(_children_cpu() - before)
    return {j: round(sorted(t)[len(t) // 2], 3) for j, t in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=3_000, help="characters per document (about)")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    ap.add_argument("--single-runs", type=int, default=7, help="runs of the one-document measure per --jobs")
    args = ap.parse_args()
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="auditor-corpus-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        chars = write_corpus(directory, args.docs, args.chars)
        generation = time.perf_counter() - t
        results = [run(directory, int(j)) for j in args.jobs.split(",")]
        single = one_document(next(directory.rglob("*.txt")), [int(j) for j in args.jobs.split(",")],
                              args.single_runs)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    base = results[0]["seconds"]
    for r in results:
        r["chars_per_second"] = round(chars / r["seconds"])
        r["speedup"] = round(base / r["seconds"], 2)
    report = {"documents": args.docs, "characters": chars, "megabytes": round(chars / 1e6, 1),
              "cores": os.cpu_count(), "generation_seconds": round(generation, 1), "runs": results,
              "one_document": single}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"auditor check over {args.docs:,} documents, {chars:,} characters ({chars / 1e6:.1f} MB), "
          f"{os.cpu_count()} cores")
    for r in results:
        print(f"  --jobs {r['jobs']}: {r['seconds']:7.2f} s ({r['cpu_seconds']:.1f} s CPU)  "
              f"{r['chars_per_second']:>10,} chars/s  "
              f"speed-up {r['speedup']:.2f}x  peak memory {r['peak_mb']} MB (all processes)  "
              f"{r['findings']} findings")
    print("one document: " + ", ".join(f"--jobs {j}: {s:.3f} s CPU" for j, s in single.items()) +
          f" (median of {args.single_runs} runs each)")
    best = min(r["seconds"] for r in results)
    peak = max(r["peak_mb"] for r in results)
    speedup = max(r["speedup"] for r in results)
    slowest_single = max(single.values()) / single[min(single)]
    print(f"targets: {'PASS' if best < 60 else 'FAIL'} whole corpus < 60 s on two cores | "
          f"{'PASS' if peak < 300 else 'FAIL'} memory < 300 MB | "
          f"{'PASS' if speedup >= 1.6 else 'FAIL'} speed-up >= 1.6 | "
          f"{'PASS' if slowest_single <= 1.05 else 'FAIL'} one document no slower with more jobs "
          f"({slowest_single:.2f}x, 5% allowed for noise)")


if __name__ == "__main__":
    main()
