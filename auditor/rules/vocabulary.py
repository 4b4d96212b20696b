"""The role vocabulary: every condition a role of a rule may set, defined once.

Each condition key (`kind`, `counted`, `position` ...) is one `Key` of `KEYS`: how its YAML value is read
(a problem is an error at its file:line:column), how the matcher tests it (on a quantity alone, or on a
candidate's relation to the anchor and the roles bound before it), and its line in docs/rules.md, whose
table is generated from this registry (`key_table`; `python tools/rules_doc.py` rewrites the doc, and a
test fails when they differ). Keys that were merged into others still load as `DEPRECATED` aliases: the
value is rewritten to the key that replaced it and the loader warns, naming what to write instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Callable


from ..extract.quantity import KINDS, QUALIFIERS
from . import is_shipped
from .patterns import UserPattern, pattern_problem
from .words import Phrases, mixed_scripts

SCOPES = ("sentence", "paragraph", "document")
DIMENSIONS = ("count", "length", "area", "volume", "mass", "duration", "speed", "money", "percent",
              "temperature", "power", "energy", "rate", "ratio", "fraction", "multiplier")
ANCHOR_POSITIONS = ("before", "after", "any")  # where a role's quantity lies from the anchor's
REFERENCE_FIGURES = ("area", "population", "exchange_rate")
PLACES = ("headline", "lead")  # where in a document a quantity lies (Document.headline)
COUNTED_TERMS = ("first", "second")  # `counted: {as: ratio.first}`: the terms of a ratio
REGEX_TIMEOUT = 0.05  # seconds per match of a rule author's regular expression
DEFAULT_WINDOW = 8
DEFAULT_MAX_GAP = 200  # characters between the anchor and a role that must be joined by `between`


@dataclass
class Role:
    """What one role of a rule binds: the conditions of its YAML mapping, read by `read_role`."""

    name: str
    spec: dict = field(default_factory=dict)  # the conditions as written (deprecated keys rewritten)
    kind: frozenset[str] = frozenset()
    dimension: frozenset[str] = frozenset()
    qualifier: frozenset[str] = frozenset()
    integer: bool = False
    min_value: float | None = None
    max_value: float | None = None
    counted: Phrases = Phrases(())
    counted_as: str | None = None  # counts what this role counts ("base")...
    counted_term: int | None = None  # ...or what this term of that ratio role counts (0: first, 1: second)
    counted_compatible_with: str | None = None  # when both count a noun, the same kind of thing as this role
    not_counted: Phrases = Phrases(())
    words_before: Phrases = Phrases(())
    not_words_before: Phrases = Phrases(())
    words_after: Phrases = Phrases(())
    not_words_after: Phrases = Phrases(())
    words_around: Phrases = Phrases(())
    not_in_sentence: Phrases = Phrases(())
    clause: bool = False  # words_after / not_words_after / words_around look only within the figure's clause
    window: int = DEFAULT_WINDOW
    text: Any = None  # UserPattern the quantity's own text must match
    scope: str = "sentence"
    position: str = "any"  # before / after the anchor
    after_role: str | None = None  # comes after this role's quantity ("a conclusion after its premises")
    before_role: str | None = None
    last: bool = False  # the last quantity of its kind in its sentence ("... and 19% for others")
    place: Any = None  # headline / lead: the document's headline or the first sentence after it
    between: Any = None  # UserPattern: the text between the anchor and this role must contain it
    not_between: Any = None  # UserPattern: ... must not contain it
    max_gap: int | None = None
    same_dimension_as: str | None = None
    different_unit_from: str | None = None
    same_name_as: str | None = None  # in a sentence naming someone or something another role's names
    same_noun_as: str | None = None  # a noun beside it is one beside another role's quantity
    same_subject_as: str | None = None  # a noun beside it is one of another role's sentence
    alternatives: int = 0  # the last role: this many more qualifying quantities may make the check hold
    many: bool = False
    min: int = 2
    reference: str | None = None
    rate_between: tuple[str, str] | None = None  # an exchange_rate: from one money role's currency to another's
    as_stated: bool = False  # the figure as written, without its qualifier's one-sided bound (a conversion)

    @cached_property
    def keys(self) -> tuple["Key", ...]:
        """The registry's keys this role sets, in the registry's order (and `max_gap` with `between`, whose
        default gap then applies): the only ones whose tests can apply."""
        wanted = set(self.spec) | ({"max_gap"} if "between" in self.spec else set())
        return tuple(key for key in KEYS if key.name in wanted)

    @cached_property
    def signature(self) -> tuple:
        """The role's conditions on a quantity alone, as a key: two roles with the same signature accept
        the same quantities of a document (the candidate index shares their verdicts)."""
        return tuple(_frozen(getattr(self, f)) for f in _QUANTITY_FIELDS)

    @cached_property
    def matching_key(self) -> tuple:
        """Everything the matcher reads of this role, as a key: rules whose roles have the same keys bind
        the same quantities (the engine searches once for all of them)."""
        return (tuple(sorted(self.spec)),
                *(_frozen(getattr(self, f.name)) for f in fields(self) if f.name != "spec"))

    @cached_property
    def sentence_words(self) -> tuple[frozenset[str], ...]:
        """For each of its word conditions that must find words, the words one of which its sentence must
        hold (the first words of the phrases): what the candidate index's prefilter asks of a sentence."""
        return tuple(p.first_words for p in (self.words_before, self.words_after, self.words_around) if p)

    def references(self) -> list[tuple[str, str]]:
        """(key, role name) for every other role this one names."""
        named = [("counted", self.counted_as), ("counted", self.counted_compatible_with),
                 ("position", self.after_role), ("position", self.before_role),
                 ("same_dimension_as", self.same_dimension_as), ("different_unit_from", self.different_unit_from),
                 ("same_name_as", self.same_name_as), ("same_noun_as", self.same_noun_as),
                 ("same_subject_as", self.same_subject_as),
                 *(("rate_between", r) for r in self.rate_between or ())]
        return [(key, name) for key, name in named if name is not None]


# -- reading values ----------------------------------------------------------------------------------
class RoleSource:
    """One role's mapping in a rule file: where it is, to locate problems, and the word classes."""

    def __init__(self, doc, where: tuple, classes: dict[str, list[str]],
                 warn: Callable = lambda where, message: None):
        self.doc, self.where, self.classes, self.warn = doc, where, classes, warn
        self.written_as: dict[str, str] = {}  # a key rewritten from a deprecated one → the one in the file

    def error(self, key, message: str, on_key: bool = False):
        path = key if isinstance(key, tuple) else (key,)
        if path[0] in self.written_as:  # the value is that of the deprecated key, as written
            path = (self.written_as[path[0]],)
        return self.doc.error(self.where + path, message, key=on_key)


def unknown(key, valid, what: str) -> str:
    """'unknown WHAT' with the nearest valid name suggested (or the valid ones listed)."""
    from difflib import get_close_matches  # only a misspelt name needs it

    hint = get_close_matches(str(key), sorted(valid), n=1, cutoff=0.6)
    return f"unknown {what} '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else
                                        f" (valid: {', '.join(sorted(valid))})")


def choices(src: RoleSource, key, value, valid, what: str | None = None) -> frozenset[str]:
    """One of `valid`, or a list of them."""
    items = value if isinstance(value, list) else [value]
    name = key if isinstance(key, str) else key[-1]
    for item in items:
        if not isinstance(item, str):
            raise src.error(key, f"'{name}' must be one of {', '.join(valid)}, or a list of them")
        if item not in valid:
            raise src.error(key, unknown(item, valid, what or name))
    return frozenset(items)


def words(src: RoleSource, key, value) -> list[str]:
    """A word list, where an item `class:NAME` stands for the class's words."""
    items = value if isinstance(value, list) else [value]
    out = []
    for n, item in enumerate(items):
        if not isinstance(item, str):
            raise src.error(key, "word lists hold strings")
        if item.startswith("class:"):
            name = item[len("class:"):].strip()
            if name not in src.classes:
                raise src.error(key, unknown(name, src.classes, "class"))
            out += src.classes[name]
        else:
            problem = mixed_scripts(item)
            if problem is not None:
                path = (key if isinstance(key, tuple) else (key,)) + ((n,) if isinstance(value, list) else ())
                src.warn(src.where + path, problem)
            out.append(item)
    return out


def user_regex(doc, where: tuple, pattern):
    """Compile a rule file's regular expression within the bounds of `patterns.pattern_problem`,
    locating a problem at its character in the file. The shipped rules' patterns are compiled with `re`
    (see `UserPattern`), unless they use what only the `regex` module knows."""
    if not isinstance(pattern, str):
        raise doc.error(where, "a pattern must be a string")
    problem = pattern_problem(pattern)
    if problem is not None:
        offset, reason = problem
        line, column = doc.scalar_position(where, offset)
        raise doc.located(line, column, f"in pattern '{_shown(pattern)}': {reason}")
    if is_shipped(doc.path):
        try:
            return UserPattern(pattern, re.IGNORECASE, re.compile(pattern, re.IGNORECASE), trusted=True)
        except re.error:
            pass  # compiled below, as a rule author's pattern is
    import regex  # here, not at the top: a run whose rules come compiled imports it only to search

    try:
        flags = regex.IGNORECASE | regex.V0
        return UserPattern(pattern, flags, regex.compile(pattern, flags))
    except (regex.error, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        line, column = doc.scalar_position(where, getattr(exc, "pos", None) or 0)
        raise doc.located(line, column, f"invalid regular expression '{_shown(pattern)}': {exc}") from None


def _shown(pattern: str, limit: int = 80) -> str:
    return pattern if len(pattern) <= limit else pattern[:limit] + "…"


def _role_name(src: RoleSource, key, value) -> str:
    if not isinstance(value, str):
        raise src.error(key, f"'{key if isinstance(key, str) else key[-1]}' must name a role")
    return value


# -- parsers: (source, role, key, value) -> None, setting the role's fields --------------------------
def _set_choices(valid, what=None):
    def parse(src, role, key, value):
        setattr(role, key, choices(src, key, value, valid, what))
    return parse


def _set_phrases(src, role, key, value):
    setattr(role, key, Phrases.of(words(src, key, value)))


def _set_flag(src, role, key, value):
    if not isinstance(value, bool):
        raise src.error(key, f"'{key}' must be true or false")
    setattr(role, key, value)


def _set_whole(src, role, key, value):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise src.error(key, f"'{key}' must be a whole number")
    setattr(role, key, value)


def _set_number(src, role, key, value):
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise src.error(key, f"'{key}' must be a finite number")
    setattr(role, key, float(value))


def _set_role_name(src, role, key, value):
    setattr(role, key, _role_name(src, key, value))


def _set_pattern(src, role, key, value):
    setattr(role, key, user_regex(src.doc, src.where + (key,), value))


def _set_scope(src, role, key, value):
    if value not in SCOPES:
        raise src.error(key, unknown(value, SCOPES, "scope"))
    role.scope = value


COUNTED_FORMS = ("words", "as", "compatible_with")


def _set_counted(src, role, key, value):
    if not isinstance(value, dict):
        role.counted = Phrases.of(words(src, key, value))
        return
    for sub in value:
        if sub not in COUNTED_FORMS:
            raise src.error((key, sub), unknown(sub, COUNTED_FORMS, "'counted' key"), on_key=True)
    if "words" in value:
        role.counted = Phrases.of(words(src, (key, "words"), value["words"]))
    if "as" in value:
        other, dot, term = _role_name(src, (key, "as"), value["as"]).partition(".")
        if dot and term not in COUNTED_TERMS:
            raise src.error((key, "as"), "'counted: {as: ...}' names a role, or a ratio role's term like "
                                         "'ratio.first' or 'ratio.second'")
        role.counted_as, role.counted_term = other, COUNTED_TERMS.index(term) if dot else None
    if "compatible_with" in value:
        role.counted_compatible_with = _role_name(src, (key, "compatible_with"), value["compatible_with"])


def _set_position(src, role, key, value):
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, str):
            raise src.error(key, "'position' is a word like 'before', 'last' or 'after ROLE', or a list of them")
        side, _, other = item.partition(" ")
        if item == "last":
            role.last = True
        elif side in ("before", "after") and other.strip():
            setattr(role, f"{side}_role", _role_name(src, key, other.strip()))
        elif item in ANCHOR_POSITIONS:
            if role.position != "any" and item not in (role.position, "any"):
                raise src.error(key, "'position' says both before and after the anchor")
            role.position = item if item != "any" else role.position
        else:
            raise src.error(key, unknown(item, ANCHOR_POSITIONS + ("last", "after ROLE", "before ROLE"), "position"))


def _set_reference(src, role, key, value):
    if value not in REFERENCE_FIGURES:
        raise src.error(key, unknown(value, REFERENCE_FIGURES, "reference figure"))
    role.reference = value


def _set_rate_between(src, role, key, value):
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(x, str) for x in value)):
        raise src.error(key, "'rate_between' names two money roles, like [original, converted]")
    role.rate_between = (value[0], value[1])


# -- matcher tests -----------------------------------------------------------------------------------
# A test factory takes (role, matcher) and returns the test, or None when the role does not set the
# condition. A quantity test takes the quantity's index i; a relation test (anchor, j, binding).
def _test_kind(role, m):
    qs = m.ix.quantities
    return (lambda i: qs[i].kind in role.kind) if role.kind else None


def _test_dimension(role, m):
    dims = m.ix.dimensions
    return (lambda i: dims[i] in role.dimension) if role.dimension else None


def _test_qualifier(role, m):
    qs = m.ix.quantities
    return (lambda i: qs[i].qualifier in role.qualifier) if role.qualifier else None


def _test_place(role, m):
    if not role.place:
        return None
    doc = m.ix.doc
    if doc.headline is None:
        return lambda i: False
    # the headline is paragraph 0; the lead is the first sentence after it
    headline = 0 if "headline" in role.place else None
    lead = doc.sentence_index(doc.paragraphs[1].start) if "lead" in role.place else None
    paragraph, sentence = m.ix.paragraph, m.ix.sentence
    return lambda i: paragraph[i] == headline or sentence[i] == lead


def _test_integer(role, m):
    qs = m.ix.quantities
    return (lambda i: qs[i].qualifier == "exact" and qs[i].value is not None and qs[i].value == int(qs[i].value)) \
        if role.integer else None


def _test_min_value(role, m):
    qs = m.ix.quantities
    limit = role.min_value
    return None if limit is None else lambda i: qs[i].value is not None and qs[i].value >= limit


def _test_max_value(role, m):
    qs = m.ix.quantities
    limit = role.max_value
    return None if limit is None else lambda i: qs[i].value is not None and qs[i].value <= limit


def _test_counted(role, m):
    ix = m.ix
    return (lambda i: role.counted.find(ix.counted_words(i))) if role.counted else None


def _test_not_counted(role, m):
    ix = m.ix
    return (lambda i: not role.not_counted.find(ix.counted_words(i))) if role.not_counted else None


def _words_test(attr: str, where: str, negated: bool = False):
    """A test that a phrase of `role.<attr>` is (not) among the words `where` names on the index."""
    def factory(role, m):
        phrases = getattr(role, attr)
        if not phrases:
            return None
        if where == "after":
            look = m.ix.clause_words_after if role.clause else m.ix.words_after
        else:
            look = m.ix.words_before
        w = role.window
        if negated:
            return lambda i: not phrases.find(look(i, w))
        return lambda i: phrases.find(look(i, w))
    return factory


def _test_words_around(role, m):
    ix, phrases, w = m.ix, role.words_around, role.window
    if not phrases:
        return None
    before = ix.words_before if role.clause else ix.sentence_words_before
    return lambda i: phrases.find(before(i, w)) or phrases.find(ix.clause_words_after(i, w))


def _test_not_in_sentence(role, m):
    ix, phrases = m.ix, role.not_in_sentence
    if not phrases:
        return None

    def test(i):
        tokens = ix.sentence_tokens(ix.sentence[i])
        return not phrases.find(tokens.words(0, len(tokens)))
    return test


def _test_text(role, m):
    qs = m.ix.quantities
    return (lambda i: m.search(role.text, qs[i].text)) if role.text is not None else None


def _test_last(role, m):
    ix = m.ix
    if not role.last:
        return None
    return lambda i: not ix.later_of_kind(i, role.kind or {ix.quantities[i].kind})


def _gap(ix, anchor: int, j: int) -> tuple[int, int]:
    """The offsets of the text between the anchor's quantity and quantity j."""
    a, b = ix.quantities[anchor], ix.quantities[j]
    return (a.end, b.start) if a.start < b.start else (b.end, a.start)


def _relation_max_gap(role, m):
    if role.max_gap is None and role.between is None:
        return None
    limit = role.max_gap if role.max_gap is not None else DEFAULT_MAX_GAP

    def test(anchor, j, binding):
        lo, hi = _gap(m.ix, anchor, j)
        return hi - lo <= limit
    return test


def _between_test(attr: str, negated: bool):
    def factory(role, m):
        pattern = getattr(role, attr)
        if pattern is None:
            return None

        def test(anchor, j, binding):
            lo, hi = _gap(m.ix, anchor, j)
            return bool(m.search(pattern, m.ix.doc.text[lo:hi])) != negated
        return test
    return factory


def _relation_counted(role, m):
    if role.counted_as is None and role.counted_compatible_with is None:
        return None
    ix = m.ix
    from ..extract import Quantity
    from .words import tokens

    def test(anchor, j, binding):
        if role.counted_as is not None:
            other = binding.get(role.counted_as)
            if role.counted_term is not None:  # what a ratio's term counts: a shared word or class
                nouns = getattr(other, "term_nouns", None)
                noun = nouns[role.counted_term] if nouns else None
                if not noun:
                    return False
                near = ix.counted_words(j) + ix.clause_words(j, 6, 2)
                if not m.classes.related(near, [w for w, _, _ in tokens(noun)]):
                    return False
            else:  # what another figure counts: the same noun
                if not isinstance(other, Quantity):
                    return False
                mine, theirs = ix.counted_words(j), ix.counted_words(ix.position[id(other)])
                if not mine or not theirs or mine[-1] != theirs[-1]:
                    return False
        if role.counted_compatible_with is not None:
            other = binding.get(role.counted_compatible_with)
            if isinstance(other, Quantity):
                mine, theirs = ix.counted_words(j), ix.counted_words(ix.position[id(other)])
                if mine and theirs and not m.classes.compatible(mine, theirs):
                    return False
        return True
    return test


def _relation_position(role, m):
    if role.after_role is None and role.before_role is None:
        return None
    qs = m.ix.quantities

    def test(anchor, j, binding):
        b = qs[j]
        if role.after_role is not None:
            earlier = binding.get(role.after_role)
            if earlier is None or b.start < earlier.end:
                return False
        if role.before_role is not None:
            later = binding.get(role.before_role)
            if later is None or b.end > later.start:
                return False
        return True
    return test


def _relation_to(attr: str, holds: Callable):
    """The relation test of a key naming another role (`attr`): `holds(matcher, j, other)` on quantity `j`
    and the quantity that role bound (never when it bound none)."""
    def factory(role, m):
        name = getattr(role, attr)
        if name is None:
            return None
        from ..extract import Quantity

        def test(anchor, j, binding):
            other = binding.get(name)
            return isinstance(other, Quantity) and holds(m, j, other)
        return test
    return factory


def _same_dimension(m, j, other) -> bool:
    ix = m.ix
    dim = ix.dimensions[j]
    if dim != ix.dimensions[ix.position[id(other)]]:
        return False
    # amounts in two currencies are not comparable at parity
    return dim != "money" or m.currency(ix.quantities[j].unit) == m.currency(other.unit)


def _different_unit(m, j, other) -> bool:
    unit = m.ix.quantities[j].unit
    return unit is not None and unit != other.unit


def _same_name(m, j, other) -> bool:
    ix = m.ix
    k = ix.position[id(other)]
    if ix.sentence[j] == ix.sentence[k]:
        return True
    mine, theirs = ix.clause_names(j), ix.clause_names(k)
    return bool(mine and theirs) and mine[0] == theirs[0]


def _same_noun(m, j, other) -> bool:
    ix = m.ix
    k = ix.position[id(other)]
    if not _THE_TOTAL.isdisjoint(ix.clause_words_after(k, 4)):  # ("of last year's total")
        return True  # "€160bn - or 30% of the total", "60% of that spending": of the whole given before
    if not _POSSESSIVES.isdisjoint(ix.words_before(j, 12)[:-1]):
        return True  # "its assets have since grown to $30bn": of what the text spoke of before (not "their 12")
    # a share is of what follows it ("Half of England's hospital trusts"), not of what stands before it
    share = ix.quantities[j].kind in _SHARES
    return not ix.nouns_near(j, after_only=share).isdisjoint(ix.nouns_near(k, after_only=True))


_THE_TOTAL = frozenset(("total", "whole", "that", "this", "общий", "этот"))
_SHARES = frozenset(("percent", "fraction", "ratio"))


def _same_subject(m, j, other) -> bool:
    ix = m.ix
    if not _PRONOUNS.isdisjoint(ix.words_before(j, 4)):
        return True  # "Она составила 150 млн рублей": of what the sentence before spoke of
    return not ix.nouns_near(j).isdisjoint(ix.sentence_nouns(ix.sentence[ix.position[id(other)]]))


_POSSESSIVES = frozenset("its their his her его ее их".split())
_PRONOUNS = _POSSESSIVES | frozenset("it they he she он она оно они".split())


# -- the registry ------------------------------------------------------------------------------------
def _listed(values) -> str:
    return ", ".join(f"`{v}`" for v in values)


@dataclass(frozen=True)
class Key:
    """One condition key of a role: its parser, its matcher test and its documentation line."""

    name: str
    doc: str  # completes "the quantity must ..." (or says what the key does)
    parse: Callable
    test: Callable | None = None  # (role, matcher) -> test(i) on the quantity alone, or None
    relation: Callable | None = None  # (role, matcher) -> test(anchor, j, binding), or None
    reads: tuple[str, ...] = ()  # the Role fields `test` reads (default: the one named as the key)

    @property
    def test_fields(self) -> tuple[str, ...]:
        return self.reads or (self.name,)


# In the order the matcher tries them (cheap tests first) and the documentation lists them.
KEYS: tuple[Key, ...] = (
    Key("kind", f"be of this kind (or list): {_listed(KINDS)}", _set_choices(KINDS), _test_kind),
    Key("dimension", f"have this dimension (or list): {_listed(DIMENSIONS)}", _set_choices(DIMENSIONS),
        _test_dimension),
    Key("qualifier", f"have this qualifier (or list): {_listed(QUALIFIERS)}", _set_choices(QUALIFIERS),
        _test_qualifier),
    Key("place", "lie in the document's `headline` (its first line, when that reads as one: at most 200 "
        "characters, no full stop at its end, text after it) or its `lead` (the first sentence after such a "
        "headline); or a list of these", _set_choices(PLACES), _test_place),
    Key("integer", "`true`: be an exact whole number", _set_flag, _test_integer),
    Key("min_value", "be at least this value (in the quantity's own unit)", _set_number, _test_min_value),
    Key("max_value", "be at most this value (in the quantity's own unit)", _set_number, _test_max_value),
    Key("counted", "count one of these words or phrases (`class:NAME` stands for a class's words); or, as a "
        "mapping, `words:` that list, `as: ROLE` the same noun as another role (the last word of what each "
        "counts: \"up to 500 fighters\" / \"all 650 of the brigade's fighters\"), `as: ROLE.first` / "
        "`ROLE.second` what a ratio role's term counts (a word or class shared with the term's noun, in "
        "what the quantity counts or within its clause: 6 words before, 2 after), `compatible_with: ROLE` "
        "when both count a noun, the same kind of thing (a shared word or class: \"12 человек из 13 стран\" "
        "are not 12 of the 13)", _set_counted, _test_counted, _relation_counted),
    Key("not_counted", "not count one of these words or phrases", _set_phrases, _test_not_counted),
    Key("words_before", "have one of these words or phrases among the `window` words before it in its clause: "
        "counting back stops at a comma, semicolon, colon, bracket or quotation mark (not at a dash: "
        "\"площадь — 95 тысяч\") and at the start of its sentence", _set_phrases,
        _words_test("words_before", "before"), reads=("words_before", "window")),
    Key("not_words_before", "not have them there (the words `words_before` looks at)", _set_phrases,
        _words_test("not_words_before", "before", negated=True), reads=("not_words_before", "window")),
    Key("words_after", "have one of these words or phrases among the `window` words after it in its sentence "
        "(past commas: \"up to 12,000 fighters, including ...\"; only in its clause with `clause: true`)",
        _set_phrases, _words_test("words_after", "after"), reads=("words_after", "window", "clause")),
    Key("not_words_after", "not have them there (the words `words_after` looks at)", _set_phrases,
        _words_test("not_words_after", "after", negated=True), reads=("not_words_after", "window", "clause")),
    Key("words_around", "have one of these words or phrases among the `window` words before it in its "
        "sentence (past commas: \"сократился с 2,4 до 1,8 млн тонн, то есть на 40%\"; only in its clause with "
        "`clause: true`), or the `window` words after it in its clause", _set_phrases, _test_words_around,
        reads=("words_around", "window", "clause")),
    Key("not_in_sentence", "not lie in a sentence holding one of these words or phrases (percentages in a "
        "sentence about rates are levels, not shares: \"a recovery rate of 100%, Punjab 85%, Goa 72%\")",
        _set_phrases, _test_not_in_sentence),
    Key("clause", "`true`: `words_after`, `not_words_after` and `words_around` look only within its clause "
        "(up to a comma, semicolon, colon, bracket or quotation mark)", _set_flag),
    Key("window", f"how many words the word conditions look at (default {DEFAULT_WINDOW}); a number in "
        "the text counts as one word and matches any number written in a list (`of 1` matches \"of 12\")",
        _set_whole),
    Key("text", "match this regular expression (its own text, e.g. `less|fewer|меньше`)", _set_pattern,
        _test_text),
    Key("position", "`before` or `after` the anchor (default `any`); `after ROLE` / `before ROLE`: after "
        "(before) another role's quantity in the text (a conclusion after its premises); `last`: be the "
        "last quantity of its kind in its sentence (\"... and 19% for others\"); or a list of these",
        _set_position, _test_last, _relation_position, reads=("last", "kind")),
    Key("scope", f"be in the anchor's {_listed(SCOPES[:2])} or anywhere in the `document` (default: the "
        "rule's `scope`); in every scope at most 60 quantities away from the anchor, and in a document of "
        "more than 65,536 characters within the same window of whole paragraphs (`engine.WINDOW`)", _set_scope),
    Key("max_gap", "be at most this many characters from the anchor (with `between`: default "
        f"{DEFAULT_MAX_GAP})", _set_whole, relation=_relation_max_gap),
    Key("between", "have text matching this regular expression between it and the anchor (e.g. "
        "`^\\s*\\(\\s*$` for \"in brackets right after\")", _set_pattern,
        relation=_between_test("between", negated=False)),
    Key("not_between", "not have text matching this regular expression between it and the anchor (another "
        "clause: `\\b(?:while|but)\\b`)", _set_pattern, relation=_between_test("not_between", negated=True)),
    Key("same_dimension_as", "have the dimension of another role's quantity (money: the same currency; "
        "amounts in two currencies are never compared at parity)", _set_role_name,
        relation=_relation_to("same_dimension_as", _same_dimension)),
    Key("different_unit_from", "have a unit, other than another role's", _set_role_name,
        relation=_relation_to("different_unit_from", _different_unit)),
    Key("same_name_as", "be in the sentence of another role's quantity, or in a clause whose first name is "
        "that of the other quantity's clause (\"Shares in Google have fallen 6.7%\" and \"Google shares fell "
        "$12.33\", not \"Индекс Мосбиржи\" and \"Акции Сбербанка на Мосбирже\"): a figure of another "
        "sentence about the same subject. A name is a word the document writes with a capital inside a "
        "sentence and never in lower case, other than a country or city, a month, a day or a news agency",
        _set_role_name, relation=_relation_to("same_name_as", _same_name)),
    Key("same_noun_as", "have beside it (in its clause, up to 12 words before it and 4 after, or in what it "
        "counts; a share, the 4 words after it) a word that follows another role's quantity (within 4 words "
        "in its clause, or in what it counts), other than a word of quantity, time or grammar or a Russian "
        "word other than a noun (or be any figure when that quantity is \"of the total\" or \"of that ...\", "
        "or one after a possessive: \"its assets have grown to $30bn\"): what a share is of and a figure of "
        "that whole, sentences apart (\"Половину киргизских школ\" / \"1117 из 2111 школ\", \"Более трети "
        "рынка\" / \"объем рынка составил 3,6 миллиарда\")", _set_role_name,
        relation=_relation_to("same_noun_as", _same_noun)),
    Key("same_subject_as", "have beside it (as `same_noun_as` reads it) a word of another role's sentence, "
        "other than a word of quantity, time or grammar or a Russian word other than a noun, or a pronoun "
        "before it in its clause (\"Она составила\"): a figure of what a sentence before speaks of (\"a 40% "
        "drop in profits\" / \"a pre-tax profit of £75m\"; not \"Internal sales increased 4.1 percent\" / "
        "\"net income was $28.0 million\")", _set_role_name,
        relation=_relation_to("same_subject_as", _same_subject)),
    Key("alternatives", "on the last role: how many more quantities that qualify, next nearest first, the "
        "check may also be evaluated with; it holds if it holds with any of them, and a finding shows the "
        "nearest (a whole stated for several years: \"more than a third of the market\" is of whichever "
        "market figure it may be)", _set_whole),
    Key("many", "`true`: bind every matching quantity as a list (at least `min`): use with `sum(parts)`; a "
        "figure given again in brackets a few words after another, within its rounding (\"40% of the firm "
        "(39.9%)\"), is not bound a second time", _set_flag),
    Key("min", "the fewest quantities a `many` role binds (default 2)", _set_whole),
    Key("reference", f"instead of a quantity, bind a reference figure ({_listed(REFERENCE_FIGURES)}): the area "
        "or population of the country or city named nearest before the anchor in its sentence (not before a "
        "contrast: \"..., but on them live ...\"); a country's population is the World Bank's for the years "
        "the document dates from. `exchange_rate` binds the ECB market rate of the document's date between "
        "the currencies of the two roles named in `rate_between`, as a range over the days around that date "
        "(when the date is unknown or known only from below, or the ECB does not quote a currency: the range "
        "the document's other conversions between the two currencies imply); its message placeholders are "
        "`{rate.implied}`, `{rate.market}` and `{rate.when}`", _set_reference),
    Key("rate_between", "for an `exchange_rate` reference: `[from, to]`, two money roles listed before it",
        _set_rate_between),
    Key("as_stated", "`true`: the check reads the figure as the number written, with its rounding but "
        "without the one-sided bound of \"up to\", \"more than\" or \"at least\": set on the figure a "
        "conversion restates, so \"up to $499 (£164)\" converts 499 to 164 (an approximate figure keeps its "
        "bounds, and so does a bound of the conversion's own: \"$10m (over £5m)\"); a range such a "
        "figure gives, restated as a range, is checked end to end (\"10-12 miles (16-19 km)\": 10 against 16, "
        "12 against 19), where two ranges would otherwise hold as soon as they overlap", _set_flag),
)
BY_NAME = {key.name: key for key in KEYS}
ROLE_KEYS = frozenset(BY_NAME)
_QUANTITY_FIELDS = tuple(dict.fromkeys(["reference"] + [f for key in KEYS if key.test for f in key.test_fields]))


def _frozen(value):
    if isinstance(value, Phrases):
        return value.phrases
    if isinstance(value, UserPattern):
        return value.pattern, value.flags, value.trusted
    return value


# -- deprecated keys ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deprecated:
    """A key merged into another: `rewrite(value)` gives (new key, its value), or None to drop it."""

    name: str
    replacement: str
    rewrite: Callable


def _named(old: str, make: Callable[[str], Any]) -> Callable:
    def rewrite(src, value):
        return make(_role_name(src, old, value))
    return rewrite


def _rewrite_last(src, value):
    if not isinstance(value, bool):
        raise src.error("last", "'last' must be true or false")
    return ("position", "last") if value else None


DEPRECATED: tuple[Deprecated, ...] = (
    Deprecated("within", "scope", lambda src, value: ("scope", value)),
    Deprecated("follows", "position: after ROLE", _named("follows", lambda r: ("position", f"after {r}"))),
    Deprecated("last", "position: last", _rewrite_last),
    Deprecated("counted_like", "counted: {as: ROLE.first}", _named("counted_like", lambda r: ("counted", {"as": r}))),
    Deprecated("same_counted_as", "counted: {as: ROLE}", _named("same_counted_as", lambda r: ("counted", {"as": r}))),
    Deprecated("counted_compatible_with", "counted: {compatible_with: ROLE}",
               _named("counted_compatible_with", lambda r: ("counted", {"compatible_with": r}))),
)
DEPRECATED_BY_NAME = {d.name: d for d in DEPRECATED}


def _merge(src: RoleSource, spec: dict, old: str, key: str, value) -> None:
    """Put a rewritten deprecated key's value into `spec`, beside what the role already says there."""
    if key not in spec:
        spec[key] = value
    elif key == "position":
        current = spec[key] if isinstance(spec[key], list) else [spec[key]]
        spec[key] = current + [value]
    elif key == "counted":
        current = spec[key] if isinstance(spec[key], dict) else {"words": spec[key]}
        clash = set(current) & set(value)
        if clash:
            raise src.error(old, f"'{old}' says again what 'counted' says ({', '.join(sorted(clash))}): keep one",
                            on_key=True)
        spec[key] = {**current, **value}
    else:
        raise src.error(old, f"'{old}' and '{key}' both set the {key}: keep '{key}'", on_key=True)


def shown_value(value, most: int = 8) -> str:
    """A condition's value in YAML's flow style, long lists cut after `most` items."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shown_value(v, most)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        more = ", …" if len(value) > most else ""
        return "[" + ", ".join(shown_value(v, most) for v in value[:most]) + more + "]"
    return str(value)


def read_role(doc, where: tuple, name: str, spec, classes: dict, scope: str, warn: Callable) -> Role:
    """The role `name` from its YAML mapping `spec` at `where` in `doc` (a located rule file); `scope` is
    the rule's default; `warn(where, message)` receives each warning (a deprecated key, a word that can
    never match)."""
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise doc.error(where, f"role '{name}' must be a mapping of conditions")
    src = RoleSource(doc, where, classes, warn)
    rewritten = {}
    for key in spec:
        if key not in ROLE_KEYS and key not in DEPRECATED_BY_NAME:
            raise src.error(key, unknown(key, ROLE_KEYS, "role key"), on_key=True)
    for key, value in spec.items():
        if key in ROLE_KEYS:
            rewritten[key] = value
    for key, value in spec.items():
        old = DEPRECATED_BY_NAME.get(key)
        if old is None:
            continue
        new = old.rewrite(src, value)
        if new is not None:
            if new[0] not in spec:
                src.written_as[new[0]] = key
            _merge(src, rewritten, key, *new)
        shown = f"'{new[0]}: {shown_value(new[1])}'" if new else "nothing (it is the default)"
        warn(where + (key,), f"role key '{key}' is deprecated: write {shown} (see '{old.replacement}' in "
                             "docs/rules.md)")
    role = Role(name=name, spec=rewritten, scope=scope)
    for key, value in rewritten.items():
        BY_NAME[key].parse(src, role, key, value)
    if role.reference == "exchange_rate" and role.rate_between is None:
        raise src.error("reference", "an exchange_rate reference needs 'rate_between: [from, to]'")
    return role


# -- the documentation -------------------------------------------------------------------------------
TABLE_BEGIN = "<!-- role-keys: generated from auditor/rules/vocabulary.py by tools/rules_doc.py; do not edit -->"
TABLE_END = "<!-- /role-keys -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def key_table() -> str:
    """docs/rules.md's tables of role conditions and deprecated keys, from the registry."""
    rows = ["| key | the quantity must... |", "|---|---|"]
    rows += [f"| `{key.name}` | {_cell(key.doc)} |" for key in KEYS]
    rows += ["", "Deprecated keys still load, with a warning naming what to write instead:", "",
             "| deprecated | write instead |", "|---|---|"]
    rows += [f"| `{d.name}` | `{d.replacement}` |" for d in DEPRECATED]
    return "\n".join(rows)


def with_key_table(markdown: str) -> str:
    """`markdown` with the text between the role-key markers replaced by `key_table()`."""
    head, begin, rest = markdown.partition(TABLE_BEGIN)
    _, end, tail = rest.partition(TABLE_END)
    if not begin or not end:
        raise ValueError("the role-key markers are missing")
    return f"{head}{TABLE_BEGIN}\n{key_table()}\n{TABLE_END}{tail}"
