"""Huge layouts (issue 12): every window of the matcher is bounded, so the work grows with the number of
quantities whatever the layout (one paragraph of thousands of sentences, one sentence of thousands of
figures). Time is measured in benchmarks/long_paragraph.py; here the work is counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.document import Document
from auditor.engine import Engine
from auditor.extract import extract_text
from auditor.rules import matcher as matcher_module
from auditor.rules import shipped_rules_dir
from auditor.rules.matcher import CANDIDATE_REACH, DocumentIndex
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres.",
    "Of the 800 detainees, 200, about 40%, were released.",
    "The convoy drove 200 km in five hours, averaging 60 km/h.",
    "The 9,000 troops are made up of 4,000 Kurds, 3,000 Arabs and 3,500 Turkmen.",
    "Attacks have doubled since spring: 360 this month against 120 in April.",
]


def layout(n: int, joiner: str, end: str = "") -> str:
    items = [(SENTENCES[k % len(SENTENCES)].rstrip(".") + end) if end else SENTENCES[k % len(SENTENCES)]
             for k in range(n)]
    return joiner.join(items) + "\n"


def candidates_examined(text: str, monkeypatch) -> int:
    examined = 0
    original = matcher_module.Matcher.candidates

    def counting(self, role, anchor):
        nonlocal examined
        found = original(self, role, anchor)
        examined += len(found)
        return found

    monkeypatch.setattr(matcher_module.Matcher, "candidates", counting)
    Engine(load_rules([shipped_rules_dir()])).check(Document("long", text))
    monkeypatch.undo()
    return examined


@pytest.mark.parametrize("joiner, end", [(" ", ""), (" ", ";")], ids=["one paragraph", "one sentence"])
def test_work_is_linear_in_one_long_paragraph_or_sentence(monkeypatch, joiner, end):
    small = candidates_examined(layout(150, joiner, end), monkeypatch)
    large = candidates_examined(layout(300, joiner, end), monkeypatch)
    assert small > 0
    assert large <= 2.2 * small, (small, large)


def test_findings_of_a_long_paragraph_are_those_of_its_sentences():
    engine = Engine(load_rules([shipped_rules_dir()]))
    apart = engine.check(Document("apart", layout(60, "\n\n")))
    joined = engine.check(Document("joined", layout(60, " ")))
    assert len(apart.findings) >= 60
    assert {f.rule for f in joined.findings} >= {f.rule for f in apart.findings} - {"parts.total"}
    assert len(joined.findings) >= 0.9 * len(apart.findings)


_CLAUSE_MARKS = ",;:()\"«»“”"  # what ends a clause for the word windows (not a dash)


def _naive_windows(ix: DocumentIndex, i: int, window: int) -> tuple:
    """The word windows as the matcher defined them before they were bisected (a full scan)."""
    q, text = ix.quantities[i], ix.doc.text
    span = ix.doc.sentences[ix.sentence[i]]
    toks = ix.sentence_tokens(ix.sentence[i]).items
    left = max(text.rfind(c, span.start, q.start) for c in _CLAUSE_MARKS)
    before = [w for w, a, b in toks if a > left and b <= q.start][-window:]
    sentence_before = [w for w, a, b in toks if b <= q.start][-window:]
    after = [w for w, a, b in toks if a >= q.end][:window]
    rights = [p for p in (text.find(c, q.end, span.end) for c in _CLAUSE_MARKS) if p >= 0]
    right = min(rights) if rights else span.end
    clause_after = [w for w, a, b in toks if a >= q.end and b <= right][:window]
    return before, sentence_before, after, clause_after


@pytest.mark.parametrize("window", [2, 8])
def test_bisected_word_windows_equal_a_full_scan(window):
    marks = {chr(c) for c in range(0x3000) if matcher_module._CLAUSE_MARK.fullmatch(chr(c))}
    assert marks == set(_CLAUSE_MARKS)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = Document(str(path), path.read_text(encoding="utf-8-sig"))
        ix = DocumentIndex(doc, extract_text(doc.text).quantities)
        for i in range(len(ix.quantities)):
            got = (ix.words_before(i, window), ix.sentence_words_before(i, window), ix.words_after(i, window),
                   ix.clause_words_after(i, window))
            assert got == _naive_windows(ix, i, window), (path.name, ix.quantities[i].text)


def test_candidates_stay_within_reach():
    doc = Document("long", layout(400, " ", ";"))
    ix = DocumentIndex(doc, extract_text(doc.text).quantities)
    rule = load_rules([shipped_rules_dir()]).rules[0]
    m = matcher_module.Matcher(rule, ix)
    for role in rule.roles:
        for anchor in (0, len(ix.quantities) // 2, len(ix.quantities) - 1):
            found = m.candidates(role, anchor)
            assert all(abs(j - anchor) <= CANDIDATE_REACH and j != anchor for j in found)
