"""Instructions the check executes, counted by valgrind: a figure the machine's load does not move.

    .venv/bin/python benchmarks/instructions.py [--base REV] [--docs 40] [--runs 2] [--phase rules,extract]

On a shared machine a timed run varies by 20-30% from one minute to the next, more than most changes
to the matcher gain. The number of instructions a run executes hardly varies, so this benchmark counts
them with valgrind's callgrind, for the working tree and, with `--base`, for a git revision of it (a
`git archive` in a temporary folder), side by side, and gives their ratio.

The text is the first `--docs` documents of about 5 KB of `benchmarks/check.py`'s planted stream. Phases:
- `rules`: `Engine.check` over those documents with every shipped rule, extraction done beforehand and
  replayed (the rules' own work: index, candidates, binding, evaluation);
- `extract`: `extract_text` over them;
- `paragraphs`: as `rules`, on each of their paragraphs as a document of its own (as reader comments are
  checked: what each document's own work costs).
Each is counted as the difference between a process doing it `--runs` times and one doing it none
(start-up, text generation and, for `rules`, the extraction), so start-up does not dilute the ratio.
Instructions are not time (a cache miss costs more than an addition), so a ratio here says which way a
change goes and about how far; `check.py` says how fast the check is. Needs valgrind; without it the
benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PHASES = ("rules", "extract", "paragraphs")
_COLLECTED = re.compile(r"Collected\s*:\s*([0-9]+)")


def _child(root: str, phase: str, docs: int, runs: int) -> None:
    """The counted workload, run by valgrind with `root`'s package first on the path."""
    sys.path.insert(0, str(HERE))
    from check import planted_stream, prefix, split_documents  # puts the working tree on the path

    sys.path.insert(0, root)  # so that `root`'s package is the one imported
    from auditor import resilient
    from auditor.document import Document
    from auditor.engine import Engine
    from auditor.extract import extract_text
    from auditor.rules.schema import load_rules

    assert Path(sys.modules["auditor"].__file__).resolve().is_relative_to(Path(root).resolve())
    stream, _ = planted_stream(docs * 6_000, 0, True)
    texts = split_documents(prefix(stream, docs * 6_000))[:docs]
    if phase == "paragraphs":  # the rules on each paragraph as a document of its own (reader comments)
        texts = [p for text in texts for p in text.split("\n\n") if p.strip()]
    if phase == "extract":
        for _ in range(runs):
            for text in texts:
                extract_text(text)
        return
    extracted = {text: extract_text(text) for text in texts}
    resilient.extract_text = lambda text: extracted[text]
    engine = Engine(load_rules([os.path.join(root, "rules")]))
    engine.dated_results = False
    engine.check(Document("warm-up.txt", texts[0]))
    for _ in range(runs):
        for i, text in enumerate(texts):
            engine.check(Document(f"doc{i}.txt", text))


def count(root: Path, phase: str, docs: int, runs: int) -> int:
    """Instructions of one counted process (valgrind's "Collected" total)."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
               str(HERE / "instructions.py"), "--child", str(root), phase, str(docs), str(runs)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set and dict orders in every process
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind failed on {root} ({phase}): {done.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1))


def measure(trees: dict[str, Path], phases: list[str], docs: int, runs: int) -> dict[str, dict[str, int]]:
    """{phase: {tree name: instructions of `runs` passes}}; two processes at a time (callgrind runs one
    thread, and the counts do not depend on what else runs)."""
    jobs = [(name, phase, n) for phase in phases for name in trees for n in (runs, 0)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: count(trees[job[0]], job[1], docs, job[2]), jobs)))
    return {phase: {name: counts[(name, phase, runs)] - counts[(name, phase, 0)] for name in trees}
            for phase in phases}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        _child(argv[1], argv[2], int(argv[3]), int(argv[4]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", help="a git revision to count side by side with the working tree")
    ap.add_argument("--docs", type=int, default=40, help="documents of about 5 KB (default 40)")
    ap.add_argument("--runs", type=int, default=2, help="passes over them counted (default 2)")
    ap.add_argument("--phase", default="rules,extract", help=f"comma-separated, of {', '.join(PHASES)} "
                    "(default rules,extract)")
    args = ap.parse_args(argv)
    phases = [p.strip() for p in args.phase.split(",") if p.strip()]
    if not phases or any(p not in PHASES for p in phases):
        ap.error(f"--phase takes {', '.join(PHASES)}")
    if args.docs < 1 or args.runs < 1:
        ap.error("--docs and --runs must be at least 1")
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts (apt install valgrind)")
        return 0
    with tempfile.TemporaryDirectory(prefix="auditor-base-") as tmp:
        trees = {"working tree": ROOT}
        if args.base:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base], capture_output=True, check=False)
            if archive.returncode != 0:
                print(f"git archive {args.base}: {archive.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                return 2
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            trees = {args.base: Path(tmp), **trees}
        print(f"instructions (valgrind callgrind) of {args.runs} passes over {args.docs} documents of ~5 KB; "
              f"python {sys.version.split()[0]}")
        results = measure(trees, phases, args.docs, args.runs)
    for phase, by_tree in results.items():
        cells = "   ".join(f"{name}: {n / 1e6:,.0f} M" for name, n in by_tree.items())
        ratio = ""
        if args.base:
            ratio = f"   working tree / {args.base}: {by_tree['working tree'] / by_tree[args.base]:.3f}"
        print(f"  {phase:8s} {cells}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
