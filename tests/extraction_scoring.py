"""Scoring the extractor against hand-made expectations (the seeds' gold file, the corpus files).

A found quantity matches an expected one when their spans overlap and value, low and high agree; span
and unit agreement are reported separately so a near miss is visible without hiding the value score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from auditor.extract import extract_text


def amounts(text: str) -> list:
    """The quantities the gold and corpus files describe: every one but a lone "one" ("one of the
    best"), which the extractor reports as a determiner count outside the project's gold conventions
    (docs/extraction.md; tested in test_extract_news.py)."""
    return [q for q in extract_text(text).quantities if not q.determiner]


def same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    exact_spans: int = 0
    units_agree: int = 0
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def add(self, other: "Score") -> None:
        for name in ("expected", "found", "matched", "exact_spans", "units_agree"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.spurious += other.spurious
        self.wrong += other.wrong

    def report(self, title: str) -> str:
        lines = [
            f"{title}: recall {self.recall:.3f} precision {self.precision:.3f} "
            f"({self.matched} matched of {self.expected} expected, {self.found} found; "
            f"exact spans {self.exact_spans}, units agree {self.units_agree})"
        ]
        lines += [f"  missed   {m}" for m in self.missed]
        lines += [f"  wrong    {w}" for w in self.wrong]
        lines += [f"  spurious {s}" for s in self.spurious]
        return "\n".join(lines)


def score(text: str, expected: list[dict], found: list, where: str = "") -> Score:
    """Compare `expected` (dicts with start, end, value, low, high, unit) to found Quantity objects."""
    s = Score(expected=len(expected), found=len(found))
    used = set()
    for exp in expected:
        best = None
        for i, q in enumerate(found):
            if i in used or not overlaps(exp["start"], exp["end"], q.start, q.end):
                continue
            if all(same_number(exp.get(k), getattr(q, k)) for k in ("value", "low", "high")):
                best = i
                break
            if best is None:
                best = -1 - i
        if best is not None and best >= 0:
            q = found[best]
            used.add(best)
            s.matched += 1
            s.exact_spans += (q.start, q.end) == (exp["start"], exp["end"])
            s.units_agree += q.unit == exp.get("unit")
        elif best is not None:
            q = found[-1 - best]
            used.add(-1 - best)
            s.wrong.append(f"{where} {exp['text']!r}: expected {exp.get('value')} [{exp.get('low')}, "
                           f"{exp.get('high')}], got {q.text!r} {q.value} [{q.low}, {q.high}]")
        else:
            s.missed.append(f"{where} {exp['text']!r} ({exp.get('value')})")
    for i, q in enumerate(found):
        if i not in used:
            s.spurious.append(f"{where} {q.text!r} ({q.value}, {q.qualifier})")
    return s
