"""Benchmark: what many rules cost. The check of one corpus with the shipped rules, and with renamed copies
of them up to ~400 rules, in three designs: the matcher's candidate index (`Matcher.prefilter`) with rules
that bind alike sharing one search (`Engine.share_searches`: a copy finds its bindings where the original
did), the index with every rule searching on its own (what as many distinct rules would cost), and no
index.

    .venv/bin/python benchmarks/rules_scale.py [--mb 0.5] [--rules 400] [--runs 1] [--json]

The corpus is benchmarks/check.py's stream (generated news with seeds/*.txt and planted inconsistencies for
every shipped rule), cut into documents of about 5 KB, each checked as a new Document (extraction
included: the check time a user waits for). The copies are the shipped rule files written again to a
temporary folder with every id renamed (`ratio.implied-count-copy3`), loaded with the shipped ones as a
newsroom's local rules would be. See benchmarks/README.md. Targets are reported as PASS/FAIL, never
asserted: 400 rules at most 2x the check time of the shipped set (with shared searches, and without),
and the same findings in every design.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from benchutil import pin_one_core  # noqa: E402
from check import planted_stream, prefix, split_documents  # noqa: E402

MB = 1_000_000
TARGET_RATIO = 2.0  # the most ~400 rules may cost, as a multiple of the shipped set's check time
CLOCK = time.process_time


def copied_rules(folder: Path, copies: int) -> None:
    """Write `copies` copies of every shipped rule file into `folder`, each rule id renamed."""
    for k in range(1, copies + 1):
        for path in sorted((ROOT / "rules").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if "classes:" in text and "rules:" not in text:
                continue  # the word classes are the shipped ones, loaded once
            text = re.sub(r"^(\s*- id: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-copy{k}", text, flags=re.M)
            (folder / f"{path.stem}-copy{k}.yaml").write_text(text, encoding="utf-8")


class EvaluationClock:
    """Times `auditor.engine.evaluate` (the arithmetic, derivation and message of each binding) inside
    Engine.check, and counts the bindings evaluated."""

    def __init__(self):
        import auditor.engine as engine_module

        self.module, self.real = engine_module, engine_module.evaluate
        self.seconds, self.calls = 0.0, 0
        engine_module.evaluate = self._timed

    def _timed(self, rule, binding):
        t0 = CLOCK()
        try:
            return self.real(rule, binding)
        finally:
            self.seconds += CLOCK() - t0
            self.calls += 1

    def restore(self) -> None:
        self.module.evaluate = self.real


def run_check(engine, docs: list[str], runs: int, clock: EvaluationClock) -> dict:
    """Engine.check over every document, best of `runs` (CPU seconds, and those inside `evaluate`), and
    the findings of the last run."""
    from auditor.document import Document

    best, findings = None, []
    for _ in range(runs):
        gc.collect()
        found = []
        clock.seconds = clock.calls = 0
        t0 = CLOCK()
        for i, text in enumerate(docs):
            for f in engine.check(Document(f"bench{i}.txt", text)).findings:
                found.append((i, f.rule, f.severity, f.message, tuple((s.start, s.end, s.role) for s in f.spans)))
        seconds = CLOCK() - t0
        if best is None or seconds < best["seconds"]:
            best = {"seconds": seconds, "evaluate_seconds": clock.seconds, "evaluations": clock.calls}
        findings = found
    return {**best, "findings": findings}


# The same measurement in another checkout of the project (`--against main`): a child process on the
# same core, with that tree's code and rules (copies made the same way), on the same documents.
_WORKER = """
import json, sys, tempfile
from pathlib import Path
tree, data, runs, copies = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), int(sys.argv[3]), int(sys.argv[4])
sys.path[:0] = [str(tree), data["benchmarks"]]
import auditor  # that tree's package, before rules_scale puts this checkout on the path
assert Path(auditor.__file__).resolve().is_relative_to(tree.resolve()), auditor.__file__
import rules_scale
rules_scale.ROOT = tree
from auditor.engine import Engine
from auditor.rules.schema import load_rules
from auditor.document import Document
out = {}
with tempfile.TemporaryDirectory() as tmp:
    rules_scale.copied_rules(Path(tmp), copies)
    sets = {"shipped": [str(tree / "rules")], "many": [str(tree / "rules"), tmp]}
    for name, paths in sets.items():
        engine = Engine(load_rules(paths))
        engine.check(Document("warm.txt", data["docs"][0]))
        clock = rules_scale.EvaluationClock()
        res = rules_scale.run_check(engine, data["docs"], runs, clock)
        clock.restore()
        out[name] = {**res, "rules": len(engine.ruleset.rules)}
print(json.dumps(out))
"""


def run_against(ref: str, docs: list[str], runs: int, copies: int) -> dict:
    """The shipped and the copied rule sets timed at git revision `ref` (see _WORKER)."""
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        data = Path(tree) / "bench-docs.json"
        data.write_text(json.dumps({"docs": docs, "benchmarks": str(HERE)}), encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", _WORKER, tree, str(data), str(runs), str(copies)],
                              capture_output=True, text=True, cwd=tree)
        if done.returncode:
            raise SystemExit(f"the run at {ref} failed:\n{done.stderr}")
    out = json.loads(done.stdout)
    for res in out.values():
        res["findings"] = [tuple(tuple(x) if isinstance(x, list) else x for x in f[:4]) +
                           (tuple(tuple(s) for s in f[4]),) for f in res["findings"]]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=0.5, help="corpus size in millions of characters (default 0.5)")
    ap.add_argument("--rules", type=int, default=400, help="about how many rules the large set has (default 400)")
    ap.add_argument("--runs", type=int, default=1, help="timed runs per measure, best kept (default 1)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--cpu", type=int, default=None, help="the CPU to pin to")
    ap.add_argument("--against", default=None, metavar="REF",
                    help="also time the previous design: the same check at this git revision (e.g. main)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    cpu = pin_one_core(args.cpu)

    from auditor.engine import Engine
    from auditor.rules.matcher import Matcher
    from auditor.rules.schema import load_rules

    stream, _ = planted_stream(int(args.mb * MB), args.seed, True)
    docs = split_documents(prefix(stream, int(args.mb * MB)))
    shipped = load_rules([str(ROOT / "rules")])
    copies = max(0, math.ceil(args.rules / len(shipped.rules)) - 1)
    with tempfile.TemporaryDirectory() as tmp:
        copied_rules(Path(tmp), copies)
        many = load_rules([str(ROOT / "rules"), tmp])
    assert not shipped.errors and not many.errors, (shipped.errors, many.errors)
    engines = {"shipped": Engine(shipped), "many": Engine(many)}
    for engine in engines.values():  # warm-up: lazy tables, the Russian morphology, reference data
        engine.check(__import__("auditor.document", fromlist=["Document"]).Document("warm.txt", docs[0]))

    results: dict = {}
    clock = EvaluationClock()
    # interleaved, so a busy spell of the machine falls on both designs alike
    designs = (("indexed", True, True), ("unshared", True, False), ("unindexed", False, True),
               ("indexed", True, True))
    for design, prefilter, shared in designs:
        Matcher.prefilter, Engine.share_searches = prefilter, shared
        for name, engine in engines.items():
            res = run_check(engine, docs, args.runs, clock)
            key = (design, name)
            if key not in results or res["seconds"] < results[key]["seconds"]:
                results[key] = res
            print(f"  ... {design}, {len(engine.ruleset.rules)} rules: {res['seconds']:.2f} s", file=sys.stderr)
    Matcher.prefilter, Engine.share_searches = True, True
    clock.restore()
    if args.against:
        print(f"  ... at {args.against}", file=sys.stderr)
        for name, res in run_against(args.against, docs, args.runs, copies).items():
            results[(args.against, name)] = res

    out = {"python": platform.python_version(), "cpu": cpu, "chars": sum(map(len, docs)), "documents": len(docs),
           "runs": args.runs, "rules": {"shipped": len(shipped.rules), "many": len(many.rules)}, "designs": {}}
    for design in ([args.against] if args.against else []) + ["unindexed", "unshared", "indexed"]:
        s, m = results[(design, "shipped")], results[(design, "many")]
        s_match, m_match = s["seconds"] - s["evaluate_seconds"], m["seconds"] - m["evaluate_seconds"]
        out["designs"][design] = {"shipped_seconds": s["seconds"], "many_seconds": m["seconds"],
                                  "ratio": m["seconds"] / s["seconds"],
                                  "shipped_evaluate_seconds": s["evaluate_seconds"],
                                  "many_evaluate_seconds": m["evaluate_seconds"],
                                  "ratio_without_evaluation": m_match / s_match,
                                  "evaluations_shipped": s["evaluations"], "evaluations_many": m["evaluations"],
                                  "findings_shipped": len(s["findings"]), "findings_many": len(m["findings"])}
    same = all(results[("indexed", n)]["findings"] == results[(other, n)]["findings"]
               for n in engines for other in ("unindexed", "unshared"))
    out["same_findings"] = same
    if args.against:
        out["same_findings_as_" + args.against] = all(
            results[("indexed", n)]["findings"] == results[(args.against, n)]["findings"] for n in engines)
    out["speedup_many"] = results[("unindexed", "many")]["seconds"] / results[("indexed", "many")]["seconds"]
    ratio, unshared = out["designs"]["indexed"]["ratio"], out["designs"]["unshared"]["ratio"]
    out["targets"] = [{"target": f"{len(many.rules)} rules <= {TARGET_RATIO}x the check time of "
                                 f"{len(shipped.rules)}, indexed", "value": ratio, "pass": ratio <= TARGET_RATIO},
                      {"target": f"{len(many.rules)} rules <= {TARGET_RATIO}x the check time of "
                                 f"{len(shipped.rules)}, indexed, each rule searched on its own (as distinct "
                                 "rules would be)", "value": unshared, "pass": unshared <= TARGET_RATIO},
                      {"target": "identical findings in every design", "value": same, "pass": same}]
    if args.against:
        before = results[(args.against, "many")]["seconds"]
        out["speedup_many_against"] = before / results[("indexed", "many")]["seconds"]
        same_ref = out["same_findings_as_" + args.against]
        out["targets"].append({"target": f"identical findings to {args.against}", "value": same_ref,
                               "pass": same_ref})
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"rules at scale - {out['documents']} documents, {out['chars']:,} chars (~5 KB each), python "
          f"{out['python']}, CPU {cpu}, CPU seconds, best of {args.runs} run(s) (the indexed design twice)")
    n, big = len(shipped.rules), len(many.rules)
    print(f"  {'design':<10} {f'{n} rules s':>12} {f'{big} rules s':>12} {'ratio':>7} {'evaluate s':>17} "
          f"{'ratio w/o it':>12} {'evaluations':>17} {'findings':>17}")
    for design, d in out["designs"].items():
        print(f"  {design:<10} {d['shipped_seconds']:>12.2f} {d['many_seconds']:>12.2f} {d['ratio']:>6.2f}x "
              f"{d['shipped_evaluate_seconds']:>8.2f} {d['many_evaluate_seconds']:>8.2f} "
              f"{d['ratio_without_evaluation']:>11.2f}x {d['evaluations_shipped']:>8,} {d['evaluations_many']:>8,} "
              f"{d['findings_shipped']:>8,} {d['findings_many']:>8,}")
    print(f"  {len(many.rules)} rules, unindexed / indexed: {out['speedup_many']:.2f}x")
    if args.against:
        print(f"  {len(many.rules)} rules, {args.against} / indexed: {out['speedup_many_against']:.2f}x")
    print("targets (reported, not asserted):")
    for t in out["targets"]:
        value = f"{t['value']:.2f}x" if isinstance(t["value"], float) else str(t["value"])
        print(f"  {'PASS' if t['pass'] else 'FAIL'}  {t['target']}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
