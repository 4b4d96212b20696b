"""Exporting the findings the table shows: JSON (the shape of `auditor check --format json`, with each
finding's verdict added) or Markdown (a fact-check report to read or paste)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import __version__
from ..atomic import atomic_writer
from ..document import Document, display_path
from ..findings import Finding
from ..review import Verdict
from .safe import one_line

FORMATS = {".json": "JSON", ".md": "Markdown", ".markdown": "Markdown"}


@dataclass
class Exported:
    """One document's findings as exported, each with its verdict (None: unreviewed)."""

    path: str
    document: Document
    findings: list[tuple[Finding, Verdict | None]]


def export_problem(path: str, protected: Iterable[str]) -> str | None:
    """Why `path` cannot be exported to (None when it can): an unknown suffix, a folder, or one of the
    `protected` files (the documents and the review file), which an export must never replace."""
    target = os.path.realpath(path)
    if any(os.path.realpath(p) == target for p in protected):
        return f"refused: {display_path(path)} is a document or the review file"
    if os.path.splitext(path)[1].lower() not in FORMATS:
        return "the file name must end in .json (JSON) or .md (Markdown)"
    if os.path.isdir(path):
        return f"{display_path(path)} is a directory"
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        return f"directory {display_path(folder)} does not exist"
    return None


def write_export(path: str, documents: list[Exported], scope: str) -> int:
    """Write `documents` to `path` (atomically) in the format its suffix names; returns the findings
    written. Raises OSError when the file cannot be written."""
    markdown = FORMATS[os.path.splitext(path)[1].lower()] == "Markdown"
    with atomic_writer(path) as out:
        out.write(to_markdown(documents, scope) if markdown else to_json(documents, scope))
    return sum(len(d.findings) for d in documents)


def to_json(documents: list[Exported], scope: str) -> str:
    """{"documents": [{"path", "findings": [...]}], "filter", "summary"}: each finding as `check` writes
    it, plus "verdict" and "reason" when it has one."""
    items = []
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in documents:
        findings = []
        for finding, verdict in d.findings:
            item = finding.to_json(d.document.line_col)
            if verdict is not None:
                item["verdict"] = verdict.verdict
                item["reason"] = verdict.reason
            findings.append(item)
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        items.append({"path": display_path(d.path), "findings": findings})
    summary = dict(counts, findings=sum(counts.values()), documents=len(documents))
    return json.dumps({"documents": items, "filter": scope, "summary": summary, "auditor": __version__},
                      ensure_ascii=False, indent=2) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")


def md(text: str) -> str:
    """`text` from a document or rule, on one line, safe in Markdown: controls escaped, and every
    character Markdown or HTML would act on backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def to_markdown(documents: list[Exported], scope: str) -> str:
    """A fact-check report: per document, each finding with its claim, the other spans, the derivation,
    the reference and the verdict."""
    total = sum(len(d.findings) for d in documents)
    lines = ["# Fact-check report", "",
             f"{total} finding{'s' if total != 1 else ''} in {len(documents)} "
             f"document{'s' if len(documents) != 1 else ''}" + (f" (filter: {md(scope)})" if scope else "")
             + f", from auditor {__version__}.", ""]
    for d in documents:
        lines += [f"## {md(display_path(d.path))}", ""]
        for number, (f, verdict) in enumerate(d.findings, 1):
            line = d.document.line_col(f.spans[0].start)[0] if f.spans else 1
            lines += [f"### {number}. {f.severity.upper()} · {md(f.rule)} · line {line}", "",
                      md(f.message), ""]
            for span in f.spans:
                span_line = d.document.line_col(span.start)[0]
                lines.append(f"- **{md(span.role)}**, line {span_line}: “{md(span.text)}”")
            if f.derivation:
                lines.append(f"- **derivation**: {md(f.derivation)}")
            if f.reference:
                lines.append(f"- **reference**: {md(f.reference)}")
            if verdict is None:
                lines.append("- **verdict**: unreviewed")
            else:
                reason = f": {md(verdict.reason)}" if verdict.reason else ""
                lines.append(f"- **verdict**: {md(verdict.verdict)}{reason}")
            lines.append("")
    return "\n".join(lines)
