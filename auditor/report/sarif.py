"""`auditor check --format sarif`: SARIF 2.1.0 for code-scanning dashboards, written as results arrive.

Columns count Unicode code points (`columnKind: unicodeCodePoints`), the same characters as the JSON
offsets; `charOffset`/`charLength` are those offsets. The other spans of a finding are related locations
whose message is their role; the derivation is in the result's message and properties. A region's
snippet is the span's own text; its `contextRegion` adds a bounded window of the line around it. Inputs that could
not be read and invalid rule files are tool notifications, so a dashboard shows them.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..document import Document, display_path
from ..engine import DocumentResult
from ..findings import Finding
from ..safe_text import json_safe
from . import RunSummary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/auditor-project/auditor"


def artifact_uri(path: str) -> str:
    """A relative path as a SARIF URI (forward slashes, percent-encoded)."""
    return quote(PurePath(display_path(path)).as_posix(), safe="/")


class SarifReporter:
    """One SARIF log with one run."""

    def __init__(self, out: TextIO):
        self.out = out
        self.first = True
        self.rule_index: dict[str, int] = {}
        self.skipped: list[dict] = []  # notifications of what could not be checked

    def begin(self, ruleset) -> None:
        rules = []
        for i, rule in enumerate(sorted(ruleset.rules, key=lambda r: r.id)):
            self.rule_index[rule.id] = i
            examples = "".join(f"\n- fails: {' '.join(e.text.split())}" for e in rule.fail_examples[:2])
            examples += "".join(f"\n- passes: {' '.join(e.text.split())}" for e in rule.pass_examples[:2])
            rules.append({
                "id": rule.id,
                "name": rule.id.replace(".", "/"),
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": rule.description or rule.title},
                "help": {"text": f"{rule.description}\n{rule.rationale}\nCheck: {rule.check.source}".strip(),
                         "markdown": f"{rule.description}\n\n{rule.rationale}\n\nCheck: `{rule.check.source}`"
                                     f"\n{examples}".strip()},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": [rule.id.split(".")[0]], "source": f"{rule.path}:{rule.line}"},
            })
        header = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "auditor", "version": __version__, "semanticVersion": __version__,
                                    "informationUri": INFORMATION_URI, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": [],
            }],
        }
        text = json_safe(json.dumps(header, ensure_ascii=False, indent=2))
        # stream the results: cut the document open just inside "results": [
        self.head, self.tail = text.rsplit('"results": []', 1)
        self.out.write(self.head + '"results": [')

    def document(self, result: DocumentResult) -> None:
        doc = result.document
        for region in result.skipped:
            line, column = doc.line_col(region.start)
            self.skipped.append({"level": "warning", "message": {"text": region.reason}, "locations": [{
                "physicalLocation": {"artifactLocation": {"uri": artifact_uri(doc.path)},
                                     "region": {"startLine": line, "startColumn": column}}}]})
        for finding in result.findings:
            item = self._result(result.document, finding)
            self.out.write(("\n" if self.first else ",\n") + json_safe(json.dumps(item, ensure_ascii=False)))
            self.first = False

    def _result(self, doc: Document, finding: Finding) -> dict:
        claim = finding.spans[0]
        related = [{"id": i, "physicalLocation": _location(doc, s), "message": {"text": f"{s.role}: {s.text}"}}
                   for i, s in enumerate(finding.spans[1:], start=1)]
        result = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": f"{finding.message}. {finding.derivation}"},
            "locations": [{"physicalLocation": _location(doc, claim), "message": {"text": claim.role}}],
            "partialFingerprints": {"auditorFinding/v1": finding.fingerprint},
            "properties": {"derivation": finding.derivation, "roles": [s.role for s in finding.spans]},
        }
        if finding.rule in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding.rule]
        if related:
            result["relatedLocations"] = related
        if finding.reference:
            result["properties"]["reference"] = finding.reference
        return result

    def end(self, summary: RunSummary) -> None:
        self.out.write("\n]" if not self.first else "]")
        invocation = {"executionSuccessful": not (summary.input_errors or summary.rule_errors
                                                  or summary.runtime_errors)}
        execution = [{"level": "error", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}]}
                     for e in summary.input_errors]
        execution += [{"level": "error", "message": {"text": m}} for m in summary.runtime_errors]
        execution += self.skipped
        configuration = [{"level": "error", "message": {"text": e.message},
                          "locations": [{"physicalLocation": {
                              "artifactLocation": {"uri": artifact_uri(e.path)},
                              "region": {"startLine": e.line, "startColumn": e.column}}}]}
                         for e in summary.rule_errors]
        if execution:
            invocation["toolExecutionNotifications"] = execution
        if configuration:
            invocation["toolConfigurationNotifications"] = configuration
        self.out.write(',\n      "invocations": ' + json_safe(json.dumps([invocation], ensure_ascii=False)) + self.tail + "\n")


SNIPPET_CONTEXT = 80  # characters of the span's line shown on either side of it in `contextRegion`


def _location(doc: Document, span) -> dict:
    """The span as a SARIF location: its region (with the span's own text as the snippet), and a context
    region of at most SNIPPET_CONTEXT characters on either side, within its lines, so that a report grows
    with its findings, never with the length of a line (a one-line document of 0.5 MB)."""
    start_line, start_col = doc.line_col(span.start)
    end_line, end_col = doc.line_col(span.end)
    lo = max(doc.line_span(start_line).start, span.start - SNIPPET_CONTEXT)
    hi = max(span.end, min(doc.line_span(end_line).end, span.end + SNIPPET_CONTEXT))
    context_line, context_col = doc.line_col(lo)
    context_end_line, context_end_col = doc.line_col(hi)
    return {
        "artifactLocation": {"uri": artifact_uri(doc.path)},
        "region": {
            "startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col,
            "charOffset": span.start, "charLength": span.end - span.start,
            "snippet": {"text": doc.text[span.start : span.end]},
        },
        "contextRegion": {
            "startLine": context_line, "startColumn": context_col, "endLine": context_end_line,
            "endColumn": context_end_col, "charOffset": lo, "charLength": hi - lo,
            "snippet": {"text": doc.text[lo:hi]},
        },
    }
