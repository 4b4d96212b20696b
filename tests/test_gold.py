"""The extractor against the hand-made gold standard for the four seeds (tests/gold/seeds.yaml)."""

from pathlib import Path

import pytest
import yaml

from auditor.document import read_document
from extraction_scoring import amounts
from extraction_scoring import Score, overlaps, score

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
SEEDS = sorted(name for name in GOLD if name != "notes")
RECALL_BAR = 0.98
PRECISION_BAR = 0.98


def resolve(text: str, entry: dict) -> dict:
    """Turn a gold entry's find/nth into offsets."""
    pos = -1
    for _ in range(entry["nth"]):
        pos = text.find(entry["find"], pos + 1)
        assert pos >= 0, f"gold entry {entry} not found"
    return {**entry, "start": pos, "end": pos + len(entry["find"]), "text": entry["find"]}


def score_seed(name: str) -> tuple[Score, list[str]]:
    doc = read_document(ROOT / "seeds" / name)
    gold = GOLD[name]
    expected = [resolve(doc.text, e) for e in gold["quantities"]]
    found = amounts(doc.text)
    traps = [resolve(doc.text, e) for e in gold.get("ignored") or []]
    trap_hits = [f"{name} trap {t['text']!r} ({t['reason']}) reported as {q.text!r}"
                 for t in traps for q in found if overlaps(t["start"], t["end"], q.start, q.end)]
    return score(doc.text, expected, found, name), trap_hits


def test_seeds_against_gold(capsys):
    total = Score()
    trap_hits = []
    for name in SEEDS:
        s, hits = score_seed(name)
        total.add(s)
        trap_hits += hits
    report = total.report("seeds gold")
    with capsys.disabled():
        print("\n" + report.splitlines()[0])
    assert total.recall >= RECALL_BAR, report
    assert total.precision >= PRECISION_BAR, report
    assert not trap_hits, "\n".join(trap_hits)


@pytest.mark.parametrize("name", SEEDS)
def test_every_gold_unit_agrees(name):
    doc = read_document(ROOT / "seeds" / name)
    found = {(q.start, q.end): q for q in amounts(doc.text)}
    wrong = []
    for e in GOLD[name]["quantities"]:
        exp = resolve(doc.text, e)
        q = found.get((exp["start"], exp["end"]))
        if q is not None and q.unit != exp.get("unit"):
            wrong.append(f"{exp['text']!r}: unit {q.unit!r}, expected {exp.get('unit')!r}")
    assert not wrong, "\n".join(wrong)
