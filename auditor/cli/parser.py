"""The command line's arguments: every command, its options and how their values are read."""

from __future__ import annotations

import argparse

from .. import __version__


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


def input_options(args):
    """The InputOptions the arguments ask for, or a one-line problem with them."""
    from ..formats.encoding import known_encoding
    from ..inputs import InputOptions

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


def job_count_for(args) -> int:
    """Worker processes for the run: 0 means all cores, and more than the cores would only compete."""
    from ..batch import default_jobs

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
    from ..dating import normalise_date

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
