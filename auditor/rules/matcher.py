"""Binding a rule's roles to the quantities of a document.

The first role is the anchor: every quantity that satisfies it starts a match. Each other role then takes
the nearest quantity that satisfies its conditions within its scope (the anchor's sentence, paragraph, or
earlier in the document), or, for a `many` role, every such quantity. Every window is bounded, whatever
the layout of the text: candidates lie at most CANDIDATE_REACH quantities from the anchor (in a paragraph
of 8,000 sentences or a sentence of 8,000 figures as in a document), word conditions look at `window`
words found by bisection, and a reference's place name is looked for at most REFERENCE_REACH characters
back. So the work grows with the number of quantities, never with their square. A role's conditions are
the keys of `vocabulary.KEYS`, tested in its order; the quantities a role may bind come through the
document's `CandidateIndex` (auditor/rules/candidates.py), so the number of rules costs little.
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from .. import unit_facts as unit_info
from ..document import Document, display_path
from ..extract import Quantity
from .candidates import PREFILTERED_KEYS, CandidateIndex
from .schema import REGEX_TIMEOUT, Role, Rule
from .words import TOKEN, normalise, tokens

if TYPE_CHECKING:
    from ..dating import DocumentDate

CANDIDATE_REACH = 60  # quantities a role may look over on either side of its anchor, in any scope
REFERENCE_REACH = 300  # characters before the anchor searched for the place a reference figure is of
REGEX_BUDGET = 1.0  # CPU seconds all of one rule's regular expressions may take on one document
BUSY_RETRIES = 3  # a search stopped by the wall-clock limit while it barely ran is tried again this often


class RuleTimeout(Exception):
    """A rule author's regular expression ran past its time limit."""


@dataclass(frozen=True, slots=True)
class ReferenceValue:
    """A reference figure bound to a role, with the place in the text that names its entity (None for a
    figure no place in the text names, such as an exchange rate). `low`..`high` is the range the figure
    may take (a market rate over some days); `unavailable` says why there is no figure to compare with;
    `details` fills the rule's message placeholders (`{rate.implied}`)."""

    start: int | None
    end: int | None
    text: str
    value: float
    unit: str | None
    source: str
    low: float | None = None
    high: float | None = None
    unavailable: str | None = None
    details: dict | None = None


Bound = Quantity | ReferenceValue | list[Quantity]


class Binding(dict):
    """One binding of a rule's roles, {role name: Bound}; when the last role asks for `alternatives`,
    `alternatives` is that role's name and the other quantities it could have bound, next nearest first."""

    alternatives: tuple[str, list[Quantity]] | None = None


class DocumentIndex:
    """A document's quantities with the lookups rules need, computed once per document."""

    def __init__(self, doc: Document, quantities: list[Quantity],
                 date_of: Callable[[], DocumentDate] | None = None):
        """`date_of` gives the document's date (default: unknown), asked for only by rules that need it."""
        self.doc = doc
        self._date_of = date_of
        self.quantities = quantities
        self.sentence = [doc.sentence_index(q.start) for q in quantities]
        self.paragraph = [doc.paragraph_index(q.start) for q in quantities]
        self.by_sentence: dict[int, list[int]] = defaultdict(list)
        self.by_paragraph: dict[int, list[int]] = defaultdict(list)
        for i in range(len(quantities)):
            self.by_sentence[self.sentence[i]].append(i)
            self.by_paragraph[self.paragraph[i]].append(i)
        self.position = {id(q): i for i, q in enumerate(quantities)}
        self._sentence_tokens: dict[int, _Tokens] = {}
        self._counted_tokens: dict[int, list[str]] = {}
        self._before: dict[tuple[int, int], list[str]] = {}
        self._marks: dict[int, list[int]] = {}
        self._of_kinds: dict[frozenset[str], list[int]] = {}
        self._reachable: dict[tuple, tuple[list[int], list[int]]] = {}
        self._names: dict[int, tuple[str, ...]] = {}  # quantity → the names of its clause
        self._nouns: dict[tuple[int, bool], frozenset[str]] = {}  # (quantity, after only) → nouns_near
        self._sentence_nouns: dict[int, frozenset[str]] = {}

    def of_kinds(self, kinds: frozenset[str]):
        """Indices of the quantities of these kinds (all of them if `kinds` is empty), in order."""
        if not kinds:
            return range(len(self.quantities))
        if len(kinds) == 1:
            return self._by_kind.get(next(iter(kinds)), [])
        found = self._of_kinds.get(kinds)
        if found is None:
            found = self._of_kinds[kinds] = sorted(i for k in kinds for i in self._by_kind.get(k, []))
        return found

    @cached_property
    def date(self) -> DocumentDate:
        if self._date_of is None:
            from ..dating import UNKNOWN

            return UNKNOWN
        return self._date_of()

    @cached_property
    def candidates(self) -> CandidateIndex:
        return CandidateIndex(self)

    @cached_property
    def restatements(self) -> frozenset[int]:
        """The quantities that give the one before them again, in brackets after a few words, within its
        rounding: "Suez owns 40% of Aguas Argentinas (39.9%)" is one share, not two."""
        from .bounds import figure_interval

        qs, text, found = self.quantities, self.doc.text, set()
        for i in range(1, len(qs)):
            before, q = qs[i - 1], qs[i]
            if q.unit != before.unit or q.value is None or before.value is None:
                continue
            if _RESTATED_AFTER.fullmatch(text, before.end, q.start) is None:
                continue
            bounds = figure_interval(before, 1.0, 0.01)
            if bounds.low <= q.value <= bounds.high:
                found.add(i)
        return frozenset(found)

    @cached_property
    def _by_kind(self) -> dict[str, list[int]]:
        by_kind: dict[str, list[int]] = defaultdict(list)
        for i, q in enumerate(self.quantities):
            by_kind[q.kind].append(i)
        return by_kind

    @cached_property
    def dimensions(self) -> list[str]:
        return [unit_info.dimension_of(q) for q in self.quantities]

    @cached_property
    def _last_of_kind(self) -> dict[tuple[int, str], int]:
        """(sentence, kind) → the index of the last quantity of that kind in that sentence."""
        return {(self.sentence[i], q.kind): i for i, q in enumerate(self.quantities)}

    def later_of_kind(self, i: int, kinds) -> bool:
        """Whether a quantity of one of `kinds` comes after quantity `i` in its sentence."""
        s = self.sentence[i]
        return any(self._last_of_kind.get((s, k), -1) > i for k in kinds)

    def reachable(self, anchor: int, scope: str, position: str) -> tuple[list[int], list[int]]:
        """The quantities a role of this scope and position may bind for the anchor, at most
        CANDIDATE_REACH away from it, in text order and nearest first (shared by every role that asks)."""
        key = (anchor, scope, position)
        found = self._reachable.get(key)
        if found is None:
            first, last = self.scope_range(anchor, scope)
            lo, hi = max(first, anchor - CANDIDATE_REACH), min(last, anchor + CANDIDATE_REACH + 1)
            if position == "before":
                hi = anchor
            elif position == "after":
                lo = anchor + 1
            in_order = [j for j in range(lo, hi) if j != anchor]
            start, qs = self.quantities[anchor].start, self.quantities
            found = self._reachable[key] = (in_order, sorted(in_order, key=lambda j: (abs(qs[j].start - start), j)))
        return found

    def scope_range(self, i: int, scope: str) -> tuple[int, int]:
        """The indices [first, last) of quantity `i`'s sentence or paragraph (quantities are in text
        order, so each is a run), or of the whole document."""
        if scope == "sentence":
            run = self.by_sentence[self.sentence[i]]
        elif scope == "paragraph":
            run = self.by_paragraph[self.paragraph[i]]
        else:
            return 0, len(self.quantities)
        return run[0], run[-1] + 1

    def sentence_tokens(self, s: int) -> "_Tokens":
        found = self._sentence_tokens.get(s)
        if found is None:
            span = self.doc.sentences[s] if self.doc.sentences else None
            found = self._sentence_tokens[s] = _Tokens(self.doc.text, *((span.start, span.end) if span else (0, 0)))
        return found

    def clause_names(self, i: int) -> tuple[str, ...]:
        """The names quantity `i`'s clause holds, in order and in their normal form: the first is what it is
        about ("Google shares fell $12.33", "Акции Сбербанка на Мосбирже упали"). A name is a word the
        document writes with a capital inside a sentence and never in lower case, and not a country or
        city: those are shared by every figure of a report on them ("Inflation in Russia ...")."""
        found = self._names.get(i)
        if found is None:
            q, s, text = self.quantities[i], self.sentence[i], self.doc.text
            # quotation marks do not end the clause here: they enclose names ("Акции «Газпрома» упали")
            span, marks = self.doc.sentences[s], [m for m in self._clause_marks(s) if text[m] in ",;:()"]
            before, after = bisect.bisect_left(marks, q.start), bisect.bisect_left(marks, q.end)
            lo = marks[before - 1] + 1 if before else span.start
            hi = marks[after] if after < len(marks) else span.end
            toks, names = self.sentence_tokens(s), self._name_words
            first, last = toks.starting_from(lo), toks.ending_by(hi)
            found = self._names[i] = tuple(
                w for k, w in enumerate(toks.words(first, last), first) if w in names and text[toks.start(k)].isupper())
        return found

    @cached_property
    def places(self) -> list[tuple[int, int, str]]:
        """Every country and city the document names, as (start, end, key), in order."""
        from .. import reference

        return reference.find_names(self.doc.text)

    @cached_property
    def _name_words(self) -> frozenset[str]:
        """The document's names (see `clause_names`), from every sentence but a headline (whose words are
        all capitalised), and but a sentence's first word or a word after a colon or a dash, which starts a
        sentence of its own ("He added: \"The shares ...\"")."""
        text, doc = self.doc.text, self.doc
        places = self.places
        place_starts = [a for a, _, _ in places]
        capitalised, lower = set(), set()
        for span in doc.sentences:
            in_headline = doc.headline is not None and span.start < doc.headline.end
            # the words read once, not kept as a quantity's sentence is
            for k, m in enumerate(TOKEN.finditer(text, span.start, span.end)):
                start = m.start()
                if not text[start].isupper():
                    lower.add(normalise(m.group()))
                elif k and not in_headline and text[max(0, start - 4):start].rstrip(_QUOTES_AND_SPACES)[-1:] \
                        not in _STARTS_A_SENTENCE:
                    place = bisect.bisect_right(place_starts, start) - 1
                    if place < 0 or start >= places[place][1]:
                        capitalised.add(normalise(m.group()))
        return frozenset(capitalised - lower - _NOT_NAMES)

    def _clause_marks(self, s: int) -> list[int]:
        """The offsets of the clause marks (commas, brackets, quotation marks...) of sentence `s`."""
        found = self._marks.get(s)
        if found is None:
            span = self.doc.sentences[s] if self.doc.sentences else None
            found = self._marks[s] = [] if span is None else \
                [m.start() for m in _CLAUSE_MARK.finditer(self.doc.text, span.start, span.end)]
        return found

    def words_before(self, i: int, window: int) -> list[str]:
        """Up to `window` words before quantity `i`, within its clause (back to a comma or bracket)."""
        key = (i, window)
        found = self._before.get(key)
        if found is None:
            q = self.quantities[i]
            toks = self.sentence_tokens(self.sentence[i])
            last = toks.ending_by(q.start)
            first = max(0, last - window)
            if first < last:
                marks = self._clause_marks(self.sentence[i])
                k = bisect.bisect_left(marks, q.start) - 1  # the last mark before the quantity
                if k >= 0 and marks[k] >= toks.start(first):
                    first = max(first, toks.starting_from(marks[k] + 1))
            found = self._before[key] = toks.words(first, last)
        return found

    def sentence_words_before(self, i: int, window: int) -> list[str]:
        """Up to `window` words before quantity `i` in its sentence, across clauses ("сократился с 2,4 до
        1,8 млн тонн, то есть на 40%": the verb is two clauses back)."""
        toks = self.sentence_tokens(self.sentence[i])
        last = toks.ending_by(self.quantities[i].start)
        return toks.words(max(0, last - window), last)

    def words_after(self, i: int, window: int) -> list[str]:
        """Up to `window` words after quantity `i` in its sentence (what follows a figure often comes after
        a comma: "up to 12,000 fighters, including ...")."""
        toks = self.sentence_tokens(self.sentence[i])  # a bisection and a slice: cheaper than keeping them
        first = toks.starting_from(self.quantities[i].end)
        return toks.words(first, first + window)

    def clause_words_after(self, i: int, window: int) -> list[str]:
        """Up to `window` words after quantity `i`, within its clause."""
        q = self.quantities[i]
        toks = self.sentence_tokens(self.sentence[i])
        first = toks.starting_from(q.end)
        last = min(len(toks), first + window)
        if first < last:
            marks = self._clause_marks(self.sentence[i])
            k = bisect.bisect_left(marks, q.end)  # the first mark after the quantity
            if k < len(marks) and marks[k] < toks.end(last - 1):
                last = min(last, toks.ending_by(marks[k]))
        return toks.words(first, last)

    def clause_words(self, i: int, before: int, after: int) -> list[str]:
        """Words near a quantity within its clause (no comma or bracket in between)."""
        return self.words_before(i, before) + self.clause_words_after(i, after)

    def nouns_near(self, i: int, after_only: bool = False) -> frozenset[str]:
        """The words that may name what quantity `i` is a figure of: those of its clause up to 12 words
        before it and 4 after ("The global market for hearing implants was worth $1.8bn", "$102.6bn debt"),
        or with `after_only` the 4 after it (what a share is of: "40% of the total debt", "трети рынка"),
        and what it counts; not words of grammar, quantity or time, nor a Russian word other than a noun
        ("скупили", "киргизских")."""
        key = (i, after_only)
        found = self._nouns.get(key)
        if found is None:
            near = self.clause_words_after(i, 4) if after_only else self.clause_words(i, 12, 4)
            found = self._nouns[key] = frozenset(w for w in near + self._after_bracket(i) + self.counted_words(i)
                                                 if _may_name(w))
        return found

    def _after_bracket(self, i: int) -> list[str]:
        """The 3 words after a bracket right after quantity `i`, which gives it again in another currency or
        unit: "a ¥112.1tn ($790bn) budget", "$102.6bn (£53.51bn) debt"."""
        q, text = self.quantities[i], self.doc.text
        m = _BRACKET_AFTER.match(text, q.end)
        if m is None:
            return []
        toks = self.sentence_tokens(self.sentence[i])
        first = toks.starting_from(m.end())
        return toks.words(first, min(len(toks), first + 3))

    def sentence_nouns(self, s: int) -> frozenset[str]:
        """The words of sentence `s` that `nouns_near` would keep."""
        found = self._sentence_nouns.get(s)
        if found is None:
            toks = self.sentence_tokens(s)
            found = self._sentence_nouns[s] = frozenset(w for w in toks.words(0, len(toks)) if _may_name(w))
        return found

    def counted_words(self, i: int) -> list[str]:
        if i not in self._counted_tokens:
            counted = self.quantities[i].counted
            self._counted_tokens[i] = [w for w, _, _ in tokens(counted)] if counted else []
        return self._counted_tokens[i]


# capitalised inside a sentence without naming what a figure is about: the pronoun, titles, months, days,
# time zones and news agencies
_NOT_NAMES = frozenset(
    "i mr mrs ms dr sir prof january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday gmt bst utc cet мск reuters ap afp "
    "bloomberg interfax итар-тасс тасс риа".split())
# words beside a figure that do not say what it is a figure of (in their normal form: lemmas, no plural s):
# grammar, quantity, time and change
_NOT_NOUNS = frozenset(
    "about above after again against almost also among amount around been before being below between billion "
    "both could does down during each every figure from have into just last later least less many more most "
    "much nearly next number only other over past rate roughly said same says should since some such than "
    "that their them then there these they this those through time total under until very were what when "
    "where which while will with within would year month week thousand million trillion percent cent "
    "january february march april june july august september october november december "
    "rose risen rise fell fallen fall grew grow increase increased decrease decreased gain gained drop dropped "
    "decline declined jump jumped climb climbed reach reached compared "
    "сумма объем уровень показатель число размер итог год месяц неделя тысяча миллион миллиард триллион "
    "процент".split())


def _may_name(word: str) -> bool:
    """Whether a word (in its normal form) may name what a figure is of: not a word of grammar, quantity or
    time, nor a Russian word pymorphy3 reads as other than a noun."""
    if len(word) < 4 or word in _NOT_NOUNS or word[0].isdigit():
        return False
    if not ("а" <= word[0] <= "я"):
        return True
    from ..extract.russian import parse_word

    return parse_word(word).tag.POS == "NOUN"


# a word after a colon or a dash (and any quotation mark) starts a sentence of its own: 'He added: "The ...'
_STARTS_A_SENTENCE = frozenset(":—–-")
_QUOTES_AND_SPACES = " \u00a0\"“«„'‘("
_CLAUSE_MARK = re.compile("[,;:()\"«»“”]")  # dashes are left out: in Russian "площадь — 95 тысяч" a dash links
_RESTATED_AFTER = re.compile(r"[^\d().;%]{0,40}\(\s*(?:about|approx\.?|около|примерно|c\.|~)?\s*")
# a bracket right after a figure, closed before the sentence ends: "($790bn; £420bn)"
_BRACKET_AFTER = re.compile(r"\s*\([^()\n.!?]{1,40}\)")
# a year ("in 1790", "в 2009 году")
_YEAR = re.compile(r"(?<![\d.,])(?:1[5-9]\d\d|20\d\d)(?![\d.,]\d)")
# a part of a country named between it and a figure: the figure is the part's
_SUBDIVISION = re.compile(r"\b(?:county|province|region|district|state of|prefecture|municipality|town|village|"
                          r"область|области|край|края|район|района|округ|округа|провинци\w*|уезд\w*|сел[оа]|"
                          r"деревн\w*)\b", re.IGNORECASE)
# a sentence speaking of a country it does not name: "The country has a population of ...", "в стране"
_THE_COUNTRY = re.compile(r"\b(?:the country|the nation|стран[аеуы]|страной)\b", re.IGNORECASE)
_OTHER_SUBJECT = re.compile(r"\b(?:but|while|whereas|although|но|однако|а|тогда как|на них|в них|там|there|"
                            r"in them|of them)\b|;", re.IGNORECASE)


class _Tokens:
    """A sentence's words in order, with their offsets, to find those around a point by bisection.

    A document's index keeps these for every sentence with a quantity, so they are stored compactly (a
    list of the shared word strings and two arrays of machine integers: 24 bytes a word rather than a
    tuple and two integer objects, 140)."""

    __slots__ = ("_words", "_starts", "_ends")

    def __init__(self, text: str, start: int, end: int):
        """The words of `text[start:end]` as `words.tokens` gives them, at their offsets in `text`."""
        found = list(TOKEN.finditer(text, start, end))
        self._words = [normalise(m.group()) for m in found]
        self._starts = array("q", [m.start() for m in found])
        self._ends = array("q", [m.end() for m in found])

    def __len__(self) -> int:
        return len(self._words)

    @property
    def items(self) -> list[tuple[str, int, int]]:
        """(word, start, end) of each word, built when asked for (tests compare against them)."""
        return list(zip(self._words, self._starts, self._ends))

    def start(self, k: int) -> int:
        return self._starts[k]

    def end(self, k: int) -> int:
        return self._ends[k]

    def ending_by(self, offset: int) -> int:
        """How many words end at or before `offset`."""
        return bisect.bisect_right(self._ends, offset)

    def starting_from(self, offset: int) -> int:
        """The index of the first word that starts at or after `offset`."""
        return bisect.bisect_left(self._starts, offset)

    def words(self, first: int, last: int) -> list[str]:
        return self._words[first:last]


class Matcher:
    """Finds the bindings of one rule in one document."""

    prefilter = True  # candidates go through the document's index first (off: every one is tested)

    def __init__(self, rule: Rule, index: DocumentIndex, classes: "WordClasses | None" = None):
        self.rule = rule
        self.ix = index
        self.classes = classes or WordClasses({})
        self._own: dict[str, list] = {}
        self._relations: dict[str, list] = {}
        self.regex_seconds = 0.0  # spent by this rule's regular expressions on this document
        self._conversions: list[tuple[Quantity, Quantity]] | None = None

    def bindings(self) -> list[dict]:
        """The rule's bindings {role name: Quantity | ReferenceValue | [Quantity]}: one per claim, the
        tightest (smallest distance from the claim to the other spans) when several anchors reach it."""
        best: dict[tuple, tuple[int, dict]] = {}
        for binding in self._all_bindings():
            claim = binding[self.rule.claim]
            key = _span_key(claim)
            spread = _spread(claim, binding.values())
            if key not in best or spread < best[key][0]:
                best[key] = (spread, binding)
        # the tests are closures over this matcher: dropping them now lets the matcher, and the document's
        # index it holds, be freed as soon as the engine lets go of it, not by the garbage collector
        self._own.clear()
        self._relations.clear()
        return [b for _, b in sorted(best.values(), key=lambda item: _span_key(item[1][self.rule.claim]))]

    def _all_bindings(self, until: Role | None = None):
        """Every anchor's binding of the rule's roles; with `until`, of the roles listed before it."""
        ix = self.ix
        anchor = self.rule.anchor
        if self.prefilter:
            anchors = ix.candidates.accepted(anchor, self.tests)
            if anchors and self._some_role_unbindable(until):
                return
        else:
            anchors = [i for i in ix.of_kinds(anchor.kind) if self.accepts(anchor, i)]
        for i in anchors:
            binding = Binding({anchor.name: ix.quantities[i]})
            used = {i}
            for role in self.rule.roles[1:]:
                if role is until:
                    yield binding
                    break
                bound = self.bind(role, i, binding, used)
                if bound is None:
                    break
                binding[role.name] = bound
                if role.alternatives:
                    binding.alternatives = (role.name, self.alternates(role, i, binding, used))
            else:
                yield binding

    def _some_role_unbindable(self, until: Role | None) -> bool:
        """Whether a role (before `until`) that must bind a quantity has none in the document to bind:
        then no anchor has a binding ("one in 10" is looked for once, not beside every count)."""
        candidates = self.ix.candidates
        for role in self.rule.roles[1:]:
            if role is until:
                break
            if role.text is not None and not role.text.trusted:
                continue  # a rule author's pattern runs against its time budget only where a binding needs it
            if not role.reference and (not role.many or role.min > 0) and not candidates.accepted(role, self.tests):
                return True
        return False

    def conversions(self, rate: Role) -> list[tuple[Quantity, Quantity]]:
        """Every pair of the roles `rate.rate_between` this rule binds in the document, its exchange-rate
        role left out: the document's own conversions, which tell its rates when its date does not."""
        if self._conversions is None:
            first, second = rate.rate_between
            self._conversions = [(b[first], b[second]) for b in self._all_bindings(until=rate)]
        return self._conversions

    # -- conditions on one quantity ---------------------------------------------------------------------
    def accepts(self, role: Role, i: int) -> bool:
        """Whether quantity `i` meets every condition of `role` on its own (the candidate index applies the
        same tests to all the candidates at once)."""
        return all(test(i) for test in self.own_tests(role)[1])

    def rejection(self, role: Role, i: int) -> str | None:
        """The first condition of `role` quantity `i` fails on its own (None if it meets them all)."""
        keys, tests = self.own_tests(role)
        return next((key for key, test in zip(keys, tests) if not test(i)), None)

    def own_tests(self, role: Role) -> tuple[list[str], list]:
        """The role's conditions on a quantity alone: their keys and tests, in the registry's order (cheap
        ones first), leaving out those it does not set: this is the hot path."""
        found = self._own.get(role.name)
        if found is None:
            if role.reference:
                pairs = [("reference", lambda i: False)]
            else:
                pairs = [(key.name, t) for key in role.keys if key.test and (t := key.test(role, self)) is not None]
            found = self._own[role.name] = ([k for k, _ in pairs], [t for _, t in pairs])
        return found

    def tests(self, role: Role) -> list[tuple[str, Callable[[int], bool]]]:
        """The conditions of `own_tests`, as (key, test) pairs, that the candidate index's prefilter does
        not already settle."""
        keys, tests = self.own_tests(role)
        return [(key, test) for key, test in zip(keys, tests) if key not in PREFILTERED_KEYS]

    def _relation_tests(self, role: Role) -> tuple[list[str], list]:
        """The role's conditions on its relations to the anchor and earlier roles: keys and tests."""
        found = self._relations.get(role.name)
        if found is None:
            pairs = [(key.name, t) for key in role.keys if key.relation and (t := key.relation(role, self)) is not None]
            found = self._relations[role.name] = ([k for k, _ in pairs], [t for _, t in pairs])
        return found

    def search(self, pattern, text: str):
        """Search with the per-match time limit, counted against the rule's budget for the document (a
        shipped rule's pattern is searched without them: see UserPattern).

        Both are CPU time. The regex module's timeout is wall-clock time, and on a busy machine (a
        cluster worker sharing its cores, a CI runner) a cheap search can outlast it while the thread
        waits for a core; such a search is run again (at most BUSY_RETRIES times), and only one that
        spent its time computing is stopped."""
        if pattern.trusted:  # a shipped rule's (see UserPattern)
            return pattern.search(text)
        left = REGEX_BUDGET - self.regex_seconds
        if left <= 0:
            raise RuleTimeout(f"the regular expressions of rule '{self.rule.id}' used up their budget of "
                              f"{REGEX_BUDGET:g} s on {display_path(self.ix.doc.path)}")
        limit = min(REGEX_TIMEOUT, left)
        started = time.thread_time()
        try:
            for attempt in range(BUSY_RETRIES + 1):
                attempt_started = time.thread_time()
                try:
                    return pattern.search(text, timeout=limit)
                except TimeoutError:
                    computing = time.thread_time() - attempt_started >= limit / 2
                    if computing or attempt == BUSY_RETRIES:
                        raise RuleTimeout(f"a regular expression of rule '{self.rule.id}' ran past its time "
                                          f"limit ({limit * 1000:.0f} ms) on {text[:40]!r}") from None
        finally:
            self.regex_seconds += time.thread_time() - started

    @staticmethod
    def currency(unit: str) -> str:
        return _currency(unit)

    # -- relations to the anchor and the roles bound so far --------------------------------------------
    def candidates(self, role: Role, anchor: int) -> list[int]:
        """The quantities in the role's scope at most CANDIDATE_REACH away from the anchor, on the side
        its `position` asks for, in text order."""
        return self.ix.reachable(anchor, role.scope, role.position)[0]

    def nearest_first(self, role: Role, anchor: int) -> list[int]:
        """The role's candidates in the order a single role tries them: nearest the anchor first."""
        return self.ix.reachable(anchor, role.scope, role.position)[1]

    def related(self, role: Role, anchor: int, j: int, binding: dict) -> bool:
        """Whether quantity `j` stands in the relations `role` asks for to the anchor and earlier roles."""
        for test in self._relation_tests(role)[1]:
            if not test(anchor, j, binding):
                return False
        return True

    def relation_rejection(self, role: Role, anchor: int, j: int, binding: dict) -> str | None:
        """The first relation of `role` quantity `j` fails (None if it stands in them all)."""
        keys, tests = self._relation_tests(role)
        return next((key for key, test in zip(keys, tests) if not test(anchor, j, binding)), None)

    def bind(self, role: Role, anchor: int, binding: dict, used: set[int]) -> Bound | None:
        if role.reference == "exchange_rate":
            from .exchange import exchange_rate

            return exchange_rate(self.ix, binding[role.rate_between[0]], binding[role.rate_between[1]],
                                 self.conversions(role))
        if role.reference:
            return self.bind_reference(role, anchor)
        ix = self.ix
        qualifies = self._qualifies(role)
        if role.many:
            found = [j for j in self.candidates(role, anchor)
                     if j not in used and qualifies(j) and self.related(role, anchor, j, binding)]
            # a figure given again in brackets is one part, not two
            restated = ix.restatements
            found = [j for j in found if not (j in restated and (j - 1 in used or j - 1 in found))]
            if len(found) < role.min:
                return None
            used.update(found)
            return [ix.quantities[j] for j in sorted(found)]
        # the nearest candidate that qualifies: try them nearest first and stop at the first
        j = next(self._qualifying(role, anchor, binding, used, qualifies), None)
        if j is None:
            return None
        used.add(j)
        return ix.quantities[j]

    def alternates(self, role: Role, anchor: int, binding: dict, used: set[int]) -> list[Quantity]:
        """The `role.alternatives` quantities, next nearest first, the role could bind besides those in
        `used` (the one it bound among them)."""
        found = self._qualifying(role, anchor, binding, used, self._qualifies(role))
        return [self.ix.quantities[j] for j in itertools.islice(found, role.alternatives)]

    def _qualifies(self, role: Role) -> Callable[[int], bool]:
        """Whether a quantity meets the role's conditions on it alone: the candidate index's verdicts, or
        each condition tested when the prefilter is off."""
        if self.prefilter:
            return self.ix.candidates.accepted_set(role, self.tests).__contains__
        return lambda j: self.accepts(role, j)

    def _qualifying(self, role: Role, anchor: int, binding: dict, used: set[int], qualifies):
        """The quantities the role may bind for the anchor, nearest first."""
        for j in self.nearest_first(role, anchor):
            if j not in used and qualifies(j) and self.related(role, anchor, j, binding):
                yield j

    def bind_reference(self, role: Role, anchor: int) -> ReferenceValue | None:
        """The reference figure for the place named nearest before the anchor in its sentence."""
        from .. import reference

        ix = self.ix
        q = ix.quantities[anchor]
        span = ix.doc.sentences[ix.sentence[anchor]]
        lo = max(span.start, q.start - REFERENCE_REACH)
        # a place named before a contrast or a pronoun speaks of something else: "более трети от всей
        # России, но на них проживает менее восьми миллионов"
        for m in _OTHER_SUBJECT.finditer(ix.doc.text, lo, q.start):
            lo = m.end()
        names = [(lo + start, lo + end, key) for start, end, key in reference.find_names(ix.doc.text[lo : q.start])]
        if not names and _THE_COUNTRY.search(ix.doc.text, lo, q.start):
            names = self._main_country(q.start)
        # a year the sentence names dates its figure ("a population of 3.9 million at the first census in
        # 1790"); one before the reference data begins leaves nothing to compare with
        nearest = min(_YEAR.finditer(ix.doc.text, span.start, span.end), key=lambda m: abs(m.start() - q.start),
                      default=None)
        year = int(nearest.group()) if nearest else None
        if year is not None and year < reference.population_years()[0]:
            return None
        for start, end, key in reversed(names):
            fig = reference.figure(key, role.reference)
            if fig is not None and fig.kind == "country" and _SUBDIVISION.search(ix.doc.text, end, q.start):
                return None  # "in the county of Ludian with a population of about 400,000": not China's
            if role.reference == "population":
                by_year = self._population_of_year(key, year)
                if by_year is not None:
                    low, high, first, last = by_year
                    years = str(first) if first == last else f"{first}-{last}"
                    return ReferenceValue(start, end, ix.doc.text[start:end], (low + high) / 2, None,
                                          f"{reference.POPULATION_SOURCE}, {years}, "
                                          f"{reference.POPULATION_LICENCE}", low, high)
            if fig is not None:
                return ReferenceValue(start, end, ix.doc.text[start:end], fig.value, fig.unit,
                                      f"{fig.name}: {fig.source}, {fig.year}, {fig.licence}")
        return None

    def _main_country(self, before: int) -> list[tuple[int, int, str]]:
        """The country a text names most often before offset `before` (the first of them on a tie), as its
        last mention there: the one "the country" speaks of when its sentence names none ("India's Deccan
        seals $1.8bn deal ... UK entrepreneur Richard Branson ... The country has a population of more than
        a billion")."""
        from .. import reference

        mentions: dict[str, list[tuple[int, int, str]]] = {}
        for start, end, key in self.ix.places:
            if start >= before:
                break
            fig = reference.figure(key, "population")
            if fig is not None and fig.kind == "country":
                mentions.setdefault(key, []).append((start, end, key))
        if not mentions:
            return []
        most = max(mentions.values(), key=len)  # the first counted of the most named (dicts keep order)
        return most[-1:]

    def _population_of_year(self, key: str, year: int | None = None):
        """A country's population in `year` (one its sentence names), else over the years the document may
        date from: those of its date; from a year before the latest date its text mentions on; the last 25
        years when it is unknown."""
        from .. import reference

        first_year, last_year = reference.population_years()
        if year is not None and year <= last_year:
            return reference.population_between(key, year, year)
        span = self.ix.date.span()
        if span is None:
            first_year = last_year - 25
        elif self.ix.date.source == "text":
            first_year = span[0].year - 1
        else:
            first_year, last_year = span[0].year, span[1].year
        return reference.population_between(key, first_year, last_year)


class WordClasses:
    """The rule files' word classes, to tell whether two phrases speak of the same kind of thing."""

    def __init__(self, classes: dict[str, list[str]]):
        self.of_word: dict[str, set[str]] = defaultdict(set)
        for name, items in classes.items():
            for item in items:
                for w, _, _ in tokens(item):
                    self.of_word[w].add(name)

    def compatible(self, words: list[str], others: list[str]) -> bool:
        """Whether two counted phrases may count one group: not when one counts places and the other does
        not ("12 человек из 13 стран", "20,000 people in 20 countries")."""
        places = [any("places" in self.of_word.get(w, set()) for w in ws) for ws in (words, others)]
        return places[0] == places[1] or self.related(words[-1:], others[-1:])

    def related(self, words: list[str], others: list[str]) -> bool:
        """Whether `words` and `others` share a word or a class ("ISIS fighters" ~ "militants")."""
        if set(words) & set(others):
            return True
        mine = set().union(*(self.of_word.get(w, set()) for w in words)) if words else set()
        theirs = set().union(*(self.of_word.get(w, set()) for w in others)) if others else set()
        return bool(mine & theirs)


@lru_cache(maxsize=256)
def _currency(unit: str) -> str:
    """The currency dimension of a money unit ("penny" and "GBP" are both pounds)."""
    return unit_info.currency_of(unit)


def _spread(claim: Bound, bounds) -> int:
    start = claim[0].start if isinstance(claim, list) else claim.start
    total = 0
    for b in bounds:
        for item in b if isinstance(b, list) else [b]:
            if item.start is not None:  # an exchange rate has no place in the text
                total += abs(item.start - start)
    return total


def _span_key(bound: Bound) -> tuple:
    if isinstance(bound, list):
        return tuple((q.start, q.end) for q in bound)
    return ((bound.start, bound.end),)
