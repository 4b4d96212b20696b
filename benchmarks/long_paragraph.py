"""Benchmark of layouts: the same sentences as separate paragraphs, as one paragraph, and as one sentence.

    .venv/bin/python benchmarks/long_paragraph.py [--sizes 1000,2000,4000,8000] [--runs 2] [--json]
                                                  [--layouts paragraphs,one paragraph,one sentence]

The check's time must grow with the number of quantities whatever the layout (issue 12: one paragraph of
8,000 sentences took 145 s where the same sentences as paragraphs took 1.6 s, because a paragraph-scope
role sorted every quantity of the paragraph for every anchor). For each size, N sentences (the shipped
rules' failing examples alternating with sentences of the generated news corpus, benchmarks/corpus_gen.py)
are laid out three ways and checked with the shipped rules on one core: the whole check, the extraction alone, and the rules (the difference). Printed side by
side: the rules' time in one paragraph (and in one sentence) against separate paragraphs, and what
doubling the size multiplies it by (2 is linear, 4 quadratic). Nothing is asserted. Figures, before and
after the windows were bounded, are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from benchutil import pin_one_core  # noqa: E402
from corpus_gen import news_corpus  # noqa: E402

from auditor.document import Document  # noqa: E402
from auditor.engine import Engine  # noqa: E402
from auditor.extract import extract_text  # noqa: E402
from auditor.rules import shipped_rules_dir  # noqa: E402
from auditor.rules.schema import load_rules  # noqa: E402

LAYOUTS = ("paragraphs", "one paragraph", "one sentence")


def sentences(count: int) -> list[str]:
    """`count` sentences: those of the shipped rules' failing examples (so that every rule has anchors
    and bindings to make) alternating with those of the generated corpus, each on its own line-free."""
    examples = [s for rule in load_rules([shipped_rules_dir()]).rules for ex in rule.fail_examples
                for s in _split(ex.text)]
    corpus = _split(news_corpus(120 * count, with_seeds=False))
    mixed = [item for pair in zip(corpus, examples * (len(corpus) // len(examples) + 1)) for item in pair]
    while len(mixed) < count:
        mixed += mixed
    return mixed[:count]


def _split(text: str) -> list[str]:
    doc = Document("text", text)
    found = [" ".join(doc.text[s.start : s.end].split()) for s in doc.sentences]
    return [s for s in found if s]


def laid_out(items: list[str], layout: str) -> str:
    if layout == "paragraphs":
        return "\n\n".join(items) + "\n"
    if layout == "one paragraph":
        return " ".join(items) + "\n"
    # one sentence: every sentence end turned into a semicolon
    return " ".join(s.rstrip(".!?") + ";" for s in items) + "\n"


def measure(engine: Engine, text: str, runs: int) -> dict:
    """Seconds of the extraction and of the whole check, each the best of `runs` (the machine is shared:
    the best run is the one least disturbed)."""
    extract_s = check_s = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        extract_text(text)
        t1 = time.perf_counter()
        result = engine.check(Document("bench", text))
        t2 = time.perf_counter()
        extract_s, check_s = min(extract_s, t1 - t0), min(check_s, t2 - t1)
    return {"chars": len(text), "extract_s": extract_s, "check_s": check_s,
            "rules_s": max(0.0, check_s - extract_s), "findings": len(result.findings)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="sentence counts")
    parser.add_argument("--runs", type=int, default=2, help="runs per measure, best kept (default 2)")
    parser.add_argument("--layouts", default=",".join(LAYOUTS),
                        help="comma-separated subset of: " + ", ".join(LAYOUTS))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    layouts = [name for name in LAYOUTS if name in args.layouts.split(",")]
    cpu = pin_one_core()
    engine = Engine(load_rules([shipped_rules_dir()]))
    sizes = [int(n) for n in args.sizes.split(",")]
    pool = sentences(max(sizes))
    engine.check(Document("warm-up", laid_out(pool[:200], "paragraphs")))  # loads what is loaded lazily
    rows = []
    for n in sizes:
        row = {"sentences": n}
        for layout in layouts:
            row[layout] = measure(engine, laid_out(pool[:n], layout), args.runs)
        rows.append(row)
    if args.json:
        print(json.dumps({"cpu": cpu, "rows": rows}, indent=2))
        return 0
    print(f"shipped rules, one core (cpu {cpu}); seconds of the rules alone (check minus extraction), "
          f"best of {args.runs}\n")
    print(f"{'sentences':>9} {'chars':>9} | " + " | ".join(f"{name:>13}" for name in layouts)
          + " | " + " | ".join(f"{name} / paragraphs" for name in layouts[1:]))
    for row in rows:
        cells = [row[name]["rules_s"] for name in layouts]
        ratios = [f"{c / cells[0]:>{len(name) + 13}.2f}" for c, name in zip(cells[1:], layouts[1:])]
        print(f"{row['sentences']:>9,} {row[layouts[0]]['chars']:>9,} | "
              + " | ".join(f"{c:>13.2f}" for c in cells) + " | " + " | ".join(ratios))
    print("\nwhat doubling the size multiplies the rules' time by (2 is linear, 4 quadratic):")
    for before, after in zip(rows, rows[1:]):
        print(f"{before['sentences']:>9,} → {after['sentences']:,}: " + "  ".join(
            f"{name}: {after[name]['rules_s'] / max(before[name]['rules_s'], 1e-9):.2f}" for name in layouts))
    print("\nwhole check (extraction included), seconds:")
    for row in rows:
        print(f"{row['sentences']:>9,}  " + "  ".join(f"{name}: {row[name]['check_s']:.2f}" for name in layouts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
