"""Which quantities of a document may fill a role: an index, so a rule set's size costs little.

The matcher would test every quantity of a document against every rule's anchor. `CandidateIndex` narrows
that through indices built once per document (quantities by kind, by dimension, by the words of what they
count, and the sentences each word is in: a role that asks for `words_before: [from]` can only bind a
quantity in a sentence holding "from"), then runs the role's own tests on what is left. What a set
of conditions accepts is remembered per document by the conditions themselves
(`Role.signature`), so the roles of many rules that ask the same (`kind: percent`, the
same word lists) test each quantity once; the matcher looks a role's candidates up in that set. The
prefilter keeps only necessary conditions, so the quantities accepted are exactly those the tests alone
accept.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from functools import cached_property
from typing import Callable

from .vocabulary import Role

# the conditions `CandidateIndex.possible` applies in full, whose tests need not run again
PREFILTERED_KEYS = frozenset({"kind", "dimension"})
# the conditions that words are absent from a window of the quantity's sentence
_ABSENT_WORDS = frozenset({"not_words_before", "not_words_after", "not_in_sentence"})
# a role's conditions as (key, test of one quantity) pairs
Tests = Callable[[Role], list[tuple[str, Callable[[int], bool]]]]


class CandidateIndex:
    """The inverted indices of one document's quantities, and what each set of conditions accepted."""

    def __init__(self, ix):
        # the document's index owns this one: a proxy back, so that the two are freed together as soon as
        # the document is done, without waiting for the garbage collector
        self.ix = weakref.proxy(ix)
        self._accepted: dict[tuple, list[int]] = {}
        self._accepted_sets: dict[tuple, frozenset[int]] = {}
        self._holding: dict[frozenset[str], frozenset[int]] = {}

    def accepted(self, role: Role, tests: Tests) -> list[int]:
        """Every quantity, in text order, that meets `role`'s own conditions (`tests(role)`: each condition's
        key and its test of one quantity, asked for only when no role with the same conditions asked before)."""
        key = role.signature
        found = self._accepted.get(key)
        if found is None:
            found, sentence = self.possible(role), self.ix.sentence
            # a condition at a time over what is left, one comprehension each (no tests built for nothing)
            for name, test in tests(role) if found else ():
                if name in _ABSENT_WORDS:  # only a sentence holding a first word of the phrases can fail it
                    holding = self._sentences_holding(getattr(role, name).first_words)
                    found = [i for i in found if sentence[i] not in holding or test(i)]
                else:
                    found = [i for i in found if test(i)]
            self._accepted[key] = found
        return found

    def accepted_set(self, role: Role, tests: Tests) -> frozenset[int]:
        """`accepted` as a set, to look candidates up in."""
        found = self._accepted_sets.get(role.signature)
        if found is None:
            found = self._accepted_sets[role.signature] = frozenset(self.accepted(role, tests))
        return found

    def possible(self, role: Role) -> list[int]:
        """The quantities that pass the role's necessary conditions: its kind, dimension, a first word of
        its `counted` phrases among what they count, a first word of its word conditions in their sentence."""
        if role.reference:
            return []
        found = self.ix.of_kinds(role.kind)
        holdings = [self._sentences_holding(words) for words in role.sentence_words] if found else []
        if not found or not all(holdings):
            return []  # (no quantity of its kinds, or none of a word list's first words in any sentence)
        if role.dimension:
            dims = self.ix.dimensions
            found = [i for i in found if dims[i] in role.dimension]
        if role.counted:
            counting = set().union(*(self._counting.get(p[0], ()) for p in role.counted.phrases))
            found = [i for i in found if i in counting]
        sentence = self.ix.sentence
        for holding in holdings:
            found = [i for i in found if sentence[i] in holding]
        return list(found)

    def _sentences_holding(self, words: frozenset[str]) -> frozenset[int]:
        """The sentences (of those with quantities) that hold one of `words`."""
        found = self._holding.get(words)
        if found is None:
            in_sentences = self._word_sentences
            found = self._holding[words] = frozenset().union(*(in_sentences.get(w, ()) for w in words))
        return found

    @cached_property
    def _counting(self) -> dict[str, set[int]]:
        """word → the quantities whose counted noun phrase holds it."""
        out: dict[str, set[int]] = defaultdict(set)
        for i in range(len(self.ix.quantities)):
            for word in self.ix.counted_words(i):
                out[word].add(i)
        return out

    @cached_property
    def _word_sentences(self) -> dict[str, list[int]]:
        """word → the sentences (of those with quantities) it is in."""
        out: dict[str, list[int]] = defaultdict(list)
        for s in self.ix.by_sentence:
            tokens = self.ix.sentence_tokens(s)
            for word in set(tokens.words(0, len(tokens))):
                out[word].append(s)
        return out
