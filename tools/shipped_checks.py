#!/usr/bin/env python3
"""Write auditor/rules/shipped_checks.json: every shipped rule's check compiled (units checked by pint,
relation solved by sympy), so that a first run, with an empty cache, compiles nothing for them.

The shipped rules are loaded with a cache folder of their own, which receives one entry per check
(auditor/rules/compiled.py); those entries are the table. tests/test_relation.py fails when the table is
not what this writes today. Run it after changing a shipped rule's check, roles or units:

    python tools/shipped_checks.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def table() -> dict:
    """{key: compiled check} for the shipped rules, compiled afresh."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["AUDITOR_CACHE_DIR"] = folder
        from auditor.rules import compiled, schema, shipped_rules_dir

        compiled._shipped.cache_clear()
        saved, compiled.SHIPPED = compiled.SHIPPED, Path(folder) / "none.json"  # compile, do not look up
        try:
            ruleset = schema.parse_rules([shipped_rules_dir()])
        finally:
            compiled.SHIPPED = saved
            compiled._shipped.cache_clear()
        if ruleset.errors:
            raise SystemExit("the shipped rules have errors: " + "; ".join(map(str, ruleset.errors)))
        entries = sorted((Path(folder) / "relations").glob("*.json"))
        return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in entries}


if __name__ == "__main__":
    from auditor.rules import compiled

    compiled.SHIPPED.write_text(json.dumps(table(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {compiled.SHIPPED.relative_to(ROOT)}")
