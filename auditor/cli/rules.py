"""`auditor rules list|show|test|validate`: the rule author's commands."""

from __future__ import annotations

import os
import sys
import textwrap

from ..rules import shipped_rules_dir
from ..rules.examples import ExampleOutcome, run_examples
from ..rules.schema import Rule, RuleSet, load_rules
from ..safe_text import escape_controls
from .exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_RULES, EXIT_USAGE
from .messages import say as _say


def run_rules_command(args) -> int:
    """Dispatch one `auditor rules` action; returns the exit code."""
    ruleset = load_rules(args.rule_paths or [shipped_rules_dir()])
    if args.rules_command == "test":
        _add_folder_classes(ruleset, args.rule_paths or [])
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


def _add_folder_classes(ruleset: RuleSet, paths: list[str]) -> None:
    """Give a rule file tested on its own the word classes the other files of its folder define: the file
    is part of that rule set (the shipped `ratio.yaml` relies on `classes.yaml`), and testing it alone
    must give the result it gives there."""
    for path in paths:
        if os.path.isdir(path):
            continue
        folder = os.path.dirname(os.path.abspath(path))
        siblings = [os.path.join(folder, name) for name in sorted(os.listdir(folder))
                    if name.endswith((".yaml", ".yml")) and not os.path.samefile(os.path.join(folder, name), path)]
        for name, words in load_rules(siblings).classes.items():
            ruleset.classes.setdefault(name, words)


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


def _test(ruleset: RuleSet) -> int:
    """Run every rule's examples; report missed and unexpected findings separately, with spans. Returns
    the number of failures."""
    outcomes = run_examples(ruleset)
    for outcome in outcomes:
        if not outcome.passed:
            _say(_failure_line(outcome))
    failures = sum(not o.passed for o in outcomes)
    _say(f"{len(outcomes) - failures} passed, {failures} failed")
    return failures


def _failure_line(outcome: ExampleOutcome) -> str:
    where = f"{outcome.rule.path}:{outcome.line}: {outcome.rule.id}"
    if outcome.kind == "missing":
        return f"{where}: {outcome.problem}"
    if outcome.kind == "fail":
        if not outcome.findings:
            return f"{where}: missed: no finding on a failing example"
        return f"{where}: missed spans {outcome.missed_spans}; found {sorted(outcome.found_spans)}"
    f = outcome.findings[0]
    return f"{where}: unexpected {f.severity} on a passing example: {f.message} (spans {[s.text for s in f.spans]})"
