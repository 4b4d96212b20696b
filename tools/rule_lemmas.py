#!/usr/bin/env python3
"""Write auditor/rules/lemmas.json: the lemma pymorphy3 gives each Russian word of the shipped rules.

Loading the rules normalises their word lists, and a Russian word needs pymorphy3, whose dictionary
takes longer to open than a short English text takes to check; with this table the shipped rules load
without it (words.normalise looks here first). tests/test_rule_cache.py fails when the table no longer
matches the rules or pymorphy3.

    python tools/rule_lemmas.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.extract.russian import parse_word  # noqa: E402
from auditor.rules import shipped_rules_dir, words  # noqa: E402


def russian_words() -> set[str]:
    """Every Russian word (lower case, ё as е) of the shipped rules, their examples left out."""
    found: set[str] = set()

    def walk(value, key=None):
        if key == "examples":
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            for word in words.TOKEN.findall(value):
                plain = words.plain_form(word)
                if words._CYRILLIC.search(plain):
                    found.add(plain)

    for path in sorted(Path(shipped_rules_dir()).rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def table() -> dict[str, str]:
    return {w: parse_word(w).normal_form.replace("ё", "е") for w in sorted(russian_words())
            if w not in words.KEPT_AS_WRITTEN}


if __name__ == "__main__":
    lines = [f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in table().items()]
    words.SHIPPED_LEMMAS.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {words.SHIPPED_LEMMAS.relative_to(ROOT)}")
