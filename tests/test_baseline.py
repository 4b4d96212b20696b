"""Baselines and review files: `auditor baseline create`, `auditor check --baseline`.

A baseline suppresses the findings it records and says how many it suppressed; it survives edits elsewhere
in a document but not a change to the claim's numbers; "./dir/file" and "dir/file" are one document;
a corrupt file is a one-line usage error. Review verdicts: dismissed suppresses, confirmed does not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from auditor import cli
from auditor.document import read_document
from auditor.engine import Engine
from auditor.review import Review, load_review, save_review
from auditor.rules.schema import load_rules
from cli_runner import run, run_each as run_all

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED0 = next(iter(sorted(SEEDS.glob("000_*.txt"))))
SEED0_REL = f"seeds/{SEED0.name}"


# -- helpers -----------------------------------------------------------------------------------------------

def findings_of(report: dict) -> list[dict]:
    return [f for doc in report["documents"] for f in doc["findings"]]


@lru_cache(maxsize=1)
def engine() -> Engine:
    return Engine(load_rules([str(ROOT / "rules")]))


@lru_cache(maxsize=1)
def seed0_first_finding():
    return engine().check(read_document(str(SEED0))).findings[0]


# -- a baseline of the seeds -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_baseline(tmp_path_factory):
    path = tmp_path_factory.mktemp("baseline") / "baseline.json"
    proc = run("baseline", "create", "seeds/", "-o", path)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"\b4 findings\b", proc.stderr), proc.stderr
    assert proc.stdout == ""
    return path


def test_baseline_file_records_every_seed_finding(seeds_baseline):
    data = json.loads(seeds_baseline.read_text(encoding="utf-8"))
    assert data["format"] == "auditor-review"
    verdicts = data["verdicts"]
    assert len(verdicts) == 4
    assert {v["verdict"] for v in verdicts} == {"baseline"}
    # paths are relative to the baseline file's folder, written once and plainly
    folder = seeds_baseline.parent
    assert all(Path(os.path.normpath(folder / v["path"])).parent == SEEDS for v in verdicts)
    assert all(not v["path"].startswith(("./", "/")) for v in verdicts)
    assert len({(v["path"], v["fingerprint"]) for v in verdicts}) == 4
    review = load_review(seeds_baseline)
    assert len(review.entries) == 4


def test_check_with_the_baseline_reports_nothing(seeds_baseline):
    text, js = run_all((ROOT, "check", "seeds/", "--baseline", seeds_baseline),
                       (ROOT, "check", "seeds/", "--baseline", seeds_baseline, "--format", "json"))
    assert text.returncode == 0, text.stderr
    assert "error[" not in text.stdout
    assert "4 suppressed" in text.stdout
    assert js.returncode == 0
    report = json.loads(js.stdout)
    assert findings_of(report) == []
    assert report["summary"]["suppressed"] == 4
    assert report["summary"]["error"] == 0
    assert report["summary"]["documents"] == 4


def test_the_same_document_however_its_path_is_written(seeds_baseline, tmp_path):
    single = tmp_path / "single.json"
    created = run("baseline", "create", f"./{SEED0_REL}", "-o", single)
    assert created.returncode == 0, created.stderr
    paths = [v["path"] for v in json.loads(single.read_text(encoding="utf-8"))["verdicts"]]
    assert [os.path.normpath(tmp_path / p) for p in paths] == [str(SEED0)] * 3
    runs = run_all(
        (ROOT, "check", f"./{SEED0_REL}", "--baseline", seeds_baseline, "--format", "json"),
        (ROOT, "check", str(SEED0), "--baseline", seeds_baseline, "--format", "json"),
        (ROOT, "check", "./seeds", "--baseline", seeds_baseline, "--format", "json"),
        (ROOT, "check", SEED0_REL, "--baseline", single, "--format", "json"),
    )
    for proc in runs:
        assert proc.returncode == 0, (proc.args, proc.stdout)
        report = json.loads(proc.stdout)
        assert findings_of(report) == [], proc.args
        assert report["summary"]["suppressed"] >= 3


# -- edits to a baselined document -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edited_runs(tmp_path_factory):
    """Seed 000 baselined as doc.txt, then checked as it was, edited elsewhere, and with a claim changed."""
    base = tmp_path_factory.mktemp("edits")
    original = SEED0.read_text(encoding="utf-8")
    assert original.count("at least 1,500") == 3
    assert "bloody operation" in original
    edited_elsewhere = ("Editor's note: this article was translated from Russian.\n\n"
                        + original.replace("bloody operation", "brutal operation", 1))
    claim_changed = original.replace("at least 1,500", "at least 1,700", 1)
    variants = {"same": original, "elsewhere": edited_elsewhere, "claim": claim_changed}
    made = base / "made"
    made.mkdir()
    (made / "doc.txt").write_text(original, encoding="utf-8")
    created = run("baseline", "create", "doc.txt", "-o", "baseline.json", cwd=made)
    assert created.returncode == 0, created.stderr
    commands = []
    for name, text in variants.items():
        where = base / name
        where.mkdir()
        (where / "doc.txt").write_text(text, encoding="utf-8")
        shutil.copy(made / "baseline.json", where / "baseline.json")
        commands.append((where, "check", "doc.txt", "--baseline", "baseline.json", "--format", "json"))
    return dict(zip(variants, run_all(*commands)))


def test_unchanged_document_is_fully_suppressed(edited_runs):
    proc = edited_runs["same"]
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert findings_of(report) == []
    assert report["summary"]["suppressed"] == 3


def test_edits_elsewhere_keep_the_findings_suppressed(edited_runs):
    proc = edited_runs["elsewhere"]
    assert proc.returncode == 0, proc.stdout
    report = json.loads(proc.stdout)
    assert findings_of(report) == []
    assert report["summary"]["suppressed"] == 3


def test_changing_the_claim_reports_that_finding_again(edited_runs):
    proc = edited_runs["claim"]
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    (finding,) = findings_of(report)
    assert finding["rule"] == "ratio.implied-count"
    assert finding["spans"][0]["text"] == "at least 1,700"
    assert report["summary"]["suppressed"] == 2
    assert report["summary"]["error"] == 1


# -- review verdicts ---------------------------------------------------------------------------------------

def test_dismissed_suppresses_and_confirmed_does_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED0, tmp_path / "doc.txt")
    findings = engine().check(read_document("doc.txt")).findings
    assert len(findings) == 3
    dismissed, confirmed, anywhere = findings
    review = Review()
    review.set("./doc.txt", dismissed, "dismissed", reason="the ratio is the source's, not ours")
    review.set("doc.txt", confirmed, "confirmed")
    save_review(review, "review.json")
    # an entry without a path applies to every document
    data = json.loads(Path("review.json").read_text(encoding="utf-8"))
    data["verdicts"].append({"fingerprint": anywhere.fingerprint, "verdict": "baseline"})
    Path("review.json").write_text(json.dumps(data), encoding="utf-8")

    loaded = load_review("review.json")
    assert loaded.verdict("doc.txt", dismissed.fingerprint).reason == "the ratio is the source's, not ours"
    assert loaded.suppresses("doc.txt", dismissed) and loaded.suppresses("doc.txt", anywhere)
    assert not loaded.suppresses("doc.txt", confirmed)

    proc = run("check", "doc.txt", "--baseline", "review.json", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    (reported,) = findings_of(report)
    assert reported["fingerprint"] == confirmed.fingerprint
    assert report["summary"]["suppressed"] == 2


def test_review_set_rejects_unknown_verdicts():
    finding = seed0_first_finding()
    with pytest.raises(ValueError):
        Review().set(str(SEED0), finding, "ignored")


def test_save_review_round_trip(tmp_path):
    finding = seed0_first_finding()
    review = Review()
    review.set(str(SEED0), finding, "dismissed", "known")
    target = tmp_path / "review.json"
    target.write_text("old", encoding="utf-8")
    save_review(review, target)
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]
    again = load_review(target)
    assert list(again.entries.values())[0].verdict == "dismissed"
    assert again.suppresses(str(SEED0), finding)
    assert not again.suppresses(str(SEEDS / "other.txt"), finding)


# -- corrupt baseline files --------------------------------------------------------------------------------

CORRUPT = {
    "not-json": "this is not JSON\n",
    "empty": "",
    "truncated": '{"format": "auditor-review", "verdicts": [',
    "list": "[]",
    "string": '"auditor-review"',
    "wrong-format": '{"format": "sarif", "verdicts": []}',
    "no-format": '{"verdicts": []}',
    "verdicts-not-a-list": '{"format": "auditor-review", "verdicts": {}}',
    "verdict-not-an-object": '{"format": "auditor-review", "verdicts": ["abc"]}',
    "fingerprint-not-a-string": '{"format": "auditor-review", '
                                '"verdicts": [{"fingerprint": 1, "verdict": "baseline"}]}',
    "unknown-verdict": '{"format": "auditor-review", '
                       '"verdicts": [{"fingerprint": "ab", "verdict": "ignore"}]}',
}


def _assert_one_line_error(code: int, err: str, name: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("auditor: error: ")
    assert name in lines[0]


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_baseline_is_a_one_line_usage_error(case, tmp_path, capsys):
    path = tmp_path / f"{case}.json"
    path.write_text(CORRUPT[case], encoding="utf-8")
    code = cli.main(["check", str(SEED0), "--baseline", str(path)])
    captured = capsys.readouterr()
    _assert_one_line_error(code, captured.err, path.name)
    assert captured.out == ""


def test_missing_and_binary_baselines(tmp_path, capsys):
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    for path in (tmp_path / "missing.json", binary, tmp_path):
        code = cli.main(["check", str(SEED0), "--baseline", str(path)])
        _assert_one_line_error(code, capsys.readouterr().err, path.name)


def test_corrupt_baseline_end_to_end(tmp_path):
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    proc = run("check", str(SEEDS), "--baseline", "b.json", cwd=tmp_path)
    _assert_one_line_error(proc.returncode, proc.stderr, "b.json")


@pytest.mark.parametrize("path_value", ["5", '["a.txt"]'])
def test_verdict_path_of_the_wrong_type(tmp_path, capsys, path_value):
    path = tmp_path / "b.json"
    path.write_text('{"format": "auditor-review", "verdicts": [{"fingerprint": "ab", "verdict": "baseline", '
                    f'"path": {path_value}}}]}}', encoding="utf-8")
    code = cli.main(["check", str(SEED0), "--baseline", str(path)])
    _assert_one_line_error(code, capsys.readouterr().err, "b.json")


def test_deeply_nested_baseline(tmp_path, capsys):
    path = tmp_path / "b.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    code = cli.main(["check", str(SEED0), "--baseline", str(path)])
    _assert_one_line_error(code, capsys.readouterr().err, "b.json")
