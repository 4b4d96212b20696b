#!/usr/bin/env python3
"""Check tests/gold/seeds.yaml against the seed documents.

Every entry's find/nth must resolve to a place in its document (occurrences are
counted with a non-overlapping str.find loop, 1-based); no two entries of a
document (quantities and ignored together) may overlap; every value must lie in
[low, high] (null = unbounded) and low <= high. Exits 1 with a list of problems,
else prints per-document counts and exits 0.

Usage: python tests/gold/verify_gold.py [GOLD_YAML] [SEEDS_DIR]
"""
import math
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "seeds.yaml")
SEEDS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "seeds")

QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range", "vague"}
REASONS = {"date", "year", "time", "designation", "ordinal", "identifier", "footnote", "list"}
KINDS = {"count", "measure", "money", "percent", "ratio", "fraction", "multiplier"}


def read_doc(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def resolve(text, find, nth):
    """Start offset of the nth (1-based) non-overlapping occurrence of find, or None."""
    if not isinstance(find, str) or not find or not isinstance(nth, int) or isinstance(nth, bool) or nth < 1:
        return None
    k = 0
    for i in range(nth):
        k = text.find(find, k)
        if k < 0:
            return None
        if i < nth - 1:
            k += len(find)
    return k


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def main():
    with open(GOLD, encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    errors = []
    counts = {}
    if not isinstance(gold, dict):
        sys.exit(f"FAIL: {GOLD} is not a mapping")
    for doc, entry in gold.items():
        if doc == "notes":
            if not isinstance(entry, list) or not all(isinstance(n, str) for n in entry):
                errors.append("notes: must be a list of strings")
            continue
        path = os.path.join(SEEDS, doc)
        if not os.path.isfile(path):
            errors.append(f"{doc}: no such seed file {path}")
            continue
        text = read_doc(path)
        if not isinstance(entry, dict) or set(entry) - {"quantities", "ignored"}:
            errors.append(f"{doc}: expected keys quantities/ignored, got {entry!r:.80}")
            continue
        spans = []
        for section in ("quantities", "ignored"):
            items = entry.get(section) or []
            for idx, e in enumerate(items):
                where = f"{doc} {section}[{idx}] {e.get('find')!r} nth={e.get('nth')}"
                start = resolve(text, e.get("find"), e.get("nth"))
                if start is None:
                    errors.append(f"{where}: find/nth does not exist in the document")
                    continue
                end = start + len(e["find"])
                spans.append((start, end, where))
                if section == "ignored":
                    if e.get("reason") not in REASONS:
                        errors.append(f"{where}: bad reason {e.get('reason')!r}")
                    continue
                q = e.get("qualifier")
                if q not in QUALIFIERS:
                    errors.append(f"{where}: bad qualifier {q!r}")
                if "kind" in e and e["kind"] not in KINDS:
                    errors.append(f"{where}: bad kind {e['kind']!r}")
                v, lo, hi = e.get("value"), e.get("low"), e.get("high")
                for name, x in (("value", v), ("low", lo), ("high", hi)):
                    if x is not None and not is_num(x):
                        errors.append(f"{where}: {name} is not a number: {x!r}")
                if not all(x is None or is_num(x) for x in (v, lo, hi)):
                    continue
                if lo is not None and hi is not None and lo > hi:
                    errors.append(f"{where}: low {lo} > high {hi}")
                if v is not None:
                    if lo is not None and v < lo:
                        errors.append(f"{where}: value {v} < low {lo}")
                    if hi is not None and v > hi:
                        errors.append(f"{where}: value {v} > high {hi}")
                elif q not in ("range", "vague"):
                    errors.append(f"{where}: value null but qualifier {q!r} is not range/vague")
                if q == "exact" and v is not None and not (lo == v == hi):
                    errors.append(f"{where}: exact needs low == value == high")
                if q == "range" and (lo is None or hi is None):
                    errors.append(f"{where}: range needs both bounds")
                if "unit" not in e:
                    errors.append(f"{where}: missing unit (use null for a bare count)")
        spans.sort()
        for (s1, e1, w1), (s2, e2, w2) in zip(spans, spans[1:]):
            if s2 < e1:
                errors.append(f"overlap: {w1} [{s1},{e1}) and {w2} [{s2},{e2})")
        counts[doc] = (len(entry.get("quantities") or []), len(entry.get("ignored") or []))
    if errors:
        print(f"FAIL: {len(errors)} problem(s) in {GOLD}", file=sys.stderr)
        for err in errors:
            print("  " + err, file=sys.stderr)
        sys.exit(1)
    for doc, (nq, ni) in counts.items():
        print(f"{doc}: {nq} quantities, {ni} ignored")
    print(f"OK: {sum(c[0] for c in counts.values())} quantities, {sum(c[1] for c in counts.values())} ignored")


if __name__ == "__main__":
    main()
