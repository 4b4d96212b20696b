"""The extractor: one pass over the text, anchored at digits and number words.

For speed, one compiled regex finds the next place a number can start; everything else (scale words,
ranges, units, qualifiers, traps, the counted noun) is decided by small anchored matches around it, so
the cost grows with the number of numbers, not with the length of the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import currency, lexicon, russian, traps
from .context import Before
from .quantity import Extraction, Ignored, Quantity, kind_of
from .unitwords import UNITS

_I = re.IGNORECASE
_SP = "[ \u00a0\u202f\u2009]"  # a space between the parts of an amount: plain, no-break, thin
_SPACES = re.compile(r"[ \u00a0]+")

# -- where a number can start ----------------------------------------------------------------------------
_VULGAR = "".join(lexicon.VULGAR_FRACTIONS)
_EN_NUMBER_WORDS = (
    list(lexicon.SMALL_NUMBERS) + list(lexicon.SCALES) + ["hundred", "dozen", "tens"]
    + list(lexicon.VAGUE) + list(lexicon.FRACTIONS) + list(lexicon.MULTIPLIER_WORDS) + ["several", "few"]
)


def _anchor_regex(words) -> re.Pattern:
    """Where a number can start in *lowercased* text: a digit or vulgar fraction, or one of `words`
    standing alone. The first-letter lookahead lets the engine skip most positions before trying the
    alternation."""
    words = sorted(set(words), key=len, reverse=True)
    firsts = "".join(sorted({w[0] for w in words}))
    return re.compile(rf"[0-9{_VULGAR}]|(?<!\w)(?=[{firsts}])(?:{'|'.join(words)})(?!\w)")


_ANCHOR_EN = _anchor_regex(_EN_NUMBER_WORDS)

# -- numbers in digits ------------------------------------------------------------------------------------
# "2,800", "185 180" (plain, no-break or thin spaces), "1.500.000", "2,7", "1.5"
_DIGITS = re.compile(
    r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])"
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"  # Indian grouping: "12,34,567"
    r"|[0-9]{1,3}(?:(?P<sep>[, \u00a0\u202f\u2009])[0-9]{3}(?:(?P=sep)[0-9]{3})*)(?![0-9])"
    r"|[0-9]+)"
    r"(?:(?P<dec>[.,])(?P<frac>[0-9]+)(?![0-9]))?"
)
# after a plain number: "4e14", "9.83e-3" ...
_E_NOTATION = re.compile(r"[eE](?P<exp>[-+−]?[0-9]{1,3})(?![\w]|[.,][0-9])")
# ... "2.48×10−5", "3 x 10^6", "8x2^10", "5×10⁶" (a signed exponent without "^" only after "×") ...
_TIMES_POWER = re.compile(
    rf"{_SP}?(?:[x×*·]{_SP}?(?P<base>[0-9]{{1,3}})(?:\^|\*\*)(?P<exp>[-−]?[0-9]{{1,3}})"
    rf"|[x×*·]{_SP}?10(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|[×·]{_SP}?10(?P<signed>[-−][0-9]{{1,3}}))(?![0-9])")
# ... "2^10", "10^6" ...
_POWER = re.compile(r"(?:\^|\*\*)(?P<exp>[-−]?[0-9]{1,3})(?![0-9])")
_SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹−", "-0123456789-")
# ... "1/40", "3/4" (a proper fraction) ...
_SLASH_FRACTION = re.compile(r"[/⁄](?P<den>[0-9]{1,4})(?![0-9]|[.,/⁄][0-9])")  # "1/40", "1⁄2" (U+2044)
# ... "2 1/2", "2½", "2 ½" (a whole number and a fraction) ...
_MIXED_FRACTION = re.compile(
    rf"(?:{_SP}|-(?=[0-9][/⁄](?:2|4|8|16|32|64)\b))(?P<num>[0-9]{{1,2}})[/⁄](?P<den>[0-9]{{1,2}})(?![0-9]|[.,/⁄][0-9])"
    rf"|{_SP}?(?P<vulgar>[{_VULGAR}])")  # ... and Reuters' "10-1/4 pct"
# ... and "± 0.5", "+/- 1e-5" (a tolerance)
_PLUS_MINUS = re.compile(rf"{_SP}*(?:±|\+/-|\+/−|\+-){_SP}*(?=[0-9])")
_SIGN_AFTER = " \u00a0(\n\t"  # a sign belongs to the number after a space or bracket: "(-12°C"
_DIGIT_RUN = re.compile(r"[0-9]*")
_LONG_NUMBER = re.compile(r"[0-9]{31,}|[0-9]{1,3}(?:(?P<sep>[, .\u00a0\u202f\u2009])[0-9]{3})(?:(?P=sep)[0-9]{3}){9,}")
# Terminal control sequences a hostile document may carry: OSC (ESC ] ... BEL or ST), CSI (ESC [ ...),
# and their one-character C1 forms (U+009D, U+009B)
_CONTROL_SEQUENCE = re.compile(r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?"
                               r"|(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]?")
_YEAR = re.compile(r"(1[5-9][0-9]{2}|20[0-9]{2})(?![0-9]|[.,][0-9])")
_DIGIT_COUNT_AFTER = re.compile(r"[- ](?:digits?|figures?)\b", re.I)
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_SMALL_INT = re.compile(r"[0-9]{1,4}(?![0-9.,]?[0-9])")  # a ratio's term: "1 to 2"

# -- scale words -------------------------------------------------------------------------------------------
_SCALE_AFTER = re.compile(
    rf"{_SP}?(?P<scale>hundred|thousand|million|billion|trillion|lakhs?|crores?|тыс\.|тыс\b|млн\b\.?|млрд\b\.?"
    rf"|трлн\b\.?)(?![a-z])"
    rf"|(?P<short>bn|mln|mn|bln|tn|trn|k|m|b|t)(?![\w])"
    rf"|{_SP}(?P<spaced>bn|mln|mn|bln|tn|trn|(?-i:B|M))(?![\w])(?!{_SP}*[%$€£0-9])",  # "15 mln", "8 B people"
    _I,
)
# "35m of its Echo devices", "2.7m combined sales", "1.2m tons": a lowercase "m" glued to a number is a
# million unless the words after it are those of a length ("1.8m tall", "the 100m sprint", "30m below")
_METRE_CONTEXT = re.compile(
    rf"(?:-|{_SP}*(?:[²³2/^.,;:)]|$)|{_SP}+(?:tall|high|long|wide|deep|thick|away|above|below|under|in|from|"
    rf"of{_SP}+(?:water|rain|snow|ice|rock|soil|sea|track|road|cable|pipe|wall|fabric|fencing)|sprint|race|dash|"
    rf"hurdles|freestyle|butterfly|backstroke|breaststroke|relay|medley|final|heat|record|mark|metres?|"
    rf"meters?|altitude|depth|radius|diameter|range|distance|length|height|off|up|down|along|across|beneath|"
    rf"underground|high|yacht|boat|wall|tower|champion|champions|championship|title|gold|silver|bronze|medal\w*|"
    rf"runner|runners|specialist|world|olympic|swimmer|event|events|race|races|swim)\b)", _I)
_NUMBER_PAIR_AFTER = re.compile(r" ?[-–:] ?[0-9]")
_OF_AFTER = re.compile(rf"{_SP}+of\b", _I)
_THE_BEFORE = Before(rf"\bthe{_SP}+", _I, width=4, last=" ".__eq__)
_ARTICLE_BEFORE = Before(rf"\b(?:a|an|the){_SP}+", _I, width=5, last=" \u00a0\u202f\u2009".__contains__)
_OF_THOUSANDS = re.compile(rf"{_SP}of{_SP}(?P<scale>thousands|millions)\b", _I)  # "5 of thousands"
_MIXED_REST = re.compile(rf"{_SP}([0-9]{{1,3}})(?![0-9]|[.,][0-9])")  # the "223" of "503 thousand 223"

# -- numbers in words ------------------------------------------------------------------------------------
_EN_WORD = re.compile(rf"(?:{'|'.join(sorted(set(_EN_NUMBER_WORDS), key=len, reverse=True))}|a|an)\b", _I)
# between number words: "twenty-three", "a hundred and two", "two hundred & forty",
# "three million, two hundred"
_WORD_SEP = re.compile(r"(?P<comma>,)?[ \u00a0]+(?:(?P<and>and|&)[ \u00a0]+)?|-")
_FRACTION_AFTER = re.compile(rf"(?:{_SP}+|-)({lexicon.alternation(lexicon.FRACTIONS)})\b", _I)  # "two thirds"
# "a third of", "a third.": a fraction rather than an ordinal ("a third term")
_FRACTION_USE = re.compile(rf"{_SP}+of\b|{_SP}*(?:[.,;:!?)]|$)|{_SP}+(?:more|less|fewer)\b", _I)
_FRACTION_SCALE = re.compile(rf"{_SP}+(?:a{_SP}+)?(?P<scale>thousand|million|billion|trillion)\b", _I)
_HALF_OF = re.compile(rf"{_SP}+(?:of|a|an|the|its|their|his|her|million|billion)\b", _I)  # "half of"
_SCALE_PLURAL_AFTER = re.compile(
    rf"{_SP}+(?:of{_SP}+)?(?P<scale>hundreds?|thousands?|millions?|billions?|dozens?)"
    rf"(?:{_SP}+(?:of{_SP}+)?(?P<scale2>thousands?|millions?))?\b", _I)  # "several hundred (thousand)"
# "hundreds of thousands"
_OF_SCALES = re.compile(rf"{_SP}+of{_SP}+(?P<scale>thousands|millions|billions)\b", _I)
_LETTERS = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_CYRILLIC_LETTERS = re.compile(r"[А-Яа-яЁё]+")
_CYRILLIC_START = re.compile(r"[а-яё]")
_RU_WORD_AFTER = re.compile(r"[ \u00a0]+([А-Яа-яЁё]+)")

# -- ranges, changes, multipliers, ratios -------------------------------------------------------------------
# "4-5", "4 – 5", "17 to 35", "8- to 16-meter", "between 10 and 12", "от 5 до 10"
_RANGE_SEP = re.compile(rf"-?{_SP}+(?:up{_SP}+)?(?P<word>to|and|or|до|и|или){_SP}+|{_SP}?(?P<dash>[-–—]){_SP}?", _I)
# "men aged 18 to 34": an age range needs no unit
_AGED_BEFORE = Before(rf"\b(?:aged|ages|age|between the ages of|в возрасте){_SP}+", _I, width=22,
                     last=" \u00a0\u202f\u2009".__contains__)
_TO_NUMBER = re.compile(rf"{_SP}+(?:to|до){_SP}+(?=[0-9])", _I)  # the new amount of a change
_TIMES = re.compile(
    rf"{_SP}?(?P<times>times|-fold|fold)\b(?:{_SP}+(?P<cmp>more|less|fewer|higher|lower|larger|smaller|bigger"
    rf"|greater|as{_SP}+(?:many|much|large|high|big)))?",
    _I,
)
_RU_TIMES = re.compile(
    rf"{_SP}?(?P<times>раза?)\b(?:{_SP}+(?P<cmp>больше|меньше|выше|ниже|дороже|дешевле|сильнее|слабее|"
    rf"чаще|реже|быстрее|медленнее|превышает|превысил\w*))?",
    _I,
)
_TIMES_WORDS = frozenset({"twice", "thrice", "дважды", "трижды"})  # "twice a week": a frequency
_RATIO_COLON = re.compile(rf"{_SP}?:{_SP}?(?P<b>[0-9]{{1,3}})(?![0-9:])")
_RATIO_LINK = re.compile(
    rf"(?P<between>(?:{_SP}+[\w-]+){{0,3}}?){_SP}+(?P<link>to|for{_SP}+every|for{_SP}+each|against|к"
    rf"|на{_SP}+каждых|на{_SP}+каждого|приход(?:ится|ятся|илось|илась|ились))(?={_SP})",
    _I,
)
_IN_RATIO = re.compile(rf"{_SP}+in{_SP}+(?=[a-z0-9])", _I)  # "one in four"

# -- units, currencies, qualifiers after the number ----------------------------------------------------------
_DURATIONS = frozenset({"minute", "hour", "day", "week", "month", "year", "decade", "century"})
_TRAILING_QUALIFIER = re.compile(
    rf"{_SP}+(?P<q>at least|at most|or more|or less|at the most|at the least|or over|or older|or under|or younger)\b", _I)
_RU_ABBREVIATED_UNIT = re.compile(
    r"[ \u00a0]?(?P<abbr>кв\.?[ \u00a0]?км|кв\.?[ \u00a0]?м|км/ч|м/с|км²|км2|м²|км|мм|см|"
    r"га|кг|млн|мл|т|м|л|ч|мин|сек|руб|долл)(?P<dot>\.)?(?![А-Яа-яЁё0-9])")
_RU_SQUARE = re.compile(r"кв\.? ?")
_RU_POUND_STERLING = re.compile(r"[ \u00a0]+фунт\w*[ \u00a0]+стерлингов\b", re.I)
_RU_UNIT_WORD = re.compile(r"[ \u00a0]+(?P<sq>квадратн[а-я]+[ \u00a0]+)?(?P<w>[А-Яа-яЁё]+)")

# -- the counted noun --------------------------------------------------------------------------------------
_SKIP_PARENS = re.compile(r"[ \u00a0]*(?:\((?:!|\?|!!|sic)\)[ \u00a0]*)?")  # "1,500 (!) military personnel"
_OF_THE = re.compile(r"of[ \u00a0]+(?:the[ \u00a0]+)?", _I)
_LATIN_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z0-9]+)*")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")
_CYRILLIC_ACRONYM = re.compile(r"[А-ЯЁ]{2,6}")
_CASUALTY_WORDS = frozenset({"dead", "wounded", "injured", "killed"})
_EN_COUNTED_WORD = re.compile(r"[ \u00a0]+([A-Za-z][\w'’]*(?:-[A-Za-z]+)*)")
_RU_COUNTED_WORD = re.compile(r"[ \u00a0]+([А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?)")


# -- what stands right before the number (matched reversed: see context.py) ----------------------------------
class _QualifierBefore:
    """The qualifier phrase right before a number ("at least ", "не более "): one `Before` pattern with
    a group per phrase, longest first so that "no more than" wins over "more than"."""

    def __init__(self, pairs):
        phrases = sorted(((p, name) for name, alt in pairs for p in alt.split("|")), key=lambda x: -len(x[0]))
        groups = "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(phrases))
        self.pattern = Before(rf"(?:^|(?<=[\s(\[,;:\"«—-]))(?:{groups}){_SP}*", _I,
                              last=" \u00a0\u202f\u2009.~∼≈<>=-".__contains__)
        self.names = {f"q{i}": name for i, (_, name) in enumerate(phrases)}

    def match(self, text: str, pos: int) -> tuple[str, int, str] | None:
        """(qualifier, start of the phrase, the phrase) or None."""
        m = self.pattern.match(text, pos)
        return None if m is None else (self.names[m.lastgroup], m.start, m.group(m.lastgroup))


_QUALIFIER_EN = _QualifierBefore(lexicon.QUALIFIERS)
_QUALIFIER_RU = _QualifierBefore(russian.QUALIFIERS)
_AFTER_SP = " \u00a0\u202f\u2009".__contains__  # `last` of a pattern ending in {_SP}
_CURRENCY_BEFORE = currency.BEFORE
_RANGE_START = Before(rf"(?:^|(?<=[\s(]))(?P<word>from|between|от|с|со){_SP}+", _I, last=_AFTER_SP)
_NUMBER_THEN_DO = Before(r"[0-9][^\w]*\w*\s+до\s*", _I)  # "с 40 до 60": "до" means "to"
_BY_BEFORE = Before(r"\bby\s+", _I, width=6, last=str.isspace)  # "fell by 1.8 years to 76.4 years"
_LETTER_DASH_BEFORE = Before(r"[A-Za-zА-Яа-я]-", width=2, last="-".__eq__)  # "F-16-17"
_LINE_START = Before(r"(?:^|[\r\n])[ \t]*", last=" \t\r\n".__contains__)
_NAME_BEFORE = Before(r"[\w\"”»']+ ", width=30, last=" ".__eq__)  # "IS 1", "Islamic State" 1
_RATIO_WORD_BEFORE = Before(r"(?:ratio|rate|odds|scale|соотношени\w*|пропорци\w*)\W*", _I)  # "a ratio of 3:2"
_VAGUE_LEFT = Before(rf"(?:^|(?<=[\s(]))(?P<word>a{_SP}+few|several|несколько|many|tens{_SP}+of){_SP}+", _I,
                     width=14, last=_AFTER_SP)
_A_BEFORE = Before(rf"(?:^|(?<=[\s(]))(?:a|an|one){_SP}+", _I, width=6, last=_AFTER_SP)  # "a hundred"
_A_FEW_BEFORE = Before(rf"\ba{_SP}+", _I, width=3, last=_AFTER_SP)
_RU_V_BEFORE = Before(r"\bв[ \u00a0]+", width=3, last=_AFTER_SP)  # "в три раза"
_SMALL_WORD_BEFORE = Before(rf"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine){_SP}+", _I,
                            width=12, last=_AFTER_SP)  # "two thirds"
_AND_A_BEFORE = Before(r"\band\s+a\s+", _I, width=12, last=str.isspace)  # "two and a half"
# "the half of", "the second half": no amount
_NOT_HALF_OF_BEFORE = Before(r"\b(?:first|second|the|latter|other)\s+", _I, width=12, last=str.isspace)
_RU_WORD_BEFORE = Before(r"(?P<n>[А-Яа-яЁё]+)[ \u00a0]+", width=12, last=_AFTER_SP)  # "две трети"


@dataclass(slots=True)
class _Number:
    """A parsed number before qualifiers and units: [start, end), value and the step of its last digit."""

    start: int
    end: int
    value: float
    precision: float
    words: bool = False
    vague: tuple[float, float] | None = None
    fraction: bool = False
    multiplier: bool = False
    scale: float = 1.0  # the scale word's factor: 1000 for "5 thousand"
    lone_one: bool = False  # "one" on its own: an amount with a unit, in a ratio, or a determiner count
    tolerance: float | None = None  # "9.83 ± 0.01"

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0


class Scanner:
    """Finds the quantities in one text: `Scanner(text).run()` (or `extract_text(text)`)."""

    def __init__(self, text: str):
        self.text = text
        self.cyrillic = russian.CYRILLIC.search(text) is not None
        self.quantities: list[Quantity] = []
        self.ignored: list[Ignored] = []
        self.anchor = _ANCHOR_EN
        if self.cyrillic:
            self.ru_words = russian.word_forms()
            self.anchor = _russian_anchor()

    def _anchor_text(self) -> str:
        """The text the anchor regex scans: lowercased, and "ё" read as "е" ("трёх" is looked up as
        "трех"); both keep every offset, else the text is used as it is with a case-blind anchor."""
        text = self.text
        low = text.lower()
        if len(low) != len(text):  # a few characters ("İ") lowercase to two
            self.anchor = re.compile(self.anchor.pattern, _I)
            low = text
        return low.replace("ё", "е") if self.cyrillic else low

    # -- the main loop -------------------------------------------------------------------------------
    def run(self) -> Extraction:
        """Scan the text once, from anchor to anchor; each reader returns where the scan goes on."""
        text, pos = self.text, 0
        anchor_text = self._anchor_text()
        search = self.anchor.search
        controls = _control_sequences(text)
        while True:
            m = search(anchor_text, pos)
            if m is None:
                break
            start = m.start()
            if controls and start >= controls[0][0]:
                while controls and controls[0][1] <= start:
                    controls.pop(0)
                if controls and controls[0][0] <= start:  # "ESC ]52;c;..." : nothing in a control sequence
                    pos = self._ignore(controls[0][0], controls.pop(0)[1], "control sequence")
                    continue
            if text[start] < "A" or text[start] in _VULGAR:  # a digit or "½"
                end = self._at_digits(start)
            else:
                end = self._at_word(start, m.end())
            pos = max(end, m.end())
        return Extraction(self.quantities, self.ignored)

    def _ignore(self, start: int, end: int, reason: str) -> int:
        self.ignored.append(Ignored(start, end, self.text[start:end], reason))
        return end

    # -- numbers written in digits ---------------------------------------------------------------------
    def _at_digits(self, start: int) -> int:
        """A number in digits at `start`: a trap (date, year, designation ...) or an amount."""
        text = self.text
        run = _LONG_NUMBER.match(text, start)
        if run:  # 31 digits or more (1e30): a checksum, key or test string, never an amount in news
            return self._ignore(start, run.end(), "long number")
        trap = self._digit_trap(start)
        if trap is not None:
            return trap
        num = self._digits(start)
        if num is None:
            return start + 1
        after = num.end
        # glued to letters on the right: "851c06dc5d10", "28399944.html" (but "10k", "4bn", "12km", "5th")
        if after < len(text) and (text[after].isalpha() or (text[after] == "." and after + 1 < len(text)
                                                            and text[after + 1].isalpha())):
            ordinal = traps.ORDINAL_SUFFIX.match(text, after)
            if ordinal:
                return self._ignore(start, ordinal.end(), "ordinal")
            if not (_SCALE_AFTER.match(text, after) or UNITS.match(text, after)
                    or _TIMES.match(text, after) or text[after] == "."):
                return self._ignore(start, traps.glued_token_end(text, after), "identifier")
            if text[after] == "." and text[after + 1 : after + 2].isalpha() and not text[after + 1].isupper():
                return self._ignore(start, traps.glued_token_end(text, after), "identifier")
        if self.cyrillic and text.startswith("-", after):
            if traps.RU_AGE_ADJECTIVE.match(text, after) and num.value <= 150:
                return self._age(start, num.end)  # "17-летней", "29-летнему сержанту"
            m = traps.RU_SCALE_ADJECTIVE.match(text, after)
            if m:  # "45-тысячного стадиона": an amount of 45,000 in the adjective
                scale = 1e3 if m.group(1).lower().startswith("тысяч") else 1e6
                self._apply_scale(num, scale, m.end())
                return self._finish(num)
        if text.startswith("-", after) and traps.ORDINAL_SUFFIX.match(text, after) and self.cyrillic:
            m = traps.ORDINAL_SUFFIX.match(text, after)
            return self._ignore(start, m.end(), "ordinal")
        self._sign(num)
        self._scale(num)
        self._tolerance(num)
        return self._finish(num)

    def _tolerance(self, num: _Number) -> None:
        """"9.83e-3 +/- 1e-5", "12 ± 0.5": the tolerance becomes the bounds."""
        m = _PLUS_MINUS.match(self.text, num.end)
        if m:
            tol = self._digits(m.end())
            if tol is not None and not tol.fraction:
                self._scale(tol)
                num.tolerance, num.end = tol.value, tol.end

    def _sign(self, num: _Number) -> None:
        """A sign glued to the number ("-12°C", "+35 °C", "−2.5%", "$-99.99") when it stands after a space,
        bracket or currency sign."""
        start = num.start
        if start and self.text[start - 1] in "-+−" and (start == 1 or self.text[start - 2] in _SIGN_AFTER
                                                         or self.text[start - 2] in currency.SIGNS):
            num.start -= 1
            if self.text[start - 1] != "+":
                num.value = -num.value
            return
        minus = traps.MINUS_BEFORE.match(self.text, start)  # "minus 387", "minus-130 degrees"
        if minus and not traps.NUMBER_BEFORE.test(self.text, minus.start):  # but "10 minus 3"
            num.start, num.value = minus.start, -num.value

    def _digits(self, start: int) -> _Number | None:
        """The number written in digits at `start`: grouping, decimals, fractions and powers of ten."""
        text = self.text
        m = _DIGITS.match(text, start)
        if m is None:
            if text[start : start + 1] not in lexicon.VULGAR_FRACTIONS:
                return None
            a, b = lexicon.VULGAR_FRACTIONS[text[start]]
            return _Number(start, start + 1, a / b, 1 / b, fraction=True)
        int_part = m.group("int")
        if start and text[start - 1] == "." and int_part.isdigit() and m.group("frac") is None and (
                start == 1 or text[start - 2] in " \u00a0(\n\t-−$€£"):  # ".500 record", ".001 per cent"
            return _Number(start - 1, m.end("int"), int(int_part) / 10 ** len(int_part), 10.0 ** -len(int_part))
        digits = int_part.replace(",", "").replace(".", "")
        for ch in " \u00a0\u202f\u2009":
            digits = digits.replace(ch, "")
        value = float(int(digits))
        frac = m.group("frac")
        if frac is not None and m.group("sep") == m.group("dec") and m.group("dec") == ",":
            frac = None  # "1,500,2": keep the grouping, not a decimal
        end = m.end("int")
        if frac is not None:
            value += int(frac) / 10 ** len(frac)
            precision = 10.0 ** -len(frac)
            end = m.end()
        else:
            stripped = digits.rstrip("0")
            precision = 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0
        num = _Number(start, end, value, precision)
        if int_part.isdigit():  # no grouping: "2,800e3" is no notation
            self._notation(num, frac is None)
        return num

    def _notation(self, num: _Number, integer: bool) -> None:
        """Fractions and powers written after a plain number: "1/40", "2 1/2", "2½", "4e14",
        "2.48×10−5", "8x2^10"."""
        text, end = self.text, num.end
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

    def _digit_trap(self, start: int) -> int | None:
        """If the number at `start` is a date, time, year, designation ..., record it and return its end.

        Each trap is tried only where the shape of the digits allows it (how many digits, the character
        after them), so a plain "2,800" costs a few comparisons rather than a dozen regex matches."""
        text = self.text
        prev = text[start - 1] if start else " "
        run_end = _DIGIT_RUN.match(text, start).end()
        run, nxt = run_end - start, text[run_end : run_end + 1]  # "16: 04" -> 2, ":"
        if run <= 2 and ":" in text[run_end : run_end + 2]:
            end = self._clock_time(start, prev)
            if end is not None:
                return end
        if (prev.isalpha() or prev == "_" or prev in "-." and start >= 2 and text[start - 2].isalpha() or (
                prev == "." and start >= 2 and text[start - 2].isalnum() and not text[start - 2].isdigit())
                ) and not _CURRENCY_BEFORE.test(text, start) and not traps.PREFIX_WORD_BEFORE.test(text, start):
            # "USD10m", "RM23.50", "sub-7 nanometer", "minus-130 degrees", "her now-18 month-old" are amounts
            return self._glued_to_word(start, prev)
        if prev == "-" and start >= 2 and text[start - 2] == " ":
            word = traps.WORD_BEFORE.match(text, start - 1)
            if word and traps.model_word(word.group(1)):  # "COVID -19"
                return self._ignore(start - 1, traps.glued_token_end(text, start), "designation")
        if run <= 2 and (nxt in ".: " or nxt.isalpha()):
            m = traps.TIME_AMPM.match(text, start)
            if m:
                return self._ignore(start, m.end(), "time")
        if run <= 2 and nxt == ".":
            m = traps.TIME_DOT.match(text, start)
            if m and traps.TIME_DOT_BEFORE.test(text, start) and not self._amount_follows(m.end()):
                return self._ignore(start, m.end(), "time")  # "at 14.30", but "from 6.29%" is an amount
        if (run <= 2 and nxt in "./") or (run == 4 and nxt == "-"):
            m = traps.DATE_NUMERIC.match(text, start) or traps.NAMED_DATE.match(text, start)
            if m is None and nxt == "/" and traps.DATE_WORD_BEFORE.test(text, start):
                m = traps.DATE_SLASH.match(text, start)
            if m:
                return self._ignore(start, m.end(), "date")
        m = traps.MONTH_BEFORE.match(text, start)
        if m:
            d = traps.DATE_AFTER_MONTH.match(text, start)
            if d:
                return self._ignore(m.start, d.end(), "date")
        if run <= 2 and (nxt in " -–" or nxt.isalpha()):
            m = traps.DATE_DAY_MONTH.match(text, start)
            if m:
                return self._ignore(start, m.end(), "date")
        if run <= 4 and nxt in " -(":
            m = traps.PHONE.match(text, start)
            plus = prev == "+"
            if m and (m.group(0).count("-") >= 2 or "(" in m.group(0) or plus):
                if sum(c.isdigit() for c in m.group(0)) >= 7:
                    return self._ignore(start - plus, m.end(), "identifier")
        if ((run <= 3 and nxt in ".)") or (run == 1 and nxt == " ")) and _LINE_START.test(text, start):
            m = traps.LIST_ITEM.match(text, start)
            if m:
                return self._ignore(start, start + len(m.group(0).split(".")[0].split(")")[0]), "list")
            m = traps.FOOTNOTE_LINE_START.match(text, start)
            if m:
                return self._ignore(start, start + 1, "footnote")
        if self._footnote(start, prev):
            return self._ignore(start, start + 1, "footnote")
        if run <= 3 and nxt in ":-–" and not prev.isdigit():
            m = traps.SCORE.match(text, start)
            if m and self._is_score(m, start):
                return self._ignore(start, m.end(), "score")
        if run <= 3 and prev == " " and text[start - 2 : start - 1] == ",":
            m = traps.AGE_APPOSITION.match(text, start)
            if m and int(m.group(1)) <= 120 and traps.NAME_COMMA_BEFORE.test(text, start):
                return self._age(start, m.end(1))  # "Senard, 65, now faces"
        if prev == " " and text[start - 2 : start - 1] in ("D", ".", "C", "E") and traps.ERA_BEFORE.test(text, start):
            m = traps.ERA_YEARS.match(text, start)
            return self._ignore(start, m.end(), "year")  # "A.D. 1000 and 1260"
        if run == 4:
            m = traps.YEAR_RANGE.match(text, start)
            if m and _year_like(m.group(0)):
                return self._ignore(start, m.end(), "year")
            m = traps.CLOCK_ZONE.match(text, start)
            if m:
                return self._ignore(start, m.end(), "time")  # "0401 GMT"
        if nxt in "s'’-":
            m = traps.DECADE.match(text, start)
            if m:
                return self._ignore(start, m.end(), "year")
        end = self._named_number(start)
        if end is not None:
            return end
        if run == 4:
            m = _YEAR.match(text, start)
            if m and self._is_year(start, m.end()):
                return self._ignore(start, m.end(), "year")
            if text.startswith("21", start) and traps.FUTURE_YEAR_BEFORE.test(text, start):
                return self._ignore(start, start + 4, "year")  # "by 2120"
        return None

    def _age(self, start: int, end: int) -> int:
        """An age written without its unit ("Senard, 65,", "aged 94", "29-летнему"): a duration in years."""
        value = float(_DIGITS.match(self.text, start).group(0))
        self.quantities.append(Quantity(start=start, end=end, text=self.text[start:end], value=value, low=value,
                                        high=value, qualifier="exact", unit="year", kind="measure", precision=1.0))
        return end

    def _is_score(self, m: re.Match, start: int) -> bool:
        """Whether "2-2", "2-0 down", "115:113", "0:2", "со счётом 3:1" is a score: equal ends, a zero end of
        a colon pair, three-digit ends, or a word of sport next to it (a range or ratio otherwise)."""
        a, b, sep = int(m.group("a")), int(m.group("b")), m.group("sep")
        if traps.SCORE_WORD_BEFORE.test(self.text, start) or traps.SCORE_WORD_AFTER.match(self.text, m.end()):
            return True
        if traps.SCORE_SEQUENCE.match(self.text, m.end()):
            return True  # tennis sets: "4-6 6-3 6-4"
        if sep == ":":
            return a == 0 or b == 0 or a == b or a >= 100 or b >= 100
        return a == b and not _RANGE_START.test(self.text, start)

    def _clock_time(self, start: int, prev: str) -> int | None:
        """"16: 04", "00:07" (but not the ratio "3:2" after "a ratio of")."""
        text = self.text
        m = traps.TIME.match(text, start)
        if m is None or prev.isdigit():
            return None
        hours, _, minutes = m.group(0).partition(":")
        if _RATIO_COLON.match(text, start + len(hours.rstrip())) and len(
                m.group(0).split(":")[-1].split(".")[0].strip()) != 2:
            return None
        if (m.group(0).count(":") == 1 and minutes.strip()[:1] != "0" and len(hours.strip()) == 1
                and _RATIO_WORD_BEFORE.test(text, start)):
            return None
        return self._ignore(start, m.end(), "time")

    def _glued_to_word(self, start: int, prev: str) -> int:
        """Digits glued to a word on their left: "M1A1", "G20", "H5N1", "S-75", "MiG-29" are designations;
        "Vadim237", "kenig1", "report.2" identifiers."""
        text = self.text
        if prev.isalpha() or prev == "_":
            token_start = start
            while token_start > 0 and (text[token_start - 1].isalnum() or text[token_start - 1] == "_"):
                token_start -= 1
            token = text[token_start : traps.glued_token_end(text, start)]
            letters = "".join(c for c in token if c.isalpha())
            reason = "designation" if token[0].isupper() and len(letters) <= 4 else "identifier"
            return self._ignore(token_start, token_start + len(token), reason)
        if prev == "-":
            word = traps.WORD_BEFORE.match(text, start - 1)
            w_start = start - 1 - len(word.group(1)) if word else start
            return self._ignore(w_start, traps.glued_token_end(text, start), "designation")
        return self._ignore(start, traps.glued_token_end(text, start), "identifier")

    def _named_number(self, start: int) -> int | None:
        """A number that names a thing: "Article 51", "№ 5", "Boeing 747", "Core i7 860", "English 101",
        "the Big 12", "S&P 500", "Radio 4"."""
        text = self.text
        word = traps.WORD_BEFORE.match(text, start)
        digits = _DIGITS.match(text, start) if text[start].isdigit() else None
        digits_end = digits.end() if digits else start + 1
        whole = digits is not None and digits.group("frac") is None
        if whole and ((word and traps.identifier_word(word.group(1)) and not self._amount_follows(digits_end))
                      or traps.NUMERO_BEFORE.test(text, start)):
            return self._ignore(start, digits_end, "identifier")
        if word and (traps.model_word(word.group(1)) or self._model_number(word.group(1), start, digits_end)):
            return self._ignore(start, traps.glued_token_end(text, start), "designation")
        quoted = text[digits_end : digits_end + 1] in traps.CLOSING_QUOTES
        if quoted and traps.QUOTED_NAME_BEFORE.test(text, start):
            return self._ignore(start, digits_end, "identifier")  # the course "English 101"
        if not whole:
            return None
        if _MODEL_VARIANT_AFTER.match(text, digits_end) and digits_end - start >= 2:
            return self._ignore(start, digits_end, "designation")  # "several 737 Max jets"
        if word is None:
            if text[start - 1 : start] in traps.OPENING_QUOTES:
                m = traps.QUOTED_NUMBER.match(text, start)
                if m:
                    return self._ignore(start, m.end(), "name")  # the channel «1+1», the series "24"
            return None
        name = word.group(1)
        if name[0].isupper():
            if self._name_with_number(word, start, digits_end):
                return self._ignore(word.start, digits_end, "name")
            if name.isupper() and len(name) >= 2 and name.isascii() and _NUMBER_PAIR_AFTER.match(text, digits_end):
                return self._ignore(word.start, traps.glued_token_end(text, start), "designation")  # "ATR 72-500"
            return None
        lowered = name.lower()
        if lowered in ("top", "number") and traps.RANK_BEFORE.test(text, start) \
                and not self._amount_follows(digits_end):
            return self._ignore(start, digits_end, "ordinal")  # "a top 10 single"
        if lowered == "last" and traps.LAST_ROUND_BEFORE.test(text, start) and not self._amount_follows(digits_end) \
                and not self._plural_noun_after(digits_end):
            return self._ignore(start, digits_end, "name")  # "in the last 16": a round
        return None

    def _amount_follows(self, end: int) -> bool:
        """Whether what follows a number makes it an amount: a unit, scale word, "%" or currency."""
        text = self.text
        return bool(UNITS.match(text, end) or _SCALE_AFTER.match(text, end) or currency.MILLION_AFTER.match(text, end))

    def _name_with_number(self, word, start: int, end: int) -> bool:
        """A proper name ending in a number: "the Big 12", "Game 7", "Radio 4", "S&P 500", "FTSE 100
        index", "Planet 9 citizen scientists": a capitalised word inside a sentence right before a
        whole number that nothing after it makes an amount (no unit, no scale, no plural noun it counts).
        Latin script only: Russian capitalises no common nouns either, but puts cases on names
        ("в Москве 12 человек")."""
        text = self.text
        name = word.group(1)
        if not (name[:1].isupper() and name.isascii()) or end - start > 4 or text[start - 1 : start] != " ":
            return False
        if name.lower() in lexicon.NOT_NAMES or _CURRENCY_BEFORE.test(text, start):
            return False  # "About 300", "In 2019", "The 12 ...", "USD 200"
        if _SENTENCE_START.test(text, word.start) and name[1:].islower():
            return False  # "Officials 12 ...": a sentence's first word; "FTSE 100 closed" is still a name
        if self._amount_follows(end) or _TIMES.match(text, end) or _NUMBER_PAIR_AFTER.match(text, end):
            return False  # "beat Charlton 2-1" is a score
        nxt = _EN_COUNTED_WORD.match(text, end)
        if nxt is None:
            return True
        follower = nxt.group(1)
        if follower[0].isupper() or follower.lower() in lexicon.COUNTED_STOP:
            return True  # "iPhone 11 Pro", "Game 6 after"
        return not (follower.lower() in lexicon.COUNT_NOUNS or (follower.endswith("s") and not follower.endswith("ss")))

    def _model_number(self, word: str, start: int, end: int) -> bool:
        """A model number after a model token, and not followed by what it would count: "Core i7 860
        Processor"."""
        if end - start > 4 or not traps.model_token(word):
            return False
        nxt = _EN_COUNTED_WORD.match(self.text, end)
        return not (nxt and nxt.group(1)[0].islower()) and not UNITS.match(self.text, end)

    def _footnote(self, start: int, prev: str) -> bool:
        """A footnote marker: one digit after a name or quote ("Islamic State" 1 (banned ...), "IS 1 has
        proven", "ИГ 1 взяло"), followed by a bracket or a verb rather than by what it counts."""
        text = self.text
        if text[start] not in "123456789" or text[start + 1 : start + 2] not in (" ", "") or prev != " ":
            return False
        word = _NAME_BEFORE.match(text, start)
        if word is None:
            return False
        name = word.group(0)[:-1]
        after_name = name[0].isupper() or name[-1] in "\"”»'"
        if not after_name:
            return False
        if text.startswith(" (", start + 1):
            return True
        if not (name.isupper() and len(name) >= 2) and name[-1] not in "\"”»'":
            return False
        if traps.FOOTNOTE_AFTER.match(text, start + 1):
            return True
        nxt = _RU_WORD_AFTER.match(text, start + 1)
        return bool(nxt and self.cyrillic and russian.parse_word(nxt.group(1).lower()).tag.POS == "VERB")

    def _is_year(self, start: int, end: int) -> bool:
        text = self.text
        if traps.YEAR_WORD_AFTER.match(text, end):
            return True
        if traps.AMOUNT_OF_BEFORE.test(text, start):
            return False  # "an average of 1500", "a total of 2000"
        if _QUALIFIER_EN.match(text, start):
            return False
        if self.cyrillic:
            qm = _QUALIFIER_RU.match(text, start)
            if qm and not text[qm[1] : start].rstrip().endswith(("до", "с")):
                return False
        if _CURRENCY_BEFORE.test(text, start):
            return False
        if UNITS.match(text, end) or _SCALE_AFTER.match(text, end):
            return False
        nxt = _EN_COUNTED_WORD.match(text, end) or _RU_COUNTED_WORD.match(text, end)
        if nxt and nxt.group(1).lower() in lexicon.COUNT_NOUNS:
            return False
        if nxt and self.cyrillic and _CYRILLIC_START.match(nxt.group(1)):
            parse = russian.parse_word(nxt.group(1).lower())
            if parse.tag.POS == "NOUN" and "plur" in parse.tag and "gent" in parse.tag:
                return False
            if parse.normal_form == "человек":
                return False
        return True

    def _scale(self, num: _Number) -> None:
        """Apply scale words after a number: "1.5 thousand", "$4bn", "503 thousand 223", "15 тысяч"."""
        text = self.text
        m = _SCALE_AFTER.match(text, num.end)
        scale = None
        if m:
            if m.group("scale"):
                word = m.group("scale").lower()
                scale = (lexicon.SCALES.get(word) or lexicon.SCALES.get(word.rstrip("s"))
                         or russian.SCALE_ABBREVIATIONS.get(word.rstrip(".").rstrip()))
                if word == "hundred":
                    self._apply_scale(num, 100.0, m.end())
                    self._scale(num)  # "4 hundred million"
                    return
            elif m.group("spaced"):
                scale = lexicon.SHORT_SCALES.get(m.group("spaced").lower())
            else:
                short = m.group("short").lower()
                currency = _CURRENCY_BEFORE.test(text, num.start)
                trillion = currency and m.group("short") == "T"
                if short == "m" and not currency and m.group("short") == "m" and not self._glued_million(num, m.end()):
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
                self._apply_scale(num, scale, end)
                return
        if self.cyrillic:
            word = _RU_COUNTED_WORD.match(text, num.end)
            if word:
                info = self.ru_words.get(word.group(1).lower().replace("ё", "е"))
                if info and info.scale:
                    self._apply_scale(num, info.scale, word.end())
                    return
        m = _OF_THOUSANDS.match(text, num.end)
        if m:
            self._apply_scale(num, lexicon.SCALES[m.group("scale")[:-1].lower()], m.end())

    def _glued_million(self, num: _Number, end: int) -> bool:
        """Whether a lowercase "m" glued to a number means a million rather than metres: "35m of its Echo
        devices", "2.7m combined sales", "1.2m tons", but "1.8m tall", "a 10m wall", "the 100m sprint"."""
        text = self.text
        if _METRE_CONTEXT.match(text, end):
            return False
        if UNITS.match(text, end):
            return True  # "1.2m tons", "2m barrels"
        if num.value >= 1000 or _ARTICLE_BEFORE.test(text, num.start):
            return False
        word = _EN_COUNTED_WORD.match(text, end)
        return bool(word) and (word.group(1).lower() == "of" or word.group(1).lower() not in lexicon.COUNTED_STOP)

    def _apply_scale(self, num: _Number, scale: float, end: int) -> None:
        num.value *= scale
        num.precision *= scale
        num.end = end
        num.scale = scale
        # "503 thousand 223", "1 млрд 200 млн", "1 миллион 203 тысячи": smaller parts add to it
        while num.value == int(num.value):
            m = _MIXED_REST.match(self.text, num.end)
            if m is None:
                break
            part = _Number(m.start(1), m.end(1), float(m.group(1)), 1.0)
            part_scale = self._scale_word(part)
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

    def _scale_word(self, part: _Number) -> float | None:
        """Apply the scale word after `part` (if any) and return its factor."""
        before = part.value
        self._scale(part)
        return part.value / before if part.value != before and before else None

    # -- numbers written in words ---------------------------------------------------------------------
    def _at_word(self, start: int, end: int) -> int:
        text = self.text
        word = text[start:end].lower()
        if self.cyrillic and "а" <= word[:1] <= "я" or word[:1] == "ё":
            return self._at_russian_word(start, end)
        if word in lexicon.MULTIPLIER_WORDS:
            if _DIGIT_COUNT_AFTER.match(text, end):
                return end  # "double-digit growth", "single-figure" are no multipliers
            value = lexicon.MULTIPLIER_WORDS[word]
            num = _Number(start, end, value, 1.0, words=True, multiplier=True)
            return self._finish(num)
        if word in lexicon.FRACTIONS:
            return self._fraction(start, end, word)
        if word in lexicon.VAGUE or word in ("several", "few", "tens"):
            return self._vague_words(start, end, word)
        num = self._english_words(start)
        if num is None:
            return end
        if self._number_word_in_name(num):
            return self._ignore(num.start, num.end, "name")  # "the Six Nations", "the Kick Six", "Big Ten"
        if traps.RANK_BEFORE.test(text, num.start) and not self._unit_after(num.end):
            return self._ignore(num.start, num.end, "ordinal")  # "eight top three hits", "four number ones"
        return self._finish(num)

    def _number_word_in_name(self, num: _Number) -> bool:
        """A capitalised number word inside a sentence, next to another capitalised word: part of a name."""
        text = self.text
        if not text[num.start].isupper() or _SENTENCE_START.test(text, num.start) or self._unit_after(num.end):
            return False
        after = _EN_COUNTED_WORD.match(text, num.end)
        return not (after and after.group(1)[0].islower() and after.group(1).lower() not in lexicon.COUNTED_STOP)

    def _english_words(self, start: int) -> _Number | None:
        """"twenty-three", "a hundred", "two hundred and fifty", "one and a half million"."""
        text = self.text
        tokens: list[tuple[str, int, int, str]] = []  # (word, start, end, the separator before it)
        pos, sep_kind = start, ""
        while True:
            m = _EN_WORD.match(text, pos)
            if not m:
                break
            tokens.append((m.group(0).lower(), m.start(), m.end(), sep_kind))
            sep = _WORD_SEP.match(text, m.end())
            if not sep:
                break
            pos, sep_kind = sep.end(), "," if sep.group("comma") else "and" if sep.group("and") else ""
        # keep the longest prefix that is a well-formed number; "a hundred" starts with the article
        article = _A_BEFORE.match(text, start)
        first = tokens[0][0] if tokens else ""
        if first in ("hundred", "thousand", "million", "billion", "dozen"):
            if not article:
                return None  # a bare "thousand" is not a number; "thousands" is vague
            start = article.start
        total, current, last_end = 0.0, 0.0, start
        seen = bool(article and first in ("hundred", "thousand", "million", "billion", "dozen"))
        precision, last_scale = 1.0, 0.0
        before_comma = None  # (total, end, precision, scale, token index) of "three million,"
        i = 0
        while i < len(tokens):
            tok, _, tok_end, sep_kind = tokens[i]
            if sep_kind == ",":  # "three million, two hundred & forty": a smaller part after a scale word
                if not (current == 0 and total and tok in lexicon.SMALL_NUMBERS):
                    break
                before_comma = (total, last_end, precision, last_scale, i)
            if tok in lexicon.SCALES and before_comma and lexicon.SCALES[tok] >= before_comma[3]:
                break  # "one million, two million"
            if tok in lexicon.SMALL_NUMBERS:
                n = lexicon.SMALL_NUMBERS[tok]
                current += n
                precision = 10.0 if n and n % 10 == 0 else 1.0
            elif tok == "hundred":
                if not seen:
                    break
                current = (current or 1) * 100
                precision = 100.0
            elif tok in lexicon.SCALES:
                if not seen:
                    break
                total += (current or 1) * lexicon.SCALES[tok]
                current = 0
                precision = last_scale = lexicon.SCALES[tok]
            elif tok == "dozen":
                if not seen:
                    break
                current = (current or 1) * 12
            elif tok in ("a", "an") and sep_kind == "and" and [t[0] for t in tokens[i + 1 : i + 2]] == ["half"]:
                current += 0.5
                precision = 0.5
                tok_end = tokens[i + 1][2]
                i += 1
            else:
                break
            seen = True
            last_end = tok_end
            i += 1
        if before_comma and not any(t[0] == "hundred" or t[3] == "and" for t in tokens[before_comma[4] : i]):
            total, last_end, precision, current = *before_comma[:3], 0.0  # a list: "2 million, 3"
        if last_end == start:
            return None
        value = total + current
        fraction = _FRACTION_AFTER.match(text, last_end)
        if fraction and 0 < value < 10 and total == 0:  # "two thirds", "three halves", "one-half"
            denominator = lexicon.FRACTIONS[fraction.group(1).lower()]
            scale = _FRACTION_SCALE.match(text, fraction.end())
            if scale:  # "three quarters billion"
                factor = lexicon.SCALES[scale.group("scale").lower()]
                return _Number(start, scale.end(), value / denominator * factor, factor / denominator,
                               words=True, scale=factor)
            return _Number(start, fraction.end(), value / denominator, 1 / denominator, words=True,
                           fraction=True)
        lone_one = text[start:last_end].lower() == "one"
        scale = last_scale if current == 0 and total else 1.0  # "five thousand" ends in its scale word
        return _Number(start, last_end, value, precision, words=True, lone_one=lone_one, scale=scale)

    def _fraction(self, start: int, end: int, word: str) -> int:
        """"two thirds", "a quarter of", "half the"; with a scale word after it an amount: "half a million",
        "a quarter million", "three quarters billion"."""
        text = self.text
        denominator = lexicon.FRACTIONS[word]
        m = _SMALL_WORD_BEFORE.match(text, start)
        scale = _FRACTION_SCALE.match(text, end)
        if scale:
            n = lexicon.SMALL_NUMBERS.get(m.group("n").lower(), 1) if m else 1
            factor = lexicon.SCALES[scale.group("scale").lower()]
            value = n / denominator * factor
            return self._finish(_Number(m.start if m else start, scale.end(), value, factor / denominator,
                                        words=True, scale=factor))
        if m:
            n = lexicon.SMALL_NUMBERS.get(m.group("n").lower(), 1)
            s = m.start
            if word == "half" and _AND_A_BEFORE.test(text, start):
                return end  # "two and a half" is handled with its whole number
            if not _FRACTION_USE.match(text, end) and word != "half":
                return end  # "a third term" is an ordinal
            num = _Number(s, end, n / denominator, 1.0, words=True, fraction=True)
            return self._finish(num)
        if word == "half" and _HALF_OF.match(text, end):
            if _NOT_HALF_OF_BEFORE.test(text, start):
                return end
            return self._finish(_Number(start, end, 0.5, 1.0, words=True, fraction=True))
        return end

    def _vague_words(self, start: int, end: int, word: str) -> int:
        """"dozens", "hundreds of thousands", "a few thousand", "several hundred", "tens of thousands"."""
        text = self.text
        s = start
        if word in ("several", "few", "tens"):
            if word == "few":
                a = _A_FEW_BEFORE.match(text, start)
                if a is None:
                    return end
                s = a.start
            m = _SCALE_PLURAL_AFTER.match(text, end)
            if not m:
                return end
            scale = _plural_scale(m.group("scale"))
            if m.group("scale2"):
                scale *= _plural_scale(m.group("scale2"))
            if word == "tens":  # "tens of thousands"
                low, high = 10 * scale, 100 * scale
            else:  # "a few thousand", "several hundred thousand"
                low, high = 2 * scale, 9 * scale
            num = _Number(s, m.end(), 0, scale, words=True, vague=(low, high))
            return self._finish(num)
        low, high = lexicon.VAGUE[word]
        m = _OF_SCALES.match(text, end)
        if m:
            scale = _plural_scale(m.group("scale"))
            base = _plural_scale(word)
            low, high = base * scale, 10 * base * scale
            end = m.end()
        num = _Number(s, end, 0, 1.0, words=True, vague=(low, high))
        return self._finish(num)

    def _at_russian_word(self, start: int, end: int) -> int:
        """Russian numeral words, scale and vague nouns, fractions and multipliers."""
        text, forms = self.text, self.ru_words
        word = text[start:end].lower().replace("ё", "е")
        if word in _RU_EACH:
            # "на каждого погибшего приходится трое раненых": "each" is the 1 of a ratio, and nothing else
            return self._finish(_Number(start, end, 1.0, 1.0, words=True, lone_one=True)) \
                if _RU_NA_BEFORE.search(text, max(0, start - 4), start) else end
        if word in russian.MULTIPLIER_WORDS:
            return self._finish(_Number(start, end, russian.MULTIPLIER_WORDS[word], 1.0, words=True,
                                        multiplier=True))
        info = forms.get(word)
        if info is None:
            return end
        if info.fraction is not None:
            m = _RU_WORD_BEFORE.match(text, start)
            n_info = forms.get(m.group("n").lower()) if m else None
            if n_info and n_info.number and n_info.number < 10:
                return self._finish(_Number(m.start, end, n_info.number * info.fraction,
                                            1.0, words=True, fraction=True))
            return self._finish(_Number(start, end, info.fraction, 1.0, words=True, fraction=True))
        if info.number is None and info.vague is not None and not info.singular:
            m = _VAGUE_LEFT.match(text, start)
            low, high = info.vague
            s = start
            if m:  # "несколько тысяч"
                scale = info.scale or (10 if info.lemma == "десяток" else 100)
                low, high = 2 * scale, 9 * scale
                s = m.start
            nxt = _RU_COUNTED_WORD.match(text, end)
            nxt_info = forms.get(nxt.group(1).lower().replace("ё", "е")) if nxt else None
            if nxt_info and nxt_info.scale and nxt_info.vague and not nxt_info.singular:
                low, high = low * nxt_info.scale, high * nxt_info.scale  # "сотни тысяч"
                end = nxt.end()
            return self._finish(_Number(s, end, 0, 1.0, words=True, vague=(low, high)))
        # a cardinal: "двадцать три", "полтора миллиона", "тысяча", "две тысячи пятьсот"
        total, current, pos, last_end, seen = 0.0, 0.0, start, start, False
        precision = 1.0
        while True:
            m = _CYRILLIC_LETTERS.match(text, pos)
            if not m:
                break
            w_info = forms.get(m.group(0).lower().replace("ё", "е"))
            if w_info is None:
                break
            if w_info.number is not None:
                if seen and current and w_info.number >= current:
                    break
                current += w_info.number
                precision = 10.0 ** (len(str(int(w_info.number))) - len(str(int(w_info.number)).rstrip("0")))
            elif w_info.scale is not None:
                if not seen and not w_info.singular:
                    break
                total += (current or 1) * w_info.scale
                current = 0
                precision = w_info.scale
            else:
                break
            seen = True
            last_end = m.end()
            sep = _SPACES.match(text, m.end())
            if not sep:
                break
            pos = sep.end()
        if not seen:
            return end
        value = total + current
        half = _RU_AND_A_HALF.match(text, last_end)
        if half and total == 0:  # "двух с половиной месяцев", "две с половиной тысячи"
            value += 0.5
            last_end = half.end()
            precision = 0.5
            scale_word = _RU_COUNTED_WORD.match(text, last_end)
            scale_info = forms.get(scale_word.group(1).lower().replace("ё", "е")) if scale_word else None
            if scale_info and scale_info.scale:
                value *= scale_info.scale
                precision *= scale_info.scale
                last_end = scale_word.end()
        nxt = _RU_WORD_AFTER.match(text, last_end)
        nxt_info = forms.get(nxt.group(1).lower().replace("ё", "е")) if nxt else None
        if nxt_info and nxt_info.fraction and 0 < value < 10 and total == 0:  # "две трети"
            return self._finish(_Number(start, nxt.end(), value * nxt_info.fraction, 1.0, words=True,
                                        fraction=True))
        lone_one = value == 1 and last_end - start <= 6  # "один": a determiner more often than a count
        return self._finish(_Number(start, last_end, value, precision, words=True, lone_one=lone_one))

    # -- everything after the number: ranges, units, qualifiers, counted ------------------------------
    def _finish(self, num: _Number) -> int:
        """Read what follows and precedes a number (a ratio, or a range, unit, currency, multiplier or
        frequency, qualifier) and record the quantity; return where the scan goes on."""
        text = self.text
        if num.vague is None and not num.fraction:
            ratio_end = self._ratio(num)
            if ratio_end is not None:
                return ratio_end
        start = num.start
        plain = num.vague is None and not num.fraction and not num.multiplier and num.tolerance is None
        second = self._range_second(num) if plain else None
        determiner = False
        if num.lone_one and second is None:
            if self._unit_after(num.end):
                num.lone_one = False  # "one mile", "one per cent", "one-yen bid": an amount
            elif self.cyrillic and not text[num.start].isascii():
                return num.end
            elif not self._one_counts(num):
                return num.end
            else:
                determiner = True
        unit, end = self._unit(second.end if second else num.end, start, num.scaled)
        if unit in _SMALLER_TIME and second is None:
            end = self._compound_duration(num, unit, end)  # "4 hours 30 minutes"
        if unit is None and second is None and (traps.CHANGE_VERB_BEFORE.test(text, start)
                                                 or _RANGE_START.test(text, start)):
            unit = self._change_target(num, end)  # "rose from 50 to 75 cents": 50 cents
        elif unit is not None and second is None and plain:
            both = self._range_after_unit(num, unit, end)  # "between 44 mg and 50 mg"
            if both:
                second, end = both
        if unit in ("meter", "kilometer") and second is None and traps.EVENT.match(text, num.start, end + 40) \
                and _THE_BEFORE.test(text, num.start):
            return self._ignore(num.start, end, "name")  # "won the 3000m in", "the 400m hurdles final": an event
        if (unit == "year" and num.value >= 1500 and num.precision < 1000 and second is None and not num.words
                and not traps.YEARS_OLD.match(text, num.end) and not traps.GROUPED.search(text, num.start, num.end)):
            return self._ignore(num.start, end, "year")
        prefixed = False
        if unit is None and not num.multiplier and num.vague is None:
            unit, start, end = self._currency(num, start, end)
            prefixed = unit is not None
        if second is None and not num.multiplier and num.vague is None and not num.fraction:
            unit, end = self._currency_after(num, unit, end, prefixed)
        if unit is None and not num.fraction and num.vague is None and _AGED_BEFORE.test(text, start):
            unit = "year"  # "aged 94", "aged 18 to 34"
        kind, counted = kind_of(unit), None
        if unit is None and traps.FACTOR_BEFORE.test(text, start):
            num.multiplier = True  # "by a factor of 10"
        if num.multiplier:
            kind = "multiplier"
            if text[num.start : num.end].lower() in _TIMES_WORDS:
                unit, end = UNITS.rate("1", text, end)
                if unit == "1":
                    unit = None
                else:  # "twice a week": a frequency
                    kind, counted = "count", (text[num.start : num.end], num.start, num.end)
        elif num.fraction and unit is None:
            kind = "fraction"
        elif unit is None and not num.fraction:
            m = _TIMES.match(text, end) or (self.cyrillic and _RU_TIMES.match(text, end))
            if m:
                ru_v = _RU_V_BEFORE.match(text, start)  # "в три раза"
                start = ru_v.start if ru_v else start
                rate, rate_end = UNITS.rate("1", text, m.end()) if not m.group("cmp") else ("1", m.end())
                if rate != "1":  # "four times per week": a frequency, the count of times in a period
                    unit, end, counted = rate, rate_end, (m.group("times"), m.start("times"), m.end("times"))
                else:
                    kind, end = "multiplier", m.end()
        qualifier, start = self._qualifier(num, second, kind, unit, start, end)
        value = num.value
        if num.vague is not None:
            qualifier, value, (low, high) = "vague", None, num.vague
        elif second is not None:
            qualifier, value = "range", None
            low, high = num.value, second.value
            if low > high and (low < 0 or high < 0):  # "от -18 до -23 °C"
                low, high = high, low
            if low > high:
                return self._ignore(num.start, end, "score")
        elif num.tolerance is not None:  # "9.83e-3 +/- 1e-5"
            qualifier, low, high = "approximate", value - num.tolerance, value + num.tolerance
        else:
            low, high = _bounds(qualifier, value, num.precision, unit)
        if counted is None:
            hyphenated = kind == "measure" and "-" in text[num.end : end][:2]  # "a 12-inch gun"
            counted = self._counted(end, "count" if hyphenated else kind)
        counted, c_start, c_end = counted
        if self.quantities:  # a qualifier or sign never reaches into the amount before
            start = max(start, self.quantities[-1].end)
        self.quantities.append(Quantity(
            start=start, end=end, text=text[start:end], value=value, low=low, high=high,
            qualifier=qualifier, unit=unit, counted=counted, kind=kind, precision=num.precision,
            counted_start=c_start, counted_end=c_end, determiner=determiner,
        ))
        return end

    def _one_counts(self, num: _Number) -> bool:
        """Whether a lone "one" counts something ("one of the best speakers", "one solution", "in one
        area") rather than standing for a noun ("the same one", "one that was", "BBC One")."""
        text = self.text
        if text[num.start].isupper() and not _SENTENCE_START.test(text, num.start):
            return False  # "BBC One", "Formula One"
        if _ONE_PRONOUN_BEFORE.test(text, num.start):
            return False
        m = _EN_COUNTED_WORD.match(text, num.end)
        if m is None:
            return False
        word = m.group(1).lower()
        return word == "of" or (word not in lexicon.COUNTED_STOP and word[0].islower()
                                and not word.endswith(("ly", "ing")) and word not in _ONE_NOT_BEFORE)

    def _currency(self, num: _Number, start: int, end: int) -> tuple[str | None, int, int]:
        """A currency sign before the number ("$4bn", "€ 950", "-$5", "US$ 3 per kg"): the unit, with
        the rate after the number, and the new span."""
        text = self.text
        sign = _CURRENCY_BEFORE.match(text, start)
        if sign is None:
            return None, start, end
        unit, million = currency.prefix_code(sign.group(0))
        start = sign.start
        signed = start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in _SIGN_AFTER)
        if signed and num.value > 0:  # "-$5"
            start -= 1
            num.value = -num.value
        if million != 1.0 and not num.scaled:  # "MUSD 30"
            self._apply_scale(num, million, num.end)
        if not num.scaled:
            self._scale(num)
            if num.end > end:
                end = num.end
        unit, end = UNITS.rate(unit, text, end)
        return unit, start, end

    def _qualifier(self, num: _Number, second: _Number | None, kind: str, unit: str | None, start: int,
                   end: int) -> tuple[str, int]:
        """The qualifier of an amount (before it: "about", "не более"; after it: "or more") and the
        new start of its span. A qualified range stays a range: "around 10-15 exabytes"."""
        text = self.text
        if second is not None:
            range_start = _RANGE_START.match(text, start)
            if range_start:
                return "range", range_start.start
        qm = _QUALIFIER_EN.match(text, start) or (_QUALIFIER_RU.match(text, start) if self.cyrillic else None)
        if qm is not None:
            name, q_start, phrase = qm
            phrase = phrase.lower()
            if name == "at_most" and phrase == "до" and (second or _NUMBER_THEN_DO.test(text, start)):
                pass  # "с 40 до 60": "до" means "to"
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

    def _range_second(self, num: _Number) -> _Number | None:
        """The upper end of "4-5 thousand", "from 17 to 35 km", "between 10 and 12", "от 5 до 10",
        "$5-$10", "8- to 16-meter"."""
        text = self.text
        m = _RANGE_SEP.match(text, num.end)
        if not m:
            return None
        pos = m.end()
        sign = _CURRENCY_BEFORE.match(text, num.start)
        symbol = currency.AT.match(text, pos)
        if symbol and sign:
            pos = symbol.end()
        left = sign.start if sign else num.start  # what precedes "$5" in "from $5 to $10"
        start_word = self._range_link(num, m, left)
        if start_word is False:
            return None
        if pos < len(text) and (text[pos].isdigit() or text[pos] in "-+−"):
            if self._digit_trap_peek(pos + (text[pos] in "-+−")):
                return None
            second = self._signed_digits(pos)
            if second is None or second.fraction:
                return None
            if text[second.end : second.end + 1].isalpha() and not (
                    _SCALE_AFTER.match(text, second.end) or UNITS.match(text, second.end)):
                return None
            self._scale(second)
        elif num.words and text[pos : pos + 1].isalpha() and (not self.cyrillic or text[pos].isascii()):
            second = self._english_words(pos)
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
        if word in ("or", "или") and not (0 < second.value - num.value <= max(1.0, num.precision)):
            return None  # "three or four years" is a range; "5 or 50" two amounts
        if word in ("to", "or", "или") and start_word is None:
            # "17 to 35 km": a range only when a unit, scale or currency marks both numbers as amounts
            if not (self._unit_after(second.end) or second.scaled or (sign and symbol)
                    or (word == "to" and (_AGED_BEFORE.test(text, left) or self._plural_noun_after(second.end)))):
                return None
        if inherit:
            num.value *= second.scale
            num.precision *= second.scale
        return second

    def _plural_noun_after(self, pos: int) -> bool:
        """Whether a plural noun follows: "10 to 15 people", "10 to 15 injured civilians"."""
        m = _EN_COUNTED_WORD.match(self.text, pos)
        if m is None or not m.group(1)[0].islower():
            return False
        word = m.group(1).lower()
        return word in lexicon.COUNT_NOUNS or (word.endswith("s") and not word.endswith("ss")
                                                and word not in lexicon.COUNTED_STOP)

    def _range_after_unit(self, num: _Number, unit: str, end: int) -> tuple[_Number, int] | None:
        """"44 mg to 50 mg", "between 44 mg and 50 mg", "from -18 °C to -34 °C": a range whose two ends
        carry the same unit; the upper end and the end of the span."""
        text = self.text
        m = _RANGE_SEP.match(text, end)
        if not m or not (m.end() < len(text) and (text[m.end()].isdigit() or text[m.end()] in "-+−")):
            return None
        if self._range_link(num, m, num.start) is False or _BY_BEFORE.test(text, num.start):
            return None  # "fell by 1.8 years to 76.4 years": the change and the new amount
        second = self._signed_digits(m.end())
        if second is None or second.fraction:
            return None
        self._scale(second)
        unit2, end2 = self._unit(second.end, second.start, second.scaled)
        return (second, end2) if unit2 == unit else None

    def _range_link(self, num: _Number, sep: re.Match, left: int):
        """Whether the separator `sep` after a number links a range, given the word before it ("from",
        "between"): False when it does not, else the start word's match (or None)."""
        text = self.text
        start_word = _RANGE_START.match(text, left)
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

    def _signed_digits(self, pos: int) -> _Number | None:
        """A number in digits at `pos`, with the sign written before it: the "-34" of "to -34 °C"."""
        sign = self.text[pos] in "-+−"
        num = self._digits(pos + sign)
        if num is not None and sign:
            self._sign(num)
            if num.start != pos:
                return None
        return num

    def _compound_duration(self, num: _Number, unit: str, end: int) -> int:
        """Add "30 minutes" to "4 hours" (or seconds to minutes, hours to days): one duration, 4.5 hours."""
        words, per = _SMALLER_TIME[unit]
        m = _COMPOUND_TIME.match(self.text, end)
        if m is None or m.group("unit").lower().rstrip(".") not in words:
            return end
        part = float(m.group("n"))
        if part >= per:
            return end
        num.value += part / per
        num.precision = 1 / per
        return m.end()

    def _change_target(self, num: _Number, pos: int) -> str | None:
        """"rose from 50 to 75 cents", "с 4,2 до 3,8 млн тонн": the old amount of a change takes the scale
        and the unit written only after the new one; return that unit."""
        m = _TO_NUMBER.match(self.text, pos)
        if not m:
            return None
        target = self._digits(m.end())
        if target is None:
            return None
        self._scale(target)
        if target.scaled and not num.scaled:
            num.value *= target.scale
            num.precision *= target.scale
        return self._unit(target.end, target.start, target.scaled)[0]

    def _digit_trap_peek(self, pos: int) -> bool:
        """Whether the number at `pos` is a date or year (without recording it)."""
        text = self.text
        return bool(traps.DATE_DAY_MONTH.match(text, pos) or traps.TIME.match(text, pos))

    def _unit_after(self, pos: int) -> str | None:
        m = UNITS.match(self.text, pos)
        if m:
            return m.group("unit")
        if self.cyrillic:
            w = _RU_COUNTED_WORD.match(self.text, pos)
            if w:
                info = self.ru_words.get(w.group(1).lower().replace("ё", "е"))
                if info and info.unit:
                    return info.unit
        return None

    def _unit(self, end: int, start: int, scaled: bool = False) -> tuple[str | None, int]:
        """The unit right after the number (and a per-rate after it), and the new end of the span."""
        text = self.text
        unit = None
        m = UNITS.match(text, end)
        if m and not (m.group("unit") == "m" and _CURRENCY_BEFORE.test(text, start)) and not (
                m.group("unit").lower() == "cup" and not _OF_AFTER.match(text, m.end())):
            # "$5 m" is a million; "two cup competitions" no measure ("⅓ cup of sauce" is)
            unit, end = UNITS.of(m), m.end()
        elif self.cyrillic:
            unit, end = self._russian_unit(end)
        if unit is None:
            m = UNITS.inch_before_size.match(text, end)
            if m is None:
                return None, end
            unit, end = "inch", m.end()
        if unit == "pound" and scaled:  # "4.7 million pounds"
            unit = "GBP"
        return UNITS.rate(unit, text, end)

    def _currency_after(self, num: _Number, unit: str | None, end: int, prefixed: bool) -> tuple[str | None, int]:
        """A currency written after the number, with what may follow it: "30 MUSD", "75 USD million",
        "3 dollars 50 cents", "thirteen dollars and forty-five cents"."""
        text = self.text
        if unit is None:
            m = currency.MILLION_AFTER.match(text, end)
            if m is None:
                return None, end
            self._apply_scale(num, 1e6, num.end)
            return currency.PREFIXES[m.group("code")], m.end()
        if not currency.is_code(unit) or " " in unit:
            return unit, end
        if not num.scaled:
            m = _SCALE_AFTER.match(text, end)
            if m and m.group("scale"):  # "75 USD million"
                self._apply_scale(num, lexicon.SCALES.get(m.group("scale").lower(), 1.0), num.end)
                return unit, m.end()
        if unit in _SUBUNITS and num.value == int(num.value) and num.precision <= 1:
            cents = self._subunit(end, prefixed)
            if cents is not None:
                num.value += cents[0] / 100
                num.precision = 0.01
                return unit, cents[1]
        return unit, end

    def _subunit(self, pos: int, prefixed: bool) -> tuple[float, int] | None:
        """The cents after a whole amount of money: " 50 cents", " and forty-five cents", and after a
        currency word " 50." (a bare number under 100 that ends the phrase)."""
        text = self.text
        m = _SUBUNIT_LINK.match(text, pos)
        if m is None:
            return None
        start = m.end()
        if text[start : start + 1].isdigit():
            d = _SMALL_INT.match(text, start)
            if d is None or len(d.group(0)) > 2:
                return None
            value, end = float(d.group(0)), d.end()
        else:
            words = self._english_words(start) if text[start : start + 1].isalpha() else None
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

    def _russian_unit(self, end: int) -> tuple[str | None, int]:
        text = self.text
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
        m = _RU_UNIT_WORD.match(text, end)
        if m:
            info = self.ru_words.get(m.group("w").lower().replace("ё", "е"))
            if info and info.unit:
                unit = info.unit
                if m.group("sq") and unit in ("kilometer", "meter"):
                    unit = f"{unit} ** 2"
                elif m.group("sq"):
                    return None, end
                return unit, m.end()
        return None, end

    def _ratio(self, num: _Number) -> int | None:
        """"1:2", "one coalition soldier to two ISIS terrorists", "1 military to 2 militants",
        "one in four": one ratio quantity over the whole phrase. Its terms are bare counts: "44 mg to
        50 mg" is no ratio."""
        text = self.text
        if num.value != int(num.value) or num.value > 100 or num.value <= 0 or self._unit_after(num.end):
            return None
        m = _RATIO_COLON.match(text, num.end)
        if m and not num.words:
            b = float(m.group("b"))
            if b > 0:
                return self._add_ratio(num.start, m.end(), num.value, b)
        return self._ratio_after(num.start, num.end, num.value)

    def _ratio_after(self, start: int, end: int, a: float) -> int | None:
        """The second term of a ratio in words: "one in four", "1 military to 2 militants"."""
        text = self.text
        m = _IN_RATIO.match(text, end)
        if m:
            second = self._small_number(m.end())
            if second and a < second[0] <= 1000 and not self._unit_after(second[1]):
                return self._add_ratio(start, second[1], a, second[0])
        m = _RATIO_LINK.match(text, end)
        if not m:
            return None
        between = m.group("between").split()
        if not between and m.group("link").lower() != "к":
            return None  # "17 to 35" is a range, not a ratio
        # the words between are what the first term counts ("dead soldier"), not a clause ("is killed")
        if any((w.lower() in lexicon.COUNTED_STOP and w.lower() not in _CASUALTY_WORDS) or w[0].isdigit()
               for w in between):
            return None
        sep_end = m.end()
        while sep_end < len(text) and text[sep_end] in " \u00a0":
            sep_end += 1
        second = self._small_number(sep_end)
        if second is None:
            return None
        b, b_end = second
        if b <= 0 or self._unit_after(b_end):
            return None
        second_noun, c_start, c_end = self._counted(b_end, "count")
        first_noun = " ".join(between) if between else None
        return self._add_ratio(start, c_end if c_end else b_end, a, b, (first_noun, second_noun))

    def _small_number(self, pos: int) -> tuple[float, int] | None:
        text = self.text
        if pos < len(text) and text[pos].isdigit():
            m = _SMALL_INT.match(text, pos)
            return (float(m.group(0)), m.end()) if m else None
        m = _LETTERS.match(text, pos)
        if not m:
            return None
        w = m.group(0).lower()
        if w in lexicon.SMALL_NUMBERS:
            return float(lexicon.SMALL_NUMBERS[w]), m.end()
        if self.cyrillic:
            info = self.ru_words.get(w.replace("ё", "е"))
            if info and info.number:
                return float(info.number), m.end()
        return None

    def _add_ratio(self, start: int, end: int, a: float, b: float,
                   nouns: tuple[str | None, str | None] | None = None) -> int:
        text = self.text
        q = Quantity(start=start, end=end, text=text[start:end], value=a / b, low=a / b, high=a / b,
                     qualifier="exact", unit=None, counted=None, kind="ratio", precision=None, terms=(a, b),
                     term_nouns=nouns if nouns and any(nouns) else None)
        self.quantities.append(q)
        return end

    def _counted(self, end: int, kind: str) -> tuple[str | None, int | None, int | None]:
        """The noun phrase an amount counts: "2,800 ISIS fighters were" → "ISIS fighters"."""
        if kind != "count":
            return None, None, None
        text = self.text
        pos = _SKIP_PARENS.match(text, end).end()
        if pos == end:
            return None, None, None
        of = _OF_THE.match(text, pos)
        if of:
            pos = of.end()
        if self.cyrillic and _CYRILLIC_WORD.match(text, pos):
            return self._russian_counted(pos)
        words: list[tuple[int, int]] = []
        while len(words) < 4:
            m = _LATIN_WORD.match(text, pos)
            if not m:
                break
            lw = m.group(0).lower()
            casualty = lw in _CASUALTY_WORDS
            if lw in lexicon.COUNTED_STOP and not (casualty and not words):
                break
            if lw in lexicon.SMALL_NUMBERS or lw in lexicon.SCALES:
                break
            if words and lw.endswith("ed") and not m.group(0)[0].isupper():
                break
            words.append((m.start(), m.end()))
            space = _SPACES.match(text, m.end())
            if casualty or not space:
                break
            pos = space.end()
        if not words:
            return None, None, None
        s, e = words[0][0], words[-1][1]
        return text[s:e], s, e

    def _russian_counted(self, pos: int) -> tuple[str | None, int | None, int | None]:
        """Adjectives and participles up to the first noun: "тысячи мирных жителей" → "мирных жителей"."""
        text = self.text
        words: list[tuple[int, int]] = []
        while len(words) < 4:
            m = _CYRILLIC_WORD.match(text, pos)
            if not m:
                break
            if _CYRILLIC_ACRONYM.fullmatch(m.group(0)):  # "22 МФЦ", "5 БПЛА": an abbreviated noun
                words.append((m.start(), m.end()))
                break
            tag = russian.parse_word(m.group(0).lower()).tag
            if tag.POS not in ("ADJF", "PRTF", "NOUN"):
                break
            words.append((m.start(), m.end()))
            space = _SPACES.match(text, m.end())
            if tag.POS == "NOUN" or not space:
                break
            pos = space.end()
        last = text[words[-1][0] : words[-1][1]] if words else ""
        if not words or (russian.parse_word(last.lower()).tag.POS != "NOUN" and not _CYRILLIC_ACRONYM.fullmatch(last)):
            return None, None, None
        s, e = words[0][0], words[-1][1]
        return text[s:e], s, e


def _control_sequences(text: str) -> list[tuple[int, int]]:
    """The spans of terminal control sequences in `text` (none in ordinary text: one cheap test first)."""
    if "\x1b" not in text and "\x9b" not in text and "\x9d" not in text:
        return []
    return [m.span() for m in _CONTROL_SEQUENCE.finditer(text)]


def _bounds(qualifier: str, value: float, precision: float, unit: str | None) -> tuple[float | None, float]:
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


def _plural_scale(word: str) -> float:
    """The factor of a (plural) scale word: "hundreds" -> 100, "dozen" -> 12."""
    w = word.lower().rstrip("s")
    return {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12.0}.get(w, 1.0)


def _year_like(span: str) -> bool:
    """Whether a span starting with four digits starts with a plausible year: "1980-1983"."""
    first = int(_FOUR_DIGITS.match(span).group(0))
    return 1500 <= first <= 2100


# A duration in two units: the words of the smaller unit, and how many of it make one of the larger.
_SMALLER_TIME = {
    "day": ({"hour", "hours", "hrs", "h", "час", "часа", "часов"}, 24),
    "hour": ({"minute", "minutes", "mins", "min", "минута", "минуты", "минут", "мин"}, 60),
    "minute": ({"second", "seconds", "secs", "sec", "s", "секунда", "секунды", "секунд", "сек"}, 60),
}
_COMPOUND_TIME = re.compile(rf"{_SP}*(?:and{_SP}+|и{_SP}+)?(?P<n>[0-9]{{1,2}}){_SP}*"
                            rf"(?P<unit>[A-Za-zА-Яа-яЁё]+\.?)(?![\w])", re.I)
_RU_EACH = frozenset({"каждого", "каждую", "каждое", "каждый"})
_RU_AND_A_HALF = re.compile(r"[ \u00a0]+с[ \u00a0]+половиной\b", re.I)
# "one" as a word for a thing, not a count: "the one", "this one", "no one", "every one".
_ONE_PRONOUN_BEFORE = Before(
    r"\b(?:the|this|that|which|no|any|every|each|some|another|last|same|little|big|new|old|right|wrong|"
    r"such|a|an|anyone|someone|loved|young|ones?)\s+", re.I, width=10, last=str.isspace)
# "737 Max", "iPhone 11 Pro": a model number followed by its variant's name
_MODEL_VARIANT_AFTER = re.compile(rf"{_SP}(?:Max|Pro|Plus|Mini|Ultra|Neo|Lite|XL|GT|GTI|Series|Edition|Turbo)\b")
_ONE_NOT_BEFORE = frozenset({"day", "way", "another", "thing", "time"})  # idioms: "one day", "one way or"
_SENTENCE_START = Before(r"(?:^|[.!?:;\n][ \t\u00a0\"“«]*)", width=16)
# Currencies whose hundredth is written after them: "3 dollars 50 cents", "£5 and 20p", "17 USD 25".
_SUBUNITS = frozenset({"USD", "EUR", "GBP", "AUD", "CAD", "HKD", "NZD", "SGD"})
_SUBUNIT_LINK = re.compile(rf"(?:,?{_SP}+and)?{_SP}+(?=[0-9a-z])", re.I)
_SUBUNIT_WORD = re.compile(rf"{_SP}*(?:cents?|pence|p|c)\b", re.I)
_PHRASE_END = re.compile(r"[ \u00a0]*(?:[.,;:!?)]|$)")
_RU_NA_BEFORE = re.compile(r"(?:^|\s)на\s+$", re.I)


@lru_cache(maxsize=1)
def _russian_anchor() -> re.Pattern:
    """The anchor for text with Cyrillic: the English number words and every form of the Russian ones
    (not of unit words: "километров" starts no number), built on the first Cyrillic text."""
    forms = russian.word_forms()
    words = [w for w, info in forms.items() if info.unit is None] + list(russian.MULTIPLIER_WORDS)
    return _anchor_regex(_EN_NUMBER_WORDS + words + list(_RU_EACH))


def extract_text(text: str) -> Extraction:
    """All quantities and ignored numbers in `text`, sorted by offset."""
    ex = Scanner(text).run()
    ex.quantities.sort(key=lambda q: q.start)
    ex.ignored.sort(key=lambda i: i.start)
    return ex
