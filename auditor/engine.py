"""Running rules over documents: bind roles, evaluate the check over intervals, report findings.

Each check is evaluated over intervals (see docs/rules.md, "When a rule fires"): each quantity's bounds
from the text, exact figures widened by half a step of their last significant digit ("2,800" could be
2,750..2,850), and the rule's tolerance on top. If the check can hold, nothing is reported. If it fails,
it is evaluated again with twice the rounding (whole numbers still capped at 5%) and twice the
tolerance: a miss that this looser reading explains is a `warning` (rounding could barely explain it);
one that survives it is an `error`.
The severity is capped at the rule's own.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .document import Document
from .extract import Quantity
from .findings import SEVERITY_RANK, Finding, SpanRef, assign_fingerprints
from .resilient import Skipped, extract_document, failure
from .rules.bounds import figure_bounds, figure_interval, range_end
from .rules.derivation import derive, fill
from .rules.interval import Interval, Truth
from .rules.matcher import DocumentIndex, Matcher, ReferenceValue, RuleTimeout, WordClasses
from .rules.schema import Rule, RuleSet
from .unit_facts import to_base

if TYPE_CHECKING:
    from .dating import DocumentDate


# The most characters checked at once (about 10,000 words: a long report). A longer document, a book or an
# archive in one file, is checked a window of whole paragraphs at a time, so that the check's memory
# stays within a few bytes a character of the text however long the document is.
WINDOW = 65_536


@dataclass
class DocumentResult:
    """Everything the engine found in one document."""

    document: Document
    quantities: list[Quantity]
    findings: list[Finding]
    skipped: list[Skipped] = field(default_factory=list)  # what could not be checked, and why
    # when the document was written; None when no reporter asked (Engine.dated_results) and no rule needed it
    date: DocumentDate | None = None


class Engine:
    """Runs a set of rules over documents. Rules whose regular expressions time out are disabled for the
    rest of the run and reported in `runtime_errors`."""

    share_searches = True  # rules that bind alike share one search (off: each rule searches on its own)
    # every result says its document's date (off: only those whose rules needed it, so that a run whose
    # reports show no date and whose documents need no exchange rate or population never works one out)
    dated_results = True

    def __init__(self, ruleset: RuleSet, date: str | None = None):
        self.ruleset = ruleset
        self.date = date  # the date the user gave for every document (`--date`), or None
        self.classes = WordClasses(ruleset.classes)
        self.disabled: set[str] = set()
        self.runtime_errors: list[str] = []
        # rules that bind alike (Rule.binding_key) share one search of each document: a number for each
        # such group, looked up by rule id, so that no document hashes the keys again
        groups: dict[tuple, int] = {}
        self._search_group = {rule.id: groups.setdefault(rule.binding_key, len(groups))
                              for rule in ruleset.rules}
        self._defers_to = {rule.id: rule.defers_to for rule in ruleset.rules if rule.defers_to}

    def index(self, doc: Document, date_of: Callable[[], DocumentDate] | None = None
              ) -> tuple[DocumentIndex, list[Quantity], list[Skipped]]:
        """The document's index for the matcher (its quantities but lone determiners, and its date, from
        `date_of` or else worked out from the document, when a rule first asks), every quantity extracted,
        and what could not be read."""
        extraction, skipped = extract_document(doc)
        quantities = extraction.quantities
        index = DocumentIndex(doc, [q for q in quantities if not q.determiner], date_of or self._date_of(doc))
        return index, quantities, skipped

    def _date_of(self, doc: Document) -> Callable[[], DocumentDate]:
        """The date of `doc` (`dating.document_date`, with the date the user gave), worked out once, when
        first asked for."""
        @functools.cache
        def date() -> DocumentDate:
            from .dating import document_date

            return document_date(doc, self.date)
        return date

    def check(self, doc: Document, rules: list[Rule] | None = None,
              keep_quantities: bool = True) -> DocumentResult:
        """All findings of `rules` (default: every loaded rule) in `doc`, in document order; the result
        lists every quantity extracted unless `keep_quantities` is false.

        A document longer than WINDOW characters is checked a window of whole paragraphs at a time (see
        `Document.windows`), so that what a check holds does not grow with the document: a rule whose
        roles may lie anywhere in the document finds them within one window."""
        date = self._date_of(doc)  # of the whole document, for every window
        quantities: list[Quantity] = []
        findings: list[Finding] = []
        skipped: list[Skipped] = []
        for window in doc.windows(WINDOW):
            part = doc if window.start == 0 and window.end == len(doc.text) else doc.part(window)
            index, found, missed = self.index(part, date)
            part_findings = self._findings(part, index, rules, missed)
            if part is doc:
                quantities, findings, skipped = found if keep_quantities else [], part_findings, missed
                break
            if keep_quantities:
                quantities += (q.shifted(window.start) for q in found)
            findings += (f.shifted(window.start) for f in part_findings)
            skipped += (s.shifted(window.start) for s in missed)
            del index, found, part  # the window's structures go now, before the next window's are built
        findings.sort(key=lambda f: (f.spans[0].start, f.rule))
        assign_fingerprints(findings)
        skipped.sort(key=lambda s: s.start)
        dated = self.dated_results or date.cache_info().currsize
        return DocumentResult(doc, quantities, findings, skipped, date() if dated else None)

    def _findings(self, doc: Document, index: DocumentIndex, rules: list[Rule] | None,
                  skipped: list[Skipped]) -> list[Finding]:
        """The findings of `rules` over `index`; a binding or a rule that cannot be evaluated is added to
        `skipped`."""
        findings: list[Finding] = []
        searched: dict = {}  # a group of rules that bind alike → the bindings found for it
        for rule in rules if rules is not None else self.ruleset.rules:
            if rule.id in self.disabled or not index.of_kinds(rule.anchor.kind):
                continue  # (a document with no quantity of the anchor's kinds: a short comment's usual case)
            try:
                key = self._search_group.get(rule.id) if self.share_searches else id(rule)
                if key is None:
                    key = rule.binding_key
                if key not in searched:
                    searched[key] = Matcher(rule, index, self.classes).bindings()
                for binding in searched[key]:
                    if not _claim_in_scope(rule, binding, doc):
                        continue
                    try:
                        finding = evaluate(rule, binding)
                    except Exception as exc:  # noqa: BLE001 - one binding's arithmetic, not the document
                        skipped.append(_unevaluated(rule, binding, exc))
                        continue
                    if finding is not None:
                        findings.append(finding)
            except RuleTimeout as exc:
                self.disabled.add(rule.id)
                self.runtime_errors.append(f"{rule.path}:{rule.line}:1: {exc}; rule disabled")
            except Exception as exc:  # noqa: BLE001 - one rule on this document, not the others
                skipped.append(Skipped(0, 0, f"rule '{rule.id}' could not run on this document ({failure(exc)})"))
        return _without_deferred(findings, self._defers_to)


def _without_deferred(findings: list[Finding], defers_to: dict[str, tuple[str, ...]]) -> list[Finding]:
    """`findings` but those of a rule whose `defers_to` rules found as much on the same claim (a finding of
    at least its severity: an error stands beside another rule's note that it could not check): one wrong
    figure, one finding."""
    if not defers_to:
        return findings
    strongest: dict[tuple, int] = {}
    for f in findings:
        key = (f.rule, f.spans[0].start, f.spans[0].end)
        strongest[key] = max(strongest.get(key, 0), SEVERITY_RANK[f.severity])
    return [f for f in findings
            if not any(strongest.get((other, f.spans[0].start, f.spans[0].end), 0) >= SEVERITY_RANK[f.severity]
                       for other in defers_to.get(f.rule, ()))]


def _claim_in_scope(rule: Rule, binding: dict, doc: Document) -> bool:
    """Of a rule with several claim roles, whether the claim (the figure stated last) lies within the rule's
    scope of the anchor: the conclusion sits with its ratio, its premise wherever its role allows."""
    if len(rule.claims) < 2 or rule.scope == "document":
        return True
    claim, anchor = binding[rule.claim_of(binding)], binding[rule.anchor.name]
    if isinstance(claim, list) or isinstance(anchor, list) or claim.start is None or anchor.start is None:
        return True
    where = doc.sentence_index if rule.scope == "sentence" else doc.paragraph_index
    return where(claim.start) == where(anchor.start)


def _unevaluated(rule: Rule, binding: dict, exc: Exception) -> Skipped:
    claim = binding[rule.claim_of(binding)]
    claim = claim[0] if isinstance(claim, list) else claim
    shown = claim.text if len(claim.text) <= 40 else claim.text[:40] + "…"
    return Skipped(claim.start, claim.end, f"rule '{rule.id}' could not check '{shown}' ({failure(exc)})")


def _point(bound, rule_unit=None) -> float:
    """The single value a derivation shows for a bound role, in base units: its value, else the middle of
    its bounds."""
    if isinstance(bound, Quantity) and bound.value is not None:
        unit = bound.unit or (rule_unit.pint if rule_unit is not None else None)
        factor, offset = to_base(unit) if unit and bound.kind != "ratio" else (1.0, 0.0)
        return bound.value * factor + offset
    low, high, _, _ = figure_bounds(bound, rule_unit)
    if math.isfinite(low) and math.isfinite(high):
        return (low + high) / 2
    return low if math.isfinite(low) else high


def _shown_value(bound, rule_unit=None) -> Interval:
    """What a derivation computes with for a role: the single value the text gives, or a reference's
    whole range (a market rate over some days)."""
    if isinstance(bound, ReferenceValue) and bound.low is not None and bound.high is not None:
        low, high, _, _ = figure_bounds(bound)
        return Interval(low, high)
    return Interval.point(_point(bound, rule_unit))


def _env(rule: Rule, binding: dict, make) -> dict:
    """Each role's value made by `make(bound, the unit the rule names for the role, whether the rule reads
    its figures as stated)`."""
    stated = rule.stated
    return {name: [make(q, rule.units.get(name), name in stated) for q in v] if isinstance(v, list)
            else make(v, rule.units.get(name), name in stated) for name, v in binding.items()}


def _widened(rule: Rule, binding: dict, claim: str, rounding: float, tolerance: float) -> dict:
    """Intervals for every role, with `rounding` times the rounding allowance, and the tolerance applied
    once, to the claim (the figure being questioned), so it does not compound over several roles."""
    env = _env(rule, binding, lambda b, unit, as_stated: figure_interval(b, rounding, 0.0, unit, as_stated))
    bound = binding.get(claim)
    if tolerance and bound is not None and not isinstance(bound, list):
        env[claim] = figure_interval(bound, rounding, tolerance, rule.units.get(claim), claim in rule.stated)
    return env


def evaluate(rule: Rule, binding: dict) -> Finding | None:
    """The finding for one binding of `rule`, or None when the numbers can hold; an `info` finding when
    a reference figure it needs is unavailable (no exchange rate before 1999)."""
    missing = next((b for b in binding.values() if isinstance(b, ReferenceValue) and b.unavailable), None)
    if missing is not None:
        return Finding(rule.id, "info", f"not checked: {missing.unavailable}",
                       _spans(rule, binding, rule.claim_of(binding)),
                       "no reference figure to compare with", reference=missing.source)
    # the other quantities the last role could have bound (its `alternatives`): the check holds if it holds
    # with one of them
    name, others = getattr(binding, "alternatives", None) or ("", [])
    first = None
    for reading in (binding, *({**binding, name: other} for other in others), *_as_differences(binding)):
        finding = next((f for each in _end_to_end(rule, reading) if (f := _evaluate(rule, each))), None)
        if finding is None:
            return None
        first = first or finding
    if others:
        first = replace(first, derivation=f"{first.derivation}; nor does it hold with {name} "
                                          f"{' or '.join(dict.fromkeys(q.text for q in others))}")
    return first


_OFFSET_SCALES = {"degree_Celsius": "delta_degree_Celsius", "degree_Fahrenheit": "delta_degree_Fahrenheit"}


def _as_differences(binding: dict) -> list[dict]:
    """Temperatures on two scales may be a difference ("warmed by 1.2C (2.2F)", "на 3 градуса Цельсия (5,4
    градуса по Фаренгейту) выше нормы"), converted without the scales' offset: that reading of the binding,
    when it has them (the check holds if either reading does)."""
    temperatures = [b for b in binding.values() if isinstance(b, Quantity) and b.unit in _OFFSET_SCALES]
    if len({b.unit for b in temperatures}) < 2 or any(b.value == 0 for b in temperatures):
        return []  # "0C (0F)" is no difference of anything
    return [{name: replace(b, unit=_OFFSET_SCALES[b.unit]) if isinstance(b, Quantity) and b.unit in _OFFSET_SCALES
             else b for name, b in binding.items()}]


def _end_to_end(rule: Rule, binding: dict) -> list[dict]:
    """A range restated as a range ("10-12 miles (16-19 km)", "$5m-$7m (£3m-£4m)") restates each end: the
    binding at the ranges' low ends, then at their high ends, when a role the rule reads as stated is one
    of two ranges or more; otherwise the binding itself (two overlapping ranges hold)."""
    ranges = [name for name, b in binding.items() if isinstance(b, Quantity) and b.qualifier == "range"
              and b.low is not None and b.high is not None]
    if len(ranges) < 2 or rule.stated.isdisjoint(ranges):
        return [binding]
    return [{**binding, **{name: range_end(binding[name], end) for name in ranges}} for end in ("low", "high")]


def _evaluate(rule: Rule, binding: dict) -> Finding | None:
    claim = rule.claim_of(binding)
    solved = rule.solved[claim]
    widened = _widened(rule, binding, claim, 1.0, rule.tolerance)
    if solved.truth(widened) is not Truth.NEVER:
        return None
    barely = solved.truth(_widened(rule, binding, claim, 2.0, rule.tolerance * 2))
    verdict = "error" if barely is Truth.NEVER else "warning"
    severity = min(verdict, rule.severity, key=SEVERITY_RANK.get)
    points = _env(rule, binding, lambda b, unit, _as_stated: _shown_value(b, unit))  # (shown as written)
    derivation, values = derive(rule, claim, solved, binding, points, widened, verdict)
    message = fill(rule.message, binding, values)
    reference = next((b.source for b in binding.values() if isinstance(b, ReferenceValue)), None)
    return Finding(rule.id, severity, message, _spans(rule, binding, claim), derivation, reference=reference)


def _spans(rule: Rule, binding: dict, claim: str) -> list[SpanRef]:
    """The places in the text a binding rests on, the claim first, then in text order (a figure no place
    in the text names, such as an exchange rate, has none)."""
    spans = []
    for role in rule.roles:
        bound = binding[role.name]
        for b in bound if isinstance(bound, list) else [bound]:
            if b.start is not None:
                spans.append(SpanRef(b.start, b.end, b.text, role.name))
    spans.sort(key=lambda s: (s.role != claim, s.start))
    return spans
