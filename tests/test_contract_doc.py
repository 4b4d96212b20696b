"""docs/contract.md, the page scripts rely on, says what the code does: its exit codes are the CLI's, its
formats are the CLI's, and the JSON keys it fixes are the ones `extract` and `check` print."""

from __future__ import annotations

import json
import re
from pathlib import Path

from auditor.cli import exit_codes
from auditor.cli.parser import FORMATS
from cli_runner import run

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")


def test_the_exit_code_table_is_the_cli_s():
    table = dict(re.findall(r"^\| (\d) \| (.+?) \|$", DOC, re.M))
    assert sorted(map(int, table)) == sorted(
        getattr(exit_codes, name) for name in dir(exit_codes) if name.startswith("EXIT_"))
    assert "found something" in table[str(exit_codes.EXIT_FINDINGS)]
    assert "could not be read" in table[str(exit_codes.EXIT_USAGE)]
    assert "rule file is invalid" in table[str(exit_codes.EXIT_RULES)]


def test_every_machine_readable_format_is_described():
    for fmt in ("json", "jsonl"):
        assert fmt in FORMATS and f"--format {fmt}" in DOC


def test_the_keys_it_fixes_are_printed(tmp_path):
    text = "Of the 800 detainees, 900 were released on Monday, 12 March 2017.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    extracted = json.loads(run("extract", tmp_path / "a.txt", "--format", "json").stdout)
    [quantity, *_] = extracted["documents"][0]["quantities"]
    for key in ("start", "end", "text", "value", "low", "high", "qualifier", "unit", "counted", "kind"):
        assert f"`{key}`" in DOC or f'"{key}"' in DOC, key
        assert key in quantity, key
    checked = json.loads(run("check", tmp_path / "a.txt", "--format", "json", "--jobs", "1").stdout)
    [finding] = checked["documents"][0]["findings"]
    assert set(finding) >= {"rule", "severity", "message", "spans", "derivation", "fingerprint"}
    assert set(checked["documents"][0]) >= {"path", "findings", "date"}
    assert set(checked["summary"]) == {"error", "warning", "info", "documents", "suppressed"}
    assert quantity["text"] == text[quantity["start"]:quantity["end"]]


def test_the_readme_points_at_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/contract.md)" in readme
    assert not (ROOT / "CONTRACT.md").exists()  # one page, not two that drift apart
