"""Scoring the shipped rules on the real news in ../shared/realnews (third-party text, read in place).

Three figures, as issue 9 defines them:
- alarms (error/warning findings) per 100 articles, and how many of them are false by a fact-checker's
  judgement: the judgements are `judged.yaml` (auditor 0.1.0's alarms, labelled by hand) and, for alarms
  that file does not cover, this project's own in tests/data/realnews_judged.yaml;
- the TRUE problems of judged.yaml still flagged;
- recall on the relations broken by one number, and alarms on their originals.

Each article is checked at its own date: Lenta.ru files carry it in their name, the BBC files are known
to come from 2004-05 (`2004..2005`). Run `python tests/realnews.py` to print every figure and every alarm
(`--undated`: as `auditor check` sees them without `--date`, the way ../shared/tools/relations.py runs).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REALNEWS = SHARED / "realnews"
OWN_JUDGEMENTS = ROOT / "tests" / "data" / "realnews_judged.yaml"
REPORTED = ("error", "warning")
BBC_DATE = "2004..2005"
_LENTA_DATE = re.compile(r"_(\d{4})(\d\d)(\d\d)(?:__r\d+)?\.txt$")


def article_date(name: str) -> str | None:
    """The date an article of the shared corpus was written, as `--date` takes it."""
    m = _LENTA_DATE.search(name)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return BBC_DATE if os.path.basename(name).startswith("bbc_") else None


def check_files(paths: list[Path], dated: bool = True) -> dict[str, list]:
    """Alarms (error/warning findings) of the shipped rules on each file, checked at its own date (or, not
    `dated`, as `auditor check` does without `--date`)."""
    from auditor.document import read_document
    from auditor.engine import Engine
    from auditor.rules import shipped_rules_dir
    from auditor.rules.schema import load_rules

    ruleset = load_rules([shipped_rules_dir()])
    engines: dict[str | None, Engine] = {}
    out = {}
    for path in paths:
        date = article_date(path.name) if dated else None
        engine = engines.setdefault(date, Engine(ruleset, date))
        result = engine.check(read_document(path))
        out[str(path)] = [f for f in result.findings if f.severity in REPORTED]
    return out


def _texts(spans) -> frozenset[str]:
    return frozenset(s.text for s in spans)


def _judged_key(entry) -> tuple[str, frozenset[str]]:
    """(article path relative to realnews, texts of the alarm's spans) of a judged.yaml entry, whose
    `claim` reads 'role: text; role: text'."""
    texts = frozenset(part.split(": ", 1)[1] for part in entry["claim"].split("; ") if ": " in part)
    return entry["path"].removeprefix("realnews/"), texts


@dataclass
class AlarmScore:
    articles: int = 0
    alarms: list = field(default_factory=list)  # (relative path, finding, label, cause, whose)
    true_flagged: set = field(default_factory=set)
    true_total: int = 0

    def count(self, label: str) -> int:
        return sum(1 for a in self.alarms if a[2] == label)

    @property
    def per_100(self) -> float:
        return 100 * len(self.alarms) / self.articles

    @property
    def false_per_100(self) -> float:
        return 100 * (self.count("FALSE") + self.count("UNJUDGED")) / self.articles


def score_alarms(dated: bool = True) -> AlarmScore:
    """Check every article (at its date, or undated) and label every alarm from the judgements."""
    judged = yaml.safe_load((REALNEWS / "judged.yaml").read_text(encoding="utf-8"))
    labels = {}
    for e in judged:
        labels[_judged_key(e)] = (e["label"], e.get("cause"), "judged.yaml")
    own = yaml.safe_load(OWN_JUDGEMENTS.read_text(encoding="utf-8")) if OWN_JUDGEMENTS.exists() else []
    for e in own or []:
        labels[(e["path"], frozenset(e["spans"]))] = (e["label"], e.get("cause"), "own")
    true_keys = {_judged_key(e) for e in judged if e["label"] == "TRUE"}
    paths = sorted((REALNEWS / "en").glob("*.txt")) + sorted((REALNEWS / "ru").glob("*.txt"))
    score = AlarmScore(articles=len(paths), true_total=len(true_keys))
    for path, findings in check_files(paths, dated).items():
        rel = os.path.relpath(path, REALNEWS)
        for f in findings:
            key = (rel, _texts(f.spans))
            label, cause, whose = labels.get(key, ("UNJUDGED", None, None))
            score.alarms.append((rel, f, label, cause, whose))
            # a TRUE problem counts as flagged when an alarm rests on the same numbers
            for t in true_keys:
                if t[0] == rel and t[1] <= key[1]:
                    score.true_flagged.add(t)
    return score


@dataclass
class RelationScore:
    found: int = 0
    copies: int = 0
    by_kind: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    missed: list = field(default_factory=list)
    on_originals: list = field(default_factory=list)  # (file, finding, excused: on a relation wrong in it)
    wrong_flagged: int = 0
    wrong_total: int = 0

    def report(self) -> str:
        """The figures, one line, then the recall by kind of relation."""
        lines = [f"relations: broken copies flagged {self.found}/{self.copies} ({self.found / self.copies:.2f}); "
                 f"wrong originals flagged {self.wrong_flagged}/{self.wrong_total}; alarms on the originals "
                 f"{len(self.on_originals)} ({sum(1 for *_, e in self.on_originals if not e)} not on a known error)"]
        lines += [f"  {kind}: {self.by_kind[kind]}/{self.kinds[kind]}" for kind in sorted(self.kinds)]
        return "\n".join(lines)


def _targets(text: str, anchor: str) -> list[tuple[int, int]]:
    context = anchor.replace("[[", "").replace("]]", "")
    pre = anchor.index("[[")
    n = len(anchor[pre + 2 : anchor.index("]]")])
    i = text.find(context)
    return [] if i < 0 else [(i + pre, i + pre + n)]


def _overlaps(findings, spans) -> bool:
    return any(s.start < b and a < s.end for f in findings for s in f.spans for a, b in spans)


def score_relations(dated: bool = True) -> RelationScore:
    """As ../shared/tools/relations.py scores them, each article checked at its own date (or undated, as
    that tool checks them)."""
    rel_dir = REALNEWS / "relations"
    entries = yaml.safe_load((rel_dir / "relations.yaml").read_text(encoding="utf-8"))
    score = RelationScore()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(rel_dir / "make.py"), tmp], check=True, capture_output=True,
                       cwd=REALNEWS)
        gold = yaml.safe_load(Path(tmp, "gold.yaml").read_text(encoding="utf-8"))
        copies = sorted(gold["planted"])
        originals = sorted(set(gold["clean"]))
        results = check_files([Path(tmp, c) for c in copies] + [REALNEWS / o for o in originals], dated)
        texts = {c: Path(tmp, c).read_text(encoding="utf-8") for c in copies}
        by_original = {o: results[str(REALNEWS / o)] for o in originals}
        for c in copies:
            entry = entries[int(c[:-4].rsplit("__r", 1)[1])]
            seen = {(f.rule, tuple(s.text for s in f.spans)) for f in by_original[entry["file"]]}
            new = [f for f in results[str(Path(tmp, c))] if (f.rule, tuple(s.text for s in f.spans)) not in seen]
            spans = [t for item in gold["planted"][c] for a in item["anchors"] for t in _targets(texts[c], a)]
            hit = _overlaps(new, spans)
            score.copies += 1
            score.found += hit
            score.kinds[entry["kind"]] += 1
            score.by_kind[entry["kind"]] += hit
            if not hit:
                score.missed.append(f"{c}: {entry['kind']}: {entry.get('broken', '')}")
    for o in originals:
        text = (REALNEWS / o).read_text(encoding="utf-8")
        wrong = [e for e in entries if e["file"] == o and e.get("consistent") is False]
        excused = [t for e in wrong for a in e["anchors"] for t in _targets(text, a)]
        for f in by_original[o]:
            score.on_originals.append((o, f, _overlaps([f], excused)))
        for e in wrong:
            score.wrong_total += 1
            score.wrong_flagged += _overlaps(by_original[o], [t for a in e["anchors"] for t in _targets(text, a)])
    return score


def main() -> None:
    dated = "--undated" not in sys.argv
    alarms = score_alarms(dated)
    print(f"{alarms.articles} articles, {len(alarms.alarms)} alarms ({alarms.per_100:.1f} per 100); "
          f"TRUE {alarms.count('TRUE')}, FALSE {alarms.count('FALSE')}, UNCLEAR {alarms.count('UNCLEAR')}, "
          f"unjudged {alarms.count('UNJUDGED')}; false alarms per 100 articles {alarms.false_per_100:.2f}; "
          f"judged.yaml TRUE problems flagged {len(alarms.true_flagged)}/{alarms.true_total}")
    for rel, f, label, cause, whose in alarms.alarms:
        print(f"  {label:8} {cause or '':10} {rel} [{f.rule}] {f.message}")
    rel = score_relations(dated)
    print(rel.report())
    if "--show" in sys.argv:
        for m in rel.missed:
            print("  missed", m)
        for o, f, excused in rel.on_originals:
            print(f"  {'excused' if excused else 'ALARM  '} {o} [{f.rule}] {f.message}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
