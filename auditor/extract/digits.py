"""Numbers written in digits: grouping and decimals, fractions, powers of ten, a sign, a tolerance, and the
scale words and letters after them ("1.5 thousand", "$4bn", "15 тысяч")."""

from __future__ import annotations

import math
import re

from . import currency, lexicon, russian, traps
from .context import Before
from .state import CURRENCY_BEFORE, EN_COUNTED_WORD, RU_COUNTED_WORD, SP, Number, ScanState
from .unitwords import UNITS

_I = re.IGNORECASE
VULGAR = "".join(lexicon.VULGAR_FRACTIONS)
# "2,800", "185 180" (plain, no-break or thin spaces), "1.500.000", "2,7", "1.5"
DIGITS = re.compile(
    r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?=,[0-9])"  # continental grouping with a decimal comma: "£9.934,3m"
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"  # Indian grouping: "12,34,567"
    r"|[0-9]{1,3}(?:(?P<sep>[, \u00a0\u202f\u2009])[0-9]{3}(?:(?P=sep)[0-9]{3})*)(?![0-9])"
    r"|[0-9]+)"
    r"(?:(?P<dec>[.,])(?P<frac>[0-9]+)(?![0-9]))?"
)
# after a plain number: "4e14", "9.83e-3" ...
_E_NOTATION = re.compile(r"[eE](?P<exp>[-+−]?[0-9]{1,3})(?![\w]|[.,][0-9])")
# ... "2.48×10−5", "3 x 10^6", "8x2^10", "5×10⁶" (a signed exponent without "^" only after "×") ...
_TIMES_POWER = re.compile(
    rf"{SP}?(?:[x×*·]{SP}?(?P<base>[0-9]{{1,3}})(?:\^|\*\*)(?P<exp>[-−]?[0-9]{{1,3}})"
    rf"|[x×*·]{SP}?10(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|[×·]{SP}?10(?P<signed>[-−][0-9]{{1,3}}))(?![0-9])")
# ... "2^10", "10^6" ...
_POWER = re.compile(r"(?:\^|\*\*)(?P<exp>[-−]?[0-9]{1,3})(?![0-9])")
_SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹−", "-0123456789-")
# ... "1/40", "3/4" (a proper fraction) ...
_SLASH_FRACTION = re.compile(r"[/⁄](?P<den>[0-9]{1,4})(?![0-9]|[.,/⁄][0-9])")  # "1/40", "1⁄2" (U+2044)
# ... "2 1/2", "2½", "2 ½" (a whole number and a fraction) ...
_MIXED_FRACTION = re.compile(
    rf"(?:{SP}|-(?=[0-9][/⁄](?:2|4|8|16|32|64)\b))(?P<num>[0-9]{{1,2}})[/⁄](?P<den>[0-9]{{1,2}})(?![0-9]|[.,/⁄][0-9])"
    rf"|{SP}?(?P<vulgar>[{VULGAR}])")  # ... and Reuters' "10-1/4 pct"
# ... and "± 0.5", "+/- 1e-5" (a tolerance)
_PLUS_MINUS = re.compile(rf"{SP}*(?:±|\+/-|\+/−|\+-){SP}*(?=[0-9])")
SIGN_AFTER = " \u00a0(\n\t"  # a sign belongs to the number after a space or bracket: "(-12°C"
SMALL_INT = re.compile(r"[0-9]{1,4}(?![0-9.,]?[0-9])")  # a ratio's term: "1 to 2"
SCALE_AFTER = re.compile(
    rf"{SP}?(?P<scale>hundred|thousand|million|billion|trillion|lakhs?|crores?|тыс\.|тыс\b|млн\b\.?|млрд\b\.?"
    rf"|трлн\b\.?)(?![a-z])"
    rf"|(?P<short>bn|mln|mn|bln|tn|trn|k|m|b|t)(?![\w])"
    rf"|{SP}(?P<spaced>bn|mln|mn|bln|tn|trn|(?-i:B|M))(?![\w])(?!{SP}*[%$€£0-9])",  # "15 mln", "8 B people"
    _I,
)
# "35m of its Echo devices", "2.7m combined sales", "1.2m tons": a lowercase "m" glued to a number is a
# million unless the words after it are those of a length ("1.8m tall", "the 100m sprint", "30m below")
_METRE_CONTEXT = re.compile(
    rf"(?:-|{SP}*(?:[²³2/^.,;:)]|$)|{SP}+(?:tall|high|long|wide|deep|thick|away|above|below|under|in|from|"
    rf"of{SP}+(?:water|rain|snow|ice|rock|soil|sea|track|road|cable|pipe|wall|fabric|fencing)|sprint|race|dash|"
    rf"hurdles|freestyle|butterfly|backstroke|breaststroke|relay|medley|final|heat|record|mark|metres?|"
    rf"meters?|altitude|depth|radius|diameter|range|distance|length|height|off|up|down|along|across|beneath|"
    rf"underground|high|yacht|boat|wall|tower|champion|champions|championship|title|gold|silver|bronze|medal\w*|"
    rf"runner|runners|specialist|world|olympic|swimmer|event|events|race|races|swim)\b)", _I)
_ARTICLE_BEFORE = Before(rf"\b(?:a|an|the){SP}+", _I, width=5, last=" \u00a0\u202f\u2009".__contains__)
_OF_THOUSANDS = re.compile(rf"{SP}of{SP}(?P<scale>thousands|millions)\b", _I)  # "5 of thousands"
_RU_DECIMAL_BEFORE_SCALE = re.compile(r"[0-9]{1,3},[0-9]{3}")
_RU_SCALE_WORD = re.compile(r"[ \u00a0]+(?:тыс|млн|млрд|трлн|тысяч|миллион|миллиард|триллион)", re.I)
_MIXED_REST = re.compile(rf"{SP}([0-9]{{1,3}})(?![0-9]|[.,][0-9])")  # the "223" of "503 thousand 223"


def parse_digits(scan: ScanState, start: int) -> Number | None:
    """The number written in digits at `start`: grouping, decimals, fractions and powers of ten."""
    text = scan.text
    m = DIGITS.match(text, start)
    if m is None:
        if text[start : start + 1] not in lexicon.VULGAR_FRACTIONS:
            return None
        a, b = lexicon.VULGAR_FRACTIONS[text[start]]
        return Number(start, start + 1, a / b, 1 / b, fraction=True)
    int_part = m.group("int")
    if start and text[start - 1] == "." and int_part.isdigit() and m.group("frac") is None and (
            start == 1 or text[start - 2] in " \u00a0(\n\t-−$€£"):  # ".500 record", ".001 per cent"
        return Number(start - 1, m.end("int"), int(int_part) / 10 ** len(int_part), 10.0 ** -len(int_part))
    digits = int_part.replace(",", "").replace(".", "")
    for ch in " \u00a0\u202f\u2009":
        digits = digits.replace(ch, "")
    value = float(int(digits))
    frac = m.group("frac")
    if frac is not None and m.group("sep") == m.group("dec") and m.group("dec") == ",":
        frac = None  # "1,500,2": keep the grouping, not a decimal
    end = m.end("int")
    if scan.cyrillic and frac is None and _RU_DECIMAL_BEFORE_SCALE.fullmatch(int_part) and \
            _RU_SCALE_WORD.match(text, end):
        # "3,018 миллиарда" is 3.018 billion: in Russian the comma is the decimal mark, and nobody groups
        # the thousands of a figure that a scale word follows
        whole, frac = int_part.split(",")
        return Number(start, end, int(whole) + int(frac) / 1000, 0.001)
    if frac is not None:
        value += int(frac) / 10 ** len(frac)
        precision = 10.0 ** -len(frac)
        end = m.end()
    else:
        stripped = digits.rstrip("0")
        precision = 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0
    num = Number(start, end, value, precision)
    if int_part.isdigit():  # no grouping: "2,800e3" is no notation
        _notation(scan, num, frac is None)
    return num


def parse_signed_digits(scan: ScanState, pos: int) -> Number | None:
    """A number in digits at `pos`, with the sign written before it: the "-34" of "to -34 °C"."""
    sign = scan.text[pos] in "-+−"
    num = parse_digits(scan, pos + sign)
    if num is not None and sign:
        read_sign(scan, num)
        if num.start != pos:
            return None
    return num


def _notation(scan: ScanState, num: Number, integer: bool) -> None:
    """Fractions and powers written after a plain number: "1/40", "2 1/2", "2½", "4e14",
    "2.48×10−5", "8x2^10"."""
    text, end = scan.text, num.end
    if integer:
        m = _SLASH_FRACTION.match(text, end)
        if m:
            a, b = num.value, float(m.group("den"))
            if 0 < a < b:
                num.end, num.value, num.precision, num.fraction = m.end(), a / b, 1 / b, True
            return
        m = _MIXED_FRACTION.match(text, end)
        if m:
            a, b = (float(m.group("num")), float(m.group("den"))) if m.group("den") else \
                lexicon.VULGAR_FRACTIONS[m.group("vulgar")]
            if 0 < a < b:
                num.end, num.value, num.precision = m.end(), num.value + a / b, 1 / b
            return
    mantissa, precision = num.value, num.precision
    m = _E_NOTATION.match(text, end)
    if m:
        base, exp = 10.0, m.group("exp")
    else:
        m = _TIMES_POWER.match(text, end) or _POWER.match(text, end)
        if m is None:
            return
        exp = m.group("exp") or m.group("sup") or m.group("signed")
        base = float(m.groupdict().get("base") or 10)
        if m.re is _POWER:  # "2^10": the number is the base
            base, mantissa, precision = num.value, 1.0, 1.0
    exp = int(exp.translate(_SUPERSCRIPT_DIGITS))
    if base <= 0 or abs(exp) * math.log10(base) > 300:  # "0^5", "1e999": beyond a float
        return
    num.end = m.end()
    if exp >= 0:
        num.value, num.precision = mantissa * base ** exp, precision * base ** exp
    else:  # divide, so that 2.48e-5 is not 2.4800000000000003e-05
        num.value, num.precision = mantissa / base ** -exp, precision / base ** -exp


# a temperature's degree sign, scale letter or word after a number: "–8C", "–8 °C"
_TEMPERATURE_MARK = re.compile(r"[ \u00a0]?(?:[°º]|[CF](?![A-Za-z0-9])|degrees?\b|градус)")


def read_sign(scan: ScanState, num: Number) -> None:
    """A sign glued to the number ("-12°C", "+35 °C", "−2.5%", "$-99.99") when it stands after a space,
    bracket or currency sign."""
    text, start = scan.text, num.start
    if start > 1 and text[start - 1] == "–" and text[start - 2] in SIGN_AFTER and _TEMPERATURE_MARK.match(text, num.end):
        num.start -= 1  # "lows of –8C": a typeset en dash is a minus before a temperature
        num.value = -num.value
        return
    if start and text[start - 1] in "-+−" and (start == 1 or text[start - 2] in SIGN_AFTER
                                               or text[start - 2] in currency.SIGNS):
        num.start -= 1
        if text[start - 1] != "+":
            num.value = -num.value
        return
    minus = traps.MINUS_BEFORE.match(text, start)  # "minus 387", "minus-130 degrees"
    if minus and not traps.NUMBER_BEFORE.test(text, minus.start):  # but "10 minus 3"
        num.start, num.value = minus.start, -num.value


def read_tolerance(scan: ScanState, num: Number) -> None:
    """"9.83e-3 +/- 1e-5", "12 ± 0.5": the tolerance becomes the bounds."""
    m = _PLUS_MINUS.match(scan.text, num.end)
    if m:
        tol = parse_digits(scan, m.end())
        if tol is not None and not tol.fraction:
            read_scale(scan, tol)
            num.tolerance, num.end = tol.value, tol.end


def read_scale(scan: ScanState, num: Number) -> None:
    """Apply scale words after a number: "1.5 thousand", "$4bn", "503 thousand 223", "15 тысяч"."""
    text = scan.text
    m = SCALE_AFTER.match(text, num.end)
    scale = None
    if m:
        if m.group("scale"):
            word = m.group("scale").lower()
            scale = (lexicon.SCALES.get(word) or lexicon.SCALES.get(word.rstrip("s"))
                     or russian.SCALE_ABBREVIATIONS.get(word.rstrip(".").rstrip()))
            if word == "hundred":
                apply_scale(scan, num, 100.0, m.end())
                read_scale(scan, num)  # "4 hundred million"
                return
        elif m.group("spaced"):
            scale = lexicon.SHORT_SCALES.get(m.group("spaced").lower())
        else:
            short = m.group("short").lower()
            after_currency = CURRENCY_BEFORE.test(text, num.start)
            trillion = after_currency and m.group("short") == "T"
            if (short == "m" and not after_currency and m.group("short") == "m"
                    and not _glued_million(scan, num, m.end())):
                scale = None  # "5m" is five metres; "$5m", "35m of its devices", "4.3M sales" are millions
            elif short == "t" and not trillion:
                scale = None  # "5t" is five tonnes, "$2.174T" a trillion
            else:
                scale = lexicon.SHORT_SCALES.get(short)
        if scale:
            end = m.end()
            if m.group("scale") and m.group("scale").endswith(".") and text[end - 1] == "." and (
                    end >= len(text) or text[end:end + 1] in ("", "\n", "\r") or (
                    end + 1 < len(text) and text[end + 1].isupper())):
                end -= 1  # "15 тыс." at a sentence end: the period ends the sentence
            apply_scale(scan, num, scale, end)
            return
    if scan.cyrillic:
        word = RU_COUNTED_WORD.match(text, num.end)
        if word:
            info = scan.ru_words.get(word.group(1).lower().replace("ё", "е"))
            if info and info.scale:
                apply_scale(scan, num, info.scale, word.end())
                return
    m = _OF_THOUSANDS.match(text, num.end)
    if m:
        apply_scale(scan, num, lexicon.SCALES[m.group("scale")[:-1].lower()], m.end())


def _glued_million(scan: ScanState, num: Number, end: int) -> bool:
    """Whether a lowercase "m" glued to a number means a million rather than metres: "35m of its Echo
    devices", "2.7m combined sales", "1.2m tons", but "1.8m tall", "a 10m wall", "the 100m sprint"."""
    text = scan.text
    if _METRE_CONTEXT.match(text, end):
        return False
    if UNITS.match(text, end):
        return True  # "1.2m tons", "2m barrels"
    if num.value >= 1000 or _ARTICLE_BEFORE.test(text, num.start):
        return False
    word = EN_COUNTED_WORD.match(text, end)
    return bool(word) and (word.group(1).lower() == "of" or word.group(1).lower() not in lexicon.COUNTED_STOP)


def apply_scale(scan: ScanState, num: Number, scale: float, end: int) -> None:
    """Multiply `num` by the factor of its scale word, which ends at `end`, and add the smaller parts
    written after it."""
    num.value *= scale
    num.precision *= scale
    num.end = end
    num.scale = scale
    # "503 thousand 223", "1 млрд 200 млн", "1 миллион 203 тысячи": smaller parts add to it
    while num.value == int(num.value):
        m = _MIXED_REST.match(scan.text, num.end)
        if m is None:
            break
        part = Number(m.start(1), m.end(1), float(m.group(1)), 1.0)
        part_scale = _scale_word(scan, part)
        if part_scale and part_scale < num.scale:
            num.value += part.value
            num.end = part.end
            num.precision = part.precision
            continue
        if not part_scale and num.scale >= 1000:
            num.value += part.value
            num.precision = 1.0
            num.end = part.end
        break


def _scale_word(scan: ScanState, part: Number) -> float | None:
    """Apply the scale word after `part` (if any) and return its factor."""
    before = part.value
    read_scale(scan, part)
    return part.value / before if part.value != before and before else None
