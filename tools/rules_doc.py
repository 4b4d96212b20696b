#!/usr/bin/env python3
"""Regenerate docs/rules.md's table of role conditions from the registry in auditor/rules/vocabulary.py.

    python tools/rules_doc.py           # rewrite the table between its markers
    python tools/rules_doc.py --check   # exit 1 if the doc and the registry differ

tests/test_vocabulary.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from auditor.rules.vocabulary import with_key_table

    text = DOC.read_text(encoding="utf-8")
    generated = with_key_table(text)
    if "--check" in argv:
        if generated != text:
            print(f"{DOC}: the role-key table differs from auditor/rules/vocabulary.py; run tools/rules_doc.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(generated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
