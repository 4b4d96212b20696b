"""The command line: arguments in, exit code out (docs/contract.md fixes the codes and the JSON)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from .exit_codes import EXIT_OK, EXIT_USAGE
from .messages import report_error
from .parser import build_parser, input_options


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if hasattr(args, "stdin_format"):
        args.inputs = input_options(args)
        if isinstance(args.inputs, str):
            report_error(args.inputs)
            return EXIT_USAGE
    try:
        if args.command == "extract":
            from .extract import run_extract

            return run_extract(args)
        if args.command == "check":
            from .check import run_check

            return run_check(args)
        if args.command == "tui":
            from .tui import run_tui_command

            return run_tui_command(args)
        if args.command == "baseline":
            from .baseline import run_baseline_create

            return run_baseline_create(args)
        if args.command == "rules":
            from .rules import run_rules_command

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


def console_main() -> None:
    """Entry point of the `auditor` console script."""
    signal.signal(signal.SIGTERM, _terminate)
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
    if _stopped_early:
        from ..batch import hard_exit

        hard_exit(code)
    sys.exit(code)
