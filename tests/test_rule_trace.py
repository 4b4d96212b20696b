"""`auditor.rules.trace`: for one rule on one document, every candidate of every role, the condition that
rejected it or that it was bound, and the outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules.schema import load_rules
from auditor.rules.trace import BOUND, PASSED_OVER, REJECTED, STARTS, TAKEN, TOO_FEW, trace_rule

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([str(ROOT / "rules")]))


def _trace(engine, rule_id: str, text: str):
    return trace_rule(engine, engine.ruleset.get(rule_id), Document("t.txt", text))


def _of(candidates, text: str):
    return next(c for c in candidates if c.quantity.text == text)


RATIO = ("With 900 attackers killed, analysts put losses at one defender for every three attackers, so "
         "defenders must have lost at least 400 men. Of the 800 detainees, 200 were released.")


def test_a_ratio_trace_names_each_rejecting_condition(engine):
    trace = _trace(engine, "ratio.implied-count", RATIO)
    assert [(c.quantity.text, c.outcome, c.condition) for c in trace.anchors] == [
        ("900", REJECTED, "kind"), ("one defender for every three attackers", STARTS, None),
        ("at least 400", REJECTED, "kind"), ("800", REJECTED, "kind"), ("200", REJECTED, "kind")]
    (match,) = trace.matches
    claimed, base = match.roles
    assert (base.role, base.bound.text) == ("base", "900")
    detainees = _of(base.candidates, "800")
    assert (detainees.outcome, detainees.condition) == (REJECTED, "counted")
    assert detainees.detail == "counted: {as: ratio.second}"
    assert _of(base.candidates, "at least 400").outcome == TAKEN
    assert _of(claimed.candidates, "at least 400").outcome == BOUND
    assert _of(claimed.candidates, "900").condition == "counted"
    assert match.outcome.startswith("error: a 1:3 ratio gives 300, not at least 400")
    assert [f.message for f in trace.findings] == ["a 1:3 ratio gives 300, not at least 400"]
    lines = trace.lines()
    assert "    “800” (143-146): rejected by counted (counted: {as: ratio.second})" in lines
    assert "findings: 1" in lines


def test_why_a_rule_did_not_fire(engine):
    # "by 5%" is a change, not a share; the other share has no whole in its sentence
    trace = _trace(engine, "percent.of", "Of the 800 detainees, 200, about 25%, were released. In total, 40% fell by 5%.")
    anchors = {c.quantity.text: c for c in trace.anchors}
    assert anchors["5%"].condition == "not_words_before" and anchors["5%"].detail.startswith("not_words_before: [by,")
    assert anchors["about 25%"].outcome == STARTS
    first, second = trace.matches
    assert first.outcome.startswith("the check holds (part == whole * share / 100)")
    whole = first.roles[0]
    assert _of(whole.candidates, "200").condition == "words_before" and whole.bound.text == "800"
    assert "2 quantities outside the anchor's sentence (scope: sentence)" in whole.note
    assert second.outcome == "no binding: role 'whole' bound nothing"
    assert _of(second.roles[0].candidates, "5%").condition == "kind"
    assert trace.findings == []


def test_position_and_passed_over_candidates(engine):
    text = "The vote split 46% for the governor, 41% for the challenger, 30% for the rest and 19% for others."
    trace = _trace(engine, "percent.breakdown", text)
    anchors = {c.quantity.text: c for c in trace.anchors}
    assert anchors["41%"].condition == "position" and anchors["19%"].outcome == STARTS
    (match,) = trace.matches
    others = match.roles[0]
    assert [c.quantity.text for c in others.candidates if c.outcome == BOUND] == ["30%", "41%", "46%"]
    assert [f.spans[0].text for f in trace.findings] == ["19%"]

    trace = _trace(engine, "percent.of", "Of the 800 detainees, 200, about 40%, were released, and of 900 others, 300.")
    whole = trace.matches[0].roles[0]
    assert _of(whole.candidates, "800").outcome == BOUND
    assert _of(whole.candidates, "900").outcome == PASSED_OVER


def test_the_trace_binds_what_the_engine_binds(engine):
    text = (ROOT / "seeds").glob("000_*")
    doc = Document("seed.txt", next(text).read_text(encoding="utf-8"))
    for rule in engine.ruleset.rules:
        trace = trace_rule(engine, rule, doc)
        assert [f.message for f in trace.findings] == [f.message for f in engine.check(doc, [rule]).findings]
        checked = [m for m in trace.matches if m.outcome.startswith(("error", "warning", "info"))]
        assert len(checked) == len(trace.findings), rule.id


def test_a_many_role_with_too_few_and_a_reference_figure(engine):
    trace = _trace(engine, "parts.sum-mismatch", "The 9,000 troops are made up of 4,000 Kurds.")
    (match,) = trace.matches
    parts = match.roles[0]
    assert parts.bound is None and _of(parts.candidates, "4,000").outcome == TOO_FEW
    assert "1 qualify, fewer than min: 2" in parts.note
    assert match.outcome == "no binding: role 'parts' bound nothing"

    trace = _trace(engine, "reference.area", "Jordan, with an area of 300,000 square kilometres, borders Syria.")
    official = trace.matches[0].roles[0]
    assert official.bound.text == "Jordan"
    assert any("bound to the reference figure 92,300 km²" in line for line in trace.lines())


def test_a_trace_says_what_the_rule_defers_to(engine):
    trace = _trace(engine, "money.conversion-later-in-bracket", "Fiat was paid 1.55bn euros ($2bn; £1.9bn).")
    assert [f.spans[0].text for f in trace.findings] == ["£1.9bn"]
    assert trace.lines()[-1] == ("  (with the whole rule set, a finding is left out when money.conversion has one "
                                 "of at least its severity on the same claim)")
    plain = _trace(engine, "money.conversion", "The studio earned $10m (£19.2m) from the film.")
    assert "with the whole rule set" not in plain.lines()[-1]
