"""The shared pint registry, with the project's news units (currencies, per-person rates).

Extraction never needs pint: the unit lexicon maps words straight to pint unit strings. The registry is
built on first use (rules converting units, tests validating the lexicon) and cached on disk by pint.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DEFINITIONS = Path(__file__).with_name("units.txt")


@lru_cache(maxsize=1)
def registry():
    """The one pint UnitRegistry of the process, with `units.txt` loaded."""
    import pint

    try:
        ureg = pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # an unwritable cache folder must not stop the program
        ureg = pint.UnitRegistry()
    ureg.load_definitions(str(DEFINITIONS))
    return ureg


def parse_unit(unit: str):
    """The pint Unit for a unit string the extractor produced (or a rule author wrote)."""
    return registry().parse_units(unit)


# A reference unit for each named dimension; a unit's dimension is named when its dimensionality is one
# of these (pint spells dimensionalities in its own order, so they are compared, not their strings).
_DIMENSION_REFERENCES = {
    "meter": "length", "meter ** 2": "area", "meter ** 3": "volume", "kilogram": "mass", "second": "duration",
    "meter / second": "speed", "kelvin": "temperature", "watt": "power", "joule": "energy",
}
_KIND_DIMENSIONS = {"count": "count", "ratio": "ratio", "fraction": "fraction", "multiplier": "multiplier"}


@lru_cache(maxsize=1)
def _dimension_names() -> dict:
    ureg = registry()
    return {ureg.parse_units(unit).dimensionality: name for unit, name in _DIMENSION_REFERENCES.items()}


@lru_cache(maxsize=512)
def dimension_of_unit(unit: str) -> str:
    """A plain name for a unit's dimension: "kilometer ** 2" → "area", "USD" → "money", "megawatt" →
    "power"; other compound units are a "rate"."""
    if unit == "percent":
        return "percent"
    dims = registry().parse_units(unit).dimensionality
    if str(dims).startswith("[currency"):
        # "£1,265 a month" or "$700 per kilowatt-hour" is a price rate, not comparable with "£1,150"
        return "money" if len(dims) == 1 else "rate"
    name = _dimension_names().get(dims)
    if name:
        return name
    text = str(dims)
    return "rate" if "/" in text or "*" in text else text.strip("[]")


def dimension_of(quantity) -> str:
    """The dimension of an extracted quantity (counts, ratios and multipliers have none from pint)."""
    if quantity.unit is None:
        return _KIND_DIMENSIONS.get(quantity.kind, "count")
    return dimension_of_unit(quantity.unit)


@lru_cache(maxsize=512)
def to_base(unit: str) -> tuple[float, float]:
    """(factor, offset) turning a magnitude in `unit` into the base unit of its dimension, so quantities
    in kilometres and miles (or °C and °F) compare."""
    if unit == "percent":
        return 1.0, 0.0
    ureg = registry()
    zero = ureg.Quantity(0.0, unit).to_base_units().magnitude
    one = ureg.Quantity(1.0, unit).to_base_units().magnitude
    return one - zero, zero
