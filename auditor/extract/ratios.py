"""Ratios ("1:2", "one in four", "one coalition soldier to two ISIS terrorists") and the words of a
multiple ("three times more", "в два раза больше")."""

from __future__ import annotations

import re

from . import lexicon
from .counted import CASUALTY_WORDS, counted_after
from .digits import SMALL_INT
from .quantity import Quantity
from .state import SP, Number, ScanState
from .units_after import unit_after

_I = re.IGNORECASE
TIMES = re.compile(
    rf"{SP}?(?P<times>times|-fold|fold)\b(?:{SP}+(?P<cmp>more|less|fewer|higher|lower|larger|smaller|bigger"
    rf"|greater|as{SP}+(?:many|much|large|high|big)))?",
    _I,
)
RU_TIMES = re.compile(
    rf"{SP}?(?P<times>раза?)\b(?:{SP}+(?P<cmp>больше|меньше|выше|ниже|дороже|дешевле|сильнее|слабее|"
    rf"чаще|реже|быстрее|медленнее|превышает|превысил\w*))?",
    _I,
)
TIMES_WORDS = frozenset({"twice", "thrice", "дважды", "трижды"})  # "twice a week": a frequency
RATIO_COLON = re.compile(rf"{SP}?:{SP}?(?P<b>[0-9]{{1,3}})(?![0-9:])")
_RATIO_LINK = re.compile(
    rf"(?P<between>(?:{SP}+[\w-]+){{0,3}}?){SP}+(?P<link>to|for{SP}+every|for{SP}+each|against|к"
    rf"|на{SP}+каждых|на{SP}+каждого|приход(?:ится|ятся|илось|илась|ились))(?={SP})",
    _I,
)
_IN_RATIO = re.compile(rf"{SP}+in{SP}+(?=[a-z0-9])", _I)  # "one in four"
_LETTERS = re.compile(r"[A-Za-zА-Яа-яЁё]+")


def read_ratio(scan: ScanState, num: Number) -> int | None:
    """"1:2", "one coalition soldier to two ISIS terrorists", "1 military to 2 militants",
    "one in four": one ratio quantity over the whole phrase. Its terms are bare counts: "44 mg to
    50 mg" is no ratio."""
    text = scan.text
    if num.value != int(num.value) or num.value > 100 or num.value <= 0 or unit_after(scan, num.end):
        return None
    m = RATIO_COLON.match(text, num.end)
    if m and not num.words:
        b = float(m.group("b"))
        if b > 0:
            return _add_ratio(scan, num.start, m.end(), num.value, b)
    return _ratio_after(scan, num.start, num.end, num.value)


def _ratio_after(scan: ScanState, start: int, end: int, a: float) -> int | None:
    """The second term of a ratio in words: "one in four", "1 military to 2 militants"."""
    text = scan.text
    m = _IN_RATIO.match(text, end)
    if m:
        second = _small_number(scan, m.end())
        if second and a < second[0] <= 1000 and not unit_after(scan, second[1]):
            return _add_ratio(scan, start, second[1], a, second[0])
    m = _RATIO_LINK.match(text, end)
    if not m:
        return None
    between = m.group("between").split()
    if not between and m.group("link").lower() != "к":
        return None  # "17 to 35" is a range, not a ratio
    # the words between are what the first term counts ("dead soldier"), not a clause ("is killed")
    if any((w.lower() in lexicon.COUNTED_STOP and w.lower() not in CASUALTY_WORDS) or w[0].isdigit()
           for w in between):
        return None
    sep_end = m.end()
    while sep_end < len(text) and text[sep_end] in " \u00a0":
        sep_end += 1
    second = _small_number(scan, sep_end)
    if second is None:
        return None
    b, b_end = second
    if b <= 0 or unit_after(scan, b_end):
        return None
    second_noun, c_start, c_end = counted_after(scan, b_end, "count")
    first_noun = " ".join(between) if between else None
    return _add_ratio(scan, start, c_end if c_end else b_end, a, b, (first_noun, second_noun))


def _small_number(scan: ScanState, pos: int) -> tuple[float, int] | None:
    text = scan.text
    if pos < len(text) and text[pos].isdigit():
        m = SMALL_INT.match(text, pos)
        return (float(m.group(0)), m.end()) if m else None
    m = _LETTERS.match(text, pos)
    if not m:
        return None
    w = m.group(0).lower()
    if w in lexicon.SMALL_NUMBERS:
        return float(lexicon.SMALL_NUMBERS[w]), m.end()
    if scan.cyrillic:
        info = scan.ru_words.get(w.replace("ё", "е"))
        if info and info.number:
            return float(info.number), m.end()
    return None


def _add_ratio(scan: ScanState, start: int, end: int, a: float, b: float,
               nouns: tuple[str | None, str | None] | None = None) -> int:
    text = scan.text
    q = Quantity(start=start, end=end, text=text[start:end], value=a / b, low=a / b, high=a / b,
                 qualifier="exact", unit=None, counted=None, kind="ratio", precision=None, terms=(a, b),
                 term_nouns=nouns if nouns and any(nouns) else None)
    scan.quantities.append(q)
    return end
