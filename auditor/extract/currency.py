"""Currency signs and codes written before or after an amount: "$4bn", "US$ 3", "$US55,931,000",
"A$1.5m", "HK $216,925", "USD10m", "EUR 50m", "INR1 trillion", "RM23.50", "Rs 500", "MUSD 30", "164p",
"100元", "75 USD million".

Every currency maps to its ISO 4217 code, which `units.txt` defines as a pint unit of its own dimension
(amounts in different currencies never convert into each other by accident).
"""

from __future__ import annotations

import re

from .context import Before

# Signs, with the country letters that may stand before or after "$": "US$", "$US", "A$", "$A", "HK$".
SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR", "₩": "KRW",
         "₪": "ILS", "₺": "TRY", "元": "CNY"}
DOLLAR_COUNTRIES = {"US": "USD", "U.S.": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "CAN": "CAD",
                    "HK": "HKD", "NZ": "NZD", "S": "SGD", "SG": "SGD", "NT": "TWD", "R": "BRL", "Mex": "MXN"}
# ISO codes, and the local abbreviations that news text writes before an amount.
CODES = ("USD", "EUR", "GBP", "AUD", "CAD", "HKD", "NZD", "SGD", "TWD", "INR", "JPY", "CNY", "RMB", "RUB",
         "UAH", "CHF", "TRY", "MYR", "ILS", "KRW", "BRL", "ZAR", "MXN", "SEK", "NOK", "DKK", "PLN", "AED", "SAR")
_CODE_ALIASES = {"RMB": "CNY", "RM": "MYR", "Rs": "INR", "Rs.": "INR", "INR": "INR"}
# "MUSD 30", "30 MEUR": a million units, as engineering and finance reports abbreviate.
MILLION_CODES = {"M" + code: code for code in ("USD", "EUR", "GBP", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK")}


def _prefix_table() -> dict[str, str]:
    table = dict(SIGNS)
    for letters, code in DOLLAR_COUNTRIES.items():
        table[f"{letters}$"] = table[f"{letters} $"] = code
        if len(letters) <= 2 and letters.isupper():
            table[f"${letters}"] = code  # "$US55,931,000", "$A82,615,680"
    for code in CODES:
        table[code] = _CODE_ALIASES.get(code, code)
    table.update({alias: code for alias, code in _CODE_ALIASES.items()})
    table.update(MILLION_CODES)
    return table


PREFIXES = _prefix_table()
_LETTER_PREFIXES = sorted((p for p in PREFIXES if p[0].isalpha()), key=len, reverse=True)
_SIGN_PREFIXES = sorted((p for p in PREFIXES if not p[0].isalpha()), key=len, reverse=True)
# Letter codes stand on a word boundary and may be glued to the number ("USD10m"); signs may be anywhere.
BEFORE = Before(
    rf"(?:(?<![\w$])(?:{'|'.join(re.escape(p) for p in _LETTER_PREFIXES)})"
    rf"|{'|'.join(re.escape(p) for p in _SIGN_PREFIXES)})[ \u00a0]?",
    width=8,
)
# The same prefixes read forward, where a range's second end may repeat them: "$5 to $10", "RM1-RM2".
AT = re.compile(
    rf"(?:{'|'.join(re.escape(p) for p in sorted(PREFIXES, key=len, reverse=True))})[ \u00a0]?(?=[0-9])")
# Million-codes after the number: "30 MUSD".
MILLION_AFTER = re.compile(rf"[ \u00a0]?(?P<code>{'|'.join(MILLION_CODES)})\b")


def prefix_code(surface: str) -> tuple[str | None, float]:
    """The ISO code of a prefix `BEFORE` matched, and the scale it carries (1e6 for "MUSD")."""
    surface = surface.strip(" \u00a0")
    code = PREFIXES.get(surface)
    return code, 1e6 if surface in MILLION_CODES else 1.0


def is_code(unit: str | None) -> bool:
    """Whether a unit string is a currency (or a rate of one: "USD / hour")."""
    return unit is not None and unit.split(" ")[0] in ALL_UNITS


# Currencies only ever written as words ("25 миллионов тенге", "шведских крон"), never as a prefix.
WORD_ONLY = frozenset({"CZK", "KZT", "ESP"})
# The hundredths of a currency, and the currency ("75 cents" are US cents unless the text names another).
SUBUNITS = {"cent": "USD", "penny": "GBP", "canadian_cent": "CAD", "australian_cent": "AUD",
            "hong_kong_cent": "HKD", "new_zealand_cent": "NZD", "singapore_cent": "SGD", "euro_cent": "EUR"}
ALL_UNITS = frozenset(PREFIXES.values()) | WORD_ONLY | frozenset(SUBUNITS)
