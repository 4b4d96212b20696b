"""The command line: arguments in, exit code out (see CONTRACT.md for the codes)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from . import __version__
from .rules import shipped_rules_dir

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_RULES = 0, 1, 2, 3


FORMATS = ("text", "json", "jsonl", "sarif", "github")


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", metavar="DIR", dest="rule_paths",
                        help="rule file or directory (repeatable; default: the shipped rules)")
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                        help="documents checked in parallel (default: the number of cores)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Find numeric claims in news text and check them against arithmetic and unit rules.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    extract = sub.add_parser("extract", help="list every quantity in the documents",
                             description="List every quantity in the documents with its span, value, "
                                         "bounds, qualifier, unit and what it counts.")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories of .txt/.md files")
    extract.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    check = sub.add_parser("check", help="check the numeric claims in the documents against the rules",
                           description="Check the numeric claims in the documents against the rules.")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories of .txt/.md files")
    _add_check_options(check)
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE",
                       help="write the --format output to FILE (atomically) and print text on standard output")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--baseline", metavar="FILE",
                       help="a baseline or review file: report only findings it does not record")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (default: auto, only on a terminal)")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="check on a Dask cluster: a scheduler address (tcp://host:8786), or local[:N] "
                            "for a local cluster of N worker processes (needs auditor[dask])")
    check.add_argument("--resume", metavar="FILE",
                       help="record finished documents in FILE and skip those it records (same rules, same "
                            "content); with --output, FILE and the output grow together (jsonl only)")

    baseline = sub.add_parser("baseline", help="record the current findings so that CI reports only new ones",
                              description="Record the current findings so that `check --baseline` reports "
                                          "only new ones.")
    baseline_sub = baseline.add_subparsers(dest="baseline_command", metavar="ACTION")
    create = baseline_sub.add_parser("create", help="write a baseline file of the current findings",
                                     description="Write a baseline file of the current findings.")
    create.add_argument("paths", nargs="+", metavar="PATH")
    create.add_argument("--output", "-o", metavar="FILE", required=True, help="the baseline file to write")
    _add_check_options(create)

    tui = sub.add_parser("tui", help="walk the findings in a terminal UI and record verdicts",
                         description="Walk the findings in a terminal UI, see the spans they rest on, and "
                                     "confirm or dismiss them (verdicts go to the review file, which "
                                     "`check --baseline` reads).")
    tui.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories of .txt/.md files")
    tui.add_argument("--rules", action="append", metavar="DIR", dest="rule_paths",
                     help="rule file or directory (repeatable; default: the shipped rules)")
    tui.add_argument("--review", metavar="FILE", default=".auditor-review.json",
                     help="the review file verdicts are saved in (default: .auditor-review.json)")
    tui.add_argument("--watch", action="store_true",
                     help="re-run the audit whenever a document or rule file changes")

    rules = sub.add_parser("rules", help="list, show, test and validate rules",
                           description="Work with rule files: list, show, test and validate them.")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    for name, text in (("list", "list the rules"), ("validate", "check rule files and report every problem"),
                       ("test", "run every rule's own pass/fail examples")):
        p = rules_sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        p.add_argument("rule_paths", nargs="*", metavar="PATH", help="rule files or directories "
                                                                      "(default: the shipped rules)")
    show = rules_sub.add_parser("show", help="describe one rule with its examples",
                                description="Describe one rule with its examples.")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("--rules", action="append", metavar="DIR", dest="rule_paths")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "check":
            return _check(args)
        if args.command == "tui":
            return _tui(args)
        if args.command == "baseline":
            if args.baseline_command is None:
                parser.parse_args(["baseline", "--help"])
            return _baseline_create(args)
        if args.command == "rules":
            from .rules_cli import run_rules_command

            if args.rules_command is None:
                parser.parse_args(["rules", "--help"])
            return run_rules_command(args)
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_USAGE


def _report_error(message: str) -> None:
    print(f"auditor: error: {message}", file=sys.stderr)


def _extract(args) -> int:
    from .extract import extract_text
    from .inputs import InputError, load_documents
    from .report.extraction import extraction_json, write_extraction_text

    results, errors = [], []
    for item in load_documents(args.paths):
        if isinstance(item, InputError):
            _report_error(item.message)
            errors.append(item.message)
            continue
        results.append((item, extract_text(item.text)))
    if args.format == "json":
        sys.stdout.write(extraction_json(results, errors) + "\n")
    else:
        write_extraction_text(results, sys.stdout)
    return EXIT_USAGE if errors else EXIT_OK


def console_main() -> None:
    """Entry point of the `auditor` console script."""
    sys.exit(main())


def _check(args) -> int:
    from .atomic import atomic_writer
    from .findings import at_or_above
    from .report import reporter_for
    from .review import ReviewError, load_review

    review = None
    if args.baseline:
        try:
            review = load_review(args.baseline)
        except ReviewError as exc:
            _report_error(str(exc))
            return EXIT_USAGE
    if args.resume and args.output and args.format != "jsonl":
        _report_error("--resume with --output needs --format jsonl (the output is continued, run after run)")
        return EXIT_USAGE
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not args.output)
    if args.output:
        problem = _unwritable(args.output)
        if problem:
            _report_error(f"{args.output}: {problem}")
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
        except OSError as exc:
            _report_error(f"{args.output}: cannot be written ({exc.strerror or exc})")
            return EXIT_USAGE
    else:
        try:
            summary = _run_check(args, [reporter_for(args.format, sys.stdout, colour)], review)
        except _NothingRun as stop:
            return stop.code
    if summary is None:
        return EXIT_USAGE
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


def _unwritable(path: str) -> str | None:
    """Why `path` cannot receive an output file, checked before a long run rather than after it."""
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return "is a directory"
    if not os.path.isdir(directory):
        return f"directory {directory} does not exist"
    if not os.access(directory, os.W_OK):
        return f"directory {directory} is not writable"
    return None


def _run_check(args, reporters, review):
    """Check every input, feeding each reporter; returns the RunSummary (None if there are no rules)."""
    from .batch import check_items, default_jobs
    from .engine import Engine
    from .progress import Progress
    from .report import RunSummary
    from .resume import interrupt_deferred
    from .rules.schema import load_rules
    from .sources import expand_sources

    rule_paths = args.rule_paths or [shipped_rules_dir()]
    ruleset = load_rules(rule_paths)
    for error in ruleset.errors:
        _report_error(str(error))
    if not ruleset.rules and not ruleset.errors:
        _report_error("no rules found in " + ", ".join(rule_paths))
        return None
    if args.scheduler and ruleset.errors:
        _report_error("nothing was sent to the cluster: fix the rule files first")
        raise _NothingRun(EXIT_RULES)
    summary = RunSummary(rule_errors=list(ruleset.errors))
    items = list(expand_sources(args.paths))  # names only, so that progress knows the total
    with contextlib.ExitStack() as stack:
        resume = _open_resume(args.resume, ruleset, stack) if args.resume else None
        done = resume.done if resume else None
        if args.scheduler:
            outcomes = _cluster_outcomes(args, ruleset, items, done, stack)
        else:
            outcomes = check_items(items, Engine(ruleset), rule_paths, args.jobs or default_jobs(), done)
        for reporter in reporters:
            reporter.begin(ruleset)
        skipped = 0
        progress = stack.enter_context(Progress(sys.stderr, total=len(items)))
        for outcome in outcomes:
            progress.advance()
            if outcome.skipped:
                skipped += 1
                continue
            for message in outcome.rule_errors:
                if message not in summary.runtime_errors:
                    _report_error(message)
                    summary.runtime_errors.append(message)
            if outcome.error is not None:
                _report_error(outcome.error.message)
                summary.input_errors.append(outcome.error)
                continue
            result = outcome.result
            if review is not None:
                kept = [f for f in result.findings if not review.suppresses(result.document.path, f)]
                summary.suppressed += len(result.findings) - len(kept)
                result.findings = kept
            summary.documents += 1
            for f in result.findings:
                summary.counts[f.severity] += 1
            with interrupt_deferred():  # the result and its resume record go out together
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


def _open_resume(path: str, ruleset, stack: contextlib.ExitStack):
    """The resume log at `path`, closed with `stack`; _NothingRun if it cannot be used."""
    from .resume import ResumeError, ResumeLog, rules_identity

    try:
        log = stack.enter_context(ResumeLog.open(path, rules_identity(ruleset)))
    except ResumeError as exc:
        _report_error(str(exc))
        raise _NothingRun from None
    if log.restarted:
        print(f"auditor: {path} recorded a run with other rules or another version: starting afresh",
              file=sys.stderr)
    return log


def _cluster_outcomes(args, ruleset, items, done, stack: contextlib.ExitStack):
    """Outcomes from the Dask cluster `args.scheduler`, which `stack` closes; _NothingRun if unusable."""
    try:
        from .cluster import Cluster, ClusterError
    except ImportError as exc:
        _report_error(f"--scheduler needs Dask ({exc}); install it with: pip install 'auditor[dask]'")
        raise _NothingRun from None
    from .resume import rules_identity

    try:
        cluster = stack.enter_context(Cluster(args.scheduler, args.jobs))
        plugin = cluster.send_rules(ruleset, rules_identity(ruleset))
    except (ValueError, ClusterError) as exc:
        _report_error(f"--scheduler {args.scheduler}: {exc}")
        raise _NothingRun from None
    return stack.enter_context(contextlib.closing(cluster.check(items, plugin, done,
                                                                ordered=args.format != "jsonl")))


def _tui(args) -> int:
    try:
        from .tui.app import run_tui
    except ImportError as exc:
        _report_error(f"the terminal UI cannot start: {exc} (install with: pip install auditor)")
        return EXIT_USAGE
    return run_tui(args.paths, args.rule_paths or [shipped_rules_dir()], args.review, args.watch)


def _baseline_create(args) -> int:
    from .batch import check_paths, default_jobs
    from .engine import Engine
    from .review import Review, save_review
    from .rules.schema import load_rules

    problem = _unwritable(args.output)
    if problem:
        _report_error(f"{args.output}: {problem}")
        return EXIT_USAGE
    rule_paths = args.rule_paths or [shipped_rules_dir()]
    ruleset = load_rules(rule_paths)
    for error in ruleset.errors:
        _report_error(str(error))
    review, errors, count = Review(), 0, 0
    for outcome in check_paths(args.paths, Engine(ruleset), rule_paths, args.jobs or default_jobs()):
        if outcome.error is not None:
            _report_error(outcome.error.message)
            errors += 1
            continue
        for finding in outcome.result.findings:
            review.set(outcome.result.document.path, finding, "baseline")
            count += 1
    try:
        save_review(review, args.output)
    except OSError as exc:
        _report_error(f"{args.output}: cannot be written ({exc.strerror or exc})")
        return EXIT_USAGE
    print(f"baseline of {count} finding{'s' * (count != 1)} written to {args.output}", file=sys.stderr)
    if ruleset.errors:
        return EXIT_RULES
    return EXIT_USAGE if errors else EXIT_OK
