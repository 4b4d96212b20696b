"""The command line: arguments in, exit code out (see CONTRACT.md for the codes)."""

from __future__ import annotations

import argparse
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_RULES = 0, 1, 2, 3


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
    check.add_argument("--rules", action="append", metavar="DIR", dest="rule_paths",
                       help="rule file or directory (repeatable; default: the shipped rules)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (default: auto, only on a terminal)")

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
    from .engine import Engine
    from .findings import at_or_above
    from .inputs import InputError, load_documents
    from .report.check_json import check_json
    from .report.check_text import write_check_text
    from .rules.schema import load_rules

    ruleset = load_rules(args.rule_paths or [default_rules_dir()])
    for error in ruleset.errors:
        _report_error(str(error))
    if not ruleset.rules and not ruleset.errors:
        _report_error("no rules found in " + ", ".join(args.rule_paths or [default_rules_dir()]))
        return EXIT_USAGE
    engine = Engine(ruleset)
    results, errors = [], []
    for item in load_documents(args.paths):
        if isinstance(item, InputError):
            _report_error(item.message)
            errors.append(item.message)
            continue
        results.append(engine.check(item))
    for message in engine.runtime_errors:
        _report_error(message)
    if args.format == "json":
        sys.stdout.write(check_json(results, errors) + "\n")
    else:
        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        write_check_text(results, sys.stdout, colour)
    if ruleset.errors or engine.runtime_errors:
        return EXIT_RULES
    if errors:
        return EXIT_USAGE
    found = any(at_or_above(f.severity, args.fail_on) for r in results for f in r.findings)
    return EXIT_FINDINGS if found else EXIT_OK


def default_rules_dir() -> str:
    """The rules shipped with the package (rules/ beside it in a source checkout)."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "rules_data"):
        if candidate.is_dir():
            return str(candidate)
    return str(here.parent / "rules")
