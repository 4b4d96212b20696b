"""Words as rules see them: normalised tokens, phrases and entity classes, in English and Russian.

Rule authors list words in their plain form ("fighters", "площадь"); text words are compared after the
same normalisation: lower case, ё → е, a simple English plural strip, and Russian lemmas from pymorphy3,
so "освобождённая площадь" matches "освобожденный площадь" in any case.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# a colon opens a list of parts (one between digits is a time or a score: "8:11.22", "0:2")
TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[0-9][0-9.,:]*|:")
NUMBER_TOKEN = "#"  # every number reads as this, so a word window never reaches past a figure unseen
_CYRILLIC = re.compile(r"[а-яё]")
_KNOWN: dict[str, str] = {}  # forms worked out earlier (the rule cache keeps the rule files' Russian words)
# The lemma of every Russian word of the shipped rules (written by tools/rule_lemmas.py), so that loading
# them needs no pymorphy3 dictionary, whose opening costs more than checking a short English text.
SHIPPED_LEMMAS = Path(__file__).with_name("lemmas.json")


def remember(forms: dict[str, str]) -> None:
    """Take words' normalised forms worked out earlier, so they need no pymorphy3 lookup."""
    _KNOWN.update(forms)


def russian_forms(items) -> dict[str, str]:
    """The normalised form of every Russian word of `items` (phrases), to `remember` another time."""
    return {w: normalise(w) for item in items for w in TOKEN.findall(item) if _CYRILLIC.search(w.lower())}


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """The form words are compared in."""
    known = _KNOWN.get(word)
    if known is not None:
        return known
    if word[0].isdigit():
        return NUMBER_TOKEN
    w = word.lower().replace("ё", "е").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if _CYRILLIC.search(w):
        shipped = _shipped_lemmas().get(w)
        if shipped is not None:
            return shipped
        from ..extract.russian import parse_word

        return parse_word(w).normal_form.replace("ё", "е")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@lru_cache(maxsize=1)
def _shipped_lemmas() -> dict[str, str]:
    try:
        return json.loads(SHIPPED_LEMMAS.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a damaged installation: pymorphy3 answers
        return {}


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) for each word of `text`."""
    return [(normalise(m.group(0)), m.start(), m.end()) for m in TOKEN.finditer(text)]


class Phrases:
    """A set of words and multi-word phrases to look for in a run of tokens, indexed by first word."""

    __slots__ = ("phrases", "_by_first")

    def __init__(self, phrases: tuple[tuple[str, ...], ...]):
        self.phrases = phrases
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self._by_first.setdefault(phrase[0], []).append(phrase)

    @classmethod
    def of(cls, items) -> "Phrases":
        return cls(tuple(tuple(normalise(w) for w in TOKEN.findall(item)) for item in items if TOKEN.search(item)))

    def find(self, words: list[str]) -> bool:
        """Whether any phrase occurs as consecutive words in `words`."""
        by_first = self._by_first
        for i, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if len(phrase) == 1 or tuple(words[i : i + len(phrase)]) == phrase:
                    return True
        return False

    def __bool__(self) -> bool:
        return bool(self.phrases)
