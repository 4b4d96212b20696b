"""Sanity checks for the extraction corpus files (tests/corpus/extract_*.yaml).

Run: python tests/corpus/validate_corpus.py [FILE...]
Exits 1 and lists every problem if a case breaks the conventions of docs/extraction.md.
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range", "vague"}
from auditor.extract.currency import ALL_UNITS as CURRENCIES  # noqa: E402
TEMPERATURES = {"degree_Celsius", "degree_Fahrenheit"}
REQUIRED = {"text", "value", "low", "high", "qualifier", "unit"}
OPTIONAL = {"counted"}
# (low, high) pairs allowed for vague amounts: the doc's table and "a few/several N" -> [2N, 9N]
VAGUE = {(12, 120), (10, 100), (40, 100), (100, 1000), (1000, 10000), (10000, 100000), (100000, 1000000),
         (1000000, 999999999)}
VAGUE |= {(2 * n, 9 * n) for n in (10, 100, 1000, 100000, 1000000)}
MINIMUM_CASES = {"extract_en.yaml": 130, "extract_ru.yaml": 90}


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def approx_width(value: float) -> float:
    """One step of the last significant digit, at most 10% of the value."""
    step = Decimal(10) ** Decimal(repr(abs(value))).normalize().as_tuple().exponent
    return min(float(step), abs(value) * 0.1)


def check_unit(unit: str, ureg) -> str | None:
    parts = [p.strip() for p in unit.replace("**", "^").replace("/", "*").split("*")]
    if "*" in unit and any(p in CURRENCIES for p in parts):
        return f"currency times a unit {unit!r}"  # a price per unit ("USD / week") is fine, a product is not
    try:
        ureg.parse_units(unit)
    except Exception as exc:  # noqa: BLE001 - report any parse failure
        return f"unit {unit!r} does not parse: {exc}"
    return None


def check_quantity(q: dict, problems: list[str], where: str) -> None:
    missing = REQUIRED - q.keys()
    extra = q.keys() - REQUIRED - OPTIONAL
    if missing or extra:
        problems.append(f"{where}: missing keys {sorted(missing)} / unknown keys {sorted(extra)}")
        return
    qual, value, low, high, unit = q["qualifier"], q["value"], q["low"], q["high"], q["unit"]
    if qual not in QUALIFIERS:
        problems.append(f"{where}: qualifier {qual!r}")
        return
    temp = unit in TEMPERATURES
    if low is not None and high is not None and low > high:
        problems.append(f"{where}: low > high")
    if value is not None and low is not None and value < low - 1e-9:
        problems.append(f"{where}: value below low")
    if value is not None and high is not None and value > high + 1e-9:
        problems.append(f"{where}: value above high")
    if qual == "exact":
        ok = value is not None and close(low, value) and close(high, value)
    elif qual == "approximate":
        w = approx_width(value) if value is not None else None
        half = min(0.5, abs(value or 0) * 0.1)  # "about two and a half": the step is the half
        ok = w is not None and (close(low, value - w) and close(high, value + w)
                                or (value * 2).is_integer() and close(low, value - half) and close(high, value + half))
    elif qual in ("at_least", "more_than"):
        ok = value is not None and close(low, value) and high is None
    elif qual in ("at_most", "less_than"):
        ok = value is not None and close(high, value) and (low is None if temp or value < 0 else close(low, 0))
    elif qual == "range":
        ok = value is None and low is not None and high is not None and low < high
    else:  # vague
        ok = value is None and (low, high) in VAGUE
    if not ok:
        problems.append(f"{where}: bounds do not follow the {qual} rule: {value} [{low}, {high}]")
    if unit is not None and not isinstance(unit, str):
        problems.append(f"{where}: unit must be a string or null")


def check_file(path: Path, ureg) -> tuple[list[str], dict]:
    problems: list[str] = []
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    stats = {"cases": 0, "quantities": 0, "ignored": 0, "with_trap": 0, "trap_only": 0}
    if not isinstance(cases, list):
        return [f"{path.name}: top level must be a list"], stats
    seen_texts: set[str] = set()
    for i, case in enumerate(cases, 1):
        where = f"{path.name} case {i}"
        if set(case) != {"text", "quantities", "ignored"}:
            problems.append(f"{where}: keys {sorted(case)}")
            continue
        text, quantities, ignored = case["text"], case["quantities"], case["ignored"]
        where = f"{where} ({text[:40]!r})"
        if text in seen_texts:
            problems.append(f"{where}: duplicate case text")
        seen_texts.add(text)
        stats["cases"] += 1
        stats["quantities"] += len(quantities)
        stats["ignored"] += len(ignored)
        stats["with_trap"] += bool(ignored)
        stats["trap_only"] += bool(ignored) and not quantities
        spans: list[tuple[int, int]] = []
        pos = 0
        for j, q in enumerate(quantities, 1):
            qwhere = f"{where} q{j} {q.get('text')!r}"
            check_quantity(q, problems, qwhere)
            span = q.get("text", "")
            start = text.find(span, pos)
            if start < 0:
                problems.append(f"{qwhere}: span not found in order")
                continue
            if text.find(span) != start:
                problems.append(f"{qwhere}: span text also occurs earlier in the sentence")
            spans.append((start, start + len(span)))
            pos = start + len(span)
            if q["unit"] is not None:
                err = check_unit(q["unit"], ureg)
                if err:
                    problems.append(f"{qwhere}: {err}")
            counted = q.get("counted")
            if counted is not None and counted not in text[start + len(span):]:
                problems.append(f"{qwhere}: counted {counted!r} not found after the span")
        for ig in ignored:
            n = text.count(ig)
            if n != 1:
                problems.append(f"{where}: ignored {ig!r} occurs {n} times")
                continue
            s = text.find(ig)
            e = s + len(ig)
            for a, b in spans:
                if s < b and a < e:
                    problems.append(f"{where}: ignored {ig!r} overlaps a quantity span")
    minimum = MINIMUM_CASES.get(path.name)
    if minimum and stats["cases"] < minimum:
        problems.append(f"{path.name}: only {stats['cases']} cases, need {minimum}")
    return problems, stats


def main(argv: list[str]) -> int:
    from auditor.extract.units import registry

    ureg = registry()  # pint's units and the project's news units (currencies, percentage points)
    paths = [Path(a) for a in argv] or sorted(HERE.glob("extract_*.yaml"))
    all_problems: list[str] = []
    for path in paths:
        problems, stats = check_file(path, ureg)
        all_problems += problems
        share = stats["with_trap"] / stats["cases"] if stats["cases"] else 0
        print(f"{path.name}: {stats['cases']} cases, {stats['quantities']} quantities, "
              f"{stats['ignored']} ignored; {stats['with_trap']} cases with traps ({share:.0%}), "
              f"{stats['trap_only']} trap-only")
    for p in all_problems:
        print("PROBLEM", p)
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
