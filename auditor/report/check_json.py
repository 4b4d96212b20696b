"""`auditor check --format json`: the object docs/contract.md fixes, written one document at a
time."""

from __future__ import annotations

import json
from typing import TextIO

from ..document import display_path
from ..engine import DocumentResult
from ..formats.origin import source_keys
from ..safe_text import json_safe
from . import RunSummary


def document_json(result: DocumentResult) -> dict:
    """A checked document as an object of the report's "documents" array (docs/contract.md)."""
    doc = result.document
    item = {"path": display_path(doc.path)}
    if doc.origin is not None:
        item["format"] = doc.format
    item["findings"] = [f.to_json(doc.line_col) for f in result.findings]
    from ..dating import UNKNOWN

    # the engine works the date out for every document a JSON report shows (Engine.dated_results): a
    # result without one was made some other way, and says so
    item["date"] = (result.date or UNKNOWN).to_json()
    for finding in item["findings"]:
        for span in finding["spans"]:
            span.update(source_keys(doc, span["start"], span["end"]))
    if result.skipped:
        item["skipped"] = [s.to_json(doc.line_col) for s in result.skipped]
    return item


class JsonReporter:
    """{"documents": [{"path", "findings": [...]}, ...]} plus "errors" and "summary" keys."""

    shows_dates = True  # each document's date (the engine works it out for every document)

    def __init__(self, out: TextIO):
        self.out = out
        self.first = True

    def begin(self, ruleset) -> None:
        self.out.write('{\n  "documents": [')

    def document(self, result: DocumentResult) -> None:
        text = json_safe(json.dumps(document_json(result), ensure_ascii=False, indent=2)).replace("\n", "\n    ")
        self.out.write(("\n    " if self.first else ",\n    ") + text)
        self.first = False

    def end(self, summary: RunSummary) -> None:
        self.out.write("\n  ]" if not self.first else "]")
        errors = [{"path": display_path(e.path), "message": e.message} for e in summary.input_errors]
        errors += [{"path": display_path(e.path), "line": e.line, "column": e.column, "message": e.message}
                   for e in summary.rule_errors]
        errors += [{"message": m} for m in summary.runtime_errors]
        if errors:
            self.out.write(',\n  "errors": ' + json_safe(json.dumps(errors, ensure_ascii=False)))
        counts = dict(summary.counts, documents=summary.documents, suppressed=summary.suppressed)
        self.out.write(',\n  "summary": ' + json.dumps(counts) + "\n}\n")
