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
