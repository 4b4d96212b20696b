"""What a figure of the text allows: its bounds and the rounding it may have had, as an interval in base
units (see docs/rules.md, "When a rule fires"). The engine evaluates checks over these intervals; the
exchange-rate reference reads a document's own conversions with them."""

from __future__ import annotations

import math
from dataclasses import replace

from ..extract import Quantity
from ..unit_facts import to_base
from .interval import Interval

ROUNDING_CAP = 0.05  # the most whole-number rounding may move a figure, as a share of it


ONE_SIDED = frozenset({"at_least", "more_than", "at_most", "less_than"})


def rounding_step(q: Quantity, as_stated: bool = False) -> float:
    """Half the step an exact figure may have been rounded to (0 if it cannot have been).

    "2,7" and "87,4%" were rounded at their last decimal. A percentage without decimals was rounded to a
    whole percent ("60%" is 59.5..60.5, not 55..65). Trailing zeros ("2,800", "4,000 Kurds") may mean
    rounding to the hundred or thousand, but a writer who lists 4,000, 3,000 and 3,500 is rarely off by
    more than a few percent, so whole-number rounding is capped at ROUNDING_CAP of the figure (see
    `figure_bounds`). A precise whole count ("7 council members", "503,223") has not been rounded.
    `as_stated`: a figure with a one-sided qualifier ("up to $499") is read as the exact number written.
    """
    exact = q.qualifier == "exact" or (as_stated and q.qualifier in ONE_SIDED)
    if not exact or not q.precision or q.value is None:
        return 0.0
    if q.precision < 1:
        return q.precision / 2
    if q.unit == "percent":
        return 0.5
    if q.precision == 1 and q.unit is None:
        return 0.0
    return q.precision / 2


def figure_bounds(bound, rule_unit=None, as_stated: bool = False) -> tuple[float, float, float, float]:
    """(low, high, rounding half-step, cap on the rounding) of a bound role value, in base units; a
    figure the text gives without a unit is read in the unit the rule names for its role, if any.
    `as_stated`: a one-sided qualifier's bound is left out ("up to $499 (£164)" converts 499)."""
    if not isinstance(bound, Quantity):  # a ReferenceValue
        factor, offset = to_base(bound.unit) if bound.unit else (1.0, 0.0)
        low = bound.value if bound.low is None else bound.low
        high = bound.value if bound.high is None else bound.high
        return low * factor + offset, high * factor + offset, 0.0, 0.0
    q: Quantity = bound
    if as_stated and q.qualifier in ONE_SIDED and q.value is not None:
        low = high = q.value
    else:
        low = q.low if q.low is not None else -math.inf
        high = q.high if q.high is not None else math.inf
    if q.kind == "ratio":
        return (*_per_power_of_ten(q, low, high), 0.0, 0.0)
    step = rounding_step(q, as_stated)
    whole = q.value is not None and q.precision is not None and q.precision >= 1 and q.unit != "percent"
    cap = ROUNDING_CAP * abs(q.value) if whole else math.inf
    unit = q.unit or (rule_unit.pint if rule_unit is not None else None)
    if unit:
        factor, offset = to_base(unit)
        low, high = low * factor + offset, high * factor + offset
        step *= factor
        cap *= factor
    return low, high, step, cap


def _per_power_of_ten(q: Quantity, low: float, high: float) -> tuple[float, float]:
    """A ratio's bounds; a rate per 100, 1,000 ... ("14 arrests for every 100 burglaries") was rounded, as a
    percentage is, to its first term's last digit (13.88 per 100 is written "14")."""
    if not q.terms or q.qualifier != "exact" or q.terms[1] < 100 or math.log10(q.terms[1]) % 1:
        return low, high
    first, per = q.terms
    decimals = 0 if float(first).is_integer() else len(repr(float(first)).split(".")[1])
    half = 0.5 * 10.0 ** -decimals
    return (first - half) / per, (first + half) / per


def figure_interval(bound, rounding: float, tolerance: float, rule_unit=None,
                    as_stated: bool = False) -> Interval:
    """The interval a bound role value may lie in, in base units: its bounds (see `figure_bounds`), widened
    by `rounding` times the half-step it may have been rounded by, then by `tolerance` (a share of it)."""
    low, high, half_step, cap = figure_bounds(bound, rule_unit, as_stated)
    if half_step:
        # a rounded figure lies in [v - h, v + h): trim the open end so touching intervals do not overlap
        half_step = min(half_step * rounding, cap) * (1 - 1e-9)
        low, high = low - half_step, high + half_step
    if tolerance:
        # a share of the figure as written: 2% of 104 °F is 2 °F, not 2% of the 313 K it is above absolute zero
        zero = _zero_of_scale(bound, rule_unit)
        low -= abs(low - zero) * tolerance if math.isfinite(low) else 0
        high += abs(high - zero) * tolerance if math.isfinite(high) else 0
    return Interval(low, high)


def _zero_of_scale(bound, rule_unit) -> float:
    """Where the zero of the figure's unit lies in base units: 0 but for a scale with an offset (°C, °F)."""
    unit = getattr(bound, "unit", None) or (rule_unit.pint if rule_unit is not None else None)
    return to_base(unit)[1] if unit else 0.0


def range_end(q: Quantity, end: str) -> Quantity:
    """One end ("low" or "high") of a range as a figure of its own, rounded as its digits say ("10-12
    miles": 10, or 12 rounded to the unit)."""
    value = q.low if end == "low" else q.high
    return replace(q, value=value, low=value, high=value, qualifier="exact", precision=_digit_step(value))


def _digit_step(value: float) -> float:
    """The place of a figure's last significant digit: 1 for 12, 100 for 1,500, 0.1 for 2.5."""
    if not float(value).is_integer():
        return 10.0 ** -len(repr(float(value)).split(".")[1])
    step, whole = 1.0, abs(int(value))
    while whole and whole % 10 == 0:
        whole //= 10
        step *= 10
    return step
