#!/usr/bin/env python3
"""Archive benchmark: `auditor check` over generated documents on a local Dask cluster of 2 worker processes
(`--scheduler local:2`) against `--jobs 2`, in the same run, on the same corpus.

Runs the real command line as a subprocess, with `--format jsonl` to a file, and reports for each mode:
wall time, throughput (documents and characters per second), the overhead per document against `--jobs 2`
(extra wall time divided by the number of documents), and peak resident memory of the client process and of
each worker process (sampled from /proc every 50 ms; a LocalCluster's workers are the client's grandchildren,
under their nannies). Both runs must report the same findings.

    python benchmarks/archive.py [--docs 100000] [--chars 1500] [--json] [--keep DIR]
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
from corpus import write_corpus  # noqa: E402

AUDITOR = Path(sys.executable).with_name("auditor")
SAMPLE = 0.05  # seconds between memory samples


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _descendants(pid: int) -> list[int]:
    """Every process under `pid` (children of any of its threads: a nanny starts its worker from the
    event loop's thread)."""
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{p}/task/{task}/children") as f:
                    children = [int(c) for c in f.read().split()]
            except (OSError, ValueError):
                continue
            found += children
            stack += children
    return found


def _is_worker(pid: int) -> bool:
    """A process that checks documents: a pool worker of --jobs or a Dask worker, not multiprocessing's
    resource tracker."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"resource_tracker" not in f.read()
    except OSError:
        return False


def run(directory: Path, mode: list[str]) -> dict:
    """One `auditor check` run: wall time, time to the first result, findings, and peak memory of the
    client and of each worker."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(AUDITOR), "check", str(directory), *mode, "--format", "jsonl"],
                                stdout=out, stderr=subprocess.PIPE, text=True)
        client_kb, workers_kb, first = 0, {}, None
        while proc.poll() is None:
            client_kb = max(client_kb, _rss_kb(proc.pid))
            for child in _descendants(proc.pid):
                if _is_worker(child):
                    workers_kb[child] = max(workers_kb.get(child, 0), _rss_kb(child))
            if first is None and os.fstat(out.fileno()).st_size:
                first = time.perf_counter() - start
            time.sleep(SAMPLE)
        wall = time.perf_counter() - start
        err = proc.stderr.read()
        if proc.returncode not in (0, 1):
            sys.exit(f"auditor check {' '.join(mode)} failed ({proc.returncode}): {err[-800:]}")
        out.seek(0)
        findings = {}
        for line in out:
            item = json.loads(line)
            findings[item["path"]] = sorted((f["rule"], f["fingerprint"]) for f in item.get("findings", []))
    return {"mode": " ".join(mode), "seconds": round(wall, 2),
            "first_result_seconds": round(first or wall, 2),
            "documents": len(findings), "findings": sum(map(len, findings.values())),
            "client_peak_mb": round(client_kb / 1024, 1),
            "worker_peak_mb": sorted((round(kb / 1024, 1) for kb in workers_kb.values() if kb), reverse=True),
            "_findings": findings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--chars", type=int, default=1_500, help="characters per document (about)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    args = ap.parse_args()
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="auditor-archive-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        chars = write_corpus(directory, args.docs, args.chars)
        generation = time.perf_counter() - t
        results = [run(directory, ["--jobs", "2"]), run(directory, ["--scheduler", "local:2"])]
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    same = results[0].pop("_findings") == results[1].pop("_findings")
    base = results[0]["seconds"]
    for r in results:
        r["documents_per_second"] = round(r["documents"] / r["seconds"], 1)
        r["chars_per_second"] = round(chars / r["seconds"])
        r["overhead_ms_per_document"] = round((r["seconds"] - base) * 1000 / args.docs, 2)
    report = {"documents": args.docs, "characters": chars, "cores": os.cpu_count(),
              "generation_seconds": round(generation, 1), "same_findings": same, "runs": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"auditor check over {args.docs:,} documents, {chars:,} characters ({chars / 1e6:.1f} MB), "
          f"{os.cpu_count()} cores; same findings in both runs: {'yes' if same else 'NO'}")
    for r in results:
        print(f"  {r['mode']:<20} {r['seconds']:8.2f} s "
              f"(first result after {r['first_result_seconds']:.1f} s)  "
              f"{r['documents_per_second']:>8,.1f} docs/s  "
              f"{r['chars_per_second']:>10,} chars/s  overhead {r['overhead_ms_per_document']:+.2f} ms/doc  "
              f"peak memory: client {r['client_peak_mb']} MB, workers {r['worker_peak_mb']} MB  "
              f"{r['findings']} findings")


if __name__ == "__main__":
    main()
