"""docs/security.md states every limit with the value the code uses."""

from __future__ import annotations

from pathlib import Path

from auditor.document import MAX_DOCUMENT_BYTES
from auditor.report.check_text import DEFAULT_WIDTH
from auditor.report.sarif import SNIPPET_CONTEXT
from auditor.rules import expr, matcher, patterns, schema

DOC = (Path(__file__).resolve().parent.parent / "docs" / "security.md").read_text(encoding="utf-8")


def test_every_limit_is_stated_with_its_value():
    stated = {
        "document bytes": f"{MAX_DOCUMENT_BYTES:,} bytes",
        "rule file bytes": f"{schema.MAX_RULE_FILE_BYTES:,} bytes",
        "YAML depth": f"| {schema.MAX_YAML_DEPTH} levels |",
        "digits": f"| {schema.MAX_NUMBER_DIGITS} digits",
        "check length": f"{expr.MAX_SOURCE_LENGTH} characters, {expr.MAX_NODES} syntax nodes, "
                        f"{expr.MAX_DEPTH} levels deep, literals up to {expr.MAX_LITERAL:.0e}".replace("+", ""),
        "exponent": f"exponent up to {expr.MAX_EXPONENT}",
        "pattern": f"| {patterns.MAX_PATTERN_LENGTH} characters; {patterns.MAX_GROUP_DEPTH} nested groups; "
                   f"`{{m,n}}` counts up to {patterns.MAX_REPEAT:,}; a group holding a repetition or "
                   f"alternatives repeated at most {patterns.MAX_NESTED_REPEAT} times",
        "flags": "inline flags " + ", ".join(f"`{f}`" for f in patterns.ALLOWED_FLAGS[:-1])
                 + f", `{patterns.ALLOWED_FLAGS[-1]}` only",
        "per match": f"| {schema.REGEX_TIMEOUT * 1000:.0f} ms of CPU time (",
        "budget": f"| {matcher.REGEX_BUDGET:g} s of CPU time;",
        "reach": f"at most {matcher.CANDIDATE_REACH} quantities",
        "gap": f"{matcher.DEFAULT_MAX_GAP} characters between",
        "reference": f"at most {matcher.REFERENCE_REACH} characters before",
        "sarif": f"at most {SNIPPET_CONTEXT} characters on either side",
        "text window": f"width ({DEFAULT_WIDTH} columns off a terminal)",
    }
    missing = {what: text for what, text in stated.items() if text not in DOC}
    assert not missing, missing
