"""English numbers in words: "twenty-three", "a hundred and two", "two thirds", "half a million", "dozens",
"hundreds of thousands", "a few thousand"."""

from __future__ import annotations

import re

from . import lexicon
from .context import Before
from .state import AFTER_SP, SP, Number, ScanState

_I = re.IGNORECASE
EN_NUMBER_WORDS = (
    list(lexicon.SMALL_NUMBERS) + list(lexicon.SCALES) + ["hundred", "dozen", "tens"]
    + list(lexicon.VAGUE) + list(lexicon.FRACTIONS) + list(lexicon.MULTIPLIER_WORDS) + ["several", "few"]
)
_EN_WORD = re.compile(rf"(?:{'|'.join(sorted(set(EN_NUMBER_WORDS), key=len, reverse=True))}|a|an)\b", _I)
# between number words: "twenty-three", "a hundred and two", "two hundred & forty",
# "three million, two hundred"
_WORD_SEP = re.compile(r"(?P<comma>,)?[ \u00a0]+(?:(?P<and>and|&)[ \u00a0]+)?|-")
_DIGIT_COUNT_AFTER = re.compile(r"[- ](?:digits?|figures?)\b", re.I)
_A_BEFORE = Before(rf"(?:^|(?<=[\s(]))(?:a|an|one){SP}+", _I, width=6, last=AFTER_SP)  # "a hundred"
_FRACTION_AFTER = re.compile(rf"(?:{SP}+|-)({lexicon.alternation(lexicon.FRACTIONS)})\b", _I)  # "two thirds"
# "a third of", "a third.": a fraction rather than an ordinal ("a third term")
_FRACTION_USE = re.compile(rf"{SP}+of\b|{SP}*(?:[.,;:!?)]|$)|{SP}+(?:more|less|fewer)\b", _I)
_FRACTION_SCALE = re.compile(rf"{SP}+(?:a{SP}+)?(?P<scale>thousand|million|billion|trillion)\b", _I)
_HALF_OF = re.compile(rf"{SP}+(?:of|a|an|the|its|their|his|her|million|billion)\b", _I)  # "half of"
_SMALL_WORD_BEFORE = Before(rf"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine){SP}+", _I,
                            width=12, last=AFTER_SP)  # "two thirds"
_AND_A_BEFORE = Before(r"\band\s+a\s+", _I, width=12, last=str.isspace)  # "two and a half"
# "the half of", "the second half": no amount
_NOT_HALF_OF_BEFORE = Before(r"\b(?:first|second|the|latter|other)\s+", _I, width=12, last=str.isspace)
_SCALE_PLURAL_AFTER = re.compile(
    rf"{SP}+(?:of{SP}+)?(?P<scale>hundreds?|thousands?|millions?|billions?|dozens?)"
    rf"(?:{SP}+(?:of{SP}+)?(?P<scale2>thousands?|millions?))?\b", _I)  # "several hundred (thousand)"
# "hundreds of thousands"
_OF_SCALES = re.compile(rf"{SP}+of{SP}+(?P<scale>thousands|millions|billions)\b", _I)
_ARTICLE_BEFORE = Before(rf"\ba{SP}+", _I, width=3, last=AFTER_SP)  # "a few", "a single"


def parse_english(scan: ScanState, start: int) -> Number | None:
    """"twenty-three", "a hundred", "two hundred and fifty", "one and a half million"."""
    text = scan.text
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
            return Number(start, scale.end(), value / denominator * factor, factor / denominator,
                          words=True, scale=factor)
        return Number(start, fraction.end(), value / denominator, 1 / denominator, words=True,
                      fraction=True)
    lone_one = text[start:last_end].lower() == "one"
    scale = last_scale if current == 0 and total else 1.0  # "five thousand" ends in its scale word
    return Number(start, last_end, value, precision, words=True, lone_one=lone_one, scale=scale)


def read_single(scan: ScanState, start: int, end: int) -> Number | int:
    """"a single penny", "a single day": one, as "one" on its own reads (an amount with a unit, or a
    determiner); "single" without "a", or in "a single-digit rise", is no number."""
    article = _ARTICLE_BEFORE.match(scan.text, start)
    if article is None or _DIGIT_COUNT_AFTER.match(scan.text, end):
        return end
    return Number(article.start, end, 1.0, 1.0, words=True, lone_one=True)


def read_multiplier(scan: ScanState, start: int, end: int, word: str) -> Number | int:
    """A multiplier word: "twice", "doubled", "threefold", "halved" (but "double-digit growth" is none)."""
    if _DIGIT_COUNT_AFTER.match(scan.text, end):
        return end  # "double-digit growth", "single-figure" are no multipliers
    return Number(start, end, lexicon.MULTIPLIER_WORDS[word], 1.0, words=True, multiplier=True)


def read_fraction(scan: ScanState, start: int, end: int, word: str) -> Number | int:
    """"two thirds", "a quarter of", "half the"; with a scale word after it an amount: "half a million",
    "a quarter million", "three quarters billion"."""
    text = scan.text
    denominator = lexicon.FRACTIONS[word]
    m = _SMALL_WORD_BEFORE.match(text, start)
    scale = _FRACTION_SCALE.match(text, end)
    if scale:
        n = lexicon.SMALL_NUMBERS.get(m.group("n").lower(), 1) if m else 1
        factor = lexicon.SCALES[scale.group("scale").lower()]
        value = n / denominator * factor
        return Number(m.start if m else start, scale.end(), value, factor / denominator, words=True,
                      scale=factor)
    if m:
        n = lexicon.SMALL_NUMBERS.get(m.group("n").lower(), 1)
        s = m.start
        if word == "half" and _AND_A_BEFORE.test(text, start):
            return end  # "two and a half" is handled with its whole number
        if not _FRACTION_USE.match(text, end) and word != "half":
            return end  # "a third term" is an ordinal
        return Number(s, end, n / denominator, 1.0, words=True, fraction=True)
    if word == "half" and _HALF_OF.match(text, end):
        if _NOT_HALF_OF_BEFORE.test(text, start):
            return end
        return Number(start, end, 0.5, 1.0, words=True, fraction=True)
    return end


def read_vague(scan: ScanState, start: int, end: int, word: str) -> Number | int:
    """"dozens", "hundreds of thousands", "a few thousand", "several hundred", "tens of thousands"."""
    text = scan.text
    s = start
    if word in ("several", "few", "tens"):
        if word == "few":
            a = _ARTICLE_BEFORE.match(text, start)
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
        return Number(s, m.end(), 0, scale, words=True, vague=(low, high))
    low, high = lexicon.VAGUE[word]
    m = _OF_SCALES.match(text, end)
    if m:
        scale = _plural_scale(m.group("scale"))
        base = _plural_scale(word)
        low, high = base * scale, 10 * base * scale
        end = m.end()
    return Number(s, end, 0, 1.0, words=True, vague=(low, high))


def _plural_scale(word: str) -> float:
    """The factor of a (plural) scale word: "hundreds" -> 100, "dozen" -> 12."""
    w = word.lower().rstrip("s")
    return {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12.0}.get(w, 1.0)
