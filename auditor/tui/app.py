"""The fact-checker's terminal UI: `auditor tui PATH...`.

Layout: the document list and the findings table on the left, the document view on the right, the
detail panel underneath. The audit runs in a worker thread: documents appear as soon as they are read,
findings as each document is checked. Verdicts go to the review file at once (see `review_store`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from ..document import display_path
from ..engine import DocumentResult, Engine
from ..inputs import InputOptions
from .detail import DetailPanel, finding_details
from .document_view import DocumentView
from .file_list import ALL_ID, FileList
from .findings_table import FindingsTable
from .keys import KEYS, bindings
from .modals import ALL_RULES, HelpScreen, ReasonScreen, RuleFilterScreen
from .model import (SEVERITY_FILTERS, VERDICT_FILTERS, Audit, DocEntry, Filters, Row, check_documents, cycle,
                    filter_rows, load_engine, read_inputs, watched_files)
from .review_store import ReviewStore

WATCH_INTERVAL = 1.0  # seconds between two looks at the files' modification times


class AuditorApp(App[int]):
    """Walk the findings of an audit, see their spans in the text, and record verdicts."""

    CSS_PATH = str(Path(__file__).with_name("auditor.tcss"))
    TITLE = "auditor"
    BINDINGS = bindings()

    def __init__(self, paths: list[str], rule_paths: list[str], review_path: str = ".auditor-review.json",
                 watch: bool = False, inputs: InputOptions = InputOptions()):
        super().__init__()
        self.paths = list(paths)
        self.inputs = inputs
        self.rule_paths = list(rule_paths)
        self.store = ReviewStore(review_path)
        self.watching = watch
        self.audit = Audit()
        self.filters = Filters()
        self.selected: Row | None = None
        self.span_index = 0
        self.shown_doc: int | None = None
        self.audit_runs = 0  # completed audits (tests wait on it)
        self._run_id = 0
        self._auditing = False
        self._rerun_pending = False
        self._checked: set[int] = set()
        self._stamps: dict | None = None
        self._rule_errors_shown: tuple[str, ...] = ()
        self._widgets: dict[type, object] = {}

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Documents and findings on the left, the text on the right, the detail underneath."""
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield FileList(id="files")
                yield FindingsTable(id="findings")
            with Vertical(id="right"):
                yield DocumentView(id="document")
                yield Input(placeholder="search  (enter: next match, escape: close)", id="search")
        yield DetailPanel(id="detail")
        yield Footer()

    @property
    def auditing(self) -> bool:
        """Whether an audit is running (or queued)."""
        return self._auditing or self._rerun_pending

    @property
    def table(self) -> FindingsTable:
        """The findings table."""
        return self._widget(FindingsTable)

    @property
    def view(self) -> DocumentView:
        """The document view."""
        return self._widget(DocumentView)

    @property
    def files(self) -> FileList:
        """The document list."""
        return self._widget(FileList)

    @property
    def detail(self) -> DetailPanel:
        """The detail panel."""
        return self._widget(DetailPanel)

    def _widget(self, kind):
        # looked up once: the main widgets live as long as the app (and stay usable while it shuts down)
        widget = self._widgets.get(kind)
        if widget is None:
            widget = self._widgets[kind] = self.query_one(kind)
        return widget

    def on_mount(self) -> None:
        """Read the review file, start the audit, and with --watch look for changes every second."""
        self.files.border_title = "Documents"
        self.table.border_title = "Findings"
        self.view.border_title = "Document"
        self.detail.border_title = "Detail"
        self.table.border_subtitle = "checking…"
        self.detail.show_lines("Reading and checking the documents…")
        problem = self.store.load()
        if problem:
            self.notify(problem, title="Review file set aside", severity="error", timeout=15)
        self.table.focus()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.start_audit(initial=True)
        if self.watching:
            self.set_interval(WATCH_INTERVAL, self.poll_changes)

    def _theme_changed(self, _theme) -> None:
        """Colours in the table and the detail panel come from the theme: draw them again."""
        if self.audit.entries and not self._auditing:
            self.refresh_table(keep=self._selection_key())
        self._refresh_detail()

    def on_resize(self) -> None:
        """Small terminals (80×24) get a shorter document list and detail panel."""
        self.screen.set_class(self.size.height < 32, "-compact")

    # -- the audit (worker) -----------------------------------------------------------------------
    def start_audit(self, initial: bool = False) -> None:
        """Run the audit in a worker thread (again: a later call while one runs queues one more run)."""
        if self._auditing:
            self._rerun_pending = True
            return
        self._auditing = True
        self._run_id += 1
        self.run_worker(partial(self._audit_thread, self._run_id, initial), thread=True, group="audit",
                        exit_on_error=False, name="audit")

    def _audit_thread(self, run_id: int, initial: bool) -> None:
        stamps = watched_files(self.paths, self.rule_paths, self.inputs)
        entries = read_inputs(self.paths, self.inputs)
        if initial:
            self.call_from_thread(self._documents_read, run_id, entries)
        engine = load_engine(self.rule_paths)
        if initial:
            self.call_from_thread(self._rules_loaded, run_id, engine)

        def checked(index: int, _result: DocumentResult) -> None:
            if initial:
                self.call_from_thread(self._document_checked, run_id, index)

        worker = get_current_worker()
        if not check_documents(engine, entries, checked, lambda: worker.is_cancelled):
            return
        self.call_from_thread(self._audit_done, run_id, entries, engine, stamps, initial)

    def _documents_read(self, run_id: int, entries: list[DocEntry]) -> None:
        """First run: show the document list and the first document before anything is checked."""
        if run_id != self._run_id:
            return
        self.audit = Audit(entries)
        self._checked = set()
        self._fill_files()
        first = next((i for i, e in enumerate(entries) if e.document is not None), None)
        if first is not None:
            self._show_document(first)
        if not entries:
            self.detail.show_lines("No documents: give files or directories (text, Markdown, web pages, Word, PDF).")

    def _rules_loaded(self, run_id: int, engine: Engine) -> None:
        if run_id == self._run_id:
            self.audit.ruleset = engine.ruleset
            self._report_rule_errors(engine)

    def _document_checked(self, run_id: int, index: int) -> None:
        """First run: a document's findings are in; add its rows and refresh its count."""
        if run_id != self._run_id:
            return
        self._checked.add(index)
        rows = [r for r in filter_rows([Row(index, f) for f in self.audit.entries[index].findings],
                                       self.filters, self.verdict_name)]
        self.table.append(rows, self._cells)
        self.files.update(self.audit.entries, index, self._reviewed(index), True)
        self._update_table_title()
        if index == self.shown_doc:
            self.view.set_quantities(self.audit.entries[index].result.quantities)
        if self.selected is None and rows:
            self.select_row(self.table.select_key(rows[0].key))
        elif self.selected is None:
            self._show_no_selection()

    def _audit_done(self, run_id: int, entries: list[DocEntry], engine: Engine, stamps: dict,
                    initial: bool) -> None:
        if run_id != self._run_id:
            return
        self._stamps = stamps
        self._report_rule_errors(engine)
        if engine.runtime_errors:
            self.notify("\n".join(engine.runtime_errors[:5]), title="Rules disabled", severity="warning")
        problem = self.store.reload_if_changed()
        if problem:
            self.notify(problem, title="Review file set aside", severity="error", timeout=15)
        if initial:
            self.audit.ruleset = engine.ruleset
            self._checked = set(range(len(entries)))
            self._fill_files()
            self._update_table_title()
            if self.selected is None:
                self._show_no_selection()
        else:
            keep = self._selection_key()
            old_doc = self.audit.entries[self.shown_doc].path if self.shown_doc is not None else None
            self.audit = Audit(entries, engine.ruleset, engine.runtime_errors)
            self._checked = set(range(len(entries)))
            if self.filters.doc is not None and self.filters.doc >= len(entries):
                self.filters.doc = None
            self._fill_files()
            self.shown_doc = None
            self.refresh_table(keep=keep)
            if self.selected is None and old_doc is not None:
                again = next((i for i, e in enumerate(entries) if e.path == old_doc and e.document), None)
                if again is not None:
                    self._show_document(again)
        self.audit_runs += 1
        self._auditing = False
        if self._rerun_pending:
            self._rerun_pending = False
            self.start_audit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An audit that crashed is reported, not fatal."""
        if event.worker.group == "audit" and event.state == WorkerState.ERROR:
            self._auditing = False
            self._update_table_title()
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="The audit failed",
                        severity="error", timeout=20)

    def _report_rule_errors(self, engine: Engine) -> None:
        errors = tuple(str(e) for e in engine.ruleset.errors)
        if errors and errors != self._rule_errors_shown:
            more = f"\n… and {len(errors) - 5} more" if len(errors) > 5 else ""
            title = f"{len(errors)} rule problem(s); the valid rules still run"
            self.notify("\n".join(errors[:5]) + more, title=title,
                        severity="error", timeout=20)
        self._rule_errors_shown = errors

    def poll_changes(self) -> bool:
        """--watch: re-run the audit when a document or rule file changed; returns whether it did."""
        if self._auditing or self._stamps is None:
            return False
        if watched_files(self.paths, self.rule_paths, self.inputs) == self._stamps:
            return False
        self.start_audit()
        return True

    # -- what is shown ----------------------------------------------------------------------------
    def verdict_name(self, row: Row) -> str | None:
        """The verdict recorded for `row`'s finding, if any."""
        v = self.store.verdict(self.audit.entries[row.doc].path, row.finding)
        return v.verdict if v is not None else None

    def _cells(self, row: Row) -> list:
        entry = self.audit.entries[row.doc]
        line, _ = entry.document.line_col(row.finding.spans[0].start)
        return self.table.cells(row, entry.path, line, self.verdict_name(row))

    def _reviewed(self, index: int) -> int:
        entry = self.audit.entries[index]
        return sum(1 for f in entry.findings if self.store.verdict(entry.path, f) is not None)

    def _fill_files(self) -> None:
        self.files.fill(self.audit.entries, self._reviewed, lambda i: i in self._checked, self.filters.doc)

    def _selection_key(self) -> tuple[str, str] | None:
        if self.selected is None:
            return None
        return self.audit.entries[self.selected.doc].path, self.selected.finding.fingerprint

    def refresh_table(self, keep: tuple[str, str] | None = None) -> None:
        """Fill the table from the audit and the filters, keeping the selection (document path and
        fingerprint) when it still passes them, else the row at the same place."""
        fallback = self.table.cursor_row if self.table.rows_shown else 0
        rows = filter_rows(self.audit.rows(), self.filters, self.verdict_name)
        self.table.fill(rows, self._cells)
        self._update_table_title()
        key = None
        if keep is not None:
            doc = next((i for i, e in enumerate(self.audit.entries) if e.path == keep[0]), None)
            key = f"{doc}:{keep[1]}" if doc is not None else None
        row = self.table.select_key(key, fallback)
        if row is None:
            self.select_row(None)
        else:
            self.select_row(row)

    def _update_table_title(self) -> None:
        total = sum(len(e.findings) for e in self.audit.entries)
        shown = len(self.table.rows_shown)
        title = f"Findings {shown} of {total}"
        scope = self.filters.describe()
        if self.filters.doc is not None:
            scope = " · ".join(p for p in (scope, "one document") if p)
        if self._auditing and len(self._checked) < len(self.audit.entries):
            progress = f"checking {len(self._checked)}/{len(self.audit.entries)}…"
            scope = " · ".join(p for p in (scope, progress) if p)
        self.table.border_title = title
        self.table.border_subtitle = scope or None

    def _show_document(self, index: int) -> None:
        entry = self.audit.entries[index]
        if entry.document is None:
            return
        if self.shown_doc != index or self.view.document is not entry.document:
            quantities = entry.result.quantities if entry.result is not None else ()
            self.view.show_document(entry.document, quantities)
        self.shown_doc = index
        self.view.border_title = display_path(entry.path)

    def _show_no_selection(self) -> None:
        if self.audit.entries and not self.table.rows_shown:
            total = sum(len(e.findings) for e in self.audit.entries)
            doc = self.filters.doc
            if doc is not None and doc in self._checked and not self.audit.entries[doc].findings:
                entry = self.audit.entries[doc]
                self.detail.show_lines(entry.error or f"No findings in {display_path(entry.path)}: "
                                       "every checked figure is consistent.")
            elif total and self.filters != Filters():
                scope = self.filters.describe() or "document"
                self.detail.show_lines(f"No finding passes the filters ({scope}).",
                                       "s, v, f change them; a shows every finding.")
            elif not self._auditing or len(self._checked) == len(self.audit.entries):
                self.detail.show_lines("No findings: every checked figure is consistent.")

    def select_row(self, row: Row | None) -> None:
        """Make `row` the selected finding: show its document, highlight its spans, scroll to the claim,
        and fill the detail panel."""
        self.selected = row
        self.span_index = 0
        if row is None:
            self.view.set_spans([])
            self.view.border_subtitle = None
            self._show_no_selection()
            return
        self._show_document(row.doc)
        self.view.set_spans(row.finding.spans)
        if row.finding.spans:
            self.view.scroll_to_offset(row.finding.spans[0].start)
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        row = self.selected
        if row is None:
            self.view.border_subtitle = None
            return
        entry = self.audit.entries[row.doc]
        f = row.finding
        verdict = self.store.verdict(entry.path, f)
        self.detail.show(finding_details(f, entry.document, display_path(entry.path), self.audit.rule(f.rule),
                                         verdict, self.span_index, self.view.role_style))
        if f.spans:
            span = f.spans[self.span_index]
            line, _ = entry.document.line_col(span.start)
            self.view.border_subtitle = f"span {self.span_index + 1}/{len(f.spans)}: {span.role}, line {line}"

    # -- events -----------------------------------------------------------------------------------
    @on(DataTable.RowHighlighted, "#findings")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.table.current_row
        if row is not None and (self.selected is None or row.key != self.selected.key
                                or row.finding is not self.selected.finding):
            self.select_row(row)

    @on(OptionList.OptionSelected, "#files")
    def _file_selected(self, event: OptionList.OptionSelected) -> None:
        index = None if event.option.id == ALL_ID else int(event.option.id.split("-")[1])
        self.filters.doc = index
        if index is not None and self.audit.entries[index].error is not None:
            self.refresh_table()
            self.detail.show_lines(self.audit.entries[index].error)
            return
        self.refresh_table()
        if index is not None and self.selected is None:
            self._show_document(index)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.view.search(event.value)
        self._search_step()

    @on(Input.Submitted, "#search")
    def _search_next(self, event: Input.Submitted) -> None:
        self._search_step()

    def _search_step(self) -> None:
        view = self.view
        if not view.search_query:
            self._refresh_detail()
            return
        view.next_match()
        n = len(view.search_matches)
        where = f"{view.search_index + 1} of {n}" if n else "no matches"
        view.border_subtitle = f"“{view.search_query}”: {where}"

    def on_key(self, event) -> None:
        """Escape closes the search box (wherever the focus is on the main screen)."""
        search = self.query_one("#search", Input)
        if event.key == "escape" and search.has_class("open") and not self.screen.is_modal:
            event.stop()
            self.close_search()

    def close_search(self) -> None:
        """Hide the search box and its highlights."""
        search = self.query_one("#search", Input)
        search.remove_class("open")
        search.value = ""
        self.view.search("")
        self.table.focus()
        self._refresh_detail()

    # -- actions ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`tab` moves between spans only on the main screen (dialogs keep their own focus keys)."""
        if action in ("next_span", "previous_span"):
            return not self.screen.is_modal
        return True

    def _require_selection(self) -> Row | None:
        if self.selected is None:
            self.notify("No finding selected.", severity="warning", timeout=3)
        return self.selected

    def action_next_finding(self) -> None:
        """Select the next finding in the table (wrapping round)."""
        self._step_finding(+1)

    def action_previous_finding(self) -> None:
        """Select the previous finding in the table (wrapping round)."""
        self._step_finding(-1)

    def _step_finding(self, step: int) -> None:
        rows = self.table.rows_shown
        if not rows:
            return
        index = (self.table.cursor_row + step) % len(rows)
        self.table.move_cursor(row=index, animate=False)
        self.select_row(rows[index])

    def action_next_span(self) -> None:
        """Move to the selected finding's next span and scroll it into view."""
        self._step_span(+1)

    def action_previous_span(self) -> None:
        """Move to the selected finding's previous span and scroll it into view."""
        self._step_span(-1)

    def _step_span(self, step: int) -> None:
        row = self.selected
        if row is None or not row.finding.spans:
            return
        self.span_index = (self.span_index + step) % len(row.finding.spans)
        self.view.set_current(self.span_index)
        self.view.scroll_to_offset(row.finding.spans[self.span_index].start)
        self._refresh_detail()

    def action_confirm(self) -> None:
        """Record the selected finding as confirmed."""
        if self._require_selection():
            self._set_verdict("confirmed")

    def action_dismiss(self) -> None:
        """Ask for a reason, then record the selected finding as dismissed."""
        row = self._require_selection()
        if row is None:
            return
        claim = row.finding.spans[0].text if row.finding.spans else ""

        def done(reason: str | None) -> None:
            if reason is not None:
                self._set_verdict("dismissed", reason)

        self.push_screen(ReasonScreen(" ".join(claim.split()), row.finding.message), done)

    def action_clear_verdict(self) -> None:
        """Forget the selected finding's verdict."""
        if self._require_selection():
            self._set_verdict(None)

    def _set_verdict(self, verdict: str | None, reason: str = "") -> None:
        row = self.selected
        if row is None:
            return
        path = self.audit.entries[row.doc].path
        if verdict is None:
            error = self.store.clear(path, row.finding)
        else:
            error = self.store.set(path, row.finding, verdict, reason)
        if error:
            self.notify(error, title="Verdict not saved", severity="error", timeout=10)
        self.files.update(self.audit.entries, row.doc, self._reviewed(row.doc), row.doc in self._checked)
        if self.filters.verdict is not None:
            self.refresh_table(keep=self._selection_key())
        else:
            self.table.update_row(row, self._cells(row))
            self._refresh_detail()

    def _set_filters(self, **changes) -> None:
        for name, value in changes.items():
            setattr(self.filters, name, value)
        self.refresh_table(keep=self._selection_key())
        scope = self.filters.describe()
        self.notify(f"Showing {len(self.table.rows_shown)} finding(s)" + (f": {scope}" if scope else ""),
                    timeout=2)

    def action_cycle_severity(self) -> None:
        """Filter by severity: all → error → warning → info → all."""
        self._set_filters(severity=cycle(SEVERITY_FILTERS, self.filters.severity))

    def action_cycle_verdict(self) -> None:
        """Filter by verdict: all → unreviewed → confirmed → dismissed → baseline → all."""
        self._set_filters(verdict=cycle(VERDICT_FILTERS, self.filters.verdict))

    def action_filter_rule(self) -> None:
        """Pick a rule to filter by."""

        def done(rule: str | None) -> None:
            if rule is not None:
                self._set_filters(rule=rule if rule != ALL_RULES else None)

        self.push_screen(RuleFilterScreen(self.audit.rule_counts(), self.filters.rule), done)

    def action_clear_filters(self) -> None:
        """Show every finding of every document."""
        self._set_filters(severity=None, verdict=None, rule=None, doc=None)
        self._fill_files()

    def action_search(self) -> None:
        """Open the search box under the document view."""
        search = self.query_one("#search", Input)
        search.add_class("open")
        search.focus()

    def action_rerun(self) -> None:
        """Read the documents and rules again and re-check, keeping the selection."""
        self.notify("Re-running the audit…", timeout=2)
        self.start_audit()

    def action_focus_pane(self, pane: str) -> None:
        """Focus the document list, the findings table or the document view."""
        self.query_one(f"#{pane}").focus()

    def action_help(self) -> None:
        """Show the keys."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quit(self) -> None:
        """Leave (verdicts are already saved)."""
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every action of KEYS, and a filter per rule."""
        yield from super().get_system_commands(screen)
        for key in KEYS:
            if key.action in ("next_span", "previous_span") and screen.is_modal:
                continue
            yield SystemCommand(key.description, f"key: {key.shown}", partial(self.run_action, key.action))
        for rule_id, n in sorted(self.audit.rule_counts().items()):
            yield SystemCommand(f"Filter by rule: {rule_id}", f"{n} finding(s)",
                                partial(self._set_filters, rule=rule_id), discover=False)


def run_tui(paths: list[str], rule_paths: list[str], review_path: str, watch: bool,
            inputs: InputOptions = InputOptions()) -> int:
    """Run the terminal UI on `paths` (chosen and read as `inputs` says) with the rules under
    `rule_paths`; verdicts go to `review_path`. Returns the exit code (0 when the user quits)."""
    app = AuditorApp(paths, rule_paths, review_path, watch, inputs)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
