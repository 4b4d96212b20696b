"""Every shipped rule documents itself and its own examples hold (yamllint's habit: docs live with rules).

Each rule is run alone on each of its examples: a failing example must give a finding of that rule whose
spans include every span text the example lists; a passing example must give no finding of the rule.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from auditor.engine import Engine
from auditor.rules.schema import RuleSet, load_rules
from auditor.rules.examples import run_example

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"


@lru_cache(maxsize=1)
def shipped() -> RuleSet:
    return load_rules([str(RULES_DIR)])


@lru_cache(maxsize=1)
def engine() -> Engine:
    return Engine(shipped())


def _ids() -> list[str]:
    return sorted(r.id for r in shipped().rules)


def _examples(kind: str) -> list:
    params = []
    for rule in sorted(shipped().rules, key=lambda r: r.id):
        examples = rule.fail_examples if kind == "fail" else rule.pass_examples
        for n, ex in enumerate(examples):
            params.append(pytest.param(rule.id, n, id=f"{rule.id}-{kind}{n}"))
    return params


def test_shipped_rules_load_without_errors():
    ruleset = shipped()
    assert ruleset.errors == []
    assert len(ruleset.rules) >= 13  # one rule per kind in DESIGN.md at least
    assert len({r.id for r in ruleset.rules}) == len(ruleset.rules)


@pytest.mark.parametrize("rule_id", _ids())
def test_rule_is_documented(rule_id):
    rule = shipped().get(rule_id)
    assert rule.description.strip(), "every rule needs a description"
    assert rule.title.strip() and rule.title != rule.id, "every rule needs a title"
    assert rule.fail_examples, "every rule needs at least one failing example"
    assert rule.pass_examples, "every rule needs at least one passing example"


@pytest.mark.parametrize("rule_id", _ids())
def test_failing_examples_list_their_spans(rule_id):
    """A failing example that names no spans proves little: it must say what the finding rests on."""
    rule = shipped().get(rule_id)
    for ex in rule.fail_examples:
        assert ex.spans, f"failing example at line {ex.line} lists no spans"
        for span in ex.spans:
            assert span in ex.text


@pytest.mark.parametrize(("rule_id", "n"), _examples("fail"))
def test_fail_example_is_found(rule_id, n):
    rule = shipped().get(rule_id)
    ex = rule.fail_examples[n]
    findings = [f for f in run_example(engine(), rule, ex) if f.rule == rule_id]
    assert findings, f"{rule.path}:{ex.line}: no {rule_id} finding on a failing example"
    span_texts = {s.text for f in findings for s in f.spans}
    missing = [s for s in ex.spans if s not in span_texts]
    assert not missing, f"{rule.path}:{ex.line}: spans {missing} missing; found {sorted(span_texts)}"
    for f in findings:
        assert f.severity in ("error", "warning", "info")
        assert f.spans and f.spans[0].role == rule.claim, "the first span is the claim being questioned"
        for s in f.spans:
            assert ex.text[s.start : s.end] == s.text
        assert f.derivation.strip()


@pytest.mark.parametrize(("rule_id", "n"), _examples("pass"))
def test_pass_example_is_clean(rule_id, n):
    rule = shipped().get(rule_id)
    ex = rule.pass_examples[n]
    findings = [f for f in run_example(engine(), rule, ex) if f.rule == rule_id]
    assert findings == [], (f"{rule.path}:{ex.line}: unexpected {rule_id} finding on a passing example: "
                            f"{[(s.role, s.text) for f in findings for s in f.spans]}")


def test_engine_check_directly_agrees_with_run_example():
    """run_example is a thin wrapper: Engine.check on a Document with [rule] gives the same findings."""
    from auditor.document import Document

    rule = shipped().get("ratio.implied-count")
    ex = rule.fail_examples[0]
    direct = engine().check(Document("example.txt", ex.text), [rule]).findings
    via = run_example(engine(), rule, ex)
    assert [(f.rule, [(s.start, s.end, s.role) for s in f.spans]) for f in direct] == \
           [(f.rule, [(s.start, s.end, s.role) for s in f.spans]) for f in via]
