"""The qualifier of an amount ("about", "at least", "не более", "or more") and the bounds it puts around
the value."""

from __future__ import annotations

import re

from . import lexicon, russian
from .context import Before
from .ranges import RANGE_START
from .state import SP, Number, ScanState

_I = re.IGNORECASE


class _QualifierBefore:
    """The qualifier phrase right before a number ("at least ", "не более "): one `Before` pattern with
    a group per phrase, longest first so that "no more than" wins over "more than"."""

    def __init__(self, pairs):
        phrases = sorted(((p, name) for name, alt in pairs for p in alt.split("|")), key=lambda x: -len(x[0]))
        groups = "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(phrases))
        self.pattern = Before(rf"(?:^|(?<=[\s(\[,;:\"«—-]))(?:{groups}){SP}*", _I,
                              last=" \u00a0\u202f\u2009.~∼≈<>=-".__contains__)
        self.names = {f"q{i}": name for i, (_, name) in enumerate(phrases)}

    def match(self, text: str, pos: int) -> tuple[str, int, str] | None:
        """(qualifier, start of the phrase, the phrase) or None."""
        m = self.pattern.match(text, pos)
        return None if m is None else (self.names[m.lastgroup], m.start, m.group(m.lastgroup))


QUALIFIER_EN = _QualifierBefore(lexicon.QUALIFIERS)
QUALIFIER_RU = _QualifierBefore(russian.QUALIFIERS)
_TRAILING_QUALIFIER = re.compile(
    rf"{SP}+(?P<q>at least|at most|or more|or less|at the most|at the least|or over|or older|or under|or younger)\b", _I)
_DURATIONS = frozenset({"minute", "hour", "day", "week", "month", "year", "decade", "century"})
_NUMBER_THEN_DO = Before(r"[0-9][^\w]*\w*(?:\s+\w+)?\s+до\s*", _I)  # "с 40 (тысяч рублей) до 60": "to"
# "с полумиллиона до 200 тысяч", "с двух миллионов до 900 тысяч": from a number in words (checked in
# `_words_number_then_do`)
_WORDS_THEN_DO = re.compile(r"\bсо?\s+(?P<words>[а-яё]+(?:\s+[а-яё]+){0,2})\s+до\s*$", re.I)
# after a verb of change "до" is the level reached, not a bound: "сократился почти в два раза - до 864 тысяч"
# (in any tense and aspect: "ставки падали до 6,05 процента", "может сократиться вдвое - до 10 млн тонн"; not
# "выпадает до 50 мм": up to)
_CHANGE_VERB_THEN_DO = Before(r"(?:вырос|выросл|увеличил|снизил|сократил|упал|подорожал|подешевел|повысил|"
                              r"понизил|возрос|уменьшил|опустил|поднял|\b(?:пада|снижа|сокраща|увеличива|повыша|"
                              r"понижа|уменьша|опуска|поднима|снизит|сократит|увеличит|повысит|понизит|"
                              r"уменьшит|выраст|упад|замедл|ускор|удво|утро[иея]))\w*[^.;:!?]{0,60}\s+до\s*", _I, width=90)


def _words_number_then_do(scan: ScanState, start: int) -> bool:
    """Whether "до" before `start` follows "с" and a number in words, so it means "to"."""
    m = _WORDS_THEN_DO.search(scan.text, max(0, start - 60), start)
    if m is None:
        return False
    infos = [scan.ru_words.get(w.lower().replace("ё", "е")) for w in m.group("words").split()]
    return all(info is not None and (info.number is not None or info.scale is not None) for info in infos)


def read_qualifier(scan: ScanState, num: Number, second: Number | None, kind: str, unit: str | None,
                   start: int, end: int) -> tuple[str, int]:
    """The qualifier of an amount (before it: "about", "не более"; after it: "or more") and the
    new start of its span. A qualified range stays a range: "around 10-15 exabytes"."""
    text = scan.text
    if second is not None:
        range_start = RANGE_START.match(text, start)
        if range_start:
            return "range", range_start.start
    qm = QUALIFIER_EN.match(text, start) or (QUALIFIER_RU.match(text, start) if scan.cyrillic else None)
    if qm is not None:
        name, q_start, phrase = qm
        phrase = phrase.lower()
        if name == "at_most" and phrase == "до" and (second or _NUMBER_THEN_DO.test(text, start)
                                                     or _words_number_then_do(scan, start)
                                                     or _CHANGE_VERB_THEN_DO.test(text, start)):
            pass  # "с 40 до 60", "снизилась до 60": "до" means "to"
        elif name == "more_than" and phrase == "over" and unit in _DURATIONS:
            pass  # "over 48 hours": during, not more than
        else:
            return ("range" if second is not None else name), q_start
    if second is None and kind in ("multiplier", "count", "measure"):
        trailing = _TRAILING_QUALIFIER.match(text, end)
        if trailing:
            return ("at_most" if trailing.group("q").lower() in ("at most", "or less", "at the most", "or under",
                                                                 "or younger")
                    else "at_least"), start
    return ("range" if second is not None else "exact"), start


def bounds(qualifier: str, value: float, precision: float, unit: str | None) -> tuple[float | None, float]:
    """The bounds a qualifier puts around a value (docs/extraction.md, "Values and bounds")."""
    if qualifier == "exact":
        return value, value
    if qualifier == "approximate":  # one step of the last significant digit, at most 10%
        half = min(precision, 0.1 * abs(value)) if value else precision
        return value - half, value + half
    if qualifier in ("at_least", "more_than"):
        return value, None
    # upper bounds: amounts of things are never negative; temperatures (and negative amounts) may be
    return (None if unit in ("degree_Celsius", "degree_Fahrenheit") or value < 0 else 0.0), value
