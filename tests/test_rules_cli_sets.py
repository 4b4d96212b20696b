"""The command line's rule options and `rules trace`: `--rules DIR` adds to the shipped rules,
`--no-default-rules` leaves them out (the shipped word classes stay), deprecated keys warn with their
position, and `auditor rules trace ID FILE` prints why a rule fired or not."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import run

ROOT = Path(__file__).resolve().parent.parent

LOCAL = """\
rules:
  - id: local.militants-of-camp
    claim: part
    roles:
      part: {kind: count, counted: [class:militants]}
      whole: {kind: count, words_before: [of the], window: 2, within: sentence}
    check: part <= whole
    message: "{part} is more than {whole}"
"""
TEXT = "Of the 800 people in the camp, 900 fighters left. The 9,000 troops are made up of 4,000 Kurds.\n"


def _setup(tmp_path) -> tuple[Path, Path]:
    rules = tmp_path / "local"
    rules.mkdir()
    (rules / "local.yaml").write_text(LOCAL, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    return rules, doc


def _rules_found(proc) -> list[str]:
    return sorted(f["rule"] for d in json.loads(proc.stdout)["documents"] for f in d["findings"])


def test_rules_add_to_the_shipped_ones_and_no_default_rules_replaces_them(tmp_path):
    rules, doc = _setup(tmp_path)
    added = run("check", doc, "--rules", rules, "--format", "json")
    assert added.returncode == 1
    assert "local.militants-of-camp" in _rules_found(added)
    assert "count.part-exceeds-whole" in _rules_found(added)  # a shipped rule, still on
    alone = run("check", doc, "--rules", rules, "--no-default-rules", "--format", "json")
    assert alone.returncode == 1 and _rules_found(alone) == ["local.militants-of-camp"]
    # the deprecated `within` loads, with a warning at its position naming the key to write
    line = LOCAL.splitlines().index(next(l for l in LOCAL.splitlines() if "within" in l)) + 1
    column = LOCAL.splitlines()[line - 1].index("within") + 1
    assert f"auditor: warning: {rules / 'local.yaml'}:{line}:{column}: role key 'within' is deprecated: " \
           f"write 'scope: sentence'" in alone.stderr


def test_no_default_rules_without_rules_is_said(tmp_path):
    _, doc = _setup(tmp_path)
    proc = run("check", doc, "--no-default-rules")
    assert proc.returncode == 2 and "no rules: --no-default-rules" in proc.stderr


def test_rules_trace_names_the_condition_that_rejected_a_candidate(tmp_path):
    _, doc = _setup(tmp_path)
    proc = run("rules", "trace", "parts.sum-mismatch", doc)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("rule parts.sum-mismatch (") and lines[0].endswith(f"on {doc}")
    assert "  “800” (7-10): rejected by words_after (words_after: [made up of, consist of, consists of, " \
           "consisting of, comprise, comprises, comprising, split into, …])" in lines
    assert "    “4,000” (82-87): qualifies, but too few do" in lines
    assert "  outcome: no binding: role 'parts' bound nothing" in lines
    assert lines[-1] == "findings: 0"


def test_rules_trace_of_a_firing_rule_exits_1_and_a_typo_exits_2(tmp_path):
    rules, doc = _setup(tmp_path)
    proc = run("rules", "trace", "local.militants-of-camp", doc, "--rules", rules)
    assert proc.returncode == 1
    assert "findings: 1" in proc.stdout and "  error: 900 is more than 800 [900, 800]" in proc.stdout
    typo = run("rules", "trace", "parts.sum-mismatsh", doc)
    assert typo.returncode == 2 and "did you mean 'parts.sum-mismatch'?" in typo.stderr
    missing = run("rules", "trace", "parts.sum-mismatch", tmp_path / "nope.txt")
    assert missing.returncode == 2 and "nope.txt" in missing.stderr


def test_rules_test_of_one_shipped_file_is_the_whole_sets_result(tmp_path):
    whole = run("rules", "test")
    alone = run("rules", "test", ROOT / "rules" / "ratio.yaml")
    copy = tmp_path / "ratio.yaml"
    copy.write_text((ROOT / "rules" / "ratio.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    moved = run("rules", "test", copy)
    assert whole.returncode == alone.returncode == moved.returncode == 0, (alone.stdout, moved.stdout)
    assert alone.stdout.strip().endswith("passed, 0 failed") and moved.stdout == alone.stdout
