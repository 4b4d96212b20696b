"""`auditor check --format github`: GitHub Actions workflow commands, one per finding.

    ::error file=drafts/a.txt,line=3,col=12,endLine=3,endColumn=26,title=ratio.implied-count::message

Values are escaped as GitHub's runner expects: in the message %, CR and LF; in properties also : and ,.
"""

from __future__ import annotations

from typing import TextIO

from ..document import display_path
from ..engine import DocumentResult
from ..safe_text import escape_controls
from . import RunSummary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escaped for a workflow command; other control characters shown as visible escapes (the runner
    prints annotations into the job's log)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(text)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """Annotations on the claim's span; input and rule-file errors as `::error` lines too."""

    def __init__(self, out: TextIO):
        self.out = out

    def begin(self, ruleset) -> None:
        pass

    def document(self, result: DocumentResult) -> None:
        doc = result.document
        for region in result.skipped:
            line, col = doc.line_col(region.start)
            self.out.write(f"::warning file={escape_property(display_path(doc.path))},line={line},col={col},"
                           f"title=not checked::{escape_data(region.reason)}\n")
        for f in result.findings:
            claim = f.spans[0]
            line, col = doc.line_col(claim.start)
            end_line, end_col = doc.line_col(claim.end)
            props = (f"file={escape_property(display_path(doc.path))},line={line},col={col},"
                     f"endLine={end_line},endColumn={end_col},title={escape_property(f.rule)}")
            self.out.write(f"::{COMMANDS[f.severity]} {props}::{escape_data(f.message + '. ' + f.derivation)}\n")

    def end(self, summary: RunSummary) -> None:
        for e in summary.input_errors:
            self.out.write(f"::error file={escape_property(display_path(e.path))},title=unreadable input::"
                           f"{escape_data(e.message)}\n")
        for e in summary.rule_errors:
            self.out.write(f"::error file={escape_property(display_path(e.path))},line={e.line},col={e.column},"
                           f"title=invalid rule file::{escape_data(e.message)}\n")
        for m in summary.runtime_errors:
            self.out.write(f"::error title=rule failed::{escape_data(m)}\n")
