r"""Bounding a rule author's regular expressions before they are compiled.

A pattern from a shared rule file can exhaust memory when compiled (`(?:(?:a{1000}){1000}){1000}`),
overflow the stack (10,000 nested groups), or backtrack for minutes on a short text (`(a+)+$`). Timing a
probe on the clock gave different verdicts on a busy machine, so the verdict here is structural and
deterministic: `pattern_problem` reads the pattern once and names the first construct outside these
bounds, with its offset. A group that holds a repetition or alternatives may itself be repeated at most
MAX_NESTED_REPEAT times (`(a+)+`, `(a|a)+` and `(\w+\s?)+` backtrack exponentially; `[ab]+` and
`(?:\s+\w+){0,3}` do not). What the bounds cannot see (a long pattern that is slow without nesting) is
caught at run time by the per-match time limit and the per-document budget (`auditor.rules.matcher`).

The `regex` module's syntax is parsed only as far as the bounds need: escapes, character classes, groups,
quantifiers and inline flags. Nothing here was available in a library: `regex` exposes no parse tree, and
the standard library's `re._parser` is private and does not know `regex`'s syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


MAX_PATTERN_LENGTH = 500  # characters
MAX_GROUP_DEPTH = 10  # groups inside groups
MAX_REPEAT = 1000  # the largest count in {m,n}
MAX_NESTED_REPEAT = 4  # the most times a group that itself repeats something may be repeated
ALLOWED_FLAGS = "ims"
_GROUP_OPENERS = (":", "=", "!", "<=", "<!", ">", "|")
_FUZZY = set("eids")


@dataclass
class _Group:
    start: int
    branches: bool = False  # it contains a quantifier that can match more than once, or alternatives


class UserPattern:
    """A rule file's regular expression, compiled when a check first searches with it.

    A rule author's pattern is compiled with the `regex` module, whose per-match time limit (see
    `Matcher.search`) stops one that backtracks on some text. The shipped rules' patterns are part of the
    package, like the extractor's own: held to the same bounds, they are compiled with the standard
    library's `re` (`trusted`) and searched without a limit, which spares a run of the shipped rules the
    `regex` module's import and compiler (a fifth of `check`'s start-up).

    Compiled at load to report its errors, it is kept and pickled as its text and flags: a cached rule
    set then holds nothing of the `regex` module's internal code (which changes between its versions),
    and a run compiles only the patterns its documents reach."""

    __slots__ = ("pattern", "flags", "trusted", "_compiled")

    def __init__(self, pattern: str, flags: int, compiled=None, trusted: bool = False):
        self.pattern, self.flags, self._compiled = pattern, int(flags), compiled  # an int pickles without regex
        self.trusted = trusted

    def search(self, text: str, timeout: float | None = None):
        """The first match in `text`; an untrusted pattern's search stops after `timeout` seconds."""
        if self._compiled is None:
            if self.trusted:
                self._compiled = re.compile(self.pattern, self.flags)
            else:
                import regex  # its import is a tenth of a start-up: only a run that searches pays it

                self._compiled = regex.compile(self.pattern, self.flags)
        if self.trusted:
            return self._compiled.search(text)
        return self._compiled.search(text, timeout=timeout)

    def __reduce__(self):
        return UserPattern, (self.pattern, self.flags, None, self.trusted)

    def __eq__(self, other) -> bool:
        return isinstance(other, UserPattern) and \
            (self.pattern, self.flags, self.trusted) == (other.pattern, other.flags, other.trusted)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags, self.trusted))

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"


def pattern_problem(pattern: str) -> tuple[int, str] | None:
    """(offset, reason) for the first construct of `pattern` outside the bounds, or None."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return 0, f"pattern is too long ({len(pattern):,} characters; the limit is {MAX_PATTERN_LENGTH})"
    stack = [_Group(0)]
    atom: _Group | None = None  # the group just closed, if the last atom was one
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            problem = _escape_problem(pattern, i)
            if problem:
                return i, problem
            i, atom = _skip_escape(pattern, i), None
            continue
        if c == "[":
            i, atom = _skip_class(pattern, i), None
            continue
        if c == "(":
            opened = _open_group(pattern, i)
            if isinstance(opened, str):
                return i, opened
            if opened is None:  # a flags-only group such as (?i): no atom
                i = pattern.index(")", i) + 1
                continue
            i = opened
            if len(stack) > MAX_GROUP_DEPTH:
                return i, f"groups are nested more than {MAX_GROUP_DEPTH} deep"
            stack.append(_Group(i))
            atom = None
            continue
        if c == ")":
            if len(stack) == 1:
                return i, "unbalanced parenthesis"
            atom = stack.pop()
            stack[-1].branches |= atom.branches
            i += 1
            continue
        if c in "*+?{":
            quantifier = _quantifier(pattern, i)
            if isinstance(quantifier, str):
                return i, quantifier
            if quantifier is None:  # a literal "{"
                i, atom = i + 1, None
                continue
            end, high = quantifier
            if high is None or high > 1:
                if atom is not None and atom.branches and (high is None or high > MAX_NESTED_REPEAT):
                    return i, ("nested repetition: a group with a repetition or alternatives inside is "
                               f"itself repeated {'without bound' if high is None else f'{high} times'} "
                               f"(at most {MAX_NESTED_REPEAT}), which can backtrack for minutes (catastrophic "
                               "backtracking); use a character class or bound the outer repetition")
                stack[-1].branches = True
            i, atom = end, None
            continue
        if c == "|":
            stack[-1].branches = True
        i, atom = i + 1, None
    if len(stack) > 1:
        return stack[-1].start - 1, "unclosed group"
    return None


def _escape_problem(pattern: str, i: int) -> str | None:
    nxt = pattern[i + 1 : i + 2]
    if nxt.isdigit() and nxt != "0" or nxt in ("g", "k"):
        return "backreferences are not allowed in rule patterns"
    return None


def _skip_escape(pattern: str, i: int) -> int:
    nxt = pattern[i + 1 : i + 2]
    if nxt in ("p", "P", "N") and pattern[i + 2 : i + 3] == "{":
        close = pattern.find("}", i + 3)
        return close + 1 if close >= 0 else len(pattern)
    return i + 2


def _skip_class(pattern: str, i: int) -> int:
    """The offset after the character class opening at `i` (V0 syntax: no nested sets)."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern.startswith("[:", j):
            close = pattern.find(":]", j + 2)
            if close >= 0:
                j = close + 2
                continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    return len(pattern)


def _open_group(pattern: str, i: int) -> int | str | None:
    """The offset of a group's body, None for a flags-only group, or why the group is refused."""
    if pattern[i + 1 : i + 2] != "?":
        return i + 1
    rest = pattern[i + 2 :]
    for opener in _GROUP_OPENERS:
        if rest.startswith(opener):
            return i + 2 + len(opener)
    if rest.startswith(("P<", "<")):
        close = rest.find(">")
        return i + 3 + close if close >= 0 else "unclosed group name"
    if rest.startswith("#"):
        return "comments inside patterns are not allowed"
    if rest.startswith(("P=", "P>", "&")) or rest[:1].isdigit() or rest[:1] in ("R", "+", "-") and \
            rest[1:2].isdigit() or rest.startswith("R)"):
        return "recursion and backreferences are not allowed in rule patterns"
    if rest.startswith("("):
        return "conditional groups are not allowed in rule patterns"
    flags_end = next((k for k, ch in enumerate(rest) if ch in ":)"), len(rest))
    flags = rest[:flags_end]
    bad = [ch for ch in flags if ch not in ALLOWED_FLAGS + "-"]
    if bad or not flags:
        return (f"inline flag '(?{flags})' is not allowed (allowed: "
                f"{', '.join(ALLOWED_FLAGS)}); patterns always use the regex module's version 0")
    if flags_end == len(rest):
        return "unclosed group"
    return None if rest[flags_end] == ")" else i + 2 + flags_end + 1


def _quantifier(pattern: str, i: int) -> tuple[int, int | None] | str | None:
    """(offset after the quantifier, its upper bound or None if unbounded), None when `{` is a literal,
    or why it is refused."""
    c = pattern[i]
    if c == "{":
        close = pattern.find("}", i)
        body = pattern[i + 1 : close] if close >= 0 else ""
        if body and body[0] in _FUZZY and (len(body) == 1 or body[1] in "<=,"):
            return "fuzzy matching ({e<=n}) is not allowed in rule patterns"
        low, comma, high = body.partition(",")
        if close < 0 or not (low.isdigit() or (comma and high.isdigit())) or \
                (low and not low.isdigit()) or (high and not high.isdigit()):
            return None
        bounds = [int(n) for n in (low, high) if n]
        if any(n > MAX_REPEAT for n in bounds):
            return f"repeat count {max(bounds):,} is larger than {MAX_REPEAT:,}"
        upper = int(high) if high else (None if comma else int(low))
        end = close + 1
    else:
        upper = 1 if c == "?" else None
        end = i + 1
    if pattern[end : end + 1] in ("?", "+"):  # lazy or possessive
        end += 1
    return end, upper
