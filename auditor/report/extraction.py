"""Output of `auditor extract`: the contract's JSON, or a readable table."""

from __future__ import annotations

import json
from typing import TextIO

from ..amounts import format_amount
from ..document import Document, display_path
from ..extract import Extraction


def extraction_json(results: list[tuple[Document, Extraction]], errors: list[str]) -> str:
    """The JSON object CONTRACT.md fixes for `auditor extract --format json`."""
    documents = []
    for doc, ex in results:
        quantities = []
        for q in ex.quantities:
            item = q.to_json()
            item["line"], item["column"] = doc.line_col(q.start)
            quantities.append(item)
        documents.append({
            "path": display_path(doc.path),
            "quantities": quantities,
            "ignored": [i.to_json() for i in ex.ignored],
        })
    out = {"documents": documents}
    if errors:
        out["errors"] = [{"message": e} for e in errors]
    return json.dumps(out, ensure_ascii=False, indent=2)


def _bounds(q) -> str:
    low = format_amount(q.low, q.unit) if q.low is not None else "-"
    high = format_amount(q.high, q.unit) if q.high is not None else "-"
    return f"[{low}, {high}]"


def write_extraction_text(results: list[tuple[Document, Extraction]], out: TextIO) -> None:
    """One table per document: where, the span, its amount (value and unit, written as messages write
    them), bounds, qualifier and what it counts."""
    for doc, ex in results:
        out.write(f"{display_path(doc.path)}: {len(ex.quantities)} quantities, {len(ex.ignored)} ignored\n")
        rows = []
        for q in ex.quantities:
            line, col = doc.line_col(q.start)
            amount = format_amount(q.value, q.unit) if q.value is not None else "-"
            rows.append((f"{line}:{col}", q.text.replace("\n", " "), amount, _bounds(q), q.qualifier,
                         q.counted or "-"))
        if rows:
            header = ("where", "text", "amount", "bounds", "qualifier", "counted")
            widths = [min(40, max(len(r[i]) for r in rows + [header])) for i in range(len(header))]
            out.write("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip() + "\n")
            for r in rows:
                cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r, widths)]
                out.write("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n")
        for i in ex.ignored:
            line, col = doc.line_col(i.start)
            out.write(f"  ignored {line}:{col} {i.text!r} ({i.reason})\n")
        out.write("\n")
