"""Russian numbers in words: numerals in every case ("двадцати трёх"), scale and vague nouns ("сотни
тысяч"), fractions ("две трети"), multipliers ("вдвое") and the "each" of a ratio."""

from __future__ import annotations

import re

from . import russian
from .context import Before
from .state import AFTER_SP, RU_COUNTED_WORD, RU_WORD_AFTER, SP, SPACES, Number, ScanState

_I = re.IGNORECASE
_CYRILLIC_LETTERS = re.compile(r"[А-Яа-яЁё]+")
_VAGUE_LEFT = Before(rf"(?:^|(?<=[\s(]))(?P<word>a{SP}+few|several|несколько|many|tens{SP}+of){SP}+", _I,
                     width=14, last=AFTER_SP)
_RU_WORD_BEFORE = Before(r"(?P<n>[А-Яа-яЁё]+)[ \u00a0]+", width=12, last=AFTER_SP)  # "две трети"
RU_EACH = frozenset({"каждого", "каждую", "каждое", "каждый"})
_RU_NA_BEFORE = re.compile(r"(?:^|\s)на\s+$", re.I)
_RU_AND_A_HALF = re.compile(r"[ \u00a0]+с[ \u00a0]+половиной\b", re.I)


def read_russian(scan: ScanState, start: int, end: int) -> Number | int:
    """Russian numeral words, scale and vague nouns, fractions and multipliers."""
    text, forms = scan.text, scan.ru_words
    word = text[start:end].lower().replace("ё", "е")
    if word in RU_EACH:
        # "на каждого погибшего приходится трое раненых": "each" is the 1 of a ratio, and nothing else
        return Number(start, end, 1.0, 1.0, words=True, lone_one=True) \
            if _RU_NA_BEFORE.search(text, max(0, start - 4), start) else end
    if word in russian.MULTIPLIER_WORDS:
        return Number(start, end, russian.MULTIPLIER_WORDS[word], 1.0, words=True, multiplier=True)
    info = forms.get(word)
    if info is None:
        return end
    if info.fraction is not None:
        m = _RU_WORD_BEFORE.match(text, start)
        n_info = forms.get(m.group("n").lower()) if m else None
        if n_info and n_info.number and n_info.number < 10:
            return Number(m.start, end, n_info.number * info.fraction, 1.0, words=True, fraction=True)
        return Number(start, end, info.fraction, 1.0, words=True, fraction=True)
    if info.number is None and info.vague is not None and not info.singular:
        m = _VAGUE_LEFT.match(text, start)
        low, high = info.vague
        s = start
        if m:  # "несколько тысяч"
            scale = info.scale or (10 if info.lemma == "десяток" else 100)
            low, high = 2 * scale, 9 * scale
            s = m.start
        nxt = RU_COUNTED_WORD.match(text, end)
        nxt_info = forms.get(nxt.group(1).lower().replace("ё", "е")) if nxt else None
        if nxt_info and nxt_info.scale and nxt_info.vague and not nxt_info.singular:
            low, high = low * nxt_info.scale, high * nxt_info.scale  # "сотни тысяч"
            end = nxt.end()
        return Number(s, end, 0, 1.0, words=True, vague=(low, high))
    # a cardinal: "двадцать три", "полтора миллиона", "тысяча", "две тысячи пятьсот"
    total, current, pos, last_end, seen = 0.0, 0.0, start, start, False
    precision, scale = 1.0, 1.0  # the scale word's factor, so that a range or change does not apply another
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
            scale = max(scale, w_info.scale)
        else:
            break
        seen = True
        last_end = m.end()
        sep = SPACES.match(text, m.end())
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
        scale_word = RU_COUNTED_WORD.match(text, last_end)
        scale_info = forms.get(scale_word.group(1).lower().replace("ё", "е")) if scale_word else None
        if scale_info and scale_info.scale:
            value *= scale_info.scale
            precision *= scale_info.scale
            scale = scale_info.scale
            last_end = scale_word.end()
    nxt = RU_WORD_AFTER.match(text, last_end)
    nxt_info = forms.get(nxt.group(1).lower().replace("ё", "е")) if nxt else None
    if nxt_info and nxt_info.fraction and 0 < value < 10 and total == 0:  # "две трети"
        return Number(start, nxt.end(), value * nxt_info.fraction, 1.0, words=True, fraction=True)
    lone_one = value == 1 and last_end - start <= 6  # "один": a determiner more often than a count
    return Number(start, last_end, value, precision, words=True, lone_one=lone_one, scale=scale)
