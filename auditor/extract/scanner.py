"""The extractor: one pass over the text, anchored at digits and number words.

For speed, one compiled regex finds the next place a number can start; everything else (scale words,
ranges, units, qualifiers, traps, the counted noun) is decided by small anchored matches around it, so
the cost grows with the number of numbers, not with the length of the text. The readers live in one
module per concept (`digits`, `english_words`, `russian_words`, `units_after`, `counted`, `ranges`,
`ratios`, `qualifiers`, `trap_checks`, `amount`); they share a `ScanState`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon, russian, traps
from .amount import finish
from .digits import SCALE_AFTER, VULGAR, apply_scale, parse_digits, read_scale, read_sign, read_tolerance
from .english_words import (EN_NUMBER_WORDS, parse_english, read_fraction, read_multiplier, read_single,
                            read_vague)
from .quantity import Extraction
from .ratios import TIMES
from .russian_words import RU_EACH, read_russian
from .state import Number, ScanState
from .trap_checks import digit_trap, number_word_in_name, record_age
from .units_after import glued_temperature, unit_after
from .unitwords import UNITS

_I = re.IGNORECASE


def _anchor_regex(words) -> re.Pattern:
    """Where a number can start in *lowercased* text: a digit or vulgar fraction, or one of `words`
    standing alone. The first-letter lookahead lets the engine skip most positions before trying the
    alternation."""
    words = sorted(set(words), key=len, reverse=True)
    firsts = "".join(sorted({w[0] for w in words}))
    return re.compile(rf"[0-9{VULGAR}]|(?<!\w)(?=[{firsts}])(?:{'|'.join(words)})(?!\w)")


_ANCHOR_EN = _anchor_regex(EN_NUMBER_WORDS + ["single"])  # "a single penny"
# Terminal control sequences a hostile document may carry: OSC (ESC ] ... BEL or ST), CSI (ESC [ ...),
# and their one-character C1 forms (U+009D, U+009B)
_CONTROL_SEQUENCE = re.compile(r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?"
                               r"|(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]?")


class Scanner:
    """Finds the quantities in one text: `Scanner(text).run()` (or `extract_text(text)`)."""

    def __init__(self, text: str):
        self.state = ScanState(text)
        self.anchor = _russian_anchor() if self.state.cyrillic else _ANCHOR_EN

    def _anchor_text(self) -> str:
        """The text the anchor regex scans: lowercased, and "ё" read as "е" ("трёх" is looked up as
        "трех"); both keep every offset, else the text is used as it is with a case-blind anchor."""
        text = self.state.text
        low = text.lower()
        if len(low) != len(text):  # a few characters ("İ") lowercase to two
            self.anchor = re.compile(self.anchor.pattern, _I)
            low = text
        return low.replace("ё", "е") if self.state.cyrillic else low

    def run(self) -> Extraction:
        """Scan the text once, from anchor to anchor; each reader returns where the scan goes on."""
        scan = self.state
        text, pos = scan.text, 0
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
                    pos = scan.ignore(controls[0][0], controls.pop(0)[1], "control sequence")
                    continue
            if text[start] < "A" or text[start] in VULGAR:  # a digit or "½"
                end = _at_digits(scan, start)
            else:
                end = _at_word(scan, start, m.end())
            pos = max(end, m.end())
        return Extraction(scan.quantities, scan.ignored)


def _at_digits(scan: ScanState, start: int) -> int:
    """A number in digits at `start`: a trap (date, year, designation ...) or an amount."""
    text = scan.text
    trap = digit_trap(scan, start)
    if trap is not None:
        return trap
    num = parse_digits(scan, start)
    if num is None:
        return start + 1
    after = num.end
    # glued to letters on the right: "851c06dc5d10", "28399944.html" (but "10k", "4bn", "12km", "5th")
    if after < len(text) and (text[after].isalpha() or (text[after] == "." and after + 1 < len(text)
                                                        and text[after + 1].isalpha())):
        ordinal = traps.ORDINAL_SUFFIX.match(text, after)
        if ordinal:
            return scan.ignore(start, ordinal.end(), "ordinal")
        if not (SCALE_AFTER.match(text, after) or UNITS.match(text, after)
                or TIMES.match(text, after) or text[after] == "." or glued_temperature(text, start, after)):
            return scan.ignore(start, traps.glued_token_end(text, after), "identifier")
        if text[after] == "." and text[after + 1 : after + 2].isalpha() and not text[after + 1].isupper():
            return scan.ignore(start, traps.glued_token_end(text, after), "identifier")
    if scan.cyrillic and text.startswith("-", after):
        if traps.RU_AGE_ADJECTIVE.match(text, after) and num.value <= 150:
            return record_age(scan, start, num.end)  # "17-летней", "29-летнему сержанту"
        m = traps.RU_SCALE_ADJECTIVE.match(text, after)
        if m:  # "45-тысячного стадиона": an amount of 45,000 in the adjective
            scale = 1e3 if m.group(1).lower().startswith("тысяч") else 1e6
            apply_scale(scan, num, scale, m.end())
            return finish(scan, num)
    if text.startswith("-", after) and traps.ORDINAL_SUFFIX.match(text, after) and scan.cyrillic:
        m = traps.ORDINAL_SUFFIX.match(text, after)
        return scan.ignore(start, m.end(), "ordinal")
    read_sign(scan, num)
    read_scale(scan, num)
    read_tolerance(scan, num)
    return finish(scan, num)


def _at_word(scan: ScanState, start: int, end: int) -> int:
    """A number word at [start, end): Russian, or English (a multiplier, fraction, vague amount or
    cardinal)."""
    text = scan.text
    word = text[start:end].lower()
    if scan.cyrillic and "а" <= word[:1] <= "я" or word[:1] == "ё":
        return _finished(scan, read_russian(scan, start, end))
    if word in lexicon.MULTIPLIER_WORDS:
        return _finished(scan, read_multiplier(scan, start, end, word))
    if word in lexicon.FRACTIONS:
        return _finished(scan, read_fraction(scan, start, end, word))
    if word in lexicon.VAGUE or word in ("several", "few", "tens"):
        return _finished(scan, read_vague(scan, start, end, word))
    if word == "single":
        return _finished(scan, read_single(scan, start, end))
    num = parse_english(scan, start)
    if num is None:
        return end
    if number_word_in_name(scan, num):
        return scan.ignore(num.start, num.end, "name")  # "the Six Nations", "the Kick Six", "Big Ten"
    if traps.RANK_BEFORE.test(text, num.start) and not unit_after(scan, num.end):
        return scan.ignore(num.start, num.end, "ordinal")  # "eight top three hits", "four number ones"
    return finish(scan, num)


def _finished(scan: ScanState, found: Number | int) -> int:
    """Where the scan goes on after a reader: the end it returned, or the end of the quantity it found."""
    return found if found.__class__ is int else finish(scan, found)


def _control_sequences(text: str) -> list[tuple[int, int]]:
    """The spans of terminal control sequences in `text` (none in ordinary text: one cheap test first)."""
    if "\x1b" not in text and "\x9b" not in text and "\x9d" not in text:
        return []
    return [m.span() for m in _CONTROL_SEQUENCE.finditer(text)]


@lru_cache(maxsize=1)
def _russian_anchor() -> re.Pattern:
    """The anchor for text with Cyrillic: the English number words and every form of the Russian ones
    (not of unit words: "километров" starts no number), built on the first Cyrillic text."""
    forms = russian.word_forms()
    words = [w for w, info in forms.items() if info.unit is None] + list(russian.MULTIPLIER_WORDS)
    return _anchor_regex(EN_NUMBER_WORDS + ["single"] + words + list(RU_EACH))


def extract_text(text: str) -> Extraction:
    """All quantities and ignored numbers in `text`, sorted by offset."""
    ex = Scanner(text).run()
    ex.quantities.sort(key=lambda q: q.start)
    ex.ignored.sort(key=lambda i: i.start)
    return ex
