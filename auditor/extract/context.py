"""Patterns for what stands right *before* a position ("about " before "2,800", "Article " before "51").

A regex ending in `$` searched over the 40 characters before every number is retried at each of the 40
start positions. A `Before` pattern is written forward like any regex, but compiled reversed and matched
once, anchored, against the reversed text before the position: one attempt instead of forty.

Reversal is exact for the regex subset the extractor uses (literals, escapes, classes, groups,
alternation, quantifiers, lookarounds, `^`, `\\b`), with one caveat: a forward search returns the match that
starts leftmost, a reversed match returns the one the engine meets first reading leftwards. Write
repetitions that may end a pattern greedy (`[\\w.]*`, not `[\\w.]*?`) so the two agree.
"""

from __future__ import annotations

import re

# Lookarounds swap direction when the text is reversed.
_SWAPPED_GROUPS = {"(?=": "(?<=", "(?!": "(?<!", "(?<=": "(?=", "(?<!": "(?!"}
_QUANTIFIER = re.compile(r"(?:[*+?]|\{[0-9]*(?:,[0-9]*)?\})\??")
_GROUP_OPEN = re.compile(r"\((?:\?(?:P<\w+>|:|=|!|<=|<!))?")
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]", re.S)


def reverse_pattern(pattern: str) -> str:
    """The regex matching the reversal of what `pattern` matches (for the subset described above)."""
    reversed_, pos = _reverse_alternation(pattern, 0)
    if pos != len(pattern):
        raise ValueError(f"unbalanced ')' at {pos} in {pattern!r}")
    return reversed_


def _reverse_alternation(p: str, pos: int) -> tuple[str, int]:
    """Reverse the branches from `pos` up to the closing ')' (or the end); return them and that position."""
    branches, atoms = [], []
    while pos < len(p) and p[pos] != ")":
        ch = p[pos]
        if ch == "|":
            branches.append("".join(reversed(atoms)))
            atoms, pos = [], pos + 1
            continue
        if ch == "(":
            opener = _GROUP_OPEN.match(p, pos).group(0)
            if p.startswith("(?", pos) and opener == "(":
                raise ValueError(f"unsupported group at {pos} in {p!r}")
            inner, pos = _reverse_alternation(p, pos + len(opener))
            if pos >= len(p):
                raise ValueError(f"unclosed group in {p!r}")
            atom, pos = _SWAPPED_GROUPS.get(opener, opener) + inner + ")", pos + 1
        elif ch == "[":
            m = _CLASS.match(p, pos)
            atom, pos = m.group(0), m.end()
        elif ch == "\\":
            atom = _ESCAPE.match(p, pos).group(0)
            pos += len(atom)
            if atom in (r"\A", r"\Z"):
                atom = r"\Z" if atom == r"\A" else r"\A"
        elif ch == "^":
            atom, pos = r"\Z", pos + 1
        elif ch == "$":
            atom, pos = r"\A", pos + 1
        else:
            atom, pos = ch, pos + 1
        q = _QUANTIFIER.match(p, pos)
        if q:
            atom, pos = atom + q.group(0), q.end()
        atoms.append(atom)
    branches.append("".join(reversed(atoms)))
    return "|".join(branches), pos


class BeforeMatch:
    """A `Before` match in the forward text: `start` is where the matched context begins."""

    __slots__ = ("_m", "start")

    def __init__(self, m: re.Match, pos: int):
        self._m = m
        self.start = pos - m.end()

    def group(self, name: str | int = 0) -> str | None:
        """A group's text, read forward."""
        g = self._m.group(name)
        return None if g is None else g[::-1]

    @property
    def lastgroup(self) -> str | None:
        """The name of the last named group that matched (which alternative of a named alternation)."""
        return self._m.lastgroup


class Before:
    """A forward regex for the text ending exactly at a position, at most `width` characters long
    (`^` means the start of that window). `last`, if given, tells the characters the pattern can end with
    (a predicate such as `str.isspace`): any other character before the position rules it out at once."""

    __slots__ = ("pattern", "regex", "width", "last")

    def __init__(self, pattern: str, flags: int = 0, width: int = 40, last=None):
        self.pattern = pattern
        self.regex = re.compile(reverse_pattern(pattern), flags)
        self.width = width
        self.last = last

    def match(self, text: str, pos: int) -> BeforeMatch | None:
        """The context ending at `pos`, or None."""
        if pos and self.last is not None and not self.last(text[pos - 1]):
            return None
        m = self.regex.match(reversed_before(text, pos, self.width))
        return None if m is None else BeforeMatch(m, pos)

    def test(self, text: str, pos: int) -> bool:
        """Whether the context ends at `pos` (no match object built)."""
        if pos and self.last is not None and not self.last(text[pos - 1]):
            return False
        return self.regex.match(reversed_before(text, pos, self.width)) is not None


def reversed_before(text: str, pos: int, width: int) -> str:
    """The (at most) `width` characters before `pos`, last first."""
    if pos <= 0:
        return ""
    lo = pos - width
    return text[pos - 1 : lo - 1 if lo > 0 else None : -1]
