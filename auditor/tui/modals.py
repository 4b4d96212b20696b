"""Small dialogs: the reason for a dismissal, the rule filter, the export, and the help screen."""

from __future__ import annotations

import os
from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from .keys import KEYS, OTHER_KEYS
from ..document import display_path
from .safe import one_line, plain

ALL_RULES = ""  # what RuleFilterScreen returns for "every rule"


class ReasonScreen(ModalScreen[str | None]):
    """Asks why a finding is dismissed; returns the reason ("" for none) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: str, message: str):
        super().__init__()
        self.claim = claim
        self.message = message

    def compose(self) -> ComposeResult:
        """The claim and message, a one-line input, the keys."""
        with Vertical(id="reason-dialog", classes="dialog") as box:
            box.border_title = "Dismiss finding"
            what = Text.assemble(("“", "dim"), one_line(self.claim), ("”  ", "dim"),
                                 one_line(self.message))
            yield Label(what, id="reason-what")
            yield Input(placeholder="reason (optional)", id="reason-input")
            yield Label("enter: dismiss   escape: cancel", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: dismiss with the reason typed."""
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Escape: leave the finding as it was."""
        self.dismiss(None)


class RuleFilterScreen(ModalScreen[str | None]):
    """Picks the rule to filter by: returns a rule id, ALL_RULES, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, counts: dict[str, int], current: str | None):
        super().__init__()
        self.counts = counts
        self.current = current

    def compose(self) -> ComposeResult:
        """Every rule with its number of findings, after "All rules"."""
        options = [Option(Text.assemble(f"{sum(self.counts.values()):>5}  ", ("All rules", "bold")), id="*")]
        for rule_id, n in sorted(self.counts.items()):
            options.append(Option(Text.assemble((f"{n:>5}  ", "" if n else "dim"), rule_id), id=rule_id))
        with Vertical(id="rule-dialog", classes="dialog") as box:
            box.border_title = "Filter by rule"
            yield OptionList(*options, id="rule-options")
            yield Label("enter: filter   escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Start on the rule filtered by now."""
        options = self.query_one(OptionList)
        if self.current:
            try:
                options.highlighted = options.get_option_index(self.current)
            except KeyError:
                pass
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or click: filter by this rule."""
        event.stop()
        self.dismiss(ALL_RULES if event.option.id == "*" else event.option.id)

    def action_cancel(self) -> None:
        """Escape: keep the filter as it was."""
        self.dismiss(None)


class ExportScreen(ModalScreen[str | None]):
    """Asks where to export the findings shown: `check(path)` says why a path cannot be used (or None),
    `write(path)` writes them and returns a problem (or None). An existing file is replaced only after a
    second enter. Returns the path written, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: str, count: int, check: Callable[[str], str | None],
                 write: Callable[[str], str | None]):
        super().__init__()
        self.suggested = suggested
        self.count = count
        self.check = check
        self.write = write
        self.problem = ""
        self._replacing: str | None = None

    def compose(self) -> ComposeResult:
        """What is exported, the path, the problem (if any), the keys."""
        with Vertical(id="export-dialog", classes="dialog") as box:
            box.border_title = "Export the findings shown"
            yield Label(f"{self.count} finding(s), as the table shows them (its filters apply).")
            yield Input(value=self.suggested, placeholder="report.md or report.json", id="export-path")
            yield Label("", id="export-problem")
            yield Label("a name ending .md: Markdown, .json: JSON   enter: export   escape: cancel",
                        classes="dialog-hint")

    def _say(self, problem: str) -> None:
        self.problem = problem
        self.query_one("#export-problem", Label).update(plain(problem, style="bold"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: export (an existing file only on the second enter)."""
        event.stop()
        path = os.path.expanduser(event.value.strip())
        if not path:
            return
        problem = self.check(path)
        if problem:
            self._say(problem)
            return
        if os.path.isfile(path) and self._replacing != path:
            self._replacing = path
            self._say(f"{display_path(path)} exists: enter again to replace it")
            return
        problem = self.write(path)
        if problem:
            self._replacing = None
            self._say(problem)
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        """Escape: export nothing."""
        self.dismiss(None)


def help_table() -> Table:
    """Every key and what it does, as a two-column table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key in KEYS:
        table.add_row(key.shown, key.description)
    for shown, description in OTHER_KEYS:
        table.add_row(shown, description)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys, with what each does."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        """The keys table and a note on the review file."""
        with VerticalScroll(id="help-dialog", classes="dialog") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape: close"
            yield Static(help_table(), id="help-keys")
            yield Static(
                "Verdicts are saved at once in the review file (--review, default .auditor-review.json); "
                "auditor check --baseline suppresses the dismissed ones.", id="help-note")

    def action_close(self) -> None:
        """Back to the findings."""
        self.dismiss(None)
