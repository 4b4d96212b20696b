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
# The lemma of every Russian word of the shipped rules (written by tools/rule_lemmas.py), so that loading
# them needs no pymorphy3 dictionary, whose opening costs more than checking a short English text.
SHIPPED_LEMMAS = Path(__file__).with_name("lemmas.json")
# Forms whose lemma would join two words: "всего" before a figure is "only" or "in total" ("дала всего
# девять концертов"), never "all of" as its lemma "весь" would have it
KEPT_AS_WRITTEN = frozenset({"всего"})
_lemmas: dict[str, str] | None = None  # those, and the ones the rule cache kept for other rule files


def _known_lemmas() -> dict[str, str]:
    global _lemmas
    if _lemmas is None:
        try:
            _lemmas = json.loads(SHIPPED_LEMMAS.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # a damaged installation: pymorphy3 answers
            _lemmas = {}
    return _lemmas


def remember(lemmas: dict[str, str]) -> None:
    """Take Russian words' lemmas worked out earlier (by `russian_lemmas`), so they need no pymorphy3."""
    _known_lemmas().update(lemmas)


def russian_lemmas(items) -> dict[str, str]:
    """The lemma of every Russian word of `items` (phrases), to `remember` another time."""
    found = {}
    for item in items:
        for word in TOKEN.findall(item):
            plain = plain_form(word)
            if _CYRILLIC.search(plain):
                found[plain] = normalise(word)
    return found


# a letter of one script right beside one of the other: one word typed partly on the other keyboard
_MIXED_SCRIPTS = re.compile(r"[a-z](?=[а-яё])|[а-яё](?=[a-z])", re.I)


def mixed_scripts(item: str) -> str | None:
    """Why a word of a rule's list can never match (one word spelled with both Latin and Cyrillic letters,
    as a look-alike typed on the other keyboard: "mирный"), or None."""
    if _MIXED_SCRIPTS.search(item) is None:  # the common case, at every rule load: one scan
        return None
    word = next(w for w in TOKEN.findall(item) if _MIXED_SCRIPTS.search(w))
    cyrillic = [c for c in word if _CYRILLIC.match(c.lower())]
    latin = [c for c in word if c.isascii() and c.isalpha()]
    odd, script = (latin, "Latin") if len(latin) <= len(cyrillic) else (cyrillic, "Cyrillic")
    return (f"'{word}' mixes Latin and Cyrillic letters ({', '.join(repr(c) for c in odd)} "
            f"{'is' if len(odd) == 1 else 'are'} {script}): no word of a text is spelled so")


def plain_form(word: str) -> str:
    """A word in lower case, with е for ё, a straight apostrophe and no possessive 's."""
    w = word.lower().replace("ё", "е").replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


_ES_PLURALS = ("sses", "ches", "shes", "xes", "zzes")


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """The form words are compared in."""
    if word[0].isdigit():
        return NUMBER_TOKEN
    w = plain_form(word)
    if _CYRILLIC.search(w):
        if w in KEPT_AS_WRITTEN:
            return w
        known = _known_lemmas().get(w)
        if known is not None:
            return known
        from ..extract.russian import parse_word

        return parse_word(w).normal_form.replace("ё", "е")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(_ES_PLURALS):  # "matches", "losses", "boxes": the plural adds "es"
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) for each word of `text`."""
    return [(normalise(m.group(0)), m.start(), m.end()) for m in TOKEN.finditer(text)]


class Phrases:
    """A set of words and multi-word phrases to look for in a run of tokens, indexed by first word."""

    __slots__ = ("phrases", "_by_first", "_firsts", "_words_only")

    def __init__(self, phrases: tuple[tuple[str, ...], ...]):
        self.phrases = phrases
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self._by_first.setdefault(phrase[0], []).append(phrase)
        self._firsts = frozenset(self._by_first)
        self._words_only = all(len(phrase) == 1 for phrase in phrases)

    def __reduce__(self):
        # pickled as its phrases alone, so that a rule set pickled by another version of this class (a
        # cluster's client and workers) still loads with the lookups this version builds
        return Phrases, (self.phrases,)

    @classmethod
    def of(cls, items) -> "Phrases":
        return cls(tuple(tuple(normalise(w) for w in TOKEN.findall(item)) for item in items if TOKEN.search(item)))

    @property
    def first_words(self) -> frozenset[str]:
        """The first word of every phrase."""
        return self._firsts

    def find(self, words: list[str]) -> bool:
        """Whether any phrase occurs as consecutive words in `words`."""
        if self._firsts.isdisjoint(words):  # the common case, in one call
            return False
        if self._words_only:
            return True
        by_first = self._by_first
        for i, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if len(phrase) == 1 or tuple(words[i : i + len(phrase)]) == phrase:
                    return True
        return False

    def __bool__(self) -> bool:
        return bool(self.phrases)
