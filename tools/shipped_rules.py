#!/usr/bin/env python3
"""Write auditor/rules/shipped_rules.pickle: the shipped rules compiled, so that a run with an empty
cache (a fresh CI container, a first pre-commit run) does not parse them (auditor/rules/cache.py).

tests/test_rule_cache.py fails when the build no longer matches the shipped rule files or the source of
auditor/rules; a stale build is never used, only slower. Run it after changing either:

    python tools/shipped_rules.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from auditor.rules import cache

    path = cache.write_shipped_build()
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
