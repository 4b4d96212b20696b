"""The findings table: one row per finding (verdict mark, severity, where, rule, message).

The columns fit the table's width: the mark and severity keep theirs, "where" (`file:line`) and the rule
get what they need up to a share of the rest, the message takes what is left and is cut with "…". Cells
are renderables that cut themselves to their column, so a resize only sets the widths again.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from .model import Row
from .safe import one_line, printable

VERDICT_MARKS = {"confirmed": "✓", "dismissed": "✗", "baseline": "≡"}
SEVERITY_LABELS = {"error": "error", "warning": "warn", "info": "info"}
COLUMNS = (("", "verdict"), ("sev", "severity"), ("where", "where"), ("rule", "rule"), ("message", "message"))
MARK_WIDTH, SEVERITY_WIDTH = 1, 5
MIN_WHERE, MIN_RULE, MIN_MESSAGE = 10, 8, 10


def column_widths(width: int, where_needed: int, rule_needed: int) -> dict[str, int]:
    """The width of each column's text when the cells' text may take `width` cells in all: "where" up
    to 2/7 of what the mark and severity leave, the rule up to a sixth, the message the rest."""
    rest = width - MARK_WIDTH - SEVERITY_WIDTH
    where = max(MIN_WHERE, min(where_needed, rest * 2 // 7))
    rule = max(MIN_RULE, min(rule_needed, rest // 6))
    return {"verdict": MARK_WIDTH, "severity": SEVERITY_WIDTH, "where": where, "rule": rule,
            "message": max(MIN_MESSAGE, rest - where - rule)}


def squeeze(text: str, width: int) -> str:
    """`text` cut to `width` cells by an ellipsis in the middle, keeping both ends."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:max(width, 0)]
    head = width // 2
    tail = width - 1 - head
    return text[:head] + "…" + (text[-tail:] if tail else "")


class Where:
    """A `file:line` cell that keeps the line and both ends of the file name when its column is narrow
    (without its .txt or .md first: "000_cc9…e9dec7:41"): the ends tell documents apart, the line tells
    findings apart."""

    def __init__(self, path: str, line: int):
        self.name = printable(os.path.basename(path) or path)
        self.line = line

    @property
    def plain(self) -> str:
        """The cell's whole text."""
        return f"{self.name}:{self.line}"

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, Text(self.plain))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        tail = f":{self.line}"
        room = options.max_width - len(tail)
        name = self.name if cell_len(self.name) <= room else os.path.splitext(self.name)[0] or self.name
        shown = squeeze(name, room) + tail
        yield Text(shown, no_wrap=True, overflow="crop")


class FindingsTable(DataTable):
    """A DataTable of findings whose rows are keyed by `Row.key`; `rows` holds what is shown, in order."""

    DEFAULT_CSS = """
    FindingsTable {
        scrollbar-size-vertical: 1;
    }
    """
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.rows_shown: list[Row] = []
        self.index_of: dict[str, int] = {}
        self._styles: dict[str, str] = {}
        self._needed = {"where": MIN_WHERE, "rule": MIN_RULE}
        self._widths: dict[str, int] = {}

    def on_mount(self) -> None:
        """Fixed column widths (set again on resize): nothing is measured, so thousands of rows go in at
        once."""
        for label, key in COLUMNS:
            self.add_column(label, key=key, width=MIN_MESSAGE)
        self.fit_columns()

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        self.fit_columns()

    def fit_columns(self) -> None:
        """Set the column widths so that every column fits the width: no horizontal scrollbar."""
        # the vertical scrollbar is counted whether it shows or not, so its coming does not overflow
        scrollbar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical
        width = self.size.width - scrollbar
        text_width = width - 2 * self.cell_padding * len(COLUMNS)
        widths = column_widths(text_width, self._needed["where"], self._needed["rule"])
        if widths == self._widths or not self.columns:
            return
        self._widths = widths
        for key, column in self.columns.items():
            column.width = widths[key.value]
        # DataTable has no public call to change a column's width: drop what was rendered at the old one
        self._clear_caches()
        self._require_update_dimensions = True
        self.refresh()

    def _style(self, name: str) -> str:
        """A theme colour for Rich cells ("error" → the theme's error colour)."""
        if name not in self._styles:
            self._styles[name] = self.app.theme_variables.get(name, "")
        return self._styles[name]

    def cells(self, row: Row, document: str, line: int, verdict: str | None) -> list:
        """The cells of one row (text from the document and rules is never parsed as markup)."""
        f = row.finding
        severity_colour = {"error": "text-error", "warning": "text-warning", "info": "text-primary"}.get(
            f.severity, "")
        mark = VERDICT_MARKS.get(verdict or "", " ")
        mark_style = "text-success" if verdict == "confirmed" else "text-muted"
        dim = verdict in ("dismissed", "baseline")
        message_style = self._style("text-muted") if dim else ""
        return [
            Text(mark, style=self._style(mark_style)),
            Text(printable(SEVERITY_LABELS.get(f.severity, f.severity)), no_wrap=True, overflow="ellipsis",
                 style=f"bold {self._style(severity_colour)}"),
            Where(document, line),
            Text(printable(f.rule), no_wrap=True, overflow="ellipsis"),
            Text(one_line(f.message), style=message_style, no_wrap=True, overflow="ellipsis"),
        ]

    def _measure(self, rows_cells: list[list]) -> None:
        """Remember the widest "where" and rule seen, and fit the columns when they grew."""
        where = max((cell_len(c[2].plain) for c in rows_cells), default=0)
        rule = max((cell_len(c[3].plain) for c in rows_cells), default=0)
        if where > self._needed["where"] or rule > self._needed["rule"]:
            self._needed = {"where": max(where, self._needed["where"]),
                            "rule": max(rule, self._needed["rule"])}
            self.fit_columns()

    def fill(self, rows: list[Row], cells: Callable[[Row], list]) -> None:
        """Show exactly `rows` (the cursor goes back to the top; see `select_key`)."""
        self.clear()
        self.rows_shown = []
        self.index_of = {}
        self.append(rows, cells)

    def append(self, rows: list[Row], cells: Callable[[Row], list]) -> None:
        """Add `rows` at the bottom."""
        made = []
        for row in rows:
            self.index_of[row.key] = len(self.rows_shown)
            self.rows_shown.append(row)
            row_cells = cells(row)
            made.append(row_cells)
            self.add_row(*row_cells, key=row.key)
        self._measure(made)

    def update_row(self, row: Row, cells: list) -> None:
        """Redraw one row's cells (after a verdict)."""
        if row.key not in self.index_of:
            return
        for (_, column), value in zip(COLUMNS, cells):
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
