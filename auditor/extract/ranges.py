"""Two numbers read as one amount: the upper end of a range ("4-5 thousand", "between 10 and 12",
"от 5 до 10", "44 mg to 50 mg") and the new amount of a change ("rose from 50 to 75 cents")."""

from __future__ import annotations

import re

from . import currency, traps
from .context import Before
from .counted import plural_noun_after
from .digits import SCALE_AFTER, parse_digits, parse_signed_digits, read_scale
from .english_words import parse_english
from .state import AFTER_SP, CURRENCY_BEFORE, SP, Number, ScanState
from .units_after import glued_temperature, read_unit, unit_after
from .unitwords import UNITS

_I = re.IGNORECASE
# "4-5", "4 – 5", "17 to 35", "8- to 16-meter", "between 10 and 12", "от 5 до 10"
_RANGE_SEP = re.compile(rf"-?{SP}+(?:up{SP}+)?(?P<word>to|and|or|до|и|или){SP}+|{SP}?(?P<dash>[-–—]){SP}?", _I)
RANGE_START = Before(rf"(?:^|(?<=[\s(]))(?P<word>from|between|от|с|со){SP}+", _I, last=AFTER_SP)
# "men aged 18 to 34": an age range needs no unit
AGED_BEFORE = Before(rf"\b(?:aged|ages|age|between the ages of|в возрасте){SP}+", _I, width=22,
                     last=" \u00a0\u202f\u2009".__contains__)
_TO_NUMBER = re.compile(rf"{SP}+(?:to|до){SP}+(?=[0-9])", _I)  # the new amount of a change
_BY_BEFORE = Before(r"\bby\s+", _I, width=6, last=str.isspace)  # "fell by 1.8 years to 76.4 years"
# "shares fell 12p to 450p", "profit rose £2m to £75m": a sum of money moved right after its verb, then the
# level it reached, far above the move ("premiums rose £50 to £200", "fares rise $5 to $20 a ticket" are
# ranges of the move)
MOVE_TO_LEVEL = 10
_PER_AFTER = re.compile(r"[ \u00a0]+(?:a|an|per|each|apiece|for)\b|,?[ \u00a0]+depending\b", re.I)
# a verb of change right before the amount, and the verbs of a market report ("lost 12p", "added 5p")
_MOVE_VERB_BEFORE = Before(rf"\b(?:{traps.CHANGE_VERBS}|rises|falls|lost|added|shed)\s+", _I, width=24,
                           last=str.isspace)
_LETTER_DASH_BEFORE = Before(r"[A-Za-zА-Яа-я]-", width=2, last="-".__eq__)  # "F-16-17"


def range_second(scan: ScanState, num: Number) -> Number | None:
    """The upper end of "4-5 thousand", "from 17 to 35 km", "between 10 and 12", "от 5 до 10",
    "$5-$10", "8- to 16-meter"."""
    text = scan.text
    m = _RANGE_SEP.match(text, num.end)
    if not m:
        return None
    pos = m.end()
    sign = CURRENCY_BEFORE.match(text, num.start)
    symbol = currency.AT.match(text, pos)
    if symbol and sign:
        pos = symbol.end()
    left = sign.start if sign else num.start  # what precedes "$5" in "from $5 to $10"
    start_word = _range_link(scan, num, m, left)
    if start_word is False:
        return None
    if pos < len(text) and (text[pos].isdigit() or text[pos] in "-+−"):
        if _date_or_time_at(scan, pos + (text[pos] in "-+−")):
            return None
        second = parse_signed_digits(scan, pos)
        if second is None or second.fraction:
            return None
        if text[second.end : second.end + 1].isalpha() and not (
                SCALE_AFTER.match(text, second.end) or UNITS.match(text, second.end)
                or glued_temperature(text, num.start, second.end)):
            return None
        read_scale(scan, second)
    elif num.words and text[pos : pos + 1].isalpha() and (not scan.cyrillic or text[pos].isascii()):
        second = parse_english(scan, pos)
        if second is None:
            return None
    else:
        return None
    word = (m.group("word") or "").lower()
    # "4-5 thousand", "from 1.4 to 2.1 million": the first end takes the scale written after the
    # second; "from $800,000 to $1.3 million" has its own
    inherit = second.scaled and not num.scaled and num.value < second.value / second.scale
    if word and second.value < num.value * (second.scale if inherit else 1) and num.value >= 0:
        return None  # "с 4,2 до 3,8 млн тонн": a fall from one amount to another
    if word == "to" and _BY_BEFORE.test(text, left):
        return None  # "increased by $43.6 billion to $419.2 billion": the change and the new amount
    if sign and symbol and _move_and_level(scan, num, m, second, left, True):
        return None  # "profit rose £2m to £75m"
    if word in ("or", "или") and not (0 < second.value - num.value <= max(1.0, num.precision)):
        return None  # "three or four years" is a range; "5 or 50" two amounts
    if word in ("to", "or", "или") and start_word is None:
        # "17 to 35 km": a range only when a unit, scale or currency marks both numbers as amounts
        if not (unit_after(scan, second.end) or second.scaled or (sign and symbol)
                or (word == "to" and (AGED_BEFORE.test(text, left) or plural_noun_after(scan, second.end)))):
            return None
    if inherit:
        num.value *= second.scale
        num.precision *= second.scale
    return second


def range_after_unit(scan: ScanState, num: Number, unit: str, end: int) -> tuple[Number, int] | None:
    """"44 mg to 50 mg", "between 44 mg and 50 mg", "from -18 °C to -34 °C": a range whose two ends
    carry the same unit; the upper end and the end of the span."""
    text = scan.text
    m = _RANGE_SEP.match(text, end)
    if not m or not (m.end() < len(text) and (text[m.end()].isdigit() or text[m.end()] in "-+−")):
        return None
    if _range_link(scan, num, m, num.start) is False or _BY_BEFORE.test(text, num.start):
        return None  # "fell by 1.8 years to 76.4 years": the change and the new amount
    second = parse_signed_digits(scan, m.end())
    if second is None or second.fraction:
        return None
    read_scale(scan, second)
    unit2, end2 = read_unit(scan, second.end, second.start, second.scaled)
    if unit2 != unit or _move_and_level(scan, num, m, second, num.start, currency.is_code(unit)):
        return None
    return second, end2


def _move_and_level(scan: ScanState, num: Number, sep: re.Match, second: Number, left: int, money: bool) -> bool:
    """Whether "fell 12p to 450p" (`num`, `sep`, `second`, the first end's text starting at `left`) is a
    move and the level it reached rather than a range: money right after a verb of change, then "to" a sum
    MOVE_TO_LEVEL times or more above it, and no "a month" or "depending" after it."""
    return (money and (sep.group("word") or "").lower() == "to" and _MOVE_VERB_BEFORE.test(scan.text, left)
            and second.value >= MOVE_TO_LEVEL * num.value and not _PER_AFTER.match(scan.text, second.end))


def _range_link(scan: ScanState, num: Number, sep: re.Match, left: int):
    """Whether the separator `sep` after a number links a range, given the word before it ("from",
    "between"): False when it does not, else the start word's match (or None)."""
    text = scan.text
    start_word = RANGE_START.match(text, left)
    word = (sep.group("word") or "").lower()
    if word:
        first = start_word.group("word").lower() if start_word else None
        if first is None and word in ("and", "и", "до") or word in ("or", "или") and first is not None:
            return False  # "45 and 50 mg": two amounts
        if first in ("с", "со"):
            return False  # "с 1 500 до 1 800": a change from one amount to another ("от ... до" is a range)
        if word in ("and", "и") and first is not None and first != "between":
            return False
        if traps.CHANGE_VERB_BEFORE.test(text, left):
            return False  # "rose from 50 to 75": the old and the new amount
    elif not num.words and _LETTER_DASH_BEFORE.test(text, left):
        return False  # "F-16-17"
    return start_word


def change_target(scan: ScanState, num: Number, pos: int) -> str | None:
    """"rose from 50 to 75 cents", "с 4,2 до 3,8 млн тонн": the old amount of a change takes the scale
    and the unit written only after the new one; return that unit."""
    m = _TO_NUMBER.match(scan.text, pos)
    if not m:
        return None
    target = parse_digits(scan, m.end())
    if target is None:
        return None
    read_scale(scan, target)
    if target.scaled and not num.scaled:
        num.value *= target.scale
        num.precision *= target.scale
    return read_unit(scan, target.end, target.start, target.scaled)[0]


def _date_or_time_at(scan: ScanState, pos: int) -> bool:
    """Whether the number at `pos` is a date or year (without recording it)."""
    text = scan.text
    return bool(traps.DATE_DAY_MONTH.match(text, pos) or traps.TIME.match(text, pos))
