"""Interval arithmetic and three-valued truth for uncertain quantities.

Numbers quoted in news text are rarely exact: "about 2,800" or "at least 1,500"
describe a range of values.  Each quantity is therefore an :class:`Interval`
``[low, high]`` of real numbers; ``low`` may be ``-inf`` and ``high`` may be
``+inf`` for open-ended claims.  Arithmetic returns an interval that contains
every result obtainable from values inside the operands, and comparisons
return a :class:`Truth` saying whether the relation holds for every choice of
values (ALWAYS), for some (SOMETIMES) or for none (NEVER).

The operations never produce NaN: ``inf * 0`` is taken as 0 (an endpoint at
infinity stands for "unbounded", not for a value), and results that overflow
the float range are widened to infinity or clamped to the largest float.

Each occurrence of a variable is treated independently (the usual interval
"dependency problem"): ``x - x`` over ``[1, 2]`` gives ``[-1, 1]``.  Results
are therefore sound but may be wider than the exact range, so SOMETIMES means
"could not be decided", never "proved to hold in some cases".
Endpoints use ordinary float rounding, so exact equality of computed values
(``0.1 + 0.2 == 0.3``) should be avoided in favour of a tolerance.
"""

from __future__ import annotations

import enum
import math
import sys
from dataclasses import dataclass
from numbers import Real

__all__ = [
    "Interval",
    "Truth",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "equal",
    "not_equal",
    "truth_and",
    "truth_or",
    "truth_not",
]

_MAX = sys.float_info.max


def _mul(x: float, y: float) -> float:
    return 0.0 if x == 0 or y == 0 else x * y


def _pow(x: float, n: int) -> float:
    try:
        return x**n
    except OverflowError:
        return math.copysign(math.inf, x) if n % 2 else math.inf


def _make(low: float, high: float) -> Interval:
    low = -math.inf if math.isnan(low) else min(low, _MAX)
    high = math.inf if math.isnan(high) else max(high, -_MAX)
    return Interval(low, high)


def _fmt(x: float) -> str:
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed range ``[low, high]`` of real numbers with ``low <= high``.

    ``low`` may be ``-inf`` and ``high`` may be ``+inf``; NaN, ``low == +inf``
    and ``high == -inf`` are rejected with ValueError.
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        low, high = float(self.low), float(self.high)
        if math.isnan(low) or math.isnan(high):
            raise ValueError("interval bounds must not be NaN")
        if low > high:
            raise ValueError(f"interval low {low!r} is greater than high {high!r}")
        if low == math.inf or high == -math.inf:
            raise ValueError("an interval must contain at least one finite number")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    @classmethod
    def point(cls, x: float) -> Interval:
        """Return the degenerate interval ``[x, x]`` (``x`` must be finite)."""
        return cls(x, x)

    def __str__(self) -> str:
        if self.is_point:
            return _fmt(self.low)
        return f"[{_fmt(self.low)}, {_fmt(self.high)}]"

    @property
    def is_point(self) -> bool:
        """True if the interval holds exactly one value."""
        return self.low == self.high

    @property
    def width(self) -> float:
        """``high - low`` (``inf`` for unbounded intervals)."""
        return self.high - self.low

    @property
    def midpoint(self) -> float:
        """The centre; 0 for ``(-inf, inf)`` and the infinite bound if one side is open."""
        if math.isinf(self.low) and math.isinf(self.high):
            return 0.0
        if math.isinf(self.low) or math.isinf(self.high):
            return self.low if math.isinf(self.low) else self.high
        return self.low / 2 + self.high / 2

    def contains(self, other: Interval | float) -> bool:
        """True if a number, or every number of an interval, lies inside this interval."""
        if isinstance(other, Interval):
            return self.low <= other.low and other.high <= self.high
        return self.low <= other <= self.high

    def intersects(self, other: Interval) -> bool:
        """True if the two intervals share at least one value."""
        return self.low <= other.high and other.low <= self.high

    def hull(self, *others: Interval) -> Interval:
        """The smallest interval containing this one and all ``others``."""
        items = (self, *others)
        return Interval(min(i.low for i in items), max(i.high for i in items))

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __pos__(self) -> Interval:
        return self

    def __abs__(self) -> Interval:
        if self.low >= 0:
            return self
        if self.high <= 0:
            return -self
        return Interval(0.0, max(-self.low, self.high))

    def __add__(self, other: Interval | float) -> Interval:
        o = _coerce(other)
        if o is None:
            return NotImplemented
        return _make(self.low + o.low, self.high + o.high)

    __radd__ = __add__

    def __sub__(self, other: Interval | float) -> Interval:
        o = _coerce(other)
        if o is None:
            return NotImplemented
        return _make(self.low - o.high, self.high - o.low)

    def __rsub__(self, other: float) -> Interval:
        o = _coerce(other)
        return NotImplemented if o is None else o - self

    def __mul__(self, other: Interval | float) -> Interval:
        o = _coerce(other)
        if o is None:
            return NotImplemented
        products = [_mul(x, y) for x in (self.low, self.high) for y in (o.low, o.high)]
        return _make(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | float) -> Interval:
        """Divide; a divisor containing 0 gives ``(-inf, inf)`` unless ``self`` is exactly 0."""
        o = _coerce(other)
        if o is None:
            return NotImplemented
        if self.low == 0 and self.high == 0:
            return self
        if o.low <= 0 <= o.high:
            return Interval(-math.inf, math.inf)
        quotients = [x / y for x in (self.low, self.high) for y in (o.low, o.high)]
        quotients = [q for q in quotients if not math.isnan(q)]
        return _make(min(quotients), max(quotients))

    def __rtruediv__(self, other: float) -> Interval:
        o = _coerce(other)
        return NotImplemented if o is None else o / self

    def __pow__(self, n: int) -> Interval:
        """Raise to a non-negative integer power."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError("interval exponent must be a non-negative integer")
        if n == 0:
            return Interval(1.0, 1.0)
        lo, hi = _pow(self.low, n), _pow(self.high, n)
        if n % 2 or self.low >= 0:
            return _make(lo, hi)
        if self.high <= 0:
            return _make(hi, lo)
        return _make(0.0, max(lo, hi))


def _coerce(value: object) -> Interval | None:
    if isinstance(value, Interval):
        return value
    if isinstance(value, Real) and not isinstance(value, bool):
        return Interval.point(float(value))
    return None


class Truth(enum.Enum):
    """Three-valued result of comparing intervals.

    ``&``, ``|`` and ``~`` implement Kleene logic.  Using a Truth as a Python
    bool raises TypeError, because ``if less(a, b):`` would silently treat
    NEVER as true.
    """

    NEVER = 0
    SOMETIMES = 1
    ALWAYS = 2

    @classmethod
    def from_bool(cls, value: bool) -> Truth:
        """ALWAYS for True, NEVER for False."""
        return cls.ALWAYS if value else cls.NEVER

    def __bool__(self) -> bool:
        raise TypeError("Truth has three values; compare with Truth.ALWAYS / NEVER explicitly")

    def __and__(self, other: Truth) -> Truth:
        return truth_and(self, other)

    def __or__(self, other: Truth) -> Truth:
        return truth_or(self, other)

    def __invert__(self) -> Truth:
        return truth_not(self)


def truth_and(*values: Truth) -> Truth:
    """Kleene conjunction: NEVER if any is NEVER, ALWAYS if all are ALWAYS (and of nothing is ALWAYS)."""
    return Truth(min((v.value for v in values), default=Truth.ALWAYS.value))


def truth_or(*values: Truth) -> Truth:
    """Kleene disjunction: ALWAYS if any is ALWAYS, NEVER if all are NEVER (or of nothing is NEVER)."""
    return Truth(max((v.value for v in values), default=Truth.NEVER.value))


def truth_not(value: Truth) -> Truth:
    """Kleene negation: swaps ALWAYS and NEVER, keeps SOMETIMES."""
    return Truth(2 - value.value)


def _decide(always: bool, never: bool) -> Truth:
    return Truth.ALWAYS if always else Truth.NEVER if never else Truth.SOMETIMES


def less(a: Interval, b: Interval) -> Truth:
    """Whether ``x < y`` for x in ``a`` and y in ``b``."""
    return _decide(a.high < b.low, a.low >= b.high)


def less_equal(a: Interval, b: Interval) -> Truth:
    """Whether ``x <= y`` for x in ``a`` and y in ``b``."""
    return _decide(a.high <= b.low, a.low > b.high)


def greater(a: Interval, b: Interval) -> Truth:
    """Whether ``x > y`` for x in ``a`` and y in ``b``."""
    return less(b, a)


def greater_equal(a: Interval, b: Interval) -> Truth:
    """Whether ``x >= y`` for x in ``a`` and y in ``b``."""
    return less_equal(b, a)


def equal(a: Interval, b: Interval) -> Truth:
    """ALWAYS only for the same point, NEVER for disjoint intervals, else SOMETIMES."""
    return _decide(a.is_point and a == b, not a.intersects(b))


def not_equal(a: Interval, b: Interval) -> Truth:
    """Negation of :func:`equal`."""
    return truth_not(equal(a, b))
