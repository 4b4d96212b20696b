"""The fact-checker's terminal UI: `auditor tui PATH...`.

Layout: the document list and the findings table on the left, the document view on the right, the
detail panel underneath. The audit runs in a worker thread: documents appear as soon as they are read,
findings as each document is checked. Verdicts go to the review file at once (see `review_store`).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from ..document import display_path
from ..batch import default_jobs
from ..engine import Engine
from ..inputs import InputOptions
from .detail import DetailPanel, finding_details
from .document_view import DocumentView
from .file_list import ALL_ID, FileList
from .findings_table import FindingsTable
from .keys import KEYS, bindings
from .export import Exported, export_problem, write_export
from .modals import ALL_RULES, ExportScreen, HelpScreen, ReasonScreen, RuleFilterScreen
from .model import (SEVERITY_FILTERS, VERDICT_FILTERS, Audit, DocEntry, Filters, Row, check_documents,
                    check_one, cycle, filter_rows, load_engine, read_inputs, watched_files)
from .review_store import ReviewStore
from .safe import content, printable

WATCH_INTERVAL = 1.0  # seconds between two looks at the files' modification times
NARROW = 140  # terminals narrower than this give the findings table 60% of the width
# While the first audit runs, the document list is redrawn at most this often (seconds): a redraw measures
# every line again (225 ms for 5,000 documents, measured), too much for each batch of results.
FILES_EVERY = 1.0


class AuditorApp(App[int]):
    """Walk the findings of an audit, see their spans in the text, and record verdicts."""

    CSS_PATH = str(Path(__file__).with_name("auditor.tcss"))
    TITLE = "auditor"
    BINDINGS = bindings()

    def __init__(self, paths: list[str], rule_paths: list[str], review_path: str = ".auditor-review.json",
                 watch: bool = False, jobs: int | None = None, inputs: InputOptions = InputOptions()):
        super().__init__()
        self.paths = list(paths)
        self.inputs = inputs
        self.rule_paths = list(rule_paths)
        self.jobs = jobs or default_jobs()  # worker processes checking the documents
        self.store = ReviewStore(review_path)
        self.watching = watch
        self.audit = Audit()
        self.filters = Filters()
        self.selected: Row | None = None
        self._wanted: tuple[str, str] | None = None  # the finding the user chose (path, fingerprint)
        self.span_index = 0
        self.shown_doc: int | None = None
        self.audit_runs = 0  # completed audits (tests wait on it)
        self._run_id = 0
        self._auditing = False
        self._rerun_pending = False
        self._checked: set[int] = set()
        self._files_pending: set[int] = set()  # checked documents the list does not show as checked yet
        self._files_drawn = 0.0
        self._stamps: dict | None = None
        self._engine: Engine | None = None  # the last audit's (re-checks after an edit use it)
        self._last_export = "findings.md"
        self._rule_errors_shown: tuple[str, ...] = ()
        self._widgets: dict[type, object] = {}

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Documents and findings on the left, the text on the right, the detail underneath."""
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield FileList(id="files")
                yield FindingsTable(id="findings")
                yield Input(placeholder="filter: message, rule or file  (enter: keep, escape: clear)",
                            id="filter")
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

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """A notification whose text is shown as written: paths and rule files' text are never markup, and
        control characters are escaped (line breaks kept)."""
        message = "\n".join(printable(line) for line in str(message).split("\n"))
        super().notify(message, title=printable(title), severity=severity, timeout=timeout, markup=markup)

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
        """Small terminals (80×24) get a shorter document list and detail panel; narrow ones (fewer than
        140 columns) give the findings table more of the width."""
        self.screen.set_class(self.size.height < 32, "-compact")
        self.screen.set_class(self.size.width < NARROW, "-narrow")

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

        def checked(indices: list[int]) -> None:
            if initial:
                self.call_from_thread(self._documents_checked, run_id, indices)

        worker = get_current_worker()
        if not check_documents(engine, entries, self.rule_paths, self.jobs, checked,
                               lambda: worker.is_cancelled, options=self.inputs):
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

    def _documents_checked(self, run_id: int, indices: list[int]) -> None:
        """First run: these documents' findings are in; add their rows and refresh their counts."""
        if run_id != self._run_id:
            return
        self._checked.update(indices)
        entries = self.audit.entries
        rows = filter_rows([Row(i, f) for i in indices for f in entries[i].findings], self.filters,
                           self.verdict_name, self.path_of)
        self.table.append(rows, self._cells)
        self._files_pending.update(indices)
        if time.monotonic() - self._files_drawn >= FILES_EVERY:
            self.files.update(entries, sorted(self._files_pending), self._reviewed, True)
            self._files_pending.clear()
            self._files_drawn = time.monotonic()
        self._update_table_title()
        if self.shown_doc in indices and entries[self.shown_doc].result is not None:
            self.view.set_quantities(entries[self.shown_doc].result.quantities)
        if self.selected is None and rows:
            self.select_row(self.table.select_key(rows[0].key))
        elif self.selected is None:
            self._show_no_selection()

    def _audit_done(self, run_id: int, entries: list[DocEntry], engine: Engine, stamps: dict,
                    initial: bool) -> None:
        if run_id != self._run_id:
            return
        self._stamps = stamps
        self._engine = engine
        self._report_rule_errors(engine)
        if engine.runtime_errors:
            self.notify("\n".join(engine.runtime_errors[:5]), title="Rules disabled", severity="warning")
        problem = self.store.reload_if_changed()
        if problem:
            self.notify(problem, title="Review file set aside", severity="error", timeout=15)
        if initial or [e.error for e in entries if e.error] != [e.error for e in self.audit.unreadable()]:
            self._report_unreadable(entries)
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
        self._files_pending.clear()
        self.files.fill(self.audit.entries, self._reviewed, lambda i: i in self._checked, self.filters.doc)

    def _selection_key(self) -> tuple[str, str] | None:
        if self.selected is None:
            return None
        return self.audit.entries[self.selected.doc].path, self.selected.finding.fingerprint

    def refresh_table(self, keep: tuple[str, str] | None = None) -> None:
        """Fill the table from the audit and the filters, selecting (by document path and fingerprint) the
        finding the user last chose when it passes them, else `keep`, else the row at the same place.
        The user's choice is remembered through filters that hide it for a while."""
        fallback = self.table.cursor_row if self.table.rows_shown else 0
        rows = filter_rows(self.audit.rows(), self.filters, self.verdict_name, self.path_of)
        self.table.fill(rows, self._cells)
        self._update_table_title()
        for wanted in (self._wanted, keep):
            key = self._row_key(wanted)
            if key is not None and key in self.table.index_of:
                self.select_row(self.table.select_key(key), remember=False)
                return
        self.select_row(self.table.select_key(None, fallback), remember=False)

    def _row_key(self, wanted: tuple[str, str] | None) -> str | None:
        """The table key of the finding (path, fingerprint) in this audit, if its document is in it."""
        if wanted is None:
            return None
        doc = next((i for i, e in enumerate(self.audit.entries) if e.path == wanted[0]), None)
        return f"{doc}:{wanted[1]}" if doc is not None else None

    def path_of(self, row: Row) -> str:
        """The path of `row`'s document."""
        return self.audit.entries[row.doc].path

    def _update_table_title(self) -> None:
        total = sum(len(e.findings) for e in self.audit.entries)
        shown = len(self.table.rows_shown)
        title = f"Findings {shown} of {total}"
        scope = self._scope()
        if self._auditing and len(self._checked) < len(self.audit.entries):
            progress = f"checking {len(self._checked)}/{len(self.audit.entries)}…"
            scope = " · ".join(p for p in (scope, progress) if p)
        unreadable = len(self.audit.unreadable())
        if unreadable:
            scope = " · ".join(p for p in (scope, f"{unreadable} unreadable") if p)
        self.table.border_title = title
        self.table.border_subtitle = content(scope) if scope else None

    def _scope(self) -> str:
        """The filters in force, in words ("error · “mosul” · one document"; "" for none)."""
        scope = self.filters.describe()
        if self.filters.doc is not None:
            scope = " · ".join(p for p in (scope, "one document") if p)
        return scope

    def _show_document(self, index: int) -> None:
        entry = self.audit.entries[index]
        if entry.document is None:
            return
        if self.shown_doc != index or self.view.document is not entry.document:
            quantities = entry.result.quantities if entry.result is not None else ()
            self.view.show_document(entry.document, quantities)
        self.shown_doc = index
        self.view.border_title = content(display_path(entry.path))

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
                self.detail.show_lines(*self._nothing_found())

    def _nothing_found(self) -> list[str]:
        """What to say when every document is checked and none has a finding: which could not be read."""
        unreadable = self.audit.unreadable()
        if not unreadable:
            return ["No findings: every checked figure is consistent."]
        n = len(self.audit.entries)
        read = n - len(unreadable)
        lines = [f"{read} of {n} documents could be read; these could not:"]
        lines += [f"  ✗ {e.error}" for e in unreadable[:20]]
        if len(unreadable) > 20:
            lines.append(f"  … and {len(unreadable) - 20} more (see the document list)")
        if read:
            lines.append(f"No findings in the {read} document{'s' if read > 1 else ''} read: every checked "
                         "figure is consistent.")
        return lines

    def _report_unreadable(self, entries: list[DocEntry]) -> None:
        """A notification (an error, shown long) naming the inputs that could not be read."""
        unreadable = [e for e in entries if e.error is not None]
        if not unreadable:
            return
        more = f"\n… and {len(unreadable) - 5} more" if len(unreadable) > 5 else ""
        head = f"{len(unreadable)} of {len(entries)} documents could not be read:\n"
        self.notify(head + "\n".join(e.error for e in unreadable[:5]) + more, title="Unreadable input",
                    severity="error", timeout=30)

    def select_row(self, row: Row | None, remember: bool = True) -> None:
        """Make `row` the selected finding: show its document, highlight its spans, scroll to the claim,
        and fill the detail panel. `remember`: the user chose it (filters bring it back)."""
        self.selected = row
        if row is not None and remember:
            self._wanted = self._selection_key()
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
            self.view.border_subtitle = content(
                f"span {self.span_index + 1}/{len(f.spans)}: {span.role}, line {line}")

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
        view.border_subtitle = content(f"“{view.search_query}”: {where}")

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value != self.filters.text:
            self.filters.text = event.value
            self.refresh_table(keep=self._selection_key())

    @on(Input.Submitted, "#filter")
    def _filter_kept(self, event: Input.Submitted) -> None:
        self.table.focus()

    def on_key(self, event) -> None:
        """Escape clears the findings filter when typing in it, else closes the search box (wherever the
        focus is on the main screen)."""
        if event.key != "escape" or self.screen.is_modal:
            return
        search, box = self.query_one("#search", Input), self.query_one("#filter", Input)
        if box.has_focus or (box.has_class("open") and not search.has_class("open")):
            event.stop()
            self.close_filter()
        elif search.has_class("open"):
            event.stop()
            self.close_search()

    def close_filter(self) -> None:
        """Hide the findings filter box and show every finding it hid."""
        box = self.query_one("#filter", Input)
        box.remove_class("open")
        box.value = ""
        self.table.focus()

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
        """Record the selected finding as confirmed and move on to the next unreviewed one."""
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

    def _next_unreviewed(self, row: Row) -> Row | None:
        """The first finding shown after `row` (wrapping round) that has no verdict."""
        rows = self.table.rows_shown
        start = self.table.index_of.get(row.key, -1)
        for step in range(1, len(rows)):
            candidate = rows[(start + step) % len(rows)]
            if self.verdict_name(candidate) is None:
                return candidate
        return None

    def _set_verdict(self, verdict: str | None, reason: str = "") -> None:
        """Record (or, with None, clear) the selected finding's verdict; after a verdict, move on to the
        next unreviewed finding shown, as review tools do."""
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
        self.files.update(self.audit.entries, [row.doc], self._reviewed, row.doc in self._checked)
        following = self._next_unreviewed(row) if verdict is not None and not error else None
        if following is not None:
            self._wanted = (self.audit.entries[following.doc].path, following.finding.fingerprint)
        if self.filters.verdict is not None:
            self.refresh_table(keep=self._selection_key())
        else:
            self.table.update_row(row, self._cells(row))
            if following is not None:
                self.select_row(self.table.select_key(following.key))
            else:
                self._refresh_detail()
        if verdict is not None and not error and following is None:
            self.notify("Every finding shown is reviewed.", timeout=3)

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
        box = self.query_one("#filter", Input)
        box.remove_class("open")
        box.value = ""  # its Changed event comes after: the text filter is cleared here
        self._set_filters(severity=None, verdict=None, rule=None, doc=None, text="")
        self._fill_files()

    def action_search(self) -> None:
        """In the document view (or its search box): open the search box under it. Elsewhere: open the
        findings filter under the table."""
        search = self.query_one("#search", Input)
        if self.view.has_focus or search.has_focus:
            search.add_class("open")
            search.focus()
            return
        box = self.query_one("#filter", Input)
        box.add_class("open")
        box.focus()

    def action_edit(self) -> None:
        """Open the selected finding's document (or the one shown) in $VISUAL or $EDITOR at the line of the
        span in focus (`+LINE`), then check it again."""
        row = self.selected
        index = row.doc if row is not None else self.shown_doc
        if index is None or self.audit.entries[index].document is None:
            self.notify("No document to edit.", severity="warning", timeout=3)
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify("Set $VISUAL or $EDITOR to the editor to use (for example: export EDITOR=nano).",
                        title="No editor", severity="warning", timeout=8)
            return
        entry = self.audit.entries[index]
        line = 1
        if row is not None and row.finding.spans:
            line = entry.document.line_col(row.finding.spans[self.span_index].start)[0]
        argv = [*shlex.split(command), f"+{line}", entry.path]
        try:
            try:
                with self.suspend():  # the terminal is the editor's until it exits
                    subprocess.call(argv)
            except SuspendNotSupported:  # headless or in a browser: no terminal to hand over
                subprocess.call(argv, stdin=subprocess.DEVNULL)
        except OSError as exc:
            self.notify(f"{argv[0]}: {exc.strerror or exc}", title="The editor did not start",
                        severity="error")
            return
        self.recheck(index)

    def recheck(self, index: int) -> None:
        """Read and check document `index` again (in a worker thread), keeping the other results."""
        if self._engine is None or self._auditing:
            self.start_audit()
            return
        engine, path, run_id = self._engine, self.audit.entries[index].path, self._run_id
        self.run_worker(lambda: self.call_from_thread(self._rechecked, run_id, index,
                                                      check_one(engine, path, self.rule_paths, self.inputs)),
                        thread=True, group="audit", exit_on_error=False, name="recheck")

    def _rechecked(self, run_id: int, index: int, fresh: DocEntry) -> None:
        """A document checked again: its rows replace the old ones; the selection stays on it."""
        if run_id != self._run_id:
            return
        before = len(self.audit.entries[index].findings)
        self.audit.entries[index] = fresh
        self.files.update(self.audit.entries, [index], self._reviewed, True)
        if self._stamps is not None and fresh.path in self._stamps:
            self._stamps.update(watched_files([fresh.path], []))
        self.shown_doc = None if self.shown_doc == index else self.shown_doc
        self.refresh_table(keep=self._selection_key())
        if self.selected is not None and self.selected.doc != index:
            first = next((r for r in self.table.rows_shown if r.doc == index), None)
            if first is not None:  # the finding edited away: the document's next one
                self.select_row(self.table.select_key(first.key))
        self.notify(fresh.error or f"Checked {display_path(fresh.path)} again: {len(fresh.findings)} "
                    f"finding(s), {before} before.", severity="error" if fresh.error else "information",
                    timeout=4)

    def action_export(self) -> None:
        """Export the findings the table shows (its filters apply) as JSON or Markdown."""
        rows = list(self.table.rows_shown)
        protected = [e.path for e in self.audit.entries] + [self.store.path]

        def write(path: str) -> str | None:
            try:
                n = write_export(path, self._exported(rows), self._scope())
            except OSError as exc:
                return f"{display_path(path)}: {exc.strerror or exc}"
            self._last_export = path
            self.notify(f"Exported {n} findings to {display_path(path)}", timeout=5)
            return None

        check = partial(export_problem, protected=protected)
        self.push_screen(ExportScreen(self._last_export, len(rows), check, write))

    def _exported(self, rows: list[Row]) -> list[Exported]:
        """`rows` grouped by document, in order, each finding with its verdict."""
        documents: dict[int, Exported] = {}
        for row in rows:
            entry = self.audit.entries[row.doc]
            item = documents.setdefault(row.doc, Exported(entry.path, entry.document, []))
            item.findings.append((row.finding, self.store.verdict(entry.path, row.finding)))
        return list(documents.values())

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
            jobs: int | None = None, inputs: InputOptions = InputOptions()) -> int:
    """Run the terminal UI on `paths` (chosen and read as `inputs` says) with the rules under
    `rule_paths`, checking in `jobs` worker processes (default: one per core); verdicts go to
    `review_path`. Returns the exit code (0 when the user quits)."""
    app = AuditorApp(paths, rule_paths, review_path, watch, jobs, inputs)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
