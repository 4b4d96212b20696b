"""A rule's check as relations between its roles, solved for the claim with sympy when the rule loads.

A check such as ``new == old * (1 + change / 100)`` states one relation; the rule's claim (``change``) is
the figure a finding disputes. When the rule loads, each comparison of the check is turned into a sympy
expression, built from the syntax tree :mod:`auditor.rules.expr` validated (never from the rule's text:
``sympify`` and ``parse_expr`` evaluate Python), and solved for the claim: ``change == 100 * new / old
- 100``. A finding then shows what the claim should have been, its arithmetic and its interval.

The solved form is kept as a *plan*: nested tuples of a few whitelisted operations over role names and
numbers (``("-", ("/", ("*", 100, ("role", "new")), ("role", "old")), 100)``). Plans are evaluated with the
project's sound interval arithmetic (:mod:`auditor.rules.interval`), rendered with the text's figures by
:mod:`auditor.rules.derivation`, and cached on disk (:mod:`auditor.rules.compiled`), so a run whose rules
were solved before does not import sympy at all (importing it costs about 0.4 s).

Roles are taken as positive figures when a check is solved: it keeps a square root to its positive branch
and decides which way an inequality turns (``sum(parts) <= total`` becomes ``total >= sum(parts)``).
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from functools import reduce
from typing import Any

from . import interval
from .expr import Expression
from .expr import _is_whole  # the GRIM test of is_whole(), shared with the check as written
from .interval import Interval, Truth, truth_and, truth_not, truth_or

__all__ = ["Relation", "Whole", "SolvedCheck", "RelationError", "solve_check", "evaluate_plan", "roles_in",
           "to_json", "from_json"]

Plan = Any  # ("role", name) | ("list", func, name) | ("num", x) | (op, *plans) | ("^", plan, exponent)
_COMPARE_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
COMPARE = {"<": interval.less, "<=": interval.less_equal, ">": interval.greater, ">=": interval.greater_equal,
           "==": interval.equal, "!=": interval.not_equal}
_ARITHMETIC = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_OPS = frozenset({"+", "-", "*", "/", "neg", "^", "abs", "min", "max"})
_LOGIC = frozenset({"or", "and", "not", "rel"})


class RelationError(ValueError):
    """A check cannot be read as relations solved for its claim; `offset` is a position in its source."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message, self.offset = message, offset


@dataclass(frozen=True)
class Relation:
    """One comparison of a check, solved for the claim: ``claim op solutions[0]`` (or any other solution).

    `left` and `right` are its sides as written; `source` its text."""

    source: str
    op: str
    solutions: tuple[Plan, ...]
    left: Plan
    right: Plan


@dataclass(frozen=True)
class Whole:
    """``is_whole(x)``: the claim is inside `plan`, which must be able to be a whole number."""

    source: str
    plan: Plan

    def truth(self, env) -> Truth:
        return _is_whole(evaluate_plan(self.plan, env))


@dataclass(frozen=True)
class SolvedCheck:
    """A check solved for one claim role: `logic` combines `parts` (relations and whole-number tests)."""

    claim: str
    logic: Plan  # ("rel", i) | ("or", ...) | ("and", ...) | ("not", x)
    parts: tuple[Relation | Whole, ...]

    def truth(self, env) -> Truth:
        """Whether the check can hold for the intervals of `env` (role name → Interval or list of them)."""
        return _logic_truth(self.logic, self.parts, env, self.claim)

    def failing(self, env) -> list[Relation | Whole]:
        """The parts that cannot hold for `env` (what a derivation explains), in the check's order."""
        return [p for p in self.parts if _part_truth(p, env, self.claim) is Truth.NEVER]


def _relation_truth(rel: Relation, claim: Interval, env) -> Truth:
    compare = COMPARE[rel.op]
    return truth_or(*(compare(claim, evaluate_plan(s, env)) for s in rel.solutions))


def _part_truth(part, env, claim: str) -> Truth:
    if isinstance(part, Whole):
        return part.truth(env)
    return _relation_truth(part, env[claim], env)


def _logic_truth(node, parts, env, claim: str) -> Truth:
    op = node[0]
    if op == "rel":
        return _part_truth(parts[node[1]], env, claim)
    values = [_logic_truth(n, parts, env, claim) for n in node[1:]]
    if op == "not":
        return truth_not(values[0])
    return truth_or(*values) if op == "or" else truth_and(*values)


# -- evaluating a plan over intervals ----------------------------------------------------------------
def evaluate_plan(plan: Plan, env) -> Interval:
    """The interval of a plan, every role bound in `env` to an Interval (a list role to a list of them)."""
    op = plan[0]
    if op == "num":
        return Interval.point(plan[1])
    if op == "role":
        return env[plan[1]]
    if op == "list":
        return _LIST_FUNCTIONS[plan[1]](env[plan[2]])
    if op == "^":
        return _power(evaluate_plan(plan[1], env), plan[2])
    args = [evaluate_plan(p, env) for p in plan[1:]]
    if op == "+":
        return reduce(lambda a, b: a + b, args)
    if op == "*":
        return reduce(lambda a, b: a * b, args)
    if op == "-":
        return args[0] - args[1]
    if op == "/":
        return args[0] / args[1]
    if op == "neg":
        return -args[0]
    if op == "abs":
        return abs(args[0])
    if op == "min":
        return Interval(min(a.low for a in args), min(a.high for a in args))
    return Interval(max(a.low for a in args), max(a.high for a in args))  # "max"


_LIST_FUNCTIONS = {
    "sum": lambda values: reduce(lambda a, b: a + b, values, Interval.point(0.0)),
    "len": lambda values: Interval.point(float(len(values))),
    "min": lambda values: Interval(min(v.low for v in values), min(v.high for v in values)),
    "max": lambda values: Interval(max(v.low for v in values), max(v.high for v in values)),
}


def _power(base: Interval, exponent: float) -> Interval:
    if float(exponent).is_integer() and exponent >= 0:
        return base ** int(exponent)
    if float(exponent).is_integer():
        return Interval.point(1.0) / base ** int(-exponent)
    # a root of a solved form (roles are positive): monotone over the non-negative part of the interval
    low, high = max(base.low, 0.0), max(base.high, 0.0)
    ends = sorted((low ** exponent if low or exponent > 0 else math.inf,
                   high ** exponent if high or exponent > 0 else math.inf))
    return Interval(ends[0], ends[1])


def roles_in(plan: Plan) -> list[str]:
    """The role names a plan reads, in the order they appear."""
    if plan[0] == "role":
        return [plan[1]]
    if plan[0] == "list":
        return [plan[2]]
    if plan[0] in ("num", "^"):
        return roles_in(plan[1]) if plan[0] == "^" else []
    return [name for p in plan[1:] for name in roles_in(p)]


# -- solving ----------------------------------------------------------------------------------------
def solve_check(check: Expression, claim: str) -> SolvedCheck:
    """`check` read as relations and solved for `claim`; raises RelationError (with a source offset) when a
    comparison does not name the claim or sympy cannot solve it for the claim."""
    return _Solver(check, claim).solve()


class _Solver:
    def __init__(self, check: Expression, claim: str):
        import sympy  # here, not at the top: only a rule load without a cached plan pays its import

        self.sp, self.check, self.claim = sympy, check, claim
        self.leaves: dict[Any, Plan] = {}  # sympy symbol → plan leaf
        self.order: dict[str, int] = {}  # role name → first position in the source (to show terms in it)
        self.parts: list[Relation | Whole] = []

    def solve(self) -> SolvedCheck:
        logic = self.logic(self.check.tree)
        return SolvedCheck(self.claim, logic, tuple(self.parts))

    def error(self, message: str, node: ast.AST) -> RelationError:
        return RelationError(message, self.check.offset(node))

    # the check's logic: or / and / not over comparisons and is_whole()
    def logic(self, node: ast.expr) -> Plan:
        if isinstance(node, ast.BoolOp):
            return ("or" if isinstance(node.op, ast.Or) else "and", *(self.logic(v) for v in node.values))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ("not", self.logic(node.operand))
        if isinstance(node, ast.Constant):  # True / False: a check that always or never holds
            raise self.error("a check of True or False says nothing about the claim", node)
        if isinstance(node, ast.Call) and node.func.id == "is_whole":
            plan = self.plan_of(node.args[0])
            if self.claim not in roles_in(plan):
                raise self.error(f"the claim '{self.claim}' does not appear in '{self.check.segment(node)}'",
                                 node)
            self.parts.append(Whole(self.check.segment(node), plan))
            return ("rel", len(self.parts) - 1)
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            pairs = [self.relation(a, op, b, node) for a, op, b in zip(operands, node.ops, operands[1:])]
            return pairs[0] if len(pairs) == 1 else ("and", *pairs)
        raise self.error(f"'{self.check.segment(node)}' is not a comparison", node)

    def relation(self, left: ast.expr, op: ast.cmpop, right: ast.expr, node: ast.Compare) -> Plan:
        sp = self.sp
        source = f"{self.check.segment(left)} {_COMPARE_OPS[type(op)]} {self.check.segment(right)}"
        lhs, rhs = self.sympy_of(left), self.sympy_of(right)
        claim = self.claim_symbol(lhs - rhs, source, node)
        try:
            solutions = sp.solve(sp.Eq(lhs, rhs), claim, dict=False)
        except (NotImplementedError, ValueError, TypeError) as exc:
            raise self.error(f"'{source}' cannot be solved for the claim '{self.claim}' ({exc})", node) from None
        solutions = [s for s in solutions if not s.has(sp.I) and claim not in s.free_symbols]
        if not solutions:
            raise self.error(f"'{source}' cannot be solved for the claim '{self.claim}'", node)
        relation = _COMPARE_OPS[type(op)]
        if relation not in ("==", "!="):
            relation = self.direction(lhs - rhs, claim, relation, source, node, len(solutions))
        plans = tuple(self.plan_from_sympy(self.simplest(s)) for s in solutions)
        self.parts.append(Relation(source, relation, plans, self.plan_of(left), self.plan_of(right)))
        return ("rel", len(self.parts) - 1)

    def claim_symbol(self, difference, source: str, node):
        symbols = [s for s in difference.free_symbols if roles_in(self.leaves[s]) == [self.claim]]
        if not symbols:
            raise self.error(f"the claim '{self.claim}' does not appear in '{source}': a finding disputes the "
                             "claim, so every comparison of the check must name it", node)
        if len(symbols) > 1:
            raise self.error(f"the claim '{self.claim}' appears in '{source}' in more than one function of its "
                             "list; it cannot be solved for", node)
        return symbols[0]

    def direction(self, difference, claim, relation: str, source: str, node, count: int) -> str:
        """`claim relation' solution` for `left relation right`: which way the inequality turns."""
        slope = self.sp.diff(difference, claim)
        if count == 1 and slope.is_positive:
            return relation
        if count == 1 and slope.is_negative:
            return FLIPPED[relation]
        raise self.error(f"cannot tell which way '{source}' turns when it is solved for the claim "
                         f"'{self.claim}' (its effect on the comparison has no known sign)", node)

    def simplest(self, expr):
        """Of a solution's equivalent forms, the one reading each role fewest times (interval arithmetic is
        exact when every role appears once), then the one with the fewest operations."""
        sp = self.sp
        forms = [expr]
        for rewrite in (sp.expand, sp.factor, sp.together, sp.cancel):
            try:
                forms.append(rewrite(expr))
            except (sp.PolynomialError, NotImplementedError, ValueError):  # pragma: no cover - sympy's limits
                continue

        def cost(form):
            occurrences = sum(1 for atom in sp.preorder_traversal(form) if isinstance(atom, sp.Symbol))
            return occurrences, sp.count_ops(form)

        return min(forms, key=cost)

    # the syntax tree as sympy, and as plans
    def sympy_of(self, node: ast.expr):
        sp = self.sp
        if isinstance(node, ast.Constant):
            value = node.value
            return sp.Integer(value) if isinstance(value, int) else sp.Rational(repr(float(value)))
        if isinstance(node, ast.Name):
            return self.symbol(("role", node.id), node)
        if isinstance(node, ast.UnaryOp):
            inner = self.sympy_of(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            left, right = self.sympy_of(node.left), self.sympy_of(node.right)
            if isinstance(node.op, ast.Pow):
                return left ** right
            return {"+": left + right, "-": left - right, "*": left * right,
                    "/": left / right}[_ARITHMETIC[type(node.op)]]
        if isinstance(node, ast.Call):
            name = node.func.id
            if len(node.args) == 1 and isinstance(node.args[0], ast.Name) and \
                    node.args[0].id in self.check.list_names:
                return self.symbol(("list", name, node.args[0].id), node.args[0])
            args = [self.sympy_of(a) for a in node.args]
            if name == "abs":
                return sp.Abs(args[0])
            return sp.Min(*args) if name == "min" else sp.Max(*args)
        raise self.error(f"'{self.check.segment(node)}' cannot be part of a relation", node)

    def symbol(self, leaf: Plan, node: ast.expr):
        name = leaf[1] if leaf[0] == "role" else f"{leaf[1]}({leaf[2]})"
        symbol = self.sp.Symbol(name, positive=True)
        self.leaves[symbol] = leaf
        self.order.setdefault(roles_in(leaf)[0], self.check.offset(node))
        return symbol

    def plan_of(self, node: ast.expr) -> Plan:
        """A side of a comparison as written, as a plan (for `{left}`, `{right}` and is_whole())."""
        return self.plan_from_sympy(self.sympy_of(node), keep_order=True)

    def plan_from_sympy(self, expr, keep_order: bool = False) -> Plan:
        sp = self.sp
        if isinstance(expr, sp.Symbol):
            return self.leaves[expr]
        if isinstance(expr, sp.Integer) or isinstance(expr, sp.Float):
            return ("num", float(expr))
        if isinstance(expr, sp.Rational):
            return ("/", ("num", float(expr.p)), ("num", float(expr.q)))
        if isinstance(expr, sp.Add):
            terms = sorted(expr.args, key=self.position)
            positive = [t for t in terms if not t.could_extract_minus_sign()]
            negative = [-t for t in terms if t.could_extract_minus_sign()]
            plan = ("+", *(self.plan_from_sympy(t) for t in positive)) if len(positive) > 1 else \
                self.plan_from_sympy(positive[0]) if positive else None
            for t in negative:
                plan = ("-", plan, self.plan_from_sympy(t)) if plan is not None else ("neg", self.plan_from_sympy(t))
            return plan
        if isinstance(expr, sp.Mul):
            return self.product(expr)
        if isinstance(expr, sp.Pow):
            base, exponent = expr.args
            if not exponent.is_number:
                raise RelationError(f"the solved form needs a power of a role ({expr}), which is not supported")
            if exponent.is_negative:
                return ("/", ("num", 1.0), self.plan_from_sympy(base ** -exponent))
            return ("^", self.plan_from_sympy(base), float(exponent))
        if isinstance(expr, sp.Abs):
            return ("abs", self.plan_from_sympy(expr.args[0]))
        if isinstance(expr, (sp.Min, sp.Max)):
            return ("min" if isinstance(expr, sp.Min) else "max", *(self.plan_from_sympy(a) for a in expr.args))
        raise RelationError(f"the solved form '{expr}' cannot be evaluated over intervals")

    def product(self, expr) -> Plan:
        """A product as "a × b / c": factors with negative exponents (and a fraction's denominator) below."""
        sp = self.sp
        numerator, denominator = [], []
        for factor in sorted(expr.args, key=self.position):
            if isinstance(factor, sp.Rational) and not isinstance(factor, sp.Integer):
                if factor.p != 1:
                    numerator.append(sp.Integer(factor.p))
                denominator.append(sp.Integer(factor.q))
            elif isinstance(factor, sp.Pow) and factor.args[1].is_negative:
                denominator.append(factor.args[0] ** -factor.args[1])
            else:
                numerator.append(factor)
        if numerator and numerator[0] == -1:
            return ("neg", self.product(sp.Mul(*numerator[1:], *(1 / d for d in denominator), evaluate=False)))
        top = [self.plan_from_sympy(f) for f in numerator] or [("num", 1.0)]
        plan = top[0] if len(top) == 1 else ("*", *top)
        for d in denominator:
            plan = ("/", plan, self.plan_from_sympy(d))
        return plan

    def position(self, expr) -> tuple[int, int]:
        """Numbers first, then in the order the check names its roles ("2,800 × 1/2", as written)."""
        names = [roles_in(self.leaves[s])[0] for s in expr.free_symbols]
        if not names:
            return (0, 0)
        return (1, min(self.order.get(n, 0) for n in names))


# -- solved checks as JSON (see compiled.py for the cache) ---------------------------------------------------
def to_json(solved: SolvedCheck) -> dict:
    """A solved check as plain JSON data."""
    parts = [{"whole": p.source, "plan": p.plan} if isinstance(p, Whole) else
             {"source": p.source, "op": p.op, "solutions": list(p.solutions), "left": p.left, "right": p.right}
             for p in solved.parts]
    return {"claim": solved.claim, "logic": solved.logic, "parts": parts}


def from_json(data: dict) -> SolvedCheck:
    """A cached solved check, its plans checked against the whitelist (a damaged file is solved again)."""
    parts: list[Relation | Whole] = []
    for p in data["parts"]:
        if "whole" in p:
            parts.append(Whole(str(p["whole"]), _plan(p["plan"])))
        else:
            if p["op"] not in COMPARE:
                raise ValueError(p["op"])
            parts.append(Relation(str(p["source"]), p["op"], tuple(_plan(s) for s in p["solutions"]),
                                  _plan(p["left"]), _plan(p["right"])))
    return SolvedCheck(str(data["claim"]), _logic(data["logic"], len(parts)), tuple(parts))


def _plan(raw) -> Plan:
    op = raw[0]
    if op == "num":
        return ("num", float(raw[1]))
    if op == "role":
        return ("role", str(raw[1]))
    if op == "list":
        if raw[1] not in _LIST_FUNCTIONS:
            raise ValueError(raw[1])
        return ("list", raw[1], str(raw[2]))
    if op == "^":
        return ("^", _plan(raw[1]), float(raw[2]))
    if op not in _OPS or len(raw) < 2:
        raise ValueError(op)
    return (op, *(_plan(r) for r in raw[1:]))


def _logic(raw, count: int) -> Plan:
    if raw[0] == "rel":
        if not 0 <= int(raw[1]) < count:
            raise IndexError(raw[1])
        return ("rel", int(raw[1]))
    if raw[0] not in _LOGIC:
        raise ValueError(raw[0])
    return (raw[0], *(_logic(r, count) for r in raw[1:]))
