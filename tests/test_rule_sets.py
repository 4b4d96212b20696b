"""Which rules a run uses (auditor/rules/sets.py): user rules add to the shipped ones or replace them,
and may name the shipped word classes; a shipped file tested alone gives the result of the whole set."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules.schema import load_rules
from auditor.rules.sets import load_for_testing, load_rule_set

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"

USER_RULE = """\
rules:
  - id: local.militant-count
    claim: part
    roles:
      part: {kind: count, counted: [class:militants]}
      whole: {kind: count, words_before: [of the], window: 2}
    check: part <= whole
    message: "{part} is more than {whole}"
"""
TEXT = "Of the 800 people in the camp, 900 fighters left."


def _user_dir(tmp_path) -> str:
    (tmp_path / "local.yaml").write_text(USER_RULE, encoding="utf-8")
    return str(tmp_path)


def test_user_rules_add_to_the_shipped_ones(tmp_path):
    shipped = load_rules([str(RULES_DIR)])
    ruleset = load_rule_set([_user_dir(tmp_path)])
    assert ruleset.errors == []
    assert sorted(r.id for r in ruleset.rules) == sorted([r.id for r in shipped.rules] + ["local.militant-count"])


def test_no_default_rules_keeps_the_users_alone_with_the_shipped_classes(tmp_path):
    ruleset = load_rule_set([_user_dir(tmp_path)], default_rules=False)
    assert ruleset.errors == [] and [r.id for r in ruleset.rules] == ["local.militant-count"]
    assert ruleset.rules[0].roles[0].counted.find(["fighter"])  # class:militants, from rules/classes.yaml
    findings = Engine(ruleset).check(Document("t.txt", TEXT)).findings
    assert [(f.rule, f.spans[0].text) for f in findings] == [("local.militant-count", "900")]


def test_every_rule_file_may_name_the_shipped_classes(tmp_path):
    assert load_rules([_user_dir(tmp_path)]).errors == []
    ruleset = load_rules([_user_dir(tmp_path)], classes={})  # what they are needed for
    assert len(ruleset.errors) == 1 and "unknown class 'militants'" in ruleset.errors[0].message


def test_naming_the_shipped_folder_again_loads_it_once():
    ruleset = load_rule_set([str(RULES_DIR), str(RULES_DIR / "ratio.yaml")])
    assert ruleset.errors == []
    assert len(ruleset.rules) == len(load_rules([str(RULES_DIR)]).rules)


def _example_outcomes(ruleset, rule_ids) -> list:
    engine = Engine(ruleset)
    out = []
    for rule in sorted((r for r in ruleset.rules if r.id in rule_ids), key=lambda r: r.id):
        for ex in rule.fail_examples + rule.pass_examples:
            findings = engine.check(Document("ex.txt", ex.text), [rule]).findings
            out.append((rule.id, ex.text, [(f.message, [s.text for s in f.spans]) for f in findings]))
    return out


def test_a_shipped_file_tested_alone_gives_the_whole_sets_result(tmp_path):
    whole = load_rules([str(RULES_DIR)])
    ids = {r.id for r in load_rules([str(RULES_DIR / "ratio.yaml")]).rules}
    expected = _example_outcomes(whole, ids)
    assert any(findings for _, _, findings in expected)
    alone = load_for_testing([str(RULES_DIR / "ratio.yaml")])
    assert _example_outcomes(alone, ids) == expected
    # a copy away from its folder still has the shipped classes the ratio rules rely on
    copy = tmp_path / "ratio.yaml"
    shutil.copy(RULES_DIR / "ratio.yaml", copy)
    assert _example_outcomes(load_for_testing([str(copy)]), ids) == expected
    assert _example_outcomes(load_rules([str(copy)], classes={}), ids) != expected  # what the classes do
