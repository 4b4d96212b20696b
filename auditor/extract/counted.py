"""The noun an amount counts ("2,800 ISIS fighters were" → "ISIS fighters", "тысячи мирных жителей" →
"мирных жителей"), and whether a lone "one" counts anything."""

from __future__ import annotations

import re

from . import lexicon, russian
from .context import Before
from .state import EN_COUNTED_WORD, SENTENCE_START, SPACES, Number, ScanState

_I = re.IGNORECASE
_SKIP_PARENS = re.compile(r"[ \u00a0]*(?:\((?:!|\?|!!|sic)\)[ \u00a0]*)?")  # "1,500 (!) military personnel"
_OF_THE = re.compile(r"of[ \u00a0]+(?:the[ \u00a0]+)?", _I)
_LATIN_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z0-9]+)*")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")
_CYRILLIC_ACRONYM = re.compile(r"[А-ЯЁ]{2,6}")
CASUALTY_WORDS = frozenset({"dead", "wounded", "injured", "killed"})
# "one" as a word for a thing, not a count: "the one", "this one", "no one", "every one".
_ONE_PRONOUN_BEFORE = Before(
    r"\b(?:the|this|that|which|no|any|every|each|some|another|last|same|little|big|new|old|right|wrong|"
    r"such|a|an|anyone|someone|loved|young|ones?)\s+", re.I, width=10, last=str.isspace)
_ONE_NOT_BEFORE = frozenset({"day", "way", "another", "thing", "time"})  # idioms: "one day", "one way or"


def counted_after(scan: ScanState, end: int, kind: str) -> tuple[str | None, int | None, int | None]:
    """The noun phrase an amount counts: "2,800 ISIS fighters were" → "ISIS fighters"."""
    if kind != "count":
        return None, None, None
    text = scan.text
    pos = _SKIP_PARENS.match(text, end).end()
    if pos == end:
        return None, None, None
    of = _OF_THE.match(text, pos)
    if of:
        pos = of.end()
    if scan.cyrillic and _CYRILLIC_WORD.match(text, pos):
        return _russian_counted(scan, pos)
    words: list[tuple[int, int]] = []
    while len(words) < 4:
        m = _LATIN_WORD.match(text, pos)
        if not m:
            break
        lw = m.group(0).lower()
        casualty = lw in CASUALTY_WORDS
        if lw in lexicon.COUNTED_STOP and not (casualty and not words):
            break
        if lw in lexicon.SMALL_NUMBERS or lw in lexicon.SCALES:
            break
        if words and lw.endswith("ed") and not m.group(0)[0].isupper():
            break
        words.append((m.start(), m.end()))
        space = SPACES.match(text, m.end())
        if casualty or not space:
            break
        pos = space.end()
    if not words:
        return None, None, None
    s, e = words[0][0], words[-1][1]
    return text[s:e], s, e


def _russian_counted(scan: ScanState, pos: int) -> tuple[str | None, int | None, int | None]:
    """Adjectives and participles up to the first noun: "тысячи мирных жителей" → "мирных жителей"."""
    text = scan.text
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
        space = SPACES.match(text, m.end())
        if tag.POS == "NOUN" or not space:
            break
        pos = space.end()
    last = text[words[-1][0] : words[-1][1]] if words else ""
    if not words or (russian.parse_word(last.lower()).tag.POS != "NOUN" and not _CYRILLIC_ACRONYM.fullmatch(last)):
        return None, None, None
    s, e = words[0][0], words[-1][1]
    return text[s:e], s, e


def plural_noun_after(scan: ScanState, pos: int) -> bool:
    """Whether a plural noun follows: "10 to 15 people", "10 to 15 injured civilians"."""
    m = EN_COUNTED_WORD.match(scan.text, pos)
    if m is None or not m.group(1)[0].islower():
        return False
    word = m.group(1).lower()
    return word in lexicon.COUNT_NOUNS or (word.endswith("s") and not word.endswith("ss")
                                           and word not in lexicon.COUNTED_STOP)


_LIST_LINK = re.compile(r",|\b(?:and|и)\b", re.I)
_LIST_BREAK = re.compile(r"[.!?;:]")
_LIST_REACH = 40  # the most characters from the count before to a "one" listed after it
_ONE_OF = re.compile(r"\s+(?:of|из)\b", re.I)  # "eight of the trials, one of which": one taken out of them


def one_in_a_list(scan: ScanState, num: Number) -> bool:
    """Whether a lone "one" is listed after a count of its clause ("22 wins, one defeat and one draw";
    "одержал 25 побед, потерпел одно поражение"): then it counts as the figures beside it do. Not "one of
    which", and not an English "One" with a capital, a name ("two channels and BBC One")."""
    text = scan.text
    if not scan.quantities or _ONE_PRONOUN_BEFORE.test(text, num.start) or _ONE_OF.match(text, num.end) \
            or "A" <= text[num.start] <= "Z":
        return False
    before = scan.quantities[-1]
    gap = text[before.end : num.start]
    return (before.kind == "count" and not before.determiner and len(gap) <= _LIST_REACH
            and not _LIST_BREAK.search(gap) and _LIST_LINK.search(gap) is not None)


def one_counts(scan: ScanState, num: Number) -> bool:
    """Whether a lone "one" counts something ("one of the best speakers", "one solution", "in one
    area") rather than standing for a noun ("the same one", "one that was", "BBC One")."""
    text = scan.text
    if text[num.start].isupper() and not SENTENCE_START.test(text, num.start):
        return False  # "BBC One", "Formula One"
    if _ONE_PRONOUN_BEFORE.test(text, num.start):
        return False
    m = EN_COUNTED_WORD.match(text, num.end)
    if m is None:
        return False
    word = m.group(1).lower()
    return word == "of" or (word not in lexicon.COUNTED_STOP and word[0].islower()
                            and not word.endswith(("ly", "ing")) and word not in _ONE_NOT_BEFORE)
