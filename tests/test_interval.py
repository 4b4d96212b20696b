import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.rules.interval import (
    Interval,
    Truth,
    equal,
    greater,
    greater_equal,
    less,
    less_equal,
    not_equal,
    truth_and,
    truth_not,
    truth_or,
)

INF = math.inf
I = Interval
ALWAYS, SOMETIMES, NEVER = Truth.ALWAYS, Truth.SOMETIMES, Truth.NEVER


def assert_no_nan(iv: Interval) -> None:
    assert not math.isnan(iv.low) and not math.isnan(iv.high)
    assert iv.low <= iv.high


class TestConstruction:
    def test_point_and_coercion_to_float(self):
        p = I.point(3)
        assert p == I(3.0, 3.0)
        assert isinstance(p.low, float) and p.is_point

    @pytest.mark.parametrize(
        "low, high",
        [(2, 1), (math.nan, 1), (0, math.nan), (INF, INF), (-INF, -INF)],
    )
    def test_invalid_bounds(self, low, high):
        with pytest.raises(ValueError):
            I(low, high)

    def test_unbounded_allowed(self):
        assert I(-INF, INF).width == INF
        assert I(1500, INF).high == INF

    def test_immutable_and_hashable(self):
        iv = I(1, 2)
        with pytest.raises(AttributeError):
            iv.low = 0  # type: ignore[misc]
        assert {iv: 1}[I(1.0, 2.0)] == 1

    def test_str(self):
        assert str(I(1375, 1425)) == "[1375, 1425]"
        assert str(I.point(1400)) == "1400"
        assert str(I(0.5, INF)) == "[0.5, inf]"


class TestArithmetic:
    def test_add_sub(self):
        assert I(1, 2) + I(10, 20) == I(11, 22)
        assert I(1, 2) - I(10, 20) == I(-19, -8)
        assert I(1, INF) + I(-INF, 5) == I(-INF, INF)
        assert I(1, INF) - I(1, INF) == I(-INF, INF)

    def test_numbers_mix_in(self):
        assert I(1, 2) + 1 == I(2, 3)
        assert 10 - I(1, 2) == I(8, 9)
        assert 2 * I(1, 2) == I(2, 4)
        assert 1 / I(2, 4) == I(0.25, 0.5)

    @pytest.mark.parametrize(
        "a, b, expected",
        [
            (I(2, 3), I(4, 5), I(8, 15)),
            (I(-2, 3), I(4, 5), I(-10, 15)),
            (I(-2, 3), I(-5, 4), I(-15, 12)),
            (I(-3, -2), I(-5, -4), I(8, 15)),
            (I(0, 1), I(1, INF), I(0, INF)),
            (I(-1, 0), I(1, INF), I(-INF, 0)),
            (I.point(0), I(-INF, INF), I.point(0)),
            (I(2, INF), I(-INF, -1), I(-INF, -2)),
            (I(-INF, INF), I(1, 1), I(-INF, INF)),
        ],
    )
    def test_mul(self, a, b, expected):
        assert a * b == expected
        assert b * a == expected

    @pytest.mark.parametrize(
        "a, b, expected",
        [
            (I(2, 4), I(1, 2), I(1, 4)),
            (I(-4, 2), I(2, 4), I(-2, 1)),
            (I(2, 4), I(-2, -1), I(-4, -1)),
            (I(1, INF), I(2, INF), I(0, INF)),
            (I(1, 2), I(2, INF), I(0, 1)),
            (I(-INF, INF), I(2, INF), I(-INF, INF)),
            (I(1, INF), I(-INF, -2), I(-INF, 0)),
            (I(2750, 2850), I.point(2), I(1375, 1425)),
        ],
    )
    def test_div(self, a, b, expected):
        assert a / b == expected

    @pytest.mark.parametrize("divisor", [I(-1, 1), I(0, 1), I(-1, 0), I.point(0), I(0, INF), I(-INF, INF)])
    def test_div_by_interval_containing_zero(self, divisor):
        assert I(1, 2) / divisor == I(-INF, INF)
        assert I.point(0) / divisor == I.point(0)

    def test_unary(self):
        assert -I(1, INF) == I(-INF, -1)
        assert +I(1, 2) == I(1, 2)
        assert abs(I(-3, 2)) == I(0, 3)
        assert abs(I(-3, -2)) == I(2, 3)
        assert abs(I(2, 3)) == I(2, 3)
        assert abs(I(-INF, 1)) == I(0, INF)

    @pytest.mark.parametrize(
        "a, n, expected",
        [
            (I(-2, 3), 0, I.point(1)),
            (I(-2, 3), 1, I(-2, 3)),
            (I(-2, 3), 2, I(0, 9)),
            (I(-3, -2), 2, I(4, 9)),
            (I(-2, 3), 3, I(-8, 27)),
            (I(-INF, -2), 2, I(4, INF)),
            (I(-INF, 2), 3, I(-INF, 8)),
            (I(1e200, 1e200), 2, I(1.7976931348623157e308, INF)),
            (I(-1e200, -1e200), 3, I(-INF, -1.7976931348623157e308)),
        ],
    )
    def test_pow(self, a, n, expected):
        assert a**n == expected

    @pytest.mark.parametrize("n", [-1, 1.5, True])
    def test_pow_rejects_bad_exponent(self, n):
        with pytest.raises(ValueError):
            I(1, 2) ** n

    def test_overflow_never_produces_invalid_interval(self):
        big = I.point(1e308)
        assert big + big == I(1.7976931348623157e308, INF)
        assert -big - big == I(-INF, -1.7976931348623157e308)
        assert big * big == I(1.7976931348623157e308, INF)
        assert big / I.point(1e-308) == I(1.7976931348623157e308, INF)


class TestSetOperations:
    def test_hull_intersects_contains(self):
        assert I(1, 2).hull(I(5, 6), I(-1, 0)) == I(-1, 6)
        assert I(1, 2).intersects(I(2, 3))
        assert not I(1, 2).intersects(I(2.5, 3))
        assert I(1, INF).contains(1e300)
        assert I(1, 5).contains(I(2, 3))
        assert not I(1, 5).contains(I(2, 6))
        assert not I(1, 5).contains(0.5)

    def test_width_midpoint(self):
        assert I(1, 3).width == 2 and I(1, 3).midpoint == 2
        assert I(1, INF).midpoint == INF
        assert I(-INF, 1).midpoint == -INF
        assert I(-INF, INF).midpoint == 0
        assert I(-1e308, 1e308).midpoint == 0
        assert I.point(4).width == 0 and I.point(4).is_point
        assert not I(4, 5).is_point


class TestTruth:
    VALUES = [NEVER, SOMETIMES, ALWAYS]

    @pytest.mark.parametrize("a", VALUES)
    @pytest.mark.parametrize("b", VALUES)
    def test_kleene_tables(self, a, b):
        rank = self.VALUES.index
        assert truth_and(a, b) is self.VALUES[min(rank(a), rank(b))] is (a & b)
        assert truth_or(a, b) is self.VALUES[max(rank(a), rank(b))] is (a | b)

    def test_not(self):
        assert truth_not(ALWAYS) is NEVER and ~NEVER is ALWAYS and ~SOMETIMES is SOMETIMES

    def test_empty_and_or(self):
        assert truth_and() is ALWAYS and truth_or() is NEVER

    def test_from_bool(self):
        assert Truth.from_bool(True) is ALWAYS and Truth.from_bool(False) is NEVER

    def test_bool_conversion_refused(self):
        with pytest.raises(TypeError):
            bool(NEVER)
        with pytest.raises(TypeError):
            if less(I(1, 2), I(3, 4)):
                pass


class TestComparisons:
    @pytest.mark.parametrize(
        "func, a, b, expected",
        [
            (less, I(1, 2), I(3, 4), ALWAYS),
            (less, I(1, 3), I(3, 4), SOMETIMES),
            (less, I(3, 4), I(1, 3), NEVER),
            (less, I.point(3), I.point(3), NEVER),
            (less_equal, I(1, 3), I(3, 4), ALWAYS),
            (less_equal, I.point(3), I.point(3), ALWAYS),
            (less_equal, I(3.5, 4), I(1, 3), NEVER),
            (less_equal, I(2, 4), I(1, 3), SOMETIMES),
            (greater, I(3, 4), I(1, 2), ALWAYS),
            (greater, I(1, 2), I(2, 4), NEVER),
            (greater_equal, I(2, 4), I(1, 2), ALWAYS),
            (greater_equal, I(1, 2), I(3, 4), NEVER),
            (less, I(-INF, INF), I(0, 1), SOMETIMES),
            (less, I(5, INF), I(-INF, 5), NEVER),
            (less_equal, I(-INF, 5), I(5, INF), ALWAYS),
        ],
    )
    def test_ordering(self, func, a, b, expected):
        assert func(a, b) is expected

    @pytest.mark.parametrize(
        "a, b, expected",
        [
            (I.point(3), I.point(3), ALWAYS),
            (I.point(3), I.point(4), NEVER),
            (I(1, 3), I(1, 3), SOMETIMES),
            (I(1, 3), I.point(2), SOMETIMES),
            (I(1, 3), I(4, INF), NEVER),
            (I(1, 3), I(3, 5), SOMETIMES),
        ],
    )
    def test_equal_and_not_equal(self, a, b, expected):
        assert equal(a, b) is expected
        assert not_equal(a, b) is truth_not(expected)

    def test_ratio_example(self):
        claimed = I(1500, INF)
        implied = I(2750, 2850) * 1 / 2
        assert implied == I(1375, 1425)
        assert greater_equal(claimed, implied) is ALWAYS
        assert less_equal(claimed, implied) is NEVER


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@st.composite
def interval_and_point(draw):
    a, b = sorted((draw(finite), draw(finite)))
    low = draw(st.sampled_from([a, a, -INF]))
    high = draw(st.sampled_from([b, b, INF]))
    t = draw(st.floats(min_value=0, max_value=1))
    x = min(max(a + t * (b - a), a), b)
    return I(low, high), x


@given(interval_and_point(), interval_and_point(), st.integers(min_value=0, max_value=4))
def test_operations_are_sound_and_never_nan(ap, bp, n):
    (a, x), (b, y) = ap, bp
    results = [(a + b, x + y), (a - b, x - y), (a * b, x * y), (-a, -x), (abs(a), abs(x)), (a**n, x**n)]
    if y != 0:
        results.append((a / b, x / y))
    for iv, value in results:
        assert_no_nan(iv)
        assert iv.contains(value), (iv, value)


@given(interval_and_point(), interval_and_point())
def test_comparisons_are_sound(ap, bp):
    (a, x), (b, y) = ap, bp
    for func, holds in [(less, x < y), (less_equal, x <= y), (greater, x > y),
                        (greater_equal, x >= y), (equal, x == y), (not_equal, x != y)]:
        assert func(a, b) is not (NEVER if holds else ALWAYS)
