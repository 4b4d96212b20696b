"""Deciding that a number is not an amount: dates, times, years, scores, designations and model numbers,
identifiers, names with a number, footnote markers, list numbering, and ages written without a unit.
The patterns are in `traps.py`; these are the decisions around them."""

from __future__ import annotations

import re

from . import currency, lexicon, russian, traps
from .context import Before
from .counted import plural_noun_after
from .digits import DIGITS, SCALE_AFTER
from .qualifiers import QUALIFIER_EN, QUALIFIER_RU
from .quantity import Quantity
from .ranges import RANGE_START
from .ratios import RATIO_COLON, TIMES
from .state import (
    CURRENCY_BEFORE,
    EN_COUNTED_WORD,
    RU_COUNTED_WORD,
    RU_WORD_AFTER,
    SENTENCE_START,
    SP,
    Number,
    ScanState,
)
from .units_after import unit_after
from .unitwords import UNITS

_I = re.IGNORECASE
_LONG_NUMBER = re.compile(r"[0-9]{31,}|[0-9]{1,3}(?:(?P<sep>[, .\u00a0\u202f\u2009])[0-9]{3})(?:(?P=sep)[0-9]{3}){9,}")
_DIGIT_RUN = re.compile(r"[0-9]*")
_YEAR = re.compile(r"(1[5-9][0-9]{2}|20[0-9]{2})(?![0-9]|[.,][0-9])")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_NUMBER_PAIR_AFTER = re.compile(r" ?[-–:] ?[0-9]")
_LINE_START = Before(r"(?:^|[\r\n])[ \t]*", last=" \t\r\n".__contains__)
_NAME_BEFORE = Before(r"[\w\"”»']+ ", width=30, last=" ".__eq__)  # "IS 1", "Islamic State" 1
_RATIO_WORD_BEFORE = Before(r"(?:ratio|rate|odds|scale|соотношени\w*|пропорци\w*)\W*", _I)  # "a ratio of 3:2"
_CYRILLIC_START = re.compile(r"[а-яё]")
# "737 Max", "iPhone 11 Pro": a model number followed by its variant's name
_MODEL_VARIANT_AFTER = re.compile(rf"{SP}(?:Max|Pro|Plus|Mini|Ultra|Neo|Lite|XL|GT|GTI|Series|Edition|Turbo)\b")


def digit_trap(scan: ScanState, start: int) -> int | None:
    """If the number at `start` is a long number, date, time, year, designation ..., record it and return
    its end.

    Each trap is tried only where the shape of the digits allows it (how many digits, the character
    after them), so a plain "2,800" costs a few comparisons rather than a dozen regex matches."""
    text = scan.text
    long_run = _LONG_NUMBER.match(text, start)
    if long_run:  # 31 digits or more (1e30): a checksum, key or test string, never an amount in news
        return scan.ignore(start, long_run.end(), "long number")
    prev = text[start - 1] if start else " "
    run_end = _DIGIT_RUN.match(text, start).end()
    run, nxt = run_end - start, text[run_end : run_end + 1]  # "16: 04" -> 2, ":"
    if run <= 2 and ":" in text[run_end : run_end + 2]:
        end = _clock_time(scan, start, prev)
        if end is not None:
            return end
    if (prev.isalpha() or prev == "_" or prev in "-." and start >= 2 and text[start - 2].isalpha() or (
            prev == "." and start >= 2 and text[start - 2].isalnum() and not text[start - 2].isdigit())
            ) and not CURRENCY_BEFORE.test(text, start) and not traps.PREFIX_WORD_BEFORE.test(text, start):
        # "USD10m", "RM23.50", "sub-7 nanometer", "minus-130 degrees", "her now-18 month-old" are amounts
        return _glued_to_word(scan, start, prev)
    if prev == "-" and start >= 2 and text[start - 2] == " ":
        word = traps.WORD_BEFORE.match(text, start - 1)
        if word and traps.model_word(word.group(1)):  # "COVID -19"
            return scan.ignore(start - 1, traps.glued_token_end(text, start), "designation")
    if run <= 2 and (nxt in ".: " or nxt.isalpha()):
        m = traps.TIME_AMPM.match(text, start)
        if m:
            return scan.ignore(start, m.end(), "time")
    if run <= 2 and nxt == ".":
        m = traps.TIME_DOT.match(text, start)
        if m and traps.TIME_DOT_BEFORE.test(text, start) and not _amount_follows(scan, m.end()):
            return scan.ignore(start, m.end(), "time")  # "at 14.30", but "from 6.29%" is an amount
    if (run <= 2 and nxt in "./") or (run == 4 and nxt == "-"):
        m = traps.DATE_NUMERIC.match(text, start) or traps.NAMED_DATE.match(text, start)
        if m is None and nxt == "/" and traps.DATE_WORD_BEFORE.test(text, start):
            m = traps.DATE_SLASH.match(text, start)
        if m:
            return scan.ignore(start, m.end(), "date")
    m = traps.MONTH_BEFORE.match(text, start)
    if m:
        d = traps.DATE_AFTER_MONTH.match(text, start)
        if d:
            return scan.ignore(m.start, d.end(), "date")
    if run <= 2 and (nxt in " -–" or nxt.isalpha()):
        m = traps.DATE_DAY_MONTH.match(text, start)
        if m:
            return scan.ignore(start, m.end(), "date")
    if run <= 4 and nxt in " -(":
        m = traps.PHONE.match(text, start)
        plus = prev == "+"
        if m and (m.group(0).count("-") >= 2 or "(" in m.group(0) or plus):
            if sum(c.isdigit() for c in m.group(0)) >= 7:
                return scan.ignore(start - plus, m.end(), "identifier")
    if ((run <= 3 and nxt in ".)") or (run == 1 and nxt == " ")) and _LINE_START.test(text, start):
        m = traps.LIST_ITEM.match(text, start)
        if m:
            return scan.ignore(start, start + len(m.group(0).split(".")[0].split(")")[0]), "list")
        m = traps.FOOTNOTE_LINE_START.match(text, start)
        if m:
            return scan.ignore(start, start + 1, "footnote")
    if _footnote(scan, start, prev):
        return scan.ignore(start, start + 1, "footnote")
    if run <= 3 and nxt in ":-–" and not prev.isdigit():
        m = traps.SCORE.match(text, start)
        if m and _is_score(scan, m, start):
            return scan.ignore(start, m.end(), "score")
    if run <= 3 and prev == " " and text[start - 2 : start - 1] == ",":
        m = traps.AGE_APPOSITION.match(text, start)
        if m and int(m.group(1)) <= 120 and traps.NAME_COMMA_BEFORE.test(text, start):
            return record_age(scan, start, m.end(1))  # "Senard, 65, now faces"
    if prev == " " and text[start - 2 : start - 1] in ("D", ".", "C", "E") and traps.ERA_BEFORE.test(text, start):
        m = traps.ERA_YEARS.match(text, start)
        return scan.ignore(start, m.end(), "year")  # "A.D. 1000 and 1260"
    if run == 4:
        m = traps.YEAR_RANGE.match(text, start)
        if m and _year_like(m.group(0)):
            return scan.ignore(start, m.end(), "year")
        m = traps.CLOCK_ZONE.match(text, start)
        if m:
            return scan.ignore(start, m.end(), "time")  # "0401 GMT"
    if nxt in "s'’-":
        m = traps.DECADE.match(text, start)
        if m:
            return scan.ignore(start, m.end(), "year")
    end = _named_number(scan, start)
    if end is not None:
        return end
    if run == 4:
        m = _YEAR.match(text, start)
        if m and _is_year(scan, start, m.end()):
            return scan.ignore(start, m.end(), "year")
        if text.startswith("21", start) and traps.FUTURE_YEAR_BEFORE.test(text, start):
            return scan.ignore(start, start + 4, "year")  # "by 2120"
    return None


def record_age(scan: ScanState, start: int, end: int) -> int:
    """An age written without its unit ("Senard, 65,", "aged 94", "29-летнему"): a duration in years."""
    value = float(DIGITS.match(scan.text, start).group(0))
    scan.quantities.append(Quantity(start=start, end=end, text=scan.text[start:end], value=value, low=value,
                                    high=value, qualifier="exact", unit="year", kind="measure", precision=1.0))
    return end


def _is_score(scan: ScanState, m: re.Match, start: int) -> bool:
    """Whether "2-2", "2-0 down", "115:113", "0:2", "со счётом 3:1" is a score: equal ends, a zero end of
    a colon pair, three-digit ends, or a word of sport next to it (a range or ratio otherwise)."""
    a, b, sep = int(m.group("a")), int(m.group("b")), m.group("sep")
    if traps.SCORE_WORD_BEFORE.test(scan.text, start) or traps.SCORE_WORD_AFTER.match(scan.text, m.end()):
        return True
    if traps.SCORE_SEQUENCE.match(scan.text, m.end()):
        return True  # tennis sets: "4-6 6-3 6-4"
    if sep == ":":
        return a == 0 or b == 0 or a == b or a >= 100 or b >= 100
    return a == b and not RANGE_START.test(scan.text, start)


def _clock_time(scan: ScanState, start: int, prev: str) -> int | None:
    """"16: 04", "00:07" (but not the ratio "3:2" after "a ratio of")."""
    text = scan.text
    m = traps.TIME.match(text, start)
    if m is None or prev.isdigit():
        return None
    hours, _, minutes = m.group(0).partition(":")
    if RATIO_COLON.match(text, start + len(hours.rstrip())) and len(
            m.group(0).split(":")[-1].split(".")[0].strip()) != 2:
        return None
    if (m.group(0).count(":") == 1 and minutes.strip()[:1] != "0" and len(hours.strip()) == 1
            and _RATIO_WORD_BEFORE.test(text, start)):
        return None
    return scan.ignore(start, m.end(), "time")


def _glued_to_word(scan: ScanState, start: int, prev: str) -> int:
    """Digits glued to a word on their left: "M1A1", "G20", "H5N1", "S-75", "MiG-29" are designations;
    "Vadim237", "kenig1", "report.2" identifiers."""
    text = scan.text
    if prev.isalpha() or prev == "_":
        token_start = start
        while token_start > 0 and (text[token_start - 1].isalnum() or text[token_start - 1] == "_"):
            token_start -= 1
        token = text[token_start : traps.glued_token_end(text, start)]
        letters = "".join(c for c in token if c.isalpha())
        reason = "designation" if token[0].isupper() and len(letters) <= 4 else "identifier"
        return scan.ignore(token_start, token_start + len(token), reason)
    if prev == "-":
        word = traps.WORD_BEFORE.match(text, start - 1)
        w_start = start - 1 - len(word.group(1)) if word else start
        return scan.ignore(w_start, traps.glued_token_end(text, start), "designation")
    return scan.ignore(start, traps.glued_token_end(text, start), "identifier")


def _named_number(scan: ScanState, start: int) -> int | None:
    """A number that names a thing: "Article 51", "№ 5", "Boeing 747", "Core i7 860", "English 101",
    "the Big 12", "S&P 500", "Radio 4"."""
    text = scan.text
    word = traps.WORD_BEFORE.match(text, start)
    digits = DIGITS.match(text, start) if text[start].isdigit() else None
    digits_end = digits.end() if digits else start + 1
    whole = digits is not None and digits.group("frac") is None
    if whole and ((word and traps.identifier_word(word.group(1)) and not _amount_follows(scan, digits_end))
                  or traps.NUMERO_BEFORE.test(text, start)):
        return scan.ignore(start, digits_end, "identifier")
    if word and (traps.model_word(word.group(1)) or _model_number(scan, word.group(1), start, digits_end)):
        return scan.ignore(start, traps.glued_token_end(text, start), "designation")
    quoted = text[digits_end : digits_end + 1] in traps.CLOSING_QUOTES
    if quoted and traps.QUOTED_NAME_BEFORE.test(text, start):
        return scan.ignore(start, digits_end, "identifier")  # the course "English 101"
    if not whole:
        return None
    if _MODEL_VARIANT_AFTER.match(text, digits_end) and digits_end - start >= 2:
        return scan.ignore(start, digits_end, "designation")  # "several 737 Max jets"
    if word is None:
        if text[start - 1 : start] in traps.OPENING_QUOTES:
            m = traps.QUOTED_NUMBER.match(text, start)
            if m:
                return scan.ignore(start, m.end(), "name")  # the channel «1+1», the series "24"
        return None
    name = word.group(1)
    if name[0].isupper():
        if _name_with_number(scan, word, start, digits_end):
            return scan.ignore(word.start, digits_end, "name")
        if name.isupper() and len(name) >= 2 and name.isascii() and _NUMBER_PAIR_AFTER.match(text, digits_end):
            return scan.ignore(word.start, traps.glued_token_end(text, start), "designation")  # "ATR 72-500"
        return None
    lowered = name.lower()
    if lowered in ("top", "number") and traps.RANK_BEFORE.test(text, start) \
            and not _amount_follows(scan, digits_end):
        return scan.ignore(start, digits_end, "ordinal")  # "a top 10 single"
    if lowered == "last" and traps.LAST_ROUND_BEFORE.test(text, start) \
            and not _amount_follows(scan, digits_end) and not plural_noun_after(scan, digits_end):
        return scan.ignore(start, digits_end, "name")  # "in the last 16": a round
    return None


def _amount_follows(scan: ScanState, end: int) -> bool:
    """Whether what follows a number makes it an amount: a unit, scale word, "%" or currency."""
    text = scan.text
    return bool(UNITS.match(text, end) or SCALE_AFTER.match(text, end)
                or currency.MILLION_AFTER.match(text, end))


def _name_with_number(scan: ScanState, word, start: int, end: int) -> bool:
    """A proper name ending in a number: "the Big 12", "Game 7", "Radio 4", "S&P 500", "FTSE 100
    index", "Planet 9 citizen scientists": a capitalised word inside a sentence right before a
    whole number that nothing after it makes an amount (no unit, no scale, no plural noun it counts).
    Latin script only: Russian capitalises no common nouns either, but puts cases on names
    ("в Москве 12 человек")."""
    text = scan.text
    name = word.group(1)
    if not (name[:1].isupper() and name.isascii()) or end - start > 4 or text[start - 1 : start] != " ":
        return False
    if name.lower() in lexicon.NOT_NAMES or CURRENCY_BEFORE.test(text, start):
        return False  # "About 300", "In 2019", "The 12 ...", "USD 200"
    if SENTENCE_START.test(text, word.start) and name[1:].islower():
        return False  # "Officials 12 ...": a sentence's first word; "FTSE 100 closed" is still a name
    if _amount_follows(scan, end) or TIMES.match(text, end) or _NUMBER_PAIR_AFTER.match(text, end):
        return False  # "beat Charlton 2-1" is a score
    nxt = EN_COUNTED_WORD.match(text, end)
    if nxt is None:
        return True
    follower = nxt.group(1)
    if follower[0].isupper() or follower.lower() in lexicon.COUNTED_STOP:
        return True  # "iPhone 11 Pro", "Game 6 after"
    return not (follower.lower() in lexicon.COUNT_NOUNS or (follower.endswith("s") and not follower.endswith("ss")))


def _model_number(scan: ScanState, word: str, start: int, end: int) -> bool:
    """A model number after a model token, and not followed by what it would count: "Core i7 860
    Processor"."""
    if end - start > 4 or not traps.model_token(word):
        return False
    nxt = EN_COUNTED_WORD.match(scan.text, end)
    return not (nxt and nxt.group(1)[0].islower()) and not UNITS.match(scan.text, end)


def _footnote(scan: ScanState, start: int, prev: str) -> bool:
    """A footnote marker: one digit after a name or quote ("Islamic State" 1 (banned ...), "IS 1 has
    proven", "ИГ 1 взяло"), followed by a bracket or a verb rather than by what it counts."""
    text = scan.text
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
    nxt = RU_WORD_AFTER.match(text, start + 1)
    return bool(nxt and scan.cyrillic and russian.parse_word(nxt.group(1).lower()).tag.POS == "VERB")


def _is_year(scan: ScanState, start: int, end: int) -> bool:
    """Whether the four digits at [start, end) are a year: not when a qualifier, currency sign, unit,
    scale word or counted noun makes them an amount ("about 1500", "$2000", "1500 people")."""
    text = scan.text
    if traps.YEAR_WORD_AFTER.match(text, end):
        return True
    if traps.AMOUNT_OF_BEFORE.test(text, start):
        return False  # "an average of 1500", "a total of 2000"
    if QUALIFIER_EN.match(text, start):
        return False
    if scan.cyrillic:
        qm = QUALIFIER_RU.match(text, start)
        if qm and not text[qm[1] : start].rstrip().endswith(("до", "с")):
            return False
    if CURRENCY_BEFORE.test(text, start):
        return False
    if UNITS.match(text, end) or SCALE_AFTER.match(text, end):
        return False
    if _part_of_larger_whole(text, start, end) or traps.PART_OF_BEFORE.test(text, start):
        return False  # "1717 из 2111 школ", "12 out of 2010"
    nxt = EN_COUNTED_WORD.match(text, end) or RU_COUNTED_WORD.match(text, end)
    if nxt and nxt.group(1).lower() in lexicon.COUNT_NOUNS:
        return False
    if nxt and scan.cyrillic and _CYRILLIC_START.match(nxt.group(1)):
        parse = russian.parse_word(nxt.group(1).lower())
        if parse.tag.POS == "NOUN" and "plur" in parse.tag and "gent" in parse.tag:
            return False
        if parse.normal_form == "человек":
            return False
    return True


def _part_of_larger_whole(text: str, start: int, end: int) -> bool:
    """Whether the four digits at [start, end) are the part of "N из M", "N of M" with M larger, and no
    word of time before them."""
    m = traps.PART_OF_AFTER.match(text, end)
    if m is None or traps.YEAR_PREPOSITION_BEFORE.test(text, start):
        return False
    whole = re.sub(r"[ ,.\u00a0]", "", m.group(1))
    return whole.isdigit() and int(whole) > int(text[start:end])


def number_word_in_name(scan: ScanState, num: Number) -> bool:
    """A capitalised number word inside a sentence, next to another capitalised word: part of a name."""
    text = scan.text
    if not text[num.start].isupper() or SENTENCE_START.test(text, num.start) or unit_after(scan, num.end):
        return False
    after = EN_COUNTED_WORD.match(text, num.end)
    return not (after and after.group(1)[0].islower() and after.group(1).lower() not in lexicon.COUNTED_STOP)


def _year_like(span: str) -> bool:
    """Whether a span starting with four digits starts with a plausible year: "1980-1983"."""
    first = int(_FOUR_DIGITS.match(span).group(0))
    return 1500 <= first <= 2100
