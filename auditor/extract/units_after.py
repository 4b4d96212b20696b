"""What follows an amount as its unit: a unit word or symbol and a per-rate, a Russian unit, a currency
written before or after the number with its cents, and the second part of a duration ("4 hours 30
minutes")."""

from __future__ import annotations

import re

from . import currency, lexicon, russian
from .context import Before
from .digits import SCALE_AFTER, SIGN_AFTER, SMALL_INT, apply_scale, read_scale
from .english_words import parse_english
from .state import CURRENCY_BEFORE, RU_COUNTED_WORD, SP, Number, ScanState
from .unitwords import UNITS

_I = re.IGNORECASE
_OF_AFTER = re.compile(rf"{SP}+of\b", _I)
_RU_ABBREVIATED_UNIT = re.compile(
    r"[ \u00a0]?(?P<abbr>кв\.?[ \u00a0]?км|кв\.?[ \u00a0]?м|км/ч|м/с|км²|км2|м²|км|мм|см|"
    r"га|кг|млн|мл|т|м|л|ч|мин|сек|руб|долл)(?P<dot>\.)?(?![А-Яа-яЁё0-9])")
_RU_SQUARE = re.compile(r"кв\.? ?")
_RU_POUND_STERLING = re.compile(r"[ \u00a0]+фунт\w*[ \u00a0]+стерлингов\b", re.I)
# A bare "фунт" is money in Russian news, but a weight where the text says so: a mass in brackets after it
# ("200 фунтов (91 кг)") or a word of weight a few words before ("весом около 200 фунтов", "весит 300 фунтов")
_RU_POUND_OF_MASS = re.compile(r"[ \u00a0]+фунт(?:а|ов)?(?![а-яё])(?=[ \u00a0]*\([ \u00a0]*(?:около[ \u00a0]+|примерно[ \u00a0]+)?"
                               r"[0-9][0-9.,]*[ \u00a0]*(?:кг|килограмм\w*|т|тонн\w*|г|грамм\w*)(?![а-яё]))", re.I)
# ... but money where money follows in brackets ("за лишний вес взяли 90 фунтов (около 100 евро)")
_RU_POUND_OF_MONEY = re.compile(r"[ \u00a0]+фунт(?:а|ов)?(?![а-яё])(?=[ \u00a0]*\([^()]{0,30}?(?:[$€¥]|доллар|евро|рубл|иен|юан))",
                                re.I)
_RU_POUND_WORD = re.compile(r"[ \u00a0]+фунт(?:а|ов)?(?![а-яё])", re.I)
_RU_WEIGHT_BEFORE = Before(r"(?<![а-яё])(?:весом|весит|весил[аио]?|весят|весящ[а-яё]*|весивш[а-яё]*)"
                           r"(?:[ \u00a0]+[а-яё]+){0,2}[ \u00a0]+", re.I, width=40, last=str.isspace)
# "95 degrees (35C)": bare degrees converted into one scale in brackets are in the other
_OTHER_SCALE_IN_BRACKET = re.compile(
    rf"{SP}*\({SP}*(?:about{SP}+|around{SP}+|около{SP}+|примерно{SP}+)?[-−–]?[0-9][0-9.,]*{SP}*(?:°{SP}*|degrees?{SP}+|градус\w*{SP}+)?"
    rf"(?:по{SP}+)?(?P<scale>C|F|celsius|fahrenheit|цельси\w*|фаренгейт\w*)(?![A-Za-z])", re.I)
# "100 градусов по Фаренгейту", "40 градусов Цельсия": the scale named after "градус"; "40 по Цельсию" without it
_RU_TEMPERATURE_SCALE = re.compile(r"[ \u00a0]+(?P<po>по[ \u00a0]+)?(?P<scale>Фаренгейт|Цельси)[а-яё]*", re.I)
# A currency named by its country's adjective: "200 миллиардов шведских крон", "15,6 миллиона российских
# рублей" (the noun alone is ambiguous: a krona is Swedish, Norwegian, Danish or Czech).
_RU_CURRENCY_ADJECTIVES = {
    ("шведск", "крон"): "SEK", ("норвежск", "крон"): "NOK", ("датск", "крон"): "DKK", ("чешск", "крон"): "CZK",
    ("швейцарск", "франк"): "CHF", ("российск", "рубл"): "RUB", ("японск", "иен"): "JPY",
    ("китайск", "юан"): "CNY", ("американск", "доллар"): "USD", ("австралийск", "доллар"): "AUD",
    ("канадск", "доллар"): "CAD", ("гонконгск", "доллар"): "HKD", ("новозеландск", "доллар"): "NZD",
    ("сингапурск", "доллар"): "SGD", ("турецк", "лир"): "TRY", ("польск", "злот"): "PLN",
}
_RU_CURRENCY_PHRASE = re.compile(r"[ \u00a0]+(?P<adj>[а-яё]+?)(?:ая|ой|ую|ие|их|им|ими|ий|ого|ому|ом)"
                                 r"[ \u00a0]+(?P<noun>крон|франк|рубл|иен|юан|доллар|лир|злот)[а-яё]*\b", re.I)
_RU_UNIT_WORD = re.compile(r"[ \u00a0]+(?P<sq>квадратн[а-я]+[ \u00a0]+)?(?P<w>[А-Яа-яЁё]+)")
# A duration in two units: the words of the smaller unit, and how many of it make one of the larger.
SMALLER_TIME = {
    "day": ({"hour", "hours", "hrs", "h", "час", "часа", "часов"}, 24),
    "hour": ({"minute", "minutes", "mins", "min", "минута", "минуты", "минут", "мин"}, 60),
    "minute": ({"second", "seconds", "secs", "sec", "s", "секунда", "секунды", "секунд", "сек"}, 60),
}
_COMPOUND_TIME = re.compile(rf"{SP}*(?:and{SP}+|и{SP}+)?(?P<n>[0-9]{{1,2}}){SP}*"
                            rf"(?P<unit>[A-Za-zА-Яа-яЁё]+\.?)(?![\w])", re.I)
# Currencies whose hundredth is written after them: "3 dollars 50 cents", "£5 and 20p", "17 USD 25".
_SUBUNITS = frozenset({"USD", "EUR", "GBP", "AUD", "CAD", "HKD", "NZD", "SGD"})
_SUBUNIT_LINK = re.compile(rf"(?:,?{SP}+and)?{SP}+(?=[0-9a-z])", re.I)
_SUBUNIT_WORD = re.compile(rf"{SP}*(?:cents?|pence|p|c)\b", re.I)
# "pounds" alone is weight or money; a conversion in brackets right after it says which: "overloaded by 700
# pounds (318kg)", "700 pounds ($1,300)"
_POUNDS_THEN_BRACKET = re.compile(
    rf"{SP}+pounds?\b(?={SP}*\({SP}*(?:about{SP}+|around{SP}+|some{SP}+)?(?:(?P<money>[$€¥]|US\$)|[0-9][0-9.,]*{SP}*"
    rf"(?P<mass>kg|kilo(?:gram(?:me)?)?s?|tonnes?|g|grams?)\b))", _I)
# "2575 морских миль": a nautical mile, as Russian news writes it
_RU_NAUTICAL_MILE = re.compile(r"[ \u00a0]+морск\w*[ \u00a0]+мил\w*", re.I)
# "40C (104F)", "highs of 35C": a temperature written with its scale's letter glued to the number. The letter
# alone is a grade, a seat or a model as often, so it is read as a scale only beside the other scale in
# brackets or with a word of temperature near it.
_GLUED_SCALE = {"C": "degree_Celsius", "F": "degree_Fahrenheit"}
_GLUED_PAIR_AFTER = re.compile(rf"{SP}*\({SP}*[-−]?[0-9][0-9.,]*[CF]{SP}*\)")
_GLUED_PAIR_BEFORE = Before(rf"[0-9][CF]{SP}*\({SP}*[-−]?", width=12)
_TEMPERATURE_WORD = re.compile(
    r"\b(?:temperatures?|degrees?|heat(?:wave)?s?|hot(?:ter|test)?|cold(?:er|est)?|warm(?:er|est|ing)?|cool(?:er|est)?|"
    r"freez(?:e|es|ing)|thermometers?|mercury|weather|frosts?|highs?|lows?|celsius|fahrenheit|centigrade|oven)\b", re.I)
# without the other scale beside it, only a figure a weather can have is read from a word of temperature
_WEATHER = {"degree_Celsius": 90.0, "degree_Fahrenheit": 140.0}  # the most a weather's figure is, either side of 0
_FIGURE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_TEMPERATURE_WINDOW = (120, 60)  # characters before and after the number where that word may be
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade"})
_PHRASE_END = re.compile(r"[ \u00a0]*(?:[.,;:!?)]|$)")


def unit_after(scan: ScanState, pos: int) -> str | None:
    """The unit (a unit word or symbol, or a Russian unit word) right after `pos`, or None."""
    m = UNITS.match(scan.text, pos)
    if m:
        return m.group("unit")
    if scan.cyrillic:
        w = RU_COUNTED_WORD.match(scan.text, pos)
        if w:
            info = scan.ru_words.get(w.group(1).lower().replace("ё", "е"))
            if info and info.unit:
                return info.unit
    return None


def glued_temperature(text: str, start: int, end: int) -> str | None:
    """The temperature scale of a "C" or "F" glued to the number at `start`..`end` ("40C (104F)"), or None."""
    scale = _GLUED_SCALE.get(text[end : end + 1])
    if scale is None or text[end + 1 : end + 2].isalnum():
        return None
    if start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in SIGN_AFTER):
        start -= 1  # "-5C": the sign of the figure
    if start and (text[start - 1].isalnum() or text[start - 1] in "-/."):
        return None  # "A40C", "747-400F", "3/4C"
    if _GLUED_PAIR_AFTER.match(text, end + 1) or _GLUED_PAIR_BEFORE.test(text, start):
        return scale
    figures = [float(f.replace(",", "")) for f in _FIGURE.findall(text, start, end)]
    if not figures or max(figures) > _WEATHER[scale]:
        return None  # "Intel's 13400F" near a word of heat: no weather's temperature (the figures of "30-35C")
    before, after = _TEMPERATURE_WINDOW
    return scale if _TEMPERATURE_WORD.search(text, max(0, start - before), end + after) else None


def _scale_by_its_conversion(text: str, end: int) -> str | None:
    """The scale of bare degrees that a conversion in brackets after them shows: the one it is not."""
    m = _OTHER_SCALE_IN_BRACKET.match(text, end)
    if m is None:
        return None
    return "degree_Celsius" if _scale_named(m.group("scale")) == "degree_Fahrenheit" else "degree_Fahrenheit"


def _scale_named(word: str) -> str:
    """The temperature scale a word names: "F", "Fahrenheit", "Фаренгейту" or else Celsius."""
    return "degree_Fahrenheit" if word[0].lower() in "fф" else "degree_Celsius"


def read_unit(scan: ScanState, end: int, start: int, scaled: bool = False) -> tuple[str | None, int]:
    """The unit right after the number (and a per-rate after it), and the new end of the span."""
    text = scan.text
    scale = glued_temperature(text, start, end)
    if scale:
        return scale, end + 1
    unit = None
    m = UNITS.match(text, end)
    if m and not (m.group("unit") == "m" and CURRENCY_BEFORE.test(text, start)) and not (
            m.group("unit").lower() == "cup" and not _OF_AFTER.match(text, m.end())):
        # "$5 m" is a million; "two cup competitions" no measure ("⅓ cup of sauce" is)
        unit, end = UNITS.of(m), m.end()
        if unit in _TIME_UNITS and CURRENCY_BEFORE.test(text, start):
            return None, m.start()  # "from $839m year-earlier", "a $5m year-long project": money
    elif scan.cyrillic:
        unit, end = _russian_unit(scan, end, start)
    if unit is None:
        pounds = _POUNDS_THEN_BRACKET.match(text, end)
        if pounds:
            return ("GBP" if pounds.group("money") else "pound"), pounds.end()
        m = UNITS.inch_before_size.match(text, end)
        if m is None:
            return None, end
        unit, end = "inch", m.end()
    if unit == "degree":
        unit = _scale_by_its_conversion(text, end) or unit
    if unit == "pound" and scaled:  # "4.7 million pounds"
        unit = "GBP"
    elif unit == "pound_of_mass":  # a Russian "фунт" the text says is a weight, scaled or not
        unit = "pound"
    return UNITS.rate(unit, text, end)


def _russian_unit(scan: ScanState, end: int, start: int) -> tuple[str | None, int]:
    text = scan.text
    m = _RU_ABBREVIATED_UNIT.match(text, end)
    if m:
        abbr = m.group("abbr").replace("\u00a0", " ")
        abbr = _RU_SQUARE.sub("кв. ", abbr)
        unit = russian.UNIT_ABBREVIATIONS.get(abbr)
        if unit:
            stop = m.end() if (m.group("dot") and abbr in ("руб", "долл", "мин", "сек")) else m.end("abbr")
            return unit, stop
    m = _RU_POUND_STERLING.match(text, end)
    if m:
        return "GBP", m.end()
    m = _RU_POUND_OF_MASS.match(text, end) or (
        _RU_POUND_WORD.match(text, end) if not _RU_POUND_OF_MONEY.match(text, end)
        and _RU_WEIGHT_BEFORE.test(text, start) else None)
    if m:
        return "pound_of_mass", m.end()
    m = _RU_NAUTICAL_MILE.match(text, end)
    if m:
        return "nautical_mile", m.end()
    m = _RU_CURRENCY_PHRASE.match(text, end)
    if m:
        code = _RU_CURRENCY_ADJECTIVES.get((m.group("adj").lower().replace("ё", "е"), m.group("noun").lower()))
        if code:
            return code, m.end()
    m = _RU_TEMPERATURE_SCALE.match(text, end)
    if m and m.group("po"):  # "(50 по Цельсию)": the scale without "градусов"
        return _scale_named(m.group("scale")), m.end()
    m = _RU_UNIT_WORD.match(text, end)
    if m:
        info = scan.ru_words.get(m.group("w").lower().replace("ё", "е"))
        if info and info.unit:
            unit = info.unit
            if m.group("sq") and unit in ("kilometer", "meter"):
                unit = f"{unit} ** 2"
            elif m.group("sq"):
                return None, end
            elif unit == "degree_Celsius":
                scale = _RU_TEMPERATURE_SCALE.match(text, m.end())
                if scale:
                    return _scale_named(scale.group("scale")), scale.end()
            return unit, m.end()
    return None, end


def compound_duration(scan: ScanState, num: Number, unit: str, end: int) -> int:
    """Add "30 minutes" to "4 hours" (or seconds to minutes, hours to days): one duration, 4.5 hours."""
    words, per = SMALLER_TIME[unit]
    m = _COMPOUND_TIME.match(scan.text, end)
    if m is None or m.group("unit").lower().rstrip(".") not in words:
        return end
    part = float(m.group("n"))
    if part >= per:
        return end
    num.value += part / per
    num.precision = 1 / per
    return m.end()


def currency_before(scan: ScanState, num: Number, start: int, end: int) -> tuple[str | None, int, int]:
    """A currency sign before the number ("$4bn", "€ 950", "-$5", "US$ 3 per kg"): the unit, with
    the rate after the number, and the new span."""
    text = scan.text
    sign = CURRENCY_BEFORE.match(text, start)
    if sign is None:
        return None, start, end
    unit, million = currency.prefix_code(sign.group(0))
    start = sign.start
    signed = start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in SIGN_AFTER)
    if signed and num.value > 0:  # "-$5"
        start -= 1
        num.value = -num.value
    if million != 1.0 and not num.scaled:  # "MUSD 30"
        apply_scale(scan, num, million, num.end)
    if not num.scaled:
        read_scale(scan, num)
        if num.end > end:
            end = num.end
    unit, end = UNITS.rate(unit, text, end)
    return unit, start, end


def currency_after(scan: ScanState, num: Number, unit: str | None, end: int,
                   prefixed: bool) -> tuple[str | None, int]:
    """A currency written after the number, with what may follow it: "30 MUSD", "75 USD million",
    "3 dollars 50 cents", "thirteen dollars and forty-five cents"."""
    text = scan.text
    if unit is None:
        m = currency.MILLION_AFTER.match(text, end)
        if m is None:
            return None, end
        apply_scale(scan, num, 1e6, num.end)
        return currency.PREFIXES[m.group("code")], m.end()
    if not currency.is_code(unit) or " " in unit:
        return unit, end
    if not num.scaled:
        m = SCALE_AFTER.match(text, end)
        if m and m.group("scale"):  # "75 USD million"
            apply_scale(scan, num, lexicon.SCALES.get(m.group("scale").lower(), 1.0), num.end)
            return unit, m.end()
    if unit in _SUBUNITS and num.value == int(num.value) and num.precision <= 1:
        cents = _subunit(scan, end, prefixed)
        if cents is not None:
            num.value += cents[0] / 100
            num.precision = 0.01
            return unit, cents[1]
    return unit, end


def _subunit(scan: ScanState, pos: int, prefixed: bool) -> tuple[float, int] | None:
    """The cents after a whole amount of money: " 50 cents", " and forty-five cents", and after a
    currency word " 50." (a bare number under 100 that ends the phrase)."""
    text = scan.text
    m = _SUBUNIT_LINK.match(text, pos)
    if m is None:
        return None
    start = m.end()
    if text[start : start + 1].isdigit():
        d = SMALL_INT.match(text, start)
        if d is None or len(d.group(0)) > 2:
            return None
        value, end = float(d.group(0)), d.end()
    else:
        words = parse_english(scan, start) if text[start : start + 1].isalpha() else None
        if words is None or words.value != int(words.value) or words.start != start:
            return None
        value, end = words.value, words.end
    if not 0 < value < 100:
        return None
    word = _SUBUNIT_WORD.match(text, end)
    if word:
        return value, word.end()
    # without "cents", only a number that closes the phrase: "15 dollars 50." but not "15 dollars 50 times"
    return (value, end) if not prefixed and _PHRASE_END.match(text, end) else None
