"""`auditor check`: every document against the rules, to the reporters, on this machine or a cluster."""

from __future__ import annotations

import contextlib
import sys

from .exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_RULES, EXIT_USAGE
from .messages import report_error, report_rule_problems, report_warning
from .outputs import read_by_this_run, unwritable
from .parser import job_count_for


def run_check(args) -> int:
    """Run `auditor check`; returns the exit code."""
    from ..atomic import atomic_writer
    from ..findings import at_or_above
    from ..report import reporter_for

    review = None
    if args.baseline:
        from ..review import ReviewError, load_review

        try:
            review = load_review(args.baseline)
        except ReviewError as exc:
            report_error(str(exc))
            return EXIT_USAGE
    if args.resume and args.output and args.format != "jsonl":
        report_error("--resume with --output needs --format jsonl (the output is continued, run after run)")
        return EXIT_USAGE
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not args.output)
    if args.output:
        problem = unwritable(args.output) or read_by_this_run(args.output, args.paths, args.rule_paths,
                                                                [args.baseline])
        if problem:
            report_error(f"{args.output}: {problem}")
            return EXIT_USAGE
        try:
            # a resumed run adds to the output of the runs before; any other replaces it whole or not at all
            output = open(args.output, "a", encoding="utf-8") if args.resume else atomic_writer(args.output)
            with output as out:
                file_reporter = reporter_for(args.format, out)
                summary = _run_check(args, [file_reporter, reporter_for("text", sys.stdout, colour)], review)
                if summary is None:
                    raise _NothingRun  # keep the previous output file rather than an empty one
        except _NothingRun as stop:
            return stop.code
        except BrokenPipeError:
            raise
        except OSError as exc:
            report_error(f"{args.output}: cannot be written ({exc.strerror or exc})")
            return EXIT_USAGE
    else:
        try:
            summary = _run_check(args, [reporter_for(args.format, sys.stdout, colour)], review)
        except _NothingRun as stop:
            return stop.code
    if summary is None:
        return EXIT_USAGE
    if review is not None:
        _note_unmatched(args.baseline, review, summary.checked)
    if summary.rule_errors or summary.runtime_errors:
        return EXIT_RULES
    if summary.input_errors:
        return EXIT_USAGE
    found = any(n and at_or_above(severity, args.fail_on) for severity, n in summary.counts.items())
    return EXIT_FINDINGS if found else EXIT_OK


class _NothingRun(Exception):
    """The run stopped before checking anything; `code` is the exit code."""

    def __init__(self, code: int = EXIT_USAGE):
        super().__init__(code)
        self.code = code


def _count_inputs(paths: list[str], options) -> int:
    """How many outcomes a run over `paths` will have (a second walk of the folders, for the progress bar;
    standard input counts once and is not read here)."""
    from ..batch import unique_inputs
    from ..inputs import expand_paths

    files = [p for p in paths if p != "-"]
    return sum(1 for _ in unique_inputs(expand_paths(files, options))) + (len(files) < len(paths))


def _note_unmatched(name: str, review, checked: set[str]) -> None:
    """Say so when baseline entries name documents this run did not check: made from another folder,
    or the documents were renamed, and their findings are no longer suppressed."""
    unmatched = review.unmatched(checked)
    if not unmatched:
        return
    total = sum(1 for path, _ in review.entries if path)
    documents = sorted({path for path, _ in unmatched})
    shown = ", ".join(documents[:3]) + (f" and {len(documents) - 3} more" if len(documents) > 3 else "")
    hint = ("were the paths made from another folder? They are relative to the baseline's folder"
            if len(unmatched) == total else "renamed, moved, or not checked this time?")
    print(f"auditor: note: {len(unmatched)} of {total} baseline entries matched no document checked "
          f"({shown}): {hint}", file=sys.stderr)


def _run_check(args, reporters, review):
    """Check every input, feeding each reporter; returns the RunSummary (None if there are no rules)."""
    from ..batch import check_items, unique_inputs
    from ..document import display_path
    from ..engine import Engine
    from ..inputs import expand_paths
    from ..interrupts import InterruptLatch
    from ..progress import Progress
    from ..report import RunSummary
    from ..resume import rules_identity
    from ..rules.schema import load_rules

    rule_paths = args.rule_paths  # the shipped folder and --rules (see main.py)
    ruleset = load_rules(rule_paths)
    report_rule_problems(ruleset)
    if not ruleset.rules and not ruleset.errors:
        report_error("no rules found in " + ", ".join(rule_paths) if rule_paths else
                     "no rules: --no-default-rules leaves only those of --rules, and none was given")
        return None
    if args.scheduler and ruleset.errors:
        report_error("nothing was sent to the cluster: fix the rule files first")
        raise _NothingRun(EXIT_RULES)
    summary = RunSummary(rule_errors=list(ruleset.errors))
    items = unique_inputs(expand_paths(args.paths, args.inputs))
    total = _count_inputs(args.paths, args.inputs) if sys.stderr.isatty() else None
    skipped = 0
    with contextlib.ExitStack() as stack:
        resume = None
        if args.resume:
            resume = _open_resume(args.resume, rules_identity(ruleset, args.date, args.inputs.encoding), stack)
        done = resume.done if resume else None
        if args.scheduler:
            outcomes = _cluster_outcomes(args, ruleset, items, done, stack)
        else:
            engine = Engine(ruleset, args.date)
            engine.dated_results = any(getattr(r, "shows_dates", False) for r in reporters)
            outcomes = stack.enter_context(contextlib.closing(  # closing stops the workers
                check_items(items, engine, rule_paths, job_count_for(args), done, options=args.inputs)))
        for reporter in reporters:
            reporter.begin(ruleset)
        progress = stack.enter_context(Progress(sys.stderr, total))
        for outcome in outcomes:
            progress.advance()
            if outcome.skipped:
                skipped += 1
                continue
            for message in outcome.rule_errors:
                if message not in summary.runtime_errors:
                    report_error(message)
                    summary.runtime_errors.append(message)
            if outcome.error is not None:
                report_error(outcome.error.message)
                summary.input_errors.append(outcome.error)
                continue
            result = outcome.result
            for region in result.skipped:
                line, column = result.document.line_col(region.start)
                report_warning(f"{display_path(result.document.path)}:{line}:{column}: {region.reason}")
            if review is not None:
                summary.checked.add(review.key(result.document.path))
                kept = [f for f in result.findings if not review.suppresses(result.document.path, f)]
                summary.suppressed += len(result.findings) - len(kept)
                result.findings = kept
            summary.documents += 1
            for f in result.findings:
                summary.counts[f.severity] += 1
            with InterruptLatch():  # the result and its resume record go out together
                for reporter in reporters:
                    reporter.document(result)
                if resume is not None:
                    resume.record(result.document.path, outcome.digest)
    if skipped:
        print(f"auditor: {skipped:,} document{'s' * (skipped != 1)} skipped, already checked "
              f"(recorded in {args.resume})", file=sys.stderr)
    for reporter in reporters:
        reporter.end(summary)
    return summary


def _open_resume(path: str, identity: str, stack: contextlib.ExitStack):
    """The resume log at `path` for a run of `identity`, closed with `stack`; _NothingRun if it cannot be
    used."""
    from ..resume import ResumeError, ResumeLog

    try:
        log = stack.enter_context(ResumeLog.open(path, identity))
    except ResumeError as exc:
        report_error(str(exc))
        raise _NothingRun from None
    if log.restarted:
        print(f"auditor: {path} recorded a run with other rules, another version or another --date or "
              "--encoding: starting afresh",
              file=sys.stderr)
    return log


def _cluster_outcomes(args, ruleset, items, done, stack: contextlib.ExitStack):
    """Outcomes from the Dask cluster `args.scheduler`, which `stack` closes; _NothingRun if unusable."""
    try:
        from ..cluster import Cluster, ClusterError
    except ImportError as exc:
        report_error(f"--scheduler needs Dask ({exc}); install it with: pip install 'auditor[dask]'")
        raise _NothingRun from None
    from ..resume import rules_identity

    try:
        cluster = stack.enter_context(Cluster(args.scheduler, args.jobs))
        plugin = cluster.send_rules(ruleset, rules_identity(ruleset), args.date, args.inputs)
    except (ValueError, ClusterError) as exc:
        report_error(f"--scheduler {args.scheduler}: {exc}")
        raise _NothingRun from None
    return stack.enter_context(contextlib.closing(cluster.check(items, plugin, done,
                                                                ordered=args.format != "jsonl")))
