"""Fuzzing the whole check with mutated real articles (issue 12).

Real BBC and Lenta.ru articles from ../shared/realnews, with digits swapped, separators inserted after
digits, control characters and terminal sequences inserted, and paragraphs joined. Whatever the
mutation: no exception, every span's text is the document's text at its offsets, every skipped region
lies in the document, and the time per kilobyte stays bounded (a generous bound that catches a quadratic
blow-up, not a timing benchmark).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules import shipped_rules_dir
from auditor.rules.schema import load_rules

REALNEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"
ARTICLES = sorted(REALNEWS.glob("en/*.txt"))[::50] + sorted(REALNEWS.glob("ru/*.txt"))[::25]
SECONDS_PER_KB = 1.0  # generous: an article of a few KB checks in well under 0.1 s
SEPARATORS = [",", ".", " ", "\u00a0", "\u202f", "'", "-", "–", "/", ":", "%", "e", "\n", "\r\n"]
CONTROLS = ["\x1b]52;c;aGk=\x07", "\x1b]0;t\x07", "\x1b[2J", "\x9b", "\x9d", "\x9c", "\x00", "\x07", "\u202e",
            "\u200b", "\ufeff", "\x7f", "\x0b", "\x0c"]

pytestmark = pytest.mark.skipif(not ARTICLES, reason=f"no real articles at {REALNEWS} (../shared is absent)")


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([shipped_rules_dir()]))


def _mutate(text: str, mutations) -> str:
    for kind, where, pick in mutations:
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        if kind == "swap" and digits:
            i = digits[int(where * len(digits)) % len(digits)]
            text = text[:i] + str(pick % 10) + text[i + 1 :]
        elif kind == "separator" and digits:
            i = digits[int(where * len(digits)) % len(digits)] + 1
            text = text[:i] + SEPARATORS[pick % len(SEPARATORS)] + text[i:]
        elif kind == "control":
            i = int(where * len(text))
            text = text[:i] + CONTROLS[pick % len(CONTROLS)] + text[i:]
        elif kind == "join":
            text = text.replace("\n\n", " ", 1 + pick % 50)
        elif kind == "repeat-digits" and digits:
            i = digits[int(where * len(digits)) % len(digits)]
            text = text[:i] + "9" * (pick % 400) + text[i:]
    return text


MUTATION = st.tuples(st.sampled_from(["swap", "separator", "control", "join", "repeat-digits"]),
                     st.floats(0, 1, allow_nan=False, exclude_max=True), st.integers(0, 1000))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(article=st.sampled_from(ARTICLES or [Path("none")]), mutations=st.lists(MUTATION, min_size=1, max_size=12))
def test_mutated_articles_never_break_the_check(engine, article, mutations):
    text = _mutate(article.read_text(encoding="utf-8-sig"), mutations)
    started = time.perf_counter()
    result = engine.check(Document(article.name, text))
    seconds = time.perf_counter() - started
    for q in result.quantities:
        assert text[q.start : q.end] == q.text, (q, mutations)
    for finding in result.findings:
        for span in finding.spans:
            assert text[span.start : span.end] == span.text, (finding.rule, span, mutations)
    for region in result.skipped:
        assert 0 <= region.start <= region.end <= len(text)
    assert seconds <= SECONDS_PER_KB * (1 + len(text) / 1000), (seconds, len(text), mutations)
