"""Output of `auditor extract`: the contract's JSON, or a readable table."""

from __future__ import annotations

import json
from typing import TextIO

from ..document import Document, display_path
from ..extract import Extraction
from ..formats.origin import position, source_keys


def extraction_json(results: list[tuple[Document, Extraction]], errors: list[str]) -> str:
    """The JSON object CONTRACT.md fixes for `auditor extract --format json`."""
    documents = []
    for doc, ex in results:
        quantities = []
        for q in ex.quantities:
            item = q.to_json()
            item["line"], item["column"] = doc.line_col(q.start)
            item.update(source_keys(doc, q.start, q.end))
            quantities.append(item)
        entry = {"path": display_path(doc.path)}
        if doc.origin is not None:
            entry["format"] = doc.format
        entry["quantities"] = quantities
        entry["ignored"] = [dict(i.to_json(), **source_keys(doc, i.start, i.end)) for i in ex.ignored]
        documents.append(entry)
    out = {"documents": documents}
    if errors:
        out["errors"] = [{"message": e} for e in errors]
    return json.dumps(out, ensure_ascii=False, indent=2)


def _fmt(x) -> str:
    if x is None:
        return "-"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}"


def write_extraction_text(results: list[tuple[Document, Extraction]], out: TextIO) -> None:
    """One table per document: where, the span, value, bounds, qualifier, unit and what it counts."""
    for doc, ex in results:
        out.write(f"{display_path(doc.path)}: {len(ex.quantities)} quantities, {len(ex.ignored)} ignored\n")
        rows = []
        for q in ex.quantities:
            bounds = f"[{_fmt(q.low)}, {_fmt(q.high)}]"
            rows.append((position(doc, q.start), q.text.replace("\n", " "), _fmt(q.value), bounds, q.qualifier,
                         q.unit or "-", q.counted or "-"))
        if rows:
            header = ("where", "text", "value", "bounds", "qualifier", "unit", "counted")
            widths = [min(40, max(len(r[i]) for r in rows + [header])) for i in range(len(header))]
            out.write("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip() + "\n")
            for r in rows:
                cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r, widths)]
                out.write("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n")
        for i in ex.ignored:
            out.write(f"  ignored {position(doc, i.start)} {i.text!r} ({i.reason})\n")
        out.write("\n")

