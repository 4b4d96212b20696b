"""Output of `auditor extract`: the contract's JSON, or a readable table."""

from __future__ import annotations

import json
from typing import TextIO

from ..amounts import format_amount
from ..document import Document, display_path
from ..extract import Extraction
from ..formats.origin import position, source_keys
from ..resilient import Skipped
from ..safe_text import escape_controls, json_safe


def extraction_json(results: list[tuple[Document, Extraction, list[Skipped]]], errors: list[str]) -> str:
    """The JSON object docs/contract.md fixes for `auditor extract --format json`, with a "skipped" list in a
    document part of which could not be extracted."""
    documents = []
    for doc, ex, skipped in results:
        shown, skipped = _reportable(ex, skipped)
        quantities = []
        for q in shown:
            item = q.to_json()
            item["line"], item["column"] = doc.line_col(q.start)
            item.update(source_keys(doc, q.start, q.end))
            quantities.append(item)
        entry = {"path": display_path(doc.path)}
        if doc.origin is not None:
            entry["format"] = doc.format
        entry["quantities"] = quantities
        entry["ignored"] = [dict(i.to_json(), **source_keys(doc, i.start, i.end)) for i in ex.ignored]
        if skipped:
            entry["skipped"] = [s.to_json(doc.line_col) for s in skipped]
        documents.append(entry)
    out = {"documents": documents}
    if errors:
        out["errors"] = [{"message": e} for e in errors]
    return json_safe(json.dumps(out, ensure_ascii=False, indent=2))


def _reportable(ex: Extraction, skipped: list[Skipped]) -> tuple[list, list[Skipped]]:
    """The quantities whose numbers a report can show, and the others added to `skipped` with the reason
    (an integer beyond any float, which neither JSON nor a table can print honestly as a number)."""
    shown, unshown = [], []
    for q in ex.quantities:
        try:
            for number in (q.value, q.low, q.high, q.precision, *(q.terms or ())):
                if number is not None:
                    float(number)
            shown.append(q)
        except (OverflowError, ValueError, TypeError) as exc:
            unshown.append(Skipped(q.start, q.end, f"quantity not reported: its value cannot be shown ({exc})"))
    return shown, sorted(skipped + unshown, key=lambda s: s.start) if unshown else skipped


def _bounds(q) -> str:
    low = format_amount(q.low, q.unit) if q.low is not None else "-"
    high = format_amount(q.high, q.unit) if q.high is not None else "-"
    return f"[{low}, {high}]"


def write_extraction_text(results: list[tuple[Document, Extraction, list[Skipped]]], out: TextIO) -> None:
    """One table per document: where, the span, its amount (value and unit, written as messages write
    them), bounds, qualifier and what it counts; then what was set aside, and what could not be extracted."""
    for doc, ex, skipped in results:
        shown, skipped = _reportable(ex, skipped)
        out.write(f"{display_path(doc.path)}: {len(shown)} quantities, {len(ex.ignored)} ignored\n")
        rows = []
        for q in shown:
            amount = format_amount(q.value, q.unit) if q.value is not None else "-"
            rows.append((position(doc, q.start), escape_controls(q.text.replace("\n", " ")), amount, _bounds(q),
                         q.qualifier, escape_controls(q.counted or "-")))
        if rows:
            header = ("where", "text", "amount", "bounds", "qualifier", "counted")
            widths = [min(40, max(len(r[i]) for r in rows + [header])) for i in range(len(header))]
            out.write("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip() + "\n")
            for r in rows:
                cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r, widths)]
                out.write("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n")
        for i in ex.ignored:
            out.write(f"  ignored {position(doc, i.start)} {escape_controls(repr(i.text))} ({i.reason})\n")
        for region in skipped:
            out.write(f"  skipped {position(doc, region.start)} {escape_controls(region.reason)}\n")
        out.write("\n")

