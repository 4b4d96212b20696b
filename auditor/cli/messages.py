"""One-line messages on standard error, with control characters escaped."""

from __future__ import annotations

import sys

from ..safe_text import escape_controls


def report_error(message: str, level: str = "error") -> None:
    """Print `auditor: error: MESSAGE` (or another level) on standard error."""
    print(f"auditor: {level}: {escape_controls(message)}", file=sys.stderr)


def report_warning(message: str) -> None:
    """Print `auditor: warning: MESSAGE` on standard error."""
    report_error(message, "warning")


def say(text: str = "", file=None) -> None:
    """Print a line of rule text (titles, descriptions, examples come from rule files) with every control
    character escaped, line breaks excepted."""
    print(escape_controls(text, keep="\n"), file=file)


def report_rule_problems(ruleset) -> None:
    """Every error and warning of a loaded rule set, one line each, errors first."""
    for error in ruleset.errors:
        report_error(str(error))
    for warning in ruleset.warnings:
        report_warning(str(warning))
