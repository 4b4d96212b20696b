"""The resume file (`auditor check --resume FILE`): what it records, what it skips, and how it survives a
torn last line, other rules and a file that is not its own; end to end without a cluster."""

from __future__ import annotations

import json
import shutil

from cli_runner import ROOT, run

from auditor.resume import ResumeError, ResumeLog, rules_identity
from auditor.rules import shipped_rules_dir
from auditor.rules.schema import load_rules

import pytest


def test_records_are_read_back_and_a_torn_last_line_is_dropped(tmp_path):
    path = tmp_path / "state.jsonl"
    with ResumeLog.open(str(path), "rules-a") as log:
        log.record("a.txt", "1" * 64)
        log.record("b.txt", "2" * 64)
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"path": "c.txt", "sha2')  # killed in the middle of a write
    with ResumeLog.open(str(path), "rules-a") as log:
        assert log.done == {"a.txt": "1" * 64, "b.txt": "2" * 64}
        log.record("d.txt", "4" * 64)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"auditor_resume": 1, "rules": "rules-a"}
    assert [json.loads(line)["path"] for line in lines[1:]] == ["a.txt", "b.txt", "d.txt"]


def test_a_file_recorded_with_other_rules_starts_afresh(tmp_path):
    path = tmp_path / "state.jsonl"
    with ResumeLog.open(str(path), "rules-a") as log:
        log.record("a.txt", "1" * 64)
    with ResumeLog.open(str(path), "rules-b") as log:
        assert log.restarted and log.done == {}
    with ResumeLog.open(str(path), "rules-b") as log:
        assert not log.restarted and log.done == {}


def test_a_file_that_is_not_a_resume_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(ResumeError, match="notes.txt: is not an auditor resume file"):
        ResumeLog.open(str(path), "rules-a")
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_the_rules_identity_follows_the_rule_files_content(tmp_path):
    shutil.copytree(shipped_rules_dir(), tmp_path / "rules")
    same = rules_identity(load_rules([str(tmp_path / "rules")]))
    assert same == rules_identity(load_rules([shipped_rules_dir()]))
    first = sorted((tmp_path / "rules").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert rules_identity(load_rules([str(tmp_path / "rules")])) != same


def test_the_identity_follows_the_date_and_the_encoding_a_run_is_given():
    rules = load_rules([shipped_rules_dir()])
    plain = rules_identity(rules)
    assert plain == rules_identity(rules, None, None)
    assert len({plain, rules_identity(rules, "2005"), rules_identity(rules, "2006"),
                rules_identity(rules, None, "cp1251")}) == 4


def test_the_identity_follows_the_code(monkeypatch):
    from auditor import resume

    rules = load_rules([shipped_rules_dir()])
    before = rules_identity(rules)
    monkeypatch.setattr(resume, "_code_digest", lambda: "edited")
    assert rules_identity(rules) != before


def _corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, docs / seed.name)
    return docs


def test_a_resumed_run_checks_only_new_and_changed_documents(tmp_path):
    docs = _corpus(tmp_path)
    state, out = tmp_path / "state.jsonl", tmp_path / "out.jsonl"
    command = ["check", docs, "--format", "jsonl", "--jobs", "1", "--resume", state, "--output", out]
    first = run(*command)
    assert first.returncode == 1  # the seeds have findings
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and len(state.read_text().splitlines()) == 5

    again = run(*command)
    assert again.returncode == 0  # nothing checked, nothing found
    assert "4 documents skipped, already checked" in again.stderr
    assert out.read_text(encoding="utf-8").splitlines() == lines

    changed = sorted(docs.iterdir())[1]
    planted = "\n\nOf the 800 detainees, 900 were released on Monday.\n"
    changed.write_text(changed.read_text(encoding="utf-8") + planted, encoding="utf-8")
    third = run(*command)
    assert "3 documents skipped" in third.stderr
    new = out.read_text(encoding="utf-8").splitlines()[4:]
    assert [json.loads(line)["path"] for line in new] == [str(changed)]
    assert "count.part-exceeds-whole" in {f["rule"] for f in json.loads(new[0])["findings"]}


def test_a_run_at_another_date_checks_everything_again(tmp_path):
    docs = _corpus(tmp_path)
    state, out = tmp_path / "state.jsonl", tmp_path / "out.jsonl"
    command = ["check", docs, "--format", "jsonl", "--jobs", "1", "--resume", state, "--output", out]
    run(*command, "--date", "2005")
    again = run(*command, "--date", "2006")  # a dated check may find otherwise at another date
    assert "starting afresh" in again.stderr and "skipped" not in again.stderr
    assert len([line for line in out.read_text(encoding="utf-8").splitlines() if "findings" in line]) == 8


def test_resume_with_an_output_file_needs_jsonl(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous\n", encoding="utf-8")
    result = run("check", ROOT / "seeds", "--format", "json", "--resume", tmp_path / "s", "--output", out)
    assert result.returncode == 2
    assert "--resume with --output needs --format jsonl" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert not (tmp_path / "s").exists()
