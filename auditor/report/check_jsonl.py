"""`auditor check --format jsonl`: one JSON object per line and per document, written as each document is
done, so an archive's results stream out and an interrupted run leaves whole lines.

A checked document's line is its object of the JSON report's "documents" array (docs/contract.md):
`{"path": ..., "findings": [...], "date": {...}}`. A document that could not be read or checked gets
`{"path": ..., "error": "one-line message"}` at the end of the run. Rule-file problems go to standard
error and the exit code only.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..document import display_path
from ..engine import DocumentResult
from ..safe_text import json_safe
from . import RunSummary
from .check_json import document_json


class JsonLinesReporter:
    """One line per document; nothing is held between documents."""

    shows_dates = True  # each document's date (the engine works it out for every document)

    def __init__(self, out: TextIO):
        self.out = out

    def begin(self, ruleset) -> None:
        pass

    def document(self, result: DocumentResult) -> None:
        self.out.write(json_safe(json.dumps(document_json(result), ensure_ascii=False)) + "\n")
        self.out.flush()

    def end(self, summary: RunSummary) -> None:
        for error in summary.input_errors:
            self.out.write(json_safe(json.dumps({"path": display_path(error.path), "error": error.message},
                                                ensure_ascii=False)) + "\n")
        self.out.flush()
