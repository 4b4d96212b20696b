#!/usr/bin/env python3
"""Peak memory of `auditor check` on one large document, in bytes per character beyond the baseline.

Each size runs the real command line (`auditor check FILE --jobs 1 --format json`, output discarded) in
a child process, and its peak resident memory (the child's own maximum RSS, from wait4) is compared
with the same command on the seed texts (`seeds/*.txt`, 63 KB): the interpreter, the imports, the rules,
and the dictionaries and reference tables a check loads when it first needs them (Russian lemmas, the
ECB rates, the population table), everything that does not grow with the text. Two more figures are
printed: against a one-line document, which loads less (the tables a text never asks for), and the
growth between consecutive sizes. The text of a size is a prefix, cut at a paragraph break, of
`corpus_gen.news_corpus` (generated wire copy with the seeds mixed in, so it holds Russian text: Python
stores it at two bytes a character).

Target (printed, never asserted): at most 4 bytes per character beyond the baseline.

    python benchmarks/memory.py [--sizes 4,16] [--json]
    python benchmarks/memory.py --sizes 2 --stages     # also where it goes, by stage (tracemalloc)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import news_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")
TARGET = 4.0
SMALL = "Officials said 40 people were evacuated from the flooded district on Monday.\n"


def peak_rss(file: Path) -> int:
    """The peak resident memory of `auditor check FILE`, in bytes."""
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen([str(AUDITOR), "check", str(file), "--jobs", "1", "--format", "json"],
                                stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        sys.exit(f"auditor check failed ({proc.returncode}): {err[-400:]}")
    return usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def document(chars: int) -> str:
    text = news_corpus(chars, seed=0)
    cut = text.rfind("\n\n", 0, chars)
    return text[: cut if cut > 0 else chars]


def stages(text: str) -> list[tuple[str, float, float]]:
    """(stage, bytes per character held at its end, peak during it) for one in-process check, measured
    with tracemalloc (which counts Python's allocations, not the allocator's slack); of a document longer
    than one window, the first window's extraction, index and rules."""
    import tracemalloc

    import auditor.engine as engine_module
    import auditor.rules.matcher as matcher
    from auditor.document import Document
    from auditor.rules.schema import load_rules

    engine = engine_module.Engine(load_rules([str(ROOT / "rules")]))
    for seed in sorted((ROOT / "seeds").glob("*.txt")):  # dictionaries and tables loaded beforehand
        engine.check(Document(str(seed), seed.read_text(encoding="utf-8")))
    rows: list[tuple[str, float, float]] = []
    n = len(text)

    def mark(label: str) -> None:
        if label in {row[0] for row in rows}:
            return  # a long document is checked in windows (engine.WINDOW): the first window's stages
        current, peak = tracemalloc.get_traced_memory()
        rows.append((label, (current - base) / n, (peak - base) / n))
        tracemalloc.reset_peak()

    extract, index = engine_module.extract_document, matcher.DocumentIndex.__init__
    last_rule = engine.ruleset.rules[-1].id
    bindings = matcher.Matcher.bindings

    def marked_extract(doc):
        result = extract(doc)
        mark("extraction")
        return result

    def marked_index(self, *args, **kwargs):
        index(self, *args, **kwargs)
        mark("document structure and index")

    def marked_bindings(self):
        yield from bindings(self)
        if self.rule.id == last_rule:
            mark("rules")

    engine_module.extract_document, matcher.DocumentIndex.__init__ = marked_extract, marked_index
    matcher.Matcher.bindings = marked_bindings
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    try:
        doc = Document("big.txt", text)
        result = engine.check(doc)
        mark("check returned")
        del result, doc
        mark("result released")
    finally:
        tracemalloc.stop()
        engine_module.extract_document, matcher.DocumentIndex.__init__ = extract, index
        matcher.Matcher.bindings = bindings
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="4,16", help="document sizes in millions of characters")
    ap.add_argument("--stages", action="store_true", help="also measure each stage in-process (slow)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    report: dict = {"runs": []}
    with tempfile.TemporaryDirectory(prefix="auditor-memory-") as tmp:
        small, seeds = Path(tmp) / "small.txt", Path(tmp) / "seeds.txt"
        small.write_text(SMALL, encoding="utf-8")
        seed_texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        seeds.write_text("\n\n".join(seed_texts), encoding="utf-8")
        peak_rss(small)  # untimed: fills the rule cache, so that no run pays for building it
        one_line, baseline = peak_rss(small), peak_rss(seeds)
        report["baseline_mb"] = round(baseline / 2**20, 1)
        report["one_line_mb"] = round(one_line / 2**20, 1)
        previous = None
        for size in (float(s) for s in args.sizes.split(",")):
            text = document(int(size * 1e6))
            file = Path(tmp) / "big.txt"
            file.write_text(text, encoding="utf-8")
            peak = peak_rss(file)
            run = {"characters": len(text), "peak_mb": round(peak / 2**20, 1),
                   "bytes_per_char": round((peak - baseline) / len(text), 2),
                   "bytes_per_char_beyond_one_line": round((peak - one_line) / len(text), 2)}
            if previous is not None:
                run["growth_bytes_per_char"] = round((peak - previous[1]) / (len(text) - previous[0]), 2)
            previous = (len(text), peak)
            if args.stages:
                run["stages"] = [{"stage": s, "held": round(h, 2), "peak": round(p, 2)} for s, h, p in stages(text)]
            report["runs"].append(run)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"auditor check, one document, --jobs 1 --format json; baseline (the seed texts) "
          f"{report['baseline_mb']} MB peak RSS, a one-line document {report['one_line_mb']} MB")
    for run in report["runs"]:
        verdict = "PASS" if run["bytes_per_char"] <= TARGET else "FAIL"
        growth = (f", {run['growth_bytes_per_char']:.2f} from the size before"
                  if "growth_bytes_per_char" in run else "")
        print(f"  {run['characters']:>12,} characters: peak {run['peak_mb']:8.1f} MB, "
              f"{run['bytes_per_char']:5.2f} bytes/char beyond the baseline  {verdict} (target <= {TARGET}); "
              f"{run['bytes_per_char_beyond_one_line']:.2f} beyond the one-line document{growth}")
        for stage in run.get("stages", []):
            print(f"      {stage['stage']:32} held {stage['held']:6.2f} B/char, peak {stage['peak']:6.2f} B/char")


if __name__ == "__main__":
    main()
