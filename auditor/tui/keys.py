"""Every key of the terminal UI in one table: the app's bindings, the help screen, the command palette
and docs/tui.md are all made from (or checked against) it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One key binding: `keys` as Textual names them, `shown` as people read them."""

    keys: str
    shown: str
    action: str
    short: str
    description: str
    footer: bool = False
    priority: bool = False


KEYS: tuple[Key, ...] = (
    Key("n", "n", "next_finding", "Next", "Next finding", footer=True),
    Key("N,shift+n", "N", "previous_finding", "Previous", "Previous finding"),
    Key("tab", "tab", "next_span", "Span", "Next span of the finding", footer=True, priority=True),
    Key("shift+tab", "shift+tab", "previous_span", "Span back", "Previous span of the finding",
        priority=True),
    Key("c", "c", "confirm", "Confirm", "Confirm the finding", footer=True),
    Key("x", "x", "dismiss", "Dismiss", "Dismiss the finding (asks for a reason)", footer=True),
    Key("u", "u", "clear_verdict", "Clear", "Clear the verdict"),
    Key("s", "s", "cycle_severity", "Severity", "Filter by severity (cycles)", footer=True),
    Key("v", "v", "cycle_verdict", "Verdict", "Filter by verdict (cycles)", footer=True),
    Key("f", "f", "filter_rule", "Rule", "Filter by rule", footer=True),
    Key("a", "a", "clear_filters", "All", "Show all findings (clear the filters)"),
    Key("slash", "/", "search", "Search",
        "Filter the findings (in the table) or search the document (in its view)", footer=True),
    Key("e", "e", "edit", "Edit",
        "Edit the document in $VISUAL or $EDITOR at the claim's line, then re-check it", footer=True),
    Key("w", "w", "export", "Export", "Export the findings shown as JSON or Markdown"),
    Key("r", "r", "rerun", "Re-run", "Re-run the audit", footer=True),
    Key("l", "l", "focus_pane('files')", "Files", "Focus the document list"),
    Key("t", "t", "focus_pane('findings')", "Table", "Focus the findings table"),
    Key("d", "d", "focus_pane('document')", "Document", "Focus the document view"),
    Key("f1,question_mark", "f1 ?", "help", "Help", "Help: the keys", footer=True),
    Key("q", "q", "quit", "Quit", "Quit", footer=True),
)

# Keys handled by the widgets themselves, listed in the help screen and docs.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ j k", "Move in the table or list; scroll the document view"),
    ("pgup pgdn space", "Page through the table or the document view"),
    ("home end", "First or last row / top or bottom of the document"),
    ("enter", "In the document list: show that document; in search: next match; in the filter: keep it"),
    ("escape", "Close the search or a dialog; clear the findings filter"),
    ("ctrl+p", "Command palette: every action, and a filter per rule"),
)


def bindings() -> list[Binding]:
    """The app's bindings, made from KEYS."""
    return [Binding(k.keys, k.action, k.short, show=k.footer, priority=k.priority, tooltip=k.description)
            for k in KEYS]
