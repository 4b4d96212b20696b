"""A small, safe expression language for rule checks.

Check expressions such as ``claimed <= base * a / b`` or ``sum(parts) == total``
come from rule YAML files, which are untrusted input.  They are therefore never
given to ``eval``, ``exec``, ``compile``, ``sympify`` or ``parse_expr``.  The
text is only parsed with ``ast.parse(mode="eval")`` to obtain a syntax tree;
the tree is checked against size limits and a whitelist of node types, and the
accepted tree is translated into plain Python closures that evaluate with
interval semantics (see :mod:`auditor.rules.interval`).  Anything not
explicitly allowed is rejected with :class:`ExpressionError`, whose ``offset``
is the 0-based character position of the offending part of the source.

Allowed: int/float literals (``abs <= 1e15``), ``True``/``False``, bound names,
``+ - * /``, ``**`` with a literal exponent 0..4, unary ``-``/``+``,
comparisons (chains allowed), ``and``/``or``/``not``, and the calls
``sum(list)``, ``len(list)``, ``min``/``max`` (one list or two or more numbers),
``abs(x)`` and ``is_whole(x)`` (whether x can be a whole number).  Newlines are treated as spaces; ``#`` comments are rejected.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from numbers import Real
from typing import Any

from auditor.rules import interval
from auditor.rules.interval import Interval, Truth, truth_and, truth_not, truth_or

__all__ = ["Expression", "ExpressionError", "EvaluationError", "compile_expression", "FUNCTIONS"]

MAX_SOURCE_LENGTH = 500
MAX_NODES = 200
MAX_DEPTH = 30
MAX_LITERAL = 1e15
MAX_EXPONENT = 4
FUNCTIONS = frozenset({"abs", "len", "max", "min", "sum", "is_whole"})

NUMBER, TRUTH, LIST = "number", "truth", "list"
Env = Mapping[str, "Interval | float | Sequence[Interval | float]"]

_ARITH = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_COMPARE = {ast.Lt: interval.less, ast.LtE: interval.less_equal, ast.Gt: interval.greater,
            ast.GtE: interval.greater_equal, ast.Eq: interval.equal, ast.NotEq: interval.not_equal}
_SYMBOLS = {ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
            ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.Invert: "~", ast.In: "in",
            ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
_REJECTED: dict[type, Callable[[Any], str]] = {
    ast.Attribute: lambda n: f"attribute access is not allowed ('.{n.attr}')",
    ast.Subscript: lambda n: "indexing is not allowed ('[...]')",
    ast.Lambda: lambda n: "lambda is not allowed",
    ast.IfExp: lambda n: "conditional expressions ('x if c else y') are not allowed",
    ast.NamedExpr: lambda n: "assignment expressions (':=') are not allowed",
    ast.JoinedStr: lambda n: "f-strings are not allowed",
    ast.Starred: lambda n: "starred arguments ('*x') are not allowed",
    **dict.fromkeys((ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp),
                    lambda n: "comprehensions are not allowed"),
    **dict.fromkeys((ast.List, ast.Tuple, ast.Set, ast.Dict),
                    lambda n: "list, tuple, set and dict literals are not allowed"),
}


class ExpressionError(ValueError):
    """An expression was rejected; ``offset`` is the 0-based character position in the source."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class EvaluationError(ExpressionError):
    """A valid expression could not be evaluated with the given bindings."""


@dataclass(frozen=True, slots=True)
class _Node:
    kind: str
    run: Callable[[Env], Any]
    text: str
    parts: tuple[_Node, ...] = ()


@dataclass(frozen=True, slots=True)
class _Parsed:
    root: _Node
    tree: ast.expr  # the validated syntax tree, kept so the relation solver and unit checks parse nothing again
    text: str  # the parsed text (`source` with line breaks as spaces, leading space removed)
    lead: int  # characters removed before `text`


class Expression:
    """A validated expression; build it with :func:`compile_expression`."""

    __slots__ = ("source", "names_used", "list_names", "_parsed")

    def __init__(self, source: str, names_used: frozenset[str], list_names: frozenset[str] = frozenset(),
                 parsed: _Parsed | None = None):
        self.source, self.names_used, self.list_names, self._parsed = source, names_used, list_names, parsed

    @property
    def parsed(self) -> _Parsed:
        if self._parsed is None:  # read from the rule cache: the engine evaluates the solved relation, so
            # the tree and closures are built again only when something asks for them
            self._parsed = compile_expression(self.source, self.names_used - self.list_names,
                                              list_names=self.list_names)._parsed
        return self._parsed

    @property
    def tree(self) -> ast.expr:
        return self.parsed.tree

    def offset(self, node: ast.AST) -> int:
        """The 0-based character position in `source` of a node of `tree`."""
        col = getattr(node, "col_offset", 0)
        parsed = self.parsed
        return parsed.lead + len(parsed.text.encode("utf-8")[:col].decode("utf-8", "ignore"))

    def segment(self, node: ast.AST) -> str:
        """The source text of a node of `tree`, on one line."""
        return " ".join((ast.get_source_segment(self.parsed.text, node) or "").split())

    def __reduce__(self):
        # the compiled closures do not pickle (the rule cache stores compiled rules): only what rebuilds them
        return Expression, (self.source, self.names_used, self.list_names)

    def __eq__(self, other) -> bool:
        return isinstance(other, Expression) and (self.source, self.names_used, self.list_names) == \
            (other.source, other.names_used, other.list_names)

    def __hash__(self) -> int:
        return hash((self.source, self.names_used, self.list_names))

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    @property
    def is_predicate(self) -> bool:
        """True if the expression yields a :class:`Truth` (a comparison or boolean combination)."""
        return self.parsed.root.kind == TRUTH

    def evaluate(self, env: Env) -> Interval | Truth:
        """Evaluate with interval semantics; raises :class:`EvaluationError` for bad bindings."""
        return self.parsed.root.run(env)

    def evaluate_with_trace(self, env: Env) -> tuple[Interval | Truth, list[tuple[str, Interval]]]:
        """Evaluate and also return ``(source text, value)`` for each comparison operand.

        Comparisons are collected through ``and``/``or``/``not`` in source order; for a
        non-predicate expression the single entry is the whole expression.
        """
        trace: list[tuple[str, Interval]] = []
        _collect(self.parsed.root, env, trace)
        return self.evaluate(env), trace


def _collect(node: _Node, env: Env, trace: list[tuple[str, Interval]]) -> None:
    if node.kind == NUMBER:
        trace.append((node.text, node.run(env)))
    for part in node.parts:
        _collect(part, env, trace)


def compile_expression(
    source: str, names: Collection[str], *, list_names: Collection[str] = ()
) -> Expression:
    """Parse and validate ``source``; ``names`` are scalar quantities, ``list_names`` lists.

    Raises :class:`ExpressionError` for anything outside the language or its limits.
    """
    if not isinstance(source, str):
        raise ExpressionError(f"expression must be text, got {type(source).__name__}")
    overlap = set(names) & set(list_names)
    if overlap:
        raise ValueError(f"names bound both as a quantity and as a list: {sorted(overlap)}")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(source)} characters, limit {MAX_SOURCE_LENGTH})",
            MAX_SOURCE_LENGTH,
        )
    if "#" in source:
        raise ExpressionError("comments ('#') are not allowed", source.index("#"))
    text = source.replace("\r", " ").replace("\n", " ").lstrip()
    lead = len(source) - len(text)
    if not text.strip():
        raise ExpressionError("expression is empty", 0)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        offset = lead + max((exc.offset or 1) - 1, 0) if exc.lineno == 1 else lead
        raise ExpressionError(f"syntax error: {exc.msg}", min(offset, len(source))) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExpressionError(f"syntax error: {exc}", lead) from None
    builder = _Builder(text, lead, frozenset(names), frozenset(list_names))
    builder.check_size(tree.body)
    root = builder.build(tree.body)
    if root.kind == LIST:
        raise builder.list_misuse(tree.body)
    return Expression(source, frozenset(builder.used), frozenset(list_names), _Parsed(root, tree.body, text, lead))


class _Builder:
    def __init__(self, text: str, lead: int, names: frozenset[str], list_names: frozenset[str]):
        self.text, self.encoded, self.lead = text, text.encode("utf-8"), lead
        self.names, self.list_names = names, list_names
        self.used: set[str] = set()

    def offset(self, node: ast.AST) -> int:
        col = getattr(node, "col_offset", 0)
        return self.lead + len(self.encoded[:col].decode("utf-8", "ignore"))

    def error(self, message: str, node: ast.AST) -> ExpressionError:
        return ExpressionError(message, self.offset(node))

    def list_misuse(self, node: ast.Name) -> ExpressionError:
        return self.error(f"list '{node.id}' can only be used inside sum(), len(), min() or max()", node)

    def segment(self, node: ast.AST) -> str:
        return " ".join((ast.get_source_segment(self.text, node) or "").split())

    def check_size(self, root: ast.expr) -> None:
        count = sum(isinstance(n, ast.expr) for n in ast.walk(root))
        if count > MAX_NODES:
            raise ExpressionError(f"expression is too complex ({count} parts, limit {MAX_NODES})", self.lead)
        stack = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise self.error(f"expression is nested too deeply (limit {MAX_DEPTH} levels)", node)
            stack.extend((c, depth + isinstance(c, ast.expr)) for c in ast.iter_child_nodes(node))

    def build(self, node: ast.AST) -> _Node:
        method = getattr(self, f"build_{type(node).__name__}", None)
        if method is not None:
            return method(node)
        describe = _REJECTED.get(type(node))
        message = describe(node) if describe else f"'{self.segment(node)}' is not allowed here"
        raise self.error(message, node)

    def expect(self, node: ast.AST, kind: str) -> _Node:
        built = self.build(node)
        if built.kind == kind:
            return built
        if built.kind == LIST:
            raise self.list_misuse(node)
        if kind == NUMBER:
            raise self.error(f"expected a number here, got a comparison ('{built.text}')", node)
        raise self.error(f"expected a comparison here, got a number ('{built.text}')", node)

    def build_Constant(self, node: ast.Constant) -> _Node:
        value, text = node.value, self.segment(node)
        if isinstance(value, bool):
            truth = Truth.from_bool(value)
            return _Node(TRUTH, lambda env: truth, text)
        if isinstance(value, (int, float)):
            if not abs(value) <= MAX_LITERAL:
                raise self.error(f"number {text} is too large (limit 1e15)", node)
            point = Interval.point(float(value))
            return _Node(NUMBER, lambda env: point, text)
        messages = {str: "strings are not allowed", bytes: "bytes are not allowed",
                    complex: "complex numbers are not allowed"}
        raise self.error(messages.get(type(value), f"{value!r} is not allowed"), node)

    def build_Name(self, node: ast.Name) -> _Node:
        name, offset = node.id, self.offset(node)
        if name in self.names:
            self.used.add(name)
            return _Node(NUMBER, lambda env: _scalar(env, name, offset), name)
        if name in self.list_names:
            self.used.add(name)
            return _Node(LIST, lambda env: _list(env, name, offset), name)
        if name in FUNCTIONS:
            raise self.error(f"function '{name}' must be called, e.g. {name}(...)", node)
        raise self.error(_unknown(name, sorted(self.names | self.list_names)), node)

    def build_BinOp(self, node: ast.BinOp) -> _Node:
        text = self.segment(node)
        if isinstance(node.op, ast.Pow):
            exp = node.right
            if not (isinstance(exp, ast.Constant) and type(exp.value) is int
                    and 0 <= exp.value <= MAX_EXPONENT):
                raise self.error(f"exponent must be a whole number from 0 to {MAX_EXPONENT}", exp)
            base, n = self.expect(node.left, NUMBER), exp.value
            return _Node(NUMBER, lambda env: base.run(env) ** n, text)
        op = _ARITH.get(type(node.op))
        if op is None:
            raise self.error(f"operator '{_SYMBOLS.get(type(node.op), '?')}' is not allowed", node)
        left, right = self.expect(node.left, NUMBER), self.expect(node.right, NUMBER)
        return _Node(NUMBER, lambda env: op(left.run(env), right.run(env)), text)

    def build_UnaryOp(self, node: ast.UnaryOp) -> _Node:
        text = self.segment(node)
        if isinstance(node.op, ast.Not):
            inner = self.expect(node.operand, TRUTH)
            return _Node(TRUTH, lambda env: truth_not(inner.run(env)), text, (inner,))
        if isinstance(node.op, ast.Invert):
            raise self.error("operator '~' is not allowed", node)
        op = operator.neg if isinstance(node.op, ast.USub) else operator.pos
        inner = self.expect(node.operand, NUMBER)
        return _Node(NUMBER, lambda env: op(inner.run(env)), text)

    def build_Compare(self, node: ast.Compare) -> _Node:
        funcs = []
        for op in node.ops:
            if type(op) not in _COMPARE:
                raise self.error(f"comparison '{_SYMBOLS.get(type(op), '?')}' is not allowed", node)
            funcs.append(_COMPARE[type(op)])
        operands = tuple(self.expect(n, NUMBER) for n in (node.left, *node.comparators))

        def run(env: Env) -> Truth:
            values = [o.run(env) for o in operands]
            return truth_and(*(f(a, b) for f, a, b in zip(funcs, values, values[1:])))

        return _Node(TRUTH, run, self.segment(node), operands)

    def build_BoolOp(self, node: ast.BoolOp) -> _Node:
        combine = truth_and if isinstance(node.op, ast.And) else truth_or
        values = tuple(self.expect(v, TRUTH) for v in node.values)
        return _Node(TRUTH, lambda env: combine(*(v.run(env) for v in values)), self.segment(node), values)

    def build_Call(self, node: ast.Call) -> _Node:
        if not isinstance(node.func, ast.Name):
            self.build(node.func)
            raise self.error(f"only {', '.join(sorted(FUNCTIONS))} can be called", node)
        name = node.func.id
        if name not in FUNCTIONS:
            if name in self.names or name in self.list_names:
                raise self.error(f"'{name}' is a quantity, not a function", node)
            from difflib import get_close_matches  # only a misspelt name needs it

            hint = get_close_matches(name, sorted(FUNCTIONS), n=1)
            extra = f"did you mean '{hint[0]}'?" if hint else f"allowed: {', '.join(sorted(FUNCTIONS))}"
            raise self.error(f"function '{name}' is not allowed ({extra})", node)
        if node.keywords:
            kw = node.keywords[0]
            label = f"'{kw.arg}='" if kw.arg else "'**'"
            raise self.error(f"keyword arguments are not allowed ({label})", kw)
        args = [self.build(a) for a in node.args]
        kinds = [a.kind for a in args]
        if name == "is_whole":
            if kinds != [NUMBER]:
                raise self.error(_USAGE[name], node)
            arg = args[0]
            return _Node(TRUTH, lambda env: _is_whole(arg.run(env)), self.segment(node), (arg,))
        if not (kinds == [NUMBER] if name == "abs" else kinds == [LIST] or (
                name in ("min", "max") and len(kinds) >= 2 and set(kinds) == {NUMBER})):
            raise self.error(_USAGE[name], node)
        func, offset = _CALLS[name], self.offset(node)

        def run(env: Env) -> Interval:
            values = args[0].run(env) if kinds == [LIST] else [a.run(env) for a in args]
            if not values and name in ("min", "max"):
                raise EvaluationError(f"{name}() of an empty list", offset)
            return func(values)

        return _Node(NUMBER, run, self.segment(node))


_CALLS: dict[str, Callable[[list[Interval]], Interval]] = {
    "abs": lambda values: abs(values[0]),
    "sum": lambda values: reduce(operator.add, values, Interval.point(0.0)),
    "len": lambda values: Interval.point(float(len(values))),
    "min": lambda values: Interval(min(v.low for v in values), min(v.high for v in values)),
    "max": lambda values: Interval(max(v.low for v in values), max(v.high for v in values)),
}
def _is_whole(value: Interval) -> Truth:
    """Whether the interval can hold a whole number (GRIM-style granularity checks)."""
    if value.low == value.high:
        return Truth.ALWAYS if float(value.low).is_integer() else Truth.NEVER
    if not (math.isfinite(value.low) and math.isfinite(value.high)):
        return Truth.SOMETIMES
    return Truth.SOMETIMES if math.floor(value.high) >= math.ceil(value.low) else Truth.NEVER


_USAGE = {
    "is_whole": "is_whole() takes one number, e.g. is_whole(whole * share / 100)",
    "abs": "abs() takes one number",
    "sum": "sum() takes one list name, e.g. sum(parts)",
    "len": "len() takes one list name, e.g. len(parts)",
    "min": "min() takes one list name or two or more numbers",
    "max": "max() takes one list name or two or more numbers",
}


def _unknown(name: str, known: list[str]) -> str:
    from difflib import get_close_matches  # only a misspelt name needs it

    close = get_close_matches(name, known, n=1)
    if close:
        return f"unknown name '{name}' (did you mean '{close[0]}'?)"
    if known and len(known) <= 10:
        return f"unknown name '{name}' (known names: {', '.join(known)})"
    return f"unknown name '{name}'"


def _as_interval(value: object) -> Interval | None:
    if isinstance(value, Interval):
        return value
    if isinstance(value, Real) and not isinstance(value, bool):
        try:
            return Interval.point(float(value))
        except ValueError:
            return None
    return None


def _scalar(env: Env, name: str, offset: int) -> Interval:
    if name not in env:
        raise EvaluationError(f"no value bound for '{name}'", offset)
    value = _as_interval(env[name])
    if value is None:
        kind = type(env[name]).__name__
        raise EvaluationError(f"'{name}' must be bound to an Interval, not {kind}", offset)
    return value


def _list(env: Env, name: str, offset: int) -> list[Interval]:
    if name not in env:
        raise EvaluationError(f"no value bound for '{name}'", offset)
    raw = env[name]
    is_list = isinstance(raw, Sequence) and not isinstance(raw, str)
    values = [_as_interval(v) for v in raw] if is_list else [None]
    if None in values:
        raise EvaluationError(f"'{name}' must be bound to a sequence of Intervals", offset)
    return values
