"""Properties that hold for any text: the extractor never crashes and its spans obey docs/contract.md, and the
document structure (lines, paragraphs, sentences) is consistent."""

import json
import math
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from auditor.document import Document
from auditor.extract import extract_text

QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range", "vague"}

WORDS = [
    # English amounts, scales, qualifiers and units
    "one", "two", "three", "ten", "twelve", "twenty", "hundred", "thousand", "million", "billion", "bn",
    "dozens", "hundreds", "thousands", "tens of thousands", "a few", "several", "half", "a third",
    "two thirds", "twice", "times", "times less", "per cent", "percent", "km", "sq km", "km²",
    "square kilometers", "tons", "tonnes", "dollars", "euros", "hours", "per day", "a week", "inch",
    "about", "approximately", "at least", "more than", "over", "up to", "less than", "under", "nearly",
    "from", "to", "between", "and", "of", "in", "the", "fighters", "people", "one in four", "to two",
    "December", "October", "a.m.", "p.m.", "S-", "F-", "MiG-", "Article", "Route", "No.", "th", "st",
    # Russian
    "тысяч", "тысячи", "тыс.", "млн", "млрд", "около", "не менее", "более", "свыше", "до", "от", "менее",
    "километров", "км", "человек", "процентов", "рублей", "десятки", "сотни", "несколько", "раза",
    "в три раза", "треть", "половина", "один", "два", "пять", "трёх", "ё", "октября", "года", "г.",
]
SEPARATORS = list(" ,.\u00a0-–:%$€") + ["\n", "\r\n", "\r", "\n\n", "(", ")", "(!)", "/", "~", "<", ">",
                                        "—", "«", "»", '"', "“", "”", "*", "1.", "  2. "]
DIGITS = st.from_regex(r"[0-9]{1,7}(?:[.,][0-9]{1,3})?", fullmatch=True)
MIXED = st.lists(
    st.one_of(DIGITS, st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.text(max_size=3)),
    max_size=40,
).map("".join)
# amount-shaped phrases: qualifier, currency sign, number, range separator, number, scale, unit
PHRASES = st.tuples(
    st.sampled_from(["", "about ", "at least ", "more than ", "up to ", "less than ", "nearly ", "over ",
                     "around ", "около ", "не менее ", "более ", "до ", "from ", "between ", "от ", "minus ",
                     "-", "−", "+", "~", "<", ">", "no more than ", "as many as ", "in excess of "]),
    st.sampled_from(["", "", "$", "€", "£", "US$"]),
    st.one_of(
        st.from_regex(r"[0-9]{1,4}(?:[ ,.\u00a0][0-9]{3}){0,2}(?:[.,][0-9]{1,2})?", fullmatch=True),
        st.sampled_from(["one", "two", "twenty-five", "a hundred", "one hundred and five", "три",
                         "пятнадцать", "двадцать пять", "half", "a third", "dozens", "a few", "several",
                         "hundreds of", "tens of thousands of", "десятки", "сотни"]),
    ),
    st.sampled_from(["", "", "-", "–", " - ", " to ", " and ", " or ", " до ", "—", "/", ":", " per ",
                     " out of ", " in ", " of "]),
    DIGITS,
    st.sampled_from(["", " thousand", " million", " bn", "bn", "m", "k", " тыс.", " тысяч", " млн", " млрд",
                     " hundred", " thousand 223", " times", " times less", " раза", "%", " per cent",
                     " процентов"]),
    st.sampled_from(["", " km", " km per day", " square kilometers", " sq km", " km²", " tons", " short tons",
                     " dollars", " euros", " рублей", " hours", " days", " years", " people", " fighters",
                     " человек", " километров", "°C", " degrees", " kg", " litres per person", " a week",
                     "-inch"]),
).map(lambda t: t[0] + t[1] + t[2] + (t[3] + t[4] if t[3] else "") + t[5] + t[6])
PHRASE_TEXTS = st.lists(
    st.one_of(PHRASES, st.sampled_from([" ", ". ", ", ", "\n", " and ", " (!) ", " in 2017 ", " S-75 ",
                                        " on 5 December 2017 16: 04 ", "\n  1. NEXUS\n"])),
    min_size=1, max_size=8,
).map("".join)
TEXTS = st.one_of(st.text(), MIXED, PHRASE_TEXTS)


def check_extraction(text: str) -> None:
    result = extract_text(text)
    previous_end = 0
    for q in result.quantities:
        assert 0 <= q.start < q.end <= len(text), q
        assert text[q.start : q.end] == q.text, q
        assert q.qualifier in QUALIFIERS, q
        for x in (q.value, q.low, q.high):
            assert x is None or not math.isnan(x), q
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
        if q.value is not None:
            if q.low is not None:
                assert q.low <= q.value, q
            if q.high is not None:
                assert q.value <= q.high, q
        # quantity spans do not overlap (and come sorted by offset)
        assert q.start >= previous_end, (q, result.quantities)
        previous_end = q.end
        out = q.to_json()
        json.dumps(out, allow_nan=False)
        assert text[out["start"] : out["end"]] == out["text"]
        assert out["qualifier"] in QUALIFIERS
    for i in result.ignored:
        assert 0 <= i.start < i.end <= len(text), i
        assert text[i.start : i.end] == i.text, i
        assert isinstance(i.reason, str) and i.reason
        json.dumps(i.to_json(), allow_nan=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("at least 1,500 (!) military personnel")
@example("503 thousand 223 square kilometers. (The total area of Syria is 185 180 square kilometers")
@example("около 20 километров и 15 тысяч человек")
@example("4-5 thousand; 15-20 km per day; from 17 to 35 km; $4bn; 87,4%")
@example("")
def test_extract_text_spans_obey_the_contract(text):
    check_extraction(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_extract_text_on_any_code_points(text):
    check_extraction(text)


# -- documents ---------------------------------------------------------------------------------------------

LINES = st.lists(
    st.one_of(
        st.lists(st.sampled_from(list("ab .!?\"»)(1:\t") + ["Mr.", "U.S.", " 2. ", "Word"]), max_size=20)
        .map("".join),
        st.sampled_from(["", "   ", "1. NEXUS", "NEXUS 5 December 2017 16: 04", "A" * 70, "word " * 15]),
    ),
    max_size=15,
)
DOC_TEXTS = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab .!?\r\n\t\"1(")), max_size=80),
    st.tuples(LINES, st.sampled_from(["\n", "\r\n", "\r"])).map(lambda t: t[1].join(t[0])),
    st.text(max_size=80),
)


def naive_line_col(text: str, offset: int) -> tuple[int, int]:
    line, start = 1, 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.end() <= offset:
            line, start = line + 1, m.end()
    return line, offset - start + 1


@settings(max_examples=200, deadline=None)
@given(DOC_TEXTS, st.data())
def test_line_col_agrees_with_naive_count(text, data):
    doc = Document("x", text)
    offset = data.draw(st.integers(0, len(text)))
    assert doc.line_col(offset) == naive_line_col(text, offset)
    assert doc.offset(*doc.line_col(offset)) == offset


@settings(max_examples=200, deadline=None)
@given(DOC_TEXTS)
def test_paragraphs_and_sentences_are_increasing_disjoint_and_nested(text):
    doc = Document("x", text)
    for spans in (doc.paragraphs, doc.sentences):
        previous_end = 0
        for s in spans:
            assert previous_end <= s.start < s.end <= len(text)
            assert not text[s.start].isspace() and not text[s.end - 1].isspace()
            assert not text[previous_end : s.start].strip()  # only space is left out
            previous_end = s.end
        assert not text[previous_end:].strip()
    paragraphs = doc.paragraphs
    for s in doc.sentences:
        p = paragraphs[doc.paragraph_index(s.start)]
        assert p.start <= s.start and s.end <= p.end
    # a blank line always separates paragraphs
    for m in re.finditer(r"(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r|\n)", text):
        for p in paragraphs:
            assert not (p.start < m.start() and m.end() < p.end), (text, m)
