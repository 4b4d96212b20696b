"""Reporters: one module per output format, each a class with the same streaming signature.

    reporter = Reporter(out)          # out: a text stream
    reporter.begin(ruleset)           # before any document
    reporter.document(result)         # once per checked document, in input order (jsonl: as finished)
    reporter.end(summary)             # after the last one

so a run over thousands of documents never holds more than one document's findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMATS = ("text", "json", "jsonl", "sarif", "github")


@dataclass
class RunSummary:
    """What a whole run found, for the closing lines of a report and the exit code."""

    documents: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    suppressed: int = 0
    input_errors: list = field(default_factory=list)  # InputError
    rule_errors: list = field(default_factory=list)  # RuleError
    runtime_errors: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)  # documents checked, as the baseline names them


def reporter_for(fmt: str, out, colour: bool = False):
    """The reporter of format `fmt` writing to `out`."""
    if fmt == "json":
        from .check_json import JsonReporter

        return JsonReporter(out)
    if fmt == "jsonl":
        from .check_jsonl import JsonLinesReporter

        return JsonLinesReporter(out)
    if fmt == "sarif":
        from .sarif import SarifReporter

        return SarifReporter(out)
    if fmt == "github":
        from .github import GithubReporter

        return GithubReporter(out)
    from .check_text import TextReporter

    return TextReporter(out, colour)
