"""Findings: what a rule found, the spans it rests on (with roles), and a stable fingerprint."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

SEVERITIES = ("error", "warning", "info")  # the severities of findings and rules, highest first
SEVERITY_RANK = {severity: len(SEVERITIES) - n for n, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A place in the document a finding rests on, and the role it plays ("claimed", "base" ...)."""

    start: int
    end: int
    text: str
    role: str


@dataclass
class Finding:
    """One failed check. `spans[0]` is the claim being questioned."""

    rule: str
    severity: str
    message: str
    spans: list[SpanRef]
    derivation: str
    fingerprint: str = ""
    reference: str | None = None  # the source of a reference figure the finding used
    extra: dict = field(default_factory=dict)

    def shifted(self, by: int) -> "Finding":
        """This finding with the offsets of its spans moved `by` characters (from a part of a document to
        the whole)."""
        return replace(self, spans=[replace(s, start=s.start + by, end=s.end + by) for s in self.spans])

    def to_json(self, line_col=None) -> dict:
        spans = []
        for s in self.spans:
            item = {"start": s.start, "end": s.end, "text": s.text, "role": s.role}
            if line_col is not None:
                item["line"], item["column"] = line_col(s.start)
            spans.append(item)
        out = {"rule": self.rule, "severity": self.severity, "message": self.message, "spans": spans,
               "derivation": self.derivation, "fingerprint": self.fingerprint}
        if self.reference:
            out["reference"] = self.reference
        return out


_SPACE = re.compile(r"\s+")


def fingerprint_key(rule: str, spans: list[SpanRef]) -> str:
    """What identifies a finding regardless of where it sits: the rule and its spans' roles and texts.
    Editing elsewhere keeps it; changing a number in the claim changes it."""
    parts = [rule] + [f"{s.role}={_SPACE.sub(' ', s.text.strip()).lower()}" for s in spans]
    return "\x1f".join(parts)


def assign_fingerprints(findings: list[Finding]) -> None:
    """Give each finding a fingerprint; identical findings (a repeated paragraph) are told apart by their
    order of occurrence."""
    seen: dict[str, int] = {}
    for f in findings:
        key = fingerprint_key(f.rule, f.spans)
        n = seen.get(key, 0)
        seen[key] = n + 1
        f.fingerprint = hashlib.sha256(f"{key}\x1e{n}".encode()).hexdigest()[:32]


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether `severity` reaches `threshold` ("never" is never reached)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
