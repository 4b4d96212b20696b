"""`auditor rules test`: a rule without examples fails (named), and one file of a rule set is tested with
the word classes the rest of its folder defines, so it gives the same result as the whole set."""

from __future__ import annotations

import re
from pathlib import Path

from cli_runner import run

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

RULE_WITHOUT = """\
rules:
  - id: area.{name}
    title: A part of a territory is larger than the whole
    severity: error
    claim: part
    scope: paragraph
    roles:
      part: {{dimension: area, words_before: [hold], window: 8}}
      whole: {{dimension: area, within: paragraph, words_around: [total area], window: 8}}
    check: part <= whole
    message: "{{part}} cannot be part of {{whole}}"
{examples}"""


def test_a_rule_without_examples_fails_and_is_named(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RULE_WITHOUT.format(name="bare", examples="")
                    + RULE_WITHOUT.format(name="no-pass", examples=(
                        "    examples:\n      fail:\n        - text: Rebels hold 52,000 square kilometres of a "
                        "province whose total area is 48,000 square kilometres.\n"))[len("rules:\n"):],
                    encoding="utf-8")
    proc = run("rules", "test", path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"r\.yaml:2: area\.bare: no examples", proc.stdout), proc.stdout
    assert re.search(r"area\.no-pass: no passing example", proc.stdout), proc.stdout
    assert "1 passed, 2 failed" in proc.stdout


def _summary(proc) -> tuple[int, int]:
    passed, failed = re.search(r"(\d+) passed, (\d+) failed", proc.stdout).groups()
    return int(passed), int(failed)


def test_each_shipped_file_alone_gives_what_the_whole_set_gives():
    whole = run("rules", "test")
    assert whole.returncode == 0, whole.stdout
    total = 0
    for path in sorted(RULES.glob("*.yaml")):
        proc = run("rules", "test", path)
        assert proc.returncode == 0, (path.name, proc.stdout, proc.stderr)
        passed, failed = _summary(proc)
        assert failed == 0
        total += passed
    assert total == _summary(whole)[0]
