"""The extractor: one pass over the text, anchored at digits and number words.

For speed, one compiled regex finds the next place a number can start; everything else (scale words,
ranges, units, qualifiers, traps, the counted noun) is decided by small anchored matches around it, so
the cost grows with the number of numbers, not with the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon, russian, traps
from .quantity import Extraction, Ignored, Quantity, kind_of

_I = re.IGNORECASE
_SP = "[ \u00a0\u202f\u2009]"

# A number in digits: "2,800", "185 180" (plain, no-break or thin spaces), "1.500.000", "2,7", "1.5".
_DIGITS = re.compile(
    r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])"
    r"|[0-9]{1,3}(?:(?P<sep>[, \u00a0\u202f\u2009])[0-9]{3}(?:(?P=sep)[0-9]{3})*)(?![0-9])"
    r"|[0-9]+)"
    r"(?:(?P<dec>[.,])(?P<frac>[0-9]+)(?![0-9]))?"
)
_EN_NUMBER_WORDS = (
    list(lexicon.SMALL_NUMBERS) + list(lexicon.SCALES) + ["hundred", "dozen", "tens"]
    + list(lexicon.VAGUE) + list(lexicon.FRACTIONS) + list(lexicon.MULTIPLIER_WORDS) + ["several", "few"]
)
_EN_WORD_ALT = "|".join(sorted(set(_EN_NUMBER_WORDS), key=len, reverse=True))
_ANCHOR_EN = re.compile(rf"[0-9]|\b(?:{_EN_WORD_ALT})\b", _I)
_EN_WORD = re.compile(rf"(?:{_EN_WORD_ALT}|a|an|and)\b", _I)
_WORD_SEP = re.compile(r"[ \u00a0]+(?:and[ \u00a0]+)?|-")

_FRACTION_AFTER = re.compile(rf"{_SP}+(thirds|quarters|fifths|tenths|third|quarter|fifth|tenth|half)\b", _I)
_FRACTION_USE = re.compile(rf"{_SP}+of\b|{_SP}*(?:[.,;:!?)]|$)|{_SP}+(?:more|less|fewer)\b", _I)
_WORD_END = re.compile(r"[\w\"”»']+$")
_RU_WORD_AFTER = re.compile(r"[ \u00a0]+([А-Яа-яЁё]+)")
_NUMBER_THEN_DO = re.compile(r"[0-9][^\w]*\w*\s+до\s*$", _I)  # "с 40 до 60": "до" means "to"
_TO_NUMBER = re.compile(rf"{_SP}+(?:to|до){_SP}+(?=[0-9])", _I)
_MIXED_REST = re.compile(rf"{_SP}([0-9]{{1,3}})(?![0-9]|[.,][0-9])")
_TRAILING_QUALIFIER = re.compile(rf"{_SP}+(?P<q>at least|at most|or more|or less|at the most|at the least)\b", re.I)
_SCALE_AFTER = re.compile(
    rf"{_SP}?(?P<scale>thousand|million|billion|trillion|тыс\.|тыс\b|млн\b\.?|млрд\b\.?|трлн\b\.?)(?![a-z])"
    rf"|(?P<short>bn|mln|mn|tn|trn|k|m|b)(?![\w])",
    _I,
)
_OF_THOUSANDS = re.compile(rf"{_SP}of{_SP}(?P<scale>thousands|millions)\b", _I)
_RANGE_SEP = re.compile(rf"{_SP}?(?P<dash>[-–—]){_SP}?|{_SP}+(?P<word>to|and|до|и){_SP}+", _I)
_PER = re.compile(
    rf"(?:{_SP}*/{_SP}*(?P<short>h|hr|d|yr|day)|{_SP}+(?:per|a|an|each|every|в){_SP}+(?P<den>second|"
    rf"minute|hour|day|week|month|year|person|capita|head|hectare|ha|km|kilometre|kilometer|день|сутки|час|неделю|"
    rf"месяц|год|минуту|секунду|гектар|человека))\b",
    _I,
)
_TIMES = re.compile(
    rf"{_SP}?(?:times|-fold|fold)\b(?:{_SP}+(?P<cmp>more|less|fewer|higher|lower|larger|smaller|bigger|greater"
    rf"|as{_SP}+(?:many|much|large|high|big)))?",
    _I,
)
_RU_TIMES = re.compile(
    rf"{_SP}?раз[а]?\b(?:{_SP}+(?P<cmp>больше|меньше|выше|ниже|дороже|дешевле|сильнее|слабее|"
    rf"чаще|реже|быстрее|медленнее|превышает|превысил\w*))?",
    _I,
)
_RATIO_COLON = re.compile(rf"{_SP}?:{_SP}?(?P<b>[0-9]{{1,3}})(?![0-9:])")
_RATIO_LINK = re.compile(
    rf"(?P<between>(?:{_SP}+[\w-]+){{0,3}}?){_SP}+(?P<link>to|for{_SP}+every|for{_SP}+each|against|к|на{_SP}+каждых|"
    rf"на{_SP}+каждого)(?={_SP})",
    _I,
)
_IN_RATIO = re.compile(rf"{_SP}+in{_SP}+(?=[a-z0-9])", _I)
_CURRENCY_AT = re.compile(r"(?:US ?\$|\$|€|£|¥|₽|₴|₹) ?")
_CURRENCY_BEFORE = re.compile(r"(?:US ?\$|\$|€|£|¥|₽|₴|₹) ?$")
_LINE_START = re.compile(r"(?:^|[\r\n])[ \t]*$")
_SKIP_PARENS = re.compile(r"[ \u00a0]*(?:\((?:!|\?|!!|sic)\)[ \u00a0]*)?")
_LATIN_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z0-9]+)*")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")
_SPACES = re.compile(r"[ \u00a0]+")
_OF_THE = re.compile(r"of[ \u00a0]+(?:the[ \u00a0]+)?", re.IGNORECASE)
_CASUALTY_WORDS = frozenset({"dead", "wounded", "injured", "killed"})
_EN_COUNTED_WORD = re.compile(r"[ \u00a0]+([A-Za-z][\w'’]*(?:-[A-Za-z]+)*)")
_RU_COUNTED_WORD = re.compile(r"[ \u00a0]+([А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?)")


def _build_qualifier_regex(pairs) -> re.Pattern:
    alts = "|".join(f"(?P<{name}>{pattern})" for name, pattern in pairs)
    return re.compile(rf"(?:^|(?<=[\s(\[,;:\"«—-]))(?:{alts}){_SP}*$", _I)


_QUALIFIER_EN = _build_qualifier_regex(lexicon.QUALIFIERS)
_QUALIFIER_RU = _build_qualifier_regex(russian.QUALIFIERS)
_RANGE_START = re.compile(rf"(?:^|(?<=[\s(]))(?P<word>from|between|от|с|со){_SP}+$", _I)
_VAGUE_LEFT = re.compile(rf"(?:^|(?<=[\s(]))(?P<word>a{_SP}+few|several|несколько|many|tens{_SP}+of){_SP}+$", _I)
_A_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?:a|an|one){_SP}+$", _I)


def _unit_regex(case_sensitive: bool) -> tuple[re.Pattern, dict[str, str]]:
    """The unit surfaces of one case class as a regex, and the map from surface to pint unit."""
    surfaces = {}
    for unit, words in lexicon.UNIT_WORDS.items():
        for surface in words.split("|"):
            if (surface in lexicon.CASE_SENSITIVE) == case_sensitive:
                surfaces[surface if case_sensitive else surface.lower()] = unit
    alt = lexicon.alternation(surfaces)
    flags = 0 if case_sensitive else _I
    return re.compile(rf"(?:{_SP}?-{_SP}?|{_SP})?(?P<unit>{alt})(?![\w²³])", flags), surfaces


_UNIT_CI, _UNIT_CI_MAP = _unit_regex(False)
_UNIT_CS, _UNIT_CS_MAP = _unit_regex(True)
_UNIT_MAP = _UNIT_CI_MAP | _UNIT_CS_MAP


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
    lone_one: bool = False  # "one" on its own: only an amount inside a ratio

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0


class Scanner:
    """Finds the quantities in one text. Use `extract(text)`."""

    def __init__(self, text: str):
        self.text = text
        self.cyrillic = russian.CYRILLIC.search(text) is not None
        self.quantities: list[Quantity] = []
        self.ignored: list[Ignored] = []
        self.anchor = _ANCHOR_EN
        if self.cyrillic:
            self.ru_words = russian.word_forms()
            self.anchor = _russian_anchor()

    # -- the main loop -------------------------------------------------------------------------------
    def run(self) -> Extraction:
        text, pos = self.text, 0
        search = self.anchor.search
        # "трёх" is looked up as "трех": the same length, so offsets are unchanged
        anchor_text = text.replace("ё", "е").replace("Ё", "Е") if self.cyrillic else text
        while True:
            m = search(anchor_text, pos)
            if m is None:
                break
            start = m.start()
            if text[start].isdigit():
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
        text = self.text
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
            if traps.ORDINAL_SUFFIX.match(text, after):
                return self._ignore(start, traps.ORDINAL_SUFFIX.match(text, after).end(), "ordinal")
            if not (_SCALE_AFTER.match(text, after) or _UNIT_CI.match(text, after) or _UNIT_CS.match(text, after)
                    or _TIMES.match(text, after) or text[after] == "."):
                return self._ignore(start, traps.glued_token_end(text, after), "identifier")
            if text[after] == "." and text[after + 1 : after + 2].isalpha() and not text[after + 1].isupper():
                return self._ignore(start, traps.glued_token_end(text, after), "identifier")
        if text.startswith("-", after) and traps.ORDINAL_SUFFIX.match(text, after) and self.cyrillic:
            m = traps.ORDINAL_SUFFIX.match(text, after)
            return self._ignore(start, m.end(), "ordinal")
        self._sign(num)
        self._scale(num)
        return self._finish(num)

    def _sign(self, num: _Number) -> None:
        """A sign glued to the number ("-12°C", "+35 °C", "−2.5%") when it stands after a space or bracket."""
        start = num.start
        if start and self.text[start - 1] in "-+−" and (start == 1 or self.text[start - 2] in " \u00a0(\n\t"):
            num.start -= 1
            if self.text[start - 1] != "+":
                num.value = -num.value

    def _digits(self, start: int) -> _Number | None:
        m = _DIGITS.match(self.text, start)
        if m is None:
            return None
        int_part = m.group("int")
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
        return _Number(start, end, value, precision)

    def _digit_trap(self, start: int) -> int | None:
        """If the number at `start` is a date, time, year, designation ..., record it and return its end."""
        text = self.text
        before = text[max(0, start - 40) : start]
        prev = text[start - 1] if start else " "
        m = traps.TIME.match(text, start)
        if m and not (prev.isdigit()):
            if not _RATIO_COLON.match(text, start + len(m.group(0).split(":")[0].rstrip())) or len(
                    m.group(0).split(":")[-1].strip()) == 2:
                if not (m.group(0).count(":") == 1 and m.group(0).split(":")[1].strip()[:1] != "0"
                        and len(m.group(0).split(":")[0].strip()) == 1 and self._ratio_context(before)):
                    return self._ignore(start, m.end(), "time")
        if prev.isalpha() or prev == "_":
            # "M1A1", "G20", "H5N1" are designations; "Vadim237", "kenig1" identifiers
            token_start = start
            while token_start > 0 and (text[token_start - 1].isalnum() or text[token_start - 1] == "_"):
                token_start -= 1
            token = text[token_start : traps.glued_token_end(text, start)]
            letters = "".join(c for c in token if c.isalpha())
            reason = "designation" if token[0].isupper() and len(letters) <= 4 else "identifier"
            return self._ignore(token_start, token_start + len(token), reason)
        if prev == "-" and start >= 2 and text[start - 2].isalpha():
            word = traps.WORD_BEFORE.search(before[:-1])
            w_start = start - 1 - len(word.group(1)) if word else start
            return self._ignore(w_start, traps.glued_token_end(text, start), "designation")
        if prev == "." and start >= 2 and text[start - 2].isalnum() and not text[start - 2].isdigit():
            return self._ignore(start, traps.glued_token_end(text, start), "identifier")
        m = traps.TIME_AMPM.match(text, start)
        if m:
            return self._ignore(start, m.end(), "time")
        m = traps.TIME_DOT.match(text, start)
        if m and traps.TIME_DOT_BEFORE.search(before):
            return self._ignore(start, m.end(), "time")
        m = traps.DATE_NUMERIC.match(text, start)
        if m:
            return self._ignore(start, m.end(), "date")
        m = traps.MONTH_BEFORE.search(before)
        if m:
            d = traps.DATE_AFTER_MONTH.match(text, start)
            if d:
                return self._ignore(start - (len(before) - m.start()), d.end(), "date")
        m = traps.DATE_DAY_MONTH.match(text, start)
        if m:
            return self._ignore(start, m.end(), "date")
        m = traps.PHONE.match(text, start)
        if m and (m.group(0).count("-") >= 2 or "(" in m.group(0) or before.endswith("+")):
            if sum(c.isdigit() for c in m.group(0)) >= 7:
                return self._ignore(start - before.endswith("+"), m.end(), "identifier")
        if _LINE_START.search(before):
            m = traps.LIST_ITEM.match(text, start)
            if m:
                return self._ignore(start, start + len(m.group(0).split(".")[0].split(")")[0]), "list")
            m = traps.FOOTNOTE_LINE_START.match(text, start)
            if m:
                return self._ignore(start, start + 1, "footnote")
        if self._footnote(start, prev):
            return self._ignore(start, start + 1, "footnote")
        m = traps.YEAR_RANGE.match(text, start)
        if m and _year_like(m.group(0)):
            return self._ignore(start, m.end(), "year")
        m = traps.DECADE.match(text, start)
        if m:
            return self._ignore(start, m.end(), "year")
        word = traps.WORD_BEFORE.search(before)
        if word and (traps.identifier_word(word.group(1)) or traps.NUMERO_BEFORE.search(before)):
            return self._ignore(start, _DIGITS.match(text, start).end(), "identifier")
        if word and traps.model_word(word.group(1)):
            return self._ignore(start, traps.glued_token_end(text, start), "designation")
        if traps.NUMERO_BEFORE.search(before):
            return self._ignore(start, _DIGITS.match(text, start).end(), "identifier")
        m = re.compile(r"(1[5-9][0-9]{2}|20[0-9]{2})(?![0-9]|[.,][0-9])").match(text, start)
        if m and self._is_year(start, m.end(), before):
            return self._ignore(start, m.end(), "year")
        return None

    def _footnote(self, start: int, prev: str) -> bool:
        """A footnote marker: one digit after a name or quote ("Islamic State" 1 (banned ...), "IS 1 has
        proven", "ИГ 1 взяло"), followed by a bracket or a verb rather than by what it counts."""
        text = self.text
        if text[start] not in "123456789" or text[start + 1 : start + 2] not in (" ", "") or prev != " ":
            return False
        word = _WORD_END.search(text, max(0, start - 30), start - 1)
        if word is None:
            return False
        name = word.group(0)
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

    def _ratio_context(self, before: str) -> bool:
        return bool(re.search(r"(?:ratio|rate|odds|scale|соотношени\w*|пропорци\w*)\W*$", before, _I))

    def _is_year(self, start: int, end: int, before: str) -> bool:
        text = self.text
        if traps.YEAR_WORD_AFTER.match(text, end):
            return True
        if _QUALIFIER_EN.search(before) or (self.cyrillic and _QUALIFIER_RU.search(before)
                                              and not before.rstrip().endswith(("до", "с"))):
            return False
        if _CURRENCY_BEFORE.search(before):
            return False
        if _UNIT_CI.match(text, end) or _UNIT_CS.match(text, end) or _SCALE_AFTER.match(text, end):
            return False
        nxt = _EN_COUNTED_WORD.match(text, end) or _RU_COUNTED_WORD.match(text, end)
        if nxt and nxt.group(1).lower() in lexicon.COUNT_NOUNS:
            return False
        if nxt and self.cyrillic and re.match(r"[а-яё]", nxt.group(1)):
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
                scale = lexicon.SCALES.get(m.group("scale").lower()) or russian.SCALE_ABBREVIATIONS.get(
                    m.group("scale").lower().rstrip(".").rstrip())
            else:
                short = m.group("short").lower()
                currency = _CURRENCY_BEFORE.search(text[max(0, num.start - 4) : num.start])
                glued = m.start() == num.end
                if short in ("m", "b", "k") and not (currency or (glued and short != "m")):
                    scale = None
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
        return self._finish(num)

    def _english_words(self, start: int) -> _Number | None:
        """"twenty-three", "a hundred", "two hundred and fifty", "one and a half million"."""
        text = self.text
        tokens: list[tuple[str, int, int]] = []
        pos = start
        while True:
            m = _EN_WORD.match(text, pos)
            if not m:
                break
            tokens.append((m.group(0).lower(), m.start(), m.end()))
            sep = _WORD_SEP.match(text, m.end())
            if not sep:
                break
            pos = sep.end()
        # keep the longest prefix that is a well-formed number; "a hundred" starts with the article
        article = _A_BEFORE.search(text[max(0, start - 6) : start])
        first = tokens[0][0] if tokens else ""
        if first in ("hundred", "thousand", "million", "billion", "dozen"):
            if not article:
                return None  # a bare "thousand" is not a number; "thousands" is vague
            start -= len(text[max(0, start - 6) : start]) - article.start()
        total, current, last_end, value_end = 0.0, 0.0, start, None
        seen = bool(article and first in ("hundred", "thousand", "million", "billion", "dozen"))
        precision = 1.0
        i = 0
        while i < len(tokens):
            tok, _, tok_end = tokens[i]
            if tok in lexicon.SMALL_NUMBERS:
                current += lexicon.SMALL_NUMBERS[tok]
                precision = 10.0 if lexicon.SMALL_NUMBERS[tok] % 10 == 0 and lexicon.SMALL_NUMBERS[tok] else 1.0
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
                precision = lexicon.SCALES[tok]
            elif tok == "dozen":
                if not seen:
                    break
                current = (current or 1) * 12
            elif tok in ("a", "an") and i + 2 < len(tokens) and tokens[i + 1][0] == "half" and seen:
                current += 0.5
                precision = 0.5
                tok_end = tokens[i + 1][2]
                i += 1
            elif tok == "and" and seen and i + 1 < len(tokens) and tokens[i + 1][0] in lexicon.SMALL_NUMBERS:
                i += 1
                continue
            else:
                break
            seen = True
            last_end = tok_end
            value_end = tok_end
            i += 1
        if value_end is None:
            return None
        value = total + current
        fraction = _FRACTION_AFTER.match(text, last_end)
        if fraction and 0 < value < 10 and total == 0:  # "two thirds", "three quarters"
            denominator = lexicon.FRACTIONS[fraction.group(1).lower()]
            return _Number(start, fraction.end(), value / denominator, 1.0, words=True, fraction=True)
        lone_one = text[start:last_end].lower() == "one"
        return _Number(start, last_end, value, precision, words=True, lone_one=lone_one)

    def _fraction(self, start: int, end: int, word: str) -> int:
        text = self.text
        before = text[max(0, start - 12) : start]
        denominator = lexicon.FRACTIONS[word]
        m = re.search(rf"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine){_SP}+$", before, _I)
        if m:
            n = lexicon.SMALL_NUMBERS.get(m.group("n").lower(), 1)
            s = start - (len(before) - m.start())
            if word == "half" and re.search(r"\band\s+a\s+$", before, _I):
                return end  # "two and a half" is handled with its whole number
            if not _FRACTION_USE.match(text, end) and word != "half":
                return end  # "a third term" is an ordinal
            num = _Number(s, end, n / denominator, 1.0, words=True, fraction=True)
            return self._finish(num)
        if word == "half" and re.match(rf"{_SP}+(?:of|a|an|the|its|their|his|her|million|billion)\b", text[end:], _I):
            if re.search(r"\b(?:first|second|the|latter|other)\s+$", before, _I):
                return end
            return self._finish(_Number(start, end, 0.5, 1.0, words=True, fraction=True))
        return end

    def _vague_words(self, start: int, end: int, word: str) -> int:
        """"dozens", "hundreds of thousands", "a few thousand", "several hundred", "tens of thousands"."""
        text = self.text
        s = start
        if word in ("several", "few", "tens"):
            if word == "few" and not re.search(rf"\ba{_SP}+$", text[max(0, start - 3) : start], _I):
                return end
            if word == "few":
                s = start - (len(text[max(0, start - 3) : start]) - re.search(
                    rf"a{_SP}+$", text[max(0, start - 3) : start], _I).start())
            m = re.compile(
                rf"{_SP}+(?:of{_SP}+)?(?P<scale>hundreds?|thousands?|millions?|billions?|dozens?)"
                rf"(?:{_SP}+(?:of{_SP}+)?(?P<scale2>thousands?|millions?))?\b", _I).match(text, end)
            if not m:
                return end
            scale = _plural_scale(m.group("scale"))
            if m.group("scale2"):
                scale *= _plural_scale(m.group("scale2"))
            if word == "tens":  # "tens of thousands"
                low, high = 20 * scale, 100 * scale - 1
            else:  # "a few thousand", "several hundred thousand"
                low, high = 2 * scale, 9 * scale
            num = _Number(s, m.end(), 0, scale, words=True, vague=(low, high))
            return self._finish(num)
        low, high = lexicon.VAGUE[word]
        m = re.compile(rf"{_SP}+of{_SP}+(?P<scale>thousands|millions|billions)\b", _I).match(text, end)
        if m:
            scale = _plural_scale(m.group("scale"))
            base = _plural_scale(word)
            low, high = 2 * base * scale, 10 * base * scale - 1
            end = m.end()
        num = _Number(s, end, 0, 1.0, words=True, vague=(low, high))
        return self._finish(num)

    def _at_russian_word(self, start: int, end: int) -> int:
        """Russian numeral words, scale and vague nouns, fractions and multipliers."""
        text, forms = self.text, self.ru_words
        word = text[start:end].lower().replace("ё", "е")
        if word in russian.MULTIPLIER_WORDS:
            return self._finish(_Number(start, end, russian.MULTIPLIER_WORDS[word], 1.0, words=True,
                                        multiplier=True))
        info = forms.get(word)
        if info is None:
            return end
        if info.fraction is not None:
            before = text[max(0, start - 12) : start]
            m = re.search(r"(?P<n>[А-Яа-яЁё]+)[ \u00a0]+$", before)
            n_info = forms.get(m.group("n").lower()) if m else None
            if n_info and n_info.number and n_info.number < 10:
                return self._finish(_Number(start - (len(before) - m.start()), end, n_info.number * info.fraction,
                                            1.0, words=True, fraction=True))
            return self._finish(_Number(start, end, info.fraction, 1.0, words=True, fraction=True))
        if info.number is None and info.vague is not None and not info.singular:
            before = text[max(0, start - 14) : start]
            m = _VAGUE_LEFT.search(before)
            low, high = info.vague
            s = start
            if m:  # "несколько тысяч"
                scale = info.scale or (10 if info.lemma == "десяток" else 100)
                low, high = 2 * scale, 9 * scale
                s = start - (len(before) - m.start())
            nxt = _RU_COUNTED_WORD.match(text, end)
            nxt_info = forms.get(nxt.group(1).lower().replace("ё", "е")) if nxt else None
            if nxt_info and nxt_info.scale and nxt_info.vague and not nxt_info.singular:
                low, high = low * nxt_info.scale, (high + 1) * nxt_info.scale - 1  # "сотни тысяч"
                end = nxt.end()
            return self._finish(_Number(s, end, 0, 1.0, words=True, vague=(low, high)))
        # a cardinal: "двадцать три", "полтора миллиона", "тысяча", "две тысячи пятьсот"
        total, current, pos, last_end, seen = 0.0, 0.0, start, start, False
        precision = 1.0
        while True:
            m = re.compile(r"[А-Яа-яЁё]+").match(text, pos)
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
            sep = re.compile(r"[ \u00a0]+").match(text, m.end())
            if not sep:
                break
            pos = sep.end()
        if not seen:
            return end
        value = total + current
        nxt = _RU_WORD_AFTER.match(text, last_end)
        nxt_info = forms.get(nxt.group(1).lower().replace("ё", "е")) if nxt else None
        if nxt_info and nxt_info.fraction and 0 < value < 10 and total == 0:  # "две трети"
            return self._finish(_Number(start, nxt.end(), value * nxt_info.fraction, 1.0, words=True,
                                        fraction=True))
        lone_one = value == 1 and last_end - start <= 6  # "один": a determiner more often than a count
        return self._finish(_Number(start, last_end, value, precision, words=True, lone_one=lone_one))

    # -- everything after the number: ranges, units, qualifiers, counted ------------------------------
    def _finish(self, num: _Number) -> int:
        text = self.text
        if num.vague is None and not num.fraction:
            ratio_end = self._ratio(num)
            if ratio_end is not None:
                return ratio_end
        if num.lone_one:
            return num.end
        low = high = None
        qualifier = "exact"
        start, end = num.start, num.end
        second = None
        if num.vague is None and not num.fraction and not num.multiplier:
            second = self._range_second(num)
        if second is not None:
            qualifier = "range"
            end = second.end
            low, high = num.value, second.value
            if low > high and (low < 0 or high < 0):  # "от -18 до -23 °C"
                low, high = high, low
        unit, end = self._unit(end, start, num.scaled)
        if unit is None and second is None and traps.CHANGE_VERB_BEFORE.search(text[max(0, start - 40) : start]):
            unit = self._unit_of_change_target(end)  # "rose from 50 to 75 cents": 50 cents
        if unit == "year" and num.value >= 1500 and num.precision < 1000 and second is None and not num.words:
            return self._ignore(num.start, end, "year")
        currency = _CURRENCY_BEFORE.search(text[max(0, start - 4) : start])
        if currency and unit is None:
            unit = lexicon.CURRENCY_SYMBOLS.get(currency.group(0).strip().lower().replace(" ", ""))
            start -= len(currency.group(0))
            if not num.scaled:
                self._scale(num)
                if num.end > end:
                    end = num.end
                    unit2, end2 = self._unit(end, start)
                    end = end2 if unit2 is None else end
        kind = kind_of(unit)
        if num.multiplier:
            kind = "multiplier"
        elif unit is None and not num.fraction:
            m = _TIMES.match(text, end) or (self.cyrillic and _RU_TIMES.match(text, end))
            if m:
                kind = "multiplier"
                end = m.end()
                ru_v = re.search(r"\bв[ \u00a0]+$", text[max(0, start - 3) : start])
                if ru_v:
                    start -= 3 if text[start - 3] == "в" else 2
        if num.fraction:
            kind = "fraction"
        # the qualifier before the number
        before = text[max(0, start - 40) : start]
        qm = _QUALIFIER_EN.search(before) or (_QUALIFIER_RU.search(before) if self.cyrillic else None)
        range_start = _RANGE_START.search(before)
        if qualifier == "range" and range_start:
            start -= len(before) - range_start.start()
        elif qm is not None and not (qm.lastgroup == "at_most" and qm.group(0).strip().lower() == "до"
                                     and (second is not None or _NUMBER_THEN_DO.search(before))):
            if not (qm.lastgroup == "more_than" and qm.group(0).strip().lower() == "over" and kind == "measure"
                    and unit in ("hour", "day", "week", "month", "year", "decade", "century", "minute")):
                qualifier = qm.lastgroup
                start -= len(before) - qm.start()
        if qualifier == "exact" and kind in ("multiplier", "count", "measure"):
            trailing = _TRAILING_QUALIFIER.match(text, end)
            if trailing:
                qualifier = "at_most" if trailing.group("q").lower() in ("at most", "or less", "at the most") \
                    else "at_least"
        value = num.value
        if num.vague is not None:
            qualifier = "vague"
            low, high = num.vague
            value = None
        elif qualifier == "range":
            value = None
            if low > high:
                return self._ignore(num.start, end, "score")
        elif qualifier == "exact":
            low = high = value
        elif qualifier == "approximate":
            half = min(num.precision, 0.1 * abs(value)) if value else num.precision
            low, high = value - half, value + half
        elif qualifier in ("at_least", "more_than"):
            low, high = value, None
        else:
            low, high = (None if unit in ("degree_Celsius", "degree_Fahrenheit") else 0.0), value
        hyphenated = kind == "measure" and "-" in text[num.end : end][:2]
        counted, c_start, c_end = self._counted(end, "count" if hyphenated else kind)
        q = Quantity(
            start=start, end=end, text=text[start:end], value=value, low=low, high=high,
            qualifier=qualifier, unit=unit, counted=counted, kind=kind, precision=num.precision,
            counted_start=c_start, counted_end=c_end,
        )
        self.quantities.append(q)
        return end

    def _range_second(self, num: _Number) -> _Number | None:
        """The upper end of "4-5 thousand", "from 17 to 35 km", "between 10 and 12", "от 5 до 10"."""
        text = self.text
        m = _RANGE_SEP.match(text, num.end)
        if not m:
            return None
        pos = m.end()
        symbol = _CURRENCY_AT.match(text, pos)
        if symbol and _CURRENCY_BEFORE.search(text[max(0, num.start - 4) : num.start]):
            pos = symbol.end()
        sign = text[pos : pos + 1] in ("-", "+", "−") and text[pos + 1 : pos + 2].isdigit()
        if sign:
            pos += 1
        if not (pos < len(text) and (text[pos].isdigit() or text[pos].isalpha())):
            return None
        before = _CURRENCY_BEFORE.sub("", text[max(0, num.start - 40) : num.start])
        sep_word = (m.group("word") or "").lower()
        if sep_word:
            start_word = _RANGE_START.search(before)
            if start_word is None:
                if sep_word in ("and", "и", "до"):
                    return None
            elif sep_word in ("and", "и") and start_word.group("word").lower() not in ("between",):
                return None
            elif sep_word in ("to", "до") and start_word.group("word").lower() == "between":
                return None
            if traps.CHANGE_VERB_BEFORE.search(before):
                return None
        elif not num.words and re.search(r"[A-Za-zА-Яа-я]-$", before):
            return None
        if text[pos].isdigit():
            if self._digit_trap_peek(pos):
                return None
            second = self._digits(pos)
            if second is None:
                return None
            if sign:
                self._sign(second)
            if text[second.end : second.end + 1].isalpha() and not (
                    _SCALE_AFTER.match(text, second.end) or _UNIT_CI.match(text, second.end)
                    or _UNIT_CS.match(text, second.end)):
                return None
            self._scale(second)
        elif not num.words:
            return None
        else:
            second = self._english_words(pos) if not self.cyrillic or text[pos].isascii() else None
            if second is None:
                return None
        if sep_word in ("to",) and not _RANGE_START.search(before):
            # "17 to 35 km": a range only when the unit or scale follows the second number
            if not (self._unit_after(second.end) or second.scaled):
                return None
        if second.scaled and not num.scaled:  # "4-5 thousand"
            num.value *= second.scale
            num.precision *= second.scale
        return second

    def _unit_of_change_target(self, pos: int) -> str | None:
        m = _TO_NUMBER.match(self.text, pos)
        if not m:
            return None
        target = self._digits(m.end())
        if target is None:
            return None
        self._scale(target)
        return self._unit(target.end, target.start, target.scaled)[0]

    def _digit_trap_peek(self, pos: int) -> bool:
        """Whether the number at `pos` is a date or year (without recording it)."""
        text = self.text
        return bool(traps.DATE_DAY_MONTH.match(text, pos) or traps.TIME.match(text, pos))

    def _unit_after(self, pos: int) -> str | None:
        m = _UNIT_CS.match(self.text, pos) or _UNIT_CI.match(self.text, pos)
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
        m = _UNIT_CS.match(text, end)
        if m:
            unit = _UNIT_CS_MAP[m.group("unit")]
            if m.group("unit") == "m" and _CURRENCY_BEFORE.search(text[max(0, start - 4) : start]):
                unit = None
        if unit is None:
            m = _UNIT_CI.match(text, end)
            if m:
                surface = re.sub(r"[ \u00a0]+", " ", m.group("unit").lower())
                unit = _UNIT_MAP.get(surface)
        if unit is None and self.cyrillic:
            unit, new_end = self._russian_unit(end)
            if unit:
                end = new_end
                return self._per(unit, end)
        if unit is None:
            return None, end
        if unit == "pound" and scaled:  # "4.7 million pounds"
            unit = "GBP"
        end = m.end()
        return self._per(unit, end)

    def _per(self, unit: str, end: int) -> tuple[str, int]:
        m = _PER.match(self.text, end)
        if m and "/" not in unit:
            den = (m.group("den") or m.group("short")).lower()
            den_unit = lexicon.PER_WORDS.get(den) or russian.PER_WORDS.get(den)
            if den_unit:
                return f"{unit} / {den_unit}", m.end()
        return unit, end

    def _russian_unit(self, end: int) -> tuple[str | None, int]:
        text = self.text
        m = re.compile(r"[ \u00a0]?(?P<abbr>кв\.?[ \u00a0]?км|кв\.?[ \u00a0]?м|км/ч|м/с|км²|км2|м²|км|мм|см|"
                       r"га|кг|млн|мл|т|м|л|ч|мин|сек|руб|долл)(?P<dot>\.)?(?![А-Яа-яЁё0-9])").match(text, end)
        if m:
            abbr = m.group("abbr").replace("\u00a0", " ")
            abbr = re.sub(r"кв\.? ?", "кв. ", abbr)
            unit = russian.UNIT_ABBREVIATIONS.get(abbr)
            if unit:
                stop = m.end() if (m.group("dot") and abbr in ("руб", "долл", "мин", "сек")) else m.end("abbr")
                return unit, stop
        m = re.compile(r"[ \u00a0]+(?P<sq>квадратн[а-я]+[ \u00a0]+)?(?P<w>[А-Яа-яЁё]+)").match(text, end)
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
        "one in four": one ratio quantity over the whole phrase."""
        text = self.text
        if num.value != int(num.value) or num.value > 100 or num.value <= 0:
            return None
        m = _RATIO_COLON.match(text, num.end)
        if m and not num.words:
            b = float(m.group("b"))
            if b > 0:
                return self._add_ratio(num.start, m.end(), num.value, b)
        end = self._ratio_after(num.start, num.end, num.value)
        return end

    def _ratio_after(self, start: int, end: int, a: float) -> int | None:
        text = self.text
        m = _IN_RATIO.match(text, end)
        if m:
            second = self._small_number(m.end())
            if second and second[0] > a and second[0] <= 1000 and not self._unit_after(second[1]):
                nxt = text[second[1] : second[1] + 1]
                if nxt != "," or True:
                    return self._add_ratio(start, second[1], a, second[0])
        m = _RATIO_LINK.match(text, end)
        if not m:
            return None
        between = m.group("between").split()
        if not between and m.group("link").lower() != "к":
            return None  # "17 to 35" is a range, not a ratio
        if any(w.lower() in lexicon.COUNTED_STOP or w[0].isdigit() for w in between):
            return None
        sep_end = m.end()
        while sep_end < len(text) and text[sep_end] in " \u00a0":
            sep_end += 1
        second = self._small_number(sep_end)
        if second is None:
            return None
        b, b_end = second
        if b <= 0:
            return None
        second_noun, c_start, c_end = self._counted(b_end, "count")
        first_noun = " ".join(between) if between else None
        return self._add_ratio(start, c_end if c_end else b_end, a, b, (first_noun, second_noun))

    def _small_number(self, pos: int) -> tuple[float, int] | None:
        text = self.text
        if pos < len(text) and text[pos].isdigit():
            m = re.compile(r"[0-9]{1,4}(?![0-9.,]?[0-9])").match(text, pos)
            return (float(m.group(0)), m.end()) if m else None
        m = re.compile(r"[A-Za-zА-Яа-яЁё]+").match(text, pos)
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
            tag = russian.parse_word(m.group(0).lower()).tag
            if tag.POS not in ("ADJF", "PRTF", "NOUN"):
                break
            words.append((m.start(), m.end()))
            space = _SPACES.match(text, m.end())
            if tag.POS == "NOUN" or not space:
                break
            pos = space.end()
        if not words or russian.parse_word(text[words[-1][0] : words[-1][1]].lower()).tag.POS != "NOUN":
            return None, None, None
        s, e = words[0][0], words[-1][1]
        return text[s:e], s, e


def _plural_scale(word: str) -> float:
    w = word.lower().rstrip("s")
    return {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12.0}.get(w, 1.0)


def _year_like(span: str) -> bool:
    first = int(re.match(r"[0-9]{4}", span).group(0))
    return 1500 <= first <= 2100


_RU_ANCHOR = None


def _russian_anchor() -> re.Pattern:
    global _RU_ANCHOR
    if _RU_ANCHOR is None:
        forms = list(russian.word_forms()) + list(russian.MULTIPLIER_WORDS)
        forms = [f for f in forms if russian.word_forms().get(f) is None or
                 russian.word_forms()[f].unit is None]
        alt = "|".join(sorted(set(forms), key=len, reverse=True))
        _RU_ANCHOR = re.compile(
            rf"[0-9]|\b(?:{_EN_WORD_ALT})\b|(?<![А-Яа-яЁё])(?:{alt})(?![А-Яа-яЁё])", _I
        )
    return _RU_ANCHOR


def extract_text(text: str) -> Extraction:
    """All quantities and ignored numbers in `text`, sorted by offset."""
    ex = Scanner(text).run()
    ex.quantities.sort(key=lambda q: q.start)
    ex.ignored.sort(key=lambda i: i.start)
    return ex
