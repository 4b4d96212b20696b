"""The words of a finding: a check solved for its claim, written out with the text's own figures.

"2,800 × 1/2 = 1,400, but the text says at least 1,500": the solved form of the relation (see
relation.py), each role replaced by the figure the text gives, its value in the claim's unit (the text's,
or the one the rule names: "350 per km²", "80 a day"), and what the text says instead. Values are worked
out in base units and shown in the units a person reads.
"""

from __future__ import annotations

import math
import re

from ..amounts import format_amount, format_number
from ..extract import Quantity
from ..unit_facts import to_base
from .interval import Interval
from .matcher import ReferenceValue
from .relation import Relation, SolvedCheck, Whole, evaluate_plan, roles_in

__all__ = ["derive", "stated", "fill"]

_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "/"}
_BOUND_WORDS = {"==": "", "<=": "at most ", "<": "less than ", ">=": "at least ", ">": "more than ",
                "!=": "anything but "}
_PRECEDENCE = {"+": 1, "-": 1, "neg": 2, "*": 3, "/": 3, "^": 4}


def stated(bound, unit=None) -> str:
    """How a role's figure reads in a derivation: a ratio as a/b, a quantity by its value and unit (the
    unit the rule names when the text gives none)."""
    if isinstance(bound, ReferenceValue):
        if bound.low is not None and bound.high is not None and bound.low != bound.high:
            return f"{format_amount(bound.low, bound.unit)}–{format_amount(bound.high, bound.unit)}"
        return format_amount(bound.value, bound.unit)
    if isinstance(bound, list):
        return " + ".join(stated(b, unit) for b in bound)
    q: Quantity = bound
    if q.kind == "ratio" and q.terms:
        return f"{format_number(q.terms[0])}/{format_number(q.terms[1])}"
    label = f" {unit.label}" if unit is not None and q.unit is None else ""
    if q.value is not None:
        return format_amount(q.value, q.unit) + label
    low = format_amount(q.low, q.unit) if q.low is not None else "…"
    high = format_amount(q.high, q.unit) if q.high is not None else "…"
    return f"{low}–{high}{label}"


def _render(plan, binding: dict, units: dict, parent: str = "", right: bool = False) -> str:
    """A plan with the text's figures in place of role names: "100 × 75¢ / 50¢ − 100"; `parent` is the
    operation the plan is an operand of, `right` whether it is the right operand."""
    op = plan[0]
    outer = _PRECEDENCE.get(parent, 0)
    if op == "num":
        return format_number(plan[1])
    if op in ("role", "list"):
        name = plan[1] if op == "role" else plan[2]
        text = stated(binding[name], units.get(name))
        if op == "list" and plan[1] != "sum":
            return f"{plan[1]}({text})"
        if (" + " in text and outer >= 1 and (outer > 1 or right)) or ("–" in text and outer >= 3) or \
                ("/" in text and ((parent == "/" and right) or parent == "^")):
            return f"({text})"  # "600 / (1/3)", "100 − (46% + 41%)", "$10m × (0.475–0.944)"
        return text
    if op in ("abs", "min", "max"):
        return f"{op}({', '.join(_render(p, binding, units) for p in plan[1:])})"
    if op == "neg":
        return "−" + _render(plan[1], binding, units, "neg")
    if op == "^":
        exponent = plan[2]
        shown = format_number(exponent) if float(exponent).is_integer() else f"({format_number(exponent)})"
        return f"{_render(plan[1], binding, units, '^')}^{shown}"
    pieces = [_render(p, binding, units, op, right=i > 0) for i, p in enumerate(plan[1:])]
    text = f" {_SYMBOLS[op]} ".join(pieces)
    level = _PRECEDENCE[op]
    if outer > level or (outer == level and right and parent in ("-", "/")):
        return f"({text})"
    return text


# -- the unit a value is shown in ---------------------------------------------------------------------------
def _unit_of(bound, rule_unit) -> str | None:
    """The pint unit a role's figure is shown in (the rule's when the text gives none; ratios have none)."""
    bound = bound[0] if isinstance(bound, list) and bound else bound
    if isinstance(bound, list):
        return None
    own = getattr(bound, "unit", None)
    if own is None and rule_unit is not None:
        return rule_unit.pint
    return None if getattr(bound, "kind", "") == "ratio" else own


def _shown(value, unit: str | None, rule_unit=None) -> str:
    """A base-unit value (or an Interval of them: "£4.75m–£9.44m") in `unit`, written as reports write
    amounts ("350 per km²", "62.5¢")."""
    if isinstance(value, Interval):
        if value.is_point:
            return _shown(value.low, unit, rule_unit)
        low, high = (_shown(_significant(end), unit, rule_unit) for end in (value.low, value.high))
        return f"{low}–{high}"
    if unit is not None:
        factor, offset = to_base(unit)
        value = (value - offset) / factor
    if rule_unit is not None and unit == rule_unit.pint:
        return f"{format_number(value)} {rule_unit.label}"
    return format_amount(value, unit)


def _side_unit(relation: Relation, binding: dict, rule, claim: str):
    """The unit to show a relation's sides in: the claim's when it stands on its own, else that of the
    first role named on its own, else of the first measured role anywhere in the relation."""
    bare = [p[1] for p in (relation.left, relation.right) if p[0] == "role"]
    names = ([claim] if claim in bare else []) + bare + roles_in(relation.left) + roles_in(relation.right)
    for name in names:
        unit = _unit_of(binding.get(name), rule.units.get(name))
        if unit is not None or name in bare:
            return unit, rule.units.get(name)
    return None, None


def _significant(x: float, digits: int = 3) -> float:
    """x to `digits` significant digits: the ends of a computed range carry no more precision."""
    if not math.isfinite(x) or x == 0:
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


# -- the derivation -------------------------------------------------------------------------------------
def derive(rule, claim: str, solved: SolvedCheck, binding: dict, points: dict, widened: dict,
           verdict: str) -> tuple[str, dict]:
    """The derivation of a finding, and the values its message template may use ({expected}, ...).

    `points` binds each role to the single value a derivation shows, `widened` to the intervals the check
    failed on (which parts of the check fail is decided on these)."""
    failing = solved.failing(widened) or list(solved.parts)
    claim_bound = binding[claim]
    claim_unit = _unit_of(claim_bound, rule.units.get(claim))
    rule_unit = rule.units.get(claim)
    says = _says(claim_bound, rule_unit)
    clauses, expected = [], []
    computed = {id(solution): evaluate_plan(solution, points) for part in failing if isinstance(part, Relation)
              for solution in part.solutions}
    # an alternative no positive claim can take ("0.4 times less" less 1) is left out, unless every one
    # is: the figures then run against the claim's own words ("£40, 20% more than £50")
    some_positive = any(value.high > 0 for value in computed.values())
    for part in failing:
        if isinstance(part, Whole):
            value = evaluate_plan(part.plan, points).midpoint
            clauses.append(f"{_render(part.plan, binding, rule.units)} = {format_number(value)} is not a whole "
                           "number, whatever the rounding")
            continue
        for solution in part.solutions:
            value = computed[id(solution)]
            if len(failing) + len(part.solutions) > 2 and value.high <= 0 and some_positive:
                continue
            shown = _shown(value, claim_unit, rule_unit)
            text = _render(solution, binding, rule.units)
            arithmetic = text if text == shown else f"{text} = {shown}"
            clauses.append(_BOUND_WORDS[part.op] + arithmetic)
            if shown not in expected:
                expected.append(shown)
    derivation = ", or ".join(clauses)
    if any(isinstance(p, Relation) for p in failing):
        derivation += f", but the text says {says}"
    notes = [f"the text says “{b.text}”" for name in _roles_shown(failing) if name != claim
             for b in _as_list(binding.get(name)) if isinstance(b, Quantity) and b.qualifier != "exact"]
    if notes:
        derivation += f" ({'; '.join(dict.fromkeys(notes))})"
    if verdict == "error":
        derivation += "; no values within the stated bounds and rounding make it hold"
    else:
        derivation += "; only a coarser rounding" + (f" or a tolerance above {rule.tolerance:.0%}"
                                                      if rule.tolerance else "") + " would reconcile them"
    values = {"expected": " or ".join(expected) if expected else "?", "claim": says}
    first = next((p for p in failing if isinstance(p, Relation)), None)
    if first is not None:
        unit, named = _side_unit(first, binding, rule, claim)
        left, right = evaluate_plan(first.left, points).midpoint, evaluate_plan(first.right, points).midpoint
        values.update(left=_shown(left, unit, named), right=_shown(right, unit, named),
                      relation="<" if left < right else ">" if left > right else "≠")
    return derivation, values


_QUALIFIER_WORDS = {"at_least": "at least ", "more_than": "more than ", "at_most": "at most ",
                    "less_than": "less than ", "approximate": "about "}


def _says(bound, rule_unit) -> str:
    """What the text says for the claim, in the derivation's words: "at least 1,500", "503,223 km²",
    "350 per km²"; a multiple or a ratio in its own words ("5 times less", "doubled")."""
    if isinstance(bound, list):
        return " + ".join(stated(b, rule_unit) for b in bound)
    if isinstance(bound, ReferenceValue):
        return stated(bound)
    if bound.kind in ("multiplier", "ratio") or (bound.qualifier not in _QUALIFIER_WORDS and
                                                 bound.qualifier not in ("exact", "range")):
        return bound.text
    return _QUALIFIER_WORDS.get(bound.qualifier, "") + stated(bound, rule_unit)


def _roles_shown(parts) -> list[str]:
    names = []
    for part in parts:
        plans = [part.plan] if isinstance(part, Whole) else list(part.solutions)
        names += [n for p in plans for n in roles_in(p)]
    return list(dict.fromkeys(names))


def _as_list(bound) -> list:
    return bound if isinstance(bound, list) else [] if bound is None else [bound]


def fill(template: str, binding: dict, values: dict) -> str:
    """Fill `{role}`, `{role.value}`, `{role.terms}`, `{expected}`, `{claim}`... in a message template."""
    def field(m):
        name, _, attr = m.group(1).partition(".")
        if name in values and not attr:
            return values[name]
        bound = binding.get(name)
        if bound is None:
            return m.group(0)
        if isinstance(bound, list):
            return ", ".join(b.text for b in bound) if not attr else " + ".join(stated(b) for b in bound)
        if not attr:
            return bound.text
        if isinstance(bound, ReferenceValue) and bound.details and attr in bound.details:
            return str(bound.details[attr])  # an exchange rate's words (the loader allows only those)
        if attr == "terms" and getattr(bound, "terms", None):
            return ":".join(format_number(t) for t in bound.terms)
        if attr in ("value", "low", "high"):
            v = getattr(bound, attr, None)
            return format_amount(v, getattr(bound, "unit", None)) if v is not None else stated(bound)
        return m.group(0)  # the loader accepts no other attribute: nothing else of an object is shown

    return re.sub(r"\{([^{}]*)\}", field, template)
