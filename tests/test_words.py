"""The form words are compared in (`auditor.rules.words.normalise`): a rule's word and the text's word
must meet whatever their number."""

from __future__ import annotations

import pytest

from auditor.rules.words import NUMBER_TOKEN, normalise


@pytest.mark.parametrize(("plural", "singular"), [
    ("games", "game"), ("bodies", "body"), ("matches", "match"), ("losses", "loss"), ("boxes", "box"),
    ("crashes", "crash"), ("cases", "case"), ("prices", "price"), ("glasses", "glass"),
])
def test_an_english_plural_meets_its_singular(plural, singular):
    assert normalise(plural) == normalise(singular) == singular


def test_russian_words_meet_in_their_normal_form():
    assert normalise("матчей") == normalise("матч") == "матч"
    assert normalise("Ёлки") == normalise("елка")


def test_a_number_is_one_token_whatever_it_is():
    assert normalise("12") == normalise("1,150") == NUMBER_TOKEN
