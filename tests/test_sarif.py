"""`auditor check --format sarif` and `--output FILE`: the log validates against the official SARIF 2.1.0
schema, sarif-tools reads it, and its regions point at exactly the characters docs/contract.md's offsets name.
`--output` writes atomically: a run that fails leaves the previous file as it was.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from auditor import cli
from auditor.atomic import atomic_writer
from auditor.rules.schema import load_rules
from cli_runner import run, run_all

ROOT = Path(__file__).resolve().parent.parent
SARIF_TOOL = Path(sys.executable).with_name("sarif")
SEEDS = ROOT / "seeds"
RULES_DIR = ROOT / "rules"
SCHEMA_PATH = Path(__file__).resolve().parent / "fixtures" / "sarif-schema-2.1.0.json"
MIXED_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "mixed"

# -- helpers -----------------------------------------------------------------------------------------------

def contract_text(path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def to_offset(text: str, line: int, column: int) -> int:
    starts = line_starts(text)
    assert 1 <= line <= len(starts), (line, len(starts))
    offset = starts[line - 1] + column - 1
    line_end = starts[line] if line < len(starts) else len(text)
    assert starts[line - 1] <= offset <= line_end, (line, column)
    return offset


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def uri_to_path(uri: str) -> str:
    assert urlsplit(uri).scheme == "", f"{uri!r} would be read as a URI with a scheme"
    return unquote(uri)


def check_region(text: str, region: dict, span: dict) -> None:
    """A SARIF region names exactly the characters of a contract span."""
    start, end = span["start"], span["end"]
    assert region["charOffset"] == start
    assert region["charLength"] == end - start
    assert text[region["charOffset"]: region["charOffset"] + region["charLength"]] == span["text"]
    assert to_offset(text, region["startLine"], region["startColumn"]) == start
    # SARIF's endColumn is the column just after the region
    assert to_offset(text, region["endLine"], region["endColumn"]) == end
    if "snippet" in region:
        assert span["text"].splitlines()[0] in region["snippet"]["text"]


# -- the seeds -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_runs():
    sarif, js = run_all(("check", "seeds", "--format", "sarif"), ("check", "seeds", "--format", "json"))
    return sarif, js


@pytest.fixture(scope="module")
def seeds_sarif(seeds_runs, tmp_path_factory):
    sarif, _ = seeds_runs
    assert sarif.returncode == 1, sarif.stderr
    path = tmp_path_factory.mktemp("sarif") / "seeds.sarif"
    path.write_text(sarif.stdout, encoding="utf-8")
    return path, json.loads(sarif.stdout)


@pytest.fixture(scope="module")
def seeds_json(seeds_runs):
    _, js = seeds_runs
    assert js.returncode == 1, js.stderr
    return json.loads(js.stdout)


def _json_findings(report: dict) -> list[tuple[str, dict]]:
    return [(doc["path"], f) for doc in report["documents"] for f in doc["findings"]]


def test_seeds_sarif_validates_against_the_official_schema(seeds_sarif):
    _, log = seeds_sarif
    assert log["version"] == "2.1.0"
    assert_valid_sarif(log)
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_seeds_have_four_errors(seeds_json):
    assert seeds_json["summary"]["error"] == 4
    assert len(_json_findings(seeds_json)) == 4


def test_sarif_tools_summary_reads_the_log(seeds_sarif, seeds_json):
    path, _ = seeds_sarif
    proc = subprocess.run([str(SARIF_TOOL), "summary", str(path)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^error: 4$", proc.stdout, re.M), proc.stdout
    assert re.search(r"^warning: 0$", proc.stdout, re.M), proc.stdout
    for rule in {f["rule"] for _, f in _json_findings(seeds_json)}:
        assert rule in proc.stdout
    assert re.search(r"ratio\.implied-count .*: 3$", proc.stdout, re.M), proc.stdout
    assert re.search(r"area\.part-exceeds-whole .*: 1$", proc.stdout, re.M), proc.stdout


def test_sarif_tools_html_report(seeds_sarif, tmp_path):
    path, _ = seeds_sarif
    out = tmp_path / "report.html"
    proc = subprocess.run([str(SARIF_TOOL), "html", str(path), "-o", str(out)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()
    html = out.read_text(encoding="utf-8")
    assert "ratio.implied-count" in html
    assert "area.part-exceeds-whole" in html


def test_driver_lists_every_shipped_rule(seeds_sarif):
    _, log = seeds_sarif
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "auditor"
    shipped = {r.id for r in load_rules([str(RULES_DIR)]).rules}
    assert shipped, "no shipped rules found"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == shipped
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_results_carry_the_json_findings(seeds_sarif, seeds_json):
    _, log = seeds_sarif
    run_ = log["runs"][0]
    results = run_["results"]
    expected = _json_findings(seeds_json)
    assert len(results) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    rules = run_["tool"]["driver"]["rules"]
    for result, (path, finding) in zip(results, expected):
        assert result["ruleId"] == finding["rule"]
        assert result["level"] == levels[finding["severity"]]
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert finding["message"] in result["message"]["text"]
        assert result["properties"]["derivation"] == finding["derivation"]
        fingerprints = result["partialFingerprints"]
        assert fingerprints and finding["fingerprint"] in fingerprints.values()
        (location,) = result["locations"]
        assert uri_to_path(location["physicalLocation"]["artifactLocation"]["uri"]) == path
    fingerprints = [tuple(sorted(r["partialFingerprints"].items())) for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_regions_and_related_locations_match_the_text(seeds_sarif, seeds_json):
    _, log = seeds_sarif
    for result, (path, finding) in zip(log["runs"][0]["results"], _json_findings(seeds_json)):
        text = contract_text(ROOT / path)
        claim, *others = finding["spans"]
        check_region(text, result["locations"][0]["physicalLocation"]["region"], claim)
        related = result.get("relatedLocations", [])
        assert len(related) == len(others)
        ids = [r["id"] for r in related]
        assert len(set(ids)) == len(ids)
        for rel, span in zip(related, others):
            physical = rel["physicalLocation"]
            assert uri_to_path(physical["artifactLocation"]["uri"]) == path
            check_region(text, physical["region"], span)
            assert span["role"] in rel["message"]["text"]


def test_regions_count_code_points_after_a_bom_with_crlf(tmp_path):
    doc = tmp_path / "crlf.txt"
    doc.write_bytes("\ufeffHeadline \U0001F600 here\r\n\r\nIn the \U0001F600 north, rebels hold 52,000 "
                    "square kilometres of a province\r\nwhose total area is 48,000 square kilometres.\r\n"
                    .encode("utf-8"))
    sarif, js = run_all(("check", "crlf.txt", "--format", "sarif"), ("check", "crlf.txt", "--format", "json"),
                        cwd=tmp_path)
    log = json.loads(sarif.stdout)
    assert_valid_sarif(log)
    findings = _json_findings(json.loads(js.stdout))
    results = log["runs"][0]["results"]
    assert len(results) == len(findings) == 1
    text = contract_text(doc)
    (_, finding), result = findings[0], results[0]
    claim, *others = finding["spans"]
    region = result["locations"][0]["physicalLocation"]["region"]
    check_region(text, region, claim)
    assert (region["startLine"], region["startColumn"]) == (3, 29)  # the emoji is one column
    for rel, span in zip(result["relatedLocations"], others):
        check_region(text, rel["physicalLocation"]["region"], span)
        assert rel["physicalLocation"]["region"]["startLine"] == 4


def test_clean_document_gives_an_empty_valid_log(tmp_path):
    (tmp_path / "clean.txt").write_text("Nothing to see here; 12 people attended.\n", encoding="utf-8")
    proc = run("check", "clean.txt", "--format", "sarif", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_invalid_rule_file_is_a_configuration_notification():
    proc = run("check", "seeds", "--rules", str(MIXED_RULES.relative_to(ROOT)), "--format", "sarif")
    assert proc.returncode == 3, proc.stderr
    log = json.loads(proc.stdout)
    assert_valid_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolConfigurationNotifications"]
    assert notes
    for note in notes:
        location = note["locations"][0]["physicalLocation"]
        assert uri_to_path(location["artifactLocation"]["uri"]).endswith("invalid.yaml")
        assert location["region"]["startLine"] >= 1


# -- --output FILE --------------------------------------------------------------------------------------

def test_output_file_gets_sarif_and_stdout_gets_text(tmp_path, seeds_sarif):
    out = tmp_path / "report.sarif"
    with_output, plain_text = run_all(("check", "seeds", "--format", "sarif", "--output", out),
                                      ("check", "seeds", "--format", "text"))
    assert with_output.returncode == 1, with_output.stderr
    assert with_output.stdout == plain_text.stdout
    assert "error[ratio.implied-count]" in with_output.stdout
    assert not with_output.stdout.lstrip().startswith("{")
    log = json.loads(out.read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    assert log == seeds_sarif[1]
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]  # no temporary file left behind


def test_output_file_json(tmp_path, seeds_json):
    out = tmp_path / "report.json"
    proc = run("check", "seeds", "--format", "json", "-o", out)
    assert proc.returncode == 1
    assert json.loads(out.read_text(encoding="utf-8")) == seeds_json
    assert "error[" in proc.stdout


def test_output_untouched_when_the_run_is_interrupted(tmp_path, monkeypatch, capsys):
    """Ctrl-C after the first document: exit 130, and the previous report is still there, whole."""
    import auditor.batch as batch

    out = tmp_path / "report.sarif"
    out.write_text("previous report\n", encoding="utf-8")
    real = batch.check_items

    def interrupted(*args, **kwargs):
        for outcome in real(*args, **kwargs):
            yield outcome
            raise KeyboardInterrupt

    monkeypatch.setattr(batch, "check_items", interrupted)
    code = cli.main(["check", str(SEEDS), "--format", "sarif", "--jobs", "1", "--output", str(out)])
    assert code == 130
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]
    assert "interrupted" in capsys.readouterr().err


def test_output_untouched_when_no_rules_are_found(tmp_path):
    (tmp_path / "no-rules").mkdir()
    out = tmp_path / "report.sarif"
    out.write_text("previous report\n", encoding="utf-8")
    proc = run("check", str(SEEDS), "--rules", "no-rules", "--format", "sarif", "-o", "report.sarif",
               cwd=tmp_path)
    assert proc.returncode == 2
    assert "no rules found" in proc.stderr
    assert out.read_text(encoding="utf-8") == "previous report\n"


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path):
    out = tmp_path / "missing" / "report.sarif"
    proc = run("check", "seeds", "--format", "sarif", "-o", out)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: ") and "report.sarif" in lines[0]
    assert not out.exists()


def test_output_naming_a_directory_is_a_usage_error(tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    proc = run("check", "seeds", "--format", "sarif", "-o", target)
    assert proc.returncode == 2
    assert "reports" in proc.stderr and "auditor: error: " in proc.stderr
    assert target.is_dir() and not list(target.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


# -- atomic_writer --------------------------------------------------------------------------------------

def test_atomic_writer_replaces_on_success(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_writer(target) as f:
        f.write("new ✓")
        assert target.read_text(encoding="utf-8") == "old"  # nothing visible before the block ends
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt()])
def test_atomic_writer_keeps_the_old_file_on_error(tmp_path, exc):
    target = tmp_path / "f.txt"
    target.write_text("old content\n", encoding="utf-8")
    with pytest.raises(type(exc)):
        with atomic_writer(target) as f:
            f.write("half of a new")
            raise exc
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_atomic_writer_error_without_an_old_file_leaves_nothing(tmp_path):
    target = tmp_path / "new.txt"
    with pytest.raises(ValueError):
        with atomic_writer(target) as f:
            f.write("x")
            raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_new_file_mode_follows_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "f.txt") as f:
            f.write("x")
    finally:
        os.umask(old)
    assert (tmp_path / "f.txt").stat().st_mode & 0o777 == 0o644
