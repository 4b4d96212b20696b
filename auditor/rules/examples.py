"""A rule's own examples, run: every rule carries failing texts it must flag (with the spans it must
point at) and passing texts it must leave alone. `auditor rules test` and the test suite run them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..engine import Engine
from ..findings import Finding
from .schema import Example, Rule, RuleSet


@dataclass
class ExampleOutcome:
    """One example of one rule: `kind` is "fail" or "pass" (the example's kind) or "missing" (the rule
    lacks examples, said in `problem`); `passed` says whether the rule behaved as the example says."""

    rule: Rule
    line: int
    kind: str
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    missed_spans: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def found_spans(self) -> set[str]:
        return {s.text for f in self.findings for s in f.spans}


def run_example(engine: Engine, rule: Rule, example: Example) -> list[Finding]:
    """The findings of `rule` alone on an example text."""
    return engine.check(Document(f"{rule.path}:{example.line}", example.text, named_file=False), [rule]).findings


def missing_examples(rule: Rule) -> str | None:
    """What a rule lacks to be tested: every rule carries a failing and a passing example."""
    if not rule.fail_examples and not rule.pass_examples:
        return "no examples: add a failing and a passing one under 'examples:'"
    if not rule.fail_examples:
        return "no failing example: add one under 'examples: fail:'"
    if not rule.pass_examples:
        return "no passing example: add one under 'examples: pass:'"
    return None


def run_examples(ruleset: RuleSet) -> list[ExampleOutcome]:
    """Every example of every rule in `ruleset` (rules in id order), each with its outcome."""
    engine = Engine(ruleset)
    outcomes = []
    for rule in sorted(ruleset.rules, key=lambda r: r.id):
        problem = missing_examples(rule)
        if problem:
            outcomes.append(ExampleOutcome(rule, rule.line, "missing", False, problem=problem))
        for ex in rule.fail_examples:
            findings = run_example(engine, rule, ex)
            found = {s.text for f in findings for s in f.spans}
            missed = [s for s in ex.spans if s not in found]
            outcomes.append(ExampleOutcome(rule, ex.line, "fail", bool(findings) and not missed, findings, missed))
        for ex in rule.pass_examples:
            findings = run_example(engine, rule, ex)
            outcomes.append(ExampleOutcome(rule, ex.line, "pass", not findings, findings))
    return outcomes
