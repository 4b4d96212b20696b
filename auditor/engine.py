"""Running rules over documents: bind roles, evaluate the check over intervals, report findings.

Each check is evaluated over intervals (see docs/rules.md, "When a rule fires"): each quantity's bounds
from the text, exact figures widened by half a step of their last significant digit ("2,800" could be
2,750..2,850), and the rule's tolerance on top. If the check can hold, nothing is reported. If it fails,
it is evaluated again with twice the rounding (whole numbers still capped at 5%) and twice the
tolerance: a miss that this looser reading explains is a `warning` (rounding could barely explain it);
one that survives it is an `error`.
The severity is capped at the rule's own.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .amounts import format_amount, format_number
from .dating import UNKNOWN, DocumentDate, document_date
from .document import Document
from .extract import Quantity
from .findings import Finding, SpanRef, assign_fingerprints
from .resilient import Skipped, extract_document, failure
from .rules.interval import Interval, Truth
from .rules.matcher import DocumentIndex, Matcher, ReferenceValue, RuleTimeout, WordClasses
from .rules.schema import Rule, RuleSet
from .unit_facts import to_base

_SEVERITY_ORDER = ("info", "warning", "error")


@dataclass
class DocumentResult:
    """Everything the engine found in one document."""

    document: Document
    quantities: list[Quantity]
    findings: list[Finding]
    skipped: list[Skipped] = field(default_factory=list)  # what could not be checked, and why
    date: DocumentDate = UNKNOWN


class Engine:
    """Runs a set of rules over documents. Rules whose regular expressions time out are disabled for the
    rest of the run and reported in `runtime_errors`."""

    def __init__(self, ruleset: RuleSet, date: str | None = None):
        self.ruleset = ruleset
        self.date = date  # the date the user gave for every document (`--date`), or None
        self.classes = WordClasses(ruleset.classes)
        self.disabled: set[str] = set()
        self.runtime_errors: list[str] = []

    def check(self, doc: Document, rules: list[Rule] | None = None) -> DocumentResult:
        """All findings of `rules` (default: every loaded rule) in `doc`, in document order."""
        extraction, skipped = extract_document(doc)
        quantities = extraction.quantities
        doc_date = document_date(doc, self.date)
        index = DocumentIndex(doc, [q for q in quantities if not q.determiner], doc_date)
        findings: list[Finding] = []
        for rule in rules if rules is not None else self.ruleset.rules:
            if rule.id in self.disabled:
                continue
            try:
                for binding in Matcher(rule, index, self.classes).bindings():
                    try:
                        finding = evaluate(rule, binding)
                    except Exception as exc:  # noqa: BLE001 - one binding's arithmetic, not the document
                        skipped.append(_unevaluated(rule, binding, exc))
                        continue
                    if finding is not None:
                        findings.append(finding)
            except RuleTimeout as exc:
                self.disabled.add(rule.id)
                self.runtime_errors.append(f"{rule.path}:{rule.line}:1: {exc}; rule disabled")
            except Exception as exc:  # noqa: BLE001 - one rule on this document, not the others
                skipped.append(Skipped(0, 0, f"rule '{rule.id}' could not run on this document ({failure(exc)})"))
        findings.sort(key=lambda f: (f.spans[0].start, f.rule))
        assign_fingerprints(findings)
        skipped.sort(key=lambda s: s.start)
        return DocumentResult(doc, quantities, findings, skipped, doc_date)


def _unevaluated(rule: Rule, binding: dict, exc: Exception) -> Skipped:
    claim = binding[rule.claim]
    claim = claim[0] if isinstance(claim, list) else claim
    shown = claim.text if len(claim.text) <= 40 else claim.text[:40] + "…"
    return Skipped(claim.start, claim.end, f"rule '{rule.id}' could not check '{shown}' ({failure(exc)})")


# -- intervals ---------------------------------------------------------------------------------------
ROUNDING_CAP = 0.05  # the most whole-number rounding may move a figure, as a share of it


def _rounding(q: Quantity) -> float:
    """Half the step an exact figure may have been rounded to (0 if it cannot have been).

    "2,7" and "87,4%" were rounded at their last decimal. A percentage without decimals was rounded to a
    whole percent ("60%" is 59.5..60.5, not 55..65). Trailing zeros ("2,800", "4,000 Kurds") may mean
    rounding to the hundred or thousand, but a writer who lists 4,000, 3,000 and 3,500 is rarely off by
    more than a few percent, so whole-number rounding is capped at ROUNDING_CAP of the figure (see
    `_bounds`). A precise whole count ("7 council members", "503,223") has not been rounded.
    """
    if q.qualifier != "exact" or not q.precision or q.value is None:
        return 0.0
    if q.precision < 1:
        return q.precision / 2
    if q.unit == "percent":
        return 0.5
    if q.precision == 1 and q.unit is None:
        return 0.0
    return q.precision / 2


def _bounds(bound) -> tuple[float, float, float, float]:
    """(low, high, rounding half-step, cap on the rounding) of a bound role value, in base units."""
    if isinstance(bound, ReferenceValue):
        factor, offset = to_base(bound.unit) if bound.unit else (1.0, 0.0)
        low = bound.value if bound.low is None else bound.low
        high = bound.value if bound.high is None else bound.high
        return low * factor + offset, high * factor + offset, 0.0, 0.0
    q: Quantity = bound
    low = q.low if q.low is not None else -math.inf
    high = q.high if q.high is not None else math.inf
    if q.kind == "ratio":
        return low, high, 0.0, 0.0
    rounding = _rounding(q)
    whole = q.value is not None and q.precision is not None and q.precision >= 1 and q.unit != "percent"
    cap = ROUNDING_CAP * abs(q.value) if whole else math.inf
    if q.unit:
        factor, offset = to_base(q.unit)
        low, high = low * factor + offset, high * factor + offset
        rounding *= factor
        cap *= factor
    return low, high, rounding, cap


def _interval(bound, rounding: float, tolerance: float) -> Interval:
    low, high, half_step, cap = _bounds(bound)
    if half_step:
        # a rounded figure lies in [v - h, v + h): trim the open end so touching intervals do not overlap
        half_step = min(half_step * rounding, cap) * (1 - 1e-9)
        low, high = low - half_step, high + half_step
    if tolerance:
        low -= abs(low) * tolerance if math.isfinite(low) else 0
        high += abs(high) * tolerance if math.isfinite(high) else 0
    return Interval(low, high)


def _point(bound) -> float:
    """The single value a derivation shows for a bound role: its value, else the middle of its bounds."""
    if isinstance(bound, Quantity) and bound.value is not None:
        factor, offset = to_base(bound.unit) if bound.unit and bound.kind != "ratio" else (1.0, 0.0)
        return bound.value * factor + offset
    low, high, _, _ = _bounds(bound)
    if math.isfinite(low) and math.isfinite(high):
        return (low + high) / 2
    return low if math.isfinite(low) else high


def _env(binding: dict, make) -> dict:
    return {name: [make(q) for q in v] if isinstance(v, list) else make(v) for name, v in binding.items()}


def _widened(rule: Rule, binding: dict, rounding: float, tolerance: float) -> dict:
    """Intervals for every role, with `rounding` times the rounding allowance, and the tolerance applied
    once, to the claim (the figure being questioned), so it does not compound over several roles."""
    env = _env(binding, lambda b: _interval(b, rounding, 0.0))
    claim = binding.get(rule.claim)
    if tolerance and claim is not None and not isinstance(claim, list):
        env[rule.claim] = _interval(claim, rounding, tolerance)
    return env


def evaluate(rule: Rule, binding: dict) -> Finding | None:
    """The finding for one binding of `rule`, or None when the numbers can hold; an `info` finding when
    a reference figure it needs is unavailable (no exchange rate before 1999)."""
    missing = next((b for b in binding.values() if isinstance(b, ReferenceValue) and b.unavailable), None)
    if missing is not None:
        return Finding(rule.id, "info", f"not checked: {missing.unavailable}", _spans(rule, binding),
                       "no reference figure to compare with", reference=missing.source)
    explained = rule.check.evaluate(_widened(rule, binding, 1.0, rule.tolerance))
    if explained is not Truth.NEVER:
        return None
    barely = rule.check.evaluate(_widened(rule, binding, 2.0, rule.tolerance * 2))
    verdict = "error" if barely is Truth.NEVER else "warning"
    severity = min(verdict, rule.severity, key=_SEVERITY_ORDER.index)
    derivation, values = _derive(rule, binding, verdict)
    message = _fill(rule.message, binding, values)
    reference = next((b.source for b in binding.values() if isinstance(b, ReferenceValue)), None)
    return Finding(rule.id, severity, message, _spans(rule, binding), derivation, reference=reference)


def _spans(rule: Rule, binding: dict) -> list[SpanRef]:
    """The places in the text a binding rests on, the claim first, then in text order (a figure no place
    in the text names, such as an exchange rate, has none)."""
    spans = []
    for role in rule.roles:
        bound = binding[role.name]
        for b in bound if isinstance(bound, list) else [bound]:
            if b.start is not None:
                spans.append(SpanRef(b.start, b.end, b.text, role.name))
    spans.sort(key=lambda s: (s.role != rule.claim, s.start))
    return spans


# -- words: derivations and messages -----------------------------------------------------------------
def _stated(bound) -> str:
    """How a bound value reads in a derivation: a ratio as a/b, a quantity by its value."""
    if isinstance(bound, ReferenceValue):
        if bound.low is not None and bound.high is not None and bound.low != bound.high:
            return f"{format_amount(bound.low, bound.unit)}–{format_amount(bound.high, bound.unit)}"
        return format_amount(bound.value, bound.unit)
    if isinstance(bound, list):
        return " + ".join(_stated(b) for b in bound)
    q: Quantity = bound
    if q.kind == "ratio" and q.terms:
        return f"{format_number(q.terms[0])}/{format_number(q.terms[1])}"
    if q.value is not None:
        return format_amount(q.value, q.unit)
    low = format_amount(q.low, q.unit) if q.low is not None else "…"
    high = format_amount(q.high, q.unit) if q.high is not None else "…"
    return f"{low}–{high}"


_OPS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "/", ast.Pow: "^"}


def _render(node, binding) -> str:
    """The check's arithmetic with the stated values in place of role names."""
    if isinstance(node, ast.Name):
        return _stated(binding[node.id]) if node.id in binding else node.id
    if isinstance(node, ast.Constant):
        return format_number(node.value) if isinstance(node.value, (int, float)) else str(node.value)
    if isinstance(node, ast.BinOp):
        left, right = _render(node.left, binding), _render(node.right, binding)
        if isinstance(node.op, (ast.Mult, ast.Div)):
            left = f"({left})" if isinstance(node.left, ast.BinOp) and isinstance(node.left.op, (ast.Add, ast.Sub)) else left
            right = f"({right})" if isinstance(node.right, ast.BinOp) else right
        return f"{left} {_OPS.get(type(node.op), '?')} {right}"
    if isinstance(node, ast.UnaryOp):
        return f"-{_render(node.operand, binding)}"
    if isinstance(node, ast.Call):
        args = ", ".join(_render(a, binding) for a in node.args)
        name = node.func.id
        if name == "sum" and len(node.args) == 1 and isinstance(node.args[0], ast.Name):
            return args
        return f"{name}({args})"
    return ast.unparse(node)


def _derive(rule: Rule, binding: dict, verdict: str) -> tuple[str, dict]:
    """A derivation like "2,800 × 1/2 = 1,400 < 1,500", and the values message templates may use."""
    tree = _check_tree(rule.check.source)
    compare = next((n for n in ast.walk(tree) if isinstance(n, ast.Compare)), None)
    points = _env(binding, lambda b: Interval.point(_point(b)))
    _, trace = rule.check.evaluate_with_trace(points)
    values: dict = {}
    if compare is None or len(compare.comparators) != 1 or len(trace) < 2:
        if isinstance(tree, ast.Call) and tree.func.id == "is_whole":
            return f"{_render(tree.args[0], binding)} = {format_number(trace[0][1].midpoint)} is not a whole " \
                   "number, whatever the rounding", values
        return f"{rule.check.source} does not hold", values
    left_node, right_node = compare.left, compare.comparators[0]
    left_val, right_val = trace[0][1].midpoint, trace[1][1].midpoint
    unit = _display_unit([left_node, right_node], binding, rule.claim)
    left_val, right_val = _unbase(left_val, unit), _unbase(right_val, unit)
    # put the computed side first: "2,800 × 1/2 = 1,400 < 1,500"
    computed_first = isinstance(left_node, ast.Name) and not isinstance(right_node, ast.Name)
    parts = []
    order = [(right_node, right_val), (left_node, left_val)] if computed_first else \
        [(left_node, left_val), (right_node, right_val)]
    for node, val in order:
        text = _render(node, binding)
        value_text = format_number(val) if isinstance(node, ast.Constant) else format_amount(val, unit)
        parts.append(text if text == value_text or isinstance(node, ast.Constant) else f"{text} = {value_text}")
    a, b = order[0][1], order[1][1]
    relation = "<" if a < b else ">" if a > b else "≠"
    derivation = f"{parts[0]} {relation} {parts[1]}"
    stated = [binding[n.id] for n in (left_node, right_node) if isinstance(n, ast.Name) and n.id in binding]
    notes = [f"the text says “{b.text}”" for b in stated if isinstance(b, Quantity) and b.qualifier != "exact"]
    if notes:
        derivation += f" ({'; '.join(notes)})"
    if verdict == "error":
        derivation += "; no values within the stated bounds and rounding make it hold"
    else:
        derivation += "; only a coarser rounding" + (f" or a tolerance above {rule.tolerance:.0%}"
                                                      if rule.tolerance else "") + " would reconcile them"
    values.update(expected=format_amount(right_val, unit), relation=relation, left=format_amount(left_val, unit),
                  right=format_amount(right_val, unit))
    return derivation, values


@lru_cache(maxsize=256)
def _check_tree(source: str) -> ast.expr:
    """The syntax tree of a (validated) check, parsed once per rule for its derivations."""
    return ast.parse(" ".join(source.split()), mode="eval").body


def _display_unit(operands, binding, claim: str) -> str | None:
    """The unit to show compared values in: the claim's (km/h), else that of the first role named on its
    own, else of the first measured role anywhere in the comparison."""
    bare = [n.id for n in operands if isinstance(n, ast.Name) and n.id in binding]
    if bare:
        first = claim if claim in bare else bare[0]
        bound = binding[first]
        return None if getattr(bound, "kind", "") == "ratio" else getattr(bound, "unit", None)
    names = [n.id for o in operands for n in ast.walk(o) if isinstance(n, ast.Name)]
    for name in names:
        bound = binding.get(name)
        bound = bound[0] if isinstance(bound, list) and bound else bound
        unit = getattr(bound, "unit", None)
        if unit and getattr(bound, "kind", "") != "ratio":
            return unit
    return None


def _unbase(value: float, unit: str | None) -> float:
    if unit is None:
        return value
    factor, offset = to_base(unit)
    return (value - offset) / factor


def _fill(template: str, binding: dict, values: dict) -> str:
    """Fill `{role}`, `{role.value}`, `{role.terms}`, `{expected}`... in a message template."""
    def field(m):
        name, _, attr = m.group(1).partition(".")
        if name in values and not attr:
            return values[name]
        bound = binding.get(name)
        if bound is None:
            return m.group(0)
        if isinstance(bound, list):
            return ", ".join(b.text for b in bound) if not attr else " + ".join(_stated(b) for b in bound)
        if not attr:
            return bound.text
        if isinstance(bound, ReferenceValue) and bound.details and attr in bound.details:
            return str(bound.details[attr])  # an exchange rate's words (the loader allows only those)
        if attr == "terms" and getattr(bound, "terms", None):
            return ":".join(format_number(t) for t in bound.terms)
        if attr in ("value", "low", "high"):
            v = getattr(bound, attr, None)
            return format_amount(v, getattr(bound, "unit", None)) if v is not None else _stated(bound)
        return m.group(0)  # the loader accepts no other attribute: nothing else of an object is shown

    return re.sub(r"\{([^{}]*)\}", field, template)
