"""The role vocabulary (auditor/rules/vocabulary.py): one registry of condition keys, docs/rules.md's
table generated from it, the merged keys, the deprecated ones still loading with a warning, and word
conditions looking where the documentation says."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.engine import Engine
from auditor.extract import quantity
from auditor.findings import SEVERITIES
from auditor.rules import schema, vocabulary
from auditor.rules.matcher import Matcher
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES_DOC = ROOT / "docs" / "rules.md"


def test_the_doc_table_is_the_registry():
    text = RULES_DOC.read_text(encoding="utf-8")
    assert vocabulary.TABLE_BEGIN in text and vocabulary.TABLE_END in text
    assert vocabulary.with_key_table(text) == text, "docs/rules.md differs from the registry: run tools/rules_doc.py"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "rules_doc.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_changed_doc_line_is_caught(tmp_path):
    text = RULES_DOC.read_text(encoding="utf-8").replace("| `scope` | be in the anchor's", "| `scope` | lie in the")
    assert vocabulary.with_key_table(text) != text


def test_every_key_has_a_parser_and_a_documented_line():
    table = vocabulary.key_table()
    for key in vocabulary.KEYS:
        assert key.doc.strip() and callable(key.parse)
        assert f"| `{key.name}` |" in table
    for old in vocabulary.DEPRECATED:
        assert f"| `{old.name}` |" in table and old.name not in vocabulary.ROLE_KEYS


def test_kinds_qualifiers_and_severities_are_defined_once():
    assert vocabulary.KINDS is quantity.KINDS and vocabulary.QUALIFIERS is quantity.QUALIFIERS
    assert schema.SEVERITIES is SEVERITIES
    for kind in quantity.KINDS:
        assert f"`{kind}`" in vocabulary.BY_NAME["kind"].doc


def test_the_shipped_rules_use_no_deprecated_key():
    ruleset = load_rules([str(ROOT / "rules")])
    assert ruleset.errors == [] and ruleset.warnings == []


OLD_KEYS = """\
rules:
  - id: ratio.old-keys
    claim: claimed
    roles:
      ratio:
        kind: ratio
      base:
        kind: count
        within: document
        counted_like: ratio.second
      claimed:
        kind: count
        within: paragraph
        counted_like: ratio.first
        follows: base
    check: claimed == base * ratio
    message: "a {ratio.terms} ratio applied to {base.value} gives {expected}, not {claimed}"
"""
NEW_KEYS = (OLD_KEYS.replace("ratio.old-keys", "ratio.new-keys").replace("within:", "scope:")
            .replace("counted_like: ratio.second", "counted: {as: ratio.second}")
            .replace("counted_like: ratio.first", "counted: {as: ratio.first}")
            .replace("follows: base", "position: after base"))
RATIO_TEXT = ("With 900 attackers killed, analysts put losses at one defender for every three attackers, so "
              "defenders must have lost at least 400 men.")


def _load(tmp_path, text: str, name: str = "r.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path), load_rules([str(path)])


def test_deprecated_keys_load_with_a_located_warning_naming_the_new_key(tmp_path):
    path, ruleset = _load(tmp_path, OLD_KEYS)
    assert ruleset.errors == [] and [r.id for r in ruleset.rules] == ["ratio.old-keys"]
    lines = OLD_KEYS.splitlines()
    by_key = {}
    for w in ruleset.warnings:
        assert w.path == path
        key = lines[w.line - 1].strip().split(":")[0]
        assert w.column == lines[w.line - 1].index(key) + 1, str(w)
        by_key.setdefault(key, []).append(w.message)
    assert sorted(by_key) == ["counted_like", "follows", "within"]
    assert len(ruleset.warnings) == 5
    assert "write 'scope: document'" in by_key["within"][0]
    assert "write 'position: after base'" in by_key["follows"][0]
    assert "write 'counted: {as: ratio.second}'" in by_key["counted_like"][0]


def test_deprecated_and_merged_keys_find_the_same(tmp_path):
    _, old = _load(tmp_path, OLD_KEYS, "old.yaml")
    _, new = _load(tmp_path, NEW_KEYS, "new.yaml")
    assert new.warnings == [] and new.errors == []
    results = []
    for ruleset in (old, new):
        findings = Engine(ruleset).check(Document("t.txt", RATIO_TEXT)).findings
        results.append([(f.message, [s.text for s in f.spans]) for f in findings])
    assert results[0] == results[1]
    assert results[0] == [("a 1:3 ratio applied to 900 gives 300, not at least 400",
                           ["at least 400", "900", "one defender for every three attackers"])]


def test_a_deprecated_key_beside_its_replacement_is_merged(tmp_path):
    text = OLD_KEYS.replace("        follows: base\n", "        follows: base\n        position: before\n")
    _, ruleset = _load(tmp_path, text)
    assert ruleset.errors == []
    claimed = ruleset.rules[0].roles[2]
    assert (claimed.position, claimed.after_role, claimed.counted_term) == ("before", "base", 0)


def test_two_deprecated_keys_saying_one_thing_are_an_error(tmp_path):
    text = OLD_KEYS.replace("        follows: base\n", "        same_counted_as: base\n")
    _, ruleset = _load(tmp_path, text)
    assert len(ruleset.errors) == 1
    error = ruleset.errors[0]
    assert "same_counted_as" in error.message and error.line == text.splitlines().index("        same_counted_as: base") + 1


def test_a_bad_deprecated_value_is_an_error_at_it(tmp_path):
    text = OLD_KEYS.replace("within: paragraph", "within: chapter")
    _, ruleset = _load(tmp_path, text)
    assert len(ruleset.errors) == 1
    error = ruleset.errors[0]
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "chapter" in l)
    assert (error.line, error.column) == (line, text.splitlines()[line - 1].index("chapter") + 1)
    assert "'chapter'" in error.message


@pytest.mark.parametrize("value, message", [
    ("[after, 3]", "'position' is a word"), ("[before, after]", "both before and after"), ("sideways", "sideways"),
    ("'after nobody'", "nobody"),
])
def test_bad_positions_are_errors(tmp_path, value, message):
    text = NEW_KEYS.replace("position: after base", f"position: {value}")
    _, ruleset = _load(tmp_path, text)
    assert len(ruleset.errors) == 1 and message in ruleset.errors[0].message, ruleset.errors


# -- where word conditions look ------------------------------------------------------------------------
WORDS_RULE = """\
rules:
  - id: fixture.words
    roles:
      anchor:
        kind: count
        {condition}
      other: {{kind: count}}
    check: anchor <= other
    message: "{{anchor}}"
"""


def _rejection(tmp_path, condition: str, text: str, figure: str) -> str | None:
    _, ruleset = _load(tmp_path, WORDS_RULE.format(condition=condition))
    assert ruleset.errors == [], ruleset.errors
    engine = Engine(ruleset)
    index, _, _ = engine.index(Document("t.txt", text))
    rule = ruleset.rules[0]
    i = next(n for n, q in enumerate(index.quantities) if q.text == figure)
    return Matcher(rule, index, engine.classes).rejection(rule.anchor, i)


@pytest.mark.parametrize("condition, text, figure, rejected", [
    # words_before: in the figure's clause only, back to a comma, bracket, colon or quotation mark...
    ("words_before: [freed]", "Rebels freed 300 prisoners and 12 guards.", "300", None),
    ("words_before: [freed]", "Rebels freed, officials said, 300 prisoners and 12 guards.", "300", "words_before"),
    ("words_before: [freed]", "Rebels freed (officials said) 300 prisoners and 12 guards.", "300", "words_before"),
    # ... not at a dash, and within `window` words
    ("words_before: [население]", "Его население — 95 тысяч человек, а не 12.", "95 тысяч", None),
    ("{words_before: [freed], window: 2}", "Rebels freed all the 300 prisoners and 12 guards.", "300", "words_before"),
    # words_after: across commas in the sentence, unless `clause: true`
    ("words_after: [including]", "Up to 300 fighters, including 12 foreigners.", "Up to 300", None),
    ("{words_after: [including], clause: true}", "Up to 300 fighters, including 12 foreigners.", "Up to 300",
     "words_after"),
    ("words_after: [including]", "Up to 300 fighters. Including 12 foreigners.", "Up to 300", "words_after"),
    # words_around: before across commas, after within the clause
    ("words_around: [rose]", "Prices rose, officials said, by 300 and 12.", "300", None),
    ("words_around: [rose]", "Prices were 300, and 12 rose.", "300", "words_around"),
    # a number in a word list stands for any number
    ("words_after: [of 1]", "They freed 300 of 12 men.", "300", None),
])
def test_word_conditions_look_where_the_doc_says(tmp_path, condition, text, figure, rejected):
    if condition.startswith("{"):
        condition = condition.strip("{}").replace(", ", "\n        ")
    assert _rejection(tmp_path, condition, text, figure) == rejected
