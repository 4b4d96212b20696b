"""Benchmark of the extractor: throughput, speed against quantulum3, and CLI start-up.

    .venv/bin/python benchmarks/extract.py [--size-mb 1] [--json] [--profile 10]

See benchmarks/README.md for what is measured. Targets are reported as PASS/FAIL, never asserted: the
exit code is 0 whenever the benchmark ran.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from benchutil import pin_one_core, profile_rows  # noqa: E402
from corpus_gen import news_corpus_documents  # noqa: E402

TARGET_CPS = 1_000_000  # our chars/s on the corpus
TARGET_RATIO = 30.0  # ours / quantulum3 on the same paragraphs
TARGET_STARTUP = 0.5  # seconds, `auditor extract` on a 5 KB file
STARTUP_BYTES = 5 * 1024


def best_of(runs: int, fn) -> float:
    """The shortest wall time of `runs` calls of fn()."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def paragraphs_slice(docs: list[str], min_chars: int) -> list[str]:
    """The first paragraphs of the corpus (blank-line separated, non-empty) holding >= min_chars chars."""
    out, size = [], 0
    for doc in docs:
        for para in doc.split("\n\n"):
            para = para.strip()
            if not para:
                continue
            out.append(para)
            size += len(para)
            if size >= min_chars:
                return out
    return out


def measure_ours(docs: list[str], runs: int) -> dict:
    from auditor.extract import extract_text

    extract_text(docs[0])  # warm-up: lazy tables, regex caches ...
    extract_text("около 20 километров")  # ... and the Russian morphology, loaded on first Cyrillic text

    found = {}

    def run():
        nq = ni = 0
        for doc in docs:
            ex = extract_text(doc)
            nq += len(ex.quantities)
            ni += len(ex.ignored)
        found["quantities"], found["ignored"] = nq, ni

    chars = sum(len(d) for d in docs)
    seconds = best_of(runs, run)
    return {"chars": chars, "seconds": seconds, "chars_per_s": chars / seconds, **found}


def measure_quantulum(paragraphs: list[str], runs: int) -> dict:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Classifier dependencies not installed"
            from quantulum3 import parser
    except ImportError as exc:
        return {"error": f"quantulum3 not importable: {exc}"}
    try:
        from importlib.metadata import version

        qversion = version("quantulum3")
    except Exception:
        qversion = "unknown"
    found, errors = {}, {}

    def run():
        n = e = 0
        for para in paragraphs:
            try:
                n += len(parser.parse(para))
            except Exception:  # quantulum3 raises on some inputs; count them, go on
                e += 1
        found["quantities"], errors["n"] = n, e

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser.parse("It is 25 km away and costs $3.5 million.")  # warm-up: loads its unit tables
        chars = sum(len(p) for p in paragraphs)
        seconds = best_of(runs, run)
    return {"version": qversion, "chars": chars, "paragraphs": len(paragraphs), "seconds": seconds,
            "chars_per_s": chars / seconds, "quantities": found["quantities"], "errors": errors["n"]}


def auditor_command() -> list[str]:
    script = Path(sys.executable).with_name("auditor")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "auditor"]


def startup_file(docs: list[str], directory: Path) -> Path:
    """A file of 5,000-5,120 bytes (UTF-8) of the corpus, cut at a space."""
    text = "\n\n".join(docs[:5])
    data = text.encode("utf-8")[:STARTUP_BYTES].decode("utf-8", errors="ignore")
    data = data[: data.rfind(" ")] + "\n"
    path = directory / "startup_5kb.txt"
    path.write_text(data, encoding="utf-8")
    return path


def measure_startup(docs: list[str], runs: int) -> dict:
    cmd = auditor_command()
    with tempfile.TemporaryDirectory() as tmp:
        path = startup_file(docs, Path(tmp))
        argv = cmd + ["extract", str(path)]
        first = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if first.returncode != 0:  # also the untimed warm-up run (OS file cache, .pyc files)
            return {"error": f"{' '.join(argv)} exited {first.returncode}: {first.stderr.strip()[-300:]}",
                    "command": " ".join(cmd + ["extract", "FILE"])}
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
        size = path.stat().st_size
    return {"command": " ".join(cmd + ["extract", "FILE"]), "file_bytes": size, "runs": runs,
            "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


def profile_ours(docs: list[str], top: int) -> list[dict]:
    """cProfile of extract_text over the corpus: the `top` functions by cumulative time."""
    from auditor.extract import extract_text

    extract_text(docs[0])
    extract_text("около 20 километров")
    prof = cProfile.Profile()
    prof.enable()
    for doc in docs:
        extract_text(doc)
    prof.disable()
    rows = profile_rows(prof)
    rows.sort(key=lambda r: r["cumtime"], reverse=True)
    return rows[:top]


def targets(res: dict) -> list[dict]:
    out = []
    ours = res["ours"]["chars_per_s"]
    out.append({"target": f">= {TARGET_CPS:,} chars/s", "value": ours, "pass": ours >= TARGET_CPS})
    q = res.get("quantulum3", {})
    if "ratio_same_text" in q:
        out.append({"target": f">= {TARGET_RATIO:g}x quantulum3", "value": q["ratio_same_text"],
                    "pass": q["ratio_same_text"] >= TARGET_RATIO})
    else:
        out.append({"target": f">= {TARGET_RATIO:g}x quantulum3", "value": None, "pass": None})
    s = res.get("startup", {})
    if "median_s" in s:
        out.append({"target": f"start-up < {TARGET_STARTUP:g} s", "value": s["median_s"],
                    "pass": s["median_s"] < TARGET_STARTUP})
    else:
        out.append({"target": f"start-up < {TARGET_STARTUP:g} s", "value": None, "pass": None})
    return out


def print_table(res: dict) -> None:
    c = res["corpus"]
    print(f"auditor extract benchmark - corpus: {c['chars']:,} chars ({c['bytes'] / 1e6:.2f} MB UTF-8), "
          f"{c['documents']} documents ({c['seed_documents']} from seeds/), seed {c['seed']}")
    print(f"python {res['python']}, pinned to CPU {res['cpu']}, best of {res['runs']} runs after a warm-up\n")
    ours, q, s = res["ours"], res.get("quantulum3", {}), res.get("startup", {})
    rows = [("ours: extract_text, whole corpus", f"{ours['chars_per_s']:,.0f} chars/s",
             f"{ours['seconds']:.3f} s, {ours['quantities']:,} quantities + {ours['ignored']:,} ignored "
             f"(one per {ours['chars'] / max(1, ours['quantities'] + ours['ignored']):.0f} chars)")]
    if "ours_seeds" in res:
        sd = res["ours_seeds"]
        rows.append(("ours: seeds/*.txt only (EN + RU)", f"{sd['chars_per_s']:,.0f} chars/s",
                     f"{sd['seconds']:.3f} s, {sd['quantities']:,} + {sd['ignored']:,} ignored (one per "
                     f"{sd['chars'] / max(1, sd['quantities'] + sd['ignored']):.0f} chars; no target)"))
    if "error" in q:
        rows.append(("quantulum3", "-", q["error"]))
    elif q:
        rows.append((f"ours: same {q['chars']:,}-char slice", f"{q['ours_chars_per_s']:,.0f} chars/s",
                     f"{q['ours_seconds']:.3f} s, {q['paragraphs']} paragraphs one call each"))
        rows.append((f"quantulum3 {q['version']} parser.parse, slice", f"{q['chars_per_s']:,.0f} chars/s",
                     f"{q['seconds']:.3f} s, {q['quantities']:,} quantities, {q['errors']} errors"))
        rows.append(("ratio ours/quantulum3 (same slice)", f"{q['ratio_same_text']:.1f}x",
                     f"whole-corpus ours / quantulum3: {q['ratio_corpus']:.1f}x"))
    if "error" in s:
        rows.append(("start-up", "-", s["error"]))
    elif s:
        rows.append((f"start-up: auditor extract {s['file_bytes']:,} B file", f"{s['median_s']:.3f} s",
                     f"median of {s['runs']} (min {s['min_s']:.3f}, max {s['max_s']:.3f})"))
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    for name, value, note in rows:
        print(f"  {name:<{w0}}  {value:>{w1}}  {note}")
    print("\ntargets (reported, not asserted):")
    for t in res["targets"]:
        verdict = "n/a " if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")
        print(f"  {verdict}  {t['target']}")
    if res.get("profile"):
        print(f"\nprofile: top {len(res['profile'])} functions by cumulative time (cProfile, whole corpus)")
        print(f"  {'ncalls':>9} {'tottime':>8} {'cumtime':>8}  function")
        for r in res["profile"]:
            print(f"  {r['ncalls']:>9} {r['tottime']:>8.3f} {r['cumtime']:>8.3f}  {r['function']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=float, default=1.0,
                    help="corpus size in millions of characters (>= that many MB of UTF-8); default 1")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per measure, best kept (default 3)")
    ap.add_argument("--quantulum-chars", type=int, default=50_000,
                    help="size of the slice given to quantulum3 (default 50,000 chars)")
    ap.add_argument("--startup-runs", type=int, default=5, help="runs of the CLI start-up (default 5)")
    ap.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    ap.add_argument("--no-startup", action="store_true", help="skip the CLI start-up measure")
    ap.add_argument("--profile", type=int, nargs="?", const=10, default=0, metavar="N",
                    help="also cProfile extract_text over the corpus and list the top N (default 10) "
                         "functions by cumulative time")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    cpu = pin_one_core()
    from corpus_gen import seed_documents

    docs = news_corpus_documents(int(args.size_mb * 1_000_000), seed=args.seed)
    seeds = seed_documents()
    res: dict = {
        "python": platform.python_version(),
        "cpu": cpu,
        "runs": args.runs,
        "corpus": {"seed": args.seed, "documents": len(docs), "seed_documents": sum(d in seeds for d in docs),
                   "chars": sum(len(d) for d in docs), "bytes": sum(len(d.encode("utf-8")) for d in docs)},
    }
    res["ours"] = measure_ours(docs, args.runs)
    if seeds:
        res["ours_seeds"] = measure_ours(seeds, args.runs)
    if not args.no_quantulum:
        paras = paragraphs_slice(docs, args.quantulum_chars)
        q = measure_quantulum(paras, args.runs)
        if "error" not in q:
            mine = measure_ours(paras, args.runs)
            q["ours_chars_per_s"], q["ours_seconds"] = mine["chars_per_s"], mine["seconds"]
            q["ratio_same_text"] = mine["chars_per_s"] / q["chars_per_s"]
            q["ratio_corpus"] = res["ours"]["chars_per_s"] / q["chars_per_s"]
        res["quantulum3"] = q
    if not args.no_startup:
        res["startup"] = measure_startup(docs, args.startup_runs)
    res["targets"] = targets(res)
    if args.profile:
        res["profile"] = profile_ours(docs, args.profile)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
