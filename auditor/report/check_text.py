"""`auditor check` for people: rustc-style diagnostics with the source line and labelled underlines."""

from __future__ import annotations

from typing import TextIO

from itertools import accumulate

from ..document import display_path
from ..engine import DocumentResult
from ..findings import Finding
from ..safe_text import escape_controls, escaped_width
from . import RunSummary

WINDOW = 100  # characters of a long line shown around the spans
_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "note": "\033[1;34m",
            "dim": "\033[2m", "bold": "\033[1m", "reset": "\033[0m"}


class TextReporter:
    """Every finding with file:line:col, the lines its spans are on, underlines labelled with roles, and
    the derivation as a note; then a summary line."""

    def __init__(self, out: TextIO, colour: bool = False):
        self.out = out
        self.c = _COLOURS if colour else {k: "" for k in _COLOURS}

    def begin(self, ruleset) -> None:
        pass

    def document(self, result: DocumentResult) -> None:
        for finding in result.findings:
            _write_finding(result, finding, self.out, self.c)

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


def _write_finding(result: DocumentResult, finding: Finding, out: TextIO, c: dict) -> None:
    doc = result.document
    claim = finding.spans[0]
    line, col = doc.line_col(claim.start)
    out.write(f"{c[finding.severity]}{finding.severity}[{finding.rule}]{c['reset']}{c['bold']}: "
              f"{escape_controls(finding.message)}{c['reset']}\n")
    out.write(f"  {c['note']}-->{c['reset']} {display_path(doc.path)}:{line}:{col}\n")
    by_line: dict[int, list] = {}
    for span in finding.spans:
        by_line.setdefault(doc.line_col(span.start)[0], []).append(span)
    width = len(str(max(by_line)))
    previous = None
    for line_no in sorted(by_line):
        if previous is not None and line_no > previous + 1:
            out.write(f"{' ' * width} {c['note']}...{c['reset']}\n")
        previous = line_no
        span_line = doc.line_span(line_no)
        text = doc.text[span_line.start : span_line.end]
        spans = sorted(by_line[line_no], key=lambda s: s.start)
        first = spans[0].start - span_line.start
        last = min(spans[-1].end, span_line.end) - span_line.start
        lo = max(0, min(first, last - WINDOW) - 20) if len(text) > WINDOW else 0
        hi = min(len(text), max(last, first + WINDOW) + 20) if len(text) > WINDOW else len(text)
        segment = text[lo:hi].replace("\t", " ")
        shown = ("…" if lo else "") + escape_controls(segment) + ("…" if hi < len(text) else "")
        # the column each character of the line starts at once controls are shown escaped
        columns = [0, *accumulate(escaped_width(ch) for ch in segment)]

        def column(offset: int) -> int:
            return (1 if lo else 0) + columns[max(0, min(offset - span_line.start - lo, len(segment)))]

        out.write(f"{c['note']}{line_no:>{width}} |{c['reset']} {shown}\n")
        marks = [" "] * (len(shown) + 1)
        starts = []
        for s in spans:
            a = column(s.start)
            b = column(min(s.end, span_line.end))
            for k in range(a, min(max(b, a + 1), len(marks))):
                marks[k] = "^" if s is finding.spans[0] else "-"
            starts.append((a, s.role))
        gutter = f"{c['note']}{' ' * width} |{c['reset']} "
        out.write(f"{gutter}{c[finding.severity]}{''.join(marks).rstrip()}{c['reset']} {starts[-1][1]}\n")
        # earlier spans' labels hang below their start, rustc style
        for n in range(len(starts) - 2, -1, -1):
            row = [" "] * (starts[n][0] + 1)
            for a, _ in starts[:n]:
                row[a] = "|"
            out.write(f"{gutter}{''.join(row[: starts[n][0]])}{starts[n][1]}\n")
    out.write(f"{' ' * width} {c['note']}={c['reset']} derivation: {escape_controls(finding.derivation)}\n")
    if finding.reference:
        out.write(f"{' ' * width} {c['note']}={c['reset']} reference: {escape_controls(finding.reference)}\n")
    out.write("\n")
