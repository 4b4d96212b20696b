"""`auditor check --format json`: the object CONTRACT.md fixes."""

from __future__ import annotations

import json

from ..document import display_path
from ..engine import DocumentResult


def check_json(results: list[DocumentResult], errors: list[str]) -> str:
    """All documents' findings as one JSON object (errors, if any, under an extra key)."""
    documents = [
        {"path": display_path(r.document.path), "findings": [f.to_json(r.document.line_col) for f in r.findings]}
        for r in results
    ]
    out: dict = {"documents": documents}
    if errors:
        out["errors"] = [{"message": e} for e in errors]
    return json.dumps(out, ensure_ascii=False, indent=2)
