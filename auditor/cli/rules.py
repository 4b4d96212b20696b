"""`auditor rules list|show|test|validate|trace`: the rule author's commands."""

from __future__ import annotations

import sys
import textwrap

from ..rules import shipped_rules_dir
from ..rules.examples import ExampleOutcome, run_examples
from ..rules.schema import Rule, RuleSet, load_rules
from ..rules.sets import load_for_testing
from ..safe_text import escape_controls
from .exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_RULES, EXIT_USAGE
from .messages import report_error, report_rule_problems
from .messages import say as _say


def run_rules_command(args) -> int:
    """Dispatch one `auditor rules` action; returns the exit code."""
    if args.rules_command == "test":
        ruleset = load_for_testing(args.rule_paths)
    elif hasattr(args, "no_default_rules"):  # show, trace: the run's rules (see main.py)
        ruleset = load_rules(args.rule_paths)
    else:  # list, validate: the PATHs named, else the shipped rules
        ruleset = load_rules(args.rule_paths or [shipped_rules_dir()])
    report_rule_problems(ruleset)
    action = args.rules_command
    if action in ("show", "trace"):
        rule = ruleset.get(args.rule_id)
        if rule is None:
            import difflib

            hint = difflib.get_close_matches(args.rule_id, [r.id for r in ruleset.rules], n=1)
            _say(f"auditor: error: no rule '{args.rule_id}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                  file=sys.stderr)
            return EXIT_USAGE
        if action == "trace":
            return _trace(args, ruleset, rule)
        _show(rule)
    elif action == "list":
        for rule in sorted(ruleset.rules, key=lambda r: r.id):
            _say(f"{rule.id:<32} {rule.severity:<8} {escape_controls(rule.title)}")  # one line each
    elif action == "validate":
        count = len(ruleset.rules)
        _say(f"{count} valid rule{'s' * (count != 1)} in {len(ruleset.files)} file{'s' * (len(ruleset.files) != 1)}, "
              f"{len(ruleset.errors)} problem{'s' * (len(ruleset.errors) != 1)}")
    elif action == "test":
        failures = _test(ruleset)
        if failures:
            return EXIT_FINDINGS
    return EXIT_RULES if ruleset.errors else EXIT_OK


def _trace(args, ruleset: RuleSet, rule: Rule) -> int:
    """`rules trace ID FILE`: print the trace; exit 1 when the rule found something, as `check` does."""
    from ..engine import Engine
    from ..inputs import InputError, load_documents
    from ..rules.trace import trace_rule

    items = list(load_documents([args.file], args.inputs))
    documents = [d for d in items if not isinstance(d, InputError)]
    for item in items:
        if isinstance(item, InputError):
            report_error(item.message)
    if len(documents) != 1:
        if len(items) > 1 or not items:
            report_error(f"{args.file}: trace one document (a file, or - for standard input)")
        return EXIT_USAGE
    trace = trace_rule(Engine(ruleset, args.date), rule, documents[0])
    for line in trace.lines():
        _say(line)
    if ruleset.errors:
        return EXIT_RULES
    return EXIT_FINDINGS if trace.findings else EXIT_OK


def _show(rule: Rule) -> None:
    _say(f"{rule.id}  ({rule.severity})  {rule.path}:{rule.line}")
    _say(f"  {rule.title}\n")
    for para in (rule.description, rule.rationale):
        if para:
            _say(textwrap.fill(para, 100, initial_indent="  ", subsequent_indent="  ") + "\n")
    _say(f"  check:     {rule.check.source}")
    if rule.tolerance:
        _say(f"  tolerance: {rule.tolerance:.0%}")
    _say(f"  roles:     {', '.join(r.name for r in rule.roles)} (claim: {' or '.join(rule.claims)})")
    if rule.defers_to:
        _say(f"  defers to: {', '.join(rule.defers_to)} (no second finding on a claim they report on)")
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
