"""`auditor check` for people: rustc-style diagnostics with the source line and labelled underlines."""

from __future__ import annotations

import os
import shutil
import textwrap
from itertools import accumulate
from typing import TextIO

from ..engine import DocumentResult
from ..findings import Finding
from ..formats.origin import where
from ..safe_text import escape_controls, escaped_width
from . import RunSummary
from .excerpt import excerpt

DEFAULT_WIDTH = 100  # columns when the output is not a terminal (a pipe, a file, a CI log)
MIN_WIDTH = 40
_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "note": "\033[1;34m",
            "dim": "\033[2m", "bold": "\033[1m", "reset": "\033[0m"}


class TextReporter:
    """Every finding with file:line:col, the lines its spans are on, underlines labelled with roles, and
    the derivation as a note; then a summary line."""

    def __init__(self, out: TextIO, colour: bool = False, width: int | None = None):
        self.out = out
        self.c = _COLOURS if colour else {k: "" for k in _COLOURS}
        self.width = max(MIN_WIDTH, width or output_width(out))

    def begin(self, ruleset) -> None:
        pass

    def document(self, result: DocumentResult) -> None:
        for finding in result.findings:
            _write_finding(result, finding, self.out, self.c, self.width)

    def end(self, summary: RunSummary) -> None:
        docs = summary.documents
        parts = [f"{n} {k}{'s' * (n != 1)}" for k, n in summary.counts.items() if n]
        line = f"{', '.join(parts) if parts else 'no findings'} in {docs} document{'s' * (docs != 1)}"
        if summary.suppressed:
            line += f" ({summary.suppressed} suppressed by the baseline)"
        if summary.input_errors:
            n = len(summary.input_errors)
            line += f"; {n} input{'s' * (n != 1)} could not be read"
        self.out.write(line + "\n")


def output_width(out: TextIO) -> int:
    """The columns to fit: $COLUMNS, else the terminal's width when `out` is one, else DEFAULT_WIDTH."""
    isatty = getattr(out, "isatty", None)
    fallback = (DEFAULT_WIDTH, 24)
    if isatty is not None and isatty():
        return shutil.get_terminal_size(fallback).columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH


def _write_finding(result: DocumentResult, finding: Finding, out: TextIO, c: dict, width: int) -> None:
    doc = result.document
    claim = finding.spans[0]
    line, col = doc.line_col(claim.start)
    out.write(f"{c[finding.severity]}{finding.severity}[{finding.rule}]{c['reset']}{c['bold']}: "
              f"{escape_controls(finding.message)}{c['reset']}\n")
    place = where(doc, claim.start)
    if doc.origin is not None:  # the lines below are the extracted text's: say so, with their numbers
        place += f" (extracted text {line}:{col})"
    out.write(f"  {c['note']}-->{c['reset']} {place}\n")
    by_line: dict[int, list] = {}
    for span in finding.spans:
        by_line.setdefault(doc.line_col(span.start)[0], []).append(span)
    numbers = len(str(max(by_line)))
    room = width - numbers - 3  # after "NN | "
    gutter = f"{c['note']}{' ' * numbers} |{c['reset']} "
    previous = None
    for line_no in sorted(by_line):
        if previous is not None and line_no > previous + 1:
            out.write(f"{' ' * numbers} {c['note']}...{c['reset']}\n")
        previous = line_no
        span_line = doc.line_span(line_no)
        spans = sorted(by_line[line_no], key=lambda s: s.start)
        # controls are shown escaped ("\x1b"), so a span's offsets move by the width of the escapes before it
        line = doc.text[span_line.start : span_line.end].replace("\t", " ")
        at = [0, *accumulate(escaped_width(ch) for ch in line)]
        shown, columns = excerpt(escape_controls(line), [(at[max(0, min(s.start - span_line.start, len(line)))],
                                                          at[max(0, min(s.end - span_line.start, len(line)))])
                                                         for s in spans], room)
        out.write(f"{c['note']}{line_no:>{numbers}} |{c['reset']} {shown}\n")
        marks = [" "] * (len(shown) + 1)
        for s, (a, b) in zip(spans, columns):
            for k in range(a, min(max(b, a + 1), len(marks))):
                marks[k] = "^" if s is claim else "-"
        marks_text = "".join(marks).rstrip()
        labels = [(a, s.role) for s, (a, _) in zip(spans, columns)]
        inline = len(marks_text) + 1 + len(labels[-1][1]) <= room
        out.write(f"{gutter}{c[finding.severity]}{marks_text}{c['reset']}"
                  + (f" {labels[-1][1]}" if inline else "") + "\n")
        # the other labels hang below their span's start, rustc style, the nearer ones first
        hanging = labels[:-1] if inline else labels
        for n in range(len(hanging) - 1, -1, -1):
            row = [" "] * (hanging[n][0] + 1)
            for a, _ in hanging[:n]:
                row[a] = "|"
            out.write(f"{gutter}{''.join(row[: hanging[n][0]])}{hanging[n][1]}\n")
    notes = [("derivation", finding.derivation)] + ([("reference", finding.reference)] if finding.reference else [])
    for name, text in notes:
        lead = f"{' ' * numbers} {c['note']}={c['reset']} "
        wrapped = textwrap.wrap(f"{name}: {escape_controls(text)}", max(MIN_WIDTH, width - numbers - 3),
                                break_on_hyphens=False)
        out.write(lead + f"\n{' ' * (numbers + 3)}".join(wrapped) + "\n")
    out.write("\n")
