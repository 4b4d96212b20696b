"""The findings table: one row per finding (verdict mark, severity, rule, message, document, line)."""

from __future__ import annotations

import os
from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from .model import Row

VERDICT_MARKS = {"confirmed": "✓", "dismissed": "✗", "baseline": "≡"}
SEVERITY_LABELS = {"error": "error", "warning": "warn", "info": "info"}
COLUMNS = (("", "verdict", 1), ("sev", "severity", 5), ("rule", "rule", 22), ("message", "message", 44),
           ("document", "document", 18), ("line", "line", 5))


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class FindingsTable(DataTable):
    """A DataTable of findings whose rows are keyed by `Row.key`; `rows` holds what is shown, in order."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.rows_shown: list[Row] = []
        self.index_of: dict[str, int] = {}
        self._styles: dict[str, str] = {}

    def on_mount(self) -> None:
        """Fixed column widths: nothing needs measuring, so thousands of rows go in at once."""
        for label, key, width in COLUMNS:
            self.add_column(label, key=key, width=width)

    def _style(self, name: str) -> str:
        """A theme colour for Rich cells ("error" → the theme's error colour)."""
        if name not in self._styles:
            self._styles[name] = self.app.theme_variables.get(name, "")
        return self._styles[name]

    def cells(self, row: Row, document: str, line: int, verdict: str | None) -> list:
        """The cells of one row."""
        f = row.finding
        severity_colour = {"error": "text-error", "warning": "text-warning", "info": "text-primary"}.get(
            f.severity, "")
        mark = VERDICT_MARKS.get(verdict or "", " ")
        mark_style = "text-success" if verdict == "confirmed" else "text-muted"
        dim = verdict in ("dismissed", "baseline")
        message_style = self._style("text-muted") if dim else ""
        return [
            Text(mark, style=self._style(mark_style)),
            Text(SEVERITY_LABELS.get(f.severity, f.severity), style=f"bold {self._style(severity_colour)}"),
            shorten(f.rule, 22),
            Text(shorten(f.message, 44), style=message_style),
            shorten(os.path.basename(document), 18),
            Text(str(line), justify="right"),
        ]

    def fill(self, rows: list[Row], cells: Callable[[Row], list]) -> None:
        """Show exactly `rows` (the cursor goes back to the top; see `select_key`)."""
        self.clear()
        self.rows_shown = []
        self.index_of = {}
        self.append(rows, cells)

    def append(self, rows: list[Row], cells: Callable[[Row], list]) -> None:
        """Add `rows` at the bottom."""
        for row in rows:
            self.index_of[row.key] = len(self.rows_shown)
            self.rows_shown.append(row)
            self.add_row(*cells(row), key=row.key)

    def update_row(self, row: Row, cells: list) -> None:
        """Redraw one row's cells (after a verdict)."""
        if row.key not in self.index_of:
            return
        for (_, column, _), value in zip(COLUMNS, cells):
            self.update_cell(row.key, column, value)

    def select_key(self, key: str | None, fallback: int = 0) -> Row | None:
        """Move the cursor to the row with `key`, else to row `fallback` (clamped); returns that row."""
        if not self.rows_shown:
            return None
        index = self.index_of.get(key, fallback) if key is not None else fallback
        index = max(0, min(index, len(self.rows_shown) - 1))
        self.move_cursor(row=index, animate=False)
        return self.rows_shown[index]

    @property
    def current_row(self) -> Row | None:
        """The row under the cursor."""
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def notify_style_update(self) -> None:
        """The theme changed: look the colours up again next time."""
        super().notify_style_update()
        self._styles.clear()
