"""Amounts as people read them, formatted the same way in messages, derivations and `extract`'s table.

Units by their symbol ("km²", "km/h", "t", "%"), money with its currency sign and a short scale
("$624m", "€1.2bn", "62.5¢"), and large bare counts with a scale word ("5.2 billion"). A scale is used
only when it loses no digit: 1,200,000,001 stays whole, so a derivation never shows two different
numbers as the same. (The JSON output keeps the pint unit string the contract fixes.)
"""

from __future__ import annotations

import math
from functools import lru_cache

_SCALES = ((1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "m"))
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "RUB": "₽", "UAH": "₴",
                   "INR": "₹", "TRY": "₺", "AUD": "A$", "CAD": "C$", "HKD": "HK$", "NZD": "NZ$", "SGD": "S$"}
_OTHER_CURRENCIES = frozenset({"CHF"})
# pint's symbols where they would puzzle a news reader ("a" for a year, "capita" for a person)
_WORDS = {"year": "years", "month": "months", "week": "weeks", "day": "days", "person": "people",
          "canadian_cent": "Canadian cents", "australian_cent": "Australian cents",
          "hong_kong_cent": "Hong Kong cents", "new_zealand_cent": "New Zealand cents",
          "singapore_cent": "Singapore cents", "euro_cent": "euro cents"}
_SINGULAR = {"years": "year", "months": "month", "weeks": "week", "days": "day", "people": "person",
             **{word: word[:-1] for word in _WORDS.values() if word.endswith(" cents")}}


def format_number(x: float | None) -> str:
    """1400 → "1,400"; 2.7 → "2.7"; 0.3333 → "0.333"; None → "?"."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if abs(x - round(x)) < 1e-9 * max(1.0, abs(x)):
        return f"{int(round(x)):,}"
    if abs(x) >= 100:
        return f"{x:,.1f}"
    return f"{x:,.3g}" if abs(x) < 1 else f"{x:,.2f}".rstrip("0").rstrip(".")


def _scaled(x: float) -> tuple[str, str, str] | None:
    """("5.2", "billion", "bn") when x is that many exactly (to three decimals of the scale), else None."""
    for factor, word, short in _SCALES:
        if abs(x) >= factor:
            mantissa = x / factor
            rounded = round(mantissa, 3)
            if abs(rounded * factor - x) <= max(1e-6, 1e-12 * abs(x)):
                return f"{rounded:,.3f}".rstrip("0").rstrip("."), word, short
            return None
    return None


def format_unit(unit: str | None) -> str:
    """The symbol a unit is shown with: "kilometer ** 2" → "km²", "USD" → "$", None → ""."""
    if unit is None:
        return ""
    if unit in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[unit]
    return _symbol(unit)


@lru_cache(maxsize=512)
def _symbol(unit: str) -> str:
    if unit == "percent":
        return "%"
    if unit == "cent":
        return "¢"
    if unit == "penny":
        return "p"
    if unit in _WORDS:
        return _WORDS[unit]
    if unit in _OTHER_CURRENCIES:
        return unit
    from .unit_facts import symbol

    try:
        return symbol(unit)
    except Exception:  # a unit pint cannot format: show it as the rule or extractor named it
        return unit


def format_amount(x: float | None, unit: str | None = None) -> str:
    """An amount with its unit, written once for every report: "52,000 km²", "$624m", "62.5¢", "25%",
    "5.2 billion", "3 years"."""
    if x is None or not math.isfinite(x):
        return format_number(x) + (f" {format_unit(unit)}" if unit and unit != "percent" else "")
    scaled = _scaled(x)
    if unit in _CURRENCY_SIGNS or unit in _OTHER_CURRENCIES:
        number = f"{scaled[0]}{scaled[2]}" if scaled else format_number(x)
        sign = "-" if number.startswith("-") else ""
        number = number.lstrip("-")
        return f"{sign}{_CURRENCY_SIGNS[unit]}{number}" if unit in _CURRENCY_SIGNS else f"{sign}{number} {unit}"
    number = f"{scaled[0]} {scaled[1]}" if scaled else format_number(x)
    symbol = format_unit(unit)
    if not symbol:
        return number
    if symbol in ("%", "¢", "p"):
        return number + symbol
    if symbol in _SINGULAR and x == 1:
        symbol = _SINGULAR[symbol]
    return f"{number} {symbol}"
