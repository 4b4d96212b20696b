"""A parsed number made a quantity: what follows and precedes it (a ratio, a range, a unit or currency, a
multiple or frequency, a qualifier, the counted noun) read in order, and the quantity recorded."""

from __future__ import annotations

import re

from . import traps
from .context import Before
from .counted import counted_after, one_counts, one_in_a_list
from .qualifiers import bounds, read_qualifier
from .quantity import Quantity, kind_of
from .ranges import AGED_BEFORE, RANGE_START, change_target, range_after_unit, range_second
from .ratios import RU_TIMES, TIMES, TIMES_WORDS, read_ratio
from .state import AFTER_SP, SP, Number, ScanState
from .units_after import (
    SMALLER_TIME,
    compound_duration,
    currency_after,
    currency_before,
    read_unit,
    unit_after,
)
from .unitwords import UNITS

_I = re.IGNORECASE
_THE_BEFORE = Before(rf"\bthe{SP}+", _I, width=4, last=" ".__eq__)
_RU_V_BEFORE = Before(r"\bв[ \u00a0]+", width=3, last=AFTER_SP)  # "в три раза"
# "lost twice", "won nine times", "дважды проиграл": how often something happened, not a multiple. A multiple
# compares ("twice as many", "three times the size", "nine times more") or follows a verb of change or "by"
# ("grew five times", "cut by three times"); a Russian "дважды" before a comparative is one ("дважды больше").
_MULTIPLE_AFTER = re.compile(
    rf"{SP}+(?:as|the|that|this|those|these|its|their|his|her|our|your|my|over|more|less|fewer|higher|lower|"
    rf"larger|smaller|bigger|greater|faster|slower|longer|shorter|cheaper|stronger|worse|better|than|"
    rf"больше|меньше|выше|ниже|дороже|дешевле|сильнее|слабее|чаще|реже|быстрее|медленнее|превыша\w*|"
    rf"превысил\w*|увеличил\w*|сократил\w*|вырос\w*|снизил\w*)\b", re.I)
_MULTIPLE_BEFORE = Before(rf"\b(?:{traps.CHANGE_VERBS}|by|about|almost|nearly|than|some|roughly|around|over)"
                          rf"(?:{SP}+(?:more|than|about|almost|nearly|some|roughly|around|over))*{SP}+", _I,
                          width=40, last=AFTER_SP)
_OCCASION_WORDS = frozenset({"twice", "thrice", "дважды", "трижды"})


def _occasions(scan: ScanState, start: int, end: int) -> bool:
    """Whether a "twice", "дважды" or "N times" at `start`..`end` counts occasions (see _MULTIPLE_AFTER)."""
    text = scan.text
    return not (_MULTIPLE_AFTER.match(text, end) or _MULTIPLE_BEFORE.test(text, start)
                or _RU_V_BEFORE.test(text, start))


def finish(scan: ScanState, num: Number) -> int:
    """Read what follows and precedes a number (a ratio, or a range, unit, currency, multiplier or
    frequency, qualifier) and record the quantity; return where the scan goes on."""
    text = scan.text
    if num.vague is None and not num.fraction:
        ratio_end = read_ratio(scan, num)
        if ratio_end is not None:
            return ratio_end
    start = num.start
    plain = num.vague is None and not num.fraction and not num.multiplier and num.tolerance is None
    second = range_second(scan, num) if plain else None
    determiner = False
    if num.lone_one and second is None:
        if unit_after(scan, num.end):
            num.lone_one = False  # "one mile", "one per cent", "one-yen bid": an amount
        elif one_in_a_list(scan, num):
            num.lone_one = False  # "won 19, drew one and lost two"
        elif scan.cyrillic and not text[num.start].isascii():
            return num.end
        elif not one_counts(scan, num):
            return num.end
        else:
            determiner = True
    unit, end = read_unit(scan, second.end if second else num.end, start, num.scaled)
    if unit in SMALLER_TIME and second is None:
        end = compound_duration(scan, num, unit, end)  # "4 hours 30 minutes"
    if unit is None and second is None and (traps.CHANGE_VERB_BEFORE.test(text, start)
                                            or RANGE_START.test(text, start)):
        unit = change_target(scan, num, end)  # "rose from 50 to 75 cents": 50 cents
    elif unit is not None and second is None and plain:
        both = range_after_unit(scan, num, unit, end)  # "between 44 mg and 50 mg"
        if both:
            second, end = both
    if unit in ("meter", "kilometer") and second is None and traps.EVENT.match(text, num.start, end + 40) \
            and _THE_BEFORE.test(text, num.start):
        return scan.ignore(num.start, end, "name")  # "won the 3000m in", "the 400m hurdles final": an event
    if (unit == "year" and num.value >= 1500 and num.precision < 1000 and second is None and not num.words
            and not traps.YEARS_OLD.match(text, num.end) and not traps.GROUPED.search(text, num.start, num.end)):
        return scan.ignore(num.start, end, "year")
    prefixed = False
    if unit is None and not num.multiplier and num.vague is None:
        unit, start, end = currency_before(scan, num, start, end)
        prefixed = unit is not None
    if second is None and not num.multiplier and num.vague is None and not num.fraction:
        unit, end = currency_after(scan, num, unit, end, prefixed)
    if unit is None and not num.fraction and num.vague is None and AGED_BEFORE.test(text, start):
        unit = "year"  # "aged 94", "aged 18 to 34"
    kind, counted = kind_of(unit), None
    if unit is None and traps.FACTOR_BEFORE.test(text, start):
        num.multiplier = True  # "by a factor of 10"
    if num.multiplier:
        kind = "multiplier"
        if text[num.start : num.end].lower() in TIMES_WORDS:
            unit, end = UNITS.rate("1", text, end)
            if unit != "1":  # "twice a week": a frequency
                kind, counted = "count", (text[num.start : num.end], num.start, num.end)
            elif text[num.start : num.end].lower() in _OCCASION_WORDS and _occasions(scan, start, end):
                unit, kind, counted = None, "count", (text[num.start : num.end], num.start, num.end)
            else:
                unit = None
    elif num.fraction and unit is None:
        kind = "fraction"
    elif unit is None and not num.fraction:
        m = TIMES.match(text, end) or (scan.cyrillic and RU_TIMES.match(text, end))
        if m:
            ru_v = _RU_V_BEFORE.match(text, start)  # "в три раза"
            start = ru_v.start if ru_v else start
            rate, rate_end = UNITS.rate("1", text, m.end()) if not m.group("cmp") else ("1", m.end())
            times = (m.group("times"), m.start("times"), m.end("times"))
            if rate != "1":  # "four times per week": a frequency, the count of times in a period
                unit, end, counted = rate, rate_end, times
            elif m.group("times")[0] in "рР" and not ru_v and not m.group("cmp"):
                counted = times  # "22 раза одержал победу", "уступил семь раз": a count of occasions
            elif m.group("times").lower() == "times" and not m.group("cmp") and _occasions(scan, start, m.end()):
                counted, end = times, m.end()  # "won nine times": a count of occasions
            else:
                kind, end = "multiplier", m.end()
    qualifier, start = read_qualifier(scan, num, second, kind, unit, start, end)
    value = num.value
    if num.vague is not None:
        qualifier, value, (low, high) = "vague", None, num.vague
    elif second is not None:
        qualifier, value = "range", None
        low, high = num.value, second.value
        if low > high and (low < 0 or high < 0):  # "от -18 до -23 °C"
            low, high = high, low
        if low > high:
            return scan.ignore(num.start, end, "score")
    elif num.tolerance is not None:  # "9.83e-3 +/- 1e-5"
        qualifier, low, high = "approximate", value - num.tolerance, value + num.tolerance
    else:
        low, high = bounds(qualifier, value, num.precision, unit)
    if counted is None:
        hyphenated = kind == "measure" and "-" in text[num.end : end][:2]  # "a 12-inch gun"
        counted = counted_after(scan, end, "count" if hyphenated else kind)
    counted, c_start, c_end = counted
    if unit is None and counted is None and kind == "count" and num.scaled:
        unit = _listed_currency(scan, start, end)
        kind = kind_of(unit)
    if scan.quantities:  # a qualifier or sign never reaches into the amount before
        start = max(start, scan.quantities[-1].end)
    scan.quantities.append(Quantity(
        start=start, end=end, text=text[start:end], value=value, low=low, high=high,
        qualifier=qualifier, unit=unit, counted=counted, kind=kind, precision=num.precision,
        counted_start=c_start, counted_end=c_end, determiner=determiner,
    ))
    return end


_LIST_GAP = re.compile(r"[^.!?\n]{0,40}")
_LIST_MARK = re.compile(r"[(,;—–-]")
_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[,;).]|$)")
_MOVED_TO = re.compile(r"[ \u00a0]+(?:to|до)[ \u00a0]+")


def _listed_currency(scan: ScanState, start: int, end: int) -> str | None:
    """The currency a bare scaled amount takes from the amount it is listed after: "дефицит составит 3,68
    триллиона рублей (доходы — 12,5 триллиона, расходы — 15,2 триллиона)" are all roubles. Only a short
    gap with a list mark, and an amount that ends its clause: "5 млрд рублей ... пострадали 2 миллиона" is no
    such list. Or the level an amount of money moved by is given right after it: "fell 195 mln dlrs to
    65.06 billion"."""
    if not scan.quantities:
        return None
    prev = scan.quantities[-1]
    if prev.kind != "money" or not prev.unit or " " in prev.unit or not prev.value or prev.value < 1e6:
        return None
    gap = scan.text[prev.end : start]
    if _MOVED_TO.fullmatch(gap):  # "loans fell 195 mln dlrs to 65.06 billion": the level it moved to
        return prev.unit
    if not _LIST_GAP.fullmatch(gap) or not _LIST_MARK.search(gap) or not _CLAUSE_END.match(scan.text, end):
        return None
    return prev.unit
