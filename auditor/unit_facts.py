"""What checks need to know about a unit, without pint for the units the extractor writes.

Building pint's registry (and importing pint, which imports numpy) costs more than checking a short
document, and every check needs a unit's dimension and its factor to the base unit. The extractor writes
its units from a fixed vocabulary ("kilometer", "USD") composed by a small grammar ("kilometer ** 2",
"USD / month", "1 / second"), so `unit_facts.json`, written from pint by `tools/unit_facts.py`, holds each
name's factor, offset, dimensionality and symbol, and a unit string is composed from them here. Anything
else (a unit a rule author wrote, an offset unit in a compound) goes to pint (`extract.units`), built on
first use. tests/test_unit_facts.py checks the table and the compositions against pint.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .extract import units as pint_units

TABLE = Path(__file__).with_name("unit_facts.json")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class Facts(NamedTuple):
    """A unit string's factor and offset to its dimension's base unit, its dimensionality (name → power)
    and its short symbol."""

    factor: float
    offset: float
    dims: dict
    symbol: str


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1024)
def facts(unit: str) -> Facts | None:
    """The facts of `unit` composed from the table, or None when it is not made of the table's names by
    the extractor's grammar: `term ( / term )*`, a term being "1", `name` or `name ** n`."""
    atoms = _table()["atoms"]
    powers: dict[str, int] = {}
    for i, term in enumerate(unit.split(" / ")):
        name, _, power = term.partition(" ** ")
        sign = 1 if i == 0 else -1
        if name == "1" and i == 0 and not power:
            continue
        if name not in atoms or (power and not power.lstrip("-").isdigit()):
            return None
        powers[name] = powers.get(name, 0) + sign * (int(power) if power else 1)
    offset_units = [name for name in powers if atoms[name][1]]
    if offset_units and powers != {offset_units[0]: 1}:
        return None  # "degree_Celsius / hour": pint decides what a compound of an offset unit means
    factor, dims = 1.0, {}
    for name, power in powers.items():
        factor *= atoms[name][0] ** power
        for dim, n in atoms[name][2].items():
            dims[dim] = dims.get(dim, 0) + n * power
    dims = {d: n for d, n in dims.items() if n}
    offset = atoms[offset_units[0]][1] if offset_units else 0.0
    return Facts(factor, offset, dims, _symbol(powers, atoms))


def _symbol(powers: dict[str, int], atoms: dict) -> str:
    """pint's short pretty form ("km²", "km/h", "1/s", "US_dollar/month/capita")."""
    def shown(name, power):
        return atoms[name][3] + (str(power).translate(_SUPERSCRIPT) if power != 1 else "")

    above = "·".join(shown(n, p) for n, p in powers.items() if p > 0) or "1"
    return above + "".join("/" + shown(n, -p) for n, p in powers.items() if p < 0)


@lru_cache(maxsize=1024)
def to_base(unit: str) -> tuple[float, float]:
    """(factor, offset) turning a magnitude in `unit` into the base unit of its dimension."""
    if unit == "percent":
        return 1.0, 0.0
    known = facts(unit)
    return (known.factor, known.offset) if known else pint_units.to_base(unit)


@lru_cache(maxsize=1024)
def dimension_of_unit(unit: str) -> str:
    """A plain name for a unit's dimension, as `extract.units.dimension_of_unit` names it: "area",
    "money", "power"; other compound units are a "rate"."""
    known = facts(unit) if unit != "percent" else None
    if known is None:
        return pint_units.dimension_of_unit(unit)
    dims = known.dims
    if any(d.startswith("[currency") for d in dims):
        return "money" if len(dims) == 1 and next(iter(dims.values())) > 0 else "rate"
    for name, reference in _table()["dimensions"].items():
        if dims == reference:
            return name
    if not dims:
        return "dimensionless"
    (dim, power), *others = dims.items()
    return dim.strip("[]") if not others and power == 1 else "rate"


def dimension_of(quantity) -> str:
    """The dimension of an extracted quantity (counts, ratios and multipliers have none from units)."""
    if quantity.unit is None:
        return pint_units.dimension_of(quantity)
    return dimension_of_unit(quantity.unit)


@lru_cache(maxsize=256)
def currency_of(unit: str) -> str:
    """The currency dimension of a money unit, as pint writes it ("penny" and "GBP" are both
    "[currency_gbp]")."""
    known = facts(unit)
    if known is not None and len(known.dims) == 1:
        (dim, power), = known.dims.items()
        return dim if power == 1 else f"{dim} ** {power}"
    return str(pint_units.registry().parse_units(unit).dimensionality)


def symbol(unit: str) -> str:
    """pint's short pretty symbol of `unit` ("km²", "km/h", "°C")."""
    known = facts(unit)
    if known is not None:
        return known.symbol
    return f"{pint_units.registry().Unit(unit):~P}".replace(" ", "")


def lexicon_atoms() -> set[str]:
    """Every unit name the extractor's lexicons can write (for the table's tool and its test)."""
    from .extract import currency, lexicon, russian

    strings = {*lexicon.UNIT_WORDS, *lexicon.PER_WORDS.values(), *russian.PER_WORDS.values(),
               *russian.UNIT_ABBREVIATIONS.values(), *russian.UNIT_LEMMAS.values(), *currency.ALL_UNITS,
               "year", "GBP"}
    return {term.partition(" ** ")[0] for s in strings for term in s.split(" / ")} - {"1", "percent"}
