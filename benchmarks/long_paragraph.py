"""Benchmark of layouts: the same sentences as separate paragraphs, as one paragraph, and as one sentence.

    .venv/bin/python benchmarks/long_paragraph.py [--sizes 1000,2000,4000,8000] [--json]

The check's time must grow with the number of quantities whatever the layout (issue 12: one paragraph of
8,000 sentences took 145 s where the same sentences as paragraphs took 1.6 s, because a paragraph-scope
role sorted every quantity of the paragraph for every anchor). For each size the first N sentences of
the generated news corpus (benchmarks/corpus_gen.py) are laid out three ways and checked with the shipped
rules on one core: the whole check, the extraction alone, and the rules (the difference). Printed side by
side: the rules' time in one paragraph (and in one sentence) against separate paragraphs, and what
doubling the size multiplies it by (2 is linear, 4 quadratic). Nothing is asserted.
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
    """The first `count` sentences of the generated corpus, each on its own (no line breaks)."""
    chars = 200 * count
    while True:
        doc = Document("corpus", news_corpus(chars, with_seeds=False))
        found = [" ".join(doc.text[s.start : s.end].split()) for s in doc.sentences]
        found = [s for s in found if s]
        if len(found) >= count:
            return found[:count]
        chars *= 2


def laid_out(items: list[str], layout: str) -> str:
    if layout == "paragraphs":
        return "\n\n".join(items) + "\n"
    if layout == "one paragraph":
        return " ".join(items) + "\n"
    # one sentence: every sentence end turned into a semicolon
    return " ".join(s.rstrip(".!?") + ";" for s in items) + "\n"


def measure(engine: Engine, text: str) -> dict:
    t0 = time.perf_counter()
    extract_text(text)
    t1 = time.perf_counter()
    result = engine.check(Document("bench", text))
    t2 = time.perf_counter()
    return {"chars": len(text), "extract_s": t1 - t0, "check_s": t2 - t1,
            "rules_s": max(0.0, (t2 - t1) - (t1 - t0)), "findings": len(result.findings)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="sentence counts")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    cpu = pin_one_core()
    engine = Engine(load_rules([shipped_rules_dir()]))
    engine.check(Document("warm-up", "About 2,800 fighters and 40% of 1,500 people.\n"))
    sizes = [int(n) for n in args.sizes.split(",")]
    pool = sentences(max(sizes))
    rows = []
    for n in sizes:
        row = {"sentences": n}
        for layout in LAYOUTS:
            row[layout] = measure(engine, laid_out(pool[:n], layout))
        rows.append(row)
    if args.json:
        print(json.dumps({"cpu": cpu, "rows": rows}, indent=2))
        return 0
    print(f"shipped rules, one core (cpu {cpu}); seconds of the rules alone (check minus extraction)\n")
    print(f"{'sentences':>9} {'chars':>9} | " + " | ".join(f"{l:>13}" for l in LAYOUTS)
          + " | para/sep | sent/sep | x per doubling (para)")
    previous = None
    for row in rows:
        sep, para, sent = (row[l]["rules_s"] for l in LAYOUTS)
        growth = f"{para / previous:.2f}" if previous else "-"
        print(f"{row['sentences']:>9,} {row['paragraphs']['chars']:>9,} | {sep:>13.2f} | {para:>13.2f} | "
              f"{sent:>13.2f} | {para / sep:>8.2f} | {sent / sep:>8.2f} | {growth}")
        previous = para
    print("\nwhole check (extraction included), seconds:")
    for row in rows:
        print(f"{row['sentences']:>9,}  " + "  ".join(f"{l}: {row[l]['check_s']:.2f}" for l in LAYOUTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
