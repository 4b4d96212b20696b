"""The command line: arguments in, exit code out (see CONTRACT.md for the codes)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys

from . import __version__
from .rules import shipped_rules_dir

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_RULES = 0, 1, 2, 3


FORMATS = ("text", "json", "jsonl", "sarif", "github")
INPUT_FORMATS = ("text", "markdown", "html", "docx", "pdf")
PATHS_HELP = "files, directories (every .txt, .md, .html, .htm, .docx and .pdf file under them) or - for " \
             "standard input"


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include", action="append", default=[], metavar="GLOB",
                        help="in directories, read only files matching GLOB (repeatable; default: every "
                             "supported format)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="in directories, skip files and folders matching GLOB (repeatable)")
    parser.add_argument("--follow-links", action="store_true",
                        help="in directories, also follow symbolic links that lead out of them")
    parser.add_argument("--encoding", metavar="NAME",
                        help="text encoding of text, Markdown and HTML inputs (default: UTF-8; a web page's "
                             "own declaration is used when it is not UTF-8)")
    parser.add_argument("--stdin-format", choices=INPUT_FORMATS, default="text",
                        help="format of standard input, the path - (default: text)")


def _input_options(args):
    """The InputOptions the arguments ask for, or a one-line problem with them."""
    from .formats.encoding import known_encoding
    from .inputs import InputOptions

    if args.encoding is not None and known_encoding(args.encoding) is None:
        return f"unknown encoding {args.encoding!r} for --encoding (try utf-8, cp1251, koi8-r, latin-1)"
    return InputOptions(include=tuple(args.include), exclude=tuple(args.exclude),
                        follow_links=args.follow_links, encoding=args.encoding, stdin_format=args.stdin_format)


def _job_count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n}: the number of jobs cannot be negative (0 means all cores)")
    return n


def _jobs(args) -> int:
    """Worker processes for the run: 0 means all cores, and more than the cores would only compete."""
    from .batch import default_jobs

    cores = default_jobs()
    return min(args.jobs or cores, cores)


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", metavar="DIR", dest="rule_paths",
                        help="rule file or directory (repeatable; default: the shipped rules)")
    parser.add_argument("--jobs", "-j", type=_job_count, default=0, metavar="N",
                        help="documents checked in parallel: 0 (the default) means all cores, and more "
                             "than the cores available is capped to them")
    parser.add_argument("--date", type=_date_option, metavar="YYYY[-MM[-DD]]",
                        help="the date the documents were written, for exchange rates and populations "
                             "(default: from the document's metadata or text, else unknown)")


def _date_option(text: str) -> str:
    from .dating import normalise_date

    try:
        return normalise_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
    extract.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    extract.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _add_input_options(extract)

    check = sub.add_parser("check", help="check the numeric claims in the documents against the rules",
                           description="Check the numeric claims in the documents against the rules.")
    check.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    _add_check_options(check)
    _add_input_options(check)
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
    baseline_sub = baseline.add_subparsers(dest="baseline_command", metavar="ACTION", required=True)
    create = baseline_sub.add_parser("create", help="write a baseline file of the current findings",
                                     description="Write a baseline file of the current findings.")
    create.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    create.add_argument("--output", "-o", metavar="FILE", required=True, help="the baseline file to write")
    _add_check_options(create)
    _add_input_options(create)

    tui = sub.add_parser("tui", help="walk the findings in a terminal UI and record verdicts",
                         description="Walk the findings in a terminal UI, see the spans they rest on, and "
                                     "confirm or dismiss them (verdicts go to the review file, which "
                                     "`check --baseline` reads).")
    tui.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    _add_check_options(tui)
    tui.add_argument("--review", metavar="FILE", default=".auditor-review.json",
                     help="the review file verdicts are saved in (default: .auditor-review.json)")
    tui.add_argument("--watch", action="store_true",
                     help="re-run the audit whenever a document or rule file changes")
    _add_input_options(tui)

    rules = sub.add_parser("rules", help="list, show, test and validate rules",
                           description="Work with rule files: list, show, test and validate them.")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
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
    if hasattr(args, "stdin_format"):
        args.inputs = _input_options(args)
        if isinstance(args.inputs, str):
            _report_error(args.inputs)
            return EXIT_USAGE
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "check":
            return _check(args)
        if args.command == "tui":
            return _tui(args)
        if args.command == "baseline":
            return _baseline_create(args)
        if args.command == "rules":
            from .rules_cli import run_rules_command

            return run_rules_command(args)
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return _stopped(128 + signal.SIGINT)
    except Terminated:
        print("auditor: terminated", file=sys.stderr)
        return _stopped(128 + signal.SIGTERM)
    except BrokenPipeError:  # the reader went away (`auditor check big/ | head -1`): nothing more to say
        _discard_stdout()
        return _stopped(EXIT_OK)
    return EXIT_USAGE


_stopped_early = False


def _stopped(code: int) -> int:
    global _stopped_early
    _stopped_early = True
    return code


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that every `finally` and the atomic
    writer's clean-up run on the way out."""


def _terminate(signum, frame) -> None:
    raise Terminated


def _discard_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _report_error(message: str, level: str = "error") -> None:
    from .safe_text import escape_controls

    print(f"auditor: {level}: {escape_controls(message)}", file=sys.stderr)


def _report_warning(message: str) -> None:
    _report_error(message, "warning")


def _extract(args) -> int:
    from .document import display_path
    from .inputs import InputError, load_documents
    from .report.extraction import extraction_json, write_extraction_text
    from .resilient import extract_document

    results, errors = [], []
    for item in load_documents(args.paths, args.inputs):
        if isinstance(item, InputError):
            _report_error(item.message)
            errors.append(item.message)
            continue
        extraction, skipped = extract_document(item)
        for region in skipped:
            _report_warning(f"{display_path(item.path)}:{':'.join(map(str, item.line_col(region.start)))}: "
                            f"{region.reason}")
        results.append((item, extraction, skipped))
    if args.format == "json":
        sys.stdout.write(extraction_json(results, errors) + "\n")
    else:
        write_extraction_text(results, sys.stdout)
    return EXIT_USAGE if errors else EXIT_OK


def console_main() -> None:
    """Entry point of the `auditor` console script."""
    signal.signal(signal.SIGTERM, _terminate)
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
    if _stopped_early:
        from .batch import hard_exit

        hard_exit(code)
    sys.exit(code)


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
        problem = _unwritable(args.output) or _read_by_this_run(args.output, args.paths, args.rule_paths,
                                                                [args.baseline])
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
        except BrokenPipeError:
            raise
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


def _read_by_this_run(output: str, inputs: list[str], rule_paths: list[str] | None,
                      others: list[str | None]) -> str | None:
    """Why writing `output` would destroy something this run reads (an input, a rule file, the baseline),
    or None. Checked before the run: afterwards the damage would be done."""
    from .formats import SUFFIXES

    if not os.path.isfile(output):
        return None
    groups = (("one of the inputs", inputs, tuple(SUFFIXES)),
              ("a rule file", rule_paths or [shipped_rules_dir()], (".yaml", ".yml")),
              ("the baseline", [p for p in others if p], ()))
    real = os.path.realpath(output)
    for what, paths, suffixes in groups:
        for path in paths:
            if os.path.isdir(path):
                inside = real.startswith(os.path.join(os.path.realpath(path), ""))
                if inside and real.lower().endswith(suffixes):
                    return f"is {what} (under {path}); choose another output file"
            elif os.path.exists(path) and os.path.samefile(path, output):
                return f"is {what}; choose another output file"
    return None


def _count_inputs(paths: list[str], options) -> int:
    """How many outcomes a run over `paths` will have (a second walk of the folders, for the progress bar;
    standard input counts once and is not read here)."""
    from .batch import unique_inputs
    from .inputs import expand_paths

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
    from .batch import check_items, unique_inputs
    from .document import display_path
    from .engine import Engine
    from .inputs import expand_paths
    from .progress import Progress
    from .report import RunSummary
    from .resume import interrupt_deferred
    from .rules.schema import load_rules

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
    items = unique_inputs(expand_paths(args.paths, args.inputs))
    total = _count_inputs(args.paths, args.inputs) if sys.stderr.isatty() else None
    skipped = 0
    with contextlib.ExitStack() as stack:
        resume = _open_resume(args.resume, ruleset, stack) if args.resume else None
        done = resume.done if resume else None
        if args.scheduler:
            outcomes = _cluster_outcomes(args, ruleset, items, done, stack)
        else:
            outcomes = stack.enter_context(contextlib.closing(  # closing stops the workers
                check_items(items, Engine(ruleset, args.date), rule_paths, _jobs(args), done, options=args.inputs)))
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
                    _report_error(message)
                    summary.runtime_errors.append(message)
            if outcome.error is not None:
                _report_error(outcome.error.message)
                summary.input_errors.append(outcome.error)
                continue
            result = outcome.result
            for region in result.skipped:
                line, column = result.document.line_col(region.start)
                _report_warning(f"{display_path(result.document.path)}:{line}:{column}: {region.reason}")
            if review is not None:
                summary.checked.add(review.key(result.document.path))
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
        plugin = cluster.send_rules(ruleset, rules_identity(ruleset), args.date, args.inputs)
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
    problem = _read_by_this_run(args.review, args.paths, args.rule_paths, [])
    if problem:
        _report_error(f"{args.review}: {problem.replace('output', 'review')}")
        return EXIT_USAGE
    return run_tui(args.paths, args.rule_paths or [shipped_rules_dir()], args.review, args.watch, args.jobs,
                   args.inputs)


def _baseline_create(args) -> int:
    from .batch import check_paths
    from .engine import Engine
    from .review import Review, ReviewError, load_review, locked, save_review
    from .rules.schema import load_rules

    output = args.output
    problem = _unwritable(output) or _read_by_this_run(output, args.paths, args.rule_paths, [])
    if problem:
        _report_error(f"{output}: {problem}")
        return EXIT_USAGE
    if os.path.lexists(output):
        try:
            load_review(output)  # refuse now, not after the run, to replace what is not a review file
        except ReviewError as exc:
            _report_error(f"{exc}; not overwritten")
            return EXIT_USAGE
    rule_paths = args.rule_paths or [shipped_rules_dir()]
    ruleset = load_rules(rule_paths)
    for error in ruleset.errors:
        _report_error(str(error))
    checked, found, errors = [], [], 0
    for outcome in check_paths(args.paths, Engine(ruleset, args.date), rule_paths, _jobs(args),
                               options=args.inputs):
        if outcome.error is not None:
            _report_error(outcome.error.message)
            errors += 1
            continue
        checked.append(outcome.result.document.path)
        found.extend((outcome.result.document.path, f) for f in outcome.result.findings)
    if errors or ruleset.errors:
        why = (f"{errors} input{'s' * (errors != 1)} could not be read" if errors else
               "a rule file is invalid")
        state = "the existing file is unchanged" if os.path.lexists(output) else "no file was written"
        _report_error(f"{output}: baseline not written: {why} ({state})")
        return EXIT_RULES if ruleset.errors else EXIT_USAGE
    try:
        with locked(output):
            review = load_review(output) if os.path.lexists(output) else Review(base=os.path.dirname(
                os.path.abspath(output)))
            kept, added, dropped = review.record_baseline(checked, found)
            save_review(review, output)
    except ReviewError as exc:  # replaced by something else during the run
        _report_error(f"{exc}; not overwritten")
        return EXIT_USAGE
    except OSError as exc:
        _report_error(f"{output}: cannot be written ({exc.strerror or exc})")
        return EXIT_USAGE
    count = len(found)
    print(f"baseline of {count} finding{'s' * (count != 1)} written to {output}: {kept} kept (they had a "
          f"verdict), {added} added, {dropped} dropped (no longer found)", file=sys.stderr)
    return EXIT_OK
