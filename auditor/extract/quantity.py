"""What the extractor produces: quantities with bounds, and the numbers it set aside."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from operator import attrgetter

from . import currency

QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range", "vague")
KINDS = ("count", "measure", "money", "percent", "ratio", "fraction", "multiplier")


@dataclass(slots=True)
class Quantity:
    """An amount in a document: its span, value, the bounds the text allows, unit and counted noun."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None = None
    counted: str | None = None
    kind: str = "count"
    precision: float | None = None
    terms: tuple[float, float] | None = None
    term_nouns: tuple[str | None, str | None] | None = None  # "1 military to 2 militants"
    counted_start: int | None = None
    counted_end: int | None = None
    determiner: bool = False  # a lone "one" ("one of the best"): a count, too weak for a rule to bind

    def to_json(self) -> dict:
        """The quantity as docs/contract.md's JSON object (with the extra keys the contract allows)."""
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": _number(self.value),
            "low": _number(self.low),
            "high": _number(self.high),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "counted": self.counted,
            "kind": self.kind,
            "precision": _number(self.precision),
        }
        if self.terms:
            out["terms"] = [_number(t) for t in self.terms]
        if self.term_nouns:
            out["term_nouns"] = list(self.term_nouns)
        if self.determiner:
            out["determiner"] = True
        return out

    def shifted(self, by: int) -> "Quantity":
        """This quantity with its offsets moved `by` characters (from a part of a text to the whole)."""
        q = Quantity(*_FIELD_VALUES(self))  # a long text's every quantity: dataclasses.replace is 6x slower
        q.start += by
        q.end += by
        if q.counted_start is not None:
            q.counted_start += by
        if q.counted_end is not None:
            q.counted_end += by
        return q


_FIELD_VALUES = attrgetter(*(f.name for f in fields(Quantity)))


@dataclass(slots=True)
class Ignored:
    """A number that is not an amount (a date, year, time, designation ...), and why."""

    start: int
    end: int
    text: str
    reason: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}

    def shifted(self, by: int) -> "Ignored":
        """This number with its offsets moved `by` characters."""
        return Ignored(self.start + by, self.end + by, self.text, self.reason)


@dataclass(slots=True)
class Extraction:
    """Everything the extractor found in one text, both lists sorted by offset."""

    quantities: list[Quantity]
    ignored: list[Ignored]


def _number(x: float | None):
    """JSON-friendly: integral floats as ints, infinities as null (unbounded)."""
    if x is None or math.isinf(x) or math.isnan(x):
        return None
    if float(x).is_integer() and abs(x) < 2**63:
        return int(x)
    return round(x, 10)


def kind_of(unit: str | None) -> str:
    """The kind of amount a unit makes."""
    if unit is None:
        return "count"
    if unit == "percent":
        return "percent"
    if currency.is_code(unit):
        return "money"
    return "measure"
