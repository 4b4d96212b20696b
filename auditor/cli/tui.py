"""`auditor tui`: the fact-checker's terminal UI."""

from __future__ import annotations

from ..rules import shipped_rules_dir
from .exit_codes import EXIT_USAGE
from .messages import report_error
from .outputs import read_by_this_run


def run_tui_command(args) -> int:
    """Run `auditor tui`; returns the exit code."""
    try:
        from ..tui.app import run_tui
    except ImportError as exc:
        report_error(f"the terminal UI cannot start: {exc} (install with: pip install auditor)")
        return EXIT_USAGE
    problem = read_by_this_run(args.review, args.paths, args.rule_paths, [])
    if problem:
        report_error(f"{args.review}: {problem.replace('output', 'review')}")
        return EXIT_USAGE
    return run_tui(args.paths, args.rule_paths or [shipped_rules_dir()], args.review, args.watch, args.jobs,
                   args.inputs)
