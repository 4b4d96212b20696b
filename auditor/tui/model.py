"""What the terminal UI shows, without Textual: documents read, findings per document, filters, rows.

`read_inputs` and `check_documents` do the slow work and are safe to call from a worker thread (the
checking itself runs in worker processes, as `auditor check` does); the rest is cheap bookkeeping the app
calls on the UI thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..batch import Outcome, check_paths
from ..document import Document
from ..engine import DocumentResult, Engine
from ..findings import Finding
from ..inputs import InputError, InputOptions, expand_paths, read_or_error
from ..rules.schema import Rule, RuleSet, load_rules

SEVERITY_FILTERS: tuple[str | None, ...] = (None, "error", "warning", "info")
VERDICT_FILTERS: tuple[str | None, ...] = (None, "unreviewed", "confirmed", "dismissed", "baseline")


@dataclass
class DocEntry:
    """One input: a document that was read (with its findings once checked) or the error reading it."""

    path: str
    document: Document | None = None
    error: str | None = None
    result: DocumentResult | None = None

    @property
    def findings(self) -> list[Finding]:
        """The document's findings (none until it is checked, or if it could not be read)."""
        return self.result.findings if self.result is not None else []


@dataclass(frozen=True)
class Row:
    """One finding as a row of the findings table; `key` is unique across documents and runs."""

    doc: int
    finding: Finding

    @property
    def key(self) -> str:
        """The table's row key: document index and fingerprint."""
        return f"{self.doc}:{self.finding.fingerprint}"


@dataclass
class Filters:
    """What the findings table shows: each field None means "all"."""

    severity: str | None = None
    verdict: str | None = None
    rule: str | None = None
    doc: int | None = None
    text: str = ""  # shown when the message, the rule or the document's path holds it (any case)

    def describe(self) -> str:
        """A short summary for the table's title ("error · dismissed · rule ratio.x · “mosul”")."""
        parts = [self.severity or "", self.verdict or "", f"rule {self.rule}" if self.rule else "",
                 f"“{self.text}”" if self.text else ""]
        return " · ".join(p for p in parts if p)


@dataclass
class Audit:
    """The state of one audit run: its inputs, rules and (as they come) per-document results."""

    entries: list[DocEntry] = field(default_factory=list)
    ruleset: RuleSet | None = None
    runtime_errors: list[str] = field(default_factory=list)

    def rule(self, rule_id: str) -> Rule | None:
        """The loaded rule with this id, if any."""
        return self.ruleset.get(rule_id) if self.ruleset is not None else None

    def rows(self) -> list[Row]:
        """Every finding of every checked document, in document order."""
        return [Row(i, f) for i, e in enumerate(self.entries) for f in e.findings]

    def unreadable(self) -> list[DocEntry]:
        """The inputs that could not be read."""
        return [e for e in self.entries if e.error is not None]

    def rule_counts(self) -> dict[str, int]:
        """How many findings each rule produced (rules without findings included, with 0)."""
        counts: dict[str, int] = {r.id: 0 for r in (self.ruleset.rules if self.ruleset else [])}
        for e in self.entries:
            for f in e.findings:
                counts[f.rule] = counts.get(f.rule, 0) + 1
        return counts


def read_inputs(paths: Iterable[str], options: InputOptions = InputOptions()) -> list[DocEntry]:
    """Every input path expanded and read in its format; unreadable ones carry their one-line error."""
    entries = []
    for item in expand_paths(paths, options):
        if isinstance(item, InputError):
            entries.append(DocEntry(item.path, error=item.message))
            continue
        doc = read_or_error(item, options)
        if isinstance(doc, InputError):
            entries.append(DocEntry(doc.path, error=doc.message))
        else:
            entries.append(DocEntry(doc.path, document=doc))
    return entries


def load_engine(rule_paths: list[str]) -> Engine:
    """An engine with the rules under `rule_paths` (their problems are in `engine.ruleset.errors`)."""
    return Engine(load_rules(rule_paths))


def check_documents(engine: Engine, entries: list[DocEntry], rule_paths: list[str], jobs: int = 1,
                    on_results: Callable[[list[int]], None] | None = None,
                    cancelled: Callable[[], bool] = lambda: False, every: float = 0.1,
                    options: InputOptions = InputOptions()) -> bool:
    """Check every readable entry in place, as `auditor check` does (`batch.check_paths`: with `jobs` > 1
    in that many worker processes), calling `on_results(indices)` with the entries checked since the last
    call, at most every `every` seconds (the first at once); run-time rule errors go to
    `engine.runtime_errors`. Stops early (returning False, the workers stopped) once `cancelled()`."""
    readable = [i for i, e in enumerate(entries) if e.document is not None]
    for i in [i for i in readable if not os.path.isfile(entries[i].path)]:  # standard input: read once, here
        _take_outcome(entries[i], Outcome(result=engine.check(entries[i].document)), engine.runtime_errors)
    readable = [i for i in readable if os.path.isfile(entries[i].path)]
    paths = [entries[i].path for i in readable]
    outcomes = check_paths(paths, engine, rule_paths, jobs, keep_quantities=True, options=options)
    done: list[int] = []
    last = 0.0
    try:
        for index, outcome in zip(readable, outcomes):
            if cancelled():
                return False
            _take_outcome(entries[index], outcome, engine.runtime_errors)
            done.append(index)
            if on_results is not None and time.monotonic() - last >= every:
                on_results(done)
                done, last = [], time.monotonic()
    finally:
        outcomes.close()
    if on_results is not None and done:
        on_results(done)
    return True


def check_one(engine: Engine, path: str, rule_paths: list[str],
              options: InputOptions = InputOptions()) -> DocEntry:
    """The document at `path` read and checked again in this process (after an edit)."""
    entry = DocEntry(path)
    _take_outcome(entry, next(check_paths([path], engine, rule_paths, 1, keep_quantities=True, options=options)),
                  engine.runtime_errors)
    return entry


def _take_outcome(entry: DocEntry, outcome: Outcome, runtime_errors: list[str]) -> None:
    """Put a checked document's result (or the error checking it gave) in its entry."""
    for message in outcome.rule_errors:
        if message not in runtime_errors:
            runtime_errors.append(message)
    if outcome.error is not None:
        entry.error = outcome.error.message
        return
    result = outcome.result
    if entry.document is not None and result.document.text == entry.document.text:
        result.document = entry.document  # the one on screen: the offsets are the same
    else:
        entry.document = result.document  # the file changed between the two reads: the checked one wins
    entry.result = result


def verdict_matches(wanted: str | None, verdict: str | None) -> bool:
    """Whether a finding whose verdict is `verdict` (None: unreviewed) passes the verdict filter."""
    if wanted is None:
        return True
    if wanted == "unreviewed":
        return verdict is None
    return verdict == wanted


def text_matches(wanted: str, row: Row, path: str) -> bool:
    """Whether the row's message, rule or document path holds `wanted`, ignoring case ("" passes all)."""
    if not wanted:
        return True
    wanted = wanted.casefold()
    return any(wanted in s.casefold() for s in (row.finding.message, row.finding.rule, path))


def filter_rows(rows: list[Row], filters: Filters, verdict_of: Callable[[Row], str | None],
                path_of: Callable[[Row], str] = lambda row: "") -> list[Row]:
    """The rows that pass every filter (`path_of` gives a row's document path, for the text filter)."""
    return [
        r for r in rows
        if (filters.severity is None or r.finding.severity == filters.severity)
        and (filters.rule is None or r.finding.rule == filters.rule)
        and (filters.doc is None or r.doc == filters.doc)
        and verdict_matches(filters.verdict, verdict_of(r))
        and text_matches(filters.text, r, path_of(r))
    ]


def cycle(options: tuple[str | None, ...], current: str | None) -> str | None:
    """The option after `current` in `options`, wrapping round."""
    i = options.index(current) if current in options else -1
    return options[(i + 1) % len(options)]


def watched_files(paths: list[str], rule_paths: list[str],
                  options: InputOptions = InputOptions()) -> dict[str, tuple[int, int] | None]:
    """Modification times (ns) and sizes of every document and rule file the audit depends on (None if
    missing).
    Directories are expanded again, so a file added to one counts as a change."""
    files: list[str] = [p for p in expand_paths([p for p in paths if p != "-"], options) if isinstance(p, str)]
    for p in rule_paths:
        if os.path.isdir(p):
            for root, _dirs, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
        else:
            files.append(p)
    stamps: dict[str, tuple[int, int] | None] = {}
    for f in files:
        try:
            st = os.stat(f)
            stamps[f] = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamps[f] = None
    return stamps
