"""The detail panel: everything about the selected finding."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..document import Document
from ..findings import Finding
from ..formats.origin import where
from ..review import Verdict
from ..rules.schema import Rule
from .document_view import role_kinds
from .safe import one_line, plain, printable


def finding_details(finding: Finding, document: Document, path: str, rule: Rule | None,
                    verdict: Verdict | None, current: int | None,
                    role_style: Callable[[str], Style]) -> Table:
    """The selected finding as a two-column grid: message, derivation, spans (in their highlight
    styles, the one in focus marked ▸), the rule's description, the reference figure's source, verdict."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="bold", no_wrap=True, width=10)
    grid.add_column(ratio=1)
    place = printable(where(document, finding.spans[0].start if finding.spans else 0, path))
    severity, rule_id = printable(finding.severity.upper()), printable(finding.rule)
    head = Text.assemble((severity, "bold"), "  ", (rule_id, "bold"), "  ", (place, "dim"))
    grid.add_row("Finding", head)
    grid.add_row("", plain(finding.message))
    if verdict is not None:
        text = plain(verdict.verdict, style="bold")
        if verdict.reason:
            text.append(printable(f": {verdict.reason}"))
        grid.add_row("Verdict", text)
    else:
        grid.add_row("Verdict", Text("unreviewed (c confirm, x dismiss)", style="dim"))
    if finding.derivation:
        grid.add_row("Derivation", plain(finding.derivation))
    spans = Text()
    for i, (span, kind) in enumerate(zip(finding.spans, role_kinds(finding.spans))):
        if i:
            spans.append("\n")
        span_line, _ = document.line_col(span.start)
        spans.append("▸ " if i == current else "  ")
        spans.append(printable(f"{span.role:<9}"), style="bold")
        spans.append(f" line {span_line:<5} ")
        spans.append(one_line(span.text), style=role_style(kind))
        if document.origin is not None:  # the document shown is extracted text: say where it is in the file
            spans.append(printable(f"  (source {document.origin.label(span.start)})"), style="dim")
    grid.add_row("Spans", spans)
    if rule is not None:
        about = plain(rule.title, style="italic")
        if rule.description:
            about.append("\n" + one_line(rule.description))
        grid.add_row("Rule", about)
    if finding.reference:
        grid.add_row("Reference", plain(finding.reference))
    return grid


class DetailPanel(VerticalScroll):
    """Scrollable details of the selected finding, or a message when there is none."""

    def compose(self):
        """One Static, replaced on every selection."""
        yield Static(id="detail-body")

    shown = None  # what the panel shows now (a Rich renderable)

    def show(self, renderable) -> None:
        """Show a renderable (see `finding_details`) or a plain message (never parsed as markup)."""
        self.shown = plain(renderable) if isinstance(renderable, str) else renderable
        self.query_one("#detail-body", Static).update(self.shown)
        self.scroll_home(animate=False)

    def plain_text(self, width: int = 100) -> str:
        """What the panel shows, as plain text `width` cells wide (for tests and debugging)."""
        console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
        console.print(self.shown if self.shown is not None else "")
        return console.export_text()

    def show_lines(self, *lines: str) -> None:
        """Show plain lines (no finding selected, a document's error...)."""
        self.show(Group(*(plain(line) for line in lines)))
