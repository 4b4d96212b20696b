import ast
import builtins
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.rules.expr import EvaluationError, ExpressionError, compile_expression
from auditor.rules.interval import Interval, Truth

INF = math.inf
I = Interval
ALWAYS, SOMETIMES, NEVER = Truth.ALWAYS, Truth.SOMETIMES, Truth.NEVER
NAMES = ["claimed", "base", "a", "b", "total", "x", "y", "z", "stated", "computed", "tolerance"]


def check(source, env, list_names=()):
    return compile_expression(source, NAMES, list_names=list_names).evaluate(env)


class TestEvaluation:
    RATIO = dict(claimed=I(1500, INF), base=I(2750, 2850), a=I.point(1), b=I.point(2))

    def test_ratio_claim_is_impossible(self):
        assert check("claimed <= base * a / b", self.RATIO) is NEVER

    def test_ratio_reverse_direction_always_holds(self):
        assert check("claimed >= base * a / b", self.RATIO) is ALWAYS

    def test_trace_gives_operand_text_and_values(self):
        expr = compile_expression("claimed  <=  base * a / b", NAMES)
        result, trace = expr.evaluate_with_trace(self.RATIO)
        assert result is NEVER
        assert trace == [("claimed", I(1500, INF)), ("base * a / b", I(1375, 1425))]

    def test_trace_through_boolean_ops_and_for_numbers(self):
        expr = compile_expression("not (x < 1) and 0 <= y <= 10", NAMES)
        _, trace = expr.evaluate_with_trace({"x": 2, "y": I(3, 4)})
        assert [text for text, _ in trace] == ["x", "1", "0", "y", "10"]
        value, trace = compile_expression("x * 2", NAMES).evaluate_with_trace({"x": I(1, 2)})
        assert value == I(2, 4) and trace == [("x * 2", I(2, 4))]

    @pytest.mark.parametrize(
        "parts, total, expected",
        [
            ([I.point(1), I.point(2), I.point(3)], I.point(6), ALWAYS),
            ([I(1, 2), I(2, 3)], I.point(4), SOMETIMES),
            ([I(1, 2), I(2, 3)], I(10, 20), NEVER),
            ([], I.point(0), ALWAYS),
            ([I(1, INF), I.point(2)], I.point(2), NEVER),
        ],
    )
    def test_sum_of_parts(self, parts, total, expected):
        assert check("sum(parts) == total", {"parts": parts, "total": total}, ["parts"]) is expected

    @pytest.mark.parametrize(
        "value, expected", [(I.point(50), ALWAYS), (I(90, 120), SOMETIMES), (I(101, 200), NEVER),
                            (I.point(0), ALWAYS), (I(-INF, -1), NEVER)]
    )
    def test_chained_comparison(self, value, expected):
        assert check("0 <= x <= 100", {"x": value}) is expected

    def test_chain_is_conjunction(self):
        assert check("x < y < z", {"x": 1, "y": 2, "z": 0}) is NEVER
        assert check("x < y > z", {"x": 1, "y": 2, "z": 0}) is ALWAYS

    def test_tolerance_check(self):
        expr = "abs(stated - computed) <= tolerance * computed"
        assert check(expr, {"stated": 103, "computed": 100, "tolerance": 0.05}) is ALWAYS
        assert check(expr, {"stated": 110, "computed": 100, "tolerance": 0.05}) is NEVER
        assert check(expr, {"stated": I(100, 110), "computed": 100, "tolerance": 0.05}) is SOMETIMES

    def test_arithmetic_and_functions(self):
        env = {"x": I(-2, 3), "y": I(1, 2), "parts": [I(1, 2), I(5, 6), I(-1, 0)]}
        assert check("x ** 2", env) == I(0, 9)
        assert check("-x + +y", env) == I(-2, 4)
        assert check("abs(x)", env) == I(0, 3)
        assert check("min(parts)", env, ["parts"]) == I(-1, 0)
        assert check("max(parts)", env, ["parts"]) == I(5, 6)
        assert check("len(parts)", env, ["parts"]) == I.point(3)
        assert check("min(x, y, 0.5)", env) == I(-2, 0.5)
        assert check("max(x, y)", env) == I(1, 3)
        assert check("x / (y - 1)", env) == I(-INF, INF)
        assert check("x ** 0", env) == I.point(1)

    def test_boolean_logic(self):
        env = {"x": I(0, 10)}
        assert check("x >= 0 and x <= 10", env) is ALWAYS
        assert check("x > 5 and x > 20", env) is NEVER
        assert check("x > 5 or x >= 0", env) is ALWAYS
        assert check("not x > 20", env) is ALWAYS
        assert check("x > 5 or False", env) is SOMETIMES
        assert check("True", env) is ALWAYS

    def test_properties(self):
        expr = compile_expression("sum(parts) <= total * 2", NAMES, list_names=["parts", "other"])
        assert expr.is_predicate
        assert expr.names_used == {"parts", "total"}
        assert expr.source == "sum(parts) <= total * 2"
        assert not compile_expression("base * a / b", NAMES).is_predicate
        assert compile_expression("not x > 1", NAMES).is_predicate

    def test_multiline_and_leading_whitespace(self):
        expr = compile_expression("  claimed\n  <= base\r\n * a / b\n", NAMES)
        assert expr.evaluate(self.RATIO) is NEVER

    def test_plain_numbers_are_accepted_as_points(self):
        assert check("x + 1", {"x": 2}) == I.point(3)

    def test_cyrillic_names(self):
        expr = compile_expression("потери <= всего", ["потери", "всего"])
        assert expr.evaluate({"потери": 1, "всего": I(1, 2)}) is ALWAYS


class TestEvaluationErrors:
    def test_missing_binding(self):
        expr = compile_expression("x + y", NAMES)
        with pytest.raises(EvaluationError, match="no value bound for 'y'") as info:
            expr.evaluate({"x": 1})
        assert info.value.offset == 4

    @pytest.mark.parametrize("value", ["12", None, [I(1, 2)], True, math.nan])
    def test_bad_scalar_binding(self, value):
        with pytest.raises(EvaluationError, match="must be bound to an Interval"):
            check("x + 1", {"x": value})

    @pytest.mark.parametrize("value", ["abc", I(1, 2), [I(1, 2), "3"]])
    def test_bad_list_binding(self, value):
        with pytest.raises(EvaluationError, match="sequence of Intervals"):
            check("sum(parts) > 0", {"parts": value}, ["parts"])

    def test_min_of_empty_list(self):
        with pytest.raises(EvaluationError, match=r"min\(\) of an empty list") as info:
            check("1 + min(parts)", {"parts": []}, ["parts"])
        assert info.value.offset == 4

    def test_evaluation_error_is_an_expression_error(self):
        assert issubclass(EvaluationError, ExpressionError)


REJECTED = [
    ("__import__('os').system('ls')", "attribute access is not allowed ('.system')", 0),
    ("().__class__.__bases__", "attribute access is not allowed ('.__bases__')", 0),
    ("x + ().__class__", "attribute access is not allowed ('.__class__')", 4),
    ("lambda: 1", "lambda is not allowed", 0),
    ("9**9**9**9", "exponent must be a whole number from 0 to 4", 3),
    ("x**100", "exponent must be a whole number from 0 to 4", 3),
    ("x ** -1", "exponent must be a whole number from 0 to 4", 5),
    ("x ** 2.0", "exponent must be a whole number from 0 to 4", 5),
    ("x ** y", "exponent must be a whole number from 0 to 4", 5),
    ("[x for x in y]", "comprehensions are not allowed", 0),
    ("sum(v for v in parts)", "comprehensions are not allowed", 3),
    ("'a'*10", "strings are not allowed", 0),
    ("b'a'", "bytes are not allowed", 0),
    ("f'{x}' == 1", "f-strings are not allowed", 0),
    ("open('f')", "function 'open' is not allowed (allowed: abs, is_whole, len, max, min, sum)", 0),
    ("eval('1')", "function 'eval' is not allowed (allowed: abs, is_whole, len, max, min, sum)", 0),
    ("x < __import__('os')", "function '__import__' is not allowed", 4),
    ("summ(parts)", "function 'summ' is not allowed (did you mean 'sum'?)", 0),
    ("x.y", "attribute access is not allowed ('.y')", 0),
    ("x[0]", "indexing is not allowed", 0),
    ("x < y if z else 1", "conditional expressions ('x if c else y') are not allowed", 0),
    ("(y := 1)", "assignment expressions (':=') are not allowed", 1),
    ("max(x, key=y)", "keyword arguments are not allowed ('key=')", 7),
    ("sum(**x)", "keyword arguments are not allowed ('**')", 4),
    ("max(*parts)", "starred arguments ('*x') are not allowed", 4),
    ("(x, y)", "list, tuple, set and dict literals are not allowed", 0),
    ("{x: 1}", "list, tuple, set and dict literals are not allowed", 0),
    ("x % 2", "operator '%' is not allowed", 0),
    ("x // 2", "operator '//' is not allowed", 0),
    ("x & y", "operator '&' is not allowed", 0),
    ("~x", "operator '~' is not allowed", 0),
    ("x in parts", "comparison 'in' is not allowed", 0),
    ("x is None", "comparison 'is' is not allowed", 0),
    ("None", "None is not allowed", 0),
    ("1j", "complex numbers are not allowed", 0),
    ("x + 1e16", "number 1e16 is too large (limit 1e15)", 4),
    ("x < 1e999", "number 1e999 is too large (limit 1e15)", 4),
    ("sum", "function 'sum' must be called", 0),
    ("x(1)", "'x' is a quantity, not a function", 0),
    ("(x + y)(1)", "only abs, is_whole, len, max, min, sum can be called", 0),
    ("sum(x)", "sum() takes one list name", 0),
    ("abs(parts)", "abs() takes one number", 0),
    ("min(x)", "min() takes one list name or two or more numbers", 0),
    ("len(parts, parts)", "len() takes one list name", 0),
    ("parts + 1", "list 'parts' can only be used inside sum(), len(), min() or max()", 0),
    ("parts", "list 'parts' can only be used inside", 0),
    ("x and y", "expected a comparison here, got a number ('x')", 0),
    ("not x", "expected a comparison here, got a number ('x')", 4),
    ("(x < 1) + 2", "expected a number here, got a comparison ('x < 1')", 1),
    ("x < 1 # comment", "comments ('#') are not allowed", 6),
    ("", "expression is empty", 0),
    ("   \n ", "expression is empty", 0),
    ("x +* 2", "syntax error: invalid syntax", 3),
    ("abs(x", "syntax error: '(' was never closed", 3),
    ("x = 1", "syntax error", None),
    ("import os", "syntax error", None),
    ("x\x00", "syntax error", None),
    ("await x", "'await x' is not allowed here", 0),
    ("x ! 1", "syntax error", 2),
]


@pytest.mark.parametrize("source, message, offset", REJECTED)
def test_rejected(source, message, offset):
    with pytest.raises(ExpressionError) as info:
        compile_expression(source, NAMES, list_names=["parts"])
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    if offset is not None:
        assert info.value.offset == offset


class TestNamesAndLimits:
    def test_unknown_name_with_suggestion(self):
        with pytest.raises(ExpressionError) as info:
            compile_expression("claimd >= base", NAMES)
        assert str(info.value) == "unknown name 'claimd' (did you mean 'claimed'?)"
        assert info.value.offset == 0

    def test_unknown_name_offset_and_list_suggestion(self):
        with pytest.raises(ExpressionError) as info:
            compile_expression("x + sum(prts)", NAMES, list_names=["parts"])
        assert str(info.value) == "unknown name 'prts' (did you mean 'parts'?)"
        assert info.value.offset == 8

    def test_unknown_name_lists_known_names_when_no_close_match(self):
        with pytest.raises(ExpressionError, match=r"unknown name 'q' \(known names: a, b\)"):
            compile_expression("a + q", ["a", "b"])

    def test_unknown_name_without_any_names(self):
        with pytest.raises(ExpressionError, match=r"^unknown name 'q'$"):
            compile_expression("q", [])

    def test_dunder_names_are_unknown(self):
        with pytest.raises(ExpressionError, match="unknown name '__builtins__'"):
            compile_expression("__builtins__", NAMES)

    def test_offsets_count_characters_not_bytes(self):
        with pytest.raises(ExpressionError) as info:
            compile_expression("потери + claimd", ["потери", "claimed"])
        assert info.value.offset == 9
        with pytest.raises(ExpressionError) as info:
            compile_expression("  потери\n + y.real", ["потери", "y"])
        assert info.value.offset == 12

    def test_too_long(self):
        source = " + ".join(["x"] * 150) + " + 100"
        assert len(source) == 603
        with pytest.raises(ExpressionError) as info:
            compile_expression(source, NAMES)
        assert str(info.value) == "expression is too long (603 characters, limit 500)"
        assert info.value.offset == 500

    def test_length_limit_is_inclusive(self):
        source = "x" + " " * 498 + "1"
        with pytest.raises(ExpressionError, match="syntax error"):
            compile_expression(source, NAMES)
        compile_expression("x" + " " * 499, NAMES)

    def test_too_many_nodes(self):
        with pytest.raises(ExpressionError, match=r"too complex \(\d+ parts, limit 200\)"):
            compile_expression("+".join(["x"] * 150), NAMES)

    def test_deep_nesting(self):
        source = "abs(" * 50 + "x" + ")" * 50
        with pytest.raises(ExpressionError, match="nested too deeply") as info:
            compile_expression(source, NAMES)
        assert info.value.offset == 4 * 30

    @pytest.mark.parametrize("source", ["-" * 499 + "x", "not " * 120 + "x < 1", "(" * 250 + ")" * 250])
    def test_pathological_nesting_is_rejected_cleanly(self, source):
        with pytest.raises(ExpressionError):
            compile_expression(source, NAMES)

    def test_redundant_parentheses_do_not_count_as_nesting(self):
        assert compile_expression("(" * 150 + "x" + ")" * 150, NAMES).evaluate({"x": 1}) == I.point(1)

    def test_nesting_within_limit_is_fine(self):
        source = "abs(" * 29 + "x" + ")" * 29
        assert compile_expression(source, NAMES).evaluate({"x": -2}) == I.point(2)

    def test_non_string_source(self):
        with pytest.raises(ExpressionError, match="must be text"):
            compile_expression(12, NAMES)  # type: ignore[arg-type]

    def test_name_bound_as_scalar_and_list_is_a_programming_error(self):
        with pytest.raises(ValueError, match="both"):
            compile_expression("x", ["x"], list_names=["x"])


def test_no_code_execution_during_compile_or_evaluate(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec must not be used")

    real_compile = builtins.compile

    def ast_only_compile(source, filename, mode, flags=0, *args, **kwargs):
        assert flags & ast.PyCF_ONLY_AST, "compile() may only be used to build an AST"
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    monkeypatch.setattr(builtins, "compile", ast_only_compile)
    expr = compile_expression("sum(parts) <= total * 2 ** 2 and abs(x) < 3", NAMES, list_names=["parts"])
    assert expr.evaluate({"parts": [1, 2], "total": 1, "x": 0}) is ALWAYS


# ---- property tests -------------------------------------------------------

VARS = ["x", "y", "z"]
finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)


@st.composite
def interval_and_point(draw):
    a, b = sorted((draw(finite), draw(finite)))
    low = draw(st.sampled_from([a, a, a, -INF]))
    high = draw(st.sampled_from([b, b, b, INF]))
    t = draw(st.floats(min_value=0, max_value=1))
    return I(low, high), min(max(a + t * (b - a), a), b)


def _leaf():
    literal = st.one_of(st.integers(-100, 100), st.floats(-100, 100, allow_nan=False)).map(
        lambda v: (f"({v!r})", lambda p, v=float(v): v)
    )
    names = st.sampled_from(VARS).map(lambda n: (n, lambda p, n=n: p[n]))
    lists = st.sampled_from([
        ("sum(ps)", lambda p: _plain_sum(p["ps"])),
        ("len(ps)", lambda p: float(len(p["ps"]))),
    ])
    return st.one_of(literal, names, names, lists)


def _plain_sum(values):
    total = 0.0
    for v in values:
        total = total + v
    return total


def _extend(children):
    binary = st.tuples(st.sampled_from("+-*/"), children, children).map(
        lambda t: (f"({t[1][0]} {t[0]} {t[2][0]})", _binary(t[0], t[1][1], t[2][1]))
    )
    power = st.tuples(children, st.integers(0, 4)).map(
        lambda t: (f"({t[0][0]} ** {t[1]})", lambda p, f=t[0][1], n=t[1]: f(p) ** n)
    )
    unary = children.map(lambda c: (f"(-{c[0]})", lambda p, f=c[1]: -f(p)))
    absolute = children.map(lambda c: (f"abs({c[0]})", lambda p, f=c[1]: abs(f(p))))
    extreme = st.tuples(st.sampled_from(["min", "max"]), children, children).map(
        lambda t: (f"{t[0]}({t[1][0]}, {t[2][0]})",
                   lambda p, g=min if t[0] == "min" else max, f1=t[1][1], f2=t[2][1]: g(f1(p), f2(p)))
    )
    return st.one_of(binary, binary, power, unary, absolute, extreme)


def _binary(op, f1, f2):
    funcs = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
    return lambda p: funcs[op](f1(p), f2(p))


expressions = st.recursive(_leaf(), _extend, max_leaves=8)
environments = st.fixed_dictionaries(
    {**{n: interval_and_point() for n in VARS}, "ps": st.lists(interval_and_point(), max_size=4)}
)


def _split(env):
    intervals = {n: env[n][0] for n in VARS} | {"ps": [iv for iv, _ in env["ps"]]}
    points = {n: env[n][1] for n in VARS} | {"ps": [x for _, x in env["ps"]]}
    return intervals, points


def _reference(func, points):
    try:
        value = func(points)
    except (ZeroDivisionError, OverflowError):
        assume(False)
    assume(math.isfinite(value))
    return value


@settings(max_examples=300, deadline=None)
@given(expressions, environments)
def test_interval_result_contains_point_result(expr, env):
    source, func = expr
    intervals, points = _split(env)
    result = compile_expression(source, VARS, list_names=["ps"]).evaluate(intervals)
    assert isinstance(result, Interval)
    assert not math.isnan(result.low) and not math.isnan(result.high)
    value = _reference(func, points)
    assert result.contains(value), (source, result, value)


@settings(max_examples=300, deadline=None)
@given(expressions, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), expressions, environments)
def test_comparison_truth_is_sound(left, op, right, env):
    intervals, points = _split(env)
    truth = compile_expression(f"{left[0]} {op} {right[0]}", VARS, list_names=["ps"]).evaluate(intervals)
    a, b = _reference(left[1], points), _reference(right[1], points)
    holds = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}[op]
    assert truth is not (NEVER if holds else ALWAYS), (left[0], op, right[0], truth, a, b)


TOKENS = ["x", "y", "ps", "sum", "min", "abs", "len", "max", "(", ")", "+", "-", "*", "/", "**", "2", "5",
          "1.5", "0", "<", "<=", "==", "and", "or", "not", ",", ".", "[", "]", ":", "lambda", "if", "else",
          "'s'", "__class__", "1e20", "True", "None", ":=", "=", "#", "\n", "%", "for", "in"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=15).map(" ".join), environments)
def test_arbitrary_token_soup_only_raises_expression_error(source, env):
    intervals, _ = _split(env)
    try:
        result = compile_expression(source, ["x", "y"], list_names=["ps"]).evaluate(intervals)
    except ExpressionError as exc:
        assert 0 <= exc.offset <= len(source)
        assert exc.message and "\n" not in exc.message
        return
    assert isinstance(result, (Interval, Truth))
