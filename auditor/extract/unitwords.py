"""Unit words after a number: surfaces, powers and rates ("15 km", "sq km", "km^3", "4 km cubed", "s-1",
"$15.4/hour", "J/m^2 per year", "500 tonnes a week"), mapped to pint unit strings."""

from __future__ import annotations

import re

from . import lexicon, russian

_SP = "[ \u00a0\u202f\u2009]"
_SPACES = re.compile(r"[ \u00a0]+")
_SUPERSCRIPTS = str.maketrans("⁻¹²³", "-123")
_TIME_AGO = re.compile(rf"{_SP}+(?:earlier|ago|later|before|after|previously|on)\b", re.I)


class UnitWords:
    """Unit surfaces after a number, with their powers and rates: "km", "sq km", "km²", "km^3",
    "4 km cubed", "s-1", "$15.4/hour", "J/m^2 per year", "500 tonnes a week"."""

    def __init__(self, unit_words: dict[str, str], per_words: dict[str, str]):
        self.case_sensitive: dict[str, str] = {}  # surface -> pint unit
        self.case_blind: dict[str, str] = {}  # lowercased surface -> pint unit
        for unit, words in unit_words.items():
            for surface in words.split("|"):
                if surface in lexicon.CASE_SENSITIVE:
                    self.case_sensitive[surface] = unit
                else:
                    self.case_blind[surface.lower()] = unit
        alt = self._alternation(self.case_sensitive, self.case_blind)
        power = r"(?P<power>(?:\^|\*\*)[-−]?[1-3]|⁻?[¹²³]|[23]|[-−]1)?(?![\w²³¹⁻])"
        self.unit = re.compile(
            rf"(?:{_SP}?-{_SP}?|{_SP})?(?:(?P<pre>(?i:square|sq\.?|cubic|cu\.?)){_SP}+)?"
            rf"(?P<unit>{alt}){power}"
            rf"(?:{_SP}+(?P<post>(?i:squared|cubed))\b)?")
        # the denominator of a rate: any unit after "/" or "per"; a word unit after "a", "an", "each" ...
        self.per_blind = {w.lower(): u for w, u in per_words.items()} | self.case_blind | {"s": "second"}
        den_alt = self._alternation(self.case_sensitive, self.per_blind)
        den_words = [w for w in self.per_blind if w.isalpha() and len(w) >= 3]
        self.per = re.compile(
            rf"(?:{_SP}*/{_SP}*|{_SP}+(?i:per){_SP}+)(?P<unit>{den_alt}){power}"
            rf"|{_SP}+(?i:a|an|each|every|в|на){_SP}+(?P<word>(?i:{lexicon.alternation(den_words)}))\b")
        # "2 1/2 in thick": "in" is an inch only before a word of size
        self.inch_before_size = re.compile(
            rf"{_SP}+in\.?(?={_SP}+(?:thick|long|wide|high|deep|tall|across|in{_SP}+diameter)\b)")

    @staticmethod
    def _alternation(case_sensitive: dict, case_blind: dict) -> str:
        """One alternation of all surfaces, longest first within each set: the case-sensitive ones, then the
        others in (?i:...). Every use is followed by a lookahead that ends the token ("km" never matches in
        "kms")."""
        return f"{lexicon.alternation(case_sensitive)}|(?i:{lexicon.alternation(case_blind)})"

    def _lookup(self, surface: str, table: dict) -> str | None:
        return self.case_sensitive.get(surface) or table.get(_SPACES.sub(" ", surface.lower()))

    def match(self, text: str, pos: int) -> re.Match | None:
        """The unit (with its powers) right after `pos`, or None; the rate is left to `rate`."""
        return self.unit.match(text, pos)

    def of(self, m: re.Match) -> str:
        """The pint unit string of a `match`: "sq km" -> "kilometer ** 2"."""
        unit = self._lookup(m.group("unit"), self.case_blind)
        power = _power(m.group("power"))
        if m.group("pre"):
            power = 2 if m.group("pre").lower().startswith("sq") else 3
        if m.group("post"):
            power = 2 if m.group("post").lower() == "squared" else 3
        return _raise(unit, power)

    def rate(self, unit: str, text: str, end: int) -> tuple[str, int]:
        """`unit` over the denominators after `end` ("/hour", " per kg", " a week"), and the new end."""
        for _ in range(2):  # "J/m^2 per year"
            m = self.per.match(text, end)
            if m is None:
                break
            if m.group("unit") is not None:
                den = _raise(self._lookup(m.group("unit"), self.per_blind), _power(m.group("power")))
            else:
                den = self.per_blind.get(m.group("word").lower())
            if den is None or den == unit or (m.group("word") and _TIME_AGO.match(text, m.end())):
                break  # "9 pct a week earlier" is no rate
            unit, end = f"{unit} / {den}", m.end()
        return unit, end


def _power(surface: str | None) -> int:
    """The exponent written after a unit: "2", "^3", "²", "-1", "⁻¹"."""
    if not surface:
        return 1
    digits = surface.lstrip("^*").translate(_SUPERSCRIPTS)
    return -int(digits[1:]) if digits[0] in "-−" else int(digits)


def _raise(unit: str, power: int) -> str:
    """A pint unit string to a power: ("kilometer", 2) -> "kilometer ** 2", ("second", -1) -> "1 / second"."""
    if power == 1:
        return unit
    if power == -1:
        return f"1 / {unit}"
    return f"{unit} ** {power}"


UNITS = UnitWords(lexicon.UNIT_WORDS, lexicon.PER_WORDS | russian.PER_WORDS)
