"""Why a rule did or did not fire on a document: every candidate of every role, and what decided it.

`trace_rule(engine, rule, doc)` walks the rule the way the matcher binds it (`Matcher`'s own tests, in
its order) and records, for the anchor role, every quantity of the document with the first condition it
fails; then, for each anchor that passed, every candidate of each other role in turn: the condition
that rejected it (a key of the role, as named in docs/rules.md), or that it was bound, until a role binds
nothing. Each complete binding is evaluated as the engine evaluates it. `RuleTrace.lines()` is the
report `auditor rules trace ID FILE` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..extract import Quantity
from ..findings import Finding
from .matcher import CANDIDATE_REACH, Matcher, ReferenceValue
from .schema import Role, Rule
from .vocabulary import shown_value

BOUND = "bound"
STARTS = "starts a match"  # an anchor's quantity that meets its conditions
TAKEN = "taken"  # already bound to an earlier role
REJECTED = "rejected"
PASSED_OVER = "passed over"  # it qualifies, but a nearer candidate was bound
TOO_FEW = "too few"  # it qualifies for a `many` role, but fewer than its `min` do


@dataclass
class Candidate:
    """One quantity considered for a role: what became of it, and the condition that decided it."""

    quantity: Quantity | ReferenceValue
    outcome: str  # BOUND, STARTS, TAKEN, REJECTED, PASSED_OVER or TOO_FEW
    condition: str | None = None  # the role key that rejected it ("words_before", "position" ...)
    detail: str = ""  # what that key asks for, as the rule file says it

    def line(self) -> str:
        q = self.quantity
        where = f"{q.start}-{q.end}" if q.start is not None else "reference"
        said = f"“{q.text}” ({where})"
        if self.outcome == REJECTED:
            return f"{said}: rejected by {self.condition}" + (f" ({self.detail})" if self.detail else "")
        if self.outcome == PASSED_OVER:
            return f"{said}: qualifies, but a nearer one was bound"
        if self.outcome == TAKEN:
            return f"{said}: already {self.detail}"
        if self.outcome == TOO_FEW:
            return f"{said}: qualifies, but too few do"
        if isinstance(q, ReferenceValue):
            figure = "unavailable" if q.unavailable else _reference_figure(q)
            return f"{said}: bound to the reference figure {figure} ({q.source})"
        return f"{said}: {self.outcome}"


@dataclass
class RoleTrace:
    """The candidates of one role for one anchor, and what it bound (None: nothing)."""

    role: str
    candidates: list[Candidate] = field(default_factory=list)
    bound: object = None
    note: str = ""  # why nothing was bound, beyond the candidates' reasons; what lay out of reach


@dataclass
class MatchTrace:
    """One anchor: the roles tried after it, and the outcome."""

    anchor: Quantity
    roles: list[RoleTrace]
    outcome: str


@dataclass
class RuleTrace:
    """The trace of one rule on one document."""

    rule: Rule
    document: Document
    anchors: list[Candidate]
    matches: list[MatchTrace]
    findings: list[Finding]

    def lines(self) -> list[str]:
        """The trace as text, one line per candidate."""
        rule, anchor = self.rule, self.rule.anchor
        out = [f"rule {rule.id} ({rule.path}:{rule.line}) on {self.document.path}",
               f"anchor role '{anchor.name}': {len(self.anchors)} quantities"]
        out += [f"  {c.line()}" for c in self.anchors]
        for match in self.matches:
            out.append(f"anchor “{match.anchor.text}” ({match.anchor.start}-{match.anchor.end}):")
            for role in match.roles:
                out.append(f"  role '{role.role}':" + ("" if role.candidates else " no candidates"))
                out += [f"    {c.line()}" for c in role.candidates]
                if role.note:
                    out.append(f"    {role.note}")
            out.append(f"  outcome: {match.outcome}")
        out.append(f"findings: {len(self.findings)}")
        for f in self.findings:
            out.append(f"  {f.severity}: {f.message} [{', '.join(s.text for s in f.spans)}]")
        if rule.defers_to and self.findings:
            out.append(f"  (with the whole rule set, a finding is left out when {' or '.join(rule.defers_to)} "
                       "has one of at least its severity on the same claim)")
        return out


def trace_rule(engine, rule: Rule, doc: Document) -> RuleTrace:
    """The trace of `rule` on `doc`, with `engine`'s word classes and date (see the module docstring)."""
    index, _, _ = engine.index(doc)
    matcher = Matcher(rule, index, engine.classes)
    kept = {_binding_key(b) for b in matcher.bindings()}
    anchors, matches = [], []
    anchor = rule.anchor
    for i, q in enumerate(index.quantities):
        condition = matcher.rejection(anchor, i)
        anchors.append(Candidate(q, REJECTED, condition, _detail(anchor, condition)) if condition else
                       Candidate(q, STARTS))
        if condition is None:
            matches.append(_trace_anchor(engine, matcher, i, kept))
    findings = engine.check(doc, [rule]).findings
    return RuleTrace(rule, doc, anchors, matches, findings)


def _trace_anchor(engine, matcher: Matcher, i: int, kept: set) -> MatchTrace:
    from ..engine import evaluate

    rule, ix = matcher.rule, matcher.ix
    binding: dict = {rule.anchor.name: ix.quantities[i]}
    used = {i}
    roles = []
    for role in rule.roles[1:]:
        traced = _trace_role(matcher, role, i, binding, used)
        roles.append(traced)
        if traced.bound is None:
            return MatchTrace(ix.quantities[i], roles, f"no binding: role '{role.name}' bound nothing")
        binding[role.name] = traced.bound
    if _binding_key(binding) not in kept:
        outcome = "another anchor binds the same claim more tightly: that binding is the one checked"
    else:
        finding = evaluate(rule, binding)
        outcome = (f"the check holds ({rule.check.source}) within the figures' bounds and rounding"
                   if finding is None else f"{finding.severity}: {finding.message} ({finding.derivation})")
    return MatchTrace(ix.quantities[i], roles, outcome)


def _trace_role(matcher: Matcher, role: Role, anchor: int, binding: dict, used: set) -> RoleTrace:
    """Every candidate of `role` for this anchor, as `Matcher.bind` considers them (and the same result)."""
    traced = RoleTrace(role.name)
    if role.reference:
        traced.bound = matcher.bind(role, anchor, binding, used)
        if traced.bound is None:
            traced.note = "no place before the anchor in its sentence has this reference figure"
        else:
            traced.candidates.append(Candidate(traced.bound, BOUND))
        return traced
    ix = matcher.ix
    first, last = ix.scope_range(anchor, role.scope)
    reach = matcher.candidates(role, anchor)
    in_reach = set(reach)
    for j in range(first, last):  # in the scope but not on the side `position` asks for
        if j != anchor and j not in in_reach and abs(j - anchor) <= CANDIDATE_REACH:
            traced.candidates.append(Candidate(ix.quantities[j], REJECTED, "position",
                                               f"position: {role.position}"))
    outside = len(ix.quantities) - (last - first)
    far = (last - first) - 1 - len(traced.candidates) - len(reach)
    notes = [f"{outside} quantities outside the anchor's {role.scope} (scope: {role.scope})" if outside else "",
             f"{far} quantities more than {CANDIDATE_REACH} away from the anchor" if far > 0 else ""]
    traced.note = "; ".join(n for n in notes if n)
    qualifying = []
    for j in matcher.nearest_first(role, anchor):
        q = ix.quantities[j]
        if j in used:
            owner = next((name for name, b in binding.items() if b is q or isinstance(b, list) and q in b), "?")
            traced.candidates.append(Candidate(q, TAKEN, detail=f"bound to role '{owner}'"))
            continue
        condition = matcher.rejection(role, j) or matcher.relation_rejection(role, anchor, j, binding)
        if condition:
            traced.candidates.append(Candidate(q, REJECTED, condition, _detail(role, condition)))
        else:
            qualifying.append(j)
            traced.candidates.append(Candidate(q, BOUND if role.many or len(qualifying) == 1 else PASSED_OVER))
    bound = matcher.bind(role, anchor, binding, used)  # the matcher's own answer, which the trace mirrors
    if role.many and bound is None:
        traced.note = "; ".join(n for n in (traced.note, f"{len(qualifying)} qualify, fewer than min: {role.min}") if n)
        for c in traced.candidates:
            if c.outcome == BOUND:
                c.outcome = TOO_FEW
    traced.bound = bound
    return traced


def _reference_figure(ref: ReferenceValue) -> str:
    from ..amounts import format_amount

    if ref.low is not None and ref.high is not None and ref.low != ref.high:
        return f"{format_amount(ref.low, ref.unit)}–{format_amount(ref.high, ref.unit)}"
    return format_amount(ref.value, ref.unit)


def _detail(role: Role, condition: str) -> str:
    """What the role's key says, as written in the rule file (`words_before: [of, of the]`)."""
    if condition in role.spec:
        return f"{condition}: {shown_value(role.spec[condition])}"
    return ""


def _binding_key(binding: dict) -> tuple:
    """What a binding binds, by place in the text (a reference figure is made anew at each binding)."""
    def place(b):
        return (b.start, b.end, b.text)
    return tuple(sorted((name, tuple(map(place, b)) if isinstance(b, list) else place(b))
                        for name, b in binding.items()))
