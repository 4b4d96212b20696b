"""Benchmark of the whole check: extraction and every shipped rule, on 1, 2, 4 and 8 MB of text.

    .venv/bin/python benchmarks/check.py [--sizes 1,2,4,8] [--quick] [--json] [--profile 10]

Each size is a prefix of one stream of news-like text (benchmarks/corpus_gen.py, seeds/*.txt mixed in)
with planted inconsistencies (and clean look-alikes) between its paragraphs, so every rule has work to
do. Three measurements per size: (a) the whole text as one document, the worst case for document-scope
rules, (b) the same text split into documents of about 5 KB, and (c) each paragraph a document (reader
comments, where each document's own work counts most). Then the time of each rule on its own
at every size (extraction excluded), and optionally a cProfile of the one-document check.

See benchmarks/README.md. Targets are reported as PASS/FAIL, never asserted: the exit code is 0 whenever
the benchmark ran.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import math
import platform
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from benchutil import pin_one_core, profile_rows  # noqa: E402
from corpus_gen import news_corpus_documents, seed_documents  # noqa: E402

MB = 1_000_000  # a "MB" of text here is a million characters
TARGET_CPS = 500_000  # chars/s of the whole check, one core
TARGET_DOUBLING = 2.4  # the most a doubling of the text may multiply the time by
SPLIT_CHARS = 5_000  # size of the documents of measurement (b)
PLANT_EVERY = 3  # one planted paragraph after every PLANT_EVERY paragraphs of a generated article
# the measurements: (a) and (b) have the targets; (c), a paragraph per document as reader comments are
# checked, shows what each document's own work costs (no target)
MODES = {"one": "(a) the whole text as one document",
         "split": f"(b) the same text split into ~{SPLIT_CHARS:,}-char documents",
         "paragraphs": "(c) each paragraph a document of its own (as reader comments are checked; no target)"}
TARGET_MODES = ("one", "split")
DEFAULT_SIZES = "1,2,4,8"
QUICK_SIZES = "0.25,0.5"


# Time is CPU time of this (single-threaded, pinned) process: on a shared machine, wall time also counts
# the time other processes hold the core. `--wall` switches to wall time; both are reported for (a), (b).
CLOCK = time.process_time


# -- the text ----------------------------------------------------------------------------------------
def _n(x: int) -> str:
    return f"{x:,}"


def _p_count_part(r):  # "Of the 800 detainees, 900 were released."
    a = r.randrange(200, 900, 10)
    return f"Of the {a} detainees, {a + r.randrange(100, 400, 10)} were released on Monday, officials said."


def _p_breakdown_fail(r):  # 46% + 41% + 19% > 100%
    x, y = r.randint(40, 50), r.randint(33, 42)
    z = 108 - x - y + r.randint(0, 8)
    return f"The vote split {x}% for the governor, {y}% for the challenger and {z}% for others."


def _p_breakdown_clean(r):  # many percentages that can add up
    shares = [r.randint(25, 38), r.randint(15, 24), r.randint(8, 14), r.randint(4, 7), r.randint(1, 3)]
    a, b, c, d, e = shares
    return (f"The ruling party won {a}%, the opposition {b}%, the Greens {c}%, the liberals {d}% and "
            f"independents {e}%, with {100 - sum(shares)}% of ballots spoiled. Turnout was {r.randint(55, 70)}%, "
            f"up from {r.randint(40, 54)}% in 2019, and {r.randint(20, 35)}% of voters were under 35.")


def _p_ratio_fail(r):  # 2,800 fighters at 1:2 do not give "at least 1,900" soldiers
    b = r.randrange(1000, 6000, 100)
    return (f"About {_n(b)} ISIS fighters were destroyed. The coalition's losses should be at least "
            f"{_n(b // 2 + r.randrange(300, 900, 100))} military personnel (at the rate of 1 military to 2 militants).")


def _p_ratio_clean(r):
    b = r.randrange(1000, 6000, 200)
    return (f"About {_n(b)} ISIS fighters were destroyed. Losses were some {_n(b // 2)} military personnel "
            f"(1 military to 2 militants).")


def _p_conversion_fail(r):  # "a 15-mile (15 km) stretch"
    m = r.randint(10, 60)
    return f"Police closed a {m}-mile ({m} km) stretch of road after the attack."


def _p_conversion_clean(r):
    m = r.randint(10, 60)
    return f"Police closed a {m}-mile ({round(m * 1.609344)} km) stretch of road after the attack."


def _p_multiple_fail(r):  # "doubled: 360 against 120"
    x = r.randrange(100, 400, 10)
    return f"Attacks have doubled since spring: {3 * x} this month against {x} in April."


def _p_multiple_clean(r):
    x = r.randrange(100, 400, 10)
    return f"Attacks have tripled since spring: {3 * x} this month against {x} in April."


def _p_conflict_fail(r):  # document scope: two figures for one group
    a = r.randrange(300, 800, 50)
    return (f"The brigade has up to {a} fighters. After a week of fighting, all {a + r.randrange(150, 400, 50)} "
            f"of the brigade's fighters were withdrawn.")


def _p_times_less_fail(r):
    return ("The freed area is 503,223 square kilometers. The area of Syria is 185,180 square kilometers, "
            "which is 5 times less.")


def _p_area_part_fail(r):
    w = r.randrange(20_000, 60_000, 1000)
    return (f"Rebels hold {_n(w + r.randrange(4000, 20_000, 1000))} square kilometres of a province whose total "
            f"area is {_n(w)} square kilometres.")


def _p_parts_sum_fail(r):
    a, b, c = r.randrange(2000, 5000, 500), r.randrange(2000, 4000, 500), r.randrange(1000, 4000, 500)
    return f"The {_n(a + b + c - 1500)} troops are made up of {_n(a)} Kurds, {_n(b)} Arabs and {_n(c)} Turkmen."


def _p_parts_exceed_fail(r):
    a, b = r.randrange(6000, 9000, 500), r.randrange(3000, 5000, 500)
    return f"The force numbers up to {_n(a + b - 1500)} fighters, including {_n(a)} Arabs and {_n(b)} Kurds."


def _p_percent_of_fail(r):  # 200 of 800 is 25%, not 40%
    w = r.randrange(400, 1000, 100)
    return f"Of the {w} detainees, {w // 4}, about 40%, were released."


def _p_percent_change_fail(r):
    return "Bread rose from 50 to 75 cents, a 25% increase, and output fell from 80 to 60 tonnes, a 40% drop."


def _p_granularity_fail(r):
    return "Of the 7 council members, 60% voted in favour."


def _p_granularity_them(r):  # "9 candidates, and 40% of them": no whole number of 9 is 40%
    n, pct = r.choice([(9, 40), (7, 60), (11, 50), (13, 30)])
    return (f"The shortlist had {n} candidates, and {pct}% of them were women; the board has 10 members, and "
            f"{r.choice([20, 30, 40, 60])}% of them are new.")


def _p_reference_fail(r):
    return ("Jordan, with an area of 300,000 square kilometres, borders Syria. Kabul, a city of 20 million "
            "people, woke to explosions.")


def _p_speed_fail(r):
    return "The convoy drove 200 km in five hours, averaging 60 km/h."


def _p_average_fail(r):
    return "Twelve flights, each carrying about 20 tonnes, delivered 400 tonnes."


PLANTED = [_p_count_part, _p_breakdown_fail, _p_breakdown_clean, _p_ratio_fail, _p_ratio_clean,
           _p_conversion_fail, _p_conversion_clean, _p_multiple_fail, _p_multiple_clean, _p_conflict_fail,
           _p_times_less_fail, _p_area_part_fail, _p_parts_sum_fail, _p_parts_exceed_fail, _p_percent_of_fail,
           _p_percent_change_fail, _p_granularity_fail, _p_granularity_them, _p_reference_fail, _p_speed_fail, _p_average_fail]


def planted_stream(n_chars: int, seed: int, with_seeds: bool) -> tuple[str, dict]:
    """At least `n_chars` characters: corpus_gen's documents (blank-line separated), with a planted paragraph
    after every PLANT_EVERY paragraphs of each generated article (seeds/ documents are left as they are)."""
    r = random.Random(seed + 1_000_003)
    seeds = set(seed_documents()) if with_seeds else set()
    order: list = []
    out: list[str] = []
    size = planted = planted_chars = 0
    # the generator's text is ~85% of the result; ask for a little more than needed, then top up
    budget = int(n_chars * 0.9) + 10_000
    while size < n_chars:
        for doc in news_corpus_documents(budget, seed=seed, with_seeds=with_seeds)[len(out):]:
            if doc in seeds:
                out.append(doc)
            else:
                paras = doc.split("\n\n")
                mixed = []
                for i, p in enumerate(paras, 1):
                    mixed.append(p)
                    if i % PLANT_EVERY == 0:
                        if not order:
                            order = PLANTED[:]
                            r.shuffle(order)
                        extra = order.pop()(r)
                        mixed.append(extra)
                        planted += 1
                        planted_chars += len(extra)
                out.append("\n\n".join(mixed))
            size += len(out[-1]) + 2
            if size >= n_chars:
                break
        budget = int(budget * 1.3)
    text = "\n\n".join(out)
    return text, {"planted_paragraphs": planted, "planted_chars": planted_chars}


def prefix(text: str, n_chars: int) -> str:
    """The text up to the last paragraph break at or before `n_chars`."""
    if len(text) <= n_chars:
        return text
    cut = text.rfind("\n\n", 0, n_chars + 1)
    return text[: cut if cut > 0 else n_chars]


def split_documents(text: str, chars: int = SPLIT_CHARS) -> list[str]:
    """The text cut at paragraph breaks into documents of about `chars` characters (the first break after)."""
    docs, cur, size = [], [], 0
    for para in text.split("\n\n"):
        cur.append(para)
        size += len(para) + 2
        if size >= chars:
            docs.append("\n\n".join(cur))
            cur, size = [], 0
    if cur:
        docs.append("\n\n".join(cur))
    return docs


# -- measuring ---------------------------------------------------------------------------------------
class ExtractionClock:
    """Wraps the extract_text that Engine.check reaches (through auditor.resilient.extract_document) to time
    the extraction inside the check and keep its result; `replay` makes the engine reuse a kept extraction
    (to time rules without extracting again)."""

    def __init__(self):
        import auditor.resilient as engine_module

        self.module = engine_module
        self.real = getattr(engine_module, "extract_text", None)
        self.available = self.real is not None
        self.seconds = 0.0
        self.last = None
        if self.available:
            engine_module.extract_text = self._timed

    def _timed(self, text):
        t0 = CLOCK()
        ex = self.real(text)
        self.seconds += CLOCK() - t0
        self.last = ex
        return ex

    def replay(self, extraction):
        self.module.extract_text = lambda text: extraction

    def timed(self):
        self.module.extract_text = self._timed

    def restore(self):
        if self.available:
            self.module.extract_text = self.real


def measure(engine, clock: ExtractionClock, docs: list[str], runs: int) -> dict:
    """Engine.check over `docs` (each a new Document), best of `runs`: seconds, findings, quantities."""
    from auditor.document import Document

    best = None
    for _ in range(runs):
        gc.collect()
        clock.seconds = 0.0
        findings = quantities = 0
        by_rule: dict[str, int] = {}
        w0, t0 = time.perf_counter(), CLOCK()
        for i, text in enumerate(docs):
            res = engine.check(Document(f"bench{i}.txt", text))
            findings += len(res.findings)
            quantities += len(res.quantities)
            for f in res.findings:
                by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        seconds, wall = CLOCK() - t0, time.perf_counter() - w0
        if best is None or seconds < best["seconds"]:
            chars = sum(len(d) for d in docs)
            best = {"documents": len(docs), "chars": chars, "seconds": seconds, "chars_per_s": chars / seconds,
                    "wall_seconds": wall, "extract_seconds": clock.seconds if clock.available else None, "findings": findings,
                    "quantities": quantities, "findings_by_rule": by_rule}
    return best


def rule_times(engine, clock: ExtractionClock, text: str, extraction, runs: int) -> dict:
    """The time of each rule alone on `text` as one document: Engine.check(doc, [rule]) with the extraction
    replayed, the document's sentences and paragraphs computed beforehand (`structure_seconds`) and, where
    the engine builds its index with `auditor.engine.DocumentIndex`, a fresh index built before the clock
    starts (its time, with the engine's bookkeeping, is Engine.check(doc, []): `index_seconds`). Without that
    hook, a rule's time is Engine.check(doc, [rule]) minus Engine.check(doc, [])."""
    from auditor.document import Document

    module = clock.module
    real_index = getattr(module, "DocumentIndex", None)
    doc = Document("bench.txt", text)
    t0 = CLOCK()
    doc.sentences  # paragraphs and sentences: cached on the Document
    structure = CLOCK() - t0
    clock.replay(extraction)
    try:
        def best(rules, fresh_index: bool):
            out = math.inf
            for _ in range(runs):
                if fresh_index:  # a new index per run: its lazy caches (sentence words) are the rule's cost
                    ix = real_index(doc, extraction.quantities)
                    module.DocumentIndex = lambda d, q, *date, ix=ix: ix
                gc.collect()
                t0 = CLOCK()
                engine.check(doc, rules)
                out = min(out, CLOCK() - t0)
                module.DocumentIndex = real_index
            return out

        base = best([], False)
        replay_index = real_index is not None
        rules = {}
        for rule in engine.ruleset.rules:
            t = best([rule], replay_index)
            rules[rule.id] = t if replay_index else max(0.0, t - base)
    finally:
        clock.timed()
        if real_index is not None:
            module.DocumentIndex = real_index
    return {"structure_seconds": structure, "index_seconds": base, "rules": rules,
            "method": "index replayed" if replay_index else "minus Engine.check(doc, [])"}


def profile_check(engine, text: str, top: int) -> dict:
    """cProfile of Engine.check on `text` as one document: the `top` functions by cumulative and by own time."""
    from auditor.document import Document

    prof = cProfile.Profile()
    gc.collect()
    prof.enable()
    engine.check(Document("bench.txt", text))
    prof.disable()
    rows = profile_rows(prof)
    return {"chars": len(text),
            "cumulative": sorted(rows, key=lambda r: r["cumtime"], reverse=True)[:top],
            "own": sorted(rows, key=lambda r: r["tottime"], reverse=True)[:top]}


def doubling_cost(t1: float, t2: float, n1: int, n2: int) -> float:
    """What doubling the text multiplies the time by, from two sizes (t2/t1 when n2 is exactly 2 x n1)."""
    if t1 <= 0 or n2 == n1:
        return math.nan
    return (t2 / t1) ** (math.log(2) / math.log(n2 / n1))


def growth(rows: list[dict]) -> list[dict]:
    out = []
    for a, b in zip(rows, rows[1:]):
        out.append({"from_mb": a["mb"], "to_mb": b["mb"], "time_ratio": b["seconds"] / a["seconds"],
                    "chars_ratio": b["chars"] / a["chars"],
                    "doubling_cost": doubling_cost(a["seconds"], b["seconds"], a["chars"], b["chars"])})
    return out


def targets(res: dict) -> list[dict]:
    out = []
    for mode, label in (("one", "one document"), ("split", f"~{SPLIT_CHARS // 1000} KB documents")):
        rows = res["sizes"]
        worst = min(r[mode]["chars_per_s"] for r in rows)
        out.append({"target": f">= {TARGET_CPS:,} chars/s, {label} (slowest size)", "value": worst,
                    "pass": worst >= TARGET_CPS})
        g = res["growth"][mode]
        if g:
            cost = max(x["doubling_cost"] for x in g)
            out.append({"target": f"linear, {label}: each doubling <= {TARGET_DOUBLING}x time", "value": cost,
                        "pass": cost <= TARGET_DOUBLING})
    return out


# -- output ------------------------------------------------------------------------------------------
def _verdict(ok) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "FAIL")


def print_table(res: dict) -> None:
    c = res["corpus"]
    print(f"auditor check benchmark - {len(res['rules'])} rules from rules/, corpus seed {c['seed']}"
          f"{'' if c['with_seeds'] else ' (no seeds/)'}; 1 MB = 1,000,000 chars")
    print(f"python {res['python']}, pinned to CPU {res['cpu']}, {res['clock']} time (seconds, chars/s, per rule), "
          f"best of {res['runs']} run(s) after a warm-up; "
          f"planted paragraphs: {c['planted_share']:.1%} of the text, one after every {PLANT_EVERY} paragraphs "
          f"of each article\n")
    for mode, label in MODES.items():
        print(label)
        print(f"  {'size':>7} {'chars':>11} {'docs':>5} {'seconds':>8} {'wall s':>7} {'chars/s':>10} "
              f"{'extract s':>9} {'rules s':>8} {'quantities':>10} {'findings':>8} {'x time':>7}  vs target")
        g = res["growth"][mode]
        for i, row in enumerate(res["sizes"]):
            m = row[mode]
            ext = m["extract_seconds"]
            ratio = f"{g[i - 1]['time_ratio']:.2f}" if i else "-"
            ok = (m["chars_per_s"] >= TARGET_CPS and (not i or g[i - 1]["doubling_cost"] <= TARGET_DOUBLING)
                  if mode in TARGET_MODES else None)
            print(f"  {row['mb']:>5g}MB {m['chars']:>11,} {m['documents']:>5} {m['seconds']:>8.2f} "
                  f"{m['wall_seconds']:>7.2f} "
                  f"{m['chars_per_s']:>10,.0f} {ext if ext is not None else math.nan:>9.2f} "
                  f"{m['seconds'] - (ext or 0):>8.2f} {m['quantities']:>10,} {m['findings']:>8,} {ratio:>7}  "
                  f"{_verdict(ok)}")
        print()
    rt = res["rule_times"]
    if rt:
        sizes = [r["mb"] for r in res["sizes"] if r["mb"] in rt]
        last = sizes[-1]
        big = next(r for r in res["sizes"] if r["mb"] == last)
        chars = {r["mb"]: r["chars"] for r in res["sizes"]}
        print(f"per rule, one document (ms; extraction excluded, best of {res['rule_runs']}); findings at "
              f"{last:g} MB; 'x' = what a doubling costs, from the first to the last size (2.00 = linear)")
        head = "".join(f"{s:>8g}MB" for s in sizes)
        print(f"  {'rule':<26}{head} {'x':>6} {'share':>6} {'findings':>8}")
        total_rules = sum(rt[last]["rules"].values())
        extra = [("extract_text", {s: rt[s]["extract_seconds"] for s in sizes}),
                 ("document structure", {s: rt[s]["structure_seconds"] for s in sizes}),
                 ("index + bookkeeping", {s: rt[s]["index_seconds"] for s in sizes})]
        for rule_id in rt[last]["rules"]:
            per = {s: rt[s]["rules"][rule_id] for s in sizes}
            extra.append((rule_id, per))
        grand = sum(v[last] for _, v in extra if v[last] is not None)
        for i, (name, per) in enumerate(extra):
            cells = "".join(f"{per[s] * 1000:>10.1f}" if per[s] is not None else f"{'-':>10}" for s in sizes)
            x = doubling_cost(per[sizes[0]], per[last], chars[sizes[0]], chars[last]) \
                if len(sizes) > 1 and per[sizes[0]] else math.nan
            flag = " <- superlinear?" if x > TARGET_DOUBLING and per[last] > 0.01 * grand else ""
            n = big["one"]["findings_by_rule"].get(name, 0) if i >= 3 else ""
            share = per[last] / grand if per[last] is not None and grand else math.nan
            print(f"  {name:<26}{cells} {x:>6.2f} {share:>6.1%} {n:>8}{flag}")
            if i == 2:
                print(f"  {'-' * (26 + 10 * len(sizes) + 22)}")
        print(f"  {'all rules':<26}" + "".join(f"{sum(rt[s]['rules'].values()) * 1000:>10.1f}" for s in sizes)
              + f" {'':>6} {total_rules / grand if grand else math.nan:>6.1%}")
        silent = [r for r in res["rules"] if not big["one"]["findings_by_rule"].get(r)]
        if silent:
            print(f"  rules without a finding at {last:g} MB (one document): {', '.join(silent)}")
        print()
    if res.get("runtime_errors"):
        print("runtime errors:", *res["runtime_errors"], sep="\n  ")
    print("targets (reported, not asserted):")
    for t in res["targets"]:
        v = t["value"]
        value = f"{v:,.0f} chars/s" if "chars/s" in t["target"] else f"{v:.2f}x"
        print(f"  {_verdict(t['pass'])}  {t['target']}: {value}")
    p = res.get("profile")
    if p:
        for key, title in (("cumulative", "cumulative time"), ("own", "own time")):
            print(f"\nprofile: top {len(p[key])} functions by {title} (cProfile, Engine.check, one document of "
                  f"{p['chars']:,} chars)")
            print(f"  {'ncalls':>9} {'tottime':>8} {'cumtime':>8}  function")
            for r in p[key]:
                print(f"  {r['ncalls']:>9} {r['tottime']:>8.3f} {r['cumtime']:>8.3f}  {r['function']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=None,
                    help=f"sizes in MB (millions of characters), comma-separated; default {DEFAULT_SIZES}")
    ap.add_argument("--quick", action="store_true", help=f"a smoke test: sizes {QUICK_SIZES}")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--no-seeds", action="store_true",
                    help="leave the seeds/*.txt documents (English and Russian) out of the corpus")
    ap.add_argument("--cpu", type=int, default=None,
                    help="the CPU to pin to (default: the first this process may use)")
    ap.add_argument("--wall", action="store_true",
                    help="time with the wall clock rather than this process's CPU time")
    ap.add_argument("--runs", type=int, default=1, help="timed runs per measure, best kept (default 1)")
    ap.add_argument("--rule-runs", type=int, default=2, help="timed runs per rule, best kept (default 2)")
    ap.add_argument("--rules-at", choices=("all", "largest", "none"), default="all",
                    help="sizes at which to time each rule alone (default all)")
    ap.add_argument("--profile", type=int, nargs="?", const=10, default=0, metavar="N",
                    help="also cProfile the one-document check and list the top N (default 10) functions")
    ap.add_argument("--profile-mb", type=float, default=2.0, help="size of the profiled text (default 2 MB)")
    args = ap.parse_args(argv)

    sizes = [float(s) for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")]
    sizes = sorted(set(sizes))
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    cpu = pin_one_core(args.cpu)

    from auditor.engine import Engine
    from auditor.rules.schema import load_rules

    ruleset = load_rules([str(ROOT / "rules")])
    engine = Engine(ruleset)
    clock = ExtractionClock()
    need = int(max(sizes + ([args.profile_mb] if args.profile else [])) * MB)
    stream, plant = planted_stream(need, args.seed, not args.no_seeds)

    # warm-up: lazy tables, regex caches, the Russian morphology, reference data
    from auditor.document import Document

    engine.check(Document("warm.txt", stream[:20_000] + "\n\nОколо 20 километров. Jordan, with an area of "
                          "300,000 square kilometres."))
    engine.disabled.clear()
    engine.runtime_errors.clear()

    res: dict = {
        "python": platform.python_version(),
        "cpu": cpu,
        "runs": args.runs,
        "clock": "wall" if args.wall else "cpu",
        "rule_runs": args.rule_runs,
        "rules": [r.id for r in ruleset.rules],
        "corpus": {"seed": args.seed, "with_seeds": not args.no_seeds,
                   "planted_share": plant["planted_chars"] / len(stream), **plant},
        "sizes": [],
        "rule_times": {},
    }
    rule_sizes = {"all": sizes, "largest": sizes[-1:], "none": []}[args.rules_at]
    for mb in sizes:
        text = prefix(stream, int(mb * MB))
        row = {"mb": mb, "chars": len(text), "bytes": len(text.encode("utf-8"))}
        row["one"] = measure(engine, clock, [text], args.runs)
        extraction = clock.last
        row["split"] = measure(engine, clock, split_documents(text), args.runs)
        row["paragraphs"] = measure(engine, clock, [p for p in text.split("\n\n") if p.strip()], args.runs)
        res["sizes"].append(row)
        if mb in rule_sizes and clock.available and extraction is not None:
            rt = rule_times(engine, clock, text, extraction, args.rule_runs)
            rt["extract_seconds"] = row["one"]["extract_seconds"]
            res["rule_times"][mb] = rt
        del extraction
        print(f"  ... {mb:g} MB done", file=sys.stderr, flush=True)
    res["growth"] = {mode: growth([{"mb": r["mb"], "chars": r[mode]["chars"], "seconds": r[mode]["seconds"]}
                                   for r in res["sizes"]]) for mode in MODES}
    rt, chars = res["rule_times"], {r["mb"]: r["chars"] for r in res["sizes"]}
    if len(rt) > 1:
        lo, hi = min(rt), max(rt)
        res["rule_doubling_cost"] = {  # what a doubling costs each rule, from the first to the last size
            rule: doubling_cost(rt[lo]["rules"][rule], rt[hi]["rules"][rule], chars[lo], chars[hi])
            if rt[lo]["rules"][rule] else None for rule in rt[hi]["rules"]}
    res["targets"] = targets(res)
    if args.profile:
        res["profile"] = profile_check(engine, prefix(stream, int(args.profile_mb * MB)), args.profile)
    res["runtime_errors"] = list(engine.runtime_errors)
    clock.restore()
    if args.json:
        print(json.dumps(res, indent=2, default=lambda x: None))
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
