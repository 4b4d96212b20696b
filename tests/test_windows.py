"""Long documents are checked a window of whole paragraphs at a time (engine.WINDOW, Document.windows).

Windows must not change what is found: the check corpus, joined into one long document and checked in
windows of a few thousand characters, gives the findings, quantities and skipped regions the whole-text
check gives, at the same offsets. And a window's structures must be gone before the next one is built,
so that memory does not grow with the document (benchmarks/memory.py measures the bytes per character).
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
import yaml

import auditor.engine as engine_module
import auditor.rules.matcher as matcher
from auditor.document import Document, Span
from auditor.engine import Engine
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
SMALL_WINDOW = 2_000


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_rules([str(ROOT / "rules")]), "2017-06-01")


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """Every text of the check corpus, one after another, as one long document."""
    texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["text"].strip()
             for p in sorted((ROOT / "tests" / "check_corpus").glob("*.yaml"))]
    return "\n\n".join(texts) + "\n"


def _findings(result) -> list[tuple]:
    return [(f.rule, f.severity, f.message, f.fingerprint, [(s.start, s.end, s.text, s.role) for s in f.spans])
            for f in result.findings]


def _quantities(result) -> list[tuple]:
    return [(q.start, q.end, q.text, q.value, q.low, q.high, q.unit, q.counted, q.counted_start, q.counted_end)
            for q in result.quantities]


def test_windows_cover_the_text_cut_at_paragraph_starts(corpus_text):
    doc = Document("long.txt", corpus_text)
    windows = doc.windows(SMALL_WINDOW)
    assert len(windows) > 10
    assert windows[0].start == 0 and windows[-1].end == len(corpus_text)
    assert all(a.end == b.start for a, b in zip(windows, windows[1:]))
    starts = {p.start for p in doc.paragraphs}
    assert all(w.start in starts for w in windows[1:])
    # a window grows past the size only by a paragraph that alone is longer
    for w in windows:
        if w.end - w.start > SMALL_WINDOW:
            assert [p for p in doc.paragraphs if w.start <= p.start < w.end][0].end - w.start > SMALL_WINDOW


def test_a_short_document_is_one_window():
    doc = Document("a.txt", "Officials said 40 people were evacuated.\n\nThe rest stayed.")
    assert doc.windows(1_000) == [Span(0, len(doc.text))]


def test_a_paragraph_longer_than_a_window_is_cut_between_sentences():
    sentence = "The council said {} people were evacuated from the district on Monday. "
    text = "".join(sentence.format(n) for n in range(100, 300))  # one paragraph of ~14,000 characters
    doc = Document("one-paragraph.txt", text)
    windows = doc.windows(2_000)
    assert len(windows) >= 7
    assert all(w.end - w.start <= 2_000 for w in windows)
    assert all(text[w.start : w.start + 16] == "The council said" for w in windows)


def test_windows_give_the_findings_of_the_whole_text(engine, corpus_text, monkeypatch):
    whole = engine.check(Document("long.txt", corpus_text))
    monkeypatch.setattr(engine_module, "WINDOW", SMALL_WINDOW)
    windowed = engine.check(Document("long.txt", corpus_text))
    assert len(whole.findings) > 50
    assert _findings(windowed) == _findings(whole)
    assert _quantities(windowed) == _quantities(whole)
    for f in windowed.findings:  # offsets are the whole document's
        assert all(corpus_text[s.start : s.end] == s.text for s in f.spans)


def test_a_region_skipped_in_a_later_window_is_named_at_its_offset(engine, corpus_text, monkeypatch,
                                                                     poisoned_extraction):
    monkeypatch.setattr(engine_module, "WINDOW", SMALL_WINDOW)
    text = corpus_text + "\nThe poison figure is 12. Of the 800 detainees, 200, about 40%, were released.\n"
    result = engine.check(Document("long.txt", text))
    (skipped,) = result.skipped
    assert text[skipped.start : skipped.end] == "The poison figure is 12."
    assert skipped.start > len(corpus_text)
    assert any(f.rule == "percent.of" and f.spans[0].start > len(corpus_text) for f in result.findings)


def test_quantities_are_left_out_when_not_wanted(engine, corpus_text, monkeypatch):
    monkeypatch.setattr(engine_module, "WINDOW", SMALL_WINDOW)
    result = engine.check(Document("long.txt", corpus_text), keep_quantities=False)
    assert result.quantities == [] and result.findings


def test_a_window_is_released_before_the_next_is_built(engine, corpus_text, monkeypatch):
    """With the garbage collector off, a window's index is freed only if nothing holds it in a reference
    cycle (a matcher's tests are closures over the matcher, which holds the index): at most one is ever
    alive."""
    alive: list[weakref.ref] = []
    most = 0
    build = matcher.DocumentIndex.__init__

    def counting_build(self, *args, **kwargs):
        nonlocal most
        build(self, *args, **kwargs)
        alive.append(weakref.ref(self))
        most = max(most, sum(r() is not None for r in alive))

    monkeypatch.setattr(matcher.DocumentIndex, "__init__", counting_build)
    monkeypatch.setattr(engine_module, "WINDOW", SMALL_WINDOW)
    gc.collect()
    gc.disable()
    try:
        engine.check(Document("long.txt", corpus_text))
    finally:
        gc.enable()
    assert len(alive) > 10
    assert most == 1


def test_the_rule_documentation_names_the_window():
    from auditor.rules.vocabulary import KEYS

    (scope,) = [key for key in KEYS if key.name == "scope"]
    assert f"{engine_module.WINDOW:,} characters" in scope.doc
