"""`auditor baseline create`: record the current findings so that CI reports only new ones."""

from __future__ import annotations

import os
import sys

from .exit_codes import EXIT_OK, EXIT_RULES, EXIT_USAGE
from .messages import report_error, report_rule_problems
from .outputs import read_by_this_run, unwritable
from .parser import job_count_for


def run_baseline_create(args) -> int:
    """Run `auditor baseline create`; returns the exit code."""
    from ..batch import check_paths
    from ..engine import Engine
    from ..review import Review, ReviewError, load_review, locked, save_review
    from ..rules.schema import load_rules

    output = args.output
    problem = unwritable(output) or read_by_this_run(output, args.paths, args.rule_paths, [])
    if problem:
        report_error(f"{output}: {problem}")
        return EXIT_USAGE
    if os.path.lexists(output):
        try:
            load_review(output)  # refuse now, not after the run, to replace what is not a review file
        except ReviewError as exc:
            report_error(f"{exc}; not overwritten")
            return EXIT_USAGE
    rule_paths = args.rule_paths  # the shipped folder and --rules (see main.py)
    ruleset = load_rules(rule_paths)
    report_rule_problems(ruleset)
    checked, found, errors = [], [], 0
    for outcome in check_paths(args.paths, Engine(ruleset, args.date), rule_paths, job_count_for(args),
                               options=args.inputs):
        if outcome.error is not None:
            report_error(outcome.error.message)
            errors += 1
            continue
        checked.append(outcome.result.document.path)
        found.extend((outcome.result.document.path, f) for f in outcome.result.findings)
    if errors or ruleset.errors:
        why = (f"{errors} input{'s' * (errors != 1)} could not be read" if errors else
               "a rule file is invalid")
        state = "the existing file is unchanged" if os.path.lexists(output) else "no file was written"
        report_error(f"{output}: baseline not written: {why} ({state})")
        return EXIT_RULES if ruleset.errors else EXIT_USAGE
    try:
        with locked(output):
            review = load_review(output) if os.path.lexists(output) else Review(base=os.path.dirname(
                os.path.abspath(output)))
            kept, added, dropped = review.record_baseline(checked, found)
            save_review(review, output)
    except ReviewError as exc:  # replaced by something else during the run
        report_error(f"{exc}; not overwritten")
        return EXIT_USAGE
    except OSError as exc:
        report_error(f"{output}: cannot be written ({exc.strerror or exc})")
        return EXIT_USAGE
    count = len(found)
    print(f"baseline of {count} finding{'s' * (count != 1)} written to {output}: {kept} kept (they had a "
          f"verdict), {added} added, {dropped} dropped (no longer found)", file=sys.stderr)
    return EXIT_OK
