"""`auditor rules list|show|test|validate`: the rule author's commands."""

from __future__ import annotations

import sys
import textwrap

from .cli import EXIT_FINDINGS, EXIT_OK, EXIT_RULES, EXIT_USAGE
from .rules import shipped_rules_dir
from .document import Document
from .engine import Engine
from .rules.schema import Example, Rule, RuleSet, load_rules
from .safe_text import escape_controls


def _say(text: str = "", file=None) -> None:
    """Print a line of rule text (titles, descriptions, examples come from rule files) with every control
    character escaped, line breaks excepted."""
    print(escape_controls(text, keep="\n"), file=file)


def run_rules_command(args) -> int:
    """Dispatch one `auditor rules` action; returns the exit code."""
    ruleset = load_rules(args.rule_paths or [shipped_rules_dir()])
    for error in ruleset.errors:
        _say(f"auditor: error: {error}", file=sys.stderr)
    action = args.rules_command
    if action == "list":
        for rule in sorted(ruleset.rules, key=lambda r: r.id):
            _say(f"{rule.id:<32} {rule.severity:<8} {escape_controls(rule.title)}")  # one line each
    elif action == "show":
        rule = ruleset.get(args.rule_id)
        if rule is None:
            import difflib

            hint = difflib.get_close_matches(args.rule_id, [r.id for r in ruleset.rules], n=1)
            _say(f"auditor: error: no rule '{args.rule_id}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                  file=sys.stderr)
            return EXIT_USAGE
        _show(rule)
    elif action == "validate":
        count = len(ruleset.rules)
        _say(f"{count} valid rule{'s' * (count != 1)} in {len(ruleset.files)} file{'s' * (len(ruleset.files) != 1)}, "
              f"{len(ruleset.errors)} problem{'s' * (len(ruleset.errors) != 1)}")
    elif action == "test":
        failures = _test(ruleset)
        if failures:
            return EXIT_FINDINGS
    return EXIT_RULES if ruleset.errors else EXIT_OK


def _show(rule: Rule) -> None:
    _say(f"{rule.id}  ({rule.severity})  {rule.path}:{rule.line}")
    _say(f"  {rule.title}\n")
    for para in (rule.description, rule.rationale):
        if para:
            _say(textwrap.fill(para, 100, initial_indent="  ", subsequent_indent="  ") + "\n")
    _say(f"  check:     {rule.check.source}")
    if rule.tolerance:
        _say(f"  tolerance: {rule.tolerance:.0%}")
    _say(f"  roles:     {', '.join(r.name for r in rule.roles)} (claim: {rule.claim})")
    for title, examples in (("fails", rule.fail_examples), ("passes", rule.pass_examples)):
        for ex in examples:
            _say(f"\n  {title}: " + textwrap.fill(" ".join(ex.text.split()), 96, subsequent_indent="    "))


def run_example(engine: Engine, rule: Rule, example: Example):
    """The findings of `rule` alone on an example text."""
    return engine.check(Document(f"{rule.path}:{example.line}", example.text), [rule]).findings


def _test(ruleset: RuleSet) -> int:
    """Run every rule's examples; report missed and unexpected findings separately, with spans."""
    engine = Engine(ruleset)
    failures = passed = 0
    for rule in sorted(ruleset.rules, key=lambda r: r.id):
        for ex in rule.fail_examples:
            findings = run_example(engine, rule, ex)
            span_texts = {s.text for f in findings for s in f.spans}
            missing = [s for s in ex.spans if s not in span_texts]
            if not findings:
                failures += 1
                _say(f"{rule.path}:{ex.line}: {rule.id}: missed: no finding on a failing example")
            elif missing:
                failures += 1
                _say(f"{rule.path}:{ex.line}: {rule.id}: missed spans {missing}; found "
                      f"{sorted(span_texts)}")
            else:
                passed += 1
        for ex in rule.pass_examples:
            findings = run_example(engine, rule, ex)
            if findings:
                failures += 1
                f = findings[0]
                _say(f"{rule.path}:{ex.line}: {rule.id}: unexpected {f.severity} on a passing example: "
                      f"{f.message} (spans {[s.text for s in f.spans]})")
            else:
                passed += 1
    _say(f"{passed} passed, {failures} failed")
    return failures
