"""What every reader of one scan shares: the scan's state, the parsed number, and the patterns for the
words right after a number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import currency, russian
from .context import Before
from .quantity import Ignored, Quantity

SP = "[ \u00a0\u202f\u2009]"  # a space between the parts of an amount: plain, no-break, thin
SPACES = re.compile(r"[ \u00a0]+")
AFTER_SP = " \u00a0\u202f\u2009".__contains__  # `last` of a pattern ending in {SP}
CURRENCY_BEFORE = currency.BEFORE
SENTENCE_START = Before(r"(?:^|[.!?:;\n][ \t\u00a0\"“«]*)", width=16)
EN_COUNTED_WORD = re.compile(r"[ \u00a0]+([A-Za-z][\w'’]*(?:-[A-Za-z]+)*)")
RU_COUNTED_WORD = re.compile(r"[ \u00a0]+([А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?)")
RU_WORD_AFTER = re.compile(r"[ \u00a0]+([А-Яа-яЁё]+)")


@dataclass(slots=True)
class Number:
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


class ScanState:
    """One scan of one text: the text, whether it has Cyrillic (and then the Russian word forms), and the
    quantities and set-aside numbers found so far. Every reader takes it as its first argument."""

    __slots__ = ("cyrillic", "ignored", "quantities", "ru_words", "text")

    def __init__(self, text: str):
        self.text = text
        self.cyrillic = russian.CYRILLIC.search(text) is not None
        self.quantities: list[Quantity] = []
        self.ignored: list[Ignored] = []
        if self.cyrillic:
            self.ru_words = russian.word_forms()

    def ignore(self, start: int, end: int, reason: str) -> int:
        """Set aside [start, end) as no amount, for `reason`; return `end`, where the scan goes on."""
        self.ignored.append(Ignored(start, end, self.text[start:end], reason))
        return end
